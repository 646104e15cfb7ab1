use crate::cli::{GlobalArgs, LogoutArgs};
use crate::config;
use crate::term::output;

pub fn run(args: &LogoutArgs, global: &GlobalArgs) -> anyhow::Result<()> {
    let path = config::path(&super::place(global))?;
    let profile = config::profile_name(&super::place(global));
    let file = config::load(&path)?;
    if !file.profiles.contains_key(&profile) {
        output::note(format!(
            "No profile `{profile}` is saved in {}; nothing to do.",
            path.display()
        ));
        return Ok(());
    }
    if !args.yes {
        crate::term::prompt::require_yes(false, &format!("remove profile `{profile}`"))?;
        let question = format!("Remove the saved credentials of profile `{profile}`?");
        if !crate::term::prompt::confirm(&question)? {
            return Err(crate::term::prompt::cancelled("the profile was kept"));
        }
    }
    config::update(&path, |f| {
        f.profiles.remove(&profile);
    })?;
    output::note(format!("Removed profile `{profile}` from {}.", path.display()));
    if std::env::var_os("BLUE_TOKEN_ID").is_some()
        || std::env::var_os("BLUE_TOKEN_SECRET").is_some()
    {
        output::warn(
            "BLUE_TOKEN_ID / BLUE_TOKEN_SECRET are still set in the environment and still apply",
        );
    }
    Ok(())
}
