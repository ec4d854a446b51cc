//! A YAML file as a tree of values, each with its line and column in the file.
//!
//! [`parse`] reads the events of the parser serde-saphyr is built on and
//! keeps every value as written (a scalar's text, whether it was quoted), so
//! [`super::read`] can read each field on its own and report every problem of
//! a file. Anchors, aliases and merge keys (`<<`) are resolved here; every
//! duplicate key and every control character (raw, or written as an escape
//! such as `"\x01"`) is reported at its position and reading goes on. A
//! syntax error ends the reading, and so does a file past the limits that
//! stop a hostile one: [`MAX_NODES`] values and [`MAX_DEPTH`] levels.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use serde_saphyr::granit_parser::{Event, Marker, Options, Parser, ScalarStyle, Span};

use crate::diagnostic::{Diagnostic, Diagnostics};

/// The most values (keys, values and list items, each copy an alias makes
/// counted) a file may hold: a glossary of 100,000 entries has about three
/// million, a page's front matter a few hundred; an alias bomb stops here.
pub const MAX_NODES: usize = 10_000_000;

/// The most levels of lists and maps inside each other (tebiki's own files
/// use five at most).
pub const MAX_DEPTH: usize = 64;

/// One value with its 1-based line and column (in characters) in the file.
#[derive(Clone, Debug, PartialEq)]
pub struct Node<'a> {
    /// The value.
    pub value: Value<'a>,
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
}

/// A scalar, a list or a map.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    /// Text as written (escapes processed) and how it was written.
    Scalar(Cow<'a, str>, Style),
    /// A list.
    Seq(Vec<Node<'a>>),
    /// A map's entries in the order written (duplicate keys removed, merges applied).
    Map(Vec<(Node<'a>, Node<'a>)>),
}

/// How a scalar was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Unquoted: `~`, `null` and nothing are null, digits a number.
    Plain,
    /// Quoted, a `|` or `>` block, or tagged `!!str`: always text.
    Quoted,
}

impl<'a> Node<'a> {
    /// The text of a scalar that is not null.
    pub fn text(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar(s, _) if !self.is_null() => Some(s),
            _ => None,
        }
    }

    /// Whether this is `~`, `null` or nothing, unquoted.
    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar(s, Style::Plain) if matches!(s.as_ref(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// The number of values in this one (itself included) and how many levels deep it goes.
    fn measure(&self) -> (usize, usize) {
        let children: Box<dyn Iterator<Item = &Node>> = match &self.value {
            Value::Scalar(..) => return (1, 1),
            Value::Seq(items) => Box::new(items.iter()),
            Value::Map(entries) => Box::new(entries.iter().flat_map(|(k, v)| [k, v])),
        };
        children.map(Node::measure).fold((1, 1), |(size, depth), (s, d)| (size + s, depth.max(d + 1)))
    }
}

/// Parses `src`, a YAML fragment whose first line is line `first_line` of
/// `file`. `Ok(None)` for a fragment without a value (empty, or comments
/// only); problems that leave the tree usable go to `diags`.
pub fn parse<'a>(src: &'a str, file: &Path, first_line: usize, diags: &mut Diagnostics) -> Result<Option<Node<'a>>, Diagnostic> {
    let mut options = Options::default();
    options.emit_comments = false;
    let mut b = Builder { src, file, first_line, diags, stack: Vec::new(), anchors: HashMap::new(), nodes: 0, root: None, documents: 0 };
    for next in Parser::new_from_str_with_options(src, options) {
        let (event, span) = next.map_err(|e| super::syntax::diagnostic(&e, src, file, first_line))?;
        b.event(event, &span)?;
    }
    Ok(b.root)
}

struct Builder<'a, 'p> {
    src: &'a str,
    file: &'p Path,
    first_line: usize,
    diags: &'p mut Diagnostics,
    /// Lists and maps being read, outermost first; a map's key waiting for its value.
    stack: Vec<(Node<'a>, Option<Node<'a>>, usize)>,
    /// Anchored values by id, with their size and depth.
    anchors: HashMap<usize, (Node<'a>, (usize, usize))>,
    nodes: usize,
    root: Option<Node<'a>>,
    documents: usize,
}

impl<'a> Builder<'a, '_> {
    fn event(&mut self, event: Event<'a>, span: &Span) -> Result<(), Diagnostic> {
        match event {
            Event::DocumentStart(..) => {
                self.documents += 1;
                if self.documents > 1 {
                    let (line, column) = self.at(&span.start);
                    return Err(Diagnostic::error(self.file, line, column, "a second YAML document starts here")
                        .with_help("a `---` or `...` line ends a YAML document; remove it, or quote it if it is text"));
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                let quoted = style != ScalarStyle::Plain || tag.is_some_and(|t| t.core_suffix() == Some("str"));
                let node = self.node(Value::Scalar(text, if quoted { Style::Quoted } else { Style::Plain }), span)?;
                if let Value::Scalar(text, _) = &node.value {
                    self.check_controls(text, style, span);
                }
                self.add(node, anchor)?;
            }
            Event::SequenceStart(_, anchor, _) => self.open(Value::Seq(Vec::new()), span, anchor)?,
            Event::MappingStart(_, anchor, _) => self.open(Value::Map(Vec::new()), span, anchor)?,
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((mut node, _, anchor)) = self.stack.pop() {
                    if let Value::Map(entries) = &mut node.value {
                        let entries = std::mem::take(entries);
                        node.value = Value::Map(self.finish_map(entries));
                    }
                    self.add(node, anchor)?;
                }
            }
            Event::Alias(id) => {
                let (line, column) = self.at(&span.start);
                let Some((node, (size, depth))) = self.anchors.get(&id) else {
                    return Err(Diagnostic::error(self.file, line, column, "this alias refers to the value that holds it")
                        .with_help("an alias (`*name`) may only repeat a value that is complete above it"));
                };
                // Aliases of aliases must not nest deeper than the file could by itself.
                if self.stack.len() + depth > MAX_DEPTH {
                    return Err(too_deep(self.file, line, column));
                }
                let (mut node, size) = (node.clone(), *size);
                self.count(size, line, column)?;
                (node.line, node.column) = (line, column);
                self.add(node, 0)?;
            }
            _ => {}
        }
        Ok(())
    }

    /// File line and column of a parser position.
    fn at(&self, m: &Marker) -> (usize, usize) {
        (m.line() + self.first_line - 1, m.col() + 1)
    }

    fn count(&mut self, n: usize, line: usize, column: usize) -> Result<(), Diagnostic> {
        self.nodes += n;
        if self.nodes > MAX_NODES {
            return Err(Diagnostic::error(
                self.file,
                line,
                column,
                format!("the file holds more than {MAX_NODES} YAML values (each copy an alias makes counted); tebiki stops here"),
            )
            .with_help("a real glossary of 100,000 entries holds about 3 million; split the file, or repeat fewer large values with aliases (`*name`)"));
        }
        Ok(())
    }

    fn node(&mut self, value: Value<'a>, span: &Span) -> Result<Node<'a>, Diagnostic> {
        let (line, column) = self.at(&span.start);
        self.count(1, line, column)?;
        Ok(Node { value, line, column })
    }

    fn open(&mut self, value: Value<'a>, span: &Span, anchor: usize) -> Result<(), Diagnostic> {
        let node = self.node(value, span)?;
        if self.stack.len() >= MAX_DEPTH {
            return Err(too_deep(self.file, node.line, node.column));
        }
        self.stack.push((node, None, anchor));
        Ok(())
    }

    /// Puts a finished value into the list or map being read, or makes it the root.
    fn add(&mut self, node: Node<'a>, anchor: usize) -> Result<(), Diagnostic> {
        if anchor != 0 {
            let measure = node.measure();
            self.count(measure.0, node.line, node.column)?;
            self.anchors.insert(anchor, (node.clone(), measure));
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some((Node { value: Value::Seq(items), .. }, _, _)) => items.push(node),
            Some((Node { value: Value::Map(entries), .. }, key, _)) => match key.take() {
                None => *key = Some(node),
                Some(k) => entries.push((k, node)),
            },
            Some(_) => {}
        }
        Ok(())
    }

    /// Reports and drops duplicate keys (the first stays), then applies merge keys (`<<: *base`).
    fn finish_map(&mut self, mut entries: Vec<(Node<'a>, Node<'a>)>) -> Vec<(Node<'a>, Node<'a>)> {
        let is_merge = |k: &Node| matches!(&k.value, Value::Scalar(s, Style::Plain) if s == "<<");
        let merges: Vec<Node<'a>> = if entries.iter().any(|(k, _)| is_merge(k)) {
            let (merges, rest): (Vec<_>, Vec<_>) = entries.into_iter().partition(|(k, _)| is_merge(k));
            entries = rest;
            merges.into_iter().map(|(_, v)| v).collect()
        } else {
            Vec::new()
        };
        let duplicates = duplicate_keys(&entries);
        for &(dup, first) in &duplicates {
            let (k, _) = &entries[dup];
            let name = k.text().unwrap_or_default();
            self.diags.push(
                Diagnostic::error(self.file, k.line, k.column, format!("key `{name}` is given twice in this map"))
                    .with_help(format!("line {} gives it first; each key may appear once, so remove one of them", entries[first].0.line)),
            );
        }
        if !duplicates.is_empty() {
            let mut drop = vec![false; entries.len()];
            for (dup, _) in duplicates {
                drop[dup] = true;
            }
            let mut i = 0;
            entries.retain(|_| {
                i += 1;
                !drop[i - 1]
            });
        }
        for m in merges {
            self.merge(&mut entries, m);
        }
        entries
    }

    /// Adds the entries of a merged map (or list of maps, earlier first) whose keys the map lacks.
    fn merge(&mut self, entries: &mut Vec<(Node<'a>, Node<'a>)>, from: Node<'a>) {
        let mut present: std::collections::HashSet<String> = entries.iter().filter_map(|(k, _)| k.text().map(str::to_owned)).collect();
        let maps = match from.value {
            Value::Map(m) => vec![m],
            Value::Seq(items) if items.iter().all(|i| matches!(i.value, Value::Map(_))) => items
                .into_iter()
                .filter_map(|i| match i.value {
                    Value::Map(m) => Some(m),
                    _ => None,
                })
                .collect(),
            _ => {
                self.diags.push(
                    Diagnostic::error(self.file, from.line, from.column, "the value of `<<` must be a map, or a list of maps")
                        .with_help("`<<: *name` merges the fields of the map anchored `&name` into this one"),
                );
                return;
            }
        };
        for (k, v) in maps.into_iter().flatten() {
            if k.text().is_none_or(|key| present.insert(key.to_owned())) {
                entries.push((k, v));
            }
        }
    }

    /// Reports control characters in a scalar, each at its place in the file.
    fn check_controls(&mut self, text: &str, style: ScalarStyle, span: &Span) {
        if !text.bytes().any(|b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f || b == 0xc2)
            || !text.chars().any(forbidden)
        {
            return;
        }
        let raw = match (span.start.byte_offset(), span.end.byte_offset()) {
            (Some(a), Some(b)) => self.src.get(a..b).unwrap_or(""),
            _ => "",
        };
        let found = controls_in(raw, style == ScalarStyle::DoubleQuoted);
        let (line0, col0) = self.at(&span.start);
        if found.is_empty() {
            let c = text.chars().find(|c| forbidden(*c)).unwrap_or('\0');
            self.diags.push(control_diagnostic(self.file, line0, col0, c, None));
        }
        for (line, col, c, escape) in found {
            let column = if line == 0 { col0 + col } else { col + 1 };
            self.diags.push(control_diagnostic(self.file, line0 + line, column, c, escape));
        }
    }
}

fn too_deep(file: &Path, line: usize, column: usize) -> Diagnostic {
    Diagnostic::error(file, line, column, format!("lists and maps are nested more than {MAX_DEPTH} levels deep here"))
        .with_help("tebiki's fields nest a few levels at most; check the indentation, the brackets and the aliases above")
}

/// Pairs `(duplicate, first)` of entries with the same text key.
fn duplicate_keys(entries: &[(Node<'_>, Node<'_>)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if entries.len() <= 16 {
        for (i, (k, _)) in entries.iter().enumerate() {
            if let Some(first) = k.text().and_then(|t| entries[..i].iter().position(|(e, _)| e.text() == Some(t))) {
                out.push((i, first));
            }
        }
        return out;
    }
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(entries.len());
    for (i, (k, _)) in entries.iter().enumerate() {
        if let Some(t) = k.text() {
            match seen.get(t) {
                Some(first) => out.push((i, *first)),
                None => {
                    seen.insert(t, i);
                }
            }
        }
    }
    out
}

/// Control characters tebiki refuses: all but tab, line feed and carriage return.
pub fn forbidden(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// The control characters in a scalar's source text `raw`: line offset from
/// the scalar's start, column (from the scalar's column on its first line,
/// else 0-based in the line), the character, and the escape that wrote it.
fn controls_in(raw: &str, escapes: bool) -> Vec<(usize, usize, char, Option<String>)> {
    let mut out = Vec::new();
    let (mut line, mut col) = (0, 0);
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if escapes && c == '\\' {
            let Some((_, e)) = chars.next() else { break };
            let digits = match e {
                'x' => 2,
                'u' => 4,
                'U' => 8,
                _ => 0,
            };
            let hex: String = (0..digits).filter_map(|_| chars.next().map(|(_, h)| h)).collect();
            let written = match e {
                '0' => Some('\0'),
                'a' => Some('\u{7}'),
                'b' => Some('\u{8}'),
                'e' => Some('\u{1b}'),
                'f' => Some('\u{c}'),
                'v' => Some('\u{b}'),
                'N' => Some('\u{85}'),
                _ if digits > 0 => u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32),
                _ => None,
            };
            if let Some(w) = written.filter(|w| forbidden(*w)) {
                let len = 2 + hex.len();
                out.push((line, col, w, raw.get(i..i + len).map(str::to_owned)));
            }
            col += 2 + hex.chars().count();
            if e == '\n' {
                (line, col) = (line + 1, 0);
            }
            continue;
        }
        if c == '\n' {
            (line, col) = (line + 1, 0);
            continue;
        }
        if forbidden(c) {
            out.push((line, col, c, None));
        }
        col += 1;
    }
    out
}

fn control_diagnostic(file: &Path, line: usize, column: usize, c: char, escape: Option<String>) -> Diagnostic {
    match escape {
        Some(e) => Diagnostic::error(
            file,
            line,
            column,
            format!("`{e}` writes the control character U+{:04X}, which a page cannot hold", c as u32),
        )
        .with_help("remove the escape; of the control characters only a tab (`\\t`) and a line break (`\\n`) may be written"),
        None => Diagnostic::error(file, line, column, format!("text holds the control character U+{:04X}; it looks corrupt", c as u32))
            .with_help("remove the character, or restore the file from a good copy"),
    }
}

#[cfg(test)]
#[path = "tree_tests.rs"]
mod tests;
