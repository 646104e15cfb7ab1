//! The CI kit: `action.yml` (a composite GitHub Action), the release workflow and the
//! `cargo binstall` metadata. The YAML is parsed and its structure checked (actionlint is in
//! neither Debian nor crates.io), and the action's `run:` steps run here as the shell scripts
//! they are, with releases served from a `file://` URL.

use std::collections::HashMap;
use std::path::Path;

use yaml_rust2::{Yaml, YamlLoader};

use crate::support::root;

fn load(path: &str) -> Yaml {
    let text = std::fs::read_to_string(root().join(path)).unwrap();
    YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}")).remove(0)
}

fn steps(action: &Yaml) -> Vec<Yaml> {
    action["runs"]["steps"].as_vec().expect("runs.steps").clone()
}

#[test]
fn the_action_is_a_composite_action_whose_scripts_take_no_expressions() {
    let action = load("action.yml");
    assert!(action["name"].as_str().is_some() && action["description"].as_str().is_some());
    assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
    for input in ["version", "download-url"] {
        assert!(action["inputs"][input]["description"].as_str().is_some(), "input {input}");
    }
    let ids: Vec<&str> = ["release", "install"].to_vec();
    let steps = steps(&action);
    for id in &ids {
        assert!(steps.iter().any(|s| s["id"].as_str() == Some(id)), "step {id}");
    }
    assert_eq!(
        action["outputs"]["installed-from"]["value"].as_str(),
        Some("${{ steps.install.outputs.from }}")
    );
    for step in &steps {
        match step["run"].as_str() {
            // Inputs reach scripts through env only, never pasted into the script.
            Some(run) => {
                assert_eq!(step["shell"].as_str(), Some("bash"), "{run}");
                assert!(!run.contains("${{"), "an expression inside a script: {run}");
            }
            None => assert!(step["uses"].as_str().is_some_and(|u| u.contains('@')), "{step:?}"),
        }
    }
}

#[test]
fn release_assets_are_the_ones_the_action_and_binstall_download() {
    let workflow = load(".github/workflows/release.yml");
    let tags = &workflow["on"]["push"]["tags"];
    assert_eq!(tags[0].as_str(), Some("v*"));
    let build = &workflow["jobs"]["build"];
    let include = build["strategy"]["matrix"]["include"].as_vec().unwrap();
    let targets: Vec<&str> = include.iter().map(|m| m["target"].as_str().unwrap()).collect();
    for os in ["linux", "apple-darwin", "windows"] {
        assert!(targets.iter().any(|t| t.contains(os)), "{os} in {targets:?}");
    }
    let action = std::fs::read_to_string(root().join("action.yml")).unwrap();
    for t in &targets {
        assert!(action.contains(&format!("target={t} ")), "the action knows {t}");
    }
    let steps = build["steps"].as_vec().unwrap();
    let upload =
        steps.iter().find(|s| s["uses"].as_str().is_some_and(|u| u.contains("gh-release")));
    let asset = upload.expect("an upload step")["with"]["files"].as_str().unwrap();
    assert_eq!(asset, "bluehook-${{ matrix.target }}.tar.gz");
    assert!(action.contains("bluehook-$target.tar.gz"));
    let manifest: toml::Table =
        std::fs::read_to_string(root().join("Cargo.toml")).unwrap().parse().unwrap();
    let binstall = &manifest["package"]["metadata"]["binstall"];
    assert_eq!(
        binstall["pkg-url"].as_str(),
        Some("{ repo }/releases/download/v{ version }/{ name }-{ target }.tar.gz")
    );
    assert_eq!(binstall["pkg-fmt"].as_str(), Some("tgz"));
}

/// Runs one `run:` step of the action with bash, with `env` as GitHub would set it, and
/// returns what it wrote to `$GITHUB_OUTPUT`.
fn run_step(id: &str, env: &HashMap<&str, String>, dir: &Path) -> HashMap<String, String> {
    let action = load("action.yml");
    let step = steps(&action).into_iter().find(|s| s["id"].as_str() == Some(id)).unwrap();
    let output = dir.join(format!("{id}.output"));
    std::fs::write(&output, "").unwrap();
    let run = std::process::Command::new("bash")
        .arg("-c")
        .arg(step["run"].as_str().unwrap())
        .envs(env)
        .env("GITHUB_OUTPUT", &output)
        .output()
        .expect("bash runs");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        run.status.success(),
        "step {id} failed: {stderr}{}",
        String::from_utf8_lossy(&run.stdout)
    );
    let text = std::fs::read_to_string(&output).unwrap();
    text.lines().filter_map(|l| l.split_once('=')).map(|(k, v)| (k.into(), v.into())).collect()
}

#[cfg(unix)]
fn environment(dir: &Path) -> HashMap<&'static str, String> {
    let mut env = HashMap::new();
    env.insert("RUNNER_TEMP", dir.join("runner-temp").display().to_string());
    env.insert("HOME", dir.join("home").display().to_string());
    env.insert("GITHUB_PATH", dir.join("path").display().to_string());
    env.insert("BLUEHOOK_RUNNER_OS", "Linux".into());
    env.insert("BLUEHOOK_RUNNER_ARCH", "X64".into());
    env.insert("BLUEHOOK_ACTION_REPOSITORY", "owner/bluehook".into());
    env.insert("BLUEHOOK_DOWNLOAD_URL", format!("file://{}", dir.join("releases").display()));
    env.insert("BLUEHOOK_SOURCE", root().display().to_string());
    for sub in ["runner-temp", "home"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    env
}

#[cfg(unix)]
#[test]
fn the_action_installs_the_release_binary_when_there_is_one() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let assets = dir.join("releases/download/v0.1.0");
    std::fs::create_dir_all(&assets).unwrap();
    let staged = dir.join("staged");
    std::fs::create_dir(&staged).unwrap();
    std::fs::copy(assert_cmd::cargo::cargo_bin("bluehook"), staged.join("bluehook")).unwrap();
    let archive = assets.join("bluehook-x86_64-unknown-linux-gnu.tar.gz");
    let tar = std::process::Command::new("tar")
        .arg("-czf")
        .arg(&archive)
        .arg("-C")
        .arg(&staged)
        .arg("bluehook")
        .status()
        .unwrap();
    assert!(tar.success());
    let mut env = environment(dir);
    env.insert("BLUEHOOK_VERSION", "v0.1.0".into());
    let release = run_step("release", &env, dir);
    assert_eq!(release["found"], "true");
    env.insert("BLUEHOOK_FOUND", release["found"].clone());
    env.insert("BLUEHOOK_RELEASE_BIN", release["bin"].clone());
    let install = run_step("install", &env, dir);
    assert_eq!(install["from"], "release");
    let path = std::fs::read_to_string(dir.join("path")).unwrap();
    let bin = Path::new(path.trim()).join("bluehook");
    let version = std::process::Command::new(bin).arg("--version").output().unwrap();
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("bluehook "));
}

#[cfg(unix)]
#[test]
fn without_a_release_the_action_builds_from_its_source_with_cargo_install() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    // A stand-in cargo: notes its arguments and installs a copy of bluehook where --root says.
    let fake = dir.join("fake-bin");
    std::fs::create_dir(&fake).unwrap();
    let real = assert_cmd::cargo::cargo_bin("bluehook");
    let script = format!(
        "#!/bin/sh\necho \"$@\" > {log}\nwhile [ $# -gt 0 ]; do [ \"$1\" = --root ] && root=$2; shift; done\n\
         mkdir -p \"$root/bin\" && cp {real} \"$root/bin/bluehook\"\n",
        log = dir.join("cargo.log").display(),
        real = real.display()
    );
    std::fs::write(fake.join("cargo"), script).unwrap();
    std::fs::set_permissions(fake.join("cargo"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut env = environment(dir);
    env.insert("BLUEHOOK_VERSION", "9.9.9".into());
    let release = run_step("release", &env, dir);
    assert_eq!(release["found"], "false", "no such release");
    env.insert("BLUEHOOK_FOUND", "false".into());
    env.insert("BLUEHOOK_RELEASE_BIN", String::new());
    env.insert("PATH", format!("{}:{}", fake.display(), std::env::var("PATH").unwrap()));
    let install = run_step("install", &env, dir);
    assert_eq!(install["from"], "source");
    let args = std::fs::read_to_string(dir.join("cargo.log")).unwrap();
    let home = dir.join("home/.bluehook-install");
    let expected =
        format!("install --locked --path {} --root {}", root().display(), home.display());
    assert_eq!(args.trim(), expected);
    let path = std::fs::read_to_string(dir.join("path")).unwrap();
    assert_eq!(path.trim(), home.join("bin").display().to_string());
    // A cached build is used as it is.
    std::fs::remove_file(dir.join("cargo.log")).unwrap();
    run_step("install", &env, dir);
    assert!(!dir.join("cargo.log").exists(), "cargo ran again despite the cache");
}
