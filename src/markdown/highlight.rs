//! Code blocks highlighted at build time with syntect, into CSS classes.
//!
//! [`Highlighter`] loads once per build: syntect's syntaxes plus two-face's
//! extra ones (TOML, TypeScript, Dockerfile, …) and two themes from
//! two-face, Coldark-Cold (light) and Coldark-Dark, made for legible
//! contrast. A block becomes
//! `<pre class="code" data-lang="toml"><code>…</code></pre>` with spans
//! whose classes start with `hl-`; one stylesheet ([`Highlighter::stylesheet`])
//! colours them for light screens, dark screens and print.
//!
//! Regular expressions run on Oniguruma (syntect's `default-onig`, the C
//! library built from source by `onig_sys`, so no system package is
//! needed). syntect compiles a pattern on its first use, once, whichever
//! thread gets there first (the others wait for it): a grammar costs only
//! the pages that use it, a few milliseconds and a few MB. With the
//! pure-Rust engine (fancy-regex) a grammar took 0.2–0.65 s and 60–155 MB.
//!
//! Guarantees: a block in an unknown or missing language, or one syntect
//! fails on, is written as escaped plain text in the same wrapper; the
//! output is deterministic.
//!
//! A bilingual site shows most code twice (a page and its translation share
//! their code blocks), so highlighted blocks are kept by their language and
//! text: the second page takes the first one's HTML instead of running
//! syntect again. A translated block differs from its source only in its
//! comments and strings, and the same lines recur across a site's blocks
//! (imports, keys of a configuration), so lines are kept too: by grammar and
//! text, with the parser's state before and after them (see [`LineMemo`]).

use std::collections::HashMap;
use std::hash::Hasher as _;
use std::sync::{Arc, Mutex};

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};
use syntect::highlighting::{Color, Theme};
use syntect::html::{ClassStyle, css_for_theme_with_class_style, line_tokens_to_classed_spans};
use syntect::parsing::{ParseState, ScopeStack, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;
use two_face::theme::EmbeddedThemeName;

use super::fence_lang;
use super::labels::Labels;
use super::position::SourceMap;
use super::{Problem, Severity, Spanned, escape_html};
use crate::hash::{FxBuild, FxHasher};

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Grammars passed over for another of the same language: two-face's
/// JavaScript (Babel), which claims `js`, writes a span for every character
/// of a template string; Sublime's JavaScript does not.
const INSTEAD: &[(&str, &str)] = &[("JavaScript (Babel)", "JavaScript")];

/// Syntaxes and themes for code blocks, loaded once and shared (it is
/// `Send + Sync`).
pub struct Highlighter {
    syntaxes: SyntaxSet,
    light: Theme,
    dark: Theme,
    /// Highlighted blocks by the hash of their syntax and text.
    done: Mutex<Done>,
    /// Tells this highlighter's lines from another's in [`LINES`].
    id: u64,
}

/// Blocks highlighted so far, bounded: a long `serve` session sees many
/// versions of the same block, so the map starts again when it is full.
#[derive(Default)]
struct Done {
    blocks: HashMap<[u8; 32], Arc<str>>,
    bytes: usize,
}

/// What [`Done`] holds at most (the highlighted HTML of every block of a large site fits).
const DONE_MAX_BYTES: usize = 32 << 20;

/// What a thread's line memo holds at most, in bytes (estimated).
const LINES_MAX_BYTES: usize = 16 << 20;
/// What a line's states and entry are counted as, in bytes.
const STATES_ALLOWANCE: usize = 1024;
/// States kept per line text: a line seen in more contexts (inside a string,
/// a comment, a block) than this is parsed again in the others.
const LINE_STATES: usize = 4;

/// Lines highlighted so far. Highlighting a line is a pure function of its
/// grammar, its text, the parser's state and the stack of open scopes
/// before it: given the same four, syntect gives the same HTML and the same
/// states after, so a line found here with equal states is not parsed again.
/// Bounded like [`Done`]. Each thread keeps its own (a parser state holds
/// Oniguruma's match data, which may not cross threads).
#[derive(Default)]
struct LineMemo {
    lines: HashMap<u64, Vec<LineDone>, FxBuild>,
    bytes: usize,
}

/// One highlighted line, with the states before and after it.
struct LineDone {
    /// The highlighter and grammar (by address) the line was highlighted with.
    owner: (u64, usize),
    text: Box<str>,
    before: (ParseState, ScopeStack),
    after: (ParseState, ScopeStack),
    html: Box<str>,
    /// Spans opened minus spans closed.
    delta: isize,
}

impl LineMemo {
    fn get(&self, key: u64, owner: (u64, usize), text: &str, state: &ParseState, stack: &ScopeStack) -> Option<&LineDone> {
        self.lines.get(&key)?.iter().find(|d| d.owner == owner && &*d.text == text && d.before.0 == *state && d.before.1 == *stack)
    }

    fn put(&mut self, key: u64, done: LineDone) {
        // The states' own sizes are not known: a fixed allowance stands for them (two parser states and two
        // scope stacks of a few levels each, and the entry around them).
        let size = done.text.len() + done.html.len() + STATES_ALLOWANCE;
        if self.bytes + size > LINES_MAX_BYTES {
            *self = LineMemo::default();
        }
        self.bytes += size;
        let kept = self.lines.entry(key).or_default();
        if kept.len() == LINE_STATES {
            kept.remove(0);
        }
        kept.push(done);
    }
}

thread_local! {
    /// This thread's highlighted lines.
    static LINES: std::cell::RefCell<LineMemo> = Default::default();
}

/// Ids of highlighters, so that one's lines are never taken for another's.
static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

impl Default for Highlighter {
    fn default() -> Self {
        Highlighter::new()
    }
}

impl Highlighter {
    pub fn new() -> Highlighter {
        let themes = two_face::theme::extra();
        Highlighter {
            syntaxes: two_face::syntax::extra_newlines(),
            light: themes.get(EmbeddedThemeName::ColdarkCold).clone(),
            dark: themes.get(EmbeddedThemeName::ColdarkDark).clone(),
            done: Mutex::default(),
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// One stylesheet for code: the light theme on light screens and in
    /// print, the dark theme on dark screens. Each theme sits in its own
    /// `@media` block so that no rule of one leaks into the other.
    pub fn stylesheet(&self) -> String {
        let light = theme_css(&self.light);
        let dark = theme_css(&self.dark);
        format!(
            "/* Code highlighting (classes hl-*). */\n\
             @media (prefers-color-scheme: light) {{\n{light}}}\n\n\
             @media screen and (prefers-color-scheme: dark) {{\n{dark}}}\n\n\
             @media print {{\n{light}}}\n"
        )
    }

    /// The HTML of one code block: a focusable, labelled scroll region
    /// (`label` is its accessible name, e.g. "Code: Rust").
    fn block(&self, code: &str, lang: Option<&str>, label: &str) -> String {
        let mut html = String::from("<pre class=\"code\"");
        if let Some(lang) = lang {
            html.push_str(&format!(" data-lang=\"{}\"", escape_html(lang)));
        }
        html.push_str(&format!(" tabindex=\"0\" role=\"region\" aria-label=\"{}\"><code>", escape_html(label)));
        match lang.and_then(|lang| self.syntax(lang)).and_then(|syntax| self.highlight(code, syntax)) {
            Some(highlighted) => html.push_str(&highlighted),
            None => html.push_str(&escape_html(code)),
        }
        html.push_str("</code></pre>\n");
        html
    }

    /// The grammar for a fence's language word: through the alias table
    /// ([`fence_lang`]), else the word itself as a file extension or a
    /// grammar name. `None` for plain text and for words no grammar has.
    fn syntax(&self, word: &str) -> Option<&SyntaxReference> {
        let token = match fence_lang::lookup(word) {
            Some(lang) if lang.is_plain() => return None,
            Some(lang) => lang.grammar.to_string(),
            None => word.to_ascii_lowercase(),
        };
        let syntax = self.syntaxes.find_syntax_by_token(&token).filter(|syntax| syntax.name != "Plain Text")?;
        match INSTEAD.iter().find(|(name, _)| *name == syntax.name) {
            Some((_, instead)) => self.syntaxes.find_syntax_by_name(instead).or(Some(syntax)),
            None => Some(syntax),
        }
    }

    /// Whether a block in language `word` is highlighted, or plain text on purpose.
    pub(super) fn knows(&self, word: &str) -> bool {
        fence_lang::lookup(word).is_some_and(|lang| lang.is_plain()) || self.syntax(word).is_some()
    }

    /// The highlighted HTML of `code`, from the blocks done before when one had the same syntax and text.
    fn highlight(&self, code: &str, syntax: &SyntaxReference) -> Option<Arc<str>> {
        let key = *blake3::Hasher::new().update(syntax.name.as_bytes()).update(&[0]).update(code.as_bytes()).finalize().as_bytes();
        if let Some(html) = self.done.lock().unwrap_or_else(|e| e.into_inner()).blocks.get(&key) {
            return Some(html.clone());
        }
        let html: Arc<str> = self.run_syntect(code, syntax)?.into();
        let mut done = self.done.lock().unwrap_or_else(|e| e.into_inner());
        if done.bytes + html.len() > DONE_MAX_BYTES {
            *done = Done::default();
        }
        done.bytes += html.len();
        done.blocks.insert(key, html.clone());
        Some(html)
    }

    /// Highlights `code` line by line, as syntect's `ClassedHTMLGenerator`
    /// does, taking each line from [`LineMemo`] when it was highlighted
    /// before in the same states.
    fn run_syntect(&self, code: &str, syntax: &SyntaxReference) -> Option<String> {
        let mut state = ParseState::new(syntax);
        let mut stack = ScopeStack::new();
        let mut open = 0isize;
        let mut html = String::with_capacity(code.len() * 2);
        let owner = (self.id, syntax as *const SyntaxReference as usize);
        LINES.with_borrow_mut(|memo| {
            for line in LinesWithEndings::from(code) {
                let key = {
                    let mut h = FxHasher::default();
                    h.write_u64(owner.0);
                    h.write_usize(owner.1);
                    h.write(line.as_bytes());
                    h.finish()
                };
                if let Some(d) = memo.get(key, owner, line, &state, &stack) {
                    html.push_str(&d.html);
                    open += d.delta;
                    (state, stack) = d.after.clone();
                    continue;
                }
                let before = (state.clone(), stack.clone());
                let ops = state.parse_line(line, &self.syntaxes).ok()?;
                let (formatted, delta) = line_tokens_to_classed_spans(line, &ops, CLASS_STYLE, &mut stack).ok()?;
                html.push_str(&formatted);
                open += delta;
                memo.put(
                    key,
                    LineDone { owner, text: line.into(), before, after: (state.clone(), stack.clone()), html: formatted.into(), delta },
                );
            }
            Some(())
        })?;
        for _ in 0..open {
            html.push_str("</span>");
        }
        Some(html)
    }
}

/// A theme's class rules, plus the block's own colours on `pre.code`.
fn theme_css(theme: &Theme) -> String {
    let mut css = String::new();
    let hex = |c: Color| format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b);
    css.push_str("pre.code {");
    if let Some(fg) = theme.settings.foreground {
        css.push_str(&format!(" color: {};", hex(fg)));
    }
    if let Some(bg) = theme.settings.background {
        css.push_str(&format!(" background-color: {};", hex(bg)));
    }
    css.push_str(" }\n");
    css.push_str(&css_for_theme_with_class_style(theme, CLASS_STYLE).unwrap_or_default());
    css
}

/// Replaces every code block with its highlighted HTML, and warns about
/// each fence whose language no grammar has (`unknown-fence-language`).
pub(super) fn code_blocks<'a>(
    events: Vec<Spanned<'a>>,
    highlighter: &Highlighter,
    labels: &Labels,
    map: &SourceMap<'_>,
) -> (Vec<Spanned<'a>>, Vec<Problem>) {
    // Most pages have none: their list is kept as it is (not copied).
    if !events.iter().any(|(e, _)| matches!(e, Event::Start(Tag::CodeBlock(_)))) {
        return (events, Vec::new());
    }
    let mut out = Vec::with_capacity(events.len());
    let mut problems = Vec::new();
    let mut open: Option<(Option<String>, String, std::ops::Range<usize>)> = None;
    for (event, range) in events {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                open = Some((language(&kind), String::new(), range));
            }
            Event::Text(text) if open.is_some() => {
                if let Some((_, code, _)) = open.as_mut() {
                    code.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((lang, code, start)) = open.take() {
                    if let Some(word) = lang.as_deref().filter(|word| !highlighter.knows(word)) {
                        problems.push(unknown_language(word, map.line_col(start.start)));
                    }
                    let label = labels.code_block(lang.as_deref());
                    let html = highlighter.block(&code, lang.as_deref(), &label);
                    out.push((Event::Html(CowStr::from(html)), start.start..range.end));
                }
            }
            other => out.push((other, range)),
        }
    }
    (out, problems)
}

/// The warning for a fence in a language no grammar has.
fn unknown_language(word: &str, (line, column): (usize, usize)) -> Problem {
    let (message, help) = match fence_lang::lookup(word) {
        Some(lang) => (
            format!("code block in `{word}`: tebiki has no grammar for {}, so it is not highlighted", lang.name),
            "the block is shown as plain text; write `text` after the fence to say so and silence this warning".to_string(),
        ),
        None => (
            format!("code block in `{word}`: no grammar for this language, so it is not highlighted"),
            format!(
                "use a language name the highlighter knows (e.g. `bash`, `csharp`, `yaml`), or `text` for a block that is plain text on purpose (`{word}` was written)"
            ),
        ),
    };
    Problem { severity: Severity::Warning, line, column, message, help: Some(help), code: Some("unknown-fence-language") }
}

/// The language of a fence's info string: its first word (`rust,ignore`
/// and `toml {…}` give `rust` and `toml`).
fn language(kind: &CodeBlockKind<'_>) -> Option<String> {
    let CodeBlockKind::Fenced(info) = kind else { return None };
    info.trim_start().split(|c: char| c.is_whitespace() || c == ',' || c == '{').next().filter(|word| !word.is_empty()).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::test_support::highlighter;

    fn block(code: &str, lang: Option<&str>) -> String {
        highlighter().block(code, lang, "Code")
    }

    #[test]
    fn highlighter_is_shareable_between_threads() {
        fn assert_sync<T: Send + Sync>() {}
        assert_sync::<Highlighter>();
    }

    #[test]
    fn common_languages_highlight() {
        for (lang, code) in [
            ("rust", "fn main() { let x = 1; }\n"),
            ("toml", "[package]\nname = \"tebiki\"\n"),
            ("yaml", "id: amed\nterm: AMED\n"),
            ("json", "{\"a\": [1, true]}\n"),
            ("sh", "cargo test --all\n"),
            ("shell", "echo hi\n"),
            ("bash", "ls -l\n"),
        ] {
            let html = block(code, Some(lang));
            assert!(
                html.starts_with(&format!(
                    "<pre class=\"code\" data-lang=\"{lang}\" tabindex=\"0\" role=\"region\" aria-label=\"Code\"><code>"
                )),
                "{html}"
            );
            assert!(html.contains("<span class=\"hl-"), "{lang}: {html}");
        }
    }

    #[test]
    fn unknown_language_is_escaped_plain_text() {
        assert_eq!(
            block("<b>&</b>\n", Some("klingon")),
            "<pre class=\"code\" data-lang=\"klingon\" tabindex=\"0\" role=\"region\" aria-label=\"Code\"><code>&lt;b&gt;&amp;&lt;/b&gt;\n</code></pre>\n"
        );
    }

    #[test]
    fn a_block_seen_before_is_taken_from_the_kept_ones() {
        let hl = Highlighter::new();
        let first = hl.block("a: 1\n", Some("yaml"), "Code");
        assert_eq!(hl.done.lock().unwrap().blocks.len(), 1);
        // The same text in the translation's page, and under another name of the same syntax.
        assert_eq!(hl.block("a: 1\n", Some("yaml"), "Code"), first);
        assert_eq!(hl.block("a: 1\n", Some("yml"), "Code"), first.replace("data-lang=\"yaml\"", "data-lang=\"yml\""));
        assert_eq!(hl.done.lock().unwrap().blocks.len(), 1);
        // Another syntax or another text is highlighted on its own.
        assert!(hl.block("a: 1\n", Some("rust"), "Code").contains("data-lang=\"rust\""));
        assert_ne!(hl.block("b: 2\n", Some("yaml"), "Code"), first);
        assert_eq!(hl.done.lock().unwrap().blocks.len(), 3);
    }

    /// What syntect's own generator gives for `code`, line memo or not.
    fn syntect_alone(hl: &Highlighter, code: &str, lang: &str) -> String {
        use syntect::html::ClassedHTMLGenerator;
        let syntax = hl.syntax(lang).unwrap();
        let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, &hl.syntaxes, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            generator.parse_html_for_line_which_includes_newline(line).unwrap();
        }
        generator.finalize()
    }

    #[test]
    fn lines_seen_before_in_the_same_states_give_what_syntect_gives() {
        let hl = Highlighter::new();
        // Blocks that share lines, some of them in other states: inside a
        // string or a comment, in a block scalar, after an unclosed bracket.
        let blocks = [
            ("python", "x = 1\n# a comment\ny = [x,\n     2]\n"),
            ("python", "x = 1\n# 注釈\ny = [x,\n     2]\n"),
            ("python", "s = \"\"\"\nx = 1\n# a comment\n\"\"\"\nx = 1\n"),
            ("rust", "let a = 1;\n/* open\nlet a = 1;\n*/\nlet a = 1;\n"),
            ("rust", "let a = 1;\n// x\nlet a = 1;\n"),
            ("yaml", "key: |\n  a: 1\n  b: 2\na: 1\nb: 2\n"),
            ("yaml", "# 例\na: 1\nb: 2\nlist:\n  - a: 1\n"),
            ("yaml", "# example\na: 1\nb: 2\nlist:\n  - a: 1\n"),
            ("json", "{\n  \"a\": 1,\n  \"b\": [1,\n    2]\n}\n"),
            ("json", "{\n  \"b\": [1,\n    2],\n  \"a\": 1\n}\n"),
        ];
        for (lang, code) in blocks {
            let syntax = hl.syntax(lang).unwrap();
            assert_eq!(hl.run_syntect(code, syntax).unwrap(), syntect_alone(&hl, code, lang), "{lang}: {code}");
        }
        // Lines were taken from the memo: fewer kept than highlighted.
        let lines: usize = blocks.iter().map(|(_, code)| code.lines().count()).sum();
        let kept = LINES.with_borrow(|memo| memo.lines.values().flatten().filter(|d| d.owner.0 == hl.id).count());
        assert!(kept < lines, "{kept} of {lines} lines kept");
        // A line kept in one state is parsed again in another: `x = 1` in the
        // string is not highlighted as code.
        let in_string = hl.run_syntect("s = \"\"\"\nx = 1\n\"\"\"\n", hl.syntax("python").unwrap()).unwrap();
        let alone = hl.run_syntect("x = 1\n", hl.syntax("python").unwrap()).unwrap();
        assert!(!in_string.contains(alone.trim_end()), "{in_string}");
    }

    #[test]
    fn a_line_memo_is_never_shared_between_highlighters() {
        let (a, b) = (Highlighter::new(), Highlighter::new());
        let code = "a: 1\n";
        assert_eq!(a.run_syntect(code, a.syntax("yaml").unwrap()), b.run_syntect(code, b.syntax("yaml").unwrap()));
        let owners: std::collections::BTreeSet<u64> =
            LINES.with_borrow(|memo| memo.lines.values().flatten().filter(|d| &*d.text == code).map(|d| d.owner.0).collect());
        assert!(owners.contains(&a.id) && owners.contains(&b.id), "{owners:?}");
    }

    #[test]
    fn aliases_reach_their_grammar() {
        for lang in [
            "csharp",
            "c#",
            "cs",
            "tsx",
            "typescript",
            "kotlin",
            "dockerfile",
            "console",
            "zsh",
            "golang",
            "mjs",
            "jsonc",
            "svg",
            "scss",
            "make",
        ] {
            assert!(block("x = 1\n", Some(lang)).contains("<span class=\"hl-"), "{lang}");
        }
    }

    #[test]
    fn every_language_of_the_alias_table_has_a_grammar() {
        let missing: Vec<&str> = fence_lang::all_grammars().filter(|g| !highlighter().knows(g)).collect();
        assert!(missing.is_empty(), "{missing:?}");
    }

    #[test]
    fn powershell_highlights() {
        assert!(
            block("Get-ChildItem -Path content\n", Some("powershell")).contains("<span class=\"hl-support hl-function hl-powershell\">")
        );
    }

    #[test]
    fn javascript_template_strings_are_not_a_span_per_character() {
        let html = block("const s = `HTTP ${code}`;\n", Some("js"));
        assert!(html.contains("<span class=\"hl-source hl-js\">"), "{html}");
        assert!(!html.contains(">H</span>"), "{html}");
    }

    #[test]
    fn unknown_fence_language_is_warned_about_with_its_position() {
        let md = "text\n\n```klingon\nQapla'\n```\n\n```text\nplain\n```\n\n```csharp\nvar x = 1;\n```\n";
        let events: Vec<Spanned> = pulldown_cmark::Parser::new(md).into_offset_iter().collect();
        let labels = crate::markdown::Labels::new(crate::markdown::test_support::theme(), crate::lang::Lang::En);
        let (out, problems) = code_blocks(events, highlighter(), &labels, &SourceMap::new(md, 5));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!((problems[0].line, problems[0].column, problems[0].code), (7, 1, Some("unknown-fence-language")));
        assert!(problems[0].message.contains("`klingon`"));
        assert_eq!(problems[0].severity, Severity::Warning);
        assert_eq!(out.iter().filter(|(e, _)| matches!(e, Event::Html(_))).count(), 3);
    }

    #[test]
    fn missing_language_has_no_data_lang() {
        assert_eq!(block("x\n", None), "<pre class=\"code\" tabindex=\"0\" role=\"region\" aria-label=\"Code\"><code>x\n</code></pre>\n");
    }

    #[test]
    fn highlighted_code_is_escaped() {
        let html = block("let s = \"<script>\";\n", Some("rust"));
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;"));
    }

    #[test]
    fn fences_name_their_language_by_first_word() {
        assert_eq!(language(&CodeBlockKind::Fenced("rust,ignore".into())).as_deref(), Some("rust"));
        assert_eq!(language(&CodeBlockKind::Fenced(" toml {x}".into())).as_deref(), Some("toml"));
        assert_eq!(language(&CodeBlockKind::Fenced("toml {x}".into())).as_deref(), Some("toml"));
        assert_eq!(language(&CodeBlockKind::Indented), None);
    }

    #[test]
    fn stylesheet_has_light_dark_and_print() {
        let css = highlighter().stylesheet();
        assert!(css.contains("@media (prefers-color-scheme: light)"));
        assert!(css.contains("@media screen and (prefers-color-scheme: dark)"));
        assert!(css.contains("@media print"));
        assert!(css.contains(".hl-"));
        assert!(css.contains("pre.code {"));
        assert_eq!(css, highlighter().stylesheet());
    }

    #[test]
    fn code_block_events_become_one_html_event() {
        let md = "```toml\na = 1\n```\n\n    indented\n";
        let events: Vec<Spanned> = pulldown_cmark::Parser::new(md).into_offset_iter().collect();
        let labels = crate::markdown::Labels::new(crate::markdown::test_support::theme(), crate::lang::Lang::En);
        let map = SourceMap::new(md, 1);
        let (out, problems) = code_blocks(events, highlighter(), &labels, &map);
        assert!(problems.is_empty());
        let html: Vec<_> = out.iter().filter(|(e, _)| matches!(e, Event::Html(_))).collect();
        assert_eq!(html.len(), 2);
    }
}
