//! Helpers: a small fixture site, running the real binary, reading output.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const FOLIO: &str = env!("CARGO_BIN_EXE_folio");

/// The repository root, which is itself the sample site.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `folio` with `args`, returning its output.
pub fn folio(args: &[&str]) -> Output {
    Command::new(FOLIO).args(args).output().expect("folio runs")
}

/// Runs `folio build` on `root` into `out` with `extra` flags.
pub fn build(root: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    folio(&args)
}

/// Runs `folio build --quiet` on `root` into `out` with `extra` flags and
/// asserts it succeeded.
pub fn build_ok(root: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut flags = vec!["--quiet"];
    flags.extend_from_slice(extra);
    let res = build(root, out, &flags);
    assert!(res.status.success(), "{}", stderr(&res));
    res
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Writes `files` (path, text) under `dir`.
pub fn write_files(dir: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}

/// A small valid site: two people, one programme, one project, a lesson that links to a case.
pub fn fixture_site(dir: &Path) {
    write_files(
        dir,
        &[
            (
                "folio.yaml",
                "title: Fixture PMO\nlanguage: en\nas_of: 2026-06-30\ncurrency: EUR\n",
            ),
            (
                "content/_index.md",
                "---\ntitle: Fixture PMO\n---\nWelcome.\n",
            ),
            ("content/lessons/_index.md", "---\ntitle: Lessons\n---\n"),
            (
                "content/lessons/vendor-exit.md",
                "---\ntitle: Vendor exit\ndate: 2026-03-01\nproject: apollo\nphase: execution\ncategory: vendor\noutcome: negative\ntags: [vendor]\n---\n## What happened\n\nSee [the case](../cases/crm.md).\n",
            ),
            ("content/cases/_index.md", "---\ntitle: Cases\n---\n"),
            (
                "content/cases/crm.md",
                "---\ntitle: CRM rollout\noutcome: success\nprojects: [apollo]\nmethodology: hybrid\n---\n## Timeline\n\n| Date | Event |\n|---|---|\n| 2026-01 | Start |\n",
            ),
            (
                "data/people.yaml",
                "- { id: li.wei, name: Li Wei, role: PM }\n- { id: m.garcia, name: Maria Garcia, role: Director }\n",
            ),
            (
                "data/programmes.yaml",
                "- { id: cx, name: Customer experience, owner: m.garcia }\n",
            ),
            (
                "data/projects/apollo.yaml",
                "name: Apollo CRM\nprogramme: cx\nmanager: li.wei\nsponsor: m.garcia\nmethodology: hybrid\nphase: execution\nbaseline: { start: 2026-01-05, finish: 2026-09-30, budget: 1200000 }\nstatus:\n  - { date: 2026-05-31, rag: amber, percent_complete: 40, summary: Behind plan. }\n  - { date: 2026-06-30, rag: red, percent_complete: 45, summary: Re-planned. }\nrecovery_plan: A second build team from July.\n",
            ),
        ],
    );
}

/// Builds the fixture, applies `files` (empty content deletes the file),
/// rebuilds, and checks the failure: exit code 1, `location` (`file`,
/// `file:line` or `file:line:column`) and `needle` in stderr, a hint, no
/// panic, and the previous output byte-identical. Returns stderr.
pub fn assert_rejected_at(files: &[(&str, &[u8])], location: &str, needle: &str) -> String {
    let tmp = tempfile::tempdir().unwrap();
    fixture_site(tmp.path());
    let root = tmp.path().to_str().unwrap();
    let ok = folio(&["build", "--root", root]);
    assert!(ok.status.success(), "fixture must build: {}", stderr(&ok));
    let before = snapshot(&tmp.path().join("public"));
    for (path, bytes) in files {
        let p = tmp.path().join(path);
        if bytes.is_empty() {
            std::fs::remove_file(p).unwrap();
            continue;
        }
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    let res = folio(&["build", "--root", root]);
    let err = stderr(&res);
    assert_eq!(res.status.code(), Some(1), "exit code; stderr:\n{err}");
    let at = format!("--> {location}\n");
    assert!(
        err.contains(&at) || err.contains(&format!("--> {location}:")),
        "expected `{location}` in:\n{err}"
    );
    assert!(err.contains(needle), "expected `{needle}` in:\n{err}");
    assert!(err.contains("hint:"), "expected a hint in:\n{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(
        snapshot(&tmp.path().join("public")),
        before,
        "previous output must be untouched"
    );
    err
}

/// Reads a built file as text.
pub fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Every file under `dir`, relative, sorted, with its bytes.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir(dir)
        .into_iter()
        .map(|p| {
            (
                p.strip_prefix(dir).unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p)
            } else {
                out.push(p)
            }
        }
    }
    out
}

/// Decodes %XX escapes of an href.
pub fn percent_decode(s: &str) -> String {
    folio::markdown::percent_decode(s)
}

/// Build options for the site at `root` as the tests see it: today is 2026-10-31.
pub fn options(root: &Path) -> folio::build::BuildOptions {
    folio::build::BuildOptions {
        root: root.to_path_buf(),
        base_url: None,
        as_of: None,
        today: "2026-10-31".parse().unwrap(),
        audience: None,
        drafts: false,
    }
}

/// Copies the folder `from` to `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The sample site (the repository root) copied to `to`.
pub fn copy_sample(to: &Path) {
    let root = repo_root();
    std::fs::copy(root.join("folio.yaml"), to.join("folio.yaml")).unwrap();
    for dir in ["content", "data", "static", "themes", "templates", "i18n"] {
        if root.join(dir).is_dir() {
            copy_dir(&root.join(dir), &to.join(dir));
        }
    }
}
