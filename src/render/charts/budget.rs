//! Budget charts: what the model's budget lines say, drawn honestly.
//!
//! - [`project`]: every budget line that names the project in `project`,
//!   from any page, per fiscal year and scope; the project's own totals as
//!   outlined bars; lines that share one figure (`shared_with`, or 内数 lines
//!   of one program family) merged into one bar labelled with all their
//!   programs, so no figure is drawn twice or read as a program's own.
//! - [`program`]: a program's lines across fiscal years, when it has more
//!   than one.
//! - [`period`]: the totals the projects of a period state, and which
//!   projects state none.
//!
//! Nothing is summed or split: a chart shows figures as the pages give them.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::bars::{self, Bar, BarChart, Key, Row, Style};
use super::{Cell, ChartView, Ctx, Figure, Part, Table, figure};
use crate::config::Role;
use crate::model::{BudgetLine, Scope};
use crate::render::locale;

/// A budget line and the page it is on.
#[derive(Clone, Copy)]
struct Line<'a> {
    page: usize,
    b: &'a BudgetLine,
}

const SCOPES: [Scope; 2] = [Scope::Amed, Scope::Inhouse];

fn scope_label(ctx: &Ctx, scope: Scope) -> String {
    ctx.t(match scope {
        Scope::Amed => "scope_amed",
        Scope::Inhouse => "scope_inhouse",
    })
}

fn key_label(ctx: &Ctx, style: Style, project_bars: bool) -> String {
    ctx.t(match style {
        Style::Own if project_bars => "chart_key_project",
        Style::Own => "chart_key_own",
        Style::Total => "chart_key_total",
        Style::PartOf => "chart_key_part_of",
        Style::Shared => "chart_key_shared",
        Style::Relisted => "chart_key_relisted",
    })
}

/// The figure as printed: `200億円`, `43億円の内数`, `0.8億円（再掲）`.
fn value(ctx: &Ctx, b: &BudgetLine) -> String {
    let v = if b.part_of { locale::part_of(&b.oku_yen, ctx.lang) } else { locale::yen(&b.oku_yen, ctx.lang) };
    if b.relisted { format!("{v}{}", ctx.t("chart_relisted_suffix")) } else { v }
}

/// The style of a line drawn for `members` programs.
fn style_of(b: &BudgetLine, members: usize) -> Style {
    if b.part_of {
        Style::PartOf
    } else if members > 1 {
        Style::Shared
    } else if b.relisted {
        Style::Relisted
    } else {
        Style::Own
    }
}

/// `{n}事業で共有` and the like.
fn count_label(ctx: &Ctx, key: &str, n: usize) -> String {
    crate::theme::fill(&ctx.t(key), &[("n", &n.to_string())])
}

/// A chart's rows and the table of the same numbers.
#[derive(Default)]
struct Built {
    rows: Vec<Row>,
    table: Vec<Vec<Cell>>,
}

impl Built {
    /// Adds a bar and its table row.
    fn bar(&mut self, ctx: &Ctx, fy: i32, bar: Bar, item: Cell, project_bars: bool) {
        self.table.push(vec![
            Cell::text(locale::fiscal_year(fy, ctx.lang)),
            Cell::text(scope_label(ctx, bar.scope)),
            item,
            Cell::num(bar.value.clone()),
            Cell::text(key_label(ctx, bar.style, project_bars)),
        ]);
        self.rows.push(Row::Bar(bar));
    }

    fn styles(&self) -> Vec<(Style, Scope)> {
        let mut s: Vec<(Style, Scope)> = self
            .rows
            .iter()
            .filter_map(|r| match r {
                Row::Bar(b) => Some((b.style, b.scope)),
                _ => None,
            })
            .collect();
        s.sort();
        s.dedup();
        s
    }
}

/// The legend: scope colours when both scopes appear, then the kinds of figure.
fn legend(ctx: &Ctx, built: &Built, project_bars: bool) -> Vec<Key> {
    let used = built.styles();
    let scopes: BTreeSet<Scope> = used.iter().map(|(_, s)| *s).collect();
    let mut keys = Vec::new();
    let both = scopes.len() > 1;
    if both {
        keys.extend(SCOPES.iter().map(|s| Key { style: Style::Own, scope: *s, text: scope_label(ctx, *s) }));
    }
    let mut styles: Vec<Style> = used.iter().map(|(s, _)| *s).collect();
    styles.sort();
    styles.dedup();
    for style in styles {
        if both && style == Style::Own {
            continue;
        }
        let scope = if used.contains(&(style, Scope::Amed)) { Scope::Amed } else { Scope::Inhouse };
        keys.push(Key { style, scope, text: key_label(ctx, style, project_bars) });
    }
    keys
}

/// Notes under a chart that has 内数 or shared bars.
fn notes(ctx: &Ctx, built: &Built) -> Vec<String> {
    let styles: BTreeSet<Style> = built.styles().into_iter().map(|(s, _)| s).collect();
    let mut notes = Vec::new();
    if styles.contains(&Style::PartOf) {
        notes.push(ctx.t("chart_note_part_of"));
    }
    if styles.contains(&Style::Shared) {
        notes.push(ctx.t("chart_note_shared"));
    }
    notes
}

/// The `<desc>`: the title, then a sentence per year and scope listing its
/// bars in words, then the notes.
fn describe(ctx: &Ctx, title: &str, rows: &[Row], notes: &[String]) -> String {
    let colon = ctx.t("colon");
    let (open, close) = (ctx.t("paren_open"), ctx.t("paren_close"));
    let mut sentences = vec![title.to_string(), ctx.t("chart_desc_axis")];
    let (mut year, mut lead, mut items) = (String::new(), String::new(), Vec::new());
    let flush = |lead: &str, items: &mut Vec<String>, sentences: &mut Vec<String>| {
        if !items.is_empty() {
            sentences.push(format!("{lead}{}", items.join(&ctx.t("chart_item_sep"))));
            items.clear();
        }
    };
    for r in rows {
        match r {
            Row::Heading(t) => {
                flush(&lead, &mut items, &mut sentences);
                year = t.clone();
                lead = format!("{year}{colon}");
            }
            Row::SubHeading(t) => {
                flush(&lead, &mut items, &mut sentences);
                lead = format!("{year}{}{t}{colon}", ctx.sep());
            }
            Row::Bar(b) => {
                let mut item = format!("{} {}", b.label.join(" "), b.value);
                if let Some(m) = &b.members {
                    let _ = write!(item, "{open}{m}{close}");
                }
                items.push(item);
            }
        }
    }
    flush(&lead, &mut items, &mut sentences);
    sentences.extend(notes.iter().cloned());
    ctx.sentences(&sentences)
}

/// The figure of a bar chart.
fn chart_figure(
    ctx: &Ctx,
    base: &str,
    kind: &'static str,
    title: String,
    built: Built,
    project_bars: bool,
    extra: Vec<String>,
) -> ChartView {
    let id = ctx.id(base);
    let mut notes = notes(ctx, &built);
    notes.extend(extra);
    let desc = describe(ctx, &title, &built.rows, &notes);
    let chart = BarChart {
        id: id.to_string(),
        title: title.clone(),
        desc,
        lang: ctx.lang,
        legend: legend(ctx, &built, project_bars),
        rows: built.rows,
    };
    let head = ["fiscal_year", "scope", "chart_col_item", "amount", "chart_col_kind"].iter().map(|k| ctx.t(k)).collect();
    figure(ctx, Figure { id, kind, title, drawing: bars::render(&chart), notes, table: Table { head, rows: built.table } })
}

/// The budget chart of project `i`: every line that names it, by year and scope.
pub fn project(ctx: &Ctx, i: usize) -> Option<ChartView> {
    let site = ctx.site;
    let pid = site.pages()[i].id.as_str();
    let totals: Vec<Line> = site.pages()[i]
        .meta
        .budget
        .iter()
        .filter(|b| b.project.as_ref().is_none_or(|x| x.value == pid))
        .map(|b| Line { page: i, b })
        .collect();
    let lines: Vec<Line> =
        ctx.lines.naming(i).iter().filter(|(j, _)| *j != i).map(|(j, k)| Line { page: *j, b: &site.pages()[*j].meta.budget[*k] }).collect();
    if lines.is_empty() {
        // The page's own budget table already shows its totals.
        return None;
    }
    let fys: BTreeSet<i32> = totals.iter().chain(&lines).map(|l| l.b.fy).collect();
    let mut built = Built::default();
    for fy in fys {
        built.rows.push(Row::Heading(locale::fiscal_year(fy, ctx.lang)));
        for scope in SCOPES {
            let here = |l: &&Line| l.b.fy == fy && l.b.scope == scope;
            let t: Vec<&Line> = totals.iter().filter(here).collect();
            let l: Vec<Line> = lines.iter().filter(here).copied().collect();
            if t.is_empty() && l.is_empty() {
                continue;
            }
            built.rows.push(Row::SubHeading(scope_label(ctx, scope)));
            for line in t {
                let bar = Bar {
                    label: vec![ctx.t("chart_whole_project")],
                    members: None,
                    man_yen: line.b.oku_yen.man_yen(),
                    value: value(ctx, line.b),
                    style: Style::Total,
                    scope,
                };
                built.bar(ctx, fy, bar, Cell::text(ctx.t("chart_whole_project")), false);
            }
            let mut bars: Vec<(Bar, Cell)> = groups(ctx, i, &l).into_iter().map(|g| group_bar(ctx, &l, g, scope)).collect();
            bars.sort_by(|a, b| b.0.man_yen.cmp(&a.0.man_yen).then_with(|| a.0.label.cmp(&b.0.label)));
            for (bar, cell) in bars {
                built.bar(ctx, fy, bar, cell, false);
            }
        }
    }
    let title = ctx.t("chart_project_budget");
    Some(chart_figure(ctx, "chart-budget", "budget", title, built, false, vec![]))
}

/// Lines of one fiscal year and scope that stand for one figure.
struct Group {
    lines: Vec<usize>,
    members: Vec<usize>,
}

/// Merges lines that are one figure: the same amount and kind, and either
/// sharing it by `shared_with`, or 内数 lines of one family of programs
/// (parent and children, or children of one parent other than the project).
fn groups(ctx: &Ctx, project: usize, l: &[Line]) -> Vec<Group> {
    let site = ctx.site;
    let parent = |j: usize| ctx.ix.parent()[j];
    let names = |a: &Line, b: &Line| a.b.shared_with.iter().any(|s| s.value == site.pages()[b.page].id);
    let one_figure = |a: &Line, b: &Line| {
        a.b.oku_yen.man_yen() == b.b.oku_yen.man_yen()
            && a.b.part_of == b.b.part_of
            && (names(a, b)
                || names(b, a)
                || a.b.part_of
                    && (parent(a.page) == Some(b.page)
                        || parent(b.page) == Some(a.page)
                        || parent(a.page).is_some_and(|p| p != project && parent(b.page) == Some(p))))
    };
    let mut root: Vec<usize> = (0..l.len()).collect();
    fn find(root: &mut [usize], x: usize) -> usize {
        let mut r = x;
        while root[r] != r {
            r = root[r];
        }
        root[x] = r;
        r
    }
    for a in 0..l.len() {
        for b in a + 1..l.len() {
            if one_figure(&l[a], &l[b]) {
                let (ra, rb) = (find(&mut root, a), find(&mut root, b));
                root[ra.max(rb)] = ra.min(rb);
            }
        }
    }
    let mut out: Vec<Group> = Vec::new();
    for x in 0..l.len() {
        let r = find(&mut root, x);
        match out.iter_mut().find(|g| g.lines[0] == r) {
            Some(g) => g.lines.push(x),
            None => out.push(Group { lines: vec![x], members: vec![] }),
        }
    }
    for g in &mut out {
        let mut m: Vec<usize> = g.lines.iter().map(|x| l[*x].page).collect();
        m.extend(g.lines.iter().flat_map(|x| l[*x].b.shared_with.iter().filter_map(|s| site.page_index(&s.value))));
        m.sort_by_key(|j| (ctx.ix.ancestors(*j).len(), ctx.short(*j), site.pages()[*j].id.clone()));
        m.dedup();
        g.members = m;
    }
    out
}

/// The bar and table cell of a group of lines.
fn group_bar(ctx: &Ctx, l: &[Line], g: Group, scope: Scope) -> (Bar, Cell) {
    let first = l[g.lines[0]].b;
    let n = g.members.len();
    let style = style_of(first, n);
    let names: Vec<String> = g.members.iter().map(|j| ctx.short(*j)).collect();
    let links: Vec<Part> = g.members.iter().map(|j| ctx.link(*j)).collect();
    let (label, members, cell) = if n == 1 {
        (vec![names[0].clone()], None, Cell::links(links))
    } else {
        let key = if first.part_of { "chart_part_of_n" } else { "chart_shared_n" };
        let label = count_label(ctx, key, n);
        let cell = Cell { prefix: Some(format!("{label}{}", ctx.t("colon"))), ..Cell::links(links) };
        (vec![label], Some(names.join(&ctx.sep())), cell)
    };
    let bar = Bar { label, members, man_yen: first.oku_yen.man_yen(), value: value(ctx, first), style, scope };
    (bar, cell)
}

/// The chart of page `i`'s own budget lines across fiscal years, when they
/// span more than one (a program's, in the default kinds).
pub fn program(ctx: &Ctx, i: usize) -> Option<ChartView> {
    let site = ctx.site;
    let page = &site.pages()[i];
    let fys: BTreeSet<i32> = page.meta.budget.iter().map(|b| b.fy).collect();
    if fys.len() < 2 {
        return None;
    }
    let mut lines: Vec<&BudgetLine> = page.meta.budget.iter().collect();
    lines.sort_by_key(|b| (b.fy, b.scope));
    let scopes: BTreeSet<Scope> = lines.iter().map(|b| b.scope).collect();
    let mut built = Built::default();
    for b in lines {
        let project = b.project.as_ref().and_then(|p| site.page_index(&p.value));
        let mut label = vec![locale::fiscal_year(b.fy, ctx.lang)];
        label.extend(project.map(|j| ctx.short(j)));
        if scopes.len() > 1 {
            label.push(scope_label(ctx, b.scope));
        }
        let mut members: Vec<usize> = b.shared_with.iter().filter_map(|s| site.page_index(&s.value)).collect();
        members.dedup();
        let n = members.len() + 1;
        let shared = (n > 1).then(|| {
            let names: Vec<String> = std::iter::once(i).chain(members.iter().copied()).map(|j| ctx.short(j)).collect();
            format!("{}{}{}", count_label(ctx, "chart_shared_n", n), ctx.t("colon"), names.join(&ctx.sep()))
        });
        let cell = Cell { note: shared.clone(), ..Cell::links(project.map(|j| ctx.link(j)).into_iter().collect()) };
        let bar = Bar { label, members: shared, man_yen: b.oku_yen.man_yen(), value: value(ctx, b), style: style_of(b, n), scope: b.scope };
        built.bar(ctx, b.fy, bar, cell, false);
    }
    let title = ctx.t("chart_program_budget");
    Some(chart_figure(ctx, "chart-program-budget", "program-budget", title, built, false, vec![]))
}

/// The chart of period `p`: the totals its projects state, by year and scope.
pub fn period(ctx: &Ctx, p: usize) -> Option<ChartView> {
    let site = ctx.site;
    let per = &site.config.periods[p];
    let in_period = |fy: i32| per.from.is_none_or(|f| fy >= f) && per.to.is_none_or(|t| fy <= t);
    let mut projects: Vec<usize> = ctx
        .ix
        .periods()
        .get(&per.key)
        .map(|v| v.iter().copied().filter(|j| site.config.has_role(&site.pages()[*j].kind, Role::Funded)).collect())
        .unwrap_or_default();
    projects.sort_by_key(|j| (site.pages()[*j].meta.number.unwrap_or(u32::MAX), site.pages()[*j].id.clone()));
    let own = |j: usize| -> Vec<&BudgetLine> {
        let id = site.pages()[j].id.as_str();
        site.pages()[j].meta.budget.iter().filter(|b| in_period(b.fy) && b.project.as_ref().is_none_or(|x| x.value == id)).collect()
    };
    let lines: Vec<(usize, &BudgetLine)> = projects.iter().flat_map(|j| own(*j).into_iter().map(move |b| (*j, b))).collect();
    if lines.is_empty() {
        return None;
    }
    let label = |j: usize| match site.pages()[j].meta.number {
        Some(n) => format!("{}{}", locale::circled(n), ctx.short(j)),
        None => ctx.short(j),
    };
    let fys: BTreeSet<i32> = lines.iter().map(|(_, b)| b.fy).collect();
    let mut built = Built::default();
    for fy in fys {
        built.rows.push(Row::Heading(locale::fiscal_year(fy, ctx.lang)));
        for scope in SCOPES {
            let here: Vec<&(usize, &BudgetLine)> = lines.iter().filter(|(_, b)| b.fy == fy && b.scope == scope).collect();
            if here.is_empty() {
                continue;
            }
            built.rows.push(Row::SubHeading(scope_label(ctx, scope)));
            for (j, b) in here {
                let bar = Bar {
                    label: vec![label(*j)],
                    members: None,
                    man_yen: b.oku_yen.man_yen(),
                    value: value(ctx, b),
                    style: style_of(b, 1),
                    scope,
                };
                let mut link = ctx.link(*j);
                link.text = label(*j);
                built.bar(ctx, fy, bar, Cell::links(vec![link]), true);
            }
        }
    }
    let missing: Vec<String> = projects.iter().filter(|j| own(**j).is_empty()).map(|j| label(*j)).collect();
    let extra = if missing.is_empty() { vec![] } else { vec![format!("{}{}", ctx.t("chart_no_budget"), missing.join(&ctx.sep()))] };
    let title = ctx.t("chart_period_budget");
    Some(chart_figure(ctx, "chart-period-budget", "period-budget", title, built, true, extra))
}
