//! Helpers shared by the integration tests.

use std::path::PathBuf;

/// A `bluehook` command isolated from the user's environment: no Blue or bluehook variables,
/// no colour, and a config directory of its own.
pub fn bluehook() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::from_std(bluehook_std());
    cmd.timeout(std::time::Duration::from_secs(60));
    cmd
}

/// The same isolation for a `std::process::Command` (for long-running children).
pub fn bluehook_std() -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("bluehook"));
    scrub(&mut cmd);
    cmd
}

fn scrub(cmd: &mut std::process::Command) {
    for (key, _) in std::env::vars_os() {
        let k = key.to_string_lossy();
        if k.starts_with("BLUE_") || k.starts_with("BLUEHOOK_") || k == "NO_COLOR" {
            cmd.env_remove(&key);
        }
    }
    cmd.env("XDG_CONFIG_HOME", empty_config_home());
    cmd.env("CLICOLOR", "0");
}

/// A config directory that holds nothing (tests that need a config file pass `--config`).
fn empty_config_home() -> PathBuf {
    let dir = std::env::temp_dir().join("bluehook-tests-empty-config");
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// The project root (where `completions/` lives).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}
