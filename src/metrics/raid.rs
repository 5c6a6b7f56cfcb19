//! The registers beside the numbers, as of D (SPEC 3.3, 3.4): decisions,
//! assumptions, dependencies between projects, change requests and
//! benefits. Each item is read as it stood at D: raised after D it does not
//! exist yet; decided after D it was still proposed.

use jiff::civil::Date;

use crate::model::{Benefit, Change, ChangeStatus, Decision, DecisionStatus, Dependency, Project};

use super::evm::{milestone_date, schedule};
use super::ratio;

/// A decision as of D.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecisionFigures {
    /// Raised on or before D (or undated).
    pub exists: bool,
    /// Its status at D: decided or withdrawn only from its `decided` date on.
    pub status: DecisionStatus,
    /// Still proposed at D and needed before D.
    pub overdue: bool,
}

pub fn decision_figures(x: &Decision, d: Date) -> DecisionFigures {
    let status = match x.status {
        DecisionStatus::Proposed => DecisionStatus::Proposed,
        s if x.decided.is_none_or(|on| on <= d) => s,
        _ => DecisionStatus::Proposed,
    };
    DecisionFigures {
        exists: x.raised.is_none_or(|r| r <= d),
        status,
        overdue: status == DecisionStatus::Proposed && x.needed_by.is_some_and(|n| *n < d),
    }
}

/// Whether decision `x` is still to be made at `d` and needed by `horizon`.
pub fn decision_due(x: &Decision, d: Date, horizon: Date) -> bool {
    let f = decision_figures(x, d);
    f.exists && f.status == DecisionStatus::Proposed && x.needed_by.is_some_and(|n| *n <= horizon)
}

/// A change request as of D.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChangeFigures {
    /// Raised on or before D (or undated).
    pub exists: bool,
    /// Approved or rejected only from its `decided` date on.
    pub status: ChangeStatus,
}

pub fn change_figures(x: &Change, d: Date) -> ChangeFigures {
    let status = match x.status {
        ChangeStatus::Proposed => ChangeStatus::Proposed,
        s if x.decided.is_none_or(|on| on <= d) => s,
        _ => ChangeStatus::Proposed,
    };
    ChangeFigures {
        exists: x.raised.is_none_or(|r| r <= d),
        status,
    }
}

/// A dependency of one project on another as of D.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DependencyFigures {
    /// Index of the providing project in `site.projects` (`None`: not in this build).
    pub provider: Option<usize>,
    /// Index of the providing milestone in that project's `milestones`.
    pub milestone: Option<usize>,
    /// When it is expected as of D: the milestone's date as of D (its actual
    /// once reached), or for a whole project its forecast finish.
    pub expected: Option<Date>,
    /// Delivered (the milestone's actual date) on or before D.
    pub delivered: Option<Date>,
    /// Not delivered, and expected after `needed_by`.
    pub at_risk: bool,
    /// Not delivered, and `needed_by` is before D.
    pub late: bool,
}

pub fn dependency_figures(projects: &[Project], x: &Dependency, d: Date) -> DependencyFigures {
    let provider = projects.iter().position(|p| p.id == x.project.value);
    let data = provider.map(|i| &projects[i].data);
    let milestone = data
        .zip(x.milestone.as_ref())
        .and_then(|(data, name)| data.milestones.iter().position(|m| m.name == name.value));
    let (expected, delivered) = match (data, milestone) {
        (Some(data), Some(mi)) => {
            let m = &data.milestones[mi];
            (milestone_date(data, m, d), m.actual.filter(|a| *a <= d))
        }
        // A whole project: its forecast finish; delivered when it reports 100 %.
        (Some(data), None) if x.milestone.is_none() => {
            let done = data
                .status
                .iter()
                .filter(|s| s.date <= d && *s.percent_complete >= 100.0)
                .map(|s| s.date)
                .min();
            (done.or(schedule(data, d).forecast_finish), done)
        }
        _ => (None, None),
    };
    let needed = *x.needed_by;
    DependencyFigures {
        provider,
        milestone,
        expected,
        delivered,
        at_risk: delivered.is_none() && expected.is_some_and(|e| e > needed),
        late: delivered.is_none() && needed < d,
    }
}

/// A benefit as of D.
#[derive(Debug, Clone, PartialEq)]
pub struct BenefitFigures {
    /// The latest measured value on or before D (an undated value at every D).
    pub measured: Option<f64>,
    /// The date of that measurement (`None` for an undated value).
    pub measured_on: Option<Date>,
    /// measured / target × 100, when both are non-zero with the same sign.
    pub attainment: Option<f64>,
    /// Every dated measurement on or before D, by date.
    pub series: Vec<(Date, f64)>,
}

pub fn benefit_figures(b: &Benefit, d: Date) -> BenefitFigures {
    let now = b.measured.at(d);
    let measured = now.map(|m| *m.value);
    let target = b.target.as_ref().map(|t| **t);
    let attainment = match (measured, target) {
        (Some(m), Some(t)) if m != 0.0 && t != 0.0 && (m > 0.0) == (t > 0.0) => {
            ratio(Some(m * 100.0), Some(t))
        }
        _ => None,
    };
    let series = b
        .measured
        .history()
        .into_iter()
        .filter_map(|m| Some((m.date.filter(|x| *x <= d)?, *m.value)))
        .collect();
    BenefitFigures {
        measured,
        measured_on: now.and_then(|m| m.date),
        attainment,
        series,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::testing::{date, project};

    #[test]
    fn a_decision_is_proposed_until_its_decided_date() {
        let x: Decision = serde_saphyr::from_str(
            "{ id: D1, title: T, raised: 2026-10-02, needed_by: 2026-11-15, status: decided, decided: 2026-11-20 }",
        )
        .unwrap();
        let at = |s: &str| decision_figures(&x, date(s));
        assert!(!at("2026-10-01").exists);
        assert_eq!(at("2026-11-10").status, DecisionStatus::Proposed);
        assert!(
            !at("2026-11-15").overdue,
            "needed that day: not yet overdue"
        );
        assert!(at("2026-11-16").overdue);
        assert_eq!(at("2026-11-20").status, DecisionStatus::Decided);
        assert!(!at("2026-11-20").overdue);
        assert!(decision_due(&x, date("2026-10-31"), date("2026-11-30")));
        assert!(!decision_due(&x, date("2026-10-31"), date("2026-11-14")));
        assert!(
            !decision_due(&x, date("2026-09-30"), date("2026-11-30")),
            "not raised yet"
        );
    }

    #[test]
    fn a_change_is_proposed_until_decided() {
        let x: Change = serde_saphyr::from_str(
            "{ id: C1, title: T, raised: 2026-06-10, decided: 2026-07-01, status: rejected, cost_impact: 80000 }",
        )
        .unwrap();
        assert_eq!(
            change_figures(&x, date("2026-06-30")).status,
            ChangeStatus::Proposed
        );
        assert_eq!(
            change_figures(&x, date("2026-07-01")).status,
            ChangeStatus::Rejected
        );
    }

    #[test]
    fn a_dependency_is_at_risk_when_its_milestone_is_forecast_after_the_need() {
        let provider = project(
            "data-platform",
            "name: P\nphase: execution\nmilestones:\n  - { name: Customer data live, baseline: 2026-08-15, forecast: 2026-09-30 }\nstatus:\n  - { date: 2026-05-31, rag: green, percent_complete: 30, milestones: { Customer data live: 2026-08-20 } }\n",
        );
        let x: Dependency = serde_saphyr::from_str(
            "{ project: data-platform, milestone: Customer data live, needed_by: 2026-09-01 }",
        )
        .unwrap();
        let ps = [provider];
        // In May the status reported 2026-08-20: in time.
        let may = dependency_figures(&ps, &x, date("2026-06-30"));
        assert_eq!((may.provider, may.milestone), (Some(0), Some(0)));
        assert_eq!(may.expected, Some(date("2026-08-20")));
        assert!(!may.at_risk && !may.late);
        // The May report still stands in October, but the need has passed.
        let oct = dependency_figures(&ps, &x, date("2026-10-31"));
        assert!(oct.late, "not delivered and needed before D");
        let unknown: Dependency =
            serde_saphyr::from_str("{ project: elsewhere, needed_by: 2026-09-01 }").unwrap();
        let f = dependency_figures(&ps, &unknown, date("2026-06-30"));
        assert_eq!((f.provider, f.expected, f.at_risk), (None, None, false));
    }

    #[test]
    fn a_reported_forecast_after_the_need_puts_the_dependency_at_risk() {
        let provider = project(
            "dp",
            "name: P\nphase: execution\nmilestones:\n  - { name: M, baseline: 2026-08-15 }\nstatus:\n  - { date: 2026-07-31, rag: amber, percent_complete: 50, milestones: { M: 2026-09-20 } }\n",
        );
        let x: Dependency =
            serde_saphyr::from_str("{ project: dp, milestone: M, needed_by: 2026-09-01 }").unwrap();
        let ps = [provider];
        assert!(
            !dependency_figures(&ps, &x, date("2026-07-30")).at_risk,
            "baseline in time"
        );
        let f = dependency_figures(&ps, &x, date("2026-07-31"));
        assert!(f.at_risk && !f.late);
    }

    #[test]
    fn benefits_take_the_latest_measure_and_attainment_needs_one_sign() {
        let b: Benefit = serde_saphyr::from_str(
            "{ name: Churn, target: -5, unit: '%', measured: [ { date: 2026-06-30, value: -1.5 }, { date: 2026-12-31, value: -4 } ] }",
        )
        .unwrap();
        let f = benefit_figures(&b, date("2026-10-31"));
        assert_eq!(f.measured, Some(-1.5));
        assert_eq!(f.measured_on, Some(date("2026-06-30")));
        assert_eq!(f.attainment, Some(30.0));
        assert_eq!(f.series, [(date("2026-06-30"), -1.5)]);
        assert_eq!(benefit_figures(&b, date("2026-01-01")).measured, None);
        let wrong_way: Benefit =
            serde_saphyr::from_str("{ name: X, target: -5, measured: 2 }").unwrap();
        let f = benefit_figures(&wrong_way, date("2026-01-01"));
        assert_eq!((f.measured, f.attainment), (Some(2.0), None));
        let zero: Benefit = serde_saphyr::from_str("{ name: X, target: 0, measured: 2 }").unwrap();
        assert_eq!(benefit_figures(&zero, date("2026-01-01")).attainment, None);
    }
}
