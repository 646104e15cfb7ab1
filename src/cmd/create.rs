use crate::cli::{CreateArgs, GlobalArgs};

pub async fn run(_args: CreateArgs, _global: &GlobalArgs) -> anyhow::Result<()> {
    anyhow::bail!("`bluehook create` is not built yet")
}
