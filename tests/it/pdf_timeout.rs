//! `build --pdf` with a browser that never finishes (SPEC §9, §11): it is
//! stopped after `TEBIKI_PDF_TIMEOUT` seconds with every process it started,
//! the build fails naming the handout, and the previous output stays. A
//! shell script stands in for Chromium, so these run without one.

#![cfg(unix)]

use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::SiteTest;

/// A fake browser that starts a helper process, writes both ids to `pids`, and waits forever.
fn hanging_browser(dir: &Path, pids: &Path) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let script = dir.join("hanging-chromium");
    std::fs::write(&script, format!("#!/bin/sh\nsleep 3600 &\necho $$ $! >> '{}'\nwait\n", pids.display())).unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

/// Whether process `pid` still runs (a zombie waiting to be reaped does not).
fn running(pid: &str) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => !matches!(stat.rsplit_once(')').and_then(|(_, rest)| rest.split_whitespace().next()), Some("Z" | "X")),
        Err(_) => false,
    }
}

#[test]
fn a_browser_that_never_exits_is_stopped_with_its_helpers_and_the_build_fails() {
    let t = SiteTest::new("print/handout");
    t.build();
    let before = t.tree();
    let tools = tempfile::tempdir().unwrap();
    let pids = tools.path().join("pids");
    let browser = hanging_browser(tools.path(), &pids);
    let start = Instant::now();
    let r = t.run_env(&["build", "--pdf"], &[("TEBIKI_CHROMIUM", browser.to_str().unwrap()), ("TEBIKI_PDF_TIMEOUT", "1")]);
    let took = start.elapsed();
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains(&format!("Printing handouts with {}", browser.display())), "says which browser: {}", r.stderr);
    for lang in ["ja", "en"] {
        let what = format!("cannot print {lang}/handouts/briefing/index.html to {lang}/handouts/briefing.pdf: ");
        assert!(r.stderr.contains(&what), "names the handout: {}", r.stderr);
    }
    assert!(r.stderr.contains("took longer than 1 s and was stopped (set TEBIKI_PDF_TIMEOUT to allow more seconds)"), "{}", r.stderr);
    assert!(took < Duration::from_secs(60), "the build took {took:?}");
    assert_eq!(t.tree(), before, "the previous output stays as it was");

    if cfg!(target_os = "linux") {
        let started = std::fs::read_to_string(&pids).unwrap();
        let ids: Vec<&str> = started.split_whitespace().collect();
        assert_eq!(ids.len(), 4, "two browsers, each with a helper: {started}");
        let end = Instant::now() + Duration::from_secs(10);
        while ids.iter().any(|p| running(p)) && Instant::now() < end {
            std::thread::sleep(Duration::from_millis(50));
        }
        let left: Vec<&&str> = ids.iter().filter(|p| running(p)).collect();
        assert!(left.is_empty(), "processes of the browser still run: {left:?}");
    }
}

#[test]
fn a_timeout_that_is_not_a_number_of_seconds_fails_before_building() {
    let t = SiteTest::new("print/handout");
    let tools = tempfile::tempdir().unwrap();
    let browser = hanging_browser(tools.path(), &tools.path().join("pids"));
    let r = t.run_env(&["build", "--pdf"], &[("TEBIKI_CHROMIUM", browser.to_str().unwrap()), ("TEBIKI_PDF_TIMEOUT", "soon")]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("TEBIKI_PDF_TIMEOUT is `soon`, which is not a number of seconds"), "{}", r.stderr);
    assert!(r.stderr.contains("such as 600"), "{}", r.stderr);
    assert!(!t.root().join("public").exists());
    assert!(!tools.path().join("pids").exists(), "no browser was started");
}

#[test]
fn build_help_documents_the_pdf_time_limit() {
    let out = crate::common::tebiki().args(["build", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("TEBIKI_PDF_TIMEOUT"), "{help}");
}
