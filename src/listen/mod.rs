//! Receiving deliveries: the verifying server (`receiver`) and its output (`render`).

pub mod receiver;
pub mod render;
