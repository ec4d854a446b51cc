//! The module graph of `src/` follows the stages of ARCHITECTURE.md: every
//! module belongs to a stage by the explicit ordered list [`STAGES`]; a
//! module imports only its own stage, earlier stages and the foundation;
//! top-level modules form no cycle; and the sibling submodules of one folder
//! form no cycle either (a folder's `mod.rs` and its children may use each
//! other, as Rust modules do).
//!
//! Imports are read from the source: every `crate::…` path (with groups,
//! `use crate::{a, b::c}`), every `super::…` path (climbing out of the
//! module), and in the crate root the paths that start with a module's
//! name. Comments and test code (`#[cfg(test)] mod …`, `tests.rs`,
//! `*_tests.rs`) are left out: a unit test may build its input with any
//! stage.

use std::collections::{BTreeMap, BTreeSet};

use crate::common::source::{self, code_of};

/// The stages, in order, each with the modules it holds (paths under `src/`,
/// without `.rs`; a folder holds everything under it). A module belongs to
/// the stage of its longest listed prefix. The foundation comes first: every
/// stage may import it, it imports no stage.
const STAGES: &[(&str, &[&str])] = &[
    ("foundation", &["lang", "text", "diagnostic", "suggest", "hash", "yaml", "timing", "escape", "paths", "fsguard"]),
    ("config", &["config"]),
    ("theme", &["theme"]),
    ("model", &["model"]),
    ("load", &["load"]),
    ("markdown", &["markdown"]),
    ("resolve", &["resolve"]),
    ("plan", &["plan"]),
    ("search", &["search"]),
    ("render", &["render"]),
    ("output", &["output"]),
    ("pipeline", &["lib", "pipeline"]),
    ("serve", &["serve"]),
    ("commands", &["stamp", "scaffold", "schema", "xliff", "cli", "main"]),
];

/// Imports that break the order today and are still to be removed, each with
/// why it is there. The test fails on one that is no longer needed, so the
/// list only shrinks.
const KNOWN: &[(&str, &str, &str)] = &[];

/// Every module of the crate with its code: [`source::modules`].
fn modules() -> BTreeMap<String, String> {
    source::modules()
}

/// The paths a module's code names from `prefix` on (`crate::`, `super::`),
/// groups expanded: `crate::{a, b::{c, d}}` gives `a`, `b::c`, `b::d`.
fn paths_after(code: &str, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find(prefix) {
        let before = rest[..i].chars().next_back();
        rest = &rest[i + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        out.extend(expand(rest));
    }
    out
}

/// The paths at the start of `s`: `a::b::c` or a group `{…}`, after any
/// further `super::` (kept, for the caller to climb).
fn expand(s: &str) -> Vec<String> {
    let s = s.trim_start();
    if let Some(inner) = s.strip_prefix('{') {
        let mut depth = 1;
        let mut end = inner.len();
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                end = i;
                break;
            }
        }
        return split_top(&inner[..end]).iter().flat_map(|part| expand(part)).collect();
    }
    let mut path = String::new();
    let mut s = s;
    loop {
        let ident: String = s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        if ident.is_empty() {
            break;
        }
        s = &s[ident.len()..];
        if !path.is_empty() {
            path.push_str("::");
        }
        path.push_str(&ident);
        match s.strip_prefix("::") {
            Some(r) if r.trim_start().starts_with('{') => {
                return expand(r).into_iter().map(|p| format!("{path}::{p}")).collect();
            }
            Some(r) => s = r,
            None => break,
        }
    }
    if path.is_empty() { vec![] } else { vec![path] }
}

/// `a, b::{c, d}, e` split at its top-level commas.
fn split_top(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts
}

/// The module a path names, from the longest prefix of it that is a module
/// (`render::markdown::Highlighter` → `render/markdown`); the crate root
/// (`lib`) when none is.
fn module_of(path: &[&str], modules: &BTreeMap<String, String>) -> String {
    (1..=path.len()).rev().map(|n| path[..n].join("/")).find(|m| modules.contains_key(m)).unwrap_or_else(|| "lib".into())
}

/// Every module each module imports (itself left out).
fn imports(modules: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    let tops: BTreeSet<&str> = modules.keys().filter(|m| !m.contains('/') && *m != "lib" && *m != "main").map(String::as_str).collect();
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (m, code) in modules {
        let mut named: Vec<String> = paths_after(code, "crate::").into_iter().map(|p| p.replace("::", "/")).collect();
        // `super` of `a/b/c` (c.rs) is `a/b`, of `a/b` (b/mod.rs) is `a`: one level up either way.
        for p in paths_after(code, "super::") {
            let mut base: Vec<&str> = m.split('/').collect();
            let mut p = p.as_str();
            let mut climbs = 1;
            while let Some(r) = p.strip_prefix("super::") {
                p = r;
                climbs += 1;
            }
            for _ in 0..climbs {
                base.pop();
            }
            let mut full = base.join("/");
            if !full.is_empty() {
                full.push('/');
            }
            full.push_str(&p.replace("::", "/"));
            named.push(full);
        }
        if m == "lib" || m == "main" {
            // The root names its modules without `crate::` (`config::load_config`), as does main (`tebiki::…`).
            for top in &tops {
                for p in paths_after(code, &format!("{top}::")) {
                    named.push(format!("{top}/{}", p.replace("::", "/")));
                }
            }
        }
        let set = out.entry(m.clone()).or_default();
        for n in named {
            let parts: Vec<&str> = n.split('/').filter(|s| !s.is_empty()).collect();
            let target = module_of(&parts, modules);
            if &target != m {
                set.insert(target);
            }
        }
    }
    out
}

/// The stage index of a module: its longest listed prefix.
fn stage_of(module: &str) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, (_, prefixes)) in STAGES.iter().enumerate() {
        for p in *prefixes {
            let hit = module == *p || module.starts_with(&format!("{p}/"));
            if hit && best.is_none_or(|(len, _)| p.len() > len) {
                best = Some((p.len(), i));
            }
        }
    }
    best.map(|(_, i)| i)
}

/// Imports of a later stage, or of a stage from the foundation: `(from, to)`.
fn order_violations(imports: &BTreeMap<String, BTreeSet<String>>) -> BTreeSet<(String, String)> {
    let mut bad = BTreeSet::new();
    for (from, tos) in imports {
        let Some(a) = stage_of(from) else { continue };
        for to in tos {
            let Some(b) = stage_of(to) else { continue };
            if b > a || (a == 0 && b != 0) {
                bad.insert((from.clone(), to.clone()));
            }
        }
    }
    bad
}

/// The cycles of a graph, each as one of its strongly connected components
/// of more than one node.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let nodes: Vec<&String> = graph.keys().collect();
    let reach = |from: &String| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from];
        while let Some(n) = todo.pop() {
            for m in graph.get(n).into_iter().flatten() {
                if seen.insert(m) {
                    todo.push(m);
                }
            }
        }
        seen
    };
    let reaches: BTreeMap<&String, BTreeSet<&String>> = nodes.iter().map(|n| (*n, reach(n))).collect();
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut done = BTreeSet::new();
    for n in &nodes {
        if done.contains(*n) {
            continue;
        }
        let scc: Vec<String> =
            nodes.iter().filter(|m| reaches[*n].contains(**m) && reaches[**m].contains(*n)).map(|m| (*m).clone()).collect();
        if scc.len() > 1 {
            done.extend(scc.iter().cloned());
            out.push(scc);
        }
    }
    out
}

/// The graph of top-level modules (`render/markdown` counts as `render`).
fn top_level(imports: &BTreeMap<String, BTreeSet<String>>) -> BTreeMap<String, BTreeSet<String>> {
    let top = |m: &str| m.split('/').next().unwrap_or(m).to_string();
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, tos) in imports {
        for to in tos {
            if top(from) != top(to) {
                g.entry(top(from)).or_default().insert(top(to));
            }
        }
    }
    g
}

/// For each folder, the graph of its direct children (files and subfolders),
/// leaving out the folder's own `mod.rs`.
fn folders(imports: &BTreeMap<String, BTreeSet<String>>) -> BTreeMap<String, BTreeMap<String, BTreeSet<String>>> {
    let mut out: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    // The child of `folder` that `m` is in, if any: `render/markdown` for `render/markdown/terms` in `render`.
    let child = |folder: &str, m: &str| -> Option<String> {
        let rest = m.strip_prefix(folder)?.strip_prefix('/')?;
        Some(format!("{folder}/{}", rest.split('/').next()?))
    };
    let folders: BTreeSet<String> = imports.keys().filter_map(|m| m.rsplit_once('/').map(|(f, _)| f.to_string())).collect();
    for folder in &folders {
        let g = out.entry(folder.clone()).or_default();
        for (from, tos) in imports {
            let Some(a) = child(folder, from) else { continue };
            for to in tos {
                if let Some(b) = child(folder, to).filter(|b| *b != a) {
                    g.entry(a.clone()).or_default().insert(b);
                }
            }
        }
    }
    out
}

/// What is wrong with the graph: imports of a later stage, cycles among
/// top-level modules and inside folders, leaving out the imports of
/// [`KNOWN`] (each of which must still be there).
fn problems(imports: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let mut out = Vec::new();
    let mut graph = imports.clone();
    for (from, to, _) in KNOWN {
        if !graph.get_mut(*from).is_some_and(|tos| tos.remove(*to)) {
            out.push(format!("{from} no longer imports {to}: remove it from KNOWN"));
        }
    }
    for (from, to) in order_violations(&graph) {
        let stage = |m: &str| stage_of(m).map_or("?", |i| STAGES[i].0);
        out.push(format!("{from} ({}) imports {to} ({}), a later stage", stage(&from), stage(&to)));
    }
    for c in cycles(&top_level(&graph)) {
        out.push(format!("cycle among top-level modules: {}", c.join(", ")));
    }
    for (folder, g) in folders(&graph) {
        for c in cycles(&g) {
            out.push(format!("cycle inside {folder}/: {}", c.join(", ")));
        }
    }
    out
}

#[test]
fn every_module_imports_only_earlier_stages_without_cycles() {
    let modules = modules();
    for m in modules.keys() {
        assert!(stage_of(m).is_some(), "{m} is in no stage: add it to STAGES");
    }
    let problems = problems(&imports(&modules));
    assert!(problems.is_empty(), "the module graph breaks the stages:\n{}", problems.join("\n"));
}

#[test]
fn imports_are_read_from_crate_super_and_grouped_paths() {
    let mut modules = BTreeMap::new();
    for m in ["lib", "lang", "markdown", "markdown/terms", "markdown/text", "config"] {
        modules.insert(m.to_string(), String::new());
    }
    modules
        .insert("markdown/terms".into(), code_of("use crate::{lang::Lang, config::{self, Config}};\nuse super::text;\n// crate::paths\n"));
    modules.insert("config".into(), code_of("fn f() { crate::markdown::x(); }\n#[cfg(test)]\nmod tests { use crate::lang; }\n"));
    let ix = imports(&modules);
    let set = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
    assert_eq!(ix["markdown/terms"], set(&["lang", "config", "markdown/text"]));
    assert_eq!(ix["config"], set(&["markdown"]));
    assert_eq!(order_violations(&ix), [("config".to_string(), "markdown".to_string())].into());
}

#[test]
fn a_cycle_inside_a_folder_is_found_but_not_one_with_its_mod_rs() {
    let g = |edges: &[(&str, &str)]| {
        let mut ix: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (a, b) in edges {
            ix.entry(a.to_string()).or_default().insert(b.to_string());
            ix.entry(b.to_string()).or_default();
        }
        ix
    };
    let with_parent = g(&[("render/markdown", "render/markdown/terms"), ("render/markdown/terms", "render/markdown")]);
    assert!(folders(&with_parent).values().all(|f| cycles(f).is_empty()));
    let siblings = g(&[("render/markdown/emphasis", "render/markdown/text"), ("render/markdown/text", "render/markdown/emphasis")]);
    assert_eq!(cycles(&folders(&siblings)["render/markdown"]).len(), 1);
    let tops = g(&[("model", "load"), ("load/page", "model")]);
    assert_eq!(cycles(&top_level(&tops)), [vec!["load".to_string(), "model".to_string()]]);
}
