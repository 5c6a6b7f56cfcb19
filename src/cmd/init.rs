//! `folio init DIR`: scaffold a small site that builds at once.

use std::path::{Path, PathBuf};

use crate::error::Error;

const EN: &[(&str, &str)] = &[
    (
        "folio.yaml",
        "title: My PMO\nlanguage: en\ncurrency: EUR\naudiences: [public, internal, restricted]\ndefault_audience: internal\nreporting: { period: month }\n",
    ),
    (
        "content/_index.md",
        "---\ntitle: My PMO\n---\nWelcome to the portfolio site. Edit `content/_index.md` to change this text.\n",
    ),
    (
        "content/lessons/_index.md",
        "---\ntitle: Lessons learned\n---\nWhat our projects taught us.\n",
    ),
    (
        "content/lessons/first-lesson.md",
        "---\ntitle: Agree the definition of done early\ndate: 2026-01-15\nproject: example\nphase: planning\ncategory: quality\noutcome: positive\ntags: [quality]\n---\n## What happened\n\nThe team agreed acceptance criteria before the first sprint.\n\n## What we would do again\n\n- [x] Write acceptance criteria with the business owner\n",
    ),
    (
        "data/people.yaml",
        "- { id: a.manager, name: Alex Manager, role: Project manager, team: PMO }\n- { id: s.sponsor, name: Sam Sponsor, role: Director, team: Operations }\n",
    ),
    (
        "data/programmes.yaml",
        "- { id: core, name: Core programme, owner: s.sponsor, goal: Run the business better }\n",
    ),
    (
        "data/projects/example.yaml",
        "name: Example project\nprogramme: core\nmanager: a.manager\nsponsor: s.sponsor\nmethodology: hybrid\nphase: execution\nbaseline: { start: 2026-01-05, finish: 2026-12-18, budget: 250000 }\nstatus:\n  - { date: 2026-01-31, rag: green, percent_complete: 5, summary: Kick-off held. }\nactuals:\n  - { date: 2026-01-31, cost: 12000 }\nmilestones:\n  - { name: Plan approved, baseline: 2026-02-13 }\nrisks:\n  - { id: R1, title: Key people unavailable, probability: 3, impact: 4, owner: a.manager, response: mitigate, review: 2026-03-01 }\nallocations:\n  - { person: a.manager, role: Project manager, from: 2026-01-05, to: 2026-12-18, percent: 50 }\n",
    ),
    ("static/.keep", ""),
];

const ZH: &[(&str, &str)] = &[
    (
        "folio.yaml",
        "title: 项目管理办公室\nlanguage: zh-CN\ncurrency: CNY\naudiences: [public, internal, restricted]\ndefault_audience: internal\nreporting: { period: month }\n",
    ),
    (
        "content/_index.md",
        "---\ntitle: 项目管理办公室\n---\n欢迎使用项目组合站点。编辑 `content/_index.md` 修改这段文字。\n",
    ),
    (
        "content/lessons/_index.md",
        "---\ntitle: 经验教训\n---\n我们从项目中学到的东西。\n",
    ),
    (
        "content/lessons/尽早明确完成标准.md",
        "---\ntitle: 尽早明确完成标准\ndate: 2026-01-15\nproject: example\nphase: planning\ncategory: quality\noutcome: positive\ntags: [质量]\n---\n## 发生了什么\n\n团队在第一个迭代前与业务负责人确认了验收标准。\n\n## 值得保持的做法\n\n- [x] 与业务负责人共同编写验收标准\n",
    ),
    (
        "data/people.yaml",
        "- { id: zhang.wei, name: 张伟, role: 项目经理, team: PMO }\n- { id: li.na, name: 李娜, role: 总监, team: 运营部 }\n",
    ),
    (
        "data/programmes.yaml",
        "- { id: core, name: 核心项目群, owner: li.na, goal: 提升运营效率 }\n",
    ),
    (
        "data/projects/example.yaml",
        "name: 示例项目\nprogramme: core\nmanager: zhang.wei\nsponsor: li.na\nmethodology: hybrid\nphase: execution\nbaseline: { start: 2026-01-05, finish: 2026-12-18, budget: 2500000 }\nstatus:\n  - { date: 2026-01-31, rag: green, percent_complete: 5, summary: 项目启动会已召开。 }\nactuals:\n  - { date: 2026-01-31, cost: 120000 }\nmilestones:\n  - { name: 计划批准, baseline: 2026-02-13 }\nrisks:\n  - { id: R1, title: 关键人员无法到位, probability: 3, impact: 4, owner: zhang.wei, response: mitigate, review: 2026-03-01 }\nallocations:\n  - { person: zhang.wei, role: 项目经理, from: 2026-01-05, to: 2026-12-18, percent: 50 }\n",
    ),
    ("static/.keep", ""),
];

/// Writes the starter site into `dir`. Every path is checked first: if a
/// file exists where one would go, or a file stands where a folder must be,
/// nothing at all is written; if writing fails midway, what this run made
/// is removed again.
pub fn run(dir: &Path, lang: &str) -> Result<(), Error> {
    let files = if lang == "zh-CN" { ZH } else { EN };
    let mut clashes: Vec<String> = Vec::new();
    for (path, _) in files {
        let dest = dir.join(path);
        if std::fs::symlink_metadata(&dest).is_ok() {
            clashes.push(dest.display().to_string());
        }
        let mut folder = dest.parent();
        while let Some(f) = folder {
            if std::fs::symlink_metadata(f).is_ok_and(|m| !m.is_dir()) && !f.is_dir() {
                clashes.push(format!("{} (a file where a folder goes)", f.display()));
            }
            if f == dir {
                break;
            }
            folder = f.parent();
        }
    }
    clashes.sort();
    clashes.dedup();
    if !clashes.is_empty() {
        return Err(Error::Usage(format!(
            "{} already has {}; nothing was written. Run `folio init` in a new or empty folder",
            dir.display(),
            clashes.join(", ")
        )));
    }
    let mut made: Vec<PathBuf> = Vec::new();
    if let Err(e) = write_all(dir, files, &mut made) {
        // Newest first, so folders are empty when their turn comes.
        for p in made.iter().rev() {
            let _ = std::fs::remove_file(p).or_else(|_| std::fs::remove_dir(p));
        }
        return Err(e);
    }
    eprintln!(
        "created a folio site in {}; build it with: folio build --root {}",
        dir.display(),
        dir.display()
    );
    Ok(())
}

/// Writes `files` under `dir`, recording in `made` every folder and file it creates.
fn write_all(dir: &Path, files: &[(&str, &str)], made: &mut Vec<PathBuf>) -> Result<(), Error> {
    for (path, text) in files {
        let dest = dir.join(path);
        let mut missing: Vec<PathBuf> = dest
            .ancestors()
            .skip(1)
            // A relative `dir` ends its ancestors with "", which is the
            // current folder, not one to create.
            .take_while(|a| !a.as_os_str().is_empty() && !a.exists())
            .map(Path::to_path_buf)
            .collect();
        missing.reverse();
        for folder in missing {
            std::fs::create_dir(&folder)
                .map_err(|e| Error::io(format!("creating {}", folder.display()), e))?;
            made.push(folder);
        }
        // `create_new`: a file that appeared since the check is never replaced.
        let mut file = std::fs::File::create_new(&dest)
            .map_err(|e| Error::io(format!("writing {}", dest.display()), e))?;
        made.push(dest.clone());
        std::io::Write::write_all(&mut file, text.as_bytes())
            .map_err(|e| Error::io(format!("writing {}", dest.display()), e))?;
    }
    Ok(())
}
