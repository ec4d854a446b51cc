//! The corpus's pages and their relations, decided before any text is written.
//!
//! Parents always point up a level (program → project → policy) or, for a
//! sub-program, to a program planned earlier, so there are no cycles; every id
//! named anywhere is a planned page of the right kind.

use super::Rng;
use super::vocab::{DISEASES, FIELDS, FOCI, MINISTRIES, PERIODS, PROGRAM_TYPES, TAGS};

/// A kind of page: key, folder and labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    pub key: &'static str,
    pub folder: &'static str,
    pub ja: &'static str,
    pub en: &'static str,
}

pub const POLICY: Kind = Kind { key: "policy", folder: "policies", ja: "政策", en: "Policies" };
pub const PROJECT: Kind = Kind { key: "project", folder: "projects", ja: "統合プロジェクト", en: "Integrated projects" };
pub const PROGRAM: Kind = Kind { key: "program", folder: "programs", ja: "事業", en: "Programs" };
pub const HANDOUT: Kind = Kind { key: "handout", folder: "handouts", ja: "配布資料", en: "Handouts" };
pub const KINDS: [Kind; 4] = [POLICY, PROJECT, PROGRAM, HANDOUT];

/// One budget line.
#[derive(Debug, Clone)]
pub struct Budget {
    pub fy: i32,
    /// Tenths of 億円.
    pub tenths: u32,
    pub inhouse: bool,
    pub project: usize,
    pub part_of: bool,
    pub relisted: bool,
    pub shared_with: Option<usize>,
    pub note: bool,
}

/// One page pair.
#[derive(Debug, Clone)]
pub struct PagePlan {
    pub id: String,
    pub kind: Kind,
    pub period: usize,
    pub parent: Option<usize>,
    pub number: Option<u32>,
    pub field: usize,
    pub focus: usize,
    pub ptype: usize,
    pub ministries: Vec<usize>,
    pub lead: Option<usize>,
    pub diseases: Vec<usize>,
    pub tags: Vec<usize>,
    pub succeeds: Vec<usize>,
    pub related: Vec<usize>,
    pub budget: Vec<Budget>,
    /// Pages a handout bundles.
    pub pages: Vec<usize>,
    /// Other pages the body refers to.
    pub refs: Vec<usize>,
    /// Glossary entries the body uses.
    pub terms: Vec<usize>,
    /// Whether the body has a code block.
    pub code: bool,
    pub year: i32,
}

/// All pages of the corpus.
pub struct Plan {
    pub pages: Vec<PagePlan>,
}

impl Plan {
    /// Plans `n` page pairs: ~1% policies, ~8% projects, ~0.1% handouts, the rest programs.
    pub fn new(n: usize, glossary_len: usize, rng: &mut Rng) -> Plan {
        let policies = (n / 100).max(3);
        let projects = (n / 12).max(3);
        let handouts = (n / 1000).max(1);
        let programs = n - policies - projects - handouts;
        let mut pages: Vec<PagePlan> = Vec::with_capacity(n);
        let counts = [(POLICY, policies), (PROJECT, projects), (PROGRAM, programs), (HANDOUT, handouts)];
        for (kind, count) in counts {
            for k in 0..count {
                let period = k % PERIODS.len();
                let field = rng.below(FIELDS.len());
                let focus = rng.below(FOCI.len());
                let id = match kind.key {
                    "policy" => format!("plan-{}-{k}", PERIODS[period].0),
                    "project" => format!("p{}-{}-{k}", PERIODS[period].0, FIELDS[field].2),
                    "program" => format!("{}-{}-{k}", FIELDS[field].2, FOCI[focus].2),
                    _ => format!("handout-{k}"),
                };
                let (from, to) = (PERIODS[period].1, PERIODS[period].2);
                pages.push(PagePlan {
                    id,
                    kind,
                    period,
                    parent: None,
                    number: None,
                    field,
                    focus,
                    ptype: rng.below(PROGRAM_TYPES.len()),
                    ministries: rng.sample_between(MINISTRIES.len(), 1, 3),
                    lead: None,
                    diseases: rng.sample_between(DISEASES.len(), 0, 3),
                    tags: rng.sample_between(TAGS.len(), 1, 5),
                    succeeds: Vec::new(),
                    related: Vec::new(),
                    budget: Vec::new(),
                    pages: Vec::new(),
                    refs: Vec::new(),
                    terms: rng.sample_between(glossary_len, 6, 10),
                    code: rng.chance(15),
                    year: rng.range(from as usize, to as usize) as i32,
                });
            }
        }
        let by = |kind: Kind, period: usize, pages: &[PagePlan]| -> Vec<usize> {
            (0..pages.len()).filter(|&i| pages[i].kind == kind && pages[i].period == period).collect()
        };
        let groups: Vec<[Vec<usize>; 3]> =
            [POLICY, PROJECT, PROGRAM].iter().map(|k| [by(*k, 0, &pages), by(*k, 1, &pages), by(*k, 2, &pages)]).collect();
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); pages.len()];
        for i in 0..pages.len() {
            let p = pages[i].period;
            let parent = match pages[i].kind.key {
                "project" => Some(*rng.pick(&groups[0][p])),
                "program" => {
                    let same = &groups[2][p];
                    let before = same.partition_point(|&j| j < i);
                    let earlier = &same[before.saturating_sub(64)..before];
                    if !earlier.is_empty() && rng.chance(10) { Some(*rng.pick(earlier)) } else { Some(*rng.pick(&groups[1][p])) }
                }
                _ => None,
            };
            if let Some(par) = parent {
                children[par].push(i);
                pages[i].number = (pages[i].kind == PROJECT).then_some(children[par].len() as u32);
            }
            pages[i].parent = parent;
            if pages[i].kind != HANDOUT {
                pages[i].lead = rng.chance(50).then(|| pages[i].ministries[0]);
            }
            let kind_ix = [POLICY, PROJECT, PROGRAM].iter().position(|k| *k == pages[i].kind);
            if let Some(k) = kind_ix
                && p > 0
                && rng.chance(60)
            {
                pages[i].succeeds = vec![*rng.pick(&groups[k][p - 1])];
            }
            let mut related = rng.sample_between(pages.len(), 0, 3);
            related.retain(|&j| j != i);
            pages[i].related = related;
            if pages[i].kind == HANDOUT {
                let pool: Vec<usize> = (0..pages.len()).filter(|&j| pages[j].kind == POLICY || pages[j].kind == PROJECT).collect();
                let picks = rng.sample_between(pool.len(), 4, 8);
                pages[i].pages = picks.into_iter().map(|j| pool[j]).collect();
            }
            pages[i].budget = budget(&pages, i, &children, rng);
            let mut refs: Vec<usize> = pages[i].parent.into_iter().chain(pages[i].succeeds.iter().copied()).collect();
            refs.extend(pages[i].related.iter().copied());
            refs.extend(rng.sample(pages.len(), 3).into_iter().filter(|&j| j != i));
            pages[i].refs = refs;
        }
        Plan { pages }
    }

    /// The nearest project above page `i` (itself when it is one).
    pub fn project_of(pages: &[PagePlan], mut i: usize) -> Option<usize> {
        loop {
            if pages[i].kind == PROJECT {
                return Some(i);
            }
            i = pages[i].parent?;
        }
    }
}

fn budget(pages: &[PagePlan], i: usize, children: &[Vec<usize>], rng: &mut Rng) -> Vec<Budget> {
    let p = &pages[i];
    let Some(project) = Plan::project_of(pages, i) else { return Vec::new() };
    let (from, to) = (PERIODS[p.period].1 as usize, PERIODS[p.period].2 as usize);
    let lines = if p.kind == PROJECT { 2 } else { rng.range(1, 3) };
    (0..lines)
        .map(|k| {
            let sibling = p
                .parent
                .filter(|_| p.kind == PROGRAM && rng.chance(5))
                .and_then(|par| children[par].iter().copied().find(|&j| j != i && pages[j].kind == PROGRAM));
            Budget {
                fy: rng.range(from, to) as i32,
                tenths: rng.range(5, 3000) as u32,
                inhouse: if p.kind == PROJECT { k == 1 } else { rng.chance(15) },
                project,
                part_of: rng.chance(10),
                relisted: rng.chance(5),
                shared_with: sibling,
                note: rng.chance(10),
            }
        })
        .collect()
}
