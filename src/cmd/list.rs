use crate::cli::{GlobalArgs, ListArgs};

pub async fn run(_args: ListArgs, _global: &GlobalArgs) -> anyhow::Result<()> {
    anyhow::bail!("`bluehook list` is not built yet")
}
