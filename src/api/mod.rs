//! The Blue GraphQL client: credentials, auth headers, timeouts, retries, rate limits, and
//! errors mapped to exit codes. `webhooks` builds the webhook operations on top of it.

pub mod error;
pub mod operations;
pub mod records;
pub mod trigger;
pub mod webhooks;

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::cli::{ApiArgs, GlobalArgs};
use crate::config::{self, Resolved};
use crate::error::{Exit, Failure};
use crate::term::output;
use operations::{Kind, Operation};

pub use webhooks::Webhook;

/// Attempts per request, the first included.
const MAX_ATTEMPTS: u32 = 4;
/// First backoff after a 5xx or a connection error; doubles each time.
const BACKOFF: Duration = Duration::from_millis(300);
/// Longest `Retry-After` bluehook waits out by itself.
const MAX_RATE_LIMIT_WAIT: u64 = 60;

/// An authenticated connection to Blue's GraphQL API.
pub struct Client {
    http: reqwest::Client,
    url: String,
    token_id: String,
    token_secret: String,
    org: Option<String>,
    timeout: Duration,
    verbose: u8,
    /// The project (workspace) header, for operations that work in one.
    project: Option<String>,
}

/// Everything needed to reach Blue as someone.
#[derive(Clone)]
pub struct Credentials {
    pub url: String,
    pub token_id: String,
    pub token_secret: String,
    pub org: Option<String>,
}

/// What one attempt came to.
enum Attempt {
    Done(anyhow::Result<Value>),
    Retry { wait: Duration, why: String, err: anyhow::Error },
}

impl Client {
    /// A client from flags, environment and config file; exit 6 when no credentials are set.
    pub fn from_args(api: &ApiArgs, global: &GlobalArgs) -> anyhow::Result<Client> {
        let settings = config::resolve(api, global)?;
        Client::new(&settings, api.api_timeout, global.verbose)
    }

    pub fn new(settings: &Resolved, timeout: Duration, verbose: u8) -> anyhow::Result<Client> {
        let (Some(token_id), Some(token_secret)) =
            (settings.token_id.value.clone(), settings.token_secret.value.clone())
        else {
            return Err(no_credentials(settings).into());
        };
        let url = settings.api_url.value.clone().unwrap_or_else(|| config::DEFAULT_API_URL.into());
        let creds = Credentials { url, token_id, token_secret, org: settings.org.value.clone() };
        Client::connect(creds, timeout, verbose)
    }

    /// A client for exactly these credentials (`bluehook login` checks new ones this way).
    pub fn connect(creds: Credentials, timeout: Duration, verbose: u8) -> anyhow::Result<Client> {
        check_api_url(&creds.url)?;
        let http = reqwest::Client::builder()
            .user_agent(concat!("bluehook/", env!("CARGO_PKG_VERSION")))
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            .build()?;
        let Credentials { url, token_id, token_secret, org } = creds;
        Ok(Client { http, url, token_id, token_secret, org, timeout, verbose, project: None })
    }

    /// Who the token belongs to, and the organization it reaches when one is set.
    pub async fn who_am_i(&self) -> anyhow::Result<Value> {
        let vars = json!({ "org": self.org, "withOrg": self.org.is_some() });
        self.run(&operations::WHO_AM_I, vars).await
    }

    /// Sends `X-Bloo-Project-ID` with every request (tags and custom fields live in one).
    pub fn set_project(&mut self, project: Option<String>) {
        self.project = project;
    }

    /// The organization header value, if one is configured.
    pub fn org(&self) -> Option<&str> {
        self.org.as_deref()
    }

    /// Runs one operation and returns its `data`. Reads are retried on 5xx, connection errors
    /// and rate limits; mutations only when Blue certainly did not run them.
    pub async fn run(&self, op: &Operation, variables: Value) -> anyhow::Result<Value> {
        let body =
            json!({ "operationName": op.name, "query": op.document, "variables": variables });
        let mut attempt = 1;
        loop {
            match self.attempt(op, &body, attempt).await {
                Attempt::Done(result) => return result,
                Attempt::Retry { err, .. } if attempt >= MAX_ATTEMPTS => return Err(err),
                Attempt::Retry { wait, why, .. } => {
                    output::note(format!(
                        "bluehook: {why}; retrying in {} (attempt {} of {MAX_ATTEMPTS})",
                        humantime::format_duration(wait),
                        attempt + 1
                    ));
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
            }
        }
    }

    async fn attempt(&self, op: &Operation, body: &Value, attempt: u32) -> Attempt {
        self.log_request(op, body, attempt);
        let mut req = self
            .http
            .post(&self.url)
            .header("X-Bloo-Token-ID", &self.token_id)
            .header("X-Bloo-Token-Secret", &self.token_secret)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body.to_string());
        if let Some(org) = &self.org {
            req = req.header("X-Bloo-Company-ID", org);
        }
        if let Some(project) = &self.project {
            req = req.header("X-Bloo-Project-ID", project);
        }
        let started = Instant::now();
        let resp = match req.send().await {
            Ok(r) => r,
            Err(e) => return self.send_error(op, e, attempt),
        };
        let status = resp.status().as_u16();
        let retry_header =
            resp.headers().get("retry-after").and_then(|v| v.to_str().ok()).map(String::from);
        let text: String = match resp.text().await {
            Ok(t) => t,
            Err(e) => return self.send_error(op, e, attempt),
        };
        self.log_response(status, &text, started.elapsed());
        if status == 429 {
            return rate_limited(retry_header.as_deref(), &text);
        }
        if status >= 500 && op.kind == Kind::Query {
            let err = error::http_failure(status, &text).into();
            return Attempt::Retry {
                wait: backoff(attempt),
                why: format!("Blue answered HTTP {status}"),
                err,
            };
        }
        self.answer(op, status, &text)
    }

    /// Reads a GraphQL envelope: errors win over data, even when both are present.
    fn answer(&self, op: &Operation, status: u16, text: &str) -> Attempt {
        let Ok(v) = serde_json::from_str::<Value>(text) else {
            return Attempt::Done(Err(
                mutation_unknown(op, error::http_failure(status, text)).into()
            ));
        };
        if let Some(errors) = v["errors"].as_array().filter(|e| !e.is_empty()) {
            let failure = error::graphql_failure(errors, op.name);
            let rate = errors[0]["extensions"]["code"] == "RATE_LIMITED";
            let wait = errors[0]["extensions"]["retryAfter"].as_u64().unwrap_or(5);
            if rate && op.kind == Kind::Query && wait <= MAX_RATE_LIMIT_WAIT {
                let why = "Blue's rate limit was reached".to_string();
                return Attempt::Retry {
                    wait: Duration::from_secs(wait),
                    why,
                    err: failure.into(),
                };
            }
            return Attempt::Done(Err(failure.into()));
        }
        if !(200..300).contains(&status) || v["data"].is_null() {
            return Attempt::Done(Err(
                mutation_unknown(op, error::http_failure(status, text)).into()
            ));
        }
        Attempt::Done(Ok(v["data"].clone()))
    }

    fn send_error(&self, op: &Operation, e: reqwest::Error, attempt: u32) -> Attempt {
        if e.is_timeout() {
            let msg = format!(
                "Blue did not answer {} within {}",
                op.name,
                humantime::format_duration(self.timeout)
            );
            let f = Failure::new(Exit::Api, msg)
                .with_hint("raise the limit with --api-timeout, e.g. --api-timeout 60s");
            return Attempt::Done(Err(mutation_unknown(op, f).into()));
        }
        let detail = source_chain(&e);
        let f = Failure::new(Exit::Api, format!("cannot reach Blue at {}: {detail}", self.url))
            .with_hint("check the network, or the API URL (--api-url, BLUE_API_URL)");
        // A refused connection never reached Blue: safe to retry even a mutation.
        if op.kind == Kind::Query || e.is_connect() {
            let why = "cannot reach Blue".to_string();
            return Attempt::Retry { wait: backoff(attempt), why, err: f.into() };
        }
        Attempt::Done(Err(mutation_unknown(op, f).into()))
    }

    fn log_request(&self, op: &Operation, body: &Value, attempt: u32) {
        if self.verbose == 0 {
            return;
        }
        let mut lines = vec![format!("> POST {} ({}, attempt {attempt})", self.url, op.name)];
        lines.push(format!("> X-Bloo-Token-ID: {}", self.token_id));
        lines.push(format!("> X-Bloo-Token-Secret: {}", config::redact(&self.token_secret)));
        if let Some(org) = &self.org {
            lines.push(format!("> X-Bloo-Company-ID: {org}"));
        }
        lines.push(format!("> variables: {}", body["variables"]));
        if self.verbose > 1 {
            lines.push(format!("> query: {}", op.document.replace('\n', " ")));
        }
        output::note(lines.join("\n"));
    }

    fn log_response(&self, status: u16, text: &str, took: Duration) {
        if self.verbose == 0 {
            return;
        }
        output::note(format!("< HTTP {status} in {} ms", took.as_millis()));
        if self.verbose > 1 {
            let shown = match serde_json::from_str::<Value>(text) {
                Ok(mut v) => {
                    redact_secrets(&mut v);
                    v.to_string()
                }
                Err(_) => text.chars().take(2000).collect(),
            };
            output::note(format!("< {shown}"));
        }
    }
}

fn rate_limited(header: Option<&str>, body: &str) -> Attempt {
    let secs = error::retry_after(header, body).unwrap_or(5);
    let msg = format!("Blue's rate limit was reached (HTTP 429, retry after {secs}s)");
    let err: anyhow::Error = Failure::new(Exit::Api, msg)
        .with_hint(format!("Blue counts requests per minute; try again in {secs}s"))
        .into();
    if secs > MAX_RATE_LIMIT_WAIT {
        return Attempt::Done(Err(err));
    }
    // A 429 comes from the rate limiter before the operation runs: retrying is safe.
    Attempt::Retry {
        wait: Duration::from_secs(secs),
        why: "Blue's rate limit was reached".into(),
        err,
    }
}

fn backoff(attempt: u32) -> Duration {
    BACKOFF * 2u32.saturating_pow(attempt.saturating_sub(1))
}

/// After a mutation failed mid-way, say that it may have been applied.
fn mutation_unknown(op: &Operation, f: Failure) -> Failure {
    if op.kind == Kind::Query || f.hint.is_some() {
        return f;
    }
    f.with_hint(
        "Blue may or may not have applied the change: check with `bluehook list` before retrying",
    )
}

fn no_credentials(settings: &Resolved) -> Failure {
    let missing = match (&settings.token_id.value, &settings.token_secret.value) {
        (None, None) => "no Blue API credentials are configured",
        (None, Some(_)) => "no Blue token id is configured (the token secret is)",
        _ => "no Blue token secret is configured (the token id is)",
    };
    Failure::new(Exit::Auth, format!("{missing} (profile `{}`)", settings.profile))
        .with_hint(error::LOGIN_HINT)
}

fn check_api_url(url: &str) -> anyhow::Result<()> {
    match reqwest::Url::parse(url) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Ok(()),
        _ => Err(Failure::usage(format!("the API URL `{url}` is not an http(s) URL"))
            .with_hint(format!("the default is {}", config::DEFAULT_API_URL))
            .into()),
    }
}

/// The causes of a request error, without reqwest's "error sending request for url" wrapper.
fn source_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let Some(first) = e.source() else { return e.to_string() };
    let mut parts = vec![first.to_string()];
    let mut cur = first.source();
    while let Some(s) = cur {
        let t = s.to_string();
        if !parts.iter().any(|p| p.contains(&t)) {
            parts.push(t);
        }
        cur = s.source();
    }
    parts.join(": ")
}

/// Replaces every `secret` string in a JSON value by its redacted form (for `-vv` logs).
pub fn redact_secrets(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (k, val) in map.iter_mut() {
                match val {
                    Value::String(s) if k.to_ascii_lowercase().contains("secret") => {
                        *s = config::redact(s)
                    }
                    _ => redact_secrets(val),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact_secrets),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles() {
        assert_eq!(backoff(1), Duration::from_millis(300));
        assert_eq!(backoff(3), Duration::from_millis(1200));
    }

    #[test]
    fn secrets_are_redacted_at_any_depth() {
        let mut v =
            json!({"data": {"createWebhook": {"secret": "whsec_abcdefghijklmnop", "url": "u"}}});
        redact_secrets(&mut v);
        let text = v.to_string();
        assert!(!text.contains("abcdefghijklmnop") && text.contains("\"url\":\"u\""), "{text}");
    }
}
