//! Stage 1: the site's configuration.
//!
//! [`load_config`] reads `site.yaml` into [`raw::RawConfig`] and validates it
//! into a [`Config`]: languages, kinds and their folders, periods, facets.
//! Every problem is reported, each at its line in `site.yaml`. Derived values
//! live here, never in the raw struct.

pub mod raw;

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::lang::Lang;
use crate::text::{LocalText, Located};
use crate::yaml;
use raw::RawConfig;

/// Names that the site's own pages use in URLs; kinds and facets may not take them.
pub const RESERVED: [&str; 6] = ["glossary", "search", "crosswalk", "periods", "data", "atom.xml"];

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
    /// Acronyms that need no glossary entry.
    pub glossary_ignore: Vec<String>,
    /// Sanitise raw HTML in Markdown.
    pub safe_html: bool,
    /// Entries per page of a long list.
    pub pagination: usize,
}

/// A kind of page and the folder that holds it.
#[derive(Clone, Debug)]
pub struct Kind {
    pub key: String,
    pub folder: String,
    pub label: LocalText,
}

/// A strategy period.
#[derive(Clone, Debug)]
pub struct Period {
    pub key: String,
    pub from: Option<i32>,
    pub to: Option<i32>,
    pub label: LocalText,
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

/// Reads and validates `site.yaml` under `root`.
pub fn load_config(root: &Path) -> Result<Config, Diagnostics> {
    let file = Path::new(CONFIG_FILE);
    let mut diags = Diagnostics::new();
    let text = match std::fs::read(root.join(file)) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => {
                diags.push(Diagnostic::error(file, 0, 0, "site.yaml is not valid UTF-8").with_help("save it as UTF-8"));
                return Err(diags);
            }
        },
        Err(e) => {
            diags.push(
                Diagnostic::global(format!("cannot read {}: {e}", root.join(file).display()))
                    .with_help("run tebiki in the site's root folder, pass --root DIR, or create a site with `tebiki init DIR`"),
            );
            return Err(diags);
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).replace("\r\n", "\n");
    let raw: RawConfig = match yaml::parse(&text, file, 1) {
        Ok(r) => r,
        Err(d) => {
            diags.push(d);
            return Err(diags);
        }
    };
    let config = validate(root, raw, &mut diags);
    if diags.has_errors() { Err(diags) } else { Ok(config) }
}

fn validate(root: &Path, raw: RawConfig, diags: &mut Diagnostics) -> Config {
    let file = Path::new(CONFIG_FILE);
    let err = |l: &Located<String>, msg: String| Diagnostic::error(file, l.line, l.column, msg);

    let default_language = raw.default_language.unwrap_or(Lang::Ja);
    let mut languages = raw.languages.unwrap_or_else(|| Lang::ALL.to_vec());
    languages.dedup();
    if !languages.contains(&default_language) {
        diags.push(Diagnostic::error(file, 0, 0, format!("default_language `{default_language}` is not among `languages`")));
        languages.insert(0, default_language);
    }
    languages.sort_by_key(|l| *l != default_language);

    let base = yaml::located(&raw.base_url, 1);
    let base_url = match check_base_url(&base.value) {
        Ok(u) => u,
        Err(msg) => {
            diags.push(err(&base, msg).with_help(BASE_URL_HELP));
            base.value.trim().to_string()
        }
    };

    let mut texts: Vec<(&LocalText, usize, String)> = vec![(&raw.title, 0, "title".into())];
    if let Some(d) = &raw.description {
        texts.push((d, 0, "description".into()));
    }

    let kinds = match &raw.kinds {
        Some(map) => map.0.iter().map(|(k, v)| (yaml::located(k, 1), yaml::located(&v.folder, 1), v.label.clone())).collect(),
        None => default_kinds(),
    };
    let mut seen_folders: Vec<String> = Vec::new();
    let mut out_kinds = Vec::new();
    for (key, folder, label) in kinds {
        check_slug(&key, "kind", diags);
        check_slug(&folder, "folder", diags);
        if RESERVED.contains(&folder.value.as_str()) {
            diags.push(
                err(&folder, format!("folder `{}` is reserved for the site's own pages", folder.value))
                    .with_help(format!("reserved names: {}", RESERVED.join(", "))),
            );
        }
        if seen_folders.contains(&folder.value) {
            diags.push(err(&folder, format!("folder `{}` is used by two kinds", folder.value)));
        }
        seen_folders.push(folder.value.clone());
        out_kinds.push(Kind { key: key.value, folder: folder.value, label });
    }

    let periods: Vec<Period> = raw
        .periods
        .0
        .iter()
        .map(|(k, v)| {
            let key = yaml::located(k, 1);
            if let (Some(f), Some(t)) = (v.from, v.to)
                && f > t
            {
                diags.push(err(&key, format!("period `{}` ends (to: {t}) before it starts (from: {f})", key.value)));
            }
            Period { key: key.value, from: v.from, to: v.to, label: v.label.clone() }
        })
        .collect();

    let mut facets = Vec::new();
    for (k, f) in &raw.facets.0 {
        let key = yaml::located(k, 1);
        if !FACET_FIELDS.contains(&key.value.as_str()) {
            diags.push(
                err(&key, format!("unknown facet `{}`", key.value)).with_help_opt(
                    crate::suggest::did_you_mean(&key.value, FACET_FIELDS)
                        .or_else(|| Some(format!("pages can be classified by {}", FACET_FIELDS.join(", ")))),
                ),
            );
        }
        if seen_folders.contains(&key.value) {
            diags.push(err(&key, format!("facet `{}` has the same name as a kind's folder", key.value)));
        }
        let mut values = Vec::new();
        for (vk, v) in &f.values.0 {
            let vkey = yaml::located(vk, 1);
            check_slug(&vkey, "facet key", diags);
            values.push(FacetValue { key: vkey.value, label: v.label.clone(), short: v.short.clone(), description: v.description.clone() });
        }
        facets.push(Facet { key: key.value, label: f.label.clone(), values });
    }

    // Every reader-facing text must exist in every built language.
    for k in &out_kinds {
        texts.push((&k.label, 0, format!("label of kind `{}`", k.key)));
    }
    for p in &periods {
        texts.push((&p.label, 0, format!("label of period `{}`", p.key)));
    }
    for f in &facets {
        texts.push((&f.label, 0, format!("label of facet `{}`", f.key)));
        for v in &f.values {
            texts.push((&v.label, 0, format!("label of `{}.{}`", f.key, v.key)));
            if let Some(s) = &v.short {
                texts.push((s, 0, format!("short label of `{}.{}`", f.key, v.key)));
            }
            if let Some(d) = &v.description {
                texts.push((d, 0, format!("description of `{}.{}`", f.key, v.key)));
            }
        }
    }
    for (t, line, what) in texts {
        for lang in t.missing(&languages) {
            diags.push(
                Diagnostic::error(file, line, 0, format!("the {what} has no `{lang}` text"))
                    .with_help(format!("add `{lang}: …` to it, or write one plain string for every language")),
            );
        }
    }

    Config {
        root: root.to_path_buf(),
        title: raw.title,
        description: raw.description,
        base_url,
        default_language,
        languages,
        theme: raw.theme.unwrap_or_else(|| "default".into()),
        kinds: out_kinds,
        periods,
        facets,
        glossary_ignore: raw.glossary.ignore,
        safe_html: raw.markdown.safe_html,
        pagination: raw.pagination.unwrap_or(50).max(1),
    }
}

fn default_kinds() -> Vec<(Located<String>, Located<String>, LocalText)> {
    let mk = |key: &str, folder: &str, ja: &str, en: &str| {
        let label = LocalText::Per([(Lang::Ja, ja.to_string()), (Lang::En, en.to_string())].into_iter().collect());
        (Located::new(key.to_string(), 0, 0), Located::new(folder.to_string(), 0, 0), label)
    };
    vec![
        mk("policy", "policies", "政策", "Policies"),
        mk("project", "projects", "統合プロジェクト", "Integrated projects"),
        mk("program", "programs", "事業", "Programs"),
        mk("handout", "handouts", "配布資料", "Handouts"),
    ]
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
    Ok(if url.ends_with('/') { url.to_string() } else { format!("{url}/") })
}

/// Whether `s` is a lowercase slug: `[a-z0-9-]+`.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn check_slug(l: &Located<String>, what: &str, diags: &mut Diagnostics) {
    if !is_slug(&l.value) {
        diags.push(
            Diagnostic::error(CONFIG_FILE, l.line, l.column, format!("{what} `{}` is not a lowercase slug", l.value))
                .with_help("use only a-z, 0-9 and -"),
        );
    }
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
}
