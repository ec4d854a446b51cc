//! `tebiki xliff`: pages as XLIFF 2.1 files for translators' tools (CAT
//! tools such as Trados, memoQ, Phrase, Crowdin, Weblate), and their
//! translations written back into the site.
//!
//! [`export::export`] writes one file per page and target language, one
//! unit per translatable front-matter field and per body block
//! ([`blocks`]): inline Markdown, references and link destinations are
//! inline codes, glossary terms are marked and their approved renderings
//! noted ([`terms`]). [`import::import`] reads such files back: every
//! problem of every file is reported before anything is written, a file
//! whose source moved on since the export is refused, and a translation is
//! edited block by block, every other byte kept, then stamped. Exporting and
//! importing again without edits changes no byte.

pub mod blocks;
pub mod export;
pub mod front;
pub mod import;
pub mod model;
pub mod prepare;
pub mod read;
pub mod terms;
pub mod write;

use std::path::Path;

use crate::diagnostic::Diagnostics;
use crate::load::{self, LoadOptions};
use crate::model::Site;

/// The site under `root`, drafts included; its problems if it has errors.
fn load(root: &Path) -> Result<Site, Diagnostics> {
    let config = crate::config::load_config(root)?;
    let (site, diags) = load::load_site(config, LoadOptions { drafts: true, ..LoadOptions::default() });
    if diags.has_errors() { Err(diags) } else { Ok(site) }
}
