//! Images need alt text (SPEC §5): one without is a warning at its position.
//!
//! The alt text is the text between the brackets of `![…](path)`; one that
//! is empty or only whitespace counts as missing. The events are not
//! changed.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::position::SourceMap;
use super::{Problem, Severity, Spanned};

/// A warning for every image without alt text.
pub(super) fn check_alt(events: &[Spanned<'_>], map: &SourceMap<'_>) -> Vec<Problem> {
    let mut problems = Vec::new();
    // The start offset and alt text of the image being read.
    let mut open: Option<(usize, String)> = None;
    for (event, range) in events {
        match event {
            Event::Start(Tag::Image { .. }) if open.is_none() => open = Some((range.start, String::new())),
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

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn problems(md: &str) -> Vec<Problem> {
        let events: Vec<Spanned> = Parser::new_ext(md, super::super::parse_options()).into_offset_iter().collect();
        check_alt(&events, &SourceMap::new(md, 1))
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
    fn reference_style_images_are_checked_too() {
        assert_eq!(problems("![][m]\n\n[m]: m.png").len(), 1);
    }
}
