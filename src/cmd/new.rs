//! `folio new KIND TITLE`: write a page (or project file) with front matter
//! filled in, refuse to overwrite, and print the path.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::cli::NewKind;
use crate::error::Error;
use crate::model::slugify;

/// The headings and placeholder text a new page starts with, per language.
struct Headings {
    lesson: [&'static str; 3],
    /// Context, timeline, its two columns, what made the difference.
    case: [&'static str; 5],
    /// Learners, the course's opening line.
    course: [&'static str; 2],
    module: [&'static str; 3],
}

const EN: Headings = Headings {
    lesson: [
        "What happened",
        "Why",
        "What we would do again / differently",
    ],
    case: [
        "Context",
        "Timeline",
        "Date",
        "Event",
        "What made the difference",
    ],
    course: ["Project managers", "What this course covers."],
    module: ["Objectives", "Content", "Exercise"],
};

const ZH: Headings = Headings {
    lesson: ["发生了什么", "原因", "下次继续做的与改进的"],
    case: ["背景", "时间线", "日期", "事件", "成败的关键"],
    course: ["项目经理", "本课程的内容。"],
    module: ["学习目标", "内容", "练习"],
};

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
    // The headings are in the site's language; a folio.yaml that does not
    // read is reported by the build, not here.
    let zh =
        crate::source::read_config(root).is_ok_and(|c| c.language == crate::config::Language::ZhCn);
    let h = if zh { &ZH } else { &EN };
    let slug = slugify(title);
    let quoted = serde_json::to_string(title).unwrap_or_else(|_| format!("\"{title}\""));
    let (path, text) = match kind {
        NewKind::Lesson => (
            root.join("content/lessons").join(format!("{slug}.md")),
            format!(
                "---\ntitle: {quoted}\ndate: {today}\nproject: \nphase: execution\ncategory: \noutcome: positive\nimpact: \nrecommendation: \ntags: []\n---\n## {}\n\n## {}\n\n## {}\n",
                h.lesson[0], h.lesson[1], h.lesson[2]
            ),
        ),
        NewKind::Case => (
            root.join("content/cases").join(format!("{slug}.md")),
            format!(
                "---\ntitle: {quoted}\ndate: {today}\noutcome: success\nprojects: []\nmethodology: hybrid\nindustry: \ntags: []\n---\n## {}\n\n## {}\n\n| {} | {} |\n|---|---|\n\n## {}\n",
                h.case[0], h.case[1], h.case[2], h.case[3], h.case[4]
            ),
        ),
        NewKind::Course => (
            root.join("content/training").join(&slug).join("_index.md"),
            format!(
                "---\ntitle: {quoted}\nlevel: beginner\nduration: \"2 hours\"\nlearners: {}\nprerequisites: []\n---\n{}\n",
                h.course[0], h.course[1]
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
                    "---\ntitle: {quoted}\nweight: {weight}\n---\n## {}\n\n## {}\n\n## {}\n\n- [ ] \n",
                    h.module[0], h.module[1], h.module[2]
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
