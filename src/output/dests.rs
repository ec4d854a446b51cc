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
//!
//! Each section of a handout ends in an empty marker ([`END_OF`]) that a
//! hidden link targets, so its destination tells how far down its last
//! sheet the section ends. [`short_ends`] names the sections that end
//! within [`SHORT_END_PT`] of the top of a sheet, and [`mark_short`] marks
//! them: the print stylesheet then lets the next section follow on that
//! sheet instead of leaving it nearly empty.

use std::collections::{BTreeMap, BTreeSet};

/// The HTML attribute of an element whose text is the page number of the
/// element with the id it names (`<span class="page-number"
/// data-page-of="p-b-cure"></span>`).
pub const PAGE_OF: &str = "data-page-of=\"";

/// The start of the marker that ends a handout section:
/// `<div class="section-end" id="end-of-p-b-cure">`.
pub const END_OF: &str = "<div class=\"section-end\" id=\"end-of-";

/// A section whose end is less than this far (in points, a quarter of
/// an A4 sheet's text area) below the top of its last sheet leaves that
/// sheet nearly empty. The end counts the section's bottom margins.
pub const SHORT_END_PT: f64 = 180.0;

/// A named destination: its 1-based page and how far below the top of
/// that page it is (points; `None` when the PDF does not say).
struct Dest {
    page: usize,
    depth: Option<f64>,
}

/// The 1-based page number of every named destination of `pdf`.
pub fn dest_pages(pdf: &[u8]) -> Option<BTreeMap<String, usize>> {
    Some(destinations(pdf)?.into_iter().map(|(name, d)| (name, d.page)).collect())
}

/// The ids of the sections (after `end-of-`) whose end marker is less
/// than [`SHORT_END_PT`] below the top of its sheet.
pub fn short_ends(pdf: &[u8]) -> BTreeSet<String> {
    let Some(dests) = destinations(pdf) else { return BTreeSet::new() };
    dests
        .into_iter()
        .filter(|(_, d)| d.depth.is_some_and(|depth| depth < SHORT_END_PT))
        .filter_map(|(name, _)| name.strip_prefix("end-of-").map(str::to_string))
        .collect()
}

/// Marks the end of each section in `ids` as short (`class="section-end
/// short"`); a mark once made stays, so that the layout settles.
pub fn mark_short(html: &str, ids: &BTreeSet<String>) -> String {
    let mut out = html.to_string();
    for id in ids {
        let plain = format!("{END_OF}{}\"", crate::escape::attribute(id));
        out = out.replace(&plain, &plain.replacen("section-end", "section-end short", 1));
    }
    out
}

/// Every named destination of `pdf` with its page and depth.
fn destinations(pdf: &[u8]) -> Option<BTreeMap<String, Dest>> {
    let xref = xref(pdf)?;
    let obj = |n: u32| object(pdf, *xref.get(&n)?);
    let root = reference_after(&trailer(pdf)?, "/Root")?;
    let catalog = obj(root)?;
    let pages = page_order(&obj, reference_after(catalog, "/Pages")?)?;
    let number: BTreeMap<u32, (usize, Option<f64>)> =
        pages.iter().enumerate().map(|(k, p)| (*p, (k + 1, obj(*p).and_then(page_height)))).collect();
    let dests = tokens(obj(reference_after(catalog, "/Dests")?)?);
    let mut out = BTreeMap::new();
    for (k, w) in dests.windows(3).enumerate() {
        if let [Token::Name(name), Token::Open, Token::Int(page)] = w
            && let Some((n, height)) = u32::try_from(*page).ok().and_then(|p| number.get(&p))
        {
            let y = match dests.get(k + 3..k + 8) {
                Some([Token::Int(_), Token::R, Token::Name(xyz), x, y]) if xyz == "XYZ" && number_of(x).is_some() => number_of(y),
                _ => None,
            };
            let depth = height.zip(y).map(|(h, y)| h - y);
            out.insert(name.clone(), Dest { page: *n, depth });
        }
    }
    Some(out)
}

/// The height of a page from its `/MediaBox [0 0 w h]`.
fn page_height(page: &[u8]) -> Option<f64> {
    let toks = tokens(page);
    let k = toks.iter().position(|t| matches!(t, Token::Name(n) if n == "MediaBox"))?;
    match toks.get(k + 1..k + 7)? {
        [Token::Open, low_x, low_y, _, high_y, Token::Close] if number_of(low_x).is_some() => Some(number_of(high_y)? - number_of(low_y)?),
        _ => None,
    }
}

/// The value of a number token.
fn number_of(t: &Token) -> Option<f64> {
    match t {
        Token::Int(n) => Some(*n as f64),
        Token::Real(x) => Some(*x),
        _ => None,
    }
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
    Real(f64),
    R,
    Open,
    Close,
    Other,
}

/// The tokens of an object's text; strings are `Other`.
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
                    _ => number_token(word),
                });
            }
        }
    }
    out
}

/// An integer, a real number, or `Other`.
fn number_token(word: &[u8]) -> Token {
    let Ok(w) = std::str::from_utf8(word) else { return Token::Other };
    match (w.parse(), w.parse::<f64>()) {
        (Ok(n), _) => Token::Int(n),
        (_, Ok(x)) if x.is_finite() && w.bytes().all(|b| b.is_ascii_digit() || b"+-.".contains(&b)) => Token::Real(x),
        _ => Token::Other,
    }
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
