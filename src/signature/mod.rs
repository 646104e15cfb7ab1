//! Blue's delivery signature: `X-Signature` is the lowercase hex of HMAC-SHA256 over the exact
//! request body bytes, keyed with the webhook's secret. Pure: no I/O.
//!
//! Verification works on raw bytes, before any JSON parsing, and compares in constant time.

use hmac::{Hmac, Mac};
use sha2::Sha256;

pub mod forensics;

type HmacSha256 = Hmac<Sha256>;

/// The header Blue puts the signature in.
pub const HEADER: &str = "X-Signature";

/// Why a signature was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerifyError {
    /// No `X-Signature` header at all.
    Missing,
    /// The header is not 64 hex digits.
    Malformed,
    /// Well-formed, but not the HMAC of this body with this secret.
    Mismatch,
}

impl VerifyError {
    /// A short, stable reason for logs and NDJSON (`missing-signature`, ...).
    pub fn code(self) -> &'static str {
        match self {
            VerifyError::Missing => "missing-signature",
            VerifyError::Malformed => "malformed-signature",
            VerifyError::Mismatch => "signature-mismatch",
        }
    }
}

impl std::fmt::Display for VerifyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            VerifyError::Missing => "no X-Signature header",
            VerifyError::Malformed => "X-Signature is not 64 hex digits",
            VerifyError::Mismatch => "X-Signature does not match the body",
        })
    }
}

impl std::error::Error for VerifyError {}

/// A keyed signer. Keying is done once; each call clones the keyed state, so signing and
/// verifying many bodies with one secret costs only the hashing of the bodies.
#[derive(Clone)]
pub struct Signer {
    keyed: HmacSha256,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Signer { secret: <redacted> }")
    }
}

impl Signer {
    pub fn new(secret: &[u8]) -> Self {
        // HMAC accepts keys of any length, so this cannot fail.
        let keyed = HmacSha256::new_from_slice(secret).expect("HMAC takes keys of any size");
        Signer { keyed }
    }

    /// The raw 32-byte MAC of `body`.
    pub fn mac(&self, body: &[u8]) -> [u8; 32] {
        let mut m = self.keyed.clone();
        m.update(body);
        m.finalize().into_bytes().into()
    }

    /// The `X-Signature` value for `body`: 64 lowercase hex digits.
    pub fn sign(&self, body: &[u8]) -> String {
        hex::encode(self.mac(body))
    }

    /// Checks an `X-Signature` header value (or its absence) against `body`.
    ///
    /// Surrounding whitespace is ignored and hex digits may be upper or lower case; anything
    /// else that is not exactly 64 hex digits is [`VerifyError::Malformed`].
    pub fn verify(&self, body: &[u8], header: Option<&[u8]>) -> Result<(), VerifyError> {
        let expected = parse_header(header.ok_or(VerifyError::Missing)?)?;
        let mut m = self.keyed.clone();
        m.update(body);
        m.verify_slice(&expected).map_err(|_| VerifyError::Mismatch)
    }

    /// Whether `mac` is the MAC of `body`, compared in constant time.
    pub fn matches(&self, body: &[u8], mac: &[u8; 32]) -> bool {
        let mut m = self.keyed.clone();
        m.update(body);
        m.verify_slice(mac).is_ok()
    }
}

/// Decodes a signature header value into the 32 bytes it names.
pub fn parse_header(value: &[u8]) -> Result<[u8; 32], VerifyError> {
    let trimmed = value.trim_ascii();
    let mut out = [0u8; 32];
    hex::decode_to_slice(trimmed, &mut out).map_err(|_| VerifyError::Malformed)?;
    Ok(out)
}

/// `X-Signature` for `body` under `secret`.
pub fn sign(secret: &[u8], body: &[u8]) -> String {
    Signer::new(secret).sign(body)
}

/// Verifies `header` (the `X-Signature` value, if any) for `body` under `secret`.
pub fn verify(secret: &[u8], body: &[u8], header: Option<&[u8]>) -> Result<(), VerifyError> {
    Signer::new(secret).verify(body, header)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected values computed with OpenSSL, independently of this code:
    //   printf '%s' "$body" | openssl dgst -sha256 -hmac "$secret"
    const EMPTY_BODY: &str = "f9e66e179b6747ae54108f82f8ade8b3c25d76fd30afde6c395822c530196169";
    const CAPTURE_LIKE: &str = "01315f6f191dc89e5ee4172e7b34467d38acd8231543f5c596a89e893ee5b543";
    // printf '{"title":"caf\xc3\xa9 \xe2\x9c\x93 \xe6\x97\xa5\xe6\x9c\xac","raw":"\xff\x00\xfe"}' \
    //   | openssl dgst -sha256 -hmac 'clé'
    const NON_ASCII: &str = "647a6842c41eeb6cb05a76e2c1732d5b439b6c53311f0e62d14e4c4bfd5be5c4";
    // python3 -c "print('0123456789abcdef'*65536, end='')" | openssl dgst -sha256 -hmac pat_0123
    const ONE_MIB: &str = "0aecd36c66bc6209809b63fbc7eaee88ff279371e6b4a24821870a7610ba0739";

    #[test]
    fn empty_body_matches_openssl() {
        assert_eq!(sign(b"secret", b""), EMPTY_BODY);
    }

    #[test]
    fn json_body_matches_openssl() {
        let body = br#"{"event":"TODO_CREATED","currentValue":{"title":"GGGG"}}"#;
        assert_eq!(sign(b"whsec_test", body), CAPTURE_LIKE);
    }

    #[test]
    fn non_ascii_body_and_key_match_openssl() {
        let body = b"{\"title\":\"caf\xc3\xa9 \xe2\x9c\x93 \xe6\x97\xa5\xe6\x9c\xac\",\"raw\":\"\xff\x00\xfe\"}";
        assert_eq!(sign("clé".as_bytes(), body), NON_ASCII);
        assert_eq!(verify("clé".as_bytes(), body, Some(NON_ASCII.as_bytes())), Ok(()));
    }

    #[test]
    fn one_mib_body_matches_openssl() {
        let body = b"0123456789abcdef".repeat(65536);
        assert_eq!(body.len(), 1 << 20);
        assert_eq!(sign(b"pat_0123", &body), ONE_MIB);
    }

    #[test]
    fn verify_accepts_own_signature_in_any_case_and_padding() {
        let body = b"{\"a\": 1}";
        let sig = sign(b"k", body);
        assert_eq!(verify(b"k", body, Some(sig.as_bytes())), Ok(()));
        let upper = format!("  {}\t", sig.to_uppercase());
        assert_eq!(verify(b"k", body, Some(upper.as_bytes())), Ok(()));
    }

    #[test]
    fn verify_names_the_reason() {
        let body = b"{}";
        let sig = sign(b"k", body);
        assert_eq!(verify(b"k", body, None), Err(VerifyError::Missing));
        assert_eq!(verify(b"k", body, Some(b"zz")), Err(VerifyError::Malformed));
        assert_eq!(verify(b"k", body, Some(&sig.as_bytes()[..62])), Err(VerifyError::Malformed));
        assert_eq!(verify(b"other", body, Some(sig.as_bytes())), Err(VerifyError::Mismatch));
        assert_eq!(verify(b"k", b"{ }", Some(sig.as_bytes())), Err(VerifyError::Mismatch));
    }

    #[test]
    fn signer_reuse_gives_same_result_as_one_shot() {
        let s = Signer::new(b"reused");
        for body in [&b""[..], b"x", b"{\"event\":\"TAG_CREATED\"}"] {
            assert_eq!(s.sign(body), sign(b"reused", body));
        }
    }
}
