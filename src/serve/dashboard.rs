//! The translation dashboard: every page with its status per language, the
//! blocks of its source that changed since the stamp, and what `check`
//! found in its translations (terminology, spelling, parity), with coverage
//! per kind and language.
//!
//! One HTML page, written by `tebiki check --format html --out FILE` and
//! answered by `tebiki serve` at [`PATH`] (never part of a build). It is a
//! plain document: real tables (`<caption>`, `<th scope>`), a filter form
//! with labels, and sort buttons in the column headers (the sorted one
//! carries `aria-sort`). Sorting and filtering are a `GET` of the same page
//! with `sort`, `status` and `q`, answered by the preview; without a server
//! (the written file) the table is shown sorted by page. Its style sheet
//! ([`STYLESHEET`], light and dark) is a file of its own, answered beside
//! the page by the preview and written beside the file by `check`: no
//! script, no inline style, nothing from elsewhere, so it passes a strict
//! Content-Security-Policy. Its icon is the previewed site's `/favicon.svg`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::diagnostic::{Diagnostic, Severity};
use crate::escape::{attribute, html};
use crate::lang::Lang;
use crate::resolve::translation::{Report, Row, Status};

/// Where `tebiki serve` answers with the dashboard.
pub const PATH: &str = "/_tebiki/translations/";

/// Where `tebiki serve` answers with its style sheet (`dashboard.css` beside the page).
pub const STYLE_PATH: &str = "/_tebiki/translations/dashboard.css";

/// The dashboard's style sheet.
pub const STYLESHEET: &str = include_str!("dashboard.css");

/// What the reader asked for: a sort key (`id`, `kind`, a language code,
/// `findings`; `-` in front for descending), a status and a part of an id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub sort: String,
    pub status: String,
    pub q: String,
}

impl Query {
    /// Reads `sort=…&status=…&q=…` (percent-encoded, `+` for space); unknown keys are ignored.
    pub fn parse(query: &str) -> Query {
        let mut out = Query::default();
        for pair in query.split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode(value);
            match key {
                "sort" => out.sort = value,
                "status" => out.status = value,
                "q" => out.q = value,
                _ => {}
            }
        }
        out
    }
}

/// `+` as space and `%XX` as its byte; an invalid escape is kept as written.
fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What check found in one page's files, counted by family.
#[derive(Default)]
struct Found<'d> {
    terms: usize,
    spelling: usize,
    parity: usize,
    list: Vec<&'d Diagnostic>,
}

/// The dashboard of `report` and the problems of the same run.
/// The page, linking its style sheet at `stylesheet` (relative to the page).
pub fn page(title: &str, report: &Report, diagnostics: &[Diagnostic], query: &Query, stylesheet: &str) -> String {
    let found = findings(report, diagnostics);
    let mut rows: Vec<&Row> = report.rows.iter().filter(|r| shown(r, query)).collect();
    let (key, descending) = match query.sort.strip_prefix('-') {
        Some(k) => (k, true),
        None => (query.sort.as_str(), false),
    };
    let count = |r: &Row| found.get(r.id.as_str()).map_or(0, |f| f.list.len());
    rows.sort_by(|a, b| {
        let order = match key {
            "kind" => a.kind.cmp(&b.kind),
            "findings" => count(a).cmp(&count(b)),
            code => match Lang::from_code(code) {
                Some(l) => a.status.get(&l).cmp(&b.status.get(&l)),
                None => std::cmp::Ordering::Equal,
            },
        };
        let order = order.then_with(|| a.id.cmp(&b.id));
        if descending { order.reverse() } else { order }
    });
    let key = if key == "kind" || key == "findings" || Lang::from_code(key).is_some() { key } else { "id" };
    let mut out = String::with_capacity(16_384);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\n<link rel=\"stylesheet\" href=\"{}\">\n<title>Translations: {}</title>\n</head>\n<body>\n<main>\n<h1>Translations</h1>\n",
        attribute(stylesheet),
        html(title)
    );
    for line in report.coverage_lines().lines() {
        let _ = writeln!(out, "<p>{}</p>", html(line));
    }
    coverage(&mut out, report);
    let _ = write!(out, "<h2 id=\"pages\">Pages</h2>\n<form method=\"get\">\n");
    filter_form(&mut out, report, query);
    pages_table(&mut out, report, &rows, &found, (key, descending));
    out.push_str("</form>\n");
    findings_list(&mut out, &rows, &found);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// Whether `row` passes the filter.
fn shown(row: &Row, query: &Query) -> bool {
    let q = query.q.trim();
    let status_ok = query.status.is_empty() || row.status.values().any(|s| s.word() == query.status);
    status_ok && (q.is_empty() || row.id.contains(q))
}

/// The translation-quality and status warnings of each page, by page id.
fn findings<'r, 'd>(report: &'r Report, diagnostics: &'d [Diagnostic]) -> BTreeMap<&'r str, Found<'d>> {
    let by_file: BTreeMap<&std::path::Path, &str> =
        report.rows.iter().flat_map(|r| r.files.values().map(move |f| (f.as_path(), r.id.as_str()))).collect();
    let mut out: BTreeMap<&'r str, Found<'d>> = BTreeMap::new();
    for d in diagnostics.iter().filter(|d| d.severity == Severity::Warning) {
        let (Some(file), Some(code)) = (d.file.as_deref(), d.code) else { continue };
        let Some(id) = by_file.get(file) else { continue };
        let f = out.entry(*id).or_default();
        match code {
            c if c.starts_with("term-") => f.terms += 1,
            "spelling-variant" => f.spelling += 1,
            c if c.starts_with("parity-") => f.parity += 1,
            "stale-translation" | "unstamped-translation" | "qa-ignore-unknown" => {}
            _ => continue,
        }
        f.list.push(d);
    }
    out
}

/// Complete translations per kind and language.
fn coverage(out: &mut String, report: &Report) {
    let mut kinds: BTreeMap<&str, BTreeMap<Lang, (usize, usize)>> = BTreeMap::new();
    for row in &report.rows {
        for (l, s) in row.status.iter().filter(|(_, s)| **s != Status::Source) {
            let c = kinds.entry(row.kind.as_str()).or_default().entry(*l).or_default();
            c.1 += 1;
            c.0 += usize::from(*s == Status::Complete);
        }
    }
    out.push_str("<h2 id=\"coverage\">Coverage</h2>\n<table>\n<caption>Complete translations per kind and language</caption>\n<thead><tr><th scope=\"col\">Kind</th>");
    for l in &report.languages {
        let _ = write!(out, "<th scope=\"col\">{}</th>", l.code());
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (kind, langs) in &kinds {
        let _ = write!(out, "<tr><th scope=\"row\">{}</th>", html(kind));
        for l in &report.languages {
            match langs.get(l) {
                Some((done, all)) => {
                    let _ = write!(out, "<td>{done}/{all} ({:.0}%)</td>", (*done as f64 * 100.0 / (*all).max(1) as f64).floor());
                }
                None => out.push_str("<td>source only</td>"),
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn filter_form(out: &mut String, report: &Report, query: &Query) {
    let _ = write!(
        out,
        "<p><label for=\"q\">Page id contains</label> <input type=\"search\" id=\"q\" name=\"q\" value=\"{}\">\n<label for=\"status\">Status in any language</label> <select id=\"status\" name=\"status\"><option value=\"\">any</option>",
        attribute(&query.q)
    );
    let statuses = [Status::Source, Status::Complete, Status::Stale, Status::Unstamped, Status::Missing];
    for s in statuses.iter().filter(|s| report.rows.iter().any(|r| r.status.values().any(|v| v == *s)) || s.word() == query.status) {
        let selected = if s.word() == query.status { " selected" } else { "" };
        let _ = write!(out, "<option value=\"{0}\"{selected}>{0}</option>", s.word());
    }
    let _ = writeln!(out, "</select>\n<button type=\"submit\" name=\"sort\" value=\"{}\">Filter</button></p>", attribute(&query.sort));
}

fn pages_table(out: &mut String, report: &Report, rows: &[&Row], found: &BTreeMap<&str, Found<'_>>, (key, descending): (&str, bool)) {
    let _ = write!(
        out,
        "<table>\n<caption>Every page: its status per language and what check found ({} of {} shown)</caption>\n<thead><tr>",
        rows.len(),
        report.rows.len()
    );
    // Few columns, so that the table fits a narrow screen without a style sheet: the kind goes with the id,
    // what was found in one cell.
    let mut columns: Vec<(String, String)> = vec![("id".into(), "Page (kind)".into())];
    columns.extend(report.languages.iter().map(|l| (l.code().to_string(), l.code().to_string())));
    columns.push(("findings".into(), "Findings; source blocks changed since the stamp".into()));
    for (k, label) in &columns {
        let sorted = k == key;
        let aria = match (sorted, descending) {
            (false, _) => String::new(),
            (true, false) => " aria-sort=\"ascending\"".into(),
            (true, true) => " aria-sort=\"descending\"".into(),
        };
        let next = if sorted && !descending { format!("-{k}") } else { k.clone() };
        let _ = write!(
            out,
            "<th scope=\"col\"{aria}><button type=\"submit\" name=\"sort\" value=\"{}\">{}</button></th>",
            attribute(&next),
            html(label)
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        let f = found.get(row.id.as_str());
        let _ = write!(out, "<tr><th scope=\"row\">{} ({})</th>", html(&row.id), html(&row.kind));
        for l in &report.languages {
            let word = row.status.get(l).map_or("missing", |s| s.word());
            let _ = write!(out, "<td class=\"{word}\">{word}</td>");
        }
        let mut what = vec![f.map_or(0, |f| f.list.len()).to_string()];
        for (name, n) in
            [("terminology", f.map_or(0, |f| f.terms)), ("spelling", f.map_or(0, |f| f.spelling)), ("parity", f.map_or(0, |f| f.parity))]
        {
            if n > 0 {
                what.push(format!("{name} {n}"));
            }
        }
        what.extend(row.changed.iter().map(|(l, c)| format!("{l} source blocks {c}")));
        let _ = writeln!(out, "<td>{}</td></tr>", html(&what.join("; ")));
    }
    out.push_str("</tbody>\n</table>\n");
}

fn findings_list(out: &mut String, rows: &[&Row], found: &BTreeMap<&str, Found<'_>>) {
    out.push_str("<h2 id=\"findings\">Findings</h2>\n");
    let mut any = false;
    for row in rows {
        let Some(f) = found.get(row.id.as_str()).filter(|f| !f.list.is_empty()) else { continue };
        any = true;
        let _ = write!(out, "<h3>{}</h3>\n<ul>\n", html(&row.id));
        for d in &f.list {
            let _ = writeln!(out, "<li><code>{}</code> [{}] {}</li>", html(&d.location()), d.code.unwrap_or_default(), html(&d.message));
        }
        out.push_str("</ul>\n");
    }
    if !any {
        out.push_str("<p>None.</p>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_is_read_and_decoded() {
        let q = Query::parse("sort=-en&status=stale&q=p3%2Ddata+x&other=1");
        assert_eq!(q, Query { sort: "-en".into(), status: "stale".into(), q: "p3-data x".into() });
        assert_eq!(Query::parse("q=%zz").q, "%zz");
    }
}
