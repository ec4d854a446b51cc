//! Text events: merging neighbours, and the body's plain text.
//!
//! [`merge_text`] joins adjacent `Text` events into one, its range covering
//! both, so later passes see whole runs of text (`[[`, `*` and `&` split
//! them in the parser's output). [`plain_text`] extracts the words of the
//! body for the search index: headings, paragraphs, list items, table cells
//! and image descriptions, with blocks on separate lines and code blocks
//! and raw HTML left out.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::Spanned;
use crate::lang::is_cjk;

/// Joins adjacent `Text` events. A run of them is gathered in one growing
/// buffer, so the pass is linear in the text however many events the
/// parser split it into (`[[` or `*a **a` repeated make one event each).
pub(super) fn merge_text(events: Vec<Spanned<'_>>) -> Vec<Spanned<'_>> {
    // No two text events side by side: the list is kept as it is (not copied).
    if !events.windows(2).any(|w| matches!((&w[0].0, &w[1].0), (Event::Text(_), Event::Text(_)))) {
        return events;
    }
    let mut out: Vec<Spanned> = Vec::with_capacity(events.len());
    // The joined text of the run that ends `out`, once it has two events.
    let mut joined: Option<String> = None;
    for (event, range) in events {
        if let (Event::Text(next), Some((Event::Text(prev), prev_range))) = (&event, out.last_mut()) {
            match joined.as_mut() {
                Some(text) => text.push_str(next),
                None => {
                    let mut text = String::with_capacity(prev.len() + next.len());
                    text.push_str(prev);
                    text.push_str(next);
                    joined = Some(text);
                }
            }
            prev_range.end = prev_range.end.max(range.end);
            continue;
        }
        if let Some(text) = joined.take() {
            finish_run(&mut out, text);
        }
        out.push((event, range));
    }
    if let Some(text) = joined {
        finish_run(&mut out, text);
    }
    out
}

/// Puts the joined text of a run into the event that starts it.
fn finish_run(out: &mut [Spanned<'_>], joined: String) {
    if let Some((Event::Text(text), _)) = out.last_mut() {
        *text = CowStr::from(joined);
    }
}

/// Whether a tag is inline (inside a paragraph), not a block.
pub(super) fn is_inline_tag(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Superscript | Tag::Subscript | Tag::Link { .. } | Tag::Image { .. }
    )
}

/// Whether an end tag closes an inline tag.
pub(super) fn is_inline_end(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Superscript | TagEnd::Subscript | TagEnd::Link | TagEnd::Image
    )
}

/// The plain text of the body, code blocks excluded.
pub(super) fn plain_text(events: &[Spanned<'_>]) -> String {
    let mut out = PlainText::default();
    let mut in_code_block = false;
    for (event, _) in events {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                out.separate('\n');
            }
            _ if in_code_block => {}
            Event::Text(text) | Event::Code(text) => out.push(text),
            Event::SoftBreak => out.soft_break(),
            Event::HardBreak => out.separate('\n'),
            Event::Start(Tag::TableCell) => {}
            Event::End(TagEnd::TableCell) => out.separate(' '),
            Event::Start(tag) if !is_inline_tag(tag) => out.separate('\n'),
            Event::End(end) if !is_inline_end(end) => out.separate('\n'),
            _ => {}
        }
    }
    out.text.trim_end().to_string()
}

/// Plain text being built, with a soft break pending until the next text
/// shows whether it joins two Japanese characters (no space) or not.
#[derive(Default)]
struct PlainText {
    text: String,
    soft_break: bool,
}

impl PlainText {
    fn push(&mut self, text: &str) {
        if self.soft_break {
            self.soft_break = false;
            let joins_cjk = self.text.chars().next_back().is_some_and(is_cjk) && text.chars().next().is_some_and(is_cjk);
            if !joins_cjk {
                self.separate(' ');
            }
        }
        self.text.push_str(text);
    }

    fn soft_break(&mut self) {
        self.soft_break = true;
    }

    /// Ends a word: adds `sep` unless the text is empty or already ends in
    /// whitespace (a space before a newline becomes the newline).
    fn separate(&mut self, sep: char) {
        self.soft_break = false;
        if self.text.is_empty() {
            return;
        }
        if sep == '\n' && self.text.ends_with(' ') {
            self.text.pop();
        }
        if !self.text.ends_with(char::is_whitespace) {
            self.text.push(sep);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::within_limit;
    use super::*;
    use pulldown_cmark::Parser;

    fn events(md: &str) -> Vec<Spanned<'_>> {
        Parser::new_ext(md, super::super::parse_options()).into_offset_iter().collect()
    }

    fn plain(md: &str) -> String {
        plain_text(&merge_text(events(md)))
    }

    #[test]
    fn adjacent_text_events_are_merged_with_their_ranges() {
        let md = "a [[ b";
        let merged = merge_text(events(md));
        let texts: Vec<_> = merged
            .iter()
            .filter_map(|(e, r)| match e {
                Event::Text(t) => Some((t.to_string(), r.clone())),
                _ => None,
            })
            .collect();
        assert_eq!(texts, vec![("a [[ b".to_string(), 0..6)]);
    }

    /// Joining each text to all before it took 19 s in a debug build for a
    /// million events (what `[[` repeated gives), and four times that for
    /// these two million; a debug build takes half a second now.
    #[test]
    fn two_million_text_events_merge_in_linear_time() {
        let merged = within_limit(|| {
            let events: Vec<Spanned> = (0..2_000_000).map(|i| (Event::Text(CowStr::Borrowed("[")), i..i + 1)).collect();
            merge_text(events).into_iter().map(|(e, r)| (e.into_static(), r)).collect::<Vec<_>>()
        });
        assert_eq!(merged.len(), 1);
        assert!(matches!(&merged[0], (Event::Text(t), r) if t.len() == 2_000_000 && *r == (0..2_000_000)));
    }

    #[test]
    fn text_runs_between_other_events_merge_apart() {
        let md = "a [[ b *c* d [[ e";
        let texts: Vec<String> = merge_text(events(md))
            .into_iter()
            .filter_map(|(e, _)| match e {
                Event::Text(t) => Some(t.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(texts, ["a [[ b ", "c", " d [[ e"]);
    }

    #[test]
    fn blocks_are_separated_by_newlines() {
        assert_eq!(plain("# Title\n\nPara one.\n\n- a\n- b"), "Title\nPara one.\na\nb");
    }

    #[test]
    fn code_blocks_are_excluded_but_inline_code_is_kept() {
        assert_eq!(plain("run `tebiki`\n\n```\nsecret\n```\n\nafter"), "run tebiki\nafter");
    }

    #[test]
    fn table_cells_are_separated() {
        assert_eq!(plain("| a | b |\n|---|---|\n| c | d |"), "a b\nc d");
    }

    #[test]
    fn soft_break_between_japanese_characters_adds_no_space() {
        assert_eq!(plain("ゲノム\n医療"), "ゲノム医療");
        assert_eq!(plain("genome\nmedicine"), "genome medicine");
    }

    #[test]
    fn raw_html_is_left_out_and_image_alt_kept() {
        assert_eq!(plain("a <b>x</b> ![map of Japan](m.png)"), "a x map of Japan");
    }

    #[test]
    fn empty_body_has_empty_text() {
        assert_eq!(plain(""), "");
    }
}
