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

/// Dates folio accepts in data: wide enough for any real portfolio.
pub fn plausible_date(d: jiff::civil::Date) -> bool {
    (1900..=2200).contains(&d.year())
}

/// Money folio accepts: finite, not negative, below 10^15.
fn plausible_money(v: f64) -> bool {
    v.is_finite() && (0.0..=1e15).contains(&v)
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
    // Dates far outside any project's life are typos, and would make folio
    // generate a report page for every month in between.
    let mut dates: Vec<jiff::civil::Date> = Vec::new();
    if let Some(b) = &d.baseline {
        dates.extend([b.start, b.finish]);
    }
    dates.extend(d.forecast.as_ref().and_then(|f| f.finish));
    dates.extend(d.actuals.iter().map(|a| a.date));
    dates.extend(d.planned.iter().map(|a| a.date));
    dates.extend(d.status.iter().map(|a| a.date));
    for m in &d.milestones {
        dates.extend([m.baseline, m.forecast, m.actual].into_iter().flatten());
    }
    for r in &d.risks {
        dates.extend([r.review, r.raised, r.closed].into_iter().flatten());
    }
    for i in &d.issues {
        dates.extend([i.opened, i.due, i.closed].into_iter().flatten());
    }
    for a in &d.allocations {
        dates.extend([a.from, a.to]);
    }
    dates.sort();
    dates.dedup();
    for date in dates.iter().filter(|x| !plausible_date(**x)) {
        problem(
            &[&date.to_string()],
            format!("date {date} is outside 1900–2200"),
            "check the year; dates are written YYYY-MM-DD",
        );
    }
    let mut money: Vec<(f64, String)> = Vec::new();
    if let Some(b) = &d.baseline {
        money.push((b.budget, "budget".into()));
    }
    if let Some(c) = d.forecast.as_ref().and_then(|f| f.cost) {
        money.push((c, "cost".into()));
    }
    money.extend(d.actuals.iter().map(|a| (a.cost, a.date.to_string())));
    for (v, needle) in money.iter().filter(|(v, _)| !plausible_money(*v)) {
        problem(
            &[needle.as_str()],
            format!("amount {v} is not a usable sum of money"),
            "amounts are plain numbers from 0 up to 10^15 in the site currency",
        );
    }
    if let Some(b) = &d.baseline
        && b.finish < b.start
    {
        problem(
            &["baseline"],
            format!(
                "baseline finish {} is before its start {}",
                b.finish, b.start
            ),
            "swap the dates or correct the typo",
        );
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
        if !(0.0..=1000.0).contains(&a.percent) {
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
    fn absurd_dates_and_amounts_are_errors() {
        let d = check(
            "name: X\nphase: execution\nbaseline: { start: 0001-01-01, finish: 2026-05-01, budget: 1e307 }\nforecast: { cost: .nan }\n",
        );
        assert_eq!(d.len(), 3, "{d:?}");
        assert!(d.iter().all(|x| x.line == 3 || x.line == 4));
    }

    #[test]
    fn a_clean_project_has_no_problems() {
        assert!(check("name: X\nphase: execution\nbaseline: { start: 2026-01-01, finish: 2026-05-01, budget: 10 }\n").is_empty());
    }
}
