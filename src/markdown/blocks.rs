//! Tables and footnotes as tebiki writes them.
//!
//! pulldown-cmark's HTML writer puts column alignment in `style` attributes,
//! which a strict Content-Security-Policy blocks, and gives footnotes bare
//! ids (`id="1"`) that can clash with heading anchors. This pass writes both
//! itself: tables inside a focusable, labelled scroll region with alignment
//! as classes (`align-right` …), footnotes as `fn-NAME` / `fnref-NAME` with a
//! link back to the reference. A footnote referred to several times gets
//! one id per reference (`fnref-NAME`, `fnref-NAME-2`, …, each unique in
//! the body) and a link back to each.

use std::collections::{BTreeMap, HashSet};

use pulldown_cmark::{Alignment, CowStr, Event, Tag, TagEnd};

use super::{Spanned, escape_html};
use crate::lang::Lang;

/// How a table's scroll region opens, up to its name (which ends at the next `"`).
pub const TABLE_REGION: &str = "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"";

/// The name of table `number` (from 1) of `of` in a document: "Table" / "表"
/// when it is the only one, else numbered ("Table 2" / "表2").
pub fn table_label(lang: Lang, number: usize, of: usize) -> String {
    match (lang, of) {
        (Lang::Ja, 1) => "表".to_string(),
        (Lang::En, 1) => "Table".to_string(),
        (Lang::Ja, _) => format!("表{number}"),
        (Lang::En, _) => format!("Table {number}"),
    }
}

/// Rewrites table and footnote events into HTML events.
pub fn rewrite(events: Vec<Spanned<'_>>, lang: Lang) -> Vec<Spanned<'_>> {
    // A page without tables and footnotes keeps its list as it is (not copied).
    let rewritten = |e: &Event<'_>| matches!(e, Event::Start(Tag::Table(_) | Tag::FootnoteDefinition(_)) | Event::FootnoteReference(_));
    if !events.iter().any(|(e, _)| rewritten(e)) {
        return events;
    }
    let numbers = footnote_numbers(&events);
    let refs = reference_ids(&events);
    let mut next_ref = 0;
    // Each table is a region a screen reader lists by name: with several on a page, they are numbered apart.
    let tables = events.iter().filter(|(e, _)| matches!(e, Event::Start(Tag::Table(_)))).count();
    let mut table = 0;
    let mut out = Vec::with_capacity(events.len());
    let mut aligns: Vec<Alignment> = Vec::new();
    let mut in_head = false;
    let mut cell = 0;
    let mut footnote: Option<String> = None;
    for (event, range) in events {
        let html = |s: String| (Event::Html(CowStr::from(s)), range.clone());
        match event {
            Event::Start(Tag::Table(a)) => {
                aligns = a;
                table += 1;
                let label = table_label(lang, table, tables);
                out.push(html(format!("{TABLE_REGION}{label}\"><table>\n")));
            }
            Event::End(TagEnd::Table) => out.push(html("</tbody>\n</table></div>\n".into())),
            Event::Start(Tag::TableHead) => {
                in_head = true;
                cell = 0;
                out.push(html("<thead><tr>".into()));
            }
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                out.push(html("</tr></thead>\n<tbody>\n".into()));
            }
            Event::Start(Tag::TableRow) => {
                cell = 0;
                out.push(html("<tr>".into()));
            }
            Event::End(TagEnd::TableRow) => out.push(html("</tr>\n".into())),
            Event::Start(Tag::TableCell) => {
                let tag = if in_head { "th" } else { "td" };
                let scope = if in_head { " scope=\"col\"" } else { "" };
                let class = match aligns.get(cell) {
                    Some(Alignment::Left) => " class=\"align-left\"",
                    Some(Alignment::Center) => " class=\"align-center\"",
                    Some(Alignment::Right) => " class=\"align-right\"",
                    _ => "",
                };
                out.push(html(format!("<{tag}{scope}{class}>")));
            }
            Event::End(TagEnd::TableCell) => {
                out.push(html(if in_head { "</th>".into() } else { "</td>".into() }));
                cell += 1;
            }
            Event::FootnoteReference(name) => {
                let id = slug(&name);
                let n = numbers.get(name.as_ref()).copied().unwrap_or(0);
                let ref_id = refs.in_order.get(next_ref).cloned().unwrap_or_default();
                next_ref += 1;
                out.push(html(format!("<sup class=\"footnote-reference\"><a href=\"#fn-{id}\" id=\"{ref_id}\">{n}</a></sup>")));
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let id = slug(&name);
                let n = numbers.get(name.as_ref()).copied().unwrap_or(0);
                out.push(html(format!(
                    "<div class=\"footnote-definition\" id=\"fn-{id}\"><sup class=\"footnote-definition-label\">{n}</sup>"
                )));
                footnote = Some(name.to_string());
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                let back = match lang {
                    Lang::Ja => "本文へ戻る",
                    Lang::En => "Back to the text",
                };
                let name = footnote.take().unwrap_or_default();
                out.push(html(format!("{}</div>\n", back_links(refs.by_name.get(&name).map_or(&[][..], Vec::as_slice), back))));
            }
            other => out.push((other, range)),
        }
    }
    out
}

/// Footnotes numbered in the order they are first referred to (then defined).
fn footnote_numbers(events: &[Spanned<'_>]) -> BTreeMap<String, usize> {
    let mut numbers = BTreeMap::new();
    for (event, _) in events {
        let name = match event {
            Event::FootnoteReference(n) | Event::Start(Tag::FootnoteDefinition(n)) => n,
            _ => continue,
        };
        let next = numbers.len() + 1;
        numbers.entry(name.to_string()).or_insert(next);
    }
    numbers
}

/// The ids of the footnote references: in order, and by footnote name.
#[derive(Default)]
struct RefIds {
    in_order: Vec<String>,
    by_name: BTreeMap<String, Vec<String>>,
}

/// One id per footnote reference: `fnref-NAME` for the first reference to
/// a footnote, `fnref-NAME-2`, `-3` … for the next, each made unique
/// against the ones before (a footnote may be named `a-2`).
fn reference_ids(events: &[Spanned<'_>]) -> RefIds {
    let mut ids = RefIds::default();
    let mut used: HashSet<String> = HashSet::new();
    for (event, _) in events {
        let Event::FootnoteReference(name) = event else { continue };
        let uses = ids.by_name.entry(name.to_string()).or_default();
        let base = format!("fnref-{}", slug(name));
        let wanted = if uses.is_empty() { base } else { format!("{base}-{}", uses.len() + 1) };
        let mut id = wanted.clone();
        let mut extra = 1;
        while used.contains(&id) {
            extra += 1;
            id = format!("{wanted}-{extra}");
        }
        used.insert(id.clone());
        uses.push(id.clone());
        ids.in_order.push(id);
    }
    ids
}

/// The links from a footnote back to each of its references: `↩` for the
/// only one, `↩`, `↩²`-style numbered links (`↩<sup>2</sup>`) for several,
/// in one `<span>` so that they sit together on the note's last line.
fn back_links(ids: &[String], back: &str) -> String {
    if ids.is_empty() {
        return String::new();
    }
    let mut html = String::from(" <span class=\"footnote-backs\">");
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            html.push(' ');
        }
        if i == 0 {
            html.push_str(&format!("<a class=\"footnote-back\" href=\"#{id}\" aria-label=\"{back}\">↩</a>"));
        } else {
            let n = i + 1;
            html.push_str(&format!("<a class=\"footnote-back\" href=\"#{id}\" aria-label=\"{back} {n}\">↩<sup>{n}</sup></a>"));
        }
    }
    html.push_str("</span>");
    html
}

/// A footnote name as an id fragment.
fn slug(name: &str) -> String {
    escape_html(&name.chars().map(|c| if c.is_whitespace() { '-' } else { c }).collect::<String>())
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Options, Parser};

    fn html(md: &str, lang: Lang) -> String {
        let events: Vec<Spanned> = Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES).into_offset_iter().collect();
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, rewrite(events, lang).into_iter().map(|(e, _)| e));
        out
    }

    #[test]
    fn aligned_cells_get_classes_not_styles() {
        let out = html("| a | b |\n|:--|--:|\n| 1 | 2 |\n", Lang::En);
        assert!(!out.contains("style="), "{out}");
        assert!(out.contains("<th scope=\"col\" class=\"align-left\">a</th>"), "{out}");
        assert!(out.contains("<td class=\"align-right\">2</td>"), "{out}");
        assert!(out.starts_with("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table\"><table>"));
    }

    #[test]
    fn several_tables_on_a_page_have_distinct_region_names() {
        let table = "| a |\n|---|\n| 1 |\n\n";
        let labels = |out: &str| {
            out.match_indices("aria-label=\"").map(|(i, m)| out[i + m.len()..].split('"').next().unwrap().to_string()).collect::<Vec<_>>()
        };
        assert_eq!(labels(&html(&table.repeat(3), Lang::En)), ["Table 1", "Table 2", "Table 3"]);
        assert_eq!(labels(&html(&table.repeat(2), Lang::Ja)), ["表1", "表2"]);
        assert_eq!(labels(&html(table, Lang::Ja)), ["表"]);
    }

    #[test]
    fn footnotes_have_prefixed_ids_and_a_way_back() {
        let out = html("x[^a] y[^b]\n\n[^b]: B.\n[^a]: A.\n", Lang::Ja);
        assert!(out.contains("<a href=\"#fn-a\" id=\"fnref-a\">1</a>"), "{out}");
        assert!(out.contains("<a href=\"#fn-b\" id=\"fnref-b\">2</a>"));
        assert!(out.contains("id=\"fn-a\"><sup class=\"footnote-definition-label\">1</sup>"));
        assert!(out.contains("href=\"#fnref-b\""));
        assert!(!out.contains("id=\"1\""));
    }

    #[test]
    fn a_footnote_referred_to_several_times_has_unique_reference_ids_and_a_way_back_to_each() {
        let out = html("x[^a] y[^a] z[^a-2] w[^a]\n\n[^a]: A.\n[^a-2]: B.\n", Lang::En);
        let ids: Vec<&str> = out.match_indices("id=\"fnref-").map(|(i, _)| out[i + 4..].split('"').next().unwrap()).collect();
        assert_eq!(ids, ["fnref-a", "fnref-a-2", "fnref-a-2-2", "fnref-a-3"], "{out}");
        for id in ["fnref-a", "fnref-a-2", "fnref-a-3"] {
            assert!(out.contains(&format!("class=\"footnote-back\" href=\"#{id}\"")), "{id}: {out}");
        }
        assert!(out.contains("href=\"#fnref-a-2-2\""), "{out}");
        assert!(out.contains("aria-label=\"Back to the text 3\">↩<sup>3</sup></a>"), "{out}");
    }

    #[test]
    fn a_footnote_never_referred_to_has_no_back_link() {
        let out = html("x\n\n[^a]: A.\n", Lang::En);
        assert!(!out.contains("footnote-back"), "{out}");
    }
}
