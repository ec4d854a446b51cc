//! Tests of glossary markup with the test site's glossary.

use super::*;
use crate::markdown::test_support::{matcher, render_at, render_ja};

fn html(md: &str) -> String {
    render_ja(md).html
}

fn matched(text: &str) -> Vec<String> {
    let m = matcher();
    m.find(text).into_iter().map(|(range, term)| format!("{}={}", &text[range], m.terms()[term.term].id)).collect()
}

#[test]
fn first_occurrence_becomes_a_linked_abbr() {
    assert_eq!(
        html("AMEDとAMED"),
        "<p><a class=\"term\" href=\"../../glossary/#amed\"><abbr title=\"Japan Agency for Medical Research and Development\">AMED</abbr></a>とAMED</p>\n"
    );
}

#[test]
fn term_without_expansion_is_a_plain_glossary_link() {
    let out = html("ゲノム医療の推進");
    assert!(out.contains("\">ゲノム医療</a>の推進"), "{out}");
    assert!(!out.contains("<abbr"), "{out}");
}

#[test]
fn pd_is_not_marked_inside_pdf_or_pdca() {
    assert!(matched("PDFとPDCAとPDs").is_empty());
    assert_eq!(matched("PDF、PD。"), ["PD=pd"]);
}

#[test]
fn ascii_term_next_to_japanese_matches() {
    assert_eq!(matched("AMEDの支援とRWDの二次利用"), ["AMED=amed", "RWD=rwd"]);
}

#[test]
fn longest_term_wins() {
    assert_eq!(matched("single IRBとIRB"), ["single IRB=single-irb", "IRB=irb"]);
}

#[test]
fn matching_is_case_sensitive_for_ascii() {
    assert!(matched("ai and Ai and amed").is_empty());
    assert_eq!(matched("an AI model"), ["AI=ai"]);
}

#[test]
fn full_width_term_matches_and_is_shown_as_written() {
    assert_eq!(matched("ＡＭＥＤの"), ["ＡＭＥＤ=amed"]);
    assert!(html("ＡＭＥＤの").contains("<abbr title=\"Japan Agency for Medical Research and Development\">ＡＭＥＤ</abbr>"));
}

#[test]
fn full_width_letters_count_as_touching() {
    assert!(matched("ＰＤＦ").is_empty());
}

#[test]
fn aliases_link_to_the_same_entry_once() {
    let out = render_ja("日本医療研究開発機構（AMED）");
    assert_eq!(out.html.matches("class=\"term\"").count(), 1);
    assert_eq!(out.terms, ["amed"]);
}

#[test]
fn terms_are_listed_in_order_of_first_use() {
    assert_eq!(render_ja("RWDとAMED。\n\nAMEDとPD").terms, ["rwd", "amed", "pd"]);
}

#[test]
fn no_markup_in_code_links_headings_or_existing_abbr() {
    let md = "# AMED\n\n`AMED` [AMED](https://x) <abbr title=\"x\">AMED</abbr> <a href=\"y\">AMED</a> ![AMED](a.png)\n\n```\nAMED\n```\n\n[[amed-page]]";
    let out = render_ja(md);
    assert!(!out.html.contains("class=\"term\""), "{}", out.html);
    assert!(out.terms.is_empty());
}

#[test]
fn markup_resumes_after_a_raw_abbr_closes() {
    assert!(html("<abbr>AMED</abbr> PD").contains("<abbr title=\"Program Director\">PD</abbr>"));
}

#[test]
fn terms_in_tables_lists_and_emphasis_are_marked() {
    assert!(html("| a |\n|---|\n| AMED |").contains("<td><a class=\"term\""));
    assert!(html("- **RWD**の活用").contains("<strong><a class=\"term\""));
}

#[test]
fn explicit_glossary_link_suppresses_later_markup() {
    let out = render_ja("[[glossary:amed]]とAMED");
    assert_eq!(out.html.matches("class=\"term\"").count(), 1);
    assert_eq!(out.terms, ["amed"]);
}

#[test]
fn glossary_false_turns_markup_off() {
    let out = render_at("AMED", 1, false);
    assert!(!out.html.contains("term"));
    assert!(out.terms.is_empty());
}

#[test]
fn html_in_expansions_and_text_is_escaped() {
    let out = render_ja("single IRB");
    assert!(out.html.contains("title=\"single &quot;central&quot; IRB\""), "{}", out.html);
}

#[test]
fn empty_matcher_matches_nothing() {
    let m = TermMatcher::new(Vec::new());
    assert!(m.find("AMED").is_empty());
    assert!(m.terms().is_empty());
}

#[test]
fn partial_characters_are_never_matched() {
    // ㍿ normalises to 株式会社; a term 株式 must not match half of it.
    let m = TermMatcher::new(vec![Term {
        id: "kabu".into(),
        surfaces: vec!["株式".into()],
        expansion: None,
        title: "株式".into(),
        whole_word: false,
    }]);
    assert!(m.find("㍿").is_empty());
    assert_eq!(m.find("株式").len(), 1);
}

#[test]
fn raw_tags_are_counted() {
    let mut depth = 0;
    adjust(&mut depth, "<ABBR title=x>", "abbr");
    assert_eq!(depth, 1);
    adjust(&mut depth, "<a href=y>", "abbr");
    assert_eq!(depth, 1);
    adjust(&mut depth, "</abbr>", "abbr");
    assert_eq!(depth, 0);
    adjust(&mut depth, "<address>", "a");
    assert_eq!(depth, 0);
}

#[test]
fn long_text_is_matched_in_linear_time() {
    let text = "PDFとAMEDの".repeat(20_000);
    assert_eq!(matcher().find(&text).len(), 20_000);
}

#[test]
fn an_alias_that_says_its_expansion_is_no_abbr() {
    let out = html("分散型臨床試験とDCT");
    assert!(out.contains("<a class=\"term\" href=\"../../glossary/#dct\">分散型臨床試験</a>とDCT"), "{out}");
    let out = html("DCTの推進");
    assert!(out.contains("<abbr title=\"分散型臨床試験\">DCT</abbr>"), "{out}");
}

#[test]
fn whether_a_surface_says_its_expansion_is_worked_out_per_pattern_and_for_other_forms() {
    let says: Vec<(&str, bool)> = matcher().patterns.iter().filter(|p| p.term == 7).map(|p| (p.normal.as_str(), p.says_it)).collect();
    assert_eq!(says, [("DCT", false), ("分散型臨床試験", true)]);
    // Full-width: not the pattern as written, so asked again.
    let out = html("ＤＣＴの推進");
    assert!(out.contains("<abbr title=\"分散型臨床試験\">ＤＣＴ</abbr>"), "{out}");
}

fn one_term(surface: &str, whole_word: bool) -> TermMatcher {
    TermMatcher::new(vec![Term { id: "t".into(), surfaces: vec![surface.into()], expansion: None, title: surface.into(), whole_word }])
}

/// The matched texts of `m` in `text`.
fn found<'t>(m: &TermMatcher, text: &'t str) -> Vec<&'t str> {
    m.find(text).into_iter().map(|(range, _)| &text[range]).collect()
}

#[test]
fn a_katakana_term_never_matches_inside_a_longer_katakana_word() {
    let service = one_term("サービス", false);
    assert!(found(&service, "マイクロサービスを使う").is_empty());
    assert!(found(&service, "サービスレベル").is_empty());
    assert_eq!(found(&service, "サービス開始、クラウドのサービス。"), ["サービス", "サービス"]);
    assert_eq!(found(&service, "ウェブ・サービス"), ["サービス"], "the middle dot separates words");
    let serverless = one_term("サーバーレス", false);
    assert!(found(&serverless, "サーバーレスポンスが遅い").is_empty());
    assert_eq!(found(&serverless, "サーバーレスの構成"), ["サーバーレス"]);
}

#[test]
fn the_prolonged_sound_mark_and_half_width_katakana_count_as_katakana() {
    assert!(found(&one_term("サーバ", false), "サーバー").is_empty(), "ー continues the word");
    let memory = one_term("メモリ", false);
    assert!(found(&memory, "ﾒﾓﾘｰ").is_empty());
    assert!(found(&memory, "ｲﾝﾒﾓﾘ").is_empty());
    assert_eq!(found(&memory, "ﾒﾓﾘの量"), ["ﾒﾓﾘ"]);
}

#[test]
fn a_kanji_term_matches_inside_compounds_unless_the_entry_asks_for_whole_words() {
    assert_eq!(found(&one_term("医療", false), "ゲノム医療研究"), ["医療"]);
    let whole = one_term("医療", true);
    assert!(found(&whole, "ゲノム医療研究").is_empty());
    assert!(found(&whole, "医療費").is_empty());
    assert_eq!(found(&whole, "ゲノムの医療を、々"), ["医療"]);
    assert!(found(&one_term("人々", true), "人々々").is_empty(), "々 continues a run of kanji");
}

#[test]
fn a_term_mixing_scripts_is_bounded_by_the_script_of_each_end() {
    let m = one_term("AIサービス", false);
    assert!(found(&m, "XAIサービス").is_empty());
    assert!(found(&m, "AIサービスレベル").is_empty());
    assert_eq!(found(&m, "生成AIサービスの"), ["AIサービス"]);
}

#[test]
fn katakana_boundaries_keep_matching_linear() {
    let m = one_term("サービス", false);
    let text = "マイクロサービス、".repeat(20_000) + "サービス";
    assert_eq!(found(&m, &text).len(), 1);
}
