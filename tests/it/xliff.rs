//! `tebiki xliff export` / `import` (issue 29): the files validate against
//! the OASIS XLIFF 2 core schema, an unedited round trip changes no byte
//! (on an awkward fixture and on the flagship), an edited target changes
//! its block and the stamp only, and a file whose source moved on is
//! refused with nothing written.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{SiteTest, copy_dir, tebiki, tree};

const SITE: &str = "xliff/awkward";

/// Exports the site into `<root>/../xlf` (outside the site) and returns that folder.
fn export(site: &SiteTest, args: &[&str]) -> PathBuf {
    let out = site.root().join(".xlf");
    let mut all = vec!["xliff", "export"];
    all.extend_from_slice(args);
    let out_s = out.to_string_lossy().to_string();
    all.push(&out_s);
    let run = site.run(&all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    out
}

fn import(site: &SiteTest, files: &[PathBuf]) -> crate::common::Run {
    let mut args: Vec<String> = vec!["xliff".into(), "import".into()];
    args.extend(files.iter().map(|f| f.to_string_lossy().to_string()));
    site.run(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

/// The site's content files with their bytes.
fn content(site: &SiteTest) -> std::collections::BTreeMap<String, Vec<u8>> {
    tree(&site.root().join("content"))
}

/// A file of the site, as text.
fn source(site: &SiteTest, path: &str) -> String {
    std::fs::read_to_string(site.root().join(path)).unwrap()
}

fn xlf_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

/// Validates files with `xmllint --schema`; skipped (saying so) without xmllint, except in CI.
fn assert_schema_valid(files: &[PathBuf]) {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/xliff/xliff_core_2.0.xsd");
    let out = match Command::new("xmllint").arg("--noout").arg("--schema").arg(&schema).args(files).output() {
        Ok(o) => o,
        Err(_) if std::env::var_os("CI").is_none() => {
            eprintln!("skipped: schema validation needs xmllint (Debian's libxml2-utils; .ci/run installs it)");
            return;
        }
        Err(e) => panic!("xmllint: {e}"),
    };
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn export_validates_against_the_xliff_2_core_schema() {
    let site = SiteTest::new(SITE);
    let files = xlf_files(&export(&site, &[]));
    let names: Vec<String> = files.iter().map(|f| f.file_name().unwrap().to_string_lossy().to_string()).collect();
    assert_eq!(names, ["_index.en.xlf", "missing.en.xlf", "plain.en.xlf", "rich.en.xlf", "stale.en.xlf"]);
    assert_schema_valid(&files);
}

#[test]
fn export_protects_markup_references_and_terms_and_leaves_code_out() {
    let site = SiteTest::new(SITE);
    let rich = std::fs::read_to_string(export(&site, &[]).join("rich.en.xlf")).unwrap();
    assert!(rich.contains("<data id=\"d2\">[[plain|</data>"), "{rich}");
    assert!(rich.contains("<mrk id=\"m2\" type=\"term\" value=\"personalized medicine\">個別化医療</mrk>"), "{rich}");
    assert!(rich.contains("個別化医療 → personalized medicine [glossary: personalized-medicine]"), "{rich}");
    assert!(rich.contains("<note category=\"location\">content/programs/rich.ja.md:9</note>"), "{rich}");
    assert!(!rich.contains("コードは翻訳しない"), "a code block is no unit");
    for name in ["th", "td", "li li", "blockquote p", "footnote p"] {
        assert!(rich.contains(&format!("name=\"{name}\"")), "no {name} unit");
    }
    let plain = std::fs::read_to_string(site.root().join(".xlf/plain.en.xlf")).unwrap();
    assert!(plain.contains("state=\"final\""));
    let missing = std::fs::read_to_string(site.root().join(".xlf/missing.en.xlf")).unwrap();
    assert!(missing.contains("state=\"initial\"") && !missing.contains("<target"));
}

#[test]
fn export_is_the_same_bytes_every_time() {
    let site = SiteTest::new(SITE);
    let first = tree(&export(&site, &[]));
    std::fs::remove_dir_all(site.root().join(".xlf")).unwrap();
    assert_eq!(tree(&export(&site, &[])), first);
}

#[test]
fn stale_only_exports_pages_whose_translation_is_not_complete() {
    let site = SiteTest::new(SITE);
    let files = xlf_files(&export(&site, &["--stale-only", "--lang", "en"]));
    let names: Vec<String> = files.iter().map(|f| f.file_name().unwrap().to_string_lossy().to_string()).collect();
    assert_eq!(names, ["_index.en.xlf", "missing.en.xlf", "stale.en.xlf"]);
}

#[test]
fn import_of_an_unedited_export_changes_no_byte() {
    let site = SiteTest::new(SITE);
    let before = content(&site);
    let run = import(&site, &xlf_files(&export(&site, &[])));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(content(&site), before);
    assert!(run.stderr.contains("0 translations updated, 0 created, 5 unchanged"), "{}", run.stderr);
}

/// The lines of `new` that differ from `old` (same count of lines).
fn changed_lines(old: &str, new: &str) -> Vec<(String, String)> {
    assert_eq!(old.lines().count(), new.lines().count(), "{new}");
    old.lines().zip(new.lines()).filter(|(a, b)| a != b).map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[test]
fn editing_one_target_changes_only_that_block_and_the_stamp() {
    let site = SiteTest::new(SITE);
    let out = export(&site, &[]);
    let xlf = out.join("stale.en.xlf");
    let text = std::fs::read_to_string(&xlf).unwrap();
    std::fs::write(&xlf, text.replace(">The paragraph before the change.</target>", ">The changed paragraph.</target>")).unwrap();
    let old = source(&site, "content/programs/stale.en.md");
    let before = content(&site);
    let run = import(&site, &[xlf]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let new = source(&site, "content/programs/stale.en.md");
    let changed = changed_lines(&old, &new);
    assert_eq!(changed.len(), 2, "{changed:?}");
    assert_eq!(changed[1], ("The paragraph before the change.".into(), "The changed paragraph.".into()));
    assert!(changed[0].0.starts_with("source_hash: ") && changed[0].1.starts_with("source_hash: "));
    let mut after = content(&site);
    after.remove("programs/stale.en.md");
    let mut before = before;
    before.remove("programs/stale.en.md");
    assert_eq!(after, before, "no other file changes");
    let check = site.run(&["check"]);
    assert!(!check.stderr.contains("stale"), "{}", check.stderr);
}

#[test]
fn an_edit_keeps_bom_crlf_comments_and_the_other_blocks() {
    let site = SiteTest::new(SITE);
    let out = export(&site, &[]);
    for (file, from, to) in [
        ("plain.en.xlf", ">A plain paragraph.</target>", ">An edited paragraph.</target>"),
        ("rich.en.xlf", ">Item one</target>", ">The first item</target>"),
        ("rich.en.xlf", ">A rich body</target>", ">A richer body</target>"),
    ] {
        let text = std::fs::read_to_string(out.join(file)).unwrap();
        assert!(text.contains(from), "{from}");
        std::fs::write(out.join(file), text.replace(from, to)).unwrap();
    }
    let plain_old = std::fs::read(site.root().join("content/programs/plain.en.md")).unwrap();
    let rich_old = source(&site, "content/programs/rich.en.md");
    let run = import(&site, &[out.join("plain.en.xlf"), out.join("rich.en.xlf")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let plain = std::fs::read(site.root().join("content/programs/plain.en.md")).unwrap();
    let expected = String::from_utf8(plain_old).unwrap().replace("A plain paragraph.", "An edited paragraph.");
    assert_eq!(String::from_utf8(plain).unwrap(), expected, "BOM and CRLF kept, the stamp already current");
    let rich = source(&site, "content/programs/rich.en.md");
    assert_eq!(
        changed_lines(&rich_old, &rich),
        [
            ("  title: A rich body   # after the value".to_string(), "  title: \"A richer body\"   # after the value".to_string()),
            ("- Item one".to_string(), "- The first item".to_string()),
        ]
    );
}

#[test]
fn import_creates_a_missing_translation_with_its_front_matter_and_stamp() {
    let site = SiteTest::new(SITE);
    let xlf = export(&site, &[]).join("missing.en.xlf");
    let text = std::fs::read_to_string(&xlf).unwrap();
    let translated = text
        .replace("state=\"initial\"", "state=\"translated\"")
        .replace(">訳のないページ</source>", ">訳のないページ</source><target>A page no longer missing</target>")
        .replace(">見出し</source>", ">見出し</source><target>A heading</target>")
        .replace(">訳のない段落。</source>", ">訳のない段落。</source><target>A paragraph.</target>");
    std::fs::write(&xlf, translated).unwrap();
    let run = import(&site, &[xlf]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let new = source(&site, "content/programs/missing.en.md");
    assert!(new.starts_with("---\ntitle: \"A page no longer missing\"\nsource_hash: "), "{new}");
    assert!(new.ends_with("---\n\n## A heading\n\nA paragraph.\n"), "{new}");
    let check = site.run(&["check", "--strict"]);
    assert!(!check.stderr.contains("missing.en.md"), "{}", check.stderr);
}

#[test]
fn import_refuses_a_file_whose_source_changed_naming_the_unit_and_writes_nothing() {
    let site = SiteTest::new(SITE);
    let out = export(&site, &[]);
    let rich = source(&site, "content/programs/rich.ja.md");
    site.write("content/programs/rich.ja.md", &rich.replace("二行目の文。", "書き換えた二行目。"));
    let plain = std::fs::read_to_string(out.join("plain.en.xlf")).unwrap();
    std::fs::write(out.join("plain.en.xlf"), plain.replace(">A plain paragraph.</target>", ">Edited.</target>")).unwrap();
    let before = content(&site);
    let run = import(&site, &[out.join("plain.en.xlf"), out.join("rich.en.xlf")]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("the source of unit `b2` is no longer the text of content/programs/rich.ja.md"), "{}", run.stderr);
    assert!(run.stderr.contains("rich.en.xlf:"), "the XLIFF file's line is named: {}", run.stderr);
    assert!(run.stderr.contains("Nothing was imported."), "{}", run.stderr);
    assert_eq!(content(&site), before, "nothing written, not even the other file");
}

#[test]
fn a_translation_whose_blocks_do_not_pair_gets_no_body_targets_and_a_full_body_rebuilds_it() {
    let site = SiteTest::new(SITE);
    let path = site.root().join("content/programs/plain.en.md");
    let text = String::from_utf8(std::fs::read(&path).unwrap()).unwrap();
    std::fs::write(&path, text.replace("A plain paragraph.\r\n", "A plain paragraph.\r\n\r\n## An extra heading\r\n")).unwrap();
    let xlf = export(&site, &[]).join("plain.en.xlf");
    let exported = std::fs::read_to_string(&xlf).unwrap();
    assert!(exported.contains(">A plain page</target>") && !exported.contains(">A plain paragraph.</target>"), "{exported}");
    assert_eq!(import(&site, std::slice::from_ref(&xlf)).code, 0);
    std::fs::write(
        &xlf,
        exported
            .replace("state=\"initial\"", "state=\"translated\"")
            .replace(">普通の段落。</source>", ">普通の段落。</source><target>Rebuilt.</target>"),
    )
    .unwrap();
    let run = import(&site, &[xlf]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let new = String::from_utf8(std::fs::read(&path).unwrap()).unwrap();
    assert!(new.starts_with("\u{feff}---\r\ntitle: A plain page\r\n"), "{new:?}");
    assert!(new.ends_with("---\r\n\r\nRebuilt.\r\n"), "{new:?}");
}

#[test]
fn import_refuses_a_read_only_translation_before_writing_any_file() {
    let site = SiteTest::new(SITE);
    let out = export(&site, &[]);
    for (file, from, to) in
        [("plain.en.xlf", ">A plain paragraph.</target>", ">Edited.</target>"), ("rich.en.xlf", ">Item one</target>", ">First</target>")]
    {
        let text = std::fs::read_to_string(out.join(file)).unwrap();
        std::fs::write(out.join(file), text.replace(from, to)).unwrap();
    }
    let rich = site.root().join("content/programs/rich.en.md");
    let mut perms = std::fs::metadata(&rich).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&rich, perms).unwrap();
    let before = content(&site);
    let run = import(&site, &[out.join("plain.en.xlf"), out.join("rich.en.xlf")]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("read-only"), "{}", run.stderr);
    assert_eq!(content(&site), before, "the writable file was not written either");
}

#[test]
fn import_refuses_a_code_the_file_does_not_define() {
    let site = SiteTest::new(SITE);
    let xlf = export(&site, &[]).join("rich.en.xlf");
    let text = std::fs::read_to_string(&xlf).unwrap();
    std::fs::write(&xlf, text.replace(">Item one</target>", ">Item <ph id=\"x\" dataRef=\"nope\"/>one</target>")).unwrap();
    let run = import(&site, &[xlf]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("an inline code the file does not define"), "{}", run.stderr);
}

#[test]
fn xliff_help_lists_export_and_import_and_a_bad_language_is_a_usage_error() {
    let help = tebiki().args(["xliff", "--help"]).output().unwrap();
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(help.status.success() && text.contains("export") && text.contains("import"), "{text}");
    let site = SiteTest::new(SITE);
    assert_eq!(site.run(&["xliff", "export", "--lang", "fr", "out"]).code, 2);
    assert_eq!(site.run(&["xliff", "import"]).code, 2);
    let inside = site.root().join("content/xlf");
    let run = site.run(&["xliff", "export", inside.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("inside the site's content folder") && !inside.exists(), "{}", run.stderr);
}

#[test]
fn import_refuses_a_target_that_would_make_new_blocks() {
    let site = SiteTest::new(SITE);
    let xlf = export(&site, &[]).join("rich.en.xlf");
    let text = std::fs::read_to_string(&xlf).unwrap();
    std::fs::write(&xlf, text.replace(">A sentence with a note", ">A new paragraph.\n\nA sentence with a note")).unwrap();
    let before = content(&site);
    let run = import(&site, &[xlf]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("would change the blocks of content/programs/rich.en.md"), "{}", run.stderr);
    assert_eq!(content(&site), before);
}

#[test]
fn flagship_round_trip_of_every_page_changes_no_byte_and_validates() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo.join("content"), &dir.path().join("content"));
    std::fs::copy(repo.join("site.yaml"), dir.path().join("site.yaml")).unwrap();
    // The report site.yaml's `accessibility:` names.
    std::fs::copy(repo.join("accessibility.json"), dir.path().join("accessibility.json")).unwrap();
    let before = tree(&dir.path().join("content"));
    let out = dir.path().join(".xlf");
    let run = tebiki().arg("--root").arg(dir.path()).args(["xliff", "export"]).arg(&out).output().unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let files = xlf_files(&out);
    let sources = before.keys().filter(|k| k.ends_with(".ja.md")).count();
    assert_eq!(files.len(), sources, "one file per page and the home texts");
    assert_schema_valid(&files);
    let run = tebiki().arg("--root").arg(dir.path()).args(["xliff", "import"]).args(&files).output().unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert_eq!(tree(&dir.path().join("content")), before);
}
