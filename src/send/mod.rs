//! Outgoing deliveries: one signed request (`delivery`), raw HTTP/1.1 lanes (`wire`) and load mode (`load`),
//! what `-v` shows of them (`trace`), and whether a URL leads to a private address (`target`).

pub mod delivery;
pub mod load;
pub mod target;
pub mod trace;
pub(crate) mod wire;

/// The User-Agent of every request bluehook sends as a delivery.
pub const USER_AGENT: &str = concat!("bluehook/", env!("CARGO_PKG_VERSION"));
