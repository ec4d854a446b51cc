//! Search: the tokenizer cases shared with the browser, the client run in
//! node against them and against the Rust stemmer, and the index a build
//! writes. Node tests are skipped, saying so, when `node` is missing.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use crate::common::SiteTest;
use tebiki::search::tokenizer::Tokenizer;

const CASES: &str = "tests/fixtures/search/tokenizer-cases.json";

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[derive(serde::Deserialize, serde::Serialize)]
struct Case {
    lang: String,
    text: String,
    tokens: Vec<String>,
}

#[derive(serde::Deserialize, serde::Serialize)]
struct Cases {
    about: String,
    cases: Vec<Case>,
}

fn rust_tokens(c: &Case) -> Vec<String> {
    Tokenizer::new(c.lang == "en").tokens(&c.text)
}

/// `UPDATE_SNAPSHOTS=1` rewrites the expected tokens from the Rust tokenizer (review the diff).
#[test]
fn tokenizer_cases_pass_in_rust() {
    let path = manifest_dir().join(CASES);
    let mut cases: Cases = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    if std::env::var("UPDATE_SNAPSHOTS").as_deref() == Ok("1") {
        for c in &mut cases.cases {
            c.tokens = rust_tokens(c);
        }
        let mut text = serde_json::to_string_pretty(&cases).unwrap();
        text.push('\n');
        std::fs::write(&path, text).unwrap();
    }
    let failed: Vec<String> = cases
        .cases
        .iter()
        .filter(|c| rust_tokens(c) != c.tokens)
        .map(|c| format!("{} {:?}: {:?} != {:?}", c.lang, c.text, rust_tokens(c), c.tokens))
        .collect();
    assert!(failed.is_empty(), "{}", failed.join("\n"));
    assert!(cases.cases.len() >= 30);
}

fn node_available() -> bool {
    let ok = Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("skipped: node is not installed (the client's tests run in node)");
    }
    ok
}

fn node(args: &[&str]) {
    let out = Command::new("node").args(args).current_dir(manifest_dir()).output().expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "node {args:?} failed:\n{stdout}\n{stderr}");
    eprintln!("{stdout}");
}

#[test]
fn client_tokenizer_passes_the_same_cases_in_node() {
    if node_available() {
        node(&["--test", "tests/client/tokenizer.test.mjs"]);
    }
}

/// A family of pages sharing a word, built and searched with the client in
/// node: the page titled with the word alone comes first, though it sorts
/// last and mentions the word least.
#[test]
fn an_exact_title_match_comes_first_among_pages_sharing_the_word() {
    let t = SiteTest::new("search/family");
    t.build();
    let lengths = t.tree().remove("ja/search/v1/l.bin").unwrap();
    assert_eq!(&lengths[..5], b"TBKL\x01");
    assert_eq!(lengths.len(), 5 + 6, "one byte per document");
    if node_available() {
        let dir = t.root().join("public/ja/search/v1/");
        let out = Command::new("node")
            .args(["--test", "tests/client/ranking.test.mjs"])
            .env("TEBIKI_FAMILY_INDEX", &dir)
            .current_dir(manifest_dir())
            .output()
            .expect("node runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
        assert!(stdout.contains("# skipped 0"), "{stdout}");
    }
}

/// Words the stemmer must agree on: every word of the shipped English pages,
/// and generated words with each of Porter2's suffixes.
fn stem_vocabulary() -> Vec<String> {
    let mut words = std::collections::BTreeSet::new();
    for e in walkdir::WalkDir::new(manifest_dir().join("content")).into_iter().filter_map(Result::ok) {
        if e.path().to_string_lossy().ends_with(".en.md") {
            let text = std::fs::read_to_string(e.path()).unwrap_or_default().to_lowercase();
            words.extend(text.split(|c: char| !c.is_ascii_alphanumeric() && c != '\'').filter(|w| !w.is_empty()).map(String::from));
        }
    }
    let stems = [
        "gen", "y", "ay", "ab", "sky", "happ", "hop", "fil", "tr", "agree", "communic", "arsen", "univers", "cry", "sho", "bo", "fiz",
        "lov", "rat", "ful", "l", "h", "elect", "relat", "condit", "possib", "sens", "dy", "say", "pr", "b", "pas", "ski", "new", "ow",
        "fa", "succe", "inn", "outin", "eer", "ed", "abil", "'", "y'", "tt",
    ];
    let suffixes = [
        "", "s", "es", "ies", "ied", "sses", "ss", "us", "'s", "'s'", "'", "eed", "eedly", "ed", "edly", "ing", "ingly", "at", "bl", "iz",
        "bb", "dd", "tt", "y", "Y", "tional", "enci", "anci", "abli", "entli", "izer", "ization", "ational", "ation", "ator", "alism",
        "aliti", "alli", "fulness", "ousli", "ousness", "iveness", "iviti", "biliti", "bli", "logi", "ogi", "fulli", "lessli", "li", "cli",
        "icate", "ative", "alize", "iciti", "ical", "ful", "ness", "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement",
        "ment", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion", "sion", "tion", "e", "le", "ll", "yed", "ying", "ly",
    ];
    for s in stems {
        for a in suffixes {
            for b in ["", "s", "ing", "ly", "e", "al"] {
                words.insert(format!("{s}{a}{b}"));
            }
        }
    }
    words.into_iter().filter(|w| !w.is_empty()).collect()
}

#[test]
fn client_stemmer_agrees_with_rust_stemmers() {
    if !node_available() {
        return;
    }
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    let expected: BTreeMap<String, String> = stem_vocabulary().into_iter().map(|w| (w.clone(), stemmer.stem(&w).into_owned())).collect();
    assert!(expected.len() > 10_000, "{}", expected.len());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("stems.json");
    std::fs::write(&file, serde_json::to_string(&expected).unwrap()).unwrap();
    node(&["tests/client/compare-stems.mjs", file.to_str().unwrap()]);
}

fn built(t: &SiteTest) -> BTreeMap<String, Vec<u8>> {
    t.tree()
}

#[test]
fn build_writes_a_versioned_index_and_search_page_per_language() {
    let t = SiteTest::new("search/basic");
    t.build();
    let tree = built(&t);
    for lang in ["ja", "en"] {
        let manifest: serde_json::Value = serde_json::from_str(&t.read(&format!("{lang}/search/v1/manifest.json"))).unwrap();
        assert_eq!(manifest["format"], "tebiki-search");
        assert_eq!(manifest["version"], 1);
        assert_eq!(manifest["stem"], lang == "en");
        assert!(tree.keys().any(|p| p.starts_with(&format!("{lang}/search/v1/t/"))));
        assert!(tree.contains_key(&format!("{lang}/search/v1/m/0.json")));
        assert!(tree.contains_key(&format!("{lang}/search/v1/x/0.json")));
        assert!(tree.contains_key(&format!("{lang}/search/v1/f/period/3.bin")));
        let page = t.read(&format!("{lang}/search/index.html"));
        assert!(
            page.contains(r#"<form id="search-form" class="search-form" role="search" action="index.html" method="get" data-index="v1/""#),
            "{page}"
        );
        assert!(page.contains(r#"<script src="../../tebiki-search.js" defer></script>"#));
        assert!(page.contains(r#"role="status" aria-live="polite""#));
        assert!(page.contains(r#"<option value="3">"#), "period filter");
        assert!(!page.contains("site-search-q"), "no second search box on the search page");
        assert!(!page.contains("<script>") && !page.contains("style="), "inline script or style");
    }
    let ja = t.read("ja/search/index.html");
    assert!(ja.contains(r#"data-t-none="該当するページはありません""#), "UI strings in the page's language");
    let home = t.read("ja/programs/only-genomic/index.html");
    assert!(home.contains(r#"<form class="site-search" role="search" action="../../search/index.html" method="get">"#), "{home}");
    assert!(t.read("404.html").contains(r#"action="/ja/search/index.html""#));
    assert!(tree.contains_key("tebiki-search.js"));
}

#[test]
fn the_index_holds_page_text_not_navigation_or_terms_boxes() {
    let t = SiteTest::new("search/basic");
    t.build();
    let meta: Vec<(String, String, String, usize)> = serde_json::from_str(&t.read("en/search/v1/m/0.json")).unwrap();
    let urls: Vec<&str> = meta.iter().map(|m| m.0.as_str()).collect();
    assert!(urls.contains(&"../programs/only-genomic/index.html"), "{urls:?}");
    assert!(!urls.iter().any(|u| u.contains("ja-only")), "Japanese-only page in the English index");
    let chunk: serde_json::Value = serde_json::from_str(&t.read("en/search/v1/x/0.json")).unwrap();
    let all = chunk["texts"].to_string();
    assert!(all.contains("genomic"));
    assert!(!all.contains("Made with tebiki") && !all.contains("Skip to content"), "navigation indexed");
}

#[test]
fn the_index_is_byte_identical_from_one_build_to_the_next() {
    let t = SiteTest::new("search/basic");
    t.build();
    let first: BTreeMap<String, Vec<u8>> = built(&t).into_iter().filter(|(p, _)| p.contains("/search/")).collect();
    t.build();
    let second: BTreeMap<String, Vec<u8>> = built(&t).into_iter().filter(|(p, _)| p.contains("/search/")).collect();
    assert!(first.len() > 10);
    assert_eq!(first, second);
}

#[test]
fn a_deferred_index_gives_the_same_files_later() {
    let t = SiteTest::new("search/basic");
    use tebiki::pipeline::{Fresh, Options, SearchIndex, compile};
    use tebiki::plan::Collect;
    let (inline_files, deferred_files) = (Collect::default(), Collect::default());
    compile(t.root(), &Options::default(), &Fresh::new(), &inline_files).unwrap_or_else(|f| panic!("{f:?}"));
    let opts = Options { search: SearchIndex::Deferred, ..Options::default() };
    let deferred = compile(t.root(), &opts, &Fresh::new(), &deferred_files).unwrap_or_else(|f| panic!("{f:?}"));
    let index = |files: &[tebiki::plan::OutFile]| -> Vec<(String, Vec<u8>)> {
        files.iter().filter(|f| f.path.contains("/search/v1/")).map(|f| (f.path.clone(), f.bytes.clone())).collect()
    };
    assert!(index(&deferred_files.into_files()).is_empty());
    let mut later = deferred.search_corpus().expect("the corpus").build();
    later.sort_by(|a, b| a.path.cmp(&b.path));
    assert_eq!(index(&inline_files.into_files()), index(&later));
}
