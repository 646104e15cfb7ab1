//! What a dialoguer prompt's failure means: Ctrl-C at a prompt exits 130, quietly.

use crate::error::{Exit, Failure};

/// Maps a prompt error; an interrupted prompt becomes a silent exit 130.
pub fn failed(e: dialoguer::Error) -> anyhow::Error {
    let dialoguer::Error::IO(io) = e;
    if io.kind() == std::io::ErrorKind::Interrupted {
        return Failure::silent(Exit::Interrupted).into();
    }
    anyhow::Error::new(io).context("cannot read the answer from the terminal")
}
