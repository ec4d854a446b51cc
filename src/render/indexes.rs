//! Phase 2: list pages and indexes.
//!
//! Home, one list per kind (paginated), facet indexes and values, periods
//! with their budget tables, the crosswalk of projects across periods, the
//! glossary, the root language chooser and the 404 page. Every list is
//! sorted, so output never depends on the order files were read.

use std::collections::{BTreeMap, BTreeSet};

use super::OutFile;
use super::chrome::{self, ChromeArgs};
use super::context::*;
use super::locale;
use super::navigation;
use super::pages::Renderer;
use crate::config::Role;
use crate::diagnostic::Diagnostic;
use crate::lang::Lang;
use crate::paths;

/// Pages per list heading: the heading's place and text, and the count.
type GroupTotals = BTreeMap<(usize, String), usize>;

#[derive(serde::Serialize)]
struct ListCtx<'a> {
    c: Chrome<'a>,
    l: ListView,
}

/// What a list page is, besides its content.
struct ListPage<'a> {
    lang: Lang,
    /// The home page (no breadcrumbs, its own template).
    home: bool,
    dir: String,
    title: String,
    description: Option<String>,
    alternates: BTreeMap<Lang, String>,
    /// The menu entry to mark current.
    nav: Option<&'a str>,
    /// The index above this list in the breadcrumbs (a facet's, the periods').
    parent: Option<Crumb>,
}

#[derive(serde::Serialize)]
struct GlossaryCtx<'a> {
    c: Chrome<'a>,
    g: GlossaryView,
}

#[derive(serde::Serialize)]
struct RootCtx {
    r: RootView,
}

impl Renderer<'_> {
    fn t(&self, lang: Lang, key: &str) -> String {
        self.theme.t(lang, key).to_string()
    }

    /// The same folder in every language: `dir` of each.
    pub(super) fn alternates(&self, dir: impl Fn(Lang) -> String) -> BTreeMap<Lang, String> {
        self.site.config.languages.iter().map(|l| (*l, dir(*l))).collect()
    }

    /// The chrome of one of the site's own pages of a language (the
    /// glossary, search, the accessibility statement): folder `dir_of(lang)`
    /// in every language, breadcrumbs home › `title`, the menu's `section`.
    pub(super) fn section_chrome(
        &self,
        lang: Lang,
        dir_of: fn(Lang) -> String,
        title: &str,
        description: Option<String>,
        section: &'static str,
    ) -> Chrome<'_> {
        let dir = dir_of(lang);
        chrome::chrome(
            self.site,
            self.theme,
            ChromeArgs {
                lang,
                dir: dir.clone(),
                title: title.to_string(),
                description,
                alternates: self.alternates(dir_of),
                breadcrumbs: self.home_crumbs(lang, &dir, title),
                section: Some(section),
                og_type: "website",
                absolute_links: false,
            },
        )
    }

    pub(super) fn home_crumbs(&self, lang: Lang, dir: &str, here: &str) -> Vec<Crumb> {
        vec![
            Crumb { label: self.t(lang, "home"), url: Some(paths::relative(dir, &paths::index_of(&paths::home_dir(lang)))) },
            Crumb { label: here.to_string(), url: None },
        ]
    }

    fn list(&self, lp: ListPage<'_>, view: ListView, out: String) -> Result<OutFile, Diagnostic> {
        let ListPage { lang, home, dir, title, description, alternates, nav, parent } = lp;
        let mut view = view;
        let intro = std::mem::take(&mut view.toc);
        view.toc = list_toc(intro, &mut view.sections);
        let mut crumbs = if home { vec![] } else { self.home_crumbs(lang, &dir, &title) };
        if let Some(p) = parent {
            crumbs.insert(1, p);
        }
        let c = chrome::chrome(
            self.site,
            self.theme,
            ChromeArgs {
                lang,
                dir: dir.clone(),
                title,
                description,
                alternates,
                breadcrumbs: crumbs,
                section: nav,
                og_type: "website",
                absolute_links: false,
            },
        );
        let template = if home { "home.html" } else { "list.html" };
        self.render(template, &ListCtx { c, l: view }, out)
    }

    /// Pages sorted for lists: by period, number, weight, title.
    fn sorted(&self, pages: Vec<usize>, lang: Lang) -> Vec<usize> {
        super::navigation::list_order(self.site, pages, lang)
    }

    /// The heading a page is listed under: its first period (for a kind
    /// list) or its kind, with the heading's place.
    fn group_of(&self, i: usize, lang: Lang, by_kind: bool) -> (usize, String) {
        let cfg = &self.site.config;
        let p = &self.site.pages()[i];
        if by_kind {
            let k = cfg.kinds.iter().position(|k| k.key == p.kind).unwrap_or(usize::MAX);
            return (k, cfg.kinds.get(k).map(|k| k.label.get_or_any(lang).to_string()).unwrap_or_default());
        }
        match p.meta.period.first().and_then(|k| cfg.periods.iter().position(|x| x.key == k.value)) {
            Some(k) => {
                let per = &cfg.periods[k];
                (k, locale::period(per.label.get_or_any(lang), per.from, per.to, lang))
            }
            None => (usize::MAX, String::new()),
        }
    }

    /// How many pages of `all` each heading ([`group_of`](Self::group_of)) has.
    fn group_totals(&self, all: &[usize], lang: Lang, by_kind: bool) -> GroupTotals {
        let mut totals = GroupTotals::new();
        for &i in all {
            *totals.entry(self.group_of(i, lang, by_kind)).or_default() += 1;
        }
        totals
    }

    /// Cards grouped under headings: by period (for a kind), or by kind.
    /// Each heading counts its pages in `totals` when `pages` is one page of
    /// a paginated list (counted once for all of its pages), else in `pages`.
    fn grouped(&self, pages: &[usize], totals: Option<&GroupTotals>, lang: Lang, dir: &str, by_kind: bool) -> Vec<Section> {
        let mut groups: BTreeMap<(usize, String), Vec<usize>> = BTreeMap::new();
        for &i in pages {
            groups.entry(self.group_of(i, lang, by_kind)).or_default().push(i);
        }
        groups
            .into_iter()
            .map(|(key, list)| Section {
                count: Some(totals.and_then(|t| t.get(&key).copied()).unwrap_or(list.len())),
                heading: (!key.1.is_empty()).then_some(key.1),
                items: list.iter().map(|j| self.item(*j, lang, dir)).collect(),
                ..Section::default()
            })
            .collect()
    }

    /// "33件" / "33 pages" ("1 page").
    fn count(&self, lang: Lang, n: usize) -> String {
        let key = if n == 1 { "pages_count_one" } else { "pages_count" };
        crate::theme::fill(&self.t(lang, key), &[("n", &n.to_string())])
    }

    /// The first screen of the home page: each kind and period with its
    /// count and list, and the latest pages.
    fn overview(&self, lang: Lang, dir: &str) -> Overview {
        /// How many of the latest pages the home page names.
        const LATEST: usize = 5;
        let cfg = &self.site.config;
        let pages = self.site.pages();
        let kinds = cfg
            .kinds
            .iter()
            .filter_map(|k| {
                let n = self.orders.order(lang, &k.key).len();
                (n > 0).then(|| OverviewEntry {
                    label: k.label.get_or_any(lang).to_string(),
                    url: paths::relative(dir, &paths::index_of(&paths::kind_dir(lang, &k.folder))),
                    count: self.count(lang, n),
                    description: k.description.as_ref().map(|d| d.get_or_any(lang).to_string()),
                })
            })
            .collect();
        let periods = cfg
            .periods
            .iter()
            .filter_map(|p| {
                // The pages the period's own page lists.
                let n = self.ix.periods().get(&p.key).map_or(0, Vec::len);
                (n > 0).then(|| OverviewEntry {
                    label: locale::period(p.label.get_or_any(lang), p.from, p.to, lang),
                    url: paths::relative(dir, &paths::index_of(&paths::period_dir(lang, &p.key))),
                    count: self.count(lang, n),
                    description: None,
                })
            })
            .collect();
        let date = |i: usize| pages[i].meta.updated.or(pages[i].meta.date);
        // Newest first; pages of one date in list order (the sort is stable).
        let mut dated = self.sorted((0..pages.len()).filter(|i| date(*i).is_some()).collect(), lang);
        dated.sort_by_key(|i| std::cmp::Reverse(date(*i)));
        let latest = dated
            .into_iter()
            .take(LATEST)
            .filter_map(|i| date(i).map(|d| (d, i)))
            .map(|(d, i)| {
                let mut item = self.item(i, lang, dir);
                let kind = cfg.kind(&pages[i].kind).map(|k| k.label.get_or_any(lang).to_string()).unwrap_or_default();
                item.meta = Some(format!("{} · {kind}", locale::date(d, lang)));
                item.summary = None;
                item
            })
            .collect();
        Overview { kinds, periods, latest }
    }

    pub(super) fn home_page(&self, lang: Lang, out: String) -> Result<OutFile, Diagnostic> {
        let cfg = &self.site.config;
        let dir = paths::home_dir(lang);
        let home = self.site.home.get(&lang);
        let title = home.map(|h| h.title.clone()).unwrap_or_else(|| cfg.title.get_or_any(lang).to_string());
        let description = home.and_then(|h| h.summary.clone()).or_else(|| cfg.description.as_ref().map(|d| d.get_or_any(lang).to_string()));
        let mut sections = Vec::new();
        for k in &cfg.kinds {
            let pages: Vec<usize> = (0..self.site.pages().len()).filter(|i| self.site.pages()[*i].kind == k.key).collect();
            if pages.is_empty() {
                continue;
            }
            let url = paths::relative(&dir, &paths::index_of(&paths::kind_dir(lang, &k.folder)));
            let shown: Vec<usize> = self
                .sorted(pages.clone(), lang)
                .into_iter()
                .filter(|i| self.ix.parent()[*i].is_none_or(|p| self.site.pages()[p].kind != k.key))
                .take(12)
                .collect();
            sections.push(Section {
                heading: Some(k.label.get_or_any(lang).into()),
                url: Some(url),
                count: Some(pages.len()),
                items: shown.iter().map(|j| self.item(*j, lang, &dir)).collect(),
                ..Section::default()
            });
        }
        for f in &cfg.facets {
            let values: Vec<Item> = f
                .values
                .iter()
                .filter(|v| self.ix.facets().contains_key(&(f.key.clone(), v.key.clone())))
                .map(|v| Item {
                    title: v.label.get_or_any(lang).into(),
                    url: paths::relative(&dir, &paths::index_of(&paths::facet_value_dir(lang, &f.key, &v.key))),
                    hreflang: None,
                    meta: None,
                    note: None,
                    summary: None,
                })
                .collect();
            if !values.is_empty() {
                sections.push(Section {
                    heading: Some(f.label.get_or_any(lang).into()),
                    url: Some(paths::relative(&dir, &paths::index_of(&paths::facet_dir(lang, &f.key)))),
                    items: values,
                    ..Section::default()
                });
            }
        }
        let intro = self.home.get(&lang);
        let overview = self.overview(lang, &dir);
        // "On this page" leads with the overview's parts, then the introduction's.
        let parts = [
            (!overview.kinds.is_empty(), "overview-kinds", "overview_kinds"),
            (!overview.periods.is_empty(), "overview-periods", "periods"),
            (!overview.latest.is_empty(), "overview-latest", "overview_latest"),
        ];
        let mut toc: Vec<TocEntry> = parts
            .into_iter()
            .filter(|(shown, ..)| *shown)
            .map(|(_, id, key)| TocEntry { id: id.into(), text: self.t(lang, key) })
            .collect();
        toc.extend(navigation::toc(intro.map(|r| r.headings.as_slice()).unwrap_or_default(), Vec::new(), 0));
        let view = ListView {
            title: title.clone(),
            intro: intro.map(|r| r.html.clone()),
            sections,
            pagination: None,
            toc,
            overview: Some(overview),
        };
        self.list(
            ListPage { lang, home: true, dir, title, description, alternates: self.alternates(paths::home_dir), nav: None, parent: None },
            view,
            out,
        )
    }

    pub(super) fn kind_list(&self, k: usize, lang: Lang, files: &[String]) -> Result<Vec<OutFile>, Diagnostic> {
        let cfg = &self.site.config;
        let kind = &cfg.kinds[k];
        let pages: Vec<usize> = (0..self.site.pages().len()).filter(|i| self.site.pages()[*i].kind == kind.key).collect();
        if pages.is_empty() {
            return Ok(vec![]);
        }
        let pages = self.sorted(pages, lang);
        let chunks: Vec<&[usize]> = pages.chunks(cfg.pagination).collect();
        let totals = self.group_totals(&pages, lang, false);
        let title = kind.label.get_or_any(lang).to_string();
        let dir_of = |n: usize| paths::kind_page_dir(lang, &kind.folder, n + 1);
        let mut out = Vec::new();
        for ((n, chunk), file) in chunks.iter().enumerate().zip(files) {
            let dir = dir_of(n);
            let pagination = self.list_pagination(lang, &kind.folder, n, chunks.len(), &dir);
            let view = ListView {
                title: title.clone(),
                intro: None,
                sections: self.grouped(chunk, Some(&totals), lang, &dir, false),
                pagination,
                toc: Vec::new(),
                overview: None,
            };
            let alternates = self.alternates(|l| paths::kind_page_dir(l, &kind.folder, n + 1));
            out.push(self.list(
                ListPage {
                    lang,
                    home: false,
                    dir,
                    title: title.clone(),
                    description: None,
                    alternates,
                    nav: Some(&kind.folder),
                    parent: None,
                },
                view,
                file.clone(),
            )?);
        }
        Ok(out)
    }

    pub(super) fn facet_index(&self, f: usize, lang: Lang, out: String) -> Result<OutFile, Diagnostic> {
        let facet = &self.site.config.facets[f];
        let dir = paths::facet_dir(lang, &facet.key);
        let sections = facet
            .values
            .iter()
            .map(|v| {
                let n = self.ix.facets().get(&(facet.key.clone(), v.key.clone())).map_or(0, Vec::len);
                Section {
                    heading: Some(v.label.get_or_any(lang).into()),
                    url: Some(paths::relative(&dir, &paths::index_of(&paths::facet_value_dir(lang, &facet.key, &v.key)))),
                    count: Some(n),
                    description: v.description.as_ref().map(|d| d.get_or_any(lang).into()),
                    ..Section::default()
                }
            })
            .collect();
        let title = facet.label.get_or_any(lang).to_string();
        let view = ListView::new(title.clone(), Some(html_p(&self.t(lang, "facet_index_intro"))), sections);
        self.list(
            ListPage {
                lang,
                home: false,
                dir,
                title,
                description: None,
                alternates: self.alternates(|l| paths::facet_dir(l, &facet.key)),
                nav: Some(&facet.key),
                parent: None,
            },
            view,
            out,
        )
    }

    pub(super) fn facet_value(&self, f: usize, v: usize, lang: Lang, out: String) -> Result<OutFile, Diagnostic> {
        let facet = &self.site.config.facets[f];
        let value = &facet.values[v];
        let dir = paths::facet_value_dir(lang, &facet.key, &value.key);
        let pages = self.sorted(self.ix.facets().get(&(facet.key.clone(), value.key.clone())).cloned().unwrap_or_default(), lang);
        let title = value.label.get_or_any(lang).to_string();
        let description = value.description.as_ref().map(|d| d.get_or_any(lang).to_string());
        let view = ListView::new(title.clone(), description.as_deref().map(html_p), self.grouped(&pages, None, lang, &dir, true));
        let alternates = self.alternates(|l| paths::facet_value_dir(l, &facet.key, &value.key));
        let parent = Crumb {
            label: facet.label.get_or_any(lang).to_string(),
            url: Some(paths::relative(&dir, &paths::index_of(&paths::facet_dir(lang, &facet.key)))),
        };
        let lp = ListPage { lang, home: false, dir, title, description, alternates, nav: Some(&facet.key), parent: Some(parent) };
        self.list(lp, view, out)
    }

    pub(super) fn period_index(&self, lang: Lang, out: String) -> Result<OutFile, Diagnostic> {
        let dir = paths::periods_dir(lang);
        let sections = self
            .site
            .config
            .periods
            .iter()
            .map(|p| Section {
                heading: Some(locale::period(p.label.get_or_any(lang), p.from, p.to, lang)),
                url: Some(paths::relative(&dir, &paths::index_of(&paths::period_dir(lang, &p.key)))),
                count: Some(self.ix.periods().get(&p.key).map_or(0, Vec::len)),
                ..Section::default()
            })
            .collect();
        let title = self.t(lang, "periods");
        let view = ListView::new(title.clone(), None, sections);
        self.list(
            ListPage {
                lang,
                home: false,
                dir,
                title,
                description: None,
                alternates: self.alternates(paths::periods_dir),
                nav: Some("periods"),
                parent: None,
            },
            view,
            out,
        )
    }

    pub(super) fn period(&self, p: usize, lang: Lang, out: String) -> Result<OutFile, Diagnostic> {
        let period = &self.site.config.periods[p];
        let dir = paths::period_dir(lang, &period.key);
        let pages = self.sorted(self.ix.periods().get(&period.key).cloned().unwrap_or_default(), lang);
        let mut sections = self.grouped(&pages, None, lang, &dir, true);
        // The budget of the period: every project's lines whose fiscal year falls in it.
        let in_period = |fy: i32| period.from.is_none_or(|f| fy >= f) && period.to.is_none_or(|t| fy <= t);
        let mut rows = Vec::new();
        for &i in pages.iter().filter(|i| self.site.config.has_role(&self.site.pages()[**i].kind, Role::Funded)) {
            let page = &self.site.pages()[i];
            let item = self.item(i, lang, &dir);
            let lines = self.budget_rows(page, lang, &dir);
            for (b, row) in page.meta.budget.iter().filter(|b| in_period(b.fy)).zip(
                lines.into_iter().filter(|r| page.meta.budget.iter().any(|b| in_period(b.fy) && r.fy == locale::fiscal_year(b.fy, lang))),
            ) {
                let _ = b;
                rows.push(vec![
                    Cell { values: vec![Link { text: item.title.clone(), url: Some(item.url.clone()) }], class: None },
                    Cell { values: vec![Link { text: row.fy, url: None }], class: None },
                    Cell { values: vec![Link { text: row.scope, url: None }], class: None },
                    Cell { values: vec![Link { text: row.amount, url: None }], class: Some("num") },
                ]);
            }
        }
        if !rows.is_empty() {
            let head = vec![self.t(lang, "project"), self.t(lang, "fiscal_year"), self.t(lang, "scope"), self.t(lang, "amount")];
            sections.push(Section {
                id: Some("budget".into()),
                heading: Some(self.t(lang, "period_budget")),
                charts: super::charts::period_charts(&self.charts_ctx(lang, &dir), p),
                table: Some(Table { caption: None, head, rows }),
                ..Section::default()
            });
        }
        let title = locale::period(period.label.get_or_any(lang), period.from, period.to, lang);
        let view = ListView::new(title.clone(), Some(html_p(&self.t(lang, "period_intro"))), sections);
        let alternates = self.alternates(|l| paths::period_dir(l, &period.key));
        let parent =
            Crumb { label: self.t(lang, "periods"), url: Some(paths::relative(&dir, &paths::index_of(&paths::periods_dir(lang)))) };
        self.list(
            ListPage { lang, home: false, dir, title, description: None, alternates, nav: Some("periods"), parent: Some(parent) },
            view,
            out,
        )
    }

    /// Projects across periods: one row per chain of `succeeds`.
    pub(super) fn crosswalk(&self, lang: Lang, out: String) -> Result<OutFile, Diagnostic> {
        let cfg = &self.site.config;
        let dir = paths::crosswalk_dir(lang);
        let projects: Vec<usize> =
            (0..self.site.pages().len()).filter(|i| self.site.config.has_role(&self.site.pages()[*i].kind, Role::Funded)).collect();
        // Connected groups of the succession graph, found by union-find.
        let mut group: BTreeMap<usize, usize> = projects.iter().map(|i| (*i, *i)).collect();
        fn find(g: &mut BTreeMap<usize, usize>, i: usize) -> usize {
            let p = g[&i];
            if p == i {
                i
            } else {
                let r = find(g, p);
                g.insert(i, r);
                r
            }
        }
        for &i in &projects {
            for &j in &self.ix.predecessors()[i] {
                if group.contains_key(&j) {
                    let (a, b) = (find(&mut group, i), find(&mut group, j));
                    group.insert(a.max(b), a.min(b));
                }
            }
        }
        let mut rows: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &i in &projects {
            let r = find(&mut group, i);
            rows.entry(r).or_default().push(i);
        }
        let period_of = |i: usize| self.site.pages()[i].meta.period.first().and_then(|k| cfg.periods.iter().position(|p| p.key == k.value));
        let mut table_rows: Vec<(Vec<usize>, Vec<Cell>)> = Vec::new();
        for members in rows.values() {
            let mut cells = Vec::new();
            let mut sort_key = Vec::new();
            for (pi, _) in cfg.periods.iter().enumerate() {
                let mut in_p: Vec<usize> = members.iter().copied().filter(|i| period_of(*i) == Some(pi)).collect();
                in_p.sort_by_key(|i| (self.site.pages()[*i].meta.number.unwrap_or(u32::MAX), self.site.pages()[*i].id.clone()));
                sort_key.push(in_p.first().map(|i| self.site.pages()[*i].meta.number.unwrap_or(u32::MAX) as usize).unwrap_or(usize::MAX));
                cells.push(Cell {
                    values: in_p
                        .iter()
                        .map(|i| {
                            let it = self.item(*i, lang, &dir);
                            let n = self.site.pages()[*i].meta.number.map(locale::circled).unwrap_or_default();
                            Link { text: format!("{n}{}", it.title), url: Some(it.url) }
                        })
                        .collect(),
                    class: None,
                });
            }
            let merged = members.iter().any(|i| self.ix.predecessors()[*i].len() > 1);
            let split = members.iter().any(|i| self.ix.successors()[*i].len() > 1);
            let first = cells.iter().position(|c| !c.values.is_empty()).unwrap_or(0);
            let last = cells.iter().rposition(|c| !c.values.is_empty()).unwrap_or(0);
            let mut status = Vec::new();
            if first > 0 {
                status.push(crate::theme::fill(&self.t(lang, "crosswalk_from"), &[("period", cfg.periods[first].label.get_or_any(lang))]));
            }
            if merged {
                status.push(self.t(lang, "crosswalk_merged"));
            }
            if split {
                status.push(self.t(lang, "crosswalk_split"));
            }
            if last + 1 < cfg.periods.len() {
                status.push(crate::theme::fill(&self.t(lang, "crosswalk_until"), &[("period", cfg.periods[last].label.get_or_any(lang))]));
            }
            if status.is_empty() {
                status.push(self.t(lang, "crosswalk_continued"));
            }
            cells.push(Cell { values: vec![Link { text: status.join(self.theme.t(lang, "list_separator")), url: None }], class: None });
            sort_key.reverse();
            table_rows.push((sort_key, cells));
        }
        table_rows.sort_by(|a, b| a.0.cmp(&b.0));
        let mut head: Vec<String> = cfg.periods.iter().map(|p| locale::period(p.label.get_or_any(lang), p.from, p.to, lang)).collect();
        head.push(self.t(lang, "notes"));
        let table = Table { caption: Some(self.t(lang, "crosswalk_intro")), head, rows: table_rows.into_iter().map(|(_, c)| c).collect() };
        let title = self.t(lang, "crosswalk");
        let section =
            Section { charts: super::charts::crosswalk_charts(&self.charts_ctx(lang, &dir)), table: Some(table), ..Section::default() };
        let view = ListView::new(title.clone(), None, vec![section]);
        self.list(
            ListPage {
                lang,
                home: false,
                dir,
                title,
                description: None,
                alternates: self.alternates(paths::crosswalk_dir),
                nav: Some("crosswalk"),
                parent: None,
            },
            view,
            out,
        )
    }

    pub(super) fn glossary(&self, lang: Lang, out: String) -> Result<OutFile, Diagnostic> {
        let site = self.site;
        let dir = paths::glossary_dir(lang);
        let mut used: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
        for ((i, l), r) in self.bodies.iter() {
            if *l == lang {
                for t in &r.terms {
                    used.entry(t.as_str()).or_default().insert(*i);
                }
            }
        }
        let mut entries: Vec<(String, String, GlossaryItem)> = Vec::new();
        for e in site.glossary.iter() {
            let Some(t) = e.langs.get(&lang) else { continue };
            let (group, key) = match lang {
                Lang::Ja => (gojuon_row(&e.reading), kana_key(&e.reading)),
                Lang::En => (latin_group(&t.term), t.term.to_lowercase()),
            };
            let used_in = used
                .get(e.id.as_str())
                .map(|s| self.sorted(s.iter().copied().collect(), lang))
                .unwrap_or_default()
                .into_iter()
                .map(|j| {
                    let it = self.item(j, lang, &dir);
                    LinkTo { text: it.title, url: it.url }
                })
                .collect();
            let item = GlossaryItem {
                id: e.id.clone(),
                term: t.term.clone(),
                reading: (lang == Lang::Ja && !e.reading.is_empty() && e.reading != t.term).then(|| e.reading.clone()),
                expansion: t.expansion.clone(),
                definition: t.definition.clone(),
                page: e.page.as_ref().and_then(|p| site.page_index(&p.value)).map(|j| {
                    let it = self.item(j, lang, &dir);
                    LinkTo { text: it.title, url: it.url }
                }),
                see: e
                    .see
                    .iter()
                    .filter_map(|s| site.glossary.iter().find(|x| x.id == s.value))
                    .filter_map(|x| x.langs.get(&lang).map(|xt| SeeAlso { id: x.id.clone(), term: xt.term.clone() }))
                    .collect(),
                used_in,
                other: site.config.languages.iter().filter(|l| **l != lang).find_map(|l| {
                    e.langs.get(l).filter(|ot| ot.term != t.term).map(|ot| OtherTerm { lang: l.code(), term: ot.term.clone() })
                }),
            };
            entries.push((group, key, item));
        }
        entries.sort_by(|a, b| (group_order(&a.0), &a.1, &a.2.id).cmp(&(group_order(&b.0), &b.1, &b.2.id)));
        let mut groups: Vec<GlossaryGroup> = Vec::new();
        for (g, _, item) in entries {
            match groups.last_mut() {
                Some(last) if last.heading == g => last.entries.push(item),
                _ => groups.push(GlossaryGroup { anchor: format!("group-{}", groups.len() + 1), heading: g, entries: vec![item] }),
            }
        }
        let title = self.t(lang, "glossary");
        let view = GlossaryView {
            title: title.clone(),
            intro: self.t(lang, "glossary_intro"),
            index_label: self.t(lang, "glossary_index"),
            groups,
        };
        let c = self.section_chrome(lang, paths::glossary_dir, &title, Some(self.t(lang, "glossary_intro")), "glossary");
        self.render("glossary.html", &GlossaryCtx { c, g: view }, out)
    }

    pub(super) fn root(&self, out: String) -> Result<OutFile, Diagnostic> {
        let cfg = &self.site.config;
        let languages = cfg
            .languages
            .iter()
            .map(|l| RootLang {
                lang: l.code(),
                title: cfg.title.get_or_any(*l).into(),
                description: cfg.description.as_ref().map(|d| d.get_or_any(*l).into()),
                url: paths::index_of(&paths::home_dir(*l)),
                enter: self.t(*l, "language_enter"),
            })
            .collect();
        let mut alternates: Vec<Alternate> = cfg
            .languages
            .iter()
            .map(|l| Alternate { hreflang: l.code().into(), href: paths::absolute(&cfg.base_url, &paths::home_dir(*l)) })
            .collect();
        alternates.push(Alternate { hreflang: "x-default".into(), href: cfg.base_url.clone() });
        let view = RootView {
            default_lang: cfg.default_language.code(),
            title: cfg.languages.iter().map(|l| cfg.title.get_or_any(*l)).collect::<Vec<_>>().join(" / "),
            canonical: cfg.base_url.clone(),
            alternates,
            languages,
        };
        self.render("root.html", &RootCtx { r: view }, out)
    }

    pub(super) fn not_found(&self, out: String) -> Result<OutFile, Diagnostic> {
        let lang = self.site.config.default_language;
        let title = self.t(lang, "not_found_title");
        let c = chrome::chrome(
            self.site,
            self.theme,
            ChromeArgs {
                lang,
                dir: String::new(),
                title,
                description: None,
                alternates: BTreeMap::new(),
                breadcrumbs: vec![],
                section: None,
                og_type: "website",
                absolute_links: true,
            },
        );
        /// The page's words in another language of the site, with a link to its home.
        #[derive(serde::Serialize)]
        struct Other {
            lang: &'static str,
            title: String,
            text: String,
            back: String,
            url: String,
        }
        #[derive(serde::Serialize)]
        struct Ctx<'a> {
            c: Chrome<'a>,
            others: Vec<Other>,
        }
        let others = (self.site.config.languages.iter().filter(|l| **l != lang))
            .map(|l| Other {
                lang: l.code(),
                title: self.t(*l, "not_found_title"),
                text: self.t(*l, "not_found_text"),
                back: self.t(*l, "back_home"),
                url: [c.root.as_str(), &paths::index_of(&paths::home_dir(*l))].concat(),
            })
            .collect();
        self.render("404.html", &Ctx { c, others }, out)
    }
}

/// Gives every `h2` of a list an id and returns "on this page" for them
/// (empty below [`navigation::TOC_MIN_SECTIONS`]): the intro's (`intro`),
/// then each section's heading, or the cards of a section without one
/// (`list.html` makes those `h2`, with ids `<section id>-<n>`).
fn list_toc(intro: Vec<TocEntry>, sections: &mut [Section]) -> Vec<TocEntry> {
    let mut entries = intro;
    for (k, s) in sections.iter_mut().enumerate() {
        let id = s.id.get_or_insert_with(|| format!("section-{}", k + 1)).clone();
        match &s.heading {
            Some(h) => entries.push(TocEntry { id, text: h.clone() }),
            None => {
                entries.extend(s.items.iter().enumerate().map(|(n, it)| TocEntry { id: format!("{id}-{}", n + 1), text: it.title.clone() }))
            }
        }
    }
    if entries.len() >= navigation::TOC_MIN_SECTIONS { entries } else { Vec::new() }
}

fn html_p(s: &str) -> String {
    format!("<p>{}</p>", crate::escape::text(s))
}

/// The gojūon row (ア カ サ …) of a kana reading.
pub fn gojuon_row(reading: &str) -> String {
    let Some(first) = kana_key(reading).chars().next() else { return "#".into() };
    const ROWS: [(&str, char); 10] = [
        ("あいうえお", 'ア'),
        ("かきくけこ", 'カ'),
        ("さしすせそ", 'サ'),
        ("たちつてと", 'タ'),
        ("なにぬねの", 'ナ'),
        ("はひふへほ", 'ハ'),
        ("まみむめも", 'マ'),
        ("やゆよ", 'ヤ'),
        ("らりるれろ", 'ラ'),
        ("わをん", 'ワ'),
    ];
    ROWS.iter().find(|(chars, _)| chars.contains(first)).map(|(_, h)| h.to_string()).unwrap_or_else(|| "#".into())
}

/// A reading as plain hiragana without voicing marks or small kana, for sorting.
pub fn kana_key(reading: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    reading
        .nfd()
        .filter(|c| !matches!(*c, '\u{3099}' | '\u{309A}' | 'ー' | '・' | ' '))
        .map(|c| {
            let c = if ('ァ'..='ヶ').contains(&c) { char::from_u32(c as u32 - 0x60).unwrap_or(c) } else { c };
            match c {
                'ぁ' => 'あ',
                'ぃ' => 'い',
                'ぅ' => 'う',
                'ぇ' => 'え',
                'ぉ' => 'お',
                'っ' => 'つ',
                'ゃ' => 'や',
                'ゅ' => 'ゆ',
                'ょ' => 'よ',
                'ゎ' => 'わ',
                c => c,
            }
        })
        .collect()
}

fn latin_group(term: &str) -> String {
    match term.chars().next().map(|c| c.to_ascii_uppercase()) {
        Some(c) if c.is_ascii_alphabetic() => c.to_string(),
        _ => "#".into(),
    }
}

fn group_order(g: &str) -> (u8, String) {
    const ROWS: &str = "アカサタナハマヤラワ";
    match ROWS.chars().position(|c| g.starts_with(c)) {
        Some(i) => (0, format!("{i:02}")),
        None if g == "#" => (2, String::new()),
        None => (1, g.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gojuon_rows_of_readings() {
        assert_eq!(gojuon_row("えーめど"), "ア");
        assert_eq!(gojuon_row("ドラッグろす"), "タ");
        assert_eq!(gojuon_row("ぴーでぃー"), "ハ");
        assert_eq!(gojuon_row("じーせぶん"), "サ");
    }

    #[test]
    fn kana_key_ignores_voicing_and_size() {
        assert_eq!(kana_key("ドラッグ"), "とらつく");
        assert!(kana_key("がん") > kana_key("かい"));
    }
}
