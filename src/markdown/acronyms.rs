//! Acronym candidates in running text, for `tebiki check`'s glossary lint.
//!
//! A candidate is a word of ASCII letters and digits (full-width forms
//! count as their ASCII equivalents and are reported as written) that
//! starts with a capital and has no lowercase letter (`AMED`, `BSL4`,
//! `BSL-4`, `G20`, `COVID-19`; the `AMED` of `AMED-funded`, the `IRB` of
//! `IRBs`), or lowercase letters followed by two or more capitals (`jRCT`,
//! `iPS`, `mRNA`, `siRNA`: at most two lowercase letters, a prefix; three
//! or more are a word of their own, as in `macOS`). Not candidates: Roman
//! numerals (`II`, `IV`, `XIV`), fiscal years (`FY2025`), words with
//! lowercase after capitals (`PhD`, `iPhone`), dotted names and file names
//! (`.NET`, `ASP.NET`, `README.md`), alert markers (`[!NOTE]`),
//! anything in code, in URLs (`https://…`, `www.…`, e-mail addresses) or
//! in the destination of a `[[reference]]`. The first occurrence of each
//! candidate (as written) is reported with its file position, so a lint
//! warns once per page, not once per mention.

use std::collections::HashSet;

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

use super::position::{SourceMap, source_offsets};
use super::{Located, Spanned};

/// The first occurrence of every candidate in the text events of the body.
pub(super) fn find(events: &[Spanned<'_>], src: &str, map: &SourceMap<'_>) -> Vec<Located> {
    let mut out = Vec::new();
    // Words borrowed from the events' texts: a candidate is copied once, into its `Located`.
    let mut seen: HashSet<&str, crate::hash::FxBuild> = HashSet::default();
    let mut skip_depth = 0usize;
    for (event, range) in events {
        match event {
            Event::Start(Tag::CodeBlock(_)) => skip_depth += 1,
            Event::Start(Tag::Link { link_type, .. } | Tag::Image { link_type, .. }) if hides_text(*link_type) => {
                skip_depth += 1;
            }
            Event::End(TagEnd::CodeBlock) => skip_depth = skip_depth.saturating_sub(1),
            Event::End(TagEnd::Link | TagEnd::Image) if skip_depth > 0 => skip_depth -= 1,
            Event::Text(text) if skip_depth == 0 => {
                let mut found = in_text(text);
                found.retain(|(_, word)| seen.insert(word));
                if found.is_empty() {
                    continue;
                }
                let source = src.get(range.clone()).unwrap_or_default();
                let starts: Vec<usize> = found.iter().map(|(at, _)| *at).collect();
                let offsets = source_offsets(text, source, &starts);
                for ((_, word), offset) in found.into_iter().zip(offsets) {
                    let (line, column) = map.line_col(range.start + offset);
                    out.push(Located { text: word.to_string(), line, column });
                }
            }
            _ => {}
        }
    }
    out
}

/// Links whose text is their destination: autolinks and `[[id]]`.
fn hides_text(link_type: LinkType) -> bool {
    matches!(link_type, LinkType::Autolink | LinkType::Email | LinkType::WikiLink { has_pothole: false })
}

/// Candidates in one text: byte offset and the word as written.
///
/// Every candidate has a capital, and most words (and whole runs of
/// Japanese) have none: the capitals are found byte by byte, and only the
/// whitespace-separated chunk and the run of word characters around each
/// are looked at.
fn in_text(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut from = 0;
    // A run's characters (as ASCII equivalents) and the byte end of each, reused from run to run.
    let (mut word, mut ends) = (Vec::with_capacity(32), Vec::with_capacity(32));
    while let Some(capital) = next_capital(text, from) {
        let chunk = chunk_around(text, capital);
        from = chunk.end;
        let written = &text[chunk.clone()];
        if written.contains("://") || written.contains('@') || written.starts_with("www.") {
            continue;
        }
        let mut at = capital;
        while let Some(capital) = next_capital(&text[..chunk.end], at) {
            // A run of word characters (letters, digits, hyphens: never whitespace, so inside the chunk),
            // from its first character that is not a hyphen (the capital at the latest).
            let run = word_around(text, capital);
            at = run.end;
            let start = run.start + text[run.clone()].find(|c| ascii(c) != '-').unwrap_or(0);
            word.clear();
            ends.clear();
            for (i, c) in text[start..run.end].char_indices() {
                word.push(ascii(c));
                ends.push(start + i + c.len_utf8());
            }
            if let Some(len) = candidate_len(&word).filter(|len| !in_a_name(text, start, ends[len - 1])) {
                out.push((start, &text[start..ends[len - 1]]));
            }
        }
    }
    out
}

/// Whether the word at `start..end` of `text` is part of a dotted name or a
/// file name (`.NET`, `README.md`: a dot before it, or a dot and a letter or
/// digit after it) or an alert marker (`[!NOTE]`).
fn in_a_name(text: &str, start: usize, end: usize) -> bool {
    let before = &text[..start];
    let after = &text.as_bytes()[end..];
    before.ends_with('.') || before.ends_with("[!") || (after.first() == Some(&b'.') && after.get(1).is_some_and(u8::is_ascii_alphanumeric))
}

/// The byte offset of the first capital at or after `from`: ASCII `A`–`Z` or full-width `Ａ`–`Ｚ` (U+FF21–U+FF3A,
/// `EF BC A1`–`EF BC BA` in UTF-8).
fn next_capital(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = from;
    loop {
        at += bytes.get(at..)?.iter().position(|&b| b.is_ascii_uppercase() || b == 0xEF)?;
        if bytes[at] != 0xEF || (bytes.get(at + 1) == Some(&0xBC) && matches!(bytes.get(at + 2), Some(0xA1..=0xBA))) {
            return Some(at);
        }
        at += 1;
    }
}

/// The byte range of the whitespace-separated chunk around byte `at`, found byte by byte (see [`whitespace_len`]).
fn chunk_around(text: &str, at: usize) -> std::ops::Range<usize> {
    let bytes = text.as_bytes();
    // Bytes that start a whitespace character are never inside another character, so a match going back is one.
    let start = (0..at).rev().find_map(|i| Some(i + whitespace_len(bytes, i)).filter(|&end| end > i)).unwrap_or(0);
    let end = (at..bytes.len()).find(|&i| whitespace_len(bytes, i) > 0).unwrap_or(bytes.len());
    start..end
}

/// The length in bytes of the whitespace character (`char::is_whitespace`) starting at byte `i`, or 0: ASCII tab to
/// carriage return and space, U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F and U+3000.
fn whitespace_len(bytes: &[u8], i: usize) -> usize {
    let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
    match bytes[i] {
        b'\t'..=b'\r' | b' ' => 1,
        0xC2 if matches!(next(1), 0x85 | 0xA0) => 2,
        0xE1 if (next(1), next(2)) == (0x9A, 0x80) => 3,
        0xE2 if matches!((next(1), next(2)), (0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF) | (0x81, 0x9F)) => 3,
        0xE3 if (next(1), next(2)) == (0x80, 0x80) => 3,
        _ => 0,
    }
}

/// The byte range of the run of word characters ([`is_word_char`]) around the one at `at`.
fn word_around(text: &str, at: usize) -> std::ops::Range<usize> {
    let start = text[..at].char_indices().rev().take_while(|&(_, c)| is_word_char(c)).last().map_or(at, |(i, _)| i);
    let end = text[at..].char_indices().find(|&(_, c)| !is_word_char(c)).map_or(text.len(), |(i, _)| at + i);
    start..end
}

/// The ASCII equivalent of a full-width letter, digit or hyphen.
fn ascii(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{2010}' | '\u{2011}' => '-',
        _ => c,
    }
}

fn is_word_char(c: char) -> bool {
    let c = ascii(c);
    c.is_ascii_alphanumeric() || c == '-'
}

/// The length in chars of the candidate at the start of `word` (ASCII
/// equivalents, a maximal run of letters, digits and hyphens).
fn candidate_len(word: &[char]) -> Option<usize> {
    let lead = word.iter().take_while(|c| c.is_ascii_lowercase()).count();
    let len = if lead > 2 {
        return None;
    } else if lead > 0 {
        let caps = word[lead..].iter().take_while(|c| c.is_ascii_uppercase()).count();
        if caps < 2 {
            return None;
        }
        let body = word[lead..].iter().take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit()).count();
        let end = lead + body;
        if end < word.len() && word[end] != '-' {
            return None;
        }
        end
    } else {
        if !word.first()?.is_ascii_uppercase() {
            return None;
        }
        let run = word.iter().take_while(|c| !c.is_ascii_lowercase()).count();
        let trimmed = word[..run].iter().rposition(|&c| c != '-').map_or(0, |p| p + 1);
        let rest = &word[run..];
        let caps = word[..trimmed].iter().filter(|c| c.is_ascii_uppercase()).count();
        let plural = rest == ['s'] && caps >= 2 && trimmed == run;
        if !rest.is_empty() && !plural && trimmed == run {
            return None;
        }
        trimmed
    };
    let candidate = &word[..len];
    let alnum = candidate.iter().filter(|c| c.is_ascii_alphanumeric()).count();
    if alnum < 2 || is_roman_numeral(candidate) || is_fiscal_year(candidate) {
        return None;
    }
    Some(len)
}

/// `II` … `XXXIX`: canonical Roman numerals made of I, V and X.
fn is_roman_numeral(word: &[char]) -> bool {
    let s: String = word.iter().collect();
    let tens = s.chars().take_while(|&c| c == 'X').count();
    let units = &s[tens..];
    tens <= 3 && matches!(units, "" | "I" | "II" | "III" | "IV" | "V" | "VI" | "VII" | "VIII" | "IX")
}

/// `FY` followed by digits (and hyphens: `FY2025-2029`).
fn is_fiscal_year(word: &[char]) -> bool {
    word.len() > 2 && word[..2] == ['F', 'Y'] && word[2..].iter().all(|c| c.is_ascii_digit() || *c == '-')
}

#[cfg(test)]
mod tests {
    use proptest::strategy::Strategy as _;

    use super::*;

    /// The definition `in_text` is checked against: every whitespace-separated chunk and every run in it, one
    /// character at a time (the implementation before capitals were searched for byte by byte).
    fn reference(text: &str) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        for (chunk_at, chunk) in split_whitespace_indices(text) {
            // Every candidate has a capital; most words have none and need no closer look.
            if !chunk.chars().any(|c| c.is_ascii_uppercase() || ('Ａ'..='Ｚ').contains(&c))
                || chunk.contains("://")
                || chunk.contains('@')
                || chunk.starts_with("www.")
            {
                continue;
            }
            // Each maximal run of word characters (not starting with a hyphen), as ASCII equivalents,
            // with the byte end of each of its characters.
            let (mut word, mut ends) = (Vec::new(), Vec::new());
            let mut chars = chunk.char_indices().peekable();
            while let Some((from, c)) = chars.next() {
                if !is_word_char(c) || ascii(c) == '-' {
                    continue;
                }
                word.clear();
                ends.clear();
                word.push(ascii(c));
                ends.push(from + c.len_utf8());
                while let Some(&(at, d)) = chars.peek().filter(|(_, d)| is_word_char(*d)) {
                    word.push(ascii(d));
                    ends.push(at + d.len_utf8());
                    chars.next();
                }
                if let Some(len) = candidate_len(&word).filter(|len| !in_a_name(text, chunk_at + from, chunk_at + ends[len - 1])) {
                    out.push((chunk_at + from, chunk[from..ends[len - 1]].to_string()));
                }
            }
        }
        out
    }

    fn split_whitespace_indices(text: &str) -> impl Iterator<Item = (usize, &str)> {
        text.split(char::is_whitespace)
            .filter(|chunk| !chunk.is_empty())
            .map(move |chunk| (chunk.as_ptr() as usize - text.as_ptr() as usize, chunk))
    }

    #[test]
    fn whitespace_is_found_byte_by_byte_as_char_is_whitespace_says() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(whitespace_len(text.as_bytes(), 1), if c.is_whitespace() { c.len_utf8() } else { 0 }, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn a_chunk_reaches_to_the_whitespace_around_it() {
        let text = "前\u{3000}日本のAMED支援\u{2029}後";
        let at = text.find('A').unwrap();
        assert_eq!(&text[chunk_around(text, at)], "日本のAMED支援");
        assert_eq!(chunk_around("AMED", 0), 0..4);
    }

    fn words(text: &str) -> Vec<String> {
        in_text(text).into_iter().map(|(_, w)| w.to_string()).collect()
    }

    #[test]
    fn capital_runs_with_digits_and_hyphens_are_candidates() {
        assert_eq!(words("AMED BSL4 G20 BSL-4 COVID-19"), ["AMED", "BSL4", "G20", "BSL-4", "COVID-19"]);
    }

    #[test]
    fn lowercase_lead_then_capitals_is_a_candidate() {
        assert_eq!(words("jRCT iPS mRNA"), ["jRCT", "iPS", "mRNA"]);
    }

    #[test]
    fn japanese_around_an_acronym_does_not_hide_it() {
        assert_eq!(words("AMEDの支援とRWDの二次利用"), ["AMED", "RWD"]);
    }

    #[test]
    fn full_width_acronyms_are_reported_as_written() {
        assert_eq!(words("ＡＭＥＤが"), ["ＡＭＥＤ"]);
    }

    #[test]
    fn full_width_capitals_reach_from_a_to_z() {
        assert_eq!(words("Ｚ9 Ａ9"), ["Ｚ9", "Ａ9"]);
    }

    #[test]
    fn roman_numerals_and_fiscal_years_are_not_candidates() {
        assert!(words("II III IV XIV FY2025 FY2025-2029 第II期").is_empty());
    }

    #[test]
    fn mixed_case_words_are_not_candidates() {
        assert!(words("B-cure PhD iPhone ATPase Tokyo I a").is_empty());
    }

    #[test]
    fn plural_and_hyphenated_suffixes_are_cut_off() {
        assert_eq!(words("IRBs AMED-funded"), ["IRB", "AMED"]);
    }

    #[test]
    fn a_short_lowercase_prefix_stays_an_acronym_but_a_lowercase_word_part_does_not() {
        assert_eq!(words("jRCT siRNA macOS watchOS iPhone iPadOS"), ["jRCT", "siRNA"]);
    }

    #[test]
    fn dotted_names_and_file_names_are_not_candidates() {
        assert!(words(".NET ASP.NET README.md CHANGELOG.txt config.YAML Node.JS").is_empty());
        assert_eq!(words("Read the API. SDK."), ["API", "SDK"]);
    }

    #[test]
    fn alert_markers_are_not_candidates() {
        assert!(words("[!NOTE] [!WARNING]").is_empty());
        assert_eq!(words("[NOTE]"), ["NOTE"]);
    }

    #[test]
    fn urls_and_emails_are_skipped() {
        assert!(words("https://example.org/ABC www.AMED.go.jp AMED@example.org").is_empty());
    }

    #[test]
    fn offsets_point_at_the_word() {
        assert_eq!(in_text("日本 AMED"), vec![("日本 ".len(), "AMED")]);
    }

    proptest::proptest! {
        #![proptest_config(crate::proptest_config())]
        #[test]
        fn any_text_gives_the_candidates_of_the_definition(
            text in proptest::collection::vec(proptest::sample::select(vec![
                "A", "M", "E", "D", "F", "Y", "I", "V", "X", "s", "j", "a", "2", "0", "-", "\u{2010}", "－", " ", "\u{3000}", "\u{A0}", "\u{2029}", "\n",
                "@", "://", "www.", ".", "[!", "mac", "Ａ", "Ｍ", "Ｚ", "ｓ", "１", "の", "医", "療", "AMED", "IRBs", "jRCT", "FY2025", "XIV", "COVID-19",
            ]), 0..24).prop_map(|v| v.concat())
        ) {
            let found: Vec<(usize, String)> = in_text(&text).into_iter().map(|(at, w)| (at, w.to_string())).collect();
            proptest::prop_assert_eq!(found, reference(&text));
        }
    }
}
