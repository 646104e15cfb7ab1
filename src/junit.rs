//! JUnit XML reports, for the commands that have one (`listen --junit`, `check --junit`): the
//! timestamp conversion quick-junit wants and a writer that never leaves half a report.

use std::path::Path;
use std::time::SystemTime;

use quick_junit::Report;

/// A time as quick-junit takes it.
pub fn timestamp(t: SystemTime) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::<chrono::Utc>::from(t).fixed_offset()
}

/// Writes the report to `path` (replacing it) through a temporary file in the same folder, so
/// a CI step never reads half a report.
pub fn write(path: &Path, report: &Report) -> anyhow::Result<()> {
    use anyhow::Context;
    let xml = report.to_string().context("cannot write the JUnit report")?;
    let tmp = path.with_extension("xml.partial");
    std::fs::write(&tmp, xml)
        .and_then(|()| std::fs::rename(&tmp, path))
        .with_context(|| format!("cannot write the JUnit report {}", path.display()))
}

/// `text` without the characters XML 1.0 forbids (its `Char` production): U+FFFE, U+FFFF and
/// the C0 controls other than tab, newline and carriage return. ESC stays for `quick-junit`,
/// which removes it with the rest of its terminal escape sequence.
pub fn xml_text(text: &str) -> String {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r' | '\u{1b}' | '\u{20}'..='\u{d7ff}')
            || matches!(c, '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
    };
    text.chars().filter(|c| allowed(*c)).collect()
}
