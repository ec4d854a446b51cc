//! Front matter: splitting a page file and parsing its YAML.
//!
//! [`decode`] turns bytes into text (UTF-8, no control characters; a BOM,
//! CRLF and bare CR line ends accepted, lines counted as YAML and Markdown
//! count them), [`split`] finds the `---` fences, and
//! [`RawFrontMatter`] is the YAML as written, with positions where later
//! stages need to point.

use std::fmt;
use std::path::Path;

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diagnostic::Diagnostic;
use crate::model::Scope;
use crate::render::locale::Amount;
use crate::text::LocalText;

/// The largest page file tebiki reads.
pub const MAX_PAGE_BYTES: usize = 8 * 1024 * 1024;

/// A file's text, decoded.
#[derive(Debug)]
pub struct Decoded {
    /// The text, without BOM, every line end a LF.
    pub text: String,
    /// Where the first bare CR line end was, if the file has one.
    pub bare_cr: Option<(usize, usize)>,
}

/// [`decode_text`], without the note about bare CR line ends.
pub fn decode(bytes: &[u8], file: &Path) -> Result<String, Diagnostic> {
    decode_text(bytes, file).map(|d| d.text)
}

/// Decodes a file's bytes: UTF-8 without control characters but tab, CR and
/// LF; a BOM is dropped, and CRLF and a bare CR become LF (a bare CR ends a
/// line for YAML and Markdown alike, so line numbers stay the same).
pub fn decode_text(bytes: &[u8], file: &Path) -> Result<Decoded, Diagnostic> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(_) if bytes.iter().take(8192).any(|b| *b == 0) => {
            return Err(Diagnostic::error(file, 0, 0, "file is binary, not a text page")
                .with_help("pages are UTF-8 Markdown files; move the file out of content/ or give it its own extension"));
        }
        Err(e) => {
            let (line, column) = position(&String::from_utf8_lossy(&bytes[..e.valid_up_to()]), e.valid_up_to());
            return Err(Diagnostic::error(file, line, column, "file is not valid UTF-8")
                .with_help("save the file as UTF-8 (without a legacy encoding such as Shift_JIS)"));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(i) = first_control(text.as_bytes()) {
        let (line, column) = position(text, i);
        let what = match text.as_bytes()[i] {
            0xc2 => format!("a control character (U+{:04X})", text[i..].chars().next().map_or(0, |c| c as u32)),
            byte => format!("a control byte (0x{byte:02X})"),
        };
        return Err(Diagnostic::error(file, line, column, format!("file holds {what}; it looks corrupt"))
            .with_help("remove the byte, or restore the file from a good copy"));
    }
    if !text.contains('\r') {
        return Ok(Decoded { text: text.to_owned(), bare_cr: None });
    }
    let bare = text.as_bytes().windows(2).position(|w| w[0] == b'\r' && w[1] != b'\n');
    let bare = bare.or_else(|| text.ends_with('\r').then(|| text.len() - 1));
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        if let Some(after) = rest.strip_prefix('\n') {
            rest = after;
        }
    }
    out.push_str(rest);
    Ok(Decoded { text: out, bare_cr: bare.map(|i| position(text, i)) })
}

/// The warning for a file whose lines end in bare CRs, at the first of them.
pub fn bare_cr_warning(file: &Path, (line, column): (usize, usize)) -> Diagnostic {
    Diagnostic::warning(file, line, column, "file uses bare CR line ends; save with LF")
        .with_help("a lone CR ends a line for YAML and Markdown, and tebiki counts lines so too, but many tools do not; set the editor to LF (or CRLF) line ends")
}

/// Byte offset of the first control character but tab, CR and LF (C0, DEL, C1).
fn first_control(bytes: &[u8]) -> Option<usize> {
    // Blocks without a suspect byte are passed over whole (a loop the
    // compiler vectorises); 0xC2 leads the C1 controls and some signs (`°`, `¥`).
    let suspect = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f || b == 0xc2;
    for (n, block) in bytes.chunks(64).enumerate() {
        if !block.iter().fold(false, |any, b| any | suspect(*b)) {
            continue;
        }
        for (k, &b) in block.iter().enumerate() {
            let i = n * 64 + k;
            let c1 = b == 0xc2 && bytes.get(i + 1).is_some_and(|next| (0x80..=0x9f).contains(next));
            if c1 || (b != 0xc2 && suspect(b)) {
                return Some(i);
            }
        }
    }
    None
}

/// 1-based line and column (in characters) of byte offset `at`; CRLF, CR and LF each end a line.
pub fn position(text: &str, at: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..at.min(text.len())];
    let crlf = before.windows(2).filter(|w| w == b"\r\n").count();
    let line = before.iter().filter(|b| matches!(b, b'\n' | b'\r')).count() - crlf + 1;
    let start = before.iter().rposition(|b| matches!(b, b'\n' | b'\r')).map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, col)
}

/// A page file cut at its fences.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences.
    pub yaml: &'a str,
    /// 1-based line of the file where the YAML starts.
    pub yaml_line: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// 1-based line of the file where the body starts.
    pub body_line: usize,
}

/// Finds the front matter between a `---` first line and the next `---` line.
pub fn split<'a>(text: &'a str, file: &Path) -> Result<Split<'a>, Diagnostic> {
    let first = text.lines().next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(Diagnostic::error(file, 1, 1, "page has no front matter")
            .with_help("start the file with a `---` line, the YAML fields (at least `id` and `title`), and another `---` line"));
    }
    let yaml_start = text.find('\n').map(|i| i + 1).unwrap_or(text.len());
    let mut offset = yaml_start;
    for (line, l) in (2..).zip(text[yaml_start..].split_inclusive('\n')) {
        if l.trim_end() == "---" {
            let body_start = offset + l.len();
            return Ok(Split { yaml: &text[yaml_start..offset], yaml_line: 2, body: &text[body_start..], body_line: line + 1 });
        }
        offset += l.len();
    }
    Err(Diagnostic::error(file, 1, 1, "front matter is not closed").with_help("add a line with only `---` after the last YAML field"))
}

/// The top-level keys of a YAML fragment, with their 1-based line in it, in
/// the order written. A mapping whose keys start their lines is read line by
/// line; an indented mapping or a flow map (`{title: x, source_hash: y}`) is
/// read by the parser (nothing when it does not parse: its errors are
/// reported where the front matter is read).
pub fn top_level_keys(yaml: &str) -> Vec<(String, usize)> {
    let first = yaml.lines().find(|l| !l.trim_start().is_empty() && !l.trim_start().starts_with('#'));
    match first {
        Some(l) if l.starts_with([' ', '\t', '{']) => serde_saphyr::from_str::<KeysWritten>(yaml).map(|k| k.0).unwrap_or_default(),
        _ => keys_by_lines(yaml),
    }
}

fn keys_by_lines(yaml: &str) -> Vec<(String, usize)> {
    yaml.lines()
        .enumerate()
        .filter_map(|(i, l)| {
            let first = l.chars().next()?;
            if first.is_whitespace() || first == '#' || first == '-' {
                return None;
            }
            let (key, _) = l.split_once(':')?;
            Some((key.trim().trim_matches(['"', '\'']).to_string(), i + 1))
        })
        .collect()
}

/// The keys of a mapping with their lines, for [`top_level_keys`].
struct KeysWritten(Vec<(String, usize)>);

impl<'de> Deserialize<'de> for KeysWritten {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Keys;
        impl<'de> Visitor<'de> for Keys {
            type Value = KeysWritten;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<KeysWritten, A::Error> {
                let mut keys = Vec::new();
                while let Some(k) = map.next_key::<Spanned<String>>()? {
                    map.next_value::<de::IgnoredAny>()?;
                    keys.push((k.value, k.referenced.line() as usize));
                }
                Ok(KeysWritten(keys))
            }
        }
        d.deserialize_map(Keys)
    }
}

/// Fields a translation may hold.
pub const TEXT_FIELDS: [&str; 5] = ["title", "short_title", "summary", "subtitle", "source_hash"];

/// A page's front matter as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrontMatter {
    pub id: Option<Spanned<String>>,
    pub kind: Option<Spanned<String>>,
    pub title: Option<Spanned<String>>,
    pub short_title: Option<String>,
    pub summary: Option<String>,
    pub subtitle: Option<String>,
    pub source_hash: Option<Spanned<String>>,
    pub period: Option<Spanned<Keys>>,
    pub parent: Option<Spanned<String>>,
    pub number: Option<u32>,
    pub ministries: Option<Vec<Spanned<String>>>,
    pub diseases: Option<Vec<Spanned<String>>>,
    pub tags: Option<Vec<Spanned<String>>>,
    pub lead_ministry: Option<Spanned<String>>,
    pub budget: Option<Vec<RawBudgetLine>>,
    pub succeeds: Option<Vec<Spanned<String>>>,
    pub related: Option<Vec<Spanned<String>>>,
    pub sources: Option<Vec<RawSource>>,
    pub aliases: Option<Vec<Spanned<String>>>,
    pub date: Option<Spanned<String>>,
    pub updated: Option<Spanned<String>>,
    pub draft: Option<bool>,
    pub weight: Option<i64>,
    pub glossary: Option<bool>,
    pub pages: Option<Vec<Spanned<String>>>,
    pub extra: Option<serde_json::Value>,
}

/// One budget line as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBudgetLine {
    pub fy: i32,
    pub oku_yen: Spanned<Amount>,
    pub scope: Scope,
    #[serde(default)]
    pub project: Option<Spanned<String>>,
    #[serde(default)]
    pub part_of: bool,
    #[serde(default)]
    pub relisted: bool,
    #[serde(default)]
    pub shared_with: Vec<Spanned<String>>,
    #[serde(default)]
    pub note: Option<LocalText>,
}

/// One source as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub title: LocalText,
    #[serde(default)]
    pub publisher: Option<LocalText>,
    #[serde(default)]
    pub date: Option<Spanned<String>>,
    #[serde(default)]
    pub url: Option<Spanned<String>>,
    #[serde(default)]
    pub note: Option<LocalText>,
}

/// One key or a list of keys; numbers are read as their decimal text (`period: 3`).
#[derive(Debug, Clone, Default)]
pub struct Keys(pub Vec<String>);

impl<'de> Deserialize<'de> for Keys {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Keys;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key or a list of keys")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Keys, E> {
                Ok(Keys(vec![v.to_string()]))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Keys, E> {
                Ok(Keys(vec![v.to_string()]))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Keys, E> {
                Ok(Keys(vec![v.to_string()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Keys, A::Error> {
                let mut out = Vec::new();
                while let Some(k) = seq.next_element::<Key>()? {
                    out.push(k.0);
                }
                Ok(Keys(out))
            }
        }
        d.deserialize_any(V)
    }
}

struct Key(String);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let k = Keys::deserialize(d)?;
        match <[String; 1]>::try_from(k.0) {
            Ok([one]) => Ok(Key(one)),
            Err(_) => Err(de::Error::custom("expected a single key, not a list")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("x.md")
    }

    #[test]
    fn splits_at_fences_with_lines() {
        let s = split("---\nid: a\n---\nbody\n", p()).unwrap();
        assert_eq!(s, Split { yaml: "id: a\n", yaml_line: 2, body: "body\n", body_line: 4 });
    }

    #[test]
    fn unclosed_front_matter_is_reported() {
        assert_eq!(split("---\nid: a\n", p()).unwrap_err().message, "front matter is not closed");
    }

    #[test]
    fn missing_front_matter_is_reported() {
        assert_eq!(split("# Title\n", p()).unwrap_err().message, "page has no front matter");
        assert_eq!(split("", p()).unwrap_err().message, "page has no front matter");
    }

    #[test]
    fn bom_and_crlf_keep_line_numbers() {
        let t = decode_text("\u{feff}---\r\nid: a\r\n---\r\nx\r\n".as_bytes(), p()).unwrap();
        assert_eq!(t.bare_cr, None);
        assert_eq!(split(&t.text, p()).unwrap().body_line, 4);
    }

    #[test]
    fn a_bare_cr_ends_a_line_as_in_yaml() {
        let t = decode_text(b"---\rid: a\r\ntitle: x\r---\rbody\r", p()).unwrap();
        assert_eq!(t.text, "---\nid: a\ntitle: x\n---\nbody\n");
        assert_eq!(t.bare_cr, Some((1, 4)));
        assert_eq!(split(&t.text, p()).unwrap().body_line, 5);
        assert_eq!(position("a\rb\r\nc\nd", 7), (4, 1));
        let w = bare_cr_warning(p(), t.bare_cr.unwrap());
        assert_eq!(w.message, "file uses bare CR line ends; save with LF");
    }

    #[test]
    fn control_bytes_are_rejected_with_position() {
        let e = decode(b"---\nid: a\x00\n", p()).unwrap_err();
        assert_eq!((e.line, e.column), (2, 6));
        // Past the first blocks of 64 bytes, after Japanese text: the first of two.
        let text = format!("---\ntitle: {}\n{}x\x7fy\x01\n", "ゲノム".repeat(20), "a".repeat(100));
        let e = decode(text.as_bytes(), p()).unwrap_err();
        assert_eq!((e.line, e.column), (3, 102));
        assert!(e.message.contains("0x7F"), "{}", e.message);
        // After a bare CR, lines are counted as the YAML parser counts them.
        let e = decode(b"a\rb\x01", p()).unwrap_err();
        assert_eq!((e.line, e.column), (2, 2));
    }

    #[test]
    fn c1_control_characters_are_rejected_but_signs_of_the_same_block_are_not() {
        let text = format!("{}¥100 ±2° §3\n", "a".repeat(70));
        assert!(decode(text.as_bytes(), p()).is_ok());
        let e = decode("---\ntitle: ¥1\u{85}x\n".as_bytes(), p()).unwrap_err();
        assert_eq!((e.line, e.column), (2, 10));
        assert_eq!(e.message, "file holds a control character (U+0085); it looks corrupt");
    }

    #[test]
    fn a_binary_file_is_named_as_such() {
        let e = decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff", p()).unwrap_err();
        assert_eq!(e.message, "file is binary, not a text page");
    }

    #[test]
    fn invalid_utf8_is_located() {
        let e = decode(b"ok\nab\xff", p()).unwrap_err();
        assert_eq!((e.line, e.column), (2, 3));
    }

    #[test]
    fn top_level_keys_skip_nested_and_comments() {
        let keys = top_level_keys("title: x\n# c\nbudget:\n  - fy: 1\n");
        assert_eq!(keys, vec![("title".to_string(), 1), ("budget".to_string(), 3)]);
    }

    #[test]
    fn top_level_keys_of_indented_and_flow_maps() {
        assert_eq!(top_level_keys("  title: x\n  parent: y\n"), vec![("title".to_string(), 1), ("parent".to_string(), 2)]);
        assert_eq!(top_level_keys("{title: x,\n source_hash: y}\n"), vec![("title".to_string(), 1), ("source_hash".to_string(), 2)]);
    }
}
