//! `listen --register`: a temporary webhook on Blue, created once the public URL is known,
//! moved along with a reopened tunnel, and deleted however the listener stops; when Blue
//! cannot delete it, the exact command that finishes the job is printed.

use std::io::{self, Write};
use std::sync::Arc;
use std::time::Duration;

use crate::api::{Client, Webhook, temporary};
use crate::error::{Exit, Failure};
use crate::listen::message::{self, Message, WebhookState};
use crate::term::output::escape_control;

/// How long the temporary webhook's deletion may take when the listener stops.
const DELETE_TIMEOUT: Duration = Duration::from_secs(10);

/// `--register`, checked before anything starts: the client, and what to subscribe to.
pub struct Registering {
    pub client: Arc<Client>,
    pub events: Vec<String>,
    pub projects: Vec<String>,
    /// The flags a `bluehook delete` needs to reach the same Blue.
    pub reach: String,
}

impl Registering {
    /// Creates the temporary webhook delivering to `url`, after saying what earlier runs left.
    pub async fn register(self, url: &str) -> anyhow::Result<Temporary> {
        let left = self.client.temporary_webhooks().await?;
        if !left.is_empty() {
            let names: Vec<String> =
                left.iter().map(|w| escape_control(&w.label()).into_owned()).collect();
            self.client.console().warn(format!(
                "{} temporary webhook(s) from earlier runs are still on Blue (a crashed run's, or \
                 one still listening): {}; `bluehook cleanup` deletes them",
                left.len(),
                names.join(", ")
            ));
        }
        let projects = self.client.resolve_projects(&self.projects).await?;
        let name = temporary::name(&this_host(), std::time::SystemTime::now());
        let input = temporary::input(&name, url, &self.events, &projects);
        let hook = self.client.create_webhook(input).await?;
        let (client, reach) = (self.client, self.reach);
        let mut registered =
            Temporary { client, secret: String::new(), hook, reach, deleted: false };
        match registered.hook.secret.clone() {
            Some(secret) => {
                registered.client.console().secret(&secret);
                registered.secret = secret;
                Ok(registered)
            }
            None => {
                registered.delete(false).await;
                let message = "Blue returned no signing secret for the temporary webhook";
                let hint = "it was deleted again; try once more, or create a webhook with \
                            `bluehook create --save-secret` and listen with --webhook";
                Err(Failure::new(Exit::Api, message).with_hint(hint).into())
            }
        }
    }
}

/// The host part of a temporary webhook's name.
fn this_host() -> String {
    #[cfg(unix)]
    {
        let mut buf = [0u8; 256];
        // SAFETY: gethostname writes at most buf.len() bytes into a buffer we own.
        if unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) } == 0 {
            let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
            return String::from_utf8_lossy(&buf[..end]).into_owned();
        }
    }
    std::env::var("COMPUTERNAME").unwrap_or_default()
}

/// The temporary webhook of this run.
pub struct Temporary {
    client: Arc<Client>,
    hook: Webhook,
    /// The signing secret Blue returned for it.
    pub secret: String,
    reach: String,
    deleted: bool,
}

impl Temporary {
    /// Says it exists: a line on stderr, and `{"type":"webhook","state":"created",...}`.
    pub fn announce(&self, json: bool) {
        let hook = &self.hook;
        let events = match hook.events.len() {
            0 => "every event".to_string(),
            1 => hook.events[0].clone(),
            n => format!("{n} events"),
        };
        json_line(json, || {
            Message::Webhook(message::Webhook {
                name: hook.name.clone(),
                url: Some(hook.url.clone()),
                events: Some(hook.events.clone()),
                project_ids: Some(hook.project_ids.clone()),
                ..message::Webhook::new(WebhookState::Created, &hook.id)
            })
        });
        self.client.console().note(format!(
            "bluehook: registered the temporary webhook {} for {events}, delivering to {}; it is \
             deleted when bluehook stops",
            escape_control(&hook.label()),
            escape_control(&hook.url),
        ));
    }

    /// Moves the webhook along with a reopened tunnel.
    pub fn mover(&self) -> Mover {
        let (client, reach) = (self.client.clone(), self.reach.clone());
        Mover { client, id: self.hook.id.clone(), url: self.hook.url.clone(), reach }
    }

    /// Deletes it (once); when Blue cannot, prints the command that finishes the job.
    pub async fn delete(&mut self, json: bool) {
        if std::mem::replace(&mut self.deleted, true) {
            return;
        }
        let id = &self.hook.id;
        let label = escape_control(&self.hook.label()).into_owned();
        let deleted = tokio::time::timeout(DELETE_TIMEOUT, self.client.delete_webhook(id)).await;
        let failure = match deleted {
            Ok(Ok(_)) => {
                json_line(json, || {
                    Message::Webhook(message::Webhook::new(WebhookState::Deleted, id))
                });
                self.client
                    .console()
                    .note(format!("bluehook: deleted the temporary webhook {label}"));
                return;
            }
            Ok(Err(e)) => format!("{e:#}"),
            Err(_) => format!("no answer within {}s", DELETE_TIMEOUT.as_secs()),
        };
        let command = format!("bluehook delete {} --yes{}", shell_words::quote(id), self.reach);
        json_line(json, || {
            Message::Webhook(message::Webhook {
                why: Some(failure.clone()),
                command: Some(command.clone()),
                ..message::Webhook::new(WebhookState::NotDeleted, id)
            })
        });
        let console = self.client.console();
        console.warn(format!("could not delete the temporary webhook {label}: {failure}"));
        console.note(format!("  finish it with: {command}"));
    }
}

/// Points the temporary webhook at the tunnel's new public URL.
pub struct Mover {
    client: Arc<Client>,
    id: String,
    url: String,
    reach: String,
}

impl Mover {
    pub async fn move_to(&mut self, url: &str, json: bool) {
        if url == self.url {
            return;
        }
        match self.client.move_webhook(&self.id, url).await {
            Ok(_) => {
                self.url = url.to_string();
                let id = &self.id;
                json_line(json, || {
                    Message::Webhook(message::Webhook {
                        url: Some(url.to_string()),
                        ..message::Webhook::new(WebhookState::Moved, id)
                    })
                });
                self.client
                    .console()
                    .note(format!("bluehook: the temporary webhook now delivers to {url}"));
            }
            Err(e) => {
                let console = self.client.console();
                console.warn(format!("could not move the temporary webhook to {url}: {e:#}"));
                let reach = &self.reach;
                console.note(format!(
                    "  move it with: bluehook update {} --url {url}{reach}",
                    self.id
                ));
            }
        }
    }
}

/// One NDJSON line on stdout (between the writer's batches), with `--json`.
pub fn json_line(json: bool, line: impl FnOnce() -> Message) {
    if json {
        let mut out = io::stdout().lock();
        let _ = line().write(&mut out).and_then(|()| out.flush());
    }
}
