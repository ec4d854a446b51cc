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

/// The side navigation of a kind longer than one list page holds that list
/// page's pages only, with links to the list pages before and after: every
/// page carries a bounded menu, so the output grows with the site, not
/// with its square.
#[test]
fn a_long_kinds_side_navigation_shows_the_list_page_of_the_current_page() {
    let t = crate::common::SiteTest::new("core/minimal");
    let yaml = std::fs::read_to_string(t.root().join("site.yaml")).unwrap();
    t.write("site.yaml", &format!("{yaml}pagination: 3\n"));
    for n in 1..=6 {
        t.write(
            &format!("content/programs/extra-{n}.ja.md"),
            &format!("---\nid: extra-{n}\ntitle: 追加プログラム{n}\nsummary: 要約。\nperiod: 3\nnumber: {n}\n---\n本文。\n"),
        );
    }
    t.build();
    // The page a link leads to: `../x/index.html` and `page/2/` by their folder.
    let id = |href: &str| href.trim_end_matches("index.html").trim_end_matches('/').rsplit('/').next().unwrap().to_string();
    let list = |n: usize| if n == 1 { "ja/programs/index.html".to_string() } else { format!("ja/programs/page/{n}/index.html") };
    let mut seen = 0;
    for n in 1..=3 {
        let on_list: Vec<String> = Doc::parse(&t.read(&list(n))).attrs("main li a", "href").iter().map(|h| id(h)).collect();
        assert!(!on_list.is_empty() && on_list.len() <= 3, "list page {n}: {on_list:?}");
        for page in &on_list {
            let doc = Doc::parse(&t.read(&format!("ja/programs/{page}/index.html")));
            // The current page links to itself as `index.html`.
            let menu: Vec<String> =
                doc.attrs(".side-nav li a", "href").iter().map(|h| if h == "index.html" { page.clone() } else { id(h) }).collect();
            assert_eq!(&menu, &on_list, "the menu of {page} is list page {n}");
            assert_eq!(doc.texts(".side-nav a[aria-current]"), doc.texts("h1"), "{page}: the current page is marked");
            assert_eq!(doc.text(".side-nav-pagination span"), format!("{n}／3ページ"), "{page}");
            let prev: Vec<String> = doc.attrs(".side-nav-pagination a[rel=prev]", "href").iter().map(|h| id(h)).collect();
            let next: Vec<String> = doc.attrs(".side-nav-pagination a[rel=next]", "href").iter().map(|h| id(h)).collect();
            // From a page, list page 1 is `../index.html` and page m `../page/m/index.html`.
            let folder = |m: usize| if m == 1 { "..".to_string() } else { m.to_string() };
            assert_eq!(prev, (n > 1).then(|| folder(n - 1)).into_iter().collect::<Vec<_>>(), "{page}");
            assert_eq!(next, (n < 3).then(|| folder(n + 1)).into_iter().collect::<Vec<_>>(), "{page}");
            seen += 1;
        }
    }
    assert_eq!(seen, 7, "every program of the list has its page");
}

/// The pages of a list page share one side navigation but for their own
/// entry, which each marks current and links as `index.html`; a page whose
/// folder holds the list's later pages (its id is `page`) links to them
/// from its own folder.
#[test]
fn each_page_of_a_shared_side_navigation_marks_itself_and_links_from_its_own_folder() {
    let t = crate::common::SiteTest::new("core/minimal");
    let yaml = std::fs::read_to_string(t.root().join("site.yaml")).unwrap();
    t.write("site.yaml", &format!("{yaml}pagination: 50\n"));
    // `page` first: it is on the first list page, whose next is `page/2/`.
    let ids: Vec<String> = std::iter::once("page".to_string()).chain((1..=60).map(|n| format!("extra-{n:02}"))).collect();
    for (n, id) in ids.iter().enumerate() {
        t.write(
            &format!("content/programs/{id}.ja.md"),
            &format!("---\nid: {id}\ntitle: 追加{id}\nsummary: 要約。\nperiod: 3\nnumber: {}\n---\n本文。\n", n + 1),
        );
    }
    t.build();
    let mut pages = 0;
    for entry in std::fs::read_dir(t.root().join("public/ja/programs")).unwrap() {
        let folder = entry.unwrap().file_name().to_string_lossy().to_string();
        let Ok(html) = std::fs::read_to_string(t.root().join(format!("public/ja/programs/{folder}/index.html"))) else { continue };
        let doc = Doc::parse(&html);
        if doc.all(".side-nav").is_empty() {
            continue;
        }
        pages += 1;
        assert_eq!(doc.attrs(".side-nav a[aria-current]", "href"), ["index.html"], "{folder}");
        assert_eq!(doc.texts(".side-nav a[aria-current]"), doc.texts("h1"), "{folder}");
        // Every other entry leads to a page beside this one; none is current.
        for href in doc.attrs(".side-nav li a:not([aria-current])", "href") {
            assert!(href.starts_with("../") && href.ends_with("/index.html") && !href.contains(&format!("/{folder}/")), "{folder}: {href}");
        }
        let later: Vec<String> = doc.attrs(".side-nav-pagination a[rel=next]", "href");
        if folder == "page" {
            assert_eq!(later, ["2/index.html"], "the page `page` holds the list's later pages");
        } else if !later.is_empty() {
            assert_eq!(later, ["../page/2/index.html"], "{folder}");
        }
    }
    assert!(pages >= 61, "{pages} pages with a side navigation");
}

/// The home page's first screen gives the site's structure: every kind and
/// period with the number of pages it holds, linking to its list, and the
/// five pages with the latest `updated` (or `date`), newest first.
#[test]
fn the_home_page_opens_with_every_kind_and_period_counted_and_the_latest_pages() {
    let root = public();
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(root.join("data/site.json")).unwrap()).unwrap();
    let pages = json["pages"].as_array().unwrap();
    let count = |f: &dyn Fn(&serde_json::Value) -> bool| pages.iter().filter(|p| f(p)).count();
    for (lang, unit) in [("ja", "件"), ("en", " pages")] {
        let doc = Doc::parse(&std::fs::read_to_string(root.join(format!("{lang}/index.html"))).unwrap());
        let kinds: Vec<(String, String)> = doc
            .all(".overview-kinds li")
            .into_iter()
            .map(|li| {
                (
                    crate::common::html::text(li),
                    li.select(&scraper::Selector::parse("a").unwrap()).next().unwrap().value().attr("href").unwrap().to_string(),
                )
            })
            .collect();
        let want = [("policy", "policies"), ("project", "projects"), ("program", "programs"), ("handout", "handouts")];
        assert_eq!(kinds.len(), want.len(), "{lang}: {kinds:?}");
        for ((text, href), (kind, folder)) in kinds.iter().zip(want) {
            assert_eq!(href, &format!("{folder}/index.html"), "{lang}");
            let n = count(&|p| p["kind"] == kind);
            assert!(text.contains(&format!("{n}{unit}")), "{lang} {kind}: `{text}` does not say {n}{unit}");
        }
        let periods = doc.all(".overview-periods li");
        assert_eq!(periods.len(), 3, "{lang}");
        for (li, key) in periods.into_iter().zip(["1", "2", "3"]) {
            let n = count(&|p| p["period"].as_array().is_some_and(|a| a.iter().any(|v| v == key)));
            let text = crate::common::html::text(li);
            assert!(text.contains(&format!("{n}{unit}")), "{lang} period {key}: `{text}` does not say {n}{unit}");
        }
        let latest = doc.attrs(".overview-latest a", "href");
        assert_eq!(latest.len(), 5, "{lang}");
        let date = |p: &serde_json::Value| p["updated"].as_str().or(p["date"].as_str()).unwrap_or("").to_string();
        let newest = pages.iter().map(date).max().unwrap();
        let mut last = newest.clone();
        let page_at = |href: &str| {
            let tail = format!("/{lang}/{}", href.trim_end_matches("index.html"));
            pages
                .iter()
                .find(|p| p["url"][lang].as_str().is_some_and(|u| u.ends_with(&tail)))
                .unwrap_or_else(|| panic!("{lang}: {href} is no page"))
        };
        for href in &latest {
            let d = date(page_at(href));
            assert!(d <= last, "{lang}: {href} ({d}) after a page of {last}");
            last = d;
        }
        assert_eq!(date(page_at(&latest[0])), newest, "{lang}: the first is the newest");
    }
}
