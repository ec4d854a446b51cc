//! The command line: what the user typed, turned at once into options.
//!
//! clap stays in this module. [`run`] parses the arguments, calls the
//! library, prints diagnostics and a one-line summary, and returns the exit
//! code: 0 success, 1 problems in the content, 2 usage errors.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

mod serve;

use tebiki::diagnostic::{self, Diagnostics};

mod tools;
mod xliff;
use tebiki::serve::ServeOptions;
use tebiki::{BuildError, BuildOptions};

/// tebiki — a static site generator for bilingual (Japanese/English) policy documentation.
#[derive(Parser, Debug)]
#[command(name = "tebiki", version, about, long_about = None)]
pub struct Cli {
    /// The site root: the folder holding site.yaml and content/.
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Build the site into the output folder (default `public`).
    Build {
        /// The output folder, inside the site root.
        #[arg(long, default_value = "public", value_name = "DIR")]
        out: PathBuf,
        /// The site's absolute URL, overriding site.yaml (e.g. https://example.go.jp/hms/).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Also build pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Also print every handout to {lang}/handouts/{id}.pdf with a local headless
        /// Chromium, Chrome or Edge (named by TEBIKI_CHROMIUM, or found on PATH, or in
        /// the standard install folders of Windows and macOS). A browser that takes longer than 180 s for one
        /// handout (or the seconds in TEBIKI_PDF_TIMEOUT) is stopped and the build fails.
        #[arg(long)]
        pdf: bool,
    },
    /// Build the site, serve it, and rebuild and reload open pages on every change.
    Serve {
        /// The port to listen on; the next free one is taken if it is busy.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on, or a name of this machine. Anything but a
        /// loopback address makes the preview visible to other machines. The
        /// preview answers only requests addressed to localhost, 127.0.0.1,
        /// [::1], this address or this name (others get 403).
        #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
        bind: String,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Poll the files for changes instead of relying on the system's file
        /// events (for network and container file systems).
        #[arg(long)]
        poll: bool,
        /// Also build pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Check everything a build would, writing nothing.
    Check {
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
        /// Output format of the diagnostics (`html`: the translation dashboard, with `--out`).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// With `--format html`: the file the dashboard is written to (anywhere; it is never read).
        #[arg(long, value_name = "FILE", required_if_eq("format", "html"))]
        out: Option<PathBuf>,
        /// Also check pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Record in translations that they match their source page now (writes `source_hash`).
    #[command(group = clap::ArgGroup::new("which").required(true).args(["ids", "all"]))]
    Stamp {
        /// Ids of the pages whose translations are up to date.
        #[arg(value_name = "ID")]
        ids: Vec<String>,
        /// Stamp every translation of every page.
        #[arg(long, conflicts_with = "ids")]
        all: bool,
    },
    /// Write a new page in every language (`content/<folder>/<ID>.<lang>.md`); never overwrites.
    New {
        /// The kind: policy, project, program, handout or a kind of site.yaml.
        kind: String,
        /// The page's id, a lowercase slug (the URL segment).
        id: String,
    },
    /// Write a minimal site into DIR that builds and serves with the built-in theme.
    Init {
        /// The folder of the new site (created if needed); without it, the
        /// --root folder (default: the current folder). Give one or the other.
        dir: Option<PathBuf>,
    },
    /// Print the JSON Schema of page front matter, for editors' YAML plug-ins.
    Schema,
    /// Exchange translations with translators' tools as XLIFF 2.1 files.
    #[command(subcommand)]
    Xliff(xliff::XliffCommand),
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Human,
    Json,
    /// The translation dashboard, written to `--out FILE`.
    Html,
}

/// Redraws the progress bar of `build --pdf` on a terminal, ending its
/// line with the last PDF.
fn tell_pdf_on_terminal(pdf: &str, done: usize, total: usize) {
    eprint!("\r\x1b[2K{}", tebiki::output::pdf::progress_bar(pdf, done, total));
    if done >= total {
        eprintln!();
    }
}

/// Runs the command line; returns the process's exit code.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    let color = std::io::stderr().is_terminal();
    match cli.command {
        Command::Build { out, base_url, drafts, pdf } => {
            let on_pdf: fn(&str, usize, usize) = match std::io::stderr().is_terminal() {
                true => tell_pdf_on_terminal,
                false => |pdf, done, total| eprintln!("Printed {pdf} ({done}/{total})"),
            };
            let on_browser: fn(&str) = |browser| eprintln!("Printing handouts with {browser}");
            let opts =
                BuildOptions { root: cli.root.clone(), out, base_url, drafts, pdf, on_pdf: Some(on_pdf), on_browser: Some(on_browser) };
            match tebiki::build(&opts) {
                Ok(report) => {
                    print_diagnostics(&cli.root, &report.diagnostics, color, Listing::Digest);
                    let per: Vec<String> = report.pages.iter().map(|(l, n)| format!("{n} {l}")).collect();
                    let total: usize = report.pages.values().sum();
                    let pdfs = if report.pdfs > 0 { format!(", {} PDFs", report.pdfs) } else { String::new() };
                    eprintln!(
                        "Built {total} pages ({}){pdfs}, {} files in {:.2} s → {}",
                        per.join(", "),
                        report.files,
                        report.elapsed.as_secs_f64(),
                        report.out.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(BuildError::Content(d)) => {
                    print_diagnostics(&cli.root, &d, color, Listing::Digest);
                    eprintln!("Build failed; the previous output was left as it was.");
                    ExitCode::from(1)
                }
                Err(BuildError::Io(e)) => {
                    // On a terminal, the error replaces a progress bar left open.
                    let clear = if color { "\r\x1b[2K" } else { "" };
                    eprintln!("{clear}error: {e:#}");
                    ExitCode::from(1)
                }
                Err(BuildError::Usage(e)) => {
                    eprintln!("error: {e:#}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Serve { port, bind, open, poll, drafts } => {
            let (bind, bind_name) = match tebiki::serve::bind_address(&bind) {
                Ok(b) => b,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(2);
                }
            };
            let opts = ServeOptions { root: cli.root.clone(), port, bind, bind_name, open, poll, drafts };
            serve::run(&opts, color)
        }
        Command::Check { strict, format, out, drafts } => {
            let report = tebiki::check_report(&cli.root, drafts);
            let d = &report.diagnostics;
            match format {
                Format::Html => {
                    print_diagnostics(&cli.root, d, color, Listing::Digest);
                    let Some(out) = out else { return ExitCode::from(2) };
                    if let Err(e) = tools::dashboard(&cli.root, &report, &out) {
                        eprintln!("error: {e:#}");
                        return ExitCode::from(2);
                    }
                }
                Format::Human => {
                    print_diagnostics(&cli.root, d, color, Listing::All);
                    if let Some(t) = &report.translations {
                        print_stdout(&t.table());
                    }
                    if d.is_empty() {
                        eprintln!("No problems found.");
                    }
                }
                Format::Json => println!("{}", diagnostic::render_json(&d.sorted())),
            }
            let (errors, warnings) = d.counts();
            if errors > 0 || (strict && warnings > 0) { ExitCode::from(1) } else { ExitCode::SUCCESS }
        }
        Command::Stamp { ids, all } => tools::stamp(&cli.root, ids, all, color),
        Command::New { kind, id } => tools::new(&cli.root, &kind, &id, color),
        Command::Init { dir } => match dir {
            None => tools::init(&cli.root, color),
            Some(dir) if cli.root == Path::new(".") => tools::init(&dir, color),
            Some(dir) => {
                eprintln!(
                    "error: the new site's folder is given twice (--root {} and {})\n  = help: give it once: tebiki init {} or tebiki --root {} init",
                    cli.root.display(),
                    dir.display(),
                    dir.display(),
                    cli.root.display()
                );
                ExitCode::from(2)
            }
        },
        Command::Schema => tools::schema(&cli.root),
        Command::Xliff(command) => xliff::run(&cli.root, command, color),
    }
}

/// Writes to stdout; a closed pipe (`tebiki schema | head`) is not an error.
pub(crate) fn print_stdout(s: &str) {
    use std::io::Write as _;
    let _ = std::io::stdout().lock().write_all(s.as_bytes());
}

/// How many problems of one kind `build` and `serve` show; `check` shows all.
const PER_KIND: usize = 5;

/// Which problems [`print_diagnostics`] shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Listing {
    /// Every problem (`check`, and the commands whose problems are few).
    All,
    /// The first [`PER_KIND`] of each kind and a count of each (`build`, `serve`).
    Digest,
}

/// Prints the problems, sorted, and the count of errors and warnings.
pub(crate) fn print_diagnostics(root: &std::path::Path, d: &Diagnostics, color: bool, listing: Listing) {
    if d.is_empty() {
        return;
    }
    let sorted = d.sorted();
    let mut text = match listing {
        Listing::All => diagnostic::render_human(root, &sorted, color),
        Listing::Digest => {
            let digest = diagnostic::Digest::new(&sorted, PER_KIND);
            diagnostic::render_human(root, digest.shown.iter().copied(), color) + &digest.table(PER_KIND)
        }
    };
    let errors = sorted.iter().filter(|d| d.severity == diagnostic::Severity::Error).count();
    text.push_str(&diagnostic::summary(errors, sorted.len() - errors));
    text.push('\n');
    print_stderr(&text);
}

/// Writes to stderr in one go; a closed pipe is not an error.
fn print_stderr(s: &str) {
    use std::io::Write as _;
    let _ = std::io::stderr().lock().write_all(s.as_bytes());
}
