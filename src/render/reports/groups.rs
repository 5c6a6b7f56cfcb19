//! The sections of a report page: status, schedule, cost and risk changes
//! of the period, each a group of tables with empty-state text.

use super::*;
use crate::metrics::changes::{self, Direction, PeriodChanges, ProjectDelta, RiskEvent};
use crate::render::Renderer;
use crate::render::format::percent;
use crate::render::views::{Cell, Row};

impl Renderer<'_> {
    pub(super) fn status_group(&self, c: &PeriodChanges) -> ReportGroup {
        let t = |k: &str| self.t.get(k).to_string();
        let rag_rows = c
            .rag_changes
            .iter()
            .map(|d| {
                let dirs = [d.reported(), d.computed()];
                let overall = [
                    Direction::Worse,
                    Direction::Better,
                    Direction::First,
                    Direction::Lost,
                ]
                .into_iter()
                .find(|x| dirs.contains(x))
                .unwrap_or(Direction::Same);
                Row {
                    cells: vec![
                        self.project_cell(d.project),
                        self.rag_cell(d.before.and_then(|m| m.reported)),
                        self.rag_cell(d.after.reported),
                        self.rag_cell(d.before.and_then(|m| m.health.overall)),
                        self.rag_cell(d.after.health.overall),
                        Cell::text(t(&format!("report_direction_{}", overall.as_str()))),
                    ],
                    class: Some(format!("change-{}", overall.as_str())),
                }
            })
            .collect();
        let date = |d: Option<jiff::civil::Date>| d.map_or_else(String::new, |d| d.to_string());
        let started = c
            .started
            .iter()
            .map(|&i| {
                let p = &self.site.projects[i];
                let m = c.projects.iter().find(|d| d.project == i).map(|d| d.after);
                let finish = m.and_then(|m| m.schedule.baseline_finish);
                Row {
                    cells: vec![
                        self.project_cell(i),
                        Cell::text(t(&format!("phase_{}", p.data.phase.as_str()))),
                        Cell::text(date(changes::start_date(p, c.window.through))).class("date"),
                        Cell::text(date(finish)).class("date"),
                        m.and_then(|m| m.ev.bac).map_or_else(
                            || Cell::text(t("na")).class("num"),
                            |bac| {
                                Cell::text(self.cur(bac))
                                    .class("num")
                                    .sort(format!("{bac:020.2}"))
                            },
                        ),
                    ],
                    class: None,
                }
            })
            .collect();
        let closed = c
            .closed
            .iter()
            .map(|&(i, on)| {
                let m = c.projects.iter().find(|d| d.project == i).map(|d| d.after);
                let ac = m.and_then(|m| m.ev.ac);
                let bac = m.and_then(|m| m.ev.bac);
                let finish = m.and_then(|m| m.schedule.baseline_finish);
                let forecast = m.and_then(|m| m.schedule.forecast_finish);
                Row {
                    cells: vec![
                        self.project_cell(i),
                        Cell::text(on.to_string()).class("date"),
                        Cell::text(date(finish)).class("date"),
                        Cell::text(date(forecast)).class("date"),
                        Cell::text(bac.map_or_else(|| t("na"), |b| self.cur(b))).class("num"),
                        Cell::text(ac.map_or_else(|| t("na"), |v| self.cur(v))).class("num"),
                    ],
                    class: None,
                }
            })
            .collect();
        ReportGroup {
            id: "status".into(),
            tables: vec![
                self.table(
                    "rag-changes",
                    "report_rag_changes",
                    &[
                        "project",
                        "report_reported_before",
                        "report_reported_now",
                        "report_computed_before",
                        "report_computed_now",
                        "report_change",
                    ],
                    rag_rows,
                    "report_no_rag_changes",
                ),
                self.table(
                    "projects-started",
                    "report_projects_started",
                    &[
                        "project",
                        "phase",
                        "report_start",
                        "baseline_finish",
                        "budget",
                    ],
                    started,
                    "report_no_projects_started",
                ),
                self.table(
                    "projects-closed",
                    "report_projects_closed",
                    &[
                        "project",
                        "report_closed_on",
                        "baseline_finish",
                        "forecast_finish",
                        "budget",
                        "report_final_cost",
                    ],
                    closed,
                    "report_no_projects_closed",
                ),
            ],
        }
    }

    pub(super) fn schedule_group(&self, c: &PeriodChanges) -> ReportGroup {
        let t = |k: &str| self.t.get(k).to_string();
        let date = |d: Option<jiff::civil::Date>| d.map_or_else(String::new, |d| d.to_string());
        let days = |d: Option<i64>| match d {
            Some(d) => Cell::text(d.to_string())
                .class(if d > 0 { "num late" } else { "num" })
                .sort(format!("{:+08}", d)),
            None => Cell::text(t("na")).class("num"),
        };
        let milestone_rows = |events: &[changes::MilestoneEvent], hit: bool| -> Vec<Row> {
            events
                .iter()
                .map(|e| {
                    let m = &self.site.projects[e.project].data.milestones[e.milestone];
                    Row {
                        cells: vec![
                            self.project_cell(e.project),
                            Cell::text(m.name.clone()),
                            Cell::text(date(m.baseline)).class("date"),
                            Cell::text(date(if hit { m.actual } else { m.forecast })).class("date"),
                            days(e.days),
                        ],
                        class: None,
                    }
                })
                .collect()
        };
        let finishes = c
            .finishes_missed
            .iter()
            .map(|d| Row {
                cells: vec![
                    self.project_cell(d.project),
                    Cell::text(date(d.after.schedule.baseline_finish)).class("date"),
                    Cell::text(date(d.after.schedule.forecast_finish)).class("date"),
                    days(d.after.schedule.slip_days),
                    Cell::text(d.after.ev.percent_complete.map_or_else(|| t("na"), percent))
                        .class("num"),
                ],
                class: None,
            })
            .collect();
        ReportGroup {
            id: "schedule".into(),
            tables: vec![
                self.table(
                    "milestones-hit",
                    "report_milestones_hit",
                    &[
                        "project",
                        "milestone",
                        "baseline",
                        "actual",
                        "report_days_late",
                    ],
                    milestone_rows(&c.milestones_hit, true),
                    "report_no_milestones_hit",
                ),
                self.table(
                    "milestones-missed",
                    "report_milestones_missed",
                    &[
                        "project",
                        "milestone",
                        "baseline",
                        "forecast",
                        "report_days_overdue",
                    ],
                    milestone_rows(&c.milestones_missed, false),
                    "report_no_milestones_missed",
                ),
                self.table(
                    "finish-slips",
                    "report_finish_slips",
                    &[
                        "project",
                        "baseline_finish",
                        "forecast_finish",
                        "report_slip_days",
                        "percent_complete",
                    ],
                    finishes,
                    "report_no_finish_slips",
                ),
            ],
        }
    }

    pub(super) fn cost_group(&self, c: &PeriodChanges) -> ReportGroup {
        let na = self.t.get("na").to_string();
        let mut moved: Vec<&ProjectDelta> = c.projects.iter().filter(|d| d.cost_moved()).collect();
        moved.sort_by(|a, b| {
            b.ac_delta()
                .total_cmp(&a.ac_delta())
                .then(a.project.cmp(&b.project))
        });
        let money_cell = |v: Option<f64>| match v {
            Some(v) => Cell::text(self.cur(v))
                .class("num")
                .sort(format!("{v:020.2}")),
            None => Cell::text(na.clone()).class("num"),
        };
        let delta_cell = |v: Option<f64>| match v {
            Some(v) => Cell::text(self.cur_delta(v))
                .class("num")
                .sort(format!("{v:+021.2}")),
            None => Cell::text(na.clone()).class("num"),
        };
        let rows = moved
            .into_iter()
            .map(|d| Row {
                cells: vec![
                    self.project_cell(d.project),
                    money_cell(d.after.ev.ac),
                    delta_cell(Some(d.ac_delta())),
                    money_cell(d.after.ev.eac),
                    delta_cell(d.eac_delta()),
                    Cell::text(self.ratio_move(
                        d.before.map(|m| m.ev.cpi),
                        d.after.ev.cpi,
                        self.site.config.thresholds.cpi,
                    ))
                    .class("num"),
                    Cell::text(self.ratio_move(
                        d.before.map(|m| m.ev.spi),
                        d.after.ev.spi,
                        self.site.config.thresholds.spi,
                    ))
                    .class("num"),
                ],
                class: None,
            })
            .collect();
        ReportGroup {
            id: "cost".into(),
            tables: vec![self.table(
                "cost-movement",
                "report_cost_movement",
                &[
                    "project",
                    "report_ac",
                    "report_spent",
                    "report_eac",
                    "report_eac_change",
                    "report_cpi",
                    "report_spi",
                ],
                rows,
                "report_no_cost_movement",
            )],
        }
    }

    fn risk_rows(&self, events: &[RiskEvent], closed: bool) -> Vec<Row> {
        let t = |k: &str| self.t.get(k).to_string();
        events
            .iter()
            .map(|e| {
                let p = &self.site.projects[e.project];
                let r = &p.data.risks[e.risk];
                let zone = e.zone.as_str();
                let rag = match e.zone {
                    crate::metrics::RiskZone::High => "red",
                    crate::metrics::RiskZone::Medium => "amber",
                    crate::metrics::RiskZone::Low => "green",
                };
                let mut cells = vec![
                    self.project_cell(e.project),
                    Cell::text(r.id.to_string()),
                    Cell::text(r.title.clone()),
                    Cell::text(e.score.to_string())
                        .class("num")
                        .sort(format!("{:02}", e.score)),
                    Cell::text(t(&format!("report_zone_{zone}"))).class(format!("rag rag-{rag}")),
                ];
                if closed {
                    cells.push(
                        Cell::text(r.closed.map_or_else(String::new, |d| d.to_string()))
                            .class("date"),
                    );
                } else {
                    cells.push(match &r.owner {
                        Some(o) => Cell::text(
                            self.site
                                .person(&o.value)
                                .map_or_else(|| o.value.clone(), |p| p.name.clone()),
                        ),
                        None => Cell::text(t("unassigned")).class("missing"),
                    });
                    cells.push(
                        Cell::text(r.raised.map_or_else(String::new, |d| d.to_string()))
                            .class("date"),
                    );
                }
                Row { cells, class: None }
            })
            .collect()
    }

    pub(super) fn risk_group(&self, c: &PeriodChanges) -> ReportGroup {
        let open = [
            "project",
            "id",
            "risk",
            "score",
            "report_zone",
            "owner",
            "report_raised",
        ];
        ReportGroup {
            id: "risks".into(),
            tables: vec![
                self.table(
                    "risks-escalated",
                    "report_risks_escalated",
                    &open,
                    self.risk_rows(&c.risks_escalated, false),
                    "report_no_risks_escalated",
                ),
                self.table(
                    "risks-new",
                    "report_risks_new",
                    &open,
                    self.risk_rows(&c.risks_raised, false),
                    "report_no_risks_new",
                ),
                self.table(
                    "risks-closed",
                    "report_risks_closed",
                    &["project", "id", "risk", "score", "report_zone", "closed"],
                    self.risk_rows(&c.risks_closed, true),
                    "report_no_risks_closed",
                ),
            ],
        }
    }
}
