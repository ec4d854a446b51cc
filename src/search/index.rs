//! Building the index of one language and writing its files.
//!
//! [`build`] tokenizes every document in parallel (rayon `fold` over
//! contiguous runs of documents, `reduce` in order), so the postings of each
//! term come out sorted by document without a sort. [`write`] turns the
//! result into the files of format version 1 (see [`super`] for the
//! layout). Everything is sorted and sized from the input alone, so the
//! bytes are the same whatever the number of threads.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;

use super::tokenizer::{Token, Tokenizer};
use super::{Doc, FORMAT, LangCorpus, VERSION};
use crate::escape::JsonHtmlSafe;
use crate::hash::FxBuild;
use crate::paths;
use crate::plan::OutFile;

/// Weight bit: the term is in the title.
pub const IN_TITLE: u8 = 0x80;
/// Weight bit: the term is in the summary.
pub const IN_SUMMARY: u8 = 0x40;
/// Weight bits: occurrences, capped.
pub const TF_MASK: u8 = 0x3F;

/// Documents per metadata chunk.
pub const META_CHUNK: usize = 16;
/// Excerpt text kept per document, in bytes of UTF-8.
pub const TEXT_CAP: usize = 8 * 1024;
/// A text chunk is closed before it grows past this many bytes.
pub const TEXT_CHUNK: usize = 8 * 1024;
/// Term shards aim at this many bytes each.
pub const SHARD_TARGET: usize = 12 * 1024;
/// At most 2^12 term shards.
pub const MAX_SHARD_BITS: u32 = 12;

/// The postings of one term: document deltas (varints, the first counted
/// from 0) and, apart, one weight byte per document.
#[derive(Default, Debug, Clone)]
pub struct Postings {
    pub deltas: Vec<u8>,
    pub weights: Vec<u8>,
    pub last: u32,
}

impl Postings {
    fn push(&mut self, doc: u32, weight: u8) {
        let delta = if self.weights.is_empty() { doc } else { doc - self.last };
        put_varint(&mut self.deltas, delta);
        self.weights.push(weight);
        self.last = doc;
    }

    /// Appends postings of later documents.
    fn append(&mut self, other: Postings) {
        if other.weights.is_empty() {
            return;
        }
        if self.weights.is_empty() {
            *self = other;
            return;
        }
        let (first, len) = get_varint(&other.deltas, 0).unwrap_or((0, 0));
        put_varint(&mut self.deltas, first - self.last);
        self.deltas.extend_from_slice(&other.deltas[len..]);
        self.weights.extend_from_slice(&other.weights);
        self.last = other.last;
    }

    /// The documents, in order.
    pub fn docs(&self) -> Vec<u32> {
        let mut out = Vec::with_capacity(self.weights.len());
        let mut at = 0;
        let mut doc = 0;
        while let Some((d, n)) = get_varint(&self.deltas, at) {
            doc = if out.is_empty() { d } else { doc + d };
            out.push(doc);
            at += n;
        }
        out
    }

    /// Appends the shard form: count, form byte (0 deltas, 1 bitmap), documents, weights.
    fn encode(&self, out: &mut Vec<u8>) {
        put_varint(out, self.weights.len() as u32);
        let bitmap_len = self.last as usize / 8 + 1;
        if bitmap_len < self.deltas.len() {
            out.push(FORM_BITMAP);
            put_varint(out, bitmap_len as u32);
            let start = out.len();
            out.resize(start + bitmap_len, 0);
            for d in self.docs() {
                out[start + d as usize / 8] |= 1 << (d % 8);
            }
        } else {
            out.push(FORM_DELTAS);
            out.extend_from_slice(&self.deltas);
        }
        out.extend_from_slice(&self.weights);
    }
}

/// Postings form: varint document deltas.
pub const FORM_DELTAS: u8 = 0;
/// Postings form: a bitmap of documents (byte `d / 8`, bit `d % 8`).
pub const FORM_BITMAP: u8 = 1;

/// A term of a [`Partial`]: its postings so far and the document being counted.
#[derive(Default)]
struct Entry {
    postings: Postings,
    /// 1 + the document `tf` and `flags` count, 0 before the first.
    doc: u32,
    tf: u32,
    flags: u8,
}

/// No term: a word too long to index.
const NONE: u32 = u32::MAX;

/// The terms of a run of consecutive documents. Each term has an id, found
/// from a gram's characters or a word's text without building its term.
#[derive(Default)]
struct Partial {
    /// Term → id.
    ids: HashMap<Box<str>, u32, FxBuild>,
    /// Id → term and postings.
    terms: Vec<Box<str>>,
    entries: Vec<Entry>,
    /// Japanese gram (both characters in one number) → id.
    grams: HashMap<u64, u32, FxBuild>,
    /// Word as written (before stemming) → id, or [`NONE`].
    words: HashMap<Box<str>, u32, FxBuild>,
    /// Terms of the document being added.
    touched: Vec<u32>,
    /// Per document added: its id and the number of distinct terms of its title.
    titles: Vec<(u32, u8)>,
}

impl Partial {
    fn intern(ids: &mut HashMap<Box<str>, u32, FxBuild>, terms: &mut Vec<Box<str>>, entries: &mut Vec<Entry>, term: &str) -> u32 {
        if let Some(k) = ids.get(term) {
            return *k;
        }
        let k = terms.len() as u32;
        ids.insert(term.into(), k);
        terms.push(term.into());
        entries.push(Entry::default());
        k
    }

    fn add(mut self, tok: &Tokenizer, id: u32, doc: &Doc) -> Partial {
        let fields = [(doc.title.as_str(), IN_TITLE), (doc.summary.as_deref().unwrap_or(""), IN_SUMMARY), (&*doc.text, 0)];
        let Partial { ids, terms, entries, grams, words, touched, titles } = &mut self;
        let mut buf = String::new();
        for (text, flag) in fields {
            tok.each_token(text, |t| {
                let k = match t {
                    Token::Gram(a, b) => {
                        let key = (a as u64) << 32 | b.map_or(u32::MAX as u64, |b| b as u64);
                        match grams.get(&key) {
                            Some(k) => *k,
                            None => {
                                buf.clear();
                                buf.push(a);
                                buf.extend(b);
                                let k = Self::intern(ids, terms, entries, &buf);
                                grams.insert(key, k);
                                k
                            }
                        }
                    }
                    Token::Word(w) => match words.get(w) {
                        Some(k) => *k,
                        None => {
                            let k = tok.word_term(w).map_or(NONE, |term| Self::intern(ids, terms, entries, &term));
                            words.insert(w.into(), k);
                            k
                        }
                    },
                };
                if k == NONE {
                    return;
                }
                let e = &mut entries[k as usize];
                if e.doc != id + 1 {
                    e.doc = id + 1;
                    e.tf = 0;
                    e.flags = 0;
                    touched.push(k);
                }
                e.tf += 1;
                e.flags |= flag;
            });
            if flag == IN_TITLE {
                // The title is tokenized first: the terms touched so far are its own.
                titles.push((id, touched.len().min(u8::MAX as usize) as u8));
            }
        }
        for k in touched.drain(..) {
            let e = &mut entries[k as usize];
            e.postings.push(id, e.flags | e.tf.min(TF_MASK as u32) as u8);
        }
        self
    }

    /// Appends the postings of later documents (no [`add`](Self::add) after this).
    fn merge(mut self, mut later: Partial) -> Partial {
        self.titles.append(&mut later.titles);
        if self.terms.is_empty() {
            later.titles = self.titles;
            return later;
        }
        for (term, e) in later.terms.into_iter().zip(later.entries) {
            let k = Self::intern(&mut self.ids, &mut self.terms, &mut self.entries, &term);
            self.entries[k as usize].postings.append(e.postings);
        }
        self
    }
}

/// The index of one language, before it is written.
pub struct Built {
    /// Terms in byte order with their postings.
    pub terms: Vec<(Box<str>, Postings)>,
    /// Per document: how many distinct terms its title has (at most 255).
    pub title_terms: Vec<u8>,
}

/// Tokenizes every document of one language, in parallel.
pub fn build(corpus: &LangCorpus) -> Built {
    let tok = Tokenizer::new(corpus.stem);
    let partial = corpus
        .docs
        .par_iter()
        .enumerate()
        .with_min_len(32)
        .fold(Partial::default, |acc, (i, doc)| acc.add(&tok, i as u32, doc))
        .reduce(Partial::default, Partial::merge);
    let mut title_terms = vec![0u8; corpus.docs.len()];
    for (id, n) in partial.titles {
        if let Some(slot) = title_terms.get_mut(id as usize) {
            *slot = n;
        }
    }
    let mut terms: Vec<(Box<str>, Postings)> = partial.terms.into_iter().zip(partial.entries).map(|(t, e)| (t, e.postings)).collect();
    terms.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Built { terms, title_terms }
}

/// FNV-1a (32 bits) of a term's UTF-8 bytes.
pub fn fnv1a(term: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in term.as_bytes() {
        h ^= *b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// The shard of a term: the top `bits` bits of its hash.
pub fn shard_of(term: &str, bits: u32) -> u32 {
    if bits == 0 { 0 } else { fnv1a(term) >> (32 - bits) }
}

/// The file name of a shard: hexadecimal, as many digits as `bits` needs.
pub fn shard_name(shard: u32, bits: u32) -> String {
    let digits = (bits as usize).div_ceil(4).max(1);
    format!("{shard:0digits$x}")
}

/// How many hash bits split `bytes` of postings into shards of about [`SHARD_TARGET`].
pub fn shard_bits(bytes: usize) -> u32 {
    let mut bits = 0;
    while bits < MAX_SHARD_BITS && bytes >> bits > SHARD_TARGET {
        bits += 1;
    }
    bits
}

#[derive(Serialize)]
struct Manifest<'a> {
    format: &'a str,
    version: u32,
    lang: &'a str,
    stem: bool,
    docs: usize,
    terms: usize,
    shard_bits: u32,
    /// Which shards exist: byte `s / 8`, bit `s % 8`, as hexadecimal.
    shards: String,
    meta_chunk: usize,
    facets: BTreeMap<&'a str, Vec<&'a str>>,
}

#[derive(Serialize)]
struct TextChunk {
    first: usize,
    texts: Vec<String>,
}

/// Makes the files of one language under `dir` (`ja/search/v1/`), handing
/// each to `put` as soon as it is made (from any thread, in no particular
/// order): a large site's index is never held whole.
pub fn write(corpus: &LangCorpus, built: &Built, dir: &str, put: &(dyn Fn(OutFile) + Sync)) {
    let total: usize = built.terms.iter().map(|(t, p)| t.len() + p.deltas.len().min(p.last as usize / 8 + 1) + p.weights.len() + 4).sum();
    let bits = shard_bits(total);
    let mut shards: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, (term, _)) in built.terms.iter().enumerate() {
        shards.entry(shard_of(term, bits)).or_default().push(i);
    }
    let shards: Vec<(u32, Vec<usize>)> = shards.into_iter().collect();
    shards.par_iter().for_each(|(shard, members)| {
        let mut bytes = b"TBKS\x01".to_vec();
        put_varint(&mut bytes, members.len() as u32);
        for &i in members {
            let (term, p) = &built.terms[i];
            put_varint(&mut bytes, term.len() as u32);
            bytes.extend_from_slice(term.as_bytes());
            p.encode(&mut bytes);
        }
        put(OutFile { path: paths::search_shard(dir, &shard_name(*shard, bits)), bytes });
    });

    let mut lengths = b"TBKL\x01".to_vec();
    lengths.extend_from_slice(&built.title_terms);
    put(OutFile { path: paths::search_title_lengths(dir), bytes: lengths });

    let text_of = text_chunks(&corpus.docs, dir, put);
    corpus.docs.par_chunks(META_CHUNK).enumerate().for_each(|(n, docs)| {
        let rows: Vec<(&str, &str, &str, usize)> = docs
            .iter()
            .enumerate()
            .map(|(k, d)| (d.url.as_str(), d.title.as_str(), d.meta.as_str(), text_of[n * META_CHUNK + k]))
            .collect();
        put(OutFile { path: paths::search_meta(dir, n), bytes: json(&rows) });
    });

    let mut facets: BTreeMap<&str, BTreeMap<&str, Vec<u32>>> = BTreeMap::new();
    for (i, d) in corpus.docs.iter().enumerate() {
        for (facet, values) in &d.facets {
            for v in values {
                facets.entry(facet).or_default().entry(v).or_default().push(i as u32);
            }
        }
    }
    for (facet, values) in &facets {
        for (value, docs) in values {
            let mut bytes = b"TBKF\x01".to_vec();
            put_varint(&mut bytes, docs.len() as u32);
            let mut last = 0;
            for (k, d) in docs.iter().enumerate() {
                put_varint(&mut bytes, if k == 0 { *d } else { d - last });
                last = *d;
            }
            put(OutFile { path: paths::search_facet(dir, facet, value), bytes });
        }
    }
    let manifest = Manifest {
        format: FORMAT,
        version: VERSION,
        lang: corpus.lang.code(),
        stem: corpus.stem,
        docs: corpus.docs.len(),
        terms: built.terms.len(),
        shard_bits: bits,
        shards: shard_bitmap(shards.iter().map(|(s, _)| *s), bits),
        meta_chunk: META_CHUNK,
        facets: facets.iter().map(|(f, vs)| (*f, vs.keys().copied().collect())).collect(),
    };
    put(OutFile { path: paths::search_manifest(dir), bytes: json(&manifest) });
}

/// The shards that exist, as a bitmap in hexadecimal (byte `s / 8`, bit `s % 8`).
pub fn shard_bitmap(shards: impl Iterator<Item = u32>, bits: u32) -> String {
    let mut bytes = vec![0u8; (1usize << bits).div_ceil(8)];
    for s in shards {
        bytes[s as usize / 8] |= 1 << (s % 8);
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Packs documents' texts, in order, into chunks handed to `put`; returns each document's chunk.
fn text_chunks(docs: &[Doc], dir: &str, put: &(dyn Fn(OutFile) + Sync)) -> Vec<usize> {
    let mut of = Vec::with_capacity(docs.len());
    let mut starts = vec![0];
    let mut size = 0;
    for (i, d) in docs.iter().enumerate() {
        let len = d.excerpt_len();
        if i > *starts.last().unwrap_or(&0) && size + len > TEXT_CHUNK {
            starts.push(i);
            size = 0;
        }
        size += len;
        of.push(starts.len() - 1);
    }
    starts.push(docs.len());
    starts.par_windows(2).enumerate().filter(|(_, w)| w[1] > w[0]).for_each(|(n, w)| {
        let chunk = TextChunk { first: w[0], texts: docs[w[0]..w[1]].iter().map(Doc::excerpt).collect() };
        put(OutFile { path: paths::search_texts(dir, n), bytes: json(&chunk) });
    });
    of
}

/// Compact JSON with `<`, `>` and `&` escaped, so no file reads as markup.
fn json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, JsonHtmlSafe(serde_json::ser::CompactFormatter));
    // Serialising plain structs, strings and numbers into a Vec cannot fail.
    let _ = value.serialize(&mut ser);
    out
}

/// Appends `v` as a LEB128 varint.
pub fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a LEB128 varint at `at`: the value and its length.
pub fn get_varint(bytes: &[u8], at: usize) -> Option<(u32, usize)> {
    let mut v: u32 = 0;
    for (k, b) in bytes.get(at..)?.iter().enumerate().take(5) {
        v |= ((b & 0x7F) as u32) << (7 * k);
        if b & 0x80 == 0 {
            return Some((v, k + 1));
        }
    }
    None
}

/// A decoded shard: each term with its (document, weight) postings.
pub type Shard = Vec<(String, Vec<(u32, u8)>)>;

/// Reads varints and bytes from the front of a buffer.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn varint(&mut self) -> Option<u32> {
        let (v, n) = get_varint(self.bytes, self.at)?;
        self.at += n;
        Some(v)
    }

    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let s = self.bytes.get(self.at..self.at + n)?;
        self.at += n;
        Some(s)
    }
}

/// Reads a term shard written by [`write`].
pub fn read_shard(bytes: &[u8]) -> Option<Shard> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(5)? != b"TBKS\x01" {
        return None;
    }
    let count = r.varint()?;
    let mut out = Vec::new();
    for _ in 0..count {
        let len = r.varint()? as usize;
        let term = std::str::from_utf8(r.take(len)?).ok()?.to_string();
        let n = r.varint()? as usize;
        let mut docs = Vec::with_capacity(n.min(1 << 16));
        match r.take(1)?[0] {
            FORM_DELTAS => {
                let mut doc = 0;
                for k in 0..n {
                    let delta = r.varint()?;
                    doc = if k == 0 { delta } else { doc + delta };
                    docs.push(doc);
                }
            }
            FORM_BITMAP => {
                let len = r.varint()? as usize;
                let bits = r.take(len)?;
                docs.extend((0..len * 8).filter(|d| bits[d / 8] & (1 << (d % 8)) != 0).map(|d| d as u32));
                if docs.len() != n {
                    return None;
                }
            }
            _ => return None,
        }
        let weights = r.take(n)?;
        let postings: Vec<(u32, u8)> = docs.into_iter().zip(weights.iter().copied()).collect();
        out.push((term, postings));
    }
    (r.at == bytes.len()).then_some(out)
}

/// Reads a facet file written by [`write`]: the documents having the value.
pub fn read_facet(bytes: &[u8]) -> Option<Vec<u32>> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(5)? != b"TBKF\x01" {
        return None;
    }
    let n = r.varint()?;
    let mut docs = Vec::with_capacity(n.min(1 << 16) as usize);
    let mut doc = 0;
    for k in 0..n {
        let delta = r.varint()?;
        doc = if k == 0 { delta } else { doc + delta };
        docs.push(doc);
    }
    (r.at == bytes.len()).then_some(docs)
}
