//! Tests of the CJK emphasis repair: Japanese cases render bold, English
//! and code stay as the parser made them, and forcing the repair on ASCII
//! text reproduces the parser exactly.

use super::*;
use pulldown_cmark::Parser;

fn parse(md: &str) -> Vec<Spanned<'_>> {
    Parser::new_ext(md, super::super::parse_options()).into_offset_iter().collect()
}

fn to_html(events: Vec<Spanned<'_>>) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(e, _)| e));
    html
}

fn html(md: &str) -> String {
    to_html(repair(parse(md), md))
}

fn parser_html(md: &str) -> String {
    to_html(parse(md))
}

#[test]
fn quoted_japanese_word_in_strong_renders_bold() {
    assert_eq!(html("**「ゲノム」**の推進"), "<p><strong>「ゲノム」</strong>の推進</p>\n");
}

#[test]
fn strong_after_a_japanese_letter_renders_bold() {
    assert_eq!(html("本事業は**「ゲノム」**を推進"), "<p>本事業は<strong>「ゲノム」</strong>を推進</p>\n");
}

#[test]
fn plain_japanese_strong_still_renders_bold() {
    assert_eq!(html("この**ゲノム**の推進"), "<p>この<strong>ゲノム</strong>の推進</p>\n");
}

#[test]
fn single_star_emphasis_around_brackets_renders() {
    assert_eq!(html("これは*「強調」*です"), "<p>これは<em>「強調」</em>です</p>\n");
}

#[test]
fn two_quoted_strongs_in_a_row_pair_correctly() {
    assert_eq!(html("**「a」**と**「b」**"), "<p><strong>「a」</strong>と<strong>「b」</strong></p>\n");
}

#[test]
fn full_width_parentheses_inside_strong_render_bold() {
    assert_eq!(html("**（AMED）**が支援"), "<p><strong>（AMED）</strong>が支援</p>\n");
}

#[test]
fn ascii_parentheses_before_japanese_render_bold() {
    assert_eq!(html("**AMED (2015)**が設立"), "<p><strong>AMED (2015)</strong>が設立</p>\n");
}

#[test]
fn label_with_colon_before_japanese_renders_bold() {
    assert_eq!(html("**Note:**日本語"), "<p><strong>Note:</strong>日本語</p>\n");
}

#[test]
fn strong_around_code_before_japanese_renders_bold() {
    assert_eq!(html("これは**`code`**です"), "<p>これは<strong><code>code</code></strong>です</p>\n");
}

#[test]
fn multiplication_in_japanese_text_stays_literal() {
    assert_eq!(html("価格は5*3=15円、**注意**：x"), "<p>価格は5*3=15円、<strong>注意</strong>：x</p>\n");
}

#[test]
fn strong_in_list_items_and_table_cells_renders() {
    assert_eq!(html("- 項目**「x」**の"), "<ul>\n<li>項目<strong>「x」</strong>の</li>\n</ul>\n");
    assert!(html("| a |\n|---|\n| **「x」**の |").contains("<td><strong>「x」</strong>の</td>"));
}

#[test]
fn strong_inside_a_link_stays_inside_it() {
    assert_eq!(html("[**「x」**の](u)と"), "<p><a href=\"u\"><strong>「x」</strong>の</a>と</p>\n");
}

#[test]
fn arithmetic_stays_literal() {
    assert_eq!(html("2 * 3 * 4"), "<p>2 * 3 * 4</p>\n");
    assert_eq!(html("計算は 2 * 3 * 4 です"), "<p>計算は 2 * 3 * 4 です</p>\n");
}

#[test]
fn lone_double_star_stays_literal() {
    assert_eq!(html("**"), "<p>**</p>\n");
    assert_eq!(html("a ** b"), "<p>a ** b</p>\n");
    assert_eq!(html("ゲノム**"), "<p>ゲノム**</p>\n");
    assert_eq!(html("**「ゲノム」"), "<p>**「ゲノム」</p>\n");
}

#[test]
fn escaped_stars_stay_literal() {
    assert_eq!(html("\\*\\*「x」\\*\\*の"), "<p>**「x」**の</p>\n");
}

#[test]
fn code_spans_and_blocks_are_untouched() {
    assert_eq!(html("`**「x」**の`"), "<p><code>**「x」**の</code></p>\n");
    assert_eq!(html("```\n**「x」**の\n```"), "<pre><code>**「x」**の\n</code></pre>\n");
}

#[test]
fn underscore_emphasis_is_kept_as_parsed() {
    assert_eq!(html("_「x」_の"), parser_html("_「x」_の"));
    assert_eq!(html("__a__ **「b」**の"), "<p><strong>a</strong> <strong>「b」</strong>の</p>\n");
}

#[test]
fn english_text_is_left_to_the_parser() {
    for md in ["a**\"b\"**c", "**bold** and *em*", "*a **b** c*", "***x***", "a*b*c", "**a**b**"] {
        assert_eq!(html(md), parser_html(md), "{md}");
    }
}

#[test]
fn nested_emphasis_in_japanese_renders() {
    assert_eq!(html("**「外側*「内側」*」**の"), "<p><strong>「外側<em>「内側」</em>」</strong>の</p>\n");
}

#[test]
fn many_stars_do_not_blow_up() {
    let md = "*".repeat(100_000);
    let _ = html(&md);
    let md = "**「あ」".repeat(20_000);
    let _ = html(&md);
    let md = "あ*".repeat(50_000);
    let _ = html(&md);
}

/// Forcing the repair on ASCII text must reproduce the parser exactly: the
/// pairing is CommonMark's wherever no CJK character is involved.
#[test]
fn forced_repair_matches_the_parser_on_ascii() {
    let alphabet = ['*', '*', '*', 'a', 'b', ' ', '.', '"', '_', '[', ']', '`', '\\', '(', ')', '\n', '~'];
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..20_000 {
        let len = 1 + (next() % 24) as usize;
        let md: String = (0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]).collect();
        let forced = to_html(repair_with(parse(&md), &md, true));
        assert_eq!(forced, parser_html(&md), "input: {md:?}");
    }
}
