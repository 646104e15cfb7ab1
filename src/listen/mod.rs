//! Receiving deliveries: the verifying server (`receiver`), the hand-off to its consumers
//! (`fanout`) and their output (`render`).

pub mod digest;
pub mod fanout;
pub mod receiver;
pub mod render;
