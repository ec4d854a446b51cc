//! Stage 8: rendering every job of the plan into output files.
//!
//! [`render_outputs`] runs the jobs in parallel, each with its view: the
//! content page (`pages.rs`), the lists and indexes (`indexes.rs`), the
//! handout (`handout/`), the search page, feeds, data files (site.json,
//! sitemap, robots.txt), charts; `locale.rs` formats numbers and dates. It
//! reads the model, the bodies of the Markdown stage and the index of
//! `resolve`, and writes to the paths the plan gave. Jobs and their results
//! are kept in a fixed order, so the output is the same whatever the number
//! of threads.

pub mod charts;
pub mod context;
pub mod locale;

mod accessibility;
pub(crate) mod chrome;
mod data;
mod feeds;
pub mod handout;
pub(crate) mod indexes;
mod navigation;
pub(crate) mod pages;
mod search_page;

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::lang::Lang;
use crate::markdown::{Bodies, Highlighter, Rendered};
use crate::model::Site;
use crate::plan::{Job, OutFile, SITEMAP_MAX_URLS, Sink, View};
use crate::resolve::Index;
use crate::theme::Theme;

/// Everything a build writes.
#[derive(Debug, Default)]
pub struct Rendering {
    /// The paths of the files handed to the [`Sink`].
    pub written: Vec<String>,
    /// Pages rendered per language.
    pub pages: BTreeMap<Lang, usize>,
}

/// What phase 2 renders from.
#[derive(Clone, Copy)]
pub struct Input<'a> {
    pub site: &'a Site,
    pub ix: &'a Index,
    pub theme: &'a Theme,
    pub bodies: &'a Bodies,
    pub home: &'a BTreeMap<Lang, Rendered>,
    /// Colours code blocks; its stylesheet is an output.
    pub highlighter: &'a Highlighter,
    /// Handouts link to the PDFs that `build --pdf` prints after writing.
    pub pdf: bool,
}

/// Phase 2: every job of the plan, in parallel, each job's files handed to
/// `sink` as they are made.
pub fn render_outputs(input: &Input<'_>, jobs: &[Job], sink: &dyn Sink, diags: &mut Diagnostics) -> Rendering {
    let Some(written) = render_jobs(input, jobs.iter().collect(), sink, diags) else {
        return Rendering::default();
    };
    Rendering { written, pages: page_counts(input.bodies) }
}

/// Pages rendered per language.
pub fn page_counts(bodies: &Bodies) -> BTreeMap<Lang, usize> {
    let mut counts = BTreeMap::new();
    for ((_, lang), _) in bodies.iter() {
        *counts.entry(*lang).or_insert(0) += 1;
    }
    counts
}

/// The files under `content/` that are not pages, copied as they are to
/// every output path of each.
pub fn assets(site: &Site) -> Vec<OutFile> {
    (0..site.assets.len()).flat_map(|i| asset(site, i, &site.asset_outputs(i))).collect()
}

/// Asset `i` of the site, as the files at `paths` (read through
/// [`crate::fsguard`]: nothing from outside the site root).
fn asset(site: &Site, i: usize, paths: &[String]) -> Vec<OutFile> {
    let content = std::path::Path::new(crate::load::CONTENT_DIR);
    let Some(bytes) = site.assets.get(i).and_then(|a| crate::fsguard::read(&site.config.root, &content.join(&a.path)).ok()) else {
        return Vec::new();
    };
    paths.iter().map(|path| OutFile { path: path.clone(), bytes: bytes.clone() }).collect()
}

impl pages::Renderer<'_> {
    /// Renders one job of the plan.
    pub fn run(&self, job: &Job) -> Result<Vec<OutFile>, Diagnostic> {
        let out = || job.path().to_string();
        let one = |f: OutFile| vec![f];
        let (site, bodies) = (self.site, self.bodies);
        Ok(match &job.view {
            View::Page(i, lang) => one(self.page(*i, *lang, out())?),
            View::Handout(i, lang) => one(handout::handout_page(self, *i, *lang, out())?),
            View::Alias(i, lang, alias) => one(self.alias(*i, *lang, alias, out())),
            View::Home(lang) => one(self.home_page(*lang, out())?),
            View::KindList(k, lang) => self.kind_list(*k, *lang, &job.paths)?,
            View::FacetIndex(f, lang) => one(self.facet_index(*f, *lang, out())?),
            View::FacetValue(f, v, lang) => one(self.facet_value(*f, *v, *lang, out())?),
            View::PeriodIndex(lang) => one(self.period_index(*lang, out())?),
            View::Period(p, lang) => one(self.period(*p, *lang, out())?),
            View::Crosswalk(lang) => one(self.crosswalk(*lang, out())?),
            View::Glossary(lang) => one(self.glossary(*lang, out())?),
            View::Search(lang) => one(self.search_page(*lang, out())?),
            View::Accessibility(lang) => one(self.accessibility_page(*lang, out())?),
            View::Root => one(self.root(out())?),
            View::NotFound => one(self.not_found(out())?),
            View::Feed(lang) => one(feeds::atom(site, *lang, out())),
            View::SiteJson => one(data::site_json(site, self.ix, bodies, out())),
            View::Robots => one(data::robots(site, out())),
            View::Sitemap(entries) => data::sitemaps(&site.config.base_url, site.config.default_language, entries, SITEMAP_MAX_URLS),
            View::HighlightCss => one(OutFile { path: out(), bytes: self.highlighter.stylesheet().into_bytes() }),
            View::ThemeStatic(name) => {
                self.theme.statics.get(name).map(|f| OutFile { path: out(), bytes: f.bytes.clone() }).into_iter().collect()
            }
            View::Asset(i) => asset(site, *i, &job.paths),
        })
    }
}

/// `jobs`, in parallel, their files handed to `sink` by the worker that
/// made them: the paths written. `None` when the templates do not compile
/// (reported in `diags`).
pub(crate) fn render_jobs(input: &Input<'_>, mut jobs: Vec<&Job>, sink: &dyn Sink, diags: &mut Diagnostics) -> Option<Vec<String>> {
    let tera = match chrome::tera(input.theme) {
        Ok(t) => t,
        Err(ds) => {
            diags.extend(ds);
            return None;
        }
    };
    let r = pages::Renderer::new(input, &tera);
    // Pages that list many others first: the glossary and the lists take
    // several times a page's time, and one of them last would leave the
    // other core idle at the end.
    jobs.sort_by_key(|j| !j.is_long());
    let results: Vec<Result<Vec<String>, Diagnostic>> = jobs
        .par_iter()
        .map(|j| {
            let files = r.run(j)?;
            Ok(files
                .into_iter()
                .map(|f| {
                    sink.put(&f);
                    f.path
                })
                .collect())
        })
        .collect();
    let mut written = Vec::new();
    for res in results {
        match res {
            Ok(paths) => written.extend(paths),
            Err(d) => diags.push(d),
        }
    }
    Some(written)
}
