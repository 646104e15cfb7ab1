//! Receiving deliveries: the verifying server (`receiver`) with its checks (`check`) and limits
//! (`budget`), forwarding to an app (`forward`), the hand-off to its consumers (`fanout`),
//! their output (`render`, with `digest` choosing the lines worth showing) and the web
//! inspector (`inspector`).

pub mod budget;
pub mod check;
pub mod digest;
pub mod exec;
pub mod fanout;
pub mod filter;
pub mod forward;
pub mod inspector;
pub mod junit;
pub mod receiver;
pub mod render;
pub mod tunnel;
pub mod watchdog;
