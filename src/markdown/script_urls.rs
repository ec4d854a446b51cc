//! Links and images that point at `javascript:`, `vbscript:` or `data:` URLs
//! are errors at their position: they are the usual way to smuggle script
//! into a page, and under the site's strict Content-Security-Policy they do
//! nothing anyway. The events are not changed.

use pulldown_cmark::{Event, Tag};

use super::position::SourceMap;
use super::{Problem, Severity, Spanned};
use crate::escape::is_script_url;

/// An error for every link or image whose destination is a script URL.
pub(super) fn check(events: &[Spanned<'_>], map: &SourceMap<'_>) -> Vec<Problem> {
    events
        .iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) if is_script_url(dest_url) => {
                let (line, column) = map.line_col(range.start);
                let scheme = dest_url.split(':').next().unwrap_or_default().trim().to_lowercase();
                Some(Problem {
                    severity: Severity::Error,
                    line,
                    column,
                    message: format!("link to a `{scheme}:` URL"),
                    help: Some("link to a page or an http(s) address; script URLs are not allowed in the site".to_string()),
                    code: None,
                })
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn problems(md: &str) -> Vec<Problem> {
        let events: Vec<Spanned> = Parser::new_ext(md, super::super::parse_options()).into_offset_iter().collect();
        check(&events, &SourceMap::new(md, 1))
    }

    #[test]
    fn script_schemes_are_recognised_as_browsers_do() {
        for url in ["javascript:alert(1)", "JavaScript:x", " java\tscript:x", "vbscript:x", "data:text/html,<b>", "\u{1}javascript:x"] {
            assert!(is_script_url(url), "{url:?}");
        }
        for url in ["https://example.org/", "../a.md", "mailto:a@example.org", "javascript", "#javascript:x", "a/javascript:x", ""] {
            assert!(!is_script_url(url), "{url:?}");
        }
    }

    #[test]
    fn a_javascript_link_is_an_error_at_its_position() {
        let found = problems("text\n\nsee [x](javascript:alert(1)) and <javascript:alert(2)>");
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!((found[0].severity, found[0].line, found[0].column), (Severity::Error, 3, 5));
        assert_eq!(found[0].message, "link to a `javascript:` URL");
    }

    #[test]
    fn ordinary_links_are_fine() {
        assert!(problems("[a](https://example.org/) [b](../p.ja.md) ![c](c.png)").is_empty());
    }
}
