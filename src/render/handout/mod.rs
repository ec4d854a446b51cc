//! The handout view: briefing handouts as one HTML document (printed to
//! PDF by [`crate::output::pdf`]).
//!
//! A handout (`kind: handout`, `pages: [ids]`, its body the briefing's own
//! introduction) is rendered in phase 2 as its own job, with the template
//! `handout.html` instead of `page.html`: a cover (title, subtitle, date,
//! the handout's absolute URL and its QR code), a table of contents with
//! section numbers, the introduction, each included page in order, a
//! glossary appendix of exactly the terms used and the sources of all of
//! them. It reuses the bodies of phase 1 and rewrites their HTML
//! ([`rewrite`]) rather than rendering the Markdown again: one small,
//! tested pass does all a handout needs (headings demoted, every id and
//! same-page link prefixed by the page id, footnotes included, links to
//! included pages turned into anchors and other site links into absolute
//! URLs, raw HTML links of authors too), the Markdown renderer stays
//! unaware of handouts, and each body is parsed once per build.
//!
//! [`crate::output::pdf`] prints the written handouts with a local headless
//! Chromium for `tebiki build --pdf`. On paper, links carry numbers and
//! each section lists its URLs at its end ([`refs`]), and a term's expansion
//! is left out where the text gives it in brackets ([`given`]). The print stylesheets (`tebiki-print.css` for
//! every page, `tebiki-handout.css` for handouts) are in the theme.

mod assemble;
mod given;
mod links;
mod qr;
mod refs;
mod rewrite;

use std::collections::BTreeSet;

use serde::Serialize;

use super::OutFile;
use super::charts;
use super::chrome::{self, ChromeArgs};
use super::context::{BudgetRow, Chrome, Crumb, Fact, SourceView};
use super::locale;
use super::pages::Renderer;
use crate::diagnostic::Diagnostic;
use crate::lang::Lang;
use crate::paths;
use assemble::Included;
use links::LinkMap;
use refs::LinkRef;

/// A handout as the template `handout.html` sees it (`h`).
#[derive(Serialize)]
pub struct HandoutView {
    pub id: String,
    pub lang: &'static str,
    pub kind_label: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub summary: Option<String>,
    /// The handout's `date`, localised, and as `YYYY-MM-DD`.
    pub date: Option<String>,
    pub date_iso: Option<String>,
    /// The absolute URL of the handout online.
    pub url: String,
    /// The QR code of `url`: trusted SVG.
    pub qr_svg: Option<String>,
    /// The PDF beside the handout, when the build made one.
    pub pdf_url: Option<String>,
    /// The introduction (the handout's own body): trusted HTML.
    pub intro: Option<String>,
    /// The numbered URLs of the introduction's links, listed in print.
    pub intro_links: Vec<LinkRef>,
    pub contents: Vec<ContentsEntry>,
    pub sections: Vec<SectionView>,
    pub terms: Vec<TermEntry>,
    pub sources: Vec<SourceView>,
    /// The previous and next page of the handouts' list.
    pub pager: Option<crate::render::context::Pager>,
}

/// A line of the table of contents.
#[derive(Serialize)]
pub struct ContentsEntry {
    /// Section number (`1`, `2` …); none for the introduction and appendices.
    pub number: Option<String>,
    pub title: String,
    /// The language of the title.
    pub lang: &'static str,
    pub anchor: String,
    /// "日本語のみ" when the page is shown in another language.
    pub note: Option<String>,
}

/// An included page.
#[derive(Serialize)]
pub struct SectionView {
    /// The id of the section heading: `p-{page id}`.
    pub anchor: String,
    pub number: String,
    pub id: String,
    /// The language the page is shown in.
    pub lang: &'static str,
    /// Kind and period: "事業 · 第3期".
    pub meta: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub summary: Option<String>,
    /// Set when the page is shown in another language than the handout.
    pub lang_note: Option<String>,
    pub facts: Vec<Fact>,
    /// Trusted HTML: the rewritten body.
    pub body: String,
    /// The numbered URLs of the body's and the charts' links, listed in print.
    pub links: Vec<LinkRef>,
    pub budget: Vec<BudgetRow>,
    /// The page's charts (trusted HTML, one `<figure>` each), their data tables open.
    pub charts: Vec<String>,
    /// The page online.
    pub url: String,
}

/// An entry of the glossary appendix.
#[derive(Serialize)]
pub struct TermEntry {
    /// `g-{entry id}`.
    pub anchor: String,
    pub term: String,
    pub expansion: Option<String>,
    pub definition: String,
}

#[derive(Serialize)]
struct HandoutCtx<'a> {
    c: Chrome<'a>,
    h: HandoutView,
}

/// Phase 2 job: handout `i` in `lang`, with `handout.html`.
pub fn handout_page(r: &Renderer, i: usize, lang: Lang, out: String) -> Result<OutFile, Diagnostic> {
    let site = r.site;
    let page = &site.pages()[i];
    let text = &page.texts[&lang];
    let dir = paths::page_dir(lang, &page.folder, &page.id);
    let c = chrome::chrome(
        site,
        r.theme,
        ChromeArgs {
            lang,
            dir: dir.clone(),
            title: text.title.clone(),
            description: text.summary.clone(),
            alternates: r.page_dirs(page),
            breadcrumbs: crumbs(r, i, lang, &dir),
            section: Some(&page.folder),
            og_type: "article",
            absolute_links: false,
        },
    );
    let mut h = view(r, i, lang, &dir);
    h.pager = r.pager(i, lang, &dir);
    r.render("handout.html", &HandoutCtx { c, h }, out)
}

/// Home, the handouts list, the handout.
fn crumbs(r: &Renderer, i: usize, lang: Lang, dir: &str) -> Vec<Crumb> {
    let page = &r.site.pages()[i];
    let mut crumbs =
        vec![Crumb { label: r.theme.t(lang, "home").into(), url: Some(paths::relative(dir, &paths::index_of(&paths::home_dir(lang)))) }];
    if let Some(k) = r.site.config.kind(&page.kind) {
        crumbs.push(Crumb {
            label: k.label.get_or_any(lang).into(),
            url: Some(paths::relative(dir, &paths::index_of(&paths::kind_dir(lang, &k.folder)))),
        });
    }
    let t = &page.texts[&lang];
    crumbs.push(Crumb { label: t.short_title.clone().unwrap_or_else(|| t.title.clone()), url: None });
    crumbs
}

/// Everything the template shows of handout `i` in `lang`.
fn view(r: &Renderer, i: usize, lang: Lang, dir: &str) -> HandoutView {
    let site = r.site;
    let cfg = &site.config;
    let page = &site.pages()[i];
    let text = &page.texts[&lang];
    let t = |k: &str| r.theme.t(lang, k).to_string();
    let plan = assemble::plan(site, r.bodies, i, &r.ix.handout_pages()[i], lang);
    let terms: BTreeSet<String> = plan.terms.iter().map(|k| site.glossary[*k].id.clone()).collect();
    let map = LinkMap::new(site, lang, dir.to_string(), assemble::included_langs(&plan), terms);
    let url = paths::absolute(&cfg.base_url, dir);

    let mut intro = r.bodies.get(&(i, lang)).filter(|b| !b.html.trim().is_empty()).map(|b| assemble::body(&b.html, &map, dir, None));
    let mut sections: Vec<SectionView> = plan.included.iter().enumerate().map(|(n, inc)| section(r, &map, lang, n + 1, *inc)).collect();
    let mut bodies: Vec<(&mut String, Lang)> = intro.iter_mut().map(|b| (b, lang)).collect();
    bodies.extend(sections.iter_mut().zip(&plan.included).map(|(s, inc)| (&mut s.body, inc.lang)));
    assemble::number_tables(&mut bodies);
    let mut intro_links = Vec::new();
    let glossary: std::collections::BTreeMap<&str, &crate::model::Entry> = site.glossary.iter().map(|e| (e.id.as_str(), e)).collect();
    let known = |id: &str| glossary.get(id).map(|e| explanations(e)).unwrap_or_default();
    if let Some(b) = intro.as_mut() {
        (*b, intro_links) = refs::number(&given::mark(b, &known));
        *b = refs::page_refs(b);
    }
    for s in &mut sections {
        (s.body, s.links) = refs::number(&given::mark(&s.body, &known));
        s.body = refs::page_refs(&s.body);
        for chart in &mut s.charts {
            *chart = refs::page_refs(&refs::number_more(chart, &mut s.links));
        }
    }
    let mut contents = Vec::new();
    if intro.is_some() {
        contents.push(ContentsEntry {
            number: None,
            title: t("handout_introduction"),
            lang: lang.code(),
            anchor: "handout-intro".into(),
            note: None,
        });
    }
    contents.extend(sections.iter().map(|s| ContentsEntry {
        number: Some(s.number.clone()),
        title: s.title.clone(),
        lang: s.lang,
        anchor: s.anchor.clone(),
        note: s.lang_note.clone(),
    }));
    let term_entries: Vec<TermEntry> = plan
        .terms
        .iter()
        .filter_map(|k| {
            let e = &site.glossary[*k];
            let et = e.langs.get(&lang).or_else(|| e.langs.values().next())?;
            Some(TermEntry {
                anchor: links::term_anchor(&e.id),
                term: et.term.clone(),
                expansion: et.expansion.clone(),
                definition: et.definition.clone(),
            })
        })
        .collect();
    if !term_entries.is_empty() {
        contents.push(ContentsEntry {
            number: None,
            title: t("handout_terms"),
            lang: lang.code(),
            anchor: "handout-terms".into(),
            note: None,
        });
    }
    let sources: Vec<SourceView> = plan.sources.iter().map(|s| SourceView::new(s, lang)).collect();
    if !sources.is_empty() {
        contents.push(ContentsEntry {
            number: None,
            title: t("handout_sources"),
            lang: lang.code(),
            anchor: "handout-sources".into(),
            note: None,
        });
    }
    HandoutView {
        id: page.id.clone(),
        lang: lang.code(),
        kind_label: cfg.kind(&page.kind).map(|k| k.label.get_or_any(lang).to_string()).unwrap_or_default(),
        title: text.title.clone(),
        subtitle: text.subtitle.clone(),
        summary: text.summary.clone(),
        date: page.meta.date.map(|d| locale::date(d, lang)),
        date_iso: page.meta.date.map(|d| d.to_string()),
        qr_svg: qr::svg(&url, &t("handout_qr")),
        url,
        pdf_url: r.pdf.then(|| paths::relative(dir, &paths::handout_pdf(lang, &page.folder, &page.id))),
        intro,
        intro_links,
        contents,
        sections,
        terms: term_entries,
        sources,
        pager: None,
    }
}

/// What explains a glossary entry when written in brackets after it: its
/// expansions and terms in every language, and its reading.
fn explanations(e: &crate::model::Entry) -> Vec<String> {
    let mut out: Vec<String> = e.langs.values().flat_map(|t| [Some(t.term.clone()), t.expansion.clone()]).flatten().collect();
    out.push(e.reading.clone());
    out
}

/// Included page number `number`.
fn section(r: &Renderer, map: &LinkMap, lang: Lang, number: usize, inc: Included) -> SectionView {
    let site = r.site;
    let p = &site.pages()[inc.page];
    let text = &p.texts[&inc.lang];
    let from = paths::page_dir(inc.lang, &p.folder, &p.id);
    let relink = |url: &mut String| {
        if let Some(new) = map.href(&from, None, url) {
            *url = new;
        }
    };
    let mut facts = r.facts(p, lang, &from);
    for v in facts.iter_mut().flat_map(|f| f.values.iter_mut()) {
        if let Some(u) = v.url.as_mut() {
            relink(u);
        }
    }
    let mut budget = r.budget_rows(p, lang, &from);
    for row in &mut budget {
        if let Some(pr) = row.project.as_mut() {
            relink(&mut pr.url);
        }
        for l in row.notes.iter_mut().flat_map(|n| n.links.iter_mut()) {
            relink(&mut l.url);
        }
    }
    let body = r.bodies.get(&(inc.page, inc.lang)).map(|b| assemble::body(&b.html, map, &from, Some((inc.page, &p.id))));
    let prefix = links::id_prefix(&p.id);
    let ctx = charts::Ctx { site, ix: r.ix, theme: r.theme, lines: &r.budget_lines, id_prefix: &prefix, lang, dir: &from };
    let charts = charts::page_charts(&ctx, inc.page).iter().map(|c| assemble::chart(&c.html, map, &from, inc.page)).collect();
    SectionView {
        anchor: map.page_anchor(inc.page).unwrap_or_default(),
        number: number.to_string(),
        id: p.id.clone(),
        lang: inc.lang.code(),
        meta: r.page_meta_line(p, lang),
        title: text.title.clone(),
        subtitle: text.subtitle.clone(),
        summary: text.summary.clone(),
        lang_note: (inc.lang != lang).then(|| r.theme.t(lang, &format!("only_in_{}", inc.lang)).to_string()),
        facts,
        body: body.unwrap_or_default(),
        links: Vec::new(),
        budget,
        charts,
        url: paths::absolute(&site.config.base_url, &from),
    }
}
