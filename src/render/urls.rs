//! Where every output lives, and links between outputs.
//!
//! Output paths are `/`-separated and relative to the output root
//! (`ja/programs/b-cure/index.html`). Links inside the site are relative and
//! name `index.html` explicitly, so one build works at `/`, under a sub-path
//! and opened from disk; canonical and alternate URLs are absolute from
//! `base_url`, without `index.html`.

use crate::lang::Lang;

/// The folder of a page: `ja/programs/b-cure/`.
pub fn page_dir(lang: Lang, folder: &str, id: &str) -> String {
    [lang.code(), "/", folder, "/", id, "/"].concat()
}

/// The `index.html` of a page: `ja/programs/b-cure/index.html`.
pub fn page_index(lang: Lang, folder: &str, id: &str) -> String {
    [lang.code(), "/", folder, "/", id, "/index.html"].concat()
}

/// The folder of a site section: `ja/glossary/`, `ja/` for `""`.
pub fn section_dir(lang: Lang, section: &str) -> String {
    if section.is_empty() { [lang.code(), "/"].concat() } else { [lang.code(), "/", section.trim_matches('/'), "/"].concat() }
}

/// The `index.html` of a folder.
pub fn index_of(dir: &str) -> String {
    [dir, "index.html"].concat()
}

/// The absolute URL of a folder.
pub fn absolute(base_url: &str, dir: &str) -> String {
    [base_url, dir].concat()
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn base_path_of_sub_path_site() {
        assert_eq!(base_path("https://example.org/hms/"), "/hms/");
        assert_eq!(base_path("https://example.org/"), "/");
    }
}
