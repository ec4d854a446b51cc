//! Japanese emphasis that CommonMark's flanking rule misses.
//!
//! pulldown-cmark leaves `**「ゲノム」**の推進` as literal asterisks, and
//! pairs `**「a」**と**「b」**` wrongly, because CommonMark decides whether a
//! `*` run opens or closes by looking for spaces, which Japanese does not
//! use (commonmark-spec #650). This pass redoes emphasis for the inline
//! content of a block when a `*` run there touches a CJK character: it turns
//! the parser's `*` emphasis back into runs, together with the literal `*`
//! left in the text, and pairs them again with [`super::emphasis`]'s
//! CJK-friendly rule.
//!
//! Guarantees: content with no `*` run next to a CJK character is left
//! exactly as the parser made it (so `2 * 3 * 4` and English text are
//! untouched); escaped `\*`, code spans, code blocks and `_` emphasis are
//! never touched; links and other inline tags stay whole and emphasis never
//! crosses their boundaries, so the events stay well nested.

use std::collections::BTreeMap;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::Spanned;
use super::emphasis::{self, Kind, Run};
use super::text::{is_inline_end, is_inline_tag};
use crate::lang::is_cjk;

/// Repairs emphasis in every block whose `*` runs touch CJK characters.
pub(super) fn repair<'a>(events: Vec<Spanned<'a>>, src: &str) -> Vec<Spanned<'a>> {
    repair_with(events, src, false)
}

/// [`repair`], or with `force` every block with a `*` run (for tests that
/// compare this pass with the parser on ASCII text).
fn repair_with<'a>(events: Vec<Spanned<'a>>, src: &str, force: bool) -> Vec<Spanned<'a>> {
    // A page with no `*` text and no emphasis keeps its list as it is (not copied).
    if !events.iter().any(may_pair) {
        return events;
    }
    let mut out = Vec::with_capacity(events.len());
    // Where the inline content of the current block starts in `out`: it is
    // written there at once and taken out again only to be repaired.
    let mut inline: Option<usize> = None;
    let mut in_code = false;
    for (event, range) in events {
        let is_inline = !in_code && is_inline_event(&event);
        if is_inline {
            inline.get_or_insert(out.len());
            out.push((event, range));
            continue;
        }
        if let Some(start) = inline.take() {
            flush(&mut out, start, src, force);
        }
        match &event {
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)) => {
                in_code = false;
            }
            _ => {}
        }
        out.push((event, range));
    }
    if let Some(start) = inline {
        flush(&mut out, start, src, force);
    }
    out
}

fn is_inline_event(event: &Event<'_>) -> bool {
    match event {
        Event::Start(tag) => is_inline_tag(tag),
        Event::End(end) => is_inline_end(end),
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineMath(_)
        | Event::InlineHtml(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::FootnoteReference(_)
        | Event::TaskListMarker(_) => true,
        _ => false,
    }
}

/// Whether an event may become a delimiter: only `*` text and emphasis do.
fn may_pair((event, _): &Spanned<'_>) -> bool {
    match event {
        Event::Text(t) => t.contains('*'),
        Event::Start(Tag::Strong | Tag::Emphasis) | Event::End(TagEnd::Strong | TagEnd::Emphasis) => true,
        _ => false,
    }
}

/// Repairs the inline content of one block, `out[start..]`, if it needs it.
fn flush(out: &mut Vec<Spanned<'_>>, start: usize, src: &str, force: bool) {
    // A block with neither is left as it is, without building its items.
    if !out.get(start..).unwrap_or_default().iter().any(may_pair) {
        return;
    }
    let items = to_items(out.split_off(start), src);
    let runs = group_runs(&items, src);
    let touches_cjk = runs.iter().any(|r| r.prev.is_some_and(is_cjk) || r.next.is_some_and(is_cjk));
    if runs.is_empty() || !(touches_cjk || force) {
        out.extend(items.into_iter().flat_map(Item::into_original));
        return;
    }
    let outcomes = pair_by_container(&items, &runs);
    emit(items, &runs, outcomes, out);
}

/// An inline event, or a `*` delimiter that may be paired again.
enum Item<'a> {
    Event(Spanned<'a>),
    /// `*` chars at `at`; `original` is the event it came from.
    Delim {
        at: Range<usize>,
        original: Spanned<'a>,
    },
}

impl<'a> Item<'a> {
    fn into_original(self) -> Option<Spanned<'a>> {
        match self {
            Item::Event(spanned) | Item::Delim { original: spanned, .. } => Some(spanned),
        }
    }
}

/// Literal unescaped `*` text and `*`-made emphasis become delimiters.
fn to_items<'a>(events: Vec<Spanned<'a>>, src: &str) -> Vec<Item<'a>> {
    let stars = |r: &Range<usize>| src.get(r.clone()).is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b == b'*'));
    events
        .into_iter()
        .map(|(event, range)| {
            let at = match &event {
                Event::Text(t) if src.get(range.clone()) == Some(&**t) && !is_escaped(src, range.start) => Some(range.clone()),
                Event::Start(Tag::Strong) => Some(range.start..range.start + 2),
                Event::Start(Tag::Emphasis) => Some(range.start..range.start + 1),
                Event::End(TagEnd::Strong) => Some(range.end.saturating_sub(2)..range.end),
                Event::End(TagEnd::Emphasis) => Some(range.end.saturating_sub(1)..range.end),
                _ => None,
            };
            match at {
                Some(at) if stars(&at) => Item::Delim { at, original: (event, range) },
                _ => Item::Event((event, range)),
            }
        })
        .collect()
}

/// Whether the byte at `at` follows an odd number of backslashes.
fn is_escaped(src: &str, at: usize) -> bool {
    let before = src.as_bytes().get(..at).unwrap_or_default();
    before.iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 1
}

/// A run of adjacent delimiters, with the characters around it and the
/// container (innermost kept inline tag) it lies in.
struct GroupedRun {
    items: Range<usize>,
    start: usize,
    len: usize,
    prev: Option<char>,
    next: Option<char>,
    container: usize,
}

fn group_runs(items: &[Item<'_>], src: &str) -> Vec<GroupedRun> {
    let mut runs: Vec<GroupedRun> = Vec::new();
    let mut containers = vec![0usize];
    let mut next_container = 1;
    for (i, item) in items.iter().enumerate() {
        match item {
            Item::Delim { at, .. } => {
                let container = containers.last().copied().unwrap_or(0);
                match runs.last_mut() {
                    Some(run) if run.items.end == i && run.start + run.len == at.start => {
                        run.items.end = i + 1;
                        run.len += at.len();
                    }
                    _ => runs.push(GroupedRun { items: i..i + 1, start: at.start, len: at.len(), prev: None, next: None, container }),
                }
            }
            Item::Event((Event::Start(_), _)) => {
                containers.push(next_container);
                next_container += 1;
            }
            Item::Event((Event::End(_), _)) => {
                if containers.len() > 1 {
                    containers.pop();
                }
            }
            Item::Event(_) => {}
        }
    }
    for run in &mut runs {
        run.prev = src.get(..run.start).and_then(|s| s.chars().next_back());
        run.next = src.get(run.start + run.len..).and_then(|s| s.chars().next());
    }
    runs
}

/// Pairs the runs of each container separately.
fn pair_by_container(items: &[Item<'_>], runs: &[GroupedRun]) -> Vec<emphasis::Outcome> {
    debug_assert!(runs.iter().all(|r| r.items.end <= items.len()));
    let mut by_container: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, run) in runs.iter().enumerate() {
        by_container.entry(run.container).or_default().push(i);
    }
    let mut outcomes = vec![emphasis::Outcome::default(); runs.len()];
    for indices in by_container.values() {
        let group: Vec<Run> = indices
            .iter()
            .map(|&i| {
                let (can_open, can_close) = emphasis::flanking(runs[i].prev, runs[i].next);
                Run { start: runs[i].start, len: runs[i].len, can_open, can_close }
            })
            .collect();
        for (&i, outcome) in indices.iter().zip(emphasis::pair(&group)) {
            outcomes[i] = outcome;
        }
    }
    outcomes
}

fn emit<'a>(items: Vec<Item<'a>>, runs: &[GroupedRun], outcomes: Vec<emphasis::Outcome>, out: &mut Vec<Spanned<'a>>) {
    let mut runs = runs.iter().zip(outcomes).peekable();
    for (i, item) in items.into_iter().enumerate() {
        match item {
            Item::Event(spanned) => out.push(spanned),
            Item::Delim { .. } => {
                let Some((run, _)) = runs.peek() else { continue };
                if run.items.start != i {
                    continue;
                }
                let Some((run, outcome)) = runs.next() else { continue };
                for (kind, range) in outcome.closes.iter().cloned() {
                    out.push((Event::End(end_of(kind)), range));
                }
                if outcome.literal > 0 {
                    let at = run.start + outcome.closes.iter().map(|(k, _)| width(*k)).sum::<usize>();
                    out.push((Event::Text(CowStr::from("*".repeat(outcome.literal))), at..at + outcome.literal));
                }
                for (kind, range) in outcome.opens {
                    out.push((Event::Start(start_of(kind)), range));
                }
            }
        }
    }
}

fn width(kind: Kind) -> usize {
    match kind {
        Kind::Emphasis => 1,
        Kind::Strong => 2,
    }
}

fn start_of(kind: Kind) -> Tag<'static> {
    match kind {
        Kind::Emphasis => Tag::Emphasis,
        Kind::Strong => Tag::Strong,
    }
}

fn end_of(kind: Kind) -> TagEnd {
    match kind {
        Kind::Emphasis => TagEnd::Emphasis,
        Kind::Strong => TagEnd::Strong,
    }
}

#[cfg(test)]
#[path = "cjk_emphasis_tests.rs"]
mod tests;
