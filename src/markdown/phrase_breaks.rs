//! Phrase breaks in headings and table headers: each Japanese text run of
//! an `h1`–`h4` or a header cell is split into phrases (文節,
//! [`crate::text::phrases`]) with a `<wbr>` between them, so the theme can
//! keep the phrases whole (`word-break: keep-all`). Body text keeps the
//! browser's own breaking.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::Spanned;
use crate::text::phrases;

/// Inserts `<wbr>` between the phrases of heading and table-header text.
pub(super) fn mark(events: Vec<Spanned<'_>>) -> Vec<Spanned<'_>> {
    let marked = |e: &Event<'_>| {
        matches!(e, Event::Start(Tag::Heading { level, .. }) if *level <= HeadingLevel::H4) || matches!(e, Event::Start(Tag::TableHead))
    };
    if !events.iter().any(|(e, _)| marked(e)) {
        return events;
    }
    let mut out = Vec::with_capacity(events.len());
    let mut inside = false;
    for (event, range) in events {
        match &event {
            e if marked(e) => inside = true,
            Event::End(TagEnd::Heading(_) | TagEnd::TableHead) => inside = false,
            Event::Text(t) if inside && t.chars().any(phrases::is_japanese) => {
                for (k, part) in phrases::split(t).into_iter().enumerate() {
                    if k > 0 {
                        out.push((Event::InlineHtml(CowStr::Borrowed("<wbr>")), range.clone()));
                    }
                    out.push((Event::Text(CowStr::from(part.to_string())), range.clone()));
                }
                continue;
            }
            _ => {}
        }
        out.push((event, range));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::test_support::render_ja;

    #[test]
    fn japanese_headings_and_table_headers_get_phrase_breaks_and_paragraphs_do_not() {
        let html = render_ja("## これはテストです。\n\nこれはテストです。\n\n| これはテストです。 |\n|---|\n| これはテストです。 |\n").html;
        assert!(html.contains(">これは<wbr>テストです。</h2>"), "{html}");
        assert!(html.contains("<p>これはテストです。</p>"), "{html}");
        assert_eq!(html.matches("<wbr>").count(), 2, "{html}");
    }
}
