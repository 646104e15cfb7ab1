use std::io::Write;

use crate::cli::{GlobalArgs, VerifyArgs};
use crate::error::{Exit, Failure};
use crate::signature;
use crate::term::input::read_body;
use crate::term::output::OK;

pub fn run(args: &VerifyArgs, global: &GlobalArgs) -> anyhow::Result<()> {
    let secret = super::require_secret(&args.secret, global)?;
    let body = read_body(args.file.as_deref())?;
    let result = signature::verify(secret.as_bytes(), &body, Some(args.signature.as_bytes()));
    if args.json {
        let reason = result.err().map(|e| e.code());
        let v = serde_json::json!({ "verified": result.is_ok(), "reason": reason, "bytes": body.len() });
        writeln!(std::io::stdout(), "{v}")?;
    }
    match result {
        Ok(()) => {
            writeln!(anstream::stderr(), "{OK}verified{OK:#} ({} bytes)", body.len())?;
            Ok(())
        }
        Err(e) => {
            let hint = "the signature covers the exact bytes: re-serialised JSON never matches";
            Err(Failure::new(Exit::BadSignature, e.to_string()).with_hint(hint).into())
        }
    }
}
