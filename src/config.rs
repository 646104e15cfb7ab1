//! Configuration: credentials in named profiles, saved webhook secrets, and where each
//! setting comes from (flag > environment > config file > default).
//!
//! The file is TOML at `$XDG_CONFIG_HOME/bluehook/config.toml` (else
//! `~/.config/bluehook/config.toml`), or wherever `--config`/`BLUEHOOK_CONFIG` points. It is
//! written atomically with mode 0600, keeping any keys bluehook does not know.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use serde::{Deserialize, Serialize};

use crate::api;
use crate::error::{Exit, Failure};
use crate::term::{Console, output};

/// Blue's GraphQL endpoint when nothing else is configured.
pub const DEFAULT_API_URL: &str = api::DEFAULT_API_URL;
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
    /// Webhooks `listen --register --keep NAME` keeps across runs, by NAME.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub kept_webhooks: BTreeMap<String, KeptWebhook>,
    #[serde(flatten)]
    pub other: toml::Table,
}

/// A webhook kept across `listen` runs: its id and signing secret.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptWebhook {
    pub id: String,
    pub secret: String,
}

/// The webhook kept as `name` in `profile`, if any (its secret is registered for redaction).
pub fn kept_webhook(
    path: &Path,
    profile: &str,
    name: &str,
    console: &Console,
) -> anyhow::Result<Option<KeptWebhook>> {
    let file = load(path, console)?;
    let kept = file.profiles.get(profile).and_then(|p| p.kept_webhooks.get(name)).cloned();
    Ok(kept)
}

/// Saves (or with `None`, forgets) the webhook kept as `name` in `profile`.
pub fn keep_webhook(
    path: &Path,
    profile: &str,
    name: &str,
    kept: Option<KeptWebhook>,
    console: &Console,
) -> anyhow::Result<()> {
    update(path, console, |f| {
        let p = f.profiles.entry(profile.to_string()).or_default();
        match kept {
            Some(k) => p.kept_webhooks.insert(name.to_string(), k),
            None => p.kept_webhooks.remove(name),
        };
    })
}

/// Which file and profile to use, as given on the command line or in the environment
/// (`--config`/`BLUEHOOK_CONFIG`, `--profile`/`BLUEHOOK_PROFILE`); `None` when not given.
#[derive(Debug, Clone, Default)]
pub struct Place {
    pub config: Option<PathBuf>,
    pub profile: Option<String>,
    /// Which of the two came from the environment.
    pub from_env: FromEnv,
}

/// The environment variables whose values the command line took, as the parser reports each
/// value's source: a value given both as a flag and in the environment is the flag's, and only
/// a value whose variable is listed here is said to come from the environment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FromEnv(Vec<String>);

impl FromEnv {
    /// The variables named.
    pub fn new(names: impl IntoIterator<Item = String>) -> FromEnv {
        FromEnv(names.into_iter().collect())
    }

    /// Whether the value of this variable was taken.
    pub fn contains(&self, name: &str) -> bool {
        self.0.iter().any(|n| n == name)
    }
}

/// The API settings given as flags or environment variables; `None` when not given.
#[derive(Debug, Clone, Default)]
pub struct Given {
    pub token_id: Option<String>,
    pub token_secret: Option<String>,
    pub org: Option<String>,
    pub api_url: Option<String>,
    /// Which of them came from the environment.
    pub from_env: FromEnv,
}

impl Given {
    /// What `BLUE_TOKEN_ID`, `BLUE_TOKEN_SECRET`, `BLUE_ORG_ID` and `BLUE_API_URL` give, for
    /// commands that reach Blue without taking the API flags.
    pub fn from_env() -> Given {
        const NAMES: [&str; 4] =
            ["BLUE_TOKEN_ID", "BLUE_TOKEN_SECRET", "BLUE_ORG_ID", "BLUE_API_URL"];
        let [token_id, token_secret, org, api_url] = NAMES.map(|k| std::env::var(k).ok());
        let set = NAMES.iter().filter(|k| std::env::var_os(k).is_some()).map(|k| k.to_string());
        Given { token_id, token_secret, org, api_url, from_env: FromEnv::new(set) }
    }
}

/// A signing secret as given: `--secret`/`BLUEHOOK_SECRET`, or `--webhook ID` for a saved one.
#[derive(Debug, Clone, Default)]
pub struct SecretGiven {
    pub secret: Option<String>,
    pub webhook: Option<String>,
    /// Whether the secret came from the environment (`BLUEHOOK_SECRET`) rather than `--secret`.
    pub secret_from_env: bool,
}

/// The configuration file's path: `--config`/`BLUEHOOK_CONFIG`, else the platform's place.
pub fn path(global: &Place) -> anyhow::Result<PathBuf> {
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

/// Where bluehook keeps state between runs (the `--answer-first` queue):
/// `$XDG_STATE_HOME/bluehook`, else `~/.local/state/bluehook`.
pub fn state_dir() -> anyhow::Result<PathBuf> {
    let nonempty = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from);
    let base = match nonempty("XDG_STATE_HOME").filter(|p| p.is_absolute()) {
        Some(dir) => dir,
        None => nonempty("HOME").map(|h| h.join(".local").join("state")).context(
            "cannot find a state directory: set HOME or XDG_STATE_HOME, or pass --queue FILE",
        )?,
    };
    Ok(base.join("bluehook"))
}

/// The profile in use and whether it was chosen (`--profile`/`BLUEHOOK_PROFILE`).
pub fn profile_name(global: &Place) -> String {
    global.profile.clone().unwrap_or_else(|| DEFAULT_PROFILE.to_string())
}

/// Reads the file; a missing file is an empty configuration. Every secret it holds is
/// redacted from whatever `console` prints from now on.
pub fn load(path: &Path, console: &Console) -> anyhow::Result<File> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(File::default()),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    warn_if_shared(path, console);
    let file = parse(&text).map_err(|e| {
        Failure::usage(format!(
            "{}:{} is not a valid bluehook config file: {}",
            path.display(),
            position(&text, &e),
            describe(&e)
        ))
        .with_hint("fix or remove the file; `bluehook login` writes a new one")
    })?;
    register_secrets(&file, console);
    Ok(file)
}

fn register_secrets(file: &File, console: &Console) {
    let tokens = file.profiles.values().filter_map(|p| p.token_secret.as_deref());
    let kept = file.profiles.values().flat_map(|p| p.kept_webhooks.values());
    tokens
        .chain(file.webhook_secrets.values().map(String::as_str))
        .chain(kept.map(|k| k.secret.as_str()))
        .for_each(|s| console.secret(s));
}

/// `LINE:COLUMN` (1-based) of a parse error, or `?` when the parser gave no place.
fn position(text: &str, e: &toml::de::Error) -> String {
    let Some(span) = e.span() else { return "?".into() };
    let before = &text.as_bytes()[..span.start.min(text.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    format!("{line}:{column}")
}

/// What is wrong, without any of the file's text: the parser quotes the offending line (and
/// serde quotes values in `"..."`), and either may be a secret.
fn describe(e: &toml::de::Error) -> String {
    let first = e.message().lines().next().unwrap_or("").trim();
    let pieces: Vec<&str> = first.split('"').collect();
    let mut out = String::new();
    for (i, piece) in pieces.iter().enumerate() {
        let inside = i % 2 == 1 && i + 1 < pieces.len();
        match (inside, i % 2 == 1) {
            (true, _) => out.push_str("\"...\""),
            (false, true) => out.push_str(&format!("\"{piece}")),
            (false, false) => out.push_str(piece),
        }
    }
    output::escape(&out, 200)
}

/// Parses a config file's text. Pure: no I/O.
pub fn parse(text: &str) -> Result<File, toml::de::Error> {
    toml::from_str(text)
}

/// The file holds secrets: say so when others can read it.
fn warn_if_shared(path: &Path, console: &Console) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let Ok(meta) = std::fs::metadata(path) else { return };
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            console.warn(format!(
                "{} holds secrets but is readable by others (mode {mode:o}); run `chmod 600 {}`",
                path.display(),
                path.display()
            ));
        }
    }
}

/// Writes the file atomically (a temporary file in the same directory, then a rename),
/// readable by its owner only.
/// A symbolic link (a config kept in a dotfiles repository, say) is written through: its
/// target is replaced and the link stays.
pub fn save(path: &Path, file: &File) -> anyhow::Result<()> {
    let text = toml::to_string_pretty(file).context("cannot encode the configuration")?;
    replace_private(path, text.as_bytes())
}

/// Replaces the file `path` names (through symbolic links) with `bytes`, whole, readable by
/// its owner only: written beside it, then renamed over it.
pub fn replace_private(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let target = link_target(path)?;
    let path = target.as_path();
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("config.toml");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = write_private(&tmp, bytes).and_then(|()| {
        std::fs::rename(&tmp, path).with_context(|| format!("cannot replace {}", path.display()))
    });
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// The file a path finally names, following symbolic links (the path itself when it is none).
fn link_target(path: &Path) -> anyhow::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let next = std::fs::read_link(&current)
                    .with_context(|| format!("cannot read the link {}", current.display()))?;
                let base = current.parent().unwrap_or(Path::new("."));
                current = base.join(next);
            }
            _ => return Ok(current),
        }
    }
    Err(Failure::usage(format!("{} is a loop of symbolic links", path.display())).into())
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
pub fn update(
    path: &Path,
    console: &Console,
    change: impl FnOnce(&mut File),
) -> anyhow::Result<()> {
    let mut file = load(path, console)?;
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
/// The token secret and any password in the API URL are redacted from whatever `console`
/// prints from now on.
pub fn resolve(given: &Given, place: &Place, console: &Console) -> anyhow::Result<Resolved> {
    let path = path(place)?;
    let file = load(&path, console)?;
    let profile = profile_name(place);
    let saved = file.profiles.get(&profile).cloned().unwrap_or_default();
    let given_all = given;
    let pick = |given: &Option<String>, flag, env, saved: &Option<String>| {
        pick(given, (flag, env, &given_all.from_env), saved, &profile)
    };
    let mut api_url = pick(&given.api_url, "--api-url", "BLUE_API_URL", &saved.api_url);
    if api_url.value.is_none() {
        api_url = Setting { value: Some(DEFAULT_API_URL.to_string()), source: Source::Default };
    }
    let token_secret =
        pick(&given.token_secret, "--token-secret", "BLUE_TOKEN_SECRET", &saved.token_secret);
    token_secret.value.as_deref().into_iter().for_each(|s| console.secret(s));
    api_url.value.as_deref().into_iter().for_each(|u| console.url_password(u));
    Ok(Resolved {
        token_id: pick(&given.token_id, "--token-id", "BLUE_TOKEN_ID", &saved.token_id),
        token_secret,
        org: pick(&given.org, "--org", "BLUE_ORG_ID", &saved.org),
        api_url,
        profile_source: name_source(
            place.profile.as_ref(),
            ("--profile", "BLUEHOOK_PROFILE", &place.from_env),
        ),
        profile,
        path,
        file,
    })
}

impl Resolved {
    /// The API client's settings; exit 6 when the token id or secret is missing.
    pub fn api_settings(
        &self,
        timeout: Duration,
        verbosity: u8,
        console: &Console,
    ) -> Result<api::Settings, Failure> {
        let (Some(token_id), Some(token_secret)) =
            (self.token_id.value.clone(), self.token_secret.value.clone())
        else {
            return Err(self.no_credentials());
        };
        Ok(api::Settings {
            url: self.api_url.value.clone().unwrap_or_else(|| DEFAULT_API_URL.into()),
            token_id,
            token_secret,
            org: self.org.value.clone(),
            timeout,
            verbosity,
            console: console.clone(),
        })
    }

    fn no_credentials(&self) -> Failure {
        let missing = match (&self.token_id.value, &self.token_secret.value) {
            (None, None) => "no Blue API credentials are configured",
            (None, Some(_)) => "no Blue token id is configured (the token secret is)",
            _ => "no Blue token secret is configured (the token id is)",
        };
        Failure::new(Exit::Auth, format!("{missing} (profile `{}`)", self.profile))
            .with_hint(crate::error::LOGIN_HINT)
    }
}

/// A flag's name, its environment variable's, and the variables whose values were taken.
type Names<'a> = (&'static str, &'static str, &'a FromEnv);

fn pick(given: &Option<String>, names: Names, saved: &Option<String>, profile: &str) -> Setting {
    let given = given.clone().filter(|v| !v.is_empty());
    if let Some(v) = given {
        let source = name_source(Some(&v), names);
        return Setting { value: Some(v), source };
    }
    match saved.clone().filter(|v| !v.is_empty()) {
        Some(v) => Setting { value: Some(v), source: Source::File(profile.to_string()) },
        None => Setting { value: None, source: Source::Unset },
    }
}

/// Where a value given on the command line came from, as the parser said.
fn name_source(value: Option<&String>, (flag, env, from_env): Names) -> Source {
    match value {
        None => Source::Default,
        Some(_) if from_env.contains(env) => Source::Env(env),
        Some(_) => Source::Flag(flag),
    }
}

/// A secret shown as its first few characters and stars: enough to recognise, not to use.
pub fn redact(secret: &str) -> String {
    output::redact(secret)
}

/// The signing secret a command should use: `--secret`/`BLUEHOOK_SECRET`, or the one saved
/// for `--webhook ID` by `bluehook create --save-secret`. `None` (unsigned, unverified) only
/// when neither is given: an empty `--secret` or `BLUEHOOK_SECRET` (say, an unset variable in a
/// CI script) is a usage error, never a silent "no verification". The secret is redacted from
/// whatever `console` prints from now on.
pub fn resolve_secret(
    given: &SecretGiven,
    place: &Place,
    console: &Console,
) -> anyhow::Result<Option<String>> {
    if let Some(secret) = &given.secret {
        if secret.is_empty() {
            return Err(empty_secret(given.secret_from_env).into());
        }
        console.secret(secret);
        return Ok(Some(secret.clone()));
    }
    let Some(id) = &given.webhook else { return Ok(None) };
    let path = path(place)?;
    let file = load(&path, console)?;
    saved_secret(&file, id).map(|s| Some(s.to_string())).ok_or_else(|| {
        Failure::new(
            Exit::Usage,
            format!("no signing secret is saved for webhook `{id}` in {}", path.display()),
        )
        .with_hint(not_saved_hint(&file))
        .into()
    })
}

fn empty_secret(from_env: bool) -> Failure {
    let what = match from_env {
        true => "the environment variable BLUEHOOK_SECRET is set but empty",
        false => "--secret is empty",
    };
    Failure::usage(format!("{what}; an empty signing secret would turn signatures off"))
        .with_hint("give the webhook's secret; to go without one, leave out --secret and unset BLUEHOOK_SECRET")
}

/// Like [`resolve_secret`], for commands that cannot work without a secret.
pub fn require_secret(
    given: &SecretGiven,
    place: &Place,
    console: &Console,
) -> anyhow::Result<String> {
    resolve_secret(given, place, console)?.ok_or_else(|| {
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

    fn global(config: &Path) -> Place {
        Place { config: Some(config.into()), ..Place::default() }
    }

    #[test]
    fn save_is_private_and_keeps_unknown_keys() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/config.toml");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "future = 1\n[profiles.work]\ntoken_id = \"a\"\ncolour = \"blue\"\n")
            .unwrap();
        update(&path, &Console::default(), |f| {
            f.webhook_secrets.insert("wh1".into(), "s1".into());
        })
        .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("future = 1") && text.contains("colour = \"blue\""), "{text}");
        let file = load(&path, &Console::default()).unwrap();
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
        let c = Console::default();
        update(&path, &c, |f| {
            f.webhook_secrets.insert("cmwh123".into(), "saved".into());
        })
        .unwrap();
        let g = global(&path);
        let args = |secret: Option<&str>, webhook: Option<&str>| SecretGiven {
            secret: secret.map(Into::into),
            webhook: webhook.map(Into::into),
            secret_from_env: false,
        };
        let resolve = |secret, webhook| resolve_secret(&args(secret, webhook), &g, &c);
        assert_eq!(resolve(Some("flag"), None).unwrap().as_deref(), Some("flag"));
        let empty = resolve(Some(""), None).unwrap_err();
        let report = crate::error::report(&empty);
        assert_eq!(report.exit, Exit::Usage, "an empty secret is a usage error, not none");
        assert!(report.message.unwrap().contains("--secret is empty"));
        assert!(require_secret(&args(Some(""), None), &g, &c).is_err());
        assert_eq!(resolve(None, Some("cmwh123")).unwrap().as_deref(), Some("saved"));
        assert_eq!(resolve(None, Some("cmwh")).unwrap().as_deref(), Some("saved"));
        assert_eq!(resolve(None, None).unwrap(), None);
        let err = resolve(None, Some("other")).unwrap_err();
        let report = crate::error::report(&err);
        assert_eq!(report.exit, Exit::Usage);
        let hint = report.hint.unwrap();
        assert!(
            hint.contains("bluehook create --save-secret") && hint.contains("cmwh123"),
            "{hint}"
        );
        update(&path, &c, |f| {
            f.webhook_names.insert("Orders".into(), "cmwh123".into());
        })
        .unwrap();
        for name in ["Orders", "orders"] {
            let got = resolve(None, Some(name)).unwrap();
            assert_eq!(got.as_deref(), Some("saved"), "{name}");
        }
        let err = resolve(None, Some("other")).unwrap_err();
        let hint = crate::error::report(&err).hint.unwrap();
        assert!(hint.contains("Orders (cmwh123)"), "{hint}");
    }

    #[test]
    fn sources_are_what_the_parser_said_and_secrets_go_to_the_console_given() {
        let dir = tempfile::tempdir().unwrap();
        let place = global(&dir.path().join("config.toml"));
        let given = |from_env: &[&str]| Given {
            org: Some("acme".into()),
            token_secret: Some("pat_given_0123456789".into()),
            from_env: FromEnv::new(from_env.iter().map(|s| s.to_string())),
            ..Given::default()
        };
        let (console, other) = (Console::default(), Console::default());
        let r = resolve(&given(&[]), &place, &console).unwrap();
        assert_eq!(r.org.source, Source::Flag("--org"));
        assert_eq!(r.token_id.source, Source::Unset);
        assert_eq!(r.profile_source, Source::Default);
        let r = resolve(&given(&["BLUE_ORG_ID"]), &place, &console).unwrap();
        assert_eq!(r.org.source, Source::Env("BLUE_ORG_ID"));
        assert_eq!(r.token_secret.source, Source::Flag("--token-secret"));
        assert_eq!(console.scrub("pat_given_0123456789"), "pat_********");
        assert_eq!(other.scrub("pat_given_0123456789"), "pat_given_0123456789");
    }

    #[test]
    fn malformed_file_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "[profiles.default\n").unwrap();
        let err = load(&path, &Console::default()).unwrap_err();
        assert!(err.to_string().contains("config.toml:1:"), "{err}");
        assert!(err.to_string().contains("is not a valid bluehook config file"), "{err}");
    }

    #[test]
    fn parse_errors_name_the_place_never_the_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let cases = [
            "[profiles.default]\ntoken_id = \"t\"\ntoken_secret = \"pat_leak_0123456789\n",
            "[profiles.default]\ntoken_secret = pat_leak_0123456789\n",
            "[webhook_secrets]\nwh = \"pat_leak_0123456789\"\nwh = \"pat_leak_0123456789\"\n",
            "[profiles]\ndefault = \"pat_leak_0123456789\"\n",
        ];
        for text in cases {
            std::fs::write(&path, text).unwrap();
            let err = load(&path, &Console::default()).unwrap_err();
            let report = crate::error::report(&err);
            let msg = report.message.unwrap();
            assert!(!msg.contains("leak"), "the secret is not shown: {msg}");
            assert!(msg.contains("config.toml:") && msg.contains(':'), "{msg}");
            assert_eq!(report.exit, Exit::Usage);
        }
        std::fs::write(&path, cases[1]).unwrap();
        let msg = load(&path, &Console::default()).unwrap_err().to_string();
        assert!(msg.contains("config.toml:2:"), "line 2: {msg}");
    }

    #[cfg(unix)]
    #[test]
    fn save_writes_through_a_symbolic_link() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("dotfiles/bluehook.toml");
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(&target, "[profiles.old]\ntoken_id = \"o\"\n").unwrap();
        let link = dir.path().join("config.toml");
        std::os::unix::fs::symlink("dotfiles/bluehook.toml", &link).unwrap();
        update(&link, &Console::default(), |f| {
            f.webhook_secrets.insert("wh1".into(), "s1".into());
        })
        .unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "still a link");
        let text = std::fs::read_to_string(&target).unwrap();
        assert!(text.contains("wh1") && text.contains("[profiles.old]"), "{text}");
        let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[test]
    fn redaction_hides_all_but_a_short_prefix() {
        assert_eq!(redact("pat_0123456789abcdef"), "pat_********");
        assert_eq!(redact("short"), "********");
    }
}
