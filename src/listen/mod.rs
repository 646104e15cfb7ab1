//! Receiving deliveries: the verifying server (`receiver`) with its checks (`check`), what it
//! makes of each request (`delivery`, with its `headers`), limits (`budget`), content filter (`filter`) and
//! per-delivery command (`exec`); forwarding to an app (`forward`, by `route`, or with
//! `--answer-first` through the durable `queue` and its `courier`); the hand-off to its
//! consumers (`fanout`); the CI gate (`gate`) and its JUnit report (`junit`); why a rejected
//! signature failed (`explain`); the output (`message`, the NDJSON's one definition; `writer`
//! on stdout, `render` for each line,
//! `digest` choosing the lines worth showing) and the web inspector (`inspector`); and the
//! public URL (`tunnel`, kept alive by `watchdog`); the temporary webhook on Blue (`register`);
//! and one run of all of it, from settings to its ordered stop (`session`).

pub mod budget;
pub mod check;
pub mod courier;
pub mod delivery;
pub mod digest;
pub mod exec;
pub mod explain;
pub mod fanout;
pub mod filter;
pub mod forward;
pub mod gate;
pub mod headers;
pub mod inspector;
pub mod junit;
pub mod message;
pub mod queue;
pub mod receiver;
pub mod register;
pub mod render;
pub mod route;
pub mod session;
pub mod tunnel;
pub mod watchdog;
pub mod writer;
