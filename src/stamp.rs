//! `tebiki stamp`: recording in translations that they are up to date.
//!
//! For every translation of the chosen pages, [`stamp`] writes the current
//! [`PageText::digest`](crate::model::PageText::digest) of the source page into the
//! translation's front matter, and beside it `source_blocks`, the hashes of
//! the source's blocks ([`crate::resolve::qa::changes`]), from which
//! `tebiki check` later tells which paragraphs changed. The file is edited as text, not
//! re-serialised ([`edit::set_source_hash`], [`edit::set_source_blocks`]):
//! exactly the values of `source_hash` and `source_blocks` change, or a line
//! is added for each, and every other byte
//! (comments, quoting, key order, indentation, BOM, CRLF line ends) stays.
//!
//! Every edit is worked out and checked before any file is written: a file
//! that cannot be edited safely, or may not be written (read-only, or not
//! writable by this user), stops the run with nothing written. A file is
//! replaced through a temporary file in its own folder, renamed over it,
//! with the original's permissions (and owner, where allowed); a symbolic
//! link stays a link and the file it points to is edited.

pub mod edit;

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::{self, LoadOptions};

pub use edit::{set_source_blocks, set_source_hash};

/// Which pages to stamp.
#[derive(Clone, Debug)]
pub enum Selection {
    /// Every page of the site.
    All,
    /// The pages with these ids.
    Ids(Vec<String>),
}

/// What [`stamp`] did.
#[derive(Debug, Default)]
pub struct StampReport {
    /// Translations whose stamp was written or changed.
    pub stamped: Vec<PathBuf>,
    /// Translations that already carried the current stamp.
    pub unchanged: Vec<PathBuf>,
}

/// Why [`stamp_files`] stopped: the problems, and the files stamped before
/// a write failed (empty when nothing was written).
#[derive(Debug)]
pub struct StampError {
    pub diagnostics: Diagnostics,
    pub stamped: Vec<PathBuf>,
}

/// Stamps every translation of the selected pages of the site under `root`.
///
/// A site with errors in its files is not touched: every problem is returned.
pub fn stamp(root: &Path, selection: &Selection) -> Result<StampReport, Diagnostics> {
    stamp_files(root, selection).map_err(|e| e.diagnostics)
}

/// [`stamp`], saying which files were written when writing failed part-way.
pub fn stamp_files(root: &Path, selection: &Selection) -> Result<StampReport, StampError> {
    let refused = |diagnostics| StampError { diagnostics, stamped: Vec::new() };
    let edits = plan(root, selection).map_err(refused)?;
    let mut report = StampReport::default();
    for e in edits {
        match e.new {
            None => report.unchanged.push(e.path),
            Some(new) => match write(&root.join(&e.path), &e.old, &new) {
                Ok(()) => report.stamped.push(e.path),
                Err(message) => {
                    let mut diagnostics = Diagnostics::new();
                    diagnostics.push(Diagnostic::error(&e.path, 0, 0, message));
                    return Err(StampError { diagnostics, stamped: report.stamped });
                }
            },
        }
    }
    Ok(report)
}

/// One translation: its path (relative to the root), its bytes as read, and
/// its new text (`None` when the stamp is already there).
struct Edit {
    path: PathBuf,
    old: Vec<u8>,
    new: Option<String>,
}

/// The edit of every translation of the selection, or every problem found.
fn plan(root: &Path, selection: &Selection) -> Result<Vec<Edit>, Diagnostics> {
    let config = crate::config::load_config(root)?;
    let (site, diags) = load::load_site(config, LoadOptions { drafts: true, ..LoadOptions::default() });
    if diags.has_errors() {
        return Err(diags);
    }
    let mut errors = Diagnostics::new();
    let pages: Vec<usize> = match selection {
        Selection::All => (0..site.pages().len()).collect(),
        Selection::Ids(ids) => ids
            .iter()
            .filter_map(|id| {
                let found = site.page_index(id);
                if found.is_none() {
                    let help = crate::suggest::did_you_mean(id, site.pages().iter().map(|p| p.id.as_str()))
                        .unwrap_or_else(|| "`tebiki check` lists every page with its translations".into());
                    errors.push(Diagnostic::global(format!("there is no page with id `{id}`")).with_help(help));
                }
                found
            })
            .collect(),
    };
    if errors.has_errors() {
        return Err(errors);
    }
    let mut edits = Vec::new();
    for i in pages {
        let page = &site.pages()[i];
        let hash = page.source().digest();
        let blocks = crate::resolve::qa::changes::record(page.source());
        for (lang, text) in &page.texts {
            if *lang != page.source_lang {
                match plan_file(root, &text.path, hash, &blocks) {
                    Ok(e) => edits.push(e),
                    Err(d) => errors.push(d),
                }
            }
        }
    }
    if errors.is_empty() { Ok(edits) } else { Err(errors) }
}

/// The edit of one file, checked to be safe and allowed.
fn plan_file(root: &Path, path: &Path, hash: &str, blocks: &str) -> Result<Edit, Diagnostic> {
    let full = root.join(path);
    let old = std::fs::read(&full).map_err(|e| Diagnostic::error(path, 0, 0, format!("cannot read the file: {e}")))?;
    let text = std::str::from_utf8(&old).map_err(|_| Diagnostic::error(path, 0, 0, "file is not valid UTF-8"))?;
    let refused = |e: edit::EditError| Diagnostic::error(path, e.line, 0, e.message).with_help(e.help);
    let new = edit::set_source_hash(text, hash).map_err(refused)?;
    let new = edit::set_source_blocks(&new, blocks).map_err(refused)?;
    if new == text {
        return Ok(Edit { path: path.to_path_buf(), old, new: None });
    }
    writable(&full).map_err(|m| {
        Diagnostic::error(path, 0, 0, m).with_help("make the file writable (`chmod u+w`), or leave this page out of the stamp")
    })?;
    Ok(Edit { path: path.to_path_buf(), old, new: Some(new) })
}

/// Whether this process may write the file: it is not read-only and opens for writing.
pub(crate) fn writable(path: &Path) -> Result<(), String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read the file's permissions: {e}"))?;
    if meta.permissions().readonly() {
        return Err("the file is read-only; it was not stamped".into());
    }
    // Opening without truncating changes nothing; it fails where this user may not write.
    std::fs::OpenOptions::new().write(true).open(path).map_err(|e| format!("the file cannot be written ({e}); it was not stamped"))?;
    Ok(())
}

/// Replaces the file at `path` (through a link, the file it points to) by
/// `new`, if it still holds `old`: a temporary file in the same folder with
/// the same permissions, renamed over it.
pub(crate) fn write(path: &Path, old: &[u8], new: &str) -> Result<(), String> {
    let real = std::fs::canonicalize(path).map_err(|e| format!("cannot find the file: {e}"))?;
    writable(&real)?;
    if std::fs::read(&real).map_err(|e| format!("cannot read the file: {e}"))? != old {
        return Err("the file changed while it was being stamped; run `tebiki stamp` again".into());
    }
    let meta = std::fs::metadata(&real).map_err(|e| format!("cannot read the file's permissions: {e}"))?;
    let name = real.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let tmp = real.with_file_name(format!(".{name}.{}.tebiki-stamp", std::process::id()));
    let result =
        write_temp(&tmp, new, &meta).and_then(|()| std::fs::rename(&tmp, &real).map_err(|e| format!("cannot replace the file: {e}")));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn write_temp(tmp: &Path, text: &str, meta: &std::fs::Metadata) -> Result<(), String> {
    use std::io::Write as _;
    let fail = |e: std::io::Error| format!("cannot write {}: {e}", tmp.display());
    let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(tmp).map_err(fail)?;
    f.write_all(text.as_bytes()).map_err(fail)?;
    f.set_permissions(meta.permissions()).map_err(fail)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        // Keeps the owner where this user may (as `sed -i` does); otherwise the file becomes this user's.
        let _ = std::os::unix::fs::fchown(&f, Some(meta.uid()), Some(meta.gid()));
    }
    f.sync_all().map_err(fail)
}
