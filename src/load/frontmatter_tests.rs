use super::*;
use crate::text::decode::{bare_cr_warning, decode_text, position};

fn p() -> &'static Path {
    Path::new("x.md")
}

#[test]
fn splits_at_fences_with_lines() {
    let s = split("---\nid: a\n---\nbody\n", p()).unwrap();
    assert_eq!(s, Split { yaml: "id: a\n", yaml_line: 2, body: "body\n", body_line: 4 });
}

#[test]
fn unclosed_front_matter_is_reported() {
    assert_eq!(split("---\nid: a\n", p()).unwrap_err().message, "front matter is not closed");
}

#[test]
fn missing_front_matter_is_reported() {
    assert_eq!(split("# Title\n", p()).unwrap_err().message, "page has no front matter");
    assert_eq!(split("", p()).unwrap_err().message, "page has no front matter");
}

#[test]
fn bom_and_crlf_keep_line_numbers() {
    let t = decode_text("\u{feff}---\r\nid: a\r\n---\r\nx\r\n".as_bytes(), p()).unwrap();
    assert_eq!(t.bare_cr, None);
    assert_eq!(split(&t.text, p()).unwrap().body_line, 4);
}

#[test]
fn a_bare_cr_ends_a_line_as_in_yaml() {
    let t = decode_text(b"---\rid: a\r\ntitle: x\r---\rbody\r", p()).unwrap();
    assert_eq!(t.text, "---\nid: a\ntitle: x\n---\nbody\n");
    assert_eq!(t.bare_cr, Some((1, 4)));
    assert_eq!(split(&t.text, p()).unwrap().body_line, 5);
    assert_eq!(position("a\rb\r\nc\nd", 7), (4, 1));
    let w = bare_cr_warning(p(), t.bare_cr.unwrap());
    assert_eq!(w.message, "file uses bare CR line ends; save with LF");
}

fn read_all(yaml: &str) -> (RawFrontMatter, Vec<Diagnostic>) {
    let mut d = Diagnostics::new();
    let fm = read(yaml, p(), 2, &mut d).expect("readable");
    (fm, d.sorted())
}

#[test]
fn reads_every_field_with_positions() {
    let yaml = "id: a\ntitle: エー\nperiod: [2, 3]\nnumber: 4\nbudget:\n  - {fy: 2025, oku_yen: 6.0, scope: amed, shared_with: [b]}\nsources:\n  - {title: {ja: 資料, en: Paper}, url: https://e.org/}\ndraft: false\nextra: {n: 1, s: x}\n";
    let (fm, d) = read_all(yaml);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(fm.id, Some(Located::new("a".to_string(), 2, 5)));
    let periods: Vec<(&str, usize, usize)> = fm.period.iter().map(|p| (p.value.as_str(), p.line, p.column)).collect();
    assert_eq!(periods, [("2", 4, 10), ("3", 4, 13)]);
    assert_eq!(fm.number, Some(4));
    assert_eq!(fm.budget[0].oku_yen.to_string(), "6.0");
    assert_eq!((fm.budget[0].fy.value, fm.budget[0].fy.line), (2025, 7));
    assert_eq!(fm.sources[0].url.as_ref().map(|u| u.value.as_str()), Some("https://e.org/"));
    assert_eq!(fm.draft, Some(false));
    assert_eq!(fm.extra, Some(serde_json::json!({"n": 1, "s": "x"})));
    assert_eq!(fm.given.len(), 8);
}

#[test]
fn reports_every_problem_of_the_front_matter_at_once() {
    let yaml = "id: [a]\ntitel: x\nparnet: y\nnumber: abc\ndraft: yes\ntags: mhlw\nbudget:\n  - {fy: 97981, oku_yen: -1, scope: amd, extra: 1}\n  - {oku_yen: 1}\nsources:\n  - {url: x}\n";
    let (fm, d) = read_all(yaml);
    let got: Vec<(usize, usize, &str)> = d.iter().map(|d| (d.line, d.column, d.message.as_str())).collect();
    assert_eq!(
        got,
        [
            (2, 5, "`id` must be a text value"),
            (3, 1, "unknown field `titel`"),
            (4, 1, "unknown field `parnet`"),
            (5, 9, "`number` must be a whole number (0 or more)"),
            (6, 8, "`draft` must be `true` or `false`"),
            (7, 7, "`tags` must be a list"),
            (9, 10, "`fy` 97981 is not a fiscal year tebiki can show"),
            (9, 26, "`oku_yen` must be an amount in 億円, such as 200, 7.9 or 0.8"),
            (9, 37, "unknown scope `amd`"),
            (9, 42, "unknown field `extra`"),
            (10, 5, "budget line has no `fy`"),
            (10, 5, "budget line has no `scope`"),
            (12, 5, "source has no `title`"),
        ]
    );
    // `titel` is reported as a misspelt `title`, not also as a missing one.
    assert_eq!(fm.unreadable, ["id", "title"]);
    assert!(fm.budget.is_empty() && fm.sources.is_empty());
}

#[test]
fn a_front_matter_that_is_not_a_map_is_an_error() {
    let e = read("- a\n- b\n", p(), 2, &mut Diagnostics::new()).unwrap_err();
    assert_eq!((e.line, e.column), (2, 1));
    assert!(read("# only a comment\n", p(), 2, &mut Diagnostics::new()).is_ok());
}
