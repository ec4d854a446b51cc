//! `tebiki serve` listens on loopback only unless `--bind` says otherwise.
//!
//! Two checks: the listening socket's own address (from /proc/net/tcp), and,
//! where the test may make a network namespace of its own (root, `unshare`),
//! a real connection to a non-loopback address of that namespace — a veth
//! interface with 192.0.2.1 (TEST-NET-1), reachable from nowhere else.

#![cfg(target_os = "linux")]

use std::process::Command;

use crate::common::SiteTest;
use crate::common::serve::Serve;

/// Local addresses of the TCP sockets listening on `port` (IPv4 and IPv6, as hex).
fn listening(port: u16) -> Vec<String> {
    let mut out = Vec::new();
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let Ok(text) = std::fs::read_to_string(table) else { continue };
        for line in text.lines().skip(1) {
            let cols: Vec<&str> = line.split_whitespace().collect();
            let (Some(local), Some(state)) = (cols.get(1), cols.get(3)) else { continue };
            let Some((ip, p)) = local.rsplit_once(':') else { continue };
            if *state == "0A" && u16::from_str_radix(p, 16).ok() == Some(port) {
                out.push(ip.to_string());
            }
        }
    }
    out
}

fn port(s: &Serve) -> u16 {
    s.addr.rsplit_once(':').and_then(|(_, p)| p.parse().ok()).unwrap()
}

#[test]
fn by_default_the_socket_is_bound_to_127_0_0_1_only() {
    let t = SiteTest::new("serve/site");
    let s = Serve::start(t.root(), &[]);
    assert!(s.url.starts_with("http://127.0.0.1:"), "{}", s.url);
    assert_eq!(listening(port(&s)), ["0100007F"]);
}

#[test]
fn bind_makes_it_listen_where_asked() {
    let t = SiteTest::new("serve/site");
    let s = Serve::start(t.root(), &["--bind", "0.0.0.0"]);
    assert_eq!(listening(port(&s)), ["00000000"]);
    assert!(s.log().contains("visible to other machines"), "{}", s.log());
    assert_eq!(s.get("/").status, 200);
}

/// Runs `tebiki serve EXTRA…` in a fresh network namespace with a veth
/// interface at 192.0.2.1; returns what connecting to each address did, or
/// `None` when this machine does not let the test make a namespace.
fn reachable_in_namespace(root: &std::path::Path, extra: &str) -> Option<String> {
    if !Command::new("unshare").args(["--net", "true"]).status().is_ok_and(|s| s.success()) {
        return None;
    }
    let script = format!(
        r#"set -e
ip link set lo up
ip link add tv0 type veth peer name tv1
ip addr add 192.0.2.1/24 dev tv0
ip link set tv0 up
ip link set tv1 up
"{bin}" --root "{root}" serve --port 4711 {extra} 2>/dev/null &
pid=$!
for i in $(seq 1 1200); do (exec 3<>/dev/tcp/127.0.0.1/4711) 2>/dev/null && break; sleep 0.1; done
probe() {{ if (exec 3<>/dev/tcp/$1/4711) 2>/dev/null; then echo "$1=open"; else echo "$1=closed"; fi; }}
probe 127.0.0.1
probe 192.0.2.1
kill $pid
"#,
        bin = env!("CARGO_BIN_EXE_tebiki"),
        root = root.display(),
    );
    let out = Command::new("unshare").args(["--net", "bash", "-c", &script]).output().ok()?;
    if !out.status.success() {
        eprintln!("namespace set-up failed: {}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    Some(String::from_utf8_lossy(&out.stdout).to_string())
}

#[test]
fn a_non_loopback_address_of_the_machine_cannot_connect_unless_bind_says_so() {
    let t = SiteTest::new("serve/site");
    let Some(default) = reachable_in_namespace(t.root(), "") else {
        eprintln!("skipped: cannot make a network namespace here (needs root and unshare); the socket check above still runs");
        return;
    };
    assert!(default.contains("127.0.0.1=open"), "{default}");
    assert!(default.contains("192.0.2.1=closed"), "{default}");
    let bound = reachable_in_namespace(t.root(), "--bind 0.0.0.0").unwrap();
    assert!(bound.contains("192.0.2.1=open"), "{bound}");
}
