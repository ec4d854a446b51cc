//! `links:` and `markdown.raw_html` in site.yaml, checked.
//!
//! `links.map` maps old URL paths (of a site moving to tebiki from another
//! tool) to pages: `"/docs/install/": install` maps one path, and a key
//! ending in `*` maps every path under it: `"/docs/sdk/*": sdk` to one
//! page, `"/docs/*": "*"` to the page whose id is the path's last segment.
//! Keys are site paths (starting with `/`); a trailing `/` or `index.html`
//! does not matter. `links.page_urls: warn` (the default) reports a link
//! that names a page's built URL instead of `[[id]]`; `allow` does not.
//! `markdown.raw_html: check` (the default) holds raw HTML to the site's
//! promises; `allow` lets it through as written.

use std::path::Path;

use super::CONFIG_FILE;
use super::raw::{RawLinksConfig, RawMarkdownConfig};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::text::Located;

/// One entry of `links.map`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OldPath {
    /// The path without its leading `/`, `index.html` or trailing `/`: `docs/install`.
    pub path: String,
    /// Every path under `path` (the key ended in `*`).
    pub prefix: bool,
    /// A page id, or `*`: the path's last segment is the id.
    pub page: String,
}

/// The checked `links:` of site.yaml: the map, and whether page URLs are reported.
pub(super) fn links(raw: RawLinksConfig, diags: &mut Diagnostics) -> (Vec<OldPath>, bool) {
    let mut map = Vec::with_capacity(raw.map.len());
    for (key, page) in raw.map {
        let Some(rest) = key.value.strip_prefix('/') else {
            diags.push(
                err(&key, format!("old path `{}` does not start with `/`", key.value))
                    .with_help("write the path as the old site served it: \"/docs/install/\""),
            );
            continue;
        };
        let (rest, prefix) = match rest.strip_suffix('*') {
            Some(r) => (r, true),
            None => (rest, false),
        };
        map.push(OldPath { path: normalize(rest).to_string(), prefix, page: page.value });
    }
    let warn = match raw.page_urls.as_ref().map(|l| l.value.as_str()) {
        None | Some("warn") => true,
        Some("allow") => false,
        Some(other) => {
            let l = raw.page_urls.as_ref().map_or_else(|| Located::new(String::new(), 0, 0), Clone::clone);
            diags.push(err(&l, format!("`links.page_urls` is `{other}`")).with_help("write `warn` (the default) or `allow`"));
            true
        }
    };
    (map, warn)
}

/// Whether raw HTML is let through as written (`markdown.raw_html: allow`).
pub(super) fn raw_html_allowed(raw: &RawMarkdownConfig, diags: &mut Diagnostics) -> bool {
    match raw.raw_html.as_ref() {
        None => false,
        Some(l) if l.value == "check" => false,
        Some(l) if l.value == "allow" => true,
        Some(l) => {
            diags.push(err(l, format!("`markdown.raw_html` is `{}`", l.value)).with_help("write `check` (the default) or `allow`"));
            false
        }
    }
}

/// A site path without leading or trailing `/` and without a final `index.html`.
pub fn normalize(path: &str) -> &str {
    let path = path.trim_start_matches('/');
    let path = crate::paths::folder_of_index(path).unwrap_or(path);
    path.trim_end_matches('/')
}

fn err(l: &Located<String>, msg: String) -> Diagnostic {
    Diagnostic::error(Path::new(CONFIG_FILE), l.line, l.column, msg)
}

/// The page an old site path maps to, from `map` (exact entries first,
/// then the longest prefix); `None` when none does.
pub fn map_old_path(map: &[OldPath], path: &str) -> Option<String> {
    let path = normalize(path);
    if let Some(e) = map.iter().find(|e| !e.prefix && e.path == path) {
        return Some(target(e, path));
    }
    map.iter().filter(|e| e.prefix && under(path, &e.path)).max_by_key(|e| e.path.len()).map(|e| target(e, path))
}

/// Whether `path` lies under the folder `prefix` (a prefix of `a/b` is `a`, `a/b` or empty).
fn under(path: &str, prefix: &str) -> bool {
    let prefix = prefix.trim_end_matches('/');
    prefix.is_empty() || path.strip_prefix(prefix).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

fn target(e: &OldPath, path: &str) -> String {
    if e.page == "*" { path.rsplit('/').next().unwrap_or_default().to_string() } else { e.page.clone() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str, prefix: bool, page: &str) -> OldPath {
        OldPath { path: path.into(), prefix, page: page.into() }
    }

    #[test]
    fn old_paths_map_exactly_then_by_longest_prefix() {
        let map = [entry("docs/install", false, "install"), entry("docs", true, "*"), entry("docs/sdk", true, "sdk")];
        assert_eq!(map_old_path(&map, "/docs/install/").as_deref(), Some("install"));
        assert_eq!(map_old_path(&map, "/docs/install/index.html").as_deref(), Some("install"));
        assert_eq!(map_old_path(&map, "/docs/sdk/go/").as_deref(), Some("sdk"));
        assert_eq!(map_old_path(&map, "/docs/concepts/traces/").as_deref(), Some("traces"));
        assert_eq!(map_old_path(&map, "/docsx/a/"), None);
        assert_eq!(map_old_path(&map, "/blog/a/"), None);
    }
}
