use std::io::Write;

use crate::cli::SignArgs;
use crate::input::read_body;
use crate::signature;

pub fn run(args: &SignArgs) -> anyhow::Result<()> {
    let body = read_body(args.file.as_deref())?;
    let sig = signature::sign(args.secret.as_bytes(), &body);
    writeln!(std::io::stdout(), "{sig}")?;
    Ok(())
}
