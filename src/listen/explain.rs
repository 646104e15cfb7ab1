//! Why a rejected delivery's signature failed, for the listener's output and its inspector.
//!
//! One [`Explainer`] serves every consumer: the first to ask about a delivery runs the
//! forensics (off the answering path, on the consumer's own thread), later ones get the same
//! result. It remembers the last [`forensics::MAX_EARLIER`] accepted deliveries (to spot a
//! reused signature) and runs at most [`PER_SECOND`] explanations a second, so that a flood of
//! forgeries costs no more than answering them; past that, `explain` is null.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Instant, SystemTime};

use hyper::body::Bytes;

use super::check::Outcome;
use crate::listen::delivery::Delivery;
use crate::signature::Signer;
use crate::signature::forensics::{self, Earlier, Evidence, Explanation, OtherSecret};

/// Explanations run per second at most; past that, deliveries go unexplained.
pub const PER_SECOND: u32 = 20;

/// Explanations kept for the consumers that ask after the first one.
const CACHED: usize = 256;

pub struct Explainer {
    signer: Signer,
    /// Other saved webhooks' secrets: (webhook id, secret).
    others: Vec<(String, Vec<u8>)>,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// Accepted deliveries, oldest first: label, body, signature.
    earlier: VecDeque<Seen>,
    /// Deliveries already explained (or left unexplained), oldest first.
    done: VecDeque<(Id, Option<Arc<Explanation>>)>,
    window: Option<Instant>,
    spent: u32,
}

#[derive(Clone)]
struct Seen {
    key: Key,
    event: Option<String>,
    signature: Bytes,
}

/// A delivery's identity: its arrival time and its body's bytes (the `Bytes` clone keeps the
/// address from being reused while it is remembered).
#[derive(Clone)]
struct Key {
    at: SystemTime,
    body: Bytes,
}

impl Key {
    fn of(d: &Delivery) -> Key {
        Key { at: d.received_at, body: d.body.clone() }
    }

    fn is(&self, d: &Delivery) -> bool {
        self.at == d.received_at
            && self.body.as_ptr() == d.body.as_ptr()
            && self.body.len() == d.body.len()
    }
}

/// A delivery's identity without holding its body (a rejected body can be large): arrival
/// time, body address and length.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Id(SystemTime, usize, usize);

impl Id {
    fn of(d: &Delivery) -> Id {
        Id(d.received_at, d.body.as_ptr() as usize, d.body.len())
    }
}

impl Explainer {
    /// `others`: the saved webhook secrets (id, secret); the one `secret` equals is left out.
    pub fn new(secret: &[u8], others: impl IntoIterator<Item = (String, String)>) -> Explainer {
        let others = others
            .into_iter()
            .filter(|(_, s)| s.as_bytes() != secret)
            .take(forensics::MAX_OTHER_SECRETS)
            .map(|(id, s)| (id, s.into_bytes()))
            .collect();
        Explainer { signer: Signer::new(secret), others, state: Mutex::default() }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes note of an accepted delivery (a later forgery may reuse its signature). Bodies
    /// over [`forensics::MAX_BODY`] are not kept, which bounds the memory held here.
    pub fn observe(&self, d: &Delivery) {
        if d.outcome != Outcome::Accepted || d.body.len() > forensics::MAX_BODY {
            return;
        }
        let Some(signature) = signature(d) else { return };
        let mut state = self.lock();
        if state.earlier.back().is_some_and(|last| last.key.at > d.received_at || last.key.is(d)) {
            return;
        }
        if state.earlier.len() == forensics::MAX_EARLIER {
            state.earlier.pop_front();
        }
        let signature = Bytes::copy_from_slice(signature);
        state.earlier.push_back(Seen { key: Key::of(d), event: d.event.clone(), signature });
    }

    /// Why `d`'s signature failed: `None` when `d` was not rejected for its signature or the
    /// per-second budget is spent.
    pub fn explain(&self, d: &Delivery) -> Option<Arc<Explanation>> {
        if !matches!(d.outcome, Outcome::BadSignature(_)) {
            return None;
        }
        let earlier = {
            let mut state = self.lock();
            if let Some((_, done)) = state.done.iter().find(|(id, _)| *id == Id::of(d)) {
                return done.clone();
            }
            if !state.spend() {
                // Every consumer leaves it unexplained alike.
                state.remember(Id::of(d), None);
                return None;
            }
            state.earlier.iter().rev().cloned().collect::<Vec<_>>()
        };
        let found = self.run(d, &earlier).map(Arc::new);
        self.lock().remember(Id::of(d), found.clone());
        found
    }

    fn run(&self, d: &Delivery, earlier: &[Seen]) -> Option<Explanation> {
        let others: Vec<OtherSecret> =
            (self.others.iter()).map(|(webhook, secret)| OtherSecret { webhook, secret }).collect();
        let labels: Vec<String> = earlier.iter().map(label).collect();
        let earlier: Vec<Earlier> = (earlier.iter().zip(&labels))
            .map(|(s, label)| Earlier { label, body: &s.key.body, signature: &s.signature })
            .collect();
        let evidence = Evidence {
            body: &d.body,
            header: signature(d),
            signer: &self.signer,
            others: &others,
            earlier: &earlier,
        };
        forensics::explain(&evidence)
    }
}

impl State {
    fn remember(&mut self, id: Id, explanation: Option<Arc<Explanation>>) {
        if self.done.len() == CACHED {
            self.done.pop_front();
        }
        self.done.push_back((id, explanation));
    }

    /// Takes one explanation out of this second's budget; false when it is spent.
    fn spend(&mut self) -> bool {
        let now = Instant::now();
        match self.window {
            Some(start) if now.duration_since(start).as_secs() < 1 => {}
            _ => {
                self.window = Some(now);
                self.spent = 0;
            }
        }
        self.spent += 1;
        self.spent <= PER_SECOND
    }
}

fn signature(d: &Delivery) -> Option<&[u8]> {
    d.headers.get(crate::signature::HEADER).map(|v| v.as_bytes())
}

/// `TODO_CREATED received at 2025-06-02T09:30:00.123Z`.
fn label(s: &Seen) -> String {
    let event = s.event.as_deref().unwrap_or("a delivery");
    format!("{event} received at {}", humantime::format_rfc3339_millis(s.key.at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signature::{VerifyError, sign};
    use hyper::http::{HeaderMap, Method};

    fn delivery(body: &[u8], signature: &str, outcome: Outcome) -> Delivery {
        let mut headers = HeaderMap::new();
        headers.insert(crate::signature::HEADER, signature.parse().unwrap());
        Delivery {
            received_at: SystemTime::now(),
            method: Method::POST,
            path: "/".into(),
            headers,
            verified: Some(outcome == Outcome::Accepted),
            outcome,
            status: 401,
            event: Some("TAG_CREATED".into()),
            body: Bytes::copy_from_slice(body),
            json: true,
            forwarded: None,
            queued: None,
            unrouted: false,
            exec: None,
        }
    }

    const MISMATCH: Outcome = Outcome::BadSignature(VerifyError::Mismatch);

    #[test]
    fn each_delivery_is_explained_once_and_the_answer_is_shared() {
        let explainer = Explainer::new(b"s", []);
        let body = br#"{"event":"TAG_CREATED"}"#;
        let d = delivery(&[&body[..], b"\n"].concat(), &sign(b"s", body), MISMATCH);
        let first = explainer.explain(&d).expect("explained");
        assert_eq!(first.code(), "trailing-newline-added");
        let again = explainer.explain(&d).expect("the same");
        assert!(Arc::ptr_eq(&first, &again), "computed once for every consumer");
        let ok = delivery(body, &sign(b"s", body), Outcome::Accepted);
        assert!(explainer.explain(&ok).is_none(), "accepted deliveries have nothing to explain");
    }

    #[test]
    fn a_flood_of_forgeries_gets_at_most_the_budget_of_explanations_a_second() {
        let explainer = Explainer::new(b"s", [("cmwhA".into(), "a".into())]);
        let forgeries: Vec<Delivery> = (0..PER_SECOND * 3)
            .map(|i| delivery(format!("{{\"n\":{i}}}").as_bytes(), &"0".repeat(64), MISMATCH))
            .collect();
        let explained = forgeries.iter().filter(|d| explainer.explain(d).is_some()).count();
        assert_eq!(explained, PER_SECOND as usize);
    }

    #[test]
    fn the_saved_secret_in_use_is_not_an_other_one_and_earlier_signatures_are_found() {
        let saved = [("cmwhUS".to_string(), "s".to_string()), ("cmwhB".into(), "b".into())];
        let explainer = Explainer::new(b"s", saved);
        assert_eq!(explainer.others.len(), 1);
        let first = br#"{"event":"TAG_CREATED","n":1}"#;
        explainer.observe(&delivery(first, &sign(b"s", first), Outcome::Accepted));
        let forged = delivery(br#"{"event":"TAG_DELETED"}"#, &sign(b"s", first), MISMATCH);
        let x = explainer.explain(&forged).expect("explained");
        assert_eq!(x.code(), "earlier-delivery", "{x:?}");
    }
}
