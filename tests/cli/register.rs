//! `listen --register` and `bluehook cleanup` against the sandbox: the temporary webhook
//! exists while listening, verifies with Blue's secret, and is gone however the run ends.

use serde_json::Value;

use crate::sandbox::Sandbox;
use crate::support::{Listener, bluehook, bluehook_std};

/// `bluehook listen --register --json` against `sb` (the demo credentials in the environment).
fn register(sb: &Sandbox, args: &[&str]) -> Listener {
    Listener::start_command(on(sb), &[&["--register"], args].concat())
}

fn on(sb: &Sandbox) -> std::process::Command {
    let mut cmd = bluehook_std();
    cmd.env("BLUE_API_URL", &sb.url)
        .env("BLUE_TOKEN_ID", "sandbox")
        .env("BLUE_TOKEN_SECRET", "pat_sandbox")
        .env("BLUE_ORG_ID", "acme")
        .env_remove("BLUEHOOK_SECRET");
    cmd
}

/// The sandbox's webhooks, as `bluehook list --json` shows them.
fn webhooks(sb: &Sandbox) -> Vec<Value> {
    let out = sb.cmd().args(["list", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice::<Value>(&out.stdout).unwrap().as_array().unwrap().clone()
}

/// The `{"type":"webhook","state":"created"}` line that follows the ready line.
fn created(l: &mut Listener) -> Value {
    let line = l.next().expect("the webhook line");
    assert_eq!((line["type"].as_str(), line["state"].as_str()), (Some("webhook"), Some("created")));
    line
}

fn exists(sb: &Sandbox, id: &str) -> bool {
    webhooks(sb).iter().any(|w| w["id"] == id)
}

#[test]
fn a_registered_webhook_delivers_verified_and_is_deleted_after_count() {
    let sb = Sandbox::start(&[]);
    let mut l = register(&sb, &["-e", "TODO_CREATED", "--project", "website-relaunch", "-n", "1"]);
    let hook = created(&mut l);
    let id = hook["id"].as_str().unwrap().to_string();
    assert!(hook["name"].as_str().unwrap().starts_with("bluehook-temp-"), "{hook}");
    assert_eq!(hook["url"], l.url.as_str(), "against the sandbox, the loopback URL");
    assert_eq!(hook["events"], serde_json::json!(["TODO_CREATED"]));
    let listed = webhooks(&sb).into_iter().find(|w| w["id"] == id.as_str()).expect("on Blue");
    assert_eq!(listed["url"], l.url.as_str());
    let trigger = ["trigger", "TODO_CREATED", "--project", "website-relaunch", "--cleanup"];
    let out = sb.cmd().args(trigger).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let line = l.next().expect("the delivery");
    assert_eq!(line["event"], "TODO_CREATED", "{line}");
    assert_eq!(line["verified"], true, "verified with the secret Blue returned: {line}");
    let (code, rest, stderr) = l.finish();
    assert_eq!(code, Some(0), "{stderr}");
    let deleted = rest.iter().find(|v| v["type"] == "webhook").expect("a deleted line");
    assert_eq!((deleted["state"].as_str(), deleted["id"].as_str()), (Some("deleted"), Some(&*id)));
    assert!(stderr.contains("deleted the temporary webhook"), "{stderr}");
    assert!(!exists(&sb, &id), "deleted after --count");
}

#[test]
fn the_webhook_is_deleted_after_sigint_and_after_timeout() {
    let sb = Sandbox::start(&[]);
    let expect = ["--expect", "tag-created", "--expect", "TODO_MOVED"];
    let mut l = register(&sb, &[&["-e", "TAG_CREATED"][..], &expect].concat());
    let id = created(&mut l)["id"].as_str().unwrap().to_string();
    assert!(exists(&sb, &id));
    l.signal("INT");
    let (code, _, stderr) = l.finish();
    assert_eq!(code, Some(130), "{stderr}");
    assert!(stderr.contains("--expect TODO_MOVED, but the webhook does not subscribe"), "{stderr}");
    assert!(!stderr.contains("--expect TAG_CREATED, but"), "tag-created is TAG_CREATED: {stderr}");
    assert!(!exists(&sb, &id), "deleted after SIGINT");

    let mut l = register(&sb, &["--expect", "TODO_MOVED", "--timeout", "1s"]);
    let hook = created(&mut l);
    assert_eq!(hook["events"], serde_json::json!(["TODO_MOVED"]), "what --expect waits for");
    let (code, _, stderr) = l.finish();
    assert_eq!(code, Some(4), "{stderr}");
    assert!(!exists(&sb, hook["id"].as_str().unwrap()), "deleted after --timeout");
}

#[test]
fn the_webhook_is_deleted_after_an_error() {
    let sb = Sandbox::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("missing-dir").join("deliveries.ndjson");
    let out = on(&sb)
        .args(["listen", "--port", "0", "--json", "--register", "--record"])
        .arg(&record)
        .output()
        .unwrap();
    let (stdout, stderr) =
        (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("bluehook: error:"), "{stderr}");
    assert!(stderr.contains("deleted the temporary webhook"), "{stderr}");
    assert!(stdout.contains(r#""state":"deleted""#), "{stdout}");
    assert!(webhooks(&sb).is_empty(), "nothing left behind");
}

#[test]
fn a_failed_delete_prints_the_command_that_finishes_it() {
    let sb = Sandbox::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("dir with space").join("bluehook.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "").unwrap();
    let mut cmd = on(&sb);
    cmd.arg("--config").arg(&config);
    let mut l = Listener::start_command(cmd, &["--register", "--api-timeout", "2s"]);
    let id = created(&mut l)["id"].as_str().unwrap().to_string();
    let api = sb.url.clone();
    sb.kill9();
    l.signal("TERM");
    let (code, rest, stderr) = l.finish();
    assert_eq!(code, Some(130), "{stderr}");
    let left = rest.iter().find(|v| v["type"] == "webhook").expect("a not_deleted line");
    assert_eq!(left["state"], "not_deleted", "{left}");
    let command = left["command"].as_str().unwrap();
    // The config file quoted for a shell, and the API flags (from the environment here).
    let quoted = format!("'{}'", config.display());
    let reach = format!("--config {quoted} --api-url {api} --org acme");
    assert_eq!(command, format!("bluehook delete {id} --yes {reach}"));
    assert!(stderr.contains(&format!("finish it with: {command}")), "{stderr}");
    assert!(!stderr.contains("pat_sandbox"), "{stderr}");
}

#[test]
fn leftovers_are_reported_and_cleanup_deletes_only_them() {
    let sb = Sandbox::start(&[]);
    let create = |name: &str| {
        let args = ["create", "--url", "http://127.0.0.1:9/hook", "--name", name, "--json"];
        let out = sb.cmd().args(args).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    };
    create("bluehook-temp-crashed-20261101T090000Z");
    create("production");
    let mut l = register(&sb, &[]);
    created(&mut l);
    let stderr = l.stderr();
    assert!(stderr.contains("1 temporary webhook(s) from earlier runs"), "{stderr}");
    assert!(stderr.contains("bluehook-temp-crashed-20261101T090000Z"), "{stderr}");
    assert!(stderr.contains("`bluehook cleanup` deletes them"), "{stderr}");
    l.signal("INT");
    assert_eq!(l.finish().0, Some(130));

    let asks = sb.cmd().args(["cleanup"]).output().unwrap();
    assert_eq!(asks.status.code(), Some(2), "no terminal to confirm on");
    assert!(String::from_utf8_lossy(&asks.stderr).contains("--yes"));
    assert_eq!(webhooks(&sb).len(), 2, "nothing deleted without --yes");
    let out = sb.cmd().args(["cleanup", "--yes", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let deleted = v["deleted"].as_array().unwrap();
    assert_eq!(deleted.len(), 1, "{v}");
    assert_eq!(deleted[0]["name"], "bluehook-temp-crashed-20261101T090000Z");
    let names: Vec<Value> = webhooks(&sb).iter().map(|w| w["name"].clone()).collect();
    assert_eq!(names, [Value::from("production")], "the user's own webhook stays");
    let again = sb.cmd().args(["cleanup", "--yes", "--json"]).output().unwrap();
    let v: Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(v["deleted"].as_array().map(Vec::len), Some(0));
}

#[test]
fn registering_with_real_blue_needs_a_public_url_and_takes_no_secret() {
    let out = bluehook()
        .args(["listen", "--port", "0", "--register"])
        .env("BLUE_API_URL", "https://api.blue.app/graphql")
        .env("BLUE_TOKEN_ID", "id")
        .env("BLUE_TOKEN_SECRET", "pat_x")
        .env("BLUE_ORG_ID", "acme")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--register needs a public URL"), "{stderr}");
    assert!(stderr.contains("--tunnel"), "{stderr}");
    let both = bluehook().args(["listen", "--register", "--secret", "s"]).output().unwrap();
    assert_eq!(both.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&both.stderr).contains("cannot be used with"));
    let events = bluehook().args(["listen", "-e", "TODO_CREATED"]).output().unwrap();
    assert_eq!(events.status.code(), Some(2), "-e without --register");
}

/// When the watchdog reopens a dead tunnel under a new public URL, the temporary webhook is
/// moved to it, and deliveries keep arriving through it.
#[cfg(unix)]
#[test]
fn a_reopened_tunnel_moves_the_webhook_to_its_new_url() {
    let sb = Sandbox::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("stand-in.log");
    let stand_ins = crate::support::root().join("tests/stand-ins");
    let path = format!("{}:{}", stand_ins.display(), std::env::var("PATH").unwrap());
    let mut cmd = on(&sb);
    cmd.env("PATH", path).env("STAND_IN_LOG", &log);
    let args = ["--register", "--tunnel", "cloudflared", "--probe-every", "1s", "-n", "1"];
    let mut l = Listener::start_command(cmd, &args);
    let first = l.public_url();
    let hook = created(&mut l);
    assert_eq!(hook["url"], first.as_str(), "registered with the public URL");
    let pid = std::fs::read_to_string(&log).unwrap().split_whitespace().next().unwrap().to_string();
    let silenced = std::process::Command::new("kill").args(["-USR1", &pid]).status().unwrap();
    assert!(silenced.success());
    let lines: Vec<Value> = (0..3).map(|_| l.next().expect("a tunnel or webhook line")).collect();
    let moved = lines.iter().find(|v| v["type"] == "webhook").expect("a moved line");
    let up = lines.iter().find(|v| v["state"] == "up").expect("the tunnel back up");
    assert_eq!(moved["state"], "moved", "{lines:?}");
    assert_eq!(moved["url"], up["url"]);
    assert_ne!(moved["url"], first.as_str());
    let listed = webhooks(&sb).into_iter().find(|w| w["id"] == hook["id"]).unwrap();
    assert_eq!(listed["url"], moved["url"], "Blue delivers to the new URL");
    let trigger = ["trigger", "TODO_CREATED", "--project", "website-relaunch", "--cleanup"];
    assert!(sb.cmd().args(trigger).output().unwrap().status.success());
    let (code, rest, stderr) = l.finish();
    assert_eq!(code, Some(0), "{stderr}");
    let delivered = rest.iter().find(|v| v["type"] == "request").expect("a delivery");
    assert_eq!(delivered["verified"], true);
    assert!(!webhooks(&sb).iter().any(|w| w["id"] == hook["id"]));
}

/// A sandbox whose waits between retries are 100 times shorter than Blue's (the listener
/// still answers a forward it gave up on after 6 s, so five failed attempts take about 31 s),
/// and a place for an app.
fn breakpoint() -> (Sandbox, std::net::TcpListener) {
    (Sandbox::start(&["--speed", "100"]), std::net::TcpListener::bind("127.0.0.1:0").unwrap())
}

/// Serves `listener` as an app on a breakpoint: it answers 200, but nothing before `asleep`
/// from now.
fn stalled_app(listener: std::net::TcpListener, asleep: std::time::Duration) -> String {
    use std::io::Write;
    let url = format!("http://{}/", listener.local_addr().unwrap());
    let wakes = std::time::Instant::now() + asleep;
    std::thread::spawn(move || {
        for stream in listener.incoming().take(50) {
            let Ok(mut s) = stream else { return };
            std::thread::spawn(move || {
                crate::support::read_request(&mut s);
                std::thread::sleep(wakes.saturating_duration_since(std::time::Instant::now()));
                let _ = s.write_all(
                    b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                );
            });
        }
    });
    url
}

fn trigger_todo(sb: &Sandbox) {
    let out = sb.cmd().args(["trigger", "TODO_CREATED", "--project", "website-relaunch"]).output();
    let out = out.unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

fn enabled(sb: &Sandbox, id: &str) -> bool {
    let hook = webhooks(sb).into_iter().find(|w| w["id"] == id).expect("the webhook");
    hook["enabled"] == true
}

#[test]
fn with_answer_first_the_webhook_stays_enabled_while_the_app_sleeps() {
    let (sb, app) = breakpoint();
    let app = stalled_app(app, std::time::Duration::from_secs(12));
    let dir = tempfile::tempdir().unwrap();
    let queue = dir.path().join("q.db");
    let forward = ["--forward-to", &app, "--answer-first", "--queue", queue.to_str().unwrap()];
    let mut l = register(&sb, &[&["-e", "TODO_CREATED"][..], &forward].concat());
    let id = created(&mut l)["id"].as_str().unwrap().to_string();
    trigger_todo(&sb);
    let request = l.next().expect("the delivery");
    assert_eq!(
        (request["status"].as_u64(), request["verified"].as_bool()),
        (Some(200), Some(true))
    );
    let forward = l.next().expect("the forward, once the app wakes");
    assert_eq!(
        (forward["type"].as_str(), forward["state"].as_str()),
        (Some("forward"), Some("delivered"))
    );
    assert!(enabled(&sb, &id), "12 s later, Blue never saw a failure");
    l.signal("INT");
    let (code, _, stderr) = l.finish();
    assert_eq!(code, Some(130), "{stderr}");
}

#[test]
fn without_answer_first_a_sleeping_app_gets_the_webhook_disabled() {
    let (sb, app) = breakpoint();
    let app = stalled_app(app, std::time::Duration::from_secs(60));
    let mut l = register(&sb, &["-e", "TODO_CREATED", "--forward-to", &app]);
    let id = created(&mut l)["id"].as_str().unwrap().to_string();
    trigger_todo(&sb);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(50);
    while enabled(&sb, &id) && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    assert!(!enabled(&sb, &id), "Blue disables a webhook after five failed attempts");
    let stderr = l.stderr_once("--answer-first");
    assert!(stderr.contains("hint") && stderr.contains("--answer-first"), "{stderr}");
}

#[test]
fn a_kept_webhook_is_reused_with_its_secret_enabled_again_and_deleted_by_cleanup_keep() {
    let sb = Sandbox::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let (config, env) = (dir.path().join("config.toml"), dir.path().join("app.env"));
    let keep =
        ["--config", config.to_str().unwrap(), "--keep=dev", "--env-file", env.to_str().unwrap()];
    let run = |more: &[&str]| register(&sb, &[&keep[..], &["-e", "TODO_CREATED"], more].concat());
    let mut first = run(&["--timeout", "1s"]);
    let hook = created(&mut first);
    assert_eq!(
        (hook["kept"].as_str(), hook["name"].as_str()),
        (Some("dev"), Some("bluehook-kept-dev"))
    );
    let id = hook["id"].as_str().unwrap().to_string();
    let (code, rest, stderr) = first.finish();
    assert_eq!(code, Some(0), "{stderr}");
    assert!(rest.iter().any(|l| l["state"] == "kept"), "{rest:?}");
    assert!(exists(&sb, &id), "kept on Blue after the run");
    let env_text = std::fs::read_to_string(&env).unwrap();
    assert!(env_text.contains(&format!("BLUE_WEBHOOK_ID={id}\n")), "{env_text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&env).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let out = sb.cmd().args(["disable", &id]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let mut second = run(&["--expect", "TODO_CREATED"]);
    let line = second.next().expect("the webhook line");
    assert_eq!((line["state"].as_str(), line["id"].as_str()), (Some("reused"), Some(id.as_str())));
    assert!(
        second.stderr_once("enabled the kept").contains("enabled the kept webhook `dev` again")
    );
    assert!(enabled(&sb, &id));
    assert_eq!(std::fs::read_to_string(&env).unwrap(), env_text, "the same secret for the app");
    let health = second.next().expect("Blue's health check, on enabling");
    assert_eq!(
        (health["event"].as_str(), health["verified"].as_bool()),
        (Some("WEBHOOK_HEALTH_CHECK"), Some(true))
    );
    trigger_todo(&sb);
    let delivery = second.next().expect("a delivery");
    assert_eq!(delivery["verified"], true, "verified with the kept secret: {delivery}");
    let (code, _, stderr) = second.finish();
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(webhooks(&sb).len(), 1, "one webhook across both runs");

    let out =
        on(&sb).args(["cleanup", "--keep=dev", "--config", config.to_str().unwrap()]).output();
    let out = out.unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!exists(&sb, &id), "deleted by cleanup --keep");
    let saved = std::fs::read_to_string(&config).unwrap();
    assert!(!saved.contains(&id), "and forgotten: {saved}");
}

#[test]
fn logout_deletes_the_webhooks_its_profile_keeps() {
    let sb = Sandbox::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let c = config.to_str().unwrap();
    let mut l = register(&sb, &["--config", c, "--keep", "--timeout", "1s"]);
    let id = created(&mut l)["id"].as_str().unwrap().to_string();
    let (code, _, stderr) = l.finish();
    assert_eq!(code, Some(0), "{stderr}");
    assert!(exists(&sb, &id));
    let out = on(&sb).args(["logout", "--yes", "--config", c]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains(&format!("Deleted the kept webhook `listen` ({id})")), "{stderr}");
    assert!(!exists(&sb, &id), "gone from Blue");
    assert!(!std::fs::read_to_string(&config).unwrap().contains(&id), "and from the file");
}
