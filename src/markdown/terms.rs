//! Glossary markup: the first occurrence of each term on a page becomes
//! `<a class="term" href="…"><abbr title="expansion">term</abbr></a>`.
//!
//! [`TermMatcher`] is built once per language from the glossary: one
//! Aho-Corasick automaton (leftmost-longest, so `single IRB` wins over
//! `IRB`) over the NFKC forms of every surface. A text is normalised one
//! character at a time with a map back to the original, so full-width
//! `ＡＭＥＤ` matches `AMED` and is shown as written, and matching stays
//! linear in the text. Matching is case-sensitive (`AI` never matches
//! `ai`); a term that starts or ends with an ASCII letter or digit matches
//! only where that end does not touch another ASCII letter or digit (`PD`
//! never inside `PDF`, but `AMEDの` matches). Its Japanese twin: an end in
//! katakana matches only where it does not touch more katakana (`サービス`
//! never inside `マイクロサービス`, `サーバーレス` never inside
//! `サーバーレスポンス`, but `サービス開始` matches); an end in kanji
//! matches anywhere (kanji compound freely: `医療` in `ゲノム医療`), unless
//! the entry says `whole_word: true`, when it too must not touch more kanji.
//! Each check looks at one character on each side of a match.
//!
//! [`mark`] only touches running text: never code, links (Markdown, raw
//! `<a>` or resolved references), headings, image descriptions or raw
//! `<abbr>…</abbr>`.

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, Input, MatchKind};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

use super::references::{abbr_close, push_term_open};
use super::script::Script;
use super::{LinkResolver, Spanned};
use crate::escape::push_html;

/// A glossary entry as the renderer sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub id: String,
    /// The term and its aliases, as written.
    pub surfaces: Vec<String>,
    pub expansion: Option<String>,
    /// The term shown in the page's Terms box.
    pub title: String,
    /// Its kanji ends match only at the ends of a run of kanji.
    pub whole_word: bool,
}

/// Finds glossary terms in text; build once per language and share.
pub struct TermMatcher {
    terms: Vec<Term>,
    automaton: Option<AhoCorasick>,
    /// Per pattern of the automaton, in its order.
    patterns: Vec<Pattern>,
    by_id: HashMap<String, usize>,
}

/// One surface of a term, as the automaton looks for it.
struct Pattern {
    term: usize,
    /// The surface in NFKC.
    normal: String,
    /// The script of its first / last character, which the text's character
    /// next to that end must not share.
    starts: Script,
    ends: Script,
    /// Whether the term's expansion already contains it ([`says_it`], worked out once).
    says_it: bool,
}

impl TermMatcher {
    pub fn new(terms: Vec<Term>) -> TermMatcher {
        let mut seen = HashSet::new();
        let mut patterns = Vec::new();
        for (index, term) in terms.iter().enumerate() {
            for surface in &term.surfaces {
                let normal: String = surface.nfkc().collect();
                if normal.is_empty() || !seen.insert(normal.clone()) {
                    continue;
                }
                let starts = Script::of_end(normal.chars().next(), term.whole_word);
                let ends = Script::of_end(normal.chars().next_back(), term.whole_word);
                let says_it = term.expansion.as_deref().is_some_and(|e| says_it(&normal, e));
                patterns.push(Pattern { term: index, normal, starts, ends, says_it });
            }
        }
        let surfaces = patterns.iter().map(|p| p.normal.as_str());
        let automaton = AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(surfaces).ok().filter(|_| !patterns.is_empty());
        let by_id = terms.iter().enumerate().map(|(i, t)| (t.id.clone(), i)).collect();
        TermMatcher { terms, automaton, patterns, by_id }
    }

    /// The terms, in the order given.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// The expansion of the entry `id`, if it has one.
    pub(super) fn expansion_of(&self, id: &str) -> Option<&str> {
        self.by_id.get(id).and_then(|&i| self.terms[i].expansion.as_deref())
    }

    /// Every term in `text` as the markup finds it (NFKC, longest first,
    /// ASCII word ends): its byte range in `text` and the term.
    pub fn find_terms(&self, text: &str) -> Vec<(std::ops::Range<usize>, &Term)> {
        self.find(text).into_iter().map(|(range, p)| (range, &self.terms[p.term])).collect()
    }

    /// Every match in `text`: byte range in `text` and pattern.
    fn find(&self, text: &str) -> Vec<(std::ops::Range<usize>, &Pattern)> {
        let Some(automaton) = &self.automaton else { return Vec::new() };
        let normal = Normalized::new(text);
        let hay = normal.text.as_ref();
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < hay.len() {
            let Some(m) = automaton.find(Input::new(hay).span(pos..hay.len())) else { break };
            let pattern = &self.patterns[m.pattern().as_usize()];
            let clear_before = !pattern.starts.joins(hay[..m.start()].chars().next_back());
            let clear_after = !pattern.ends.joins(hay[m.end()..].chars().next());
            match normal.original(m.start()..m.end()) {
                Some(range) if clear_before && clear_after => {
                    out.push((range, pattern));
                    pos = m.end();
                }
                _ => pos = m.start() + hay[m.start()..].chars().next().map_or(1, char::len_utf8),
            }
        }
        out
    }
}

/// A text in NFKC, character by character, with the way back.
struct Normalized<'t> {
    text: CowStr<'t>,
    /// For each byte of `text`: the byte range of the original character
    /// it came from (empty when the text is ASCII, which NFKC keeps).
    origin: Vec<(usize, usize)>,
}

impl<'t> Normalized<'t> {
    fn new(text: &'t str) -> Normalized<'t> {
        // Text already in NFKC (the quick check is exact when it says yes) maps to itself, character by
        // character too: no copy and no map back are needed.
        if text.is_ascii() || text.chars().all(nfkc_stable) || is_nfkc_quick(text.chars()) == IsNormalized::Yes {
            return Normalized { text: CowStr::Borrowed(text), origin: Vec::new() };
        }
        let mut normal = String::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len());
        for (at, c) in text.char_indices() {
            let span = (at, at + c.len_utf8());
            if nfkc_stable(c) || is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes {
                normal.push(c);
                origin.extend(std::iter::repeat_n(span, c.len_utf8()));
                continue;
            }
            for n in std::iter::once(c).nfkc() {
                normal.push(n);
                origin.extend(std::iter::repeat_n(span, n.len_utf8()));
            }
        }
        Normalized { text: CowStr::from(normal), origin }
    }

    /// The original range of `range`, if it covers whole original
    /// characters.
    fn original(&self, range: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
        if self.origin.is_empty() {
            return Some(range);
        }
        let first = *self.origin.get(range.start)?;
        let last = *self.origin.get(range.end.checked_sub(1)?)?;
        let starts_clean = range.start == 0 || self.origin[range.start - 1] != first;
        let ends_clean = self.origin.get(range.end).is_none_or(|&next| next != last);
        (starts_clean && ends_clean).then_some(first.0..last.1)
    }
}

/// Characters that NFKC leaves as they are, found without a table lookup: ASCII, kana, CJK ideographs and
/// the common Japanese punctuation (not U+3000, the ideographic space, nor U+309B/U+309C or U+30FF).
fn nfkc_stable(c: char) -> bool {
    matches!(c, '\0'..='\u{7F}' | '\u{3001}'..='\u{3002}' | '\u{300C}'..='\u{300F}' | '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FE}' | '\u{4E00}'..='\u{9FFF}')
}

/// Marks the first occurrence of each term; returns the events and the
/// uses (source offset, entry id). A term linked with `[[glossary:id]]`
/// earlier in the page counts as already used.
pub(super) fn mark<'a>(
    events: Vec<Spanned<'a>>,
    matcher: &TermMatcher,
    links: &dyn LinkResolver,
    explicit: &[(usize, String)],
) -> (Vec<Spanned<'a>>, Vec<(usize, String)>) {
    let mut uses = Vec::new();
    let mut used = vec![false; matcher.terms.len()];
    let mut explicit = explicit.iter().peekable();
    let mut skip = Skip::default();
    // The text events that hold a term, by index, and what replaces each: the
    // list is rebuilt once at the end, and not at all on a page without terms.
    let mut replaced: Vec<(usize, Vec<Spanned<'a>>)> = Vec::new();
    for (i, (event, range)) in events.iter().enumerate() {
        skip.see(event);
        let Event::Text(text) = event else { continue };
        while let Some((_, id)) = explicit.next_if(|(at, _)| *at < range.start) {
            if let Some(&i) = matcher.by_id.get(id) {
                used[i] = true;
            }
        }
        if skip.active() {
            continue;
        }
        let mut out = Vec::new();
        let mut rest = 0;
        for (found, pattern) in matcher.find(text) {
            if std::mem::replace(&mut used[pattern.term], true) {
                continue;
            }
            let term = &matcher.terms[pattern.term];
            uses.push((range.start, term.id.clone()));
            if found.start > rest {
                out.push((Event::Text(CowStr::from(text[rest..found.start].to_string())), range.clone()));
            }
            let shown = &text[found.clone()];
            // Shown as the pattern is (no full-width or compatibility forms): the answer worked out once.
            let says = |e: &str| if shown == pattern.normal { pattern.says_it } else { says_it(shown, e) };
            let expansion = term.expansion.as_deref().filter(|e| !says(e));
            let href = links.glossary_href(&term.id);
            let mut html = String::with_capacity(40 + href.len() + shown.len() + expansion.map_or(0, |e| e.len() + 22));
            push_term_open(&mut html, &href, expansion);
            push_html(&mut html, shown);
            html.push_str(abbr_close(expansion));
            out.push((Event::InlineHtml(CowStr::from(html)), range.clone()));
            rest = found.end;
        }
        if rest == 0 {
            continue;
        }
        if rest < text.len() {
            out.push((Event::Text(CowStr::from(text[rest..].to_string())), range.clone()));
        }
        replaced.push((i, out));
    }
    if replaced.is_empty() {
        return (events, uses);
    }
    let mut out = Vec::with_capacity(events.len() + replaced.iter().map(|(_, pieces)| pieces.len()).sum::<usize>());
    let mut replaced = replaced.into_iter().peekable();
    for (i, spanned) in events.into_iter().enumerate() {
        match replaced.next_if(|(at, _)| *at == i) {
            Some((_, pieces)) => out.extend(pieces),
            None => out.push(spanned),
        }
    }
    (out, uses)
}

/// Where markup must not go: nesting depths of code blocks, headings,
/// links and images, and raw `<a>` / `<abbr>` elements.
#[derive(Default)]
struct Skip {
    blocks: usize,
    raw_a: usize,
    raw_abbr: usize,
}

impl Skip {
    fn see(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::Heading { .. } | Tag::Link { .. } | Tag::Image { .. }) => {
                self.blocks += 1;
            }
            Event::End(TagEnd::CodeBlock | TagEnd::Heading(_) | TagEnd::Link | TagEnd::Image) => {
                self.blocks = self.blocks.saturating_sub(1);
            }
            // A raw element left open does not reach past its paragraph.
            Event::End(TagEnd::Paragraph | TagEnd::TableCell | TagEnd::Item) => {
                self.raw_a = 0;
                self.raw_abbr = 0;
            }
            Event::InlineHtml(html) | Event::Html(html) => {
                adjust(&mut self.raw_a, html, "a");
                adjust(&mut self.raw_abbr, html, "abbr");
            }
            _ => {}
        }
    }

    fn active(&self) -> bool {
        self.blocks + self.raw_a + self.raw_abbr > 0
    }
}

/// Counts opening and closing `name` tags (`name` in lower case) in a piece of raw HTML, in any case.
fn adjust(depth: &mut usize, html: &str, name: &str) {
    let (bytes, name) = (html.as_bytes(), name.as_bytes());
    // The tag's name at `at`, followed by its end: whitespace, `>`, `/` or the end of the piece.
    let named_at = |at: usize| {
        bytes.get(at..at + name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name))
            && bytes.get(at + name.len()).is_none_or(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
    };
    for at in (0..bytes.len()).filter(|&i| bytes[i] == b'<') {
        if bytes.get(at + 1) == Some(&b'/') {
            if named_at(at + 2) {
                *depth = depth.saturating_sub(1);
            }
        } else if named_at(at + 1) {
            *depth += 1;
        }
    }
}

/// The ids of the entries used on the page, in order of first use.
pub(super) fn first_uses(explicit: &[(usize, String)], automatic: &[(usize, String)]) -> Vec<String> {
    let mut all: Vec<&(usize, String)> = explicit.iter().chain(automatic).collect();
    all.sort_by_key(|(at, _)| *at);
    let mut seen = HashSet::new();
    all.into_iter().filter(|(_, id)| seen.insert(id.as_str())).map(|(_, id)| id.clone()).collect()
}

/// Whether a matched surface already says its expansion (an alias such as
/// `分散型臨床試験` of `DCT`, or `日本医療研究開発機構` of `AMED`): then it is
/// no abbreviation, and printing the expansion after it would repeat it.
fn says_it(surface: &str, expansion: &str) -> bool {
    let surface: String = surface.nfkc().collect();
    expansion.nfkc().collect::<String>().contains(&surface)
}

#[cfg(test)]
mod stable_tests {
    use super::*;
    use proptest::strategy::Strategy as _;

    /// `adjust` as first written: the piece lower-cased, then its `<` looked at.
    fn adjust_lowered(depth: &mut usize, html: &str, name: &str) {
        let lower = html.to_ascii_lowercase();
        let bytes = lower.as_bytes();
        let ends_name = |at: usize| bytes.get(at).is_none_or(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/');
        for (at, _) in lower.match_indices('<') {
            let rest = &lower[at + 1..];
            if let Some(tail) = rest.strip_prefix('/') {
                if tail.starts_with(name) && ends_name(at + 2 + name.len()) {
                    *depth = depth.saturating_sub(1);
                }
            } else if rest.starts_with(name) && ends_name(at + 1 + name.len()) {
                *depth += 1;
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(crate::proptest_config())]
        #[test]
        fn tag_counting_agrees_with_lower_casing_first(
            html in proptest::collection::vec(proptest::sample::select(vec![
                "<", "/", ">", " ", "\n", "a", "A", "b", "B", "r", "R", "abbr", "ABBR", "<a", "</a>", "<abbr", "</ABBR>", "href=\"x\"", "令", "İ",
            ]), 0..16).prop_map(|v| v.concat()),
            start in 0usize..3,
        ) {
            for name in ["a", "abbr"] {
                let (mut ours, mut first) = (start, start);
                adjust(&mut ours, &html, name);
                adjust_lowered(&mut first, &html, name);
                proptest::prop_assert_eq!(ours, first, "{:?} in {:?}", name, html);
            }
        }
    }

    #[test]
    fn characters_called_stable_are_their_own_nfkc() {
        let ranges = [(0x0, 0x7F), (0x3001, 0x3002), (0x300C, 0x300F), (0x3041, 0x3096), (0x30A1, 0x30FE), (0x4E00, 0x9FFF)];
        for (lo, hi) in ranges {
            for c in (lo..=hi).filter_map(char::from_u32) {
                assert!(nfkc_stable(c));
                assert_eq!(std::iter::once(c).nfkc().collect::<String>(), c.to_string(), "U+{:04X}", c as u32);
            }
        }
        for c in ['\u{3000}', '\u{309B}', '\u{30FF}', '（', 'Ａ'] {
            assert!(!nfkc_stable(c));
        }
    }
}

#[cfg(test)]
#[path = "terms_tests.rs"]
mod tests;
