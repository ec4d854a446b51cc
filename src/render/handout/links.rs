//! Where a link in a handout goes.
//!
//! Bodies come from phase 1 with links relative to their own page's folder.
//! In a handout, a link to a page that the handout includes becomes an
//! anchor in the document (`#p-b-cure`, `#p-b-cure--概要`), a glossary link
//! to a term of the appendix becomes `#g-amed`, and every other link into
//! the site becomes the absolute online URL (`https://example.org/ja/…/`), so
//! that it still leads somewhere from paper or from a PDF. Images stay
//! relative, rebased to the handout's folder.

use std::collections::{BTreeMap, BTreeSet};

use crate::lang::Lang;
use crate::model::Site;
use crate::paths;

/// The anchor of an included page's section, or of a heading in it.
pub fn section_anchor(page_id: &str, fragment: Option<&str>) -> String {
    match fragment.filter(|f| !f.is_empty()) {
        Some(f) => format!("{}{f}", id_prefix(page_id)),
        None => format!("p-{page_id}"),
    }
}

/// The prefix of every id inside an included page's body.
pub fn id_prefix(page_id: &str) -> String {
    format!("p-{page_id}--")
}

/// The anchor of a glossary entry in the appendix.
pub fn term_anchor(entry_id: &str) -> String {
    format!("g-{entry_id}")
}

/// What one handout document contains, to map its links.
pub struct LinkMap<'a> {
    site: &'a Site,
    /// The handout's language.
    lang: Lang,
    /// The handout's output folder.
    handout_dir: String,
    /// Every page output folder → page and language.
    outputs: BTreeMap<String, (usize, Lang)>,
    /// Included pages → the language their section is in.
    included: BTreeMap<usize, Lang>,
    /// Glossary entries listed in the appendix.
    terms: BTreeSet<String>,
}

impl<'a> LinkMap<'a> {
    /// `included`: page → language of its section; `terms`: entries of the appendix.
    pub fn new(site: &'a Site, lang: Lang, handout_dir: String, included: BTreeMap<usize, Lang>, terms: BTreeSet<String>) -> Self {
        let outputs = site
            .pages()
            .iter()
            .enumerate()
            .flat_map(|(i, p)| p.texts.keys().map(move |l| (paths::page_dir(*l, &p.folder, &p.id), (i, *l))))
            .collect();
        LinkMap { site, lang, handout_dir, outputs, included, terms }
    }

    /// The new `href` of a link found in a body rendered in folder `from_dir`.
    /// `own` is the included page the body belongs to (`None` for the
    /// handout's own text, whose ids are kept). `None`: keep the link.
    pub fn href(&self, from_dir: &str, own: Option<usize>, href: &str) -> Option<String> {
        if href.is_empty() || paths::has_scheme(href) || href.starts_with('/') {
            return None;
        }
        if let Some(fragment) = href.strip_prefix('#') {
            let page = own?;
            return Some(format!("#{}", section_anchor(&self.site.pages()[page].id, Some(fragment))));
        }
        let (rest, fragment) = split_once_keep(href, '#');
        let (path, query) = split_once_keep(rest, '?');
        let target = paths::resolve(from_dir, path)?;
        if let Some(anchor) = self.in_document(&target, query, fragment) {
            return Some(format!("#{anchor}"));
        }
        let mut url = paths::absolute(&self.site.config.base_url, paths::folder_of_index(&target).unwrap_or(&target));
        for (sep, part) in [('?', query), ('#', fragment)] {
            if let Some(p) = part {
                url.push(sep);
                url.push_str(p);
            }
        }
        Some(url)
    }

    /// The new `src` of an image in a body rendered in folder `from_dir`:
    /// the same file, relative to the handout.
    pub fn src(&self, from_dir: &str, src: &str) -> Option<String> {
        if src.is_empty() || paths::has_scheme(src) || src.starts_with('/') || src.starts_with('#') {
            return None;
        }
        let target = paths::resolve(from_dir, src)?;
        Some(paths::relative(&self.handout_dir, &target))
    }

    /// A link to an included page (`Some(anchor)`), or `None`.
    pub fn page_anchor(&self, page: usize) -> Option<String> {
        self.included.contains_key(&page).then(|| section_anchor(&self.site.pages()[page].id, None))
    }

    /// The in-document anchor for an output path, if the document has it.
    fn in_document(&self, target: &str, query: Option<&str>, fragment: Option<&str>) -> Option<String> {
        if query.is_some() {
            return None;
        }
        let dir = paths::folder_of_index(target)?;
        if dir == paths::glossary_dir(self.lang) {
            let entry = fragment.filter(|f| self.terms.contains(*f))?;
            return Some(term_anchor(entry));
        }
        let (page, link_lang) = *self.outputs.get(dir)?;
        let section_lang = *self.included.get(&page)?;
        match fragment.filter(|f| !f.is_empty()) {
            // Heading ids differ between languages: only the section's own language has them.
            Some(f) if link_lang == section_lang => Some(section_anchor(&self.site.pages()[page].id, Some(f))),
            Some(_) => None,
            None => Some(section_anchor(&self.site.pages()[page].id, None)),
        }
    }
}

/// Splits at the first `sep`; the part after it, if any, without `sep`.
fn split_once_keep(s: &str, sep: char) -> (&str, Option<&str>) {
    match s.split_once(sep) {
        Some((a, b)) => (a, Some(b)),
        None => (s, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_prefixed_by_page_id() {
        assert_eq!(section_anchor("b-cure", None), "p-b-cure");
        assert_eq!(section_anchor("b-cure", Some("")), "p-b-cure");
        assert_eq!(section_anchor("b-cure", Some("概要")), "p-b-cure--概要");
        assert_eq!(term_anchor("amed"), "g-amed");
    }
}
