//! Foundation: a file's bytes as text, the same for every file tebiki reads
//! (`site.yaml`, pages, the glossary, the theme's UI strings).
//!
//! [`decode_text`] accepts UTF-8 without control characters but tab, CR and
//! LF; a BOM is dropped, and CRLF and bare CR line ends become LF, lines
//! counted as YAML and Markdown count them, so every later position is a
//! line of the file as the author sees it.

use std::path::Path;

use crate::diagnostic::Diagnostic;

/// A file's text, decoded.
#[derive(Debug)]
pub struct Decoded {
    /// The text, without BOM, every line end a LF.
    pub text: String,
    /// Where the first bare CR line end was, if the file has one.
    pub bare_cr: Option<(usize, usize)>,
}

/// [`decode_text`], without the note about bare CR line ends.
pub fn decode(bytes: &[u8], file: &Path) -> Result<String, Diagnostic> {
    decode_text(bytes, file).map(|d| d.text)
}

/// Decodes a file's bytes: UTF-8 without control characters but tab, CR and
/// LF; a BOM is dropped, and CRLF and a bare CR become LF (a bare CR ends a
/// line for YAML and Markdown alike, so line numbers stay the same).
pub fn decode_text(bytes: &[u8], file: &Path) -> Result<Decoded, Diagnostic> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(_) if bytes.iter().take(8192).any(|b| *b == 0) => {
            return Err(Diagnostic::error(file, 0, 0, "file is binary, not a text page")
                .with_help("pages are UTF-8 Markdown files; move the file out of content/ or give it its own extension"));
        }
        Err(e) => {
            let (line, column) = position(&String::from_utf8_lossy(&bytes[..e.valid_up_to()]), e.valid_up_to());
            return Err(Diagnostic::error(file, line, column, "file is not valid UTF-8")
                .with_help("save the file as UTF-8 (without a legacy encoding such as Shift_JIS)"));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(i) = first_control(text.as_bytes()) {
        let (line, column) = position(text, i);
        let what = match text.as_bytes()[i] {
            0xc2 => format!("a control character (U+{:04X})", text[i..].chars().next().map_or(0, |c| c as u32)),
            byte => format!("a control byte (0x{byte:02X})"),
        };
        return Err(Diagnostic::error(file, line, column, format!("file holds {what}; it looks corrupt"))
            .with_help("remove the byte, or restore the file from a good copy"));
    }
    if !text.contains('\r') {
        return Ok(Decoded { text: text.to_owned(), bare_cr: None });
    }
    let bare = text.as_bytes().windows(2).position(|w| w[0] == b'\r' && w[1] != b'\n');
    let bare = bare.or_else(|| text.ends_with('\r').then(|| text.len() - 1));
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        if let Some(after) = rest.strip_prefix('\n') {
            rest = after;
        }
    }
    out.push_str(rest);
    Ok(Decoded { text: out, bare_cr: bare.map(|i| position(text, i)) })
}

/// The warning for a file whose lines end in bare CRs, at the first of them.
pub fn bare_cr_warning(file: &Path, (line, column): (usize, usize)) -> Diagnostic {
    Diagnostic::warning(file, line, column, "file uses bare CR line ends; save with LF")
        .with_help("a lone CR ends a line for YAML and Markdown, and tebiki counts lines so too, but many tools do not; set the editor to LF (or CRLF) line ends")
}

/// Byte offset of the first control character but tab, CR and LF (C0, DEL, C1).
fn first_control(bytes: &[u8]) -> Option<usize> {
    // Blocks without a suspect byte are passed over whole (a loop the
    // compiler vectorises); 0xC2 leads the C1 controls and some signs (`°`, `¥`).
    let suspect = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f || b == 0xc2;
    for (n, block) in bytes.chunks(64).enumerate() {
        if !block.iter().fold(false, |any, b| any | suspect(*b)) {
            continue;
        }
        for (k, &b) in block.iter().enumerate() {
            let i = n * 64 + k;
            let c1 = b == 0xc2 && bytes.get(i + 1).is_some_and(|next| (0x80..=0x9f).contains(next));
            if c1 || (b != 0xc2 && suspect(b)) {
                return Some(i);
            }
        }
    }
    None
}

/// 1-based line and column (in characters) of byte offset `at`; CRLF, CR and LF each end a line.
pub fn position(text: &str, at: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..at.min(text.len())];
    let crlf = before.windows(2).filter(|w| w == b"\r\n").count();
    let line = before.iter().filter(|b| matches!(b, b'\n' | b'\r')).count() - crlf + 1;
    let start = before.iter().rposition(|b| matches!(b, b'\n' | b'\r')).map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("x.md")
    }

    #[test]
    fn control_bytes_are_rejected_with_position() {
        let e = decode(b"---\nid: a\x00\n", p()).unwrap_err();
        assert_eq!((e.line, e.column), (2, 6));
        // Past the first blocks of 64 bytes, after Japanese text: the first of two.
        let text = format!("---\ntitle: {}\n{}x\x7fy\x01\n", "ゲノム".repeat(20), "a".repeat(100));
        let e = decode(text.as_bytes(), p()).unwrap_err();
        assert_eq!((e.line, e.column), (3, 102));
        assert!(e.message.contains("0x7F"), "{}", e.message);
        // After a bare CR, lines are counted as the YAML parser counts them.
        let e = decode(b"a\rb\x01", p()).unwrap_err();
        assert_eq!((e.line, e.column), (2, 2));
    }

    #[test]
    fn c1_control_characters_are_rejected_but_signs_of_the_same_block_are_not() {
        let text = format!("{}¥100 ±2° §3\n", "a".repeat(70));
        assert!(decode(text.as_bytes(), p()).is_ok());
        let e = decode("---\ntitle: ¥1\u{85}x\n".as_bytes(), p()).unwrap_err();
        assert_eq!((e.line, e.column), (2, 10));
        assert_eq!(e.message, "file holds a control character (U+0085); it looks corrupt");
    }

    #[test]
    fn a_binary_file_is_named_as_such() {
        let e = decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff", p()).unwrap_err();
        assert_eq!(e.message, "file is binary, not a text page");
    }

    #[test]
    fn invalid_utf8_is_located() {
        let e = decode(b"ok\nab\xff", p()).unwrap_err();
        assert_eq!((e.line, e.column), (2, 3));
    }
}
