//! Property tests of the functions the fuzz targets under `fuzz/` exercise:
//! front-matter decoding, splitting and parsing, the Markdown pipeline with
//! references and glossary markup, and loading a whole page. A few hundred
//! cases each, so they run with the normal test suite.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use proptest::prelude::*;
use tebiki::diagnostic::Diagnostics;
use tebiki::lang::Lang;
use tebiki::load::frontmatter;
use tebiki::markdown::{self, Highlighter, LinkResolver, Reference, ResolvedLink, Term, TermMatcher};

fn file() -> &'static Path {
    Path::new("content/policies/x.ja.md")
}

/// Text that looks like a page: fences, YAML-ish keys, Markdown, references,
/// HTML, Japanese, control characters and line ends of every kind.
fn pageish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("---\n".to_string()),
        Just("---\r\n".to_string()),
        Just("\u{feff}".to_string()),
        Just("id: a\n".to_string()),
        Just("title: 「タイトル」\n".to_string()),
        Just("period: [3, 2]\n".to_string()),
        Just("budget:\n  - {fy: 2025, oku_yen: 1.5, scope: amed}\n".to_string()),
        Just("sources: [{title: t, url: \"https://e.org/\"}]\n".to_string()),
        Just("\t- x\n".to_string()),
        Just(": : [ { ' \" & * ! | > %\n".to_string()),
        Just("[[a]] [[a#見出し|t]] [[glossary:amed]] [[]] [[|]] [[#]]".to_string()),
        Just("[x](../policies/a.ja.md#h) [y](javascript:alert(1)) ![](i.png)".to_string()),
        Just("<span onclick=x>AMED</span> <script>alert(1)</script> <div>\n".to_string()),
        Just("**「ゲノム」**の推進 PD PDF single IRB ＡＭＥＤ".to_string()),
        Just("# 見出し {#id}\n".to_string()),
        Just("```rust\nfn f() {}\n```\n".to_string()),
        Just("| a | b |\n|---|---|\n| 1 | 2 |\n".to_string()),
        Just("[^1]\n\n[^1]: note\n".to_string()),
        "[\\PC]{0,12}",
        "[\\x00-\\x7f]{0,8}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

/// Script elements and `on…` attributes in `html`, parsed as a browser
/// would: text, or an attribute value that merely contains the word (a
/// heading's slug such as `span-onclick`), is neither.
fn scripts_and_handlers(html: &str) -> Vec<String> {
    let fragment = scraper::Html::parse_fragment(html);
    let mut found = Vec::new();
    for element in fragment.root_element().descendent_elements() {
        let e = element.value();
        if e.name() == "script" {
            found.push("<script>".to_string());
        }
        found.extend(e.attrs().filter(|(name, _)| name.starts_with("on")).map(|(name, v)| format!("{name}={v}")));
    }
    found
}

#[test]
fn the_handler_check_sees_handlers_and_not_slugs() {
    assert_eq!(scripts_and_handlers(r#"<h2 id="span-onclickx">&lt;span onclick=x&gt;</h2>"#), Vec::<String>::new());
    assert_eq!(scripts_and_handlers(r#"<p><span onclick="x">a</span><script>1</script></p>"#), ["onclick=x", "<script>"]);
}

#[test]
fn a_setext_heading_of_raw_html_keeps_no_handler_when_html_is_made_safe() {
    // Found by `markdown_renders_anything_with_problems_inside_the_body`.
    let md =
        "\\<span onclick=x>AMED</span> <script>alert(1)</script> <div>\n<span onclick=x>AMED</span> <script>alert(1)</script> <div>\n---\n";
    let opts = markdown::Options {
        lang: Lang::Ja,
        highlighter: highlighter(),
        links: &Resolver,
        terms: None,
        first_line: 1,
        safe_html: true,
        remote_images: false,
        labels: &markdown::Labels::new(&tebiki::theme::Theme::default(), Lang::Ja),
        check_raw_html: false,
    };
    let html = markdown::render(md, &opts).html;
    assert!(html.starts_with("<h2"), "{html}");
    assert_eq!(scripts_and_handlers(&html), Vec::<String>::new(), "{html}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn decode_accepts_or_locates_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        match tebiki::text::decode::decode(&bytes, file()) {
            Ok(text) => {
                prop_assert!(!text.contains("\r\n"));
                prop_assert!(!text.starts_with('\u{feff}'), "a byte-order mark is left");
            }
            Err(d) => {
                // CRLF, a bare CR and LF each end a line, as in YAML and Markdown.
                let ends = bytes.iter().enumerate().filter(|(i, b)| **b == b'\n' || (**b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))).count();
                prop_assert!(d.line <= ends + 1, "line {} of {}", d.line, ends + 1);
            }
        }
    }

    #[test]
    fn split_finds_the_fences_and_counts_lines(yaml in "([a-z]{1,6}: [a-z0-9 ]{0,8}\n){0,6}", body in "[^\r]{0,60}") {
        let text = format!("---\n{yaml}---\n{body}");
        let s = frontmatter::split(&text, file()).unwrap();
        prop_assert_eq!(s.yaml, yaml.as_str());
        prop_assert_eq!(s.body, body.as_str());
        prop_assert_eq!(s.yaml_line, 2);
        prop_assert_eq!(s.body_line, yaml.lines().count() + 3);
    }

    #[test]
    fn front_matter_parses_or_points_inside_it(text in pageish()) {
        if let Ok(decoded) = tebiki::text::decode::decode(text.as_bytes(), file())
            && let Ok(split) = frontmatter::split(&decoded, file())
        {
            let mut diags = tebiki::diagnostic::Diagnostics::new();
            if let Err(d) = frontmatter::read(split.yaml, file(), split.yaml_line, &mut diags) {
                diags.push(d);
            }
            for d in diags.sorted() {
                prop_assert!(d.line == 0 || (d.line >= split.yaml_line && d.line < split.body_line.max(3)),
                    "line {} outside the front matter ({}..{}): {}", d.line, split.yaml_line, split.body_line, d.message);
            }
        }
    }

    #[test]
    fn markdown_renders_anything_with_problems_inside_the_body(md in pageish(), first_line in 1usize..40, flags in 0u8..16) {
        let opts = markdown::Options {
            lang: if flags & 1 == 0 { Lang::Ja } else { Lang::En },
            highlighter: highlighter(),
            links: &Resolver,
            terms: (flags & 2 == 0).then(matcher),
            first_line,
            safe_html: flags & 4 != 0,
            remote_images: flags & 8 != 0,
            labels: &markdown::Labels::new(&tebiki::theme::Theme::default(), Lang::Ja),
            check_raw_html: flags & 4 == 0,
        };
        let r = markdown::render(&md, &opts);
        let last = first_line + md.split('\n').count();
        for p in &r.problems {
            prop_assert!(p.line >= first_line && p.line <= last, "{p:?} outside {first_line}..{last}");
            prop_assert!(p.column >= 1);
        }
        if opts.safe_html {
            prop_assert!(scripts_and_handlers(&r.html).is_empty(), "a script or event handler survived: {}", r.html);
        }
        let again = markdown::render(&md, &opts);
        prop_assert_eq!(r.html, again.html);
    }
}

proptest! {
    // Each case loads, resolves and renders a small site: fewer cases.
    #![proptest_config(ProptestConfig { cases: 40, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_whole_page_loads_into_a_site_or_diagnostics(text in pageish()) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "site.yaml", "title: {ja: テスト, en: Test}\nbase_url: https://example.org/\nperiods:\n  \"3\": {from: 2025, to: 2029, label: 第3期}\n");
        write(root, "content/glossary.yaml", "- id: amed\n  term: AMED\n  reading: えーめど\n  ja: {expansion: 機構, definition: 機関。}\n  en: {expansion: Agency, definition: An agency.}\n");
        write(root, "content/policies/b.ja.md", "---\nid: b\ntitle: ビー\nparent: a\n---\n# 見出し\n[[a]]\n");
        write(root, "content/policies/a.en.md", "---\ntitle: A\n---\nAMED [[b#見出し]]\n");
        write(root, "content/policies/a.ja.md", &text);
        let config = tebiki::config::load_config(root).unwrap();
        let mut diags = Diagnostics::new();
        let theme = tebiki::theme::load_theme(&config, &mut diags);
        let (site, load_diags) = tebiki::load::load_site(config, tebiki::load::LoadOptions::default());
        diags.extend(load_diags.sorted());
        let (bodies, home) = tebiki::markdown::render_bodies(&site, &theme, highlighter());
        let ix = tebiki::resolve::resolve(&site, &bodies, &home, &mut diags);
        for d in diags.sorted() {
            prop_assert!(d.file.is_some(), "{d:?}");
        }
        if !diags.has_errors() {
            let jobs = tebiki::plan::plan(&site, &theme);
            let input = tebiki::render::Input { site: &site, ix: &ix, theme: &theme, bodies: &bodies, home: &home, highlighter: highlighter(), pdf: false };
            let sink = tebiki::plan::Collect::default();
            tebiki::render::render_outputs(&input, &jobs, &sink, &mut diags);
            prop_assert!(diags.has_errors() || sink.into_files().iter().any(|f| f.path == "ja/policies/b/index.html"));
        }
    }
}

fn write(root: &Path, rel: &str, text: &str) {
    let p: PathBuf = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

struct Resolver;

impl LinkResolver for Resolver {
    fn resolve_reference(&self, target: &Reference) -> Result<ResolvedLink, String> {
        match target {
            Reference::Page { id, .. } if id == "a" => Ok(link("a", true)),
            Reference::Glossary { id } if id == "amed" => Ok(link("amed", false)),
            _ => Err("unknown".into()),
        }
    }
    fn resolve_file_link(&self, dest: &str) -> Result<ResolvedLink, String> {
        if dest.starts_with("../policies/a.ja.md") { Ok(link("a", true)) } else { Err("unknown file".into()) }
    }
    fn glossary_href(&self, entry_id: &str) -> String {
        format!("../../glossary/index.html#{entry_id}")
    }
}

fn link(id: &str, page: bool) -> ResolvedLink {
    ResolvedLink {
        href: format!("../{id}/index.html"),
        title: format!("<{id}> \"&\""),
        page_id: page.then(|| id.to_string()),
        other_lang: None,
        note: None,
    }
}

fn matcher() -> &'static TermMatcher {
    static M: OnceLock<TermMatcher> = OnceLock::new();
    M.get_or_init(|| {
        let term = |id: &str, surfaces: &[&str], expansion: Option<&str>| Term {
            id: id.into(),
            surfaces: surfaces.iter().map(|s| s.to_string()).collect(),
            expansion: expansion.map(str::to_string),
            title: surfaces[0].into(),
            whole_word: false,
        };
        TermMatcher::new(vec![
            term("amed", &["AMED", "日本医療研究開発機構"], Some("Japan Agency \"for\" <R&D>")),
            term("pd", &["PD"], Some("Program Director")),
            term("irb", &["IRB"], None),
            term("single-irb", &["single IRB"], Some("single IRB")),
        ])
    })
}

fn highlighter() -> &'static Highlighter {
    static H: OnceLock<Highlighter> = OnceLock::new();
    H.get_or_init(Highlighter::new)
}
