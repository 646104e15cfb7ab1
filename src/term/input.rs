//! Reading a body from a file or standard input, byte for byte.

use std::io::Read;
use std::path::Path;

use anyhow::Context;

/// Reads `path` whole, or stdin when `path` is `None` or `-`.
pub fn read_body(path: Option<&Path>) -> anyhow::Result<Vec<u8>> {
    match path {
        Some(p) if p != Path::new("-") => {
            std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))
        }
        _ => {
            let mut buf = Vec::new();
            std::io::stdin().lock().read_to_end(&mut buf).context("cannot read standard input")?;
            Ok(buf)
        }
    }
}
