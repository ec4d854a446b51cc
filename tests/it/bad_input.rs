//! Bad input (SPEC §11): every case ends with exit code 1 (never a panic),
//! names the file, the line and column where one exists, says what is wrong,
//! and leaves the previous `public/` byte-for-byte as it was, with no staging
//! folder left behind.
//!
//! Each case is a tiny fixture under `tests/fixtures/bad-input/<case>/`, laid
//! over the good site `bad-input/base/`. Files that cannot be committed
//! (control bytes, non-UTF-8, a 20 MB page, a symbolic link loop, an
//! unreadable file) are made here.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common;
use crate::common::{SiteTest, fixture, tree};

/// The good base site with fixture `bad-input/<case>` laid over it.
fn case(name: &str) -> SiteTest {
    let t = SiteTest::new("bad-input/base");
    overlay(&fixture(&format!("bad-input/{name}")), t.root());
    t
}

fn overlay(from: &Path, to: &Path) {
    assert!(from.is_dir(), "no fixture {}", from.display());
    common::copy_dir(from, to);
}

/// A previous build's output, to be left untouched by a failed build.
fn previous_output(t: &SiteTest) -> BTreeMap<String, Vec<u8>> {
    let public = t.root().join("public");
    std::fs::create_dir_all(public.join("ja/policies/a")).unwrap();
    std::fs::write(public.join("index.html"), "<!doctype html><title>previous</title>\n").unwrap();
    std::fs::write(public.join("ja/policies/a/index.html"), "previous page\n").unwrap();
    std::fs::write(public.join("data.bin"), [0u8, 159, 146, 150, 255]).unwrap();
    tree(&public)
}

/// One expected problem: file, line, column (0 when none) and message.
type Expected<'a> = (&'a str, usize, usize, &'a str);

/// Runs `build` over a previous output and `check --format json`; asserts exit
/// code 1 from both, the output untouched, and exactly the `expected` errors
/// (in this order). Returns the errors as JSON for further checks.
fn fails_with(t: &SiteTest, expected: &[Expected]) -> Vec<serde_json::Value> {
    let before = previous_output(t);
    let build = t.run(&["build"]);
    assert_eq!(build.code, 1, "build exit code (101 is a panic):\n{}", build.stderr);
    assert!(!build.stderr.contains("panicked"), "{}", build.stderr);
    assert_eq!(before, tree(&t.root().join("public")), "the previous output changed");
    let stray: Vec<String> = std::fs::read_dir(t.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("tebiki-"))
        .collect();
    assert!(stray.is_empty(), "staging left behind: {stray:?}");
    for (file, line, column, message) in expected {
        let at = match (line, column) {
            (0, _) => file.to_string(),
            (l, 0) => format!("{file}:{l}"),
            (l, c) => format!("{file}:{l}:{c}"),
        };
        assert!(build.stderr.contains(&at), "no `{at}` in:\n{}", build.stderr);
        assert!(build.stderr.contains(message), "no `{message}` in:\n{}", build.stderr);
    }
    let (errors, warnings) = (expected.len(), 0);
    let count = format!("{errors} error{}", if errors == 1 { "" } else { "s" });
    assert!(build.stderr.contains(&count), "no `{count}` in:\n{}", build.stderr);
    let _ = warnings;

    let check = t.run(&["check", "--format", "json"]);
    assert_eq!(check.code, 1, "check exit code:\n{}", check.stderr);
    let diags: Vec<serde_json::Value> = serde_json::from_str(&check.stdout).unwrap();
    let errors: Vec<(String, usize, usize, String)> = diags
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            (
                d["file"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap() as usize,
                d["column"].as_u64().unwrap() as usize,
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // A message may go on after the expected text (lists of valid names).
    let got: Vec<(String, usize, usize, String)> = errors
        .into_iter()
        .zip(expected.iter().map(|e| e.3).chain(std::iter::repeat("")))
        .map(|((f, l, c, m), want)| (f, l, c, if m.starts_with(want) { want.to_string() } else { m }))
        .collect();
    let want: Vec<(String, usize, usize, String)> = expected.iter().map(|(f, l, c, m)| (f.to_string(), *l, *c, m.to_string())).collect();
    assert_eq!(got, want);
    diags.into_iter().filter(|d| d["severity"] == "error").collect()
}

fn help(d: &serde_json::Value) -> &str {
    d["help"].as_str().unwrap_or("")
}

#[test]
fn the_base_site_builds() {
    let t = SiteTest::new("bad-input/base");
    t.build();
    let r = t.run(&["check", "--strict"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn reports_a_yaml_syntax_error_with_a_hint() {
    let d = fails_with(&case("yaml-syntax"), &[("content/policies/a.ja.md", 4, 12, "a `: ` here would start a key where none can start")]);
    assert!(help(&d[0]).contains("put the whole value in quotes"));
}

#[test]
fn reports_front_matter_that_is_not_closed() {
    fails_with(&case("front-matter-unclosed"), &[("content/policies/a.ja.md", 1, 1, "front matter is not closed")]);
}

#[test]
fn reports_a_page_without_front_matter() {
    fails_with(&case("front-matter-missing"), &[("content/policies/a.ja.md", 1, 1, "page has no front matter")]);
}

#[test]
fn accepts_a_byte_order_mark_and_crlf_with_correct_line_numbers() {
    let t = SiteTest::new("bad-input/base");
    let good = "\u{feff}---\r\nid: a\r\ntitle: エー\r\n---\r\n# 概要\r\n\r\n本文。\r\n";
    std::fs::write(t.root().join("content/policies/a.ja.md"), good).unwrap();
    t.build();
    let page = t.read("ja/policies/a/index.html");
    assert!(page.contains("本文。") && page.contains("id=\"概要\""), "{page}");
    assert!(!page.contains('\u{feff}') && !page.contains('\r'));

    let bad = "\u{feff}---\r\nid: a\r\ntitle: エー\r\ntitel: x\r\n---\r\n# 概要\r\n\r\n[[nowhere]]\r\n";
    std::fs::write(t.root().join("content/policies/a.ja.md"), bad).unwrap();
    fails_with(
        &t,
        &[("content/policies/a.ja.md", 4, 1, "unknown field `titel`"), ("content/policies/a.ja.md", 8, 1, "no page has the id `nowhere`")],
    );
    std::fs::write(t.root().join("content/policies/a.ja.md"), bad.replace("titel: x\r\n", "")).unwrap();
    fails_with(&t, &[("content/policies/a.ja.md", 7, 1, "no page has the id `nowhere`")]);
}

#[test]
fn reports_a_tab_in_yaml_at_the_tab() {
    let d = fails_with(&case("yaml-tab"), &[("content/policies/a.ja.md", 5, 1, "a tab indents this line")]);
    assert!(help(&d[0]).contains("spaces"));
}

#[test]
fn reports_a_missing_id_without_follow_on_errors() {
    let d = fails_with(&case("missing-id"), &[("content/policies/a.ja.md", 1, 1, "missing required field `id`")]);
    assert!(help(&d[0]).contains("id: a"));
}

#[test]
fn reports_a_missing_title() {
    fails_with(&case("missing-title"), &[("content/programs/p.ja.md", 1, 1, "missing required field `title`")]);
}

#[test]
fn reports_a_wrong_type_naming_the_field() {
    fails_with(&case("wrong-type"), &[("content/programs/p.ja.md", 4, 9, "`number` must be a whole number (0 or more)")]);
}

#[test]
fn reports_an_unknown_field_with_the_nearest_name() {
    let d = fails_with(&case("unknown-field"), &[("content/programs/p.ja.md", 4, 1, "unknown field `parnet`")]);
    assert!(help(&d[0]).starts_with("did you mean `parent`"), "{}", help(&d[0]));
}

#[test]
fn reports_an_unknown_kind_with_a_suggestion() {
    let d = fails_with(
        &case("unknown-kind"),
        &[("content/programs/p.ja.md", 3, 7, "kind `progam` does not agree with the folder content/programs/ (kind `program`)")],
    );
    assert_eq!(help(&d[0]), "did you mean `program`?");
}

#[test]
fn reports_an_unknown_facet_key_with_a_suggestion() {
    let d = fails_with(&case("unknown-facet-key"), &[("content/programs/p.ja.md", 4, 14, "unknown ministries key `mhlv`")]);
    assert_eq!(help(&d[0]), "did you mean `mhlw`?");
}

#[test]
fn reports_a_duplicate_id_in_two_folders_at_the_id() {
    let d = fails_with(&case("duplicate-id"), &[("content/programs/sub/copy.ja.md", 3, 5, "duplicate id `a`")]);
    assert!(help(&d[0]).contains("content/policies/a.ja.md"));
}

#[test]
fn reports_every_unsafe_id() {
    fails_with(
        &case("unsafe-ids"),
        &[
            ("content/policies/dots.ja.md", 2, 5, "id `../x` is not a lowercase slug"),
            ("content/policies/empty.ja.md", 2, 5, "id `` is not a lowercase slug"),
            ("content/policies/kanji.ja.md", 2, 5, "id `日本` is not a lowercase slug"),
            ("content/policies/space.ja.md", 2, 5, "id `a b` is not a lowercase slug"),
        ],
    );
}

#[test]
fn reports_a_translation_that_holds_structured_fields() {
    let d = fails_with(
        &case("translation-structured"),
        &[("content/policies/a.en.md", 4, 1, "translation holds the structured field `parent`")],
    );
    assert!(help(&d[0]).contains("content/policies/a.ja.md"));
}

#[test]
fn reports_parent_cycles() {
    fails_with(
        &case("parent-cycle"),
        &[
            ("content/policies/a.ja.md", 4, 9, "parent cycle: a → p → a"),
            ("content/policies/self.ja.md", 4, 9, "page `self` names itself as its parent"),
        ],
    );
}

#[test]
fn reports_an_unknown_reference() {
    fails_with(&case("unknown-reference"), &[("content/programs/p.ja.md", 7, 7, "no page has the id `b-cuer`")]);
}

#[test]
fn reports_an_unknown_anchor_with_a_suggestion() {
    let d = fails_with(&case("unknown-anchor"), &[("content/programs/p.ja.md", 7, 1, "page `a` has no heading `#概略`")]);
    assert_eq!(help(&d[0]), "did you mean `概要`?");
}

#[test]
fn reports_a_template_syntax_error_in_the_template() {
    fails_with(&case("template-syntax"), &[("templates/page.html", 3, 16, "template error: Found `}` but expected }}.")]);
}

#[test]
fn reports_an_undefined_template_variable_once() {
    let d = fails_with(
        &case("template-undefined"),
        &[("templates/page.html", 4, 9, "template error: Field `headline` is not defined. Available fields: body, body_rest, budget,")],
    );
    assert_eq!(d.len(), 1, "one problem, however many pages use the template");
}

#[test]
fn reports_a_missing_ui_string() {
    let t = SiteTest::new("bad-input/base");
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    overlay(&theme, &t.root().join("themes/default"));
    let en = t.root().join("themes/default/i18n/en.yaml");
    let text = std::fs::read_to_string(&en).unwrap();
    let kept: Vec<&str> = text.lines().filter(|l| !l.starts_with("glossary:")).collect();
    assert!(kept.len() < text.lines().count(), "the theme has no `glossary` string");
    std::fs::write(&en, kept.join("\n")).unwrap();
    let d = fails_with(&t, &[("themes/default/i18n/en.yaml", 0, 0, "UI string `glossary` is missing in `en`")]);
    assert!(help(&d[0]).contains("glossary: …"));
}

#[test]
fn reports_a_file_that_is_not_utf8_at_the_bad_byte() {
    let t = SiteTest::new("bad-input/base");
    // Shift_JIS for 「エー」.
    std::fs::write(t.root().join("content/policies/a.ja.md"), b"---\nid: a\ntitle: \x83\x47\x81\x5b\n---\n").unwrap();
    let d = fails_with(&t, &[("content/policies/a.ja.md", 3, 8, "file is not valid UTF-8")]);
    assert!(help(&d[0]).contains("UTF-8"));
}

#[test]
fn reports_nul_and_other_control_bytes_as_corrupt() {
    for (byte, name) in [(0x00u8, "00"), (0x1b, "1B"), (0x7f, "7F"), (0x08, "08")] {
        let t = SiteTest::new("bad-input/base");
        let mut page = b"---\nid: a\ntitle: A\n---\n# T\n\nab".to_vec();
        page.push(byte);
        page.extend_from_slice("c 日本\n".as_bytes());
        std::fs::write(t.root().join("content/policies/a.ja.md"), page).unwrap();
        let message = format!("file holds a control byte (0x{name}); it looks corrupt");
        fails_with(&t, &[("content/policies/a.ja.md", 7, 3, message.as_str())]);
    }
}

#[test]
fn reports_an_empty_file() {
    fails_with(&case("empty-file"), &[("content/policies/a.ja.md", 0, 0, "page file is empty")]);
}

#[test]
fn reports_a_20_mb_page_without_reading_it_whole() {
    let t = SiteTest::new("bad-input/base");
    let mut page = b"---\nid: big\ntitle: Big\n---\n".to_vec();
    let line = "長い本文の行です。 A long line of body text.\n".as_bytes();
    while page.len() < 20_000_000 {
        page.extend_from_slice(line);
    }
    std::fs::write(t.root().join("content/policies/big.ja.md"), page).unwrap();
    let d = fails_with(&t, &[("content/policies/big.ja.md", 0, 0, "page is 19 MiB, more than the 8 MiB a page may have")]);
    assert!(help(&d[0]).contains("split"));
}

#[test]
fn reports_a_binary_page_file_and_copies_binary_assets() {
    let t = SiteTest::new("bad-input/base");
    let png: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89";
    std::fs::write(t.root().join("content/policies/chart.png"), png).unwrap();
    t.build();
    assert_eq!(std::fs::read(t.root().join("public/assets/policies/chart.png")).unwrap(), png);
    std::fs::remove_dir_all(t.root().join("public")).unwrap();
    std::fs::write(t.root().join("content/policies/chart.ja.md"), png).unwrap();
    fails_with(&t, &[("content/policies/chart.ja.md", 0, 0, "file is binary, not a text page")]);
}

#[cfg(unix)]
#[test]
fn reports_a_symbolic_link_loop() {
    let t = SiteTest::new("bad-input/base");
    std::os::unix::fs::symlink("..", t.root().join("content/policies/loop")).unwrap();
    std::os::unix::fs::symlink("y", t.root().join("content/programs/x")).unwrap();
    std::os::unix::fs::symlink("x", t.root().join("content/programs/y")).unwrap();
    fails_with(
        &t,
        &[
            ("content/policies/loop", 0, 0, "cannot read: symbolic link loop"),
            ("content/programs/x", 0, 0, "cannot read: Too many levels of symbolic links (os error 40)"),
            ("content/programs/y", 0, 0, "cannot read: Too many levels of symbolic links (os error 40)"),
        ],
    );
}

#[test]
fn reports_a_glossary_term_given_twice() {
    let d = fails_with(
        &case("glossary-duplicate-term"),
        &[("content/glossary.yaml", 6, 7, "term `AMED` is given by two glossary entries (`amed` and `amed-agency`)")],
    );
    assert!(help(&d[0]).contains("line 1"));
}

#[test]
fn reports_a_glossary_entry_missing_a_language() {
    fails_with(&case("glossary-missing-language"), &[("content/glossary.yaml", 1, 7, "glossary entry `amed` has no `en` part")]);
}

#[test]
fn reports_a_handout_naming_a_missing_page() {
    fails_with(&case("handout-missing-page"), &[("content/handouts/h.ja.md", 4, 12, "pages: no page has the id `missing-page`")]);
}

#[cfg(unix)]
#[test]
fn reports_an_unreadable_file_and_folder() {
    use std::os::unix::fs::PermissionsExt;
    let t = SiteTest::new("bad-input/base");
    let secret = t.root().join("content/policies/secret.ja.md");
    std::fs::write(&secret, "---\nid: secret\ntitle: 秘密\n---\n").unwrap();
    std::fs::create_dir(t.root().join("content/programs/locked")).unwrap();
    std::fs::write(t.root().join("content/programs/locked/q.ja.md"), "---\nid: q\ntitle: Q\n---\n").unwrap();
    // Root reads everything: run tebiki as `nobody` then, in a tree it may use.
    let as_root = String::from_utf8_lossy(&std::process::Command::new("id").arg("-u").output().unwrap().stdout).trim() == "0";
    if as_root && std::process::Command::new("setpriv").arg("--version").output().is_err() {
        eprintln!("skipped: running as root without setpriv, nothing is unreadable");
        return;
    }
    if as_root {
        for e in walkdir::WalkDir::new(t.root()) {
            let e = e.unwrap();
            let mode = if e.file_type().is_dir() { 0o777 } else { 0o666 };
            std::fs::set_permissions(e.path(), std::fs::Permissions::from_mode(mode)).unwrap();
        }
    }
    let before = previous_output(&t);
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::set_permissions(t.root().join("content/programs/locked"), std::fs::Permissions::from_mode(0o000)).unwrap();
    let run = |args: &[&str]| {
        let mut cmd = if as_root {
            let mut c = std::process::Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"]).arg(env!("CARGO_BIN_EXE_tebiki"));
            c
        } else {
            common::tebiki()
        };
        cmd.current_dir(t.root()).args(args).output().unwrap()
    };
    let build = run(&["build"]);
    let stderr = String::from_utf8_lossy(&build.stderr);
    assert_eq!(build.status.code(), Some(1), "{stderr}");
    let check = run(&["check", "--format", "json"]);
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(t.root().join("content/programs/locked"), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(before, tree(&t.root().join("public")));
    let diags: Vec<serde_json::Value> = serde_json::from_slice(&check.stdout).unwrap();
    let got: Vec<(&str, &str)> = diags.iter().map(|d| (d["file"].as_str().unwrap(), d["message"].as_str().unwrap())).collect();
    assert_eq!(
        got,
        [
            ("content/policies/secret.ja.md", "cannot read: Permission denied (os error 13)"),
            ("content/programs/locked", "cannot read: Permission denied (os error 13)"),
        ]
    );
    assert!(stderr.contains("content/policies/secret.ja.md") && stderr.contains("2 errors"), "{stderr}");
}

#[test]
fn reports_all_problems_sorted_by_file_and_line_with_a_count() {
    let t = case("many-problems");
    previous_output(&t);
    let r = t.run(&["build"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let order =
        ["content/policies/a.ja.md:9:1", "content/policies/a.ja.md:10:1", "content/programs/p.ja.md:4:14", "content/programs/p.ja.md:6:1"];
    let at: Vec<usize> = order.iter().map(|o| r.stderr.find(o).unwrap_or_else(|| panic!("no {o} in:\n{}", r.stderr))).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "not sorted:\n{}", r.stderr);
    let last = r.stderr.lines().filter(|l| !l.trim().is_empty()).rev().nth(1).unwrap_or("");
    assert_eq!(last, "3 errors, 1 warning", "{}", r.stderr);
}

#[test]
fn reports_a_base_url_that_would_need_escaping() {
    let t = SiteTest::new("bad-input/base");
    let yaml = std::fs::read_to_string(t.root().join("site.yaml")).unwrap();
    std::fs::write(t.root().join("site.yaml"), yaml.replace("https://example.org/", "'https://example.org/\"><script>'")).unwrap();
    fails_with(&t, &[("site.yaml", 2, 11, "base_url `https://example.org/\"><script>` holds `\"`, which a URL cannot hold")]);

    let t = SiteTest::new("bad-input/base");
    let before = previous_output(&t);
    let r = t.run(&["build", "--base-url", "javascript:alert(1)//"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("--base-url: base_url `javascript:alert(1)//` is not an absolute http(s) URL"), "{}", r.stderr);
    assert_eq!(before, tree(&t.root().join("public")));
}
