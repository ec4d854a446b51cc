//! Links written as paths (not `[[id]]` or `.md` files) resolved against
//! the site: what [`super::LinkResolver::resolve_url`] answers for the
//! site's resolver.
//!
//! A destination is looked up, in order:
//!
//! 1. a root-relative site path (`/ja/guides/x/`, `/assets/a.png`) among
//!    the site's outputs, then among the old paths of `links.map`;
//! 2. a relative path, first in the source tree, from the page's file: a
//!    file beside it (an asset: `diagram.png`, `./img/a.svg`, or any file
//!    under `content/`) or a page's source (`../configure/` for
//!    `content/guides/configure.ja.md` or `…/configure/index.ja.md`); then
//!    the same from the page's source location taken as a folder, as a
//!    site made with a tool that gives `x.md` the URL `x/` wrote it
//!    (`../img/a.png` in `content/a/x.md` is `content/a/img/a.png`); then
//!    as a browser reads it from the built page (`../configure/` from
//!    `ja/guides/install/`).
//!
//! An asset is linked where it is copied ([`crate::model::Asset`]): a file
//! of a page bundle beside its page, in the linking page's language (so
//! `diagram.png` in the bundle's own page stays `diagram.png`), any other
//! file at its one copy under `assets/`; the link is the relative URL of
//! the copy, so it works at `/`, under a sub-path and from disk. A page is linked by its `index.html`, in the
//! language the URL names (or the page's own for a source path); such a
//! link is reported as a style warning (`page-url`) unless the site says
//! `links: {page_urls: allow}`, since `[[id]]` says the same and survives
//! a change of URLs. External URLs, `mailto:` and the like, and in-page
//! `#anchors` are not looked up here.
//!
//! Guarantees: each lookup costs the length of the destination plus, for
//! a missing target, one "did you mean" per distinct name (bounded by the
//! caller).

use std::path::{Component, Path, PathBuf};

use super::site_urls::{SiteUrls, Target};
use super::{UrlFound, UrlPage};
use crate::lang::Lang;
use crate::model::Site;
use crate::paths;

/// The page a link is resolved from.
pub(super) struct Here<'a> {
    pub site: &'a Site,
    pub urls: &'a SiteUrls,
    pub lang: Lang,
    /// Its output folder: `ja/guides/install/`.
    pub from_dir: &'a str,
    /// Its source file, relative to the site root.
    pub file: &'a Path,
}

/// What a missing destination would have named, for suggestions.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Miss {
    /// An output path of the site.
    Site(String),
    /// A file under the site root (a path with an extension, read from the page's source).
    File(String),
    /// The page id `links.map` sends the path to, which no page has.
    Mapped(String),
}

/// What a destination names: `Ok(None)` for what is not the site's to check.
/// `Err` holds what it would have named and the message.
pub(super) fn resolve(here: &Here<'_>, dest: &str) -> Result<Option<UrlFound>, (Miss, String)> {
    let dest = dest.trim();
    if dest.is_empty() || dest.starts_with(['#', '?']) || paths::has_scheme(dest) || dest.starts_with("//") || dest.starts_with('\\') {
        return Ok(None);
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f).filter(|f| !f.is_empty())),
        None => (dest, None),
    };
    let (path, query) = match path.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (path, None),
    };
    let path = percent_decoded(path);
    let found = if path.starts_with('/') { root_relative(here, &path) } else { relative(here, &path) };
    let mut found = found.map_err(|miss| {
        let message = match &miss {
            Miss::Mapped(id) => format!("`links.map` sends `{dest}` to `{id}`, which is no page"),
            _ => format!("no page or file at `{dest}`"),
        };
        (miss, message)
    })?;
    if let Some(q) = query {
        found.href = [found.href.as_str(), "?", q].concat();
    }
    if let Some(f) = fragment {
        found.href = paths::with_fragment(&found.href, f);
        if let Some(page) = found.page.as_mut() {
            page.anchor = Some(f.to_string());
        }
    }
    Ok(Some(found))
}

/// `/ja/guides/x/`: an output of the site, or an old path of `links.map`.
fn root_relative(here: &Here<'_>, path: &str) -> Result<UrlFound, Miss> {
    let out = paths::resolve("", path).unwrap_or_else(|| paths::ROOT_INDEX.to_string());
    if let Some(found) = output(here, &out) {
        return Ok(found);
    }
    // An old path may start with a language's folder: `/ja/docs/x/`.
    let (lang, rest) = match paths::split_lang(path.trim_start_matches('/')) {
        Some((lang, rest)) => (lang, rest),
        None => (here.lang, path),
    };
    let mapped = crate::config::links::map_old_path(&here.site.config.old_paths, rest)
        .or_else(|| crate::config::links::map_old_path(&here.site.config.old_paths, path));
    match mapped {
        Some(id) => match here.site.page_index(&id) {
            Some(i) => Ok(page(here, i, lang)),
            None => Err(Miss::Mapped(id)),
        },
        None => Err(Miss::Site(out)),
    }
}

/// `diagram.png`, `../configure/`: beside the source file, then from the
/// page's source location taken as a folder (`content/a/x/` for
/// `content/a/x.ja.md`, as tools that give each file a folder URL read
/// it), then from the built page.
fn relative(here: &Here<'_>, path: &str) -> Result<UrlFound, Miss> {
    let base = here.file.parent().unwrap_or(Path::new(""));
    let joined = normalize(&base.join(path));
    if let Some(found) = in_sources(here, &joined) {
        return Ok(found);
    }
    let location = super::site_urls::source_location(here.file);
    if location.parent() == Some(base)
        && let Some(found) = in_sources(here, &normalize(&location.join(path)))
    {
        return Ok(found);
    }
    let as_file = || Miss::File(joined.to_string_lossy().replace('\\', "/"));
    let out = paths::resolve(here.from_dir, path).ok_or_else(as_file)?;
    let last = path.rsplit('/').next().unwrap_or_default();
    let is_file = last.contains('.') && !last.ends_with(".html") && !matches!(last, "." | "..");
    output(here, &out).ok_or_else(|| if is_file { as_file() } else { Miss::Site(out) })
}

/// The asset or the page's source at `joined` (a path from the site root).
fn in_sources(here: &Here<'_>, joined: &Path) -> Option<UrlFound> {
    if let Ok(inner) = joined.strip_prefix(crate::load::CONTENT_DIR)
        && let Some(asset) = here.urls.asset_at(inner).and_then(|i| here.site.asset_output(i, here.lang))
    {
        return Some(UrlFound { href: paths::relative(here.from_dir, &asset), page: None, page_url: false });
    }
    let i = here.urls.page_at_source(joined)?;
    Some(page(here, i, here.site.pages()[i].text_or_source(here.lang).1))
}

/// An output of the site at `out`, or, for a folder written without its `/`, at `out/index.html`.
fn output(here: &Here<'_>, out: &str) -> Option<UrlFound> {
    let folder;
    let (out, target) = match here.urls.output(out) {
        Some(t) => (out, t),
        None => {
            folder = paths::index_of(&[out, "/"].concat());
            (folder.as_str(), here.urls.output(&folder)?)
        }
    };
    Some(match target {
        Target::Page(i, lang) => page(here, i, lang),
        Target::Output => UrlFound { href: paths::relative(here.from_dir, out), page: None, page_url: false },
    })
}

/// Page `i` in `lang` (in its source language if it lacks that one).
fn page(here: &Here<'_>, i: usize, lang: Lang) -> UrlFound {
    let p = &here.site.pages()[i];
    let lang = p.text_or_source(lang).1;
    let href = paths::relative(here.from_dir, &paths::page_index(lang, &p.folder, &p.id));
    UrlFound { href, page: Some(UrlPage { id: p.id.clone(), anchor: None }), page_url: true }
}

/// `%E5%9B%B3.png` → `図.png`; left as written where it does not decode to UTF-8.
pub(super) fn percent_decoded(path: &str) -> String {
    if !path.contains('%') {
        return path.to_string();
    }
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| path.to_string())
}

/// Removes `.` and `..` from a relative path without touching the file system.
pub(super) fn normalize(p: &Path) -> PathBuf {
    let mut out: Vec<Component> = Vec::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if matches!(out.last(), Some(Component::Normal(_))) {
                    out.pop();
                } else {
                    out.push(c);
                }
            }
            _ => out.push(c),
        }
    }
    out.iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_escapes_are_decoded_when_they_spell_utf8() {
        assert_eq!(percent_decoded("%E5%9B%B3.png"), "図.png");
        assert_eq!(percent_decoded("a%20b/"), "a b/");
        assert_eq!(percent_decoded("100%"), "100%");
        assert_eq!(percent_decoded("%FF.png"), "%FF.png");
    }
}
