//! Search: the index every language's search page queries in the browser.
//!
//! Built from what phase 1 of rendering already extracted (each page's
//! title, summary and the plain text of its body; never the HTML, the
//! navigation or the terms box), with kind, period and ministries as
//! filters. [`Corpus::collect`] gathers the documents, [`Corpus::build`]
//! tokenizes them in parallel ([`tokenizer`]) and writes the files
//! ([`index`]); the browser side is `tebiki-search.js` in the theme.
//!
//! Files of format version 1, per language, under `{lang}/search/v1/`:
//!
//! - `manifest.json` — `format`, `version`, `lang`, `stem` (English
//!   stemming on), `docs`, `terms`, `shard_bits`, `shards` (which shards
//!   exist: a bitmap in hexadecimal, byte `s / 8`, bit `s % 8`),
//!   `meta_chunk` and the filter values present (`facets`: `kind`,
//!   `period`, `ministries`);
//! - `t/{shard}.bin` — the terms whose FNV-1a hash starts with the shard's
//!   `shard_bits` bits: `TBKS` 0x01, varint term count, then per term in
//!   byte order: varint length, UTF-8 bytes, varint posting count *n*, a
//!   form byte and the documents — form 0: *n* varint deltas (the first
//!   from 0); form 1: a varint length and a bitmap (byte `d / 8`, bit
//!   `d % 8`), whichever is smaller — then *n* weight bytes (0x80 title,
//!   0x40 summary, low 6 bits occurrences up to 63);
//! - `m/{n}.json` — documents `n·meta_chunk …`: `[url, title, meta line,
//!   text chunk]`, the URL relative to the search page;
//! - `x/{n}.json` — `{"first": doc, "texts": […]}`: summary and body text
//!   of consecutive documents (8 KiB each at most) for excerpts;
//! - `f/{facet}/{value}.bin` — `TBKF` 0x01, varint count, varint document
//!   deltas: the documents with that kind, period or ministry;
//! - `l.bin` — `TBKL` 0x01, then one byte per document: the number of
//!   distinct terms of its title (at most 255). Among results with every
//!   term in the title, the client ranks the shortest titles first, so the
//!   page titled exactly as the query comes first; a client that cannot
//!   load it keeps the order without it.
//!
//! Documents are numbered in site order; every list is sorted, so the files
//! are byte-identical from one build to the next.

pub mod index;
pub mod tokenizer;

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use rayon::prelude::*;

use crate::lang::Lang;
use crate::markdown::Bodies;
use crate::model::{Page, Site};
use crate::paths;
use crate::plan::{Collect, OutFile, Sink};

/// The `format` field of the manifest.
pub const FORMAT: &str = "tebiki-search";
/// The format version; also the folder name (`v1`).
pub const VERSION: u32 = paths::SEARCH_INDEX_VERSION;
/// The facet used for the ministry filter, when the site defines it.
pub const MINISTRIES: &str = "ministries";

/// The folder of a language's index, relative to the output root.
pub fn index_dir(lang: Lang) -> String {
    paths::search_index_dir(lang)
}

/// One page in one language, as the index sees it.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    /// Relative to the search page (`../programs/b-cure/index.html`).
    pub url: String,
    pub title: String,
    pub summary: Option<String>,
    /// The plain text of the body.
    pub text: std::sync::Arc<str>,
    /// Kind label and periods: `事業 · 第3期`.
    pub meta: String,
    /// Filter values: `kind`, `period`, `ministries` → keys.
    pub facets: BTreeMap<&'static str, Vec<String>>,
}

/// The documents of one language.
#[derive(Debug, Clone)]
pub struct LangCorpus {
    pub lang: Lang,
    /// Reduce English words to stems.
    pub stem: bool,
    pub docs: Vec<Doc>,
}

/// Everything the index is built from, owned, so it can be built later
/// (`serve` builds it after the reload).
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub langs: Vec<LangCorpus>,
}

/// The pages of `lang` in the index, in site order.
pub fn pages_in(site: &Site, lang: Lang) -> impl Iterator<Item = (usize, &Page)> {
    site.pages().iter().enumerate().map(|(i, p)| (i, &**p)).filter(move |(_, p)| p.texts.contains_key(&lang))
}

/// The filter values of a page: kind, periods, ministries.
pub fn page_facets(site: &Site, page: &Page) -> BTreeMap<&'static str, Vec<String>> {
    let mut f = BTreeMap::new();
    f.insert("kind", vec![page.kind.clone()]);
    f.insert("period", page.meta.period.iter().map(|p| p.value.clone()).collect());
    if site.config.facets.iter().any(|x| x.key == MINISTRIES) {
        f.insert(MINISTRIES, page.meta.facet(MINISTRIES).iter().map(|m| m.value.clone()).collect());
    }
    f
}

impl Doc {
    /// The text kept for excerpts: summary and body, cut at [`index::TEXT_CAP`] bytes.
    pub fn excerpt(&self) -> String {
        let body = cap(&self.text, index::TEXT_CAP);
        match &self.summary {
            Some(s) => cap(&format!("{s}\n{body}"), index::TEXT_CAP).to_string(),
            None => body.to_string(),
        }
    }

    /// The length of [`excerpt`](Self::excerpt) in bytes, near enough to pack chunks by.
    pub fn excerpt_len(&self) -> usize {
        let body = self.text.len().min(index::TEXT_CAP);
        self.summary.as_ref().map_or(body, |s| (s.len() + 1 + body).min(index::TEXT_CAP))
    }
}

impl Corpus {
    /// The documents of every language built, taking each body's text out of `bodies`.
    pub fn collect(site: &Site, bodies: &Bodies) -> Corpus {
        let cfg = &site.config;
        let langs = cfg
            .languages
            .iter()
            .map(|&lang| {
                let search_dir = paths::search_dir(lang);
                let docs = pages_in(site, lang)
                    .map(|(i, page)| {
                        let t = &page.texts[&lang];
                        let text = bodies.get(&(i, lang)).map(|r| r.text.clone()).unwrap_or_default();
                        let mut meta = vec![cfg.kind(&page.kind).map(|k| k.label.get_or_any(lang).to_string()).unwrap_or_default()];
                        meta.extend(
                            page.meta.period.iter().filter_map(|p| cfg.period(&p.value)).map(|p| p.label.get_or_any(lang).to_string()),
                        );
                        Doc {
                            url: paths::relative(&search_dir, &paths::page_index(lang, &page.folder, &page.id)),
                            title: t.title.clone(),
                            summary: t.summary.clone(),
                            text,
                            meta: meta.join(" · "),
                            facets: page_facets(site, page),
                        }
                    })
                    .collect();
                LangCorpus { lang, stem: lang == Lang::En, docs }
            })
            .collect();
        Corpus { langs }
    }

    /// Builds every language's index and returns its files, sorted by path.
    pub fn build(&self) -> Vec<OutFile> {
        let files = Collect::default();
        self.build_into(&files);
        files.into_files()
    }

    /// Builds every language's index, handing each file to `sink` as soon as
    /// it is made instead of holding the whole index: returns their paths.
    pub fn build_into(&self, sink: &dyn Sink) -> Vec<String> {
        let made = Mutex::new(Vec::new());
        self.langs.par_iter().for_each(|c| {
            write_language(c, &|f| {
                sink.put(&f);
                locked(&made).push(f.path);
            })
        });
        made.into_inner().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Builds the index of one language and hands its files to `put`.
fn write_language(c: &LangCorpus, put: &(dyn Fn(OutFile) + Sync)) {
    let built = index::build(c);
    index::write(c, &built, &index_dir(c.lang), put);
}

fn locked<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// `text` cut to at most `max` bytes, at a character boundary.
pub fn cap(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests;
