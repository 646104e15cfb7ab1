//! The terminal: messages on stderr and their redactor (`console`), output styles and colour
//! (`output`), prompts and Ctrl-C (`prompt`), the multi-select picker (`picker`), the
//! terminal's width (`width`), input files (`input`). It knows nothing of Blue's types: their
//! views are in `crate::view`.

pub mod console;
pub(crate) mod input;
pub mod output;
pub(crate) mod picker;
pub(crate) mod prompt;
pub mod width;

pub use console::Console;
