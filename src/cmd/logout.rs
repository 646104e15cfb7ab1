use crate::cli::{GlobalArgs, LogoutArgs};

pub fn run(_args: &LogoutArgs, _global: &GlobalArgs) -> anyhow::Result<()> {
    anyhow::bail!("`bluehook logout` is not built yet")
}
