//! What a reader gets, kept as snapshots: the `<main>` of one or two pages
//! per behaviour (Markdown, references, budgets, lists, the glossary, a
//! handout), built from the small fixture site made for that behaviour.
//! The page chrome around `<main>` is left out, so that a change to the
//! header or footer does not touch every snapshot.
//!
//! The files are under `tests/snapshots/main/`. When output changes on
//! purpose, run `UPDATE_SNAPSHOTS=1 cargo test --test it snapshots::` and
//! review the diff in the commit; otherwise a difference fails the test
//! with the first line that differs.

use crate::common::SiteTest;
use crate::common::snapshot;

/// Fixture site and the pages whose `<main>` is kept, with what each shows.
const CASES: &[(&str, &[&str])] = &[
    // Tables, footnotes, task lists, strikethrough, a budget table; the same page in English.
    ("core/minimal", &["ja/programs/b-cure/index.html", "en/programs/b-cure/index.html"]),
    // CJK emphasis, highlighted code, glossary markup; a list, the glossary and the home page.
    ("core/minimal", &["ja/projects/p3-data/index.html", "ja/programs/index.html", "ja/glossary/index.html", "en/index.html"]),
    // [[id]], [[id|text]], [[id#anchor]], [[glossary:id]], relative .md links, a page in the other language only.
    ("refs/basic", &["ja/policies/a/index.html", "en/policies/a/index.html"]),
    // A program's budget across years: chart and table.
    ("charts/budget", &["ja/programs/alpha/index.html"]),
    // A briefing handout: cover, contents, pages, glossary appendix, sources.
    ("print/handout", &["ja/handouts/briefing/index.html"]),
];

#[test]
fn main_of_each_behaviours_pages_matches_its_snapshot() {
    let mut failed = Vec::new();
    let mut built: Vec<(&str, SiteTest)> = Vec::new();
    for (site, pages) in CASES {
        if !built.iter().any(|(s, _)| s == site) {
            let t = SiteTest::new(site);
            t.build();
            built.push((site, t));
        }
        let Some((_, t)) = built.iter().find(|(s, _)| s == site) else { continue };
        for page in *pages {
            let html = t.read(page);
            let main = main_of(&html).unwrap_or_else(|| panic!("{site}: {page} has no <main>"));
            let name = format!("main/{}/{}.html", site.replace('/', "-"), page.trim_end_matches("/index.html").replace('/', "-"));
            if let Err(e) = snapshot::compare(&snapshot::path(&name), &format!("{main}\n")) {
                failed.push(e);
            }
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// The page's `<main>` element exactly as written (a page has one).
fn main_of(html: &str) -> Option<&str> {
    let start = html.find("<main")?;
    let end = html.rfind("</main>")? + "</main>".len();
    html.get(start..end)
}
