//! Relation diagrams: a project with its parent plan and programs, and the
//! succession of projects across periods.
//!
//! Boxes are placed on a fixed grid from the index alone; text is wrapped by
//! estimated width, so nothing depends on a browser. Every box links to its
//! page with a relative URL, and the table beside each diagram lists the
//! same pages with the same links.

use std::collections::{BTreeMap, BTreeSet};

use super::diagram::{self, Arrow, Caption, Diagram, Frame, Node, box_height};
use super::text::wrap;
use super::{Cell, ChartView, Ctx, Figure, Table, figure};
use crate::config::Role;
use crate::render::locale;

/// The drawing's width in SVG units.
const W: f64 = 720.0;
const MARGIN: f64 = 4.0;
/// Space between boxes.
const GAP: f64 = 10.0;
/// Room for an arrow between two rows.
const ARROW: f64 = 28.0;

/// The text of a box: a project's circled number and short title.
fn box_text(ctx: &Ctx, j: usize) -> String {
    let p = &ctx.site.pages()[j];
    match p.meta.number {
        Some(n) if ctx.site.config.has_role(&p.kind, Role::Funded) => format!("{}{}", locale::circled(n), ctx.short(j)),
        _ => ctx.short(j),
    }
}

/// A box for page `j`, its text wrapped to the width.
fn node(ctx: &Ctx, j: usize, x: f64, y: f64, w: f64) -> Node {
    let p = &ctx.site.pages()[j];
    let lines = wrap(&box_text(ctx, j), w - 2.0 * diagram::PAD - 4.0, diagram::FONT);
    let h = box_height(lines.len());
    Node { x, y, w, h, lines, name: ctx.title(j), url: ctx.url(j), current: ctx.dir == crate::paths::page_dir(ctx.lang, &p.folder, &p.id) }
}

/// Boxes of `pages` in a frame of `cols` columns starting at `y`; returns the frame's bottom.
fn grid(ctx: &Ctx, d: &mut Diagram, pages: &[usize], label: String, y: f64) -> f64 {
    let cols = 3usize;
    let inner = W - 2.0 * MARGIN - 2.0 * GAP;
    let w = (inner - (cols - 1) as f64 * GAP) / cols as f64;
    let mut cy = y + 28.0;
    for row in pages.chunks(cols) {
        let mut nodes: Vec<Node> = row.iter().enumerate().map(|(k, j)| node(ctx, *j, MARGIN + GAP + k as f64 * (w + GAP), cy, w)).collect();
        let h = nodes.iter().map(|n| n.h).fold(0.0, f64::max);
        for n in &mut nodes {
            n.h = h;
        }
        d.nodes.extend(nodes);
        cy += h + GAP;
    }
    let bottom = cy;
    d.frames.push(Frame { x: MARGIN, y, w: W - 2.0 * MARGIN, h: bottom - y, label });
    bottom
}

/// The diagram of project `i`: parent, the project, its programs (and their
/// parts), and other programs whose budget lines name it.
pub fn project(ctx: &Ctx, i: usize) -> Option<ChartView> {
    let site = ctx.site;
    let ix = ctx.ix;
    let parent = ix.parent()[i];
    let children: Vec<usize> = ix.children()[i].clone();
    let parts: Vec<(usize, Vec<usize>)> =
        children.iter().filter(|c| !ix.children()[**c].is_empty()).map(|c| (*c, ix.children()[*c].clone())).collect();
    let shown: BTreeSet<usize> = children.iter().chain(parts.iter().flat_map(|(_, k)| k)).copied().collect();
    let mut budgeted: Vec<usize> = ctx.lines.naming(i).iter().map(|(j, _)| *j).filter(|j| *j != i && !shown.contains(j)).collect();
    budgeted.dedup();
    budgeted.sort_by_key(|j| (ctx.short(*j), site.pages()[*j].id.clone()));
    if parent.is_none() && children.is_empty() && budgeted.is_empty() {
        return None;
    }
    let mut d = Diagram { id: ctx.id("chart-relations"), w: W, ..Diagram::default() };
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut row = |role: String, j: usize| rows.push(vec![Cell::text(role), Cell::links(vec![ctx.link(j)])]);
    let box_w = 340.0;
    let x = (W - box_w) / 2.0;
    let mut y = MARGIN;
    let mut desc = Vec::new();
    let colon = ctx.t("colon");
    if let Some(p) = parent {
        let n = node(ctx, p, x, y, box_w);
        y += n.h;
        d.captions.push(Caption { x: MARGIN, y: n.y + n.h / 2.0 + 4.0, text: ctx.t("facts_parent"), middle: false });
        d.arrows.push(Arrow { from: (W / 2.0, y), to: (W / 2.0, y + ARROW), curved: false });
        desc.push(format!("{}{colon}{}", ctx.t("facts_parent"), n.name));
        row(ctx.t("facts_parent"), p);
        d.nodes.push(n);
        y += ARROW;
    }
    let me = node(ctx, i, x, y, box_w);
    let kind = ctx.t("project");
    d.captions.push(Caption { x: MARGIN, y: me.y + me.h / 2.0 + 4.0, text: kind.clone(), middle: false });
    desc.push(format!("{kind}{colon}{}", me.name));
    row(kind, i);
    y += me.h;
    d.nodes.push(me);
    let sep = ctx.sep();
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    if !children.is_empty() {
        groups.push((format!("{}{}{}{}", ctx.t("children"), ctx.t("paren_open"), children.len(), ctx.t("paren_close")), children.clone()));
    }
    for (c, kids) in &parts {
        groups.push((crate::theme::fill(&ctx.t("chart_parts_of"), &[("name", &ctx.short(*c))]), kids.clone()));
    }
    if !budgeted.is_empty() {
        groups.push((ctx.t("chart_budgeted_here"), budgeted));
    }
    for (k, (label, pages)) in groups.into_iter().enumerate() {
        if k == 0 {
            d.arrows.push(Arrow { from: (W / 2.0, y), to: (W / 2.0, y + ARROW), curved: false });
            y += ARROW;
        } else {
            y += GAP * 1.5;
        }
        let names: Vec<String> = pages.iter().map(|j| ctx.short(*j)).collect();
        desc.push(format!("{label}{colon}{}", names.join(&sep)));
        for j in &pages {
            row(label.clone(), *j);
        }
        y = grid(ctx, &mut d, &pages, label, y);
    }
    d.h = y + MARGIN;
    d.title = ctx.t("chart_relations");
    d.desc = ctx.sentences(&[ctx.t("chart_relations_desc"), desc.join(&ctx.t("chart_item_sep"))]);
    d.links_label = ctx.t("chart_links");
    let head = vec![ctx.t("chart_col_role"), ctx.t("chart_col_page")];
    Some(figure(
        ctx,
        Figure {
            id: d.id.clone(),
            kind: "relations",
            title: d.title.clone(),
            drawing: diagram::render(&d),
            notes: vec![],
            table: Table { head, rows },
        },
    ))
}

/// The crosswalk's diagram: a column per period, a box per project, an
/// arrow for every `succeeds` between projects.
pub fn succession(ctx: &Ctx) -> Option<ChartView> {
    let site = ctx.site;
    let cfg = &site.config;
    if cfg.periods.is_empty() {
        return None;
    }
    let period_of = |j: usize| site.pages()[j].meta.period.first().and_then(|k| cfg.periods.iter().position(|p| p.key == k.value));
    let mut columns: Vec<Vec<usize>> = vec![Vec::new(); cfg.periods.len()];
    for (j, p) in site.pages().iter().enumerate() {
        if cfg.has_role(&p.kind, Role::Funded)
            && let Some(c) = period_of(j)
        {
            columns[c].push(j);
        }
    }
    if columns.iter().all(Vec::is_empty) {
        return None;
    }
    let n = cfg.periods.len();
    let gap = 44.0;
    let col_w = (W - 2.0 * MARGIN - (n - 1) as f64 * gap) / n as f64;
    let mut d = Diagram { id: ctx.id("chart-succession"), w: W, ..Diagram::default() };
    let headers: Vec<String> = cfg.periods.iter().map(|p| locale::period(p.label.get_or_any(ctx.lang), p.from, p.to, ctx.lang)).collect();
    let header_lines: Vec<Vec<String>> = headers.iter().map(|h| wrap(h, col_w, diagram::FONT)).collect();
    let header_h = header_lines.iter().map(Vec::len).max().unwrap_or(1) as f64 * diagram::LINE;
    for (c, lines) in header_lines.iter().enumerate() {
        for (k, l) in lines.iter().enumerate() {
            let x = MARGIN + c as f64 * (col_w + gap) + col_w / 2.0;
            d.captions.push(Caption { x, y: MARGIN + 12.0 + k as f64 * diagram::LINE, text: l.clone(), middle: true });
        }
    }
    let top = MARGIN + header_h + 10.0;
    let number = |j: usize| site.pages()[j].meta.number.unwrap_or(u32::MAX);
    // Where each placed project's box is: index into d.nodes.
    let mut at: BTreeMap<usize, usize> = BTreeMap::new();
    let mut bottom = top;
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut desc = Vec::new();
    for (c, col) in columns.iter_mut().enumerate() {
        // Under their predecessors, in the order of those; new projects after, by number.
        let pred_y = |j: usize, at: &BTreeMap<usize, usize>, nodes: &[Node]| -> Option<f64> {
            let ys: Vec<f64> = ctx.ix.predecessors()[j].iter().filter_map(|p| at.get(p)).map(|k| nodes[*k].y).collect();
            (!ys.is_empty()).then(|| ys.iter().copied().fold(f64::INFINITY, f64::min))
        };
        col.sort_by(|a, b| {
            let ya = pred_y(*a, &at, &d.nodes).unwrap_or(f64::INFINITY);
            let yb = pred_y(*b, &at, &d.nodes).unwrap_or(f64::INFINITY);
            ya.total_cmp(&yb).then(number(*a).cmp(&number(*b))).then(site.pages()[*a].id.cmp(&site.pages()[*b].id))
        });
        let x = MARGIN + c as f64 * (col_w + gap);
        let mut cursor = top;
        let mut names = Vec::new();
        for &j in col.iter() {
            let y = pred_y(j, &at, &d.nodes).map_or(cursor, |py| py.max(cursor));
            let nd = node(ctx, j, x, y, col_w);
            cursor = y + nd.h + GAP;
            names.push(box_text(ctx, j));
            for p in &ctx.ix.predecessors()[j] {
                if let Some(k) = at.get(p) {
                    let from = &d.nodes[*k];
                    d.arrows.push(Arrow { from: (from.x + from.w, from.y + from.h / 2.0), to: (x - 1.0, y + nd.h / 2.0), curved: true });
                }
            }
            at.insert(j, d.nodes.len());
            d.nodes.push(nd);
            let links = |list: &[usize]| Cell::links(list.iter().map(|k| ctx.link(*k)).collect());
            rows.push(vec![
                Cell::text(headers[c].clone()),
                Cell::links(vec![ctx.link(j)]),
                links(&ctx.ix.predecessors()[j]),
                links(&ctx.ix.successors()[j]),
            ]);
        }
        bottom = bottom.max(cursor);
        desc.push(format!("{}{}{}", headers[c], ctx.t("colon"), names.join(&ctx.sep())));
    }
    d.h = bottom + MARGIN;
    d.title = ctx.t("chart_succession");
    d.desc = ctx.sentences(&[d.title.clone(), ctx.t("chart_succession_desc"), desc.join(&ctx.t("chart_item_sep"))]);
    d.links_label = ctx.t("chart_links");
    let head = vec![ctx.t("facts_period"), ctx.t("project"), ctx.t("predecessors"), ctx.t("successors")];
    Some(figure(
        ctx,
        Figure {
            id: d.id.clone(),
            kind: "succession",
            title: d.title.clone(),
            drawing: diagram::render(&d),
            notes: vec![],
            table: Table { head, rows },
        },
    ))
}
