//! Fuzzes decoding a page file, splitting it at its fences and parsing its
//! front matter: any bytes give text or a diagnostic, never a panic.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tebiki::diagnostic::Diagnostics;
use tebiki::load::frontmatter;

fuzz_target!(|data: &[u8]| {
    let file = Path::new("content/policies/x.ja.md");
    let Ok(text) = tebiki::text::decode::decode(data, file) else { return };
    let Ok(split) = frontmatter::split(&text, file) else { return };
    let mut diags = Diagnostics::new();
    if let Err(d) = frontmatter::read(split.yaml, file, split.yaml_line, &mut diags) {
        diags.push(d);
    }
    for d in diags.sorted() {
        assert!(d.line >= split.yaml_line || d.line == 0, "line {} before the front matter", d.line);
    }
});
