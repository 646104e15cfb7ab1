//! `--filter 'EXPR'`: a jq expression (through jaq, a jq implementation in Rust) that decides
//! which deliveries are kept. Compiled once; evaluated on each JSON body like jq's
//! `select(EXPR)`: a delivery matches when any output of the expression is neither `false`
//! nor `null`. An expression that fails at run time on a body (`.a.b` on a string, say) does
//! not match it.
//!
//! Pure: no I/O.

use jaq_core::load::{Arena, File, Loader};
use jaq_core::{Compiler, Ctx, Vars, data, unwrap_valr};
use jaq_json::Val;

type Data = data::JustLut<Val>;

/// A compiled `--filter`.
pub struct Filter {
    source: String,
    filter: jaq_core::Filter<Data>,
}

impl std::fmt::Debug for Filter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Filter").field(&self.source).finish()
    }
}

/// Why an expression does not compile, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("column {column}: {message}")]
pub struct CompileError {
    /// 1-based, in characters.
    pub column: usize,
    pub message: String,
}

impl CompileError {
    /// The expression with a caret under the column, on a line indented by `indent` columns
    /// more than the expression's (the width of what precedes the expression when printed).
    pub fn pointer(&self, source: &str, indent: usize) -> String {
        format!("{source}\n{}^", " ".repeat(indent + self.column.saturating_sub(1)))
    }
}

impl Filter {
    /// Parses and compiles `source` with jq's standard definitions.
    pub fn compile(source: &str) -> Result<Filter, CompileError> {
        let defs = jaq_core::defs().chain(jaq_std::defs()).chain(jaq_json::defs());
        let funs = jaq_core::funs().chain(jaq_std::funs()).chain(jaq_json::funs());
        let arena = Arena::default();
        let program = File { code: source, path: () };
        let modules = Loader::new(defs).load(&arena, program).map_err(|errs| {
            let first = errs.into_iter().next().map(|(_, e)| e);
            load_error(source, first)
        })?;
        let filter = Compiler::default().with_funs(funs).compile(modules).map_err(|errs| {
            let first = errs.into_iter().flat_map(|(_, e)| e).next();
            match first {
                Some((name, undefined)) => CompileError {
                    column: column(source, name),
                    message: format!("undefined {} `{name}`", undefined.as_str()),
                },
                None => CompileError { column: 1, message: "does not compile".into() },
            }
        })?;
        Ok(Filter { source: source.to_string(), filter })
    }

    /// The expression as given.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Whether the JSON `body` is kept. Bodies that are not JSON never match.
    pub fn matches(&self, body: &[u8]) -> bool {
        let Ok(input) = jaq_json::read::parse_single(body) else { return false };
        let ctx = Ctx::<Data>::new(&self.filter.lut, Vars::new([]));
        let mut out = self.filter.id.run((ctx, input)).map(unwrap_valr);
        out.any(|v| v.is_ok_and(|v| jaq_core::ValT::as_bool(&v)))
    }
}

fn load_error(source: &str, err: Option<jaq_core::load::Error<&str>>) -> CompileError {
    use jaq_core::load::Error;
    let (at, message) = match err {
        Some(Error::Lex(errs)) => match errs.into_iter().next() {
            Some((expect, at)) => (at, format!("expected {}", expect.as_str())),
            None => ("", "cannot be read".into()),
        },
        Some(Error::Parse(errs)) => match errs.into_iter().next() {
            Some((expect, at)) if at.is_empty() => {
                (at, format!("expected {} at the end", expect.as_str()))
            }
            Some((expect, at)) => (at, format!("expected {}, found `{at}`", expect.as_str())),
            None => ("", "cannot be parsed".into()),
        },
        Some(Error::Io(errs)) => match errs.into_iter().next() {
            Some((at, why)) => (at, format!("cannot load a module: {why}")),
            None => ("", "cannot load a module".into()),
        },
        None => ("", "cannot be parsed".into()),
    };
    CompileError { column: column(source, at), message }
}

/// The 1-based character column where `part` (a slice of `source`) starts; the end of the
/// expression when `part` is not one.
fn column(source: &str, part: &str) -> usize {
    let (start, end) = (source.as_ptr() as usize, source.as_ptr() as usize + source.len());
    let at = part.as_ptr() as usize;
    let offset = if (start..=end).contains(&at) { at - start } else { source.len() };
    source[..offset].chars().count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODO: &[u8] = br#"{"event":"TODO_CREATED","currentValue":{"title":"Fix it",
        "todoList":{"title":"Bugs"},"tags":[{"title":"urgent"}]}}"#;

    #[test]
    fn matches_like_select() {
        let bugs = Filter::compile(r#".currentValue.todoList.title == "Bugs""#).unwrap();
        assert!(bugs.matches(TODO));
        let done = Filter::compile(r#".currentValue.todoList.title == "Done""#).unwrap();
        assert!(!done.matches(TODO));
        let tagged = Filter::compile(r#"any(.currentValue.tags[]; .title == "urgent")"#).unwrap();
        assert!(tagged.matches(TODO));
        let regex = Filter::compile(r#".currentValue.title | test("^fix"; "i")"#).unwrap();
        assert!(regex.matches(TODO));
    }

    #[test]
    fn null_false_empty_and_errors_do_not_match() {
        for source in [".missing", "false", "empty", ".event.x", "null, false"] {
            assert!(!Filter::compile(source).unwrap().matches(TODO), "{source}");
        }
        assert!(Filter::compile("false, 1").unwrap().matches(TODO), "any truthy output");
        assert!(Filter::compile(".event").unwrap().matches(TODO));
        assert!(!Filter::compile(".").unwrap().matches(b"not json"));
    }

    #[test]
    fn errors_point_at_the_column() {
        let err = Filter::compile(".a == (1").unwrap_err();
        assert_eq!(err.column, 9, "{err}");
        let err = Filter::compile(".a | nosuchfn").unwrap_err();
        assert_eq!(err.column, 6, "{err}");
        assert!(err.message.contains("nosuchfn"), "{err}");
        let err = Filter::compile(".a ) .b").unwrap_err();
        assert_eq!(err.column, 4, "{err}");
        assert_eq!(err.pointer(".a ) .b", 2), ".a ) .b\n     ^");
        let err = Filter::compile("\"é\" | $x").unwrap_err();
        assert_eq!(err.column, 7, "characters, not bytes: {err}");
    }
}
