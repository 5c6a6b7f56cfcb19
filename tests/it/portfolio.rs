//! Portfolio figures on the built sample site, checked against values worked
//! out by hand from `data/projects/erp-finance-upgrade.yaml`.

use std::path::{Path, PathBuf};

use scraper::{Html, Selector};

use crate::support::*;

fn build_sample(as_of: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_ok(&repo_root(), &out, &["--as-of", as_of]);
    (tmp, out)
}

/// The EVM table of a project page as (measure, value) pairs.
fn evm_rows(out: &Path, id: &str) -> Vec<(String, String)> {
    let html = Html::parse_document(&read(out, &format!("projects/{id}/index.html")));
    let rows = Selector::parse("#evm tbody tr").unwrap();
    let td = Selector::parse("td").unwrap();
    html.select(&rows)
        .map(|r| {
            let cells: Vec<String> = r
                .select(&td)
                .map(|c| c.text().collect::<String>().trim().to_string())
                .collect();
            (cells[0].clone(), cells[1].clone())
        })
        .collect()
}

fn value<'a>(rows: &'a [(String, String)], measure: &str) -> &'a str {
    &rows
        .iter()
        .find(|(m, _)| m.starts_with(measure))
        .unwrap_or_else(|| panic!("{measure} in {rows:?}"))
        .1
}

#[test]
fn project_page_evm_matches_hand_calculation() {
    let (_tmp, out) = build_sample("2026-10-31");
    let rows = evm_rows(&out, "erp-finance-upgrade");
    // BAC 2,100,000; status 2026-10-31 says 87 %; AC on 2026-10-31 is 2,090,000.
    assert_eq!(value(&rows, "Budget at completion"), "EUR 2,100,000.00");
    // Planned: (2026-09-30, 84 %) → (2026-12-18, 100 %) is 79 days; D is 31 days in:
    // 84 + 16 × 31 / 79 = 90.2785 %, PV = 1,895,848.10.
    assert_eq!(value(&rows, "Planned % complete"), "90.28%");
    assert_eq!(value(&rows, "Planned value"), "EUR 1,895,848.10");
    assert_eq!(value(&rows, "Earned value"), "EUR 1,827,000.00");
    assert_eq!(value(&rows, "Actual cost"), "EUR 2,090,000.00");
    assert_eq!(value(&rows, "Cost variance"), "EUR -263,000.00");
    assert_eq!(value(&rows, "Schedule variance"), "EUR -68,848.10");
    // CPI 1,827,000 / 2,090,000 = 0.874; SPI 1,827,000 / 1,895,848.10 = 0.964.
    assert_eq!(value(&rows, "Cost performance"), "0.87");
    assert_eq!(value(&rows, "Schedule performance"), "0.96");
    // EAC is the forecast cost; overrun (2,420,000 − 2,100,000) / 2,100,000 = 15.24 %.
    assert_eq!(value(&rows, "Estimate at completion"), "EUR 2,420,000.00");
    assert_eq!(value(&rows, "Estimate to complete"), "EUR 330,000.00");
    assert_eq!(value(&rows, "Variance at completion"), "EUR -320,000.00");
    assert_eq!(value(&rows, "To-complete"), "27.30");
    assert_eq!(value(&rows, "Cost overrun"), "15.24%");
    // Forecast finish 2027-01-29 vs 2026-12-18: 42 days over a 535-day baseline.
    assert_eq!(value(&rows, "Slip (days)"), "42");
    assert_eq!(value(&rows, "Slip (% of duration)"), "7.85%");
    // Cost is red (CPI < 0.90 and overrun ≥ 10 %), schedule green (SPI ≥ 0.95, slip < 10 %):
    // computed red disagrees with the reported amber.
    let page = read(&out, "projects/erp-finance-upgrade/index.html");
    let html = Html::parse_document(&page);
    let flag = Selector::parse(".health .flag").unwrap();
    assert!(
        html.select(&flag).next().is_some(),
        "disagreement flag shown"
    );
}

#[test]
fn an_earlier_as_of_ignores_later_data() {
    let (_tmp, out) = build_sample("2026-06-30");
    let rows = evm_rows(&out, "erp-finance-upgrade");
    // Status of 2026-06-30 reports 62 %... read from the file to stay honest.
    let yaml = std::fs::read_to_string(repo_root().join("data/projects/erp-finance-upgrade.yaml"))
        .unwrap();
    let june = yaml.split("- date: 2026-06-30").nth(1).unwrap();
    let pc: f64 = june
        .lines()
        .find(|l| l.contains("percent_complete"))
        .unwrap()
        .split(':')
        .nth(1)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let ev = 2_100_000.0 * pc / 100.0;
    assert_eq!(
        value(&rows, "Earned value"),
        format!("EUR {}", folio::render::format::money(ev))
    );
    assert_eq!(value(&rows, "Actual cost"), "EUR 1,440,000.00");
    // PV on a planned point is exactly that point: 62 % of 2,100,000.
    assert_eq!(value(&rows, "Planned value"), "EUR 1,302,000.00");
    let json: serde_json::Value = serde_json::from_str(&read(&out, "projects/index.json")).unwrap();
    assert_eq!(json["as_of"], "2026-06-30");
}

#[test]
fn dashboard_totals_cover_the_visible_projects() {
    let (_tmp, out) = build_sample("2026-10-31");
    let json: serde_json::Value = serde_json::from_str(&read(&out, "projects/index.json")).unwrap();
    let projects = json["projects"].as_array().unwrap();
    // Budgets of every project file that is not restricted, summed by hand from the YAML.
    let mut budget = 0.0;
    let mut visible = 0;
    for e in std::fs::read_dir(repo_root().join("data/projects")).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        if text.contains("audience: restricted") {
            continue;
        }
        visible += 1;
        if let Some(line) = text.lines().find(|l| l.starts_with("baseline:")) {
            let b = line
                .split("budget:")
                .nth(1)
                .unwrap()
                .trim()
                .trim_end_matches('}')
                .trim();
            budget += b.parse::<f64>().unwrap();
        }
    }
    assert_eq!(projects.len(), visible);
    assert!(
        projects.iter().all(|p| p["id"] != "soc-modernisation"),
        "restricted project must not leak"
    );
    let html = Html::parse_document(&read(&out, "index.html"));
    let kpi = Selector::parse(".kpi").unwrap();
    let kpis: Vec<String> = html
        .select(&kpi)
        .map(|k| k.text().collect::<String>())
        .collect();
    let expected = format!("EUR {}", folio::render::format::money_whole(budget));
    assert!(
        kpis.iter()
            .any(|k| k.contains(&expected) && k.contains("Total budget")),
        "{expected} in {kpis:?}"
    );
    // Portfolio CPI = ΣEV / ΣAC over the JSON figures.
    let sum = |k: &str| {
        projects
            .iter()
            .map(|p| p[k].as_f64().unwrap_or(0.0))
            .sum::<f64>()
    };
    let cpi = format!("{:.2}", sum("ev") / sum("ac"));
    assert!(
        kpis.iter()
            .any(|k| k.contains(&cpi) && k.contains("Portfolio CPI")),
        "{cpi} in {kpis:?}"
    );
}

#[test]
fn exports_have_every_metric_unrounded() {
    let (_tmp, out) = build_sample("2026-10-31");
    let json: serde_json::Value = serde_json::from_str(&read(&out, "projects/index.json")).unwrap();
    assert_eq!(json["currency"], "EUR");
    let erp = json["projects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "erp-finance-upgrade")
        .unwrap();
    assert_eq!(erp["ev"], 1_827_000.0);
    assert!((erp["cpi"].as_f64().unwrap() - 1_827_000.0 / 2_090_000.0).abs() < 1e-12);
    assert_eq!(erp["health"]["cost"], "red");
    assert_eq!(erp["health"]["schedule"], "green");
    assert_eq!(erp["reported_rag"], "amber");
    assert_eq!(erp["slip_days"], 42);
    let loyalty = json["projects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "loyalty-programme-refresh")
        .unwrap();
    assert!(
        loyalty["cpi"].is_null() && loyalty["health"]["overall"].is_null(),
        "no baseline → n/a"
    );
    let csv = std::fs::read(out.join("projects/projects.csv")).unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM for Excel");
    let load: serde_json::Value = serde_json::from_str(&read(&out, "resources/load.json")).unwrap();
    // li.wei: Apollo 100 % plus loyalty 20 % through October 2026.
    assert!((load["li.wei"]["2026-10"].as_f64().unwrap() - 120.0).abs() < 1e-9);
    let resources = read(&out, "resources/index.html");
    assert!(resources.contains("Li Wei"));
}

#[test]
fn charts_have_titles_summaries_and_data_tables() {
    let (_tmp, out) = build_sample("2026-10-31");
    for (page, id) in [
        (
            "projects/erp-finance-upgrade/index.html",
            "scurve-erp-finance-upgrade",
        ),
        ("index.html", "rag-distribution"),
        ("index.html", "timeline"),
        ("projects/index.html", "budget"),
        ("index.html", "value-risk"),
        ("reports/index.html", "health-trend"),
        (
            "projects/erp-finance-upgrade/index.html",
            "milestones-erp-finance-upgrade",
        ),
        ("lessons/index.html", "lessons-by-category"),
    ] {
        let html = Html::parse_document(&read(&out, page));
        let fig = Selector::parse(&format!("figure#{id}")).unwrap();
        let fig = html
            .select(&fig)
            .next()
            .unwrap_or_else(|| panic!("{id} on {page}"));
        let title = Selector::parse("svg[role=img] > title").unwrap();
        assert!(fig.select(&title).next().is_some(), "{id}: svg title");
        let rows = Selector::parse("details table tbody tr").unwrap();
        assert!(fig.select(&rows).count() > 0, "{id}: data table");
        let summary = Selector::parse(".chart-summary").unwrap();
        assert!(
            !fig.select(&summary)
                .next()
                .unwrap()
                .text()
                .collect::<String>()
                .trim()
                .is_empty()
        );
    }
}

#[test]
fn chinese_charts_carry_chinese_labels() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let root = repo_root().join("examples/zh-cn");
    build_ok(&root, &out, &[]);
    let home = read(&out, "index.html");
    assert!(home.contains("<title id=\"rag-distribution-title\">项目健康度（报告与计算）</title>"));
    let svg_start = home.find("rag-distribution-title").unwrap();
    let svg = &home[svg_start..svg_start + home[svg_start..].find("</svg>").unwrap()];
    assert!(
        svg.contains("报告状态") && svg.contains("计算健康度"),
        "legend in Chinese"
    );
}
