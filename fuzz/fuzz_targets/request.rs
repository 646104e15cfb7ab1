//! The receiver's decision on arbitrary requests (`listen::check::decide`): never panics, and
//! whatever it accepts passed every check. Input, like an HTTP request: the method on the
//! first line, the path on the second, then `name: value` header lines, a blank line, and
//! the body. A header value `SIGN` is replaced by the body's genuine signature, so the
//! fuzzer reaches signed deliveries (and genuine signatures next to forged ones).
#![no_main]

use bluehook::listen::check::{self, Outcome, Rules};
use bluehook::signature::Signer;
use hyper::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use libfuzzer_sys::fuzz_target;

const MAX_BODY: usize = 4096;
const LOOP_TOKEN: &str = "0123456789abcdef";

fuzz_target!(|data: &[u8]| {
    let Some((method, path, headers, body)) = split(data) else { return };
    let signer = Signer::new(b"fuzz-secret");
    let signature = signer.sign(body);
    let headers = header_map(headers, &signature);
    let paths: [Option<&str>; 2] = [None, Some("/hooks/café")];
    for (path_rule, signer) in paths.into_iter().zip([Some(&signer), None]) {
        let rules =
            Rules { path: path_rule, signer, max_body: MAX_BODY, loop_token: Some(LOOP_TOKEN) };
        let v = check::decide(&rules, &method, path, &headers, body);
        assert_eq!(v, check::decide(&rules, &method, path, &headers, body), "deterministic");
        let status = v.outcome.status(StatusCode::OK);
        assert_eq!(v.outcome.reason().is_none(), v.outcome == Outcome::Accepted);
        assert!(v.outcome == Outcome::Accepted || (400..=599).contains(&status.as_u16()));
        if v.outcome != Outcome::Accepted {
            continue;
        }
        // Accepted: every check passed.
        assert_eq!(method, Method::POST);
        assert!(body.len() <= MAX_BODY);
        assert!(v.json && serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok());
        let sigs: Vec<_> = headers.get_all("x-signature").iter().collect();
        assert!(sigs.len() <= 1, "never accepted with two signatures");
        if signer.is_some() {
            assert_eq!(v.verified, Some(true));
            let got = sigs[0].as_bytes().trim_ascii().to_ascii_lowercase();
            assert_eq!(got, signature.as_bytes(), "the genuine signature");
        }
        if let Some(want) = path_rule {
            assert!(check::path_matches(want, path));
        }
        assert!(!headers.get_all(check::FORWARDED_HEADER).iter().any(|t| t == LOOP_TOKEN));
    }
});

/// Method, path, header lines and body; `None` when the method is not a token.
fn split(data: &[u8]) -> Option<(Method, &str, &[u8], &[u8])> {
    let (head, body) = match data.windows(2).position(|w| w == b"\n\n") {
        Some(i) => (&data[..i], &data[i + 2..]),
        None => (data, &b""[..]),
    };
    let mut lines = head.splitn(3, |b| *b == b'\n');
    let method = Method::from_bytes(lines.next()?).ok()?;
    let path = std::str::from_utf8(lines.next().unwrap_or(b"/")).ok()?;
    Some((method, path, lines.next().unwrap_or_default(), body))
}

fn header_map(lines: &[u8], signature: &str) -> HeaderMap {
    let mut map = HeaderMap::new();
    for line in lines.split(|b| *b == b'\n') {
        let Some(colon) = line.iter().position(|b| *b == b':') else { continue };
        let Ok(name) = HeaderName::from_bytes(&line[..colon]) else { continue };
        let raw = line[colon + 1..].trim_ascii();
        let value = if raw == b"SIGN" { signature.as_bytes() } else { raw };
        if let Ok(value) = HeaderValue::from_bytes(value) {
            map.append(name, value);
        }
    }
    map
}
