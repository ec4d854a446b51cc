//! A horizontal bar chart as SVG: rows of headings and bars, a legend, an
//! axis from zero.
//!
//! The chart knows nothing of budgets: [`super::budget`] fills a [`BarChart`]
//! and this module lays it out. Bars are scaled so that the longest bar and
//! its value label fit; grid lines fall on round amounts chosen so their
//! labels never collide. Colours are CSS classes (`fill-amed`, `ink-inhouse`
//! …); the kinds of figure differ by pattern too, so they read in grey.

use std::fmt::Write as _;

use super::text::{num, width, wrap};
use crate::escape::Html;
use crate::lang::Lang;
use crate::model::Amount;
use crate::model::Scope;
use crate::render::locale;

/// How a bar is drawn, by what its figure means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Style {
    /// A figure of its own: solid.
    Own,
    /// A total the other bars are part of: outlined, empty.
    Total,
    /// A larger figure the programs are only part of (内数): hatched.
    PartOf,
    /// One figure shared by several programs: dotted.
    Shared,
    /// A figure counted elsewhere too (再掲): striped.
    Relisted,
}

impl Style {
    fn pattern(self) -> Option<&'static str> {
        match self {
            Style::Own | Style::Total => None,
            Style::PartOf => Some("hatch"),
            Style::Shared => Some("dots"),
            Style::Relisted => Some("stripes"),
        }
    }
}

/// The class suffix of a scope's colour.
fn scope_class(scope: Scope) -> &'static str {
    match scope {
        Scope::Amed => "amed",
        Scope::Inhouse => "inhouse",
    }
}

/// A scope's light-scheme colour, as a presentation attribute under its
/// class: the stylesheet overrides it (dark, print), and an SVG read without
/// the stylesheet still shows it.
fn scope_colour(class: &str) -> &'static str {
    if class == "inhouse" { "#a34700" } else { "#1a4f8b" }
}

/// One bar.
#[derive(Clone, Debug)]
pub struct Bar {
    /// Label lines left of the bar; the first in full colour, the others muted.
    pub label: Vec<String>,
    /// Names shown under the bar (the programs sharing a figure).
    pub members: Option<String>,
    pub man_yen: u64,
    /// The figure as printed after the bar, and in the table.
    pub value: String,
    pub style: Style,
    pub scope: Scope,
}

/// A row of the chart.
#[derive(Clone, Debug)]
pub enum Row {
    /// A fiscal year.
    Heading(String),
    /// A scope within a year.
    SubHeading(String),
    Bar(Bar),
}

/// A legend entry.
#[derive(Clone, Debug)]
pub struct Key {
    pub style: Style,
    pub scope: Scope,
    pub text: String,
}

/// A chart to draw.
#[derive(Clone, Debug)]
pub struct BarChart {
    /// Unique on the page; prefixes the ids inside the SVG.
    pub id: String,
    pub title: String,
    pub desc: String,
    pub lang: Lang,
    pub legend: Vec<Key>,
    pub rows: Vec<Row>,
}

/// The drawing's width in SVG units.
const W: f64 = 720.0;
const FONT: f64 = 12.0;
const SMALL: f64 = 11.0;
const LINE: f64 = 15.0;
const SMALL_LINE: f64 = 14.0;
const LABEL_X: f64 = 4.0;
const LABEL_W: f64 = 232.0;
/// Where zero is.
const X0: f64 = 248.0;
const RIGHT: f64 = W - 6.0;
const BAR_H: f64 = 14.0;
const VALUE_GAP: f64 = 6.0;
/// Names under a bar start this far right of zero, clear of the axis.
const MEMBERS_INDENT: f64 = 5.0;

/// One laid-out row.
struct Placed<'a> {
    row: &'a Row,
    y: f64,
    label: Vec<String>,
    members: Vec<String>,
    height: f64,
}

/// Draws the chart as an `<svg>` element.
pub fn render(c: &BarChart) -> String {
    let id = Html(&c.id);
    let mut body = String::new();
    let legend_bottom = legend(c, &mut body);
    let top = legend_bottom + 8.0;
    let rows = place(&c.rows, top);
    let bottom = rows.last().map_or(top, |r| r.y + r.height);
    let k = scale(&c.rows);
    // Grid and axis under the bars.
    let mut grid = String::new();
    for (v, x, label) in ticks(k, c.lang) {
        let class = if v == 0 { "chart-axis\" stroke=\"#6b7480" } else { "chart-grid\" stroke=\"#d3d9e0" };
        let _ = writeln!(
            grid,
            "<line class=\"{class}\" x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\"/>",
            num(top - 2.0),
            num(bottom + 2.0),
            x = num(x)
        );
        let _ = writeln!(
            grid,
            "<text class=\"chart-tick\" x=\"{}\" y=\"{}\" font-size=\"{SMALL}\" text-anchor=\"middle\">{}</text>",
            num(x),
            num(bottom + 16.0),
            Html(&label)
        );
    }
    for r in &rows {
        row(c, r, k, &mut grid);
    }
    let height = bottom + 24.0;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        Html(&c.title),
        Html(&c.desc),
        w = num(W),
        h = num(height),
    );
    out.push_str(&defs(c));
    out.push_str(&body);
    out.push_str(&grid);
    out.push_str("</svg>\n");
    out
}

/// The patterns the chart uses, one per pattern and scope.
fn defs(c: &BarChart) -> String {
    let mut used: Vec<(Style, Scope)> = c.legend.iter().map(|k| (k.style, k.scope)).collect();
    used.extend(c.rows.iter().filter_map(|r| match r {
        Row::Bar(b) => Some((b.style, b.scope)),
        _ => None,
    }));
    used.retain(|(s, _)| s.pattern().is_some());
    used.sort();
    used.dedup();
    if used.is_empty() {
        return String::new();
    }
    let mut out = String::from("<defs>\n");
    for (style, scope) in used {
        let (Some(p), s) = (style.pattern(), scope_class(scope)) else { continue };
        let id = format!("{}-{p}-{s}", Html(&c.id));
        let c = scope_colour(s);
        let inner = match style {
            Style::PartOf => format!("<line class=\"ink-{s}\" stroke=\"{c}\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke-width=\"2.5\"/>"),
            Style::Shared => format!("<circle class=\"fill-{s}\" fill=\"{c}\" cx=\"2.5\" cy=\"2.5\" r=\"1.4\"/>"),
            _ => format!("<rect class=\"fill-{s}\" fill=\"{c}\" x=\"0\" y=\"0\" width=\"6\" height=\"2\"/>"),
        };
        let (size, transform) = match style {
            Style::PartOf => ("width=\"6\" height=\"6\"", " patternTransform=\"rotate(45)\""),
            Style::Shared => ("width=\"5\" height=\"5\"", ""),
            _ => ("width=\"6\" height=\"4\"", ""),
        };
        let _ = writeln!(out, "<pattern id=\"{id}\" {size} patternUnits=\"userSpaceOnUse\"{transform}>{inner}</pattern>");
    }
    out.push_str("</defs>\n");
    out
}

/// The attributes that draw a bar (`base` `bar`) or a legend swatch
/// (`swatch`) of a style and scope.
fn bar_attrs(base: &str, chart_id: &str, style: Style, scope: Scope) -> String {
    let s = scope_class(scope);
    let c = scope_colour(s);
    match (style, style.pattern()) {
        (Style::Own, _) => format!("class=\"{base} {base}-own fill-{s}\" fill=\"{c}\""),
        (Style::Total, _) => format!("class=\"{base} {base}-total ink-{s}\" fill=\"none\" stroke=\"{c}\" stroke-width=\"2\""),
        (_, Some(p)) => {
            format!("class=\"{base} {base}-{p} ink-{s}\" fill=\"url(#{}-{p}-{s})\" stroke=\"{c}\" stroke-width=\"1.5\"", Html(chart_id))
        }
        (_, None) => format!("class=\"{base} fill-{s}\" fill=\"{c}\""),
    }
}

/// Draws the legend at the top, wrapping entries; returns its bottom.
fn legend(c: &BarChart, out: &mut String) -> f64 {
    let (mut x, mut y) = (LABEL_X, 4.0);
    for k in &c.legend {
        let w = 18.0 + 6.0 + width(&k.text, FONT);
        if x > LABEL_X && x + w > RIGHT {
            x = LABEL_X;
            y += 20.0;
        }
        let _ = writeln!(
            out,
            "<rect {} x=\"{}\" y=\"{}\" width=\"18\" height=\"11\"/>\n<text x=\"{}\" y=\"{}\" font-size=\"{FONT}\">{}</text>",
            bar_attrs("swatch", &c.id, k.style, k.scope),
            num(x + 1.0),
            num(y + 2.0),
            num(x + 24.0),
            num(y + 12.0),
            Html(&k.text)
        );
        x += w + 18.0;
    }
    if c.legend.is_empty() { 0.0 } else { y + 20.0 }
}

/// Wraps labels and gives every row its place.
fn place(rows: &[Row], top: f64) -> Vec<Placed<'_>> {
    let mut y = top;
    rows.iter()
        .map(|row| {
            let (label, members, height) = match row {
                Row::Heading(_) => (vec![], vec![], 26.0),
                Row::SubHeading(_) => (vec![], vec![], 20.0),
                Row::Bar(b) => {
                    let label: Vec<String> = b.label.iter().flat_map(|l| wrap(l, LABEL_W, FONT)).collect();
                    let members = b.members.as_deref().map(|m| wrap(m, RIGHT - X0 - MEMBERS_INDENT, SMALL)).unwrap_or_default();
                    let left = label.len() as f64 * LINE + 5.0;
                    let right = BAR_H + 6.0 + members.len() as f64 * SMALL_LINE;
                    (label, members, left.max(right) + 6.0)
                }
            };
            let p = Placed { row, y, label, members, height };
            y += height;
            p
        })
        .collect()
}

/// Pixels per 万円: the largest that lets every bar and its label fit.
fn scale(rows: &[Row]) -> f64 {
    let room = RIGHT - X0;
    rows.iter()
        .filter_map(|r| match r {
            Row::Bar(b) if b.man_yen > 0 => Some((room - VALUE_GAP - width(&b.value, FONT)).max(room * 0.25) / b.man_yen as f64),
            _ => None,
        })
        .fold(f64::INFINITY, f64::min)
}

/// Grid lines: round amounts from zero, spaced so their labels fit; each with its place and label.
fn ticks(k: f64, lang: Lang) -> Vec<(u64, f64, String)> {
    let room = RIGHT - X0;
    let zero = || vec![(0, X0, tick_label(0, lang))];
    if !k.is_finite() || k <= 0.0 {
        return zero();
    }
    let mut step = 0;
    'search: for exp in 0..16u32 {
        for m in [1u64, 2, 5] {
            let s = m * 10u64.pow(exp);
            // A step needs its label's width plus 12 units: one narrower than 12 is not even measured.
            if (s as f64) * k < 12.0 {
                continue;
            }
            let last = ((room / k) as u64 / s) * s;
            let need = width(&tick_label(last.max(s), lang), SMALL) + 12.0;
            if s as f64 * k >= need {
                step = s;
                break 'search;
            }
        }
    }
    if step == 0 {
        return zero();
    }
    // Each line's label is centred on it and must stay inside the drawing.
    (0..)
        .map(|n| n * step)
        .map(|v| (v, X0 + v as f64 * k, tick_label(v, lang)))
        .take_while(|(_, x, label)| *x <= RIGHT + 0.5 && x + width(label, SMALL) / 2.0 <= W)
        .collect()
}

/// A grid line's label: `50億円` / `¥5 billion`, and `0`.
fn tick_label(man_yen: u64, lang: Lang) -> String {
    if man_yen == 0 { "0".into() } else { locale::yen(&Amount::from_man_yen(man_yen), lang) }
}

/// Draws one row.
fn row(c: &BarChart, p: &Placed, k: f64, out: &mut String) {
    let y = p.y;
    match p.row {
        Row::Heading(t) | Row::SubHeading(t) => {
            // A year in 13 px, a scope within it in the chart's font size.
            let (class, size, baseline) =
                if matches!(p.row, Row::Heading(_)) { ("chart-heading", 13.0, 18.0) } else { ("chart-subheading", FONT, 14.0) };
            let _ = writeln!(
                out,
                "<text class=\"{class}\" x=\"{LABEL_X}\" y=\"{}\" font-size=\"{size}\" font-weight=\"700\">{}</text>",
                num(y + baseline),
                Html(t)
            );
        }
        Row::Bar(b) => {
            for (n, l) in p.label.iter().enumerate() {
                let class = if n == 0 { "chart-label" } else { "chart-label chart-muted" };
                let _ = writeln!(
                    out,
                    "<text class=\"{class}\" x=\"{}\" y=\"{}\" font-size=\"{FONT}\">{}</text>",
                    num(LABEL_X + 8.0),
                    num(y + 14.0 + n as f64 * LINE),
                    Html(l)
                );
            }
            let w = if k.is_finite() { b.man_yen as f64 * k } else { 0.0 };
            if w > 0.0 {
                let _ = writeln!(
                    out,
                    "<rect {} x=\"{}\" y=\"{}\" width=\"{}\" height=\"{BAR_H}\"/>",
                    bar_attrs("bar", &c.id, b.style, b.scope),
                    num(X0),
                    num(y + 3.0),
                    num(w)
                );
            }
            let _ = writeln!(
                out,
                "<text class=\"chart-value\" x=\"{}\" y=\"{}\" font-size=\"{FONT}\">{}</text>",
                num(X0 + w + VALUE_GAP),
                num(y + 14.0),
                Html(&b.value)
            );
            for (n, m) in p.members.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "<text class=\"chart-members chart-muted\" x=\"{}\" y=\"{}\" font-size=\"{SMALL}\">{}</text>",
                    num(X0 + MEMBERS_INDENT),
                    num(y + 3.0 + BAR_H + 13.0 + n as f64 * SMALL_LINE),
                    Html(m)
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(man_yen: u64, value: &str, style: Style) -> Row {
        Row::Bar(Bar { label: vec!["x".into()], members: None, man_yen, value: value.into(), style, scope: Scope::Amed })
    }

    #[test]
    fn longest_bar_and_its_label_fit() {
        let rows = vec![bar(2_000_000, "200億円", Style::Total), bar(500_000, "50億円", Style::Own)];
        let k = scale(&rows);
        assert!(X0 + 2_000_000.0 * k + VALUE_GAP + width("200億円", FONT) <= RIGHT + 0.01);
    }

    #[test]
    fn ticks_start_at_zero_and_stay_inside() {
        let k = scale(&[bar(2_000_000, "200億円", Style::Own)]);
        let t = ticks(k, Lang::Ja);
        assert_eq!((t[0].0, t[0].1, t[0].2.as_str()), (0, X0, "0"));
        assert!(t.len() >= 3, "{t:?}");
        assert!(
            t.iter().all(|(v, x, label)| *label == tick_label(*v, Lang::Ja) && *x <= RIGHT + 0.5 && x + width(label, SMALL) / 2.0 <= W)
        );
        assert!(t.windows(2).all(|w| w[1].1 - w[0].1 >= width("200億円", SMALL)));
    }

    #[test]
    fn a_chart_of_zeros_draws_only_the_axis() {
        let c = BarChart {
            id: "c".into(),
            title: "t".into(),
            desc: "d".into(),
            lang: Lang::En,
            legend: vec![],
            rows: vec![bar(0, "¥0", Style::Own)],
        };
        let svg = render(&c);
        assert!(!svg.contains("<rect"));
        assert!(svg.contains(">¥0</text>"));
    }
}
