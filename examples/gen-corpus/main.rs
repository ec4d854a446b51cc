//! Writes a deterministic bilingual benchmark corpus:
//! `cargo run --release --example gen-corpus -- DIR N` (N page pairs).
//!
//! DIR gets `site.yaml` and `content/` for tebiki and `hugo/` for Hugo
//! (`hugo --source DIR/hugo`), both over the same Markdown files.

mod corpus;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(n)) = (args.first(), args.get(1).and_then(|n| n.parse::<usize>().ok())) else {
        eprintln!("usage: gen-corpus DIR N   (N page pairs, at least 10)");
        return ExitCode::from(2);
    };
    let dir = std::path::Path::new(dir);
    if dir.join("content").exists()
        && let Err(e) = std::fs::remove_dir_all(dir.join("content"))
    {
        eprintln!("gen-corpus: cannot clear {}: {e}", dir.join("content").display());
        return ExitCode::FAILURE;
    }
    match corpus::write(dir, n) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen-corpus: cannot write {}: {e}", dir.display());
            ExitCode::FAILURE
        }
    }
}
