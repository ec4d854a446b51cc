//! Watching the site's sources, and sorting file events into changes.
//!
//! [`Watcher`] watches the site root (not recursively: only `site.yaml` and
//! the appearance of the folders below matter there) and, recursively,
//! `content/`, `templates/`, `static/`, `i18n/` and `themes/`, through
//! notify-debouncer-full, which merges an editor's burst of events and pairs
//! the halves of a rename. The output folder is never watched, and nothing
//! `tebiki serve` writes is inside a watched folder, so a rebuild cannot
//! trigger another. Symbolic links are not followed: a folder reached only
//! through a link is not watched, and a source folder that is a link out of
//! the site root is not watched at all (the build reports it as an error).
//!
//! [`classify`] is the pure function that turns a batch of events into the
//! one [`Change`] to act on, or nothing: access events (reading a file),
//! changes of permissions or owner,
//! editors' swap, backup and temporary files, other themes and anything
//! outside the watched sources are ignored. An editor's atomic save (write a
//! temporary file, rename it over the page) and a vim-style backup rename
//! both name the page itself, so they are seen as a change of the page.

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use anyhow::{Context, Result};
use notify::event::{MetadataKind, ModifyKind};
use notify::{Event, EventKind, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer_opt};

/// One change to act on: the files involved (a rebuild reads them again;
/// the others are checked by their size and modification time).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The changed sources, relative to the site root, sorted, without repeats.
    pub paths: Vec<PathBuf>,
    /// A watched folder itself appeared, vanished or moved: watch again.
    pub rewatch: bool,
}

/// The folders watched recursively, below the site root.
pub const SOURCES: [&str; 5] = ["content", "templates", "static", "i18n", "themes"];

/// Sorts a batch of events into the change they make to the site at
/// `root` with the active theme `theme`; `None` when nothing relevant changed.
pub fn classify(root: &Path, theme: &str, events: &[Event]) -> Option<Change> {
    let mut changed = false;
    let mut paths = Vec::new();
    let mut rewatch = false;
    for event in events {
        // The watcher lost events (queue overflow): anything may have changed.
        if event.need_rescan() {
            changed = true;
            rewatch = true;
            continue;
        }
        if !matters(&event.kind) {
            continue;
        }
        for path in &event.paths {
            let Ok(rel) = path.strip_prefix(root) else { continue };
            let Some(is_root) = watched_folder(rel, theme) else { continue };
            changed = true;
            rewatch |= is_root;
            paths.push(rel.to_path_buf());
        }
    }
    paths.sort();
    paths.dedup();
    changed.then_some(Change { paths, rewatch })
}

/// Whether an event can change a file's content or existence. A change of
/// the modification time counts (it is all that polling sees of a write);
/// reading a file, or changing its access time, owner or permissions, does not.
fn matters(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(_) | EventKind::Other => false,
        EventKind::Modify(ModifyKind::Metadata(m)) => matches!(m, MetadataKind::WriteTime | MetadataKind::Any),
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Any => true,
    }
}

/// Whether a path relative to the root is a watched folder itself; `None`
/// for anything the build does not read.
fn watched_folder(rel: &Path, theme: &str) -> Option<bool> {
    let parts: Vec<&str> = rel.components().map(|c| if let Component::Normal(s) = c { s.to_str() } else { None }).collect::<Option<_>>()?;
    let (first, name) = (*parts.first()?, *parts.last()?);
    if parts.iter().any(|p| p.starts_with('.')) || is_editor_file(name) {
        return None;
    }
    let is_root = parts.len() == 1;
    match first {
        "site.yaml" if is_root => Some(false),
        "content" | "templates" | "static" | "i18n" => Some(is_root),
        "themes" => match parts.get(1) {
            Some(t) if *t != theme => None,
            _ => Some(parts.len() <= 2),
        },
        _ => None,
    }
}

/// Editors' swap, backup, lock and temporary files, which never belong to the site.
fn is_editor_file(name: &str) -> bool {
    const SUFFIXES: [&str; 9] = ["~", ".swp", ".swo", ".swx", ".kate-swp", ".tmp", "___jb_tmp___", "___jb_old___", ".crswap"];
    SUFFIXES.iter().any(|s| name.ends_with(s))
        // vim's test of whether a folder is writable
        || name == "4913"
        // Emacs auto-save files
        || (name.starts_with('#') && name.ends_with('#'))
}

/// The watch on a site's sources: native events, or polling with `--poll`.
pub struct Watcher {
    inner: Inner,
    watched: Vec<PathBuf>,
}

enum Inner {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, RecommendedCache>),
}

/// How long an editor's burst of events may last before it counts as one
/// change. A save (write, or write and rename) takes well under a
/// millisecond; a checkout of many files that takes longer gives a second
/// build at most, since changes that queue up during a build are merged.
pub const DEBOUNCE: Duration = Duration::from_millis(10);
/// How often `--poll` looks at the files. Polling compares contents, not only
/// modification times, which notify's poller keeps in whole seconds (two
/// saves within one second would look like one).
pub const POLL_INTERVAL: Duration = Duration::from_millis(300);

impl Watcher {
    /// Starts a watcher; debounced batches of events go to `events`.
    pub fn new(poll: bool, events: Sender<DebounceEventResult>) -> Result<Watcher> {
        let tick = Some(DEBOUNCE / 4);
        // Links are never followed: one out of the site would have it watched (and, polling, read).
        let config = notify::Config::default().with_follow_symlinks(false);
        let inner = if poll {
            let config = config.with_poll_interval(POLL_INTERVAL).with_compare_contents(true);
            Inner::Poll(new_debouncer_opt(DEBOUNCE, tick, events, RecommendedCache::new(), config)?)
        } else {
            Inner::Native(new_debouncer_opt(DEBOUNCE, tick, events, RecommendedCache::new(), config)?)
        };
        Ok(Watcher { inner, watched: Vec::new() })
    }

    /// Watches the sources of the site at `root` that exist now, after
    /// dropping the earlier watches (a folder may have been replaced).
    pub fn watch_sources(&mut self, root: &Path) -> Result<()> {
        for path in std::mem::take(&mut self.watched) {
            // A folder that vanished has lost its watch already.
            let _ = match &mut self.inner {
                Inner::Native(d) => d.unwatch(&path),
                Inner::Poll(d) => d.unwatch(&path),
            };
        }
        let mut targets = vec![(root.to_path_buf(), RecursiveMode::NonRecursive)];
        // A source folder that is a link out of the site is not watched (the build reports it).
        let fs = crate::fsguard::SiteFs::new(root).with_context(|| format!("cannot open {}", root.display()))?;
        let inside = |s: &str| fs.resolve(Path::new(s)).is_ok_and(|c| c.is_some_and(|c| c.path().is_dir()));
        targets.extend(SOURCES.iter().filter(|s| inside(s)).map(|s| (root.join(s), RecursiveMode::Recursive)));
        for (path, mode) in targets {
            match &mut self.inner {
                Inner::Native(d) => d.watch(&path, mode),
                Inner::Poll(d) => d.watch(&path, mode),
            }
            .with_context(|| format!("cannot watch {}", path.display()))?;
            self.watched.push(path);
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "watch_tests.rs"]
mod tests;
