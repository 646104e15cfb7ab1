//! Outgoing deliveries: one signed request (`delivery`), raw HTTP/1.1 lanes (`wire`) and load mode (`load`).

pub mod delivery;
pub mod load;
pub(crate) mod wire;
