//! Signature header parsing and verification on arbitrary bytes: never panics, accepts a
//! header only when it is the body's real signature, and always accepts the real one.
//! Forensics on the same input never panics and explains every rejection.
#![no_main]

use bluehook::signature::forensics::{self, Cause, Evidence};
use bluehook::signature::{self, Signer, VerifyError};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // First byte picks where the header ends; the rest is the body.
    let split = data.first().map_or(0, |b| usize::from(*b)).min(data.len().saturating_sub(1));
    let (header, body) =
        data.get(1..).unwrap_or_default().split_at(split.min(data.len().saturating_sub(1)));
    let signer = Signer::new(b"fuzz-secret");
    let real = signer.sign(body);
    match signer.verify(body, Some(header)) {
        Ok(()) => assert!(header.trim_ascii().eq_ignore_ascii_case(real.as_bytes())),
        Err(VerifyError::Missing) => unreachable!("a header was given"),
        Err(_) => assert!(!header.trim_ascii().eq_ignore_ascii_case(real.as_bytes())),
    }
    if let Ok(bytes) = signature::parse_header(header) {
        assert_eq!(hex::encode(bytes).len(), 64);
    }
    assert_eq!(signer.verify(body, Some(real.as_bytes())), Ok(()));
    assert_eq!(signer.verify(body, None), Err(VerifyError::Missing));
    let evidence =
        Evidence { body, header: Some(header), signer: &signer, others: &[], earlier: &[] };
    match (signer.verify(body, Some(header)), forensics::explain(&evidence)) {
        (Ok(()), None) => {}
        (Ok(()), Some(e)) => assert_eq!(e.cause, Cause::UppercaseHex),
        (Err(_), e) => assert!(e.is_some(), "every rejection is explained"),
    }
});
