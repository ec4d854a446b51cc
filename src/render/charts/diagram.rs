//! Box-and-arrow diagrams as SVG, every box a link.
//!
//! [`super::relations`] places the boxes; this module draws them. A diagram
//! is two SVGs stacked in one grid cell: the drawing, `role="img"` with
//! `<title>` and `<desc>`, and above it a transparent layer of links, one per
//! box. Links cannot live inside the image itself: an image's content is
//! presentational, so links there would be focusable but unnamed for
//! assistive technology (axe's `nested-interactive`). The layer keeps every
//! box clickable and reachable by keyboard, with the box's full name.

use std::fmt::Write as _;

use super::text::num;
use crate::escape::Html;

/// A box.
#[derive(Clone, Debug)]
pub struct Node {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    /// The text, already wrapped.
    pub lines: Vec<String>,
    /// The link's accessible name: the full title.
    pub name: String,
    /// Relative URL of the page.
    pub url: String,
    /// The page this diagram is on.
    pub current: bool,
}

/// A labelled frame around a group of boxes.
#[derive(Clone, Debug)]
pub struct Frame {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub label: String,
}

/// An arrow from one point to another.
#[derive(Clone, Debug)]
pub struct Arrow {
    pub from: (f64, f64),
    pub to: (f64, f64),
    /// Curved sideways (left to right), or straight.
    pub curved: bool,
}

/// A text outside the boxes (a column heading).
#[derive(Clone, Debug)]
pub struct Caption {
    pub x: f64,
    pub y: f64,
    pub text: String,
    pub middle: bool,
}

/// A diagram to draw.
#[derive(Clone, Debug, Default)]
pub struct Diagram {
    pub id: String,
    pub title: String,
    pub desc: String,
    /// The name of the layer of links.
    pub links_label: String,
    pub w: f64,
    pub h: f64,
    pub nodes: Vec<Node>,
    pub frames: Vec<Frame>,
    pub arrows: Vec<Arrow>,
    pub captions: Vec<Caption>,
}

/// Font size and line height of box text.
pub const FONT: f64 = 12.0;
pub const LINE: f64 = 15.0;
/// Padding inside a box, above and below the text.
pub const PAD: f64 = 7.0;

/// The height of a box holding `lines` lines.
pub fn box_height(lines: usize) -> f64 {
    lines.max(1) as f64 * LINE + 2.0 * PAD
}

/// Draws the diagram: the image and its layer of links.
pub fn render(d: &Diagram) -> String {
    let id = Html(&d.id);
    let (w, h) = (num(d.w), num(d.h));
    let mut out = format!(
        "<div class=\"diagram-stack\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg diagram-svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        Html(&d.title),
        Html(&d.desc)
    );
    if !d.arrows.is_empty() {
        let _ = writeln!(
            out,
            "<defs>\n<marker id=\"{id}-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path class=\"dg-arrowhead\" d=\"M0 0L10 5L0 10z\"/></marker>\n</defs>"
        );
    }
    for f in &d.frames {
        let _ = writeln!(
            out,
            "<rect class=\"dg-frame\" stroke=\"#6b7480\" stroke-dasharray=\"5 4\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" fill=\"none\"/>\n<text class=\"dg-frame-label\" x=\"{}\" y=\"{}\" font-size=\"{FONT}\" font-weight=\"700\">{}</text>",
            num(f.x),
            num(f.y),
            num(f.w),
            num(f.h),
            num(f.x + 10.0),
            num(f.y + 18.0),
            Html(&f.label)
        );
    }
    for c in &d.captions {
        let anchor = if c.middle { " text-anchor=\"middle\"" } else { "" };
        let _ = writeln!(
            out,
            "<text class=\"dg-caption\" x=\"{}\" y=\"{}\" font-size=\"{FONT}\" font-weight=\"700\"{anchor}>{}</text>",
            num(c.x),
            num(c.y),
            Html(&c.text)
        );
    }
    for a in &d.arrows {
        let ((x1, y1), (x2, y2)) = (a.from, a.to);
        let path = if a.curved {
            let dx = (x2 - x1) / 2.0;
            format!("M{} {}C{} {} {} {} {} {}", num(x1), num(y1), num(x1 + dx), num(y1), num(x2 - dx), num(y2), num(x2), num(y2))
        } else {
            format!("M{} {}L{} {}", num(x1), num(y1), num(x2), num(y2))
        };
        let _ = writeln!(out, "<path class=\"dg-edge\" d=\"{path}\" fill=\"none\" stroke=\"#1a1d21\" marker-end=\"url(#{id}-arrow)\"/>");
    }
    for n in &d.nodes {
        let class =
            if n.current { "dg-box dg-current\" fill=\"#fff6dc\" stroke=\"#1a1d21" } else { "dg-box\" fill=\"#f3f5f8\" stroke=\"#6b7480" };
        let _ = writeln!(
            out,
            "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"4\"/>",
            num(n.x),
            num(n.y),
            num(n.w),
            num(n.h)
        );
        let text_class = if n.current { "dg-text dg-current-text" } else { "dg-text dg-link-text" };
        let weight = if n.current { " font-weight=\"700\"" } else { "" };
        let top = n.y + (n.h - n.lines.len() as f64 * LINE) / 2.0 + LINE - 4.0;
        for (k, l) in n.lines.iter().enumerate() {
            let _ = writeln!(
                out,
                "<text class=\"{text_class}\" x=\"{}\" y=\"{}\" font-size=\"{FONT}\" text-anchor=\"middle\"{weight}>{}</text>",
                num(n.x + n.w / 2.0),
                num(top + k as f64 * LINE),
                Html(l)
            );
        }
    }
    out.push_str("</svg>\n");
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"diagram-links\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" aria-label=\"{}\">",
        Html(&d.links_label)
    );
    for n in &d.nodes {
        let current = if n.current { " aria-current=\"page\"" } else { "" };
        let _ = writeln!(
            out,
            "<a href=\"{}\" aria-label=\"{}\"{current}><rect class=\"dg-hit\" fill=\"transparent\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"4\"/></a>",
            Html(&n.url),
            Html(&n.name),
            num(n.x),
            num(n.y),
            num(n.w),
            num(n.h)
        );
    }
    out.push_str("</svg>\n</div>\n");
    out
}
