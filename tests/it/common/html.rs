//! Built pages read as HTML documents rather than as strings: a test selects
//! elements with CSS selectors and checks what a reader gets (an element's
//! text, an attribute), so that it does not break when unrelated markup,
//! attribute order or whitespace changes.

use scraper::{ElementRef, Html, Selector};

/// A parsed page.
pub struct Doc {
    html: Html,
}

impl Doc {
    pub fn parse(text: &str) -> Doc {
        Doc { html: Html::parse_document(text) }
    }

    /// Every element matching `css`, in document order.
    pub fn all(&self, css: &str) -> Vec<ElementRef<'_>> {
        let selector = Selector::parse(css).unwrap_or_else(|e| panic!("bad selector `{css}`: {e:?}"));
        self.html.select(&selector).collect()
    }

    /// The one element matching `css`; panics if there is none or more than one.
    pub fn one(&self, css: &str) -> ElementRef<'_> {
        match self.all(css).as_slice() {
            [one] => *one,
            found => panic!("`{css}` matches {} elements, not one", found.len()),
        }
    }

    /// Whether some element matches `css`.
    pub fn has(&self, css: &str) -> bool {
        !self.all(css).is_empty()
    }

    /// The text of every element matching `css`, whitespace collapsed.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.all(css).into_iter().map(text).collect()
    }

    /// The text of the one element matching `css`.
    pub fn text(&self, css: &str) -> String {
        text(self.one(css))
    }

    /// Attribute `name` of every element matching `css` that has it.
    pub fn attrs(&self, css: &str, name: &str) -> Vec<String> {
        self.all(css).into_iter().filter_map(|e| e.value().attr(name).map(str::to_string)).collect()
    }

    /// Attribute `name` of the one element matching `css`.
    pub fn attr(&self, css: &str, name: &str) -> String {
        let e = self.one(css);
        e.value().attr(name).unwrap_or_else(|| panic!("`{css}` has no `{name}`")).to_string()
    }
}

/// An element's text, runs of whitespace made one space, trimmed.
pub fn text(e: ElementRef<'_>) -> String {
    e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}
