//! Glossary expansions the author already gave.
//!
//! Print writes a term's expansion after its first use (`abbr[title]`), but
//! an author often gives it already, in either script: 「FIH（First in
//! Human）」 would print as 「FIH（ファースト・イン・ヒューマン（…））（First in
//! Human）」. [`mark`] finds each glossary term of a handout's HTML whose
//! text is followed by brackets holding one of the entry's expansions, its
//! reading or its term in the other language, and marks its `<abbr>` with
//! the class `given`, which print leaves without the expansion.

/// Opening of a glossary link in a handout (links point into its appendix).
const TERM: &str = "<a class=\"term\" href=\"#g-";

/// Adds `class="given"` to the `<abbr>` of every term that the text explains
/// in brackets right after it; `known(id)` lists what counts as explaining
/// entry `id` (expansions, reading, terms in other languages).
pub fn mark(html: &str, known: &dyn Fn(&str) -> Vec<String>) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(at) = rest.find(TERM) {
        let (head, tail) = rest.split_at(at + TERM.len());
        out.push_str(head);
        rest = tail;
        let Some(id) = tail.split('"').next() else { continue };
        let abbr_at = id.len() + 2;
        if !tail.get(abbr_at..).is_some_and(|t| t.starts_with("<abbr ")) {
            continue;
        }
        let Some(close) = tail.find("</abbr></a>") else { continue };
        let text = abbr_text(&tail[..close]);
        let after = &tail[close + "</abbr></a>".len()..];
        if bracketed(after).is_some_and(|b| explains(&b, &text, &known(id))) {
            out.push_str(&tail[..abbr_at]);
            out.push_str("<abbr class=\"given\"");
            rest = &tail[abbr_at + "<abbr".len()..];
        }
    }
    out.push_str(rest);
    out
}

/// The text of the `<abbr>` (after its start tag).
fn abbr_text(s: &str) -> String {
    s.rsplit('>').next().unwrap_or_default().to_string()
}

/// The text inside brackets opening right after a term (white space and
/// closing quotes allowed before: 「MEDISO」（…）), up to the matching close;
/// `None` without brackets.
fn bracketed(after: &str) -> Option<String> {
    let s = after.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '」' | '』' | '”' | '’' | '"' | '\''));
    let mut chars = s.chars();
    if !matches!(chars.next()?, '（' | '(') {
        return None;
    }
    let mut depth = 1usize;
    let mut inner = String::new();
    for c in chars.take(400) {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(inner);
                }
            }
            '<' => return None,
            _ => {}
        }
        inner.push(c);
    }
    None
}

/// Whether the bracket text `b` gives one of `known` (not the term `text` itself).
fn explains(b: &str, text: &str, known: &[String]) -> bool {
    let b = fold(b);
    let text = fold(text);
    known
        .iter()
        .map(|k| fold(k))
        .filter(|k| !k.is_empty() && *k != text)
        .any(|k| b.contains(&k) || (b.chars().count() >= 4 && k.contains(&b)))
}

/// Lower case, without white space or joining punctuation (・, -, ‐).
fn fold(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && !matches!(c, '・' | '-' | '‐' | '‑' | '－')).flat_map(char::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(id: &str) -> Vec<String> {
        match id {
            "fih" => vec![
                "ファースト・イン・ヒューマン（ヒトへの初回投与）".into(),
                "first in human".into(),
                "えふあいえいち".into(),
                "FIH".into(),
            ],
            "cariso" => vec!["Care Innovation Support Office（仮称）".into()],
            _ => Vec::new(),
        }
    }

    #[test]
    fn marks_a_term_whose_expansion_follows_in_brackets_in_either_script() {
        let html = r##"<p><a class="term" href="#g-fih"><abbr title="ファースト・イン・ヒューマン（ヒトへの初回投与）">FIH</abbr></a>（First in Human）と <a class="term" href="#g-fih"><abbr title="x">FIH</abbr></a> (ファーストインヒューマン)、「<a class="term" href="#g-fih"><abbr title="x">FIH</abbr></a>」（first-in-human）</p>"##;
        let out = mark(html, &known);
        assert_eq!(out.matches("<abbr class=\"given\" title=").count(), 3, "{out}");
        assert_eq!(out.replace("<abbr class=\"given\"", "<abbr"), html);
    }

    #[test]
    fn keeps_the_expansion_where_the_brackets_say_something_else() {
        for html in [
            r##"<a class="term" href="#g-fih"><abbr title="t">FIH</abbr></a>（2024年）"##,
            r##"<a class="term" href="#g-fih"><abbr title="t">FIH</abbr></a>（FIH）"##,
            r##"<a class="term" href="#g-fih"><abbr title="t">FIH</abbr></a>の（first in human）"##,
            r##"<a class="term" href="#g-cariso"><abbr title="t">CARISO</abbr></a>（仮称）"##,
            r##"<a class="term" href="#g-pd">PD</a>（first in human）"##,
            r##"<a class="term" href="#g-fih"><abbr title="t">FIH</abbr></a>（first in human"##,
        ] {
            assert_eq!(mark(html, &known), html);
        }
    }

    #[test]
    fn cut_html_never_panics() {
        let html = r##"<a class="term" href="#g-fih"><abbr title="t">FIH</abbr></a>（First in Human）"##;
        for end in (0..=html.len()).filter(|e| html.is_char_boundary(*e)) {
            let _ = mark(&html[..end], &known);
        }
    }
}
