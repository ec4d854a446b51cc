//! CommonMark's emphasis pairing for `*` runs, with CJK-friendly flanking.
//!
//! [`flanking`] decides whether a run of `*` can open or close emphasis.
//! It is CommonMark 0.31's rule plus the amendment proposed for CJK text
//! (commonmark-spec #650): a run next to a CJK character counts as flanking
//! even when punctuation such as `「」（）` is on its other side, because
//! Japanese puts no spaces between words. For text with no CJK character
//! next to a run, the answer is exactly CommonMark's.
//!
//! [`pair`] is CommonMark's "process emphasis" algorithm (rule of three,
//! `openers_bottom`, strong before emphasis) for one container of inline
//! content. It is linear in the number of runs and never fails: a run that
//! finds no partner stays literal.

use std::ops::Range;

/// Strong (`**`) or emphasis (`*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Emphasis,
    Strong,
}

/// One run of `*` characters in the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Run {
    /// Byte offset of the first `*`.
    pub start: usize,
    /// Number of `*`.
    pub len: usize,
    pub can_open: bool,
    pub can_close: bool,
}

/// What became of a run, left to right: tags it closes, `*` left literal,
/// tags it opens. Each tag carries the range from opener to closer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Outcome {
    pub closes: Vec<(Kind, Range<usize>)>,
    pub literal: usize,
    pub opens: Vec<(Kind, Range<usize>)>,
}

/// `(can_open, can_close)` for a `*` run between `prev` and `next` (`None`
/// at the start or end of the inline content, which counts as whitespace).
pub(super) fn flanking(prev: Option<char>, next: Option<char>) -> (bool, bool) {
    let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let punct = |c: Option<char>| c.is_some_and(is_punctuation);
    let cjk = |c: Option<char>| c.is_some_and(crate::lang::is_cjk);
    let near_cjk = cjk(prev) || cjk(next);
    let left = !space(next) && (!punct(next) || space(prev) || punct(prev) || near_cjk);
    let right = !space(prev) && (!punct(prev) || space(next) || punct(next) || near_cjk);
    (left, right)
}

/// Unicode punctuation or symbol (CommonMark 0.31: categories P and S).
/// Without Unicode tables: any non-ASCII character that is not a letter,
/// number, mark, whitespace or control counts.
fn is_punctuation(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation();
    }
    !(c.is_alphanumeric() || c.is_whitespace() || c.is_control() || is_combining_mark(c))
}

/// Combining marks in the blocks where they are common.
pub(super) fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{3099}'..='\u{309A}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}')
}

/// Pairs the runs of one container (runs in source order).
pub(super) fn pair(runs: &[Run]) -> Vec<Outcome> {
    let mut outcomes = vec![Outcome::default(); runs.len()];
    let mut remaining: Vec<usize> = runs.iter().map(|r| r.len).collect();
    let mut opened: Vec<Vec<(Kind, Range<usize>)>> = vec![Vec::new(); runs.len()];
    // Runs that may still open, and per (len % 3, can_open) of a closer the
    // stack height below which no opener can match it.
    let mut stack: Vec<usize> = Vec::new();
    let mut bottom = [[0usize; 2]; 3];
    for (i, closer) in runs.iter().enumerate() {
        while closer.can_close && remaining[i] > 0 {
            let floor = bottom[closer.len % 3][usize::from(closer.can_open)].min(stack.len());
            let found = (floor..stack.len()).rev().find(|&k| may_pair(&runs[stack[k]], closer));
            let Some(k) = found else {
                bottom[closer.len % 3][usize::from(closer.can_open)] = stack.len();
                break;
            };
            let o = stack[k];
            let used = if remaining[o] >= 2 && remaining[i] >= 2 { 2 } else { 1 };
            let kind = if used == 2 { Kind::Strong } else { Kind::Emphasis };
            let range = runs[o].start..closer.start + closer.len;
            opened[o].push((kind, range.clone()));
            outcomes[i].closes.push((kind, range));
            remaining[o] -= used;
            remaining[i] -= used;
            stack.truncate(k + 1);
            if remaining[o] == 0 {
                stack.pop();
            }
            for b in bottom.iter_mut().flatten() {
                *b = (*b).min(stack.len());
            }
        }
        if closer.can_open && remaining[i] > 0 {
            stack.push(i);
        }
    }
    for ((outcome, mut opens), left) in outcomes.iter_mut().zip(opened).zip(remaining) {
        // The first pair an opener made is the innermost, so rightmost.
        opens.reverse();
        outcome.opens = opens;
        outcome.literal = left;
    }
    outcomes
}

/// CommonMark's rule of three: if either run can both open and close, the
/// sum of their lengths must not be a multiple of 3 unless both are.
fn may_pair(opener: &Run, closer: &Run) -> bool {
    let both_ways = opener.can_close || closer.can_open;
    !(both_ways && (opener.len + closer.len).is_multiple_of(3) && !(opener.len.is_multiple_of(3) && closer.len.is_multiple_of(3)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(start: usize, len: usize, can_open: bool, can_close: bool) -> Run {
        Run { start, len, can_open, can_close }
    }

    #[test]
    fn closing_after_japanese_punctuation_before_a_letter_is_allowed() {
        // `**「ゲノム」**の`: the closer sits between 」 and の.
        assert_eq!(flanking(Some('」'), Some('の')), (true, true));
        // The opener after は and before 「.
        assert!(flanking(Some('は'), Some('「')).0);
    }

    #[test]
    fn ascii_flanking_is_commonmarks() {
        assert_eq!(flanking(Some(' '), Some(' ')), (false, false));
        assert_eq!(flanking(None, Some('a')), (true, false));
        assert_eq!(flanking(Some('a'), None), (false, true));
        // `a**"b"**c`: CommonMark leaves the closer unable to close.
        assert_eq!(flanking(Some('"'), Some('c')), (true, false));
        assert_eq!(flanking(Some('a'), Some('"')), (false, true));
    }

    #[test]
    fn full_width_parentheses_are_punctuation() {
        assert!(is_punctuation('（'));
        assert!(is_punctuation('・'));
        assert!(!is_punctuation('ゲ'));
        assert!(!is_punctuation('ー'));
    }

    #[test]
    fn two_double_runs_make_strong() {
        let out = pair(&[run(0, 2, true, false), run(5, 2, false, true)]);
        assert_eq!(out[0].opens, vec![(Kind::Strong, 0..7)]);
        assert_eq!(out[1].closes, vec![(Kind::Strong, 0..7)]);
        assert_eq!(out[0].literal + out[1].literal, 0);
    }

    #[test]
    fn triple_runs_make_emphasis_around_strong() {
        let out = pair(&[run(0, 3, true, false), run(4, 3, false, true)]);
        assert_eq!(out[0].opens, vec![(Kind::Emphasis, 0..7), (Kind::Strong, 0..7)]);
        assert_eq!(out[1].closes, vec![(Kind::Strong, 0..7), (Kind::Emphasis, 0..7)]);
    }

    #[test]
    fn unmatched_runs_stay_literal() {
        let out = pair(&[run(0, 2, true, false)]);
        assert_eq!(out[0].literal, 2);
        assert!(out[0].opens.is_empty());
    }

    #[test]
    fn rule_of_three_blocks_both_way_runs() {
        // `*a**b`: the `**` can open and close, 1 + 2 = 3.
        let out = pair(&[run(0, 1, true, false), run(2, 2, true, true)]);
        assert_eq!(out[0].literal, 1);
        assert_eq!(out[1].literal, 2);
    }

    #[test]
    fn many_unmatched_runs_are_linear() {
        let runs: Vec<Run> = (0..100_000).map(|i| run(i * 3, 1 + i % 2, true, i % 3 == 0)).collect();
        let out = pair(&runs);
        assert_eq!(out.len(), runs.len());
    }
}
