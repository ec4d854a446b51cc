//! Page titles and Markdown bodies: Japanese of 1,000–1,500 characters,
//! English of about 600 words, with headings, lists, a table, references,
//! glossary terms and, in some pages, a code block.

use std::fmt::Write as _;

use super::Rng;
use super::glossary::GlossEntry;
use super::plan::Plan;
use super::vocab::{DISEASES, EN_SENTENCES, FIELDS, FOCI, JA_SENTENCES, MINISTRIES, PERIODS, PROGRAM_TYPES};

/// A language of the corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Ja,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// Title and short title of page `i`.
pub fn title(plan: &Plan, i: usize, lang: Lang) -> (String, String) {
    let p = &plan.pages[i];
    let (f_ja, f_en, _) = FIELDS[p.field];
    let (o_ja, o_en, _) = FOCI[p.focus];
    let (t_ja, t_en) = PROGRAM_TYPES[p.ptype];
    let per = PERIODS[p.period].0;
    let ord = ["1st", "2nd", "3rd"][p.period];
    match (lang, p.kind.key) {
        (Lang::Ja, "policy") => (format!("{f_ja}分野の推進計画（第{per}期）"), format!("第{per}期{f_ja}計画")),
        (Lang::En, "policy") => (format!("Plan for {f_en} ({ord} period)"), format!("{ord}-period plan")),
        (Lang::Ja, "project") => (format!("{f_ja}統合プロジェクト（第{per}期）"), f_ja.to_string()),
        (Lang::En, "project") => (format!("{} Project ({ord} period)", capitalise(f_en)), capitalise(f_en)),
        (Lang::Ja, "program") => (format!("{f_ja}{o_ja}{t_ja}"), format!("{f_ja}{o_ja}")),
        (Lang::En, "program") => (format!("{t_en} for {} in {}", capitalise(o_en), capitalise(f_en)), capitalise(o_en)),
        (Lang::Ja, _) => (format!("ブリーフィング資料：{f_ja}"), f_ja.to_string()),
        (Lang::En, _) => (format!("Briefing: {}", capitalise(f_en)), capitalise(f_en)),
    }
}

/// The home page text.
pub fn home(plan: &Plan, lang: Lang) -> String {
    let mut s = String::new();
    let (t, intro, head) = match lang {
        Lang::Ja => ("生成コーパス", "ベンチマーク用に生成したサイトです。主な計画は次のとおりです。", "## 主な計画"),
        Lang::En => ("Generated corpus", "A site generated for the benchmark. Its main plans are these.", "## Main plans"),
    };
    let _ = write!(s, "---\ntitle: {t}\n---\n\n{intro}\n\n{head}\n\n");
    for p in plan.pages.iter().filter(|p| p.kind.key == "policy").take(6) {
        let _ = writeln!(s, "- [[{}]]", p.id);
    }
    s
}

/// What a body's sentences draw on.
struct Ctx<'a> {
    plan: &'a Plan,
    i: usize,
    lang: Lang,
    gloss: &'a [GlossEntry],
    term: usize,
    reference: usize,
}

impl Ctx<'_> {
    fn term(&mut self) -> &str {
        let p = &self.plan.pages[self.i];
        let e = &self.gloss[p.terms[self.term % p.terms.len()]];
        self.term += 1;
        match self.lang {
            Lang::Ja => &e.ja,
            Lang::En => &e.en,
        }
    }

    fn reference(&mut self, rng: &mut Rng) -> String {
        let p = &self.plan.pages[self.i];
        if p.refs.is_empty() {
            return match self.lang {
                Lang::Ja => "関係する事業".into(),
                Lang::En => "related programs".into(),
            };
        }
        let j = p.refs[self.reference % p.refs.len()];
        self.reference += 1;
        if rng.chance(20) {
            format!("[[{}|{}]]", self.plan.pages[j].id, title(self.plan, j, self.lang).1)
        } else {
            format!("[[{}]]", self.plan.pages[j].id)
        }
    }

    fn sentence(&mut self, rng: &mut Rng) -> String {
        let p = &self.plan.pages[self.i];
        let template = match self.lang {
            Lang::Ja => *rng.pick(&JA_SENTENCES),
            Lang::En => *rng.pick(&EN_SENTENCES),
        };
        let mut out = String::with_capacity(template.len() + 64);
        let mut rest = template;
        while let Some(at) = rest.find('{') {
            out.push_str(&rest[..at]);
            let end = rest[at..].find('}').map_or(rest.len(), |e| at + e);
            let slot = &rest[at + 1..end];
            let fy = p.year + rng.below(3) as i32;
            let value = match (slot, self.lang) {
                ("t", _) => self.term().to_string(),
                ("r", _) => self.reference(rng),
                ("m", Lang::Ja) => MINISTRIES[*rng.pick(&p.ministries)].1.to_string(),
                ("m", Lang::En) => MINISTRIES[*rng.pick(&p.ministries)].2.to_string(),
                ("d", Lang::Ja) => DISEASES[p.diseases.first().copied().unwrap_or(p.field % 7)].1.to_string(),
                ("d", Lang::En) => DISEASES[p.diseases.first().copied().unwrap_or(p.field % 7)].2.to_string(),
                ("fy", Lang::Ja) => format!("{fy}年度"),
                ("fy", Lang::En) => format!("FY{fy}"),
                _ => rng.range(3, 48).to_string(),
            };
            out.push_str(&value);
            rest = rest.get(end + 1..).unwrap_or("");
        }
        out.push_str(rest);
        out
    }

    fn paragraph(&mut self, rng: &mut Rng, sentences: usize) -> String {
        let sep = if self.lang == Lang::Ja { "" } else { " " };
        let mut s: Vec<String> = (0..sentences).map(|_| self.sentence(rng)).collect();
        s.push(String::new());
        s.join(sep).trim_end().to_string() + "\n\n"
    }
}

fn size(s: &str, lang: Lang) -> usize {
    match lang {
        Lang::Ja => s.chars().count(),
        Lang::En => s.split_whitespace().count(),
    }
}

/// The Markdown body of page `i` in `lang`.
pub fn body(plan: &Plan, i: usize, lang: Lang, gloss: &[GlossEntry], rng: &mut Rng) -> String {
    let mut c = Ctx { plan, i, lang, gloss, term: 0, reference: 0 };
    let p = &plan.pages[i];
    let ja = lang == Lang::Ja;
    let h = |ja_text: &'static str, en_text: &'static str| if ja { ja_text } else { en_text };
    let target = if ja { rng.range(1000, 1500) } else { rng.range(560, 640) };
    let mut s = String::with_capacity(6000);
    let _ = write!(s, "\n## {}\n\n", h("概要", "Overview"));
    s.push_str(&c.paragraph(rng, 3));
    s.push_str(&c.paragraph(rng, 2));
    let _ = write!(s, "## {}\n\n", h("目的", "Aims"));
    s.push_str(&c.paragraph(rng, 2));
    for _ in 0..4 {
        let item = match (ja, rng.below(4)) {
            (true, 0) => format!("{}の整備と運用", c.term()),
            (true, 1) => "研究成果の公開と共有".into(),
            (true, 2) => format!("**{}**との連携強化", MINISTRIES[p.ministries[0]].1),
            (true, _) => format!("{}における人材の育成", FIELDS[p.field].0),
            (false, 0) => format!("setting up and running the {}", c.term()),
            (false, 1) => "publishing and sharing results".into(),
            (false, 2) => format!("closer links with the **{}**", MINISTRIES[p.ministries[0]].2),
            (false, _) => format!("training people in {}", FIELDS[p.field].1),
        };
        let _ = writeln!(s, "- {item}");
    }
    let _ = write!(s, "\n## {}\n\n### {}\n\n", h("主な取り組み", "Main activities"), h("研究開発", "Research and development"));
    s.push_str(&c.paragraph(rng, 3));
    let _ = write!(s, "### {}\n\n", h("支援体制", "Support"));
    s.push_str(&c.paragraph(rng, 2));
    for k in 1..=3 {
        let _ = writeln!(s, "{k}. {}", c.sentence(rng));
    }
    let _ = write!(s, "\n## {}\n\n", h("予算", "Budget"));
    budget_table(&mut s, plan, i, ja);
    s.push_str(&c.paragraph(rng, 2));
    if p.code {
        let _ = write!(s, "## {}\n\n", h("データ形式", "Data format"));
        s.push_str(&c.paragraph(rng, 1));
        code_block(&mut s, p.id.as_str(), p.year, rng);
    }
    let _ = write!(s, "## {}\n\n", h("関係するページ", "Related pages"));
    for _ in 0..p.refs.len().min(4) {
        let _ = writeln!(s, "- {}", c.reference(rng));
    }
    let entry = &gloss[p.terms[0]];
    if ja {
        let _ = writeln!(s, "- 用語集の[[glossary:{}]]も参照。", entry.id);
    } else {
        let _ = writeln!(s, "- See also [[glossary:{}]] in the glossary.", entry.id);
    }
    if let Some(par) = p.parent.filter(|_| rng.chance(30)) {
        let q = &plan.pages[par];
        let text = h("親ページ", "the parent page");
        let _ = writeln!(s, "- [{text}](../{}/{}.{}.md)", q.kind.folder, q.id, lang.code());
    }
    let _ = write!(s, "\n## {}\n\n", h("今後の課題", "Outlook"));
    while size(&s, lang) < target {
        s.push_str(&c.paragraph(rng, if ja { 2 } else { 3 }));
    }
    s
}

fn budget_table(s: &mut String, plan: &Plan, i: usize, ja: bool) {
    let p = &plan.pages[i];
    if ja {
        s.push_str("| 年度 | 予算額 | 区分 | 統合プロジェクト |\n| --- | ---: | --- | --- |\n");
    } else {
        s.push_str("| Fiscal year | Amount | Scope | Integrated project |\n| --- | ---: | --- | --- |\n");
    }
    for b in &p.budget {
        let amount = format!("{}.{}", b.tenths / 10, b.tenths % 10);
        let million = b.tenths * 10;
        let project = &plan.pages[b.project].id;
        let _ = match (ja, b.inhouse) {
            (true, inhouse) => {
                writeln!(s, "| {}年度 | {amount}億円 | {} | [[{project}]] |", b.fy, if inhouse { "インハウス" } else { "機構対象経費" })
            }
            (false, inhouse) => {
                writeln!(s, "| FY{} | ¥{million} million | {} | [[{project}]] |", b.fy, if inhouse { "in-house" } else { "managed funds" })
            }
        };
    }
    if p.budget.is_empty() {
        s.push_str("| — | — | — | — |\n");
    }
    s.push('\n');
}

fn code_block(s: &mut String, id: &str, year: i32, rng: &mut Rng) {
    match rng.below(3) {
        0 => {
            let _ = write!(
                s,
                "```yaml\nprogram: {id}\nfiscal_year: {year}\nbudget_oku_yen: {}.5\nsites:\n  - name: hub-1\n    samples: {}\n  - name: hub-2\n    samples: {}\n```\n\n",
                rng.range(1, 90),
                rng.range(100, 5000),
                rng.range(100, 5000)
            );
        }
        1 => {
            let _ = write!(
                s,
                "```json\n{{\n  \"id\": \"{id}\",\n  \"year\": {year},\n  \"metrics\": {{\"projects\": {}, \"sites\": {}}}\n}}\n```\n\n",
                rng.range(1, 40),
                rng.range(1, 12)
            );
        }
        _ => {
            s.push_str(
                "```python\ndef summarise(rows):\n    total = sum(r[\"amount\"] for r in rows)\n    return round(total, 1)\n```\n\n",
            );
        }
    }
}
