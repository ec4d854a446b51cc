//! How problems are printed (SPEC §2, §11): `check` lists every one, fast
//! even when one file has ten thousand; `build` shows the first few of each
//! kind and counts them all.

use std::time::{Duration, Instant};

use crate::common::SiteTest;

/// A site whose page `many` names `acronyms` acronyms the glossary lacks,
/// one per paragraph, and whose page `pictures` has `images` images without alt text.
fn noisy_site(acronyms: usize, images: usize) -> SiteTest {
    let t = SiteTest::new("tools/translated");
    let mut page = String::from("---\nid: many\ntitle: 多い\n---\n\n");
    for i in 0..acronyms {
        page.push_str(&format!("この段落には Q{} があります。\n\n", letters(i)));
    }
    t.write("content/programs/many.ja.md", &page);
    let mut page = String::from("---\nid: pictures\ntitle: 図\n---\n\n");
    for _ in 0..images {
        page.push_str("![](map.png)\n\n");
    }
    t.write("content/programs/pictures.ja.md", &page);
    t.write("content/programs/map.png", "");
    t
}

/// `AAA`, `AAB` …: a distinct all-capital word for each number.
fn letters(mut n: usize) -> String {
    let mut s = Vec::new();
    for _ in 0..3 {
        s.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap()
}

#[test]
fn check_prints_ten_thousand_warnings_of_one_file_in_linear_time() {
    let t = noisy_site(10_000, 0);
    let start = Instant::now();
    let r = t.run(&["check"]);
    let took = start.elapsed();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr.matches("warning[unknown-acronym]: acronym `Q").count(), 10_000);
    assert!(r.stderr.contains("20004 | この段落には QOUP があります。"), "the last snippet shows its line");
    // Re-reading the file for every warning took 6 s in a release build; reading it once takes a fraction of one.
    assert!(took < Duration::from_secs(15), "check took {took:?}");
}

#[test]
fn build_shows_the_first_few_of_each_kind_and_counts_every_kind() {
    let t = noisy_site(1000, 7);
    let r = t.build();
    let err = &r.stderr;
    assert_eq!(err.matches("warning[unknown-acronym]: ").count(), 5, "{err}");
    assert_eq!(err.matches("warning[missing-alt]: ").count(), 5, "{err}");
    let table = err.split_once("Problems by kind").map(|(_, t)| t).unwrap_or_else(|| panic!("no table: {err}"));
    let rows: Vec<Vec<&str>> = table.lines().skip(1).take(3).map(|l| l.split_whitespace().collect()).collect();
    assert_eq!(
        rows,
        [
            vec!["warning[unknown-acronym]", "1000", "(5", "shown)"],
            vec!["warning[missing-alt]", "7", "(5", "shown)"],
            vec!["warning[translation-status]", "1"],
        ],
        "{err}"
    );
    assert!(err.contains("(the first 5 of each are shown; `tebiki check` lists them all):"), "{err}");
    assert!(err.contains("\n0 errors, 1008 warnings\nBuilt "), "{err}");
}

#[test]
fn build_with_few_warnings_shows_them_all_without_a_table() {
    let t = noisy_site(2, 1);
    let err = t.build().stderr;
    assert_eq!(err.matches("warning[unknown-acronym]: ").count(), 2, "{err}");
    assert_eq!(err.matches("warning[missing-alt]: ").count(), 1, "{err}");
    assert!(!err.contains("Problems by kind"), "{err}");
}

#[test]
fn check_lists_every_problem_with_its_kind_in_json() {
    let t = noisy_site(1000, 7);
    let r = t.run(&["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let codes: Vec<&str> = v.as_array().unwrap().iter().filter_map(|d| d["code"].as_str()).collect();
    assert_eq!(codes.iter().filter(|c| **c == "unknown-acronym").count(), 1000);
    assert_eq!(codes.iter().filter(|c| **c == "missing-alt").count(), 7);
    assert_eq!(codes.iter().filter(|c| **c == "unstamped-translation").count(), 2);
}
