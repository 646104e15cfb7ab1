//! Checking what `create` and `update` are asked to send, before any request: URLs, event
//! names, project lists. Pure: no I/O.

use std::net::IpAddr;

use crate::error::Failure;
use crate::events;

/// The event names to send, validated and de-duplicated, in catalogue order. Empty means
/// every event (also for `all`).
pub fn parse_events(given: &[String]) -> anyhow::Result<Vec<String>> {
    let given: Vec<&str> = given.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
    if given.iter().any(|s| s.eq_ignore_ascii_case("all")) {
        if given.len() > 1 {
            return Err(Failure::usage("`all` cannot be combined with other events").into());
        }
        return Ok(Vec::new());
    }
    let mut names = Vec::new();
    for name in given {
        let e =
            events::resolve(name).map_err(|e| Failure::usage(e.to_string()).with_hint(e.hint()))?;
        if !e.subscribable {
            let msg =
                format!("{} is sent by Blue to every webhook and cannot be subscribed to", e.name);
            return Err(Failure::usage(msg).into());
        }
        names.push(e.name);
    }
    Ok(ordered(names))
}

/// Names in catalogue order, each once.
pub fn ordered<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let names: Vec<&str> = names.into_iter().collect();
    events::subscribable().filter(|e| names.contains(&e.name)).map(|e| e.name.to_string()).collect()
}

/// Project ids to send; empty (or `all`) means every project.
pub fn parse_projects(given: &[String]) -> anyhow::Result<Vec<String>> {
    let ids: Vec<String> =
        given.iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
    if ids.iter().any(|s| s.eq_ignore_ascii_case("all")) {
        if ids.len() > 1 {
            return Err(Failure::usage("`all` cannot be combined with project ids").into());
        }
        return Ok(Vec::new());
    }
    let mut out: Vec<String> = Vec::new();
    for id in ids {
        if !out.contains(&id) {
            out.push(id);
        }
    }
    Ok(out)
}

/// The URL Blue should deliver to: http(s), with a host. Returns the parsed URL.
pub fn check_url(url: &str) -> anyhow::Result<reqwest::Url> {
    let hint = "give a full URL such as https://example.com/blue-webhook";
    let parsed = reqwest::Url::parse(url.trim())
        .map_err(|e| Failure::usage(format!("`{url}` is not a valid URL: {e}")).with_hint(hint))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        let msg =
            format!("`{url}` uses {}:, but Blue delivers only over http or https", parsed.scheme());
        return Err(Failure::usage(msg).with_hint(hint).into());
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(Failure::usage(format!("`{url}` has no host")).with_hint(hint).into());
    }
    Ok(parsed)
}

/// A URL as a person types it, for any command that sends to one (`create`'s prompt,
/// `send-sample`, `listen --forward-to`). Like `stripe listen --forward-to localhost:3000`,
/// a loopback host without a scheme gets `http://`; any other host without one is an error
/// that suggests `https://`.
pub fn web_url(input: &str) -> anyhow::Result<reqwest::Url> {
    let input = input.trim();
    if input.is_empty() {
        return Err(Failure::usage("the URL is empty").into());
    }
    if input.contains("://") {
        return check_url(input);
    }
    let authority = input.split(['/', '?', '#']).next().unwrap_or("");
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => authority.rsplit_once(':').map_or(authority, |(h, _)| h),
    };
    if is_loopback(host) {
        return check_url(&format!("http://{input}"));
    }
    let msg = format!("`{input}` has no scheme (http:// or https://)");
    Err(Failure::usage(msg).with_hint(format!("did you mean https://{input} ?")).into())
}

/// localhost, 127.0.0.0/8 or ::1.
fn is_loopback(host: &str) -> bool {
    let h = host.to_ascii_lowercase();
    h == "localhost"
        || h.ends_with(".localhost")
        || h.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback() || ip.is_unspecified())
}

/// Whether `api_url` is on this machine or a private network: `bluehook sandbox`, not Blue,
/// which refuses to deliver to private and local addresses (the sandbox exists for them).
pub fn local_api(api_url: &str) -> bool {
    reqwest::Url::parse(api_url).is_ok_and(|u| is_private(&u))
}

/// Whether the URL names a host Blue will refuse, as written: localhost, or a private,
/// loopback or link-local address (IPv4 ones also when written as IPv6, `[::ffff:127.0.0.1]`).
/// A name's addresses are `send::target::private`'s to check.
pub fn is_private(url: &reqwest::Url) -> bool {
    let host = url.host_str().unwrap_or("").trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = host.parse::<IpAddr>() {
        return is_private_ip(ip);
    }
    let d = host.to_ascii_lowercase();
    let d = d.trim_end_matches('.');
    d == "localhost"
        || d.ends_with(".localhost")
        || d.ends_with(".local")
        || d.ends_with(".internal")
}

/// Loopback, private, link-local, unspecified and broadcast addresses; an IPv6 address that
/// carries an IPv4 one (mapped `::ffff:a.b.c.d` or compatible `::a.b.c.d`) is judged by it.
pub fn is_private_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.octets()[0] == 0
        }
        IpAddr::V6(v6) => {
            let carried =
                v6.to_ipv4_mapped().or_else(|| v6.to_ipv4().filter(|_| v6.segments()[6] != 0));
            if let Some(v4) = carried {
                return is_private_ip(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn events_are_validated_ordered_and_all_means_empty() {
        assert_eq!(
            parse_events(&s(&["comment_created", "TODO_CREATED", "TODO_CREATED"])).unwrap(),
            s(&["TODO_CREATED", "COMMENT_CREATED"])
        );
        assert!(parse_events(&s(&["all"])).unwrap().is_empty());
        assert!(parse_events(&[]).unwrap().is_empty());
        let err = parse_events(&s(&["TODO_CREATD"])).unwrap_err();
        let f = err.downcast_ref::<Failure>().unwrap();
        assert!(f.hint.as_deref().unwrap().contains("TODO_CREATED"));
        assert!(parse_events(&s(&["WEBHOOK_HEALTH_CHECK"])).is_err());
        assert!(parse_events(&s(&["all", "TAG_CREATED"])).is_err());
    }

    #[test]
    fn urls_need_http_and_a_host() {
        assert!(check_url("https://example.com/hook").is_ok());
        assert!(check_url("ftp://example.com").is_err());
        assert!(check_url("example.com/hook").is_err());
        assert!(check_url("http://").is_err());
    }

    #[test]
    fn loopback_urls_without_a_scheme_get_http_and_others_a_suggestion() {
        let u = |s: &str| web_url(s).map(|u| u.to_string());
        assert_eq!(u("localhost:8080/hook").unwrap(), "http://localhost:8080/hook");
        assert_eq!(u("127.0.0.1:3000").unwrap(), "http://127.0.0.1:3000/");
        assert_eq!(u("[::1]:9000/x").unwrap(), "http://[::1]:9000/x");
        assert_eq!(u(" https://example.com/h ").unwrap(), "https://example.com/h");
        let err = web_url("example.com/hook").unwrap_err();
        let f = err.downcast_ref::<Failure>().unwrap();
        assert!(err.to_string().contains("has no scheme"), "{err}");
        assert_eq!(f.hint.as_deref(), Some("did you mean https://example.com/hook ?"));
        assert!(web_url("ftp://example.com").is_err() && web_url("").is_err());
    }

    #[test]
    fn private_hosts_are_recognised() {
        let p = |u: &str| is_private(&check_url(u).unwrap());
        assert!(p("http://localhost:8080/x") && p("http://127.0.0.1/") && p("http://192.168.1.5/"));
        assert!(p("http://[::1]:9/") && p("http://10.0.0.1/") && p("http://[fd00::1]/"));
        assert!(!p("https://example.com/") && !p("https://8.8.8.8/"));
    }

    #[test]
    fn an_api_on_this_machine_or_a_private_network_is_local() {
        for sandbox in ["http://127.0.0.1:4000/graphql", "http://localhost:9/graphql"] {
            assert!(local_api(sandbox), "{sandbox}");
        }
        assert!(local_api("http://10.1.2.3/graphql") && local_api("http://[::ffff:7f00:1]/g"));
        assert!(!local_api("https://api.blue.app/graphql") && !local_api("not a url"));
    }

    #[test]
    fn ipv4_addresses_written_as_ipv6_are_judged_as_ipv4() {
        let p = |u: &str| is_private(&check_url(u).unwrap());
        assert!(p("http://[::ffff:127.0.0.1]/") && p("http://[::ffff:7f00:1]:8080/"));
        assert!(p("http://[::ffff:10.0.0.1]/") && p("http://[::127.0.0.1]/"));
        assert!(p("http://[::ffff:169.254.169.254]/") && p("http://localhost./"));
        assert!(p("http://0.0.0.0/") && p("http://[::]/"));
        assert!(!p("http://[::ffff:8.8.8.8]/") && !p("http://[2606:4700::1111]/"));
    }

    #[test]
    fn projects_dedupe_and_all_means_empty() {
        assert_eq!(parse_projects(&s(&["p1", " p2", "p1"])).unwrap(), s(&["p1", "p2"]));
        assert!(parse_projects(&s(&["ALL"])).unwrap().is_empty());
    }
}
