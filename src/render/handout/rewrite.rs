//! A small tag-level HTML rewriter for page bodies put into a handout.
//!
//! Phase 1 renders every page body once; a handout reuses those bodies and
//! only has to change a few attributes: headings are demoted, every `id`
//! (and every reference to one) gets a prefix so that ids stay unique in the
//! document, and `href`/`src` values are mapped by the caller. [`rewrite`]
//! reads the HTML as a stream of text, comments and tags (not with regular
//! expressions), copies everything byte for byte except the attributes it
//! changes, and never panics: a malformed tag is copied as it is.
//!
//! Attribute values are decoded (`&amp;` → `&`) before they are handed to
//! the caller and escaped again when written.

/// What to change.
pub struct Rules<'a> {
    /// Levels to add to every heading (`<h2>` → `<h3>` for 1); capped at `<h6>`.
    pub demote: u8,
    /// Put before every `id`, and before the ids named by `for`,
    /// `aria-labelledby`, `aria-describedby` and `headers`. Empty: unchanged.
    pub id_prefix: &'a str,
    /// A new value for an `href` (already decoded); `None` keeps it.
    pub href: &'a dyn Fn(&str) -> Option<String>,
    /// A new value for a `src` (already decoded); `None` keeps it.
    pub src: &'a dyn Fn(&str) -> Option<String>,
}

/// Elements whose content is raw text: copied without looking for tags.
const RAW_TEXT: [&str; 5] = ["script", "style", "textarea", "title", "xmp"];

/// Attributes that hold ids, separated by spaces.
const ID_REFS: [&str; 4] = ["for", "aria-labelledby", "aria-describedby", "headers"];

/// Rewrites `html` by `rules`. See the module documentation.
pub fn rewrite(html: &str, rules: &Rules) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut pos = 0;
    while let Some(off) = html[pos..].find('<') {
        let lt = pos + off;
        out.push_str(&html[pos..lt]);
        let next = bytes.get(lt + 1).copied();
        pos = if html[lt..].starts_with("<!--") {
            let end = html[lt + 4..].find("-->").map_or(html.len(), |e| lt + 4 + e + 3);
            out.push_str(&html[lt..end]);
            end
        } else if matches!(next, Some(b'!' | b'?')) {
            let end = html[lt..].find('>').map_or(html.len(), |e| lt + e + 1);
            out.push_str(&html[lt..end]);
            end
        } else if next == Some(b'/') && bytes.get(lt + 2).is_some_and(u8::is_ascii_alphabetic) {
            end_tag(html, lt, rules, &mut out)
        } else if next.is_some_and(|b| b.is_ascii_alphabetic()) {
            start_tag(html, lt, rules, &mut out)
        } else {
            out.push('<');
            lt + 1
        };
    }
    out.push_str(&html[pos..]);
    out
}

/// The new name of a heading element, if it is one and changes.
fn demoted(name: &str, by: u8) -> Option<String> {
    let b = name.as_bytes();
    if by == 0 || b.len() != 2 || !b[0].eq_ignore_ascii_case(&b'h') || !(b'1'..=b'6').contains(&b[1]) {
        return None;
    }
    let level = (b[1] - b'0').saturating_add(by).min(6);
    Some(format!("h{level}"))
}

/// The end of a tag name starting at `from`.
fn name_end(html: &str, from: usize) -> usize {
    html[from..].find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>').map_or(html.len(), |e| from + e)
}

/// `</name …>` at `lt`: renamed if it closes a heading. Returns the position after it.
fn end_tag(html: &str, lt: usize, rules: &Rules, out: &mut String) -> usize {
    let name_start = lt + 2;
    let name_end = name_end(html, name_start);
    let end = html[name_end..].find('>').map_or(html.len(), |e| name_end + e + 1);
    match demoted(&html[name_start..name_end], rules.demote) {
        Some(new) => {
            out.push_str("</");
            out.push_str(&new);
            out.push_str(&html[name_end..end]);
        }
        None => out.push_str(&html[lt..end]),
    }
    end
}

/// One attribute of a start tag, by byte ranges into the HTML.
struct Attr {
    /// The whole attribute, from its name to the end of its value.
    all: std::ops::Range<usize>,
    name: std::ops::Range<usize>,
    /// The value without quotes, if the attribute has one.
    value: Option<std::ops::Range<usize>>,
}

/// Reads the attributes of a start tag from `from`; returns them and the
/// position just after the closing `>` (`None` when the tag never closes).
fn attributes(html: &str, mut i: usize) -> (Vec<Attr>, Option<usize>) {
    let b = html.as_bytes();
    let mut attrs = Vec::new();
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            return (attrs, None);
        }
        if b[i] == b'>' {
            return (attrs, Some(i + 1));
        }
        let start = i;
        // The first character of a name may be `=` (HTML's tokenizer allows it).
        i += 1;
        while i < b.len() && !(b[i].is_ascii_whitespace() || matches!(b[i], b'/' | b'>' | b'=')) {
            i += 1;
        }
        let name = start..i;
        let mut j = i;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        let mut value = None;
        if j < b.len() && b[j] == b'=' {
            j += 1;
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            match b.get(j) {
                Some(&q @ (b'"' | b'\'')) => {
                    let Some(close) = html[j + 1..].find(q as char) else { return (attrs, None) };
                    value = Some(j + 1..j + 1 + close);
                    i = j + 1 + close + 1;
                }
                Some(_) => {
                    let e = html[j..].find(|c: char| c.is_ascii_whitespace() || c == '>').map_or(html.len(), |e| j + e);
                    value = Some(j..e);
                    i = e;
                }
                None => return (attrs, None),
            }
        }
        attrs.push(Attr { all: start..i, name, value });
    }
}

/// `<name …>` at `lt`, with its attributes rewritten. Returns the position
/// after it (after the element's end tag for raw-text elements).
fn start_tag(html: &str, lt: usize, rules: &Rules, out: &mut String) -> usize {
    let name_start = lt + 1;
    let name_end = name_end(html, name_start);
    let name = &html[name_start..name_end];
    let (attrs, end) = attributes(html, name_end);
    let Some(end) = end else {
        out.push_str(&html[lt..]);
        return html.len();
    };
    out.push('<');
    out.push_str(&demoted(name, rules.demote).unwrap_or_else(|| name.to_string()));
    let mut copied = name_end;
    for a in &attrs {
        let (Some(v), attr_name) = (&a.value, html[a.name.clone()].to_ascii_lowercase()) else { continue };
        let value = decode(&html[v.clone()]);
        let new = match attr_name.as_str() {
            "id" if !rules.id_prefix.is_empty() => Some(format!("{}{value}", rules.id_prefix)),
            n if ID_REFS.contains(&n) && !rules.id_prefix.is_empty() => {
                Some(value.split_ascii_whitespace().map(|id| format!("{}{id}", rules.id_prefix)).collect::<Vec<_>>().join(" "))
            }
            "href" => (rules.href)(&value),
            "src" => (rules.src)(&value),
            _ => None,
        };
        if let Some(new) = new {
            out.push_str(&html[copied..a.all.start]);
            out.push_str(&attr_name);
            out.push_str("=\"");
            out.push_str(&crate::escape::attribute(&new));
            out.push('"');
            copied = a.all.end;
        }
    }
    out.push_str(&html[copied..end]);
    if RAW_TEXT.iter().any(|r| r.eq_ignore_ascii_case(name)) {
        let close = find_ascii_ci(&html[end..], &format!("</{name}")).map_or(html.len(), |e| end + e);
        out.push_str(&html[end..close]);
        return close;
    }
    end
}

/// The first position of an ASCII `needle` in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    (0..h.len().saturating_sub(n.len() - 1)).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Decodes the character references that appear in attribute values we write
/// or that authors commonly write; others are left as they are.
fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest.find(';').filter(|&i| i <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let ch = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keep(_: &str) -> Option<String> {
        None
    }

    fn with(demote: u8, prefix: &str, html: &str) -> String {
        rewrite(html, &Rules { demote, id_prefix: prefix, href: &keep, src: &keep })
    }

    #[test]
    fn demotes_headings_and_stops_at_h6() {
        assert_eq!(with(1, "", "<h2 id=\"a\">A</h2><H5>B</H5><h6>C</h6>"), "<h3 id=\"a\">A</h3><h6>B</h6><h6>C</h6>");
        assert_eq!(with(0, "", "<h2>A</h2>"), "<h2>A</h2>");
        assert_eq!(with(2, "", "<hr><header>x</header><h1>t</h1>"), "<hr><header>x</header><h3>t</h3>");
    }

    #[test]
    fn prefixes_ids_and_id_references() {
        let html = r#"<h2 id="概要">概要</h2><label for="q">Q</label><div aria-labelledby="a b" class="x">"#;
        assert_eq!(
            with(0, "p-x--", html),
            r#"<h2 id="p-x--概要">概要</h2><label for="p-x--q">Q</label><div aria-labelledby="p-x--a p-x--b" class="x">"#
        );
    }

    #[test]
    fn maps_hrefs_and_srcs_through_the_caller() {
        let href = |h: &str| h.strip_prefix('#').map(|f| format!("#p-{f}"));
        let src = |s: &str| Some(format!("../{s}"));
        let html = r##"<a href="#fn-1">1</a> <a href="https://example.org/">x</a> <img src="map.png" alt="map">"##;
        let out = rewrite(html, &Rules { demote: 0, id_prefix: "", href: &href, src: &src });
        assert_eq!(out, r##"<a href="#p-fn-1">1</a> <a href="https://example.org/">x</a> <img src="../map.png" alt="map">"##);
    }

    #[test]
    fn decodes_values_for_the_caller_and_escapes_what_it_writes() {
        let seen = std::cell::RefCell::new(Vec::new());
        let href = |h: &str| {
            seen.borrow_mut().push(h.to_string());
            Some(format!("{h}&x=\"1\""))
        };
        let out = rewrite(r#"<a href="a?b=1&amp;c=&#50;">x</a>"#, &Rules { demote: 0, id_prefix: "", href: &href, src: &keep });
        assert_eq!(seen.borrow()[0], "a?b=1&c=2");
        assert_eq!(out, r#"<a href="a?b=1&amp;c=2&amp;x=&quot;1&quot;">x</a>"#);
    }

    #[test]
    fn unquoted_and_single_quoted_values_and_gt_inside_quotes() {
        let href = |h: &str| Some(format!("/{h}"));
        let html = "<a title='1 > 0' href=x>y</a><a href = 'z' >w</a>";
        let out = rewrite(html, &Rules { demote: 0, id_prefix: "", href: &href, src: &keep });
        assert_eq!(out, r#"<a title='1 > 0' href="/x">y</a><a href="/z" >w</a>"#);
    }

    #[test]
    fn leaves_comments_scripts_text_and_code_alone() {
        let html = "<!-- <h2 id=\"c\"> --><script>if (a<b) { x = '<h2 id=\"s\">' }</script><p>1 < 2 &lt;h2&gt;</p><pre><code>&lt;h2 id=&quot;k&quot;&gt;</code></pre>";
        assert_eq!(with(1, "p-", html), html);
    }

    #[test]
    fn copies_malformed_tags_as_they_are() {
        for html in ["<a href=\"x", "<h2 id='a", "<h2", "</h2", "<", "a <b", "<a href=>x</a>", "<!--", "<!doctype", "<a =x>"] {
            let out = with(1, "p-", html);
            assert!(!out.is_empty(), "{html}");
        }
        assert_eq!(with(1, "p-", "<h2 id='a"), "<h2 id='a");
        assert_eq!(with(0, "", "<a href=>x</a>"), "<a href=>x</a>");
    }

    #[test]
    fn never_panics_on_any_cut_of_a_sample() {
        let sample = "<h2 id=\"見出し\">見出し</h2><p>本文 <a href=\"../b/index.html#x\" title='a>b'>b</a> <!-- c --> <img src=i.png alt=\"\"><script>x<y</script>&amp; 1 < 2</p>";
        let href = |h: &str| Some(format!("#{h}"));
        for cut in (0..=sample.len()).filter(|i| sample.is_char_boundary(*i)) {
            for part in [&sample[..cut], &sample[cut..]] {
                let _ = rewrite(part, &Rules { demote: 1, id_prefix: "p-", href: &href, src: &href });
            }
        }
    }
}
