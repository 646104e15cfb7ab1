//! Routes of `listen --forward-to`: `[EVENTS=]URL`, repeated. The first route whose events
//! include a delivery's event takes it; a route without events takes any. A delivery no route
//! takes is answered as without forwarding, and says so.
//!
//! `EVENTS` is a comma-separated list of Blue's event names, each of which may hold `*`
//! (`TODO_*`, `*_COMMENT_*`): expanded against the catalogue when the flag is read, so a
//! pattern that names no event is a usage error rather than a route that never matches.

use crate::events;

/// One `--forward-to`, as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// The events it takes (names from the catalogue); `None` for any delivery.
    pub events: Option<Vec<&'static str>>,
    /// The pattern as written, to show (`TODO_*`); `None` for any delivery.
    pub pattern: Option<String>,
    pub url: String,
}

impl Route {
    /// Reads `[EVENTS=]URL`. The part before the first `=` is taken as events only when it
    /// looks like them (capitals, digits, `_`, `*` and `,`), so a URL with a query string
    /// (`http://x/?a=b`) stays a URL.
    pub fn parse(spec: &str) -> Result<Route, String> {
        let (pattern, url) = match spec.split_once('=') {
            Some((p, url)) if looks_like_events(p) => (Some(p), url),
            _ => (None, spec),
        };
        if url.is_empty() {
            return Err(format!("`{spec}` names no URL to forward to"));
        }
        let events = pattern.map(expand).transpose()?;
        Ok(Route { events, pattern: pattern.map(String::from), url: url.to_string() })
    }

    /// Whether this route takes a delivery of `event`.
    pub fn takes(&self, event: Option<&str>) -> bool {
        match (&self.events, event) {
            (None, _) => true,
            (Some(events), Some(event)) => events.contains(&event),
            (Some(_), None) => false,
        }
    }

    /// `TODO_*=http://...` or the URL alone: how the route was given.
    pub fn label(&self) -> String {
        match &self.pattern {
            Some(p) => format!("{p}={}", self.url),
            None => self.url.clone(),
        }
    }
}

/// The first of `routes` that takes `event`.
pub fn pick<'a>(routes: &'a [Route], event: Option<&str>) -> Option<(usize, &'a Route)> {
    routes.iter().enumerate().find(|(_, r)| r.takes(event))
}

fn looks_like_events(p: &str) -> bool {
    !p.is_empty()
        && p.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || "_*,".contains(c))
}

/// The catalogue's event names matching a comma-separated list of patterns.
fn expand(patterns: &str) -> Result<Vec<&'static str>, String> {
    let mut names: Vec<&'static str> = Vec::new();
    for pattern in patterns.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let matched: Vec<&'static str> =
            events::CATALOGUE.iter().map(|e| e.name).filter(|n| wildcard(pattern, n)).collect();
        if matched.is_empty() {
            let hint = match events::resolve(pattern) {
                Err(e) => e.hint(),
                Ok(_) => String::new(),
            };
            return Err(format!("`{pattern}` matches no event of Blue's {hint}").trim().into());
        }
        for name in matched {
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    if names.is_empty() {
        return Err("an empty event list before `=`".into());
    }
    Ok(names)
}

/// Whether `name` matches `pattern`, where `*` stands for any run of characters.
fn wildcard(pattern: &str, name: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = name.strip_prefix(first) else { return false };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else { return rest.is_empty() };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_route_is_events_then_a_url_or_a_url_alone() {
        let r = Route::parse("TODO_CREATED,TODO_DELETED=http://localhost:3000/x").unwrap();
        assert_eq!(r.events.as_deref(), Some(&["TODO_CREATED", "TODO_DELETED"][..]));
        assert_eq!(r.url, "http://localhost:3000/x");
        let q = Route::parse("http://localhost:3000/hook?a=b").unwrap();
        assert_eq!((q.events, q.url.as_str()), (None, "http://localhost:3000/hook?a=b"));
        assert_eq!(Route::parse("localhost:3000").unwrap().url, "localhost:3000");
        assert!(Route::parse("TODO_*=").is_err());
    }

    #[test]
    fn patterns_expand_against_the_catalogue() {
        let todo = Route::parse("TODO_*=http://a").unwrap();
        assert!(todo.takes(Some("TODO_CREATED")) && todo.takes(Some("TODO_MOVED")));
        assert!(!todo.takes(Some("COMMENT_CREATED")) && !todo.takes(None));
        assert!(!todo.takes(Some("TODO_SOMETHING_NEW")), "only Blue's events");
        let comments = Route::parse("*COMMENT*=http://a").unwrap();
        assert!(comments.takes(Some("COMMENT_CREATED")));
        let err = Route::parse("TODO_CRATED=http://a").unwrap_err();
        assert!(err.contains("TODO_CRATED") && err.contains("TODO_CREATED"), "{err}");
    }

    #[test]
    fn the_first_route_that_takes_an_event_wins() {
        let routes = [
            Route::parse("TODO_CREATED=http://one").unwrap(),
            Route::parse("TODO_*=http://two").unwrap(),
            Route::parse("http://rest").unwrap(),
        ];
        let at = |e: &str| pick(&routes, Some(e)).map(|(i, _)| i);
        assert_eq!(
            (at("TODO_CREATED"), at("TODO_DELETED"), at("TAG_CREATED")),
            (Some(0), Some(1), Some(2))
        );
        assert_eq!(pick(&routes[..2], Some("TAG_CREATED")), None);
    }

    #[test]
    fn wildcards_match_runs_of_characters() {
        assert!(wildcard("TODO_*", "TODO_X") && wildcard("*", "A") && wildcard("A*B*C", "AxBxC"));
        assert!(!wildcard("A*B", "AxC") && !wildcard("TODO", "TODO_X") && !wildcard("*AB", "B"));
    }
}
