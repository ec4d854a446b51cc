//! The site's URLs as a table, for links written as paths rather than as
//! `[[id]]` or `.md` files: root-relative site paths (`/ja/guides/x/`),
//! folder-style relative links (`../x/`), links to assets (`diagram.png`),
//! and old URL paths a site maps to pages (`links: map:` in site.yaml).
//!
//! [`SiteUrls`] holds every output a link may name, by output path
//! ([`paths::resolve`] form: folders end in `index.html`): each page in
//! each of its languages, the home pages, the lists of the kinds in use,
//! the glossary and search pages, periods, crosswalk and facets when the
//! site has them, the copied assets and the theme's static files. It also
//! holds where each page's source sits under `content/` (its folder for
//! `…/install/index.ja.md`, its stem for `…/install.ja.md`), so that a
//! folder-style link written against the source tree finds the page too.
//!
//! Guarantees: made once per build, on the first such link; each lookup
//! costs the length of the link. A missing target's "did you mean" is
//! worked out once per name for the whole site, and for the first
//! [`MAX_SUGGESTED`] names only (each is compared with every output), so
//! a site with many broken links costs time linear in their number.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::config::Config;
use crate::lang::Lang;
use crate::model::Site;
use crate::paths;
use crate::suggest;
use crate::theme::Theme;

/// How many distinct missing targets of a site get a "did you mean".
pub const MAX_SUGGESTED: usize = 1000;

/// What an output path of the site is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Page `usize` in that language.
    Page(usize, Lang),
    /// Any other output (a list, the glossary, an asset, a theme file): linked as it is.
    Output,
}

/// The site's outputs that links may name, and where the pages' sources sit.
pub struct SiteUrls {
    outputs: HashMap<String, Target>,
    /// Page by its source location without the language and `.md`: `content/guides/install`.
    sources: HashMap<PathBuf, usize>,
    /// Every output as a site path, sorted, for suggestions.
    sorted: Vec<String>,
    /// Every asset by its path from the site root (`content/guides/a.png`), sorted, for suggestions.
    files: Vec<String>,
    /// Each asset's index by its path under `content/`.
    assets: HashMap<PathBuf, usize>,
    /// The "did you mean" of each missing name met so far (`true` for a file).
    hints: Mutex<HashMap<(bool, String), Option<String>>>,
}

impl SiteUrls {
    /// The table of `site` with `theme`'s static files.
    pub fn new(site: &Site, theme: &Theme) -> SiteUrls {
        let mut outputs: HashMap<String, Target> = HashMap::new();
        let mut sources = HashMap::new();
        let config = &site.config;
        for (i, page) in site.pages().iter().enumerate() {
            for (lang, text) in &page.texts {
                outputs.insert(paths::page_index(*lang, &page.folder, &page.id), Target::Page(i, *lang));
                sources.insert(source_location(&text.path), i);
            }
        }
        let mut other = |dir: String| {
            outputs.entry(paths::index_of(&dir)).or_insert(Target::Output);
        };
        for lang in config.languages.iter().copied().filter(|l| config.builds(*l)) {
            other(paths::home_dir(lang));
            other(paths::glossary_dir(lang));
            other(paths::search_dir(lang));
            for kind in config.kinds.iter().filter(|k| site.pages().iter().any(|p| p.kind == k.key)) {
                other(paths::kind_dir(lang, &kind.folder));
            }
            lists_of_config(config, lang, &mut other);
        }
        outputs.insert(paths::ROOT_INDEX.to_string(), Target::Output);
        for i in 0..site.assets.len() {
            for out in site.asset_outputs(i) {
                outputs.entry(out).or_insert(Target::Output);
            }
        }
        for name in theme.statics.keys() {
            outputs.entry(paths::theme_static(name)).or_insert(Target::Output);
        }
        let mut sorted: Vec<String> = outputs.keys().map(|k| shown(k)).collect();
        sorted.sort();
        let mut files: Vec<String> =
            site.assets.iter().map(|a| Path::new(crate::load::CONTENT_DIR).join(&a.path).to_string_lossy().replace('\\', "/")).collect();
        files.sort();
        let assets = site.assets.iter().enumerate().map(|(i, a)| (a.path.clone(), i)).collect();
        SiteUrls { outputs, sources, sorted, files, assets, hints: Mutex::default() }
    }

    /// What the output at `path` is (in [`paths::resolve`] form).
    pub fn output(&self, path: &str) -> Option<Target> {
        self.outputs.get(path).copied()
    }

    /// The asset at `path` (under `content/`), by its index in the site.
    pub fn asset_at(&self, path: &Path) -> Option<usize> {
        self.assets.get(path).copied()
    }

    /// The page whose source sits at `location` (a path under the site root, without language and `.md`).
    pub fn page_at_source(&self, location: &Path) -> Option<usize> {
        self.sources.get(location).copied()
    }

    /// "did you mean …" for a missing site path (`/ja/x/`) or, with `file`,
    /// a missing file (`content/guides/a.png`): the nearest outputs or assets.
    pub fn hint(&self, name: &str, file: bool) -> Option<String> {
        let mut hints = self.hints.lock().unwrap_or_else(|e| e.into_inner());
        let key = (file, name.to_string());
        if let Some(hint) = hints.get(&key) {
            return hint.clone();
        }
        if hints.len() >= MAX_SUGGESTED || name.len() > 200 {
            return None;
        }
        let candidates = if file { &self.files } else { &self.sorted };
        let hint = suggest::did_you_mean(name, candidates.iter().map(String::as_str));
        hints.insert(key, hint.clone());
        hint
    }
}

/// Output path `out` as a site path: `/ja/guides/x/` for `ja/guides/x/index.html`.
pub fn shown(out: &str) -> String {
    ["/", paths::folder_of_index(out).unwrap_or(out)].concat()
}

/// The periods, crosswalk and facets of `config` in `lang`.
fn lists_of_config(config: &Config, lang: Lang, other: &mut impl FnMut(String)) {
    if !config.periods.is_empty() {
        other(paths::periods_dir(lang));
        other(paths::crosswalk_dir(lang));
        for p in &config.periods {
            other(paths::period_dir(lang, &p.key));
        }
    }
    for f in &config.facets {
        other(paths::facet_dir(lang, &f.key));
        for v in &f.values {
            other(paths::facet_value_dir(lang, &f.key, &v.key));
        }
    }
}

/// Where a page file sits without its language and `.md`:
/// `content/guides/install` for `content/guides/install/index.ja.md` (or
/// `_index`) and for `content/guides/install.en.md`.
pub fn source_location(path: &Path) -> PathBuf {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let base = name.strip_suffix(".md").unwrap_or(name);
    let stem = match base.rsplit_once('.') {
        Some((stem, code)) if Lang::from_code(code).is_some() => stem,
        _ => base,
    };
    let parent = path.parent().unwrap_or(Path::new(""));
    if stem == "index" || stem == "_index" { parent.to_path_buf() } else { parent.join(stem) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_file_sits_at_its_folder_or_its_stem() {
        assert_eq!(source_location(Path::new("content/guides/install/index.ja.md")), PathBuf::from("content/guides/install"));
        assert_eq!(source_location(Path::new("content/guides/install.en.md")), PathBuf::from("content/guides/install"));
        assert_eq!(source_location(Path::new("content/guides/install.md")), PathBuf::from("content/guides/install"));
        assert_eq!(source_location(Path::new("content/guides/_index.md")), PathBuf::from("content/guides"));
        assert_eq!(source_location(Path::new("content/guides/v1.2.md")), PathBuf::from("content/guides/v1.2"));
    }
}
