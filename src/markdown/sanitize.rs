//! Raw HTML in Markdown, sanitised with ammonia when the site sets
//! `markdown.safe_html: true` (SPEC §3); by default it passes through.
//!
//! This pass runs first, on the parser's events, so everything tebiki
//! generates later (references, glossary `<abbr>`, heading ids, highlighted
//! code) is never touched. An HTML block is cleaned as a whole. Inline HTML
//! is cleaned per run of inline events: the tags are cleaned together, with
//! a placeholder for each Markdown event between them, so `<span>` … `</span>`
//! stays one element and the text in between still reaches the later passes.
//! Text that ammonia removes with its element (the inside of `<script>`) is
//! dropped; if the cleaned HTML would move or drop Markdown structure, the
//! run's tags are shown as text instead. Either way no author tag or
//! attribute reaches the page unless ammonia allows it.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::Spanned;
use super::text::{is_inline_end, is_inline_tag};

/// ammonia's defaults (no script, no event handlers, no `style`, safe URL
/// schemes only), plus `class` on any element for the site's stylesheet.
fn cleaner() -> &'static ammonia::Builder<'static> {
    static CLEANER: std::sync::OnceLock<ammonia::Builder<'static>> = std::sync::OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_generic_attributes(["class"]);
        b
    })
}

fn sanitize(html: &str) -> String {
    cleaner().clean(html).to_string()
}

const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// Cleans every raw HTML event.
pub(super) fn clean(events: Vec<Spanned<'_>>) -> Vec<Spanned<'_>> {
    let mut out: Vec<Spanned> = Vec::with_capacity(events.len());
    let mut run: Vec<Spanned> = Vec::new();
    let mut block: Option<(String, std::ops::Range<usize>)> = None;
    for (event, range) in events {
        if let Some((html, r)) = block.as_mut() {
            match event {
                Event::Html(h) | Event::InlineHtml(h) | Event::Text(h) => {
                    html.push_str(&h);
                    r.end = r.end.max(range.end);
                    continue;
                }
                Event::End(TagEnd::HtmlBlock) => {
                    if let Some((html, r)) = block.take() {
                        out.push((Event::Html(CowStr::from(sanitize(&html))), r));
                    }
                    out.push((event, range));
                    continue;
                }
                _ => {
                    if let Some((html, r)) = block.take() {
                        out.push((Event::Html(CowStr::from(sanitize(&html))), r));
                    }
                }
            }
        }
        if is_inline(&event) {
            run.push((event, range));
            continue;
        }
        flush(&mut run, &mut out);
        match event {
            Event::Start(Tag::HtmlBlock) => {
                block = Some((String::new(), range.clone()));
                out.push((event, range));
            }
            Event::Html(h) => out.push((Event::Html(CowStr::from(sanitize(&h))), range)),
            _ => out.push((event, range)),
        }
    }
    if let Some((html, r)) = block.take() {
        out.push((Event::Html(CowStr::from(sanitize(&html))), r));
    }
    flush(&mut run, &mut out);
    out
}

fn is_inline(event: &Event<'_>) -> bool {
    match event {
        Event::Start(tag) => is_inline_tag(tag),
        Event::End(end) => is_inline_end(end),
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineHtml(_)
        | Event::InlineMath(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::FootnoteReference(_) => true,
        Event::Html(_) | Event::DisplayMath(_) | Event::Rule | Event::TaskListMarker(_) => false,
    }
}

/// Cleans one run of inline events and appends it to `out`.
fn flush<'a>(run: &mut Vec<Spanned<'a>>, out: &mut Vec<Spanned<'a>>) {
    if !run.iter().any(|(e, _)| matches!(e, Event::InlineHtml(_))) {
        out.append(run);
        return;
    }
    let events = std::mem::take(run);
    match clean_run(&events) {
        Some(cleaned) => out.extend(cleaned),
        None => out.extend(events.into_iter().map(|(e, r)| match e {
            Event::InlineHtml(h) => (Event::Text(h), r),
            e => (e, r),
        })),
    }
}

/// The run with its tags cleaned; `None` when the cleaned HTML would lose
/// or reorder Markdown structure.
fn clean_run<'a>(events: &[Spanned<'a>]) -> Option<Vec<Spanned<'a>>> {
    let mut html = String::new();
    let mut held: Vec<&Spanned<'a>> = Vec::new();
    for spanned in events {
        match &spanned.0 {
            Event::InlineHtml(h) => {
                if h.contains([OPEN, CLOSE]) {
                    return None;
                }
                html.push_str(h);
            }
            other => {
                if let Event::Text(t) | Event::Code(t) = other
                    && t.contains([OPEN, CLOSE])
                {
                    return None;
                }
                html.push(OPEN);
                html.push_str(&held.len().to_string());
                html.push(CLOSE);
                held.push(spanned);
            }
        }
    }
    let cleaned = sanitize(&html);
    let start = events.first().map(|(_, r)| r.clone()).unwrap_or_default();
    let mut out = Vec::new();
    let mut next = 0;
    let mut rest = cleaned.as_str();
    while let Some(open) = rest.find(OPEN) {
        push_html(&rest[..open], &start, &mut out);
        let after = &rest[open + OPEN.len_utf8()..];
        let close = after.find(CLOSE)?;
        let index: usize = after[..close].parse().ok()?;
        // Placeholders come back in order; those skipped were removed by
        // ammonia with their element, which is fine for text only.
        if index < next || index >= held.len() || !held[next..index].iter().all(|(e, _)| is_leaf(e)) {
            return None;
        }
        out.push(held[index].clone());
        next = index + 1;
        rest = &after[close + CLOSE.len_utf8()..];
    }
    if !held[next..].iter().all(|(e, _)| is_leaf(e)) {
        return None;
    }
    push_html(rest, &start, &mut out);
    Some(out)
}

fn push_html<'a>(html: &str, range: &std::ops::Range<usize>, out: &mut Vec<Spanned<'a>>) {
    if !html.is_empty() {
        out.push((Event::InlineHtml(CowStr::from(html.to_string())), range.clone()));
    }
}

fn is_leaf(event: &Event<'_>) -> bool {
    matches!(event, Event::Text(_) | Event::Code(_) | Event::SoftBreak | Event::HardBreak | Event::InlineMath(_))
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn html(md: &str) -> String {
        let events: Vec<Spanned> = Parser::new_ext(md, super::super::parse_options()).into_offset_iter().collect();
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, clean(events).into_iter().map(|(e, _)| e));
        out
    }

    #[test]
    fn a_script_block_is_removed() {
        let out = html("<script>alert(1)</script>\n\ntext");
        assert!(!out.contains("script") && !out.contains("alert"), "{out}");
        assert!(out.contains("<p>text</p>"));
    }

    #[test]
    fn event_handlers_and_javascript_urls_are_removed_from_blocks() {
        let out = html("<div><img src=\"x.png\" onerror=\"alert(1)\" alt=\"a\"><a href=\"javascript:alert(1)\">x</a></div>");
        assert!(!out.contains("onerror") && !out.contains("javascript"), "{out}");
        assert!(out.contains("<img src=\"x.png\" alt=\"a\">"), "{out}");
    }

    #[test]
    fn inline_tags_stay_one_element_around_markdown() {
        let out = html("a <span onclick=\"x()\">b *c*</span> d");
        assert_eq!(out, "<p>a <span>b <em>c</em></span> d</p>\n");
    }

    #[test]
    fn inline_script_text_is_dropped() {
        let out = html("a <script>alert(1)</script> b");
        assert!(!out.contains("alert") && !out.contains("<script"), "{out}");
        assert!(out.starts_with("<p>a ") && out.ends_with(" b</p>\n"), "{out}");
    }

    #[test]
    fn markdown_inside_a_removed_element_is_shown_as_text_instead() {
        let out = html("a <script>*b*</script> c");
        assert!(!out.contains("<script"), "{out}");
        assert!(out.contains("&lt;script&gt;"), "{out}");
    }

    #[test]
    fn classes_are_kept_for_the_stylesheet() {
        assert_eq!(html("<div class=\"note\" style=\"color:red\">x</div>"), "<div class=\"note\">x</div>");
    }

    #[test]
    fn an_unclosed_inline_tag_is_closed() {
        assert_eq!(html("a <b>bold"), "<p>a <b>bold</b></p>\n");
    }

    #[test]
    fn placeholder_characters_in_text_fall_back_to_escaping() {
        let out = html("a \u{E000}0\u{E001} <i onclick=x>b</i>");
        assert!(!out.contains("onclick=x>"), "{out}");
    }

    #[test]
    fn markdown_without_html_is_unchanged() {
        assert_eq!(html("# T\n\n*a* [b](c.html)"), "<h1>T</h1>\n<p><em>a</em> <a href=\"c.html\">b</a></p>\n");
    }
}
