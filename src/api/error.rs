//! Turning Blue's answers into bluehook errors: GraphQL `errors[].extensions.code`, HTTP
//! statuses and the rate limiter's plain-JSON 429 body, each with the right exit code.

use serde_json::Value;

use crate::error::{Exit, Failure};
use crate::term::output::escape;

/// The longest piece of one of Blue's messages shown (control characters are escaped).
pub const MAX_MESSAGE_CHARS: usize = 300;
/// Messages shown of one answer; the others are counted.
const MAX_MESSAGES: usize = 3;

/// The first GraphQL error decides the exit code; the first few messages are reported, each
/// cut to [`MAX_MESSAGE_CHARS`] with its control characters escaped.
pub fn graphql_failure(errors: &[Value], operation: &str) -> Failure {
    let first = errors.first().cloned().unwrap_or(Value::Null);
    let ext = &first["extensions"];
    let code = escape(ext["code"].as_str().unwrap_or(""), 60);
    let messages: Vec<String> = errors
        .iter()
        .filter_map(|e| e["message"].as_str())
        .map(|m| escape(m, MAX_MESSAGE_CHARS))
        .collect();
    let mut message = if messages.is_empty() {
        "Blue returned an error".to_string()
    } else {
        messages.iter().take(MAX_MESSAGES).cloned().collect::<Vec<_>>().join("; ")
    };
    if messages.len() > MAX_MESSAGES {
        message = format!("{message}; and {} more errors", messages.len() - MAX_MESSAGES);
    }
    if !code.is_empty() {
        message = format!("{message} ({code})");
    }
    let (exit, hint) = classify(&code, ext, &message, operation);
    if let ("PLAN_LIMIT_REACHED", Some(cur), Some(lim)) =
        (code.as_str(), ext["current"].as_i64(), ext["limit"].as_i64())
    {
        let resource = escape(ext["resource"].as_str().unwrap_or("webhooks"), 60);
        message = format!("{message}: {cur} of {lim} {resource} used");
    }
    let failure = Failure::new(exit, message);
    match hint {
        Some(h) => failure.with_hint(h),
        None => failure,
    }
}

fn classify(code: &str, ext: &Value, message: &str, operation: &str) -> (Exit, Option<String>) {
    let webhook_op = operation.contains("Webhook");
    match code {
        "UNAUTHENTICATED" => (Exit::Auth, Some(LOGIN_HINT.to_string())),
        "FORBIDDEN" if webhook_op => (
            Exit::Auth,
            Some("only the user who created a webhook can read, change or delete it; check which token you use (`bluehook config show`)".into()),
        ),
        "FORBIDDEN" => (Exit::Auth, Some("the token is not allowed to do this; `bluehook config show` shows which one is in use".into())),
        "WEBHOOK_NOT_FOUND" => (Exit::NotFound, Some("`bluehook list` shows the webhooks this token can see".into())),
        "COMPANY_NOT_FOUND" => (
            Exit::Api,
            Some("check the organization id or slug (--org, BLUE_ORG_ID, or `bluehook login`)".into()),
        ),
        "PLAN_LIMIT_REACHED" => (Exit::Api, Some("delete a webhook you no longer use, or upgrade the organization's plan".into())),
        "RATE_LIMITED" => {
            let wait = ext["retryAfter"].as_u64().map(|s| format!(" in {s}s")).unwrap_or_default();
            (Exit::Api, Some(format!("Blue limits requests per minute; try again{wait}")))
        }
        _ if is_private_address(message) => (Exit::Api, Some(TUNNEL_HINT.to_string())),
        _ => (Exit::Api, None),
    }
}

/// Whether Blue refused a URL for resolving to a private or loopback address.
fn is_private_address(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    m.contains("private") || m.contains("internal address") || m.contains("loopback")
}

pub use crate::error::LOGIN_HINT;

pub const TUNNEL_HINT: &str = "Blue only delivers to public addresses: expose a local receiver \
     through a tunnel (ngrok, cloudflared, ...) and use the tunnel's https URL";

/// An HTTP status that is not a GraphQL answer.
pub fn http_failure(status: u16, body: &str) -> Failure {
    let snippet = escape(body.trim(), 200);
    let detail = if snippet.is_empty() { String::new() } else { format!(": {snippet}") };
    let message = format!("Blue answered HTTP {status}{detail}");
    match status {
        401 | 403 => Failure::new(Exit::Auth, message).with_hint(LOGIN_HINT),
        404 => Failure::new(Exit::Api, message)
            .with_hint("check the API URL (--api-url, BLUE_API_URL); it ends in /graphql"),
        _ => Failure::new(Exit::Api, message),
    }
}

/// How long Blue asks to wait after a 429: `Retry-After` header, else the body's `retryAfter`.
pub fn retry_after(header: Option<&str>, body: &str) -> Option<u64> {
    header.and_then(|h| h.trim().parse().ok()).or_else(|| {
        let v: Value = serde_json::from_str(body).ok()?;
        v["retryAfter"].as_u64().or_else(|| v["extensions"]["retryAfter"].as_u64())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn code_of(errors: Value, op: &str) -> (Exit, String, Option<String>) {
        let f = graphql_failure(errors.as_array().unwrap(), op);
        (f.exit, f.message.unwrap(), f.hint)
    }

    #[test]
    fn codes_map_to_exit_codes() {
        let e = |code| json!([{"message": "m", "extensions": {"code": code}}]);
        assert_eq!(code_of(e("UNAUTHENTICATED"), "ListWebhooks").0, Exit::Auth);
        assert_eq!(code_of(e("FORBIDDEN"), "GetWebhook").0, Exit::Auth);
        assert_eq!(code_of(e("WEBHOOK_NOT_FOUND"), "GetWebhook").0, Exit::NotFound);
        assert_eq!(code_of(e("BAD_USER_INPUT"), "CreateWebhook").0, Exit::Api);
        assert_eq!(code_of(json!([{"message": "boom"}]), "X").0, Exit::Api);
    }

    #[test]
    fn plan_limit_and_private_addresses_explain_themselves() {
        let plan = json!([{"message": "Plan limit reached", "extensions": {
            "code": "PLAN_LIMIT_REACHED", "kind": "count", "resource": "webhooks", "current": 5, "limit": 5}}]);
        let (exit, msg, hint) = code_of(plan, "CreateWebhook");
        assert_eq!(exit, Exit::Api);
        assert!(msg.contains("5 of 5 webhooks used"), "{msg}");
        assert!(hint.is_some());
        let private = json!([{"message": "URL resolves to a private/internal address",
            "extensions": {"code": "INTERNAL_SERVER_ERROR"}}]);
        assert!(code_of(private, "CreateWebhook").2.unwrap().contains("tunnel"));
    }

    #[test]
    fn long_messages_are_cut_and_control_characters_escaped() {
        let huge = format!("boom\u{1b}[2J\r{}", "x".repeat(1_000_000));
        let (_, msg, _) = code_of(json!([{"message": huge}]), "ListWebhooks");
        assert!(msg.len() < 1000, "cut: {} bytes", msg.len());
        assert!(!msg.chars().any(char::is_control), "escaped: {msg}");
        assert!(msg.starts_with("boom\\x1b[2J\\r"), "{msg}");
        let many: Vec<Value> = (0..50).map(|i| json!({"message": format!("e{i}")})).collect();
        let (_, msg, _) = code_of(Value::Array(many), "X");
        assert!(msg.contains("and 47 more errors") && !msg.contains("e10"), "{msg}");
        let f = http_failure(500, &format!("\u{7}{}", "y".repeat(10_000)));
        let msg = f.message.unwrap();
        assert!(msg.len() < 400 && !msg.chars().any(char::is_control), "{msg}");
    }

    #[test]
    fn retry_after_prefers_the_header() {
        assert_eq!(retry_after(Some("3"), r#"{"retryAfter":12}"#), Some(3));
        assert_eq!(retry_after(None, r#"{"error":"RATE_LIMITED","retryAfter":12}"#), Some(12));
        assert_eq!(retry_after(Some("soon"), "not json"), None);
    }
}
