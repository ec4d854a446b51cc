//! `tebiki xliff export`: one XLIFF 2.1 file per page and target language.
//!
//! Files are named `<id>.<lang>.xlf` (`_index.<lang>.xlf` for the home
//! texts) in the output folder. Pages are taken in id order and every file
//! is a pure function of the site, so the same site gives the same bytes.

use std::path::{Path, PathBuf};

use super::prepare::{PageTexts, prepare};
use super::terms::Termbase;
use super::write;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::lang::Lang;
use crate::model::{PageText, Site};
use crate::resolve::translation::{self, Status};

/// What `tebiki xliff export` was asked to do.
#[derive(Clone, Debug)]
pub struct ExportOptions {
    /// The site root.
    pub root: PathBuf,
    /// The folder the files go to (created if needed).
    pub out: PathBuf,
    /// Only this target language (default: every language but the default one).
    pub lang: Option<Lang>,
    /// Only pages whose translation is stale, unstamped or missing.
    pub stale_only: bool,
}

/// What an export wrote.
#[derive(Debug, Default)]
pub struct ExportReport {
    /// The files written, in order.
    pub files: Vec<PathBuf>,
    /// Units written, and of those, with a target.
    pub units: usize,
    pub translated: usize,
}

/// Writes the XLIFF files of the site under `opts.root`.
pub fn export(opts: &ExportOptions) -> Result<ExportReport, Diagnostics> {
    if let Err(message) = check_out_dir(&opts.root, &opts.out) {
        let mut d = Diagnostics::new();
        d.push(Diagnostic::global(message).with_help("choose a folder outside content/, e.g. `xliff-out`"));
        return Err(d);
    }
    let site = super::load(&opts.root)?;
    let langs = target_langs(&site, opts.lang)?;
    let mut docs = Vec::new();
    let mut errors = Diagnostics::new();
    for &lang in &langs {
        let termbase = Termbase::new(&site.glossary, site.config.default_language, lang);
        for texts in pages(&site, lang) {
            if opts.stale_only && texts.status == Status::Complete {
                continue;
            }
            match prepare(&opts.root, &texts, &termbase) {
                Ok(p) => docs.push((format!("{}.{}.xlf", texts.id, lang.code()), p.doc)),
                Err(d) => errors.push(d),
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let fail = |e: std::io::Error, p: &Path| {
        let mut d = Diagnostics::new();
        d.push(Diagnostic::global(format!("cannot write {}: {e}", p.display())).with_help("choose an output folder this user may write"));
        d
    };
    std::fs::create_dir_all(&opts.out).map_err(|e| fail(e, &opts.out))?;
    let mut report = ExportReport::default();
    for (name, doc) in docs {
        let path = opts.out.join(name);
        report.units += doc.units.len();
        report.translated += doc.units.iter().filter(|u| u.target.is_some()).count();
        std::fs::write(&path, write::document(&doc)).map_err(|e| fail(e, &path))?;
        report.files.push(path);
    }
    Ok(report)
}

/// Refuses an output folder inside the site's `content/` (the files would become part of the site).
pub fn check_out_dir(root: &Path, out: &Path) -> Result<(), String> {
    let Ok(content) = root.join("content").canonicalize() else { return Ok(()) };
    let Ok(out_abs) = std::path::absolute(out) else { return Ok(()) };
    // The deepest folder that exists, resolved, and the rest of the path after it.
    let mut existing = out_abs.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        let (Some(parent), Some(name)) = (existing.parent(), existing.file_name()) else { return Ok(()) };
        rest.push(name);
        existing = parent;
    }
    let Ok(mut resolved) = existing.canonicalize() else { return Ok(()) };
    resolved.extend(rest.iter().rev());
    if resolved.starts_with(&content) {
        return Err(format!("{} lies inside the site's content folder; the XLIFF files would become part of the site", out.display()));
    }
    Ok(())
}

/// The target languages: `lang`, or every language of the site but the default.
pub fn target_langs(site: &Site, lang: Option<Lang>) -> Result<Vec<Lang>, Diagnostics> {
    let default = site.config.default_language;
    let others: Vec<Lang> = site.config.languages.iter().copied().filter(|&l| l != default).collect();
    match lang {
        None => Ok(others),
        Some(l) if others.contains(&l) => Ok(vec![l]),
        Some(l) => {
            let mut d = Diagnostics::new();
            let have: Vec<&str> = others.iter().map(|l| l.code()).collect();
            d.push(Diagnostic::global(format!("`{}` is not a target language of this site", l.code())).with_help(format!(
                "the site translates {} into: {}",
                default.code(),
                have.join(", ")
            )));
            Err(d)
        }
    }
}

/// Every page of the site in `lang`, then the home texts, with their status.
pub fn pages(site: &Site, lang: Lang) -> Vec<PageTexts<'_>> {
    let mut out: Vec<PageTexts<'_>> = site
        .pages()
        .iter()
        .map(|p| PageTexts {
            id: &p.id,
            source_lang: p.source_lang,
            source: p.source(),
            lang,
            translation: p.text(lang),
            status: translation::status(p, lang),
        })
        .collect();
    let default = site.config.default_language;
    if let Some(source) = site.home.get(&default) {
        let t = site.home.get(&lang);
        out.push(PageTexts { id: "_index", source_lang: default, source, lang, translation: t, status: home_status(source, t) });
    }
    out
}

/// The status of the home text in one language, as for a page.
fn home_status(source: &PageText, translation: Option<&PageText>) -> Status {
    match translation.map(|t| t.source_hash.as_ref()) {
        None => Status::Missing,
        Some(None) => Status::Unstamped,
        Some(Some(h)) if h.value == source.digest() => Status::Complete,
        Some(Some(_)) => Status::Stale,
    }
}
