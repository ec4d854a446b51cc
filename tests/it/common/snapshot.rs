//! Snapshots: a piece of output kept under `tests/snapshots/`, compared
//! byte for byte, and rewritten with `UPDATE_SNAPSHOTS=1` (the one variable
//! for every snapshot of the suite) so that a change shows as a diff to
//! review in the commit.

use std::path::{Path, PathBuf};

/// Whether this run rewrites snapshots instead of comparing them.
pub fn updating() -> bool {
    std::env::var("UPDATE_SNAPSHOTS").as_deref() == Ok("1")
}

/// The snapshot file `name` (a path under `tests/snapshots/`).
pub fn path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(name)
}

/// Compares `actual` with the snapshot at `file` (or writes it when
/// updating): `Err` says what differs and how to update.
pub fn compare(file: &Path, actual: &str) -> Result<(), String> {
    let name = file.display();
    if updating() {
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{name}: {e}"))?;
        }
        return std::fs::write(file, actual).map_err(|e| format!("{name}: {e}"));
    }
    match std::fs::read_to_string(file) {
        Ok(expected) if expected == actual => Ok(()),
        Ok(expected) => {
            Err(format!("{name} differs (UPDATE_SNAPSHOTS=1 rewrites it; review the diff):\n{}", first_difference(&expected, actual)))
        }
        Err(_) => Err(format!("{name} is missing (run with UPDATE_SNAPSHOTS=1 and review it)")),
    }
}

/// The first line that differs, as expected and actual.
fn first_difference(expected: &str, actual: &str) -> String {
    let mut e = expected.lines();
    let mut a = actual.lines();
    for n in 1.. {
        match (e.next(), a.next()) {
            (Some(x), Some(y)) if x == y => continue,
            (None, None) => break,
            (x, y) => return format!("line {n}:\n  expected: {}\n  actual:   {}", x.unwrap_or("(end)"), y.unwrap_or("(end)")),
        }
    }
    String::new()
}
