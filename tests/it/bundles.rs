//! Where the files of `content/` that are not pages go: a page bundle's
//! files (beside `…/install/index.ja.md`) beside the built page in each of
//! its languages, linked by the name written in the Markdown; other files
//! once under `assets/`; two files with one output path an error naming
//! both. Uses the docs section of `tests/fixtures/realdocs/site`.

use crate::common::SiteTest;
use crate::common::html::Doc;

fn site() -> SiteTest {
    SiteTest::new("realdocs/site")
}

#[test]
fn a_bundle_file_sits_beside_its_page_in_each_language_and_keeps_its_plain_name() {
    let t = site();
    t.build();
    let source = std::fs::read(t.root().join("content/guides/install/diagram.png")).unwrap();
    let out = t.tree();
    for lang in ["ja", "en"] {
        assert_eq!(out.get(&format!("{lang}/guides/install/diagram.png")), Some(&source), "{lang}");
        assert!(out.contains_key(&format!("{lang}/guides/install/img/arch.svg")), "{lang}: a file of a sub-folder keeps its path");
        let page = Doc::parse(&t.read(&format!("{lang}/guides/install/index.html")));
        let srcs = page.attrs("main img", "src");
        assert!(srcs.contains(&"diagram.png".to_string()) && srcs.contains(&"img/arch.svg".to_string()), "{lang}: {srcs:?}");
    }
    assert!(!out.keys().any(|p| p.starts_with("assets/guides/install/")), "no second copy under assets/");
    // Another page links to the bundle's copy in its own language.
    let configure = Doc::parse(&t.read("en/guides/configure/index.html"));
    assert_eq!(configure.attr("main picture img", "src"), "../install/diagram.png");
}

#[test]
fn a_file_in_no_bundle_is_copied_once_under_assets_and_links_to_it_are_rewritten() {
    let t = site();
    t.build();
    let out = t.tree();
    assert!(out.contains_key("assets/reference/files/report.pdf"));
    assert!(out.contains_key("assets/guides/advanced/cache.svg"));
    assert!(!out.keys().any(|p| p.ends_with("/report.pdf") && !p.starts_with("assets/")));
    let api = Doc::parse(&t.read("ja/reference/api/index.html"));
    assert!(api.attrs("main a", "href").contains(&"../../../assets/reference/files/report.pdf".to_string()));
}

#[test]
fn a_bundle_file_with_the_path_of_its_page_is_an_error_naming_both() {
    let t = site();
    t.write("content/guides/install/index.html", "<p>old export</p>\n");
    let run = t.run(&["build"]);
    assert_ne!(run.code, 0);
    let said = format!("{}{}", run.stdout, run.stderr);
    assert!(said.contains("content/guides/install/index.html"), "{said}");
    assert!(
        said.contains("ja/guides/install/index.html") && said.contains("page `install` (content/guides/install/index.ja.md)"),
        "{said}"
    );
}

#[test]
fn a_page_named_underscore_index_makes_its_folder_a_bundle_as_in_hugo() {
    let t = site();
    t.write("content/guides/advanced/_index.ja.md", "---\nid: advanced\ntitle: 応用\n---\n![キャッシュの図](cache.svg)\n");
    t.build();
    let out = t.tree();
    assert!(out.contains_key("ja/guides/advanced/cache.svg"), "beside the section's page");
    assert!(!out.contains_key("assets/guides/advanced/cache.svg"));
    let advanced = Doc::parse(&t.read("ja/guides/advanced/index.html"));
    assert_eq!(advanced.attr("main img", "src"), "cache.svg");
    // A page of the folder, written as if it were a folder itself (`../cache.svg`), links to that copy.
    let tuning = Doc::parse(&t.read("ja/guides/tuning/index.html"));
    assert_eq!(tuning.attr("main img", "src"), "../advanced/cache.svg");
}
