//! Tests of reference resolution, through [`render`](super::super::render)
//! with the test site's resolver.

use super::*;
use crate::markdown::test_support::{render_at, render_ja};
use crate::markdown::{RefUse, Rendered};

fn plain(md: &str) -> Rendered {
    render_at(md, 1, false)
}

#[test]
fn page_reference_uses_the_target_title_escaped() {
    let out = plain("See [[en-only]].");
    assert!(out.html.contains(r#"<a href="../en-only/" hreflang="en">English &lt;only&gt;</a>"#), "{}", out.html);
}

#[test]
fn reference_to_other_language_page_gets_hreflang_and_note() {
    let out = plain("[[en-only]]");
    assert!(out.html.contains(r#"</a><span class="ref-lang">（英語のみ）</span>"#), "{}", out.html);
}

#[test]
fn reference_with_own_text_keeps_it_and_its_markup() {
    let out = plain("[[b-cure|the **program**]]");
    assert!(out.html.contains(r#"<a href="../b-cure/">the <strong>program</strong></a>"#), "{}", out.html);
}

#[test]
fn reference_with_anchor_appends_it_and_records_it() {
    let out = plain("x\n\n  [[b-cure#予算]]");
    assert!(out.html.contains(r##"<a href="../b-cure/#予算">B-cure</a>"##), "{}", out.html);
    assert_eq!(out.refs, vec![RefUse { page_id: "b-cure".into(), anchor: Some("予算".into()), line: 3, column: 3 }]);
}

#[test]
fn empty_own_text_falls_back_to_the_title() {
    assert!(plain("[[b-cure|]]").html.contains(">B-cure</a>"));
}

#[test]
fn unknown_reference_is_an_error_at_its_position_and_shown_as_written() {
    let out = render_at("text\n日本 [[nope|x]]", 10, false);
    assert_eq!(out.problems.len(), 1);
    let p = &out.problems[0];
    assert_eq!((p.severity, p.line, p.column), (Severity::Error, 11, 4));
    assert_eq!(p.message, "unknown page `nope`");
    assert!(out.html.contains("日本 [[nope|x]]"), "{}", out.html);
    assert!(out.refs.is_empty());
}

#[test]
fn reference_without_id_is_an_error() {
    for md in ["[[#x]]", "[[ ]]", "[[glossary:]]"] {
        let out = plain(md);
        assert_eq!(out.problems.len(), 1, "{md}");
        assert_eq!(out.problems[0].severity, Severity::Error);
    }
}

#[test]
fn reference_in_a_table_cell_with_escaped_pipe_resolves() {
    let out = plain("| a |\n|---|\n| [[b-cure\\|text]] |");
    assert!(out.html.contains(r#"<a href="../b-cure/">text</a>"#), "{}", out.html);
    assert!(out.problems.is_empty(), "{:?}", out.problems);
}

#[test]
fn references_in_code_are_not_references() {
    let out = plain("`[[nope]]`\n\n```\n[[nope]]\n```");
    assert!(out.problems.is_empty());
    assert!(out.html.contains("<code>[[nope]]</code>"));
}

#[test]
fn glossary_reference_links_the_term_and_counts_as_used() {
    let out = render_ja("[[glossary:amed]]");
    assert!(
        out.html.contains(
            r#"<a class="term" href="../../glossary/#amed"><abbr title="Japan Agency for Medical Research and Development">AMED</abbr></a>"#
        ),
        "{}",
        out.html
    );
    assert_eq!(out.terms, vec!["amed".to_string()]);
    assert!(out.refs.is_empty());
}

#[test]
fn glossary_reference_counts_as_used_even_without_markup() {
    assert_eq!(plain("[[glossary:pd|the PD]]").terms, vec!["pd".to_string()]);
}

#[test]
fn relative_markdown_link_resolves_to_the_built_url() {
    let out = plain("[B-cure](../programs/b-cure.ja.md#目的 \"t\")");
    assert!(out.html.contains(r##"<a href="../b-cure/#目的" title="t">B-cure</a>"##), "{}", out.html);
    assert_eq!(out.refs[0].page_id, "b-cure");
    assert_eq!(out.refs[0].anchor.as_deref(), Some("目的"));
}

#[test]
fn unknown_markdown_file_is_an_error_and_keeps_the_text() {
    let out = plain("see [the *old* page](old.md)");
    assert_eq!(out.problems[0].message, "unknown file `old.md`");
    assert_eq!((out.problems[0].line, out.problems[0].column), (1, 5));
    assert!(out.html.contains("see the <em>old</em> page"), "{}", out.html);
}

#[test]
fn other_links_are_untouched() {
    let md = "[a](https://x.org/a.md) [b](#main) [c](mailto:a@b.jp) [d](file.pdf) [e](/abs.md) <https://x.org>";
    let out = plain(md);
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    assert!(out.html.contains(r#"<a href="https://x.org/a.md">a</a>"#));
    assert!(out.html.contains(r#"<a href="file.pdf">d</a>"#));
    assert!(out.html.contains(r#"<a href="/abs.md">e</a>"#));
}

#[test]
fn image_embeds_are_a_warning_and_shown_as_written() {
    let out = plain("![[b-cure]]");
    assert_eq!(out.problems[0].severity, Severity::Warning);
    assert!(out.html.contains("![[b-cure]]"));
}

#[test]
fn content_file_links_are_recognised() {
    assert!(is_content_file_link("a.md"));
    assert!(is_content_file_link("../x/b.ja.md#top"));
    assert!(!is_content_file_link("https://x.org/a.md"));
    assert!(!is_content_file_link("a.md.pdf"));
    assert!(!is_content_file_link("#a.md"));
    assert!(!is_content_file_link(""));
}

#[test]
fn references_parse_ids_anchors_and_glossary() {
    assert_eq!(parse_reference(" b-cure # top "), Ok(Reference::Page { id: "b-cure".into(), anchor: Some("top".into()) }));
    assert_eq!(parse_reference("b-cure#"), Ok(Reference::Page { id: "b-cure".into(), anchor: None }));
    assert_eq!(parse_reference("glossary: amed"), Ok(Reference::Glossary { id: "amed".into() }));
}

/// Counts the questions it is asked, answering as the test site does.
struct Counting(std::sync::atomic::AtomicUsize);

impl LinkResolver for Counting {
    fn resolve_reference(&self, target: &Reference) -> Result<ResolvedLink, String> {
        self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        crate::markdown::test_support::TestResolver.resolve_reference(target)
    }
    fn resolve_file_link(&self, dest: &str) -> Result<ResolvedLink, String> {
        crate::markdown::test_support::TestResolver.resolve_file_link(dest)
    }
    fn glossary_href(&self, entry_id: &str) -> String {
        crate::markdown::test_support::TestResolver.glossary_href(entry_id)
    }
}

#[test]
fn each_distinct_reference_is_resolved_once_and_every_use_is_recorded() {
    let counting = Counting(std::sync::atomic::AtomicUsize::new(0));
    let opts = crate::markdown::Options {
        lang: crate::lang::Lang::Ja,
        highlighter: crate::markdown::test_support::highlighter(),
        links: &counting,
        terms: None,
        first_line: 1,
        safe_html: false,
        remote_images: false,
        labels: &crate::markdown::Labels::new(crate::markdown::test_support::theme(), crate::lang::Lang::Ja),
        check_raw_html: false,
    };
    let md = "[[b-cure]] [[b-cure]] [[b-cure#予算]]\n\n[[nowhere]] [[b-cure]] [[nowhere]]";
    let out = crate::markdown::render(md, &opts);
    assert_eq!(counting.0.load(std::sync::atomic::Ordering::Relaxed), 3, "b-cure, b-cure#予算, nowhere");
    assert_eq!(out.refs.len(), 4);
    assert_eq!(out.refs[2].anchor.as_deref(), Some("予算"));
    let columns: Vec<usize> = out.problems.iter().map(|p| p.column).collect();
    assert_eq!(columns, vec![1, 24], "{:?}", out.problems);
    assert_eq!(out.html.matches(r#"<a href="../b-cure/">B-cure</a>"#).count(), 3, "{}", out.html);
    assert_eq!(out.html.matches("[[nowhere]]").count(), 2, "{}", out.html);
}
