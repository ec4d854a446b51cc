//! Escaping text for HTML and XML, in one place: the Markdown renderer, the
//! charts, the site files and the templates (Tera's escape function) use it.
//!
//! Runs without special characters are copied whole, which matters: every
//! string a template prints goes through here.

use std::io;

/// The greatest byte any of the escapes below replaces.
const LAST_SPECIAL: u8 = b'>';

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
    let mut start = 0;
    // Every special byte is at most `>`: letters and all of UTF-8's multi-byte characters pass on one comparison.
    let special = |(k, &b): (usize, &u8)| if b > LAST_SPECIAL { None } else { entity(b).map(|e| (k, e)) };
    while let Some((k, e)) = bytes[start..].iter().enumerate().find_map(special) {
        let at = start + k;
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

/// `s` escaped for XML text or a quoted attribute value.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let _ = pieces::<()>(s, xml_entity, |p| {
        out.push_str(p);
        Ok(())
    });
    out
}

/// Writes `s` escaped for HTML to a formatter (for `Display` types that escape).
pub fn fmt_html(s: &str, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    pieces(s, html_entity, |p| f.write_str(p))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_escape_replaces_a_byte_past_the_last_special_one() {
        for b in LAST_SPECIAL + 1..=u8::MAX {
            assert_eq!((html_entity(b), xml_entity(b), json_escape(b)), (None, None, None), "byte {b:#04x}");
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
        assert_eq!(html(""), "");
        assert_eq!(html("plain"), "plain");
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
