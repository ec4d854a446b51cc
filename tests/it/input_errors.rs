//! Every problem of a file in one run, at exact positions (SPEC §11): unknown
//! keys, wrong types, missing fields and bad values of front matter,
//! `glossary.yaml` and `site.yaml` reported together; lines counted as YAML
//! counts them (a bare CR ends a line); control characters written as YAML
//! escapes refused like raw ones; fiscal years, base URLs, languages,
//! aliases and glossary terms checked.
//!
//! Cases are the good site `bad-input/base` with a fixture of
//! `bad-input/<case>/` laid over it, or with a file written here (bare CRs).

use crate::common::{self, SiteTest, fixture};

/// One problem: file, line, column, message (the start of it).
type Problem = (String, usize, usize, String);

fn case(name: &str) -> SiteTest {
    let t = SiteTest::new("bad-input/base");
    common::copy_dir(&fixture(&format!("bad-input/{name}")), t.root());
    t
}

/// The problems of `severity` that one `tebiki check` reports.
fn problems(t: &SiteTest, args: &[&str], severity: &str) -> Vec<Problem> {
    let mut all = vec!["check", "--format", "json"];
    all.extend(args);
    let r = t.run(&all);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    let diags: Vec<serde_json::Value> = serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}\n{}", r.stdout, r.stderr));
    diags
        .iter()
        .filter(|d| d["severity"] == severity)
        .map(|d| {
            let n = |k: &str| d[k].as_u64().unwrap_or(0) as usize;
            (d["file"].as_str().unwrap_or("").to_string(), n("line"), n("column"), d["message"].as_str().unwrap_or("").to_string())
        })
        .collect()
}

/// Asserts that `check` fails with exactly `expected` errors (each message may go on after the text given).
fn fails_with(t: &SiteTest, expected: &[(&str, usize, usize, &str)]) -> Vec<Problem> {
    let got = problems(t, &[], "error");
    let shown: Vec<Problem> = got
        .iter()
        .zip(expected.iter().map(|e| e.3).chain(std::iter::repeat("")))
        .map(|((f, l, c, m), want)| (f.clone(), *l, *c, if m.starts_with(want) { want.to_string() } else { m.clone() }))
        .collect();
    let want: Vec<Problem> = expected.iter().map(|(f, l, c, m)| (f.to_string(), *l, *c, m.to_string())).collect();
    assert_eq!(shown, want);
    got
}

#[test]
fn reports_seven_problems_of_one_page_in_one_check() {
    let p = "content/programs/p.ja.md";
    fails_with(
        &case("seven-problems"),
        &[
            (p, 1, 1, "missing required field `title`"),
            (p, 2, 5, "id `P_1` is not a lowercase slug"),
            (p, 3, 1, "unknown field `parnet`"),
            (p, 4, 9, "`number` must be a whole number (0 or more)"),
            (p, 5, 14, "unknown ministries key `mhlv`"),
            (p, 6, 7, "`2025-13-01` is not a date"),
            (p, 8, 10, "`fy` 97981 is not a fiscal year tebiki can show"),
        ],
    );
}

#[test]
fn reports_every_unknown_key_with_its_suggestion() {
    let t = case("unknown-fields");
    let r = t.run(&["check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    for (at, key, near) in [(4, "parnet", "parent"), (5, "sumary", "summary"), (6, "tgas", "tags"), (7, "ministires", "ministries")] {
        let shown = format!("error: unknown field `{key}`\n --> content/programs/p.ja.md:{at}:1");
        assert!(r.stderr.contains(&shown), "no `{shown}` in:\n{}", r.stderr);
        assert!(r.stderr.contains(&format!("did you mean `{near}`")), "no suggestion of `{near}` in:\n{}", r.stderr);
    }
    assert!(r.stderr.contains("4 errors"), "{}", r.stderr);
}

#[test]
fn counts_lines_after_bare_crs_as_yaml_does_in_every_file() {
    let t = SiteTest::new("bad-input/base");
    t.write("content/programs/p.ja.md", "---\rid: p\rtitle: 事業\rparent: a\rparnet: a\r---\r本文。\r\r[[nowhere]]\r");
    let glossary = std::fs::read_to_string(t.root().join("content/glossary.yaml")).unwrap();
    t.write("content/glossary.yaml", &format!("{}  trem: x\n", glossary.replace('\n', "\r")));
    let site = std::fs::read_to_string(t.root().join("site.yaml")).unwrap();
    t.write("site.yaml", &site.replace('\n', "\r"));
    let p = "content/programs/p.ja.md";
    fails_with(
        &t,
        &[
            ("content/glossary.yaml", 6, 3, "unknown field `trem`"),
            (p, 5, 1, "unknown field `parnet`"),
            (p, 9, 1, "no page has the id `nowhere`"),
        ],
    );
    let warnings: Vec<Problem> = problems(&t, &[], "warning").into_iter().filter(|w| w.3.contains("bare CR")).collect();
    let at = |file: &str, line, column| (file.to_string(), line, column, "file uses bare CR line ends; save with LF".to_string());
    assert_eq!(warnings, [at("content/glossary.yaml", 1, 11), at(p, 1, 4), at("site.yaml", 1, 33)]);
}

#[test]
fn points_at_a_tab_that_starts_a_front_matter_line() {
    let t = SiteTest::new("bad-input/base");
    t.write("content/programs/p.ja.md", "---\nid: p\ntitle: 事業\n\tsummary: 概要\n---\n本文。\n");
    fails_with(&t, &[("content/programs/p.ja.md", 4, 1, "a tab stands where YAML expects the indentation of a line")]);
}

#[test]
fn refuses_control_characters_written_as_escapes_at_the_escape() {
    let p = "content/programs/p.ja.md";
    let g = "content/glossary.yaml";
    let d = fails_with(
        &case("control-escapes"),
        &[
            (g, 4, 61, "`\\e` writes the control character U+001B"),
            (g, 5, 93, "`\\N` writes the control character U+0085"),
            (p, 3, 11, "`\\x01` writes the control character U+0001"),
            (p, 4, 14, "`\\u0000` writes the control character U+0000"),
            (p, 4, 28, "`\\x7f` writes the control character U+007F"),
        ],
    );
    assert_eq!(d.len(), 5);

    let t = SiteTest::new("bad-input/base");
    let site = std::fs::read_to_string(t.root().join("site.yaml")).unwrap();
    t.write("site.yaml", &site.replace("{ja: 悪い入力, en: Bad input}", "{ja: 悪い入力, en: \"Bad\\u0007 input\"}"));
    fails_with(&t, &[("site.yaml", 1, 27, "`\\u0007` writes the control character U+0007")]);
}

#[test]
fn refuses_fiscal_years_tebiki_cannot_show() {
    let t = SiteTest::new("bad-input/base");
    t.write(
        "content/programs/p.ja.md",
        "---\nid: p\ntitle: 事業\nbudget:\n  - {fy: 97981, oku_yen: 1, scope: amed}\n  - {fy: -1, oku_yen: 1, scope: amed}\n  - {fy: 2025, oku_yen: 1, scope: amed}\n---\n本文。\n",
    );
    let p = "content/programs/p.ja.md";
    fails_with(
        &t,
        &[(p, 5, 10, "`fy` 97981 is not a fiscal year tebiki can show"), (p, 6, 10, "`fy` -1 is not a fiscal year tebiki can show")],
    );

    let t = SiteTest::new("bad-input/base");
    let site = std::fs::read_to_string(t.root().join("site.yaml")).unwrap();
    let periods = "  \"3\": {from: 2025, to: 2029, label: {ja: 第3期, en: 3rd period}}\n";
    assert!(site.contains(periods));
    let bad = "  \"3\": {from: 2030, to: 2025, label: {ja: 第3期, en: 3rd period}}\n  \"4\": {from: 1500, to: 99999, label: {ja: 第4期, en: 4th period}}\n";
    t.write("site.yaml", &site.replace(periods, bad));
    fails_with(
        &t,
        &[
            ("site.yaml", 6, 25, "period `3` ends (to: 2025) before it starts (from: 2030)"),
            ("site.yaml", 7, 15, "`from` 1500 is not a fiscal year tebiki can show"),
            ("site.yaml", 7, 25, "`to` 99999 is not a fiscal year tebiki can show"),
        ],
    );
}

#[test]
fn refuses_base_urls_with_a_query_a_fragment_or_credentials() {
    for (url, what) in [
        ("https://example.org/?lang=ja", "ends in a query"),
        ("https://example.org/hms#top", "ends in a fragment"),
        ("https://user:secret@example.org/", "holds a user name or password"),
        ("ftp://example.org/", "is not an absolute http(s) URL"),
    ] {
        let t = SiteTest::new("bad-input/base");
        let site = std::fs::read_to_string(t.root().join("site.yaml")).unwrap();
        t.write("site.yaml", &site.replace("https://example.org/", url));
        fails_with(&t, &[("site.yaml", 2, 11, &format!("base_url `{url}` {what}"))]);

        let t = SiteTest::new("bad-input/base");
        let r = t.run(&["build", "--base-url", url]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(r.stderr.contains(&format!("--base-url: base_url `{url}` {what}")), "{}", r.stderr);
    }
}

#[test]
fn refuses_a_language_listed_twice_and_a_default_outside_the_languages() {
    let t = SiteTest::new("bad-input/base");
    let site = std::fs::read_to_string(t.root().join("site.yaml")).unwrap();
    t.write("site.yaml", &site.replace("default_language: ja\nlanguages: [ja, en]", "default_language: en\nlanguages: [ja, ja]"));
    fails_with(
        &t,
        &[
            ("site.yaml", 3, 19, "default_language `en` is not among `languages`"),
            ("site.yaml", 4, 17, "language `ja` is listed twice in `languages`"),
        ],
    );
}

#[test]
fn refuses_an_alias_two_pages_give_or_that_is_a_page_id_naming_both() {
    let d = fails_with(
        &case("aliases"),
        &[
            ("content/programs/p.ja.md", 5, 18, "alias `a` of page `p` is the id of page `a`"),
            ("content/programs/p.ja.md", 5, 29, "alias `old-p` is given twice by page `p`"),
            ("content/programs/q.ja.md", 4, 11, "alias `shared` is given by pages `p` and `q`"),
        ],
    );
    assert_eq!(d.len(), 3);
    let r = case("aliases").run(&["check"]);
    assert!(r.stderr.contains("content/policies/a.ja.md has that id"), "{}", r.stderr);
    assert!(r.stderr.contains("content/programs/p.ja.md:5 gives it first"), "{}", r.stderr);
}

#[test]
fn refuses_glossary_terms_that_would_mark_every_space_or_letter() {
    let t = SiteTest::new("bad-input/base");
    let glossary = std::fs::read_to_string(t.root().join("content/glossary.yaml")).unwrap();
    t.write("content/glossary.yaml", &format!("{glossary}  aliases: [' ', a, ＡＭＥＤ機構]\n"));
    fails_with(
        &t,
        &[
            ("content/glossary.yaml", 6, 13, "term or alias ` ` is empty"),
            ("content/glossary.yaml", 6, 18, "term or alias `a` is a single character"),
        ],
    );
}

#[test]
fn explains_a_glossary_too_large_for_the_old_limit_no_more() {
    // 20,000 entries broke serde-saphyr's default budget (250,000 values).
    let t = SiteTest::new("bad-input/base");
    let mut glossary = std::fs::read_to_string(t.root().join("content/glossary.yaml")).unwrap();
    for i in 0..20_000 {
        glossary.push_str(&format!(
            "- id: t{i}\n  reading: よみ\n  ja: {{term: 用語{i}, definition: 定義。}}\n  en: {{term: Term{i}, definition: A term.}}\n"
        ));
    }
    t.write("content/glossary.yaml", &glossary);
    let errors = problems(&t, &[], "error");
    assert!(errors.is_empty(), "{errors:?}");
}
