//! `site.yaml` as written turned into a [`Config`], every problem reported:
//! kinds and their folders (slugs, not reserved, not shared), periods (in
//! order), facets (known, slug keys), the base URL, the languages (each once,
//! the default among them) and a text in every built language for every label.

use std::path::Path;

use super::raw::RawConfig;
use super::{BASE_URL_HELP, CONFIG_FILE, Config, FACET_FIELDS, Facet, FacetValue, Kind, Period, Role, Spelling, check_base_url, is_slug};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::lang::Lang;
use crate::text::{LocalText, Located};

/// Turns `site.yaml` as written into a [`Config`], reporting every problem.
pub(super) fn validate(root: &Path, raw: RawConfig, diags: &mut Diagnostics) -> Config {
    let (default_language, languages) = languages(&raw, diags);
    let base_url = base_url(&raw, diags);
    let kinds = kinds(&raw, diags);
    let periods = periods(&raw, diags);
    let facets = facets(&raw, &kinds, diags);
    check_texts(&raw, &kinds, &periods, &facets, &languages, diags);
    let en_spelling = spelling(&raw, diags);
    let raw_html_allowed = super::links::raw_html_allowed(&raw.markdown, diags);
    let (old_paths, warn_page_urls) = super::links::links(raw.links, diags);
    let accessibility = accessibility(raw.accessibility.as_ref(), diags);
    Config {
        root: root.to_path_buf(),
        title: raw.title.clone().unwrap_or_else(|| LocalText::Same(String::new())),
        description: raw.description,
        base_url,
        default_language,
        languages,
        theme: raw.theme.unwrap_or_else(|| "default".into()),
        kinds,
        periods,
        facets,
        glossary_ignore: raw.glossary.ignore,
        acronym_warnings: !raw.glossary.acronyms_off,
        acronym_min_pages: raw.glossary.min_pages.unwrap_or(1).max(1),
        safe_html: raw.markdown.safe_html,
        remote_images: raw.markdown.remote_images,
        raw_html_allowed,
        old_paths,
        warn_page_urls,
        pagination: raw.pagination.unwrap_or(50).max(1),
        accessibility,
        en_spelling,
        warnings: Vec::new(),
    }
}

/// `accessibility`: a report path that stays inside the site root (relative,
/// without `..`), and a target level of `A`, `AA` (the default) or `AAA`.
fn accessibility(raw: Option<&super::raw::RawAccessibility>, diags: &mut Diagnostics) -> Option<super::Accessibility> {
    let raw = raw?;
    let report = raw.report.as_ref()?;
    let path = std::path::Path::new(&report.value);
    let inside =
        !report.value.is_empty() && path.components().all(|c| matches!(c, std::path::Component::Normal(_) | std::path::Component::CurDir));
    if !inside {
        diags.push(
            err(report, format!("the accessibility report `{}` is not a path inside the site root", report.value))
                .with_help("give a path relative to the folder of site.yaml, without `..`: `report: accessibility.json`"),
        );
        return None;
    }
    let target = match &raw.target {
        None => "AA".to_string(),
        Some(t) if ["A", "AA", "AAA"].contains(&t.value.as_str()) => t.value.clone(),
        Some(t) => {
            diags.push(
                err(t, format!("unknown conformance target `{}`", t.value)).with_help("write `target: A`, `target: AA` or `target: AAA`"),
            );
            return None;
        }
    };
    Some(super::Accessibility { report: report.value.clone(), target, line: raw.line })
}

/// `en_spelling`: `british`, `american`, or absent.
fn spelling(raw: &RawConfig, diags: &mut Diagnostics) -> Option<Spelling> {
    let given = raw.en_spelling.as_ref()?;
    match given.value.as_str() {
        "british" => Some(Spelling::British),
        "american" => Some(Spelling::American),
        other => {
            diags.push(
                err(given, format!("unknown `en_spelling` `{other}`"))
                    .with_help("write `en_spelling: british` or `en_spelling: american`, or leave it out to check no spelling"),
            );
            None
        }
    }
}

/// An error at `l` in site.yaml.
fn err(l: &Located<String>, msg: String) -> Diagnostic {
    Diagnostic::error(Path::new(CONFIG_FILE), l.line, l.column, msg)
}

/// `base_url`, checked (as written when it is wrong, after the error).
fn base_url(raw: &RawConfig, diags: &mut Diagnostics) -> String {
    match &raw.base_url {
        Some(base) => match check_base_url(&base.value) {
            Ok(u) => u,
            Err(msg) => {
                diags.push(err(base, msg).with_help(BASE_URL_HELP));
                base.value.trim().to_string()
            }
        },
        None => String::new(),
    }
}

/// The kinds (or the default ones), with their roles; keys and folders
/// checked: slugs, not reserved, not shared.
fn kinds(raw: &RawConfig, diags: &mut Diagnostics) -> Vec<Kind> {
    let kinds = match &raw.kinds {
        Some(kinds) => {
            kinds.iter().map(|(k, v)| (k.clone(), v.folder.clone(), v.label.clone(), v.role.clone(), v.description.clone())).collect()
        }
        None => default_kinds(),
    };
    let mut seen_folders: Vec<String> = Vec::new();
    let mut out_kinds = Vec::new();
    for (key, folder, label, role, description) in kinds {
        let role = match role {
            None => Role::of_default_kind(&key.value),
            Some(r) => Role::parse(&r.value).or_else(|| {
                let names: Vec<&str> = Role::ALL.iter().map(|(n, _)| *n).collect();
                diags.push(
                    err(&r, format!("kind `{}` has an unknown role `{}`", key.value, r.value))
                        .with_help(format!("roles: {}", names.join(", "))),
                );
                None
            }),
        };
        check_slug(&key, "kind", diags);
        check_slug(&folder, "folder", diags);
        if crate::paths::RESERVED.contains(&folder.value.as_str()) {
            diags.push(
                err(&folder, format!("folder `{}` is reserved for the site's own pages", folder.value))
                    .with_help(format!("reserved names: {}", crate::paths::RESERVED.join(", "))),
            );
        }
        if seen_folders.contains(&folder.value) {
            diags.push(err(&folder, format!("folder `{}` is used by two kinds", folder.value)));
        }
        seen_folders.push(folder.value.clone());
        out_kinds.push(Kind { key: key.value, folder: folder.value, label, role, description });
    }
    out_kinds
}

/// The periods; one that ends before it starts is reported.
fn periods(raw: &RawConfig, diags: &mut Diagnostics) -> Vec<Period> {
    raw.periods
        .iter()
        .map(|(key, v)| {
            if let (Some(f), Some(t)) = (&v.from, &v.to)
                && f.value > t.value
            {
                diags.push(
                    Diagnostic::error(
                        Path::new(CONFIG_FILE),
                        t.line,
                        t.column,
                        format!("period `{}` ends (to: {}) before it starts (from: {})", key.value, t.value, f.value),
                    )
                    .with_help("`from` is the period's first fiscal year and `to` its last; swap them if they are the wrong way round"),
                );
            }
            Period {
                key: key.value.clone(),
                from: v.from.as_ref().map(|f| f.value),
                to: v.to.as_ref().map(|t| t.value),
                label: v.label.clone(),
            }
        })
        .collect()
}

/// The facets: known names only, none named like a kind's folder, value keys slugs.
fn facets(raw: &RawConfig, kinds: &[Kind], diags: &mut Diagnostics) -> Vec<Facet> {
    let mut facets = Vec::new();
    for (key, f) in &raw.facets {
        if !FACET_FIELDS.contains(&key.value.as_str()) {
            diags.push(
                err(key, format!("unknown facet `{}`", key.value)).with_help_opt(
                    crate::suggest::did_you_mean(&key.value, FACET_FIELDS)
                        .or_else(|| Some(format!("pages can be classified by {}", FACET_FIELDS.join(", ")))),
                ),
            );
        }
        if kinds.iter().any(|k| k.folder == key.value) {
            diags.push(err(key, format!("facet `{}` has the same name as a kind's folder", key.value)));
        }
        let mut values = Vec::new();
        for (vkey, v) in &f.values {
            check_slug(vkey, "facet key", diags);
            values.push(FacetValue {
                key: vkey.value.clone(),
                label: v.label.clone(),
                short: v.short.clone(),
                description: v.description.clone(),
            });
        }
        facets.push(Facet { key: key.value.clone(), label: f.label.clone(), values });
    }
    facets
}

/// Every reader-facing text must exist in every built language.
fn check_texts(raw: &RawConfig, kinds: &[Kind], periods: &[Period], facets: &[Facet], languages: &[Lang], diags: &mut Diagnostics) {
    let mut texts: Vec<(&LocalText, usize, String)> = Vec::new();
    if let Some(t) = &raw.title {
        texts.push((t, 0, "title".into()));
    }
    if let Some(d) = &raw.description {
        texts.push((d, 0, "description".into()));
    }
    for k in kinds {
        texts.push((&k.label, 0, format!("label of kind `{}`", k.key)));
        if let Some(d) = &k.description {
            texts.push((d, 0, format!("description of kind `{}`", k.key)));
        }
    }
    for p in periods {
        texts.push((&p.label, 0, format!("label of period `{}`", p.key)));
    }
    for f in facets {
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
        for lang in t.missing(languages) {
            diags.push(
                Diagnostic::error(CONFIG_FILE, line, 0, format!("the {what} has no `{lang}` text"))
                    .with_help(format!("add `{lang}: …` to it, or write one plain string for every language")),
            );
        }
    }
}

/// The default language and the languages built (default first), each repeat
/// and a default not among the languages reported.
fn languages(raw: &RawConfig, diags: &mut Diagnostics) -> (Lang, Vec<Lang>) {
    let default_language = raw.default_language.as_ref().map_or(Lang::Ja, |l| l.value);
    let mut languages: Vec<Lang> = Vec::new();
    match &raw.languages {
        None => languages = Lang::ALL.to_vec(),
        Some(listed) => {
            for l in listed {
                if languages.contains(&l.value) {
                    diags.push(
                        Diagnostic::error(CONFIG_FILE, l.line, l.column, format!("language `{}` is listed twice in `languages`", l.value))
                            .with_help("list each language once"),
                    );
                } else {
                    languages.push(l.value);
                }
            }
        }
    }
    if !languages.contains(&default_language) {
        let (line, column) = raw.default_language.as_ref().map_or((0, 0), |l| (l.line, l.column));
        diags.push(
            Diagnostic::error(CONFIG_FILE, line, column, format!("default_language `{default_language}` is not among `languages`"))
                .with_help(format!("add `{default_language}` to `languages`, or choose one of them as the default language")),
        );
        languages.insert(0, default_language);
    }
    languages.sort_by_key(|l| *l != default_language);
    (default_language, languages)
}

/// A kind as site.yaml gives it: key, folder, label, role, description.
type RawKindFields = (Located<String>, Located<String>, LocalText, Option<Located<String>>, Option<LocalText>);

/// The kinds of a site.yaml without `kinds`; their roles follow from their keys.
fn default_kinds() -> Vec<RawKindFields> {
    let mk = |key: &str, folder: &str, ja: &str, en: &str| {
        let label = LocalText::Per([(Lang::Ja, ja.to_string()), (Lang::En, en.to_string())].into_iter().collect());
        (Located::new(key.to_string(), 0, 0), Located::new(folder.to_string(), 0, 0), label, None, None)
    };
    vec![
        mk("policy", "policies", "政策", "Policies"),
        mk("project", "projects", "統合プロジェクト", "Integrated projects"),
        mk("program", "programs", "事業", "Programs"),
        mk("handout", "handouts", "配布資料", "Handouts"),
    ]
}

fn check_slug(l: &Located<String>, what: &str, diags: &mut Diagnostics) {
    if !is_slug(&l.value) {
        diags.push(
            Diagnostic::error(CONFIG_FILE, l.line, l.column, format!("{what} `{}` is not a lowercase slug", l.value))
                .with_help("use only a-z, 0-9 and -"),
        );
    }
}
