//! Navigation for long documents: the side navigation of a page's kind
//! (grouped by period), the "on this page" table of contents, and the
//! previous and next pages of the kind's list.
//!
//! The order of a kind is its list's order ([`list_order`]), worked out
//! once per kind and language when the renderer starts ([`KindOrders`]), so
//! a page finds its neighbours without sorting again.

use std::collections::BTreeMap;

use serde::Serialize;

use super::locale;
use crate::lang::Lang;
use crate::markdown::Heading;
use crate::model::Site;
use crate::paths;

/// A page's "on this page" list needs at least this many `h2`.
pub const TOC_MIN_SECTIONS: usize = 3;

/// The side navigation of a kind: its pages under period headings.
///
/// A kind longer than one page of its list shows only the pages of the list
/// page that holds the current page, with links to the list pages before
/// and after (`pagination`): every page carries a bounded menu, so a site's
/// output grows with its pages, not with their square.
#[derive(Serialize)]
pub struct SideNav {
    pub label: String,
    pub url: String,
    pub groups: Vec<NavGroup>,
    pub pagination: Option<Pagination>,
}

/// Pages under one heading of the side navigation.
#[derive(Serialize)]
pub struct NavGroup {
    pub heading: Option<String>,
    pub items: Vec<NavLink>,
}

/// A link of the side navigation or the pager.
#[derive(Serialize, Clone)]
pub struct NavLink {
    pub title: String,
    pub url: String,
    pub current: bool,
    /// Set when the target is shown in another language than the page's.
    pub hreflang: Option<&'static str>,
}

/// One entry of "on this page": an `h2` of the page.
#[derive(Serialize, Debug, PartialEq, Eq)]
pub struct TocEntry {
    pub id: String,
    pub text: String,
}

/// Links between the pages of a long list: `prev` and `next` (relative
/// URLs) and `label` ("Page 2 of 12").
#[derive(Serialize)]
pub struct Pagination {
    pub prev: Option<String>,
    pub next: Option<String>,
    pub label: String,
}

/// The previous and next page of the kind's list.
#[derive(Serialize)]
pub struct Pager {
    pub prev: Option<NavLink>,
    pub next: Option<NavLink>,
}

/// Pages sorted for lists: by period, number, weight, title (in `lang`), id.
pub fn list_order(site: &Site, mut pages: Vec<usize>, lang: Lang) -> Vec<usize> {
    let cfg = &site.config;
    let key = |i: &usize| {
        let p = &site.pages()[*i];
        let period = p.meta.period.first().and_then(|k| cfg.periods.iter().position(|x| x.key == k.value)).unwrap_or(usize::MAX);
        (period, p.meta.number.unwrap_or(u32::MAX), p.meta.weight, p.text_or_source(lang).0.title.clone(), p.id.clone())
    };
    // The key owns two strings: compute it once per page, not twice per comparison.
    pages.sort_by_cached_key(key);
    pages
}

/// Each kind's pages in list order, per language, and each page's place.
pub struct KindOrders {
    orders: BTreeMap<(Lang, String), Vec<usize>>,
    places: BTreeMap<(Lang, usize), usize>,
}

impl KindOrders {
    pub fn new(site: &Site) -> KindOrders {
        let mut by_kind: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, p) in site.pages().iter().enumerate() {
            by_kind.entry(p.kind.as_str()).or_default().push(i);
        }
        let mut orders = BTreeMap::new();
        let mut places = BTreeMap::new();
        for &lang in &site.config.languages {
            for (kind, pages) in &by_kind {
                let order = list_order(site, pages.clone(), lang);
                places.extend(order.iter().enumerate().map(|(n, i)| ((lang, *i), n)));
                orders.insert((lang, kind.to_string()), order);
            }
        }
        KindOrders { orders, places }
    }

    /// The pages of `kind` in list order for readers of `lang`.
    pub fn order(&self, lang: Lang, kind: &str) -> &[usize] {
        self.orders.get(&(lang, kind.to_string())).map(Vec::as_slice).unwrap_or_default()
    }

    /// Page `i`'s place in its kind's list for readers of `lang`.
    pub fn place(&self, i: usize, lang: Lang) -> Option<usize> {
        self.places.get(&(lang, i)).copied()
    }

    /// Page `i`'s neighbours in its kind's list: (previous, next).
    pub fn neighbours(&self, site: &Site, i: usize, lang: Lang) -> (Option<usize>, Option<usize>) {
        let order = self.order(lang, &site.pages()[i].kind);
        match self.places.get(&(lang, i)) {
            Some(&n) => (n.checked_sub(1).and_then(|m| order.get(m).copied()), order.get(n + 1).copied()),
            None => (None, None),
        }
    }
}

/// The `h2` of a page in order: the body's, then the page's own sections
/// (`extra`: id and heading). Empty with fewer than `min` entries.
pub fn toc(headings: &[Heading], extra: Vec<(String, String)>, min: usize) -> Vec<TocEntry> {
    let entries: Vec<TocEntry> = headings
        .iter()
        .filter(|h| h.level == 2)
        .map(|h| TocEntry { id: h.id.clone(), text: h.text.clone() })
        .chain(extra.into_iter().map(|(id, text)| TocEntry { id, text }))
        .collect();
    if entries.len() >= min { entries } else { Vec::new() }
}

/// Groups `order` by first period, keeping the order; pages without a
/// period come last under no heading.
pub fn by_period(site: &Site, order: &[usize], lang: Lang) -> Vec<(Option<String>, Vec<usize>)> {
    let cfg = &site.config;
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in order {
        let period = site.pages()[i].meta.period.first().and_then(|k| cfg.periods.iter().position(|x| x.key == k.value));
        groups.entry(period.unwrap_or(usize::MAX)).or_default().push(i);
    }
    groups
        .into_iter()
        .map(|(k, pages)| {
            let heading = cfg.periods.get(k).map(|p| locale::period(p.label.get_or_any(lang), p.from, p.to, lang));
            (heading, pages)
        })
        .collect()
}

/// A link from `dir` to page `j`, in `lang` if it has it.
pub fn link(site: &Site, j: usize, lang: Lang, dir: &str, current: bool) -> NavLink {
    let p = &site.pages()[j];
    let (text, in_lang) = p.text_or_source(lang);
    NavLink {
        title: text.short_title.clone().unwrap_or_else(|| text.title.clone()),
        url: paths::relative(dir, &paths::page_index(in_lang, &p.folder, &p.id)),
        current,
        hreflang: (in_lang != lang).then_some(in_lang.code()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(level: u8, id: &str) -> Heading {
        Heading { level, id: id.into(), text: id.to_uppercase() }
    }

    #[test]
    fn toc_lists_every_h2_with_the_page_sections_and_needs_three() {
        let two = toc(&[h(2, "a"), h(3, "b")], vec![("sources-heading".into(), "Sources".into())], TOC_MIN_SECTIONS);
        assert!(two.is_empty());
        let three = toc(&[h(2, "a"), h(3, "b"), h(2, "c")], vec![("sources-heading".into(), "Sources".into())], TOC_MIN_SECTIONS);
        let ids: Vec<&str> = three.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["a", "c", "sources-heading"]);
    }
}
