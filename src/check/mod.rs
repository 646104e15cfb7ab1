//! `bluehook check URL`: a conformance test of the user's own webhook receiver. It sends the
//! deliveries Blue sends (every event, the health check, odd but genuine bytes, a large body,
//! a burst, a redelivery, events out of order) and the ones a receiver must refuse (forged,
//! unsigned, tampered), and judges each answer: pass, warn or fail.
//!
//! The cases (`case`), what each sends (`bodies`) and the verdicts (`judge`) are pure; the
//! output formats are in `report`; `runner` does the sending.

pub mod bodies;
pub mod case;
pub mod judge;
pub mod report;
pub mod runner;

use std::time::Duration;

use crate::send::delivery::Target;

/// Everything a run needs, resolved from the command line.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The receiver; its timeout is the per-delivery limit (Blue's 7 s).
    pub target: Target,
    pub plan: bodies::Plan,
    /// The cases to run, in table order.
    pub cases: Vec<case::Case>,
    /// The whole run's limit.
    pub max_time: Duration,
    /// Warnings fail the run too.
    pub strict: bool,
}
