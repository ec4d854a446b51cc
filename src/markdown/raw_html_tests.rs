use pulldown_cmark::Parser;

use super::*;

fn problems_with(md: &str, remote_images: bool) -> Vec<Problem> {
    let events: Vec<Spanned> = Parser::new_ext(md, super::super::parse_options()).into_offset_iter().collect();
    check(&events, &SourceMap::new(md, 1), remote_images, false)
}

fn problems(md: &str) -> Vec<Problem> {
    problems_with(md, false)
}

fn at(p: &Problem) -> (Severity, usize, usize) {
    (p.severity, p.line, p.column)
}

#[test]
fn an_unclosed_comment_block_is_a_warning_at_its_start() {
    let found = problems("# 概要\n\ntext\n\n<!-- 下書き\n\nmore text\n");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(at(&found[0]), (Severity::Warning, 5, 1));
    assert!(found[0].message.contains("`<!--` is never closed"), "{}", found[0].message);
    assert_eq!(found[0].help.as_deref(), Some("close the comment with `-->`"));
}

#[test]
fn closed_comments_and_ordinary_html_are_fine() {
    for md in [
        "<!-- note -->\n\ntext",
        "<!--\nnote\n-->\n\ntext",
        "a <!-- b --> c",
        "<div class=\"note\">\n\n**x**\n\n</div>",
        "<script>x</script>\n\n<pre>\na\n</pre>\n",
        "<details><summary>a</summary>\n\nb\n\n</details>",
        "a <span title=\"<!--\">b</span>",
        "`<!--` and `<script>` in code",
        "```html\n<!-- in a code block\n```",
    ] {
        assert!(problems(md).is_empty(), "{md:?}: {:?}", problems(md));
    }
}

#[test]
fn an_unclosed_comment_inside_another_block_is_found() {
    // The `<div>` block ends at the blank line; the comment in it never does.
    let found = problems("<div>\n<!-- a\n</div>\n\ntext");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].line, found[0].column), (2, 1));
}

#[test]
fn inline_raw_text_elements_left_open_are_found() {
    let found = problems("para <style>p {}\n\nnext");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].line, found[0].column), (1, 6));
    assert!(found[0].message.contains("`<style>` is never closed"), "{}", found[0].message);
    assert_eq!(found[0].help.as_deref(), Some("close it with `</style>`"));
}

#[test]
fn unclosed_script_style_and_textarea_blocks_are_found_once() {
    for (md, name) in [("<script>\nlet a;\n\ntext", "script"), ("<textarea>\n\n# h", "textarea"), ("<style>\np {}", "style")] {
        let found = problems(md);
        assert_eq!(found.len(), 1, "{md:?}: {found:?}");
        assert!(found[0].message.contains(&format!("`<{name}>` is never closed")), "{}", found[0].message);
    }
}

#[test]
fn a_pre_block_without_its_end_swallows_the_markdown_after_it() {
    let found = problems("text\n\n<pre>\ncode\n\n## 見出し\n");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(at(&found[0]), (Severity::Warning, 3, 1));
    assert!(found[0].message.contains("never closed with `</pre>`"), "{}", found[0].message);
}

#[test]
fn processing_instructions_and_cdata_blocks_need_their_ends() {
    assert!(problems("<?php echo 1;\n\ntext")[0].message.contains("`?>`"));
    assert!(problems("<![CDATA[ x\n\ntext")[0].message.contains("`]]>`"));
    assert!(problems("<?php echo 1; ?>\n\ntext").is_empty());
}

#[test]
fn a_tag_left_open_by_a_quote_is_found() {
    let found = problems("<div title=\"a>\n\ntext");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].message.contains("the tag `<div` is never closed"), "{}", found[0].message);
}

#[test]
fn an_unclosed_comment_in_a_quote_is_at_its_position() {
    let found = problems("> a\n>\n> <!-- b\n\nc");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].line, found[0].column), (3, 3));
}

#[test]
fn remote_images_in_raw_html_are_errors() {
    let found = problems(
        "a <img src=\"https://example.org/a.png\" alt=\"a\">\n\n<picture><source srcset=\"b.png 1x, //cdn.example/b2.png 2x\"><img src=\"b.png\" alt=\"b\"></picture>",
    );
    let found: Vec<_> = found.iter().map(|p| (p.severity, p.line, p.column, p.message.as_str())).collect();
    assert_eq!(
        found,
        [
            (Severity::Error, 1, 3, "image `https://example.org/a.png` is loaded from outside the site"),
            (Severity::Error, 3, 10, "image `//cdn.example/b2.png` is loaded from outside the site"),
        ]
    );
}

#[test]
fn encoded_schemes_in_raw_html_are_seen_through() {
    assert_eq!(problems("<img src=\"https&colon;//x.org/a.png\" alt=\"a\">").len(), 1);
    assert_eq!(problems("<img src=\"https&#58//x.org/a.png\" alt=\"a\">").len(), 1);
    assert_eq!(problems("<img src=\"&#x2F;/x.org/a.png\" alt=\"a\">").len(), 1);
}

#[test]
fn local_images_and_allowed_remote_ones_are_fine() {
    assert!(problems("<img src=\"map.png\" alt=\"a\"> <img src=\"../a/b.png\" alt=\"b\"> <a href=\"https://x.org/\">x</a>").is_empty());
    assert!(problems_with("<img src=\"https://x.org/a.png\" alt=\"a\">", true).is_empty());
}

#[test]
fn references_decode_as_browsers_read_them() {
    assert_eq!(decode("a&amp;b&colon&#47;&#x2f;&bogus;"), "a&b://&bogus;");
    assert_eq!(decode("plain"), "plain");
}
