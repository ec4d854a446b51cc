//! The files of `content/` that are not pages, and where each is copied.
//!
//! A file inside a page bundle (a folder holding a page as `index.md`,
//! `index.{lang}.md` or `_index.{lang}.md`, and the files of its
//! sub-folders that no nearer bundle holds) is copied beside that page, in every language the page is
//! built in, at its path inside the bundle: a relative reference written in
//! the page's Markdown (`diagram.png`, `img/a.svg`) names the copy as it
//! stands. Any other file is copied once, to `assets/<path under content>`:
//! a page's URL does not follow its source folder, so a file of a plain
//! folder has no page folder to sit in, and references to it are
//! rewritten. Every path comes from [`crate::paths`].

use std::path::PathBuf;

use super::Site;
use crate::lang::Lang;
use crate::paths;

/// One file of `content/` that is not a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Asset {
    /// Its path under `content/`: `guides/install/img/arch.svg`.
    pub path: PathBuf,
    /// The page whose bundle holds it (the page's index) and its path
    /// inside the bundle's folder (`img/arch.svg`); `None` outside bundles.
    pub bundle: Option<(usize, PathBuf)>,
}

impl Site {
    /// Where asset `i` is copied for a page in `lang` to link to: beside its
    /// page in `lang` (in the page's source language when it has no
    /// translation), or its one copy under `assets/`.
    pub fn asset_output(&self, i: usize, lang: Lang) -> Option<String> {
        let asset = self.assets.get(i)?;
        Some(match &asset.bundle {
            Some((p, inner)) => {
                let page = self.pages().get(*p)?;
                paths::bundle_file(page.text_or_source(lang).1, &page.folder, &page.id, inner)
            }
            None => paths::asset(&asset.path),
        })
    }

    /// Every output path of asset `i`: one per language its page is built in, or its one copy.
    pub fn asset_outputs(&self, i: usize) -> Vec<String> {
        let Some(asset) = self.assets.get(i) else { return Vec::new() };
        match &asset.bundle {
            Some((p, inner)) => self
                .pages()
                .get(*p)
                .map(|page| page.texts.keys().map(|l| paths::bundle_file(*l, &page.folder, &page.id, inner)).collect())
                .unwrap_or_default(),
            None => vec![paths::asset(&asset.path)],
        }
    }
}
