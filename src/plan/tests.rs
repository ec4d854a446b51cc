//! Unit tests of the plan on the fixture `tests/fixtures/print/handout`.

use std::collections::BTreeSet;
use std::path::Path;

use super::*;
use crate::diagnostic::Diagnostics;
use crate::theme::ThemeFile;

fn fixture() -> (Site, Theme) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/print/handout");
    let config = crate::config::load_config(&root).expect("fixture config");
    let mut diags = Diagnostics::new();
    let theme = crate::theme::load_theme(&config, &mut diags);
    let (site, _) = crate::load::load_site(config, crate::load::LoadOptions::default());
    (site, theme)
}

fn paths_of(jobs: &[Job]) -> Vec<&str> {
    jobs.iter().flat_map(|j| j.paths.iter().map(String::as_str)).collect()
}

#[test]
fn every_output_is_planned_once_with_its_path() {
    let (site, theme) = fixture();
    let jobs = plan(&site, &theme);
    let all = paths_of(&jobs);
    let unique: BTreeSet<&str> = all.iter().copied().collect();
    assert_eq!(unique.len(), all.len(), "a path is planned twice");
    for p in ["index.html", "404.html", "robots.txt", "sitemap.xml", "data/site.json", "highlight.css", "ja/atom.xml", "en/index.html"] {
        assert!(unique.contains(p), "{p} is not planned");
    }
    let briefing = jobs.iter().find(|j| j.path() == "ja/handouts/briefing/index.html").expect("the handout");
    assert!(matches!(briefing.view, View::Handout(..)), "{briefing:?}");
    assert!(jobs.iter().any(|j| j.view == View::Page(site.page_index("b-cure").unwrap(), Lang::En)));
}

#[test]
fn the_sitemap_lists_the_planned_pages_but_the_root_404_and_redirects() {
    let (site, theme) = fixture();
    let jobs = plan(&site, &theme);
    let Some(View::Sitemap(entries)) = jobs.iter().map(|j| &j.view).find(|v| matches!(v, View::Sitemap(_))) else { panic!("no sitemap") };
    let dirs: BTreeSet<&str> = entries.iter().flat_map(|e| e.dirs.values().map(String::as_str)).collect();
    assert!(dirs.contains("ja/programs/b-cure/") && dirs.contains("en/glossary/"), "{dirs:?}");
    assert!(dirs.iter().all(|d| d.starts_with("ja/") || d.starts_with("en/")), "{dirs:?}");
}

#[test]
fn a_theme_file_never_takes_the_path_of_a_page_a_site_file_or_the_search_index() {
    let (site, mut theme) = fixture();
    let file = || ThemeFile { origin: "static/x".into(), bytes: b"x".to_vec() };
    for name in ["ja/programs/b-cure/index.html", "robots.txt", "ja/search/v1/manifest.json", "extra.css"] {
        theme.statics.insert(name.into(), file());
    }
    let jobs = plan(&site, &theme);
    let statics: Vec<&str> = jobs.iter().filter(|j| matches!(j.view, View::ThemeStatic(_))).map(Job::path).collect();
    assert!(statics.contains(&"extra.css"), "{statics:?}");
    for taken in ["ja/programs/b-cure/index.html", "robots.txt", "ja/search/v1/manifest.json"] {
        assert!(!statics.contains(&taken), "{taken}: {statics:?}");
    }
    assert_eq!(paths_of(&jobs).iter().filter(|p| **p == "robots.txt").count(), 1);
}

#[test]
fn a_long_list_is_one_job_with_a_file_per_page() {
    let (mut site, theme) = fixture();
    site.config.pagination = 1;
    let jobs = plan(&site, &theme);
    let programs = site.config.kinds.iter().position(|k| k.key == "program").unwrap();
    let list = jobs.iter().find(|j| j.view == View::KindList(programs, Lang::Ja)).expect("the programs' list");
    assert_eq!(list.paths, ["ja/programs/index.html"]);
    let policies = site.config.kinds.iter().position(|k| k.key == "policy").unwrap();
    let list = jobs.iter().find(|j| j.view == View::KindList(policies, Lang::Ja)).expect("the policies' list");
    assert_eq!(list.paths, ["ja/policies/index.html", "ja/policies/page/2/index.html"]);
    let projects = site.config.kinds.iter().position(|k| k.key == "project").unwrap();
    assert!(jobs.iter().any(|j| j.view == View::KindList(projects, Lang::En)));
}

#[test]
fn a_sitemap_past_the_limit_is_planned_in_parts() {
    let entry = |n: usize| SitemapEntry { dirs: [(Lang::Ja, format!("ja/p{n}/"))].into(), lastmod: None };
    assert_eq!(sitemap::job(vec![entry(1)]).paths, ["sitemap.xml"]);
    let many: Vec<SitemapEntry> = (0..SITEMAP_MAX_URLS + 1).map(entry).collect();
    assert_eq!(sitemap::job(many).paths, ["sitemap-1.xml", "sitemap-2.xml", "sitemap.xml"]);
}
