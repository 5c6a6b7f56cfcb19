//! All figures of one project as of D, and portfolio or programme roll-ups.

use jiff::civil::Date;
use serde::Serialize;

use crate::config::Thresholds;
use crate::model::{Project, Rag};

use super::{
    EarnedSchedule, EarnedValue, Health, Schedule, earned_schedule, earned_value, health, ratio,
    schedule,
};

/// Everything computed for one project as of D.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ProjectMetrics {
    pub ev: EarnedValue,
    pub es: EarnedSchedule,
    pub schedule: Schedule,
    pub health: Health,
    /// RAG of the latest status on or before D.
    pub reported: Option<Rag>,
    pub reported_date: Option<Date>,
    /// Reported and computed overall health are both known and differ.
    pub disagrees: bool,
}

pub fn project_metrics(p: &Project, d: Date, t: &Thresholds) -> ProjectMetrics {
    let ev = earned_value(&p.data, d);
    let es = earned_schedule(&p.data, d);
    let schedule = schedule(&p.data, d);
    let health = health(&ev, &es, &schedule, p.data.baseline_at(d).is_some(), t);
    let status = p.latest_status(d);
    let reported = status.map(|s| s.rag);
    ProjectMetrics {
        ev,
        es,
        schedule,
        health,
        reported,
        reported_date: status.map(|s| s.date),
        disagrees: matches!((reported, health.overall), (Some(r), Some(c)) if r != c),
    }
}

/// Sums over a set of projects; ratios from the sums of the projects with a
/// baseline (ΣEV / ΣAC, ΣEV / ΣPV; SPEC 3.4).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Totals {
    pub projects: usize,
    pub bac: f64,
    pub pv: f64,
    pub ev: f64,
    pub ac: f64,
    /// ΣAC over the projects with a baseline: the denominator of `cpi`, so
    /// the cost of a project without a budget does not weigh on the ratio.
    pub ac_baselined: f64,
    pub eac: f64,
    /// Projects whose EAC is n/a (no baseline, or no CPI and no forecast cost), left out of `eac`.
    pub eac_na: usize,
    pub cpi: Option<f64>,
    pub spi: Option<f64>,
    /// Projects by computed overall health: green, amber, red, n/a.
    pub computed: [usize; 4],
    /// Projects by reported RAG: green, amber, red, none.
    pub reported: [usize; 4],
}

/// Roll-up of `metrics`; undefined figures add nothing to a sum.
pub fn totals<'a>(metrics: impl IntoIterator<Item = &'a ProjectMetrics>) -> Totals {
    let mut t = Totals::default();
    let slot = |r: Option<Rag>| match r {
        Some(Rag::Green) => 0,
        Some(Rag::Amber) => 1,
        Some(Rag::Red) => 2,
        None => 3,
    };
    for m in metrics {
        t.projects += 1;
        t.bac += m.ev.bac.unwrap_or(0.0);
        t.pv += m.ev.pv.unwrap_or(0.0);
        t.ev += m.ev.ev.unwrap_or(0.0);
        t.ac += m.ev.ac.unwrap_or(0.0);
        if m.ev.bac.is_some() {
            t.ac_baselined += m.ev.ac.unwrap_or(0.0);
        }
        match m.ev.eac {
            Some(eac) => t.eac += eac,
            None => t.eac_na += 1,
        }
        t.computed[slot(m.health.overall)] += 1;
        t.reported[slot(m.reported)] += 1;
    }
    t.cpi = ratio(Some(t.ev), Some(t.ac_baselined));
    t.spi = ratio(Some(t.ev), Some(t.pv));
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(yaml: &str) -> Project {
        crate::metrics::testing::project("p", yaml)
    }

    #[test]
    fn disagreement_is_flagged_when_reported_differs_from_computed() {
        let p = project(
            "name: A\nphase: execution\nbaseline: { start: 2026-01-01, finish: 2026-12-31, budget: 1000 }\nforecast: { cost: 1300 }\nstatus:\n  - { date: 2026-06-30, rag: green, percent_complete: 50 }\n",
        );
        let m = project_metrics(&p, "2026-07-01".parse().unwrap(), &Thresholds::default());
        assert_eq!(m.health.cost, Some(Rag::Red), "overrun 30 %");
        assert_eq!(m.reported, Some(Rag::Green));
        assert!(m.disagrees);
    }

    #[test]
    fn portfolio_ratios_come_from_sums() {
        let a = ProjectMetrics {
            ev: EarnedValue {
                ev: Some(100.0),
                ac: Some(200.0),
                pv: Some(100.0),
                bac: Some(1000.0),
                ..EarnedValue::default()
            },
            es: EarnedSchedule::default(),
            schedule: Schedule::default(),
            health: Health::default(),
            reported: None,
            reported_date: None,
            disagrees: false,
        };
        let b = ProjectMetrics {
            ev: EarnedValue {
                ev: Some(300.0),
                ac: Some(200.0),
                pv: Some(300.0),
                bac: Some(500.0),
                ..EarnedValue::default()
            },
            ..a
        };
        let t = totals([&a, &b]);
        assert_eq!(t.cpi, Some(1.0));
        assert_eq!(t.spi, Some(1.0));
        assert_eq!(t.bac, 1500.0);
        assert_eq!(t.computed[3], 2);
        assert_eq!(totals([]).cpi, None);
        // A project without a baseline adds its AC to ΣAC but not to the CPI.
        let c = ProjectMetrics {
            ev: EarnedValue {
                ac: Some(600.0),
                ..EarnedValue::default()
            },
            ..a
        };
        let t = totals([&a, &b, &c]);
        assert_eq!(t.ac, 1000.0);
        assert_eq!(t.cpi, Some(1.0), "(100 + 300) / (200 + 200)");
    }
}
