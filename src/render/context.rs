//! Typed, borrowed contexts handed to templates.
//!
//! Every template gets `c` ([`Chrome`]: what every page shows) and one more
//! value: `p` ([`PageView`]), `l` ([`ListView`]), `g` ([`GlossaryView`]) or
//! `r` ([`RootView`]). Values are final (URLs relative, labels localised), so
//! templates only lay them out. Strings are escaped by Tera; only `body` and
//! `intro` are trusted HTML, produced by the Markdown renderer.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::lang::Lang;
use crate::model::Source;

pub use super::charts::ChartView;
pub use super::navigation::{Pager, Pagination, SideNav, TocEntry};

/// What every page shows: head tags, header, navigation, footer.
#[derive(Serialize)]
pub struct Chrome<'a> {
    pub lang: &'a str,
    pub og_locale: &'a str,
    pub site_title: &'a str,
    pub site_description: Option<&'a str>,
    /// `<title>`: page title and site title.
    pub head_title: String,
    pub title: String,
    pub description: Option<String>,
    pub canonical: String,
    pub alternates: Vec<Alternate>,
    pub og_type: &'a str,
    /// Relative prefix to the output root (`../../`), or the base path for pages served anywhere.
    pub root: String,
    pub home_url: String,
    /// The search page of this language (the header's search form goes there).
    pub search_url: String,
    /// The accessibility statement, where the site has one.
    pub accessibility_url: Option<String>,
    pub nav: Vec<NavItem>,
    pub switcher: Option<Switcher>,
    pub breadcrumbs: Vec<Crumb>,
    /// UI strings in this language. Not serialized with the rest: the
    /// renderer puts one shared copy per language into every context.
    #[serde(skip)]
    pub t: &'a BTreeMap<String, String>,
}

/// An `hreflang` alternate.
#[derive(Serialize)]
pub struct Alternate {
    pub hreflang: String,
    pub href: String,
}

/// A header menu entry.
#[derive(Serialize)]
pub struct NavItem {
    pub label: String,
    pub url: String,
    pub current: bool,
}

/// The link to the same page in the other language.
#[derive(Serialize)]
pub struct Switcher {
    pub url: String,
    pub lang: &'static str,
    pub label: &'static str,
}

/// One step of the breadcrumbs; the last has no URL.
#[derive(Serialize)]
pub struct Crumb {
    pub label: String,
    pub url: Option<String>,
}

/// A text that may be a link.
#[derive(Serialize, Clone, Debug)]
pub struct Link {
    pub text: String,
    pub url: Option<String>,
}

/// A labelled list of values in the page's facts box.
#[derive(Serialize)]
pub struct Fact {
    pub label: String,
    pub values: Vec<Link>,
}

/// A link to another page in a list of relations or cards.
#[derive(Serialize, Clone)]
pub struct Item {
    pub title: String,
    pub url: String,
    /// Set when the target is in another language than the page.
    pub hreflang: Option<&'static str>,
    /// Kind, period … in one line.
    pub meta: Option<String>,
    /// "日本語のみ" / "Japanese only".
    pub note: Option<String>,
    pub summary: Option<String>,
}

/// A group of related pages (children, related, successors …).
#[derive(Serialize)]
pub struct Relation {
    pub key: &'static str,
    pub heading: String,
    pub items: Vec<Item>,
    /// The rest of a long list, shown folded.
    pub more: Vec<Item>,
    /// "残り12件を表示" / "Show 12 more", when `more` has items.
    pub more_label: Option<String>,
}

/// One row of a page's budget table.
#[derive(Serialize)]
pub struct BudgetRow {
    pub fy: String,
    pub scope: String,
    pub amount: String,
    pub project: Option<LinkTo>,
    pub notes: Vec<BudgetNote>,
}

/// A link that always has a URL.
#[derive(Serialize)]
pub struct LinkTo {
    pub text: String,
    pub url: String,
}

/// A qualifier of a budget line, with links (programs sharing the figure).
#[derive(Serialize)]
pub struct BudgetNote {
    pub text: String,
    pub links: Vec<LinkTo>,
}

/// A glossary term used on a page.
#[derive(Serialize)]
pub struct TermUse {
    pub term: String,
    pub expansion: Option<String>,
    pub definition: String,
    pub url: String,
}

/// A source a page draws on.
#[derive(Serialize)]
pub struct SourceView {
    pub title: String,
    pub publisher: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub note: Option<String>,
}

impl SourceView {
    /// `source` as readers of `lang` see it.
    pub fn new(source: &Source, lang: Lang) -> SourceView {
        SourceView {
            title: source.title.get_or_any(lang).into(),
            publisher: source.publisher.as_ref().map(|p| p.get_or_any(lang).into()),
            date: source.date.map(|d| super::locale::date(d, lang)),
            url: source.url.clone(),
            note: source.note.as_ref().map(|n| n.get_or_any(lang).into()),
        }
    }
}

/// A content page.
#[derive(Serialize)]
pub struct PageView {
    pub id: String,
    pub lang: &'static str,
    pub kind: String,
    pub kind_label: String,
    pub number_label: Option<String>,
    pub title: String,
    pub subtitle: Option<String>,
    pub summary: Option<String>,
    pub lang_notice: Option<String>,
    /// Set on a stale translation: a notice linking to the source-language page.
    pub stale: Option<StaleNotice>,
    pub facts: Vec<Fact>,
    pub body: String,
    /// The body after its own budget section, when the budget table goes there.
    pub body_rest: String,
    pub budget: Vec<BudgetRow>,
    /// The budget table ends the body's own budget section (no section of its own).
    pub budget_in_body: bool,
    /// The id of the heading that names the budget table.
    pub budget_heading: String,
    /// Some budget line names a project (else the column is left out).
    pub budget_projects: bool,
    /// Some budget line has a note (else the column is left out).
    pub budget_notes: bool,
    /// Budget charts and relation diagrams.
    pub charts: Vec<ChartView>,
    pub relations: Vec<Relation>,
    pub terms: Vec<TermUse>,
    pub sources: Vec<SourceView>,
    /// "On this page": every `h2`, when there are three or more.
    pub toc: Vec<TocEntry>,
    /// The pages of this page's kind, grouped by period.
    /// The side navigation (a [`SideNav`], or none), as a template value:
    /// the pages of a list share one, each with its own entry marked
    /// current. Not serialized with the rest: the renderer puts it into the
    /// page's context as it is (`p.side_nav`).
    #[serde(skip)]
    pub side_nav: tera::Value,
    /// The previous and next page of the kind's list.
    pub pager: Option<Pager>,
}

/// The notice on a translation whose source has changed since it was stamped.
#[derive(Serialize)]
pub struct StaleNotice {
    pub text: String,
    pub link_text: String,
    pub url: String,
    pub hreflang: &'static str,
    /// What changed in the source since the stamp, when the stamp recorded its blocks.
    pub changes: Vec<StaleChange>,
    /// The sentence before that list.
    pub changes_intro: String,
}

/// A block of the source that changed since the translation was stamped.
#[derive(Serialize)]
pub struct StaleChange {
    /// "Changed", "Added", "Removed", in the page's language.
    pub what: String,
    /// The block's first words, in the source's language (empty when removed).
    pub excerpt: String,
    /// The source page, at the section of the block when it has one.
    pub url: String,
}

/// A list page: sections of cards and/or a table.
#[derive(Serialize, Default)]
pub struct ListView {
    pub title: String,
    pub intro: Option<String>,
    pub sections: Vec<Section>,
    pub pagination: Option<Pagination>,
    /// "On this page": the sections (or, without headings, the cards), when three or more.
    pub toc: Vec<TocEntry>,
    /// The home page's first screen; empty on other lists.
    pub overview: Option<Overview>,
}

impl ListView {
    /// A list of one page without "on this page".
    pub fn new(title: String, intro: Option<String>, sections: Vec<Section>) -> ListView {
        ListView { title, intro, sections, pagination: None, toc: Vec::new(), overview: None }
    }
}

/// The site at a glance, for the first screen of the home page: its kinds
/// and periods with how many pages each holds, and the latest pages.
#[derive(Serialize, Default)]
pub struct Overview {
    pub kinds: Vec<OverviewEntry>,
    pub periods: Vec<OverviewEntry>,
    /// The pages with the latest `updated` (or `date`), newest first; `meta`
    /// holds the date and the page's kind.
    pub latest: Vec<Item>,
}

/// A kind or period of the overview.
#[derive(Serialize)]
pub struct OverviewEntry {
    pub label: String,
    pub url: String,
    /// "33件" / "33 pages".
    pub count: String,
    pub description: Option<String>,
}

/// A section of a list page.
#[derive(Serialize, Default)]
pub struct Section {
    pub id: Option<String>,
    pub heading: Option<String>,
    pub url: Option<String>,
    pub count: Option<usize>,
    pub description: Option<String>,
    pub items: Vec<Item>,
    /// Charts and diagrams, shown before the table.
    pub charts: Vec<ChartView>,
    pub table: Option<Table>,
}

/// A table of links and texts.
#[derive(Serialize, Default)]
pub struct Table {
    pub caption: Option<String>,
    pub head: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// A table cell: one or more values, each maybe a link.
#[derive(Serialize, Default)]
pub struct Cell {
    pub values: Vec<Link>,
    pub class: Option<&'static str>,
}

/// The glossary page.
#[derive(Serialize)]
pub struct GlossaryView {
    pub title: String,
    pub intro: String,
    pub index_label: String,
    pub groups: Vec<GlossaryGroup>,
}

/// Entries under one kana row or letter.
#[derive(Serialize)]
pub struct GlossaryGroup {
    pub anchor: String,
    pub heading: String,
    pub entries: Vec<GlossaryItem>,
}

/// One glossary entry as shown.
#[derive(Serialize)]
pub struct GlossaryItem {
    pub id: String,
    pub term: String,
    pub reading: Option<String>,
    pub expansion: Option<String>,
    pub definition: String,
    pub page: Option<LinkTo>,
    pub see: Vec<SeeAlso>,
    pub used_in: Vec<LinkTo>,
    /// The entry's term in another language of the site (伴走支援 beside "Hands-on support").
    pub other: Option<OtherTerm>,
}

/// A glossary term as another language of the site writes it.
#[derive(Serialize)]
pub struct OtherTerm {
    pub lang: &'static str,
    pub term: String,
}

/// A related glossary entry.
#[derive(Serialize)]
pub struct SeeAlso {
    pub id: String,
    pub term: String,
}

/// The root page that offers every language.
#[derive(Serialize)]
pub struct RootView {
    pub default_lang: &'static str,
    pub title: String,
    pub canonical: String,
    pub alternates: Vec<Alternate>,
    pub languages: Vec<RootLang>,
}

/// One language offered on the root page.
#[derive(Serialize)]
pub struct RootLang {
    pub lang: &'static str,
    pub title: String,
    pub description: Option<String>,
    pub url: String,
    pub enter: String,
}
