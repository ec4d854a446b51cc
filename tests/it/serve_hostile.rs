//! `tebiki serve` under hostile requests (SPEC §8, §11): traversal in every
//! encoding, very long paths and headers, many concurrent connections (a
//! bounded load from this process, on loopback only), and clients that
//! disconnect mid-request or mid-response. After each, it keeps serving.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::common;
use crate::common::SiteTest;
use crate::common::serve::Serve;

const SECRET: &str = "TOP-SECRET-OUTSIDE-THE-BUILD";
const PAGE: &str = "/en/programs/alpha/index.html";

fn site() -> SiteTest {
    let t = SiteTest::new("serve/site");
    std::fs::write(t.root().join("Cargo.toml"), format!("[package]\nname = \"{SECRET}\"\n")).unwrap();
    std::fs::write(t.root().join("secret.txt"), SECRET).unwrap();
    t
}

/// Sends `raw` as is and reads the answer until the server closes or
/// `timeout` passes; write errors (the server closed first) are fine.
fn exchange(addr: &str, raw: &[u8], timeout: Duration) -> String {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(timeout)).unwrap();
    s.set_write_timeout(Some(timeout)).unwrap();
    let _ = s.write_all(raw);
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    String::from_utf8_lossy(&out).to_string()
}

fn status(answer: &str) -> u16 {
    answer.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0)
}

fn still_serves(s: &Serve) {
    let r = s.get(PAGE);
    assert_eq!(r.status, 200, "the server stopped serving");
    assert!(r.body.contains("Alpha body text."));
    assert!(!s.log().contains("panicked"), "{}", s.log());
}

#[test]
fn traversal_in_every_encoding_is_refused() {
    let t = site();
    let s = Serve::start(t.root(), &[]);
    let paths = [
        "/../secret.txt",
        "/../../../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2e/secret.txt",
        "/.%2E/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/%2e%2e%5csecret.txt",
        "/..\\secret.txt",
        "/%252e%252e%252fsecret.txt",
        "/%c0%ae%c0%ae/secret.txt",
        "/%e0%80%ae%e0%80%ae/secret.txt",
        "/%uff0e%uff0e/secret.txt",
        "/\u{ff0e}\u{ff0e}/secret.txt",
        "/%ef%bc%8e%ef%bc%8e/secret.txt",
        "/ja/%2e%2e/%2e%2e/secret.txt",
        "/ja/./../../secret.txt",
        "//secret.txt",
        "/secret.txt%00.html",
        "/secret.txt",
        "/Cargo.toml",
        "/site.yaml",
        "/content/programs/alpha.en.md",
        "/%",
        "/%%32%65%%32%65/secret.txt",
    ];
    for path in paths {
        let answer = exchange(
            &s.addr,
            format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").as_bytes(),
            common::serve::WAIT,
        );
        let code = status(&answer);
        assert!(matches!(code, 400 | 404), "{path}: {code}");
        assert!(!answer.contains(SECRET) && !answer.contains("root:x:0") && !answer.contains("base_url"), "{path} leaked");
    }
    // Request targets that are not origin-form paths.
    for target in ["../secret.txt", "http://127.0.0.1/../secret.txt", "*", "secret.txt"] {
        let answer = exchange(
            &s.addr,
            format!("GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").as_bytes(),
            common::serve::WAIT,
        );
        assert!(!answer.contains(SECRET), "{target} leaked");
        assert_ne!(status(&answer), 200, "{target}");
    }
    still_serves(&s);
}

#[test]
fn very_long_paths_and_headers_are_refused_and_it_keeps_serving() {
    let t = site();
    let s = Serve::start(t.root(), &[]);
    let wait = Duration::from_secs(10);
    let long_path = format!("/{}", "a/".repeat(40_000));
    let answer = exchange(&s.addr, format!("GET {long_path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").as_bytes(), wait);
    assert_ne!(status(&answer), 200);
    let huge_path = format!("/{}", "%2e".repeat(400_000));
    let answer = exchange(&s.addr, format!("GET {huge_path} HTTP/1.1\r\nHost: localhost\r\n\r\n").as_bytes(), wait);
    assert_ne!(status(&answer), 200);
    let long_header = format!("GET {PAGE} HTTP/1.1\r\nHost: localhost\r\nX-Long: {}\r\nConnection: close\r\n\r\n", "v".repeat(1 << 20));
    let answer = exchange(&s.addr, long_header.as_bytes(), wait);
    assert!(status(&answer) == 0 || status(&answer) >= 400, "a 1 MB header was accepted: {}", status(&answer));
    let many: String = (0..5000).map(|i| format!("X-H{i}: {i}\r\n")).collect();
    let answer = exchange(&s.addr, format!("GET {PAGE} HTTP/1.1\r\nHost: localhost\r\n{many}Connection: close\r\n\r\n").as_bytes(), wait);
    assert!(status(&answer) == 0 || status(&answer) >= 400, "5000 headers were accepted: {}", status(&answer));
    let answer = exchange(&s.addr, b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03garbage that is not HTTP\r\n\r\n", wait);
    assert_ne!(status(&answer), 200);
    still_serves(&s);
}

#[test]
fn many_concurrent_connections_are_all_answered() {
    let t = site();
    let s = Serve::start(t.root(), &[]);
    // Idle connections that never send a request, held open during the load.
    let idle: Vec<TcpStream> = (0..64).map(|_| TcpStream::connect(&s.addr).expect("connect")).collect();
    let paths = ["/", PAGE, "/ja/", "/tebiki.css", "/sitemap.xml", "/data/site.json", "/nope.html"];
    let workers: Vec<_> = (0..24)
        .map(|w| {
            let addr = s.addr.clone();
            std::thread::spawn(move || {
                let mut answered = 0;
                for i in 0..20 {
                    let path = paths[(w + i) % paths.len()];
                    let answer = exchange(&addr, format!("GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").as_bytes(), common::serve::WAIT);
                    let want = if path == "/nope.html" { 404 } else { 200 };
                    if status(&answer) == want {
                        answered += 1;
                    }
                }
                answered
            })
        })
        .collect();
    let answered: usize = workers.into_iter().map(|w| w.join().unwrap()).sum();
    assert_eq!(answered, 24 * 20, "some of the 480 requests failed");
    drop(idle);
    still_serves(&s);
}

#[test]
fn clients_that_disconnect_mid_stream_do_not_stop_it() {
    let t = site();
    let big: Vec<u8> = (0..8_000_000u32).map(|i| (i % 251) as u8).collect();
    std::fs::write(t.root().join("content/programs/big.bin"), &big).unwrap();
    let s = Serve::start(t.root(), &[]);
    for round in 0..30 {
        // Half a request, then gone.
        let mut c = TcpStream::connect(&s.addr).unwrap();
        let _ = c.write_all(b"GET /en/programs/alp");
        drop(c);
        // A large response abandoned after its first bytes.
        let mut c = TcpStream::connect(&s.addr).unwrap();
        c.set_read_timeout(Some(common::serve::WAIT)).unwrap();
        c.write_all(b"GET /assets/programs/big.bin HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        let mut first = [0u8; 1024];
        let _ = c.read(&mut first);
        drop(c);
        // The live-reload stream, left at once.
        if round % 3 == 0 {
            let mut c = TcpStream::connect(&s.addr).unwrap();
            c.write_all(b"GET /__tebiki/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
            let _ = c.read(&mut first);
            let _ = c.shutdown(std::net::Shutdown::Both);
        }
    }
    still_serves(&s);
    // The large file still arrives whole.
    let mut c = TcpStream::connect(&s.addr).unwrap();
    c.set_read_timeout(Some(common::serve::WAIT)).unwrap();
    c.write_all(b"GET /assets/programs/big.bin HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    c.read_to_end(&mut raw).unwrap();
    let at = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    assert_eq!(raw[at..].len(), big.len());
    assert!(raw[at..] == big[..]);
}
