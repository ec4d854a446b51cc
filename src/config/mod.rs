//! Stage 1: the site's configuration.
//!
//! [`load_config`] reads `site.yaml` into [`raw::RawConfig`] and validates it
//! into a [`Config`]: languages, kinds and their folders, periods, facets.
//! Every problem is reported, each at its line in `site.yaml`. Derived values
//! live here, never in the raw struct.

pub mod links;
pub mod raw;
mod validate;

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::lang::Lang;
use crate::text::{LocalText, Located};
use crate::yaml;
use crate::yaml::read::{Reader, Want};
use crate::yaml::tree::Node;

pub use links::OldPath;

/// The facets a page's front matter can name.
pub const FACET_FIELDS: [&str; 3] = ["ministries", "diseases", "tags"];

/// A validated site configuration.
#[derive(Clone, Debug)]
pub struct Config {
    /// The site root (the folder holding `site.yaml`).
    pub root: PathBuf,
    /// The site's title.
    pub title: LocalText,
    /// A line on what the site is.
    pub description: Option<LocalText>,
    /// Absolute base URL, ending in `/`.
    pub base_url: String,
    /// The language of source pages and of bare `x.md` files.
    pub default_language: Lang,
    /// The languages built, default first.
    pub languages: Vec<Lang>,
    /// The theme's name.
    pub theme: String,
    /// Kinds of page, in the order the site lists them.
    pub kinds: Vec<Kind>,
    /// Periods, in the order written.
    pub periods: Vec<Period>,
    /// Facets (ministries, diseases, tags), in the order written.
    pub facets: Vec<Facet>,
    /// Acronyms that need no glossary entry (`glossary.ignore`).
    pub glossary_ignore: Vec<String>,
    /// Whether acronyms the glossary lacks are warned about
    /// (`glossary.acronyms: warn`, the default, or `off`).
    pub acronym_warnings: bool,
    /// Warn only about acronyms found on at least this many page texts
    /// (`glossary.min_pages`, default 1: every one).
    pub acronym_min_pages: usize,
    /// Sanitise raw HTML in Markdown.
    pub safe_html: bool,
    /// Allow images from other hosts in Markdown (`markdown.remote_images`).
    pub remote_images: bool,
    /// Let raw HTML through as written (`markdown.raw_html: allow`), unchecked.
    pub raw_html_allowed: bool,
    /// Old URL paths mapped to pages (`links.map`).
    pub old_paths: Vec<OldPath>,
    /// Report links that name a page's built URL (`links.page_urls: warn`, the default).
    pub warn_page_urls: bool,
    /// Entries per page of a long list.
    pub pagination: usize,
    /// The accessibility statement, when `accessibility:` is set.
    pub accessibility: Option<Accessibility>,
    /// The English spelling `check` holds English text to (`en_spelling`); none: not checked.
    pub en_spelling: Option<Spelling>,
    /// Warnings about `site.yaml` itself, for the caller to report with the site's problems.
    pub warnings: Vec<Diagnostic>,
}

/// A variety of English spelling (`en_spelling: british | american`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spelling {
    British,
    American,
}

impl Spelling {
    /// The value written in `site.yaml`.
    pub fn word(self) -> &'static str {
        match self {
            Spelling::British => "british",
            Spelling::American => "american",
        }
    }

    /// The variety's name in a sentence.
    pub fn name(self) -> &'static str {
        match self {
            Spelling::British => "British",
            Spelling::American => "American",
        }
    }
}

/// A kind of page and the folder that holds it.
#[derive(Clone, Debug)]
pub struct Kind {
    pub key: String,
    pub folder: String,
    pub label: LocalText,
    /// What its pages do beyond being pages (`role:` in site.yaml).
    pub role: Option<Role>,
    /// What its pages are, in a sentence: shown on the home page.
    pub description: Option<LocalText>,
}

/// What the pages of a kind do beyond being pages: the build treats a kind
/// by its role, never by its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Bundles other pages (`pages:`) into one document to print: rendered
    /// with `handout.html`, and printed to PDF by `build --pdf`.
    Handout,
    /// Receives budget lines (their `project:`), continues across periods
    /// (the crosswalk's rows), shows budget and relation charts and a
    /// circled number.
    Funded,
}

impl Role {
    /// Every role, as written in site.yaml.
    pub const ALL: [(&'static str, Role); 2] = [("handout", Role::Handout), ("funded", Role::Funded)];

    /// The role named `name` in site.yaml.
    pub fn parse(name: &str) -> Option<Role> {
        Role::ALL.iter().find(|(n, _)| *n == name).map(|(_, r)| *r)
    }

    /// The role of a kind whose site.yaml names none: the one of the default
    /// kind of the same key (`handout`, `project`).
    pub fn of_default_kind(key: &str) -> Option<Role> {
        match key {
            "handout" => Some(Role::Handout),
            "project" => Some(Role::Funded),
            _ => None,
        }
    }
}

/// A strategy period.
#[derive(Clone, Debug)]
pub struct Period {
    pub key: String,
    pub from: Option<i32>,
    pub to: Option<i32>,
    pub label: LocalText,
}

/// `accessibility:` of site.yaml: the test report (a path inside the site
/// root, as written) and the conformance level aimed at.
#[derive(Clone, Debug)]
pub struct Accessibility {
    pub report: String,
    /// `A`, `AA` or `AAA`.
    pub target: String,
    /// The line of `accessibility:` in site.yaml.
    pub line: usize,
}

/// A controlled vocabulary.
#[derive(Clone, Debug)]
pub struct Facet {
    pub key: String,
    pub label: LocalText,
    pub values: Vec<FacetValue>,
}

/// One value of a facet.
#[derive(Clone, Debug)]
pub struct FacetValue {
    pub key: String,
    pub label: LocalText,
    pub short: Option<LocalText>,
    pub description: Option<LocalText>,
}

impl Config {
    /// Whether pages of kind `kind` have `role`.
    pub fn has_role(&self, kind: &str, role: Role) -> bool {
        self.kinds.iter().any(|k| k.key == kind && k.role == Some(role))
    }

    /// The kind with this key.
    pub fn kind(&self, key: &str) -> Option<&Kind> {
        self.kinds.iter().find(|k| k.key == key)
    }

    /// The kind whose folder is `folder`.
    pub fn kind_by_folder(&self, folder: &str) -> Option<&Kind> {
        self.kinds.iter().find(|k| k.folder == folder)
    }

    /// The period with this key.
    pub fn period(&self, key: &str) -> Option<&Period> {
        self.periods.iter().find(|p| p.key == key)
    }

    /// The facet with this key.
    pub fn facet(&self, key: &str) -> Option<&Facet> {
        self.facets.iter().find(|f| f.key == key)
    }

    /// Whether `lang` is built.
    pub fn builds(&self, lang: Lang) -> bool {
        self.languages.contains(&lang)
    }
}

impl Facet {
    /// The value with this key.
    pub fn value(&self, key: &str) -> Option<&FacetValue> {
        self.values.iter().find(|v| v.key == key)
    }
}

/// The configuration file's name.
pub const CONFIG_FILE: &str = "site.yaml";

/// The largest `site.yaml` tebiki reads.
pub const MAX_CONFIG_BYTES: u64 = 16 * 1024 * 1024;

/// Fiscal years tebiki can show: from the first year of Meiji, the earliest
/// era it writes (`明治元年度`), to 2200.
pub const FISCAL_YEARS: std::ops::RangeInclusive<i32> = 1868..=2200;

/// Reads and validates `site.yaml` under `root`, every problem of it reported.
pub fn load_config(root: &Path) -> Result<Config, Diagnostics> {
    let file = Path::new(CONFIG_FILE);
    let mut diags = Diagnostics::new();
    let path = root.join(file);
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    if size > MAX_CONFIG_BYTES {
        diags.push(
            Diagnostic::error(
                file,
                0,
                0,
                format!("site.yaml is {} MiB, more than the {} MiB tebiki reads", size >> 20, MAX_CONFIG_BYTES >> 20),
            )
            .with_help("check that the file is what it should be"),
        );
        return Err(diags);
    }
    // Through the site's checked reading: a site.yaml that is a link out of the site is not read.
    let decoded = match crate::fsguard::read(root, file) {
        Ok(bytes) => match crate::text::decode::decode_text(&bytes, file) {
            Ok(d) => d,
            Err(d) => {
                diags.push(d);
                return Err(diags);
            }
        },
        Err(e) => {
            diags.push(
                Diagnostic::global(format!("cannot read {}: {e}", path.display()))
                    .with_help("run tebiki in the site's root folder, pass --root DIR, or create a site with `tebiki init DIR`"),
            );
            return Err(diags);
        }
    };
    diags.extend(decoded.bare_cr.map(|at| crate::text::decode::bare_cr_warning(file, at)));
    from_text(root, &decoded.text, diags)
}

/// Reads and validates the text of `site.yaml`, adding to the problems found so far.
fn from_text(root: &Path, text: &str, mut diags: Diagnostics) -> Result<Config, Diagnostics> {
    let file = Path::new(CONFIG_FILE);
    let root_node = match yaml::tree::parse(text, file, 1, &mut diags) {
        Ok(n) => n,
        Err(d) => {
            diags.push(d);
            return Err(diags);
        }
    };
    let raw = raw::read(&mut Reader { file, diags: &mut diags }, root_node.as_ref());
    let mut config = validate::validate(root, raw, &mut diags);
    if diags.has_errors() {
        return Err(diags);
    }
    config.warnings = diags.sorted();
    Ok(config)
}

/// A configuration from the text of a `site.yaml`, for tests.
#[cfg(test)]
pub(crate) fn from_yaml(text: &str) -> Result<Config, Diagnostics> {
    from_text(Path::new("."), text, Diagnostics::new())
}

/// A fiscal year within [`FISCAL_YEARS`], reported otherwise.
pub fn fiscal_year(r: &mut Reader, node: &Node, field: &str) -> Option<Located<i32>> {
    let fy: i32 = r.int(node, field, Want::Integer)?;
    if !FISCAL_YEARS.contains(&fy) {
        r.error(
            node,
            format!("`{field}` {fy} is not a fiscal year tebiki can show"),
            format!(
                "write the year in the Western calendar, from {} to {}, such as `2025` for 令和7年度",
                FISCAL_YEARS.start(),
                FISCAL_YEARS.end()
            ),
        );
        return None;
    }
    Some(Located::new(fy, node.line, node.column))
}

/// How to write a base URL.
pub const BASE_URL_HELP: &str = "write it like https://example.org/ or https://example.go.jp/hms/";

/// Checks a base URL (site.yaml or `--base-url`): absolute http(s), nothing
/// that would need escaping in a URL; returns it ending in `/`.
pub fn check_base_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    let scheme_ok = url.starts_with("http://") || url.starts_with("https://");
    let host = url.split_once("://").map(|(_, rest)| rest).unwrap_or("");
    let bad = url.chars().find(|c| c.is_whitespace() || c.is_control() || "\"'<>\\`{}|^".contains(*c));
    if !scheme_ok || host.is_empty() || host.starts_with('/') {
        return Err(format!("base_url `{url}` is not an absolute http(s) URL"));
    }
    if let Some(c) = bad {
        let shown = match c {
            ' ' => "a space".to_string(),
            c if c.is_whitespace() || c.is_control() => format!("`{}`", c.escape_default()),
            c => format!("`{c}`"),
        };
        return Err(format!("base_url `{url}` holds {shown}, which a URL cannot hold"));
    }
    if let Some(i) = url.find(['?', '#']) {
        let part = if url.as_bytes()[i] == b'?' { "a query (`?…`)" } else { "a fragment (`#…`)" };
        return Err(format!("base_url `{url}` ends in {part}, inside which every address built from it would land"));
    }
    let authority = host.split('/').next().unwrap_or("");
    if authority.contains('@') {
        return Err(format!("base_url `{url}` holds a user name or password (`…@`), which every page would publish"));
    }
    if authority.starts_with(':') || authority.starts_with('.') {
        return Err(format!("base_url `{url}` has no host name"));
    }
    Ok(if url.ends_with('/') { url.to_string() } else { format!("{url}/") })
}

/// Whether `s` is a lowercase slug: `[a-z0-9-]+`.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_absolute_and_need_no_escaping() {
        assert_eq!(check_base_url("https://example.go.jp/hms").unwrap(), "https://example.go.jp/hms/");
        for bad in ["", "example.org", "https://", "https:///x", "javascript:alert(1)", "https://e.org/\"><script>", "https://e.org/a b"] {
            assert!(check_base_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn base_urls_have_no_query_fragment_or_credentials() {
        for bad in [
            "https://e.org/?a=1",
            "https://e.org/hms#top",
            "https://user:pass@e.org/",
            "http://me@e.org",
            "ftp://e.org/",
            "file:///srv/site/",
            "https://:80/",
        ] {
            assert!(check_base_url(bad).is_err(), "{bad}");
        }
        assert_eq!(check_base_url("https://e.org:8443/a@b/").unwrap(), "https://e.org:8443/a@b/");
        assert!(check_base_url("https://e.org/?q").unwrap_err().contains("a query"));
    }

    fn config(yaml: &str) -> Result<Config, Diagnostics> {
        from_text(Path::new("/site"), yaml, Diagnostics::new())
    }

    const BASE: &str = "title: T\nbase_url: https://e.org/\nlanguages: [ja, en]\n";

    #[test]
    fn the_default_kinds_have_the_roles_of_their_keys() {
        let c = config(BASE).unwrap();
        assert!(c.has_role("handout", Role::Handout) && c.has_role("project", Role::Funded));
        assert!(!c.has_role("policy", Role::Handout) && !c.has_role("program", Role::Funded));
    }

    #[test]
    fn a_kind_takes_its_role_from_site_yaml_whatever_its_name() {
        let yaml = format!(
            "{BASE}kinds:\n  brief: {{folder: briefs, label: Briefs, role: handout}}\n  scheme: {{folder: schemes, label: Schemes, role: funded}}\n  project: {{folder: projects, label: P}}\n"
        );
        let c = config(&yaml).unwrap();
        assert!(c.has_role("brief", Role::Handout) && c.has_role("scheme", Role::Funded));
        assert!(c.has_role("project", Role::Funded), "a kind without a role keeps the default kind's");
    }

    #[test]
    fn an_unknown_role_is_reported_with_the_roles_there_are() {
        let yaml = format!("{BASE}kinds:\n  brief: {{folder: briefs, label: Briefs, role: printed}}\n");
        let diags = match config(&yaml) {
            Ok(c) => c.warnings.into_iter().collect::<Vec<_>>(),
            Err(d) => d.sorted(),
        };
        let d = diags.iter().find(|d| d.message.contains("unknown role `printed`")).expect("the unknown role");
        assert_eq!((d.line, d.help.as_deref()), (5, Some("roles: handout, funded")));
    }
}
