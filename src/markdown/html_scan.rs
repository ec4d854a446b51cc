//! Raw HTML read the way a browser's tokenizer reads it, as far as the
//! checks of [`super::raw_html`] need: which tags open (with their
//! attributes), and what is still open where the HTML ends.
//!
//! [`scan`] follows the states of the HTML tokenizer that can swallow what
//! comes after them: a comment (`<!--` up to `-->` or `--!>`), the raw text
//! of `<script>`, `<style>`, `<textarea>` and the other elements whose
//! content is not markup (up to their end tag), `<plaintext>` (never
//! closed), and a tag itself (up to its `>`, quoted attribute values
//! included). Bogus comments (`<!DOCTYPE`, `<?`, `</1`) end at the next
//! `>`, which the page after the body always has, so they never stay open.
//! Foreign content (SVG, MathML) is read like HTML.
//!
//! Guarantees: linear in the length of the HTML (every byte is looked at a
//! bounded number of times); never panics.

/// A construct still open at the end of the HTML, with the byte offset of
/// its `<`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Open {
    /// `<!--` without `-->`.
    Comment { at: usize },
    /// `<script>`, `<style>`, `<textarea>` … without its end tag; the name in lower case.
    RawText { at: usize, name: String },
    /// `<plaintext>`, which nothing closes.
    Plaintext { at: usize },
    /// A tag without its `>` (often an attribute value without its closing quote).
    Tag { at: usize, name: String },
}

/// A tag: its name as written, the byte offset of its `<`, and its
/// attributes (names as written, values with their quotes removed). An end
/// tag has `closing` set; a declaration (`<!DOCTYPE …>`) has the name `!`,
/// a processing instruction (`<?xml …?>`) the name `?`.
pub(super) struct StartTag<'h> {
    pub name: &'h str,
    pub at: usize,
    pub attrs: Vec<(&'h str, &'h str)>,
    pub closing: bool,
}

impl StartTag<'_> {
    /// The value of the attribute `name` (ASCII case ignored), the first if repeated, as browsers do.
    pub(super) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| *v)
    }
}

/// Elements whose content is text up to their end tag (raw text and
/// escapable raw text; `noscript` is, in a browser with scripting on).
const RAW_TEXT: [&str; 9] = ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"];

/// Reads `html`, calling `on_tag` for every tag (start and end tags,
/// declarations and processing instructions), and returns what is still
/// open at its end.
pub(super) fn scan<'h>(html: &'h str, mut on_tag: impl FnMut(&StartTag<'h>)) -> Option<Open> {
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(lt) = find_byte(bytes, i, b'<') {
        let rest = &bytes[lt + 1..];
        if rest.starts_with(b"!--") {
            match comment_end(bytes, lt + 4) {
                Some(end) => i = end,
                None => return Some(Open::Comment { at: lt }),
            }
        } else if rest.first().is_some_and(u8::is_ascii_alphabetic)
            || (rest.first() == Some(&b'/') && rest.get(1).is_some_and(u8::is_ascii_alphabetic))
        {
            let closing = rest.first() == Some(&b'/');
            let (tag, end) = match read_tag(html, lt, closing) {
                Ok(read) => read,
                Err(open) => return Some(open),
            };
            i = end;
            on_tag(&tag);
            if closing {
                continue;
            }
            let name = tag.name.to_ascii_lowercase();
            if name == "plaintext" {
                return Some(Open::Plaintext { at: lt });
            }
            if RAW_TEXT.contains(&name.as_str()) {
                match end_tag(bytes, end, &name) {
                    Some(end_lt) => i = end_lt,
                    None => return Some(Open::RawText { at: lt, name }),
                }
            }
        } else if rest.starts_with(b"!") || rest.starts_with(b"?") || rest.starts_with(b"/") {
            if (rest.first() == Some(&b'!') && !rest.starts_with(b"![CDATA[")) || rest.first() == Some(&b'?') {
                on_tag(&StartTag { name: &html[lt + 1..lt + 2], at: lt, attrs: Vec::new(), closing: false });
            }
            // A bogus comment, or `</>` (ignored): up to the next `>`.
            i = find_byte(bytes, lt + 1, b'>').map_or(bytes.len(), |gt| gt + 1);
        } else {
            i = lt + 1;
        }
    }
    None
}

fn find_byte(bytes: &[u8], from: usize, byte: u8) -> Option<usize> {
    bytes.get(from..)?.iter().position(|&b| b == byte).map(|p| from + p)
}

/// The offset after the comment whose text starts at `from` (after `<!--`),
/// or `None` when nothing ends it.
fn comment_end(bytes: &[u8], from: usize) -> Option<usize> {
    // `<!-->` and `<!--->` are empty comments.
    match bytes.get(from..) {
        Some([b'>', ..]) => return Some(from + 1),
        Some([b'-', b'>', ..]) => return Some(from + 2),
        _ => {}
    }
    let mut at = from;
    loop {
        let dash = find_byte(bytes, at, b'-')?;
        match bytes.get(dash..) {
            Some([b'-', b'-', b'>', ..]) => return Some(dash + 3),
            Some([b'-', b'-', b'!', b'>', ..]) => return Some(dash + 4),
            _ => at = dash + 1,
        }
    }
}

/// The offset of the `</name` (ASCII case ignored) that ends the raw text
/// starting at `from`, or `None`.
fn end_tag(bytes: &[u8], from: usize, name: &str) -> Option<usize> {
    let name = name.as_bytes();
    let mut at = from;
    loop {
        let lt = find_byte(bytes, at, b'<')?;
        let after = lt + 2 + name.len();
        let named = bytes.get(lt + 1) == Some(&b'/') && bytes.get(lt + 2..after).is_some_and(|n| n.eq_ignore_ascii_case(name));
        if named && bytes.get(after).is_none_or(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>') {
            return Some(lt);
        }
        at = lt + 1;
    }
}

/// Reads the tag whose `<` is at `lt`: the tag and the offset after its
/// `>`, or what is left open when the HTML ends first.
fn read_tag(html: &str, lt: usize, closing: bool) -> Result<(StartTag<'_>, usize), Open> {
    let bytes = html.as_bytes();
    let is_space = |b: u8| b.is_ascii_whitespace();
    let name_start = lt + 1 + usize::from(closing);
    let name_end = (name_start..bytes.len()).find(|&k| is_space(bytes[k]) || bytes[k] == b'/' || bytes[k] == b'>').unwrap_or(bytes.len());
    let name = &html[name_start..name_end];
    let open = || Open::Tag { at: lt, name: name.to_ascii_lowercase() };
    let mut tag = StartTag { name, at: lt, attrs: Vec::new(), closing };
    let mut k = name_end;
    loop {
        while k < bytes.len() && (is_space(bytes[k]) || bytes[k] == b'/') {
            k += 1;
        }
        match bytes.get(k) {
            None => return Err(open()),
            Some(b'>') => return Ok((tag, k + 1)),
            Some(_) => {}
        }
        // An attribute name (a first `=` belongs to it), then `=` and a value, if any.
        let attr_start = k;
        k += 1;
        while k < bytes.len() && !(is_space(bytes[k]) || matches!(bytes[k], b'/' | b'>' | b'=')) {
            k += 1;
        }
        let attr = &html[attr_start..k];
        while k < bytes.len() && is_space(bytes[k]) {
            k += 1;
        }
        if bytes.get(k) != Some(&b'=') {
            tag.attrs.push((attr, ""));
            continue;
        }
        k += 1;
        while k < bytes.len() && is_space(bytes[k]) {
            k += 1;
        }
        let value = match bytes.get(k) {
            Some(&quote @ (b'"' | b'\'')) => {
                let close = find_byte(bytes, k + 1, quote).ok_or_else(open)?;
                let value = &html[k + 1..close];
                k = close + 1;
                value
            }
            _ => {
                let start = k;
                while k < bytes.len() && !(is_space(bytes[k]) || bytes[k] == b'>') {
                    k += 1;
                }
                &html[start..k]
            }
        };
        tag.attrs.push((attr, value));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::within_limit;
    use super::*;

    fn open(html: &str) -> Option<Open> {
        scan(html, |_| {})
    }

    fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
        let mut out = Vec::new();
        scan(html, |t| {
            if !t.closing && !matches!(t.name, "!" | "?") {
                out.push((t.name.to_string(), t.attrs.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect()));
            }
        });
        out
    }

    #[test]
    fn a_closed_comment_leaves_nothing_open() {
        for html in ["<!-- a -->", "<!---->", "<!-->", "<!--->", "a <!-- b --!> c", "<!-- <!-- -->"] {
            assert_eq!(open(html), None, "{html}");
        }
    }

    #[test]
    fn an_unclosed_comment_is_open_at_its_start() {
        assert_eq!(open("<p>a</p>\n<!-- note"), Some(Open::Comment { at: 9 }));
        assert_eq!(open("<!-- a -- >"), Some(Open::Comment { at: 0 }));
    }

    #[test]
    fn raw_text_elements_need_their_end_tag() {
        assert_eq!(open("<script>x</script>"), None);
        assert_eq!(open("<STYLE>a</style >"), None);
        assert_eq!(open("<textarea>"), Some(Open::RawText { at: 0, name: "textarea".into() }));
        // A comment or another tag inside raw text is text.
        assert_eq!(open("<script><!--</script>"), None);
        assert_eq!(open("<script>a</scripts>"), Some(Open::RawText { at: 0, name: "script".into() }));
    }

    #[test]
    fn plaintext_is_never_closed() {
        assert_eq!(open("a <plaintext>b</plaintext>"), Some(Open::Plaintext { at: 2 }));
    }

    #[test]
    fn a_tag_without_its_end_is_open() {
        assert_eq!(open("<a title=\"x>y"), Some(Open::Tag { at: 0, name: "a".into() }));
        assert_eq!(open("<img src=x"), Some(Open::Tag { at: 0, name: "img".into() }));
    }

    #[test]
    fn markup_in_attribute_values_is_not_read() {
        assert_eq!(open("<a title=\"<!--\">x</a>"), None);
        assert_eq!(open("<a title='<script>'>x</a>"), None);
    }

    #[test]
    fn bogus_comments_and_stray_brackets_end_at_the_next_bracket() {
        assert_eq!(open("<!DOCTYPE html> <? x ?> </1> a < b <> </>"), None);
        assert_eq!(open("<?php echo 1;"), None);
    }

    #[test]
    fn start_tags_come_with_their_attributes() {
        let found = tags("<IMG SRC = \"a.png\" alt='x' hidden data-x=y/></img><br>");
        assert_eq!(found[0].0, "IMG");
        let attrs: Vec<(&str, &str)> = found[0].1.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        assert_eq!(attrs, [("SRC", "a.png"), ("alt", "x"), ("hidden", ""), ("data-x", "y/")]);
        assert_eq!(found.len(), 2);
        let names: Vec<String> = tags("<!-- <img src=x> --><script><img src=y></script>").into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["script"]);
    }

    /// Each of these is read once; a scanner that looked back, or looked
    /// ahead again from every `<`, would take minutes on them.
    #[test]
    fn long_runs_of_markup_characters_are_read_in_linear_time() {
        let open = within_limit(|| {
            ["<", "<!--", "-", "<a ", "<script>", "</", "<a b=", "--!", "<!-- --"]
                .into_iter()
                .map(|unit| open(&unit.repeat(2_000_000 / unit.len())))
                .collect::<Vec<_>>()
        });
        assert_eq!(open[0], None);
        assert_eq!(open[1], Some(Open::Comment { at: 0 }));
    }
}
