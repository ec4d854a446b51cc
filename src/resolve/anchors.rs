//! Anchors of references checked against the target's headings (between
//! the render phases, for [`super::check_bodies`]).
//!
//! Guarantees: the cost is linear in the number of references plus the
//! headings of the pages they point at, however many references a page
//! has: each target's heading ids are sorted once and looked up by binary
//! search, the help for an unknown anchor is worked out once per target
//! and anchor, and only the first [`MAX_SUGGESTED`] unknown anchors of a
//! file are compared with every heading for a "did you mean" (after that
//! the help lists a few headings, as it does when nothing is close).

use std::collections::HashMap;

use crate::lang::Lang;
use crate::suggest;

use crate::markdown::Bodies;
use crate::theme::FIXED_ANCHORS;

/// How many distinct unknown anchors of one file get a "did you mean".
pub(super) const MAX_SUGGESTED: usize = 100;

/// How many heading ids a help line lists at most.
const MAX_LISTED: usize = 12;

/// An anchor longer than this gets no "did you mean" (no heading id is that long, and comparing costs its length).
const MAX_SUGGESTED_LEN: usize = 200;

/// The heading ids of the pages referred to, and the help already written.
pub(super) struct Anchors<'a> {
    bodies: &'a Bodies,
    /// Sorted heading ids by (page index, language), made on the first reference to that body.
    ids: HashMap<(usize, Lang), Vec<&'a str>>,
    /// The help for an unknown anchor, by target and anchor.
    help: HashMap<(usize, Lang, String), String>,
    /// How many suggestions the file being checked has had worked out.
    suggested: usize,
}

impl<'a> Anchors<'a> {
    pub(super) fn new(bodies: &'a Bodies) -> Anchors<'a> {
        Anchors { bodies, ids: HashMap::new(), help: HashMap::new(), suggested: 0 }
    }

    /// Starts a new referring file: its unknown anchors get suggestions again.
    pub(super) fn next_file(&mut self) {
        self.suggested = 0;
    }

    /// `None` when `anchor` names a heading of the body (`to`, `lang`) or
    /// an anchor every page has; otherwise the help for the error.
    pub(super) fn check(&mut self, to: usize, lang: Lang, anchor: &str) -> Option<String> {
        if FIXED_ANCHORS.contains(&anchor) {
            return None;
        }
        let bodies = self.bodies;
        let ids = self.ids.entry((to, lang)).or_insert_with(|| sorted_ids(bodies, to, lang));
        if ids.binary_search(&anchor).is_ok() {
            return None;
        }
        let key = (to, lang, anchor.to_string());
        if let Some(help) = self.help.get(&key) {
            return Some(help.clone());
        }
        if self.suggested >= MAX_SUGGESTED || anchor.len() > MAX_SUGGESTED_LEN {
            return Some(listed(ids));
        }
        self.suggested += 1;
        let help = suggest::did_you_mean(anchor, ids.iter().copied()).unwrap_or_else(|| listed(ids));
        self.help.insert(key, help.clone());
        Some(help)
    }
}

/// The heading ids of a body, sorted and without repeats.
fn sorted_ids(bodies: &Bodies, to: usize, lang: Lang) -> Vec<&str> {
    let mut ids: Vec<&str> = bodies
        .get(&(to, lang))
        .map(|r| r.headings.iter().map(|h| h.id.as_str()).chain(r.ids.iter().map(String::as_str)).collect())
        .unwrap_or_default();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// "its headings: a, b, c" (the first few of many, with their number).
fn listed(ids: &[&str]) -> String {
    match ids.len() {
        0 => "that page has no headings".into(),
        n if n <= MAX_LISTED => format!("its headings: {}", ids.join(", ")),
        n => format!("its headings: {}, … ({n} in all)", ids[..MAX_LISTED].join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::markdown::test_support::within_limit;
    use crate::markdown::{Heading, Rendered};

    fn bodies(ids: impl IntoIterator<Item = String>) -> Bodies {
        let headings = ids.into_iter().map(|id| Heading { level: 2, text: id.clone(), id }).collect();
        [((0, Lang::Ja), Arc::new(Rendered { headings, ..Rendered::default() }))].into_iter().collect()
    }

    /// Looking for each anchor among every heading made 5·10^9 comparisons
    /// here, over 30 s in a debug build; it takes a few tenths of a second now.
    #[test]
    fn anchors_into_a_page_of_many_headings_take_linear_time() {
        let (found, help) = within_limit(|| {
            let n = 100_000;
            let bodies = bodies((0..n).map(|i| format!("h{i}")));
            let mut anchors = Anchors::new(&bodies);
            let found = (0..n).all(|i| anchors.check(0, Lang::Ja, &format!("h{i}")).is_none());
            (found, anchors.check(0, Lang::Ja, "h99999x"))
        });
        assert!(found);
        assert!(help.is_some_and(|help| help.starts_with("did you mean `h99999`")));
    }

    #[test]
    fn unknown_anchors_get_suggestions_up_to_a_limit_per_file() {
        let bodies = bodies(["aims".to_string(), "budget".to_string()]);
        let mut anchors = Anchors::new(&bodies);
        assert_eq!(anchors.check(0, Lang::Ja, "aim"), Some("did you mean `aims`?".into()));
        assert_eq!(anchors.check(0, Lang::Ja, "main"), None, "every page has #main");
        assert_eq!(anchors.check(0, Lang::En, "aims"), Some("that page has no headings".into()));
        for i in 0..MAX_SUGGESTED {
            anchors.check(0, Lang::Ja, &format!("aim{i}"));
        }
        assert_eq!(anchors.check(0, Lang::Ja, "budgett"), Some("its headings: aims, budget".into()));
        anchors.next_file();
        assert_eq!(anchors.check(0, Lang::Ja, "budgett"), Some("did you mean `budget`?".into()));
        assert_eq!(anchors.check(0, Lang::Ja, "aim"), Some("did you mean `aims`?".into()), "worked out before");
    }

    #[test]
    fn a_long_list_of_headings_is_cut_with_its_number() {
        let ids: Vec<String> = (0..20).map(|i| format!("h{i:02}")).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        assert_eq!(listed(&ids[..2]), "its headings: h00, h01");
        assert!(listed(&ids).ends_with("h11, … (20 in all)"), "{}", listed(&ids));
        assert_eq!(listed(&[]), "that page has no headings");
    }
}
