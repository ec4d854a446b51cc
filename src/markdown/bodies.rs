//! Phase 1: every page body and the home texts rendered from Markdown, in
//! parallel, into [`Bodies`] (HTML, headings, references, terms, acronyms,
//! problems). Links are answered by [`super::resolver`]; a cache (serve's
//! session) may hand back a body it kept.

use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock, OnceLock};

use aho_corasick::AhoCorasick;
use rayon::prelude::*;

use super::{Highlighter, Labels, Rendered, Term, TermMatcher, resolver};
use crate::lang::Lang;
use crate::model::Site;
use crate::paths;
use crate::theme::Theme;

/// Rendered bodies by (page index, language).
pub type Bodies = BTreeMap<(usize, Lang), Arc<Rendered>>;

/// Phase 1: every page body and the home texts, in parallel.
pub fn render_bodies(site: &Site, theme: &Theme, hl: &Highlighter) -> (Bodies, BTreeMap<Lang, Rendered>) {
    render_bodies_reusing(site, theme, hl, &Matchers::default(), &|_, _| None)
}

/// Each language's glossary term matcher, built on first use (a rebuild in
/// `serve` that renders one body needs one language's). They depend on the
/// glossary alone, so a session (`serve`) keeps them while it is the same.
#[derive(Default)]
pub struct Matchers([OnceLock<TermMatcher>; Lang::ALL.len()]);

impl Matchers {
    fn get(&self, site: &Site, lang: Lang) -> &TermMatcher {
        let i = Lang::ALL.iter().position(|l| *l == lang).unwrap_or_default();
        self.0[i].get_or_init(|| term_matcher(site, lang))
    }
}

/// Phase 1, taking a page's body from `reuse` where it has one (a
/// session (`serve`) keeps the bodies of the previous build).
pub fn render_bodies_reusing(
    site: &Site,
    theme: &Theme,
    hl: &Highlighter,
    matchers: &Matchers,
    reuse: &(dyn Fn(usize, Lang) -> Option<Arc<Rendered>> + Sync),
) -> (Bodies, BTreeMap<Lang, Rendered>) {
    let files = resolver::FileMap::new(site);
    let matcher = |lang: Lang| matchers.get(site, lang);
    let labels: BTreeMap<Lang, Labels> = site.config.languages.iter().map(|l| (*l, Labels::new(theme, *l))).collect();
    let fallback = Labels::new(theme, Lang::Ja);
    let labels = |lang: Lang| labels.get(&lang).unwrap_or(&fallback);
    let mut jobs: Vec<(usize, Lang)> = site.pages().iter().enumerate().flat_map(|(i, p)| p.texts.keys().map(move |l| (i, *l))).collect();
    // Bodies with code blocks first. The highlighter compiles each grammar's
    // patterns on first use, and a thread that needs a pattern another is
    // compiling waits for it. With these bodies at the front, the thread that
    // takes the front compiles them while the other renders bodies without
    // code from the back, instead of both waiting on the same patterns.
    jobs.par_sort_by_cached_key(|(i, lang)| !may_have_code(&site.pages()[*i].texts[lang].body));
    let bodies: Vec<((usize, Lang), Arc<Rendered>)> = jobs
        .into_par_iter()
        .map(|(i, lang)| {
            if let Some(r) = reuse(i, lang) {
                return ((i, lang), r);
            }
            let page = &site.pages()[i];
            let text = &page.texts[&lang];
            let links = resolver::PageLinks::new(site, theme, &files, lang, paths::page_dir(lang, &page.folder, &page.id), &text.path);
            let opts = super::Options {
                lang,
                highlighter: hl,
                links: &links,
                terms: page.meta.glossary.then(|| matcher(lang)),
                first_line: text.body_line,
                safe_html: site.config.safe_html,
                remote_images: site.config.remote_images,
                labels: labels(lang),
                check_raw_html: !site.config.raw_html_allowed && !site.config.safe_html,
            };
            ((i, lang), Arc::new(super::render(&text.body, &opts)))
        })
        .collect();
    let home = site
        .home
        .par_iter()
        .map(|(lang, text)| {
            let links = resolver::PageLinks::new(site, theme, &files, *lang, paths::home_dir(*lang), &text.path);
            let opts = super::Options {
                lang: *lang,
                highlighter: hl,
                links: &links,
                terms: Some(matcher(*lang)),
                first_line: text.body_line,
                safe_html: site.config.safe_html,
                remote_images: site.config.remote_images,
                labels: labels(*lang),
                check_raw_html: !site.config.raw_html_allowed && !site.config.safe_html,
            };
            (*lang, super::render(&text.body, &opts))
        })
        .collect();
    (bodies.into_iter().collect(), home)
}

/// Whether `body` may hold a fenced code block (which the highlighter
/// colours); a guess for ordering the work, never for the output.
fn may_have_code(body: &str) -> bool {
    // One vectorised pass for both fences: two `contains` took 1.7% of a build's instructions.
    static FENCES: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| AhoCorasick::new(["```", "~~~"]).ok());
    FENCES.as_ref().is_none_or(|f| f.is_match(body))
}

/// The glossary's terms in one language, for automatic markup.
pub fn term_matcher(site: &Site, lang: Lang) -> TermMatcher {
    let terms = site
        .glossary
        .iter()
        .filter_map(|e| {
            let t = e.langs.get(&lang)?;
            let mut surfaces = vec![t.term.clone()];
            surfaces.extend(e.aliases.iter().cloned());
            Some(Term { id: e.id.clone(), surfaces, expansion: t.expansion.clone(), title: t.term.clone(), whole_word: e.whole_word })
        })
        .collect();
    TermMatcher::new(terms)
}

#[cfg(test)]
mod tests {
    use super::may_have_code;

    #[test]
    fn code_is_guessed_from_either_fence() {
        assert!(may_have_code("text\n\n```rust\nfn f() {}\n```\n"));
        assert!(may_have_code("text\n\n~~~\nplain\n~~~\n"));
        assert!(!may_have_code("text with `inline code` and ~~strike~~, 日本語も"));
    }
}
