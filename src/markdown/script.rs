//! The scripts a glossary term's ends are bounded by: a term that starts
//! or ends in ASCII letters or digits, in katakana, or (when its entry asks)
//! in kanji matches only where that end does not touch another character of
//! the same script, so that it never matches inside a longer word
//! (`PD` in `PDF`, `サービス` in `マイクロサービス`).

/// What an end of a term may not touch: a character of the same script.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Script {
    /// The end touches anything (kana, punctuation, kanji by default).
    Free,
    /// ASCII letters and digits.
    Ascii,
    /// Katakana, with the prolonged sound mark `ー`.
    Katakana,
    /// Kanji (with `々`), for entries that ask for it.
    Kanji,
}

impl Script {
    /// The script that bounds a term's end character `c` (in NFKC).
    pub(super) fn of_end(c: Option<char>, whole_word: bool) -> Script {
        match c {
            Some(c) if c.is_ascii_alphanumeric() => Script::Ascii,
            Some(c) if is_katakana(c) => Script::Katakana,
            Some(c) if whole_word && is_kanji(c) => Script::Kanji,
            _ => Script::Free,
        }
    }

    /// Whether the text's character `next` to the end continues the same
    /// run, so that the match is inside a longer word.
    pub(super) fn joins(self, next: Option<char>) -> bool {
        let Some(c) = next else { return false };
        match self {
            Script::Free => false,
            Script::Ascii => c.is_ascii_alphanumeric(),
            Script::Katakana => is_katakana(c),
            Script::Kanji => is_kanji(c),
        }
    }
}

/// Katakana (full width, as NFKC makes half-width ones) and `ー`; not the
/// middle dot `・`, which separates words.
fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}' | '\u{30FC}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}')
}

/// CJK ideographs (the unified blocks and their extensions, compatibility
/// ideographs) and the iteration mark `々`.
fn is_kanji(c: char) -> bool {
    matches!(c, '\u{3005}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_script_is_joined_only_by_its_own_characters() {
        assert!(Script::Katakana.joins(Some('ー')) && !Script::Katakana.joins(Some('ｱ')), "half-width forms are normalised before");
        assert!(!Script::Katakana.joins(Some('・')) && !Script::Katakana.joins(Some('の')) && !Script::Katakana.joins(None));
        assert!(Script::Kanji.joins(Some('々')) && Script::Kanji.joins(Some('𠮷')) && !Script::Kanji.joins(Some('ア')));
        assert!(Script::Ascii.joins(Some('x')) && !Script::Ascii.joins(Some('ｘ')));
        assert!(!Script::Free.joins(Some('x')));
    }

    #[test]
    fn a_kanji_end_is_bounded_only_when_the_entry_asks() {
        assert_eq!(Script::of_end(Some('療'), false), Script::Free);
        assert_eq!(Script::of_end(Some('療'), true), Script::Kanji);
        assert_eq!(Script::of_end(Some('ス'), false), Script::Katakana);
        assert_eq!(Script::of_end(Some('D'), false), Script::Ascii);
        assert_eq!(Script::of_end(Some('の'), true), Script::Free);
    }
}
