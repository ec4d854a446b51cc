//! Where each section of a printed handout landed: the page of every named
//! destination of a PDF written by Chromium.
//!
//! Chromium (Skia's PDF writer, as in Chrome and Edge) turns every element
//! that a same-document link targets into a named destination: the
//! catalog's `/Dests` dictionary maps the element's id to
//! `[page 0 R /XYZ x y 0]`. The handout's contents link every section, so
//! [`dest_pages`] gives the page number of each section heading, read from
//! the classic cross-reference table and the uncompressed object
//! dictionaries Skia writes. A PDF it cannot read gives `None`, never a
//! panic. [`fill`] writes the numbers into the handout's HTML, which
//! [`super::pdf`] then prints again.

use std::collections::BTreeMap;

/// The HTML attribute of an element whose text is the page number of the
/// element with the id it names (`<span class="page-number"
/// data-page-of="p-b-cure"></span>`).
pub const PAGE_OF: &str = "data-page-of=\"";

/// The 1-based page number of every named destination of `pdf`.
pub fn dest_pages(pdf: &[u8]) -> Option<BTreeMap<String, usize>> {
    let xref = xref(pdf)?;
    let obj = |n: u32| object(pdf, *xref.get(&n)?);
    let root = reference_after(&trailer(pdf)?, "/Root")?;
    let catalog = obj(root)?;
    let pages = page_order(&obj, reference_after(catalog, "/Pages")?)?;
    let number: BTreeMap<u32, usize> = pages.iter().enumerate().map(|(k, p)| (*p, k + 1)).collect();
    let dests = tokens(obj(reference_after(catalog, "/Dests")?)?);
    let mut out = BTreeMap::new();
    for w in dests.windows(3) {
        if let [Token::Name(name), Token::Open, Token::Int(page)] = w
            && let Some(n) = u32::try_from(*page).ok().and_then(|p| number.get(&p))
        {
            out.insert(name.clone(), *n);
        }
    }
    Some(out)
}

/// Writes the page number of each element named by [`PAGE_OF`] as its text
/// (replacing what was there); ids without a destination get no number.
pub fn fill(html: &str, pages: &BTreeMap<String, usize>) -> String {
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(at) = rest.find(PAGE_OF) {
        let (head, tail) = rest.split_at(at + PAGE_OF.len());
        out.push_str(head);
        let Some(q) = tail.find('"') else {
            rest = tail;
            break;
        };
        let id = unescape(&tail[..q]);
        let Some(gt) = tail[q..].find('>').map(|g| q + g + 1) else {
            rest = tail;
            break;
        };
        out.push_str(&tail[..gt]);
        let after = &tail[gt..];
        let end = after.find('<').unwrap_or(0);
        if let Some(n) = pages.get(&id) {
            out.push_str(&n.to_string());
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Attribute text back to the id (the escapes of `escape::attribute`).
fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

/// Page objects in order, from the page tree's root.
fn page_order<'a>(obj: &impl Fn(u32) -> Option<&'a [u8]>, root: u32) -> Option<Vec<u32>> {
    let mut pages = Vec::new();
    let mut stack = vec![root];
    let mut seen = std::collections::BTreeSet::new();
    while let Some(n) = stack.pop() {
        if !seen.insert(n) {
            return None;
        }
        let toks = tokens(obj(n)?);
        let kids = toks.iter().position(|t| matches!(t, Token::Name(k) if k == "Kids"));
        match kids {
            Some(k) => {
                let refs = refs_in_array(&toks[k + 1..]);
                stack.extend(refs.into_iter().rev());
            }
            None => pages.push(n),
        }
    }
    Some(pages)
}

/// The object numbers of `[a 0 R b 0 R …]` at the start of `toks`.
fn refs_in_array(toks: &[Token]) -> Vec<u32> {
    let mut out = Vec::new();
    if !matches!(toks.first(), Some(Token::Open)) {
        return out;
    }
    for w in toks[1..].windows(3) {
        match w {
            [Token::Close, ..] => break,
            [Token::Int(n), Token::Int(_), Token::R] => out.extend(u32::try_from(*n).ok()),
            _ => {}
        }
    }
    out
}

/// The object number of `key N 0 R` in a dictionary's text.
fn reference_after(dict: &[u8], key: &str) -> Option<u32> {
    let toks = tokens(dict);
    let k = toks.iter().position(|t| matches!(t, Token::Name(n) if n == &key[1..]))?;
    match toks.get(k + 1..k + 4)? {
        [Token::Int(n), Token::Int(_), Token::R] => u32::try_from(*n).ok(),
        _ => None,
    }
}

/// The last trailer dictionary.
fn trailer(pdf: &[u8]) -> Option<Vec<u8>> {
    let at = rfind(pdf, b"trailer")?;
    let end = find(&pdf[at..], b"startxref").map_or(pdf.len(), |e| at + e);
    Some(pdf[at..end].to_vec())
}

/// Object number → byte offset, from the cross-reference table `startxref` points to.
fn xref(pdf: &[u8]) -> Option<BTreeMap<u32, usize>> {
    let at = rfind(pdf, b"startxref")?;
    let offset: usize = std::str::from_utf8(pdf.get(at + 9..)?.split(|b| *b == b'%').next()?).ok()?.trim().parse().ok()?;
    let text = std::str::from_utf8(pdf.get(offset..)?.split(|b| *b == b't').next()?).ok()?;
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    if lines.next()? != "xref" {
        return None;
    }
    let mut map = BTreeMap::new();
    let mut next: Option<(u32, u32)> = None;
    for line in lines {
        let parts: Vec<&str> = line.split_whitespace().collect();
        match (parts.as_slice(), next) {
            ([first, count], _) => next = Some((first.parse().ok()?, count.parse().ok()?)),
            ([off, _gen, kind], Some((n, left))) if left > 0 => {
                if *kind == "n" {
                    map.insert(n, off.parse().ok()?);
                }
                next = Some((n + 1, left - 1));
            }
            _ => return None,
        }
    }
    Some(map)
}

/// The text of the object at `offset`, up to `endobj` or its stream.
fn object(pdf: &[u8], offset: usize) -> Option<&[u8]> {
    let body = pdf.get(offset..)?;
    let end = [find(body, b"endobj"), find(body, b"stream")].into_iter().flatten().min()?;
    Some(&body[..end])
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[derive(Debug, PartialEq)]
enum Token {
    Name(String),
    Int(i64),
    R,
    Open,
    Close,
    Other,
}

/// The tokens of an object's text; strings and numbers other than integers are `Other`.
fn tokens(s: &[u8]) -> Vec<Token> {
    let delim = |b: u8| b.is_ascii_whitespace() || b"/[]<>()%{}".contains(&b);
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&b) = s.get(i) {
        match b {
            b'/' => {
                let start = i + 1;
                i = start;
                while s.get(i).is_some_and(|c| !delim(*c)) {
                    i += 1;
                }
                out.push(Token::Name(name(&s[start..i])));
            }
            b'[' => {
                out.push(Token::Open);
                i += 1;
            }
            b']' => {
                out.push(Token::Close);
                i += 1;
            }
            b'(' => {
                i = skip_string(s, i);
                out.push(Token::Other);
            }
            b'%' => {
                while s.get(i).is_some_and(|c| *c != b'\n' && *c != b'\r') {
                    i += 1;
                }
            }
            _ if delim(b) => {
                if b == b'<' || b == b'>' {
                    out.push(Token::Other);
                }
                i += 1;
            }
            _ => {
                let start = i;
                while s.get(i).is_some_and(|c| !delim(*c)) {
                    i += 1;
                }
                let word = &s[start..i];
                out.push(match word {
                    b"R" => Token::R,
                    _ => std::str::from_utf8(word).ok().and_then(|w| w.parse().ok()).map_or(Token::Other, Token::Int),
                });
            }
        }
    }
    out
}

/// The index after the literal string starting at `start` (balanced parentheses, `\` escapes).
fn skip_string(s: &[u8], start: usize) -> usize {
    let mut depth = 0usize;
    let mut i = start;
    while let Some(&b) = s.get(i) {
        i += 1;
        match b {
            b'\\' => i += 1,
            b'(' => depth += 1,
            b')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
    }
    i
}

/// A name's bytes with `#xx` escapes decoded, as UTF-8.
fn name(raw: &[u8]) -> String {
    let mut bytes = Vec::with_capacity(raw.len());
    let mut i = 0;
    while let Some(&b) = raw.get(i) {
        let hex = raw.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'#', Some(v)) => {
                bytes.push(v);
                i += 3;
            }
            _ => {
                bytes.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests;
