//! References, relations and glossary markup, in both languages.

use crate::common::SiteTest;
use crate::common::html::{Doc, text};

/// Every link of the page body: (href, text).
fn body_links(doc: &Doc) -> Vec<(String, String)> {
    doc.all(".body a").into_iter().map(|a| (a.value().attr("href").unwrap_or_default().to_string(), text(a))).collect()
}

fn has_link(links: &[(String, String)], href: &str, text: &str) -> bool {
    links.iter().any(|(h, t)| h == href && t == text)
}

#[test]
fn every_reference_form_resolves_in_both_languages() {
    let t = SiteTest::new("refs/basic");
    t.build();
    let ja = body_links(&Doc::parse(&t.read("ja/policies/a/index.html")));
    assert!(has_link(&ja, "../../programs/b/index.html", "事業B"), "[[b]]: {ja:?}");
    assert!(has_link(&ja, "../../programs/b/index.html", "自分の文"), "[[b|text]]");
    assert!(has_link(&ja, "../../programs/b/index.html#aims", "事業B"), "[[b#aims]]");
    assert!(ja.iter().any(|(h, _)| h == "../../glossary/index.html#amed"), "[[glossary:amed]]");
    assert!(has_link(&ja, "../../programs/b/index.html#aims", "相対リンク"), "relative .md link");
    let en = body_links(&Doc::parse(&t.read("en/policies/a/index.html")));
    assert!(has_link(&en, "../../programs/b/index.html", "Program B"), "[[b]] en: {en:?}");
    assert!(has_link(&en, "../../programs/b/index.html", "own text"));
    assert!(has_link(&en, "../../programs/b/index.html#aims", "Program B"));
    assert!(has_link(&en, "../../programs/b/index.html#aims", "relative link"), "a ja file link goes to the en page");
    assert!(en.iter().any(|(h, _)| h == "../../glossary/index.html#amed"));
}

#[test]
fn a_reference_to_a_japanese_only_page_says_so_in_english() {
    let t = SiteTest::new("refs/basic");
    t.build();
    let en = Doc::parse(&t.read("en/policies/a/index.html"));
    let link = en.one(r#".body a[href="../../../ja/programs/c/index.html"]"#);
    assert_eq!(link.value().attr("hreflang"), Some("ja"));
    assert_eq!(en.texts(".body .ref-lang"), vec!["(Japanese only)"]);
}

#[test]
fn relations_breadcrumbs_children_related_and_backlinks() {
    let t = SiteTest::new("refs/basic");
    t.build();
    for lang in ["ja", "en"] {
        let b = Doc::parse(&t.read(&format!("{lang}/programs/b/index.html")));
        let backlinks = b.attrs("section[aria-labelledby=rel-backlinks] a", "href");
        assert!(backlinks.iter().any(|h| h.ends_with("policies/a/index.html")), "{lang}: a refers to b: {backlinks:?}");
        assert!(b.has("#rel-related"), "{lang}: related shown on the target too");
        let children = b.attrs("section[aria-labelledby=rel-children] a", "href");
        assert!(children.iter().any(|h| h.ends_with("c/index.html")), "{lang}: child c listed: {children:?}");
    }
    let c = Doc::parse(&t.read("ja/programs/c/index.html"));
    let crumbs: Vec<(String, String)> =
        c.all(".breadcrumbs a").into_iter().map(|a| (a.value().attr("href").unwrap_or_default().to_string(), text(a))).collect();
    assert!(has_link(&crumbs, "../b/index.html", "事業B"), "parent in breadcrumbs: {crumbs:?}");
}

#[test]
fn glossary_terms_are_marked_once_never_in_code_headings_or_inside_words() {
    let t = SiteTest::new("refs/basic");
    t.build();
    let ja = Doc::parse(&t.read("ja/policies/a/index.html"));
    let marked: Vec<(String, String)> = ja
        .all(".body a.term")
        .into_iter()
        .map(|a| (a.value().attr("href").unwrap_or_default().rsplit('#').next().unwrap_or_default().to_string(), text(a)))
        .collect();
    assert_eq!(marked.iter().filter(|(id, _)| id == "amed").count(), 1, "AMED once: {marked:?}");
    assert!(marked.iter().any(|(id, shown)| id == "single-irb" && shown == "single IRB"), "longest match: {marked:?}");
    assert!(marked.iter().any(|(id, shown)| id == "rwd" && shown == "RWD"), "RWD before Japanese");
    assert!(marked.iter().any(|(id, shown)| id == "pd" && shown == "PD"), "PD on its own");
    assert_eq!(ja.attr(".body a.term[href$='#rwd'] abbr", "title"), "リアルワールドデータ");
    assert_eq!(ja.attr(".body a.term[href$='#single-irb'] abbr", "title"), "単一の治験審査委員会");
    let body = ja.text(".body");
    assert!(body.contains("PDFとPDCA"), "PD inside PDF and PDCA untouched: {body}");
    assert!(!ja.has(".body code a, .body code abbr"), "not in code");
    assert_eq!(ja.texts(".body code"), vec!["AMED"]);
    assert!(!ja.has(".body h2 a.term"), "not in headings");
    let en = Doc::parse(&t.read("en/policies/a/index.html"));
    let cohort = en.one(".body a.term[href='../../glossary/index.html#cohort']");
    assert_eq!(text(cohort), "cohort");
    assert!(!en.has(".body a.term[href$='#cohort'] abbr"), "a term without expansion has no <abbr>");
    assert!(en.has("#terms-heading"), "terms box");
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
    let ja = Doc::parse(&t.read("ja/glossary/index.html"));
    let ids = |doc: &Doc| doc.attrs(".entry[id]", "id");
    assert_eq!(ids(&ja), ["irb", "rwd", "amed", "cohort", "single-irb", "biobank", "pd"], "gojūon order");
    let headings = ja.texts("main h2");
    for kana in ["ア", "カ", "サ", "ハ"] {
        assert!(headings.iter().any(|h| h == kana), "heading {kana}: {headings:?}");
    }
    let en = Doc::parse(&t.read("en/glossary/index.html"));
    assert_eq!(ids(&en), ["amed", "biobank", "cohort", "irb", "pd", "rwd", "single-irb"], "A–Z order");
    // "Used in" lists exactly the pages that contain the term.
    let used = |doc: &Doc, id: &str| doc.attrs(&format!("#{id} a"), "href");
    assert!(used(&en, "rwd").iter().any(|h| h.ends_with("policies/a/index.html")));
    let amed = used(&ja, "amed");
    assert!(amed.iter().any(|h| h.ends_with("policies/a/index.html")), "{amed:?}");
    assert!(!amed.iter().any(|h| h.ends_with("programs/b/index.html")), "{amed:?}");
}

#[test]
fn a_page_can_opt_out_of_term_markup_and_full_width_terms_match() {
    let t = SiteTest::new("refs/basic");
    t.build();
    for lang in ["ja", "en"] {
        let d = Doc::parse(&t.read(&format!("{lang}/policies/d/index.html")));
        assert!(!d.has(".term"), "{lang}: glossary: false");
        let e = Doc::parse(&t.read(&format!("{lang}/policies/e/index.html")));
        assert!(e.texts(".body a.term abbr").iter().any(|s| s == "ＡＭＥＤ"), "{lang}: full-width AMED marked as written");
    }
}
