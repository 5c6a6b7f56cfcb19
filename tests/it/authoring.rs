//! What knowledge authors write: shortcodes with live figures, alerts, and
//! that an incremental build follows what a shortcode shows.

use folio::build::compile;
use folio::incremental::Session;
use scraper::{ElementRef, Html, Selector};

use crate::support::{
    assert_rejected_at, build, build_ok, copy_sample, fixture_site, options, read, repo_root,
    stderr, write_files,
};

const NARRATIVE: &str = "reports/2026-10-narrative/index.html";

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(e: ElementRef<'_>) -> String {
    e.text().collect::<String>().trim().to_string()
}

/// The value a project page's EVM table shows for a measure.
fn evm_value(project_page: &Html, label: &str) -> String {
    project_page
        .select(&sel("#evm tbody tr"))
        .find(|r| r.select(&sel("td")).next().map(text).as_deref() == Some(label))
        .and_then(|r| r.select(&sel("td")).nth(1).map(text))
        .unwrap_or_else(|| panic!("no {label} row"))
}

#[test]
fn the_sample_narrative_shows_live_figures_charts_and_tables() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build_ok(&repo_root(), &out, &[]);
    let page = Html::parse_document(&read(&out, NARRATIVE));
    let project = Html::parse_document(&read(&out, "projects/apollo-crm/index.html"));

    // figure(): the numbers of the project page, untouched by smart punctuation.
    let figures: Vec<(String, String)> = page
        .select(&sel(".prose span.figure"))
        .map(|e| {
            (
                e.value().attr("data-metric").unwrap_or("").to_string(),
                text(e),
            )
        })
        .collect();
    assert_eq!(figures.len(), 3, "{figures:?}");
    assert_eq!(
        figures[0],
        (
            "cpi".into(),
            evm_value(&project, "Cost performance index (CPI)")
        )
    );
    assert_eq!(figures[2].0, "forecast_finish");
    assert_eq!(figures[2].1, evm_value(&project, "Forecast finish"));

    // chart(): the S-curve of the project and the RAG chart of the portfolio, as SVG.
    let charts: Vec<String> = page
        .select(&sel(".prose .shortcode-chart figure.chart"))
        .map(|e| e.value().attr("id").unwrap_or("").to_string())
        .collect();
    assert_eq!(charts.len(), 2, "{charts:?}");
    assert!(
        charts.contains(&"rag-distribution".to_string()),
        "{charts:?}"
    );
    let project_charts: Vec<String> = project
        .select(&sel("figure.chart"))
        .map(|e| e.value().attr("id").unwrap_or("").to_string())
        .collect();
    assert!(
        charts
            .iter()
            .any(|c| project_charts.contains(c) && c != "rag-distribution"),
        "the EVM chart of the project page: {charts:?} vs {project_charts:?}"
    );
    assert_eq!(page.select(&sel(".prose .shortcode-chart svg")).count(), 2);

    // kpis(): the portfolio's project count is the dashboard's.
    let kpis: Vec<ElementRef<'_>> = page.select(&sel(".prose ul.shortcode-kpis")).collect();
    assert_eq!(kpis.len(), 2);
    let home = Html::parse_document(&read(&out, "index.html"));
    let first_kpi = |h: &Html, s: &str| h.select(&sel(s)).next().map(text).unwrap_or_default();
    assert_eq!(
        first_kpi(&page, ".prose ul.shortcode-kpis .kpi-value"),
        first_kpi(&home, "ul.kpis .kpi-value")
    );

    // project_card(): links to the project.
    let card = page.select(&sel(".prose .project-card")).next().unwrap();
    assert_eq!(
        card.select(&sel("h3 a"))
            .next()
            .and_then(|a| a.value().attr("href")),
        Some("../../projects/apollo-crm/index.html")
    );

    // risks(min_score=15): exactly the open risks of the risk register scored 15 or more.
    let scores = |h: &Html, s: &str| -> Vec<u32> {
        h.select(&sel(s))
            .filter_map(|r| r.select(&sel("td")).nth(3).map(text))
            .filter_map(|t| t.parse().ok())
            .collect()
    };
    let shown = scores(&page, ".prose .shortcode-table [id^=risks-] tbody tr");
    let register: Vec<u32> = scores(
        &Html::parse_document(&read(&out, "risks/index.html")),
        "table.data tbody tr",
    )
    .into_iter()
    .filter(|&s| s >= 15)
    .collect();
    assert!(!shown.is_empty());
    assert_eq!(shown.len(), register.len(), "{shown:?} vs {register:?}");

    // projects(health="red"): every row is red.
    let rows: Vec<ElementRef<'_>> = page
        .select(&sel(".prose .shortcode-table [id^=projects-] tbody tr"))
        .collect();
    assert!(!rows.is_empty());
    for r in rows {
        assert!(
            r.select(&sel("td.rag-red")).next().is_some(),
            "{}",
            r.html()
        );
    }

    // The escape writes the shortcode itself, straight quotes and all.
    let prose = page.select(&sel(".prose")).next().map(text).unwrap();
    assert!(
        prose.contains("{{ figure(project=\"apollo-crm\", metric=\"cpi\") }}"),
        "{prose}"
    );
    assert!(!page.html().contains('\u{E000}'));
}

#[test]
fn the_chinese_sample_narrative_shows_figures_and_a_translated_alert() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build_ok(&repo_root().join("examples/zh-cn"), &out, &[]);
    let page = Html::parse_document(&read(&out, NARRATIVE));
    assert_eq!(page.select(&sel(".prose span.figure")).count(), 3);
    assert_eq!(page.select(&sel(".prose figure.chart svg")).count(), 2);
    let title = page
        .select(&sel("blockquote.markdown-alert-important .alert-title"))
        .next()
        .map(text);
    assert_eq!(title.as_deref(), Some("重要"));
}

/// A public page naming an internal project: the public build shows nothing of it.
#[test]
fn shortcodes_respect_the_audience() {
    let tmp = tempfile::tempdir().unwrap();
    fixture_site(tmp.path());
    write_files(
        tmp.path(),
        &[
            (
                "folio.yaml",
                "title: Fixture PMO\nlanguage: en\nas_of: 2026-06-30\ncurrency: EUR\naudiences: [public, internal]\ndefault_audience: internal\n",
            ),
            (
                "content/news.md",
                "---\ntitle: News\naudience: public\n---\nApollo is {{ figure(project=\"apollo\", metric=\"health\") }}.\n\n{{ project_card(id=\"apollo\") }}\n\n{{ chart(kind=\"evm\", project=\"apollo\") }}\n\n{{ risks(project=\"apollo\") }}\n",
            ),
        ],
    );
    let project = std::fs::read_to_string(tmp.path().join("data/projects/apollo.yaml")).unwrap();
    write_files(
        tmp.path(),
        &[(
            "data/projects/apollo.yaml",
            &format!("{project}audience: internal\n"),
        )],
    );
    let internal = tmp.path().join("internal");
    build_ok(tmp.path(), &internal, &[]);
    let page = read(&internal, "news/index.html");
    assert!(page.contains("Apollo CRM"), "{page}");
    assert!(page.contains("class=\"shortcode project-card\""), "{page}");

    let public = tmp.path().join("public-site");
    build_ok(tmp.path(), &public, &["--audience", "public"]);
    let page = read(&public, "news/index.html");
    assert!(!page.contains("Apollo CRM"), "{page}");
    assert!(!page.contains("project-card"), "{page}");
    assert!(!page.contains("apollo/index.html"), "{page}");
    let html = Html::parse_document(&page);
    let figure = html.select(&sel("span.figure")).next().map(text);
    assert_eq!(figure.as_deref(), Some("n/a"));
}

#[test]
fn an_unknown_project_is_an_error_at_its_argument_with_a_suggestion() {
    let err = assert_rejected_at(
        &[(
            "content/lessons/figures.md",
            b"---\ntitle: Figures\n---\nIntro.\n\nCPI {{ figure(project=\"apolo\", metric=\"cpi\") }}.\n",
        )],
        "content/lessons/figures.md:6:23",
        "unknown project `apolo`",
    );
    assert!(err.contains("did you mean `apollo`?"), "{err}");
}

#[test]
fn an_unknown_shortcode_or_argument_is_an_error_with_a_suggestion() {
    let err = assert_rejected_at(
        &[(
            "content/lessons/figures.md",
            b"---\ntitle: Figures\n---\n{{ kpi(programme=\"cx\") }}\n",
        )],
        "content/lessons/figures.md:4:1",
        "unknown shortcode `kpi`",
    );
    assert!(err.contains("did you mean `kpis`?"), "{err}");
    let err = assert_rejected_at(
        &[(
            "content/lessons/figures.md",
            b"---\ntitle: Figures\n---\n\n{{ chart(kind=\"evm\", projet=\"apollo\") }}\n",
        )],
        "content/lessons/figures.md:5:29",
        "unknown argument `projet`",
    );
    assert!(err.contains("did you mean `project`?"), "{err}");
    let err = assert_rejected_at(
        &[(
            "content/lessons/figures.md",
            b"---\ntitle: Figures\n---\n{{ kpis(programme=\"xc\") }}\n",
        )],
        "content/lessons/figures.md:4:19",
        "unknown programme `xc`",
    );
    assert!(err.contains("did you mean `cx`?"), "{err}");
}

#[test]
fn a_site_shortcode_is_a_template_and_alerts_render_with_titles() {
    let tmp = tempfile::tempdir().unwrap();
    fixture_site(tmp.path());
    write_files(
        tmp.path(),
        &[
            (
                "templates/shortcodes/callout.html",
                "<aside class=\"callout callout-{{ kind }}\">{{ text }} ({{ n }})</aside>",
            ),
            (
                "content/lessons/notes.md",
                "---\ntitle: Notes\n---\n{{ callout(kind=\"x\", text=\"<b>hi</b>\", n=3) }}\n\n\
                 > [!NOTE]\n> n\n\n> [!TIP]\n> t\n\n> [!IMPORTANT]\n> i\n\n> [!WARNING]\n> w\n\n> [!CAUTION]\n> c\n\n> plain quote\n",
            ),
        ],
    );
    let out = tmp.path().join("out");
    let res = build(tmp.path(), &out, &[]);
    assert!(res.status.success(), "{}", stderr(&res));
    let page = Html::parse_document(&read(&out, "lessons/notes/index.html"));
    let callout = page.select(&sel("aside.callout-x")).next().unwrap();
    assert_eq!(text(callout), "<b>hi</b> (3)", "arguments are escaped");
    let alerts: Vec<(String, String)> = page
        .select(&sel(".prose blockquote"))
        .map(|b| {
            (
                b.value().attr("class").unwrap_or("").to_string(),
                b.select(&sel(".alert-title"))
                    .next()
                    .map(text)
                    .unwrap_or_default(),
            )
        })
        .collect();
    let want: Vec<(String, String)> = [
        ("note", "Note"),
        ("tip", "Tip"),
        ("important", "Important"),
        ("warning", "Warning"),
        ("caution", "Caution"),
    ]
    .iter()
    .map(|(k, t)| (format!("markdown-alert-{k}"), t.to_string()))
    .chain(std::iter::once((String::new(), String::new())))
    .collect();
    assert_eq!(alerts, want);
}

/// Edits of project data reach a page through its shortcodes, and an edit
/// of a page's shortcodes changes what it depends on.
#[test]
fn incremental_builds_follow_what_shortcodes_show() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    copy_sample(root);
    let mut session = Session::start(options(root)).unwrap();
    assert!(!session.diagnostics().has_errors());
    let narrative =
        |s: &Session| String::from_utf8(s.tree().get(NARRATIVE).unwrap().into_owned()).unwrap();
    assert!(narrative(&session).contains(">2027-01-29</span>"));

    let edit = |rel: &str, from: &str, to: &str| {
        let p = root.join(rel);
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.contains(from), "{rel} lacks {from}");
        std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
        p
    };
    let same_as_clean = |s: &Session| {
        let clean = compile(&options(root)).unwrap();
        assert!(!clean.diagnostics.has_errors());
        let paths: Vec<&str> = clean.tree.paths().collect();
        assert_eq!(s.tree().paths().collect::<Vec<_>>(), paths);
        for p in paths {
            assert!(
                s.tree().get(p) == clean.tree.get(p),
                "{p} differs from a clean build"
            );
        }
    };

    // The project's forecast finish moves: the narrative shows the new date.
    let p = edit(
        "data/projects/apollo-crm.yaml",
        "forecast: { finish: 2027-01-29",
        "forecast: { finish: 2027-03-31",
    );
    let update = session.update(&[p]).unwrap();
    assert!(!update.full);
    assert!(
        update.changed.iter().any(|c| c == NARRATIVE),
        "{:?}",
        update.changed
    );
    assert!(narrative(&session).contains(">2027-03-31</span>"));
    same_as_clean(&session);

    // The page now names another project; an edit of that one reaches it too.
    let rel = "content/reports/2026-10-narrative.md";
    let p = edit(
        rel,
        "{{ figure(project=\"apollo-crm\", metric=\"forecast_finish\") }}",
        "{{ figure(project=\"records-retention\", metric=\"forecast_finish\") }}",
    );
    session.update(&[p]).unwrap();
    same_as_clean(&session);
    let data = std::fs::read_to_string(root.join("data/projects/records-retention.yaml")).unwrap();
    let finish = data
        .lines()
        .find_map(|l| l.strip_prefix("forecast: { finish: "))
        .map(|r| r[..10].to_string())
        .expect("records-retention has a dated forecast");
    let p = edit(
        "data/projects/records-retention.yaml",
        &format!("forecast: {{ finish: {finish}"),
        "forecast: { finish: 2028-02-29",
    );
    let update = session.update(&[p]).unwrap();
    assert!(
        update.changed.iter().any(|c| c == NARRATIVE),
        "{:?}",
        update.changed
    );
    assert!(narrative(&session).contains(">2028-02-29</span>"));
    same_as_clean(&session);
}

#[test]
fn code_blocks_are_highlighted_with_token_classes_at_build_time() {
    let tmp = tempfile::tempdir().unwrap();
    fixture_site(tmp.path());
    write_files(
        tmp.path(),
        &[(
            "content/lessons/code.md",
            "---\ntitle: Code\n---\n```yaml\nname: Apollo # the id is the file name\nbudget: 1200000\n```\n\n\
             ```python\nprint(\"<b>{{ kpis() }}</b>\")\n```\n\n```no-such-language\nkeep <me>\n```\n\n    indented\n",
        )],
    );
    let out = tmp.path().join("out");
    build_ok(tmp.path(), &out, &[]);
    let page = Html::parse_document(&read(&out, "lessons/code/index.html"));
    let blocks: Vec<ElementRef<'_>> = page.select(&sel(".prose pre")).collect();
    assert_eq!(blocks.len(), 4);
    let classes = |e: ElementRef<'_>| -> Vec<String> {
        e.select(&sel("span"))
            .flat_map(|s| s.value().classes().map(str::to_string).collect::<Vec<_>>())
            .collect()
    };
    let yaml = classes(blocks[0]);
    assert_eq!(blocks[0].value().attr("class"), Some("highlight"));
    assert!(yaml.iter().any(|c| c == "hl-comment"), "{yaml:?}");
    assert!(yaml.iter().any(|c| c == "hl-entity"), "{yaml:?}");
    let python = classes(blocks[1]);
    assert!(python.iter().any(|c| c == "hl-string"), "{python:?}");
    // Code is text: neither HTML nor a shortcode.
    assert_eq!(text(blocks[1]), "print(\"<b>{{ kpis() }}</b>\")");
    assert!(blocks[1].select(&sel("b")).next().is_none());
    for plain in &blocks[2..] {
        assert!(plain.value().attr("class").is_none());
        assert!(classes(*plain).is_empty());
    }
    assert_eq!(text(blocks[2]), "keep <me>");
    let css = read(&out, "assets/folio.css");
    assert!(css.contains(".hl-comment"), "the theme styles the classes");
}

fn xml(out: &std::path::Path, rel: &str) -> String {
    read(out, rel)
}

/// Atom element children of `node` named `name`.
fn kids<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Vec<roxmltree::Node<'a, 'i>> {
    node.children()
        .filter(|c| c.tag_name().name() == name && c.tag_name().namespace() == Some(ATOM))
        .collect()
}

const ATOM: &str = "http://www.w3.org/2005/Atom";

#[test]
fn feeds_are_atom_with_absolute_links_and_linked_from_their_sections() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build_ok(&repo_root(), &out, &[]);
    let base = "https://intranet.example.com/pmo/";
    for section in ["lessons", "cases", "reports"] {
        let text = xml(&out, &format!("{section}/atom.xml"));
        let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
        let feed = doc.root_element();
        assert_eq!(feed.tag_name().name(), "feed");
        assert_eq!(feed.tag_name().namespace(), Some(ATOM));
        for required in ["title", "id", "updated"] {
            assert_eq!(kids(feed, required).len(), 1, "{section}: {required}");
        }
        let entries = kids(feed, "entry");
        assert!(!entries.is_empty(), "{section}");
        let mut last = None;
        for e in &entries {
            let link = kids(*e, "link")[0].attribute("href").unwrap();
            assert!(link.starts_with(base), "{link}");
            let rel = &link[base.len()..];
            assert!(
                out.join(rel).join("index.html").is_file(),
                "{link} is a page"
            );
            let updated = kids(*e, "updated")[0].text().unwrap().to_string();
            assert!(
                last.as_ref().is_none_or(|l: &String| *l >= updated),
                "newest first"
            );
            last = Some(updated);
        }
        // Every page the section lists (and every period report) is an entry.
        let index = Html::parse_document(&read(&out, &format!("{section}/index.html")));
        let listed = if section == "reports" {
            std::fs::read_dir(out.join("reports"))
                .unwrap()
                .filter(|e| {
                    e.as_ref()
                        .unwrap()
                        .file_name()
                        .to_string_lossy()
                        .starts_with("20")
                })
                .count()
        } else {
            index.select(&sel("ul.items li.item")).count()
        };
        assert_eq!(entries.len(), listed.min(50), "{section}");
        let href = index
            .select(&sel(
                "head link[rel=alternate][type='application/atom+xml']",
            ))
            .next()
            .and_then(|l| l.value().attr("href").map(str::to_string));
        assert_eq!(href, Some(format!("../{section}/atom.xml")));
    }
    let home = Html::parse_document(&read(&out, "index.html"));
    assert!(
        home.select(&sel("head link[rel=alternate]"))
            .next()
            .is_none()
    );

    // The sitemap: absolute, with lastmod from the sources.
    let text = xml(&out, "sitemap.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let urls: Vec<(String, Option<String>)> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "url")
        .map(|u| {
            let child = |name: &str| {
                u.children()
                    .find(|c| c.tag_name().name() == name)
                    .and_then(|c| c.text())
                    .map(str::to_string)
            };
            (child("loc").unwrap(), child("lastmod"))
        })
        .collect();
    assert!(
        urls.iter().all(|(loc, _)| loc.starts_with(base)),
        "{urls:?}"
    );
    let narrative = urls
        .iter()
        .find(|(loc, _)| loc.ends_with("/reports/2026-10-narrative/"))
        .unwrap();
    assert_eq!(narrative.1.as_deref(), Some("2026-10-31"));
    let project = urls
        .iter()
        .find(|(loc, _)| loc.ends_with("/projects/apollo-crm/"))
        .unwrap();
    assert!(project.1.is_some(), "a project's latest status dates it");
}

#[test]
fn without_base_url_there_is_no_feed_or_sitemap_and_one_line_says_why() {
    let tmp = tempfile::tempdir().unwrap();
    fixture_site(tmp.path());
    let out = tmp.path().join("out");
    let res = build(tmp.path(), &out, &[]);
    assert!(res.status.success(), "{}", stderr(&res));
    let err = stderr(&res);
    assert_eq!(
        err.lines().filter(|l| l.contains("base_url")).count(),
        1,
        "{err}"
    );
    assert!(!out.join("sitemap.xml").exists());
    assert!(!out.join("lessons/atom.xml").exists());
    assert!(!read(&out, "lessons/index.html").contains("atom.xml"));
    assert!(!read(&out, "robots.txt").contains("Sitemap"));
    let with = tmp.path().join("with");
    build_ok(tmp.path(), &with, &["--base-url", "https://x.example/pmo"]);
    assert!(read(&with, "sitemap.xml").contains(
        "<loc>https://x.example/pmo/lessons/vendor-exit/</loc><lastmod>2026-03-01</lastmod>"
    ));
    assert!(read(&with, "lessons/atom.xml").contains("https://x.example/pmo/lessons/vendor-exit/"));
}
