use crate::cli::{GlobalArgs, LogoutArgs};
use crate::config;
use crate::term::output;

pub async fn run(args: &LogoutArgs, global: &GlobalArgs) -> anyhow::Result<()> {
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
    let kept = &file.profiles[&profile].kept_webhooks;
    let kept: Vec<(String, String)> = kept.iter().map(|(n, k)| (n.clone(), k.id.clone())).collect();
    forget_kept(&kept, global).await;
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

/// Deletes the webhooks the profile keeps for `listen --keep` from Blue; one that cannot be
/// deleted is named with the command that finishes the job.
async fn forget_kept(kept: &[(String, String)], global: &GlobalArgs) {
    if kept.is_empty() {
        return;
    }
    let timeout = std::time::Duration::from_secs(30);
    let client = match super::client_from(&config::Given::from_env(), timeout, global) {
        Ok(c) => c,
        Err(e) => {
            let ids: Vec<&str> = kept.iter().map(|(_, id)| id.as_str()).collect();
            output::warn(format!("the kept webhooks ({}) stay on Blue: {e:#}", ids.join(", ")));
            return;
        }
    };
    for (name, id) in kept {
        let keep = match super::keep(name, global) {
            Ok(k) => k,
            Err(e) => return output::warn(format!("{e:#}")),
        };
        match crate::listen::register::forget_kept(&client, &keep).await {
            Ok(Some(id)) => output::note(format!("Deleted the kept webhook `{name}` ({id}).")),
            Ok(None) => {}
            Err(e) => output::warn(format!(
                "could not delete the kept webhook `{name}`: {e:#}; `bluehook delete {id}` \
                 finishes it"
            )),
        }
    }
}
