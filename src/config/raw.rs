//! `site.yaml` exactly as written.
//!
//! [`read`] reads the YAML tree field by field: every unknown key is an
//! error with the nearest valid key suggested, every value of the wrong type
//! and every missing required field is reported, all in one run; a field
//! that cannot be read is left out. Maps keep the order the author wrote them
//! in, because that order is the order of menus and lists.

use crate::diagnostic::Diagnostic;
use crate::lang::Lang;
use crate::text::{LocalText, Located};
use crate::yaml::read::{Fields, Reader, Want};
use crate::yaml::tree::{Node, Value};

/// The whole of `site.yaml`; what could not be read is absent.
#[derive(Debug, Default)]
pub struct RawConfig {
    pub title: Option<LocalText>,
    pub description: Option<LocalText>,
    pub base_url: Option<Located<String>>,
    pub default_language: Option<Located<Lang>>,
    pub languages: Option<Vec<Located<Lang>>>,
    pub theme: Option<String>,
    pub kinds: Option<Vec<(Located<String>, RawKind)>>,
    pub periods: Vec<(Located<String>, RawPeriod)>,
    pub facets: Vec<(Located<String>, RawFacet)>,
    pub glossary: RawGlossaryConfig,
    pub markdown: RawMarkdownConfig,
    pub links: RawLinksConfig,
    pub pagination: Option<usize>,
    pub en_spelling: Option<Located<String>>,
    pub accessibility: Option<RawAccessibility>,
}

/// `accessibility:`: the statement page and the test report it is filled from.
#[derive(Debug)]
pub struct RawAccessibility {
    pub report: Option<Located<String>>,
    pub target: Option<Located<String>>,
    /// Where `accessibility:` is written.
    pub line: usize,
}

#[derive(Debug)]
pub struct RawKind {
    pub folder: Located<String>,
    pub label: LocalText,
    pub role: Option<Located<String>>,
    pub description: Option<LocalText>,
}

#[derive(Debug)]
pub struct RawPeriod {
    pub from: Option<Located<i32>>,
    pub to: Option<Located<i32>>,
    pub label: LocalText,
}

#[derive(Debug)]
pub struct RawFacet {
    pub label: LocalText,
    pub values: Vec<(Located<String>, RawFacetValue)>,
}

#[derive(Debug)]
pub struct RawFacetValue {
    pub label: LocalText,
    pub short: Option<LocalText>,
    pub description: Option<LocalText>,
}

#[derive(Debug, Default)]
pub struct RawGlossaryConfig {
    pub ignore: Vec<String>,
    /// `acronyms: off` turns the unknown-acronym warning off.
    pub acronyms_off: bool,
    pub min_pages: Option<usize>,
}

#[derive(Debug, Default)]
pub struct RawMarkdownConfig {
    pub safe_html: bool,
    pub remote_images: bool,
    pub raw_html: Option<Located<String>>,
}

/// `links:`: old URL paths mapped to pages, and whether links that name a page's URL are reported.
#[derive(Debug, Default)]
pub struct RawLinksConfig {
    pub map: Vec<(Located<String>, Located<String>)>,
    pub page_urls: Option<Located<String>>,
}

const FIELDS: [&str; 15] = [
    "title",
    "description",
    "base_url",
    "default_language",
    "languages",
    "theme",
    "kinds",
    "periods",
    "facets",
    "glossary",
    "markdown",
    "links",
    "pagination",
    "en_spelling",
    "accessibility",
];

/// Reads `site.yaml`'s tree (`None` for an empty file), every problem reported.
pub fn read(r: &mut Reader, root: Option<&Node>) -> RawConfig {
    let empty = Node { value: Value::Map(Vec::new()), line: 1, column: 1 };
    let root = root.unwrap_or(&empty);
    let Some(f) = r.fields(root, "site.yaml", &FIELDS) else { return RawConfig::default() };
    let title = r.required(&f, "title", "missing required field `title`", "add the site's title: `title: {ja: …, en: …}`");
    let base_url =
        r.required(&f, "base_url", "missing required field `base_url`", "add the site's address: `base_url: https://example.org/`");
    RawConfig {
        title: title.and_then(|n| r.local_text(n, "title")),
        description: r.opt_local_text(f.get("description"), "description"),
        base_url: base_url.and_then(|n| r.text(n, "base_url")),
        default_language: f.get("default_language").and_then(|n| lang(r, n)),
        languages: f.get("languages").map(|n| r.list(Some(n), "languages").iter().filter_map(|l| lang(r, l)).collect()),
        theme: r.opt_text(f.get("theme"), "theme").map(|l| l.value),
        kinds: f.get("kinds").map(|n| map(r, n, "kinds", kind)),
        periods: f.get("periods").map_or_else(Vec::new, |n| map(r, n, "periods", period)),
        facets: f.get("facets").map_or_else(Vec::new, |n| map(r, n, "facets", facet)),
        glossary: f.get("glossary").map_or_else(Default::default, |n| glossary(r, n)),
        markdown: f.get("markdown").map_or_else(Default::default, |n| markdown(r, n)),
        links: f.get("links").map_or_else(Default::default, |n| links(r, n)),
        pagination: f.get("pagination").and_then(|n| r.int(n, "pagination", Want::Count)),
        en_spelling: r.opt_text(f.get("en_spelling"), "en_spelling"),
        accessibility: f.get("accessibility").and_then(|n| accessibility(r, n)),
    }
}

fn accessibility(r: &mut Reader, node: &Node) -> Option<RawAccessibility> {
    let f = r.fields(node, "accessibility", &["report", "target"])?;
    let report = r.required(
        &f,
        "report",
        "`accessibility` has no `report`",
        "name the test report the statement is filled from: `report: accessibility.json`",
    );
    Some(RawAccessibility {
        report: report.and_then(|n| r.text(n, "report")),
        target: r.opt_text(f.get("target"), "target"),
        line: node.line,
    })
}

/// A language code.
fn lang(r: &mut Reader, node: &Node) -> Option<Located<Lang>> {
    let code = r.text(node, "language")?;
    match Lang::from_code(&code.value) {
        Some(l) => Some(Located::new(l, code.line, code.column)),
        None => {
            r.error(node, format!("unknown language `{}`", code.value), "tebiki builds `ja` and `en`");
            None
        }
    }
}

/// The entries of a map, keys with their positions, in the order written.
fn map<T>(
    r: &mut Reader,
    node: &Node,
    field: &str,
    mut value: impl FnMut(&mut Reader, &Node, &str) -> Option<T>,
) -> Vec<(Located<String>, T)> {
    let entries = match &node.value {
        Value::Map(entries) => entries,
        _ if node.is_null() => return Vec::new(),
        _ => {
            r.wrong(node, field, Want::Map);
            return Vec::new();
        }
    };
    let mut out = Vec::with_capacity(entries.len());
    for (k, v) in entries {
        let Some(key) = r.text(k, field) else { continue };
        let name = format!("{field}.{}", key.value);
        if let Some(v) = value(r, v, &name) {
            out.push((key, v));
        }
    }
    out
}

/// The fields of a map-valued entry, reporting a missing `label`.
fn with_label<'n, 'a>(
    r: &mut Reader,
    node: &'n Node<'a>,
    field: &str,
    names: &'static [&'static str],
) -> Option<(Fields<'n, 'a>, Option<LocalText>)> {
    let f = r.fields(node, field, names)?;
    let label = r.required(&f, "label", &format!("`{field}` has no `label`"), "add `label: {ja: …, en: …}`");
    let label = label.and_then(|n| r.local_text(n, "label"));
    Some((f, label))
}

fn kind(r: &mut Reader, node: &Node, field: &str) -> Option<RawKind> {
    let (f, label) = with_label(r, node, field, &["folder", "label", "role", "description"])?;
    let folder =
        r.required(&f, "folder", &format!("`{field}` has no `folder`"), "add the folder under content/ that holds its pages: `folder: …`");
    let folder = folder.and_then(|n| r.text(n, "folder"));
    let role = f.get("role").and_then(|n| r.text(n, "role"));
    let description = r.opt_local_text(f.get("description"), "description");
    Some(RawKind { folder: folder?, label: label?, role, description })
}

fn period(r: &mut Reader, node: &Node, field: &str) -> Option<RawPeriod> {
    let (f, label) = with_label(r, node, field, &["from", "to", "label"])?;
    let from = f.get("from").and_then(|n| super::fiscal_year(r, n, "from"));
    let to = f.get("to").and_then(|n| super::fiscal_year(r, n, "to"));
    Some(RawPeriod { from, to, label: label? })
}

fn facet(r: &mut Reader, node: &Node, field: &str) -> Option<RawFacet> {
    let (f, label) = with_label(r, node, field, &["label", "values"])?;
    let values = f.get("values").map_or_else(Vec::new, |n| map(r, n, &format!("{field}.values"), facet_value));
    Some(RawFacet { label: label?, values })
}

fn facet_value(r: &mut Reader, node: &Node, field: &str) -> Option<RawFacetValue> {
    let (f, label) = with_label(r, node, field, &["label", "short", "description"])?;
    let short = r.opt_local_text(f.get("short"), "short");
    let description = r.opt_local_text(f.get("description"), "description");
    Some(RawFacetValue { label: label?, short, description })
}

fn glossary(r: &mut Reader, node: &Node) -> RawGlossaryConfig {
    let Some(f) = r.fields(node, "glossary", &["ignore", "acronyms", "min_pages"]) else { return RawGlossaryConfig::default() };
    let acronyms_off = match r.opt_text(f.get("acronyms"), "acronyms") {
        Some(l) if l.value == "off" => true,
        Some(l) if l.value == "warn" => false,
        Some(l) => {
            r.diags.push(
                Diagnostic::error(r.file, l.line, l.column, format!("`acronyms: {}` is neither `warn` nor `off`", l.value))
                    .with_help("write `acronyms: warn` (the default) to warn about acronyms the glossary lacks, or `acronyms: off`"),
            );
            false
        }
        None => false,
    };
    RawGlossaryConfig {
        ignore: r.texts(f.get("ignore"), "ignore").into_iter().map(|l| l.value).collect(),
        acronyms_off,
        min_pages: f.get("min_pages").and_then(|n| r.int(n, "min_pages", Want::Count)),
    }
}

/// `markdown:`; a new option is one more name and one more line.
fn markdown(r: &mut Reader, node: &Node) -> RawMarkdownConfig {
    let Some(f) = r.fields(node, "markdown", &["safe_html", "remote_images", "raw_html"]) else { return RawMarkdownConfig::default() };
    RawMarkdownConfig {
        safe_html: f.get("safe_html").and_then(|n| r.bool(n, "safe_html")).unwrap_or(false),
        remote_images: f.get("remote_images").and_then(|n| r.bool(n, "remote_images")).unwrap_or(false),
        raw_html: f.get("raw_html").and_then(|n| r.text(n, "raw_html")),
    }
}

/// `links: {map: {"/old/path/": page-id, "/old/prefix/*": page-id}, page_urls: warn|allow}`.
fn links(r: &mut Reader, node: &Node) -> RawLinksConfig {
    let Some(f) = r.fields(node, "links", &["map", "page_urls"]) else { return RawLinksConfig::default() };
    RawLinksConfig {
        map: f.get("map").map_or_else(Vec::new, |n| map(r, n, "links.map", |r, v, field| r.text(v, field))),
        page_urls: f.get("page_urls").and_then(|n| r.text(n, "page_urls")),
    }
}
