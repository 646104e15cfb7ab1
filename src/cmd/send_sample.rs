use crate::cli::{GlobalArgs, SendSampleArgs};

pub async fn run(_args: SendSampleArgs, _global: &GlobalArgs) -> anyhow::Result<()> {
    anyhow::bail!("`bluehook send-sample` is not built yet")
}
