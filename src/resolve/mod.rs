//! Stage 5: cross-references between pages, checked and indexed.
//!
//! [`resolve`] runs after the Markdown stage, on the site and its rendered
//! bodies, and gives the [`Index`] once: nothing later changes it. It checks every id a page's front matter names (parent, related,
//! succeeds, pages, budget projects) and the glossary's `see`/`page`, and the
//! aliases of all pages together (unique, never a page's id); it reports
//! parent cycles, and builds the [`Index`] the renderer
//! reads: children, related in both directions, successors and predecessors,
//! and the pages of every facet value and period. The bodies are checked
//! in `bodies.rs` (Markdown problems, anchors in `anchors.rs`, unknown
//! acronyms), and their references give the backlinks. `translation.rs`
//! tells each translation's status, `qa/` checks translations against their
//! sources (terminology, spelling, parity, changed blocks).

mod anchors;
mod bodies;
pub mod qa;
pub mod translation;

use std::collections::{BTreeMap, BTreeSet};

use crate::config::Role;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::lang::Lang;
use crate::markdown::{Bodies, Rendered};
use crate::model::{Page, Site};
use crate::suggest;
use crate::text::Located;

/// Relations between pages, by page index (into `Site::pages`). Made by
/// [`resolve`] and read through its methods only, so nothing changes it after.
#[derive(Debug, Default)]
pub struct Index {
    /// Parent of each page.
    parent: Vec<Option<usize>>,
    /// Children of each page, by `number`, `weight`, then title.
    children: Vec<Vec<usize>>,
    /// Related pages, both directions, sorted by id.
    related: Vec<Vec<usize>>,
    /// Pages this one continues (`succeeds`).
    predecessors: Vec<Vec<usize>>,
    /// Pages that continue this one.
    successors: Vec<Vec<usize>>,
    /// Pages that refer to this one, in bodies or front matter, sorted by id.
    backlinks: Vec<BTreeSet<usize>>,
    /// Pages per `(facet, value)`.
    facets: BTreeMap<(String, String), Vec<usize>>,
    /// Pages per period key.
    periods: BTreeMap<String, Vec<usize>>,
    /// Handout page lists.
    handout_pages: Vec<Vec<usize>>,
    /// The stale translations, `(page, language)`, with the blocks of the
    /// source that changed since their stamp (none when not known).
    stale: BTreeMap<(usize, Lang), Vec<qa::changes::Change>>,
}

impl Index {
    /// Parent of each page.
    pub fn parent(&self) -> &[Option<usize>] {
        &self.parent
    }

    /// Children of each page, by `number`, `weight`, then title.
    pub fn children(&self) -> &[Vec<usize>] {
        &self.children
    }

    /// Related pages, both directions, sorted by id.
    pub fn related(&self) -> &[Vec<usize>] {
        &self.related
    }

    /// Pages this one continues (`succeeds`).
    pub fn predecessors(&self) -> &[Vec<usize>] {
        &self.predecessors
    }

    /// Pages that continue this one.
    pub fn successors(&self) -> &[Vec<usize>] {
        &self.successors
    }

    /// Pages that refer to this one, in bodies or front matter, sorted by id.
    pub fn backlinks(&self) -> &[BTreeSet<usize>] {
        &self.backlinks
    }

    /// Pages per `(facet, value)`.
    pub fn facets(&self) -> &BTreeMap<(String, String), Vec<usize>> {
        &self.facets
    }

    /// Pages per period key.
    pub fn periods(&self) -> &BTreeMap<String, Vec<usize>> {
        &self.periods
    }

    /// Handout page lists.
    pub fn handout_pages(&self) -> &[Vec<usize>] {
        &self.handout_pages
    }

    /// When page `i`'s text in `lang` is a stale translation: the blocks of
    /// its source that changed since its stamp.
    pub fn stale_changes(&self, i: usize, lang: Lang) -> Option<&[qa::changes::Change]> {
        self.stale.get(&(i, lang)).map(Vec::as_slice)
    }

    /// The parent chain of a page, outermost first (not including the page).
    pub fn ancestors(&self, i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut cur = self.parent[i];
        while let Some(p) = cur {
            if out.contains(&p) || out.len() > 64 {
                break;
            }
            out.push(p);
            cur = self.parent[p];
        }
        out.reverse();
        out
    }
}

/// Checks the references of front matter and bodies, and builds the index
/// with the backlinks of both.
pub fn resolve(site: &Site, bodies: &Bodies, home: &BTreeMap<Lang, Rendered>, diags: &mut Diagnostics) -> Index {
    let mut ix = relations(site, diags);
    bodies::check(site, &mut ix, bodies, home, diags);
    ix.stale = stale_translations(site);
    ix
}

/// Every stale translation with the blocks of its source that changed:
/// worked out here, from the Markdown, so that rendering needs none.
fn stale_translations(site: &Site) -> BTreeMap<(usize, Lang), Vec<qa::changes::Change>> {
    let mut stale = BTreeMap::new();
    for (i, page) in site.pages().iter().enumerate() {
        for (lang, text) in &page.texts {
            if translation::status(page, *lang) == translation::Status::Stale {
                stale.insert((i, *lang), translation::changed_blocks(page, text).unwrap_or_default());
            }
        }
    }
    stale
}

/// Checks front-matter references and builds the index of relations.
fn relations(site: &Site, diags: &mut Diagnostics) -> Index {
    let n = site.pages().len();
    let mut ix = Index {
        parent: vec![None; n],
        children: vec![Vec::new(); n],
        related: vec![Vec::new(); n],
        predecessors: vec![Vec::new(); n],
        successors: vec![Vec::new(); n],
        backlinks: vec![BTreeSet::new(); n],
        handout_pages: vec![Vec::new(); n],
        ..Index::default()
    };
    let ids: Vec<&str> = site.pages().iter().map(|p| p.id.as_str()).collect();
    for i in 0..n {
        let find = Finder { site, ids: &ids, file: &site.pages()[i].source().path };
        link_page(site, i, &find, &mut ix, diags);
        bundle_and_budget(site, i, &find, &mut ix, diags);
        group_page(site, i, &mut ix);
    }
    check_aliases(site, diags);
    check_cycles(site, &mut ix, diags);
    order(site, &mut ix);
    check_glossary(site, diags);
    ix
}

/// Looks up the ids one page's front matter names.
struct Finder<'a> {
    site: &'a Site,
    ids: &'a [&'a str],
    /// The page's source file, for the messages.
    file: &'a std::path::Path,
}

impl Finder<'_> {
    /// The page with the id `l`, or an error naming `field` (none for a
    /// page that failed to load: its own error says why).
    fn find(&self, l: &Located<String>, field: &str, diags: &mut Diagnostics) -> Option<usize> {
        match self.site.page_index(&l.value) {
            Some(j) => Some(j),
            None if self.site.failed.contains(&l.value) => None,
            None => {
                diags.push(
                    Diagnostic::error(self.file, l.line, l.column, format!("{field}: no page has the id `{}`", l.value))
                        .with_help_opt(suggest::did_you_mean(&l.value, self.ids.iter().copied())),
                );
                None
            }
        }
    }
}

/// Page `i`'s parent, related pages and predecessors, with their backlinks.
fn link_page(site: &Site, i: usize, f: &Finder<'_>, ix: &mut Index, diags: &mut Diagnostics) {
    let page = &site.pages()[i];
    let file = f.file;
    if let Some(p) = &page.meta.parent {
        if p.value == page.id {
            diags.push(Diagnostic::error(file, p.line, p.column, format!("page `{}` names itself as its parent", page.id)));
        } else if let Some(j) = f.find(p, "parent", diags) {
            ix.parent[i] = Some(j);
            ix.backlinks[j].insert(i);
        }
    }
    for r in &page.meta.related {
        if let Some(j) = f.find(r, "related", diags).filter(|j| *j != i) {
            ix.related[i].push(j);
            ix.related[j].push(i);
            ix.backlinks[j].insert(i);
        }
    }
    for s in &page.meta.succeeds {
        if s.value == page.id {
            diags.push(Diagnostic::error(file, s.line, s.column, format!("page `{}` says it succeeds itself", page.id)));
        } else if let Some(j) = f.find(s, "succeeds", diags) {
            ix.predecessors[i].push(j);
            ix.successors[j].push(i);
            ix.backlinks[j].insert(i);
        }
    }
}

/// The pages a handout bundles, and the pages its budget lines name.
fn bundle_and_budget(site: &Site, i: usize, f: &Finder<'_>, ix: &mut Index, diags: &mut Diagnostics) {
    let page = &site.pages()[i];
    let file = f.file;
    if !page.meta.pages.is_empty() && !site.config.has_role(&page.kind, Role::Handout) {
        let l = &page.meta.pages[0];
        diags.push(
            Diagnostic::error(file, l.line, l.column, "`pages` is only for handouts")
                .with_help("remove it, or move the page to the handouts folder"),
        );
    }
    for l in &page.meta.pages {
        if let Some(j) = f.find(l, "pages", diags) {
            ix.handout_pages[i].push(j);
        }
    }
    for b in &page.meta.budget {
        if let Some(p) = &b.project
            && let Some(j) = f.find(p, "budget project", diags)
            && !site.config.has_role(&site.pages()[j].kind, Role::Funded)
        {
            diags.push(Diagnostic::warning(
                file,
                p.line,
                p.column,
                format!("budget project `{}` is a {}, not a project", p.value, site.pages()[j].kind),
            ));
        }
        for s in &b.shared_with {
            f.find(s, "shared_with", diags);
        }
    }
}

/// Page `i` under its periods and facet values. Unknown periods and facet
/// keys were reported when the page was read.
fn group_page(site: &Site, i: usize, ix: &mut Index) {
    let (page, config) = (&site.pages()[i], &site.config);
    for p in page.meta.period.iter().filter(|p| config.period(&p.value).is_some()) {
        ix.periods.entry(p.value.clone()).or_default().push(i);
    }
    for facet in &config.facets {
        for v in page.meta.facet(&facet.key).iter().filter(|v| facet.value(&v.value).is_some()) {
            ix.facets.entry((facet.key.clone(), v.value.clone())).or_default().push(i);
        }
    }
}

/// Children from parents, by number, weight, title and id; related pages,
/// predecessors and successors by id, each once.
fn order(site: &Site, ix: &mut Index) {
    for i in 0..site.pages().len() {
        if let Some(p) = ix.parent[i] {
            ix.children[p].push(i);
        }
    }
    let title = |i: usize| site.pages()[i].source().title.as_str();
    for kids in &mut ix.children {
        kids.sort_by(|a, b| {
            let (pa, pb) = (&site.pages()[*a], &site.pages()[*b]);
            (pa.meta.number.unwrap_or(u32::MAX), pa.meta.weight, title(*a), &pa.id).cmp(&(
                pb.meta.number.unwrap_or(u32::MAX),
                pb.meta.weight,
                title(*b),
                &pb.id,
            ))
        });
    }
    for v in ix.related.iter_mut().chain(&mut ix.predecessors).chain(&mut ix.successors) {
        v.sort_by(|a, b| site.pages()[*a].id.cmp(&site.pages()[*b].id));
        v.dedup();
    }
}

/// Reports each parent cycle once and breaks it, so later stages never loop.
fn check_cycles(site: &Site, ix: &mut Index, diags: &mut Diagnostics) {
    let n = site.pages().len();
    let mut state = vec![0u8; n]; // 0 new, 1 on the current path, 2 done
    for start in 0..n {
        let mut path = Vec::new();
        let mut cur = Some(start);
        while let Some(i) = cur {
            match state[i] {
                2 => break,
                1 => {
                    let at = path.iter().position(|p| *p == i).unwrap_or(0);
                    let cycle: Vec<&str> =
                        path[at..].iter().chain(std::iter::once(&i)).map(|j: &usize| site.pages()[*j].id.as_str()).collect();
                    let page: &Page = &site.pages()[i];
                    let l = page.meta.parent.as_ref();
                    diags.push(
                        Diagnostic::error(
                            &page.source().path,
                            l.map(|l| l.line).unwrap_or(0),
                            l.map(|l| l.column).unwrap_or(0),
                            format!("parent cycle: {}", cycle.join(" → ")),
                        )
                        .with_help("a page cannot be its own ancestor; change one of these `parent` fields"),
                    );
                    ix.parent[i] = None;
                    break;
                }
                _ => {
                    state[i] = 1;
                    path.push(i);
                    cur = ix.parent[i];
                }
            }
        }
        for p in path {
            state[p] = 2;
        }
    }
}

/// Reports aliases that are not slugs, that are a page's id, or that two
/// pages (or one page twice) give: an old URL redirects to one page only.
fn check_aliases(site: &Site, diags: &mut Diagnostics) {
    let mut given: std::collections::HashMap<&str, (&Page, &Located<String>)> = std::collections::HashMap::new();
    for page in site.pages() {
        let file = &page.source().path;
        for a in &page.meta.aliases {
            if !crate::config::is_slug(&a.value) {
                diags.push(
                    Diagnostic::error(file, a.line, a.column, format!("alias `{}` is not a lowercase slug", a.value))
                        .with_help("an alias is an old id: use only a-z, 0-9 and -"),
                );
            } else if let Some(other) = site.page(&a.value) {
                diags.push(
                    Diagnostic::error(
                        file,
                        a.line,
                        a.column,
                        format!("alias `{}` of page `{}` is the id of page `{}`", a.value, page.id, other.id),
                    )
                    .with_help(format!(
                        "{} has that id; an alias is an old id that no page uses any more, so remove it here or rename that page",
                        other.source().path.display()
                    )),
                );
            } else if let Some((first, at)) = given.get(a.value.as_str()) {
                let first_file = first.source().path.display();
                let message = if first.id == page.id {
                    format!("alias `{}` is given twice by page `{}`", a.value, page.id)
                } else {
                    format!("alias `{}` is given by pages `{}` and `{}`", a.value, first.id, page.id)
                };
                diags.push(Diagnostic::error(file, a.line, a.column, message).with_help(format!(
                    "{first_file}:{} gives it first; an old URL can redirect to one page only, so keep it once",
                    at.line
                )));
            } else {
                given.insert(&a.value, (page, a));
            }
        }
    }
}

fn check_glossary(site: &Site, diags: &mut Diagnostics) {
    let file = crate::load::glossary::GLOSSARY_FILE;
    let entry_ids: Vec<&str> = site.glossary.iter().map(|e| e.id.as_str()).collect();
    for e in site.glossary.iter() {
        for s in &e.see {
            if site.glossary.binary_search_by(|x| x.id.as_str().cmp(&s.value)).is_err() {
                diags.push(
                    Diagnostic::error(file, s.line, s.column, format!("see: no glossary entry has the id `{}`", s.value))
                        .with_help_opt(suggest::did_you_mean(&s.value, entry_ids.iter().copied())),
                );
            }
        }
        if let Some(p) = &e.page
            && site.page_index(&p.value).is_none()
        {
            diags.push(
                Diagnostic::error(file, p.line, p.column, format!("page: no page has the id `{}`", p.value))
                    .with_help_opt(suggest::did_you_mean(&p.value, site.pages().iter().map(|p| p.id.as_str()))),
            );
        }
    }
}

/// Adds backlinks from references in rendered bodies: `(from, to)` page indexes.
fn add_backlinks(ix: &mut Index, refs: impl IntoIterator<Item = (usize, usize)>) {
    for (from, to) in refs {
        if from != to {
            ix.backlinks[to].insert(from);
        }
    }
}
