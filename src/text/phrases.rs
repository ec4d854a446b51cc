//! Foundation: Japanese text split into phrases (文節), so that headings,
//! titles, menus, table headers and chart labels break only between them.
//!
//! The phrases come from BudouX's Japanese model (the `budoux` crate, a Rust
//! port of Google's BudouX). [`html`] escapes a text and marks each phrase
//! boundary with `<wbr>`; the theme sets `word-break: keep-all` on elements
//! that hold a `<wbr>`, so a browser breaks there and, if one phrase is wider
//! than the line, anywhere (`overflow-wrap: anywhere`). Without that style
//! the text breaks as before: the marks only add break opportunities.
//!
//! Only runs that contain Japanese are split; a boundary is never put inside
//! a Latin word or number, nor beside a space (already a break).

/// Whether `c` is kana or a CJK ideograph (the characters BudouX splits).
pub fn is_japanese(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{FF66}'..='\u{FF9F}' | '々' | '〆')
}

/// The phrases of `text`, in order; their concatenation is `text`. A text
/// without Japanese is one phrase.
pub fn split(text: &str) -> Vec<&str> {
    if !text.chars().any(is_japanese) {
        return vec![text];
    }
    let cuts = CUTS.with_borrow_mut(|memo| {
        if let Some(c) = memo.get(text) {
            return c.clone();
        }
        if memo.len() >= MEMO_MAX {
            memo.clear();
        }
        let c = cuts(text);
        memo.insert(text.to_string(), c.clone());
        c
    });
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for at in cuts {
        out.push(&text[start..at]);
        start = at;
    }
    out.push(&text[start..]);
    out
}

/// Texts whose boundaries a thread keeps (the same titles fill the menus,
/// lists and navigation of every page: the model runs once for each).
const MEMO_MAX: usize = 50_000;

thread_local! {
    /// The boundaries of texts already split, by text: a memo of the pure
    /// function [`cuts`], emptied when full.
    static CUTS: std::cell::RefCell<std::collections::HashMap<String, Vec<usize>, crate::hash::FxBuild>> = Default::default();
    /// The marked HTML of texts already marked: a memo of [`html`].
    static HTML: std::cell::RefCell<std::collections::HashMap<Box<str>, Box<str>, crate::hash::FxBuild>> = Default::default();
}

/// Texts longer than this (in bytes) are marked afresh each time rather than kept.
const HTML_MEMO_TEXT_MAX: usize = 512;

/// Calls `f` with [`html`] of `text`, taken from the texts this thread has
/// marked before when `text` is one of them (a title is marked in every
/// menu and list that shows it). `f` runs while the memo is in use, so it
/// must not call `with_html` itself.
pub fn with_html<R>(text: &str, f: impl FnOnce(&str) -> R) -> R {
    if text.len() > HTML_MEMO_TEXT_MAX {
        return f(&html(text));
    }
    HTML.with_borrow_mut(|memo| {
        if let Some(marked) = memo.get(text) {
            return f(marked);
        }
        let marked = html(text);
        let r = f(&marked);
        if memo.len() >= MEMO_MAX {
            memo.clear();
        }
        memo.insert(text.into(), marked.into());
        r
    })
}

/// The byte offsets at which `text` (which holds Japanese) is split.
fn cuts(text: &str) -> Vec<usize> {
    let model = budoux::models::default_japanese_model();
    // Boundaries: the model's, and after each 「・」 between two words
    // (医療機器・ヘルスケア).
    let mut cuts = Vec::new();
    let mut at = 0;
    for chunk in budoux::parse(model, text) {
        at += chunk.len();
        cuts.push(at);
    }
    // Browsers break after closing punctuation and before opening brackets
    // even with `keep-all`: those are boundaries too.
    for (k, c) in text.char_indices() {
        match c {
            '・' | '：' | '、' | '。' | '，' | '）' | '」' | '』' | '】' => cuts.push(k + c.len_utf8()),
            '（' | '「' | '『' | '【' => cuts.push(k),
            _ => {}
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut kept = Vec::new();
    let mut start = 0;
    for at in cuts {
        if at > start && at < text.len() && breaks_between(&text[..at], &text[at..]) {
            kept.push(at);
            start = at;
        }
    }
    kept
}

/// Whether a boundary the model found between `before` and `after` is kept.
fn breaks_between(before: &str, after: &str) -> bool {
    let (Some(a), Some(b)) = (before.chars().next_back(), after.chars().next()) else {
        return false;
    };
    let latin = |c: char| c.is_ascii_alphanumeric() || c.is_ascii_punctuation();
    !(a.is_whitespace() || b.is_whitespace() || (latin(a) && latin(b)))
}

/// Longest phrase (in characters) that [`held_together`] keeps on one line.
const HELD_MAX: usize = 16;

/// Whether a phrase of a Japanese text must be held on one line because a
/// browser would break it anyway: a short one with a hyphen inside a Latin
/// word (「（B-cure）」), where lines break after the hyphen whatever
/// `word-break` says.
pub fn held_together(phrase: &str) -> bool {
    let chars: Vec<char> = phrase.chars().collect();
    chars.len() <= HELD_MAX && chars.windows(3).any(|w| w[1] == '-' && w[0].is_ascii_alphanumeric() && w[2].is_ascii_alphanumeric())
}

/// `text` escaped for HTML, its phrases joined by `<wbr>`; a phrase that is
/// [`held_together`] is wrapped in `<span class="phrase">` (the theme keeps
/// it on one line).
pub fn html(text: &str) -> String {
    let parts = split(text);
    let mut out = String::with_capacity(text.len() + parts.len() * 5);
    for (k, part) in parts.iter().enumerate() {
        if k > 0 {
            out.push_str("<wbr>");
        }
        let held = parts.len() > 1 && held_together(part);
        if held {
            out.push_str("<span class=\"phrase\">");
        }
        crate::escape::push_html(&mut out, part);
        if held {
            out.push_str("</span>");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_a_japanese_heading_between_phrases() {
        assert_eq!(split("これはテストです。"), vec!["これは", "テストです。"]);
        let parts = split("ゲノム医療の実現に向けたデータ活用");
        assert_eq!(parts.concat(), "ゲノム医療の実現に向けたデータ活用");
        assert!(parts.len() > 1, "{parts:?}");
        assert!(parts.iter().all(|p| !p.ends_with("データ活")), "{parts:?}");
    }

    #[test]
    fn a_middle_dot_between_words_ends_a_phrase() {
        let parts = split("医療機器・ヘルスケアプロジェクト");
        assert!(parts.contains(&"医療機器・") || parts.iter().any(|p| p.ends_with("・")), "{parts:?}");
        assert_eq!(parts.concat(), "医療機器・ヘルスケアプロジェクト");
    }

    #[test]
    fn leaves_english_and_latin_words_whole() {
        assert_eq!(split("Health and Medical Strategy"), vec!["Health and Medical Strategy"]);
        for p in split("AMEDが支援するPRISM事業") {
            assert!(!p.starts_with(|c: char| c.is_ascii_uppercase()) || p.starts_with("AMED") || p.starts_with("PRISM"), "{p}");
        }
    }

    #[test]
    fn escapes_and_marks_boundaries_with_wbr() {
        assert_eq!(html("これはテストです。"), "これは<wbr>テストです。");
        assert_eq!(html("R&D <b>"), "R&amp;D &lt;b&gt;");
        assert_eq!(html(""), "");
    }

    #[test]
    fn a_text_marked_before_is_marked_the_same() {
        for text in ["これはテストです。", "R&D <b>", "バイオバンク利活用プログラム（B-cure）", "", &"長い見出し".repeat(200)]
        {
            assert_eq!(with_html(text, str::to_string), html(text));
            assert_eq!(with_html(text, str::to_string), html(text), "from the memo");
        }
    }

    #[test]
    fn holds_a_short_hyphenated_latin_phrase_together() {
        let marked = html("バイオバンク利活用プログラム（B-cure）");
        assert!(marked.ends_with("<wbr><span class=\"phrase\">（B-cure）</span>"), "{marked}");
        assert_eq!(html("Bio-bank"), "Bio-bank", "a text of one phrase is left alone");
        assert!(!held_together("ゲノム医療"));
    }
}
