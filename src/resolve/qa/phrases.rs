//! Finding renderings in a translation, forgiving what a reader forgives.
//!
//! A [`Phrases`] set is built once per language from the glossary's
//! approved and avoided renderings. Text and phrases are compared in a
//! normal form: NFKC, then for English a list of words, lower case, with a
//! light stem (`projects` → `project`, `studies` → `study`, `AMED's` →
//! `amed`) and hyphens as spaces, so "Integrated Projects" matches
//! "integrated project" and never "integrated projection"; for Japanese the
//! NFKC text with ASCII in lower case. One Aho-Corasick pass over a text
//! finds every phrase (overlapping), so a check stays linear in the text.

use aho_corasick::{AhoCorasick, MatchKind};
use unicode_normalization::UnicodeNormalization;

use crate::lang::Lang;

/// A text in normal form, with the original byte offset of each normal byte.
pub struct Normal {
    pub text: String,
    origin: Vec<(usize, usize)>,
}

impl Normal {
    /// `text` in the normal form of `lang`.
    pub fn new(text: &str, lang: Lang) -> Normal {
        match lang {
            Lang::En => words(text),
            Lang::Ja => chars(text),
        }
    }

    /// The original range of the normal bytes `range` (whole words or characters).
    pub fn original(&self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let start = self.origin.get(range.start).map_or(0, |o| o.0);
        let end = range.end.checked_sub(1).and_then(|last| self.origin.get(last)).map_or(start, |o| o.1);
        start..end.max(start)
    }
}

/// English: ` word word … ` (a space before and after each word).
fn words(text: &str) -> Normal {
    let mut out = Normal { text: String::from(" "), origin: vec![(0, 0)] };
    let mut word = String::new();
    let (mut start, mut end) = (0, 0);
    let end_word = |word: &mut String, span: (usize, usize), out: &mut Normal| {
        if word.is_empty() {
            return;
        }
        let stemmed = stem(word);
        out.origin.extend(std::iter::repeat_n(span, stemmed.len()));
        out.origin.push((span.1, span.1));
        out.text.push_str(&stemmed);
        out.text.push(' ');
        word.clear();
    };
    for (at, c) in text.char_indices() {
        for n in std::iter::once(c).nfkc() {
            if n.is_alphanumeric() || (matches!(n, '\'' | '’') && !word.is_empty()) {
                if word.is_empty() {
                    start = at;
                }
                end = at + c.len_utf8();
                word.extend(n.to_lowercase());
            } else {
                end_word(&mut word, (start, end), &mut out);
            }
        }
    }
    end_word(&mut word, (start, end), &mut out);
    out
}

/// A word without its singular possessive or plural ending. A plural
/// possessive keeps its mark (`institutions'` → `institution'`), so
/// "institutions' funds" and "institution funds" stay apart.
fn stem(word: &str) -> String {
    let bare = word.trim_end_matches(['\'', '’']);
    if bare.len() < word.len() {
        return format!("{}'", stem(bare));
    }
    let w = word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")).unwrap_or(word);
    if w.len() > 4 && w.ends_with("ies") {
        return format!("{}y", &w[..w.len() - 3]);
    }
    if ["ches", "shes", "sses", "xes"].iter().any(|s| w.ends_with(s)) {
        return w[..w.len() - 2].to_string();
    }
    if w.len() > 3 && w.ends_with('s') && !["ss", "us", "is"].iter().any(|s| w.ends_with(s)) {
        return w[..w.len() - 1].to_string();
    }
    w.to_string()
}

/// Japanese: NFKC, ASCII in lower case.
fn chars(text: &str) -> Normal {
    let mut out = Normal { text: String::with_capacity(text.len()), origin: Vec::with_capacity(text.len()) };
    for (at, c) in text.char_indices() {
        for n in std::iter::once(c).nfkc() {
            let n = n.to_ascii_lowercase();
            out.origin.extend(std::iter::repeat_n((at, at + c.len_utf8()), n.len_utf8()));
            out.text.push(n);
        }
    }
    out
}

/// A set of phrases of one language, each with a value, found in any text.
pub struct Phrases<T> {
    lang: Lang,
    automaton: Option<AhoCorasick>,
    patterns: Vec<(String, T)>,
}

impl<T> Phrases<T> {
    /// The phrases `(phrase, value)` of language `lang`.
    pub fn new(lang: Lang, phrases: impl IntoIterator<Item = (String, T)>) -> Phrases<T> {
        let patterns: Vec<(String, T)> =
            phrases.into_iter().map(|(p, v)| (Normal::new(&p, lang).text, v)).filter(|(p, _)| !p.trim().is_empty()).collect();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(patterns.iter().map(|(p, _)| p.as_str()))
            .ok()
            .filter(|_| !patterns.is_empty());
        Phrases { lang, automaton, patterns }
    }

    /// Every phrase in `text`, overlapping ones too: original range and value.
    pub fn find<'a>(&'a self, text: &str) -> Vec<(std::ops::Range<usize>, &'a T)> {
        let Some(automaton) = &self.automaton else { return Vec::new() };
        let normal = Normal::new(text, self.lang);
        let hay = normal.text.as_str();
        let ascii_edge = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        automaton
            .find_overlapping_iter(hay)
            .filter(|m| {
                // English phrases carry their own word boundaries (spaces); Japanese ones keep ASCII words whole.
                let p = &self.patterns[m.pattern().as_usize()].0;
                self.lang == Lang::En
                    || !((ascii_edge(p.chars().next()) && ascii_edge(hay[..m.start()].chars().next_back()))
                        || (ascii_edge(p.chars().next_back()) && ascii_edge(hay[m.end()..].chars().next())))
            })
            .map(|m| {
                // Inside the spaces around an English phrase.
                let range = if self.lang == Lang::En { m.start() + 1..m.end() - 1 } else { m.range() };
                (normal.original(range), &self.patterns[m.pattern().as_usize()].1)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_matches_case_plural_and_possessive_but_whole_words() {
        let p = Phrases::new(Lang::En, [("integrated project".to_string(), 1), ("AMED".to_string(), 2)]);
        let found = |t: &str| p.find(t).into_iter().map(|(r, v)| (r.start, *v)).collect::<Vec<_>>();
        assert_eq!(found("Six Integrated Projects"), [(4, 1)]);
        assert_eq!(found("integrated projection"), []);
        assert_eq!(found("AMED's budget and ＡＭＥＤ"), [(0, 2), (18, 2)]);
        assert_eq!(found("studies"), []);
    }

    #[test]
    fn japanese_matches_full_width_forms_and_keeps_ascii_words_whole() {
        let p = Phrases::new(Lang::Ja, [("個別化医療".to_string(), 1), ("PD".to_string(), 2)]);
        let found = |t: &str| p.find(t).into_iter().map(|(r, v)| (r.start, *v)).collect::<Vec<_>>();
        assert_eq!(found("ＰＤと個別化医療"), [(0, 2), (9, 1)]);
        assert_eq!(found("PDFの"), []);
    }

    #[test]
    fn stems_are_light() {
        assert_eq!(
            ["projects", "studies", "analyses", "focus", "bus", "AMED's", "costs", "yes", "institutions'", "a''"].map(stem),
            ["project", "study", "analyse", "focus", "bus", "AMED", "cost", "yes", "institution'", "a'"]
        );
    }
}
