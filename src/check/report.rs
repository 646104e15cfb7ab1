//! The results of `bluehook check` in each format: a table for people (with what each failure
//! means in production and how to fix it), NDJSON (one [`CaseLine`] per case, then a
//! [`SummaryLine`]), and a JUnit report (one test case per case).

use std::io::Write;
use std::time::{Duration, SystemTime};

use comfy_table::{Cell, Color, ContentArrangement, Table, presets};
use serde::Serialize;

use super::case::Case;
use super::judge::{Judged, Verdict, secs};

/// A whole run.
#[derive(Debug, Clone)]
pub struct Results {
    /// The receiver, as shown (no password).
    pub url: String,
    pub started: SystemTime,
    pub elapsed: Duration,
    pub cases: Vec<Judged>,
    /// Whether warnings count as failures (`--strict`).
    pub strict: bool,
}

impl Results {
    pub fn count(&self, v: Verdict) -> usize {
        self.cases.iter().filter(|c| c.verdict == v).count()
    }

    /// Deliveries sent, all cases together.
    pub fn deliveries(&self) -> usize {
        let meta = |c: &&Judged| matches!(c.case, Case::Timing | Case::Redirect);
        self.cases.iter().filter(|c| !meta(c)).map(|c| c.deliveries).sum()
    }

    /// Whether the run failed: a case failed, or warned under `--strict`.
    pub fn failed(&self) -> bool {
        self.count(Verdict::Fail) > 0 || (self.strict && self.count(Verdict::Warn) > 0)
    }

    /// A hint for the whole run: every genuine delivery refused with 401 or 403 means the
    /// receiver verifies with another secret.
    pub fn hint(&self) -> Option<&'static str> {
        let every = self.cases.iter().find(|j| j.case == Case::EveryEvent)?;
        let denied = |s: &String| s == "401" || s == "403";
        (!every.statuses.is_empty() && every.statuses.keys().all(denied)).then_some(
            "every genuine delivery was refused: does the receiver verify with this webhook's \
             secret (the one given to --secret)?",
        )
    }

    /// `12 passed, 1 warned, 0 failed`.
    pub fn tally(&self) -> String {
        let (p, w, f) =
            (self.count(Verdict::Pass), self.count(Verdict::Warn), self.count(Verdict::Fail));
        format!("{p} passed, {w} warned, {f} failed")
    }
}

/// One NDJSON line per case.
#[derive(Debug, Clone, Serialize)]
pub struct CaseLine<'a> {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub case: Case,
    pub verdict: Verdict,
    pub note: &'a str,
    pub deliveries: usize,
    pub statuses: &'a std::collections::BTreeMap<String, usize>,
    pub slowest_ms: Option<f64>,
    /// What a failure or warning means in production, and how to fix it; absent on a pass.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meaning: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<&'static str>,
}

/// The last NDJSON line.
#[derive(Debug, Clone, Serialize)]
pub struct SummaryLine<'a> {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub url: &'a str,
    pub passed: usize,
    pub warned: usize,
    pub failed: usize,
    pub deliveries: usize,
    pub elapsed_ms: u64,
    /// Whether the run exits 0.
    pub ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<&'static str>,
}

impl<'a> CaseLine<'a> {
    pub fn of(j: &'a Judged) -> Self {
        let flagged = j.verdict != Verdict::Pass;
        CaseLine {
            kind: "case",
            case: j.case,
            verdict: j.verdict,
            note: &j.note,
            deliveries: j.deliveries,
            statuses: &j.statuses,
            slowest_ms: j.slowest_ms.map(|ms| (ms * 10.0).round() / 10.0),
            meaning: flagged.then(|| j.case.meaning()),
            fix: flagged.then(|| j.case.fix()),
        }
    }
}

/// The NDJSON lines of a run.
pub fn write_json(out: &mut impl Write, r: &Results) -> anyhow::Result<()> {
    for j in &r.cases {
        serde_json::to_writer(&mut *out, &CaseLine::of(j))?;
        writeln!(out)?;
    }
    let summary = SummaryLine {
        kind: "summary",
        url: &r.url,
        passed: r.count(Verdict::Pass),
        warned: r.count(Verdict::Warn),
        failed: r.count(Verdict::Fail),
        deliveries: r.deliveries(),
        elapsed_ms: r.elapsed.as_millis() as u64,
        ok: !r.failed(),
        hint: r.hint(),
    };
    serde_json::to_writer(&mut *out, &summary)?;
    writeln!(out)?;
    Ok(())
}

/// The table, the meaning and fix of each failure and warning, and the tally.
pub fn write_human(
    out: &mut impl Write,
    r: &Results,
    width: Option<usize>,
    color: bool,
) -> anyhow::Result<()> {
    writeln!(out, "{}", table(r, width, color))?;
    for j in r.cases.iter().filter(|j| j.verdict != Verdict::Pass) {
        writeln!(out, "{} {}: {}", j.verdict.name(), j.case.name(), j.case.meaning())?;
        writeln!(out, "  fix: {}", j.case.fix())?;
    }
    if let Some(hint) = r.hint() {
        writeln!(out, "hint: {hint}")?;
    }
    writeln!(out, "{} ({} deliveries in {})", r.tally(), r.deliveries(), secs(r.elapsed))?;
    Ok(())
}

fn table(r: &Results, width: Option<usize>, color: bool) -> String {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED);
    t.set_header(["case", "verdict", "statuses", "slowest", "what was seen"]);
    match width {
        Some(w) => {
            t.set_content_arrangement(ContentArrangement::Dynamic);
            t.set_width(u16::try_from(w).unwrap_or(u16::MAX));
        }
        None => {
            t.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    if color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    for j in &r.cases {
        let statuses: Vec<String> = j
            .statuses
            .iter()
            .map(|(s, n)| if *n == 1 { s.clone() } else { format!("{s} x{n}") })
            .collect();
        let slowest = j.slowest_ms.map(|ms| secs(Duration::from_secs_f64(ms / 1e3)));
        t.add_row([
            Cell::new(j.case.name()),
            verdict_cell(j.verdict),
            Cell::new(if statuses.is_empty() { "-".into() } else { statuses.join(", ") }),
            Cell::new(slowest.unwrap_or_else(|| "-".into())),
            Cell::new(&j.note),
        ]);
    }
    t.to_string()
}

fn verdict_cell(v: Verdict) -> Cell {
    let colour = match v {
        Verdict::Pass => Color::Green,
        Verdict::Warn => Color::Yellow,
        Verdict::Fail => Color::Red,
    };
    Cell::new(v.name()).fg(colour)
}

/// The JUnit report: a suite `bluehook check` with a test case per case; a warning is a
/// failure only under `--strict`.
pub fn junit(r: &Results) -> quick_junit::Report {
    use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
    let mut suite = TestSuite::new("bluehook check");
    let started = crate::junit::timestamp(r.started);
    suite.set_timestamp(started).set_time(r.elapsed);
    for j in &r.cases {
        let failed = j.verdict == Verdict::Fail || (r.strict && j.verdict == Verdict::Warn);
        let status = if failed {
            let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
            s.set_type(j.verdict.name())
                .set_message(crate::junit::xml_text(&format!("{}: {}", j.case.name(), j.note)))
                .set_description(format!("{}\nfix: {}", j.case.meaning(), j.case.fix()));
            s
        } else {
            TestCaseStatus::success()
        };
        let mut case = TestCase::new(j.case.name(), status);
        case.set_classname("bluehook.check");
        if let Some(ms) = j.slowest_ms {
            case.set_time(Duration::from_secs_f64(ms / 1e3));
        }
        if !failed {
            case.set_system_out(crate::junit::xml_text(&format!(
                "{}: {}",
                j.verdict.name(),
                j.note
            )));
        }
        suite.add_test_case(case);
    }
    let mut report = Report::new("bluehook");
    report.set_timestamp(started).set_time(r.elapsed);
    report.add_test_suite(suite);
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::judge::{self, Seen};
    use crate::send::delivery::Outcome;

    fn results(strict: bool) -> Results {
        let ok = |label: &str| Seen {
            label: label.into(),
            outcome: Outcome::answered(200, None, Duration::from_millis(3), b""),
        };
        let slow = Seen {
            label: "slow".into(),
            outcome: Outcome::answered(200, None, Duration::from_secs(4), b""),
        };
        let forged = Seen {
            label: "forged".into(),
            outcome: Outcome::answered(200, None, Duration::from_millis(1), b"ok \x1b[31m"),
        };
        let all = [ok("a"), slow];
        let refs: Vec<&Seen> = all.iter().collect();
        Results {
            url: "http://127.0.0.1:1/".into(),
            started: SystemTime::UNIX_EPOCH,
            elapsed: Duration::from_millis(1500),
            cases: vec![
                judge::judge(Case::EveryEvent, &all),
                judge::judge(Case::Forged, &[forged]),
                judge::timing(&refs, Duration::from_secs(7)),
            ],
            strict,
        }
    }

    #[test]
    fn what_the_receiver_said_cannot_break_the_junit_xml() {
        let forged = Seen {
            label: "forged".into(),
            outcome: Outcome::answered(
                200,
                None,
                Duration::from_millis(1),
                "ok \u{ffff}".as_bytes(),
            ),
        };
        let mut r = results(false);
        r.cases[1] = judge::judge(Case::Forged, &[forged]);
        let xml = junit(&r).to_string().unwrap();
        assert!(xml.contains("accepted with 200") && !xml.contains('\u{ffff}'), "{xml}");
    }

    #[test]
    fn json_has_a_line_per_case_and_a_summary() {
        let mut out = Vec::new();
        write_json(&mut out, &results(false)).unwrap();
        let lines: Vec<serde_json::Value> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[0]["case"], "every-event");
        assert_eq!(lines[0]["verdict"], "pass");
        assert!(lines[0].get("fix").is_none());
        assert_eq!(lines[1]["verdict"], "fail");
        assert!(lines[1]["fix"].as_str().unwrap().contains("X-Signature"));
        assert_eq!(lines[2]["verdict"], "warn");
        assert_eq!(lines[3]["type"], "summary");
        assert_eq!((lines[3]["failed"].as_u64(), lines[3]["ok"].as_bool()), (Some(1), Some(false)));
    }

    #[test]
    fn the_table_names_each_case_and_escapes_what_it_shows() {
        let mut out = Vec::new();
        write_human(&mut out, &results(false), None, false).unwrap();
        let text = String::from_utf8(out).unwrap();
        for name in ["every-event", "forged", "timing", "fail forged:", "  fix: verify"] {
            assert!(text.contains(name), "{name} in {text}");
        }
        assert!(text.ends_with("1 passed, 1 warned, 1 failed (3 deliveries in 1.5 s)\n"), "{text}");
        assert!(!text.contains('\u{1b}'), "{text}");
    }

    #[test]
    fn warnings_fail_only_when_strict() {
        let xml = |strict| junit(&results(strict)).to_string().unwrap();
        assert!(xml(false).contains(r#"failures="1""#), "{}", xml(false));
        assert!(xml(true).contains(r#"failures="2""#), "{}", xml(true));
        assert!(xml(false).contains(r#"<testcase name="timing""#));
        assert!(!results(false).failed() || results(false).count(Verdict::Fail) == 1);
        let mut r = results(false);
        r.cases.remove(1);
        assert!(!r.failed());
        r.strict = true;
        assert!(r.failed());
    }
}
