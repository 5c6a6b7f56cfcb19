//! Roll-ups of a set of projects (the portfolio, or one programme): the
//! projects it covers, their [`Totals`], and the counts shown as "n of m".
//!
//! A count's denominator includes only the projects that have the count's
//! input: a project without a budget is neither over nor under budget. The
//! projects left out are listed, so a chart or total can name them.

use super::figures::ProjectFigures;
use super::{Totals, totals};

/// `count` of the `of` projects that have the input; `left_out` lacks it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Share {
    pub count: usize,
    /// Projects that have the input (the denominator).
    pub of: usize,
    /// Indices into `site.projects` of the projects without the input.
    pub left_out: Vec<usize>,
}

impl Share {
    /// Counts the projects at `indices` for which `test` is `Some(true)`,
    /// out of those for which it is `Some(_)`; `None` means "no input".
    pub fn of(
        indices: &[usize],
        figures: &[ProjectFigures],
        test: impl Fn(&ProjectFigures) -> Option<bool>,
    ) -> Share {
        let mut share = Share::default();
        for &i in indices {
            match test(&figures[i]) {
                Some(yes) => {
                    share.of += 1;
                    share.count += usize::from(yes);
                }
                None => share.left_out.push(i),
            }
        }
        share
    }
}

/// A set of projects and their sums.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RollUp {
    /// Indices into `site.projects`, in site order.
    pub projects: Vec<usize>,
    pub totals: Totals,
    /// Projects without a budget (no baseline), left out of `totals.bac`.
    pub bac_left_out: Vec<usize>,
    /// Projects whose EAC is n/a, left out of `totals.eac`.
    pub eac_left_out: Vec<usize>,
    /// Forecast to cost more than their budget (overrun % above 0), of the
    /// projects with a budget and an estimate at completion.
    pub over_budget: Share,
    /// Forecast to finish after their baseline finish, of the projects with a baseline.
    pub late: Share,
    /// Low value with a large open risk, of the projects with a value score.
    pub low_value_high_risk: Share,
}

impl RollUp {
    /// The roll-up of the projects at `indices` (into `figures`).
    pub fn of(indices: Vec<usize>, figures: &[ProjectFigures]) -> RollUp {
        let totals = totals(indices.iter().map(|&i| &figures[i].metrics));
        RollUp {
            bac_left_out: indices
                .iter()
                .copied()
                .filter(|&i| figures[i].metrics.ev.bac.is_none())
                .collect(),
            eac_left_out: indices
                .iter()
                .copied()
                .filter(|&i| figures[i].metrics.ev.eac.is_none())
                .collect(),
            over_budget: Share::of(&indices, figures, |f| {
                f.metrics.ev.overrun_percent.map(|o| o > 0.0)
            }),
            late: Share::of(&indices, figures, |f| {
                f.metrics.schedule.slip_days.map(|s| s > 0)
            }),
            low_value_high_risk: Share::of(&indices, figures, |f| {
                f.value_score.map(|_| f.low_value_high_risk)
            }),
            projects: indices,
            totals,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Thresholds;
    use crate::metrics::figures::Figures;
    use crate::metrics::testing::project;

    #[test]
    fn a_share_counts_over_the_projects_with_the_input() {
        // a: BAC 1000, forecast 1200 → over; b: BAC 1000, forecast 900 → under;
        // c: no baseline (EAC from the forecast, but no BAC) → not counted.
        let projects = [
            project(
                "a",
                "name: A\nphase: execution\nbaseline: { start: 2026-01-01, finish: 2026-12-31, budget: 1000 }\nforecast: { cost: 1200, finish: 2027-01-31 }\n",
            ),
            project(
                "b",
                "name: B\nphase: execution\nbaseline: { start: 2026-01-01, finish: 2026-12-31, budget: 1000 }\nforecast: { cost: 900 }\n",
            ),
            project("c", "name: C\nphase: execution\nforecast: { cost: 500 }\n"),
        ];
        let d = "2026-06-30".parse().unwrap();
        let t = Thresholds::default();
        let figures: Vec<_> = projects
            .iter()
            .map(|p| Figures::project(p, d, &t))
            .collect();
        let r = RollUp::of(vec![0, 1, 2], &figures);
        assert_eq!(
            r.over_budget,
            Share {
                count: 1,
                of: 2,
                left_out: vec![2]
            }
        );
        // Late: a slips 31 days; b is on time; c has no baseline.
        assert_eq!(
            r.late,
            Share {
                count: 1,
                of: 2,
                left_out: vec![2]
            }
        );
        assert!(r.eac_left_out.is_empty(), "c's EAC is its forecast cost");
        assert_eq!(r.totals.eac, 2600.0);
        assert_eq!(r.low_value_high_risk.of, 0);
        assert_eq!(r.low_value_high_risk.left_out, [0, 1, 2]);
    }
}
