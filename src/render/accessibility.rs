//! Phase 2: the accessibility statement of one language
//! (`/{lang}/accessibility/`), filled from the test report that
//! `accessibility.report` names: the standard and the level aimed at, the
//! scope, the date, the method and the results, as Japanese public bodies
//! publish them (JIS X 8341-3:2016).

use serde::Serialize;

use super::OutFile;
use super::context::Chrome;
use super::locale;
use super::pages::Renderer;
use crate::diagnostic::Diagnostic;
use crate::lang::Lang;
use crate::paths;

/// The statement, its sentences already in the page's language.
#[derive(Serialize)]
pub struct AccessibilityView {
    pub title: String,
    /// What the statement is, in a sentence.
    pub intro: String,
    /// The facts: standard, target, scope, date, method.
    pub facts: Vec<Fact>,
    /// Whether every check passed.
    pub passed: bool,
    /// The result in a sentence.
    pub result: String,
    /// Each failure of the report, as it wrote it.
    pub failures: Vec<String>,
    /// What automated tests do not show.
    pub limits: String,
}

/// One fact of the statement.
#[derive(Serialize)]
pub struct Fact {
    pub label: String,
    pub value: String,
}

#[derive(Serialize)]
struct AccessibilityCtx<'a> {
    c: Chrome<'a>,
    a: AccessibilityView,
}

impl Renderer<'_> {
    pub(super) fn accessibility_page(&self, lang: Lang, out: String) -> Result<OutFile, Diagnostic> {
        let site = self.site;
        let (Some(report), Some(cfg)) = (site.accessibility.as_ref(), site.config.accessibility.as_ref()) else {
            return Err(Diagnostic::error(crate::config::CONFIG_FILE, 0, 0, "the accessibility statement has no report"));
        };
        let t = |key: &str| self.theme.t(lang, key).to_string();
        let fill = |key: &str, values: &[(&str, &str)]| crate::theme::fill(self.theme.t(lang, key), values);
        let date = report.date.parse::<jiff::civil::Date>().map(|d| locale::date(d, lang)).unwrap_or_else(|_| report.date.clone());
        let (pages, views, failed) = (report.pages.to_string(), report.views.to_string(), report.failures.len().to_string());
        let method =
            fill("a11y_method_value", &[("tool", &report.tool), ("browser", &report.browser), ("rules", &report.rules.join(", "))]);
        let facts = [
            ("a11y_standard", t("a11y_standard_value")),
            ("a11y_target", fill("a11y_target_value", &[("level", &cfg.target)])),
            ("a11y_scope", fill("a11y_scope_value", &[("n", &pages)])),
            ("a11y_date", date),
            ("a11y_method", method),
        ]
        .into_iter()
        .map(|(label, value)| Fact { label: t(label), value })
        .collect();
        let passed = report.failures.is_empty();
        let result = if passed {
            fill("a11y_result_passed", &[("n", &pages), ("views", &views)])
        } else {
            let key = if report.failures.len() == 1 { "a11y_result_failed_one" } else { "a11y_result_failed" };
            fill(key, &[("n", &failed), ("pages", &pages)])
        };
        let title = t("a11y_title");
        let view = AccessibilityView {
            title: title.clone(),
            intro: fill("a11y_intro", &[("site", site.config.title.get_or_any(lang))]),
            facts,
            passed,
            result,
            failures: report.failures.clone(),
            limits: t("a11y_limits"),
        };
        let c = self.section_chrome(lang, paths::accessibility_dir, &title, Some(view.intro.clone()), "accessibility");
        self.render("accessibility.html", &AccessibilityCtx { c, a: view }, out)
    }
}
