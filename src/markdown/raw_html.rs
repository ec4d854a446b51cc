//! The author's raw HTML checked before anything else touches it: what
//! would hide the rest of the page, and images it loads from other hosts.
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
//! Unless the site opts out, what breaks the site's promises (scripts,
//! inline styles, resources from other hosts, landmarks) is an error
//! ([`super::promises`]).
//!
//! `<img src|srcset>`, `<source src|srcset>` and SVG `<image href>` that
//! load from outside the site are errors unless the site allows remote
//! images (SPEC §6: the site loads nothing from other hosts). Attribute
//! values are read with numeric character references and the named ones
//! that spell a URL's punctuation (`&colon;`, `&sol;` …) decoded.
//!
//! Guarantees: linear in the body; the events are not changed.

use std::borrow::Cow;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::html_scan::{self, Open, StartTag};
use super::images::{is_remote, remote_image};
use super::position::SourceMap;
use super::promises::Promises;
use super::{Problem, Severity, Spanned};

/// Problems of the raw HTML in `events` (the parser's, before sanitising).
pub(super) fn check(events: &[Spanned<'_>], map: &SourceMap<'_>, remote_images: bool, promises: bool) -> Vec<Problem> {
    let raw = RawHtml::gather(events);
    if raw.html.is_empty() {
        return Vec::new();
    }
    let mut remote: Vec<(usize, String)> = Vec::new();
    let mut kept = Promises::default();
    let mut broken = Vec::new();
    let open = html_scan::scan(&raw.html, |tag| {
        if !remote_images {
            remote.extend(remote_urls(tag).map(|url| (tag.at, url.into_owned())));
        }
        if promises {
            kept.tag(&raw.html, tag.name, tag.at, &tag.attrs, tag.closing, &mut broken);
        }
    });
    let mut problems: Vec<Problem> = remote.into_iter().map(|(at, url)| remote_image(map, raw.source_offset(at), &url)).collect();
    for (at, message, help) in broken {
        let (line, column) = map.line_col(raw.source_offset(at));
        problems.push(Problem { severity: Severity::Error, line, column, message, help: Some(help), code: Some("raw-html") });
    }
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

/// The URLs of `tag` that load an image from outside the site.
fn remote_urls<'t>(tag: &'t StartTag<'_>) -> impl Iterator<Item = Cow<'t, str>> + 't {
    let name = tag.name;
    let attrs: &[&str] = if tag.closing {
        &[]
    } else if name.eq_ignore_ascii_case("img") || name.eq_ignore_ascii_case("source") {
        &["src", "srcset"]
    } else if name.eq_ignore_ascii_case("image") {
        &["href", "xlink:href"]
    } else {
        &[]
    };
    attrs.iter().filter_map(|attr| tag.attr(attr).map(|value| (*attr, decode(value)))).flat_map(|(attr, value)| {
        // `srcset` lists URLs, each with an optional width or density after it.
        let urls: Vec<Cow<'t, str>> = if attr == "srcset" {
            value.split(',').filter_map(|c| c.split_whitespace().next()).map(|u| Cow::Owned(u.to_string())).collect()
        } else {
            vec![value]
        };
        urls.into_iter().filter(|url| is_remote(url))
    })
}

/// `value` with numeric character references and those named ones that
/// spell URL punctuation decoded (the semicolon may be missing, as
/// browsers allow).
fn decode(value: &str) -> Cow<'_, str> {
    if !value.contains('&') {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match reference(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character of the reference at the start of `s` (`&#58;`, `&#x3a;`, `&colon;` …) and its length.
fn reference(s: &str) -> Option<(char, usize)> {
    let body = s.get(1..)?;
    let with_semicolon = |len: usize| len + usize::from(s.as_bytes().get(len) == Some(&b';'));
    if let Some(num) = body.strip_prefix('#') {
        let (digits, radix, skip) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 3),
            None => (num, 10, 2),
        };
        let len = digits.bytes().take(8).take_while(|b| b.is_ascii_hexdigit() && (radix == 16 || b.is_ascii_digit())).count();
        let c = u32::from_str_radix(digits.get(..len).filter(|d| !d.is_empty())?, radix).ok().and_then(char::from_u32)?;
        return Some((c, with_semicolon(skip + len)));
    }
    const NAMED: [(&str, char); 8] =
        [("colon", ':'), ("sol", '/'), ("bsol", '\\'), ("Tab", '\t'), ("NewLine", '\n'), ("amp", '&'), ("period", '.'), ("quest", '?')];
    NAMED.iter().find(|(name, _)| body.starts_with(name)).map(|(name, c)| (*c, with_semicolon(1 + name.len())))
}

#[cfg(test)]
#[path = "raw_html_tests.rs"]
mod tests;
