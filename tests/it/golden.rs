//! The golden manifest: both sample sites and a generated site are compiled
//! in memory and every output path's hash is compared with the committed
//! `tests/golden/manifest.txt`. A change that alters the output lists what
//! it changed; when the change is meant, rewrite the manifest with
//! `FOLIO_BLESS=1 cargo test --test it golden` and commit it with the change.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use folio::build::compile;

use crate::gensite::generate;
use crate::support::{options, repo_root};

/// FNV-1a, 64 bits: stable across Rust releases and machines, unlike std's hasher.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// `site path` → hash of every output file of the site at `root`.
fn manifest_of(name: &str, root: &Path, into: &mut BTreeMap<String, u64>) {
    let compiled = compile(&options(root)).expect("the site compiles");
    assert!(
        !compiled.diagnostics.has_errors(),
        "{name}: {:?}",
        compiled.diagnostics.0
    );
    for path in compiled.tree.paths() {
        let bytes = compiled.tree.get(path).expect("a listed file has bytes");
        into.insert(format!("{name} {path}"), fnv1a(&bytes));
    }
}

#[test]
fn golden_manifest_matches_the_output() {
    let mut got = BTreeMap::new();
    manifest_of("sample", &repo_root(), &mut got);
    manifest_of("zh-cn", &repo_root().join("examples/zh-cn"), &mut got);
    let tmp = tempfile::tempdir().unwrap();
    let site = generate::generate(&generate::Options {
        pages: 300,
        projects: 20,
        seed: 11,
    });
    generate::write_folio(&site, tmp.path()).unwrap();
    manifest_of("generated", tmp.path(), &mut got);

    let mut text = String::new();
    for (key, hash) in &got {
        let _ = writeln!(text, "{key} {hash:016x}");
    }
    let file = repo_root().join("tests/golden/manifest.txt");
    if std::env::var_os("FOLIO_BLESS").is_some() {
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, &text).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&file).expect("tests/golden/manifest.txt is committed");
    if want == text {
        return;
    }
    let want: BTreeMap<&str, &str> = want.lines().filter_map(|l| l.rsplit_once(' ')).collect();
    let text_lines: BTreeMap<&str, &str> =
        text.lines().filter_map(|l| l.rsplit_once(' ')).collect();
    let mut diffs = Vec::new();
    for (k, v) in &text_lines {
        match want.get(k) {
            None => diffs.push(format!("added    {k}")),
            Some(w) if w != v => diffs.push(format!("changed  {k}")),
            _ => {}
        }
    }
    for k in want.keys().filter(|k| !text_lines.contains_key(*k)) {
        diffs.push(format!("removed  {k}"));
    }
    let n = diffs.len();
    diffs.truncate(40);
    panic!(
        "the output differs from tests/golden/manifest.txt in {n} file(s):\n{}\n\
         if this is intended, run `FOLIO_BLESS=1 cargo test --test it golden` and commit the manifest",
        diffs.join("\n")
    );
}
