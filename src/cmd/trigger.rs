//! `bluehook trigger EVENT`.

use crate::cli::{GlobalArgs, TriggerArgs};

pub async fn run(_args: TriggerArgs, _global: &GlobalArgs) -> anyhow::Result<()> {
    anyhow::bail!("not yet")
}
