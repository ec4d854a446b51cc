//! Stage 1b, after `config`: the theme — templates, static files and UI
//! strings — read once per build from the configuration alone.
//!
//! It is an input like `site.yaml`, and earlier stages than `render` need
//! it: the Markdown stage words its links with the UI strings, `plan` asks
//! which templates and static files there are. [`load_theme`] reports every
//! problem of it as a diagnostic.
//!
//! The default theme is compiled into the binary, so a site without a
//! `themes/` folder builds. A site's `themes/<name>/` replaces it; files in the
//! site's `templates/` and `static/` override the theme's files of the same
//! name. UI strings come from the theme's `i18n/{lang}.yaml`; a key missing
//! in one language is an error. A site words itself with its own
//! `i18n/{lang}.yaml` at the site root: each key there replaces the theme's
//! string of that key in that language (the other keys stay the theme's); a
//! key the theme does not have is an error (a misspelt key would otherwise
//! change nothing).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use include_dir::{Dir, include_dir};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::fsguard::SiteFs;
use crate::lang::Lang;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The site's own UI strings, overriding the theme's key by key.
const SITE_STRINGS: &str = "i18n";

/// Anchors the page template always has, besides heading ids: a reference
/// may point at them.
pub const FIXED_ANCHORS: [&str; 4] = ["main", "budget-heading", "terms-heading", "sources-heading"];

/// A file of the theme: where it came from (for messages) and its bytes.
#[derive(Clone, Debug)]
pub struct ThemeFile {
    /// Shown in messages: a path relative to the site root, or `(built-in)/…`.
    pub origin: PathBuf,
    pub bytes: Vec<u8>,
}

/// The theme's files, with the site's overrides applied.
#[derive(Debug, Default)]
pub struct Theme {
    /// Templates by name (`page.html`).
    pub templates: BTreeMap<String, ThemeFile>,
    /// Static files by output path (`tebiki.css`).
    pub statics: BTreeMap<String, ThemeFile>,
    /// UI strings per language.
    pub strings: BTreeMap<Lang, BTreeMap<String, String>>,
    /// The templates compiled, once, by the first render that needs them
    /// (`render::chrome::tera`); a theme kept from one compile to the next
    /// keeps them too.
    pub compiled: OnceLock<Result<Arc<tera::Tera>, Vec<Diagnostic>>>,
}

impl Theme {
    /// A UI string (the key itself if missing, which validation prevents).
    pub fn t<'a>(&'a self, lang: Lang, key: &'a str) -> &'a str {
        self.strings.get(&lang).and_then(|m| m.get(key)).map(String::as_str).unwrap_or(key)
    }
}

/// A UI string with its placeholders filled: each `{name}` that `values`
/// names becomes its value (`{n}件` with `("n", "33")` gives `33件`). One
/// pass: a value is never searched for placeholders itself, and a brace
/// that opens no known name stays as written.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let known = after.find('}').and_then(|close| values.iter().find(|(name, _)| *name == &after[..close]).map(|(_, v)| (*v, close)));
        match known {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The folders a theme comes from, for the watcher too.
pub fn theme_dirs(config: &Config) -> Vec<PathBuf> {
    vec![
        config.root.join("themes").join(&config.theme),
        config.root.join("templates"),
        config.root.join("static"),
        config.root.join(SITE_STRINGS),
    ]
}

/// Loads the theme for `config`. Its files are read through
/// [`crate::fsguard`]: nothing whose real path lies outside the site root.
pub fn load_theme(config: &Config, diags: &mut Diagnostics) -> Theme {
    assemble(config, read_theme(config, diags), diags)
}

/// The files a theme is made of, as read, before its UI strings are parsed.
#[derive(Default)]
pub struct ThemeSources {
    templates: BTreeMap<String, ThemeFile>,
    statics: BTreeMap<String, ThemeFile>,
    /// The theme's `i18n/` (none when the theme was not found).
    strings: Option<BTreeMap<String, ThemeFile>>,
    /// The site's `i18n/`.
    site_strings: BTreeMap<String, ThemeFile>,
}

impl ThemeSources {
    /// A digest of every file and of what [`assemble`] reads of the
    /// configuration: equal digests give equal themes.
    pub fn digest(&self, config: &Config) -> blake3::Hash {
        let mut h = blake3::Hasher::new();
        let mut put = |b: &[u8]| {
            h.update(&(b.len() as u64).to_le_bytes());
            h.update(b);
        };
        for l in &config.languages {
            put(l.code().as_bytes());
        }
        for files in [Some(&self.templates), Some(&self.statics), self.strings.as_ref(), Some(&self.site_strings)] {
            let Some(files) = files else {
                put(b"none");
                continue;
            };
            put(b"files");
            for (name, f) in files {
                put(name.as_bytes());
                put(f.origin.as_os_str().as_encoded_bytes());
                put(&f.bytes);
            }
        }
        h.finalize()
    }
}

/// Reads the theme's files (every problem reported); [`assemble`] makes the theme.
pub fn read_theme(config: &Config, diags: &mut Diagnostics) -> ThemeSources {
    let mut src = ThemeSources::default();
    let fs = match SiteFs::new(&config.root) {
        Ok(fs) => fs,
        Err(e) => {
            diags.push(Diagnostic::global(format!("cannot open the site root {}: {e}", config.root.display())));
            return src;
        }
    };
    let site_theme = Path::new("themes").join(&config.theme);
    let found = match fs.resolve(&site_theme) {
        Ok(dir) => Some(dir.is_some_and(|d| d.path().is_dir())),
        // Reported once, here, rather than for each of its folders; the built-in theme does not stand in.
        Err(denied) => {
            diags.push(denied.diagnostic());
            None
        }
    };
    match found {
        Some(true) => {
            read_dir_into(&fs, &site_theme.join("templates"), &mut src.templates, diags);
            read_dir_into(&fs, &site_theme.join("static"), &mut src.statics, diags);
            let mut i18n = BTreeMap::new();
            read_dir_into(&fs, &site_theme.join("i18n"), &mut i18n, diags);
            src.strings = Some(i18n);
        }
        Some(false) if config.theme == "default" => {
            embedded_into(DEFAULT_THEME.get_dir("templates"), &mut src.templates);
            embedded_into(DEFAULT_THEME.get_dir("static"), &mut src.statics);
            let mut i18n = BTreeMap::new();
            embedded_into(DEFAULT_THEME.get_dir("i18n"), &mut i18n);
            src.strings = Some(i18n);
        }
        Some(false) => diags.push(
            Diagnostic::error("site.yaml", 0, 0, format!("theme `{}` not found", config.theme))
                .with_help(format!("create themes/{}/ or use `theme: default`", config.theme)),
        ),
        None => {}
    }
    read_dir_into(&fs, Path::new("templates"), &mut src.templates, diags);
    read_dir_into(&fs, Path::new("static"), &mut src.statics, diags);
    read_dir_into(&fs, Path::new(SITE_STRINGS), &mut src.site_strings, diags);
    src
}

/// The theme of `sources`: its UI strings parsed and checked, the site's applied.
pub fn assemble(config: &Config, sources: ThemeSources, diags: &mut Diagnostics) -> Theme {
    let mut theme = Theme { templates: sources.templates, statics: sources.statics, ..Theme::default() };
    if let Some(i18n) = &sources.strings {
        load_strings(config, i18n, &mut theme, diags);
    }
    override_strings(config, &sources.site_strings, &mut theme, diags);
    theme
}

/// Replaces the theme's UI strings with the site's (`i18n/{lang}.yaml` at
/// the site root), key by key.
fn override_strings(config: &Config, files: &BTreeMap<String, ThemeFile>, theme: &mut Theme, diags: &mut Diagnostics) {
    for (name, f) in files {
        let lang = config.languages.iter().find(|l| format!("{l}.yaml") == *name);
        let (Some(lang), Some(strings)) = (lang, lang.and_then(|l| theme.strings.get_mut(l))) else {
            let langs: Vec<String> = config.languages.iter().map(|l| format!("{l}.yaml")).collect();
            diags.push(
                Diagnostic::warning(
                    &f.origin,
                    0,
                    0,
                    format!("`{name}` is not the UI strings of a language of this site, so it is not read"),
                )
                .with_help(format!("the site's UI strings are {}", langs.join(", "))),
            );
            continue;
        };
        let text = match crate::text::decode::decode(&f.bytes, &f.origin) {
            Ok(t) => t,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let given = match crate::yaml::parse::<Option<BTreeMap<String, String>>>(&text, &f.origin, 1) {
            Ok(m) => m.unwrap_or_default(),
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        for (key, value) in given {
            match strings.get_mut(&key) {
                Some(s) => *s = value,
                None => {
                    let hint = crate::suggest::did_you_mean(&key, strings.keys().map(String::as_str));
                    diags.push(
                        Diagnostic::error(
                            &f.origin,
                            key_line(&text, &key),
                            1,
                            format!("the theme has no UI string `{key}` for {lang}", lang = lang.code()),
                        )
                        .with_help(hint.unwrap_or_else(|| {
                            "a site's i18n file rewords the theme's strings; see the theme's i18n files for their keys".into()
                        })),
                    );
                }
            }
        }
    }
}

/// The line of the top-level `key:` in a flat YAML map (0 when not found).
fn key_line(text: &str, key: &str) -> usize {
    text.lines().position(|line| line.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(':'))).map_or(0, |i| i + 1)
}

fn embedded_into(dir: Option<&Dir<'static>>, out: &mut BTreeMap<String, ThemeFile>) {
    fn walk(d: &Dir<'static>, base: &Path, out: &mut BTreeMap<String, ThemeFile>) {
        for f in d.files() {
            let rel = f.path().strip_prefix(base).unwrap_or(f.path());
            let name = rel.to_string_lossy().replace('\\', "/");
            out.insert(name, ThemeFile { origin: PathBuf::from("(built-in theme)").join(f.path()), bytes: f.contents().to_vec() });
        }
        for sub in d.dirs() {
            walk(sub, base, out);
        }
    }
    if let Some(d) = dir {
        walk(d, d.path(), out);
    }
}

/// Reads every file under `dir` (relative to the root) into `out`, by its path inside `dir`.
fn read_dir_into(fs: &SiteFs, dir: &Path, out: &mut BTreeMap<String, ThemeFile>, diags: &mut Diagnostics) {
    let walk = fs.walk(dir, &|name| name.starts_with('.'));
    diags.extend(walk.problems);
    for f in walk.files {
        let name = f.rel.strip_prefix(dir).unwrap_or(&f.rel);
        match f.file.read() {
            Ok(bytes) => {
                out.insert(name.to_string_lossy().replace('\\', "/"), ThemeFile { origin: f.rel, bytes });
            }
            Err(e) => diags.push(Diagnostic::error(f.rel, 0, 0, format!("cannot read: {e}"))),
        }
    }
}

fn load_strings(config: &Config, files: &BTreeMap<String, ThemeFile>, theme: &mut Theme, diags: &mut Diagnostics) {
    for lang in &config.languages {
        let name = format!("{lang}.yaml");
        let Some(f) = files.get(&name) else {
            diags.push(Diagnostic::global(format!("the theme has no UI strings for `{lang}` (i18n/{name})")));
            continue;
        };
        let text = match crate::text::decode::decode(&f.bytes, &f.origin) {
            Ok(t) => t,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        match crate::yaml::parse::<BTreeMap<String, String>>(&text, &f.origin, 1) {
            Ok(m) => {
                theme.strings.insert(*lang, m);
            }
            Err(d) => diags.push(d),
        }
    }
    // Every key in every language.
    let all: std::collections::BTreeSet<&String> = theme.strings.values().flat_map(|m| m.keys()).collect();
    for (lang, m) in &theme.strings {
        for key in &all {
            if !m.contains_key(*key) {
                let origin = files.get(&format!("{lang}.yaml")).map(|f| f.origin.clone()).unwrap_or_default();
                diags.push(
                    Diagnostic::error(origin, 0, 0, format!("UI string `{key}` is missing in `{lang}`"))
                        .with_help(format!("add `{key}: …` to i18n/{lang}.yaml; every key must exist in every language")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn fill_replaces_each_named_placeholder_and_leaves_other_braces() {
        assert_eq!(fill("{n}件", &[("n", "33")]), "33件");
        assert_eq!(fill("Page {n} of {total}", &[("n", "2"), ("total", "9")]), "Page 2 of 9");
        assert_eq!(fill("{n} and {n}", &[("n", "1")]), "1 and 1");
        assert_eq!(fill("{other} {n} { {", &[("n", "1")]), "{other} 1 { {");
        assert_eq!(fill("ends with {n", &[("n", "1")]), "ends with {n");
    }

    #[test]
    fn fill_never_fills_a_value_again() {
        assert_eq!(fill("{name}: {n}", &[("name", "{n}"), ("n", "3")]), "{n}: 3");
    }
}
