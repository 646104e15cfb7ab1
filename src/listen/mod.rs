//! Receiving deliveries: the verifying server (`receiver`), forwarding to an app (`forward`)
//! and the output (`render`).

pub mod budget;
pub mod check;
pub mod forward;
pub mod receiver;
pub mod render;
