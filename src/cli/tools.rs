//! The commands beside build, check and serve: stamp, new, init, schema.
//!
//! Each calls the library, prints what it did in one or two lines (or the
//! schema on stdout), and returns the exit code: 0 success, 1 a problem in
//! the site or a refusal to overwrite, 2 a usage error.

use std::path::Path;
use std::process::ExitCode;

use tebiki::scaffold::{self, ScaffoldError};
use tebiki::stamp::{self, Selection};

use super::{Listing, print_diagnostics};

/// `tebiki stamp ID…` / `tebiki stamp --all`.
pub fn stamp(root: &Path, ids: Vec<String>, all: bool, color: bool) -> ExitCode {
    let selection = if all { Selection::All } else { Selection::Ids(ids) };
    match stamp::stamp_files(root, &selection) {
        Ok(r) => {
            for f in &r.stamped {
                eprintln!("stamped {}", f.display());
            }
            let n = r.stamped.len();
            eprintln!("Stamped {n} translation{}; {} already up to date.", if n == 1 { "" } else { "s" }, r.unchanged.len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            for f in &e.stamped {
                eprintln!("stamped {}", f.display());
            }
            print_diagnostics(root, &e.diagnostics, color, Listing::All);
            match e.stamped.len() {
                0 => eprintln!("Nothing was stamped."),
                n => eprintln!("Stamped {n} translation{} before the failure; the rest were not.", if n == 1 { "" } else { "s" }),
            }
            ExitCode::from(1)
        }
    }
}

/// `tebiki new KIND ID`.
pub fn new(root: &Path, kind: &str, id: &str, color: bool) -> ExitCode {
    match scaffold::new_page(root, kind, id) {
        Ok(files) => {
            for f in &files {
                eprintln!("created {}", f.display());
            }
            eprintln!("Write the page, then its translations; `tebiki stamp {id}` records a translation as up to date.");
            ExitCode::SUCCESS
        }
        Err(e) => scaffold_error(root, e, color),
    }
}

/// `tebiki init DIR`.
pub fn init(dir: &Path, color: bool) -> ExitCode {
    match scaffold::init(dir) {
        Ok(files) => {
            for f in &files {
                eprintln!("created {}", dir.join(f).display());
            }
            eprintln!("Created a site in {}. Preview it with: tebiki --root {} serve", dir.display(), dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => scaffold_error(dir, e, color),
    }
}

fn scaffold_error(root: &Path, e: ScaffoldError, color: bool) -> ExitCode {
    match e {
        ScaffoldError::Usage(m) => {
            eprintln!("error: {m}");
            ExitCode::from(2)
        }
        ScaffoldError::Exists(m) => {
            eprintln!("error: {m}");
            ExitCode::from(1)
        }
        ScaffoldError::Config(d) => {
            print_diagnostics(root, &d, color, Listing::All);
            ExitCode::from(1)
        }
        ScaffoldError::Io(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// `tebiki schema`: with the site's enums when `root` holds a valid site.yaml.
pub fn schema(root: &Path) -> ExitCode {
    let config = if root.join(tebiki::config::CONFIG_FILE).exists() {
        match tebiki::config::load_config(root) {
            Ok(c) => Some(c),
            Err(_) => {
                eprintln!("warning: site.yaml has errors (see `tebiki check`); printing the schema without the site's keys");
                None
            }
        }
    } else {
        None
    };
    let schema = tebiki::schema::front_matter_schema(config.as_ref());
    match serde_json::to_string_pretty(&schema) {
        Ok(s) => {
            super::print_stdout(&format!("{s}\n"));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// The dashboard's style sheet beside `out`: `report.html` → `report.css`
/// (`report.dashboard.css` when `out` itself ends in `.css`).
fn stylesheet_beside(out: &Path) -> std::path::PathBuf {
    let css = out.with_extension("css");
    if css == out { out.with_extension("dashboard.css") } else { css }
}

/// Writes the translation dashboard of a check to `out` (a file the user
/// named: written, never read, so it may lie outside the site).
pub(crate) fn dashboard(root: &Path, report: &tebiki::CheckReport, out: &Path) -> anyhow::Result<()> {
    use anyhow::Context as _;
    let Some(translations) = &report.translations else {
        anyhow::bail!("the site could not be loaded, so there is no dashboard; the problems are listed above");
    };
    let title = tebiki::config::load_config(root).map(|c| c.title.get_or_any(tebiki::lang::Lang::En).to_string()).unwrap_or_default();
    let css = stylesheet_beside(out);
    let css_name = css.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let page = tebiki::serve::dashboard::page(&title, translations, &report.diagnostics.sorted(), &Default::default(), &css_name);
    std::fs::write(out, page).with_context(|| format!("cannot write the dashboard to {}", out.display()))?;
    std::fs::write(&css, tebiki::serve::dashboard::STYLESHEET)
        .with_context(|| format!("cannot write the dashboard's style sheet to {}", css.display()))?;
    eprintln!("Wrote the translation dashboard to {} (style sheet {})", out.display(), css.display());
    Ok(())
}
