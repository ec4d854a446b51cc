//! Translation quality checks of `tebiki check`: terminology, spelling and
//! parity between a source page and each of its translations.
//!
//! Every finding is a warning at the translation's file and line (the block
//! that stands where the source's does when there is no nearer one), with
//! the source's file and line in the message:
//!
//! - `term-missing`: the source uses a glossary term and the translation has
//!   none of its approved renderings ([`terms`]); `term-avoided`: a text
//!   uses a rendering the glossary's `avoid:` list forbids.
//! - `spelling-variant`: an English text uses the other variety's spelling
//!   than `en_spelling` asks for ([`spelling`]); official names in the
//!   glossary and `site.yaml` labels are left as written.
//! - `parity-structure`: the first heading, list, table, image, code block
//!   or footnote that differs ([`outline`]); `parity-reference`: an `[[id]]`
//!   target used a different number of times; `parity-number`: an amount,
//!   year, percentage or count of the source missing from the translation in
//!   its localised form ([`numbers`]).
//!
//! A text opts out of checks with `qa_ignore: [terms, spelling, structure,
//! numbers]` in its front matter, for a difference that is meant.

pub mod changes;
mod numbers;
mod outline;
mod phrases;
mod spelling;
mod terms;

use std::cell::OnceCell;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use rayon::prelude::*;

use outline::{Element, Outline, Part, counterpart, line_across};
use phrases::Phrases;
use terms::Termbase;

use crate::diagnostic::Diagnostic;
use crate::lang::{Lang, is_cjk};
use crate::model::{Page, PageText, Site};

/// The checks a text can opt out of.
const CHECKS: [&str; 4] = ["terms", "spelling", "structure", "numbers"];

/// Every translation quality warning of `site`.
pub fn diagnostics(site: &Site) -> Vec<Diagnostic> {
    let termbase = Termbase::new(site);
    let names = Phrases::new(Lang::En, official_names(site).into_iter().map(|n| (n, ())));
    // Pages in parallel, their warnings gathered in page order.
    let per_page: Vec<Vec<Diagnostic>> = site.pages().par_iter().map(|page| page_diagnostics(site, page, &termbase, &names)).collect();
    let mut out: Vec<Diagnostic> = per_page.into_iter().flatten().collect();
    out.extend(glossary(site, &termbase));
    for (lang, text) in site.home.iter().filter(|(l, _)| **l == Lang::En) {
        let outline = Outline::of(text);
        out.extend(avoided(&termbase, &text.path, &outline, *lang, &HashSet::new()));
        out.extend(spelling_of(site, &names, text, &outline));
    }
    out
}

/// The warnings of one page's texts.
fn page_diagnostics(site: &Site, page: &Page, termbase: &Termbase<'_>, names: &Phrases<()>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Each text parsed once, and only if a check reads it: a page with no
    // translation, in a language the glossary forbids nothing in, is not.
    let outlines: BTreeMap<Lang, OnceCell<Outline>> = page.texts.keys().map(|l| (*l, OnceCell::new())).collect();
    let outline = |lang: &Lang| match (outlines.get(lang), page.texts.get(lang)) {
        (Some(cell), Some(text)) => Some(cell.get_or_init(|| Outline::of(text))),
        _ => None,
    };
    for (lang, text) in &page.texts {
        let ignore = ignored(text, &mut out);
        if !ignore.contains("spelling") && *lang == Lang::En && site.config.en_spelling.is_some() {
            out.extend(outline(lang).map(|own| spelling_of(site, names, text, own)).unwrap_or_default());
        }
        if *lang == page.source_lang {
            if !ignore.contains("terms") && termbase.avoids_any(*lang) {
                out.extend(outline(lang).map(|own| avoided(termbase, &text.path, own, *lang, &HashSet::new())).unwrap_or_default());
            }
            continue;
        }
        let (Some(own), Some(src)) = (outline(lang), outline(&page.source_lang)) else { continue };
        let source = page.source();
        let pair = Pair { source: &source.path, src, from: page.source_lang, path: &text.path, trg: own, to: *lang };
        if !ignore.contains("terms") {
            let (missing, told) = pair.terms(termbase);
            out.extend(missing);
            out.extend(avoided(termbase, &text.path, own, *lang, &told));
        }
        if !ignore.contains("structure") {
            out.extend(pair.structure());
            out.extend(pair.references());
        }
        if !ignore.contains("numbers") {
            out.extend(pair.numbers());
        }
    }
    out
}

/// The glossary's definitions, each translation of one against the
/// default language's: avoided renderings and figures, at the entry's line.
/// (A definition names other terms in short forms, "the 3rd-period Plan",
/// so approved renderings are not asked of it.)
fn glossary(site: &Site, termbase: &Termbase<'_>) -> Vec<Diagnostic> {
    let from = site.config.default_language;
    let file = Path::new(crate::load::glossary::GLOSSARY_FILE);
    let mut out = Vec::new();
    for entry in site.glossary.iter() {
        let Some(source) = entry.langs.get(&from) else { continue };
        let src = Outline::plain(&source.definition, entry.line);
        for (to, text) in entry.langs.iter().filter(|(l, _)| **l != from) {
            let trg = Outline::plain(&text.definition, entry.line);
            let pair = Pair { source: file, src: &src, from, path: file, trg: &trg, to: *to };
            let told = HashSet::new();
            out.extend(
                avoided(termbase, file, &trg, *to, &told)
                    .into_iter()
                    .map(|d| d.with_help(format!("in the `{to}` definition of `{}`", entry.id))),
            );
            out.extend(pair.numbers().into_iter().map(|d| d.with_help(format!("in the `{to}` definition of `{}`", entry.id))));
        }
    }
    out
}

/// The checks `text` opts out of; unknown names are reported.
fn ignored(text: &PageText, out: &mut Vec<Diagnostic>) -> HashSet<String> {
    let mut set = HashSet::new();
    for name in &text.qa_ignore {
        if CHECKS.contains(&name.value.as_str()) {
            set.insert(name.value.clone());
        } else {
            out.push(
                Diagnostic::warning(&text.path, name.line, name.column, format!("unknown check `{}` in `qa_ignore`", name.value))
                    .with_help(format!("the checks are {}", CHECKS.join(", ")))
                    .with_code("qa-ignore-unknown"),
            );
        }
    }
    set
}

/// Forbidden renderings in `text`, but for the entries in `told` (a
/// `term-missing` warning has named them already).
fn avoided(termbase: &Termbase<'_>, path: &Path, outline: &Outline, lang: Lang, told: &HashSet<String>) -> Vec<Diagnostic> {
    termbase
        .avoided(outline, lang)
        .into_iter()
        .filter(|(entry, _, _)| !told.contains(&entry.id))
        .map(|(entry, form, (line, column))| {
            let term = entry.langs.get(&lang).map_or("", |t| t.term.as_str());
            Diagnostic::warning(
                path,
                line,
                column,
                format!("“{form}” is a rendering the glossary avoids for `{}`: write “{term}”", entry.id),
            )
            .with_help(format!("the glossary entry `{}` lists “{form}” under `avoid:`; use its approved term", entry.id))
            .with_code("term-avoided")
        })
        .collect()
}

/// English names to leave as written: the glossary's English terms,
/// expansions and aliases, and the labels of `site.yaml`'s facet values.
fn official_names(site: &Site) -> Vec<String> {
    let mut names = Vec::new();
    for e in site.glossary.iter() {
        if let Some(t) = e.langs.get(&Lang::En) {
            names.push(t.term.clone());
            names.extend(t.expansion.clone());
        }
        names.extend(e.aliases.iter().filter(|a| !a.chars().any(is_cjk)).cloned());
    }
    for facet in &site.config.facets {
        names.extend(facet.values.iter().map(|v| v.label.get_or_any(Lang::En).to_string()));
    }
    names
}

fn spelling_of(site: &Site, names: &Phrases<()>, text: &PageText, outline: &Outline) -> Vec<Diagnostic> {
    let Some(variety) = site.config.en_spelling else { return Vec::new() };
    let mut out = Vec::new();
    for block in &outline.blocks {
        let keep: Vec<_> = names.find(&block.text).into_iter().map(|(r, _)| r).collect();
        for (at, word, other) in spelling::findings(&block.text, variety, &keep) {
            let (line, column) = block.position(at);
            out.push(
                Diagnostic::warning(
                    &text.path,
                    line,
                    column,
                    format!("“{word}” is not {} spelling: write “{other}”", variety.name()),
                )
                .with_help(format!(
                    "the site asks for `en_spelling: {}`; for a page that must keep it, add `qa_ignore: [spelling]` to its front matter",
                    variety.word()
                ))
                .with_code("spelling-variant"),
            );
        }
    }
    out
}

/// A source text and one translation of it.
struct Pair<'a> {
    source: &'a Path,
    src: &'a Outline,
    from: Lang,
    path: &'a Path,
    trg: &'a Outline,
    to: Lang,
}

impl Pair<'_> {
    fn warning(&self, line: usize, message: String, code: &'static str) -> Diagnostic {
        self.warning_at((line, 1), message, code)
    }

    fn warning_at(&self, (line, column): (usize, usize), message: String, code: &'static str) -> Diagnostic {
        Diagnostic::warning(self.path, line, column, message).with_code(code)
    }

    /// Source terms without an approved rendering here, and the entries
    /// whose avoided rendering these warnings name (at its line).
    fn terms(&self, termbase: &Termbase<'_>) -> (Vec<Diagnostic>, HashSet<String>) {
        let mut out = Vec::new();
        let mut told = HashSet::new();
        for m in termbase.missing((self.src, self.from), (self.trg, self.to)) {
            let Some(t) = m.entry.langs.get(&self.to) else { continue };
            let approved = match &t.expansion {
                Some(x) => format!("“{}” or “{x}”", t.term),
                None => format!("“{}”", t.term),
            };
            let mut message = format!(
                "the source's “{}” ({}:{}) has no approved rendering here: {approved}",
                m.surface,
                self.source.display(),
                m.source_at.0
            );
            let mut at = (m.line, 1);
            if let Some((form, position)) = &m.instead {
                message.push_str(&format!("; “{form}” here is a rendering the glossary avoids"));
                told.insert(m.entry.id.clone());
                at = *position;
            }
            out.push(self.warning_at(at, message, "term-missing").with_help(format!(
                "use the glossary's rendering of `{}`, or list this wording in the entry's `aliases` if it is approved too; `qa_ignore: [terms]` turns the check off for this page",
                m.entry.id
            )));
        }
        (out, told)
    }

    /// The first difference of each kind of structure.
    fn structure(&self) -> Vec<Diagnostic> {
        Part::ALL.into_iter().filter_map(|part| self.part(part)).collect()
    }

    fn part(&self, part: Part) -> Option<Diagnostic> {
        let (s, t) = (self.src.part(part), self.trg.part(part));
        let src_at = |e: &Element| format!("{}:{}", self.source.display(), e.line);
        let counts = format!("the translation has {} {}s, the source {}", t.len(), part.name(), s.len());
        let help = "make the translation's structure follow the source's, or add `qa_ignore: [structure]` to its front matter if the difference is meant";
        // How far apart two elements are, each in proportion to its body.
        let gap = |a: &Element, b: &Element| line_across(a.line, self.src, self.trg).abs_diff(b.line);
        // Where an extra element of the translation stands in the source.
        let after = |i: usize| match i.checked_sub(1).and_then(|p| s.get(p)) {
            Some(prev) => format!("it follows the counterpart of the {} at {}", part.name(), src_at(prev)),
            None => format!("{} has none before", self.source.display()),
        };
        let (mut i, mut j) = (0, 0);
        while i < s.len() && j < t.len() {
            let (a, b) = (&s[i], &t[j]);
            if t.len() - j > s.len() - i && t.get(j + 1).is_some_and(|next| gap(a, next) < gap(a, b) || a.shape != b.shape) {
                let m = format!("{} on this line has no counterpart in the source ({}): {counts}", part.name(), after(i));
                return Some(self.warning(b.line, m, "parity-structure").with_help(help));
            }
            if s.len() - i > t.len() - j && s.get(i + 1).is_some_and(|next| gap(next, b) < gap(a, b) || a.shape != b.shape) {
                let m = format!("the source's {} at {} has no counterpart before this line: {counts}", part.name(), src_at(a));
                return Some(self.warning(b.line, m, "parity-structure").with_help(help));
            }
            if a.shape != b.shape {
                let m = format!(
                    "{} differs from the source's at {}: {} here, {} there",
                    part.name(),
                    src_at(a),
                    shape(part, b),
                    shape(part, a)
                );
                return Some(self.warning(b.line, m, "parity-structure").with_help(help));
            }
            i += 1;
            j += 1;
        }
        if let Some(b) = t.get(j) {
            let m = format!("{} on this line has no counterpart in the source ({}): {counts}", part.name(), after(i));
            return Some(self.warning(b.line, m, "parity-structure").with_help(help));
        }
        let a = s.get(i)?;
        let m = format!("the source's {} at {} has no counterpart here: {counts}", part.name(), src_at(a));
        Some(self.warning(line_across(a.line, self.src, self.trg), m, "parity-structure").with_help(help))
    }

    /// `[[id]]` targets used a different number of times.
    fn references(&self) -> Vec<Diagnostic> {
        let (s, t) = (uses(self.src), uses(self.trg));
        let ids: std::collections::BTreeSet<&str> = s.keys().chain(t.keys()).copied().collect();
        let mut out = Vec::new();
        for id in ids {
            let (ns, sl) = s.get(id).copied().unwrap_or((0, 0));
            let (nt, tl) = t.get(id).copied().unwrap_or((0, 0));
            if ns == nt {
                continue;
            }
            let (line, source) = match (nt, ns) {
                (0, _) => (line_across(sl, self.src, self.trg), format!(" (first at {}:{sl})", self.source.display())),
                (_, 0) => (tl, String::new()),
                _ => (tl, format!(" (first at {}:{sl})", self.source.display())),
            };
            let m = format!("[[{id}]] is referred to {nt} times here and {ns} times in the source{source}");
            out.push(
                self.warning(line, m, "parity-reference")
                    .with_help("refer to the same pages as the source, or add `qa_ignore: [structure]` if the difference is meant"),
            );
        }
        out
    }

    /// Figures of the source missing from the translation in their localised form.
    fn numbers(&self) -> Vec<Diagnostic> {
        let held = numbers::Held::of(self.trg.blocks.iter().map(|b| b.text.as_str()));
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (i, block) in self.src.blocks.iter().enumerate() {
            for f in numbers::figures(&block.text, self.from, self.to) {
                if held.has(&f.want) || !seen.insert(f.want.clone()) {
                    continue;
                }
                let line = self.trg.blocks.get(counterpart(i, self.src.blocks.len(), self.trg.blocks.len())).map_or(1, |b| b.line);
                let m = format!(
                    "the source's “{}” ({}:{}) is not in the translation: expected “{}”",
                    f.shown,
                    self.source.display(),
                    block.line_of(f.at),
                    f.form
                );
                out.push(self.warning(line, m, "parity-number").with_help(
                    "write the figure as the site writes it, or add `qa_ignore: [numbers]` to the front matter if the difference is meant",
                ));
            }
        }
        out
    }
}

/// How often each `[[id]]` is used, and the line of its first use.
fn uses(o: &Outline) -> BTreeMap<&str, (usize, usize)> {
    let mut m: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (id, line) in &o.references {
        m.entry(id.as_str()).or_insert((0, *line)).0 += 1;
    }
    m
}

/// An element's shape in words.
fn shape(part: Part, e: &Element) -> String {
    match part {
        Part::Heading => format!("level {}", e.shape.0),
        Part::List => format!("{} items", e.shape.0),
        Part::Table => format!("{} rows of {} columns", e.shape.0, e.shape.1),
        _ => String::new(),
    }
}
