//! The benchmark corpus (`examples/gen-corpus`) is a valid site: it builds
//! without a single diagnostic, and the same N gives the same files.

#[path = "../../examples/gen-corpus/corpus/mod.rs"]
pub(crate) mod corpus;

use std::collections::BTreeMap;
use std::path::Path;

fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(root).unwrap().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect()
}

#[test]
fn generated_corpus_builds_without_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    corpus::write(dir.path(), 50).unwrap();
    let report = tebiki::build(&tebiki::BuildOptions {
        root: dir.path().to_path_buf(),
        out: "public".into(),
        base_url: None,
        drafts: false,
        pdf: false,
        on_pdf: None,
        on_browser: None,
    });
    let report = match report {
        Ok(r) => r,
        Err(tebiki::BuildError::Content(d)) => panic!("content errors: {:#?}", d.sorted()),
        Err(tebiki::BuildError::Io(e) | tebiki::BuildError::Usage(e)) => panic!("{e:#}"),
    };
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics.sorted());
    assert_eq!(report.pages.values().sum::<usize>(), 100);
    assert!(dir.path().join("hugo/hugo.yaml").is_file());
}

#[test]
fn same_size_gives_same_corpus() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    corpus::write(a.path(), 30).unwrap();
    corpus::write(b.path(), 30).unwrap();
    let (fa, fb) = (files(a.path()), files(b.path()));
    assert_eq!(fa.len(), 30 * 2 + 3 + 1 + 4);
    assert!(fa == fb, "two runs differ");
}
