//! Markdown and the body checks after it take time linear in a page's
//! length, whatever its shape: each test here is one shape that once took
//! quadratic time (38 s for 2.1 MB of `*a **a `), checked as `tebiki check`
//! checks it, at about the size that was measured.
//!
//! How a test decides, without timing assertions that a loaded machine
//! could break: the page is big enough that the quadratic code took well
//! over [`LIMIT`] on it in a release build (`tebiki check` of the same
//! page; the numbers are in each test), and the check runs on a thread that
//! must be done within [`LIMIT`]; the linear code takes under a second.
//!
//! They run in release builds only (`cargo test --release --test it
//! linear::`): in a debug build, CI's, the unoptimised parser alone takes
//! about 2 s per megabyte, so no size gives both a quadratic time far past
//! a generous limit and a linear one far below it. CI still guards each
//! pass that was quadratic with a unit test beside it, sized for debug
//! builds and run within the same kind of limit (`merge_text`,
//! `SourceMap::line_col`, `Anchors::check`).

use std::sync::mpsc;
use std::time::Duration;

use tebiki::diagnostic::Diagnostic;

use crate::common::SiteTest;

/// How long a check may take: far above the linear code's time, far below the quadratic code's.
/// In a debug build the tests are ignored (see the module documentation).
const LIMIT: Duration = Duration::from_secs(30);

/// The diagnostics of `tebiki check` on the `linear/site` fixture with a
/// page `big` whose body is `body`; panics past [`LIMIT`].
fn check_page(body: String) -> Vec<Diagnostic> {
    let t = SiteTest::new("linear/site");
    t.write("content/policies/big.ja.md", &format!("---\nid: big\ntitle: 大きな頁\n---\n{body}\n"));
    let root = t.root().to_path_buf();
    let (done, result) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(tebiki::check(&root, false).sorted());
    });
    result.recv_timeout(LIMIT).unwrap_or_else(|_| panic!("checking a page of {} bytes took over {LIMIT:?}", body.len()))
}

/// `unit` repeated to about `bytes` bytes.
fn repeated(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len())
}

fn errors(diags: &[Diagnostic]) -> usize {
    diags.iter().filter(|d| d.severity == tebiki::diagnostic::Severity::Error).count()
}

/// Runs `tebiki check` on a page of `unit` repeated to `bytes` bytes, which must hold no error.
fn checks_without_errors(unit: &str, bytes: usize) {
    assert_eq!(errors(&check_page(repeated(unit, bytes))), 0);
}

/// 2.1 MB of `*a **a `: 46 s before (300,000 text events in one paragraph,
/// each joined to all the text before it).
#[test]
#[cfg_attr(debug_assertions, ignore = "sized for release builds: cargo test --release --test it linear::")]
fn unmatched_emphasis_runs_are_checked_in_linear_time() {
    checks_without_errors("*a **a ", 2_100_000);
}

/// 2 MB of `[[`: 52 s before (one text event each, joined as above).
#[test]
#[cfg_attr(debug_assertions, ignore = "sized for release builds: cargo test --release --test it linear::")]
fn unmatched_reference_brackets_are_checked_in_linear_time() {
    checks_without_errors("[[", 2_000_000);
}

/// 4.2 MB of `[[target]] ` on one line: 46 s before (every reference's
/// column counted from the start of its line).
#[test]
#[cfg_attr(debug_assertions, ignore = "sized for release builds: cargo test --release --test it linear::")]
fn references_on_one_long_line_are_checked_in_linear_time() {
    checks_without_errors("[[target]] ", 4_200_000);
}

/// 2.7 MB of `[[nope]] ` on one line: over 30 s before (every error's
/// column counted from the start of its line); all 300,000 errors are
/// reported, the last at its place.
#[test]
#[cfg_attr(debug_assertions, ignore = "sized for release builds: cargo test --release --test it linear::")]
fn unknown_references_on_one_long_line_are_reported_in_linear_time() {
    let diags = check_page(repeated("[[nope]] ", 2_700_000));
    assert_eq!(errors(&diags), 300_000);
    let last = diags.iter().rfind(|d| d.message.contains("nope")).map(|d| (d.line, d.column));
    assert_eq!(last, Some((5, 2_700_000 - 8)));
}

/// 200,000 headings and as many references to the last: 83 s
/// before (each anchor looked for among every heading of its target: the
/// lookups alone took 31 s when each reference named another heading).
#[test]
#[cfg_attr(debug_assertions, ignore = "sized for release builds: cargo test --release --test it linear::")]
fn anchors_into_a_page_of_many_headings_are_checked_in_linear_time() {
    let n = 200_000;
    let headings: String = (0..n).map(|i| format!("## h{i}\n\n")).collect();
    let refs = repeated(&format!("[[big#h{}]]\n", n - 1), 16 * n);
    let diags = check_page(format!("{headings}{refs}[[big#missing]]"));
    assert_eq!(errors(&diags), 1);
}

/// 2 MB of `<`: 56 s before (one text event each).
#[test]
#[cfg_attr(debug_assertions, ignore = "sized for release builds: cargo test --release --test it linear::")]
fn runs_of_angle_brackets_are_checked_in_linear_time() {
    checks_without_errors("<", 2_000_000);
}

/// 2 MB of `[`: 56 s before (one text event each).
#[test]
#[cfg_attr(debug_assertions, ignore = "sized for release builds: cargo test --release --test it linear::")]
fn runs_of_opening_brackets_are_checked_in_linear_time() {
    checks_without_errors("[", 2_000_000);
}

/// 2 MB of `]`: 51 s before (one text event each).
#[test]
#[cfg_attr(debug_assertions, ignore = "sized for release builds: cargo test --release --test it linear::")]
fn runs_of_closing_brackets_are_checked_in_linear_time() {
    checks_without_errors("]", 2_000_000);
}

/// 3 MB of `![`: 54 s before (one text event each).
#[test]
#[cfg_attr(debug_assertions, ignore = "sized for release builds: cargo test --release --test it linear::")]
fn unfinished_images_are_checked_in_linear_time() {
    checks_without_errors("![", 3_000_000);
}

/// 2 MB of `[a](`: 102 s before (text events for each unclosed link).
#[test]
#[cfg_attr(debug_assertions, ignore = "sized for release builds: cargo test --release --test it linear::")]
fn unclosed_link_destinations_are_checked_in_linear_time() {
    checks_without_errors("[a](", 2_000_000);
}

/// 2 MB of `[a](<`: 57 s before.
#[test]
#[cfg_attr(debug_assertions, ignore = "sized for release builds: cargo test --release --test it linear::")]
fn unclosed_pointy_link_destinations_are_checked_in_linear_time() {
    checks_without_errors("[a](<", 2_000_000);
}

/// 2.5 MB of `![a](`: over 30 s before (2 MB took 42 s).
#[test]
#[cfg_attr(debug_assertions, ignore = "sized for release builds: cargo test --release --test it linear::")]
fn unclosed_image_destinations_are_checked_in_linear_time() {
    checks_without_errors("![a](", 2_500_000);
}

/// 2 MB of `[a][b] `: 52 s before (undefined reference links stay text).
#[test]
#[cfg_attr(debug_assertions, ignore = "sized for release builds: cargo test --release --test it linear::")]
fn undefined_reference_links_are_checked_in_linear_time() {
    checks_without_errors("[a][b] ", 2_000_000);
}

/// 2.5 MB of `[^a]`: over 30 s before (2 MB took 35 s; undefined
/// footnote references stay text).
#[test]
#[cfg_attr(debug_assertions, ignore = "sized for release builds: cargo test --release --test it linear::")]
fn undefined_footnote_references_are_checked_in_linear_time() {
    checks_without_errors("[^a]", 2_500_000);
}

/// 2 MB of `~~a ~a `: 109 s before.
#[test]
#[cfg_attr(debug_assertions, ignore = "sized for release builds: cargo test --release --test it linear::")]
fn unmatched_strikethrough_is_checked_in_linear_time() {
    checks_without_errors("~~a ~a ", 2_000_000);
}

/// 2 MB of `_a __a `: 83 s before.
#[test]
#[cfg_attr(debug_assertions, ignore = "sized for release builds: cargo test --release --test it linear::")]
fn unmatched_underscore_emphasis_is_checked_in_linear_time() {
    checks_without_errors("_a __a ", 2_000_000);
}

/// 2.5 MB of `***a `: over 30 s before (2 MB took 43 s).
#[test]
#[cfg_attr(debug_assertions, ignore = "sized for release builds: cargo test --release --test it linear::")]
fn unmatched_triple_stars_are_checked_in_linear_time() {
    checks_without_errors("***a ", 2_500_000);
}
