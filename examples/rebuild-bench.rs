//! What one rebuild in `serve` costs after an edit to a page's body, without
//! the watcher and the browser: `cargo run --release --example rebuild-bench -- DIR PAGE [N]`.
//!
//! Compiles the site under DIR in a session as `serve` does, then N times
//! (default 30) appends a line to the body of PAGE (a path relative to DIR),
//! tells the session which file changed and compiles again; the file is put
//! back at the end. Prints the median and spread of the rebuilds' wall time
//! and their mean CPU time (which stays meaningful on a busy machine).
//! With `--one-thread` everything runs on the main thread, and since
//! `edit_and_rebuild` is never inlined, `valgrind --tool=callgrind
//! --collect-atstart=no --toggle-collect='*edit_and_rebuild*'` counts the
//! instructions of the rebuilds alone.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use tebiki::serve::session::Session;

/// CPU seconds this process has used (user + system), from /proc on Linux; 0 elsewhere.
fn cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit_once(')').map(|(_, r)| r.split_whitespace().collect()).unwrap_or_default();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn rebuild(session: &Session, root: &Path, changed: &[PathBuf]) -> Result<tebiki::Compiled, String> {
    session.forget(root, changed);
    session.compile_live(root, None, false).map_err(|d| format!("{} errors", d.counts().0))
}

/// One edit and the rebuild after it, timed.
#[inline(never)]
fn edit_and_rebuild(session: &Session, root: &Path, page: &Path, text: &str) -> Result<Duration, String> {
    std::fs::write(root.join(page), text).map_err(|e| e.to_string())?;
    let start = Instant::now();
    rebuild(session, root, &[page.to_path_buf()])?;
    Ok(start.elapsed())
}

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(i) = args.iter().position(|a| a == "--one-thread") {
        args.remove(i);
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).use_current_thread().build_global();
        if let Err(e) = pool {
            eprintln!("rebuild-bench: {e}");
            return ExitCode::FAILURE;
        }
    }
    let (Some(root), Some(page)) = (args.first().map(PathBuf::from), args.get(1).map(PathBuf::from)) else {
        eprintln!("usage: rebuild-bench [--one-thread] DIR PAGE [N]");
        return ExitCode::from(2);
    };
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(30).max(1);
    let file = root.join(&page);
    let Ok(original) = std::fs::read_to_string(&file) else {
        eprintln!("rebuild-bench: cannot read {}", file.display());
        return ExitCode::FAILURE;
    };
    let session = Session::reusing_bodies();
    if let Err(e) = rebuild(&session, &root, &[]) {
        eprintln!("rebuild-bench: {e}");
        return ExitCode::FAILURE;
    }
    let mut times: Vec<Duration> = Vec::with_capacity(n);
    let cpu0 = cpu();
    let mut failed = None;
    for i in 0..n {
        let text = format!("{}\n\nBenchmark edit {i}.\n", original.trim_end());
        match edit_and_rebuild(&session, &root, &page, &text) {
            Ok(t) => times.push(t),
            Err(e) => {
                failed = Some(e);
                break;
            }
        }
    }
    let cpu_total = cpu() - cpu0;
    if let Err(e) = std::fs::write(&file, &original) {
        eprintln!("rebuild-bench: cannot put {} back: {e}", file.display());
    }
    if let Some(e) = failed {
        eprintln!("rebuild-bench: {e}");
        return ExitCode::FAILURE;
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let at = |q: usize| ms(times[(times.len() - 1) * q / 10]);
    println!(
        "{n} rebuilds after an edit to {}: median {:.1} ms (p10 {:.1}, p90 {:.1}), {:.1} ms CPU each",
        page.display(),
        at(5),
        at(1),
        at(9),
        cpu_total * 1000.0 / n as f64
    );
    ExitCode::SUCCESS
}
