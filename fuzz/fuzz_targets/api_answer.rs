//! Reading Blue's answers on arbitrary bytes: never panics; every failure exits 6, 7 or 8
//! (never 1) with a message of bounded length and no control characters; data for a list or
//! a webhook parses into webhooks or an exit-8 failure.
//!
//! Input: two bytes of HTTP status, one byte choosing the operation, one byte choosing a
//! `Retry-After` header (none, or its decimal value), then the body.
#![no_main]

use bluehook::api::answer::{self, Answer};
use bluehook::api::operations::{ALL, GET_WEBHOOK, LIST_WEBHOOKS};
use bluehook::api::{Webhook, webhooks};
use bluehook::error::{Exit, Failure};
use libfuzzer_sys::fuzz_target;

fn check(f: &Failure) {
    assert!(matches!(f.exit, Exit::Api | Exit::Auth | Exit::NotFound), "{:?}", f.exit);
    for text in [f.message.as_deref(), f.hint.as_deref()].into_iter().flatten() {
        assert!(text.chars().count() < 4000, "{} chars", text.chars().count());
        assert!(!text.chars().any(char::is_control), "{text:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let [hi, lo, op, retry, body @ ..] = data else { return };
    let status = 100 + u16::from_be_bytes([*hi, *lo]).wrapping_sub(100) % 500;
    let op = &ALL[usize::from(*op) % ALL.len()];
    let retry_after = (*retry != 0).then(|| retry.to_string());
    match answer::read(op, status, retry_after.as_deref(), body) {
        Answer::Data(data) => {
            assert!(data.is_object());
            if op.name == LIST_WEBHOOKS.name {
                match webhooks::page(&data) {
                    Ok((hooks, _)) => assert!(hooks.iter().all(|w| !w.id.is_empty())),
                    Err(f) => check(&f),
                }
            } else if op.name == GET_WEBHOOK.name {
                if let Err(f) = Webhook::from_answer(op, data["webhook"].clone()) {
                    check(&f);
                }
            }
        }
        Answer::Failed(f) | Answer::ServerError(f) => check(&f),
        Answer::RateLimited { failure, .. } => check(&failure),
    }
});
