//! A report built as of its period's end has the same content as the same
//! report in a build as of a later date: a report depends only on data
//! dated on or before its period end (dated forecasts and baselines, status,
//! actuals, risks, decisions, changes). "Content" is the page's `<main>`
//! without its `<nav>` elements (links to other periods, which a later build
//! has more of).

use std::path::Path;

use jiff::civil::Date;

use crate::support::{options, repo_root};

/// `<main>…</main>` of `html` with every `<nav>…</nav>` inside it removed.
fn content(html: &str) -> String {
    let start = html.find("<main").expect("a <main> element");
    let end = html.rfind("</main>").expect("a </main>") + "</main>".len();
    let mut main = html[start..end].to_string();
    while let Some(a) = main.find("<nav") {
        let b = main[a..].find("</nav>").expect("a closed <nav>") + a + "</nav>".len();
        main.replace_range(a..b, "");
    }
    main
}

fn compile(root: &Path, as_of: Option<Date>) -> folio::build::Compiled {
    let mut opts = options(root);
    opts.as_of = as_of;
    let c = folio::build::compile(&opts).expect("the sample compiles");
    assert!(!c.diagnostics.has_errors(), "{:?}", c.diagnostics);
    c
}

/// The last day of the month `YYYY-MM`.
fn month_end(id: &str) -> Date {
    let first: Date = format!("{id}-01").parse().expect("a month id");
    first.last_of_month()
}

fn reports_equal_as_of_their_period_end(root: &Path) -> usize {
    let today = compile(root, None);
    let mut ids: Vec<String> = today
        .tree
        .paths()
        .filter_map(|p| p.strip_prefix("reports/")?.strip_suffix("/index.html"))
        .filter(|id| id.len() == 7)
        .map(str::to_string)
        .collect();
    ids.sort();
    assert!(ids.len() >= 12, "a year of monthly reports: {ids:?}");
    for id in &ids {
        let path = format!("reports/{id}/index.html");
        let later = content(&today.tree.get_str(&path).expect("report"));
        let then = compile(root, Some(month_end(id)));
        let at_end = content(&then.tree.get_str(&path).expect("the report as of its end"));
        if later != at_end {
            let line = later
                .lines()
                .zip(at_end.lines())
                .find(|(a, b)| a != b)
                .map(|(a, b)| format!("\n today: {a}\n then:  {b}"))
                .unwrap_or_default();
            panic!(
                "{} {id}: the report differs when built as of {}{line}",
                root.display(),
                month_end(id)
            );
        }
    }
    ids.len()
}

#[test]
fn every_sample_report_is_the_same_built_as_of_its_period_end() {
    let n = reports_equal_as_of_their_period_end(&repo_root());
    assert!(n >= 12);
}

#[test]
fn every_chinese_sample_report_is_the_same_built_as_of_its_period_end() {
    let n = reports_equal_as_of_their_period_end(&repo_root().join("examples/zh-cn"));
    assert!(n >= 6);
}

#[test]
fn content_drops_navigation_but_keeps_the_rest() {
    let html =
        "<html><nav>site</nav><main><nav>a</nav><p>x</p><nav class=\"p\">b</nav></main></html>";
    assert_eq!(content(html), "<main><p>x</p></main>");
}
