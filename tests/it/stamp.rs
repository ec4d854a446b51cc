//! `tebiki stamp` on translations written in every valid way (SPEC §4):
//! it changes the `source_hash` and `source_blocks` values or adds a line
//! (or a flow-map entry) for each, and nothing else,
//! refuses what it cannot edit safely, and never writes a file it may not.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::SiteTest;

/// Every English file of the site, by name, with its bytes.
fn translations(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let dir = root.join("content/programs");
    let mut files = BTreeMap::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().to_string();
        if name.ends_with(".en.md") {
            files.insert(name.clone(), std::fs::read(dir.join(&name)).unwrap());
        }
    }
    files
}

/// The 16-digit hex word of `new` that `old` does not hold: the stamp written.
fn new_hash(old: &str, new: &str) -> String {
    let hex = |c: char| c.is_ascii_digit() || ('a'..='f').contains(&c);
    new.split(|c: char| !hex(c))
        .find(|w| w.len() == 16 && !old.contains(*w))
        .unwrap_or_else(|| panic!("no new hash in {new:?}"))
        .to_string()
}

/// `new` without its `source_blocks` (a line of its own, or an entry of a
/// flow map), and that value: what `stamp` writes beside `source_hash`.
fn without_blocks(new: &str) -> (String, String) {
    if let Some(at) = new.find(", source_blocks: ") {
        let end = new[at + 2..].find(['}', ',']).map_or(new.len(), |e| at + 2 + e);
        let value = new[at + ", source_blocks: ".len()..end].to_string();
        return (format!("{}{}", &new[..at], &new[end..]), value);
    }
    let start = new.find("source_blocks: ").unwrap_or_else(|| panic!("no source_blocks in {new:?}"));
    let line_start = new[..start].rfind('\n').map_or(0, |i| i + 1);
    let end = new[start..].find('\n').map_or(new.len(), |e| start + e + 1);
    let value = new[start + "source_blocks: ".len()..end].trim_end().to_string();
    (format!("{}{}", &new[..line_start], &new[end..]), value)
}

/// `old` with `line` inserted before its closing fence (the second `---` line).
fn before_closing_fence(old: &str, fence: &str, line: &str) -> String {
    let at = old[3..].find(fence).map(|i| i + 3).unwrap();
    format!("{}{line}{}", &old[..at], &old[at..])
}

#[test]
fn stamp_changes_only_the_hash_of_awkward_translations_byte_for_byte() {
    let t = SiteTest::new("tools/awkward");
    let before = translations(t.root());
    let r = t.run(&["stamp", "--all"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("Stamped 8 translations; 0 already up to date."), "{}", r.stderr);
    let after = translations(t.root());
    for (name, old) in &before {
        let (old, new) = (String::from_utf8(old.clone()).unwrap(), String::from_utf8(after[name].clone()).unwrap());
        let (new, blocks) = without_blocks(&new);
        assert!(blocks.trim_matches('"').split(' ').all(|h| h.len() == 8), "{name}: {blocks:?}");
        let h = new_hash(&old, &new);
        let expected = match name.as_str() {
            "comment.en.md" | "flow.en.md" | "quoted.en.md" | "bom.en.md" => old.replace("0000000000000000", &h),
            "indented.en.md" => before_closing_fence(&old, "---\n", &format!("  source_hash: {h}\n")),
            "plain.en.md" => before_closing_fence(&old, "---\n", &format!("source_hash: {h}\n")),
            "crlf.en.md" => before_closing_fence(&old, "---\r\n", &format!("source_hash: {h}\r\n")),
            "flow-new.en.md" => old.replace("summary: \"a, b\"}", &format!("summary: \"a, b\", source_hash: {h}}}")),
            other => panic!("unexpected file {other}"),
        };
        assert_eq!(new, expected, "{name}: every byte but the stamp and the block hashes is kept");
    }
    let check = t.run(&["check", "--strict"]);
    assert_eq!(check.code, 0, "every translation reads as complete:\n{}\n{}", check.stdout, check.stderr);

    let again = t.run(&["stamp", "--all"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stderr.contains("Stamped 0 translations; 8 already up to date."), "{}", again.stderr);
    assert_eq!(translations(t.root()), after, "stamping again changes nothing");
}

#[cfg(unix)]
#[test]
fn stamp_refuses_a_read_only_translation_and_writes_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let t = SiteTest::new("tools/awkward");
    let locked = t.root().join("content/programs/plain.en.md");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = translations(t.root());
    let r = t.run(&["stamp", "--all"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("content/programs/plain.en.md"), "{}", r.stderr);
    assert!(r.stderr.contains("the file is read-only; it was not stamped"), "{}", r.stderr);
    assert!(r.stderr.contains("Nothing was stamped."), "{}", r.stderr);
    assert_eq!(translations(t.root()), before, "no file was written, the read-only one least of all");
    assert_eq!(std::fs::metadata(&locked).unwrap().permissions().mode() & 0o777, 0o444);
}

#[cfg(unix)]
#[test]
fn stamp_keeps_a_translations_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let t = SiteTest::new("tools/awkward");
    let file = t.root().join("content/programs/plain.en.md");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    assert_eq!(t.run(&["stamp", "plain"]).code, 0);
    assert!(std::fs::read_to_string(&file).unwrap().contains("source_hash: "));
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o640);
    let leftovers: Vec<_> = std::fs::read_dir(file.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("tebiki-stamp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn stamp_refuses_a_hash_over_several_lines_with_its_line() {
    let t = SiteTest::new("tools/awkward");
    t.write("content/programs/quoted.en.md", "---\ntitle: Quoted\nsource_hash: >-\n  0000000000000000\n---\n\nQuoted body.\n");
    let before = translations(t.root());
    let r = t.run(&["stamp", "--all"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("error: `source_hash` is written over several lines"), "{}", r.stderr);
    assert!(r.stderr.contains("content/programs/quoted.en.md:4"), "{}", r.stderr);
    assert!(r.stderr.contains("write it on one line"), "{}", r.stderr);
    assert_eq!(translations(t.root()), before);
}
