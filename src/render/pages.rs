//! The renderer's shared state, and the content page view.
//!
//! The content page (facts, body, budget, relations, terms,
//! sources) is built here; lists and indexes are in `indexes.rs`.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use super::Bodies;
use super::OutFile;
use super::charts;
use super::chrome::{self, ChromeArgs};
use super::context::*;
use super::locale;
use super::navigation::{self, KindOrders, Pager, SideNav};
use crate::config::Role;
use crate::diagnostic::Diagnostic;
use crate::escape;
use crate::lang::Lang;
use crate::markdown::{Highlighter, Rendered};
use crate::model::{Page, Scope, Site};
use crate::paths;
use crate::resolve::Index;
use crate::theme::Theme;

/// A list of related pages longer than this shows [`RELATION_SHOWN`] items
/// and folds the rest.
const RELATION_FOLD_OVER: usize = 8;
const RELATION_SHOWN: usize = 6;

/// A shared side navigation's key: language, kind, list page (from 0) and
/// the folder beside the pages' ([`paths::beside_page_dir`]).
type NavKey = (Lang, String, usize, String);

/// The side navigation of one list page, shared by the pages it lists.
struct SharedNav {
    /// The [`SideNav`] as a template value, no entry current.
    value: tera::Value,
    /// Each listed page's entry: its group and its place in the group.
    places: HashMap<usize, (usize, usize)>,
}

/// `nav` (a [`SideNav`] value) with item `k` of group `g` replaced by `item`.
/// Only the values on the way to the item are copied; the rest is shared.
fn with_item(nav: &tera::Value, g: usize, k: usize, item: tera::Value) -> Option<tera::Value> {
    let key = tera::value::Key::from;
    let mut nav = nav.clone().into_map()?;
    let mut groups = nav.get(&key("groups"))?.as_array()?.to_vec();
    let mut group = groups.get(g)?.clone().into_map()?;
    let mut items = group.get(&key("items"))?.as_array()?.to_vec();
    *items.get_mut(k)? = item;
    group.insert(key("items"), tera::Value::from(items));
    *groups.get_mut(g)? = tera::Value::from(group);
    nav.insert(key("groups"), tera::Value::from(groups));
    Some(tera::Value::from(nav))
}

/// Shared state of phase 2.
pub struct Renderer<'a> {
    pub site: &'a Site,
    pub ix: &'a Index,
    pub theme: &'a Theme,
    pub tera: &'a tera::Tera,
    pub bodies: &'a Bodies,
    pub home: &'a BTreeMap<Lang, Rendered>,
    pub highlighter: &'a Highlighter,
    /// Budget lines by the project they name, for the charts.
    pub budget_lines: charts::BudgetLines,
    /// Handout PDFs are built (`build --pdf`): handouts link to them.
    pub pdf: bool,
    /// The UI strings of each language as one template value, shared by
    /// every page's context instead of copied into each (`c.t`).
    strings: BTreeMap<String, tera::Value>,
    /// Per template: the length of its last output, the next one's starting
    /// capacity with an eighth more (Tera's own hint is the template's size,
    /// so a page's buffer would otherwise grow by doubling, copying itself
    /// each time). The last rather than the largest: one very long list
    /// must not make every later page start with its size.
    sizes: BTreeMap<String, AtomicUsize>,
    /// Each page's meta line per built language, worked out once: lists and relations show a page many times.
    metas: Vec<BTreeMap<Lang, String>>,
    /// Each kind's pages in list order: side navigation, previous and next.
    pub orders: KindOrders,
    /// Side navigations made so far, by language, kind, list page and the
    /// folder beside the pages'.
    side_navs: Mutex<HashMap<NavKey, Arc<SharedNav>>>,
}

#[derive(serde::Serialize)]
struct PageCtx<'a> {
    c: Chrome<'a>,
    p: PageView,
}

impl<'a> Renderer<'a> {
    pub fn new(input: &super::Input<'a>, tera: &'a tera::Tera) -> Self {
        let super::Input { site, ix, theme, bodies, home, highlighter, pdf } = *input;
        let strings = theme.strings.iter().map(|(l, m)| (l.code().to_string(), tera::Value::from(m.clone()))).collect();
        let sizes = tera.get_template_names().map(|n| (n.to_string(), AtomicUsize::new(0))).collect();
        let metas =
            site.pages().iter().map(|p| site.config.languages.iter().map(|&l| (l, meta_line(&site.config, p, l))).collect()).collect();
        let budget_lines = charts::BudgetLines::new(site);
        let orders = KindOrders::new(site);
        Renderer {
            site,
            ix,
            theme,
            tera,
            bodies,
            home,
            highlighter,
            budget_lines,
            pdf,
            strings,
            sizes,
            metas,
            orders,
            side_navs: Mutex::default(),
        }
    }

    /// Renders a template to an output file.
    pub fn render<T: serde::Serialize>(&self, template: &str, ctx: &T, path: String) -> Result<OutFile, Diagnostic> {
        self.render_with(template, ctx, None, path)
    }

    /// [`render`](Self::render), with `extra` (a key and a value made
    /// beforehand) put into the context's `p` as it is, not serialized again.
    fn render_with<T: serde::Serialize>(
        &self,
        template: &str,
        ctx: &T,
        extra: Option<(&'static str, tera::Value)>,
        path: String,
    ) -> Result<OutFile, Diagnostic> {
        let mut context = tera::Context::from_serialize(ctx).map_err(|e| chrome::template_error(self.theme, &e, Some(template)))?;
        if let Some(mut c) = context.remove("c").and_then(tera::Value::into_map) {
            let t = c.get(&tera::value::Key::from("lang")).and_then(|l| l.as_str()).and_then(|l| self.strings.get(l));
            if let Some(t) = t {
                c.insert(tera::value::Key::from("t"), t.clone());
            }
            context.insert_value("c", tera::Value::from(c));
        }
        if let Some((key, value)) = extra
            && let Some(mut p) = context.remove("p").and_then(tera::Value::into_map)
        {
            p.insert(tera::value::Key::from(key), value);
            context.insert_value("p", tera::Value::from(p));
        }
        let size = self.sizes.get(template);
        let mut html = Vec::with_capacity(size.map_or(0, |s| s.load(Ordering::Relaxed)) * 9 / 8);
        // Rendered as bytes: Tera writes only `str`s, so checking the result is UTF-8 (what `render` does) is not needed.
        self.tera.render_to(template, &context, &mut html).map_err(|e| chrome::template_error(self.theme, &e, Some(template)))?;
        if let Some(s) = size {
            s.store(html.len(), Ordering::Relaxed);
        }
        // Outputs wait for the write: the slack of a smaller page goes back.
        html.shrink_to_fit();
        Ok(OutFile { path, bytes: html })
    }

    /// What the charts of a page in `lang` at `dir` need.
    pub fn charts_ctx<'d>(&'d self, lang: Lang, dir: &'d str) -> charts::Ctx<'d> {
        charts::Ctx { site: self.site, ix: self.ix, theme: self.theme, lines: &self.budget_lines, id_prefix: "", lang, dir }
    }

    /// The output folders of a page per language.
    pub fn page_dirs(&self, page: &Page) -> BTreeMap<Lang, String> {
        page.texts.keys().filter(|l| self.site.config.builds(**l)).map(|l| (*l, paths::page_dir(*l, &page.folder, &page.id))).collect()
    }

    /// A link item to page `j` from a page in `from_dir`, in `lang` if it has it.
    pub fn item(&self, j: usize, lang: Lang, from_dir: &str) -> Item {
        let p = &self.site.pages()[j];
        let (text, in_lang) = p.text_or_source(lang);
        let other = (in_lang != lang).then_some(in_lang);
        Item {
            title: text.title.clone(),
            url: paths::relative(from_dir, &paths::page_index(in_lang, &p.folder, &p.id)),
            hreflang: other.map(Lang::code),
            meta: Some(self.metas[j].get(&lang).cloned().unwrap_or_else(|| self.page_meta_line(p, lang))),
            note: other.map(|l| self.theme.t(lang, &format!("only_in_{l}")).to_string()),
            summary: text.summary.clone(),
        }
    }

    /// "統合プロジェクト · 第3期" / "Integrated projects · 3rd period".
    pub fn page_meta_line(&self, p: &Page, lang: Lang) -> String {
        meta_line(&self.site.config, p, lang)
    }

    /// The breadcrumbs of a page: home, kind list, ancestors, itself.
    fn crumbs(&self, i: usize, lang: Lang, dir: &str) -> Vec<Crumb> {
        let p = &self.site.pages()[i];
        let mut crumbs = vec![Crumb {
            label: self.theme.t(lang, "home").into(),
            url: Some(paths::relative(dir, &paths::index_of(&paths::home_dir(lang)))),
        }];
        if let Some(k) = self.site.config.kind(&p.kind) {
            crumbs.push(Crumb {
                label: k.label.get_or_any(lang).into(),
                url: Some(paths::relative(dir, &paths::index_of(&paths::kind_dir(lang, &k.folder)))),
            });
        }
        for a in self.ix.ancestors(i) {
            let it = self.item(a, lang, dir);
            crumbs.push(Crumb {
                label: self.site.pages()[a].text_or_source(lang).0.short_title.clone().unwrap_or(it.title),
                url: Some(it.url),
            });
        }
        let t = &p.texts[&lang];
        crumbs.push(Crumb { label: t.short_title.clone().unwrap_or_else(|| t.title.clone()), url: None });
        crumbs
    }

    pub(super) fn page(&self, i: usize, lang: Lang, out: String) -> Result<OutFile, Diagnostic> {
        let site = self.site;
        let cfg = &site.config;
        let page = &site.pages()[i];
        let text = &page.texts[&lang];
        let dir = paths::page_dir(lang, &page.folder, &page.id);
        let t = |k: &str| self.theme.t(lang, k).to_string();
        let body = self.bodies.get(&(i, lang));
        let facts = self.facts(page, lang, &dir);
        let rel = |key: &'static str, heading: &str, list: &[usize]| {
            let mut items: Vec<Item> = list.iter().map(|j| self.item(*j, lang, &dir)).collect();
            // A long list shows its first items; the rest are folded in a <details>.
            let more = if items.len() > RELATION_FOLD_OVER { items.split_off(RELATION_SHOWN) } else { Vec::new() };
            let more_label = (!more.is_empty()).then(|| crate::theme::fill(&t("more_items"), &[("n", &more.len().to_string())]));
            Relation { key, heading: t(heading), items, more, more_label }
        };
        let backlinks: Vec<usize> = self.ix.backlinks()[i].iter().copied().collect();
        let relations: Vec<Relation> = [
            rel("children", "children", &self.ix.children()[i]),
            rel("pages", "facts_handout_pages", &self.ix.handout_pages()[i]),
            rel("predecessors", "predecessors", &self.ix.predecessors()[i]),
            rel("successors", "successors", &self.ix.successors()[i]),
            rel("related", "related", &self.ix.related()[i]),
            rel("backlinks", "backlinks", &backlinks),
        ]
        .into_iter()
        .filter(|r: &Relation| !r.items.is_empty())
        .collect();
        let terms = body
            .map(|b| {
                b.terms
                    .iter()
                    .filter_map(|id| {
                        let e = site.glossary.binary_search_by(|e| e.id.as_str().cmp(id)).ok().map(|k| &site.glossary[k])?;
                        let et = e.langs.get(&lang)?;
                        Some(TermUse {
                            term: et.term.clone(),
                            expansion: et.expansion.clone(),
                            definition: et.definition.clone(),
                            url: paths::with_fragment(&paths::relative(&dir, &paths::index_of(&paths::glossary_dir(lang))), &e.id),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let sources = page.meta.sources.iter().map(|s| SourceView::new(s, lang)).collect();
        let budget = self.budget_rows(page, lang, &dir);
        let html = body.map(|b| b.html.as_str()).unwrap_or_default();
        let headings = body.map(|b| b.headings.as_slice()).unwrap_or_default();
        // The body's own budget section, when it has one, takes the table: one budget section per page.
        let inline = if budget.is_empty() { None } else { section_end(html, headings, &t("budget")) };
        let (body_html, body_rest) = match &inline {
            Some((at, _)) => (html[..*at].to_string(), html[*at..].to_string()),
            None => (html.to_string(), String::new()),
        };
        let mut sections: Vec<(String, String)> = Vec::new();
        if !budget.is_empty() && inline.is_none() {
            sections.push(("budget-heading".into(), t("budget")));
        }
        sections.extend(relations.iter().map(|r| (format!("rel-{}", r.key), r.heading.clone())));
        let number_label =
            page.meta.number.map(|n| if cfg.has_role(&page.kind, Role::Funded) { locale::circled(n) } else { n.to_string() });
        let view = PageView {
            id: page.id.clone(),
            lang: lang.code(),
            kind: page.kind.clone(),
            kind_label: cfg.kind(&page.kind).map(|k| k.label.get_or_any(lang).to_string()).unwrap_or_default(),
            number_label,
            title: text.title.clone(),
            subtitle: text.subtitle.clone(),
            summary: text.summary.clone(),
            lang_notice: (page.texts.len() == 1 && cfg.languages.len() > 1).then(|| t(&format!("lang_notice_{lang}"))),
            stale: self.stale_notice(page, lang, &dir),
            facts,
            body: body_html,
            body_rest,
            budget_in_body: inline.is_some(),
            budget_heading: inline.map_or_else(|| "budget-heading".to_string(), |(_, id)| id),
            budget_projects: budget.iter().any(|b| b.project.is_some()),
            budget_notes: budget.iter().any(|b| !b.notes.is_empty()),
            budget,
            charts: charts::page_charts(&self.charts_ctx(lang, &dir), i),
            relations,
            terms,
            sources,
            toc: Vec::new(),
            side_nav: self.side_nav(i, lang, &dir),
            pager: self.pager(i, lang, &dir),
        };
        let mut view = view;
        if !view.terms.is_empty() {
            sections.push(("terms-heading".into(), t("terms")));
        }
        if !view.sources.is_empty() {
            sections.push(("sources-heading".into(), t("sources")));
        }
        view.toc = navigation::toc(headings, sections, navigation::TOC_MIN_SECTIONS);
        let c = chrome::chrome(
            site,
            self.theme,
            ChromeArgs {
                lang,
                dir: dir.clone(),
                title: text.title.clone(),
                description: text.summary.clone(),
                alternates: self.page_dirs(page),
                breadcrumbs: self.crumbs(i, lang, &dir),
                section: Some(&page.folder),
                og_type: "article",
                absolute_links: false,
            },
        );
        let side_nav = std::mem::replace(&mut view.side_nav, tera::Value::none());
        self.render_with("page.html", &PageCtx { c, p: view }, Some(("side_nav", side_nav)), out)
    }

    /// The side navigation of page `i`'s kind, the page marked current: the
    /// whole kind, or the list page holding page `i` when the kind's list
    /// is paginated; none for a kind of one page.
    ///
    /// Every page of a list shows the same navigation but for its own entry,
    /// so the rest is made and turned into a template value once per list
    /// page ([`SharedNav`]), and each page replaces only its own entry.
    fn side_nav(&self, i: usize, lang: Lang, dir: &str) -> tera::Value {
        let page = &self.site.pages()[i];
        let Some(kind) = self.site.config.kind(&page.kind) else { return tera::Value::none() };
        let order = self.orders.order(lang, &page.kind);
        if order.len() < 2 {
            return tera::Value::none();
        }
        let per = self.site.config.pagination;
        let n = self.orders.place(i, lang).map_or(0, |place| place / per);
        let own = tera::Value::from_serializable(&navigation::link(self.site, i, lang, dir, true));
        // A page folder named like the list's later pages (`page`) holds them: its links to them are its own.
        let shared = if paths::kind_page_dir(lang, &kind.folder, 2).starts_with(dir) {
            Arc::new(self.shared_nav(kind, order, n, lang, dir))
        } else {
            let beside = paths::beside_page_dir(dir);
            let key = (lang, page.kind.clone(), n, beside.clone());
            let kept = self.side_navs.lock().unwrap_or_else(|e| e.into_inner()).get(&key).cloned();
            kept.unwrap_or_else(|| {
                // The links from beside the pages are those from any page's folder, but for the link to the
                // page itself, which each page replaces.
                let made = Arc::new(self.shared_nav(kind, order, n, lang, &beside));
                self.side_navs.lock().unwrap_or_else(|e| e.into_inner()).entry(key).or_insert(made).clone()
            })
        };
        match shared.places.get(&i) {
            Some(&(g, k)) => with_item(&shared.value, g, k, own).unwrap_or_else(|| shared.value.clone()),
            None => shared.value.clone(),
        }
    }

    /// The side navigation of list page `n` of `kind`'s list `order`, its
    /// links made from `dir`, no entry current.
    fn shared_nav(&self, kind: &crate::config::Kind, order: &[usize], n: usize, lang: Lang, dir: &str) -> SharedNav {
        let per = self.site.config.pagination;
        let chunks = order.len().div_ceil(per);
        let shown = &order[n * per..order.len().min((n + 1) * per)];
        let mut places = HashMap::new();
        let groups = navigation::by_period(self.site, shown, lang)
            .into_iter()
            .enumerate()
            .map(|(g, (heading, pages))| navigation::NavGroup {
                heading,
                items: pages
                    .into_iter()
                    .enumerate()
                    .map(|(k, j)| {
                        places.insert(j, (g, k));
                        navigation::link(self.site, j, lang, dir, false)
                    })
                    .collect(),
            })
            .collect();
        let pagination = self.list_pagination(lang, &kind.folder, n, chunks, dir);
        let nav = SideNav {
            label: kind.label.get_or_any(lang).to_string(),
            url: paths::relative(dir, &paths::index_of(&paths::kind_dir(lang, &kind.folder))),
            groups,
            pagination,
        };
        SharedNav { value: tera::Value::from_serializable(&nav), places }
    }

    /// Links from `from_dir` to the pages before and after page `n` (from
    /// 0) of a kind's list of `chunks` pages, with "Page n of total"; none
    /// for a list of one page. The list itself and the side navigation of
    /// its pages both page through it with these.
    pub(crate) fn list_pagination(&self, lang: Lang, folder: &str, n: usize, chunks: usize, from_dir: &str) -> Option<Pagination> {
        let list = |m: usize| paths::relative(from_dir, &paths::index_of(&paths::kind_page_dir(lang, folder, m + 1)));
        (chunks > 1).then(|| Pagination {
            prev: n.checked_sub(1).map(list),
            next: (n + 1 < chunks).then(|| list(n + 1)),
            label: crate::theme::fill(self.theme.t(lang, "page_of"), &[("n", &(n + 1).to_string()), ("total", &chunks.to_string())]),
        })
    }

    /// The previous and next page of page `i`'s kind list.
    pub(crate) fn pager(&self, i: usize, lang: Lang, dir: &str) -> Option<Pager> {
        let (prev, next) = self.orders.neighbours(self.site, i, lang);
        if prev.is_none() && next.is_none() {
            return None;
        }
        let link = |j: usize| navigation::link(self.site, j, lang, dir, false);
        Some(Pager { prev: prev.map(link), next: next.map(link) })
    }

    /// The notice of a stale translation, linking to the source page (SPEC §4).
    fn stale_notice(&self, page: &Page, lang: Lang, dir: &str) -> Option<StaleNotice> {
        let index = self.site.page_index(&page.id)?;
        let changes = self.ix.stale_changes(index, lang)?;
        let src = page.source_lang;
        let url = paths::relative(dir, &paths::page_index(src, &page.folder, &page.id));
        let headings = self.bodies.get(&(index, src)).map(|b| b.headings.as_slice()).unwrap_or_default();
        let changes = changes
            .iter()
            .map(|c| StaleChange {
                what: self.theme.t(lang, &format!("stale_block_{}", c.kind.word())).to_string(),
                excerpt: c.excerpt.clone(),
                url: match c.section.and_then(|s| headings.get(s)) {
                    Some(h) => paths::with_fragment(&url, &h.id),
                    None => url.clone(),
                },
            })
            .collect();
        Some(StaleNotice {
            text: self.theme.t(lang, &format!("stale_notice_{src}")).to_string(),
            link_text: self.theme.t(lang, &format!("stale_link_{src}")).to_string(),
            changes_intro: self.theme.t(lang, "stale_changes").to_string(),
            url,
            hreflang: src.code(),
            changes,
        })
    }

    pub(crate) fn facts(&self, page: &Page, lang: Lang, dir: &str) -> Vec<Fact> {
        let cfg = &self.site.config;
        let t = |k: &str| self.theme.t(lang, k).to_string();
        let mut facts = Vec::new();
        let periods: Vec<Link> = page
            .meta
            .period
            .iter()
            .filter_map(|p| {
                let period = cfg.period(&p.value)?;
                Some(Link {
                    text: locale::period(period.label.get_or_any(lang), period.from, period.to, lang),
                    url: Some(paths::relative(dir, &paths::index_of(&paths::period_dir(lang, &p.value)))),
                })
            })
            .collect();
        if !periods.is_empty() {
            facts.push(Fact { label: t("facts_period"), values: periods });
        }
        if let Some(pi) = page.meta.parent.as_ref().and_then(|p| self.site.page_index(&p.value)) {
            let it = self.item(pi, lang, dir);
            facts.push(Fact { label: t("facts_parent"), values: vec![Link { text: it.title, url: Some(it.url) }] });
        }
        for facet in &cfg.facets {
            let values: Vec<Link> = page
                .meta
                .facet(&facet.key)
                .iter()
                .filter_map(|v| {
                    let fv = facet.value(&v.value)?;
                    let lead = facet.key == "ministries" && page.meta.lead_ministry.as_ref().is_some_and(|l| l.value == v.value);
                    let label = fv.label.get_or_any(lang);
                    Some(Link {
                        text: if lead { format!("◎{label}") } else { label.to_string() },
                        url: Some(paths::relative(dir, &paths::index_of(&paths::facet_value_dir(lang, &facet.key, &fv.key)))),
                    })
                })
                .collect();
            if !values.is_empty() {
                facts.push(Fact { label: t(&format!("facts_{}", facet.key)), values });
            }
        }
        for (key, d) in [("facts_date", page.meta.date), ("facts_updated", page.meta.updated)] {
            if let Some(d) = d {
                facts.push(Fact { label: t(key), values: vec![Link { text: locale::date(d, lang), url: None }] });
            }
        }
        facts
    }

    /// Rows of a page's budget table, by fiscal year, AMED before in-house.
    pub fn budget_rows(&self, page: &Page, lang: Lang, dir: &str) -> Vec<BudgetRow> {
        let mut lines: Vec<_> = page.meta.budget.iter().collect();
        lines.sort_by_key(|b| (b.fy, b.scope));
        lines
            .into_iter()
            .map(|b| {
                let mut notes = Vec::new();
                if b.relisted {
                    notes.push(BudgetNote { text: self.theme.t(lang, "relisted").into(), links: vec![] });
                }
                if !b.shared_with.is_empty() {
                    let links = b
                        .shared_with
                        .iter()
                        .filter_map(|s| self.site.page_index(&s.value))
                        .map(|j| {
                            let it = self.item(j, lang, dir);
                            LinkTo { text: it.title, url: it.url }
                        })
                        .collect();
                    notes.push(BudgetNote { text: self.theme.t(lang, "shared_with").into(), links });
                }
                if let Some(n) = &b.note {
                    notes.push(BudgetNote { text: n.get_or_any(lang).into(), links: vec![] });
                }
                BudgetRow {
                    fy: locale::fiscal_year(b.fy, lang),
                    scope: self
                        .theme
                        .t(
                            lang,
                            match b.scope {
                                Scope::Amed => "scope_amed",
                                Scope::Inhouse => "scope_inhouse",
                            },
                        )
                        .into(),
                    amount: if b.part_of { locale::part_of(&b.oku_yen, lang) } else { locale::yen(&b.oku_yen, lang) },
                    project: b.project.as_ref().and_then(|p| self.site.page_index(&p.value)).map(|j| {
                        let it = self.item(j, lang, dir);
                        LinkTo { text: self.site.pages()[j].text_or_source(lang).0.short_title.clone().unwrap_or(it.title), url: it.url }
                    }),
                    notes,
                }
            })
            .collect()
    }

    pub(super) fn alias(&self, i: usize, lang: Lang, alias: &str, out: String) -> OutFile {
        let page = &self.site.pages()[i];
        let from = paths::alias_dir(lang, &page.folder, alias);
        let target = paths::relative(&from, &paths::page_index(lang, &page.folder, &page.id));
        let canonical = paths::absolute(&self.site.config.base_url, &paths::page_dir(lang, &page.folder, &page.id));
        let html = format!(
            "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<link rel=\"canonical\" href=\"{canonical}\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n</head>\n<body>\n<p>{moved} <a href=\"{target}\">{title}</a></p>\n</body>\n</html>\n",
            title = escape::attribute(&page.texts[&lang].title),
            canonical = escape::attribute(&canonical),
            target = escape::attribute(&target),
            moved = escape::attribute(self.theme.t(lang, "redirect_text")),
        );
        OutFile { path: out, bytes: html.into_bytes() }
    }
}

/// Where the body's `h2` titled `label` ends (the next `h2`, or the end),
/// with that heading's id.
fn section_end(html: &str, headings: &[crate::markdown::Heading], label: &str) -> Option<(usize, String)> {
    let h = headings.iter().find(|h| h.level == 2 && h.text.trim() == label)?;
    let start = html.find(&format!("<h2 id=\"{}\"", escape::attribute(&h.id)))?;
    let after = start + 3;
    let end = html[after..].find("<h2").map_or(html.len(), |k| after + k);
    Some((end, h.id.clone()))
}

/// A page's kind and periods in one line (see [`Renderer::page_meta_line`]).
fn meta_line(cfg: &crate::config::Config, p: &Page, lang: Lang) -> String {
    let mut line = cfg.kind(&p.kind).map(|k| k.label.get_or_any(lang).to_string()).unwrap_or_default();
    for period in p.meta.period.iter().filter_map(|per| cfg.period(&per.value)) {
        line.push_str(" · ");
        line.push_str(period.label.get_or_any(lang));
    }
    line
}
