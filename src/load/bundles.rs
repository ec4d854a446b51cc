//! Page bundles: which page each file of `content/` belongs to.
//!
//! A page whose file is `index.md` or `index.{lang}.md` makes its folder a
//! bundle, as does one named `_index` (a section's page in a site made
//! with Hugo, whose files Hugo publishes at that page's URL); the folder of
//! `content/` itself never is (its `_index` is the home text). A file that
//! is not a page belongs to the nearest bundle above it, with its path
//! inside that folder; a file under no bundle belongs to no page. See [`crate::model::Asset`] for where each is copied.
//!
//! Guarantees: linear in the number of pages plus the assets' depth.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::CONTENT_DIR;
use crate::model::{Asset, Page};

/// `assets` (paths under `content/`) with the bundle each belongs to;
/// `pages` in the site's order (a bundle names its page by index).
pub(super) fn assign(pages: &[Arc<Page>], assets: Vec<PathBuf>) -> Vec<Asset> {
    let mut bundles: HashMap<&Path, usize> = HashMap::new();
    for (i, page) in pages.iter().enumerate() {
        for text in page.texts.values() {
            if let Some(dir) = bundle_dir(&text.path) {
                bundles.insert(dir, i);
            }
        }
    }
    assets
        .into_iter()
        .map(|path| {
            let bundle = path.ancestors().skip(1).take_while(|d| !d.as_os_str().is_empty()).find_map(|dir| {
                let page = *bundles.get(dir)?;
                Some((page, path.strip_prefix(dir).ok()?.to_path_buf()))
            });
            Asset { path, bundle }
        })
        .collect()
}

/// The folder (under `content/`) a page file makes a bundle of: its own,
/// for `index.md`, `index.{lang}.md` and the same named `_index`.
fn bundle_dir(file: &Path) -> Option<&Path> {
    let name = file.file_name()?.to_str()?;
    let stem = name.strip_suffix(".md")?;
    let stem = stem.split_once('.').map_or(stem, |(s, _)| s);
    if stem != "index" && stem != "_index" {
        return None;
    }
    let dir = file.parent()?.strip_prefix(CONTENT_DIR).ok()?;
    (!dir.as_os_str().is_empty()).then_some(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_page_file_makes_its_folder_a_bundle() {
        assert_eq!(bundle_dir(Path::new("content/guides/install/index.ja.md")), Some(Path::new("guides/install")));
        assert_eq!(bundle_dir(Path::new("content/guides/install/index.md")), Some(Path::new("guides/install")));
        assert_eq!(bundle_dir(Path::new("content/guides/advanced/_index.en.md")), Some(Path::new("guides/advanced")));
        assert_eq!(bundle_dir(Path::new("content/guides/setup.ja.md")), None);
        assert_eq!(bundle_dir(Path::new("content/guides/indexes.ja.md")), None);
        assert_eq!(bundle_dir(Path::new("content/index.ja.md")), None, "the content folder is no bundle");
        assert_eq!(bundle_dir(Path::new("content/_index.ja.md")), None);
    }
}
