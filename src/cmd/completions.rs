use std::io::Write;

use clap_complete::Shell as Target;

use crate::cli::{CompletionsArgs, Shell};

pub fn run(args: &CompletionsArgs) -> anyhow::Result<()> {
    let mut out = Vec::new();
    generate(args.shell, &mut out);
    std::io::stdout().write_all(&out)?;
    Ok(())
}

/// Writes the completion script for `shell` (the same bytes `completions/` holds).
pub fn generate(shell: Shell, out: &mut Vec<u8>) {
    let target = match shell {
        Shell::Bash => Target::Bash,
        Shell::Zsh => Target::Zsh,
        Shell::Fish => Target::Fish,
        Shell::Powershell => Target::PowerShell,
        Shell::Elvish => Target::Elvish,
    };
    clap_complete::generate(target, &mut crate::command(), "bluehook", out);
}

pub fn man() -> anyhow::Result<()> {
    let mut out = Vec::new();
    clap_mangen::Man::new(crate::command()).render(&mut out)?;
    std::io::stdout().write_all(&out)?;
    Ok(())
}
