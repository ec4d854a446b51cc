//! Stage 5: writing the output without ever damaging the previous one.
//!
//! The build is written into a staging folder beside the output folder and
//! swapped in at the end: the old output is renamed aside, the new one
//! renamed into place, the old one removed. A build that fails or is killed
//! leaves the previous output as it was; leftovers of a killed build are
//! cleaned (or the old output restored) by the next build.
//!
//! One build writes an output folder at a time ([`BuildLock`], held by the
//! [`Staging`] from the clean-up of leftovers to the swap), and a build
//! counts the files it creates and swaps in only a staging folder that
//! holds all of them. [`check_out_dir`] keeps the output clear of the
//! sources, through any alias.

pub mod browser;
mod dests;
mod guard;
mod lock;
pub mod pdf;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, Result, bail};
use rayon::prelude::*;

use crate::plan::{OutFile, Sink};
pub use guard::check_out_dir;
pub use lock::BuildLock;

/// The staging and old-output folders beside `out`.
fn siblings(out: &Path) -> (PathBuf, PathBuf, String) {
    let name = out.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let parent = out.parent().unwrap_or(Path::new("/"));
    let pid = std::process::id();
    (parent.join(format!(".{name}.tebiki-staging-{pid}")), parent.join(format!(".{name}.tebiki-old-{pid}")), name)
}

/// Removes leftovers of killed builds; restores the old output if the swap
/// was cut short. Only under the lock (`_held`): staging folders are made
/// only by builds that hold it, so any found now belongs to a build that ended.
pub fn recover(out: &Path, _held: &BuildLock) -> Result<()> {
    let (_, _, name) = siblings(out);
    let Some(parent) = out.parent() else { return Ok(()) };
    let Ok(entries) = std::fs::read_dir(parent) else { return Ok(()) };
    let mut olds = Vec::new();
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().to_string();
        if n.starts_with(&format!(".{name}.tebiki-staging-")) {
            std::fs::remove_dir_all(e.path()).with_context(|| format!("cannot remove the leftover {}", e.path().display()))?;
        } else if n.starts_with(&format!(".{name}.tebiki-old-")) {
            olds.push(e.path());
        }
    }
    olds.sort();
    for old in olds {
        if !out.exists() {
            std::fs::rename(&old, out).with_context(|| format!("cannot restore {}", old.display()))?;
        } else {
            std::fs::remove_dir_all(&old).with_context(|| format!("cannot remove the leftover {}", old.display()))?;
        }
    }
    Ok(())
}

/// A new output being written beside `out`, file by file as they are
/// rendered; [`Staging::commit`] swaps it in. Dropped without a commit (a
/// failed build), it is removed and the previous output stays as it was.
/// It holds the output's [`BuildLock`] from before it cleans up leftovers
/// until after the swap (or its removal).
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    old: PathBuf,
    committed: bool,
    /// The first error of a write through [`Sink`].
    error: Mutex<Option<anyhow::Error>>,
    /// Files created in the folder, checked against what it holds before the swap.
    created: AtomicUsize,
    /// Released after [`Drop::drop`] removed the folder: fields drop after it.
    _lock: BuildLock,
}

impl Staging {
    /// Takes the output's lock (or says which build holds it), cleans the
    /// leftovers of killed builds and creates the staging folder.
    pub fn create(out: &Path) -> Result<Staging> {
        let (dir, old, _) = siblings(out);
        if let Some(parent) = dir.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
        }
        let lock = BuildLock::acquire(out)?;
        recover(out, &lock)?;
        std::fs::create_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            old,
            committed: false,
            error: Mutex::new(None),
            created: AtomicUsize::new(0),
            _lock: lock,
        })
    }

    /// The staging folder.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Writes one file (its folders are created as needed; create_dir_all
    /// accepts a folder made meanwhile by another thread). Safe to call from several threads.
    pub fn write(&self, f: &OutFile) -> Result<()> {
        if f.path.split('/').any(|s| s == ".." || s.is_empty()) {
            bail!("refusing to write outside the output folder: {}", f.path);
        }
        let target = self.dir.join(&f.path);
        fail_point(&f.path)?;
        let created = match put(&target, &f.bytes) {
            // Most files are the first in their folder: create it on demand rather than checking first.
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
                }
                put(&target, &f.bytes)
            }
            r => r,
        }
        .with_context(|| format!("cannot write {}", target.display()))?;
        if created {
            self.created.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    }

    /// Counts `n` files put into the folder by other means (the PDFs a browser prints).
    pub fn adopt(&self, n: usize) {
        self.created.fetch_add(n, Ordering::Relaxed);
    }

    /// Checks that the folder holds every file created in it: one removed
    /// meanwhile (the whole folder, by another process) is never swapped in.
    fn verify(&self) -> Result<()> {
        let created = self.created.load(Ordering::Relaxed);
        let held = count_files(&self.dir).with_context(|| format!("cannot read back {}", self.dir.display()))?;
        if held != created {
            bail!(
                "the new output in {} holds {held} files, but {created} were written: something else changed it meanwhile; \
                 the previous output was left as it was, build again",
                self.dir.display()
            );
        }
        Ok(())
    }

    /// Writes `files` in parallel.
    pub fn write_all(&self, files: &[OutFile]) -> Result<()> {
        files.par_iter().try_for_each(|f| self.write(f))
    }

    /// The first error of the writes made through [`Sink`], if any.
    pub fn take_error(&self) -> Option<anyhow::Error> {
        self.error.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take()
    }

    /// Swaps the staging folder in as the output.
    pub fn commit(mut self) -> Result<()> {
        if let Some(e) = self.take_error() {
            return Err(e);
        }
        self.verify()?;
        self.committed = true;
        let result = swap(&self.out, &self.dir, &self.old);
        if result.is_err() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
        result
    }
}

impl Sink for Staging {
    fn put(&self, file: &OutFile) {
        if let Err(e) = self.write(file) {
            self.error.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get_or_insert(e);
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Writes a file; `true` when it did not exist before.
fn put(target: &Path, bytes: &[u8]) -> io::Result<bool> {
    use std::io::Write as _;
    match std::fs::OpenOptions::new().write(true).create_new(true).open(target) {
        Ok(mut f) => f.write_all(bytes).map(|()| true),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => std::fs::write(target, bytes).map(|()| false),
        Err(e) => Err(e),
    }
}

/// The files under `dir`, at any depth; sub-folders are read in parallel.
fn count_files(dir: &Path) -> io::Result<usize> {
    let mut files = 0;
    let mut dirs = Vec::new();
    for e in std::fs::read_dir(dir)? {
        let e = e?;
        if e.file_type()?.is_dir() {
            dirs.push(e.path());
        } else {
            files += 1;
        }
    }
    Ok(files + dirs.par_iter().map(|d| count_files(d)).try_reduce(|| 0, |a, b| Ok(a + b))?)
}

fn swap(out: &Path, staging: &Path, old: &Path) -> Result<()> {
    let had_old = match std::fs::symlink_metadata(out) {
        Ok(m) if m.is_dir() => true,
        Ok(_) => bail!("{} exists and is not a folder; move it away or choose another --out", out.display()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => false,
        Err(e) => return Err(e).with_context(|| format!("cannot inspect {}", out.display())),
    };
    if had_old {
        std::fs::rename(out, old).with_context(|| format!("cannot move the previous output {} aside", out.display()))?;
    }
    if let Err(e) = std::fs::rename(staging, out) {
        if had_old {
            let _ = std::fs::rename(old, out);
        }
        return Err(e).with_context(|| format!("cannot move the new output into {}", out.display()));
    }
    if had_old {
        std::fs::remove_dir_all(old).with_context(|| format!("cannot remove the previous output at {}", old.display()))?;
    }
    Ok(())
}

/// Test hook: `TEBIKI_FAIL_WRITE=<path>` makes writing that output file fail.
fn fail_point(path: &str) -> Result<()> {
    match std::env::var("TEBIKI_FAIL_WRITE") {
        Ok(p) if p == path => bail!("injected write failure for {path}"),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir(d.path().join("content")).unwrap();
        d
    }

    fn write_site(out: &Path, files: &[OutFile]) -> Result<()> {
        let staging = Staging::create(out)?;
        staging.write_all(files)?;
        staging.commit()
    }

    #[test]
    fn swap_replaces_and_cleans_up() {
        let d = site();
        let out = d.path().join("public");
        write_site(&out, &[OutFile { path: "a/index.html".into(), bytes: b"1".to_vec() }]).unwrap();
        write_site(&out, &[OutFile { path: "b.txt".into(), bytes: b"2".to_vec() }]).unwrap();
        assert!(!out.join("a").exists());
        assert_eq!(std::fs::read(out.join("b.txt")).unwrap(), b"2");
        let names: Vec<_> = std::fs::read_dir(d.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert!(names.iter().all(|n| !n.to_string_lossy().contains("tebiki-")), "{names:?}");
    }

    #[test]
    fn a_killed_swap_is_recovered() {
        let d = site();
        let out = d.path().join("public");
        std::fs::create_dir(d.path().join(".public.tebiki-old-1")).unwrap();
        std::fs::write(d.path().join(".public.tebiki-old-1/x"), b"old").unwrap();
        std::fs::create_dir(d.path().join(".public.tebiki-staging-2")).unwrap();
        let lock = BuildLock::acquire(&out).unwrap();
        recover(&out, &lock).unwrap();
        assert_eq!(std::fs::read(out.join("x")).unwrap(), b"old");
        assert!(!d.path().join(".public.tebiki-staging-2").exists());
    }

    #[test]
    fn a_staging_folder_emptied_meanwhile_is_not_swapped_in() {
        let d = site();
        let out = d.path().join("public");
        write_site(&out, &[OutFile { path: "a.txt".into(), bytes: b"1".to_vec() }]).unwrap();
        let staging = Staging::create(&out).unwrap();
        staging.write(&OutFile { path: "x/index.html".into(), bytes: b"x".to_vec() }).unwrap();
        // Another process removes the folder; later writes make it again.
        std::fs::remove_dir_all(staging.path()).unwrap();
        staging.write(&OutFile { path: "y/index.html".into(), bytes: b"y".to_vec() }).unwrap();
        let e = staging.commit().unwrap_err().to_string();
        assert!(e.contains("holds 1 files, but 2 were written"), "{e}");
        assert_eq!(std::fs::read(out.join("a.txt")).unwrap(), b"1");
        assert!(!out.join("y").exists());
    }

    #[test]
    fn counts_every_file_of_a_tree_once() {
        let d = tempfile::tempdir().unwrap();
        for i in 0..40 {
            let dir = d.path().join(format!("{}/{i}", i % 3));
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join("index.html"), "x").unwrap();
        }
        std::fs::write(d.path().join("top.txt"), "x").unwrap();
        assert_eq!(count_files(d.path()).unwrap(), 41);
    }

    #[test]
    fn a_file_written_twice_counts_once() {
        let d = site();
        let out = d.path().join("public");
        let f = OutFile { path: "a.txt".into(), bytes: b"1".to_vec() };
        write_site(&out, &[f.clone(), f]).unwrap();
        assert_eq!(std::fs::read(out.join("a.txt")).unwrap(), b"1");
    }

    #[test]
    fn a_second_staging_of_the_same_output_is_refused_and_the_first_kept() {
        let d = site();
        let out = d.path().join("public");
        let first = Staging::create(&out).unwrap();
        first.write(&OutFile { path: "a.txt".into(), bytes: b"1".to_vec() }).unwrap();
        let e = Staging::create(&out).err().unwrap().to_string();
        assert!(e.contains("another tebiki build is writing"), "{e}");
        assert!(first.path().join("a.txt").exists());
        first.commit().unwrap();
        assert_eq!(std::fs::read(out.join("a.txt")).unwrap(), b"1");
    }
}
