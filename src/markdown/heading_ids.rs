//! Heading ids: `{#custom-id}` when the author gave one, otherwise GitHub's.
//!
//! GitHub's algorithm (github-slugger): lowercase the heading's text, keep
//! letters, marks and decimal/letter numbers of any script, `-`, `_` and
//! spaces, drop everything else (punctuation such as `・`, symbols, circled
//! numbers `①`), then turn each space into `-`. So `## ゲノム・データ基盤の整備`
//! gets `ゲノムデータ基盤の整備`. A repeated id gets `-1`, `-2`, …; an empty
//! one becomes `section`.
//!
//! Guarantees: every heading gets an id and, unless the author gave the
//! same custom id twice (a warning), the ids of a page are unique; custom
//! ids are reserved before automatic ones are chosen, so a later `{#x}`
//! never collides with an earlier automatic `x`.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::emphasis::is_combining_mark;
use super::position::SourceMap;
use super::{Heading, Problem, Severity, Spanned};

/// Sets the id of every heading; returns the headings and any warnings.
pub(super) fn assign<'a>(mut events: Vec<Spanned<'a>>, map: &SourceMap<'_>) -> (Vec<Spanned<'a>>, Vec<Heading>, Vec<Problem>) {
    let found = collect(&events);
    let mut problems = Vec::new();
    let mut taken = HashSet::new();
    for heading in &found {
        if let Some(id) = &heading.custom
            && !taken.insert(id.clone())
        {
            let (line, column) = map.line_col(heading.offset);
            problems.push(Problem {
                severity: Severity::Warning,
                line,
                column,
                message: format!("heading id `{id}` is used twice on this page"),
                help: Some("give one of the headings another {#id}".to_string()),
                code: Some("duplicate-heading-id"),
            });
        }
    }
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut headings = Vec::with_capacity(found.len());
    for heading in found {
        let id = match heading.custom {
            Some(id) => id,
            None => unique(&slug(&heading.text), &mut taken, &mut counts),
        };
        if let (Event::Start(Tag::Heading { id: slot, .. }), _) = &mut events[heading.index] {
            *slot = Some(CowStr::from(id.clone()));
        }
        headings.push(Heading { level: heading.level, id, text: heading.text });
    }
    (events, headings, problems)
}

struct Found {
    index: usize,
    offset: usize,
    level: u8,
    custom: Option<String>,
    text: String,
}

fn collect(events: &[Spanned<'_>]) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    let mut open = false;
    for (index, (event, range)) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                open = true;
                found.push(Found {
                    index,
                    offset: range.start,
                    level: level_number(*level),
                    custom: id.as_ref().map(|id| id.to_string()).filter(|id| !id.is_empty()),
                    text: String::new(),
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                open = false;
                if let Some(last) = found.last_mut() {
                    last.text = last.text.trim().to_string();
                }
            }
            Event::Text(text) | Event::Code(text) if open => {
                if let Some(last) = found.last_mut() {
                    last.text.push_str(text);
                }
            }
            Event::SoftBreak | Event::HardBreak if open => {
                if let Some(last) = found.last_mut() {
                    last.text.push(' ');
                }
            }
            _ => {}
        }
    }
    found
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// `base`, or `base-1`, `base-2`, … whichever is free; `section` for an
/// empty base.
fn unique(base: &str, taken: &mut HashSet<String>, counts: &mut HashMap<String, usize>) -> String {
    let base = if base.is_empty() { "section" } else { base };
    let mut id = base.to_string();
    while taken.contains(&id) {
        let n = counts.entry(base.to_string()).or_insert(0);
        *n += 1;
        id = format!("{base}-{n}");
    }
    taken.insert(id.clone());
    id
}

/// GitHub's slug of a heading text (see the module documentation).
pub(super) fn slug(text: &str) -> String {
    text.to_lowercase().chars().filter(|&c| keeps(c)).map(|c| if c == ' ' { '-' } else { c }).collect()
}

fn keeps(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_');
    }
    if is_symbol_like(c) || is_other_number(c) {
        return false;
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Symbols that Unicode nonetheless calls alphabetic (circled and squared
/// letters).
fn is_symbol_like(c: char) -> bool {
    matches!(c, '\u{2460}'..='\u{24FF}' | '\u{1F100}'..='\u{1F1FF}')
}

/// Numbers of category No (superscripts, fractions, circled numbers),
/// which GitHub drops, unlike digits and letter numbers (`〇`, `Ⅻ`).
fn is_other_number(c: char) -> bool {
    matches!(c,
        '\u{00B2}' | '\u{00B3}' | '\u{00B9}' | '\u{00BC}'..='\u{00BE}'
        | '\u{2070}'..='\u{2079}' | '\u{2080}'..='\u{2089}' | '\u{2150}'..='\u{215F}' | '\u{2189}'
        | '\u{2776}'..='\u{2793}' | '\u{2CFD}' | '\u{3192}'..='\u{3195}'
        | '\u{3220}'..='\u{3229}' | '\u{3248}'..='\u{324F}' | '\u{3251}'..='\u{325F}'
        | '\u{3280}'..='\u{3289}' | '\u{32B1}'..='\u{32BF}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn ids(md: &str) -> (Vec<String>, usize) {
        let events: Vec<Spanned> = Parser::new_ext(md, super::super::parse_options()).into_offset_iter().collect();
        let (_, headings, problems) = assign(events, &SourceMap::new(md, 1));
        (headings.into_iter().map(|h| h.id).collect(), problems.len())
    }

    #[test]
    fn japanese_heading_keeps_its_characters_and_drops_the_middle_dot() {
        assert_eq!(slug("ゲノム・データ基盤の整備"), "ゲノムデータ基盤の整備");
    }

    #[test]
    fn english_heading_is_lowercased_with_punctuation_removed() {
        assert_eq!(slug("Budget (FY2025): Overview!"), "budget-fy2025-overview");
        assert_eq!(slug("A  B"), "a--b");
        assert_eq!(slug("snake_case and-dash"), "snake_case-and-dash");
    }

    #[test]
    fn full_width_forms_and_circled_numbers_follow_github() {
        assert_eq!(slug("ＡＭＥＤの役割①"), "ａｍｅｄの役割");
        assert_eq!(slug("第３期（２０２５〜）"), "第３期２０２５");
        assert_eq!(slug("長音ー々〇"), "長音ー々〇");
    }

    #[test]
    fn repeated_headings_get_numbered() {
        assert_eq!(ids("# 概要\n## 概要\n## 概要").0, ["概要", "概要-1", "概要-2"]);
    }

    #[test]
    fn custom_ids_win_and_are_reserved_first() {
        assert_eq!(ids("## Intro\n## Other {#intro}").0, ["intro-1", "intro"]);
    }

    #[test]
    fn empty_headings_become_section() {
        assert_eq!(ids("## !!!\n## ・\n#").0, ["section", "section-1", "section-2"]);
    }

    #[test]
    fn duplicate_custom_ids_are_a_warning() {
        assert_eq!(ids("## A {#x}\n## B {#x}").1, 1);
    }

    #[test]
    fn heading_text_includes_code_and_emphasis() {
        let md = "## The `tebiki` **tool**";
        let events: Vec<Spanned> = Parser::new_ext(md, super::super::parse_options()).into_offset_iter().collect();
        let (events, headings, _) = assign(events, &SourceMap::new(md, 1));
        assert_eq!(headings[0].text, "The tebiki tool");
        assert_eq!(headings[0].id, "the-tebiki-tool");
        assert_eq!(headings[0].level, 2);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(e, _)| e));
        assert_eq!(html, "<h2 id=\"the-tebiki-tool\">The <code>tebiki</code> <strong>tool</strong></h2>\n");
    }
}
