//! `tebiki new` and `tebiki init`: files an author starts from.
//!
//! [`new_page`] writes one page in every language of the site (the source
//! with valid front matter and hints for the optional fields, each
//! translation with its title only and no stamp, so `tebiki check` lists it
//! until it is translated). [`init`] writes a minimal site that builds with
//! the built-in theme, its one translation stamped. Neither ever overwrites a
//! file.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::config::Role;
use crate::config::{self, Config, is_slug};
use crate::diagnostic::Diagnostics;
use crate::lang::Lang;
use crate::load::{self, CONTENT_DIR, LoadOptions};

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    /// The command line named something that cannot be (exit 2).
    #[error("{0}")]
    Usage(String),
    /// A file or page is already there; nothing was written (exit 1).
    #[error("{0}")]
    Exists(String),
    /// The site's configuration has errors (exit 1).
    #[error("site.yaml has errors")]
    Config(Diagnostics),
    /// The disk said no (exit 1).
    #[error(transparent)]
    Io(#[from] anyhow::Error),
}

/// Writes `content/<folder>/<id>.<lang>.md` for every language of the site;
/// returns the files, source first.
pub fn new_page(root: &Path, kind: &str, id: &str) -> Result<Vec<PathBuf>, ScaffoldError> {
    let config = config::load_config(root).map_err(ScaffoldError::Config)?;
    let Some(k) = config.kind(kind).or_else(|| config.kind_by_folder(kind)) else {
        let keys: Vec<&str> = config.kinds.iter().map(|k| k.key.as_str()).collect();
        let hint = crate::suggest::did_you_mean(kind, keys.iter().copied()).unwrap_or_else(|| format!("kinds: {}", keys.join(", ")));
        return Err(ScaffoldError::Usage(format!("unknown kind `{kind}`; {hint}")));
    };
    if !is_slug(id) {
        return Err(ScaffoldError::Usage(format!("id `{id}` is not a lowercase slug; use only a-z, 0-9 and -")));
    }
    let folder = Path::new(CONTENT_DIR).join(&k.folder);
    let files: Vec<(Lang, PathBuf)> = config.languages.iter().map(|l| (*l, folder.join(format!("{id}.{l}.md")))).collect();
    let bare = folder.join(format!("{id}.md"));
    for f in files.iter().map(|(_, f)| f).chain([&bare]) {
        if root.join(f).exists() {
            return Err(ScaffoldError::Exists(format!("{} already exists; tebiki new never overwrites a file", f.display())));
        }
    }
    let kind_key = k.key.clone();
    let (site, _) = load::load_site(config, LoadOptions { drafts: true, ..LoadOptions::default() });
    if let Some(p) = site.page(id) {
        return Err(ScaffoldError::Exists(format!("id `{id}` is already used by {}", p.source().path.display())));
    }
    let config = &site.config;
    let today = jiff::Zoned::now().date();
    for (lang, file) in &files {
        let text = match *lang == config.default_language {
            true if config.has_role(&kind_key, Role::Handout) => handout_page(&site, &kind_key, id, today),
            true => source_page(config, &kind_key, id, today),
            false => translation_page(*lang, id),
        };
        write_new(&root.join(file), &text)?;
    }
    Ok(files.into_iter().map(|(_, f)| f).collect())
}

/// The source file of a new page, with the optional fields as comments.
fn source_page(config: &Config, kind: &str, id: &str, today: jiff::civil::Date) -> String {
    let lang = config.default_language;
    let mut s = String::from("---\n");
    let _ = writeln!(s, "id: {id}");
    let _ = writeln!(s, "title: {id}");
    let _ = writeln!(s, "summary: {}", placeholder_summary(lang));
    let _ = writeln!(s, "date: {today}");
    s.push_str("# Optional fields (see `tebiki schema`):\n");
    if let Some(p) = config.periods.last() {
        let keys: Vec<&str> = config.periods.iter().map(|p| p.key.as_str()).collect();
        let _ = writeln!(s, "# period: {}   # one of {}", p.key, keys.join(", "));
    }
    s.push_str("# parent: <page id>\n");
    for f in &config.facets {
        let keys: Vec<&str> = f.values.iter().map(|v| v.key.as_str()).take(8).collect();
        if !keys.is_empty() {
            let _ = writeln!(s, "# {}: [{}]", f.key, keys.join(", "));
        }
    }
    s.push_str("# related: [<page id>, …]\n");
    if config.has_role(kind, Role::Handout) {
        s.push_str("# pages: [<page id>, …]   # the pages this handout bundles, in order\n");
    } else {
        s.push_str("# budget:\n#   - {fy: 2025, oku_yen: 10, scope: amed}\n");
    }
    s.push_str("---\n\n");
    s.push_str(placeholder_body(lang));
    s
}

/// The source file of a new handout: a page's, with `pages:` to fill in and,
/// below it, the site's pages a handout may bundle, by kind, each with its
/// id and its title in the site's default language.
fn handout_page(site: &crate::model::Site, kind: &str, id: &str, today: jiff::civil::Date) -> String {
    let config = &site.config;
    let lang = config.default_language;
    let page = source_page(config, kind, id, today);
    let hint = "# pages: [<page id>, …]   # the pages this handout bundles, in order\n";
    let mut list = String::from("# The pages this handout bundles, in order: ids from the list below.\npages: []\n");
    for k in config.kinds.iter().filter(|k| !config.has_role(&k.key, Role::Handout)) {
        let pages: Vec<&crate::model::Page> = site.pages().iter().filter(|p| p.kind == k.key).map(|p| &**p).collect();
        if pages.is_empty() {
            continue;
        }
        let _ = writeln!(list, "# {} ({}):", k.label.get_or_any(lang), k.key);
        let width = pages.iter().map(|p| p.id.chars().count()).max().unwrap_or(0);
        for p in pages {
            let title: String = p.text_or_source(lang).0.title.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
            let _ = writeln!(list, "#   {:width$}  {title}", p.id);
        }
    }
    page.replacen(hint, &list, 1)
}

/// A translation of a new page: its title, no stamp yet.
fn translation_page(lang: Lang, id: &str) -> String {
    format!("---\ntitle: {id}\nsummary: {}\n---\n\n{}", placeholder_summary(lang), placeholder_body(lang))
}

fn placeholder_summary(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "このページの要約を1〜2文で書きます。",
        Lang::En => "A one- or two-sentence summary of this page.",
    }
}

fn placeholder_body(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "## 概要\n\nここに本文を書きます。\n",
        Lang::En => "## Overview\n\nWrite the text of the page here.\n",
    }
}

/// Creates a file that must not exist yet.
fn write_new(path: &Path, text: &str) -> Result<(), ScaffoldError> {
    use std::io::Write as _;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
    }
    let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            ScaffoldError::Exists(format!("{} already exists; nothing is overwritten", path.display()))
        } else {
            ScaffoldError::Io(anyhow::anyhow!("cannot create {}: {e}", path.display()))
        }
    })?;
    f.write_all(text.as_bytes()).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
    Ok(())
}

/// The files of a new site, relative to its root.
const INIT_FILES: [(&str, &str); 7] = [
    ("site.yaml", INIT_SITE_YAML),
    (".gitignore", "/public\n"),
    ("content/_index.ja.md", INIT_HOME_JA),
    ("content/_index.en.md", INIT_HOME_EN),
    ("content/glossary.yaml", INIT_GLOSSARY),
    ("content/policies/welcome.ja.md", INIT_PAGE_JA),
    ("content/policies/welcome.en.md", INIT_PAGE_EN),
];

/// Writes a minimal site into `dir` (created if needed); returns the files written.
///
/// Refuses when `dir` already holds a `site.yaml` or a `content/` folder.
/// The English page is stamped, so `tebiki check` of the new site is clean.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
    for taken in ["site.yaml", "content"] {
        if dir.join(taken).exists() {
            return Err(ScaffoldError::Exists(format!(
                "{} already exists; tebiki init writes a site only where there is none",
                dir.join(taken).display()
            )));
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
    let mut written = Vec::new();
    for (path, text) in INIT_FILES {
        let target = dir.join(path);
        if target.exists() {
            continue;
        }
        write_new(&target, text)?;
        written.push(PathBuf::from(path));
    }
    crate::stamp::stamp(dir, &crate::stamp::Selection::All).map_err(ScaffoldError::Config)?;
    Ok(written)
}

const INIT_SITE_YAML: &str = "\
# tebiki site configuration. Unknown keys are errors; `tebiki check` validates everything.
title:
  ja: 新しいサイト
  en: A new site
description:
  ja: tebikiで作成した日英二言語のサイトです。
  en: A bilingual site made with tebiki.
base_url: https://example.org/
default_language: ja
languages: [ja, en]
theme: default

# Kinds default to policy (policies/), project (projects/), program (programs/) and handout (handouts/).

periods:
  \"1\": {from: 2025, to: 2029, label: {ja: 第1期, en: 1st period}}

facets:
  tags:
    label: {ja: タグ, en: Tags}
    values:
      guide: {label: {ja: 手引き, en: Guides}}
";

const INIT_HOME_JA: &str = "\
---
title: 新しいサイト
summary: tebikiで作成した日英二言語のサイトです。
---

`content/` のMarkdownを編集し、`tebiki serve` で確認してください。
";

const INIT_HOME_EN: &str = "\
---
title: A new site
summary: A bilingual site made with tebiki.
---

Edit the Markdown in `content/` and preview it with `tebiki serve`.
";

const INIT_GLOSSARY: &str = "\
# The bilingual glossary: terms in running text link to their entries.
- id: tebiki
  term: tebiki
  reading: てびき
  ja:
    term: 手引き
    definition: 物事のやり方を分かりやすく示したもの。このサイトを作るツールの名前でもあります。
  en:
    definition: A guide that shows how something is done; also the name of the tool that builds this site.
";

const INIT_PAGE_JA: &str = "\
---
id: welcome
title: はじめに
summary: このサイトの最初のページです。
period: 1
tags: [guide]
---

## 概要

このページは `content/policies/welcome.ja.md` です。英語版は `welcome.en.md` にあります。
日本語の原文を変更したら英訳を更新し、`tebiki stamp welcome` を実行してください。
";

const INIT_PAGE_EN: &str = "\
---
title: Welcome
summary: The first page of this site.
---

## Overview

This page is `content/policies/welcome.en.md`; the Japanese original is `welcome.ja.md`.
When the Japanese original changes, update this translation and run `tebiki stamp welcome`.
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_source_page_has_valid_front_matter() {
        let date = jiff::civil::date(2025, 5, 16);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.yaml"), INIT_SITE_YAML).unwrap();
        let config = config::load_config(dir.path()).unwrap();
        let text = source_page(&config, "program", "demo", date);
        let split = crate::load::frontmatter::split(&text, Path::new("x")).unwrap();
        let mut problems = crate::diagnostic::Diagnostics::new();
        let fm = crate::load::frontmatter::read(split.yaml, Path::new("x"), 2, &mut problems).unwrap();
        assert!(problems.is_empty(), "{:?}", problems.sorted());
        assert_eq!(fm.id.unwrap().value, "demo");
        assert!(text.contains("date: 2025-05-16\n"));
        assert!(text.contains("# period: 1"));
    }
}
