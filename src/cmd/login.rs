use crate::cli::{GlobalArgs, LoginArgs};

pub async fn run(_args: LoginArgs, _global: &GlobalArgs) -> anyhow::Result<()> {
    anyhow::bail!("`bluehook login` is not built yet")
}
