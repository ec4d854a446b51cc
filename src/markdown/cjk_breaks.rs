//! Line breaks inside Japanese sentences.
//!
//! Authors wrap long Japanese paragraphs in the source; a browser shows the
//! newline between two Japanese characters as a space, which Japanese text
//! does not have. This pass drops a soft break (a plain newline inside a
//! paragraph) whose neighbours on both sides are CJK characters, as the
//! usual `cjk-breaks` plugins do. A break next to Latin text, a hard break
//! and everything in code are kept.

use pulldown_cmark::Event;

use super::Spanned;
use crate::lang::is_cjk;

/// Removes soft breaks between two CJK characters.
/// The list is changed in place: a page without such breaks is not copied.
pub(super) fn join_lines(mut events: Vec<Spanned<'_>>) -> Vec<Spanned<'_>> {
    let mut drop = Vec::new();
    for (i, (event, _)) in events.iter().enumerate() {
        if !matches!(event, Event::SoftBreak) {
            continue;
        }
        let before = events[..i].iter().rev().find_map(|(e, _)| text_of(e)).and_then(|t| t.chars().next_back());
        let after = events[i + 1..].iter().find_map(|(e, _)| text_of(e)).and_then(|t| t.chars().next());
        if before.is_some_and(is_cjk) && after.is_some_and(is_cjk) {
            drop.push(i);
        }
    }
    if !drop.is_empty() {
        let mut drop = drop.into_iter().peekable();
        let mut i = 0;
        events.retain(|_| {
            let gone = drop.next_if_eq(&i).is_some();
            i += 1;
            !gone
        });
    }
    events
}

/// The text an event shows, looking through inline tags; `Some("")` stops
/// the search at anything else (code, HTML, other breaks).
fn text_of<'e>(event: &'e Event<'_>) -> Option<&'e str> {
    match event {
        Event::Text(text) if !text.is_empty() => Some(text),
        Event::Start(_) | Event::End(_) | Event::Text(_) => None,
        _ => Some(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn html(md: &str) -> String {
        let events: Vec<Spanned> = Parser::new_ext(md, super::super::parse_options()).into_offset_iter().collect();
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, join_lines(events).into_iter().map(|(e, _)| e));
        out
    }

    #[test]
    fn newline_between_japanese_characters_is_dropped() {
        assert_eq!(html("ゲノム医療の\n推進。"), "<p>ゲノム医療の推進。</p>\n");
    }

    #[test]
    fn newline_next_to_latin_text_is_kept() {
        assert_eq!(html("AMED\nの支援"), "<p>AMED\nの支援</p>\n");
        assert_eq!(html("genome\nmedicine"), "<p>genome\nmedicine</p>\n");
    }

    #[test]
    fn newline_around_emphasis_looks_at_the_text_inside() {
        assert_eq!(html("**強調**\n**続き**"), "<p><strong>強調</strong><strong>続き</strong></p>\n");
    }

    #[test]
    fn hard_breaks_and_code_are_kept() {
        assert_eq!(html("日本  \n語"), "<p>日本<br />\n語</p>\n");
        assert_eq!(html("`日本`\n語"), "<p><code>日本</code>\n語</p>\n");
    }
}
