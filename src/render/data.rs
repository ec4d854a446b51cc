//! Machine-readable site files: `data/site.json`, `sitemap.xml`, `robots.txt`
//! (what the sitemap lists is the plan's: [`crate::plan::SitemapEntry`]).
//!
//! `site.json` is the site's knowledge graph for other tools: every page with
//! its titles and URLs per language, structured fields, relations, backlinks
//! and glossary terms, and the glossary itself. Its shape is versioned
//! (`format`) and documented in the README. Maps are sorted; the output is
//! byte-identical for the same input.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::{Bodies, OutFile};
use crate::escape;
use crate::lang::Lang;
use crate::model::{BudgetLine, EntryText, Site, Source};
use crate::paths;
use crate::plan::SitemapEntry;
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
pub fn site_json(site: &Site, ix: &Index, bodies: &Bodies, path: String) -> OutFile {
    let cfg = &site.config;
    let id = |i: &usize| site.pages()[*i].id.as_str();
    let mut references: Vec<std::collections::BTreeSet<usize>> = vec![Default::default(); site.pages().len()];
    for (to, froms) in ix.backlinks().iter().enumerate() {
        for from in froms {
            references[*from].insert(to);
        }
    }
    let pages = site
        .pages()
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let langs: Vec<Lang> = p.texts.keys().copied().collect();
            let dir = |l: Lang| paths::page_dir(l, &p.folder, &p.id);
            PageJson {
                id: &p.id,
                kind: &p.kind,
                source_language: p.source_lang,
                title: p.texts.iter().map(|(l, t)| (*l, t.title.as_str())).collect(),
                summary: p.texts.iter().filter_map(|(l, t)| t.summary.as_deref().map(|s| (*l, s))).collect(),
                url: langs.iter().map(|l| (*l, paths::absolute(&cfg.base_url, &dir(*l)))).collect(),
                path: langs.iter().map(|l| (*l, paths::index_of(&dir(*l)))).collect(),
                period: p.meta.period.iter().map(|x| x.value.as_str()).collect(),
                parent: ix.parent()[i].map(|j| id(&j)),
                number: p.meta.number,
                ministries: p.meta.ministries.iter().map(|x| x.value.as_str()).collect(),
                lead_ministry: p.meta.lead_ministry.as_ref().map(|x| x.value.as_str()),
                diseases: p.meta.diseases.iter().map(|x| x.value.as_str()).collect(),
                tags: p.meta.tags.iter().map(|x| x.value.as_str()).collect(),
                budget: p.meta.budget.iter().map(|line| BudgetJson { line }).collect(),
                succeeds: ix.predecessors()[i].iter().map(id).collect(),
                related: ix.related()[i].iter().map(id).collect(),
                children: ix.children()[i].iter().map(id).collect(),
                successors: ix.successors()[i].iter().map(id).collect(),
                references: references[i].iter().map(id).collect(),
                backlinks: ix.backlinks()[i].iter().map(id).collect(),
                terms: langs
                    .iter()
                    .filter_map(|l| bodies.get(&(i, *l)).map(|b| (*l, b.terms.iter().map(String::as_str).collect())))
                    .collect(),
                sources: &p.meta.sources,
                pages: ix.handout_pages()[i].iter().map(id).collect(),
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
    // Written in one pass, with no copies: the file is the largest the build writes (35 MB for 20,000 pages).
    let mut bytes = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut bytes, escape::JsonHtmlSafe(serde_json::ser::PrettyFormatter::new()));
    if doc.serialize(&mut ser).is_err() {
        bytes.clear();
    }
    bytes.push(b'\n');
    bytes.shrink_to_fit();
    OutFile { path, bytes }
}

/// `robots.txt`: everything allowed, and where the sitemap is.
pub fn robots(site: &Site, path: String) -> OutFile {
    let robots = format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", paths::absolute(&site.config.base_url, paths::SITEMAP));
    OutFile { path, bytes: robots.into_bytes() }
}

/// `sitemap.xml`, or an index of `sitemap-N.xml` files when there are more than `max` URLs.
pub fn sitemaps(base_url: &str, default: Lang, entries: &[SitemapEntry], max: usize) -> Vec<OutFile> {
    let mut urls_xml: Vec<String> = Vec::new();
    for e in entries {
        for dir in e.dirs.values() {
            let mut x = format!("<url>\n<loc>{}</loc>\n", escape::xml(&paths::absolute(base_url, dir)));
            if let Some(d) = &e.lastmod {
                let _ = writeln!(x, "<lastmod>{}</lastmod>", escape::xml(d));
            }
            if e.dirs.len() > 1 {
                for (l, d) in &e.dirs {
                    let _ = writeln!(
                        x,
                        "<xhtml:link rel=\"alternate\" hreflang=\"{l}\" href=\"{}\"/>",
                        escape::xml(&paths::absolute(base_url, d))
                    );
                }
                if let Some(d) = e.dirs.get(&default).or_else(|| e.dirs.values().next()) {
                    let _ = writeln!(
                        x,
                        "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
                        escape::xml(&paths::absolute(base_url, d))
                    );
                }
            }
            x.push_str("</url>\n");
            urls_xml.push(x);
        }
    }
    const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    let urlset = |chunk: &[String]| {
        let mut xml =
            format!("{HEAD}<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
        chunk.iter().for_each(|u| xml.push_str(u));
        xml.push_str("</urlset>\n");
        xml.into_bytes()
    };
    let max = max.max(1);
    if urls_xml.len() <= max {
        return vec![OutFile { path: paths::SITEMAP.into(), bytes: urlset(&urls_xml) }];
    }
    let mut out = Vec::new();
    let mut index = format!("{HEAD}<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (n, chunk) in urls_xml.chunks(max).enumerate() {
        let name = paths::sitemap_part(n + 1);
        let _ = writeln!(index, "<sitemap><loc>{}</loc></sitemap>", escape::xml(&paths::absolute(base_url, &name)));
        out.push(OutFile { path: name, bytes: urlset(chunk) });
    }
    index.push_str("</sitemapindex>\n");
    out.push(OutFile { path: paths::SITEMAP.into(), bytes: index.into_bytes() });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(rest: &str) -> SitemapEntry {
        SitemapEntry { dirs: [(Lang::Ja, format!("ja/{rest}")), (Lang::En, format!("en/{rest}"))].into(), lastmod: None }
    }

    #[test]
    fn small_sites_get_one_urlset_with_alternates() {
        let files = sitemaps("https://example.org/", Lang::Ja, &[entry("a/")], 10);
        assert_eq!(files.len(), 1);
        let xml = String::from_utf8(files[0].bytes.clone()).unwrap();
        assert_eq!(xml.matches("<url>").count(), 2);
        assert!(xml.contains(r#"<xhtml:link rel="alternate" hreflang="x-default" href="https://example.org/ja/a/"/>"#));
    }

    #[test]
    fn past_the_limit_sitemap_xml_is_an_index() {
        let entries: Vec<SitemapEntry> = (0..5).map(|i| entry(&format!("p{i}/"))).collect();
        let files = sitemaps("https://example.org/hms/", Lang::Ja, &entries, 4);
        let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(names, ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]);
        let index = String::from_utf8(files[3].bytes.clone()).unwrap();
        assert!(index.contains("<sitemapindex"));
        assert!(index.contains("<loc>https://example.org/hms/sitemap-3.xml</loc>"));
        let urls: usize = files[..3].iter().map(|f| String::from_utf8_lossy(&f.bytes).matches("<url>").count()).sum();
        assert_eq!(urls, 10);
    }
}

#[cfg(test)]
mod html_safe_tests {
    use super::*;

    #[test]
    fn html_characters_in_strings_are_escaped_and_read_back() {
        let mut bytes = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut bytes, escape::JsonHtmlSafe(serde_json::ser::PrettyFormatter::new()));
        let value = BTreeMap::from([("</script>&", vec!["<b>a & b</b>", "plain"])]);
        value.serialize(&mut ser).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(!text.contains(['<', '>', '&']), "{text}");
        assert!(text.contains("\\u003c/script\\u003e\\u0026"), "{text}");
        let back: BTreeMap<String, Vec<String>> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, BTreeMap::from([("</script>&".to_string(), vec!["<b>a & b</b>".to_string(), "plain".to_string()])]));
        assert_eq!(
            text,
            serde_json::to_string_pretty(&value).unwrap().replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
        );
    }
}
