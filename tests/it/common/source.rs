//! The crate's own source, read by the tests that check its shape (the
//! module graph, where output paths are built): every module with its code,
//! comments and test code left out.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// `src/`.
pub fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every module of the crate (`render/markdown/terms`, `render` for
/// `render/mod.rs`, `lib` for the root) and its code ([`code_of`]). Files of
/// unit tests (`tests.rs`, `*_tests.rs`, `test_support.rs`) are left out.
pub fn modules() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(src()).into_iter().filter_map(Result::ok) {
        let p = e.path();
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if p.extension().is_none_or(|x| x != "rs") || name == "tests.rs" || name.ends_with("_tests.rs") || name == "test_support.rs" {
            continue;
        }
        let rel = p.strip_prefix(src()).unwrap().with_extension("");
        let mut module = rel.to_string_lossy().replace('\\', "/");
        if let Some(folder) = module.strip_suffix("/mod") {
            module = folder.to_string();
        }
        out.insert(module, code_of(&std::fs::read_to_string(p).unwrap()));
    }
    out
}

/// The source without comments and without `#[cfg(test)]` modules (which
/// come last in a file). Lines are kept, blank, so line numbers hold.
pub fn code_of(source: &str) -> String {
    let lines: Vec<&str> = source.lines().collect();
    let mut code = String::new();
    for (n, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        if t == "#[cfg(test)]" {
            let next = lines[n + 1..].iter().map(|l| l.trim_start()).find(|l| !l.starts_with("#["));
            if next.is_some_and(|l| l.trim_start_matches("pub ").trim_start_matches("pub(crate) ").starts_with("mod ")) {
                break;
            }
        }
        if !t.starts_with("//") {
            // A comment after code; `//` inside a string literal (a URL) is left alone.
            code.push_str(line.find(" // ").map_or(line, |i| &line[..i]));
        }
        code.push('\n');
    }
    code
}

/// The string literals of a line of code (`"…"`, escapes kept as written).
pub fn literals(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find('"') {
        // A char literal `'"'` is not the start of a string.
        if rest[..start].ends_with('\'') {
            rest = &rest[start + 1..];
            continue;
        }
        let body = &rest[start + 1..];
        let mut end = None;
        let mut escaped = false;
        for (i, c) in body.char_indices() {
            match c {
                '\\' if !escaped => escaped = true,
                '"' if !escaped => {
                    end = Some(i);
                    break;
                }
                _ => escaped = false,
            }
        }
        let Some(end) = end else { break };
        out.push(&body[..end]);
        rest = &body[end + 1..];
    }
    out
}
