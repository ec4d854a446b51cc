//! The accessibility test report that the statement page is filled from
//! (`accessibility:` in site.yaml): read inside the site root, checked, and
//! every problem reported at its place.

use std::path::Path;

use crate::config::{CONFIG_FILE, Config};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::AccessibilityReport;

/// The format the browser tests write.
pub const FORMAT: &str = "tebiki-accessibility-report";

/// The report `config.accessibility` names; `None` without one, or with a
/// problem (reported).
pub fn load(config: &Config, diags: &mut Diagnostics) -> Option<AccessibilityReport> {
    let a = config.accessibility.as_ref()?;
    let rel = Path::new(&a.report);
    let bytes = match crate::fsguard::read(&config.root, rel) {
        Ok(b) => b,
        Err(e) => {
            diags.push(
                Diagnostic::error(CONFIG_FILE, a.line, 0, format!("cannot read the accessibility report `{}`: {e}", a.report))
                    .with_help("write it with the browser tests: `TEBIKI_A11Y_REPORT=$PWD/accessibility.json node tests/browser/axe.mjs public PAGE…`, or remove `accessibility:`"),
            );
            return None;
        }
    };
    let report: AccessibilityReport = match serde_json::from_slice(&bytes) {
        Ok(r) => r,
        Err(e) => {
            diags.push(Diagnostic::error(&a.report, e.line(), e.column(), format!("not an accessibility report: {e}")));
            return None;
        }
    };
    let mut ok = true;
    if report.format != FORMAT || report.version != 1 {
        diags.push(
            Diagnostic::error(&a.report, 1, 1, format!("the report's format is `{}` version {}", report.format, report.version))
                .with_help(format!("this tebiki reads `{FORMAT}` version 1")),
        );
        ok = false;
    }
    if report.date.parse::<jiff::civil::Date>().is_err() {
        diags.push(Diagnostic::error(&a.report, 1, 1, format!("the report's date `{}` is not a date (YYYY-MM-DD)", report.date)));
        ok = false;
    }
    if report.pages == 0 {
        diags.push(Diagnostic::error(&a.report, 1, 1, "the report checked no page"));
        ok = false;
    }
    ok.then_some(report)
}
