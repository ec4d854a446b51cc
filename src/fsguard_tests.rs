use std::os::unix::fs::symlink;

use super::*;

/// A site root inside a temporary folder, with a sibling folder outside it.
struct Layout {
    _dir: tempfile::TempDir,
    root: PathBuf,
    outside: PathBuf,
}

fn layout() -> Layout {
    let dir = tempfile::tempdir().unwrap();
    let (root, outside) = (dir.path().join("site"), dir.path().join("outside"));
    std::fs::create_dir_all(root.join("content/programs")).unwrap();
    std::fs::create_dir_all(outside.join("pages")).unwrap();
    std::fs::write(outside.join("secret.txt"), "SECRET").unwrap();
    std::fs::write(outside.join("pages/p.ja.md"), "---\nid: p\ntitle: P\n---\n").unwrap();
    std::fs::write(root.join("content/programs/a.ja.md"), "a").unwrap();
    Layout { _dir: dir, root, outside }
}

fn walk(l: &Layout) -> Walk {
    let mut w = SiteFs::new(&l.root).unwrap().walk(Path::new("content"), &|n| n.starts_with('.'));
    w.files.sort_by(|a, b| a.rel.cmp(&b.rel));
    w.problems.sort_by(|a, b| a.file.cmp(&b.file));
    w
}

fn rels(w: &Walk) -> Vec<String> {
    w.files.iter().map(|f| f.rel.display().to_string()).collect()
}

fn problems(w: &Walk) -> Vec<(String, String)> {
    w.problems.iter().map(|d| (d.file.as_ref().unwrap().display().to_string(), d.message.clone())).collect()
}

#[test]
fn a_link_to_a_file_outside_the_root_is_denied_and_named() {
    let l = layout();
    symlink(l.outside.join("secret.txt"), l.root.join("content/programs/leak.txt")).unwrap();
    let w = walk(&l);
    assert_eq!(rels(&w), ["content/programs/a.ja.md"]);
    let p = problems(&w);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].0, "content/programs/leak.txt");
    assert!(p[0].1.contains(&l.outside.join("secret.txt").display().to_string()), "{}", p[0].1);
}

#[test]
fn a_relative_link_out_names_its_target_as_written_and_its_real_path() {
    let l = layout();
    symlink("../../../outside/pages", l.root.join("content/programs/more")).unwrap();
    let w = walk(&l);
    assert_eq!(rels(&w), ["content/programs/a.ja.md"]);
    let msg = &problems(&w)[0].1;
    assert!(msg.contains("`../../../outside/pages`"), "{msg}");
    assert!(msg.contains(&l.outside.join("pages").canonicalize().unwrap().display().to_string()), "{msg}");
}

#[test]
fn a_link_to_the_file_system_root_is_not_walked() {
    let l = layout();
    symlink("/", l.root.join("content/everything")).unwrap();
    let w = walk(&l);
    assert_eq!(rels(&w), ["content/programs/a.ja.md"]);
    assert_eq!(problems(&w).len(), 1);
    assert!(w.reached.iter().all(|r| r.starts_with(l.root.canonicalize().unwrap())));
}

#[test]
fn links_that_stay_inside_the_root_are_followed() {
    let l = layout();
    std::fs::create_dir_all(l.root.join("shared")).unwrap();
    std::fs::write(l.root.join("shared/s.ja.md"), "s").unwrap();
    std::fs::write(l.root.join("note.txt"), "n").unwrap();
    symlink("../../shared", l.root.join("content/programs/shared")).unwrap();
    symlink(l.root.join("note.txt"), l.root.join("content/note.txt")).unwrap();
    let w = walk(&l);
    assert!(w.problems.is_empty(), "{:?}", w.problems);
    assert_eq!(rels(&w), ["content/note.txt", "content/programs/a.ja.md", "content/programs/shared/s.ja.md"]);
    // Read through the real path.
    assert_eq!(w.files[2].file.path(), l.root.canonicalize().unwrap().join("shared/s.ja.md"));
}

#[test]
fn a_loop_is_reported_once_and_not_followed() {
    let l = layout();
    symlink("..", l.root.join("content/programs/up")).unwrap();
    std::fs::create_dir_all(l.root.join("content/a")).unwrap();
    std::fs::create_dir_all(l.root.join("content/b")).unwrap();
    symlink("../b", l.root.join("content/a/to-b")).unwrap();
    symlink("../a", l.root.join("content/b/to-a")).unwrap();
    let w = walk(&l);
    assert_eq!(rels(&w), ["content/programs/a.ja.md"]);
    let p = problems(&w);
    // `up` once; of a ↔ b, each link once, where it lies (reached from the other side, it closes the loop).
    assert_eq!(
        p,
        [
            ("content/a/to-b".to_string(), "cannot read: symbolic link loop".to_string()),
            ("content/b/to-a".to_string(), "cannot read: symbolic link loop".to_string()),
            ("content/programs/up".to_string(), "cannot read: symbolic link loop".to_string()),
        ]
    );
}

#[test]
fn a_content_folder_that_is_a_link_out_is_denied_at_the_folder() {
    let l = layout();
    std::fs::remove_dir_all(l.root.join("content")).unwrap();
    symlink(l.outside.join("pages"), l.root.join("content")).unwrap();
    let w = walk(&l);
    assert!(w.files.is_empty());
    assert_eq!(problems(&w)[0].0, "content");
}

#[test]
fn resolve_denies_a_path_through_a_link_out_and_names_the_link() {
    let l = layout();
    std::fs::create_dir_all(l.root.join("themes")).unwrap();
    symlink(&l.outside, l.root.join("themes/default")).unwrap();
    symlink(l.outside.join("secret.txt"), l.root.join("site.yaml")).unwrap();
    let fs = SiteFs::new(&l.root).unwrap();
    match fs.resolve(Path::new("themes/default/pages")) {
        Err(Denied::Outside { link, .. }) => assert_eq!(link, Path::new("themes/default")),
        other => panic!("{other:?}"),
    }
    // Not there, but behind a link out: still denied.
    assert!(matches!(fs.resolve(Path::new("themes/default/i18n")), Err(Denied::Outside { .. })));
    assert!(matches!(fs.read(Path::new("site.yaml")), Err(Denied::Outside { .. })));
    assert!(matches!(fs.read(Path::new("glossary.yaml")), Ok(None)));
    assert_eq!(fs.read(Path::new("content/programs/a.ja.md")).unwrap().unwrap(), b"a");
    let e = fs.read(Path::new("site.yaml")).unwrap_err().into_io().to_string();
    assert!(e.starts_with("site.yaml: symbolic link to"), "{e}");
}

#[test]
fn a_dangling_link_is_reported() {
    let l = layout();
    symlink("nowhere", l.root.join("content/programs/gone.ja.md")).unwrap();
    let w = walk(&l);
    assert_eq!(problems(&w), [("content/programs/gone.ja.md".to_string(), "symbolic link to `nowhere`, which does not exist".to_string())]);
}
