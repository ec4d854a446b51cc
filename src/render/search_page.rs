//! Phase 2: the search page of one language (`/{lang}/search/`).
//!
//! The page is a real GET form (`?q=`, `kind`, `period`, `ministry`) with
//! the filter values that the language's index has, in configuration
//! order. `tebiki-search.js` reads the form, the index folder and the UI
//! strings from `data-` attributes and fills in the results; nothing is
//! inline, so a strict Content-Security-Policy works.

use std::collections::BTreeSet;

use serde::Serialize;

use super::OutFile;
use super::context::Chrome;
use super::pages::Renderer;
use crate::diagnostic::Diagnostic;
use crate::lang::Lang;
use crate::paths;
use crate::search;

/// The search page.
#[derive(Serialize)]
pub struct SearchView {
    pub title: String,
    /// The index folder, relative to the page (`v1/`).
    pub index: String,
    pub filters: Vec<Filter>,
}

/// One filter: a `<select>` of the values present in the index.
#[derive(Serialize)]
pub struct Filter {
    /// The facet in the index (`kind`, `period`, `ministries`).
    pub facet: &'static str,
    /// The URL parameter (`kind`, `period`, `ministry`).
    pub param: &'static str,
    pub label: String,
    pub options: Vec<FilterOption>,
}

/// A value of a filter.
#[derive(Serialize)]
pub struct FilterOption {
    pub value: String,
    pub label: String,
}

#[derive(Serialize)]
struct SearchCtx<'a> {
    c: Chrome<'a>,
    s: SearchView,
}

impl Renderer<'_> {
    /// The filters of `lang`'s search page: each value some page of that language has.
    fn search_filters(&self, lang: Lang) -> Vec<Filter> {
        let cfg = &self.site.config;
        let mut used: [BTreeSet<String>; 3] = Default::default();
        for (_, page) in search::pages_in(self.site, lang) {
            for (facet, values) in search::page_facets(self.site, page) {
                let k = match facet {
                    "kind" => 0,
                    "period" => 1,
                    _ => 2,
                };
                used[k].extend(values);
            }
        }
        let t = |k: &str| self.theme.t(lang, k).to_string();
        let mut filters = vec![
            Filter {
                facet: "kind",
                param: "kind",
                label: t("search_kind"),
                options: cfg
                    .kinds
                    .iter()
                    .filter(|k| used[0].contains(&k.key))
                    .map(|k| FilterOption { value: k.key.clone(), label: k.label.get_or_any(lang).into() })
                    .collect(),
            },
            Filter {
                facet: "period",
                param: "period",
                label: t("search_period"),
                options: cfg
                    .periods
                    .iter()
                    .filter(|p| used[1].contains(&p.key))
                    .map(|p| FilterOption { value: p.key.clone(), label: p.label.get_or_any(lang).into() })
                    .collect(),
            },
        ];
        if let Some(f) = cfg.facets.iter().find(|f| f.key == search::MINISTRIES) {
            filters.push(Filter {
                facet: search::MINISTRIES,
                param: "ministry",
                label: t("search_ministry"),
                options: f
                    .values
                    .iter()
                    .filter(|v| used[2].contains(&v.key))
                    .map(|v| FilterOption { value: v.key.clone(), label: v.label.get_or_any(lang).into() })
                    .collect(),
            });
        }
        filters.retain(|f| !f.options.is_empty());
        filters
    }

    pub(super) fn search_page(&self, lang: Lang, out: String) -> Result<OutFile, Diagnostic> {
        let title = self.theme.t(lang, "search").to_string();
        let c = self.section_chrome(lang, paths::search_dir, &title, None, "search");
        let index = paths::search_index_from_page();
        let s = SearchView { title, index, filters: self.search_filters(lang) };
        self.render("search.html", &SearchCtx { c, s }, out)
    }
}
