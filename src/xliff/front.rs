//! A translation's front-matter text field set to a new value, every other
//! byte kept (as `tebiki stamp` edits `source_hash`).
//!
//! An existing one-line value is replaced in place by the new value in
//! double quotes (comments after it stay); a missing field gets one line
//! before the closing fence, in the fields' indentation and the file's line
//! ending. A value written over several lines, or a flow map without the
//! field, is refused rather than guessed at. The result is parsed again:
//! every other field must read the same.

use std::collections::BTreeMap;
use std::path::Path;

use serde_saphyr::Spanned;

use crate::load::frontmatter;

type Fields = BTreeMap<String, Spanned<Option<String>>>;

/// `text` with `key: "value"` in its front matter; `Err` says why it cannot be done safely.
pub fn set_field(text: &str, key: &str, value: &str) -> Result<String, String> {
    let bom = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let split = frontmatter::split(&text[bom..], Path::new("")).map_err(|d| d.message)?;
    let yaml = split.yaml;
    let start = yaml.as_ptr() as usize - text.as_ptr() as usize;
    let root: Spanned<Fields> = serde_saphyr::from_str(yaml).map_err(|_| "the front matter is not a map of text fields".to_string())?;
    let quoted = quote(value);
    let (at, remove, insert) = match root.value.get(key) {
        Some(v) if v.value.as_deref() == Some(value) => return Ok(text.to_string()),
        Some(v) => {
            let span = v.referenced.span();
            let (Some(at), Some(len)) = (span.byte_offset(), span.byte_len()) else {
                return Err(format!("cannot find the value of `{key}`"));
            };
            let (at, len) = (at as usize, len as usize);
            match yaml.get(at..at + len) {
                Some(raw) if !raw.is_empty() && !raw.contains(['\n', '\r']) && !raw.starts_with(['|', '>']) => (at, len, quoted),
                _ => return Err(format!("`{key}` is not written on one line; write it as `{key}: …` on one line and import again")),
            }
        }
        None => {
            let first = root.referenced.span().byte_offset().map_or(0, |o| o as usize).min(yaml.len());
            let (Some(head), Some(tail)) = (yaml.get(..first), yaml.get(first..)) else {
                return Err(format!("cannot find where to add `{key}`"));
            };
            if tail.starts_with('{') {
                return Err(format!("the front matter is a flow map without `{key}`; add `{key}: x` by hand and import again"));
            }
            let line_start = head.rfind('\n').map_or(0, |i| i + 1);
            let indent = &head[line_start..];
            if !indent.bytes().all(|b| b == b' ') {
                return Err("cannot tell the indentation of the front matter's fields".into());
            }
            let eol = if text[..start].ends_with("\r\n") { "\r\n" } else { "\n" };
            (yaml.len(), 0, format!("{indent}{key}: {quoted}{eol}"))
        }
    };
    let at = start + at;
    let (Some(before), Some(after)) = (text.get(..at), text.get(at + remove..)) else {
        return Err(format!("cannot find the value of `{key}`"));
    };
    let out = format!("{before}{insert}{after}");
    verify(&text[bom..], &out[bom..], key, value)?;
    Ok(out)
}

/// A YAML double-quoted scalar of `value`.
pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Checks an edit: every field reads as before but `key`, which reads `value`; the body is the same.
fn verify(old: &str, new: &str, key: &str, value: &str) -> Result<(), String> {
    let values = |text: &str| -> Option<(BTreeMap<String, Option<String>>, String)> {
        let split = frontmatter::split(text, Path::new("")).ok()?;
        let fields: Fields = serde_saphyr::from_str(split.yaml).ok()?;
        Some((fields.into_iter().map(|(k, v)| (k, v.value)).collect(), split.body.to_string()))
    };
    let refused = || format!("`{key}` cannot be written here without changing the rest of the front matter; edit it by hand");
    let (Some((mut want, old_body)), Some((got, new_body))) = (values(old), values(new)) else { return Err(refused()) };
    want.insert(key.to_string(), Some(value.to_string()));
    if got != want || new_body != old_body { Err(refused()) } else { Ok(()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_a_value_keeping_comments_crlf_and_bom() {
        let text = "\u{feff}---\r\ntitle: Old # note\r\nsource_hash: x\r\n---\r\nBody\r\n";
        assert_eq!(
            set_field(text, "title", "New \"one\"").unwrap(),
            "\u{feff}---\r\ntitle: \"New \\\"one\\\"\" # note\r\nsource_hash: x\r\n---\r\nBody\r\n"
        );
    }

    #[test]
    fn adds_a_missing_field_in_the_fields_indentation() {
        assert_eq!(set_field("---\n  title: A\n---\nB\n", "summary", "S: s").unwrap(), "---\n  title: A\n  summary: \"S: s\"\n---\nB\n");
    }

    #[test]
    fn an_equal_value_changes_nothing_and_a_block_scalar_is_refused() {
        let text = "---\ntitle: 'A'\nsummary: >\n  x\n---\n";
        assert_eq!(set_field(text, "title", "A").unwrap(), text);
        assert!(set_field(text, "summary", "y").unwrap_err().contains("one line"));
    }
}
