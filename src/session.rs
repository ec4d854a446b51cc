//! A [`Session`]: the pipeline run again and again on one site, keeping what
//! did not change.
//!
//! `tebiki build` compiles once; `tebiki serve` compiles after every save.
//! A session keeps, from one compile to the next:
//!
//! - the code highlighter's syntax and theme sets, which take a noticeable
//!   time to load and never depend on the site;
//! - with [`Session::reusing_bodies`], every page's rendered Markdown. A
//!   body is reused only when its own Markdown is the same *and* nothing
//!   else that rendering may read has changed: a fingerprint of the whole
//!   site with the page bodies left out (configuration, every page's front
//!   matter, file names and body lines, the glossary, the assets) and of the
//!   theme. Editing one page's text re-renders that page alone; editing a
//!   title, the glossary, a template or site.yaml re-renders every body. The
//!   fingerprint is taken from the model's `Debug` form, so a field added to
//!   the model later is covered without anyone remembering to add it here.
//!
//! Everything after the bodies (checks, backlinks, templates) runs in full on
//! every compile, so a reused build is byte-identical to a fresh one.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::Compiled;
use crate::diagnostic::Diagnostics;
use crate::lang::Lang;
use crate::model::Site;
use crate::render::markdown::{Highlighter, Rendered};
use crate::render::theme::Theme;
use crate::render::{self, Bodies};

/// What stays loaded between compiles of one site.
#[derive(Default)]
pub struct Session {
    highlighter: Highlighter,
    /// `None` when bodies are not kept.
    bodies: Option<Mutex<BodyCache>>,
}

#[derive(Default)]
struct BodyCache {
    /// Fingerprint of everything but the bodies, when these were rendered.
    context: Option<blake3::Hash>,
    /// By source file and language: the hash of the Markdown and its rendering.
    entries: HashMap<(PathBuf, Lang), (blake3::Hash, Rendered)>,
    /// How many bodies the last compile reused.
    reused: usize,
}

impl Session {
    /// A session that keeps the highlighter only (for one build).
    pub fn new() -> Session {
        Session::default()
    }

    /// A session that also keeps every page's rendered body (for `serve`).
    pub fn reusing_bodies() -> Session {
        Session { bodies: Some(Mutex::new(BodyCache::default())), ..Session::default() }
    }

    /// How many page bodies the last compile took from the previous one.
    pub fn reused_last(&self) -> usize {
        self.bodies.as_ref().map_or(0, |c| c.lock().unwrap_or_else(|e| e.into_inner()).reused)
    }

    /// Reads, checks and renders the site under `root`; writes nothing.
    pub fn compile(&self, root: &Path, base_url: Option<&str>, drafts: bool) -> Result<Compiled, Diagnostics> {
        crate::compile_in(self, root, base_url, drafts)
    }

    /// The code highlighter, loaded once.
    pub fn highlighter(&self) -> &Highlighter {
        &self.highlighter
    }

    /// Phase 1 of rendering: every page body, reusing the previous compile's
    /// where nothing it depends on changed (see the module documentation).
    pub fn render_bodies(&self, site: &mut Site, theme: &Theme) -> (Bodies, BTreeMap<Lang, Rendered>) {
        let hl = &self.highlighter;
        let Some(cache) = &self.bodies else { return render::render_bodies(site, theme, hl) };
        let context = fingerprint(site, theme);
        let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
        let fresh = cache.context != Some(context);
        let hits = AtomicUsize::new(0);
        let reuse = |i: usize, lang: Lang| {
            let text = &site.pages[i].texts[&lang];
            let (hash, r) = cache.entries.get(&(text.path.clone(), lang)).filter(|_| !fresh)?;
            let same = *hash == blake3::hash(text.body.as_bytes());
            hits.fetch_add(usize::from(same), Ordering::Relaxed);
            same.then(|| r.clone())
        };
        let out = render::render_bodies_reusing(site, theme, hl, &reuse);
        cache.reused = hits.into_inner();
        cache.context = Some(context);
        cache.entries = out
            .0
            .iter()
            .map(|((i, lang), r)| {
                let text = &site.pages[*i].texts[lang];
                ((text.path.clone(), *lang), (blake3::hash(text.body.as_bytes()), r.clone()))
            })
            .collect();
        out
    }
}

/// Feeds formatted text straight into a hash.
struct HashWriter(blake3::Hasher);

impl std::fmt::Write for HashWriter {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.update(s.as_bytes());
        Ok(())
    }
}

/// A hash of everything a page body's rendering may read besides the body:
/// the site with the page bodies taken out for the moment, and the theme.
/// Pages are hashed in parallel (formatting is the cost).
fn fingerprint(site: &mut Site, theme: &Theme) -> blake3::Hash {
    let mut pages = std::mem::take(&mut site.pages);
    let page_hashes: Vec<blake3::Hash> = pages
        .par_iter_mut()
        .map(|page| {
            let bodies: Vec<String> = page.texts.values_mut().map(|t| std::mem::take(&mut t.body)).collect();
            let mut h = HashWriter(blake3::Hasher::new());
            let _ = write!(h, "{page:?}");
            for (t, body) in page.texts.values_mut().zip(bodies) {
                t.body = body;
            }
            h.0.finalize()
        })
        .collect();
    // Everything but the pages: configuration, glossary, home texts, assets.
    let mut h = HashWriter(blake3::Hasher::new());
    let _ = write!(h, "{site:?}");
    site.pages = pages;
    for p in &page_hashes {
        h.0.update(p.as_bytes());
    }
    for (name, f) in theme.templates.iter().chain(&theme.statics) {
        let _ = write!(h, "{name}\0{}\0", f.origin.display());
        h.0.update(&f.bytes);
    }
    let _ = write!(h, "{:?}", theme.strings);
    h.0.finalize()
}

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;
