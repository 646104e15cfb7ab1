use serde_json::{Map, Value, json};

use super::*;
use crate::signature::{VerifyError, sign, verify};

const SECRET: &[u8] = b"whsec_forensics";

/// A real-shaped delivery, compact as Blue sends it (its webhook URL holds slashes).
fn blue_body() -> Vec<u8> {
    let event = events::lookup("TODO_CREATED").unwrap();
    sample::body(event, &sample::SampleOptions::seeded(7, "https://app.example.com/hooks/blue"))
}

/// A compact body with characters JSON.stringify writes as they are.
fn accented_body() -> Vec<u8> {
    r#"{"event":"COMMENT_CREATED","currentValue":{"text":"café ✓ <b>&</b>"}}"#.into()
}

fn evidence<'a>(body: &'a [u8], header: &'a [u8]) -> Evidence<'a> {
    static SIGNER: std::sync::LazyLock<Signer> = std::sync::LazyLock::new(|| Signer::new(SECRET));
    Evidence { body, header: Some(header), signer: &SIGNER, others: &[], earlier: &[] }
}

/// The explanation for `received` carrying Blue's signature of `signed`.
fn explain_change(signed: &[u8], received: &[u8]) -> Explanation {
    let header = sign(SECRET, signed);
    assert_ne!(
        verify(SECRET, received, Some(header.as_bytes())),
        Ok(()),
        "the change must break it"
    );
    explain(&evidence(received, header.as_bytes())).expect("a mismatch is always explained")
}

fn confirmed(e: &Explanation) -> Option<&Cause> {
    e.confirmed.then_some(&e.cause)
}

fn reserialised(changes: &[Change]) -> Cause {
    Cause::Reserialised { changes: changes.to_vec() }
}

fn sorted(value: &Value) -> Value {
    match value {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            Value::Object(
                keys.into_iter().map(|k| (k.clone(), sorted(&m[k]))).collect::<Map<_, _>>(),
            )
        }
        Value::Array(a) => Value::Array(a.iter().map(sorted).collect()),
        v => v.clone(),
    }
}

fn parse(body: &[u8]) -> Value {
    serde_json::from_slice(body).unwrap()
}

/// Python's `json.dumps(v)`: spaces after `:` and `,`, non-ASCII escaped.
fn python_dumps(body: &[u8]) -> Vec<u8> {
    let spaced =
        String::from_utf8(body.to_vec()).unwrap().replace("\":", "\": ").replace(",\"", ", \"");
    ascii_escaped(&spaced)
}

fn ascii_escaped(text: &str) -> Vec<u8> {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            for unit in c.encode_utf16(&mut [0; 2]) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out.into_bytes()
}

#[test]
fn a_correct_signature_needs_no_explanation() {
    for body in [blue_body(), accented_body(), Vec::new()] {
        let header = sign(SECRET, &body);
        assert_eq!(explain(&evidence(&body, header.as_bytes())), None);
        let padded = format!(" {header}\n");
        assert_eq!(explain(&evidence(&body, padded.as_bytes())), None, "bluehook trims the header");
    }
}

#[test]
fn missing_header() {
    let body = blue_body();
    let ev = Evidence { header: None, ..evidence(&body, b"") };
    assert_eq!(explain(&ev).unwrap().cause, Cause::MissingHeader);
}

#[test]
fn empty_header() {
    let e = explain(&evidence(&blue_body(), b"  ")).unwrap();
    assert_eq!((e.cause, e.confirmed), (Cause::EmptyHeader, true));
    assert_eq!(explain(&evidence(&blue_body(), b"sha256=")).unwrap().cause, Cause::EmptyHeader);
}

#[test]
fn not_hex() {
    let e = explain(&evidence(&blue_body(), b"t=1700000000,v1=not-a-signature")).unwrap();
    assert_eq!(e.cause, Cause::NotHex);
    assert!(e.hint.contains("64 lower-case hex digits"), "{}", e.hint);
}

#[test]
fn wrong_length_names_the_hash_it_looks_like() {
    let sha1_sized = "a".repeat(40);
    let e = explain(&evidence(&blue_body(), sha1_sized.as_bytes())).unwrap();
    assert_eq!(e.cause, Cause::WrongLength { digits: 40 });
    assert!(e.sentence.contains("HMAC-SHA1"), "{}", e.sentence);
    let cut = &sign(SECRET, &blue_body())[..63];
    assert_eq!(
        explain(&evidence(&blue_body(), cut.as_bytes())).unwrap().cause,
        Cause::WrongLength { digits: 63 }
    );
}

#[test]
fn sha256_prefix() {
    let body = blue_body();
    let header = format!("sha256={}", sign(SECRET, &body));
    let e = explain(&evidence(&body, header.as_bytes())).unwrap();
    assert_eq!(confirmed(&e), Some(&Cause::Sha256Prefix));
    let wrong = format!("SHA256={}", sign(b"another secret", &body));
    let e = explain(&evidence(&body, wrong.as_bytes())).unwrap();
    assert_eq!((&e.cause, e.confirmed), (&Cause::Sha256Prefix, false), "seen, not proven");
    assert!(e.sentence.contains("does not match"), "{}", e.sentence);
}

#[test]
fn uppercase_hex() {
    let body = blue_body();
    let header = sign(SECRET, &body).to_uppercase();
    assert_eq!(verify(SECRET, &body, Some(header.as_bytes())), Ok(()), "bluehook accepts it");
    let e = explain(&evidence(&body, header.as_bytes())).unwrap();
    assert_eq!(confirmed(&e), Some(&Cause::UppercaseHex));
}

#[test]
fn base64_instead_of_hex() {
    let body = blue_body();
    let mac = Signer::new(SECRET).mac(&body);
    for engine in [STANDARD, URL_SAFE_NO_PAD] {
        let header = engine.encode(mac);
        let e = explain(&evidence(&body, header.as_bytes())).unwrap();
        assert_eq!(confirmed(&e), Some(&Cause::Base64), "{header}");
    }
}

#[test]
fn trailing_newline_added() {
    let body = blue_body();
    for ending in [&b"\n"[..], b"\r\n"] {
        let e = explain_change(&body, &[&body[..], ending].concat());
        assert_eq!(confirmed(&e), Some(&Cause::TrailingNewlineAdded));
    }
}

#[test]
fn trailing_newline_removed() {
    let body = blue_body();
    let e = explain_change(&[&body[..], b"\n"].concat(), &body);
    assert_eq!(confirmed(&e), Some(&Cause::TrailingNewlineRemoved));
}

#[test]
fn crlf_line_endings() {
    let pretty = serde_json::to_vec_pretty(&parse(&blue_body())).unwrap();
    let crlf = String::from_utf8(pretty.clone()).unwrap().replace('\n', "\r\n");
    let e = explain_change(&pretty, crlf.as_bytes());
    assert_eq!(confirmed(&e), Some(&Cause::Crlf));
}

#[test]
fn byte_order_mark() {
    let body = blue_body();
    let e = explain_change(&body, &[BOM, &body[..]].concat());
    assert_eq!(confirmed(&e), Some(&Cause::Bom));
}

#[test]
fn reserialised_pretty() {
    let body = blue_body();
    let pretty = serde_json::to_vec_pretty(&parse(&body)).unwrap();
    let e = explain_change(&body, &pretty);
    assert_eq!(confirmed(&e), Some(&reserialised(&[Change::Pretty])));
    assert!(e.hint.contains("raw request bytes"), "{}", e.hint);
}

#[test]
fn reserialised_compact_from_a_pretty_signed_body() {
    let pretty = serde_json::to_vec_pretty(&parse(&blue_body())).unwrap();
    let e = explain_change(&pretty, &blue_body());
    assert_eq!(confirmed(&e), Some(&reserialised(&[Change::Compacted])));
}

#[test]
fn reserialised_with_sorted_keys() {
    let body = blue_body();
    let go_marshal = serde_json::to_vec(&sorted(&parse(&body))).unwrap();
    let e = explain_change(&body, &go_marshal);
    assert_eq!(confirmed(&e), Some(&reserialised(&[Change::SortedKeys])));
}

#[test]
fn sorted_keys_are_named_even_when_the_bytes_cannot_be_rebuilt() {
    // A key bluehook's model does not know, first in its object: sorting loses its place.
    let mut value = parse(&blue_body());
    let current = value["currentValue"].as_object().unwrap().clone();
    let mut with_new = Map::from_iter([("zNewField".to_string(), json!(1))]);
    with_new.extend(current);
    value["currentValue"] = Value::Object(with_new);
    let blue = serde_json::to_vec(&value).unwrap();
    let e = explain_change(&blue, &serde_json::to_vec(&sorted(&value)).unwrap());
    assert_eq!((&e.cause, e.confirmed), (&reserialised(&[Change::SortedKeys]), false));
    assert!(e.sentence.contains("not proven"), "{}", e.sentence);
}

#[test]
fn jq_sorted_compact_output_is_sorted_keys_and_a_newline_not_pretty() {
    let body = blue_body();
    let jq = [serde_json::to_vec(&sorted(&parse(&body))).unwrap(), b"\n".to_vec()].concat();
    let e = explain_change(&body, &jq);
    let changes = [Change::SortedKeys, Change::TrailingNewline];
    assert_eq!(confirmed(&e), Some(&reserialised(&changes)));
    assert!(!e.sentence.contains("pretty"), "{}", e.sentence);
    assert!(e.sentence.contains("keys sorted, a newline added at the end"), "{}", e.sentence);
    // Pretty-printed by jq (indented, with its newline): both named.
    let pretty = [serde_json::to_vec_pretty(&parse(&body)).unwrap(), b"\n".to_vec()].concat();
    let e = explain_change(&body, &pretty);
    let changes = [Change::Pretty, Change::TrailingNewline];
    assert_eq!(confirmed(&e), Some(&reserialised(&changes)));
}

#[test]
fn reserialised_with_unicode_escaped() {
    let body = accented_body();
    let e = explain_change(&body, &ascii_escaped(std::str::from_utf8(&body).unwrap()));
    assert_eq!(confirmed(&e), Some(&reserialised(&[Change::UnicodeEscaped])));
}

#[test]
fn reserialised_by_python_json_dumps() {
    let body = accented_body();
    let e = explain_change(&body, &python_dumps(&body));
    assert_eq!(confirmed(&e), Some(&reserialised(&[Change::Spaced, Change::UnicodeEscaped])));
}

#[test]
fn reserialised_with_slashes_escaped() {
    let body = blue_body();
    let php = String::from_utf8(body.clone()).unwrap().replace('/', "\\/");
    let e = explain_change(&body, php.as_bytes());
    assert_eq!(confirmed(&e), Some(&reserialised(&[Change::SlashesEscaped])));
}

#[test]
fn secret_of_another_saved_webhook() {
    let body = blue_body();
    let header = sign(b"secret-of-wh2", &body);
    let others = [
        OtherSecret { webhook: "wh1", secret: b"secret-of-wh1" },
        OtherSecret { webhook: "wh2", secret: b"secret-of-wh2" },
    ];
    let ev = Evidence { others: &others, ..evidence(&body, header.as_bytes()) };
    let e = explain(&ev).unwrap();
    assert_eq!(confirmed(&e), Some(&Cause::OtherSecret { webhook: "wh2".into() }));
    assert!(e.sentence.contains("wh2"), "{}", e.sentence);
}

#[test]
fn signature_of_an_earlier_delivery() {
    let first = blue_body();
    let second = accented_body();
    let old = sign(SECRET, &first);
    let earlier = [
        Earlier { label: "line 1: TAG_CREATED", body: b"{}", signature: b"00" },
        Earlier { label: "line 2: TODO_CREATED", body: &first, signature: old.as_bytes() },
    ];
    let ev = Evidence { earlier: &earlier, ..evidence(&second, old.as_bytes()) };
    let e = explain(&ev).unwrap();
    let delivery = "line 2: TODO_CREATED".to_string();
    assert_eq!(confirmed(&e), Some(&Cause::EarlierDelivery { delivery }));
}

#[test]
fn the_same_body_again_is_not_an_earlier_delivery() {
    let body = blue_body();
    let bad = sign(b"forger", &body);
    let earlier = [Earlier { label: "line 1", body: &body, signature: bad.as_bytes() }];
    let ev = Evidence { earlier: &earlier, ..evidence(&body, bad.as_bytes()) };
    assert_eq!(explain(&ev).unwrap().cause, Cause::NoKnownCause);
}

/// A small deterministic generator, so failures reproduce.
fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
fn random_garbage_has_no_known_cause() {
    let mut state = 0x9e37_79b9_7f4a_7c15;
    for round in 0..200 {
        let len = (xorshift(&mut state) % 300) as usize;
        let body: Vec<u8> = (0..len).map(|_| xorshift(&mut state) as u8).collect();
        let mac: Vec<u8> = (0..32).map(|_| xorshift(&mut state) as u8).collect();
        let header = hex::encode(mac);
        let e = explain(&evidence(&body, header.as_bytes())).unwrap();
        assert_eq!((&e.cause, e.confirmed), (&Cause::NoKnownCause, false), "round {round}");
        assert!(e.hint.contains("secret"), "{}", e.hint);
    }
    let forged = sign(b"forger", &blue_body());
    let e = explain(&evidence(&blue_body(), forged.as_bytes())).unwrap();
    assert_eq!(e.cause, Cause::NoKnownCause, "a forged Blue-shaped delivery");
}

#[test]
fn explaining_never_changes_the_verdict() {
    let body = blue_body();
    let good = sign(SECRET, &body);
    let cases: Vec<(Vec<u8>, String)> = vec![
        ([&body[..], b"\n"].concat(), good.clone()),
        ([BOM, &body[..]].concat(), good.clone()),
        (serde_json::to_vec_pretty(&parse(&body)).unwrap(), good.clone()),
        (body.clone(), format!("sha256={good}")),
        (body.clone(), STANDARD.encode(Signer::new(SECRET).mac(&body))),
        (body.clone(), sign(b"forger", &body)),
        (body.clone(), "zz".into()),
        (body.clone(), good.to_uppercase()),
        (body.clone(), good.clone()),
    ];
    for (received, header) in cases {
        let before = verify(SECRET, &received, Some(header.as_bytes()));
        let e = explain(&evidence(&received, header.as_bytes()));
        assert_eq!(verify(SECRET, &received, Some(header.as_bytes())), before);
        if before.is_err() {
            assert!(e.is_some(), "every rejection gets an explanation: {header}");
            assert_ne!(before, Ok(()), "an explained mismatch stays a mismatch");
        } else {
            assert!(e.is_none_or(|e| e.cause == Cause::UppercaseHex), "{header}");
        }
    }
    assert_eq!(verify(SECRET, &body, Some(b"sha256=00")), Err(VerifyError::Malformed));
}

#[test]
fn large_bodies_get_only_the_cheap_checks() {
    let body = [&vec![b' '; MAX_BODY][..], b"{}"].concat();
    let header = sign(SECRET, &body);
    let received = [&body[..], b"\n"].concat();
    let e = explain(&evidence(&received, header.as_bytes())).unwrap();
    assert_eq!(e.cause, Cause::NoKnownCause, "no byte fixes beyond MAX_BODY");
    let small = blue_body();
    let header = sign(b"the seventeenth", &small);
    let secrets: Vec<Vec<u8>> =
        (0..=MAX_OTHER_SECRETS).map(|i| format!("s{i}").into_bytes()).collect();
    let mut others: Vec<OtherSecret> =
        secrets.iter().map(|s| OtherSecret { webhook: "wh", secret: s }).collect();
    others.push(OtherSecret { webhook: "late", secret: b"the seventeenth" });
    let ev = Evidence { others: &others, ..evidence(&small, header.as_bytes()) };
    assert_eq!(explain(&ev).unwrap().cause, Cause::NoKnownCause, "at most MAX_OTHER_SECRETS");
}

#[test]
fn explanation_serialises_with_its_cause_inline() {
    let e = Explanation::new(reserialised(&[Change::Pretty, Change::SortedKeys]), true);
    let v = serde_json::to_value(&e).unwrap();
    assert_eq!(v["cause"], "reserialised");
    assert_eq!(v["changes"], json!(["pretty", "sorted-keys"]));
    assert_eq!(v["confirmed"], true);
    assert_eq!(v["sentence"], e.sentence.as_str());
    assert_eq!(v["hint"], e.hint.as_str());
    let e = Explanation::new(Cause::OtherSecret { webhook: "wh\u{1b}[2J1".into() }, true);
    assert_eq!(serde_json::to_value(&e).unwrap()["webhook"], "wh\u{1b}[2J1");
    assert!(!e.sentence.contains('\u{1b}'), "labels are made printable: {}", e.sentence);
    assert_eq!(e.code(), "other-secret");
}
