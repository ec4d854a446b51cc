//! Budget amounts and fiscal years in words, as a Japanese or an English
//! reader expects them: `43億円` / `¥4.3 billion`, `令和7年度` / `FY2025`.
//!
//! Pure and total functions of the model's values. They live in the model so
//! that every later stage writes a figure the same way: `render::locale`
//! re-exports them for pages and templates, and the translation checks of
//! `resolve` look for a source's figures in a translation in these forms.

use crate::lang::Lang;
use crate::model::amount::{Amount, decimal, grouped};

/// 万円 in one 兆円, which is also one trillion yen.
const MAN_PER_CHO: u64 = 100_000_000;
/// 万円 in one billion yen.
const MAN_PER_BILLION: u64 = 100_000;
/// 万円 in one million yen.
const MAN_PER_MILLION: u64 = 100;

/// A budget amount in words: `200億円`, `1兆2,000億円` / `¥20 billion`,
/// `¥80 million`, `¥1.2 trillion`.
///
/// Japanese keeps the decimals as written and groups thousands of 億 with
/// commas; English picks the largest of million, billion and trillion the
/// amount reaches, with trailing zeros trimmed (below a million, whole yen).
pub fn yen(amount: &Amount, lang: Lang) -> String {
    let man = amount.man_yen();
    match lang {
        Lang::Ja if man < MAN_PER_CHO => {
            format!("{}億円", decimal(man, 4, Some(amount.decimals()), true))
        }
        Lang::Ja => {
            let cho = grouped(man / MAN_PER_CHO);
            match man % MAN_PER_CHO {
                0 => format!("{cho}兆円"),
                rest => format!("{cho}兆{}億円", decimal(rest, 4, Some(amount.decimals()), true)),
            }
        }
        Lang::En => {
            let (places, word) = if man >= MAN_PER_CHO {
                (8, "trillion")
            } else if man >= MAN_PER_BILLION {
                (5, "billion")
            } else if man >= MAN_PER_MILLION {
                (2, "million")
            } else {
                return format!("¥{}", grouped(man * 10_000));
            };
            format!("¥{} {word}", decimal(man, places, None, true))
        }
    }
}

/// Japanese eras since the Western calendar: name and first day.
const ERAS: [(&str, (i32, u8, u8)); 5] =
    [("令和", (2019, 5, 1)), ("平成", (1989, 1, 8)), ("昭和", (1926, 12, 25)), ("大正", (1912, 7, 30)), ("明治", (1868, 1, 1))];

/// A fiscal year, which starts on 1 April: `FY2025` / `令和7年度`.
///
/// Japanese uses the era in force on 1 April of that year, so FY2019 is
/// `平成31年度` and FY2020 `令和2年度`; an era's first year is 元
/// (`平成元年度`). Years before 1868 are written `1500年度`.
pub fn fiscal_year(fy: i32, lang: Lang) -> String {
    if lang == Lang::En {
        return format!("FY{fy}");
    }
    let era = ERAS.iter().find(|(_, start)| (fy, 4, 1) >= *start);
    match era {
        Some((name, (first, _, _))) if fy == *first => format!("{name}元年度"),
        Some((name, (first, _, _))) => format!("{name}{}年度", fy - first + 1),
        None => format!("{fy}年度"),
    }
}
