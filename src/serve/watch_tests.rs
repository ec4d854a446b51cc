use std::path::{Path, PathBuf};

use notify::event::{AccessKind, AccessMode, CreateKind, DataChange, Flag, MetadataKind, ModifyKind, RemoveKind, RenameMode};
use notify::{Event, EventKind};

use super::{Change, classify};

const ROOT: &str = "/site";

fn ev(kind: EventKind, paths: &[&str]) -> Event {
    paths.iter().fold(Event::new(kind), |e, p| e.add_path(Path::new(ROOT).join(p)))
}

fn write(path: &str) -> Event {
    ev(EventKind::Modify(ModifyKind::Data(DataChange::Any)), &[path])
}

fn rename(from: &str, to: &str) -> Event {
    ev(EventKind::Modify(ModifyKind::Name(RenameMode::Both)), &[from, to])
}

fn run(events: &[Event]) -> Option<Change> {
    classify(Path::new(ROOT), "default", events)
}

/// Whether `events` change anything the build reads.
fn changes(events: &[Event]) -> bool {
    run(events).is_some()
}

fn paths(c: &Change) -> Vec<&str> {
    c.paths.iter().map(|p| p.to_str().unwrap()).collect()
}

#[test]
fn a_saved_page_is_a_content_change() {
    let c = run(&[write("content/programs/b-cure.ja.md")]).unwrap();
    assert_eq!(paths(&c), ["content/programs/b-cure.ja.md"]);
    assert!(!c.rewatch);
}

#[test]
fn reads_and_permission_changes_are_ignored() {
    let open = ev(EventKind::Access(AccessKind::Open(AccessMode::Any)), &["content/a.ja.md"]);
    let close = ev(EventKind::Access(AccessKind::Close(AccessMode::Write)), &["content/a.ja.md"]);
    let atime = ev(EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)), &["content/a.ja.md"]);
    let chmod = ev(EventKind::Modify(ModifyKind::Metadata(MetadataKind::Permissions)), &["content/a.ja.md"]);
    assert!(!changes(&[open, close, atime, chmod]));
}

#[test]
fn a_new_modification_time_is_a_change_as_polling_reports_writes() {
    let polled = ev(EventKind::Modify(ModifyKind::Metadata(MetadataKind::WriteTime)), &["content/a.ja.md"]);
    assert_eq!(paths(&run(&[polled]).unwrap()), ["content/a.ja.md"]);
}

#[test]
fn an_atomic_save_names_the_page() {
    // Write a temporary file beside the page, then rename it over the page.
    let events = [
        ev(EventKind::Create(CreateKind::File), &["content/programs/.b-cure.ja.md.tmp123"]),
        write("content/programs/.b-cure.ja.md.tmp123"),
        rename("content/programs/.b-cure.ja.md.tmp123", "content/programs/b-cure.ja.md"),
    ];
    let c = run(&events).unwrap();
    assert_eq!(paths(&c), ["content/programs/b-cure.ja.md"]);
}

#[test]
fn a_vim_backup_save_names_the_page_and_nothing_else() {
    let events = [
        ev(EventKind::Create(CreateKind::File), &["content/4913"]),
        ev(EventKind::Remove(RemoveKind::File), &["content/4913"]),
        rename("content/a.ja.md", "content/a.ja.md~"),
        ev(EventKind::Create(CreateKind::File), &["content/a.ja.md"]),
        write("content/a.ja.md"),
        ev(EventKind::Remove(RemoveKind::File), &["content/a.ja.md~"]),
        write("content/.a.ja.md.swp"),
    ];
    let c = run(&events).unwrap();
    assert_eq!(paths(&c), ["content/a.ja.md"]);
}

#[test]
fn editor_files_alone_change_nothing() {
    for name in ["content/.a.ja.md.swp", "content/a.ja.md~", "content/#a.ja.md#", "content/.#a.ja.md", "templates/page.html.tmp"] {
        assert!(!changes(&[write(name)]), "{name}");
    }
}

#[test]
fn deleted_and_renamed_pages_are_changes() {
    let gone = ev(EventKind::Remove(RemoveKind::File), &["content/programs/old.ja.md"]);
    assert_eq!(paths(&run(&[gone]).unwrap()), ["content/programs/old.ja.md"]);
    let moved = rename("content/programs/old.en.md", "content/programs/new.en.md");
    assert_eq!(paths(&run(&[moved]).unwrap()), ["content/programs/new.en.md", "content/programs/old.en.md"]);
}

#[test]
fn the_glossary_and_a_nested_yaml_file_are_changes() {
    assert!(changes(&[write("content/glossary.yaml")]));
    assert!(changes(&[write("content/programs/glossary.yaml")]));
}

#[test]
fn templates_static_files_and_the_active_theme_are_changes_but_another_theme_is_not() {
    for p in ["templates/page.html", "static/logo.svg", "i18n/ja.yaml", "themes/default/i18n/ja.yaml", "themes/default/static/tebiki.css"] {
        assert!(changes(&[write(p)]), "{p}");
    }
    assert!(!changes(&[write("themes/other/templates/page.html")]));
}

#[test]
fn site_yaml_is_a_change_named_with_the_rest() {
    let c = run(&[write("content/a.ja.md"), write("site.yaml"), write("templates/base.html")]).unwrap();
    assert_eq!(paths(&c), ["content/a.ja.md", "site.yaml", "templates/base.html"]);
    assert!(!c.rewatch);
}

#[test]
fn the_output_and_other_files_of_the_root_are_ignored() {
    for p in ["public/ja/index.html", "target/debug/tebiki", "README.md", ".git/index", "content.bak"] {
        assert!(!changes(&[write(p)]), "{p}");
    }
    let outside = Event::new(EventKind::Modify(ModifyKind::Any)).add_path(PathBuf::from("/elsewhere/site.yaml"));
    assert!(!changes(&[outside]));
}

#[test]
fn a_watched_folder_appearing_or_vanishing_asks_to_watch_again() {
    let c = run(&[ev(EventKind::Create(CreateKind::Folder), &["templates"])]).unwrap();
    assert!(c.rewatch);
    let c = run(&[ev(EventKind::Remove(RemoveKind::Folder), &["content"])]).unwrap();
    assert!(c.rewatch);
    let c = run(&[ev(EventKind::Create(CreateKind::Folder), &["themes/default"])]).unwrap();
    assert!(c.rewatch);
    let c = run(&[ev(EventKind::Create(CreateKind::Folder), &["content/programs"])]).unwrap();
    assert!(!c.rewatch);
}

#[test]
fn lost_events_mean_a_full_rescan() {
    let lost = Event::new(EventKind::Other).set_flag(Flag::Rescan);
    let c = run(&[write("content/a.ja.md"), lost]).unwrap();
    assert!(c.rewatch);
}
