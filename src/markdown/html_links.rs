//! Links and images of a body checked and rewritten through the
//! [`LinkResolver`]'s [`resolve_url`](LinkResolver::resolve_url): Markdown
//! link and image destinations (from [`super::references`]) and, here, the
//! `href`, `src` and `srcset` of the author's raw HTML.
//!
//! A destination that names a page or file of the site is rewritten to the
//! URL the resolver gives (relative, so the site works at `/`, under a
//! sub-path and from disk); one that names nothing is an error at its
//! position; one that names a page by its URL is a style warning
//! (`page-url`). In-page `#anchors` are collected, with the `id`s of the
//! raw HTML, for [`check_anchors`] once the headings have their ids.
//!
//! Guarantees: linear in the raw HTML; an attribute value is rewritten only
//! where it lies inside one event and holds no character reference (it is
//! still checked otherwise).

use pulldown_cmark::{CowStr, Event};

use super::html_scan;
use super::position::SourceMap;
use super::{Heading, LinkResolver, Problem, RefUse, Severity, Spanned};
use crate::suggest;
use crate::theme::FIXED_ANCHORS;

/// What the links of a body used and where they went wrong.
#[derive(Default)]
pub(super) struct LinkUses {
    pub refs: Vec<RefUse>,
    /// In-page anchors (`#x`) and their source offsets.
    pub anchors: Vec<(String, usize)>,
    /// The `id`s (and `<a name>`s) of the raw HTML.
    pub ids: Vec<String>,
    pub problems: Vec<Problem>,
}

/// Checks `dest` (at source offset `at`) and returns the URL to write instead, if any.
pub(super) fn check_url(dest: &str, at: usize, map: &SourceMap<'_>, links: &dyn LinkResolver, uses: &mut LinkUses) -> Option<String> {
    if let Some(anchor) = dest.trim().strip_prefix('#') {
        if !anchor.is_empty() {
            uses.anchors.push((anchor.to_string(), at));
        }
        return None;
    }
    let (line, column) = map.line_col(at);
    match links.resolve_url(dest) {
        Ok(None) => None,
        Ok(Some(found)) => {
            if let Some(page) = &found.page {
                uses.refs.push(RefUse { page_id: page.id.clone(), anchor: page.anchor.clone(), line, column });
                if found.page_url {
                    let form = match &page.anchor {
                        Some(a) => format!("[[{}#{a}]]", page.id),
                        None => format!("[[{}]]", page.id),
                    };
                    uses.problems.push(Problem {
                        severity: Severity::Warning,
                        line,
                        column,
                        message: format!("`{dest}` names the page `{}` by its URL", page.id),
                        help: Some(format!(
                            "write {form}, which follows the page if its URL changes (or set `links: {{page_urls: allow}}` in site.yaml)"
                        )),
                        code: Some("page-url"),
                    });
                }
            }
            Some(found.href)
        }
        Err(message) => {
            uses.problems.push(Problem {
                severity: Severity::Error,
                line,
                column,
                message,
                help: Some("link a page with [[id]] or its .md file, and a file by its path from the page's Markdown file".into()),
                code: Some("broken-link"),
            });
            None
        }
    }
}

/// The raw HTML of `events` checked, and rewritten where a link resolves.
pub(super) fn rewrite<'a>(
    mut events: Vec<Spanned<'a>>,
    map: &SourceMap<'_>,
    links: &dyn LinkResolver,
    uses: &mut LinkUses,
) -> Vec<Spanned<'a>> {
    // Per HTML event: its index, its start in `html`.
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut html = String::new();
    for (i, (event, _)) in events.iter().enumerate() {
        if let Event::Html(h) | Event::InlineHtml(h) = event {
            pieces.push((i, html.len()));
            html.push_str(h);
        }
    }
    if html.is_empty() {
        return events;
    }
    // (offset in `html`, length, new value)
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let base = html.as_ptr() as usize;
    let source_at = |at: usize| -> usize {
        let k = pieces.partition_point(|(_, start)| *start <= at).saturating_sub(1);
        pieces.get(k).map_or(0, |(i, start)| events[*i].1.start + (at - start).min(events[*i].1.len()))
    };
    html_scan::scan(&html, |tag| {
        if tag.closing {
            return;
        }
        for (name, value) in &tag.attrs {
            let offset = (value.as_ptr() as usize).wrapping_sub(base);
            let name = name.to_ascii_lowercase();
            match name.as_str() {
                "id" => uses.ids.push(value.to_string()),
                "name" if tag.name.eq_ignore_ascii_case("a") => uses.ids.push(value.to_string()),
                "href" | "src" | "poster" | "data" => {
                    if let Some(new) = check_url(value, source_at(offset), map, links, uses).filter(|_| !value.contains('&')) {
                        edits.push((offset, value.len(), crate::escape::html(&new)));
                    }
                }
                "srcset" => {
                    for (start, url) in srcset_urls(value) {
                        if let Some(new) = check_url(url, source_at(offset + start), map, links, uses).filter(|_| !url.contains('&')) {
                            edits.push((offset + start, url.len(), crate::escape::html(&new)));
                        }
                    }
                }
                _ => {}
            }
        }
    });
    apply(&mut events, &pieces, &html, edits);
    events
}

/// The URLs of a `srcset` with their offsets in it.
fn srcset_urls(value: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    for candidate in value.split(',') {
        let lead = candidate.len() - candidate.trim_start().len();
        if let Some(url) = candidate.split_whitespace().next() {
            out.push((at + lead, url));
        }
        at += candidate.len() + 1;
    }
    out
}

/// Writes `edits` (sorted or not) into the events that hold them whole.
fn apply(events: &mut [Spanned<'_>], pieces: &[(usize, usize)], html: &str, mut edits: Vec<(usize, usize, String)>) {
    edits.sort_by_key(|e| e.0);
    let mut edits = edits.into_iter().peekable();
    for (k, (i, start)) in pieces.iter().enumerate() {
        let end = pieces.get(k + 1).map_or(html.len(), |p| p.1);
        let mut text = String::new();
        let mut copied = *start;
        while let Some((at, len, _)) = edits.peek() {
            if *at >= end {
                break;
            }
            let (at, len, new) = (*at, *len, edits.next().map(|e| e.2).unwrap_or_default());
            if at < *start || at + len > end || at < copied {
                continue;
            }
            text.push_str(&html[copied..at]);
            text.push_str(&new);
            copied = at + len;
        }
        if copied == *start {
            continue;
        }
        text.push_str(&html[copied..end]);
        let event = match &events[*i].0 {
            Event::InlineHtml(_) => Event::InlineHtml(CowStr::from(text)),
            _ => Event::Html(CowStr::from(text)),
        };
        events[*i].0 = event;
    }
}

/// An error for every in-page anchor that names no heading, no `id` of the raw HTML and no fixed anchor of the page.
pub(super) fn check_anchors(uses: &LinkUses, headings: &[Heading], map: &SourceMap<'_>) -> Vec<Problem> {
    let mut known: Vec<&str> = headings.iter().map(|h| h.id.as_str()).chain(uses.ids.iter().map(String::as_str)).collect();
    known.extend(FIXED_ANCHORS);
    // Browsers scroll to the top of the page for `#top` when nothing has that id.
    known.push("top");
    known.sort_unstable();
    known.dedup();
    let mut problems = Vec::new();
    let mut suggested = 0;
    for (anchor, at) in &uses.anchors {
        let decoded = super::links::percent_decoded(anchor);
        if known.binary_search(&anchor.as_str()).is_ok() || known.binary_search(&decoded.as_str()).is_ok() {
            continue;
        }
        let (line, column) = map.line_col(*at);
        suggested += 1;
        let hint = if suggested <= super::resolver::MAX_SUGGESTED { suggest::did_you_mean(anchor, known.iter().copied()) } else { None };
        problems.push(Problem {
            severity: Severity::Error,
            line,
            column,
            message: format!("this page has no heading or element with the id `{anchor}`"),
            help: Some(hint.unwrap_or_else(|| "link a heading of the page by its id: [text](#heading-id)".into())),
            code: Some("broken-link"),
        });
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn srcset_urls_come_with_their_offsets() {
        let value = "a.png 1x, ./b.png 2x,c.png";
        let found = srcset_urls(value);
        assert_eq!(found, [(0, "a.png"), (10, "./b.png"), (21, "c.png")]);
        for (at, url) in found {
            assert_eq!(&value[at..at + url.len()], url);
        }
    }

    #[test]
    fn edits_are_written_into_the_events_that_hold_them() {
        let mut events: Vec<Spanned> = vec![
            (Event::InlineHtml(CowStr::from("<img src=\"a.png\">")), 0..16),
            (Event::Text(CowStr::from("text")), 16..20),
            (Event::InlineHtml(CowStr::from("<a href=\"x/\">")), 20..33),
        ];
        let html = "<img src=\"a.png\"><a href=\"x/\">";
        apply(&mut events, &[(0, 0), (2, 17)], html, vec![(26, 2, "x/index.html".into()), (10, 5, "../a.png".into())]);
        assert_eq!(events[0].0, Event::InlineHtml(CowStr::from("<img src=\"../a.png\">")));
        assert_eq!(events[2].0, Event::InlineHtml(CowStr::from("<a href=\"x/index.html\">")));
    }
}
