//! The error overlay: what a failed rebuild shows in every served page.
//!
//! A failed build's diagnostics become [`Problem`]s — the same file, line,
//! column, message and help the terminal prints — sent to the pages over the
//! live-reload channel; `live.js` draws them in a shadow root above the page
//! with `textContent` only (never as HTML), styled by `live.css`. Both are
//! files served by `tebiki serve` alone, so the overlay works under a strict
//! Content-Security-Policy and never appears in `tebiki build` output.
//! Before the first good build there is no page to put the overlay on:
//! [`placeholder`] stands in for every page until then.

use serde::Serialize;

use crate::diagnostic::{Diagnostics, Severity};

/// The overlay's script, which also does the live reload.
pub const SCRIPT: &str = include_str!("live.js");
/// The overlay's stylesheet, loaded inside its shadow root.
pub const STYLE: &str = include_str!("live.css");

/// One problem as the overlay shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// `error` or `warning`.
    pub severity: Severity,
    /// Relative to the site root, `/`-separated; empty for the site as a whole.
    pub file: String,
    /// 1-based; 0 when unknown.
    pub line: usize,
    /// 1-based, in characters; 0 when unknown.
    pub column: usize,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

/// The problems of a failed build, in the terminal's order (by file and line).
pub fn problems(diags: &Diagnostics) -> Vec<Problem> {
    diags
        .sorted()
        .into_iter()
        .map(|d| Problem {
            severity: d.severity,
            file: d.file.as_ref().map(|f| f.to_string_lossy().replace('\\', "/")).unwrap_or_default(),
            line: d.line,
            column: d.column,
            message: d.message,
            help: d.help,
        })
        .collect()
}

/// The page served for every HTML request while no build has succeeded yet;
/// the injected script puts the overlay on it and reloads once a build works.
pub fn placeholder() -> Vec<u8> {
    "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>tebiki serve</title>\n</head>\n<body>\n\
     <h1>The site has not been built yet</h1>\n\
     <p>The build failed; fix the problems shown here (and in the terminal), and this page reloads by itself.</p>\n\
     </body>\n</html>\n"
        .as_bytes()
        .to_vec()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::diagnostic::Diagnostic;

    #[test]
    fn problems_keep_file_line_column_message_and_help_in_order() {
        let mut d = Diagnostics::new();
        d.push(Diagnostic::error(PathBuf::from("content/b.ja.md"), 4, 2, "second"));
        d.push(Diagnostic::error(PathBuf::from("content/a.ja.md"), 9, 1, "first").with_help("fix it"));
        d.push(Diagnostic::global("whole site"));
        let p = problems(&d);
        let files: Vec<&str> = p.iter().map(|p| p.file.as_str()).collect();
        assert!(files.iter().position(|f| *f == "content/a.ja.md") < files.iter().position(|f| *f == "content/b.ja.md"));
        let a = p.iter().find(|p| p.file == "content/a.ja.md").unwrap();
        assert_eq!((a.line, a.column, a.message.as_str(), a.help.as_deref()), (9, 1, "first", Some("fix it")));
        let json = serde_json::to_string(a).unwrap();
        assert!(json.contains(r#""severity":"error""#), "{json}");
    }

    #[test]
    fn the_script_builds_the_overlay_without_html_parsing() {
        assert!(!SCRIPT.contains("innerHTML") && !SCRIPT.contains("insertAdjacentHTML") && !SCRIPT.contains("eval("));
        assert!(SCRIPT.contains("textContent"));
    }
}
