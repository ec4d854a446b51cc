//! `tebiki xliff export` and `tebiki xliff import`: the command line of
//! [`tebiki::xliff`]. Exit codes as the other commands: 0 done, 1 problems
//! in the site or the files (nothing written), 2 usage errors.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use tebiki::lang::Lang;
use tebiki::xliff::export::{self, ExportOptions};
use tebiki::xliff::import;

use super::{Listing, print_diagnostics};

#[derive(Subcommand, Debug)]
pub enum XliffCommand {
    /// Write one XLIFF 2.1 file per page and target language into OUT_DIR.
    ///
    /// Each file (`<id>.<lang>.xlf`) has one unit per title, summary … and per body block,
    /// existing translations as targets. OUT_DIR must lie outside the site's content/.
    Export {
        /// The folder the files are written to (created if needed).
        #[arg(value_name = "OUT_DIR")]
        out: PathBuf,
        /// Only this target language (default: every language but the site's default).
        #[arg(long, value_name = "LANG")]
        lang: Option<String>,
        /// Only pages whose translation is stale, unstamped or missing.
        #[arg(long)]
        stale_only: bool,
    },
    /// Write the translations of XLIFF files back into the site and stamp them.
    ///
    /// Every file is checked first: a file whose source page changed since the export is
    /// refused, and nothing is written while any file has a problem.
    Import {
        /// XLIFF files written by `tebiki xliff export` (and translated since).
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
    },
}

/// Runs `tebiki xliff …`.
pub fn run(root: &Path, command: XliffCommand, color: bool) -> ExitCode {
    match command {
        XliffCommand::Export { out, lang, stale_only } => {
            let lang = match lang.as_deref().map(|l| (l, Lang::from_code(l))) {
                None => None,
                Some((_, Some(l))) => Some(l),
                Some((l, None)) => {
                    eprintln!("error: unknown language `{l}`; use ja or en");
                    return ExitCode::from(2);
                }
            };
            if let Err(message) = export::check_out_dir(root, &out) {
                eprintln!("error: {message}\nhelp: choose a folder outside content/, e.g. `xliff-out`");
                return ExitCode::from(2);
            }
            let opts = ExportOptions { root: root.to_path_buf(), out, lang, stale_only };
            match export::export(&opts) {
                Ok(r) => {
                    eprintln!(
                        "Exported {} file{} ({} units, {} with a translation) → {}",
                        r.files.len(),
                        if r.files.len() == 1 { "" } else { "s" },
                        r.units,
                        r.translated,
                        opts.out.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(d) => {
                    print_diagnostics(root, &d, color, Listing::All);
                    eprintln!("Nothing was exported.");
                    ExitCode::from(1)
                }
            }
        }
        XliffCommand::Import { files } => match import::import(root, &files) {
            Ok(r) => {
                for f in &r.created {
                    eprintln!("created {}", f.display());
                }
                for f in &r.written {
                    eprintln!("updated {}", f.display());
                }
                eprintln!(
                    "Imported {} file{}: {} translation{} updated, {} created, {} unchanged.",
                    files.len(),
                    if files.len() == 1 { "" } else { "s" },
                    r.written.len(),
                    if r.written.len() == 1 { "" } else { "s" },
                    r.created.len(),
                    r.unchanged.len()
                );
                ExitCode::SUCCESS
            }
            Err(d) => {
                print_diagnostics(root, &d, color, Listing::All);
                eprintln!("Nothing was imported.");
                ExitCode::from(1)
            }
        },
    }
}
