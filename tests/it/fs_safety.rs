//! Nothing outside the site is read, the output never damages the sources,
//! and one build writes an output at a time (SPEC §11, §14).

#![cfg(unix)]

use std::collections::BTreeMap;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::common::{SiteTest, tebiki, tree};

/// Bytes that appear nowhere but in the files outside the site.
const SECRET: &str = "OUTSIDE-SECRET-7f3a9c";
/// A value only the environment of the build holds (`/proc/self/environ`).
const ENV_SECRET: &str = "ENVIRON-SECRET-51c0de";

/// A site in `site/` of a temporary folder, with `outside/` beside it
/// holding a secret file and a folder of valid pages.
struct Outside {
    t: SiteTest,
    outside: tempfile::TempDir,
}

fn site_with_outside() -> Outside {
    let t = SiteTest::new("core/minimal");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), SECRET).unwrap();
    std::fs::create_dir(outside.path().join("pages")).unwrap();
    let page = format!("---\nid: from-outside\ntitle: {SECRET}\n---\n\n{SECRET} body\n");
    std::fs::write(outside.path().join("pages/from-outside.ja.md"), page).unwrap();
    std::fs::write(outside.path().join("pages/image.png"), SECRET).unwrap();
    Outside { t, outside }
}

impl Outside {
    fn link(&self, target: &Path, at: &str) {
        symlink(target, self.t.root().join(at)).unwrap();
    }

    /// Runs tebiki in the site; a run that walks the whole file system is stopped and fails.
    fn run(&self, args: &[&str]) -> crate::common::Run {
        let logs = tempfile::tempdir().unwrap();
        let (out, err) = (logs.path().join("out"), logs.path().join("err"));
        let mut child = tebiki()
            .current_dir(self.t.root())
            .args(args)
            .env("TEBIKI_TEST_SECRET", ENV_SECRET)
            .stdout(std::fs::File::create(&out).unwrap())
            .stderr(std::fs::File::create(&err).unwrap())
            .spawn()
            .unwrap();
        let end = Instant::now() + Duration::from_secs(120);
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if Instant::now() > end {
                let _ = child.kill();
                let _ = child.wait();
                panic!("tebiki {args:?} ran for two minutes (walking the whole file system?)");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let read = |p: &Path| std::fs::read_to_string(p).unwrap();
        crate::common::Run { code: status.code().unwrap_or(-1), stdout: read(&out), stderr: read(&err) }
    }
}

/// Every regular file under `dir` (links not followed) that holds one of the secrets.
fn files_with_secrets(dir: &Path) -> Vec<String> {
    let passwd_line = std::fs::read_to_string("/etc/passwd").ok().and_then(|p| p.lines().next().map(str::to_string));
    let mut needles = vec![SECRET.to_string(), ENV_SECRET.to_string()];
    needles.extend(passwd_line.filter(|l| l.len() > 8));
    let mut found = Vec::new();
    for e in walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
        let bytes = String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).into_owned();
        if needles.iter().any(|n| bytes.contains(n.as_str())) {
            found.push(e.path().display().to_string());
        }
    }
    found
}

/// The names of staging, old-output and lock files beside the output.
fn leftovers(root: &Path) -> Vec<String> {
    std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("tebiki-"))
        .collect()
}

#[test]
fn a_symlink_to_a_file_outside_the_root_is_an_error_and_not_copied() {
    let s = site_with_outside();
    s.link(&s.outside.path().join("secret.txt"), "content/programs/leak.txt");
    let build = s.run(&["build"]);
    assert_eq!(build.code, 1, "{}", build.stderr);
    assert!(build.stderr.contains("content/programs/leak.txt"), "{}", build.stderr);
    assert!(build.stderr.contains(&s.outside.path().join("secret.txt").display().to_string()), "{}", build.stderr);
    assert!(build.stderr.contains("leads outside the site root"), "{}", build.stderr);
    assert!(!s.t.root().join("public").exists());
    assert_eq!(files_with_secrets(s.t.root()), Vec::<String>::new());
    assert_eq!(leftovers(s.t.root()), Vec::<String>::new());
}

#[test]
fn links_to_system_files_a_folder_outside_and_the_file_system_root_are_errors_naming_each() {
    let s = site_with_outside();
    s.t.build();
    let before = s.t.tree();
    s.link(Path::new("/etc/passwd"), "content/programs/passwd.txt");
    s.link(Path::new("/proc/self/environ"), "content/programs/environ.txt");
    s.link(&s.outside.path().join("pages"), "content/programs/more");
    s.link(Path::new("/"), "content/everything");
    let build = s.run(&["build"]);
    assert_eq!(build.code, 1, "{}", build.stderr);
    for (link, target) in [
        ("content/programs/passwd.txt", "/etc/passwd"),
        ("content/programs/environ.txt", "/proc/self/environ"),
        ("content/programs/more", s.outside.path().join("pages").to_str().unwrap()),
        ("content/everything", "`/`"),
    ] {
        let line = build.stderr.lines().position(|l| l.contains(link)).unwrap_or_else(|| panic!("{link} not named:\n{}", build.stderr));
        let said = build.stderr.lines().skip(line.saturating_sub(2)).take(4).collect::<Vec<_>>().join("\n");
        assert!(said.contains(target), "{link} → {target} not named:\n{said}");
    }
    assert!(build.stderr.contains("4 errors"), "{}", build.stderr);
    assert_eq!(before, s.t.tree(), "the previous output changed");
    assert_eq!(files_with_secrets(s.t.root()), Vec::<String>::new());
    assert_eq!(leftovers(s.t.root()), Vec::<String>::new());

    let check = s.run(&["check", "--format", "json"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    let diags: Vec<serde_json::Value> = serde_json::from_str(&check.stdout).unwrap();
    let mut files: Vec<&str> = diags.iter().filter(|d| d["severity"] == "error").map(|d| d["file"].as_str().unwrap()).collect();
    files.sort();
    assert_eq!(files, ["content/everything", "content/programs/environ.txt", "content/programs/more", "content/programs/passwd.txt"]);
    assert!(!check.stdout.contains(SECRET) && !check.stdout.contains(ENV_SECRET));
}

#[test]
fn a_link_out_as_the_only_problem_fails_and_nothing_of_it_is_loaded() {
    let s = site_with_outside();
    s.link(&s.outside.path().join("pages"), "content/programs/more");
    let root = s.t.root();
    let config = tebiki::config::load_config(root).unwrap();
    let (site, diags) = tebiki::load::load_site(config, tebiki::load::LoadOptions::default());
    let diags = diags.sorted();
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].file.as_deref(), Some(Path::new("content/programs/more")));
    assert!(site.pages().iter().all(|p| p.id != "from-outside"));
    assert!(site.assets.iter().all(|a| !a.path.starts_with("programs/more")), "{:?}", site.assets);
    assert!(tebiki::render::assets(&site).iter().all(|f| !String::from_utf8_lossy(&f.bytes).contains(SECRET)));
    let cache = tebiki::pipeline::Fresh::new();
    match tebiki::pipeline::compile(root, &Default::default(), &cache, &tebiki::plan::Collect::default()) {
        Err(f) => assert_eq!(f.diagnostics.counts().0, 1, "{:?}", f.diagnostics.sorted()),
        Ok(_) => panic!("a link out of the site compiled"),
    }
    let build = s.run(&["build"]);
    assert_eq!(build.code, 1, "{}", build.stderr);
    assert!(build.stderr.contains("1 error"), "{}", build.stderr);
    assert_eq!(files_with_secrets(root), Vec::<String>::new());
}

#[test]
fn links_that_stay_inside_the_root_are_followed() {
    let t = SiteTest::new("core/minimal");
    t.write("shared/note.txt", "inside the site");
    t.write("shared/pages/extra.ja.md", "---\nid: extra\ntitle: Extra\n---\n\nExtra body\n");
    symlink("../../shared/note.txt", t.root().join("content/programs/note.txt")).unwrap();
    symlink("../../shared/pages", t.root().join("content/programs/shared")).unwrap();
    t.build();
    assert_eq!(t.read("assets/programs/note.txt"), "inside the site");
    assert!(t.read("ja/programs/extra/index.html").contains("Extra body"));
}

#[test]
fn a_site_file_or_theme_that_is_a_link_out_is_not_read() {
    let s = site_with_outside();
    let root = s.t.root();
    std::fs::create_dir_all(root.join("themes")).unwrap();
    std::fs::create_dir_all(s.outside.path().join("theme/templates")).unwrap();
    std::fs::write(s.outside.path().join("theme/templates/page.html"), SECRET).unwrap();
    s.link(&s.outside.path().join("theme"), "themes/default");
    s.link(&s.outside.path().join("pages"), "static");
    std::fs::remove_file(root.join("content/glossary.yaml")).unwrap();
    s.link(&s.outside.path().join("secret.txt"), "content/glossary.yaml");
    let check = s.run(&["check", "--format", "json"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    let diags: Vec<serde_json::Value> = serde_json::from_str(&check.stdout).unwrap();
    let mut files: Vec<&str> = diags.iter().filter(|d| d["severity"] == "error").map(|d| d["file"].as_str().unwrap_or("")).collect();
    files.sort();
    assert_eq!(files, ["content/glossary.yaml", "static", "themes/default"], "{}", check.stdout);
    assert!(!check.stdout.contains(SECRET));

    // site.yaml itself.
    std::fs::rename(root.join("site.yaml"), s.outside.path().join("site.yaml")).unwrap();
    s.link(&s.outside.path().join("site.yaml"), "site.yaml");
    let build = s.run(&["build"]);
    assert_eq!(build.code, 1, "{}", build.stderr);
    assert!(build.stderr.contains("leads outside the site root"), "{}", build.stderr);
}

/// A fixture site with its sources laid out for an alias test; returns its files before.
fn sources(t: &SiteTest) -> BTreeMap<String, Vec<u8>> {
    tree(t.root())
}

#[test]
fn an_output_that_is_content_through_a_link_is_refused_with_exit_2() {
    // content/ is a link to public/, where the sources really are.
    let t = SiteTest::new("core/minimal");
    let root = t.root();
    std::fs::rename(root.join("content"), root.join("public")).unwrap();
    symlink("public", root.join("content")).unwrap();
    let before = sources(&t);
    let r = t.run(&["build"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("`content`") && r.stderr.contains("would overwrite"), "{}", r.stderr);
    assert_eq!(before, sources(&t), "a source changed");
    assert_eq!(leftovers(root), Vec::<String>::new());
}

#[test]
fn an_output_inside_the_real_content_folder_is_refused_with_exit_2() {
    // content → real/content, and --out names the real folder.
    let t = SiteTest::new("core/minimal");
    let root = t.root();
    std::fs::create_dir(root.join("real")).unwrap();
    std::fs::rename(root.join("content"), root.join("real/content")).unwrap();
    symlink("real/content", root.join("content")).unwrap();
    symlink(".", root.join("here")).unwrap();
    symlink("content", root.join("public")).unwrap();
    let before = sources(&t);
    for out in ["real/content", "real", "real/content/programs", "here/content", "here/real/../real/content", "public"] {
        let r = t.run(&["build", "--out", out]);
        assert_eq!(r.code, 2, "--out {out}: {}", r.stderr);
        assert!(r.stderr.contains("output folder"), "{}", r.stderr);
        assert_eq!(before, sources(&t), "--out {out} changed a source");
    }
    assert_eq!(leftovers(root), Vec::<String>::new());
}

/// Holds the lock of `public` as a running build would, with its staging folder.
struct FakeBuild {
    _lock: std::fs::File,
    staging: PathBuf,
}

fn fake_build(root: &Path) -> FakeBuild {
    let lock = std::fs::File::create(root.join(".public.tebiki-lock")).unwrap();
    lock.try_lock().unwrap();
    std::fs::write(root.join(".public.tebiki-lock"), format!("{}\n{}\n", std::process::id(), jiff::Timestamp::now().as_second())).unwrap();
    let staging = root.join(".public.tebiki-staging-4242");
    std::fs::create_dir(&staging).unwrap();
    std::fs::write(staging.join("index.html"), "being written").unwrap();
    FakeBuild { _lock: lock, staging }
}

#[test]
fn a_build_is_refused_while_another_holds_the_output_and_touches_nothing() {
    let t = SiteTest::new("core/minimal");
    t.build();
    let before = t.tree();
    let other = fake_build(t.root());
    let r = t.run(&["build"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("another tebiki build is writing"), "{}", r.stderr);
    assert!(r.stderr.contains(&format!("process {}", std::process::id())), "{}", r.stderr);
    assert!(r.stderr.contains("help: wait for that build to finish"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(other.staging.join("index.html")).unwrap(), "being written");
    assert_eq!(before, t.tree());
    drop(other);
}

#[test]
fn a_lock_left_by_a_killed_build_is_taken_over() {
    let t = SiteTest::new("core/minimal");
    let root = t.root();
    // A killed build leaves its lock file (not the lock) and its staging folder.
    std::fs::write(root.join(".public.tebiki-lock"), "999999999\n0\n").unwrap();
    std::fs::create_dir(root.join(".public.tebiki-staging-999999999")).unwrap();
    t.build();
    assert_eq!(leftovers(root), Vec::<String>::new());
    assert!(t.read("ja/programs/b-cure/index.html").contains("<html"));
}

/// A `tebiki build` of `root` into `public`, its messages in a file.
struct Running {
    child: Child,
    stderr: PathBuf,
}

fn start_build(root: &Path, log: &Path) -> Running {
    let file = std::fs::File::create(log).unwrap();
    let child = tebiki().arg("--root").arg(root).arg("build").stdout(Stdio::null()).stderr(file).spawn().unwrap();
    Running { child, stderr: log.to_path_buf() }
}

/// Runs two builds of `root` that overlap (the second starts `offset` after
/// the first) and checks, the moment each ends, that it either built the
/// whole site or was refused with the lock message. Returns how many were refused.
fn overlapping_builds(root: &Path, expected: &BTreeMap<String, Vec<u8>>, offset: Duration) -> usize {
    let logs = tempfile::tempdir().unwrap();
    let mut running = vec![start_build(root, &logs.path().join("1"))];
    std::thread::sleep(offset);
    running.push(start_build(root, &logs.path().join("2")));
    let mut refused = 0;
    let end = Instant::now() + Duration::from_secs(600);
    while !running.is_empty() {
        assert!(Instant::now() < end, "the builds did not end");
        let mut i = 0;
        while i < running.len() {
            let Some(status) = running[i].child.try_wait().unwrap() else {
                i += 1;
                continue;
            };
            // At once, before the other build can swap its output in.
            let now = tree(&root.join("public"));
            let r = running.remove(i);
            let stderr = std::fs::read_to_string(&r.stderr).unwrap();
            match status.code() {
                Some(0) => assert!(&now == expected, "a build exited 0 with {} of {} files in the output", now.len(), expected.len()),
                Some(1) if stderr.contains("another tebiki build is writing") => refused += 1,
                code => panic!("exit {code:?}: {stderr}"),
            }
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    assert_eq!(&tree(&root.join("public")), expected, "the output is not the whole site");
    assert_eq!(leftovers(root), Vec::<String>::new());
    refused
}

/// How long one build of `root` takes.
fn time_build(root: &Path) -> Duration {
    let t = Instant::now();
    assert!(tebiki().arg("--root").arg(root).arg("build").stderr(Stdio::null()).status().unwrap().success());
    t.elapsed()
}

/// A site of `pairs` program pages in two languages.
fn many_pages(pairs: usize) -> SiteTest {
    let t = SiteTest::new("core/minimal");
    for i in 0..pairs {
        let body = "本文の段落です。".repeat(40);
        t.write(&format!("content/programs/p{i}.ja.md"), &format!("---\nid: p{i}\ntitle: 事業{i}\n---\n\n{body}\n"));
        t.write(&format!("content/programs/p{i}.en.md"), &format!("---\ntitle: Program {i}\n---\n\nBody of program {i}.\n"));
    }
    t
}

#[test]
fn two_overlapping_builds_never_leave_a_partial_tree() {
    let t = many_pages(150);
    let one = time_build(t.root());
    let expected = t.tree();
    // The second build starts while the first writes its files.
    for fraction in [0.3, 0.5, 0.7] {
        overlapping_builds(t.root(), &expected, one.mul_f64(fraction));
    }
}

/// Twenty runs of two overlapping builds of a 3,000-page site (1,500 pairs of
/// the benchmark corpus). Slow: `cargo test --release --test it -- --ignored
/// overlapping_builds_of_3000_pages --nocapture`.
#[test]
#[ignore]
fn overlapping_builds_of_3000_pages_either_complete_or_refuse() {
    let dir = tempfile::tempdir().unwrap();
    crate::bench_corpus::corpus::write(dir.path(), 1500).unwrap();
    time_build(dir.path());
    let expected = tree(&dir.path().join("public"));
    let one = time_build(dir.path());
    let (mut refused, started) = (0, Instant::now());
    for run in 0..20 {
        // From starting together to the second starting near the end of the first.
        refused += overlapping_builds(dir.path(), &expected, one.mul_f64(run as f64 / 20.0));
    }
    eprintln!(
        "20 runs of two overlapping builds ({} files, one build {:.2} s): {refused} refused with the lock message, {} completed \
         the whole site, none left a partial tree; {:.1} s",
        expected.len(),
        one.as_secs_f64(),
        40 - refused,
        started.elapsed().as_secs_f64()
    );
}
