//! Phase 2: budget charts and relation diagrams as static inline SVG.
//!
//! Part of the `render` stage. From the model and the index this module draws,
//! at build time and without any script:
//!
//! - on a project page, a horizontal bar chart of the budget lines that name
//!   the project (from every page, not only its children), per fiscal year,
//!   AMED and in-house apart, with 内数 (`part_of`) and shared figures drawn
//!   once, patterned and labelled so they are not read as a program's own
//!   amount; and a diagram of the project with its parent plan and programs;
//! - on a program page whose lines span fiscal years, its budget by year;
//! - on a period page, the totals the projects of the period state;
//! - on the crosswalk page, the succession of projects across periods.
//!
//! Every chart is a `<figure>` holding an `<svg role="img">` with `<title>`
//! and `<desc>`, and a table of the same numbers in a `<details>` that is
//! always in the HTML. Colours come from CSS classes (the stylesheet's
//! custom properties give light, dark and print schemes); patterns and labels
//! carry every distinction colour does. Layout never depends on a browser
//! measuring text: widths are estimated conservatively ([`text`]). The same
//! input gives byte-identical output.

mod bars;
mod budget;
mod diagram;
mod relations;
pub mod text;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::config::Role;
use crate::escape::{self, Html};
use crate::lang::Lang;
use crate::model::Site;
use crate::paths;
use crate::resolve::Index;
use crate::theme::Theme;

/// The start of a figure's data table, closed on a page; a handout opens it
/// so that paper shows the numbers beside the chart.
pub const DATA_TABLE: &str = "<details class=\"chart-data\">";

/// A chart or diagram ready for a template: `html` is a whole `<figure>`.
#[derive(Serialize, Debug, Clone)]
pub struct ChartView {
    /// The figure's id, unique on its page (`chart-budget`).
    pub id: String,
    /// `budget`, `relations`, `period-budget`, `program-budget` or `succession`.
    pub kind: &'static str,
    pub title: String,
    /// The figure: SVG, notes and data table. Generated and escaped here.
    pub html: String,
}

/// Every budget line that names a project, by that project's page index:
/// `(page, line)` pairs in page order. Built once per build, so a project's
/// charts cost the lines that name it, not a walk over every page.
#[derive(Debug, Default)]
pub struct BudgetLines {
    by_project: BTreeMap<usize, Vec<(usize, usize)>>,
}

impl BudgetLines {
    pub fn new(site: &Site) -> BudgetLines {
        let mut by_project: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new();
        for (j, p) in site.pages().iter().enumerate() {
            for (k, b) in p.meta.budget.iter().enumerate() {
                if let Some(i) = b.project.as_ref().and_then(|x| site.page_index(&x.value)) {
                    by_project.entry(i).or_default().push((j, k));
                }
            }
        }
        BudgetLines { by_project }
    }

    /// The `(page, line)` pairs naming project `i`.
    fn naming(&self, i: usize) -> &[(usize, usize)] {
        self.by_project.get(&i).map_or(&[], Vec::as_slice)
    }
}

/// What the charts of one output page need.
pub struct Ctx<'a> {
    pub site: &'a Site,
    pub ix: &'a Index,
    pub theme: &'a Theme,
    pub lines: &'a BudgetLines,
    /// Put before every id the charts write (`chart-budget` …): empty on a
    /// page; something unique per page where several pages share one
    /// document, such as a handout.
    pub id_prefix: &'a str,
    pub lang: Lang,
    /// The output folder of the page the charts go on, for relative links.
    pub dir: &'a str,
}

impl Ctx<'_> {
    /// The id of a figure on this page.
    fn id(&self, base: &str) -> String {
        format!("{}{base}", self.id_prefix)
    }

    /// A UI string.
    fn t(&self, key: &str) -> String {
        self.theme.t(self.lang, key).to_string()
    }

    /// The language page `j` is shown in: this one, or its source language.
    fn lang_of(&self, j: usize) -> Lang {
        self.site.pages()[j].text_or_source(self.lang).1
    }

    /// The short title of page `j` (the title when it has none).
    fn short(&self, j: usize) -> String {
        let t = self.site.pages()[j].text_or_source(self.lang).0;
        t.short_title.clone().unwrap_or_else(|| t.title.clone())
    }

    /// The title of page `j`.
    fn title(&self, j: usize) -> String {
        self.site.pages()[j].text_or_source(self.lang).0.title.clone()
    }

    /// A relative link to page `j`.
    fn url(&self, j: usize) -> String {
        let p = &self.site.pages()[j];
        paths::relative(self.dir, &paths::page_index(self.lang_of(j), &p.folder, &p.id))
    }

    /// A table cell part linking to page `j`.
    fn link(&self, j: usize) -> Part {
        let other = self.lang_of(j);
        Part { text: self.short(j), url: Some(self.url(j)), lang: (other != self.lang).then_some(other.code()) }
    }

    /// The list separator of the language (`、` / `, `).
    fn sep(&self) -> String {
        self.t("list_separator")
    }

    /// Sentences joined for a `<desc>`: each ends with `。` / `. ` unless it
    /// already ends with a full stop.
    fn sentences<S: AsRef<str>>(&self, parts: &[S]) -> String {
        let end = self.t("chart_sentence_end");
        let mut out = String::new();
        for p in parts.iter().map(|p| p.as_ref().trim()).filter(|p| !p.is_empty()) {
            out.push_str(p);
            if p.ends_with(['。', '.']) {
                out.push_str(if end.ends_with(' ') { " " } else { "" });
            } else {
                out.push_str(&end);
            }
        }
        out.trim_end().to_string()
    }
}

/// The charts of content page `i`: a funded page's budget and relations;
/// any other page's own budget lines across fiscal years, when they span
/// several (`budget::program` draws nothing otherwise).
pub fn page_charts(ctx: &Ctx, i: usize) -> Vec<ChartView> {
    if ctx.site.config.has_role(&ctx.site.pages()[i].kind, Role::Funded) {
        return [budget::project(ctx, i), relations::project(ctx, i)].into_iter().flatten().collect();
    }
    budget::program(ctx, i).into_iter().collect()
}

/// The chart of a period page: the totals its projects state.
pub fn period_charts(ctx: &Ctx, period: usize) -> Vec<ChartView> {
    budget::period(ctx, period).into_iter().collect()
}

/// The diagram of the crosswalk page: projects across periods.
pub fn crosswalk_charts(ctx: &Ctx) -> Vec<ChartView> {
    relations::succession(ctx).into_iter().collect()
}

/// A piece of a table cell, maybe a link.
#[derive(Debug, Clone, PartialEq)]
struct Part {
    text: String,
    url: Option<String>,
    /// Set when the link goes to a page in another language.
    lang: Option<&'static str>,
}

impl Part {
    fn text(text: impl Into<String>) -> Part {
        Part { text: text.into(), url: None, lang: None }
    }
}

/// A table cell: a lead-in, parts joined by the list separator, and a note
/// on a line of its own.
#[derive(Debug, Clone, Default)]
struct Cell {
    prefix: Option<String>,
    parts: Vec<Part>,
    note: Option<String>,
    /// A number, aligned to the end.
    num: bool,
}

impl Cell {
    fn text(text: impl Into<String>) -> Cell {
        Cell { parts: vec![Part::text(text)], ..Cell::default() }
    }

    fn num(text: impl Into<String>) -> Cell {
        Cell { parts: vec![Part::text(text)], num: true, ..Cell::default() }
    }

    fn links(parts: Vec<Part>) -> Cell {
        Cell { parts, ..Cell::default() }
    }
}

/// The data table beside a chart.
#[derive(Debug, Default)]
struct Table {
    head: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

/// What [`figure`] assembles.
struct Figure {
    id: String,
    kind: &'static str,
    title: String,
    /// The drawing: one `<svg>`, or a stack of them for a diagram with links.
    drawing: String,
    notes: Vec<String>,
    table: Table,
}

/// The `<figure>`: caption, drawing in a scroll region, notes, and the data
/// table in a `<details>`.
fn figure(ctx: &Ctx, f: Figure) -> ChartView {
    let id = Html(&f.id);
    let title = Html(&f.title);
    let mut h = format!("<figure class=\"chart chart-{}\" id=\"{id}\">\n<figcaption id=\"{id}-caption\">{title}</figcaption>\n", f.kind);
    let _ = writeln!(h, "<div class=\"chart-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"{id}-caption\">");
    h.push_str(&f.drawing);
    h.push_str("</div>\n");
    for n in &f.notes {
        let _ = writeln!(h, "<p class=\"chart-note\">{}</p>", Html(n));
    }
    let _ = write!(
        h,
        "{DATA_TABLE}\n<summary>{}</summary>\n<div class=\"table-wrap\">\n<table>\n<caption>{}</caption>\n<thead><tr>",
        Html(&ctx.t("chart_data")),
        title
    );
    for th in &f.table.head {
        let _ = write!(h, "<th scope=\"col\">{}</th>", Html(th));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    let sep = ctx.sep();
    for row in &f.table.rows {
        h.push_str("<tr>");
        for cell in row {
            h.push_str(if cell.num { "<td class=\"num\">" } else { "<td>" });
            if let Some(p) = &cell.prefix {
                escape::push_html(&mut h, p);
            }
            for (n, part) in cell.parts.iter().enumerate() {
                if n > 0 {
                    escape::push_html(&mut h, &sep);
                }
                push_part(&mut h, part);
            }
            if let Some(n) = &cell.note {
                let _ = write!(h, "<br><span class=\"chart-cell-note\">{}</span>", Html(n));
            }
            h.push_str("</td>");
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n</div>\n</details>\n</figure>\n");
    ChartView { id: f.id, kind: f.kind, title: f.title, html: h }
}

/// Appends one part of a cell as HTML.
fn push_part(h: &mut String, p: &Part) {
    let _ = match (&p.url, p.lang) {
        (Some(u), Some(l)) => write!(h, "<a href=\"{}\" hreflang=\"{l}\"><span lang=\"{l}\">{}</span></a>", Html(u), Html(&p.text)),
        (Some(u), None) => write!(h, "<a href=\"{}\">{}</a>", Html(u), Html(&p.text)),
        (None, _) => write!(h, "{}", Html(&p.text)),
    };
}

#[cfg(test)]
mod tests;
