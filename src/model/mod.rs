//! The site as data: pages with their translations, the glossary, home text.
//!
//! Built by [`crate::load`], read by every later stage. Lists are sorted
//! (pages by id, glossary by id) so everything derived from them is
//! deterministic. Cross-references are still raw ids here; [`crate::resolve`]
//! checks and indexes them.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::lang::Lang;
use crate::text::{LocalText, Located};

pub mod amount;
mod asset;
pub mod locale;
mod text;

pub use amount::Amount;
pub use asset::Asset;
pub use text::{HASH_LEN, PageText, TextFields};

/// Everything a build reads.
#[derive(Debug)]
pub struct Site {
    /// The validated configuration.
    pub config: Config,
    /// Pages, sorted by id; read through [`Site::pages`] (`ids` is made from them).
    pages: Vec<std::sync::Arc<Page>>,
    /// The glossary, sorted by id (shared: a session keeps it while its file is unchanged).
    pub glossary: std::sync::Arc<Vec<Entry>>,
    /// Home page text per language (`content/_index.{lang}.md`).
    pub home: BTreeMap<Lang, PageText>,
    /// Files under `content/` that are not pages, sorted by path ([`Asset`]).
    pub assets: Vec<Asset>,
    /// Stems of page files that could not be read; references to them are not reported again.
    pub failed: std::collections::BTreeSet<String>,
    /// Kind keys that at least one page has (kept so that every page's menu need not scan all pages).
    /// Made from `pages` by [`Site::new`], like `ids`.
    kinds_in_use: std::collections::BTreeSet<String>,
    /// Whether the site has periods and a page that `succeeds` another, so
    /// that a crosswalk of successions has something to show. Made by [`Site::new`].
    crosswalk: bool,
    /// Index of each page by id (references are looked up many times per page).
    ids: PageIds,
    /// The accessibility test report the statement page is filled from
    /// (`accessibility.report` of site.yaml), once read.
    pub accessibility: Option<AccessibilityReport>,
}

/// The result of an accessibility test run, as the browser tests write it
/// (`TEBIKI_A11Y_REPORT=accessibility.json` with `tests/browser/axe.mjs`).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub struct AccessibilityReport {
    /// `tebiki-accessibility-report`.
    pub format: String,
    /// 1.
    pub version: u32,
    /// The day of the run, `YYYY-MM-DD`.
    pub date: String,
    /// The checker and its version: `axe-core 4.10.2`.
    pub tool: String,
    /// The browser and its version.
    pub browser: String,
    /// The rule sets run: `wcag2a`, `wcag2aa` …
    pub rules: Vec<String>,
    /// Pages checked, and page views (each page in each colour scheme).
    pub pages: usize,
    pub views: usize,
    pub schemes: Vec<String>,
    /// What failed, one line each (page, scheme, rule); empty when all passed.
    pub failures: Vec<String>,
}

/// Page indexes by id, made from [`Site::pages`].
#[derive(Default)]
struct PageIds(std::collections::HashMap<String, usize, crate::hash::FxBuild>);

/// Made from the pages, so it says nothing of its own (and a hash of a
/// site's `Debug` form does not depend on the map's order).
impl std::fmt::Debug for PageIds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PageIds({})", self.0.len())
    }
}

impl Site {
    /// A site of these pages (sorted by id, ids unique), with what is derived from them.
    pub fn new(
        config: Config,
        pages: Vec<std::sync::Arc<Page>>,
        glossary: std::sync::Arc<Vec<Entry>>,
        home: BTreeMap<Lang, PageText>,
        assets: Vec<Asset>,
        failed: std::collections::BTreeSet<String>,
    ) -> Site {
        let kinds_in_use = pages.iter().map(|p| p.kind.clone()).collect();
        let ids = PageIds(pages.iter().enumerate().map(|(i, p)| (p.id.clone(), i)).collect());
        let crosswalk = !config.periods.is_empty() && pages.iter().any(|p| !p.meta.succeeds.is_empty());
        Site { config, pages, glossary, home, assets, failed, kinds_in_use, crosswalk, ids, accessibility: None }
    }

    /// The pages, sorted by id; a page's position is its index everywhere.
    pub fn pages(&self) -> &[std::sync::Arc<Page>] {
        &self.pages
    }

    /// `f` of the site with its pages taken out for the moment (the `Debug`
    /// form of everything else, which a session hashes apart from the pages).
    pub fn without_pages<R>(&mut self, f: impl FnOnce(&Site) -> R) -> R {
        let pages = std::mem::take(&mut self.pages);
        let r = f(self);
        self.pages = pages;
        r
    }

    /// Empties the Markdown of every page body. A build that keeps nothing
    /// calls it after phase 1: phase 2 renders from the bodies' HTML, and
    /// what reads the Markdown (translation status, its checks, `stamp`,
    /// XLIFF) runs before. A text's hashes then describe the empty body, as
    /// [`PageText::edit`] makes them. At 10,000 pairs this is a tenth of the
    /// build's peak memory. A page shared with another holder is left whole.
    pub fn release_markdown(&mut self) {
        for page in &mut self.pages {
            if let Some(page) = std::sync::Arc::get_mut(page) {
                for text in page.texts.values_mut() {
                    *text = text.clone().edit(|f| f.body = std::sync::Arc::from(""));
                }
            }
        }
    }

    /// Page `i`, to change in a test; its id stays as it is.
    #[cfg(test)]
    pub fn page_mut(&mut self, i: usize) -> &mut Page {
        std::sync::Arc::make_mut(&mut self.pages[i])
    }

    /// Index of the page with this id.
    pub fn page_index(&self, id: &str) -> Option<usize> {
        self.ids.0.get(id).copied()
    }

    /// Whether the site has a crosswalk (periods and pages that succeed
    /// others); without it there is no crosswalk page and no menu entry.
    pub fn has_crosswalk(&self) -> bool {
        self.crosswalk
    }

    /// Whether at least one page is of kind `key`.
    pub fn has_kind(&self, key: &str) -> bool {
        self.kinds_in_use.contains(key)
    }

    /// The page with this id.
    pub fn page(&self, id: &str) -> Option<&Page> {
        self.page_index(id).map(|i| &*self.pages[i])
    }
}

/// One page in all its languages.
#[derive(Clone, Debug)]
pub struct Page {
    /// The id: a lowercase slug, unique in the site, the URL segment.
    pub id: String,
    /// The kind key.
    pub kind: String,
    /// The kind's folder (the URL segment before the id).
    pub folder: String,
    /// The language whose file holds the structured fields.
    pub source_lang: Lang,
    /// Text per language that exists.
    pub texts: BTreeMap<Lang, PageText>,
    /// Structured fields, from the source file.
    pub meta: Meta,
}

impl Page {
    /// The source file's text.
    pub fn source(&self) -> &PageText {
        &self.texts[&self.source_lang]
    }

    /// Text in `lang`, if the page exists in it.
    pub fn text(&self, lang: Lang) -> Option<&PageText> {
        self.texts.get(&lang)
    }

    /// Text in `lang`, or in the source language when it has no translation.
    pub fn text_or_source(&self, lang: Lang) -> (&PageText, Lang) {
        match self.texts.get(&lang) {
            Some(t) => (t, lang),
            None => (self.source(), self.source_lang),
        }
    }
}

/// Structured fields of a page.
#[derive(Clone, Debug, Default)]
pub struct Meta {
    pub period: Vec<Located<String>>,
    pub parent: Option<Located<String>>,
    pub number: Option<u32>,
    pub ministries: Vec<Located<String>>,
    pub diseases: Vec<Located<String>>,
    pub tags: Vec<Located<String>>,
    pub lead_ministry: Option<Located<String>>,
    pub budget: Vec<BudgetLine>,
    pub succeeds: Vec<Located<String>>,
    pub related: Vec<Located<String>>,
    pub sources: Vec<Source>,
    pub aliases: Vec<Located<String>>,
    pub date: Option<Date>,
    pub updated: Option<Date>,
    pub draft: bool,
    pub weight: i64,
    pub glossary: bool,
    /// Acronyms of this page that need no glossary entry (`glossary_ignore`).
    pub glossary_ignore: Vec<String>,
    pub pages: Vec<Located<String>>,
    pub extra: serde_json::Value,
}

impl Meta {
    /// The facet values of `facet` (`ministries`, `diseases`, `tags`).
    pub fn facet(&self, facet: &str) -> &[Located<String>] {
        match facet {
            "ministries" => &self.ministries,
            "diseases" => &self.diseases,
            "tags" => &self.tags,
            _ => &[],
        }
    }
}

/// Who manages a budget figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Funds managed by AMED.
    Amed,
    /// Funds of in-house research institutions.
    Inhouse,
}

/// One budget figure of one fiscal year.
#[derive(Clone, Debug, Serialize)]
pub struct BudgetLine {
    pub fy: i32,
    pub oku_yen: Amount,
    pub scope: Scope,
    pub project: Option<Located<String>>,
    pub part_of: bool,
    pub relisted: bool,
    pub shared_with: Vec<Located<String>>,
    pub note: Option<LocalText>,
}

/// A document a page draws on.
#[derive(Clone, Debug, Serialize)]
pub struct Source {
    pub title: LocalText,
    pub publisher: Option<LocalText>,
    pub date: Option<Date>,
    pub url: Option<String>,
    pub note: Option<LocalText>,
}

/// A glossary entry.
#[derive(Clone, Debug)]
pub struct Entry {
    pub id: String,
    /// 1-based line of the entry in `glossary.yaml`.
    pub line: usize,
    /// Kana reading, for gojūon order.
    pub reading: String,
    /// Term, expansion and definition per language.
    pub langs: BTreeMap<Lang, EntryText>,
    /// Other surface forms.
    pub aliases: Vec<String>,
    pub see: Vec<Located<String>>,
    pub page: Option<Located<String>>,
    /// `whole_word: true`: an end of the term in kanji matches only where
    /// the text's run of kanji ends too (katakana and ASCII ends always do).
    pub whole_word: bool,
}

/// An entry in one language.
#[derive(Clone, Debug, Serialize)]
pub struct EntryText {
    pub term: String,
    pub expansion: Option<String>,
    pub definition: String,
    /// Renderings a translation must not use (`avoid:`): `tebiki check` reports them.
    /// Not part of the site's data files: it is for checking, not for readers.
    #[serde(skip)]
    pub avoid: Vec<String>,
}
