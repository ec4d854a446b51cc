//! Front matter: splitting a page file and reading its YAML.
//!
//! A file's bytes are turned into text by [`crate::text::decode`]; [`split`]
//! finds the `---` fences, and [`read`] reads the YAML
//! into a [`RawFrontMatter`], every problem of it reported at once: a field
//! that cannot be read is left out and reading goes on.

use std::path::Path;

use crate::config::fiscal_year;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::Amount;
use crate::model::Scope;
use crate::text::{LocalText, Located};
use crate::yaml::read::{Reader, Want};
use crate::yaml::tree::{Node, Value};

/// The largest page file tebiki reads.
pub const MAX_PAGE_BYTES: usize = 8 * 1024 * 1024;

/// A page file cut at its fences.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences.
    pub yaml: &'a str,
    /// 1-based line of the file where the YAML starts.
    pub yaml_line: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// 1-based line of the file where the body starts.
    pub body_line: usize,
}

/// Finds the front matter between a `---` first line and the next `---` line.
pub fn split<'a>(text: &'a str, file: &Path) -> Result<Split<'a>, Diagnostic> {
    let first = text.lines().next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(Diagnostic::error(file, 1, 1, "page has no front matter")
            .with_help("start the file with a `---` line, the YAML fields (at least `id` and `title`), and another `---` line"));
    }
    let yaml_start = text.find('\n').map(|i| i + 1).unwrap_or(text.len());
    let mut offset = yaml_start;
    for (line, l) in (2..).zip(text[yaml_start..].split_inclusive('\n')) {
        if l.trim_end() == "---" {
            let body_start = offset + l.len();
            return Ok(Split { yaml: &text[yaml_start..offset], yaml_line: 2, body: &text[body_start..], body_line: line + 1 });
        }
        offset += l.len();
    }
    Err(Diagnostic::error(file, 1, 1, "front matter is not closed").with_help("add a line with only `---` after the last YAML field"))
}

/// Fields a translation may hold.
pub const TEXT_FIELDS: [&str; 7] = ["title", "short_title", "summary", "subtitle", "source_hash", "source_blocks", "qa_ignore"];

/// Every front-matter field.
pub const FIELDS: [&str; 29] = [
    "id",
    "kind",
    "title",
    "short_title",
    "summary",
    "subtitle",
    "source_hash",
    "source_blocks",
    "qa_ignore",
    "period",
    "parent",
    "number",
    "ministries",
    "diseases",
    "tags",
    "lead_ministry",
    "budget",
    "succeeds",
    "related",
    "sources",
    "aliases",
    "date",
    "updated",
    "draft",
    "weight",
    "glossary",
    "glossary_ignore",
    "pages",
    "extra",
];

/// A page's front matter as written; fields that could not be read are absent.
#[derive(Debug, Clone, Default)]
pub struct RawFrontMatter {
    pub id: Option<Located<String>>,
    pub kind: Option<Located<String>>,
    pub title: Option<Located<String>>,
    pub short_title: Option<String>,
    pub summary: Option<String>,
    pub subtitle: Option<String>,
    pub source_hash: Option<Located<String>>,
    pub source_blocks: Option<Located<String>>,
    pub qa_ignore: Vec<Located<String>>,
    pub period: Vec<Located<String>>,
    pub parent: Option<Located<String>>,
    pub number: Option<u32>,
    pub ministries: Vec<Located<String>>,
    pub diseases: Vec<Located<String>>,
    pub tags: Vec<Located<String>>,
    pub lead_ministry: Option<Located<String>>,
    pub budget: Vec<RawBudgetLine>,
    pub succeeds: Vec<Located<String>>,
    pub related: Vec<Located<String>>,
    pub sources: Vec<RawSource>,
    pub aliases: Vec<Located<String>>,
    pub date: Option<Located<String>>,
    pub updated: Option<Located<String>>,
    pub draft: Option<bool>,
    pub weight: Option<i64>,
    pub glossary: Option<bool>,
    pub glossary_ignore: Vec<Located<String>>,
    pub pages: Vec<Located<String>>,
    pub extra: Option<serde_json::Value>,
    /// The fields given, at their keys.
    pub given: Vec<Located<&'static str>>,
    /// Fields given with a value that could not be read, or misspelt (reported already).
    pub unreadable: Vec<&'static str>,
}

/// One budget line as written.
#[derive(Debug, Clone)]
pub struct RawBudgetLine {
    pub fy: Located<i32>,
    pub oku_yen: Amount,
    pub scope: Scope,
    pub project: Option<Located<String>>,
    pub part_of: bool,
    pub relisted: bool,
    pub shared_with: Vec<Located<String>>,
    pub note: Option<LocalText>,
}

/// One source as written.
#[derive(Debug, Clone)]
pub struct RawSource {
    pub title: LocalText,
    pub publisher: Option<LocalText>,
    pub date: Option<Located<String>>,
    pub url: Option<Located<String>>,
    pub note: Option<LocalText>,
}

/// Reads front matter `yaml`, whose first line is line `first_line` of
/// `file`: every problem goes to `diags`; `Err` when the YAML cannot be read.
pub fn read(yaml: &str, file: &Path, first_line: usize, diags: &mut Diagnostics) -> Result<RawFrontMatter, Diagnostic> {
    let Some(root) = crate::yaml::tree::parse(yaml, file, first_line, diags)? else {
        return Ok(RawFrontMatter::default());
    };
    if !matches!(root.value, Value::Map(_)) && !root.is_null() {
        return Err(Diagnostic::error(file, root.line, root.column, "the front matter is not a map of `key: value` fields")
            .with_help("write one `key: value` per line between the `---` lines"));
    }
    let mut r = Reader { file, diags };
    let Some(f) = r.fields(&root, "front matter", &FIELDS) else { return Ok(RawFrontMatter::default()) };
    let bool_of = |r: &mut Reader, name: &str| f.get(name).and_then(|n| r.bool(n, name));
    let text_of = |r: &mut Reader, name: &str| r.opt_text(f.get(name), name);
    let mut fm = RawFrontMatter {
        id: text_of(&mut r, "id"),
        kind: text_of(&mut r, "kind"),
        title: text_of(&mut r, "title"),
        short_title: text_of(&mut r, "short_title").map(|l| l.value),
        summary: text_of(&mut r, "summary").map(|l| l.value),
        subtitle: text_of(&mut r, "subtitle").map(|l| l.value),
        source_hash: text_of(&mut r, "source_hash"),
        source_blocks: text_of(&mut r, "source_blocks"),
        qa_ignore: r.texts(f.get("qa_ignore"), "qa_ignore"),
        period: match f.get("period") {
            Some(p) if matches!(p.value, Value::Scalar(..)) => r.text(p, "period").into_iter().collect(),
            p => r.texts(p, "period"),
        },
        parent: text_of(&mut r, "parent"),
        number: f.get("number").and_then(|n| r.int(n, "number", Want::Count)),
        ministries: r.texts(f.get("ministries"), "ministries"),
        diseases: r.texts(f.get("diseases"), "diseases"),
        tags: r.texts(f.get("tags"), "tags"),
        lead_ministry: text_of(&mut r, "lead_ministry"),
        budget: r.list(f.get("budget"), "budget").iter().filter_map(|b| budget_line(&mut r, b)).collect(),
        succeeds: r.texts(f.get("succeeds"), "succeeds"),
        related: r.texts(f.get("related"), "related"),
        sources: r.list(f.get("sources"), "sources").iter().filter_map(|s| source(&mut r, s)).collect(),
        aliases: r.texts(f.get("aliases"), "aliases"),
        date: text_of(&mut r, "date"),
        updated: text_of(&mut r, "updated"),
        draft: bool_of(&mut r, "draft"),
        weight: f.get("weight").and_then(|n| r.int(n, "weight", Want::Integer)),
        glossary: bool_of(&mut r, "glossary"),
        glossary_ignore: r.texts(f.get("glossary_ignore"), "glossary_ignore"),
        pages: r.texts(f.get("pages"), "pages"),
        extra: f.get("extra").map(crate::yaml::read::json),
        given: f.given().map(|(name, k)| Located::new(name, k.line, k.column)).collect(),
        unreadable: Vec::new(),
    };
    // A missing `id` or `title` is reported later, unless it is given but
    // unreadable or misspelt (reported already).
    for (name, read) in [("id", fm.id.is_some()), ("title", fm.title.is_some())] {
        if (f.get(name).is_some() && !read) || f.misspelt(name) {
            fm.unreadable.push(name);
        }
    }
    Ok(fm)
}

const BUDGET_FIELDS: [&str; 8] = ["fy", "oku_yen", "scope", "project", "part_of", "relisted", "shared_with", "note"];

/// One budget line; `None` (reported) when a required field cannot be read.
fn budget_line(r: &mut Reader, node: &Node) -> Option<RawBudgetLine> {
    if !matches!(node.value, Value::Map(_)) {
        r.error(node, "each budget line must be a map of fields", "write a line such as `- {fy: 2025, oku_yen: 10, scope: amed}`");
        return None;
    }
    let f = r.fields(node, "budget", &BUDGET_FIELDS)?;
    let fy =
        r.required(&f, "fy", "budget line has no `fy`", "add the fiscal year, such as `fy: 2025`").and_then(|n| fiscal_year(r, n, "fy"));
    let oku_yen = r
        .required(&f, "oku_yen", "budget line has no `oku_yen`", "add the amount in 億円, such as `oku_yen: 10`")
        .and_then(|n| amount(r, n));
    let scope = r.required(&f, "scope", "budget line has no `scope`", "add `scope: amed` or `scope: inhouse`").and_then(|n| scope(r, n));
    let project = r.opt_text(f.get("project"), "project");
    let part_of = f.get("part_of").and_then(|n| r.bool(n, "part_of")).unwrap_or(false);
    let relisted = f.get("relisted").and_then(|n| r.bool(n, "relisted")).unwrap_or(false);
    let shared_with = r.texts(f.get("shared_with"), "shared_with");
    let note = r.opt_local_text(f.get("note"), "note");
    Some(RawBudgetLine { fy: fy?, oku_yen: oku_yen?, scope: scope?, project, part_of, relisted, shared_with, note })
}

/// An amount in 億円, kept with the decimals written (`6.0` stays `6.0`).
fn amount(r: &mut Reader, node: &Node) -> Option<Amount> {
    let a = node.text().and_then(Amount::parse);
    if a.is_none() {
        r.error(
            node,
            "`oku_yen` must be an amount in 億円, such as 200, 7.9 or 0.8",
            "write digits with at most 4 decimals, without a sign or a unit",
        );
    }
    a
}

fn scope(r: &mut Reader, node: &Node) -> Option<Scope> {
    match node.text() {
        Some("amed") => Some(Scope::Amed),
        Some("inhouse") => Some(Scope::Inhouse),
        other => {
            let name = other.unwrap_or_default();
            let help = crate::suggest::did_you_mean(name, ["amed", "inhouse"])
                .unwrap_or_else(|| "`amed` (funds managed by AMED) or `inhouse` (in-house research institutions)".into());
            r.error(node, format!("unknown scope `{name}`"), help);
            None
        }
    }
}

const SOURCE_FIELDS: [&str; 5] = ["title", "publisher", "date", "url", "note"];

/// One source; `None` (reported) without a title.
fn source(r: &mut Reader, node: &Node) -> Option<RawSource> {
    if !matches!(node.value, Value::Map(_)) {
        r.error(node, "each source must be a map of fields", "write a source such as `- {title: …, url: https://…}`");
        return None;
    }
    let f = r.fields(node, "sources", &SOURCE_FIELDS)?;
    let title = r.required(&f, "title", "source has no `title`", "add `title: …`").and_then(|n| r.local_text(n, "title"));
    let publisher = r.opt_local_text(f.get("publisher"), "publisher");
    let date = r.opt_text(f.get("date"), "date");
    let url = r.opt_text(f.get("url"), "url");
    let note = r.opt_local_text(f.get("note"), "note");
    Some(RawSource { title: title?, publisher, date, url, note })
}

#[cfg(test)]
#[path = "frontmatter_tests.rs"]
mod tests;
