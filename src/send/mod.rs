//! Outgoing deliveries: one signed request (`delivery`), raw HTTP/1.1 lanes (`wire`) and load
//! mode (`load`), what `-v` shows of them (`trace`), whether a URL leads to a private address
//! (`target`); and the commands built on them: `send-sample` (`sample`) and `replay`
//! (`replay`).

pub mod delivery;
pub mod load;
pub mod replay;
pub mod sample;
pub mod target;
pub mod trace;
pub(crate) mod wire;

/// The User-Agent of every request bluehook sends as a delivery.
pub const USER_AGENT: &str = concat!("bluehook/", env!("CARGO_PKG_VERSION"));
