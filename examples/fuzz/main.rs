//! Mutation fuzzing of folio's parsers of user input (`bench/fuzz` runs it):
//!
//! ```sh
//! cargo run --release --example fuzz -- --inputs 1000000 --seed 1 --timeout-ms 1000 [--target page] [--save tests/fuzz-regressions]
//! ```
//!
//! Prints inputs/s, total time and findings (panics, inputs slower than the
//! timeout); findings are saved under `--save` (default
//! `tests/fuzz-regressions`), which `tests/it/fuzz.rs` replays. Exit code 1
//! when there were findings, 3 on a hang.

#[allow(dead_code)] // replay is for the test suite
mod engine;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

fn main() -> ExitCode {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut opts = engine::Options {
        inputs: 1_000_000,
        seed: 1,
        limit: Duration::from_millis(1000),
        targets: engine::TARGETS.to_vec(),
        save_to: Some(root.join("tests/fuzz-regressions")),
        hang: Duration::from_secs(30),
        progress: 100_000,
    };
    let mut args = std::env::args().skip(1);
    let mut only = Vec::new();
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_default();
        match a.as_str() {
            "--inputs" => opts.inputs = value().parse().expect("--inputs N"),
            "--seed" => opts.seed = value().parse().expect("--seed N"),
            "--timeout-ms" => {
                opts.limit = Duration::from_millis(value().parse().expect("--timeout-ms N"))
            }
            "--target" => only.push(engine::Target::from_name(&value()).expect(
                "--target: page, markdown, project, people-csv, people-yaml, programmes, config",
            )),
            "--save" => opts.save_to = Some(PathBuf::from(value())),
            "--no-save" => opts.save_to = None,
            _ => {
                eprintln!("fuzz: unknown argument {a} (see examples/fuzz/main.rs)");
                return ExitCode::from(2);
            }
        }
    }
    if !only.is_empty() {
        opts.targets = only;
    }
    opts.hang = opts.hang.max(opts.limit * 10);
    engine::install_quiet_panic_hook();
    let corpus = engine::Corpus::load(&root, &root.join("tests/fuzz-regressions"));
    for t in &opts.targets {
        eprintln!("fuzz: {} seeds for {}", corpus.seeds(*t), t.name());
    }
    let r = engine::campaign(&corpus, &opts);
    let secs = r.elapsed.as_secs_f64();
    println!(
        "fuzz: {} inputs in {secs:.1} s ({:.0} inputs/s, {} threads), seed {}, slowest {} ms ({} input {})",
        r.inputs,
        r.inputs as f64 / secs,
        rayon::current_num_threads(),
        opts.seed,
        r.slowest.0.as_millis(),
        r.slowest.1.name(),
        r.slowest.2,
    );
    println!(
        "fuzz: {} findings ({} more of the same kinds)",
        r.findings.len(),
        r.repeats
    );
    for f in &r.findings {
        println!("  {f}");
    }
    if r.findings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
