//! `tebiki build --pdf`: every handout printed to PDF by a local headless Chromium.
//!
//! [`find_chromium`] ([`super::browser`]) looks for the browser before
//! anything is built: `TEBIKI_CHROMIUM` if set, else Chromium, Chrome or
//! Edge on `PATH` or in the platform's install folders; when there is none,
//! the error says how to get one. [`print_all`] runs after the site is written to its staging
//! folder and before it is swapped in, so a failed print leaves the previous
//! output as it was. It starts at most [`PARALLEL`] browsers at a time, each
//! with a fresh profile, offline flags and a time limit, and prints the
//! handout's HTML from disk (`file://`): the print stylesheet sets A4 and the
//! running header and footer, `<title>` becomes the PDF's title, and
//! `--generate-pdf-document-outline` turns the headings into its outline.
//! A handout whose contents ask for page numbers is printed again with the
//! page of each section written in, and with the sections that would leave
//! a nearly empty sheet marked so that the next one follows on it
//! ([`super::dests`]).
//!
//! The time limit is [`DEFAULT_TIME_LIMIT`] per handout, or the seconds in
//! `TEBIKI_PDF_TIMEOUT`. A browser that runs past it is killed with every
//! process it started (on Unix it runs in a process group of its own), and
//! the build fails naming the handout; nothing is swapped in.

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use super::browser::shown;
pub use super::browser::{Browser, DEFAULT_TIME_LIMIT, ENV, FindError, TIMEOUT_ENV, find_chromium};
use super::dests;
use crate::config::Role;
use crate::model::Site;
use crate::paths;

/// Prints of one handout at most, to settle the page numbers of its
/// contents and which sections share a sheet. Marks are only added, never
/// taken back, so the prints settle; the flagship's longest handout takes five.
pub const MAX_PRINTS: usize = 8;

/// Browsers running at once (each takes a few hundred MB).
pub const PARALLEL: usize = 2;

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
/// section landed ([`dests::fill`]) and marks the sections that end near
/// the top of a sheet ([`dests::mark_short`]), and prints it again, until
/// nothing changes (at most [`MAX_PRINTS`] prints; the numbers only fill a
/// slot of fixed width and a mark stays, so the layout settles quickly).
fn print_handout(chromium: &Browser, html: &Path, pdf: &Path) -> Result<()> {
    let mut text = std::fs::read_to_string(html).with_context(|| format!("cannot read {}", shown(html)))?;
    for pass in 1..=MAX_PRINTS {
        print_file(chromium, html, pdf)?;
        if !text.contains(dests::PAGE_OF) && !text.contains(dests::END_OF) {
            return Ok(());
        }
        let bytes = std::fs::read(pdf).with_context(|| format!("cannot read {}", shown(pdf)))?;
        let Some(pages) = dests::dest_pages(&bytes) else { return Ok(()) };
        let filled = dests::mark_short(&dests::fill(&text, &pages), &dests::short_ends(&bytes));
        if filled == text || pass == MAX_PRINTS {
            return Ok(());
        }
        std::fs::write(html, &filled).with_context(|| format!("cannot write {}", shown(html)))?;
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
    std::fs::create_dir_all(&profile).with_context(|| format!("cannot create {}", shown(&profile)))?;
    let result = run_browser(chromium, &profile, html, pdf);
    let _ = std::fs::remove_dir_all(&profile);
    result
}

fn run_browser(browser: &Browser, profile: &Path, html: &Path, pdf: &Path) -> Result<()> {
    let chromium = &browser.path;
    let log_path = profile.join("stderr.log");
    let log = std::fs::File::create(&log_path).with_context(|| format!("cannot create {}", shown(&log_path)))?;
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
        .with_context(|| format!("cannot start {}", shown(chromium)))?;
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if start.elapsed() > browser.time_limit {
            stop(&mut child);
            return Err(TimedOut { browser: shown(chromium), seconds: seconds(browser.time_limit) }.into());
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
    bail!("{} exited with {status} and wrote no PDF{}", shown(chromium), if tail.is_empty() { String::new() } else { format!(":\n{tail}") })
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

/// What a terminal shows while handouts print: one line, redrawn after
/// each PDF, `Printing handouts [#####---------------] 2/8 ja/handouts/b.pdf`
/// (elsewhere each PDF gets a line of its own).
pub fn progress_bar(pdf: &str, done: usize, total: usize) -> String {
    const WIDTH: usize = 20;
    let filled = (done.min(total) * WIDTH).checked_div(total).unwrap_or(WIDTH);
    format!("Printing handouts [{}{}] {done}/{total} {pdf}", "#".repeat(filled), "-".repeat(WIDTH - filled))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_are_percent_encoded() {
        assert_eq!(file_url(Path::new("/tmp/a b/配布/index.html")), "file:///tmp/a%20b/%E9%85%8D%E5%B8%83/index.html");
        assert_eq!(file_url(Path::new("/x/.public.tebiki-staging-1/ja")), "file:///x/.public.tebiki-staging-1/ja");
    }

    #[test]
    fn the_progress_bar_fills_with_the_pdfs_done() {
        assert_eq!(progress_bar("ja/a.pdf", 0, 4), "Printing handouts [--------------------] 0/4 ja/a.pdf");
        assert_eq!(progress_bar("ja/b.pdf", 1, 4), "Printing handouts [#####---------------] 1/4 ja/b.pdf");
        assert_eq!(progress_bar("en/c.pdf", 4, 4), "Printing handouts [####################] 4/4 en/c.pdf");
        assert_eq!(progress_bar("x.pdf", 9, 4), "Printing handouts [####################] 9/4 x.pdf");
        assert_eq!(progress_bar("x.pdf", 0, 0), "Printing handouts [####################] 0/0 x.pdf");
    }
}
