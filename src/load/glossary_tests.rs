use super::*;

fn config() -> Config {
    crate::config::from_yaml("title: T\nbase_url: https://e.org/\n").expect("valid")
}

fn problems(yaml: &str) -> Vec<(usize, usize, String)> {
    let mut d = Diagnostics::new();
    let root = tree::parse(yaml, Path::new(GLOSSARY_FILE), 1, &mut d).expect("parses");
    let raw = read(root.as_ref(), Path::new(GLOSSARY_FILE), &config(), &mut d);
    check(raw, Path::new(GLOSSARY_FILE), &config(), &mut d);
    d.sorted().into_iter().filter(|d| d.severity == crate::diagnostic::Severity::Error).map(|d| (d.line, d.column, d.message)).collect()
}

const DEF: &str = "ja: {definition: 定義}\n  en: {definition: A definition}\n  reading: よみ";

#[test]
fn reports_every_problem_of_every_entry() {
    let yaml = format!(
        "- id: a\n  term: AA\n  {DEF}\n  aliases: [' ', '', x, ' B ']\n- id: B_\n  term: BB\n  {DEF}\n- id: c\n  trem: CC\n  {DEF}\n  see: d\n- term: DD\n  {DEF}\n"
    );
    let got = problems(&yaml);
    let messages: Vec<&str> = got.iter().map(|(_, _, m)| m.as_str()).collect();
    assert_eq!(
        messages,
        [
            "term or alias ` ` is empty",
            "term or alias `` is empty",
            "term or alias `x` is a single character, which would be marked inside other words",
            "term or alias ` B ` starts or ends with white space",
            "glossary id `B_` is not a lowercase slug",
            "glossary entry `c` has no term for `en`",
            "glossary entry `c` has no term for `ja`",
            "unknown field `trem`",
            "`see` must be a list",
            "glossary entry has no `id`",
        ]
    );
    assert_eq!(got.len(), 10, "{got:?}");
    assert_eq!((got[0].0, got[0].1), (6, 13));
}

fn glossary_of(n: usize) -> String {
    let mut yaml = String::new();
    for i in 0..n {
        yaml.push_str(&format!(
            "- id: e{i}\n  reading: よみ\n  ja: {{term: 用語{i}, expansion: 展開, definition: 定義。}}\n  en: {{term: term {i}, expansion: Expansion, definition: A definition.}}\n  aliases: [alias {i}]\n  see: [e{}]\n  page: p\n",
            (i + 1) % n
        ));
    }
    yaml
}

fn count(n: &Node) -> usize {
    match &n.value {
        Value::Scalar(..) => 1,
        Value::Seq(items) => 1 + items.iter().map(count).sum::<usize>(),
        Value::Map(entries) => 1 + entries.iter().map(|(k, v)| count(k) + count(v)).sum::<usize>(),
    }
}

#[test]
fn a_glossary_of_20000_entries_is_read() {
    let yaml = glossary_of(20_000);
    let mut d = Diagnostics::new();
    let root = tree::parse(&yaml, Path::new(GLOSSARY_FILE), 1, &mut d).expect("within the limits");
    let entries = check(read(root.as_ref(), Path::new(GLOSSARY_FILE), &config(), &mut d), Path::new(GLOSSARY_FILE), &config(), &mut d);
    assert!(d.is_empty(), "{:?}", d.sorted().first());
    assert_eq!(entries.len(), 20_000);
    // A glossary of 100,000 such entries has room three times over.
    let nodes = count(&root.expect("a list"));
    assert!(nodes * 5 * 3 < tree::MAX_NODES, "{nodes} values in 20,000 entries");
}
