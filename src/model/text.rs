//! One language file of a page ([`PageText`]) and the hashes a build and
//! a session ask of it: the front matter's, the body's, and the source hash
//! that tells whether a translation is up to date (SPEC §4).

use std::path::PathBuf;

use crate::text::Located;

/// What one language file of a page says, as read. A [`PageText`] holds it
/// read-only: the hashes it keeps are computed from these fields.
#[derive(Debug, Clone)]
pub struct TextFields {
    /// The file, relative to the site root.
    pub path: PathBuf,
    pub title: String,
    pub short_title: Option<String>,
    pub summary: Option<String>,
    pub subtitle: Option<String>,
    /// In a translation: the source's hash when it was last brought up to date.
    pub source_hash: Option<Located<String>>,
    /// In a translation: hashes of the source's blocks when it was stamped (`source_blocks`).
    pub source_blocks: Option<Located<String>>,
    /// The translation checks this text opts out of (`qa_ignore: [numbers, …]`).
    pub qa_ignore: Vec<Located<String>>,
    /// The Markdown body (shared: a session keeps it between compiles).
    pub body: std::sync::Arc<str>,
    /// 1-based line of the file where the body starts.
    pub body_line: usize,
    /// The front matter as written (shared, like the body).
    pub yaml: std::sync::Arc<str>,
    /// 1-based line of the file where the front matter starts.
    pub yaml_line: usize,
}

/// One language file of a page: its [`TextFields`], read through `Deref`
/// (`text.title`) and never written, and the hashes computed from them on
/// first use. A changed text is a new one ([`PageText::edit`]), with its
/// hashes computed afresh, so a hash can never describe other fields than
/// the ones beside it.
#[derive(Debug, Clone)]
pub struct PageText {
    fields: TextFields,
    derived: Derived,
}

impl From<TextFields> for PageText {
    fn from(fields: TextFields) -> PageText {
        PageText { fields, derived: Derived::default() }
    }
}

impl std::ops::Deref for PageText {
    type Target = TextFields;
    fn deref(&self) -> &TextFields {
        &self.fields
    }
}

/// Hashes of a [`PageText`], each computed the first time it is asked for.
///
/// One build needs only the source hash of source pages (to compare with
/// their translations' stamps); the other two serve a session's caches.
/// Cloning keeps what was computed, so a session settles them in the file
/// it keeps ([`PageText::settle`]) and every load's copy has them.
#[derive(Clone, Default)]
pub(crate) struct Derived {
    head: std::sync::OnceLock<[u8; 32]>,
    body: std::sync::OnceLock<[u8; 32]>,
    digest: std::sync::OnceLock<String>,
}

/// Nothing to show: every value follows from the text's other fields, and
/// whether one was computed yet must not change a `Debug` form (sessions hash them).
impl std::fmt::Debug for Derived {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Derived")
    }
}

impl PageText {
    /// This text with `change` made to its fields: a new text, whose hashes
    /// are computed from the changed fields when asked for.
    pub fn edit(self, change: impl FnOnce(&mut TextFields)) -> PageText {
        let mut fields = self.fields;
        change(&mut fields);
        PageText::from(fields)
    }

    /// A hash of the file up to the body (front matter and where it lies):
    /// everything of the page but the body is made from these and the
    /// configuration, so a session compares it to tell what changed.
    pub fn head_hash(&self) -> [u8; 32] {
        *self.derived.head.get_or_init(|| {
            let mut h = blake3::Hasher::new();
            h.update(self.yaml.as_bytes());
            h.update(format!("\0{}\0{}", self.yaml_line, self.body_line).as_bytes());
            *h.finalize().as_bytes()
        })
    }

    /// A hash of the body exactly as written: a session compares it to tell
    /// whether a body changed.
    pub fn body_hash(&self) -> [u8; 32] {
        *self.derived.body.get_or_init(|| *blake3::hash(self.body.as_bytes()).as_bytes())
    }

    /// The short hash of this text's fields and body (`source_hash` here):
    /// what a translation's `source_hash` field records of its source page.
    pub fn digest(&self) -> &str {
        self.derived.digest.get_or_init(|| source_hash(self))
    }

    /// Computes every derived value now, so that clones carry them.
    pub fn settle(&self) {
        self.head_hash();
        self.body_hash();
        self.digest();
    }
}

/// Hex digits of a source hash.
pub const HASH_LEN: usize = 16;

/// The short hash of a source page's text fields and body, line ends normalised.
///
/// The fields are `title`, `short_title`, `summary`, `subtitle` and the
/// Markdown body, each hashed with its name so moving text from one field to
/// another changes the hash. CRLF and CR become LF first, so saving the file
/// on another system does not make its translations stale. The result is the
/// first [`HASH_LEN`] hex digits of a BLAKE3 hash.
fn source_hash(text: &PageText) -> String {
    let mut h = blake3::Hasher::new();
    h.update(b"tebiki-source-hash-1\0");
    let fields: [(&str, Option<&str>); 5] = [
        ("title", Some(&text.title)),
        ("short_title", text.short_title.as_deref()),
        ("summary", text.summary.as_deref()),
        ("subtitle", text.subtitle.as_deref()),
        ("body", Some(&text.body)),
    ];
    for (name, value) in fields {
        h.update(name.as_bytes());
        match value {
            Some(v) => {
                h.update(b"=");
                h.update(normalise_line_ends(v).as_bytes());
            }
            None => {
                h.update(b"~");
            }
        }
        // Page files cannot hold NUL, so it separates fields unambiguously.
        h.update(b"\0");
    }
    h.finalize().to_hex()[..HASH_LEN].to_string()
}

fn normalise_line_ends(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains('\r') { s.replace("\r\n", "\n").replace('\r', "\n").into() } else { s.into() }
}

#[cfg(test)]
impl PageText {
    /// A text of `x.ja.md` with `title` and `body` and nothing else, for unit tests.
    pub(crate) fn for_test(title: &str, body: &str) -> PageText {
        PageText::from(TextFields {
            path: PathBuf::from("x.ja.md"),
            title: title.into(),
            short_title: None,
            summary: None,
            subtitle: None,
            source_hash: None,
            source_blocks: None,
            qa_ignore: Vec::new(),
            body: body.into(),
            body_line: 4,
            yaml: "title: x".into(),
            yaml_line: 2,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(title: &str, body: &str) -> PageText {
        PageText::for_test(title, body)
    }

    #[test]
    fn hash_is_sixteen_hex_digits_and_stable() {
        let h = source_hash(&text("題", "本文\n"));
        assert_eq!(h.len(), HASH_LEN);
        assert!(h.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        assert_eq!(h, source_hash(&text("題", "本文\n")));
    }

    #[test]
    fn hash_ignores_line_end_style() {
        assert_eq!(source_hash(&text("t", "a\r\nb\r\n")), source_hash(&text("t", "a\nb\n")));
        assert_eq!(source_hash(&text("t", "a\rb")), source_hash(&text("t", "a\nb")));
    }

    #[test]
    fn hash_changes_with_body_and_each_text_field() {
        let base = text("t", "body");
        let h = source_hash(&base);
        assert_ne!(h, source_hash(&text("t", "body!")));
        assert_ne!(h, source_hash(&text("t2", "body")));
        for f in 0..3 {
            let v = Some("x".to_string());
            let t = base.clone().edit(|t| match f {
                0 => t.short_title = v,
                1 => t.summary = v,
                _ => t.subtitle = v,
            });
            assert_ne!(h, source_hash(&t), "field {f}");
        }
    }

    #[test]
    fn moving_text_between_fields_changes_the_hash() {
        let a = text("t", "").edit(|t| t.summary = Some("x".into()));
        let b = text("t", "").edit(|t| t.subtitle = Some("x".into()));
        assert_ne!(source_hash(&a), source_hash(&b));
        let empty = text("t", "");
        let blank = text("t", "").edit(|t| t.summary = Some(String::new()));
        assert_ne!(source_hash(&empty), source_hash(&blank));
    }
}
