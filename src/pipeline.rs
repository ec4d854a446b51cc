//! Stage 10: the pipeline — one stage after another, and the entry points.
//!
//! [`compile`] runs `config → theme → load → markdown → resolve → plan →
//! render + search` and hands every file to a [`Sink`], the one way files
//! leave;
//! [`crate::build`] writes what it hands over through `output`, and
//! [`crate::check_report`] keeps only the problems and the translation
//! report. What may be kept from an earlier run is asked of a [`Cache`]:
//! [`Fresh`] keeps nothing (a build), `serve`'s session keeps parsed files,
//! bodies and outputs, under rules that live beside it.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::config::{self, Config};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::lang::Lang;
use crate::load::{self, ParseCache};
use crate::markdown::{self, Bodies, Highlighter, Rendered};
use crate::model::Site;
use crate::output::pdf::PdfJob;
use crate::plan::{self, Collect, Job, OutFile, Sink};
use crate::render::{self, Rendering};
use crate::resolve::{self, translation};
use crate::search;
use crate::theme::{self, Theme};
use crate::timing::Phases;

/// When [`compile`] builds the search index.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SearchIndex {
    /// Alongside the templates of phase 2, its files handed to the sink with the rest.
    #[default]
    Inline,
    /// Not yet: [`Compiled::search_corpus`] gives its input (`serve` builds it after the reload).
    Deferred,
}

/// How to compile a site.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options<'a> {
    /// Overrides `base_url` of site.yaml.
    pub base_url: Option<&'a str>,
    /// Include drafts.
    pub drafts: bool,
    /// Handouts link to their PDFs, and the PDFs to print are listed.
    pub pdf: bool,
    /// A warning per stale or unstamped translation and a report of every
    /// page ([`Compiled::translations`]), instead of one summary warning.
    pub translation_report: bool,
    /// When the search index is built.
    pub search: SearchIndex,
}

/// What may be kept from one compile to the next: the pipeline asks, a
/// cache answers. Every method has the answer of a cache that keeps nothing.
pub trait Cache: Sync {
    /// The code highlighter (loading it takes a noticeable time).
    fn highlighter(&self) -> &Highlighter;

    /// The theme (stage 1b), made again unless the cache kept the same one.
    fn theme(&self, config: &Config, diags: &mut Diagnostics) -> Arc<Theme> {
        Arc::new(theme::load_theme(config, diags))
    }

    /// Page files parsed by an earlier compile.
    fn parsed(&self) -> Option<&ParseCache> {
        None
    }

    /// Phase 1: every page body, reusing what the cache kept.
    fn bodies(&self, site: &mut Site, theme: &Theme) -> (Bodies, BTreeMap<Lang, Rendered>) {
        markdown::render_bodies(site, theme, self.highlighter())
    }

    /// Whether the site is kept after the compile (`serve` builds its search
    /// index from it later): else the pages' Markdown is let go after phase 1.
    fn keeps_site(&self) -> bool {
        false
    }

    /// Whether the cache keeps the outputs: then [`Cache::outputs`] renders
    /// phase 2, and the search index goes to [`Cache::search_index`].
    fn keeps_outputs(&self) -> bool {
        false
    }

    /// Phase 2 by a cache that keeps the files (`None`: the pipeline renders
    /// every job into the sink).
    fn outputs(&self, _input: &render::Input<'_>, _jobs: &[Job], _diags: &mut Diagnostics) -> Option<Rendering> {
        None
    }

    /// Takes a search index built with the outputs it keeps.
    fn search_index(&self, _langs: &[Lang], _files: Vec<OutFile>) {}
}

/// The cache of a single build: nothing kept but the highlighter, loaded on
/// a worker from the start while the site is read.
#[derive(Default)]
pub struct Fresh {
    highlighter: Arc<OnceLock<Highlighter>>,
}

impl Fresh {
    pub fn new() -> Fresh {
        let f = Fresh::default();
        load_highlighter(&f.highlighter);
        f
    }
}

impl Cache for Fresh {
    fn highlighter(&self) -> &Highlighter {
        self.highlighter.get_or_init(Highlighter::new)
    }
}

/// Starts loading the highlighter's sets on a worker thread: a compile reads
/// the site meanwhile, and waits only if it needs them first.
pub fn load_highlighter(h: &Arc<OnceLock<Highlighter>>) {
    let h = h.clone();
    rayon::spawn(move || {
        h.get_or_init(Highlighter::new);
    });
}

/// The result of reading, checking and rendering a site, before writing.
pub struct Compiled {
    pub rendering: Rendering,
    pub diagnostics: Diagnostics,
    /// The handout PDFs to print once the site is written (`--pdf` only).
    pub pdfs: Vec<PdfJob>,
    /// The site as loaded (configuration, pages, glossary, assets). From a
    /// cache that does not keep the site ([`Cache::keeps_site`]), the pages'
    /// Markdown is empty: it was let go after phase 1.
    pub site: Site,
    /// With [`SearchIndex::Deferred`]: the rendered bodies, which
    /// [`Compiled::search_corpus`] turns into what the index is built from.
    pub bodies: Option<Bodies>,
    /// With [`Options::translation_report`]: the status of every page.
    pub translations: Option<translation::Report>,
}

impl Compiled {
    /// With [`SearchIndex::Deferred`]: what the search index is built from;
    /// `corpus.build()` gives its files.
    pub fn search_corpus(&self) -> Option<search::Corpus> {
        self.bodies.as_ref().map(|bodies| search::Corpus::collect(&self.site, bodies))
    }
}

/// Why a compile stopped: the problems, and the translation report when
/// asked for and the site could be loaded.
#[derive(Debug)]
pub struct Failed {
    pub diagnostics: Diagnostics,
    pub translations: Option<translation::Report>,
}

impl From<Diagnostics> for Failed {
    fn from(diagnostics: Diagnostics) -> Failed {
        Failed { diagnostics, translations: None }
    }
}

/// Reads, checks and renders the site under `root`, one stage after
/// another, handing every file to `sink` as it is made (unless the cache
/// keeps the outputs).
pub fn compile(root: &Path, opts: &Options<'_>, cache: &dyn Cache, sink: &dyn Sink) -> Result<Compiled, Failed> {
    let mut t = Phases::start();
    let (config, mut diags) = configure(root, opts.base_url)?;
    let theme = cache.theme(&config, &mut diags);
    t.mark("config, theme");
    let (mut site, load_diags) = load::load_site(config, load::LoadOptions { drafts: opts.drafts, cache: cache.parsed() });
    diags.extend(load_diags.sorted());
    let translations = translations(&site, opts, &mut diags);
    t.mark("load, translations");
    let (bodies, home) = cache.bodies(&mut site, &theme);
    t.mark("phase 1 (Markdown)");
    let ix = resolve::resolve(&site, &bodies, &home, &mut diags);
    let fail = |diagnostics: Diagnostics, translations| Failed { diagnostics, translations };
    if diags.has_errors() {
        return Err(fail(diags, translations));
    }
    if !cache.keeps_site() {
        site.release_markdown();
    }
    let jobs = plan::plan(&site, &theme);
    diags.extend(plan::asset_clashes(&site, &jobs));
    if diags.has_errors() {
        return Err(fail(diags, translations));
    }
    t.mark("resolve, plan");
    let input = render::Input {
        site: &site,
        ix: &ix,
        theme: &theme,
        bodies: &bodies,
        home: &home,
        highlighter: cache.highlighter(),
        pdf: opts.pdf,
    };
    let rendering = render_and_index(&input, &jobs, opts.search, cache, sink, &mut diags);
    if diags.has_errors() {
        return Err(fail(diags, translations));
    }
    t.mark("phase 2 (+ search)");
    let pdfs = if opts.pdf { crate::output::pdf::jobs(&site) } else { Vec::new() };
    let bodies = match opts.search {
        SearchIndex::Deferred => Some(bodies),
        SearchIndex::Inline => {
            // Thousands of pages' HTML: freed on a worker instead of before the caller can go on.
            rayon::spawn(move || drop(bodies));
            None
        }
    };
    Ok(Compiled { rendering, diagnostics: diags, pdfs, site, bodies, translations })
}

/// site.yaml, with `--base-url` in place of its `base_url`, and its warnings.
pub(crate) fn configure(root: &Path, base_url: Option<&str>) -> Result<(Config, Diagnostics), Diagnostics> {
    let mut config = config::load_config(root)?;
    let mut diags = Diagnostics::new();
    diags.extend(std::mem::take(&mut config.warnings));
    if let Some(b) = base_url {
        match config::check_base_url(b) {
            Ok(u) => config.base_url = u,
            Err(msg) => {
                diags.push(Diagnostic::global(format!("--base-url: {msg}")).with_help(config::BASE_URL_HELP));
                return Err(diags);
            }
        }
    }
    Ok((config, diags))
}

/// Stale and unstamped translations: one warning each and the report with
/// [`Options::translation_report`], else one summary warning.
fn translations(site: &Site, opts: &Options<'_>, diags: &mut Diagnostics) -> Option<translation::Report> {
    if opts.translation_report {
        diags.extend(translation::diagnostics(site));
        diags.extend(crate::resolve::qa::diagnostics(site));
        Some(translation::Report::new(site))
    } else {
        diags.extend(translation::summary_diagnostic(site));
        None
    }
}

/// Phase 2 and, with [`SearchIndex::Inline`], the search index beside it in
/// parallel. A cache that keeps outputs renders and keeps them itself.
fn render_and_index(
    input: &render::Input<'_>,
    jobs: &[Job],
    search: SearchIndex,
    cache: &dyn Cache,
    sink: &dyn Sink,
    diags: &mut Diagnostics,
) -> Rendering {
    // The search index is built from the text phase 1 extracted, in parallel with phase 2.
    let corpus = (search == SearchIndex::Inline).then(|| search::Corpus::collect(input.site, input.bodies));
    let kept = cache.keeps_outputs();
    let phase2 = |diags: &mut Diagnostics| match kept.then(|| cache.outputs(input, jobs, diags)).flatten() {
        Some(r) => r,
        None => render::render_outputs(input, jobs, sink, diags),
    };
    // A cache that keeps the outputs takes the index too.
    let index = Collect::default();
    let index_sink: &dyn Sink = if kept { &index } else { sink };
    let (mut rendering, index_written) = match search {
        // The corpus is dropped on the thread that indexed it.
        SearchIndex::Inline => rayon::join(|| phase2(diags), || corpus.map(|c| c.build_into(index_sink)).unwrap_or_default()),
        SearchIndex::Deferred => (phase2(diags), Vec::new()),
    };
    if diags.has_errors() {
        return rendering;
    }
    if kept {
        if search == SearchIndex::Inline {
            cache.search_index(&input.site.config.languages, index.into_files());
        }
    } else {
        rendering.written.extend(index_written);
    }
    rendering
}
