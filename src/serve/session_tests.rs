use std::path::Path;

use super::Session;
use crate::plan::OutFile;

/// A copy of the serve fixture in a temporary folder.
fn site() -> tempfile::TempDir {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/serve/site");
    let dir = tempfile::tempdir().unwrap();
    for e in walkdir::WalkDir::new(&from) {
        let e = e.unwrap();
        let to = dir.path().join(e.path().strip_prefix(&from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(e.path(), &to).unwrap();
        }
    }
    dir
}

fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let p = root.join(file);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{file}: {from}");
    std::fs::write(p, text.replace(from, to)).unwrap();
}

fn files(s: &Session, root: &Path) -> Vec<OutFile> {
    s.compile(root, None, false).map_err(|d| format!("{d:?}")).unwrap().1
}

/// After each edit, the kept session must give exactly what a fresh one gives.
fn same_as_fresh(s: &Session, root: &Path) {
    let kept = files(s, root);
    let fresh = files(&Session::new(), root);
    assert_eq!(kept.len(), fresh.len());
    for (a, b) in kept.iter().zip(&fresh) {
        assert!(a == b, "{} differs from a fresh build", a.path);
    }
}

#[test]
fn editing_one_body_re_renders_that_body_alone() {
    let d = site();
    let s = Session::reusing_bodies();
    files(&s, d.path());
    assert_eq!(s.reused_last(), 0);
    edit(d.path(), "content/programs/alpha.en.md", "Alpha body text.", "Alpha body, edited.");
    same_as_fresh(&s, d.path());
    // Three page bodies, alpha (ja, en) and beta (ja): the two unchanged are reused.
    assert_eq!(s.reused_last(), 2);
    let out = files(&s, d.path());
    let page = out.iter().find(|f| f.path == "en/programs/alpha/index.html").unwrap();
    assert!(String::from_utf8_lossy(&page.bytes).contains("Alpha body, edited."));
}

#[test]
fn a_changed_title_glossary_template_or_config_re_renders_every_body() {
    let d = site();
    let s = Session::reusing_bodies();
    files(&s, d.path());
    // beta's title is the text of links to it; the home page links to alpha.
    edit(d.path(), "content/programs/alpha.ja.md", "title: アルファ事業", "title: アルファ事業（改）");
    same_as_fresh(&s, d.path());
    edit(d.path(), "content/glossary.yaml", "The agency that funds medical research.", "Funds research.");
    let _ = files(&s, d.path());
    assert_eq!(s.reused_last(), 0, "a glossary change must re-render every body");
    same_as_fresh(&s, d.path());
    std::fs::create_dir_all(d.path().join("static")).unwrap();
    std::fs::write(d.path().join("static/extra.css"), "p{}").unwrap();
    let _ = files(&s, d.path());
    assert_eq!(s.reused_last(), 0, "a theme change must re-render every body");
    edit(d.path(), "site.yaml", "title: {ja: プレビューの試験", "title: {ja: プレビューの試験2");
    let _ = files(&s, d.path());
    assert_eq!(s.reused_last(), 0, "a config change must re-render every body");
    same_as_fresh(&s, d.path());
}

#[test]
fn added_and_removed_pages_are_handled() {
    let d = site();
    let s = Session::reusing_bodies();
    files(&s, d.path());
    std::fs::write(d.path().join("content/programs/gamma.ja.md"), "---\nid: gamma\ntitle: ガンマ\nsummary: 新しい。\n---\n[[alpha]]へ。\n")
        .unwrap();
    same_as_fresh(&s, d.path());
    std::fs::remove_file(d.path().join("content/programs/gamma.ja.md")).unwrap();
    same_as_fresh(&s, d.path());
}

#[test]
fn the_fingerprint_puts_every_body_back() {
    let d = site();
    let s = Session::new();
    let (compiled, _) = s.compile(d.path(), None, false).map_err(|d| format!("{d:?}")).unwrap();
    let mut site = compiled.site;
    let before: Vec<String> = site.pages().iter().flat_map(|p| p.texts.values().map(|t| t.body.to_string())).collect();
    let theme = crate::theme::Theme::default();
    let g = crate::hash::debug_hash(&site.glossary[..]);
    let a = super::fingerprint(&mut site, &theme, g);
    let after: Vec<String> = site.pages().iter().flat_map(|p| p.texts.values().map(|t| t.body.to_string())).collect();
    assert_eq!(before, after);
    assert!(!site.glossary.is_empty(), "the glossary is put back");
    assert_ne!(a, super::fingerprint(&mut site, &theme, blake3::hash(b"another glossary")), "the glossary is part of it");
    site.page_mut(0).texts.values_mut().for_each(|t| *t = t.clone().edit(|t| t.body = format!("{}more", t.body).into()));
    assert_eq!(a, super::fingerprint(&mut site, &theme, g), "bodies are not part of the fingerprint");
    // A page's fields are made from its front matter: the fingerprint follows the hash of it.
    site.page_mut(0).texts.values_mut().for_each(|t| *t = t.clone().edit(|t| t.yaml = format!("{}\n", t.yaml).into()));
    assert_ne!(a, super::fingerprint(&mut site, &theme, g));
}

#[test]
fn a_body_edit_renders_that_page_alone_and_matches_a_fresh_build() {
    let d = site();
    let s = Session::reusing_bodies();
    files(&s, d.path());
    assert_eq!(s.jobs_run_last(), None, "the first compile renders everything");
    let b = std::fs::read_dir(d.path().join("content/programs"))
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().ends_with(".en.md"));
    let path = b.unwrap().path();
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\nOne more paragraph.\n")).unwrap();
    s.forget(d.path(), std::slice::from_ref(&path));
    same_as_fresh(&s, d.path());
    let run = s.jobs_run_last().expect("only what changed is rendered");
    assert!((1..=4).contains(&run), "{run} jobs rendered again");
    // A title is read by other pages' lists: everything is rendered again.
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("title: ", "title: New ", 1)).unwrap();
    s.forget(d.path(), std::slice::from_ref(&path));
    same_as_fresh(&s, d.path());
    assert_eq!(s.jobs_run_last(), None);
}

#[test]
fn a_bundle_file_added_changed_or_deleted_is_copied_refreshed_or_removed_beside_its_page() {
    let d = site();
    let root = d.path();
    let bundle = root.join("content/programs/gamma");
    std::fs::create_dir_all(bundle.join("img")).unwrap();
    std::fs::write(bundle.join("index.ja.md"), "---\nid: gamma\ntitle: ガンマ\n---\n図：![構成図](chart.png)\n").unwrap();
    std::fs::write(bundle.join("index.en.md"), "---\ntitle: Gamma\n---\nA chart: ![Chart](chart.png)\n").unwrap();
    std::fs::write(bundle.join("chart.png"), b"first").unwrap();
    let s = Session::reusing_bodies();
    let bytes = |s: &Session, path: &str| files(s, root).into_iter().find(|f| f.path == path).map(|f| f.bytes);
    assert_eq!(bytes(&s, "ja/programs/gamma/chart.png").as_deref(), Some(&b"first"[..]));
    assert_eq!(bytes(&s, "en/programs/gamma/chart.png").as_deref(), Some(&b"first"[..]));

    std::fs::write(bundle.join("chart.png"), b"second").unwrap();
    s.forget(root, &[bundle.join("chart.png")]);
    assert_eq!(bytes(&s, "en/programs/gamma/chart.png").as_deref(), Some(&b"second"[..]), "changed");
    same_as_fresh(&s, root);

    std::fs::write(bundle.join("img/extra.svg"), b"<svg/>").unwrap();
    s.forget(root, &[bundle.join("img/extra.svg")]);
    assert!(bytes(&s, "ja/programs/gamma/img/extra.svg").is_some(), "added");
    same_as_fresh(&s, root);

    std::fs::remove_file(bundle.join("img/extra.svg")).unwrap();
    s.forget(root, &[bundle.join("img/extra.svg")]);
    let out = files(&s, root);
    assert!(!out.iter().any(|f| f.path.ends_with("extra.svg")), "deleted");
    same_as_fresh(&s, root);

    // The page loses its English file: the English copy goes with it.
    std::fs::remove_file(bundle.join("index.en.md")).unwrap();
    s.forget(root, &[bundle.join("index.en.md")]);
    assert!(bytes(&s, "en/programs/gamma/chart.png").is_none());
    assert!(bytes(&s, "ja/programs/gamma/chart.png").is_some());
    same_as_fresh(&s, root);
}

/// The theme of `s` for the site at `root`, with the problems making it found.
fn theme_of(s: &Session, root: &Path) -> (std::sync::Arc<crate::theme::Theme>, Vec<String>) {
    use crate::pipeline::Cache;
    let (config, mut diags) = crate::pipeline::configure(root, None).unwrap();
    let theme = s.theme(&config, &mut diags);
    (theme, diags.into_iter().map(|d| d.message).collect())
}

#[test]
fn the_theme_is_kept_while_its_files_stay_the_same_and_its_problems_are_reported_each_time() {
    let d = site();
    let s = Session::reusing_bodies();
    let (first, _) = theme_of(&s, d.path());
    assert!(std::sync::Arc::ptr_eq(&first, &theme_of(&s, d.path()).0), "nothing changed: the same theme");
    // The site's own UI strings change the theme, and the pages show them.
    std::fs::create_dir_all(d.path().join("i18n")).unwrap();
    std::fs::write(d.path().join("i18n/en.yaml"), "generated_by: Built here\n").unwrap();
    assert!(!std::sync::Arc::ptr_eq(&first, &theme_of(&s, d.path()).0), "a new UI string: a new theme");
    let out = files(&s, d.path());
    let page = out.iter().find(|f| f.path == "en/programs/alpha/index.html").unwrap();
    assert!(String::from_utf8_lossy(&page.bytes).contains("Built here"));
    same_as_fresh(&s, d.path());
    // A kept theme's problems come back with it: a key the theme lacks fails every compile.
    std::fs::write(d.path().join("i18n/en.yaml"), "no_such_key: x\n").unwrap();
    for _ in 0..2 {
        let problems = theme_of(&s, d.path()).1;
        assert!(problems.iter().any(|m| m.contains("no_such_key")), "{problems:?}");
        assert!(s.compile(d.path(), None, false).is_err());
    }
    // So do the template errors of a kept theme, found when its templates are compiled.
    std::fs::remove_file(d.path().join("i18n/en.yaml")).unwrap();
    std::fs::create_dir_all(d.path().join("templates")).unwrap();
    std::fs::write(d.path().join("templates/404.html"), "{% if %}").unwrap();
    for _ in 0..2 {
        let errors = s.compile(d.path(), None, false).err().map(|d| d.into_iter().map(|d| d.message).collect::<Vec<_>>());
        assert!(errors.as_ref().is_some_and(|e| e.iter().any(|m| m.starts_with("template error"))), "{errors:?}");
    }
    std::fs::remove_file(d.path().join("templates/404.html")).unwrap();
    same_as_fresh(&s, d.path());
}
