//! Round trips: what the index files say equals what the tokenizer finds.

use std::collections::BTreeMap;

use super::index::{self, IN_SUMMARY, IN_TITLE, TF_MASK};
use super::tokenizer::Tokenizer;
use super::*;

fn doc(title: &str, summary: Option<&str>, text: &str, kind: &str, periods: &[&str]) -> Doc {
    let mut facets = BTreeMap::new();
    facets.insert("kind", vec![kind.to_string()]);
    facets.insert("period", periods.iter().map(|p| p.to_string()).collect());
    Doc {
        url: format!("../programs/{}/index.html", title.len()),
        title: title.into(),
        summary: summary.map(Into::into),
        text: text.into(),
        meta: kind.into(),
        facets,
    }
}

fn corpus() -> LangCorpus {
    LangCorpus {
        lang: Lang::Ja,
        stem: false,
        docs: vec![
            doc("ゲノム医療実現推進プラットフォーム事業", Some("ゲノム医療の実現"), "AMEDが支援する事業。", "program", &["2"]),
            doc("臨床研究・治験推進研究事業", None, "臨床試験を支援する。第3期。", "program", &["2", "3"]),
            doc("健康・医療戦略", Some("戦略"), "政府の戦略。", "policy", &["3"]),
        ],
    }
}

fn files_of(c: &LangCorpus) -> BTreeMap<String, Vec<u8>> {
    let built = index::build(c);
    let files = std::sync::Mutex::new(BTreeMap::new());
    index::write(c, &built, "ja/search/v1/", &|f| assert!(files.lock().unwrap().insert(f.path, f.bytes).is_none(), "a file made twice"));
    files.into_inner().unwrap()
}

/// Every term of every shard, decoded.
fn decoded(files: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<(u32, u8)>> {
    let mut all = BTreeMap::new();
    for (path, bytes) in files.iter().filter(|(p, _)| p.contains("/t/")) {
        let shard = index::read_shard(bytes).unwrap_or_else(|| panic!("{path} does not decode"));
        for (term, postings) in shard {
            assert!(all.insert(term, postings).is_none(), "a term in two shards");
        }
    }
    all
}

#[test]
fn every_term_round_trips_with_its_documents_and_weights() {
    let c = corpus();
    let terms = decoded(&files_of(&c));
    let tok = Tokenizer::new(false);
    let mut expected: BTreeMap<String, BTreeMap<u32, (u32, u8)>> = BTreeMap::new();
    for (i, d) in c.docs.iter().enumerate() {
        let fields = [(d.title.as_str(), IN_TITLE), (d.summary.as_deref().unwrap_or(""), IN_SUMMARY), (&*d.text, 0)];
        for (text, flag) in fields {
            for t in tok.tokens(text) {
                let e = expected.entry(t).or_default().entry(i as u32).or_insert((0, 0));
                e.0 += 1;
                e.1 |= flag;
            }
        }
    }
    let expected: BTreeMap<String, Vec<(u32, u8)>> = expected
        .into_iter()
        .map(|(t, docs)| (t, docs.into_iter().map(|(d, (tf, f))| (d, f | tf.min(TF_MASK as u32) as u8)).collect()))
        .collect();
    assert_eq!(terms, expected);
}

#[test]
fn a_word_inside_a_compound_is_found_by_its_bigrams() {
    let terms = decoded(&files_of(&corpus()));
    for bigram in ["実現", "現推", "推進"] {
        assert!(terms[bigram].iter().any(|(d, _)| *d == 0), "{bigram}");
    }
    let (_, w) = terms["推進"].iter().find(|(d, _)| *d == 0).copied().unwrap_or_default();
    assert_ne!(w & IN_TITLE, 0, "found in the title");
}

#[test]
fn metadata_text_and_filters_round_trip() {
    let c = corpus();
    let files = files_of(&c);
    let meta: Vec<(String, String, String, usize)> = serde_json::from_slice(&files["ja/search/v1/m/0.json"]).unwrap();
    assert_eq!(meta.len(), 3);
    assert_eq!(meta[1].1, "臨床研究・治験推進研究事業");
    let chunk: serde_json::Value = serde_json::from_slice(&files[&format!("ja/search/v1/x/{}.json", meta[1].3)]).unwrap();
    let first = chunk["first"].as_u64().unwrap() as usize;
    assert_eq!(chunk["texts"][1 - first].as_str().unwrap(), c.docs[1].excerpt());
    assert_eq!(index::read_facet(&files["ja/search/v1/f/period/3.bin"]), Some(vec![1, 2]));
    assert_eq!(index::read_facet(&files["ja/search/v1/f/kind/program.bin"]), Some(vec![0, 1]));
    let manifest: serde_json::Value = serde_json::from_slice(&files["ja/search/v1/manifest.json"]).unwrap();
    assert_eq!(manifest["format"], "tebiki-search");
    assert_eq!(manifest["version"], 1);
    assert_eq!(manifest["docs"], 3);
    assert_eq!(manifest["facets"]["period"], serde_json::json!(["2", "3"]));
}

#[test]
fn output_is_the_same_whatever_the_number_of_threads() {
    let mut docs = Vec::new();
    for i in 0..300 {
        docs.push(doc(&format!("事業{i} program {i}"), None, &format!("本文{} text {} ゲノム", i % 7, i % 13), "program", &["3"]));
    }
    let c = LangCorpus { lang: Lang::En, stem: true, docs };
    let run = |threads| rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap().install(|| files_of(&c));
    let one = run(1);
    assert_eq!(one, run(4));
    let terms = decoded(&one);
    assert_eq!(terms["ゲノ"].len(), 300);
    assert_eq!(terms["program"].iter().map(|p| p.0).collect::<Vec<_>>(), (0..300).collect::<Vec<_>>());
}

#[test]
fn large_indexes_are_split_into_shards_named_by_hash_prefix() {
    assert_eq!(index::shard_bits(1000), 0);
    assert_eq!(index::shard_bits(index::SHARD_TARGET * 5), 3);
    assert_eq!(index::shard_name(0x2a, 8), "2a");
    assert_eq!(index::shard_name(0x2a, 9), "02a");
    assert_eq!(index::fnv1a(""), 0x811c_9dc5);
    assert_eq!(index::fnv1a("a"), 0xe40c_292c);
    assert_eq!(index::shard_of("a", 4), 0xe);
    assert_eq!(index::shard_bitmap([0, 3, 9].into_iter(), 4), "0902");
    assert_eq!(index::shard_bitmap([0].into_iter(), 0), "01");
}

#[test]
fn dense_postings_are_written_as_a_bitmap_and_read_back() {
    let docs: Vec<Doc> =
        (0..200).map(|i| doc(&format!("t{i}"), None, if i % 3 == 0 { "rare" } else { "common" }, "program", &[])).collect();
    let c = LangCorpus { lang: Lang::En, stem: false, docs };
    let files = files_of(&c);
    let terms = decoded(&files);
    assert_eq!(terms["common"].iter().map(|p| p.0).collect::<Vec<_>>(), (0..200).filter(|i| i % 3 != 0).collect::<Vec<_>>());
    assert_eq!(terms["rare"].len(), 67);
    let shard = files.iter().find(|(p, _)| p.contains("/t/")).map(|(_, b)| b.clone()).unwrap_or_default();
    let at = shard.windows(6).position(|w| w == b"common").expect("the term") + 6;
    assert_eq!(index::get_varint(&shard, at), Some((133, 2)));
    assert_eq!(shard[at + 2], index::FORM_BITMAP);
}

#[test]
fn varints_round_trip() {
    for v in [0, 1, 127, 128, 300, 16_383, 16_384, u32::MAX] {
        let mut b = Vec::new();
        index::put_varint(&mut b, v);
        assert_eq!(index::get_varint(&b, 0), Some((v, b.len())));
    }
    assert_eq!(index::read_shard(b"TBKS\x01\x05"), None, "truncated shard");
    assert_eq!(index::read_shard(b"nope!"), None);
}

#[test]
fn excerpt_text_is_cut_at_a_character_boundary() {
    let s = "あ".repeat(10);
    assert_eq!(cap(&s, 7), "ああ");
    assert_eq!(cap("a", 5), "a");
}

#[test]
fn the_index_hands_every_file_to_the_sink_and_returns_its_path() {
    let mut en = corpus();
    en.lang = Lang::En;
    let c = Corpus { langs: vec![corpus(), en] };
    let sink = crate::plan::Collect::default();
    let mut paths = c.build_into(&sink);
    let handed = sink.into_files();
    paths.sort();
    assert_eq!(paths, handed.iter().map(|f| f.path.clone()).collect::<Vec<_>>());
    assert_eq!(handed, c.build());
    assert!(paths.iter().any(|p| p.starts_with("ja/search/")) && paths.iter().any(|p| p.starts_with("en/search/")));
}
