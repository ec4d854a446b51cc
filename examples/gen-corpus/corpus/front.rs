//! YAML front matter: every structured field in the Japanese (source) file,
//! only text fields in the English translation.

use std::fmt::Write as _;

use super::body::{Lang, title};
use super::plan::{HANDOUT, Plan};
use super::vocab::{DISEASES, FIELDS, MINISTRIES, PERIODS, TAGS};

/// A YAML double-quoted scalar (JSON strings are valid YAML).
pub fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// The front matter of page `i` in `lang`, fences included.
pub fn front_matter(plan: &Plan, i: usize, lang: Lang) -> String {
    let p = &plan.pages[i];
    let mut s = String::from("---\n");
    let (t, short) = title(plan, i, lang);
    if lang == Lang::Ja {
        let _ = writeln!(s, "id: {}", p.id);
    }
    let _ = writeln!(s, "title: {}", q(&t));
    let _ = writeln!(s, "short_title: {}", q(&short));
    let _ = writeln!(s, "summary: {}", q(&summary(plan, i, lang)));
    if lang == Lang::En {
        s.push_str("---\n");
        return s;
    }
    if p.kind != HANDOUT {
        let _ = writeln!(s, "period: {}", PERIODS[p.period].0);
    }
    if let Some(par) = p.parent {
        let _ = writeln!(s, "parent: {}", plan.pages[par].id);
    }
    if let Some(n) = p.number {
        let _ = writeln!(s, "number: {n}");
    }
    if p.kind != HANDOUT {
        list(&mut s, "ministries", p.ministries.iter().map(|&m| MINISTRIES[m].0));
        if let Some(m) = p.lead {
            let _ = writeln!(s, "lead_ministry: {}", MINISTRIES[m].0);
        }
        list(&mut s, "diseases", p.diseases.iter().map(|&d| DISEASES[d].0));
        list(&mut s, "tags", p.tags.iter().map(|&t| TAGS[t].0));
    }
    if !p.budget.is_empty() {
        s.push_str("budget:\n");
        for b in &p.budget {
            let _ = write!(
                s,
                "  - {{fy: {}, oku_yen: {}.{}, scope: {}, project: {}",
                b.fy,
                b.tenths / 10,
                b.tenths % 10,
                if b.inhouse { "inhouse" } else { "amed" },
                plan.pages[b.project].id
            );
            if b.part_of {
                s.push_str(", part_of: true");
            }
            if b.relisted {
                s.push_str(", relisted: true");
            }
            if let Some(w) = b.shared_with {
                let _ = write!(s, ", shared_with: [{}]", plan.pages[w].id);
            }
            if b.note {
                s.push_str(", note: {ja: 推計値を含む, en: includes estimates}");
            }
            s.push_str("}\n");
        }
    }
    list(&mut s, "succeeds", p.succeeds.iter().map(|&j| plan.pages[j].id.as_str()));
    list(&mut s, "related", p.related.iter().map(|&j| plan.pages[j].id.as_str()));
    list(&mut s, "pages", p.pages.iter().map(|&j| plan.pages[j].id.as_str()));
    s.push_str("sources:\n");
    let _ = writeln!(
        s,
        "  - title: {{ja: {}, en: {}}}\n    publisher: {{ja: 生成コーパス事務局, en: Corpus Secretariat}}\n    date: {}-05-16\n    note: {{ja: 概要資料, en: Overview material}}",
        q(&format!("{}に関する資料", FIELDS[p.field].0)),
        q(&format!("Material on {}", FIELDS[p.field].1)),
        p.year
    );
    let _ = writeln!(s, "date: {}-0{}-1{}", p.year, 1 + i % 9, i % 10);
    s.push_str("---\n");
    s
}

fn list<'a>(s: &mut String, key: &str, items: impl Iterator<Item = &'a str>) {
    let items: Vec<&str> = items.collect();
    if !items.is_empty() {
        let _ = writeln!(s, "{key}: [{}]", items.join(", "));
    }
}

fn summary(plan: &Plan, i: usize, lang: Lang) -> String {
    let p = &plan.pages[i];
    let (f_ja, f_en, _) = FIELDS[p.field];
    let (from, to) = (PERIODS[p.period].1, PERIODS[p.period].2);
    match (lang, p.kind.key) {
        (Lang::Ja, "handout") => format!("{}件のページをまとめたブリーフィング資料。", p.pages.len()),
        (Lang::En, "handout") => format!("A briefing handout that brings {} pages together.", p.pages.len()),
        (Lang::Ja, "policy") => format!("{from}〜{to}年度の健康・医療分野の研究開発を方向づける計画。"),
        (Lang::En, "policy") => format!("The plan that sets the direction of health and medical research for FY{from}–{to}."),
        (Lang::Ja, "project") => format!("{f_ja}に関する関係府省の事業を束ねる統合プロジェクト（{from}〜{to}年度）。"),
        (Lang::En, "project") => {
            format!("An integrated project that brings together the ministries' programs on {f_en} (FY{from}–{to}).")
        }
        (Lang::Ja, _) => format!("{f_ja}の研究開発を進める事業。{}年度から実施している。", p.year),
        (Lang::En, _) => format!("A program that advances research and development in {f_en}, running since FY{}.", p.year),
    }
}
