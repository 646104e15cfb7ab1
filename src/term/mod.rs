//! The terminal: output and colour (`output`), prompts and Ctrl-C (`prompt`), the multi-select
//! picker (`picker`), tables and views (`view`), input files (`input`).

pub(crate) mod input;
pub mod output;
pub(crate) mod picker;
pub(crate) mod prompt;
pub(crate) mod view;
