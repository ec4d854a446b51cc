//! The handout PDFs of the shipped site as a meeting uses them: page
//! numbers in the contents, links as numbered references, no doubled
//! glossary expansion, no nearly empty sheet, tagged with the language set
//! (checks 1, 3, 4, 5 and 6 of the handouts issue). Gated like the rest of
//! the PDF tests, whose helpers they use.

use std::path::Path;

use serde_json::Value;

use super::{enabled, handouts, poppler, shipped, text_of};
use crate::common;

/// The text of each sheet of `pdf` (pdftotext ends every page with a form feed).
fn sheets(pdf: &Path, layout: bool) -> Vec<String> {
    let mut args = vec!["-enc", "UTF-8"];
    if layout {
        args.push("-layout");
    }
    args.extend([pdf.to_str().unwrap(), "-"]);
    let text = poppler("pdftotext", &args);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Every handout of the shipped site, in both languages.
fn shipped_handouts() -> impl Iterator<Item = (&'static str, super::Handout)> {
    let out = shipped();
    ["ja", "en"].into_iter().flat_map(move |lang| handouts(out, lang).into_iter().map(move |h| (lang, h)))
}

/// Text without white space or hyphens (pdftotext joins a word hyphenated at a line end).
fn letters(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && *c != '-').collect()
}

#[test]
fn every_contents_entry_carries_the_page_its_heading_is_printed_on() {
    if !enabled() {
        return;
    }
    for (lang, h) in shipped_handouts() {
        let doc = common::html::Doc::parse(&h.html);
        let plain = sheets(&h.pdf, false);
        let entries = doc.all(".handout-contents li");
        assert!(entries.len() >= 3, "{lang} {}: contents", h.id);
        let mut listed = Vec::new();
        for li in entries {
            let slot = li.select(&scraper::Selector::parse(".page-number").unwrap()).next().expect("a page number slot");
            let anchor = slot.value().attr("data-page-of").unwrap();
            let n: usize = common::html::text(slot).parse().unwrap_or_else(|_| panic!("{lang} {}: `{anchor}` has no page number", h.id));
            listed.push((letters(&doc.text(&format!("[id=\"{anchor}\"]"))), n));
        }
        // The contents fill sheets 2 up to the first entry's.
        let first = listed.iter().map(|(_, n)| *n).min().unwrap();
        assert!(first >= 3, "{lang} {}: the first entry is on p. {first}", h.id);
        for (heading, n) in &listed {
            // The first sheet after the contents that prints the heading.
            let printed = plain.iter().enumerate().skip(first - 1).find(|(_, p)| letters(p).contains(heading)).map(|(k, _)| k + 1);
            assert_eq!(printed, Some(*n), "{lang} {}: `{heading}` is listed on p. {n}", h.id);
        }
        let numbers: Vec<String> = listed.iter().map(|(_, n)| n.to_string()).collect();
        // The printed contents carry the numbers, in order, at the ends of their lines.
        let layout = sheets(&h.pdf, true);
        let ends: Vec<&str> = layout[1..first - 1].iter().flat_map(|p| p.lines()).filter_map(|l| l.split_whitespace().last()).collect();
        let mut it = ends.iter();
        for n in &numbers {
            assert!(it.any(|e| e == n), "{lang} {}: the printed contents lack p. {n} in order:\n{}", h.id, layout[1]);
        }
    }
}

#[test]
fn links_print_as_numbered_references_with_each_sections_urls_listed() {
    if !enabled() {
        return;
    }
    for (lang, h) in shipped_handouts() {
        let doc = common::html::Doc::parse(&h.html);
        let text = text_of(&h.pdf);
        // No URL printed after a link, in a table cell or anywhere before the sources appendix.
        let end = doc.all("#handout-sources").first().map(|e| common::html::text(*e)).and_then(|t| text.rfind(&t)).unwrap_or(text.len());
        for inline in ["(http", "（http"] {
            assert!(!text[..end].contains(inline), "{lang} {}: a URL inline after a link:\n{}", h.id, &text[..end]);
        }
        for cell in doc.all("td a[href^=\"http\"], th a[href^=\"http\"]") {
            let in_budget = cell.ancestors().any(|a| a.value().as_element().is_some_and(|e| e.classes().any(|c| c == "budget")));
            assert!(in_budget || cell.value().attr("data-ref").is_some(), "{lang} {}: an unnumbered link in a table cell", h.id);
        }
        // Every numbered link's URL is listed, and the list is printed.
        let listed = doc.attrs(".link-list a", "href");
        assert!(!listed.is_empty(), "{lang} {}: no list of link targets", h.id);
        let flat = letters(&text);
        for url in &listed {
            assert!(flat.contains(&letters(url)), "{lang} {}: `{url}` is not printed", h.id);
        }
        for n in doc.attrs("a[data-ref]", "data-ref") {
            assert!(n.parse::<usize>().is_ok_and(|n| n >= 1), "{lang} {}: link number `{n}`", h.id);
        }
    }
}

/// Lower case without white space, as characters.
fn folded(s: &str) -> Vec<char> {
    s.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

#[test]
fn no_glossary_expansion_is_printed_twice_beside_its_term() {
    if !enabled() {
        return;
    }
    let out = shipped();
    let site: Value = serde_json::from_str(&std::fs::read_to_string(out.join("data/site.json")).unwrap()).unwrap();
    let glossary = site["glossary"].as_array().unwrap();
    for (lang, appendix) in [("ja", "付録：この資料の用語"), ("en", "Appendix: terms used in this briefing")] {
        for h in handouts(out, lang) {
            let text = text_of(&h.pdf);
            // The bodies: up to the glossary appendix (its heading's last mention; the first is the contents).
            let text = folded(&text[..text.rfind(appendix).unwrap_or(text.len())]);
            for e in glossary.iter().filter(|e| h.terms.contains(e["id"].as_str().unwrap())) {
                let term = folded(e[lang]["term"].as_str().or(e["ja"]["term"].as_str()).unwrap());
                let expansions: Vec<Vec<char>> =
                    ["ja", "en"].iter().filter_map(|l| e[l]["expansion"].as_str()).map(folded).filter(|x| !x.is_empty()).collect();
                for at in (0..text.len().saturating_sub(term.len())).filter(|&k| text[k..].starts_with(&term)) {
                    let from = at + term.len();
                    // An expansion given in brackets (a name that contains the words does not count).
                    let found: usize = (from..(from + 40).min(text.len()))
                        .filter(|&k| matches!(text[k - 1], '（' | '('))
                        .filter(|&k| expansions.iter().any(|x| text[k..].starts_with(x)))
                        .count();
                    let shown: String = text[from..(from + 80).min(text.len())].iter().collect();
                    assert!(found <= 1, "{lang} {}: `{}` explained {found} times: {shown}", h.id, e["id"]);
                }
            }
        }
    }
}

#[test]
fn no_sheet_between_the_cover_and_the_last_is_nearly_empty() {
    if !enabled() {
        return;
    }
    let out = shipped();
    let mut thin = Vec::new();
    for lang in ["ja", "en"] {
        for h in handouts(out, lang) {
            let pages = sheets(&h.pdf, false);
            let running = |l: &str| {
                l.contains("/handouts/")
                    || l.contains("印刷日")
                    || l.starts_with("Printed ")
                    || l.split('/').all(|n| n.trim().parse::<usize>().is_ok())
            };
            for (k, page) in pages.iter().enumerate().take(pages.len() - 1).skip(1) {
                // Lines of text less the running header (first two lines) and footer.
                let body = page.lines().filter(|l| !l.trim().is_empty()).skip(2).filter(|l| !running(l.trim())).count();
                if body < 5 {
                    thin.push(format!("{lang} {} p. {}: {body} lines", h.id, k + 1));
                }
            }
        }
    }
    assert!(thin.is_empty(), "nearly empty sheets:\n{}", thin.join("\n"));
}

#[test]
fn handout_pdfs_are_tagged_with_their_language_and_a_structure_of_headings_lists_and_tables() {
    if !enabled() {
        return;
    }
    for (lang, h) in shipped_handouts() {
        let pdf = h.pdf.to_str().unwrap();
        let info = poppler("pdfinfo", &[pdf]);
        assert!(info.lines().any(|l| l.starts_with("Tagged:") && l.ends_with("yes")), "{pdf} is not tagged:\n{info}");
        let bytes = std::fs::read(&h.pdf).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        // The catalog names the document's language.
        let catalog = &text[text.find("/Type /Catalog").unwrap_or_else(|| panic!("{pdf}: no catalog"))..];
        let catalog = &catalog[..catalog.find("endobj").unwrap()];
        assert!(catalog.contains(&format!("/Lang ({lang})")), "{pdf}: catalog without /Lang ({lang}):\n{catalog}");
        assert!(catalog.contains("/StructTreeRoot"), "{pdf}: no structure tree");
        for tag in ["/S /H1", "/S /H2", "/S /L", "/S /LI", "/S /Table", "/S /TH", "/S /Link"] {
            assert!(text.contains(tag), "{pdf}: no `{tag}` in the structure tree");
        }
    }
}

#[test]
fn links_to_sections_print_the_page_their_target_is_on() {
    if !enabled() {
        return;
    }
    for (lang, h) in shipped_handouts() {
        let doc = common::html::Doc::parse(&h.html);
        let listed: std::collections::BTreeMap<String, String> = doc
            .all(".handout-contents .page-number")
            .into_iter()
            .map(|e| (e.value().attr("data-page-of").unwrap().to_string(), common::html::text(e)))
            .collect();
        let mut filled = 0;
        for slot in doc.all(".page-ref") {
            let n = common::html::text(slot);
            if n.is_empty() {
                continue;
            }
            filled += 1;
            let target = slot.value().attr("data-page-of").unwrap();
            if let Some(page) = listed.get(target) {
                assert_eq!(&n, page, "{lang} {}: a link to `{target}` says p. {n}, the contents p. {page}", h.id);
            }
        }
        assert!(filled > 0, "{lang} {}: no link carries a page", h.id);
        assert!(text_of(&h.pdf).contains("→ p. "), "{lang} {}: no page reference printed", h.id);
    }
}
