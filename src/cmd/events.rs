use std::io::Write;

use crate::cli::EventsArgs;
use crate::events::{CATALOGUE, Group};
use crate::term::output::{BOLD, DIM};

pub fn run(args: &EventsArgs) -> anyhow::Result<()> {
    let mut out = anstream::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &CATALOGUE[..])?;
        writeln!(out)?;
        return Ok(());
    }
    let width = CATALOGUE.iter().map(|e| e.name.len()).max().unwrap_or(0);
    for group in Group::ALL {
        writeln!(out, "{BOLD}{}{BOLD:#}", group.title())?;
        for e in CATALOGUE.iter().filter(|e| e.group == group) {
            writeln!(out, "  {:<width$}  {DIM}{}{DIM:#}", e.name, e.description)?;
        }
    }
    writeln!(out)?;
    writeln!(out, "A webhook with no events listed receives all 37 subscribable events.")?;
    Ok(())
}
