//! Problems as text: rustc-style snippets for people, JSON for tools.
//!
//! A snippet shows the problem's line of its file. Each file is read once
//! and the start of every line found in one pass: the last file read is
//! kept with its line starts, so the problems of one file (which
//! [`super::Diagnostics::sorted`] puts together) cost one read however many
//! there are, and printing is linear in the problems and the files' size.
//! Line ends are counted as the YAML parser counts them: `\n`, `\r\n`, and a
//! lone `\r`.

use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{Diagnostic, Severity};

/// Renders problems rustc-style, reading each file under `root` for its snippets.
pub fn render_human<'a>(root: &Path, diags: impl IntoIterator<Item = &'a Diagnostic>, color: bool) -> String {
    render_human_with(diags, color, |file| std::fs::read(root.join(file)).ok())
}

/// [`render_human`] with the files' bytes from `read` (given a path relative
/// to the site root), which is called once for each run of problems in one file.
pub fn render_human_with<'a>(
    diags: impl IntoIterator<Item = &'a Diagnostic>,
    color: bool,
    mut read: impl FnMut(&Path) -> Option<Vec<u8>>,
) -> String {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let mut out = String::new();
    let mut source: Option<Source> = None;
    for d in diags {
        let line = match &d.file {
            Some(file) if d.line > 0 => {
                if source.as_ref().is_none_or(|s| s.file != *file) {
                    source = Some(Source::new(file.clone(), read(file)));
                }
                source.as_ref().and_then(|s| s.line(d.line))
            }
            _ => None,
        };
        let _ = writeln!(out, "{}\n", renderer.render(&groups(d, line.as_deref())));
    }
    out
}

/// The title, snippet and help of one problem.
fn groups<'a>(d: &'a Diagnostic, line: Option<&'a str>) -> Vec<Group<'a>> {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let mut title = level.primary_title(d.message.as_str());
    if let Some(code) = d.code {
        title = title.id(code);
    }
    let mut groups = Vec::new();
    match (line, &d.file) {
        (Some(line), Some(file)) => {
            let snippet = Snippet::source(line)
                .line_start(d.line)
                .path(file.display().to_string())
                .annotation(AnnotationKind::Primary.span(caret_span(line, d.column)));
            groups.push(title.element(snippet));
        }
        (None, Some(_)) => groups.push(title.element(annotate_snippets::Origin::path(d.location()))),
        _ => groups.push(Group::with_title(title)),
    }
    if let Some(help) = &d.help {
        groups.push(Group::with_title(Level::HELP.secondary_title(help.as_str())));
    }
    groups
}

/// The problems as a JSON array, one object each.
pub fn render_json(diags: &[Diagnostic]) -> String {
    serde_json::to_string_pretty(diags).unwrap_or_else(|_| "[]".to_string())
}

/// One file's text (byte-order mark removed) and where each of its lines starts.
struct Source {
    file: PathBuf,
    text: String,
    starts: Vec<usize>,
}

impl Source {
    fn new(file: PathBuf, bytes: Option<Vec<u8>>) -> Source {
        let text = bytes.map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        };
        let starts = line_starts(&text);
        Source { file, text, starts }
    }

    /// Line `n` (1-based) without its line end; control characters, which
    /// would garble the terminal, shown as replacement characters.
    fn line(&self, n: usize) -> Option<String> {
        let range = line_range(&self.text, &self.starts, n)?;
        Some(self.text[range].chars().map(|c| if c.is_control() && c != '\t' { '\u{fffd}' } else { c }).collect())
    }
}

/// The byte offset where each line starts: 0, then after every `\n`, `\r\n` or lone `\r`.
fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            starts.push(i + 1);
        }
    }
    starts
}

/// The bytes of line `n` (1-based), line end excluded; `None` past the last line.
fn line_range(text: &str, starts: &[usize], n: usize) -> Option<Range<usize>> {
    let start = *starts.get(n.checked_sub(1)?)?;
    if start == text.len() {
        return None;
    }
    let end = starts.get(n).copied().unwrap_or(text.len());
    let line = &text[start..end];
    let trimmed = line.strip_suffix('\n').unwrap_or(line);
    let trimmed = trimmed.strip_suffix('\r').unwrap_or(trimmed);
    Some(start..start + trimmed.len())
}

/// Byte range under the caret: the token starting at `column` (characters, 1-based):
/// a `[[…]]` reference, an ASCII word, or one character (Japanese has no spaces to stop at).
fn caret_span(line: &str, column: usize) -> Range<usize> {
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

    fn lines_of(text: &str) -> Vec<&str> {
        let starts = line_starts(text);
        (1..).map_while(|n| line_range(text, &starts, n).map(|r| &text[r])).collect()
    }

    #[test]
    fn lines_end_at_lf_crlf_and_a_lone_cr() {
        assert_eq!(lines_of("a\nb\r\nc\rd"), ["a", "b", "c", "d"]);
        assert_eq!(lines_of("a\n\nb\n"), ["a", "", "b"]);
        assert!(lines_of("").is_empty());
    }

    #[test]
    fn a_snippet_shows_the_line_of_the_problem() {
        let d = Diagnostic::warning("a.md", 3, 5, "acronym `ZZQ` is not in the glossary").with_code("unknown-acronym");
        let text = render_human_with([&d], false, |_| Some(b"\xef\xbb\xbf---\r\ntitle: A\r\nthe ZZQ here\r\n".to_vec()));
        assert!(text.starts_with("warning[unknown-acronym]: acronym `ZZQ` is not in the glossary"), "{text}");
        assert!(text.contains("3 | the ZZQ here\n"), "{text}");
        assert!(text.contains("^^^"), "{text}");
    }

    #[test]
    fn each_file_is_read_once_however_many_problems_it_has() {
        let text: String = (0..10_000).map(|i| format!("line {i} with QZZ\n")).collect();
        let diags: Vec<Diagnostic> = (1..=10_000)
            .map(|l| Diagnostic::warning("a.md", l, 12, "acronym `QZZ` is not in the glossary"))
            .chain([Diagnostic::warning("b.md", 1, 1, "w"), Diagnostic::warning("b.md", 2, 1, "w")])
            .collect();
        let mut reads = Vec::new();
        let out = render_human_with(&diags, false, |f| {
            reads.push(f.to_path_buf());
            Some(text.as_bytes().to_vec())
        });
        assert_eq!(reads, [PathBuf::from("a.md"), PathBuf::from("b.md")]);
        assert!(out.contains("10000 | line 9999 with QZZ"), "the last line is found");
    }

    #[test]
    fn a_missing_file_or_line_shows_the_location_alone() {
        let d = Diagnostic::error("gone.md", 7, 2, "broken");
        let text = render_human_with([&d], false, |_| None);
        assert!(text.contains("gone.md:7:2"), "{text}");
        let text = render_human_with([&d], false, |_| Some(b"one line\n".to_vec()));
        assert!(text.contains("gone.md:7:2"), "{text}");
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
