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
    let mut out = String::with_capacity(html.len() + 64);
    let mut refs: Vec<LinkRef> = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<a ") {
        let (head, tag_on) = rest.split_at(at + 2);
        out.push_str(head);
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
        rest = tag_on;
    }
    out.push_str(rest);
    (out, refs)
}

/// The decoded `href` of a start tag's text when it is an external URL.
fn external_href(tag: &str) -> Option<String> {
    let start = tag.find(" href=\"")? + 7;
    let value = &tag[start..start + tag[start..].find('"')?];
    let url = value.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    (url.starts_with("https://") || url.starts_with("http://")).then_some(url)
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
    fn cut_html_never_panics() {
        let html = r##"<td><a href="https://a.example/">x</a></td><a href="#y"><a "##;
        for end in (0..=html.len()).filter(|e| html.is_char_boundary(*e)) {
            let _ = number(&html[..end]);
        }
        assert_eq!(number("no links").1, []);
    }
}
