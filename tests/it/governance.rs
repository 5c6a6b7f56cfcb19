//! The governance rules of `folio check`: one fixture per rule that fires it
//! exactly once and one where it does not; `rules:` severities (including
//! `off` and an unknown id); the JSON output; one pass for every stage.

use std::path::Path;

use folio::build::{BuildOptions, compile};
use folio::error::{Diagnostic, Severity};

use crate::support::{build_ok, folio, read, stderr, write_files};

/// A clean project as of 2026-06-30: green reported and computed (EV 500,
/// PV ≈ 495, AC 500), a manager and sponsor, a status this month.
const CLEAN: &str = "name: Clean\nmanager: li.wei\nsponsor: m.garcia\nphase: execution\n\
baseline: { start: 2026-01-01, finish: 2026-12-31, budget: 1000 }\n\
actuals:\n  - { date: 2026-06-30, cost: 500 }\n\
status:\n  - { date: 2026-06-30, rag: green, percent_complete: 50 }\n";

/// A closed project with actuals, milestones hit and a lesson (see `site`).
const CLOSED: &str = "name: Done\nmanager: li.wei\nsponsor: m.garcia\nphase: closed\n\
baseline: { start: 2025-01-01, finish: 2025-12-31, budget: 1000 }\n\
actuals:\n  - { date: 2025-12-31, cost: 1000 }\n\
milestones:\n  - { name: Launch, baseline: 2025-12-01, actual: 2025-12-01 }\n\
status:\n  - { date: 2025-12-31, rag: green, percent_complete: 100 }\n";

fn site(dir: &Path, extra: &[(&str, &str)]) {
    write_files(
        dir,
        &[
            (
                "folio.yaml",
                "title: Rules\nas_of: 2026-06-30\naudiences: [public, internal, restricted]\ndefault_audience: internal\n",
            ),
            ("content/_index.md", "---\ntitle: Home\n---\nHi.\n"),
            ("content/lessons/_index.md", "---\ntitle: Lessons\n---\n"),
            (
                "content/lessons/done.md",
                "---\ntitle: Done well\nproject: done\n---\nSee [home](../_index.md).\n",
            ),
            (
                "data/people.yaml",
                "- { id: li.wei, name: Li Wei }\n- { id: m.garcia, name: Maria Garcia }\n",
            ),
            ("data/projects/clean.yaml", CLEAN),
            ("data/projects/done.yaml", CLOSED),
        ],
    );
    write_files(dir, extra);
}

fn options(root: &Path) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        base_url: None,
        as_of: None,
        today: "2026-06-30".parse().unwrap(),
        audience: None,
        drafts: false,
    }
}

/// The diagnostics of a fixture with `extra` files.
fn diagnostics(extra: &[(&str, &str)]) -> Vec<Diagnostic> {
    let tmp = tempfile::tempdir().unwrap();
    site(tmp.path(), extra);
    compile(&options(tmp.path())).unwrap().diagnostics.0
}

fn of_rule<'a>(ds: &'a [Diagnostic], rule: &str) -> Vec<&'a Diagnostic> {
    ds.iter().filter(|d| d.rule == rule).collect()
}

/// `clean.yaml` with `from` replaced by `to`.
fn clean_with(from: &str, to: &str) -> String {
    assert!(CLEAN.contains(from), "{from}");
    CLEAN.replacen(from, to, 1)
}

const RISK: &str = "risks:\n  - { id: R1, title: Vendor leaves, probability: 2, impact: 2, owner: li.wei, response: mitigate, review: 2026-07-15 }\n";
const ISSUE: &str = "issues:\n  - { id: I1, title: No test rig, severity: high, owner: li.wei, opened: 2026-05-01, due: 2026-07-15 }\n";

/// (rule, project file text that fires it once at `line`, text that does not fire it).
fn project_cases() -> Vec<(&'static str, String, usize, String)> {
    let clean = CLEAN.to_string();
    let risk = |r: &str| format!("{CLEAN}{r}");
    let closed = |from: &str, to: &str| CLOSED.replacen(from, to, 1);
    vec![
        (
            "manager-missing",
            clean_with("manager: li.wei\n", ""),
            1,
            clean.clone(),
        ),
        (
            "sponsor-missing",
            clean_with("sponsor: m.garcia\n", ""),
            1,
            clean.clone(),
        ),
        (
            "baseline-missing",
            clean_with(
                "baseline: { start: 2026-01-01, finish: 2026-12-31, budget: 1000 }\n",
                "",
            ),
            4,
            clean_with(
                "baseline: { start: 2026-01-01, finish: 2026-12-31, budget: 1000 }\n",
                "",
            )
            .replace("phase: execution", "phase: initiation"),
        ),
        (
            "status-stale",
            clean_with("date: 2026-06-30, rag", "date: 2026-05-31, rag"),
            9,
            clean.clone(),
        ),
        (
            "rag-disagrees",
            clean_with("rag: green", "rag: amber"),
            9,
            clean.clone(),
        ),
        (
            "recovery-plan-missing",
            clean_with("rag: green", "rag: red"),
            9,
            format!(
                "{}recovery_plan: Add a second team.\n",
                clean_with("rag: green", "rag: red")
            ),
        ),
        (
            "risk-owner-missing",
            risk(&RISK.replace("owner: li.wei, ", "")),
            11,
            risk(RISK),
        ),
        (
            "risk-response-missing",
            risk(&RISK.replace("response: mitigate, ", "")),
            11,
            risk(RISK),
        ),
        (
            "risk-review-missing",
            risk(
                &RISK
                    .replace("probability: 2, impact: 2", "probability: 4, impact: 4")
                    .replace(", review: 2026-07-15", ""),
            ),
            11,
            risk(&RISK.replace("probability: 2, impact: 2", "probability: 4, impact: 4")),
        ),
        (
            "risk-review-overdue",
            risk(&RISK.replace("2026-07-15", "2026-06-01")),
            11,
            // A closed risk past its review date is not overdue.
            risk(&RISK.replace(
                "2026-07-15 }",
                "2026-06-01, status: closed, closed: 2026-06-10 }",
            )),
        ),
        (
            "issue-overdue",
            risk(&ISSUE.replace("2026-07-15", "2026-06-15")),
            11,
            risk(ISSUE),
        ),
        (
            "issue-owner-missing",
            risk(&ISSUE.replace("owner: li.wei, ", "")),
            11,
            risk(ISSUE),
        ),
        (
            "milestone-after-finish",
            risk(
                "milestones:\n  - { name: Go-live, baseline: 2026-11-30, forecast: 2027-01-15 }\n",
            ),
            11,
            risk(
                "milestones:\n  - { name: Go-live, baseline: 2026-11-30, forecast: 2026-12-15 }\n",
            ),
        ),
        (
            "milestone-missed",
            risk("milestones:\n  - { name: Design, baseline: 2026-06-01 }\n"),
            11,
            risk("milestones:\n  - { name: Design, baseline: 2026-06-01, actual: 2026-06-03 }\n"),
        ),
        (
            "duplicate-id",
            risk(&format!(
                "{RISK}  - {{ id: R1, title: Other, probability: 1, impact: 1, owner: li.wei, response: accept }}\n"
            )),
            12,
            risk(RISK),
        ),
        (
            "unknown-person",
            clean_with("manager: li.wei", "manager: li.wie"),
            2,
            clean.clone(),
        ),
        (
            "closed-without-actuals",
            closed("actuals:\n  - { date: 2025-12-31, cost: 1000 }\n", ""),
            4,
            CLOSED.to_string(),
        ),
        (
            "closed-milestones-open",
            closed(", actual: 2025-12-01", ""),
            9,
            CLOSED.to_string(),
        ),
    ]
}

#[test]
fn each_project_rule_fires_once_at_its_value_and_not_on_clean_data() {
    let mut failures = Vec::new();
    for (rule, fires, line, quiet) in project_cases() {
        let file = if fires.starts_with("name: Done") {
            "data/projects/done.yaml"
        } else {
            "data/projects/clean.yaml"
        };
        let ds = diagnostics(&[(file, &fires)]);
        let found = of_rule(&ds, rule);
        if found.len() != 1 || found[0].line != line || found[0].file != file {
            failures.push(format!(
                "{rule} should fire once at {file}:{line}: {found:?}"
            ));
        } else if found[0].hint.is_none() || found[0].column == 0 {
            failures.push(format!("{rule} needs a hint and a column: {:?}", found[0]));
        }
        let ds = diagnostics(&[(file, &quiet)]);
        if !of_rule(&ds, rule).is_empty() {
            failures.push(format!("{rule} should not fire: {:?}", of_rule(&ds, rule)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_clean_fixture_has_no_findings() {
    let ds = diagnostics(&[]);
    assert!(ds.is_empty(), "{ds:?}");
}

#[test]
fn over_allocation_is_one_finding_per_person_and_run_of_months() {
    let alloc = |pct: u32, from: &str, to: &str| {
        format!("allocations:\n  - {{ person: li.wei, from: {from}, to: {to}, percent: {pct} }}\n")
    };
    let other = |text: &str| CLEAN.replace("name: Clean", "name: Other") + text;
    // 80 + 50 over July–September: one run, both projects named.
    let ds = diagnostics(&[
        (
            "data/projects/clean.yaml",
            &format!("{CLEAN}{}", alloc(80, "2026-07-01", "2026-09-30")),
        ),
        (
            "data/projects/other.yaml",
            &other(&alloc(50, "2026-07-01", "2026-09-30")),
        ),
    ]);
    let found = of_rule(&ds, "over-allocation");
    assert_eq!(found.len(), 1, "{found:?}");
    let m = &found[0].message;
    assert!(
        m.contains("2026-07 – 2026-09")
            && m.contains("clean")
            && m.contains("other")
            && m.contains("130 %"),
        "{m}"
    );
    assert_eq!(
        (found[0].file.as_str(), found[0].line),
        ("data/projects/clean.yaml", 11)
    );
    // Two runs with a gap month between: two findings.
    let ds = diagnostics(&[
        (
            "data/projects/clean.yaml",
            &format!(
                "{CLEAN}allocations:\n  - {{ person: li.wei, from: 2026-07-01, to: 2026-11-30, percent: 80 }}\n"
            ),
        ),
        (
            "data/projects/other.yaml",
            &other(
                "allocations:\n  - { person: li.wei, from: 2026-07-01, to: 2026-07-31, percent: 50 }\n  - { person: li.wei, from: 2026-09-01, to: 2026-09-30, percent: 50 }\n",
            ),
        ),
    ]);
    assert_eq!(of_rule(&ds, "over-allocation").len(), 2, "{ds:?}");
    // 50 + 50 stays within the tolerance.
    let ds = diagnostics(&[
        (
            "data/projects/clean.yaml",
            &format!("{CLEAN}{}", alloc(50, "2026-07-01", "2026-09-30")),
        ),
        (
            "data/projects/other.yaml",
            &other(&alloc(50, "2026-07-01", "2026-09-30")),
        ),
    ]);
    assert!(of_rule(&ds, "over-allocation").is_empty(), "{ds:?}");
}

#[test]
fn page_rules_fire_once_and_not_on_clean_pages() {
    // closed-without-lessons: the lesson names another project.
    let ds = diagnostics(&[(
        "content/lessons/done.md",
        "---\ntitle: Done well\nproject: clean\n---\nText.\n",
    )]);
    let found = of_rule(&ds, "closed-without-lessons");
    assert_eq!(found.len(), 1, "{ds:?}");
    assert_eq!(
        (found[0].file.as_str(), found[0].line),
        ("data/projects/done.yaml", 4)
    );
    assert!(of_rule(&diagnostics(&[]), "closed-without-lessons").is_empty());

    let ds = diagnostics(&[(
        "content/lessons/x.md",
        "---\ntitle: X\nproject: nope\n---\nText.\n",
    )]);
    assert_eq!(of_rule(&ds, "unknown-project").len(), 1, "{ds:?}");
    let ds = diagnostics(&[(
        "content/lessons/x.md",
        "---\ntitle: X\nproject: clean\n---\n",
    )]);
    assert!(of_rule(&ds, "unknown-project").is_empty(), "{ds:?}");

    let ds = diagnostics(&[("content/lessons/x.md", "---\ntitle: X\n---\n[a](gone.md)\n")]);
    assert_eq!(of_rule(&ds, "broken-link").len(), 1, "{ds:?}");
    let ds = diagnostics(&[("content/lessons/x.md", "---\ntitle: X\n---\n[a](done.md)\n")]);
    assert!(of_rule(&ds, "broken-link").is_empty(), "{ds:?}");

    let page = "---\ntitle: Templates\ntemplates: [static/templates/raid.xlsx]\n---\n";
    let ds = diagnostics(&[("content/methodology/t.md", page)]);
    assert_eq!(of_rule(&ds, "template-download-missing").len(), 1, "{ds:?}");
    let ds = diagnostics(&[
        ("content/methodology/t.md", page),
        ("static/templates/raid.xlsx", "x"),
    ]);
    assert!(
        of_rule(&ds, "template-download-missing").is_empty(),
        "{ds:?}"
    );
}

#[test]
fn rules_severities_apply_including_off() {
    let no_manager = clean_with("manager: li.wei\n", "");
    let with_rules = |rules: &str| {
        diagnostics(&[
            (
                "folio.yaml",
                &format!("title: Rules\nas_of: 2026-06-30\nrules: {{ {rules} }}\n"),
            ),
            ("data/projects/clean.yaml", &no_manager),
        ])
    };
    let sev = |ds: &[Diagnostic]| {
        of_rule(ds, "manager-missing")
            .iter()
            .map(|d| d.severity)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        sev(&with_rules("sponsor-missing: off")),
        [Severity::Warning]
    );
    assert_eq!(
        sev(&with_rules("manager-missing: error")),
        [Severity::Error]
    );
    assert_eq!(sev(&with_rules("manager-missing: info")), [Severity::Info]);
    assert!(sev(&with_rules("manager-missing: off")).is_empty());
    // An existing reference rule can be lowered too.
    let ds = diagnostics(&[
        (
            "folio.yaml",
            "title: Rules\nas_of: 2026-06-30\nrules: { unknown-person: warning }\n",
        ),
        ("data/projects/clean.yaml", &clean_with("li.wei", "li.wie")),
    ]);
    assert_eq!(
        of_rule(&ds, "unknown-person")[0].severity,
        Severity::Warning
    );

    // Unknown ids and rules that cannot be changed are errors at the key.
    let tmp = tempfile::tempdir().unwrap();
    site(
        tmp.path(),
        &[(
            "folio.yaml",
            "title: Rules\nas_of: 2026-06-30\nrules:\n  manager-mising: error\n  yaml: off\n",
        )],
    );
    let res = folio(&["check", "--root", tmp.path().to_str().unwrap()]);
    let err = stderr(&res);
    assert_eq!(res.status.code(), Some(1), "{err}");
    assert!(err.contains("unknown rule `manager-mising`"), "{err}");
    assert!(err.contains("did you mean `manager-missing`?"), "{err}");
    assert!(err.contains("folio.yaml:4:3"), "{err}");
    assert!(
        err.contains("the severity of `yaml` cannot be changed"),
        "{err}"
    );
}

#[test]
fn check_json_is_one_documented_array_and_errors_exit_1() {
    let tmp = tempfile::tempdir().unwrap();
    site(
        tmp.path(),
        &[
            (
                "folio.yaml",
                "title: Rules\nas_of: 2026-06-30\nrules: { risk-review-overdue: error }\n",
            ),
            (
                "data/projects/clean.yaml",
                &format!("{CLEAN}{}", RISK.replace("2026-07-15", "2026-06-01")),
            ),
        ],
    );
    let root = tmp.path().to_str().unwrap();
    let res = folio(&["check", "--root", root, "--format", "json"]);
    assert_eq!(res.status.code(), Some(1), "{}", stderr(&res));
    let json: serde_json::Value = serde_json::from_slice(&res.stdout).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 1, "{json}");
    let r = &rows[0];
    assert_eq!(r["rule"], "risk-review-overdue");
    assert_eq!(r["severity"], "error");
    assert_eq!(r["file"], "data/projects/clean.yaml");
    assert_eq!(
        (r["line"].as_u64(), r["column"].as_u64()),
        (Some(11), Some(107))
    );
    assert_eq!(r["project"], "clean");
    assert!(r["message"].as_str().unwrap().contains("R1"));
    assert!(r["hint"].is_string());
    // The build fails on it too, and writes nothing.
    let res = folio(&["build", "--root", root]);
    assert_eq!(res.status.code(), Some(1));
    assert!(!tmp.path().join("public").exists());
    // At warning: build passes, --strict fails, check passes, check --strict fails.
    write_files(
        tmp.path(),
        &[("folio.yaml", "title: Rules\nas_of: 2026-06-30\n")],
    );
    assert!(folio(&["build", "--root", root]).status.success());
    assert_eq!(
        folio(&["build", "--root", root, "--strict"]).status.code(),
        Some(1)
    );
    let res = folio(&["check", "--root", root]);
    assert!(res.status.success(), "{}", stderr(&res));
    let err = stderr(&res);
    assert!(
        err.contains("== data/projects/clean.yaml (1 finding(s))"),
        "{err}"
    );
    assert!(err.contains("0 error(s), 1 warning(s), 0 info(s)"), "{err}");
    assert_eq!(
        folio(&["check", "--root", root, "--strict"]).status.code(),
        Some(1)
    );
}

#[test]
fn one_pass_reports_reference_errors_links_and_rules_together() {
    let ds = diagnostics(&[
        ("data/projects/clean.yaml", &clean_with("li.wei", "li.wie")),
        ("content/lessons/x.md", "---\ntitle: X\n---\n[a](gone.md)\n"),
        (
            "data/projects/done.yaml",
            &CLOSED.replacen(", actual: 2025-12-01", "", 1),
        ),
    ]);
    for rule in ["unknown-person", "broken-link", "closed-milestones-open"] {
        assert_eq!(of_rule(&ds, rule).len(), 1, "{rule}: {ds:?}");
    }
}

#[test]
fn list_and_explain_document_the_rules() {
    let res = folio(&["check", "--list"]);
    assert!(res.status.success());
    let out = String::from_utf8_lossy(&res.stdout);
    assert!(
        out.contains("risk-review-overdue") && out.contains("over-allocation"),
        "{out}"
    );
    let res = folio(&["check", "--explain", "recovery-plan-missing"]);
    assert!(res.status.success());
    assert!(String::from_utf8_lossy(&res.stdout).contains("recovery_plan"));
    let res = folio(&["check", "--explain", "recovery-plan-mising"]);
    assert_eq!(res.status.code(), Some(2));
    assert!(stderr(&res).contains("did you mean `recovery-plan-missing`"));
}

#[test]
fn the_quality_page_lists_findings_at_the_default_audience_only() {
    let tmp = tempfile::tempdir().unwrap();
    site(
        tmp.path(),
        &[(
            "data/projects/clean.yaml",
            &format!("{CLEAN}{}", RISK.replace("2026-07-15", "2026-06-01")),
        )],
    );
    let out = tmp.path().join("out");
    build_ok(tmp.path(), &out, &[]);
    let page = read(&out, "quality/index.html");
    let doc = scraper::Html::parse_document(&page);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    // One finding, in the by-project and the by-rule table, each row linking to the project.
    let rows: Vec<String> = doc
        .select(&sel("table tbody tr"))
        .map(|r| r.text().collect::<String>())
        .collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(
        rows.iter()
            .all(|r| r.contains("risk-review-overdue")
                && r.contains("data/projects/clean.yaml:11:107")),
        "{rows:?}"
    );
    let links: Vec<&str> = doc
        .select(&sel("table tbody a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(links, ["../projects/clean/index.html"; 2]);
    assert!(
        read(&out, "index.html").contains("quality/index.html"),
        "in the navigation"
    );
    // The project page lists its open findings; the other project has none.
    let project = read(&out, "projects/clean/index.html");
    assert!(
        project.contains("Open data-quality findings")
            && project.contains("risk R1 of `clean` was due for review")
    );
    assert!(!read(&out, "projects/done/index.html").contains("risk-review-overdue"));
    // Below the default audience: no page, no link, no findings on project pages.
    let public = tmp.path().join("public-out");
    build_ok(tmp.path(), &public, &["--audience", "public"]);
    assert!(!public.join("quality").exists());
    assert!(!read(&public, "index.html").contains("quality/"));
}

#[test]
fn the_sample_site_lists_its_findings_each_at_its_value() {
    let root = crate::support::repo_root();
    let res = folio(&[
        "check",
        "--root",
        root.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(res.status.success(), "{}", stderr(&res));
    let json: serde_json::Value = serde_json::from_slice(&res.stdout).unwrap();
    let rows = json.as_array().unwrap();
    let at = |rule: &str| -> Vec<(String, u64)> {
        rows.iter()
            .filter(|r| r["rule"] == rule)
            .map(|r| {
                (
                    r["file"].as_str().unwrap().to_string(),
                    r["line"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let file = |id: &str| format!("data/projects/{id}.yaml");
    assert_eq!(
        at("risk-review-overdue"),
        [
            (file("apollo-crm"), 116),
            (file("contact-centre-cloud"), 123),
            (file("data-platform"), 106),
            (file("service-desk-automation"), 118),
        ]
    );
    // Warehouse scanning finished four weeks late and reports green: SPI is
    // back at 1.00, but SPI(t) = 291 / 334 days = 0.87 (the clock stops at the
    // first 100 % report, 2026-01-31) says red.
    assert_eq!(
        at("rag-disagrees"),
        [
            (file("erp-finance-upgrade"), 118),
            (file("warehouse-scanning"), 83)
        ]
    );
    assert_eq!(at("over-allocation").len(), 2);
    assert_eq!(at("issue-overdue").len(), 7);
    // Every finding's line and column hold the value it is about.
    let key = |rule: &str| match rule {
        "risk-review-overdue" => "review: ",
        "issue-overdue" => "due: ",
        "rag-disagrees" => "rag: ",
        "milestone-missed" => "baseline: ",
        "over-allocation" => "person: ",
        "forecast-undated" => "forecast: ",
        other => panic!("a sample finding of an unexpected rule: {other}"),
    };
    // A late dependency is reported at the consumer's `needed_by` and at the
    // provider's milestone `name`.
    assert_eq!(at("dependency-late").len(), 4);
    let key = |rule: &str, line: &str| match rule {
        "dependency-late" if line.contains("needed_by:") => "needed_by: ",
        "dependency-late" => "name: ",
        other => key(other),
    };
    for r in rows {
        let text = std::fs::read_to_string(root.join(r["file"].as_str().unwrap())).unwrap();
        let line = text
            .lines()
            .nth(r["line"].as_u64().unwrap() as usize - 1)
            .unwrap();
        let col = r["column"].as_u64().unwrap() as usize;
        let before: String = line.chars().take(col - 1).collect();
        assert!(
            before.ends_with(key(r["rule"].as_str().unwrap(), line)),
            "{r}: `{line}`"
        );
        assert!(r["project"].is_string(), "{r}");
    }
}
