//! One module per command. Commands use the library modules; none uses another command.

pub mod completions;
pub mod config;
pub mod create;
pub mod delete;
pub mod demo;
pub mod enable;
pub mod events;
pub mod get;
pub mod list;
pub mod listen;
pub mod login;
pub mod logout;
pub mod replay;
pub mod sandbox;
pub mod send_sample;
pub mod sign;
pub mod trigger;
pub mod update;
pub mod verify;
