//! Themes: the built-in theme, a site's own theme, overrides, UI strings.

use std::path::Path;

use crate::common;
use crate::common::SiteTest;

fn copy_theme_into(t: &SiteTest, name: &str) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    for (rel, bytes) in common::tree(&src) {
        let target = t.root().join("themes").join(name).join(rel);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
}

#[test]
fn a_site_template_overrides_the_theme_file_of_the_same_name() {
    let t = SiteTest::new("core/minimal");
    t.write("templates/404.html", "{% extends \"base.html\" %}{% block content %}<h1>Custom 404</h1>{% endblock content %}");
    t.build();
    assert!(t.read("404.html").contains("<h1>Custom 404</h1>"));
    assert!(t.read("ja/index.html").contains("class=\"site-header\""), "other templates still from the theme");
}

#[test]
fn a_site_static_file_overrides_the_theme_file() {
    let t = SiteTest::new("core/minimal");
    t.write("static/tebiki.css", "body { color: black; }\n");
    t.write("static/extra.txt", "hello\n");
    t.build();
    assert_eq!(t.read("tebiki.css"), "body { color: black; }\n");
    assert_eq!(t.read("extra.txt"), "hello\n");
}

#[test]
fn a_site_theme_folder_replaces_the_built_in_theme() {
    let t = SiteTest::new("core/minimal");
    copy_theme_into(&t, "custom");
    let base = t.root().join("themes/custom/templates/base.html");
    let html = std::fs::read_to_string(&base).unwrap().replace("<body class=", "<body data-theme=\"custom\" class=");
    std::fs::write(&base, html).unwrap();
    let cfg = std::fs::read_to_string(t.root().join("site.yaml")).unwrap();
    t.write("site.yaml", &format!("{cfg}theme: custom\n"));
    t.build();
    assert!(t.read("ja/index.html").contains("data-theme=\"custom\""));
}

#[test]
fn a_ui_string_missing_in_one_language_is_a_build_error() {
    let t = SiteTest::new("core/minimal");
    copy_theme_into(&t, "custom");
    let en = t.root().join("themes/custom/i18n/en.yaml");
    let text = std::fs::read_to_string(&en).unwrap();
    let without: String = text.lines().filter(|l| !l.starts_with("glossary_intro:")).map(|l| format!("{l}\n")).collect();
    std::fs::write(&en, without).unwrap();
    let cfg = std::fs::read_to_string(t.root().join("site.yaml")).unwrap();
    t.write("site.yaml", &format!("{cfg}theme: custom\n"));
    let r = t.run(&["build"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("UI string `glossary_intro` is missing in `en`"), "{}", r.stderr);
    assert!(r.stderr.contains("themes/custom/i18n/en.yaml"), "{}", r.stderr);
}

#[test]
fn a_template_syntax_error_names_the_template() {
    let t = SiteTest::new("core/minimal");
    t.write("templates/page.html", "{% extends \"base.html\" %}{% block content %}{{ p.title {% endblock content %}");
    let r = t.run(&["build"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("templates/page.html"), "{}", r.stderr);
}

/// Every stylesheet of the built-in theme closes each block it opens and
/// holds no merge-conflict marker: an unclosed rule makes browsers read all
/// that follows as nested inside it, so none of it applies.
#[test]
fn the_theme_stylesheets_are_balanced_and_free_of_merge_markers() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static");
    let mut checked = 0;
    for (rel, bytes) in common::tree(&dir) {
        if !rel.ends_with(".css") {
            continue;
        }
        checked += 1;
        let css = String::from_utf8(bytes).unwrap();
        for (n, line) in css.lines().enumerate() {
            assert!(!["<<<<<<<", "=======", ">>>>>>>"].iter().any(|m| line.starts_with(m)), "{}:{}: merge marker", rel, n + 1);
        }
        // Depth of `{` outside comments and strings, with the line of each open block.
        let (mut open, mut line, mut chars) = (Vec::new(), 1, css.chars().peekable());
        while let Some(c) = chars.next() {
            match c {
                '\n' => line += 1,
                '/' if chars.peek() == Some(&'*') => {
                    chars.next();
                    let mut last = ' ';
                    for c in chars.by_ref() {
                        line += usize::from(c == '\n');
                        if last == '*' && c == '/' {
                            break;
                        }
                        last = c;
                    }
                }
                '"' | '\'' => {
                    for d in chars.by_ref() {
                        if d == c {
                            break;
                        }
                    }
                }
                '{' => open.push(line),
                '}' => assert!(open.pop().is_some(), "{}:{line}: `}}` closes nothing", rel),
                _ => {}
            }
        }
        assert!(open.is_empty(), "{}: blocks opened at lines {open:?} are never closed", rel);
    }
    assert!(checked >= 3, "found only {checked} stylesheets");
}

#[test]
fn a_site_i18n_file_rewords_single_theme_strings() {
    let t = SiteTest::new("core/minimal");
    t.write("i18n/ja.yaml", "# この サイトの言葉\nglossary: 用語の手引き\n");
    t.write("i18n/en.yaml", "glossary: Word list\n");
    t.build();
    let ja = t.read("ja/index.html");
    // The menu marks phrase breaks with <wbr>.
    assert!(ja.replace("<wbr>", "").contains(">用語の手引き</a>"), "{ja}");
    assert!(ja.contains("本文へ移動"), "the other strings stay the theme's: {ja}");
    assert!(t.read("en/index.html").contains(">Word list</a>"));
}

#[test]
fn a_site_string_the_theme_does_not_have_is_an_error_with_its_line() {
    let t = SiteTest::new("core/minimal");
    t.write("i18n/en.yaml", "glossary: Word list\nglosary_intro: Words.\n");
    let r = t.run(&["check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("the theme has no UI string `glosary_intro` for en"), "{}", r.stderr);
    assert!(r.stderr.contains("i18n/en.yaml:2"), "{}", r.stderr);
    assert!(r.stderr.contains("`glossary_intro`"), "suggests the key meant: {}", r.stderr);
}

/// The flagship's policy wording lives in its own `i18n/`, not in the theme.
#[test]
fn the_default_theme_has_no_policy_vocabulary() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    for (rel, bytes) in common::tree(&dir) {
        let text = String::from_utf8_lossy(&bytes);
        for word in
            ["統合プロジェクト", "対応表", "AMED", "政策文書", "Integrated project", "integrated project", "policy documents", "briefing"]
        {
            assert!(!text.contains(word), "themes/default/{rel} contains `{word}`");
        }
    }
}
