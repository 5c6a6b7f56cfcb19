//! The benchmark site generator (`examples/gensite`) must keep producing a
//! site that folio builds without a single diagnostic, so it cannot rot.

use crate::support::{folio, stderr};

#[allow(dead_code)]
#[path = "../../examples/gensite/generate.rs"]
pub mod generate;

#[test]
fn generated_site_builds_without_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let opts = generate::Options {
        pages: 200,
        projects: 30,
        seed: 7,
    };
    let site = generate::generate(&opts);
    assert!(site.pages.len() >= 200);
    generate::write_folio(&site, &root).unwrap();
    let out = dir.path().join("public");
    let run = folio(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    let err = stderr(&run);
    assert!(run.status.success(), "{err}");
    // Governance findings are data quality, as in any real portfolio; no
    // other warning (broken links, collisions, …) and no error.
    let other: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("warning[") || l.starts_with("error["))
        .filter(|l| {
            let id = l.split(['[', ']']).nth(1).unwrap_or("");
            !folio::error::Rule::from_id(id).is_some_and(folio::governance::is_governance)
        })
        .collect();
    assert!(other.is_empty(), "{err}");
    assert!(
        err.contains("warning[over-allocation]"),
        "the generator's loads collide: {err}"
    );
    assert!(out.join("projects/proj-0029/index.html").is_file());
    assert!(out.join("tags/index.html").is_file());
}

#[test]
fn generator_is_deterministic() {
    let opts = generate::Options {
        pages: 60,
        projects: 5,
        seed: 3,
    };
    let (a, b) = (generate::generate(&opts), generate::generate(&opts));
    let texts = |s: &generate::Site| {
        s.pages
            .iter()
            .map(|p| format!("{}{}", generate::yaml_front(&p.front), p.body))
            .chain(s.data.iter().map(|(_, t)| t.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(texts(&a), texts(&b));
}
