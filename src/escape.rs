//! Foundation: escaping text for HTML, XML and JSON, in one place. The
//! Markdown passes, the charts, the handouts, the redirect pages, the feeds,
//! the sitemap, `site.json`, the search index and the templates (Tera's
//! escape function) all escape through here; no other module replaces `&`
//! or `<` by hand.
//!
//! [`html`] escapes the five characters of markup; [`attribute`] and
//! [`text`] escape fewer, for a double-quoted attribute value and for
//! element text, where an apostrophe needs no escaping and is kept as
//! written. Runs without special characters are copied whole, which
//! matters: every string a template prints goes through here.

use std::io;

/// Every byte any of the escapes below replaces.
const SPECIALS: [u8; 5] = [b'&', b'<', b'>', b'"', b'\''];

/// The replacement of a byte that must be escaped in HTML, if it must.
fn html_entity(b: u8) -> Option<&'static str> {
    match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#39;"),
        _ => None,
    }
}

/// The same for XML (`'` as `&apos;`).
fn xml_entity(b: u8) -> Option<&'static str> {
    match b {
        b'\'' => Some("&apos;"),
        b => html_entity(b),
    }
}

/// The replacement of a byte in a double-quoted attribute value: `'` is kept.
fn attribute_entity(b: u8) -> Option<&'static str> {
    match b {
        b'\'' => None,
        b => html_entity(b),
    }
}

/// The replacement of a byte in element text: quotes are kept.
fn text_entity(b: u8) -> Option<&'static str> {
    match b {
        b'\'' | b'"' => None,
        b => html_entity(b),
    }
}

/// The same inside a JSON string, for [`JsonHtmlSafe`]: the characters of markup as `\\u` escapes.
fn json_escape(b: u8) -> Option<&'static str> {
    match b {
        b'<' => Some("\\u003c"),
        b'>' => Some("\\u003e"),
        b'&' => Some("\\u0026"),
        _ => None,
    }
}

/// Calls `put` with the pieces of the escaped `s`. Every special byte is
/// ASCII, so the pieces between them are whole UTF-8 strings.
fn pieces<E>(s: &str, entity: impl Fn(u8) -> Option<&'static str>, mut put: impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
    let bytes = s.as_bytes();
    let (mut start, mut from) = (0, 0);
    while let Some(at) = next_special(bytes, from) {
        from = at + 1;
        let Some(e) = entity(bytes[at]) else { continue };
        if start < at {
            put(&s[start..at])?;
        }
        put(e)?;
        start = at + 1;
    }
    if start < s.len() {
        put(&s[start..])?;
    }
    Ok(())
}

/// The first byte at or after `from` that is one of [`SPECIALS`]. Eight
/// bytes at a time: a word without any passes on a few operations per
/// special byte (every string a template prints comes through here).
fn next_special(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    // Non-zero when a byte of `x` is `b` (exact as to whether; which byte is read off afterwards).
    let has = |x: u64, b: u8| {
        let v = x ^ (ONES * b as u64);
        v.wrapping_sub(ONES) & !v & HIGHS
    };
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_ne_bytes(word);
        if SPECIALS.iter().fold(0, |any, &b| any | has(x, b)) != 0 {
            break;
        }
        at += 8;
    }
    bytes.get(at..)?.iter().position(|b| SPECIALS.contains(b)).map(|k| at + k)
}

/// Appends `s` escaped for HTML text or a quoted attribute value.
pub fn push_html(out: &mut String, s: &str) {
    let _ = pieces::<()>(s, html_entity, |p| {
        out.push_str(p);
        Ok(())
    });
}

/// `s` escaped for HTML text or a quoted attribute value.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    push_html(&mut out, s);
    out
}

/// `s` escaped with `entity`.
fn with(s: &str, entity: fn(u8) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let _ = pieces::<()>(s, entity, |p| {
        out.push_str(p);
        Ok(())
    });
    out
}

/// `s` escaped for a double-quoted attribute value (or text): `&`, `<`,
/// `>` and `"`; an apostrophe is kept as written.
pub fn attribute(s: &str) -> String {
    with(s, attribute_entity)
}

/// `s` escaped for element text: `&`, `<` and `>`; quotes are kept as written.
pub fn text(s: &str) -> String {
    with(s, text_entity)
}

/// `s` escaped for XML text or a quoted attribute value.
pub fn xml(s: &str) -> String {
    with(s, xml_entity)
}

/// `s` escaped for XML element text that a reader gives back byte for
/// byte: as [`text`], and a CR as `&#13;` (a reader turns a CR into LF).
pub fn xml_text_exact(s: &str) -> String {
    exact(s, text_entity)
}

/// `s` escaped for a double-quoted XML attribute value that a reader gives
/// back byte for byte: as [`attribute`], and CR, LF and tab as character
/// references (a reader turns them into spaces).
pub fn xml_attribute_exact(s: &str) -> String {
    exact(s, |b| match b {
        b'\n' => Some("&#10;"),
        b'\t' => Some("&#9;"),
        b => attribute_entity(b),
    })
}

/// `s` with every byte `entity` names (and a CR) replaced; those bytes are
/// ASCII, so the slices between them are whole characters.
fn exact(s: &str, entity: impl Fn(u8) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let mut start = 0;
    for (at, b) in s.bytes().enumerate() {
        let Some(e) = (if b == b'\r' { Some("&#13;") } else { entity(b) }) else { continue };
        out.push_str(&s[start..at]);
        out.push_str(e);
        start = at + 1;
    }
    out.push_str(&s[start..]);
    out
}

/// Writes `s` escaped for HTML to a formatter (for `Display` types that escape).
pub fn fmt_html(s: &str, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    pieces(s, html_entity, |p| f.write_str(p))
}

/// Text escaped for HTML when it is displayed (a `format!`/`write!`
/// argument, or `.to_string()`), without a string of its own.
#[derive(Clone, Copy)]
pub struct Html<'a>(pub &'a str);

impl std::fmt::Display for Html<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        fmt_html(self.0, f)
    }
}

/// Tera's escape function: the same as [`html`], written in runs.
pub fn write_html(s: &str, w: &mut dyn io::Write) -> io::Result<()> {
    pieces(s, html_entity, |p| w.write_all(p.as_bytes()))
}

/// A JSON formatter (serde_json's pretty or compact one inside) that writes
/// `<`, `>` and `&` in strings as `\u003c`, `\u003e`, `\u0026`, so the file is
/// safe to embed in HTML and never reads as markup (they occur nowhere else
/// in JSON).
pub struct JsonHtmlSafe<F>(pub F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for JsonHtmlSafe<F> {
    fn write_string_fragment<W: ?Sized + std::io::Write>(&mut self, w: &mut W, fragment: &str) -> std::io::Result<()> {
        pieces(fragment, json_escape, |p| w.write_all(p.as_bytes()))
    }

    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Whether `url` would run script (or embed a document) when followed:
/// its scheme, compared as browsers do (case and embedded whitespace or
/// control characters ignored), is `javascript:`, `vbscript:` or `data:`.
pub fn is_script_url(url: &str) -> bool {
    let scheme: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take_while(|c| *c != ':')
        .take(16)
        .flat_map(char::to_lowercase)
        .collect();
    let has_colon = url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).nth(scheme.chars().count()) == Some(':');
    has_colon && matches!(scheme.as_str(), "javascript" | "vbscript" | "data")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_escape_replaces_a_byte_the_search_passes_over() {
        for b in (0..=u8::MAX).filter(|b| !SPECIALS.contains(b)) {
            let all = [html_entity(b), xml_entity(b), attribute_entity(b), text_entity(b), json_escape(b)];
            assert_eq!(all, [None; 5], "byte {b:#04x}");
        }
    }

    #[test]
    fn the_word_search_finds_every_special_byte_at_every_position() {
        let filler = [b'a', b' ', b'=', b'?', 0x80, 0xE3, 0x26 ^ 0x80, 0x3C + 1, 0x00, 0xFF];
        for len in 0..20 {
            for at in 0..len {
                for &special in &SPECIALS {
                    for &f in &filler {
                        let mut bytes = vec![f; len];
                        bytes[at] = special;
                        for from in 0..=len {
                            let want = (from <= at).then_some(at);
                            assert_eq!(next_special(&bytes, from), want, "{bytes:?} from {from}");
                        }
                    }
                }
            }
            for &f in &filler {
                assert_eq!(next_special(&vec![f; len], 0), None);
            }
        }
    }

    #[test]
    fn escapes_the_five_characters_and_keeps_the_rest() {
        let s = "<a href=\"x\">&'令和7年度' — ok";
        let want = "&lt;a href=&quot;x&quot;&gt;&amp;&#39;令和7年度&#39; — ok";
        assert_eq!(html(s), want);
        let mut w = Vec::new();
        write_html(s, &mut w).unwrap();
        assert_eq!(String::from_utf8(w).unwrap(), want);
        assert_eq!(xml("'&"), "&apos;&amp;");
        assert_eq!(attribute(s), "&lt;a href=&quot;x&quot;&gt;&amp;'令和7年度' — ok");
        assert_eq!(text(s), "&lt;a href=\"x\"&gt;&amp;'令和7年度' — ok");
        assert_eq!(Html(s).to_string(), want);
        assert_eq!(html(""), "");
        assert_eq!(html("plain"), "plain");
    }

    proptest::proptest! {
        #![proptest_config(crate::proptest_config())]
        #[test]
        fn escaping_agrees_with_replacing_character_by_character(s in "[a <>&\"'=令ー\u{80}]{0,40}") {
            let by_char = |entity: fn(u8) -> Option<&'static str>| -> String {
                s.chars().map(|c| c.is_ascii().then(|| entity(c as u8)).flatten().map_or_else(|| c.to_string(), str::to_string)).collect()
            };
            proptest::prop_assert_eq!(html(&s), by_char(html_entity));
            proptest::prop_assert_eq!(xml(&s), by_char(xml_entity));
            proptest::prop_assert_eq!(attribute(&s), by_char(attribute_entity));
            proptest::prop_assert_eq!(text(&s), by_char(text_entity));
        }
    }

    #[test]
    fn matches_teras_own_escaping() {
        for s in ["", "a&b", "<<>>", "\"'\"", "日本語&English", "end&"] {
            let mut ours = Vec::new();
            write_html(s, &mut ours).unwrap();
            let mut teras = Vec::new();
            tera::escape_html(s, &mut teras).unwrap();
            assert_eq!(ours, teras, "{s:?}");
        }
    }
}
