//! Stage 2, page by page: a file's bytes parsed ([`parse_bytes`]) and the
//! language files of one page assembled ([`assemble`]).
//!
//! Every problem of a file is reported in one run: a field that cannot be
//! read is left out, a value that is wrong is reported where it is written,
//! and the page is still assembled unless it has no usable id (then it is
//! left out, and references to it are not reported again).

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use super::frontmatter::{self, TEXT_FIELDS};
use super::{FileEntry, Parsed};
use crate::config::{Config, FACET_FIELDS, is_slug};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{BudgetLine, Meta, Page, PageText, Source, TextFields};
use crate::suggest;
use crate::text::Located;

/// Parses the bytes of one page file: `Err` when its front matter cannot be
/// read at all; other problems are kept in [`Parsed::problems`].
pub(super) fn parse_bytes(entry: &FileEntry, bytes: &[u8]) -> Result<Parsed, Diagnostic> {
    let path = &entry.path;
    let decoded = crate::text::decode::decode_text(bytes, path)?;
    let bare_cr = decoded.bare_cr.map(|at| crate::text::decode::bare_cr_warning(path, at));
    // A fatal error says so too: its line numbers count bare CRs.
    let noting = |d: Diagnostic| match &bare_cr {
        Some(w) => {
            let help = d.help.clone().map_or_else(String::new, |h| format!("{h}; "));
            let at = w.location();
            d.with_help(format!("{help}note: the file uses bare CR line ends (the first at {at}), and lines are counted at each"))
        }
        None => d,
    };
    let text = decoded.text;
    let split = frontmatter::split(&text, path).map_err(noting)?;
    let mut problems = Diagnostics::new();
    let fm = frontmatter::read(split.yaml, path, split.yaml_line, &mut problems).map_err(noting)?;
    problems.extend(bare_cr);
    let title = match &fm.title {
        Some(t) if !t.value.trim().is_empty() => t.value.trim().to_string(),
        Some(t) => {
            problems.push(Diagnostic::error(path, t.line, t.column, "`title` is empty").with_help("write the page's title after `title:`"));
            entry.stem.clone()
        }
        None => {
            if !fm.unreadable.contains(&"title") {
                problems
                    .push(Diagnostic::error(path, 1, 1, "missing required field `title`").with_help("add `title: …` to the front matter"));
            }
            entry.stem.clone()
        }
    };
    let text_fields = PageText::from(TextFields {
        path: path.clone(),
        title,
        short_title: fm.short_title.clone(),
        summary: fm.summary.clone(),
        subtitle: fm.subtitle.clone(),
        source_hash: fm.source_hash.clone(),
        source_blocks: fm.source_blocks.clone(),
        qa_ignore: fm.qa_ignore.clone(),
        body: split.body.into(),
        body_line: split.body_line,
        yaml: split.yaml.into(),
        yaml_line: split.yaml_line,
    });
    Ok(Parsed { entry: entry.clone(), text: text_fields, fm, problems: problems.into_iter().collect() })
}

/// Turns the language files of one folder + stem into a page.
/// Returns the page and the line and column of its `id`.
pub(super) fn assemble(config: &Config, mut files: Vec<Arc<Parsed>>, diags: &mut Diagnostics) -> Option<(Page, (usize, usize))> {
    files.sort_by_key(|p| (p.entry.lang != config.default_language, config.languages.iter().position(|l| *l == p.entry.lang)));
    if files.windows(2).any(|w| w[0].entry.lang == w[1].entry.lang) {
        let a = &files[0].entry.path;
        diags.push(
            Diagnostic::error(a, 0, 0, "two files give the same page in the same language")
                .with_help("keep either `<id>.md` or `<id>.<lang>.md`, not both"),
        );
        return None;
    }
    let source = files.remove(0);
    let path = source.entry.path.clone();
    let top = source.entry.dir.components().next().map(|c| c.as_os_str().to_string_lossy().to_string()).unwrap_or_default();
    let Some(kind) = config.kind_by_folder(&top) else {
        let folders: Vec<&str> = config.kinds.iter().map(|k| k.folder.as_str()).collect();
        diags.push(
            Diagnostic::error(
                &path,
                0,
                0,
                format!("page is not in a kind's folder (`{}`)", if top.is_empty() { "content/" } else { &top }),
            )
            .with_help(format!("put pages under content/{{{}}}/", folders.join(","))),
        );
        return None;
    };
    let fm = &source.fm;
    let id = check_id(fm, &source, diags);
    if let Some(k) = &fm.kind
        && k.value != kind.key
    {
        let help = match config.kind(&k.value) {
            Some(other) => format!("pages of kind `{}` go in content/{}/", other.key, other.folder),
            None => suggest::did_you_mean(&k.value, config.kinds.iter().map(|k| k.key.as_str()))
                .unwrap_or_else(|| format!("this folder holds pages of kind `{}`", kind.key)),
        };
        diags.push(
            Diagnostic::error(
                &path,
                k.line,
                k.column,
                format!("kind `{}` does not agree with the folder content/{}/ (kind `{}`)", k.value, kind.folder, kind.key),
            )
            .with_help(help),
        );
    }
    let meta = meta(config, fm, &path, diags);
    let mut texts = BTreeMap::new();
    let source_lang = source.entry.lang;
    texts.insert(source_lang, source.text.clone());
    for t in files {
        // A translation holds text fields only.
        for key in t.fm.given.iter().filter(|k| !TEXT_FIELDS.contains(&k.value)) {
            diags.push(
                Diagnostic::error(&t.entry.path, key.line, key.column, format!("translation holds the structured field `{}`", key.value))
                    .with_help(format!(
                        "structured fields belong in the source page {}; a translation holds only {}",
                        path.display(),
                        TEXT_FIELDS.join(", ")
                    )),
            );
        }
        texts.insert(t.entry.lang, t.text.clone());
    }
    let id = id?;
    let id_at = (id.line, id.column);
    Some((Page { id: id.value, kind: kind.key.clone(), folder: kind.folder.clone(), source_lang, texts, meta }, id_at))
}

/// The page's id, reported when it is missing or not a slug.
fn check_id(fm: &frontmatter::RawFrontMatter, source: &Parsed, diags: &mut Diagnostics) -> Option<Located<String>> {
    let path = &source.entry.path;
    let Some(id) = fm.id.clone() else {
        if !fm.unreadable.contains(&"id") {
            diags.push(
                Diagnostic::error(path, source.text.yaml_line.saturating_sub(1).max(1), 1, "missing required field `id`")
                    .with_help(format!("add `id: {}` (a lowercase slug, used in the URL)", slugish(&source.entry.stem))),
            );
        }
        return None;
    };
    if !is_slug(&id.value) {
        diags.push(
            Diagnostic::error(path, id.line, id.column, format!("id `{}` is not a lowercase slug", id.value))
                .with_help(format!("use only a-z, 0-9 and -, e.g. `{}`", slugish(&id.value))),
        );
        return None;
    }
    Some(id)
}

/// The structured fields, each value checked against the configuration.
fn meta(config: &Config, fm: &frontmatter::RawFrontMatter, path: &Path, diags: &mut Diagnostics) -> Meta {
    let date = |d: &Option<Located<String>>, diags: &mut Diagnostics| {
        let l = d.as_ref()?;
        match l.value.trim().parse::<jiff::civil::Date>() {
            Ok(d) => Some(d),
            Err(_) => {
                diags.push(
                    Diagnostic::error(path, l.line, l.column, format!("`{}` is not a date", l.value))
                        .with_help("write dates as YYYY-MM-DD, e.g. 2025-05-16"),
                );
                None
            }
        }
    };
    let budget = fm
        .budget
        .iter()
        .map(|b| BudgetLine {
            fy: b.fy.value,
            oku_yen: b.oku_yen,
            scope: b.scope,
            project: b.project.clone(),
            part_of: b.part_of,
            relisted: b.relisted,
            shared_with: b.shared_with.clone(),
            note: b.note.clone(),
        })
        .collect();
    let sources = fm
        .sources
        .iter()
        .map(|s| Source {
            title: s.title.clone(),
            publisher: s.publisher.clone(),
            date: date(&s.date, diags),
            url: s.url.clone().and_then(|u| {
                if crate::escape::is_script_url(&u.value) {
                    diags.push(
                        Diagnostic::error(path, u.line, u.column, format!("source URL `{}` is a script URL", u.value))
                            .with_help("give the address of the document, starting with https://"),
                    );
                    return None;
                }
                Some(u.value)
            }),
            note: s.note.clone(),
        })
        .collect();
    let meta = Meta {
        period: fm.period.clone(),
        parent: fm.parent.clone(),
        number: fm.number,
        ministries: fm.ministries.clone(),
        diseases: fm.diseases.clone(),
        tags: fm.tags.clone(),
        lead_ministry: fm.lead_ministry.clone(),
        budget,
        succeeds: fm.succeeds.clone(),
        related: fm.related.clone(),
        sources,
        aliases: fm.aliases.clone(),
        date: date(&fm.date, diags),
        updated: date(&fm.updated, diags),
        draft: fm.draft.unwrap_or(false),
        weight: fm.weight.unwrap_or(0),
        glossary: fm.glossary.unwrap_or(true),
        glossary_ignore: fm.glossary_ignore.iter().map(|l| l.value.clone()).collect(),
        pages: fm.pages.clone(),
        extra: fm.extra.clone().unwrap_or(serde_json::Value::Null),
    };
    check_keys(config, &meta, path, diags);
    meta
}

/// Reports period and facet keys the configuration lacks (they depend on nothing but it).
fn check_keys(config: &Config, meta: &Meta, path: &Path, diags: &mut Diagnostics) {
    for p in &meta.period {
        if config.period(&p.value).is_none() {
            let keys: Vec<&str> = config.periods.iter().map(|p| p.key.as_str()).collect();
            diags.push(
                Diagnostic::error(path, p.line, p.column, format!("unknown period `{}`", p.value)).with_help(
                    suggest::did_you_mean(&p.value, keys.iter().copied())
                        .unwrap_or_else(|| format!("periods in site.yaml: {}", keys.join(", "))),
                ),
            );
        }
    }
    for facet in FACET_FIELDS {
        let values = meta.facet(facet);
        match config.facet(facet) {
            Some(f) => {
                for v in values.iter().filter(|v| f.value(&v.value).is_none()) {
                    diags.push(unknown_facet(path, facet, v, f.values.iter().map(|v| v.key.as_str())));
                }
            }
            None => {
                if let Some(v) = values.first() {
                    diags.push(
                        Diagnostic::error(path, v.line, v.column, format!("site.yaml defines no facet `{facet}`"))
                            .with_help(format!("add `{facet}` under `facets:` in site.yaml")),
                    );
                }
            }
        }
    }
    if let Some(l) = &meta.lead_ministry
        && let Some(f) = config.facet("ministries")
    {
        if f.value(&l.value).is_none() {
            diags.push(unknown_facet(path, "ministries", l, f.values.iter().map(|v| v.key.as_str())));
        } else if !meta.ministries.iter().any(|m| m.value == l.value) {
            diags.push(
                Diagnostic::warning(path, l.line, l.column, format!("lead_ministry `{}` is not among the page's ministries", l.value))
                    .with_help("add it to `ministries`"),
            );
        }
    }
}

fn unknown_facet<'a>(file: &Path, facet: &str, v: &Located<String>, keys: impl Iterator<Item = &'a str>) -> Diagnostic {
    let keys: Vec<&str> = keys.collect();
    Diagnostic::error(file, v.line, v.column, format!("unknown {facet} key `{}`", v.value)).with_help(
        suggest::did_you_mean(&v.value, keys.iter().copied()).unwrap_or_else(|| format!("keys defined in site.yaml: {}", keys.join(", "))),
    )
}

/// A slug suggestion for a name.
fn slugish(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "page-id".into() } else { out }
}
