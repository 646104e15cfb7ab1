use crate::api::{Client, Settings};
use crate::cli::{GlobalArgs, LoginArgs};
use crate::config::{self, DEFAULT_API_URL};
use crate::error::Failure;
use crate::term::output::{self, OK};

pub async fn run(args: LoginArgs, global: &GlobalArgs) -> anyhow::Result<()> {
    let api = &args.api;
    let interactive = output::interactive();
    let nonempty = |v: &Option<String>| v.clone().filter(|s| !s.trim().is_empty());
    let token_id = match nonempty(&api.token_id) {
        Some(v) => v,
        None => ask(interactive, "Token id", "--token-id", "BLUE_TOKEN_ID", false)?,
    };
    let token_secret = match nonempty(&api.token_secret) {
        Some(v) => v,
        None => ask(interactive, "Token secret", "--token-secret", "BLUE_TOKEN_SECRET", true)?,
    };
    let org = match nonempty(&api.org) {
        Some(v) => Some(v),
        None if interactive => Some(crate::term::prompt::optional_text(
            "Organization id or slug (needed to create webhooks)",
        )?),
        None => None,
    }
    .filter(|o| !o.is_empty());
    let url = nonempty(&api.api_url).unwrap_or_else(|| DEFAULT_API_URL.to_string());
    let settings = Settings {
        url: url.clone(),
        token_id,
        token_secret,
        org,
        timeout: api.api_timeout,
        verbosity: global.verbose,
    };
    if !args.no_verify {
        verify(&settings).await?;
    }
    save(settings, url != DEFAULT_API_URL, global)
}

fn ask(
    interactive: bool,
    prompt: &str,
    flag: &str,
    env: &str,
    hidden: bool,
) -> anyhow::Result<String> {
    if !interactive {
        return Err(Failure::usage(format!(
            "{flag} (or {env}) is required (no terminal to ask on)"
        ))
        .with_hint("bluehook login --token-id ID --token-secret SECRET --org ORG")
        .into());
    }
    let answer = if hidden {
        dialoguer::Password::new()
            .with_prompt(prompt)
            .interact()
            .map_err(crate::term::prompt::failed)?
    } else {
        dialoguer::Input::<String>::new()
            .with_prompt(prompt)
            .interact_text()
            .map_err(crate::term::prompt::failed)?
    };
    let answer = answer.trim().to_string();
    if answer.is_empty() {
        return Err(Failure::usage(format!("{prompt} cannot be empty")).into());
    }
    Ok(answer)
}

/// Checks the credentials with a cheap authenticated read and says who and where they reach.
async fn verify(settings: &Settings) -> anyhow::Result<()> {
    let client = Client::new(settings.clone())?;
    let data = client
        .who_am_i()
        .await
        .map_err(|e| e.context("Blue did not accept these credentials; nothing was saved"))?;
    let user = &data["currentUser"];
    let who = format!(
        "{} <{}>",
        user["fullName"].as_str().unwrap_or("?"),
        user["email"].as_str().unwrap_or("?")
    );
    output::note(format!("{OK}Logged in{OK:#} to {} as {who}.", client.url()));
    match &data["company"] {
        serde_json::Value::Null => output::warn(
            "no organization set: `bluehook create` needs one (--org, BLUE_ORG_ID or `bluehook login --org`)",
        ),
        c => output::note(format!(
            "Organization: {} ({}, id {}).",
            c["name"].as_str().unwrap_or("?"),
            c["slug"].as_str().unwrap_or("?"),
            c["id"].as_str().unwrap_or("?")
        )),
    }
    Ok(())
}

fn save(creds: Settings, custom_url: bool, global: &GlobalArgs) -> anyhow::Result<()> {
    let path = config::path(&super::place(global))?;
    let profile = config::profile_name(&super::place(global));
    config::update(&path, |f| {
        let p = f.profiles.entry(profile.clone()).or_default();
        p.token_id = Some(creds.token_id);
        p.token_secret = Some(creds.token_secret);
        p.org = creds.org;
        p.api_url = custom_url.then_some(creds.url);
    })?;
    output::note(format!(
        "Saved profile `{profile}` in {} (readable by you only).",
        path.display()
    ));
    Ok(())
}
