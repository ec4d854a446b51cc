//! Browser tests in headless Chromium (Debian's `chromium`, driven by
//! playwright-core). They run when `TEBIKI_BROWSER_TESTS=1` (as `.ci/run`
//! sets) and are skipped, saying so, otherwise.

use std::path::Path;
use std::process::Command;

use crate::common;
use crate::common::SiteTest;

fn enabled() -> bool {
    if std::env::var("TEBIKI_BROWSER_TESTS").as_deref() == Ok("1") {
        return true;
    }
    eprintln!("skipped: browser tests run with TEBIKI_BROWSER_TESTS=1 (see .ci/run)");
    false
}

/// The shipped site built into a fresh folder under `target/` named from `prefix`.
fn shipped_build(prefix: &str) -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::Builder::new().prefix(prefix).tempdir_in(root.join("target")).unwrap();
    let status = common::tebiki().args(["--root", root.to_str().unwrap(), "build", "--out"]).arg(out.path()).status().unwrap();
    assert!(status.success());
    out
}

fn node(script: &str, args: &[&str]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let out = Command::new("node").arg(dir.join(script)).args(args).current_dir(&dir).output().expect("node is installed");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{script} failed:\n{stdout}\n{stderr}");
    eprintln!("{stdout}");
}

#[test]
fn pages_opened_from_disk_are_styled_and_their_links_work() {
    if !enabled() {
        return;
    }
    let t = SiteTest::new("core/minimal");
    t.build();
    let public = t.root().join("public");
    node("file_links.mjs", &[public.to_str().unwrap()]);
}

#[test]
fn the_shipped_site_opened_from_disk_is_styled_and_its_links_work() {
    if !enabled() {
        return;
    }
    let out = shipped_build("browser-public-");
    node("file_links.mjs", &[out.path().to_str().unwrap()]);
}

/// Keyboard only through the menu, side navigation, "on this page", the
/// pager, search and a handout's print button, with a visible focus at
/// every stop; forced colours, reduced motion and text at 200% (issue 27).
#[test]
fn the_shipped_site_works_by_keyboard_in_forced_colours_without_motion_and_at_twice_the_text_size() {
    if !enabled() {
        return;
    }
    let out = shipped_build("browser-keyboard-");
    node("keyboard.mjs", &[out.path().to_str().unwrap()]);
}

#[test]
fn chart_text_fits_as_estimated_and_diagram_links_open_pages() {
    if !enabled() {
        return;
    }
    let out = shipped_build("browser-charts-");
    node("charts.mjs", &[out.path().to_str().unwrap()]);
}

#[test]
fn a_served_page_reloads_by_itself_and_shows_and_clears_the_overlay() {
    if !enabled() {
        return;
    }
    let t = SiteTest::new("serve/site");
    let s = common::serve::Serve::start(t.root(), &[]);
    let url = format!("{}en/programs/alpha/index.html", s.url);
    let file = t.root().join("content/programs/alpha.en.md");
    node("serve_reload.mjs", &[&url, file.to_str().unwrap()]);
}

/// Issue 7, checks 1–5: the shipped site built for `https://example.org/hms/`,
/// served under `/hms/` with `Content-Security-Policy: default-src 'self'`.
#[test]
fn search_finds_japanese_and_english_pages_on_the_shipped_site_under_a_sub_path() {
    if !enabled() {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::Builder::new().prefix("browser-search-").tempdir_in(root.join("target")).unwrap();
    let status = common::tebiki()
        .args(["--root", root.to_str().unwrap(), "build", "--base-url", "https://example.org/hms/", "--out"])
        .arg(out.path())
        .status()
        .unwrap();
    assert!(status.success());
    node("search.mjs", &["site", out.path().to_str().unwrap(), "/hms/"]);
}

#[test]
fn search_for_genome_finds_pages_that_only_say_genomic_or_genomes() {
    if !enabled() {
        return;
    }
    let t = SiteTest::new("search/basic");
    t.build();
    node("search.mjs", &["stems", t.root().join("public").to_str().unwrap(), "/"]);
}
