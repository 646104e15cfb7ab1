//! Receiving deliveries: the verifying server (`receiver`), the hand-off to its consumers
//! (`fanout`) and their output (`render`).

pub mod exec;
pub mod fanout;
pub mod filter;
pub mod junit;
pub mod receiver;
pub mod render;
pub mod tunnel;
pub mod watchdog;
