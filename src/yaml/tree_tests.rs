use super::*;

fn parse_all(src: &str) -> (Result<Option<Node<'_>>, Diagnostic>, Vec<Diagnostic>) {
    let mut d = Diagnostics::new();
    let root = parse(src, Path::new("a.yaml"), 1, &mut d);
    (root, d.sorted())
}

fn at(d: &Diagnostic) -> (usize, usize) {
    (d.line, d.column)
}

#[test]
fn keeps_scalars_as_written_with_positions() {
    let (root, d) = parse_all("a: 1.50\nb: \"x\"\nc:\n  - ~\n");
    assert!(d.is_empty());
    let Some(Node { value: Value::Map(entries), .. }) = root.unwrap() else { panic!("a map") };
    assert_eq!(entries[0].1.value, Value::Scalar("1.50".into(), Style::Plain));
    assert_eq!(entries[1].1.value, Value::Scalar("x".into(), Style::Quoted));
    assert_eq!((entries[1].1.line, entries[1].1.column), (2, 4));
    let Value::Seq(items) = &entries[2].1.value else { panic!("a list") };
    assert!(items[0].is_null() && !entries[1].1.is_null());
}

#[test]
fn reports_every_duplicate_key_and_keeps_the_first() {
    let (root, d) = parse_all("a: 1\nb: 2\na: 3\nb: 4\n");
    let lines: Vec<_> = d.iter().map(at).collect();
    assert_eq!(lines, [(3, 1), (4, 1)]);
    assert_eq!(d[0].message, "key `a` is given twice in this map");
    let Some(Node { value: Value::Map(entries), .. }) = root.unwrap() else { panic!("a map") };
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].1.text(), Some("1"));
    // Past the size where a hash map finds them.
    let many: String = (0..40).map(|i| format!("k{}: v\n", i % 30)).collect();
    assert_eq!(parse_all(&many).1.len(), 10);
}

#[test]
fn resolves_aliases_and_merge_keys() {
    let (root, d) = parse_all("base: &b {x: 1, y: 2}\nc:\n  <<: *b\n  y: 3\nd: *b\n");
    assert!(d.is_empty(), "{d:?}");
    let Some(Node { value: Value::Map(entries), .. }) = root.unwrap() else { panic!("a map") };
    let Value::Map(c) = &entries[1].1.value else { panic!("a map") };
    let c: Vec<(&str, &str)> = c.iter().map(|(k, v)| (k.text().unwrap(), v.text().unwrap())).collect();
    assert_eq!(c, [("y", "3"), ("x", "1")]);
    assert_eq!((entries[2].1.line, entries[2].1.column), (5, 4));
}

#[test]
fn stops_an_alias_bomb() {
    let mut yaml = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let p = i - 1;
        yaml.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
    }
    let e = parse_all(&yaml).0.unwrap_err();
    assert!(e.message.starts_with("the file holds more than 10000000 YAML values"), "{}", e.message);
}

#[test]
fn stops_deep_nesting() {
    let yaml = format!("{}{}", "[".repeat(100), "]".repeat(100));
    let e = parse_all(&yaml).0.unwrap_err();
    assert!(e.message.contains("nested"), "{}", e.message);
    assert!(e.help.is_some());
}

#[test]
fn stops_aliases_that_nest_deeper_than_the_limit() {
    let mut yaml = format!("a0: &a0 {}x{}\n", "[".repeat(60), "]".repeat(60));
    for i in 1..100 {
        yaml.push_str(&format!("a{i}: &a{i} {}*a{}{}\n", "[".repeat(60), i - 1, "]".repeat(60)));
    }
    let e = parse_all(&yaml).0.unwrap_err();
    assert_eq!(at(&e), (2, 69));
    assert!(e.message.contains("nested more than 64 levels"), "{}", e.message);
}

#[test]
fn merging_a_large_map_is_linear() {
    let base: String = (0..50_000).map(|i| format!("k{i}: {i}, ")).collect();
    let own: String = (0..50_000).map(|i| format!("j{i}: {i}, ")).collect();
    let yaml = format!("base: &b {{{base}}}\nm: {{<<: *b, {own}k0: own}}\n");
    let start = std::time::Instant::now();
    let (root, d) = parse_all(&yaml);
    assert!(d.is_empty(), "{:?}", d.first());
    let Some(Node { value: Value::Map(entries), .. }) = root.unwrap() else { panic!("a map") };
    let Value::Map(m) = &entries[1].1.value else { panic!("a map") };
    assert_eq!(m.len(), 100_000);
    assert!(start.elapsed() < std::time::Duration::from_secs(20), "{:?}", start.elapsed());
}

#[test]
fn rejects_control_characters_written_as_escapes_at_the_escape() {
    let (root, d) = parse_all("a: \"ok\\x01\"\nb: \"\\t\\n\\r fine\"\nc: \"x\\u0000y\\x7f\\\n  \\N\"\nd: '\\x01'\n");
    assert!(root.is_ok());
    let got: Vec<(usize, usize, &str)> = d.iter().map(|d| (d.line, d.column, d.message.as_str())).collect();
    assert_eq!(
        got,
        [
            (1, 7, "`\\x01` writes the control character U+0001, which a page cannot hold"),
            (3, 6, "`\\u0000` writes the control character U+0000, which a page cannot hold"),
            (3, 13, "`\\x7f` writes the control character U+007F, which a page cannot hold"),
            (4, 3, "`\\N` writes the control character U+0085, which a page cannot hold"),
        ]
    );
}

#[test]
fn a_raw_c1_control_character_is_refused() {
    // Decoding a file refuses it first, with its position.
    let e = parse_all("k\u{9b}: v\n").0.unwrap_err();
    assert_eq!(e.message, "`\\u{9b}` cannot start a value here");
}

#[test]
fn a_second_document_is_an_error() {
    let e = parse_all("a: 1\n---\nb: 2\n").0.unwrap_err();
    assert_eq!(at(&e), (2, 1));
}

#[test]
fn lines_start_at_the_fragment_s_first_line() {
    let mut d = Diagnostics::new();
    let root = parse("a: 1\nb: [x]\n", Path::new("p.md"), 5, &mut d).unwrap().unwrap();
    let Value::Map(entries) = &root.value else { panic!("a map") };
    assert_eq!((entries[1].1.line, entries[1].1.column), (6, 4));
    assert!(parse("", Path::new("p.md"), 5, &mut d).unwrap().is_none());
    assert!(parse("# note\n", Path::new("p.md"), 5, &mut d).unwrap().is_none());
}
