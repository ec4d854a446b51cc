//! The author's raw HTML checked before anything else touches it: what
//! would hide the rest of the page.
//!
//! An unclosed `<!--` (or `<script>`, `<style>`, `<textarea>` …, or a tag
//! whose quoted attribute never ends) reaches the page as it is, and the
//! browser then swallows everything after it, the page's footer included,
//! without a word. So the raw HTML of the body, read in order as a browser
//! reads it ([`super::html_scan`]), must leave nothing open: what does is a
//! warning at its position. An HTML block that starts like `<pre`,
//! `<script`, `<style`, `<textarea`, `<!--`, `<?`, `<!X` or `<![CDATA[`
//! runs, in CommonMark, to the line that holds its end (`</pre>`, `-->`,
//! `?>` …); without one it takes the rest of its container (often of the
//! page) as raw HTML, and the Markdown there is never rendered: a warning
//! too, once per position.
//!
//! Guarantees: linear in the body; the events are not changed.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::html_scan::{self, Open};
use super::position::SourceMap;
use super::{Problem, Severity, Spanned};

/// Problems of the raw HTML in `events` (the parser's, before sanitising).
pub(super) fn check(events: &[Spanned<'_>], map: &SourceMap<'_>) -> Vec<Problem> {
    let raw = RawHtml::gather(events);
    if raw.html.is_empty() {
        return Vec::new();
    }
    let open = html_scan::scan(&raw.html, |_| {});
    let mut problems = Vec::new();
    let mut warned = Vec::new();
    if let Some(open) = open {
        let (at, message, help) = open_message(open);
        let at = raw.source_offset(at);
        warned.push(at);
        problems.push(warning(map, at, message, help));
    }
    for block in &raw.blocks {
        let text = &raw.html[block.clone()];
        let lead = text.len() - text.trim_start_matches([' ', '\t']).len();
        let Some(end) = block_end(&text[lead..]) else { continue };
        let at = raw.source_offset(block.start + lead);
        if !text.contains(end) && !warned.contains(&at) {
            let message = format!("this HTML block is never closed with `{end}`, so the Markdown after it is not rendered");
            let help = format!("end the block with `{end}`, or write `&lt;` for a `<` meant as text");
            problems.push(warning(map, at, message, help));
        }
    }
    problems
}

/// The raw HTML of a body in one string, with the way back to the source.
struct RawHtml {
    html: String,
    /// Per event: its start in `html`, and its source range.
    pieces: Vec<(usize, std::ops::Range<usize>)>,
    /// The part of `html` of each HTML block.
    blocks: Vec<std::ops::Range<usize>>,
}

impl RawHtml {
    fn gather(events: &[Spanned<'_>]) -> RawHtml {
        let mut raw = RawHtml { html: String::new(), pieces: Vec::new(), blocks: Vec::new() };
        let mut block_start = None;
        for (event, range) in events {
            match event {
                Event::Html(html) | Event::InlineHtml(html) => {
                    raw.pieces.push((raw.html.len(), range.clone()));
                    raw.html.push_str(html);
                }
                Event::Start(Tag::HtmlBlock) => block_start = Some(raw.html.len()),
                Event::End(TagEnd::HtmlBlock) => {
                    if let Some(start) = block_start.take() {
                        raw.blocks.push(start..raw.html.len());
                    }
                }
                _ => {}
            }
        }
        raw
    }

    /// The source offset of byte `at` of the gathered HTML.
    fn source_offset(&self, at: usize) -> usize {
        let index = self.pieces.partition_point(|(start, _)| *start <= at).saturating_sub(1);
        self.pieces.get(index).map_or(0, |(start, range)| (range.start + (at - start)).min(range.end))
    }
}

/// CommonMark's end condition of an HTML block of kinds 1 to 5 (the ones
/// that do not end at a blank line), from the block's first characters.
fn block_end(text: &str) -> Option<&'static str> {
    let bytes = text.as_bytes();
    let rest = bytes.get(1..).filter(|_| bytes.first() == Some(&b'<'))?;
    for (name, end) in [("pre", "</pre>"), ("style", "</style>"), ("script", "</script>"), ("textarea", "</textarea>")] {
        let named = rest.get(..name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
        if named && rest.get(name.len()).is_none_or(|&b| b.is_ascii_whitespace() || b == b'>') {
            return Some(end);
        }
    }
    if rest.starts_with(b"!--") {
        Some("-->")
    } else if rest.starts_with(b"?") {
        Some("?>")
    } else if rest.starts_with(b"![CDATA[") {
        Some("]]>")
    } else if rest.first() == Some(&b'!') && rest.get(1).is_some_and(u8::is_ascii_alphabetic) {
        Some(">")
    } else {
        None
    }
}

fn open_message(open: Open) -> (usize, String, String) {
    match open {
        Open::Comment { at } => {
            (at, "`<!--` is never closed, so the rest of the page is hidden, its footer too".into(), "close the comment with `-->`".into())
        }
        Open::RawText { at, name } => (
            at,
            format!("`<{name}>` is never closed, so the browser takes the rest of the page as its content"),
            format!("close it with `</{name}>`"),
        ),
        Open::Plaintext { at } => (
            at,
            "`<plaintext>` turns the rest of the page into plain text".into(),
            "remove it; to show text as written, put it in a code block".into(),
        ),
        Open::Tag { at, name } => (
            at,
            format!("the tag `<{name}` is never closed with `>`, so the browser reads what follows as part of it"),
            "end the tag with `>`, and close any quoted attribute value".into(),
        ),
    }
}

fn warning(map: &SourceMap<'_>, at: usize, message: String, help: String) -> Problem {
    let (line, column) = map.line_col(at);
    Problem { severity: Severity::Warning, line, column, message, help: Some(help), code: Some("unclosed-html") }
}

#[cfg(test)]
#[path = "raw_html_tests.rs"]
mod tests;
