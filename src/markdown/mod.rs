//! Stage 4: Markdown → HTML. [`render_bodies`] renders every page body of
//! the site into [`Bodies`] (`bodies.rs`), answering links through the
//! resolver (`resolver.rs`: `[[id]]` and relative links, from the model
//! and [`crate::paths`]); [`render`] renders one body.
//!
//! [`render`] parses CommonMark with tables, footnotes, strikethrough, task
//! lists, heading attributes, `[[wiki links]]` and GitHub's alert markers, then runs a short
//! pipeline of small passes over the event list, each in its own module:
//!
//! 0. `raw_html` — the author's raw HTML checked: what would hide the rest
//!    of the page (an unclosed `<!--`, `<script>` …), images loaded from
//!    other hosts, and (`promises`) scripts, inline styles, resources from
//!    other hosts and landmarks; `sanitize` — with `safe_html`, the
//!    author's raw HTML cleaned by ammonia (before anything tebiki
//!    generates is added); `html_links` — the links of the raw HTML
//!    (`href`, `src`, `srcset`) checked and rewritten;
//! 1. `cjk_emphasis` — `**「ゲノム」**の` becomes bold although CommonMark's
//!    flanking rule leaves it literal;
//! 2. `cjk_breaks` — a line break between Japanese characters dropped;
//! 3. `text` — adjacent text events merged; `alerts` — GitHub-style
//!    alerts (`> [!NOTE]`) become callouts titled from the theme's strings;
//! 4. `acronyms` — acronym candidates collected for `tebiki check`;
//! 5. `references` — `[[id]]`, `[[glossary:id]]` and relative `.md` links
//!    resolved through the caller's [`LinkResolver`], and every other
//!    link and image destination checked and rewritten (`html_links`,
//!    `links`, `site_urls`: site paths, folder-style links, assets, in-page
//!    anchors, checked once the headings have their ids);
//! 6. `images` — images without alt text, and images from other hosts,
//!    reported; `script_urls` —
//!    `javascript:`/`vbscript:`/`data:` links reported;
//! 7. `heading_ids` — every heading gets a unique id;
//! 8. `text` — the plain text for the search index;
//! 9. `terms` — the first occurrence of each glossary term marked up;
//! 10. `highlight` — code blocks highlighted with CSS classes, each a
//!     focusable, labelled region; the fence's language read through the
//!     alias table of `fence_lang`, and a warning when no grammar has it;
//! 11. `phrase_breaks` — `<wbr>` between the Japanese phrases of headings
//!     and table headers.
//!
//! Guarantees: `render` never panics, whatever the input; every pass is
//! linear in the length of the body (`tests/it/linear.rs` holds the shapes
//! that were not); every problem it
//! finds is returned in [`Rendered::problems`] with a 1-based line and
//! column (in characters) of the *file*, not of the body; raw HTML passes
//! through as written (its links rewritten) unless [`Options::safe_html`]
//! is set; the output
//! depends only on the input.

mod acronyms;
mod alerts;
pub(crate) mod blocks;
mod bodies;
mod cjk_breaks;
mod cjk_emphasis;
mod emphasis;
mod fence_lang;
mod heading_ids;
mod highlight;
mod html_links;
mod html_scan;
mod images;
mod labels;
mod links;
mod phrase_breaks;
mod position;
mod promises;
mod raw_html;
mod references;
mod resolver;
mod sanitize;
mod script;
mod script_urls;
mod site_urls;
mod terms;
mod text;

#[cfg(test)]
pub(crate) mod test_support;
#[cfg(test)]
mod tests;

use std::ops::Range;

use pulldown_cmark::{Event, Parser};
use serde::Serialize;

use crate::lang::Lang;

pub use bodies::{Bodies, Matchers, render_bodies, render_bodies_reusing, term_matcher};
pub use highlight::Highlighter;
pub use labels::Labels;
pub use terms::{Term, TermMatcher};

/// An event with the byte range of the source it came from.
type Spanned<'a> = (Event<'a>, Range<usize>);

/// Resolves references for the page being rendered; implemented by the
/// `resolve` stage, which knows every page and glossary entry.
pub trait LinkResolver: Sync {
    /// `[[id]]`, `[[id|text]]`, `[[id#anchor]]`, `[[glossary:id]]`.
    /// `Err` is the message for the author (the implementor adds "did you
    /// mean" suggestions). The anchor of a page reference is appended to the
    /// returned `href` by the renderer unless the `href` already has one.
    fn resolve_reference(&self, target: &Reference) -> Result<ResolvedLink, String>;
    /// A Markdown link destination that is relative and names a content file
    /// (its path ends in `.md`, optionally followed by `#anchor`). Called
    /// only for such destinations; the destination's `#anchor` is appended
    /// to the returned `href` unless the `href` already has one.
    fn resolve_file_link(&self, dest: &str) -> Result<ResolvedLink, String>;
    /// Relative URL of a glossary entry from the page being rendered (e.g.
    /// `../../glossary/#amed`).
    fn glossary_href(&self, entry_id: &str) -> String;
    /// Any other destination of a Markdown link or image, or of `href`,
    /// `src` or `srcset` in raw HTML: a site path, a folder-style or
    /// relative link, an asset. `Ok(None)` leaves it as written (external
    /// URLs, `mailto:`, in-page `#anchors`); `Err` is the message for the
    /// author, with suggestions.
    fn resolve_url(&self, _dest: &str) -> Result<Option<UrlFound>, String> {
        Ok(None)
    }
}

/// A destination [`LinkResolver::resolve_url`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlFound {
    /// The URL to write instead, relative to the page, with the destination's query and fragment.
    pub href: String,
    /// The page it names, for backlinks and the anchor check.
    pub page: Option<UrlPage>,
    /// The link names a page by its URL where `[[id]]` would do (reported as a style warning).
    pub page_url: bool,
}

/// The page a [`UrlFound`] names, and the anchor in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlPage {
    pub id: String,
    pub anchor: Option<String>,
}

/// What a `[[…]]` reference points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reference {
    /// `[[id]]` or `[[id#anchor]]`.
    Page { id: String, anchor: Option<String> },
    /// `[[glossary:id]]`.
    Glossary { id: String },
}

/// A reference resolved by the [`LinkResolver`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedLink {
    /// Relative or absolute, as the implementor wants; escaped when written.
    pub href: String,
    /// Link text used when the author gave none; for glossary: the term.
    pub title: String,
    /// The page it points to (for backlinks); `None` for glossary entries.
    pub page_id: Option<String>,
    /// `Some(lang)` when the target exists only in another language: the
    /// link gets `hreflang` and is followed by the [`note`](Self::note).
    pub other_lang: Option<Lang>,
    /// E.g. `（日本語のみ）` / ` (Japanese only)`, shown after the link in
    /// `<span class="ref-lang">`.
    pub note: Option<String>,
}

/// Everything [`render`] needs besides the Markdown.
pub struct Options<'a> {
    /// The language of the page.
    pub lang: Lang,
    /// Loaded once per build and shared.
    pub highlighter: &'a Highlighter,
    /// Resolves references from this page.
    pub links: &'a dyn LinkResolver,
    /// `None` turns automatic glossary markup off (`glossary: false`).
    pub terms: Option<&'a TermMatcher>,
    /// 1-based line in the file where the body starts, so that positions
    /// are file positions.
    pub first_line: usize,
    /// Sanitise the author's raw HTML with ammonia (`markdown.safe_html`).
    pub safe_html: bool,
    /// Allow images from other hosts (`markdown.remote_images`).
    pub remote_images: bool,
    /// The theme's words for alerts and code blocks, in the page's language.
    pub labels: &'a Labels,
    /// Hold raw HTML to the site's promises (not with `markdown.raw_html: allow` or `safe_html`).
    pub check_raw_html: bool,
}

/// The result of rendering one body.
#[derive(Clone, Debug, Default)]
pub struct Rendered {
    /// The body as HTML.
    pub html: String,
    /// Every heading, in order, with its (unique) id.
    pub headings: Vec<Heading>,
    /// The `id`s the author's raw HTML gives (anchors besides the headings').
    pub ids: Vec<String>,
    /// Every reference that resolved to a page, in order.
    pub refs: Vec<RefUse>,
    /// Glossary entry ids used on the page, in order of first occurrence
    /// (automatic markup and `[[glossary:id]]`).
    pub terms: Vec<String>,
    /// Plain text of the body (code blocks excluded) for the search index.
    pub text: std::sync::Arc<str>,
    /// Candidate acronyms in running text: the first occurrence of each,
    /// in order (see the `acronyms` module for what counts).
    pub acronyms: Vec<Located>,
    /// Problems found, sorted by position.
    pub problems: Vec<Problem>,
}

/// A heading of the body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The id written in `<hN id="…">`, unique in the page.
    pub id: String,
    /// The heading's plain text.
    pub text: String,
}

/// A reference to a page, for backlinks and anchor checks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RefUse {
    pub page_id: String,
    /// Validated later by the caller, which knows every page's headings.
    pub anchor: Option<String>,
    pub line: usize,
    pub column: usize,
}

/// A piece of text and where it starts in the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Located {
    pub text: String,
    pub line: usize,
    pub column: usize,
}

/// How bad a [`Problem`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A problem in the author's Markdown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub severity: Severity,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub help: Option<String>,
    /// The kind of problem, for those that can come in numbers (`missing-alt`).
    pub code: Option<&'static str>,
}

/// The parser options tebiki uses (SPEC §5).
fn parse_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options as O;
    O::ENABLE_TABLES
        | O::ENABLE_FOOTNOTES
        | O::ENABLE_STRIKETHROUGH
        | O::ENABLE_TASKLISTS
        | O::ENABLE_HEADING_ATTRIBUTES
        | O::ENABLE_WIKILINKS
        | O::ENABLE_GFM
}

/// Renders one page body. See the module documentation for the passes.
pub fn render(markdown: &str, opts: &Options) -> Rendered {
    let map = position::SourceMap::new(markdown, opts.first_line);
    let mut events: Vec<Spanned> = Vec::with_capacity(event_capacity(markdown));
    events.extend(Parser::new_ext(markdown, parse_options()).into_offset_iter());
    let mut problems = raw_html::check(&events, &map, opts.remote_images, opts.check_raw_html);
    let events = if opts.safe_html { sanitize::clean(events) } else { events };
    let events = cjk_emphasis::repair(events, markdown);
    let events = cjk_breaks::join_lines(events);
    let events = text::merge_text(events);
    let events = alerts::rewrite(events, opts.labels);
    let acronyms = acronyms::find(&events, markdown, &map);

    let mut uses = html_links::LinkUses::default();
    let events = html_links::rewrite(events, &map, opts.links, &mut uses);
    let ctx = references::Context { src: markdown, map: &map, links: opts.links, terms: opts.terms };
    let resolved = references::resolve(events, &ctx, &mut uses);
    let events = resolved.events;
    problems.extend(resolved.problems);
    problems.extend(images::check(&events, &map, opts.remote_images));
    problems.extend(script_urls::check(&events, &map));

    let (events, headings, heading_problems) = heading_ids::assign(events, &map);
    problems.extend(heading_problems);
    problems.extend(html_links::check_anchors(&uses, &headings, &map));
    problems.extend(uses.problems);
    let mut refs = resolved.refs;
    refs.extend(uses.refs);
    refs.sort_by_key(|r| (r.line, r.column));
    let text = text::plain_text(&events);

    let (events, automatic) = match opts.terms {
        Some(matcher) => terms::mark(events, matcher, opts.links, &resolved.glossary),
        None => (events, Vec::new()),
    };
    let terms = terms::first_uses(&resolved.glossary, &automatic);
    let (events, code_problems) = highlight::code_blocks(events, opts.highlighter, opts.labels, &map);
    problems.extend(code_problems);
    let events = phrase_breaks::mark(events);
    let events = blocks::rewrite(events, opts.lang);

    let mut html = String::with_capacity(markdown.len() + markdown.len() / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(event, _)| event));
    problems.sort_by_key(|p| (p.line, p.column));
    Rendered { html: trimmed(html), headings, refs, ids: uses.ids, terms, text: text.into(), acronyms, problems }
}

/// Room for the events of `markdown`, so that the list is allocated once
/// and never grows (growing copies a list of 100-byte events, and a page of
/// 600,000 `[[id]]` spent a fifth of its time on the fresh memory of those
/// copies). Events start where the text changes: at a line break or at one
/// of the bytes that open or close inline markup, so twice as many as those
/// bytes, or one per eight bytes for prose, covers every page seen; the room
/// a page leaves unused is never touched, so it costs address space, not
/// memory.
fn event_capacity(markdown: &str) -> usize {
    let marks = markdown
        .bytes()
        .filter(|b| matches!(b, b'\n' | b'[' | b']' | b'*' | b'_' | b'`' | b'<' | b'>' | b'|' | b'~' | b'!' | b'&' | b'\\'))
        .count();
    (2 * marks).max(markdown.len() / 8) + 16
}

/// `s` in an allocation of about its length when growing it left more than
/// an eighth unused. Bodies are kept until every page is written, and a
/// body's HTML is on average 1.7 times its Markdown, so the buffer has
/// usually doubled once: left as they were, the bodies of the 1,000-pair
/// `gen-corpus` site held 20.2 MB for 12.3 MB of HTML (at 10,000 pairs,
/// trimming took the build's peak RSS from 857 to 739 MiB).
fn trimmed(s: String) -> String {
    if s.capacity() - s.len() > s.len() / 8 { s.as_str().to_owned() } else { s }
}

/// Escapes text for HTML element content and attribute values.
fn escape_html(text: &str) -> String {
    crate::escape::html(text)
}
