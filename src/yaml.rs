//! YAML parsing with positions in the file.
//!
//! Front matter, `glossary.yaml` and `site.yaml` are read as a [`tree::Node`]
//! tree ([`tree::parse`]) and then field by field ([`read::Reader`]), so every
//! problem of a file is reported at once, at its line and column in the whole
//! file (also for front matter that starts below line 1). [`parse`] reads
//! other YAML (a theme's UI strings) into a serde type with serde-saphyr,
//! after the tree has checked its syntax; [`explain`] puts serde-saphyr's
//! errors in an author's words.
//!
//! Limits: a file holds at most [`tree::MAX_NODES`] values and
//! [`tree::MAX_DEPTH`] levels of nesting; past them reading stops with an
//! error saying so.

pub mod read;
pub mod syntax;
pub mod tree;

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::budget::BudgetBreach;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::suggest;

/// Parses `src`, a YAML fragment whose first line is line `first_line` of `file`, into `T`.
pub fn parse<T: DeserializeOwned>(src: &str, file: &Path, first_line: usize) -> Result<T, Diagnostic> {
    // Syntax, duplicate keys, control characters and limits, in tebiki's words.
    let mut problems = Diagnostics::new();
    tree::parse(src, file, first_line, &mut problems)?;
    if let Some(first) = problems.sorted().into_iter().next() {
        return Err(first);
    }
    let mut options = serde_saphyr::options::Options::default();
    options.strict_booleans = true;
    options.with_snippet = false;
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = tree::MAX_NODES;
    budget.max_events = 2 * tree::MAX_NODES;
    budget.max_depth = tree::MAX_DEPTH;
    budget.max_total_scalar_bytes = usize::MAX;
    options.budget = Some(budget);
    serde_saphyr::from_str_with_options(src, options).map_err(|e| {
        let (line, column) = e.location().map(|l| (l.line() as usize, l.column() as usize)).unwrap_or((0, 0));
        let (message, help) = match wrong_type(&e) {
            Some((what, help)) => match field_at(src, line, column) {
                Some(field) => (format!("`{field}` must be {what}"), help.to_string()),
                None => (format!("expected {what}"), help.to_string()),
            },
            None => explain(&e),
        };
        let line = if line == 0 { first_line } else { line + first_line - 1 };
        Diagnostic::error(file, line, column, message).with_help(help)
    })
}

/// A type mismatch in words an author knows, with a hint; `None` for other errors.
fn wrong_type(e: &serde_saphyr::Error) -> Option<(&'static str, &'static str)> {
    use read::Want;
    use serde_saphyr::Error as E;
    let want = match e {
        E::InvalidScalar { ty, .. } if ty.starts_with('u') => Want::Count,
        E::InvalidScalar { ty, .. } if ty.starts_with('i') => Want::Integer,
        E::InvalidScalar { ty, .. } if ty.starts_with('f') => return Some(("a number", "write a number, such as `7.9`")),
        E::InvalidBooleanStrict { .. } => Want::Bool,
        E::Unexpected { expected, .. } if expected.contains("sequence") => Want::List,
        E::Unexpected { expected, .. } if expected.contains("mapping") => Want::Map,
        E::Unexpected { expected, .. } if expected.contains("string") || expected.contains("scalar") => Want::Text,
        E::NullIntoString { .. } | E::TaggedScalarCannotDeserializeIntoString { .. } => Want::Text,
        E::SerdeInvalidType { expected, .. } if expected.contains("string") => Want::Text,
        E::SerdeInvalidType { expected, .. } if expected.contains("sequence") => Want::List,
        E::SerdeInvalidType { expected, .. } if expected.contains("map") => Want::Map,
        E::WithSnippet { error, .. } | E::AliasError { error, .. } => return wrong_type(error),
        _ => return None,
    };
    Some(want.words())
}

/// The key whose value starts at `line`:`column` (1-based) of `src`, if the
/// text before it on that line is `key:` (also inside `{…}` or after `- `).
fn field_at(src: &str, line: usize, column: usize) -> Option<String> {
    let text = src.lines().nth(line.checked_sub(1)?)?;
    let before: String = text.chars().take(column.saturating_sub(1)).collect();
    let key = before.trim_end().strip_suffix(':')?;
    let key = key.rsplit(['{', ',', ' ', '-']).next()?.trim().trim_matches(['"', '\'']);
    (!key.is_empty()).then(|| key.to_string())
}

/// A serde-saphyr error in an author's words, with how to fix it.
pub fn explain(e: &serde_saphyr::Error) -> (String, String) {
    use serde_saphyr::Error as E;
    let unknown = |kind: &str, name: &str, expected: &[&str]| {
        let help = suggest::did_you_mean(name, expected.iter().copied())
            .unwrap_or_else(|| format!("expected one of: {}", expected.iter().map(|e| format!("`{e}`")).collect::<Vec<_>>().join(", ")));
        (format!("unknown {kind} `{name}`"), help)
    };
    match e {
        E::WithSnippet { error, .. } | E::AliasError { error, .. } => explain(error),
        E::SerdeUnknownField { field, expected, .. } => unknown("field", field, expected),
        E::SerdeUnknownVariant { variant, expected, .. } => unknown("value", variant, expected),
        E::SerdeMissingField { field, .. } => (format!("missing required field `{field}`"), format!("add `{field}: …`")),
        E::DuplicateMappingKey { key, .. } => (
            format!("key `{}` is given twice in this map", key.as_deref().unwrap_or("?")),
            "each key may appear once; remove one of them".into(),
        ),
        E::NonFiniteFloat { value, .. } => {
            (format!("`{value}` is not a number tebiki accepts"), "write a finite number, such as `7.9`; quote it if it is text".into())
        }
        E::Budget { breach, .. } => (limit(breach), "split the file, or repeat fewer large values with aliases (`*name`)".into()),
        E::SerdeInvalidValue { unexpected, expected, .. } | E::SerdeInvalidType { unexpected, expected, .. } => {
            (format!("{unexpected} is not valid here: expected {expected}"), "check the value against the fields around it".into())
        }
        E::SerdeInvalidLength { len, expected, .. } => {
            (format!("a list of {len} items is not valid here: expected {expected}"), "check the number of items".into())
        }
        E::MergeValueNotMapOrSeqOfMaps { .. } | E::MergeKeyNotAllowed { .. } => (
            "the value of `<<` must be a map, or a list of maps".into(),
            "`<<: *name` merges the fields of the map anchored `&name` into this one".into(),
        ),
        E::UnknownAnchor { .. } => ("this alias (`*name`) names no anchor (`&name`) above it".into(), "define the anchor first".into()),
        E::Eof { .. } => ("the YAML ends in the middle of a value".into(), "check the last lines for an unclosed quote or bracket".into()),
        E::MultipleDocuments { .. } => {
            ("a `---` or `...` line ends the YAML here, but more follows".into(), "a file holds one YAML document; remove the line".into())
        }
        E::InvalidUtf8Input => ("the file is not valid UTF-8".into(), "save it as UTF-8".into()),
        E::Message { msg, .. } => message(msg),
        other => {
            let text = other.to_string();
            let text = text.rsplit_once(" at line ").map_or(text.as_str(), |(m, _)| m);
            (format!("this YAML cannot be read: {text}"), "check this line against the lines around it".into())
        }
    }
}

/// A custom message of a type's deserializer, with a hint for the known ones.
fn message(msg: &str) -> (String, String) {
    if msg.starts_with("unknown language `") {
        return (
            msg.to_string(),
            "a comma inside an unquoted value in `{ja: …, en: …}` starts a new key; put the value in quotes: en: \"A, B and C\"".into(),
        );
    }
    (msg.to_string(), "check the value against the fields around it".into())
}

/// A breached limit of serde-saphyr, in words.
fn limit(breach: &BudgetBreach) -> String {
    let what = match breach {
        BudgetBreach::Nodes { .. } | BudgetBreach::Events { .. } => format!("more than {} values", tree::MAX_NODES),
        BudgetBreach::Depth { .. } => format!("lists and maps nested more than {} levels deep", tree::MAX_DEPTH),
        BudgetBreach::Aliases { .. } | BudgetBreach::Anchors { .. } => "too many anchors or aliases".to_string(),
        _ => "too much to read".to_string(),
    };
    format!("the file holds {what}; tebiki stops here to protect against hostile files")
}

#[cfg(test)]
#[path = "yaml/tests.rs"]
mod tests;
