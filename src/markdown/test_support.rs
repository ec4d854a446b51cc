//! A tiny site for the renderer's tests: a [`LinkResolver`] that knows a
//! few pages and glossary entries, a [`TermMatcher`] over those entries,
//! and helpers that render with them; and [`within_limit`] for the tests
//! that a pass takes linear time.

use std::sync::OnceLock;
use std::sync::mpsc;
use std::time::Duration;

use super::{Highlighter, LinkResolver, Options, Reference, Rendered, ResolvedLink, Term, TermMatcher, render};
use crate::lang::Lang;

/// Pages: `amed-page` ("AMEDの概要"), `b-cure` ("B-cure"), `en-only` (only
/// in English). Glossary: the entries of [`terms`]. File links: only
/// `../programs/b-cure.ja.md`.
pub(super) struct TestResolver;

impl LinkResolver for TestResolver {
    fn resolve_reference(&self, target: &Reference) -> Result<ResolvedLink, String> {
        match target {
            Reference::Page { id, .. } => page(id).ok_or_else(|| format!("unknown page `{id}`")),
            Reference::Glossary { id } => terms()
                .into_iter()
                .find(|t| t.id == *id)
                .map(|t| ResolvedLink { href: self.glossary_href(id), title: t.title, page_id: None, other_lang: None, note: None })
                .ok_or_else(|| format!("unknown glossary entry `{id}`")),
        }
    }

    fn resolve_file_link(&self, dest: &str) -> Result<ResolvedLink, String> {
        let path = dest.split('#').next().unwrap_or_default();
        match path {
            "../programs/b-cure.ja.md" => page("b-cure").ok_or_default(),
            "en-only.en.md" => page("en-only").ok_or_default(),
            _ => Err(format!("unknown file `{path}`")),
        }
    }

    fn glossary_href(&self, entry_id: &str) -> String {
        format!("../../glossary/#{entry_id}")
    }
}

trait OkOrDefault {
    fn ok_or_default(self) -> Result<ResolvedLink, String>;
}

impl OkOrDefault for Option<ResolvedLink> {
    fn ok_or_default(self) -> Result<ResolvedLink, String> {
        self.ok_or_else(String::new)
    }
}

fn page(id: &str) -> Option<ResolvedLink> {
    let (title, other_lang, note) = match id {
        "amed-page" => ("AMEDの概要", None, None),
        "b-cure" => ("B-cure", None, None),
        "en-only" => ("English <only>", Some(Lang::En), Some("（英語のみ）")),
        _ => return None,
    };
    Some(ResolvedLink {
        href: format!("../{id}/"),
        title: title.to_string(),
        page_id: Some(id.to_string()),
        other_lang,
        note: note.map(str::to_string),
    })
}

/// The glossary of the test site.
pub(super) fn terms() -> Vec<Term> {
    let term = |id: &str, surfaces: &[&str], expansion: Option<&str>| Term {
        id: id.to_string(),
        surfaces: surfaces.iter().map(|s| s.to_string()).collect(),
        expansion: expansion.map(str::to_string),
        title: surfaces[0].to_string(),
        whole_word: false,
    };
    vec![
        term("amed", &["AMED", "日本医療研究開発機構"], Some("Japan Agency for Medical Research and Development")),
        term("pd", &["PD"], Some("Program Director")),
        term("irb", &["IRB"], Some("Institutional Review Board")),
        term("single-irb", &["single IRB"], Some("single \"central\" IRB")),
        term("rwd", &["RWD"], Some("Real World Data")),
        term("ai", &["AI"], Some("Artificial Intelligence")),
        term("genome-medicine", &["ゲノム医療"], None),
        term("dct", &["DCT", "分散型臨床試験"], Some("分散型臨床試験")),
    ]
}

pub(super) fn matcher() -> &'static TermMatcher {
    static MATCHER: OnceLock<TermMatcher> = OnceLock::new();
    MATCHER.get_or_init(|| TermMatcher::new(terms()))
}

pub(super) fn highlighter() -> &'static Highlighter {
    static HIGHLIGHTER: OnceLock<Highlighter> = OnceLock::new();
    HIGHLIGHTER.get_or_init(Highlighter::new)
}

/// The built-in theme's UI strings (no templates or static files).
pub(crate) fn theme() -> &'static crate::theme::Theme {
    static THEME: OnceLock<crate::theme::Theme> = OnceLock::new();
    THEME.get_or_init(|| {
        let parse =
            |yaml: &str| crate::yaml::parse::<std::collections::BTreeMap<String, String>>(yaml, std::path::Path::new("i18n"), 1).unwrap();
        let mut theme = crate::theme::Theme::default();
        theme.strings.insert(Lang::Ja, parse(include_str!("../../themes/default/i18n/ja.yaml")));
        theme.strings.insert(Lang::En, parse(include_str!("../../themes/default/i18n/en.yaml")));
        theme
    })
}

/// Renders a Japanese body starting on file line 1, glossary markup on.
pub(super) fn render_ja(md: &str) -> Rendered {
    render_at(md, 1, true)
}

/// Renders a body starting on `first_line`, glossary markup on or off.
pub(super) fn render_at(md: &str, first_line: usize, glossary: bool) -> Rendered {
    let opts = Options {
        lang: Lang::Ja,
        highlighter: highlighter(),
        links: &TestResolver,
        terms: glossary.then(matcher),
        first_line,
        safe_html: false,
        remote_images: false,
        labels: &crate::markdown::Labels::new(theme(), Lang::Ja),
        check_raw_html: false,
    };
    render(md, &opts)
}

/// How long a test of a pass's running time may take. Such a test gives
/// its pass an input on which the quadratic code it replaced took minutes
/// and the linear code takes well under a second, even in a debug build:
/// a limit this far from both never fails on a busy machine, and always
/// fails when the pass turns quadratic again.
pub(crate) const LIMIT: Duration = Duration::from_secs(30);

/// The result of `f`, run on a thread; panics if it is not done within [`LIMIT`].
pub(crate) fn within_limit<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (done, result) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(f());
    });
    result.recv_timeout(LIMIT).unwrap_or_else(|_| panic!("not done within {LIMIT:?}: quadratic time?"))
}
