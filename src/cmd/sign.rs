use std::io::Write;

use super::Context;
use crate::cli::SignArgs;
use crate::signature;
use crate::term::input::read_body;

pub fn run(args: &SignArgs, cx: &Context) -> anyhow::Result<()> {
    let secret = super::require_secret(&args.secret, cx)?;
    let body = read_body(args.file.as_deref())?;
    let sig = signature::sign(secret.as_bytes(), &body);
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(out, "{}", serde_json::json!({ "signature": sig, "bytes": body.len() }))?;
    } else {
        writeln!(out, "{sig}")?;
    }
    Ok(())
}
