//! Printed output, checked with poppler's tools: `build --pdf` on the
//! shipped site (checks 1 and 2 of the print issue), an ordinary page
//! printed to PDF (check 3), and a fixture handout with its PDF link; and
//! the print button and print media in the browser (`tests/browser/
//! print_button.mjs`). They need Chromium, `fonts-noto-cjk`, `poppler-utils`
//! and the browser tests' `npm ci`, so they run only
//! with `TEBIKI_BROWSER_TESTS=1` (as `.ci/run` sets) and are skipped, saying
//! so, otherwise. Check 5 (no Chromium) runs always, in `tests/print.rs`.
//! The handouts' own checks (page numbers, links, expansions, sheets,
//! tags) are in [`handouts`].

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use crate::common;
use crate::common::SiteTest;
use serde_json::Value;

mod handouts;

fn enabled() -> bool {
    if std::env::var("TEBIKI_BROWSER_TESTS").as_deref() == Ok("1") {
        return true;
    }
    eprintln!("skipped: PDF tests run with TEBIKI_BROWSER_TESTS=1 (see .ci/run)");
    false
}

/// Runs a poppler tool and returns its standard output.
fn poppler(tool: &str, args: &[&str]) -> String {
    let out =
        Command::new(tool).args(args).output().unwrap_or_else(|e| panic!("{tool} is not installed ({e}); apt-get install poppler-utils"));
    assert!(out.status.success(), "{tool} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn text_of(pdf: &Path) -> String {
    poppler("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"])
}

/// Text without white space: pdftotext breaks lines where the page does.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The shipped site, built once with `--pdf` for all tests of this file
/// (into `target/pdf-test-public`, replaced by the next run).
fn shipped() -> &'static PathBuf {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let out = root.join("target/pdf-test-public");
        let run = common::tebiki().args(["--root", root.to_str().unwrap(), "build", "--pdf", "--out"]).arg(&out).output().unwrap();
        assert!(run.status.success(), "build --pdf failed:\n{}", String::from_utf8_lossy(&run.stderr));
        out
    })
}

/// A localised value of site.json: the language's, else the source language's.
fn local<'a>(v: &'a Value, lang: &str, source: &str) -> Option<&'a Value> {
    v.get(lang).or_else(|| v.get(source)).filter(|x| !x.is_null())
}

struct Handout {
    id: String,
    title: String,
    pdf: PathBuf,
    html: String,
    page_titles: Vec<String>,
    /// Glossary ids used in the handout's text and its pages' bodies.
    terms: BTreeSet<String>,
}

/// Every handout of the shipped site in `lang`, from data/site.json.
fn handouts(out: &Path, lang: &str) -> Vec<Handout> {
    let site: Value = serde_json::from_str(&std::fs::read_to_string(out.join("data/site.json")).unwrap()).unwrap();
    let pages = site["pages"].as_array().unwrap();
    let page = |id: &str| pages.iter().find(|p| p["id"] == id).unwrap();
    let mut list = Vec::new();
    for h in pages.iter().filter(|p| p["kind"] == "handout") {
        let id = h["id"].as_str().unwrap().to_string();
        let mut terms = BTreeSet::new();
        let mut page_titles = Vec::new();
        let included: Vec<&Value> = h["pages"].as_array().unwrap().iter().map(|i| page(i.as_str().unwrap())).collect();
        for p in std::iter::once(h).chain(included.iter().copied()) {
            let source = p["source_language"].as_str().unwrap();
            if let Some(ts) = local(&p["terms"], lang, source) {
                terms.extend(ts.as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_string()));
            }
        }
        for p in &included {
            let source = p["source_language"].as_str().unwrap();
            page_titles.push(local(&p["title"], lang, source).unwrap().as_str().unwrap().to_string());
        }
        let html_path = h["path"][lang].as_str().unwrap();
        list.push(Handout {
            title: h["title"][lang].as_str().unwrap().to_string(),
            pdf: out.join(html_path.trim_end_matches("/index.html").to_string() + ".pdf"),
            html: std::fs::read_to_string(out.join(html_path)).unwrap(),
            id,
            page_titles,
            terms,
        });
    }
    assert!(list.len() >= 2, "the shipped site has handouts");
    list
}

/// Glossary terms of the shipped site in `lang` by id.
fn glossary_terms(out: &Path, lang: &str) -> Vec<(String, String)> {
    let site: Value = serde_json::from_str(&std::fs::read_to_string(out.join("data/site.json")).unwrap()).unwrap();
    site["glossary"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| Some((e["id"].as_str()?.to_string(), e[lang]["term"].as_str()?.to_string())))
        .collect()
}

#[test]
fn every_shipped_handout_is_printed_on_a4_in_both_languages_with_title_and_outline() {
    if !enabled() {
        return;
    }
    let out = shipped();
    for lang in ["ja", "en"] {
        for h in handouts(out, lang) {
            let pdf = h.pdf.to_str().unwrap();
            let info = poppler("pdfinfo", &[pdf]);
            assert!(info.contains("(A4)"), "{pdf} is not A4:\n{info}");
            let pages: usize = info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap();
            assert!(pages >= 2, "{pdf}: {pages} pages");
            let title = info.lines().find_map(|l| l.strip_prefix("Title:")).unwrap().trim().to_string();
            assert!(title.starts_with(&h.title), "{pdf}: title `{title}`");
            let bytes = std::fs::read(&h.pdf).unwrap();
            assert!(bytes.windows(9).any(|w| w == b"/Outlines"), "{pdf} has no outline");
            let pdf_link = format!("href=\"../{}.pdf\"", h.id);
            assert!(h.html.contains(&pdf_link), "{lang} handout {} does not link its PDF", h.id);
        }
    }
}

#[test]
fn the_japanese_pdf_has_the_titles_and_an_appendix_of_exactly_the_terms_used() {
    if !enabled() {
        return;
    }
    let out = shipped();
    let glossary = glossary_terms(out, "ja");
    for h in handouts(out, "ja") {
        let text = text_of(&h.pdf);
        let flat = squeeze(&text);
        assert!(flat.contains(&squeeze(&h.title)), "{}: no title", h.id);
        for t in &h.page_titles {
            assert!(flat.contains(&squeeze(t)), "{}: no included page `{t}`", h.id);
        }
        // The appendix: after its heading (the last mention; the first is the contents), before the sources.
        let start = text.rfind("付録：この資料の用語").unwrap_or_else(|| panic!("{}: no glossary appendix", h.id));
        let end = text.rfind("付録：出典").unwrap_or(text.len());
        let appendix = &text[start..end];
        let listed: BTreeSet<String> =
            appendix.lines().filter_map(|line| glossary.iter().find(|(_, term)| term == line.trim()).map(|(id, _)| id.clone())).collect();
        assert_eq!(listed, h.terms, "{}: appendix terms differ from the terms used", h.id);
        let in_html: BTreeSet<String> =
            h.html.match_indices(" id=\"g-").map(|(at, _)| h.html[at + 7..].split('"').next().unwrap().to_string()).collect();
        assert_eq!(in_html, h.terms, "{}: HTML appendix", h.id);
    }
}

#[test]
fn japanese_text_is_printed_in_a_cjk_font_with_a_text_layer() {
    if !enabled() {
        return;
    }
    let out = shipped();
    for h in handouts(out, "ja") {
        let pdf = h.pdf.to_str().unwrap();
        // Chromium (Skia) embeds Noto CJK's CFF outlines as Type 3 fonts, which pdffonts lists
        // without a name; their font descriptors carry the family.
        let fonts = poppler("pdffonts", &[pdf]);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{pdf}: no fonts");
        assert!(rows.iter().all(|r| r.split_whitespace().rev().nth(2) == Some("yes")), "{pdf}: a font without ToUnicode:\n{fonts}");
        let bytes = std::fs::read(&h.pdf).unwrap();
        let has = |s: &str| bytes.windows(s.len()).any(|w| w == s.as_bytes());
        assert!(has("/FontFamily (Noto Sans CJK JP)") || has("NotoSansCJK"), "{pdf}: no Noto Sans CJK font");
        // The cover renders, and its text layer reads back as Japanese (no tofu, no missing glyphs).
        let png = out.join(format!("{}-cover", h.id));
        poppler("pdftoppm", &["-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile", pdf, png.to_str().unwrap()]);
        assert!(std::fs::metadata(png.with_extension("png")).unwrap().len() > 2000);
        let cover = poppler("pdftotext", &["-f", "1", "-l", "1", "-enc", "UTF-8", pdf, "-"]);
        assert!(squeeze(&cover).contains(&squeeze(&h.title)), "{pdf}: cover text `{cover}`");
        assert!(!cover.contains('\u{fffd}'), "{pdf}: replacement characters on the cover");
    }
}

#[test]
fn an_ordinary_page_prints_without_navigation_or_search_and_with_its_url() {
    if !enabled() {
        return;
    }
    let t = SiteTest::new("print/handout");
    t.build();
    let chromium = tebiki::output::pdf::find_chromium().expect("Chromium for the PDF tests");
    for (page, url, title, chrome) in [
        (
            "ja/programs/b-cure/index.html",
            "https://example.org/ja/programs/b-cure/",
            "ゲノム医療実現バイオバンク利活用プログラム",
            ["本文へ移動", "用語集", "対応表", "ホーム", "English", "検索", "tebiki で作成"],
        ),
        (
            "en/programs/b-cure/index.html",
            "https://example.org/en/programs/b-cure/",
            "Biobank Utilization Program",
            ["Skip to content", "Glossary", "Crosswalk", "Home", "日本語", "Search", "Made with tebiki"],
        ),
    ] {
        let html = t.root().join("public").join(page);
        let pdf = t.root().join("page.pdf");
        tebiki::output::pdf::print_file(&chromium, &html, &pdf).unwrap();
        let info = poppler("pdfinfo", &[pdf.to_str().unwrap()]);
        assert!(info.contains("(A4)"), "{page}: {info}");
        let text = text_of(&pdf);
        assert!(text.contains(url), "{page}: the page URL is not printed:\n{text}");
        assert!(text.contains(title), "{page}: no title:\n{text}");
        // pdftotext drops the spaces of "1 / 1".
        assert!(squeeze(&text).contains("1/1"), "{page}: no page number:\n{text}");
        for word in chrome {
            assert!(!text.contains(word), "{page}: site chrome `{word}` printed:\n{text}");
        }
        // The glossary expansion follows the first use of a term.
        let flat = squeeze(&text);
        assert!(flat.contains("PD（プログラムディレクター）") || flat.contains("PD(programdirector)"), "{text}");
    }
}

#[test]
fn build_pdf_prints_the_fixture_handout_and_the_html_links_it() {
    if !enabled() {
        return;
    }
    let t = SiteTest::new("print/handout");
    let r = t.run(&["build", "--pdf"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("2 PDFs"), "{}", r.stderr);
    // One line per handout printed, before the summary.
    let printed: Vec<&str> = r.stderr.lines().filter(|l| l.starts_with("Printed ")).collect();
    assert_eq!(printed.len(), 2, "{}", r.stderr);
    for lang in ["ja", "en"] {
        assert!(printed.iter().any(|l| l.starts_with(&format!("Printed {lang}/handouts/briefing.pdf ("))), "{}", r.stderr);
    }
    assert!(printed.iter().any(|l| l.ends_with("(2/2)")), "{}", r.stderr);
    for lang in ["ja", "en"] {
        let pdf = t.root().join(format!("public/{lang}/handouts/briefing.pdf"));
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
        let html = t.read(&format!("{lang}/handouts/briefing/index.html"));
        assert!(html.contains(r#"<a class="button pdf-link" href="../briefing.pdf" type="application/pdf">"#), "{html}");
        let text = text_of(&pdf);
        // Running footer: the handout's URL and page numbers; no footer on the cover.
        assert!(text.contains(&format!("https://example.org/{lang}/handouts/briefing/")));
        assert!(squeeze(&text).contains("2/"), "{text}");
        let cover = poppler("pdftotext", &["-f", "1", "-l", "1", "-enc", "UTF-8", pdf.to_str().unwrap(), "-"]);
        assert!(
            !squeeze(&cover).contains("1/") && !cover.contains("印刷日") && !cover.contains("Printed"),
            "the cover has no header or footer:\n{cover}"
        );
    }
}

#[test]
fn the_print_button_prints_and_print_media_hides_the_site_chrome() {
    if !enabled() {
        return;
    }
    let t = SiteTest::new("print/handout");
    t.build();
    let handout = t.root().join("public/ja/handouts/briefing/index.html");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let out = Command::new("node")
        .arg(dir.join("print_button.mjs"))
        .arg(&handout)
        .arg("https://example.org/ja/handouts/briefing/")
        .current_dir(&dir)
        .output()
        .expect("node is installed");
    let log = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "print_button.mjs failed:\n{log}");
    eprintln!("{log}");
}
