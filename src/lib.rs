//! tebiki: a static site generator for bilingual (Japanese/English) policy
//! documentation.
//!
//! The build is a pipeline of plain functions, one module each:
//! [`config`] (site.yaml) → [`load`] (content files, front matter) →
//! [`model`] (pages, glossary) → [`resolve`] (references, relations,
//! indexes) → [`render`] (Markdown, templates) → [`output`] (atomic write).
//! [`build`] and [`check`] run it; problems in the input come back as
//! [`diagnostic::Diagnostics`], all of them from one run.

pub mod config;
pub mod diagnostic;
pub mod lang;
pub mod load;
pub mod model;
pub mod output;
pub mod render;
pub mod resolve;
pub mod search;
pub mod suggest;
pub mod text;
pub mod yaml;

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
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    /// Pages per language.
    pub pages: BTreeMap<Lang, usize>,
    /// Files written.
    pub files: usize,
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
    /// A problem outside the content (output folder, disk): exit 1 with the message.
    Io(anyhow::Error),
}

/// The result of reading, checking and rendering a site, before writing.
pub struct Compiled {
    pub rendering: render::Rendering,
    pub diagnostics: Diagnostics,
    /// With [`SearchIndex::Deferred`]: what the search index is built from;
    /// `corpus.build()` gives its files.
    pub search: Option<search::Corpus>,
}

/// When [`compile_with`] builds the search index.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SearchIndex {
    /// Alongside the templates of phase 2, its files in [`Compiled::rendering`].
    #[default]
    Inline,
    /// Not yet: [`Compiled::search`] holds its input (`serve` builds it after the reload).
    Deferred,
}

/// Reads, checks and renders the site under `root`; writes nothing.
pub fn compile(root: &std::path::Path, base_url: Option<&str>, drafts: bool) -> Result<Compiled, Diagnostics> {
    compile_with(root, base_url, drafts, SearchIndex::Inline)
}

/// [`compile`], saying when the search index is built.
pub fn compile_with(root: &std::path::Path, base_url: Option<&str>, drafts: bool, index: SearchIndex) -> Result<Compiled, Diagnostics> {
    let mut config = config::load_config(root)?;
    if let Some(b) = base_url {
        config.base_url = if b.ends_with('/') { b.to_string() } else { format!("{b}/") };
    }
    let mut diags = Diagnostics::new();
    let theme = render::theme::load_theme(&config, &mut diags);
    let (site, load_diags) = load::load_site(config, load::LoadOptions { drafts });
    diags.extend(load_diags.sorted());
    let mut ix = resolve::resolve(&site, &mut diags);
    let hl = render::markdown::Highlighter::new();
    let (mut bodies, home) = render::render_bodies(&site, &theme, &hl);
    render::check_bodies(&site, &mut ix, &bodies, &home, &mut diags);
    if diags.has_errors() {
        return Err(diags);
    }
    // The search index is built from the text phase 1 extracted, in parallel with phase 2.
    let corpus = search::Corpus::collect(&site, &mut bodies);
    let (mut rendering, index_files) = match index {
        SearchIndex::Inline => {
            rayon::join(|| render::render_outputs(&site, &ix, &theme, &bodies, &home, &hl, &mut diags), || corpus.build())
        }
        SearchIndex::Deferred => (render::render_outputs(&site, &ix, &theme, &bodies, &home, &hl, &mut diags), Vec::new()),
    };
    if diags.has_errors() {
        return Err(diags);
    }
    rendering.files.extend(index_files);
    rendering.files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Compiled { rendering, diagnostics: diags, search: (index == SearchIndex::Deferred).then_some(corpus) })
}

/// Builds the site and swaps it into the output folder.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let start = Instant::now();
    let out = output::check_out_dir(&opts.root, &opts.out).map_err(BuildError::Io)?;
    let compiled = compile(&opts.root, opts.base_url.as_deref(), opts.drafts).map_err(BuildError::Content)?;
    output::write_site(&out, &compiled.rendering.files).map_err(BuildError::Io)?;
    Ok(BuildReport {
        pages: compiled.rendering.pages,
        files: compiled.rendering.files.len(),
        diagnostics: compiled.diagnostics,
        elapsed: start.elapsed(),
        out,
    })
}

/// Checks everything a build would, writing nothing.
pub fn check(root: &std::path::Path, drafts: bool) -> Diagnostics {
    match compile(root, None, drafts) {
        Ok(c) => c.diagnostics,
        Err(d) => d,
    }
}
