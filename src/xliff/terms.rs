//! Glossary terms in a source text, and their approved renderings in the
//! target language (the site's termbase, `content/glossary.yaml`).
//!
//! A term's surfaces are its source-language term and its aliases; the
//! longest match wins, and a surface that starts or ends with an ASCII
//! letter or digit matches only where it does not touch another one (as in
//! the renderer's glossary markup). Matching is on the text as written
//! (no NFKC), which is enough to annotate units and list renderings.

use aho_corasick::{AhoCorasick, MatchKind};

use crate::lang::Lang;
use crate::model::Entry;

/// One term of the termbase: its entry id and approved rendering.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendering {
    pub id: String,
    /// The target language's term, with its expansion when it has one.
    pub term: String,
    pub expansion: Option<String>,
}

/// Finds the glossary's source-language surfaces in text.
pub struct Termbase {
    automaton: Option<AhoCorasick>,
    /// Per pattern: the surface and the rendering it stands for.
    patterns: Vec<(String, usize)>,
    renderings: Vec<Rendering>,
}

impl Termbase {
    /// The termbase from `source` to `target` of the glossary.
    pub fn new(glossary: &[Entry], source: Lang, target: Lang) -> Termbase {
        let mut patterns = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut renderings = Vec::new();
        for e in glossary {
            let (Some(src), Some(trg)) = (e.langs.get(&source), e.langs.get(&target)) else { continue };
            let index = renderings.len();
            renderings.push(Rendering { id: e.id.clone(), term: trg.term.clone(), expansion: trg.expansion.clone() });
            for surface in std::iter::once(&src.term).chain(&e.aliases) {
                if !surface.is_empty() && seen.insert(surface.as_str()) {
                    patterns.push((surface.clone(), index));
                }
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns.iter().map(|(s, _)| s.as_str()))
            .ok()
            .filter(|_| !patterns.is_empty());
        Termbase { automaton, patterns, renderings }
    }

    /// Every term in `text`: its byte range and rendering.
    pub fn find(&self, text: &str) -> Vec<(std::ops::Range<usize>, &Rendering)> {
        let Some(automaton) = &self.automaton else { return Vec::new() };
        let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        automaton
            .find_iter(text)
            .filter(|m| {
                let surface = &self.patterns[m.pattern().as_usize()].0;
                let before = alnum(surface.chars().next()) && alnum(text[..m.start()].chars().next_back());
                let after = alnum(surface.chars().next_back()) && alnum(text[m.end()..].chars().next());
                !before && !after
            })
            .map(|m| (m.range(), &self.renderings[self.patterns[m.pattern().as_usize()].1]))
            .collect()
    }
}

impl Rendering {
    /// The note a translator reads: `source → rendering (expansion)`.
    pub fn note(&self, source: &str) -> String {
        match &self.expansion {
            Some(x) if *x != self.term => format!("{source} → {} ({x}) [glossary: {}]", self.term, self.id),
            _ => format!("{source} → {} [glossary: {}]", self.term, self.id),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::model::EntryText;

    fn entry(id: &str, ja: &str, en: &str, aliases: &[&str]) -> Entry {
        let text = |t: &str| EntryText { term: t.into(), expansion: None, definition: "d".into(), avoid: Vec::new() };
        Entry {
            id: id.into(),
            line: 1,
            reading: String::new(),
            langs: BTreeMap::from([(Lang::Ja, text(ja)), (Lang::En, text(en))]),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            see: Vec::new(),
            page: None,
            whole_word: false,
        }
    }

    #[test]
    fn finds_the_longest_term_and_not_inside_ascii_words() {
        let glossary =
            [entry("irb", "IRB", "IRB", &[]), entry("single-irb", "single IRB", "single IRB", &[]), entry("pd", "PD", "PD", &[])];
        let tb = Termbase::new(&glossary, Lang::Ja, Lang::En);
        let found: Vec<_> = tb.find("single IRBとPDFとPDの").into_iter().map(|(r, x)| (r, x.id.as_str())).collect();
        assert_eq!(found, vec![(0..10, "single-irb"), (19..21, "pd")]);
    }

    #[test]
    fn aliases_find_the_same_rendering() {
        let tb = Termbase::new(&[entry("pm", "個別化医療", "personalized medicine", &["個別化医学"])], Lang::Ja, Lang::En);
        let found = tb.find("個別化医学");
        assert_eq!(found[0].1.note("個別化医学"), "個別化医学 → personalized medicine [glossary: pm]");
    }
}
