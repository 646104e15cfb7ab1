use std::io::Write;

use crate::cli::VerifyArgs;
use crate::error::{Exit, Failure};
use crate::input::read_body;
use crate::output::OK;
use crate::signature;

pub fn run(args: &VerifyArgs) -> anyhow::Result<()> {
    let body = read_body(args.file.as_deref())?;
    let header = Some(args.signature.as_bytes());
    match signature::verify(args.secret.as_bytes(), &body, header) {
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
