//! One page in one target language as units: what export writes and what
//! import compares the file it reads with.
//!
//! Files are read again from disk as bytes (the loaded site keeps bodies
//! with LF line ends), so block ranges are positions in the files as they
//! are: an import edits exactly the bytes of a block.

use std::path::{Path, PathBuf};

use super::blocks::{self, Block, Piece};
use super::model::{Doc, FIELDS, Seg, Unit, block_id};
use super::terms::Termbase;
use crate::diagnostic::Diagnostic;
use crate::lang::Lang;
use crate::model::PageText;
use crate::resolve::translation::Status;

/// A page file as read: its text without BOM, and where its body starts.
#[derive(Clone, Debug)]
pub struct Raw {
    /// The file's bytes, BOM included, as text.
    pub full: String,
    /// Bytes of BOM at the start of `full` (0 or 3).
    pub bom: usize,
    /// Where the body starts in `full`.
    pub body_start: usize,
    /// 1-based line of the body's first line.
    pub body_line: usize,
}

impl Raw {
    /// Reads a page file (path relative to `root`).
    pub fn read(root: &Path, path: &Path) -> Result<Raw, Diagnostic> {
        let bytes = std::fs::read(root.join(path)).map_err(|e| Diagnostic::error(path, 0, 0, format!("cannot read the file: {e}")))?;
        let full = String::from_utf8(bytes).map_err(|_| Diagnostic::error(path, 0, 0, "file is not valid UTF-8"))?;
        let bom = if full.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
        let split = crate::load::frontmatter::split(&full[bom..], path)?;
        let body_start = split.body.as_ptr() as usize - full.as_ptr() as usize;
        let body_line = split.body_line;
        Ok(Raw { bom, body_start, body_line, full })
    }

    pub fn body(&self) -> &str {
        &self.full[self.body_start..]
    }

    /// The file's line ending: CRLF if its first line ends so.
    pub fn eol(&self) -> &'static str {
        match self.full.find('\n') {
            Some(i) if i > 0 && self.full.as_bytes()[i - 1] == b'\r' => "\r\n",
            _ => "\n",
        }
    }
}

/// A short hash of a file's bytes.
pub fn file_hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex()[..16].to_string()
}

/// The translation file of a page's source file in `lang`: `x.ja.md` or `x.md` → `x.en.md`.
pub fn translation_path(source: &Path, source_lang: Lang, lang: Lang) -> PathBuf {
    let name = source.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let stem = name.strip_suffix(".md").unwrap_or(&name);
    let stem = stem.strip_suffix(&format!(".{}", source_lang.code())).unwrap_or(stem);
    source.with_file_name(format!("{stem}.{}.md", lang.code()))
}

/// What a page in one target language is, worked out from the site and its files.
pub struct Prepared {
    pub doc: Doc,
    pub source_raw: Raw,
    pub source_blocks: Vec<Block>,
    /// The translation file, when it exists.
    pub translation: Option<(Raw, Vec<Block>)>,
    /// Whether the translation's blocks pair one to one with the source's.
    pub paired: bool,
}

/// One page's texts: id, source, translation and its status.
pub struct PageTexts<'a> {
    pub id: &'a str,
    pub source_lang: Lang,
    pub source: &'a PageText,
    pub lang: Lang,
    pub translation: Option<&'a PageText>,
    pub status: Status,
}

/// Works out the units of one page in one target language.
pub fn prepare(root: &Path, texts: &PageTexts<'_>, termbase: &Termbase) -> Result<Prepared, Diagnostic> {
    let source_raw = Raw::read(root, &texts.source.path)?;
    let source_blocks = blocks::blocks(source_raw.body());
    let translation = match texts.translation {
        Some(t) => {
            let raw = Raw::read(root, &t.path)?;
            let b = blocks::blocks(raw.body());
            Some((raw, b))
        }
        None => None,
    };
    let paired = translation
        .as_ref()
        .is_some_and(|(_, tb)| tb.len() == source_blocks.len() && tb.iter().zip(&source_blocks).all(|(t, s)| t.kind == s.kind));
    let state = match (texts.status, texts.translation.is_some()) {
        (_, false) => "initial",
        (Status::Complete, true) => "final",
        _ => "translated",
    };
    let original = slash(&texts.source.path);
    let mut units = Vec::new();
    for field in FIELDS {
        let Some(value) = field_value(texts.source, field) else { continue };
        let target = texts.translation.and_then(|t| field_value(t, field)).map(|v| vec![Seg::Text(v.to_string())]);
        let mut notes = vec![("location".to_string(), format!("{original}:{}", field_line(texts.source, field)))];
        let source = segs(&[Piece::Text(value.to_string())], termbase, &mut notes);
        let state = if target.is_some() { state } else { "initial" };
        units.push(Unit { id: field.to_string(), name: field.to_string(), notes, source, target, translate: true, state });
    }
    let body = source_raw.body();
    for (i, b) in source_blocks.iter().enumerate() {
        let line = source_raw.body_line + body[..b.range.start].matches('\n').count();
        let mut notes = vec![("location".to_string(), format!("{original}:{line}"))];
        let source = segs(&b.pieces, termbase, &mut notes);
        let target = match (&translation, paired) {
            (Some((_, tb)), true) => Some(tb[i].pieces.iter().map(|p| seg(p.clone())).collect()),
            _ => None,
        };
        let state = if target.is_some() { state } else { "initial" };
        units.push(Unit { id: block_id(i + 1), name: b.kind.clone(), notes, source, target, translate: b.has_text(), state });
    }
    let translation_path = match texts.translation {
        Some(t) => t.path.clone(),
        None => translation_path(&texts.source.path, texts.source_lang, texts.lang),
    };
    let doc = Doc {
        src_lang: texts.source_lang.code().to_string(),
        trg_lang: texts.lang.code().to_string(),
        page: texts.id.to_string(),
        original,
        translation: slash(&translation_path),
        source_hash: texts.source.digest().to_string(),
        translation_hash: translation.as_ref().map_or_else(|| "none".to_string(), |(raw, _)| file_hash(raw.full.as_bytes())),
        units,
    };
    Ok(Prepared { doc, source_raw, source_blocks, translation, paired })
}

/// A path with `/` between its parts, whatever the system.
pub fn slash(path: &Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// The value of a translatable front-matter field.
pub fn field_value<'t>(text: &'t PageText, field: &str) -> Option<&'t str> {
    match field {
        "title" => Some(text.title.as_str()),
        "short_title" => text.short_title.as_deref(),
        "summary" => text.summary.as_deref(),
        "subtitle" => text.subtitle.as_deref(),
        _ => None,
    }
}

/// The line of a front-matter field (the front matter's first line when it cannot be told).
fn field_line(text: &PageText, field: &str) -> usize {
    let prefix = format!("{field}:");
    text.yaml.lines().position(|l| l.trim_start().starts_with(&prefix)).map_or(text.yaml_line, |i| text.yaml_line + i)
}

fn seg(p: Piece) -> Seg {
    match p {
        Piece::Text(t) => Seg::Text(t),
        Piece::Code(c) => Seg::Code(c),
    }
}

/// Source pieces as segments, glossary terms marked, a note for each term's approved rendering.
fn segs(pieces: &[Piece], termbase: &Termbase, notes: &mut Vec<(String, String)>) -> Vec<Seg> {
    let mut out = Vec::new();
    let mut noted: std::collections::HashSet<(String, String)> = notes.iter().cloned().collect();
    for p in pieces {
        let Piece::Text(text) = p else {
            out.push(seg(p.clone()));
            continue;
        };
        let mut at = 0;
        for (range, rendering) in termbase.find(text) {
            if range.start > at {
                out.push(Seg::Text(text[at..range.start].to_string()));
            }
            let surface = &text[range.clone()];
            let note = ("terminology".to_string(), rendering.note(surface));
            if noted.insert(note.clone()) {
                notes.push(note);
            }
            out.push(Seg::Term { text: surface.to_string(), value: rendering.term.clone() });
            at = range.end;
        }
        if at < text.len() {
            out.push(Seg::Text(text[at..].to_string()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translation_path_replaces_or_adds_the_language() {
        assert_eq!(translation_path(Path::new("content/p/x.ja.md"), Lang::Ja, Lang::En), Path::new("content/p/x.en.md"));
        assert_eq!(translation_path(Path::new("content/p/x.md"), Lang::Ja, Lang::En), Path::new("content/p/x.en.md"));
    }
}
