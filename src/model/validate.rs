//! Value checks on project and people data that the type system cannot
//! express: scales of 1–5, percentages, sums of money, date order,
//! duplicate ids. Each problem points at the line and column of the
//! offending value, as recorded by [`At`] when the file was parsed.
//! (Implausible dates are refused earlier, by the parser: see [`super::dates`].)

use std::collections::HashMap;

use crate::error::Diagnostic;
use crate::error::Rule;

use super::{At, Dated, Person, Project, Versions};

/// The largest sum of money folio accepts (and the largest it can print exactly).
pub const MAX_MONEY: f64 = 1e15;

/// The largest allocation of one person to one project, in percent of a full week.
pub const MAX_ALLOCATION: f64 = 1000.0;

/// Money folio accepts: finite, not negative, at most [`MAX_MONEY`].
fn plausible_money(v: f64) -> bool {
    v.is_finite() && (0.0..=MAX_MONEY).contains(&v)
}

/// A percentage between 0 and 100 inclusive (rejects NaN and infinities).
fn percent_0_100(v: f64) -> bool {
    (0.0..=100.0).contains(&v)
}

/// Collects problems of one file, each at the position of an [`At`] value.
struct Problems<'a> {
    file: &'a str,
    source: &'a str,
    out: Vec<Diagnostic>,
}

impl Problems<'_> {
    fn at<T>(&mut self, value: &At<T>, message: String, hint: &str) {
        self.out.push(
            Diagnostic::error(Rule::InvalidValue, self.file, message)
                .at(self.source, value.line, value.column)
                .with_hint(hint),
        );
    }
}

/// Checks one project's values; `source` is the file's text.
pub fn project(p: &Project, source: &str) -> Vec<Diagnostic> {
    let mut pr = Problems {
        file: &p.file,
        source,
        out: Vec::new(),
    };
    let d = &p.data;
    const MONEY_HINT: &str = "amounts are plain numbers from 0 up to 10^15 in the site currency";
    undated_versions(&mut pr, "baseline", &d.baseline);
    undated_versions(&mut pr, "forecast", &d.forecast);
    for b in d.baseline.entries.iter().map(|e| e.get()) {
        for pt in &b.planned {
            if !percent_0_100(*pt.percent) {
                pr.at(
                    &pt.percent,
                    format!("planned point of {} is {} %", pt.date, *pt.percent),
                    "planned percentages are between 0 and 100",
                );
            }
        }
        if !plausible_money(*b.budget) {
            pr.at(
                &b.budget,
                format!("budget {} is not a usable sum of money", *b.budget),
                MONEY_HINT,
            );
        }
        if *b.finish < b.start {
            pr.at(
                &b.finish,
                format!(
                    "baseline finish {} is before its start {}",
                    *b.finish, b.start
                ),
                "swap the dates or correct the typo",
            );
        }
    }
    for c in d.forecast.entries.iter().filter_map(|f| f.cost.as_ref()) {
        if !plausible_money(**c) {
            pr.at(
                c,
                format!("forecast cost {} is not a usable sum of money", **c),
                MONEY_HINT,
            );
        }
    }
    for c in &d.changes {
        if let Some(v) = c
            .cost_impact
            .as_ref()
            .filter(|v| !v.is_finite() || v.abs() > MAX_MONEY)
        {
            pr.at(
                v,
                format!("change {} has cost impact {}", *c.id, **v),
                "a cost impact is a plain number (negative for a saving) within ±10^15",
            );
        }
    }
    for b in &d.benefits {
        if let Some(v) = b.target.as_ref().filter(|v| !v.is_finite()) {
            pr.at(
                v,
                format!("benefit `{}` has target {}", b.name, **v),
                "a target is a plain number; put its unit in `unit:`",
            );
        }
        undated_versions(&mut pr, "measured value", &b.measured);
    }
    let names: Vec<&str> = d.milestones.iter().map(|m| m.name.as_str()).collect();
    for s in &d.status {
        for (name, at) in &s.milestones {
            if !names.contains(&name.as_str()) {
                let hint = match crate::error::did_you_mean(name, &names) {
                    Some(n) => format!("did you mean `{n}`?"),
                    None => "name a milestone from this project's `milestones:` list".into(),
                };
                pr.at(
                    at,
                    format!("status of {} gives a forecast for `{name}`, which is not a milestone of this project", s.date),
                    &hint,
                );
            }
        }
    }
    for a in &d.actuals {
        if !plausible_money(*a.cost) {
            pr.at(
                &a.cost,
                format!(
                    "actual cost {} of {} is not a usable sum of money",
                    *a.cost, a.date
                ),
                MONEY_HINT,
            );
        }
    }
    for r in &d.risks {
        for (name, v) in [("probability", &r.probability), ("impact", &r.impact)] {
            if !(1..=5).contains(&**v) {
                pr.at(
                    v,
                    format!("risk {} has {name} {}", *r.id, **v),
                    "probability and impact are scored 1 (lowest) to 5 (highest)",
                );
            }
        }
    }
    duplicates(&mut pr, "risk", d.risks.iter().map(|r| &r.id));
    duplicates(&mut pr, "issue", d.issues.iter().map(|i| &i.id));
    duplicates(&mut pr, "decision", d.decisions.iter().map(|x| &x.id));
    duplicates(&mut pr, "assumption", d.assumptions.iter().map(|x| &x.id));
    duplicates(&mut pr, "change", d.changes.iter().map(|x| &x.id));
    for s in &d.status {
        if !percent_0_100(*s.percent_complete) {
            pr.at(
                &s.percent_complete,
                format!(
                    "status of {} reports {} % complete",
                    s.date, *s.percent_complete
                ),
                "percent_complete is between 0 and 100",
            );
        }
    }
    for pt in &d.planned {
        if !percent_0_100(*pt.percent) {
            pr.at(
                &pt.percent,
                format!("planned point of {} is {} %", pt.date, *pt.percent),
                "planned percentages are between 0 and 100",
            );
        }
    }
    for a in &d.allocations {
        if *a.to < a.from {
            pr.at(
                &a.to,
                format!(
                    "allocation of {} ends ({}) before it starts ({})",
                    a.person.value, *a.to, a.from
                ),
                "`from` and `to` are both included; `to` must not be before `from`",
            );
        }
        if !(0.0..=MAX_ALLOCATION).contains(&*a.percent) {
            pr.at(
                &a.percent,
                format!("allocation of {} is {} %", a.person.value, *a.percent),
                "allocations are percentages of a full-time week, from 0 up to 1000",
            );
        }
    }
    pr.out
}

/// A version of a dated list without its `date`, at the entry.
fn undated_versions<T: Dated>(pr: &mut Problems<'_>, what: &str, v: &Versions<T>) {
    if !v.list {
        return;
    }
    for e in v.entries.iter().filter(|e| e.date().is_none()) {
        pr.at(
            e,
            format!("this {what} in a dated list has no `date`"),
            "in a list every entry says from which day it applies: add `date: YYYY-MM-DD`, or write a single mapping",
        );
    }
}

/// Every repeat of an id after its first use, pointing at the repeat.
fn duplicates<'a>(pr: &mut Problems<'_>, what: &str, ids: impl Iterator<Item = &'a At<String>>) {
    let mut first: HashMap<&str, usize> = HashMap::new();
    for id in ids {
        match first.get(id.as_str()) {
            None => {
                first.insert(id.as_str(), id.line);
            }
            Some(line) => {
                let line = *line;
                pr.out.push(
                    Diagnostic::error(
                        Rule::DuplicateId,
                        pr.file,
                        format!(
                            "{what} id {} appears more than once (first on line {line})",
                            **id
                        ),
                    )
                    .at(pr.source, id.line, id.column)
                    .with_hint(format!("give every {what} of a project its own id")),
                );
            }
        }
    }
}

/// Checks the capacity of each person; `source` is the people file's text.
pub fn people(people: &[Person], file: &str, source: &str) -> Vec<Diagnostic> {
    let mut pr = Problems {
        file,
        source,
        out: Vec::new(),
    };
    for p in people {
        if !plausible_capacity(*p.capacity) {
            pr.at(
                &p.capacity,
                format!("capacity {} of {} is not a usable percent", *p.capacity, p.id),
                "capacity is the percent of a full-time week a person can work: more than 0, at most 100",
            );
        }
    }
    pr.out
}

/// Capacity folio accepts: more than 0 and at most 100 percent of a full week.
pub fn plausible_capacity(v: f64) -> bool {
    v > 0.0 && v <= 100.0
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

    fn at(d: &Diagnostic) -> (usize, usize) {
        (d.line, d.column)
    }

    #[test]
    fn out_of_scale_risk_points_at_its_value() {
        let d = check(
            "name: X\nphase: execution\nrisks:\n  - { id: R0, title: 'probability: 7', probability: 2, impact: 2 }\n  - { id: R1, title: T, probability: 7, impact: 2 }\n",
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(at(&d[0]), (5, 38));
        assert!(d[0].message.contains("probability 7"));
    }

    #[test]
    fn reversed_dates_and_bad_percentages_are_errors() {
        let d = check(
            "name: X\nphase: execution\nbaseline: { start: 2026-05-01, finish: 2026-01-01, budget: 10 }\nstatus:\n  - { date: 2026-02-01, rag: green, percent_complete: 10 }\n  - { date: 2026-02-01, rag: green, percent_complete: 120 }\n",
        );
        assert_eq!(d.len(), 2);
        assert_eq!((at(&d[0]), at(&d[1])), ((3, 40), (6, 55)));
    }

    #[test]
    fn absurd_amounts_and_nan_are_errors_at_their_value() {
        let d = check(
            "name: X\nphase: execution\nsummary: the budget is fine\nbaseline: { start: 2021-01-01, finish: 2026-05-01, budget: 1e307 }\nforecast: { cost: .nan }\n",
        );
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!((at(&d[0]), at(&d[1])), ((4, 60), (5, 19)));
    }

    #[test]
    fn repeated_ids_point_at_the_repeat() {
        let d = check(
            "name: X\nphase: execution\nrisks:\n  - { id: R1, title: T, probability: 1, impact: 2 }\n  - { id: R1, title: U, probability: 1, impact: 2 }\n",
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(at(&d[0]), (5, 11));
        assert!(d[0].message.contains("first on line 4"), "{}", d[0].message);
    }

    #[test]
    fn a_clean_project_has_no_problems() {
        assert!(check("name: X\nphase: execution\nbaseline: { start: 2026-01-01, finish: 2026-05-01, budget: 10 }\n").is_empty());
    }

    #[test]
    fn capacity_must_be_a_real_part_of_a_week() {
        for v in [0.0, -5.0, 100.5, f64::NAN, f64::INFINITY] {
            assert!(!plausible_capacity(v), "{v}");
        }
        assert!(plausible_capacity(100.0) && plausible_capacity(0.5));
    }
}
