//! Reading `content/glossary.yaml`.
//!
//! Validates what can be checked in the file alone: slug ids, unique ids and
//! surface forms, a definition in every built language, an expansion in every
//! language when one is given. References to pages (`page`) and other entries
//! (`see`) are checked by [`crate::resolve`].

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Deserialize;
use serde_saphyr::Spanned;
use unicode_normalization::UnicodeNormalization;

use crate::config::{Config, is_slug};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::lang::Lang;
use crate::model::{Entry, EntryText};
use crate::yaml;

/// The glossary's file, relative to the site root.
pub const GLOSSARY_FILE: &str = "content/glossary.yaml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    id: Spanned<String>,
    #[serde(default)]
    term: Option<String>,
    #[serde(default)]
    reading: Option<String>,
    #[serde(default)]
    ja: Option<RawEntryText>,
    #[serde(default)]
    en: Option<RawEntryText>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    see: Vec<Spanned<String>>,
    #[serde(default)]
    page: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntryText {
    #[serde(default)]
    term: Option<String>,
    #[serde(default)]
    expansion: Option<String>,
    #[serde(default)]
    definition: Option<String>,
}

/// Reads the glossary; a site without one has an empty glossary.
pub fn load(config: &Config, diags: &mut Diagnostics) -> Vec<Entry> {
    let file = Path::new(GLOSSARY_FILE);
    let bytes = match std::fs::read(config.root.join(file)) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(e) => {
            diags.push(Diagnostic::error(file, 0, 0, format!("cannot read: {e}")));
            return Vec::new();
        }
    };
    let text = match super::frontmatter::decode(&bytes, file) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return Vec::new();
        }
    };
    let raw: Vec<RawEntry> = if text.trim().is_empty() {
        Vec::new()
    } else {
        match yaml::parse(&text, file, 1) {
            Ok(r) => r,
            Err(d) => {
                diags.push(d);
                return Vec::new();
            }
        }
    };
    let mut entries = Vec::new();
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    let mut surfaces: BTreeMap<(Lang, String), (String, usize)> = BTreeMap::new();
    for r in raw {
        let id = yaml::located(&r.id, 1);
        let line = id.line;
        let err = |msg: String| Diagnostic::error(file, line, id.column, msg);
        if !is_slug(&id.value) {
            diags.push(err(format!("glossary id `{}` is not a lowercase slug", id.value)).with_help("use only a-z, 0-9 and -"));
            continue;
        }
        if let Some(first) = ids.insert(id.value.clone(), line) {
            diags.push(err(format!("duplicate glossary id `{}`", id.value)).with_help(format!("line {first} has the same id")));
            continue;
        }
        let mut langs = BTreeMap::new();
        for lang in config.languages.iter().copied() {
            let t = match lang {
                Lang::Ja => r.ja.as_ref(),
                Lang::En => r.en.as_ref(),
            };
            let Some(t) = t else {
                diags.push(
                    err(format!("glossary entry `{}` has no `{lang}` part", id.value))
                        .with_help(format!("add `{lang}: {{definition: …}}`")),
                );
                continue;
            };
            let Some(term) = t.term.clone().or_else(|| r.term.clone()).filter(|s| !s.trim().is_empty()) else {
                diags.push(
                    err(format!("glossary entry `{}` has no term for `{lang}`", id.value))
                        .with_help(format!("add `term: …` to the entry or to its `{lang}` part")),
                );
                continue;
            };
            let Some(definition) = t.definition.clone().filter(|s| !s.trim().is_empty()) else {
                diags.push(
                    err(format!("glossary entry `{}` has no `{lang}` definition", id.value))
                        .with_help(format!("add `definition: …` to its `{lang}` part")),
                );
                continue;
            };
            langs.insert(lang, EntryText { term, expansion: t.expansion.clone(), definition });
        }
        let has_expansion: BTreeSet<bool> = langs.values().map(|t| t.expansion.is_some()).collect();
        if has_expansion.len() > 1 {
            diags.push(
                err(format!("glossary entry `{}` has an expansion in one language only", id.value))
                    .with_help("give `expansion` in every language, or in none"),
            );
        }
        for (lang, t) in &langs {
            for s in std::iter::once(&t.term).chain(&r.aliases) {
                let key: String = s.nfkc().collect();
                if let Some((other, other_line)) = surfaces.get(&(*lang, key.clone())) {
                    if other != &id.value {
                        diags.push(
                            err(format!("term `{s}` is given by two glossary entries (`{other}` and `{}`)", id.value))
                                .with_help(format!("entry `{other}` on line {other_line} already has it; keep it in one entry")),
                        );
                    }
                } else {
                    surfaces.insert((*lang, key), (id.value.clone(), line));
                }
            }
        }
        let reading = r.reading.clone().unwrap_or_default();
        if reading.trim().is_empty() && config.builds(Lang::Ja) {
            diags.push(
                Diagnostic::warning(file, line, id.column, format!("glossary entry `{}` has no reading", id.value))
                    .with_help("add `reading: …` in kana, which orders the Japanese glossary")
                    .with_code("missing-reading"),
            );
        }
        entries.push(Entry {
            id: id.value.clone(),
            line,
            reading,
            langs,
            aliases: r.aliases,
            see: r.see.iter().map(|s| yaml::located(s, 1)).collect(),
            page: r.page.as_ref().map(|p| yaml::located(p, 1)),
        });
    }
    entries.sort_by(|a, b| a.id.cmp(&b.id));
    entries
}
