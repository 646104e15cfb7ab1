use crate::cli::{GlobalArgs, IdArgs};

/// What the command should leave the webhook as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    On,
    Off,
    Toggle,
}

pub async fn run(_args: IdArgs, _global: &GlobalArgs, _want: Want) -> anyhow::Result<()> {
    anyhow::bail!("`bluehook enable/disable/toggle` is not built yet")
}
