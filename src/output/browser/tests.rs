//! The browser lookup on every platform, with a made-up environment.

use std::cell::RefCell;
use std::collections::BTreeMap;

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

/// The lookup on Linux with `TEBIKI_CHROMIUM` = `env` and `PATH` = `path`, on real files.
fn find_in(env: Option<&OsStr>, path: Option<&OsStr>) -> Result<PathBuf, FindError> {
    let var = |k: &str| match k {
        ENV => env.map(OsStr::to_os_string),
        "PATH" => path.map(OsStr::to_os_string),
        _ => None,
    };
    locate(&Probe { platform: Platform::Unix, var: &var, is_executable: &is_executable })
}

/// The lookup on `platform` with `vars`, where only `present` exist; also
/// every path it asked about, with `\` shown as `/`.
fn lookup(platform: Platform, vars: &[(&str, &str)], present: &[&str]) -> (Result<PathBuf, FindError>, Vec<String>) {
    let vars: BTreeMap<String, OsString> = vars.iter().map(|(k, v)| (k.to_string(), OsString::from(v))).collect();
    let asked = RefCell::new(Vec::new());
    let var = |k: &str| vars.get(k).cloned();
    let exists = |p: &Path| {
        let s = slashed(&p.to_string_lossy(), true);
        asked.borrow_mut().push(s.clone());
        present.contains(&s.as_str())
    };
    let found = locate(&Probe { platform, var: &var, is_executable: &exists });
    (found, asked.into_inner())
}

const WINDOWS: [(&str, &str); 3] = [
    ("ProgramFiles", r"C:\Program Files"),
    ("ProgramFiles(x86)", r"C:\Program Files (x86)"),
    ("LocalAppData", r"C:\Users\sato\AppData\Local"),
];

#[test]
fn windows_tries_edge_then_chrome_in_the_three_install_folders() {
    let (found, asked) = lookup(Platform::Windows, &WINDOWS, &[]);
    let e = found.unwrap_err();
    let expected = [
        "C:/Program Files/Microsoft/Edge/Application/msedge.exe",
        "C:/Program Files (x86)/Microsoft/Edge/Application/msedge.exe",
        "C:/Users/sato/AppData/Local/Microsoft/Edge/Application/msedge.exe",
        "C:/Program Files/Google/Chrome/Application/chrome.exe",
        "C:/Program Files (x86)/Google/Chrome/Application/chrome.exe",
        "C:/Users/sato/AppData/Local/Google/Chrome/Application/chrome.exe",
    ];
    assert_eq!(asked, expected);
    assert!(matches!(&e, FindError::NotFound { platform: Platform::Windows, .. }), "{e}");
    assert!(e.to_string().contains("msedge.exe on PATH"), "{e}");
    assert!(e.hint().contains("Microsoft Edge comes with Windows"), "{}", e.hint());
    assert!(!e.hint().contains("apt-get"));
    // Edge where Windows puts it is found; Chrome under the user's folder too.
    let edge = expected[1];
    assert_eq!(slashed(&lookup(Platform::Windows, &WINDOWS, &[edge]).0.unwrap().to_string_lossy(), true), edge);
    let chrome = expected[5];
    assert_eq!(slashed(&lookup(Platform::Windows, &WINDOWS, &[chrome]).0.unwrap().to_string_lossy(), true), chrome);
}

#[test]
fn windows_without_the_folder_variables_asks_only_path() {
    let (found, asked) = lookup(Platform::Windows, &[("PATH", "/opt/bin")], &["/opt/bin/chrome.exe"]);
    assert_eq!(asked, ["/opt/bin/msedge.exe", "/opt/bin/chrome.exe"]);
    assert_eq!(found.unwrap(), Path::new("/opt/bin/chrome.exe"));
}

#[test]
fn macos_tries_the_app_bundles_in_applications_then_the_users_own() {
    let (found, asked) = lookup(Platform::MacOs, &[("HOME", "/Users/sato")], &[]);
    assert_eq!(
        asked,
        [
            "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
            "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
            "/Applications/Chromium.app/Contents/MacOS/Chromium",
            "/Users/sato/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
            "/Users/sato/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
            "/Users/sato/Applications/Chromium.app/Contents/MacOS/Chromium",
        ]
    );
    let e = found.unwrap_err();
    assert!(e.hint().contains("/Applications"), "{}", e.hint());
    let edge = "/Users/sato/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge";
    assert_eq!(lookup(Platform::MacOs, &[("HOME", "/Users/sato")], &[edge]).0.unwrap(), Path::new(edge));
}

#[test]
fn path_comes_before_the_install_folders() {
    let present = ["/usr/local/bin/google-chrome", "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"];
    let (found, _) = lookup(Platform::MacOs, &[("PATH", "/usr/local/bin")], &present);
    assert_eq!(found.unwrap(), Path::new(present[0]));
}

#[test]
fn linux_asks_path_only_and_hints_at_apt() {
    let (found, asked) = lookup(Platform::Unix, &[("PATH", "/usr/bin"), ("HOME", "/home/sato")], &[]);
    assert_eq!(asked, ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]);
    assert!(found.unwrap_err().hint().contains("apt-get install chromium"));
}

#[test]
fn the_build_names_the_browser_it_prints_with_in_slashes() {
    let b = |p: &str| Browser { path: PathBuf::from(p), time_limit: DEFAULT_TIME_LIMIT }.describe();
    assert_eq!(b("/usr/bin/chromium"), "Chromium (/usr/bin/chromium)");
    assert_eq!(b("/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge").split(" (").next(), Some("Microsoft Edge"));
    assert_eq!(b("/opt/my-browser"), "/opt/my-browser");
    assert_eq!(
        slashed(r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe", true),
        "C:/Program Files (x86)/Microsoft/Edge/Application/msedge.exe"
    );
    assert_eq!(slashed(r"a\b", false), r"a\b");
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
    assert!(matches!(e, FindError::NotFound { .. }), "{e}");
    assert!(e.hint().contains("apt-get install chromium"));
    assert!(matches!(find_in(None, None), Err(FindError::NotFound { .. })));
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
