//! Every output path and site URL is named in `src/paths.rs`: no other
//! module's code (comments and test code left out) holds a string literal
//! that names an output file or folder, or a `format!` that joins path
//! segments, except the few of [`ALLOWED`], each with its reason.

use crate::common::source::{self, literals};

/// What in a literal names an output path: file names of the site, folders
/// of the output, and a `/` joined to a placeholder (`{}/`, `/{`) as a path
/// built from parts is ([`JOINS`]: only in a literal without spaces, as a
/// message's is not a path).
const PATH_LIKE: &[&str] = &[
    "index.html",
    "404.html",
    "atom.xml",
    "sitemap.xml",
    "sitemap-",
    "robots.txt",
    "site.json",
    "highlight.css",
    ".pdf",
    "assets/",
    "data/",
    "search/",
    "page/",
];

/// A `/` joined to a placeholder.
const JOINS: &[&str] = &["}/", "/{"];

/// Literals that look like paths but are not outputs: `(module, literal, why)`.
const ALLOWED: &[(&str, &str, &str)] = &[
    ("render/chrome", "404.html", "the name of a template the theme must have, not an output"),
    ("render/indexes", "404.html", "the template that renders the 404 page; its output path comes from the plan"),
    ("serve/server", "{s}/", "serve maps a request's path to an output file, segment by segment: URLs in, not out"),
    ("serve/server", "{key}/", "the folder a request without its `/` names, to redirect to it"),
    ("serve/server", "{raw_path}/", "the redirect of a request to its folder keeps the request as sent"),
    ("render/handout/rewrite", "</{name}", "the closing tag of an HTML element, not a path"),
    ("schema", "#/$defs/{facet}Key", "a JSON pointer in the schema of front matter"),
    ("config", "{url}/", "the base URL as the user gave it, made to end in `/`; paths::absolute joins it to paths"),
    ("serve/server", "/{*path}", "the route that takes every request"),
    ("serve", "http://{}/", "the address of the local server, printed when it starts"),
];

/// Every literal outside `paths.rs` that looks like an output path, as
/// `(module, line, literal)`.
fn path_literals() -> Vec<(String, usize, String)> {
    let mut out = Vec::new();
    for (module, code) in source::modules() {
        if module == "paths" {
            continue;
        }
        for (n, line) in code.lines().enumerate() {
            for lit in literals(line) {
                let joins = !lit.contains(char::is_whitespace) && JOINS.iter().any(|p| lit.contains(p));
                if joins || PATH_LIKE.iter().any(|p| lit.contains(p)) {
                    out.push((module.clone(), n + 1, lit.to_string()));
                }
            }
        }
    }
    out
}

#[test]
fn no_output_path_or_url_is_built_outside_paths_rs() {
    let allowed = |m: &str, lit: &str| ALLOWED.iter().any(|(am, al, _)| *am == m && lit.contains(al));
    let found: Vec<String> =
        path_literals().into_iter().filter(|(m, _, lit)| !allowed(m, lit)).map(|(m, n, lit)| format!("{m}:{n}: \"{lit}\"")).collect();
    assert!(found.is_empty(), "output paths built outside src/paths.rs (add a function there):\n{}", found.join("\n"));
}

#[test]
fn every_allowed_path_literal_is_still_there() {
    let found = path_literals();
    for (m, lit, _) in ALLOWED {
        assert!(found.iter().any(|(fm, _, fl)| fm == m && fl.contains(lit)), "{m}: \"{lit}\" is gone: remove it from ALLOWED");
    }
}

#[test]
fn literals_are_read_with_their_escapes() {
    assert_eq!(literals(r#"f("a/index.html", '"', "b\"c")"#), ["a/index.html", r#"b\"c"#]);
}
