//! folio never destroys, mixes or publishes what it does not own: outputs
//! that overlap the sources or hold other files are refused with every file
//! left byte-identical, links out of the site are not followed, builds of
//! one output never interleave, and a kill at any instant leaves the old or
//! the new complete site.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::*;

/// Every file under `dir` (the site and anything beside it), or empty if absent.
fn files_under(dir: &Path) -> Vec<(String, Vec<u8>)> {
    if dir.is_dir() {
        snapshot(dir)
    } else {
        Vec::new()
    }
}

/// `folio build --root root --output out`; asserts exit 2 with `needle` and a
/// message naming `out`, and that nothing under `watch` changed.
fn assert_refused(root: &Path, out: &Path, watch: &Path, needle: &str) {
    let before = files_under(watch);
    let res = build(root, out, &[]);
    let err = stderr(&res);
    assert_eq!(res.status.code(), Some(2), "exit code; stderr:\n{err}");
    assert!(err.contains(needle), "expected `{needle}` in:\n{err}");
    assert!(err.contains("--output"), "expected what to do in:\n{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(files_under(watch), before, "files must be untouched");
}

#[test]
fn a_folder_of_unrelated_files_is_refused_and_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    fixture_site(&site);
    let share = tmp.path().join("share");
    write_files(
        &share,
        &[
            ("budget.xlsx", "numbers"),
            (".hidden", "dot"),
            ("notes/todo.md", "x"),
        ],
    );
    assert_refused(&site, &share, tmp.path(), "folio did not make it");
}

#[test]
fn outputs_overlapping_the_sources_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    fixture_site(&site);
    write_files(
        &site,
        &[
            ("themes/mine/templates/.keep", ""),
            ("static/logo.txt", "logo"),
        ],
    );
    for (out, needle) in [
        (site.join("content"), "inside the site's `content/`"),
        (site.join("data"), "inside the site's `data/`"),
        (site.join("data/projects"), "inside the site's `data/`"),
        (site.join("themes"), "inside the site's `themes/`"),
        (site.join("static/public"), "inside the site's `static/`"),
        (site.join("templates"), "inside the site's `templates/`"),
        (site.clone(), "the site's own folder"),
        (tmp.path().to_path_buf(), "contains the site"),
        (site.join("public/../data"), "inside the site's `data/`"),
    ] {
        assert_refused(&site, &out, tmp.path(), needle);
    }
}

#[test]
fn a_file_added_to_the_output_is_protected() {
    let tmp = tempfile::tempdir().unwrap();
    fixture_site(tmp.path());
    let out = tmp.path().join("public");
    build_ok(tmp.path(), &out, &[]);
    std::fs::write(out.join("minutes.docx"), "board minutes").unwrap();
    assert_refused(tmp.path(), &out, tmp.path(), "minutes.docx");
}

#[test]
fn an_output_folio_made_is_replaced_and_marked() {
    let tmp = tempfile::tempdir().unwrap();
    fixture_site(tmp.path());
    let out = tmp.path().join("public");
    std::fs::create_dir(&out).unwrap();
    build_ok(tmp.path(), &out, &[]);
    let manifest = read(&out, ".folio-manifest");
    assert!(manifest.starts_with("folio-output 1\n"), "{manifest}");
    assert!(manifest.lines().any(|l| l == "index.html"), "{manifest}");
    build_ok(tmp.path(), &out, &[]);
    assert!(out.join("index.html").is_file());
}

#[cfg(unix)]
#[test]
fn links_that_leave_the_site_are_not_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    fixture_site(&site);
    let secrets = tmp.path().join("secrets");
    write_files(
        &secrets,
        &[
            ("shadow", "SECRET-SHADOW"),
            ("leak.md", "---\ntitle: SECRET-PAGE\n---\n"),
            ("en.yaml", "home: SECRET-STRING\n"),
            ("404.html", "SECRET-TEMPLATE"),
        ],
    );
    for dir in ["i18n", "templates"] {
        std::fs::create_dir_all(site.join(dir)).unwrap();
    }
    std::os::unix::fs::symlink(secrets.join("en.yaml"), site.join("i18n/en.yaml")).unwrap();
    std::os::unix::fs::symlink(secrets.join("404.html"), site.join("templates/404.html")).unwrap();
    std::fs::create_dir_all(site.join("static")).unwrap();
    std::os::unix::fs::symlink(&secrets, site.join("static/etc")).unwrap();
    std::os::unix::fs::symlink(secrets.join("leak.md"), site.join("content/leak.md")).unwrap();
    // A link that stays inside the site is fine.
    write_files(&site, &[("static/real/ok.txt", "ok")]);
    std::os::unix::fs::symlink(site.join("static/real"), site.join("static/alias")).unwrap();

    let out = tmp.path().join("out");
    let res = build(&site, &out, &[]);
    let err = stderr(&res);
    assert!(res.status.success(), "{err}");
    for link in [
        "static/etc",
        "content/leak.md",
        "i18n/en.yaml",
        "templates/404.html",
    ] {
        assert!(
            err.contains(&format!("--> {link}")) && err.contains("outside the site"),
            "expected a warning naming {link} in:\n{err}"
        );
    }
    assert!(err.contains("hint:"), "{err}");
    for (path, bytes) in snapshot(&out) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("SECRET"),
            "{path} leaks a file outside the site"
        );
    }
    assert!(out.join("alias/ok.txt").is_file());

    // An error with --strict and in `folio check`; the output stays as it was.
    let before = snapshot(&out);
    let strict = build(&site, &out, &["--strict"]);
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
    assert_eq!(snapshot(&out), before);
    let check = folio(&["check", "--root", site.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    assert!(stderr(&check).contains("error[link-outside-site]"));
}

#[cfg(unix)]
#[test]
fn the_output_is_never_read_back_through_a_link() {
    let tmp = tempfile::tempdir().unwrap();
    fixture_site(tmp.path());
    let out = tmp.path().join("public");
    std::fs::create_dir_all(tmp.path().join("static")).unwrap();
    std::os::unix::fs::symlink("../public", tmp.path().join("static/mirror")).unwrap();
    build_ok(tmp.path(), &out, &[]);
    let first = snapshot(&out).len();
    let res = build(tmp.path(), &out, &[]);
    let err = stderr(&res);
    assert!(res.status.success(), "{err}");
    assert!(
        err.contains("warning[output-as-input]") && err.contains("--> static/mirror"),
        "{err}"
    );
    build_ok(tmp.path(), &out, &[]);
    assert_eq!(snapshot(&out).len(), first, "the output must not grow");
    assert!(!out.join("mirror").exists());
}

#[test]
fn init_where_a_folder_is_a_file_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    write_files(tmp.path(), &[("content", "a file, not a folder")]);
    let before = snapshot(tmp.path());
    let res = folio(&["init", tmp.path().to_str().unwrap()]);
    let err = stderr(&res);
    assert_eq!(res.status.code(), Some(2), "{err}");
    assert!(err.contains("a file where a folder goes"), "{err}");
    assert_eq!(snapshot(tmp.path()), before);
}

#[test]
fn init_into_a_clashing_folder_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    write_files(
        tmp.path(),
        &[
            ("data/people.yaml", "- { id: me, name: Me }\n"),
            ("notes.txt", "x"),
        ],
    );
    let before = snapshot(tmp.path());
    let res = folio(&["init", tmp.path().to_str().unwrap()]);
    let err = stderr(&res);
    assert_eq!(res.status.code(), Some(2), "{err}");
    assert!(
        err.contains("people.yaml") && err.contains("nothing was written"),
        "{err}"
    );
    assert_eq!(snapshot(tmp.path()), before);
    // A folder without clashes gets the whole site.
    let fresh = tmp.path().join("fresh");
    write_files(&fresh, &[("README.txt", "mine")]);
    let res = folio(&["init", fresh.to_str().unwrap()]);
    assert!(res.status.success(), "{}", stderr(&res));
    assert!(fresh.join("folio.yaml").is_file());
    assert_eq!(read(&fresh, "README.txt"), "mine");
}

/// The fixture as two versions: `b` changes a page and adds and removes files.
fn two_versions(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let a = dir.join("a");
    let b = dir.join("b");
    fixture_site(&a);
    fixture_site(&b);
    write_files(
        &b,
        &[
            (
                "content/_index.md",
                "---\ntitle: Version B\n---\nChanged.\n",
            ),
            (
                "content/lessons/new.md",
                "---\ntitle: New lesson\n---\nNew.\n",
            ),
        ],
    );
    std::fs::remove_file(b.join("content/cases/crm.md")).unwrap();
    write_files(
        &b,
        &[(
            "content/lessons/vendor-exit.md",
            "---\ntitle: Vendor exit\n---\nNo links now.\n",
        )],
    );
    (a, b)
}

fn spawn_build(root: &Path, out: &Path) -> std::process::Child {
    Command::new(FOLIO)
        .args([
            "build",
            "--quiet",
            "--root",
            root.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("folio starts")
}

#[test]
fn two_builds_at_once_never_publish_a_partial_site() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = two_versions(tmp.path());
    let (ref_a, ref_b) = (tmp.path().join("ref-a"), tmp.path().join("ref-b"));
    build_ok(&a, &ref_a, &[]);
    build_ok(&b, &ref_b, &[]);
    let (snap_a, snap_b) = (snapshot(&ref_a), snapshot(&ref_b));
    let out = tmp.path().join("public");
    for round in 0..12 {
        let (first, second) = if round % 2 == 0 { (&a, &b) } else { (&b, &a) };
        let one = spawn_build(first, &out);
        let two = spawn_build(second, &out);
        for child in [one, two] {
            let res = child.wait_with_output().unwrap();
            assert!(res.status.success(), "round {round}: {}", stderr(&res));
        }
        let got = snapshot(&out);
        assert!(
            got == snap_a || got == snap_b,
            "round {round}: the published site is neither version"
        );
    }
}

/// A tiny deterministic PRNG so a failing instant can be reproduced.
fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[cfg(unix)]
#[test]
fn a_kill_at_any_instant_leaves_the_old_or_the_new_site() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = two_versions(tmp.path());
    let (ref_a, ref_b) = (tmp.path().join("ref-a"), tmp.path().join("ref-b"));
    build_ok(&a, &ref_a, &[]);
    build_ok(&b, &ref_b, &[]);
    let (snap_a, snap_b) = (snapshot(&ref_a), snapshot(&ref_b));
    let out = tmp.path().join("public");
    build_ok(&a, &out, &[]);
    // How long one build takes here, so kills spread over all of it.
    let started = Instant::now();
    build_ok(&b, &out, &[]);
    let span = started.elapsed().as_micros().max(1_000) as u64;
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let mut kills = 0;
    for round in 0..40 {
        let next = if round % 2 == 0 { &a } else { &b };
        let mut child = spawn_build(next, &out);
        let wait = xorshift(&mut seed) % (span + span / 4);
        std::thread::sleep(Duration::from_micros(wait));
        if child.try_wait().unwrap().is_none() {
            kills += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
        let got = snapshot(&out);
        assert!(
            got == snap_a || got == snap_b,
            "round {round}: killed after {wait} µs, the output is neither the old nor the new site"
        );
        // The next build repairs whatever the kill left and publishes.
        build_ok(next, &out, &[]);
        assert!(
            snapshot(&out)
                == if round % 2 == 0 {
                    snap_a.clone()
                } else {
                    snap_b.clone()
                }
        );
    }
    assert!(kills > 0, "no build was killed while running");
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".folio-new") || n.ends_with(".folio-old"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
