//! "Did you mean …?" for unknown names.
//!
//! Edit distance over characters, so Japanese names are compared fairly.

/// Levenshtein distance counted in characters.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Up to three candidates close to `name`, nearest first (ties by name).
pub fn nearest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let len = name.chars().count();
    let limit = (len / 2).max(2);
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter_map(|c| {
            // A candidate that contains the name (or the reverse) is a good guess too.
            let contains = !name.is_empty() && (c.contains(name) || name.contains(c));
            // The distance is at least the difference in length: a long name
            // (a hostile key) is not compared character by character.
            let gap = len.abs_diff(c.chars().count());
            let d = match (contains, gap > limit) {
                (true, true) => limit,
                (false, true) => return None,
                (true, false) => distance(name, c).min(limit),
                (false, false) => distance(name, c),
            };
            (d <= limit).then_some((d, c))
        })
        .collect();
    scored.sort();
    scored.dedup();
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

/// "did you mean `a`, `b`?" or `None`.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let near = nearest(name, candidates);
    if near.is_empty() {
        return None;
    }
    let list: Vec<String> = near.iter().map(|c| format!("`{c}`")).collect();
    Some(format!("did you mean {}?", list.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_characters() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("がん", "がんん"), 1);
        assert_eq!(distance("", "abc"), 3);
    }

    #[test]
    fn suggests_the_closest_names() {
        let c = ["title", "summary", "subtitle"];
        assert_eq!(did_you_mean("titel", c), Some("did you mean `title`?".into()));
        assert_eq!(did_you_mean("zzzzzzzz", c), None);
    }

    #[test]
    fn a_long_name_is_compared_in_linear_time() {
        let long = "x".repeat(100_000);
        let ids: Vec<String> = (0..2_000).map(|i| format!("page-{i:05}")).collect();
        let start = std::time::Instant::now();
        assert_eq!(nearest(&long, ids.iter().map(String::as_str)), Vec::<&str>::new());
        assert_eq!(nearest(&format!("{long}page-00042"), ids.iter().map(String::as_str)), ["page-00042"]);
        assert!(start.elapsed() < std::time::Duration::from_secs(60), "{:?}", start.elapsed());
    }

    #[test]
    fn a_prefix_is_a_good_guess() {
        assert_eq!(nearest("b-cur", ["b-cure", "ncbn"]), ["b-cure"]);
    }
}
