//! A [`Session`]: the pipeline run again and again on one site, keeping what
//! did not change.
//!
//! `tebiki build` compiles once; `tebiki serve` compiles after every save.
//! A session keeps, from one compile to the next:
//!
//! - the code highlighter's syntax and theme sets, which take a noticeable
//!   time to load and never depend on the site;
//! - the theme, with its UI strings parsed and its templates compiled, for
//!   as long as its files (read again by every compile) and the site's
//!   languages stay the same ([`crate::theme::ThemeSources::digest`]);
//! - with [`Session::reusing_bodies`] (`serve`), three more things:
//!   - every page file as parsed: a file whose size and modification time
//!     are unchanged, and that the watcher did not report
//!     ([`Session::forget`]), is not read again; one whose bytes are the
//!     same is not parsed again;
//!   - every page's rendered Markdown. A body is reused only when its own
//!     Markdown is the same *and* nothing else that rendering may read has
//!     changed: a fingerprint of the site with the pages left out
//!     (configuration, glossary, home texts, assets, from the model's
//!     `Debug` form, so a field added later is covered), of every page
//!     file's front matter ([`crate::model::PageText::head_hash`]: the
//!     page model is made from it and the configuration), and of the theme;
//!   - every output file. When nothing phase 2 reads changed but the HTML
//!     of some bodies (the fingerprint above, plus each body's headings,
//!     references and glossary terms, and every translation's status),
//!     only those pages and the handouts that include them are rendered
//!     again. Editing one page's text re-renders that page alone; editing
//!     a title, the glossary, a template or site.yaml re-renders everything.
//!
//! The session is the pipeline's [`Cache`]: the pipeline asks, the rules
//! of what is reused when are all here.
//!
//! Checks and backlinks run in full on every compile, so a session's build
//! is byte-identical to a fresh one (tested after each kind of edit).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ffi::{OsStr, OsString};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::hash::{HashWriter, debug_hash};
use crate::lang::Lang;
use crate::load::ParseCache;
use crate::markdown::{self, Bodies, Highlighter, Matchers, Rendered};
use crate::model::{Entry, Site};
use crate::pipeline::{self, Cache, Compiled, Options};
use crate::plan::{Collect, Job, OutFile, View};
use crate::render::{self, Rendering};
use crate::theme::{self, Theme};
use axum::body::Bytes;

/// What stays loaded between compiles of one site.
#[derive(Default)]
pub struct Session {
    /// Loaded on a worker from the session's start, while the site is read.
    highlighter: Arc<OnceLock<Highlighter>>,
    /// `None` when bodies are not kept.
    bodies: Option<Mutex<BodyCache>>,
    /// Parsed page files, kept with the bodies.
    parsed: Option<crate::load::ParseCache>,
    /// Every output file of the previous compile, kept with the bodies.
    outputs: Option<Mutex<OutputCache>>,
    /// The last theme made.
    theme: Mutex<Option<KeptTheme>>,
}

/// A theme made by a compile: the digest of its sources, the theme, and the problems making it found.
type KeptTheme = (blake3::Hash, Arc<Theme>, Vec<Diagnostic>);

#[derive(Default)]
struct OutputCache {
    /// Fingerprint of everything phase 2 reads besides the page bodies' HTML.
    context: Option<blake3::Hash>,
    files: HashMap<String, Bytes>,
    /// The hash of each body's Markdown the files were rendered from, by source file.
    versions: HashMap<OsString, [u8; 32]>,
    /// How many jobs of phase 2 the last compile ran (for tests and reports).
    jobs_run: Option<usize>,
}

#[derive(Default)]
struct BodyCache {
    /// Fingerprint of everything but the bodies, when these were rendered.
    context: Option<blake3::Hash>,
    /// By source file (whose name gives its language): the hash of the Markdown and its rendering.
    entries: HashMap<OsString, KeptBody>,
    /// How many bodies the last compile reused.
    reused: usize,
    /// The glossary of the last compile, a hash of it, and its term matchers.
    glossary: Option<(Arc<Vec<Entry>>, blake3::Hash, Arc<Matchers>)>,
}

/// The hash of a body's Markdown and its rendering.
type KeptBody = ([u8; 32], Arc<Rendered>);

impl Session {
    /// A session that keeps the highlighter only (for one build).
    pub fn new() -> Session {
        Session::default().loading_highlighter()
    }

    /// A session that also keeps every page's rendered body (for `serve`).
    pub fn reusing_bodies() -> Session {
        Session {
            bodies: Some(Mutex::new(BodyCache::default())),
            parsed: Some(crate::load::ParseCache::default()),
            outputs: Some(Mutex::new(OutputCache::default())),
            ..Session::default()
        }
        .loading_highlighter()
    }

    /// Starts loading the highlighter's sets on a worker thread: the first
    /// compile reads the site meanwhile, and waits only if it needs them first.
    fn loading_highlighter(self) -> Session {
        pipeline::load_highlighter(&self.highlighter);
        self
    }

    /// Files known to have changed (absolute, or relative to `root`): the next compile reads them again.
    pub fn forget(&self, root: &Path, paths: &[PathBuf]) {
        if let Some(c) = &self.parsed {
            c.forget(paths.iter().map(|p| p.strip_prefix(root).unwrap_or(p)));
        }
    }

    /// How many page bodies the last compile took from the previous one.
    pub fn reused_last(&self) -> usize {
        self.bodies.as_ref().map_or(0, |c| c.lock().unwrap_or_else(|e| e.into_inner()).reused)
    }

    /// Reads, checks and renders the site under `root`; writes nothing.
    /// Gives every output file, sorted by path, whether rendered now or kept.
    pub fn compile(&self, root: &Path, base_url: Option<&str>, drafts: bool) -> Result<(Compiled, Vec<OutFile>), Diagnostics> {
        let opts = Options { base_url, drafts, ..Options::default() };
        let sink = Collect::default();
        let compiled = pipeline::compile(root, &opts, self, &sink).map_err(|f| f.diagnostics)?;
        if !self.keeps_outputs() {
            return Ok((compiled, sink.into_files()));
        }
        let mut files: Vec<OutFile> =
            self.output_files().into_iter().map(|(path, bytes)| OutFile { path, bytes: bytes.to_vec() }).collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok((compiled, files))
    }

    /// Compiles for the live preview: the index is left to build after the
    /// reload ([`Compiled::search_corpus`]), and the files stay in the
    /// session ([`Session::output_files`]).
    pub fn compile_live(&self, root: &Path, base_url: Option<&str>, drafts: bool) -> Result<Compiled, Diagnostics> {
        let opts = Options { base_url, drafts, search: pipeline::SearchIndex::Deferred, ..Options::default() };
        pipeline::compile(root, &opts, self, &Collect::default()).map_err(|f| f.diagnostics)
    }
}

impl Cache for Session {
    fn highlighter(&self) -> &Highlighter {
        self.highlighter.get_or_init(Highlighter::new)
    }

    /// The theme of the previous compile when its files and the site's
    /// languages are the same (its problems reported again), else a new one.
    fn theme(&self, config: &Config, diags: &mut Diagnostics) -> Arc<Theme> {
        let sources = theme::read_theme(config, diags);
        let digest = sources.digest(config);
        let mut kept = self.theme.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((d, theme, problems)) = &*kept
            && *d == digest
        {
            diags.extend(problems.iter().cloned());
            return theme.clone();
        }
        let mut problems = Diagnostics::new();
        let theme = Arc::new(theme::assemble(config, sources, &mut problems));
        let problems: Vec<Diagnostic> = problems.into_iter().collect();
        diags.extend(problems.iter().cloned());
        *kept = Some((digest, theme.clone(), problems));
        theme
    }

    fn parsed(&self) -> Option<&ParseCache> {
        self.parsed.as_ref()
    }

    /// Phase 1 of rendering: every page body, reusing the previous compile's
    /// where nothing it depends on changed (see the module documentation).
    fn bodies(&self, site: &mut Site, theme: &Theme) -> (Bodies, BTreeMap<Lang, Rendered>) {
        let hl = self.highlighter();
        let Some(cache) = &self.bodies else { return markdown::render_bodies(site, theme, hl) };
        let mut t = crate::timing::Phases::start();
        let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
        // A glossary taken from the previous load is the very same one: its hash and matchers stay.
        let (glossary_hash, matchers) = match &cache.glossary {
            Some((g, h, m)) if Arc::ptr_eq(g, &site.glossary) => (*h, m.clone()),
            _ => (debug_hash(&site.glossary[..]), Arc::new(Matchers::default())),
        };
        cache.glossary = Some((site.glossary.clone(), glossary_hash, matchers.clone()));
        let context = fingerprint(site, theme, glossary_hash);
        t.mark("  fingerprint");
        let fresh = cache.context != Some(context);
        let kept = |text: &crate::model::PageText| {
            cache.entries.get(text.path.as_os_str()).filter(|(hash, _)| !fresh && *hash == text.body_hash()).map(|(_, r)| r)
        };
        let out = markdown::render_bodies_reusing(site, theme, hl, &matchers, &|i, lang| kept(&site.pages()[i].texts[&lang]).cloned());
        t.mark("  render");
        // A reused body is the very one kept; the others are new.
        let (reused, rendered): (Vec<_>, Vec<_>) = out
            .0
            .iter()
            .map(|((i, lang), r)| (&site.pages()[*i].texts[lang], r))
            .partition(|(text, r)| kept(text).is_some_and(|k| Arc::ptr_eq(k, r)));
        let current: std::collections::HashSet<&OsStr> = reused.iter().chain(&rendered).map(|(text, _)| text.path.as_os_str()).collect();
        let rendered: Vec<(OsString, KeptBody)> =
            rendered.into_iter().map(|(text, r)| (text.path.clone().into_os_string(), (text.body_hash(), r.clone()))).collect();
        cache.reused = reused.len();
        cache.context = Some(context);
        cache.entries.retain(|k, _| current.contains(k.as_os_str()));
        cache.entries.extend(rendered);
        t.mark("  keep");
        out
    }
    /// Phase 2 when outputs are kept (`None` otherwise): when nothing that
    /// phase 2 reads changed but the HTML of some page bodies, only those
    /// pages (and the handouts that include them) are rendered again, and
    /// the site's other files are taken from the previous compile; else
    /// everything is rendered. The outputs are kept in the session
    /// ([`Session::output_files`]).
    fn outputs(&self, input: &render::Input<'_>, jobs: &[Job], diags: &mut Diagnostics) -> Option<Rendering> {
        let render::Input { site, ix, bodies, pdf, .. } = *input;
        let outputs = self.outputs.as_ref()?;
        let body_cache = self.bodies.as_ref()?.lock().unwrap_or_else(|e| e.into_inner());
        // Without a phase-1 fingerprint (bodies not kept) everything is rendered and nothing reused next time.
        let context = body_cache.context.map(|c| outputs_fingerprint(c, site, bodies, pdf));
        let mut cache = outputs.lock().unwrap_or_else(|e| e.into_inner());
        drop(body_cache);
        if context.is_some() && cache.context == context {
            // Pages whose Markdown differs from the one their kept files were rendered from.
            let changed: BTreeSet<usize> = site
                .pages()
                .iter()
                .enumerate()
                .filter(|(_, p)| p.texts.values().any(|t| cache.versions.get(t.path.as_os_str()) != Some(&t.body_hash())))
                .map(|(i, _)| i)
                .collect();
            // Assets are read again: their bytes are in no fingerprint.
            let again = |job: &Job| match &job.view {
                View::Page(i, _) => changed.contains(i),
                View::Handout(h, _) => changed.contains(h) || ix.handout_pages()[*h].iter().any(|p| changed.contains(p)),
                View::Asset(_) => true,
                _ => false,
            };
            let again: Vec<&Job> = jobs.iter().filter(|j| again(j)).collect();
            let pages = again.iter().filter(|j| !matches!(j.view, View::Asset(_))).count();
            let done = Collect::default();
            render::render_jobs(input, again, &done, diags)?;
            cache.jobs_run = Some(pages);
            for f in done.into_files() {
                cache.files.insert(f.path, Bytes::from(f.bytes));
            }
            // After a failure, the next compile renders everything.
            cache.context = context.filter(|_| !diags.has_errors());
            for t in changed.iter().flat_map(|i| site.pages()[*i].texts.values()) {
                cache.versions.insert(t.path.clone().into_os_string(), t.body_hash());
            }
            return Some(Rendering { written: Vec::new(), pages: render::page_counts(bodies) });
        }
        let all = Collect::default();
        let rendering = render::render_outputs(input, jobs, &all, diags);
        cache.jobs_run = None;
        cache.context = context.filter(|_| !diags.has_errors());
        cache.versions =
            site.pages().iter().flat_map(|p| p.texts.values()).map(|t| (t.path.clone().into_os_string(), t.body_hash())).collect();
        cache.files = all.into_files().into_iter().map(|f| (f.path, Bytes::from(f.bytes))).collect();
        Some(Rendering { written: Vec::new(), pages: rendering.pages })
    }

    /// The site stays with the compile's result: its texts' hashes are
    /// compared by the next compile, and the search index is built from it.
    fn keeps_site(&self) -> bool {
        true
    }

    fn keeps_outputs(&self) -> bool {
        self.outputs.is_some()
    }

    fn search_index(&self, langs: &[Lang], files: Vec<OutFile>) {
        self.replace_search_index(langs, files);
    }
}

impl Session {
    /// Every output file of the last compile, when outputs are kept.
    pub fn output_files(&self) -> HashMap<String, Bytes> {
        self.outputs.as_ref().map(|c| c.lock().unwrap_or_else(|e| e.into_inner()).files.clone()).unwrap_or_default()
    }

    /// Puts a newly built search index into the kept outputs, in place of the previous one.
    pub fn replace_search_index(&self, langs: &[Lang], files: Vec<OutFile>) {
        if let Some(c) = &self.outputs {
            let mut c = c.lock().unwrap_or_else(|e| e.into_inner());
            let dirs: Vec<String> = langs.iter().map(|l| crate::search::index_dir(*l)).collect();
            c.files.retain(|path, _| !dirs.iter().any(|d| path.starts_with(d.as_str())));
            for f in files {
                c.files.insert(f.path, Bytes::from(f.bytes));
            }
        }
    }

    /// How many jobs of phase 2 the last compile ran, when it re-rendered only what changed.
    pub fn jobs_run_last(&self) -> Option<usize> {
        self.outputs.as_ref().and_then(|c| c.lock().unwrap_or_else(|e| e.into_inner()).jobs_run)
    }
}

/// A hash of everything phase 2 reads but the HTML of the page bodies:
/// the phase-1 fingerprint (site without bodies, theme), what each body
/// tells the rest of the site (headings, references, glossary terms), the
/// translation status of every page, and whether handouts link to PDFs.
fn outputs_fingerprint(context: blake3::Hash, site: &Site, bodies: &Bodies, pdf: bool) -> blake3::Hash {
    let mut h = HashWriter::default();
    h.0.extend_from_slice(context.as_bytes());
    let _ = write!(h, "{pdf}");
    let mut put = |s: &str| {
        h.0.extend_from_slice(&(s.len() as u64).to_le_bytes());
        h.0.extend_from_slice(s.as_bytes());
    };
    for ((i, lang), r) in bodies {
        put(&i.to_string());
        put(lang.code());
        for x in &r.headings {
            put(&x.level.to_string());
            put(&x.id);
            put(&x.text);
        }
        put("terms");
        for t in &r.terms {
            put(t);
        }
        put("refs");
        for u in &r.refs {
            put(&u.page_id);
            put(u.anchor.as_deref().unwrap_or("\0"));
        }
    }
    for page in site.pages() {
        for lang in page.texts.keys() {
            let _ = write!(h, "{:?}", crate::resolve::translation::status(page, *lang));
        }
    }
    h.finish()
}

/// A hash of everything a page body's rendering may read besides the body:
/// the site with the pages and the glossary taken out for the moment (the
/// glossary is represented by `glossary_hash`), each page's
/// [`PageText::head_hash`](crate::model::PageText::head_hash) (everything
/// of a page but its bodies is made from its files' front matter and the
/// configuration), and the theme.
fn fingerprint(site: &mut Site, theme: &Theme, glossary_hash: blake3::Hash) -> blake3::Hash {
    let glossary = std::mem::take(&mut site.glossary);
    // Everything but the pages and the glossary: configuration, home texts, assets.
    let mut h = HashWriter::default();
    let _ = site.without_pages(|rest| write!(h, "{rest:?}"));
    h.0.extend_from_slice(glossary_hash.as_bytes());
    site.glossary = glossary;
    for page in site.pages() {
        for (lang, t) in &page.texts {
            let _ = write!(h, "\0{lang:?}\0{}\0", t.path.display());
            h.0.extend_from_slice(&t.head_hash());
        }
    }
    for (name, f) in theme.templates.iter().chain(&theme.statics) {
        let _ = write!(h, "{name}\0{}\0", f.origin.display());
        h.0.extend_from_slice(&f.bytes);
    }
    let _ = write!(h, "{:?}", theme.strings);
    h.finish()
}

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;
