//! The cases of `bluehook check`: their names (part of the interface), what each expects of
//! the receiver, and what a failure means in production and how to fix it. Pure: no I/O.

use serde::Serialize;

/// One conformance case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Case {
    EveryEvent,
    HealthCheck,
    Forged,
    Unsigned,
    Tampered,
    RawBytes,
    LargeBody,
    Unicode,
    OutOfOrder,
    Redelivery,
    Burst,
    Timing,
    Redirect,
}

/// What a case wants of the answers to its deliveries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// Every delivery answered 2xx.
    Accept,
    /// No delivery answered 2xx.
    Reject,
    /// No 5xx (and no dropped connection); a 4xx only warns.
    NoServerError,
    /// Judges the answers of the other cases (time, redirects); sends nothing itself.
    Meta,
}

impl Case {
    /// Every case, in the order the table shows them.
    pub const ALL: [Case; 13] = [
        Case::EveryEvent,
        Case::HealthCheck,
        Case::Forged,
        Case::Unsigned,
        Case::Tampered,
        Case::RawBytes,
        Case::LargeBody,
        Case::Unicode,
        Case::OutOfOrder,
        Case::Redelivery,
        Case::Burst,
        Case::Timing,
        Case::Redirect,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Case::EveryEvent => "every-event",
            Case::HealthCheck => "health-check",
            Case::Forged => "forged",
            Case::Unsigned => "unsigned",
            Case::Tampered => "tampered",
            Case::RawBytes => "raw-bytes",
            Case::LargeBody => "large-body",
            Case::Unicode => "unicode",
            Case::OutOfOrder => "out-of-order",
            Case::Redelivery => "redelivery",
            Case::Burst => "burst",
            Case::Timing => "timing",
            Case::Redirect => "redirect",
        }
    }

    pub fn lookup(name: &str) -> Option<Case> {
        let wanted = name.trim().to_ascii_lowercase().replace('_', "-");
        Case::ALL.into_iter().find(|c| c.name() == wanted)
    }

    pub fn expect(self) -> Expect {
        match self {
            Case::Forged | Case::Unsigned | Case::Tampered => Expect::Reject,
            Case::OutOfOrder => Expect::NoServerError,
            Case::Timing | Case::Redirect => Expect::Meta,
            _ => Expect::Accept,
        }
    }

    /// What a failure of this case costs in production.
    pub fn meaning(self) -> &'static str {
        match self {
            Case::EveryEvent => {
                "Blue retries each refused event 5 times, then disables the webhook: events are lost"
            }
            Case::HealthCheck => {
                "Blue sends this when the webhook is enabled; without a 2xx it stays disabled"
            }
            Case::Forged => {
                "anyone who knows the URL can make up events: the secret is not checked"
            }
            Case::Unsigned => "anyone who knows the URL can make up events without any signature",
            Case::Tampered => {
                "a changed body is accepted: the signature is not checked over the body"
            }
            Case::RawBytes => {
                "genuine deliveries are refused when their bytes re-serialise differently: Blue retries, then disables the webhook"
            }
            Case::LargeBody => {
                "a record with a long description or many custom fields is refused, then retried until the webhook is disabled"
            }
            Case::Unicode => "titles in other scripts, emoji or control characters are refused",
            Case::OutOfOrder => {
                "Blue does not promise order: an update for a record not seen yet makes Blue retry, then disable the webhook"
            }
            Case::Redelivery => {
                "Blue redelivers after a timeout even when the work was done; refusing it makes Blue retry, then disable the webhook"
            }
            Case::Burst => "deliveries arriving together are refused or dropped: events are lost",
            Case::Timing => {
                "Blue gives up after 7 s and retries: the work runs twice, and a receiver that is always slow gets disabled"
            }
            Case::Redirect => {
                "Blue does not follow redirects: every delivery fails and the webhook gets disabled"
            }
        }
    }

    /// How to fix a failure of this case (the README's "Verify a delivery" has the code).
    pub fn fix(self) -> &'static str {
        match self {
            Case::EveryEvent | Case::LargeBody | Case::Unicode | Case::Burst => {
                "answer 2xx to every verified delivery, whatever it holds; see the log of the refused ones"
            }
            Case::HealthCheck => {
                "answer 2xx to WEBHOOK_HEALTH_CHECK (a signed delivery like the others)"
            }
            Case::Forged | Case::Unsigned | Case::Tampered => {
                "verify X-Signature (HMAC-SHA256 of the raw body with the webhook's secret) and answer 401 when it does not match: the README's \"Verify a delivery in your app\" shows how in Node, Python and Rust"
            }
            Case::RawBytes => {
                "compute the HMAC over the raw request bytes before parsing (express.raw(), request.get_data(), axum Bytes), never over re-serialised JSON: the README's \"Verify a delivery in your app\" shows how"
            }
            Case::OutOfOrder => {
                "answer 2xx to an update or delete for an unknown id (store it, or ignore it), never 5xx"
            }
            Case::Redelivery => {
                "make processing idempotent: a delivery seen before gets 2xx again, without doing the work twice"
            }
            Case::Timing => "answer first, then do the work (a queue, a background task)",
            Case::Redirect => {
                "give Blue the final URL (https, trailing slash and host as the server wants them)"
            }
        }
    }
}

/// A case name that is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCase {
    pub name: String,
    pub suggestion: Option<&'static str>,
}

impl std::fmt::Display for UnknownCase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown case `{}`", self.name)
    }
}

impl UnknownCase {
    pub fn hint(&self) -> String {
        let all: Vec<&str> = Case::ALL.iter().map(|c| c.name()).collect();
        match self.suggestion {
            Some(s) => format!("did you mean {s}? the cases: {}", all.join(", ")),
            None => format!("the cases: {}", all.join(", ")),
        }
    }
}

fn parse(name: &str) -> Result<Case, UnknownCase> {
    Case::lookup(name).ok_or_else(|| UnknownCase {
        name: name.to_string(),
        suggestion: Case::ALL
            .iter()
            .map(|c| (strsim::jaro_winkler(name, c.name()), c.name()))
            .filter(|(score, _)| *score > 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, n)| n),
    })
}

/// The cases to run: `only` when given, else all; minus `skip`. In table order.
pub fn select(only: &[String], skip: &[String]) -> Result<Vec<Case>, UnknownCase> {
    let only: Vec<Case> = only.iter().map(|n| parse(n)).collect::<Result<_, _>>()?;
    let skip: Vec<Case> = skip.iter().map(|n| parse(n)).collect::<Result<_, _>>()?;
    Ok(Case::ALL
        .into_iter()
        .filter(|c| only.is_empty() || only.contains(c))
        .filter(|c| !skip.contains(c))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_serialise_as_themselves() {
        for c in Case::ALL {
            assert_eq!(Case::lookup(c.name()), Some(c));
            assert_eq!(serde_json::to_value(c).unwrap(), c.name());
            assert!(!c.meaning().is_empty() && !c.fix().is_empty());
        }
        assert_eq!(Case::lookup("RAW_BYTES"), Some(Case::RawBytes));
    }

    #[test]
    fn only_and_skip_select_in_table_order() {
        let s = |o: &[&str], k: &[&str]| {
            let o: Vec<String> = o.iter().map(|x| x.to_string()).collect();
            let k: Vec<String> = k.iter().map(|x| x.to_string()).collect();
            select(&o, &k)
        };
        assert_eq!(s(&[], &[]).unwrap().len(), 13);
        assert_eq!(s(&["timing", "forged"], &[]).unwrap(), [Case::Forged, Case::Timing]);
        assert!(!s(&[], &["burst"]).unwrap().contains(&Case::Burst));
        let err = s(&["raw-byte"], &[]).unwrap_err();
        assert_eq!(err.suggestion, Some("raw-bytes"));
        assert!(err.hint().contains("every-event"));
    }
}
