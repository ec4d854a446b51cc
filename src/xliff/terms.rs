//! Glossary terms in a source text, and their approved renderings in the
//! target language (the site's termbase, `content/glossary.yaml`).
//!
//! A term's surfaces are its source-language term and its aliases, found by
//! the renderer's own glossary matcher ([`TermMatcher`]): NFKC (full-width
//! `ＡＭＥＤ` is `AMED`), the longest match first, and a surface that starts
//! or ends with an ASCII letter or digit only where it does not touch
//! another one. So a unit names exactly the terms its page marks.

use std::collections::HashMap;

use crate::lang::Lang;
use crate::markdown::{Term, TermMatcher};
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
    matcher: TermMatcher,
    /// The rendering of each entry that has both languages, by entry id.
    renderings: HashMap<String, Rendering>,
}

impl Termbase {
    /// The termbase from `source` to `target` of the glossary.
    pub fn new(glossary: &[Entry], source: Lang, target: Lang) -> Termbase {
        let mut terms = Vec::new();
        let mut renderings = HashMap::new();
        for e in glossary {
            let (Some(src), Some(trg)) = (e.langs.get(&source), e.langs.get(&target)) else { continue };
            renderings.insert(e.id.clone(), Rendering { id: e.id.clone(), term: trg.term.clone(), expansion: trg.expansion.clone() });
            let surfaces = std::iter::once(src.term.clone()).chain(e.aliases.iter().cloned()).collect();
            terms.push(Term {
                id: e.id.clone(),
                surfaces,
                expansion: src.expansion.clone(),
                title: src.term.clone(),
                whole_word: e.whole_word,
            });
        }
        Termbase { matcher: TermMatcher::new(terms), renderings }
    }

    /// Every term in `text`: its byte range and rendering.
    pub fn find(&self, text: &str) -> Vec<(std::ops::Range<usize>, &Rendering)> {
        self.matcher.find_terms(text).into_iter().filter_map(|(range, term)| Some((range, self.renderings.get(&term.id)?))).collect()
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
    fn full_width_forms_are_found_as_the_renderer_finds_them() {
        let tb = Termbase::new(&[entry("amed", "AMED", "AMED", &[])], Lang::Ja, Lang::En);
        let found: Vec<_> = tb.find("ＡＭＥＤの事業").into_iter().map(|(r, x)| (r, x.id.as_str())).collect();
        assert_eq!(found, vec![(0..12, "amed")]);
    }

    #[test]
    fn aliases_find_the_same_rendering() {
        let tb = Termbase::new(&[entry("pm", "個別化医療", "personalized medicine", &["個別化医学"])], Lang::Ja, Lang::En);
        let found = tb.find("個別化医学");
        assert_eq!(found[0].1.note("個別化医学"), "個別化医学 → personalized medicine [glossary: pm]");
    }
}
