//! Reading the record file `bluehook listen --record` writes: one JSON object per line,
//! `{"received_at","method","path","event","verified","headers","body"}`, where `body` is the
//! exact request body as a JSON string. Pure: no I/O; callers hand over the bytes.
//!
//! Parsing is strict about types (a `body` that is not a string is an error, not a guess) and
//! lenient about presence: only `body` is required, and fields this version does not know are
//! ignored, so files written by later versions still replay.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One recorded delivery.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    #[serde(default)]
    pub received_at: Option<String>,
    #[serde(default)]
    pub method: Option<String>,
    #[serde(default)]
    pub path: Option<String>,
    /// The body's `event` field, as the listener saw it.
    #[serde(default)]
    pub event: Option<String>,
    /// `true` verified, `false` rejected, `null` not checked.
    #[serde(default)]
    pub verified: Option<bool>,
    /// Lowercase header names; a repeated header's values joined with ", ".
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// The exact body that was received.
    pub body: String,
}

impl Record {
    /// The body bytes, exactly as received (and signed).
    pub fn body_bytes(&self) -> &[u8] {
        self.body.as_bytes()
    }

    /// A header's value, whatever the case of its recorded name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(name)
            .or_else(|| {
                self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v)
            })
            .map(String::as_str)
    }

    /// The recorded `X-Signature`, if the delivery carried one.
    pub fn signature(&self) -> Option<&str> {
        self.header(crate::signature::HEADER)
    }

    /// The record as one line of the file, without the newline.
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).expect("a record always serializes")
    }
}

/// A line that is not a record, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// 1-based line number in the file.
    pub line: usize,
    pub reason: String,
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

impl std::error::Error for LineError {}

/// Parses one line (without its newline; a trailing `\r` is allowed).
pub fn parse_line(line: &[u8]) -> Result<Record, String> {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let text = std::str::from_utf8(line)
        .map_err(|e| format!("not UTF-8 (invalid byte at column {})", e.valid_up_to() + 1))?;
    if !text.trim_start().starts_with('{') {
        return Err(match serde_json::from_str::<serde_json::Value>(text) {
            Err(e) => format!("not JSON: {e}"),
            Ok(other) => format!("not a JSON object but {}", kind(&other)),
        });
    }
    serde_json::from_str::<Record>(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
            format!("not JSON: {e}")
        }
        _ => format!("not a record: {e}"),
    })
}

fn kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// Every record of a file's bytes, with its 1-based line number, in order. Blank lines are
/// skipped; any other line that is not a record is an error for that line alone.
pub fn parse_all(bytes: &[u8]) -> impl Iterator<Item = Result<(usize, Record), LineError>> + '_ {
    bytes.split(|b| *b == b'\n').enumerate().filter(|(_, line)| !line.trim_ascii().is_empty()).map(
        |(i, line)| {
            let line_no = i + 1;
            parse_line(line)
                .map(|r| (line_no, r))
                .map_err(|reason| LineError { line: line_no, reason })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: &str = r#"{"received_at":"2025-06-02T09:30:00.123Z","method":"POST","path":"/h?x=1","event":"TODO_CREATED","verified":true,"headers":{"content-type":"application/json","x-signature":"ab12"},"body":"{ \"event\" : \"TODO_CREATED\",\n \"t\":\"caf\u00e9\" }"}"#;

    #[test]
    fn a_listener_line_parses_with_the_exact_body() {
        let r = parse_line(LINE.as_bytes()).unwrap();
        assert_eq!(r.event.as_deref(), Some("TODO_CREATED"));
        assert_eq!(r.verified, Some(true));
        assert_eq!(r.path.as_deref(), Some("/h?x=1"));
        assert_eq!(r.body_bytes(), "{ \"event\" : \"TODO_CREATED\",\n \"t\":\"café\" }".as_bytes());
        assert_eq!(r.signature(), Some("ab12"));
        assert_eq!(r.header("Content-Type"), Some("application/json"));
    }

    #[test]
    fn a_record_survives_a_round_trip() {
        let r = parse_line(LINE.as_bytes()).unwrap();
        assert_eq!(parse_line(r.to_line().as_bytes()).unwrap(), r);
        assert!(!r.to_line().contains('\n'));
    }

    #[test]
    fn only_the_body_is_required_and_unknown_fields_are_ignored() {
        let r = parse_line(br#"{"body":"{}","future":[1,2]}"#).unwrap();
        assert_eq!((r.body.as_str(), r.event.as_deref(), r.signature()), ("{}", None, None));
        let r = parse_line(b"{\"body\":\"\",\"event\":null}\r").unwrap();
        assert_eq!(r.body, "");
    }

    #[test]
    fn bad_lines_say_what_is_wrong() {
        let err = |line: &[u8]| parse_line(line).unwrap_err();
        assert!(err(b"{\"body\":").starts_with("not JSON"), "{}", err(b"{\"body\":"));
        assert_eq!(err(b"[1]"), "not a JSON object but an array");
        assert!(err(br#"{"event":"X"}"#).contains("missing field `body`"));
        assert!(err(br#"{"body":{"event":"X"}}"#).contains("invalid type"));
        assert!(err(br#"{"body":"{}","headers":{"x":1}}"#).contains("invalid type"));
        assert!(err(b"{\"body\":\"\xff\"}").starts_with("not UTF-8 (invalid byte at column 10)"));
    }

    #[test]
    fn all_lines_are_numbered_and_errors_do_not_stop_the_rest() {
        let file = format!("{LINE}\n\n  \nnot json\n{{\"body\":\"[]\"}}\n");
        let got: Vec<_> = parse_all(file.as_bytes()).collect();
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].as_ref().unwrap().0, 1);
        assert_eq!(got[1].as_ref().unwrap_err().line, 4);
        assert!(got[1].as_ref().unwrap_err().to_string().starts_with("line 4: not JSON"));
        let (line, r) = got[2].as_ref().unwrap();
        assert_eq!((*line, r.body.as_str()), (5, "[]"));
        assert_eq!(parse_all(b"").count(), 0);
    }
}
