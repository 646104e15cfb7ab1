use crate::cli::{GetArgs, GlobalArgs};

pub async fn run(_args: GetArgs, _global: &GlobalArgs) -> anyhow::Result<()> {
    anyhow::bail!("`bluehook get` is not built yet")
}
