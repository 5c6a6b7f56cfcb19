//! Incremental builds must give exactly the output of a clean build. A
//! fixed-seed random sequence of valid edits is applied to a copy of the
//! sample site and to a generated site; after every step the tree of a
//! `folio::incremental::Session` is compared byte for byte with
//! `folio::build::compile` of the same files.
//!
//! Other seeds and lengths: `FOLIO_PROPTEST_SEED=7 FOLIO_PROPTEST_STEPS=200
//! cargo test --test it incremental` (steps per site).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use folio::build::compile;
use folio::incremental::Session;
use folio::output::OutputTree;

use crate::gensite::generate;
use crate::support::{copy_sample, options};

const DEFAULT_SEED: u64 = 0x0F01_1003;
/// Steps per site by default: about 20 s per site in a debug build on 2 cores.
const DEFAULT_SAMPLE_STEPS: usize = 24;
const DEFAULT_GENERATED_STEPS: usize = 12;

/// SplitMix64, seeded: the whole run is a function of the seed.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn env_number(name: &str) -> Option<u64> {
    let v = std::env::var(name).ok()?;
    let v = v.trim();
    let parsed = match v.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16),
        None => v.parse(),
    };
    Some(parsed.unwrap_or_else(|_| panic!("{name}={v} is not a number")))
}

fn seed() -> u64 {
    env_number("FOLIO_PROPTEST_SEED").unwrap_or(DEFAULT_SEED)
}

fn steps(default: usize) -> usize {
    env_number("FOLIO_PROPTEST_STEPS").map_or(default, |n| n as usize)
}

/// A generated site of about 120 pages and 10 projects written to `to`.
fn write_generated(to: &Path) {
    let site = generate::generate(&generate::Options {
        pages: 120,
        projects: 10,
        seed: 23,
    });
    generate::write_folio(&site, to).unwrap();
}

/// Every file under `dir` (site-relative, `/`-separated), sorted.
fn files_under(root: &Path, dir: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root.join(dir)];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(folio::incremental::rel_path(root, &p));
            }
        }
    }
    out.sort();
    out
}

/// Splits a page into its front matter (between the `---` lines, without
/// them) and the rest after the closing `---\n`.
fn split_front(text: &str) -> (&str, &str) {
    let rest = text
        .strip_prefix("---\n")
        .expect("the page starts with front matter");
    let end = rest.find("\n---\n").expect("the front matter is closed");
    (&rest[..=end], &rest[end + 5..])
}

fn join_front(front: &str, body: &str) -> String {
    format!("---\n{front}---\n{body}")
}

/// A YAML double-quoted string (the texts here hold no `"` or `\`).
fn quoted(s: &str) -> String {
    assert!(!s.contains('"') && !s.contains('\\'));
    format!("\"{s}\"")
}

/// Sets the top-level `key:` line of `front` to `key: value` (added when
/// missing). A block value (`key:` then indented lines) is replaced whole.
fn set_front_key(front: &str, key: &str, value: &str) -> String {
    let prefix = format!("{key}:");
    let lines: Vec<&str> = front.lines().collect();
    let mut out = String::new();
    let mut i = 0;
    let mut done = false;
    while i < lines.len() {
        let line = lines[i];
        if !done && line.starts_with(&prefix) {
            let _ = writeln!(out, "{key}: {value}");
            done = true;
            i += 1;
            if line[prefix.len()..].trim().is_empty() {
                while i < lines.len() && lines[i].starts_with([' ', '-']) {
                    i += 1;
                }
            }
            continue;
        }
        out.push_str(line);
        out.push('\n');
        i += 1;
    }
    if !done {
        let _ = writeln!(out, "{key}: {value}");
    }
    out
}

/// The path of `to` relative to the folder of `from` (both site-relative files).
fn relative_link(from: &str, to: &str) -> String {
    let mut from_dir: Vec<&str> = from.split('/').collect();
    from_dir.pop();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to_parts.len() - 1);
    let mut out = "../".repeat(from_dir.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    out
}

/// The line range `[start, end)` of the top-level block `key:` in `lines`
/// (the lines after the key line), or `None` when the key is absent.
fn yaml_block(lines: &[String], key: &str) -> Option<(usize, usize, usize)> {
    let at = lines.iter().position(|l| {
        l.strip_prefix(key)
            .and_then(|r| r.strip_prefix(':'))
            .is_some()
    })?;
    let mut end = at + 1;
    while end < lines.len() {
        let l = &lines[end];
        if !l.is_empty() && !l.starts_with([' ', '-', '#']) {
            break;
        }
        end += 1;
    }
    Some((at, at + 1, end))
}

/// Where the value after `key: ` starts in `line` (the key at a word start).
fn find_key(line: &str, key: &str) -> Option<usize> {
    let pat = format!("{key}: ");
    let mut from = 0;
    while let Some(p) = line[from..].find(&pat) {
        let p = from + p;
        let before = line[..p].trim_end_matches(' ');
        if before.is_empty() || before.ends_with(['{', ',', '-']) {
            return Some(p + pat.len());
        }
        from = p + 1;
    }
    None
}

/// The end of a double-quoted YAML scalar starting at `start` (after the closing quote).
fn quoted_end(line: &str, start: usize) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

const TAGS: &[&str] = &[
    "vendor",
    "risk",
    "data",
    "governance",
    "testing",
    "incr-alpha",
    "incr-beta",
    "供应商",
];
const WORDS: &[&str] = &[
    "baseline",
    "sponsor",
    "milestone",
    "vendor",
    "budget",
    "forecast",
    "steering",
    "backlog",
    "cutover",
    "stakeholder",
    "风险",
    "rollout",
];

/// The kinds of random edit, with their weights after the first round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    BodyAppend,
    BodyReplace,
    BodyHeading,
    BodyLink,
    Title,
    Tags,
    AddPage,
    DeletePage,
    Section,
    ProjectRag,
    ProjectSummary,
    ProjectRisk,
    People,
    StaticEdit,
    StaticAdd,
    StaticDelete,
}

const KINDS: &[(Kind, usize)] = &[
    (Kind::BodyAppend, 8),
    (Kind::BodyReplace, 7),
    (Kind::BodyHeading, 4),
    (Kind::BodyLink, 6),
    (Kind::Title, 8),
    (Kind::Tags, 7),
    (Kind::AddPage, 10),
    (Kind::DeletePage, 7),
    (Kind::Section, 8),
    (Kind::ProjectRag, 6),
    (Kind::ProjectSummary, 5),
    (Kind::ProjectRisk, 4),
    (Kind::People, 8),
    (Kind::StaticEdit, 4),
    (Kind::StaticAdd, 4),
    (Kind::StaticDelete, 4),
];

/// One random edit: what it did (for the log) and the paths it touched.
struct Edit {
    what: String,
    paths: Vec<PathBuf>,
    /// For a page body edit: the page's source file and its output path,
    /// which the update must report as changed.
    body_of: Option<(String, String)>,
}

struct Run {
    name: &'static str,
    root: PathBuf,
    session: Session,
    rng: Rng,
    /// A counter that makes every edit's text unique.
    n: usize,
    log: Vec<String>,
    added_pages: Vec<String>,
    added_static: Vec<String>,
    /// The kinds still to do once each, popped from the end.
    first_round: Vec<Kind>,
    /// From the last clean build: (source file, output path, is a section
    /// index) of every page, and the project ids (what edits may refer to).
    pages: Vec<(String, String, bool)>,
    projects: Vec<String>,
    seed: u64,
}

impl Run {
    fn start(name: &'static str, root: &Path, seed: u64) -> Run {
        let session = Session::start(options(root)).expect("the session starts");
        assert!(
            !session.diagnostics().has_errors(),
            "{name}: the site must build: {}",
            diagnostics_text(session.diagnostics())
        );
        let mut rng = Rng(seed ^ fnv(name));
        let mut first_round: Vec<Kind> = KINDS.iter().map(|&(k, _)| k).collect();
        for i in (1..first_round.len()).rev() {
            first_round.swap(i, rng.below(i + 1));
        }
        let mut run = Run {
            name,
            pages: Vec::new(),
            projects: Vec::new(),
            root: root.to_path_buf(),
            session,
            rng,
            first_round,
            n: 0,
            log: Vec::new(),
            added_pages: Vec::new(),
            added_static: Vec::new(),
            seed,
        };
        run.assert_same_as_clean();
        run
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    fn write(&self, rel: &str, text: &str) -> PathBuf {
        let p = self.root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        p
    }

    fn remove(&self, rel: &str) -> PathBuf {
        let p = self.root.join(rel);
        std::fs::remove_file(&p).unwrap_or_else(|e| panic!("{rel}: {e}"));
        p
    }

    fn words(&mut self, n: usize) -> String {
        let mut out = Vec::new();
        for _ in 0..n {
            out.push(*self.rng.pick(WORDS));
        }
        out.join(" ")
    }

    /// Pages of the last clean build (visible to the audience, no drafts):
    /// source file, output path, is a section index.
    fn built_pages(&self) -> Vec<(String, String, bool)> {
        self.pages.clone()
    }

    fn lessons(&self) -> Vec<(String, String)> {
        let pages: Vec<(String, String)> = self
            .built_pages()
            .into_iter()
            .filter(|(f, _, index)| !index && f.starts_with("content/lessons/"))
            .map(|(f, u, _)| (f, u))
            .collect();
        assert!(!pages.is_empty(), "{}: no lessons left", self.name);
        pages
    }

    /// Applies one or two random edits, updates the session and checks it.
    fn step(&mut self, i: usize) {
        let mut edits = vec![self.random_edit()];
        // A burst: two edits before one update (every second step of the
        // first round, so that it ends sooner).
        let burst = if self.first_round.is_empty() {
            self.rng.chance(15)
        } else {
            i.is_multiple_of(2)
        };
        if burst {
            edits.push(self.random_edit());
        }
        let what = edits
            .iter()
            .map(|e| e.what.as_str())
            .collect::<Vec<_>>()
            .join(" + ");
        self.log.push(format!("step {i}: {what}"));
        let paths: Vec<PathBuf> = edits.iter().flat_map(|e| e.paths.clone()).collect();
        let update = self
            .session
            .update(&paths)
            .unwrap_or_else(|e| panic!("{}\nupdate failed: {e}", self.history()));
        if self.session.diagnostics().has_errors() {
            panic!(
                "{}\nthe edits must keep the site valid, but the update reports:\n{}",
                self.history(),
                diagnostics_text(self.session.diagnostics())
            );
        }
        self.assert_same_as_clean();
        for edit in &edits {
            if let Some((file, url)) = &edit.body_of
                && self.root.join(file).is_file()
                && self.session.tree().contains(url)
            {
                assert!(
                    update.changed.iter().any(|c| c == url),
                    "{}\nthe body of {file} changed but the update does not list {url} as changed: {:?}",
                    self.history(),
                    update.changed
                );
            }
        }
    }

    /// The next edit: every kind once, in a seeded order, then weighted at random.
    fn random_edit(&mut self) -> Edit {
        self.n += 1;
        let kind = self.first_round.pop().unwrap_or_else(|| {
            let mut roll = self.rng.below(KINDS.iter().map(|(_, w)| w).sum());
            let mut kind = KINDS[0].0;
            for &(k, w) in KINDS {
                if roll < w {
                    kind = k;
                    break;
                }
                roll -= w;
            }
            kind
        });
        match kind {
            Kind::BodyAppend => self.edit_body(0),
            Kind::BodyReplace => self.edit_body(1),
            Kind::BodyHeading => self.edit_body(2),
            Kind::BodyLink => self.edit_body(3),
            Kind::Title => self.edit_front_matter(true),
            Kind::Tags => self.edit_front_matter(false),
            Kind::AddPage => self.add_page(),
            Kind::DeletePage => self.delete_page(),
            Kind::Section => self.edit_section(),
            Kind::ProjectRag => self.edit_project(0),
            Kind::ProjectSummary => self.edit_project(1),
            Kind::ProjectRisk => self.edit_project(2),
            Kind::People => self.edit_people(),
            Kind::StaticEdit => self.edit_static(0),
            Kind::StaticAdd => self.edit_static(2),
            Kind::StaticDelete => self.edit_static(1),
        }
    }

    /// Appends a paragraph (`kind` 0), replaces one (1), adds a heading (2)
    /// or a link to another page (3) in a lesson's body.
    fn edit_body(&mut self, kind: usize) -> Edit {
        let lessons = self.lessons();
        let (file, url) = self.rng.pick(&lessons).clone();
        let text = self.read(&file);
        let (front, body) = split_front(&text);
        let mut body = body.to_string();
        if !body.ends_with('\n') {
            body.push('\n');
        }
        let n = self.n;
        let what = match kind {
            0 => {
                let words = self.words(8);
                let _ = write!(body, "\nAppended paragraph {n}: {words}.\n");
                "append a paragraph"
            }
            1 => {
                let words = self.words(10);
                let para = format!("Replaced paragraph {n}: {words}.");
                match replace_paragraph(&body, &para, &mut self.rng) {
                    Some(b) => {
                        body = b;
                        "replace a paragraph"
                    }
                    None => {
                        let _ = write!(body, "\n{para}\n");
                        "append a paragraph (none to replace)"
                    }
                }
            }
            2 => {
                let words = self.words(6);
                let level = self.rng.range(2, 3);
                let _ = write!(
                    body,
                    "\n{} Heading {n} {}\n\nUnder the heading: {words}.\n",
                    "#".repeat(level),
                    self.rng.pick(WORDS)
                );
                "add a heading"
            }
            _ => {
                let pages = self.built_pages();
                let (target, _, _) = self.rng.pick(&pages).clone();
                let target = target.strip_prefix("content/").unwrap();
                let from = file.strip_prefix("content/").unwrap();
                let link = relative_link(from, target);
                let _ = write!(body, "\nSee also [linked page {n}]({link}).\n");
                "add a link"
            }
        };
        let path = self.write(&file, &join_front(front, &body));
        Edit {
            what: format!("{what} in {file}"),
            paths: vec![path],
            body_of: Some((file, url)),
        }
    }

    /// Sets a page's title (`title` true) or its tags.
    fn edit_front_matter(&mut self, title: bool) -> Edit {
        let pages: Vec<String> = self
            .built_pages()
            .into_iter()
            .filter(|(_, _, index)| !index)
            .map(|(f, _, _)| f)
            .collect();
        let file = self.rng.pick(&pages).clone();
        let text = self.read(&file);
        let (front, body) = split_front(&text);
        let n = self.n;
        let (what, front) = if title {
            let title = if self.rng.chance(20) {
                format!("经验教训 {n}")
            } else {
                format!("Edited title {n}: {}", self.words(3))
            };
            ("title", set_front_key(front, "title", &quoted(&title)))
        } else {
            let mut tags: Vec<&str> = Vec::new();
            for _ in 0..self.rng.range(0, 3) {
                let t = *self.rng.pick(TAGS);
                if !tags.contains(&t) {
                    tags.push(t);
                }
            }
            let list = format!(
                "[{}]",
                tags.iter()
                    .map(|t| quoted(t))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            ("tags", set_front_key(front, "tags", &list))
        };
        let path = self.write(&file, &join_front(&front, body));
        Edit {
            what: format!("edit the {what} of {file}"),
            paths: vec![path],
            body_of: None,
        }
    }

    fn add_page(&mut self) -> Edit {
        let lessons = self.lessons();
        let dir = if self.rng.chance(20) {
            let cases: Vec<String> = self
                .built_pages()
                .into_iter()
                .filter(|(f, _, index)| !index && f.starts_with("content/cases/"))
                .map(|(f, _, _)| f)
                .collect();
            if cases.is_empty() {
                parent(&self.rng.pick(&lessons).0)
            } else {
                parent(&self.rng.pick(&cases).clone())
            }
        } else {
            parent(&self.rng.pick(&lessons).0)
        };
        let n = self.n;
        let file = format!("{dir}/incr-{n:04}.md");
        let mut front = String::new();
        let _ = writeln!(front, "title: {}", quoted(&format!("Added page {n}")));
        let _ = writeln!(
            front,
            "date: 2026-{:02}-{:02}",
            self.rng.range(1, 9),
            self.rng.range(1, 28)
        );
        let mut tags = vec![*self.rng.pick(TAGS)];
        if self.rng.chance(50) {
            let t = *self.rng.pick(TAGS);
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        let _ = writeln!(
            front,
            "tags: [{}]",
            tags.iter()
                .map(|t| quoted(t))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let projects = self.projects.clone();
        if !projects.is_empty() && self.rng.chance(50) {
            let id = self.rng.pick(&projects).clone();
            let key = if dir.starts_with("content/cases") {
                format!("projects: [{id}]")
            } else {
                format!("project: {id}")
            };
            let _ = writeln!(front, "{key}");
        }
        let words = self.words(12);
        let body = format!("\n## What happened\n\nAdded page {n}: {words}.\n");
        let path = self.write(&file, &join_front(&front, &body));
        self.added_pages.push(file.clone());
        Edit {
            what: format!("add {file}"),
            paths: vec![path],
            body_of: None,
        }
    }

    /// Deletes a page added earlier, or an original page no other page names.
    fn delete_page(&mut self) -> Edit {
        let mut candidates = self.added_pages.clone();
        let all = files_under(&self.root, "content");
        let texts: Vec<(String, String)> = all
            .iter()
            .filter(|f| f.ends_with(".md"))
            .map(|f| (f.clone(), self.read(f)))
            .collect();
        for (file, _) in &texts {
            if file.ends_with("/_index.md") || candidates.contains(file) {
                continue;
            }
            let name = file.rsplit('/').next().unwrap();
            if !texts.iter().any(|(f, t)| f != file && t.contains(name)) {
                candidates.push(file.clone());
            }
        }
        if candidates.is_empty() {
            return self.add_page();
        }
        let file = self.rng.pick(&candidates).clone();
        let path = self.remove(&file);
        self.added_pages.retain(|f| f != &file);
        Edit {
            what: format!("delete {file}"),
            paths: vec![path],
            body_of: None,
        }
    }

    fn edit_section(&mut self) -> Edit {
        let indexes: Vec<String> = files_under(&self.root, "content")
            .into_iter()
            .filter(|f| f.ends_with("_index.md"))
            .collect();
        let file = self.rng.pick(&indexes).clone();
        let text = self.read(&file);
        let (front, body) = split_front(&text);
        let n = self.n;
        let title = format!("Section {n} {}", self.words(2));
        let front = set_front_key(front, "title", &quoted(&title));
        let path = self.write(&file, &join_front(&front, body));
        Edit {
            what: format!("edit the title of {file}"),
            paths: vec![path],
            body_of: None,
        }
    }

    /// Sets the RAG (`kind` 0) or the summary (1) of a project's latest
    /// status report, or appends a risk (2; also when the other two find
    /// nothing to edit).
    fn edit_project(&mut self, kind: usize) -> Edit {
        let files: Vec<String> = files_under(&self.root, "data/projects");
        let file = self.rng.pick(&files).clone();
        let text = self.read(&file);
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        let n = self.n;
        let mut what = None;
        if kind < 2
            && let Some((_, start, end)) = yaml_block(&lines, "status")
            && let Some(last) = (start..end)
                .rev()
                .find(|&i| lines[i].trim_start().starts_with("- "))
        {
            if kind == 1 {
                let summary = quoted(&format!("Status edited {n}: {}.", self.words(6)));
                what = set_status_summary(&mut lines[last..end], &summary)
                    .then_some("the latest status summary");
            }
            if what.is_none() {
                let rag = *self.rng.pick(&["green", "amber", "red"]);
                if set_status_rag(&mut lines[last..end], rag) {
                    what = Some("the latest status RAG");
                }
            }
        }
        let what = match what {
            Some(w) => format!("edit {w} of"),
            None => {
                let risk = format!(
                    "- {{ id: INC{n}, title: {}, probability: {}, impact: {}, status: open }}",
                    quoted(&format!("Risk {n}: {}", self.words(3))),
                    self.rng.range(1, 5),
                    self.rng.range(1, 5)
                );
                match yaml_block(&lines, "risks") {
                    Some((at, _, _)) if lines[at].trim_end().ends_with("[]") => {
                        lines[at] = "risks:".into();
                        lines.insert(at + 1, format!("  {risk}"));
                    }
                    Some((_, start, end)) => {
                        let indent = lines[start..end]
                            .iter()
                            .find(|l| l.trim_start().starts_with("- "))
                            .map_or(2, |l| l.len() - l.trim_start().len());
                        lines.insert(end, format!("{}{risk}", " ".repeat(indent)));
                    }
                    None => {
                        lines.push("risks:".into());
                        lines.push(format!("  {risk}"));
                    }
                }
                "append a risk to".to_string()
            }
        };
        let path = self.write(&file, &(lines.join("\n") + "\n"));
        Edit {
            what: format!("{what} {file}"),
            paths: vec![path],
            body_of: None,
        }
    }

    fn edit_people(&mut self) -> Edit {
        let file = if self.root.join("data/people.yaml").is_file() {
            "data/people.yaml"
        } else {
            panic!("{}: the edits know data/people.yaml only", self.name)
        };
        let text = self.read(file);
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        let people: Vec<usize> = (0..lines.len())
            .filter(|&i| lines[i].starts_with("- {") && lines[i].trim_end().ends_with('}'))
            .collect();
        let i = *self.rng.pick(&people);
        let line = lines[i].clone();
        let n = self.n;
        let (what, new) = if self.rng.chance(50) {
            let at = find_key(&line, "name").expect("a person has a name");
            let end = if line[at..].starts_with('"') {
                quoted_end(&line, at).unwrap()
            } else {
                at + line[at..].find([',', '}']).unwrap()
            };
            let name = quoted(&format!("Renamed Person {n}"));
            let sep = if line[end..].starts_with('}') {
                " "
            } else {
                ""
            };
            (
                "name",
                format!("{}{name}{sep}{}", &line[..at], &line[end..]),
            )
        } else {
            let capacity = self.rng.range(1, 10) * 10;
            match find_key(&line, "capacity") {
                Some(at) => {
                    let end = at + line[at..].find([',', ' ', '}']).unwrap();
                    (
                        "capacity",
                        format!("{}{capacity}{}", &line[..at], &line[end..]),
                    )
                }
                None => {
                    let close = line.rfind('}').unwrap();
                    let head = line[..close].trim_end();
                    ("capacity", format!("{head}, capacity: {capacity} }}"))
                }
            }
        };
        lines[i] = new;
        let path = self.write(file, &(lines.join("\n") + "\n"));
        Edit {
            what: format!("edit the {what} of person line {} of {file}", i + 1),
            paths: vec![path],
            body_of: None,
        }
    }

    /// Edits (0) an existing file under `static/`, deletes (1) one added
    /// earlier, or adds (2) one; adds when there is nothing to edit or delete.
    fn edit_static(&mut self, choice: usize) -> Edit {
        let existing = files_under(&self.root, "static");
        let n = self.n;
        if choice == 0 && !existing.is_empty() {
            let file = self.rng.pick(&existing).clone();
            let mut text = self.read(&file);
            let _ = writeln!(text, "line {n} {}", self.words(4));
            let path = self.write(&file, &text);
            return Edit {
                what: format!("edit {file}"),
                paths: vec![path],
                body_of: None,
            };
        }
        if choice == 1 && !self.added_static.is_empty() {
            let file = self.rng.pick(&self.added_static).clone();
            let path = self.remove(&file);
            self.added_static.retain(|f| f != &file);
            return Edit {
                what: format!("delete {file}"),
                paths: vec![path],
                body_of: None,
            };
        }
        let file = format!("static/incr/note-{n:04}.txt");
        let words = self.words(5);
        let path = self.write(&file, &format!("note {n}: {words}\n"));
        self.added_static.push(file.clone());
        Edit {
            what: format!("add {file}"),
            paths: vec![path],
            body_of: None,
        }
    }

    fn history(&self) -> String {
        format!(
            "{} site, FOLIO_PROPTEST_SEED={:#x}; edits so far:\n  {}",
            self.name,
            self.seed,
            self.log.join("\n  ")
        )
    }

    /// The session's tree must equal a clean build of the same files.
    fn assert_same_as_clean(&mut self) {
        let clean = compile(self.session.options()).expect("the clean build runs");
        assert!(
            !clean.diagnostics.has_errors(),
            "{}\nthe clean build has errors:\n{}",
            self.history(),
            diagnostics_text(&clean.diagnostics)
        );
        if let Some(report) = tree_difference(self.session.tree(), &clean.tree) {
            panic!(
                "{}\nthe session's tree differs from a clean build:\n{report}",
                self.history()
            );
        }
        let site = &clean.site;
        self.pages = site
            .pages
            .iter()
            .map(|p| (p.file.clone(), p.url(), p.is_index))
            .collect();
        self.projects = site.projects.iter().map(|p| p.id.clone()).collect();
    }
}

fn parent(file: &str) -> String {
    file.rsplit_once('/').unwrap().0.to_string()
}

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Replaces one plain paragraph of `body` (not in a code block, list,
/// table, quote, heading or footnote) with `para`.
fn replace_paragraph(body: &str, para: &str, rng: &mut Rng) -> Option<String> {
    let blocks: Vec<&str> = body.split("\n\n").collect();
    let mut fences = 0;
    let mut candidates = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        let plain = fences % 2 == 0
            && block.starts_with(char::is_alphabetic)
            && !block.contains("```")
            && !block.contains("[^")
            && block.lines().all(|l| {
                !l.starts_with(|c: char| "|-*#>[ \t0123456789+<:".contains(c)) && !l.contains('|')
            });
        if plain {
            candidates.push(i);
        }
        fences += block.matches("```").count();
    }
    if candidates.is_empty() {
        return None;
    }
    let i = *rng.pick(&candidates);
    let mut blocks: Vec<String> = blocks.iter().map(|b| b.to_string()).collect();
    let trailing = if blocks[i].ends_with('\n') { "\n" } else { "" };
    blocks[i] = format!("{para}{trailing}");
    Some(blocks.join("\n\n"))
}

/// Sets the `rag:` of one status entry (its lines); false when it has none.
fn set_status_rag(item: &mut [String], rag: &str) -> bool {
    for line in item.iter_mut() {
        if let Some(at) = find_key(line, "rag") {
            let end = at
                + line[at..]
                    .find(|c: char| !c.is_ascii_alphabetic())
                    .unwrap_or(line.len() - at);
            *line = format!("{}{rag}{}", &line[..at], &line[end..]);
            return true;
        }
    }
    false
}

/// Sets the double-quoted `summary:` of one status entry; false when it has
/// none or it is not a quoted string.
fn set_status_summary(item: &mut [String], summary: &str) -> bool {
    for line in item.iter_mut() {
        if let Some(at) = find_key(line, "summary") {
            if !line[at..].starts_with('"') {
                return false;
            }
            let Some(end) = quoted_end(line, at) else {
                return false;
            };
            *line = format!("{}{summary}{}", &line[..at], &line[end..]);
            return true;
        }
    }
    false
}

fn diagnostics_text(d: &folio::error::Diagnostics) -> String {
    d.0.iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("")
}

/// `None` when the trees hold the same paths with the same bytes; else the
/// first differing paths and where the first differing file differs.
fn tree_difference(got: &OutputTree, want: &OutputTree) -> Option<String> {
    let all: BTreeSet<&str> = got.paths().chain(want.paths()).collect();
    let mut differing = Vec::new();
    for path in all {
        let (a, b) = (got.get(path), want.get(path));
        if a != b {
            differing.push((path, a, b));
        }
    }
    if differing.is_empty() {
        return None;
    }
    let mut out = format!(
        "{} path(s) differ (session {} files, clean build {}):\n",
        differing.len(),
        got.len(),
        want.len()
    );
    for (path, a, b) in differing.iter().take(10) {
        let how = match (a, b) {
            (Some(_), None) => "only in the session's tree",
            (None, Some(_)) => "only in the clean build",
            _ => "bytes differ",
        };
        let _ = writeln!(out, "  {path}: {how}");
    }
    if let Some((path, Some(a), Some(b))) = differing
        .iter()
        .find(|(_, a, b)| a.is_some() && b.is_some())
    {
        let _ = writeln!(out, "first difference in {path}:");
        out.push_str(&first_line_diff(a, b));
    }
    Some(out)
}

/// A few lines of context and the first differing line of two texts; a
/// long line (minified scripts) is shown from a little before the first
/// differing character.
fn first_line_diff(a: &[u8], b: &[u8]) -> String {
    let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
    let (la, lb): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let at = (0..la.len().max(lb.len()))
        .find(|&i| la.get(i) != lb.get(i))
        .unwrap_or(0);
    let (x, y) = (la.get(at).copied(), lb.get(at).copied());
    let from = match (x, y) {
        (Some(x), Some(y)) => x
            .chars()
            .zip(y.chars())
            .take_while(|(p, q)| p == q)
            .count()
            .saturating_sub(80),
        _ => 0,
    };
    let cut = |s: &str, from: usize| -> String {
        let head = if from > 0 { "…" } else { "" };
        let text: String = s.chars().skip(from).take(240).collect();
        let tail = if s.chars().count() > from + 240 {
            "…"
        } else {
            ""
        };
        format!("{head}{text}{tail}")
    };
    let mut out = format!("@@ line {} @@\n", at + 1);
    for l in &la[at.saturating_sub(3)..at.min(la.len())] {
        let _ = writeln!(out, "  {}", cut(l, 0));
    }
    let shown = |l: Option<&str>| l.map_or("<end of file>".to_string(), |l| cut(l, from));
    let _ = writeln!(out, "- {} (session)", shown(x));
    let _ = writeln!(out, "+ {} (clean build)", shown(y));
    out
}

fn random_edits(name: &'static str, root: &Path, steps: usize) {
    let mut run = Run::start(name, root, seed());
    for i in 1..=steps {
        run.step(i);
    }
    // Shown with --nocapture: what the run covered.
    println!("{}", run.history());
}

#[test]
fn random_edits_to_the_sample_site_match_a_clean_build() {
    let tmp = tempfile::tempdir().unwrap();
    copy_sample(tmp.path());
    random_edits("sample", tmp.path(), steps(DEFAULT_SAMPLE_STEPS));
}

#[test]
fn random_edits_to_a_generated_site_match_a_clean_build() {
    let tmp = tempfile::tempdir().unwrap();
    write_generated(tmp.path());
    random_edits("generated", tmp.path(), steps(DEFAULT_GENERATED_STEPS));
}

/// Every path the tree holds with its bytes.
fn snapshot(tree: &OutputTree) -> Vec<(String, Vec<u8>)> {
    tree.paths()
        .map(|p| (p.to_string(), tree.get(p).unwrap().into_owned()))
        .collect()
}

#[test]
fn an_error_keeps_the_last_good_tree_and_the_next_good_edit_recovers() {
    let tmp = tempfile::tempdir().unwrap();
    copy_sample(tmp.path());
    let root = tmp.path();
    let mut session = Session::start(options(root)).unwrap();
    assert!(!session.diagnostics().has_errors());
    let good = snapshot(session.tree());
    assert!(
        good.iter()
            .any(|(p, _)| p == "projects/apollo-crm/index.html")
    );

    // Bad YAML in a project file: an unclosed flow sequence.
    let project = root.join("data/projects/apollo-crm.yaml");
    let original = std::fs::read_to_string(&project).unwrap();
    assert!(original.contains("\nphase: execution\n"));
    std::fs::write(
        &project,
        original.replace("\nphase: execution\n", "\nphase: [execution\n"),
    )
    .unwrap();
    session.update(std::slice::from_ref(&project)).unwrap();
    assert!(
        session
            .diagnostics()
            .0
            .iter()
            .any(|d| d.is_error() && d.file.contains("apollo-crm.yaml")),
        "bad YAML must be an error in the project file: {}",
        diagnostics_text(session.diagnostics())
    );
    assert!(
        snapshot(session.tree()) == good,
        "after an error the session must keep the last good tree"
    );

    // A second bad edit on top: still the same last good tree.
    let lesson = root.join("content/lessons/vendor-exit-clauses.md");
    let lesson_text = std::fs::read_to_string(&lesson).unwrap();
    std::fs::write(&lesson, lesson_text.replacen("title: ", "title: [", 1)).unwrap();
    session.update(std::slice::from_ref(&lesson)).unwrap();
    assert!(session.diagnostics().has_errors());
    assert!(snapshot(session.tree()) == good);

    // Fix both, with a real change to each: the session recovers.
    std::fs::write(
        &project,
        original.replace(
            "    rag: amber\n    percent_complete: 83\n",
            "    rag: red\n    percent_complete: 83\n",
        ),
    )
    .unwrap();
    assert_ne!(std::fs::read_to_string(&project).unwrap(), original);
    std::fs::write(
        &lesson,
        format!("{lesson_text}\nA paragraph after the fix.\n"),
    )
    .unwrap();
    let update = session.update(&[project.clone(), lesson.clone()]).unwrap();
    assert!(
        !session.diagnostics().has_errors(),
        "{}",
        diagnostics_text(session.diagnostics())
    );
    let clean = compile(&options(root)).unwrap();
    assert!(!clean.diagnostics.has_errors());
    if let Some(report) = tree_difference(session.tree(), &clean.tree) {
        panic!("after recovering, the session's tree differs from a clean build:\n{report}");
    }
    assert!(snapshot(session.tree()) != good);
    for path in [
        "projects/apollo-crm/index.html",
        "lessons/vendor-exit-clauses/index.html",
    ] {
        assert!(
            update.changed.iter().any(|c| c == path),
            "{path} must be reported as changed against the last good tree: {:?}",
            update.changed
        );
    }
}
