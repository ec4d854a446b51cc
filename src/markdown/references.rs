//! References: `[[id]]`, `[[id|text]]`, `[[id#anchor]]`, `[[glossary:id]]`
//! and relative links to content files (`[B-cure](../programs/b-cure.ja.md)`).
//!
//! The parser reads `[[…]]` as wiki links (never inside code); this pass
//! asks the [`LinkResolver`] for each and writes the link as inline HTML, so
//! that later passes treat it like any raw `<a>`: no glossary markup inside.
//! A target that exists only in the other language gets `hreflang` and the
//! resolver's note after the link.
//!
//! Guarantees: every failure is a [`Problem`] (an error) at the reference's
//! file position, and the reference is then shown as the author wrote it
//! (a failed Markdown link keeps its text, without the link); every page
//! reference that resolves is recorded as a [`RefUse`]; every
//! `[[glossary:id]]` that resolves is recorded with its source offset.
//! External URLs, `#anchors`, `mailto:` and links to other files are left
//! alone. Each distinct `[[…]]` of a page is parsed and resolved once, however
//! often the page uses it.

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::html_links::{self, LinkUses};
use super::position::SourceMap;
use super::{LinkResolver, Problem, RefUse, Reference, ResolvedLink, Severity, Spanned, TermMatcher, escape_html};
use crate::escape::push_html;

/// What the pass needs besides the events.
pub(super) struct Context<'a> {
    pub src: &'a str,
    pub map: &'a SourceMap<'a>,
    pub links: &'a dyn LinkResolver,
    pub terms: Option<&'a TermMatcher>,
}

/// The events with references written out, and what was found.
pub(super) struct Resolved<'a> {
    pub events: Vec<Spanned<'a>>,
    pub refs: Vec<RefUse>,
    /// `[[glossary:id]]` uses: source offset and entry id.
    pub glossary: Vec<(usize, String)>,
    pub problems: Vec<Problem>,
}

/// A `[[…]]` as the page's first use of it parsed and resolved it, for
/// every later use: the reference, the link and its opening tag; or the
/// problem (message, help).
type Answer = Result<(Reference, ResolvedLink, String), (String, Option<String>)>;

/// A Markdown link or image destination checked; the destination to write.
fn site_url<'a>(dest: CowStr<'a>, at: usize, ctx: &Context<'_>, uses: &mut LinkUses) -> CowStr<'a> {
    match html_links::check_url(&dest, at, ctx.map, ctx.links, uses) {
        Some(href) => CowStr::from(href),
        None => dest,
    }
}

pub(super) fn resolve<'a>(events: Vec<Spanned<'a>>, ctx: &Context<'_>, uses: &mut LinkUses) -> Resolved<'a> {
    let mut out = Resolved { events: Vec::with_capacity(events.len()), refs: Vec::new(), glossary: Vec::new(), problems: Vec::new() };
    let mut answers: HashMap<String, Answer> = HashMap::new();
    let mut iter = events.into_iter();
    while let Some((event, range)) = iter.next() {
        match event {
            Event::Start(Tag::Link { link_type: LinkType::WikiLink { has_pothole }, dest_url, .. }) => {
                let inner = take_inner(&mut iter, TagEnd::Link);
                let dest = if has_pothole { dest_url.strip_suffix('\\').unwrap_or(&dest_url) } else { &dest_url };
                let text = if has_pothole && has_content(&inner) { Some(inner) } else { None };
                if !answers.contains_key(dest) {
                    answers.insert(dest.to_string(), answer(dest, ctx));
                }
                if let Some(answer) = answers.get(dest) {
                    out.wiki_link(answer, text, range, ctx);
                }
            }
            Event::Start(Tag::Image { link_type: LinkType::WikiLink { .. }, .. }) => {
                take_inner(&mut iter, TagEnd::Image);
                out.problem(
                    ctx,
                    range.start,
                    Severity::Warning,
                    "`![[…]]` embeds are not supported".into(),
                    Some("link with [[id]] or show an image with ![description](path)".into()),
                );
                out.events.push((Event::Text(CowStr::from(source(ctx, &range))), range));
            }
            Event::Start(Tag::Link { link_type, dest_url, title, .. })
                if !matches!(link_type, LinkType::Autolink | LinkType::Email) && is_content_file_link(&dest_url) =>
            {
                let inner = take_inner(&mut iter, TagEnd::Link);
                out.file_link(&dest_url, &title, inner, range, ctx);
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) if !matches!(link_type, LinkType::Autolink | LinkType::Email) => {
                let dest_url = site_url(dest_url, range.start, ctx, uses);
                out.events.push((Event::Start(Tag::Link { link_type, dest_url, title, id }), range));
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest_url = site_url(dest_url, range.start, ctx, uses);
                out.events.push((Event::Start(Tag::Image { link_type, dest_url, title, id }), range));
            }
            other => out.events.push((other, range)),
        }
    }
    out
}

impl<'a> Resolved<'a> {
    fn wiki_link(&mut self, answer: &Answer, text: Option<Vec<Spanned<'a>>>, range: std::ops::Range<usize>, ctx: &Context<'_>) {
        let (reference, link, open) = match answer {
            Ok(found) => found,
            Err((message, help)) => {
                self.problem(ctx, range.start, Severity::Error, message.clone(), help.clone());
                self.events.push((Event::Text(CowStr::from(source(ctx, &range))), range));
                return;
            }
        };
        let close = match reference {
            Reference::Page { anchor, .. } => {
                self.record_page(link, anchor.clone(), range.start, ctx);
                "</a>"
            }
            Reference::Glossary { id } => {
                self.glossary.push((range.start, id.clone()));
                abbr_close(ctx.terms.and_then(|t| t.expansion_of(id)))
            }
        };
        let text = text.unwrap_or_else(|| vec![(Event::Text(CowStr::from(link.title.clone())), range.clone())]);
        self.write_link(open.clone(), text, close, link, range);
    }

    fn file_link(&mut self, dest: &str, title: &str, inner: Vec<Spanned<'a>>, range: std::ops::Range<usize>, ctx: &Context<'_>) {
        match ctx.links.resolve_file_link(dest) {
            Ok(link) => {
                let anchor = dest.split_once('#').map(|(_, a)| a).filter(|a| !a.is_empty());
                self.record_page(&link, anchor.map(str::to_string), range.start, ctx);
                let title = Some(title).filter(|t| !t.is_empty());
                let open = anchor_tag(&with_anchor(&link.href, anchor), link.other_lang.map(|l| l.code()), None, title);
                self.write_link(open, inner, "</a>", &link, range);
            }
            Err(message) => {
                self.problem(ctx, range.start, Severity::Error, message, None);
                self.events.extend(inner);
            }
        }
    }

    fn write_link(
        &mut self,
        open: String,
        text: Vec<Spanned<'a>>,
        close: &'static str,
        link: &ResolvedLink,
        range: std::ops::Range<usize>,
    ) {
        self.events.push((Event::InlineHtml(CowStr::from(open)), range.clone()));
        self.events.extend(text);
        self.events.push((Event::InlineHtml(CowStr::Borrowed(close)), range.clone()));
        if let (Some(_), Some(note)) = (link.other_lang, &link.note) {
            let span = format!("<span class=\"ref-lang\">{}</span>", escape_html(note));
            self.events.push((Event::InlineHtml(CowStr::from(span)), range));
        }
    }

    fn record_page(&mut self, link: &ResolvedLink, anchor: Option<String>, at: usize, ctx: &Context<'_>) {
        if let Some(page_id) = &link.page_id {
            let (line, column) = ctx.map.line_col(at);
            self.refs.push(RefUse { page_id: page_id.clone(), anchor, line, column });
        }
    }

    fn problem(&mut self, ctx: &Context<'_>, at: usize, severity: Severity, message: String, help: Option<String>) {
        let (line, column) = ctx.map.line_col(at);
        self.problems.push(Problem { severity, line, column, message, help, code: None });
    }
}

/// Parses and resolves the `[[dest]]` of a page, and writes its opening tag.
fn answer(dest: &str, ctx: &Context<'_>) -> Answer {
    let reference = parse_reference(dest).map_err(|(message, help)| (message, Some(help)))?;
    let link = ctx.links.resolve_reference(&reference).map_err(|message| (message, None))?;
    let open = match &reference {
        Reference::Page { anchor, .. } => {
            anchor_tag(&with_anchor(&link.href, anchor.as_deref()), link.other_lang.map(|l| l.code()), None, None)
        }
        Reference::Glossary { id } => {
            let mut open = String::new();
            push_term_open(&mut open, &link.href, ctx.terms.and_then(|t| t.expansion_of(id)));
            open
        }
    };
    Ok((reference, link, open))
}

/// The events up to the matching end tag, which is consumed.
fn take_inner<'a>(iter: &mut impl Iterator<Item = Spanned<'a>>, end: TagEnd) -> Vec<Spanned<'a>> {
    let mut inner = Vec::new();
    let mut depth = 0usize;
    for (event, range) in iter.by_ref() {
        match &event {
            Event::Start(tag) if tag.to_end() == end => depth += 1,
            Event::End(e) if *e == end => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            _ => {}
        }
        inner.push((event, range));
    }
    inner
}

/// Whether `[[id|text]]` has text (`[[id|]]` has none).
fn has_content(inner: &[Spanned<'_>]) -> bool {
    inner.iter().any(|(event, _)| !matches!(event, Event::Text(t) if t.trim().is_empty()))
}

fn source(ctx: &Context<'_>, range: &std::ops::Range<usize>) -> String {
    ctx.src.get(range.clone()).unwrap_or_default().to_string()
}

/// `id`, `id#anchor` or `glossary:id` → a reference; `Err` is a message and
/// a help text.
fn parse_reference(dest: &str) -> Result<Reference, (String, String)> {
    let dest = dest.trim();
    if let Some(id) = dest.strip_prefix("glossary:") {
        let id = id.trim();
        if id.is_empty() {
            return Err(("glossary reference without an entry id".into(), "write [[glossary:id]]".into()));
        }
        return Ok(Reference::Glossary { id: id.to_string() });
    }
    let (id, anchor) = match dest.split_once('#') {
        Some((id, anchor)) => (id.trim(), Some(anchor.trim()).filter(|a| !a.is_empty())),
        None => (dest, None),
    };
    if id.is_empty() {
        return Err((
            format!("reference `[[{dest}]]` has no page id"),
            "write [[id]], [[id#anchor]], or [text](#anchor) for a heading on this page".into(),
        ));
    }
    Ok(Reference::Page { id: id.to_string(), anchor: anchor.map(str::to_string) })
}

/// A relative destination whose path names a Markdown file.
fn is_content_file_link(dest: &str) -> bool {
    if dest.is_empty() || dest.starts_with(['/', '#', '?']) || has_scheme(dest) {
        return false;
    }
    let path = dest.split(['#', '?']).next().unwrap_or_default();
    path.ends_with(".md")
}

/// `mailto:`, `https:`, … (a scheme before any `/`, `?` or `#`).
fn has_scheme(dest: &str) -> bool {
    let Some(colon) = dest.find(':') else { return false };
    let scheme = &dest[..colon];
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

fn with_anchor(href: &str, anchor: Option<&str>) -> String {
    match anchor {
        Some(anchor) if !href.contains('#') => format!("{href}#{anchor}"),
        _ => href.to_string(),
    }
}

fn anchor_tag(href: &str, hreflang: Option<&str>, class: Option<&str>, title: Option<&str>) -> String {
    let mut tag = String::with_capacity(16 + href.len() + title.map_or(0, str::len));
    push_anchor_tag(&mut tag, href, hreflang, class, title);
    tag
}

/// Writes `<a …>` with its attributes escaped onto `tag`.
fn push_anchor_tag(tag: &mut String, href: &str, hreflang: Option<&str>, class: Option<&str>, title: Option<&str>) {
    tag.push_str("<a");
    let mut attr = |name: &str, value: &str| {
        tag.push(' ');
        tag.push_str(name);
        tag.push_str("=\"");
        push_html(tag, value);
        tag.push('"');
    };
    if let Some(class) = class {
        attr("class", class);
    }
    attr("href", href);
    if let Some(lang) = hreflang {
        attr("hreflang", lang);
    }
    if let Some(title) = title {
        attr("title", title);
    }
    tag.push('>');
}

/// Writes the opening of a glossary link onto `out`: `<a class="term" href="…">`,
/// then `<abbr title="…">` for a term with an expansion (an abbreviation). Both
/// `[[glossary:id]]` and the automatic markup of terms use it.
pub(super) fn push_term_open(out: &mut String, href: &str, expansion: Option<&str>) {
    push_anchor_tag(out, href, None, Some("term"), None);
    if let Some(expansion) = expansion {
        out.push_str("<abbr title=\"");
        push_html(out, expansion);
        out.push_str("\">");
    }
}

/// The closing tags matching [`push_term_open`].
pub(super) fn abbr_close(expansion: Option<&str>) -> &'static str {
    if expansion.is_some() { "</abbr></a>" } else { "</a>" }
}

#[cfg(test)]
#[path = "references_tests.rs"]
mod tests;
