//! No command waits on a prompt without a terminal: each one runs with stdin closed and no
//! controlling terminal (a session of its own), and must end by itself within a bound.

#![cfg(unix)]

use std::os::unix::process::CommandExt;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::support::{bluehook, bluehook_std, closed_port};

/// Far above what any of these takes; reaching it means the command waits for input.
const BOUND: Duration = Duration::from_secs(20);

/// Every command, with the arguments (or none) that would make it ask for something.
fn commands() -> Vec<Vec<&'static str>> {
    let rows: &[&[&str]] = &[
        &["events"],
        &["send-sample"],
        &["send-sample", "http://127.0.0.1:9/"],
        &["listen", "--port", "0", "--timeout", "1s"],
        &["listen", "--port", "0", "--register", "--timeout", "1s"],
        &["replay", "-", "http://127.0.0.1:9/"],
        &["check", "http://127.0.0.1:9/"],
        &["sign"],
        &["verify"],
        &["demo"],
        &["login"],
        &["logout"],
        &["config", "show"],
        &["list"],
        &["get"],
        &["create"],
        &["update"],
        &["enable"],
        &["disable"],
        &["toggle"],
        &["delete"],
        &["cleanup"],
        &["projects"],
        &["sandbox", "deliveries"],
        &["trigger"],
        &["trigger", "TODO_CREATED"],
        &["inspect"],
        &["completions"],
        &["help"],
    ];
    rows.iter().map(|r| r.to_vec()).collect()
}

/// The commands `bluehook --help` lists.
fn listed() -> Vec<String> {
    let out = bluehook().arg("--help").output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    let section = help.split("Commands:").nth(1).unwrap().split("\n\n").next().unwrap();
    section.lines().filter_map(|l| l.split_whitespace().next()).map(String::from).collect()
}

#[test]
fn every_command_is_covered() {
    let covered: Vec<&str> = commands().iter().map(|c| c[0]).collect();
    for name in listed() {
        assert!(covered.contains(&name.as_str()), "`{name}` is not run without a terminal");
    }
}

#[test]
fn no_command_waits_without_a_terminal() {
    let api = format!("http://127.0.0.1:{}/graphql", closed_port());
    let mut hung = Vec::new();
    for args in commands() {
        let mut cmd = bluehook_std();
        cmd.args(&args)
            .env("BLUE_TOKEN_ID", "id")
            .env("BLUE_TOKEN_SECRET", "secret")
            .env("BLUE_ORG_ID", "org")
            .env("BLUE_API_URL", &api)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // SAFETY: between fork and exec, only async-signal-safe calls: setsid(2), close(2).
        unsafe {
            cmd.pre_exec(|| {
                libc::setsid();
                libc::close(0);
                Ok(())
            });
        }
        let mut child = cmd.spawn().unwrap();
        let started = Instant::now();
        loop {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            if started.elapsed() > BOUND {
                let _ = child.kill();
                let _ = child.wait();
                hung.push(args.join(" "));
                break;
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }
    assert!(hung.is_empty(), "still running after {BOUND:?} without a terminal: {hung:?}");
}
