//! Staleness of translations (SPEC §4), between loading and rendering.
//!
//! A translation records in `source_hash` the
//! [`PageText::digest`](crate::model::PageText::digest) of its source
//! page at the time it was last brought up to date (`tebiki stamp` writes
//! it). Comparing that with the source's current hash tells whether the
//! translation is complete, stale or unstamped; a language with no file is
//! missing. [`Report`] holds the status of every page in every language, the
//! warnings `check` and `build` print, and the table `tebiki check` shows.
//! Everything here is a pure function of the loaded [`Site`].

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rayon::prelude::*;
use serde::Serialize;

use super::qa::changes::{Change, ChangeKind, changes};
use crate::diagnostic::Diagnostic;
use crate::lang::Lang;
use crate::model::{Page, Site};

/// Where one language of a page stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The source file itself.
    Source,
    /// The translation's stamp matches the source.
    Complete,
    /// The translation is stamped with an older state of the source.
    Stale,
    /// The translation has no `source_hash`.
    Unstamped,
    /// There is no file in this language.
    Missing,
}

impl Status {
    /// The word shown in the table.
    pub fn word(self) -> &'static str {
        match self {
            Status::Source => "source",
            Status::Complete => "complete",
            Status::Stale => "stale",
            Status::Unstamped => "unstamped",
            Status::Missing => "missing",
        }
    }
}

/// The status of language `lang` of `page`.
pub fn status(page: &Page, lang: Lang) -> Status {
    if lang == page.source_lang {
        return Status::Source;
    }
    let Some(text) = page.texts.get(&lang) else {
        return Status::Missing;
    };
    match &text.source_hash {
        None => Status::Unstamped,
        Some(h) if h.value.trim() == page.source().digest() => Status::Complete,
        Some(_) => Status::Stale,
    }
}

/// One row of the table: a page and its status per language.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub id: String,
    pub kind: String,
    pub source_lang: Lang,
    pub status: BTreeMap<Lang, Status>,
    /// The file of each language the page has, relative to the site root.
    #[serde(skip)]
    pub files: BTreeMap<Lang, std::path::PathBuf>,
    /// For each stale translation whose stamp recorded the source's blocks: what changed.
    #[serde(skip)]
    pub changed: BTreeMap<Lang, String>,
}

/// Counts of one language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// Pages whose source is in this language.
    pub source: usize,
    pub complete: usize,
    pub stale: usize,
    pub unstamped: usize,
    pub missing: usize,
}

impl Coverage {
    /// Pages of which this language is a translation, or should be.
    pub fn translations(&self) -> usize {
        self.complete + self.stale + self.unstamped + self.missing
    }

    /// Percent of those translations that are complete (100 when there are none).
    pub fn percent(&self) -> f64 {
        let n = self.translations();
        if n == 0 { 100.0 } else { self.complete as f64 * 100.0 / n as f64 }
    }
}

/// The status of every page of a site in every language.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub languages: Vec<Lang>,
    pub rows: Vec<Row>,
}

impl Report {
    /// Looks at every page of `site`.
    pub fn new(site: &Site) -> Report {
        let languages = site.config.languages.clone();
        let rows = site
            .pages()
            .iter()
            .map(|p| Row {
                id: p.id.clone(),
                kind: p.kind.clone(),
                source_lang: p.source_lang,
                status: languages.iter().map(|l| (*l, status(p, *l))).collect(),
                files: p.texts.iter().map(|(l, t)| (*l, t.path.clone())).collect(),
                changed: p
                    .texts
                    .iter()
                    .filter(|(l, _)| status(p, **l) == Status::Stale)
                    .filter_map(|(l, t)| Some((*l, describe(&changed_blocks(p, t)?))))
                    .collect(),
            })
            .collect();
        Report { languages, rows }
    }

    /// Counts per language.
    pub fn coverage(&self) -> BTreeMap<Lang, Coverage> {
        let mut out: BTreeMap<Lang, Coverage> = self.languages.iter().map(|l| (*l, Coverage::default())).collect();
        for row in &self.rows {
            for (l, s) in &row.status {
                let c = out.entry(*l).or_default();
                match s {
                    Status::Source => c.source += 1,
                    Status::Complete => c.complete += 1,
                    Status::Stale => c.stale += 1,
                    Status::Unstamped => c.unstamped += 1,
                    Status::Missing => c.missing += 1,
                }
            }
        }
        out
    }

    /// The table `tebiki check` prints: one line per page, then coverage per language.
    pub fn table(&self) -> String {
        let id_w = self.rows.iter().map(|r| r.id.chars().count()).max().unwrap_or(0).max("page".len());
        let kind_w = self.rows.iter().map(|r| r.kind.chars().count()).max().unwrap_or(0).max("kind".len());
        let col_w = "unstamped".len();
        let mut out = String::new();
        let _ = write!(out, "{:id_w$}  {:kind_w$}", "page", "kind");
        for l in &self.languages {
            let _ = write!(out, "  {:col_w$}", l.code());
        }
        out = out.trim_end().to_string();
        out.push('\n');
        for row in &self.rows {
            let mut line = format!("{:id_w$}  {:kind_w$}", row.id, row.kind);
            for l in &self.languages {
                let s = row.status.get(l).copied().unwrap_or(Status::Missing);
                let _ = write!(line, "  {:col_w$}", s.word());
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        let _ = writeln!(out, "{}", self.coverage_lines());
        out
    }

    /// "Translations: en 54/56 complete (96%): 1 stale, 1 unstamped, 0 missing".
    pub fn coverage_lines(&self) -> String {
        let mut lines = Vec::new();
        for (l, c) in self.coverage() {
            if c.translations() == 0 {
                continue;
            }
            lines.push(format!(
                "Translations into {l}: {}/{} complete ({:.0}%), {} stale, {} unstamped, {} missing",
                c.complete,
                c.translations(),
                c.percent().floor(),
                c.stale,
                c.unstamped,
                c.missing
            ));
        }
        if lines.is_empty() { "Translations: none (one language only)".into() } else { lines.join("\n") }
    }
}

/// A warning for every stale or unstamped translation of `site`.
pub fn diagnostics(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for page in site.pages() {
        let source = page.source();
        for (lang, text) in &page.texts {
            let help = format!("bring it up to date with {}, then run `tebiki stamp {}` to record that", source.path.display(), page.id);
            match status(page, *lang) {
                Status::Stale => {
                    let (line, column) = text.source_hash.as_ref().map(|h| (h.line, h.column)).unwrap_or((1, 1));
                    let what = changed_blocks(page, text).map(|c| format!(": {}", describe(&c))).unwrap_or_default();
                    out.push(
                        Diagnostic::warning(
                            &text.path,
                            line,
                            column,
                            format!("translation is stale: {} has changed since it was stamped{what}", source.path.display()),
                        )
                        .with_help(help)
                        .with_code("stale-translation"),
                    );
                }
                Status::Unstamped => out.push(
                    Diagnostic::warning(&text.path, 1, 1, "translation is unstamped: it has no `source_hash`")
                        .with_help(format!("when it matches {}, run `tebiki stamp {}`", source.path.display(), page.id))
                        .with_code("unstamped-translation"),
                ),
                _ => {}
            }
        }
    }
    out
}

/// The blocks of the source that changed since `text` was stamped, when
/// its `source_blocks` belong to its stamp.
pub fn changed_blocks(page: &Page, text: &crate::model::PageText) -> Option<Vec<Change>> {
    let (recorded, stamped) = (text.source_blocks.as_ref()?, text.source_hash.as_ref()?);
    changes(page.source(), &recorded.value, &stamped.value)
}

/// "changed at lines 8, 12; added at line 20; removed near line 31".
pub fn describe(changes: &[Change]) -> String {
    let mut parts = Vec::new();
    for (kind, at) in [(ChangeKind::Changed, "at"), (ChangeKind::Added, "at"), (ChangeKind::Removed, "near")] {
        let mut lines: Vec<usize> = changes.iter().filter(|c| c.kind == kind).map(|c| c.line).collect();
        lines.dedup();
        match lines.as_slice() {
            [] => {}
            [one] => parts.push(format!("{} {at} line {one}", kind.word())),
            many => parts.push(format!("{} {at} lines {}", kind.word(), many.iter().map(usize::to_string).collect::<Vec<_>>().join(", "))),
        }
    }
    if parts.is_empty() { "no paragraph changed (only code or markup)".into() } else { parts.join("; ") }
}

/// One warning that sums up the stale and unstamped translations, for `build`
/// and `serve` (`check` lists each of them); `None` when there are none.
pub fn summary_diagnostic(site: &Site) -> Option<Diagnostic> {
    // In parallel: the first status of a translation hashes its source text.
    let (stale, unstamped) = site
        .pages()
        .par_iter()
        .flat_map_iter(|page| page.texts.keys().map(move |lang| status(page, *lang)))
        .map(|s| (usize::from(s == Status::Stale), usize::from(s == Status::Unstamped)))
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    let plural = |n: usize| if n == 1 { "translation is" } else { "translations are" };
    let message = match (stale, unstamped) {
        (0, 0) => return None,
        (s, 0) => format!("{s} {} stale", plural(s)),
        (0, u) => format!("{u} {} unstamped", plural(u)),
        (s, u) => format!("{s} {} stale and {u} unstamped", plural(s)),
    };
    Some(
        Diagnostic::global_warning(message)
            .with_help("`tebiki check` lists them; after updating a translation, `tebiki stamp ID` records it")
            .with_code("translation-status"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PageText;
    use crate::text::Located;
    use std::path::PathBuf;

    fn text(title: &str, body: &str) -> PageText {
        PageText::for_test(title, body)
    }

    fn page(translation_hash: Option<&str>) -> Page {
        let mut texts = BTreeMap::new();
        texts.insert(Lang::Ja, text("題", "本文"));
        let en = text("Title", "Body").edit(|en| {
            en.path = PathBuf::from("x.en.md");
            en.source_hash = translation_hash.map(|h| Located::new(h.to_string(), 3, 14));
        });
        texts.insert(Lang::En, en);
        Page { id: "x".into(), kind: "policy".into(), folder: "policies".into(), source_lang: Lang::Ja, texts, meta: Default::default() }
    }

    #[test]
    fn status_compares_the_stamp_with_the_source() {
        let current = text("題", "本文").digest().to_string();
        assert_eq!(status(&page(Some(&current)), Lang::En), Status::Complete);
        assert_eq!(status(&page(Some("0000000000000000")), Lang::En), Status::Stale);
        assert_eq!(status(&page(None), Lang::En), Status::Unstamped);
        assert_eq!(status(&page(None), Lang::Ja), Status::Source);
        let mut only_ja = page(None);
        only_ja.texts.remove(&Lang::En);
        assert_eq!(status(&only_ja, Lang::En), Status::Missing);
    }

    #[test]
    fn coverage_counts_translations_only() {
        let report = Report {
            languages: vec![Lang::Ja, Lang::En],
            rows: vec![
                Row {
                    id: "a".into(),
                    kind: "policy".into(),
                    source_lang: Lang::Ja,
                    status: [(Lang::Ja, Status::Source), (Lang::En, Status::Complete)].into(),
                    files: BTreeMap::new(),
                    changed: BTreeMap::new(),
                },
                Row {
                    id: "b".into(),
                    kind: "policy".into(),
                    source_lang: Lang::Ja,
                    status: [(Lang::Ja, Status::Source), (Lang::En, Status::Stale)].into(),
                    files: BTreeMap::new(),
                    changed: BTreeMap::new(),
                },
            ],
        };
        let en = report.coverage()[&Lang::En];
        assert_eq!((en.complete, en.stale, en.translations()), (1, 1, 2));
        assert_eq!(report.coverage()[&Lang::Ja].source, 2);
        let table = report.table();
        assert!(table.contains("a     policy  source     complete"), "{table}");
        assert!(table.contains("Translations into en: 1/2 complete (50%), 1 stale, 0 unstamped, 0 missing"), "{table}");
        assert!(!table.contains("Translations into ja"));
    }
}
