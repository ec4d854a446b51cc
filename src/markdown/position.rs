//! Byte offsets in the body → line and column in the file.
//!
//! Lines are 1-based and shifted by the line where the body starts, so they
//! are positions in the file the author edits. Columns are 1-based and
//! counted in characters, not bytes. Offsets past the end or inside a
//! character are clamped, never a panic. Each answer takes constant time
//! however long its line is: on a long line the characters before the
//! offset are counted from a table of every [`BLOCK`]th byte, made once.
//!
//! [`source_offsets`] maps offsets in an event's text back to its source
//! when the two differ (escapes, entities): it walks both greedily, so the
//! answer is exact for plain text and close otherwise.

/// Line starts of one body.
pub(super) struct SourceMap<'a> {
    src: &'a str,
    line_starts: Vec<usize>,
    first_line: usize,
    /// The number of characters before byte `k * BLOCK`, for every `k`
    /// up to the end; made on the first column asked on a long line.
    chars_before: std::cell::OnceCell<Vec<usize>>,
}

/// Bytes between two entries of the table of character counts.
const BLOCK: usize = 256;

/// How far into its line an offset may be for its column to be counted
/// directly: past this, the table is cheaper (it costs one count of the body).
const LONG: usize = 16 * 1024;

impl<'a> SourceMap<'a> {
    /// `first_line` is the 1-based file line of the body's first line.
    pub(super) fn new(src: &'a str, first_line: usize) -> SourceMap<'a> {
        let mut line_starts = vec![0];
        line_starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        SourceMap { src, line_starts, first_line: first_line.max(1), chars_before: std::cell::OnceCell::new() }
    }

    /// The file line and column of a byte offset in the body.
    pub(super) fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.src.len());
        while !self.src.is_char_boundary(offset) {
            offset -= 1;
        }
        let index = self.line_starts.partition_point(|&start| start <= offset).saturating_sub(1);
        let start = self.line_starts[index];
        let column = if offset - start <= LONG {
            self.src[start..offset].chars().count()
        } else {
            self.chars_until(offset) - self.chars_until(start)
        };
        (self.first_line + index, column + 1)
    }

    /// The number of characters before byte `at` (a character boundary).
    fn chars_until(&self, at: usize) -> usize {
        let bytes = self.src.as_bytes();
        let table = self.chars_before.get_or_init(|| {
            let mut table: Vec<usize> = Vec::with_capacity(bytes.len() / BLOCK + 2);
            let mut count = 0;
            table.push(0);
            for block in bytes.chunks(BLOCK) {
                count += count_chars(block);
                table.push(count);
            }
            table
        });
        let block = at / BLOCK;
        table.get(block).copied().unwrap_or_default() + count_chars(bytes.get(block * BLOCK..at).unwrap_or_default())
    }
}

/// The number of characters that start in `bytes` (UTF-8): every byte but
/// a continuation byte starts one.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// How far ahead a text character is looked for in the source: longer
/// than any escape or entity, short enough to keep the walk linear.
const MAX_SKIP: usize = 40;

/// Maps byte offsets in `text` (sorted ascending) to byte offsets in
/// `source`, the Markdown that produced it.
pub(super) fn source_offsets(text: &str, source: &str, wanted: &[usize]) -> Vec<usize> {
    if text == source {
        return wanted.to_vec();
    }
    let mut out = Vec::with_capacity(wanted.len());
    let mut src = source.char_indices().peekable();
    let mut next_wanted = wanted.iter().peekable();
    for (text_at, c) in text.char_indices() {
        // Skip source characters that do not appear in the text (`\`, the
        // letters of an entity), stopping at the first one that matches.
        let mut src_at = src.peek().map_or(source.len(), |&(i, _)| i);
        let mut probe = src.clone();
        let mut budget = MAX_SKIP;
        while let Some(&(i, s)) = probe.peek() {
            if budget == 0 {
                break;
            }
            budget -= 1;
            if s == c {
                src_at = i;
                src = probe.clone();
                break;
            }
            probe.next();
        }
        while let Some(&&w) = next_wanted.peek() {
            if w > text_at {
                break;
            }
            out.push(src_at);
            next_wanted.next();
        }
        if src.peek().is_some_and(|&(_, s)| s == c) {
            src.next();
        }
    }
    while next_wanted.next().is_some() {
        out.push(src.peek().map_or(source.len(), |&(i, _)| i));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::test_support::within_limit;
    use super::*;

    #[test]
    fn first_line_shifts_lines() {
        let map = SourceMap::new("a\nb\nc", 5);
        assert_eq!(map.line_col(0), (5, 1));
        assert_eq!(map.line_col(2), (6, 1));
        assert_eq!(map.line_col(4), (7, 1));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let map = SourceMap::new("日本語AMED", 1);
        assert_eq!(map.line_col("日本語".len()), (1, 4));
    }

    #[test]
    fn offsets_past_the_end_or_inside_a_character_are_clamped() {
        let map = SourceMap::new("日本", 1);
        assert_eq!(map.line_col(1), (1, 1));
        assert_eq!(map.line_col(100), (1, 3));
        assert_eq!(SourceMap::new("", 0).line_col(3), (1, 1));
    }

    #[test]
    fn newline_at_offset_belongs_to_its_line() {
        let map = SourceMap::new("ab\ncd", 1);
        assert_eq!(map.line_col(2), (1, 3));
        assert_eq!(map.line_col(3), (2, 1));
    }

    #[test]
    fn columns_on_long_lines_count_characters_as_short_ones_do() {
        let src = format!("前\n{}\n{}", "日本語AMED ".repeat(3000), "a".repeat(LONG + 3000));
        let map = SourceMap::new(&src, 1);
        let (mut line, mut column) = (1, 1);
        for (offset, c) in src.char_indices() {
            assert_eq!(map.line_col(offset), (line, column), "offset {offset}");
            (line, column) = if c == '\n' { (line + 1, 1) } else { (line, column + 1) };
        }
        assert_eq!(map.line_col(src.len()), (line, column));
    }

    /// Counting each column from the start of its line took 18 s in a debug
    /// build for 200,000 offsets on a 4 MB line (a page of `[[id]] `), and
    /// about three times that for these 333,334 on a 7 MB one; a debug
    /// build takes a few tenths of a second now.
    #[test]
    fn many_columns_on_one_long_line_take_linear_time() {
        let last = within_limit(|| {
            let src = "[[id]] ".repeat(1_000_000);
            let map = SourceMap::new(&src, 1);
            (0..src.len()).step_by(21).map(|offset| map.line_col(offset)).last()
        });
        assert_eq!(last, Some((1, 6_999_993 + 1)));
    }

    #[test]
    fn identical_text_maps_to_itself() {
        assert_eq!(source_offsets("abc", "abc", &[0, 2]), vec![0, 2]);
    }

    #[test]
    fn escapes_are_skipped() {
        // text `a*AMED` from source `a\*AMED`
        assert_eq!(source_offsets("a*AMED", "a\\*AMED", &[2]), vec![3]);
    }

    #[test]
    fn entities_are_skipped() {
        // text `& AMED` from source `&amp; AMED`
        assert_eq!(source_offsets("& AMED", "&amp; AMED", &[2]), vec![6]);
    }

    #[test]
    fn offsets_at_the_end_map_to_the_end() {
        assert_eq!(source_offsets("ab", "a\\b", &[2]), vec![3]);
    }
}
