//! What changed in the portfolio during a reporting period: a pure
//! comparison of [`project_metrics`] at the end of the previous period with
//! the end of this one, plus the dated events of the data that fall inside
//! the period (risks raised and closed, milestones reached or due, projects
//! started and closed).
//!
//! Only what the data dates is reported; folio keeps no history of its own:
//! - Reported RAG, % complete, actual cost (so AC, EV, CPI, SPI and a
//!   computed EAC) are dated, so their movement is exact.
//! - Forecast finish and forecast cost, milestone forecasts and risk scores
//!   are *not* dated: the file holds only their current value. So there are
//!   no "milestone moved" or "risk score raised" events; a finish-date slip is
//!   reported when a project's *baseline* finish passes inside the period
//!   while it is not complete, and "escalated" risks are the high-zone risks
//!   raised inside the period and still open at its end.
//! - Milestones *hit*: actual date inside the period. *Missed*: baseline date
//!   inside the period and missed at the period end by
//!   [`super::milestone::milestone_state`], the rule project pages use too.
//! - A project is in the portfolio from its start (baseline start, or first
//!   status report without a baseline) or its first dated status or actual
//!   cost, whichever comes first. *Started*: that start date inside the
//!   period. *Closed*: phase `closed`, dated by its last status report or
//!   actual cost, inside the period.
//!
//! The first period has no previous one (`after: None`): everything up to
//! its end is new.

use jiff::civil::Date;
use serde::Serialize;

use crate::config::Thresholds;
use crate::model::{Phase, Project, Rag};

use super::evm::days_between;
use super::milestone::days_overdue;
use super::{
    ProjectMetrics, RiskZone, Totals, project_metrics, risk_is_open, risk_score, risk_zone,
};

/// The days a period covers: after `after` (exclusive) through `through`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// The end of the previous period; `None` for the first period.
    pub after: Option<Date>,
    pub through: Date,
}

impl Window {
    pub fn contains(self, d: Date) -> bool {
        self.after.is_none_or(|a| d > a) && d <= self.through
    }
}

/// How a RAG value moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Same,
    Worse,
    Better,
    /// From n/a to a value: first reported, or first computable.
    First,
    /// From a value to n/a.
    Lost,
}

impl Direction {
    pub fn of(before: Option<Rag>, after: Option<Rag>) -> Direction {
        match (before, after) {
            (None, None) => Direction::Same,
            (None, Some(_)) => Direction::First,
            (Some(_), None) => Direction::Lost,
            (Some(b), Some(a)) if a > b => Direction::Worse,
            (Some(b), Some(a)) if a < b => Direction::Better,
            _ => Direction::Same,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Same => "same",
            Direction::Worse => "worse",
            Direction::Better => "better",
            Direction::First => "first",
            Direction::Lost => "lost",
        }
    }
}

/// One project's metrics at both ends of the period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProjectDelta {
    /// Index into the projects passed to [`changes`].
    pub project: usize,
    /// `None` when the project was not yet in the portfolio (or in the first period).
    pub before: Option<ProjectMetrics>,
    pub after: ProjectMetrics,
}

impl ProjectDelta {
    pub fn reported(&self) -> Direction {
        Direction::of(self.before.and_then(|m| m.reported), self.after.reported)
    }

    pub fn computed(&self) -> Direction {
        Direction::of(
            self.before.and_then(|m| m.health.overall),
            self.after.health.overall,
        )
    }

    /// Actual cost booked in the period.
    pub fn ac_delta(&self) -> f64 {
        let before = self.before.and_then(|m| m.ev.ac).unwrap_or(0.0);
        self.after.ev.ac.unwrap_or(0.0) - before
    }

    /// EAC movement; from zero for a project new to the portfolio, n/a when
    /// either end is n/a.
    pub fn eac_delta(&self) -> Option<f64> {
        let before = match self.before {
            Some(m) => m.ev.eac?,
            None => 0.0,
        };
        Some(self.after.ev.eac? - before)
    }

    /// True when AC or EAC moved, or EAC became (un)defined.
    pub fn cost_moved(&self) -> bool {
        let eac_defined_changed = self
            .before
            .is_some_and(|m| m.ev.eac.is_some() != self.after.ev.eac.is_some());
        self.ac_delta() != 0.0 || self.eac_delta().is_some_and(|d| d != 0.0) || eac_defined_changed
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RiskEvent {
    pub project: usize,
    /// Index into the project's `risks`.
    pub risk: usize,
    pub score: u32,
    pub zone: RiskZone,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MilestoneEvent {
    pub project: usize,
    /// Index into the project's `milestones`.
    pub milestone: usize,
    /// Hit: actual − baseline (positive is late). Missed: days overdue at the period end.
    pub days: Option<i64>,
}

/// Everything the report for one period shows.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodChanges {
    pub window: Window,
    /// Every project in the portfolio at the period end, in input order.
    pub projects: Vec<ProjectDelta>,
    pub before: Totals,
    pub after: Totals,
    /// Projects whose reported or computed RAG moved.
    pub rag_changes: Vec<ProjectDelta>,
    pub risks_raised: Vec<RiskEvent>,
    /// High-zone risks raised in the period and still open at its end.
    pub risks_escalated: Vec<RiskEvent>,
    pub risks_closed: Vec<RiskEvent>,
    pub milestones_hit: Vec<MilestoneEvent>,
    pub milestones_missed: Vec<MilestoneEvent>,
    /// Projects whose baseline finish passed in the period while not complete.
    pub finishes_missed: Vec<ProjectDelta>,
    pub started: Vec<usize>,
    /// Closed projects and the date they closed.
    pub closed: Vec<(usize, Date)>,
}

impl PeriodChanges {
    /// Projects in the portfolio at the period end whose EAC is n/a then,
    /// left out of `after.eac`.
    pub fn eac_left_out(&self) -> Vec<usize> {
        self.projects
            .iter()
            .filter(|d| d.after.ev.eac.is_none())
            .map(|d| d.project)
            .collect()
    }
}

/// When a project starts, as known at `d`: the start of the baseline in
/// force at `d`, else its first status report.
pub fn start_date(p: &Project, d: Date) -> Option<Date> {
    match p.data.baseline_at(d) {
        Some(b) => Some(b.start),
        None => p.data.status.iter().map(|s| s.date).min(),
    }
}

/// When a closed project closed: its last status report or actual cost.
pub fn close_date(p: &Project) -> Option<Date> {
    if p.data.phase != Phase::Closed {
        return None;
    }
    let status = p.data.status.iter().map(|s| s.date);
    let actuals = p.data.actuals.iter().map(|a| a.date);
    status.chain(actuals).max()
}

/// Whether the project is part of the portfolio at `d`.
pub fn in_portfolio(p: &Project, d: Date) -> bool {
    start_date(p, d).is_some_and(|s| s <= d)
        || p.data.status.iter().any(|s| s.date <= d)
        || p.data.actuals.iter().any(|a| a.date <= d)
}

/// Compares the portfolio at the end of the previous period (`after`, `None`
/// for the first period) with `through`, the end of this one.
pub fn changes(
    projects: &[Project],
    after: Option<Date>,
    through: Date,
    t: &Thresholds,
) -> PeriodChanges {
    let window = Window { after, through };
    let deltas: Vec<ProjectDelta> = projects
        .iter()
        .enumerate()
        .filter(|(_, p)| in_portfolio(p, through))
        .map(|(i, p)| ProjectDelta {
            project: i,
            before: after
                .filter(|&a| in_portfolio(p, a))
                .map(|a| project_metrics(p, a, t)),
            after: project_metrics(p, through, t),
        })
        .collect();
    let before = super::totals(deltas.iter().filter_map(|d| d.before.as_ref()));
    let after_totals = super::totals(deltas.iter().map(|d| &d.after));

    let rag_changes = deltas
        .iter()
        .filter(|d| d.reported() != Direction::Same || d.computed() != Direction::Same)
        .copied()
        .collect();
    let finishes_missed = deltas
        .iter()
        .filter(|d| {
            let p = &projects[d.project];
            let due = p
                .data
                .baseline_at(through)
                .is_some_and(|b| window.contains(*b.finish));
            due && d.after.ev.percent_complete.is_none_or(|c| c < 100.0)
        })
        .copied()
        .collect();

    let mut risks_raised = Vec::new();
    let mut risks_escalated = Vec::new();
    let mut risks_closed = Vec::new();
    let mut milestones_hit = Vec::new();
    let mut milestones_missed = Vec::new();
    for d in &deltas {
        let p = &projects[d.project];
        for (ri, r) in p.data.risks.iter().enumerate() {
            let score = risk_score(r);
            let ev = RiskEvent {
                project: d.project,
                risk: ri,
                score,
                zone: risk_zone(score, t.risk_score),
            };
            let raised = match r.raised {
                Some(day) => window.contains(day),
                None => after.is_none(),
            };
            if raised {
                risks_raised.push(ev);
                if ev.zone == RiskZone::High && risk_is_open(r, through) {
                    risks_escalated.push(ev);
                }
            }
            if r.closed.is_some_and(|c| window.contains(c)) {
                risks_closed.push(ev);
            }
        }
        for (mi, m) in p.data.milestones.iter().enumerate() {
            if let Some(actual) = m.actual.filter(|a| window.contains(*a)) {
                milestones_hit.push(MilestoneEvent {
                    project: d.project,
                    milestone: mi,
                    days: m.baseline.map(|b| days_between(b, actual)),
                });
            } else if m.baseline.is_some_and(|b| window.contains(b))
                && let Some(days) = days_overdue(m, through)
            {
                milestones_missed.push(MilestoneEvent {
                    project: d.project,
                    milestone: mi,
                    days: Some(days),
                });
            }
        }
    }
    let by_score = |a: &RiskEvent, b: &RiskEvent| {
        b.score
            .cmp(&a.score)
            .then(a.project.cmp(&b.project))
            .then(a.risk.cmp(&b.risk))
    };
    risks_raised.sort_by(by_score);
    risks_escalated.sort_by(by_score);
    risks_closed.sort_by(by_score);
    let milestone_date = |e: &MilestoneEvent| {
        let m = &projects[e.project].data.milestones[e.milestone];
        (
            m.actual.filter(|a| *a <= through).or(m.baseline),
            e.project,
            e.milestone,
        )
    };
    milestones_hit.sort_by_key(milestone_date);
    milestones_missed.sort_by_key(milestone_date);

    let started = deltas
        .iter()
        .map(|d| d.project)
        .filter(|&i| start_date(&projects[i], through).is_some_and(|s| window.contains(s)))
        .collect();
    let closed = deltas
        .iter()
        .filter_map(|d| Some((d.project, close_date(&projects[d.project])?)))
        .filter(|(_, c)| window.contains(*c))
        .collect();

    PeriodChanges {
        window,
        projects: deltas,
        before,
        after: after_totals,
        rag_changes,
        risks_raised,
        risks_escalated,
        risks_closed,
        milestones_hit,
        milestones_missed,
        finishes_missed,
        started,
        closed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::testing::date;
    use crate::metrics::testing::project;

    /// Budget 1000 over 2026-01-01..2026-04-11 (100 days); statuses and actuals at month ends.
    const ALPHA: &str = "name: Alpha\nphase: execution\n\
        baseline: { start: 2026-01-01, finish: 2026-04-11, budget: 1000 }\n\
        status:\n  - { date: 2026-01-31, rag: green, percent_complete: 30 }\n  - { date: 2026-02-28, rag: amber, percent_complete: 50 }\n\
        actuals:\n  - { date: 2026-01-31, cost: 300 }\n  - { date: 2026-02-28, cost: 625 }\n\
        milestones:\n  - { name: Design, baseline: 2026-02-10, actual: 2026-02-13 }\n  - { name: Build, baseline: 2026-02-20 }\n  - { name: Test, baseline: 2026-03-20, actual: 2026-03-25 }\n\
        risks:\n  - { id: R1, title: Old, probability: 2, impact: 2, raised: 2026-01-10, status: closed, closed: 2026-02-05 }\n  - { id: R2, title: Big, probability: 4, impact: 4, raised: 2026-02-03 }\n  - { id: R3, title: Small, probability: 2, impact: 3, raised: 2026-02-20 }\n  - { id: R4, title: Undated, probability: 5, impact: 5 }\n";

    #[test]
    fn february_against_january() {
        let p = [project("alpha", ALPHA)];
        let t = Thresholds::default();
        let c = changes(&p, Some(date("2026-01-31")), date("2026-02-28"), &t);
        assert_eq!(c.projects.len(), 1);
        let d = c.projects[0];
        // Reported: green → amber.
        assert_eq!(d.reported(), Direction::Worse);
        // AC 300 → 625: 325 spent in February.
        assert_eq!(d.ac_delta(), 325.0);
        // CPI: Jan 300/300 = 1.00 → EAC 1000; Feb 500/625 = 0.80 → EAC 1250.
        assert_eq!(d.before.unwrap().ev.cpi, Some(1.0));
        assert_eq!(d.after.ev.cpi, Some(0.8));
        assert_eq!(d.eac_delta(), Some(250.0));
        // Computed: Jan SPI 300/300 (30 of 100 days planned) = 1, CPI 1 → green;
        // Feb CPI 0.80 < 0.90 → red.
        assert_eq!(d.before.unwrap().health.overall, Some(Rag::Green));
        assert_eq!(d.after.health.overall, Some(Rag::Red));
        assert_eq!(d.computed(), Direction::Worse);
        assert_eq!(c.rag_changes.len(), 1);
        // Design hit 3 days late; Build due 02-20 and not done; Test is March.
        assert_eq!(c.milestones_hit.len(), 1);
        assert_eq!(c.milestones_hit[0].milestone, 0);
        assert_eq!(c.milestones_hit[0].days, Some(3));
        assert_eq!(c.milestones_missed.len(), 1);
        assert_eq!(c.milestones_missed[0].milestone, 1);
        assert_eq!(
            c.milestones_missed[0].days,
            Some(8),
            "overdue 02-20 → 02-28"
        );
        // R2 (16, high) and R3 (6) raised; R2 is the escalation; R1 closed.
        let ids = |v: &[RiskEvent]| {
            v.iter()
                .map(|e| p[0].data.risks[e.risk].id.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&c.risks_raised), ["R2", "R3"]);
        assert_eq!(ids(&c.risks_escalated), ["R2"]);
        assert_eq!(ids(&c.risks_closed), ["R1"]);
        assert!(c.started.is_empty() && c.closed.is_empty());
        assert!(c.finishes_missed.is_empty());
        assert_eq!(c.before.ac, 300.0);
        assert_eq!(c.after.ac, 625.0);
    }

    #[test]
    fn the_first_period_treats_everything_as_new() {
        let p = [project("alpha", ALPHA)];
        let c = changes(&p, None, date("2026-01-31"), &Thresholds::default());
        let d = c.projects[0];
        assert_eq!(d.before, None);
        assert_eq!(d.reported(), Direction::First);
        assert_eq!(d.ac_delta(), 300.0);
        assert_eq!(d.eac_delta(), Some(1000.0));
        assert_eq!(c.started, [0]);
        assert_eq!(c.before, Totals::default());
        let ids: Vec<_> = c
            .risks_raised
            .iter()
            .map(|e| p[0].data.risks[e.risk].id.as_str())
            .collect();
        assert_eq!(
            ids,
            ["R4", "R1"],
            "undated R4 counts as new only in the first period"
        );
        assert_eq!(c.risks_escalated.len(), 1);
    }

    #[test]
    fn later_periods_do_not_repeat_undated_risks_and_see_the_missed_finish() {
        let p = [project("alpha", ALPHA)];
        let c = changes(
            &p,
            Some(date("2026-03-31")),
            date("2026-04-30"),
            &Thresholds::default(),
        );
        assert!(c.risks_raised.is_empty());
        // Baseline finish 04-11 passed with 50 % complete.
        assert_eq!(c.finishes_missed.len(), 1);
        // Nothing dated changed in April: no cost movement, same RAG.
        assert!(!c.projects[0].cost_moved());
        assert_eq!(c.projects[0].reported(), Direction::Same);
    }

    #[test]
    fn projects_join_the_portfolio_when_they_start_and_close_with_their_last_report() {
        let later = project(
            "beta",
            "name: Beta\nphase: closed\nbaseline: { start: 2026-03-02, finish: 2026-03-31, budget: 10 }\n\
             status:\n  - { date: 2026-03-31, rag: green, percent_complete: 100 }\n  - { date: 2026-04-15, rag: green, percent_complete: 100 }\n",
        );
        let p = [project("alpha", ALPHA), later];
        let t = Thresholds::default();
        let feb = changes(&p, Some(date("2026-01-31")), date("2026-02-28"), &t);
        assert_eq!(feb.projects.len(), 1, "beta has not started");
        let mar = changes(&p, Some(date("2026-02-28")), date("2026-03-31"), &t);
        assert_eq!(mar.started, [1]);
        assert!(mar.closed.is_empty());
        assert_eq!(mar.projects[1].before, None);
        let apr = changes(&p, Some(date("2026-03-31")), date("2026-04-30"), &t);
        assert_eq!(apr.closed, [(1, date("2026-04-15"))]);
        // Built as of 04-10, the closing report is not yet known.
        let early = changes(&p, Some(date("2026-03-31")), date("2026-04-10"), &t);
        assert!(early.closed.is_empty());
    }

    #[test]
    fn directions() {
        use Rag::*;
        assert_eq!(Direction::of(Some(Green), Some(Red)), Direction::Worse);
        assert_eq!(Direction::of(Some(Red), Some(Amber)), Direction::Better);
        assert_eq!(Direction::of(Some(Red), Some(Red)), Direction::Same);
        assert_eq!(Direction::of(None, Some(Red)), Direction::First);
        assert_eq!(Direction::of(Some(Red), None), Direction::Lost);
        assert_eq!(Direction::of(None, None), Direction::Same);
    }
}
