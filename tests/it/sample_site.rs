//! The sample site at the repository root, the Chinese example and a fixture:
//! expected pages exist, every internal link resolves, builds are deterministic.

use std::path::Path;

use scraper::{Html, Selector};

use crate::support::*;

/// Checks that every relative href/src of every HTML file resolves to a file in `out`.
fn assert_links_resolve(out: &Path) {
    let sel = Selector::parse("a[href], link[href], script[src], img[src]").unwrap();
    let mut broken = Vec::new();
    let mut checked = 0;
    for (rel, bytes) in snapshot(out) {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = Html::parse_document(&String::from_utf8_lossy(&bytes));
        let dir = Path::new(&rel)
            .parent()
            .unwrap_or(Path::new(""))
            .to_path_buf();
        for el in html.select(&sel) {
            let v = el.value();
            let target = v.attr("href").or(v.attr("src")).unwrap();
            if target.starts_with('#')
                || target.contains("://")
                || target.starts_with("mailto:")
                || v.attr("rel") == Some("canonical")
            {
                continue;
            }
            assert!(
                !target.starts_with('/'),
                "{rel}: site-absolute link {target} breaks under file://"
            );
            let path = percent_decode(target.split(['#', '?']).next().unwrap());
            let resolved = folio::markdown::normalize(&format!("{}/{path}", dir.to_string_lossy()));
            checked += 1;
            if !out.join(&resolved).is_file() {
                broken.push(format!("{rel}: {target} → {resolved}"));
            }
        }
    }
    assert!(checked > 0, "no links checked");
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken.join("\n")
    );
}

#[test]
fn sample_site_builds_and_every_link_resolves() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let root = repo_root();
    build_ok(&root, &out, &[]);
    assert!(out.join("index.html").is_file());
    assert!(out.join("sitemap.xml").is_file());
    assert!(out.join("404.html").is_file());
    // Every project file has its page (unless its audience is above the default build).
    let config = std::fs::read_to_string(root.join("folio.yaml")).unwrap();
    assert!(config.contains("default_audience: internal"));
    for entry in std::fs::read_dir(root.join("data/projects")).unwrap() {
        let path = entry.unwrap().path();
        let id = path.file_stem().unwrap().to_string_lossy().into_owned();
        let restricted = std::fs::read_to_string(&path)
            .unwrap()
            .contains("audience: restricted");
        assert_eq!(
            out.join(format!("projects/{id}/index.html")).is_file(),
            !restricted,
            "project {id}"
        );
    }
    assert_links_resolve(&out);
}

#[test]
fn restricted_build_includes_restricted_projects() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let root = repo_root();
    build_ok(&root, &out, &["--audience", "restricted"]);
    for entry in std::fs::read_dir(root.join("data/projects")).unwrap() {
        let id = entry
            .unwrap()
            .path()
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(
            out.join(format!("projects/{id}/index.html")).is_file(),
            "project {id}"
        );
    }
    assert_links_resolve(&out);
}

#[test]
fn chinese_example_builds_with_chinese_paths_and_links() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let root = repo_root().join("examples/zh-cn");
    build_ok(&root, &out, &[]);
    let home = Html::parse_document(&read(&out, "index.html"));
    let html = home
        .select(&Selector::parse("html").unwrap())
        .next()
        .unwrap();
    assert_eq!(html.value().attr("lang"), Some("zh-CN"));
    assert!(out.join("lessons/供应商风险转移/index.html").is_file());
    // People come from a GBK-encoded CSV; their Chinese names must appear decoded.
    let csv = std::fs::read(root.join("data/people.csv")).unwrap();
    assert!(
        std::str::from_utf8(&csv).is_err(),
        "people.csv should be GBK"
    );
    let any_project = std::fs::read_dir(out.join("projects"))
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.path().is_dir())
        .unwrap();
    let page = std::fs::read_to_string(any_project.path().join("index.html")).unwrap();
    assert!(page.contains("项目经理"), "UI strings in Chinese");
    assert!(
        !page.contains('\u{FFFD}'),
        "no replacement characters from a wrong decode"
    );
    assert_links_resolve(&out);
}

#[test]
fn two_builds_give_identical_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let root = repo_root();
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    for out in [&a, &b] {
        build_ok(&root, out, &[]);
    }
    let (sa, sb) = (snapshot(&a), snapshot(&b));
    assert_eq!(sa.len(), sb.len());
    for (x, y) in sa.iter().zip(&sb) {
        assert_eq!(x.0, y.0);
        assert!(x.1 == y.1, "{} differs between builds", x.0);
    }
}

#[test]
fn fixture_pages_backlinks_and_rewritten_links() {
    let tmp = tempfile::tempdir().unwrap();
    fixture_site(tmp.path());
    let out = tmp.path().join("public");
    let res = folio(&["build", "--root", tmp.path().to_str().unwrap()]);
    assert!(res.status.success(), "{}", stderr(&res));
    assert!(
        stderr(&res).contains("built "),
        "one-line summary: {}",
        stderr(&res)
    );
    for page in [
        "index.html",
        "projects/index.html",
        "projects/apollo/index.html",
        "lessons/vendor-exit/index.html",
        "cases/crm/index.html",
        "tags/vendor/index.html",
        "tags/index.html",
    ] {
        assert!(out.join(page).is_file(), "{page}");
    }
    let lesson = Html::parse_document(&read(&out, "lessons/vendor-exit/index.html"));
    let a = Selector::parse(".prose a").unwrap();
    let hrefs: Vec<_> = lesson
        .select(&a)
        .filter_map(|e| e.value().attr("href"))
        .collect();
    assert_eq!(hrefs, vec!["../../cases/crm/index.html"]);
    let h2 = Selector::parse(".prose h2").unwrap();
    assert_eq!(
        lesson.select(&h2).next().unwrap().value().attr("id"),
        Some("what-happened")
    );
    // The project page lists the lesson and the case that point to it.
    let project = Html::parse_document(&read(&out, "projects/apollo/index.html"));
    let titles: Vec<String> = project
        .select(&Selector::parse(".item-title a").unwrap())
        .map(|e| e.text().collect())
        .collect();
    assert!(titles.contains(&"Vendor exit".to_string()), "{titles:?}");
    assert!(titles.contains(&"CRM rollout".to_string()), "{titles:?}");
    let h1: String = project
        .select(&Selector::parse("h1").unwrap())
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(h1.contains("Apollo CRM"));
    assert!(
        read(&out, "projects/apollo/index.html").contains("Li Wei"),
        "manager name resolved"
    );
}

#[test]
fn unchanged_files_are_not_rewritten() {
    let tmp = tempfile::tempdir().unwrap();
    fixture_site(tmp.path());
    let root = tmp.path().to_str().unwrap();
    assert!(folio(&["build", "--root", root]).status.success());
    let page = tmp.path().join("public/cases/crm/index.html");
    let ino = std::fs::metadata(&page).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let res = folio(&["build", "--root", root]);
    assert!(stderr(&res).contains("unchanged"), "{}", stderr(&res));
    assert_eq!(std::fs::metadata(&page).unwrap().modified().unwrap(), ino);
}

#[test]
fn html_in_data_is_escaped() {
    let tmp = tempfile::tempdir().unwrap();
    fixture_site(tmp.path());
    write_files(
        tmp.path(),
        &[(
            "data/projects/x.yaml",
            "name: \"<script>alert(1)</script>\"\nphase: initiation\n",
        )],
    );
    assert!(
        folio(&["build", "--root", tmp.path().to_str().unwrap()])
            .status
            .success()
    );
    let page = read(&tmp.path().join("public"), "projects/x/index.html");
    assert!(
        !page.contains("<script>alert"),
        "project name must be escaped"
    );
    assert!(page.contains("&lt;script&gt;"));
}

#[test]
fn drafts_are_built_only_with_the_flag() {
    let tmp = tempfile::tempdir().unwrap();
    fixture_site(tmp.path());
    write_files(
        tmp.path(),
        &[(
            "content/lessons/wip.md",
            "---\ntitle: WIP\ndraft: true\n---\nx\n",
        )],
    );
    let root = tmp.path().to_str().unwrap();
    assert!(folio(&["build", "--root", root]).status.success());
    assert!(!tmp.path().join("public/lessons/wip/index.html").exists());
    assert!(
        folio(&["build", "--root", root, "--drafts"])
            .status
            .success()
    );
    assert!(tmp.path().join("public/lessons/wip/index.html").exists());
}

#[test]
fn init_into_a_relative_folder_name() {
    let tmp = tempfile::tempdir().unwrap();
    let res = std::process::Command::new(super::support::FOLIO)
        .args(["init", "pmo-site", "--lang", "zh-CN"])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert!(res.status.success(), "{}", stderr(&res));
    assert!(tmp.path().join("pmo-site/folio.yaml").is_file());
}

#[test]
fn init_then_build_and_new_lesson() {
    let tmp = tempfile::tempdir().unwrap();
    for lang in ["en", "zh-CN"] {
        let dir = tmp.path().join(lang);
        let res = folio(&["init", dir.to_str().unwrap(), "--lang", lang]);
        assert!(res.status.success(), "{}", stderr(&res));
        let res = folio(&[
            "new",
            "lesson",
            "Plan the cutover twice",
            "--root",
            dir.to_str().unwrap(),
        ]);
        assert!(res.status.success(), "{}", stderr(&res));
        let path = String::from_utf8_lossy(&res.stdout).trim().to_string();
        assert!(
            path.ends_with("content/lessons/plan-the-cutover-twice.md"),
            "{path}"
        );
        // The headings are in the site's language.
        let text = std::fs::read_to_string(&path).unwrap();
        let (yes, no) = if lang == "en" {
            ("## What happened", "## 发生了什么")
        } else {
            ("## 发生了什么", "## What happened")
        };
        assert!(text.contains(yes) && !text.contains(no), "{text}");
        let res = folio(&["build", "--root", dir.to_str().unwrap()]);
        assert!(res.status.success(), "{}", stderr(&res));
        assert!(
            dir.join("public/lessons/plan-the-cutover-twice/index.html")
                .is_file()
        );
    }
}

/// Nothing above the built audience may reach any output file.
#[test]
fn restricted_content_never_leaks_into_an_internal_build() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let root = repo_root();
    build_ok(&root, &out, &[]);
    // Collect what is restricted from the sources themselves.
    let mut secrets: Vec<String> = Vec::new();
    for e in std::fs::read_dir(root.join("data/projects")).unwrap() {
        let path = e.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        if text.contains("audience: restricted") {
            secrets.push(path.file_stem().unwrap().to_string_lossy().into_owned());
            let name = text.lines().find(|l| l.starts_with("name:")).unwrap();
            secrets.push(name["name:".len()..].trim().trim_matches('"').to_string());
        }
    }
    for dir in ["lessons", "cases"] {
        for e in std::fs::read_dir(root.join("content").join(dir)).unwrap() {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            if text.contains("audience: restricted") {
                let title = text.lines().find(|l| l.starts_with("title:")).unwrap();
                secrets.push(title["title:".len()..].trim().trim_matches('"').to_string());
            }
        }
    }
    assert!(
        secrets.len() >= 3,
        "the sample has restricted content: {secrets:?}"
    );
    for (file, bytes) in snapshot(&out) {
        let text = String::from_utf8_lossy(&bytes);
        for s in &secrets {
            assert!(!text.contains(s.as_str()), "{s:?} leaked into {file}");
        }
    }
}

#[test]
fn a_public_page_about_a_restricted_project_does_not_reveal_it() {
    let tmp = tempfile::tempdir().unwrap();
    fixture_site(tmp.path());
    write_files(
        tmp.path(),
        &[
            (
                "data/projects/zeta-secret.yaml",
                "name: Zeta covert merger\nphase: initiation\naudience: restricted\n",
            ),
            (
                "content/lessons/public.md",
                "---\ntitle: Open lesson\naudience: public\nproject: zeta-secret\nprojects: [zeta-secret]\n---\nText.\n",
            ),
        ],
    );
    let out = tmp.path().join("out");
    let res = folio(&[
        "build",
        "--root",
        tmp.path().to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "--audience",
        "public",
    ]);
    assert!(res.status.success(), "{}", stderr(&res));
    assert!(out.join("lessons/public/index.html").is_file());
    for (file, bytes) in snapshot(&out) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("zeta") && !text.contains("Zeta"),
            "leaked into {file}"
        );
    }
}

#[test]
fn long_taxonomy_terms_are_paginated() {
    let tmp = tempfile::tempdir().unwrap();
    fixture_site(tmp.path());
    let lessons: Vec<(String, String)> = (0..230)
        .map(|i| {
            (
                format!("content/lessons/l{i:03}.md"),
                format!("---\ntitle: Lesson {i:03}\ntags: [bulk]\n---\nText.\n"),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = lessons
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    write_files(tmp.path(), &refs);
    let res = folio(&["build", "--root", tmp.path().to_str().unwrap()]);
    assert!(res.status.success(), "{}", stderr(&res));
    let out = tmp.path().join("public");
    let count = |page: &str| {
        Html::parse_document(&read(&out, page))
            .select(&Selector::parse(".item").unwrap())
            .count()
    };
    assert_eq!(count("tags/bulk/index.html"), 100);
    assert_eq!(count("tags/bulk/page/2/index.html"), 100);
    assert_eq!(count("tags/bulk/page/3/index.html"), 30);
    assert!(!out.join("tags/bulk/page/4/index.html").exists());
    let third = read(&out, "tags/bulk/page/3/index.html");
    assert!(
        third.contains("rel=\"prev\" href=\"../../../../tags/bulk/page/2/index.html\""),
        "{third}"
    );
    assert_links_resolve(&out);
}

#[test]
fn long_sections_are_paginated_and_courses_are_not() {
    let tmp = tempfile::tempdir().unwrap();
    fixture_site(tmp.path());
    let mut files: Vec<(String, String)> = (0..150)
        .map(|i| {
            (
                format!("content/lessons/m{i:03}.md"),
                format!("---\ntitle: More {i:03}\nweight: {i}\n---\nText.\n"),
            )
        })
        .collect();
    files.push((
        "content/training/c/_index.md".into(),
        "---\ntitle: Course\n---\n".into(),
    ));
    files.extend((0..120).map(|i| {
        (
            format!("content/training/c/{i:03}.md"),
            format!("---\ntitle: Module {i:03}\nweight: {i}\n---\nText.\n"),
        )
    }));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    write_files(tmp.path(), &refs);
    let res = folio(&["build", "--root", tmp.path().to_str().unwrap()]);
    assert!(res.status.success(), "{}", stderr(&res));
    let out = tmp.path().join("public");
    let count = |page: &str, sel: &str| {
        Html::parse_document(&read(&out, page))
            .select(&Selector::parse(sel).unwrap())
            .count()
    };
    // 151 lessons (the fixture has one): 100 on the first page, 51 on the second.
    assert_eq!(count("lessons/index.html", ".item"), 100);
    assert_eq!(count("lessons/page/2/index.html", ".item"), 51);
    assert!(read(&out, "lessons/page/2/index.html").contains("More 149"));
    assert_eq!(
        count("training/c/index.html", "ol.modules li"),
        120,
        "a course lists every module"
    );
    assert!(!out.join("training/c/page/2/index.html").exists());
    assert_links_resolve(&out);
}

/// A project id in Chinese: every link to its page is percent-encoded,
/// including the project fact of a page (once written raw), and resolves.
#[test]
fn links_to_a_chinese_project_id_are_encoded() {
    let tmp = tempfile::tempdir().unwrap();
    fixture_site(tmp.path());
    write_files(
        tmp.path(),
        &[
            (
                "data/projects/客户.yaml",
                "name: Customer portal\nphase: planning\nbaseline: { start: 2026-01-05, finish: 2026-12-30, budget: 50000 }\n",
            ),
            (
                "content/lessons/portal.md",
                "---\ntitle: Portal\nproject: 客户\nprojects: [客户]\n---\nx\n",
            ),
        ],
    );
    let out = tmp.path().join("public");
    build_ok(tmp.path(), &out, &[]);
    let html = read(&out, "lessons/portal/index.html");
    assert!(
        html.contains("projects/%E5%AE%A2%E6%88%B7/index.html"),
        "{html}"
    );
    assert!(!html.contains("projects/客户/"), "{html}");
    assert_links_resolve(&out);
}
