//! Portfolio figures on the built sample site, checked against values worked
//! out by hand from `data/projects/erp-finance-upgrade.yaml`.

use std::path::{Path, PathBuf};

use scraper::{Html, Selector};

use crate::support::*;

const EUR: folio::render::format::Money<'static> = folio::render::format::Money {
    currency: "EUR",
    language: folio::config::Language::En,
};

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
    assert_eq!(value(&rows, "Cost variance"), "\u{2212}EUR 263,000.00");
    assert_eq!(value(&rows, "Schedule variance"), "\u{2212}EUR 68,848.10");
    // CPI 1,827,000 / 2,090,000 = 0.874; SPI 1,827,000 / 1,895,848.10 = 0.964.
    assert_eq!(value(&rows, "Cost performance"), "0.87");
    assert_eq!(value(&rows, "Schedule performance"), "0.96");
    // EAC is the forecast cost; overrun (2,420,000 − 2,100,000) / 2,100,000 = 15.24 %.
    assert_eq!(value(&rows, "Estimate at completion"), "EUR 2,420,000.00");
    assert_eq!(value(&rows, "Estimate to complete"), "EUR 330,000.00");
    assert_eq!(
        value(&rows, "Variance at completion"),
        "\u{2212}EUR 320,000.00"
    );
    // TCPI = (2,100,000 − 1,827,000) / (2,100,000 − 2,090,000) = 27.30: out of
    // reach, said beside it; against EAC (2,420,000 − 2,090,000) it is 0.83.
    assert_eq!(
        value(&rows, "To-complete"),
        "27.30 — not achievable on budget; read TCPI against EAC"
    );
    assert_eq!(value(&rows, "TCPI against EAC"), "0.83");
    assert_eq!(value(&rows, "EAC by CPI"), "EUR 2,402,298.85");
    assert_eq!(value(&rows, "EAC at budget rate"), "EUR 2,363,000.00");
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
    assert_eq!(value(&rows, "Earned value"), EUR.cents(ev));
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
        // One mapping, or a dated list: the version dated last on or before D.
        let dated = text
            .lines()
            .skip_while(|l| !l.starts_with("baseline:"))
            .skip(1)
            .take_while(|l| l.starts_with("  - {"))
            .filter(|l| {
                l.split("date:")
                    .nth(1)
                    .is_some_and(|d| d.trim()[..10] <= *"2026-10-31")
            })
            .last();
        let single = text.lines().find(|l| l.starts_with("baseline: {"));
        if let Some(line) = single.or(dated) {
            let b = line
                .split("budget:")
                .nth(1)
                .unwrap()
                .split([',', '}'])
                .next()
                .unwrap()
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
    let expected = EUR.whole(budget);
    assert!(
        kpis.iter().any(|k| k.contains(&expected)
            && k.contains("Total budget (excluding Loyalty programme refresh: no figure)")),
        "{expected} in {kpis:?}"
    );
    // Portfolio CPI = ΣEV / ΣAC over the JSON figures of the projects with a
    // baseline (SPEC 3.4): the cost of one without a budget is not in the ratio.
    let sum = |k: &str| {
        projects
            .iter()
            .filter(|p| p["bac"].is_number())
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

/// The text of the chart summary of `figure#id` on a page.
fn chart_summary(html: &Html, id: &str) -> String {
    let sel = Selector::parse(&format!("figure#{id} .chart-summary")).unwrap();
    html.select(&sel)
        .next()
        .unwrap_or_else(|| panic!("chart {id}"))
        .text()
        .collect::<String>()
}

/// Projects of the sample site as (id, index.json entry).
fn exported_projects(out: &Path) -> Vec<serde_json::Value> {
    let json: serde_json::Value = serde_json::from_str(&read(out, "projects/index.json")).unwrap();
    json["projects"].as_array().unwrap().clone()
}

#[test]
fn a_count_counts_only_projects_that_have_the_input_and_names_the_rest() {
    let (_tmp, out) = build_sample("2026-10-31");
    let projects = exported_projects(&out);
    // Hand count from the exported figures: a project is over budget when
    // EAC > BAC; one without a budget (or EAC) is neither and is named.
    let with_input: Vec<_> = projects
        .iter()
        .filter(|p| p["bac"].is_number() && p["eac"].is_number())
        .collect();
    let over = with_input
        .iter()
        .filter(|p| p["eac"].as_f64() > p["bac"].as_f64())
        .count();
    assert_eq!(
        (over, with_input.len(), projects.len()),
        (5, 10, 11),
        "the sample has one project without a baseline"
    );
    let html = Html::parse_document(&read(&out, "projects/index.html"));
    let summary = chart_summary(&html, "budget");
    assert!(
        summary.starts_with("5 of 10 projects are forecast to cost more than their budget."),
        "{summary}"
    );
    assert!(
        summary.contains(
            "Not counted (no budget or no estimate at completion): Loyalty programme refresh."
        ),
        "{summary}"
    );
}

#[test]
fn the_timeline_names_the_project_it_leaves_out() {
    let (_tmp, out) = build_sample("2026-10-31");
    let projects = exported_projects(&out);
    // Late: forecast finish after the baseline finish (slip > 0), of the projects with a baseline.
    let late = projects
        .iter()
        .filter(|p| p["slip_days"].as_i64().is_some_and(|s| s > 0))
        .count();
    let with_baseline = projects.iter().filter(|p| p["bac"].is_number()).count();
    let html = Html::parse_document(&read(&out, "index.html"));
    let summary = chart_summary(&html, "timeline");
    assert!(
        summary.starts_with(&format!(
            "{late} of {with_baseline} projects forecast to finish after their baseline."
        )),
        "{summary}"
    );
    assert!(
        summary.ends_with("Not shown (no baseline): Loyalty programme refresh."),
        "{summary}"
    );
    let rows = Selector::parse("figure#timeline details tbody tr").unwrap();
    assert_eq!(html.select(&rows).count(), with_baseline);
    // The Chinese sample names its project without a baseline in Chinese.
    let tmp = tempfile::tempdir().unwrap();
    let zh_out = tmp.path().join("public");
    build_ok(&repo_root().join("examples/zh-cn"), &zh_out, &[]);
    let zh = Html::parse_document(&read(&zh_out, "index.html"));
    let zh_summary = chart_summary(&zh, "timeline");
    assert!(
        zh_summary.ends_with("未显示（无基准）：数电发票平台对接。"),
        "{zh_summary}"
    );
}

#[test]
fn a_ratio_rounded_onto_a_threshold_shows_which_side_it_is_on() {
    let (_tmp, out) = build_sample("2026-10-31");
    // Programme SPI = ΣEV / ΣPV over its projects, from the unrounded exports.
    let projects = exported_projects(&out);
    let sum = |k: &str| {
        projects
            .iter()
            .filter(|p| p["programme"] == "customer-experience")
            .map(|p| p[k].as_f64().unwrap_or(0.0))
            .sum::<f64>()
    };
    let spi = sum("ev") / sum("pv");
    assert_eq!(format!("{spi:.2}"), "0.90", "rounds onto the red threshold");
    assert!(spi < 0.90, "but lies below it: {spi}");
    let html = Html::parse_document(&read(&out, "programmes/index.html"));
    let row = Selector::parse("#programmes tbody tr").unwrap();
    let td = Selector::parse("td").unwrap();
    let cells: Vec<(String, String)> = html
        .select(&row)
        .find(|r| r.text().any(|t| t.contains("Customer Experience")))
        .unwrap()
        .select(&td)
        .map(|c| {
            (
                c.text().collect::<String>().trim().to_string(),
                c.value().attr("class").unwrap_or_default().to_string(),
            )
        })
        .collect();
    let (text, class) = cells.last().unwrap();
    assert_eq!(text, &format!("{spi:.3}"));
    assert!(class.contains("bad"), "below red: {class}");
}

#[test]
fn money_has_one_style_and_one_negative() {
    let (_tmp, out) = build_sample("2026-10-31");
    let rows = evm_rows(&out, "erp-finance-upgrade");
    assert_eq!(value(&rows, "Cost variance"), "\u{2212}EUR 263,000.00");
    // No generated page shows money another way: no `EUR -1`, no `1 EUR`, no
    // `EUR 1k` (Markdown pages say what their authors wrote).
    let generated = |rel: &Path| {
        rel == Path::new("index.html")
            || [
                "projects",
                "programmes",
                "reports",
                "risks",
                "resources",
                "people",
            ]
            .iter()
            .any(|d| rel.starts_with(d))
    };
    let mut pages = Vec::new();
    let mut stack = vec![out.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "html")
                && generated(p.strip_prefix(&out).unwrap())
            {
                pages.push(p);
            }
        }
    }
    assert!(pages.len() > 20);
    for p in pages {
        let html = Html::parse_document(&std::fs::read_to_string(&p).unwrap());
        // The figures folio writes, each text node on its own.
        let figures = Selector::parse("td.num, .kpi, .chart-summary").unwrap();
        for (i, text) in html
            .select(&figures)
            .flat_map(|e| e.text())
            .flat_map(|t| t.match_indices("EUR").map(move |(i, _)| (i, t)))
        {
            let after = &text[i + 3..];
            let before = &text[..i];
            assert!(
                after.starts_with(' ')
                    && after[1..].starts_with(|c: char| c.is_ascii_digit())
                    && !after[1..]
                        .trim_start_matches(|c: char| c.is_ascii_digit() || c == ',' || c == '.')
                        .starts_with(['k', 'M']),
                "{}: EUR{}",
                p.display(),
                &after[..after.len().min(12)]
            );
            assert!(
                !before.trim_end().ends_with(|c: char| c.is_ascii_digit()),
                "{}: amount before the currency",
                p.display()
            );
        }
    }
}

#[test]
fn the_health_trend_counts_the_projects_the_reports_count() {
    let (_tmp, out) = build_sample("2026-10-31");
    let html = Html::parse_document(&read(&out, "reports/index.html"));
    let rows = Selector::parse("figure#health-trend details tbody tr").unwrap();
    let td = Selector::parse("td").unwrap();
    let last: Vec<String> = html
        .select(&rows)
        .next_back()
        .unwrap()
        .select(&td)
        .map(|c| c.text().collect())
        .collect();
    assert_eq!(last[0], "2026-10");
    // The October report's computed-health row: green, amber, red.
    let report = Html::parse_document(&read(&out, "reports/2026-10/index.html"));
    let row = Selector::parse("#health tbody tr").unwrap();
    let computed: Vec<String> = report
        .select(&row)
        .next()
        .unwrap()
        .select(&td)
        .map(|c| c.text().collect::<String>())
        .collect();
    let count = |s: &str| s.split_whitespace().next().unwrap_or_default().to_string();
    assert_eq!(
        last[1..4].to_vec(),
        computed[1..4].iter().map(|s| count(s)).collect::<Vec<_>>()
    );
}
