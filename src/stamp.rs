//! `tebiki stamp`: recording in translations that they are up to date.
//!
//! For every translation of the chosen pages, [`stamp`] writes the current
//! [`crate::translation::source_hash`] of the source page into the translation's front matter.
//! The file is edited as text, not re-serialised: [`set_source_hash`]
//! replaces the `source_hash:` line or inserts one before the closing fence,
//! and every other byte (comments, quoting, key order, BOM, CRLF line ends)
//! stays as the author wrote it. Files are replaced atomically.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::{self, LoadOptions};

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

/// Stamps every translation of the selected pages of the site under `root`.
///
/// A site with errors in its files is not touched: every problem is returned.
pub fn stamp(root: &Path, selection: &Selection) -> Result<StampReport, Diagnostics> {
    let config = crate::config::load_config(root)?;
    let (site, diags) = load::load_site(config, LoadOptions { drafts: true, ..LoadOptions::default() });
    if diags.has_errors() {
        return Err(diags);
    }
    let mut errors = Diagnostics::new();
    let pages: Vec<usize> = match selection {
        Selection::All => (0..site.pages.len()).collect(),
        Selection::Ids(ids) => ids
            .iter()
            .filter_map(|id| {
                let found = site.page_index(id);
                if found.is_none() {
                    let help = crate::suggest::did_you_mean(id, site.pages.iter().map(|p| p.id.as_str()))
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
    let mut report = StampReport::default();
    for i in pages {
        let page = &site.pages[i];
        let hash = page.source().digest();
        for (lang, text) in &page.texts {
            if *lang == page.source_lang {
                continue;
            }
            match stamp_file(&root.join(&text.path), hash) {
                Ok(true) => report.stamped.push(text.path.clone()),
                Ok(false) => report.unchanged.push(text.path.clone()),
                Err(message) => errors.push(Diagnostic::error(&text.path, 0, 0, message)),
            }
        }
    }
    if errors.is_empty() { Ok(report) } else { Err(errors) }
}

/// Writes `hash` into one file; `Ok(false)` when it was already there.
fn stamp_file(path: &Path, hash: &str) -> Result<bool, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|_| "file is not valid UTF-8".to_string())?;
    let new = set_source_hash(&text, hash)?;
    if new == text {
        return Ok(false);
    }
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.tebiki-stamp"));
    std::fs::write(&tmp, new.as_bytes()).map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(&tmp, meta.permissions());
    }
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("cannot replace the file: {e}")
    })?;
    Ok(true)
}

/// The file `text` with `source_hash: <hash>` in its front matter.
///
/// An existing top-level `source_hash` line (and any indented lines that
/// continue its value) is replaced; otherwise the line is added just before
/// the closing `---`. Line ends follow the file's own.
pub fn set_source_hash(text: &str, hash: &str) -> Result<String, String> {
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let lines: Vec<&str> = body.split_inclusive('\n').collect();
    if lines.first().is_none_or(|l| l.trim_end() != "---") {
        return Err("page has no front matter to stamp".into());
    }
    let Some(close) = lines.iter().skip(1).position(|l| l.trim_end() == "---").map(|p| p + 1) else {
        return Err("front matter is not closed".into());
    };
    let eol = if lines[0].ends_with("\r\n") { "\r\n" } else { "\n" };
    let key_line = (1..close).find(|&i| is_source_hash_key(lines[i]));
    let mut out = String::with_capacity(text.len() + 32);
    out.push_str(bom);
    match key_line {
        Some(k) => {
            let own_eol = if lines[k].ends_with("\r\n") { "\r\n" } else { eol };
            // Lines indented under the key continue its value (a block scalar).
            let mut end = k + 1;
            while end < close && lines[end].starts_with([' ', '\t']) {
                end += 1;
            }
            lines[..k].iter().for_each(|l| out.push_str(l));
            out.push_str(&format!("source_hash: {hash}{own_eol}"));
            lines[end..].iter().for_each(|l| out.push_str(l));
        }
        None => {
            lines[..close].iter().for_each(|l| out.push_str(l));
            out.push_str(&format!("source_hash: {hash}{eol}"));
            lines[close..].iter().for_each(|l| out.push_str(l));
        }
    }
    Ok(out)
}

/// Whether a front-matter line starts the top-level key `source_hash`.
fn is_source_hash_key(line: &str) -> bool {
    let rest = ["source_hash", "\"source_hash\"", "'source_hash'"].iter().find_map(|k| line.strip_prefix(k));
    rest.is_some_and(|r| r.trim_start_matches([' ', '\t']).starts_with(':'))
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: &str = "0123456789abcdef";

    #[test]
    fn inserts_the_line_before_the_closing_fence() {
        let text = "---\ntitle: A # note\nsummary: \"x: y\"\n---\n\nBody\n";
        assert_eq!(
            set_source_hash(text, H).unwrap(),
            "---\ntitle: A # note\nsummary: \"x: y\"\nsource_hash: 0123456789abcdef\n---\n\nBody\n"
        );
    }

    #[test]
    fn replaces_an_existing_stamp_in_place() {
        let text = "---\ntitle: A\nsource_hash: ffffffffffffffff\n# keep\nsummary: B\n---\nBody";
        assert_eq!(set_source_hash(text, H).unwrap(), "---\ntitle: A\nsource_hash: 0123456789abcdef\n# keep\nsummary: B\n---\nBody");
    }

    #[test]
    fn keeps_crlf_and_bom() {
        let text = "\u{feff}---\r\ntitle: A\r\n---\r\nBody\r\n";
        assert_eq!(set_source_hash(text, H).unwrap(), "\u{feff}---\r\ntitle: A\r\nsource_hash: 0123456789abcdef\r\n---\r\nBody\r\n");
    }

    #[test]
    fn stamping_twice_changes_nothing() {
        let once = set_source_hash("---\ntitle: A\n---\n", H).unwrap();
        assert_eq!(set_source_hash(&once, H).unwrap(), once);
    }

    #[test]
    fn replaces_a_quoted_key_and_a_continued_value() {
        let text = "---\n'source_hash' : >\n  old\n  value\ntitle: A\n---\n";
        assert_eq!(set_source_hash(text, H).unwrap(), "---\nsource_hash: 0123456789abcdef\ntitle: A\n---\n");
    }

    #[test]
    fn ignores_nested_keys_and_body_text() {
        let text = "---\ntitle: A\nextra:\n  source_hash: x\n---\nsource_hash: in the body\n";
        assert_eq!(
            set_source_hash(text, H).unwrap(),
            "---\ntitle: A\nextra:\n  source_hash: x\nsource_hash: 0123456789abcdef\n---\nsource_hash: in the body\n"
        );
    }

    #[test]
    fn refuses_files_without_front_matter() {
        assert!(set_source_hash("# Title\n", H).is_err());
        assert!(set_source_hash("---\ntitle: A\n", H).is_err());
    }
}
