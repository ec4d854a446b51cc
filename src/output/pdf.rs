//! `tebiki build --pdf`: every handout printed to PDF by a local headless Chromium.
//!
//! [`find_chromium`] looks for the browser before anything is built:
//! `TEBIKI_CHROMIUM` if set, else `chromium`, `chromium-browser` or
//! `google-chrome` on `PATH`; when there is none, the error says how to
//! install one. [`print_all`] runs after the site is written to its staging
//! folder and before it is swapped in, so a failed print leaves the previous
//! output as it was. It starts at most [`PARALLEL`] browsers at a time, each
//! with a fresh profile, offline flags and a time limit, and prints the
//! handout's HTML from disk (`file://`): the print stylesheet sets A4 and the
//! running header and footer, `<title>` becomes the PDF's title, and
//! `--generate-pdf-document-outline` turns the headings into its outline.
//! A handout whose contents ask for page numbers is printed again with the
//! page of each section written in ([`super::dests`]).
//!
//! The time limit is [`DEFAULT_TIME_LIMIT`] per handout, or the seconds in
//! `TEBIKI_PDF_TIMEOUT`. A browser that runs past it is killed with every
//! process it started (on Unix it runs in a process group of its own), and
//! the build fails naming the handout; nothing is swapped in.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use super::dests;
use crate::config::Role;
use crate::model::Site;
use crate::paths;

/// The environment variable that names the browser binary.
pub const ENV: &str = "TEBIKI_CHROMIUM";

/// The environment variable that sets how many seconds one print may take.
pub const TIMEOUT_ENV: &str = "TEBIKI_PDF_TIMEOUT";

/// Names looked for on `PATH`, in order.
pub const CANDIDATES: [&str; 3] = ["chromium", "chromium-browser", "google-chrome"];

/// Prints of one handout at most, to settle the page numbers of its contents.
pub const MAX_PRINTS: usize = 3;

/// Browsers running at once (each takes a few hundred MB).
pub const PARALLEL: usize = 2;

/// How long one print may take unless `TEBIKI_PDF_TIMEOUT` says otherwise.
pub const DEFAULT_TIME_LIMIT: Duration = Duration::from_secs(180);

/// Flags of every run: headless, no sandbox (containers, CI), offline.
const FLAGS: [&str; 7] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
];

/// Why no browser could be used.
#[derive(Debug, thiserror::Error)]
pub enum FindError {
    /// `TEBIKI_CHROMIUM` names something that is not an executable file.
    #[error("{ENV} names `{}`, which is not an executable file", .0.display())]
    BadEnv(PathBuf),
    /// None of the candidates is on `PATH`.
    #[error("--pdf needs a headless Chromium, and none was found on PATH (looked for {})", CANDIDATES.join(", "))]
    NotFound,
    /// `TEBIKI_PDF_TIMEOUT` is not a number of seconds.
    #[error("{TIMEOUT_ENV} is `{0}`, which is not a number of seconds")]
    BadTimeout(String),
}

impl FindError {
    /// How to fix it.
    pub fn hint(&self) -> String {
        match self {
            FindError::BadTimeout(_) => format!(
                "set {TIMEOUT_ENV} to the seconds one handout may take to print, such as 600, or unset it for {} s",
                DEFAULT_TIME_LIMIT.as_secs()
            ),
            _ => format!(
                "install Chromium (Debian/Ubuntu: `apt-get install chromium`), or set {ENV} to the path of a Chromium or Chrome binary"
            ),
        }
    }
}

/// The browser to print with and how long one print may take.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Browser {
    /// The Chromium or Chrome binary.
    pub path: PathBuf,
    /// How long one print may take before the browser is killed.
    pub time_limit: Duration,
}

/// The browser to print with, from the process's environment
/// (`TEBIKI_CHROMIUM`, `PATH`, `TEBIKI_PDF_TIMEOUT`).
pub fn find_chromium() -> Result<Browser, FindError> {
    let time_limit = time_limit(std::env::var_os(TIMEOUT_ENV).as_deref())?;
    let path = find_in(std::env::var_os(ENV).as_deref(), std::env::var_os("PATH").as_deref())?;
    Ok(Browser { path, time_limit })
}

/// The time limit set by `value` (`TEBIKI_PDF_TIMEOUT`): seconds, more than
/// zero; [`DEFAULT_TIME_LIMIT`] when unset or empty.
pub fn time_limit(value: Option<&OsStr>) -> Result<Duration, FindError> {
    let Some(value) = value.filter(|v| !v.is_empty()) else { return Ok(DEFAULT_TIME_LIMIT) };
    let text = value.to_string_lossy();
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|s| *s > 0.0)
        .and_then(|s| Duration::try_from_secs_f64(s).ok())
        .ok_or_else(|| FindError::BadTimeout(text.into_owned()))
}

/// The browser named by `env` (`TEBIKI_CHROMIUM`), else the first candidate on `path`.
pub fn find_in(env: Option<&OsStr>, path: Option<&OsStr>) -> Result<PathBuf, FindError> {
    if let Some(named) = env.filter(|e| !e.is_empty()) {
        let p = PathBuf::from(named);
        let found = if p.components().count() == 1 { search(path, named) } else { Some(p.clone()) };
        return found.filter(|f| is_executable(f)).ok_or(FindError::BadEnv(p));
    }
    CANDIDATES.iter().find_map(|name| search(path, OsStr::new(name))).ok_or(FindError::NotFound)
}

fn search(path: Option<&OsStr>, name: &OsStr) -> Option<PathBuf> {
    std::env::split_paths(path?).map(|dir| dir.join(name)).find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(p) else { return false };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.is_file() && meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        meta.is_file()
    }
}

/// One handout to print: output paths of its HTML and of the PDF.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PdfJob {
    /// `ja/handouts/briefing/index.html`.
    pub html: String,
    /// `ja/handouts/briefing.pdf`.
    pub pdf: String,
}

/// Every handout in every language the site builds, in a fixed order.
pub fn jobs(site: &Site) -> Vec<PdfJob> {
    let mut jobs = Vec::new();
    for &lang in &site.config.languages {
        for p in site.pages().iter().filter(|p| site.config.has_role(&p.kind, Role::Handout) && p.texts.contains_key(&lang)) {
            jobs.push(PdfJob { html: paths::page_index(lang, &p.folder, &p.id), pdf: paths::handout_pdf(lang, &p.folder, &p.id) });
        }
    }
    jobs
}

/// Prints every job of the site written in `dir`, [`PARALLEL`] at a time,
/// telling `on_pdf` each PDF printed (its path, how many are done, of how
/// many). Every failure is reported, in the order of the jobs; after a
/// browser timed out no other print is started (the build fails anyway).
pub fn print_all(chromium: &Browser, dir: &Path, jobs: &[PdfJob], on_pdf: Option<fn(&str, usize, usize)>) -> Result<()> {
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let timed_out = AtomicBool::new(false);
    let failures: Mutex<Vec<(usize, anyhow::Error)>> = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..PARALLEL.min(jobs.len()) {
            s.spawn(|| {
                while !timed_out.load(Ordering::SeqCst) {
                    let k = next.fetch_add(1, Ordering::SeqCst);
                    let Some(job) = jobs.get(k) else { break };
                    let (html, pdf) = (dir.join(&job.html), dir.join(&job.pdf));
                    let printed = print_handout(chromium, &html, &pdf).with_context(|| format!("cannot print {} to {}", job.html, job.pdf));
                    if let (Ok(()), Some(tell)) = (&printed, on_pdf) {
                        tell(&job.pdf, done.fetch_add(1, Ordering::SeqCst) + 1, jobs.len());
                    }
                    if let Err(e) = printed {
                        if e.downcast_ref::<TimedOut>().is_some() {
                            timed_out.store(true, Ordering::SeqCst);
                        }
                        failures.lock().unwrap_or_else(|p| p.into_inner()).push((k, e));
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap_or_else(|p| p.into_inner());
    failures.sort_by_key(|(k, _)| *k);
    let mut lines: Vec<String> = failures.iter().map(|(_, e)| format!("{e:#}")).collect();
    let skipped = jobs.len().saturating_sub(next.load(Ordering::SeqCst));
    if skipped > 0 {
        lines.push(format!("{skipped} more handout PDF{} not printed after the timeout", if skipped == 1 { " was" } else { "s were" }));
    }
    match failures.len() {
        0 => Ok(()),
        _ => bail!("{}", lines.join("\n")),
    }
}

/// Prints a handout, then writes into its HTML the page on which each
/// section landed ([`dests::fill`]) and prints it again, until the numbers
/// stay the same (at most [`MAX_PRINTS`] prints; the numbers only fill a
/// slot of fixed width, so the second print normally agrees).
fn print_handout(chromium: &Browser, html: &Path, pdf: &Path) -> Result<()> {
    let mut text = std::fs::read_to_string(html).with_context(|| format!("cannot read {}", html.display()))?;
    for pass in 1..=MAX_PRINTS {
        print_file(chromium, html, pdf)?;
        if !text.contains(dests::PAGE_OF) {
            return Ok(());
        }
        let bytes = std::fs::read(pdf).with_context(|| format!("cannot read {}", pdf.display()))?;
        let Some(pages) = dests::dest_pages(&bytes) else { return Ok(()) };
        let filled = dests::fill(&text, &pages);
        if filled == text || pass == MAX_PRINTS {
            return Ok(());
        }
        std::fs::write(html, &filled).with_context(|| format!("cannot write {}", html.display()))?;
        text = filled;
    }
    Ok(())
}

/// A browser ran past its time limit and was stopped.
#[derive(Debug, thiserror::Error)]
#[error("{browser} took longer than {seconds} s and was stopped (set {TIMEOUT_ENV} to allow more seconds)")]
struct TimedOut {
    browser: String,
    seconds: String,
}

/// Prints the HTML file `html` to `pdf` with a fresh browser profile, as
/// `build --pdf` prints a handout (any page of a built site prints so).
pub fn print_file(chromium: &Browser, html: &Path, pdf: &Path) -> Result<()> {
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let n = RUNS.fetch_add(1, Ordering::Relaxed);
    let profile = std::env::temp_dir().join(format!("tebiki-chromium-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&profile);
    std::fs::create_dir_all(&profile).with_context(|| format!("cannot create {}", profile.display()))?;
    let result = run_browser(chromium, &profile, html, pdf);
    let _ = std::fs::remove_dir_all(&profile);
    result
}

fn run_browser(browser: &Browser, profile: &Path, html: &Path, pdf: &Path) -> Result<()> {
    let chromium = &browser.path;
    let log_path = profile.join("stderr.log");
    let log = std::fs::File::create(&log_path).with_context(|| format!("cannot create {}", log_path.display()))?;
    let mut command = Command::new(chromium);
    #[cfg(unix)]
    {
        // A group of its own: a timeout stops the browser's helper processes too.
        use std::os::unix::process::CommandExt as _;
        command.process_group(0);
    }
    let mut child = command
        .args(FLAGS)
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--no-pdf-header-footer")
        .arg("--generate-pdf-document-outline")
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(file_url(html))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .with_context(|| format!("cannot start {}", chromium.display()))?;
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if start.elapsed() > browser.time_limit {
            stop(&mut child);
            return Err(TimedOut { browser: chromium.display().to_string(), seconds: seconds(browser.time_limit) }.into());
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let is_pdf = std::fs::read(pdf).is_ok_and(|b| b.starts_with(b"%PDF-"));
    if status.success() && is_pdf {
        return Ok(());
    }
    let stderr = std::fs::read_to_string(&log_path).unwrap_or_default();
    let tail: Vec<&str> = stderr.lines().filter(|l| !l.contains("dbus") && !l.trim().is_empty()).collect();
    let tail = tail[tail.len().saturating_sub(5)..].join("\n");
    bail!(
        "{} exited with {status} and wrote no PDF{}",
        chromium.display(),
        if tail.is_empty() { String::new() } else { format!(":\n{tail}") }
    )
}

/// Kills a browser that is still running, and every process of its group.
fn stop(child: &mut std::process::Child) {
    #[cfg(unix)]
    if let Ok(pid) = libc::pid_t::try_from(child.id()) {
        // SAFETY: kill(2) takes plain integers. The child is not reaped yet
        // (`try_wait` saw it running), so its process group id is still its own.
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// `180`, or `0.5` for a limit that is not whole seconds.
fn seconds(d: Duration) -> String {
    if d.subsec_nanos() == 0 { d.as_secs().to_string() } else { format!("{}", d.as_secs_f64()) }
}

/// The `file://` URL of an absolute path, percent-encoded.
pub fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    let s = path.to_string_lossy().replace('\\', "/");
    if !s.starts_with('/') {
        url.push('/');
    }
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exe(dir: &Path, name: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, "#!/bin/sh\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        p
    }

    #[test]
    fn finds_the_first_candidate_on_path() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let chrome = exe(b.path(), "google-chrome");
        let path = std::env::join_paths([a.path(), b.path()]).unwrap();
        assert_eq!(find_in(None, Some(&path)).unwrap(), chrome);
        let chromium = exe(a.path(), "chromium-browser");
        assert_eq!(find_in(None, Some(&path)).unwrap(), chromium);
    }

    #[test]
    fn none_on_path_is_not_found_with_an_install_hint() {
        let a = tempfile::tempdir().unwrap();
        std::fs::write(a.path().join("chromium"), "not executable").unwrap();
        let e = find_in(None, Some(a.path().as_os_str())).unwrap_err();
        assert!(matches!(e, FindError::NotFound), "{e}");
        assert!(e.hint().contains("apt-get install chromium"));
        assert!(matches!(find_in(None, None), Err(FindError::NotFound)));
    }

    #[test]
    fn the_environment_variable_wins_and_must_be_executable() {
        let a = tempfile::tempdir().unwrap();
        let mine = exe(a.path(), "my-chrome");
        exe(a.path(), "chromium");
        let path = a.path().as_os_str();
        assert_eq!(find_in(Some(mine.as_os_str()), Some(path)).unwrap(), mine);
        assert_eq!(find_in(Some(OsStr::new("my-chrome")), Some(path)).unwrap(), mine);
        let missing = a.path().join("nope");
        assert!(matches!(find_in(Some(missing.as_os_str()), Some(path)), Err(FindError::BadEnv(_))));
    }

    #[test]
    fn the_time_limit_is_seconds_from_the_environment() {
        assert_eq!(time_limit(None).unwrap(), DEFAULT_TIME_LIMIT);
        assert_eq!(time_limit(Some(OsStr::new(""))).unwrap(), DEFAULT_TIME_LIMIT);
        assert_eq!(time_limit(Some(OsStr::new("600"))).unwrap(), Duration::from_secs(600));
        assert_eq!(time_limit(Some(OsStr::new("0.5"))).unwrap(), Duration::from_millis(500));
        for bad in ["0", "-3", "ten", "NaN", "inf", "1e400"] {
            let e = time_limit(Some(OsStr::new(bad))).unwrap_err();
            assert!(matches!(e, FindError::BadTimeout(_)), "{bad}");
            assert!(e.hint().contains("TEBIKI_PDF_TIMEOUT"), "{bad}");
        }
    }

    #[test]
    fn file_urls_are_percent_encoded() {
        assert_eq!(file_url(Path::new("/tmp/a b/配布/index.html")), "file:///tmp/a%20b/%E9%85%8D%E5%B8%83/index.html");
        assert_eq!(file_url(Path::new("/x/.public.tebiki-staging-1/ja")), "file:///x/.public.tebiki-staging-1/ja");
    }
}
