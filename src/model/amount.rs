//! Budget figures: an [`Amount`] in 億円, held exactly as the author wrote it.
//!
//! Part of the model: front matter is read into it (`load`), the site's data
//! files serialise it, and `render::locale` writes it in words. The value is
//! an integer count of 万円, so `10.7` is always `¥1.07 billion`, never a
//! float's `¥1.0699999 billion`; [`decimal`] and [`grouped`] write such
//! counts exactly.

use std::fmt;

use serde::de::{self, Deserializer, Unexpected, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// 万円 in one 億円.
pub const MAN_PER_OKU: u64 = 10_000;
/// The most decimals an amount in 億円 may have: 0.0001億円 is 1万円.
const MAX_DECIMALS: usize = 4;

/// A budget figure in 億円, held exactly as the author wrote it.
///
/// The value is an integer count of 万円; the number of decimals written is
/// kept too, so `6.0` displays as `6.0` and `200` as `200`. Equality is
/// equality as written (`6` ≠ `6.0`); compare [`Amount::man_yen`] for value.
///
/// Deserialises from a YAML number or string. A YAML *number* `6.0` reaches
/// serde as the float 6, which prints as `6`: write the string `"6.0"` to keep
/// the decimal. Serialises as a number (an integer when it has no decimals).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Amount {
    man_yen: u64,
    decimals: u8,
}

impl Amount {
    /// Parses an amount in 億円: ASCII digits, optionally a point and one to
    /// four more digits (`200`, `7.9`, `6.0`, `0.8`, `1234.5`). Surrounding
    /// white space is ignored. Signs, exponents, separators, `NaN`, more than
    /// four decimals and amounts too large to hold give `None`.
    pub fn parse(text: &str) -> Option<Amount> {
        let text = text.trim();
        let (int, frac) = text.split_once('.').unwrap_or((text, ""));
        if !all_digits(int) || text.ends_with('.') || !(frac.is_empty() || all_digits(frac)) {
            return None;
        }
        if frac.len() > MAX_DECIMALS {
            return None;
        }
        let frac_man = match frac {
            "" => 0,
            _ => format!("{frac:0<MAX_DECIMALS$}").parse::<u64>().ok()?,
        };
        let man_yen = int.parse::<u64>().ok()?.checked_mul(MAN_PER_OKU)?.checked_add(frac_man)?;
        let decimals = u8::try_from(frac.len()).ok()?;
        Some(Amount { man_yen, decimals })
    }

    /// An amount of `man_yen` 万円, written with as few decimals as it needs.
    pub fn from_man_yen(man_yen: u64) -> Amount {
        let frac = format!("{:04}", man_yen % MAN_PER_OKU);
        let decimals = frac.trim_end_matches('0').len();
        Amount { man_yen, decimals: u8::try_from(decimals).unwrap_or(0) }
    }

    /// The value in 万円 (1億円 = 10,000万円).
    pub fn man_yen(&self) -> u64 {
        self.man_yen
    }

    /// The number of decimals as written (`6.0` → 1).
    pub fn decimals(&self) -> usize {
        usize::from(self.decimals)
    }

    /// The value as serde should see it.
    fn number(&self) -> Number {
        if self.decimals == 0 { Number::Int(self.man_yen / MAN_PER_OKU) } else { Number::Float(self.man_yen as f64 / MAN_PER_OKU as f64) }
    }
}

/// An amount in 億円 as a plain number, for serialising.
#[derive(Debug, PartialEq)]
enum Number {
    Int(u64),
    Float(f64),
}

impl fmt::Display for Amount {
    /// Writes the amount in 億円 as the author wrote it, without a unit.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&decimal(self.man_yen, 4, Some(self.decimals()), false))
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.number() {
            Number::Int(n) => serializer.serialize_u64(n),
            Number::Float(x) => serializer.serialize_f64(x),
        }
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AmountVisitor)
    }
}

/// Accepts an amount from a YAML integer, float or string.
struct AmountVisitor;

impl Visitor<'_> for AmountVisitor {
    type Value = Amount;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an amount in 億円 such as 200, 7.9 or \"6.0\" (not negative, at most 4 decimals)")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
        match v.checked_mul(MAN_PER_OKU) {
            Some(man_yen) => Ok(Amount { man_yen, decimals: 0 }),
            None => Err(E::invalid_value(Unexpected::Unsigned(v), &self)),
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
        match u64::try_from(v) {
            Ok(v) => self.visit_u64(v),
            Err(_) => Err(E::invalid_value(Unexpected::Signed(v), &self)),
        }
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
        // `{}` writes the shortest text that reads back as `v`, never with an
        // exponent; NaN, infinities and negatives fail to parse.
        Amount::parse(&format!("{v}")).ok_or_else(|| E::invalid_value(Unexpected::Float(v), &self))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
        Amount::parse(v).ok_or_else(|| E::invalid_value(Unexpected::Str(v), &self))
    }
}

/// True when `s` is one or more ASCII digits.
fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `n` with commas between groups of three digits: `12,000`.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `n / 10^places` in decimal, exactly. `keep` is the number of decimals to
/// write; `None` writes as many as needed (trailing zeros trimmed). With
/// `group` the integer part gets thousands commas.
pub fn decimal(n: u64, places: u32, keep: Option<usize>, group: bool) -> String {
    let scale = 10u64.pow(places);
    let int = n / scale;
    let digits = format!("{:0width$}", n % scale, width = places as usize);
    let frac = match keep {
        _ if places == 0 => "",
        Some(k) => digits.get(..k).unwrap_or(&digits),
        None => digits.trim_end_matches('0'),
    };
    let mut out = if group { grouped(int) } else { int.to_string() };
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use serde::de::IntoDeserializer;
    use serde::de::value::Error;

    use super::*;

    fn amount(text: &str) -> Amount {
        Amount::parse(text).unwrap_or_else(|| panic!("{text} should parse"))
    }

    fn deserialize<'de, T: IntoDeserializer<'de, Error>>(value: T) -> Result<Amount, Error> {
        Amount::deserialize(value.into_deserializer())
    }

    #[test]
    fn amount_displays_as_written() {
        for text in ["200", "7.9", "6.0", "0.8", "10.7", "18.9", "1234.5", "0", "0.0001", "3.1400"] {
            assert_eq!(amount(text).to_string(), text);
        }
    }

    #[test]
    fn amount_holds_man_yen_exactly() {
        assert_eq!(amount("0.8").man_yen(), 8_000);
        assert_eq!(amount("10.7").man_yen(), 107_000);
        assert_eq!(amount("1234.5").man_yen(), 12_345_000);
        assert_eq!(amount("6.0").man_yen(), amount("6").man_yen());
        assert_ne!(amount("6.0"), amount("6"));
        assert_eq!(amount("6.0").decimals(), 1);
    }

    #[test]
    fn amount_rejects_junk() {
        let junk = "| |-1|-0|+5|NaN|inf|1e3|0.00001|1.|.5|1.2.3|1,000|１００|abc|12a|1 000|99999999999999999999";
        for text in junk.split('|') {
            assert_eq!(Amount::parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn amount_ignores_surrounding_space() {
        assert_eq!(Amount::parse(" 7.9\n"), Some(amount("7.9")));
    }

    #[test]
    fn amount_from_man_yen_uses_fewest_decimals() {
        assert_eq!(Amount::from_man_yen(107_000).to_string(), "10.7");
        assert_eq!(Amount::from_man_yen(2_000_000).to_string(), "200");
        assert_eq!(Amount::from_man_yen(1).to_string(), "0.0001");
    }

    #[test]
    fn amount_deserialises_from_numbers_and_strings() {
        assert_eq!(deserialize(200u64), Ok(amount("200")));
        assert_eq!(deserialize(200i64), Ok(amount("200")));
        assert_eq!(deserialize(7.9f64), Ok(amount("7.9")));
        assert_eq!(deserialize(10.7f64), Ok(amount("10.7")));
        assert_eq!(deserialize("6.0"), Ok(amount("6.0")));
    }

    #[test]
    fn float_six_point_zero_loses_its_decimal() {
        assert_eq!(deserialize(6.0f64), Ok(amount("6")));
    }

    #[test]
    fn amount_deserialise_rejects_bad_values() {
        assert!(deserialize(-1i64).is_err());
        assert!(deserialize(-0.5f64).is_err());
        assert!(deserialize(f64::NAN).is_err());
        assert!(deserialize(f64::INFINITY).is_err());
        assert!(deserialize(0.00001f64).is_err());
        assert!(deserialize(1e300f64).is_err());
        assert!(deserialize(u64::MAX).is_err());
        assert!(deserialize("lots").is_err());
    }

    #[test]
    fn amount_serialises_as_integer_or_float() {
        assert_eq!(amount("200").number(), Number::Int(200));
        assert_eq!(amount("7.9").number(), Number::Float(7.9));
        assert_eq!(amount("6.0").number(), Number::Float(6.0));
        assert_eq!(amount("10.7").number(), Number::Float(10.7));
    }
}
