//! An XLIFF 2 file written by export (and edited by a translator's tool)
//! read back: for each unit, its source and its target as Markdown.
//!
//! Inline codes become their Markdown again from `<originalData>` (`<ph>`,
//! `<sc>`/`<ec>` by `dataRef`, `<pc>` by `dataRefStart`/`dataRefEnd`);
//! annotations (`<mrk>`) keep their content; `<cp>` is its character. A
//! unit split into several segments by a tool is joined again. A target
//! counts when its segment's state is not `initial` (tools copy the source
//! into untranslated targets and leave them so). Every problem is reported
//! with the XLIFF file's line; DTDs are refused by the parser.

use std::collections::HashMap;
use std::path::Path;

use roxmltree::{Document, Node};

use super::write::{TEBIKI_NS, XLIFF_NS};
use crate::diagnostic::{Diagnostic, Diagnostics};

/// What an XLIFF file says.
#[derive(Debug)]
pub struct ReadDoc {
    pub page: String,
    pub trg_lang: String,
    pub source_hash: String,
    pub translation_hash: String,
    /// Line of the `<file>` element.
    pub line: usize,
    pub units: Vec<ReadUnit>,
}

/// One unit: its id, line, source and target (if translated) as Markdown.
#[derive(Debug)]
pub struct ReadUnit {
    pub id: String,
    pub line: usize,
    pub source: String,
    pub target: Option<String>,
}

/// Reads the XLIFF text of `file`; every problem goes to `diags`.
pub fn read(xml: &str, file: &Path, diags: &mut Diagnostics) -> Option<ReadDoc> {
    let doc = match Document::parse(xml) {
        Ok(d) => d,
        Err(e) => {
            let pos = e.pos();
            diags.push(
                Diagnostic::error(file, pos.row as usize, pos.col as usize, format!("not a well-formed XML file: {e}"))
                    .with_help("open the file in the tool that wrote it and save it again as XLIFF 2"),
            );
            return None;
        }
    };
    let line = |n: Node<'_, '_>| doc.text_pos_at(n.range().start).row as usize;
    let root = doc.root_element();
    if !is(root, "xliff") || !root.attribute("version").is_some_and(|v| v.starts_with("2.")) {
        diags.push(
            Diagnostic::error(file, line(root), 0, "not an XLIFF 2 file")
                .with_help("import the files `tebiki xliff export` wrote, in XLIFF 2 (not 1.2)"),
        );
        return None;
    }
    let files: Vec<Node<'_, '_>> = root.children().filter(|n| is(*n, "file")).collect();
    let [f] = files.as_slice() else {
        diags.push(
            Diagnostic::error(file, line(root), 0, "the file holds more or less than one <file>")
                .with_help("import the files `tebiki xliff export` wrote, one page each"),
        );
        return None;
    };
    let attr = |name: &str| f.attribute((TEBIKI_NS, name)).map(str::to_string);
    let (Some(page), Some(source_hash), Some(translation_hash)) = (attr("page"), attr("sourceHash"), attr("translationHash")) else {
        diags.push(
            Diagnostic::error(file, line(*f), 0, "the <file> lacks tebiki's attributes (tbk:page, tbk:sourceHash, tbk:translationHash)")
                .with_help("import files written by `tebiki xliff export`; keep the attributes of <file> as they are"),
        );
        return None;
    };
    let trg_lang = root.attribute("trgLang").unwrap_or_default().to_string();
    let before = diags.counts().0;
    let mut units = Vec::new();
    for u in f.descendants().filter(|n| is(*n, "unit")) {
        if let Some(unit) = read_unit(u, file, &line, diags) {
            units.push(unit);
        }
    }
    (diags.counts().0 == before).then_some(ReadDoc { page, trg_lang, source_hash, translation_hash, line: line(*f), units })
}

fn is(n: Node<'_, '_>, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(XLIFF_NS)
}

fn read_unit(u: Node<'_, '_>, file: &Path, line: &dyn Fn(Node<'_, '_>) -> usize, diags: &mut Diagnostics) -> Option<ReadUnit> {
    let id = u.attribute("id").unwrap_or_default().to_string();
    let mut data = HashMap::new();
    for d in u.children().filter(|n| is(*n, "originalData")).flat_map(|n| n.children()).filter(|n| is(*n, "data")) {
        let mut text = String::new();
        content(d, &HashMap::new(), &mut text, &mut |_| {});
        data.insert(d.attribute("id").unwrap_or_default().to_string(), text);
    }
    let mut source = String::new();
    let mut target = String::new();
    let mut translated = true;
    let mut problems = Vec::new();
    for s in u.children().filter(|n| is(*n, "segment") || is(*n, "ignorable")) {
        let src = s.children().find(|n| is(*n, "source"));
        let trg = s.children().find(|n| is(*n, "target"));
        if let Some(src) = src {
            content(src, &data, &mut source, &mut |n| problems.push(n));
        }
        let state = s.attribute("state").unwrap_or("translated");
        match (trg, is(s, "ignorable")) {
            (Some(t), _) if state != "initial" => content(t, &data, &mut target, &mut |n| problems.push(n)),
            (None, true) => {
                if let Some(src) = src {
                    content(src, &data, &mut target, &mut |n| problems.push(n));
                }
            }
            _ => translated = false,
        }
    }
    for n in &problems {
        diags.push(
            Diagnostic::error(
                file,
                line(*n),
                0,
                format!("unit `{id}`: an inline code the file does not define (<{}>)", n.tag_name().name()),
            )
            .with_help("keep the unit's inline codes as the tool shows them (copy them from the source); do not type new ones"),
        );
    }
    problems.is_empty().then(|| ReadUnit { id, line: line(u), source, target: translated.then_some(target) })
}

/// Appends the Markdown of an element's content; `bad` gets every code it cannot resolve.
fn content<'a, 'i>(n: Node<'a, 'i>, data: &HashMap<String, String>, out: &mut String, bad: &mut dyn FnMut(Node<'a, 'i>)) {
    for c in n.children() {
        if let Some(t) = c.text().filter(|_| c.is_text()) {
            out.push_str(t);
            continue;
        }
        if !c.is_element() || c.tag_name().namespace() != Some(XLIFF_NS) {
            continue;
        }
        let code = |name: &str, out: &mut String, bad: &mut dyn FnMut(Node<'a, 'i>)| match c.attribute(name).and_then(|r| data.get(r)) {
            Some(d) => out.push_str(d),
            None => bad(c),
        };
        match c.tag_name().name() {
            "ph" | "sc" | "ec" => code("dataRef", out, bad),
            "pc" => {
                code("dataRefStart", out, bad);
                content(c, data, out, bad);
                code("dataRefEnd", out, bad);
            }
            "mrk" => content(c, data, out, bad),
            "sm" | "em" => {}
            "cp" => match c.attribute("hex").and_then(|h| u32::from_str_radix(h, 16).ok()).and_then(char::from_u32) {
                Some(ch) => out.push(ch),
                None => bad(c),
            },
            _ => bad(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::strategy::Strategy as _;

    use super::*;
    use crate::xliff::model::{Doc, Seg, Unit};
    use crate::xliff::write::document;

    fn doc(target: Option<Vec<Seg>>) -> Doc {
        Doc {
            src_lang: "ja".into(),
            trg_lang: "en".into(),
            page: "p".into(),
            original: "content/p.ja.md".into(),
            translation: "content/p.en.md".into(),
            source_hash: "s".into(),
            translation_hash: "t".into(),
            units: vec![Unit {
                id: "b1".into(),
                name: "p".into(),
                notes: Vec::new(),
                source: vec![Seg::Text("a".into()), Seg::Code("\r\n> ".into()), Seg::Term { text: "AMED".into(), value: "AMED".into() }],
                target: target.clone(),
                translate: true,
                state: if target.is_some() { "translated" } else { "initial" },
            }],
        }
    }

    #[test]
    fn reads_back_what_export_writes() {
        let mut d = Diagnostics::new();
        let target = vec![Seg::Text("x & <y>".into()), Seg::Code("\r\n> ".into()), Seg::Code("**".into())];
        let r = read(&document(&doc(Some(target))), Path::new("a.xlf"), &mut d).unwrap();
        assert!(d.is_empty());
        assert_eq!((r.page.as_str(), r.source_hash.as_str(), r.units.len()), ("p", "s", 1));
        assert_eq!(r.units[0].source, "a\r\n> AMED");
        assert_eq!(r.units[0].target.as_deref(), Some("x & <y>\r\n> **"));
        let r = read(&document(&doc(None)), Path::new("a.xlf"), &mut d).unwrap();
        assert_eq!(r.units[0].target, None);
    }

    #[test]
    fn joins_segments_and_reads_paired_codes_code_points_and_annotations() {
        let xml = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:tbk="urn:tebiki:xliff:1" version="2.1" srcLang="ja" trgLang="en">
<file id="f" tbk:page="p" tbk:sourceHash="s" tbk:translationHash="t"><unit id="b1">
<originalData><data id="a">**</data><data id="b">&#13;<cp hex="000A"/></data></originalData>
<segment state="reviewed"><source>一<pc id="1" dataRefStart="a" dataRefEnd="a">二</pc></source><target>One <pc id="1" dataRefStart="a" dataRefEnd="a"><mrk id="m" type="term">two</mrk></pc></target></segment>
<ignorable><source><ph id="2" dataRef="b"/></source></ignorable>
<segment><source>三</source><target>three<cp hex="00A0"/></target></segment>
</unit><unit id="b2"><segment state="initial"><source>四</source><target>四</target></segment></unit></file></xliff>"#;
        let mut d = Diagnostics::new();
        let r = read(xml, Path::new("a.xlf"), &mut d).unwrap();
        assert!(d.is_empty(), "{:?}", d.sorted());
        assert_eq!(r.units[0].source, "一**二**\r\n三");
        assert_eq!(r.units[0].target.as_deref(), Some("One **two**\r\nthree\u{a0}"));
        assert_eq!(r.units[1].target, None, "a target in state initial is no translation");
    }

    #[test]
    fn reports_an_unknown_code_with_its_line() {
        let xml = document(&doc(Some(vec![Seg::Text("x".into())]))).replace(">x</target>", ">x<ph id=\"9\" dataRef=\"zz\"/></target>");
        let mut d = Diagnostics::new();
        assert!(read(&xml, Path::new("a.xlf"), &mut d).is_none());
        let e = &d.sorted()[0];
        assert_eq!(e.line, 11);
        assert!(e.message.contains("unit `b1`"), "{}", e.message);
    }

    proptest::proptest! {
        #![proptest_config(crate::proptest_config())]
        #[test]
        fn every_block_reads_back_as_written(
            body in proptest::collection::vec(proptest::sample::select(vec![
                "a", "文", " ", "\n", "\r\n", "\r", "> ", "- ", "|", "*", "`", "[[x]]", "[[x|", "]]", "&", "&amp;", "<", ">", "\"", "'",
                "<b>", "]]>", "\t", "\u{a0}", "\u{feff}",
            ]), 0..40).prop_map(|v| v.concat()),
        ) {
            let segs = |b: &crate::xliff::blocks::Block| -> Vec<Seg> {
                b.pieces.iter().map(|p| match p {
                    crate::xliff::blocks::Piece::Text(t) => Seg::Text(t.clone()),
                    crate::xliff::blocks::Piece::Code(c) => Seg::Code(c.clone()),
                }).collect()
            };
            let blocks = crate::xliff::blocks::blocks(&body);
            let mut d = doc(None);
            d.units = blocks.iter().enumerate().map(|(i, b)| Unit {
                id: format!("b{}", i + 1), name: b.kind.clone(), notes: Vec::new(), source: segs(b), target: Some(segs(b)), translate: true, state: "final",
            }).collect();
            let mut diags = Diagnostics::new();
            let read = read(&document(&d), Path::new("a.xlf"), &mut diags);
            proptest::prop_assert!(diags.is_empty(), "{:?}", diags.sorted());
            let read = read.unwrap();
            for (u, b) in read.units.iter().zip(&blocks) {
                let md = b.markdown();
                proptest::prop_assert_eq!(&u.source, &md);
                proptest::prop_assert_eq!(u.target.as_deref(), Some(md.as_str()));
            }
        }
    }
}
