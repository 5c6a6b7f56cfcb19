//! The fuzz engine shared by `examples/fuzz` (the long campaign, `bench/fuzz`)
//! and `tests/it/fuzz.rs` (a small fixed-seed share plus the regressions).
//!
//! Stable Rust has no coverage-guided fuzzer, so this is a deterministic
//! mutation loop: input `i` of a run is derived from `(seed, i)` alone, so
//! any input can be regenerated, the run is identical on any number of
//! threads, and a finding reproduces from its seed and index. Each input runs
//! under `catch_unwind` and is timed; panics and slow inputs are findings and
//! are written to the regression directory, whose files the test suite
//! replays on every run.

use std::collections::{HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use folio::markdown::{LinkContext, MarkdownOptions, render};
use folio::source::{data, frontmatter};

/// What one input is fed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    /// A page file: front matter split, `FrontMatter` YAML, then the body's Markdown.
    Page,
    /// A Markdown body alone, with links, heading attributes, raw HTML, CJK.
    Markdown,
    /// A project file, then value validation and the metrics on it.
    Project,
    /// `people.csv` bytes: UTF-8, BOM, GBK, Latin-1, garbage.
    PeopleCsv,
    PeopleYaml,
    Programmes,
    /// `folio.yaml`.
    Config,
}

pub const TARGETS: &[Target] = &[
    Target::Page,
    Target::Markdown,
    Target::Project,
    Target::PeopleCsv,
    Target::PeopleYaml,
    Target::Programmes,
    Target::Config,
];

impl Target {
    pub fn name(self) -> &'static str {
        match self {
            Target::Page => "page",
            Target::Markdown => "markdown",
            Target::Project => "project",
            Target::PeopleCsv => "people-csv",
            Target::PeopleYaml => "people-yaml",
            Target::Programmes => "programmes",
            Target::Config => "config",
        }
    }

    pub fn from_name(name: &str) -> Option<Target> {
        TARGETS.iter().copied().find(|t| t.name() == name)
    }
}

/// Runs one input through `target`. Errors are fine; only a panic (or a
/// hang) is a bug. Every diagnostic is also formatted, since placing the
/// caret slices the snippet.
pub fn run_target(target: Target, bytes: &[u8]) {
    if target == Target::PeopleCsv {
        if let Err(d) =
            data::parse_people_csv("data/people.csv", bytes, data::CsvEncoding::default())
        {
            let _ = d.to_string();
        }
        return;
    }
    // Text files are read as UTF-8 with a BOM stripped; invalid bytes are an
    // `encoding` diagnostic before any parser sees them, so feed the lossy text.
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    match target {
        Target::Page => page(text),
        Target::Markdown => markdown(text, "content/lessons/x.md", text, 1),
        Target::Project => project(text),
        Target::PeopleYaml => show(data::parse_people_yaml("data/people.yaml", text).map(|_| ())),
        Target::Programmes => {
            show(data::parse_programmes("data/programmes.yaml", text).map(|_| ()));
        }
        Target::Config => {
            if let Err(ds) = folio::config::Config::parse(text) {
                for d in ds {
                    let _ = d.to_string();
                }
            }
        }
        Target::PeopleCsv => unreachable!(),
    }
}

fn show(r: Result<(), folio::error::Diagnostic>) {
    if let Err(d) = r {
        let _ = d.to_string();
    }
}

fn page(text: &str) {
    let file = "content/lessons/x.md";
    let split = match frontmatter::split(file, text) {
        Ok(s) => s,
        Err(d) => return show(Err(d)),
    };
    match serde_saphyr::from_str::<folio::model::FrontMatter>(split.yaml) {
        Ok(meta) => {
            if let Some(slug) = &meta.slug {
                let _ = folio::model::slugify(slug);
            }
            if let Some(title) = &meta.title {
                let _ = folio::model::slugify(title);
            }
        }
        Err(e) => show(Err(folio::error::yaml_diagnostic(file, text, 1, &e))),
    }
    markdown(&text[split.body_start..], file, text, split.body_line);
}

fn markdown(body: &str, file: &str, source: &str, first_line: usize) {
    let pages: HashMap<String, String> = [
        ("content/lessons/a.md", "lessons/a/"),
        ("content/lessons/风险.md", "lessons/风险/"),
        ("content/_index.md", ""),
        ("content/cases/_index.md", "cases/"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    let hidden: HashSet<String> = ["content/lessons/draft.md".to_string()].into();
    let statics: HashSet<String> = ["img/a.png".to_string(), "files/模板.xlsx".to_string()].into();
    let ctx = LinkContext {
        file,
        source,
        first_line,
        root: "../../",
        pages: &pages,
        hidden: &hidden,
        statics: &statics,
        shortcodes: &[],
        alert_titles: ["Note", "Tip", "Important", "Warning", "Caution"],
    };
    for raw_html in [true, false] {
        let r = render(
            body,
            MarkdownOptions {
                raw_html,
                smart_punctuation: raw_html,
            },
            &ctx,
        );
        for d in &r.diagnostics {
            let _ = d.to_string();
        }
        for t in &r.toc {
            let _ = folio::markdown::anchor(&t.title);
        }
        if !raw_html {
            assert!(
                !r.html.to_ascii_lowercase().contains("<script"),
                "raw HTML must be escaped when raw_html is off"
            );
        }
    }
}

fn project(text: &str) {
    let p = match data::parse_project("p", "data/projects/p.yaml", text, "internal") {
        Ok(p) => p,
        Err(d) => return show(Err(d)),
    };
    for d in folio::model::validate::project(&p, text) {
        let _ = d.to_string();
    }
    let thresholds = folio::config::Thresholds::default();
    for as_of in ["2026-10-31", "1900-01-01", "2200-12-31"] {
        let d: jiff::civil::Date = as_of.parse().unwrap();
        let _ = folio::metrics::project_metrics(&p, d, &thresholds);
        let _ = p.latest_status(d);
    }
    let _ = folio::metrics::load_by_person(std::slice::from_ref(&p));
}

/// A tiny deterministic PRNG (xorshift64*), so every input reproduces.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        // splitmix64 of the seed, so nearby seeds give unrelated streams.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Tokens that upset parsers: YAML indicators, anchors and aliases, tags,
/// odd numbers and dates, CJK, BOM, CRLF, Markdown and HTML constructs.
const NASTY: &[&str] = &[
    "\n",
    "\r\n",
    "\r",
    "\t",
    "  ",
    "    ",
    ":",
    ": ",
    "- ",
    "? ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "---\n",
    "...\n",
    "\"",
    "'",
    "#",
    "&a ",
    "*a",
    "&a [*a, *a, *a]",
    "<<: *a\n",
    "!!binary ",
    "!!str ",
    "!!map ",
    "!<tag:yaml.org,2002:int> ",
    "!custom ",
    "|",
    "|-\n",
    ">",
    ">+\n",
    "%YAML 1.2\n",
    "~",
    "null",
    "true",
    "no",
    ".nan",
    ".inf",
    "-.inf",
    "-0",
    "-1",
    "1e308",
    "1e999",
    "-1e999",
    "99999999999999999999999999",
    "-9223372036854775809",
    "18446744073709551616",
    "0x7fffffff",
    "0o777",
    "1_000",
    "9999-99-99",
    "2026-02-30",
    "2026-02-29",
    "0000-01-01",
    "1899-12-31",
    "2201-01-01",
    "2026-13-01",
    "24:00",
    "2026-10-31T25:00:00Z",
    "风险",
    "项目经理",
    "😀",
    "\u{feff}",
    "\u{200b}",
    "\u{2028}",
    "\u{0}",
    "\u{7f}",
    "%",
    "%zz",
    "%E9%A3%8E",
    "%FF",
    "../",
    "../../../../etc/passwd",
    "\\",
    "`",
    "```",
    "```rust\n",
    "~~~",
    "***",
    "**",
    "_",
    "> ",
    "1. ",
    "# ",
    "## ",
    "###### ",
    "[",
    "](",
    "[x](../../../../etc.md)",
    "[x](a.md)",
    "[x](风险.md#锚点)",
    "[x](./a.md#)",
    "[x](#)",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](data:text/html,<script>)",
    "[x](</a b.md>)",
    "[x](a.md \"t\")",
    "![i](../../static/img/a.png)",
    "![i](/img/a.png)",
    "[r]: ./a.md\n",
    "[r][]",
    "[^1]",
    "[^1]: note\n",
    "<https://x.example>",
    "<mailto:a@b>",
    "{#id}",
    "{#id .c onclick=x}",
    "{#风险 .a .b key=value}",
    "{ #x }",
    "{#}",
    "{.}",
    "{=}",
    "<script>",
    "<script>alert(1)</script>",
    "<SCRIPT>",
    "<div onclick=x>",
    "</div>",
    "<!--",
    "-->",
    "<![CDATA[",
    "<?php",
    "<img src=x onerror=alert(1)>",
    "&amp;",
    "&#0;",
    "&#x110000;",
    "| a | b |\n|---|---|\n",
    "|",
    "- [ ] ",
    "- [x] ",
    "{{ x }}",
    "{% raw %}",
    "\u{3000}",
    "：",
    "，",
    "——",
    "id",
    "name",
    "capacity",
    ",,,,",
    "\"\"",
    "a,\"b\nc\",d",
    "\u{e9}",
];

/// Raw bytes no text file has: invalid UTF-8, GBK and Latin-1 sequences.
const NASTY_BYTES: &[&[u8]] = &[
    b"\xff",
    b"\xfe\xff",
    b"\xc0\x80",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"\xe9",
    b"caf\xe9",
    b"\xd5\xc5\xce\xb0",
    b"\x81",
    b"\x80",
    b"\xef\xbb\xbf",
    b"\xe4\xb8",
];

fn generated(rng: &mut Rng) -> Vec<u8> {
    let n = 1 + rng.below(3000);
    let unit: &str = match rng.below(12) {
        0 => "[",
        1 => "{",
        2 => "- ",
        3 => "> ",
        4 => "*",
        5 => "a",
        6 => "风",
        7 => "&a ",
        8 => "[x](",
        9 => "<div>",
        10 => "  ",
        _ => "\\",
    };
    if unit == "- " && rng.below(2) == 0 {
        // Nested block sequences: each line one level deeper.
        let mut s = String::new();
        for depth in 0..n.min(400) {
            s.push_str(&"  ".repeat(depth));
            s.push_str("- x:\n");
        }
        return s.into_bytes();
    }
    unit.repeat(n).into_bytes()
}

/// Seed files per target, from the sample sites and the regression directory.
pub struct Corpus {
    files: HashMap<Target, Vec<Vec<u8>>>,
    all: Vec<Vec<u8>>,
}

impl Corpus {
    /// Reads the seed corpus from the repository at `root`, and the saved
    /// regressions under `regressions` (if it exists).
    pub fn load(root: &Path, regressions: &Path) -> Corpus {
        let mut files: HashMap<Target, Vec<Vec<u8>>> = HashMap::new();
        let mut add = |t: Target, path: PathBuf| {
            if let Ok(b) = std::fs::read(&path) {
                files.entry(t).or_default().push(b);
            }
        };
        for site in [root.to_path_buf(), root.join("examples/zh-cn")] {
            for md in walk(&site.join("content"), "md") {
                add(Target::Page, md.clone());
                add(Target::Markdown, md);
            }
            for y in walk(&site.join("data/projects"), "yaml") {
                add(Target::Project, y);
            }
            add(Target::PeopleYaml, site.join("data/people.yaml"));
            add(Target::PeopleCsv, site.join("data/people.csv"));
            add(Target::Programmes, site.join("data/programmes.yaml"));
            add(Target::Config, site.join("folio.yaml"));
        }
        for (t, path) in regression_files(regressions).unwrap_or_default() {
            add(t, path);
        }
        // Hand-written seeds for what the sample sites lack.
        let md = "---\ntitle: 链接 {#x}\n---\n# 标题 {#风险 .a onclick=x}\n\n\
                  [a](a.md) [b](风险.md#锚点) [c](../cases/_index.md) [d](draft.md) \
                  ![i](../../static/img/a.png) [e](missing.md)\n\n<div onclick=\"x\">\
                  <script>alert(1)</script></div>\n\n| 列 | b |\n|---|---|\n| 风 | [x](a.md) |\n\n\
                  [^1]\n\n[^1]: 脚注\r\n";
        files.entry(Target::Page).or_default().push(md.into());
        files.entry(Target::Markdown).or_default().push(md.into());
        let csv_utf8 = "\u{feff}id,name,role,team,capacity,email\r\na,Zoë,PM,Ops,50%,a@x\r\n";
        let (gbk, _, _) = encoding_rs::GBK.encode("id,name,capacity\nzhang,张伟,100\n");
        let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode("id,name\nzoe,Zoë Müller\n");
        let csv = files.entry(Target::PeopleCsv).or_default();
        csv.push(csv_utf8.into());
        csv.push(gbk.into_owned());
        csv.push(latin1.into_owned());
        for t in TARGETS {
            files.entry(*t).or_default().push(Vec::new());
        }
        let all = files.values().flatten().cloned().collect();
        Corpus { files, all }
    }

    pub fn seeds(&self, t: Target) -> usize {
        self.files.get(&t).map_or(0, Vec::len)
    }

    /// Input `index` of the run with `seed`: a corpus file of `target`,
    /// damaged by a few mutations.
    pub fn input(&self, target: Target, seed: u64, index: u64) -> Vec<u8> {
        let mut rng = Rng::new(seed ^ index.wrapping_mul(0xD6E8_FEB8_6659_FD93));
        let seeds = &self.files[&target];
        let mut b = seeds[rng.below(seeds.len())].clone();
        let rounds = 1 + rng.below(4) + if rng.below(4) == 0 { rng.below(12) } else { 0 };
        for _ in 0..rounds {
            self.mutate(&mut b, &mut rng);
        }
        b.truncate(MAX_INPUT);
        b
    }

    fn mutate(&self, b: &mut Vec<u8>, rng: &mut Rng) {
        let at = rng.below(b.len() + 1);
        match rng.below(12) {
            0 if !b.is_empty() => {
                let i = at.min(b.len() - 1);
                b[i] ^= 1 << rng.below(8);
            }
            1 if !b.is_empty() => {
                let i = at.min(b.len() - 1);
                b[i] = rng.next() as u8;
            }
            2..=4 => {
                let t = NASTY[rng.below(NASTY.len())].as_bytes();
                b.splice(at..at, t.iter().copied());
            }
            5 => {
                let t = NASTY_BYTES[rng.below(NASTY_BYTES.len())];
                b.splice(at..at, t.iter().copied());
            }
            6 => {
                let end = (at + rng.below(64)).min(b.len());
                b.drain(at..end);
            }
            7 => b.truncate(at),
            8 => {
                // Splice a piece of another corpus file in, or replace the tail.
                let other = &self.all[rng.below(self.all.len())];
                let from = rng.below(other.len() + 1);
                let to = (from + rng.below(512)).min(other.len());
                if rng.below(2) == 0 {
                    b.splice(at..at, other[from..to].iter().copied());
                } else {
                    b.truncate(at);
                    b.extend_from_slice(&other[from..]);
                }
            }
            9 => {
                // Repeat a chunk: long strings, deep nesting, many keys.
                let end = (at + 1 + rng.below(32)).min(b.len());
                let chunk = b[at.min(end)..end].to_vec();
                let cap = if rng.below(8) == 0 { 2000 } else { 8 };
                let times = 1 + rng.below(cap);
                for _ in 0..times {
                    b.splice(at..at, chunk.iter().copied());
                }
            }
            10 => {
                let g = generated(rng);
                b.splice(at..at, g);
            }
            _ => {
                // Swap two lines.
                let mut lines: Vec<Vec<u8>> = b
                    .split_inclusive(|c| *c == b'\n')
                    .map(<[u8]>::to_vec)
                    .collect();
                if lines.len() > 1 {
                    let (x, y) = (rng.below(lines.len()), rng.below(lines.len()));
                    lines.swap(x, y);
                    *b = lines.concat();
                }
            }
        }
    }
}

/// Inputs longer than this are cut: the point is odd structure, not size.
pub const MAX_INPUT: usize = 256 * 1024;

fn walk(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p, ext));
        } else if p.extension().is_some_and(|x| x == ext) {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// Every saved regression as (target, file). A folder that names no target
/// is an error, so a typo cannot silently skip inputs.
pub fn regression_files(dir: &Path) -> Result<Vec<(Target, PathBuf)>, String> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(out);
    };
    for e in entries.flatten() {
        let p = e.path();
        if !p.is_dir() {
            continue; // README
        }
        let name = e.file_name().to_string_lossy().into_owned();
        let t = Target::from_name(&name)
            .ok_or_else(|| format!("{}: not a fuzz target name", p.display()))?;
        let mut files: Vec<PathBuf> = std::fs::read_dir(&p)
            .map_err(|e| format!("{}: {e}", p.display()))?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        out.extend(files.into_iter().map(|f| (t, f)));
    }
    out.sort();
    Ok(out)
}

/// A panic or an input slower than the limit.
#[derive(Debug, Clone)]
pub struct Finding {
    pub target: Target,
    /// `panic: …` or `slow: … ms`.
    pub what: String,
    pub input: Vec<u8>,
    /// Where the input was saved, if it was.
    pub saved: Option<PathBuf>,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[{}] {}", self.target.name(), self.what)?;
        if let Some(p) = &self.saved {
            write!(f, " (saved to {})", p.display())?;
        }
        let shown: String = String::from_utf8_lossy(&self.input)
            .chars()
            .take(400)
            .collect();
        write!(f, "\n    input ({} bytes): {shown:?}", self.input.len())
    }
}

std::thread_local! {
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Replaces the panic hook with one that records the message and location
/// for the engine instead of printing it: a campaign would otherwise print
/// every caught panic. Not for the test binary, whose other tests need the
/// default hook.
pub fn install_quiet_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let msg = panic_message(info.payload());
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(format!("{msg}{at}")));
    }));
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(non-string panic)".to_string()
    }
}

/// Runs one input; `Some(what)` when it panicked or took longer than `limit`.
pub fn check(target: Target, input: &[u8], limit: Duration) -> Option<String> {
    check_fn(|| run_target(target, input), limit)
}

/// [`check`] for any closure.
pub fn check_fn(run: impl Fn(), limit: Duration) -> Option<String> {
    let start = Instant::now();
    let result = catch_unwind(AssertUnwindSafe(&run));
    let took = start.elapsed();
    match result {
        Err(payload) => {
            let recorded = LAST_PANIC.with(|p| p.borrow_mut().take());
            Some(format!(
                "panic: {}",
                recorded.unwrap_or_else(|| panic_message(payload.as_ref()))
            ))
        }
        Ok(()) if took > limit => {
            // Confirm on a second run, so a busy machine is not a finding.
            let again = Instant::now();
            run();
            let took2 = again.elapsed();
            (took2 > limit).then(|| {
                format!(
                    "slow: {} ms, then {} ms",
                    took.as_millis(),
                    took2.as_millis()
                )
            })
        }
        Ok(()) => None,
    }
}

/// FNV-1a, for stable regression file names.
fn hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Writes `input` to `dir/<target>/<hash>` and returns the path.
pub fn save(dir: &Path, target: Target, input: &[u8]) -> std::io::Result<PathBuf> {
    let d = dir.join(target.name());
    std::fs::create_dir_all(&d)?;
    let path = d.join(format!("{:016x}", hash(input)));
    std::fs::write(&path, input)?;
    Ok(path)
}

pub struct Options {
    pub inputs: u64,
    pub seed: u64,
    pub limit: Duration,
    pub targets: Vec<Target>,
    /// Where findings are saved; `None` keeps them in the report only.
    pub save_to: Option<PathBuf>,
    /// An input still running after this long is a hang: the watchdog saves
    /// it and ends the process with exit code 3, since a thread cannot be
    /// stopped from outside.
    pub hang: Duration,
    /// Print progress to stderr every this many inputs (0: never).
    pub progress: u64,
}

pub struct Report {
    pub inputs: u64,
    pub elapsed: Duration,
    pub findings: Vec<Finding>,
    /// Findings beyond the first few of the same kind, counted but not kept.
    pub repeats: u64,
    pub slowest: (Duration, Target, u64),
}

/// Runs `opts.inputs` mutated inputs in parallel.
pub fn campaign(corpus: &Corpus, opts: &Options) -> Report {
    assert!(!opts.targets.is_empty(), "no fuzz targets");
    let threads = rayon::current_num_threads();
    // What each worker runs now: (start, input index), for the watchdog.
    let running: Vec<Mutex<Option<(Instant, u64)>>> =
        (0..threads + 1).map(|_| Mutex::new(None)).collect();
    let done = AtomicU64::new(0);
    let finished = AtomicBool::new(false);
    let findings: Mutex<Vec<Finding>> = Mutex::new(Vec::new());
    let kinds: Mutex<HashMap<(Target, String), u64>> = Mutex::new(HashMap::new());
    let repeats = AtomicU64::new(0);
    let slowest: Mutex<(Duration, Target, u64)> = Mutex::new((Duration::ZERO, opts.targets[0], 0));
    let target_of = |i: u64| opts.targets[(i % opts.targets.len() as u64) as usize];
    let start = Instant::now();

    std::thread::scope(|s| {
        s.spawn(|| {
            while !finished.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(100));
                for slot in &running {
                    let Some((since, i)) = *slot.lock().unwrap() else {
                        continue;
                    };
                    if since.elapsed() > opts.hang {
                        let t = target_of(i);
                        let input = corpus.input(t, opts.seed, i);
                        let saved = opts.save_to.as_ref().and_then(|d| save(d, t, &input).ok());
                        let f = Finding {
                            target: t,
                            what: format!("hang: input {i} still running after {:?}", opts.hang),
                            input,
                            saved,
                        };
                        eprintln!("fuzz: {f}");
                        std::process::exit(3);
                    }
                }
            }
        });
        (0..opts.inputs).into_par_iter().for_each(|i| {
            let t = target_of(i);
            let input = corpus.input(t, opts.seed, i);
            let slot = &running[rayon::current_thread_index().unwrap_or(threads)];
            let began = Instant::now();
            *slot.lock().unwrap() = Some((began, i));
            let result = check(t, &input, opts.limit);
            let took = began.elapsed();
            *slot.lock().unwrap() = None;
            {
                let mut s = slowest.lock().unwrap();
                if took > s.0 {
                    *s = (took, t, i);
                }
            }
            if let Some(what) = result {
                // The panic message without its numbers groups one bug's inputs.
                let kind: String = what.chars().filter(|c| !c.is_ascii_digit()).collect();
                let n = {
                    let mut k = kinds.lock().unwrap();
                    let n = k.entry((t, kind)).or_default();
                    *n += 1;
                    *n
                };
                if n <= 3 {
                    let saved = opts.save_to.as_ref().and_then(|d| save(d, t, &input).ok());
                    let f = Finding {
                        target: t,
                        what,
                        input,
                        saved,
                    };
                    if opts.progress > 0 {
                        eprintln!("fuzz: input {i}: {f}");
                    }
                    findings.lock().unwrap().push(f);
                } else {
                    repeats.fetch_add(1, Ordering::Relaxed);
                }
            }
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            if opts.progress > 0 && n.is_multiple_of(opts.progress) {
                let secs = start.elapsed().as_secs_f64();
                eprintln!("fuzz: {n} inputs, {secs:.0} s, {:.0}/s", n as f64 / secs);
            }
        });
        finished.store(true, Ordering::Relaxed);
    });

    Report {
        inputs: done.into_inner(),
        elapsed: start.elapsed(),
        findings: findings.into_inner().unwrap(),
        repeats: repeats.into_inner(),
        slowest: slowest.into_inner().unwrap(),
    }
}

/// Replays every saved regression; the findings are the ones that still fail.
pub fn replay(dir: &Path, limit: Duration) -> Result<(usize, Vec<Finding>), String> {
    let files = regression_files(dir)?;
    let mut findings = Vec::new();
    for (t, path) in &files {
        let input = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        if let Some(what) = check(*t, &input, limit) {
            findings.push(Finding {
                target: *t,
                what,
                input,
                saved: Some(path.clone()),
            });
        }
    }
    Ok((files.len(), findings))
}
