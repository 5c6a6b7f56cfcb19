//! `folio new KIND TITLE`: write a page (or project file) with front matter
//! filled in, refuse to overwrite, and print the path.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::cli::NewKind;
use crate::error::Error;
use crate::model::slugify;

/// Creates the file and returns its path.
pub fn run(
    root: &Path,
    kind: NewKind,
    title: &str,
    course: Option<&str>,
    today: Date,
) -> Result<PathBuf, Error> {
    if !root.join(crate::config::CONFIG_FILE).exists() {
        return Err(Error::Usage(format!(
            "no folio.yaml in {}; pass --root or run `folio init`",
            root.display()
        )));
    }
    let slug = slugify(title);
    let quoted = serde_json::to_string(title).unwrap_or_else(|_| format!("\"{title}\""));
    let (path, text) = match kind {
        NewKind::Lesson => (
            root.join("content/lessons").join(format!("{slug}.md")),
            format!(
                "---\ntitle: {quoted}\ndate: {today}\nproject: \nphase: execution\ncategory: \noutcome: positive\nimpact: \nrecommendation: \ntags: []\n---\n## What happened\n\n## Why\n\n## What we would do again / differently\n"
            ),
        ),
        NewKind::Case => (
            root.join("content/cases").join(format!("{slug}.md")),
            format!(
                "---\ntitle: {quoted}\ndate: {today}\noutcome: success\nprojects: []\nmethodology: hybrid\nindustry: \ntags: []\n---\n## Context\n\n## Timeline\n\n| Date | Event |\n|---|---|\n\n## What made the difference\n"
            ),
        ),
        NewKind::Course => (
            root.join("content/training").join(&slug).join("_index.md"),
            format!(
                "---\ntitle: {quoted}\nlevel: beginner\nduration: \"2 hours\"\nlearners: Project managers\nprerequisites: []\n---\nWhat this course covers.\n"
            ),
        ),
        NewKind::Module => {
            let Some(course) = course else {
                return Err(Error::Usage(
                    "a module belongs to a course: pass --course <folder under content/training/>"
                        .into(),
                ));
            };
            let dir = root.join("content/training").join(course);
            if !dir.is_dir() {
                return Err(Error::Usage(format!(
                    "no course folder {}; create it with `folio new course`",
                    dir.display()
                )));
            }
            let weight = std::fs::read_dir(&dir)
                .map(|r| {
                    r.filter_map(Result::ok)
                        .filter(|e| e.file_name() != "_index.md")
                        .count()
                        + 1
                })
                .unwrap_or(1);
            (
                dir.join(format!("{weight:02}-{slug}.md")),
                format!(
                    "---\ntitle: {quoted}\nweight: {weight}\n---\n## Objectives\n\n## Content\n\n## Exercise\n\n- [ ] \n"
                ),
            )
        }
        NewKind::Project => {
            if !slug
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                return Err(Error::Usage(format!(
                    "project id `{title}` must be letters, digits, `-` or `_`"
                )));
            }
            (
                root.join("data/projects").join(format!("{slug}.yaml")),
                format!(
                    "name: {quoted}\nprogramme: \nmanager: \nsponsor: \nmethodology: hybrid\nphase: initiation\nsummary: \nstatus: []\nrisks: []\n"
                ),
            )
        }
    };
    if path.exists() {
        return Err(Error::Usage(format!(
            "{} already exists; not overwriting it",
            path.display()
        )));
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| Error::io(format!("creating {}", parent.display()), e))?;
    }
    std::fs::write(&path, text).map_err(|e| Error::io(format!("writing {}", path.display()), e))?;
    Ok(path)
}
