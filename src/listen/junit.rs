//! `listen --junit FILE`: the CI gate as a JUnit XML report, one test case per `--expect` and
//! one for `--count`, which CI systems show next to the job. Written with `quick-junit`,
//! which escapes the XML and drops control characters and terminal escapes; `xml_text`
//! drops the rest of what XML 1.0 cannot carry (U+FFFE and U+FFFF in an event name sent by
//! anyone).

use std::time::{Duration, SystemTime};

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

/// One expectation of the gate and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expectation {
    /// `expect TODO_CREATED`, `count 3`.
    pub name: String,
    /// When it was met; `None` when it was still missing at the end.
    pub met_at: Option<SystemTime>,
    /// What arrived, for people: `got 1 of 3`, the event that met it.
    pub detail: String,
}

/// Follows the deliveries the CI gate counts, to tell when each expectation was met and what
/// arrived instead of the missing ones.
#[derive(Debug, Clone)]
pub struct Tally {
    /// Each `--expect` in order, and when a delivery met it.
    expected: Vec<(&'static str, Option<(SystemTime, u64)>)>,
    count: Option<(u64, Option<SystemTime>)>,
    seen: u64,
    /// Accepted events by name (at most [`Tally::NAMES`] names; the rest go under `other`).
    arrived: std::collections::BTreeMap<String, u64>,
}

impl Tally {
    const NAMES: usize = 64;

    pub fn new(expected: &[&'static str], count: Option<u64>) -> Self {
        Tally {
            expected: expected.iter().map(|e| (*e, None)).collect(),
            count: count.map(|n| (n, None)),
            seen: 0,
            arrived: Default::default(),
        }
    }

    /// One delivery the gate counted.
    pub fn observe(&mut self, event: Option<&str>, at: SystemTime) {
        self.seen += 1;
        let name = event.unwrap_or("(no event)");
        let known = self.arrived.len() < Self::NAMES || self.arrived.contains_key(name);
        *self.arrived.entry(if known { name } else { "other" }.to_string()).or_default() += 1;
        if let Some(slot) =
            self.expected.iter_mut().find(|(e, met)| Some(*e) == event && met.is_none())
        {
            slot.1 = Some((at, self.seen));
        }
        if let Some((n, met @ None)) = &mut self.count
            && self.seen >= *n
        {
            *met = Some(at);
        }
    }

    /// The accepted events that arrived: `TAG_CREATED x2, TODO_UPDATED x1`.
    pub fn arrived(&self) -> String {
        let each = self.arrived.iter().map(|(name, n)| format!("{name} x{n}"));
        each.collect::<Vec<_>>().join(", ")
    }

    /// Every expectation, met or not.
    pub fn expectations(&self) -> Vec<Expectation> {
        let mut all: Vec<Expectation> = self
            .expected
            .iter()
            .map(|(event, met)| Expectation {
                name: format!("expect {event}"),
                met_at: met.map(|(at, _)| at),
                detail: match met {
                    Some((at, nth)) => {
                        format!(
                            "{event} arrived at {} (delivery {nth})",
                            crate::listen::receiver::timestamp(*at)
                        )
                    }
                    None => format!("{event} did not arrive"),
                },
            })
            .collect();
        if let Some((n, met_at)) = self.count {
            let detail = format!("got {} of {n}", self.seen.min(n));
            all.push(Expectation { name: format!("count {n}"), met_at, detail });
        }
        all
    }
}

/// What the listener saw, for the report.
#[derive(Debug, Clone)]
pub struct Run<'a> {
    pub started: SystemTime,
    pub elapsed: Duration,
    /// Why it stopped: `every expectation met`, `timed out after 2m`, `interrupted`.
    pub end: &'a str,
    /// The accepted events that arrived, with their counts: `TAG_CREATED x2, TODO_UPDATED x1`.
    pub arrived: &'a str,
}

/// The report: a suite `bluehook listen` with a case per expectation.
pub fn report(expectations: &[Expectation], run: &Run) -> Report {
    let mut suite = TestSuite::new("bluehook listen");
    suite.set_timestamp(crate::junit::timestamp(run.started)).set_time(run.elapsed);
    for e in expectations {
        suite.add_test_case(case(e, run));
    }
    let mut report = Report::new("bluehook");
    report.set_timestamp(crate::junit::timestamp(run.started)).set_time(run.elapsed);
    report.add_test_suite(suite);
    report
}

fn case(e: &Expectation, run: &Run) -> TestCase {
    let status = match e.met_at {
        Some(_) => TestCaseStatus::success(),
        None => {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
            let arrived = if run.arrived.is_empty() { "nothing" } else { run.arrived };
            status
                .set_type("missing")
                .set_message(xml_text(&format!("{} not met ({}): {}", e.name, run.end, e.detail)))
                .set_description(xml_text(&format!("arrived instead: {arrived}")));
            status
        }
    };
    let mut case = TestCase::new(xml_text(&e.name), status);
    case.set_classname("bluehook.listen");
    let time = e.met_at.and_then(|at| at.duration_since(run.started).ok());
    case.set_time(time.unwrap_or(run.elapsed));
    if e.met_at.is_some() {
        case.set_system_out(xml_text(&e.detail));
    }
    case
}

/// The JUnit file writer, shared with `check --junit`.
pub use crate::junit::write;
use crate::junit::xml_text;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tally_matches_each_expectation_once_and_names_what_arrived() {
        let t0 = SystemTime::UNIX_EPOCH;
        let mut tally = Tally::new(&["TODO_CREATED", "TODO_CREATED", "TAG_CREATED"], Some(4));
        tally.observe(Some("TODO_CREATED"), t0 + Duration::from_secs(1));
        tally.observe(Some("COMMENT_CREATED"), t0 + Duration::from_secs(2));
        tally.observe(None, t0 + Duration::from_secs(3));
        let e = tally.expectations();
        let met: Vec<bool> = e.iter().map(|e| e.met_at.is_some()).collect();
        assert_eq!(met, [true, false, false, false]);
        assert_eq!(e[0].detail, "TODO_CREATED arrived at 1970-01-01T00:00:01.000Z (delivery 1)");
        assert_eq!((e[3].name.as_str(), e[3].detail.as_str()), ("count 4", "got 3 of 4"));
        assert_eq!(tally.arrived(), "(no event) x1, COMMENT_CREATED x1, TODO_CREATED x1");
        tally.observe(Some("TODO_CREATED"), t0 + Duration::from_secs(4));
        let e = tally.expectations();
        assert_eq!(e[1].met_at, Some(t0 + Duration::from_secs(4)));
        assert_eq!(e[3].met_at, Some(t0 + Duration::from_secs(4)));
    }

    #[test]
    fn met_and_missing_expectations_become_passed_and_failed_cases() {
        let started = SystemTime::UNIX_EPOCH + Duration::from_secs(1_750_000_000);
        let expectations = [
            Expectation {
                name: "expect TODO_CREATED".into(),
                met_at: Some(started + Duration::from_millis(1500)),
                detail: "TODO_CREATED at 2025-06-15T15:06:41.500Z".into(),
            },
            Expectation {
                name: "expect TODO_DELETED".into(),
                met_at: None,
                detail: "did not arrive".into(),
            },
        ];
        let run = Run {
            started,
            elapsed: Duration::from_secs(2),
            end: "timed out after 2s",
            arrived: "TODO_CREATED x1, TAG_\u{1b}[31mCREATED x1",
        };
        let xml = report(&expectations, &run).to_string().unwrap();
        assert!(xml.contains(r#"tests="2""#) && xml.contains(r#"failures="1""#), "{xml}");
        assert!(xml.contains(r#"<testcase name="expect TODO_CREATED""#), "{xml}");
        assert!(xml.contains(r#"time="1.500""#), "{xml}");
        assert!(xml.contains("expect TODO_DELETED not met (timed out after 2s)"), "{xml}");
        assert!(xml.contains("arrived instead: TODO_CREATED x1"), "{xml}");
        assert!(!xml.contains('\u{1b}'), "no control characters in the XML: {xml}");
    }

    /// Every character of the document, and of each text and attribute value once unescaped
    /// (`&#xFFFF;` is as forbidden as the character itself), read back with `quick-xml`.
    fn xml_chars(xml: &str) -> String {
        use quick_xml::events::Event;
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut all = xml.to_string();
        loop {
            match reader.read_event().expect("well-formed XML") {
                Event::Start(e) | Event::Empty(e) => {
                    for a in e.attributes() {
                        let a = a.expect("a well-formed attribute");
                        let v = a.normalized_value(quick_xml::XmlVersion::Implicit1_0);
                        all.push_str(&v.expect("an attribute value"));
                    }
                }
                Event::Text(t) => all.push_str(&t.decode().expect("text")),
                Event::GeneralRef(r) => all.push_str(&format!("&{};", r.decode().unwrap())),
                Event::Eof => return all,
                _ => {}
            }
        }
    }

    #[test]
    fn characters_xml_forbids_never_reach_the_report() {
        let mut tally = Tally::new(&["TODO_CREATED"], Some(3));
        let t0 = SystemTime::UNIX_EPOCH;
        for name in ["TAG\u{fffe}CREATED", "TODO\u{ffff}", "A\u{0}B\u{1f}C"] {
            tally.observe(Some(name), t0);
        }
        tally.observe(Some("TODO_CREATED"), t0);
        let arrived = tally.arrived();
        let run = Run { started: t0, elapsed: Duration::from_secs(1), end: "x", arrived: &arrived };
        let mut expectations = tally.expectations();
        expectations[0].met_at = None;
        expectations[0].detail = "TODO\u{ffff} did not arrive".into();
        let xml = report(&expectations, &run).to_string().unwrap();
        let chars = xml_chars(&xml);
        let forbidden = |c: char| xml_text(&c.to_string()).is_empty() && c != '\u{1b}';
        assert!(!chars.chars().any(forbidden), "{xml:?}");
        assert!(!chars.contains("&#x") && !chars.contains("&#6"), "{xml}");
        assert!(chars.contains("TAGCREATED x1") && chars.contains("TODO x1"), "{xml}");
    }
}
