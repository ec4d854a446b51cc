//! One build per output folder at a time.
//!
//! A build holds an exclusive lock on a file beside its output folder
//! (`.public.tebiki-lock` for `public`) from before it cleans up leftovers
//! until after its swap. The lock is the operating system's (`flock`), so it
//! goes with the process: a build that was killed leaves the file but not
//! the lock, and the next build takes it over. The file records who holds
//! it (process id, start time), for the message a second build gives.
//!
//! The holder removes the file before it lets go of the lock; a build that
//! locks a file checks that it is still the one at the path, so two builds
//! never hold locks on two different files of the same name.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// The lock on one output folder, held until dropped.
#[derive(Debug)]
pub struct BuildLock {
    path: PathBuf,
    file: File,
}

/// The lock file beside the output folder `out`.
pub fn lock_path(out: &Path) -> PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    out.with_file_name(format!(".{name}.tebiki-lock"))
}

impl BuildLock {
    /// Takes the lock of `out` (its folder must exist), or says who holds it.
    pub fn acquire(out: &Path) -> Result<BuildLock> {
        let path = lock_path(out);
        // The holder may remove the file between our open and our lock: then lock the new one.
        for _ in 0..100 {
            let mut file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .with_context(|| format!("cannot create the lock file {}", path.display()))?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => bail!("{}", busy(out, &holder(&mut file))),
                Err(TryLockError::Error(e)) => return Err(e).with_context(|| format!("cannot lock {}", path.display())),
            }
            if !same_file(&file, &path) {
                continue;
            }
            let started = jiff::Timestamp::now();
            file.set_len(0)?;
            file.write_all(format!("{}\n{}\n", std::process::id(), started.as_second()).as_bytes())
                .with_context(|| format!("cannot write the lock file {}", path.display()))?;
            return Ok(BuildLock { path, file });
        }
        bail!("cannot take the lock {}: other builds keep replacing it", path.display())
    }
}

impl Drop for BuildLock {
    fn drop(&mut self) {
        // Removed while still locked; the lock goes with the file handle, after this.
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

/// Whether the open `file` is still the one at `path`.
#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &File, path: &Path) -> bool {
    path.exists()
}

/// The process id and start time (seconds since 1970) a lock file records.
fn holder(file: &mut File) -> Option<(u32, i64)> {
    let mut text = String::new();
    file.rewind().ok()?;
    file.read_to_string(&mut text).ok()?;
    let mut lines = text.lines();
    Some((lines.next()?.trim().parse().ok()?, lines.next()?.trim().parse().ok()?))
}

/// What a build says when another holds the lock of `out`.
fn busy(out: &Path, holder: &Option<(u32, i64)>) -> String {
    let who = match holder {
        Some((pid, since)) => {
            let ago = jiff::Timestamp::now().as_second().saturating_sub(*since).max(0);
            let at = jiff::Timestamp::from_second(*since).map(|t| t.to_string()).unwrap_or_default();
            format!("process {pid}, started {at}, {ago} s ago")
        }
        None => "it is just starting".to_string(),
    };
    format!(
        "another tebiki build is writing {} ({who}); nothing was changed.\n\
         help: wait for that build to finish and build again, or stop it; the lock ({}) goes with its process",
        out.display(),
        lock_path(out).display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_of_the_same_output_is_refused_with_the_holder() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("public");
        let first = BuildLock::acquire(&out).unwrap();
        let e = BuildLock::acquire(&out).unwrap_err().to_string();
        assert!(e.contains(&format!("process {}", std::process::id())), "{e}");
        assert!(e.contains("another tebiki build is writing"), "{e}");
        drop(first);
        assert!(!lock_path(&out).exists(), "the lock file is removed with the lock");
        let _again = BuildLock::acquire(&out).unwrap();
    }

    #[test]
    fn a_lock_file_left_by_a_dead_build_is_taken_over() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("public");
        std::fs::write(lock_path(&out), "999999999\n0\n").unwrap();
        let lock = BuildLock::acquire(&out).unwrap();
        let text = std::fs::read_to_string(lock_path(&out)).unwrap();
        assert!(text.starts_with(&format!("{}\n", std::process::id())), "{text}");
        drop(lock);
    }
}
