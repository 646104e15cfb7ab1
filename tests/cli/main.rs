//! The integration suite: drives the real `bluehook` executable, against servers on
//! 127.0.0.1 that the tests start themselves (port 0, bounded in time).

mod support;

mod accounted;
mod answer_first;
mod api_bounds;
mod capture;
mod check;
mod ci_kit;
mod config;
mod docs;
mod exec;
mod fake_blue;
mod filter;
mod forensics;
mod inspector;
mod junit;
mod listen;
mod listen_explain;
mod listen_limits;
mod no_tty;
mod offline;
mod output;
mod pty;
mod register;
mod replay;
mod round_trip;
mod sandbox;
mod sandbox_bluecli;
mod sandbox_burst;
mod sandbox_schema;
mod send_sample;
mod strict_urls;
mod terminal;
mod terminal_output;
mod tough;
mod trigger;
mod tunnel;
mod webhooks;
