//! Text inside SVG: width estimates, line wrapping, coordinates (escaping
//! is [`crate::escape`]'s).
//!
//! Charts are laid out at build time, without a browser to measure text, so
//! widths are estimated conservatively from the characters: CJK, kana and
//! full-width forms one em, Latin about 0.6 em (capitals and wide letters
//! more). An estimate that errs wide leaves a little space; one that errs
//! narrow would let text run into a bar. Everything here is pure and
//! deterministic.

/// True for characters a browser draws a full em wide: CJK ideographs, kana,
/// Hangul, full-width forms, CJK punctuation, circled numbers and the like.
pub fn is_wide(c: char) -> bool {
    // Below the first range (all of Latin) on one comparison instead of one per range.
    c as u32 >= 0x1100
        && matches!(c as u32,
        0x1100..=0x115F
        | 0x2460..=0x24FF // circled numbers ①
        | 0x25A0..=0x27BF // shapes, symbols, dingbats (◎ ■ ★)
        | 0x2E80..=0x303E // CJK radicals, punctuation 、。「」〜
        | 0x3041..=0x33FF // kana, CJK symbols
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 // full-width forms （）
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1FAFF
        | 0x20000..=0x3FFFD)
}

/// The estimated advance of one character, in em.
pub fn em_width(c: char) -> f64 {
    if is_wide(c) {
        return 1.0;
    }
    match c {
        ' ' => 0.33,
        'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | '(' | ')' | '[' | ']' => 0.4,
        'M' | 'W' | 'm' | 'w' | '@' | '%' | '—' => 0.95,
        'A'..='Z' | '&' => 0.75,
        c if c.is_ascii() => 0.6,
        // Latin with diacritics, ¥, dashes and other narrow scripts.
        _ => 0.7,
    }
}

/// The estimated width of `s` at font size `font` (in the same units).
pub fn width(s: &str, font: f64) -> f64 {
    s.chars().map(em_width).sum::<f64>() * font
}

/// Characters that must not begin a line in Japanese (kinsoku).
const NO_START: &str = "、。，．・：；？！）」』】〕〉》ー々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ";

/// Splits `s` into pieces that may be broken between: a word of Latin
/// letters and digits, one space, or one wide character (slices of `s`).
fn tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut word = 0;
    for (i, c) in s.char_indices() {
        if c == ' ' || is_wide(c) {
            if word < i {
                out.push(&s[word..i]);
            }
            word = i + c.len_utf8();
            out.push(&s[i..word]);
        }
    }
    if word < s.len() {
        out.push(&s[word..]);
    }
    out
}

/// Wraps `s` into lines no wider than `max` at font size `font`.
///
/// Latin text breaks at spaces, Japanese between any two characters except
/// before closing punctuation and small kana, which take the character
/// before them to the next line. A word wider than a line is cut. No text is
/// ever dropped.
pub fn wrap(s: &str, max: f64, font: f64) -> Vec<String> {
    // The width of `line` in ems is kept as the running sum of its
    // characters, added in order: the same number `width` gives for it.
    let ems = |start: f64, t: &str| t.chars().fold(start, |a, c| a + em_width(c));
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut line_em = 0.0;
    for tok in tokens(s.trim()) {
        if tok == " " {
            if !line.is_empty() && !line.ends_with(' ') {
                line.push(' ');
                line_em += em_width(' ');
            }
            continue;
        }
        // `line + tok` without its trailing white space: a token ends in
        // none unless it is other white space (a tab, U+3000).
        let candidate =
            if tok.ends_with(char::is_whitespace) { width(format!("{line}{tok}").trim_end(), font) } else { ems(line_em, tok) * font };
        if candidate <= max || line.trim().is_empty() {
            line.push_str(tok);
            line_em = ems(line_em, tok);
            if line_em * font > max {
                // A single word wider than the line: cut it.
                lines.extend(cut(&line, max, font));
                line = lines.pop().unwrap_or_default();
                line_em = ems(0.0, &line);
            }
            continue;
        }
        let mut next = tok.to_string();
        if tok.chars().all(|c| NO_START.contains(c)) {
            // Take the last wide character down with it.
            if let Some(last) = line.chars().last().filter(|c| is_wide(*c))
                && line.chars().count() > 1
            {
                line.pop();
                next = format!("{last}{tok}");
            }
        }
        line.truncate(line.trim_end().len());
        lines.push(std::mem::replace(&mut line, next));
        line_em = ems(0.0, &line);
    }
    if !line.trim().is_empty() {
        line.truncate(line.trim_end().len());
        lines.push(line);
    }
    lines
}

/// Cuts a string wider than `max` into pieces that fit, by characters.
/// The piece's width is kept as a running sum in ems, added in the order
/// [`width`] adds them, so each step costs one character however long the
/// piece (characters of no width never end one).
fn cut(s: &str, max: f64, font: f64) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut ems = 0.0;
    for c in s.chars() {
        let w = em_width(c);
        if !cur.is_empty() && (ems + w) * font > max {
            out.push(std::mem::take(&mut cur));
            ems = 0.0;
        }
        cur.push(c);
        ems += w;
    }
    out.push(cur);
    out
}

/// A coordinate for SVG: at most one decimal, no `-0`, no trailing `.0`;
/// formatted as it is written (`format!`/`write!` argument or `.to_string()`).
pub fn num(x: f64) -> Num {
    Num((x * 10.0).round() as i64)
}

/// A coordinate in tenths: see [`num`].
#[derive(Clone, Copy)]
pub struct Num(i64);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // In tenths, as an integer: exact decimal formatting of floats is
        // slow, and charts print many numbers. The digits are written from
        // the right into a buffer, then passed on in one call.
        let mut buf = [0u8; 24];
        let mut at = buf.len();
        let mut put = |b: u8| {
            at -= 1;
            buf[at] = b;
        };
        let (mut whole, tenth) = (self.0.unsigned_abs() / 10, self.0.unsigned_abs() % 10);
        if tenth != 0 {
            put(b'0' + tenth as u8);
            put(b'.');
        }
        loop {
            put(b'0' + (whole % 10) as u8);
            whole /= 10;
            if whole == 0 {
                break;
            }
        }
        if self.0 < 0 {
            put(b'-');
        }
        // Only ASCII digits, `.` and `-` were written.
        f.write_str(std::str::from_utf8(&buf[at..]).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use proptest::strategy::Strategy as _;

    use super::*;

    #[test]
    fn tokens_are_words_spaces_and_wide_characters() {
        assert_eq!(
            tokens("ゲノム医療 AMED（2025年度）x"),
            ["ゲ", "ノ", "ム", "医", "療", " ", "AMED", "（", "2025", "年", "度", "）", "x"]
        );
        assert_eq!(tokens("a  b"), ["a", " ", " ", "b"]);
        assert!(tokens("").is_empty());
    }

    /// The definition of [`wrap`]: every candidate line measured whole.
    fn wrap_by_candidates(s: &str, max: f64, font: f64) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        for tok in tokens(s.trim()) {
            if tok == " " {
                if !line.is_empty() && !line.ends_with(' ') {
                    line.push(' ');
                }
                continue;
            }
            let candidate = format!("{line}{tok}");
            if width(candidate.trim_end(), font) <= max || line.trim().is_empty() {
                line = candidate;
                if width(&line, font) > max {
                    lines.extend(cut(&line, max, font));
                    line = lines.pop().unwrap_or_default();
                }
                continue;
            }
            let mut next = tok.to_string();
            if tok.chars().all(|c| NO_START.contains(c))
                && let Some(last) = line.chars().last().filter(|c| is_wide(*c))
                && line.chars().count() > 1
            {
                line.pop();
                next = format!("{last}{tok}");
            }
            lines.push(line.trim_end().to_string());
            line = next;
        }
        if !line.trim().is_empty() {
            lines.push(line.trim_end().to_string());
        }
        lines
    }

    proptest::proptest! {
        #![proptest_config(crate::proptest_config())]
        #[test]
        fn wrap_keeps_a_running_width_equal_to_measuring_each_candidate(
            text in proptest::collection::vec(proptest::sample::select(vec![
                "a", "i", "M", " ", "  ", "\t", "\u{3000}", "Data", "Supercalifragilistic", "令", "和", "。", "ょ", "）", "、", "・", "¥", "—",
            ]), 0..30).prop_map(|v| v.concat()),
            max in 20.0f64..200.0,
            font in proptest::sample::select(vec![8.0, 9.5, 10.0, 11.0, 12.5]),
        ) {
            proptest::prop_assert_eq!(wrap(&text, max, font), wrap_by_candidates(&text, max, font));
        }

        #[test]
        fn cut_keeps_a_running_width_equal_to_measuring_each_piece(
            text in "[aiMW令。ー\u{301}]{0,40}",
            max in 5.0f64..80.0,
            font in proptest::sample::select(vec![8.0, 9.5, 10.0, 11.0, 12.5]),
        ) {
            proptest::prop_assert_eq!(cut(&text, max, font), cut_by_measuring(&text, max, font));
        }

        #[test]
        fn num_writes_what_formatting_the_tenths_writes(tenths in proptest::prop_oneof![-2000i64..2000, proptest::num::i64::ANY]) {
            // The definition: whole part, then the tenth only when it is not 0.
            let (sign, whole, tenth) = (if tenths < 0 { "-" } else { "" }, tenths.unsigned_abs() / 10, tenths.unsigned_abs() % 10);
            let expected = if tenth == 0 { format!("{sign}{whole}") } else { format!("{sign}{whole}.{tenth}") };
            proptest::prop_assert_eq!(Num(tenths).to_string(), expected);
        }
    }

    /// `cut` as it was first written: every candidate piece measured whole.
    fn cut_by_measuring(s: &str, max: f64, font: f64) -> Vec<String> {
        let mut out = Vec::new();
        let mut cur = String::new();
        for c in s.chars() {
            if !cur.is_empty() && width(&format!("{cur}{c}"), font) > max {
                out.push(std::mem::take(&mut cur));
            }
            cur.push(c);
        }
        out.push(cur);
        out
    }

    #[test]
    fn cjk_is_full_width_and_latin_about_six_tenths() {
        assert_eq!(width("令和7年度", 10.0), 46.0);
        assert_eq!(width("ab", 10.0), 12.0);
        assert_eq!(width("（①）", 10.0), 30.0);
        assert!(width("MW", 10.0) > width("mn", 10.0));
    }

    #[test]
    fn wraps_english_at_spaces() {
        let lines = wrap("Data Utilization and Life Course Project", 120.0, 10.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| width(l, 10.0) <= 120.0), "{lines:?}");
        assert_eq!(lines.join(" "), "Data Utilization and Life Course Project");
    }

    #[test]
    fn wraps_japanese_between_characters_keeping_punctuation_off_line_starts() {
        let lines = wrap("データ活用・ライフコースプロジェクト、第3期", 60.0, 10.0);
        assert_eq!(lines.concat(), "データ活用・ライフコースプロジェクト、第3期");
        assert!(lines.iter().all(|l| !l.starts_with(['、', '・', 'ー'])), "{lines:?}");
        assert!(lines.iter().all(|l| width(l, 10.0) <= 60.0), "{lines:?}");
    }

    #[test]
    fn cuts_a_word_wider_than_the_line() {
        let lines = wrap("Supercalifragilistic", 50.0, 10.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), "Supercalifragilistic");
    }

    #[test]
    fn empty_text_has_no_lines() {
        assert!(wrap("  ", 50.0, 10.0).is_empty());
    }

    #[test]
    fn coordinates_are_short_and_stable() {
        assert_eq!(num(12.0).to_string(), "12");
        assert_eq!(num(12.34).to_string(), "12.3");
        assert_eq!(num(-0.01).to_string(), "0");
        assert_eq!(num(0.05).to_string(), "0.1");
        assert_eq!(num(-2.25).to_string(), "-2.3");
    }
}
