//! Translation quality in `tebiki check`: terminology, spelling and parity.
//!
//! `tests/fixtures/translation-qa/clean` is a page pair that passes every
//! check; each other folder there holds one translation file that replaces
//! the clean one and breaks exactly one thing.

use crate::common::{SiteTest, copy_dir, fixture};

/// One warning of `check --format json`: code, file, line, column, message.
type Found = (String, String, u64, u64, String);

/// The clean site with the files of `case` over it, checked with `--strict`.
fn check(case: Option<&str>) -> (i32, Vec<Found>) {
    let t = SiteTest::new("translation-qa/clean");
    if let Some(case) = case {
        copy_dir(&fixture(&format!("translation-qa/{case}")), t.root());
    }
    let r = t.run(&["check", "--strict", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout));
    let found = json
        .as_array()
        .expect("a list")
        .iter()
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap_or_default().to_string();
            (s("code"), s("file"), d["line"].as_u64().unwrap_or(0), d["column"].as_u64().unwrap_or(0), s("message"))
        })
        .collect();
    (r.code, found)
}

/// Asserts that `case` fails with one warning of `code` at the translation's
/// `line:column`, whose message names the source's position `source` (when
/// given) and says `says`.
fn assert_one(case: &str, code: &str, (line, column): (u64, u64), source: Option<&str>, says: &str) {
    let (exit, found) = check(Some(case));
    assert_eq!(exit, 1, "{case}: --strict fails on the warning");
    assert_eq!(found.len(), 1, "{case}: exactly one warning: {found:#?}");
    let (c, file, l, col, message) = &found[0];
    assert_eq!((c.as_str(), file.as_str(), *l, *col), (code, "content/policies/plan.en.md", line, column), "{case}: {message}");
    if let Some(source) = source {
        assert!(message.contains(source), "{case}: the source's position {source} in: {message}");
    }
    assert!(message.contains(says), "{case}: {says:?} in: {message}");
}

#[test]
fn the_clean_twin_passes_every_translation_check() {
    assert_eq!(check(None), (0, Vec::new()));
}

#[test]
fn reports_an_avoided_rendering_of_a_glossary_term_at_both_positions() {
    assert_one(
        "avoided-rendering",
        "term-missing",
        (9, 19),
        Some("content/policies/plan.ja.md:9"),
        "no approved rendering here: “personalised medicine”; “individualised medicine” here is a rendering the glossary avoids",
    );
}

#[test]
fn reports_a_missing_amount_in_its_localised_form_at_both_positions() {
    assert_one("missing-number", "parity-number", (9, 1), Some("“0.8億円” (content/policies/plan.ja.md:9)"), "expected “¥80 million”");
}

#[test]
fn reports_a_missing_list_item_at_both_positions() {
    assert_one("missing-list-item", "parity-structure", (13, 1), Some("content/policies/plan.ja.md:13"), "2 items here, 3 items there");
}

#[test]
fn reports_an_extra_heading_at_both_positions() {
    assert_one(
        "extra-heading",
        "parity-structure",
        (17, 1),
        Some("content/policies/plan.ja.md:11"),
        "heading on this line has no counterpart in the source",
    );
}

#[test]
fn reports_american_spelling_on_a_british_site_but_not_in_official_names() {
    // The clean twin writes "Centers for Disease Control and Prevention", a glossary name, and passes.
    assert_one("american-spelling", "spelling-variant", (17, 160), None, "“organization” is not British spelling: write “organisation”");
}

#[test]
fn qa_ignore_in_the_front_matter_turns_a_check_off_for_that_page() {
    let t = SiteTest::new("translation-qa/clean");
    copy_dir(&fixture("translation-qa/missing-number"), t.root());
    let path = "content/policies/plan.en.md";
    let text = std::fs::read_to_string(t.root().join(path)).unwrap().replacen("---\n", "---\nqa_ignore: [numbers]\n", 1);
    t.write(path, &text);
    let r = t.run(&["check", "--strict"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn a_stale_translation_shows_only_the_changed_blocks_in_check_and_in_the_notice() {
    let t = SiteTest::new("translation-qa/clean");
    assert_eq!(t.run(&["stamp", "plan"]).code, 0);
    let en = std::fs::read_to_string(t.root().join("content/policies/plan.en.md")).unwrap();
    assert!(en.contains("\nsource_blocks: "), "stamp records the source's blocks: {en}");
    let ja_path = "content/policies/plan.ja.md";
    let ja = std::fs::read_to_string(t.root().join(ja_path)).unwrap();
    t.write(ja_path, &ja.replace("達成率は50%である。", "達成率は50%であった。"));

    let r = t.run(&["check"]);
    let stale: Vec<&str> = r.stderr.lines().filter(|l| l.contains("translation is stale")).collect();
    assert_eq!(stale.len(), 1, "{}", r.stderr);
    assert!(stale[0].ends_with("has changed since it was stamped: changed at line 17"), "{}", stale[0]);

    t.build();
    let page = t.read("en/policies/plan/index.html");
    let changes = page.split(r#"<div class="stale-changes">"#).nth(1).and_then(|c| c.split("</div>").next());
    let changes = changes.unwrap_or_else(|| panic!("no list of changes: {page}"));
    assert_eq!(changes.matches("<li>").count(), 1, "{changes}");
    assert!(changes.contains("Changed: <a href=\"../../../ja/policies/plan/index.html#"), "{changes}");
    assert!(changes.contains(r#"lang="ja">採択は3件、達成率は50%であった。"#), "{changes}");
}

/// The clean site with one finding (a missing figure) and one stale translation.
fn site_for_the_dashboard() -> SiteTest {
    let t = SiteTest::new("translation-qa/clean");
    assert_eq!(t.run(&["stamp", "plan"]).code, 0);
    let en = std::fs::read_to_string(t.root().join("content/policies/plan.en.md")).unwrap();
    t.write("content/policies/plan.en.md", &en.replace("¥80 million", "¥90 million"));
    let ja = std::fs::read_to_string(t.root().join("content/policies/plan.ja.md")).unwrap();
    t.write("content/policies/plan.ja.md", &ja.replace("達成率は50%である。", "達成率は50%であった。"));
    t
}

#[test]
fn check_writes_the_translation_dashboard_to_a_file_outside_the_site() {
    let t = site_for_the_dashboard();
    let elsewhere = tempfile::tempdir().unwrap();
    let file = elsewhere.path().join("translations.html");
    let r = t.run(&["check", "--format", "html", "--out", file.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = std::fs::read_to_string(&file).unwrap();
    assert!(page.contains(r#"<tr><th scope="row">plan (policy)</th><td class="source">source</td><td class="stale">stale</td><td>2; parity 1; en source blocks changed at line 17</td></tr>"#), "{page}");
    assert!(
        page.contains(r#"<th scope="col" aria-sort="ascending"><button type="submit" name="sort" value="-id">Page (kind)</button></th>"#)
    );
    assert!(page.contains(r#"<label for="status">"#) && page.contains(r#"<select id="status" name="status">"#));
    assert!(page.contains("[parity-number]") && page.contains("expected “¥80 million”"), "{page}");
    assert!(!page.contains("<script") && !page.contains("style=") && !page.contains("<style"), "no script, no inline style");
    assert!(page.contains(r#"<link rel="stylesheet" href="translations.css">"#), "{page}");
    let css = std::fs::read_to_string(elsewhere.path().join("translations.css")).expect("the style sheet beside the page");
    assert!(css.contains("prefers-color-scheme: dark"));
    assert_eq!(t.run(&["check", "--format", "html"]).code, 2, "--format html needs --out");
}

#[test]
fn serve_answers_the_dashboard_at_its_reserved_path_sorted_and_filtered_and_build_never_writes_it() {
    let t = site_for_the_dashboard();
    let s = crate::common::serve::Serve::start(t.root(), &[]);
    let r = s.get("/_tebiki/translations/?sort=-findings&status=stale&q=pla");
    assert_eq!(r.status, 200);
    assert!(
        r.body.contains(
            r#"<th scope="col" aria-sort="descending"><button type="submit" name="sort" value="findings">Findings; source blocks changed since the stamp</button></th>"#
        ),
        "{}",
        r.body
    );
    assert!(r.body.contains("(1 of 1 shown)") && r.body.contains(r#"<option value="stale" selected>"#), "{}", r.body);
    assert!(r.body.contains(r#"<link rel="stylesheet" href="dashboard.css">"#), "{}", r.body);
    let css = s.get("/_tebiki/translations/dashboard.css");
    assert_eq!(css.status, 200);
    assert!(css.body.contains("prefers-color-scheme: dark"));
    let none = s.get("/_tebiki/translations/?q=nothing");
    assert!(none.body.contains("(0 of 1 shown)"), "{}", none.body);
    t.build();
    assert!(!t.root().join("public/_tebiki").exists());
}
