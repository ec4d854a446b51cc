//! Stage 2: reading `content/` into a [`Site`].
//!
//! Walks the content folder (sorted, so the result never depends on the file
//! system's order; through [`crate::fsguard`], so nothing whose real path
//! lies outside the site root is read), decodes and splits every page file,
//! parses front matter, pairs translations by folder + stem, and reads the
//! glossary. Problems in any file are collected; one bad file never hides
//! another, and one problem of a file never hides another of the same file
//! (`page`).

pub mod accessibility;
mod bundles;
pub mod frontmatter;
pub mod glossary;
mod page;

use std::collections::{BTreeMap, HashMap};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::fsguard::{Checked, SiteFs, Walked};
use crate::lang::Lang;
use crate::model::{Page, PageText, Site};
use frontmatter::RawFrontMatter;
use page::{assemble, parse_bytes};

/// The folder of pages under the site root.
pub const CONTENT_DIR: &str = "content";

/// Options that change what is loaded.
#[derive(Clone, Copy, Debug, Default)]
pub struct LoadOptions<'a> {
    /// Keep pages marked `draft: true`.
    pub drafts: bool,
    /// Parsed files of the previous load, reused where a file's bytes are the same (`serve`).
    pub cache: Option<&'a ParseCache>,
}

/// The page files parsed by the previous load, by path: when the file's
/// size and modification time are the same (and nobody said it changed,
/// [`ParseCache::forget`]) it is not read again; when its bytes are the
/// same it is not parsed again. A page whose files are all the very ones
/// the previous load had, under the same configuration, is not assembled
/// again either: the page and its problems are taken as they were.
#[derive(Default)]
pub struct ParseCache {
    state: std::sync::Mutex<CacheState>,
}

#[derive(Default)]
struct CacheState {
    /// By path (as a string: hashing a `Path` parses its components).
    entries: HashMap<OsString, CacheEntry>,
    /// The files of the load in progress; the others are dropped when it ends.
    seen: std::collections::HashSet<OsString>,
    /// Assembled pages by folder and stem.
    pages: HashMap<GroupKey, Assembled>,
    glossary: Option<KeptGlossary>,
}

/// The glossary as read, with what it was read under.
struct KeptGlossary {
    /// A hash of the configuration.
    config: blake3::Hash,
    /// The file's size and modification time.
    stamp: (u64, std::time::SystemTime),
    entries: Arc<Vec<crate::model::Entry>>,
    problems: Vec<Diagnostic>,
}

struct CacheEntry {
    stamp: Option<(u64, std::time::SystemTime)>,
    hash: blake3::Hash,
    parsed: Arc<Parsed>,
}

/// One page as assembled from its files, with the problems found doing it.
struct Assembled {
    /// A hash of the configuration it was assembled under.
    config: blake3::Hash,
    files: Vec<Arc<Parsed>>,
    page: Option<(Arc<Page>, (usize, usize))>,
    problems: Vec<Diagnostic>,
}

/// A file's size and modification time.
fn stamp(path: &Path) -> Option<(u64, std::time::SystemTime)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()?))
}

impl std::fmt::Debug for ParseCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParseCache").finish_non_exhaustive()
    }
}

impl ParseCache {
    /// Files (relative to the site root) known to have changed: read them again whatever their time.
    pub fn forget<'p>(&self, paths: impl IntoIterator<Item = &'p Path>) {
        let mut state = self.lock();
        for p in paths {
            state.entries.remove(p.as_os_str());
            if p == Path::new(glossary::GLOSSARY_FILE) {
                state.glossary = None;
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, CacheState> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// [`parse_file`], taking the file from the cache when its stamp or its bytes are the same.
    fn parse(&self, entry: &FileEntry) -> Result<Arc<Parsed>, Diagnostic> {
        let path = entry.path.clone().into_os_string();
        let stamp = stamp(entry.file.path());
        let cached = |state: &mut CacheState, same: &dyn Fn(&CacheEntry) -> bool| {
            state.seen.insert(path.clone());
            state.entries.get_mut(&path).filter(|e| same(e)).map(|e| {
                e.stamp = stamp;
                e.parsed.clone()
            })
        };
        if let Some(p) = cached(&mut self.lock(), &|e| stamp.is_some() && e.stamp == stamp) {
            return Ok(p);
        }
        let bytes = read_file(entry)?;
        let hash = blake3::hash(&bytes);
        if let Some(p) = cached(&mut self.lock(), &|e| e.hash == hash) {
            return Ok(p);
        }
        let parsed = Arc::new(parse_bytes(entry, &bytes)?);
        // Every load clones the text from here: computed once, the hashes go with each copy.
        parsed.text.settle();
        self.lock().entries.insert(path, CacheEntry { stamp, hash, parsed: parsed.clone() });
        Ok(parsed)
    }

    /// Ends the reading of a load: keeps the files it saw, drops the others.
    fn finish(&self) {
        let mut state = self.lock();
        let seen = std::mem::take(&mut state.seen);
        state.entries.retain(|path, _| seen.contains(path));
    }

    /// [`assemble`], taking the page from the previous load when its files
    /// are the same ones and the configuration is the same.
    fn assemble(
        &self,
        config: &Config,
        config_hash: blake3::Hash,
        key: &GroupKey,
        files: Vec<Arc<Parsed>>,
        diags: &mut Diagnostics,
    ) -> Option<(Arc<Page>, (usize, usize))> {
        let state = self.lock();
        if let Some(a) = state.pages.get(key)
            && a.config == config_hash
            && a.files.len() == files.len()
            && a.files.iter().zip(&files).all(|(x, y)| Arc::ptr_eq(x, y))
        {
            diags.extend(a.problems.iter().cloned());
            return a.page.clone();
        }
        drop(state);
        let (page, problems) = keeping_problems(diags, |d| assemble(config, files.clone(), d).map(|(p, at)| (Arc::new(p), at)));
        self.lock().pages.insert(key.clone(), Assembled { config: config_hash, files, page: page.clone(), problems });
        page
    }

    /// [`glossary::load`], taking the glossary from the previous load when
    /// the file's stamp and the configuration are the same.
    fn glossary(&self, config: &Config, config_hash: blake3::Hash, diags: &mut Diagnostics) -> Arc<Vec<crate::model::Entry>> {
        let file = SiteFs::new(&config.root).ok().and_then(|fs| fs.resolve(Path::new(glossary::GLOSSARY_FILE)).ok().flatten());
        let Some(stamp) = file.and_then(|f| stamp(f.path())) else {
            self.lock().glossary = None;
            return Arc::new(glossary::load(config, diags));
        };
        if let Some(kept) = &self.lock().glossary
            && kept.config == config_hash
            && kept.stamp == stamp
        {
            diags.extend(kept.problems.iter().cloned());
            return kept.entries.clone();
        }
        let (entries, problems) = keeping_problems(diags, |d| Arc::new(glossary::load(config, d)));
        self.lock().glossary = Some(KeptGlossary { config: config_hash, stamp, entries: entries.clone(), problems });
        entries
    }

    /// Keeps the pages of the folders and stems a load saw, forgets the others.
    fn finish_pages(&self, seen: &std::collections::BTreeSet<&GroupKey>) {
        self.lock().pages.retain(|key, _| seen.contains(key));
    }
}

/// Runs `make` with problems of its own, adds them to `diags` and returns
/// them too, for a cache to report again when it gives the result again.
fn keeping_problems<T>(diags: &mut Diagnostics, make: impl FnOnce(&mut Diagnostics) -> T) -> (T, Vec<Diagnostic>) {
    let mut problems = Diagnostics::new();
    let made = make(&mut problems);
    let problems = problems.sorted();
    diags.extend(problems.iter().cloned());
    (made, problems)
}

/// A page file found on disk, before pairing.
#[derive(Clone)]
struct FileEntry {
    /// Relative to the site root.
    path: PathBuf,
    /// Where it is read from.
    file: Checked,
    /// Folder relative to `content/`.
    dir: PathBuf,
    stem: String,
    lang: Lang,
}

/// One parsed language file.
#[derive(Clone)]
struct Parsed {
    entry: FileEntry,
    text: PageText,
    fm: RawFrontMatter,
    /// Problems of the file that did not stop its reading, reported by every load that uses it.
    problems: Vec<Diagnostic>,
}

/// Reads every page, the home text and the glossary.
pub fn load_site(config: Config, opts: LoadOptions) -> (Site, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut t = crate::timing::Phases::start();
    let (files, assets) = walk(&config, &mut diags);
    t.mark("  walk");

    type Failed = (GroupKey, Lang, Diagnostic);
    let parsed: Vec<Result<Arc<Parsed>, Box<Failed>>> = files
        .into_par_iter()
        .map(|f| {
            let parsed = match opts.cache {
                Some(cache) => cache.parse(&f),
                None => read_file(&f).and_then(|bytes| parse_bytes(&f, &bytes)).map(Arc::new),
            };
            parsed.map_err(|d| Box::new(((walk_key(&f.dir), f.stem), f.lang, d)))
        })
        .collect();
    if let Some(cache) = opts.cache {
        cache.finish();
    }
    t.mark("  read and parse");
    let mut home = BTreeMap::new();
    let mut groups: BTreeMap<GroupKey, Vec<Arc<Parsed>>> = BTreeMap::new();
    let mut failed = std::collections::BTreeSet::new();
    let mut failed_sources = std::collections::BTreeSet::new();
    for p in parsed {
        if let Ok(p) = &p {
            diags.extend(p.problems.iter().cloned());
        }
        match p {
            Ok(p) if p.entry.dir.as_os_str().is_empty() && p.entry.stem == "_index" => {
                home.insert(p.entry.lang, p.text.clone());
            }
            Ok(p) => groups.entry((walk_key(&p.entry.dir), p.entry.stem.clone())).or_default().push(p),
            Err(failure) => {
                let (key, lang, d) = *failure;
                failed.insert(key.1.clone());
                if lang == config.default_language {
                    failed_sources.insert(key);
                }
                diags.push(d);
            }
        }
    }

    let config_hash = opts.cache.map(|_| crate::hash::debug_hash(&config));
    // A cache keeps the pages of every folder and stem seen, those whose source failed too
    // (what is assembled below is of these only, so the cache can forget the others first).
    if let Some(cache) = opts.cache {
        cache.finish_pages(&groups.keys().collect());
    }
    // The source file's problem is reported; its translations cannot be checked without it.
    let groups: Vec<(GroupKey, Vec<Arc<Parsed>>)> = groups.into_iter().filter(|(key, _)| !failed_sources.contains(key)).collect();
    // Pages are assembled on both cores, each with its own problems, gathered in the groups' order.
    let assembled: Vec<_> = groups
        .into_par_iter()
        .map(|(key, files)| {
            let mut d = Diagnostics::new();
            let page = match (opts.cache, config_hash) {
                (Some(cache), Some(h)) => cache.assemble(&config, h, &key, files, &mut d),
                _ => assemble(&config, files, &mut d).map(|(p, at)| (Arc::new(p), at)),
            };
            (key, page, d)
        })
        .collect();
    let mut pages = Vec::new();
    for (key, page, d) in assembled {
        diags.extend(d);
        match page {
            Some((page, _)) if page.meta.draft && !opts.drafts => {}
            Some(page) => pages.push(page),
            // Reported; references to it are not reported again.
            None => {
                failed.insert(key.1);
            }
        }
    }
    pages.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    for w in pages.windows(2) {
        if w[0].0.id == w[1].0.id {
            let (a, b) = (w[0].0.source(), w[1].0.source());
            let (line, column) = w[1].1;
            diags.push(
                Diagnostic::error(&b.path, line, column, format!("duplicate id `{}`", w[1].0.id))
                    .with_help(format!("{} has the same id; ids must be unique in the site", a.path.display())),
            );
        }
    }
    pages.dedup_by(|a, b| a.0.id == b.0.id);
    let pages: Vec<Arc<Page>> = pages.into_iter().map(|(p, _)| p).collect();
    let assets = bundles::assign(&pages, assets);

    t.mark("  assemble");
    let glossary = match (opts.cache, config_hash) {
        (Some(cache), Some(h)) => cache.glossary(&config, h, &mut diags),
        _ => Arc::new(glossary::load(&config, &mut diags)),
    };
    t.mark("  glossary");
    let accessibility = accessibility::load(&config, &mut diags);
    let mut site = Site::new(config, pages, glossary, home, assets, failed);
    site.accessibility = accessibility;
    (site, diags)
}

/// Lists page files and assets under `content/`, sorted. Nothing whose real
/// path lies outside the site root is listed ([`crate::fsguard`]): a link
/// that leads out is reported instead.
fn walk(config: &Config, diags: &mut Diagnostics) -> (Vec<FileEntry>, Vec<PathBuf>) {
    let mut files = Vec::new();
    let mut assets = Vec::new();
    let fs = match SiteFs::new(&config.root) {
        Ok(fs) => fs,
        Err(e) => {
            diags.push(Diagnostic::global(format!("cannot open the site root {}: {e}", config.root.display())));
            return (files, assets);
        }
    };
    match fs.resolve(Path::new(CONTENT_DIR)) {
        Ok(Some(c)) if c.path().is_dir() => {}
        Ok(_) => {
            diags.push(
                Diagnostic::global(format!("there is no `{CONTENT_DIR}/` folder in {}", config.root.display()))
                    .with_help("create it and put pages in content/policies/, content/projects/ …"),
            );
            return (files, assets);
        }
        Err(denied) => {
            diags.push(denied.diagnostic());
            return (files, assets);
        }
    }
    // Sorted at the end: sorting each folder by name in the walk compares
    // whole paths' last components again and again.
    let walk = fs.walk(Path::new(CONTENT_DIR), &is_hidden);
    diags.extend(walk.problems);
    for Walked { rel: path, file } in walk.files {
        let inner = strip(&path, Path::new(CONTENT_DIR));
        let name = inner.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        if inner == Path::new("glossary.yaml") {
            continue;
        }
        let Some(base) = name.strip_suffix(".md") else {
            assets.push(inner.to_path_buf());
            continue;
        };
        let (stem, lang) = match base.rsplit_once('.') {
            Some((stem, code)) => match Lang::from_code(code) {
                Some(l) => (stem.to_string(), l),
                None => {
                    diags.push(
                        Diagnostic::error(&path, 0, 0, format!("unknown language `{code}` in the file name"))
                            .with_help("name page files `<id>.ja.md` or `<id>.en.md` (or `<id>.md` for the default language)"),
                    );
                    continue;
                }
            },
            None => (base.to_string(), config.default_language),
        };
        if !config.builds(lang) {
            continue;
        }
        let dir = inner.parent().map(Path::to_path_buf).unwrap_or_default();
        files.push(FileEntry { path, file, dir, stem, lang });
    }
    // In the order of a walk that visits each folder's entries by name.
    files.sort_by_cached_key(|f| walk_key(&f.path));
    assets.sort_by_cached_key(|a| walk_key(a));
    (files, assets)
}

/// A page's folder (as a [`walk_key`]) and file stem: the files of one page.
type GroupKey = (Vec<u8>, String);

/// A key that sorts paths made by a walk as [`Path`]'s `Ord` does
/// (component by component) without parsing components: the path's bytes
/// with `/` made the smallest byte (no path holds NUL).
fn walk_key(p: &Path) -> Vec<u8> {
    p.as_os_str().as_encoded_bytes().iter().map(|c| if *c == b'/' { 0 } else { *c }).collect()
}

/// `path` without `prefix` (it was made by joining onto `prefix`),
/// compared as strings where both are UTF-8: [`Path::strip_prefix`] parses
/// both into components.
fn strip<'p>(path: &'p Path, prefix: &Path) -> &'p Path {
    if let (Some(p), Some(pre)) = (path.to_str(), prefix.to_str())
        && let Some(rest) = p.strip_prefix(pre).and_then(|rest| rest.strip_prefix('/'))
        && !pre.is_empty()
        && !pre.ends_with('/')
    {
        return Path::new(rest);
    }
    path.strip_prefix(prefix).unwrap_or(path)
}

#[cfg(test)]
#[test]
fn walk_keys_sort_like_paths() {
    let mut paths: Vec<PathBuf> = ["a/b", "a-b", "a", "ab/c", "a/c", "a.b/x", "a/b/c", "b", "a/bc", "a/b.md", "z/a", "é/a", "e/a"]
        .iter()
        .map(PathBuf::from)
        .collect();
    let mut by_components = paths.clone();
    by_components.sort();
    paths.sort_by_cached_key(|p| walk_key(p));
    assert_eq!(paths, by_components);
}

fn is_hidden(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp")
}

/// Reads one page file, refusing files too large to be a page and empty ones.
fn read_file(entry: &FileEntry) -> Result<Vec<u8>, Diagnostic> {
    let cannot_read =
        |e: std::io::Error| Diagnostic::error(&entry.path, 0, 0, format!("cannot read: {e}")).with_help("check the file's permissions");
    // Never read more than a page may have, whatever the file's size.
    let file = entry.file.open().map_err(cannot_read)?;
    // Sized from the file's length, so the read takes one call (reading through `take` has no size hint and
    // grows from 32 bytes, nine calls for a 4 KiB page); one more byte sees the end, or a file grown meanwhile.
    let size = file.metadata().map_or(0, |m| m.len());
    let mut bytes = Vec::with_capacity(size.min(frontmatter::MAX_PAGE_BYTES as u64) as usize + 1);
    std::io::Read::read_to_end(&mut std::io::Read::take(file, frontmatter::MAX_PAGE_BYTES as u64 + 1), &mut bytes).map_err(cannot_read)?;
    if bytes.len() > frontmatter::MAX_PAGE_BYTES {
        // At least what was read, should the file have grown since its length was taken.
        let size = size.max(bytes.len() as u64);
        return Err(Diagnostic::error(
            &entry.path,
            0,
            0,
            format!(
                "page is {} MiB, more than the {} MiB a page may have",
                size / (1024 * 1024),
                frontmatter::MAX_PAGE_BYTES / (1024 * 1024)
            ),
        )
        .with_help("split it into several pages"));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Diagnostic::error(&entry.path, 0, 0, "page file is empty")
            .with_help("write the front matter (`---`, `id: …`, `title: …`, `---`) and the text, or delete the file"));
    }
    Ok(bytes)
}
