//! Terminal prompts, and what a prompt's failure means: Ctrl-C at a prompt exits 130, quietly.

use crate::error::{Exit, Failure};

/// Maps a prompt error; an interrupted prompt becomes a silent exit 130.
pub fn failed(e: dialoguer::Error) -> anyhow::Error {
    let dialoguer::Error::IO(io) = e;
    if io.kind() == std::io::ErrorKind::Interrupted {
        return Failure::silent(Exit::Interrupted).into();
    }
    anyhow::Error::new(io).context("cannot read the answer from the terminal")
}

/// Asks for a line of text that may be left empty; the answer is trimmed.
pub fn optional_text(prompt: &str) -> anyhow::Result<String> {
    let answer: String = dialoguer::Input::new()
        .with_prompt(prompt)
        .allow_empty(true)
        .interact_text()
        .map_err(failed)?;
    Ok(answer.trim().to_string())
}
