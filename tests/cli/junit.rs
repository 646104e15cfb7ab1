//! `listen --junit FILE`: the CI gate's expectations as a JUnit XML report, read back with an
//! XML parser of its own.

use predicates::prelude::*;
use quick_xml::events::Event;

use crate::support::{Listener, bluehook, post_signed};

const SECRET: &str = "whsec_junit_test";

fn body(event: &str) -> Vec<u8> {
    format!(r#"{{"event":"{event}","currentValue":{{"id":"x"}}}}"#).into_bytes()
}

/// A test case as read from the file: name, and the failure's message and text if it failed.
#[derive(Debug, Default)]
struct Case {
    name: String,
    failure: Option<(String, String)>,
}

/// The `<testsuite>` attributes `tests` and `failures`, and its cases.
fn parse(xml: &str) -> ((String, String), Vec<Case>) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut suite, mut cases, mut in_failure) = (None, Vec::<Case>::new(), false);
    let attr = |e: &quick_xml::events::BytesStart, name: &str| -> String {
        let a = e.try_get_attribute(name).unwrap().unwrap_or_else(|| panic!("no {name}"));
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0).unwrap().to_string()
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"testsuite" => {
                suite = Some((attr(&e, "tests"), attr(&e, "failures")));
            }
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"testcase" => {
                cases.push(Case { name: attr(&e, "name"), failure: None });
            }
            Event::Start(e) if e.name().as_ref() == b"failure" => {
                let message = attr(&e, "message");
                cases.last_mut().unwrap().failure = Some((message, String::new()));
                in_failure = true;
            }
            Event::Text(t) if in_failure => {
                let text = t.decode().unwrap().to_string();
                cases.last_mut().unwrap().failure.as_mut().unwrap().1.push_str(&text);
            }
            Event::End(e) if e.name().as_ref() == b"failure" => in_failure = false,
            Event::Eof => break,
            _ => {}
        }
    }
    (suite.expect("a testsuite"), cases)
}

#[test]
fn met_and_missing_expectations_are_test_cases() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("bluehook.xml");
    let args = ["--secret", SECRET, "--junit", report.to_str().unwrap(), "--timeout", "2s"];
    let gate = ["--expect", "TODO_CREATED", "--expect", "TODO_DELETED", "--count", "3"];
    let mut l = Listener::start(&[&args[..], &gate[..]].concat());
    for event in ["TAG_CREATED", "TODO_CREATED"] {
        assert_eq!(post_signed(l.port, SECRET, &body(event)).status, 200);
    }
    assert_eq!(post_signed(l.port, "forged", &body("TODO_DELETED")).status, 401);
    l.take(3);
    let (code, _, stderr) = l.finish();
    assert_eq!(code, Some(4), "{stderr}");
    let (suite, cases) = parse(&std::fs::read_to_string(&report).unwrap());
    assert_eq!(suite, ("3".to_string(), "2".to_string()));
    let names: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["expect TODO_CREATED", "expect TODO_DELETED", "count 3"]);
    assert!(cases[0].failure.is_none());
    let (message, text) = cases[1].failure.as_ref().unwrap();
    assert!(message.contains("not met (timed out after 2s)"), "{message}");
    assert_eq!(text, "arrived instead: TAG_CREATED x1, TODO_CREATED x1");
    assert!(cases[2].failure.as_ref().unwrap().0.contains("got 2 of 3"));
}

#[test]
fn a_met_gate_reports_every_case_passed() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("out.xml");
    std::fs::write(&report, "stale").unwrap();
    let args = ["--secret", SECRET, "--junit", report.to_str().unwrap(), "--expect", "TAG_CREATED"];
    let l = Listener::start(&args);
    assert_eq!(post_signed(l.port, SECRET, &body("TAG_CREATED")).status, 200);
    let (code, _, stderr) = l.finish();
    assert_eq!(code, Some(0), "{stderr}");
    let (suite, cases) = parse(&std::fs::read_to_string(&report).unwrap());
    assert_eq!(suite, ("1".to_string(), "0".to_string()));
    assert!(cases[0].failure.is_none());
}

#[test]
fn junit_without_a_gate_is_a_usage_error() {
    bluehook()
        .args(["listen", "--port", "0", "--junit", "x.xml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--junit reports on --expect and --count"));
}
