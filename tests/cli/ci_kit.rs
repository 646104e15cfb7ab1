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

/// The offline recipe of the CI guide (docs/ci.md), run as it is: `scripts/ci-offline`, with
/// the built bluehook first on PATH, in a directory of its own (jq must be installed; in CI
/// its absence fails the test).
#[cfg(unix)]
#[test]
fn the_offline_ci_recipe_passes_and_is_the_one_in_the_ci_guide() {
    let script = root().join("scripts/ci-offline");
    let text = std::fs::read_to_string(&script).unwrap();
    let guide = std::fs::read_to_string(root().join("docs/ci.md")).unwrap();
    assert!(guide.contains(&format!("```sh\n{text}```")), "docs/ci.md shows scripts/ci-offline");
    let jq = std::process::Command::new("jq").arg("--version").output();
    if !jq.is_ok_and(|o| o.status.success()) {
        // As the browser tests: a notice on a machine without the tool, a failure in CI.
        assert_ne!(std::env::var("CI").as_deref(), Ok("true"), "jq is required in CI");
        eprintln!("skipped: jq is not installed (the offline CI recipe needs it)");
        return;
    }
    let bin = assert_cmd::cargo::cargo_bin("bluehook");
    let path = format!("{}:{}", bin.parent().unwrap().display(), std::env::var("PATH").unwrap());
    let dir = tempfile::tempdir().unwrap();
    use std::os::unix::process::CommandExt;
    let mut child = std::process::Command::new(&script)
        .process_group(0)
        .current_dir(dir.path())
        .env("PATH", path)
        .env("XDG_CONFIG_HOME", dir.path())
        .env_remove("BLUE_API_URL")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(90);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            // SAFETY: kill only sends a signal, to the script's own process group.
            unsafe { libc::kill(-(child.id() as i32), libc::SIGKILL) };
            panic!("scripts/ci-offline did not end within 90 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert!(status.success(), "{status}: {stderr}");
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(dir.path().join("listen.ndjson"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let state = |s: &str| lines.iter().any(|l| l["type"] == "webhook" && l["state"] == s);
    assert!(state("created") && state("deleted"), "{lines:?}");
    let delivery = lines.iter().find(|l| l["type"] == "request").expect("a delivery");
    assert_eq!(
        (delivery["event"].as_str(), delivery["verified"].as_bool()),
        (Some("TODO_CREATED"), Some(true))
    );
    let junit = std::fs::read_to_string(dir.path().join("bluehook.xml")).unwrap();
    assert!(junit.contains("expect TODO_CREATED") && !junit.contains("<failure"), "{junit}");
}

/// Every `uses:` of this action in the README's YAML, from `steps` lists or alone.
fn action_uses(yaml: &Yaml, out: &mut Vec<String>) {
    match yaml {
        Yaml::Hash(h) => {
            for (k, v) in h {
                match (k.as_str(), v.as_str()) {
                    (Some("uses"), Some(u)) if u.contains("/bluehook@") => out.push(u.into()),
                    _ => action_uses(v, out),
                }
            }
        }
        Yaml::Array(a) => a.iter().for_each(|v| action_uses(v, out)),
        _ => {}
    }
}

/// The CI guide's workflow snippets parse, and name the action with the placeholder the guide
/// explains, at the crate's version.
#[test]
fn the_ci_guide_names_the_action_with_an_explained_placeholder() {
    let guide = std::fs::read_to_string(root().join("docs/ci.md")).unwrap();
    let section = guide.as_str();
    let mut uses = Vec::new();
    for block in section.split("```yaml\n").skip(1) {
        let text = block.split("```").next().unwrap();
        let docs = YamlLoader::load_from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"));
        docs.iter().for_each(|d| action_uses(d, &mut uses));
    }
    assert!(uses.len() >= 2, "{uses:?}");
    let expected = format!("<owner>/bluehook@v{}", env!("CARGO_PKG_VERSION"));
    assert!(uses.iter().all(|u| *u == expected), "{uses:?}");
    assert!(section.contains("`<owner>/bluehook` stands for this repository's path on GitHub"));
}
