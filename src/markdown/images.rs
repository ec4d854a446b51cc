//! Images need alt text (SPEC §5): one without is a warning at its position.
//! And they come from the site (SPEC §6: the site loads nothing from other
//! hosts): an image whose URL has a scheme (`https:`, `ftp:` …) or starts
//! with `//` is an error at its position, unless the site allows remote
//! images (`markdown.remote_images`).
//!
//! The alt text is the text between the brackets of `![…](path)`; one that
//! is empty or only whitespace counts as missing. The events are not
//! changed.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::position::SourceMap;
use super::{Problem, Severity, Spanned};

/// A warning for every image without alt text and, unless `remote_allowed`,
/// an error for every image whose URL loads from outside the site.
pub(super) fn check(events: &[Spanned<'_>], map: &SourceMap<'_>, remote_allowed: bool) -> Vec<Problem> {
    let mut problems = Vec::new();
    // The start offset and alt text of the image being read.
    let mut open: Option<(usize, String)> = None;
    for (event, range) in events {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                if !remote_allowed && is_remote(dest_url) {
                    problems.push(remote_image(map, range.start, dest_url));
                }
                if open.is_none() {
                    open = Some((range.start, String::new()));
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, alt)) = open.as_mut() {
                    alt.push_str(text);
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((at, alt)) = open.take()
                    && alt.trim().is_empty()
                {
                    let (line, column) = map.line_col(at);
                    problems.push(Problem {
                        severity: Severity::Warning,
                        line,
                        column,
                        message: "image has no alt text".to_string(),
                        help: Some("describe the image between the brackets: ![a map of the sites](map.png)".to_string()),
                        code: Some("missing-alt"),
                    });
                }
            }
            _ => {}
        }
    }
    problems
}

/// Whether an image at `url` would be loaded from outside the site: the URL
/// starts with two slashes (either way round, as browsers read them) or has
/// a scheme. `data:` URLs are inside the page, and they and `javascript:`
/// and `vbscript:` are left to [`super::script_urls`]. Leading spaces and
/// control characters, and tabs and newlines anywhere, are ignored, as
/// browsers do.
pub(super) fn is_remote(url: &str) -> bool {
    // A scheme is short: the first characters tell.
    let url: String = url.trim_start_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).take(64).collect();
    let mut start = url.chars();
    if start.next().is_some_and(|c| c == '/' || c == '\\') && start.next().is_some_and(|c| c == '/' || c == '\\') {
        return true;
    }
    let Some((scheme, _)) = url.split_once(':') else { return false };
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    is_scheme && !matches!(scheme.to_ascii_lowercase().as_str(), "data" | "javascript" | "vbscript")
}

/// The error for an image at source offset `at` that loads from `url`.
pub(super) fn remote_image(map: &SourceMap<'_>, at: usize, url: &str) -> Problem {
    let (line, column) = map.line_col(at);
    let shown: String = url.chars().take(80).collect();
    let shown = if shown.len() < url.len() { format!("{shown}…") } else { shown };
    Problem {
        severity: Severity::Error,
        line,
        column,
        message: format!("image `{shown}` is loaded from outside the site"),
        help: Some(
            "put the image beside the page and give its relative path, or allow images from other hosts with `markdown: {remote_images: true}` in site.yaml"
                .to_string(),
        ),
        code: Some("remote-image"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn problems(md: &str) -> Vec<Problem> {
        let events: Vec<Spanned> = Parser::new_ext(md, super::super::parse_options()).into_offset_iter().collect();
        check(&events, &SourceMap::new(md, 1), true)
    }

    #[test]
    fn image_without_alt_is_a_warning_at_its_position() {
        let found = problems("text\n\nsee ![](map.png)");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].severity, found[0].line, found[0].column), (Severity::Warning, 3, 5));
        assert_eq!(found[0].message, "image has no alt text");
    }

    #[test]
    fn whitespace_alt_counts_as_missing() {
        assert_eq!(problems("![  ](a.png)").len(), 1);
    }

    #[test]
    fn image_with_alt_is_fine_even_if_formatted() {
        assert!(problems("![a *map*](a.png) ![`x`](b.png)").is_empty());
    }

    #[test]
    fn a_remote_image_is_an_error_at_its_position() {
        let md = "text\n\nsee ![map](https://example.org/map.png) and ![b][r]\n\n[r]: //cdn.example/b.png";
        let events: Vec<Spanned> = Parser::new_ext(md, super::super::parse_options()).into_offset_iter().collect();
        let found = check(&events, &SourceMap::new(md, 1), false);
        let found: Vec<_> = found.iter().map(|p| (p.severity, p.line, p.column, p.message.as_str())).collect();
        assert_eq!(
            found,
            [
                (Severity::Error, 3, 5, "image `https://example.org/map.png` is loaded from outside the site"),
                (Severity::Error, 3, 45, "image `//cdn.example/b.png` is loaded from outside the site"),
            ]
        );
    }

    #[test]
    fn remote_urls_are_recognised_as_browsers_read_them() {
        for url in [
            "https://x.org/a.png",
            "HTTP://x",
            "//x.org/a.png",
            "\\\\x/a",
            "/\\x/a",
            " \thttps://x",
            "ht\ntps://x",
            "ftp://x/a",
            "file:///etc/a.png",
        ] {
            assert!(is_remote(url), "{url:?}");
        }
        for url in ["map.png", "../a/b.png", "/abs.png", "a/b:c.png", "data:image/png;base64,AA", "javascript:x", "#x", "", "?a:b"] {
            assert!(!is_remote(url), "{url:?}");
        }
    }

    #[test]
    fn reference_style_images_are_checked_too() {
        assert_eq!(problems("![][m]\n\n[m]: m.png").len(), 1);
    }
}
