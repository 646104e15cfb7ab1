//! Record file parsing on arbitrary bytes: never panics, numbers lines from 1, and every line
//! that parses re-serialises to a line that parses to the same record.
#![no_main]

use bluehook::record::{self, Record};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let lines = data.split(|b| *b == b'\n').count();
    let mut last = 0;
    for item in record::parse_all(data) {
        let line = match item {
            Ok((line, r)) => {
                round_trip(&r);
                line
            }
            Err(e) => {
                assert!(!e.reason.is_empty());
                e.line
            }
        };
        assert!(line > last && line <= lines, "line numbers increase within the file");
        last = line;
    }
    if let Ok(r) = record::parse_line(data) {
        round_trip(&r);
    }
});

fn round_trip(r: &Record) {
    let line = r.to_line();
    assert!(!line.contains('\n'), "a record is one line");
    let again = record::parse_line(line.as_bytes()).expect("a serialised record parses");
    assert_eq!(&again, r);
    assert_eq!(again.body_bytes(), r.body.as_bytes());
}
