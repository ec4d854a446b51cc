//! GitHub-style alerts (`> [!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]`,
//! `[!CAUTION]`, any case) as callouts.
//!
//! The parser recognises a marker alone on the quote's first line (GFM
//! blockquote tags). A quote whose first paragraph *starts* with a marker
//! followed by text on the same line (`> [!NOTE] Restart the server.`),
//! which GitHub once rendered too and converted docs often have, is taken
//! as the same alert with that text as its first line. Either becomes
//!
//! ```html
//! <div class="callout callout-note" role="note"><p class="callout-title">Note</p>
//! …the quote's content…
//! </div>
//! ```
//!
//! with the title from the theme's UI strings ([`Labels`]). A `div` with
//! `role="note"` rather than an `<aside>`: an aside is a complementary
//! landmark, and a landmark inside the page's `<main>` breaks the rule that
//! complementary landmarks are top level. No marker is left in the text.
//!
//! This pass runs before the acronym scan, so a marker is never taken for
//! an acronym.

use pulldown_cmark::{BlockQuoteKind, CowStr, Event, Tag, TagEnd};

use super::Spanned;
use super::labels::Labels;

/// Rewrites alert quotes into callouts.
pub(super) fn rewrite<'a>(events: Vec<Spanned<'a>>, labels: &Labels) -> Vec<Spanned<'a>> {
    // A page without block quotes keeps its list as it is (not copied).
    if !events.iter().any(|(e, _)| matches!(e, Event::Start(Tag::BlockQuote(_)))) {
        return events;
    }
    let mut out: Vec<Spanned<'a>> = Vec::with_capacity(events.len());
    // For each open quote: whether it became a callout.
    let mut open: Vec<bool> = Vec::new();
    let mut events = events.into_iter().peekable();
    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                open.push(true);
                out.push((Event::Html(start_html(kind, labels).into()), range));
            }
            Event::Start(Tag::BlockQuote(None)) => {
                let Some((Event::Start(Tag::Paragraph), _)) = events.peek() else {
                    open.push(false);
                    out.push((Event::Start(Tag::BlockQuote(None)), range));
                    continue;
                };
                let Some((paragraph, first)) = events.next() else { continue };
                match events.next_if(|(e, _)| matches!(e, Event::Text(t) if marker(t).is_some())) {
                    Some((Event::Text(text), text_range)) => {
                        let (kind, rest) = marker(&text).unwrap_or((BlockQuoteKind::Note, ""));
                        open.push(true);
                        out.push((Event::Html(start_html(kind, labels).into()), range));
                        out.push((paragraph, first));
                        let rest = rest.trim_start();
                        if !rest.is_empty() {
                            let skip = text.len() - rest.len();
                            out.push((Event::Text(CowStr::from(rest.to_string())), text_range.start + skip..text_range.end));
                        } else if matches!(events.peek(), Some((Event::SoftBreak, _))) {
                            events.next();
                        }
                    }
                    _ => {
                        open.push(false);
                        out.push((Event::Start(Tag::BlockQuote(None)), range));
                        out.push((paragraph, first));
                    }
                }
            }
            Event::End(TagEnd::BlockQuote(kind)) => match open.pop() {
                Some(true) => out.push((Event::Html("</div>\n".into()), range)),
                _ => out.push((Event::End(TagEnd::BlockQuote(kind)), range)),
            },
            other => out.push((other, range)),
        }
    }
    out
}

/// The opening of a callout, up to and including its title.
fn start_html(kind: BlockQuoteKind, labels: &Labels) -> String {
    let class = match kind {
        BlockQuoteKind::Note => "note",
        BlockQuoteKind::Tip => "tip",
        BlockQuoteKind::Important => "important",
        BlockQuoteKind::Warning => "warning",
        BlockQuoteKind::Caution => "caution",
    };
    let title = super::escape_html(labels.alert(kind));
    format!("<div class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{title}</p>\n")
}

/// The kind of an alert marker at the start of `text`, and the text after it.
fn marker(text: &str) -> Option<(BlockQuoteKind, &str)> {
    let inner = text.strip_prefix("[!")?;
    let end = inner.find(']')?;
    let kind = match inner[..end].to_ascii_lowercase().as_str() {
        "note" => BlockQuoteKind::Note,
        "tip" => BlockQuoteKind::Tip,
        "important" => BlockQuoteKind::Important,
        "warning" => BlockQuoteKind::Warning,
        "caution" => BlockQuoteKind::Caution,
        _ => return None,
    };
    Some((kind, &inner[end + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::markdown::test_support::theme;

    fn html(md: &str, lang: Lang) -> String {
        let opts = pulldown_cmark::Options::ENABLE_GFM;
        let events: Vec<Spanned> = pulldown_cmark::Parser::new_ext(md, opts).into_offset_iter().collect();
        let events = crate::markdown::text::merge_text(events);
        let mut out = String::new();
        let labels = Labels::new(theme(), lang);
        pulldown_cmark::html::push_html(&mut out, rewrite(events, &labels).into_iter().map(|(e, _)| e));
        out
    }

    #[test]
    fn alerts_of_every_kind_become_titled_callouts() {
        for (marker, class, title) in [
            ("[!NOTE]", "note", "Note"),
            ("[!tip]", "tip", "Tip"),
            ("[!Important]", "important", "Important"),
            ("[!WARNING]", "warning", "Warning"),
            ("[!CAUTION]", "caution", "Caution"),
        ] {
            let out = html(&format!("> {marker}\n> Body text.\n"), Lang::En);
            let start = format!(
                "<div class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{title}</p>\n<p>Body text.</p>\n</div>\n"
            );
            assert_eq!(out, start, "{marker}");
        }
    }

    #[test]
    fn alert_titles_are_in_the_page_language() {
        let out = html("> [!WARNING]\n> 再起動してください。\n", Lang::Ja);
        assert!(out.contains("<p class=\"callout-title\">警告</p>"), "{out}");
    }

    #[test]
    fn a_marker_with_text_on_its_line_is_an_alert_too() {
        let out = html("> [!TIP] Use the cache.\n> It is faster.\n", Lang::En);
        assert!(out.starts_with("<div class=\"callout callout-tip\" role=\"note\"><p class=\"callout-title\">Tip</p>"), "{out}");
        assert!(out.contains("<p>Use the cache.\nIt is faster.</p>"), "{out}");
        assert!(!out.contains("[!"), "{out}");
    }

    #[test]
    fn ordinary_quotes_and_unknown_markers_stay_quotes() {
        assert_eq!(html("> Plain quote.\n", Lang::En), "<blockquote>\n<p>Plain quote.</p>\n</blockquote>\n");
        assert!(html("> [!DANGER]\n> x\n", Lang::En).starts_with("<blockquote>"));
        assert!(html("> - [!NOTE] in a list\n", Lang::En).starts_with("<blockquote>"));
    }

    #[test]
    fn nested_quotes_close_as_they_opened() {
        let out = html("> [!NOTE]\n> Outer.\n>\n> > Inner quote.\n", Lang::En);
        assert_eq!(out.matches("<blockquote>").count(), 1, "{out}");
        assert_eq!(out.matches("</blockquote>").count(), 1, "{out}");
        assert!(out.ends_with("</blockquote>\n</div>\n"), "{out}");
    }
}
