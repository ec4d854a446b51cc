//! References, relations and glossary markup, in both languages.

use crate::common::SiteTest;

fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

#[test]
fn every_reference_form_resolves_in_both_languages() {
    let t = SiteTest::new("refs/basic");
    t.build();
    let ja = t.read("ja/policies/a/index.html");
    assert!(ja.contains(r#"<a href="../../programs/b/index.html">事業B</a>"#), "[[b]]: {ja}");
    assert!(ja.contains(r#"<a href="../../programs/b/index.html">自分の文</a>"#), "[[b|text]]");
    assert!(ja.contains(r#"<a href="../../programs/b/index.html#aims">事業B</a>"#), "[[b#aims]]");
    assert!(ja.contains(r#"href="../../glossary/index.html#amed""#), "[[glossary:amed]]");
    assert!(ja.contains(r#"<a href="../../programs/b/index.html#aims">相対リンク</a>"#), "relative .md link");
    let en = t.read("en/policies/a/index.html");
    assert!(en.contains(r#"<a href="../../programs/b/index.html">Program B</a>"#), "[[b]] en: {en}");
    assert!(en.contains(r#"<a href="../../programs/b/index.html">own text</a>"#));
    assert!(en.contains(r#"<a href="../../programs/b/index.html#aims">Program B</a>"#));
    assert!(en.contains(r#"<a href="../../programs/b/index.html#aims">relative link</a>"#), "a ja file link goes to the en page");
    assert!(en.contains(r#"href="../../glossary/index.html#amed""#));
}

#[test]
fn a_reference_to_a_japanese_only_page_says_so_in_english() {
    let t = SiteTest::new("refs/basic");
    t.build();
    let en = t.read("en/policies/a/index.html");
    assert!(en.contains(r#"href="../../../ja/programs/c/index.html""#), "{en}");
    assert!(en.contains(r#"hreflang="ja""#));
    assert!(en.contains("Japanese only"));
}

#[test]
fn relations_breadcrumbs_children_related_and_backlinks() {
    let t = SiteTest::new("refs/basic");
    t.build();
    for lang in ["ja", "en"] {
        let b = t.read(&format!("{lang}/programs/b/index.html"));
        let backlinks = b.split("id=\"rel-backlinks\"").nth(1).unwrap_or_else(|| panic!("{lang}: no backlinks section"));
        assert!(backlinks.contains("policies/a/index.html"), "{lang}: a refers to b");
        assert!(b.contains("id=\"rel-related\""), "{lang}: related shown on the target too");
        assert!(b.contains("id=\"rel-children\"") && b.contains("c/index.html"), "{lang}: child c listed");
    }
    let c = t.read("ja/programs/c/index.html");
    let crumbs = c.split("class=\"breadcrumbs").nth(1).unwrap().split("</nav>").next().unwrap();
    assert!(crumbs.contains("../b/index.html") && crumbs.contains("事業B"), "parent in breadcrumbs: {crumbs}");
}

#[test]
fn glossary_terms_are_marked_once_never_in_code_headings_or_inside_words() {
    let t = SiteTest::new("refs/basic");
    t.build();
    let ja = t.read("ja/policies/a/index.html");
    let body = ja.split("<div class=\"body\">").nth(1).unwrap().split("</div>").next().unwrap();
    assert_eq!(count(body, "#amed\""), 1, "AMED once: {body}");
    assert!(!body.contains(">PD</abbr>F"), "PD inside PDF");
    assert!(body.contains("PDF") && body.contains("PDCA"));
    assert!(body.contains(r#"<abbr title="単一の治験審査委員会">single IRB</abbr>"#), "longest match: {body}");
    assert!(body.contains(r#"<abbr title="リアルワールドデータ">RWD</abbr></a>の二次利用"#), "RWD before Japanese");
    assert!(body.contains(r#"<abbr title="プログラムディレクター">PD</abbr></a>による"#), "PD on its own");
    assert!(body.contains("<code>AMED</code>"), "not in code");
    assert!(body.contains("AMEDの見出し</h2>"), "not in headings");
    let en = t.read("en/policies/a/index.html");
    assert!(en.contains(r#"<a class="term" href="../../glossary/index.html#cohort">cohort</a>"#), "terms without expansion: {en}");
    assert!(en.contains("id=\"terms-heading\""), "terms box");
}

#[test]
fn unknown_ids_anchors_and_glossary_entries_are_errors_with_suggestions() {
    let t = SiteTest::new("refs/unknown");
    let r = t.run(&["check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let e = &r.stderr;
    assert!(e.contains("content/policies/a.ja.md:7:4"), "position of [[bb]]: {e}");
    assert!(e.contains("no page has the id `bb`") && e.contains("did you mean `b`"), "{e}");
    assert!(e.contains("page `b` has no heading `#nope`"), "{e}");
    assert!(e.contains("no glossary entry has the id `amde`") && e.contains("`amed`"), "{e}");
    assert!(e.contains("acronym `XYZZ` is not in the glossary"), "{e}");
    assert!(e.contains("content/policies/a.ja.md:9:1"), "acronym position: {e}");
}

#[test]
fn glossary_pages_are_in_gojuon_and_alphabetical_order_with_their_pages() {
    let t = SiteTest::new("refs/basic");
    t.build();
    let ja = t.read("ja/glossary/index.html");
    let order: Vec<usize> =
        ["id=\"irb\"", "id=\"rwd\"", "id=\"amed\"", "id=\"cohort\"", "id=\"single-irb\"", "id=\"biobank\"", "id=\"pd\""]
            .iter()
            .map(|n| ja.find(n).unwrap_or_else(|| panic!("{n}")))
            .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "gojūon order: {order:?}");
    for kana in [">ア</h2>", ">カ</h2>", ">サ</h2>", ">ハ</h2>"] {
        assert!(ja.contains(kana), "heading {kana}");
    }
    let en = t.read("en/glossary/index.html");
    let order: Vec<usize> =
        ["id=\"amed\"", "id=\"biobank\"", "id=\"cohort\"", "id=\"irb\"", "id=\"pd\"", "id=\"rwd\"", "id=\"single-irb\""]
            .iter()
            .map(|n| en.find(n).unwrap())
            .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "A–Z order: {order:?}");
    // "Used in" lists exactly the pages that contain the term.
    let rwd = en.split("id=\"rwd\"").nth(1).unwrap().split("class=\"entry\"").next().unwrap();
    assert!(rwd.contains("policies/a/index.html"));
    let amed_ja = ja.split("id=\"amed\"").nth(1).unwrap().split("class=\"entry\"").next().unwrap();
    assert!(amed_ja.contains("policies/a/index.html") && !amed_ja.contains("programs/b/index.html"));
}

#[test]
fn a_page_can_opt_out_of_term_markup_and_full_width_terms_match() {
    let t = SiteTest::new("refs/basic");
    t.build();
    for lang in ["ja", "en"] {
        let d = t.read(&format!("{lang}/policies/d/index.html"));
        assert!(!d.contains("class=\"term\""), "{lang}: glossary: false");
        let e = t.read(&format!("{lang}/policies/e/index.html"));
        assert!(e.contains(">ＡＭＥＤ</abbr></a>"), "{lang}: full-width AMED marked as written: {e}");
    }
}
