//! Problems found in a site's input, and how they are shown.
//!
//! Every stage collects [`Diagnostic`]s instead of stopping at the first
//! problem, so one run reports everything. [`Diagnostics::sorted`] orders them
//! by file and position; [`render_human`] prints rustc-style snippets with
//! carets (reading each file once, so printing is linear in the number of
//! problems), [`render_json`] prints them for tools.
//!
//! A problem that can come in thousands carries a [`Diagnostic::code`], its
//! kind (`unknown-acronym`, `stale-translation`, `missing-alt` …):
//! [`Digest`] keeps the first few of each kind and counts the rest, so a
//! build of a large site prints a short summary while `check` lists them all.

mod digest;
mod render;

use std::fmt::Write as _;
use std::path::PathBuf;

use serde::Serialize;

pub use digest::{Digest, KindCount};
pub use render::{render_human, render_human_with, render_json};

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The build fails.
    Error,
    /// The build goes on; `check --strict` fails.
    Warning,
}

/// One problem in the input: where it is, what is wrong, how to fix it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the site root; `None` for problems of the site as a whole.
    pub file: Option<PathBuf>,
    /// 1-based line, 0 when unknown.
    pub line: usize,
    /// 1-based column in characters, 0 when unknown.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The kind of problem, for problems that can come in numbers
    /// (`unknown-acronym`); `None` for the rest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
}

impl Diagnostic {
    /// An error in `file` at `line`:`column`.
    pub fn error(file: impl Into<PathBuf>, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, file: Some(file.into()), line, column, message: message.into(), help: None, code: None }
    }

    /// A warning in `file` at `line`:`column`.
    pub fn warning(file: impl Into<PathBuf>, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(file, line, column, message) }
    }

    /// An error that belongs to no file.
    pub fn global(message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, file: None, line: 0, column: 0, message: message.into(), help: None, code: None }
    }

    /// A warning that belongs to no file.
    pub fn global_warning(message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::global(message) }
    }

    /// Names the kind of problem (a lowercase-hyphenated code such as `unknown-acronym`).
    pub fn with_code(mut self, code: &'static str) -> Self {
        self.code = Some(code);
        self
    }

    /// Adds a hint on how to fix the problem.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a hint when there is one.
    pub fn with_help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// `file:line:column`, as far as known; the path with `/` on every platform.
    pub fn location(&self) -> String {
        let Some(file) = &self.file else {
            return String::new();
        };
        let mut s = shown_path(file);
        if self.line > 0 {
            let _ = write!(s, ":{}", self.line);
            if self.column > 0 {
                let _ = write!(s, ":{}", self.column);
            }
        }
        s
    }
}

/// A path as tebiki shows it to people, with `/` between folders on every
/// platform (Windows' `\` too).
pub fn shown_path(p: &std::path::Path) -> String {
    slashed(&p.to_string_lossy(), cfg!(windows))
}

/// `text` with Windows' `\` separators as `/` when `windows`; elsewhere a
/// `\` is a character of a file name and is kept.
pub fn slashed(text: &str, windows: bool) -> String {
    if windows { text.replace('\\', "/") } else { text.to_string() }
}

/// A collection of problems from one run.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Adds many problems.
    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
    }

    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Number of errors and warnings, as listed (the same problem found twice counts once).
    pub fn counts(&self) -> (usize, usize) {
        let listed = self.sorted();
        let errors = listed.iter().filter(|d| d.severity == Severity::Error).count();
        (errors, listed.len() - errors)
    }

    /// Whether there is nothing to report.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The problems, sorted by file, line and column, duplicates removed.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut v = self.items.clone();
        v.sort_by(|a, b| (&a.file, a.line, a.column, a.severity, &a.message).cmp(&(&b.file, b.line, b.column, b.severity, &b.message)));
        v.dedup();
        v
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    /// The problems in the order they were added.
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// "3 errors, 1 warning".
pub fn summary(errors: usize, warnings: usize) -> String {
    fn plural(n: usize, word: &str) -> String {
        if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
    }
    format!("{}, {}", plural(errors, "error"), plural(warnings, "warning"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_pluralises() {
        assert_eq!(summary(3, 1), "3 errors, 1 warning");
        assert_eq!(summary(1, 0), "1 error, 0 warnings");
    }

    #[test]
    fn sorted_orders_by_file_then_line() {
        let mut ds = Diagnostics::new();
        ds.push(Diagnostic::error("b.md", 1, 1, "x"));
        ds.push(Diagnostic::error("a.md", 9, 1, "y"));
        ds.push(Diagnostic::error("a.md", 2, 1, "z"));
        let lines: Vec<_> = ds.sorted().iter().map(|d| d.location()).collect();
        assert_eq!(lines, ["a.md:2:1", "a.md:9:1", "b.md:1:1"]);
    }

    #[test]
    fn counts_match_what_is_shown() {
        let mut ds = Diagnostics::new();
        ds.push(Diagnostic::error("t.html", 2, 6, "same"));
        ds.push(Diagnostic::error("t.html", 2, 6, "same"));
        ds.push(Diagnostic::warning("a.md", 1, 1, "w"));
        assert_eq!(ds.counts(), (1, 1));
    }
}
