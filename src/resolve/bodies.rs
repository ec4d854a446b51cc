//! The checks of rendered bodies: the problems the Markdown passes found,
//! references to anchors that do not exist, acronyms the glossary does not
//! know; and the backlinks of the references found in bodies.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

use super::Index;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::lang::Lang;
use crate::markdown::{self, Bodies, Rendered};
use crate::model::Site;

/// Between the phases: Markdown problems, anchors, backlinks, unknown acronyms.
pub(super) fn check(site: &Site, ix: &mut Index, bodies: &Bodies, home: &BTreeMap<Lang, Rendered>, diags: &mut Diagnostics) {
    let known = known_acronyms(site);
    let widespread = Widespread::new(site, bodies, home);
    let mut anchors = super::anchors::Anchors::new(bodies);
    let mut refs = Vec::new();
    let all = bodies
        .iter()
        .map(|((i, l), r)| (Some(*i), *l, &site.pages()[*i].texts[l].path, &**r))
        .chain(home.iter().map(|(l, r)| (None, *l, &site.home[l].path, r)));
    for (from, from_lang, file, r) in all {
        anchors.next_file();
        for p in &r.problems {
            let mut d = match p.severity {
                markdown::Severity::Error => Diagnostic::error(file, p.line, p.column, p.message.clone()),
                markdown::Severity::Warning => Diagnostic::warning(file, p.line, p.column, p.message.clone()),
            };
            d.code = p.code;
            diags.push(d.with_help_opt(p.help.clone()));
        }
        for u in &r.refs {
            let Some(to) = site.page_index(&u.page_id) else { continue };
            if let Some(from) = from {
                refs.push((from, to));
            }
            if let Some(anchor) = u.anchor.as_deref().filter(|a| !a.is_empty()) {
                // The reference links to the target in the referring text's language, or in its source language.
                let lang = site.pages()[to].text_or_source(from_lang).1;
                if let Some(help) = anchors.check(to, lang, anchor) {
                    let message = format!("page `{}` has no heading `#{anchor}`", site.pages()[to].id);
                    diags.push(Diagnostic::error(file, u.line, u.column, message).with_help(help));
                }
            }
        }
        let page_ignores = from.map_or(&[][..], |i| site.pages()[i].meta.glossary_ignore.as_slice());
        for a in r.acronyms.iter().filter(|_| site.config.acronym_warnings) {
            let key = nfkc(&a.text);
            let ignored = page_ignores.iter().any(|i| nfkc(i) == key);
            if !known.contains(&*key) && !ignored && widespread.enough(&key) {
                diags.push(
                    Diagnostic::warning(file, a.line, a.column, format!("acronym `{}` is not in the glossary", a.text))
                        .with_help("add an entry to content/glossary.yaml, list it under `glossary: ignore:` in site.yaml or `glossary_ignore:` in the page's front matter, or set `glossary: {acronyms: off}`")
                        .with_code("unknown-acronym"),
                );
            }
        }
    }
    super::add_backlinks(ix, refs);
}

/// How many page texts each acronym is found on, when site.yaml asks for
/// warnings only about those on at least `glossary.min_pages`.
struct Widespread {
    min: usize,
    pages: BTreeMap<String, usize>,
}

impl Widespread {
    fn new(site: &Site, bodies: &Bodies, home: &BTreeMap<Lang, Rendered>) -> Widespread {
        let min = site.config.acronym_min_pages;
        let mut pages: BTreeMap<String, usize> = BTreeMap::new();
        if min > 1 {
            for r in bodies.values().map(|r| &**r).chain(home.values()) {
                // A page's candidates are its first occurrences as written; their normal forms may repeat.
                let keys: BTreeSet<Cow<str>> = r.acronyms.iter().map(|a| nfkc(&a.text)).collect();
                for key in keys {
                    *pages.entry(key.into_owned()).or_default() += 1;
                }
            }
        }
        Widespread { min, pages }
    }

    /// Whether `key` is found on enough page texts to be warned about.
    fn enough(&self, key: &str) -> bool {
        self.min <= 1 || self.pages.get(key).is_some_and(|n| *n >= self.min)
    }
}

/// `s` in NFKC, the form acronyms are compared in. Most candidates are in it
/// already (ASCII ones always): those are not copied. Every rebuild in
/// `serve` checks every page's acronyms, and normalising them all took half
/// of that check's time.
fn nfkc(s: &str) -> Cow<'_, str> {
    if s.is_ascii() || is_nfkc_quick(s.chars()) == IsNormalized::Yes { Cow::Borrowed(s) } else { Cow::Owned(s.nfkc().collect()) }
}

/// Surface forms that need no glossary warning: terms, aliases, ignores, facet keys and labels.
fn known_acronyms(site: &Site) -> BTreeSet<String> {
    let mut known: BTreeSet<String> = BTreeSet::new();
    for e in site.glossary.iter() {
        for t in e.langs.values() {
            known.insert(t.term.nfkc().collect());
        }
        known.extend(e.aliases.iter().map(|a| a.nfkc().collect()));
    }
    known.extend(site.config.glossary_ignore.iter().map(|a| a.nfkc().collect()));
    for f in &site.config.facets {
        for v in &f.values {
            known.insert(v.key.to_uppercase());
            for l in &site.config.languages {
                known.insert(v.label.get_or_any(*l).nfkc().collect());
                if let Some(s) = &v.short {
                    known.insert(s.get_or_any(*l).nfkc().collect());
                }
            }
        }
    }
    known
}
