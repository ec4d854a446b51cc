//! Hostile input (SPEC §11): values from front matter, site.yaml and the
//! glossary are escaped wherever they appear — HTML text, attributes, JSON,
//! XML; script URLs are errors; raw HTML in Markdown passes through unless
//! `markdown.safe_html: true`, which sanitises it without touching tebiki's
//! own markup.

use crate::common::SiteTest;

/// The string put in every field of `escape/hostile-all`.
const HOSTILE: &str = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>]]><x>&amp;";

/// Whether byte offset `at` of `html` is inside a tag (between `<` and `>`).
fn inside_tag(html: &str, at: usize) -> bool {
    let before = &html[..at];
    before.rfind('<').is_some_and(|open| before.rfind('>').is_none_or(|close| close < open))
}

#[test]
fn hostile_strings_in_every_field_are_escaped_everywhere() {
    let t = SiteTest::new("escape/hostile-all");
    t.build();
    let files = t.tree();
    let mut seen_in_attribute = 0;
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        for raw in ["<script>alert", "<img src=x", "<x>", "]]>", "onerror=alert(2)>"] {
            assert!(!text.contains(raw), "{path} holds `{raw}` unescaped");
        }
        if !path.ends_with(".html") {
            continue;
        }
        // Inside a tag, the quote must be escaped too, or the attribute ends.
        for (at, _) in text.match_indices("img src=x onerror") {
            if inside_tag(&text, at) {
                seen_in_attribute += 1;
                let before = &text[..at];
                assert!(
                    before.ends_with("&quot;&gt;&lt;") || before.ends_with("&#34;&gt;&lt;"),
                    "{path}: an attribute breaks out: …{}",
                    &text[at.saturating_sub(40)..at + 20]
                );
            }
        }
    }
    assert!(seen_in_attribute > 0, "the test string never reached an attribute");

    let page = t.read("ja/policies/a/index.html");
    for needle in [
        "<meta name=\"description\" content=\"&lt;script&gt;",
        "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;]]&gt;&lt;x&gt;&amp;amp;",
    ] {
        assert!(page.contains(needle), "no `{needle}` in the page");
    }
    assert!(page.contains("href=\"https://example.org/?q=&quot;&gt;&lt;script&gt;alert(5)"), "source URL not escaped in href");

    let json: serde_json::Value = serde_json::from_str(&t.read("data/site.json")).unwrap();
    let a = json["pages"].as_array().unwrap().iter().find(|p| p["id"] == "a").unwrap();
    assert_eq!(a["title"]["ja"], HOSTILE);
    assert_eq!(a["title"]["en"], HOSTILE);
    let raw_json = t.read("data/site.json");
    assert!(!raw_json.contains('<') && !raw_json.contains('>'), "site.json must be safe to embed in HTML");
    assert!(count_exact(&json["glossary"]) >= 5, "the glossary keeps the exact strings in site.json: {}", json["glossary"]);

    let sitemap = t.read("sitemap.xml");
    assert!(!sitemap.contains("<script") && !sitemap.contains("]]>"));
    roxmltree::Document::parse(&sitemap).expect("sitemap.xml is well-formed XML");
    for lang in ["ja", "en"] {
        let feed = t.read(&format!("{lang}/atom.xml"));
        let doc = roxmltree::Document::parse(&feed).expect("the feed is well-formed XML");
        let exact = doc.descendants().filter(|n| n.is_text() && n.text() == Some(HOSTILE)).count();
        assert!(exact >= 2, "{lang}/atom.xml does not give the hostile title back exactly: {feed}");
    }
}

/// How many string values under `v` are exactly [`HOSTILE`].
fn count_exact(v: &serde_json::Value) -> usize {
    match v {
        serde_json::Value::String(s) => usize::from(s == HOSTILE),
        serde_json::Value::Array(a) => a.iter().map(count_exact).sum(),
        serde_json::Value::Object(o) => o.values().map(count_exact).sum(),
        _ => 0,
    }
}

#[test]
fn script_urls_in_sources_and_links_are_errors_at_their_position() {
    let t = SiteTest::new("core/minimal");
    t.write(
        "content/policies/x.ja.md",
        "---\nid: x\ntitle: X\nsources:\n  - {title: t, url: \"javascript:alert(1)\"}\n---\n本文 [a](JavaScript:alert(2)) と <vbscript:msgbox>。\n",
    );
    let r = t.run(&["build"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    for needle in [
        "content/policies/x.ja.md:5:21",
        "source URL `javascript:alert(1)` is a script URL",
        "content/policies/x.ja.md:7:4",
        "link to a `javascript:` URL",
        "content/policies/x.ja.md:7:31",
        "link to a `vbscript:` URL",
    ] {
        assert!(r.stderr.contains(needle), "no `{needle}` in:\n{}", r.stderr);
    }
    assert!(!t.root().join("public").exists());
}

#[test]
fn raw_html_passes_through_when_the_site_allows_it() {
    let t = SiteTest::new("escape/raw-html");
    let yaml = std::fs::read_to_string(t.root().join("site.yaml")).unwrap();
    std::fs::write(t.root().join("site.yaml"), format!("{yaml}markdown: {{raw_html: allow}}\n")).unwrap();
    t.build();
    let page = t.read("ja/policies/a/index.html");
    assert!(page.contains("<div class=\"note\" onclick=\"alert(1)\"><script>alert(2)</script>"), "{page}");
}

#[test]
fn safe_html_sanitises_raw_html_and_keeps_tebikis_markup() {
    let t = SiteTest::new("escape/raw-html");
    let yaml = std::fs::read_to_string(t.root().join("site.yaml")).unwrap();
    std::fs::write(t.root().join("site.yaml"), format!("{yaml}markdown: {{safe_html: true}}\n")).unwrap();
    t.build();
    let page = t.read("ja/policies/a/index.html");
    let body = &page[page.find("<div class=\"body\">").unwrap()..page.find("</article>").unwrap()];
    for gone in ["onclick", "<script", "alert(", "javascript:", "onerror", "onmouseover", "style="] {
        assert!(!body.contains(gone), "`{gone}` survived: {body}");
    }
    for kept in [
        "<div class=\"note\"><a rel=\"noopener noreferrer\">リンク</a><img src=\"../../../assets/policies/x.png\" alt=\"図\"></div>",
        "<p>本文に <span>色 <strong>太字</strong></span> と <b>太字</b>。</p>",
        "<h1 id=\"見出し\">見出し</h1>",
        "<a class=\"term\" href=\"../../glossary/index.html#amed\"><abbr title=\"日本医療研究開発機構\">AMED</abbr></a>",
        "<a href=\"../b/index.html\">ビー</a>",
        "<pre class=\"code\" data-lang=\"rust\" tabindex=\"0\" role=\"region\" aria-label=\"コード: Rust\"><code><span class=\"hl-source hl-rust\">",
    ] {
        assert!(body.contains(kept), "lost `{kept}`: {body}");
    }
}
