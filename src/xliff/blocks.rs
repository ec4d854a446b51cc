//! A Markdown body cut into the blocks a translator translates, each as
//! text and inline codes taken from the bytes as written.
//!
//! [`blocks`] parses the body with the options the renderer uses and
//! returns one [`Block`] per run of inline content directly inside a
//! paragraph, heading, list item or table cell (so paragraphs of block
//! quotes and footnote definitions are blocks too; code blocks and raw HTML
//! blocks are not). A block's [`Block::range`] runs from its first inline
//! byte to its last; its [`Block::pieces`] cover that range exactly, in
//! order: the text a translator changes, and everything else as codes —
//! emphasis markers, link syntax and destinations, inline code, `[[id]]`
//! references (whole, or `[[id|` and `]]` around their own text), and the
//! line break plus container prefix (`\n> `, indentation) between two lines
//! of one paragraph. Putting the pieces back together gives the block's
//! bytes, so an unchanged block is written back unchanged.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// One translatable block of a body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// What it is and where (`p`, `h2`, `li`, `td`, `blockquote p`, `footnote p` …).
    pub kind: String,
    /// Its bytes in the body.
    pub range: Range<usize>,
    /// Text and codes covering `range`, in order.
    pub pieces: Vec<Piece>,
}

/// A part of a block: text to translate, or markup to keep.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Code(String),
}

impl Block {
    /// The block's Markdown as written.
    pub fn markdown(&self) -> String {
        joined(&self.pieces)
    }

    /// Whether it has text to translate (`- [[id]]` or an image alone has none).
    pub fn has_text(&self) -> bool {
        self.pieces.iter().any(|p| matches!(p, Piece::Text(t) if !t.trim().is_empty()))
    }
}

/// The Markdown of pieces put back together.
pub fn joined(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Text(s) | Piece::Code(s) => s.as_str(),
        })
        .collect()
}

/// The parser options of the renderer.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
}

/// The block being collected.
struct Run {
    kind: String,
    range: Range<usize>,
    texts: Vec<Range<usize>>,
}

/// Every translatable block of `body`, in order.
pub fn blocks(body: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut stack: Vec<&'static str> = Vec::new();
    let mut run: Option<Run> = None;
    // Per open link or image: whether its text is its destination (`[[id]]`).
    let mut links: Vec<bool> = Vec::new();
    let mut skip = 0usize;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match &event {
            Event::Start(tag) if block_name(tag).is_some() => {
                finish(&mut run, body, &mut out);
                let name = block_name(tag).unwrap_or("");
                if matches!(tag, Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)) {
                    skip += 1;
                }
                stack.push(name);
                continue;
            }
            Event::End(end) if is_block_end(end) => {
                finish(&mut run, body, &mut out);
                if matches!(end, TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)) {
                    skip = skip.saturating_sub(1);
                }
                stack.pop();
                continue;
            }
            Event::Html(_) | Event::Rule => continue,
            _ => {}
        }
        if skip > 0 {
            continue;
        }
        let r = run.get_or_insert_with(|| Run { kind: kind(&stack), range: range.clone(), texts: Vec::new() });
        r.range.start = r.range.start.min(range.start);
        r.range.end = r.range.end.max(range.end);
        match event {
            Event::Start(Tag::Link { link_type, .. }) | Event::Start(Tag::Image { link_type, .. }) => {
                links.push(matches!(link_type, LinkType::WikiLink { has_pothole: false }));
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                links.pop();
            }
            Event::Text(_) if !links.iter().any(|&whole| whole) => r.texts.push(range),
            _ => {}
        }
    }
    finish(&mut run, body, &mut out);
    out
}

/// Ends the run, if any, as a block.
fn finish(run: &mut Option<Run>, body: &str, out: &mut Vec<Block>) {
    let Some(r) = run.take() else { return };
    let mut pieces = Vec::new();
    let mut at = r.range.start;
    for t in r.texts {
        if t.start < at || t.end > r.range.end || t.is_empty() {
            continue;
        }
        if t.start > at {
            push(&mut pieces, Piece::Code(body[at..t.start].to_string()));
        }
        push(&mut pieces, Piece::Text(body[t.clone()].to_string()));
        at = t.end;
    }
    if at < r.range.end {
        push(&mut pieces, Piece::Code(body[at..r.range.end].to_string()));
    }
    if !pieces.is_empty() {
        out.push(Block { kind: r.kind, range: r.range, pieces });
    }
}

/// Appends a piece, joining it to the last one when both are text or both codes.
fn push(pieces: &mut Vec<Piece>, piece: Piece) {
    match (pieces.last_mut(), piece) {
        (Some(Piece::Text(a)), Piece::Text(b)) | (Some(Piece::Code(a)), Piece::Code(b)) => a.push_str(&b),
        (_, piece) => pieces.push(piece),
    }
}

/// The name of a block-level tag (`None` for inline tags).
fn block_name(tag: &Tag<'_>) -> Option<&'static str> {
    Some(match tag {
        Tag::Paragraph => "p",
        Tag::Heading { level, .. } => ["h1", "h2", "h3", "h4", "h5", "h6"][*level as usize - 1],
        Tag::BlockQuote(_) => "blockquote",
        Tag::CodeBlock(_) => "pre",
        Tag::HtmlBlock => "html",
        Tag::List(_) => "list",
        Tag::Item => "li",
        Tag::FootnoteDefinition(_) => "footnote",
        Tag::Table(_) => "table",
        Tag::TableHead => "thead",
        Tag::TableRow => "tr",
        Tag::TableCell => "td",
        Tag::DefinitionList => "dl",
        Tag::DefinitionListTitle => "dt",
        Tag::DefinitionListDefinition => "dd",
        Tag::MetadataBlock(_) => "meta",
        _ => return None,
    })
}

fn is_block_end(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::MetadataBlock(_)
    )
}

/// The kind of a block from the open blocks around it: the innermost
/// block, after the containers that matter to a translator.
fn kind(stack: &[&str]) -> String {
    let mut kind = String::new();
    for (i, name) in stack.iter().enumerate() {
        let last = i + 1 == stack.len();
        let shown = match *name {
            "blockquote" | "footnote" => !last,
            "li" => true,
            "thead" => {
                kind.push_str("th");
                return kind;
            }
            "p" | "td" => last,
            n if n.starts_with('h') => last,
            _ => false,
        };
        if shown {
            if !kind.is_empty() {
                kind.push(' ');
            }
            kind.push_str(name);
        }
    }
    kind
}

#[cfg(test)]
mod tests {
    use proptest::strategy::Strategy as _;

    use super::*;

    fn kinds(body: &str) -> Vec<(String, String)> {
        blocks(body).into_iter().map(|b| (b.kind.clone(), b.markdown())).collect()
    }

    fn pair(kind: &str, md: &str) -> (String, String) {
        (kind.to_string(), md.to_string())
    }

    #[test]
    fn pieces_put_together_are_the_block_as_written() {
        let body = "# Title {#t}\n\nSome *emph* and [a link](x.md \"t\") and `code` &amp; \\*.\nNext line.\n\n> quoted\n> two\n";
        for b in blocks(body) {
            assert_eq!(b.markdown(), &body[b.range.clone()]);
        }
        assert_eq!(
            kinds(body),
            vec![
                pair("h1", "Title"),
                pair("p", "Some *emph* and [a link](x.md \"t\") and `code` &amp; \\*.\nNext line."),
                pair("blockquote p", "quoted\n> two"),
            ]
        );
    }

    #[test]
    fn references_are_codes_and_their_own_text_is_text() {
        let b = &blocks("See [[amed]] and [[b-cure|the programme]].\n")[0];
        assert_eq!(
            b.pieces,
            vec![
                Piece::Text("See ".into()),
                Piece::Code("[[amed]]".into()),
                Piece::Text(" and ".into()),
                Piece::Code("[[b-cure|".into()),
                Piece::Text("the programme".into()),
                Piece::Code("]]".into()),
                Piece::Text(".".into()),
            ]
        );
    }

    #[test]
    fn lists_tables_and_footnotes_give_one_block_each_and_code_blocks_none() {
        let body = "- one\n- two\n  - nested\n\n| a | b |\n|---|---|\n| c | d |\n\n```\ncode\n```\n\nText[^1].\n\n[^1]: The note.\n";
        assert_eq!(
            kinds(body),
            vec![
                pair("li", "one"),
                pair("li", "two"),
                pair("li li", "nested"),
                pair("th", "a"),
                pair("th", "b"),
                pair("td", "c"),
                pair("td", "d"),
                pair("p", "Text[^1]."),
                pair("footnote p", "The note."),
            ]
        );
    }

    #[test]
    fn crlf_line_ends_stay_in_the_codes() {
        let body = "line one\r\nline two\r\n\r\n- item\r\n";
        let b = blocks(body);
        assert_eq!(b[0].pieces, vec![Piece::Text("line one".into()), Piece::Code("\r\n".into()), Piece::Text("line two".into())]);
        assert_eq!(b[1].markdown(), "item");
    }

    #[test]
    fn a_block_of_codes_alone_is_a_block_without_text() {
        let b = blocks("![](a.png)\n\n---\n\n<div>x</div>\n\n- [[id]]\n");
        assert_eq!(b.iter().map(|b| (b.kind.as_str(), b.has_text())).collect::<Vec<_>>(), vec![("p", false), ("li", false)]);
    }

    proptest::proptest! {
        #![proptest_config(crate::proptest_config())]
        #[test]
        fn blocks_are_in_order_apart_and_their_pieces_are_their_bytes(
            body in proptest::collection::vec(proptest::sample::select(vec![
                "a", "文", " ", "  ", "\n", "\r\n", "\r", "\n\n", "> ", "- ", "1. ", "# ", "|", "---", "*", "**", "_", "`", "```", "~~",
                "[", "]", "(", ")", "[[", "]]", "[[x|", "![", "[^1]", "[^1]: ", "\\", "&amp;", "<b>", "</b>", "<div>", "{#i}", "\t",
            ]), 0..40).prop_map(|v| v.concat()),
        ) {
            let mut at = 0;
            for b in blocks(&body) {
                proptest::prop_assert!(b.range.start >= at, "{:?} overlaps the block before in {:?}", b.range, body);
                proptest::prop_assert_eq!(b.markdown(), &body[b.range.clone()]);
                at = b.range.end;
            }
        }
    }
}
