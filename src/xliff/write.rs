//! An XLIFF 2.1 document as text.
//!
//! [`document`] writes one `<xliff>` with one `<file>` per page and one
//! `<unit>` per block, one `<segment>` each. A unit's inline codes are
//! `<ph>` elements whose `dataRef` names a `<data>` of the unit's
//! `<originalData>` holding the Markdown as written (so any tool can put it
//! back); identical codes share one `<data>`. Glossary terms in the source
//! are `<mrk type="term">` with the approved rendering as `value`. Line ends
//! inside codes are kept with character references (`&#13;` for CR), which
//! every XML reader keeps. The same document always gives the same bytes.

use std::fmt::Write as _;

use super::model::{Doc, Seg, Unit};
use crate::escape::{xml_attribute_exact as attr, xml_text_exact as text};

/// The namespace of XLIFF 2.x core.
pub const XLIFF_NS: &str = "urn:oasis:names:tc:xliff:document:2.0";
/// The namespace of tebiki's attributes (hashes that tell an import whether the site moved on).
pub const TEBIKI_NS: &str = "urn:tebiki:xliff:1";

/// The document as XLIFF 2.1.
pub fn document(doc: &Doc) -> String {
    let mut out = String::with_capacity(4096);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<xliff xmlns=\"{XLIFF_NS}\" xmlns:tbk=\"{TEBIKI_NS}\" version=\"2.1\" srcLang=\"{}\" trgLang=\"{}\">",
        attr(&doc.src_lang),
        attr(&doc.trg_lang)
    );
    let _ = writeln!(
        out,
        "  <file id=\"f1\" original=\"{}\" tbk:page=\"{}\" tbk:translation=\"{}\" tbk:sourceHash=\"{}\" tbk:translationHash=\"{}\">",
        attr(&doc.original),
        attr(&doc.page),
        attr(&doc.translation),
        attr(&doc.source_hash),
        attr(&doc.translation_hash)
    );
    for unit in &doc.units {
        write_unit(&mut out, unit);
    }
    out.push_str("  </file>\n</xliff>\n");
    out
}

/// The `<data>` ids of a unit's codes, in order of first use.
#[derive(Default)]
struct Codes {
    data: Vec<String>,
    ids: std::collections::HashMap<String, usize>,
}

impl Codes {
    fn id(&mut self, code: &str) -> usize {
        if let Some(&id) = self.ids.get(code) {
            return id;
        }
        self.data.push(code.to_string());
        self.ids.insert(code.to_string(), self.data.len());
        self.data.len()
    }
}

fn write_unit(out: &mut String, unit: &Unit) {
    let mut codes = Codes::default();
    let mut source = String::new();
    // Per code's Markdown: the ids of the source's codes with it, in order.
    let mut source_ids: std::collections::HashMap<&str, std::collections::VecDeque<usize>> = std::collections::HashMap::new();
    let mut n = 0;
    for seg in &unit.source {
        match seg {
            Seg::Text(t) => source.push_str(&text(t)),
            Seg::Code(c) => {
                n += 1;
                let d = codes.id(c);
                source_ids.entry(c.as_str()).or_default().push_back(n);
                let _ = write!(source, "<ph id=\"{n}\" dataRef=\"d{d}\" disp=\"{}\"/>", attr(&disp(c)));
            }
            Seg::Term { text: t, value } => {
                n += 1;
                let _ = write!(source, "<mrk id=\"m{n}\" type=\"term\" value=\"{}\">{}</mrk>", attr(value), text(t));
            }
        }
    }
    let target = unit.target.as_ref().map(|segs| {
        let mut extra = 0;
        let mut t = String::new();
        for seg in segs {
            match seg {
                Seg::Text(s) | Seg::Term { text: s, .. } => t.push_str(&text(s)),
                Seg::Code(c) => {
                    let d = codes.id(c);
                    // The source's code with the same Markdown, if one is left, is the same code.
                    let id = match source_ids.get_mut(c.as_str()).and_then(|ids| ids.pop_front()) {
                        Some(id) => id.to_string(),
                        None => {
                            extra += 1;
                            format!("t{extra}")
                        }
                    };
                    let _ = write!(t, "<ph id=\"{id}\" dataRef=\"d{d}\" disp=\"{}\"/>", attr(&disp(c)));
                }
            }
        }
        t
    });
    let translate = if unit.translate { "" } else { " translate=\"no\"" };
    let _ = writeln!(out, "    <unit id=\"{}\" name=\"{}\"{translate}>", attr(&unit.id), attr(&unit.name));
    if !unit.notes.is_empty() {
        out.push_str("      <notes>\n");
        for (category, note) in &unit.notes {
            let _ = writeln!(out, "        <note category=\"{}\">{}</note>", attr(category), text(note));
        }
        out.push_str("      </notes>\n");
    }
    if !codes.data.is_empty() {
        out.push_str("      <originalData>\n");
        for (i, d) in codes.data.iter().enumerate() {
            let _ = writeln!(out, "        <data id=\"d{}\">{}</data>", i + 1, text(d));
        }
        out.push_str("      </originalData>\n");
    }
    let _ = writeln!(out, "      <segment state=\"{}\">", unit.state);
    let _ = writeln!(out, "        <source xml:space=\"preserve\">{source}</source>");
    if let Some(t) = target {
        let _ = writeln!(out, "        <target xml:space=\"preserve\">{t}</target>");
    }
    out.push_str("      </segment>\n    </unit>\n");
}

/// How a tool shows a code: its Markdown, line ends as ↵.
fn disp(code: &str) -> String {
    code.replace("\r\n", "↵").replace(['\n', '\r'], "↵")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_keep_line_ends_and_markup() {
        assert_eq!(text("a < b & c\r\n"), "a &lt; b &amp; c&#13;\n");
        assert_eq!(attr("\"x\"\n\t"), "&quot;x&quot;&#10;&#9;");
    }

    #[test]
    fn identical_codes_share_one_data_and_the_target_reuses_source_ids() {
        let unit = Unit {
            id: "b1".into(),
            name: "p".into(),
            notes: vec![("location".into(), "content/a.md:3".into())],
            source: vec![Seg::Code("**".into()), Seg::Text("重要".into()), Seg::Code("**".into())],
            target: Some(vec![Seg::Code("**".into()), Seg::Text("Important".into()), Seg::Code("**".into())]),
            translate: true,
            state: "final",
        };
        let mut out = String::new();
        write_unit(&mut out, &unit);
        assert!(out.contains("<data id=\"d1\">**</data>\n      </originalData>"), "{out}");
        assert!(out.contains("<source xml:space=\"preserve\"><ph id=\"1\" dataRef=\"d1\" disp=\"**\"/>重要<ph id=\"2\""), "{out}");
        assert!(out.contains("<target xml:space=\"preserve\"><ph id=\"1\" dataRef=\"d1\" disp=\"**\"/>Important<ph id=\"2\""), "{out}");
    }
}
