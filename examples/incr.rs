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
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use folio::build::BuildOptions;
use folio::incremental::Session;

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

/// One kind of edit: its row label and the function that makes it (run
/// number → the file written).
type EditFn = fn(&Path, usize) -> Result<PathBuf, String>;

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
    let edits: [(&str, EditFn); 3] = [
        ("lesson body edit", edit_lesson_body),
        ("lesson title edit", edit_lesson_title),
        ("project status edit", edit_project_status),
    ];
    let mut rows = Vec::new();
    for (label, edit) in edits {
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

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Every file under `root/dir` whose name ends in `ext`, sorted.
fn files(root: &Path, dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.join(dir)];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.to_string_lossy().ends_with(ext) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// A lesson for run `run`: a different one each run, the same for every edit kind.
fn lesson(root: &Path, run: usize) -> Result<PathBuf, String> {
    let lessons: Vec<PathBuf> = files(root, "content/lessons", ".md")
        .into_iter()
        .filter(|p| !p.ends_with("_index.md"))
        .collect();
    if lessons.is_empty() {
        return Err(format!(
            "no lessons under {}/content/lessons",
            root.display()
        ));
    }
    Ok(lessons[(run * 7919) % lessons.len()].clone())
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn edit_lesson_body(root: &Path, run: usize) -> Result<PathBuf, String> {
    let path = lesson(root, run)?;
    let mut text = read(&path)?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let _ = write!(
        text,
        "\nBenchmark run {run} adds one more sentence to this lesson.\n"
    );
    write(&path, &text)?;
    Ok(path)
}

fn edit_lesson_title(root: &Path, run: usize) -> Result<PathBuf, String> {
    let path = lesson(root, run)?;
    let text = read(&path)?;
    let Some(start) = text.find("\ntitle: ") else {
        return Err(format!("{}: no `title:` line", path.display()));
    };
    let end = text[start + 1..]
        .find('\n')
        .map_or(text.len(), |e| start + 1 + e);
    let text = format!(
        "{}\ntitle: \"Benchmark title, run {run}\"{}",
        &text[..start],
        &text[end..]
    );
    write(&path, &text)?;
    Ok(path)
}

/// Sets the RAG and the summary of the last entry of `status:` in a
/// project file as `examples/gensite` writes it (one flow mapping a line).
fn edit_project_status(root: &Path, run: usize) -> Result<PathBuf, String> {
    let projects = files(root, "data/projects", ".yaml");
    if projects.is_empty() {
        return Err(format!(
            "no projects under {}/data/projects",
            root.display()
        ));
    }
    let path = projects[(run * 31) % projects.len()].clone();
    let text = read(&path)?;
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let at = lines
        .iter()
        .position(|l| l == "status:")
        .ok_or_else(|| format!("{}: no `status:` list", path.display()))?;
    let last = (at + 1..lines.len())
        .take_while(|&i| lines[i].starts_with("  - {"))
        .last()
        .ok_or_else(|| format!("{}: an empty `status:` list", path.display()))?;
    let line = &lines[last];
    let (Some(rag), Some(summary)) = (line.find("rag: "), line.find("summary: ")) else {
        return Err(format!(
            "{}:{}: a status without rag or summary",
            path.display(),
            last + 1
        ));
    };
    let rag_end = rag + 5 + line[rag + 5..].find(',').unwrap_or(0);
    let new_rag = ["green", "amber", "red"][run % 3];
    lines[last] = format!(
        "{}rag: {new_rag}{}summary: \"Benchmark status, run {run}.\" }}",
        &line[..rag],
        &line[rag_end..summary]
    );
    write(&path, &(lines.join("\n") + "\n"))?;
    Ok(path)
}
