//! Which `Host` a request to the preview may name.
//!
//! A web page open in the same browser can point a name it controls at
//! 127.0.0.1 (DNS rebinding) and then read the preview as its own origin:
//! the pages, and the error feed with the site's absolute paths. The browser
//! still sends that name as the `Host` header, so the preview answers only
//! requests whose `Host` names it: `localhost`, `127.0.0.1`, `[::1]`, the
//! address it listens on, or the name given with `--bind`, with or without
//! a port. When it listens on every address (`0.0.0.0`, `::`), any IP
//! address is accepted too, since it may be reached on any of the
//! machine's; a name never is, unless it is the `--bind` name.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The `Host` values the preview answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AllowedHosts {
    /// The address the preview listens on.
    bound: IpAddr,
    /// The name given with `--bind`, lower-cased, without a final dot.
    name: Option<String>,
}

impl AllowedHosts {
    /// The hosts of a preview listening on `bound`, reached as `name` if the
    /// user gave one with `--bind`.
    pub fn new(bound: IpAddr, name: Option<&str>) -> AllowedHosts {
        AllowedHosts { bound, name: name.map(normalise).filter(|n| !n.is_empty()) }
    }

    /// Whether a request whose `Host` header (or absolute URI's authority) is `host` is answered.
    pub fn allows(&self, host: &str) -> bool {
        let Some(name) = host_name(host) else { return false };
        let name = normalise(name);
        if name == "localhost" || self.name.as_deref() == Some(name.as_str()) {
            return true;
        }
        let Ok(ip) = name.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>() else { return false };
        let ip = ip.to_canonical();
        ip == IpAddr::V4(Ipv4Addr::LOCALHOST)
            || ip == IpAddr::V6(Ipv6Addr::LOCALHOST)
            || ip == self.bound.to_canonical()
            || self.bound.is_unspecified()
    }
}

/// `host` without its port: `example.org:80` → `example.org`, `[::1]:80` →
/// `[::1]`; `None` when it is empty or its port is not a number.
fn host_name(host: &str) -> Option<&str> {
    let host = host.trim();
    let (name, port) = if host.starts_with('[') {
        let end = host.find(']')? + 1;
        (&host[..end], host[end..].strip_prefix(':'))
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        }
    };
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    (!name.is_empty() && port_ok && (host.starts_with('[') || !name.contains(':'))).then_some(name)
}

fn normalise(name: &str) -> String {
    let name = name.strip_suffix('.').unwrap_or(name);
    name.to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loopback() -> AllowedHosts {
        AllowedHosts::new("127.0.0.1".parse().unwrap(), None)
    }

    #[test]
    fn loopback_names_and_the_bound_address_are_allowed_with_or_without_a_port() {
        let h = loopback();
        for host in ["localhost", "localhost:1111", "LOCALHOST:1111", "localhost.", "127.0.0.1", "127.0.0.1:1111", "[::1]", "[::1]:1111"] {
            assert!(h.allows(host), "{host}");
        }
        let lan = AllowedHosts::new("192.168.1.5".parse().unwrap(), None);
        assert!(lan.allows("192.168.1.5:1111"));
        assert!(!lan.allows("192.168.1.6:1111"));
    }

    #[test]
    fn other_names_are_refused() {
        let h = loopback();
        for host in [
            "evil.example",
            "evil.example:1111",
            "127.0.0.1.evil.example",
            "localhost.evil.example",
            "sub.localhost",
            "",
            ":1111",
            "localhost:",
            "localhost:x",
            "::1",
            "10.0.0.1",
        ] {
            assert!(!h.allows(host), "{host}");
        }
    }

    #[test]
    fn the_bind_name_is_allowed() {
        let h = AllowedHosts::new("192.168.1.5".parse().unwrap(), Some("MyBox.lan"));
        assert!(h.allows("mybox.lan:1111"));
        assert!(h.allows("MYBOX.LAN."));
        assert!(!h.allows("other.lan"));
    }

    #[test]
    fn every_address_allows_ip_addresses_but_no_other_name() {
        let h = AllowedHosts::new("0.0.0.0".parse().unwrap(), None);
        assert!(h.allows("192.168.1.5:1111"));
        assert!(h.allows("[fe80::1]:1111"));
        assert!(h.allows("localhost:1111"));
        assert!(!h.allows("evil.example:1111"));
    }
}
