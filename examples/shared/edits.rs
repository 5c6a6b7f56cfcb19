//! The edits `bench/run` (examples/incr) and `bench/serve`
//! (examples/servebench) make to a site written by `examples/gensite`: each
//! writes one file and says which page must show which new text.

// Each example that includes this file uses part of it.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// One kind of edit: the function that makes it (site root, run number →
/// the file written).
pub type EditFn = fn(&Path, usize) -> Result<PathBuf, String>;

pub fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Every file under `root/dir` whose name ends in `ext`, sorted.
pub fn files(root: &Path, dir: &str, ext: &str) -> Vec<PathBuf> {
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
pub fn lesson(root: &Path, run: usize) -> Result<PathBuf, String> {
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

pub fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

pub fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

pub fn edit_lesson_body(root: &Path, run: usize) -> Result<PathBuf, String> {
    let path = lesson(root, run)?;
    let mut text = read(&path)?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let _ = write!(text, "\n{}\n", lesson_body_text(run));
    write(&path, &text)?;
    Ok(path)
}

pub fn edit_lesson_title(root: &Path, run: usize) -> Result<PathBuf, String> {
    let path = lesson(root, run)?;
    let text = read(&path)?;
    let Some(start) = text.find("\ntitle: ") else {
        return Err(format!("{}: no `title:` line", path.display()));
    };
    let end = text[start + 1..]
        .find('\n')
        .map_or(text.len(), |e| start + 1 + e);
    let text = format!(
        "{}\ntitle: \"{}\"{}",
        &text[..start],
        lesson_title_text(run),
        &text[end..]
    );
    write(&path, &text)?;
    Ok(path)
}

/// A project for run `run`: a different one each run.
pub fn project(root: &Path, run: usize) -> Result<PathBuf, String> {
    let projects = files(root, "data/projects", ".yaml");
    if projects.is_empty() {
        return Err(format!(
            "no projects under {}/data/projects",
            root.display()
        ));
    }
    Ok(projects[(run * 31) % projects.len()].clone())
}

/// Sets the RAG and the summary of the last entry of `status:` in a
/// project file as `examples/gensite` writes it (one flow mapping a line).
pub fn edit_project_status(root: &Path, run: usize) -> Result<PathBuf, String> {
    let path = project(root, run)?;
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
        "{}rag: {new_rag}{}summary: \"{}\" }}",
        &line[..rag],
        &line[rag_end..summary],
        project_status_text(run)
    );
    write(&path, &(lines.join("\n") + "\n"))?;
    Ok(path)
}

/// The text a run of each edit puts on its page (what a preview must show).
pub fn lesson_body_text(run: usize) -> String {
    format!("Benchmark run {run} adds one more sentence to this lesson.")
}

pub fn lesson_title_text(run: usize) -> String {
    format!("Benchmark title, run {run}")
}

pub fn project_status_text(run: usize) -> String {
    format!("Benchmark status, run {run}.")
}

/// The text run `run` of an edit puts on its page.
pub type TextFn = fn(usize) -> String;

/// Every edit: its label, the edit, and the text it shows.
pub const EDITS: [(&str, EditFn, TextFn); 3] = [
    ("lesson body edit", edit_lesson_body, lesson_body_text),
    ("lesson title edit", edit_lesson_title, lesson_title_text),
    (
        "project status edit",
        edit_project_status,
        project_status_text,
    ),
];

/// The URL path of the page a source file makes: `content/lessons/a.md` →
/// `/lessons/a/`, `data/projects/p.yaml` → `/projects/p/`.
pub fn page_url(root: &Path, file: &Path) -> Result<String, String> {
    let rel = file
        .strip_prefix(root)
        .map_err(|_| format!("{} is outside {}", file.display(), root.display()))?
        .to_string_lossy()
        .replace('\\', "/");
    if let Some(page) = rel
        .strip_prefix("content/")
        .and_then(|r| r.strip_suffix(".md"))
    {
        return Ok(format!("/{page}/"));
    }
    if let Some(id) = rel
        .strip_prefix("data/projects/")
        .and_then(|r| r.strip_suffix(".yaml"))
    {
        return Ok(format!("/projects/{id}/"));
    }
    Err(format!("no page for {rel}"))
}
