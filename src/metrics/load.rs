//! Resource load per person per calendar month (SPEC 3.4): the sum of the
//! percents of allocations overlapping the month, each weighted by the
//! fraction of the month's days it covers (`from` and `to` both included).

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use crate::config::AllocationThreshold;
use crate::model::Project;

use super::above;
use super::evm::days_between;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LoadLevel {
    Ok,
    /// Above `allocation_percent.over` (scaled by capacity).
    Over,
    /// Above `allocation_percent.tolerance` (scaled by capacity).
    Red,
}

/// One person's load in one month, and which projects make it up.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MonthLoad {
    pub percent: f64,
    /// (project id, percent contributed), in project order.
    pub projects: Vec<(String, f64)>,
}

/// `YYYY-MM` of a date.
pub fn month_key(d: Date) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

/// Load of every allocated person by month (`YYYY-MM`), over `projects`.
pub fn load_by_person(projects: &[Project]) -> BTreeMap<String, BTreeMap<String, MonthLoad>> {
    let mut out: BTreeMap<String, BTreeMap<String, MonthLoad>> = BTreeMap::new();
    for p in projects {
        for a in &p.data.allocations {
            let to = *a.to;
            if to < a.from {
                continue;
            }
            let mut month = a.from.first_of_month();
            while month <= to {
                let last = month.last_of_month();
                let start = a.from.max(month);
                let end = to.min(last);
                let covered = days_between(start, end) + 1;
                let days = i64::from(month.days_in_month());
                let share = *a.percent * covered as f64 / days as f64;
                let entry = out
                    .entry(a.person.value.clone())
                    .or_default()
                    .entry(month_key(month))
                    .or_default();
                entry.percent += share;
                match entry.projects.iter_mut().find(|(id, _)| *id == p.id) {
                    Some((_, v)) => *v += share,
                    None => entry.projects.push((p.id.clone(), share)),
                }
                let Ok(next) = last.tomorrow() else { break };
                month = next;
            }
        }
    }
    out
}

/// The load limits of one person: `allocation_percent` scaled by capacity.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LoadLimits {
    /// Above this the person is over-allocated.
    pub over: f64,
    /// Above this the load is red.
    pub tolerance: f64,
}

impl LoadLimits {
    /// The level of `percent` against these limits; exactly at a limit is not above it.
    pub fn level(self, percent: f64) -> LoadLevel {
        if above(percent, self.tolerance) {
            LoadLevel::Red
        } else if above(percent, self.over) {
            LoadLevel::Over
        } else {
            LoadLevel::Ok
        }
    }
}

/// The limits for a person of `capacity` percent: a capacity below 100
/// scales both limits by capacity / 100; 100 or more leaves them as set.
pub fn load_limits(capacity: f64, t: AllocationThreshold) -> LoadLimits {
    let scale = if capacity < 100.0 {
        capacity / 100.0
    } else {
        1.0
    };
    LoadLimits {
        over: t.over * scale,
        tolerance: t.tolerance * scale,
    }
}

/// The level of a load for a person of `capacity` percent.
pub fn load_level(percent: f64, capacity: f64, t: AllocationThreshold) -> LoadLevel {
    load_limits(capacity, t).level(percent)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ProjectData;

    fn project(id: &str, allocations: &str) -> Project {
        let data: ProjectData = serde_saphyr::from_str(&format!(
            "name: X\nphase: execution\nallocations:\n{allocations}"
        ))
        .unwrap();
        Project {
            id: id.into(),
            file: String::new(),
            data,
            audience: "internal".into(),
        }
    }

    #[test]
    fn partial_months_are_weighted_by_days_covered() {
        // 2026-04 has 30 days; 16th..30th inclusive is 15 days.
        let p = project(
            "a",
            "  - { person: x, from: 2026-04-16, to: 2026-05-31, percent: 60 }\n",
        );
        let load = load_by_person(&[p]);
        assert!((load["x"]["2026-04"].percent - 30.0).abs() < 1e-12);
        assert!((load["x"]["2026-05"].percent - 60.0).abs() < 1e-12);
        assert!(!load["x"].contains_key("2026-06"));
    }

    #[test]
    fn single_day_and_both_ends_included() {
        // February 2026 has 28 days.
        let p = project(
            "a",
            "  - { person: x, from: 2026-02-10, to: 2026-02-10, percent: 28 }\n",
        );
        assert!((load_by_person(&[p])["x"]["2026-02"].percent - 1.0).abs() < 1e-12);
    }

    #[test]
    fn overlapping_projects_add_up_and_are_listed() {
        let a = project(
            "a",
            "  - { person: x, from: 2026-01-01, to: 2026-12-31, percent: 70 }\n",
        );
        let b = project(
            "b",
            "  - { person: x, from: 2026-03-01, to: 2026-03-31, percent: 50 }\n",
        );
        let load = load_by_person(&[a, b]);
        let march = &load["x"]["2026-03"];
        assert!((march.percent - 120.0).abs() < 1e-12);
        assert_eq!(march.projects.len(), 2);
    }

    #[test]
    fn levels_scale_with_capacity() {
        let t = AllocationThreshold {
            over: 100.0,
            tolerance: 110.0,
        };
        assert_eq!(
            load_level(100.0, 100.0, t),
            LoadLevel::Ok,
            "exactly at the limit is not above it"
        );
        assert_eq!(load_level(105.0, 100.0, t), LoadLevel::Over);
        assert_eq!(load_level(110.0, 100.0, t), LoadLevel::Over);
        assert_eq!(load_level(111.0, 100.0, t), LoadLevel::Red);
        // Capacity 50: over above 50, red above 55.
        assert_eq!(load_level(50.0, 50.0, t), LoadLevel::Ok);
        assert_eq!(load_level(52.0, 50.0, t), LoadLevel::Over);
        assert_eq!(load_level(56.0, 50.0, t), LoadLevel::Red);
        assert_eq!(
            load_limits(50.0, t),
            LoadLimits {
                over: 50.0,
                tolerance: 55.0
            }
        );
        assert_eq!(load_limits(120.0, t).over, 100.0, "no scaling above 100");
    }
}
