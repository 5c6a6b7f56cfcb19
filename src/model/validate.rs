//! Value checks on project data that the type system cannot express: scales
//! of 1–5, percentages, date order, duplicate ids. Each problem points at the
//! first line of the file that mentions the offending value.

use std::collections::HashSet;

use crate::error::Diagnostic;

use super::Project;

/// The 1-based line of the first line of `source` containing every one of `needles`.
fn line_of(source: &str, needles: &[&str]) -> usize {
    source
        .lines()
        .position(|l| needles.iter().all(|n| l.contains(n)))
        .map_or(0, |i| i + 1)
}

/// Checks one project's values; `source` is the file's text.
pub fn project(p: &Project, source: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut problem = |needles: &[&str], message: String, hint: &str| {
        let line = line_of(source, needles);
        out.push(
            Diagnostic::error("invalid-value", &p.file, message)
                .at(source, line, 0)
                .with_hint(hint),
        );
    };
    let d = &p.data;
    if let Some(b) = &d.baseline {
        if b.finish < b.start {
            problem(
                &["baseline"],
                format!(
                    "baseline finish {} is before its start {}",
                    b.finish, b.start
                ),
                "swap the dates or correct the typo",
            );
        }
        if b.budget < 0.0 || !b.budget.is_finite() {
            problem(
                &["budget"],
                format!("baseline budget {} is negative", b.budget),
                "budgets are amounts in the site currency, 0 or more",
            );
        }
    }
    let mut risk_ids = HashSet::new();
    for r in &d.risks {
        for (name, v) in [("probability", r.probability), ("impact", r.impact)] {
            if !(1..=5).contains(&v) {
                problem(
                    &[&format!("{name}: {v}")],
                    format!("risk {} has {name} {v}", r.id),
                    "probability and impact are scored 1 (lowest) to 5 (highest)",
                );
            }
        }
        if !risk_ids.insert(r.id.as_str()) {
            problem(
                &[&format!("id: {}", r.id)],
                format!("risk id {} appears more than once", r.id),
                "give every risk of a project its own id",
            );
        }
    }
    let mut issue_ids = HashSet::new();
    for i in &d.issues {
        if !issue_ids.insert(i.id.as_str()) {
            problem(
                &[&format!("id: {}", i.id)],
                format!("issue id {} appears more than once", i.id),
                "give every issue of a project its own id",
            );
        }
    }
    for s in &d.status {
        if !(0.0..=100.0).contains(&s.percent_complete) {
            problem(
                &[&format!("{}", s.date)],
                format!(
                    "status of {} reports {} % complete",
                    s.date, s.percent_complete
                ),
                "percent_complete is between 0 and 100",
            );
        }
    }
    for pt in &d.planned {
        if !(0.0..=100.0).contains(&pt.percent) {
            problem(
                &[&format!("{}", pt.date), "percent"],
                format!("planned point of {} is {} %", pt.date, pt.percent),
                "planned percentages are between 0 and 100",
            );
        }
    }
    for a in &d.actuals {
        if a.cost < 0.0 || !a.cost.is_finite() {
            problem(
                &[&format!("{}", a.date), "cost"],
                format!("actual cost of {} is negative", a.date),
                "actuals are cumulative costs, 0 or more",
            );
        }
    }
    for a in &d.allocations {
        if a.to < a.from {
            problem(
                &[&a.person.value, &format!("{}", a.from)],
                format!(
                    "allocation of {} ends ({}) before it starts ({})",
                    a.person.value, a.to, a.from
                ),
                "`from` and `to` are both included; `to` must not be before `from`",
            );
        }
        if a.percent < 0.0 || !a.percent.is_finite() {
            problem(
                &[&a.person.value, "percent"],
                format!("allocation of {} is {} %", a.person.value, a.percent),
                "allocations are percentages of a full-time week, 0 or more",
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ProjectData;

    fn check(yaml: &str) -> Vec<Diagnostic> {
        let data: ProjectData = serde_saphyr::from_str(yaml).unwrap();
        let p = Project {
            id: "x".into(),
            file: "x.yaml".into(),
            data,
            audience: "internal".into(),
        };
        project(&p, yaml)
    }

    #[test]
    fn out_of_scale_risk_points_at_its_line() {
        let d = check(
            "name: X\nphase: execution\nrisks:\n  - { id: R1, title: T, probability: 7, impact: 2 }\n",
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].line, 4);
        assert!(d[0].message.contains("probability 7"));
    }

    #[test]
    fn reversed_dates_and_bad_percentages_are_errors() {
        let d = check(
            "name: X\nphase: execution\nbaseline: { start: 2026-05-01, finish: 2026-01-01, budget: 10 }\nstatus:\n  - { date: 2026-02-01, rag: green, percent_complete: 120 }\n",
        );
        assert_eq!(d.len(), 2);
        assert_eq!((d[0].line, d[1].line), (3, 5));
    }

    #[test]
    fn a_clean_project_has_no_problems() {
        assert!(check("name: X\nphase: execution\nbaseline: { start: 2026-01-01, finish: 2026-05-01, budget: 10 }\n").is_empty());
    }
}
