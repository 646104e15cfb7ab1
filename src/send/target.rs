//! Whether a URL leads to a private or local address: as written (`hookspec::is_private`), or
//! through any address its host name resolves to (the machine's own name, a name pointing
//! at 10.x). What `create`/`update` warn about and `sandbox --strict-urls` refuses, as Blue does.

use std::time::Duration;

use crate::hookspec;

/// How long a name gets to resolve; one that does not is not called private.
const RESOLVE: Duration = Duration::from_secs(5);

/// Whether `url`'s host is private or local, or resolves to at least one such address.
pub async fn private(url: &reqwest::Url) -> bool {
    if hookspec::is_private(url) {
        return true;
    }
    let Some(host) = url.host_str().filter(|h| !h.starts_with('[')) else { return false };
    if host.parse::<std::net::IpAddr>().is_ok() {
        return false;
    }
    let port = url.port_or_known_default().unwrap_or(80);
    match tokio::time::timeout(RESOLVE, tokio::net::lookup_host((host, port))).await {
        Ok(Ok(mut addrs)) => addrs.any(|a| hookspec::is_private_ip(a.ip())),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn names_are_judged_by_every_address_they_resolve_to() {
        let url = |u: &str| reqwest::Url::parse(u).unwrap();
        assert!(private(&url("http://[::ffff:127.0.0.1]:9/")).await);
        assert!(private(&url("http://localhost./x")).await);
        // `.invalid` never resolves (RFC 6761): not known to be private.
        assert!(!private(&url("https://blue.invalid/hook")).await);
        assert!(!private(&url("https://93.184.215.14/hook")).await);
    }
}
