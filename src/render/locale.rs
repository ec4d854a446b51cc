//! Localised values: budget amounts, fiscal years, dates, periods and numbering.
//!
//! Part of the `render` stage: templates and page views call these to write a
//! value the way a Japanese or an English reader expects it (SPEC §4, §6).
//! Budget amounts and fiscal years are written by [`crate::model::locale`]
//! (re-exported here), which the translation checks of `resolve` use too.
//! Every function is pure and total — any input gives a string, never a
//! panic. Budget figures are the model's exact [`Amount`]s, written with
//! integer arithmetic.

use jiff::civil::Date;

use crate::lang::Lang;
use crate::model::amount::Amount;
pub use crate::model::locale::{fiscal_year, yen};

/// A figure this budget line is only part of (内数): `43億円の内数` /
/// `part of ¥4.3 billion`.
pub fn part_of(amount: &Amount, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{}の内数", yen(amount, lang)),
        Lang::En => format!("part of {}", yen(amount, lang)),
    }
}

/// A budget line's label: `令和7年度 200億円` / `FY2025 ¥20 billion`, or with
/// `part_of`, `令和7年度 43億円の内数` / `FY2025 part of ¥4.3 billion`.
pub fn budget_label(fy: i32, amount: &Amount, part_of: bool, lang: Lang) -> String {
    let figure = if part_of { self::part_of(amount, lang) } else { yen(amount, lang) };
    format!("{} {figure}", fiscal_year(fy, lang))
}

/// English month names.
const MONTHS: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/// A date: `2025年5月16日` / `16 May 2025`.
pub fn date(d: Date, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        Lang::En => {
            let month = usize::try_from(d.month() - 1).ok().and_then(|i| MONTHS.get(i)).unwrap_or(&"");
            format!("{} {month} {}", d.day(), d.year())
        }
    }
}

/// A period with its fiscal years: `第3期（2025〜2029年度）` /
/// `3rd period (FY2025–2029)`; `label` is already localised.
///
/// With only an end, `第1期（〜2019年度）` / `1st period (until FY2019)`; with
/// only a start, `第3期（2025年度〜）` / `3rd period (from FY2025)`; with
/// neither, the label alone.
pub fn period(label: &str, from: Option<i32>, to: Option<i32>, lang: Lang) -> String {
    let span = match (lang, from, to) {
        (_, None, None) => return label.to_string(),
        (Lang::Ja, Some(f), Some(t)) if f == t => format!("（{f}年度）"),
        (Lang::Ja, Some(f), Some(t)) => format!("（{f}〜{t}年度）"),
        (Lang::Ja, Some(f), None) => format!("（{f}年度〜）"),
        (Lang::Ja, None, Some(t)) => format!("（〜{t}年度）"),
        (Lang::En, Some(f), Some(t)) if f == t => format!("(FY{f})"),
        (Lang::En, Some(f), Some(t)) => format!("(FY{f}–{t})"),
        (Lang::En, Some(f), None) => format!("(from FY{f})"),
        (Lang::En, None, Some(t)) => format!("(until FY{t})"),
    };
    match lang {
        Lang::En if !label.is_empty() => format!("{label} {span}"),
        _ => format!("{label}{span}"),
    }
}

/// Circled numbers for 1 to 20.
const CIRCLED: [&str; 20] = ["①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨", "⑩", "⑪", "⑫", "⑬", "⑭", "⑮", "⑯", "⑰", "⑱", "⑲", "⑳"];

/// A circled number for an item's place in its parent: `①` … `⑳`, then
/// `(21)` (and `(0)`).
pub fn circled(n: u32) -> String {
    n.checked_sub(1).and_then(|i| CIRCLED.get(usize::try_from(i).ok()?)).map_or_else(|| format!("({n})"), |c| (*c).to_string())
}

/// An English ordinal: `1st`, `2nd`, `3rd`, `4th`, `11th`, `21st`, `111th`.
pub fn ordinal_en(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(text: &str) -> Amount {
        Amount::parse(text).unwrap_or_else(|| panic!("{text} should parse"))
    }

    fn ja(text: &str) -> String {
        yen(&amount(text), Lang::Ja)
    }

    fn en(text: &str) -> String {
        yen(&amount(text), Lang::En)
    }

    #[test]
    fn yen_in_japanese_keeps_decimals_as_written() {
        assert_eq!(ja("200"), "200億円");
        assert_eq!(ja("0.8"), "0.8億円");
        assert_eq!(ja("7.9"), "7.9億円");
        assert_eq!(ja("6.0"), "6.0億円");
        assert_eq!(ja("10.7"), "10.7億円");
        assert_eq!(ja("1234.5"), "1,234.5億円");
    }

    #[test]
    fn yen_in_japanese_writes_cho_from_one_trillion() {
        assert_eq!(ja("12000"), "1兆2,000億円");
        assert_eq!(ja("10000"), "1兆円");
        assert_eq!(ja("10000.5"), "1兆0.5億円");
        assert_eq!(ja("9999.9"), "9,999.9億円");
    }

    #[test]
    fn yen_in_english_scales_to_million_billion_trillion() {
        assert_eq!(en("200"), "¥20 billion");
        assert_eq!(en("43"), "¥4.3 billion");
        assert_eq!(en("0.8"), "¥80 million");
        assert_eq!(en("7.9"), "¥790 million");
        assert_eq!(en("10.7"), "¥1.07 billion");
        assert_eq!(en("3.2"), "¥320 million");
        assert_eq!(en("12000"), "¥1.2 trillion");
        assert_eq!(en("18.9"), "¥1.89 billion");
        assert_eq!(en("6.0"), "¥600 million");
        assert_eq!(en("1234.5"), "¥123.45 billion");
        assert_eq!(en("12345678"), "¥1,234.5678 trillion");
    }

    #[test]
    fn yen_in_english_writes_small_sums_in_whole_yen() {
        assert_eq!(en("0.0099"), "¥990,000");
        assert_eq!(en("0.01"), "¥1 million");
        assert_eq!(en("0"), "¥0");
    }

    #[test]
    fn yen_never_panics_on_the_largest_amount() {
        let max = Amount::from_man_yen(u64::MAX);
        assert!(yen(&max, Lang::Ja).ends_with("億円"));
        assert!(yen(&max, Lang::En).ends_with("trillion"));
    }

    #[test]
    fn part_of_marks_naisu() {
        assert_eq!(part_of(&amount("43"), Lang::Ja), "43億円の内数");
        assert_eq!(part_of(&amount("43"), Lang::En), "part of ¥4.3 billion");
    }

    #[test]
    fn budget_label_joins_year_and_figure() {
        assert_eq!(budget_label(2025, &amount("200"), false, Lang::Ja), "令和7年度 200億円");
        assert_eq!(budget_label(2025, &amount("200"), false, Lang::En), "FY2025 ¥20 billion");
        assert_eq!(budget_label(2025, &amount("43"), true, Lang::Ja), "令和7年度 43億円の内数");
        assert_eq!(budget_label(2025, &amount("43"), true, Lang::En), "FY2025 part of ¥4.3 billion");
    }

    #[test]
    fn fiscal_year_in_english_is_fy_and_year() {
        assert_eq!(fiscal_year(2025, Lang::En), "FY2025");
        assert_eq!(fiscal_year(-5, Lang::En), "FY-5");
    }

    #[test]
    fn fy2025_is_reiwa_7() {
        assert_eq!(fiscal_year(2025, Lang::Ja), "令和7年度");
    }

    #[test]
    fn fy2019_is_heisei_31() {
        assert_eq!(fiscal_year(2019, Lang::Ja), "平成31年度");
    }

    #[test]
    fn fy2020_is_reiwa_2() {
        assert_eq!(fiscal_year(2020, Lang::Ja), "令和2年度");
    }

    #[test]
    fn fy1989_is_heisei_gannen() {
        assert_eq!(fiscal_year(1989, Lang::Ja), "平成元年度");
    }

    #[test]
    fn fy1988_is_showa_63() {
        assert_eq!(fiscal_year(1988, Lang::Ja), "昭和63年度");
    }

    #[test]
    fn earlier_eras_follow_the_same_rule() {
        assert_eq!(fiscal_year(1926, Lang::Ja), "大正15年度");
        assert_eq!(fiscal_year(1927, Lang::Ja), "昭和2年度");
        assert_eq!(fiscal_year(1912, Lang::Ja), "明治45年度");
        assert_eq!(fiscal_year(1913, Lang::Ja), "大正2年度");
        assert_eq!(fiscal_year(1868, Lang::Ja), "明治元年度");
    }

    #[test]
    fn years_before_meiji_or_absurd_are_western() {
        assert_eq!(fiscal_year(1867, Lang::Ja), "1867年度");
        assert_eq!(fiscal_year(1500, Lang::Ja), "1500年度");
        assert_eq!(fiscal_year(0, Lang::Ja), "0年度");
        assert_eq!(fiscal_year(i32::MIN, Lang::Ja), format!("{}年度", i32::MIN));
        assert!(fiscal_year(i32::MAX, Lang::Ja).starts_with("令和"));
    }

    #[test]
    fn date_is_localised() {
        let d = jiff::civil::date(2025, 5, 16);
        assert_eq!(date(d, Lang::Ja), "2025年5月16日");
        assert_eq!(date(d, Lang::En), "16 May 2025");
        assert_eq!(date(jiff::civil::date(2024, 12, 1), Lang::En), "1 December 2024");
        assert_eq!(date(jiff::civil::date(2024, 1, 31), Lang::En), "31 January 2024");
    }

    #[test]
    fn period_with_both_years() {
        assert_eq!(period("第3期", Some(2025), Some(2029), Lang::Ja), "第3期（2025〜2029年度）");
        assert_eq!(period("3rd period", Some(2025), Some(2029), Lang::En), "3rd period (FY2025–2029)");
    }

    #[test]
    fn period_with_only_an_end() {
        assert_eq!(period("第1期", None, Some(2019), Lang::Ja), "第1期（〜2019年度）");
        assert_eq!(period("1st period", None, Some(2019), Lang::En), "1st period (until FY2019)");
    }

    #[test]
    fn period_with_only_a_start() {
        assert_eq!(period("第3期", Some(2025), None, Lang::Ja), "第3期（2025年度〜）");
        assert_eq!(period("3rd period", Some(2025), None, Lang::En), "3rd period (from FY2025)");
        assert_eq!(period("", Some(2025), None, Lang::Ja), "（2025年度〜）");
        assert_eq!(period("", Some(2025), None, Lang::En), "(from FY2025)");
    }

    #[test]
    fn period_without_years_is_the_label() {
        assert_eq!(period("第2期", None, None, Lang::Ja), "第2期");
        assert_eq!(period("2nd period", None, None, Lang::En), "2nd period");
    }

    #[test]
    fn period_of_one_year_names_it_once() {
        assert_eq!(period("第9期", Some(2030), Some(2030), Lang::Ja), "第9期（2030年度）");
        assert_eq!(period("9th period", Some(2030), Some(2030), Lang::En), "9th period (FY2030)");
    }

    #[test]
    fn circled_covers_one_to_twenty() {
        assert_eq!(circled(1), "①");
        assert_eq!(circled(8), "⑧");
        assert_eq!(circled(20), "⑳");
    }

    #[test]
    fn circled_falls_back_to_parentheses() {
        assert_eq!(circled(0), "(0)");
        assert_eq!(circled(21), "(21)");
        assert_eq!(circled(u32::MAX), format!("({})", u32::MAX));
    }

    #[test]
    fn ordinal_en_handles_teens() {
        let got = [1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111, 112, 0].map(ordinal_en);
        assert_eq!(got.join(" "), "1st 2nd 3rd 4th 11th 12th 13th 21st 22nd 101st 111th 112th 0th");
    }
}
