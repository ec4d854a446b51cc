//! `tebiki serve` end to end: the real binary on a free port, against a copy
//! of tests/fixtures/serve/site, edited the ways authors and editors do.

use std::path::Path;
use std::time::Duration;

use crate::common;
use crate::common::SiteTest;
use crate::common::serve::Serve;

const ALPHA_EN: &str = "/en/programs/alpha/index.html";

fn site() -> SiteTest {
    SiteTest::new("serve/site")
}

fn replace(t: &SiteTest, path: &str, from: &str, to: &str) {
    let p = t.root().join(path);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{path} has no {from:?}");
    std::fs::write(p, text.replace(from, to)).unwrap();
}

#[test]
fn an_edited_page_reloads_with_its_new_text_and_then_stays_quiet() {
    let t = site();
    let s = Serve::start(t.root(), &[]);
    let page = s.get(ALPHA_EN);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Alpha body text."));
    let mut ev = s.events();
    replace(&t, "content/programs/alpha.en.md", "Alpha body text.", "Alpha body, edited once.");
    let state = ev.reload();
    let page = s.get(ALPHA_EN);
    assert!(page.body.contains("Alpha body, edited once."), "{}", page.body);
    assert!(page.body.contains(&format!("data-tebiki-build=\"{}\"", state.build)));
    // Serving writes nothing into the watched folders: no loop of rebuilds.
    assert!(ev.quiet_for(Duration::from_millis(1500)), "a rebuild nobody asked for: {:?}", ev.last);
}

#[test]
fn an_atomic_rename_over_save_reloads() {
    let t = site();
    let s = Serve::start(t.root(), &[]);
    let mut ev = s.events();
    let dir = t.root().join("content/programs");
    let text = std::fs::read_to_string(dir.join("alpha.en.md")).unwrap().replace("Alpha body text.", "Saved atomically.");
    std::fs::write(dir.join(".alpha.en.md.tmp-1234"), text).unwrap();
    std::fs::rename(dir.join(".alpha.en.md.tmp-1234"), dir.join("alpha.en.md")).unwrap();
    ev.reload();
    assert!(s.get(ALPHA_EN).body.contains("Saved atomically."));
}

#[test]
fn a_vim_style_backup_save_reloads() {
    let t = site();
    let s = Serve::start(t.root(), &[]);
    let mut ev = s.events();
    let dir = t.root().join("content/programs");
    let text = std::fs::read_to_string(dir.join("alpha.en.md")).unwrap().replace("Alpha body text.", "Saved the vim way.");
    std::fs::write(dir.join("4913"), "").unwrap();
    std::fs::remove_file(dir.join("4913")).unwrap();
    std::fs::rename(dir.join("alpha.en.md"), dir.join("alpha.en.md~")).unwrap();
    std::fs::write(dir.join("alpha.en.md"), text).unwrap();
    std::fs::remove_file(dir.join("alpha.en.md~")).unwrap();
    ev.reload();
    assert!(s.get(ALPHA_EN).body.contains("Saved the vim way."));
}

#[test]
fn a_new_template_folder_and_a_template_change_reload() {
    let t = site();
    let s = Serve::start(t.root(), &[]);
    let mut ev = s.events();
    let theme_page = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/page.html");
    let original = std::fs::read_to_string(theme_page).unwrap();
    let marked = original.replacen("{% block content %}", "{% block content %}<p class=\"marker\">override one</p>", 1);
    assert_ne!(marked, original, "page.html has no content block");
    // templates/ does not exist yet: the watcher must pick it up.
    t.write("templates/page.html", &marked);
    ev.reload();
    assert!(s.get(ALPHA_EN).body.contains("override one"));
    replace(&t, "templates/page.html", "override one", "override two");
    ev.reload();
    assert!(s.get(ALPHA_EN).body.contains("override two"));
}

#[test]
fn site_yaml_static_files_and_the_themes_ui_strings_reload() {
    let t = site();
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    for e in walkdir::WalkDir::new(&theme) {
        let e = e.unwrap();
        let to = t.root().join("themes/default").join(e.path().strip_prefix(&theme).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(to).unwrap();
        } else {
            std::fs::copy(e.path(), to).unwrap();
        }
    }
    let s = Serve::start(t.root(), &[]);
    let mut ev = s.events();
    replace(&t, "site.yaml", "en: Preview test}", "en: Preview trial}");
    ev.reload();
    assert!(s.get(ALPHA_EN).body.contains("<title>Alpha program | Preview trial</title>"));
    t.write("static/extra.txt", "an extra file");
    ev.reload();
    assert_eq!(s.get("/extra.txt").body, "an extra file");
    replace(&t, "themes/default/i18n/en.yaml", "Skip to content", "Jump to the content");
    ev.reload();
    assert!(s.get(ALPHA_EN).body.contains("Jump to the content"));
}

#[test]
fn a_burst_of_saves_is_not_a_burst_of_rebuilds() {
    let t = site();
    let s = Serve::start(t.root(), &[]);
    let mut ev = s.events();
    let before = s.log().matches("rebuilt").count();
    let file = t.root().join("content/programs/alpha.en.md");
    let original = std::fs::read_to_string(&file).unwrap();
    for n in 0..10 {
        std::fs::write(&file, original.replace("Alpha body", &format!("Alpha {n} body"))).unwrap();
    }
    ev.reload();
    assert!(ev.quiet_for(Duration::from_millis(1500)) || ev.quiet_for(Duration::from_millis(1500)));
    let rebuilds = s.log().matches("rebuilt").count() - before;
    assert!(rebuilds <= 2, "{rebuilds} rebuilds for one burst of saves:\n{}", s.log());
    assert!(s.get(ALPHA_EN).body.contains("Alpha 9 body"));
}

#[test]
fn a_glossary_change_reloads() {
    let t = site();
    let s = Serve::start(t.root(), &[]);
    let mut ev = s.events();
    replace(&t, "content/glossary.yaml", "The agency that funds medical research.", "Funds research and was edited.");
    ev.reload();
    let glossary = s.get("/en/glossary/index.html");
    assert_eq!(glossary.status, 200);
    assert!(glossary.body.contains("Funds research and was edited."));
}

#[test]
fn a_new_page_appears_and_a_deleted_page_is_gone() {
    let t = site();
    let s = Serve::start(t.root(), &[]);
    let mut ev = s.events();
    assert_eq!(s.get("/ja/programs/gamma/index.html").status, 404);
    t.write("content/programs/gamma.ja.md", "---\nid: gamma\ntitle: ガンマ事業\nsummary: 新しい事業。\n---\nガンマの本文。\n");
    ev.reload();
    let page = s.get("/ja/programs/gamma/index.html");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("ガンマの本文。"));
    std::fs::remove_file(t.root().join("content/policies/beta.ja.md")).unwrap();
    ev.reload();
    let gone = s.get("/ja/policies/beta/index.html");
    assert_eq!(gone.status, 404);
    assert!(gone.body.contains("__tebiki/live.js"), "the 404 page reloads too");
}

#[test]
fn a_renamed_page_leaves_a_404_with_a_link_home_at_its_old_url() {
    let t = site();
    let s = Serve::start(t.root(), &[]);
    let mut ev = s.events();
    let dir = t.root().join("content/policies");
    std::fs::rename(dir.join("beta.ja.md"), dir.join("beta-new.ja.md")).unwrap();
    replace(&t, "content/policies/beta-new.ja.md", "id: beta", "id: beta-new");
    ev.reload();
    assert_eq!(s.get("/ja/policies/beta-new/index.html").status, 200);
    let old = s.get("/ja/policies/beta/index.html");
    assert_eq!(old.status, 404);
    assert_eq!(old.header("content-type"), Some("text/html; charset=utf-8"));
    // The site's base_url has a sub-path; serve links from its own root.
    assert!(old.body.contains("href=\"/ja/index.html\"") || old.body.contains("href=\"/\""), "{}", old.body);
    assert_eq!(s.get("/ja/index.html").status, 200);
}

#[test]
fn a_failed_build_keeps_the_last_good_one_and_reports_file_and_line() {
    let t = site();
    let s = Serve::start(t.root(), &[]);
    let mut ev = s.events();
    let good = ev.build();
    replace(&t, "content/programs/alpha.en.md", "summary: A program for tests.", "summary: [unclosed");
    let failed = ev.wait("problems", |st| !st.problems.is_empty());
    assert_eq!(failed.build, good, "the last good build stays served");
    let p = &failed.problems[0];
    assert_eq!(p["file"], "content/programs/alpha.en.md");
    assert!(p["line"].as_u64().unwrap() >= 3, "{p}");
    assert!(!p["message"].as_str().unwrap().is_empty());
    let page = s.get(ALPHA_EN);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Alpha body text."));
    s.wait_log("still serving the last good build");
    assert!(s.log().contains("content/programs/alpha.en.md:3"), "{}", s.log());
    // A new connection hears of the problems at once.
    assert!(!s.events().last.unwrap().problems.is_empty());
    replace(&t, "content/programs/alpha.en.md", "summary: [unclosed", "summary: Fixed again.");
    ev.reload();
    assert!(s.events().last.unwrap().problems.is_empty());
}

#[test]
fn a_site_that_fails_from_the_start_serves_the_overlay_until_fixed() {
    let t = site();
    replace(&t, "content/programs/alpha.ja.md", "title: アルファ事業", "title: [broken");
    let s = Serve::start(t.root(), &[]);
    let first = s.get(ALPHA_EN);
    assert_eq!(first.status, 503);
    assert!(first.body.contains("__tebiki/live.js"));
    let mut ev = s.events();
    assert!(!ev.last.as_ref().unwrap().problems.is_empty());
    replace(&t, "content/programs/alpha.ja.md", "title: [broken", "title: アルファ事業");
    ev.reload();
    assert_eq!(s.get(ALPHA_EN).status, 200);
}

#[test]
fn content_types_are_right() {
    let t = site();
    let s = Serve::start(t.root(), &[]);
    for (path, ty) in [
        (ALPHA_EN, "text/html; charset=utf-8"),
        ("/", "text/html; charset=utf-8"),
        ("/tebiki.css", "text/css; charset=utf-8"),
        ("/tebiki-lang.js", "text/javascript; charset=utf-8"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/data/site.json", "application/json"),
        ("/__tebiki/live.js", "text/javascript; charset=utf-8"),
    ] {
        let r = s.get(path);
        assert_eq!((r.status, r.header("content-type")), (200, Some(ty)), "{path}");
    }
    let r = s.get("/en/programs/alpha");
    assert_eq!((r.status, r.header("location")), (307, Some("/en/programs/alpha/")));
    assert_eq!(s.get("/en/programs/alpha/").status, 200);
}

#[test]
fn traversal_in_any_encoding_never_reaches_a_file() {
    let t = site();
    std::fs::write(t.root().join("Cargo.toml"), "[package]\nname = \"secret\"\n").unwrap();
    let s = Serve::start(t.root(), &[]);
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/..%2fCargo.toml",
        "/%2E%2E%2FCargo.toml",
        "/ja/../../Cargo.toml",
        "/..%5cCargo.toml",
        "/%252e%252e/Cargo.toml",
        "/..;/Cargo.toml",
        "/site.yaml",
        "/content/programs/alpha.en.md",
    ] {
        let r = s.get(path);
        assert!(r.status == 400 || r.status == 404, "{path}: {}", r.status);
        assert!(!r.body.contains("[package]") && !r.body.contains("base_url") && !r.body.contains("Alpha body"), "{path}");
    }
}

#[cfg(unix)]
#[test]
fn symbolic_links_out_of_the_site_are_errors_and_never_served() {
    let t = site();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "TOP SECRET").unwrap();
    let link = |from: &Path, to: &str| {
        std::fs::create_dir_all(t.root().join(to).parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(from, t.root().join(to)).unwrap();
    };
    link(&outside.path().join("secret.txt"), "content/programs/leak.txt");
    link(&outside.path().join("secret.txt"), "static/leak.txt");
    link(outside.path(), "content/programs/leakdir");
    t.write("content/shared/note.txt", "inside the site");
    link(&t.root().join("content/shared/note.txt"), "content/programs/note.txt");
    let s = Serve::start(t.root(), &["--poll"]);
    let mut events = s.events();
    for path in ["/assets/programs/leak.txt", "/leak.txt", "/assets/programs/leakdir/secret.txt"] {
        // No build has succeeded yet: nothing is served.
        let r = s.get(path);
        assert!(matches!(r.status, 404 | 503), "{path}: {}", r.status);
        assert!(!r.body.contains("TOP SECRET"), "{path}");
    }
    for link in ["content/programs/leak.txt", "static/leak.txt", "content/programs/leakdir"] {
        s.wait_log(link);
    }
    assert!(s.log().contains("leads outside the site root"), "{}", s.log());
    assert!(!s.log().contains("TOP SECRET"));
    // Without the links out, the site builds; the link that stays inside is followed.
    for l in ["content/programs/leak.txt", "static/leak.txt", "content/programs/leakdir"] {
        std::fs::remove_file(t.root().join(l)).unwrap();
    }
    events.reload();
    let inside = s.get("/assets/programs/note.txt");
    assert_eq!((inside.status, inside.body.as_str()), (200, "inside the site"));
}

#[test]
fn build_output_has_no_live_reload_or_overlay_script() {
    let t = site();
    t.build();
    for (path, bytes) in t.tree() {
        let text = String::from_utf8_lossy(&bytes);
        for needle in ["__tebiki", "live.js", "EventSource", "data-tebiki-build", "tebiki-overlay"] {
            assert!(!text.contains(needle), "{path} contains {needle}");
        }
    }
}

#[test]
fn open_starts_the_browser_on_the_site() {
    let t = site();
    let bin = tempfile::tempdir().unwrap();
    let said = bin.path().join("opened");
    let script = bin.path().join("xdg-open");
    std::fs::write(&script, format!("#!/bin/sh\necho \"$1\" > '{}'\n", said.display())).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = format!("{}:{}", bin.path().display(), std::env::var("PATH").unwrap_or_default());
    let s = Serve::start_env(t.root(), &["--open"], &[("PATH", &path)]);
    let end = std::time::Instant::now() + common::serve::WAIT;
    // The script's `echo` creates the file before it writes the line: wait for the whole line.
    let read = || std::fs::read_to_string(&said).unwrap_or_default();
    while !read().ends_with('\n') && std::time::Instant::now() < end {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(read().trim(), s.url);
}

#[test]
fn polling_also_sees_changes() {
    let t = site();
    let s = Serve::start(t.root(), &["--poll"]);
    let mut ev = s.events();
    replace(&t, "content/programs/alpha.en.md", "Alpha body text.", "Seen by polling.");
    ev.reload();
    assert!(s.get(ALPHA_EN).body.contains("Seen by polling."));
    // A second save within the same second (modification times are whole seconds to the poller).
    replace(&t, "content/programs/alpha.en.md", "Seen by polling.", "Seen again.");
    ev.reload();
    assert!(s.get(ALPHA_EN).body.contains("Seen again."));
}

#[test]
fn drafts_are_served_only_with_drafts() {
    let t = site();
    t.write("content/policies/draft.ja.md", "---\nid: draft\ntitle: 下書き\nsummary: まだ。\ndraft: true\n---\n下書きの本文。\n");
    let without = Serve::start(t.root(), &[]);
    assert_eq!(without.get("/ja/policies/draft/index.html").status, 404);
    let with = Serve::start(t.root(), &["--drafts"]);
    assert_eq!(with.get("/ja/policies/draft/index.html").status, 200);
}

/// The number of documents in a served search index, once it is there.
fn indexed_docs(s: &Serve, lang: &str, want: impl Fn(u64) -> bool) -> u64 {
    let end = std::time::Instant::now() + Duration::from_secs(20);
    let mut last = None;
    while std::time::Instant::now() < end {
        let r = s.get(&format!("/{lang}/search/v1/manifest.json"));
        if r.status == 200 {
            let v: serde_json::Value = serde_json::from_str(&r.body).expect("the manifest is JSON");
            let docs = v["docs"].as_u64().expect("docs");
            if want(docs) {
                return docs;
            }
            last = Some(docs);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("the {lang} search index never had the wanted number of documents (last: {last:?})");
}

#[test]
fn the_search_index_follows_the_edits_after_the_reload() {
    let t = site();
    let s = Serve::start(t.root(), &[]);
    // Built after the first build, without delaying it.
    let before = indexed_docs(&s, "ja", |_| true);
    let mut ev = s.events();
    t.write("content/programs/gamma.ja.md", "---\nid: gamma\ntitle: ガンマ事業\nsummary: 新しい事業。\n---\nガンマの本文。\n");
    ev.reload();
    // The page is served at once; the index follows without another reload.
    assert_eq!(s.get("/ja/programs/gamma/index.html").status, 200);
    assert_eq!(indexed_docs(&s, "ja", |d| d == before + 1), before + 1);
    assert!(ev.quiet_for(Duration::from_millis(500)), "the index must not reload the pages: {:?}", ev.last);
}
