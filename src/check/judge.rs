//! Verdicts: from what the receiver answered to pass, warn or fail. Pure: no I/O.
//!
//! Each problem is judged once: a 3xx by `redirect`, a delivery without an answer in time by
//! `timing`; the other cases judge the statuses answered (and dropped connections).

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Serialize;

use super::case::{Case, Expect};
use crate::send::delivery::{FailureKind, Outcome};

/// What came back for one delivery.
#[derive(Debug, Clone)]
pub struct Seen {
    /// The delivery, as the table names it (`TODO_MOVED`, `indented JSON`).
    pub label: String,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Pass,
    Warn,
    Fail,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Warn => "warn",
            Verdict::Fail => "fail",
        }
    }
}

/// A case's verdict and what it was based on.
#[derive(Debug, Clone)]
pub struct Judged {
    pub case: Case,
    pub verdict: Verdict,
    /// One line on what was seen: the first delivery that failed, the slowest answer.
    pub note: String,
    /// Deliveries the case sent (for `timing` and `redirect`: the deliveries of the run).
    pub deliveries: usize,
    /// How many deliveries got each answer: `200`, `401`, `timeout`, `refused`.
    pub statuses: BTreeMap<String, usize>,
    /// The slowest answer, in milliseconds.
    pub slowest_ms: Option<f64>,
}

/// What a delivery's answer counts as.
enum Answer {
    Status(u16),
    /// 3xx: judged by `redirect`.
    Redirect,
    /// No answer in time: judged by `timing`.
    TimedOut,
    /// Refused, reset, cut off: no status to trust.
    Dropped,
}

fn answer(o: &Outcome) -> Answer {
    match (o.failure, o.status) {
        (Some(FailureKind::Timeout), _) => Answer::TimedOut,
        (Some(FailureKind::Redirect), _) => Answer::Redirect,
        (Some(FailureKind::Incomplete), _) | (_, None) => Answer::Dropped,
        (_, Some(s)) => Answer::Status(s),
    }
}

/// `200`, `timeout`, `refused`: how the statuses column counts an outcome.
fn status_key(o: &Outcome) -> String {
    match (o.status, o.failure) {
        (Some(s), None | Some(FailureKind::Status | FailureKind::Redirect)) => s.to_string(),
        (_, Some(kind)) => kind.name().to_string(),
        (None, None) => "none".to_string(),
    }
}

fn base(case: Case, seen: &[&Seen]) -> Judged {
    let mut statuses = BTreeMap::new();
    for s in seen {
        *statuses.entry(status_key(&s.outcome)).or_default() += 1;
    }
    let slowest_ms =
        seen.iter().map(|s| s.outcome.latency.as_secs_f64() * 1e3).max_by(|a, b| a.total_cmp(b));
    Judged {
        case,
        verdict: Verdict::Pass,
        note: String::new(),
        deliveries: seen.len(),
        statuses,
        slowest_ms,
    }
}

/// The verdict of a case that sends deliveries, from what came back for them.
pub fn judge(case: Case, seen: &[Seen]) -> Judged {
    let all: Vec<&Seen> = seen.iter().collect();
    let mut j = base(case, &all);
    let judged: Vec<(&Seen, Option<u16>)> = seen
        .iter()
        .filter_map(|s| match answer(&s.outcome) {
            Answer::Status(code) => Some((s, Some(code))),
            Answer::Dropped => Some((s, None)),
            Answer::Redirect | Answer::TimedOut => None,
        })
        .collect();
    if judged.is_empty() {
        j.verdict = Verdict::Warn;
        j.note = "not judged: every delivery was redirected or got no answer in time \
                  (see redirect and timing)"
            .into();
        return j;
    }
    let ok = |code: Option<u16>| code.is_some_and(|c| (200..300).contains(&c));
    let first = |bad: &dyn Fn(Option<u16>) -> bool| judged.iter().find(|(_, c)| bad(*c)).copied();
    let (verdict, culprit) = match case.expect() {
        Expect::Accept => (Verdict::Fail, first(&|c| !ok(c))),
        Expect::Reject => (Verdict::Fail, first(&|c| ok(c))),
        Expect::NoServerError => match first(&|c| c.is_none_or(|c| c >= 500)) {
            Some(bad) => (Verdict::Fail, Some(bad)),
            None => (Verdict::Warn, first(&|c| !ok(c))),
        },
        Expect::Meta => (Verdict::Pass, None),
    };
    match culprit {
        Some((s, code)) => {
            j.verdict = verdict;
            j.note = culprit_note(case, s, code);
            let like = judged.iter().filter(|(_, c)| *c == code).count();
            if like > 1 {
                j.note.push_str(&format!(" (and {} more)", like - 1));
            }
        }
        None => j.note = passed_note(case, judged.len()),
    }
    j
}

/// `TODO_MOVED: 500 "no such record"`: the first delivery the verdict is about.
fn culprit_note(case: Case, s: &Seen, code: Option<u16>) -> String {
    let o = &s.outcome;
    let got = match code {
        Some(c) if case.expect() == Expect::Reject => format!("accepted with {c}"),
        Some(c) => format!("answered {c}"),
        None => format!("no answer: {}", o.detail.as_deref().unwrap_or("dropped")),
    };
    let said = o.response.trim();
    let said = if said.is_empty() {
        String::new()
    } else {
        format!(" \"{}\"", crate::term::output::escape(said, 60))
    };
    format!("{}: {got}{said}", s.label)
}

fn passed_note(case: Case, n: usize) -> String {
    match case.expect() {
        Expect::Reject => "refused, as it should be".into(),
        Expect::NoServerError => "answered 2xx".into(),
        _ if n == 1 => "answered 2xx".into(),
        _ => format!("all {n} answered 2xx"),
    }
}

/// `timing`: fails when a delivery got no answer within `limit` (Blue's 7 s), warns when one
/// took more than half of it.
pub fn timing(seen: &[&Seen], limit: Duration) -> Judged {
    let mut j = base(Case::Timing, seen);
    let late = seen.iter().filter(|s| matches!(answer(&s.outcome), Answer::TimedOut)).count();
    let answered = seen.iter().filter(|s| !matches!(answer(&s.outcome), Answer::TimedOut));
    let slowest = answered.max_by_key(|s| s.outcome.latency);
    let limit_text = secs(limit);
    if let Some(s) = seen.iter().find(|s| matches!(answer(&s.outcome), Answer::TimedOut)) {
        j.verdict = Verdict::Fail;
        j.note = format!("{}: no answer within {limit_text} ({late} in all)", s.label);
    } else if let Some(s) = slowest {
        let took = s.outcome.latency;
        j.verdict = if took > limit / 2 { Verdict::Warn } else { Verdict::Pass };
        j.note = match j.verdict {
            Verdict::Warn => format!("{}: took {}, over half of {limit_text}", s.label, secs(took)),
            _ => format!("slowest {}: {}", s.label, secs(took)),
        };
    }
    j
}

/// `redirect`: fails when any delivery of the run was answered 3xx.
pub fn redirect(seen: &[&Seen]) -> Judged {
    let mut j = base(Case::Redirect, seen);
    let redirected: Vec<&&Seen> =
        seen.iter().filter(|s| matches!(answer(&s.outcome), Answer::Redirect)).collect();
    j.note = match redirected.first() {
        Some(s) => {
            j.verdict = Verdict::Fail;
            let to = s.outcome.detail.as_deref().unwrap_or("no Location header");
            let to = crate::term::output::escape(to, 80);
            let status = s.outcome.status.unwrap_or_default();
            format!("{} deliveries answered 3xx (first: {status} to {to})", redirected.len())
        }
        None => "no 3xx".into(),
    };
    j
}

/// A case the run did not get to (its time limit, or a receiver that stopped answering).
pub fn not_run(case: Case, why: &str) -> Judged {
    let mut j = base(case, &[]);
    j.verdict = Verdict::Fail;
    j.note = format!("not run: {why}");
    j
}

/// `12 ms`, `3.4 s`.
pub fn secs(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1e3;
    if ms < 1_000.0 { format!("{ms:.0} ms") } else { format!("{:.1} s", ms / 1e3) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seen(label: &str, status: Option<u16>, ms: u64) -> Seen {
        let latency = Duration::from_millis(ms);
        let outcome = match status {
            Some(s) => Outcome::answered(s, Some("https://x/".into()), latency, b"nope"),
            None => Outcome::failed(FailureKind::Timeout, "timed out".into(), latency),
        };
        Seen { label: label.into(), outcome }
    }

    #[test]
    fn accepting_cases_fail_on_the_first_non_2xx_and_name_it() {
        let j = judge(Case::EveryEvent, &[seen("A", Some(200), 1), seen("B", Some(500), 1)]);
        assert_eq!(j.verdict, Verdict::Fail);
        assert_eq!(j.note, r#"B: answered 500 "nope""#);
        assert_eq!(j.statuses, BTreeMap::from([("200".into(), 1), ("500".into(), 1)]));
        let j = judge(Case::Burst, &[seen("A", Some(204), 1), seen("B", Some(200), 1)]);
        assert_eq!((j.verdict, j.note.as_str()), (Verdict::Pass, "all 2 answered 2xx"));
    }

    #[test]
    fn rejecting_cases_fail_on_a_2xx() {
        assert_eq!(judge(Case::Forged, &[seen("f", Some(401), 1)]).verdict, Verdict::Pass);
        let j = judge(Case::Unsigned, &[seen("u", Some(200), 1)]);
        assert_eq!((j.verdict, j.note.as_str()), (Verdict::Fail, r#"u: accepted with 200 "nope""#));
    }

    #[test]
    fn out_of_order_warns_on_4xx_and_fails_on_5xx() {
        let v = |a, b| judge(Case::OutOfOrder, &[seen("a", Some(a), 1), seen("b", Some(b), 1)]);
        assert_eq!(v(200, 200).verdict, Verdict::Pass);
        assert_eq!(v(200, 404).verdict, Verdict::Warn);
        assert_eq!(v(404, 503).verdict, Verdict::Fail);
    }

    #[test]
    fn redirects_and_timeouts_are_judged_once_by_their_own_case() {
        let run = [seen("A", Some(200), 5), seen("B", Some(308), 1), seen("C", None, 7_000)];
        assert_eq!(judge(Case::EveryEvent, &run).verdict, Verdict::Pass);
        let only = judge(Case::HealthCheck, &run[1..]);
        assert_eq!(only.verdict, Verdict::Warn, "{}", only.note);
        let all: Vec<&Seen> = run.iter().collect();
        let r = redirect(&all);
        assert_eq!(
            (r.verdict, r.note.as_str()),
            (Verdict::Fail, "1 deliveries answered 3xx (first: 308 to https://x/)")
        );
        let t = timing(&all, Duration::from_secs(7));
        assert_eq!(
            (t.verdict, t.note.as_str()),
            (Verdict::Fail, "C: no answer within 7.0 s (1 in all)")
        );
        assert_eq!(redirect(&all[..1]).verdict, Verdict::Pass);
    }

    #[test]
    fn timing_warns_over_half_the_limit() {
        let limit = Duration::from_secs(7);
        let slow = [seen("A", Some(200), 3_600), seen("B", Some(200), 10)];
        let all: Vec<&Seen> = slow.iter().collect();
        let t = timing(&all, limit);
        assert_eq!(
            (t.verdict, t.note.as_str()),
            (Verdict::Warn, "A: took 3.6 s, over half of 7.0 s")
        );
        let t = timing(&all[1..], limit);
        assert_eq!((t.verdict, t.note.as_str()), (Verdict::Pass, "slowest B: 10 ms"));
    }
}
