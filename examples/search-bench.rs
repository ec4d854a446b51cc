//! What the search index costs a build:
//! `cargo run --release --example search-bench -- DIR [MODE]`.
//!
//! - `compare` (the default): compiles the site under DIR (reads, checks
//!   and renders everything, writes nothing) three times with the index
//!   built alongside phase 2 and three times without, alternating, and
//!   prints the medians, the difference, and the index alone;
//! - `inline`, `deferred`: compiles once with or without the index, for
//!   `/usr/bin/time -v` to measure peak memory;
//! - `alone`: builds the index three times from one compile, with wall and
//!   CPU time (CPU time stays meaningful on a busy machine);
//! - `phases`: normalising, tokenizing, building and writing the index on
//!   one thread, each timed.

use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use tebiki::SearchIndex;

fn compile(root: &Path, mode: SearchIndex) -> Result<(Duration, tebiki::Compiled), String> {
    let start = Instant::now();
    let opts = tebiki::pipeline::Options { search: mode, ..Default::default() };
    let c = tebiki::pipeline::compile(root, &opts, &tebiki::pipeline::Fresh::new(), &tebiki::plan::Collect::default())
        .map_err(|f| format!("{} errors", f.diagnostics.counts().0))?;
    Ok((start.elapsed(), c))
}

/// CPU seconds this process has used (user + system), from /proc on Linux; 0 elsewhere.
fn cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit_once(')').map(|(_, r)| r.split_whitespace().collect()).unwrap_or_default();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(root) = args.first().map(Path::new) else {
        eprintln!("usage: search-bench DIR [compare|inline|deferred]");
        return ExitCode::from(2);
    };
    let mode = args.get(1).map(String::as_str).unwrap_or("compare");
    let run = |m| match compile(root, m) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("search-bench: {e}");
            std::process::exit(1);
        }
    };
    match mode {
        "inline" | "deferred" => {
            let m = if mode == "inline" { SearchIndex::Inline } else { SearchIndex::Deferred };
            let (t, c) = run(m);
            println!("{mode}: {:.2} s, {} files", t.as_secs_f64(), c.rendering.written.len());
        }
        "compare" => {
            let (mut with, mut without) = (Vec::new(), Vec::new());
            let mut index = None;
            for _ in 0..3 {
                with.push(run(SearchIndex::Inline).0);
                let (t, c) = run(SearchIndex::Deferred);
                without.push(t);
                index = c.search_corpus();
            }
            let (w, wo) = (median(with), median(without));
            println!("compile with the index:    {:.2} s (median of 3)", w.as_secs_f64());
            println!("compile without the index: {:.2} s (median of 3)", wo.as_secs_f64());
            println!("added by the index:        {:.2} s", w.as_secs_f64() - wo.as_secs_f64());
            if let Some(corpus) = index {
                let start = Instant::now();
                let files = corpus.build();
                let alone = start.elapsed();
                let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
                let shards: Vec<usize> = files.iter().filter(|f| f.path.contains("/t/")).map(|f| f.bytes.len()).collect();
                println!("the index alone:           {:.2} s, {} files, {:.1} MB", alone.as_secs_f64(), files.len(), bytes as f64 / 1e6);
                println!(
                    "term shards:               {} (largest {} KB, mean {} KB)",
                    shards.len(),
                    shards.iter().max().unwrap_or(&0) / 1024,
                    shards.iter().sum::<usize>() / shards.len().max(1) / 1024
                );
            }
        }
        "alone" => {
            let (_, c) = run(SearchIndex::Deferred);
            let Some(corpus) = c.search_corpus() else { return ExitCode::FAILURE };
            drop(c.rendering);
            for _ in 0..3 {
                let (c0, t) = (cpu(), Instant::now());
                let files = corpus.build();
                println!("the index alone: {:.2} s wall, {:.2} s CPU, {} files", t.elapsed().as_secs_f64(), cpu() - c0, files.len());
            }
        }
        "phases" => {
            let (_, c) = run(SearchIndex::Deferred);
            let Some(corpus) = c.search_corpus() else { return ExitCode::FAILURE };
            drop(c.rendering);
            let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().map_err(|e| e.to_string());
            let Ok(pool) = one else { return ExitCode::FAILURE };
            pool.install(|| {
                let mut chars = 0usize;
                let c0 = cpu();
                let t = Instant::now();
                for l in &corpus.langs {
                    for d in &l.docs {
                        tebiki::search::tokenizer::normalized(&d.text, |c| chars += c.len_utf8());
                    }
                }
                println!("normalize: {:.2} s wall, {:.2} s CPU ({} MB)", t.elapsed().as_secs_f64(), cpu() - c0, chars / 1_000_000);
                let c0 = cpu();
                let t = Instant::now();
                let (mut n, mut uni, mut words) = (0usize, 0usize, 0usize);
                for l in &corpus.langs {
                    let tok = tebiki::search::tokenizer::Tokenizer::new(l.stem);
                    for d in &l.docs {
                        tok.each_token(&d.text, |t| {
                            n += 1;
                            match t {
                                tebiki::search::tokenizer::Token::Gram(_, None) => uni += 1,
                                tebiki::search::tokenizer::Token::Word(_) => words += 1,
                                _ => {}
                            }
                        });
                    }
                }
                println!(
                    "tokenize: {:.2} s wall, {:.2} s CPU ({n} tokens: {uni} single characters, {words} words)",
                    t.elapsed().as_secs_f64(),
                    cpu() - c0
                );
                let c0 = cpu();
                let t = Instant::now();
                let built: Vec<_> = corpus.langs.iter().map(tebiki::search::index::build).collect();
                println!("build: {:.2} s wall, {:.2} s CPU", t.elapsed().as_secs_f64(), cpu() - c0);
                let c0 = cpu();
                let t = Instant::now();
                let files = std::sync::atomic::AtomicUsize::new(0);
                for (l, b) in corpus.langs.iter().zip(&built) {
                    tebiki::search::index::write(l, b, "x/", &|_| {
                        files.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    });
                }
                let files = files.into_inner();
                println!("write: {:.2} s wall, {:.2} s CPU ({files} files)", t.elapsed().as_secs_f64(), cpu() - c0);
            });
        }
        _ => {
            eprintln!("search-bench: unknown mode `{mode}`");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
