use crate::cli::{ConfigCommand, GlobalArgs};

pub fn run(_command: ConfigCommand, _global: &GlobalArgs) -> anyhow::Result<()> {
    anyhow::bail!("`bluehook config` is not built yet")
}
