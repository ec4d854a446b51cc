//! Which browser `tebiki build --pdf` prints with, on the staff member's
//! own PC as on a server.
//!
//! [`locate`] is a pure function of a [`Probe`]: the platform, the
//! environment's variables and a test for an executable file. It takes, in
//! order: `TEBIKI_CHROMIUM` (a path, or a name looked up on `PATH`); the
//! platform's browser names on `PATH` ([`path_names`]); then the standard
//! install folders ([`install_paths`]): on Windows Microsoft Edge, which
//! comes with the system, and Google Chrome under `%ProgramFiles%`,
//! `%ProgramFiles(x86)%` and `%LocalAppData%`; on macOS the app bundles of
//! Chrome, Edge and Chromium in `/Applications` and `~/Applications`.
//! [`find_chromium`] asks the real environment. When nothing is found, the
//! error lists what was tried and the hint names the platform's way to get
//! a browser. Paths are shown with `/` on every platform ([`shown`]).

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use crate::diagnostic::{shown_path as shown, slashed};

/// The environment variable that names the browser binary.
pub const ENV: &str = "TEBIKI_CHROMIUM";

/// The environment variable that sets how many seconds one print may take.
pub const TIMEOUT_ENV: &str = "TEBIKI_PDF_TIMEOUT";

/// Names looked for on `PATH` on Linux and other Unix systems, in order.
pub const CANDIDATES: [&str; 3] = ["chromium", "chromium-browser", "google-chrome"];

/// How long one print may take unless `TEBIKI_PDF_TIMEOUT` says otherwise.
pub const DEFAULT_TIME_LIMIT: Duration = Duration::from_secs(180);

/// The operating system whose conventions the lookup follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Platform {
    Windows,
    MacOs,
    /// Linux and other Unix systems: `PATH` only.
    Unix,
}

impl Platform {
    /// The platform this binary runs on.
    pub const CURRENT: Platform = if cfg!(windows) {
        Platform::Windows
    } else if cfg!(target_os = "macos") {
        Platform::MacOs
    } else {
        Platform::Unix
    };
}

/// What the lookup may ask of the world.
pub struct Probe<'a> {
    pub platform: Platform,
    /// An environment variable's value.
    pub var: &'a dyn Fn(&str) -> Option<OsString>,
    /// Whether a path is an executable file.
    pub is_executable: &'a dyn Fn(&Path) -> bool,
}

/// Why no browser could be used.
#[derive(Debug, thiserror::Error)]
pub enum FindError {
    /// `TEBIKI_CHROMIUM` names something that is not an executable file.
    #[error("{ENV} names `{}`, which is not an executable file", shown(.0))]
    BadEnv(PathBuf),
    /// None of the candidates is on `PATH` or in an install folder.
    #[error("--pdf needs a headless Chromium, Chrome or Edge, and none was found (looked for {})", .tried.join(", "))]
    NotFound { platform: Platform, tried: Vec<String> },
    /// `TEBIKI_PDF_TIMEOUT` is not a number of seconds.
    #[error("{TIMEOUT_ENV} is `{0}`, which is not a number of seconds")]
    BadTimeout(String),
}

impl FindError {
    /// How to fix it, in the platform's terms.
    pub fn hint(&self) -> String {
        let platform = match self {
            FindError::BadTimeout(_) => {
                return format!(
                    "set {TIMEOUT_ENV} to the seconds one handout may take to print, such as 600, or unset it for {} s",
                    DEFAULT_TIME_LIMIT.as_secs()
                );
            }
            FindError::NotFound { platform, .. } => *platform,
            FindError::BadEnv(_) => Platform::CURRENT,
        };
        let install = match platform {
            Platform::Windows => "Microsoft Edge comes with Windows: repair or reinstall it from Settings > Apps, or install Google Chrome",
            Platform::MacOs => "install Google Chrome or Microsoft Edge into /Applications (or `brew install --cask chromium`)",
            Platform::Unix => "install Chromium (Debian/Ubuntu: `apt-get install chromium`)",
        };
        format!("{install}, or set {ENV} to the path of a Chromium, Chrome or Edge binary")
    }
}

/// The browser to print with and how long one print may take.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Browser {
    /// The Chromium, Chrome or Edge binary.
    pub path: PathBuf,
    /// How long one print may take before the browser is killed.
    pub time_limit: Duration,
}

impl Browser {
    /// "Microsoft Edge (C:/Program Files (x86)/…/msedge.exe)": what the build says it prints with.
    pub fn describe(&self) -> String {
        let file = self.path.file_stem().map(|s| s.to_string_lossy().to_lowercase()).unwrap_or_default();
        let name = match file.as_str() {
            "msedge" | "microsoft edge" | "microsoft-edge" => "Microsoft Edge",
            "chrome" | "google chrome" | "google-chrome" => "Google Chrome",
            "chromium" | "chromium-browser" => "Chromium",
            _ => return shown(&self.path),
        };
        format!("{name} ({})", shown(&self.path))
    }
}

/// The browser to print with, from the process's environment
/// (`TEBIKI_CHROMIUM`, `PATH`, install folders, `TEBIKI_PDF_TIMEOUT`).
pub fn find_chromium() -> Result<Browser, FindError> {
    let time_limit = time_limit(std::env::var_os(TIMEOUT_ENV).as_deref())?;
    let var = |k: &str| std::env::var_os(k);
    let path = locate(&Probe { platform: Platform::CURRENT, var: &var, is_executable: &is_executable })?;
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

/// The browser named by `TEBIKI_CHROMIUM`, else the first of the platform's
/// names on `PATH`, else the first install path that holds one.
pub fn locate(probe: &Probe) -> Result<PathBuf, FindError> {
    let path = (probe.var)("PATH");
    if let Some(named) = (probe.var)(ENV).filter(|e| !e.is_empty()) {
        let p = PathBuf::from(&named);
        let found = if p.components().count() == 1 { search(probe, path.as_deref(), &named) } else { Some(p.clone()) };
        return found.filter(|f| (probe.is_executable)(f)).ok_or(FindError::BadEnv(p));
    }
    let names = path_names(probe.platform);
    if let Some(found) = names.iter().find_map(|n| search(probe, path.as_deref(), OsStr::new(n))) {
        return Ok(found);
    }
    let installed = install_paths(probe.platform, probe.var);
    if let Some(found) = installed.iter().find(|p| (probe.is_executable)(p)) {
        return Ok(found.clone());
    }
    let mut tried: Vec<String> = names.iter().map(|n| format!("{n} on PATH")).collect();
    tried.extend(installed.iter().map(|p| shown(p)));
    Err(FindError::NotFound { platform: probe.platform, tried })
}

/// The browser names looked for on `PATH`.
pub fn path_names(platform: Platform) -> &'static [&'static str] {
    match platform {
        Platform::Windows => &["msedge.exe", "chrome.exe", "chromium.exe"],
        Platform::MacOs | Platform::Unix => &CANDIDATES,
    }
}

/// Where the platform's installers put Edge, Chrome (and on macOS
/// Chromium), in the order they are tried. Folders named by unset
/// variables are left out.
pub fn install_paths(platform: Platform, var: &dyn Fn(&str) -> Option<OsString>) -> Vec<PathBuf> {
    let under = |base: PathBuf, parts: &[&str]| parts.iter().fold(base, |p, part| p.join(part));
    match platform {
        Platform::Windows => {
            let bases: Vec<PathBuf> =
                ["ProgramFiles", "ProgramFiles(x86)", "LocalAppData"].iter().filter_map(|v| var(v)).map(PathBuf::from).collect();
            let apps: [&[&str]; 2] =
                [&["Microsoft", "Edge", "Application", "msedge.exe"], &["Google", "Chrome", "Application", "chrome.exe"]];
            apps.iter().flat_map(|app| bases.iter().map(|b| under(b.clone(), app))).collect()
        }
        Platform::MacOs => {
            let mut roots = vec![PathBuf::from("/Applications")];
            roots.extend(var("HOME").filter(|h| !h.is_empty()).map(|h| PathBuf::from(h).join("Applications")));
            let apps: [&[&str]; 3] = [
                &["Google Chrome.app", "Contents", "MacOS", "Google Chrome"],
                &["Microsoft Edge.app", "Contents", "MacOS", "Microsoft Edge"],
                &["Chromium.app", "Contents", "MacOS", "Chromium"],
            ];
            roots.iter().flat_map(|r| apps.iter().map(|app| under(r.clone(), app))).collect()
        }
        Platform::Unix => Vec::new(),
    }
}

fn search(probe: &Probe, path: Option<&OsStr>, name: &OsStr) -> Option<PathBuf> {
    std::env::split_paths(path?).map(|dir| dir.join(name)).find(|p| (probe.is_executable)(p))
}

/// Whether `p` is a file this process may run.
pub fn is_executable(p: &Path) -> bool {
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

#[cfg(test)]
mod tests;
