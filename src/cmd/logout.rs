use super::Context;
use crate::cli::LogoutArgs;
use crate::config;

pub async fn run(args: &LogoutArgs, cx: &Context) -> anyhow::Result<()> {
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
    let kept = &file.profiles[&profile].kept_webhooks;
    let kept: Vec<(String, String)> = kept.iter().map(|(n, k)| (n.clone(), k.id.clone())).collect();
    forget_kept(&kept, cx).await;
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

/// Deletes the webhooks the profile keeps for `listen --keep` from Blue; one that cannot be
/// deleted is named with the command that finishes the job.
async fn forget_kept(kept: &[(String, String)], cx: &Context) {
    if kept.is_empty() {
        return;
    }
    let timeout = std::time::Duration::from_secs(30);
    let client = match super::client_from(&config::Given::from_env(), timeout, cx) {
        Ok(c) => c,
        Err(e) => {
            let ids: Vec<&str> = kept.iter().map(|(_, id)| id.as_str()).collect();
            cx.console.warn(format!("the kept webhooks ({}) stay on Blue: {e:#}", ids.join(", ")));
            return;
        }
    };
    for (name, id) in kept {
        let keep = match super::keep(name, cx) {
            Ok(k) => k,
            Err(e) => return cx.console.warn(format!("{e:#}")),
        };
        match crate::listen::register::forget_kept(&client, &keep).await {
            Ok(Some(id)) => cx.console.note(format!("Deleted the kept webhook `{name}` ({id}).")),
            Ok(None) => {}
            Err(e) => cx.console.warn(format!(
                "could not delete the kept webhook `{name}`: {e:#}; `bluehook delete {id}` \
                 finishes it"
            )),
        }
    }
}
