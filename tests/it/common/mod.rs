//! Test helper: a fixture site copied into a temporary folder, built with the
//! real binary, with helpers to read and compare its output.

#![allow(dead_code)]

pub mod html;
pub mod serve;
pub mod snapshot;
pub mod source;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A fixture site in a temporary folder.
pub struct SiteTest {
    pub dir: tempfile::TempDir,
}

/// What a command printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into(),
            stderr: String::from_utf8_lossy(&o.stderr).into(),
        }
    }
}

/// The folder of a fixture: `tests/fixtures/<name>`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// The built binary.
pub fn tebiki() -> Command {
    Command::new(env!("CARGO_BIN_EXE_tebiki"))
}

impl SiteTest {
    /// Copies fixture `name` into a fresh temporary folder.
    pub fn new(name: &str) -> SiteTest {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&fixture(name), dir.path());
        SiteTest { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Runs tebiki with `args` in the site root.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_env(args, &[])
    }

    /// Runs tebiki with extra environment variables.
    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut cmd = tebiki();
        cmd.current_dir(self.root()).args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        Run::from(cmd.output().expect("run tebiki"))
    }

    /// `tebiki build`, asserting success.
    pub fn build(&self) -> Run {
        let r = self.run(&["build"]);
        assert_eq!(r.code, 0, "build failed:\n{}", r.stderr);
        r
    }

    /// A file of the output, as text.
    pub fn read(&self, path: &str) -> String {
        let p = self.root().join("public").join(path);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
    }

    /// Writes a file of the site (creating folders).
    pub fn write(&self, path: &str, text: &str) {
        let p = self.root().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// Every file under `public/` with its bytes.
    pub fn tree(&self) -> BTreeMap<String, Vec<u8>> {
        tree(&self.root().join("public"))
    }
}

/// Every file under `dir` with its bytes, by relative path.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            out.insert(rel, std::fs::read(e.path()).unwrap());
        }
    }
    out
}

/// Copies the tree `from` into `to`, over what is there.
pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}
