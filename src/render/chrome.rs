//! Templates and the parts every page shares.
//!
//! [`tera`] gives the theme's templates loaded into Tera, once per theme (a
//! syntax error is a diagnostic naming the template); [`ChromeArgs`] turns
//! what a page knows about itself into the [`Chrome`] context: head tags,
//! menu, language switcher, breadcrumbs. The filter `phrases` escapes a text and marks
//! its Japanese phrase boundaries with `<wbr>` ([`crate::text::phrases`]),
//! for titles, menus and card headings.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::context::{Alternate, Chrome, Crumb, NavItem, Switcher};
use crate::diagnostic::Diagnostic;
use crate::lang::Lang;
use crate::model::Site;
use crate::paths;
use crate::theme::Theme;

/// The theme's templates compiled: the first call compiles them, and the
/// theme keeps them (see [`Theme::compiled`]).
pub fn tera(theme: &Theme) -> Result<Arc<tera::Tera>, Vec<Diagnostic>> {
    theme.compiled.get_or_init(|| build_tera(theme).map(Arc::new)).clone()
}

/// Loads every template; all syntax errors are reported.
fn build_tera(theme: &Theme) -> Result<tera::Tera, Vec<Diagnostic>> {
    let mut tera = tera::Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    tera.set_escape_fn(crate::escape::write_html);
    let mut templates = Vec::new();
    let mut diags = Vec::new();
    for (name, f) in &theme.templates {
        match std::str::from_utf8(&f.bytes) {
            Ok(s) => templates.push((name.clone(), s.to_string())),
            Err(_) => diags.push(Diagnostic::error(&f.origin, 0, 0, "template is not valid UTF-8")),
        }
    }
    tera.register_filter("phrases", phrases_filter);
    if let Err(e) = tera.add_raw_templates(templates.iter().map(|(n, s)| (n.as_str(), s.as_str()))) {
        diags.push(template_error(theme, &e, None));
    }
    for required in ["base.html", "page.html", "list.html", "home.html", "glossary.html", "root.html", "404.html", "search.html"] {
        if !theme.templates.contains_key(required) {
            diags.push(Diagnostic::global(format!("the theme has no template `{required}`")));
        }
    }
    if diags.is_empty() { Ok(tera) } else { Err(diags) }
}

/// The `phrases` filter: escaped text with `<wbr>` between Japanese phrases.
fn phrases_filter(s: std::borrow::Cow<'_, str>, _: tera::Kwargs, _: &tera::State) -> tera::Value {
    crate::text::phrases::with_html(&s, tera::Value::safe_string)
}

/// A Tera error as a diagnostic on the template's file, at the line and
/// column Tera reports.
pub fn template_error(theme: &Theme, e: &tera::Error, template: Option<&str>) -> Diagnostic {
    const HELP: &str = "fix the template; a site's templates/ folder overrides the theme's file of the same name";
    if let tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) = e.kind() {
        let file = theme.templates.get(r.filename()).or_else(|| template.and_then(|t| theme.templates.get(t)));
        if let Some(f) = file {
            let span = r.span();
            let message = format!("template error: {}", r.message().trim());
            return Diagnostic::error(&f.origin, span.start_line, span.start_col + 1, message).with_help(HELP);
        }
    }
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    // Tera reports the place as `--> name.html:LINE:COL`; prefer it to the template being rendered.
    let located = tera_location(&msg).and_then(|(name, line, col)| theme.templates.get(&name).map(|f| (f, line, col)));
    let (file, line, column) = match located {
        Some((f, line, col)) => (Some(f), line, col),
        None => (template.and_then(|t| theme.templates.get(t)), 0, 0),
    };
    let summary = msg.lines().map(|l| l.trim().trim_start_matches("error:").trim()).find(|l| !l.is_empty()).unwrap_or("").to_string();
    let message = if summary.is_empty() { "template error".to_string() } else { format!("template error: {summary}") };
    let d = match file {
        Some(f) => Diagnostic::error(&f.origin, line, column, message),
        None => Diagnostic::global(message),
    };
    d.with_help(HELP)
}

/// The first `--> name:line:col` in a Tera message.
fn tera_location(msg: &str) -> Option<(String, usize, usize)> {
    let after = &msg[msg.find("--> ")? + 4..];
    let loc = after.split_whitespace().next()?;
    let mut parts = loc.rsplitn(3, ':');
    let col = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    let name = parts.next()?.to_string();
    Some((name, line, col))
}

/// What a page knows about itself, to build its chrome.
pub struct ChromeArgs<'a> {
    pub lang: Lang,
    /// The page's output folder (`ja/programs/b-cure/`).
    pub dir: String,
    pub title: String,
    pub description: Option<String>,
    /// The same page's folder in each language that has it.
    pub alternates: BTreeMap<Lang, String>,
    pub breadcrumbs: Vec<Crumb>,
    /// The nav entry to mark current (a kind folder, `glossary` …).
    pub section: Option<&'a str>,
    pub og_type: &'static str,
    /// Links from the base path, not relative (404.html is served at any depth).
    pub absolute_links: bool,
}

/// Builds the chrome of one page.
pub fn chrome<'a>(site: &'a Site, theme: &'a Theme, a: ChromeArgs<'_>) -> Chrome<'a> {
    let cfg = &site.config;
    let lang = a.lang;
    let site_title = cfg.title.get_or_any(lang);
    let link = |to: &str| if a.absolute_links { paths::from_base_path(&cfg.base_url, to) } else { paths::relative(&a.dir, to) };
    let root = if a.absolute_links { paths::base_path(&cfg.base_url) } else { paths::to_root(&a.dir) };
    let mut nav: Vec<NavItem> = cfg
        .kinds
        .iter()
        .filter(|k| site.has_kind(&k.key))
        .map(|k| NavItem {
            label: k.label.get_or_any(lang).to_string(),
            url: link(&paths::index_of(&paths::kind_dir(lang, &k.folder))),
            current: a.section == Some(k.folder.as_str()),
        })
        .collect();
    if !cfg.periods.is_empty() {
        let url = link(&paths::index_of(&paths::periods_dir(lang)));
        nav.push(NavItem { label: theme.t(lang, "periods").to_string(), url, current: a.section == Some("periods") });
    }
    for f in &cfg.facets {
        let url = link(&paths::index_of(&paths::facet_dir(lang, &f.key)));
        nav.push(NavItem { label: f.label.get_or_any(lang).to_string(), url, current: a.section == Some(f.key.as_str()) });
    }
    for (key, dir) in [("glossary", paths::glossary_dir(lang)), ("crosswalk", paths::crosswalk_dir(lang))] {
        if (key == "glossary" && site.glossary.is_empty()) || (key == "crosswalk" && !site.has_crosswalk()) {
            continue;
        }
        nav.push(NavItem { label: theme.t(lang, key).to_string(), url: link(&paths::index_of(&dir)), current: a.section == Some(key) });
    }
    let mut alternates: Vec<Alternate> =
        a.alternates.iter().map(|(l, d)| Alternate { hreflang: l.code().into(), href: paths::absolute(&cfg.base_url, d) }).collect();
    if a.alternates.len() > 1 {
        let d = a.alternates.get(&cfg.default_language).or_else(|| a.alternates.values().next());
        if let Some(d) = d {
            alternates.push(Alternate { hreflang: "x-default".into(), href: paths::absolute(&cfg.base_url, d) });
        }
    }
    let switcher = cfg.languages.iter().find(|l| **l != lang).and_then(|other| {
        a.alternates.get(other).map(|d| Switcher { url: link(&paths::index_of(d)), lang: other.code(), label: other.endonym() })
    });
    let head_title = if a.title == site_title { a.title.clone() } else { format!("{} | {site_title}", a.title) };
    Chrome {
        lang: lang.code(),
        og_locale: match lang {
            Lang::Ja => "ja_JP",
            Lang::En => "en_US",
        },
        site_title,
        site_description: cfg.description.as_ref().map(|d| d.get_or_any(lang)),
        head_title,
        title: a.title,
        description: a.description,
        canonical: paths::absolute(&cfg.base_url, &a.dir),
        alternates,
        og_type: a.og_type,
        root,
        home_url: link(&paths::index_of(&paths::home_dir(lang))),
        search_url: link(&paths::index_of(&paths::search_dir(lang))),
        accessibility_url: cfg.accessibility.is_some().then(|| link(&paths::index_of(&paths::accessibility_dir(lang)))),
        nav,
        switcher,
        breadcrumbs: a.breadcrumbs,
        t: &theme.strings[&lang],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_location_tera_reports() {
        let msg = "error: Found `{` but expected }}.\n        --> page.html:1:56\n         |\n";
        assert_eq!(tera_location(msg), Some(("page.html".to_string(), 1, 56)));
        assert_eq!(tera_location("no location"), None);
    }
}
