//! The accessibility statement (issue 27): a site with `accessibility:` in
//! site.yaml gets `/{lang}/accessibility/`, filled from the test report it
//! names, linked from every page's footer; a report that is missing, not
//! JSON, of another format, or outside the site root is an error at its
//! place.

use crate::common::SiteTest;
use crate::common::html::Doc;

const REPORT: &str = r#"{
  "format": "tebiki-accessibility-report",
  "version": 1,
  "date": "2026-12-01",
  "tool": "axe-core 4.14.1",
  "browser": "Chromium 156.0.0.0",
  "rules": ["wcag2a", "wcag2aa"],
  "pages": 12,
  "views": 24,
  "schemes": ["light", "dark"],
  "failures": []
}
"#;

fn site(report: Option<&str>, config: &str) -> SiteTest {
    let t = SiteTest::new("core/minimal");
    let yaml = std::fs::read_to_string(t.root().join("site.yaml")).unwrap();
    t.write("site.yaml", &format!("{yaml}{config}"));
    if let Some(r) = report {
        t.write("a11y/report.json", r);
    }
    t
}

#[test]
fn the_statement_is_filled_from_the_report_in_both_languages_and_linked_from_every_footer() {
    let t = site(Some(REPORT), "accessibility: {report: a11y/report.json, target: AA}\n");
    t.build();
    let ja = Doc::parse(&t.read("ja/accessibility/index.html"));
    let facts = ja.texts(".statement-facts dd").join(" | ");
    for want in ["レベルAA", "12ページ", "2026年12月1日", "axe-core 4.14.1", "Chromium 156.0.0.0", "wcag2a, wcag2aa"] {
        assert!(facts.contains(want), "`{want}` missing from: {facts}");
    }
    assert!(ja.text(".statement-result").contains("24回の表示"), "{}", ja.text(".statement-result"));
    let en = Doc::parse(&t.read("en/accessibility/index.html"));
    assert!(en.text(".statement-facts").contains("1 December 2026"), "{}", en.text(".statement-facts"));
    assert!(en.text(".statement-result").contains("12 pages, 24 page views"), "{}", en.text(".statement-result"));
    for page in ["ja/index.html", "en/programs/b-cure/index.html", "ja/glossary/index.html"] {
        let links = Doc::parse(&t.read(page)).attrs(".site-footer a", "href");
        assert!(links.iter().any(|h| h.ends_with("accessibility/index.html")), "{page}: {links:?}");
    }
    assert!(t.read("sitemap.xml").contains("/ja/accessibility/"), "the statement is in the sitemap");
}

#[test]
fn failures_of_the_run_are_listed() {
    let report = REPORT.replace(r#""failures": []"#, r#""failures": ["ja/index.html (dark): axe color-contrast (serious)"]"#);
    let t = site(Some(&report), "accessibility: {report: a11y/report.json}\n");
    t.build();
    let en = Doc::parse(&t.read("en/accessibility/index.html"));
    assert_eq!(en.text(".statement-result"), "The test of 12 pages found this problem.");
    assert_eq!(en.texts(".statement-failures li"), ["ja/index.html (dark): axe color-contrast (serious)"]);
    assert!(en.text(".statement-facts").contains("Level AA"), "AA is the default target");
}

#[test]
fn a_site_without_accessibility_has_no_statement_and_no_footer_link() {
    let t = site(None, "");
    t.build();
    assert!(!t.root().join("public/ja/accessibility").exists());
    assert!(!t.read("ja/index.html").contains("accessibility/"));
}

#[test]
fn a_bad_report_or_setting_is_an_error_at_its_place() {
    let cases: [(Option<&str>, &str, &str); 5] = [
        (None, "accessibility: {report: a11y/report.json}\n", "site.yaml:"),
        (
            Some("{\n  \"format\": \"tebiki-accessibility-report\",\n  oops\n}\n"),
            "accessibility: {report: a11y/report.json}\n",
            "a11y/report.json:3:",
        ),
        (
            Some(&REPORT.replace("tebiki-accessibility-report", "something-else")),
            "accessibility: {report: a11y/report.json}\n",
            "format is `something-else`",
        ),
        (Some(REPORT), "accessibility: {report: ../outside.json}\n", "not a path inside the site root"),
        (Some(REPORT), "accessibility: {report: a11y/report.json, target: AAAA}\n", "unknown conformance target `AAAA`"),
    ];
    for (report, config, want) in cases {
        let t = site(report, config);
        let r = t.run(&["build"]);
        assert_eq!(r.code, 1, "{config}: {}", r.stderr);
        assert!(r.stderr.contains(want), "{config}: `{want}` not in:\n{}", r.stderr);
    }
}
