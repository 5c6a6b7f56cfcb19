//! Writes a deterministic synthetic PMO site for the benchmarks (`bench/run`):
//!
//! ```sh
//! cargo run --release --example gensite -- --pages 10000 --projects 100 --out /dev/shm/site [--hugo /dev/shm/hugo-site] [--seed 1]
//! ```
//!
//! `--out` (and `--hugo`) must not exist yet, or be empty.

mod generate;
mod hugo;

use std::path::PathBuf;
use std::process::ExitCode;

use generate::{Options, generate, write_folio};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gensite: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut opts = Options {
        pages: 1000,
        projects: 100,
        seed: 1,
    };
    let mut out: Option<PathBuf> = None;
    let mut hugo_out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--pages" => opts.pages = number(&value()?)?,
            "--projects" => opts.projects = number(&value()?)?,
            "--seed" => opts.seed = number(&value()?)? as u64,
            "--out" => out = Some(PathBuf::from(value()?)),
            "--hugo" => hugo_out = Some(PathBuf::from(value()?)),
            "-h" | "--help" => {
                println!("usage: gensite --pages N --projects P --out DIR [--hugo DIR] [--seed S]");
                return Ok(());
            }
            other => return Err(format!("unknown argument `{other}` (try --help)")),
        }
    }
    let out = out.ok_or("--out DIR is required")?;
    for dir in std::iter::once(&out).chain(hugo_out.iter()) {
        if dir.exists()
            && std::fs::read_dir(dir)
                .map_err(|e| e.to_string())?
                .next()
                .is_some()
        {
            return Err(format!("{} exists and is not empty", dir.display()));
        }
    }
    let site = generate(&opts);
    let bytes = write_folio(&site, &out).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!(
        "wrote {} pages ({:.1} MB of Markdown) and {} projects to {}",
        site.pages.len(),
        bytes as f64 / 1e6,
        opts.projects,
        out.display()
    );
    if let Some(h) = hugo_out {
        let bytes = hugo::write_hugo(&site, &h).map_err(|e| format!("{}: {e}", h.display()))?;
        eprintln!(
            "wrote the same {} pages ({:.1} MB) as a Hugo site to {}",
            site.pages.len(),
            bytes as f64 / 1e6,
            h.display()
        );
    }
    Ok(())
}

fn number(s: &str) -> Result<usize, String> {
    s.replace('_', "")
        .parse()
        .map_err(|_| format!("`{s}` is not a number"))
}
