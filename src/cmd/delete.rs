use crate::cli::{DeleteArgs, GlobalArgs};

pub async fn run(_args: DeleteArgs, _global: &GlobalArgs) -> anyhow::Result<()> {
    anyhow::bail!("`bluehook delete` is not built yet")
}
