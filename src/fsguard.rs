//! Reading a site's files, and nothing outside the site.
//!
//! Every file tebiki reads from a site (site.yaml, pages, assets, the
//! glossary, the theme, `templates/`, `static/`) is reached through a
//! [`SiteFs`]: [`SiteFs::resolve`] for one path, [`SiteFs::walk`] for a
//! folder. Both give a [`Checked`] path only when its real path (symbolic
//! links resolved) lies inside the real path of the site root; a path that
//! leads out is [`Denied`], naming the link and its target, and nothing of
//! it is read, copied or walked. A link that stays inside the root is
//! followed; a link back into a folder it lies in (a loop) is reported once
//! and not followed. A [`Checked`] path is the real path: it is read as it
//! was checked, whatever link it was reached through.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::diagnostic::Diagnostic;

/// A site root and its real path.
#[derive(Clone, Debug)]
pub struct SiteFs {
    real: PathBuf,
}

/// A file or folder whose real path lies inside the site root: the only
/// kind of path tebiki reads a site's files through.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Checked(PathBuf);

impl Checked {
    /// The real path.
    pub fn path(&self) -> &Path {
        &self.0
    }

    /// The whole file.
    pub fn read(&self) -> io::Result<Vec<u8>> {
        std::fs::read(&self.0)
    }

    /// The file, opened for reading.
    pub fn open(&self) -> io::Result<std::fs::File> {
        std::fs::File::open(&self.0)
    }
}

/// Why a path of the site is not read. Paths are relative to the site root.
#[derive(Debug)]
pub enum Denied {
    /// `link` is a symbolic link to `target` (as written), whose real path lies outside the root.
    Outside { link: PathBuf, target: PathBuf, real: Option<PathBuf> },
    /// `link` leads to a folder it lies in, so following it would never end.
    Loop { link: PathBuf, target: PathBuf },
    /// `link` is a symbolic link to `target`, which does not exist.
    Dangling { link: PathBuf, target: PathBuf },
    /// Reading `path` failed.
    Io { path: PathBuf, error: io::Error },
}

impl Denied {
    /// The problem as an error at the link (or the file that could not be read).
    pub fn diagnostic(&self) -> Diagnostic {
        match self {
            Denied::Outside { link, target, real } => {
                let shown = match real {
                    Some(r) if r != target => format!("`{}` (`{}`)", target.display(), r.display()),
                    _ => format!("`{}`", target.display()),
                };
                Diagnostic::error(link, 0, 0, format!("symbolic link to {shown} leads outside the site root; it is not read"))
                    .with_help("tebiki reads nothing outside the site root: copy what the site needs into it, or remove the link")
            }
            Denied::Loop { link, target } => Diagnostic::error(link, 0, 0, "cannot read: symbolic link loop").with_help(format!(
                "the link leads to `{}`, a folder it lies in; remove it or point it at another folder",
                target.display()
            )),
            Denied::Dangling { link, target } => {
                Diagnostic::error(link, 0, 0, format!("symbolic link to `{}`, which does not exist", target.display()))
                    .with_help("fix or remove the link")
            }
            Denied::Io { path, error } => {
                Diagnostic::error(path, 0, 0, format!("cannot read: {error}")).with_help("fix or remove the file or link")
            }
        }
    }

    /// The problem as an I/O error, for readers that report those.
    pub fn into_io(self) -> io::Error {
        match self {
            Denied::Io { error, .. } => error,
            d => {
                let d = d.diagnostic();
                let file = d.file.as_deref().unwrap_or(Path::new("")).display();
                io::Error::new(io::ErrorKind::PermissionDenied, format!("{file}: {}", d.message))
            }
        }
    }
}

/// What [`SiteFs::walk`] found.
#[derive(Debug, Default)]
pub struct Walk {
    /// Every regular file, in no particular order.
    pub files: Vec<Walked>,
    /// Links not followed and folders not read.
    pub problems: Vec<Diagnostic>,
    /// The real paths of the folder walked and of every link target followed.
    pub reached: Vec<PathBuf>,
}

/// A file found by a walk.
#[derive(Clone, Debug)]
pub struct Walked {
    /// Relative to the site root, through the links it was reached by.
    pub rel: PathBuf,
    pub file: Checked,
}

/// The real folders a walk is inside of on one branch: where each link it
/// followed lies, from the latest.
struct Chain {
    dir: PathBuf,
    up: Option<Rc<Chain>>,
}

impl Chain {
    fn iter(chain: &Option<Rc<Chain>>) -> impl Iterator<Item = &Path> {
        std::iter::successors(chain.as_deref(), |c| c.up.as_deref()).map(|c| c.dir.as_path())
    }
}

impl SiteFs {
    /// The site at `root`.
    pub fn new(root: &Path) -> io::Result<SiteFs> {
        Ok(SiteFs { real: root.canonicalize()? })
    }

    /// The real path of the site root.
    pub fn root(&self) -> &Path {
        &self.real
    }

    /// `rel` (relative to the root) checked: `None` when nothing is there.
    pub fn resolve(&self, rel: &Path) -> Result<Option<Checked>, Denied> {
        let abs = self.real.join(rel);
        match abs.canonicalize() {
            Ok(real) if real.starts_with(&self.real) => Ok(Some(Checked(real))),
            Ok(real) => Err(self.culprit(rel, Some(real))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => match self.culprit(rel, None) {
                Denied::Io { .. } => Ok(None),
                d => Err(d),
            },
            Err(error) => Err(Denied::Io { path: rel.to_path_buf(), error }),
        }
    }

    /// The file at `rel` (relative to the root), whole: `None` when there is none.
    pub fn read(&self, rel: &Path) -> Result<Option<Vec<u8>>, Denied> {
        let Some(file) = self.resolve(rel)? else { return Ok(None) };
        file.read().map(Some).map_err(|error| Denied::Io { path: rel.to_path_buf(), error })
    }

    /// The symbolic link on the way to `rel` that leads out of the root (or nowhere).
    fn culprit(&self, rel: &Path, real: Option<PathBuf>) -> Denied {
        let mut at = PathBuf::new();
        for c in rel.components() {
            at.push(c);
            let abs = self.real.join(&at);
            if !std::fs::symlink_metadata(&abs).is_ok_and(|m| m.file_type().is_symlink()) {
                continue;
            }
            let target = std::fs::read_link(&abs).unwrap_or_default();
            match abs.canonicalize() {
                Ok(r) if r.starts_with(&self.real) => {}
                Ok(r) => return Denied::Outside { link: at, target, real: Some(r) },
                Err(_) => return Denied::Dangling { link: at, target },
            }
        }
        match real {
            Some(real) => Denied::Outside { link: rel.to_path_buf(), target: rel.to_path_buf(), real: Some(real) },
            None => Denied::Io { path: rel.to_path_buf(), error: io::ErrorKind::NotFound.into() },
        }
    }

    /// Every regular file under the folder `dir` (relative to the root),
    /// following links that stay inside the root, skipping entries whose
    /// name `skip` refuses (and all below them). A folder that is not there
    /// gives nothing.
    pub fn walk(&self, dir: &Path, skip: &dyn Fn(&str) -> bool) -> Walk {
        self.walk_listing(dir, skip, true)
    }

    /// What a walk of `dir` reaches ([`Walk::reached`]) and its problems,
    /// every entry seen, no file listed.
    pub fn reach(&self, dir: &Path) -> Walk {
        self.walk_listing(dir, &|_| false, false)
    }

    fn walk_listing(&self, dir: &Path, skip: &dyn Fn(&str) -> bool, list: bool) -> Walk {
        let mut walk = Walk::default();
        let start = match self.resolve(dir) {
            Ok(Some(c)) => c.0,
            Ok(None) => return walk,
            Err(d) => {
                walk.problems.push(d.diagnostic());
                return walk;
            }
        };
        walk.reached.push(start.clone());
        // Each link is reported once, however many ways lead to it.
        let mut reported = HashSet::new();
        let mut pending = vec![(dir.to_path_buf(), start, None::<Rc<Chain>>)];
        while let Some((rel, real, chain)) = pending.pop() {
            let entries = match std::fs::read_dir(&real) {
                Ok(e) => e,
                Err(error) => {
                    walk.problems.push(Denied::Io { path: rel, error }.diagnostic());
                    continue;
                }
            };
            for entry in entries {
                let entry = match entry {
                    Ok(e) => e,
                    Err(error) => {
                        walk.problems.push(Denied::Io { path: rel.clone(), error }.diagnostic());
                        continue;
                    }
                };
                let name = entry.file_name();
                if skip(&name.to_string_lossy()) {
                    continue;
                }
                let Ok(kind) = entry.file_type() else { continue };
                if kind.is_file() {
                    if list {
                        walk.files.push(Walked { rel: rel.join(&name), file: Checked(real.join(&name)) });
                    }
                    continue;
                }
                let (entry_rel, entry_real) = (rel.join(&name), real.join(&name));
                if kind.is_dir() {
                    pending.push((entry_rel, entry_real, chain.clone()));
                } else if kind.is_symlink() {
                    // A link is named where it lies, whichever way the walk came to it.
                    let at = entry_real.strip_prefix(&self.real).unwrap_or(&entry_rel).to_path_buf();
                    match self.follow(&at, &entry_real, &real, &chain) {
                        Ok(Some((target, true))) => {
                            walk.reached.push(target.clone());
                            let chain = Some(Rc::new(Chain { dir: real.clone(), up: chain.clone() }));
                            pending.push((entry_rel, target, chain));
                        }
                        Ok(Some((target, false))) => {
                            walk.reached.push(target.clone());
                            if list {
                                walk.files.push(Walked { rel: entry_rel, file: Checked(target) });
                            }
                        }
                        Ok(None) => {}
                        Err(d) => {
                            if reported.insert(entry_real) {
                                walk.problems.push(d.diagnostic());
                            }
                        }
                    }
                }
            }
        }
        walk
    }

    /// Where the link `rel` (at `abs`, in the real folder `dir`) leads, and
    /// whether that is a folder; `None` for what is neither file nor folder.
    fn follow(&self, rel: &Path, abs: &Path, dir: &Path, chain: &Option<Rc<Chain>>) -> Result<Option<(PathBuf, bool)>, Denied> {
        let target = std::fs::read_link(abs).unwrap_or_default();
        let real = match abs.canonicalize() {
            Ok(r) => r,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Denied::Dangling { link: rel.to_path_buf(), target }),
            Err(error) => return Err(Denied::Io { path: rel.to_path_buf(), error }),
        };
        if !real.starts_with(&self.real) {
            return Err(Denied::Outside { link: rel.to_path_buf(), target, real: Some(real) });
        }
        let meta = std::fs::metadata(&real).map_err(|error| Denied::Io { path: rel.to_path_buf(), error })?;
        if meta.is_dir() {
            if dir.starts_with(&real) || Chain::iter(chain).any(|d| d.starts_with(&real)) {
                return Err(Denied::Loop { link: rel.to_path_buf(), target });
            }
            return Ok(Some((real, true)));
        }
        Ok(meta.is_file().then_some((real, false)))
    }
}

/// The file at `rel` under the site `root`, whole, for readers that report
/// I/O errors: a file that is not there is [`io::ErrorKind::NotFound`], one
/// whose real path lies outside the root an error naming the link.
pub fn read(root: &Path, rel: &Path) -> io::Result<Vec<u8>> {
    match SiteFs::new(root)?.read(rel) {
        Ok(Some(bytes)) => Ok(bytes),
        // The system's own words for what is missing.
        Ok(None) => Err(std::fs::metadata(root.join(rel)).err().unwrap_or_else(|| io::ErrorKind::NotFound.into())),
        Err(denied) => Err(denied.into_io()),
    }
}

#[cfg(all(test, unix))]
#[path = "fsguard_tests.rs"]
mod tests;
