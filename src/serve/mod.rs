//! `tebiki serve`: the live preview — build, serve, watch, rebuild, reload.
//!
//! The steps, one module each: [`watch`] turns file events into a
//! [`watch::Change`]; a [`Builder`] thread rebuilds the site with a
//! [`crate::Session`] (which keeps the highlighter's sets loaded) and
//! publishes the result as the [`reload::Live`] state; [`server`] answers
//! HTTP from that state, from memory; [`reload`] tells every open page about
//! a new build, and [`overlay`] shows a failed one's problems on them.
//!
//! Guarantees: nothing is written to disk, so the watched folders only change
//! when the author changes them (no reload loops); a failed build keeps the
//! last good one served; a build whose output is the same as the one served
//! reloads nothing; bursts of events that arrive while a build runs are
//! merged into one more build. The server listens on `127.0.0.1` unless told
//! otherwise, and answers only requests addressed to it ([`hosts`]). This
//! module prints nothing: it hands [`Report`]s to its caller.

pub mod dashboard;
pub mod hosts;
pub mod overlay;
pub mod reload;
pub mod server;
pub mod session;
pub mod watch;

use std::collections::{BTreeMap, HashMap};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant, SystemTime};

use anyhow::{Context, Result};
use axum::body::Bytes;
use notify_debouncer_full::DebounceEventResult;
use tokio::sync::watch as channel;

use crate::diagnostic::Diagnostics;
use crate::lang::Lang;
use reload::{Files, Live};

/// What `tebiki serve` was asked to do.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// The site root.
    pub root: PathBuf,
    /// The port to try first; the next free one is taken if it is busy (0: any free port).
    pub port: u16,
    /// The address to listen on.
    pub bind: IpAddr,
    /// The name the user gave with `--bind`, when it was a name, not an address.
    pub bind_name: Option<String>,
    /// Open the site in the default browser.
    pub open: bool,
    /// Poll the files instead of relying on the system's file events.
    pub poll: bool,
    /// Build pages marked `draft: true`.
    pub drafts: bool,
}

/// What happened, for the caller to show.
#[derive(Debug)]
pub enum Report {
    /// The server listens at `url`; `busy` is the port asked for when it was taken.
    Serving { url: String, busy: Option<u16>, bind: IpAddr },
    /// A build succeeded. `changed` is empty for the first build.
    Built {
        pages: BTreeMap<Lang, usize>,
        /// Page bodies taken unchanged from the previous build.
        kept: usize,
        elapsed: Duration,
        changed: Vec<PathBuf>,
        warnings: Diagnostics,
        reload: bool,
    },
    /// A build failed; the last good build stays served.
    Failed { diagnostics: Diagnostics, changed: Vec<PathBuf> },
    /// Files not served because they are symbolic links that lead out of the site.
    NotServed(Vec<PathBuf>),
    /// The watcher reported a problem, or the browser could not be opened.
    Trouble(String),
}

/// How many ports after the one asked for are tried.
const PORT_TRIES: u16 = 20;

/// Runs the preview until the process is stopped.
pub fn serve(opts: &ServeOptions, report: impl Fn(Report) + Send + Sync + 'static) -> Result<()> {
    let report: Arc<dyn Fn(Report) + Send + Sync> = Arc::new(report);
    let root = opts.root.canonicalize().with_context(|| format!("cannot open the site root {}", opts.root.display()))?;
    let (listener, busy) = bind(opts.bind, opts.port)?;
    let url = site_url(listener.local_addr()?);
    let hosts = hosts::AllowedHosts::new(opts.bind, opts.bind_name.as_deref());
    let (events_tx, events) = std::sync::mpsc::channel();
    let mut watcher = watch::Watcher::new(opts.poll, events_tx)?;
    watcher.watch_sources(&root)?;
    let (tx, rx) = channel::channel(Live::empty());
    let checked = server::Checked { root: root.clone(), drafts: opts.drafts };
    let mut builder = Builder {
        root,
        base_url: url.clone(),
        drafts: opts.drafts,
        session: Arc::new(session::Session::reusing_bodies()),
        tx: Arc::new(tx),
        index_generation: Arc::new(AtomicU64::new(0)),
        report,
        theme: String::new(),
        serial: 0,
        epoch: epoch(),
    };
    builder.build(Vec::new());
    (builder.report)(Report::Serving { url: url.clone(), busy, bind: opts.bind });
    if opts.open
        && let Err(e) = open_browser(&url)
    {
        (builder.report)(Report::Trouble(format!("cannot open a browser: {e}")));
    }
    std::thread::Builder::new().name("tebiki-rebuild".into()).spawn(move || builder.run(events, watcher))?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async move {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        tokio::select! {
            r = axum::serve(listener, server::router(rx, hosts, checked)) => r.context("the server stopped"),
            _ = tokio::signal::ctrl_c() => Ok(()),
        }
    })
}

/// The address to listen on for `--bind VALUE`: an IP address, or a name
/// and the first address it resolves to (the name is then a `Host` the
/// preview answers too).
pub fn bind_address(value: &str) -> Result<(IpAddr, Option<String>), String> {
    if let Ok(ip) = value.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>() {
        return Ok((ip, None));
    }
    let bad = |why: String| format!("--bind {value}: {why}; give an IP address (127.0.0.1, 0.0.0.0, ::1) or a name of this machine");
    if value.is_empty() || value.contains([':', '/', ' ']) {
        return Err(bad("not an address or a host name".into()));
    }
    use std::net::ToSocketAddrs as _;
    let mut found = (value, 0).to_socket_addrs().map_err(|e| bad(format!("cannot resolve the name ({e})")))?;
    match found.next() {
        Some(addr) => Ok((addr.ip(), Some(value.to_string()))),
        None => Err(bad("the name resolves to no address".into())),
    }
}

/// Listens on `port`, or the next free port after it.
fn bind(ip: IpAddr, port: u16) -> Result<(TcpListener, Option<u16>)> {
    let last = if port == 0 { 0 } else { port.saturating_add(PORT_TRIES) };
    let mut p = port;
    loop {
        match TcpListener::bind(SocketAddr::new(ip, p)) {
            Ok(l) => return Ok((l, (p != port).then_some(port))),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse && p < last => p += 1,
            Err(e) => {
                let tried = if p == port { format!("{ip}:{port}") } else { format!("{ip}:{port}–{p}") };
                return Err(e).with_context(|| format!("cannot listen on {tried}; choose another --port or --bind"));
            }
        }
    }
}

/// The URL to open for a listening address (loopback for "every address").
fn site_url(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}/", SocketAddr::new(ip, addr.port()))
}

fn epoch() -> u64 {
    SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or_default()
}

/// Rebuilds on every change and publishes the result.
struct Builder {
    root: PathBuf,
    base_url: String,
    drafts: bool,
    session: Arc<session::Session>,
    tx: Arc<channel::Sender<Live>>,
    /// Counts builds; a search index built for an older one is dropped.
    index_generation: Arc<AtomicU64>,
    report: Arc<dyn Fn(Report) + Send + Sync>,
    /// The active theme, as of the last good build.
    theme: String,
    serial: u64,
    /// Makes build ids of this process differ from those of an earlier one.
    epoch: u64,
}

impl Builder {
    /// Waits for changes; merges those that queued up during a build.
    fn run(mut self, events: Receiver<DebounceEventResult>, mut watcher: watch::Watcher) {
        while let Ok(first) = events.recv() {
            let mut batch = vec![first];
            batch.extend(events.try_iter());
            let mut list = Vec::new();
            for result in batch {
                match result {
                    Ok(evs) => list.extend(evs.into_iter().map(|e| e.event)),
                    Err(errors) => {
                        for e in errors {
                            (self.report)(Report::Trouble(format!("watching: {e}")));
                        }
                    }
                }
            }
            let Some(change) = watch::classify(&self.root, &self.theme, &list) else { continue };
            if change.rewatch
                && let Err(e) = watcher.watch_sources(&self.root)
            {
                (self.report)(Report::Trouble(format!("{e:#}")));
            }
            self.build(change.paths);
        }
    }

    /// Builds once and publishes the result; then builds the search index
    /// and publishes it too, without a reload (pages load it on demand).
    fn build(&mut self, changed: Vec<PathBuf>) {
        let start = Instant::now();
        // An index still being built for the previous build must not publish pages of this one.
        self.index_generation.fetch_add(1, Ordering::SeqCst);
        self.session.forget(&self.root, &changed);
        match self.session.compile_live(&self.root, Some(&self.base_url), self.drafts) {
            Ok(compiled) => {
                self.theme = compiled.site.config.theme.clone();
                let outside = linked_from_outside(&self.root, &compiled.site.assets);
                let hidden: Vec<String> = outside.iter().flat_map(|i| compiled.site.asset_outputs(*i)).collect();
                let outside: Vec<PathBuf> = outside.iter().map(|i| compiled.site.assets[*i].path.clone()).collect();
                let map = served_files(&self.session, &hidden);
                let id = format!("{:x}-{}", self.epoch, self.serial + 1);
                let mut reload = false;
                self.tx.send_if_modified(|live| {
                    let had_problems = !live.problems.is_empty();
                    live.problems = Arc::new(Vec::new());
                    if live.files.as_ref().is_some_and(|f| same_files(&f.map, &map)) {
                        return had_problems;
                    }
                    live.files = Some(Arc::new(Files { map }));
                    live.build = id;
                    reload = true;
                    true
                });
                self.serial += u64::from(reload);
                if !outside.is_empty() {
                    (self.report)(Report::NotServed(outside));
                }
                (self.report)(Report::Built {
                    pages: compiled.rendering.pages.clone(),
                    kept: self.session.reused_last(),
                    elapsed: start.elapsed(),
                    changed,
                    warnings: compiled.diagnostics,
                    reload,
                });
                if let Some(bodies) = compiled.bodies {
                    self.index_later(compiled.site, bodies, hidden);
                }
            }
            Err(diagnostics) => {
                let problems = Arc::new(overlay::problems(&diagnostics));
                self.tx.send_modify(|live| live.problems = problems);
                (self.report)(Report::Failed { diagnostics, changed });
            }
        }
    }
}

impl Builder {
    /// Builds the search index on a thread of its own once edits pause, so
    /// that it never delays a rebuild, and publishes it without a reload
    /// (pages load the index when a search is made). Dropped if another
    /// build came meanwhile: that build's index follows.
    fn index_later(&self, site: crate::model::Site, bodies: crate::markdown::Bodies, hidden: Vec<String>) {
        let generation = self.index_generation.load(Ordering::SeqCst);
        let (current, session, tx) = (self.index_generation.clone(), self.session.clone(), self.tx.clone());
        let spawned = std::thread::Builder::new().name("tebiki-index".into()).spawn(move || {
            std::thread::sleep(INDEX_DELAY);
            if current.load(Ordering::SeqCst) != generation {
                return;
            }
            let corpus = crate::search::Corpus::collect(&site, &bodies);
            // One thread: the rebuilds keep rayon's pool.
            let index = match rayon::ThreadPoolBuilder::new().num_threads(1).build() {
                Ok(pool) => pool.install(|| corpus.build()),
                Err(_) => corpus.build(),
            };
            if current.load(Ordering::SeqCst) != generation {
                return;
            }
            session.replace_search_index(&site.config.languages, index);
            let map = served_files(&session, &hidden);
            tx.send_if_modified(|live| {
                if current.load(Ordering::SeqCst) == generation {
                    live.files = Some(Arc::new(Files { map }));
                }
                false
            });
        });
        if let Err(e) = spawned {
            (self.report)(Report::Trouble(format!("cannot build the search index: {e}")));
        }
    }
}

/// How long edits must pause before the search index is built.
const INDEX_DELAY: Duration = Duration::from_millis(1000);

/// The files of the session's last build that are served: all but `hidden`.
fn served_files(session: &session::Session, hidden: &[String]) -> HashMap<String, Bytes> {
    let mut map = session.output_files();
    map.retain(|path, _| !hidden.contains(path));
    map
}

/// Whether two builds have the same files; files kept from one compile to
/// the next share their bytes, so most are compared by address.
fn same_files(a: &HashMap<String, Bytes>, b: &HashMap<String, Bytes>) -> bool {
    a.len() == b.len()
        && b.iter().all(|(path, new)| a.get(path).is_some_and(|old| (old.as_ptr() == new.as_ptr() && old.len() == new.len()) || old == new))
}

/// The assets (their indexes) that are symbolic links, or lie under one,
/// leading outside the site root; they are not served.
fn linked_from_outside(root: &Path, assets: &[crate::model::Asset]) -> Vec<usize> {
    let content = root.join(crate::load::CONTENT_DIR);
    let outside = |a: &crate::model::Asset| content.join(&a.path).canonicalize().map_or(true, |real| !real.starts_with(root));
    assets.iter().enumerate().filter(|(_, a)| outside(a)).map(|(i, _)| i).collect()
}

/// Opens `url` in the desktop's default browser.
fn open_browser(url: &str) -> std::io::Result<()> {
    let mut cmd = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    cmd.arg(url).stdin(std::process::Stdio::null()).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null());
    cmd.spawn().map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_busy_port_moves_to_the_next_free_one() {
        let taken = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = taken.local_addr().unwrap().port();
        let (l, busy) = bind(IpAddr::V4(Ipv4Addr::LOCALHOST), port).unwrap();
        assert_eq!(busy, Some(port));
        assert!(l.local_addr().unwrap().port() > port);
    }

    #[test]
    fn bind_takes_an_address_or_a_name() {
        assert_eq!(bind_address("0.0.0.0").unwrap(), ("0.0.0.0".parse().unwrap(), None));
        assert_eq!(bind_address("[::1]").unwrap(), ("::1".parse().unwrap(), None));
        let (ip, name) = bind_address("localhost").unwrap();
        assert!(ip.is_loopback() && name.as_deref() == Some("localhost"), "{ip} {name:?}");
        assert!(bind_address("no such host.example").is_err());
        assert!(bind_address("").is_err());
    }

    #[test]
    fn the_url_names_loopback_for_every_address() {
        assert_eq!(site_url("0.0.0.0:1111".parse().unwrap()), "http://127.0.0.1:1111/");
        assert_eq!(site_url("[::]:1111".parse().unwrap()), "http://[::1]:1111/");
        assert_eq!(site_url("127.0.0.1:1112".parse().unwrap()), "http://127.0.0.1:1112/");
    }
}
