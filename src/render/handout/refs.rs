//! Links on paper: numbered references instead of inline URLs.
//!
//! A printed link cannot be followed, and an URL printed after every link
//! (the print stylesheet's rule for ordinary pages) fills a handout's table
//! cells with `(https://…)`. In a handout, [`number`] gives every external
//! link of a section's HTML a number (`data-ref="3"`, the same number for
//! the same URL), which print shows after the link text as a small `[3]`;
//! the section lists its numbered URLs at its end. Links within the
//! document (`#…`) are not numbered.

use serde::Serialize;

/// A numbered URL of a section's link list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LinkRef {
    pub n: usize,
    pub url: String,
}

/// The attribute that carries a link's number.
const ATTR: &str = " data-ref=\"";

/// Numbers the external links (`http://`, `https://`) of `html` in order,
/// adding [`ATTR`] to each `<a>`; returns the new HTML and the URL list.
pub fn number(html: &str) -> (String, Vec<LinkRef>) {
    let mut refs = Vec::new();
    let out = number_more(html, &mut refs);
    (out, refs)
}

/// Numbers the external links of `html` as [`number`] does, continuing the
/// list `refs` of the same section (an URL already in it keeps its number).
pub fn number_more(html: &str, refs: &mut Vec<LinkRef>) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut pos = 0;
    // The next drawing, found once per drawing (not once per link).
    let mut svg = html.find("<svg");
    while let Some(at) = next_link(html, &mut pos, &mut svg, &mut out) {
        out.push_str(&html[pos..at + 2]);
        let tag_on = &html[at + 2..];
        let tag = &tag_on[..tag_on.find('>').unwrap_or(tag_on.len())];
        if let Some(url) = external_href(tag).filter(|_| !tag.contains(ATTR)) {
            let n = match refs.iter().find(|r| r.url == url) {
                Some(r) => r.n,
                None => {
                    refs.push(LinkRef { n: refs.len() + 1, url });
                    refs.len()
                }
            };
            out.push_str(&format!("{ATTR}{n}\""));
        }
        pos = at + 2;
    }
    out.push_str(&html[pos..]);
    out
}

/// Puts an empty page slot after every link to a section of the document
/// or a heading in one (`#p-…`, footnotes left out):
/// `<a href="#p-b-cure">B-cure</a><span class="page-ref" data-page-of="p-b-cure"></span>`.
/// `build --pdf` writes into it the page the target is printed on, as into
/// the contents, and print shows it as "(→ p. 12)". Links in drawings get none.
pub fn page_refs(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 256);
    let mut pos = 0;
    let mut svg = html.find("<svg");
    while let Some(at) = next_link(html, &mut pos, &mut svg, &mut out) {
        let tag_end = html[at..].find('>').map_or(html.len(), |e| at + e);
        let target = href(&html[at..tag_end]).and_then(|h| h.strip_prefix('#').map(str::to_string));
        let close = html[tag_end..].find("</a>").map(|e| tag_end + e + 4);
        match (target.filter(|t| t.starts_with("p-") && !t.contains("--fn")), close) {
            (Some(t), Some(close)) => {
                out.push_str(&html[pos..close]);
                out.push_str("<span class=\"page-ref\" data-page-of=\"");
                out.push_str(&crate::escape::attribute(&t));
                out.push_str("\"></span>");
                pos = close;
            }
            _ => {
                out.push_str(&html[pos..at + 2]);
                pos = at + 2;
            }
        }
    }
    out.push_str(&html[pos..]);
    out
}

/// Where the next `<a ` at or after `*pos` outside a drawing starts. A
/// drawing met on the way is copied to `out` whole and `*pos` moved past it:
/// a drawing's links (a diagram's boxes) show no text a number or a page
/// could follow. `svg` is the next drawing, found once per drawing.
fn next_link(html: &str, pos: &mut usize, svg: &mut Option<usize>, out: &mut String) -> Option<usize> {
    loop {
        let at = html[*pos..].find("<a ").map(|a| *pos + a)?;
        let Some(s) = svg.filter(|s| *s < at) else { return Some(at) };
        let end = html[s..].find("</svg>").map_or(html.len(), |e| s + e + 6);
        out.push_str(&html[*pos..end]);
        *pos = end;
        *svg = html[end..].find("<svg").map(|n| end + n);
    }
}

/// The decoded `href` of a start tag's text.
fn href(tag: &str) -> Option<String> {
    let start = tag.find(" href=\"")? + 7;
    let value = &tag[start..start + tag[start..].find('"')?];
    Some(value.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
}

/// The decoded `href` of a start tag's text when it is an external URL.
fn external_href(tag: &str) -> Option<String> {
    href(tag).filter(|url| url.starts_with("https://") || url.starts_with("http://"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_external_links_once_per_url_and_leaves_the_rest() {
        let html = r##"<p><a href="https://a.example/x?b=1&amp;c=2">A</a>, <a href="#p-b">in doc</a>, <a class="x" href="http://b.example/">B</a> and <a href="https://a.example/x?b=1&amp;c=2">A again</a> <abbr title="a">a</abbr></p>"##;
        let (out, refs) = number(html);
        assert_eq!(
            out,
            r##"<p><a data-ref="1" href="https://a.example/x?b=1&amp;c=2">A</a>, <a href="#p-b">in doc</a>, <a data-ref="2" class="x" href="http://b.example/">B</a> and <a data-ref="1" href="https://a.example/x?b=1&amp;c=2">A again</a> <abbr title="a">a</abbr></p>"##
        );
        assert_eq!(refs, [LinkRef { n: 1, url: "https://a.example/x?b=1&c=2".into() }, LinkRef { n: 2, url: "http://b.example/".into() }]);
        // Numbered once: a second pass changes nothing.
        assert_eq!(number(&out), (out.clone(), Vec::new()));
    }

    #[test]
    fn links_to_sections_and_their_headings_get_a_page_slot_footnotes_and_drawings_none() {
        let html = r##"<p><a href="#p-b-cure">B</a>, <a class="x" href="#p-b-cure--概要">h</a>, <a href="#p-b--fn-1">1</a>, <a href="#g-amed">AMED</a>, <a data-ref="1" href="https://a.example/">x</a></p><svg><a href="#p-c"><rect/></a></svg><a href="#p-c">C</a>"##;
        let out = page_refs(html);
        assert_eq!(
            out,
            r##"<p><a href="#p-b-cure">B</a><span class="page-ref" data-page-of="p-b-cure"></span>, <a class="x" href="#p-b-cure--概要">h</a><span class="page-ref" data-page-of="p-b-cure--概要"></span>, <a href="#p-b--fn-1">1</a>, <a href="#g-amed">AMED</a>, <a data-ref="1" href="https://a.example/">x</a></p><svg><a href="#p-c"><rect/></a></svg><a href="#p-c">C</a><span class="page-ref" data-page-of="p-c"></span>"##
        );
        for end in (0..=html.len()).filter(|e| html.is_char_boundary(*e)) {
            let _ = page_refs(&html[..end]);
        }
    }

    #[test]
    fn cut_html_never_panics() {
        let html = r##"<td><a href="https://a.example/">x</a></td><a href="#y"><a "##;
        for end in (0..=html.len()).filter(|e| html.is_char_boundary(*e)) {
            let _ = number(&html[..end]);
        }
        assert_eq!(number("no links").1, []);
    }

    #[test]
    fn a_drawings_links_are_not_numbered_and_a_later_list_continues() {
        let html = r#"<svg role="img"><a href="https://a.example/box"><rect/></a></svg><table><tr><td><a href="https://a.example/cell">c</a></td></tr></table><svg><a href="https://a.example/2"></a></svg>"#;
        let mut refs = vec![LinkRef { n: 1, url: "https://a.example/cell".into() }, LinkRef { n: 2, url: "https://a.example/x".into() }];
        let out = number_more(html, &mut refs);
        assert!(out.contains(r#"<a href="https://a.example/box">"#), "{out}");
        assert!(out.contains(r#"<a href="https://a.example/2">"#), "{out}");
        assert!(out.contains(r#"<a data-ref="1" href="https://a.example/cell">"#), "{out}");
        assert_eq!(refs.len(), 2);
        let out = number_more(r#"<a href="https://b.example/">b</a><svg"#, &mut refs);
        assert_eq!(out, r#"<a data-ref="3" href="https://b.example/">b</a><svg"#);
    }
}
