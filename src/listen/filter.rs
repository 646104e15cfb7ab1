//! `--filter 'EXPR'`: a jq expression (through jaq, a jq implementation in Rust) that decides
//! which deliveries are kept. Compiled once; evaluated on each JSON body like jq's
//! `select(EXPR)`: a delivery matches when any output of the expression is neither `false`
//! nor `null`. An expression that fails at run time on a body (`.a.b` on a string, say) does
//! not match it; `halt` ends the run without a match; `halt_error` and a body nesting deeper
//! than [`MAX_BODY_DEPTH`] are that body's failure ([`Decision::Failed`]), never a process exit.
//!
//! jaq parses and runs an expression by recursion, so an expression nesting deeper than
//! [`MAX_NESTING`] or holding more than [`MAX_OPERATORS`] operators is refused before it is
//! parsed, and parsing gets a thread with a large stack of its own.
//!
//! Pure: no I/O.

use jaq_core::load::{Arena, File, Loader};
use jaq_core::{Compiler, Ctx, Vars, data};
use jaq_json::Val;

type Data = data::JustLut<Val>;

/// Deepest nesting of brackets and `if ... end` an expression may have.
pub const MAX_NESTING: usize = 64;

/// Most operators and keywords (`|`, `,`, `+`, `and`, `try`, ...) an expression may hold.
pub const MAX_OPERATORS: usize = 256;

/// Deepest nesting of arrays and objects in a body a filter runs on (serde_json's limit;
/// Blue's bodies nest a handful of levels).
pub const MAX_BODY_DEPTH: usize = 128;

/// The stack the parser and compiler get (reserved, not used, unless an expression needs it).
const COMPILE_STACK: usize = 64 << 20;

/// What a filter made of one body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Keep,
    Drop,
    /// The filter could not decide: why, for people.
    Failed(String),
}

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
        bounded(source)?;
        std::thread::scope(|scope| {
            let parse = std::thread::Builder::new().stack_size(COMPILE_STACK);
            match parse.spawn_scoped(scope, || Filter::compile_here(source)) {
                Ok(thread) => thread.join().unwrap_or_else(|_| Err(CompileError::too_complex())),
                Err(_) => Filter::compile_here(source),
            }
        })
    }

    fn compile_here(source: &str) -> Result<Filter, CompileError> {
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
        self.decide(body) == Decision::Keep
    }

    /// What the filter makes of `body`: kept at its first output that is neither `false` nor
    /// `null`; dropped when there is none, when it is not JSON, or at `halt`.
    pub fn decide(&self, body: &[u8]) -> Decision {
        if json_depth(body) > MAX_BODY_DEPTH {
            return Decision::Failed(format!("the body nests deeper than {MAX_BODY_DEPTH} levels"));
        }
        let Ok(input) = jaq_json::read::parse_single(body) else { return Decision::Drop };
        let ctx = Ctx::<Data>::new(&self.filter.lut, Vars::new([]));
        for out in self.filter.id.run((ctx, input)) {
            match out {
                Ok(v) if jaq_core::ValT::as_bool(&v) => return Decision::Keep,
                Ok(_) => {}
                Err(e) => match e.get_halt() {
                    Ok(0) => return Decision::Drop,
                    Ok(code) => return Decision::Failed(format!("halt_error (exit code {code})")),
                    // A run-time error: that output does not match.
                    Err(_) => {}
                },
            }
        }
        Decision::Drop
    }
}

impl CompileError {
    fn too_complex() -> Self {
        CompileError { column: 1, message: "too complex to parse".into() }
    }
}

/// Refuses, before parsing, an expression deeper or longer than jaq's recursion can take.
/// String contents are counted too: a bound, not a parse.
fn bounded(source: &str) -> Result<(), CompileError> {
    let (mut depth, mut operators, mut too_deep_at) = (0usize, 0usize, None);
    for (i, token) in tokens(source) {
        match token {
            "(" | "[" | "{" | "if" => depth += 1,
            ")" | "]" | "}" | "end" => depth = depth.saturating_sub(1),
            "|" | "," | "+" | "-" | "*" | "/" | "%" | "<" | ">" | "=" | "and" | "or" | "as"
            | "def" | "try" | "reduce" | "foreach" | "label" | "elif" | "then" | "else" => {
                operators += 1
            }
            _ => {}
        }
        if depth > MAX_NESTING && too_deep_at.is_none() {
            too_deep_at = Some(i);
        }
    }
    if let Some(at) = too_deep_at {
        let message = format!("nests deeper than {MAX_NESTING} levels");
        return Err(CompileError { column: source[..at].chars().count() + 1, message });
    }
    if operators > MAX_OPERATORS {
        let message = format!("holds more than {MAX_OPERATORS} operators");
        return Err(CompileError { column: 1, message });
    }
    Ok(())
}

/// Words (runs of letters, digits and `_`) and single other characters, with their byte
/// offsets.
fn tokens(source: &str) -> impl Iterator<Item = (usize, &str)> {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let mut rest = source.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, c) = rest.next()?;
        let mut end = start + c.len_utf8();
        if word(c) {
            while let Some(&(i, c)) = rest.peek().filter(|(_, c)| word(*c)) {
                end = i + c.len_utf8();
                rest.next();
            }
        }
        Some((start, &source[start..end]))
    })
}

/// How deep arrays and objects nest in `body`, outside strings; stops counting past
/// [`MAX_BODY_DEPTH`].
pub fn json_depth(body: &[u8]) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for &b in body {
        match (in_string, b) {
            (true, _) if escaped => escaped = false,
            (true, b'\\') => escaped = true,
            (true, b'"') => in_string = false,
            (true, _) => {}
            (false, b'"') => in_string = true,
            (false, b'[' | b'{') => {
                depth += 1;
                deepest = deepest.max(depth);
                if deepest > MAX_BODY_DEPTH {
                    break;
                }
            }
            (false, b']' | b'}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
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
    fn halt_is_the_body_s_result_not_an_exit() {
        assert_eq!(Filter::compile("halt").unwrap().decide(TODO), Decision::Drop);
        assert_eq!(Filter::compile("halt, true").unwrap().decide(TODO), Decision::Drop);
        let failed = Filter::compile(r#""boom" | halt_error"#).unwrap().decide(TODO);
        assert!(
            matches!(&failed, Decision::Failed(why) if why.contains("halt_error")),
            "{failed:?}"
        );
    }

    #[test]
    fn deep_expressions_are_refused_before_parsing() {
        let deep = format!("{}.{}", "(".repeat(5_000), ")".repeat(5_000));
        let err = Filter::compile(&deep).unwrap_err();
        assert!(err.message.contains("nests deeper than 64"), "{err}");
        assert_eq!(err.column, 65, "at the first bracket too deep: {err}");
        let long = vec!["."; 20_000].join(" | ");
        let err = Filter::compile(&long).unwrap_err();
        assert!(err.message.contains("more than 256 operators"), "{err}");
        // At the limits, it compiles and runs on a test thread's stack.
        let src = format!("{}{}{}", "(".repeat(64), vec!["."; 200].join(" | "), ")".repeat(64));
        assert!(Filter::compile(&src).unwrap().matches(TODO));
        assert!(Filter::compile(r#"test("^(a|b|c)$") or . == "(""#).is_ok());
    }

    #[test]
    fn deep_bodies_fail_instead_of_overflowing() {
        let body = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let failed = Filter::compile(".").unwrap().decide(body.as_bytes());
        assert!(matches!(&failed, Decision::Failed(why) if why.contains("128")), "{failed:?}");
        let ok = format!("{}1{}", "[".repeat(128), "]".repeat(128));
        assert_eq!(Filter::compile(".").unwrap().decide(ok.as_bytes()), Decision::Keep);
        assert_eq!(json_depth(br#"{"a":"[[[[","b":[{"c":"\"["}]}"#), 3);
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
