//! Configuration: credentials in named profiles, saved webhook secrets, and where each
//! setting comes from (flag > environment > config file > default).
//!
//! The file is TOML at `$XDG_CONFIG_HOME/bluehook/config.toml` (else
//! `~/.config/bluehook/config.toml`), or wherever `--config`/`BLUEHOOK_CONFIG` points. It is
//! written atomically with mode 0600, keeping any keys bluehook does not know.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::{Deserialize, Serialize};

use crate::cli::{ApiArgs, GlobalArgs, SecretArgs};
use crate::error::{Exit, Failure};

/// Blue's GraphQL endpoint when nothing else is configured.
pub const DEFAULT_API_URL: &str = "https://api.blue.app/graphql";
/// The profile used when `--profile`/`BLUEHOOK_PROFILE` is not given.
pub const DEFAULT_PROFILE: &str = "default";

/// The whole configuration file.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct File {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub profiles: BTreeMap<String, Profile>,
    /// Signing secrets saved by `bluehook create --save-secret`, keyed by webhook id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub webhook_secrets: BTreeMap<String, String>,
    /// Names of the webhooks whose secrets are saved, to their ids (`--webhook NAME`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub webhook_names: BTreeMap<String, String>,
    /// Keys this version does not know, kept as they were.
    #[serde(flatten)]
    pub other: toml::Table,
}

/// Credentials and endpoint saved under one profile name.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_secret: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_url: Option<String>,
    #[serde(flatten)]
    pub other: toml::Table,
}

/// The configuration file's path: `--config`/`BLUEHOOK_CONFIG`, else the platform's place.
pub fn path(global: &GlobalArgs) -> anyhow::Result<PathBuf> {
    if let Some(p) = &global.config {
        return Ok(p.clone());
    }
    let nonempty = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from);
    let base = match nonempty("XDG_CONFIG_HOME").filter(|p| p.is_absolute()) {
        Some(dir) => dir,
        None => nonempty("HOME").map(|h| h.join(".config")).context(
            "cannot find a config directory: set HOME or XDG_CONFIG_HOME, or pass --config",
        )?,
    };
    Ok(base.join("bluehook").join("config.toml"))
}

/// The profile in use and whether it was chosen (`--profile`/`BLUEHOOK_PROFILE`).
pub fn profile_name(global: &GlobalArgs) -> String {
    global.profile.clone().unwrap_or_else(|| DEFAULT_PROFILE.to_string())
}

/// Reads the file; a missing file is an empty configuration.
pub fn load(path: &Path) -> anyhow::Result<File> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(File::default()),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    warn_if_shared(path);
    parse(&text).map_err(|e| {
        Failure::usage(format!("{} is not a valid bluehook config file: {e}", path.display()))
            .with_hint("fix or remove the file; `bluehook login` writes a new one")
            .into()
    })
}

/// Parses a config file's text. Pure: no I/O.
pub fn parse(text: &str) -> Result<File, toml::de::Error> {
    toml::from_str(text)
}

/// The file holds secrets: say so when others can read it.
fn warn_if_shared(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let Ok(meta) = std::fs::metadata(path) else { return };
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            crate::term::output::warn(format!(
                "{} holds secrets but is readable by others (mode {mode:o}); run `chmod 600 {}`",
                path.display(),
                path.display()
            ));
        }
    }
}

/// Writes the file atomically (a temporary file in the same directory, then a rename),
/// readable by its owner only.
pub fn save(path: &Path, file: &File) -> anyhow::Result<()> {
    let text = toml::to_string_pretty(file).context("cannot encode the configuration")?;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("config.toml");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = write_private(&tmp, text.as_bytes()).and_then(|()| {
        std::fs::rename(&tmp, path).with_context(|| format!("cannot replace {}", path.display()))
    });
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

fn create_private_dir(dir: &Path) -> anyhow::Result<()> {
    if dir.exists() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).with_context(|| format!("cannot create {}", dir.display()))
}

fn write_private(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let mut f = opts.open(path).with_context(|| format!("cannot write {}", path.display()))?;
    f.write_all(bytes).and_then(|()| f.sync_all())?;
    Ok(())
}

/// Loads, changes and saves the file in one go.
pub fn update(path: &Path, change: impl FnOnce(&mut File)) -> anyhow::Result<()> {
    let mut file = load(path)?;
    change(&mut file);
    save(path, &file)
}

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "name")]
pub enum Source {
    Flag(&'static str),
    Env(&'static str),
    File(String),
    Default,
    Unset,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Flag(n) => write!(f, "flag {n}"),
            Source::Env(n) => write!(f, "environment {n}"),
            Source::File(p) => write!(f, "config file, profile `{p}`"),
            Source::Default => f.write_str("default"),
            Source::Unset => f.write_str("not set"),
        }
    }
}

/// One resolved setting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Setting {
    pub value: Option<String>,
    pub source: Source,
}

/// Every API setting, resolved, with its source.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub path: PathBuf,
    /// The file as read (empty when there is none).
    pub file: File,
    pub profile: String,
    pub profile_source: Source,
    pub token_id: Setting,
    pub token_secret: Setting,
    pub org: Setting,
    pub api_url: Setting,
}

/// Resolves the API settings: flag > environment > the profile in the config file > default.
pub fn resolve(api: &ApiArgs, global: &GlobalArgs) -> anyhow::Result<Resolved> {
    let path = path(global)?;
    let file = load(&path)?;
    let profile = profile_name(global);
    let saved = file.profiles.get(&profile).cloned().unwrap_or_default();
    let pick = |given: &Option<String>, flag, env, saved: &Option<String>| {
        pick(given, flag, env, saved, &profile)
    };
    let mut api_url = pick(&api.api_url, "--api-url", "BLUE_API_URL", &saved.api_url);
    if api_url.value.is_none() {
        api_url = Setting { value: Some(DEFAULT_API_URL.to_string()), source: Source::Default };
    }
    Ok(Resolved {
        token_id: pick(&api.token_id, "--token-id", "BLUE_TOKEN_ID", &saved.token_id),
        token_secret: pick(
            &api.token_secret,
            "--token-secret",
            "BLUE_TOKEN_SECRET",
            &saved.token_secret,
        ),
        org: pick(&api.org, "--org", "BLUE_ORG_ID", &saved.org),
        api_url,
        profile_source: name_source(global.profile.as_ref(), "--profile", "BLUEHOOK_PROFILE"),
        profile,
        path,
        file,
    })
}

fn pick(
    given: &Option<String>,
    flag: &'static str,
    env: &'static str,
    saved: &Option<String>,
    profile: &str,
) -> Setting {
    let given = given.clone().filter(|v| !v.is_empty());
    if let Some(v) = given {
        let source = name_source(Some(&v), flag, env);
        return Setting { value: Some(v), source };
    }
    match saved.clone().filter(|v| !v.is_empty()) {
        Some(v) => Setting { value: Some(v), source: Source::File(profile.to_string()) },
        None => Setting { value: None, source: Source::Unset },
    }
}

/// clap merges a flag and its environment variable; tell them apart by the variable's value
/// (a flag equal to the variable gives the same result either way).
fn name_source(value: Option<&String>, flag: &'static str, env: &'static str) -> Source {
    match value {
        None => Source::Default,
        Some(v) if std::env::var(env).ok().as_ref() == Some(v) => Source::Env(env),
        Some(_) => Source::Flag(flag),
    }
}

/// A secret shown as its first few characters and stars: enough to recognise, not to use.
pub fn redact(secret: &str) -> String {
    let shown: String =
        if secret.chars().count() > 12 { secret.chars().take(4).collect() } else { String::new() };
    format!("{shown}********")
}

/// The signing secret a command should use: `--secret`/`BLUEHOOK_SECRET`, or the one saved
/// for `--webhook ID` by `bluehook create --save-secret`. `None` means unsigned/unverified.
/// An empty `--secret`/`BLUEHOOK_SECRET` counts as none.
pub fn resolve_secret(args: &SecretArgs, global: &GlobalArgs) -> anyhow::Result<Option<String>> {
    if let Some(secret) = args.secret.as_ref().filter(|s| !s.is_empty()) {
        return Ok(Some(secret.clone()));
    }
    let Some(id) = &args.webhook else { return Ok(None) };
    let path = path(global)?;
    let file = load(&path)?;
    saved_secret(&file, id).map(|s| Some(s.to_string())).ok_or_else(|| {
        Failure::new(
            Exit::Usage,
            format!("no signing secret is saved for webhook `{id}` in {}", path.display()),
        )
        .with_hint(not_saved_hint(&file))
        .into()
    })
}

/// Like [`resolve_secret`], for commands that cannot work without a secret.
pub fn require_secret(args: &SecretArgs, global: &GlobalArgs) -> anyhow::Result<String> {
    resolve_secret(args, global)?.ok_or_else(|| {
        Failure::usage("a signing secret is needed")
            .with_hint("pass --secret, set BLUEHOOK_SECRET, or --webhook ID for a saved one")
            .into()
    })
}

/// What to say when `--webhook` names no saved secret: which ones are saved, if any.
fn not_saved_hint(file: &File) -> String {
    let once = "Blue shows a secret only once, at creation (`bluehook create --save-secret`); \
                otherwise pass --secret or BLUEHOOK_SECRET";
    if file.webhook_secrets.is_empty() {
        return format!("no secret is saved yet. {once}");
    }
    let saved: Vec<String> = file
        .webhook_secrets
        .keys()
        .map(|id| match file.webhook_names.iter().find(|(_, i)| *i == id) {
            Some((name, _)) => format!("{name} ({id})"),
            None => id.clone(),
        })
        .collect();
    format!("secrets are saved for: {}. {once}", saved.join(", "))
}

/// The secret saved for a webhook id, a saved webhook's name (exact, then ignoring case), or
/// the one saved id that starts with `id`.
pub fn saved_secret<'a>(file: &'a File, id: &str) -> Option<&'a str> {
    if let Some(s) = file.webhook_secrets.get(id) {
        return Some(s);
    }
    let by_name = file.webhook_names.get(id).or_else(|| {
        let mut same = file.webhook_names.iter().filter(|(n, _)| n.eq_ignore_ascii_case(id));
        match (same.next(), same.next()) {
            (Some((_, i)), None) => Some(i),
            _ => None,
        }
    });
    if let Some(s) = by_name.and_then(|i| file.webhook_secrets.get(i)) {
        return Some(s);
    }
    let mut matches =
        file.webhook_secrets.iter().filter(|(k, _)| !id.is_empty() && k.starts_with(id));
    match (matches.next(), matches.next()) {
        (Some((_, s)), None) => Some(s),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::ColorWhen;

    fn global(config: &Path) -> GlobalArgs {
        GlobalArgs {
            color: ColorWhen::Never,
            verbose: 0,
            config: Some(config.into()),
            profile: None,
        }
    }

    #[test]
    fn save_is_private_and_keeps_unknown_keys() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/config.toml");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "future = 1\n[profiles.work]\ntoken_id = \"a\"\ncolour = \"blue\"\n")
            .unwrap();
        update(&path, |f| {
            f.webhook_secrets.insert("wh1".into(), "s1".into());
        })
        .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("future = 1") && text.contains("colour = \"blue\""), "{text}");
        let file = load(&path).unwrap();
        assert_eq!(file.profiles["work"].token_id.as_deref(), Some("a"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        let leftovers = std::fs::read_dir(path.parent().unwrap()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }

    #[test]
    fn resolve_secret_prefers_the_flag_then_the_saved_secret() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        update(&path, |f| {
            f.webhook_secrets.insert("cmwh123".into(), "saved".into());
        })
        .unwrap();
        let g = global(&path);
        let args = |secret: Option<&str>, webhook: Option<&str>| SecretArgs {
            secret: secret.map(Into::into),
            webhook: webhook.map(Into::into),
        };
        assert_eq!(resolve_secret(&args(Some("flag"), None), &g).unwrap().as_deref(), Some("flag"));
        assert_eq!(resolve_secret(&args(Some(""), None), &g).unwrap(), None, "empty is none");
        assert!(require_secret(&args(Some(""), None), &g).is_err());
        assert_eq!(
            resolve_secret(&args(None, Some("cmwh123")), &g).unwrap().as_deref(),
            Some("saved")
        );
        assert_eq!(
            resolve_secret(&args(None, Some("cmwh")), &g).unwrap().as_deref(),
            Some("saved")
        );
        assert_eq!(resolve_secret(&args(None, None), &g).unwrap(), None);
        let err = resolve_secret(&args(None, Some("other")), &g).unwrap_err();
        let report = crate::error::report(&err);
        assert_eq!(report.exit, Exit::Usage);
        let hint = report.hint.unwrap();
        assert!(
            hint.contains("bluehook create --save-secret") && hint.contains("cmwh123"),
            "{hint}"
        );
        update(&path, |f| {
            f.webhook_names.insert("Orders".into(), "cmwh123".into());
        })
        .unwrap();
        for name in ["Orders", "orders"] {
            let got = resolve_secret(&args(None, Some(name)), &g).unwrap();
            assert_eq!(got.as_deref(), Some("saved"), "{name}");
        }
        let err = resolve_secret(&args(None, Some("other")), &g).unwrap_err();
        let hint = crate::error::report(&err).hint.unwrap();
        assert!(hint.contains("Orders (cmwh123)"), "{hint}");
    }

    #[test]
    fn malformed_file_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "[profiles.default\n").unwrap();
        let err = load(&path).unwrap_err();
        assert!(err.to_string().contains("config.toml is not a valid bluehook config file"));
    }

    #[test]
    fn redaction_hides_all_but_a_short_prefix() {
        assert_eq!(redact("pat_0123456789abcdef"), "pat_********");
        assert_eq!(redact("short"), "********");
    }
}
