//! Navigation for long documents on the shipped site (issue 27, check 3):
//! every page with three or more `h2` has a `<nav>` linking each of them by
//! its id, and the pages of each kind are chained by `rel="prev"` and
//! `rel="next"` in the order of the kind's list.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::html::Doc;
use crate::flagship::public;

/// Every HTML page of the built site that is not a redirect, by path.
fn pages(root: &Path) -> BTreeMap<String, Doc> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .filter_map(|e| {
            let text = std::fs::read_to_string(e.path()).ok()?;
            if text.contains("http-equiv=\"refresh\"") {
                return None;
            }
            let rel = e.path().strip_prefix(root).ok()?.to_string_lossy().replace('\\', "/");
            Some((rel, Doc::parse(&text)))
        })
        .collect()
}

/// Whether `e` is inside a `<nav>`.
fn in_nav(e: scraper::ElementRef<'_>) -> bool {
    e.ancestors().filter_map(scraper::ElementRef::wrap).any(|a| a.value().name() == "nav")
}

#[test]
fn every_page_with_three_h2_has_a_nav_linking_each_h2_by_its_id() {
    let mut missing = Vec::new();
    for (path, doc) in pages(public()) {
        let h2: Vec<_> = doc.all("main h2").into_iter().filter(|h| !in_nav(*h)).collect();
        if h2.len() < 3 {
            continue;
        }
        let links: Vec<String> =
            doc.all("main nav a[href^='#']").into_iter().filter_map(|a| a.value().attr("href").map(|h| h[1..].to_string())).collect();
        for h in h2 {
            match h.value().attr("id") {
                Some(id) if links.iter().any(|l| l == id) => {}
                id => missing.push(format!("{path}: h2 {:?} (id {id:?})", crate::common::html::text(h))),
            }
        }
    }
    assert!(missing.is_empty(), "h2 without a link in an \"on this page\" nav:\n{}", missing.join("\n"));
}

#[test]
fn every_page_of_a_kind_links_to_its_previous_and_next_page() {
    let root = public();
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(root.join("data/site.json")).unwrap()).unwrap();
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for p in json["pages"].as_array().unwrap() {
        *kinds.entry(p["kind"].as_str().unwrap().to_string()).or_default() += 1;
    }
    let docs = pages(root);
    let mut problems = Vec::new();
    for lang in ["ja", "en"] {
        for (folder, count) in
            [("policies", kinds["policy"]), ("projects", kinds["project"]), ("programs", kinds["program"]), ("handouts", kinds["handout"])]
        {
            let prefix = format!("{lang}/{folder}/");
            let members: Vec<&String> = docs
                .keys()
                .filter(|p| p.starts_with(&prefix) && p.ends_with("/index.html") && p[prefix.len()..].matches('/').count() == 1)
                .filter(|p| !p[prefix.len()..].starts_with("page/"))
                .collect();
            assert_eq!(members.len(), count, "{prefix}: {members:?}");
            let target = |from: &str, rel: &str| -> Option<String> {
                let href = docs[from].attrs(&format!("a[rel='{rel}']"), "href").into_iter().next()?;
                let dir = Path::new(from).parent()?;
                let joined = dir.join(href).to_string_lossy().to_string();
                let mut parts: Vec<&str> = Vec::new();
                for part in joined.split('/') {
                    match part {
                        ".." => {
                            parts.pop();
                        }
                        "." | "" => {}
                        p => parts.push(p),
                    }
                }
                Some(parts.join("/"))
            };
            let firsts: Vec<&&String> = members.iter().filter(|m| target(m, "prev").is_none()).collect();
            if firsts.len() != 1 {
                problems.push(format!("{prefix}: {} pages without rel=prev: {firsts:?}", firsts.len()));
                continue;
            }
            let mut seen = vec![(*firsts[0]).clone()];
            while let Some(next) = target(seen.last().unwrap(), "next") {
                if seen.contains(&next) || !docs.contains_key(&next) {
                    problems.push(format!("{prefix}: rel=next of {} goes to {next}", seen.last().unwrap()));
                    break;
                }
                if target(&next, "prev").as_ref() != seen.last() {
                    problems.push(format!("{next}: rel=prev is not {}", seen.last().unwrap()));
                }
                seen.push(next);
            }
            if seen.len() != members.len() {
                problems.push(format!("{prefix}: the rel=next chain visits {} of {} pages", seen.len(), members.len()));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
