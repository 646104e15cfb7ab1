use crate::cli::{GlobalArgs, UpdateArgs};

pub async fn run(_args: UpdateArgs, _global: &GlobalArgs) -> anyhow::Result<()> {
    anyhow::bail!("`bluehook update` is not built yet")
}
