//! Handouts and print support, without a browser: the handout document,
//! its links (check 4 of the print issue), the print stylesheet on every
//! page, and `build --pdf` without Chromium (check 5). The PDF checks that
//! need Chromium and poppler are in `tests/pdf.rs`.

use std::collections::BTreeSet;

use crate::common::SiteTest;

const HANDOUT_JA: &str = "ja/handouts/briefing/index.html";
const HANDOUT_EN: &str = "en/handouts/briefing/index.html";

/// Values of attribute `name` in `html`, in order (`href="…"`).
fn attrs(html: &str, name: &str) -> Vec<String> {
    let pat = format!(" {name}=\"");
    html.match_indices(&pat)
        .filter_map(|(at, _)| {
            let rest = &html[at + pat.len()..];
            rest.find('"').map(|end| rest[..end].to_string())
        })
        .collect()
}

/// The part of `html` inside `<main>`.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a <main>");
    let end = html.find("</main>").expect("a </main>");
    &html[start..end]
}

#[test]
fn a_link_to_an_included_page_is_an_anchor_and_to_another_page_its_absolute_url() {
    let t = SiteTest::new("print/handout");
    t.build();
    let ja = t.read(HANDOUT_JA);
    let main = main_of(&ja);
    // [[b-cure]] in the handout's text, [[p3-data#目的]] in b-cure's body: both included.
    assert!(main.contains(r##"<a href="#p-b-cure">ゲノム医療実現バイオバンク利活用プログラム</a>"##), "{main}");
    assert!(main.contains(r##"<a href="#p-p3-data--目的">"##), "{main}");
    // [[hms-3]]: not included.
    assert!(main.contains(r#"<a data-ref="1" href="https://example.org/ja/policies/hms-3/">健康・医療戦略（第3期）</a>"#), "{main}");
    let en = main_of(&t.read(HANDOUT_EN)).to_string();
    assert!(en.contains(r##"<a href="#p-p3-data--aims">"##), "{en}");
    assert!(en.contains(r#"href="https://example.org/en/policies/hms-3/">"#), "{en}");
}

#[test]
fn every_in_document_link_has_its_target_and_every_id_is_unique() {
    let t = SiteTest::new("print/handout");
    t.build();
    for path in [HANDOUT_JA, HANDOUT_EN] {
        let html = t.read(path);
        let ids = attrs(&html, "id");
        let unique: BTreeSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{path}: duplicate ids in {ids:?}");
        for href in attrs(main_of(&html), "href") {
            if let Some(anchor) = href.strip_prefix('#') {
                assert!(unique.contains(&anchor.to_string()), "{path}: #{anchor} has no target");
            } else {
                assert!(href.starts_with("https://"), "{path}: a link in a handout is relative: {href}");
            }
        }
    }
}

#[test]
fn a_handout_has_a_cover_with_qr_code_contents_sections_and_appendices() {
    let t = SiteTest::new("print/handout");
    t.build();
    // Headings mark phrase breaks with <wbr>; the order is read without them.
    let html = t.read(HANDOUT_JA).replace("<wbr>", "");
    let main = main_of(&html);
    let order = [
        "<h1>ブリーフィング資料：データ活用</h1>",
        "<p class=\"subtitle\">統合プロジェクトとその事業</p>",
        "<time datetime=\"2025-05-16\">2025年5月16日</time>",
        "<svg class=\"qr-code\" role=\"img\"",
        "<a class=\"url\" href=\"https://example.org/ja/handouts/briefing/\">",
        "<h2 id=\"handout-contents\">目次</h2>",
        "<h2 id=\"handout-intro\">はじめに</h2>",
        "<h3 id=\"この資料について\">",
        "<h2 id=\"p-p3-data\"><span class=\"section-number\">1</span>",
        "<h3 id=\"p-p3-data--目的\">目的</h3>",
        "<h2 id=\"p-b-cure\"><span class=\"section-number\">2</span>",
        "<h2 id=\"p-ja-only\"><span class=\"section-number\">3</span>",
        "<h2 id=\"handout-terms\">付録：この資料の用語</h2>",
        "<h2 id=\"handout-sources\">付録：出典</h2>",
    ];
    let mut from = 0;
    for part in order {
        let at = main[from..].find(part).unwrap_or_else(|| panic!("missing or out of order: {part}\n{main}"));
        from += at + part.len();
    }
    assert!(!main.contains("<h1 ") && main.matches("<h1>").count() == 1, "one h1, the handout's title");
    // The contents list every section by number.
    assert!(main.contains(
        r##"<a href="#p-ja-only"><span class="section-number">3</span> <span class="entry-title" lang="ja">日本語だけの政策</span></a>"##
    ));
}

#[test]
fn the_appendix_lists_exactly_the_terms_used_in_the_handout() {
    let t = SiteTest::new("print/handout");
    t.build();
    let html = t.read(HANDOUT_EN);
    let terms: Vec<String> = attrs(&html, "id").into_iter().filter_map(|id| id.strip_prefix("g-").map(str::to_string)).collect();
    // AMED (handout text), PD (b-cure), RWD (p3-data); DCT is in the glossary, not in the handout.
    assert_eq!(terms, ["amed", "pd", "rwd"]);
    assert!(html.contains(r#"<dt>RWD</dt><dd><span class="expansion">real-world data</span> Data obtained in everyday care.</dd>"#));
}

#[test]
fn a_page_shown_in_another_language_is_marked() {
    let t = SiteTest::new("print/handout");
    t.build();
    let en = t.read(HANDOUT_EN).replace("<wbr>", "");
    assert!(en.contains(r#"<span lang="ja">日本語だけの政策</span>"#), "{en}");
    assert!(en.contains(r#"<span class="lang-note">Japanese only</span>"#));
    assert!(en.contains(r#"<div class="body" lang="ja">"#));
}

#[test]
fn sources_of_the_handout_and_its_pages_are_listed_once() {
    let t = SiteTest::new("print/handout");
    t.build();
    let html = t.read(HANDOUT_JA);
    let sources = &html[html.find("id=\"handout-sources\"").unwrap()..];
    assert_eq!(sources.matches("健康・医療戦略（第3期）概要").count(), 1, "{sources}");
    assert!(sources.contains(r#"<a href="https://example.com/b-cure.pdf">B-cure 事業概要</a>"#));
}

#[test]
fn absolute_urls_follow_the_base_url_with_its_sub_path() {
    let t = SiteTest::new("print/handout");
    let r = t.run(&["build", "--base-url", "https://example.go.jp/hms"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let html = t.read(HANDOUT_JA);
    assert!(html.contains(r#"href="https://example.go.jp/hms/ja/policies/hms-3/""#));
    assert!(html.contains(r#"<a class="url" href="https://example.go.jp/hms/ja/handouts/briefing/">"#));
}

#[test]
fn a_handout_has_a_print_button_and_no_pdf_link_without_pdf() {
    let t = SiteTest::new("print/handout");
    t.build();
    let html = t.read(HANDOUT_JA);
    assert!(html.contains(r#"<button type="button" class="button print-button" data-tebiki-print hidden>印刷する</button>"#));
    assert!(!html.contains("briefing.pdf") && !html.contains("pdf-link"), "no PDF was built");
    assert!(html.contains(r#"<link rel="stylesheet" href="../../../tebiki-handout.css">"#));
}

#[test]
fn every_page_links_the_print_stylesheet_and_script_and_has_no_inline_code() {
    let t = SiteTest::new("print/handout");
    t.build();
    for (path, bytes) in t.tree() {
        if !path.ends_with("index.html") || path == "index.html" {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        if html.contains("http-equiv=\"refresh\"") {
            continue;
        }
        assert!(html.contains("tebiki-print.css\" media=\"print\">"), "{path}");
        assert!(html.contains("tebiki-print.js\" defer data-printed="), "{path}");
        assert!(!html.contains("<script>") && !html.contains("<style") && !html.contains(" style=\""), "{path}");
    }
    let css = t.read("tebiki-print.css");
    assert!(css.contains("size: A4"));
    assert!(css.contains("counter(page)"));
    assert!(t.read("tebiki-print.js").contains("window.print()"));
}

#[test]
fn build_pdf_without_chromium_fails_with_an_install_hint_and_build_still_works() {
    let t = SiteTest::new("print/handout");
    let empty = tempfile::tempdir().unwrap();
    let path = empty.path().to_str().unwrap();
    let r = t.run_env(&["build", "--pdf"], &[("PATH", path), ("TEBIKI_CHROMIUM", "")]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("none was found"), "{}", r.stderr);
    assert!(r.stderr.contains("chromium on PATH"), "{}", r.stderr);
    assert!(r.stderr.contains("apt-get install chromium"), "{}", r.stderr);
    assert!(r.stderr.contains("TEBIKI_CHROMIUM"), "{}", r.stderr);
    assert!(!t.root().join("public").exists(), "nothing is written");
    let r = t.run_env(&["build"], &[("PATH", path), ("TEBIKI_CHROMIUM", "")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(t.root().join("public").join(HANDOUT_JA).exists());
}

#[test]
fn a_chromium_named_by_the_environment_that_is_missing_is_reported() {
    let t = SiteTest::new("print/handout");
    let r = t.run_env(&["build", "--pdf"], &[("TEBIKI_CHROMIUM", "/nonexistent/chromium")]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("TEBIKI_CHROMIUM names `/nonexistent/chromium`"), "{}", r.stderr);
}

#[test]
fn a_theme_without_a_handout_template_shows_handouts_as_pages() {
    let t = SiteTest::new("print/handout");
    let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    for e in walkdir::WalkDir::new(&theme).into_iter().map(Result::unwrap).filter(|e| e.file_type().is_file()) {
        let rel = e.path().strip_prefix(&theme).unwrap().to_string_lossy().replace('\\', "/");
        if rel != "templates/handout.html" {
            t.write(&format!("themes/old/{rel}"), &std::fs::read_to_string(e.path()).unwrap());
        }
    }
    let config = std::fs::read_to_string(t.root().join("site.yaml")).unwrap();
    t.write("site.yaml", &format!("{config}theme: old\n"));
    t.build();
    let html = t.read(HANDOUT_JA);
    assert!(html.contains("<article class=\"page\""), "{html}");
    assert!(!html.contains("handout-cover"));
}

#[test]
fn handouts_are_byte_identical_between_builds() {
    let t = SiteTest::new("print/handout");
    t.build();
    let first = t.tree();
    t.build();
    assert_eq!(first, t.tree());
    assert!(first.contains_key(HANDOUT_JA) && first.contains_key(HANDOUT_EN));
}

/// site.yaml of the print fixture with its kinds renamed: the handouts'
/// kind is `brief` (with `brief_role`), the projects' `scheme` (funded).
fn renamed_kinds(t: &SiteTest, brief_role: &str) {
    let yaml = std::fs::read_to_string(t.root().join("site.yaml")).unwrap();
    let kinds = format!(
        "kinds:\n  policy: {{folder: policies, label: {{ja: 政策, en: Policies}}}}\n  scheme: {{folder: projects, label: {{ja: 統合プロジェクト, en: Integrated projects}}, role: funded}}\n  program: {{folder: programs, label: {{ja: 事業, en: Programs}}}}\n  brief: {{folder: handouts, label: {{ja: 配布資料, en: Handouts}}{brief_role}}}\n"
    );
    t.write("site.yaml", &format!("{yaml}{kinds}"));
}

#[test]
fn a_kind_is_a_handout_or_funded_by_its_role_not_its_name() {
    let t = SiteTest::new("print/handout");
    renamed_kinds(&t, ", role: handout");
    t.build();
    assert!(t.read(HANDOUT_JA).contains("class=\"cover-kind\""), "the handout is rendered with handout.html");
    // A funded kind's page shows its number circled (p3-data has number 5).
    assert!(main_of(&t.read("ja/projects/p3-data/index.html")).contains('⑤'));
    let without = SiteTest::new("print/handout");
    renamed_kinds(&without, "");
    let r = without.run(&["build"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("`pages` is only for handouts"), "{}", r.stderr);
}
