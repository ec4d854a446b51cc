//! British and American spelling: the other variety's words in a text.
//!
//! The list is small and conservative: only words whose spelling tells the
//! variety on its own. `-ise`/`-ize` (and `-isation`, `-ised`, `-ising` …)
//! on a list of stems, never by the ending alone (`advise`, `exercise`,
//! `enterprise`, `expertise` are British and American alike); `-our`/`-or`,
//! `-tre`/`-ter`, `-yse`/`-yze`, the medical `ae`/`oe` words, doubled `l`,
//! and a few pairs (`programme`/`program`, `defence`/`defense`, `licence`
//! the noun, `catalogue`, `ageing`). Left out on purpose: `program` on a
//! British site (British English writes computer programs that way),
//! `license` on a British site (the verb is spelt so), `meter` (a device in
//! both), `judgment`, `dialog`, `analyses` (a plural in both). Text is
//! checked outside code and links' targets (the outline never holds them)
//! and URLs written out as text (skipped here), and
//! official names listed in the glossary or `site.yaml` are left as
//! written by the caller.

use crate::config::Spelling;

/// Stems that take `-ise` in British and `-ize` in American spelling.
const IZE_STEMS: &[&str] = &[
    "organ",
    "recogn",
    "real",
    "priorit",
    "util",
    "standard",
    "harmon",
    "minim",
    "maxim",
    "optim",
    "digit",
    "character",
    "summar",
    "categor",
    "special",
    "central",
    "decentral",
    "personal",
    "individual",
    "pseudonym",
    "anonym",
    "author",
    "final",
    "mobil",
    "stabil",
    "commercial",
    "capital",
    "international",
    "visual",
    "global",
    "local",
    "normal",
    "modern",
    "hospital",
    "immun",
    "industrial",
    "institutional",
    "critic",
    "apolog",
    "memor",
    "familiar",
    "general",
    "legal",
    "synchron",
    "custom",
    "initial",
    "operational",
    "rational",
    "steril",
    "subsid",
    "emphas",
    "human",
];

/// Endings after an `-is`/`-iz` stem, British form.
const IZE_ENDINGS: [&str; 9] = ["ise", "ised", "ises", "ising", "isation", "isations", "iser", "isers", "isational"];

/// Whole words: (British, American).
const PAIRS: &[(&str, &str)] = &[
    ("colour", "color"),
    ("colours", "colors"),
    ("behaviour", "behavior"),
    ("behaviours", "behaviors"),
    ("behavioural", "behavioral"),
    ("labour", "labor"),
    ("favour", "favor"),
    ("favourable", "favorable"),
    ("honour", "honor"),
    ("neighbour", "neighbor"),
    ("neighbouring", "neighboring"),
    ("tumour", "tumor"),
    ("tumours", "tumors"),
    ("endeavour", "endeavor"),
    ("centre", "center"),
    ("centres", "centers"),
    ("centred", "centered"),
    ("fibre", "fiber"),
    ("litre", "liter"),
    ("theatre", "theater"),
    ("programme", "program"),
    ("programmes", "programs"),
    ("defence", "defense"),
    ("offence", "offense"),
    ("licence", "license"),
    ("licences", "licenses"),
    ("catalogue", "catalog"),
    ("catalogues", "catalogs"),
    ("ageing", "aging"),
    ("analyse", "analyze"),
    ("analysed", "analyzed"),
    ("analysing", "analyzing"),
    ("paralyse", "paralyze"),
    ("paediatric", "pediatric"),
    ("paediatrics", "pediatrics"),
    ("haematology", "hematology"),
    ("haematopoietic", "hematopoietic"),
    ("anaemia", "anemia"),
    ("leukaemia", "leukemia"),
    ("anaesthesia", "anesthesia"),
    ("gynaecology", "gynecology"),
    ("orthopaedic", "orthopedic"),
    ("oestrogen", "estrogen"),
    ("oesophageal", "esophageal"),
    ("foetal", "fetal"),
    ("haemorrhage", "hemorrhage"),
    ("modelling", "modeling"),
    ("modelled", "modeled"),
    ("labelled", "labeled"),
    ("labelling", "labeling"),
    ("travelled", "traveled"),
    ("cancelled", "canceled"),
    ("counselling", "counseling"),
    ("enrolment", "enrollment"),
    ("fulfil", "fulfill"),
    ("skilful", "skillful"),
    ("grey", "gray"),
    ("cheque", "check"),
];

/// American words a British site may still write.
const BRITISH_MAY_WRITE: [&str; 4] = ["program", "programs", "license", "check"];

/// The other variety's form of `word` (lower case), if it is one.
pub fn other_form(word: &str, site: Spelling) -> Option<String> {
    let british = match site {
        Spelling::American => true,
        Spelling::British => false,
    };
    if british {
        if let Some((b, a)) = PAIRS.iter().find(|(b, _)| *b == word) {
            return Some(format!("{b}→{a}"));
        }
    } else if let Some((b, a)) = PAIRS.iter().find(|(_, a)| *a == word).filter(|_| !BRITISH_MAY_WRITE.contains(&word)) {
        return Some(format!("{a}→{b}"));
    }
    for stem in IZE_STEMS {
        let Some(ending) = word.strip_prefix(stem) else { continue };
        for b in IZE_ENDINGS {
            let a = b.replacen("is", "iz", 1);
            let (found, other) = if british { (b, a.as_str()) } else { (a.as_str(), b) };
            if ending == found {
                return Some(format!("{word}→{stem}{other}"));
            }
        }
    }
    None
}

/// Every word of `text` in the other variety: its byte offset, the word and
/// the form to write; never a word inside one of the ranges `keep`.
pub fn findings(text: &str, site: Spelling, keep: &[std::ops::Range<usize>]) -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    let mut start = None;
    let bytes_end = text.len();
    // Words come in order: the ranges that start before a word are passed once, keeping their furthest end.
    let mut keep: Vec<_> = keep.iter().cloned().chain(urls(text)).collect();
    keep.sort_by_key(|k| k.start);
    let (mut next, mut kept_to) = (0, 0);
    let mut check = |from: usize, to: usize, out: &mut Vec<(usize, String, String)>| {
        while let Some(k) = keep.get(next).filter(|k| k.start <= from) {
            kept_to = kept_to.max(k.end);
            next += 1;
        }
        if kept_to >= to {
            return;
        }
        let word = &text[from..to];
        if let Some(pair) = other_form(&word.to_lowercase(), site) {
            let suggestion = pair.split('→').nth(1).unwrap_or_default().to_string();
            out.push((from, word.to_string(), suggestion));
        }
    };
    for (at, c) in text.char_indices() {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                check(s, at, &mut out);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        check(s, bytes_end, &mut out);
    }
    out
}

/// The byte ranges of what looks like a URL written as text (`https://…`, `www.…`): never checked.
fn urls(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    text.split_whitespace().filter(|w| w.contains("://") || w.starts_with("www.")).map(move |w| {
        let start = w.as_ptr() as usize - text.as_ptr() as usize;
        start..start + w.len()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str, site: Spelling) -> Vec<(String, String)> {
        findings(text, site, &[]).into_iter().map(|(_, w, s)| (w, s)).collect()
    }

    #[test]
    fn each_site_is_told_the_other_varietys_words() {
        let text = "The organisation's programme to standardize colours, and an ageing Center.";
        let pairs = |v: &[(&str, &str)]| v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect::<Vec<_>>();
        assert_eq!(
            words(text, Spelling::American),
            pairs(&[("organisation", "organization"), ("programme", "program"), ("colours", "colors"), ("ageing", "aging")])
        );
        assert_eq!(words(text, Spelling::British), pairs(&[("standardize", "standardise"), ("Center", "centre")]));
    }

    #[test]
    fn words_of_both_varieties_and_kept_names_are_not_reported() {
        assert!(words("advise exercise enterprise expertise analyses meter program license", Spelling::British).is_empty());
        let text = "Ministry of Health, Labour and Welfare";
        assert_eq!(words(text, Spelling::American).len(), 1);
        assert!(findings(text, Spelling::American, &[0..text.len(), 0..0]).is_empty());
        assert!(words("see https://example.org/organisation/colour or www.colour.org", Spelling::American).is_empty());
    }
}
