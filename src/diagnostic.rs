//! Problems found in a site's input, and how they are shown.
//!
//! Every stage collects [`Diagnostic`]s instead of stopping at the first
//! problem, so one run reports everything. [`Diagnostics::sorted`] orders them
//! by file and position; [`render_human`] prints rustc-style snippets with
//! carets, [`render_json`] prints them for tools.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

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
}

impl Diagnostic {
    /// An error in `file` at `line`:`column`.
    pub fn error(file: impl Into<PathBuf>, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, file: Some(file.into()), line, column, message: message.into(), help: None }
    }

    /// A warning in `file` at `line`:`column`.
    pub fn warning(file: impl Into<PathBuf>, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(file, line, column, message) }
    }

    /// An error that belongs to no file.
    pub fn global(message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, file: None, line: 0, column: 0, message: message.into(), help: None }
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

    /// `file:line:column`, as far as known.
    pub fn location(&self) -> String {
        let Some(file) = &self.file else {
            return String::new();
        };
        let mut s = file.display().to_string();
        if self.line > 0 {
            let _ = write!(s, ":{}", self.line);
            if self.column > 0 {
                let _ = write!(s, ":{}", self.column);
            }
        }
        s
    }
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

/// Renders problems rustc-style, reading each file's line for the snippet.
pub fn render_human(root: &Path, diags: &[Diagnostic], color: bool) -> String {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let mut out = String::new();
    for d in diags {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let source = d.file.as_ref().filter(|_| d.line > 0).and_then(|f| source_line(&root.join(f), d.line));
        let path = d.location();
        let file = d.file.as_ref().map(|f| f.display().to_string()).unwrap_or_default();
        let mut groups = Vec::new();
        let title = level.primary_title(d.message.as_str());
        match (&source, &d.file) {
            (Some(line), Some(_)) => {
                let span = caret_span(line, d.column);
                groups.push(title.element(
                    Snippet::source(line.as_str()).line_start(d.line).path(file.as_str()).annotation(AnnotationKind::Primary.span(span)),
                ));
            }
            (None, Some(_)) => {
                groups.push(title.element(annotate_snippets::Origin::path(path.as_str())));
            }
            _ => groups.push(Group::with_title(title)),
        }
        if let Some(help) = &d.help {
            groups.push(Group::with_title(Level::HELP.secondary_title(help.as_str())));
        }
        let _ = writeln!(out, "{}\n", renderer.render(&groups));
    }
    out
}

/// The problems as a JSON array, one object each.
pub fn render_json(diags: &[Diagnostic]) -> String {
    serde_json::to_string_pretty(diags).unwrap_or_else(|_| "[]".to_string())
}

fn source_line(path: &Path, line: usize) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let l = text.lines().nth(line.checked_sub(1)?)?;
    // Control characters would garble the terminal; show them as replacement characters.
    Some(l.trim_end_matches('\r').chars().map(|c| if c.is_control() && c != '\t' { '\u{fffd}' } else { c }).collect())
}

/// Byte range under the caret: the token starting at `column` (characters, 1-based):
/// a `[[…]]` reference, an ASCII word, or one character (Japanese has no spaces to stop at).
fn caret_span(line: &str, column: usize) -> std::ops::Range<usize> {
    let start = line.char_indices().nth(column.saturating_sub(1)).map(|(i, _)| i).unwrap_or(line.len());
    let rest = &line[start..];
    let len = if rest.starts_with("[[") {
        rest.find("]]").map(|i| i + 2).unwrap_or(rest.len())
    } else if rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
        rest.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))).unwrap_or(rest.len())
    } else {
        rest.chars().next().map(char::len_utf8).unwrap_or(0)
    };
    start..start + len
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

    #[test]
    fn caret_covers_an_id_a_reference_or_one_character() {
        let line = "parent: b-cur";
        assert_eq!(&line[caret_span(line, 9)], "b-cur");
        let line = "参照：[[bb]] と";
        assert_eq!(&line[caret_span(line, 4)], "[[bb]]");
        let line = "AMEDとPDFと";
        assert_eq!(&line[caret_span(line, 6)], "PDF");
        assert_eq!(&line[caret_span(line, 5)], "と");
    }

    #[test]
    fn caret_past_end_is_empty_not_a_panic() {
        assert_eq!(caret_span("ab", 10), 2..2);
    }
}
