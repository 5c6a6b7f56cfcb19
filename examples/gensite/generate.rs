//! The synthetic PMO site behind the benchmarks: `pages` knowledge pages
//! (lessons, case studies, training courses and modules, with front matter,
//! tags, tables, footnotes, task lists, Chinese words and relative `.md`
//! links to other pages) and `projects` projects with years of monthly
//! status, actuals, risks, issues, milestones and allocations.
//!
//! Everything is a pure function of the options (a hand-written PRNG, no
//! clock), so two runs with the same options write identical files. The
//! same pages are also kept in memory ([`Site`]) so `hugo.rs` can write an
//! equivalent Hugo site from them.

use std::fmt::Write as _;
use std::path::Path;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// About how many Markdown files to write under `content/`, section `_index.md` files included.
    pub pages: usize,
    pub projects: usize,
    pub seed: u64,
}

/// One front matter value.
#[derive(Debug, Clone)]
pub enum Value {
    Str(String),
    Int(i64),
    List(Vec<String>),
}

/// One generated Markdown page.
#[derive(Debug, Clone)]
pub struct GenPage {
    /// Path under `content/`, e.g. `lessons/vendor/lesson-00042.md`.
    pub rel: String,
    /// Front matter keys in folio's vocabulary, in writing order.
    pub front: Vec<(&'static str, Value)>,
    pub body: String,
}

/// The generated site in memory.
#[derive(Debug, Clone, Default)]
pub struct Site {
    pub title: String,
    pub pages: Vec<GenPage>,
    /// `data/…` files: path → text.
    pub data: Vec<(String, String)>,
}

/// SplitMix64: small, fast and good enough for synthetic text.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

pub const CATEGORIES: &[&str] = &[
    "risk",
    "schedule",
    "cost",
    "stakeholder",
    "vendor",
    "quality",
    "resourcing",
    "governance",
    "benefits",
];
const INDUSTRIES: &[&str] = &[
    "retail",
    "banking",
    "public-sector",
    "manufacturing",
    "logistics",
    "healthcare",
];
const PHASES: &[&str] = &["initiation", "planning", "execution", "closing"];
const METHODOLOGIES: &[&str] = &["waterfall", "agile", "hybrid"];
const TAGS: &[&str] = &[
    "vendor",
    "contracts",
    "data",
    "migration",
    "cloud",
    "crm",
    "erp",
    "testing",
    "training",
    "governance",
    "security",
    "budget",
    "estimation",
    "scope",
    "change-control",
    "communication",
    "sponsor",
    "benefits",
    "agile",
    "waterfall",
    "hybrid",
    "procurement",
    "go-live",
    "cutover",
    "quality",
    "capacity",
    "dependencies",
    "reporting",
    "evm",
    "stakeholders",
    "风险管理",
    "进度",
    "成本控制",
    "供应商",
    "干系人",
    "验收",
    "变更",
    "培训",
    "数据迁移",
    "质量",
];
const WORDS: &[&str] = &[
    "project",
    "sponsor",
    "baseline",
    "milestone",
    "vendor",
    "budget",
    "forecast",
    "risk",
    "issue",
    "scope",
    "change",
    "request",
    "steering",
    "committee",
    "team",
    "delivery",
    "schedule",
    "slipped",
    "weeks",
    "because",
    "the",
    "the",
    "the",
    "a",
    "a",
    "of",
    "of",
    "to",
    "to",
    "and",
    "and",
    "in",
    "we",
    "was",
    "were",
    "not",
    "with",
    "after",
    "before",
    "migration",
    "testing",
    "acceptance",
    "users",
    "training",
    "data",
    "quality",
    "contract",
    "plan",
    "review",
    "estimate",
    "cost",
    "overrun",
    "earned",
    "value",
    "status",
    "report",
    "amber",
    "green",
    "red",
    "dependency",
    "resource",
    "allocation",
    "architect",
    "workshop",
    "go-live",
    "cutover",
    "rehearsal",
    "lessons",
    "learned",
    "stakeholders",
    "agreed",
    "escalated",
    "mitigated",
    "accepted",
    "transferred",
    "avoided",
    "penalty",
    "benefit",
    "process",
    "governance",
    "early",
    "late",
    "every",
    "month",
    "quarter",
];
const ZH_WORDS: &[&str] = &[
    "项目",
    "风险",
    "进度",
    "成本",
    "干系人",
    "里程碑",
    "供应商",
    "质量",
    "范围",
    "变更",
    "验收",
    "基线",
    "预算",
    "计划",
    "沟通",
    "培训",
    "资源",
    "数据迁移",
    "上线",
    "复盘",
    "经验教训",
    "项目经理",
    "管理办公室",
    "需求",
    "测试",
];
const PEOPLE_FIRST: &[&str] = &[
    "Li", "Wang", "Zhang", "Chen", "Anna", "Omar", "Sofia", "Ravi", "Maria", "Kenji", "Ada",
    "Jonas", "Elif", "Tomás", "Nia", "Hugo",
];
const PEOPLE_LAST: &[&str] = &[
    "Wei", "Fang", "Jing", "Okafor", "Novak", "Silva", "Patel", "Kim", "Moreau", "Haddad",
    "Tanaka", "Berg", "Costa", "Nowak",
];

/// Months from 2020-01 (month 0) to a `YYYY-MM-DD` month end.
fn month_end(m: usize) -> String {
    let year = 2020 + m / 12;
    let month = m % 12 + 1;
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let day = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    format!("{year}-{month:02}-{day:02}")
}

fn month_start(m: usize) -> String {
    format!("{}-{:02}-01", 2020 + m / 12, m % 12 + 1)
}

/// The as-of month of the generated site (2026-10).
const AS_OF_MONTH: usize = 6 * 12 + 9;
pub const AS_OF: &str = "2026-10-31";

fn sentence(rng: &mut Rng, words: usize) -> String {
    if rng.chance(20) {
        let mut s = String::new();
        for i in 0..words.div_ceil(2) {
            if i > 0 && i % 5 == 0 {
                s.push('，');
            }
            s.push_str(rng.pick::<&str>(ZH_WORDS));
        }
        s.push('。');
        return s;
    }
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        let w = if rng.chance(4) {
            rng.pick(ZH_WORDS)
        } else {
            rng.pick(WORDS)
        };
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                s.extend(f.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            match rng.below(40) {
                0 => {
                    let _ = write!(s, "**{w}**");
                }
                1 => {
                    let _ = write!(s, "*{w}*");
                }
                2 => {
                    let _ = write!(s, "`{w}`");
                }
                _ => s.push_str(w),
            }
        }
    }
    s.push('.');
    s
}

fn paragraph(rng: &mut Rng, link: Option<(&str, &str)>) -> String {
    let n = rng.range(4, 7);
    let mut p = String::new();
    for i in 0..n {
        if i > 0 {
            p.push(' ');
        }
        let words = rng.range(8, 18);
        p.push_str(&sentence(rng, words));
        if i == 1
            && let Some((title, url)) = link
        {
            let _ = write!(p, " See [{title}]({url}) for a related case.");
        }
    }
    p
}

fn title(rng: &mut Rng, n: usize) -> String {
    if rng.chance(15) {
        let mut t = String::new();
        for _ in 0..3 {
            t.push_str(rng.pick::<&str>(ZH_WORDS));
        }
        return format!("{t}（{n}）");
    }
    let mut words = Vec::new();
    for _ in 0..rng.range(4, 7) {
        words.push(*rng.pick(WORDS));
    }
    let mut t = words.join(" ");
    if let Some(f) = t.get(..1) {
        t = f.to_uppercase() + &t[1..];
    }
    format!("{t} {n}")
}

fn tags(rng: &mut Rng) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    while out.len() < 3 {
        let t = rng.pick(TAGS).to_string();
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

fn date(rng: &mut Rng) -> String {
    let m = rng.range(24, AS_OF_MONTH);
    let d = rng.range(1, 28);
    format!("{}-{:02}-{d:02}", 2020 + m / 12, m % 12 + 1)
}

/// Markdown body of about 3 KB with headings, lists, a table, a footnote,
/// a task list and `links` (title, relative `.md` path).
fn body(rng: &mut Rng, links: &[(String, String)], zh_heading: bool) -> String {
    let mut b = String::with_capacity(3600);
    let h = |en: &'static str, zh: &'static str| if zh_heading { zh } else { en };
    let first = links.first().map(|(t, u)| (t.as_str(), u.as_str()));
    let _ = write!(
        b,
        "## {}\n\n{}\n\n{}\n\n",
        h("What happened", "发生了什么"),
        paragraph(rng, first),
        paragraph(rng, None)
    );
    let _ = writeln!(b, "## {}\n", h("Why", "原因"));
    for _ in 0..rng.range(3, 5) {
        let words = rng.range(6, 12);
        let _ = writeln!(b, "- {}", sentence(rng, words));
    }
    let _ = write!(
        b,
        "\n### {}\n\n| Measure | Baseline | Actual | Variance |\n|---|---:|---:|---:|\n",
        h("Figures", "数据")
    );
    for _ in 0..rng.range(3, 5) {
        let base = rng.range(10, 900) * 1000;
        let actual = base + rng.range(0, base / 3);
        let _ = writeln!(
            b,
            "| {} | {base} | {actual} | {:+.1}% |",
            rng.pick(WORDS),
            (actual as f64 - base as f64) / base as f64 * 100.0
        );
    }
    let _ = write!(
        b,
        "\n## {}\n\n{} {}[^1]\n\n",
        h("What we would do differently", "改进措施"),
        paragraph(rng, None),
        sentence(rng, 8)
    );
    for (i, (t, u)) in links.iter().enumerate().skip(1) {
        let done = if i % 2 == 0 { 'x' } else { ' ' };
        let _ = writeln!(b, "- [{done}] Read [{t}]({u}) with the team.");
    }
    let _ = writeln!(b, "- [ ] {}", sentence(rng, 7));
    let _ = write!(
        b,
        "\n> {}\n\n[^1]: {}\n",
        sentence(rng, 12),
        sentence(rng, 10)
    );
    b
}

/// Which section a regular page belongs to, and its file path.
struct Slot {
    rel: String,
    kind: Kind,
    /// Folder (`lessons/vendor`) and index within it.
    folder: String,
    n: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Lesson,
    Case,
    Module,
}

pub fn project_id(i: usize) -> String {
    format!("proj-{i:04}")
}

/// Builds the whole site in memory.
pub fn generate(opts: &Options) -> Site {
    let mut site = Site {
        title: "Synthetic PMO".into(),
        ..Site::default()
    };
    let mut rng = Rng::new(opts.seed);
    let modules_per_course = 12;
    // Plan the regular pages: 55% lessons, 15% cases, the rest training modules.
    let regular = opts.pages.saturating_sub(1 + 4 + 12);
    let lessons = regular * 55 / 100;
    let cases = regular * 15 / 100;
    let mut modules = regular - lessons - cases;
    let courses = modules.div_ceil(modules_per_course + 1).max(1);
    modules = modules.saturating_sub(courses);
    let mut slots: Vec<Slot> = Vec::with_capacity(regular);
    for i in 0..lessons {
        let folder = format!("lessons/{}", CATEGORIES[i % CATEGORIES.len()]);
        let name = if i % 50 == 7 {
            format!("经验教训-{i:05}.md")
        } else {
            format!("lesson-{i:05}.md")
        };
        slots.push(Slot {
            rel: format!("{folder}/{name}"),
            kind: Kind::Lesson,
            folder,
            n: i,
        });
    }
    for i in 0..cases {
        let folder = format!("cases/{}", INDUSTRIES[i % INDUSTRIES.len()]);
        slots.push(Slot {
            rel: format!("{folder}/case-{i:05}.md"),
            kind: Kind::Case,
            folder,
            n: i,
        });
    }
    for i in 0..modules {
        let folder = format!("training/course-{:03}", i % courses);
        let n = i / courses + 1;
        slots.push(Slot {
            rel: format!("{folder}/module-{n:02}.md"),
            kind: Kind::Module,
            folder,
            n,
        });
    }
    let titles: Vec<String> = slots
        .iter()
        .map(|s| {
            let mut r = Rng::new(opts.seed ^ (s.n as u64 + 1).wrapping_mul(0x2545_F491));
            title(&mut r, s.n)
        })
        .collect();

    // Section pages.
    let section = |rel: &str, title: &str, extra: Vec<(&'static str, Value)>| {
        let mut front = vec![("title", Value::Str(title.to_string()))];
        front.extend(extra);
        GenPage {
            rel: rel.to_string(),
            front,
            body: format!("{title}: generated for the folio benchmarks.\n"),
        }
    };
    site.pages
        .push(section("_index.md", "Synthetic PMO", Vec::new()));
    site.pages.push(section(
        "lessons/_index.md",
        "Lessons learned",
        vec![("weight", Value::Int(1))],
    ));
    for c in CATEGORIES {
        site.pages.push(section(
            &format!("lessons/{c}/_index.md"),
            &format!("Lessons: {c}"),
            Vec::new(),
        ));
    }
    site.pages.push(section(
        "cases/_index.md",
        "Case studies",
        vec![("weight", Value::Int(2))],
    ));
    for c in INDUSTRIES.iter().take(cases.min(INDUSTRIES.len())) {
        site.pages.push(section(
            &format!("cases/{c}/_index.md"),
            &format!("Cases: {c}"),
            Vec::new(),
        ));
    }
    site.pages.push(section(
        "training/_index.md",
        "Training",
        vec![("weight", Value::Int(3))],
    ));
    for c in 0..courses.min(modules.max(1)) {
        let mut r = Rng::new(opts.seed ^ 0xC0DE ^ c as u64);
        let body = body(&mut r, &[], false);
        let mut p = section(
            &format!("training/course-{c:03}/_index.md"),
            &format!("Course {c}: {}", title(&mut r, c)),
            vec![
                ("weight", Value::Int(c as i64 + 1)),
                (
                    "level",
                    Value::Str((*r.pick(&["beginner", "intermediate", "advanced"])).into()),
                ),
                ("duration", Value::Str(format!("{} hours", r.range(2, 12)))),
                (
                    "learners",
                    Value::Str("Project managers and PMO analysts".into()),
                ),
                (
                    "prerequisites",
                    Value::List(vec!["None".into(), "A project to practise on".into()]),
                ),
                ("tags", Value::List(tags(&mut r))),
            ],
        );
        p.body = body;
        site.pages.push(p);
    }

    // Regular pages, each with its own RNG stream so the text of a page does
    // not depend on how many pages come before it.
    for (i, slot) in slots.iter().enumerate() {
        let mut r = Rng::new(opts.seed ^ (i as u64 + 1).wrapping_mul(0x9E37_79B9));
        let mut links = Vec::new();
        for _ in 0..r.range(2, 3) {
            let j = r.below(slots.len());
            if j != i {
                links.push((titles[j].clone(), format!("../../{}", slots[j].rel)));
            }
        }
        let mut front = vec![
            ("title", Value::Str(titles[i].clone())),
            ("date", Value::Str(date(&mut r))),
        ];
        match slot.kind {
            Kind::Lesson => {
                if opts.projects > 0 && r.chance(15) {
                    front.push(("project", Value::Str(project_id(r.below(opts.projects)))));
                }
                front.push(("phase", Value::Str((*r.pick(PHASES)).into())));
                let cat = slot.folder.rsplit('/').next().unwrap_or("risk");
                front.push(("category", Value::Str(cat.into())));
                let outcome = *r.pick(&["positive", "negative"]);
                front.push(("outcome", Value::Str(outcome.into())));
                front.push(("impact", Value::Str(sentence(&mut r, 10))));
                front.push(("recommendation", Value::Str(sentence(&mut r, 12))));
            }
            Kind::Case => {
                front.push((
                    "outcome",
                    Value::Str((*r.pick(&["success", "failure", "mixed"])).into()),
                ));
                if opts.projects > 0 && r.chance(40) {
                    let mut ids = (0..r.range(1, 2))
                        .map(|_| project_id(r.below(opts.projects)))
                        .collect::<Vec<_>>();
                    ids.dedup();
                    front.push(("projects", Value::List(ids)));
                }
                front.push(("methodology", Value::Str((*r.pick(METHODOLOGIES)).into())));
                let ind = slot.folder.rsplit('/').next().unwrap_or("retail");
                front.push(("industry", Value::Str(ind.into())));
            }
            Kind::Module => {
                front.push(("weight", Value::Int(slot.n as i64)));
            }
        }
        front.push(("tags", Value::List(tags(&mut r))));
        front.push(("summary", Value::Str(sentence(&mut r, 16))));
        let zh = titles[i].contains('（');
        site.pages.push(GenPage {
            rel: slot.rel.clone(),
            front,
            body: body(&mut r, &links, zh),
        });
    }

    add_data(&mut site, opts, &mut rng);
    site
}

fn yaml_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Front matter as YAML between `---` lines.
pub fn yaml_front(front: &[(&str, Value)]) -> String {
    let mut out = String::from("---\n");
    for (k, v) in front {
        let _ = match v {
            Value::Str(s) => writeln!(out, "{k}: {}", yaml_str(s)),
            Value::Int(n) => writeln!(out, "{k}: {n}"),
            Value::List(l) => writeln!(
                out,
                "{k}: [{}]",
                l.iter().map(|s| yaml_str(s)).collect::<Vec<_>>().join(", ")
            ),
        };
    }
    out.push_str("---\n\n");
    out
}

/// A YAML list under `key`, `[]` when empty.
fn list(y: &mut String, key: &str, items: &[String]) {
    if items.is_empty() {
        let _ = writeln!(y, "{key}: []");
        return;
    }
    let _ = writeln!(y, "{key}:");
    for item in items {
        y.push_str(item);
        y.push('\n');
    }
}

fn add_data(site: &mut Site, opts: &Options, rng: &mut Rng) {
    let people = (opts.projects / 2).clamp(20, 2000);
    let person = |i: usize| format!("p{i:04}");
    let mut text = String::from("# Generated people.\n");
    for i in 0..people {
        let name = format!(
            "{} {}",
            PEOPLE_FIRST[i % PEOPLE_FIRST.len()],
            PEOPLE_LAST[(i / PEOPLE_FIRST.len()) % PEOPLE_LAST.len()]
        );
        let _ = writeln!(
            text,
            "- {{ id: {}, name: \"{name} {i}\", role: Project manager, team: Team {}, capacity: {} }}",
            person(i),
            i % 12,
            if i % 7 == 0 { 80 } else { 100 }
        );
    }
    site.data.push(("data/people.yaml".into(), text));
    let programmes = 10;
    let mut text = String::new();
    for g in 0..programmes {
        let _ = writeln!(
            text,
            "- {{ id: prog-{g:02}, name: \"Programme {g}\", owner: {}, goal: \"Deliver the {g}th strategic goal.\" }}",
            person(g)
        );
    }
    site.data.push(("data/programmes.yaml".into(), text));

    for p in 0..opts.projects {
        let mut r = Rng::new(rng.next_u64() ^ p as u64);
        let start = r.range(12, AS_OF_MONTH - 6);
        let months = r.range(9, 42);
        let finish = start + months;
        let budget = r.range(20, 600) * 10_000;
        let mut y = String::with_capacity(8192);
        let _ = writeln!(y, "name: {}", yaml_str(&title(&mut r, p)));
        let _ = writeln!(y, "programme: prog-{:02}", r.below(programmes));
        let _ = writeln!(y, "manager: {}", person(r.below(people)));
        let _ = writeln!(y, "sponsor: {}", person(r.below(people)));
        let _ = writeln!(y, "methodology: {}", r.pick(METHODOLOGIES));
        let phase = if finish < AS_OF_MONTH {
            "closed"
        } else {
            *r.pick(&["planning", "execution", "execution", "closing"])
        };
        let _ = writeln!(y, "phase: {phase}");
        let _ = writeln!(y, "priority: {}", r.range(1, 4));
        let _ = writeln!(y, "value_score: {}", r.range(1, 5));
        let _ = writeln!(
            y,
            "tags: [{}]",
            tags(&mut r)
                .iter()
                .map(|s| yaml_str(s))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let _ = writeln!(y, "summary: {}", yaml_str(&sentence(&mut r, 30)));
        let _ = writeln!(
            y,
            "baseline: {{ start: {}, finish: {}, budget: {budget} }}",
            month_start(start),
            month_end(finish)
        );
        let slip = r.range(0, months / 3);
        let _ = writeln!(y, "forecast: {{ finish: {} }}", month_end(finish + slip));
        let last = AS_OF_MONTH.min(finish + slip);
        let mut items = Vec::new();
        for q in (start..finish).step_by(3).skip(1) {
            let pct = (q - start) * 100 / months;
            items.push(format!("  - {{ date: {}, percent: {pct} }}", month_end(q)));
        }
        list(&mut y, "planned", &items);
        let burn = 0.9 + r.below(40) as f64 / 100.0;
        let mut items = Vec::new();
        for m in start..=last {
            let cost =
                (budget as f64 * burn * (m - start + 1) as f64 / (months + 1) as f64).round();
            items.push(format!("  - {{ date: {}, cost: {cost} }}", month_end(m)));
        }
        list(&mut y, "actuals", &items);
        let mut items = Vec::new();
        for k in 0..r.range(4, 9) {
            let base = start + months * (k + 1) / 10;
            let fc = base + r.range(0, 3);
            let actual = if fc <= AS_OF_MONTH {
                month_end(fc)
            } else {
                "null".into()
            };
            items.push(format!(
                "  - {{ name: \"Milestone {k}: {}\", baseline: {}, forecast: {}, actual: {actual} }}",
                r.pick(WORDS),
                month_end(base),
                month_end(fc)
            ));
        }
        list(&mut y, "milestones", &items);
        let mut items = Vec::new();
        let mut red = false;
        for m in start..=last {
            let rag = *r.pick(&["green", "green", "green", "amber", "amber", "red"]);
            red = rag == "red";
            let pct = ((m - start + 1) * 100 / (months + slip + 1)).min(100);
            items.push(format!(
                "  - {{ date: {}, rag: {rag}, percent_complete: {pct}, summary: {} }}",
                month_end(m),
                yaml_str(&sentence(&mut r, 14))
            ));
        }
        list(&mut y, "status", &items);
        let mut items = Vec::new();
        for k in 0..r.range(3, 12) {
            items.push(format!(
                "  - {{ id: R{k}, title: {}, probability: {}, impact: {}, owner: {}, response: {}, plan: {}, status: {} }}",
                yaml_str(&sentence(&mut r, 6)),
                r.range(1, 5),
                r.range(1, 5),
                person(r.below(people)),
                r.pick(&["avoid", "transfer", "mitigate", "accept"]),
                yaml_str(&sentence(&mut r, 12)),
                if r.chance(30) { "closed" } else { "open" }
            ));
        }
        list(&mut y, "risks", &items);
        let mut items = Vec::new();
        for k in 0..r.range(0, 5) {
            items.push(format!(
                "  - {{ id: I{k}, title: {}, severity: {}, owner: {}, opened: {} }}",
                yaml_str(&sentence(&mut r, 6)),
                r.pick(&["low", "medium", "high", "critical"]),
                person(r.below(people)),
                month_end(start + k)
            ));
        }
        list(&mut y, "issues", &items);
        let mut items = Vec::new();
        for _ in 0..r.range(2, 8) {
            let from = start + r.below(months / 2 + 1);
            let to = (from + r.range(3, 18)).min(finish + slip);
            items.push(format!(
                "  - {{ person: {}, role: Analyst, from: {}, to: {}, percent: {} }}",
                person(r.below(people)),
                month_start(from),
                month_end(to),
                r.range(1, 10) * 10
            ));
        }
        list(&mut y, "allocations", &items);
        if red {
            let _ = writeln!(y, "recovery_plan: {}", yaml_str(&sentence(&mut r, 24)));
        }
        let _ = writeln!(
            y,
            "benefits:\n  - {{ name: Cost reduction, target: -{}, unit: \"%\" }}",
            r.range(2, 15)
        );
        site.data
            .push((format!("data/projects/{}.yaml", project_id(p)), y));
    }
}

/// Writes the site as a folio site under `out` (which must not exist or be empty).
pub fn write_folio(site: &Site, out: &Path) -> std::io::Result<usize> {
    let mut bytes = 0;
    let config = format!(
        "title: {}\nlanguage: en\nbase_url: https://pmo.example.com/\nas_of: {AS_OF}\ncurrency: EUR\n\
         taxonomies: [tags, category, phase, methodology]\nmarkdown: {{ raw_html: true, smart_punctuation: true }}\n",
        yaml_str(&site.title)
    );
    write(out, "folio.yaml", &config)?;
    for page in &site.pages {
        let text = yaml_front(&page.front) + &page.body;
        bytes += text.len();
        write(out, &format!("content/{}", page.rel), &text)?;
    }
    for (path, text) in &site.data {
        write(out, path, text)?;
    }
    Ok(bytes)
}

pub fn write(root: &Path, rel: &str, text: &str) -> std::io::Result<()> {
    let path = root.join(rel);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, text)
}
