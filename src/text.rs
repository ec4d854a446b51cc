//! Foundation: localised text and located values; [`decode`] turns a
//! file's bytes into text.
//!
//! A [`LocalText`] is what authors write wherever readers see text: a plain
//! string (the same in every language) or a map from language to string.
//! A [`Located`] value remembers where in which file it was written, so later
//! stages can point at it.

pub mod decode;
pub mod phrases;

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// Text shown to readers, the same in every language or given per language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum LocalText {
    /// One string for every language.
    Same(String),
    /// One string per language.
    Per(BTreeMap<Lang, String>),
}

impl LocalText {
    /// The text in `lang`, if there is one.
    pub fn get(&self, lang: Lang) -> Option<&str> {
        match self {
            LocalText::Same(s) => Some(s),
            LocalText::Per(m) => m.get(&lang).map(String::as_str),
        }
    }

    /// The text in `lang`, or in any language as a fallback (never fails on valid input).
    pub fn get_or_any(&self, lang: Lang) -> &str {
        match self {
            LocalText::Same(s) => s,
            LocalText::Per(m) => m.get(&lang).or_else(|| m.values().next()).map(String::as_str).unwrap_or(""),
        }
    }

    /// The languages of `langs` that this text lacks.
    pub fn missing(&self, langs: &[Lang]) -> Vec<Lang> {
        langs.iter().copied().filter(|l| self.get(*l).is_none()).collect()
    }
}

impl<'de> Deserialize<'de> for LocalText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = LocalText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, or a map of languages to strings like {ja: …, en: …}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<LocalText, E> {
                Ok(LocalText::Same(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<LocalText, E> {
                Ok(LocalText::Same(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<LocalText, E> {
                Ok(LocalText::Same(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<LocalText, E> {
                Ok(LocalText::Same(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<LocalText, E> {
                Ok(LocalText::Same(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<LocalText, A::Error> {
                let mut out = BTreeMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    let lang = Lang::from_code(&key)
                        .ok_or_else(|| de::Error::custom(format!("unknown language `{key}` in localised text, expected `ja` or `en`")))?;
                    let value: String = map.next_value()?;
                    if out.insert(lang, value).is_some() {
                        return Err(de::Error::custom(format!("language `{key}` given twice")));
                    }
                }
                Ok(LocalText::Per(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// A value with the file position it was written at (1-based line and column).
/// It serialises as the value alone (`data/site.json` shows ids, not positions).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
}

impl<T: Serialize> Serialize for Located<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

impl<T> Located<T> {
    /// A value at a position.
    pub fn new(value: T, line: usize, column: usize) -> Self {
        Located { value, line, column }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_string_serves_every_language() {
        let t: LocalText = serde_json::from_str("\"AMED\"").unwrap();
        assert_eq!(t.get(Lang::Ja), Some("AMED"));
        assert_eq!(t.get(Lang::En), Some("AMED"));
    }

    #[test]
    fn a_map_may_lack_a_language() {
        let t: LocalText = serde_json::from_str(r#"{"ja": "がん"}"#).unwrap();
        assert_eq!(t.missing(&Lang::ALL), vec![Lang::En]);
        assert_eq!(t.get_or_any(Lang::En), "がん");
    }

    #[test]
    fn unknown_language_is_an_error() {
        assert!(serde_json::from_str::<LocalText>(r#"{"fr": "x"}"#).is_err());
    }
}
