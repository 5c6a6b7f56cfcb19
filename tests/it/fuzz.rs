//! Mutation tests for the parsers of user input: thousands of damaged
//! variants of real sample files must give diagnostics, never a panic.

use std::collections::{HashMap, HashSet};

use folio::markdown::{LinkContext, MarkdownOptions, render};
use folio::source::{data, frontmatter};

use crate::support::repo_root;

/// A tiny deterministic PRNG (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const NASTY: &[&str] = &[
    "\n",
    ":",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "---\n",
    "\"",
    "'",
    "#",
    "&a",
    "*a",
    "!!binary ",
    "\t",
    "  ",
    "9999-99-99",
    "-1",
    "1e308",
    "风险",
    "\u{feff}",
    "%",
    "|",
    ">",
    "../",
    "[x](../../../../etc.md)",
    "<script>",
    "{{ x }}",
    "```",
];

/// Damaged variants of `text`: truncations, deletions, insertions, line swaps.
fn mutations(text: &str, seed: u64, count: usize) -> Vec<String> {
    let mut rng = Rng(seed | 1);
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        let mut c = chars.clone();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(c.len() + 1);
            match rng.below(4) {
                0 => c.truncate(at),
                1 => {
                    let end = (at + rng.below(40)).min(c.len());
                    c.drain(at.min(end)..end);
                }
                2 => {
                    let piece = NASTY[rng.below(NASTY.len())];
                    for (k, ch) in piece.chars().enumerate() {
                        c.insert((at + k).min(c.len()), ch);
                    }
                }
                _ => {
                    let s: String = c.iter().collect();
                    let mut lines: Vec<&str> = s.lines().collect();
                    if lines.len() > 2 {
                        let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
                        lines.swap(a, b);
                    }
                    c = lines.join("\n").chars().collect();
                }
            }
        }
        out.push(c.into_iter().collect());
    }
    out
}

#[test]
fn damaged_project_files_never_panic() {
    let dir = repo_root().join("data/projects");
    let mut seen_errors = 0;
    for (i, entry) in std::fs::read_dir(dir).unwrap().enumerate() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for m in mutations(&text, 0x9E37_79B9 + i as u64, 150) {
            if let Ok(p) = data::parse_project("p", "p.yaml", &m, "internal") {
                let _ = folio::model::validate::project(&p, &m);
                let d: jiff::civil::Date = "2026-10-31".parse().unwrap();
                let _ =
                    folio::metrics::project_metrics(&p, d, &folio::config::Thresholds::default());
                let _ = folio::metrics::load_by_person(std::slice::from_ref(&p));
            } else {
                seen_errors += 1;
            }
        }
    }
    assert!(
        seen_errors > 100,
        "the mutations should break many files ({seen_errors})"
    );
}

#[test]
fn damaged_pages_never_panic() {
    let pages: HashMap<String, String> = HashMap::new();
    let empty: HashSet<String> = HashSet::new();
    let files = [
        "content/lessons/_index.md",
        "content/cases/_index.md",
        "content/training/pmo-foundations/_index.md",
    ];
    let mut texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(repo_root().join(f)).unwrap())
        .collect();
    for e in std::fs::read_dir(repo_root().join("content/lessons"))
        .unwrap()
        .take(6)
    {
        texts.push(std::fs::read_to_string(e.unwrap().path()).unwrap());
    }
    for (i, text) in texts.iter().enumerate() {
        for m in mutations(text, 0xC0FF_EE00 + i as u64, 150) {
            if let Ok(split) = frontmatter::split("x.md", &m) {
                let _ = serde_saphyr::from_str::<folio::model::FrontMatter>(split.yaml);
                let ctx = LinkContext {
                    file: "content/lessons/x.md",
                    source: &m,
                    first_line: split.body_line,
                    root: "../../",
                    pages: &pages,
                    hidden: &empty,
                    statics: &empty,
                };
                for raw_html in [true, false] {
                    let r = render(
                        &m[split.body_start..],
                        MarkdownOptions {
                            raw_html,
                            smart_punctuation: true,
                        },
                        &ctx,
                    );
                    if !raw_html {
                        assert!(!r.html.contains("<script>"), "raw HTML must be escaped");
                    }
                }
            }
        }
    }
}

#[test]
fn damaged_config_and_csv_never_panic() {
    let config = std::fs::read_to_string(repo_root().join("folio.yaml")).unwrap();
    for m in mutations(&config, 7, 300) {
        let _ = folio::config::Config::parse(&m);
    }
    let csv = std::fs::read(repo_root().join("examples/zh-cn/data/people.csv")).unwrap();
    let mut rng = Rng(99);
    for _ in 0..300 {
        let mut b = csv.clone();
        for _ in 0..3 {
            let at = rng.below(b.len());
            b[at] = (rng.next() & 0xff) as u8;
        }
        b.truncate(rng.below(b.len() + 1));
        let _ = data::parse_people_csv("people.csv", &b, data::CsvEncoding::default());
    }
}
