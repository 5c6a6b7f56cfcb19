//! folio never destroys, mixes or publishes what it does not own: Markdown
//! is safe with `raw_html: false`, a site's UI strings merge over the
//! built-in ones key by key, and a restricted section hides its subtree.

use std::path::Path;

use scraper::{Html, Selector};

use crate::support::*;

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn html(out: &Path, rel: &str) -> Html {
    Html::parse_document(&read(out, rel))
}

/// Every output file whose bytes contain `marker` (ASCII case-insensitively).
fn files_containing(out: &Path, marker: &str) -> Vec<String> {
    snapshot(out)
        .into_iter()
        .filter(|(_, bytes)| {
            bytes
                .windows(marker.len())
                .any(|w| w.eq_ignore_ascii_case(marker.as_bytes()))
        })
        .map(|(path, _)| path)
        .collect()
}

/// Fails if any element inside `.prose` carries a script hook: an `on…` or
/// `style` attribute, a script/vbscript/data URL, or is a `<script>` itself.
fn assert_prose_is_inert(doc: &Html, what: &str) {
    let prose = sel(".prose, .prose *");
    let mut seen = 0;
    for el in doc.select(&prose) {
        seen += 1;
        let name = el.value().name();
        assert!(
            !matches!(name, "script" | "iframe" | "object" | "embed"),
            "{what}: live <{name}>"
        );
        for (attr, value) in el.value().attrs() {
            let attr = attr.to_ascii_lowercase();
            assert!(
                !attr.starts_with("on") && attr != "style",
                "{what}: <{name} {attr}={value:?}>"
            );
            if matches!(attr.as_str(), "href" | "src") {
                let v: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .to_ascii_lowercase();
                assert!(
                    !v.starts_with("javascript:")
                        && !v.starts_with("vbscript:")
                        && (!v.starts_with("data:")
                            || (attr == "src" && v.starts_with("data:image/"))),
                    "{what}: <{name} {attr}={value:?}>"
                );
            }
        }
    }
    assert!(seen > 0, "{what}: no .prose content");
}

const HOSTILE_MD: &str = "## Plan {#plan .wide onclick=alert(1) STYLE=color:red data-step=2}\n\n\
[js](javascript:alert(1)) [tab](<java\tscript:alert(1)>) [ent](&#106;avascript&colon;alert(1)) \
[vb](VBScript:msgbox(1)) [data](data:text/html;base64,PHNjcmlwdD4=) <javascript:alert(3)>\n\n\
![img](javascript:alert(1)) ![pixel](data:image/gif;base64,R0lGODlhAQABAAAAACw=)\n\n\
<script>alert('raw')</script>\n\n\
Inline <img src=x onerror=alert(2)> and <a href=\"javascript:alert(4)\">tag</a>.\n\n\
[ok](../cases/crm.md) [web](https://example.com/)\n";

fn hostile_site(dir: &Path, raw_html: bool) {
    fixture_site(dir);
    let summary = HOSTILE_MD.replace('\n', "\\n").replace('"', "\\\"");
    let summary = summary.replace("../cases/crm.md", "cases/crm.md");
    write_files(
        dir,
        &[
            (
                "folio.yaml",
                &format!(
                    "title: Fixture PMO\nlanguage: en\nas_of: 2026-06-30\ncurrency: EUR\nmarkdown: {{ raw_html: {raw_html} }}\n"
                ),
            ),
            (
                "content/lessons/hostile.md",
                &format!("---\ntitle: Hostile\ndate: 2026-04-01\n---\n{HOSTILE_MD}"),
            ),
            (
                "data/projects/apollo.yaml",
                &format!(
                    "name: Apollo CRM\nprogramme: cx\nmanager: li.wei\nsponsor: m.garcia\nmethodology: hybrid\nphase: execution\n\
                     summary: \"{summary}\"\nrecovery_plan: \"{summary}\"\n\
                     baseline: {{ start: 2026-01-05, finish: 2026-09-30, budget: 1200000 }}\n\
                     status:\n  - {{ date: 2026-05-31, rag: amber, percent_complete: 40, summary: \"{summary}\" }}\n"
                ),
            ),
        ],
    );
}

#[test]
fn safe_markdown_neutralises_script_in_pages_and_project_data() {
    let tmp = tempfile::tempdir().unwrap();
    hostile_site(tmp.path(), false);
    let out = tmp.path().join("out");
    let res = build_ok(tmp.path(), &out, &[]);
    assert_eq!(res.status.code(), Some(0));

    let page = html(&out, "lessons/hostile/index.html");
    assert_prose_is_inert(&page, "lesson page");
    let h2 = page
        .select(&sel(".prose h2#plan"))
        .next()
        .expect("heading keeps its id");
    assert_eq!(h2.value().attr("class"), Some("wide"));
    assert_eq!(h2.value().attr("data-step"), Some("2"));
    let hrefs: Vec<&str> = page
        .select(&sel(".prose a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(
        hrefs,
        [
            "#",
            "#",
            "#",
            "#",
            "#",
            "#",
            "../../cases/crm/index.html",
            "https://example.com/"
        ],
        "script and data links become #, others are kept"
    );
    let srcs: Vec<&str> = page
        .select(&sel(".prose img"))
        .filter_map(|i| i.value().attr("src"))
        .collect();
    assert_eq!(srcs, ["#", "data:image/gif;base64,R0lGODlhAQABAAAAACw="]);
    // Raw HTML is shown as text, not run.
    let text: String = page.select(&sel(".prose")).flat_map(|p| p.text()).collect();
    assert!(text.contains("<script>alert('raw')</script>"), "{text}");
    assert!(text.contains("<img src=x onerror=alert(2)>"), "{text}");

    let project = html(&out, "projects/apollo/index.html");
    assert_prose_is_inert(&project, "project page");
    let blocks = project.select(&sel(".prose")).count();
    assert!(
        blocks >= 3,
        "summary, latest status and recovery plan: {blocks}"
    );
    let plan = project
        .select(&sel(".recovery .prose a[href$='cases/crm/index.html']"))
        .count();
    assert_eq!(plan, 1, "links in project data still resolve");
}

#[test]
fn trusted_markdown_is_left_as_written() {
    let tmp = tempfile::tempdir().unwrap();
    hostile_site(tmp.path(), true);
    let out = tmp.path().join("out");
    build_ok(tmp.path(), &out, &[]);
    let page = html(&out, "lessons/hostile/index.html");
    assert_eq!(page.select(&sel(".prose script")).count(), 1);
    let h2 = page.select(&sel(".prose h2#plan")).next().unwrap();
    assert_eq!(h2.value().attr("onclick"), Some("alert(1)"));
    let first = page.select(&sel(".prose a")).next().unwrap();
    assert_eq!(first.value().attr("href"), Some("javascript:alert(1)"));
}

/// The fixture plus a restricted course (modules, one claiming `public`, a
/// sub-folder) and a restricted section; everything hidden says `zqxhidden`.
fn subtree_site(dir: &Path) {
    fixture_site(dir);
    write_files(
        dir,
        &[
            (
                "folio.yaml",
                "title: Fixture PMO\nbase_url: https://pmo.example.com/\nlanguage: en\nas_of: 2026-06-30\ncurrency: EUR\n",
            ),
            ("content/training/_index.md", "---\ntitle: Training\n---\n"),
            (
                "content/training/open-course/_index.md",
                "---\ntitle: Open course\nlevel: beginner\n---\nFor everyone.\n",
            ),
            (
                "content/training/open-course/01-start.md",
                "---\ntitle: Start here\nweight: 1\ntags: [vendor]\n---\nHello.\n",
            ),
            (
                "content/training/zqxhidden-course/_index.md",
                "---\ntitle: Zqxhidden course\naudience: restricted\nlevel: advanced\n---\nzqxhidden intro.\n",
            ),
            (
                "content/training/zqxhidden-course/01-intro.md",
                "---\ntitle: Intro zqxhidden\nweight: 1\ntags: [zqxhidden-tag, vendor]\ncategory: zqxhidden-cat\nsummary: zqxhidden summary\n---\nzqxhidden body.\n",
            ),
            (
                "content/training/zqxhidden-course/02-claims-public.md",
                "---\ntitle: Public zqxhidden module\nweight: 2\naudience: public\ntags: [vendor]\n---\nzqxhidden too.\n",
            ),
            (
                "content/training/zqxhidden-course/advanced/deep.md",
                "---\ntitle: Deep zqxhidden\ntags: [vendor]\n---\nzqxhidden deep.\n",
            ),
            (
                "content/vault/_index.md",
                "---\ntitle: Vault zqxhidden\naudience: restricted\n---\n",
            ),
            (
                "content/vault/plans/a.md",
                "---\ntitle: Plan zqxhidden\ndate: 2026-05-01\ntags: [vendor]\n---\nzqxhidden plan.\n",
            ),
        ],
    );
}

#[test]
fn restricted_section_hides_its_whole_subtree() {
    let tmp = tempfile::tempdir().unwrap();
    subtree_site(tmp.path());
    let out = tmp.path().join("out");
    let res = build_ok(
        tmp.path(),
        &out,
        &["--audience", "internal", "--base-url", "https://x.example/"],
    );
    assert_eq!(res.status.code(), Some(0));
    assert!(out.join("sitemap.xml").is_file(), "sitemap is checked too");
    assert!(
        out.join("training/open-course/01-start/index.html")
            .is_file()
    );
    assert_eq!(
        files_containing(&out, "zqxhidden"),
        Vec::<String>::new(),
        "nothing of a restricted subtree may reach any output file"
    );
    assert!(!out.join("training/zqxhidden-course").exists());
    assert!(!out.join("vault").exists());
    let training = html(&out, "training/index.html");
    let links: Vec<String> = training
        .select(&sel("main a"))
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert!(
        links.iter().any(|l| l.contains("open-course")),
        "the open course is listed: {links:?}"
    );
}

#[test]
fn restricted_build_shows_the_subtree() {
    let tmp = tempfile::tempdir().unwrap();
    subtree_site(tmp.path());
    let out = tmp.path().join("out");
    build_ok(tmp.path(), &out, &["--audience", "restricted"]);
    let course = html(&out, "training/zqxhidden-course/index.html");
    let titles: Vec<String> = course
        .select(&sel("main a"))
        .map(|a| a.text().collect::<String>())
        .collect();
    for t in ["Intro zqxhidden", "Public zqxhidden module"] {
        assert!(titles.iter().any(|x| x.contains(t)), "{t} in {titles:?}");
    }
    assert!(out.join("vault/plans/a/index.html").is_file());
    assert!(
        out.join("training/zqxhidden-course/advanced/deep/index.html")
            .is_file()
    );
}

/// Builds the fixture with `files` added, without `--quiet` so warnings show.
fn build_with(files: &[(&str, &str)]) -> (tempfile::TempDir, std::process::Output) {
    let tmp = tempfile::tempdir().unwrap();
    fixture_site(tmp.path());
    write_files(tmp.path(), files);
    let root = tmp.path().to_str().unwrap().to_string();
    let out = tmp.path().join("out");
    let res = folio(&["build", "--root", &root, "--output", out.to_str().unwrap()]);
    (tmp, res)
}

fn text_of(doc: &Html, css: &str) -> String {
    doc.select(&sel(css))
        .next()
        .map(|e| e.text().collect::<String>())
        .unwrap_or_else(|| panic!("no {css}"))
}

#[test]
fn one_key_english_override_keeps_every_other_string() {
    let (tmp, res) = build_with(&[("i18n/en.yaml", "home: Start page\n")]);
    let err = stderr(&res);
    assert_eq!(res.status.code(), Some(0), "{err}");
    assert!(!err.contains("warning"), "{err}");
    let out = tmp.path().join("out");
    let doc = html(&out, "lessons/vendor-exit/index.html");
    assert_eq!(text_of(&doc, ".breadcrumbs a"), "Start page");
    assert_eq!(text_of(&doc, ".skip-link"), "Skip to content");
    assert_eq!(
        doc.select(&sel("nav[aria-label='Main navigation']"))
            .count(),
        1
    );
}

#[test]
fn one_key_chinese_override_keeps_the_rest_chinese() {
    let (tmp, res) = build_with(&[
        (
            "folio.yaml",
            "title: Fixture PMO\nlanguage: zh-CN\nas_of: 2026-06-30\ncurrency: EUR\n",
        ),
        ("i18n/zh-CN.yaml", "home: 门户首页\n"),
    ]);
    let err = stderr(&res);
    assert_eq!(res.status.code(), Some(0), "{err}");
    assert!(!err.contains("warning"), "{err}");
    let doc = html(&tmp.path().join("out"), "lessons/vendor-exit/index.html");
    assert_eq!(text_of(&doc, ".breadcrumbs a"), "门户首页");
    assert_eq!(text_of(&doc, ".skip-link"), "跳到正文");
    assert_eq!(doc.select(&sel("nav[aria-label='主导航']")).count(), 1);
}

#[test]
fn theme_and_site_overrides_stack() {
    let (tmp, res) = build_with(&[
        (
            "folio.yaml",
            "title: Fixture PMO\nlanguage: en\nas_of: 2026-06-30\ncurrency: EUR\ntheme: house\n",
        ),
        (
            "themes/house/i18n/en.yaml",
            "home: House home\nskip_to_content: Jump\n",
        ),
        ("i18n/en.yaml", "home: Site home\n"),
    ]);
    assert_eq!(res.status.code(), Some(0), "{}", stderr(&res));
    let doc = html(&tmp.path().join("out"), "lessons/vendor-exit/index.html");
    assert_eq!(text_of(&doc, ".breadcrumbs a"), "Site home");
    assert_eq!(text_of(&doc, ".skip-link"), "Jump");
}

#[test]
fn unknown_ui_string_is_a_warning_with_a_hint() {
    let (tmp, res) = build_with(&[("i18n/en.yaml", "home: Start\nprojets: Projekte\n")]);
    let err = stderr(&res);
    assert_eq!(
        res.status.code(),
        Some(0),
        "a warning does not fail the build: {err}"
    );
    assert!(err.contains("warning[unknown-key]"), "{err}");
    assert!(err.contains("i18n/en.yaml:2:1"), "{err}");
    assert!(err.contains("did you mean `projects`?"), "{err}");
    let doc = html(&tmp.path().join("out"), "lessons/vendor-exit/index.html");
    assert_eq!(text_of(&doc, ".breadcrumbs a"), "Start");
}

#[test]
fn malformed_ui_strings_file_is_an_error_at_its_line() {
    let (tmp, res) = build_with(&[("i18n/en.yaml", "home: Start\nprojects: [oops\n")]);
    let err = stderr(&res);
    assert_eq!(res.status.code(), Some(1), "{err}");
    assert!(err.contains("i18n/en.yaml:2"), "{err}");
    assert!(err.contains("hint:"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(!tmp.path().join("out/index.html").exists());
}

#[test]
fn child_lowering_its_section_audience_is_warned_at_the_value() {
    let tmp = tempfile::tempdir().unwrap();
    subtree_site(tmp.path());
    let root = tmp.path().to_str().unwrap().to_string();
    let out = tmp.path().join("out");
    let res = folio(&["build", "--root", &root, "--output", out.to_str().unwrap()]);
    let err = stderr(&res);
    assert_eq!(
        res.status.code(),
        Some(0),
        "a warning does not fail the build: {err}"
    );
    assert!(err.contains("warning[audience-raised]"), "{err}");
    // `audience: public` is on line 4 of the file; the value starts at column 11.
    assert!(
        err.contains("content/training/zqxhidden-course/02-claims-public.md:4:11"),
        "{err}"
    );
    assert!(
        err.contains("set by content/training/zqxhidden-course/_index.md"),
        "{err}"
    );
    assert!(
        err.contains("hint: a page cannot be less confidential"),
        "{err}"
    );
    assert_eq!(err.matches("audience-raised").count(), 1, "{err}");
    assert_eq!(files_containing(&out, "zqxhidden"), Vec::<String>::new());
}

#[test]
fn links_to_hidden_pages_do_not_reveal_their_path() {
    let tmp = tempfile::tempdir().unwrap();
    subtree_site(tmp.path());
    write_files(
        tmp.path(),
        &[(
            "content/lessons/pointers.md",
            "---\ntitle: Pointers\n---\nSee [the intro](../training/zqxhidden-course/01-intro.md#part), \
[the course](../training/zqxhidden-course/), [deep](/training/zqxhidden-course/advanced/deep/) \
and ![chart](../training/zqxhidden-course/advanced/deep.md). [Open](../training/open-course/01-start.md).\n",
        )],
    );
    let root = tmp.path().to_str().unwrap().to_string();
    let out = tmp.path().join("out");
    let res = folio(&["build", "--root", &root, "--output", out.to_str().unwrap()]);
    let err = stderr(&res);
    assert_eq!(res.status.code(), Some(0), "{err}");
    assert!(
        !err.contains("broken-link"),
        "a page left out of this build is not a broken link: {err}"
    );
    assert_eq!(
        files_containing(&out, "zqxhidden"),
        Vec::<String>::new(),
        "a link to a hidden page must not publish its path"
    );
    let doc = html(&out, "lessons/pointers/index.html");
    let hrefs: Vec<String> = doc
        .select(&sel(".prose a"))
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert_eq!(
        hrefs,
        ["../../training/open-course/01-start/index.html"],
        "links to hidden pages are plain text: {hrefs:?}"
    );
    let text = read(&out, "lessons/pointers/index.html");
    for words in ["the intro", "the course", "deep"] {
        assert!(text.contains(words), "the link text stays: {words}");
    }
}

/// The fixture plus static files referred to by a restricted page only, by
/// visible and restricted pages both, and by no page.
fn downloads_site(dir: &Path) {
    fixture_site(dir);
    write_files(
        dir,
        &[
            (
                "content/methodology/_index.md",
                "---\ntitle: Methodology\n---\n",
            ),
            (
                "content/methodology/open.md",
                "---\ntitle: Open method\ntemplates: [static/templates/shared.csv]\n---\nGet ![the chart](../../static/img/shared-chart.png).\n",
            ),
            (
                "content/methodology/vault.md",
                "---\ntitle: Vault method\naudience: restricted\ntemplates: [static/templates/zqxsecret-form.csv, static/templates/shared.csv]\n---\n\
See [the plan](../../static/zqxsecret-plan.pdf), ![chart](/img/zqxsecret-chart.png) and ![shared](../../static/img/shared-chart.png).\n",
            ),
            ("static/templates/shared.csv", "a,b\n"),
            ("static/templates/zqxsecret-form.csv", "secret,form\n"),
            ("static/zqxsecret-plan.pdf", "%PDF secret\n"),
            ("static/img/zqxsecret-chart.png", "png secret\n"),
            ("static/img/shared-chart.png", "png shared\n"),
            ("static/unreferenced.txt", "loose file\n"),
        ],
    );
}

#[test]
fn static_files_of_restricted_pages_only_are_not_copied() {
    let tmp = tempfile::tempdir().unwrap();
    downloads_site(tmp.path());
    let root = tmp.path().to_str().unwrap().to_string();
    let out = tmp.path().join("out");
    let res = folio(&["build", "--root", &root, "--output", out.to_str().unwrap()]);
    let err = stderr(&res);
    assert_eq!(res.status.code(), Some(0), "{err}");
    assert!(!err.contains("warning"), "nothing to warn about: {err}");
    assert_eq!(
        files_containing(&out, "zqxsecret"),
        Vec::<String>::new(),
        "a restricted page's downloads must not reach an internal build"
    );
    for kept in [
        "templates/shared.csv",
        "img/shared-chart.png",
        "unreferenced.txt",
    ] {
        assert!(out.join(kept).is_file(), "{kept} is copied");
    }
    assert!(!out.join("methodology/vault").exists());
    let open = read(&out, "methodology/open/index.html");
    assert!(open.contains("templates/shared.csv"), "{open}");

    let full = tmp.path().join("full");
    build_ok(tmp.path(), &full, &["--audience", "restricted"]);
    for kept in [
        "templates/zqxsecret-form.csv",
        "zqxsecret-plan.pdf",
        "img/zqxsecret-chart.png",
        "templates/shared.csv",
    ] {
        assert!(full.join(kept).is_file(), "{kept} is copied for restricted");
    }
}
