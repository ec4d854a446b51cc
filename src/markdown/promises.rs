//! The author's raw HTML held to the site's promises (SPEC §6: nothing
//! from other hosts, no inline scripts or styles, valid HTML): each of
//! these is an error at its position, code `raw-html`:
//!
//! - `<script>`, inline event handlers (`onclick=` …), `<style>` and
//!   `style=` attributes;
//! - resources from other hosts: `src`, `srcset`, `poster` and `data` of
//!   any element and `href` of `<link>` (images are reported by
//!   [`super::images`] as `remote-image`, which `markdown.remote_images`
//!   allows);
//! - `<base>`, which would move every relative link of the page;
//! - declarations and processing instructions (`<!DOCTYPE>`, `<?xml?>`)
//!   and the elements of a whole document (`<html>`, `<head>`, `<body>`);
//! - landmarks inside the page's content: `<main>` and `<nav>` anywhere,
//!   `<header>` and `<footer>` outside a sectioning element (`<article>`,
//!   `<section>`, `<aside>`, `<nav>`) or `<blockquote>`, `<figure>`,
//!   `<details>`, `<fieldset>`, `<td>`, where they are landmarks.
//!
//! `markdown.raw_html: allow` turns these checks off, and so does
//! `markdown.safe_html: true`, which removes what they report.
//!
//! Guarantees: one look at each tag; the events are not changed.

use super::images::is_remote;

/// Elements inside which `<header>` and `<footer>` are not landmarks.
const SCOPING: [&str; 9] = ["article", "section", "aside", "nav", "blockquote", "figure", "details", "fieldset", "td"];

/// An error found in one tag: the byte offset in the HTML, the message and the help.
pub(super) type Broken = (usize, String, String);

const ALLOW: &str = "or set `markdown: {raw_html: allow}` in site.yaml to keep raw HTML as written";

/// The tags read so far: how deep inside [`SCOPING`] elements.
#[derive(Default)]
pub(super) struct Promises {
    scoped: usize,
}

impl Promises {
    /// The broken promises of one tag (`name` as written, `at` its offset,
    /// `attrs` with names and values as slices of `html`).
    pub(super) fn tag(&mut self, html: &str, name: &str, at: usize, attrs: &[(&str, &str)], closing: bool, out: &mut Vec<Broken>) {
        let lower = name.to_ascii_lowercase();
        if SCOPING.contains(&lower.as_str()) {
            if closing {
                self.scoped = self.scoped.saturating_sub(1);
            } else {
                self.scoped += 1;
            }
        }
        if closing {
            return;
        }
        if let Some((message, help)) = element(&lower, self.scoped) {
            out.push((at, message, format!("{help}, {ALLOW}")));
        }
        for (attr, value) in attrs {
            let offset = (attr.as_ptr() as usize).wrapping_sub(html.as_ptr() as usize).min(html.len());
            if let Some((message, help)) = attribute(&lower, attr, value) {
                out.push((offset, message, format!("{help}, {ALLOW}")));
            }
        }
    }
}

fn element(name: &str, scoped: usize) -> Option<(String, String)> {
    Some(match name {
        "script" => ("`<script>` in the page: the site runs no inline or author scripts".into(), "remove it".into()),
        "style" => ("`<style>` in the page: the site has no inline styles".into(), "put styles in the theme's stylesheet".into()),
        "base" => ("`<base>` would move every relative link of the page".into(), "remove it".into()),
        "!" => ("a declaration (`<!DOCTYPE …>`) inside the page's content".into(), "remove it: the page has its own".into()),
        "?" => ("a processing instruction (`<?…?>`) is not HTML".into(), "remove it".into()),
        "html" | "head" | "body" => {
            (format!("`<{name}>` inside the page's content: the page already has one"), "keep only the content of the body".into())
        }
        "main" | "nav" => (
            format!("`<{name}>` inside the page's content: the theme's layout already has this landmark"),
            "use `<div>` or `<section>`".into(),
        ),
        "header" | "footer" if scoped == 0 => (
            format!("`<{name}>` at the top of the page's content is a landmark the theme's layout already has"),
            "put it inside an `<article>` or `<section>`, or use `<div>`".into(),
        ),
        _ => return None,
    })
}

fn attribute(element: &str, attr: &str, value: &str) -> Option<(String, String)> {
    let attr = attr.to_ascii_lowercase();
    if attr.len() > 2 && attr.starts_with("on") {
        return Some((format!("inline event handler `{attr}`: the site runs no inline scripts"), "remove the attribute".into()));
    }
    if attr == "style" {
        return Some(("`style` attribute: the site has no inline styles".into(), "use a class styled by the theme".into()));
    }
    // Images are the `remote-image` check's (which `markdown.remote_images` allows).
    let image = matches!(element, "img" | "source" | "image");
    let loads = matches!(attr.as_str(), "src" | "poster" | "data" | "srcset") || (attr == "href" && element == "link");
    if image || !loads {
        return None;
    }
    let remote = if attr == "srcset" {
        value.split(',').filter_map(|c| c.split_whitespace().next()).find(|u| is_remote(u))
    } else {
        Some(value).filter(|u| is_remote(u))
    }?;
    let shown: String = remote.chars().take(80).collect();
    Some((
        format!("`<{element}>` loads `{shown}` from another host: the site loads nothing from other hosts"),
        "copy the file into the site and link it by its path".into(),
    ))
}

#[cfg(test)]
mod tests {
    use super::super::html_scan::scan;
    use super::*;

    fn broken(html: &str) -> Vec<(usize, String)> {
        let mut p = Promises::default();
        let mut out = Vec::new();
        scan(html, |t| p.tag(html, t.name, t.at, &t.attrs, t.closing, &mut out));
        out.into_iter().map(|(at, m, _)| (at, m)).collect()
    }

    #[test]
    fn scripts_handlers_and_styles_are_reported_at_their_position() {
        let found = broken(r#"<p onclick="x()">a</p><script>1</script><style>p{}</style><b style="color:red">b</b>"#);
        let at: Vec<usize> = found.iter().map(|f| f.0).collect();
        assert_eq!(at, [3, 22, 40, 61], "{found:?}");
        assert!(found[0].1.starts_with("inline event handler `onclick`"));
    }

    #[test]
    fn resources_from_other_hosts_are_reported_but_not_links_or_images() {
        let found = broken(
            r#"<a href="https://x.org/">x</a><img src="https://x.org/a.png"><iframe src="https://x.org/v"></iframe><link href="//cdn.x/a.css"><video poster="v.png" src="v.mp4"></video>"#,
        );
        let messages: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].starts_with("`<iframe>` loads `https://x.org/v`"));
        assert!(messages[1].starts_with("`<link>` loads `//cdn.x/a.css`"));
    }

    #[test]
    fn landmarks_documents_and_declarations_are_reported() {
        let found = broken("<!DOCTYPE html><?xml version=\"1.0\"?><html><body><main><nav></nav><header>h</header>");
        assert_eq!(found.len(), 7, "{found:?}");
    }

    #[test]
    fn header_and_footer_inside_sectioning_elements_are_fine() {
        assert!(broken("<article><header>h</header><footer>f</footer></article><blockquote>q<footer>who</footer></blockquote>").is_empty());
        assert_eq!(broken("<section></section><footer>f</footer>").len(), 1);
    }
}
