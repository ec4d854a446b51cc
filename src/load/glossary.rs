//! Reading `content/glossary.yaml`.
//!
//! Validates what can be checked in the file alone, every problem of it in
//! one run: the fields of every entry, slug ids, unique ids and surface forms,
//! terms and aliases that can be matched in text (not empty, not one
//! character after NFKC), a definition in every built language, an expansion
//! in every language when one is given, renderings to avoid (`avoid:` in a
//! language's part) that can be matched like terms. References to pages (`page`) and
//! other entries (`see`) are checked by [`crate::resolve`].

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use crate::config::{Config, is_slug};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::lang::Lang;
use crate::model::{Entry, EntryText};
use crate::text::Located;
use crate::yaml::read::Reader;
use crate::yaml::tree::{self, Node, Value};

/// The glossary's file, relative to the site root.
pub const GLOSSARY_FILE: &str = "content/glossary.yaml";

/// The largest glossary tebiki reads (one of 100,000 entries is about 90 MB).
pub const MAX_GLOSSARY_BYTES: u64 = 256 * 1024 * 1024;

const ENTRY_FIELDS: [&str; 9] = ["id", "term", "reading", "ja", "en", "aliases", "see", "page", "whole_word"];
const TEXT_FIELDS: [&str; 4] = ["term", "expansion", "definition", "avoid"];

/// An entry as written.
struct RawEntry {
    id: Located<String>,
    term: Option<Located<String>>,
    reading: Option<String>,
    langs: BTreeMap<Lang, RawEntryText>,
    aliases: Vec<Located<String>>,
    see: Vec<Located<String>>,
    page: Option<Located<String>>,
    whole_word: bool,
}

struct RawEntryText {
    term: Option<Located<String>>,
    expansion: Option<String>,
    definition: Option<String>,
    avoid: Vec<Located<String>>,
}

/// Reads the glossary; a site without one has an empty glossary.
pub fn load(config: &Config, diags: &mut Diagnostics) -> Vec<Entry> {
    let file = Path::new(GLOSSARY_FILE);
    let path = config.root.join(file);
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    if size > MAX_GLOSSARY_BYTES {
        diags.push(
            Diagnostic::error(
                file,
                0,
                0,
                format!("the glossary is {} MiB, more than the {} MiB tebiki reads", size >> 20, MAX_GLOSSARY_BYTES >> 20),
            )
            .with_help("a glossary of 100,000 entries takes about 90 MB; check that the file is what it should be"),
        );
        return Vec::new();
    }
    // Through the site's checked reading: a glossary that is a link out of the site is not read.
    let checked = crate::fsguard::SiteFs::new(&config.root)
        .map_err(|error| crate::fsguard::Denied::Io { path: file.to_path_buf(), error })
        .and_then(|fs| fs.read(file));
    let bytes = match checked {
        Ok(Some(b)) => b,
        Ok(None) => return Vec::new(),
        Err(denied) => {
            diags.push(denied.diagnostic());
            return Vec::new();
        }
    };
    let decoded = match crate::text::decode::decode_text(&bytes, file) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return Vec::new();
        }
    };
    diags.extend(decoded.bare_cr.map(|at| crate::text::decode::bare_cr_warning(file, at)));
    let raw = match tree::parse(&decoded.text, file, 1, diags) {
        Ok(root) => read(root.as_ref(), file, config, diags),
        Err(d) => {
            diags.push(d);
            return Vec::new();
        }
    };
    check(raw, file, config, diags)
}

/// The entries of the glossary's tree, each field read and reported.
fn read(root: Option<&Node>, file: &Path, config: &Config, diags: &mut Diagnostics) -> Vec<RawEntry> {
    let mut r = Reader { file, diags };
    let items = match root.map(|n| (n, &n.value)) {
        None => return Vec::new(),
        Some((_, Value::Seq(items))) => items,
        Some((n, _)) if n.is_null() => return Vec::new(),
        Some((n, _)) => {
            r.error(n, "the glossary is not a list of entries", "start each entry with `- id: …` at the beginning of a line");
            return Vec::new();
        }
    };
    items.iter().filter_map(|item| entry(&mut r, item, config)).collect()
}

fn entry(r: &mut Reader, node: &Node, config: &Config) -> Option<RawEntry> {
    if !matches!(node.value, Value::Map(_)) {
        r.error(node, "each glossary entry must be a map of fields", "write an entry as `- id: …` with its fields indented below");
        return None;
    }
    let f = r.fields(node, "glossary entry", &ENTRY_FIELDS)?;
    let id = r.required(&f, "id", "glossary entry has no `id`", "add `id: …`, a lowercase slug").and_then(|n| r.text(n, "id"));
    let term = r.opt_text(f.get("term"), "term");
    let reading = r.opt_text(f.get("reading"), "reading").map(|l| l.value);
    let mut langs = BTreeMap::new();
    for lang in config.languages.iter().copied() {
        let Some(part) = f.get(lang.code()) else { continue };
        let Some(t) = r.fields(part, lang.code(), &TEXT_FIELDS) else { continue };
        let text = RawEntryText {
            term: r.opt_text(t.get("term"), "term"),
            expansion: r.opt_text(t.get("expansion"), "expansion").map(|l| l.value),
            definition: r.opt_text(t.get("definition"), "definition").map(|l| l.value),
            avoid: r.texts(t.get("avoid"), "avoid"),
        };
        langs.insert(lang, text);
    }
    let aliases = r.texts(f.get("aliases"), "aliases");
    let see = r.texts(f.get("see"), "see");
    let page = r.opt_text(f.get("page"), "page");
    let whole_word = f.get("whole_word").and_then(|n| r.bool(n, "whole_word")).unwrap_or(false);
    Some(RawEntry { id: id?, term, reading, langs, aliases, see, page, whole_word })
}

/// Checks the entries against each other and the built languages; returns them sorted by id.
fn check(raw: Vec<RawEntry>, file: &Path, config: &Config, diags: &mut Diagnostics) -> Vec<Entry> {
    let mut entries = Vec::new();
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    let mut surfaces: BTreeMap<(Lang, String), (String, usize)> = BTreeMap::new();
    for r in raw {
        let id = r.id;
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
        // An empty term is reported below as a missing one.
        let terms = r.term.iter().chain(r.langs.values().filter_map(|t| t.term.as_ref())).filter(|t| !t.value.trim().is_empty());
        for s in terms.chain(&r.aliases) {
            check_surface(s, file, diags);
        }
        let mut langs = BTreeMap::new();
        for lang in config.languages.iter().copied() {
            let Some(t) = r.langs.get(&lang) else {
                diags.push(
                    err(format!("glossary entry `{}` has no `{lang}` part", id.value))
                        .with_help(format!("add `{lang}: {{definition: …}}`")),
                );
                continue;
            };
            let Some(term) = t.term.as_ref().or(r.term.as_ref()).map(|t| t.value.clone()).filter(|s| !s.trim().is_empty()) else {
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
            for a in &t.avoid {
                check_surface(a, file, diags);
            }
            let avoid = t.avoid.iter().map(|a| a.value.clone()).collect();
            langs.insert(lang, EntryText { term, expansion: t.expansion.clone(), definition, avoid });
        }
        let has_expansion: BTreeSet<bool> = langs.values().map(|t| t.expansion.is_some()).collect();
        if has_expansion.len() > 1 {
            diags.push(
                err(format!("glossary entry `{}` has an expansion in one language only", id.value))
                    .with_help("give `expansion` in every language, or in none"),
            );
        }
        for (lang, t) in &langs {
            for s in std::iter::once(&t.term).chain(r.aliases.iter().map(|a| &a.value)) {
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
        let reading = r.reading.unwrap_or_default();
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
            aliases: r.aliases.into_iter().map(|a| a.value).collect(),
            see: r.see,
            page: r.page,
            whole_word: r.whole_word,
        });
    }
    entries.sort_by(|a, b| a.id.cmp(&b.id));
    entries
}

/// Reports a term or alias that cannot be matched sensibly in text: empty,
/// white space at either end, or one character once normalised (NFKC).
fn check_surface(s: &Located<String>, file: &Path, diags: &mut Diagnostics) {
    let normal: String = s.value.nfkc().collect();
    let problem = if normal.trim().is_empty() {
        Some(format!("term or alias `{}` is empty", s.value))
    } else if normal.trim() != normal {
        Some(format!("term or alias `{}` starts or ends with white space", s.value))
    } else if normal.chars().count() < 2 {
        Some(format!("term or alias `{}` is a single character, which would be marked inside other words", s.value))
    } else {
        None
    };
    if let Some(message) = problem {
        diags.push(
            Diagnostic::error(file, s.line, s.column, message)
                .with_help("a term is marked wherever it appears in text; give it at least two characters, without spaces around it"),
        );
    }
}

#[cfg(test)]
#[path = "glossary_tests.rs"]
mod tests;
