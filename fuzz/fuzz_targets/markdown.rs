//! Fuzzes the Markdown pipeline with references (`[[id]]`, `[[id#a]]`,
//! `[[glossary:id]]`, `.md` links), glossary markup and highlighting, with
//! raw HTML passed through or sanitised: any text renders, never a panic.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tebiki::lang::Lang;
use tebiki::render::markdown::{self, Highlighter, LinkResolver, Reference, ResolvedLink, Term, TermMatcher};

struct Resolver;

impl LinkResolver for Resolver {
    fn resolve_reference(&self, target: &Reference) -> Result<ResolvedLink, String> {
        match target {
            Reference::Page { id, .. } if ["a", "b-cure", "日本"].contains(&id.as_str()) => Ok(link(id, Some(id))),
            Reference::Glossary { id } if ["amed", "pd"].contains(&id.as_str()) => Ok(link(id, None)),
            _ => Err("unknown".into()),
        }
    }
    fn resolve_file_link(&self, dest: &str) -> Result<ResolvedLink, String> {
        if dest.starts_with("../programs/b-cure.ja.md") { Ok(link("b-cure", Some("b-cure"))) } else { Err("unknown file".into()) }
    }
    fn glossary_href(&self, entry_id: &str) -> String {
        format!("../../glossary/index.html#{entry_id}")
    }
}

fn link(id: &str, page: Option<&str>) -> ResolvedLink {
    ResolvedLink {
        href: format!("../{id}/index.html"),
        title: format!("<{id}> & \"title\""),
        page_id: page.map(str::to_string),
        other_lang: page.filter(|p| *p == "b-cure").map(|_| Lang::En),
        note: page.filter(|p| *p == "b-cure").map(|_| "（英語のみ）".to_string()),
    }
}

fn matcher() -> &'static TermMatcher {
    static M: OnceLock<TermMatcher> = OnceLock::new();
    M.get_or_init(|| {
        let term = |id: &str, surfaces: &[&str], expansion: Option<&str>| Term {
            id: id.into(),
            surfaces: surfaces.iter().map(|s| s.to_string()).collect(),
            expansion: expansion.map(str::to_string),
            title: surfaces[0].into(),
            whole_word: false,
        };
        TermMatcher::new(vec![
            term("amed", &["AMED", "日本医療研究開発機構"], Some("Japan Agency for \"Medical\" <R&D>")),
            term("pd", &["PD"], Some("Program Director")),
            term("irb", &["IRB"], None),
            term("single-irb", &["single IRB"], Some("single IRB")),
            term("genome", &["ゲノム医療", "ｹﾞﾉﾑ"], None),
        ])
    })
}

fn highlighter() -> &'static Highlighter {
    static H: OnceLock<Highlighter> = OnceLock::new();
    H.get_or_init(Highlighter::new)
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else { return };
    let Ok(md) = std::str::from_utf8(rest) else { return };
    let opts = markdown::Options {
        lang: if flags & 1 == 0 { Lang::Ja } else { Lang::En },
        highlighter: highlighter(),
        links: &Resolver,
        terms: (flags & 2 == 0).then(matcher),
        first_line: 1 + usize::from(flags >> 4),
        safe_html: flags & 4 != 0,
        remote_images: flags & 8 != 0,
        labels: &markdown::Labels::new(&tebiki::theme::Theme::default(), Lang::Ja),
        check_raw_html: flags & 4 == 0,
    };
    let r = markdown::render(md, &opts);
    for p in &r.problems {
        assert!(p.line >= opts.first_line, "problem before the body: {p:?}");
    }
    if opts.safe_html {
        let lower = r.html.to_ascii_lowercase();
        assert!(!lower.contains("<script"), "script survived sanitising: {}", r.html);
    }
});
