//! What a handout contains, before anything is laid out.
//!
//! [`plan`] decides, for one handout in one language: which pages it
//! includes and in which language each is shown (the handout's, or the
//! page's source language when it has no translation), the glossary entries
//! of its appendix — exactly the terms that occur in the handout's own text
//! and in the included bodies, nothing else — and the sources of all of them,
//! the handout's first, each document once. [`body`] rewrites one rendered
//! body for the document (headings demoted, ids prefixed, links mapped).
//! Everything is in a fixed order.

use std::collections::{BTreeMap, BTreeSet};

use super::links::{self, LinkMap};
use super::rewrite::{self, Rules};
use crate::lang::Lang;
use crate::markdown::Bodies;
use crate::model::{Site, Source};
use crate::render::indexes::kana_key;

/// An included page and the language it is shown in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Included {
    pub page: usize,
    pub lang: Lang,
}

/// The contents of one handout in one language.
#[derive(Debug)]
pub struct Plan<'a> {
    pub included: Vec<Included>,
    /// Glossary entries (indexes into `Site::glossary`) of the appendix, in glossary order.
    pub terms: Vec<usize>,
    /// Sources of the handout and of its pages, each once, in order of first mention.
    pub sources: Vec<&'a Source>,
}

/// Plans handout `handout` in `lang`; `pages` are its pages in order.
pub fn plan<'a>(site: &'a Site, bodies: &Bodies, handout: usize, pages: &[usize], lang: Lang) -> Plan<'a> {
    let mut seen = BTreeSet::new();
    let included: Vec<Included> = pages
        .iter()
        .filter(|p| **p != handout && seen.insert(**p))
        .map(|&page| Included { page, lang: site.pages()[page].text_or_source(lang).1 })
        .collect();
    let mut used: BTreeSet<&str> = BTreeSet::new();
    let texts = std::iter::once((handout, lang)).chain(included.iter().map(|inc| (inc.page, inc.lang)));
    for key in texts {
        if let Some(r) = bodies.get(&key) {
            used.extend(r.terms.iter().map(String::as_str));
        }
    }
    let mut terms: Vec<usize> = (0..site.glossary.len()).filter(|k| used.contains(site.glossary[*k].id.as_str())).collect();
    terms.sort_by_cached_key(|k| glossary_key(site, *k, lang));
    let mut sources: Vec<&Source> = Vec::new();
    let owners = std::iter::once(handout).chain(included.iter().map(|inc| inc.page));
    for s in owners.flat_map(|p| &site.pages()[p].meta.sources) {
        if !sources.iter().any(|have| same_source(have, s, lang)) {
            sources.push(s);
        }
    }
    Plan { included, terms, sources }
}

/// The order of the glossary page: kana reading in Japanese, term in English.
fn glossary_key(site: &Site, k: usize, lang: Lang) -> (String, String) {
    let e = &site.glossary[k];
    let term = e.langs.get(&lang).or_else(|| e.langs.values().next()).map(|t| t.term.as_str()).unwrap_or("");
    match lang {
        Lang::Ja => (kana_key(if e.reading.is_empty() { term } else { &e.reading }), e.id.clone()),
        Lang::En => (term.to_lowercase(), e.id.clone()),
    }
}

/// Two citations of one document: same title, publisher, date and URL.
fn same_source(a: &Source, b: &Source, lang: Lang) -> bool {
    let publisher = |s: &Source| s.publisher.as_ref().map(|p| p.get_or_any(lang).to_string());
    a.title.get_or_any(lang) == b.title.get_or_any(lang) && a.url == b.url && a.date == b.date && publisher(a) == publisher(b)
}

/// One rendered body, rewritten for the handout. `own` is the included page
/// it belongs to (`None` for the handout's own text, whose ids are kept so
/// that links to its headings from elsewhere still work); `from_dir` the
/// folder it was rendered for; headings go one level down.
pub fn body(html: &str, map: &LinkMap, from_dir: &str, own: Option<(usize, &str)>) -> String {
    let prefix = own.map(|(_, id)| links::id_prefix(id)).unwrap_or_default();
    let page = own.map(|(i, _)| i);
    let href = |h: &str| map.href(from_dir, page, h);
    let src = |s: &str| map.src(from_dir, s);
    rewrite::rewrite(html, &Rules { demote: 1, id_prefix: &prefix, href: &href, src: &src })
}

/// A chart of included page `page` (drawn for its folder `from_dir`, its ids
/// already prefixed), rewritten for the handout: links mapped as in its
/// body, and the data table open, so that paper shows the numbers beside
/// the drawing.
pub fn chart(html: &str, map: &LinkMap, from_dir: &str, page: usize) -> String {
    use crate::render::charts::DATA_TABLE;
    let href = |h: &str| map.href(from_dir, Some(page), h);
    let src = |s: &str| map.src(from_dir, s);
    let out = rewrite::rewrite(html, &Rules { demote: 0, id_prefix: "", href: &href, src: &src });
    out.replace(DATA_TABLE, &format!("{}{}", &DATA_TABLE[..DATA_TABLE.len() - 1], " open>"))
}

/// Names the table regions of a handout's bodies (HTML and its language, in
/// reading order) across the handout. Each body named its own tables
/// ("Table", "Table 1" …), so the joined document repeated names; now they
/// are "Table 1" to "Table N" in order, each in its body's language, or
/// "Table" when the handout has one.
pub fn number_tables(bodies: &mut [(&mut String, Lang)]) {
    use crate::markdown::blocks::{TABLE_REGION, table_label};
    let total: usize = bodies.iter().map(|(html, _)| html.matches(TABLE_REGION).count()).sum();
    let mut n = 0;
    for (html, lang) in bodies.iter_mut() {
        if !html.contains(TABLE_REGION) {
            continue;
        }
        let mut out = String::with_capacity(html.len() + 16);
        let mut pieces = html.split(TABLE_REGION);
        out.push_str(pieces.next().unwrap_or_default());
        for piece in pieces {
            n += 1;
            out.push_str(TABLE_REGION);
            out.push_str(&table_label(*lang, n, total));
            // The old name ends at the first `"`: tebiki wrote it, and names hold none.
            out.push_str(piece.find('"').map_or(piece, |end| &piece[end..]));
        }
        **html = out;
    }
}

/// Included pages by page index → the language of their section.
pub fn included_langs(plan: &Plan) -> BTreeMap<usize, Lang> {
    plan.included.iter().map(|inc| (inc.page, inc.lang)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostics;
    use crate::markdown::{self, Highlighter};

    /// The fixture site of the print tests, loaded and rendered up to phase 1.
    fn fixture() -> (Site, Bodies, crate::resolve::Index) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/print/handout");
        let config = crate::config::load_config(&root).expect("fixture config");
        let mut diags = Diagnostics::new();
        let theme = crate::theme::load_theme(&config, &mut diags);
        let (site, _) = crate::load::load_site(config, crate::load::LoadOptions { drafts: false, ..crate::load::LoadOptions::default() });
        let ix = crate::resolve::resolve(&site, &Default::default(), &Default::default(), &mut diags);
        let (bodies, _) = markdown::render_bodies(&site, &theme, &Highlighter::new());
        (site, bodies, ix)
    }

    #[test]
    fn table_regions_are_numbered_across_the_handout_each_in_its_body_language() {
        use crate::markdown::blocks::TABLE_REGION;
        let table = |label: &str| format!("{TABLE_REGION}{label}\"><table>\n<tr><td>1</td></tr>\n</table></div>\n");
        let labels =
            |html: &str| -> Vec<String> { html.split(TABLE_REGION).skip(1).map(|p| p[..p.find('"').unwrap()].to_string()).collect() };
        let mut intro = format!("<p>x</p>\n{}", table("Table"));
        let mut en = format!("{}<p>\"quoted\"</p>\n{}", table("Table 1"), table("Table 2"));
        let mut none = "<p>no tables</p>\n".to_string();
        let mut ja = table("表");
        number_tables(&mut [(&mut intro, Lang::En), (&mut en, Lang::En), (&mut none, Lang::En), (&mut ja, Lang::Ja)]);
        assert_eq!(labels(&intro), ["Table 1"]);
        assert_eq!(labels(&en), ["Table 2", "Table 3"]);
        assert!(en.contains("<p>\"quoted\"</p>"), "the rest of the body is kept: {en}");
        assert_eq!(none, "<p>no tables</p>\n");
        assert_eq!(labels(&ja), ["表4"]);
        // One table in the whole handout keeps its plain name.
        let mut only = table("Table 1");
        number_tables(&mut [(&mut only, Lang::En)]);
        assert_eq!(labels(&only), ["Table"]);
        assert_eq!(only, table("Table"));
    }

    fn ids(site: &Site, pages: impl IntoIterator<Item = usize>) -> Vec<&str> {
        pages.into_iter().map(|p| site.pages()[p].id.as_str()).collect()
    }

    #[test]
    fn includes_the_listed_pages_in_order_each_once_in_the_best_language() {
        let (site, bodies, ix) = fixture();
        let h = site.page_index("briefing").unwrap();
        let plan = plan(&site, &bodies, h, &ix.handout_pages()[h], Lang::En);
        assert_eq!(ids(&site, plan.included.iter().map(|i| i.page)), ["p3-data", "b-cure", "ja-only"]);
        assert_eq!(plan.included.iter().map(|i| i.lang).collect::<Vec<_>>(), [Lang::En, Lang::En, Lang::Ja]);
    }

    #[test]
    fn the_appendix_has_exactly_the_terms_used_in_glossary_order() {
        let (site, bodies, ix) = fixture();
        let h = site.page_index("briefing").unwrap();
        let terms = |lang| {
            let p = plan(&site, &bodies, h, &ix.handout_pages()[h], lang);
            p.terms.iter().map(|k| site.glossary[*k].id.clone()).collect::<Vec<_>>()
        };
        // AMED in the handout's text, RWD in p3-data, PD in b-cure; DCT is in the glossary but not used.
        // Japanese in gojūon order of the readings (あーる…, えーめど, ぴーでぃー), English alphabetical.
        assert_eq!(terms(Lang::Ja), ["rwd", "amed", "pd"]);
        assert_eq!(terms(Lang::En), ["amed", "pd", "rwd"]);
        assert!(site.glossary.iter().any(|e| e.id == "dct"));
    }

    #[test]
    fn sources_are_listed_once_handout_first() {
        let (site, bodies, ix) = fixture();
        let h = site.page_index("briefing").unwrap();
        let plan = plan(&site, &bodies, h, &ix.handout_pages()[h], Lang::Ja);
        let titles: Vec<&str> = plan.sources.iter().map(|s| s.title.get_or_any(Lang::Ja)).collect();
        assert_eq!(titles, ["健康・医療戦略（第3期）概要", "B-cure 事業概要"]);
    }

    #[test]
    fn bodies_get_demoted_headings_prefixed_ids_and_mapped_links() {
        let (site, bodies, ix) = fixture();
        let h = site.page_index("briefing").unwrap();
        let b = site.page_index("b-cure").unwrap();
        let plan = plan(&site, &bodies, h, &ix.handout_pages()[h], Lang::Ja);
        let map = LinkMap::new(&site, Lang::Ja, "ja/handouts/briefing/".into(), included_langs(&plan), BTreeSet::from(["pd".into()]));
        let html = body(&bodies[&(b, Lang::Ja)].html, &map, "ja/programs/b-cure/", Some((b, "b-cure")));
        assert!(html.contains(r#"<h3 id="p-b-cure--概要">"#), "{html}");
        assert!(html.contains(r##"href="#p-p3-data""##), "link to an included page: {html}");
        assert!(html.contains(r##"href="#p-p3-data--目的""##), "link to a heading of an included page: {html}");
        assert!(html.contains(r#"href="https://example.org/ja/policies/hms-3/""#), "link to a page not included: {html}");
        assert!(html.contains(r##"href="#g-pd""##), "glossary link to the appendix: {html}");
        assert!(html.contains(r##"href="#p-b-cure--fn-note""##), "footnote reference: {html}");
        assert!(html.contains(r#"id="p-b-cure--fn-note""#), "footnote definition: {html}");
        assert!(!html.contains("<h2"), "{html}");
    }
}
