//! The earned-value S-curve of one project: planned value, earned value
//! and actual cost at every dated point up to D, each from the same
//! definitions as the EVM table ([`earned_value`], [`planned_percent`]).

use std::collections::BTreeSet;

use jiff::civil::Date;

use crate::model::Project;

use super::evm::{PlannedCurve, earned_value};

/// Planned value, earned value and actual cost of one project over time.
#[derive(Debug, Clone, PartialEq)]
pub struct EvSeries {
    pub start: Date,
    pub finish: Date,
    pub bac: f64,
    /// Every date of the curve: baseline start and finish, planned points,
    /// statuses and actuals on or before D, and D while the baseline runs.
    pub dates: Vec<Date>,
    /// PV at each date from the baseline start through the finish.
    pub pv: Vec<(Date, f64)>,
    /// EV at each status date on or before D.
    pub ev: Vec<(Date, f64)>,
    /// AC at each actual-cost date on or before D.
    pub ac: Vec<(Date, f64)>,
}

impl EvSeries {
    /// The rows of the data table: every date on or before D with PV (from
    /// the baseline start on) and the EV and AC points of that date.
    pub fn rows(&self, as_of: Date) -> Vec<EvRow> {
        let at = |v: &[(Date, f64)], d: Date| v.iter().find(|p| p.0 == d).map(|p| p.1);
        self.dates
            .iter()
            .filter(|d| **d <= as_of)
            .map(|&date| EvRow {
                date,
                pv: (date >= self.start).then(|| {
                    if date > self.finish {
                        self.bac
                    } else {
                        at(&self.pv, date).unwrap_or(0.0)
                    }
                }),
                ev: at(&self.ev, date),
                ac: at(&self.ac, date),
            })
            .collect()
    }
}

/// One row of the S-curve's data table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EvRow {
    pub date: Date,
    pub pv: Option<f64>,
    pub ev: Option<f64>,
    pub ac: Option<f64>,
}

/// The S-curve of `p` up to `d`; `None` without a baseline.
pub fn ev_series(p: &Project, d: Date) -> Option<EvSeries> {
    let data = &p.data;
    // One curve under the baseline in force at D, earlier points included.
    let b = data.baseline_at(d)?;
    let (bac, start, finish) = (*b.budget, b.start, *b.finish);
    let curve = PlannedCurve::of(data, b);
    let mut dates: Vec<Date> = vec![start, finish];
    dates.extend(data.planned_points(b).iter().map(|x| x.date));
    let status: BTreeSet<Date> = data
        .status
        .iter()
        .map(|s| s.date)
        .filter(|x| *x <= d)
        .collect();
    let actuals: BTreeSet<Date> = data
        .actuals
        .iter()
        .map(|a| a.date)
        .filter(|x| *x <= d)
        .collect();
    dates.extend(status.iter().copied());
    dates.extend(actuals.iter().copied());
    if d >= start && d <= finish {
        dates.push(d);
    }
    dates.sort();
    dates.dedup();
    let pv = dates
        .iter()
        .filter(|x| **x >= start && **x <= finish)
        .map(|&x| (x, bac * curve.percent(x) / 100.0))
        .collect();
    let ev = status
        .iter()
        .filter_map(|&x| Some((x, bac * earned_value(data, x).percent_complete? / 100.0)))
        .collect();
    let ac = actuals
        .iter()
        .filter_map(|&x| Some((x, earned_value(data, x).ac?)))
        .collect();
    Some(EvSeries {
        start,
        finish,
        bac,
        dates,
        pv,
        ev,
        ac,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Thresholds;
    use crate::metrics::project_metrics;
    use crate::metrics::testing::date;

    fn project(yaml: &str) -> Project {
        crate::metrics::testing::project("p", yaml)
    }

    /// Budget 1000 over 2026-01-01..2026-04-11 (100 days).
    const ALPHA: &str = "name: Alpha\nphase: execution\n\
        baseline: { start: 2026-01-01, finish: 2026-04-11, budget: 1000 }\n\
        status:\n  - { date: 2026-01-31, rag: green, percent_complete: 30 }\n  - { date: 2026-02-28, rag: amber, percent_complete: 50 }\n  - { date: 2026-03-31, rag: amber, percent_complete: 70 }\n\
        actuals:\n  - { date: 2026-01-31, cost: 300 }\n  - { date: 2026-02-28, cost: 625 }\n";

    #[test]
    fn the_s_curve_is_the_earned_value_at_each_dated_point() {
        let p = project(ALPHA);
        let s = ev_series(&p, date("2026-03-01")).unwrap();
        // Dates: start, the two statuses and actuals on or before D, D, finish.
        let want: Vec<Date> = [
            "2026-01-01",
            "2026-01-31",
            "2026-02-28",
            "2026-03-01",
            "2026-04-11",
        ]
        .iter()
        .map(|d| date(d))
        .collect();
        assert_eq!(s.dates, want);
        // PV: 30 of 100 days → 300; 58 days → 580; 59 → 590.
        assert_eq!(s.pv[1], (date("2026-01-31"), 300.0));
        assert_eq!(s.pv[3], (date("2026-03-01"), 590.0));
        // EV at the statuses on or before D (the March status is later), AC at the actuals.
        assert_eq!(
            s.ev,
            [(date("2026-01-31"), 300.0), (date("2026-02-28"), 500.0)]
        );
        assert_eq!(
            s.ac,
            [(date("2026-01-31"), 300.0), (date("2026-02-28"), 625.0)]
        );
        let rows = s.rows(date("2026-03-01"));
        assert_eq!(rows.len(), 4, "dates after D are not in the table");
        assert_eq!(rows[3].pv, Some(590.0));
        assert_eq!(rows[3].ev, None);
        // The last EV point is the EVM table's EV at D.
        let m = project_metrics(&p, date("2026-03-01"), &Thresholds::default());
        assert_eq!(s.ev.last().map(|e| e.1), m.ev.ev);
        assert!(ev_series(&project("name: X\nphase: execution\n"), date("2026-03-01")).is_none());
    }
}
