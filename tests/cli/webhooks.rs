//! The webhook commands end to end against the fake Blue: operations and variables sent,
//! output, exit codes.

use predicates::prelude::*;
use serde_json::{Value, json};

use crate::fake_blue::{FakeBlue, TOKEN_SECRET};

fn setup() -> (FakeBlue, tempfile::TempDir, std::path::PathBuf) {
    let fake = FakeBlue::start();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    (fake, dir, config)
}

fn stdout_json(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("stdout is not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout))
    })
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn list_pages_through_45_webhooks() {
    let (fake, _dir, config) = setup();
    fake.seed(45);
    let out = fake.bluehook(&config).args(["list", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let list = stdout_json(&out);
    let items = list.as_array().unwrap();
    assert_eq!(items.len(), 45);
    assert_eq!(items[0]["name"], "hook-45", "newest first, as Blue returned them");
    assert_eq!(items[0]["status"], "HEALTHY");
    let skips: Vec<Value> = fake.received().iter().map(|r| r.variables["skip"].clone()).collect();
    assert_eq!(skips, [json!(0), json!(20), json!(40)], "follows the pages Blue sends");
    assert!(fake.operations().iter().all(|o| o == "ListWebhooks"));

    let out = fake.bluehook(&config).env("COLUMNS", "200").arg("list").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 46, "a header and 45 rows:\n{text}");
    for h in ["ID", "NAME", "URL", "STATE", "EVENTS", "PROJECTS", "CREATED"] {
        assert!(text.lines().next().unwrap().contains(h), "{h} in the header");
    }
}

#[test]
fn list_table_fits_the_terminal_and_says_all() {
    let (fake, _dir, config) = setup();
    fake.add(json!({ "name": "everything", "url": "https://example.com/a/very/long/path/that/needs/wrapping/to/fit/the/screen" }));
    fake.add(json!({ "name": "narrow", "events": ["TODO_CREATED", "TAG_CREATED"], "projectIds": ["p1"], "enabled": false, "status": "UNHEALTHY" }));
    let out = fake.bluehook(&config).env("COLUMNS", "80").arg("list").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "wider than 80 columns: {line:?}");
    }
    for id in ["cmwh000000000000000000001", "cmwh000000000000000000002"] {
        assert!(text.contains(id), "ids are never wrapped:\n{text}");
    }
    assert!(text.contains("unhealthy") && text.contains("STATE"), "{text}");
    assert!(text.contains("example.com…") && text.contains("the/screen"), "host kept:\n{text}");
    assert_eq!(text.lines().count(), 3, "one line per webhook:\n{text}");

    let out = fake.bluehook(&config).env("COLUMNS", "160").arg("list").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("PROJECTS") && text.contains("CREATED"),
        "room for every column:\n{text}"
    );
    let row = |name: &str| text.lines().find(|l| l.contains(name)).expect(&text).to_string();
    assert!(row("everything").matches("all").count() == 2, "events and projects: {text}");
    assert!(
        row("narrow").contains(" unhealthy ") && row("narrow").contains("2025-08-01"),
        "{text}"
    );
    assert!(row("narrow").contains(" 2 ") && row("narrow").contains(" 1 "), "{text}");
}

#[test]
fn list_filters_enabled_on_blue_and_disabled_here() {
    let (fake, _dir, config) = setup();
    fake.add(json!({ "name": "on" }));
    fake.add(json!({ "name": "off", "enabled": false }));
    let names = |args: &[&str]| -> Vec<String> {
        let out = fake.bluehook(&config).args(args).output().unwrap();
        let v = stdout_json(&out);
        v.as_array().unwrap().iter().map(|w| w["name"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(names(&["list", "--disabled", "--json"]), ["off"]);
    assert_eq!(
        fake.last("ListWebhooks").variables["filter"],
        Value::Null,
        "Blue ignores enabled:false"
    );
    assert_eq!(names(&["list", "--enabled", "--json"]), ["on"]);
    assert_eq!(fake.last("ListWebhooks").variables["filter"], json!({ "enabled": true }));
    assert_eq!(names(&["list", "--all", "--json"]).len(), 2);
}

#[test]
fn get_shows_every_field_by_id_prefix_or_name() {
    let (fake, _dir, config) = setup();
    let events = ["TODO_CREATED", "TODO_DELETED", "COMMENT_CREATED"];
    let hook = fake.add(json!({ "name": "orders", "events": events, "projectIds": ["proj1"] }));
    let id = hook["id"].as_str().unwrap();
    let out = fake.bluehook(&config).args(["get", id]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    for want in [id, "orders", "https://example.com/hook", "HEALTHY", "proj1", "3 of 37", "uid"] {
        assert!(text.contains(want), "{want} missing:\n{text}");
    }
    for e in events {
        assert!(text.contains(e), "{e} missing:\n{text}");
    }
    assert_eq!(fake.last("GetWebhook").variables, json!({ "id": id }));

    let out = fake.bluehook(&config).args(["get", "orders", "--json"]).output().unwrap();
    assert_eq!(stdout_json(&out)["id"], id, "found by name");
    fake.add(json!({ "id": "cmwx1", "name": "other" }));
    let prefix = &id[..6];
    let out = fake.bluehook(&config).args(["get", prefix, "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout_json(&out)["name"], "orders", "found by unique id prefix");
}

#[test]
fn ambiguous_prefix_lists_the_candidates() {
    let (fake, _dir, config) = setup();
    fake.seed(3);
    let out = fake.bluehook(&config).args(["get", "cmwh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("matches 3 webhooks"), "{err}");
    for name in ["hook-1", "hook-2", "hook-3"] {
        assert!(err.contains(name), "{err}");
    }
}

#[test]
fn unknown_webhook_exits_7() {
    let (fake, _dir, config) = setup();
    fake.seed(2);
    let out = fake.bluehook(&config).args(["get", "cmwhnope"]).output().unwrap();
    assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
    assert!(stderr(&out).contains("Webhook was not found"), "{}", stderr(&out));
    assert!(stderr(&out).contains("hint: `bluehook list`"), "{}", stderr(&out));

    // A webhook that disappears between the lookup and the change: Blue's code decides.
    let hook = fake.add(json!({ "name": "gone" }));
    fake.fail_next("UpdateWebhook", "WEBHOOK_NOT_FOUND", "Webhook was not found.", Value::Null);
    let out =
        fake.bluehook(&config).args(["disable", hook["id"].as_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
}

#[test]
fn create_sends_the_input_and_shows_the_secret_once() {
    let (fake, _dir, config) = setup();
    let out = fake
        .bluehook(&config)
        .args(["create", "--url", "https://example.com/in", "--name", "ci"])
        .args(["--events", "comment_created,TODO_CREATED", "-e", "TODO_CREATED", "--project", "p1"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let sent = fake.last("CreateWebhook");
    assert_eq!(
        sent.variables["input"],
        json!({ "url": "https://example.com/in", "name": "ci",
                "events": ["TODO_CREATED", "COMMENT_CREATED"], "projectIds": ["p1"] })
    );
    assert_eq!(sent.headers["x-bloo-company-id"], "acme");
    let secret = "whsec_fake_0001_9f8e7d6c5b4a";
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(stdout.matches(secret).count(), 1, "{stdout}");
    assert!(stderr(&out).contains("never show this signing secret again"), "{}", stderr(&out));
    assert!(!stderr(&out).contains(secret));

    let id = fake.state().webhooks[0]["id"].as_str().unwrap().to_string();
    let out = fake.bluehook(&config).args(["get", &id, "--json"]).output().unwrap();
    assert_eq!(stdout_json(&out)["secret"], Value::Null, "Blue never shows it again");
}

#[test]
fn create_with_no_events_subscribes_to_all_and_says_so() {
    let (fake, _dir, config) = setup();
    for events in [&["--events", "all"][..], &[]] {
        let out = fake
            .bluehook(&config)
            .args(["create", "--url", "https://example.com/all"])
            .args(events)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let input = &fake.last("CreateWebhook").variables["input"];
        assert_eq!(input, &json!({ "url": "https://example.com/all" }));
        assert!(stderr(&out).contains("all 37 events"), "{}", stderr(&out));
    }
}

#[test]
fn create_print_secret_and_json_for_scripts() {
    let (fake, _dir, config) = setup();
    let out = fake
        .bluehook(&config)
        .args(["create", "--url", "https://example.com/s", "--print-secret"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "whsec_fake_0001_9f8e7d6c5b4a\n");

    let out = fake
        .bluehook(&config)
        .args(["create", "--url", "https://example.com/j", "--json"])
        .output()
        .unwrap();
    let v = stdout_json(&out);
    assert_eq!(v["secret"], "whsec_fake_0002_9f8e7d6c5b4a");
    assert_eq!(v["url"], "https://example.com/j");
}

#[test]
fn create_save_secret_keeps_it_for_the_webhook() {
    let (fake, _dir, config) = setup();
    let out = fake
        .bluehook(&config)
        .args(["create", "--url", "https://example.com/s", "--save-secret", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let id = stdout_json(&out)["id"].as_str().unwrap().to_string();
    let text = std::fs::read_to_string(&config).unwrap();
    let file: toml::Table = toml::from_str(&text).unwrap();
    assert_eq!(file["webhook_secrets"][&id].as_str(), Some("whsec_fake_0001_9f8e7d6c5b4a"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&config).unwrap().permissions().mode() & 0o777, 0o600);
    }
    assert!(stderr(&out).contains(&format!("bluehook listen --webhook {id}")));

    // listen and send-sample find the saved secret by webhook id (or a unique prefix).
    let cfg = config.to_str().unwrap();
    let mut listener = crate::support::Listener::start(&["--config", cfg, "--webhook", &id]);
    crate::support::bluehook()
        .args(["send-sample", &listener.url.clone(), "--config", cfg, "--webhook", &id[..8]])
        .assert()
        .success();
    let got = listener.next().unwrap();
    assert_eq!((got["verified"].as_bool(), got["status"].as_u64()), (Some(true), Some(200)));
    let sig = bluehook::signature::sign(
        b"whsec_fake_0001_9f8e7d6c5b4a",
        got["body"].to_string().as_bytes(),
    );
    assert_eq!(got["headers"]["x-signature"].as_str(), Some(sig.as_str()));

    // Deleting the webhook forgets its secret.
    fake.bluehook(&config).args(["delete", &id, "--yes"]).assert().success();
    assert!(!std::fs::read_to_string(&config).unwrap().contains("whsec_fake_0001"));
}

#[test]
fn create_checks_input_before_any_request() {
    let (fake, _dir, config) = setup();
    fake.bluehook(&config)
        .args(["create", "--url", "https://example.com/x", "--events", "TODO_CREATD"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown event `TODO_CREATD`"))
        .stderr(predicate::str::contains("did you mean TODO_CREATED?"));
    fake.bluehook(&config)
        .args(["create", "--url", "ftp://example.com/x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("only over http or https"));
    fake.bluehook(&config)
        .args(["create", "--url", "example.com/x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("has no scheme"))
        .stderr(predicate::str::contains("did you mean https://example.com/x ?"));
    fake.bluehook(&config)
        .args(["create", "--events", "TODO_CREATED"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--url is required"));
    fake.bluehook(&config)
        .env_remove("BLUE_ORG_ID")
        .args(["create", "--url", "https://example.com/x"])
        .assert()
        .code(6)
        .stderr(predicate::str::contains("needs an organization"))
        .stderr(predicate::str::contains("BLUE_ORG_ID"));
    assert!(fake.received().is_empty(), "nothing was sent: {:?}", fake.operations());
}

#[test]
fn blue_refusing_a_private_url_is_explained() {
    let (fake, _dir, config) = setup();
    let msg = "URL resolves to a private/internal address";
    fake.fail_next("CreateWebhook", "INTERNAL_SERVER_ERROR", msg, Value::Null);
    let mut cmd = fake.bluehook(&config);
    cmd.envs(fake.far());
    let out = cmd.args(["create", "--url", "http://127.0.0.1:8080/hook"]).output().unwrap();
    assert_eq!(out.status.code(), Some(8));
    let err = stderr(&out);
    assert!(err.contains("warning: http://127.0.0.1:8080/hook is a private"), "{err}");
    assert!(err.contains(msg) && err.contains("hint:") && err.contains("tunnel"), "{err}");
}

#[test]
fn plan_limit_exits_8_with_the_numbers() {
    let (fake, _dir, config) = setup();
    fake.answer_next(
        "CreateWebhook",
        json!({ "errors": [{ "message": "Plan limit reached.", "extensions": {
            "code": "PLAN_LIMIT_REACHED", "kind": "count", "resource": "webhooks", "current": 10, "limit": 10 } }],
            "data": null }),
    );
    let out =
        fake.bluehook(&config).args(["create", "--url", "https://example.com/x"]).output().unwrap();
    assert_eq!(out.status.code(), Some(8));
    assert!(stderr(&out).contains("10 of 10 webhooks used"), "{}", stderr(&out));
}

#[test]
fn errors_win_even_beside_data() {
    let (fake, _dir, config) = setup();
    fake.answer_next(
        "ListWebhooks",
        json!({ "data": { "webhooks": { "items": [], "pageInfo": { "hasNextPage": false, "hasPreviousPage": false } } },
                "errors": [{ "message": "You are not authorized.", "extensions": { "code": "FORBIDDEN" } }] }),
    );
    let out = fake.bluehook(&config).args(["list", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    assert!(stderr(&out).contains("You are not authorized. (FORBIDDEN)"));
    assert!(out.stdout.is_empty());
}

#[test]
fn update_replaces_lists_and_says_so() {
    let (fake, _dir, config) = setup();
    let hook = fake.add(json!({ "name": "u", "events": ["TAG_CREATED"] }));
    let id = hook["id"].as_str().unwrap();
    let out = fake
        .bluehook(&config)
        .args(["update", "u", "--events", "TODO_CREATED", "--project", "p9", "--name", "renamed"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        fake.last("UpdateWebhook").variables["input"],
        json!({ "webhookId": id, "name": "renamed", "events": ["TODO_CREATED"], "projectIds": ["p9"] })
    );
    let err = stderr(&out);
    assert!(
        err.contains("event list is replaced") && err.contains("project list is replaced"),
        "{err}"
    );

    fake.bluehook(&config)
        .args(["update", id, "--add-event", "COMMENT_CREATED"])
        .assert()
        .success();
    let events = &fake.last("UpdateWebhook").variables["input"]["events"];
    assert_eq!(events, &json!(["TODO_CREATED", "COMMENT_CREATED"]), "merged with the current list");
    fake.bluehook(&config)
        .args(["update", id, "--remove-event", "TODO_CREATED"])
        .assert()
        .success();
    assert_eq!(fake.last("UpdateWebhook").variables["input"]["events"], json!(["COMMENT_CREATED"]));
    fake.bluehook(&config)
        .args(["update", id, "--remove-event", "COMMENT_CREATED"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("would leave no events"));
}

#[test]
fn removing_from_an_all_events_webhook_lists_the_rest() {
    let (fake, _dir, config) = setup();
    let hook = fake.add(json!({ "name": "all" }));
    let id = hook["id"].as_str().unwrap();
    fake.bluehook(&config).args(["update", id, "--remove-event", "TAG_DELETED"]).assert().success();
    let events = fake.last("UpdateWebhook").variables["input"]["events"].clone();
    let events = events.as_array().unwrap();
    assert_eq!(events.len(), 36);
    assert!(!events.contains(&json!("TAG_DELETED")));
    fake.bluehook(&config)
        .args(["update", id, "--url", "https://example.com/new", "--json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"url\": \"https://example.com/new\""));
    fake.bluehook(&config)
        .args(["update", id])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nothing to change"));
}

#[test]
fn enable_reports_a_failed_health_check_with_exit_8() {
    let (fake, _dir, config) = setup();
    let hook = fake.add(json!({ "name": "sick", "enabled": false, "status": "UNHEALTHY" }));
    let id = hook["id"].as_str().unwrap();
    fake.state().health_check_fails = true;
    let out = fake.bluehook(&config).args(["enable", "sick"]).output().unwrap();
    assert_eq!(out.status.code(), Some(8));
    assert_eq!(
        fake.last("UpdateWebhook").variables["input"],
        json!({ "webhookId": id, "enabled": true })
    );
    let err = stderr(&out);
    assert!(err.contains("health check of https://example.com/hook failed"), "{err}");
    assert!(err.contains("UNHEALTHY") && err.contains("WEBHOOK_HEALTH_CHECK"), "{err}");

    fake.state().health_check_fails = false;
    fake.bluehook(&config)
        .args(["enable", id])
        .assert()
        .success()
        .stderr(predicate::str::contains("health check passed"));
    assert_eq!(fake.state().webhooks[0]["enabled"], true);
}

#[test]
fn disable_and_toggle_read_the_state_first() {
    let (fake, _dir, config) = setup();
    let hook = fake.add(json!({ "name": "t" }));
    let id = hook["id"].as_str().unwrap();
    fake.bluehook(&config).args(["disable", id]).assert().success();
    assert_eq!(
        fake.last("UpdateWebhook").variables["input"],
        json!({ "webhookId": id, "enabled": false })
    );
    assert_eq!(fake.operations(), ["GetWebhook", "UpdateWebhook"]);

    let out = fake.bluehook(&config).args(["toggle", id, "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout_json(&out)["enabled"], true);
    assert_eq!(fake.last("UpdateWebhook").variables["input"]["enabled"], true);
    fake.bluehook(&config).args(["toggle", id]).assert().success();
    assert_eq!(fake.last("UpdateWebhook").variables["input"]["enabled"], false);

    let before = fake.received().len();
    fake.bluehook(&config)
        .args(["disable", id])
        .assert()
        .success()
        .stderr(predicate::str::contains("already disabled"));
    assert_eq!(fake.received().len(), before + 1, "only the read");
}

#[test]
fn delete_needs_yes_without_a_terminal() {
    let (fake, _dir, config) = setup();
    let hook = fake.add(json!({ "name": "bye" }));
    let id = hook["id"].as_str().unwrap();
    fake.bluehook(&config)
        .args(["delete", "bye"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--yes"));
    assert!(fake.received().is_empty(), "refused before any request");
    let out = fake.bluehook(&config).args(["delete", "bye", "--yes", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout_json(&out), json!({ "id": id, "deleted": true, "operationId": "op-1" }));
    assert_eq!(fake.last("DeleteWebhook").variables, json!({ "input": { "webhookId": id } }));
    assert!(fake.state().webhooks.is_empty());
}

#[test]
fn no_credentials_exit_6_without_a_request() {
    let (fake, _dir, config) = setup();
    let out = fake
        .bluehook(&config)
        .env_remove("BLUE_TOKEN_ID")
        .env_remove("BLUE_TOKEN_SECRET")
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6));
    let err = stderr(&out);
    assert!(err.contains("no Blue API credentials"), "{err}");
    assert!(
        err.contains("bluehook login")
            && err.contains("BLUE_TOKEN_ID")
            && err.contains("BLUE_TOKEN_SECRET"),
        "{err}"
    );
    assert!(fake.received().is_empty());
}

#[test]
fn rejected_credentials_exit_6() {
    let (fake, _dir, config) = setup();
    let out =
        fake.bluehook(&config).env("BLUE_TOKEN_SECRET", "pat_wrong").arg("list").output().unwrap();
    assert_eq!(out.status.code(), Some(6));
    assert!(stderr(&out).contains("UNAUTHENTICATED") && stderr(&out).contains("bluehook login"));
    assert_eq!(fake.received().len(), 1, "auth failures are not retried");
}

#[test]
fn rate_limited_read_waits_and_succeeds() {
    let (fake, _dir, config) = setup();
    fake.seed(1);
    fake.state().rate_limit_next = 1;
    let out = fake.bluehook(&config).args(["list", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout_json(&out).as_array().unwrap().len(), 1);
    assert!(stderr(&out).contains("rate limit was reached; retrying in 1s"), "{}", stderr(&out));
    assert_eq!(fake.operations(), ["ListWebhooks", "ListWebhooks"]);
}

#[test]
fn rate_limited_mutation_is_retried_because_it_never_ran() {
    let (fake, _dir, config) = setup();
    fake.state().rate_limit_next = 1;
    let out = fake
        .bluehook(&config)
        .args(["create", "--url", "https://example.com/r", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(fake.operations(), ["CreateWebhook", "CreateWebhook"]);
    assert_eq!(fake.state().webhooks.len(), 1, "created once");
}

#[test]
fn server_errors_retry_reads_but_not_mutations() {
    let (fake, _dir, config) = setup();
    fake.seed(1);
    fake.state().server_error_next = 2;
    fake.bluehook(&config).args(["list", "--json"]).assert().success();
    assert_eq!(fake.operations().len(), 3);

    fake.state().server_error_next = 1;
    let out =
        fake.bluehook(&config).args(["create", "--url", "https://example.com/x"]).output().unwrap();
    assert_eq!(out.status.code(), Some(8));
    assert!(
        stderr(&out).contains("HTTP 500") && stderr(&out).contains("may have applied"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fake.operations().iter().filter(|o| *o == "CreateWebhook").count(), 1);
}

#[test]
fn timeouts_and_unreachable_hosts_exit_8() {
    let (fake, _dir, config) = setup();
    fake.state().delay = Some(std::time::Duration::from_secs(3));
    let out = fake.bluehook(&config).args(["list", "--api-timeout", "300ms"]).output().unwrap();
    assert_eq!(out.status.code(), Some(8));
    assert!(stderr(&out).contains("did not answer ListWebhooks within 300ms"), "{}", stderr(&out));
    assert!(stderr(&out).contains("--api-timeout"));

    // A port nothing listens on: bind one, then free it.
    let port = crate::support::closed_port();
    let out = fake
        .bluehook(&config)
        .args(["list", "--api-url", &format!("http://127.0.0.1:{port}/graphql")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(8));
    assert!(stderr(&out).contains("cannot reach Blue"), "{}", stderr(&out));
    assert_eq!(stderr(&out).matches("retrying").count(), 3, "bounded retries");
}

#[test]
fn verbose_shows_requests_with_the_secret_redacted() {
    let (fake, _dir, config) = setup();
    let out = fake
        .bluehook(&config)
        .args(["-vv", "create", "--url", "https://example.com/v"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(err.contains("> POST http://127.0.0.1") && err.contains("CreateWebhook"), "{err}");
    assert!(err.contains("X-Bloo-Token-Secret: pat_********"), "{err}");
    assert!(!err.contains(TOKEN_SECRET), "token secret leaked: {err}");
    assert!(
        !err.contains("whsec_fake_0001_9f8e7d6c5b4a"),
        "webhook secret leaked into the log: {err}"
    );
    let sent = fake.last("CreateWebhook");
    assert_eq!(sent.headers["x-bloo-token-secret"], TOKEN_SECRET);
    assert!(sent.headers["user-agent"].starts_with("bluehook/"));
}

/// Blue refuses local URLs, so `create` and `update` warn about them; the sandbox, on this
/// machine, delivers to them, so against it they do not.
#[test]
fn local_urls_are_a_warning_against_blue_and_fine_against_the_sandbox() {
    let (fake, _dir, config) = setup();
    let local = "http://127.0.0.1:3000/hook";
    let mut cmd = fake.bluehook(&config);
    for (k, v) in fake.far() {
        cmd.env(k, v);
    }
    let out = cmd.args(["create", "--url", local, "--events", "TODO_CREATED"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("is a private or local address, which Blue refuses"));

    let sb = crate::sandbox::Sandbox::start(&[]);
    let out = sb.cmd().args(["create", "--url", local, "--json"]).output().unwrap();
    assert!(out.status.success() && !stderr(&out).contains("private"), "{}", stderr(&out));
    let id = stdout_json(&out)["id"].as_str().unwrap().to_string();
    let out = sb.cmd().args(["update", &id, "--url", "http://localhost:4/x"]).output().unwrap();
    assert!(out.status.success() && !stderr(&out).contains("private"), "{}", stderr(&out));
}
