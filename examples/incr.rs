//! Times `folio::incremental::Session::update` on a generated site
//! (`examples/gensite`), for `bench/run`:
//!
//! ```sh
//! cargo run --release --example incr -- --site /dev/shm/site --runs 5 [--label "incremental, 10k pages"] [--no-header]
//! ```
//!
//! Starts a session on the site, then `--runs` times each: appends a
//! sentence to a lesson's body, sets a lesson's title, and sets the RAG and
//! summary of a project's latest status report. Each edit writes the file
//! (untimed) and then times `session.update(&[path])` alone: the update in
//! memory, with no file watching and nothing written to disk. The site's
//! files are edited in place (each run adds its number, so every edit is a
//! real change); use a copy. Prints a Markdown table: median, min and max
//! milliseconds, and the median count of outputs rendered again and changed.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use folio::build::BuildOptions;
use folio::incremental::Session;

#[path = "shared/edits.rs"]
mod edits;
use edits::{EDITS, median};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("incr: {e}");
            ExitCode::from(2)
        }
    }
}

struct Args {
    site: PathBuf,
    runs: usize,
    label: Option<String>,
    header: bool,
}

fn args() -> Result<Args, String> {
    let mut out = Args {
        site: PathBuf::new(),
        runs: 5,
        label: None,
        header: true,
    };
    let mut site = None;
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--site" => site = Some(PathBuf::from(value()?)),
            "--runs" => {
                let v = value()?;
                out.runs = v.parse().map_err(|_| format!("`{v}` is not a number"))?;
            }
            "--label" => out.label = Some(value()?),
            "--no-header" => out.header = false,
            "-h" | "--help" => {
                println!("usage: incr --site DIR [--runs N] [--label TEXT] [--no-header]");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument `{other}` (try --help)")),
        }
    }
    out.site = site.ok_or("--site DIR is required")?;
    if out.runs == 0 {
        return Err("--runs must be at least 1".into());
    }
    Ok(out)
}

fn run() -> Result<(), String> {
    let args = args()?;
    let opts = BuildOptions {
        root: args.site.clone(),
        base_url: None,
        as_of: None,
        today: folio::cmd::today(),
        audience: None,
        drafts: false,
    };
    let t = Instant::now();
    let mut session = Session::start(opts).map_err(|e| e.to_string())?;
    if session.diagnostics().has_errors() {
        return Err(format!(
            "{} does not build: {} error(s)",
            args.site.display(),
            session.diagnostics().error_count()
        ));
    }
    eprintln!(
        "incr: session started on {} in {:.0} ms ({} outputs)",
        args.site.display(),
        t.elapsed().as_secs_f64() * 1e3,
        session.tree().len()
    );
    let mut rows = Vec::new();
    for (label, edit, _) in EDITS {
        let (mut ms, mut rendered, mut changed) = (Vec::new(), Vec::new(), Vec::new());
        for run in 1..=args.runs {
            let path = edit(&args.site, run)?;
            let t = Instant::now();
            let update = session
                .update(std::slice::from_ref(&path))
                .map_err(|e| e.to_string())?;
            ms.push(t.elapsed().as_secs_f64() * 1e3);
            if session.diagnostics().has_errors() {
                return Err(format!(
                    "{label}, run {run}: the edit of {} left errors",
                    path.display()
                ));
            }
            if update.changed.is_empty() {
                return Err(format!(
                    "{label}, run {run}: the edit of {} changed no output",
                    path.display()
                ));
            }
            rendered.push(update.rendered as f64);
            changed.push(update.changed.len() as f64);
        }
        let name = match &args.label {
            Some(l) => format!("{l}: {label}"),
            None => label.to_string(),
        };
        let (min, max) = (
            ms.iter().copied().fold(f64::INFINITY, f64::min),
            ms.iter().copied().fold(0.0, f64::max),
        );
        rows.push(format!(
            "| {name} | {:.1} | {min:.1} | {max:.1} | {:.0} | {:.0} |",
            median(&mut ms),
            median(&mut rendered),
            median(&mut changed)
        ));
    }
    let mut out = String::new();
    if args.header {
        out.push_str(
            "| edit | median ms | min ms | max ms | outputs re-rendered | outputs changed |\n",
        );
        out.push_str("| --- | ---: | ---: | ---: | ---: | ---: |\n");
    }
    for row in rows {
        let _ = writeln!(out, "{row}");
    }
    print!("{out}");
    Ok(())
}
