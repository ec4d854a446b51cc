//! Budget charts and relation diagrams: snapshots of the SVG for a fixture
//! site, the numbers of every chart in its table, and the shipped site's
//! charts (the Data Utilization and Life Course Project, the crosswalk).
//!
//! Snapshots live in `tests/fixtures/charts/snapshots/`; run with
//! `UPDATE_SNAPSHOTS=1` to rewrite them, then review the diff.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::common;
use crate::common::SiteTest;
use crate::common::snapshot;

/// The fixture site, built once.
fn fixture() -> &'static SiteTest {
    static SITE: OnceLock<SiteTest> = OnceLock::new();
    SITE.get_or_init(|| {
        let t = SiteTest::new("charts/budget");
        t.build();
        t
    })
}

/// The shipped site, built once for this test binary.
fn shipped() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let out = root.join("target").join("charts-public");
        let _ = std::fs::remove_dir_all(&out);
        let o = common::tebiki().args(["--root", root.to_str().unwrap(), "build", "--out"]).arg(&out).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        out
    })
}

fn read_shipped(path: &str) -> String {
    std::fs::read_to_string(shipped().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The `<figure class="chart …">` elements of a page, with their ids.
fn figures(html: &str) -> Vec<(String, String)> {
    html.split("<figure class=\"chart ")
        .skip(1)
        .map(|rest| {
            let fig = rest.split("</figure>").next().unwrap().to_string();
            let id = fig.split("id=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
            (id, fig)
        })
        .collect()
}

/// The figure with id `id` on a page.
fn figure(html: &str, id: &str) -> String {
    figures(html).into_iter().find(|(i, _)| i == id).unwrap_or_else(|| panic!("no figure #{id}")).1
}

/// The drawing of a figure: its `<svg role="img">`.
fn drawing(fig: &str) -> String {
    let start = fig.find("<svg").unwrap();
    let end = fig[start..].find("</svg>").unwrap() + start + "</svg>".len();
    let svg = &fig[start..end];
    assert!(svg.contains("role=\"img\""), "the first svg is not the image: {svg}");
    format!("{svg}\n")
}

/// The figure's data table.
fn table(fig: &str) -> String {
    let start = fig.find("<details class=\"chart-data\"").expect("a data table in <details>");
    fig[start..].to_string()
}

/// Text of the elements of `xml` named `tag`, except those with class `skip`.
fn texts(xml: &str, tag: &str, skip: &str) -> Vec<String> {
    xml.split(&format!("<{tag}"))
        .skip(1)
        .filter(|s| !s.split('>').next().unwrap_or("").contains(skip))
        .map(|s| unescape(s.split_once('>').map_or("", |(_, r)| r).split(&format!("</{tag}>")).next().unwrap_or("")))
        .collect()
}

/// The text of HTML with tags removed.
fn plain(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    unescape(&out)
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

/// Numbers in a text: runs of digits with their decimal points and commas.
fn numbers(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() || (!cur.is_empty() && (c == '.' || c == ',')) {
            cur.push(c);
        } else if !cur.is_empty() {
            out.push(cur.trim_end_matches(['.', ',']).to_string());
            cur.clear();
        }
    }
    if !cur.is_empty() {
        out.push(cur.trim_end_matches(['.', ',']).to_string());
    }
    out
}

/// Every figure and value text in a chart's drawing is in its table; returns
/// how many numbers were checked.
fn assert_numbers_in_table(page: &str, id: &str, fig: &str) -> usize {
    let mut checked = 0;
    let svg = drawing(fig);
    let table = plain(&table(fig));
    let table_numbers: BTreeSet<String> = numbers(&table).into_iter().collect();
    for t in texts(&svg, "text", "chart-tick") {
        for n in numbers(&t) {
            assert!(table_numbers.contains(&n), "{page} #{id}: `{n}` (in `{t}`) is not in the table:\n{table}");
            checked += 1;
        }
        if t.contains('億') || t.contains('¥') {
            assert!(table.contains(t.trim()), "{page} #{id}: the figure `{t}` is not in the table:\n{table}");
        }
    }
    checked
}

/// Pages of the fixture with charts, and the figures they must have.
const FIXTURE_PAGES: [(&str, &[&str]); 8] = [
    ("ja/projects/p-new/index.html", &["chart-budget", "chart-relations"]),
    ("en/projects/p-new/index.html", &["chart-budget", "chart-relations"]),
    ("ja/projects/p-old/index.html", &["chart-budget", "chart-relations"]),
    ("ja/programs/alpha/index.html", &["chart-program-budget"]),
    ("en/programs/alpha/index.html", &["chart-program-budget"]),
    ("ja/periods/3/index.html", &["chart-period-budget"]),
    ("ja/crosswalk/index.html", &["chart-succession"]),
    ("en/crosswalk/index.html", &["chart-succession"]),
];

#[test]
fn chart_drawings_match_their_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/charts/snapshots");
    let mut failed = Vec::new();
    for (page, ids) in FIXTURE_PAGES {
        let html = fixture().read(page);
        for id in ids {
            let svg = drawing(&figure(&html, id));
            let name = format!("{}-{id}.svg", page.trim_end_matches("/index.html").replace('/', "-"));
            if let Err(e) = snapshot::compare(&dir.join(&name), &svg) {
                failed.push(e);
            }
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn every_number_in_a_fixture_chart_is_in_its_table() {
    for (page, ids) in FIXTURE_PAGES {
        let html = fixture().read(page);
        let found: Vec<String> = figures(&html).into_iter().map(|(id, _)| id).collect();
        assert_eq!(found, ids.iter().map(|s| s.to_string()).collect::<Vec<_>>(), "{page}");
        for (id, fig) in figures(&html) {
            let checked = assert_numbers_in_table(page, &id, &fig);
            assert!(checked > 0 || id == "chart-relations", "{page} #{id}: no numbers checked");
        }
    }
}

#[test]
fn every_chart_is_an_image_with_title_and_description() {
    for (page, _) in FIXTURE_PAGES {
        for (id, fig) in figures(&fixture().read(page)) {
            let svg = drawing(&fig);
            assert!(svg.contains(&format!("aria-labelledby=\"{id}-title {id}-desc\"")), "{page} #{id}");
            assert!(svg.contains(&format!("<title id=\"{id}-title\">")), "{page} #{id}");
            assert!(svg.contains(&format!("<desc id=\"{id}-desc\">")), "{page} #{id}");
            assert!(!svg.contains("<a "), "{page} #{id}: links inside role=img are hidden from assistive technology");
            assert!(!fig.contains("style="), "{page} #{id}: inline style breaks a strict CSP");
            assert!(!fig.contains("<script"), "{page} #{id}");
        }
    }
}

#[test]
fn project_chart_draws_shared_and_part_of_figures_once_and_apart() {
    let fig = figure(&fixture().read("ja/projects/p-new/index.html"), "chart-budget");
    let svg = drawing(&fig);
    // Totals outlined; own amounts solid; 内数 hatched once for Beta and its part.
    assert_eq!(svg.matches("<rect class=\"bar bar-total").count(), 2, "{svg}");
    assert_eq!(svg.matches("<rect class=\"bar bar-hatch").count(), 1, "{svg}");
    assert!(svg.contains(">20億円の内数</text>"));
    assert!(svg.contains(">2事業に共通</text>"));
    assert!(svg.contains("ベータ、ベータの構成事業"), "{svg}");
    // Gamma and Delta's one figure, dotted, labelled with both.
    assert_eq!(svg.matches("<rect class=\"bar bar-dots").count(), 1, "{svg}");
    assert!(svg.contains(">2事業で共有</text>"));
    assert!(svg.contains("ガンマ事業、デルタ事業"), "{svg}");
    // A line naming the project from a page with another parent is charted too.
    assert!(svg.contains(">他所の事業</text>"), "{svg}");
    // In-house apart, under its own heading.
    assert!(svg.contains(">インハウス研究機関経費</text>"));
    // The amount as written, 30.0, not 30.
    assert!(svg.contains(">30.0億円</text>"), "{svg}");
    // Axis from zero.
    assert!(svg.contains("class=\"chart-tick\"") && svg.contains(">0</text>"));
    let t = table(&fig);
    assert!(t.contains("2事業で共有："), "{t}");
    assert!(t.contains("<a href=\"../../programs/gamma/index.html\">ガンマ事業</a>"), "{t}");
}

#[test]
fn english_charts_use_english_figures_and_years() {
    let svg = drawing(&figure(&fixture().read("en/projects/p-new/index.html"), "chart-budget"));
    for text in
        [">FY2025</text>", ">¥10 billion</text>", ">part of ¥2 billion</text>", ">Shared by 2 programs</text>", ">¥3 billion</text>"]
    {
        assert!(svg.contains(text), "{text} missing:\n{svg}");
    }
    let svg = drawing(&figure(&fixture().read("ja/programs/alpha/index.html"), "chart-program-budget"));
    assert!(svg.contains(">令和2年度</text>") && svg.contains(">令和7年度</text>"), "{svg}");
}

#[test]
fn diagram_boxes_link_to_their_pages_with_relative_urls() {
    let html = fixture().read("ja/crosswalk/index.html");
    let fig = figure(&html, "chart-succession");
    for id in ["p-first", "p-old", "p-ended", "p-new", "p-fresh"] {
        let href = format!("<a href=\"../projects/{id}/index.html\"");
        assert!(fig.contains(&href), "no link to {id}:\n{fig}");
    }
    // One arrow per succeeds: p-first → p-old → p-new.
    assert_eq!(drawing(&fig).matches("class=\"dg-edge\"").count(), 2);
    let rel = figure(&fixture().read("ja/projects/p-new/index.html"), "chart-relations");
    for href in ["../../policies/plan/index.html", "../../programs/beta/index.html", "../../programs/elsewhere/index.html"] {
        assert!(rel.contains(&format!("<a href=\"{href}\"")), "{href}:\n{rel}");
    }
    assert!(rel.contains("aria-current=\"page\""));
}

#[test]
fn period_chart_names_projects_that_state_no_budget() {
    let fig = figure(&fixture().read("ja/periods/3/index.html"), "chart-period-budget");
    assert!(fig.contains("予算額の記載がない統合プロジェクト：②新設PJ"), "{fig}");
    assert!(drawing(&fig).contains(">①新PJ</text>"));
}

#[test]
fn budget_across_years_is_charted_whatever_the_kind_is_called() {
    let t = SiteTest::new("charts/budget");
    let yaml = std::fs::read_to_string(t.root().join("site.yaml")).unwrap();
    let kinds =
        "kinds:\n  policy: {folder: policies, label: P}\n  project: {folder: projects, label: J}\n  scheme: {folder: programs, label: S}\n";
    t.write("site.yaml", &format!("{yaml}{kinds}"));
    t.build();
    let page = t.read("ja/programs/alpha/index.html");
    assert!(figures(&page).iter().any(|(id, _)| id == "chart-program-budget"), "{page}");
}

#[test]
fn charts_are_deterministic() {
    let again = SiteTest::new("charts/budget");
    again.build();
    for (page, _) in FIXTURE_PAGES {
        assert_eq!(again.read(page), fixture().read(page), "{page}");
    }
}

#[test]
fn shipped_data_lifecourse_chart_shows_fy2025_with_b_cure_part_of_drawn_apart() {
    let page = "ja/projects/p3-data-lifecourse/index.html";
    let fig = figure(&read_shipped(page), "chart-budget");
    let t = plain(&table(&fig));
    for figure in
        ["200億円", "18億円", "50億円", "44億円", "43億円の内数", "40億円", "10億円", "7.9億円", "3.2億円", "3億円", "11億円", "7.3億円"]
    {
        assert!(t.contains(figure), "{figure} missing from the table:\n{t}");
    }
    assert!(t.contains("令和7年度"));
    for program in ["B-cure", "革新的がん医療実用化研究", "難治性疾患実用化研究", "NCBN", "PHRデータ流通基盤構築"]
    {
        assert!(t.contains(program), "{program} missing from the table:\n{t}");
    }
    let svg = drawing(&fig);
    // The one 43億円の内数 figure: hatched, once, naming B-cure and its parts.
    let hatched: Vec<&str> = svg.lines().filter(|l| l.contains("bar-hatch")).collect();
    assert_eq!(hatched.len(), 1, "{svg}");
    assert!(hatched[0].contains("fill=\"url(#chart-budget-hatch-amed)\""));
    assert_eq!(svg.matches(">43億円の内数</text>").count(), 1);
    assert!(svg.contains("B-cure、"), "{svg}");
    // Nine programs' 40億円 and five programs' 10億円: one dotted bar each.
    assert_eq!(svg.matches("<rect class=\"bar bar-dots").count(), 3, "40, 10 and the in-house 7.3:\n{svg}");
    assert!(svg.contains(">9事業で共有</text>") && svg.contains(">5事業で共有</text>"));
    let en = figure(&read_shipped("en/projects/p3-data-lifecourse/index.html"), "chart-budget");
    assert!(drawing(&en).contains(">part of ¥4.3 billion</text>"));
    assert!(drawing(&en).contains(">FY2025</text>"));
}

#[test]
fn shipped_crosswalk_shows_the_succession_with_links_to_every_project() {
    let json: serde_json::Value = serde_json::from_str(&read_shipped("data/site.json")).unwrap();
    for lang in ["ja", "en"] {
        let fig = figure(&read_shipped(&format!("{lang}/crosswalk/index.html")), "chart-succession");
        let links = fig.split("<svg").nth(2).expect("a layer of links");
        for p in json["pages"].as_array().unwrap().iter().filter(|p| p["kind"] == "project") {
            let href = format!("<a href=\"../projects/{}/index.html\"", p["id"].as_str().unwrap());
            assert!(links.contains(&href), "{lang}: no box links to {}", p["id"]);
            assert!(shipped().join(format!("{lang}/projects/{}/index.html", p["id"].as_str().unwrap())).is_file());
        }
        let arrows = drawing(&fig).matches("class=\"dg-edge\"").count();
        let succeeds: usize = json["pages"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["kind"] == "project")
            .map(|p| p["succeeds"].as_array().map_or(0, |s| s.len()))
            .sum();
        assert_eq!(arrows, succeeds, "{lang}: one arrow per succeeds");
    }
}

#[test]
fn every_number_in_a_shipped_chart_is_in_its_table() {
    let mut seen = 0;
    for e in walkdir::WalkDir::new(shipped()).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_name() != "index.html" {
            continue;
        }
        let html = std::fs::read_to_string(e.path()).unwrap();
        let page = e.path().strip_prefix(shipped()).unwrap().to_string_lossy().to_string();
        for (id, fig) in figures(&html) {
            let checked = assert_numbers_in_table(&page, &id, &fig);
            assert!(checked > 0 || id == "chart-relations", "{page} #{id}: no numbers checked");
            seen += 1;
        }
    }
    assert!(seen > 20, "only {seen} charts on the shipped site");
}
