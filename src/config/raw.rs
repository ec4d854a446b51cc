//! `site.yaml` exactly as written.
//!
//! Every struct denies unknown fields, so a typo is an error with a
//! suggestion. Maps keep the order the author wrote them in, because that
//! order is the order of menus and lists.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_saphyr::Spanned;

use crate::lang::Lang;
use crate::text::LocalText;

/// The whole of `site.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    pub title: LocalText,
    #[serde(default)]
    pub description: Option<LocalText>,
    pub base_url: Spanned<String>,
    #[serde(default)]
    pub default_language: Option<Lang>,
    #[serde(default)]
    pub languages: Option<Vec<Lang>>,
    #[serde(default)]
    pub theme: Option<String>,
    #[serde(default)]
    pub kinds: Option<OrderedMap<RawKind>>,
    #[serde(default)]
    pub periods: OrderedMap<RawPeriod>,
    #[serde(default)]
    pub facets: OrderedMap<RawFacet>,
    #[serde(default)]
    pub glossary: RawGlossaryConfig,
    #[serde(default)]
    pub markdown: RawMarkdownConfig,
    #[serde(default)]
    pub pagination: Option<usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawKind {
    pub folder: Spanned<String>,
    pub label: LocalText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPeriod {
    #[serde(default)]
    pub from: Option<i32>,
    #[serde(default)]
    pub to: Option<i32>,
    pub label: LocalText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFacet {
    pub label: LocalText,
    #[serde(default)]
    pub values: OrderedMap<RawFacetValue>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFacetValue {
    pub label: LocalText,
    #[serde(default)]
    pub short: Option<LocalText>,
    #[serde(default)]
    pub description: Option<LocalText>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGlossaryConfig {
    #[serde(default)]
    pub ignore: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMarkdownConfig {
    #[serde(default)]
    pub safe_html: bool,
}

/// A YAML map whose keys keep their order and their positions.
#[derive(Debug)]
pub struct OrderedMap<V>(pub Vec<(Spanned<String>, V)>);

impl<V> Default for OrderedMap<V> {
    fn default() -> Self {
        OrderedMap(Vec::new())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Vis<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for Vis<V> {
            type Value = OrderedMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(k) = map.next_key::<Spanned<String>>()? {
                    let v = map.next_value()?;
                    out.push((k, v));
                }
                Ok(OrderedMap(out))
            }
        }
        d.deserialize_map(Vis(PhantomData))
    }
}
