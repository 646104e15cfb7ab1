//! Reading one HTTP answer of Blue's GraphQL endpoint into data or a failure. Pure: no I/O,
//! so it is unit-tested and fuzzed (`fuzz/fuzz_targets/api_answer.rs`) on its own.

use serde_json::Value;

use super::error;
use super::operations::{Kind, Operation};
use crate::error::{Exit, Failure};
use crate::term::output;

/// What one answer came to.
#[derive(Debug)]
pub enum Answer {
    /// The answer's `data`.
    Data(Value),
    /// A failure worth retrying for a query (5xx) after a backoff.
    ServerError(Failure),
    /// Blue's rate limiter: wait this many seconds (retrying is safe even for a mutation).
    RateLimited { wait: u64, failure: Failure },
    /// A failure no retry will change.
    Failed(Failure),
}

/// Reads an answer: status, `Retry-After` header and body bytes.
pub fn read(op: &Operation, status: u16, retry_after: Option<&str>, body: &[u8]) -> Answer {
    let text = String::from_utf8_lossy(body);
    if status == 429 {
        return rate_limited(retry_after, &text);
    }
    let Ok(v) = serde_json::from_slice::<Value>(body) else {
        let failure = error::http_failure(status, &text);
        return match status {
            500.. if op.kind == Kind::Query => Answer::ServerError(failure),
            500.. => Answer::Failed(uncertain(op, failure)),
            200..300 => Answer::Failed(malformed(op, "it is not JSON")),
            _ => Answer::Failed(failure),
        };
    };
    if let Some(errors) = v.get("errors").and_then(Value::as_array).filter(|e| !e.is_empty()) {
        return graphql_errors(op, errors);
    }
    if status >= 500 && op.kind == Kind::Query {
        return Answer::ServerError(error::http_failure(status, &text));
    }
    if !(200..300).contains(&status) {
        return Answer::Failed(uncertain(op, error::http_failure(status, &text)));
    }
    match v.get("data") {
        Some(data) if data.is_object() => Answer::Data(data.clone()),
        _ => Answer::Failed(malformed(op, "it has neither `data` nor `errors`")),
    }
}

/// Errors win over data, even when both are present. A rate limit reported as a GraphQL
/// error is waited out like a 429 (for queries; a mutation may have been counted).
fn graphql_errors(op: &Operation, errors: &[Value]) -> Answer {
    let failure = error::graphql_failure(errors, op.name);
    let ext = &errors[0]["extensions"];
    if ext["code"] == "RATE_LIMITED" && op.kind == Kind::Query {
        let wait = ext["retryAfter"].as_u64().unwrap_or(5);
        return Answer::RateLimited { wait, failure };
    }
    Answer::Failed(failure)
}

fn rate_limited(header: Option<&str>, body: &str) -> Answer {
    let wait = error::retry_after(header, body).unwrap_or(5);
    let msg = format!("Blue's rate limit was reached (HTTP 429, Blue asked to wait {wait}s)");
    let failure = Failure::new(Exit::Api, msg)
        .with_hint(format!("Blue counts requests per minute; try again in {wait}s"));
    Answer::RateLimited { wait, failure }
}

/// An answer of the wrong shape: exit 8, whatever was missing.
pub fn malformed(op: &Operation, what: &str) -> Failure {
    let f = Failure::new(
        Exit::Api,
        format!("Blue's answer to {} is not what Blue sends: {}", op.name, output::escape(what, 200)),
    )
    .with_hint("check that the API URL (--api-url, BLUE_API_URL) is Blue's GraphQL endpoint; -vv shows the answer");
    uncertain(op, f)
}

/// After a mutation failed mid-way (cut short, timed out, a 5xx, an answer of the wrong
/// shape), Blue may have applied it: say so, and how to check. Queries are left as they are.
pub fn uncertain(op: &Operation, f: Failure) -> Failure {
    if op.kind == Kind::Query {
        return f;
    }
    let message = format!("{}; Blue may have applied the change", f.message.unwrap_or_default());
    let check = "check with `bluehook list` (or `bluehook get ID`) before trying again";
    let hint = match f.hint {
        Some(h) => format!("{check}; {h}"),
        None => check.to_string(),
    };
    Failure::new(f.exit, message).with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::operations::{CREATE_WEBHOOK, LIST_WEBHOOKS};

    fn failed(a: Answer) -> Failure {
        match a {
            Answer::Failed(f) | Answer::ServerError(f) => f,
            Answer::RateLimited { failure, .. } => failure,
            Answer::Data(d) => panic!("data: {d}"),
        }
    }

    #[test]
    fn wrong_shapes_exit_8() {
        for body in [&b"[]"[..], b"{}", b"{\"data\":null}", b"{\"data\":[1]}", b"<html>", b""] {
            let f = failed(read(&LIST_WEBHOOKS, 200, None, body));
            assert_eq!(f.exit, Exit::Api, "{}", String::from_utf8_lossy(body));
        }
    }

    #[test]
    fn a_mutation_cut_short_may_have_been_applied() {
        let f = failed(read(&CREATE_WEBHOOK, 200, None, b"{\"data\":{\"createWeb"));
        assert!(f.message.unwrap().contains("may have applied"));
        assert!(f.hint.unwrap().contains("bluehook list"));
        let f = failed(read(&CREATE_WEBHOOK, 502, None, b"bad gateway"));
        assert!(f.message.unwrap().contains("may have applied"));
    }

    #[test]
    fn rate_limits_say_how_long_to_wait() {
        let Answer::RateLimited { wait, failure } = read(&CREATE_WEBHOOK, 429, Some("60"), b"")
        else {
            panic!("a 429 is a rate limit")
        };
        assert_eq!(wait, 60);
        assert!(failure.message.unwrap().contains("wait 60s"));
    }
}
