//! The receiver's decision for one request, without I/O: from its method, path, headers and
//! body to an [`Outcome`]. The receiver asks [`before_body`] first (so a request refused on
//! its head is never read) and [`after_body`] once the body is whole; [`decide`] is both at
//! once, for tests and fuzzing.

use hyper::http::{HeaderMap, Method, StatusCode, header};

use crate::signature::{self, Signer, VerifyError};

/// The header a forwarding listener adds, with its own token, to every request it forwards;
/// a listener that receives its own token back is forwarding to itself.
pub const FORWARDED_HEADER: &str = "x-bluehook-forwarded";

/// Why a request was refused by the HTTP parser, before it reached the checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unparsable {
    /// 400: a malformed request line or header (a NUL byte, a bad method or version).
    BadRequest,
    /// 431: the request head is larger than the parser takes.
    HeadersTooLarge,
    /// 414: the URI is longer than the parser takes.
    UriTooLong,
}

/// What became of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Answered with the configured status.
    Accepted,
    /// 401: the signature is missing, malformed or wrong.
    BadSignature(VerifyError),
    /// 401: more than one `X-Signature` header, so no single one can be trusted.
    DuplicateSignature,
    /// 404: not the `--path` being listened on.
    NotFound,
    /// 405: not a POST.
    MethodNotAllowed,
    /// 508: the request was forwarded by this very listener (a forwarding loop).
    ForwardLoop,
    /// 413: the body is larger than the limit.
    TooLarge,
    /// 408: the body did not arrive in time.
    BodyTimeout,
    /// 400: the client stopped sending before the body was complete.
    Incomplete,
    /// 400: the body is not JSON (or not UTF-8).
    NotJson,
    /// 500: the record file could not be written, so the delivery was not accepted.
    RecordFailed,
    /// 500: `--answer-first` could not write the delivery to its queue file.
    QueueFailed,
    /// 503: the memory budget for bodies was used up; try again later.
    OverBudget,
    /// 503: the listener stopped before this request was done; try again later.
    ShuttingDown,
    /// 400, 431 or 414: the HTTP parser refused the request.
    Unparsable(Unparsable),
    /// 200: verified, but left out by `--filter`.
    Filtered,
    /// 500: the `--exec` command failed or timed out (without `--exec-ack`).
    ExecFailed,
    /// 500: `--filter` ran past its time limit on this body, or called `halt_error`.
    FilterFailed,
}

impl Outcome {
    /// The status answered, given the one configured for accepted deliveries.
    pub fn status(self, accepted: StatusCode) -> StatusCode {
        match self {
            Outcome::Accepted => accepted,
            Outcome::BadSignature(_) | Outcome::DuplicateSignature => StatusCode::UNAUTHORIZED,
            Outcome::NotFound => StatusCode::NOT_FOUND,
            Outcome::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Outcome::ForwardLoop => StatusCode::LOOP_DETECTED,
            Outcome::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Outcome::BodyTimeout => StatusCode::REQUEST_TIMEOUT,
            Outcome::Incomplete | Outcome::NotJson => StatusCode::BAD_REQUEST,
            Outcome::RecordFailed | Outcome::QueueFailed => StatusCode::INTERNAL_SERVER_ERROR,
            Outcome::OverBudget | Outcome::ShuttingDown => StatusCode::SERVICE_UNAVAILABLE,
            Outcome::Unparsable(Unparsable::BadRequest) => StatusCode::BAD_REQUEST,
            Outcome::Unparsable(Unparsable::HeadersTooLarge) => {
                StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE
            }
            Outcome::Unparsable(Unparsable::UriTooLong) => StatusCode::URI_TOO_LONG,
            Outcome::Filtered => StatusCode::OK,
            Outcome::ExecFailed | Outcome::FilterFailed => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A short stable code (`signature-mismatch`, `invalid-json`, ...); `None` when accepted.
    pub fn reason(self) -> Option<&'static str> {
        Some(match self {
            Outcome::Accepted => return None,
            Outcome::BadSignature(e) => e.code(),
            Outcome::DuplicateSignature => "duplicate-signature",
            Outcome::NotFound => "path-not-found",
            Outcome::MethodNotAllowed => "method-not-allowed",
            Outcome::ForwardLoop => "forward-loop",
            Outcome::TooLarge => "body-too-large",
            Outcome::BodyTimeout => "body-timeout",
            Outcome::Incomplete => "body-incomplete",
            Outcome::NotJson => "invalid-json",
            Outcome::RecordFailed => "record-failed",
            Outcome::QueueFailed => "queue-failed",
            Outcome::OverBudget => "over-budget",
            Outcome::ShuttingDown => "shutting-down",
            Outcome::Unparsable(Unparsable::BadRequest) => "bad-request",
            Outcome::Unparsable(Unparsable::HeadersTooLarge) => "headers-too-large",
            Outcome::Unparsable(Unparsable::UriTooLong) => "uri-too-long",
            Outcome::Filtered => "filtered",
            Outcome::ExecFailed => "exec-failed",
            Outcome::FilterFailed => "filter-failed",
        })
    }

    /// A sentence for people; `None` when accepted.
    pub fn describe(self) -> Option<String> {
        Some(match self {
            Outcome::Accepted => return None,
            Outcome::BadSignature(e) => e.to_string(),
            Outcome::DuplicateSignature => "more than one X-Signature header".into(),
            Outcome::NotFound => "not the path being listened on".into(),
            Outcome::MethodNotAllowed => "only POST is accepted".into(),
            Outcome::ForwardLoop => "forwarded by this listener to itself".into(),
            Outcome::TooLarge => "body larger than --max-body".into(),
            Outcome::BodyTimeout => "body not received in time".into(),
            Outcome::Incomplete => "connection closed before the body was complete".into(),
            Outcome::NotJson => "body is not JSON".into(),
            Outcome::RecordFailed => "could not write the record file".into(),
            Outcome::QueueFailed => "could not write the queue file".into(),
            Outcome::OverBudget => "memory budget for bodies used up (--memory-budget)".into(),
            Outcome::ShuttingDown => "the listener is shutting down".into(),
            Outcome::Unparsable(Unparsable::BadRequest) => "not a well-formed HTTP request".into(),
            Outcome::Unparsable(Unparsable::HeadersTooLarge) => "request headers too large".into(),
            Outcome::Unparsable(Unparsable::UriTooLong) => "request URI too long".into(),
            Outcome::Filtered => "left out by --filter".into(),
            Outcome::ExecFailed => "the --exec command failed".into(),
            Outcome::FilterFailed => {
                "--filter did not decide on this body (too slow, or halt_error)".into()
            }
        })
    }

    /// Refused for its signature: counted as rejected, shown as such.
    pub fn is_rejected(self) -> bool {
        matches!(self, Outcome::BadSignature(_) | Outcome::DuplicateSignature)
    }

    /// Refused for want of room or time: the answer carries `Retry-After`.
    pub fn retry_later(self) -> bool {
        matches!(self, Outcome::OverBudget | Outcome::ShuttingDown)
    }
}

/// What the receiver checks requests against.
#[derive(Debug, Clone, Copy)]
pub struct Rules<'a> {
    /// Only this (decoded) path is served; `None` serves every path.
    pub path: Option<&'a str>,
    /// `None`: deliveries are accepted unverified.
    pub signer: Option<&'a Signer>,
    pub max_body: usize,
    /// This listener's forwarding token, when it forwards.
    pub loop_token: Option<&'a str>,
}

/// What checking a request found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub outcome: Outcome,
    /// `Some(true)` verified, `Some(false)` signature rejected, `None` not checked.
    pub verified: Option<bool>,
    /// The body's `event` field, when it has one.
    pub event: Option<String>,
    /// Whether the body is valid JSON.
    pub json: bool,
}

impl Verdict {
    pub fn refused(outcome: Outcome) -> Self {
        Verdict { outcome, verified: None, event: None, json: false }
    }
}

/// The checks on the request head, in the README's order: path, method, forwarding loop,
/// announced size. `path` is the URI's path as sent (percent-encoded).
pub fn before_body(
    rules: &Rules,
    method: &Method,
    path: &str,
    headers: &HeaderMap,
) -> Result<(), Outcome> {
    if rules.path.is_some_and(|want| !path_matches(want, path)) {
        return Err(Outcome::NotFound);
    }
    if method != Method::POST {
        return Err(Outcome::MethodNotAllowed);
    }
    if let Some(token) = rules.loop_token
        && headers.get_all(FORWARDED_HEADER).iter().any(|v| v.as_bytes() == token.as_bytes())
    {
        return Err(Outcome::ForwardLoop);
    }
    if content_length(headers).is_some_and(|n| n > rules.max_body as u64) {
        return Err(Outcome::TooLarge);
    }
    Ok(())
}

/// Whether the request's path, percent-decoded, is the one listened on.
pub fn path_matches(want: &str, raw: &str) -> bool {
    let decoded: Vec<u8> = percent_encoding::percent_decode_str(raw).collect();
    decoded == want.as_bytes()
}

/// The checks on the whole body: exactly one `X-Signature`, and it verifies (with a
/// secret); then the body is JSON.
pub fn after_body(rules: &Rules, headers: &HeaderMap, body: &[u8]) -> Verdict {
    let mut signatures = headers.get_all(signature::HEADER).iter();
    let header = signatures.next().map(|v| v.as_bytes());
    let rejected = if signatures.next().is_some() {
        Some(Outcome::DuplicateSignature)
    } else {
        rules.signer.and_then(|s| s.verify(body, header).err()).map(Outcome::BadSignature)
    };
    let verified = rules.signer.map(|_| rejected.is_none());
    let parsed = parse_event(body);
    let json = parsed.is_some();
    let outcome = match (rejected, json) {
        (Some(outcome), _) => outcome,
        (None, false) => Outcome::NotJson,
        (None, true) => Outcome::Accepted,
    };
    Verdict { outcome, verified, event: parsed.flatten(), json }
}

/// [`before_body`] then [`after_body`], for a request whose body arrived whole.
pub fn decide(
    rules: &Rules,
    method: &Method,
    path: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Verdict {
    if let Err(outcome) = before_body(rules, method, path, headers) {
        return Verdict::refused(outcome);
    }
    if body.len() > rules.max_body {
        return Verdict::refused(Outcome::TooLarge);
    }
    after_body(rules, headers, body)
}

/// The announced `Content-Length`, when there is a readable one.
pub fn content_length(headers: &HeaderMap) -> Option<u64> {
    headers.get(header::CONTENT_LENGTH)?.to_str().ok()?.trim().parse().ok()
}

/// `None` when `body` is not JSON; otherwise its `event` field when that is a string.
pub fn parse_event(body: &[u8]) -> Option<Option<String>> {
    #[derive(serde::Deserialize)]
    struct Head {
        event: Option<String>,
    }
    // JSON is UTF-8; serde_json does not check the bytes of strings it skips.
    std::str::from_utf8(body).ok()?;
    match serde_json::from_slice::<Head>(body) {
        Ok(head) => Some(head.event),
        Err(_) => serde_json::from_slice::<serde::de::IgnoredAny>(body).ok().map(|_| None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyper::http::HeaderValue;

    const BODY: &[u8] = br#"{"event":"TODO_CREATED"}"#;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(
                hyper::http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                HeaderValue::from_str(v).unwrap(),
            );
        }
        h
    }

    fn rules(signer: &Signer) -> Rules<'_> {
        Rules { path: None, signer: Some(signer), max_body: 1024, loop_token: None }
    }

    #[test]
    fn parse_event_tells_json_from_not_json() {
        assert_eq!(
            parse_event(br#"{"event":"TAG_CREATED","x":[1]}"#),
            Some(Some("TAG_CREATED".into()))
        );
        assert_eq!(parse_event(br#"{"event":3}"#), Some(None));
        assert_eq!(parse_event(b"[1, 2]"), Some(None));
        assert_eq!(parse_event(b" {\n\"event\" : \"X\"\n} "), Some(Some("X".into())));
        assert_eq!(parse_event(b"{\"event\":\"A\"} trailing"), None);
        assert_eq!(parse_event(b"hello"), None);
        assert_eq!(parse_event(b""), None);
        assert_eq!(parse_event(b"{\"a\":\"\xff\"}"), None);
    }

    #[test]
    fn outcomes_have_statuses_and_reasons() {
        let ok = StatusCode::ACCEPTED;
        assert_eq!(Outcome::Accepted.status(ok), ok);
        assert_eq!(Outcome::Accepted.reason(), None);
        let bad = Outcome::BadSignature(VerifyError::Mismatch);
        assert_eq!((bad.status(ok).as_u16(), bad.reason()), (401, Some("signature-mismatch")));
        assert_eq!(Outcome::TooLarge.status(ok).as_u16(), 413);
        assert_eq!(Outcome::MethodNotAllowed.status(ok).as_u16(), 405);
        assert_eq!(Outcome::BodyTimeout.status(ok).as_u16(), 408);
        assert_eq!(Outcome::NotJson.reason(), Some("invalid-json"));
        assert_eq!(Outcome::OverBudget.status(ok).as_u16(), 503);
        assert!(Outcome::OverBudget.retry_later() && Outcome::ShuttingDown.retry_later());
        let long = Outcome::Unparsable(Unparsable::UriTooLong);
        assert_eq!((long.status(ok).as_u16(), long.reason()), (414, Some("uri-too-long")));
    }

    #[test]
    fn two_signatures_are_rejected_even_when_the_first_is_genuine() {
        let signer = Signer::new(b"s");
        let genuine = signer.sign(BODY);
        let one = headers(&[("x-signature", &genuine)]);
        assert_eq!(after_body(&rules(&signer), &one, BODY).outcome, Outcome::Accepted);
        let two = headers(&[("x-signature", &genuine), ("x-signature", &"0".repeat(64))]);
        let v = after_body(&rules(&signer), &two, BODY);
        assert_eq!((v.outcome, v.verified), (Outcome::DuplicateSignature, Some(false)));
        assert_eq!(v.outcome.reason(), Some("duplicate-signature"));
        let unverified = Rules { signer: None, ..rules(&signer) };
        let v = after_body(&unverified, &two, BODY);
        assert_eq!((v.outcome, v.verified), (Outcome::DuplicateSignature, None));
    }

    #[test]
    fn the_path_is_compared_decoded() {
        assert!(path_matches("/hooks/café", "/hooks/caf%C3%A9"));
        assert!(path_matches("/a b", "/a%20b"));
        assert!(path_matches("/hooks", "/hooks"));
        assert!(!path_matches("/hooks", "/hooks/"));
        let signer = Signer::new(b"s");
        let r = Rules { path: Some("/café"), ..rules(&signer) };
        let h = headers(&[]);
        assert_eq!(before_body(&r, &Method::POST, "/caf%c3%a9", &h), Ok(()));
        assert_eq!(before_body(&r, &Method::POST, "/cafe", &h), Err(Outcome::NotFound));
    }

    #[test]
    fn a_request_carrying_our_own_forwarding_token_is_a_loop() {
        let signer = Signer::new(b"s");
        let r = Rules { loop_token: Some("abc123"), ..rules(&signer) };
        let other = headers(&[(FORWARDED_HEADER, "zzz")]);
        assert_eq!(before_body(&r, &Method::POST, "/", &other), Ok(()));
        let ours = headers(&[(FORWARDED_HEADER, "zzz"), (FORWARDED_HEADER, "abc123")]);
        assert_eq!(before_body(&r, &Method::POST, "/", &ours), Err(Outcome::ForwardLoop));
    }

    #[test]
    fn decide_runs_the_checks_in_order() {
        let signer = Signer::new(b"s");
        let sig = signer.sign(BODY);
        let h = headers(&[("x-signature", &sig)]);
        let r = Rules { path: Some("/hooks"), ..rules(&signer) };
        let outcome = |m: &Method, p: &str, b: &[u8]| decide(&r, m, p, &h, b).outcome;
        assert_eq!(outcome(&Method::GET, "/other", BODY), Outcome::NotFound);
        assert_eq!(outcome(&Method::GET, "/hooks", BODY), Outcome::MethodNotAllowed);
        assert_eq!(outcome(&Method::POST, "/hooks", &[b' '; 2000]), Outcome::TooLarge);
        assert_eq!(outcome(&Method::POST, "/hooks", BODY), Outcome::Accepted);
        let v = decide(&r, &Method::POST, "/hooks", &h, BODY);
        assert_eq!((v.verified, v.event.as_deref()), (Some(true), Some("TODO_CREATED")));
    }
}
