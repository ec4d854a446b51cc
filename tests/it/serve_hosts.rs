//! `tebiki serve` answers only requests addressed to it (SPEC §8, §14): a
//! page that points a name of its own at 127.0.0.1 (DNS rebinding) sends
//! that name as `Host` and gets 403, on the site and on the live-reload
//! routes alike; the names of the preview itself are answered.

use std::io::{Read, Write};
use std::net::TcpStream;

use crate::common::SiteTest;
use crate::common::serve::{Serve, WAIT};

const PAGE: &str = "/en/programs/alpha/index.html";

/// Sends `GET path` with `host` as the `Host` header (none when `None`); returns the status and the body.
fn get_as(addr: &str, path: &str, host: Option<&str>) -> (u16, String) {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(WAIT)).unwrap();
    let host = host.map(|h| format!("Host: {h}\r\n")).unwrap_or_default();
    write!(s, "GET {path} HTTP/1.0\r\n{host}\r\n").unwrap();
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).to_string();
    let status = text.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

fn port(s: &Serve) -> &str {
    s.addr.rsplit_once(':').map(|(_, p)| p).unwrap()
}

#[test]
fn a_request_naming_another_host_gets_403_on_every_route() {
    let t = SiteTest::new("serve/site");
    let s = Serve::start(t.root(), &[]);
    let p = port(&s);
    let foreign = [
        "evil.example".to_string(),
        format!("evil.example:{p}"),
        format!("127.0.0.1.evil.example:{p}"),
        format!("localhost.evil.example:{p}"),
        format!("sub.localhost:{p}"),
        "10.0.0.1".to_string(),
        String::new(),
    ];
    for host in &foreign {
        for path in ["/", PAGE, "/__tebiki/events", "/__tebiki/live.js", "/nope.html"] {
            let (status, body) = get_as(&s.addr, path, Some(host));
            assert_eq!(status, 403, "Host: {host:?} {path}");
            assert!(body.starts_with("403 Forbidden: this preview answers only requests for localhost"), "{body}");
            assert!(!body.contains("Alpha") && !body.contains("event:"), "{path} answered for {host:?}");
        }
    }
    assert_eq!(get_as(&s.addr, PAGE, None).0, 403, "no Host at all");
    // An absolute request target names its host too.
    let (status, _) = get_as(&s.addr, &format!("http://evil.example:{p}{PAGE}"), Some(&format!("127.0.0.1:{p}")));
    assert_eq!(status, 403);
}

#[test]
fn the_names_of_the_preview_are_answered_with_or_without_the_port() {
    let t = SiteTest::new("serve/site");
    let s = Serve::start(t.root(), &[]);
    let p = port(&s);
    for host in
        [format!("127.0.0.1:{p}"), "127.0.0.1".into(), format!("localhost:{p}"), "LOCALHOST".into(), format!("[::1]:{p}"), "[::1]".into()]
    {
        let (status, body) = get_as(&s.addr, PAGE, Some(&host));
        assert_eq!(status, 200, "Host: {host}");
        assert!(body.contains("Alpha body text."), "Host: {host}");
    }
    let (status, body) = get_as(&s.addr, "/__tebiki/live.js", Some(&format!("localhost:{p}")));
    assert_eq!(status, 200);
    assert!(!body.is_empty());
}

/// This machine's name, when it resolves to a loopback address.
fn loopback_hostname() -> Option<String> {
    use std::net::ToSocketAddrs as _;
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname").ok()?.trim().to_string();
    let ip = (name.as_str(), 0).to_socket_addrs().ok()?.next()?.ip();
    (ip.is_loopback() && name != "localhost").then_some(name)
}

#[test]
fn the_name_given_with_bind_is_answered() {
    let Some(name) = loopback_hostname() else {
        eprintln!("skipped: this machine's name does not resolve to a loopback address");
        return;
    };
    let t = SiteTest::new("serve/site");
    let s = Serve::start(t.root(), &["--bind", &name]);
    let p = port(&s);
    assert_eq!(get_as(&s.addr, PAGE, Some(&format!("{name}:{p}"))).0, 200);
    assert_eq!(get_as(&s.addr, PAGE, Some(&format!("{}:{p}", name.to_uppercase()))).0, 200);
    assert_eq!(get_as(&s.addr, PAGE, Some(&format!("x{name}:{p}"))).0, 403);
}

#[test]
fn a_bind_value_that_is_no_address_or_name_is_a_usage_error() {
    let t = SiteTest::new("serve/site");
    let r = t.run(&["serve", "--port", "0", "--bind", "no such host"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--bind no such host"), "{}", r.stderr);
}
