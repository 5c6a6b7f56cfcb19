//! The dashboard (home page figures, charts, attention list, top risks,
//! upcoming milestones) and the budget chart of the project list.

use crate::metrics::RollUp;
use crate::metrics::figures::high_open_risk_total;
use crate::model::Rag;

use super::Renderer;
use super::charts::{self, ChartView, fill};
use super::format::compact;
use super::views::{Cell, Fact, Item, Row, Table};

impl Renderer<'_> {
    /// The names of the projects at `indices`, joined as a list.
    pub(super) fn project_names(&self, indices: &[usize]) -> String {
        indices
            .iter()
            .map(|&i| self.site.projects[i].data.name.as_str())
            .collect::<Vec<_>>()
            .join(self.t.get("report_list_separator"))
    }

    /// The label of a total (`key`), naming the projects it leaves out for want of a figure.
    pub(super) fn total_label(&self, key: &str, left_out: &[usize]) -> String {
        if left_out.is_empty() {
            return self.t.get(key).into();
        }
        format!(
            "{} ({})",
            self.t.get(key),
            fill(
                self.t.get("excluding_na_named"),
                &[("names", self.project_names(left_out))]
            )
        )
    }

    /// `summary`, followed by a note (`key`, with `reason`) naming the projects
    /// a chart leaves out; `summary` alone when none is left out.
    pub(super) fn with_note(
        &self,
        summary: String,
        key: &str,
        reason: &str,
        left_out: &[usize],
    ) -> String {
        if left_out.is_empty() {
            return summary;
        }
        let note = fill(
            self.t.get(key),
            &[
                ("reason", self.t.get(reason).to_string()),
                ("names", self.project_names(left_out)),
            ],
        );
        fill(
            self.t.get("chart_with_note"),
            &[("summary", summary), ("note", note)],
        )
    }

    /// Budget, actual cost and estimate at completion of each project.
    pub(super) fn budget_chart(&self, group: &RollUp) -> Option<ChartView> {
        let indices = &group.projects;
        let rows: Vec<charts::BarRow> = indices
            .iter()
            .map(|&i| {
                let e = &self.figures.metrics(i).ev;
                charts::BarRow {
                    label: self.site.projects[i].data.name.clone(),
                    values: vec![e.bac, e.ac, e.eac],
                }
            })
            .collect();
        let over = &group.over_budget;
        let summary = self.with_note(
            fill(
                self.t.get("chart_budget_summary"),
                &[
                    ("over", over.count.to_string()),
                    ("total", over.of.to_string()),
                ],
            ),
            "chart_not_counted",
            "reason_no_budget_or_eac",
            &over.left_out,
        );
        let series = [
            (self.t.get("bac"), charts::GREY, true),
            (self.t.get("total_ac"), charts::BLUE, true),
            (self.t.get("eac"), charts::AMBER, false),
        ];
        charts::horizontal_bars(
            "budget",
            self.t.get("chart_budget"),
            summary,
            &series,
            &rows,
            &charts::BarFormat {
                axis: &compact,
                value: &|v| self.money(v),
                na: self.t.get("na"),
            },
        )
    }

    /// Headline figures of a set of projects (portfolio or programme).
    pub(super) fn kpis(&self, group: &RollUp) -> Vec<Fact> {
        let totals = &group.totals;
        let fact = |label: &str, value: String, class: Option<&str>| Fact {
            label: self.t.get(label).into(),
            value,
            url: None,
            class: class.map(str::to_string),
        };
        vec![
            Fact {
                url: Some(crate::url::PROJECTS.into()),
                ..fact("projects", totals.projects.to_string(), None)
            },
            fact(
                "computed_green",
                totals.computed[0].to_string(),
                Some("rag-green"),
            ),
            fact(
                "computed_amber",
                totals.computed[1].to_string(),
                Some("rag-amber"),
            ),
            fact(
                "computed_red",
                totals.computed[2].to_string(),
                Some("rag-red"),
            ),
            Fact {
                label: self.total_label("total_budget", &group.bac_left_out),
                ..fact("total_budget", self.money(totals.bac), None)
            },
            fact("total_ac", self.money(totals.ac), None),
            Fact {
                label: self.total_label("total_eac", &group.eac_left_out),
                ..fact("total_eac", self.money(totals.eac), None)
            },
            fact("portfolio_cpi", self.cpi(totals.cpi), None),
            fact("portfolio_spi", self.spi(totals.spi), None),
        ]
    }

    pub(super) fn insert_home(&self, ctx: &mut tera::Context) {
        let all: Vec<usize> = (0..self.site.projects.len()).collect();
        let attention: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&i| self.figures.projects[i].needs_attention)
            .collect();
        let mut lessons: Vec<usize> = (0..self.site.pages.len())
            .filter(|&i| {
                !self.site.pages[i].is_index && self.site.pages[i].top_section() == "lessons"
            })
            .collect();
        lessons.sort_by(|&a, &b| {
            let (pa, pb) = (&self.site.pages[a], &self.site.pages[b]);
            pb.meta
                .date
                .cmp(&pa.meta.date)
                .then_with(|| pa.title.cmp(&pb.title))
        });
        let recent: Vec<Item> = lessons.into_iter().take(6).map(|i| self.item(i)).collect();
        ctx.insert("kpis", &self.kpis(&self.figures.portfolio));
        ctx.insert(
            "table",
            &self.project_table(
                "attention",
                self.t.get("needs_attention").into(),
                &attention,
            ),
        );
        ctx.insert(
            "risks_table",
            &self.risk_table("top-risks", self.t.get("top_risks").into(), &all, Some(10)),
        );
        ctx.insert("milestones_table", &self.upcoming_milestones());
        ctx.insert("recent_lessons", &recent);
        ctx.insert("charts", &self.dashboard_charts(&all));
    }

    fn dashboard_charts(&self, all: &[usize]) -> Vec<ChartView> {
        let group = &self.figures.portfolio;
        let mut charts = Vec::new();
        charts.extend(self.rag_chart(group));
        charts.extend(self.timeline_chart(group));
        charts.extend(self.value_risk_chart(all, group));
        charts
    }

    /// A chart of the portfolio or a programme by kind (`rag`, `budget`,
    /// `timeline`, `value-risk`), as the dashboard draws it.
    pub(super) fn group_chart(&self, kind: &str, group: &RollUp) -> Option<ChartView> {
        match kind {
            "rag" => self.rag_chart(group),
            "budget" => self.budget_chart(group),
            "timeline" => self.timeline_chart(group),
            "value-risk" => self.value_risk_chart(&group.projects, group),
            _ => None,
        }
    }

    /// Projects by reported and computed RAG.
    fn rag_chart(&self, group: &RollUp) -> Option<ChartView> {
        let totals = &group.totals;
        let rags = [Some(Rag::Green), Some(Rag::Amber), Some(Rag::Red), None];
        let groups: Vec<charts::BarGroup> = rags
            .iter()
            .enumerate()
            .map(|(i, r)| charts::BarGroup {
                label: r.map_or_else(|| self.na(), |r| self.rag_label(r)),
                values: vec![totals.reported[i] as f64, totals.computed[i] as f64],
                color: charts::rag_color(*r),
            })
            .collect();
        let summary = fill(
            self.t.get("chart_rag_summary"),
            &[
                ("green", totals.computed[0].to_string()),
                ("amber", totals.computed[1].to_string()),
                ("red", totals.computed[2].to_string()),
                ("rgreen", totals.reported[0].to_string()),
                ("ramber", totals.reported[1].to_string()),
                ("rred", totals.reported[2].to_string()),
            ],
        );
        let series = [self.t.get("reported_rag"), self.t.get("computed_rag")];
        charts::grouped_bars(
            "rag-distribution",
            self.t.get("chart_rag"),
            summary,
            &series,
            &groups,
            &|v| format!("{v:.0}"),
        )
    }

    /// Baseline against forecast of each project with a baseline.
    fn timeline_chart(&self, group: &RollUp) -> Option<ChartView> {
        let rows: Vec<charts::TimelineRow> = group
            .projects
            .iter()
            .filter_map(|&i| {
                let p = &self.site.projects[i];
                let m = self.figures.metrics(i);
                let start = m.schedule.baseline_start?;
                let baseline_finish = m.schedule.baseline_finish?;
                let finish = m.schedule.forecast_finish.unwrap_or(baseline_finish);
                Some(charts::TimelineRow {
                    label: p.data.name.clone(),
                    baseline: (start, baseline_finish),
                    forecast: (start, finish.max(start)),
                    rag: m.health.overall,
                    rag_label: m
                        .health
                        .overall
                        .map_or_else(|| self.na(), |r| self.rag_label(r)),
                    milestones: self.figures.projects[i]
                        .milestones
                        .iter()
                        .filter_map(|ms| ms.due)
                        .collect(),
                })
            })
            .collect();
        let late = &group.late;
        let labels = charts::TimelineLabels {
            title: self.t.get("chart_timeline"),
            baseline: self.t.get("baseline"),
            forecast: self.t.get("forecast"),
            project: self.t.get("project"),
            health: self.t.get("computed_rag"),
            summary: self.with_note(
                fill(
                    self.t.get("chart_timeline_summary"),
                    &[
                        ("late", late.count.to_string()),
                        ("total", late.of.to_string()),
                    ],
                ),
                "chart_not_shown",
                "reason_no_baseline",
                &late.left_out,
            ),
        };
        charts::timeline(&rows, self.site.as_of, &labels)
    }

    /// Strategic value against open risk for projects that have a value score.
    fn value_risk_chart(&self, all: &[usize], group: &RollUp) -> Option<ChartView> {
        let bubbles: Vec<charts::Bubble> = all
            .iter()
            .filter_map(|&i| {
                let p = &self.site.projects[i];
                let value = p.data.value_score?;
                let f = &self.figures.projects[i];
                let risk = f.open_risk_score;
                let health = f.metrics.health.overall;
                Some(charts::Bubble {
                    label: p.data.name.clone(),
                    value: f64::from(value),
                    risk: f64::from(risk),
                    size: f.metrics.ev.bac.unwrap_or(0.0),
                    rag: health,
                    rag_label: health.map_or_else(|| self.na(), |r| self.rag_label(r)),
                })
            })
            .collect();
        let risky = &group.low_value_high_risk;
        let limit = high_open_risk_total(self.site.config.thresholds.risk_score);
        let summary = self.with_note(
            fill(
                self.t.get("chart_value_risk_summary_limit"),
                &[
                    ("n", risky.of.to_string()),
                    ("risky", risky.count.to_string()),
                    ("limit", limit.to_string()),
                ],
            ),
            "chart_not_shown",
            "reason_no_value_score",
            &risky.left_out,
        );
        let headers = vec![
            self.t.get("project").into(),
            self.t.get("value_score").into(),
            self.t.get("open_risk_score").into(),
            self.t.get("bac").into(),
            self.t.get("computed_rag").into(),
        ];
        charts::value_risk(
            "value-risk",
            self.t.get("chart_value_risk"),
            summary,
            headers,
            &bubbles,
            &|v| self.money(v),
        )
    }

    /// The milestones due in the next 30 days ([`crate::metrics::Figures::upcoming_milestones`]).
    fn upcoming_milestones(&self) -> Table {
        let t = |k: &str| self.t.get(k).to_string();
        let rows: Vec<Row> = self
            .figures
            .upcoming_milestones
            .iter()
            .filter_map(|&(pi, mi)| {
                let p = &self.site.projects[pi];
                let m = p.data.milestones.get(mi)?;
                let f = self.figures.projects[pi].milestones.get(mi)?;
                Some(Row {
                    cells: vec![
                        Cell::text(f.due.map(|d| d.to_string()).unwrap_or_default()),
                        Cell::link(p.data.name.clone(), Self::project_url(&p.id)),
                        Cell::text(m.name.clone()),
                        match f.slip {
                            Some(s) => Cell::text(s.to_string()).class(if s > 0 {
                                "num bad"
                            } else {
                                "num"
                            }),
                            None => Cell::text(t("na")).class("num"),
                        },
                    ],
                    class: None,
                })
            })
            .collect();
        Table {
            id: "upcoming-milestones".into(),
            caption: t("milestones_next_30_days"),
            headers: ["date", "project", "milestone", "slip_days"]
                .iter()
                .map(|k| t(k))
                .collect(),
            rows,
            empty: t("none_due"),
        }
    }
}
