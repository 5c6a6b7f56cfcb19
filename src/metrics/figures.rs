//! Every figure a page, chart, export or report shows, computed once per
//! build by [`Figures::compute`] between `Site::assemble` and rendering.
//! Render code only selects and formats these values; the business rules
//! behind them live here and in the modules this one calls (`evm`, `health`,
//! `risk`, `load`, `periods`, `changes`).
//!
//! Per project the figures are aligned with `site.projects` (and a project's
//! milestones and risks with its data); per programme with
//! `site.programmes`; per person keyed by person id; per reporting period in
//! period order.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use rayon::prelude::*;

use crate::config::{AllocationThreshold, RiskThreshold, Thresholds};
use crate::model::{Project, Rag, Risk, Site};

use super::changes::{self, PeriodChanges};
use super::evm::reported_forecast;
use super::load::{LoadLimits, load_limits, month_key};
pub use super::milestone::{MilestoneState, milestone_state};
use super::periods::{ReportPeriod, report_periods};
pub use super::scurve::{EvRow, EvSeries, ev_series};
use super::{
    LoadLevel, MonthLoad, ProjectMetrics, RiskZone, load_by_person, milestone_slip,
    project_metrics, risk_is_open, risk_score, risk_zone,
};

pub use super::raid::{BenefitFigures, ChangeFigures, DecisionFigures, DependencyFigures};
use super::raid::{
    benefit_figures, change_figures, decision_due, decision_figures, dependency_figures,
};
pub use super::rollup::{RollUp, Share};

/// All figures of one build as of D.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    pub as_of: Date,
    /// Aligned with `site.projects`.
    pub projects: Vec<ProjectFigures>,
    /// Aligned with `site.programmes`.
    pub programmes: Vec<RollUp>,
    /// Every visible project.
    pub portfolio: RollUp,
    /// Person id → load by month, for every person with an allocation.
    pub people: BTreeMap<String, PersonLoad>,
    /// Months shown on load heat maps: six before D through twelve after, where anyone is loaded.
    pub load_months: Vec<String>,
    /// The reporting periods, oldest first, each with its changes.
    pub periods: Vec<PeriodFigures>,
    /// (project, milestone) indices of the milestones not hit by D whose due
    /// date (forecast, else baseline) falls in the [`UPCOMING_DAYS`] after D,
    /// by due date.
    pub upcoming_milestones: Vec<(usize, usize)>,
    /// The governance findings about the visible data (`governance::run`),
    /// `rules:` applied, sorted by file and position.
    pub findings: Vec<crate::error::Diagnostic>,
}

/// How far ahead the dashboard lists milestones.
pub const UPCOMING_DAYS: i64 = 30;

/// The figures of one project as of D.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectFigures {
    pub metrics: ProjectMetrics,
    /// Aligned with the project's `milestones`.
    pub milestones: Vec<MilestoneFigures>,
    /// Aligned with the project's `risks`.
    pub risks: Vec<RiskFigures>,
    /// Sum of the scores of the risks open as of D.
    pub open_risk_score: u32,
    /// The strategic value score (1–5), if given.
    pub value_score: Option<u32>,
    /// Low strategic value with a large open risk (see [`low_value_high_risk`]).
    pub low_value_high_risk: bool,
    /// The S-curve; `None` without a baseline.
    pub ev_series: Option<EvSeries>,
    /// Index into `status` of the report in force at D (the latest on or before it).
    pub latest_status: Option<usize>,
    /// Indices into `status` of the reports on or before D, newest first.
    pub history: Vec<usize>,
    /// Aligned with the project's `issues`.
    pub issues: Vec<IssueFigures>,
    /// Shown under "needs attention": computed or reported amber or red, or
    /// the two disagree.
    pub needs_attention: bool,
    /// Aligned with the project's `milestones`: (report date, forecast
    /// reported that day) of every status on or before D that gives one.
    pub mta: Vec<Vec<(Date, Date)>>,
    /// Indices into `baseline.entries` of the versions in force at some
    /// date up to D, oldest first (the one in force at D last).
    pub baseline_history: Vec<usize>,
    /// Indices into `forecast.entries` made on or before D, oldest first.
    pub forecast_history: Vec<usize>,
    /// Aligned with the project's `benefits`.
    pub benefits: Vec<BenefitFigures>,
    /// Aligned with the project's `decisions`.
    pub decisions: Vec<DecisionFigures>,
    /// Aligned with the project's `changes`.
    pub changes: Vec<ChangeFigures>,
    /// Aligned with the project's `dependencies`.
    pub dependencies: Vec<DependencyFigures>,
    /// (consumer project, dependency index) of the other projects'
    /// dependencies on this one.
    pub dependents: Vec<(usize, usize)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IssueFigures {
    /// Opened on or before D (or undated).
    pub exists: bool,
    /// The closing date, if on or before D.
    pub closed: Option<Date>,
    /// Still open at D and its due date is before D.
    pub overdue: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MilestoneFigures {
    /// The actual date, if on or before D.
    pub actual: Option<Date>,
    /// Slip in days (see [`milestone_slip`]).
    pub slip: Option<i64>,
    /// The date it is expected as of D: the latest forecast reported for it
    /// in a status on or before D, else its `forecast`, else its baseline.
    pub due: Option<Date>,
    pub state: MilestoneState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RiskFigures {
    pub score: u32,
    pub zone: RiskZone,
    /// Raised on or before D (or undated).
    pub exists: bool,
    /// Open as of D.
    pub open: bool,
    /// Open, and its review date is before D.
    pub review_overdue: bool,
}

/// One person's load by month.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonLoad {
    /// Capacity in percent (100 for someone not in `people.csv`).
    pub capacity: f64,
    /// The load limits scaled by capacity.
    pub limits: LoadLimits,
    /// Month (`YYYY-MM`) → load and level.
    pub months: BTreeMap<String, MonthFigures>,
}

impl PersonLoad {
    /// The level of `month`; a month without load is [`LoadLevel::Ok`].
    pub fn level(&self, month: &str) -> LoadLevel {
        self.months.get(month).map_or(LoadLevel::Ok, |m| m.level)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct MonthFigures {
    pub load: MonthLoad,
    pub level: LoadLevel,
}

/// One reporting period and what changed in it.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodFigures {
    pub period: ReportPeriod,
    pub changes: PeriodChanges,
    /// Risks open at the period's date, over the projects in the portfolio then.
    pub risks_open: usize,
    /// Indices into `changes.projects` of the projects the board must look
    /// at: computed or reported amber or red at the period's date, or the
    /// two disagree.
    pub exceptions: Vec<usize>,
    /// (project, decision, its figures at the period's date) still to be
    /// made at the period's date and needed by the end of the next period,
    /// by the date needed.
    pub decisions_due: Vec<(usize, usize, DecisionFigures)>,
    /// (project, dependency) at risk or late at the period's date.
    pub dependencies_at_risk: Vec<(usize, usize, DependencyFigures)>,
    /// (project, milestone, date expected at the period's date) due in the
    /// next period and not reached at the period's date, by date.
    pub look_ahead: Vec<(usize, usize, Date)>,
    /// The end of the next period (the horizon of `decisions_due` and `look_ahead`).
    pub next_end: Date,
}

impl Figures {
    /// Computes every figure of `site` as of `site.as_of`.
    pub fn compute(site: &Site) -> Figures {
        let d = site.as_of;
        let t = &site.config.thresholds;
        let mut projects: Vec<ProjectFigures> = site
            .projects
            .par_iter()
            .map(|p| project_figures(p, d, t))
            .collect();
        link_dependencies(&site.projects, &mut projects, d);
        let programmes = site
            .programmes
            .iter()
            .map(|g| {
                let idx: Vec<usize> = (0..site.projects.len())
                    .filter(|&i| {
                        site.projects[i]
                            .data
                            .programme
                            .as_ref()
                            .is_some_and(|p| p.value == *g.id)
                    })
                    .collect();
                RollUp::of(idx, &projects)
            })
            .collect();
        let portfolio = RollUp::of((0..site.projects.len()).collect(), &projects);
        let people = people_load(site, t.allocation_percent);
        let load_months = load_months(&people, d);
        let periods = period_figures(&site.projects, site.config.reporting.period, d, t);
        let upcoming_milestones =
            milestones_between(&site.projects, d, super::evm::add_days(d, UPCOMING_DAYS));
        let mut figures = Figures {
            as_of: d,
            projects,
            programmes,
            portfolio,
            people,
            load_months,
            periods,
            upcoming_milestones,
            findings: Vec::new(),
        };
        // The governance rules read the figures: they run last.
        figures.findings = crate::governance::run(site, &figures);
        figures
    }

    /// The metrics of project `i` (index into `site.projects`).
    pub fn metrics(&self, i: usize) -> &ProjectMetrics {
        &self.projects[i].metrics
    }

    /// The figures of one project as of `d`.
    pub fn project(p: &Project, d: Date, t: &Thresholds) -> ProjectFigures {
        project_figures(p, d, t)
    }
}

/// The dependencies between projects as of `d`, on both ends.
fn link_dependencies(site: &[Project], projects: &mut [ProjectFigures], d: Date) {
    for (ci, p) in site.iter().enumerate() {
        for (k, x) in p.data.dependencies.iter().enumerate() {
            let f = dependency_figures(site, x, d);
            if let Some(pi) = f.provider {
                projects[pi].dependents.push((ci, k));
            }
            projects[ci].dependencies.push(f);
        }
    }
}

/// The (project, milestone) pairs whose date as of D — the latest reported
/// forecast, else `forecast`, else baseline — falls after D and on or before
/// `horizon`, not reached by D, by date.
fn milestones_between(site: &[Project], d: Date, horizon: Date) -> Vec<(usize, usize)> {
    milestones_due_between(site, d, horizon)
        .into_iter()
        .map(|(p, m, _)| (p, m))
        .collect()
}

/// [`milestones_between`] with the date each is expected as of `d`.
fn milestones_due_between(site: &[Project], d: Date, horizon: Date) -> Vec<(usize, usize, Date)> {
    let mut out: Vec<(Date, usize, usize)> = Vec::new();
    for (pi, p) in site.iter().enumerate() {
        for (mi, m) in p.data.milestones.iter().enumerate() {
            if m.actual.is_some_and(|a| a <= d) {
                continue;
            }
            let due = reported_forecast(&p.data, &m.name, d)
                .or(m.forecast)
                .or(m.baseline);
            if let Some(due) = due.filter(|&due| due > d && due <= horizon) {
                out.push((due, pi, mi));
            }
        }
    }
    out.sort_by_key(|e| e.0);
    out.into_iter().map(|(due, p, m)| (p, m, due)).collect()
}

fn project_figures(p: &Project, d: Date, t: &Thresholds) -> ProjectFigures {
    let risks: Vec<RiskFigures> = p.data.risks.iter().map(|r| risk_figures(r, d, t)).collect();
    let open_risk_score = risks.iter().filter(|r| r.open).map(|r| r.score).sum();
    let metrics = project_metrics(p, d, t);
    let mut history: Vec<usize> = (0..p.data.status.len())
        .filter(|&i| p.data.status[i].date <= d)
        .collect();
    // The latest on or before D; of several on that day, the last in the file.
    let latest_status = history
        .iter()
        .copied()
        .max_by_key(|&i| p.data.status[i].date);
    history.sort_by(|&a, &b| p.data.status[b].date.cmp(&p.data.status[a].date));
    let attention = |r: Option<Rag>| matches!(r, Some(Rag::Amber | Rag::Red));
    ProjectFigures {
        needs_attention: metrics.disagrees
            || attention(metrics.health.overall)
            || attention(metrics.reported),
        latest_status,
        history,
        issues: p
            .data
            .issues
            .iter()
            .map(|i| {
                let closed = i.closed.filter(|c| *c <= d);
                IssueFigures {
                    exists: i.opened.is_none_or(|o| o <= d),
                    closed,
                    overdue: closed.is_none() && i.due.is_some_and(|due| due < d),
                }
            })
            .collect(),
        metrics,
        milestones: p
            .data
            .milestones
            .iter()
            .map(|m| MilestoneFigures {
                actual: m.actual.filter(|a| *a <= d),
                slip: milestone_slip(&p.data, m, d),
                due: reported_forecast(&p.data, &m.name, d)
                    .or(m.forecast)
                    .or(m.baseline),
                state: milestone_state(m, d),
            })
            .collect(),
        mta: p
            .data
            .milestones
            .iter()
            .map(|m| {
                let mut points: Vec<(Date, Date)> = p
                    .data
                    .status
                    .iter()
                    .filter(|s| s.date <= d)
                    .filter_map(|s| Some((s.date, **s.milestones.get(&m.name)?)))
                    .collect();
                points.sort_by_key(|x| x.0);
                points
            })
            .collect(),
        baseline_history: versions_up_to(&p.data.baseline, d),
        forecast_history: versions_up_to(&p.data.forecast, d),
        benefits: p
            .data
            .benefits
            .iter()
            .map(|b| benefit_figures(b, d))
            .collect(),
        decisions: p
            .data
            .decisions
            .iter()
            .map(|x| decision_figures(x, d))
            .collect(),
        changes: p
            .data
            .changes
            .iter()
            .map(|x| change_figures(x, d))
            .collect(),
        dependencies: Vec::new(),
        dependents: Vec::new(),
        open_risk_score,
        value_score: p.data.value_score,
        low_value_high_risk: low_value_high_risk(p.data.value_score, open_risk_score, t.risk_score),
        risks,
        ev_series: ev_series(p, d),
    }
}

/// Indices of the versions dated on or before `d` (an undated one always),
/// in date order.
fn versions_up_to<T: crate::model::Dated>(v: &crate::model::Versions<T>, d: Date) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..v.entries.len())
        .filter(|&i| v.entries[i].date().is_none_or(|x| x <= d))
        .collect();
    idx.sort_by_key(|&i| v.entries[i].date());
    idx
}

fn risk_figures(r: &Risk, d: Date, t: &Thresholds) -> RiskFigures {
    let score = risk_score(r);
    RiskFigures {
        score,
        zone: risk_zone(score, t.risk_score),
        exists: super::risk::risk_exists(r, d),
        open: risk_is_open(r, d),
        review_overdue: risk_is_open(r, d) && r.review.is_some_and(|rv| rv < d),
    }
}

/// The open risk total from which a low-value project is flagged on the
/// value-against-risk chart: two high-zone risks' worth, `2 × risk_score.high`
/// (30 with the defaults).
pub fn high_open_risk_total(t: RiskThreshold) -> u32 {
    t.high.saturating_mul(2)
}

/// A project of low strategic value (1 or 2 on the 1–5 scale) whose open
/// risks add up to at least [`high_open_risk_total`]; never without a value score.
pub fn low_value_high_risk(
    value_score: Option<u32>,
    open_risk_score: u32,
    t: RiskThreshold,
) -> bool {
    value_score.is_some_and(|v| v <= 2) && open_risk_score >= high_open_risk_total(t)
}

fn people_load(site: &Site, t: AllocationThreshold) -> BTreeMap<String, PersonLoad> {
    load_by_person(&site.projects)
        .into_iter()
        .map(|(id, months)| {
            let capacity = site.person(&id).map_or(100.0, |p| *p.capacity);
            let limits = load_limits(capacity, t);
            let months = months
                .into_iter()
                .map(|(m, load)| {
                    let level = limits.level(load.percent);
                    (m, MonthFigures { load, level })
                })
                .collect();
            (
                id,
                PersonLoad {
                    capacity,
                    limits,
                    months,
                },
            )
        })
        .collect()
}

fn load_months(people: &BTreeMap<String, PersonLoad>, d: Date) -> Vec<String> {
    let month = |span: jiff::Span| month_key(d.first_of_month().checked_add(span).unwrap_or(d));
    let (from, to) = (
        month(jiff::Span::new().months(-6)),
        month(jiff::Span::new().months(12)),
    );
    let months: BTreeSet<&String> = people
        .values()
        .flat_map(|p| p.months.keys())
        .filter(|k| **k >= from && **k <= to)
        .collect();
    months.into_iter().cloned().collect()
}

fn period_figures(
    projects: &[Project],
    kind: crate::config::Period,
    d: Date,
    t: &Thresholds,
) -> Vec<PeriodFigures> {
    let periods = report_periods(projects, kind, d);
    (0..periods.len())
        .into_par_iter()
        .map(|i| {
            let after = i.checked_sub(1).map(|j| periods[j].as_of(d));
            let through = periods[i].as_of(d);
            let changes = changes::changes(projects, after, through, t);
            let risks_open = changes
                .projects
                .iter()
                .flat_map(|x| projects[x.project].data.risks.iter())
                .filter(|r| risk_is_open(r, through))
                .count();
            let attention = |r: Option<Rag>| matches!(r, Some(Rag::Amber | Rag::Red));
            let exceptions = (0..changes.projects.len())
                .filter(|&k| {
                    let m = &changes.projects[k].after;
                    m.disagrees || attention(m.health.overall) || attention(m.reported)
                })
                .collect();
            let next_end = periods[i].next().map_or(periods[i].end, |n| n.end);
            let in_portfolio: Vec<usize> = changes.projects.iter().map(|x| x.project).collect();
            let mut decisions_due: Vec<(usize, usize, DecisionFigures)> = in_portfolio
                .iter()
                .flat_map(|&pi| {
                    let ds = &projects[pi].data.decisions;
                    (0..ds.len())
                        .filter(move |&k| decision_due(&ds[k], through, next_end))
                        .map(move |k| (pi, k, decision_figures(&ds[k], through)))
                })
                .collect();
            decisions_due
                .sort_by_key(|&(pi, k, _)| projects[pi].data.decisions[k].needed_by.map(|n| *n));
            let dependencies_at_risk = in_portfolio
                .iter()
                .flat_map(|&pi| {
                    projects[pi]
                        .data
                        .dependencies
                        .iter()
                        .enumerate()
                        .filter_map(move |(k, x)| {
                            let f = dependency_figures(projects, x, through);
                            (f.at_risk || f.late).then_some((pi, k, f))
                        })
                })
                .collect();
            let look_ahead = milestones_due_between(projects, through, next_end)
                .into_iter()
                .filter(|(pi, _, _)| in_portfolio.contains(pi))
                .collect();
            PeriodFigures {
                period: periods[i],
                changes,
                risks_open,
                exceptions,
                decisions_due,
                dependencies_at_risk,
                look_ahead,
                next_end,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::testing::date;

    fn project(yaml: &str) -> Project {
        crate::metrics::testing::project("p", yaml)
    }

    /// Budget 1000 over 2026-01-01..2026-04-11 (100 days).
    const ALPHA: &str = "name: Alpha\nphase: execution\n\
        baseline: { start: 2026-01-01, finish: 2026-04-11, budget: 1000 }\n\
        status:\n  - { date: 2026-01-31, rag: green, percent_complete: 30 }\n  - { date: 2026-02-28, rag: amber, percent_complete: 50 }\n  - { date: 2026-03-31, rag: amber, percent_complete: 70 }\n\
        actuals:\n  - { date: 2026-01-31, cost: 300 }\n  - { date: 2026-02-28, cost: 625 }\n\
        milestones:\n  - { name: Design, baseline: 2026-02-10, actual: 2026-02-13 }\n  - { name: Build, baseline: 2026-02-20, forecast: 2026-03-20 }\n  - { name: Test, baseline: 2026-03-20 }\n\
        issues:\n  - { id: I1, title: Late, severity: high, opened: 2026-02-01, due: 2026-02-15 }\n";

    #[test]
    fn project_figures_apply_the_as_of_date_once() {
        let p = project(ALPHA);
        let f = project_figures(&p, date("2026-02-28"), &Thresholds::default());
        let states: Vec<MilestoneState> = f.milestones.iter().map(|m| m.state).collect();
        // Build's baseline passed (its later forecast does not hide it); Test is not due.
        assert_eq!(
            states,
            [
                MilestoneState::Hit,
                MilestoneState::Missed,
                MilestoneState::Planned
            ]
        );
        assert_eq!(f.latest_status, Some(1));
        assert_eq!(f.history, [1, 0], "newest first, the March status not yet");
        assert!(f.issues[0].exists && f.issues[0].overdue);
        // CPI 500 / 625 = 0.8 → red; reported amber.
        assert!(f.needs_attention);
    }
}
