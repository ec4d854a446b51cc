use std::path::{Path, PathBuf};

use notify::event::{AccessKind, AccessMode, CreateKind, DataChange, Flag, MetadataKind, ModifyKind, RemoveKind, RenameMode};
use notify::{Event, EventKind};

use super::{Change, ChangeKind, classify};

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

fn kind(events: &[Event]) -> Option<ChangeKind> {
    run(events).map(|c| c.kind)
}

fn paths(c: &Change) -> Vec<&str> {
    c.paths.iter().map(|p| p.to_str().unwrap()).collect()
}

#[test]
fn a_saved_page_is_a_content_change() {
    let c = run(&[write("content/programs/b-cure.ja.md")]).unwrap();
    assert_eq!(c.kind, ChangeKind::Content);
    assert_eq!(paths(&c), ["content/programs/b-cure.ja.md"]);
    assert!(!c.rewatch);
}

#[test]
fn reads_and_permission_changes_are_ignored() {
    let open = ev(EventKind::Access(AccessKind::Open(AccessMode::Any)), &["content/a.ja.md"]);
    let close = ev(EventKind::Access(AccessKind::Close(AccessMode::Write)), &["content/a.ja.md"]);
    let atime = ev(EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)), &["content/a.ja.md"]);
    let chmod = ev(EventKind::Modify(ModifyKind::Metadata(MetadataKind::Permissions)), &["content/a.ja.md"]);
    assert_eq!(kind(&[open, close, atime, chmod]), None);
}

#[test]
fn a_new_modification_time_is_a_change_as_polling_reports_writes() {
    let polled = ev(EventKind::Modify(ModifyKind::Metadata(MetadataKind::WriteTime)), &["content/a.ja.md"]);
    assert_eq!(kind(&[polled]), Some(ChangeKind::Content));
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
    assert_eq!(c.kind, ChangeKind::Content);
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
        assert_eq!(kind(&[write(name)]), None, "{name}");
    }
}

#[test]
fn deleted_and_renamed_pages_are_content_changes() {
    let gone = ev(EventKind::Remove(RemoveKind::File), &["content/programs/old.ja.md"]);
    assert_eq!(kind(&[gone]), Some(ChangeKind::Content));
    let moved = rename("content/programs/old.en.md", "content/programs/new.en.md");
    assert_eq!(paths(&run(&[moved]).unwrap()), ["content/programs/new.en.md", "content/programs/old.en.md"]);
}

#[test]
fn the_glossary_is_its_own_kind_but_a_nested_one_is_content() {
    assert_eq!(kind(&[write("content/glossary.yaml")]), Some(ChangeKind::Glossary));
    assert_eq!(kind(&[write("content/programs/glossary.yaml")]), Some(ChangeKind::Content));
}

#[test]
fn templates_static_files_and_the_active_theme_are_theme_changes() {
    for p in ["templates/page.html", "static/logo.svg", "themes/default/i18n/ja.yaml", "themes/default/static/tebiki.css"] {
        assert_eq!(kind(&[write(p)]), Some(ChangeKind::Theme), "{p}");
    }
    assert_eq!(kind(&[write("themes/other/templates/page.html")]), None);
}

#[test]
fn site_yaml_is_a_config_change_and_wins_over_the_rest() {
    assert_eq!(kind(&[write("content/a.ja.md"), write("site.yaml"), write("templates/base.html")]), Some(ChangeKind::Config));
}

#[test]
fn the_output_and_other_files_of_the_root_are_ignored() {
    for p in ["public/ja/index.html", "target/debug/tebiki", "README.md", ".git/index", "content.bak"] {
        assert_eq!(kind(&[write(p)]), None, "{p}");
    }
    let outside = Event::new(EventKind::Modify(ModifyKind::Any)).add_path(PathBuf::from("/elsewhere/site.yaml"));
    assert_eq!(kind(&[outside]), None);
}

#[test]
fn a_watched_folder_appearing_or_vanishing_asks_to_watch_again() {
    let c = run(&[ev(EventKind::Create(CreateKind::Folder), &["templates"])]).unwrap();
    assert_eq!((c.kind, c.rewatch), (ChangeKind::Theme, true));
    let c = run(&[ev(EventKind::Remove(RemoveKind::Folder), &["content"])]).unwrap();
    assert_eq!((c.kind, c.rewatch), (ChangeKind::Content, true));
    let c = run(&[ev(EventKind::Create(CreateKind::Folder), &["themes/default"])]).unwrap();
    assert!(c.rewatch);
    let c = run(&[ev(EventKind::Create(CreateKind::Folder), &["content/programs"])]).unwrap();
    assert!(!c.rewatch);
}

#[test]
fn lost_events_mean_a_full_rescan() {
    let lost = Event::new(EventKind::Other).set_flag(Flag::Rescan);
    let c = run(&[write("content/a.ja.md"), lost]).unwrap();
    assert_eq!((c.kind, c.rewatch), (ChangeKind::Rescan, true));
}
