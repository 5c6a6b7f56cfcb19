//! Where a milestone stands at a date: hit, missed or planned. The one
//! definition behind the project page's milestone status, the dashboard's
//! upcoming milestones and the reports' "milestones missed".

use jiff::civil::Date;

use crate::model::Milestone;

use super::evm::days_between;

/// Where a milestone stands as of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MilestoneState {
    /// Its actual date is on or before the date.
    Hit,
    /// Not reached by the date, and its baseline date is on or before it.
    Missed,
    /// Not reached, and not yet due against its baseline (or it has none).
    Planned,
}

/// The state of `m` at `at`. A milestone is **missed** when it has a
/// baseline date on or before `at` and no actual date on or before `at`.
/// Forecasts are not dated, so a forecast never makes a milestone missed
/// (a milestone without a baseline is planned until it is hit).
pub fn milestone_state(m: &Milestone, at: Date) -> MilestoneState {
    if m.actual.is_some_and(|a| a <= at) {
        MilestoneState::Hit
    } else if m.baseline.is_some_and(|b| b <= at) {
        MilestoneState::Missed
    } else {
        MilestoneState::Planned
    }
}

/// Days a missed milestone is overdue at `at` (`at` − baseline); `None` unless missed.
pub fn days_overdue(m: &Milestone, at: Date) -> Option<i64> {
    match milestone_state(m, at) {
        MilestoneState::Missed => m.baseline.map(|b| days_between(b, at)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(yaml: &str) -> Milestone {
        serde_saphyr::from_str(yaml).unwrap()
    }

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn missed_is_against_the_baseline_only() {
        let m = ms("{ name: M, baseline: 2026-03-10, forecast: 2026-04-30 }");
        assert_eq!(
            milestone_state(&m, date("2026-03-09")),
            MilestoneState::Planned
        );
        assert_eq!(
            milestone_state(&m, date("2026-03-10")),
            MilestoneState::Missed,
            "due on the day and not reached by its end"
        );
        assert_eq!(days_overdue(&m, date("2026-03-20")), Some(10));
        // A later forecast does not hide the miss; a forecast alone never misses.
        let f = ms("{ name: F, forecast: 2026-01-01 }");
        assert_eq!(
            milestone_state(&f, date("2026-06-01")),
            MilestoneState::Planned
        );
        assert_eq!(days_overdue(&f, date("2026-06-01")), None);
    }

    #[test]
    fn an_actual_on_or_before_the_date_is_a_hit() {
        let m = ms("{ name: M, baseline: 2026-03-10, actual: 2026-03-15 }");
        assert_eq!(
            milestone_state(&m, date("2026-03-14")),
            MilestoneState::Missed
        );
        assert_eq!(milestone_state(&m, date("2026-03-15")), MilestoneState::Hit);
    }
}
