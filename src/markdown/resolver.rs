//! Resolving references in one page's Markdown to URLs.
//!
//! A [`PageLinks`] knows the page being rendered (its language and output
//! folder) and the whole site, and answers the Markdown renderer's questions:
//! `[[id]]`, `[[glossary:id]]` and relative links to content files. Links go
//! to the target in the page's own language; a target that lacks that
//! language is linked in its source language and marked as such.
//!
//! Guarantees: a page with many unknown references costs time linear in
//! their number: the "did you mean" for a name is worked out once per page,
//! and only for the first [`MAX_SUGGESTED`] distinct unknown names of a page
//! (each is compared with every page, entry or file of the site).

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Mutex, OnceLock};

use super::links::normalize;
use super::site_urls::SiteUrls;
use super::{LinkResolver, Reference, ResolvedLink, UrlFound, links};
use crate::lang::Lang;
use crate::model::Site;
use crate::paths;
use crate::suggest;
use crate::theme::Theme;

/// Content files by path relative to the site root: page index and
/// language. Built on the first relative `.md` link, since most builds
/// (and most rebuilds in `serve`) never need it.
pub struct FileMap<'a> {
    site: &'a Site,
    /// By the path's bytes (hashing a `Path` parses its components).
    map: OnceLock<HashMap<&'a [u8], (usize, Lang)>>,
    /// Every content file's path, sorted; made on the first unknown one.
    paths: OnceLock<Vec<&'a str>>,
    /// The site's outputs, made on the first link written as a path.
    urls: OnceLock<SiteUrls>,
}

impl<'a> FileMap<'a> {
    /// The map of `site`'s content files to pages (not built yet).
    pub fn new(site: &'a Site) -> FileMap<'a> {
        FileMap { site, map: OnceLock::new(), paths: OnceLock::new(), urls: OnceLock::new() }
    }

    fn map(&self) -> &HashMap<&'a [u8], (usize, Lang)> {
        self.map.get_or_init(|| {
            let site: &'a Site = self.site;
            site.pages()
                .iter()
                .enumerate()
                .flat_map(|(i, p)| p.texts.iter().map(move |(lang, t)| (t.path.as_os_str().as_encoded_bytes(), (i, *lang))))
                .collect()
        })
    }

    /// The page and language of the file at `path`.
    pub fn get(&self, path: &Path) -> Option<(usize, Lang)> {
        self.map().get(path.as_os_str().as_encoded_bytes()).copied()
    }

    /// Every content file's path that is UTF-8, sorted.
    pub fn paths(&self) -> &[&'a str] {
        self.paths.get_or_init(|| {
            let site: &'a Site = self.site;
            let mut paths: Vec<&'a Path> = site.pages().iter().flat_map(|p| p.texts.values().map(|t| t.path.as_path())).collect();
            paths.sort();
            paths.into_iter().filter_map(Path::to_str).collect()
        })
    }
}

/// How many distinct unknown names of one page get a "did you mean".
pub const MAX_SUGGESTED: usize = 100;

/// A name longer than this gets no "did you mean" (no id is that long, and comparing costs its length).
const MAX_SUGGESTED_LEN: usize = 200;

/// The "did you mean" of the unknown names met on one page.
#[derive(Default)]
struct Hints {
    /// By kind of name (`'p'`age, `'g'`lossary, `'f'`ile) and name.
    known: HashMap<(char, String), Option<String>>,
}

/// Link answers for one page in one language.
pub struct PageLinks<'a> {
    site: &'a Site,
    theme: &'a Theme,
    files: &'a FileMap<'a>,
    lang: Lang,
    /// Output folder of the page being rendered.
    from_dir: String,
    /// Its source file, relative to the site root.
    file: &'a Path,
    /// The glossary page, relative to `from_dir` (every term on the page links to it).
    glossary: String,
    /// Suggestions already worked out on this page.
    hints: Mutex<Hints>,
}

impl<'a> PageLinks<'a> {
    /// The links of the page whose output folder is `from_dir` and whose source is `file`.
    pub fn new(site: &'a Site, theme: &'a Theme, files: &'a FileMap<'a>, lang: Lang, from_dir: String, file: &'a Path) -> Self {
        let glossary = paths::relative(&from_dir, &paths::index_of(&paths::glossary_dir(lang)));
        PageLinks { site, theme, files, lang, from_dir, file, glossary, hints: Mutex::default() }
    }

    /// "did you mean …" for the unknown `name` of `kind`, from `candidates`;
    /// worked out once per name, and for the first [`MAX_SUGGESTED`] names.
    fn hint<'c>(&self, kind: char, name: &str, candidates: impl FnOnce() -> Vec<&'c str>) -> Option<String> {
        let mut hints = self.hints.lock().unwrap_or_else(|e| e.into_inner());
        let key = (kind, name.to_string());
        if let Some(hint) = hints.known.get(&key) {
            return hint.clone();
        }
        if hints.known.len() >= MAX_SUGGESTED || name.len() > MAX_SUGGESTED_LEN {
            return None;
        }
        let hint = suggest::did_you_mean(name, candidates());
        hints.known.insert(key, hint.clone());
        hint
    }

    fn link_to_page(&self, i: usize, anchor: Option<&str>) -> ResolvedLink {
        let page = &self.site.pages()[i];
        let (text, lang) = page.text_or_source(self.lang);
        let mut href = paths::relative(&self.from_dir, &paths::page_index(lang, &page.folder, &page.id));
        if let Some(a) = anchor.filter(|a| !a.is_empty()) {
            href.push('#');
            href.push_str(a);
        }
        let other = (lang != self.lang).then_some(lang);
        ResolvedLink {
            href,
            title: text.title.clone(),
            page_id: Some(page.id.clone()),
            other_lang: other,
            note: other
                .map(|l| format!("（{}）", self.theme.t(self.lang, &format!("only_in_{l}"))))
                .map(|n| if self.lang == Lang::En { n.replace('（', " (").replace('）', ")") } else { n }),
        }
    }
}

impl LinkResolver for PageLinks<'_> {
    fn resolve_reference(&self, target: &Reference) -> Result<ResolvedLink, String> {
        match target {
            Reference::Page { id, anchor } => match self.site.page_index(id) {
                Some(i) => Ok(self.link_to_page(i, anchor.as_deref())),
                // Its file failed to load and was reported; the build fails anyway.
                None if self.site.failed.contains(id) => {
                    Ok(ResolvedLink { href: "#".into(), title: id.clone(), page_id: None, other_lang: None, note: None })
                }
                None => {
                    let hint = self.hint('p', id, || self.site.pages().iter().map(|p| p.id.as_str()).collect());
                    Err(match hint {
                        Some(h) => format!("no page has the id `{id}`; {h}"),
                        None => format!("no page has the id `{id}`"),
                    })
                }
            },
            Reference::Glossary { id } => {
                let Ok(e) = self.site.glossary.binary_search_by(|e| e.id.as_str().cmp(id)) else {
                    let hint = self.hint('g', id, || self.site.glossary.iter().map(|e| e.id.as_str()).collect());
                    return Err(match hint {
                        Some(h) => format!("no glossary entry has the id `{id}`; {h}"),
                        None => format!("no glossary entry has the id `{id}`"),
                    });
                };
                let entry = &self.site.glossary[e];
                let term = entry
                    .langs
                    .get(&self.lang)
                    .or_else(|| entry.langs.values().next())
                    .map(|t| t.term.clone())
                    .unwrap_or_else(|| id.clone());
                Ok(ResolvedLink { href: self.glossary_href(id), title: term, page_id: None, other_lang: None, note: None })
            }
        }
    }

    fn resolve_file_link(&self, dest: &str) -> Result<ResolvedLink, String> {
        let (path, anchor) = match dest.split_once('#') {
            Some((p, a)) => (p, Some(a)),
            None => (dest, None),
        };
        let base = self.file.parent().unwrap_or(Path::new(""));
        let target = normalize(&base.join(path));
        match self.files.get(&target) {
            Some((i, _)) => Ok(self.link_to_page(i, anchor)),
            None => {
                let name = target.to_string_lossy().to_string();
                let hint = self.hint('f', &name, || self.files.paths().to_vec());
                Err(match hint {
                    Some(h) => format!("no content file `{name}`; {h}"),
                    None => format!("no content file `{name}`"),
                })
            }
        }
    }

    fn glossary_href(&self, entry_id: &str) -> String {
        paths::with_fragment(&self.glossary, entry_id)
    }

    fn resolve_url(&self, dest: &str) -> Result<Option<UrlFound>, String> {
        let urls = self.files.urls.get_or_init(|| SiteUrls::new(self.site, self.theme));
        let here = links::Here { site: self.site, urls, lang: self.lang, from_dir: &self.from_dir, file: self.file };
        match links::resolve(&here, dest) {
            Ok(found) => Ok(found.map(|f| UrlFound { page_url: f.page_url && self.site.config.warn_page_urls, ..f })),
            Err((miss, message)) => {
                let hint = match miss {
                    links::Miss::Site(out) => urls.hint(&super::site_urls::shown(&out), false),
                    links::Miss::Mapped(id) => self.hint('p', &id, || self.site.pages().iter().map(|p| p.id.as_str()).collect()),
                    links::Miss::File(file) => urls.hint(&file, true),
                };
                Err(match hint {
                    Some(h) => format!("{message}; {h}"),
                    None => message,
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn normalize_resolves_parent_segments() {
        assert_eq!(normalize(Path::new("content/projects/../programs/b-cure.ja.md")), PathBuf::from("content/programs/b-cure.ja.md"));
        assert_eq!(normalize(Path::new("./a/./b")), PathBuf::from("a/b"));
    }
}
