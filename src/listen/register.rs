//! `listen --register`: a temporary webhook on Blue, created once the public URL is known,
//! moved along with a reopened tunnel, and deleted however the listener stops; when Blue
//! cannot delete it, the exact command that finishes the job is printed.
//!
//! With `--keep NAME` the webhook outlives the run: its id and secret are saved in the
//! profile, and later runs point the same webhook here and enable it again, so the app's
//! secret never changes (`--env-file` hands it to the app).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use serde_json::json;

use crate::api::{Client, Webhook, temporary, webhooks};
use crate::config::{self, KeptWebhook};
use crate::error::{Exit, Failure};
use crate::listen::message::{self, Message, WebhookState};
use crate::listen::writer::Lines;
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
    /// `--keep NAME`: where the kept webhook is saved.
    pub keep: Option<Keep>,
    /// `--env-file FILE`: where the app finds the webhook's secret and id.
    pub env_file: Option<PathBuf>,
}

/// A webhook kept across runs as `name`, saved in `profile` of the config file at `config`.
pub struct Keep {
    pub name: String,
    pub config: PathBuf,
    pub profile: String,
}

impl Registering {
    /// The webhook delivering to `url`: the kept one pointed here, or a new one; then the
    /// `--env-file` for the app.
    pub async fn register(self, url: &str, lines: &Lines) -> anyhow::Result<Temporary> {
        let env_file = self.env_file.clone();
        let reused = match &self.keep {
            Some(keep) => self.reuse(keep, url).await?,
            None => None,
        };
        let registered = match reused {
            Some(r) => r,
            None => self.create(url, lines).await?,
        };
        if let Some(path) = env_file {
            write_env_file(&path, &registered.secret, &registered.hook.id)?;
        }
        Ok(registered)
    }

    /// The kept webhook, pointed at `url` and enabled; `None` when there is none yet, or
    /// Blue no longer has it (said in a notice).
    async fn reuse(&self, keep: &Keep, url: &str) -> anyhow::Result<Option<Temporary>> {
        let Some(saved) =
            config::kept_webhook(&keep.config, &keep.profile, &keep.name, self.client.console())?
        else {
            return Ok(None);
        };
        self.client.console().secret(&saved.secret);
        let found = match self.client.webhook(&saved.id).await {
            Ok(hook) => hook,
            Err(e) if webhooks::is_not_found(&e) => {
                self.client.console().warn(format!(
                    "the kept webhook `{}` ({}) is no longer on Blue: creating it again",
                    escape_control(&keep.name),
                    saved.id
                ));
                return Ok(None);
            }
            Err(e) => return Err(e),
        };
        // Enabled only once the listener serves: enabling makes Blue send a health check.
        let mut input = json!({ "webhookId": saved.id, "url": url });
        if !self.events.is_empty() {
            input["events"] = json!(self.events);
        }
        if !self.projects.is_empty() {
            input["projectIds"] = json!(self.client.resolve_projects(&self.projects).await?);
        }
        let hook = self.client.update_webhook(input).await?;
        let (client, reach) = (self.client.clone(), self.reach.clone());
        let kept = Kept { name: keep.name.clone(), reused: true, reenabled: !found.is_enabled() };
        let secret = saved.secret;
        Ok(Some(Temporary { client, secret, hook, reach, deleted: false, kept: Some(kept) }))
    }

    /// Creates the webhook delivering to `url`, after saying what earlier runs left; with
    /// `--keep`, saves it.
    async fn create(self, url: &str, lines: &Lines) -> anyhow::Result<Temporary> {
        self.warn_left().await?;
        let projects = self.client.resolve_projects(&self.projects).await?;
        let name = match &self.keep {
            Some(keep) => format!("bluehook-kept-{}", keep.name),
            None => temporary::name(&this_host(), std::time::SystemTime::now()),
        };
        let input = temporary::input(&name, url, &self.events, &projects);
        let hook = self.client.create_webhook(input).await?;
        let (client, reach) = (self.client, self.reach);
        let mut registered =
            Temporary { client, secret: String::new(), hook, reach, deleted: false, kept: None };
        let Some(secret) = registered.hook.secret.clone() else {
            registered.delete(lines).await;
            let message = "Blue returned no signing secret for the temporary webhook";
            let hint = "it was deleted again; try once more, or create a webhook with \
                        `bluehook create --save-secret` and listen with --webhook";
            return Err(Failure::new(Exit::Api, message).with_hint(hint).into());
        };
        registered.client.console().secret(&secret);
        registered.secret = secret;
        if let Some(keep) = self.keep {
            registered.save_kept(keep, lines).await?;
        }
        Ok(registered)
    }

    /// Says which temporary webhooks earlier runs left on Blue.
    async fn warn_left(&self) -> anyhow::Result<()> {
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
        Ok(())
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

/// `BLUE_WEBHOOK_SECRET=...` and `BLUE_WEBHOOK_ID=...` in `path`, readable by its owner
/// only, replaced whole (written beside it, then renamed over it).
fn write_env_file(path: &std::path::Path, secret: &str, id: &str) -> anyhow::Result<()> {
    let quoted = |v: &str| shell_words::quote(v).into_owned();
    let text = format!("BLUE_WEBHOOK_SECRET={}\nBLUE_WEBHOOK_ID={}\n", quoted(secret), quoted(id));
    config::replace_private(path, text.as_bytes())
        .map_err(|e| e.context(format!("cannot write --env-file {}", path.display())))
}

/// A webhook kept across runs (`--keep`): never deleted when the listener stops.
struct Kept {
    name: String,
    /// An earlier run created it.
    reused: bool,
    /// It was disabled on Blue (after failed deliveries) and is enabled again.
    reenabled: bool,
}

/// The webhook of this run: temporary, or kept.
pub struct Temporary {
    client: Arc<Client>,
    hook: Webhook,
    /// The signing secret Blue returned for it (or, for a kept one, saved).
    pub secret: String,
    reach: String,
    deleted: bool,
    kept: Option<Kept>,
}

impl Temporary {
    /// Says it exists: a line on stderr, and `{"type":"webhook","state":"created",...}`
    /// (`reused` for a kept one an earlier run created).
    pub fn announce(&self, lines: &Lines) {
        let hook = &self.hook;
        let events = match hook.events.len() {
            0 => "every event".to_string(),
            1 => hook.events[0].clone(),
            n => format!("{n} events"),
        };
        let reused = self.kept.as_ref().is_some_and(|k| k.reused);
        let state = if reused { WebhookState::Reused } else { WebhookState::Created };
        lines.send(Message::Webhook(message::Webhook {
            name: hook.name.clone(),
            url: Some(hook.url.clone()),
            events: Some(hook.events.clone()),
            project_ids: Some(hook.project_ids.clone()),
            kept: self.kept.as_ref().map(|k| k.name.clone()),
            ..message::Webhook::new(state, &hook.id)
        }));
        let label = escape_control(&hook.label()).into_owned();
        let url = escape_control(&hook.url);
        let text = match &self.kept {
            None => format!(
                "registered the temporary webhook {label} for {events}, delivering to {url}; \
                 it is deleted when bluehook stops"
            ),
            Some(k) => format!(
                "{} the kept webhook `{}` ({label}) for {events}, delivering to {url}{}; it \
                 stays when bluehook stops (`bluehook cleanup --keep {}` deletes it)",
                if k.reused { "reusing" } else { "created" },
                escape_control(&k.name),
                if k.reenabled { " (disabled on Blue: enabled once listening)" } else { "" },
                shell_words::quote(&k.name),
            ),
        };
        self.client.console().note(format!("bluehook: {text}"));
    }

    /// Saves a webhook just created as kept; one that cannot be saved is deleted again.
    async fn save_kept(&mut self, keep: Keep, lines: &Lines) -> anyhow::Result<()> {
        let kept = KeptWebhook { id: self.hook.id.clone(), secret: self.secret.clone() };
        let console = self.client.console();
        let saved =
            config::keep_webhook(&keep.config, &keep.profile, &keep.name, Some(kept), console);
        if let Err(e) = saved {
            self.delete(lines).await;
            return Err(e.context("the webhook to keep could not be saved, so it was deleted"));
        }
        self.kept = Some(Kept { name: keep.name, reused: false, reenabled: false });
        Ok(())
    }

    /// A kept webhook Blue had disabled is enabled again, once the listener serves (Blue
    /// sends it a health check).
    pub async fn enable_if_disabled(&mut self) {
        let Some(kept) = self.kept.as_mut().filter(|k| k.reenabled) else { return };
        let input = json!({ "webhookId": self.hook.id, "enabled": true });
        let console = self.client.console();
        let name = escape_control(&kept.name);
        match self.client.update_webhook(input).await {
            Ok(hook) if hook.is_enabled() => {
                console.note(format!("bluehook: enabled the kept webhook `{name}` again"));
            }
            Ok(_) => console.warn(format!(
                "the kept webhook `{name}` is still disabled: Blue's health check did not pass"
            )),
            Err(e) => console.warn(format!("could not enable the kept webhook `{name}`: {e:#}")),
        }
        kept.reenabled = false;
    }

    /// Moves the webhook along with a reopened tunnel.
    pub fn mover(&self) -> Mover {
        let (client, reach) = (self.client.clone(), self.reach.clone());
        Mover { client, id: self.hook.id.clone(), url: self.hook.url.clone(), reach }
    }

    /// Deletes it (once); when Blue cannot, prints the command that finishes the job.
    pub async fn delete(&mut self, lines: &Lines) {
        if std::mem::replace(&mut self.deleted, true) {
            return;
        }
        let id = &self.hook.id;
        if let Some(kept) = &self.kept {
            lines.send(Message::Webhook(message::Webhook {
                kept: Some(kept.name.clone()),
                ..message::Webhook::new(WebhookState::Kept, id)
            }));
            return;
        }
        let label = escape_control(&self.hook.label()).into_owned();
        let deleted = tokio::time::timeout(DELETE_TIMEOUT, self.client.delete_webhook(id)).await;
        let failure = match deleted {
            Ok(Ok(_)) => {
                lines.send(Message::Webhook(message::Webhook::new(WebhookState::Deleted, id)));
                self.client
                    .console()
                    .note(format!("bluehook: deleted the temporary webhook {label}"));
                return;
            }
            Ok(Err(e)) => format!("{e:#}"),
            Err(_) => format!("no answer within {}s", DELETE_TIMEOUT.as_secs()),
        };
        let command = format!("bluehook delete {} --yes{}", shell_words::quote(id), self.reach);
        lines.send(Message::Webhook(message::Webhook {
            why: Some(failure.clone()),
            command: Some(command.clone()),
            ..message::Webhook::new(WebhookState::NotDeleted, id)
        }));
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
    pub async fn move_to(&mut self, url: &str, lines: &Lines) {
        if url == self.url {
            return;
        }
        match self.client.move_webhook(&self.id, url).await {
            Ok(_) => {
                self.url = url.to_string();
                let id = &self.id;
                lines.send(Message::Webhook(message::Webhook {
                    url: Some(url.to_string()),
                    ..message::Webhook::new(WebhookState::Moved, id)
                }));
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

/// `cleanup --keep NAME` and `logout`: deletes the webhook kept as `keep.name` from Blue (one
/// Blue no longer has counts as deleted) and forgets it. Returns its id; `None` when nothing
/// is kept under that name.
pub async fn forget_kept(client: &Client, keep: &Keep) -> anyhow::Result<Option<String>> {
    let console = client.console();
    let Some(kept) = config::kept_webhook(&keep.config, &keep.profile, &keep.name, console)? else {
        return Ok(None);
    };
    match client.delete_webhook(&kept.id).await {
        Ok(_) => {}
        Err(e) if webhooks::is_not_found(&e) => {}
        Err(e) => return Err(e),
    }
    config::keep_webhook(&keep.config, &keep.profile, &keep.name, None, console)?;
    Ok(Some(kept.id))
}
