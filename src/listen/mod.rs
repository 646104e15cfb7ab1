//! Receiving deliveries: the verifying server (`receiver`), the hand-off to its consumers
//! (`fanout`), their output (`render`) and the web inspector (`inspector`).

pub mod fanout;
pub mod inspector;
pub mod receiver;
pub mod render;
