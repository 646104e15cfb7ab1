use crate::cli::{GlobalArgs, ListenArgs};

pub async fn run(_args: ListenArgs, _global: &GlobalArgs) -> anyhow::Result<()> {
    anyhow::bail!("`bluehook listen` is not built yet")
}
