//! bluehook in a pseudo-terminal of a given size: keys typed, the screen read back through a
//! terminal emulator (vt100), as a person would see it. Prompts, pickers, confirmations and
//! Ctrl-C at each.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use expectrl::Session;
use expectrl::process::unix::WaitStatus;
use serde_json::json;

use crate::fake_blue::{FakeBlue, TOKEN_ID, TOKEN_SECRET};

const WAIT: Duration = Duration::from_secs(20);
const CTRL_C: &str = "\x03";

/// How to start bluehook in a pty: its size, arguments, environment, config and Blue.
pub struct PtyBuilder {
    cols: u16,
    rows: u16,
    args: Vec<String>,
    env: Vec<(String, String)>,
}

impl PtyBuilder {
    pub fn new(cols: u16, rows: u16) -> PtyBuilder {
        PtyBuilder { cols, rows, args: Vec::new(), env: Vec::new() }
    }

    pub fn args(mut self, args: &[&str]) -> Self {
        self.args.extend(args.iter().map(|a| a.to_string()));
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }

    pub fn config(self, path: &Path) -> Self {
        self.env("BLUEHOOK_CONFIG", &path.to_string_lossy())
    }

    /// Valid credentials for `fake` in the environment, with the organization `acme`.
    pub fn blue(self, fake: &FakeBlue) -> Self {
        self.env("BLUE_API_URL", fake.url())
            .env("BLUE_TOKEN_ID", TOKEN_ID)
            .env("BLUE_TOKEN_SECRET", TOKEN_SECRET)
            .env("BLUE_ORG_ID", "acme")
    }

    /// [`PtyBuilder::blue`], with `fake` standing for a Blue elsewhere ([`FakeBlue::far`]).
    pub fn far_blue(self, fake: &FakeBlue) -> Self {
        let [(k1, v1), (k2, v2)] = fake.far();
        self.blue(fake).env(k1, &v1).env(k2, &v2)
    }

    pub fn spawn(self) -> Pty {
        // The pty starts with echo off; a person's terminal has it on. `stty echo` runs in
        // the child before bluehook does, so bluehook finds echo on, whatever the timing.
        let base = crate::support::bluehook_std();
        let mut cmd = std::process::Command::new("sh");
        cmd.arg("-c").arg("stty echo && exec \"$0\" \"$@\"").arg(base.get_program());
        cmd.args(&self.args).env("TERM", "xterm-256color").env_remove("COLUMNS");
        for (k, v) in base.get_envs() {
            match v {
                Some(v) => cmd.env(k, v),
                None => cmd.env_remove(k),
            };
        }
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        let mut session = Session::spawn(cmd).expect("bluehook starts in a pty");
        session.get_process_mut().set_window_size(self.cols, self.rows).expect("window size");
        let parser = vt100::Parser::new(nz(self.rows), nz(self.cols), 0);
        let history = vt100::Parser::new(nz(2000), nz(self.cols), 0);
        Pty { session, parser, history, done: false }
    }
}

/// A running bluehook in a pty, and the screen it drew.
pub struct Pty {
    session: expectrl::session::OsSession,
    parser: vt100::Parser,
    /// The same output on a screen too tall to scroll: everything ever shown.
    history: vt100::Parser,
    done: bool,
}

impl Pty {
    /// Feeds whatever the program wrote so far to the emulator.
    fn pump(&mut self) {
        let mut buf = [0u8; 8192];
        loop {
            match self.session.try_read(&mut buf) {
                Ok(0) => {
                    self.done = true;
                    return;
                }
                Ok(n) => {
                    self.parser.process(&buf[..n]);
                    self.history.process(&buf[..n]);
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => return,
                Err(_) => {
                    self.done = true;
                    return;
                }
            }
        }
    }

    /// The screen as text, trailing spaces trimmed.
    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Everything shown since the start, scrolled off or not.
    pub fn history(&self) -> String {
        self.history.screen().contents()
    }

    /// Waits (bounded) until the screen shows `text` (or showed it, if it has scrolled off);
    /// returns the screen.
    pub fn wait_for(&mut self, text: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            self.pump();
            let screen = self.screen();
            if screen.contains(text) || self.history().contains(text) {
                return screen;
            }
            assert!(
                Instant::now() < deadline && !self.done,
                "`{text}` never appeared; the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn send(&mut self, keys: &str) {
        use std::io::Write;
        self.session.write_all(keys.as_bytes()).expect("keys sent");
        self.session.flush().expect("keys sent");
        std::thread::sleep(Duration::from_millis(60));
        self.pump();
    }

    /// Whether any screen row is wrapped onto the next (a line wider than the terminal).
    pub fn wrapped_rows(&self) -> Vec<u16> {
        let screen = self.parser.screen();
        (0..screen.size().0.get()).filter(|r| screen.row_wrapped(*r)).collect()
    }

    pub fn cursor_hidden(&self) -> bool {
        self.parser.screen().hide_cursor()
    }

    /// Waits (bounded) for the exit; returns the exit code (128 + n for signal n).
    pub fn finish(&mut self) -> i32 {
        let deadline = Instant::now() + WAIT;
        loop {
            self.pump();
            match self.session.get_process().status().expect("status") {
                WaitStatus::Exited(_, code) => {
                    self.pump();
                    return code;
                }
                WaitStatus::Signaled(_, sig, _) => return 128 + sig as i32,
                _ => {}
            }
            assert!(Instant::now() < deadline, "bluehook did not exit; screen:\n{}", self.screen());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// After the exit: echo on, the cursor shown, and the cursor at the start of a line.
    pub fn assert_terminal_restored(&self) {
        let echo = self.session.get_process().get_echo().expect("the pty's settings");
        assert!(echo, "echo left off:\n{}", self.screen());
        let screen = self.parser.screen();
        assert!(!screen.hide_cursor(), "cursor left hidden:\n{}", self.screen());
        assert_eq!(screen.cursor_position().1, 0, "line not ended:\n{}", self.screen());
    }
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a size")
}

fn tmp_config() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    (dir, path)
}

/// Drives `create` to the event picker at `cols` x `rows`.
fn create_until_picker(fake: &FakeBlue, config: &Path, cols: u16, rows: u16) -> Pty {
    let mut pty = PtyBuilder::new(cols, rows).blue(fake).config(config).args(&["create"]).spawn();
    pty.wait_for("URL Blue should deliver to");
    pty.send("https://hooks.example.com/blue\r");
    pty.wait_for("Name (optional)");
    pty.send("orders\r");
    pty.wait_for("space toggle");
    pty
}

#[test]
fn create_interview_with_the_event_and_project_pickers() {
    let fake = FakeBlue::start();
    let (_dir, config) = tmp_config();
    let pty = PtyBuilder::new(80, 24).far_blue(&fake).config(&config).args(&["create"]);
    let mut pty = pty.spawn();
    pty.wait_for("URL Blue should deliver to");
    // A loopback URL without a scheme is understood, and refused for what it is: asked again.
    pty.send("localhost:3000/hook\r");
    let screen = pty.wait_for("private or local address");
    assert!(screen.contains("http://localhost:3000/hook"), "{screen}");
    pty.send("https://hooks.example.com/blue\r");
    pty.wait_for("Name (optional)");
    pty.send("orders\r");
    let screen = pty.wait_for("space toggle");
    eprintln!("event picker at 80x24:\n{screen}");
    assert!(pty.wrapped_rows().is_empty(), "rows wrap at 80 columns:\n{screen}");
    assert!(screen.contains("? Events") && screen.contains("none selected = all 37 events"));
    assert!(screen.contains("> [ ] Records"), "the cursor row is on screen:\n{screen}");
    pty.send(" "); // the Records header: the whole group
    let screen = pty.wait_for("of 37 selected");
    assert!(screen.contains("[x] TODO_CREATED"), "{screen}");
    pty.send("\r");
    let screen = pty.wait_for("✔ Events");
    assert!(screen.contains("events: TODO_CREATED, TODO_DELETED"), "a summary:\n{screen}");
    assert!(!screen.contains("space toggle") || screen.contains("? Projects"), "{screen}");
    let screen = pty.wait_for("none selected = all projects");
    eprintln!("project picker at 80x24:\n{screen}");
    pty.send("/web");
    pty.wait_for("filter: web");
    pty.send("\r ");
    pty.wait_for("1 of 4 selected");
    pty.send("\r");
    pty.wait_for("1 project: Website");
    pty.wait_for("Created webhook");
    assert_eq!(pty.finish(), 0, "{}", pty.screen());
    let input = &fake.last("CreateWebhook").variables["input"];
    assert_eq!(input["projectIds"], json!(["p1"]));
    assert_eq!(input["url"], "https://hooks.example.com/blue");
    let events = input["events"].as_array().unwrap();
    assert!(events.len() > 5 && events.iter().all(|e| e.as_str().unwrap().starts_with("TODO_")));
}

#[test]
fn the_event_picker_fits_60x15() {
    let fake = FakeBlue::start();
    let (_dir, config) = tmp_config();
    let mut pty = create_until_picker(&fake, &config, 60, 15);
    for _ in 0..20 {
        pty.send("\x1b[B"); // arrow down, past the first page
    }
    let screen = pty.screen();
    assert!(pty.wrapped_rows().is_empty(), "rows wrap at 60 columns:\n{screen}");
    assert!(screen.contains("? Events") && screen.contains("more"), "{screen}");
    assert!(screen.lines().any(|l| l.starts_with('>')), "cursor row on screen:\n{screen}");
    pty.send(CTRL_C);
    assert_eq!(pty.finish(), 130);
}

#[test]
fn ctrl_c_in_the_event_picker_restores_the_terminal_and_creates_nothing() {
    let fake = FakeBlue::start();
    let (_dir, config) = tmp_config();
    let mut pty = create_until_picker(&fake, &config, 80, 24);
    assert!(pty.cursor_hidden(), "the picker hides the cursor while it is up");
    pty.send(CTRL_C);
    assert_eq!(pty.finish(), 130);
    pty.assert_terminal_restored();
    assert!(!fake.operations().contains(&"CreateWebhook".to_string()));
}

#[test]
fn ctrl_c_at_the_url_prompt_exits_130() {
    let fake = FakeBlue::start();
    let (_dir, config) = tmp_config();
    let mut pty = PtyBuilder::new(80, 24).blue(&fake).config(&config).args(&["create"]).spawn();
    pty.wait_for("URL Blue should deliver to");
    pty.send("https://exam");
    pty.send(CTRL_C);
    assert_eq!(pty.finish(), 130);
    pty.assert_terminal_restored();
}

#[test]
fn delete_defaults_to_no_and_cancelling_exits_9() {
    let fake = FakeBlue::start();
    let (_dir, config) = tmp_config();
    let hook = fake.add(json!({ "name": "orders" }));
    let mut pty =
        PtyBuilder::new(80, 24).blue(&fake).config(&config).args(&["delete", "orders"]).spawn();
    let screen = pty.wait_for("This cannot be undone");
    assert!(screen.contains("[y/N]"), "No is the default:\n{screen}");
    pty.send("\r");
    pty.wait_for("Cancelled: nothing was deleted.");
    assert_eq!(pty.finish(), 9);
    assert_eq!(fake.state().webhooks.len(), 1);

    let mut pty =
        PtyBuilder::new(80, 24).blue(&fake).config(&config).args(&["delete", "orders"]).spawn();
    pty.wait_for("This cannot be undone");
    pty.send(CTRL_C);
    assert_eq!(pty.finish(), 130);
    pty.assert_terminal_restored();

    let mut pty =
        PtyBuilder::new(80, 24).blue(&fake).config(&config).args(&["delete", "orders"]).spawn();
    pty.wait_for("This cannot be undone");
    pty.send("y");
    pty.wait_for("Deleted webhook");
    assert_eq!(pty.finish(), 0);
    assert!(fake.state().webhooks.iter().all(|w| w["id"] != hook["id"]));
}

#[test]
fn cleanup_lists_what_it_would_delete_defaults_to_no_and_survives_ctrl_c() {
    let fake = FakeBlue::start();
    let (_dir, config) = tmp_config();
    fake.add(json!({ "name": "bluehook-temp-laptop-20261101T090000Z" }));
    fake.add(json!({ "name": "orders" }));
    let cleanup = || PtyBuilder::new(80, 24).blue(&fake).config(&config).args(&["cleanup"]);
    let mut pty = cleanup().spawn();
    let screen = pty.wait_for("Delete this temporary webhook?");
    assert!(screen.contains("bluehook-temp-laptop-20261101T090000Z"), "{screen}");
    assert!(!screen.contains("orders"), "only temporary webhooks are offered:\n{screen}");
    assert!(screen.contains("[y/N]"), "No is the default:\n{screen}");
    pty.send("\r");
    pty.wait_for("Cancelled: nothing was deleted.");
    assert_eq!(pty.finish(), 9);
    assert_eq!(fake.state().webhooks.len(), 2);

    let mut pty = cleanup().spawn();
    pty.wait_for("Delete this temporary webhook?");
    pty.send(CTRL_C);
    assert_eq!(pty.finish(), 130);
    pty.assert_terminal_restored();
    assert_eq!(fake.state().webhooks.len(), 2);

    let mut pty = cleanup().spawn();
    pty.wait_for("Delete this temporary webhook?");
    pty.send("y");
    pty.wait_for("Deleted `bluehook-temp-laptop-20261101T090000Z`");
    assert_eq!(pty.finish(), 0);
    let names: Vec<_> = fake.state().webhooks.iter().map(|w| w["name"].clone()).collect();
    assert_eq!(names, [json!("orders")]);
}

#[test]
fn logout_defaults_to_no_and_ctrl_c_keeps_the_profile() {
    let (_dir, config) = tmp_config();
    std::fs::write(&config, "[profiles.default]\ntoken_id = \"t\"\ntoken_secret = \"s\"\n")
        .unwrap();
    let mut pty = PtyBuilder::new(80, 24).config(&config).args(&["logout"]).spawn();
    let screen = pty.wait_for("Remove the saved credentials");
    assert!(screen.contains("[y/N]"), "No is the default:\n{screen}");
    pty.send("\r");
    pty.wait_for("Cancelled: the profile was kept.");
    assert_eq!(pty.finish(), 9);

    let mut pty = PtyBuilder::new(80, 24).config(&config).args(&["logout"]).spawn();
    pty.wait_for("Remove the saved credentials");
    pty.send(CTRL_C);
    assert_eq!(pty.finish(), 130);
    pty.assert_terminal_restored();
    assert!(std::fs::read_to_string(&config).unwrap().contains("token_id"));
}

#[test]
fn login_asks_again_after_a_refusal_and_never_shows_the_secret() {
    let fake = FakeBlue::start();
    let (_dir, config) = tmp_config();
    std::fs::write(&config, "[profiles.default]\ntoken_id = \"old\"\ntoken_secret = \"x\"\n")
        .unwrap();
    let mut pty =
        PtyBuilder::new(80, 24).config(&config).args(&["login", "--api-url", fake.url()]).spawn();
    pty.wait_for("Profile `default`");
    pty.wait_for("Token id");
    pty.send(&format!("{TOKEN_ID}\r"));
    pty.wait_for("Token secret");
    pty.send("pat_typo\r");
    pty.wait_for("Organization id or slug");
    pty.send("acme\r");
    let screen = pty.wait_for("try again");
    assert!(screen.contains("refused these credentials"), "{screen}");
    assert!(!screen.contains("bluehook login"), "no advice to run what is running:\n{screen}");
    // Asked again, from the start.
    pty.send(&format!("{TOKEN_ID}\r"));
    pty.send(&format!("{TOKEN_SECRET}\r"));
    pty.send("acme\r");
    let screen = pty.wait_for("Replaced profile `default`");
    assert!(screen.contains("Logged in") && screen.contains("Acme Inc"), "{screen}");
    assert!(!screen.contains(TOKEN_SECRET) && !screen.contains("pat_typo"), "{screen}");
    assert_eq!(pty.finish(), 0);
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(text.contains(TOKEN_SECRET) && text.contains(fake.url()), "{text}");
}

#[test]
fn ctrl_c_at_the_secret_prompt_restores_echo() {
    let (_dir, config) = tmp_config();
    let mut pty = PtyBuilder::new(80, 24).config(&config).args(&["login"]).spawn();
    pty.wait_for("Token id");
    pty.send("tok\r");
    pty.wait_for("Token secret");
    pty.send("half-typed");
    pty.send(CTRL_C);
    assert_eq!(pty.finish(), 130);
    pty.assert_terminal_restored();
    assert!(!pty.screen().contains("half-typed"), "{}", pty.screen());
    assert!(!config.exists(), "nothing saved");
}

#[test]
fn create_against_the_sandbox_takes_a_loopback_url() {
    let sb = crate::sandbox::Sandbox::start(&[]);
    let (_dir, config) = tmp_config();
    let mut pty = PtyBuilder::new(80, 24).config(&config).args(&["create"]);
    for key in ["token_id", "token_secret"] {
        let var = format!("BLUE_{}", key.to_uppercase());
        pty = pty.env(&var, sb.ready[key].as_str().unwrap());
    }
    let pty = pty.env("BLUE_API_URL", &sb.url).env("BLUE_ORG_ID", "acme");
    let mut pty = pty.spawn();
    pty.wait_for("URL Blue should deliver to");
    pty.send("localhost:3000/hook\r");
    pty.wait_for("Name (optional)");
    pty.send("\r");
    pty.wait_for("space toggle");
    pty.send("\r");
    pty.wait_for("none selected = all projects");
    pty.send("\r");
    pty.wait_for("Created webhook");
    assert_eq!(pty.finish(), 0, "{}", pty.history());
    assert!(!pty.history().contains("private or local"), "{}", pty.history());
    assert!(pty.history().contains("http://localhost:3000/hook"), "{}", pty.history());
}

/// At 80 columns, a confirmation longer than a line is shown once, whole, and answered in place.
#[test]
fn a_confirmation_wider_than_the_terminal_is_drawn_once() {
    let fake = FakeBlue::start();
    let (_dir, config) = tmp_config();
    let url = "https://hooks.example.com/blue/webhooks/receive/orders-and-invoices-for-acme";
    fake.add(json!({ "name": "orders", "url": url }));
    let mut pty =
        PtyBuilder::new(80, 24).blue(&fake).config(&config).args(&["delete", "orders"]).spawn();
    pty.wait_for("[y/N]");
    pty.send("n");
    pty.wait_for("Cancelled: nothing was deleted.");
    assert_eq!(pty.finish(), 9);
    let screen = pty.history();
    eprintln!("{screen}");
    assert_eq!(screen.matches("Delete webhook").count(), 1, "{screen}");
    assert!(screen.replace('\n', "").contains(url), "the URL whole: {screen}");
    assert!(screen.contains("This cannot be undone") && screen.contains(" no"), "{screen}");
    assert!(pty.wrapped_rows().is_empty(), "lines end before the edge:\n{screen}");
}

/// At 80 columns, an error longer than a line stays whole above the prompt that asks again.
#[test]
fn a_wrapped_error_stays_whole_above_the_next_prompt() {
    let fake = FakeBlue::start();
    let (_dir, config) = tmp_config();
    let pty = PtyBuilder::new(80, 24).far_blue(&fake).config(&config).args(&["create"]);
    let mut pty = pty.spawn();
    pty.wait_for("URL Blue should deliver to");
    pty.send("localhost:3000/hook\r");
    pty.wait_for("private or local address");
    // Asked again, answered the same: the new error replaces the old one, whole.
    pty.send("localhost:3000/hook\r");
    std::thread::sleep(std::time::Duration::from_millis(200));
    pty.send("x");
    let screen = pty.wait_for("URL Blue should deliver to: x");
    eprintln!("{screen}");
    let flat = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("and give its public URL"), "the error's end: {screen}");
    assert!(pty.wrapped_rows().is_empty(), "lines end before the edge:\n{screen}");
    let rows: Vec<&str> = screen.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(rows.last().unwrap().starts_with("URL Blue should deliver to: x"), "{screen}");
    assert_eq!(screen.matches("URL Blue should deliver to").count(), 1, "{screen}");
    assert_eq!(screen.matches("private or local").count(), 1, "{screen}");
    pty.send(CTRL_C);
    assert_eq!(pty.finish(), 130);
}
