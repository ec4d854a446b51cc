//! A page text as the translation checks see it: its blocks of running
//! text with their lines, and the shape of its structure.
//!
//! [`Outline::of`] parses the body once with the renderer's options and
//! keeps, per block (the title, summary and subtitle of the front matter;
//! then each paragraph, heading, list item and table row of the body), the
//! pieces of text a reader reads: never code, raw HTML, URLs of autolinks,
//! or the ids of `[[id]]` references. The structure is kept per
//! [`Part`] (headings with their level, lists with their item count, tables
//! with rows and columns, images, code blocks, footnotes) and the `[[id]]`
//! targets, each with its line, so two texts can be compared element by
//! element.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::model::PageText;

/// The parser options of the renderer.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
}

/// A block of running text: where it starts and what it says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Block {
    /// 1-based line in the file.
    pub line: usize,
    /// Its text, pieces joined by a space.
    pub text: String,
    /// For each piece of `text`: its start in `text`, and its line and column in the file.
    pub starts: Vec<(usize, usize, usize)>,
}

impl Block {
    /// The line of the byte `at` of [`Block::text`].
    pub fn line_of(&self, at: usize) -> usize {
        self.position(at).0
    }

    /// The line and column (1-based, in characters) of the byte `at` of [`Block::text`].
    pub fn position(&self, at: usize) -> (usize, usize) {
        let i = self.starts.partition_point(|(start, _, _)| *start <= at);
        let Some(&(start, line, column)) = i.checked_sub(1).and_then(|i| self.starts.get(i)) else { return (self.line, 1) };
        let before = self.text.get(start..at).map_or(0, |s| s.chars().count());
        (line, column + before)
    }
}

/// The kinds of structure compared between a source and its translation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Heading,
    List,
    Table,
    Image,
    CodeBlock,
    Footnote,
}

impl Part {
    pub const ALL: [Part; 6] = [Part::Heading, Part::List, Part::Table, Part::Image, Part::CodeBlock, Part::Footnote];

    /// What one element is called in a message.
    pub fn name(self) -> &'static str {
        match self {
            Part::Heading => "heading",
            Part::List => "list",
            Part::Table => "table",
            Part::Image => "image",
            Part::CodeBlock => "code block",
            Part::Footnote => "footnote",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// One element of structure: its shape (heading level; list items; table
/// rows and columns; else 0) and its line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Element {
    pub shape: (usize, usize),
    pub line: usize,
}

/// The blocks and the structure of one page text.
#[derive(Clone, Debug, Default)]
pub struct Outline {
    pub blocks: Vec<Block>,
    pub parts: [Vec<Element>; 6],
    /// `[[id]]` targets, in order, with their lines.
    pub references: Vec<(String, usize)>,
    /// The body's first line, and the line after its last.
    pub first_line: usize,
    pub end_line: usize,
}

/// Line numbers of byte offsets in a body.
struct Lines {
    first: usize,
    breaks: Vec<usize>,
    /// The last offset a column was asked for, and that column: the next
    /// offset on the same line counts on from there, so a long line with
    /// many pieces is counted once.
    cursor: (usize, usize),
}

impl Lines {
    fn new(body: &str, first: usize) -> Lines {
        Lines { first, breaks: body.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i).collect(), cursor: (0, 1) }
    }

    fn at(&self, offset: usize) -> usize {
        self.first + self.breaks.partition_point(|&b| b < offset)
    }

    /// The 1-based column, in characters, of `offset` in `body`.
    fn column(&mut self, body: &str, offset: usize) -> usize {
        let i = self.breaks.partition_point(|&b| b < offset);
        let start = i.checked_sub(1).map_or(0, |i| self.breaks[i] + 1);
        let (from, column) = if (start..=offset).contains(&self.cursor.0) { self.cursor } else { (start, 1) };
        let column = body.get(from..offset).map_or(1, |s| column + s.chars().count());
        self.cursor = (offset, column);
        column
    }
}

impl Outline {
    /// The outline of `text`.
    pub fn of(text: &PageText) -> Outline {
        let mut out = Outline::default();
        for (name, value) in [("title", Some(&text.title)), ("summary", text.summary.as_ref()), ("subtitle", text.subtitle.as_ref())] {
            if let Some(value) = value {
                let line = field_line(&text.yaml, name).map_or(text.yaml_line, |i| text.yaml_line + i);
                out.blocks.push(Block { line, text: value.clone(), starts: vec![(0, line, 1)] });
            }
        }
        out.read_body(&text.body, text.body_line);
        out
    }

    /// The outline of a text without Markdown structure (a glossary
    /// definition): one block at `line`.
    pub fn plain(text: &str, line: usize) -> Outline {
        // No pieces: every position in it is the line's first column.
        let block = Block { line, text: text.to_string(), starts: Vec::new() };
        Outline { blocks: vec![block], first_line: line, end_line: line + 1, ..Outline::default() }
    }

    /// The elements of one kind of structure.
    pub fn part(&self, part: Part) -> &[Element] {
        &self.parts[part.index()]
    }

    fn read_body(&mut self, body: &str, first_line: usize) {
        let mut lines = Lines::new(body, first_line);
        self.first_line = first_line;
        self.end_line = lines.at(body.len()) + 1;
        let mut block: Option<Block> = None;
        // Open lists' item counts, the open table's (rows, columns), and what text is left out.
        let mut lists: Vec<(usize, usize)> = Vec::new();
        let mut table: Option<(usize, usize, usize)> = None;
        let mut hidden = 0usize;
        for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
            let line = lines.at(range.start);
            match event {
                Event::Start(tag) => {
                    if matches!(tag, Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableHead | Tag::TableRow) {
                        self.flush(block.take());
                        block = Some(Block { line, ..Block::default() });
                    }
                    match tag {
                        Tag::Heading { level, .. } => self.push(Part::Heading, (level as usize, 0), line),
                        Tag::List(_) => lists.push((0, line)),
                        Tag::Item => {
                            if let Some(l) = lists.last_mut() {
                                l.0 += 1;
                            }
                        }
                        Tag::Table(columns) => table = Some((0, columns.len(), line)),
                        Tag::TableHead | Tag::TableRow => {
                            if let Some(t) = table.as_mut() {
                                t.0 += 1;
                            }
                        }
                        Tag::Image { .. } => self.push(Part::Image, (0, 0), line),
                        Tag::CodeBlock(_) => {
                            self.push(Part::CodeBlock, (0, 0), line);
                            hidden += 1;
                        }
                        Tag::FootnoteDefinition(_) => self.push(Part::Footnote, (0, 0), line),
                        Tag::Link { link_type, dest_url, .. } => match link_type {
                            LinkType::WikiLink { has_pothole } => {
                                self.references.push((dest_url.to_string(), line));
                                hidden += usize::from(!has_pothole);
                            }
                            LinkType::Autolink | LinkType::Email => hidden += 1,
                            _ => {}
                        },
                        _ => {}
                    }
                }
                Event::End(end) => match end {
                    TagEnd::List(_) => {
                        if let Some((items, at)) = lists.pop() {
                            self.push(Part::List, (items, 0), at);
                        }
                    }
                    TagEnd::Table => {
                        if let Some((rows, columns, at)) = table.take() {
                            self.push(Part::Table, (rows, columns), at);
                        }
                    }
                    TagEnd::CodeBlock => hidden = hidden.saturating_sub(1),
                    TagEnd::Link if hidden > 0 => hidden -= 1,
                    _ => {}
                },
                Event::Text(t) if hidden == 0 => {
                    if let Some(b) = block.as_mut() {
                        if !b.text.is_empty() {
                            b.text.push(' ');
                        }
                        b.starts.push((b.text.len(), line, lines.column(body, range.start)));
                        b.text.push_str(&t);
                    }
                }
                _ => {}
            }
        }
        self.flush(block);
    }

    fn flush(&mut self, block: Option<Block>) {
        if let Some(b) = block.filter(|b| !b.text.trim().is_empty()) {
            self.blocks.push(b);
        }
    }

    fn push(&mut self, part: Part, shape: (usize, usize), line: usize) {
        self.parts[part.index()].push(Element { shape, line });
    }
}

/// The line of `to` that stands where `line` of `from` stands, in
/// proportion to their bodies.
pub fn line_across(line: usize, from: &Outline, to: &Outline) -> usize {
    let span = |o: &Outline| o.end_line.saturating_sub(o.first_line).max(1);
    let offset = line.saturating_sub(from.first_line);
    to.first_line + (offset * span(to) / span(from)).min(span(to) - 1)
}

/// The 0-based line of the front matter where the top-level field `name` is.
fn field_line(yaml: &str, name: &str) -> Option<usize> {
    yaml.lines().position(|l| l.strip_prefix(name).is_some_and(|rest| rest.trim_start().starts_with(':')))
}

/// The block of `to` that stands where block `i` of `from` stands: the same
/// index when both have as many blocks, else the same proportion of the way.
pub fn counterpart(i: usize, from: usize, to: usize) -> usize {
    if to == 0 || from == to {
        return i.min(to.saturating_sub(1));
    }
    (i * to / from.max(1)).min(to - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(body: &str) -> Outline {
        Outline::of(&PageText::for_test("T", body))
    }

    #[test]
    fn blocks_leave_out_code_urls_and_reference_ids() {
        let o = outline("Para `code` [[page-id]] and [[x|shown]] <https://e.org>.\n\n```\nfn\n```\n\n- one\n- two\n");
        let texts: Vec<&str> = o.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts[0], "T");
        assert!(texts[1].starts_with("Para") && texts[1].contains("shown") && !texts[1].contains("page-id") && !texts[1].contains("e.org"));
        assert_eq!(&texts[2..], ["one", "two"]);
        assert_eq!(o.part(Part::List), [Element { shape: (2, 0), line: 10 }]);
        assert_eq!(o.part(Part::CodeBlock).len(), 1);
        assert_eq!(o.references, [("page-id".to_string(), 4), ("x".to_string(), 4)]);
    }

    #[test]
    fn headings_and_tables_have_shapes_and_lines() {
        let o = outline("## A\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n### B\n");
        assert_eq!(o.part(Part::Heading), [Element { shape: (2, 0), line: 4 }, Element { shape: (3, 0), line: 10 }]);
        assert_eq!(o.part(Part::Table), [Element { shape: (2, 2), line: 6 }]);
    }

    #[test]
    fn positions_count_characters_along_a_line_of_many_pieces() {
        let o = outline("一 *二* `x` 三 **四** 五\n");
        let b = &o.blocks[1];
        let at = b.text.find('五').unwrap();
        assert_eq!(b.position(at), (4, 19));
        let at = b.text.find('三').unwrap();
        assert_eq!(b.position(at), (4, 11));
    }

    #[test]
    fn counterpart_scales_when_counts_differ() {
        assert_eq!(counterpart(3, 5, 5), 3);
        assert_eq!(counterpart(4, 8, 4), 2);
        assert_eq!(counterpart(2, 3, 0), 0);
    }
}
