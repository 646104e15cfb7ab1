//! The CI gate of `listen --expect`/`--count`: which deliveries count, and what is missing.

use crate::error::Failure;
use crate::events;
use crate::listen::check::Outcome;
use crate::listen::delivery::Delivery;

/// The CI gate: `--expect EVENT` (each one consumes one matching delivery) and `--count N`.
/// Only accepted deliveries count: verified ones when a secret is set, and with
/// `--forward-to` only those the app answered 2xx (with `--answer-first`, when it does).
#[derive(Debug, Default)]
pub struct Gate {
    /// Whether there is anything to wait for.
    pub active: bool,
    /// The expected events not seen yet.
    pub waiting: Vec<&'static str>,
    count: Option<u64>,
    seen: u64,
}

impl Gate {
    pub fn new(expect: &[String], count: Option<u64>) -> anyhow::Result<Gate> {
        let mut waiting = Vec::with_capacity(expect.len());
        for name in expect {
            let event = events::resolve(name)
                .map_err(|e| Failure::usage(format!("--expect: {e}")).with_hint(e.hint()))?;
            waiting.push(event.name);
        }
        Ok(Gate { active: !waiting.is_empty() || count.is_some(), waiting, count, seen: 0 })
    }

    pub fn is_met(&self) -> bool {
        self.active && self.waiting.is_empty() && self.seen >= self.count.unwrap_or(0)
    }

    /// Takes a delivery into account; true when it is the one that meets the gate.
    pub fn observe(&mut self, d: &Delivery) -> bool {
        // With --forward-to, the app must have taken it too (2xx); a queued one counts when
        // it does (`observe_taken`).
        let app_ok = d.forwarded.as_ref().is_none_or(|f| f.ok()) && d.queued.is_none();
        if d.outcome != Outcome::Accepted || !app_ok {
            return false;
        }
        self.observe_taken(d.event.as_deref())
    }

    /// Takes into account a delivery the app took from the `--answer-first` queue; true when
    /// it is the one that meets the gate.
    pub fn observe_taken(&mut self, event: Option<&str>) -> bool {
        if self.is_met() {
            return false;
        }
        self.seen += 1;
        if let Some(event) = event
            && let Some(i) = self.waiting.iter().position(|w| *w == event)
        {
            self.waiting.remove(i);
        }
        self.is_met()
    }

    /// What is still awaited, for messages: event names, then the count.
    pub fn missing(&self) -> Vec<String> {
        let mut missing: Vec<String> = self.waiting.iter().map(|s| s.to_string()).collect();
        if let Some(n) = self.count
            && self.seen < n
        {
            missing.push(format!("{} more event(s) (got {} of {n})", n - self.seen, self.seen));
        }
        missing
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Exit;
    use hyper::body::Bytes;
    use hyper::http::{HeaderMap, Method};
    use std::time::Duration;

    fn accepted(event: &str) -> Delivery {
        Delivery {
            received_at: std::time::SystemTime::now(),
            method: Method::POST,
            path: "/".into(),
            headers: HeaderMap::new(),
            verified: Some(true),
            outcome: Outcome::Accepted,
            status: 200,
            event: Some(event.into()),
            body: Bytes::new(),
            json: true,
            forwarded: None,
            queued: None,
            unrouted: false,
            exec: None,
        }
    }

    #[test]
    fn gate_waits_for_each_expected_event_and_the_count() {
        let mut gate = Gate::new(&["todo-created".into(), "TAG_CREATED".into()], Some(3)).unwrap();
        assert!(!gate.is_met());
        assert!(!gate.observe(&accepted("TAG_CREATED")));
        let mut forged = accepted("TODO_CREATED");
        forged.outcome = Outcome::BadSignature(crate::signature::VerifyError::Mismatch);
        assert!(!gate.observe(&forged));
        assert_eq!(gate.missing(), ["TODO_CREATED", "2 more event(s) (got 1 of 3)"]);
        assert!(!gate.observe(&accepted("TODO_CREATED")));
        assert!(gate.observe(&accepted("SOMETHING_ELSE")));
        assert!(gate.missing().is_empty());
        assert!(!gate.observe(&accepted("TAG_CREATED")), "met only once");
    }

    #[test]
    fn repeated_expectations_need_as_many_deliveries() {
        let mut gate = Gate::new(&["TAG_CREATED".into(), "TAG_CREATED".into()], None).unwrap();
        assert!(!gate.observe(&accepted("TAG_CREATED")));
        assert!(gate.observe(&accepted("TAG_CREATED")));
    }

    #[test]
    fn with_forwarding_only_deliveries_the_app_answered_2xx_meet_the_gate() {
        use crate::send::delivery::{FailureKind, Outcome as Forwarded};
        let took = |status| Forwarded::answered(status, None, Duration::ZERO, b"");
        let mut gate = Gate::new(&["TAG_CREATED".into()], Some(2)).unwrap();
        let mut failed = accepted("TAG_CREATED");
        failed.forwarded = Some(took(500));
        assert!(!gate.observe(&failed), "the app answered 500");
        let down = Forwarded::failed(FailureKind::Refused, "refused".into(), Duration::ZERO);
        failed.forwarded = Some(down);
        assert!(!gate.observe(&failed), "the app was down (502)");
        assert_eq!(gate.missing(), ["TAG_CREATED", "2 more event(s) (got 0 of 2)"]);
        let mut ok = accepted("TAG_CREATED");
        ok.forwarded = Some(took(204));
        assert!(!gate.observe(&ok));
        assert!(gate.observe(&accepted("OTHER")));
    }

    #[test]
    fn unknown_expected_events_are_usage_errors() {
        let err = Gate::new(&["TODO_CRATED".into()], None).unwrap_err();
        let failure = err.downcast_ref::<Failure>().unwrap();
        assert_eq!(failure.exit, Exit::Usage);
        assert!(failure.hint.as_deref().unwrap().contains("TODO_CREATED"));
        assert!(!Gate::new(&[], None).unwrap().is_met(), "no gate: never met");
    }
}
