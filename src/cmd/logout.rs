use super::Context;
use crate::cli::LogoutArgs;
use crate::config;

pub fn run(args: &LogoutArgs, cx: &Context) -> anyhow::Result<()> {
    let path = config::path(&super::place(cx))?;
    let profile = config::profile_name(&super::place(cx));
    let file = config::load(&path, &cx.console)?;
    if !file.profiles.contains_key(&profile) {
        cx.console
            .note(format!("No profile `{profile}` is saved in {}; nothing to do.", path.display()));
        return Ok(());
    }
    if !args.yes {
        crate::term::prompt::require_yes(false, &format!("remove profile `{profile}`"))?;
        let question = format!("Remove the saved credentials of profile `{profile}`?");
        if !crate::term::prompt::confirm(&question)? {
            return Err(crate::term::prompt::cancelled("the profile was kept", &cx.console));
        }
    }
    config::update(&path, &cx.console, |f| {
        f.profiles.remove(&profile);
    })?;
    cx.console.note(format!("Removed profile `{profile}` from {}.", path.display()));
    if std::env::var_os("BLUE_TOKEN_ID").is_some()
        || std::env::var_os("BLUE_TOKEN_SECRET").is_some()
    {
        cx.console.warn(
            "BLUE_TOKEN_ID / BLUE_TOKEN_SECRET are still set in the environment and still apply",
        );
    }
    Ok(())
}
