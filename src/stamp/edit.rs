//! The text edit of `tebiki stamp`: a translation with its `source_hash`
//! (and `source_blocks`) set, every other byte as it was.
//!
//! The front matter is parsed with positions, so the edit knows where the
//! value of `source_hash` is, whatever the layout: indented, a flow map
//! (`{title: x, source_hash: y}`), quoted, with a comment after it. The edit
//! replaces exactly that value, in its own quoting style; when there is no
//! `source_hash` yet, it adds one line in the mapping's own indentation and
//! the file's line ending (or one `, source_hash: …` inside a flow map).
//! The result is parsed again: every other field must read the same and the
//! body must be the same bytes, or the edit is refused. A value written over
//! several lines (a block scalar) is refused rather than guessed at.

use std::collections::BTreeMap;
use std::path::Path;

use serde_saphyr::Spanned;

use crate::load::frontmatter;

/// Why a file could not be edited: where (1-based line of the file; 0 for
/// the whole file), what is wrong and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditError {
    pub line: usize,
    pub message: String,
    pub help: String,
}

impl EditError {
    fn new(line: usize, message: impl Into<String>, help: impl Into<String>) -> EditError {
        EditError { line, message: message.into(), help: help.into() }
    }
}

/// The top-level fields of a translation's front matter, with positions
/// (any value: `qa_ignore` is a list).
type Fields = BTreeMap<String, Spanned<serde_json::Value>>;

/// The front matter of `text` (BOM removed): its YAML, where that starts in
/// `text` (bytes), and its first line in the file.
struct Front<'a> {
    yaml: &'a str,
    start: usize,
    first_line: usize,
}

/// The file `text` with `source_hash: <hash>` in its front matter, every
/// other byte kept; `text` itself when it already holds that hash.
pub fn set_source_hash(text: &str, hash: &str) -> Result<String, EditError> {
    set_field(text, "source_hash", hash)
}

/// The file `text` with `source_blocks: <blocks>` in its front matter (the
/// hashes of the source's blocks, written by `tebiki stamp` beside
/// `source_hash`), every other byte kept.
pub fn set_source_blocks(text: &str, blocks: &str) -> Result<String, EditError> {
    set_field(text, "source_blocks", blocks)
}

/// The file `text` with the one-line field `key: value` in its front
/// matter, as [`set_source_hash`] writes `source_hash`.
fn set_field(text: &str, key: &str, hash: &str) -> Result<String, EditError> {
    let bom = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let front = front(&text[bom..])?;
    let (root, fields) = parse(&front, key)?;
    let yaml = front.yaml;
    let (at, remove, insert) = match fields.get(key) {
        Some(value) => replace_value(&front, value, key, hash)?,
        None if yaml[root..].starts_with('{') => add_to_flow_map(&front, &fields, key, hash)?,
        None => add_line(&front, &text[bom..], root, key, hash)?,
    };
    let at = bom + front.start + at;
    let mut out = String::with_capacity(text.len() + insert.len());
    out.push_str(&text[..at]);
    out.push_str(&insert);
    out.push_str(&text[at + remove..]);
    if out != text {
        verify(&text[bom..], &out[bom..], key, hash)?;
    }
    Ok(out)
}

fn front(text: &str) -> Result<Front<'_>, EditError> {
    let split = frontmatter::split(text, Path::new("")).map_err(|d| EditError::new(d.line, d.message, d.help.unwrap_or_default()))?;
    // `split.yaml` is a part of `text`: its offset is the difference of their addresses.
    let start = split.yaml.as_ptr() as usize - text.as_ptr() as usize;
    Ok(Front { yaml: split.yaml, start, first_line: split.yaml_line })
}

/// Where the top-level mapping starts (its first key, or its `{`), and its fields.
fn parse(front: &Front<'_>, key: &str) -> Result<(usize, Fields), EditError> {
    let not_text = |line: usize| {
        EditError::new(
            line,
            format!("front matter is not a map of text fields, so `{key}` cannot be written safely"),
            "a translation holds only text fields (title, short_title, summary, subtitle, source_hash, source_blocks, qa_ignore); `tebiki check` shows what is wrong",
        )
    };
    let parsed: Result<Spanned<Fields>, _> = serde_saphyr::from_str(front.yaml);
    let root = parsed.map_err(|e| not_text(e.location().map_or(0, |l| l.line() as usize + front.first_line - 1)))?;
    // Text fields are scalars, `qa_ignore` a list of them; a nested map is no translation's.
    let nested = |v: &serde_json::Value| v.is_object() || v.as_array().is_some_and(|a| a.iter().any(|x| x.is_object() || x.is_array()));
    if let Some(v) = root.value.values().find(|v| nested(&v.value)) {
        return Err(not_text(v.referenced.line() as usize + front.first_line - 1));
    }
    let at = root.referenced.span().byte_offset().map_or(0, |o| o as usize);
    Ok((at.min(front.yaml.len()), root.value))
}

/// The file line of a byte offset in the YAML.
fn line_of(front: &Front<'_>, at: usize) -> usize {
    front.first_line + front.yaml[..at.min(front.yaml.len())].matches('\n').count()
}

/// `(offset in the YAML, bytes removed, text inserted)` for a new value of an existing field `key`.
fn replace_value(
    front: &Front<'_>,
    value: &Spanned<serde_json::Value>,
    key: &str,
    hash: &str,
) -> Result<(usize, usize, String), EditError> {
    let unfound = || format!("cannot find the value of `{key}`");
    let one_line = || format!("write it as `{key}: x`");
    let span = value.referenced.span();
    let (Some(at), Some(len)) = (span.byte_offset(), span.byte_len()) else {
        return Err(EditError::new(value.referenced.line() as usize, unfound(), one_line()));
    };
    let (at, len) = (at as usize, len as usize);
    let Some(raw) = front.yaml.get(at..at + len) else {
        return Err(EditError::new(line_of(front, at), unfound(), one_line()));
    };
    if raw.contains(['\n', '\r']) {
        return Err(EditError::new(
            line_of(front, at),
            format!("`{key}` is written over several lines"),
            format!("write it on one line, as `{key}: x`, and stamp again"),
        ));
    }
    if raw.is_empty() {
        // An empty value (`source_hash:`) is positioned at its colon: the hash goes after it.
        if !front.yaml[at..].starts_with(':') {
            return Err(EditError::new(line_of(front, at), unfound(), one_line()));
        }
        return Ok((at + 1, 0, format!(" {}", scalar(hash))));
    }
    let new = match raw.as_bytes()[0] {
        b'"' => format!("\"{hash}\""),
        b'\'' => format!("'{hash}'"),
        _ => scalar(hash),
    };
    Ok((at, len, new))
}

/// `(offset, 0, text)` adding `, key: …` after the last value of a flow map.
fn add_to_flow_map(front: &Front<'_>, fields: &Fields, key: &str, hash: &str) -> Result<(usize, usize, String), EditError> {
    let end = fields
        .values()
        .filter_map(|v| {
            let span = v.referenced.span();
            // An empty value is positioned at its colon.
            Some(span.byte_offset()? as usize + (span.byte_len()? as usize).max(1))
        })
        .max();
    let closed = end.is_some_and(|e| closing_brace_follows(&front.yaml[e.min(front.yaml.len())..]));
    match end {
        Some(end) if closed => Ok((end, 0, format!(", {key}: {}", scalar(hash)))),
        _ => Err(EditError::new(
            front.first_line,
            format!("cannot find where to add `{key}` in this flow map"),
            format!("add `{key}: x` to the map once; `tebiki stamp` then keeps it up to date"),
        )),
    }
}

/// Whether `rest` holds only blanks, commas and comments before a `}`.
fn closing_brace_follows(rest: &str) -> bool {
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '}' => return true,
            '#' => {
                chars.by_ref().find(|&c| c == '\n');
            }
            c if c.is_whitespace() || c == ',' => {}
            _ => return false,
        }
    }
    false
}

/// `(offset, 0, line)` adding a `key` line before the closing fence,
/// indented as the mapping's first key and ended as the opening fence.
fn add_line(front: &Front<'_>, text: &str, root: usize, key: &str, hash: &str) -> Result<(usize, usize, String), EditError> {
    let line_start = front.yaml[..root].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let indent = &front.yaml[line_start..root];
    if !indent.bytes().all(|b| b == b' ') {
        return Err(EditError::new(
            line_of(front, root),
            "cannot tell the indentation of the front matter's fields",
            format!("start each field at the beginning of its line, or add `{key}: x` once by hand"),
        ));
    }
    let eol = if text[..front.start].ends_with("\r\n") { "\r\n" } else { "\n" };
    Ok((front.yaml.len(), 0, format!("{indent}{key}: {}{eol}", scalar(hash))))
}

/// The hash as a YAML scalar: quoted when YAML would read it as a number (all digits, or digits and `e`).
fn scalar(hash: &str) -> String {
    if hash.bytes().all(|b| b.is_ascii_digit() || b == b'e' || b == b'E') { format!("\"{hash}\"") } else { hash.to_string() }
}

/// Checks an edit: the new file's fields read as the old ones with the new
/// value of `key`, and its body is the same bytes.
fn verify(old: &str, new: &str, key: &str, hash: &str) -> Result<(), EditError> {
    let values = |text: &str| -> Option<(BTreeMap<String, serde_json::Value>, String)> {
        let split = frontmatter::split(text, Path::new("")).ok()?;
        let fields: Fields = serde_saphyr::from_str(split.yaml).ok()?;
        Some((fields.into_iter().map(|(k, v)| (k, v.value)).collect(), split.body.to_string()))
    };
    let refused = || {
        EditError::new(
            0,
            format!("`{key}` cannot be written here without changing the rest of the front matter"),
            format!("add `{key}: x` once by hand; `tebiki stamp` then keeps it up to date"),
        )
    };
    let (Some((mut want, old_body)), Some((got, new_body))) = (values(old), values(new)) else { return Err(refused()) };
    want.insert(key.to_string(), serde_json::Value::String(hash.to_string()));
    if got != want || new_body != old_body {
        return Err(refused());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: &str = "0123456789abcdef";

    fn stamped(text: &str) -> String {
        set_source_hash(text, H).unwrap()
    }

    #[test]
    fn adds_a_line_before_the_closing_fence() {
        let text = "---\ntitle: A # note\nsummary: \"x: y\"\n---\n\nBody\n";
        assert_eq!(stamped(text), "---\ntitle: A # note\nsummary: \"x: y\"\nsource_hash: 0123456789abcdef\n---\n\nBody\n");
    }

    #[test]
    fn adds_the_line_in_the_indentation_of_the_fields() {
        let text = "---\n  # comment\n  title: A\n  summary: >\n    folded\n---\nBody\n";
        assert_eq!(stamped(text), "---\n  # comment\n  title: A\n  summary: >\n    folded\n  source_hash: 0123456789abcdef\n---\nBody\n");
    }

    #[test]
    fn replaces_only_the_value_keeping_comment_and_quotes() {
        let text = "---\ntitle: A\nsource_hash: ffffffffffffffff   # stamped by hand\n# keep\nsummary: B\n---\nBody";
        assert_eq!(stamped(text), "---\ntitle: A\nsource_hash: 0123456789abcdef   # stamped by hand\n# keep\nsummary: B\n---\nBody");
        assert_eq!(stamped("---\ntitle: A\nsource_hash: \"old\"\n---\n"), "---\ntitle: A\nsource_hash: \"0123456789abcdef\"\n---\n");
        assert_eq!(stamped("---\ntitle: A\n'source_hash': 'old' #c\n---\n"), "---\ntitle: A\n'source_hash': '0123456789abcdef' #c\n---\n");
    }

    #[test]
    fn fills_an_empty_or_null_value() {
        assert_eq!(stamped("---\ntitle: A\nsource_hash:\n---\n"), "---\ntitle: A\nsource_hash: 0123456789abcdef\n---\n");
        assert_eq!(stamped("---\ntitle: A\nsource_hash: ~ # c\n---\n"), "---\ntitle: A\nsource_hash: 0123456789abcdef # c\n---\n");
    }

    #[test]
    fn edits_a_flow_map() {
        assert_eq!(stamped("---\n{title: x, source_hash: y}\n---\n"), "---\n{title: x, source_hash: 0123456789abcdef}\n---\n");
        assert_eq!(
            stamped("---\n{title: x, summary: 'a b'} # c\n---\n"),
            "---\n{title: x, summary: 'a b', source_hash: 0123456789abcdef} # c\n---\n"
        );
        assert_eq!(stamped("---\n{title: x,\n # c\n}\n---\n"), "---\n{title: x, source_hash: 0123456789abcdef,\n # c\n}\n---\n");
    }

    #[test]
    fn keeps_crlf_and_bom() {
        let text = "\u{feff}---\r\ntitle: A\r\n---\r\nBody\r\n";
        assert_eq!(stamped(text), "\u{feff}---\r\ntitle: A\r\nsource_hash: 0123456789abcdef\r\n---\r\nBody\r\n");
        let text = "\u{feff}---\r\nsource_hash: old\r\ntitle: A\r\n---\r\nBody\r\n";
        assert_eq!(stamped(text), "\u{feff}---\r\nsource_hash: 0123456789abcdef\r\ntitle: A\r\n---\r\nBody\r\n");
    }

    #[test]
    fn stamping_twice_changes_nothing() {
        for text in ["---\ntitle: A\n---\n", "---\n  title: A\n---\n", "---\n{title: x}\n---\n", "---\ntitle: A\nsource_hash: \"x\"\n---\n"]
        {
            let once = stamped(text);
            assert_eq!(stamped(&once), once, "{text:?}");
        }
    }

    #[test]
    fn ignores_nested_keys_and_body_text() {
        let text = "---\ntitle: A\nsummary: \"source_hash: x\"\n---\nsource_hash: in the body\n";
        assert_eq!(
            stamped(text),
            "---\ntitle: A\nsummary: \"source_hash: x\"\nsource_hash: 0123456789abcdef\n---\nsource_hash: in the body\n"
        );
    }

    #[test]
    fn quotes_a_hash_that_reads_as_a_number() {
        assert_eq!(set_source_hash("---\ntitle: A\n---\n", "1234e678").unwrap(), "---\ntitle: A\nsource_hash: \"1234e678\"\n---\n");
    }

    #[test]
    fn refuses_what_it_cannot_edit_safely_with_the_line() {
        let e = set_source_hash("---\ntitle: A\nsource_hash: >\n  old\n  value\n---\n", H).unwrap_err();
        assert_eq!((e.line, e.message.as_str()), (4, "`source_hash` is written over several lines"));
        let e = set_source_hash("---\ntitle: A\nextra:\n  a: b\n---\n", H).unwrap_err();
        assert!(e.message.contains("not a map of text fields"), "{e:?}");
        assert_eq!(set_source_hash("# Title\n", H).unwrap_err().message, "page has no front matter");
        assert_eq!(set_source_hash("---\ntitle: A\n", H).unwrap_err().message, "front matter is not closed");
    }

    #[test]
    fn source_blocks_is_written_beside_the_hash_and_a_list_field_is_kept() {
        let text = "---\ntitle: A\nqa_ignore: [numbers]\nsource_hash: 0123456789abcdef\n---\nBody\n";
        let once = set_source_blocks(text, "01234567 89abcdef").unwrap();
        assert_eq!(
            once,
            "---\ntitle: A\nqa_ignore: [numbers]\nsource_hash: 0123456789abcdef\nsource_blocks: 01234567 89abcdef\n---\nBody\n"
        );
        assert_eq!(set_source_blocks(&once, "01234567 00000000").unwrap(), once.replace("01234567 89abcdef", "01234567 00000000"));
        assert_eq!(set_source_blocks("---\ntitle: A\n---\n", "01234567").unwrap(), "---\ntitle: A\nsource_blocks: \"01234567\"\n---\n");
    }

    #[test]
    fn closing_brace_is_found_past_blanks_commas_and_comments() {
        assert!(closing_brace_follows(" ,\n # a } b\n }"));
        assert!(!closing_brace_follows(" x }"));
        assert!(!closing_brace_follows(" # }"));
    }
}
