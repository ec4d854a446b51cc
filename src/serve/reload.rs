//! Live reload: the state every open page follows, and how it reaches them.
//!
//! The server's [`Live`] state — the files of the last good build, that
//! build's id, and the problems of the last build if it failed — sits in a
//! `tokio::sync::watch` channel: the rebuild thread sends, every request and
//! every page's event stream reads. Each served HTML page gets one script tag
//! naming the build it came from ([`inject`]); the script follows
//! `/__tebiki/events` ([`events`]), which sends the state at once and again
//! after every change. A page whose build is not the current one reloads, so
//! no reload is lost however a save and a page load interleave, and a page
//! that reconnects after the server restarted reloads too.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream};
use serde::Serialize;
use tokio::sync::watch;

use super::overlay::Problem;

/// The files of one good build, by output path (`ja/programs/b-cure/index.html`).
#[derive(Debug, Default)]
pub struct Files {
    pub map: HashMap<String, Bytes>,
}

/// What the server shows now.
#[derive(Clone, Debug)]
pub struct Live {
    /// The last good build; `None` until one succeeded.
    pub files: Option<Arc<Files>>,
    /// The id of that build, which pages compare with their own.
    pub build: String,
    /// The problems of the last build if it failed; empty after a good one.
    pub problems: Arc<Vec<Problem>>,
}

impl Live {
    /// The state before any build: nothing to serve, no problems.
    pub fn empty() -> Live {
        Live { files: None, build: "none".into(), problems: Arc::new(Vec::new()) }
    }
}

/// The server's side of the channel.
pub type Receiver = watch::Receiver<Live>;

/// Where pages listen for the state.
pub const EVENTS_PATH: &str = "/__tebiki/events";
/// The script that follows it and draws the overlay.
pub const SCRIPT_PATH: &str = "/__tebiki/live.js";
/// The overlay's stylesheet.
pub const STYLE_PATH: &str = "/__tebiki/live.css";

/// Adds the live-reload script, tagged with the page's build, to an HTML
/// page: before `</head>`, else before `</body>`, else at the end.
pub fn inject(html: &[u8], build: &str) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\" data-tebiki-build=\"{}\" defer></script>\n", attr(build));
    let at = find_ci(html, b"</head>").or_else(|| find_ci(html, b"</body>")).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle))
}

fn attr(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect()
}

#[derive(Serialize)]
struct Message<'a> {
    build: &'a str,
    problems: &'a [Problem],
}

/// The state as one event of the stream.
fn message(live: &Live) -> Event {
    let json = serde_json::to_string(&Message { build: &live.build, problems: &live.problems }).unwrap_or_default();
    Event::default().event("state").data(json)
}

/// `GET /__tebiki/events`: the state now, then after every change.
pub async fn events(State(rx): State<Receiver>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let stream = stream::unfold((rx, true), |(mut rx, first)| async move {
        if !first && rx.changed().await.is_err() {
            return None;
        }
        let mut event = message(&rx.borrow_and_update());
        if first {
            // Reconnect quickly after a restart of the server.
            event = event.retry(Duration::from_millis(500));
        }
        Some((Ok(event), (rx, false)))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_end_of_head() {
        let html = b"<html><head><title>x</title></HEAD><body><p>a</p></body></html>";
        let out = String::from_utf8(inject(html, "42-7")).unwrap();
        assert_eq!(
            out,
            "<html><head><title>x</title><script src=\"/__tebiki/live.js\" data-tebiki-build=\"42-7\" defer></script>\n\
             </HEAD><body><p>a</p></body></html>"
        );
    }

    #[test]
    fn without_head_it_goes_before_body_end_or_at_the_end() {
        let out = String::from_utf8(inject(b"<p>a</p></body>", "1")).unwrap();
        assert!(out.starts_with("<p>a</p><script"), "{out}");
        let out = String::from_utf8(inject(b"plain", "1")).unwrap();
        assert!(out.starts_with("plain<script"), "{out}");
    }

    #[test]
    fn the_tag_is_an_external_script_and_the_build_id_cannot_break_out() {
        let out = String::from_utf8(inject(b"</head>", "1\"><script>x")).unwrap();
        assert!(out.contains("data-tebiki-build=\"1scriptx\""), "{out}");
        assert_eq!(out.matches("<script").count(), 1);
        assert!(out.contains("<script src="));
    }
}
