//! Terminology from the glossary, the site's termbase.
//!
//! A glossary entry's approved renderings in a language are its `term`, its
//! `expansion`, and those of its `aliases` written in that language's
//! script; its `avoid:` list (per language) holds renderings the site
//! forbids. [`Termbase::missing`] finds, per page pair, each entry the
//! source uses (found as the renderer's glossary markup finds it,
//! [`TermMatcher`]) of which the translation has no approved rendering;
//! [`Termbase::avoided`] finds forbidden renderings in any text of a
//! language. Renderings are found by [`Phrases`]: case, plural and
//! full-width forms forgiven, whole words only.

use std::collections::{BTreeMap, HashSet};

use super::outline::{Outline, counterpart};
use super::phrases::Phrases;
use crate::lang::{Lang, is_cjk};
use crate::markdown::{TermMatcher, term_matcher};
use crate::model::{Entry, Site};

/// What a rendering found in a translation is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// An approved rendering of the entry (by index in the glossary).
    Approved(usize),
    /// A rendering the entry's `avoid:` list forbids.
    Avoid(usize, String),
}

/// The glossary as a termbase: per language, its terms as the markup finds
/// them in a source, and its renderings as a translation holds them.
pub struct Termbase<'s> {
    glossary: &'s [Entry],
    matchers: BTreeMap<Lang, TermMatcher>,
    renderings: BTreeMap<Lang, Phrases<Found>>,
    by_id: std::collections::HashMap<&'s str, usize>,
    /// The languages in which some entry has an `avoid:` list.
    avoiding: Vec<Lang>,
}

/// A source term whose approved rendering the translation lacks.
pub struct Missing<'s> {
    pub entry: &'s Entry,
    /// As written in the source, with its line and column there.
    pub surface: String,
    pub source_at: (usize, usize),
    /// The translation's block that stands where it stands.
    pub line: usize,
    /// A forbidden rendering of the entry the translation has, with its line and column.
    pub instead: Option<(String, (usize, usize))>,
}

impl<'s> Termbase<'s> {
    pub fn new(site: &'s Site) -> Termbase<'s> {
        let glossary = site.glossary.as_slice();
        let mut matchers = BTreeMap::new();
        let mut renderings = BTreeMap::new();
        for lang in site.config.languages.iter().copied() {
            matchers.insert(lang, term_matcher(site, lang));
            renderings.insert(lang, Phrases::new(lang, phrases(glossary, lang)));
        }
        let by_id = glossary.iter().enumerate().map(|(i, e)| (e.id.as_str(), i)).collect();
        let avoiding = site
            .config
            .languages
            .iter()
            .copied()
            .filter(|l| glossary.iter().any(|e| e.langs.get(l).is_some_and(|t| !t.avoid.is_empty())))
            .collect();
        Termbase { glossary, matchers, renderings, by_id, avoiding }
    }

    /// The entries `source` uses whose approved renderings `translation` lacks.
    pub fn missing(&self, source: (&Outline, Lang), translation: (&Outline, Lang)) -> Vec<Missing<'s>> {
        let ((src, from), (trg, to)) = (source, translation);
        let (Some(matcher), Some(renderings)) = (self.matchers.get(&from), self.renderings.get(&to)) else { return Vec::new() };
        let mut approved = HashSet::new();
        let mut avoided: BTreeMap<usize, (String, (usize, usize))> = BTreeMap::new();
        for block in &trg.blocks {
            for (range, found) in renderings.find(&block.text) {
                match found {
                    Found::Approved(i) => {
                        approved.insert(*i);
                    }
                    Found::Avoid(i, form) => {
                        avoided.entry(*i).or_insert_with(|| (form.clone(), block.position(range.start)));
                    }
                }
            }
        }
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (b, block) in src.blocks.iter().enumerate() {
            for (range, term) in matcher.find_terms(&block.text) {
                let Some(&i) = self.by_id.get(term.id.as_str()) else { continue };
                if approved.contains(&i) || !seen.insert(i) || !self.glossary[i].langs.contains_key(&to) {
                    continue;
                }
                let line = trg.blocks.get(counterpart(b, src.blocks.len(), trg.blocks.len())).map_or(1, |t| t.line);
                out.push(Missing {
                    entry: &self.glossary[i],
                    surface: block.text[range.clone()].to_string(),
                    source_at: block.position(range.start),
                    line,
                    instead: avoided.get(&i).cloned(),
                });
            }
        }
        out
    }

    /// Whether the glossary forbids any rendering in `lang` (if not, a text
    /// of `lang` need not be searched for one).
    pub fn avoids_any(&self, lang: Lang) -> bool {
        self.avoiding.contains(&lang)
    }

    /// Every forbidden rendering in a text of language `lang`: entry, form, line and column.
    pub fn avoided(&self, text: &Outline, lang: Lang) -> Vec<(&'s Entry, String, (usize, usize))> {
        let Some(renderings) = self.renderings.get(&lang) else { return Vec::new() };
        let mut out = Vec::new();
        for block in &text.blocks {
            for (range, found) in renderings.find(&block.text) {
                if let Found::Avoid(i, form) = found {
                    out.push((&self.glossary[*i], form.clone(), block.position(range.start)));
                }
            }
        }
        out
    }
}

/// The renderings of every entry in `lang`: approved ones and forbidden ones.
fn phrases(glossary: &[Entry], lang: Lang) -> Vec<(String, Found)> {
    let mut out = Vec::new();
    for (i, e) in glossary.iter().enumerate() {
        let Some(t) = e.langs.get(&lang) else { continue };
        let in_script = |s: &&String| s.chars().any(is_cjk) == (lang == Lang::Ja);
        let approved = std::iter::once(&t.term).chain(&t.expansion).chain(e.aliases.iter().filter(in_script));
        out.extend(approved.map(|s| (s.clone(), Found::Approved(i))));
        out.extend(t.avoid.iter().map(|s| (s.clone(), Found::Avoid(i, s.clone()))));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntryText, PageText};

    fn site(avoid: &[&str]) -> Site {
        let config = crate::config::from_yaml("title: T\nbase_url: https://e.org/\nlanguages: [ja, en]\n").expect("valid");
        let text = |term: &str, avoid: &[&str]| EntryText {
            term: term.into(),
            expansion: None,
            definition: "d".into(),
            avoid: avoid.iter().map(|a| a.to_string()).collect(),
        };
        let entry = Entry {
            id: "pm".into(),
            line: 1,
            reading: String::new(),
            langs: [(Lang::Ja, text("個別化医療", &[])), (Lang::En, text("personalized medicine", avoid))].into(),
            aliases: Vec::new(),
            see: Vec::new(),
            page: None,
            whole_word: false,
        };
        Site::new(config, Vec::new(), std::sync::Arc::new(vec![entry]), Default::default(), Vec::new(), Default::default())
    }

    fn outline(body: &str) -> Outline {
        Outline::of(&PageText::for_test("T", body))
    }

    #[test]
    fn a_source_term_without_its_rendering_is_missing_and_names_what_is_there() {
        let site = site(&["individualised medicine"]);
        let tb = Termbase::new(&site);
        let ja = outline("一。\n\n個別化医療を進める。\n");
        let bad = outline("One.\n\nIndividualised medicine is promoted.\n");
        let missing = tb.missing((&ja, Lang::Ja), (&bad, Lang::En));
        assert_eq!(missing.len(), 1);
        assert_eq!((missing[0].source_at, missing[0].line), ((6, 1), 6));
        assert_eq!(missing[0].instead, Some(("individualised medicine".to_string(), (6, 1))));
        assert_eq!(tb.avoided(&bad, Lang::En).len(), 1);
        let good = outline("One.\n\nPersonalized Medicine is promoted.\n");
        assert!(tb.missing((&ja, Lang::Ja), (&good, Lang::En)).is_empty());
    }
}
