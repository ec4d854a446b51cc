//! `tebiki build`: URLs, languages, determinism, errors, escaping, --out.

use crate::common::{SiteTest, tree};

#[test]
fn writes_every_page_in_both_languages_with_lang_attributes() {
    let t = SiteTest::new("core/minimal");
    t.build();
    for (path, lang) in [
        ("ja/projects/p3-data/index.html", "ja"),
        ("en/projects/p3-data/index.html", "en"),
        ("ja/index.html", "ja"),
        ("en/index.html", "en"),
        ("ja/programs/index.html", "ja"),
        ("en/glossary/index.html", "en"),
    ] {
        assert!(t.read(path).contains(&format!("<html lang=\"{lang}\"")), "{path}");
    }
    let all = t.tree();
    for (path, bytes) in &all {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        if let Some(lang) = ["ja", "en"].iter().find(|l| path.starts_with(&format!("{l}/"))) {
            assert!(html.contains(&format!("<html lang=\"{lang}\"")), "{path} lacks lang={lang}");
        }
    }
    assert!(t.root().join("public/index.html").exists());
    assert!(t.root().join("public/404.html").exists());
}

#[test]
fn translated_pages_have_alternates_and_a_switcher_to_the_counterpart() {
    let t = SiteTest::new("core/minimal");
    t.build();
    let ja = t.read("ja/projects/p3-data/index.html");
    assert!(ja.contains(r#"<link rel="alternate" hreflang="ja" href="https://example.org/ja/projects/p3-data/">"#));
    assert!(ja.contains(r#"<link rel="alternate" hreflang="en" href="https://example.org/en/projects/p3-data/">"#));
    assert!(ja.contains(r#"<link rel="alternate" hreflang="x-default" href="https://example.org/ja/projects/p3-data/">"#));
    assert!(ja.contains(r#"<link rel="canonical" href="https://example.org/ja/projects/p3-data/">"#));
    assert!(ja.contains(r#"class="lang-switch" href="../../../en/projects/p3-data/index.html""#), "switcher: {ja}");
    let en = t.read("en/projects/p3-data/index.html");
    assert!(en.contains(r#"class="lang-switch" href="../../../ja/projects/p3-data/index.html""#));
    assert!(en.contains(r#"<meta property="og:title" content="Data Utilization and Life Course Project">"#));
}

#[test]
fn a_japanese_only_page_is_marked_in_the_english_list() {
    let t = SiteTest::new("core/minimal");
    t.build();
    assert!(!t.root().join("public/en/policies/ja-only").exists());
    let list = t.read("en/policies/index.html");
    assert!(list.contains(r#"href="../../ja/policies/ja-only/index.html" hreflang="ja""#), "{list}");
    assert!(list.contains("Japanese only"));
    let page = t.read("ja/policies/ja-only/index.html");
    assert!(!page.contains("hreflang=\"en\""));
}

#[test]
fn links_are_relative_and_name_index_html() {
    let t = SiteTest::new("core/minimal");
    t.build();
    let home = t.read("ja/index.html");
    assert!(home.contains(r#"href="../tebiki.css""#));
    assert!(home.contains(r#"href="projects/p3-data/index.html""#), "{home}");
    for (path, bytes) in t.tree() {
        if path.ends_with(".html") && path != "404.html" {
            let html = String::from_utf8_lossy(&bytes);
            for attr in ["href=\"/", "src=\"/"] {
                assert!(!html.contains(attr), "{path} has a root-relative link");
            }
        }
    }
}

#[test]
fn localises_budgets_and_renders_markdown_extensions() {
    let t = SiteTest::new("core/minimal");
    t.build();
    let ja = t.read("ja/projects/p3-data/index.html");
    assert!(ja.contains("令和7年度"));
    assert!(ja.contains("200億円"));
    assert!(ja.contains("<strong>「ゲノム」</strong>の推進"), "CJK emphasis");
    assert!(ja.contains("hl-"), "highlighted code");
    let en = t.read("en/projects/p3-data/index.html");
    assert!(en.contains("FY2025") && en.contains("¥20 billion") && en.contains("¥1.8 billion"));
    let prog = t.read("ja/programs/b-cure/index.html");
    assert!(prog.contains("43億円の内数"));
    assert!(prog.contains("6.0億円"), "decimals as written");
    assert!(prog.contains("平成31年度"));
    assert!(prog.contains("<table>") && prog.contains("<del>") && prog.contains("type=\"checkbox\"") && prog.contains("footnote"));
    let en_prog = t.read("en/programs/b-cure/index.html");
    assert!(en_prog.contains("part of ¥4.3 billion"));
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
