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
    // Written in one pass, with no copies: the file is the largest the build writes (35 MB for 20,000 pages).
    let mut bytes = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut bytes, HtmlSafe(serde_json::ser::PrettyFormatter::new()));
    if doc.serialize(&mut ser).is_err() {
        bytes.clear();
    }
    bytes.push(b'\n');
    bytes.shrink_to_fit();
    OutFile { path: "data/site.json".into(), bytes }
}

/// Pretty JSON with `<`, `>` and `&` in strings written as `\u003c`, `\u003e`, `\u0026`, so the file is safe to
/// embed in HTML (they occur nowhere else in JSON).
struct HtmlSafe<'a>(serde_json::ser::PrettyFormatter<'a>);

impl serde_json::ser::Formatter for HtmlSafe<'_> {
    fn write_string_fragment<W: ?Sized + std::io::Write>(&mut self, w: &mut W, fragment: &str) -> std::io::Result<()> {
        let mut start = 0;
        for (i, b) in fragment.bytes().enumerate() {
            let escaped: &[u8] = match b {
                b'<' => b"\\u003c",
                b'>' => b"\\u003e",
                b'&' => b"\\u0026",
                _ => continue,
            };
            w.write_all(&fragment.as_bytes()[start..i])?;
            w.write_all(escaped)?;
            start = i + 1;
        }
        w.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
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

#[cfg(test)]
mod html_safe_tests {
    use super::*;

    #[test]
    fn html_characters_in_strings_are_escaped_and_read_back() {
        let mut bytes = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut bytes, HtmlSafe(serde_json::ser::PrettyFormatter::new()));
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
