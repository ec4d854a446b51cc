use pulldown_cmark::Parser;

use super::*;

fn problems(md: &str) -> Vec<Problem> {
    let events: Vec<Spanned> = Parser::new_ext(md, super::super::parse_options()).into_offset_iter().collect();
    check(&events, &SourceMap::new(md, 1))
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
