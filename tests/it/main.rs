//! The integration tests, in one binary: each module was its own test target
//! before, and every target linked the whole crate and its dependencies again
//! (~60 MB each in a debug build, more than a gigabyte of `target/` in all).
//! Run one part with a filter: `cargo test --test it charts::`.

mod common;

mod accessibility;
mod architecture;
mod bad_input;
mod bench_corpus;
mod browser;
mod build;
mod bundles;
mod charts;
mod diagnostics;
mod escaping;
mod fault_tolerance;
mod flagship;
mod fs_safety;
mod input_errors;
mod linear;
mod links;
mod navigation;
mod paths;
mod pdf;
mod pdf_timeout;
mod print;
mod properties;
mod raw_html;
mod realdocs_md;
mod references;
mod search;
mod serve;
mod serve_hostile;
mod serve_hosts;
mod serve_network;
mod snapshots;
mod stamp;
mod standards;
mod theme;
mod tools;
mod translation_qa;
mod validators;
mod xliff;
