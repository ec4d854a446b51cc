//! Fault tolerance of the output (SPEC §11): a build killed at any moment, or
//! one whose writing fails, leaves the previous `public/` byte-for-byte as it
//! was, and the next build leaves no staging folder behind. Also: the output
//! is the same whatever the number of threads.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use crate::common;
use crate::common::{SiteTest, tree};

/// The core fixture with `n` more program pages in both languages.
fn big_site(n: usize) -> SiteTest {
    let t = SiteTest::new("core/minimal");
    let body: String = (0..12)
        .map(|i| format!("## 節{i}\n\nAMEDが支援する研究の説明です。[[p3-data]]を参照。**「ゲノム」**の推進。\n\n```rust\nfn f() -> u32 {{ {i} }}\n```\n\n"))
        .collect();
    for i in 0..n {
        t.write(
            &format!("content/programs/gen/g{i:04}.ja.md"),
            &format!("---\nid: g{i:04}\ntitle: 生成された事業{i}\nparent: p3-data\nperiod: 3\nministries: [mhlw]\n---\n{body}"),
        );
        t.write(&format!("content/programs/gen/g{i:04}.en.md"), &format!("---\ntitle: Generated program {i}\n---\nAbout AMED.\n"));
    }
    t
}

fn stray(t: &SiteTest) -> Vec<String> {
    std::fs::read_dir(t.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("tebiki-"))
        .collect()
}

/// What a killed build left: the output, or, if it was killed between the
/// two renames of the swap, the previous output set aside.
fn left_output(t: &SiteTest) -> BTreeMap<String, Vec<u8>> {
    let public = t.root().join("public");
    if public.exists() {
        return tree(&public);
    }
    let old: Vec<_> = std::fs::read_dir(t.root())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(".public.tebiki-old-")))
        .collect();
    assert_eq!(old.len(), 1, "no output and no previous output set aside");
    tree(&old[0])
}

/// Runs a build to its end, returning when it began writing (the staging
/// folder appeared) and when it ended, from its start.
fn timed_build(t: &SiteTest) -> (Duration, Duration) {
    let start = Instant::now();
    let mut child = common::tebiki().current_dir(t.root()).arg("build").stderr(std::process::Stdio::null()).spawn().unwrap();
    let mut writing = None;
    loop {
        if writing.is_none() && stray(t).iter().any(|n| n.contains("staging")) {
            writing = Some(start.elapsed());
        }
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "the build failed");
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let end = start.elapsed();
    (writing.unwrap_or(end), end)
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_previous_output_intact() {
    let t = big_site(100);
    let (writing, end) = timed_build(&t);
    let previous = t.tree();
    t.write("content/policies/added.ja.md", "---\nid: added\ntitle: 追加\n---\n本文。\n");

    // Kills spread over reading and rendering, and packed into the writing and swapping at the end.
    let mut delays: Vec<Duration> = [10u32, 50, 90].into_iter().map(|p| writing * p / 100).collect();
    delays.extend((0..6u32).map(|k| writing + (end - writing) * k / 6));
    let mut seen = Vec::new();
    for delay in delays {
        let mut child = common::tebiki().current_dir(t.root()).arg("build").stderr(std::process::Stdio::null()).spawn().unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        let phase = if stray(&t).iter().any(|n| n.contains("staging")) { "while writing" } else { "before or after writing" };
        eprintln!("killed after {delay:?} (writing from {writing:?} to {end:?}): {phase}");
        seen.push((delay, left_output(&t)));
    }
    t.build();
    assert!(stray(&t).is_empty(), "left behind: {:?}", stray(&t));
    let new = t.tree();
    assert_ne!(previous, new, "the change made no difference");
    for (delay, out) in seen {
        assert!(out == previous || out == new, "killed after {delay:?}, the output is neither the previous nor the new one");
    }
}

#[test]
fn an_injected_write_failure_leaves_the_previous_output_intact() {
    let t = SiteTest::new("core/minimal");
    t.build();
    let previous = t.tree();
    t.write("content/policies/new.ja.md", "---\nid: new\ntitle: 新しい\n---\n本文。\n");
    let r = t.run_env(&["build"], &[("TEBIKI_FAIL_WRITE", "ja/policies/new/index.html")]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("injected write failure for ja/policies/new/index.html"), "{}", r.stderr);
    assert_eq!(previous, t.tree());
    assert!(stray(&t).is_empty(), "left behind: {:?}", stray(&t));
    t.build();
    assert!(t.read("ja/policies/new/index.html").contains("新しい"));
}

#[test]
fn leftovers_of_a_killed_build_are_cleaned_by_the_next() {
    let t = SiteTest::new("core/minimal");
    t.build();
    let previous = t.tree();
    // Killed while writing, and killed between the two renames of a swap.
    std::fs::create_dir_all(t.root().join(".public.tebiki-staging-999/ja")).unwrap();
    std::fs::rename(t.root().join("public"), t.root().join(".public.tebiki-old-998")).unwrap();
    t.build();
    assert_eq!(previous, t.tree());
    assert!(stray(&t).is_empty(), "left behind: {:?}", stray(&t));
}

#[test]
fn output_is_identical_with_one_and_two_threads() {
    for (name, site) in [("core", SiteTest::new("core/minimal")), ("big", big_site(60))] {
        let other = SiteTest::new("core/minimal");
        // Same files in both copies.
        std::fs::remove_dir_all(other.root().join("content")).unwrap();
        common::copy_dir(&site.root().join("content"), &other.root().join("content"));
        let one = site.run_env(&["build"], &[("RAYON_NUM_THREADS", "1")]);
        assert_eq!(one.code, 0, "{}", one.stderr);
        let two = other.run_env(&["build"], &[("RAYON_NUM_THREADS", "2")]);
        assert_eq!(two.code, 0, "{}", two.stderr);
        assert_eq!(site.tree(), other.tree(), "{name}: output differs between 1 and 2 threads");
    }
}
