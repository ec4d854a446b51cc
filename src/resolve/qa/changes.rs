//! Which blocks of a source changed since its translation was stamped.
//!
//! `tebiki stamp` records, beside `source_hash`, the field `source_blocks`
//! in the translation's front matter: the first 8 hex digits of the source
//! hash it was recorded with, then 8 hex digits of a hash of each block of
//! the source (title, summary, subtitle, then every paragraph, heading,
//! list item and table row of the body, as [`Outline`] cuts them), in
//! order, separated by spaces. It lives in the front matter, not a sidecar
//! file, so it travels with the translation it describes (copied, renamed,
//! reviewed in the same diff) and `stamp` writes it as carefully as
//! `source_hash`. It is trusted only when its first item matches the
//! translation's `source_hash`; an older record (a translation stamped
//! before, or by a tool that wrote only `source_hash`) gives no list.
//!
//! [`changes`] compares the record with the source as it is now: blocks
//! kept at both ends are skipped, and in between a block whose hash was
//! recorded is unchanged; the others are paired in order as changed, and
//! what is left over is added (new blocks) or removed (recorded blocks).
//! Linear in the number of blocks.

use std::collections::HashSet;

use super::outline::{Outline, Part};
use crate::model::PageText;

/// Hex digits recorded per hash.
const DIGITS: usize = 8;

/// What happened to a block of the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    Changed,
    Added,
    Removed,
}

impl ChangeKind {
    pub fn word(self) -> &'static str {
        match self {
            ChangeKind::Changed => "changed",
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
        }
    }
}

/// A block of the source that changed since the stamp.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub kind: ChangeKind,
    /// The source's line: the block's, or for a removed one, where it was.
    pub line: usize,
    /// The block's first words (empty for a removed block).
    pub excerpt: String,
    /// The index of the body's last heading at or before it, if any.
    pub section: Option<usize>,
}

/// Eight hex digits of a hash of `text`.
fn short(text: &str) -> String {
    let normal = text.replace("\r\n", "\n");
    blake3::hash(normal.as_bytes()).to_hex()[..DIGITS].to_string()
}

/// The `source_blocks` value for `source` as it is now.
pub fn record(source: &PageText) -> String {
    let outline = Outline::of(source);
    let mut out = source.digest().get(..DIGITS).unwrap_or_default().to_string();
    for b in &outline.blocks {
        out.push(' ');
        out.push_str(&short(&b.text));
    }
    out
}

/// The blocks of `source` that changed since `recorded` (a `source_blocks`
/// value written with the stamp `stamped`); `None` when the record does
/// not belong to that stamp.
pub fn changes(source: &PageText, recorded: &str, stamped: &str) -> Option<Vec<Change>> {
    let mut items = recorded.split_whitespace();
    let belongs = items.next().is_some_and(|first| first.len() == DIGITS && stamped.trim().starts_with(first));
    if !belongs {
        return None;
    }
    let old: Vec<&str> = items.collect();
    let outline = Outline::of(source);
    let new: Vec<String> = outline.blocks.iter().map(|b| short(&b.text)).collect();
    let prefix = old.iter().zip(&new).take_while(|(a, b)| **a == b.as_str()).count();
    let suffix = old[prefix..].iter().rev().zip(new[prefix..].iter().rev()).take_while(|(a, b)| **a == b.as_str()).count();
    let (old_mid, new_mid) = (&old[prefix..old.len() - suffix], &new[prefix..new.len() - suffix]);
    let was: HashSet<&str> = old_mid.iter().copied().collect();
    let now: HashSet<&str> = new_mid.iter().map(String::as_str).collect();
    let fresh: Vec<usize> = (prefix..prefix + new_mid.len()).filter(|&i| !was.contains(new[i].as_str())).collect();
    let gone = old_mid.iter().filter(|h| !now.contains(**h)).count();
    let headings = outline.part(Part::Heading);
    let section = |line: usize| headings.iter().rposition(|h| h.line <= line);
    let mut out = Vec::new();
    for (n, &i) in fresh.iter().enumerate() {
        let b = &outline.blocks[i];
        let kind = if n < gone { ChangeKind::Changed } else { ChangeKind::Added };
        out.push(Change { kind, line: b.line, excerpt: excerpt(&b.text), section: section(b.line) });
    }
    // Removed blocks stood where the next kept block of the source stands now.
    let at = outline.blocks.get(prefix + new_mid.len()).or(outline.blocks.last()).map_or(source.body_line, |b| b.line);
    for _ in fresh.len()..gone {
        out.push(Change { kind: ChangeKind::Removed, line: at, excerpt: String::new(), section: section(at) });
    }
    Some(out)
}

/// The first words of a block: up to 40 characters, an ellipsis when cut.
fn excerpt(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> PageText {
        PageText::for_test("題", body)
    }

    fn kinds(before: &str, after: &str) -> Vec<(ChangeKind, usize, String)> {
        let old = page(before);
        let recorded = record(&old);
        let found = changes(&page(after), &recorded, old.digest()).expect("the record belongs to the stamp");
        found.into_iter().map(|c| (c.kind, c.line, c.excerpt)).collect()
    }

    #[test]
    fn reports_changed_added_and_removed_blocks_only() {
        let before = "## 見出し\n\n一つ目。\n\n二つ目。\n\n三つ目。\n";
        assert_eq!(kinds(before, before), []);
        let changed = "## 見出し\n\n一つ目。\n\n二つ目を変えた。\n\n三つ目。\n";
        assert_eq!(kinds(before, changed), [(ChangeKind::Changed, 8, "二つ目を変えた。".to_string())]);
        let added = "## 見出し\n\n一つ目。\n\n二つ目。\n\n新しい段落。\n\n三つ目。\n";
        assert_eq!(kinds(before, added), [(ChangeKind::Added, 10, "新しい段落。".to_string())]);
        let removed = "## 見出し\n\n一つ目。\n\n三つ目。\n";
        assert_eq!(kinds(before, removed), [(ChangeKind::Removed, 8, String::new())]);
    }

    #[test]
    fn a_record_of_another_stamp_gives_no_list() {
        let old = page("一つ目。\n");
        assert_eq!(changes(&page("二つ目。\n"), &record(&old), "0000000000000000"), None);
        assert_eq!(changes(&page("二つ目。\n"), "", old.digest()), None);
    }

    #[test]
    fn a_changed_block_names_its_section() {
        let old = page("## A\n\n一。\n\n## B\n\n二。\n");
        let found = changes(&page("## A\n\n一。\n\n## B\n\n二を変えた。\n"), &record(&old), old.digest()).unwrap();
        assert_eq!(found[0].section, Some(1));
    }
}
