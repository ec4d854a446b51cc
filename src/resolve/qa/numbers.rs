//! The figures of a source text, and whether a translation has them.
//!
//! [`figures`] finds in a source text the figures a translation must keep:
//! amounts (`43億円`, `0.8億円`, `5,000万円`), fiscal years (`令和7年度`,
//! `平成元年度`, `2025年度`), years (`2020年`), percentages (`50%`) and
//! counts (`3件`) in Japanese; percentages and years (`FY2025`, `2025`) in
//! English. Each [`Figure`] says what the translation must hold, written by
//! the site's own [`crate::model::locale`] functions (`¥4.3 billion`,
//! `¥80 million`, `FY2025`). [`Held::of`] reads a translation's figures
//! once: the `¥… million/billion/trillion` amounts, percentages, and every
//! number (digits, or the words one to twenty); lookups are then constant,
//! so the check is linear in both texts.

use std::collections::HashSet;

use unicode_normalization::UnicodeNormalization;

use crate::lang::Lang;
use crate::model::Amount;
use crate::model::locale::{fiscal_year, yen};

/// What a translation must hold for one figure of the source.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Want {
    /// An amount, as [`yen`] writes it in the translation's language.
    Yen(String),
    /// A percentage of this number.
    Percent(String),
    /// This number, in digits or words.
    Number(String),
}

/// A figure of the source: as written, where, what the translation needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figure {
    pub shown: String,
    pub at: usize,
    pub want: Want,
    /// How the translation should write it.
    pub form: String,
}

/// The figures of `text` (of language `from`) that a translation into `to` must keep.
pub fn figures(text: &str, from: Lang, to: Lang) -> Vec<Figure> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().map(|(at, c)| (at, c.nfkc().next().unwrap_or(c))).collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if !c.is_ascii_digit() || (i > 0 && is_number_char(chars[i - 1].1)) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && is_number_char(chars[j].1) {
            j += 1;
        }
        // A trailing point or comma ends a sentence, not the number.
        while j > i + 1 && matches!(chars[j - 1].1, '.' | ',') {
            j -= 1;
        }
        let number: String = chars[i..j].iter().map(|(_, c)| *c).filter(|c| *c != ',').collect();
        let rest: String = chars[j..chars.len().min(j + 8)].iter().map(|(_, c)| *c).collect();
        let era = era_before(&chars[..i]);
        if let Some(f) = figure(&number, &rest, era, from, to) {
            let end = chars.get(j + f.1).map_or(text.len(), |(at, _)| *at);
            let start = era.map_or(start, |(_, at)| chars[at].0);
            out.push(Figure { shown: text[start..end].to_string(), at: start, want: f.0, form: f.2 });
        }
        i = j;
    }
    out
}

fn is_number_char(c: char) -> bool {
    c.is_ascii_digit() || c == '.' || c == ','
}

/// Japanese eras and the Western year before their first.
const ERAS: [(&str, i32); 2] = [("令和", 2018), ("平成", 1988)];

/// The era written right before a number, and the index of its first character.
fn era_before(before: &[(usize, char)]) -> Option<(i32, usize)> {
    let n = before.len();
    let tail: String = before[n.saturating_sub(2)..].iter().map(|(_, c)| *c).collect();
    ERAS.iter().find(|(name, _)| tail == *name).map(|(_, base)| (*base, n - 2))
}

/// The figure a number followed by `rest` makes: what is wanted, how many
/// characters after the number belong to it, and the form to suggest.
fn figure(number: &str, rest: &str, era: Option<(i32, usize)>, from: Lang, to: Lang) -> Option<(Want, usize, String)> {
    let year = |fy: i32, len: usize, fiscal: bool| {
        let form = if fiscal { fiscal_year(fy, to) } else { fy.to_string() };
        Some((Want::Number(fy.to_string()), len, form))
    };
    if rest.starts_with('%') {
        return Some((Want::Percent(number.to_string()), 1, format!("{number}%")));
    }
    if from == Lang::En {
        return match number.parse::<i32>() {
            Ok(y) if number.len() == 4 && (1900..2100).contains(&y) => year(y, 0, false),
            _ => None,
        };
    }
    if let Some((base, _)) = era {
        let n: i32 = number.parse().ok()?;
        return rest.starts_with("年度").then(|| year(base.checked_add(n)?, 2, true)).flatten();
    }
    if rest.starts_with("億円") {
        let amount = Amount::parse(number)?;
        return Some((Want::Yen(yen(&amount, to)), 2, yen(&amount, to)));
    }
    if rest.starts_with("万円") {
        let amount = Amount::from_man_yen(number.parse().ok()?);
        return Some((Want::Yen(yen(&amount, to)), 2, yen(&amount, to)));
    }
    let four = number.len() == 4 && number.bytes().all(|b| b.is_ascii_digit());
    if four && rest.starts_with("年度") {
        return year(number.parse().ok()?, 2, true);
    }
    if four && rest.starts_with('年') {
        return year(number.parse().ok()?, 1, false);
    }
    if rest.starts_with('件') && number.bytes().all(|b| b.is_ascii_digit()) {
        return Some((Want::Number(number.to_string()), 1, number.to_string()));
    }
    None
}

/// The figures a translation holds.
#[derive(Debug, Default)]
pub struct Held {
    wants: HashSet<Want>,
}

/// Number words a translation may write instead of digits.
const WORDS: [&str; 20] = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

impl Held {
    /// Reads the figures of a translation's texts.
    pub fn of<'a>(texts: impl IntoIterator<Item = &'a str>) -> Held {
        let mut held = Held::default();
        for text in texts {
            held.read(text);
        }
        held
    }

    fn read(&mut self, text: &str) {
        let normal: String = text.nfkc().collect();
        let chars: Vec<char> = normal.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if chars[i].is_alphabetic() && (i == 0 || !chars[i - 1].is_alphanumeric()) {
                let mut j = i;
                while j < chars.len() && chars[j].is_alphabetic() {
                    j += 1;
                }
                let word: String = chars[i..j].iter().collect::<String>().to_lowercase();
                if let Some(n) = WORDS.iter().position(|w| *w == word) {
                    self.wants.insert(Want::Number((n + 1).to_string()));
                }
                i = j;
                continue;
            }
            if !chars[i].is_ascii_digit() || (i > 0 && is_number_char(chars[i - 1])) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < chars.len() && is_number_char(chars[j]) {
                j += 1;
            }
            while j > i + 1 && matches!(chars[j - 1], '.' | ',') {
                j -= 1;
            }
            let written: String = chars[i..j].iter().collect();
            let number = written.replace(',', "");
            let rest: String = chars[j..chars.len().min(j + 12)].iter().collect();
            if i > 0 && chars[i - 1] == '¥' {
                for word in ["million", "billion", "trillion"] {
                    if rest.strip_prefix(' ').is_some_and(|r| r.starts_with(word)) {
                        self.wants.insert(Want::Yen(format!("¥{written} {word}")));
                    }
                }
                self.wants.insert(Want::Yen(format!("¥{written}")));
            }
            if rest.trim_start().starts_with('%') || rest.trim_start().starts_with("percent") {
                self.wants.insert(Want::Percent(number.clone()));
            }
            if rest.starts_with("億円") || rest.starts_with("万円") {
                let amount = if rest.starts_with('億') { Amount::parse(&number) } else { number.parse().ok().map(Amount::from_man_yen) };
                if let Some(a) = amount {
                    self.wants.insert(Want::Yen(yen(&a, Lang::Ja)));
                }
            }
            self.wants.insert(Want::Number(number));
            i = j;
        }
    }

    /// Whether the translation holds what `want` asks for.
    pub fn has(&self, want: &Want) -> bool {
        self.wants.contains(want)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wants(text: &str) -> Vec<(String, String)> {
        figures(text, Lang::Ja, Lang::En).into_iter().map(|f| (f.shown, f.form)).collect()
    }

    #[test]
    fn japanese_figures_are_localised_by_the_site_functions() {
        let pairs = |v: &[(&str, &str)]| v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect::<Vec<_>>();
        assert_eq!(
            wants("令和7年度に43億円、うち0.8億円。2025年度の50％、3件、2020年3月。平成元年度。"),
            pairs(&[
                ("令和7年度", "FY2025"),
                ("43億円", "¥4.3 billion"),
                ("0.8億円", "¥80 million"),
                ("2025年度", "FY2025"),
                ("50％", "50%"),
                ("3件", "3"),
                ("2020年", "2020"),
            ])
        );
        assert!(wants("第3期、6つ、12月").is_empty());
        // Out of range: no figure, no overflow.
        assert!(wants("令和2147483647年度、99999999999999999999億円").is_empty());
    }

    #[test]
    fn a_translation_holds_amounts_percentages_and_numbers_in_digits_or_words() {
        let held = Held::of(["In FY2025, ¥4.3 billion, of which ¥80 million; 50 percent of three calls."]);
        for f in figures("令和7年度に43億円、うち0.8億円。50%、3件。", Lang::Ja, Lang::En) {
            assert!(held.has(&f.want), "{f:?}");
        }
        assert!(!held.has(&Want::Yen("¥4.3 million".into())));
        assert!(!held.has(&Want::Number("2026".into())));
    }
}
