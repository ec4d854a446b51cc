//! The shipped site: it builds cleanly, both languages are complete, the
//! figures match the source documents, and the cross-references hold.

use crate::common;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The shipped site, built once for this test binary.
pub(crate) fn public() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let out = root.join("target").join("flagship-public");
        let _ = std::fs::remove_dir_all(&out);
        let o = common::tebiki().args(["--root", root.to_str().unwrap(), "build", "--out"]).arg(&out).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        out
    })
}

fn read(path: &str) -> String {
    std::fs::read_to_string(public().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn site_json() -> serde_json::Value {
    serde_json::from_str(&read("data/site.json")).unwrap()
}

#[test]
fn check_reports_no_errors_and_no_warnings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let o = common::tebiki().args(["--root", root.to_str().unwrap(), "check", "--format", "json"]).output().unwrap();
    let diags: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(diags.as_array().map(Vec::len), Some(0), "{diags:#}");
    assert!(o.status.success());
}

#[test]
fn both_languages_have_the_same_pages_and_the_inventory_is_complete() {
    let json = site_json();
    let pages = json["pages"].as_array().unwrap();
    let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
    let mut projects_by_period: BTreeMap<String, usize> = BTreeMap::new();
    for p in pages {
        let langs: BTreeSet<&str> = p["title"].as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(langs, BTreeSet::from(["en", "ja"]), "{} is not in both languages", p["id"]);
        let kind = p["kind"].as_str().unwrap();
        *by_kind.entry(kind).or_default() += 1;
        if kind == "project" {
            for period in p["period"].as_array().unwrap() {
                *projects_by_period.entry(period.as_str().unwrap().to_string()).or_default() += 1;
            }
        }
    }
    assert!(by_kind["policy"] >= 5, "{by_kind:?}");
    assert!(by_kind["program"] >= 25, "{by_kind:?}");
    assert!(by_kind["handout"] >= 2, "{by_kind:?}");
    assert_eq!(projects_by_period.get("2"), Some(&6), "{projects_by_period:?}");
    assert_eq!(projects_by_period.get("3"), Some(&8), "{projects_by_period:?}");
    assert!(projects_by_period.get("1").is_some_and(|n| *n >= 1));
    assert!(json["glossary"].as_array().unwrap().len() >= 50);
}

/// The budget table rows of a page: (fiscal year, category, amount).
fn budget_rows(path: &str) -> Vec<(String, String, String)> {
    let html = read(path);
    let Some(section) = html.split("<div class=\"table-wrap budget-table\"").nth(1) else { return vec![] };
    let section = section.split("</table>").next().unwrap();
    section
        .split("<tr><th scope=\"row\">")
        .skip(1)
        .map(|row| {
            let cells: Vec<String> = row.split("</td>").map(|c| c.rsplit('>').next().unwrap_or("").to_string()).collect();
            let fy = row.split("</th>").next().unwrap().to_string();
            (fy, cells[0].clone(), cells[1].clone())
        })
        .collect()
}

#[test]
fn project_budgets_match_the_source_documents() {
    let cases = [
        ("p3-data-lifecourse", "令和7年度", "200億円", "18億円", "FY2025", "¥20 billion", "¥1.8 billion"),
        ("p2-genome-data", "令和2年度", "175億円", "18億円", "FY2020", "¥17.5 billion", "¥1.8 billion"),
        ("p1-genomic-medicine", "平成31年度", "98億円", "18億円", "FY2019", "¥9.8 billion", "¥1.8 billion"),
    ];
    for (id, fy, amed, inhouse, fy_en, amed_en, inhouse_en) in cases {
        let ja = budget_rows(&format!("ja/projects/{id}/index.html"));
        assert!(ja.iter().any(|r| r.0 == fy && r.1.contains("日本医療研究開発機構") && r.2 == amed), "{id}: {ja:?}");
        assert!(ja.iter().any(|r| r.0 == fy && r.1.contains("インハウス") && r.2 == inhouse), "{id}: {ja:?}");
        let en = budget_rows(&format!("en/projects/{id}/index.html"));
        assert!(en.iter().any(|r| r.0 == fy_en && r.1.contains("AMED") && r.2 == amed_en), "{id}: {en:?}");
        assert!(en.iter().any(|r| r.0 == fy_en && r.1.contains("In-house") && r.2 == inhouse_en), "{id}: {en:?}");
    }
    let b_cure = budget_rows("ja/programs/b-cure/index.html");
    assert!(b_cure.iter().any(|r| r.0 == "令和7年度" && r.2 == "43億円の内数"), "{b_cure:?}");
    let b_cure_en = budget_rows("en/programs/b-cure/index.html");
    assert!(b_cure_en.iter().any(|r| r.0 == "FY2025" && r.2 == "part of ¥4.3 billion"), "{b_cure_en:?}");
}

/// Text of an HTML page outside elements marked `lang="ja"` (tags and attributes skipped).
fn text_outside_japanese(html: &str) -> Vec<String> {
    const VOID: [&str; 9] = ["meta", "link", "br", "img", "input", "hr", "source", "wbr", "col"];
    let body = &html[html.find("<body").unwrap_or(0)..];
    let mut stack: Vec<(String, bool)> = Vec::new();
    let mut found = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        if let Some(tag_rest) = rest.strip_prefix('<') {
            let end = tag_rest.find('>').unwrap_or(tag_rest.len());
            let tag = &tag_rest[..end];
            rest = tag_rest.get(end + 1..).unwrap_or("");
            let name: String =
                tag.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_lowercase();
            if tag.starts_with('/') {
                while let Some((n, _)) = stack.pop() {
                    if n == name {
                        break;
                    }
                }
            } else if !VOID.contains(&name.as_str()) && !tag.ends_with('/') && !name.is_empty() {
                stack.push((name, tag.contains("lang=\"ja\"")));
            }
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            let text = &rest[..end];
            rest = &rest[end..];
            let japanese = text.chars().any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}' | '\u{ff01}'..='\u{ff60}'));
            if japanese && !stack.iter().any(|(_, ja)| *ja) {
                found.push(text.trim().chars().take(60).collect());
            }
        }
    }
    found
}

#[test]
fn english_pages_have_no_japanese_outside_lang_ja() {
    let mut problems = Vec::new();
    for (path, bytes) in common::tree(&public().join("en")) {
        if path.ends_with(".html") {
            for t in text_outside_japanese(&String::from_utf8_lossy(&bytes)) {
                problems.push(format!("en/{path}: {t}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_program_shows_its_project_and_is_listed_and_referenced_in_both_languages() {
    for lang in ["ja", "en"] {
        let program = read(&format!("{lang}/programs/b-cure/index.html"));
        let crumbs = program.split("class=\"breadcrumbs").nth(1).unwrap().split("</nav>").next().unwrap();
        assert!(crumbs.contains("projects/p3-data-lifecourse/index.html"), "{lang}: breadcrumbs {crumbs}");
        let project = read(&format!("{lang}/projects/p3-data-lifecourse/index.html"));
        let children = project.split("id=\"rel-children\"").nth(1).unwrap().split("</section>").next().unwrap();
        assert!(children.contains("programs/b-cure/index.html"), "{lang}: children");
        let backlinks = program.split("id=\"rel-backlinks\"").nth(1).unwrap().split("</section>").next().unwrap();
        assert!(backlinks.contains("index.html"), "{lang}: backlinks");
    }
}

#[test]
fn the_crosswalk_puts_genome_and_data_next_to_data_and_life_course() {
    for lang in ["ja", "en"] {
        let html = read(&format!("{lang}/crosswalk/index.html"));
        let row = html.split("<tr>").find(|r| r.contains("p2-genome-data/index.html")).expect("a row for the 2nd-period project");
        assert!(row.contains("p3-data-lifecourse/index.html"), "{lang}: {row}");
        assert!(row.contains("p1-genomic-medicine/index.html"), "{lang}: {row}");
    }
}

#[test]
fn site_json_holds_every_page_with_existing_urls_and_inverse_backlinks() {
    let json = site_json();
    let pages = json["pages"].as_array().unwrap();
    let mut refs: BTreeSet<(String, String)> = BTreeSet::new();
    let mut backs: BTreeSet<(String, String)> = BTreeSet::new();
    for p in pages {
        let id = p["id"].as_str().unwrap().to_string();
        for (_, path) in p["path"].as_object().unwrap() {
            assert!(public().join(path.as_str().unwrap()).is_file(), "{path}");
        }
        for r in p["references"].as_array().unwrap() {
            refs.insert((id.clone(), r.as_str().unwrap().to_string()));
        }
        for b in p["backlinks"].as_array().unwrap() {
            backs.insert((b.as_str().unwrap().to_string(), id.clone()));
        }
    }
    assert!(!refs.is_empty());
    assert_eq!(refs, backs);
    let built: usize = common::tree(public())
        .keys()
        .filter(|k| k.contains("/programs/") || k.contains("/projects/") || k.contains("/policies/") || k.contains("/handouts/"))
        .filter(|k| k.ends_with("/index.html") && k.matches('/').count() == 3)
        .count();
    let listed: usize = pages.iter().map(|p| p["path"].as_object().unwrap().len()).sum();
    assert_eq!(built, listed);
}

/// The visible text of an HTML page, tags dropped and the common entities
/// decoded, in lower case.
fn visible_text(html: &str) -> String {
    let body = &html[html.find("<body").unwrap_or(0)..];
    let mut out = String::with_capacity(body.len());
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            // Inline markup (a marked term, a link) may split a phrase: tags leave no space.
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out.replace("&#39;", "'").replace("&#x27;", "'").replace("&quot;", "\"").replace("&amp;", "&").replace('’', "'");
    out.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Every built page of language `lang`, by its path after `lang/`: its
/// visible text, and that text without the Terms box (which lists the
/// entries the renderer's markup found, with their definitions).
fn pages_of(lang: &str) -> BTreeMap<String, (String, String)> {
    let dir = public().join(lang);
    let without_terms = |html: &str| match (html.find(r#"<aside class="terms""#), html.find("</aside>")) {
        (Some(start), Some(_)) => {
            let end = html[start..].find("</aside>").map_or(html.len(), |e| start + e);
            format!("{}{}", &html[..start], &html[end..])
        }
        _ => html.to_string(),
    };
    common::tree(&dir)
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| {
            let html = String::from_utf8_lossy(&bytes);
            (path, (visible_text(&html), visible_text(&without_terms(&html))))
        })
        .collect()
}

#[test]
fn each_of_the_four_reviewed_terms_has_one_english_rendering_across_the_site() {
    // Japanese term, the approved English rendering (lower case, without a plural ending), and
    // renderings the review found on the site before the glossary became its termbase.
    let terms: [(&str, &str, &[&str]); 4] = [
        (
            "対象経費",
            "amed-managed fund",
            &[
                "amed funds",
                "funds managed by amed",
                "amed-covered",
                "amed-targeted",
                "expenses covered by amed",
                "amed expenses",
                "amed target",
            ],
        ),
        (
            "インハウス研究機関経費",
            "in-house research institutions' fund",
            &[
                "in-house research institution funds",
                "in-house research institutions' expenses",
                "in-house research institution expenses",
                "in-house institution",
            ],
        ),
        (
            "個別化医療",
            "personalized medicine",
            &["personalised medicine", "individualised medicine", "individualized medicine", "tailored medicine"],
        ),
        (
            "全ゲノム解析等実行計画",
            "action plan for whole-genome analysis",
            &[
                "action plan for whole-genome analysis and related work",
                "whole-genome analysis action plan",
                "whole genome analysis action plan",
                "implementation plan for whole",
            ],
        ),
    ];
    let (ja, en) = (pages_of("ja"), pages_of("en"));
    let mut problems = Vec::new();
    for (term, approved, others) in terms {
        let mut uses = 0;
        for (path, (_, text)) in &ja {
            if !text.contains(term) {
                continue;
            }
            uses += 1;
            let english = en.get(path).map(|(_, body)| body.as_str()).unwrap_or_default();
            if !english.contains(approved) {
                problems.push(format!("en/{path} lacks “{approved}” for {term}"));
            }
        }
        assert!(uses > 0, "{term} is on no Japanese page");
        for (path, (text, _)) in &en {
            for other in others.iter().filter(|o| text.contains(*o)) {
                problems.push(format!("en/{path} renders {term} as “{other}”"));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Drawings with a text alternative in `html` (charts, diagrams; a handout's QR code too).
fn figures(doc: &common::html::Doc) -> usize {
    doc.all("svg[role=\"img\"]").len()
}

#[test]
fn each_handout_section_holds_every_chart_of_its_page_in_both_languages() {
    let json = site_json();
    let pages = json["pages"].as_array().unwrap();
    let page_file = |id: &str, lang: &str| -> String {
        let p = pages.iter().find(|p| p["id"] == id).unwrap_or_else(|| panic!("{id} in site.json"));
        let path = p["path"].get(lang).or_else(|| p["path"].get(p["source_language"].as_str().unwrap())).unwrap();
        read(path.as_str().unwrap())
    };
    for handout in pages.iter().filter(|p| p["kind"] == "handout") {
        for (lang, path) in handout["path"].as_object().unwrap() {
            let doc = common::html::Doc::parse(&read(path.as_str().unwrap()));
            let (mut in_pages, mut in_handout) = (0, 0);
            for section in doc.all("section.handout-page") {
                let anchor = section.select(&scraper::Selector::parse("h2[id]").unwrap()).next().unwrap().value().attr("id").unwrap();
                let id = anchor.strip_prefix("p-").unwrap();
                let page = figures(&common::html::Doc::parse(&page_file(id, lang)));
                let here = section.select(&scraper::Selector::parse("svg[role=\"img\"]").unwrap()).count();
                assert!(here >= page, "{lang} {}: section {id} has {here} of its page's {page} charts", handout["id"]);
                in_pages += page;
                in_handout += here;
            }
            assert!(in_pages > 0, "{lang} {}: no charts in its pages", handout["id"]);
            assert!(figures(&doc) >= in_handout, "{lang} {}", handout["id"]);
            // Each chart's numbers print beside it.
            assert_eq!(doc.all(".handout-page details.chart-data[open]").len(), doc.all(".handout-page figure.chart").len());
        }
    }
}
