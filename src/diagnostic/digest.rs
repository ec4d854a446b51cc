//! The short form of many problems, for `build` and `serve`: the first few
//! of each kind, and how many there are of each.
//!
//! A large site can have tens of thousands of warnings of one kind (an
//! acronym the glossary lacks, on every page). [`Digest::new`] keeps the
//! first few problems of each [`Diagnostic::code`] and every problem without
//! one (those are individual mistakes, each to be fixed); [`Digest::table`]
//! says how many of each kind there are and where to see them all.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{Diagnostic, Severity};

/// The problems to show, and the count of each kind.
#[derive(Debug)]
pub struct Digest<'a> {
    /// The problems to show, in the order given.
    pub shown: Vec<&'a Diagnostic>,
    /// Every kind with its count: errors first, then the most numerous.
    pub kinds: Vec<KindCount>,
    /// How many problems are not shown.
    pub hidden: usize,
}

/// How many problems of one kind there are, and how many are shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KindCount {
    /// Error or warning.
    pub severity: Severity,
    /// The kind; `None` for problems without a code.
    pub code: Option<&'static str>,
    /// How many there are.
    pub count: usize,
    /// How many of them are shown.
    pub shown: usize,
}

impl<'a> Digest<'a> {
    /// The first `per_kind` problems of each code in `diags`, and all without a code.
    pub fn new(diags: &'a [Diagnostic], per_kind: usize) -> Digest<'a> {
        let mut counts: BTreeMap<(Severity, Option<&'static str>), (usize, usize)> = BTreeMap::new();
        let mut shown = Vec::new();
        for d in diags {
            let (count, seen) = counts.entry((d.severity, d.code)).or_default();
            *count += 1;
            if d.code.is_none() || *seen < per_kind {
                *seen += 1;
                shown.push(d);
            }
        }
        let mut kinds: Vec<KindCount> =
            counts.into_iter().map(|((severity, code), (count, shown))| KindCount { severity, code, count, shown }).collect();
        kinds.sort_by(|a, b| (a.severity, std::cmp::Reverse(a.count), a.code).cmp(&(b.severity, std::cmp::Reverse(b.count), b.code)));
        let hidden = diags.len() - shown.len();
        Digest { shown, kinds, hidden }
    }

    /// The count of every kind, when some problems are not shown; empty otherwise.
    ///
    /// ```text
    /// Problems by kind (the first 5 of each are shown; `tebiki check` lists them all):
    ///   warning[unknown-acronym]  55000  (5 shown)
    ///   error                         2
    /// ```
    pub fn table(&self, per_kind: usize) -> String {
        if self.hidden == 0 {
            return String::new();
        }
        let label = |k: &KindCount| {
            let level = match k.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            k.code.map_or_else(|| level.to_string(), |c| format!("{level}[{c}]"))
        };
        let width = self.kinds.iter().map(|k| label(k).len()).max().unwrap_or(0);
        let digits = self.kinds.iter().map(|k| k.count.to_string().len()).max().unwrap_or(0);
        let mut out = format!("Problems by kind (the first {per_kind} of each are shown; `tebiki check` lists them all):\n");
        for k in &self.kinds {
            let _ = write!(out, "  {:<width$}  {:>digits$}", label(k), k.count);
            if k.shown < k.count {
                let _ = write!(out, "  ({} shown)", k.shown);
            }
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn many() -> Vec<Diagnostic> {
        let mut v: Vec<Diagnostic> =
            (1..=1000).map(|l| Diagnostic::warning("a.md", l, 1, "acronym").with_code("unknown-acronym")).collect();
        v.extend((1..=3).map(|l| Diagnostic::warning("b.md", l, 1, "no alt").with_code("missing-alt")));
        v.push(Diagnostic::error("c.md", 1, 1, "unknown page"));
        v.push(Diagnostic::error("c.md", 2, 1, "unknown page"));
        v
    }

    #[test]
    fn keeps_the_first_few_of_each_kind_and_every_problem_without_one() {
        let diags = many();
        let d = Digest::new(&diags, 5);
        let shown: Vec<String> = d.shown.iter().map(|d| d.location()).collect();
        assert_eq!(
            shown,
            ["a.md:1:1", "a.md:2:1", "a.md:3:1", "a.md:4:1", "a.md:5:1", "b.md:1:1", "b.md:2:1", "b.md:3:1", "c.md:1:1", "c.md:2:1"]
        );
        assert_eq!(d.hidden, 995);
        let kinds: Vec<(Option<&str>, usize, usize)> = d.kinds.iter().map(|k| (k.code, k.count, k.shown)).collect();
        assert_eq!(kinds, [(None, 2, 2), (Some("unknown-acronym"), 1000, 5), (Some("missing-alt"), 3, 3)]);
    }

    #[test]
    fn the_table_counts_each_kind_and_points_to_check() {
        let diags = many();
        let table = Digest::new(&diags, 5).table(5);
        assert_eq!(
            table,
            "Problems by kind (the first 5 of each are shown; `tebiki check` lists them all):\n\
             \x20 error                        2\n\
             \x20 warning[unknown-acronym]  1000  (5 shown)\n\
             \x20 warning[missing-alt]         3\n"
        );
    }

    #[test]
    fn nothing_left_out_needs_no_table() {
        let diags = many();
        assert_eq!(Digest::new(&diags, 1000).table(1000), "");
    }
}
