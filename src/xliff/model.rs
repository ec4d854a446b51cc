//! What an XLIFF file of tebiki holds: one page in one target language,
//! its units with source, target, state and notes.

/// One page (or the home texts) for one target language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Doc {
    /// Language codes of the source and the target.
    pub src_lang: String,
    pub trg_lang: String,
    /// The page's id (`_index` for the home texts).
    pub page: String,
    /// The source file, relative to the site root, with `/`.
    pub original: String,
    /// The translation file (written on import if it does not exist yet).
    pub translation: String,
    /// The source's `source_hash` when exported.
    pub source_hash: String,
    /// A hash of the translation file's bytes when exported (`none` if it did not exist).
    pub translation_hash: String,
    pub units: Vec<Unit>,
}

/// One block or front-matter field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// `title`, `short_title`, `summary`, `subtitle`, or `b<n>` for the body's n-th block.
    pub id: String,
    /// What the block is (`title`, `p`, `h2`, `li`, `td` …), shown by tools.
    pub name: String,
    /// `(category, text)`: where the source is, approved renderings of its terms.
    pub notes: Vec<(String, String)>,
    pub source: Vec<Seg>,
    pub target: Option<Vec<Seg>>,
    /// Whether there is text to translate (a block of codes alone is `translate="no"`).
    pub translate: bool,
    /// XLIFF segment state: `initial` (no target), `translated`, `final`.
    pub state: &'static str,
}

/// A part of a unit's content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    /// Text to translate.
    Text(String),
    /// Markdown to keep as written.
    Code(String),
    /// A glossary term in the source, with its approved rendering in the target language.
    Term { text: String, value: String },
}

/// The unit id of the n-th block (1-based) of a body.
pub fn block_id(n: usize) -> String {
    format!("b{n}")
}

/// The front-matter fields a translator translates, in order.
pub const FIELDS: [&str; 4] = ["title", "short_title", "summary", "subtitle"];
