//! End-to-end tests of [`render`]: the passes together, file positions,
//! and odd inputs that must not panic.

use super::test_support::{render_at, render_ja};
use super::*;

#[test]
fn renders_a_small_page() {
    let md = "## 概要\n\n本事業は**「ゲノム」**の推進を[[b-cure]]と行う。AMEDが支援する。\n\n```toml\na = 1\n```\n";
    let out = render_ja(md);
    assert!(out.html.contains("<h2 id=\"概要\">概要</h2>"), "{}", out.html);
    assert!(out.html.contains("<strong>「ゲノム」</strong>"));
    assert!(out.html.contains("<a href=\"../b-cure/\">B-cure</a>"));
    assert!(out.html.contains("<abbr title=\"Japan Agency for Medical Research and Development\">AMED</abbr>"));
    assert!(out.html.contains(
        "<pre class=\"code\" data-lang=\"toml\" tabindex=\"0\" role=\"region\" aria-label=\"コード: TOML\"><code><span class=\"hl-"
    ));
    assert_eq!(out.headings, vec![Heading { level: 2, id: "概要".into(), text: "概要".into() }]);
    assert_eq!(out.terms, ["amed"]);
    assert_eq!(out.refs.len(), 1);
    assert_eq!(&*out.text, "概要\n本事業は「ゲノム」の推進をB-cureと行う。AMEDが支援する。");
    assert!(out.problems.is_empty());
}

#[test]
fn positions_are_file_positions() {
    let out = render_at("line\n\n「x」と[[nope]]", 7, true);
    let p = &out.problems[0];
    assert_eq!((p.line, p.column), (9, 5));
}

#[test]
fn acronyms_have_file_positions_and_skip_code_and_references() {
    let out = render_at("# BSL4\n\nAMEDと`JSON`と[[glossary:amed]]、\\*RWD", 3, true);
    let found: Vec<_> = out.acronyms.iter().map(|a| (a.text.as_str(), a.line, a.column)).collect();
    assert_eq!(found, [("BSL4", 3, 3), ("AMED", 5, 1), ("RWD", 5, 33)]);
}

#[test]
fn headings_with_references_use_the_title() {
    let out = render_ja("## [[b-cure]]の予算");
    assert_eq!(out.headings[0].id, "b-cureの予算");
    assert_eq!(out.headings[0].text, "B-cureの予算");
}

#[test]
fn raw_html_passes_through() {
    let md = "<div class=\"note\">\n\n**注**\n\n</div>\n\n<span lang=\"en\">AMED</span>";
    let out = render_at(md, 1, false);
    assert!(out.html.contains("<div class=\"note\">"));
    assert!(out.html.contains("<span lang=\"en\">AMED</span>"));
}

#[test]
fn footnotes_tables_strikethrough_and_task_lists_work() {
    let md = "a[^1]\n\n[^1]: note\n\n| x |\n|---|\n| y |\n\n~~old~~\n\n- [x] done";
    let html = render_at(md, 1, false).html;
    assert!(html.contains("footnote-reference"));
    assert!(html.contains("<table>"));
    assert!(html.contains("<del>old</del>"));
    assert!(html.contains("checkbox"));
}

#[test]
fn custom_heading_id_is_used() {
    let out = render_ja("## 予算 {#budget}");
    assert!(out.html.contains("<h2 id=\"budget\">予算</h2>"), "{}", out.html);
}

#[test]
fn odd_inputs_do_not_panic() {
    let mut inputs: Vec<String> = [
        "",
        "[[",
        "]]",
        "[[|]]",
        "[[#x]]",
        "[[glossary:]]",
        "[[]]",
        "[[a|b|c]]",
        "```",
        "```rust\nfn x(",
        "~~~\n",
        "* * *",
        "**",
        "***",
        "\\",
        "<abbr>",
        "</a></abbr>",
        "![",
        "![]()",
        "# ",
        "#",
        "| a |\n|---|\n| [[",
        "[x](.md)",
        "[x](#.md)",
        "[x](a.md#)",
        "\u{FEFF}AMED",
        "a\r\nb\r\n",
        "　",
        "ＡＭＥＤ\u{3099}",
        "[^x]: [[y]]",
        "**「",
        "」**",
        "*「*」*",
        "_「x」_の",
        "&amp;AMED&#x41;",
        "<!-- AMED -->",
        "\t[[b-cure]]",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    inputs.push("*".repeat(100_000));
    inputs.push("**「あ」".repeat(10_000));
    inputs.push("[[".repeat(10_000));
    inputs.push("AMED PD ".repeat(10_000));
    inputs.push(pseudo_random_unicode(20_000));
    for md in &inputs {
        let out = render_ja(md);
        let _ = render_at(md, 0, false);
        assert!(out.problems.iter().all(|p| p.line >= 1 && p.column >= 1));
    }
}

/// Deterministic text mixing Markdown syntax, Japanese and odd code points.
fn pseudo_random_unicode(len: usize) -> String {
    let pieces = [
        "*",
        "**",
        "_",
        "[[",
        "]]",
        "|",
        "#",
        "`",
        "\n",
        "\n\n",
        " ",
        "「",
        "」",
        "の",
        "AMED",
        "PD",
        "ＡＭＥＤ",
        "\u{301}",
        "🎌",
        "\u{200B}",
        "<a>",
        "</abbr>",
        "![",
        "](",
        ")",
        "\\",
        "&",
        "# ",
        "- ",
        "> ",
        "```",
        "~~",
        "㍿",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            pieces[(seed % pieces.len() as u64) as usize]
        })
        .collect()
}

#[test]
fn terms_match_across_a_wrapped_japanese_line() {
    let out = render_ja("ゲノム\n医療の推進");
    assert!(out.html.contains("\">ゲノム医療</a>の推進"), "{}", out.html);
}

#[test]
fn acronym_after_a_wrapped_line_keeps_its_position() {
    let out = render_at("日本の\n研究とAMED", 1, false);
    assert_eq!((out.acronyms[0].line, out.acronyms[0].column), (2, 4));
}

#[test]
fn each_acronym_is_reported_once_per_page() {
    let out = render_at("AMED and AMED\n\nAMED BSL4", 1, false);
    let found: Vec<_> = out.acronyms.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(found, ["AMED", "BSL4"]);
}

#[test]
fn a_body_buffer_is_trimmed_when_an_eighth_or_more_is_unused() {
    let mut loose = String::with_capacity(1000);
    loose.push_str("<p>本文</p>");
    let t = trimmed(loose);
    assert_eq!(t, "<p>本文</p>");
    assert!(t.capacity() - t.len() <= t.len() / 8, "capacity {} for {} bytes", t.capacity(), t.len());
    let mut tight = String::with_capacity(100);
    tight.push_str(&"x".repeat(95));
    let (at, capacity) = (tight.as_ptr(), tight.capacity());
    let t = trimmed(tight);
    assert_eq!((t.as_ptr(), t.capacity()), (at, capacity), "a buffer with little room left is kept as it is");
    let long = render_ja(&"本文の段落。AMEDの事業。\n\n".repeat(200));
    assert!(long.html.capacity() - long.html.len() <= long.html.len() / 8);
}

#[test]
fn the_event_list_has_room_for_every_event_of_dense_and_ordinary_pages() {
    let pages = [
        "[[welcome]] ".repeat(2_000),
        "*a **a ".repeat(2_000),
        "[[".repeat(2_000),
        "<a>".repeat(2_000),
        "| a | b |\n|---|---|\n".to_owned() + &"| [x](y.md) | `z` |\n".repeat(500),
        include_str!("../../content/policies/hms-3.ja.md").to_owned(),
        include_str!("../../content/policies/hms-3.en.md").to_owned(),
        include_str!("../../docs/content/reference/markdown.en.md").to_owned(),
    ];
    for page in &pages {
        let events = Parser::new_ext(page, parse_options()).into_offset_iter().count();
        let room = event_capacity(page);
        assert!(events <= room, "{events} events, room for {room}: {}", &page[..page.len().min(40)]);
    }
}
