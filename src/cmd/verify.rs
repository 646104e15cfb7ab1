use std::io::Write;
use std::path::Path;

use anyhow::Context as _;

use super::Context;
use crate::cli::VerifyArgs;
use crate::error::{Exit, Failure};
use crate::signature::forensics::{self, Earlier, Evidence, Explanation, OtherSecret};
use crate::signature::{self, VerifyError};
use crate::term::input::read_body;
use crate::term::output::{BOLD, OK};
use crate::{config, record};

pub fn run(args: &VerifyArgs, cx: &Context) -> anyhow::Result<()> {
    let secret = super::require_secret(&args.secret, cx)?;
    let body = read_body(args.file.as_deref())?;
    let header = args.signature.as_bytes();
    let result = signature::verify(secret.as_bytes(), &body, Some(header));
    let explanation =
        if args.explain { explain(args, cx, secret.as_bytes(), &body)? } else { None };
    if args.json {
        let mut v = serde_json::json!({
            "verified": result.is_ok(), "reason": result.err().map(|e| e.code()), "bytes": body.len()
        });
        if args.explain {
            v["explain"] = serde_json::to_value(&explanation)?;
        }
        writeln!(std::io::stdout(), "{v}")?;
    }
    match result {
        Ok(()) => {
            writeln!(anstream::stderr(), "{OK}verified{OK:#} ({} bytes)", body.len())?;
            if let Some(e) = explanation {
                cx.console.warn(format_args!("{} [{}]", e.sentence, e.code()));
                writeln!(anstream::stderr(), "  {BOLD}hint:{BOLD:#} {}", e.hint)?;
            }
            Ok(())
        }
        Err(e) => Err(failure(e, explanation).into()),
    }
}

/// The error for a signature that does not verify: the explanation's cause and hint when
/// there is one, else a hint that fits the kind of failure.
fn failure(e: VerifyError, explanation: Option<Explanation>) -> Failure {
    if let Some(x) = explanation {
        let message = match e {
            VerifyError::Mismatch => format!("{e}: {} [{}]", x.sentence, x.code()),
            _ => format!("{} [{}]", x.sentence, x.code()),
        };
        return Failure::new(Exit::BadSignature, message).with_hint(x.hint);
    }
    let hint = match e {
        VerifyError::Mismatch => {
            "the secret, or the bytes, differ from what was signed (the signature covers the \
             exact bytes): --explain tests the usual causes"
        }
        VerifyError::Missing | VerifyError::Malformed => {
            "Blue sends 64 lower-case hex digits, with no prefix: --explain says what this \
             value looks like"
        }
    };
    Failure::new(Exit::BadSignature, e.to_string()).with_hint(hint)
}

/// Runs the forensics with the other saved webhooks' secrets and, if given, the recorded
/// deliveries.
fn explain(
    args: &VerifyArgs,
    cx: &Context,
    secret: &[u8],
    body: &[u8],
) -> anyhow::Result<Option<Explanation>> {
    let saved = config::load(&config::path(&super::place(cx))?, &cx.console)?;
    let others: Vec<OtherSecret> = saved
        .webhook_secrets
        .iter()
        .filter(|(_, s)| s.as_bytes() != secret)
        .map(|(id, s)| OtherSecret { webhook: id, secret: s.as_bytes() })
        .collect();
    let recorded = match &args.recorded {
        Some(path) => read_records(path, cx)?,
        None => Vec::new(),
    };
    let earlier: Vec<Earlier> = recorded
        .iter()
        .rev()
        .filter_map(|(label, r)| {
            let signature = r.signature()?.as_bytes();
            Some(Earlier { label, body: r.body_bytes(), signature })
        })
        .collect();
    let header = Some(args.signature.as_bytes());
    let signer = &signature::Signer::new(secret);
    let evidence = Evidence { body, header, signer, others: &others, earlier: &earlier };
    Ok(forensics::explain(&evidence))
}

/// The records of a `listen --record` file, each with a label; lines that are not records are
/// skipped with a warning.
fn read_records(path: &Path, cx: &Context) -> anyhow::Result<Vec<(String, record::Record)>> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut records = Vec::new();
    let mut skipped = 0;
    for line in record::parse_all(&bytes) {
        match line {
            Ok((n, r)) => {
                let event = r.event.as_deref().unwrap_or("delivery");
                let at = r.received_at.as_deref().map(|t| format!(" at {t}")).unwrap_or_default();
                records.push((format!("line {n}: {event}{at}"), r));
            }
            Err(_) => skipped += 1,
        }
    }
    if skipped > 0 {
        let lines = if skipped == 1 { "line is not a record" } else { "lines are not records" };
        cx.console.warn(format_args!("{skipped} {lines} in {}; skipped", path.display()));
    }
    Ok(records)
}
