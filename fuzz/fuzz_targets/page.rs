//! Fuzzes loading a whole page: the input is written as the source page of
//! a tiny site (with a translation, a glossary and a second page) and the
//! site is loaded, resolved and rendered. Any bytes give a site or
//! diagnostics, never a panic.

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tebiki::diagnostic::Diagnostics;
use tebiki::render::markdown::Highlighter;
use tebiki::{config, load, render, resolve};

const SITE: &str = "title: {ja: テスト, en: Test}\nbase_url: https://example.org/\nperiods:\n  \"3\": {from: 2025, to: 2029, label: {ja: 第3期, en: 3rd}}\nfacets:\n  ministries:\n    label: {ja: 府省, en: Ministries}\n    values:\n      mhlw: {label: {ja: 厚労省, en: MHLW}}\n";
const GLOSSARY: &str = "- id: amed\n  term: AMED\n  reading: えーめど\n  ja: {expansion: 機構, definition: 機関。}\n  en: {expansion: Agency, definition: An agency.}\n";
const OTHER: &str = "---\nid: b\ntitle: ビー\nparent: a\n---\n# 見出し\n[[a]]\n";
const TRANSLATION: &str = "---\ntitle: A\n---\nAMED [[b#見出し]]\n";

fn site() -> &'static PathBuf {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let base = if std::path::Path::new("/dev/shm").is_dir() { PathBuf::from("/dev/shm") } else { std::env::temp_dir() };
        let root = base.join(format!("tebiki-fuzz-page-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("content/policies")).unwrap();
        std::fs::write(root.join("site.yaml"), SITE).unwrap();
        std::fs::write(root.join("content/glossary.yaml"), GLOSSARY).unwrap();
        std::fs::write(root.join("content/policies/b.ja.md"), OTHER).unwrap();
        std::fs::write(root.join("content/policies/a.en.md"), TRANSLATION).unwrap();
        root
    })
}

fn highlighter() -> &'static Highlighter {
    static H: OnceLock<Highlighter> = OnceLock::new();
    H.get_or_init(Highlighter::new)
}

fuzz_target!(|data: &[u8]| {
    let root = site();
    std::fs::write(root.join("content/policies/a.ja.md"), data).unwrap();
    let Ok(config) = config::load_config(root) else { panic!("the fuzz site's config is broken") };
    let mut diags = Diagnostics::new();
    let theme = tebiki::theme::load_theme(&config, &mut diags);
    let (site, load_diags) = load::load_site(config, load::LoadOptions { drafts: data.len() % 2 == 0 });
    diags.extend(load_diags.sorted());
    let mut ix = resolve::resolve(&site, &mut diags);
    let (bodies, home) = render::render_bodies(&site, &theme, highlighter());
    render::check_bodies(&site, &mut ix, &bodies, &home, &mut diags);
    if diags.has_errors() {
        return;
    }
    let rendering = render::render_outputs(&site, &ix, &theme, &bodies, &home, highlighter(), false, &mut diags);
    for f in &rendering.files {
        assert!(!f.path.split('/').any(|s| s == ".." || s.is_empty()), "unsafe output path {}", f.path);
    }
});
