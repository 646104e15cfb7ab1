//! What the terminal shows outside prompts: a closed pipe, `bluehook` alone, `--help`
//! layout, and usage lines when the environment provides values.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use crate::fake_blue::{FakeBlue, TOKEN_ID};
use crate::support::bluehook;

#[test]
fn a_closed_pipe_is_not_an_error() {
    let fake = FakeBlue::start();
    fake.seed(300);
    let dir = tempfile::tempdir().unwrap();
    for args in [&["list", "--json"][..], &["list", "--wide"], &["events", "--json"], &["man"]] {
        let mut child = crate::support::bluehook_std()
            .arg("--config")
            .arg(dir.path().join("c.toml"))
            .env("BLUE_API_URL", fake.url())
            .env("BLUE_TOKEN_ID", TOKEN_ID)
            .env("BLUE_TOKEN_SECRET", crate::fake_blue::TOKEN_SECRET)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        for _ in 0..3 {
            out.read_line(&mut String::new()).unwrap();
        }
        drop(out); // `| head -3`
        let result = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&result.stderr);
        assert_eq!(result.status.code(), Some(0), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?}: silent, not {err}");
    }
}

#[test]
fn bluehook_alone_prints_the_short_command_list() {
    let out = bluehook().output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("Commands:") && text.contains("  create ") && text.contains("  projects ")
    );
    assert!(!text.contains("Exit codes") && !text.contains("--color"), "{text}");
    assert!(text.lines().count() <= 31, "fits a screen:\n{text}");
    let help = bluehook().arg("--help").output().unwrap();
    let help = String::from_utf8_lossy(&help.stdout).to_string();
    let listed = help.split("Commands:\n").nth(1).unwrap().split("\n\n").next().unwrap();
    for name in listed.lines().filter_map(|l| l.split_whitespace().next()) {
        // `toggle` is `enable` or `disable`.
        if name != "help" && name != "toggle" {
            assert!(text.contains(&format!("\n  {name} ")), "{name} missing:\n{text}");
        }
    }
}

/// The codes `--help` lists are the README's table of exit codes, each once.
#[test]
fn help_lists_every_documented_exit_code() {
    let out = bluehook().arg("--help").output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout).to_string();
    let listed = help.split("Exit codes:\n").nth(1).expect("an exit code list");
    let codes = |lines: Vec<&str>| -> Vec<u16> {
        lines.iter().filter_map(|l| l.split_whitespace().next()?.parse().ok()).collect()
    };
    let in_help = codes(listed.lines().collect());
    let readme = std::fs::read_to_string(crate::support::root().join("README.md")).unwrap();
    let section = readme.split("## Exit codes\n").nth(1).expect("README's exit codes");
    let table = section.trim_start().split("\n\n").next().unwrap();
    let rows = table.lines().filter_map(|l| l.strip_prefix("| ")).collect();
    let documented = codes(rows);
    assert!(documented.contains(&10) && documented.len() >= 12, "{documented:?}");
    assert_eq!(in_help, documented, "{listed}");
}

#[test]
fn help_puts_the_command_options_first_then_blue_api_then_global() {
    let out = bluehook().args(["list", "--help"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} missing:\n{text}"));
    assert!(at("Options:") < at("--wide") && at("--wide") < at("Blue API:"), "{text}");
    assert!(at("Blue API:") < at("--token-id") && at("--token-id") < at("Global options:"));
    assert!(at("Global options:") < at("--color"), "{text}");
}

#[test]
fn values_from_the_environment_do_not_look_required_in_usage_lines() {
    let out = bluehook()
        .env("BLUE_TOKEN_ID", TOKEN_ID)
        .env("BLUE_ORG_ID", "acme")
        .arg("get")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Usage: bluehook get [OPTIONS] <ID>"), "{err}");
    assert!(!err.contains("--token-id <ID>") && !err.contains("--org <ORG>"), "{err}");
}

#[test]
fn projects_lists_searches_and_resolves() {
    let fake = FakeBlue::start();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("c.toml");
    let out = fake.bluehook(&config).env("COLUMNS", "80").arg("projects").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.lines().next().unwrap().contains("SLUG"), "{text}");
    assert!(text.contains("p1") && text.contains("website") && text.contains("Mobile app"));
    let out = fake.bluehook(&config).args(["projects", "--search", "oper", "--json"]).output();
    let v: serde_json::Value = serde_json::from_slice(&out.unwrap().stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1, "{v}");
    assert_eq!(fake.last("ListProjects").variables["filter"]["search"], "oper");
    // --project takes an id, a slug or a name; a shared name lists the candidates.
    fake.bluehook(&config)
        .args(["create", "--url", "https://e.com/h", "--project", "website,p9,Operations"])
        .assert()
        .success();
    let input = &fake.last("CreateWebhook").variables["input"];
    assert_eq!(input["projectIds"], serde_json::json!(["p1", "p9"]));
    fake.bluehook(&config)
        .args(["create", "--url", "https://e.com/h", "--project", "Mobile app"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("names 2 projects"))
        .stderr(predicates::str::contains("p3  mobile-2  Mobile app"));
    fake.bluehook(&config)
        .args(["create", "--url", "https://e.com/h", "--project", "nope"])
        .assert()
        .code(7)
        .stderr(predicates::str::contains("bluehook projects"));
}

#[test]
fn send_sample_takes_a_loopback_url_without_a_scheme() {
    let port = crate::support::closed_port();
    bluehook()
        .args(["send-sample", &format!("localhost:{port}/hook")])
        .assert()
        .code(5)
        .stderr(predicates::str::contains(format!("http://localhost:{port}/hook")));
    bluehook()
        .args(["send-sample", "example.com/hook"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean https://example.com/hook ?"));
}

#[test]
fn a_saved_secret_is_found_by_the_webhook_name() {
    let fake = FakeBlue::start();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("c.toml");
    let out = fake
        .bluehook(&config)
        .args(["create", "--url", "https://e.com/s", "--name", "orders", "--save-secret"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bluehook listen --webhook orders"), "{err}");
    let cfg = config.to_str().unwrap();
    let mut listener = crate::support::Listener::start(&["--config", cfg, "--webhook", "orders"]);
    bluehook()
        .args(["send-sample", &listener.url.clone(), "--config", cfg, "--webhook", "Orders"])
        .assert()
        .success();
    let got = listener.next().unwrap();
    assert_eq!(got["verified"].as_bool(), Some(true), "{got}");
    bluehook()
        .args(["sign", "--config", cfg, "--webhook", "billing", "-"])
        .write_stdin("{}")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("secrets are saved for: orders (cmwh"));
    fake.bluehook(&config).args(["delete", "orders", "--yes"]).assert().success();
    assert!(!std::fs::read_to_string(&config).unwrap().contains("orders"));
}

#[test]
fn login_tells_an_unreachable_or_failing_blue_from_refused_credentials() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("c.toml");
    let login = |url: &str| {
        bluehook()
            .args(["--config", config.to_str().unwrap(), "login", "--api-url", url])
            .args(["--token-id", TOKEN_ID, "--token-secret", crate::fake_blue::TOKEN_SECRET])
            .output()
            .unwrap()
    };
    let closed = format!("http://127.0.0.1:{}/graphql", crate::support::closed_port());
    let out = login(&closed);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(8), "{err}");
    assert!(err.contains("could not check the credentials: cannot reach Blue"), "{err}");
    assert!(!err.contains("did not accept") && !err.contains("bluehook login"), "{err}");

    let fake = FakeBlue::start();
    fake.state().server_error_next = 4;
    let out = login(fake.url());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(8), "{err}");
    assert!(err.contains("nothing was saved") && !err.contains("did not accept"), "{err}");
    assert!(!config.exists());
}

#[test]
fn login_does_not_save_blue_api_url_from_the_environment() {
    let fake = FakeBlue::start();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("c.toml");
    bluehook()
        .env("BLUE_API_URL", fake.url())
        .args(["--config", config.to_str().unwrap(), "login", "--org", "acme"])
        .args(["--token-id", TOKEN_ID, "--token-secret", crate::fake_blue::TOKEN_SECRET])
        .assert()
        .success();
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(text.contains(TOKEN_ID) && !text.contains("api_url"), "{text}");
    assert_eq!(fake.operations(), ["WhoAmI"], "checked against the environment's URL");
}

#[test]
fn send_sample_resolves_project_names_when_blue_is_configured() {
    let fake = FakeBlue::start();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("c.toml");
    let mut listener = crate::support::Listener::start(&[]);
    let url = listener.url.clone();
    fake.bluehook(&config)
        .args(["send-sample", &url, "--project", "Operations"])
        .assert()
        .success();
    let got = listener.next().unwrap();
    assert_eq!(got["body"]["currentValue"]["todoList"]["projectId"], "p9", "{got}");
    // A project Blue does not know, or no credentials at all: the value as given.
    fake.bluehook(&config).args(["send-sample", &url, "--project", "cproj123"]).assert().success();
    assert_eq!(
        listener.next().unwrap()["body"]["currentValue"]["todoList"]["projectId"],
        "cproj123"
    );
    bluehook().args(["send-sample", &url, "--project", "Operations"]).assert().success();
    assert_eq!(
        listener.next().unwrap()["body"]["currentValue"]["todoList"]["projectId"],
        "Operations"
    );
    // A shared name is ambiguous.
    fake.bluehook(&config)
        .args(["send-sample", &url, "--project", "Mobile app"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("names 2 projects"));
}

#[test]
fn listen_forwards_to_a_loopback_url_without_a_scheme() {
    let mut app = crate::support::Listener::start(&["--status", "201"]);
    let forward = format!("localhost:{}/app", app.port);
    let mut front = crate::support::Listener::start(&["--forward-to", &forward]);
    let reply =
        crate::support::request(front.port, "POST", "/", &[], br#"{"event":"TAG_CREATED"}"#);
    assert_eq!(reply.status, 201, "the app's answer comes back");
    assert_eq!(app.next().unwrap()["path"], "/app");
    assert_eq!(front.next().unwrap()["status"], 201);
}

#[test]
fn trigger_list_fits_the_width_and_keeps_every_event_name_whole() {
    let narrow = bluehook().env("COLUMNS", "60").args(["trigger", "--list"]).output().unwrap();
    let text = String::from_utf8_lossy(&narrow.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 38, "a header and the 37 events:\n{text}");
    assert!(lines[0].starts_with("EVENT") && lines[0].contains("OPERATIONS"), "{text}");
    for line in &lines {
        assert!(line.chars().count() <= 60, "wider than COLUMNS=60: {line}");
    }
    assert!(text.contains("TODO_CREATED ") && text.contains('…'), "{text}");
    // Piped without COLUMNS: nothing is cut.
    let full = bluehook().env_remove("COLUMNS").args(["trigger", "--list"]).output().unwrap();
    let full = String::from_utf8_lossy(&full.stdout);
    assert!(!full.contains('…') && full.contains("createTodo, createTag, setTodoTags"), "{full}");
}
