//! Values, encodings, limits and one-cause-one-message: each case breaks the
//! fixture site in one way, usually with the same word or value earlier in
//! the file, and expects exit code 1, the exact `file:line:column` of the
//! offending value, a hint, and the previous output byte-identical.

use crate::support::*;

macro_rules! rejected_at {
    ($name:ident, [$(($path:expr, $text:expr)),* $(,)?], $location:expr, $needle:expr) => {
        #[test]
        fn $name() {
            assert_rejected_at(&[$(($path, $text.as_ref())),*], $location, $needle);
        }
    };
}

rejected_at!(
    percent_complete_of_a_repeated_date,
    [(
        "data/projects/apollo.yaml",
        "name: Apollo CRM\nprogramme: cx\nmanager: li.wei\nphase: execution\nbaseline: { start: 2026-01-05, finish: 2026-09-30, budget: 100 }\nstatus:\n  - { date: 2026-05-31, rag: amber, percent_complete: 40 }\n  - { date: 2026-05-31, rag: amber, percent_complete: 140 }\n"
    )],
    "data/projects/apollo.yaml:8:55",
    "reports 140 % complete"
);
rejected_at!(
    negative_budget_after_a_summary_about_the_budget,
    [(
        "data/projects/apollo.yaml",
        "name: Apollo CRM\nprogramme: cx\nmanager: li.wei\nphase: execution\nsummary: the budget is -5 short\nbaseline: { start: 2026-01-05, finish: 2026-09-30, budget: -5 }\n"
    )],
    "data/projects/apollo.yaml:6:60",
    "budget -5 is not a usable sum"
);
rejected_at!(
    nan_forecast_cost,
    [(
        "data/projects/apollo.yaml",
        "name: Apollo CRM\nprogramme: cx\nmanager: li.wei\nphase: execution\nsummary: cost is unclear\nbaseline: { start: 2026-01-05, finish: 2026-09-30, budget: 100 }\nforecast: { cost: .nan }\n"
    )],
    "data/projects/apollo.yaml:7:19",
    "forecast cost NaN"
);
rejected_at!(
    negative_actual_cost_on_a_status_date,
    [(
        "data/projects/apollo.yaml",
        "name: Apollo CRM\nprogramme: cx\nmanager: li.wei\nphase: execution\nbaseline: { start: 2026-01-05, finish: 2026-09-30, budget: 100 }\nstatus:\n  - { date: 2026-03-31, rag: green, percent_complete: 10 }\nactuals:\n  - { date: 2026-03-31, cost: -7 }\n"
    )],
    "data/projects/apollo.yaml:9:31",
    "actual cost -7 of 2026-03-31"
);
rejected_at!(
    risk_probability_out_of_scale,
    [(
        "data/projects/apollo.yaml",
        "name: Apollo CRM\nprogramme: cx\nmanager: li.wei\nphase: execution\nrisks:\n  - { id: R1, title: 'probability: 7', probability: 2, impact: 2 }\n  - { id: R2, title: T, probability: 7, impact: 2 }\n"
    )],
    "data/projects/apollo.yaml:7:38",
    "risk R2 has probability 7"
);
rejected_at!(
    risk_impact_out_of_scale,
    [(
        "data/projects/apollo.yaml",
        "name: Apollo CRM\nprogramme: cx\nmanager: li.wei\nphase: execution\nrisks:\n  - { id: R1, title: 'impact: 0', probability: 2, impact: 2 }\n  - { id: R2, title: T, probability: 2, impact: 0 }\n"
    )],
    "data/projects/apollo.yaml:7:49",
    "risk R2 has impact 0"
);
rejected_at!(
    repeated_risk_id,
    [(
        "data/projects/apollo.yaml",
        "name: Apollo CRM\nprogramme: cx\nmanager: li.wei\nphase: execution\nsummary: R1 is the vendor risk\nrisks:\n  - { id: R1, title: A, probability: 2, impact: 2 }\n  - { id: R1, title: B, probability: 2, impact: 2 }\n"
    )],
    "data/projects/apollo.yaml:8:11",
    "risk id R1 appears more than once"
);
rejected_at!(
    repeated_issue_id,
    [(
        "data/projects/apollo.yaml",
        "name: Apollo CRM\nprogramme: cx\nmanager: li.wei\nphase: execution\nsummary: I-1 matters\nissues:\n  - { id: I-1, title: A, severity: low }\n  - { id: I-1, title: B, severity: high }\n"
    )],
    "data/projects/apollo.yaml:8:11",
    "issue id I-1 appears more than once"
);
rejected_at!(
    planned_percent_above_100,
    [(
        "data/projects/apollo.yaml",
        "name: Apollo CRM\nprogramme: cx\nmanager: li.wei\nphase: execution\nbaseline: { start: 2026-01-05, finish: 2026-09-30, budget: 100 }\nstatus:\n  - { date: 2026-03-31, rag: green, percent_complete: 10, summary: 'percent: 120' }\nplanned:\n  - { date: 2026-03-31, percent: 120 }\n"
    )],
    "data/projects/apollo.yaml:9:34",
    "planned point of 2026-03-31 is 120 %"
);
rejected_at!(
    allocation_ending_before_it_starts,
    [(
        "data/projects/apollo.yaml",
        "name: Apollo CRM\nprogramme: cx\nmanager: li.wei\nphase: execution\nallocations:\n  - { person: li.wei, from: 2026-01-01, to: 2026-06-30, percent: 50 }\n  - { person: li.wei, from: 2026-01-01, to: 2025-06-30, percent: 50 }\n"
    )],
    "data/projects/apollo.yaml:7:45",
    "ends (2025-06-30) before it starts"
);
rejected_at!(
    negative_allocation_percent,
    [(
        "data/projects/apollo.yaml",
        "name: Apollo CRM\nprogramme: cx\nmanager: li.wei\nphase: execution\nallocations:\n  - { person: li.wei, from: 2026-01-01, to: 2026-06-30, percent: 50 }\n  - { person: li.wei, from: 2026-07-01, to: 2026-08-30, percent: -50 }\n"
    )],
    "data/projects/apollo.yaml:7:66",
    "allocation of li.wei is -50 %"
);
rejected_at!(
    baseline_finish_before_start,
    [(
        "data/projects/apollo.yaml",
        "name: Apollo CRM\nprogramme: cx\nmanager: li.wei\nphase: execution\nsummary: the baseline finish moved\nbaseline: { start: 2026-05-01, finish: 2026-01-01, budget: 100 }\n"
    )],
    "data/projects/apollo.yaml:6:40",
    "baseline finish 2026-01-01 is before its start"
);
rejected_at!(
    implausible_milestone_date,
    [(
        "data/projects/apollo.yaml",
        "name: Apollo CRM\nprogramme: cx\nmanager: li.wei\nphase: execution\nsummary: started 0206-01-01 by mistake\nbaseline: { start: 2026-01-05, finish: 2026-09-30, budget: 100 }\nmilestones:\n  - { name: Go-live, baseline: 0206-01-01 }\n"
    )],
    "data/projects/apollo.yaml:8:32",
    "date 0206-01-01 is outside 1900–2200"
);
rejected_at!(
    nan_capacity_in_people_yaml,
    [(
        "data/people.yaml",
        "- { id: li.wei, name: Li Wei, role: PM, capacity: 50 }\n- { id: m.garcia, name: Maria Garcia, capacity: .nan }\n"
    )],
    "data/people.yaml:2:49",
    "capacity NaN of m.garcia"
);
rejected_at!(
    capacity_above_100_in_people_yaml,
    [(
        "data/people.yaml",
        "- { id: li.wei, name: Li Wei, role: 'capacity: 150' }\n- { id: m.garcia, name: Maria Garcia, capacity: 150 }\n"
    )],
    "data/people.yaml:2:49",
    "capacity 150 of m.garcia"
);
rejected_at!(
    infinite_capacity_in_people_yaml,
    [(
        "data/people.yaml",
        "- { id: li.wei, name: Li Wei, role: PM }\n- { id: m.garcia, name: Maria Garcia, capacity: .inf }\n"
    )],
    "data/people.yaml:2:49",
    "capacity inf of m.garcia"
);

rejected_at!(
    negative_capacity_in_people_csv,
    [
        ("data/people.yaml", ""),
        (
            "data/people.csv",
            "id,name,role,capacity\nli.wei,Li Wei,\"PM, -20\",50\nm.garcia,Maria Garcia,Director, -20\n"
        )
    ],
    "data/people.csv:3:33",
    "capacity -20 of m.garcia"
);

#[test]
fn references_to_a_project_that_failed_to_parse_are_not_reported_again() {
    let err = assert_rejected_at(
        &[(
            "data/projects/apollo.yaml",
            b"name: Apollo\nphase: [execution\n",
        )],
        "data/projects/apollo.yaml:2",
        "error[yaml]",
    );
    assert!(!err.contains("unknown project"), "{err}");
    assert!(err.contains("1 error(s)"), "{err}");
}

#[test]
fn yml_files_are_projects_too() {
    let tmp = tempfile::tempdir().unwrap();
    fixture_site(tmp.path());
    write_files(
        tmp.path(),
        &[(
            "data/projects/hermes.yml",
            "name: Hermes\nmanager: li.wei\nphase: planning\n",
        )],
    );
    let out = tmp.path().join("public");
    build_ok(tmp.path(), &out, &[]);
    assert!(read(&out, "projects/hermes/index.html").contains("Hermes"));
}

#[test]
fn one_id_from_a_yaml_and_a_yml_file_is_an_error_naming_both() {
    let err = assert_rejected_at(
        &[(
            "data/projects/apollo.yml",
            b"name: Apollo again\nphase: execution\n",
        )],
        "data/projects/apollo.yaml",
        "project id `apollo` is defined by 2 files: data/projects/apollo.yaml and data/projects/apollo.yml",
    );
    assert!(err.contains("error[duplicate-project-file]"), "{err}");
    assert!(!err.contains("unknown project"), "{err}");
}

#[test]
fn one_cause_in_many_places_is_one_message_with_a_count() {
    let err = assert_rejected_at(
        &[(
            "data/projects/apollo.yaml",
            b"name: Apollo CRM\nmanager: nobody\nphase: execution\nrisks:\n  - { id: R1, title: A, probability: 2, impact: 2, owner: nobody }\n  - { id: R2, title: B, probability: 2, impact: 2, owner: nobody }\n",
        )],
        "data/projects/apollo.yaml:2:10",
        "unknown person id `nobody` (in 3 places)",
    );
    assert_eq!(err.matches("unknown person").count(), 1, "{err}");
}

#[test]
fn a_runaway_project_name_is_refused_at_its_value() {
    let name = "A".repeat(5 * 1024 * 1024);
    let text = format!("phase: execution\nmanager: li.wei\nname: {name}\n");
    let err = assert_rejected_at(
        &[("data/projects/apollo.yaml", text.as_bytes())],
        "data/projects/apollo.yaml:3:7",
        "this text is 5120 KiB; a name, title, id or other short text may have at most 64 KiB",
    );
    assert!(
        err.contains("error[text-too-long]"),
        "{}",
        &err[..err.len().min(2000)]
    );
    assert!(err.len() < 4000, "the value must not be printed whole");
}

#[test]
fn a_runaway_page_title_is_refused_at_its_value() {
    let title = "T".repeat(70 * 1024);
    let text = format!("---\ndate: 2026-03-01\ntitle: {title}\n---\nBody.\n");
    assert_rejected_at(
        &[("content/lessons/vendor-exit.md", text.as_bytes())],
        "content/lessons/vendor-exit.md:3:8",
        "at most 64 KiB",
    );
}

#[test]
fn a_long_markdown_summary_is_allowed_up_to_its_own_limit() {
    let tmp = tempfile::tempdir().unwrap();
    fixture_site(tmp.path());
    let summary = "word ".repeat(30 * 1024);
    write_files(
        tmp.path(),
        &[(
            "data/projects/apollo.yaml",
            &format!("name: Apollo CRM\nmanager: li.wei\nphase: execution\nsummary: {summary}\n"),
        )],
    );
    build_ok(tmp.path(), &tmp.path().join("public"), &[]);
}

const FOLIO_YAML: &str = "title: Fixture PMO\nlanguage: en\nas_of: 2026-06-30\ncurrency: EUR\n";

#[test]
fn a_latin1_people_csv_is_detected_not_garbled() {
    let tmp = tempfile::tempdir().unwrap();
    fixture_site(tmp.path());
    std::fs::remove_file(tmp.path().join("data/people.yaml")).unwrap();
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(
        "id,name,role,team\nli.wei,Li Wei,PM,Operaciones\nm.garcia,María García,Directora,Dirección Económica\n",
    );
    std::fs::write(tmp.path().join("data/people.csv"), &bytes).unwrap();
    let out = tmp.path().join("public");
    build_ok(tmp.path(), &out, &[]);
    let page = read(&out, "people/m.garcia/index.html");
    assert!(page.contains("María García"), "{page}");
    assert!(!page.contains('\u{fffd}'));
}

#[test]
fn an_unknown_encoding_label_is_an_error_at_its_value() {
    let config = format!("{FOLIO_YAML}encodings: {{ data/people.csv: latin-9x }}\n");
    assert_rejected_at(
        &[("folio.yaml", config.as_bytes())],
        "folio.yaml:5:31",
        "unknown encoding `latin-9x`",
    );
}

#[test]
fn an_encoding_for_a_file_folio_does_not_read_is_an_error() {
    let config = format!("{FOLIO_YAML}encodings:\n  data/people.yaml: windows-1252\n");
    assert_rejected_at(
        &[("folio.yaml", config.as_bytes())],
        "folio.yaml:6:3",
        "not a CSV file folio reads",
    );
}

#[test]
fn bytes_that_do_not_decode_in_the_configured_encoding_name_line_and_offset() {
    let config = format!("{FOLIO_YAML}encodings: {{ data/people.csv: shift_jis }}\n");
    assert_rejected_at(
        &[
            ("folio.yaml", config.as_bytes()),
            ("data/people.yaml", b""),
            (
                "data/people.csv",
                b"id,name\nli.wei,Li Wei\nm.garcia,Mar\xff\xffa\n",
            ),
        ],
        "data/people.csv:3",
        "byte offset 34 (line 3) are not valid Shift_JIS",
    );
}

#[test]
fn a_nan_threshold_in_folio_yaml_is_an_error_at_its_value() {
    let config = format!(
        "{FOLIO_YAML}thresholds:\n  slip_percent: {{ amber: 10, red: 20 }}\n  allocation_percent: {{ over: 100, tolerance: .nan }}\n"
    );
    assert_rejected_at(
        &[("folio.yaml", config.as_bytes())],
        "folio.yaml:7:47",
        "threshold NaN is not a usable number",
    );
}

rejected_at!(
    repeated_person_id_points_at_the_repeat,
    [(
        "data/people.yaml",
        "- { id: li.wei, name: Li Wei, role: 'not li.wei again' }\n- { id: m.garcia, name: Maria Garcia }\n- { id: li.wei, name: Li Wei Two }\n"
    )],
    "data/people.yaml:3:9",
    "person id `li.wei` appears more than once (first on line 1)"
);
rejected_at!(
    repeated_person_id_in_csv_points_at_its_column,
    [
        ("data/people.yaml", ""),
        (
            "data/people.csv",
            "name,id\nLi Wei,li.wei\nMaria Garcia,m.garcia\nli.wei,li.wei\n"
        )
    ],
    "data/people.csv:4:8",
    "person id `li.wei` appears more than once (first on line 2)"
);

#[test]
fn one_template_typo_is_one_message_for_every_page_it_breaks() {
    let page = std::fs::read_to_string(repo_root().join("themes/default/templates/page.html"))
        .unwrap()
        .replacen("page.title", "page.titel.x", 1);
    assert!(page.contains("page.titel.x"));
    let err = assert_rejected_at(
        &[
            ("templates/page.html", page.as_bytes()),
            (
                "content/lessons/second.md",
                b"---\ntitle: Second\n---\nBody.\n",
            ),
        ],
        "templates/page.html",
        "(in 3 places) (while rendering content/",
    );
    assert_eq!(err.matches("error[template]").count(), 1, "{err}");
}
