use super::*;
use serde::Deserialize;
use std::collections::BTreeMap;

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
    assert_eq!((e.line, e.column), (5, 8));
    assert_eq!(e.message, "a list opened with `[` is not closed");
}

#[test]
fn ui_strings_that_are_not_text_name_the_key() {
    let e = parse::<BTreeMap<String, String>>("home: Home\nmenu: [a]\n", Path::new("en.yaml"), 1).unwrap_err();
    assert_eq!(e.message, "`menu` must be a text value");
    assert_eq!(e.line, 2);
}

#[test]
fn yes_is_not_a_boolean() {
    let e = parse::<T>("title: x\ndraft: yes\n", Path::new("a.md"), 1).unwrap_err();
    assert_eq!(e.message, "`draft` must be `true` or `false`");
}

#[test]
fn a_file_past_serde_saphyr_s_default_budget_is_within_the_limits() {
    // 260,000 values: serde-saphyr's default stops at 250,000.
    let yaml: String = (0..130_000).map(|i| format!("k{i}: v\n")).collect();
    let map = parse::<BTreeMap<String, String>>(&yaml, Path::new("en.yaml"), 1).unwrap();
    assert_eq!(map.len(), 130_000);
}

/// Inputs that reach each kind of problem a user can meet in a YAML file.
const BAD_INPUTS: [&str; 34] = [
    "a: [1, 2\n",
    "a: {x: 1\n",
    "a: 'x\n",
    "a: \"x\n",
    "a: b: c\n",
    "a:\n\t- x\n",
    "a: x\n\tb: y\n",
    "a: *nope\n",
    "a: !<x y\n",
    "%YAML 2.0\n---\na: 1\n",
    "a: 1\n%YAML 1.2\n---\nb: 2\n",
    "a: 1\n- b\n",
    "- a\nb: 1\n",
    "a: \"\\q\"\n",
    "a: 'x' y\n",
    "a: |0\n  x\n",
    "a: @x\n",
    "a: ]\n",
    "a: [1}\n",
    "a: &\n",
    "a: x\n# c\n  y\n",
    "a: 1\n...\nb: 2\n",
    "a:\n  - x\n - y\n",
    "a: 1\n\u{feff}b: 2\n",
    "a: \"\\ud800\"\n",
    "a: 1\na: 2\n",
    "a: \"\\x01\"\n",
    "b: &b {x: 1}\na: {<<: [1]}\n",
    "a: &x [*x]\n",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n",
    "a:\n  b\n c: 1\n",
    "a: `x`\n",
    "a: \"x\" y\n",
    "? a\n? b\n: c\n- d\n",
];

/// Raw library wording that must never reach an author.
const RAW: [&str; 14] = [
    "while scanning",
    "while parsing",
    "did not find expected",
    "budget",
    "(used",
    "policy",
    "Nodes",
    " at line ",
    " at char ",
    "EOF",
    "eof",
    "context",
    "scalar",
    "cannot be read here (",
];

fn assert_explained(input: &str, d: &Diagnostic) {
    assert!(!d.message.trim().is_empty(), "{input:?}: empty message");
    for raw in RAW {
        assert!(!d.message.contains(raw), "{input:?}: raw message {:?}", d.message);
    }
    assert!(!d.message.ends_with(['(', ',', ':', ' ']), "{input:?}: cut message {:?}", d.message);
    let help = d.help.as_deref().unwrap_or("");
    assert!(help.len() > 10, "{input:?}: no help for {:?}", d.message);
    for raw in RAW {
        assert!(!help.contains(raw), "{input:?}: raw help {help:?}");
    }
    assert!(d.line >= 1 && d.column >= 1, "{input:?}: no position for {:?}", d.message);
}

#[test]
fn every_yaml_problem_is_explained_in_a_whole_sentence_with_a_fix() {
    let mut seen = std::collections::BTreeSet::new();
    for input in BAD_INPUTS {
        let mut problems = Diagnostics::new();
        let found: Vec<Diagnostic> = match tree::parse(input, Path::new("a.yaml"), 1, &mut problems) {
            Err(d) => vec![d],
            Ok(_) => problems.sorted(),
        };
        assert!(!found.is_empty(), "{input:?}: no problem found");
        for d in &found {
            assert_explained(input, d);
            seen.insert(d.message.clone());
        }
    }
    // Different mistakes get different explanations, not one catch-all.
    assert!(seen.len() >= 25, "{seen:#?}");
}

#[derive(Deserialize, Debug)]
#[allow(dead_code)]
struct Typed {
    n: Option<u8>,
    f: Option<f64>,
    b: Option<bool>,
    s: Option<String>,
    v: Option<Vec<String>>,
    m: Option<BTreeMap<String, String>>,
    j: Option<serde_json::Value>,
}

#[test]
fn every_serde_saphyr_error_is_explained_in_a_whole_sentence_with_a_fix() {
    let inputs = ["n: 300\n", "n: -1\n", "j: .inf\n", "f: abc\n", "b: yes\n", "v: x\n", "v: [[a]]\n", "m: [a]\n", "s: [a]\n", "x: 1\n"];
    for input in inputs {
        let d = parse::<Typed>(input, Path::new("a.yaml"), 1).map(|_| ()).err();
        let d = d.unwrap_or_else(|| {
            assert_eq!(input, "x: 1\n", "{input:?} parsed");
            parse::<T>(input, Path::new("a.yaml"), 1).expect_err("an unknown field")
        });
        assert_explained(input, &d);
    }
    let d = parse::<T>("draft: true\n", Path::new("a.yaml"), 1).unwrap_err();
    assert_explained("draft: true", &d);
    assert_eq!(d.message, "missing required field `title`");
}
