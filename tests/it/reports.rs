//! Periodic reports (`/reports/`, `/reports/<period>/`): the sample site's
//! October 2026 report checked against figures worked out by hand from
//! `data/projects/*.yaml`, a fixture whose every number is controlled,
//! quarterly periods, the Chinese title, and that nothing after D is reported.

use std::path::Path;

use scraper::{ElementRef, Html, Selector};

use crate::support::*;

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(el: ElementRef<'_>) -> String {
    el.text().collect::<String>().trim().to_string()
}

/// The rows of table `#id` as cell texts.
fn rows(html: &Html, id: &str) -> Vec<Vec<String>> {
    html.select(&sel(&format!("section#{id} tbody tr")))
        .map(|tr| tr.select(&sel("td")).map(text).collect())
        .collect()
}

fn empty_text(html: &Html, id: &str) -> Option<String> {
    html.select(&sel(&format!("section#{id} p.empty")))
        .next()
        .map(text)
}

fn sample_october() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_ok(&repo_root(), &out, &["--as-of", "2026-10-31"]);
    (tmp, out)
}

#[test]
fn sample_october_report_shows_what_changed() {
    let (_tmp, out) = sample_october();
    let html = Html::parse_document(&read(&out, "reports/2026-10/index.html"));
    assert_eq!(
        text(html.select(&sel("h1")).next().unwrap()),
        "Portfolio report — October 2026"
    );
    assert!(html.select(&sel("section#summary .kpis li")).count() >= 5);
    let summary = text(html.select(&sel(".report-sentences")).next().unwrap());
    assert!(
        summary.contains("No project changed its reported status."),
        "{summary}"
    );

    // Records retention (BAC 720,000, baseline 2025-11-03..2027-03-31, planned
    // 45 % at 06-30 and 75 % at 10-30, forecast finish 2027-05-28, cost 790,000):
    // - 09-30: PV = 720,000 × (45 + 30 × 92/122) % = 486,885; EV = 60 % = 432,000;
    //   SPI = 0.887 < 0.90, but schedule health reads SPI(t) (`spi_basis: time`):
    //   the plan reached 60 % on 2026-08-30 (day 61 of 122 from 06-30), so
    //   ES = 300 days, AT = 331, SPI(t) = 0.906 → amber; CPI 0.94 → amber.
    // - 10-31: EV = 68 %, reached by the plan on 2026-10-02: ES = 333, AT = 362,
    //   SPI(t) = 0.920 → amber; CPI = 489,600 / 520,000 = 0.94 → amber.
    // Computed amber both months (SPI alone would have said red in September),
    // reported amber both months: no status change at all.
    assert!(
        text(html.select(&sel("#rag-changes")).next().unwrap())
            .contains("No project changed its reported status or computed health."),
        "records retention stays amber under SPI(t)"
    );

    // Self-service portal "Release 3": baseline 2026-10-30, actual 2026-10-23: 7 days early.
    let hit = rows(&html, "milestones-hit");
    assert!(
        hit.contains(&vec![
            "Customer self-service portal".to_string(),
            "Release 3: service requests".into(),
            "2026-10-30".into(),
            "2026-10-23".into(),
            "-7".into(),
        ]),
        "{hit:?}"
    );
    // ERP "User acceptance sign-off" was due 2026-10-16 with no actual: 15 days overdue on 10-31.
    let missed = rows(&html, "milestones-missed");
    assert!(
        missed
            .iter()
            .any(|r| r[0] == "ERP finance upgrade" && r[4] == "15"),
        "{missed:?}"
    );

    // Apollo: cumulative actuals 935,000 (09-30) → 1,030,000 (10-31) = 95,000 spent;
    // EAC is the forecast cost 1,290,000 both months; CPI 0.96 → 0.97.
    let cost = rows(&html, "cost-movement");
    let apollo = cost
        .iter()
        .find(|r| r[0] == "Apollo CRM replacement")
        .unwrap();
    assert_eq!(apollo[1], "EUR 1,030,000");
    assert_eq!(apollo[2], "+EUR 95,000");
    assert_eq!(apollo[3], "EUR 1,290,000");
    assert_eq!(apollo[4], "EUR 0");

    // Nothing started or closed in October.
    assert!(empty_text(&html, "projects-started").is_some());
    assert!(empty_text(&html, "projects-closed").is_some());

    // Navigation: September before, nothing after D.
    let prev = html.select(&sel("a[rel=prev]")).next().unwrap();
    assert_eq!(
        prev.value().attr("href"),
        Some("../../reports/2026-09/index.html")
    );
    assert!(html.select(&sel("a[rel=next]")).next().is_none());
    // The restricted SOC project stays out of an internal build's report.
    assert!(!read(&out, "reports/2026-10/index.html").contains("Security operations"));
}

#[test]
fn sample_reports_index_lists_every_period_newest_first() {
    let (_tmp, out) = sample_october();
    let html = Html::parse_document(&read(&out, "reports/index.html"));
    // The section's own title and intro from content/reports/_index.md.
    assert_eq!(
        text(html.select(&sel("h1")).next().unwrap()),
        "Monthly portfolio reports"
    );
    assert!(text(html.select(&sel(".prose")).next().unwrap()).contains("report for the board"));
    let periods: Vec<String> = rows(&html, "reports")
        .into_iter()
        .map(|r| r[0].clone())
        .collect();
    // The earliest status is warehouse-scanning's, 2025-03-31: March 2025 to October 2026.
    assert_eq!(periods.len(), 20);
    assert_eq!(periods.first().unwrap(), "October 2026");
    assert_eq!(periods.last().unwrap(), "March 2025");
    for dir in std::fs::read_dir(out.join("reports")).unwrap() {
        let name = dir.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            name == "index.html" || name == "atom.xml" || name.starts_with("202"),
            "{name}"
        );
    }
    // Warehouse scanning closed with its last report and actuals on 2026-02-28.
    let feb = Html::parse_document(&read(&out, "reports/2026-02/index.html"));
    let closed = rows(&feb, "projects-closed");
    assert_eq!(closed.len(), 1);
    assert_eq!(closed[0][0], "Warehouse handheld scanning rollout");
    assert_eq!(closed[0][1], "2026-02-28");
}

#[test]
fn reports_stop_at_the_as_of_date() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_ok(&repo_root(), &out, &["--as-of", "2026-06-30"]);
    assert!(out.join("reports/2026-06/index.html").is_file());
    for later in ["2026-07", "2026-08", "2026-10", "2027-01"] {
        assert!(!out.join(format!("reports/{later}")).exists(), "{later}");
    }
    let html = Html::parse_document(&read(&out, "reports/2026-06/index.html"));
    assert!(html.select(&sel("a[rel=next]")).next().is_none());
    // Apollo's "Migration trial 1 complete" is hit on 2026-07-10, after D: June
    // does not report it hit; the look-ahead lists it as still expected, on
    // the (undated) forecast in force at D, and it appears nowhere else.
    let src = read(&out, "reports/2026-06/index.html");
    let hit = rows(&html, "milestones-hit");
    assert!(
        !hit.iter().any(|r| r[1] == "Migration trial 1 complete"),
        "{hit:?}"
    );
    assert_eq!(
        rows(&html, "look-ahead")
            .into_iter()
            .filter(|r| r[1] == "Migration trial 1 complete")
            .collect::<Vec<_>>(),
        [[
            "Apollo CRM replacement",
            "Migration trial 1 complete",
            "2026-05-29",
            "2026-07-10"
        ]]
    );
    assert_eq!(src.matches("2026-07-10").count(), 1, "only as the forecast");
}

/// One project, budget 1,000 over 2026-01-01..2026-04-11 (100 days, linear plan).
const ALPHA: &str = "name: Alpha\nphase: execution\n\
baseline: { start: 2026-01-01, finish: 2026-04-11, budget: 1000 }\n\
status:\n  - { date: 2026-01-31, rag: green, percent_complete: 30 }\n  - { date: 2026-02-28, rag: amber, percent_complete: 50 }\n  - { date: 2026-03-31, rag: red, percent_complete: 60 }\n\
actuals:\n  - { date: 2026-01-31, cost: 300 }\n  - { date: 2026-02-28, cost: 625 }\n  - { date: 2026-03-31, cost: 900 }\n\
milestones:\n  - { name: Design, baseline: 2026-02-10, actual: 2026-02-13 }\n  - { name: Build, baseline: 2026-02-20 }\n\
risks:\n  - { id: R1, title: Old risk, probability: 2, impact: 2, raised: 2026-01-10, status: closed, closed: 2026-02-05 }\n  - { id: R2, title: Big risk, probability: 4, impact: 4, raised: 2026-02-03 }\n";

fn fixture(dir: &Path, config_extra: &str) {
    write_files(
        dir,
        &[
            (
                "folio.yaml",
                &format!("title: Report fixture\ncurrency: EUR\n{config_extra}"),
            ),
            ("content/_index.md", "---\ntitle: Home\n---\n"),
            ("data/projects/alpha.yaml", ALPHA),
        ],
    );
}

#[test]
fn fixture_report_figures_are_exact() {
    let tmp = tempfile::tempdir().unwrap();
    fixture(tmp.path(), "language: en\n");
    let out = tmp.path().join("public");
    build_ok(tmp.path(), &out, &["--as-of", "2026-03-15"]);
    // No content/reports/: the index is generated, exactly once, with three months.
    let index = Html::parse_document(&read(&out, "reports/index.html"));
    assert_eq!(
        text(index.select(&sel("h1")).next().unwrap()),
        "Portfolio reports"
    );
    let periods: Vec<String> = rows(&index, "reports")
        .into_iter()
        .map(|r| r[0].clone())
        .collect();
    assert_eq!(periods, ["March 2026", "February 2026", "January 2026"]);

    let feb = Html::parse_document(&read(&out, "reports/2026-02/index.html"));
    // January: PV = 30 % (30 of 100 days) = 300, EV 300, AC 300 → CPI = SPI = 1, EAC 1,000, green.
    // February: PV = 58 % = 580, EV 500, AC 625 → CPI 0.80, SPI 0.86 → red; EAC 1,000 / 0.8 = 1,250.
    let rag = rows(&feb, "rag-changes");
    assert_eq!(rag.len(), 1);
    assert_eq!(rag[0][0], "Alpha");
    assert_eq!(rag[0][5], "Worse");
    let cost = rows(&feb, "cost-movement");
    assert_eq!(
        cost[0],
        [
            "Alpha",
            "EUR 625",
            "+EUR 325",
            "EUR 1,250",
            "+EUR 250",
            "1.00 → 0.80",
            "1.00 → 0.86"
        ]
    );
    assert_eq!(
        rows(&feb, "milestones-hit"),
        [["Alpha", "Design", "2026-02-10", "2026-02-13", "3"]]
    );
    assert_eq!(
        rows(&feb, "milestones-missed"),
        [["Alpha", "Build", "2026-02-20", "", "8"]]
    );
    let escalated = rows(&feb, "risks-escalated");
    assert_eq!(escalated.len(), 1);
    assert_eq!(escalated[0][1..5], ["R2", "Big risk", "16", "High"]);
    assert_eq!(rows(&feb, "risks-new").len(), 1);
    assert_eq!(rows(&feb, "risks-closed")[0][1], "R1");
    let summary = text(feb.select(&sel(".report-sentences")).next().unwrap());
    assert!(
        summary.contains("1 project changed its reported status: 1 worse"),
        "{summary}"
    );
    assert!(
        summary.contains("Portfolio CPI moved from 1.00 to 0.80 and SPI from 1.00 to 0.86."),
        "{summary}"
    );
    assert!(summary.contains("EUR 325 of actual cost was booked in the period; the total estimate at completion rose by EUR 250 to EUR 1,250."), "{summary}");

    // January is the first report: everything is new, the project started.
    let jan = Html::parse_document(&read(&out, "reports/2026-01/index.html"));
    assert_eq!(rows(&jan, "projects-started")[0][0], "Alpha");
    assert!(jan.select(&sel("a[rel=prev]")).next().is_none());

    // March is still running on D = 2026-03-15: the 03-31 status and actuals are not used.
    let mar_src = read(&out, "reports/2026-03/index.html");
    let mar = Html::parse_document(&mar_src);
    assert!(text(mar.select(&sel(".report-running")).next().unwrap()).contains("2026-03-15"));
    // As of 03-15 still amber and red (SPI 500 / 730), AC still 625: nothing moved.
    assert!(empty_text(&mar, "rag-changes").is_some());
    assert!(empty_text(&mar, "cost-movement").is_some());
    assert!(!mar_src.contains("EUR 900"));
}

#[test]
fn quarterly_periods() {
    let tmp = tempfile::tempdir().unwrap();
    fixture(tmp.path(), "language: en\nreporting: { period: quarter }\n");
    let out = tmp.path().join("public");
    build_ok(tmp.path(), &out, &["--as-of", "2026-04-30"]);
    assert!(out.join("reports/2026-q1/index.html").is_file());
    assert!(out.join("reports/2026-q2/index.html").is_file());
    assert!(!out.join("reports/2026-01").exists());
    let q1 = Html::parse_document(&read(&out, "reports/2026-q1/index.html"));
    assert_eq!(
        text(q1.select(&sel("h1")).next().unwrap()),
        "Portfolio report — Q1 2026"
    );
    // The whole first quarter: both milestones fall in it; AC from 0 to 900 at 03-31.
    assert_eq!(rows(&q1, "milestones-hit").len(), 1);
    assert_eq!(rows(&q1, "milestones-missed").len(), 1);
    assert_eq!(rows(&q1, "cost-movement")[0][2], "+EUR 900");
    let q2 = Html::parse_document(&read(&out, "reports/2026-q2/index.html"));
    // Q2: baseline finish 2026-04-11 passed at 60 % complete.
    assert_eq!(rows(&q2, "finish-slips")[0][0], "Alpha");
    let prev = q2.select(&sel("a[rel=prev]")).next().unwrap();
    assert_eq!(
        prev.value().attr("href"),
        Some("../../reports/2026-q1/index.html")
    );
}

#[test]
fn chinese_report_title() {
    let tmp = tempfile::tempdir().unwrap();
    fixture(tmp.path(), "language: zh-CN\n");
    let out = tmp.path().join("public");
    build_ok(tmp.path(), &out, &["--as-of", "2026-02-28"]);
    let feb = Html::parse_document(&read(&out, "reports/2026-02/index.html"));
    assert_eq!(
        text(feb.select(&sel("h1")).next().unwrap()),
        "项目组合报告 — 2026年2月"
    );
    assert_eq!(
        text(feb.select(&sel("#summary-title")).next().unwrap()),
        "执行摘要"
    );
}

#[test]
fn report_pages_in_content_are_listed_and_win_a_url_clash() {
    let tmp = tempfile::tempdir().unwrap();
    fixture(tmp.path(), "language: en\n");
    write_files(
        tmp.path(),
        &[
            (
                "content/reports/board-pack.md",
                "---\ntitle: Board pack notes\n---\nHow to read the reports.\n",
            ),
            (
                "content/reports/2026-02.md",
                "---\ntitle: February narrative\n---\nWritten by hand.\n",
            ),
        ],
    );
    let out = tmp.path().join("public");
    let res = folio(&[
        "build",
        "--root",
        tmp.path().to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "--as-of",
        "2026-02-28",
    ]);
    assert!(res.status.success(), "{}", stderr(&res));
    assert!(
        stderr(&res).contains("report-collision"),
        "{}",
        stderr(&res)
    );
    // The section has no _index.md: the generated index lists both the periods and the pages.
    let index = Html::parse_document(&read(&out, "reports/index.html"));
    assert_eq!(rows(&index, "reports").len(), 2);
    let items: Vec<String> = index.select(&sel(".item-title")).map(text).collect();
    assert!(items.contains(&"Board pack notes".to_string()), "{items:?}");
    // The hand-written page keeps its URL; January is still generated.
    assert!(read(&out, "reports/2026-02/index.html").contains("Written by hand."));
    assert!(out.join("reports/2026-01/index.html").is_file());
}

#[test]
fn a_milestone_missed_in_a_report_is_overdue_on_its_project_page() {
    // ERP "User acceptance sign-off": baseline 2026-10-16, forecast 2026-11-20,
    // no actual. The October report lists it as missed (15 days at 10-31); the
    // project page as of 2026-10-31 says Overdue, though its forecast is later.
    let (_tmp, out) = sample_october();
    let report = Html::parse_document(&read(&out, "reports/2026-10/index.html"));
    let missed = rows(&report, "milestones-missed");
    let row = missed
        .iter()
        .find(|r| r[1] == "User acceptance sign-off")
        .unwrap_or_else(|| panic!("{missed:?}"));
    assert_eq!(row[4], "15");
    let page = Html::parse_document(&read(&out, "projects/erp-finance-upgrade/index.html"));
    let milestones: Vec<Vec<String>> = page
        .select(&sel("#milestones tbody tr"))
        .map(|tr| tr.select(&sel("td")).map(text).collect())
        .collect();
    let uat = milestones
        .iter()
        .find(|r| r[0] == "User acceptance sign-off")
        .unwrap();
    assert_eq!(uat[5], "Overdue", "{uat:?}");
    // Not yet due against its baseline: planned on the page, in no missed table.
    let go_live = milestones.iter().find(|r| r[0] == "Go-live").unwrap();
    assert_eq!(go_live[5], "Planned", "baseline 2026-12-01 is after D");
}

/// A red project with a recovery plan (and a status after June that the June
/// report must not read), an amber one without, a red one without, a green
/// one whose figures say amber; decisions pending, overdue, decided and
/// raised after June; a late dependency; a milestone due in July.
fn board_fixture(dir: &Path) {
    write_files(
        dir,
        &[
            (
                "folio.yaml",
                "title: Board fixture\nlanguage: en\ncurrency: EUR\n",
            ),
            ("content/_index.md", "---\ntitle: Home\n---\n"),
            (
                "data/people.yaml",
                "- { id: li.wei, name: Li Wei, role: PM }\n",
            ),
            (
                "data/projects/amber.yaml",
                // CPI 500 / 540 = 0.926: amber, as reported.
                "name: Amber\nphase: execution\n\
baseline: { start: 2026-01-01, finish: 2026-12-31, budget: 1000 }\n\
status:\n  - { date: 2026-06-30, rag: amber, percent_complete: 50, summary: 'Supplier invoices run high. Talks on.' }\n\
actuals:\n  - { date: 2026-06-30, cost: 540 }\n\
milestones:\n  - { name: API ready, baseline: 2026-06-25 }\n  - { name: Go live, baseline: 2026-07-20 }\n  - { name: Handover, baseline: 2026-09-15 }\n",
            ),
            (
                "data/projects/gamma.yaml",
                "name: Gamma\nphase: execution\n\
status:\n  - { date: 2026-06-30, rag: red, percent_complete: 10, summary: Gamma is stuck. }\n\
decisions:\n  - { id: D4, title: Pick a hosting partner, raised: 2026-06-01, needed_by: 2026-06-20 }\n",
            ),
            (
                "data/projects/green.yaml",
                // Reported green, but CPI 500 / 540 = 0.926 computes amber.
                "name: Green\nphase: execution\n\
baseline: { start: 2026-01-01, finish: 2026-12-31, budget: 1000 }\n\
status:\n  - { date: 2026-05-31, rag: green, percent_complete: 40 }\n  - { date: 2026-06-30, rag: green, percent_complete: 50 }\n\
actuals:\n  - { date: 2026-05-31, cost: 400 }\n  - { date: 2026-06-30, cost: 540 }\n\
benefits:\n  - { name: Churn, target: -5, unit: '%', measured: [ { date: 2026-06-30, value: -1.5 } ] }\n",
            ),
            (
                "data/projects/red.yaml",
                "name: Red <b>\nphase: execution\nmanager: li.wei\n\
status:\n  - { date: 2026-06-15, rag: red, percent_complete: 20, summary: 'Vendor delivery slipped. Test moved by **two** weeks.' }\n  - { date: 2026-07-10, rag: red, percent_complete: 25, summary: 'Later news arrived.' }\n\
recovery_plan: '**Second** vendor from July.'\n\
decisions:\n  - { id: D1, title: Approve second vendor, owner: li.wei, raised: 2026-06-01, needed_by: 2026-07-20 }\n  - { id: D2, title: Extend contract, raised: 2026-07-05, needed_by: 2026-07-25 }\n  - { id: D3, title: Freeze scope, raised: 2026-05-01, needed_by: 2026-07-01, status: decided, decided: 2026-06-10 }\n\
dependencies:\n  - { project: amber, milestone: API ready, needed_by: 2026-06-20 }\n",
            ),
        ],
    );
}

fn strings(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[test]
fn board_report_leads_with_what_the_board_must_act_on() {
    let tmp = tempfile::tempdir().unwrap();
    board_fixture(tmp.path());
    let out = tmp.path().join("public");
    build_ok(tmp.path(), &out, &["--as-of", "2026-07-15"]);
    let src = read(&out, "reports/2026-06/index.html");
    let june = Html::parse_document(&src);

    // The action sections come first, in order, and the outlook after the changes.
    let ids: Vec<String> = june
        .select(&sel("section.table-section"))
        .filter_map(|s| s.value().attr("id").map(str::to_string))
        .collect();
    let pos = |id: &str| ids.iter().position(|x| x == id).unwrap_or(usize::MAX);
    assert!(pos("exceptions") < pos("decisions-due"), "{ids:?}");
    assert!(
        pos("decisions-due") < pos("dependencies-at-risk"),
        "{ids:?}"
    );
    assert!(pos("dependencies-at-risk") < pos("rag-changes"), "{ids:?}");
    assert!(pos("risks-closed") < pos("look-ahead"), "{ids:?}");
    assert!(pos("look-ahead") < pos("all-projects"), "{ids:?}");
    assert!(
        src.find("id=\"exceptions\"") < src.find("id=\"summary\""),
        "exceptions lead the report"
    );

    // (1) Exceptions: reasons from the June status (not July's), or the computed rule.
    assert_eq!(
        rows(&june, "exceptions"),
        strings(&[
            &["Amber", "Amber", "Amber", "Supplier invoices run high.", ""],
            &["Gamma", "Red", "n/a", "Gamma is stuck.", "no recovery plan"],
            &["Green", "Green", "Amber", "CPI 0.93 below 0.95", ""],
            &[
                "Red <b>",
                "Red",
                "n/a",
                "Vendor delivery slipped.",
                "Second vendor from July."
            ],
        ])
    );
    assert!(
        !src.contains("Later news"),
        "a status after June is not read"
    );
    // The recovery plan is Markdown; the project name is escaped.
    assert!(src.contains("<strong>Second</strong> vendor from July."));
    assert!(src.contains("Red &lt;b&gt;") && !src.contains("Red <b>"));
    assert_eq!(
        june.select(&sel("section#exceptions tr.disagree")).count(),
        1,
        "Green: reported green, computed amber"
    );

    // (2) Decisions needed by the end of July: the overdue one first; D2 was
    // raised after June, D3 decided in June.
    assert_eq!(
        rows(&june, "decisions-due"),
        strings(&[
            &[
                "Gamma",
                "D4",
                "Pick a hosting partner",
                "unassigned",
                "2026-06-20",
                "overdue"
            ],
            &[
                "Red <b>",
                "D1",
                "Approve second vendor",
                "Li Wei",
                "2026-07-20",
                ""
            ],
        ])
    );
    assert!(!src.contains("Extend contract") && !src.contains("Freeze scope"));

    // (3) Red needs Amber's "API ready" (baseline 06-25) by 06-20: late.
    assert_eq!(
        rows(&june, "dependencies-at-risk"),
        strings(&[&[
            "Red <b>",
            "Amber",
            "API ready",
            "2026-06-20",
            "2026-06-25",
            "Late"
        ]])
    );

    // (4) July's milestones; Handover (September) is beyond the next period.
    assert_eq!(
        rows(&june, "look-ahead"),
        strings(&[&["Amber", "Go live", "2026-07-20", "2026-07-20"]])
    );

    // (5) Every project with both statuses.
    assert_eq!(
        rows(&june, "all-projects"),
        strings(&[
            &["Amber", "Amber", "Amber", ""],
            &["Gamma", "Red", "n/a", ""],
            &["Green", "Green", "Amber", "reported ≠ computed"],
            &["Red <b>", "Red", "n/a", ""],
        ])
    );

    // July (running to 07-15): D2 exists now, and July's status is read.
    let july_src = read(&out, "reports/2026-07/index.html");
    let july = Html::parse_document(&july_src);
    let ids: Vec<String> = rows(&july, "decisions-due")
        .into_iter()
        .map(|r| r[1].clone())
        .collect();
    assert_eq!(ids, ["D4", "D1", "D2"]);
    assert!(july_src.contains("Later news arrived."));
}

#[test]
fn board_sections_say_when_they_are_empty() {
    let tmp = tempfile::tempdir().unwrap();
    write_files(
        tmp.path(),
        &[
            ("folio.yaml", "title: Calm\nlanguage: en\ncurrency: EUR\n"),
            ("content/_index.md", "---\ntitle: Home\n---\n"),
            (
                "data/projects/calm.yaml",
                "name: Calm\nphase: execution\nstatus:\n  - { date: 2026-06-30, rag: green, percent_complete: 50 }\n\
milestones:\n  - { name: Later, baseline: 2026-09-01 }\n",
            ),
        ],
    );
    let out = tmp.path().join("public");
    build_ok(tmp.path(), &out, &["--as-of", "2026-06-30"]);
    let june = Html::parse_document(&read(&out, "reports/2026-06/index.html"));
    let empty = |id: &str| empty_text(&june, id).unwrap_or_else(|| panic!("{id} not empty"));
    assert_eq!(
        empty("exceptions"),
        "No project is amber or red, and reported and computed status agree."
    );
    assert_eq!(
        empty("decisions-due"),
        "No decision is needed by 2026-07-31."
    );
    assert_eq!(
        empty("dependencies-at-risk"),
        "No dependency is at risk or late at 2026-06-30."
    );
    assert_eq!(
        empty("look-ahead"),
        "No milestone is due after 2026-06-30 and by 2026-07-31."
    );
    assert_eq!(
        rows(&june, "all-projects"),
        strings(&[&["Calm", "Green", "n/a", ""]])
    );
    // The RAID page says so too.
    let raid = Html::parse_document(&read(&out, "raid/index.html"));
    assert_eq!(
        empty_text(&raid, "decisions").as_deref(),
        Some("No decision is waiting to be made.")
    );
    assert_eq!(
        empty_text(&raid, "dependencies").as_deref(),
        Some("No dependency is waiting to be delivered.")
    );
    assert_eq!(
        empty_text(&raid, "benefits").as_deref(),
        Some("No project tracks a benefit.")
    );
}

#[test]
fn raid_page_lists_open_decisions_dependencies_and_benefits_as_of_d() {
    let tmp = tempfile::tempdir().unwrap();
    board_fixture(tmp.path());
    let out = tmp.path().join("public");
    build_ok(tmp.path(), &out, &["--as-of", "2026-07-15"]);
    let raid = Html::parse_document(&read(&out, "raid/index.html"));
    // As of 07-15: D3 is decided; D4 is overdue; D2 exists.
    assert_eq!(
        rows(&raid, "decisions"),
        strings(&[
            &[
                "Gamma",
                "D4",
                "Pick a hosting partner",
                "unassigned",
                "2026-06-20",
                "overdue"
            ],
            &[
                "Red <b>",
                "D1",
                "Approve second vendor",
                "Li Wei",
                "2026-07-20",
                ""
            ],
            &[
                "Red <b>",
                "D2",
                "Extend contract",
                "unassigned",
                "2026-07-25",
                ""
            ],
        ])
    );
    assert_eq!(
        rows(&raid, "dependencies"),
        strings(&[&[
            "Red <b>",
            "Amber",
            "API ready",
            "2026-06-20",
            "2026-06-25",
            "Late"
        ]])
    );
    // −1.5 of −5: 30 %.
    assert_eq!(
        rows(&raid, "benefits"),
        strings(&[&["Green", "Churn", "−5%", "−1.5%", "2026-06-30", "30%"]])
    );
    // Linked from the risk register.
    let risks = read(&out, "risks/index.html");
    assert!(risks.contains("href=\"../raid/index.html\""), "{risks}");
}
