#!/usr/bin/env python3
"""Deterministic synthetic bilingual (Japanese/English) corpus for SSG benchmarks.

Usage:
    gen_corpus.py OUT_DIR N [--seed S] [--ja-suffix]

Writes N page pairs (N Japanese + N English pages) under OUT_DIR/content,
plus a Hugo site config (hugo.toml + layouts/) and a Zola site config
(config.toml + templates/), so that `hugo` and `zola build` both build the
very same OUT_DIR.  Standard library only; the same (N, seed) always gives
byte-identical output.

File layout (translation by filename suffix, default language = ja):
    content/_index.md                      home, ja
    content/_index.en.md                   home, en
    content/<section>/_index.md            section, ja   (+ _index.en.md)
    content/<section>/<slug>.md            page, ja
    content/<section>/<slug>.en.md         page, en
    content/<section>/gNNN/...             nested folders when a section
                                           has more than 100 pages

The Japanese (default-language) files carry NO language suffix.  That is the
only form Hugo and Zola both read as "default language + translation":
Zola 0.22 accepts `_index.md` / `_index.en.md` only (it silently skips
`_index.ja.md` when ja is the default language), and it keeps `.ja` inside
the page name of `<slug>.ja.md`, which breaks the slug and the link to the
English translation.  `--ja-suffix` writes `<slug>.ja.md` / `_index.ja.md`
instead; Hugo accepts that form, Zola does not.

Front matter (YAML between `---` lines) accepted by both tools:
    title, date, weight           native in both
    tags, ministries              Hugo taxonomies (top level; Zola ignores them)
    taxonomies: {tags, ministries}  Zola taxonomies (Hugo: plain param)
    extra: {id, kind, period, related, terms, budget_oku_yen}
                                  custom fields; Zola reads only `extra`,
                                  Hugo sees them as .Params.extra.*
Section `_index` files carry only title/sort_by/weight, because Zola rejects
unknown keys in section front matter.
"""

import argparse
import json
import math
import os
import random
import shutil
import sys

# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------

SECTIONS = [
    # folder, kind, id prefix, share of N
    ("policies", "policy", "pol", 0.15),
    ("projects", "project", "prj", 0.25),
    ("programs", "program", "prg", 0.60),
]

SECTION_TITLES = {
    "policies": ("政策・方針", "Policies"),
    "projects": ("プロジェクト", "Projects"),
    "programs": ("プログラム", "Programs"),
}

TOPICS = [
    ("ゲノム医療", "Genomic Medicine", "genomic-medicine"),
    ("再生医療", "Regenerative Medicine", "regenerative-medicine"),
    ("臨床試験基盤", "Clinical Trial Infrastructure", "clinical-trial-infra"),
    ("データ利活用", "Health Data Utilization", "health-data"),
    ("感染症対策", "Infectious Disease Preparedness", "infectious-disease"),
    ("医薬品開発", "Drug Development", "drug-development"),
    ("バイオバンク", "Biobanks", "biobank"),
    ("医療機器開発", "Medical Device Development", "medical-devices"),
    ("創薬支援", "Drug Discovery Support", "drug-discovery"),
    ("希少疾患研究", "Rare Disease Research", "rare-disease"),
    ("がん研究", "Cancer Research", "cancer"),
    ("認知症研究", "Dementia Research", "dementia"),
    ("ワクチン開発", "Vaccine Development", "vaccines"),
    ("遺伝子治療", "Gene Therapy", "gene-therapy"),
    ("細胞治療", "Cell Therapy", "cell-therapy"),
    ("医療AI", "AI in Healthcare", "medical-ai"),
    ("予防・健康づくり", "Prevention and Health Promotion", "prevention"),
    ("精神・神経疾患", "Psychiatric and Neurological Disorders", "neuro"),
    ("小児・周産期医療", "Pediatric and Perinatal Care", "pediatric"),
    ("橋渡し研究", "Translational Research", "translational"),
    ("国際共同研究", "International Collaborative Research", "international"),
    ("研究人材育成", "Research Workforce Development", "workforce"),
    ("薬剤耐性対策", "Antimicrobial Resistance", "amr"),
    ("全ゲノム解析", "Whole Genome Analysis", "whole-genome"),
    ("コホート研究", "Cohort Studies", "cohort"),
    ("分散型臨床試験", "Decentralized Clinical Trials", "dct"),
    ("リアルワールドデータ", "Real-World Data", "rwd"),
    ("プログラム医療機器", "Software as a Medical Device", "samd"),
    ("難病対策", "Intractable Disease Measures", "intractable-disease"),
    ("老化研究", "Aging Research", "aging"),
    ("免疫・アレルギー", "Immunology and Allergy", "immunology"),
    ("循環器・糖尿病", "Cardiovascular Disease and Diabetes", "cardio-diabetes"),
    ("医療情報基盤", "Health Information Infrastructure", "health-it"),
    ("創薬モダリティ", "New Drug Modalities", "modalities"),
    ("臨床研究中核病院", "Core Clinical Research Hospitals", "core-hospitals"),
    ("レギュラトリーサイエンス", "Regulatory Science", "regulatory-science"),
]

TITLE_SUFFIX = {
    "policy": [("推進方針", "Promotion Policy"), ("基本戦略", "Basic Strategy"),
               ("推進計画", "Action Plan"), ("に関する基本方針", "Basic Policy")],
    "project": [("プロジェクト", "Project"), ("研究開発プロジェクト", "R&D Project"),
                ("統合プロジェクト", "Integrated Project")],
    "program": [("プログラム", "Program"), ("研究開発プログラム", "R&D Program"),
                ("実用化推進プログラム", "Translation Program"),
                ("基盤整備事業", "Infrastructure Program")],
}

NOUNS = [
    ("ゲノム医療", "genomic medicine"),
    ("研究開発", "research and development"),
    ("臨床試験", "clinical trials"),
    ("データ利活用", "data utilization"),
    ("感染症", "infectious diseases"),
    ("医薬品", "pharmaceuticals"),
    ("再生医療", "regenerative medicine"),
    ("バイオバンク", "biobanks"),
    ("医療機器", "medical devices"),
    ("創薬", "drug discovery"),
    ("治験", "regulatory clinical trials"),
    ("希少疾患", "rare diseases"),
    ("健康・医療データ", "health and medical data"),
    ("研究基盤", "research infrastructure"),
    ("産学連携", "industry-academia partnerships"),
    ("社会実装", "real-world implementation"),
    ("実用化", "commercialization"),
    ("人材育成", "workforce development"),
    ("国際連携", "international collaboration"),
    ("倫理審査", "ethics review"),
    ("個人情報保護", "personal data protection"),
    ("薬事承認", "regulatory approval"),
    ("全ゲノム解析", "whole genome analysis"),
    ("コホート研究", "cohort studies"),
    ("橋渡し研究", "translational research"),
    ("ワクチン", "vaccines"),
    ("診断技術", "diagnostic technologies"),
    ("遺伝子治療", "gene therapy"),
    ("細胞医療", "cell-based medicine"),
    ("医療情報", "health information"),
    ("電子カルテ", "electronic medical records"),
    ("予防医療", "preventive medicine"),
    ("健康寿命", "healthy life expectancy"),
    ("患者参画", "patient engagement"),
    ("標準化", "standardization"),
    ("公的データベース", "public databases"),
    ("解析基盤", "analysis platforms"),
    ("知的財産", "intellectual property"),
    ("品質管理", "quality management"),
    ("臨床研究", "clinical research"),
]

ORGS = [
    ("大学", "universities"),
    ("研究機関", "research institutes"),
    ("医療機関", "hospitals"),
    ("製薬企業", "pharmaceutical companies"),
    ("スタートアップ", "start-ups"),
    ("臨床研究中核病院", "core clinical research hospitals"),
    ("自治体", "local governments"),
    ("患者団体", "patient organizations"),
]

# abbreviation -> (ja expansion, en expansion)
GLOSSARY = {
    "AMED": ("日本医療研究開発機構", "Japan Agency for Medical Research and Development"),
    "PD": ("プログラムディレクター", "Program Director"),
    "PS": ("プログラムスーパーバイザー", "Program Supervisor"),
    "PO": ("プログラムオフィサー", "Program Officer"),
    "RWD": ("リアルワールドデータ", "real-world data"),
    "RWE": ("リアルワールドエビデンス", "real-world evidence"),
    "DCT": ("分散型臨床試験", "decentralized clinical trial"),
    "jRCT": ("臨床研究等提出・公開システム", "Japan Registry of Clinical Trials"),
    "FIH": ("ヒト初回投与試験", "first-in-human study"),
    "IRB": ("治験審査委員会", "institutional review board"),
    "GCP": ("医薬品の臨床試験の実施の基準", "Good Clinical Practice"),
    "PMDA": ("医薬品医療機器総合機構", "Pharmaceuticals and Medical Devices Agency"),
    "SaMD": ("プログラム医療機器", "software as a medical device"),
    "NGS": ("次世代シーケンシング", "next-generation sequencing"),
    "EHR": ("電子健康記録", "electronic health record"),
    "PHR": ("パーソナルヘルスレコード", "personal health record"),
    "ARO": ("学術研究支援組織", "academic research organization"),
    "TR": ("橋渡し研究", "translational research"),
}
ABBRS = list(GLOSSARY)

MINISTRIES = [
    # code, ja name, weight
    ("MEXT", "文部科学省", 5),
    ("MHLW", "厚生労働省", 6),
    ("METI", "経済産業省", 4),
    ("CAO", "内閣府", 2),
    ("MIC", "総務省", 1),
    ("MAFF", "農林水産省", 1),
    ("MOE", "環境省", 1),
]
MINISTRY_JA = {c: ja for c, ja, _ in MINISTRIES}

TAGS = [
    ("ゲノム", "genomics"), ("臨床試験", "clinical trials"), ("データ", "data"),
    ("感染症", "infectious diseases"), ("医薬品", "pharmaceuticals"),
    ("再生医療", "regenerative medicine"), ("バイオバンク", "biobanks"),
    ("医療機器", "medical devices"), ("AI", "AI"), ("人材育成", "workforce"),
    ("国際連携", "international collaboration"), ("規制", "regulation"),
    ("倫理", "ethics"), ("創薬", "drug discovery"), ("がん", "cancer"),
    ("認知症", "dementia"), ("ワクチン", "vaccines"), ("希少疾患", "rare diseases"),
    ("難病", "intractable diseases"), ("小児", "pediatrics"), ("予防", "prevention"),
    ("デジタルヘルス", "digital health"), ("産学連携", "industry-academia"),
    ("スタートアップ", "start-ups"), ("社会実装", "implementation"),
    ("標準化", "standardization"), ("個人情報", "privacy"),
    ("遺伝子治療", "gene therapy"), ("細胞治療", "cell therapy"), ("老化", "aging"),
    ("免疫", "immunology"), ("循環器", "cardiovascular"), ("精神疾患", "mental health"),
    ("薬剤耐性", "AMR"), ("リアルワールドデータ", "RWD"), ("分散型臨床試験", "DCT"),
    ("コホート", "cohorts"), ("評価", "evaluation"), ("予算", "budget"),
    ("基盤整備", "infrastructure"),
]

INDICATORS = [
    ("症例登録数", "enrolled cases"), ("論文数", "publications"),
    ("特許出願数", "patent applications"), ("治験届数", "trial notifications"),
    ("データ提供件数", "data releases"), ("jRCT登録件数", "jRCT registrations"),
    ("FIH試験数", "FIH studies"), ("共同研究数", "joint studies"),
]

# Sentence templates; index i in T_JA corresponds to index i in T_EN.
# Slots: topic a b c org org2 ab abx min min2 y n
T_JA = [
    "{topic}の推進に向けて、{a}と{b}を一体的に進める。",
    "{org}と{org2}が連携し、{a}に関する研究開発を加速する。",
    "{ab}（{abx}）を活用することで、{a}の効率化と{b}の質の向上が期待される。",
    "{y}年度までに{a}の基盤を整備し、{b}への展開を目指す。",
    "{a}における課題として、{b}の不足や{c}の遅れが指摘されている。",
    "このため、{min}は{a}の実施体制を強化し、{ab}による進捗管理を行う。",
    "特に**{a}**の分野では、{org}による{b}の取組が重要である。",
    "{ab}を通じて得られた知見は、{a}や{b}の改善に活用される。",
    "{n}件以上の{a}を対象に、{ab}の手法を用いた評価を実施する。",
    "研究成果の社会実装に向けて、{a}と{b}の橋渡しを*切れ目なく*支援する。",
    "{org}が保有する{a}を{b}に利活用するためのルールを整備する。",
    "国際的な動向を踏まえ、{a}の標準化と{b}の相互運用性を確保する。",
    "患者・市民参画の観点から、{a}の計画段階から当事者の意見を取り入れる。",
    "{ab}の運用にあたっては、{abx}に関する手順書を整備し、{org}に周知する。",
    "{a}の成果指標として、{b}の件数や{c}の達成状況を毎年度把握する。",
    "{min}と{min2}は、{a}に関する情報を共有し、重複のない支援を行う。",
    "{a}の知見を{b}に還元する循環を作ることが、本事業の中心的な目標である。",
    "中間評価では、{ab}の観点から{a}の進捗と{b}の妥当性を確認する。",
]
T_EN = [
    "To advance {topic}, the work on {a} and {b} is managed as one integrated effort.",
    "{Org} and {org2} work together to accelerate research and development in {a}.",
    "Using {ab} ({abx}) is expected to make {a} more efficient and to raise the quality of {b}.",
    "By fiscal year {y}, the infrastructure for {a} will be in place, with expansion into {b} as the next goal.",
    "Key challenges in {a} include a shortage of {b} and delays in {c}.",
    "For this reason, {min} will strengthen the delivery structure for {a} and track progress through {ab}.",
    "In the field of **{a}**, the contribution of {org} to {b} is particularly important.",
    "Findings obtained through {ab} will be used to improve {a} and {b}.",
    "An evaluation using {ab} methods will cover more than {n} cases in {a}.",
    "Support is provided *without gaps* to bridge {a} and {b} on the way to real-world use.",
    "Rules will be set so that the {a} held by {org} can be reused for {b}.",
    "In line with international trends, the program will standardize {a} and keep {b} interoperable.",
    "From a patient and public involvement perspective, views on {a} are gathered from the planning stage onward.",
    "When operating {ab}, standard procedures for the {abx} are prepared and shared with {org}.",
    "As outcome indicators, the volume of {b} and the progress of {c} in {a} are reviewed every fiscal year.",
    "{min} and {min2} share information on {a} so that support is not duplicated.",
    "Creating a cycle in which knowledge from {a} feeds back into {b} is the central goal of this work.",
    "The interim review checks the progress of {a} and the soundness of {b} from the viewpoint of {ab}.",
]

LIST_LEAD = [
    ("{a}の強化", "Strengthening {a}"),
    ("{a}の基盤整備", "Infrastructure for {a}"),
    ("{a}と{b}の連携", "Linking {a} and {b}"),
    ("{ab}の導入", "Introducing {ab}"),
    ("{a}を担う人材の育成", "Training people for {a}"),
    ("{a}の国際展開", "Taking {a} international"),
]

STEPS = [
    ("公募・審査（{ab}の観点を含む事前評価）", "Call and review (ex-ante evaluation including {ab})"),
    ("採択・契約", "Selection and contracting"),
    ("PDによる進捗管理とサイトビジット", "Progress management and site visits by the PD"),
    ("中間評価と計画の見直し", "Interim evaluation and plan revision"),
    ("事後評価・追跡評価", "Final and follow-up evaluation"),
]

H = {  # headings (ja, en)
    "background": ("背景", "Background"),
    "activities": ("主な取組", "Key activities"),
    "governance": ("実施体制", "Governance"),
    "budget": ("予算と指標", "Budget and indicators"),
    "example": ("データ定義の例", "Example data definition"),
    "outlook": ("今後の展開", "Outlook"),
    "related": ("関連ページ", "Related pages"),
    "glossary": ("用語", "Glossary"),
}
TABLE_HEAD = (
    "| 年度 | 予算（億円） | 主担当 | 指標 | 目標値 |",
    "| Fiscal year | Budget (100M JPY) | Lead ministry | Indicator | Target |",
)
SEE_ALSO = ("詳細は[{t}]({u})を参照されたい。", "See [{t}]({u}) for details.")
QUOTE = ("{a}の成果を、一日も早く患者に届ける。", "Deliver the results of {a} to patients as early as possible.")

GROUP_MAX = 100   # a folder with more pages than this is split into subfolders
GROUP_TARGET = 60  # pages per leaf folder after splitting


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

def q(s):
    """YAML-safe double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def qlist(xs):
    return "[" + ", ".join(q(x) for x in xs) + "]"


def allocate(n):
    counts = [int(n * share) for _, _, _, share in SECTIONS]
    counts[-1] += n - sum(counts)  # remainder goes to programs
    return counts


def split_groups(count):
    """Return a list of (subpath_tuple, size) leaf folders for `count` pages."""
    if count <= GROUP_MAX:
        return [((), count)]
    k = min(math.ceil(count / GROUP_TARGET), GROUP_MAX)
    base, extra = divmod(count, k)
    out = []
    for g in range(k):
        size = base + (1 if g < extra else 0)
        for sub, sz in split_groups(size):
            out.append(((f"g{g + 1:03d}",) + sub, sz))
    return out


class Page:
    __slots__ = ("kind", "section", "dirs", "id", "topic", "title_ja", "title_en",
                 "period", "weight")


def plan(n, seed):
    rng = random.Random(f"plan/{seed}")
    pages = []
    folders = []  # (dirs tuple) of every folder that needs an _index
    for (folder, kind, prefix, _), count in zip(SECTIONS, allocate(n)):
        folders.append((folder,))
        idx = 0
        for sub, size in split_groups(count):
            for depth in range(1, len(sub) + 1):
                d = (folder,) + sub[:depth]
                if d not in folders:
                    folders.append(d)
            for w in range(1, size + 1):
                idx += 1
                p = Page()
                p.kind, p.section, p.dirs = kind, folder, (folder,) + sub
                p.topic = rng.randrange(len(TOPICS))
                p.id = f"{prefix}-{idx:05d}-{TOPICS[p.topic][2]}"
                p.period = rng.choice((2, 2, 3))
                sja, sen = rng.choice(TITLE_SUFFIX[kind])
                tja, ten, _ = TOPICS[p.topic]
                p.title_ja = f"{tja}{sja}（第{p.period}期）"
                p.title_en = f"{ten} {sen} (Phase {p.period})"
                p.weight = w
                pages.append(p)
    return pages, folders


def rel_url(src, dst):
    """Relative URL from page `src` to page `dst` (both render as <dirs>/<id>/)."""
    up = "../" * (len(src.dirs) + 1)
    return up + "/".join(dst.dirs + (dst.id,)) + "/"


# ---------------------------------------------------------------------------
# Page content (one random plan, rendered in both languages)
# ---------------------------------------------------------------------------

class Ctx:
    def __init__(self, rng, page, terms, ministries):
        self.rng, self.page, self.terms, self.ministries = rng, page, terms, ministries

    def slots(self):
        r = self.rng
        a, b, c = r.sample(range(len(NOUNS)), 3)
        o1, o2 = r.sample(range(len(ORGS)), 2)
        m1 = r.choice(self.ministries)
        others = [m for m in self.ministries if m != m1] or [m for m, _, _ in MINISTRIES if m != m1]
        return dict(a=a, b=b, c=c, org=o1, org2=o2, ab=r.choice(self.terms),
                    min=m1, min2=r.choice(others), y=r.randint(2025, 2032),
                    n=r.choice((10, 20, 30, 50, 100, 200, 500)))


def fill(tpl, s, lang, topic):
    li = 0 if lang == "ja" else 1
    org = ORGS[s["org"]][li]
    vals = dict(
        topic=TOPICS[topic][li] if lang == "ja" else TOPICS[topic][1].lower(),
        a=NOUNS[s["a"]][li], b=NOUNS[s["b"]][li], c=NOUNS[s["c"]][li],
        org=org, Org=org[:1].upper() + org[1:], org2=ORGS[s["org2"]][li],
        ab=s["ab"], abx=GLOSSARY[s["ab"]][li],
        min=MINISTRY_JA[s["min"]] if lang == "ja" else s["min"],
        min2=MINISTRY_JA[s["min2"]] if lang == "ja" else s["min2"],
        y=s["y"], n=s["n"])
    out = tpl.format(**vals)
    return out[:1].upper() + out[1:] if lang == "en" else out


def paragraph_plan(ctx, lo, hi):
    k = ctx.rng.randint(lo, hi)
    return [(t, ctx.slots()) for t in ctx.rng.sample(range(len(T_JA)), k)]


def render_par(plan_, lang, topic):
    tpls = T_JA if lang == "ja" else T_EN
    sep = "" if lang == "ja" else " "
    return sep.join(fill(tpls[t], s, lang, topic) for t, s in plan_)


def build_page(page, all_pages, by_id, seed):
    rng = random.Random(f"page/{seed}/{page.id}")
    terms = rng.sample(ABBRS, rng.randint(3, 6))
    if "AMED" not in terms and rng.random() < 0.7:
        terms[0] = "AMED"
    codes = [m for m, _, _ in MINISTRIES]
    weights = [w for _, _, w in MINISTRIES]
    ministries = []
    n_min = rng.randint(1, 3)
    while len(ministries) < n_min:
        m = rng.choices(codes, weights)[0]
        if m not in ministries:
            ministries.append(m)
    tag_idx = rng.sample(range(len(TAGS)), rng.randint(3, 6))
    # related: 3-5 other pages, mostly from the same section
    related = []
    same = [p for p in all_pages[max(0, by_id[page.id] - 40):by_id[page.id] + 40]
            if p.section == page.section and p.id != page.id]
    while len(related) < min(rng.randint(3, 5), len(all_pages) - 1):
        pool = same if (same and rng.random() < 0.66) else all_pages
        cand = rng.choice(pool)
        if cand.id != page.id and cand not in related:
            related.append(cand)
    budget = round(rng.uniform(0.5, 250.0), 1)
    y0 = rng.randint(2015, 2024)
    date = f"{y0}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"

    ctx = Ctx(rng, page, terms, ministries)
    intro = paragraph_plan(ctx, 2, 4)
    background = [paragraph_plan(ctx, 2, 5), paragraph_plan(ctx, 2, 4)]
    items = [(rng.randrange(len(LIST_LEAD)), rng.randrange(len(T_JA)), ctx.slots())
             for _ in range(rng.randint(3, 7))]
    gov = paragraph_plan(ctx, 3, 4)
    steps = sorted(rng.sample(range(len(STEPS)), rng.randint(3, 5)))
    step_ab = rng.choice(terms)
    rows = []
    for k in range(rng.randint(3, 5)):
        ind = rng.randrange(len(INDICATORS))
        rows.append((y0 + k, round(budget * rng.uniform(0.6, 1.2), 1),
                     rng.choice(ministries), ind, rng.choice((5, 10, 20, 50, 100, 300))))
    budget_par = paragraph_plan(ctx, 2, 3)
    code = None
    if rng.random() < 0.2:
        code = rng.choice(("yaml", "json"))
    outlook = paragraph_plan(ctx, 2, 4)
    quote = ctx.slots() if rng.random() < 0.3 else None
    see = related[0]

    def body(lang):
        li = 0 if lang == "ja" else 1
        tp = page.topic
        o = []
        o.append(render_par(intro, lang, tp))
        o.append(f"## {H['background'][li]}")
        for par in background:
            o.append(render_par(par, lang, tp))
        o.append(f"## {H['activities'][li]}")
        lines = []
        for lead, t, s in items:
            lead_txt = fill(LIST_LEAD[lead][li], s, lang, tp)
            sent = fill((T_JA if lang == "ja" else T_EN)[t], s, lang, tp)
            colon = "：" if lang == "ja" else ": "
            lines.append(f"- **{lead_txt}**{colon}{sent}")
        o.append("\n".join(lines))
        o.append(f"### {H['governance'][li]}")
        o.append(render_par(gov, lang, tp))
        o.append("\n".join(f"{i + 1}. " + STEPS[st][li].format(ab=step_ab)
                           for i, st in enumerate(steps)))
        o.append(f"## {H['budget'][li]}")
        tbl = [TABLE_HEAD[li], "| ---: | ---: | --- | --- | ---: |"]
        for yr, bud, mn, ind, tgt in rows:
            tbl.append(f"| {yr} | {bud} | {mn} | {INDICATORS[ind][li]} | {tgt} |")
        o.append("\n".join(tbl))
        o.append(render_par(budget_par, lang, tp))
        if code:
            o.append(f"### {H['example'][li]}")
            rec = {"id": page.id, "kind": page.kind, "period": page.period,
                   "ministries": ministries, "terms": terms,
                   "milestones": [{"year": r[0], "indicator": INDICATORS[r[3]][1],
                                   "target": r[4]} for r in rows[:3]]}
            if code == "json":
                o.append("```json\n" + json.dumps(rec, indent=2) + "\n```")
            else:
                cmt = "# 登録データの例" if lang == "ja" else "# example record"
                y = [cmt, f"id: {page.id}", f"kind: {page.kind}", f"period: {page.period}",
                     "ministries: [" + ", ".join(ministries) + "]",
                     "terms: [" + ", ".join(terms) + "]", "milestones:"]
                for m in rec["milestones"]:
                    y += [f"  - year: {m['year']}", f"    indicator: {m['indicator']}",
                          f"    target: {m['target']}"]
                o.append("```yaml\n" + "\n".join(y) + "\n```")
        o.append(f"## {H['outlook'][li]}")
        par = render_par(outlook, lang, tp)
        t = see.title_ja if lang == "ja" else see.title_en
        par += ("" if lang == "ja" else " ") + SEE_ALSO[li].format(t=t, u=rel_url(page, see))
        o.append(par)
        if quote:
            o.append("> " + fill(QUOTE[li], quote, lang, tp))
        o.append(f"## {H['related'][li]}")
        o.append("\n".join(
            f"- [{r.title_ja if lang == 'ja' else r.title_en}]({rel_url(page, r)})"
            for r in related))
        o.append(f"## {H['glossary'][li]}")
        o.append("\n".join(f"- **{t}**: {GLOSSARY[t][li]}" for t in terms))
        return "\n\n".join(o) + "\n"

    def front(lang):
        li = 0 if lang == "ja" else 1
        tags = [TAGS[i][li] for i in tag_idx]
        return "\n".join([
            "---",
            f"title: {q(page.title_ja if lang == 'ja' else page.title_en)}",
            f"date: {date}",
            f"weight: {page.weight}",
            f"tags: {qlist(tags)}",
            f"ministries: {qlist(ministries)}",
            "taxonomies:",
            f"  tags: {qlist(tags)}",
            f"  ministries: {qlist(ministries)}",
            "extra:",
            f"  id: {page.id}",
            f"  kind: {page.kind}",
            f"  period: {page.period}",
            f"  related: {qlist([r.id for r in related])}",
            f"  terms: {qlist(terms)}",
            f"  budget_oku_yen: {budget}",
            "---",
            "",
        ])

    return {lang: front(lang) + body(lang) for lang in ("ja", "en")}


def section_file(dirs, lang, weight):
    li = 0 if lang == "ja" else 1
    name = SECTION_TITLES[dirs[0]][li]
    if len(dirs) > 1:
        grp = "/".join(d[1:] for d in dirs[1:])
        name += f"（第{grp}群）" if lang == "ja" else f" — group {grp}"
    text = (f"{name}の一覧です。各ページは日本語版と英語版の対訳になっています。"
            if lang == "ja" else
            f"Index of {name}. Every page exists in Japanese and in English.")
    return f"---\ntitle: {q(name)}\nsort_by: weight\nweight: {weight}\n---\n\n{text}\n"


HOME = {
    "ja": "---\ntitle: \"健康・医療研究開発ポータル\"\n---\n\n"
          "ベンチマーク用の合成コーパスです。政策・プロジェクト・プログラムの各セクションから構成されます。\n",
    "en": "---\ntitle: \"Health R&D Portal\"\n---\n\n"
          "A synthetic benchmark corpus with policies, projects and programs.\n",
}

# ---------------------------------------------------------------------------
# Site configs and templates
# ---------------------------------------------------------------------------

HUGO_TOML = """\
# Hugo config for the bench corpus (generated by gen_corpus.py).
# Default language ja is served at /, English at /en/ (same URL layout as Zola).
baseURL = "https://example.org/"
title = "健康・医療研究開発ポータル"
defaultContentLanguage = "ja"
defaultContentLanguageInSubdir = false
publishDir = "public-hugo"
hasCJKLanguage = true
# Zola generates no feeds by default: disable Hugo's RSS for parity.
disableKinds = ["rss"]

[languages.ja]
  label = "日本語"
  weight = 1
  title = "健康・医療研究開発ポータル"
[languages.en]
  label = "English"
  weight = 2
  title = "Health R&D Portal"

[taxonomies]
  tag = "tags"
  ministry = "ministries"

# Parity with Zola's defaults: no syntax highlighting, links rendered as written.
[markup.highlight]
  codeFences = false
[markup.goldmark.renderHooks.link]
  useEmbedded = "never"
[markup.goldmark.renderHooks.image]
  useEmbedded = "never"
"""

ZOLA_TOML = """\
# Zola config for the bench corpus (generated by gen_corpus.py).
# Default language ja is served at /, English at /en/.
base_url = "https://example.org"
title = "健康・医療研究開発ポータル"
default_language = "ja"
output_dir = "public-zola"
compile_sass = false
build_search_index = false
generate_feeds = false
taxonomies = [
  { name = "tags" },
  { name = "ministries" },
]

# No [markdown.highlighting] table: code blocks are not highlighted.
[markdown]

[languages.en]
title = "Health R&D Portal"
taxonomies = [
  { name = "tags" },
  { name = "ministries" },
]
"""

HUGO_LAYOUTS = {
    "baseof.html": """\
<!doctype html>
<html lang="{{ site.Language.Lang }}">
<head><meta charset="utf-8"><title>{{ if not .IsHome }}{{ .Title }} | {{ end }}{{ site.Title }}</title></head>
<body>
<header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></header>
<main>
{{ block "main" . }}{{ end }}
</main>
</body>
</html>
""",
    "home.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
""",
    "section.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
{{ with .Sections }}<ul class="sections">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
<ul class="pages">{{ range .RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
""",
    "page.html": """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p class="meta">{{ .Params.extra.kind }} / {{ .Params.extra.period }} / {{ .Date.Format "2006-01-02" }}</p>
{{ .Content }}
{{ with .GetTerms "tags" }}<ul class="tags">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
{{ with .GetTerms "ministries" }}<ul class="ministries">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
{{ with .Translations }}<p class="translations">{{ range . }}<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Title }}</a>{{ end }}</p>{{ end }}
</article>
{{ end }}
""",
    "taxonomy.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> ({{ len .Pages }})</li>{{ end }}</ul>
{{ end }}
""",
    "term.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
""",
}

ZOLA_TEMPLATES = {
    "base.html": """\
<!doctype html>
<html lang="{{ lang }}">
<head><meta charset="utf-8"><title>{% block title %}{{ config.title }}{% endblock title %}</title></head>
<body>
<header><a href="{{ get_url(path="@/_index.md", lang=lang) }}">{{ config.title }}</a></header>
<main>
{% block content %}{% endblock content %}
</main>
</body>
</html>
""",
    "index.html": """\
{% extends "base.html" %}
{% block content %}
<h1>{{ section.title }}</h1>
{{ section.content | safe }}
<ul>{% for s in section.subsections %}{% set sub = get_section(path=s, metadata_only=true) %}<li><a href="{{ sub.permalink }}">{{ sub.title }}</a></li>{% endfor %}</ul>
{% endblock content %}
""",
    "section.html": """\
{% extends "base.html" %}
{% block title %}{{ section.title }} | {{ config.title }}{% endblock title %}
{% block content %}
<h1>{{ section.title }}</h1>
{{ section.content | safe }}
{% if section.subsections %}<ul class="sections">{% for s in section.subsections %}{% set sub = get_section(path=s, metadata_only=true) %}<li><a href="{{ sub.permalink }}">{{ sub.title }}</a></li>{% endfor %}</ul>{% endif %}
<ul class="pages">{% for p in section.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>{% endfor %}</ul>
{% endblock content %}
""",
    "page.html": """\
{% extends "base.html" %}
{% block title %}{{ page.title }} | {{ config.title }}{% endblock title %}
{% block content %}
<article>
<h1>{{ page.title }}</h1>
<p class="meta">{{ page.extra.kind }} / {{ page.extra.period }} / {{ page.date }}</p>
{{ page.content | safe }}
{% if page.taxonomies.tags %}<ul class="tags">{% for t in page.taxonomies.tags %}<li><a href="{{ get_taxonomy_url(kind="tags", name=t, lang=lang) }}">{{ t }}</a></li>{% endfor %}</ul>{% endif %}
{% if page.taxonomies.ministries %}<ul class="ministries">{% for t in page.taxonomies.ministries %}<li><a href="{{ get_taxonomy_url(kind="ministries", name=t, lang=lang) }}">{{ t }}</a></li>{% endfor %}</ul>{% endif %}
{% if page.translations | length > 1 %}<p class="translations">{% for tr in page.translations %}{% if tr.lang != lang %}<a href="{{ tr.permalink }}" hreflang="{{ tr.lang }}">{{ tr.title }}</a>{% endif %}{% endfor %}</p>{% endif %}
</article>
{% endblock content %}
""",
    "taxonomy_list.html": """\
{% extends "base.html" %}
{% block content %}
<h1>{{ taxonomy.name }}</h1>
<ul>{% for term in terms %}<li><a href="{{ term.permalink }}">{{ term.name }}</a> ({{ term.page_count }})</li>{% endfor %}</ul>
{% endblock content %}
""",
    "taxonomy_single.html": """\
{% extends "base.html" %}
{% block title %}{{ term.name }} | {{ config.title }}{% endblock title %}
{% block content %}
<h1>{{ term.name }}</h1>
<ul>{% for p in term.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>{% endfor %}</ul>
{% endblock content %}
""",
}


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("n", type=int, help="number of page pairs (ja+en)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--ja-suffix", action="store_true",
                    help="write ja files as <slug>.ja.md/_index.ja.md (Hugo-only layout)")
    args = ap.parse_args(argv)
    if args.n < 1:
        ap.error("N must be >= 1")

    out = os.path.abspath(args.out_dir)
    for owned in ("content", "layouts", "templates"):
        shutil.rmtree(os.path.join(out, owned), ignore_errors=True)
    ja_ext = ".ja.md" if args.ja_suffix else ".md"
    ext = {"ja": ja_ext, "en": ".en.md"}

    write(os.path.join(out, "hugo.toml"), HUGO_TOML)
    write(os.path.join(out, "config.toml"), ZOLA_TOML)
    for name, text in HUGO_LAYOUTS.items():
        write(os.path.join(out, "layouts", name), text)
    for name, text in ZOLA_TEMPLATES.items():
        write(os.path.join(out, "templates", name), text)

    content = os.path.join(out, "content")
    for lang in ("ja", "en"):
        write(os.path.join(content, "_index" + ext[lang]), HOME[lang])

    pages, folders = plan(args.n, args.seed)
    for d in folders:
        weight = [s[0] for s in SECTIONS].index(d[0]) + 1 if len(d) == 1 else int(d[-1][1:])
        for lang in ("ja", "en"):
            write(os.path.join(content, *d, "_index" + ext[lang]), section_file(d, lang, weight))

    by_id = {p.id: i for i, p in enumerate(pages)}
    n_bytes = 0
    en_words = 0
    ja_chars = 0
    n_code = 0
    for p in pages:
        texts = build_page(p, pages, by_id, args.seed)
        for lang, text in texts.items():
            write(os.path.join(content, *p.dirs, p.id + ext[lang]), text)
            n_bytes += len(text.encode("utf-8"))
        body_en = texts["en"].split("\n---\n", 1)[1]
        body_ja = texts["ja"].split("\n---\n", 1)[1]
        en_words += len(body_en.split())
        ja_chars += sum(1 for ch in body_ja if ord(ch) > 0x3000)
        n_code += "```" in body_en

    stats = {
        "out_dir": out, "page_pairs": len(pages), "pages": 2 * len(pages),
        "section_folders": len(folders), "content_files": 2 * (len(pages) + len(folders) + 1),
        "page_bytes": n_bytes, "avg_en_words": round(en_words / len(pages)),
        "avg_ja_cjk_chars": round(ja_chars / len(pages)), "pages_with_code": n_code,
        "ja_suffix": args.ja_suffix, "seed": args.seed,
    }
    print(json.dumps(stats, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
