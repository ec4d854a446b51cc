//! The content team's tools: translation status and `stamp`, `new`, `init`.

use crate::common::{SiteTest, tebiki};

fn read_site_file(t: &SiteTest, path: &str) -> String {
    std::fs::read_to_string(t.root().join(path)).unwrap()
}

/// The row of `id` in the translation table of `tebiki check`.
fn row<'a>(stdout: &'a str, id: &str) -> &'a str {
    stdout.lines().find(|l| l.split_whitespace().next() == Some(id)).unwrap_or_else(|| panic!("no row for {id} in:\n{stdout}"))
}

#[test]
fn editing_the_source_after_stamping_makes_the_translation_stale_until_stamped_again() {
    let t = SiteTest::new("tools/translated");
    let r = t.run(&["stamp", "demo", "other"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("Stamped 2 translations"), "{}", r.stderr);
    let r = t.run(&["check", "--strict"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(row(&r.stdout, "demo").ends_with("source     complete"), "{}", r.stdout);
    t.build();
    assert!(!t.read("en/programs/demo/index.html").contains("stale-notice"));

    // The Japanese source changes; its English translation does not.
    let ja = read_site_file(&t, "content/programs/demo.ja.md").replace("本文です。", "本文です。新しい段落を加えました。");
    t.write("content/programs/demo.ja.md", &ja);
    let r = t.run(&["check"]);
    assert_eq!(r.code, 0, "warnings alone pass without --strict: {}", r.stderr);
    assert!(row(&r.stdout, "demo").ends_with("stale"), "{}", r.stdout);
    assert!(row(&r.stdout, "other").ends_with("complete"), "{}", r.stdout);
    assert!(r.stdout.contains("Translations into en: 1/3 complete (33%), 1 stale, 0 unstamped, 1 missing"), "{}", r.stdout);
    assert!(r.stderr.contains("translation is stale"), "{}", r.stderr);
    assert!(r.stderr.contains("content/programs/demo.en.md:5:14"), "the warning points at the stamp: {}", r.stderr);
    assert_eq!(t.run(&["check", "--strict"]).code, 1);

    let build = t.build();
    assert!(build.stderr.contains("warning[translation-status]: 1 translation is stale"), "build sums translations up: {}", build.stderr);
    assert!(!build.stderr.contains("demo.en.md"), "{}", build.stderr);
    let en = t.read("en/programs/demo/index.html");
    let notice = en.split(r#"<p class="notice stale-notice" role="note">"#).nth(1).and_then(|n| n.split("</p>").next());
    let notice = notice.unwrap_or_else(|| panic!("no stale notice: {en}"));
    assert!(notice.contains("The Japanese original of this page has changed"), "{notice}");
    assert!(notice.contains(r#"<a href="../../../ja/programs/demo/index.html" hreflang="ja">Read the Japanese original</a>"#), "{notice}");
    assert!(!t.read("ja/programs/demo/index.html").contains("stale-notice"));
    assert!(!t.read("en/programs/other/index.html").contains("stale-notice"));

    // The translator brings it up to date and stamps it.
    let r = t.run(&["stamp", "demo"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(t.run(&["check", "--strict"]).code, 0);
    t.build();
    assert!(!t.read("en/programs/demo/index.html").contains("stale-notice"));
}

#[test]
fn unstamped_and_missing_translations_are_listed_and_unstamped_fails_strict() {
    let t = SiteTest::new("tools/translated");
    let r = t.run(&["check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("page     kind     ja         en\n"), "{}", r.stdout);
    assert!(row(&r.stdout, "demo").ends_with("source     unstamped"), "{}", r.stdout);
    assert!(row(&r.stdout, "ja-only").ends_with("source     missing"), "{}", r.stdout);
    assert!(r.stdout.contains("Translations into en: 0/3 complete (0%), 0 stale, 2 unstamped, 1 missing"), "{}", r.stdout);
    assert_eq!(r.stderr.matches("translation is unstamped").count(), 2, "{}", r.stderr);
    assert_eq!(t.run(&["check", "--strict"]).code, 1);

    let json = t.run(&["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let warnings: Vec<&str> = v.as_array().unwrap().iter().filter_map(|d| d["message"].as_str()).collect();
    assert_eq!(warnings.iter().filter(|m| m.contains("unstamped")).count(), 2, "{warnings:?}");

    // Stamping every page leaves only the page that has no translation.
    assert_eq!(t.run(&["stamp", "--all"]).code, 0);
    let r = t.run(&["check", "--strict"]);
    assert_eq!(r.code, 0, "a missing translation is reported, not a warning: {}", r.stderr);
    assert!(row(&r.stdout, "ja-only").ends_with("missing"));
}

#[test]
fn stamp_adds_only_the_source_hash_and_source_blocks_lines() {
    let t = SiteTest::new("tools/translated");
    let before = read_site_file(&t, "content/programs/demo.en.md");
    assert_eq!(t.run(&["stamp", "demo"]).code, 0);
    let after = read_site_file(&t, "content/programs/demo.en.md");
    let inserted: Vec<&str> = after.split_inclusive('\n').filter(|l| !before.split_inclusive('\n').any(|b| b == *l)).collect();
    assert_eq!(inserted.len(), 2, "{after:?}");
    assert!(inserted[0].starts_with("source_hash: ") && inserted[0].ends_with("\r\n"), "{inserted:?}");
    assert!(inserted[1].starts_with("source_blocks: ") && inserted[1].ends_with("\r\n"), "{inserted:?}");
    assert_eq!(after.replace(inserted[0], "").replace(inserted[1], ""), before, "every other byte is kept");
    assert_eq!(read_site_file(&t, "content/programs/demo.ja.md").matches("source_hash").count(), 0, "the source is not touched");

    // Stamping again writes nothing.
    let r = t.run(&["stamp", "demo"]);
    assert!(r.stderr.contains("Stamped 0 translations; 1 already up to date."), "{}", r.stderr);
    assert_eq!(read_site_file(&t, "content/programs/demo.en.md"), after);
}

#[test]
fn stamp_of_an_unknown_id_suggests_one_and_writes_nothing() {
    let t = SiteTest::new("tools/translated");
    let r = t.run(&["stamp", "dmeo", "demo"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("there is no page with id `dmeo`"), "{}", r.stderr);
    assert!(r.stderr.contains("did you mean `demo`?"), "{}", r.stderr);
    assert!(!read_site_file(&t, "content/programs/demo.en.md").contains("source_hash"));
    assert_eq!(t.run(&["stamp"]).code, 2, "stamp needs ids or --all");
    assert_eq!(t.run(&["stamp", "--all", "demo"]).code, 2);
}

#[test]
fn init_writes_a_site_that_builds_and_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("x");
    let out = tebiki().arg("init").arg(&site).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let build = tebiki().arg("--root").arg(&site).arg("build").output().unwrap();
    assert!(build.status.success(), "{}", String::from_utf8_lossy(&build.stderr));
    assert!(site.join("public/ja/policies/welcome/index.html").is_file());
    assert!(site.join("public/en/index.html").is_file());
    let check = tebiki().arg("--root").arg(&site).args(["check", "--strict"]).output().unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(stdout.contains("Translations into en: 1/1 complete (100%)"), "{stdout}");

    // A second init refuses and leaves the site as it was.
    let before = std::fs::read(site.join("site.yaml")).unwrap();
    let again = tebiki().arg("init").arg(&site).output().unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(std::fs::read(site.join("site.yaml")).unwrap(), before);
}

#[test]
fn init_writes_into_dir_or_the_root_folder_and_refuses_both() {
    let dir = tempfile::tempdir().unwrap();
    let out = tebiki().current_dir(dir.path()).args(["--root", "b", "init"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(dir.path().join("b/site.yaml").is_file(), "without DIR, the --root folder");
    let out = tebiki().current_dir(dir.path()).args(["--root", "c", "init", "d"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("given twice"), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!dir.path().join("c").exists() && !dir.path().join("d").exists(), "nothing written");
}

/// A new site speaks of nothing but itself: none of the flagship's policy
/// wording anywhere in its output, and no crosswalk (it has no successions).
#[test]
fn init_site_has_no_policy_wording_and_no_empty_crosswalk() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("x");
    assert!(tebiki().arg("init").arg(&site).output().unwrap().status.success());
    let build = tebiki().arg("--root").arg(&site).arg("build").output().unwrap();
    assert!(build.status.success(), "{}", String::from_utf8_lossy(&build.stderr));
    let files = crate::common::tree(&site.join("public"));
    assert!(files.len() > 20, "{}", files.len());
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        for word in ["統合プロジェクト", "対応表", "AMED", "政策文書", "Integrated project", "policy documents", "crosswalk", "Crosswalk"]
        {
            assert!(!text.contains(word), "{path} contains `{word}`");
        }
        assert!(!path.contains("crosswalk"), "{path}");
    }
}

/// A copy of the shipped site (site.yaml, its accessibility report and content/) in a temporary folder.
fn shipped_copy() -> tempfile::TempDir {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo.join("site.yaml"), dir.path().join("site.yaml")).unwrap();
    // The report site.yaml's `accessibility:` names.
    std::fs::copy(repo.join("accessibility.json"), dir.path().join("accessibility.json")).unwrap();
    for e in walkdir::WalkDir::new(repo.join("content")) {
        let e = e.unwrap();
        let target = dir.path().join(e.path().strip_prefix(repo).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
    dir
}

#[test]
fn new_writes_a_pair_that_builds_and_never_overwrites() {
    let dir = shipped_copy();
    let root = dir.path();
    let run = |args: &[&str]| tebiki().arg("--root").arg(root).args(args).output().unwrap();
    let out = run(&["new", "program", "demo"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let ja = std::fs::read_to_string(root.join("content/programs/demo.ja.md")).unwrap();
    let en = std::fs::read_to_string(root.join("content/programs/demo.en.md")).unwrap();
    assert!(ja.starts_with("---\nid: demo\ntitle: demo\n"), "{ja}");
    assert!(en.starts_with("---\ntitle: demo\n") && !en.contains("source_hash"), "{en}");
    let build = run(&["build"]);
    assert!(build.status.success(), "{}", String::from_utf8_lossy(&build.stderr));
    assert!(root.join("public/ja/programs/demo/index.html").is_file());
    assert!(root.join("public/en/programs/demo/index.html").is_file());
    let check = run(&["check"]);
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(row(&stdout, "demo").ends_with("unstamped"), "the new translation waits for its translator: {stdout}");

    // Never overwrites: the same id again, or an id another page has.
    std::fs::write(root.join("content/programs/demo.en.md"), "---\ntitle: Demo\n---\nTranslated.\n").unwrap();
    let again = run(&["new", "program", "demo"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(root.join("content/programs/demo.en.md")).unwrap(), "---\ntitle: Demo\n---\nTranslated.\n");
    let taken = run(&["new", "policy", "b-cure"]);
    assert_eq!(taken.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&taken.stderr).contains("already used by content/programs/b-cure.ja.md"));
    assert!(!root.join("content/policies/b-cure.ja.md").exists());

    // Usage errors: an unknown kind (with a suggestion), an id that is not a slug.
    let kind = run(&["new", "programm", "x"]);
    assert_eq!(kind.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&kind.stderr).contains("did you mean `program`?"));
    assert_eq!(run(&["new", "program", "Not_A_Slug"]).status.code(), Some(2));
}

#[test]
fn the_shipped_content_is_fully_stamped() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = tebiki().args(["--root", root, "check"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stderr.contains("translation is stale") && !stderr.contains("translation is unstamped"), "{stderr}");
    let coverage = stdout.lines().find(|l| l.starts_with("Translations into en:")).unwrap_or_default();
    assert!(coverage.contains(" 0 stale, 0 unstamped"), "{stdout}");
}

#[test]
fn new_handout_lists_the_sites_pages_by_kind_under_an_empty_pages_field() {
    let t = SiteTest::new("print/handout");
    let r = t.run(&["new", "handout", "next-briefing"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let ja = std::fs::read_to_string(t.root().join("content/handouts/next-briefing.ja.md")).unwrap();
    let en = std::fs::read_to_string(t.root().join("content/handouts/next-briefing.en.md")).unwrap();
    assert!(ja.contains("\npages: []\n"), "{ja}");
    // Each kind with its label in the site's default language, each page with its id and title; no handouts.
    for line in [
        "# 政策 (policy):",
        "#   hms-3    健康・医療戦略（第3期）",
        "#   ja-only  日本語だけの政策",
        "#   b-cure  ゲノム医療実現バイオバンク利活用プログラム",
    ] {
        assert!(ja.lines().any(|l| l == line), "`{line}` in:\n{ja}");
    }
    assert!(!ja.contains("#   briefing"), "{ja}");
    assert!(en.starts_with("---\ntitle: next-briefing\n") && !en.contains("pages:"), "{en}");
    // The new handout builds as it is.
    let r = t.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(t.root().join("public/ja/handouts/next-briefing/index.html").is_file());
}
