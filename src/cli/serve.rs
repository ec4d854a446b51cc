//! The terminal side of `tebiki serve`: what the live preview reports,
//! printed as one line per event (and the diagnostics of a failed build).

use std::process::ExitCode;

use tebiki::diagnostic::Diagnostics;
use tebiki::serve::{self, Report, ServeOptions};

/// Runs the preview until it is stopped; exit code 1 if it cannot start.
pub fn run(opts: &ServeOptions, color: bool) -> ExitCode {
    let root = opts.root.clone();
    let result = serve::serve(opts, move |r| print(&root, &r, color));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn print(root: &std::path::Path, report: &Report, color: bool) {
    match report {
        Report::Serving { url, busy, bind } => {
            if let Some(p) = busy {
                eprintln!("Port {p} is in use; took the next free one.");
            }
            if !bind.is_loopback() {
                eprintln!("Listening on {bind}: the preview is visible to other machines that can reach this one.");
            }
            eprintln!("Serving on {url} — watching for changes (Ctrl-C to stop)");
        }
        Report::Built { pages, kept, elapsed, changed, warnings, reload } => {
            super::print_diagnostics(root, warnings, color, super::Listing::Digest);
            let total: usize = pages.values().sum();
            let what = changed_summary(changed);
            let ms = elapsed.as_millis();
            match (changed.is_empty(), reload) {
                (true, _) => eprintln!("Built {total} pages in {ms} ms"),
                (false, true) => eprintln!("{what}: rebuilt {total} pages in {ms} ms ({kept} bodies kept), reloading"),
                (false, false) => eprintln!("{what}: rebuilt in {ms} ms, nothing changed in the site"),
            }
        }
        Report::Failed { diagnostics, changed } => {
            print_failure(root, diagnostics, color);
            if changed.is_empty() {
                eprintln!("The build failed; the problems show in the browser too. Fix them and save.");
            } else {
                eprintln!("{}: the build failed; still serving the last good build.", changed_summary(changed));
            }
        }
        Report::NotServed(paths) => {
            for p in paths {
                eprintln!("warning: content/{} is a symbolic link that leads out of the site; not served", p.display());
            }
        }
        Report::Trouble(msg) => eprintln!("warning: {msg}"),
    }
}

fn print_failure(root: &std::path::Path, d: &Diagnostics, color: bool) {
    super::print_diagnostics(root, d, color, super::Listing::Digest);
}

/// `content/a.ja.md changed` or `3 files changed`.
fn changed_summary(changed: &[std::path::PathBuf]) -> String {
    match changed {
        [one] => format!("{} changed", one.display()),
        many => format!("{} files changed", many.len()),
    }
}
