//! Machine-readable site files: `data/site.json`, `sitemap.xml`, `robots.txt`.
//!
//! `site.json` is the site's knowledge graph for other tools: every page with
//! its titles and URLs per language, structured fields, relations, backlinks
//! and glossary terms, and the glossary itself. Its shape is versioned
//! (`format`) and documented in the README. Maps are sorted; the output is
//! byte-identical for the same input.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::urls;
use super::{Bodies, OutFile};
use crate::lang::Lang;
use crate::model::{BudgetLine, EntryText, Site, Source};
use crate::resolve::Index;

/// The version of `site.json`'s shape.
pub const SITE_JSON_FORMAT: u32 = 1;

#[derive(Serialize)]
struct SiteJson<'a> {
    format: u32,
    base_url: &'a str,
    languages: Vec<Lang>,
    default_language: Lang,
    pages: Vec<PageJson<'a>>,
    glossary: Vec<EntryJson<'a>>,
}

#[derive(Serialize)]
struct PageJson<'a> {
    id: &'a str,
    kind: &'a str,
    source_language: Lang,
    title: BTreeMap<Lang, &'a str>,
    summary: BTreeMap<Lang, &'a str>,
    /// Absolute URLs per language.
    url: BTreeMap<Lang, String>,
    /// Output paths per language, relative to the site root.
    path: BTreeMap<Lang, String>,
    period: Vec<&'a str>,
    parent: Option<&'a str>,
    number: Option<u32>,
    ministries: Vec<&'a str>,
    lead_ministry: Option<&'a str>,
    diseases: Vec<&'a str>,
    tags: Vec<&'a str>,
    budget: Vec<BudgetJson<'a>>,
    succeeds: Vec<&'a str>,
    related: Vec<&'a str>,
    children: Vec<&'a str>,
    successors: Vec<&'a str>,
    /// Pages this page refers to, in its bodies or front matter.
    references: Vec<&'a str>,
    /// Pages that refer to this page: the inverse of `references`.
    backlinks: Vec<&'a str>,
    /// Glossary entries used, per language.
    terms: BTreeMap<Lang, Vec<&'a str>>,
    sources: &'a [Source],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pages: Vec<&'a str>,
    date: Option<String>,
    updated: Option<String>,
}

#[derive(Serialize)]
struct BudgetJson<'a> {
    #[serde(flatten)]
    line: &'a BudgetLine,
}

#[derive(Serialize)]
struct EntryJson<'a> {
    id: &'a str,
    reading: &'a str,
    #[serde(flatten)]
    langs: &'a BTreeMap<Lang, EntryText>,
    aliases: &'a [String],
    see: Vec<&'a str>,
    page: Option<&'a str>,
}

/// `data/site.json`.
pub fn site_json(site: &Site, ix: &Index, bodies: &Bodies) -> OutFile {
    let cfg = &site.config;
    let id = |i: &usize| site.pages[*i].id.as_str();
    let mut references: Vec<std::collections::BTreeSet<usize>> = vec![Default::default(); site.pages.len()];
    for (to, froms) in ix.backlinks.iter().enumerate() {
        for from in froms {
            references[*from].insert(to);
        }
    }
    let pages = site
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let langs: Vec<Lang> = p.texts.keys().copied().collect();
            let dir = |l: Lang| urls::page_dir(l, &p.folder, &p.id);
            PageJson {
                id: &p.id,
                kind: &p.kind,
                source_language: p.source_lang,
                title: p.texts.iter().map(|(l, t)| (*l, t.title.as_str())).collect(),
                summary: p.texts.iter().filter_map(|(l, t)| t.summary.as_deref().map(|s| (*l, s))).collect(),
                url: langs.iter().map(|l| (*l, urls::absolute(&cfg.base_url, &dir(*l)))).collect(),
                path: langs.iter().map(|l| (*l, urls::index_of(&dir(*l)))).collect(),
                period: p.meta.period.iter().map(|x| x.value.as_str()).collect(),
                parent: ix.parent[i].map(|j| id(&j)),
                number: p.meta.number,
                ministries: p.meta.ministries.iter().map(|x| x.value.as_str()).collect(),
                lead_ministry: p.meta.lead_ministry.as_ref().map(|x| x.value.as_str()),
                diseases: p.meta.diseases.iter().map(|x| x.value.as_str()).collect(),
                tags: p.meta.tags.iter().map(|x| x.value.as_str()).collect(),
                budget: p.meta.budget.iter().map(|line| BudgetJson { line }).collect(),
                succeeds: ix.predecessors[i].iter().map(id).collect(),
                related: ix.related[i].iter().map(id).collect(),
                children: ix.children[i].iter().map(id).collect(),
                successors: ix.successors[i].iter().map(id).collect(),
                references: references[i].iter().map(id).collect(),
                backlinks: ix.backlinks[i].iter().map(id).collect(),
                terms: langs
                    .iter()
                    .filter_map(|l| bodies.get(&(i, *l)).map(|b| (*l, b.terms.iter().map(String::as_str).collect())))
                    .collect(),
                sources: &p.meta.sources,
                pages: ix.handout_pages[i].iter().map(id).collect(),
                date: p.meta.date.map(|d| d.to_string()),
                updated: p.meta.updated.map(|d| d.to_string()),
            }
        })
        .collect();
    let glossary = site
        .glossary
        .iter()
        .map(|e| EntryJson {
            id: &e.id,
            reading: &e.reading,
            langs: &e.langs,
            aliases: &e.aliases,
            see: e.see.iter().map(|s| s.value.as_str()).collect(),
            page: e.page.as_ref().map(|p| p.value.as_str()),
        })
        .collect();
    let doc = SiteJson {
        format: SITE_JSON_FORMAT,
        base_url: &cfg.base_url,
        languages: cfg.languages.clone(),
        default_language: cfg.default_language,
        pages,
        glossary,
    };
    let json = serde_json::to_string_pretty(&doc).unwrap_or_default();
    // `<`, `>` and `&` only occur inside JSON strings: escape them so the file is safe to embed in HTML.
    let mut bytes = json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026").into_bytes();
    bytes.push(b'\n');
    OutFile { path: "data/site.json".into(), bytes }
}

/// `robots.txt` and `sitemap.xml`.
pub fn site_files(site: &Site) -> Vec<OutFile> {
    let cfg = &site.config;
    let robots = format!("User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n", cfg.base_url);
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&apos;");
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let mut groups: Vec<BTreeMap<Lang, String>> = vec![cfg.languages.iter().map(|l| (*l, urls::section_dir(*l, ""))).collect()];
    for k in &cfg.kinds {
        if site.pages.iter().any(|p| p.kind == k.key) {
            groups.push(cfg.languages.iter().map(|l| (*l, urls::section_dir(*l, &k.folder))).collect());
        }
    }
    for p in &site.pages {
        groups.push(p.texts.keys().filter(|l| cfg.builds(**l)).map(|l| (*l, urls::page_dir(*l, &p.folder, &p.id))).collect());
    }
    for g in &groups {
        for dir in g.values() {
            let _ = writeln!(xml, "<url>\n<loc>{}</loc>", esc(&urls::absolute(&cfg.base_url, dir)));
            if g.len() > 1 {
                for (l, d) in g {
                    let _ = writeln!(
                        xml,
                        "<xhtml:link rel=\"alternate\" hreflang=\"{l}\" href=\"{}\"/>",
                        esc(&urls::absolute(&cfg.base_url, d))
                    );
                }
                if let Some(d) = g.get(&cfg.default_language) {
                    let _ = writeln!(
                        xml,
                        "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
                        esc(&urls::absolute(&cfg.base_url, d))
                    );
                }
            }
            xml.push_str("</url>\n");
        }
    }
    xml.push_str("</urlset>\n");
    vec![OutFile { path: "robots.txt".into(), bytes: robots.into_bytes() }, OutFile { path: "sitemap.xml".into(), bytes: xml.into_bytes() }]
}
