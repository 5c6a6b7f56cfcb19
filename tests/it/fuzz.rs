//! A fixed-seed share of the fuzz campaign (`bench/fuzz`, engine in
//! `examples/fuzz/engine.rs`) and a replay of every saved regression input:
//! damaged front matter, project YAML, people CSV/YAML, programmes,
//! folio.yaml and Markdown must give diagnostics, never a panic or a hang.

use std::time::Duration;

use crate::support::repo_root;

#[allow(dead_code)]
#[path = "../../examples/fuzz/engine.rs"]
mod engine;

/// Debug builds are slow; a second per input is for release.
const LIMIT: Duration = Duration::from_secs(5);

fn fail(what: &str, findings: &[engine::Finding]) -> ! {
    let list: Vec<String> = findings.iter().map(ToString::to_string).collect();
    panic!("{what}: {} findings\n{}", findings.len(), list.join("\n"));
}

#[test]
fn fixed_seed_share_never_panics() {
    let root = repo_root();
    let corpus = engine::Corpus::load(&root, &root.join("tests/fuzz-regressions"));
    let report = engine::campaign(
        &corpus,
        &engine::Options {
            inputs: 3_500,
            seed: 0x5EED,
            limit: LIMIT,
            targets: engine::TARGETS.to_vec(),
            save_to: None,
            hang: Duration::from_secs(60),
            progress: 0,
        },
    );
    assert_eq!(report.inputs, 3_500);
    if !report.findings.is_empty() {
        fail("fuzz share with seed 0x5EED", &report.findings);
    }
}

#[test]
fn saved_regressions_never_panic() {
    let dir = repo_root().join("tests/fuzz-regressions");
    assert!(dir.is_dir(), "{} is missing", dir.display());
    let (count, findings) = engine::replay(&dir, LIMIT).unwrap();
    if !findings.is_empty() {
        fail(&format!("{count} saved regressions"), &findings);
    }
}

#[test]
fn the_engine_catches_a_panic() {
    // A finding must fail the test, not vanish in catch_unwind.
    let got = std::panic::catch_unwind(|| engine::check_fn(|| panic!("boom"), LIMIT));
    assert!(
        matches!(got, Ok(Some(ref w)) if w.contains("boom")),
        "{got:?}"
    );
}
