//! tebiki: a static site generator for bilingual (Japanese/English) policy
//! documentation.
//!
//! The build is a pipeline of plain functions, one module each:
//! [`config`] (site.yaml) → [`load`] (content files, front matter) →
//! [`model`] (pages, glossary) → [`resolve`] (references, relations,
//! indexes) → [`render`] (Markdown, templates) → [`output`] (atomic write).
//! [`build`] and [`check`] run it; problems in the input come back as
//! [`diagnostic::Diagnostics`], all of them from one run. [`serve`] is the
//! live preview: it keeps a [`Session`] and rebuilds on every change.

// Input never reaches an unwrap: outside tests, problems become diagnostics.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod config;
pub mod diagnostic;
pub mod escape;
pub mod fsguard;
mod hash;
pub mod lang;
pub mod load;
pub mod model;
pub mod output;
pub mod paths;
pub mod plan;
pub mod render;
pub mod resolve;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod session;
pub mod stamp;
pub mod suggest;
pub mod text;
pub mod theme;
pub mod timing;
pub mod translation;
pub mod xliff;
pub mod yaml;

/// The unit tests' property-test configuration: failures are reported, not
/// written to `proptest-regressions/` beside the sources.
#[cfg(test)]
fn proptest_config() -> proptest::test_runner::Config {
    proptest::test_runner::Config { failure_persistence: None, ..Default::default() }
}

pub use session::Session;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use diagnostic::Diagnostics;
use lang::Lang;

/// What `tebiki build` was asked to do.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// The site root.
    pub root: PathBuf,
    /// The output folder, relative to the root or absolute.
    pub out: PathBuf,
    /// Overrides `base_url` of site.yaml.
    pub base_url: Option<String>,
    /// Build pages marked `draft: true`.
    pub drafts: bool,
    /// Also print every handout to PDF with a local headless Chromium.
    pub pdf: bool,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    /// Pages per language.
    pub pages: BTreeMap<Lang, usize>,
    /// Files written (PDFs included).
    pub files: usize,
    /// Handout PDFs printed.
    pub pdfs: usize,
    /// Warnings found.
    pub diagnostics: Diagnostics,
    /// Wall time.
    pub elapsed: Duration,
    /// Where the site was written.
    pub out: PathBuf,
}

/// Why a build failed.
#[derive(Debug)]
pub enum BuildError {
    /// Problems in the content: report them, exit 1.
    Content(Diagnostics),
    /// A problem outside the content (disk, another build writing the output): exit 1 with the message.
    Io(anyhow::Error),
    /// The command cannot be carried out as asked (an output folder that would
    /// damage the site): exit 2 with the message, nothing touched.
    Usage(anyhow::Error),
}

/// The result of reading, checking and rendering a site, before writing.
pub struct Compiled {
    pub rendering: render::Rendering,
    pub diagnostics: Diagnostics,
    /// The handout PDFs to print once the site is written (`--pdf` only).
    pub pdfs: Vec<output::pdf::PdfJob>,
    /// The site as loaded (configuration, pages, glossary, assets).
    pub site: model::Site,
    /// With [`SearchIndex::Deferred`]: the rendered bodies, which
    /// [`Compiled::search_corpus`] turns into what the index is built from.
    pub bodies: Option<render::Bodies>,
}

impl Compiled {
    /// With [`SearchIndex::Deferred`]: what the search index is built from;
    /// `corpus.build()` gives its files.
    pub fn search_corpus(&self) -> Option<search::Corpus> {
        self.bodies.as_ref().map(|bodies| search::Corpus::collect(&self.site, bodies))
    }
}

/// When [`compile_search`] builds the search index.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SearchIndex {
    /// Alongside the templates of phase 2, its files in [`Compiled::rendering`].
    #[default]
    Inline,
    /// Not yet: [`Compiled::search`] holds its input (`serve` builds it after the reload).
    Deferred,
}

/// Reads, checks and renders the site under `root`; writes nothing.
///
/// Stale and unstamped translations are summed up in one warning; [`check_report`] lists each.
pub fn compile(root: &std::path::Path, base_url: Option<&str>, drafts: bool) -> Result<Compiled, Diagnostics> {
    compile_inner(&Session::new(), root, &CompileOptions { base_url, drafts, ..CompileOptions::default() }, &mut None)
}

/// [`compile`], keeping what `session` keeps between compiles (for `serve`).
pub fn compile_in(session: &Session, root: &std::path::Path, base_url: Option<&str>, drafts: bool) -> Result<Compiled, Diagnostics> {
    compile_inner(session, root, &CompileOptions { base_url, drafts, ..CompileOptions::default() }, &mut None)
}

/// [`compile_in`] for `serve`: the index is left to build after the reload
/// ([`Compiled::search_corpus`]), and the files are left in the session
/// ([`Session::output_files`]) rather than copied into [`Compiled::rendering`].
pub fn compile_live(session: &Session, root: &std::path::Path, base_url: Option<&str>, drafts: bool) -> Result<Compiled, Diagnostics> {
    let opts = CompileOptions { base_url, drafts, search: SearchIndex::Deferred, live: true, ..CompileOptions::default() };
    compile_inner(session, root, &opts, &mut None)
}

/// [`compile`], and with `pdf` the handouts link to their PDFs and the
/// result lists the PDFs to print.
pub fn compile_with(root: &std::path::Path, base_url: Option<&str>, drafts: bool, pdf: bool) -> Result<Compiled, Diagnostics> {
    compile_inner(&Session::new(), root, &CompileOptions { base_url, drafts, pdf, ..CompileOptions::default() }, &mut None)
}

/// [`compile`], saying when the search index is built.
pub fn compile_search(root: &std::path::Path, base_url: Option<&str>, drafts: bool, search: SearchIndex) -> Result<Compiled, Diagnostics> {
    compile_inner(&Session::new(), root, &CompileOptions { base_url, drafts, search, ..CompileOptions::default() }, &mut None)
}

/// [`compile`] for `check`: a warning per stale or unstamped translation, and the status of every page.
fn compile_with_translations(root: &std::path::Path, drafts: bool) -> (Result<Compiled, Diagnostics>, Option<translation::Report>) {
    let mut report = None;
    let opts = CompileOptions { drafts, translation_report: true, ..CompileOptions::default() };
    let result = compile_inner(&Session::new(), root, &opts, &mut report);
    (result, report)
}

/// How to compile a site.
#[derive(Clone, Copy, Default)]
struct CompileOptions<'a> {
    /// Phase 2 hands its files here as it renders them (`build`), instead of returning them.
    sink: Option<&'a dyn plan::Sink>,
    /// Overrides `base_url` of site.yaml.
    base_url: Option<&'a str>,
    /// Include drafts.
    drafts: bool,
    /// Handouts link to their PDFs, and the PDFs to print are listed.
    pdf: bool,
    /// A warning per stale or unstamped translation and a report of every page, instead of one summary warning.
    translation_report: bool,
    /// When the search index is built.
    search: SearchIndex,
    /// With a session that keeps outputs: leave [`Compiled::rendering`]'s files empty,
    /// the caller takes them from [`Session::output_files`] (`serve`).
    live: bool,
}

/// Compiles in `session`; with `opts.translation_report`, fills `report` even when the site has errors.
fn compile_inner(
    session: &Session,
    root: &std::path::Path,
    opts: &CompileOptions<'_>,
    report: &mut Option<translation::Report>,
) -> Result<Compiled, Diagnostics> {
    let (base_url, drafts, pdf, index) = (opts.base_url, opts.drafts, opts.pdf, opts.search);
    let mut t = timing::Phases::start();
    let mut config = config::load_config(root)?;
    let mut diags = Diagnostics::new();
    diags.extend(std::mem::take(&mut config.warnings));
    if let Some(b) = base_url {
        match config::check_base_url(b) {
            Ok(u) => config.base_url = u,
            Err(msg) => {
                diags.push(diagnostic::Diagnostic::global(format!("--base-url: {msg}")).with_help(config::BASE_URL_HELP));
                return Err(diags);
            }
        }
    }
    t.mark("config");
    let theme = crate::theme::load_theme(&config, &mut diags);
    t.mark("theme");
    let (mut site, load_diags) = load::load_site(config, load::LoadOptions { drafts, cache: session.parse_cache() });
    diags.extend(load_diags.sorted());
    t.mark("config, theme, load");
    if opts.translation_report {
        diags.extend(translation::diagnostics(&site));
        *report = Some(translation::Report::new(&site));
    } else {
        diags.extend(translation::summary_diagnostic(&site));
    }
    let mut ix = resolve::resolve(&site, &mut diags);
    t.mark("translations, resolve");
    let hl = session.highlighter();
    t.mark("highlighter");
    let (bodies, home) = session.render_bodies(&mut site, &theme);
    t.mark("phase 1 (Markdown)");
    render::check_bodies(&site, &mut ix, &bodies, &home, &mut diags);
    t.mark("check bodies");
    if diags.has_errors() {
        return Err(diags);
    }
    // The search index is built from the text phase 1 extracted, in parallel with phase 2.
    let corpus = (index == SearchIndex::Inline).then(|| search::Corpus::collect(&site, &bodies));
    t.mark("search corpus");
    let jobs = plan::plan(&site, &theme);
    t.mark("plan");
    // A session that keeps outputs (serve) renders again only what changed.
    let input = render::Input { site: &site, ix: &ix, theme: &theme, bodies: &bodies, home: &home, highlighter: hl, pdf };
    let phase2 = |diags: &mut Diagnostics| match session.render_outputs(&input, &jobs, diags) {
        Some(r) => r,
        None => render::render_outputs(&input, &jobs, opts.sink, diags),
    };
    // With a sink, the index is written as it is made; `index_written` are its paths.
    let (mut rendering, (index_files, index_written)) = match index {
        // The corpus is dropped on the thread that indexed it.
        SearchIndex::Inline => rayon::join(|| phase2(&mut diags), || corpus.map(|c| c.build_into(opts.sink)).unwrap_or_default()),
        SearchIndex::Deferred => (phase2(&mut diags), Default::default()),
    };
    if diags.has_errors() {
        return Err(diags);
    }
    t.mark("phase 2 (+ search)");
    if session.keeps_outputs() {
        if index == SearchIndex::Inline {
            session.replace_search_index(&site.config.languages, index_files);
        }
        if !opts.live {
            let mut files: Vec<plan::OutFile> =
                session.output_files().into_iter().map(|(path, bytes)| plan::OutFile { path, bytes: bytes.to_vec() }).collect();
            files.sort_by(|a, b| a.path.cmp(&b.path));
            rendering.files = files;
        }
    } else {
        rendering.files.extend(index_files);
        rendering.written.extend(index_written);
        rendering.files.sort_by(|a, b| a.path.cmp(&b.path));
    }
    t.mark("sort outputs");
    let pdfs = if pdf { output::pdf::jobs(&site) } else { Vec::new() };
    let bodies = match index {
        SearchIndex::Deferred => Some(bodies),
        SearchIndex::Inline => {
            // Thousands of pages' HTML: freed on a worker instead of before the caller can go on.
            rayon::spawn(move || drop(bodies));
            None
        }
    };
    Ok(Compiled { rendering, diagnostics: diags, pdfs, site, bodies })
}

/// Builds the site and swaps it into the output folder.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let start = Instant::now();
    let out = output::check_out_dir(&opts.root, &opts.out).map_err(BuildError::Usage)?;
    // Before any work: `--pdf` without a browser fails at once, with the fix.
    let chromium = match opts.pdf {
        true => Some(output::pdf::find_chromium().map_err(|e| BuildError::Io(anyhow::anyhow!("{e}\nhelp: {}", e.hint())))?),
        false => None,
    };
    // Pages are written into the staging folder as they are rendered; a failed build drops it unswapped.
    // It holds the output's lock: another build of the same output is refused until this one ends.
    let staging = output::Staging::create(&out).map_err(BuildError::Io)?;
    let copts = CompileOptions {
        sink: Some(&staging),
        base_url: opts.base_url.as_deref(),
        drafts: opts.drafts,
        pdf: opts.pdf,
        ..CompileOptions::default()
    };
    let session = Session::new();
    let compiled = compile_inner(&session, &opts.root, &copts, &mut None).map_err(BuildError::Content)?;
    if let Some(e) = staging.take_error() {
        return Err(BuildError::Io(e));
    }
    let mut t = timing::Phases::start();
    staging.write_all(&compiled.rendering.files).map_err(BuildError::Io)?;
    t.mark("write the rest");
    if let Some(c) = &chromium {
        output::pdf::print_all(c, staging.path(), &compiled.pdfs).map_err(BuildError::Io)?;
        staging.adopt(compiled.pdfs.len());
    }
    staging.commit().map_err(BuildError::Io)?;
    t.mark("swap");
    let Compiled { rendering, diagnostics, pdfs, site, bodies } = compiled;
    let report = BuildReport {
        pages: rendering.pages,
        files: rendering.files.len() + rendering.written.len() + pdfs.len(),
        pdfs: pdfs.len(),
        diagnostics,
        elapsed: start.elapsed(),
        out,
    };
    // The site, the outputs and the session's caches are freed in the background: the build is done.
    std::thread::spawn(move || drop((rendering.files, site, bodies, session)));
    Ok(report)
}

/// Checks everything a build would, writing nothing.
pub fn check(root: &std::path::Path, drafts: bool) -> Diagnostics {
    check_report(root, drafts).diagnostics
}

/// What `tebiki check` found.
pub struct CheckReport {
    /// Every problem, errors and warnings (stale and unstamped translations among them).
    pub diagnostics: Diagnostics,
    /// The translation status of every page, when the site could be loaded.
    pub translations: Option<translation::Report>,
}

/// Checks everything a build would and reports the status of translations.
pub fn check_report(root: &std::path::Path, drafts: bool) -> CheckReport {
    let (result, translations) = compile_with_translations(root, drafts);
    let diagnostics = match result {
        Ok(c) => c.diagnostics,
        Err(d) => d,
    };
    CheckReport { diagnostics, translations }
}
