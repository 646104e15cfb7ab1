//! Signature forensics: when `X-Signature` does not match, find the change that explains it.
//!
//! The usual reason a genuine delivery fails to verify is that something between Blue and the
//! app changed the bytes: a framework re-serialised the JSON, a tool added a newline or a BOM,
//! a proxy rewrote the header. [`explain`] undoes each known change in turn and checks the
//! result against the signature; the first one that makes it match is the cause. Pure: no I/O;
//! the caller hands over everything it knows as [`Evidence`].
//!
//! An explanation never changes a verdict: it is computed from the evidence and handed back;
//! the caller still rejects what [`super::verify`] rejects, whatever the explanation says.
//!
//! # Cost
//!
//! The listener may call [`explain`] on every rejected request, including a flood of forged
//! ones, so the work is bounded whatever the input:
//! - header checks first (no hashing): missing, empty, not hex, wrong length;
//! - one HMAC over the body as received (the header in `sha256=`, upper-case or base64 form);
//! - earlier deliveries: a 32-byte comparison each, for at most [`MAX_EARLIER`] of them;
//! - only for bodies up to [`MAX_BODY`] bytes: at most 5 byte fixes (BOM, trailing LF or CRLF
//!   added, LF removed, CRLF), one JSON parse and at most 3 re-serialisations, each with one
//!   HMAC; then one HMAC per other secret, for at most [`MAX_OTHER_SECRETS`] of them.
//!
//! So at most 25 HMACs over at most 64 KiB each. Blue's key order for sorted bodies comes from
//! the event's sample, built once per event and kept. With a 3 KB body and no cause found (the
//! worst case for a forged delivery), it takes about 28 µs, or 87 µs with 16 other secrets
//! and 64 earlier deliveries, against 2 µs for the verification itself
//! (`cargo bench --bench signature -- explain`). A listener should explain after answering,
//! never on the answer's path.

use std::borrow::Cow;
use std::sync::OnceLock;

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use serde::Serialize;
use serde_json::{Map, Value};

use super::Signer;
use crate::events::{self, sample};

/// Bodies larger than this get only the header checks, one HMAC and the earlier-delivery
/// comparison: no byte fixes, no re-serialisation, no other secrets.
pub const MAX_BODY: usize = 64 << 10;
/// At most this many other webhooks' secrets are tried (one HMAC each).
pub const MAX_OTHER_SECRETS: usize = 16;
/// At most this many earlier deliveries are compared.
pub const MAX_EARLIER: usize = 64;

/// What the caller knows about a delivery whose signature it checked.
#[derive(Debug, Clone, Copy)]
pub struct Evidence<'a> {
    /// The body bytes exactly as received.
    pub body: &'a [u8],
    /// The `X-Signature` value received, if any.
    pub header: Option<&'a [u8]>,
    /// The signer (keyed with the secret) the delivery was checked with.
    pub signer: &'a Signer,
    /// Secrets of other webhooks the user has (saved ones), to spot a mixed-up secret; the
    /// caller leaves out the one `signer` holds.
    pub others: &'a [OtherSecret<'a>],
    /// Earlier deliveries, most recent first, to spot a reused signature.
    pub earlier: &'a [Earlier<'a>],
}

/// Another webhook's secret, and how to name that webhook.
#[derive(Clone, Copy)]
pub struct OtherSecret<'a> {
    /// The webhook's id (or whatever names it to the user).
    pub webhook: &'a str,
    pub secret: &'a [u8],
}

impl std::fmt::Debug for OtherSecret<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "OtherSecret {{ webhook: {:?}, secret: <redacted> }}", self.webhook)
    }
}

/// An earlier delivery: its body and the `X-Signature` it came with.
#[derive(Debug, Clone, Copy)]
pub struct Earlier<'a> {
    /// How to name it to the user, e.g. `line 3: TODO_CREATED at 2025-06-02T09:30:00Z`.
    pub label: &'a str,
    pub body: &'a [u8],
    pub signature: &'a [u8],
}

/// Why a signature does not match (or, for [`Cause::UppercaseHex`], why a strict app would
/// reject one bluehook accepts). Serialised as `{"cause": "kebab-case-name", ...}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "cause", rename_all = "kebab-case")]
pub enum Cause {
    /// No `X-Signature` header.
    MissingHeader,
    /// `X-Signature` is there but empty.
    EmptyHeader,
    /// `X-Signature` holds characters that are not hex digits (in no form bluehook knows).
    NotHex,
    /// `X-Signature` is hex, but not 64 digits.
    WrongLength { digits: usize },
    /// `sha256=<hex>` instead of bare hex.
    Sha256Prefix,
    /// Upper-case hex: bluehook accepts it, an app comparing strings does not.
    UppercaseHex,
    /// The right MAC, base64-encoded instead of hex.
    Base64,
    /// A newline was appended to the body after signing.
    TrailingNewlineAdded,
    /// The signed body ended with a newline that is gone.
    TrailingNewlineRemoved,
    /// The body's line endings became CRLF.
    Crlf,
    /// A UTF-8 byte-order mark was put before the body.
    Bom,
    /// The JSON was parsed and written out again, with these differences.
    Reserialised { changes: Vec<Change> },
    /// The signature was made with another saved webhook's secret.
    OtherSecret { webhook: String },
    /// The signature is an earlier delivery's, not this body's.
    EarlierDelivery { delivery: String },
    /// The header is well-formed and no known change explains the mismatch.
    NoKnownCause,
}

/// How a re-serialised body differs from Blue's compact JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Change {
    /// Indented over several lines.
    Pretty,
    /// On one line, with spaces after `:` and `,`.
    Spaced,
    /// Keys in alphabetical order instead of Blue's.
    SortedKeys,
    /// Characters Blue sends as they are written as `\uXXXX`.
    UnicodeEscaped,
    /// `/` written as `\/`.
    SlashesEscaped,
    /// Compacted: the signed body was pretty-printed.
    Compacted,
    /// A newline after the JSON (`jq`, `json.dump` followed by `print`).
    TrailingNewline,
}

/// A cause, whether checking proved it, and what to tell the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Explanation {
    #[serde(flatten)]
    pub cause: Cause,
    /// `true` when undoing the change makes the signature match (or the cause is a fact about
    /// the header alone); `false` when the evidence points to it without proving it.
    pub confirmed: bool,
    /// One sentence saying what happened.
    pub sentence: String,
    /// What to fix in the receiving app (or in what sits in front of it).
    pub hint: String,
}

/// The signature's form, once decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Hex,
    UpperHex,
    Prefixed,
    Base64,
}

/// Explains why `evidence.header` does not verify `evidence.body` under `evidence.signer`.
///
/// `None` when the signature is exactly what Blue sends for this body. Otherwise the first
/// cause that fits, cheapest checks first, or [`Cause::NoKnownCause`]. See the module docs for
/// the cost bound.
pub fn explain(evidence: &Evidence) -> Option<Explanation> {
    let Some(raw) = evidence.header else {
        return Some(Explanation::new(Cause::MissingHeader, true));
    };
    let (mac, form) = match decode(raw) {
        Ok(decoded) => decoded,
        Err(cause) => return Some(Explanation::new(cause, true)),
    };
    let signer = evidence.signer;
    if signer.matches(evidence.body, &mac) {
        return header_form(form).map(|cause| Explanation::new(cause, true));
    }
    if let Some(cause) = earlier(evidence, &mac) {
        return Some(Explanation::new(cause, true));
    }
    if evidence.body.len() > MAX_BODY {
        return Some(unexplained(form, false));
    }
    if let Some(cause) = byte_fix(evidence.body, signer, &mac) {
        return Some(Explanation::new(cause, true));
    }
    let json = reserialised(evidence.body, signer, &mac);
    let found = json.cause.or_else(|| other_secret(evidence, &mac));
    Some(match found {
        Some(cause) => Explanation::new(cause, true),
        None => unexplained(form, json.looks_sorted),
    })
}

/// The header's own cause when the MAC it carries is right.
fn header_form(form: Form) -> Option<Cause> {
    match form {
        Form::Hex => None,
        Form::UpperHex => Some(Cause::UppercaseHex),
        Form::Prefixed => Some(Cause::Sha256Prefix),
        Form::Base64 => Some(Cause::Base64),
    }
}

/// What to say when nothing matched: the header's odd form, or sorted keys, if either was
/// seen (unconfirmed), else no known cause.
fn unexplained(form: Form, looks_sorted: bool) -> Explanation {
    match form {
        Form::Prefixed => Explanation::new(Cause::Sha256Prefix, false),
        Form::Base64 => Explanation::new(Cause::Base64, false),
        _ if looks_sorted => {
            Explanation::new(Cause::Reserialised { changes: vec![Change::SortedKeys] }, false)
        }
        _ => Explanation::new(Cause::NoKnownCause, false),
    }
}

/// Decodes a header value into the MAC it carries and its form, or the cause it is malformed.
fn decode(raw: &[u8]) -> Result<([u8; 32], Form), Cause> {
    let value = raw.trim_ascii();
    if value.is_empty() {
        return Err(Cause::EmptyHeader);
    }
    let stripped = strip_prefix_ignore_case(value, b"sha256=");
    let hex = stripped.unwrap_or(value);
    if hex.iter().all(u8::is_ascii_hexdigit) {
        let mut mac = [0u8; 32];
        if hex.is_empty() {
            return Err(Cause::EmptyHeader);
        }
        if hex::decode_to_slice(hex, &mut mac).is_err() {
            return Err(Cause::WrongLength { digits: hex.len() });
        }
        let form = match () {
            _ if stripped.is_some() => Form::Prefixed,
            _ if hex.iter().any(u8::is_ascii_uppercase) => Form::UpperHex,
            _ => Form::Hex,
        };
        return Ok((mac, form));
    }
    base64_mac(value).map(|mac| (mac, Form::Base64)).ok_or(Cause::NotHex)
}

fn strip_prefix_ignore_case<'v>(value: &'v [u8], prefix: &[u8]) -> Option<&'v [u8]> {
    let head = value.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &value[prefix.len()..])
}

/// A 32-byte MAC in any base64 alphabet, padded or not.
fn base64_mac(value: &[u8]) -> Option<[u8; 32]> {
    if value.len() > 44 {
        return None;
    }
    [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD]
        .iter()
        .filter_map(|engine| engine.decode(value).ok())
        .find_map(|bytes| <[u8; 32]>::try_from(bytes).ok())
}

/// An earlier delivery, with another body, whose signature is this one.
fn earlier(evidence: &Evidence, mac: &[u8; 32]) -> Option<Cause> {
    let found =
        evidence.earlier.iter().take(MAX_EARLIER).find(|e| {
            e.body != evidence.body && decode(e.signature).is_ok_and(|(m, _)| m == *mac)
        })?;
    Some(Cause::EarlierDelivery { delivery: found.label.to_string() })
}

/// Another saved webhook's secret that signs this body with this MAC.
fn other_secret(evidence: &Evidence, mac: &[u8; 32]) -> Option<Cause> {
    let found = evidence
        .others
        .iter()
        .take(MAX_OTHER_SECRETS)
        .find(|o| Signer::new(o.secret).matches(evidence.body, mac))?;
    Some(Cause::OtherSecret { webhook: found.webhook.to_string() })
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The byte-level changes, undone one at a time: the first undoing that matches.
fn byte_fix(body: &[u8], signer: &Signer, mac: &[u8; 32]) -> Option<Cause> {
    let mut tries: Vec<(Cause, Cow<[u8]>)> = Vec::with_capacity(4);
    if let Some(rest) = body.strip_prefix(BOM) {
        tries.push((Cause::Bom, rest.into()));
    }
    if let Some(rest) = body.strip_suffix(b"\n") {
        tries.push((Cause::TrailingNewlineAdded, rest.into()));
        if let Some(rest) = rest.strip_suffix(b"\r") {
            tries.push((Cause::TrailingNewlineAdded, rest.into()));
        }
    }
    if body.windows(2).any(|w| w == b"\r\n") {
        tries.push((Cause::Crlf, crlf_to_lf(body).into()));
    }
    tries.push((Cause::TrailingNewlineRemoved, [body, b"\n"].concat().into()));
    tries.into_iter().find(|(_, fixed)| signer.matches(fixed, mac)).map(|(cause, _)| cause)
}

fn crlf_to_lf(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    for (i, &b) in body.iter().enumerate() {
        if !(b == b'\r' && body.get(i + 1) == Some(&b'\n')) {
            out.push(b);
        }
    }
    out
}

/// What re-serialising the body found: a confirmed cause, or only that its keys look sorted.
#[derive(Default)]
struct JsonFinding {
    cause: Option<Cause>,
    looks_sorted: bool,
}

/// Writes the body back as Blue does (compact, in its key order, characters as they are) and
/// checks that; also in Blue's key order when the keys look sorted, and pretty-printed when the
/// body arrived on one line.
fn reserialised(body: &[u8], signer: &Signer, mac: &[u8; 32]) -> JsonFinding {
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        return JsonFinding::default();
    };
    let look = Look::scan(body);
    let signs = |bytes: &[u8]| bytes != body && signer.matches(bytes, mac);
    let as_received = compact(&value);
    if signs(&as_received) {
        return JsonFinding { cause: Some(look.cause(None)), looks_sorted: false };
    }
    let blue = all_sorted(&value).then(|| blue_order(&value)).flatten().map(|v| compact(&v));
    let looks_sorted = blue.as_ref().is_some_and(|b| *b != as_received);
    if looks_sorted && blue.as_deref().is_some_and(signs) {
        return JsonFinding { cause: Some(look.cause(Some(Change::SortedKeys))), looks_sorted };
    }
    if !look.newline && serde_json::to_vec_pretty(&value).is_ok_and(|p| signs(&p)) {
        let cause = Cause::Reserialised { changes: vec![Change::Compacted] };
        return JsonFinding { cause: Some(cause), looks_sorted };
    }
    JsonFinding { cause: None, looks_sorted }
}

fn compact(value: &Value) -> Vec<u8> {
    serde_json::to_vec(value).expect("a JSON value always serializes")
}

/// Whether every object in `value` has its keys in ascending order.
fn all_sorted(value: &Value) -> bool {
    match value {
        Value::Object(m) => {
            m.keys().zip(m.keys().skip(1)).all(|(a, b)| a <= b) && m.values().all(all_sorted)
        }
        Value::Array(a) => a.iter().all(all_sorted),
        _ => true,
    }
}

/// `value` with its keys in the order Blue writes them: `event`, `webhook`, `previousValue`,
/// `currentValue` at the top, and below, the order of bluehook's sample of the same event
/// (keys the sample lacks come after, as they were).
fn blue_order(value: &Value) -> Option<Value> {
    let name = value.get("event")?.as_str()?;
    let top = ["event", "webhook", "previousValue", "currentValue"].map(|k| (k, Value::Null));
    match template(name) {
        Some(template) => Some(reorder(value, template)),
        None => {
            let top = Value::Object(top.into_iter().map(|(k, v)| (k.to_string(), v)).collect());
            Some(reorder(value, &top))
        }
    }
}

/// The sample of the event named `name`, built once per event and kept: only its key order
/// is used.
fn template(name: &str) -> Option<&'static Value> {
    static TEMPLATES: [OnceLock<Value>; events::CATALOGUE.len()] =
        [const { OnceLock::new() }; events::CATALOGUE.len()];
    let event = events::lookup(name)?;
    let index = events::CATALOGUE.iter().position(|e| e.name == event.name)?;
    let seeded = || sample::value(event, &sample::SampleOptions::seeded(0, ""));
    Some(TEMPLATES[index].get_or_init(seeded))
}

fn reorder(value: &Value, template: &Value) -> Value {
    match (value, template) {
        (Value::Object(m), Value::Object(t)) => {
            let mut out = Map::with_capacity(m.len());
            for (k, tv) in t {
                if let Some(v) = m.get(k) {
                    out.insert(k.clone(), reorder(v, tv));
                }
            }
            for (k, v) in m {
                if !out.contains_key(k) {
                    out.insert(k.clone(), v.clone());
                }
            }
            Value::Object(out)
        }
        (Value::Array(a), Value::Array(t)) if !t.is_empty() => {
            Value::Array(a.iter().map(|v| reorder(v, &t[0])).collect())
        }
        _ => value.clone(),
    }
}

/// What the received JSON text looks like, outside and inside its strings. `newline` and
/// `spaces` are between its tokens; `trailing_newline` is after the last.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Look {
    newline: bool,
    spaces: bool,
    unicode_escaped: bool,
    slashes_escaped: bool,
    trailing_newline: bool,
}

impl Look {
    fn scan(body: &[u8]) -> Look {
        let text = body.trim_ascii_end();
        let mut look =
            Look { trailing_newline: body[text.len()..].contains(&b'\n'), ..Look::default() };
        let body = text;
        let (mut in_string, mut i) = (false, 0);
        while i < body.len() {
            match (in_string, body[i]) {
                (true, b'\\') => {
                    match body.get(i + 1) {
                        Some(b'/') => look.slashes_escaped = true,
                        Some(b'u') => look.unicode_escaped |= escapes_printable(&body[i + 2..]),
                        _ => {}
                    }
                    i += 1;
                }
                (_, b'"') => in_string = !in_string,
                (false, b'\n') => look.newline = true,
                (false, b' ' | b'\t' | b'\r') => look.spaces = true,
                _ => {}
            }
            i += 1;
        }
        look
    }

    /// The re-serialisation cause these looks (and `extra`) describe.
    fn cause(self, extra: Option<Change>) -> Cause {
        let flags = [
            (self.newline, Change::Pretty),
            (self.spaces && !self.newline, Change::Spaced),
            (extra.is_some(), Change::SortedKeys),
            (self.unicode_escaped, Change::UnicodeEscaped),
            (self.slashes_escaped, Change::SlashesEscaped),
            (self.trailing_newline, Change::TrailingNewline),
        ];
        Cause::Reserialised { changes: flags.iter().filter(|f| f.0).map(|f| f.1).collect() }
    }
}

/// Whether the 4 hex digits of a `\u` escape name a character JSON.stringify (and so Blue)
/// writes as it is: anything from U+0020 up.
fn escapes_printable(digits: &[u8]) -> bool {
    let code = digits.get(..4).and_then(|d| std::str::from_utf8(d).ok());
    code.and_then(|c| u32::from_str_radix(c, 16).ok()).is_some_and(|c| c >= 0x20)
}

impl Explanation {
    pub fn new(cause: Cause, confirmed: bool) -> Self {
        let sentence = sentence(&cause, confirmed);
        let hint = hint(&cause).to_string();
        Explanation { cause, confirmed, sentence, hint }
    }

    /// The cause's stable name, as in the JSON (`trailing-newline-added`, ...).
    pub fn code(&self) -> &'static str {
        self.cause.code()
    }
}

impl Cause {
    /// The stable name used in JSON and in the human line.
    pub fn code(&self) -> &'static str {
        match self {
            Cause::MissingHeader => "missing-header",
            Cause::EmptyHeader => "empty-header",
            Cause::NotHex => "not-hex",
            Cause::WrongLength { .. } => "wrong-length",
            Cause::Sha256Prefix => "sha256-prefix",
            Cause::UppercaseHex => "uppercase-hex",
            Cause::Base64 => "base64",
            Cause::TrailingNewlineAdded => "trailing-newline-added",
            Cause::TrailingNewlineRemoved => "trailing-newline-removed",
            Cause::Crlf => "crlf",
            Cause::Bom => "bom",
            Cause::Reserialised { .. } => "reserialised",
            Cause::OtherSecret { .. } => "other-secret",
            Cause::EarlierDelivery { .. } => "earlier-delivery",
            Cause::NoKnownCause => "no-known-cause",
        }
    }
}

impl Change {
    fn describe(self) -> &'static str {
        match self {
            Change::Pretty => "pretty-printed",
            Change::Spaced => "spaces after `:` and `,`",
            Change::SortedKeys => "keys sorted",
            Change::UnicodeEscaped => "characters escaped as \\uXXXX",
            Change::SlashesEscaped => "`/` escaped as `\\/`",
            Change::Compacted => "compacted (the signed body was pretty-printed)",
            Change::TrailingNewline => "a newline added at the end",
        }
    }
}

/// Control characters out, so a label from the network cannot steer a terminal.
fn printable(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

fn sentence(cause: &Cause, confirmed: bool) -> String {
    match cause {
        Cause::WrongLength { digits } => format!(
            "X-Signature has {digits} hex digits, not the 64 of an HMAC-SHA256{}",
            match digits {
                40 => " (40 is the size of an HMAC-SHA1)",
                128 => " (128 is the size of an HMAC-SHA512)",
                _ => "",
            }
        ),
        Cause::Sha256Prefix if !confirmed => "X-Signature starts with `sha256=`, which Blue \
            never sends, and even without it the signature does not match this body"
            .into(),
        Cause::Base64 if !confirmed => "X-Signature is base64, not hex, and even decoded it \
            does not match this body"
            .into(),
        Cause::Reserialised { changes } => reserialised_sentence(changes, confirmed),
        Cause::OtherSecret { webhook } => format!(
            "the body was signed with the secret of another saved webhook, {}",
            printable(webhook)
        ),
        Cause::EarlierDelivery { delivery } => format!(
            "X-Signature is the signature of an earlier delivery ({}), not of this body",
            printable(delivery)
        ),
        _ => fixed_sentence(cause).into(),
    }
}

fn fixed_sentence(cause: &Cause) -> &'static str {
    match cause {
        Cause::MissingHeader => "the request has no X-Signature header",
        Cause::EmptyHeader => "X-Signature is there but empty",
        Cause::NotHex => "X-Signature is not hex, nor any other form of the signature",
        Cause::Sha256Prefix => "X-Signature starts with `sha256=`, which Blue never sends",
        Cause::UppercaseHex => {
            "X-Signature is upper-case hex: it matches, but Blue sends lower \
            case, so an app comparing strings rejects it"
        }
        Cause::Base64 => "X-Signature is the right HMAC, but in base64 instead of hex",
        Cause::TrailingNewlineAdded => {
            "a newline was added at the end of the body after it was \
            signed"
        }
        Cause::TrailingNewlineRemoved => {
            "the body lost the newline it ended with when it was \
            signed"
        }
        Cause::Crlf => "the body's line endings were changed from LF to CRLF",
        Cause::Bom => "a UTF-8 byte-order mark (EF BB BF) was put before the body",
        _ => {
            "no known change to the body or header explains the mismatch, so it was most \
            likely signed with another secret (or forged)"
        }
    }
}

fn reserialised_sentence(changes: &[Change], confirmed: bool) -> String {
    let how: Vec<&str> = changes.iter().map(|c| c.describe()).collect();
    let how = if how.is_empty() { String::new() } else { format!(" ({})", how.join(", ")) };
    if confirmed {
        format!("the JSON body was re-serialised{how}: written back as it was signed, it matches")
    } else {
        format!(
            "the JSON body looks re-serialised{how}: Blue does not sort keys (not proven: \
             bluehook could not rebuild the signed bytes)"
        )
    }
}

/// What to fix: first the header's causes, then (in [`body_hint`]) the others.
fn hint(cause: &Cause) -> &'static str {
    match cause {
        Cause::MissingHeader => {
            "Blue signs every delivery: check that the proxy in front of \
            the app forwards X-Signature, and that the request really came from Blue"
        }
        Cause::EmptyHeader => {
            "something on the way dropped the header's value: forward \
            X-Signature unchanged"
        }
        Cause::NotHex => {
            "Blue sends 64 lower-case hex digits: check that the app reads \
            X-Signature (not another header) and that nothing re-encodes it"
        }
        Cause::WrongLength { .. } => {
            "Blue signs with HMAC-SHA256 (64 hex digits): the sender \
            used another hash, or the value was cut on the way"
        }
        Cause::Sha256Prefix => {
            "Blue sends bare hex: do not expect (or add) a `sha256=` \
            prefix; strip it before comparing if a proxy adds it"
        }
        Cause::UppercaseHex => {
            "compare the decoded bytes in constant time (or lower-case the \
            header first), not the hex strings"
        }
        Cause::Base64 => {
            "Blue sends hex: decode X-Signature as hex, and stop the sender or \
            proxy re-encoding it as base64"
        }
        _ => body_hint(cause),
    }
}

/// What to fix when the body, the secret or the sender is the problem.
fn body_hint(cause: &Cause) -> &'static str {
    match cause {
        Cause::TrailingNewlineAdded => {
            "hash the body exactly as received, and find what appends the newline: a proxy, a \
            logging middleware, or a saved file (editors and `echo` end files with one; use \
            `printf '%s'`)"
        }
        Cause::TrailingNewlineRemoved => {
            "something trimmed the body: `curl -d @file` strips \
            newlines (use `--data-binary @file`), and no proxy should trim bodies"
        }
        Cause::Crlf => {
            "a text-mode transfer or a Windows tool rewrote line endings: pass the \
            body as binary from end to end"
        }
        Cause::Bom => {
            "an editor or a proxy saved the body as \"UTF-8 with BOM\": pass the body \
            as raw bytes, with nothing before it"
        }
        Cause::Reserialised { .. } => {
            "compute the HMAC over the raw request bytes before any \
            JSON parsing (express.raw(), request.get_data(), io.ReadAll(r.Body)), and let no \
            proxy rewrite the body"
        }
        Cause::OtherSecret { .. } => {
            "each Blue webhook has its own secret: give the app the \
            secret of the webhook that sends to it"
        }
        Cause::EarlierDelivery { .. } => {
            "the sender reused a signature on a new body: sign \
            each body (replay with its recorded signature only the bytes it came with)"
        }
        _ => {
            // Cause::NoKnownCause
            "check that the secret is this webhook's (Blue shows it once, \
            at creation: `bluehook create --save-secret` keeps it) and that the app hashes \
            the exact bytes received"
        }
    }
}

#[cfg(test)]
mod tests;
