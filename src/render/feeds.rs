//! Atom feeds: `/{lang}/atom.xml`, the site's dated pages, newest first.
//!
//! A page is in the feed of each language it exists in when it has an
//! `updated` or `date` field; entries are ordered by that date (newest
//! first, then by id) and capped at [`MAX_ENTRIES`]. Dates are written at
//! midnight UTC, and the feed's own `updated` is its newest entry's, so the
//! output never depends on the clock. Every text is escaped; URLs are
//! absolute from `base_url` (RFC 4287).

use std::fmt::Write as _;

use super::OutFile;
use crate::escape;
use crate::lang::Lang;
use crate::model::Site;
use crate::paths;

/// Entries per feed at most.
pub const MAX_ENTRIES: usize = 50;

/// The date of a feed without dated pages.
const EPOCH: &str = "1970-01-01T00:00:00Z";

/// The Atom feed of `lang`.
pub fn atom(site: &Site, lang: Lang, path: String) -> OutFile {
    let cfg = &site.config;
    let mut dated: Vec<(jiff::civil::Date, &str, usize)> = site
        .pages()
        .iter()
        .enumerate()
        .filter(|(_, p)| p.texts.contains_key(&lang))
        .filter_map(|(i, p)| p.meta.updated.or(p.meta.date).map(|d| (d, p.id.as_str(), i)))
        .collect();
    dated.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    dated.truncate(MAX_ENTRIES);
    let stamp = |d: jiff::civil::Date| format!("{d}T00:00:00Z");
    let home = paths::absolute(&cfg.base_url, &paths::home_dir(lang));
    let self_url = paths::absolute(&cfg.base_url, &paths::feed(lang));
    let title = cfg.title.get_or_any(lang);
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(x, "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">");
    let _ = writeln!(x, "<title>{}</title>", escape::xml(title));
    if let Some(d) = &cfg.description {
        let _ = writeln!(x, "<subtitle>{}</subtitle>", escape::xml(d.get_or_any(lang)));
    }
    let _ = writeln!(x, "<id>{}</id>", escape::xml(&home));
    let _ = writeln!(x, "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>", escape::xml(&home));
    let _ = writeln!(x, "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>", escape::xml(&self_url));
    let updated = dated.first().map(|(d, _, _)| stamp(*d)).unwrap_or_else(|| EPOCH.into());
    let _ = writeln!(x, "<updated>{updated}</updated>");
    let _ = writeln!(x, "<author><name>{}</name></author>", escape::xml(title));
    x.push_str("<generator>tebiki</generator>\n");
    for (date, _, i) in &dated {
        let page = &site.pages()[*i];
        let text = &page.texts[&lang];
        let url = paths::absolute(&cfg.base_url, &paths::page_dir(lang, &page.folder, &page.id));
        x.push_str("<entry>\n");
        let _ = writeln!(x, "<title>{}</title>", escape::xml(&text.title));
        let _ = writeln!(x, "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>", escape::xml(&url));
        let _ = writeln!(x, "<id>{}</id>", escape::xml(&url));
        let _ = writeln!(x, "<updated>{}</updated>", stamp(*date));
        if let Some(d) = page.meta.date {
            let _ = writeln!(x, "<published>{}</published>", stamp(d));
        }
        if let Some(k) = cfg.kind(&page.kind) {
            let _ = writeln!(x, "<category term=\"{}\" label=\"{}\"/>", escape::xml(&k.key), escape::xml(k.label.get_or_any(lang)));
        }
        if let Some(s) = &text.summary {
            let _ = writeln!(x, "<summary>{}</summary>", escape::xml(s));
        }
        x.push_str("</entry>\n");
    }
    x.push_str("</feed>\n");
    OutFile { path, bytes: x.into_bytes() }
}
