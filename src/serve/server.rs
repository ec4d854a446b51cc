//! The HTTP side of `tebiki serve`: the last good build, from memory.
//!
//! The build is never written to disk while serving; its files are kept in a
//! map from output path to bytes. A request path is percent-decoded segment
//! by segment and looked up in that map, so nothing outside the build can be
//! named: `..`, `.`, encoded slashes or backslashes, NUL bytes and invalid
//! encodings are refused with 400 before any lookup, and there are no
//! symbolic links to follow. Folders answer with their `index.html` (a path
//! without its final slash is redirected to it, so relative links work);
//! misses get the site's `404.html` with status 404. Every type the site
//! uses gets a correct `Content-Type`, text with `charset=utf-8`. HTML
//! responses, and only they, get the live-reload script.
//!
//! Every route, the live-reload events included, first checks that the
//! request names this preview as its host ([`super::hosts`]); any other
//! `Host` gets 403 with a short reason, so a page that reaches 127.0.0.1
//! under a name of its own (DNS rebinding) cannot read the preview.

use std::borrow::Cow;

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::dashboard;
use super::hosts::AllowedHosts;
use super::overlay;
use super::reload::{self, EVENTS_PATH, Live, Receiver, SCRIPT_PATH, STYLE_PATH};
use crate::paths;

/// The site a preview checks for its translation dashboard.
#[derive(Clone, Debug)]
pub struct Checked {
    pub root: std::path::PathBuf,
    pub drafts: bool,
}

/// The routes: the live-reload files and events, the translation dashboard
/// ([`dashboard::PATH`]), and the site for every other path; each answers
/// only requests that name one of `hosts`.
pub fn router(rx: Receiver, hosts: AllowedHosts, checked: Checked) -> Router {
    let checked = Arc::new(checked);
    Router::new()
        .route(dashboard::PATH, get(translations).with_state(checked.clone()))
        .route(
            dashboard::PATH.trim_end_matches('/'),
            get(|| async { (StatusCode::TEMPORARY_REDIRECT, [(header::LOCATION, dashboard::PATH)]) }),
        )
        .route(dashboard::STYLE_PATH, get(|| async { asset("dashboard.css", dashboard::STYLESHEET) }))
        .route(EVENTS_PATH, get(reload::events))
        .route(SCRIPT_PATH, get(|| async { asset("live.js", overlay::SCRIPT) }))
        .route(STYLE_PATH, get(|| async { asset("live.css", overlay::STYLE) }))
        .route("/", get(site))
        .route("/{*path}", get(site))
        .with_state(rx)
        .layer(middleware::from_fn_with_state(Arc::new(hosts), check_host))
}

/// Passes on requests whose `Host` (and absolute URI, if sent) names the
/// preview; answers any other with 403.
async fn check_host(State(hosts): State<Arc<AllowedHosts>>, request: Request, next: Next) -> Response {
    let host = request.headers().get(header::HOST).map(|h| h.to_str().unwrap_or_default());
    let authority = request.uri().authority().map(|a| a.as_str());
    let named = host.is_some() || authority.is_some();
    if named && host.is_none_or(|h| hosts.allows(h)) && authority.is_none_or(|a| hosts.allows(a)) {
        return next.run(request).await;
    }
    let reason = "403 Forbidden: this preview answers only requests for localhost, 127.0.0.1, [::1] \
                  or the address or name given with --bind; this request named another host.\n";
    headers(StatusCode::FORBIDDEN, "403.txt", Bytes::from_static(reason.as_bytes()))
}

fn asset(name: &str, text: &'static str) -> Response {
    headers(StatusCode::OK, name, Bytes::from_static(text.as_bytes()))
}

/// What a request path names in the build.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    /// The file with this output path.
    File(String),
    /// A folder asked for without its final slash: go here instead.
    Redirect(String),
    /// Nothing of that name.
    Missing,
    /// A path that tries to leave the build or is not a valid path.
    Bad,
}

/// Finds what `raw_path` (as sent, still percent-encoded) names among the
/// output paths for which `has` is true.
pub fn lookup(raw_path: &str, has: impl Fn(&str) -> bool) -> Lookup {
    let Some(rest) = raw_path.strip_prefix('/') else { return Lookup::Bad };
    let mut segments = Vec::new();
    for raw in rest.split('/') {
        let Some(seg) = percent_decode(raw) else { return Lookup::Bad };
        if seg == "." || seg == ".." || seg.contains(['/', '\\', '\0']) {
            return Lookup::Bad;
        }
        segments.push(seg);
    }
    let (last, folders) = segments.split_last().map(|(l, f)| (l.as_str(), f)).unwrap_or(("", &[]));
    if folders.iter().any(String::is_empty) {
        return Lookup::Missing;
    }
    let dir = folders.iter().map(|s| format!("{s}/")).collect::<String>();
    if last.is_empty() {
        let index = paths::index_of(&dir);
        return if has(&index) { Lookup::File(index) } else { Lookup::Missing };
    }
    let key = format!("{dir}{last}");
    if has(&key) {
        Lookup::File(key)
    } else if has(&paths::index_of(&format!("{key}/"))) {
        Lookup::Redirect(format!("{raw_path}/"))
    } else {
        Lookup::Missing
    }
}

/// Decodes `%XX` escapes; `None` for a broken escape or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The `Content-Type` of an output path.
pub fn content_type(path: &str) -> Cow<'static, str> {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let known = match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "webmanifest" => "application/manifest+json",
        "wasm" => "application/wasm",
        "pdf" => "application/pdf",
        _ => "",
    };
    if !known.is_empty() {
        return Cow::Borrowed(known);
    }
    match mime_guess::from_ext(&ext).first() {
        Some(m) if m.type_() == mime_guess::mime::TEXT => Cow::Owned(format!("{m}; charset=utf-8")),
        Some(m) => Cow::Owned(m.to_string()),
        None => Cow::Borrowed("application/octet-stream"),
    }
}

/// `GET` of the translation dashboard: the site checked now, sorted and
/// filtered as the query asks.
async fn translations(State(checked): State<Arc<Checked>>, uri: Uri) -> Response {
    let query = dashboard::Query::parse(uri.query().unwrap_or_default());
    let made = tokio::task::spawn_blocking(move || {
        let report = crate::check_report(&checked.root, checked.drafts);
        let title = crate::config::load_config(&checked.root).map(|c| c.title.get_or_any(crate::lang::Lang::En).to_string());
        let translations = report.translations.as_ref()?;
        Some(dashboard::page(&title.unwrap_or_default(), translations, &report.diagnostics.sorted(), &query, "dashboard.css"))
    })
    .await;
    match made {
        Ok(Some(page)) => headers(StatusCode::OK, paths::ROOT_INDEX, Bytes::from(page)),
        _ => (StatusCode::SERVICE_UNAVAILABLE, "503: the site cannot be loaded; the terminal shows why\n").into_response(),
    }
}

/// `GET` of any other path: a file of the last good build.
async fn site(State(rx): State<Receiver>, uri: Uri) -> Response {
    let live: Live = rx.borrow().clone();
    let Some(files) = &live.files else {
        let page = reload::inject(&overlay::placeholder(), &live.build);
        return headers(StatusCode::SERVICE_UNAVAILABLE, paths::ROOT_INDEX, Bytes::from(page));
    };
    let file = |status, key: &str| {
        let bytes = files.map.get(key).cloned().unwrap_or_default();
        let bytes = if content_type(key).starts_with("text/html") { Bytes::from(reload::inject(&bytes, &live.build)) } else { bytes };
        headers(status, key, bytes)
    };
    match lookup(uri.path(), |k| files.map.contains_key(k)) {
        Lookup::File(key) => file(StatusCode::OK, &key),
        Lookup::Redirect(to) => {
            let to = match uri.query() {
                Some(q) => format!("{to}?{q}"),
                None => to,
            };
            (StatusCode::TEMPORARY_REDIRECT, [(header::LOCATION, to)]).into_response()
        }
        Lookup::Missing if files.map.contains_key(paths::NOT_FOUND) => file(StatusCode::NOT_FOUND, paths::NOT_FOUND),
        Lookup::Missing => (StatusCode::NOT_FOUND, "404 Not Found\n").into_response(),
        Lookup::Bad => (StatusCode::BAD_REQUEST, "400 Bad Request\n").into_response(),
    }
}

fn headers(status: StatusCode, name: &str, body: Bytes) -> Response {
    let ty = content_type(name).into_owned();
    (status, [(header::CONTENT_TYPE, ty.as_str()), (header::CACHE_CONTROL, "no-store"), (header::X_CONTENT_TYPE_OPTIONS, "nosniff")], body)
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(path: &str) -> Lookup {
        let files = ["index.html", "404.html", "tebiki.css", "ja/index.html", "ja/programs/b-cure/index.html", "assets/図.png"];
        lookup(path, |k| files.contains(&k))
    }

    #[test]
    fn folders_answer_with_their_index() {
        assert_eq!(find("/"), Lookup::File("index.html".into()));
        assert_eq!(find("/ja/"), Lookup::File("ja/index.html".into()));
        assert_eq!(find("/ja/programs/b-cure/index.html"), Lookup::File("ja/programs/b-cure/index.html".into()));
        assert_eq!(find("/ja/programs/b-cure"), Lookup::Redirect("/ja/programs/b-cure/".into()));
        assert_eq!(find("/tebiki.css"), Lookup::File("tebiki.css".into()));
    }

    #[test]
    fn encoded_names_are_decoded() {
        assert_eq!(find("/assets/%E5%9B%B3.png"), Lookup::File("assets/図.png".into()));
        assert_eq!(find("/tebiki%2ecss"), Lookup::File("tebiki.css".into()));
    }

    #[test]
    fn traversal_in_any_encoding_is_refused() {
        for p in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E/Cargo.toml",
            "/..%2fCargo.toml",
            "/..%2FCargo.toml",
            "/ja/../../Cargo.toml",
            "/ja/%2e%2e%2f%2e%2e%2fCargo.toml",
            "/..%5cCargo.toml",
            "/.%2e/Cargo.toml",
            "/./index.html",
            "/index.html%00",
            "/%zz",
            "/%ff",
            "relative",
        ] {
            assert_eq!(find(p), Lookup::Bad, "{p}");
        }
        // Double encoding decodes once, to a name that does not exist.
        assert_eq!(find("/%252e%252e/Cargo.toml"), Lookup::Missing);
    }

    #[test]
    fn misses_are_missing() {
        assert_eq!(find("/nope.html"), Lookup::Missing);
        assert_eq!(find("/ja//index.html"), Lookup::Missing);
        assert_eq!(find("/en/"), Lookup::Missing);
    }

    #[test]
    fn content_types_are_right_and_text_says_utf8() {
        assert_eq!(content_type("ja/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("tebiki.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("tebiki-lang.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("data/site.json"), "application/json");
        assert_eq!(content_type("sitemap.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("robots.txt"), "text/plain; charset=utf-8");
        assert_eq!(content_type("a.svg"), "image/svg+xml");
        assert_eq!(content_type("a.PNG"), "image/png");
        assert_eq!(content_type("a.woff2"), "font/woff2");
        assert_eq!(content_type("a.csv"), "text/csv; charset=utf-8");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }
}
