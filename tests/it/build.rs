//! `tebiki build`: URLs, languages, determinism, errors, escaping, --out.

use crate::common::html::Doc;
use crate::common::{SiteTest, tree};

#[test]
fn writes_every_page_in_both_languages_with_lang_attributes() {
    let t = SiteTest::new("core/minimal");
    t.build();
    let mut pages = 0;
    for (path, bytes) in &t.tree() {
        let Some(lang) = ["ja", "en"].into_iter().find(|l| path.starts_with(&format!("{l}/")) && path.ends_with(".html")) else {
            continue;
        };
        let doc = Doc::parse(&String::from_utf8_lossy(bytes));
        assert_eq!(doc.attr("html", "lang"), lang, "{path}");
        pages += 1;
    }
    for path in ["ja/projects/p3-data/index.html", "en/projects/p3-data/index.html", "ja/programs/index.html", "en/glossary/index.html"] {
        assert!(t.root().join("public").join(path).exists(), "{path}");
    }
    assert!(pages >= 6, "{pages} pages");
    assert!(t.root().join("public/index.html").exists());
    assert!(t.root().join("public/404.html").exists());
}

#[test]
fn translated_pages_have_alternates_and_a_switcher_to_the_counterpart() {
    let t = SiteTest::new("core/minimal");
    t.build();
    let ja = Doc::parse(&t.read("ja/projects/p3-data/index.html"));
    let alternates: Vec<(String, String)> = ja
        .all("link[rel=alternate][hreflang]")
        .into_iter()
        .map(|l| (l.value().attr("hreflang").unwrap_or_default().to_string(), l.value().attr("href").unwrap_or_default().to_string()))
        .collect();
    let expected = [
        ("ja", "https://example.org/ja/projects/p3-data/"),
        ("en", "https://example.org/en/projects/p3-data/"),
        ("x-default", "https://example.org/ja/projects/p3-data/"),
    ];
    assert_eq!(alternates, expected.map(|(l, h)| (l.to_string(), h.to_string())));
    assert_eq!(ja.attr("link[rel=canonical]", "href"), "https://example.org/ja/projects/p3-data/");
    assert_eq!(ja.attr("a.lang-switch", "href"), "../../../en/projects/p3-data/index.html");
    let en = Doc::parse(&t.read("en/projects/p3-data/index.html"));
    assert_eq!(en.attr("a.lang-switch", "href"), "../../../ja/projects/p3-data/index.html");
    assert_eq!(en.attr("meta[property='og:title']", "content"), "Data Utilization and Life Course Project");
}

#[test]
fn a_japanese_only_page_is_marked_in_the_english_list() {
    let t = SiteTest::new("core/minimal");
    t.build();
    assert!(!t.root().join("public/en/policies/ja-only").exists());
    let list = Doc::parse(&t.read("en/policies/index.html"));
    let link = list.one("main a[href='../../ja/policies/ja-only/index.html']");
    assert_eq!(link.value().attr("hreflang"), Some("ja"));
    assert!(list.text("main").contains("Japanese only"));
    let page = Doc::parse(&t.read("ja/policies/ja-only/index.html"));
    assert!(!page.has("[hreflang=en]"), "no link to an English page that does not exist");
}

#[test]
fn links_are_relative_and_name_index_html() {
    let t = SiteTest::new("core/minimal");
    t.build();
    let home = Doc::parse(&t.read("ja/index.html"));
    assert!(home.attrs("link[rel=stylesheet]", "href").contains(&"../tebiki.css".to_string()));
    assert!(home.has("main a[href='projects/p3-data/index.html']"));
    for (path, bytes) in t.tree() {
        if path.ends_with(".html") && path != "404.html" {
            let doc = Doc::parse(&String::from_utf8_lossy(&bytes));
            let urls = doc.attrs("[href]", "href").into_iter().chain(doc.attrs("[src]", "src"));
            for url in urls {
                assert!(!url.starts_with('/'), "{path} has a root-relative link: {url}");
            }
        }
    }
}

#[test]
fn localises_budgets_and_renders_markdown_extensions() {
    let t = SiteTest::new("core/minimal");
    t.build();
    let ja = Doc::parse(&t.read("ja/projects/p3-data/index.html"));
    let main = ja.text("main");
    assert!(main.contains("令和7年度") && main.contains("200億円"), "{main}");
    assert_eq!(ja.texts(".body strong"), vec!["「ゲノム」"], "CJK emphasis");
    assert!(ja.has(".body pre [class^=hl-]"), "highlighted code");
    let en = Doc::parse(&t.read("en/projects/p3-data/index.html")).text("main");
    assert!(en.contains("FY2025") && en.contains("¥20 billion") && en.contains("¥1.8 billion"), "{en}");
    let prog = Doc::parse(&t.read("ja/programs/b-cure/index.html"));
    let main = prog.text("main");
    assert!(main.contains("43億円の内数"));
    assert!(main.contains("6.0億円"), "decimals as written");
    assert!(main.contains("平成31年度"));
    for element in [".body table", ".body del", ".body input[type=checkbox]", ".body .footnote-definition"] {
        assert!(prog.has(element), "{element}");
    }
    assert!(Doc::parse(&t.read("en/programs/b-cure/index.html")).text("main").contains("part of ¥4.3 billion"));
}

#[test]
fn two_builds_are_byte_identical_also_with_one_thread() {
    let a = SiteTest::new("core/minimal");
    a.build();
    let first = a.tree();
    a.build();
    assert_eq!(first, a.tree());
    let b = SiteTest::new("core/minimal");
    let r = b.run_env(&["build"], &[("RAYON_NUM_THREADS", "1")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(first, b.tree());
}

#[test]
fn reports_a_yaml_error_with_file_and_line_and_keeps_the_previous_output() {
    let t = SiteTest::new("errors/yaml-line4");
    let bad = std::fs::read_to_string(t.root().join("content/policies/bad.ja.md")).unwrap();
    std::fs::remove_file(t.root().join("content/policies/bad.ja.md")).unwrap();
    t.write("content/policies/good.ja.md", "---\nid: good\ntitle: 良い\n---\n本文\n");
    t.build();
    let before = t.tree();
    t.write("content/policies/bad.ja.md", &bad);
    let r = t.run(&["build"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("content/policies/bad.ja.md:4"), "{}", r.stderr);
    assert_eq!(before, t.tree(), "previous output changed");
    let stray: Vec<_> = std::fs::read_dir(t.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("tebiki-"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

#[test]
fn reports_all_three_broken_pages_in_one_run() {
    let t = SiteTest::new("errors/three-broken");
    let r = t.run(&["build"]);
    assert_eq!(r.code, 1);
    for needle in ["one.ja.md:4", "two.ja.md:3", "three.ja.md:5"] {
        assert!(r.stderr.contains(needle), "missing {needle} in:\n{}", r.stderr);
    }
    assert!(r.stderr.contains("unknown period `9`"));
    assert!(r.stderr.contains("did you mean `title`?"));
    assert!(r.stderr.contains("3 errors"), "{}", r.stderr);
    assert!(!t.root().join("public").exists());
}

#[test]
fn escapes_a_hostile_title_everywhere() {
    let t = SiteTest::new("escape/hostile-title");
    t.build();
    for (path, bytes) in t.tree() {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("<script>alert(1)"), "{path} has an unescaped title");
        assert!(!text.contains("<img src=x"), "{path} has an unescaped summary");
    }
    let page = t.read("ja/policies/x/index.html");
    assert!(
        page.contains("<title>&lt;script&gt;alert(1)&lt;&#x2F;script&gt;") || page.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
    let json: serde_json::Value = serde_json::from_str(&t.read("data/site.json")).unwrap();
    assert_eq!(json["pages"][0]["title"]["ja"], "<script>alert(1)</script>");
}

#[test]
fn site_json_names_a_budget_lines_project_by_its_id() {
    let t = SiteTest::new("core/minimal");
    t.build();
    let json: serde_json::Value = serde_json::from_str(&t.read("data/site.json")).unwrap();
    let pages = json["pages"].as_array().unwrap();
    let b_cure = pages.iter().find(|p| p["id"] == "b-cure").expect("b-cure in site.json");
    assert_eq!(b_cure["budget"][0]["project"], "p3-data", "{}", b_cure["budget"]);
}

#[test]
fn refuses_output_folders_that_would_damage_the_site() {
    let t = SiteTest::new("core/minimal");
    let before = tree(t.root());
    for out in ["..", "content", ".", "/tmp"] {
        let r = t.run(&["build", "--out", out]);
        assert_ne!(r.code, 0, "--out {out} accepted");
        assert!(r.stderr.contains("output folder"), "{}", r.stderr);
    }
    assert_eq!(before, tree(t.root()), "something was written");
}

#[test]
fn builds_under_a_sub_path_base_url() {
    let t = SiteTest::new("core/minimal");
    let r = t.run(&["build", "--base-url", "https://example.go.jp/hms/"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = t.read("en/projects/p3-data/index.html");
    assert!(page.contains(r#"<link rel="canonical" href="https://example.go.jp/hms/en/projects/p3-data/">"#));
    assert!(t.read("404.html").contains(r#"href="/hms/tebiki.css""#));
}

#[test]
fn the_404_page_speaks_every_language_and_links_each_home() {
    let t = SiteTest::new("core/minimal");
    let r = t.run(&["build", "--base-url", "https://example.go.jp/hms/"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = t.read("404.html");
    assert!(page.contains(r#"<a class="button" href="/hms/ja/index.html">"#), "{page}");
    assert!(page.contains(r#"<section class="not-found-other" lang="en">"#), "{page}");
    assert!(page.contains(r#"<a class="button" href="/hms/en/index.html" hreflang="en">"#), "{page}");
}
