//! YAML parsing with positions in the file.
//!
//! Wraps serde-saphyr with the options tebiki wants (strict booleans, no
//! duplicate keys) and turns its errors into [`Diagnostic`]s whose lines are
//! lines of the whole file, also for front matter that starts below line 1.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::Spanned;

use crate::diagnostic::Diagnostic;
use crate::suggest;
use crate::text::Located;

/// Parses `src`, a YAML fragment whose first line is line `first_line` of `file`.
pub fn parse<T: DeserializeOwned>(src: &str, file: &Path, first_line: usize) -> Result<T, Diagnostic> {
    let mut options = serde_saphyr::options::Options::default();
    options.strict_booleans = true;
    options.with_snippet = false;
    serde_saphyr::from_str_with_options(src, options).map_err(|e| {
        let (line, column) = e.location().map(|l| (l.line() as usize, l.column() as usize)).unwrap_or((0, 0));
        let full = e.to_string();
        let message = strip_location(&full);
        let (message, help) = match wrong_type(message) {
            Some((what, help)) => match field_at(src, line, column) {
                Some(field) => (format!("`{field}` must be {what}"), Some(help)),
                None => (format!("expected {what}"), Some(help)),
            },
            None => explain(message),
        };
        // A tab is reported after it; point at the tab itself.
        let column = match src.lines().nth(line.saturating_sub(1)).and_then(|l| l.chars().nth(column.saturating_sub(2))) {
            Some('\t') if message.contains("tab") => column - 1,
            _ => column,
        };
        let line = if line == 0 { first_line } else { line + first_line - 1 };
        Diagnostic::error(file, line, column, message).with_help_opt(help)
    })
}

/// Converts a spanned value of a fragment starting at `first_line` to a file-located one.
pub fn located<T: Clone>(s: &Spanned<T>, first_line: usize) -> Located<T> {
    let loc = s.referenced;
    Located::new(s.value.clone(), loc.line() as usize + first_line - 1, loc.column() as usize)
}

fn strip_location(msg: &str) -> &str {
    match msg.rfind(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    }
}

/// A type mismatch in words an author knows, with a hint; `None` for other errors.
fn wrong_type(message: &str) -> Option<(String, String)> {
    let (what, help) = match message {
        "invalid u8" | "invalid u16" | "invalid u32" | "invalid u64" | "invalid usize" => {
            ("a whole number (0 or more)", "write digits only, such as `3`")
        }
        "invalid i8" | "invalid i16" | "invalid i32" | "invalid i64" | "invalid isize" => {
            ("a whole number", "write digits only, such as `2025`")
        }
        "invalid f32" | "invalid f64" => ("a number", "write a number, such as `7.9`"),
        "expected sequence start" => ("a list", "write a list in brackets, such as `[a, b]`, or one `- item` per line"),
        "expected string scalar" => {
            ("a text value", "write the text after the colon; put it in quotes if it starts with `[`, `{`, `*` or `&`")
        }
        "expected mapping start" => {
            ("a map of fields", "write the fields in braces, such as `{ja: …, en: …}`, or indented on the lines below")
        }
        _ => return None,
    };
    Some((what.to_string(), help.to_string()))
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

/// Rewrites serde's messages into what an author needs, with a hint.
fn explain(message: &str) -> (String, Option<String>) {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        if let Some((name, expected)) = rest.split_once("`, expected one of ") {
            let candidates: Vec<&str> = expected.split(", ").map(|s| s.trim_matches('`')).collect();
            let help = suggest::did_you_mean(name, candidates.iter().copied())
                .unwrap_or_else(|| format!("valid fields: {}", candidates.join(", ")));
            return (format!("unknown field `{name}`"), Some(help));
        }
        if let Some((name, expected)) = rest.split_once("`, expected `") {
            let candidate = expected.trim_end_matches('`');
            return (format!("unknown field `{name}`"), Some(format!("the only valid field here is `{candidate}`")));
        }
    }
    if let Some(rest) = message.strip_prefix("unknown variant `")
        && let Some((name, expected)) = rest.split_once("`, expected ")
    {
        let candidates: Vec<&str> = expected
            .trim_start_matches("one of ")
            .split([',', ' '])
            .map(|s| s.trim_matches('`'))
            .filter(|s| !s.is_empty() && *s != "or")
            .collect();
        let help = suggest::did_you_mean(name, candidates.iter().copied())
            .unwrap_or_else(|| format!("expected one of: {}", candidates.join(", ")));
        return (format!("unknown value `{name}`"), Some(help));
    }
    if message.contains("illegal placement of ':'") || message.contains("mapping values are not allowed") {
        return (
            message.to_string(),
            Some("a `: ` inside an unquoted value starts a new key; put the whole value in quotes: summary: \"目的: …\"".into()),
        );
    }
    if message.starts_with("unknown language `") {
        return (
            message.to_string(),
            Some(
                "a comma inside an unquoted value in `{ja: …, en: …}` starts a new key; put the value in quotes: en: \"A, B and C\"".into(),
            ),
        );
    }
    if message.contains("found a tab") || message.contains("tabs disallowed") {
        return (message.to_string(), Some("YAML indents with spaces only; replace the tab with spaces".into()));
    }
    if message.contains("quoted scalar") {
        return (
            message.to_string(),
            Some("a quoted value runs until its closing quote; check that every quote opened on this line or above is closed".into()),
        );
    }
    if message.starts_with("invalid boolean") {
        return (message.to_string(), Some("write `true` or `false`".into()));
    }
    if message.starts_with("duplicate mapping key") {
        let msg = message.split(", set DuplicateKeyPolicy").next().unwrap_or(message);
        return (msg.to_string(), Some("each key may appear once; remove one of them".into()));
    }
    (message.to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        title: String,
        #[serde(default)]
        draft: bool,
    }

    #[test]
    fn unknown_field_suggests_the_nearest() {
        let e = parse::<T>("title: x\ntitel: y\n", Path::new("a.md"), 2).unwrap_err();
        assert_eq!(e.message, "unknown field `titel`");
        assert_eq!(e.help.as_deref(), Some("did you mean `title`?"));
        assert_eq!((e.line, e.column), (3, 1));
    }

    #[test]
    fn syntax_error_line_is_a_file_line() {
        let e = parse::<T>("title: [\n", Path::new("a.md"), 5).unwrap_err();
        assert_eq!(e.line, 5);
    }

    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Typed {
        number: Option<u32>,
        tags: Option<Vec<String>>,
        items: Option<Vec<Item>>,
    }

    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Item {
        fy: i32,
    }

    #[test]
    fn a_wrong_type_names_the_field_and_what_it_must_be() {
        let e = parse::<Typed>("number: abc\n", Path::new("a.md"), 2).unwrap_err();
        assert_eq!(e.message, "`number` must be a whole number (0 or more)");
        assert_eq!((e.line, e.column), (2, 9));
        let e = parse::<Typed>("tags: mhlw\n", Path::new("a.md"), 1).unwrap_err();
        assert_eq!(e.message, "`tags` must be a list");
        let e = parse::<Typed>("items:\n  - {fy: x}\n", Path::new("a.md"), 1).unwrap_err();
        assert_eq!(e.message, "`fy` must be a whole number");
    }

    #[test]
    fn a_tab_gets_a_hint() {
        let e = parse::<Typed>("items:\n\t- {fy: 1}\n", Path::new("a.md"), 1).unwrap_err();
        assert!(e.help.as_deref().is_some_and(|h| h.contains("spaces")), "{e:?}");
        assert_eq!((e.line, e.column), (2, 1));
    }

    #[test]
    fn yes_is_not_a_boolean() {
        let e = parse::<T>("title: x\ndraft: yes\n", Path::new("a.md"), 1).unwrap_err();
        assert_eq!(e.help.as_deref(), Some("write `true` or `false`"));
    }
}
