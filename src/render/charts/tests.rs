//! Unit tests of the charts on the fixture site `tests/fixtures/charts/budget`.

use super::*;
use crate::diagnostic::Diagnostics;

/// The fixture's site, index and theme.
fn fixture() -> (Site, Index, Theme) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/charts/budget");
    let config = crate::config::load_config(&root).expect("fixture config");
    let mut diags = Diagnostics::new();
    let theme = crate::theme::load_theme(&config, &mut diags);
    let (site, _) = crate::load::load_site(config, crate::load::LoadOptions { drafts: false, ..crate::load::LoadOptions::default() });
    let ix = crate::resolve::resolve(&site, &Default::default(), &Default::default(), &mut diags);
    assert!(!diags.has_errors());
    (site, ix, theme)
}

#[test]
fn ids_take_the_prefix_everywhere_they_are_written_and_referenced() {
    let (site, ix, theme) = fixture();
    let lines = BudgetLines::new(&site);
    let i = site.page_index("p-new").expect("p-new");
    let dir = "ja/handouts/h/";
    let ctx = Ctx { site: &site, ix: &ix, theme: &theme, lines: &lines, id_prefix: "p-new-", lang: Lang::Ja, dir };
    let charts = page_charts(&ctx, i);
    assert_eq!(charts.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["p-new-chart-budget", "p-new-chart-relations"]);
    let html: String = charts.iter().map(|c| c.html.as_str()).collect();
    for id in html.split(" id=\"").skip(1).map(|s| s.split('"').next().unwrap_or("")) {
        assert!(id.starts_with("p-new-"), "unprefixed id {id}");
    }
    assert!(html.contains("fill=\"url(#p-new-chart-budget-hatch-amed)\""));
    assert!(html.contains("marker-end=\"url(#p-new-chart-relations-arrow)\""));
    assert!(html.contains("aria-labelledby=\"p-new-chart-budget-title p-new-chart-budget-desc\""));
    // Links are relative to the document the charts go in.
    assert!(html.contains("href=\"../../programs/beta/index.html\""));
}

#[test]
fn budget_lines_are_indexed_by_the_project_they_name() {
    let (site, _, _) = fixture();
    let lines = BudgetLines::new(&site);
    let p_new = site.page_index("p-new").expect("p-new");
    let naming: Vec<&str> = lines.naming(p_new).iter().map(|(j, _)| site.pages()[*j].id.as_str()).collect();
    assert_eq!(naming, ["alpha", "beta", "beta-child", "delta", "elsewhere", "gamma", "lab", "p-new", "p-new"]);
    let first = site.page_index("p-first").expect("p-first");
    assert!(lines.naming(first).is_empty(), "a line without `project` names no project");
}
