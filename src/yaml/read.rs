//! Reading typed fields out of a [`Node`] tree, every problem reported.
//!
//! A [`Reader`] collects a [`Diagnostic`] for every unknown key (with the
//! nearest known one), every value of the wrong type and every missing
//! required field, and reading goes on: a field that cannot be read is left
//! out, so one mistake never hides another.

use std::collections::BTreeMap;
use std::path::Path;

use super::tree::{Node, Value};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::lang::Lang;
use crate::text::{LocalText, Located};

/// Where problems of one file go.
pub struct Reader<'d> {
    /// The file, relative to the site root.
    pub file: &'d Path,
    /// The problems found.
    pub diags: &'d mut Diagnostics,
}

/// What a value must be, for messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Want {
    /// Any scalar.
    Text,
    /// An integer of 0 or more.
    Count,
    /// An integer.
    Integer,
    /// `true` or `false`.
    Bool,
    /// A list.
    List,
    /// A map of fields.
    Map,
    /// Localised text.
    LocalText,
}

impl Want {
    /// What is expected, and how to write it.
    pub fn words(self) -> (&'static str, &'static str) {
        match self {
            Want::Text => ("a text value", "write the text after the colon; put it in quotes if it starts with `[`, `{`, `*` or `&`"),
            Want::Count => ("a whole number (0 or more)", "write digits only, such as `3`"),
            Want::Integer => ("a whole number", "write digits only, such as `2025`"),
            Want::Bool => ("`true` or `false`", "write `true` or `false` (`yes`, `no`, `on` and `off` are text in YAML 1.2)"),
            Want::List => ("a list", "write a list in brackets, such as `[a, b]`, or one `- item` per line"),
            Want::Map => ("a map of fields", "write the fields in braces, such as `{ja: …, en: …}`, or indented on the lines below"),
            Want::LocalText => {
                ("a text, or a text per language", "write one text for every language, or one per language such as `{ja: …, en: …}`")
            }
        }
    }
}

/// The known fields of a map, found.
pub struct Fields<'n, 'a> {
    at: (usize, usize),
    names: &'static [&'static str],
    slots: Vec<Option<&'n (Node<'a>, Node<'a>)>>,
    /// The nearest known name of each unknown key (reported already).
    meant: Vec<&'static str>,
}

impl<'n, 'a> Fields<'n, 'a> {
    fn slot(&self, name: &str) -> Option<&'n (Node<'a>, Node<'a>)> {
        let i = self.names.iter().position(|n| *n == name)?;
        self.slots[i]
    }

    /// The value of field `name`, unless it is absent or null.
    pub fn get(&self, name: &str) -> Option<&'n Node<'a>> {
        self.slot(name).map(|(_, v)| v).filter(|v| !v.is_null())
    }

    /// The key of field `name` where it is given (also with a null value).
    pub fn key(&self, name: &str) -> Option<&'n Node<'a>> {
        self.slot(name).map(|(k, _)| k)
    }

    /// The names of the fields given, with their keys, in the order of `names`.
    pub fn given(&self) -> impl Iterator<Item = (&'static str, &'n Node<'a>)> + '_ {
        self.names.iter().zip(&self.slots).filter_map(|(n, s)| s.map(|(k, _)| (*n, k)))
    }

    /// Line and column of the map.
    pub fn at(&self) -> (usize, usize) {
        self.at
    }

    /// Whether an unknown key was most likely meant to be `name` (a typo,
    /// reported already: a missing `name` is the same mistake).
    pub fn misspelt(&self, name: &str) -> bool {
        self.meant.contains(&name)
    }
}

impl Reader<'_> {
    /// Reports a problem at `node`.
    pub fn error(&mut self, node: &Node, message: impl Into<String>, help: impl Into<String>) {
        self.diags.push(Diagnostic::error(self.file, node.line, node.column, message).with_help(help));
    }

    /// Reports that `field` is not what it must be.
    pub fn wrong(&mut self, node: &Node, field: &str, want: Want) {
        let (what, help) = want.words();
        self.error(node, format!("`{field}` must be {what}"), help);
    }

    /// The fields of map `node` among `names`, reporting every other key.
    /// `None` (reported) when `node` is not a map; a null is an empty map.
    pub fn fields<'n, 'a>(&mut self, node: &'n Node<'a>, field: &str, names: &'static [&'static str]) -> Option<Fields<'n, 'a>> {
        let mut out = Fields { at: (node.line, node.column), names, slots: vec![None; names.len()], meant: Vec::new() };
        let entries = match &node.value {
            Value::Map(entries) => entries,
            _ if node.is_null() => return Some(out),
            _ => {
                self.wrong(node, field, Want::Map);
                return None;
            }
        };
        for entry in entries {
            let key = &entry.0;
            let Some(name) = key.text() else {
                self.error(key, "a key must be a plain name", "write `name: value`; lists and maps cannot be keys");
                continue;
            };
            match names.iter().position(|n| *n == name) {
                Some(i) => out.slots[i] = Some(entry),
                None => {
                    let near = crate::suggest::nearest(name, names.iter().copied());
                    out.meant.extend(near.first());
                    let help = crate::suggest::did_you_mean(name, names.iter().copied())
                        .unwrap_or_else(|| format!("valid fields: {}", names.join(", ")));
                    self.error(key, format!("unknown field `{name}`"), help);
                }
            }
        }
        Some(out)
    }

    /// Field `name` of `fields`; reports it missing (at the map) when it is
    /// absent or null, unless a misspelt key was meant to be it.
    pub fn required<'n, 'a>(&mut self, fields: &Fields<'n, 'a>, name: &str, message: &str, help: &str) -> Option<&'n Node<'a>> {
        let value = fields.get(name);
        if value.is_none() && !fields.misspelt(name) {
            let (line, column) = fields.at;
            self.diags.push(Diagnostic::error(self.file, line, column, message).with_help(help));
        }
        value
    }

    /// A scalar's text; `None` for null, reported when it is a list or map.
    pub fn text(&mut self, node: &Node, field: &str) -> Option<Located<String>> {
        match &node.value {
            Value::Scalar(..) => node.text().map(|t| Located::new(t.to_string(), node.line, node.column)),
            _ => {
                self.wrong(node, field, Want::Text);
                None
            }
        }
    }

    /// [`Reader::text`] of an optional field.
    pub fn opt_text(&mut self, node: Option<&Node>, field: &str) -> Option<Located<String>> {
        node.and_then(|n| self.text(n, field))
    }

    /// A whole number that fits `T`: `want` is [`Want::Count`] or [`Want::Integer`].
    pub fn int<T: TryFrom<i128>>(&mut self, node: &Node, field: &str, want: Want) -> Option<T> {
        let n = node.text().and_then(parse_int).and_then(|n| T::try_from(n).ok());
        if n.is_none() {
            self.wrong(node, field, want);
        }
        n
    }

    /// `true` or `false` (any case, quoted or not).
    pub fn bool(&mut self, node: &Node, field: &str) -> Option<bool> {
        match node.text() {
            Some(t) if t.eq_ignore_ascii_case("true") => Some(true),
            Some(t) if t.eq_ignore_ascii_case("false") => Some(false),
            _ => {
                self.wrong(node, field, Want::Bool);
                None
            }
        }
    }

    /// The items of a list; none for null, reported when it is not a list.
    pub fn list<'n, 'a>(&mut self, node: Option<&'n Node<'a>>, field: &str) -> &'n [Node<'a>] {
        match node.map(|n| (n, &n.value)) {
            Some((_, Value::Seq(items))) => items,
            Some((n, _)) if !n.is_null() => {
                self.wrong(n, field, Want::List);
                &[]
            }
            _ => &[],
        }
    }

    /// A list of texts, each with its position.
    pub fn texts(&mut self, node: Option<&Node>, field: &str) -> Vec<Located<String>> {
        let items = self.list(node, field);
        items.iter().filter_map(|item| self.item_text(item, field)).collect()
    }

    /// One text item of list `field`.
    pub fn item_text(&mut self, item: &Node, field: &str) -> Option<Located<String>> {
        match &item.value {
            Value::Scalar(..) => item.text().map(|t| Located::new(t.to_string(), item.line, item.column)),
            _ => {
                let (_, help) = Want::Text.words();
                self.error(item, format!("each item of `{field}` must be a text value"), help);
                None
            }
        }
    }

    /// Text shown to readers: one string, or a map of languages to strings.
    pub fn local_text(&mut self, node: &Node, field: &str) -> Option<LocalText> {
        match &node.value {
            Value::Scalar(..) => node.text().map(|t| LocalText::Same(t.to_string())),
            Value::Map(entries) => {
                let mut out = BTreeMap::new();
                for (k, v) in entries {
                    let code = k.text().unwrap_or_default();
                    let Some(lang) = Lang::from_code(code) else {
                        self.error(
                            k,
                            format!("unknown language `{code}` in `{field}`, expected `ja` or `en`"),
                            "a comma inside an unquoted value in `{ja: …, en: …}` starts a new key; put the value in quotes: en: \"A, B and C\"",
                        );
                        continue;
                    };
                    if let Some(t) = self.text(v, &format!("{field}.{code}")) {
                        out.insert(lang, t.value);
                    }
                }
                Some(LocalText::Per(out))
            }
            Value::Seq(_) => {
                self.wrong(node, field, Want::LocalText);
                None
            }
        }
    }

    /// [`Reader::local_text`] of an optional field.
    pub fn opt_local_text(&mut self, node: Option<&Node>, field: &str) -> Option<LocalText> {
        node.and_then(|n| self.local_text(n, field))
    }
}

/// A YAML integer: decimal with an optional sign, `0x…`, `0o…`; `_` between digits.
pub fn parse_int(text: &str) -> Option<i128> {
    let t = text.trim();
    let (negative, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let (radix, digits) = match t.get(..2) {
        Some("0x") => (16, &t[2..]),
        Some("0o") => (8, &t[2..]),
        _ => (10, t),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || !digits.bytes().all(|b| b == b'_' || (b as char).is_digit(radix))
    {
        return None;
    }
    let n = i128::from_str_radix(&digits.replace('_', ""), radix).ok()?;
    Some(if negative { -n } else { n })
}

/// Free fields (`extra`) as JSON: plain scalars typed as YAML 1.2 reads them.
pub fn json(node: &Node) -> serde_json::Value {
    use serde_json::Value as J;
    match &node.value {
        Value::Seq(items) => J::Array(items.iter().map(json).collect()),
        Value::Map(entries) => J::Object(entries.iter().map(|(k, v)| (k.text().unwrap_or_default().to_string(), json(v))).collect()),
        Value::Scalar(s, super::tree::Style::Quoted) => J::String(s.to_string()),
        Value::Scalar(_, _) if node.is_null() => J::Null,
        Value::Scalar(s, _) => {
            if let Some(b) = ["true", "false"].iter().position(|b| s.eq_ignore_ascii_case(b)) {
                return J::Bool(b == 0);
            }
            if let Some(n) = parse_int(s) {
                if let Ok(n) = i64::try_from(n) {
                    return J::from(n);
                }
                if let Ok(n) = u64::try_from(n) {
                    return J::from(n);
                }
            }
            let is_float = s.bytes().any(|b| b.is_ascii_digit()) && s.bytes().all(|b| b.is_ascii_digit() || b"+-.eE_".contains(&b));
            match s.replace('_', "").parse::<f64>().ok().filter(|f| is_float && f.is_finite()).and_then(serde_json::Number::from_f64) {
                Some(n) => J::Number(n),
                None => J::String(s.to_string()),
            }
        }
    }
}
