//! The search tokenizer, shared by the index and the browser.
//!
//! `themes/default/static/tebiki-search.js` implements the same rules, and
//! `tests/fixtures/search/tokenizer-cases.json` holds cases both sides must
//! pass. The rules (format version 1):
//!
//! 1. The text is normalised with NFKC, then lower-cased (`ＡＭＥＤ` → `amed`).
//! 2. A *Japanese* character is kana (U+3041–3096, U+3099–309F, U+30A1–30FA,
//!    U+30FC–30FF, U+31F0–31FF), an ideograph (U+3400–4DBF, U+4E00–9FFF,
//!    U+F900–FAFF, U+20000–3FFFF) or one of `々〆〇〻`. The middle dot `・`
//!    separates. A run of Japanese characters gives its overlapping bigrams
//!    (`ゲノム医療` → `ゲノ ノム ム医 医療`), so any two or more characters
//!    are found wherever they stand; a run of one character gives that
//!    character (`第3期` → `第 3 期`), so a query of one character finds the
//!    pages where it stands alone.
//! 3. A *word* is a run of other letters and digits (`char::is_alphanumeric`),
//!    an apostrophe (`'` or `’`, kept as `'`) between two of them included.
//!    Words of more than [`MAX_WORD`] characters are dropped. In English, a
//!    word of ASCII characters only is replaced by its Snowball English
//!    (Porter2) stem, so `genome`, `genomes` and `genomic` all give `genom`.
//! 4. Everything else separates tokens.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

/// Words longer than this (in characters) are not indexed.
pub const MAX_WORD: usize = 60;

/// A tokenizer for one language.
pub struct Tokenizer {
    stemmer: Option<Stemmer>,
}

/// A term as the tokenizer finds it, before it is a string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Token<'a> {
    /// A bigram, or one Japanese character.
    Gram(char, Option<char>),
    /// A word, lower-cased but not yet stemmed: [`Tokenizer::word_term`] gives its term.
    Word(&'a str),
}

impl Tokenizer {
    /// `stem`: reduce English words to their stems.
    pub fn new(stem: bool) -> Tokenizer {
        Tokenizer { stemmer: stem.then(|| Stemmer::create(Algorithm::English)) }
    }

    /// The terms of `text`, in order, repeats kept; calls `emit` for each.
    pub fn each(&self, text: &str, mut emit: impl FnMut(&str)) {
        let mut buf = String::new();
        self.each_token(text, |t| match t {
            Token::Gram(a, b) => {
                buf.clear();
                buf.push(a);
                buf.extend(b);
                emit(&buf);
            }
            Token::Word(w) => {
                if let Some(term) = self.word_term(w) {
                    emit(&term);
                }
            }
        });
    }

    /// The term of a word: itself or its stem; `None` when it is too long.
    pub fn word_term<'w>(&self, word: &'w str) -> Option<Cow<'w, str>> {
        if word.len() > MAX_WORD && word.chars().count() > MAX_WORD {
            return None;
        }
        match &self.stemmer {
            Some(s) if word.is_ascii() => Some(s.stem(word)),
            _ => Some(Cow::Borrowed(word)),
        }
    }

    /// The tokens of `text`, in order: words not yet stemmed, so a caller
    /// that sees the same word many times can remember its term.
    ///
    /// The same as feeding every character of [`normalize`]`(text)` to
    /// `Scan::push`, but ASCII at a token boundary skips the per-character
    /// work: a run of ASCII letters and digits that ends in ASCII other than
    /// an apostrophe (or the end) is a whole word, and other ASCII there
    /// only separates. Both are stable under NFKC when the next character is
    /// ASCII too (see [`normalized`]).
    pub fn each_token(&self, text: &str, mut emit: impl FnMut(Token)) {
        let mut scan = Scan::default();
        if text.contains('Σ') {
            normalized(text, |c| scan.push(c, &mut emit));
            scan.finish(&mut emit);
            return;
        }
        let bytes = text.as_bytes();
        let ascii_at = |j: usize| bytes.get(j).is_none_or(u8::is_ascii);
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            // Kana and the common ideographs are three bytes from 0xE3 to 0xE9; one of them that NFKC passes
            // through, with no word under way, is the next step of a run as it is.
            if (0xE3..=0xE9).contains(&b)
                && scan.at_boundary()
                && let Some(c) = passes_through(bytes, i).filter(|c| is_japanese(*c))
            {
                scan.japanese(c, &mut emit);
                i += 3;
                continue;
            }
            if b.is_ascii() && scan.at_boundary() {
                if b.is_ascii_alphanumeric() {
                    let mut j = i + 1;
                    while j < bytes.len() && bytes[j].is_ascii_alphanumeric() {
                        j += 1;
                    }
                    if ascii_at(j) && bytes.get(j) != Some(&b'\'') {
                        scan.end_run(&mut emit);
                        scan.ascii_word(&text[i..j], &mut emit);
                        i = j;
                        continue;
                    }
                } else if ascii_at(i + 1) {
                    scan.end_run(&mut emit);
                    i += 1;
                    continue;
                }
            }
            i = normalize_one(text, i, |c| scan.push(c, &mut emit));
        }
        scan.finish(&mut emit);
    }

    /// The terms of `text`, in order, repeats kept.
    pub fn tokens(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.each(text, |t| out.push(t.to_string()));
        out
    }
}

/// The character at `i` of valid UTF-8 when it is three bytes long (its first byte 0xE0 to 0xEF).
#[inline(always)]
fn three_byte_at(bytes: &[u8], i: usize) -> Option<char> {
    match bytes.get(i..i + 3)? {
        &[a @ 0xE0..=0xEF, b, c] => char::from_u32((a as u32 & 0x0F) << 12 | (b as u32 & 0x3F) << 6 | (c as u32 & 0x3F)),
        _ => None,
    }
}

/// The character at `i` of valid UTF-8 when it is [`is_stable`]. Stable characters are ASCII or three bytes
/// long, so the bytes are decoded only for those.
#[inline(always)]
fn stable_at(bytes: &[u8], i: usize) -> Option<char> {
    match *bytes.get(i)? {
        b if b.is_ascii() => Some(b as char),
        _ => three_byte_at(bytes, i).filter(|c| is_stable(*c)),
    }
}

/// The character at `i` of valid UTF-8 when NFKC leaves it as it is: it is
/// stable and so is the next one (or the text ends after it). Called for
/// most characters of every page: inlined, as are the two decoders it uses
/// (out of line, the tokenizer took 15% more instructions).
#[inline(always)]
fn passes_through(bytes: &[u8], i: usize) -> Option<char> {
    let c = stable_at(bytes, i)?;
    let next = i + c.len_utf8();
    (next == bytes.len() || stable_at(bytes, next).is_some()).then_some(c)
}

/// NFKC, then lower case: the reference for [`normalized`].
pub fn normalize(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.nfkc().collect::<String>().to_lowercase()
}

/// Calls `f` with each character of [`normalize`]`(text)`, without
/// normalising what needs no normalising: ASCII, kana, common ideographs
/// and Japanese punctuation map to themselves under NFKC and never combine
/// with a character before them, so only the stretches from such a
/// character that is followed by another kind of character up to the next
/// such character go through NFKC. A text with `Σ`, whose lower case
/// depends on the word around it, goes through [`normalize`] whole.
pub fn normalized(text: &str, mut f: impl FnMut(char)) {
    if text.contains('Σ') {
        normalize(text).chars().for_each(f);
        return;
    }
    let mut i = 0;
    while i < text.len() {
        i = normalize_one(text, i, &mut f);
    }
}

/// One step of [`normalized`] from byte `i` (a character boundary of a text
/// without `Σ`): the character there when it and the next are stable,
/// otherwise the NFKC of the stretch up to the next stable character.
/// Returns where the next step starts.
fn normalize_one(text: &str, i: usize, mut f: impl FnMut(char)) -> usize {
    if let Some(c) = passes_through(text.as_bytes(), i) {
        f(c.to_ascii_lowercase());
        return i + c.len_utf8();
    }
    let rest = &text[i..];
    let Some(c) = rest.chars().next() else { return text.len() };
    let n = c.len_utf8();
    let end = rest[n..].char_indices().find(|(_, d)| is_stable(*d)).map_or(rest.len(), |(j, _)| n + j);
    for n in rest[..end].nfkc() {
        if n.is_ascii() {
            f(n.to_ascii_lowercase());
        } else {
            n.to_lowercase().for_each(&mut f);
        }
    }
    i + end
}

/// Characters NFKC leaves alone and that no character before them combines
/// with: ASCII, kana, ideographs of the main blocks, `、。「」『』【】`.
fn is_stable(c: char) -> bool {
    c.is_ascii()
        || matches!(c,
            '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | '\u{30FC}'
            | '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}'
            | '\u{3001}' | '\u{3002}' | '\u{300C}'..='\u{3011}')
}

/// The tokenizer's state between characters (rules 2 and 3).
#[derive(Default)]
struct Scan {
    /// The word so far, lower-cased.
    word: String,
    /// An apostrophe after the word, kept if a letter or digit follows.
    pending_apostrophe: bool,
    /// The last character of the current Japanese run, and whether the run
    /// is longer than one character.
    last: Option<char>,
    long_run: bool,
}

impl Scan {
    /// Takes the next character of the normalised text.
    fn push(&mut self, c: char, emit: &mut impl FnMut(Token)) {
        if self.pending_apostrophe {
            self.pending_apostrophe = false;
            if c.is_alphanumeric() && !is_japanese(c) {
                self.word.push('\'');
            } else {
                self.end_word(emit);
            }
        }
        if is_japanese(c) {
            self.end_word(emit);
            self.japanese(c, emit);
            return;
        }
        self.end_run(emit);
        if c.is_alphanumeric() {
            self.word.push(c);
        } else if (c == '\'' || c == '\u{2019}') && !self.word.is_empty() {
            self.pending_apostrophe = true;
        } else {
            self.end_word(emit);
        }
    }

    /// A Japanese character, no word under way: the bigram with the one before, if any.
    fn japanese(&mut self, c: char, emit: &mut impl FnMut(Token)) {
        if let Some(a) = self.last {
            emit(Token::Gram(a, Some(c)));
            self.long_run = true;
        }
        self.last = Some(c);
    }

    /// Emits what is left.
    fn finish(&mut self, emit: &mut impl FnMut(Token)) {
        self.end_word(emit);
        self.end_run(emit);
    }

    /// No word is under way (a Japanese run may be).
    fn at_boundary(&self) -> bool {
        self.word.is_empty() && !self.pending_apostrophe
    }

    /// A whole word of ASCII letters and digits, at a boundary.
    fn ascii_word(&mut self, w: &str, emit: &mut impl FnMut(Token)) {
        if w.bytes().any(|b| b.is_ascii_uppercase()) {
            self.word.push_str(w);
            self.word.make_ascii_lowercase();
            self.end_word(emit);
        } else {
            emit(Token::Word(w));
        }
    }

    fn end_word(&mut self, emit: &mut impl FnMut(Token)) {
        if !self.word.is_empty() {
            emit(Token::Word(&self.word));
            self.word.clear();
        }
    }

    /// Ends a Japanese run: a run of one character is that character.
    fn end_run(&mut self, emit: &mut impl FnMut(Token)) {
        if let Some(a) = self.last.take() {
            if !self.long_run {
                emit(Token::Gram(a, None));
            }
            self.long_run = false;
        }
    }
}

/// Whether a character belongs to a run of Japanese text (rule 2).
pub fn is_japanese(c: char) -> bool {
    matches!(c,
        '\u{3005}'..='\u{3007}' | '\u{303B}'
        | '\u{3041}'..='\u{3096}' | '\u{3099}'..='\u{309F}'
        | '\u{30A1}'..='\u{30FA}' | '\u{30FC}'..='\u{30FF}'
        | '\u{31F0}'..='\u{31FF}')
        || is_ideograph(c)
}

/// Whether a character is a CJK ideograph (or `々〆〇〻`).
pub fn is_ideograph(c: char) -> bool {
    matches!(c,
        '\u{3005}'..='\u{3007}' | '\u{303B}'
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

#[cfg(test)]
mod tests {
    use proptest::strategy::Strategy as _;

    use super::*;

    fn ja(text: &str) -> Vec<String> {
        Tokenizer::new(false).tokens(text)
    }

    fn en(text: &str) -> Vec<String> {
        Tokenizer::new(true).tokens(text)
    }

    #[test]
    fn japanese_runs_become_overlapping_bigrams() {
        assert_eq!(ja("ゲノム医療"), ["ゲノ", "ノム", "ム医", "医療"]);
    }

    #[test]
    fn a_lone_japanese_character_is_a_unigram() {
        assert_eq!(ja("癌"), ["癌"]);
        assert_eq!(ja("第3期"), ["第", "3", "期"]);
    }

    #[test]
    fn full_width_latin_is_normalised_and_lower_cased() {
        assert_eq!(ja("ＡＭＥＤ支援"), ["amed", "支援"]);
    }

    #[test]
    fn half_width_katakana_becomes_full_width() {
        assert_eq!(ja("ｹﾞﾉﾑ"), ["ゲノ", "ノム"]);
    }

    #[test]
    fn middle_dot_and_punctuation_separate() {
        assert_eq!(ja("研究・開発（AMED）"), ["研究", "開発", "amed"]);
    }

    #[test]
    fn english_words_are_stemmed_so_genome_meets_genomic() {
        assert_eq!(en("genome genomes genomic Genomics"), ["genom", "genom", "genom", "genom"]);
        assert_eq!(en("clinical trials"), ["clinic", "trial"]);
    }

    #[test]
    fn japanese_pages_keep_latin_words_whole() {
        assert_eq!(ja("Genomic data"), ["genomic", "data"]);
    }

    #[test]
    fn apostrophes_inside_words_are_kept_then_stemmed_away() {
        assert_eq!(en("Japan’s strategy"), ["japan", "strategi"]);
        assert_eq!(ja("'quoted'"), ["quoted"]);
    }

    #[test]
    fn very_long_words_are_dropped() {
        let long = "a".repeat(MAX_WORD + 1);
        assert_eq!(en(&format!("{long} data")), ["data"]);
    }

    #[test]
    fn the_fast_normalisation_equals_nfkc_then_lower_case() {
        let samples = [
            "ゲノム医療（ＡＭＥＤ）",
            "か\u{3099}ん ｶﾞﾝ ﾞ",
            "①㈱Ⅲ ﬁne ²",
            "Ὀδυσσεύς ΣΊΣΥΦΟΣ",
            "İstanbul",
            "e\u{301}clair é",
            "丽 𠮷 々〆 〜～ ・ ｰ",
            "\u{3099}start",
            "한국어 ㄱ\u{314F}",
            "AMED が\u{3099}",
        ];
        for s in samples {
            let mut fast = String::new();
            normalized(s, |c| fast.push(c));
            assert_eq!(fast, normalize(s), "{s:?}");
        }
    }

    /// A token as a string that says its kind.
    fn owned(t: Token) -> String {
        match t {
            Token::Gram(a, b) => format!("gram {a}{}", b.map(String::from).unwrap_or_default()),
            Token::Word(w) => format!("word {w}"),
        }
    }

    /// The definition: every character of the normalised text, one at a time.
    fn reference(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut scan = Scan::default();
        let mut emit = |t: Token| out.push(owned(t));
        for c in normalize(text).chars() {
            scan.push(c, &mut emit);
        }
        scan.finish(&mut emit);
        out
    }

    fn tokens_of(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        Tokenizer::new(false).each_token(text, |t| out.push(owned(t)));
        out
    }

    #[test]
    fn the_ascii_shortcuts_give_the_tokens_of_the_definition() {
        for s in [
            "Don't stop",
            "it's",
            "AMED's",
            "abc'",
            "x'y'z",
            "Ab1 c-d e_f",
            "ゲノム医療AMED支援",
            "研究 A 癌",
            "e\u{301}clair",
            "a\u{301}",
            "-\u{301}x",
            "AB’s",
            "Σa",
            "",
            "か\u{3099}",
            "医療ケﾞム",
            "ゲノム\u{3099}",
        ] {
            assert_eq!(tokens_of(s), reference(s), "{s:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(crate::proptest_config())]
        #[test]
        fn any_text_gives_the_tokens_of_the_definition(
            text in proptest::collection::vec(proptest::sample::select(vec![
                "a", "Z", "7", " ", "-", "'", "’", ".", "_", "AMED", "genome", "ゲ", "ノ", "ム", "医", "療", "々", "・", "か", "ケ",
                "ｹ", "ﾞ", "\u{3099}", "\u{301}", "Ａ", "①", "ﬁ", "é", "ß", "İ", "Σ", "한", "\n", "、",
            ]), 0..24).prop_map(|v| v.concat())
        ) {
            proptest::prop_assert_eq!(tokens_of(&text), reference(&text));
        }
    }

    #[test]
    fn non_ascii_words_are_not_stemmed() {
        assert_eq!(en("cafés"), ["cafés"]);
    }
}
