//! The Blue GraphQL client: credentials, auth headers, timeouts, retries, rate limits, and
//! errors mapped to exit codes. `webhooks` builds the webhook operations on top of it.

pub mod answer;
pub mod error;
pub mod operations;
pub mod projects;
pub mod records;
pub mod temporary;
pub mod trigger;
pub mod webhooks;

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::error::{Exit, Failure};
use crate::term::{Console, output};
use answer::Answer;
use operations::{Kind, Operation};

pub use webhooks::Webhook;

/// Blue's GraphQL endpoint when nothing else is configured.
pub const DEFAULT_API_URL: &str = "https://api.blue.app/graphql";
/// The largest answer read; Blue's largest real answers are well under this.
pub const MAX_RESPONSE_BYTES: usize = 10 * 1024 * 1024;
/// Attempts per request, the first included.
const MAX_ATTEMPTS: u32 = 4;
/// First backoff after a 5xx or a connection error; doubles each time.
const BACKOFF: Duration = Duration::from_millis(300);
/// Longest `Retry-After` bluehook waits out by itself (and never past `timeout`).
const MAX_RATE_LIMIT_WAIT: u64 = 60;

/// Everything the client needs, resolved (flags > environment > config file) by the caller.
#[derive(Clone)]
pub struct Settings {
    pub url: String,
    pub token_id: String,
    pub token_secret: String,
    /// Organization id or slug (`X-Bloo-Company-ID`).
    pub org: Option<String>,
    /// Bound on one request, and on all of its retries and waits together.
    pub timeout: Duration,
    /// 0 quiet, 1 requests (`-v`), 2 requests and answers (`-vv`).
    pub verbosity: u8,
    /// Where retries and `-v` logs are printed; the token secret and any password in the URL
    /// are redacted from it.
    pub console: Console,
}

/// An authenticated connection to Blue's GraphQL API.
pub struct Client {
    http: reqwest::Client,
    settings: Settings,
    /// The URL as shown to the user: without its password, if it has one.
    shown_url: String,
    /// The project (workspace) header, for operations that work in one.
    project: Option<String>,
}

/// What one attempt came to.
enum Attempt {
    Done(anyhow::Result<Value>),
    Retry { wait: Duration, why: String, err: Failure, rate_limit: bool },
}

impl Client {
    /// A client for these settings. Redirects are never followed: the token headers (and a
    /// mutation's body) would go to whatever host the redirect names.
    pub fn new(settings: Settings) -> anyhow::Result<Client> {
        settings.console.secret(&settings.token_secret);
        settings.console.url_password(&settings.url);
        check_api_url(&settings.url)?;
        let http = reqwest::Client::builder()
            .user_agent(concat!("bluehook/", env!("CARGO_PKG_VERSION")))
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(settings.timeout.min(Duration::from_secs(10)))
            .build()?;
        let shown_url = shown_url(&settings.url);
        Ok(Client { http, settings, shown_url, project: None })
    }

    /// Who the token belongs to, and the organization it reaches when one is set.
    pub async fn who_am_i(&self) -> anyhow::Result<Value> {
        let org = &self.settings.org;
        let vars = json!({ "org": org, "withOrg": org.is_some() });
        let data = self.run(&operations::WHO_AM_I, vars).await?;
        if !data["currentUser"].is_object() {
            return Err(answer::malformed(&operations::WHO_AM_I, "no currentUser").into());
        }
        Ok(data)
    }

    /// Sends `X-Bloo-Project-ID` with every request (tags and custom fields live in one).
    pub fn set_project(&mut self, project: Option<String>) {
        self.project = project;
    }

    /// The organization header value, if one is configured.
    pub fn org(&self) -> Option<&str> {
        self.settings.org.as_deref()
    }

    /// Where this client's messages go, with its secrets registered.
    pub fn console(&self) -> &Console {
        &self.settings.console
    }

    /// The API URL, without a password.
    pub fn url(&self) -> &str {
        &self.shown_url
    }

    /// Runs one operation and returns its `data`. Reads are retried on 5xx, connection errors
    /// and rate limits; mutations only when Blue certainly did not run them. All attempts and
    /// waits together stay within the timeout.
    pub async fn run(&self, op: &Operation, variables: Value) -> anyhow::Result<Value> {
        let body =
            json!({ "operationName": op.name, "query": op.document, "variables": variables });
        let deadline = Instant::now() + self.settings.timeout;
        let mut attempt = 1;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let (wait, why, err, rate_limit) = match self.attempt(op, &body, attempt, left).await {
                Attempt::Done(result) => return result,
                Attempt::Retry { wait, why, err, rate_limit } => (wait, why, err, rate_limit),
            };
            let left = deadline.saturating_duration_since(Instant::now());
            if attempt >= MAX_ATTEMPTS {
                return Err(err.into());
            }
            if wait >= left {
                return Err(self.out_of_time(err, wait, rate_limit).into());
            }
            self.settings.console.note(format!(
                "bluehook: {why}; retrying in {} (attempt {} of {MAX_ATTEMPTS})",
                humantime::format_duration(wait),
                attempt + 1
            ));
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    /// Giving up because the next wait would outlast `--api-timeout`.
    fn out_of_time(&self, err: Failure, wait: Duration, rate_limit: bool) -> Failure {
        if !rate_limit {
            return err;
        }
        let limit = humantime::format_duration(self.settings.timeout);
        let message = format!(
            "{}; gave up, as waiting {}s more would outlast the {limit} --api-timeout",
            err.message.unwrap_or_default(),
            wait.as_secs()
        );
        Failure::new(Exit::Api, message).with_hint(format!(
            "try again in {}s, or raise --api-timeout to wait it out",
            wait.as_secs()
        ))
    }

    async fn attempt(&self, op: &Operation, body: &Value, attempt: u32, left: Duration) -> Attempt {
        self.log_request(op, body, attempt);
        let s = &self.settings;
        let mut req = self
            .http
            .post(&s.url)
            .timeout(left)
            .header("X-Bloo-Token-ID", &s.token_id)
            .header("X-Bloo-Token-Secret", &s.token_secret)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body.to_string());
        if let Some(org) = &s.org {
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
        if resp.status().is_redirection() {
            return Attempt::Done(Err(self.redirected(status, resp.headers()).into()));
        }
        let retry_after =
            resp.headers().get("retry-after").and_then(|v| v.to_str().ok()).map(String::from);
        let bytes = match read_capped(resp).await {
            Ok(b) => b,
            Err(Cut::TooLarge) => return Attempt::Done(Err(too_large(op).into())),
            Err(Cut::Failed(e)) if e.is_timeout() => return self.send_error(op, e, attempt),
            Err(Cut::Failed(e)) => return cut_short(op, &e, attempt),
        };
        self.log_response(status, &bytes, started.elapsed());
        settle(answer::read(op, status, retry_after.as_deref(), &bytes), status, attempt)
    }

    /// A 3xx from the API URL: never followed (it would carry the token to another host).
    fn redirected(&self, status: u16, headers: &reqwest::header::HeaderMap) -> Failure {
        let location = headers
            .get(reqwest::header::LOCATION)
            .map(|v| output::escape(&String::from_utf8_lossy(v.as_bytes()), 300))
            .unwrap_or_else(|| "nowhere (no Location header)".into());
        Failure::new(
            Exit::Api,
            format!(
                "the API URL {} answered HTTP {status}, a redirect to {location}; \
                 bluehook does not follow redirects from the API (the token would go along)",
                self.shown_url
            ),
        )
        .with_hint(format!(
            "fix --api-url (or BLUE_API_URL, or the profile's api_url): Blue's endpoint is {DEFAULT_API_URL} and does not redirect"
        ))
    }

    fn send_error(&self, op: &Operation, e: reqwest::Error, attempt: u32) -> Attempt {
        if e.is_timeout() {
            let msg = format!(
                "Blue did not answer {} within {}",
                op.name,
                humantime::format_duration(self.settings.timeout)
            );
            let f = Failure::new(Exit::Api, msg)
                .with_hint("raise the limit with --api-timeout, e.g. --api-timeout 60s");
            return Attempt::Done(Err(answer::uncertain(op, f).into()));
        }
        let chain = source_chain(&e);
        let detail = output::escape(&chain, 500);
        let f =
            Failure::new(Exit::Api, format!("cannot reach Blue at {}: {detail}", self.shown_url))
                .with_hint("check the network, or the API URL (--api-url, BLUE_API_URL)");
        // A host name that does not resolve will not resolve a second later either.
        if e.is_connect() && chain.contains("dns error") {
            return Attempt::Done(Err(f.into()));
        }
        // A refused connection never reached Blue: safe to retry even a mutation.
        if op.kind == Kind::Query || e.is_connect() {
            let why = "cannot reach Blue".to_string();
            return Attempt::Retry { wait: backoff(attempt), why, err: f, rate_limit: false };
        }
        Attempt::Done(Err(answer::uncertain(op, f).into()))
    }

    fn log_request(&self, op: &Operation, body: &Value, attempt: u32) {
        let s = &self.settings;
        if s.verbosity == 0 {
            return;
        }
        let mut lines = vec![format!("> POST {} ({}, attempt {attempt})", self.shown_url, op.name)];
        lines.push(format!("> X-Bloo-Token-ID: {}", s.token_id));
        lines.push(format!("> X-Bloo-Token-Secret: {}", output::redact(&s.token_secret)));
        if let Some(org) = &s.org {
            lines.push(format!("> X-Bloo-Company-ID: {org}"));
        }
        lines.push(format!("> variables: {}", body["variables"]));
        if s.verbosity > 1 {
            lines.push(format!("> query: {}", op.document.replace('\n', " ")));
        }
        s.console.note(lines.join("\n"));
    }

    fn log_response(&self, status: u16, body: &[u8], took: Duration) {
        if self.settings.verbosity == 0 {
            return;
        }
        self.settings.console.note(format!("< HTTP {status} in {} ms", took.as_millis()));
        if self.settings.verbosity > 1 {
            let shown = match serde_json::from_slice::<Value>(body) {
                Ok(mut v) => {
                    redact_secrets(&mut v);
                    v.to_string()
                }
                Err(_) => String::from_utf8_lossy(body).into_owned(),
            };
            self.settings.console.note(format!("< {}", output::escape(&shown, 4000)));
        }
    }
}

/// What an answer means for the retry loop.
fn settle(answer: Answer, status: u16, attempt: u32) -> Attempt {
    match answer {
        Answer::Data(data) => Attempt::Done(Ok(data)),
        Answer::Failed(f) => Attempt::Done(Err(f.into())),
        Answer::ServerError(err) => Attempt::Retry {
            wait: backoff(attempt),
            why: format!("Blue answered HTTP {status}"),
            err,
            rate_limit: false,
        },
        Answer::RateLimited { wait, failure } if wait > MAX_RATE_LIMIT_WAIT => {
            Attempt::Done(Err(failure.into()))
        }
        Answer::RateLimited { wait, failure } => Attempt::Retry {
            wait: Duration::from_secs(wait),
            why: "Blue's rate limit was reached".into(),
            err: failure,
            rate_limit: true,
        },
    }
}

/// Why a body was not read whole.
enum Cut {
    TooLarge,
    Failed(reqwest::Error),
}

/// Reads the body as it streams in, and stops at [`MAX_RESPONSE_BYTES`].
async fn read_capped(mut resp: reqwest::Response) -> Result<Vec<u8>, Cut> {
    if resp.content_length().is_some_and(|n| n > MAX_RESPONSE_BYTES as u64) {
        return Err(Cut::TooLarge);
    }
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(Cut::Failed)? {
        if body.len() + chunk.len() > MAX_RESPONSE_BYTES {
            return Err(Cut::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// The answer started but did not arrive whole: a read is retried; a change may have been made.
fn cut_short(op: &Operation, e: &reqwest::Error, attempt: u32) -> Attempt {
    let detail = output::escape(&source_chain(e), 300);
    let f =
        Failure::new(Exit::Api, format!("Blue's answer to {} was cut short: {detail}", op.name))
            .with_hint("check the network, and try again");
    match op.kind {
        Kind::Query => Attempt::Retry {
            wait: backoff(attempt),
            why: "Blue's answer was cut short".into(),
            err: f,
            rate_limit: false,
        },
        Kind::Mutation => Attempt::Done(Err(answer::uncertain(op, f).into())),
    }
}

fn too_large(op: &Operation) -> Failure {
    let f = Failure::new(
        Exit::Api,
        format!(
            "Blue's answer to {} is larger than {} MB; stopped reading",
            op.name,
            MAX_RESPONSE_BYTES / (1024 * 1024)
        ),
    )
    .with_hint("Blue's answers are far smaller: check the API URL (--api-url, BLUE_API_URL)");
    answer::uncertain(op, f)
}

/// A URL as it may be shown: its password replaced by stars.
pub fn shown_url(url: &str) -> String {
    match reqwest::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("********"));
            u.to_string()
        }
        _ => url.to_string(),
    }
}

fn backoff(attempt: u32) -> Duration {
    BACKOFF * 2u32.saturating_pow(attempt.saturating_sub(1))
}

fn check_api_url(url: &str) -> anyhow::Result<()> {
    match reqwest::Url::parse(url) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Ok(()),
        _ => Err(Failure::usage(format!("the API URL `{}` is not an http(s) URL", shown_url(url)))
            .with_hint(format!("the default is {DEFAULT_API_URL}"))
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
                        *s = output::redact(s)
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
