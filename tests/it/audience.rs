//! Audiences reach every item: a build for the lowest audience publishes no
//! string unique to anything above it — risks, issues, milestones, benefits,
//! status entries, projects, pages, sections, courses and their modules,
//! and the people and programmes only hidden things refer to — in any
//! output file (pages, exports, search shards, sitemap, charts).

use std::path::Path;

use crate::support::{build_ok, read, snapshot, write_files};

/// Every output file whose path or bytes contain `word` (ASCII
/// case-insensitively: the search index holds lower-cased tokens).
fn files_containing(out: &Path, word: &str) -> Vec<String> {
    let w = word.to_ascii_lowercase();
    snapshot(out)
        .into_iter()
        .filter(|(path, bytes)| {
            path.to_ascii_lowercase().contains(&w)
                || bytes
                    .windows(w.len())
                    .any(|b| b.eq_ignore_ascii_case(w.as_bytes()))
        })
        .map(|(path, _)| path)
        .collect()
}

/// A visible project (public) whose hidden items each carry a unique word.
const PROJECT: &str = "name: Open harbour\nprogramme: open-prog\nmanager: li.wei\nsponsor: m.garcia\naudience: public\nphase: execution\n\
baseline: { start: 2026-01-01, finish: 2026-12-31, budget: 1000000 }\n\
actuals:\n  - { date: 2026-03-31, cost: 100000 }\n\
milestones:\n  - { name: Harbour open, baseline: 2026-10-01 }\n  - { name: Zqmilestone secret, baseline: 2026-05-01, audience: internal }\n\
status:\n  - { date: 2026-03-31, rag: green, percent_complete: 11, summary: On track., milestones: { Zqmilestone secret: 2026-05-20, Harbour open: 2026-10-08 } }\n  - { date: 2026-06-30, rag: red, percent_complete: 77, summary: Zqstatus secret, audience: internal }\n\
risks:\n  - { id: R1, title: Weather, probability: 2, impact: 2, owner: li.wei, response: accept, review: 2026-07-15 }\n  - { id: ZQR9, title: Zqrisk secret, probability: 5, impact: 5, owner: zq.owner, response: avoid, review: 2026-07-15, audience: internal }\n\
issues:\n  - { id: ZQI9, title: Zqissue secret, severity: high, owner: zq.owner, opened: 2026-02-01, due: 2026-09-01, audience: restricted }\n\
benefits:\n  - { name: Zqbenefit secret, target: -5, audience: internal }\n  - { name: Faster berthing, target: 10 }\n\
decisions:\n  - { id: ZQD9, title: Zqdecision secret, needed_by: 2026-07-15, audience: internal }\n\
assumptions:\n  - { id: ZQA9, title: Zqassumption secret, audience: internal }\n\
changes:\n  - { id: ZQC9, title: Zqchange secret, cost_impact: 10, audience: internal }\n\
dependencies:\n  - { project: zq-hidden, milestone: Zqprovided secret, needed_by: 2026-05-01, note: Zqdependency secret }\n  - { project: harbour, milestone: Harbour open, needed_by: 2026-09-01, note: Zqselfdep secret, audience: internal }\n";

/// A project for the internal audience, with its own programme and person.
const HIDDEN_PROJECT: &str = "name: Zqproject secret\nprogramme: zq-prog\nmanager: zq.manager\nsponsor: m.garcia\naudience: internal\nphase: execution\n\
baseline: { start: 2026-01-01, finish: 2026-12-31, budget: 5555555 }\n\
status:\n  - { date: 2026-06-30, rag: green, percent_complete: 50 }\n\
milestones:\n  - { name: Zqprovided secret, baseline: 2026-04-01 }\n";

fn site(dir: &Path) {
    write_files(
        dir,
        &[
            (
                "folio.yaml",
                "title: Audience PMO\nas_of: 2026-06-30\naudiences: [public, internal, restricted]\ndefault_audience: internal\n",
            ),
            (
                "content/_index.md",
                "---\ntitle: Home\naudience: public\n---\nHi.\n",
            ),
            ("content/lessons/_index.md", "---\ntitle: Lessons\n---\n"),
            (
                "content/lessons/open.md",
                "---\ntitle: Open lesson\naudience: public\nproject: harbour\ntags: [open]\n---\n\
See [the secret lesson](zq-lesson.md) and [the locked room](../vault/inside.md).\n",
            ),
            (
                "content/lessons/zq-lesson.md",
                "---\ntitle: Zqlesson secret\naudience: internal\nproject: zq-hidden\ntags: [zqtag]\n---\nZqbody secret.\n",
            ),
            (
                "content/vault/_index.md",
                "---\ntitle: Zqsection secret\naudience: internal\n---\n",
            ),
            (
                "content/vault/inside.md",
                "---\ntitle: Zqinherited secret\n---\nText.\n",
            ),
            (
                "content/training/_index.md",
                "---\ntitle: Training\naudience: public\n---\n",
            ),
            (
                "content/training/zq-course/_index.md",
                "---\ntitle: Zqcourse secret\naudience: internal\n---\n",
            ),
            (
                "content/training/zq-course/01-module.md",
                "---\ntitle: Zqmodule secret\nweight: 1\n---\nText.\n",
            ),
            (
                "data/people.yaml",
                "- { id: li.wei, name: Li Wei }\n- { id: m.garcia, name: Maria Garcia }\n\
- { id: zq.owner, name: Zqowner Person }\n- { id: zq.manager, name: Zqmanager Person }\n\
- { id: zq.lonely, name: Zqlonely Person }\n",
            ),
            (
                "data/programmes.yaml",
                "- { id: open-prog, name: Open programme, owner: m.garcia }\n- { id: zq-prog, name: Zqprogramme secret, owner: zq.manager }\n",
            ),
            ("data/projects/harbour.yaml", PROJECT),
            ("data/projects/zq-hidden.yaml", HIDDEN_PROJECT),
        ],
    );
}

/// Every unique word of something above `public`.
const HIDDEN: &[&str] = &[
    "Zqmilestone",
    "Zqstatus",
    "Zqrisk",
    "ZQR9",
    "Zqissue",
    "ZQI9",
    "Zqbenefit",
    "Zqdecision",
    "ZQD9",
    "Zqassumption",
    "ZQA9",
    "Zqchange",
    "ZQC9",
    "Zqdependency",
    "Zqprovided",
    "Zqselfdep",
    "Zqproject",
    "zq-hidden",
    "Zqprogramme",
    "zq-prog",
    "Zqowner",
    "zq.owner",
    "Zqmanager",
    "zq.manager",
    "Zqlonely",
    "Zqlesson",
    "zq-lesson",
    "Zqbody",
    "zqtag",
    "Zqsection",
    "vault",
    "Zqinherited",
    "Zqcourse",
    "zq-course",
    "Zqmodule",
    "5,555,555",
];

#[test]
fn nothing_above_the_lowest_audience_reaches_any_output_file() {
    let tmp = tempfile::tempdir().unwrap();
    site(tmp.path());
    let out = tmp.path().join("out");
    build_ok(tmp.path(), &out, &["--audience", "public"]);
    let mut leaks = Vec::new();
    for word in HIDDEN {
        let files = files_containing(&out, word);
        if !files.is_empty() {
            leaks.push(format!("{word}: {files:?}"));
        }
    }
    assert!(
        leaks.is_empty(),
        "hidden items published:\n{}",
        leaks.join("\n")
    );
    // The visible parts are there: the project, its visible items, its people.
    let page = read(&out, "projects/harbour/index.html");
    for word in [
        "Open harbour",
        "Harbour open",
        "Weather",
        "Faster berthing",
        "On track.",
    ] {
        assert!(page.contains(word), "{word} missing from the project page");
    }
    assert!(out.join("people/li.wei/index.html").is_file());
    assert!(out.join("programmes/open-prog/index.html").is_file());
    // Figures come from the visible status only: EV = 11 % of 1,000,000.
    assert!(page.contains("110,000"), "EV of the visible status");
    assert!(
        files_containing(&out, "770,000").is_empty(),
        "EV of the hidden status"
    );
    // A link from a visible page to a hidden one is its text alone.
    let lesson = read(&out, "lessons/open/index.html");
    assert!(lesson.contains("the secret lesson") && lesson.contains("the locked room"));
}

#[test]
fn the_default_audience_sees_the_internal_items() {
    let tmp = tempfile::tempdir().unwrap();
    site(tmp.path());
    let out = tmp.path().join("out");
    build_ok(tmp.path(), &out, &[]);
    let page = read(&out, "projects/harbour/index.html");
    for word in [
        "Zqmilestone",
        "Zqstatus",
        "Zqrisk",
        "Zqbenefit",
        "Zqdecision",
        "Zqassumption",
        "Zqchange",
    ] {
        assert!(
            page.contains(word),
            "{word} is internal: shown at the default audience"
        );
    }
    assert!(!page.contains("Zqissue"), "the issue is restricted");
    // Restricted items are in no file, the quality page included (the
    // issue is overdue and its owner's finding would name it).
    for word in ["Zqissue", "ZQI9"] {
        assert!(files_containing(&out, word).is_empty(), "{word}");
    }
    assert!(out.join("quality/index.html").is_file());
    assert!(out.join("projects/zq-hidden/index.html").is_file());
    assert!(out.join("people/zq.manager/index.html").is_file());
    // Nobody refers to this person: no page at any audience.
    assert!(!out.join("people/zq.lonely/index.html").exists());
}
