//! Review cases: incremental updates that must equal a clean build.

use std::path::PathBuf;

use folio::build::compile;
use folio::incremental::Session;
use folio::output::OutputTree;

use crate::support::{copy_sample, options};

struct S {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    session: Session,
}

fn sample() -> S {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().to_path_buf();
    copy_sample(&root);
    let session = Session::start(options(&root)).unwrap();
    assert!(!session.diagnostics().has_errors());
    S {
        _tmp: tmp,
        root,
        session,
    }
}

impl S {
    fn write(&self, rel: &str, text: &str) -> PathBuf {
        let p = self.root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        p
    }
    fn edit(&self, rel: &str, from: &str, to: &str) -> PathBuf {
        let text = std::fs::read_to_string(self.root.join(rel)).unwrap();
        assert!(text.contains(from), "{rel} lacks {from:?}");
        self.write(rel, &text.replacen(from, to, 1))
    }
    fn update(&mut self, paths: &[PathBuf]) {
        self.session.update(paths).expect("update runs");
    }
    /// Tree and diagnostics equal to a clean build.
    fn assert_clean(&self) {
        let clean = compile(&options(&self.root)).unwrap();
        let got: Vec<String> = self
            .session
            .diagnostics()
            .0
            .iter()
            .map(|d| d.to_string())
            .collect();
        let want: Vec<String> = clean.diagnostics.0.iter().map(|d| d.to_string()).collect();
        assert_eq!(got, want, "diagnostics differ from a clean build");
        if !clean.diagnostics.has_errors()
            && let Some(d) = diff(self.session.tree(), &clean.tree)
        {
            panic!("tree differs from a clean build:\n{d}");
        }
    }
}

fn snapshot(t: &OutputTree) -> Vec<(String, Vec<u8>)> {
    t.paths()
        .map(|p| (p.to_string(), t.get(p).unwrap().into_owned()))
        .collect()
}

fn diff(got: &OutputTree, want: &OutputTree) -> Option<String> {
    let mut all: Vec<&str> = got.paths().chain(want.paths()).collect();
    all.sort();
    all.dedup();
    let mut out = String::new();
    for p in all {
        let (a, b) = (got.get(p), want.get(p));
        if a == b {
            continue;
        }
        match (a, b) {
            (Some(_), None) => out += &format!("  {p}: only in session\n"),
            (None, Some(_)) => out += &format!("  {p}: only in clean build\n"),
            (Some(a), Some(b)) => {
                let (a, b) = (
                    String::from_utf8_lossy(&a).into_owned(),
                    String::from_utf8_lossy(&b).into_owned(),
                );
                let (la, lb): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
                let i = (0..la.len().max(lb.len()))
                    .find(|&i| la.get(i) != lb.get(i))
                    .unwrap_or(0);
                let cut = |s: Option<&&str>| {
                    s.map_or("<eof>".to_string(), |s| s.chars().take(200).collect())
                };
                out += &format!(
                    "  {p}: line {}\n    - {} (session)\n    + {} (clean)\n",
                    i + 1,
                    cut(la.get(i)),
                    cut(lb.get(i))
                );
            }
            _ => {}
        }
    }
    (!out.is_empty()).then_some(out)
}

const LESSON: &str = "content/lessons/vendor-exit-clauses.md";

/// classify() ignores every name starting with `#`; the walk skips only `#…#`.
#[test]
fn review_page_whose_name_starts_with_hash_is_added() {
    let mut s = sample();
    let p = s.write(
        "content/lessons/#42-retro.md",
        "---\ntitle: Retro forty-two\ndate: 2026-10-01\ntags: [vendor]\n---\nA retro.\n",
    );
    s.update(&[p]);
    s.assert_clean();
}

/// A nested project file is an error in a clean build; classify() ignores it.
#[test]
fn review_nested_project_file_is_reported() {
    let mut s = sample();
    let text = std::fs::read_to_string(s.root.join("data/projects/apollo-crm.yaml")).unwrap();
    let p = s.write("data/projects/old/apollo-crm-2.yaml", &text);
    s.update(&[p]);
    s.assert_clean();
}

/// A path relative to the root written with `./` is ignored.
#[test]
fn review_dot_slash_relative_path_is_followed() {
    let mut s = sample();
    s.edit(LESSON, "title: Write the exit", "title: Draft the exit");
    s.update(&[PathBuf::from("./").join(LESSON)]);
    s.assert_clean();
}

/// A deleted folder reported as one path (what watchers report for `rm -r`/`mv`).
#[test]
fn review_deleted_folder_is_followed() {
    let mut s = sample();
    std::fs::remove_dir_all(s.root.join("content/cases")).unwrap();
    let p = s.root.join("content/cases");
    s.update(&[p]);
    s.assert_clean();
}

/// Memo::render mutates the tree (tail, exports, search taken out) and then
/// returns Outcome::Full; when that full render fails, the session keeps
/// the mutated tree instead of the last good one.
#[test]
fn review_failed_update_after_tail_fallback_keeps_last_good_tree() {
    let mut s = sample();
    let good = snapshot(s.session.tree());
    let p = s.edit(
        LESSON,
        "aliases: [\"/old-lessons/vendor-exit/\"]",
        "aliases: [\"/old-lessons/vendor-exit/\", \"/404.html\", \"/lessons/\"]",
    );
    s.update(&[p]);
    assert!(s.session.diagnostics().has_errors());
    let now = snapshot(s.session.tree());
    if now != good {
        let a: std::collections::BTreeSet<_> = good.iter().map(|x| x.0.clone()).collect();
        let b: std::collections::BTreeSet<_> = now.iter().map(|x| x.0.clone()).collect();
        let lost: Vec<_> = a.difference(&b).take(8).collect();
        let extra: Vec<_> = b.difference(&a).take(8).collect();
        panic!(
            "the last good tree was not kept: lost {} paths {lost:?}, gained {extra:?}",
            a.difference(&b).count()
        );
    }
}

// Brief's candidate areas (expected to pass; kept as regression cases).

#[test]
fn review_module_weight_reorders_course() {
    let mut s = sample();
    let p = s.edit(
        "content/training/pmo-foundations/01-roles.md",
        "weight: 1\n",
        "weight: 9\n",
    );
    s.update(&[p]);
    s.assert_clean();
}

#[test]
fn review_summary_and_date_and_category_change() {
    let mut s = sample();
    let p = s.edit(LESSON, "date: 2026-09-29", "date: 2025-01-02");
    s.update(&[p]);
    s.assert_clean();
    let p = s.edit(LESSON, "category: vendor", "category: governance");
    s.update(&[p]);
    s.assert_clean();
    let p = s.edit(LESSON, "summary: Our telephony", "summary: The telephony");
    s.update(&[p]);
    s.assert_clean();
}

#[test]
fn review_project_hidden_and_renamed() {
    let mut s = sample();
    let f = "data/projects/contact-centre-cloud.yaml";
    let text = std::fs::read_to_string(s.root.join(f)).unwrap();
    let p = s.write(f, &format!("audience: restricted\n{text}"));
    s.update(&[p]);
    s.assert_clean();
    let p = s.write(f, &text);
    s.update(&[p]);
    s.assert_clean();
}

#[test]
fn review_lesson_project_and_slug_and_draft() {
    let mut s = sample();
    let p = s.edit(
        LESSON,
        "project: contact-centre-cloud",
        "project: apollo-crm",
    );
    s.update(&[p]);
    s.assert_clean();
    let p = s.edit(LESSON, "title: ", "slug: exit-clauses\ntitle: ");
    s.update(&[p]);
    s.assert_clean();
    let p = s.edit(LESSON, "title: ", "draft: true\ntitle: ");
    s.update(&[p]);
    s.assert_clean();
}

#[test]
fn review_tag_rename_removes_term() {
    let mut s = sample();
    let p = s.edit(
        LESSON,
        "tags: [vendor, contracts, telephony]",
        "tags: [vendor, contracts, Telephony-2]",
    );
    s.update(&[p]);
    s.assert_clean();
}

#[test]
fn review_error_then_good_edit() {
    let mut s = sample();
    let p = s.edit(
        LESSON,
        "project: contact-centre-cloud",
        "project: no-such-project",
    );
    s.update(&[p]);
    s.assert_clean();
    let p = s.edit(LESSON, "project: no-such-project", "project: apollo-crm");
    s.update(&[p]);
    s.assert_clean();
}
