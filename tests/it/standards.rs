//! The shipped site against the web's standards, without a browser:
//! sitemap and feeds parse and are complete, nothing is loaded from other
//! hosts, nothing is inline, and the front-matter schema holds every page.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::common::{SiteTest, tebiki, tree};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The shipped site, built once for every test of this file.
fn shipped() -> &'static BTreeMap<String, Vec<u8>> {
    static BUILT: OnceLock<BTreeMap<String, Vec<u8>>> = OnceLock::new();
    BUILT.get_or_init(|| {
        let out = tempfile::Builder::new().prefix("standards-").tempdir_in(repo().join("target")).unwrap();
        let status = tebiki().arg("--root").arg(repo()).arg("build").arg("--out").arg(out.path()).output().unwrap();
        assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
        tree(out.path())
    })
}

fn text(files: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8(files.get(path).unwrap_or_else(|| panic!("no {path}")).clone()).unwrap()
}

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";
const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

#[test]
fn sitemap_parses_lists_every_page_and_gives_both_languages() {
    let files = shipped();
    let xml = text(files, "sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("sitemap.xml is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().namespace(), Some(SITEMAP_NS));
    assert_eq!(root.tag_name().name(), "urlset");
    let mut listed = BTreeSet::new();
    for url in root.children().filter(|n| n.has_tag_name((SITEMAP_NS, "url"))) {
        let loc = url.children().find(|n| n.has_tag_name((SITEMAP_NS, "loc"))).and_then(|n| n.text()).unwrap().to_string();
        let alternates: BTreeMap<&str, &str> = url
            .children()
            .filter(|n| n.has_tag_name((XHTML_NS, "link")))
            .map(|n| (n.attribute("hreflang").unwrap(), n.attribute("href").unwrap()))
            .collect();
        let keys: Vec<&str> = alternates.keys().copied().collect();
        assert_eq!(keys, ["en", "ja", "x-default"], "{loc}: every shipped page exists in both languages");
        assert!(alternates.values().any(|h| *h == loc), "{loc} is among its own alternates");
        assert_eq!(alternates["x-default"], alternates["ja"]);
        assert!(listed.insert(loc.clone()), "{loc} listed twice");
    }
    let robots = text(files, "robots.txt");
    assert!(robots.contains("Sitemap: https://example.org/sitemap.xml"), "{robots}");

    // Every HTML page but the root chooser, 404.html and alias redirects is listed.
    let mut pages = BTreeSet::new();
    for (path, bytes) in files {
        let Some(dir) = path.strip_suffix("index.html") else { continue };
        if dir.is_empty() || String::from_utf8_lossy(bytes).contains(r#"<meta name="robots" content="noindex">"#) {
            continue;
        }
        pages.insert(format!("https://example.org/{dir}"));
    }
    assert_eq!(listed, pages);
    assert!(listed.len() > 150, "{}", listed.len());
}

#[test]
fn each_atom_feed_parses_and_lists_dated_pages_newest_first() {
    let files = shipped();
    for lang in ["ja", "en"] {
        let xml = text(files, &format!("{lang}/atom.xml"));
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{lang}/atom.xml: {e}"));
        let feed = doc.root_element();
        assert!(feed.has_tag_name((ATOM_NS, "feed")));
        assert_eq!(feed.attribute(("http://www.w3.org/XML/1998/namespace", "lang")), Some(lang));
        for required in ["id", "title", "updated", "author"] {
            assert!(feed.children().any(|n| n.has_tag_name((ATOM_NS, required))), "{lang} feed lacks <{required}>");
        }
        let entries: Vec<_> = feed.children().filter(|n| n.has_tag_name((ATOM_NS, "entry"))).collect();
        assert!(!entries.is_empty(), "{lang} feed has no entries");
        let mut last = String::from("9999");
        for e in &entries {
            let child = |name: &str| e.children().find(|n| n.has_tag_name((ATOM_NS, name))).and_then(|n| n.text()).map(str::to_string);
            let id = child("id").expect("entry id");
            assert!(id.starts_with(&format!("https://example.org/{lang}/")), "{id}");
            assert!(child("title").is_some_and(|t| !t.is_empty()));
            let updated = child("updated").expect("entry updated");
            assert!(updated.parse::<jiff::Timestamp>().is_ok(), "{updated} is RFC 3339");
            assert!(updated <= last, "entries are newest first");
            last = updated;
            let link = e.children().find(|n| n.has_tag_name((ATOM_NS, "link"))).and_then(|n| n.attribute("href")).unwrap();
            assert_eq!(link, id);
            let path = format!("{}index.html", link.trim_start_matches("https://example.org/"));
            assert!(files.contains_key(&path), "{link} is a built page");
        }
    }
    let home = text(files, "ja/index.html");
    assert!(home.contains(r#"<link rel="alternate" type="application/atom+xml" href="../ja/atom.xml""#), "the feed is announced");
}

/// A tag's attributes, lower-cased names; values unquoted.
fn attributes(tag: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut rest = tag.split_once(|c: char| c.is_whitespace()).map(|(_, r)| r).unwrap_or("");
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            break;
        }
        let name_end = rest.find(|c: char| c.is_whitespace() || c == '=' || c == '/').unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = rest[name_end..].trim_start();
        let mut value = String::new();
        if let Some(r) = rest.strip_prefix('=') {
            let r = r.trim_start();
            let (v, after) = match r.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let end = r[1..].find(q).map(|i| i + 1).unwrap_or(r.len() - 1);
                    (&r[1..end], &r[(end + 1).min(r.len())..])
                }
                _ => {
                    let end = r.find(char::is_whitespace).unwrap_or(r.len());
                    (&r[..end], &r[end..])
                }
            };
            value = v.to_string();
            rest = after;
        }
        if !name.is_empty() {
            out.insert(name, value);
        }
    }
    out
}

/// Problems of one HTML file: other hosts in what a page loads, inline scripts and styles.
fn third_party_problems(path: &str, html: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let external = |url: &str| {
        let u = url.trim().to_ascii_lowercase();
        u.starts_with("http:") || u.starts_with("https:") || u.starts_with("//") || u.starts_with("data:") && !u.starts_with("data:image/")
    };
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
        let attrs = attributes(tag);
        for (k, v) in &attrs {
            if k.starts_with("on") && k.len() > 2 {
                problems.push(format!("{path}: inline event handler {k}= on <{name}>"));
            }
            if k == "style" {
                problems.push(format!("{path}: inline style attribute on <{name}>"));
            }
            if (k == "href" || k == "src" || k == "action") && v.trim().to_ascii_lowercase().starts_with("javascript:") {
                problems.push(format!("{path}: javascript: URL on <{name}>"));
            }
        }
        let loads: &[&str] = match name.as_str() {
            "script" | "img" | "iframe" | "frame" | "embed" | "audio" | "video" | "source" | "track" | "input" => &["src", "srcset"],
            "object" => &["data"],
            "image" | "use" => &["href", "xlink:href"],
            "link" => {
                let rel = attrs.get("rel").map(|r| r.to_ascii_lowercase()).unwrap_or_default();
                let loaded = ["stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon"];
                if rel.split_whitespace().any(|r| loaded.contains(&r)) { &["href"] } else { &[] }
            }
            _ => &[],
        };
        for a in loads {
            if let Some(v) = attrs.get(*a) {
                for url in v.split(',').map(|s| s.split_whitespace().next().unwrap_or("")) {
                    if external(url) {
                        problems.push(format!("{path}: <{name} {a}=\"{v}\"> loads from another host"));
                    }
                }
            }
        }
        match name.as_str() {
            "script" if !attrs.contains_key("src") => {
                let ty = attrs.get("type").map(|t| t.to_ascii_lowercase()).unwrap_or_default();
                if !ty.contains("json") {
                    problems.push(format!("{path}: inline <script>"));
                }
            }
            "style" => problems.push(format!("{path}: inline <style>")),
            "meta" if attrs.get("http-equiv").is_some_and(|h| h.eq_ignore_ascii_case("refresh")) => {
                let content = attrs.get("content").cloned().unwrap_or_default();
                let target = content.split_once("url=").map(|(_, u)| u).unwrap_or("");
                if external(target) {
                    problems.push(format!("{path}: refresh to another host"));
                }
            }
            _ => {}
        }
        rest = &rest[end.min(rest.len())..];
    }
    problems
}

/// Problems of one stylesheet: imports, fonts or images from other hosts.
fn css_problems(path: &str, css: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut lower = String::new();
    let mut rest = css;
    while let Some(i) = rest.find("/*") {
        lower.push_str(&rest[..i]);
        rest = rest[i + 2..].split_once("*/").map(|(_, r)| r).unwrap_or("");
    }
    lower.push_str(rest);
    let lower = lower.to_ascii_lowercase();
    if lower.contains("@import") {
        problems.push(format!("{path}: @import"));
    }
    for (i, _) in lower.match_indices("url(") {
        let arg = lower[i + 4..].trim_start_matches(['"', '\'', ' ']);
        if arg.starts_with("http:") || arg.starts_with("https:") || arg.starts_with("//") {
            problems.push(format!("{path}: url() to another host"));
        }
    }
    problems
}

fn scan(files: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut problems = Vec::new();
    for (path, bytes) in files {
        let text = String::from_utf8_lossy(bytes);
        if path.ends_with(".html") {
            problems.extend(third_party_problems(path, &text));
        } else if path.ends_with(".css") {
            problems.extend(css_problems(path, &text));
        } else if path.ends_with(".js") && (text.contains("http://") || text.contains("https://")) && text.contains("fetch(") {
            problems.push(format!("{path}: a script fetches a URL on another host"));
        }
    }
    problems
}

#[test]
fn the_scanner_finds_what_it_looks_for() {
    let html = r#"<link rel="stylesheet" href="https://cdn.example/x.css"><script>alert(1)</script><img src=//evil.example/a.png alt=""><p style="color:red" onclick="x()">t</p><iframe src="https://e.example/"></iframe><style>p{}</style><a href="https://ok.example/">fine</a>"#;
    let found = third_party_problems("t.html", html);
    assert_eq!(found.len(), 7, "{found:#?}");
    assert!(third_party_problems("t.html", r#"<script src="../x.js" defer></script><a href="https://example.org/">x</a>"#).is_empty());
    assert_eq!(css_problems("t.css", "@import url(https://fonts.example/a.css); a{background:url('//x/y.png')}").len(), 3);
    assert!(css_problems("t.css", "/* no @import, no url(https://x) */ a{background:url(img.png)}").is_empty());
}

#[test]
fn no_page_loads_from_another_host_or_holds_inline_scripts_or_styles() {
    let problems = scan(shipped());
    assert!(problems.is_empty(), "{problems:#?}");
    let t = SiteTest::new("core/minimal");
    t.build();
    let problems = scan(&t.tree());
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Every page file of the shipped site with its front matter as JSON.
fn shipped_front_matter() -> Vec<(PathBuf, serde_json::Value)> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(repo().join("content")).sort_by_file_name() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy();
        if !e.file_type().is_file() || !name.ends_with(".md") || name.starts_with("_index.") {
            continue;
        }
        let text = std::fs::read_to_string(e.path()).unwrap();
        let yaml = text.strip_prefix("---\n").and_then(|t| t.split_once("\n---\n")).map(|(y, _)| y).unwrap();
        let value = yaml_to_json(yaml);
        out.push((e.path().strip_prefix(repo()).unwrap().to_path_buf(), value));
    }
    out
}

/// YAML → JSON with tebiki's own YAML parser (YAML 1.2, as editors' plug-ins read it).
fn yaml_to_json(yaml: &str) -> serde_json::Value {
    tebiki::yaml::parse(yaml, Path::new("x.md"), 1).unwrap_or_else(|d| panic!("{}: {}", d.line, d.message))
}

fn schema(root: &Path) -> serde_json::Value {
    let out = tebiki().arg("--root").arg(root).arg("schema").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("schema is JSON")
}

#[test]
fn schema_is_valid_draft_2020_12_and_validates_every_shipped_page() {
    let schema = schema(repo());
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    jsonschema::meta::validate(&schema).expect("a valid JSON Schema");
    let validator = jsonschema::draft202012::new(&schema).expect("compiles");
    let pages = shipped_front_matter();
    assert!(pages.len() > 100, "{}", pages.len());
    for (path, fm) in &pages {
        let errors: Vec<String> = validator.iter_errors(fm).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
    // The schema without a site (no site.yaml) is valid too and accepts the same pages.
    let generic = self::schema(Path::new("/nonexistent-site"));
    jsonschema::meta::validate(&generic).expect("a valid JSON Schema");
    let v = jsonschema::draft202012::new(&generic).unwrap();
    assert!(pages.iter().all(|(_, fm)| v.is_valid(fm)));
}

#[test]
fn schema_rejects_what_the_loader_rejects() {
    let schema = schema(repo());
    let v = jsonschema::draft202012::new(&schema).unwrap();
    let ok = |y: &str| v.is_valid(&yaml_to_json(y));
    assert!(ok("id: a\ntitle: A\nperiod: 3\nministries: [mhlw]\nbudget:\n  - {fy: 2025, oku_yen: 6.0, scope: amed}\n"));
    assert!(ok("title: A translation\nsource_hash: 0123456789abcdef\n"));
    assert!(!ok("id: a\ntitle: A\ntitel: typo\n"), "unknown field");
    assert!(!ok("id: Not_A_Slug\ntitle: A\n"), "id not a slug");
    assert!(!ok("title: A translation\nparent: b-cure\n"), "translation with a structured field");
    assert!(!ok("id: a\ntitle: A\nministries: [nope]\n"), "unknown facet key");
    assert!(!ok("id: a\ntitle: A\nperiod: 9\n"), "unknown period");
    assert!(!ok("id: a\ntitle: A\nbudget:\n  - {fy: 2025, oku_yen: 1, scope: other}\n"), "unknown scope");
    assert!(!ok("id: a\ntitle: A\ndate: 16 May 2025\n"), "date format");
    assert!(!ok("summary: no title\n"), "title is required");
}

#[test]
fn hostile_titles_are_escaped_in_feeds_and_the_sitemap() {
    let t = SiteTest::new("escape/hostile-title");
    let page = std::fs::read_to_string(t.root().join("content/policies/x.ja.md")).unwrap();
    t.write("content/policies/x.ja.md", &page.replace("id: x\n", "id: x\ndate: 2025-05-16\n"));
    t.build();
    for lang in ["ja", "en"] {
        let xml = t.read(&format!("{lang}/atom.xml"));
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
        let entry = doc.descendants().find(|n| n.has_tag_name((ATOM_NS, "entry"))).expect("the dated page");
        let text = |name: &str| entry.children().find(|n| n.has_tag_name((ATOM_NS, name))).and_then(|n| n.text()).unwrap().to_string();
        assert_eq!(text("title"), "<script>alert(1)</script>");
        assert_eq!(text("summary"), "\"><img src=x onerror=alert(2)>");
        assert!(!xml.contains("<script>"), "{xml}");
    }
    roxmltree::Document::parse(&t.read("sitemap.xml")).unwrap();
}
