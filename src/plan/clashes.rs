//! Assets whose output path another file of the plan has: an error naming
//! both, since one of them would be missing from the output.
//!
//! A page bundle's file is copied into its page's folder, where the page's
//! own `index.html` is (a bundle holding `index.html`), and a file under
//! `assets/` may meet a file of the site's `static/` folder; [`super::plan`]
//! keeps the first claimant, and this reports the asset it left out.
//!
//! Guarantees: linear in the number of planned paths.

use std::collections::HashMap;
use std::path::Path;

use super::{Job, View};
use crate::diagnostic::Diagnostic;
use crate::load::CONTENT_DIR;
use crate::model::Site;

/// One error for every output path of an asset that another job of `jobs` writes.
pub fn asset_clashes(site: &Site, jobs: &[Job]) -> Vec<Diagnostic> {
    let owner: HashMap<&str, &View> = jobs.iter().flat_map(|j| j.paths.iter().map(move |p| (p.as_str(), &j.view))).collect();
    let mut found = Vec::new();
    for (i, asset) in site.assets.iter().enumerate() {
        for out in site.asset_outputs(i) {
            let Some(view) = owner.get(out.as_str()) else { continue };
            if matches!(view, View::Asset(j) if *j == i) {
                continue;
            }
            let file = Path::new(CONTENT_DIR).join(&asset.path);
            found.push(
                Diagnostic::error(
                    &file,
                    0,
                    0,
                    format!("`{}` is copied to `{out}`, where {} is written too", file.display(), claimant(site, view)),
                )
                .with_help("rename the file or move it to another folder: each output path holds one file"),
            );
        }
    }
    found
}

/// What `view` writes, as the message names it.
fn claimant(site: &Site, view: &View) -> String {
    let page = |i: usize, lang| {
        site.pages().get(i).map_or_else(String::new, |p| format!("page `{}` ({})", p.id, p.text_or_source(lang).0.path.display()))
    };
    match view {
        View::Page(i, lang) | View::Handout(i, lang) => page(*i, *lang),
        View::Alias(i, lang, alias) => format!("the redirect of alias `{alias}` of {}", page(*i, *lang)),
        View::Asset(j) => site.assets.get(*j).map_or_else(String::new, |a| format!("`{}`", Path::new(CONTENT_DIR).join(&a.path).display())),
        View::ThemeStatic(name) => format!("the static file `{name}`"),
        _ => "a file the site makes".to_string(),
    }
}
