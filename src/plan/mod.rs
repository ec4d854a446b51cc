//! Stage 6: the plan — every file of the output, as a job with its path.
//!
//! [`plan`] lists, in a fixed order, one [`Job`] per output: every page and
//! handout in every language, the redirects of aliases, the lists (home,
//! kinds, facets, periods, crosswalk, glossary, search), the root chooser
//! and 404 page, the feeds, `site.json`, `robots.txt`, the sitemap, the code
//! stylesheet, the theme's static files and the assets. Each job carries its
//! output paths, named by [`crate::paths`], so what a build writes is known
//! before anything is rendered: the sitemap lists the planned pages, and
//! every path appears in one job only (when a theme's static file or an
//! asset has the path of a page, the page wins; the order of precedence is
//! the order of the list). Only the search index, whose files follow from
//! its content, is not planned here (see [`crate::search`]).
//!
//! [`OutFile`] is one file of the output and [`Sink`] where files go, so
//! that `render` and `search` hand files over without knowing about disks:
//! every file leaves through a sink ([`Collect`] keeps them in memory; the
//! staging folder of `output` writes them).

mod clashes;
mod sitemap;

use std::collections::HashSet;

use crate::config::Role;
use crate::lang::Lang;
use crate::model::Site;
use crate::paths;
use crate::theme::Theme;
pub use clashes::asset_clashes;
pub use sitemap::{SITEMAP_MAX_URLS, SitemapEntry, sitemap_entries};

/// One file of the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    /// Relative to the output root, `/`-separated.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where files go as soon as each is made, so that a build writes while it
/// renders and never holds the whole site: the one way files leave (the
/// implementations are in `output`).
pub trait Sink: Sync {
    /// Takes `file`; an error is kept by the sink and reported by its owner.
    fn put(&self, file: &OutFile);
}

/// A sink that keeps the files in memory (`check`, the live preview, tests).
#[derive(Debug, Default)]
pub struct Collect(std::sync::Mutex<Vec<OutFile>>);

impl Collect {
    /// The files taken, sorted by path.
    pub fn into_files(self) -> Vec<OutFile> {
        let mut files = self.0.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

impl Sink for Collect {
    fn put(&self, file: &OutFile) {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(file.clone());
    }
}

/// What a job makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    /// A content page: page index, language.
    Page(usize, Lang),
    /// A handout, with `handout.html`.
    Handout(usize, Lang),
    /// The redirect of an alias (an old id) to its page.
    Alias(usize, Lang, String),
    Home(Lang),
    /// The list of a kind (index into the configuration's kinds), paginated.
    KindList(usize, Lang),
    FacetIndex(usize, Lang),
    FacetValue(usize, usize, Lang),
    PeriodIndex(Lang),
    Period(usize, Lang),
    Crosswalk(Lang),
    Glossary(Lang),
    /// The accessibility statement, filled from the test report.
    Accessibility(Lang),
    Search(Lang),
    Root,
    NotFound,
    /// A language's Atom feed.
    Feed(Lang),
    SiteJson,
    Robots,
    /// The sitemap: its entries, in one file or in parts.
    Sitemap(Vec<SitemapEntry>),
    /// The code highlighter's stylesheet.
    HighlightCss,
    /// A static file of the theme, by name.
    ThemeStatic(String),
    /// A file of `content/` that is not a page (index into the site's
    /// assets): its one copy, or a copy beside its page in each language.
    Asset(usize),
}

/// One output to make, and the files it writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub view: View,
    /// The output paths, in the order the job writes them: one file, but a
    /// paginated list writes a page per chunk and a large sitemap its parts.
    pub paths: Vec<String>,
}

impl Job {
    fn one(view: View, path: String) -> Job {
        Job { view, paths: vec![path] }
    }

    /// The only or first output path.
    pub fn path(&self) -> &str {
        self.paths.first().map_or("", String::as_str)
    }

    /// Whether the output lists other pages (the home page, lists, indexes,
    /// the glossary) or the whole site (`site.json`): the longest jobs,
    /// scheduled first.
    pub fn is_long(&self) -> bool {
        use View::*;
        matches!(
            self.view,
            Home(_) | KindList(..) | FacetIndex(..) | FacetValue(..) | PeriodIndex(_) | Period(..) | Crosswalk(_) | Glossary(_) | SiteJson
        )
    }
}

/// Every output of the site, in a fixed order; every path once.
pub fn plan(site: &Site, theme: &Theme) -> Vec<Job> {
    let mut jobs = pages(site, theme);
    let html: Vec<&str> = jobs.iter().flat_map(|j| j.paths.iter().map(String::as_str)).collect();
    let entries = sitemap_entries(site, html.into_iter());
    let mut rest = vec![Job::one(View::Robots, paths::ROBOTS.into()), sitemap::job(entries)];
    rest.extend(site.config.languages.iter().map(|l| Job::one(View::Feed(*l), paths::feed(*l))));
    rest.push(Job::one(View::HighlightCss, paths::HIGHLIGHT_CSS.into()));
    rest.extend(theme.statics.keys().map(|name| Job::one(View::ThemeStatic(name.clone()), paths::theme_static(name))));
    rest.extend((0..site.assets.len()).map(|i| Job { view: View::Asset(i), paths: site.asset_outputs(i) }));
    rest.push(Job::one(View::SiteJson, paths::SITE_JSON.into()));
    // The pages' paths were checked to be distinct (ids, aliases, reserved folders); a file that
    // comes later with a path already taken, or inside a search index, is left out.
    let mut taken: HashSet<String> = jobs.iter().flat_map(|j| j.paths.iter().cloned()).collect();
    let indexes: Vec<String> = site.config.languages.iter().map(|l| paths::search_index_dir(*l)).collect();
    for job in rest {
        let free = job.paths.iter().all(|p| !taken.contains(p) && !indexes.iter().any(|d| p.starts_with(d.as_str())));
        if free {
            taken.extend(job.paths.iter().cloned());
            jobs.push(job);
        }
    }
    jobs
}

/// The HTML pages of every language, in a fixed order.
fn pages(site: &Site, theme: &Theme) -> Vec<Job> {
    let cfg = &site.config;
    let mut jobs = vec![Job::one(View::Root, paths::ROOT_INDEX.into()), Job::one(View::NotFound, paths::NOT_FOUND.into())];
    // A theme without handout.html (made before handouts) shows them as pages.
    let handouts = theme.templates.contains_key("handout.html");
    for &lang in &cfg.languages {
        jobs.push(Job::one(View::Home(lang), paths::index_of(&paths::home_dir(lang))));
        for (i, p) in site.pages().iter().enumerate() {
            if !p.texts.contains_key(&lang) {
                continue;
            }
            let path = paths::page_index(lang, &p.folder, &p.id);
            jobs.push(Job::one(
                if handouts && cfg.has_role(&p.kind, Role::Handout) { View::Handout(i, lang) } else { View::Page(i, lang) },
                path,
            ));
            for a in &p.meta.aliases {
                jobs.push(Job::one(View::Alias(i, lang, a.value.clone()), paths::index_of(&paths::alias_dir(lang, &p.folder, &a.value))));
            }
        }
        for (k, kind) in cfg.kinds.iter().enumerate() {
            let n = site.pages().iter().filter(|p| p.kind == kind.key).count();
            let chunks = n.div_ceil(cfg.pagination.max(1));
            if chunks > 0 {
                let list = (1..=chunks).map(|c| paths::index_of(&paths::kind_page_dir(lang, &kind.folder, c))).collect();
                jobs.push(Job { view: View::KindList(k, lang), paths: list });
            }
        }
        for (f, facet) in cfg.facets.iter().enumerate() {
            jobs.push(Job::one(View::FacetIndex(f, lang), paths::index_of(&paths::facet_dir(lang, &facet.key))));
            for (v, value) in facet.values.iter().enumerate() {
                let path = paths::index_of(&paths::facet_value_dir(lang, &facet.key, &value.key));
                jobs.push(Job::one(View::FacetValue(f, v, lang), path));
            }
        }
        if !cfg.periods.is_empty() {
            jobs.push(Job::one(View::PeriodIndex(lang), paths::index_of(&paths::periods_dir(lang))));
        }
        for (p, period) in cfg.periods.iter().enumerate() {
            jobs.push(Job::one(View::Period(p, lang), paths::index_of(&paths::period_dir(lang, &period.key))));
        }
        if site.has_crosswalk() {
            jobs.push(Job::one(View::Crosswalk(lang), paths::index_of(&paths::crosswalk_dir(lang))));
        }
        if !site.glossary.is_empty() {
            jobs.push(Job::one(View::Glossary(lang), paths::index_of(&paths::glossary_dir(lang))));
        }
        jobs.push(Job::one(View::Search(lang), paths::index_of(&paths::search_dir(lang))));
        if site.accessibility.is_some() {
            jobs.push(Job::one(View::Accessibility(lang), paths::index_of(&paths::accessibility_dir(lang))));
        }
    }
    jobs
}

#[cfg(test)]
mod tests;
