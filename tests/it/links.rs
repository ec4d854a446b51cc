//! Every internal link of a docs section (`tests/fixtures/realdocs/site`)
//! checked and resolved: `[[id]]`, `.md` files, root-relative site paths,
//! folder-style relative links, assets beside pages, old paths mapped in
//! site.yaml, in-page and cross-page anchors, in Markdown and raw HTML
//! (where assets are copied: `bundles.rs`).
//! `realdocs/broken` adds a page with one broken link of each kind.

use std::path::Path;
use std::process::Command;

use crate::common::{SiteTest, copy_dir, fixture};

fn site() -> SiteTest {
    SiteTest::new("realdocs/site")
}

/// The diagnostics of `tebiki check` for `file`: (severity, line, column, message, code).
fn diagnostics_of(t: &SiteTest, file: &str) -> Vec<(String, u64, u64, String, String)> {
    let run = t.run(&["check", "--format", "json"]);
    let all: serde_json::Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}{}", run.stdout, run.stderr));
    let text = |d: &serde_json::Value, k: &str| d[k].as_str().unwrap_or_default().to_string();
    all.as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == file)
        .map(|d| (text(d, "severity"), d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap(), text(d, "message"), text(d, "code")))
        .collect()
}

#[test]
fn reports_one_broken_link_of_each_kind_at_its_position() {
    let t = site();
    copy_dir(&fixture("realdocs/broken"), t.root());
    let found: Vec<_> = diagnostics_of(&t, "content/guides/broken.ja.md").into_iter().filter(|d| d.0 == "error").collect();
    let at: Vec<(u64, u64, &str)> = found.iter().map(|d| (d.1, d.2, d.3.as_str())).collect();
    let expected: [(u64, u64, &str); 10] = [
        (7, 5, "no page has the id `nosuch`"),
        (7, 21, "no content file `content/guides/configur.ja.md`; did you mean `content/guides/configure.ja.md`"),
        (9, 8, "no page or file at `/ja/reference/apis/`; did you mean `/ja/reference/api/`"),
        (9, 43, "no page or file at `../configur/`; did you mean `/ja/guides/configure/`"),
        (11, 4, "no page or file at `diagram.png`; did you mean `content/guides/install/diagram.png`"),
        (11, 30, "this page has no heading or element with the id `midashi`"),
        (13, 10, "page `install` has no heading `#prepar`"),
        (13, 35, "page `install` has no heading `#prepar`"),
        (15, 11, "no page or file at `img/arch.png`; did you mean `content/guides/install/img/arch.svg`"),
        (17, 5, "no page or file at `/docs/guide/old/`"),
    ];
    assert_eq!(at.len(), expected.len(), "{found:#?}");
    for ((line, column, message), want) in at.iter().zip(expected) {
        assert_eq!((*line, *column), (want.0, want.1), "{message}");
        assert!(message.starts_with(want.2), "{line}:{column}: {message}\nwanted: {}", want.2);
    }
    let run = t.run(&["build"]);
    assert_ne!(run.code, 0, "a broken link fails the build");
}

#[test]
fn links_become_relative_urls_of_pages_and_assets() {
    let t = site();
    t.build();
    let install = t.read("ja/guides/install/index.html");
    for href in [
        r#"<img src="diagram.png" alt="構成図" />"#,
        r#"<img src="img/arch.svg" alt="アーキテクチャ" width="200">"#,
        r#"<a href="../configure/index.html">設定</a>"#,
        r#"<a href="../tuning/index.html#cache">チューニング</a>"#,
        r#"<a href="../../reference/api/index.html#endpoints">API</a>"#,
        r#"<a href="../../reference/api/index.html">API の旧ページ</a>"#,
        r##"<a href="#prepare">"##,
        r#"<a href="../../../assets/reference/files/report.pdf">報告書</a>"#,
    ] {
        assert!(install.contains(href), "{href}");
    }
    let en = t.read("en/guides/install/index.html");
    assert!(en.contains(r#"<a href="../../reference/api/index.html#endpoints">API</a>"#), "/en/… stays in English");
    let configure = t.read("ja/guides/configure/index.html");
    assert!(configure.contains(r#"<source srcset="../install/img/arch.svg 1x""#), "{configure}");
    assert!(t.read("ja/index.html").contains(r#"<a href="guides/install/index.html">インストール</a>"#));
    let tuning = t.read("ja/guides/tuning/index.html");
    assert!(
        tuning.contains(r#"<img src="../../../assets/guides/advanced/cache.svg""#),
        "`../cache.svg` read from tuning.ja.md as a folder"
    );
    let api = t.read("ja/reference/api/index.html");
    let backlinks = api.split("id=\"rel-backlinks\"").nth(1).expect("api has backlinks");
    assert!(backlinks.contains("guides/install/index.html"), "a link by URL is a backlink: {backlinks}");
}

#[test]
fn a_link_by_page_url_is_a_warning_of_its_own_kind_that_site_yaml_silences() {
    let t = site();
    let warnings: Vec<_> = diagnostics_of(&t, "content/guides/install/index.ja.md").into_iter().filter(|d| d.4 == "page-url").collect();
    let first = &warnings[0];
    assert_eq!((first.0.as_str(), first.1, first.2), ("warning", 11, 3), "{warnings:#?}");
    assert_eq!(first.3, "`../configure/` names the page `configure` by its URL");
    assert_eq!(warnings.len(), 4, "../configure/, ./../tuning/#cache, /ja/reference/api/, the old path: {warnings:#?}");
    let yaml = std::fs::read_to_string(t.root().join("site.yaml")).unwrap();
    t.write("site.yaml", &yaml.replace("links:\n", "links:\n  page_urls: allow\n"));
    assert!(diagnostics_of(&t, "content/guides/install/index.ja.md").is_empty());
}

#[test]
fn old_paths_map_exactly_and_by_prefix_and_a_map_to_no_page_is_reported() {
    let t = site();
    t.build();
    assert!(t.read("ja/guides/tuning/index.html").contains(r#"<a href="../install/index.html">旧インストール</a>"#));
    let yaml = std::fs::read_to_string(t.root().join("site.yaml")).unwrap();
    t.write("site.yaml", &yaml.replace("\"/docs/reference/*\": api", "\"/docs/reference/*\": apis"));
    let found = diagnostics_of(&t, "content/guides/install/index.ja.md");
    assert!(
        found.iter().any(|d| d.0 == "error"
            && d.3.starts_with("`links.map` sends `/docs/reference/v1/api/` to `apis`, which is no page; did you mean `api`?")),
        "{found:#?}"
    );
}

fn lychee() -> Option<std::path::PathBuf> {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/tools-venv/bin/lychee");
    if venv.is_file() {
        return Some(venv);
    }
    if std::env::var("TEBIKI_BROWSER_TESTS").as_deref() == Ok("1") {
        return Some("lychee".into());
    }
    eprintln!("skipped: lychee is not installed (.ci/run puts it in target/tools-venv)");
    None
}

fn lychee_finds_nothing_broken(lychee: &Path, root_dir: &Path, dir: &Path) {
    let out = Command::new(lychee)
        .args(["--offline", "--include-fragments", "--no-progress"])
        .arg("--root-dir")
        .arg(root_dir)
        .arg(dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && stdout.contains("0 Errors"), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn lychee_finds_no_broken_link_or_image_at_the_root_or_under_a_sub_path() {
    let Some(lychee) = lychee() else { return };
    let t = site();
    t.build();
    let public = t.root().join("public");
    lychee_finds_nothing_broken(&lychee, &public, &public);
    let run = t.run(&["build", "--base-url", "https://example.org/sub/", "--out", "sub"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    lychee_finds_nothing_broken(&lychee, t.root(), &t.root().join("sub"));
}
