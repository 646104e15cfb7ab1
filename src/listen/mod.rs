//! Receiving deliveries: the verifying server (`receiver`) with its checks (`check`) and limits
//! (`budget`), forwarding to an app (`forward`), the hand-off to its consumers (`fanout`),
//! why a rejected signature failed (`explain`), their output (`render`, with `digest` choosing the lines worth showing) and the web
//! inspector (`inspector`).

pub mod budget;
pub mod check;
pub mod digest;
pub mod explain;
pub mod fanout;
pub mod forward;
pub mod inspector;
pub mod receiver;
pub mod render;
