//! The author's raw HTML: what would hide the rest of the page is a warning
//! at its position, images from other hosts are errors unless the site
//! allows them, and scripts, inline styles, resources from other hosts and
//! landmarks are errors unless the site opts out (SPEC §6). Fixtures under
//! `tests/fixtures/raw-html/` and `tests/fixtures/realdocs/`.

use crate::common::{Run, SiteTest, copy_dir, fixture};

/// `(severity, file:line:col, message, help)` of every diagnostic of `check --format json`.
fn diagnostics(run: &Run) -> Vec<(String, String, String, String)> {
    let diags: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    diags
        .iter()
        .map(|d| {
            let text = |key: &str| d[key].as_str().unwrap_or_default().to_string();
            (text("severity"), format!("{}:{}:{}", text("file"), d["line"], d["column"]), text("message"), text("help"))
        })
        .collect()
}

#[test]
fn an_unclosed_comment_is_a_warning_at_its_position() {
    let t = SiteTest::new("raw-html/unclosed-comment");
    let check = t.run(&["check", "--format", "json"]);
    assert_eq!(check.code, 0, "a warning only:\n{}", check.stderr);
    let found = diagnostics(&check);
    let comment: Vec<_> = found.iter().filter(|d| d.2.contains("<!--")).collect();
    assert_eq!(comment.len(), 1, "{found:?}");
    let (severity, at, message, help) = comment[0];
    assert_eq!((severity.as_str(), at.as_str()), ("warning", "content/policies/a.ja.md:9:1"));
    assert!(message.contains("never closed") && message.contains("hidden"), "{message}");
    assert_eq!(help, "close the comment with `-->`");

    let build = t.run(&["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(build.stderr.contains("content/policies/a.ja.md:9:1"), "{}", build.stderr);
}

#[test]
fn a_remote_image_is_an_error_at_its_position() {
    let t = SiteTest::new("raw-html/remote-image");
    let check = t.run(&["check", "--format", "json"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    let errors: Vec<_> = diagnostics(&check).into_iter().filter(|d| d.0 == "error").map(|d| (d.1, d.2)).collect();
    let file = "content/policies/a.ja.md";
    assert_eq!(
        errors,
        [
            (format!("{file}:5:4"), "image `https://example.com/map.png` is loaded from outside the site".to_string()),
            (format!("{file}:7:9"), "image `//cdn.example.com/chart.png` is loaded from outside the site".to_string()),
        ]
    );
    assert_eq!(t.run(&["build"]).code, 1);
}

#[test]
fn remote_images_build_when_the_site_allows_them() {
    let t = SiteTest::new("raw-html/remote-image");
    let yaml = std::fs::read_to_string(t.root().join("site.yaml")).unwrap();
    t.write("site.yaml", &format!("{yaml}markdown:\n  remote_images: true\n"));
    t.build();
    assert!(t.read("ja/policies/a/index.html").contains("src=\"https://example.com/map.png\""));
}

/// The docs section with a page of raw HTML that breaks the site's promises.
fn with_raw_html_page() -> SiteTest {
    let t = SiteTest::new("realdocs/site");
    copy_dir(&fixture("realdocs/broken"), t.root());
    std::fs::remove_file(t.root().join("content/guides/broken.ja.md")).unwrap();
    t
}

#[test]
fn raw_html_that_breaks_the_sites_promises_is_an_error_at_its_position() {
    let t = with_raw_html_page();
    let check = t.run(&["check", "--format", "json"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    let file = "content/guides/raw-html.ja.md";
    let errors: Vec<(String, String)> =
        diagnostics(&check).into_iter().filter(|d| d.0 == "error").map(|d| (d.1.replace(&format!("{file}:"), ""), d.2)).collect();
    let expected = [
        ("7:1", "`<script>` in the page"),
        ("7:9", "`<script>` loads `https://cdn.example.com/widget.js` from another host"),
        ("9:6", "inline event handler `onclick`"),
        ("9:43", "`style` attribute"),
        ("11:9", "`<iframe>` loads `https://www.example.com/embed/x` from another host"),
        ("13:1", "a processing instruction"),
        ("15:1", "`<main>` inside the page's content"),
        ("17:1", "`<style>` in the page"),
    ];
    assert_eq!(errors.len(), expected.len(), "{errors:#?}");
    for ((at, message), (want_at, want)) in errors.iter().zip(expected) {
        assert_eq!(at, want_at, "{message}");
        assert!(message.starts_with(want), "{at}: {message}");
    }
    assert_eq!(t.run(&["build"]).code, 1);
}

#[test]
fn raw_html_as_written_with_raw_html_allow_and_sanitised_with_safe_html() {
    let t = with_raw_html_page();
    let yaml = std::fs::read_to_string(t.root().join("site.yaml")).unwrap();
    t.write("site.yaml", &format!("{yaml}markdown: {{raw_html: allow}}\n"));
    t.build();
    assert!(t.read("ja/guides/raw-html/index.html").contains(r#"<div onclick="track()">"#));
    t.write("site.yaml", &format!("{yaml}markdown: {{safe_html: true}}\n"));
    t.build();
    let page = t.read("ja/guides/raw-html/index.html");
    assert!(!page.contains("onclick") && !page.contains("cdn.example.com"), "{page}");
}
