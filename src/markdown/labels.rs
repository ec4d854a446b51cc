//! The words the Markdown stage writes into a body itself: the titles of
//! GitHub-style alerts and the accessible names of code blocks, taken from
//! the theme's UI strings (so a site can reword them, and each language has
//! its own).

use pulldown_cmark::BlockQuoteKind;

use super::fence_lang;
use crate::lang::Lang;
use crate::theme::Theme;

/// The UI strings of one language that bodies use.
#[derive(Clone, Debug)]
pub struct Labels {
    note: String,
    tip: String,
    important: String,
    warning: String,
    caution: String,
    /// A code block's name when its language is not given (`Code`).
    code: String,
    /// A code block's name with `{lang}` for its language (`Code: {lang}`).
    code_in: String,
}

impl Labels {
    /// The labels of `lang` from the theme's strings.
    pub fn new(theme: &Theme, lang: Lang) -> Labels {
        let t = |key: &str| theme.t(lang, key).to_string();
        Labels {
            note: t("alert_note"),
            tip: t("alert_tip"),
            important: t("alert_important"),
            warning: t("alert_warning"),
            caution: t("alert_caution"),
            code: t("code_block"),
            code_in: t("code_block_lang"),
        }
    }

    /// The title of an alert of `kind`.
    pub fn alert(&self, kind: BlockQuoteKind) -> &str {
        match kind {
            BlockQuoteKind::Note => &self.note,
            BlockQuoteKind::Tip => &self.tip,
            BlockQuoteKind::Important => &self.important,
            BlockQuoteKind::Warning => &self.warning,
            BlockQuoteKind::Caution => &self.caution,
        }
    }

    /// The accessible name of a code block in the fence language `word`
    /// (`Code: C#` for `csharp`; the word as written when the alias table
    /// does not know it).
    pub fn code_block(&self, word: Option<&str>) -> String {
        match word {
            Some(word) => {
                let name = fence_lang::lookup(word).map_or(word, |lang| lang.name);
                crate::theme::fill(&self.code_in, &[("lang", name)])
            }
            None => self.code.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::test_support::theme;

    #[test]
    fn code_blocks_are_named_by_their_language_in_each_language() {
        let en = Labels::new(theme(), Lang::En);
        let ja = Labels::new(theme(), Lang::Ja);
        assert_eq!(en.code_block(Some("csharp")), "Code: C#");
        assert_eq!(ja.code_block(Some("rs")), "コード: Rust");
        assert_eq!(en.code_block(Some("klingon")), "Code: klingon");
        assert_eq!(en.code_block(None), "Code");
    }

    #[test]
    fn alerts_have_localised_titles() {
        assert_eq!(Labels::new(theme(), Lang::En).alert(BlockQuoteKind::Caution), "Caution");
        assert_eq!(Labels::new(theme(), Lang::Ja).alert(BlockQuoteKind::Note), "注記");
    }
}
