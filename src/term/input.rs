//! Reading a body from a file or standard input, byte for byte, up to [`MAX_BODY_BYTES`].

use std::io::Read;
use std::path::Path;

use anyhow::Context;

use crate::error::Failure;

/// The largest body read from a file or stdin (`send-sample --data`, `sign`, `verify`).
/// Blue's deliveries are a few kilobytes; this is far above any of them.
pub const MAX_BODY_BYTES: u64 = 10 * 1024 * 1024;

/// Reads `path`, or stdin when `path` is `None` or `-`: the whole body, or a usage error
/// (exit 2) as soon as it passes [`MAX_BODY_BYTES`] (never reading further: `/dev/zero` is fine).
pub fn read_body(path: Option<&Path>) -> anyhow::Result<Vec<u8>> {
    match path {
        Some(p) if p != Path::new("-") => {
            let file = std::fs::File::open(p).map_err(|e| unreadable(e, p))?;
            capped(file, &p.display().to_string())
        }
        _ => capped(std::io::stdin().lock(), "standard input"),
    }
}

fn capped(source: impl Read, name: &str) -> anyhow::Result<Vec<u8>> {
    let mut buf = Vec::new();
    source
        .take(MAX_BODY_BYTES + 1)
        .read_to_end(&mut buf)
        .with_context(|| format!("cannot read {name}"))?;
    if buf.len() as u64 > MAX_BODY_BYTES {
        return Err(Failure::usage(format!(
            "{name} is larger than {} MB, the most bluehook reads as a body",
            MAX_BODY_BYTES / (1024 * 1024)
        ))
        .with_hint("Blue's deliveries are a few kilobytes; give a smaller body")
        .into());
    }
    Ok(buf)
}

/// Reads a whole file that is not a body (a record file), without the body cap.
pub fn read_file(path: &Path) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| unreadable(e, path))
}

/// A file named on the command line that cannot be read: a usage error (exit 2) when it is
/// not there, else an error of its own (exit 1).
fn unreadable(err: std::io::Error, path: &Path) -> anyhow::Error {
    let message = format!("cannot read {}: {err}", path.display());
    if err.kind() == std::io::ErrorKind::NotFound {
        return Failure::usage(message).with_hint("check the file's path").into();
    }
    anyhow::Error::new(err).context(format!("cannot read {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_past_the_cap_are_refused_without_reading_on() {
        let endless = std::io::repeat(b'x');
        let err = capped(endless, "standard input").unwrap_err();
        let report = crate::error::report(&err);
        assert_eq!(report.exit, crate::error::Exit::Usage);
        assert!(report.message.unwrap().contains("larger than 10 MB"));
        let exact = std::io::repeat(b'x').take(MAX_BODY_BYTES);
        assert_eq!(capped(exact, "f").unwrap().len() as u64, MAX_BODY_BYTES);
    }
}
