//! The Markdown of real docs sites, on the `realdocs` fixture's
//! `content/markdown/` pages: GitHub alerts, footnotes referred to several
//! times, code fences in many languages, and acronym-like words.

use std::collections::BTreeSet;

use crate::common::SiteTest;

/// The site configuration used when the fixture has none of its own.
const SITE_YAML: &str = "\
title: {ja: ドキュメント, en: Documentation}
base_url: https://example.org/
default_language: ja
languages: [ja, en]
kinds:
  article: {folder: markdown, label: {ja: 記事, en: Articles}}
";

/// The fixture, stamped, in a temporary folder.
pub fn realdocs() -> SiteTest {
    let t = SiteTest::new("realdocs/site");
    if !t.root().join("site.yaml").is_file() {
        t.write("site.yaml", SITE_YAML);
    }
    assert_eq!(t.run(&["stamp", "--all"]).code, 0);
    t
}

const PAGE: &str = "markdown/code-and-notes/index.html";

#[test]
fn alerts_become_titled_callouts_in_both_languages_and_no_marker_is_left() {
    let t = realdocs();
    t.build();
    let ja = t.read(&format!("ja/{PAGE}"));
    for (class, title) in [("note", "注記"), ("tip", "ヒント"), ("important", "重要"), ("warning", "警告"), ("caution", "注意")]
    {
        let start = format!("<div class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{title}</p>");
        assert!(ja.contains(&start), "{class}: {ja}");
    }
    let en = t.read(&format!("en/{PAGE}"));
    assert!(en.contains("<p class=\"callout-title\">Caution</p>"), "{en}");
    assert!(en.contains("<p>An alert in the older form.\nThe text follows the marker.</p>"), "{en}");
    assert!(en.contains("<blockquote>\n<p>Just a quote.</p>"), "{en}");
    for (path, bytes) in t.tree() {
        let text = String::from_utf8_lossy(&bytes).to_ascii_lowercase();
        for marker in ["[!note]", "[!tip]", "[!important]", "[!warning]", "[!caution]"] {
            assert!(!text.contains(marker), "{path} contains {marker}");
        }
    }
}

/// Every `id="…"` of an HTML text.
fn ids(html: &str) -> Vec<&str> {
    html.match_indices(" id=\"").map(|(i, m)| html[i + m.len()..].split('"').next().unwrap_or_default()).collect()
}

#[test]
fn a_footnote_referred_to_three_times_has_three_reference_ids_and_no_id_repeats() {
    let t = realdocs();
    t.build();
    for lang in ["ja", "en"] {
        let html = t.read(&format!("{lang}/{PAGE}"));
        let all = ids(&html);
        let unique: BTreeSet<&str> = all.iter().copied().collect();
        assert_eq!(all.len(), unique.len(), "{lang}: repeated ids in {all:?}");
        for id in ["fnref-sdk", "fnref-sdk-2", "fnref-sdk-3", "fnref-other"] {
            assert!(unique.contains(id), "{lang}: {id} missing from {all:?}");
            assert!(html.contains(&format!("class=\"footnote-back\" href=\"#{id}\"")), "{lang}: no way back to {id}");
        }
    }
}

#[test]
fn every_fence_language_is_highlighted_or_warned_about() {
    let t = realdocs();
    let r = t.run(&["check"]);
    let warned: Vec<&str> = r.stderr.lines().filter(|l| l.contains("unknown-fence-language") || l.contains("no grammar")).collect();
    for file in ["code-and-notes.ja.md", "code-and-notes.en.md"] {
        let source = std::fs::read_to_string(t.root().join("content/markdown").join(file)).unwrap();
        let line = source.lines().position(|l| l == "```klingon").unwrap() + 1;
        let at = format!("{file}:{line}:1");
        assert!(r.stderr.contains(&at) && r.stderr.contains("code block in `klingon`"), "no warning for klingon at {at}:\n{}", r.stderr);
    }
    assert!(!warned.is_empty(), "{}", r.stderr);
    t.build();
    let html = t.read(&format!("en/{PAGE}"));
    for block in html.split("<pre class=\"code\"").skip(1) {
        let lang = block.split("data-lang=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or_default();
        let highlighted = block.split("</pre>").next().unwrap_or_default().contains("<span class=\"hl-");
        let expected = !matches!(lang, "klingon" | "text");
        assert_eq!(highlighted, expected, "{lang}: {block}");
        assert!(block.contains("tabindex=\"0\" role=\"region\" aria-label=\"Code: "), "{lang}: {block}");
    }
    assert!(html.contains("aria-label=\"Code: C#\""), "{html}");
}

/// A small site with two pages using acronyms the glossary lacks: `SDK` on
/// both, `API` on one (`x`, whose front matter adds `extra`).
fn acronym_site(site_extra: &str, x_extra: &str) -> SiteTest {
    let t = SiteTest::new("core/minimal");
    let cfg = std::fs::read_to_string(t.root().join("site.yaml")).unwrap();
    t.write("site.yaml", &format!("{cfg}{site_extra}"));
    t.write(
        "content/policies/x.ja.md",
        &format!(
            "---\nid: x\ntitle: X\n{x_extra}---\nSDKとAPIの説明。macOS、iPhone、.NET、README.md、`config.yaml`。\n\n> [!NOTE]\n> 注記。\n"
        ),
    );
    t.write("content/policies/y.ja.md", "---\nid: y\ntitle: Y\n---\nSDKの説明。\n");
    t
}

/// The acronyms `tebiki check` warns about, as `file:acronym`.
fn acronym_warnings(t: &SiteTest) -> Vec<String> {
    let r = t.run(&["check"]);
    let mut out = Vec::new();
    let mut lines = r.stderr.lines();
    while let Some(line) = lines.next() {
        if let Some(rest) = line.strip_prefix("warning[unknown-acronym]: acronym `") {
            let acronym = rest.split('`').next().unwrap_or_default();
            let file = lines.next().unwrap_or_default().rsplit('/').next().unwrap_or_default().split(':').next().unwrap_or_default();
            out.push(format!("{file}:{acronym}"));
        }
    }
    out.sort();
    out
}

#[test]
fn acronym_warnings_skip_markers_file_names_dotted_names_and_mixed_words() {
    assert_eq!(acronym_warnings(&acronym_site("", "")), ["x.ja.md:API", "x.ja.md:SDK", "y.ja.md:SDK"]);
}

#[test]
fn acronym_warnings_can_be_turned_off_in_site_yaml() {
    assert_eq!(acronym_warnings(&acronym_site("glossary: {acronyms: off}\n", "")), Vec::<String>::new());
}

#[test]
fn acronym_warnings_can_be_kept_to_those_on_several_pages() {
    assert_eq!(acronym_warnings(&acronym_site("glossary: {min_pages: 2}\n", "")), ["x.ja.md:SDK", "y.ja.md:SDK"]);
    assert_eq!(acronym_warnings(&acronym_site("glossary: {acronyms: warn, min_pages: 3}\n", "")), Vec::<String>::new());
}

#[test]
fn a_page_ignores_its_own_acronyms_in_front_matter() {
    assert_eq!(acronym_warnings(&acronym_site("", "glossary_ignore: [SDK, API]\n")), ["y.ja.md:SDK"]);
}

/// Acronyms are compared in NFKC: full-width `ＳＤＫ` is `SDK`, among the
/// pages counted for `min_pages` and for a page's own ignores.
#[test]
fn full_width_acronyms_are_their_ascii_forms() {
    let t = acronym_site("glossary: {min_pages: 2}\n", "");
    t.write("content/policies/y.ja.md", "---\nid: y\ntitle: Y\n---\nＳＤＫとＡＰＩの説明。\n");
    assert_eq!(acronym_warnings(&t), ["x.ja.md:API", "x.ja.md:SDK", "y.ja.md:ＡＰＩ", "y.ja.md:ＳＤＫ"]);
    t.write("content/policies/y.ja.md", "---\nid: y\ntitle: Y\nglossary_ignore: [SDK]\n---\nＳＤＫの説明。\n");
    assert_eq!(acronym_warnings(&t), ["x.ja.md:SDK"]);
}

#[test]
fn an_unknown_acronyms_setting_is_an_error_at_its_place() {
    let t = acronym_site("glossary: {acronyms: loud}\n", "");
    let r = t.run(&["check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("`acronyms: loud` is neither `warn` nor `off`"), "{}", r.stderr);
}
