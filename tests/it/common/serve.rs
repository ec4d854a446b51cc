//! Test helper: `tebiki serve` running on a free port, with a plain HTTP
//! client (raw requests, so paths are sent exactly as written) and a reader
//! of its live-reload event stream.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a test waits for something the server should do "at once".
pub const WAIT: Duration = Duration::from_secs(20);

/// A running `tebiki serve`; stopped when dropped.
pub struct Serve {
    child: Child,
    /// `127.0.0.1:PORT`
    pub addr: String,
    pub url: String,
    log: Arc<Mutex<Vec<String>>>,
}

/// One HTTP response.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// One state sent to pages: the build served and the problems of a failed one.
#[derive(Debug, Clone)]
pub struct State {
    pub build: String,
    pub problems: Vec<serde_json::Value>,
}

impl Serve {
    /// Starts `tebiki --root ROOT serve --port 0 ARGS…` and waits until it serves.
    pub fn start(root: &Path, args: &[&str]) -> Serve {
        Serve::start_env(root, args, &[])
    }

    pub fn start_env(root: &Path, args: &[&str], env: &[(&str, &str)]) -> Serve {
        let mut cmd = super::tebiki();
        cmd.arg("--root").arg(root).args(["serve", "--port", "0"]).args(args);
        cmd.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("start tebiki serve");
        let stderr = child.stderr.take().expect("stderr");
        let log = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = channel();
        let log2 = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                log2.lock().unwrap().push(line.clone());
                let _ = tx.send(line);
            }
        });
        let url = wait_for_url(&rx, &log);
        let addr = url.trim_start_matches("http://").trim_end_matches('/').to_string();
        Serve { child, addr, url, log }
    }

    /// Everything the server printed so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().join("\n")
    }

    /// `GET path` with the path sent exactly as given.
    pub fn get(&self, path: &str) -> Response {
        request(&self.addr, path)
    }

    /// Follows the live-reload events; the first state arrives at once.
    pub fn events(&self) -> Events {
        let mut s = TcpStream::connect(&self.addr).expect("connect for events");
        write!(s, "GET /__tebiki/events HTTP/1.0\r\nHost: {}\r\n\r\n", self.addr).unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut event = String::new();
            for line in BufReader::new(s).lines().map_while(Result::ok) {
                if let Some(e) = line.strip_prefix("event: ") {
                    event = e.to_string();
                } else if let Some(data) = line.strip_prefix("data: ").filter(|_| event == "state") {
                    let v: serde_json::Value = serde_json::from_str(data).expect("state is JSON");
                    let state = State {
                        build: v["build"].as_str().unwrap_or_default().to_string(),
                        problems: v["problems"].as_array().cloned().unwrap_or_default(),
                    };
                    if tx.send(state).is_err() {
                        break;
                    }
                }
            }
        });
        let mut events = Events { rx, last: None };
        let first = events.next(WAIT).expect("a first state on connecting");
        events.last = Some(first);
        events
    }

    /// Waits for the server to print a line containing `text`.
    pub fn wait_log(&self, text: &str) {
        let end = Instant::now() + WAIT;
        while Instant::now() < end {
            if self.log().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("the server never printed {text:?}; it printed:\n{}", self.log());
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn wait_for_url(rx: &Receiver<String>, log: &Mutex<Vec<String>>) -> String {
    let end = Instant::now() + Duration::from_secs(120);
    loop {
        match rx.recv_timeout(end.saturating_duration_since(Instant::now())) {
            Ok(line) => {
                if let Some(rest) = line.split("Serving on ").nth(1) {
                    return rest.split_whitespace().next().unwrap_or_default().to_string();
                }
            }
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                panic!("tebiki serve did not start:\n{}", log.lock().unwrap().join("\n"))
            }
        }
    }
}

/// The live-reload event stream of one page.
pub struct Events {
    rx: Receiver<State>,
    /// The latest state seen.
    pub last: Option<State>,
}

impl Events {
    fn next(&mut self, timeout: Duration) -> Option<State> {
        self.rx.recv_timeout(timeout).ok()
    }

    /// The build this stream last heard of.
    pub fn build(&self) -> String {
        self.last.as_ref().map(|s| s.build.clone()).unwrap_or_default()
    }

    /// Waits for a state that satisfies `want`; panics after [`WAIT`].
    pub fn wait(&mut self, what: &str, want: impl Fn(&State) -> bool) -> State {
        let end = Instant::now() + WAIT;
        while let Some(s) = self.next(end.saturating_duration_since(Instant::now())) {
            self.last = Some(s.clone());
            if want(&s) {
                return s;
            }
        }
        panic!("no {what} within {WAIT:?}; last state: {:?}", self.last);
    }

    /// Waits for a reload: a new build without problems.
    pub fn reload(&mut self) -> State {
        let old = self.build();
        self.wait("reload", |s| s.build != old && s.problems.is_empty())
    }

    /// Whether any state arrives within `d`.
    pub fn quiet_for(&mut self, d: Duration) -> bool {
        match self.next(d) {
            Some(s) => {
                self.last = Some(s);
                false
            }
            None => true,
        }
    }
}

/// A raw HTTP/1.0 `GET` (the body runs to the end of the connection).
pub fn request(addr: &str, path: &str) -> Response {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(WAIT)).unwrap();
    write!(s, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read response");
    let text = String::from_utf8_lossy(&raw).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines.next().and_then(|l| l.split_whitespace().nth(1)).and_then(|c| c.parse().ok()).unwrap_or(0);
    let headers = lines.filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_string(), v.trim().to_string())).collect();
    Response { status, headers, body: body.to_string() }
}
