//! `tebiki xliff import`: the targets of XLIFF files written back into the
//! translations, which are then stamped.
//!
//! Every file is read and checked before anything is written; one problem
//! in any file, and no file is written (every problem of the run is
//! reported, with the XLIFF file's line). A file is refused when its source
//! page changed since the export (its `tbk:sourceHash`, or a unit's source
//! text, differs from the site's now: the units are named), or when the
//! translation changed since the export and the import would change it.
//!
//! An existing translation whose blocks pair with the source's is edited
//! block by block: only the bytes of a block whose target differs are
//! replaced, and front-matter fields are edited as text ([`super::front`]);
//! then `source_hash` is set ([`crate::stamp::set_source_hash`]). A missing
//! translation, or one whose blocks do not pair, gets a body made from the
//! source's with every block replaced by its target (so every block needs
//! one). A translation that would not change is left alone, unstamped: an
//! export imported again without edits changes no byte.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::blocks::Block;
use super::export::{pages, target_langs};
use super::model::{FIELDS, Seg, block_id};
use super::prepare::{PageTexts, Prepared, file_hash, prepare};
use super::read::{self, ReadDoc};
use super::terms::Termbase;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::lang::Lang;
use crate::model::Site;

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Translations changed and stamped (relative to the root).
    pub written: Vec<PathBuf>,
    /// Translations created.
    pub created: Vec<PathBuf>,
    /// Translations the files left as they were.
    pub unchanged: Vec<PathBuf>,
}

/// One translation to write: its path (relative to the root), bytes as read (`None`: a new file), new text.
struct Plan {
    path: PathBuf,
    old: Option<Vec<u8>>,
    new: String,
}

/// Imports the XLIFF `files` into the site under `root`.
pub fn import(root: &Path, files: &[PathBuf]) -> Result<ImportReport, Diagnostics> {
    let site = super::load(root)?;
    let langs = target_langs(&site, None)?;
    let index: HashMap<(Lang, String), PageTexts<'_>> =
        langs.iter().flat_map(|&lang| pages(&site, lang).into_iter().map(move |t| ((lang, t.id.to_string()), t))).collect();
    let mut diags = Diagnostics::new();
    let mut termbases: BTreeMap<Lang, Termbase> = BTreeMap::new();
    let mut plans = Vec::new();
    let mut report = ImportReport::default();
    let mut seen = HashSet::new();
    for file in files {
        let xml = match std::fs::read_to_string(file) {
            Ok(x) => x,
            Err(e) => {
                diags.push(
                    Diagnostic::error(file, 0, 0, format!("cannot read the file: {e}"))
                        .with_help("name XLIFF files written by `tebiki xliff export`"),
                );
                continue;
            }
        };
        let Some(doc) = read::read(&xml, file, &mut diags) else { continue };
        let Some((texts, lang)) = find(&site, &index, &doc, file, &mut diags) else { continue };
        let termbase = termbases.entry(lang).or_insert_with(|| Termbase::new(&site.glossary, site.config.default_language, lang));
        let prepared = match prepare(root, texts, termbase) {
            Ok(p) => p,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        if !seen.insert(prepared.doc.translation.clone()) {
            diags.push(
                Diagnostic::error(file, doc.line, 0, format!("a second file for {}", prepared.doc.translation))
                    .with_help("import one file per page and language"),
            );
            continue;
        }
        if let Err(ds) = source_unchanged(&prepared, &doc, file) {
            diags.extend(ds);
            continue;
        }
        match plan(&prepared, &doc, file).and_then(|p| writable(root, p, file, doc.line)) {
            Ok(Some(p)) => plans.push(p),
            Ok(None) => report.unchanged.push(PathBuf::from(&prepared.doc.translation)),
            Err(ds) => diags.extend(ds),
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    for p in plans {
        let result = match &p.old {
            Some(old) => crate::stamp::write(&root.join(&p.path), old, &p.new),
            None => create(&root.join(&p.path), &p.new),
        };
        if let Err(message) = result {
            let done: Vec<String> = report.written.iter().chain(&report.created).map(|p| p.display().to_string()).collect();
            let help = match done.is_empty() {
                true => "nothing was written; fix the cause and import again".to_string(),
                false => format!("written before the failure: {}; import again once fixed", done.join(", ")),
            };
            diags.push(Diagnostic::error(&p.path, 0, 0, message).with_help(help));
            return Err(diags);
        }
        match p.old {
            Some(_) => report.written.push(p.path),
            None => report.created.push(p.path),
        }
    }
    Ok(report)
}

/// The page and language a file is for.
fn find<'i, 's>(
    site: &Site,
    index: &'i HashMap<(Lang, String), PageTexts<'s>>,
    doc: &ReadDoc,
    file: &Path,
    diags: &mut Diagnostics,
) -> Option<(&'i PageTexts<'s>, Lang)> {
    let lang = Lang::from_code(&doc.trg_lang).filter(|&l| target_langs(site, Some(l)).is_ok());
    let Some(lang) = lang else {
        diags.push(
            Diagnostic::error(file, 2, 0, format!("trgLang `{}` is not a target language of this site", doc.trg_lang))
                .with_help("import files written by `tebiki xliff export` for this site"),
        );
        return None;
    };
    let found = index.get(&(lang, doc.page.clone()));
    if found.is_none() {
        let help = crate::suggest::did_you_mean(&doc.page, site.pages().iter().map(|p| p.id.as_str()))
            .unwrap_or_else(|| "the page may have been renamed or removed since the export; export it again".into());
        diags.push(Diagnostic::error(file, doc.line, 0, format!("there is no page with id `{}`", doc.page)).with_help(help));
    }
    found.map(|t| (t, lang))
}

/// A unit's source as Markdown.
fn markdown(segs: &[Seg]) -> String {
    segs.iter()
        .map(|s| match s {
            Seg::Text(t) | Seg::Code(t) | Seg::Term { text: t, .. } => t.as_str(),
        })
        .collect()
}

fn lf(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// Whether the file's source is the site's source now; otherwise a problem per unit that moved on.
fn source_unchanged(p: &Prepared, doc: &ReadDoc, file: &Path) -> Result<(), Vec<Diagnostic>> {
    let now: HashMap<&str, String> = p.doc.units.iter().map(|u| (u.id.as_str(), lf(&markdown(&u.source)))).collect();
    let help = format!(
        "the source page changed since the export: export it again (`tebiki xliff export --lang {}`), carry the translations over, and import that file; {} was not changed",
        p.doc.trg_lang, p.doc.translation
    );
    let mut problems = Vec::new();
    let mut read_ids = HashSet::new();
    for u in &doc.units {
        read_ids.insert(u.id.as_str());
        let message = match now.get(u.id.as_str()) {
            None => format!("unit `{}` is no longer in {}", u.id, p.doc.original),
            Some(src) if *src != lf(&u.source) => format!("the source of unit `{}` is no longer the text of {}", u.id, p.doc.original),
            Some(_) => continue,
        };
        problems.push(Diagnostic::error(file, u.line, 0, message).with_help(help.clone()));
    }
    for u in p.doc.units.iter().filter(|u| !read_ids.contains(u.id.as_str())) {
        problems.push(
            Diagnostic::error(file, doc.line, 0, format!("unit `{}` of {} is not in this file", u.id, p.doc.original))
                .with_help(help.clone()),
        );
    }
    if problems.is_empty() && doc.source_hash != p.doc.source_hash {
        problems.push(
            Diagnostic::error(file, doc.line, 0, format!("{} changed since the export (tbk:sourceHash differs)", p.doc.original))
                .with_help(help),
        );
    }
    if problems.is_empty() { Ok(()) } else { Err(problems) }
}

/// Line ends of `text` made those of the file (`eol`).
fn with_eol(text: &str, eol: &str) -> String {
    let text = lf(text);
    if eol == "\n" { text } else { text.replace('\n', eol) }
}

/// A unit's target by unit id: its Markdown and the XLIFF line.
type Targets<'d> = HashMap<&'d str, (&'d str, usize)>;

/// The new text of the translation, or `None` when it does not change.
fn plan(p: &Prepared, doc: &ReadDoc, file: &Path) -> Result<Option<Plan>, Vec<Diagnostic>> {
    let targets: Targets<'_> = doc.units.iter().filter_map(|u| u.target.as_deref().map(|t| (u.id.as_str(), (t, u.line)))).collect();
    if targets.is_empty() {
        return Ok(None);
    }
    let body_targets = (1..=p.source_blocks.len()).filter(|i| targets.contains_key(block_id(*i).as_str())).count();
    let rebuild = p.translation.is_none() || (!p.paired && body_targets > 0);
    // A block of codes alone is kept as the source has it when it has no target.
    let missing: Vec<String> = (1..=p.source_blocks.len())
        .filter(|&i| p.source_blocks[i - 1].has_text())
        .map(block_id)
        .filter(|id| !targets.contains_key(id.as_str()))
        .collect();
    if rebuild && !missing.is_empty() {
        let why = if p.translation.is_none() { "does not exist yet" } else { "has blocks that do not pair with the source's" };
        return Err(vec![
            Diagnostic::error(file, doc.line, 0, format!("{} {why}, and units {} have no target", p.doc.translation, missing.join(", ")))
                .with_help("translate every unit of the page (or edit the translation by hand), then import again"),
        ]);
    }
    let (old, text) = match &p.translation {
        Some((raw, blocks)) => {
            let text = if rebuild {
                let mut text = raw.full.clone();
                text.replace_range(raw.body_start.., &skeleton(p.source_raw.body(), &p.source_blocks, &targets, raw.eol()));
                text
            } else if p.paired {
                edit_blocks(&raw.full, raw.body_start, blocks, &targets, raw.eol())
            } else {
                raw.full.clone()
            };
            (Some(raw.full.clone()), edit_fields(p, text, &targets, file)?)
        }
        None => (
            None,
            fresh(p, &targets).ok_or_else(|| {
                vec![
                    Diagnostic::error(
                        file,
                        doc.line,
                        0,
                        format!("{} does not exist yet, and unit `title` has no target", p.doc.translation),
                    )
                    .with_help("translate the title too; every page needs one in every language"),
                ]
            })?,
        ),
    };
    if let Some(old) = &old {
        if *old == text {
            return Ok(None);
        }
        if file_hash(old.as_bytes()) != doc.translation_hash {
            return Err(vec![
                Diagnostic::error(file, doc.line, 0, format!("{} changed since the export", p.doc.translation))
                    .with_help("export the page again and carry the translations over, so that the changes made since are not lost"),
            ]);
        }
    }
    if (p.paired || rebuild)
        && let Err(d) = same_structure(p, &text, file, doc.line)
    {
        return Err(vec![d]);
    }
    let text = crate::stamp::set_source_hash(&text, &p.doc.source_hash)
        .map_err(|e| vec![Diagnostic::error(file, doc.line, 0, format!("{}: {}", p.doc.translation, e.message)).with_help(e.help)])?;
    Ok(Some(Plan { path: PathBuf::from(&p.doc.translation), old: old.map(String::into_bytes), new: text }))
}

/// A new translation: the fields with a target, and the source's body with every block's target (`None` without a title).
fn fresh(p: &Prepared, targets: &Targets<'_>) -> Option<String> {
    targets.get("title")?;
    let eol = p.source_raw.eol();
    let mut text = format!("---{eol}");
    for field in FIELDS {
        if let Some((value, _)) = targets.get(field) {
            text.push_str(&format!("{field}: {}{eol}", super::front::quote(&lf(value))));
        }
    }
    text.push_str(&format!("---{eol}{}", skeleton(p.source_raw.body(), &p.source_blocks, targets, eol)));
    Some(text)
}

/// `text` with each front-matter field whose target differs from the translation's value set to it.
fn edit_fields(p: &Prepared, mut text: String, targets: &Targets<'_>, file: &Path) -> Result<String, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    for field in FIELDS {
        let Some(&(value, line)) = targets.get(field) else { continue };
        let value = lf(value);
        let current = p.doc.units.iter().find(|u| u.id == field).and_then(|u| u.target.as_ref()).map(|t| markdown(t));
        if current.as_deref() == Some(value.as_str()) {
            continue;
        }
        match super::front::set_field(&text, field, &value) {
            Ok(t) => text = t,
            Err(m) => problems.push(Diagnostic::error(file, line, 0, format!("{}: {m}", p.doc.translation))),
        }
    }
    if problems.is_empty() { Ok(text) } else { Err(problems) }
}

/// The plan, if its file may be written (checked before any file is).
fn writable(root: &Path, plan: Option<Plan>, file: &Path, line: usize) -> Result<Option<Plan>, Vec<Diagnostic>> {
    match &plan {
        Some(p) if p.old.is_some() => match crate::stamp::writable(&root.join(&p.path)) {
            Ok(()) => Ok(plan),
            Err(m) => Err(vec![
                Diagnostic::error(file, line, 0, format!("{}: {m}", p.path.display()))
                    .with_help("make the translation writable (`chmod u+w`), or leave this file out of the import"),
            ]),
        },
        _ => Ok(plan),
    }
}

/// The text with each paired block whose target differs replaced, in one pass.
fn edit_blocks(text: &str, body_start: usize, blocks: &[Block], targets: &Targets<'_>, eol: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (i, b) in blocks.iter().enumerate() {
        let Some(&(t, _)) = targets.get(block_id(i + 1).as_str()) else { continue };
        // Blocks come in order and apart; one that did not would be left as it is.
        if let Some(before) = text.get(at..body_start + b.range.start)
            && t != b.markdown()
        {
            out.push_str(before);
            out.push_str(&with_eol(t, eol));
            at = body_start + b.range.end;
        }
    }
    out.push_str(&text[at..]);
    out
}

/// Whether the new translation's blocks still pair with the source's (a
/// target with a blank line or a list marker in it would make new blocks).
fn same_structure(p: &Prepared, text: &str, file: &Path, line: usize) -> Result<(), Diagnostic> {
    let body = crate::load::frontmatter::split(text.trim_start_matches('\u{feff}'), Path::new("")).map(|s| s.body).unwrap_or("");
    let new = super::blocks::blocks(body);
    let first = new.iter().zip(&p.source_blocks).position(|(n, s)| n.kind != s.kind);
    let differs = first.or((new.len() != p.source_blocks.len()).then(|| new.len().min(p.source_blocks.len())));
    match differs {
        None => Ok(()),
        Some(i) => Err(Diagnostic::error(
            file,
            line,
            0,
            format!("the translations would change the blocks of {} from unit `{}` on", p.doc.translation, block_id(i + 1)),
        )
        .with_help("a target must stay one block: remove blank lines, list markers or `#` at the start of a line from it")),
    }
}

/// The source's body with every block replaced by its target.
fn skeleton(body: &str, blocks: &[Block], targets: &Targets<'_>, eol: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut at = 0;
    for (i, b) in blocks.iter().enumerate() {
        let Some(before) = body.get(at..b.range.start) else { continue };
        out.push_str(&with_eol(before, eol));
        let target = targets.get(block_id(i + 1).as_str()).map_or(b.markdown(), |(t, _)| t.to_string());
        out.push_str(&with_eol(&target, eol));
        at = b.range.end;
    }
    out.push_str(&with_eol(body.get(at..).unwrap_or_default(), eol));
    out
}

/// Writes a new translation; never over an existing file.
fn create(path: &Path, text: &str) -> Result<(), String> {
    use std::io::Write as _;
    let mut f =
        std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| format!("cannot create the translation: {e}"))?;
    f.write_all(text.as_bytes()).and_then(|()| f.sync_all()).map_err(|e| format!("cannot write the translation: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_blocks_whose_target_differs_are_replaced() {
        let text = "---\ntitle: T\n---\n\n- one\n- two  \n\nA *b*\r\nc.\n";
        let body_start = text.find("\n\n").unwrap() + 1;
        let blocks = super::super::blocks::blocks(&text[body_start..]);
        let targets = HashMap::from([("b1", ("one", 3)), ("b2", ("TWO", 4)), ("b3", ("A *b*\nC.", 5))]);
        assert_eq!(edit_blocks(text, body_start, &blocks, &targets, "\r\n"), "---\ntitle: T\n---\n\n- one\n- TWO  \n\nA *b*\r\nC.\n");
    }

    #[test]
    fn line_ends_follow_the_file() {
        assert_eq!(with_eol("a\nb\r\nc", "\r\n"), "a\r\nb\r\nc");
        assert_eq!(with_eol("a\r\nb", "\n"), "a\nb");
    }
}
