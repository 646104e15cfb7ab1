//! Credentials and configuration: login/logout, precedence, profiles, file mode, redaction.

use predicates::prelude::*;
use serde_json::{Value, json};

use crate::fake_blue::{FakeBlue, TOKEN_ID, TOKEN_SECRET};
use crate::support::bluehook;

fn tmp_config() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bluehook").join("config.toml");
    (dir, path)
}

/// `bluehook --config FILE` with no credentials in the environment.
fn bare(config: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = bluehook();
    cmd.arg("--config").arg(config);
    cmd
}

fn write_profile(config: &std::path::Path, profile: &str, token_id: &str, url: &str) {
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    let text = format!(
        "[profiles.{profile}]\ntoken_id = \"{token_id}\"\ntoken_secret = \"{TOKEN_SECRET}\"\n\
         org = \"acme\"\napi_url = \"{url}\"\n"
    );
    std::fs::write(config, text).unwrap();
}

fn stdout_json(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

#[test]
fn login_checks_the_credentials_then_saves_them_privately() {
    let fake = FakeBlue::start();
    let (_dir, config) = tmp_config();
    let out = bare(&config)
        .args(["login", "--token-id", TOKEN_ID, "--token-secret", TOKEN_SECRET, "--org", "acme"])
        .args(["--api-url", fake.url()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Ada Lovelace <ada@example.com>") && err.contains("Acme Inc"), "{err}");
    assert!(!err.contains(TOKEN_SECRET));
    let sent = fake.last("WhoAmI");
    assert_eq!(sent.variables, json!({ "org": "acme", "withOrg": true }));
    assert_eq!(sent.headers["x-bloo-company-id"], "acme");

    let file: toml::Table = toml::from_str(&std::fs::read_to_string(&config).unwrap()).unwrap();
    let profile = &file["profiles"]["default"];
    assert_eq!(profile["token_id"].as_str(), Some(TOKEN_ID));
    assert_eq!(profile["token_secret"].as_str(), Some(TOKEN_SECRET));
    assert_eq!(profile["api_url"].as_str(), Some(fake.url()));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&config).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    // The saved profile is enough for the next command.
    bare(&config).args(["list", "--json"]).assert().success().stdout("[]\n");
    assert_eq!(fake.last("ListWebhooks").headers["x-bloo-token-id"], TOKEN_ID);
}

#[test]
fn login_with_rejected_credentials_saves_nothing() {
    let fake = FakeBlue::start();
    let (_dir, config) = tmp_config();
    bare(&config)
        .args([
            "login",
            "--token-id",
            TOKEN_ID,
            "--token-secret",
            "pat_wrong",
            "--api-url",
            fake.url(),
        ])
        .assert()
        .code(6)
        .stderr(predicate::str::contains("nothing was saved"));
    assert!(!config.exists());
    bare(&config)
        .args(["login", "--token-id", TOKEN_ID])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--token-secret (or BLUE_TOKEN_SECRET) is required"));
    assert_eq!(fake.received().len(), 1);
}

#[test]
fn flags_beat_environment_beat_config_file() {
    let fake = FakeBlue::start();
    let (_dir, config) = tmp_config();
    write_profile(&config, "default", TOKEN_ID, fake.url());
    // The file alone works.
    bare(&config).args(["list", "--json"]).assert().success();
    // The environment overrides the file: a wrong id there is used, and rejected.
    bare(&config).env("BLUE_TOKEN_ID", "from-env").arg("list").assert().code(6);
    assert_eq!(fake.last("ListWebhooks").headers["x-bloo-token-id"], "from-env");
    // A flag overrides the environment.
    bare(&config)
        .env("BLUE_TOKEN_ID", "from-env")
        .args(["list", "--token-id", TOKEN_ID])
        .assert()
        .success();

    let out = bare(&config)
        .env("BLUE_ORG_ID", "env-org")
        .args(["config", "show", "--json", "--api-url", "http://127.0.0.1:1/graphql"])
        .output()
        .unwrap();
    let v = stdout_json(&out);
    assert_eq!(
        v["token_id"],
        json!({ "value": TOKEN_ID, "source": { "kind": "file", "name": "default" } })
    );
    assert_eq!(
        v["org"],
        json!({ "value": "env-org", "source": { "kind": "env", "name": "BLUE_ORG_ID" } })
    );
    assert_eq!(v["api_url"]["source"], json!({ "kind": "flag", "name": "--api-url" }));
    assert_eq!(v["profile"]["source"], json!({ "kind": "default" }));
}

#[test]
fn profiles_are_chosen_by_flag_or_environment() {
    let fake = FakeBlue::start();
    let (_dir, config) = tmp_config();
    write_profile(&config, "work", TOKEN_ID, fake.url());
    bare(&config)
        .arg("list")
        .assert()
        .code(6)
        .stderr(predicate::str::contains("profile `default`"));
    bare(&config).args(["--profile", "work", "list", "--json"]).assert().success();
    bare(&config).env("BLUEHOOK_PROFILE", "work").args(["list", "--json"]).assert().success();
    let out =
        bare(&config).args(["config", "show", "--json", "--profile", "work"]).output().unwrap();
    let v = stdout_json(&out);
    assert_eq!(
        v["profile"],
        json!({ "value": "work", "source": { "kind": "flag", "name": "--profile" } })
    );
    assert_eq!(v["profiles"], json!(["work"]));

    bare(&config)
        .args(["--profile", "work", "logout"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--yes"));
    bare(&config).args(["--profile", "work", "logout", "--yes"]).assert().success();
    bare(&config).args(["--profile", "work", "list"]).assert().code(6);
}

/// The source of a value comes from the parser, not from comparing it with the environment:
/// a flag given with the same value as its variable is the flag.
#[test]
fn a_flag_equal_to_its_environment_variable_is_named_the_flag() {
    let (_dir, config) = tmp_config();
    write_profile(&config, "work", TOKEN_ID, "https://api.blue.cc/graphql");
    let out = bare(&config)
        .env("BLUE_ORG_ID", "acme")
        .env("BLUE_TOKEN_ID", "same-id")
        .env("BLUE_API_URL", "http://127.0.0.1:1/graphql")
        .env("BLUEHOOK_PROFILE", "work")
        .args(["--profile", "work", "config", "show", "--json"])
        .args(["--org", "acme", "--token-id", "same-id"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v = stdout_json(&out);
    assert_eq!(v["org"], json!({ "value": "acme", "source": { "kind": "flag", "name": "--org" } }));
    assert_eq!(v["token_id"]["source"], json!({ "kind": "flag", "name": "--token-id" }));
    assert_eq!(v["profile"]["source"], json!({ "kind": "flag", "name": "--profile" }));
    // Not given as a flag: the environment's.
    assert_eq!(v["api_url"]["source"], json!({ "kind": "env", "name": "BLUE_API_URL" }));

    // A variable alone, before or after the subcommand's own flags, is the environment's.
    let out = bare(&config)
        .env("BLUEHOOK_PROFILE", "work")
        .env("BLUE_ORG_ID", "acme")
        .args(["config", "show"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("work  (environment BLUEHOOK_PROFILE)"), "{text}");
    assert!(text.contains("acme  (environment BLUE_ORG_ID)"), "{text}");
}

/// An empty `--secret` is named as the flag even when `BLUEHOOK_SECRET` is empty too.
#[test]
fn an_empty_secret_flag_is_named_even_with_an_empty_variable() {
    let dir = tempfile::tempdir().unwrap();
    let body = dir.path().join("body.json");
    std::fs::write(&body, "{}").unwrap();
    let out = bluehook()
        .env("BLUEHOOK_SECRET", "")
        .args(["sign", "--secret", ""])
        .arg(&body)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("--secret is empty"), "{err}");
}

#[test]
fn config_show_redacts_the_secret_and_names_sources() {
    let (_dir, config) = tmp_config();
    write_profile(&config, "default", TOKEN_ID, "https://api.blue.cc/graphql");
    let out =
        bare(&config).env("BLUE_TOKEN_ID", "env-id").args(["config", "show"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains(TOKEN_SECRET), "secret shown: {text}");
    assert!(text.contains("pat_********"), "{text}");
    assert!(text.contains("env-id  (environment BLUE_TOKEN_ID)"), "{text}");
    assert!(
        text.contains("https://api.blue.cc/graphql  (config file, profile `default`)"),
        "{text}"
    );
    let out = bare(&config).args(["config", "show", "--json"]).output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains(TOKEN_SECRET));
}

#[test]
fn config_path_follows_flag_environment_and_xdg() {
    let (dir, config) = tmp_config();
    bare(&config)
        .args(["config", "path"])
        .assert()
        .success()
        .stdout(format!("{}\n", config.display()));
    let env_path = dir.path().join("env.toml");
    bluehook()
        .env("BLUEHOOK_CONFIG", &env_path)
        .args(["config", "path"])
        .assert()
        .stdout(format!("{}\n", env_path.display()));
    bluehook()
        .env("XDG_CONFIG_HOME", dir.path())
        .args(["config", "path"])
        .assert()
        .stdout(format!("{}\n", dir.path().join("bluehook/config.toml").display()));
}

#[test]
fn a_broken_config_file_is_a_clear_error() {
    let (_dir, config) = tmp_config();
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "[profiles.default\ntoken_id = 1").unwrap();
    bare(&config)
        .args(["config", "show"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a valid bluehook config file"))
        .stderr(predicate::str::contains("config.toml"));
}

#[cfg(unix)]
#[test]
fn a_config_file_others_can_read_is_flagged() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, config) = tmp_config();
    write_profile(&config, "default", TOKEN_ID, "https://api.blue.cc/graphql");
    std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o644)).unwrap();
    bare(&config)
        .args(["config", "show"])
        .assert()
        .success()
        .stderr(predicate::str::contains("readable by others (mode 644)"))
        .stderr(predicate::str::contains("chmod 600"));
}

/// The manage guide's configuration example names the API bluehook talks to by default.
#[test]
fn the_guide_s_profile_example_uses_the_default_api_url() {
    let readme = std::fs::read_to_string(crate::support::root().join("docs/manage.md")).unwrap();
    let urls: Vec<&str> = readme
        .lines()
        .filter_map(|l| l.trim().strip_prefix("api_url = \""))
        .filter_map(|l| l.split('"').next())
        .collect();
    assert!(!urls.is_empty());
    for url in urls {
        assert_eq!(url, bluehook::config::DEFAULT_API_URL);
    }
}
