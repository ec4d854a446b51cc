//! What the sitemap lists: every HTML page the plan holds except the root
//! language chooser, `404.html` and the redirects of aliases, grouped by
//! page (the same page's folder in each language, for `hreflang`), and how
//! many files it takes.

use std::collections::BTreeMap;

use super::{Job, View};
use crate::lang::Lang;
use crate::model::Site;
use crate::paths;

/// The most URLs one sitemap file may list (sitemaps.org); past it, `sitemap.xml` is an index.
pub const SITEMAP_MAX_URLS: usize = 50_000;

/// One page of the sitemap: the same page's folder in each language that has it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SitemapEntry {
    pub dirs: BTreeMap<Lang, String>,
    /// `updated` or `date` of a content page.
    pub lastmod: Option<String>,
}

/// The sitemap's entries, from the HTML files planned, sorted by path.
pub fn sitemap_entries<'p>(site: &Site, html: impl Iterator<Item = &'p str>) -> Vec<SitemapEntry> {
    let cfg = &site.config;
    let mut skip = std::collections::BTreeSet::new();
    let mut lastmod = BTreeMap::new();
    for p in site.pages() {
        for l in p.texts.keys() {
            for a in &p.meta.aliases {
                skip.insert(paths::alias_dir(*l, &p.folder, &a.value));
            }
            if let Some(d) = p.meta.updated.or(p.meta.date) {
                lastmod.insert(paths::page_dir(*l, &p.folder, &p.id), d.to_string());
            }
        }
    }
    let mut groups: BTreeMap<&str, SitemapEntry> = BTreeMap::new();
    for path in html {
        let Some(dir) = paths::folder_of_index(path) else { continue };
        let Some((lang, rest)) = paths::split_lang(dir).filter(|(l, _)| cfg.builds(*l)) else { continue };
        if skip.contains(dir) {
            continue;
        }
        let e = groups.entry(rest).or_default();
        if e.lastmod.is_none() {
            e.lastmod = lastmod.get(dir).cloned();
        }
        e.dirs.insert(lang, dir.to_string());
    }
    groups.into_values().collect()
}

/// The sitemap's job: `sitemap.xml`, or past [`SITEMAP_MAX_URLS`] URLs its
/// parts and `sitemap.xml` as their index.
pub(super) fn job(entries: Vec<SitemapEntry>) -> Job {
    let urls: usize = entries.iter().map(|e| e.dirs.len()).sum();
    let mut files: Vec<String> = Vec::new();
    if urls > SITEMAP_MAX_URLS {
        files.extend((1..=urls.div_ceil(SITEMAP_MAX_URLS)).map(paths::sitemap_part));
    }
    files.push(paths::SITEMAP.into());
    Job { view: View::Sitemap(entries), paths: files }
}
