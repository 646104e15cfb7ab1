//! Receiving deliveries: the verifying server (`receiver`) with its checks (`check`), limits
//! (`budget`), content filter (`filter`) and per-delivery command (`exec`); forwarding to an
//! app (`forward`); the hand-off to its consumers (`fanout`); why a rejected signature failed
//! (`explain`); their output (`render`, with `digest` choosing the lines worth showing), the
//! CI report (`junit`) and the web inspector (`inspector`); and the public URL (`tunnel`,
//! kept alive by `watchdog`).

pub mod budget;
pub mod check;
pub mod digest;
pub mod exec;
pub mod explain;
pub mod fanout;
pub mod filter;
pub mod forward;
pub mod inspector;
pub mod junit;
pub mod receiver;
pub mod render;
pub mod tunnel;
pub mod watchdog;
