//! tebiki: a static site generator for bilingual (Japanese/English) policy
//! documentation.
//!
//! The build is a pipeline of plain functions, one module each (see
//! ARCHITECTURE.md): [`config`] (site.yaml) → [`theme`] → [`load`]
//! (content files, front matter) into the [`model`] → Markdown (phase 1)
//! → [`resolve`] (references, relations, indexes, checks) → [`plan`]
//! (every output and its path) → [`render`] and [`search`] → [`output`]
//! (atomic write). [`pipeline::compile`] runs the stages; [`build`] and
//! [`check`] call it; problems in the input come back as
//! [`diagnostic::Diagnostics`], all of them from one run. [`serve`] is the
//! live preview: its session keeps what did not change between compiles.

// Input never reaches an unwrap: outside tests, problems become diagnostics.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod config;
pub mod diagnostic;
pub mod escape;
pub mod fsguard;
mod hash;
pub mod lang;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod paths;
pub mod pipeline;
pub mod plan;
pub mod render;
pub mod resolve;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod stamp;
pub mod suggest;
pub mod text;
pub mod theme;
pub mod timing;
pub mod xliff;
pub mod yaml;

/// The unit tests' property-test configuration: failures are reported, not
/// written to `proptest-regressions/` beside the sources.
#[cfg(test)]
fn proptest_config() -> proptest::test_runner::Config {
    proptest::test_runner::Config { failure_persistence: None, ..Default::default() }
}

pub use pipeline::{Compiled, SearchIndex};

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
    /// Told the output path of each handout PDF once it is printed
    /// (`ja/handouts/briefing.pdf`), with how many are done and how many
    /// there are: the command line prints a line per handout.
    pub on_pdf: Option<fn(&str, usize, usize)>,
    /// Told which browser prints the handouts ("Microsoft Edge (C:/…/msedge.exe)"),
    /// once it is found and before anything is built.
    pub on_browser: Option<fn(&str)>,
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

/// Builds the site and swaps it into the output folder.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let start = Instant::now();
    let out = output::check_out_dir(&opts.root, &opts.out).map_err(BuildError::Usage)?;
    // Before any work: `--pdf` without a browser fails at once, with the fix.
    let chromium = match opts.pdf {
        true => Some(output::pdf::find_chromium().map_err(|e| BuildError::Io(anyhow::anyhow!("{e}\nhelp: {}", e.hint())))?),
        false => None,
    };
    if let (Some(c), Some(tell)) = (&chromium, opts.on_browser) {
        tell(&c.describe());
    }
    // Pages are written into the staging folder as they are rendered; a failed build drops it unswapped.
    // It holds the output's lock: another build of the same output is refused until this one ends.
    let staging = output::Staging::create(&out).map_err(BuildError::Io)?;
    let copts = pipeline::Options { base_url: opts.base_url.as_deref(), drafts: opts.drafts, pdf: opts.pdf, ..Default::default() };
    let cache = pipeline::Fresh::new();
    let compiled = pipeline::compile(&opts.root, &copts, &cache, &staging).map_err(|f| BuildError::Content(f.diagnostics))?;
    if let Some(e) = staging.take_error() {
        return Err(BuildError::Io(e));
    }
    let mut t = timing::Phases::start();
    if let Some(c) = &chromium {
        output::pdf::print_all(c, staging.path(), &compiled.pdfs, opts.on_pdf).map_err(BuildError::Io)?;
        staging.adopt(compiled.pdfs.len());
    }
    staging.commit().map_err(BuildError::Io)?;
    t.mark("swap");
    let Compiled { rendering, diagnostics, pdfs, site, bodies, .. } = compiled;
    let report = BuildReport {
        pages: rendering.pages,
        files: rendering.written.len() + pdfs.len(),
        pdfs: pdfs.len(),
        diagnostics,
        elapsed: start.elapsed(),
        out,
    };
    // The site, the outputs and the session's caches are freed in the background: the build is done.
    std::thread::spawn(move || drop((site, bodies, cache)));
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
    pub translations: Option<resolve::translation::Report>,
}

/// Checks everything a build would and reports the status of translations.
pub fn check_report(root: &std::path::Path, drafts: bool) -> CheckReport {
    let opts = pipeline::Options { drafts, translation_report: true, ..Default::default() };
    match pipeline::compile(root, &opts, &pipeline::Fresh::new(), &plan::Collect::default()) {
        Ok(c) => CheckReport { diagnostics: c.diagnostics, translations: c.translations },
        Err(f) => CheckReport { diagnostics: f.diagnostics, translations: f.translations },
    }
}
