//! The periodic portfolio reports (SPEC 3.5): `reports/` lists every period,
//! newest first, under the intro of `content/reports/_index.md` when there
//! is one; `reports/<period>/` shows an executive summary and then what
//! changed since the previous period, as computed by [`metrics::changes`].
//! This file only turns those figures into view structs and sentences.

use serde::Serialize;
use tera::Context;

use crate::error::Diagnostic;
use crate::error::Rule;
use crate::metrics::Totals;
use crate::metrics::changes::{Direction, PeriodChanges, ProjectDelta};
use crate::metrics::periods::ReportPeriod;
use crate::url;

use super::Renderer;
use super::format::ratio_against;
use super::pages::Job;
use super::views::{Cell, Link, PageView, Row, Table};
use crate::config::RatioThreshold;
use crate::render::charts::fill;

/// A headline figure with its movement since the previous period.
#[derive(Debug, Clone, Serialize)]
pub struct KpiView {
    pub label: String,
    pub value: String,
    pub change: Option<String>,
    pub class: Option<String>,
}

/// A printed section of the report: starts on a new page.
#[derive(Debug, Clone, Serialize)]
pub struct ReportGroup {
    pub id: String,
    pub tables: Vec<Table>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportView {
    pub id: String,
    pub title: String,
    pub period: String,
    pub from: String,
    pub through: String,
    /// Set while the period is still running on D.
    pub running: Option<String>,
    pub kpis: Vec<KpiView>,
    pub summary: Vec<String>,
    pub health: Table,
    /// What the board must act on (exceptions, decisions, dependencies), first.
    pub actions: ReportGroup,
    pub groups: Vec<ReportGroup>,
    /// After the changes: the look-ahead and every project.
    pub outlook: ReportGroup,
    pub notes: Vec<String>,
    pub prev: Option<Link>,
    pub next: Option<Link>,
    pub index: Link,
}

fn report_path(p: ReportPeriod) -> String {
    url::report_dir(&p.id())
}

fn signed(v: f64, text: String) -> String {
    if v > 0.0 {
        format!("+{text}")
    } else if v < 0.0 {
        format!("−{}", text.trim_start_matches('-'))
    } else {
        text
    }
}

mod board;
mod groups;

impl Renderer<'_> {
    fn period_label(&self, p: ReportPeriod) -> String {
        let year = p.year().to_string();
        let n = p.number().to_string();
        match p.kind {
            crate::config::Period::Month => fill(
                self.t.get("report_period_month"),
                &[
                    (
                        "month",
                        self.t.get(&format!("report_month_{n}")).to_string(),
                    ),
                    ("m", n),
                    ("year", year),
                ],
            ),
            crate::config::Period::Quarter => fill(
                self.t.get("report_period_quarter"),
                &[("q", n), ("year", year)],
            ),
        }
    }

    pub(super) fn report_title(&self, p: ReportPeriod) -> String {
        fill(
            self.t.get("report_title"),
            &[("period", self.period_label(p))],
        )
    }

    fn cur(&self, v: f64) -> String {
        self.money(v)
    }

    fn cur_delta(&self, v: f64) -> String {
        self.money_format().delta(v)
    }

    /// The project's name, linked to its page.
    pub(in crate::render) fn project_cell(&self, i: usize) -> Cell {
        let p = &self.site.projects[i];
        Cell::link(p.data.name.clone(), Self::project_url(&p.id))
    }

    /// `before → after` of a ratio against thresholds `t`; `after` alone when
    /// there is no before (a project new to the portfolio).
    fn ratio_move(
        &self,
        before: Option<Option<f64>>,
        after: Option<f64>,
        t: RatioThreshold,
    ) -> String {
        let na = self.t.get("na");
        match before {
            Some(b) => format!(
                "{} → {}",
                ratio_against(b, t, na),
                ratio_against(after, t, na)
            ),
            None => ratio_against(after, t, na),
        }
    }

    /// A table with its caption, headers and empty line taken from the UI strings.
    pub(in crate::render) fn table(
        &self,
        id: &str,
        caption: &str,
        headers: &[&str],
        rows: Vec<Row>,
        empty: &str,
    ) -> Table {
        Table {
            id: id.into(),
            caption: self.t.get(caption).to_string(),
            headers: headers.iter().map(|h| self.t.get(h).to_string()).collect(),
            rows,
            empty: self.t.get(empty).to_string(),
        }
    }

    /// The `_none`, `_one` or `_other` form of a sentence for count `n`.
    fn plural(&self, key: &str, n: usize) -> String {
        let form = match n {
            0 => "none",
            1 => "one",
            _ => "other",
        };
        self.t.get(&format!("{key}_{form}")).to_string()
    }

    fn report_kpis(&self, c: &PeriodChanges, first: bool) -> Vec<KpiView> {
        let (b, a) = (&c.before, &c.after);
        let from =
            |v: String| (!first).then(|| fill(self.t.get("report_change_from"), &[("value", v)]));
        vec![
            KpiView {
                label: self.t.get("report_projects").into(),
                value: a.projects.to_string(),
                change: (!first && a.projects != b.projects).then(|| {
                    signed(
                        a.projects as f64 - b.projects as f64,
                        a.projects.abs_diff(b.projects).to_string(),
                    )
                }),
                class: None,
            },
            KpiView {
                label: self.t.get("report_portfolio_cpi").into(),
                value: self.cpi(a.cpi),
                change: from(self.cpi(b.cpi)),
                class: None,
            },
            KpiView {
                label: self.t.get("report_portfolio_spi").into(),
                value: self.spi(a.spi),
                change: from(self.spi(b.spi)),
                class: None,
            },
            KpiView {
                label: self.t.get("report_actual_cost_total").into(),
                value: self.cur(a.ac),
                change: Some(fill(
                    self.t.get("report_in_period"),
                    &[("amount", self.cur_delta(a.ac - b.ac))],
                )),
                class: None,
            },
            KpiView {
                label: self.total_label("report_eac_total", &c.eac_left_out()),
                value: self.cur(a.eac),
                change: (!first).then(|| self.cur_delta(a.eac - b.eac)),
                class: None,
            },
        ]
    }

    fn health_table(&self, c: &PeriodChanges, first: bool) -> Table {
        let row = |label: &str, after: [usize; 4], before: [usize; 4]| Row {
            cells: std::iter::once(Cell::text(self.t.get(label)))
                .chain((0..4).map(|k| {
                    let diff = after[k] as f64 - before[k] as f64;
                    let text = if first || diff == 0.0 {
                        after[k].to_string()
                    } else {
                        format!(
                            "{} ({})",
                            after[k],
                            signed(diff, after[k].abs_diff(before[k]).to_string())
                        )
                    };
                    Cell::text(text).class("num")
                }))
                .collect(),
            class: None,
        };
        self.table(
            "health",
            "report_health_counts",
            &["report_measure", "rag_green", "rag_amber", "rag_red", "na"],
            vec![
                row(
                    "report_computed_health",
                    c.after.computed,
                    c.before.computed,
                ),
                row("reported_rag", c.after.reported, c.before.reported),
            ],
            "no_projects",
        )
    }

    fn summary(&self, c: &PeriodChanges, first: bool) -> Vec<String> {
        let t = |k: &str| self.t.get(k).to_string();
        let n = |v: usize| v.to_string();
        let a: &Totals = &c.after;
        let mut out = Vec::new();
        out.push(fill(
            &self.plural("report_sum_portfolio", a.projects),
            &[
                ("n", n(a.projects)),
                ("green", n(a.computed[0])),
                ("amber", n(a.computed[1])),
                ("red", n(a.computed[2])),
                ("na", n(a.computed[3])),
            ],
        ));
        for (key, dir) in [
            (
                "report_sum_reported",
                ProjectDelta::reported as fn(&ProjectDelta) -> Direction,
            ),
            ("report_sum_computed", ProjectDelta::computed),
        ] {
            let moved: Vec<Direction> = c
                .rag_changes
                .iter()
                .map(dir)
                .filter(|d| *d != Direction::Same)
                .collect();
            // Only the non-zero parts: "2 worse, 1 better".
            let parts: Vec<String> = [
                Direction::Worse,
                Direction::Better,
                Direction::First,
                Direction::Lost,
            ]
            .into_iter()
            .filter_map(|x| {
                let k = moved.iter().filter(|d| **d == x).count();
                (k > 0).then(|| fill(&t(&format!("{key}_{}", x.as_str())), &[("n", n(k))]))
            })
            .collect();
            out.push(fill(
                &self.plural(key, moved.len()),
                &[
                    ("n", n(moved.len())),
                    ("parts", parts.join(self.t.get("report_list_separator"))),
                ],
            ));
        }
        out.push(if first {
            fill(
                &t("report_sum_ratios_first"),
                &[("cpi", self.cpi(a.cpi)), ("spi", self.spi(a.spi))],
            )
        } else {
            fill(
                &t("report_sum_ratios"),
                &[
                    ("cpi_before", self.cpi(c.before.cpi)),
                    ("cpi", self.cpi(a.cpi)),
                    ("spi_before", self.spi(c.before.spi)),
                    ("spi", self.spi(a.spi)),
                ],
            )
        });
        let eac_delta = a.eac - c.before.eac;
        let key = if first || eac_delta.abs() < 0.5 {
            "report_sum_cost_flat"
        } else if eac_delta > 0.0 {
            "report_sum_cost_up"
        } else {
            "report_sum_cost_down"
        };
        out.push(fill(
            &t(key),
            &[
                ("spent", self.cur(a.ac - c.before.ac)),
                ("delta", self.cur(eac_delta.abs())),
                ("eac", self.cur(a.eac)),
            ],
        ));
        let late = c
            .milestones_hit
            .iter()
            .filter(|m| m.days.is_some_and(|d| d > 0))
            .count();
        out.push(fill(
            &t("report_sum_milestones"),
            &[
                ("hit", n(c.milestones_hit.len())),
                ("late", n(late)),
                ("missed", n(c.milestones_missed.len())),
            ],
        ));
        if !c.finishes_missed.is_empty() {
            out.push(fill(
                &self.plural("report_sum_finishes", c.finishes_missed.len()),
                &[("n", n(c.finishes_missed.len()))],
            ));
        }
        out.push(fill(
            &t("report_sum_risks"),
            &[
                ("raised", n(c.risks_raised.len())),
                ("high", n(c.risks_escalated.len())),
                ("closed", n(c.risks_closed.len())),
            ],
        ));
        if !c.started.is_empty() || !c.closed.is_empty() {
            out.push(fill(
                &t("report_sum_projects"),
                &[
                    ("started", n(c.started.len())),
                    ("closed", n(c.closed.len())),
                ],
            ));
        }
        out
    }

    fn report_link(&self, p: ReportPeriod) -> Link {
        Link {
            title: self.period_label(p),
            url: url::report(&p.id()),
        }
    }

    fn render_report(&self, i: usize) -> Result<(String, String), Diagnostic> {
        let periods = &self.figures.periods;
        let period = periods[i].period;
        let path = report_path(period);
        if let Some(page) = self.site.pages.iter().find(|p| p.path == path) {
            return Err(Diagnostic::warning(
                Rule::ReportCollision,
                &page.file,
                format!(
                    "this page has the URL of the generated report for {}; the report is not written",
                    period.id()
                ),
            ));
        }
        let c = &periods[i].changes;
        let first = i == 0;
        let through = c.window.through;
        let mut notes = vec![fill(
            self.t.get("report_note_as_of"),
            &[("date", through.to_string())],
        )];
        if first {
            notes.push(self.t.get("report_note_first").to_string());
        }
        notes.push(self.t.get("report_note_history").to_string());
        let view = ReportView {
            id: period.id(),
            title: self.report_title(period),
            period: self.period_label(period),
            from: period.start.to_string(),
            through: through.to_string(),
            running: (through < period.end).then(|| {
                fill(
                    self.t.get("report_running"),
                    &[("date", through.to_string())],
                )
            }),
            kpis: self.report_kpis(c, first),
            summary: self.summary(c, first),
            health: self.health_table(c, first),
            actions: self.action_group(&periods[i], &path),
            outlook: self.outlook_group(&periods[i]),
            groups: vec![
                self.status_group(c),
                self.schedule_group(c),
                self.cost_group(c),
                self.risk_group(c),
            ],
            notes,
            prev: i
                .checked_sub(1)
                .map(|j| self.report_link(periods[j].period)),
            next: periods.get(i + 1).map(|p| self.report_link(p.period)),
            index: Link {
                title: self.t.get("report_all_reports").to_string(),
                url: url::REPORTS.into(),
            },
        };
        let mut ctx = self.context(&path);
        ctx.insert("report", &view);
        ctx.insert("breadcrumbs", &self.report_crumbs());
        self.page(
            "report.html",
            &path,
            &ctx,
            &format!("the report for {}", period.id()),
        )
    }

    fn report_crumbs(&self) -> Vec<Link> {
        let title = self
            .site
            .sections
            .get("reports")
            .and_then(|s| s.index)
            .map_or_else(
                || self.t.get("report_list_title").to_string(),
                |i| self.site.pages[i].title.clone(),
            );
        vec![
            Link {
                title: self.t.get("home").to_string(),
                url: url::HOME.into(),
            },
            Link {
                title,
                url: url::REPORTS.into(),
            },
        ]
    }

    /// The table of all reports, newest first, for the reports index.
    fn reports_table(&self) -> Table {
        let mut rows: Vec<Row> = self
            .figures
            .periods
            .iter()
            .map(|pf| {
                let c = &pf.changes;
                let link = self.report_link(pf.period);
                let n = |v: usize| Cell::text(v.to_string()).class("num");
                Row {
                    cells: vec![
                        Cell::link(link.title, link.url)
                            .sort(pf.period.start.to_string())
                            .class("date"),
                        n(c.after.projects),
                        n(c.after.computed[0]),
                        n(c.after.computed[1]),
                        n(c.after.computed[2]),
                        n(c.rag_changes.len()),
                        Cell::text(format!(
                            "{} / {}",
                            c.milestones_hit.len(),
                            c.milestones_missed.len()
                        ))
                        .class("num"),
                        Cell::text(format!(
                            "{} / {}",
                            c.risks_raised.len(),
                            c.risks_closed.len()
                        ))
                        .class("num"),
                        n(pf.risks_open),
                        Cell::text(self.cur(c.after.ac - c.before.ac))
                            .class("num")
                            .sort(format!("{:020.2}", c.after.ac - c.before.ac)),
                    ],
                    class: None,
                }
            })
            .collect();
        rows.reverse();
        self.table(
            "reports",
            "report_all_reports",
            &[
                "report_period",
                "projects",
                "rag_green",
                "rag_amber",
                "rag_red",
                "report_rag_changes",
                "report_milestones_hit_missed",
                "report_risks_new_closed",
                "report_risks_open",
                "report_spent",
            ],
            rows,
            "report_no_reports",
        )
    }

    /// Renders `reports/index.html` with `ctx` (which already holds `page`).
    pub(super) fn render_reports_index(
        &self,
        mut ctx: Context,
        for_file: &str,
    ) -> Result<(String, String), Diagnostic> {
        ctx.insert("reports", &self.reports_table());
        ctx.insert(
            "charts",
            &self.health_trend().into_iter().collect::<Vec<_>>(),
        );
        self.page("reports.html", "reports/", &ctx, for_file)
    }

    /// Projects by computed health at the end of every period.
    fn health_trend(&self) -> Option<crate::render::charts::ChartView> {
        use crate::render::charts;
        // The projects in the portfolio at each period's date, as the reports count them.
        let periods = &self.figures.periods;
        let mut counts = [Vec::new(), Vec::new(), Vec::new()];
        for p in periods {
            for (slot, list) in counts.iter_mut().enumerate() {
                list.push(p.changes.after.computed[slot] as f64);
            }
        }
        let labels: Vec<String> = periods.iter().map(|p| p.period.id()).collect();
        let last = |slot: usize| counts[slot].last().map_or(0.0, |v| *v);
        let summary = charts::fill(
            self.t.get("chart_trend_summary_portfolio"),
            &[
                ("from", labels.first().cloned().unwrap_or_default()),
                ("to", labels.last().cloned().unwrap_or_default()),
                ("green", format!("{:.0}", last(0))),
                ("amber", format!("{:.0}", last(1))),
                ("red", format!("{:.0}", last(2))),
            ],
        );
        let [green, amber, red] = counts;
        let series = [
            (
                self.t.get("rag_green"),
                charts::rag_color(Some(crate::model::Rag::Green)),
                green,
            ),
            (
                self.t.get("rag_amber"),
                charts::rag_color(Some(crate::model::Rag::Amber)),
                amber,
            ),
            (
                self.t.get("rag_red"),
                charts::rag_color(Some(crate::model::Rag::Red)),
                red,
            ),
        ];
        charts::trend(
            "health-trend",
            self.t.get("chart_trend"),
            summary,
            &labels,
            &series,
        )
    }

    /// One job per report, plus the index when no `content/reports/` section renders it.
    pub(super) fn report_jobs(&self) -> Vec<Job<'_>> {
        let mut jobs: Vec<Job<'_>> = Vec::new();
        if !self.site.sections.contains_key("reports") {
            jobs.push(Box::new(move || {
                let mut ctx = self.context("reports/");
                ctx.insert("page", &self.reports_page_view());
                self.render_reports_index(ctx, "the report list")
            }));
        }
        for i in 0..self.figures.periods.len() {
            jobs.push(Box::new(move || self.render_report(i)));
        }
        jobs
    }

    /// The reports index page when the site has no `content/reports/_index.md`.
    fn reports_page_view(&self) -> PageView {
        PageView::generated(
            self.t.get("report_list_title").to_string(),
            url::REPORTS.into(),
            "section",
            self.crumbs(&[]),
        )
    }
}
