//! Word lists the corpus is made of: fields, title parts, glossary parts and
//! sentence templates in both languages.
//!
//! Sentence slots: `{t}` a glossary term, `{r}` a page reference, `{m}` a
//! ministry, `{d}` a disease area, `{fy}` a fiscal year, `{n}` a number.

/// Subject fields of projects and programs: (ja, en, slug).
pub const FIELDS: [(&str, &str, &str); 12] = [
    ("ゲノム医療", "genomic medicine", "genome"),
    ("がん研究", "cancer research", "cancer"),
    ("再生医療", "regenerative medicine", "regen"),
    ("創薬支援", "drug discovery support", "drug"),
    ("医療機器開発", "medical device development", "device"),
    ("感染症対策", "infectious disease control", "infection"),
    ("認知症研究", "dementia research", "dementia"),
    ("難病研究", "intractable disease research", "rare"),
    ("データ基盤", "data infrastructure", "data"),
    ("成育医療", "child and maternal health", "child"),
    ("生活習慣病対策", "lifestyle disease control", "lifestyle"),
    ("精神・神経医療", "mental and neurological health", "neuro"),
];

/// Focus of a program: (ja, en, slug).
pub const FOCI: [(&str, &str, &str); 8] = [
    ("臨床応用", "clinical application", "clinical"),
    ("基礎研究", "basic research", "basic"),
    ("国際連携", "international collaboration", "intl"),
    ("人材育成", "workforce development", "people"),
    ("データ連携", "data linkage", "linkage"),
    ("早期診断", "early diagnosis", "diagnosis"),
    ("予防法開発", "prevention", "prevention"),
    ("治療法開発", "treatment development", "treatment"),
];

/// Kinds of program: (ja, en).
pub const PROGRAM_TYPES: [(&str, &str); 5] = [
    ("推進事業", "Promotion Program"),
    ("実用化研究事業", "Practical Application Research Program"),
    ("基盤整備事業", "Infrastructure Development Program"),
    ("拠点形成事業", "Hub Formation Program"),
    ("研究開発プログラム", "Research and Development Program"),
];

/// Abbreviations of the glossary: (term, reading, ja expansion, en expansion).
pub const ACRONYMS: [(&str, &str, &str, &str); 25] = [
    ("AMED", "えーめど", "日本医療研究開発機構", "Japan Agency for Medical Research and Development"),
    ("AI", "えーあい", "人工知能", "artificial intelligence"),
    ("ICT", "あいしーてぃー", "情報通信技術", "information and communication technology"),
    ("PD", "ぴーでぃー", "プログラムディレクター", "program director"),
    ("PS", "ぴーえす", "プログラムスーパーバイザー", "program supervisor"),
    ("PO", "ぴーおー", "プログラムオフィサー", "program officer"),
    ("RWD", "りあるわーるどでーた", "リアルワールドデータ", "real-world data"),
    ("DCT", "でぃーしーてぃー", "分散型臨床試験", "decentralised clinical trial"),
    ("GMP", "じーえむぴー", "医薬品の製造管理及び品質管理の基準", "good manufacturing practice"),
    ("GCP", "じーしーぴー", "医薬品の臨床試験の実施の基準", "good clinical practice"),
    ("PMDA", "ぴーえむでぃーえー", "医薬品医療機器総合機構", "Pharmaceuticals and Medical Devices Agency"),
    ("QOL", "きゅーおーえる", "生活の質", "quality of life"),
    ("PHR", "ぴーえいちあーる", "パーソナル・ヘルス・レコード", "personal health record"),
    ("EHR", "いーえいちあーる", "電子健康記録", "electronic health record"),
    ("CRO", "しーあーるおー", "医薬品開発業務受託機関", "contract research organisation"),
    ("CDMO", "しーでぃーえむおー", "医薬品受託製造開発機関", "contract development and manufacturing organisation"),
    ("BSL", "びーえすえる", "バイオセーフティレベル", "biosafety level"),
    ("ARO", "えーあーるおー", "学術研究支援組織", "academic research organisation"),
    ("FIH", "えふあいえいち", "ヒト初回投与", "first in human"),
    ("NDB", "えぬでぃーびー", "レセプト情報・特定健診等情報データベース", "national database of health insurance claims"),
    ("SME", "えすえむいー", "中小企業", "small and medium-sized enterprise"),
    ("KPI", "けーぴーあい", "重要業績評価指標", "key performance indicator"),
    ("MCI", "えむしーあい", "軽度認知障害", "mild cognitive impairment"),
    ("AMR", "えーえむあーる", "薬剤耐性", "antimicrobial resistance"),
    ("IRB", "あいあーるびー", "治験審査委員会", "institutional review board"),
];

/// First halves of the glossary's word terms: (ja, reading, en).
pub const TERM_HEADS: [(&str, &str, &str); 10] = [
    ("臨床", "りんしょう", "clinical"),
    ("創薬", "そうやく", "drug discovery"),
    ("再生", "さいせい", "regenerative"),
    ("感染", "かんせん", "infection"),
    ("医療機器", "いりょうきき", "medical device"),
    ("ゲノム", "げのむ", "genome"),
    ("健康データ", "けんこうでーた", "health data"),
    ("予防", "よぼう", "prevention"),
    ("希少疾患", "きしょうしっかん", "rare disease"),
    ("橋渡し", "はしわたし", "translational"),
];

/// Second halves of the glossary's word terms: (ja, reading, en).
pub const TERM_TAILS: [(&str, &str, &str); 8] = [
    ("研究拠点", "けんきゅうきょてん", "research hub"),
    ("支援基盤", "しえんきばん", "support platform"),
    ("連携体制", "れんけいたいせい", "partnership scheme"),
    ("人材育成枠", "じんざいいくせいわく", "training scheme"),
    ("評価指標", "ひょうかしひょう", "evaluation metric"),
    ("実用化支援", "じつようかしえん", "commercialisation support"),
    ("共有基盤", "きょうゆうきばん", "sharing infrastructure"),
    ("推進会議", "すいしんかいぎ", "steering council"),
];

/// Japanese body sentences.
pub const JA_SENTENCES: [&str; 24] = [
    "本事業は、{t}を活用し、{d}の研究開発を基礎から実用化まで一貫して推進する。",
    "{fy}は、{m}が中心となって{t}の整備を進め、関係機関との連携を強化した。",
    "{r}と連携し、研究成果を臨床現場へ速やかに届けるための体制を整える。",
    "研究開発の進捗は{t}に基づいて評価され、結果は翌年度の計画に反映される。",
    "{d}の領域では、患者の実態把握から治療法の開発まで切れ目のない支援が求められている。",
    "{m}は、{t}の運用状況を毎年度点検し、必要に応じて支援の内容を見直す。",
    "採択課題は{n}件で、そのうち若手研究者が代表を務める課題が増えている。",
    "国内外の研究機関との共同研究を通じて、データの共有と利活用を進めている。",
    "{r}の成果を引き継ぎ、対象を{d}に広げて研究を続ける。",
    "事業の実施に当たっては、{t}と協力し、倫理面の審査と情報の保護に十分配慮する。",
    "産学官の連携により、研究成果の社会実装と新たな産業の創出を目指す。",
    "{fy}予算では、研究基盤の維持と人材育成に重点が置かれた。",
    "臨床試験の実施体制を強化し、{t}による支援を全国の拠点に広げる。",
    "得られたデータは標準化された形式で蓄積され、他の研究者にも提供される。",
    "{d}に関する知見を集約し、診療ガイドラインの改訂にも活用する。",
    "中間評価では、目標の達成状況と今後の課題が整理された。",
    "研究者からの相談に応じる窓口を設け、{t}を通じて申請から成果の公表までを支援する。",
    "{m}と{r}の担当者が定期的に会合を開き、進捗と課題を共有している。",
    "地域の医療機関と連携し、患者の参加しやすい研究の仕組みづくりを進める。",
    "国際的な動向を踏まえ、海外の研究資金配分機関との協力を深める。",
    "事業の成果は年次報告書にまとめられ、ウェブサイトで公開される。",
    "研究開発の各段階で{t}が関与し、実用化に向けた助言を行う。",
    "{n}か所の研究拠点が参加し、共通のプロトコルに沿って試料を収集している。",
    "今後は、{d}以外の領域への展開も検討されている。",
];

/// English body sentences.
pub const EN_SENTENCES: [&str; 24] = [
    "The program uses the {t} to carry research on {d} from basic science through to practical use without a break.",
    "In {fy} the {m} led the work on the {t} and strengthened the links between the institutions taking part.",
    "Working with the {r}, it builds the arrangements needed to bring research results to clinical practice quickly.",
    "Progress is assessed against the {t}, and the results feed into the plan for the following fiscal year.",
    "In the area of {d}, support is needed without gaps, from understanding patients' circumstances to developing treatments.",
    "Every year the {m} reviews how the {t} is run and adjusts the support it gives where that is needed.",
    "The program selected {n} projects, and a growing share of them are led by early-career researchers.",
    "Joint research with institutions in Japan and abroad drives the sharing and use of data across the field.",
    "It takes over the results of the {r} and extends the research to {d}.",
    "In carrying out the work, the program cooperates with the {t} and pays close attention to ethical review and the protection of personal information.",
    "Cooperation between industry, academia and government aims at putting results into practice and creating new industries.",
    "The budget for {fy} put the weight on maintaining the research infrastructure and on training people.",
    "The program strengthens the system for running clinical trials and extends support through the {t} to sites across the country.",
    "The data obtained are stored in standard formats and made available to other researchers under agreed rules.",
    "Findings on {d} are brought together and also used to revise clinical practice guidelines.",
    "The interim evaluation set out how far the targets had been reached and which issues remain.",
    "A help desk answers researchers' questions, and the {t} supports them from the application to the publication of results.",
    "Staff of the {m} and of the {r} meet regularly to share progress and open issues.",
    "Together with regional hospitals, it develops ways of doing research that make it easier for patients to take part.",
    "In view of international developments, it deepens cooperation with research funders overseas.",
    "The results of the program are summarised in an annual report and published on the website.",
    "At each stage of research and development the {t} is involved and gives advice on the way to practical use.",
    "Research hubs in {n} places take part and collect samples under a common protocol.",
    "Extending the approach beyond {d} to other areas is now under consideration.",
];

/// Ministries: (key, ja, en, short ja, short en).
pub const MINISTRIES: [(&str, &str, &str, &str, &str); 6] = [
    ("cao", "内閣府", "Cabinet Office", "内閣府", "CAO"),
    ("mic", "総務省", "Ministry of Internal Affairs and Communications", "総務省", "MIC"),
    ("mext", "文部科学省", "Ministry of Education, Culture, Sports, Science and Technology", "文科省", "MEXT"),
    ("mhlw", "厚生労働省", "Ministry of Health, Labour and Welfare", "厚労省", "MHLW"),
    ("meti", "経済産業省", "Ministry of Economy, Trade and Industry", "経産省", "METI"),
    ("cfa", "こども家庭庁", "Children and Families Agency", "こども家庭庁", "CFA"),
];

/// Disease areas: (key, ja, en).
pub const DISEASES: [(&str, &str, &str); 7] = [
    ("cancer", "がん", "cancer"),
    ("lifestyle", "生活習慣病", "lifestyle-related diseases"),
    ("mental-neuro", "精神・神経疾患", "mental and neurological disorders"),
    ("geriatrics-dementia", "老年医学・認知症", "geriatrics and dementia"),
    ("intractable", "難病", "intractable diseases"),
    ("child-maternal", "成育", "child and maternal health"),
    ("infectious", "感染症", "infectious diseases"),
];

/// Tags: (key, ja, en).
pub const TAGS: [(&str, &str, &str); 15] = [
    ("genome", "ゲノム", "Genome"),
    ("data", "データ利活用", "Data use"),
    ("biobank", "バイオバンク", "Biobanks"),
    ("cohort", "コホート", "Cohorts"),
    ("clinical-trials", "治験・臨床試験", "Clinical trials"),
    ("drug-discovery", "創薬", "Drug discovery"),
    ("medical-devices", "医療機器", "Medical devices"),
    ("regenerative", "再生・細胞医療・遺伝子治療", "Regenerative, cell and gene therapy"),
    ("ai", "AI", "AI"),
    ("infrastructure", "研究基盤", "Research infrastructure"),
    ("industry", "新産業創出", "New industries"),
    ("international", "国際展開", "International"),
    ("governance", "推進体制", "Governance"),
    ("law", "法令", "Legislation"),
    ("in-house", "インハウス研究", "In-house research"),
];

/// Periods: (key, first fiscal year, last fiscal year).
pub const PERIODS: [(&str, i32, i32); 3] = [("1", 2015, 2019), ("2", 2020, 2024), ("3", 2025, 2029)];
