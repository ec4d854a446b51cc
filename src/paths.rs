//! Foundation: every output path and every URL of the site, in one module.
//!
//! Output paths are `/`-separated and relative to the output root
//! (`ja/programs/b-cure/index.html`); folders end in `/`
//! (`ja/programs/b-cure/`). Links inside the site are relative and name
//! `index.html` explicitly, so one build works at `/`, under a sub-path and
//! opened from disk; canonical and alternate URLs are absolute from
//! `base_url`, without `index.html`.
//!
//! Every stage that names an output asks here: the Markdown stage for the
//! links it resolves, `plan` for the file of every job, `render` for the
//! links of every page, `search` for its index files, `output` for the PDFs,
//! `serve` to find a file for a request. No other module builds a path or a
//! URL with `format!` (a test greps the sources for it), so changing the URL
//! scheme is a change to this file alone.

use std::path::Path;

use crate::lang::Lang;

/// Names the site's own outputs take in a language's folder: kinds and
/// facets may not take them as their folders.
pub const RESERVED: [&str; 7] = [GLOSSARY, SEARCH, CROSSWALK, PERIODS, DATA, FEED, ACCESSIBILITY];

/// The glossary's folder in a language's folder.
const GLOSSARY: &str = "glossary";
/// The search page's folder.
const SEARCH: &str = "search";
/// The accessibility statement's folder.
const ACCESSIBILITY: &str = "accessibility";
/// The crosswalk's folder.
const CROSSWALK: &str = "crosswalk";
/// The folder of the periods' pages.
const PERIODS: &str = "periods";
/// The folder of the machine-readable files, at the root.
const DATA: &str = "data";
/// A language's Atom feed.
const FEED: &str = "atom.xml";
/// The file a folder is served as.
const INDEX: &str = "index.html";

/// The root language chooser.
pub const ROOT_INDEX: &str = INDEX;
/// The page served for a missing file, at any depth.
pub const NOT_FOUND: &str = "404.html";
/// The site's knowledge graph.
pub const SITE_JSON: &str = "data/site.json";
/// The rules for crawlers.
pub const ROBOTS: &str = "robots.txt";
/// The sitemap, or the index of its parts on a large site.
pub const SITEMAP: &str = "sitemap.xml";
/// The code highlighter's stylesheet.
pub const HIGHLIGHT_CSS: &str = "highlight.css";
/// The folder the files of `content/` outside page bundles are copied into.
const ASSETS: &str = "assets";

// Folders.

/// The folder of a page: `ja/programs/b-cure/`.
pub fn page_dir(lang: Lang, folder: &str, id: &str) -> String {
    [lang.code(), "/", folder, "/", id, "/"].concat()
}

/// A folder beside the page folder `dir` that is no page's (its name is a
/// NUL, which no id holds): a link from it to any page but the one at `dir`
/// is the same as the link from `dir`, so pages that sit side by side can
/// share the links they all show.
pub fn beside_page_dir(dir: &str) -> String {
    match dir.trim_end_matches('/').rsplit_once('/') {
        Some((parent, _)) => [parent, "/\0/"].concat(),
        None => "\0/".to_string(),
    }
}

/// The folder of an alias of a page (an old id), which redirects to the page: `ja/programs/old-id/`.
pub fn alias_dir(lang: Lang, folder: &str, alias: &str) -> String {
    page_dir(lang, folder, alias)
}

/// The folder of a site section: `ja/glossary/`, `ja/` for `""`.
fn section_dir(lang: Lang, section: &str) -> String {
    if section.is_empty() { [lang.code(), "/"].concat() } else { [lang.code(), "/", section.trim_matches('/'), "/"].concat() }
}

/// A language's home page: `ja/`.
pub fn home_dir(lang: Lang) -> String {
    section_dir(lang, "")
}

/// The first page of a kind's list: `ja/programs/`.
pub fn kind_dir(lang: Lang, folder: &str) -> String {
    section_dir(lang, folder)
}

/// Page `number` (1-based) of a kind's list: `ja/programs/` for the first,
/// `ja/programs/page/2/` for the second.
pub fn kind_page_dir(lang: Lang, folder: &str, number: usize) -> String {
    let first = kind_dir(lang, folder);
    if number <= 1 { first } else { [first.as_str(), "page/", &number.to_string(), "/"].concat() }
}

/// The index of a facet's values: `ja/ministries/`.
pub fn facet_dir(lang: Lang, facet: &str) -> String {
    section_dir(lang, facet)
}

/// The pages of one value of a facet: `ja/ministries/mhlw/`.
pub fn facet_value_dir(lang: Lang, facet: &str, value: &str) -> String {
    [lang.code(), "/", facet, "/", value, "/"].concat()
}

/// The index of the periods: `ja/periods/`.
pub fn periods_dir(lang: Lang) -> String {
    section_dir(lang, PERIODS)
}

/// The page of one period: `ja/periods/3/`.
pub fn period_dir(lang: Lang, key: &str) -> String {
    [lang.code(), "/", PERIODS, "/", key, "/"].concat()
}

/// The crosswalk of projects across periods: `ja/crosswalk/`.
pub fn crosswalk_dir(lang: Lang) -> String {
    section_dir(lang, CROSSWALK)
}

/// The glossary: `ja/glossary/`.
pub fn glossary_dir(lang: Lang) -> String {
    section_dir(lang, GLOSSARY)
}

/// The accessibility statement: `ja/accessibility/`.
pub fn accessibility_dir(lang: Lang) -> String {
    section_dir(lang, ACCESSIBILITY)
}

/// The search page: `ja/search/`.
pub fn search_dir(lang: Lang) -> String {
    section_dir(lang, SEARCH)
}

// Files.

/// The `index.html` of a folder.
pub fn index_of(dir: &str) -> String {
    [dir, INDEX].concat()
}

/// The `index.html` of a page: `ja/programs/b-cure/index.html`.
pub fn page_index(lang: Lang, folder: &str, id: &str) -> String {
    [lang.code(), "/", folder, "/", id, "/", INDEX].concat()
}

/// The folder an `index.html` path is the index of (`ja/a/` for
/// `ja/a/index.html`); `None` for any other file.
pub fn folder_of_index(path: &str) -> Option<&str> {
    path.strip_suffix(INDEX)
}

/// The language of an output path that lies in a language's folder, and
/// the path inside that folder: `(Ja, "a/")` for `ja/a/`.
pub fn split_lang(path: &str) -> Option<(Lang, &str)> {
    let (code, rest) = path.split_once('/')?;
    Some((Lang::from_code(code)?, rest))
}

/// The PDF of a handout, beside its folder: `ja/handouts/briefing.pdf`.
pub fn handout_pdf(lang: Lang, folder: &str, id: &str) -> String {
    [lang.code(), "/", folder, "/", id, ".pdf"].concat()
}

/// A language's Atom feed: `ja/atom.xml`.
pub fn feed(lang: Lang) -> String {
    [lang.code(), "/", FEED].concat()
}

/// Part `n` (1-based) of a sitemap too large for one file: `sitemap-2.xml`.
pub fn sitemap_part(n: usize) -> String {
    ["sitemap-", &n.to_string(), ".xml"].concat()
}

/// A file of `content/` that is not a page and in no page bundle (`asset`
/// relative to `content/`), as copied into the output: `assets/figures/map.png`.
pub fn asset(asset: &Path) -> String {
    [ASSETS, "/", &asset.to_string_lossy().replace('\\', "/")].concat()
}

/// A file of a page bundle (`inner`, its path inside the bundle's folder),
/// as copied beside the page in `lang`: `ja/guides/install/img/arch.svg`.
pub fn bundle_file(lang: Lang, folder: &str, id: &str, inner: &Path) -> String {
    [page_dir(lang, folder, id).as_str(), &inner.to_string_lossy().replace('\\', "/")].concat()
}

/// A static file of the theme (its path under `static/`): the same path in the output.
pub fn theme_static(name: &str) -> String {
    name.to_string()
}

// The search index of a language.

/// The version of the search index's format, which names its folder (`v1`).
pub const SEARCH_INDEX_VERSION: u32 = 1;

/// The folder of the index: `ja/search/v1/`.
pub fn search_index_dir(lang: Lang) -> String {
    [search_dir(lang).as_str(), &search_index_from_page()].concat()
}

/// The index folder as the search page links to it: `v1/`.
pub fn search_index_from_page() -> String {
    ["v", &SEARCH_INDEX_VERSION.to_string(), "/"].concat()
}

/// The manifest of the index in `dir`.
pub fn search_manifest(dir: &str) -> String {
    [dir, "manifest.json"].concat()
}

/// A shard of terms (`name` in hexadecimal) of the index in `dir`.
pub fn search_shard(dir: &str, name: &str) -> String {
    [dir, "t/", name, ".bin"].concat()
}

/// The number of distinct terms of each document's title, for ranking.
pub fn search_title_lengths(dir: &str) -> String {
    [dir, "l.bin"].concat()
}

/// Chunk `n` of the documents' titles and meta lines.
pub fn search_meta(dir: &str, n: usize) -> String {
    [dir, "m/", &n.to_string(), ".json"].concat()
}

/// Chunk `n` of the documents' texts, for excerpts.
pub fn search_texts(dir: &str, n: usize) -> String {
    [dir, "x/", &n.to_string(), ".json"].concat()
}

/// The documents with one value of a filter.
pub fn search_facet(dir: &str, facet: &str, value: &str) -> String {
    [dir, "f/", facet, "/", value, ".bin"].concat()
}

// URLs.

/// The absolute URL of a folder or file.
pub fn absolute(base_url: &str, path: &str) -> String {
    [base_url, path].concat()
}

/// A link to output `path` from the base path of the site (`/hms/ja/`),
/// for a page served at any depth such as 404.html.
pub fn from_base_path(base_url: &str, path: &str) -> String {
    [base_path(base_url).as_str(), path].concat()
}

/// `url` with a fragment: `../glossary/index.html#amed`.
pub fn with_fragment(url: &str, fragment: &str) -> String {
    [url, "#", fragment].concat()
}

/// The relative link from a page in folder `from_dir` to the output root
/// (`../../` from `ja/programs/`, empty from the root).
pub fn to_root(from_dir: &str) -> String {
    "../".repeat(from_dir.split('/').filter(|s| !s.is_empty()).count())
}

/// A relative link from a page in folder `from_dir` to output path `to`.
pub fn relative(from_dir: &str, to: &str) -> String {
    // Called for every link of every page: one pass over the bytes of `from_dir` (folder names are short, so a
    // byte loop beats a searcher set up per segment), no intermediate vectors. A segment of `to` is shared only
    // when a `/` follows it, so the file name always stays.
    let (from, target) = (from_dir.as_bytes(), to.as_bytes());
    let (mut depth, mut common, mut tail) = (0, 0, 0);
    let mut at = 0;
    while at < from.len() {
        let end = from[at..].iter().position(|&b| b == b'/').map_or(from.len(), |k| at + k);
        let segment = &from[at..end];
        at = end + 1;
        if segment.is_empty() {
            continue;
        }
        depth += 1;
        let rest = &target[tail..];
        if common + 1 == depth && rest.strip_prefix(segment).is_some_and(|r| r.first() == Some(&b'/')) {
            common += 1;
            tail += segment.len() + 1;
        }
    }
    let tail = &to[tail..];
    let mut out = String::with_capacity(3 * (depth - common) + tail.len());
    for _ in common..depth {
        out.push_str("../");
    }
    out.push_str(tail);
    if out.is_empty() { "index.html".into() } else { out }
}

/// The path part of `base_url` (`/` or `/hms/`), for pages served at any depth such as 404.html.
pub fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map(|(_, r)| r).unwrap_or(base_url);
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..].to_string(),
        None => "/".into(),
    }
}

/// `mailto:`, `https:`, `data:` …, or `//host`: a URL that leaves the site.
pub fn has_scheme(href: &str) -> bool {
    match href.find(':') {
        Some(i) => {
            let scheme = &href[..i];
            !scheme.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => href.starts_with("//"),
    }
}

/// The output path a relative link `path` names from folder `from_dir`
/// (`index.html` added to folders); `None` if it leaves the output root.
pub fn resolve(from_dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    let segments: Vec<&str> = path.split('/').collect();
    for (k, seg) in segments.iter().enumerate() {
        match *seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
        let last = k + 1 == segments.len();
        if last && matches!(*seg, "" | "." | "..") {
            parts.push(INDEX);
        }
    }
    if parts.is_empty() { None } else { Some(parts.join("/")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_from_beside_a_page_are_the_pages_own_but_to_itself() {
        use Lang::{En, Ja};
        let targets = [
            page_index(Ja, "programs", "a"),
            page_index(Ja, "programs", "b"),
            page_index(En, "programs", "a"),
            index_of(&kind_page_dir(Ja, "programs", 1)),
            index_of(&kind_page_dir(Ja, "programs", 2)),
            index_of(&home_dir(Ja)),
            index_of(&glossary_dir(En)),
        ];
        for dir in [page_dir(Ja, "programs", "b"), page_dir(Ja, "programs", "a"), "a/".to_string(), page_dir(En, "x/y", "b")] {
            let beside = beside_page_dir(&dir);
            assert_eq!(beside.matches('/').count(), dir.matches('/').count(), "{dir}: {beside:?}");
            for t in targets.iter().filter(|t| !t.starts_with(&dir)) {
                assert_eq!(relative(&beside, t), relative(&dir, t), "from {dir} to {t}");
            }
        }
        // From the page's own folder, its own link differs: that is the one each page replaces.
        let own = page_index(Ja, "programs", "a");
        assert_ne!(relative(&beside_page_dir("ja/programs/a/"), &own), relative("ja/programs/a/", &own));
    }

    #[test]
    fn every_output_has_its_place() {
        use Lang::{En, Ja};
        assert_eq!(page_dir(Ja, "programs", "b-cure"), "ja/programs/b-cure/");
        assert_eq!(page_index(En, "programs", "b-cure"), "en/programs/b-cure/index.html");
        assert_eq!(alias_dir(Ja, "programs", "old"), "ja/programs/old/");
        assert_eq!(home_dir(En), "en/");
        assert_eq!(kind_dir(Ja, "programs"), "ja/programs/");
        assert_eq!(kind_page_dir(Ja, "programs", 1), "ja/programs/");
        assert_eq!(kind_page_dir(Ja, "programs", 3), "ja/programs/page/3/");
        assert_eq!(facet_dir(Ja, "ministries"), "ja/ministries/");
        assert_eq!(facet_value_dir(Ja, "ministries", "mhlw"), "ja/ministries/mhlw/");
        assert_eq!(periods_dir(En), "en/periods/");
        assert_eq!(period_dir(En, "3"), "en/periods/3/");
        assert_eq!(crosswalk_dir(Ja), "ja/crosswalk/");
        assert_eq!(glossary_dir(Ja), "ja/glossary/");
        assert_eq!(accessibility_dir(En), "en/accessibility/");
        assert_eq!(search_dir(Ja), "ja/search/");
        assert_eq!(handout_pdf(En, "handouts", "briefing"), "en/handouts/briefing.pdf");
        assert_eq!(feed(Ja), "ja/atom.xml");
        assert_eq!(sitemap_part(2), "sitemap-2.xml");
        assert_eq!(asset(Path::new("figures/map.png")), "assets/figures/map.png");
        assert_eq!(bundle_file(Ja, "guides", "install", Path::new("img/a.svg")), "ja/guides/install/img/a.svg");
        assert_eq!(search_index_dir(Ja), "ja/search/v1/");
        assert_eq!(search_shard("ja/search/v1/", "0a"), "ja/search/v1/t/0a.bin");
        assert_eq!(search_meta("d/", 2), "d/m/2.json");
        assert_eq!(search_texts("d/", 2), "d/x/2.json");
        assert_eq!(search_facet("d/", "kind", "project"), "d/f/kind/project.bin");
        assert_eq!(search_manifest("d/"), "d/manifest.json");
        assert_eq!(from_base_path("https://example.org/hms/", "ja/index.html"), "/hms/ja/index.html");
        assert_eq!(with_fragment("../glossary/index.html", "amed"), "../glossary/index.html#amed");
    }

    #[test]
    fn output_paths_are_read_back() {
        assert_eq!(folder_of_index("ja/a/index.html"), Some("ja/a/"));
        assert_eq!(folder_of_index("ja/a.pdf"), None);
        assert_eq!(split_lang("en/a/"), Some((Lang::En, "a/")));
        assert_eq!(split_lang("data/site.json"), None);
    }

    #[test]
    fn the_way_to_the_root_climbs_every_folder() {
        for dir in ["", "ja/", "ja/programs/b-cure/", "a//b/"] {
            assert_eq!(to_root(dir), relative(dir, "x").trim_end_matches('x'), "{dir}");
        }
    }

    #[test]
    fn sibling_pages_link_up_and_down() {
        assert_eq!(relative("ja/programs/b-cure/", "ja/projects/p3/index.html"), "../../projects/p3/index.html");
    }

    #[test]
    fn links_to_the_other_language_climb_to_the_root() {
        assert_eq!(relative("ja/", "en/index.html"), "../en/index.html");
        assert_eq!(relative("ja/glossary/", "tebiki.css"), "../../tebiki.css");
    }

    #[test]
    fn link_to_own_folder_names_the_file() {
        assert_eq!(relative("ja/", "ja/index.html"), "index.html");
        assert_eq!(relative("", "ja/index.html"), "ja/index.html");
    }

    #[test]
    fn same_folder_and_deeper_targets() {
        assert_eq!(relative("ja/programs/b-cure/", "ja/programs/b-cure/index.html"), "index.html");
        assert_eq!(relative("ja/programs/", "ja/programs/b-cure/index.html"), "b-cure/index.html");
        assert_eq!(relative("ja/programs/b-cure/", "ja/programs/b-cure/figure/a.png"), "figure/a.png");
        assert_eq!(relative("ja/programs/b-cure/", "ja/"), "../../");
        assert_eq!(relative("ja/programs/b-cure/", "ja/programs/b-cure"), "../b-cure");
        assert_eq!(relative("", ""), "index.html");
    }

    /// The plain definition: count the shared leading segments, keep the target's file name.
    fn relative_by_segments(from_dir: &str, to: &str) -> String {
        let from: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
        let to_segments: Vec<&str> = to.split('/').collect();
        let common = from.iter().zip(&to_segments).take_while(|(a, b)| a == b).count().min(to_segments.len() - 1);
        let out = "../".repeat(from.len() - common) + &to_segments[common..].join("/");
        if out.is_empty() { "index.html".into() } else { out }
    }

    proptest::proptest! {
        #![proptest_config(crate::proptest_config())]
        #[test]
        fn relative_agrees_with_segment_definition(from in "[ab/]{0,8}", to in "[ab/]{0,8}") {
            proptest::prop_assert_eq!(relative(&from, &to), relative_by_segments(&from, &to));
        }
    }

    #[test]
    fn resolves_relative_paths_against_a_folder() {
        assert_eq!(resolve("ja/programs/b-cure/", "../../projects/p3/index.html").as_deref(), Some("ja/projects/p3/index.html"));
        assert_eq!(resolve("ja/programs/b-cure/", "../x/").as_deref(), Some("ja/programs/x/index.html"));
        assert_eq!(resolve("ja/programs/b-cure/", "..").as_deref(), Some("ja/programs/index.html"));
        assert_eq!(resolve("ja/programs/b-cure/", "map.png").as_deref(), Some("ja/programs/b-cure/map.png"));
        assert_eq!(resolve("ja/", "../../etc/passwd"), None);
    }

    #[test]
    fn schemes_and_protocol_relative_urls_are_external() {
        for h in ["https://example.org/", "mailto:a@b.c", "data:image/png;base64,AA", "//cdn.example/x"] {
            assert!(has_scheme(h), "{h}");
        }
        for h in ["../a/index.html", "index.html#x:y", "../x/index.html#a:b", "map.png"] {
            assert!(!has_scheme(h), "{h}");
        }
    }

    #[test]
    fn base_path_of_sub_path_site() {
        assert_eq!(base_path("https://example.org/hms/"), "/hms/");
        assert_eq!(base_path("https://example.org/"), "/");
    }
}
