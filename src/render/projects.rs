//! Views of project data: the project list, one page per project (EVM,
//! reported vs computed health, milestones, risks, issues, team, history),
//! and the portfolio figures on the home page.

use jiff::civil::Date;

use crate::error::Diagnostic;
use crate::metrics::figures::{MilestoneState, RiskFigures};
use crate::metrics::{self, ProjectMetrics, RiskZone};
use crate::model::{Project, Rag};
use crate::url;

use super::Renderer;
use super::charts::{self, ChartView, fill};
use super::format::{Money, compact, percent, ratio, ratio_against};
use super::pages::excerpt;
use super::views::{Badge, Cell, Fact, HealthView, Item, ProjectView, Row, StatusView, Table};
use crate::config::RatioThreshold;

impl Renderer<'_> {
    pub(super) fn person_name(&self, id: &str) -> String {
        self.site
            .person(id)
            .map_or_else(|| id.to_string(), |p| p.name.clone())
    }

    pub(super) fn person_cell(&self, id: Option<&str>) -> Cell {
        match id {
            Some(id) if self.site.person(id).is_some() => {
                Cell::link(self.person_name(id), url::person(id))
            }
            Some(id) => Cell::text(id),
            None => Cell::text(self.t.get("unassigned")).class("missing"),
        }
    }

    pub(super) fn rag_label(&self, rag: Rag) -> String {
        self.t.get(&format!("rag_{}", rag.as_str())).to_string()
    }

    pub(super) fn badge(&self, rag: Option<Rag>) -> Option<Badge> {
        rag.map(|r| Badge {
            rag: r.as_str().into(),
            label: self.rag_label(r),
        })
    }

    /// A RAG cell that sorts green < amber < red < n/a.
    pub(super) fn rag_cell(&self, rag: Option<Rag>) -> Cell {
        match rag {
            Some(r) => Cell::text(self.rag_label(r))
                .class(format!("rag rag-{}", r.as_str()))
                .sort((r as u8).to_string()),
            None => Cell::text(self.t.get("na")).sort("9"),
        }
    }

    /// The site's money formatter (see [`Money`] for the one rule).
    pub(super) fn money_format(&self) -> Money<'_> {
        Money {
            currency: &self.site.config.currency,
            language: self.site.config.language,
        }
    }

    /// Whole currency units (`EUR 1,200,000`, `−EUR 41,272`).
    pub(super) fn money(&self, v: f64) -> String {
        self.money_format().whole(v)
    }

    /// A project's EVM figure to the cent, or n/a.
    pub(super) fn money_cents(&self, v: Option<f64>) -> String {
        v.map_or_else(
            || self.t.get("na").to_string(),
            |v| self.money_format().cents(v),
        )
    }

    /// A CPI, shown so its side of the CPI thresholds is visible.
    pub(super) fn cpi(&self, v: Option<f64>) -> String {
        ratio_against(v, self.site.config.thresholds.cpi, self.t.get("na"))
    }

    /// An SPI, shown so its side of the SPI thresholds is visible.
    pub(super) fn spi(&self, v: Option<f64>) -> String {
        ratio_against(v, self.site.config.thresholds.spi, self.t.get("na"))
    }

    pub(super) fn money_cell(&self, v: Option<f64>) -> Cell {
        match v {
            Some(x) => Cell::text(self.money(x))
                .class("num")
                .sort(format!("{x:020.2}")),
            None => Cell::text(self.t.get("na")).class("num").sort("-1"),
        }
    }

    /// A CPI or SPI cell against its thresholds `t`: marked bad below red.
    pub(super) fn ratio_cell(&self, v: Option<f64>, t: RatioThreshold) -> Cell {
        let text = ratio_against(v, t, self.t.get("na"));
        let mut c = Cell::text(text)
            .class("num")
            .sort(v.map_or_else(|| "-1".into(), |x| format!("{x:012.4}")));
        if v.is_some_and(|x| metrics::below(x, t.red)) {
            c.class = Some("num bad".into());
        }
        c
    }

    /// A CPI cell (see [`Self::ratio_cell`]).
    pub(super) fn cpi_cell(&self, v: Option<f64>) -> Cell {
        self.ratio_cell(v, self.site.config.thresholds.cpi)
    }

    /// An SPI cell (see [`Self::ratio_cell`]).
    pub(super) fn spi_cell(&self, v: Option<f64>) -> Cell {
        self.ratio_cell(v, self.site.config.thresholds.spi)
    }

    pub(super) fn na(&self) -> String {
        self.t.get("na").to_string()
    }

    pub fn project_url(id: &str) -> String {
        url::project(id)
    }

    pub(super) fn project_item(&self, p: usize) -> Item {
        let project = &self.site.projects[p];
        let status = self.figures.projects[p]
            .latest_status
            .map(|i| &project.data.status[i]);
        Item {
            title: project.data.name.clone(),
            url: Self::project_url(&project.id),
            date: status.map(|s| s.date.to_string()),
            summary: project.data.summary.as_deref().map(|s| excerpt(s, 180)),
            kind: self.t.get("kind_project").to_string(),
            badge: status.map(|s| Fact {
                label: self.t.get("reported_rag").to_string(),
                value: self.rag_label(s.rag),
                url: None,
                class: Some(format!("rag-{}", s.rag.as_str())),
            }),
            tags: self.tag_links(&project.data.tags),
        }
    }

    fn status_view(&self, project: &Project, s: &crate::model::StatusReport) -> StatusView {
        let path = url::project_dir(&project.id);
        StatusView {
            date: s.date.to_string(),
            rag: s.rag.as_str().to_string(),
            rag_label: self.rag_label(s.rag),
            percent_complete: percent(*s.percent_complete),
            summary: s
                .summary
                .as_deref()
                .map(|t| self.inline_markdown(t, &project.file, &path)),
        }
    }

    pub(super) fn programme_name(&self, id: &str) -> String {
        self.site
            .programme(id)
            .map_or_else(|| id.to_string(), |g| g.name.clone())
    }

    /// The portfolio table of the projects at `indices` (into `site.projects`).
    pub(super) fn project_table(&self, id: &str, caption: String, indices: &[usize]) -> Table {
        let t = |k: &str| self.t.get(k).to_string();
        let rows = indices
            .iter()
            .map(|&i| {
                let p = &self.site.projects[i];
                let m = self.figures.metrics(i);
                let d = &p.data;
                let mut computed = self.rag_cell(m.health.overall);
                if m.disagrees {
                    computed.text = format!("{} ⚑", computed.text);
                    computed.class =
                        Some(format!("{} disagrees", computed.class.unwrap_or_default()));
                }
                Row {
                    cells: vec![
                        Cell::link(d.name.clone(), Self::project_url(&p.id)),
                        match &d.programme {
                            Some(r) => {
                                Cell::link(self.programme_name(&r.value), url::programme(&r.value))
                            }
                            None => Cell::text(""),
                        },
                        self.person_cell(d.manager.as_ref().map(|m| m.value.as_str())),
                        Cell::text(t(&format!("phase_{}", d.phase.as_str())))
                            .sort((d.phase as u8).to_string()),
                        self.rag_cell(m.reported),
                        computed,
                        match m.ev.percent_complete {
                            Some(pc) => Cell::text(percent(pc))
                                .sort(format!("{pc:08.2}"))
                                .class("num"),
                            None => Cell::text(t("na")).sort("-1").class("num"),
                        },
                        self.cpi_cell(m.ev.cpi),
                        self.spi_cell(m.ev.spi),
                        match m.schedule.slip_days {
                            Some(s) => Cell::text(s.to_string())
                                .class(if s > 0 { "num bad" } else { "num" })
                                .sort(format!("{:010}", s + 100_000)),
                            None => Cell::text(t("na")).class("num").sort("-1"),
                        },
                        self.money_cell(m.ev.bac),
                        self.money_cell(m.ev.eac),
                    ],
                    class: None,
                }
            })
            .collect();
        Table {
            id: id.into(),
            caption,
            headers: [
                "project",
                "programme",
                "manager",
                "phase",
                "reported_rag",
                "computed_rag",
                "percent_complete",
                "cpi",
                "spi",
                "slip_days",
                "bac",
                "eac",
            ]
            .iter()
            .map(|k| t(k))
            .collect(),
            rows,
            empty: t("no_projects"),
        }
    }

    pub(super) fn render_project_list(&self) -> Result<(String, String), Diagnostic> {
        let mut ctx = self.context("projects/");
        let all: Vec<usize> = (0..self.site.projects.len()).collect();
        ctx.insert(
            "table",
            &self.project_table("projects", self.t.get("portfolio").into(), &all),
        );
        ctx.insert("as_of", &self.site.as_of.to_string());
        ctx.insert(
            "charts",
            &self
                .budget_chart(&self.figures.portfolio)
                .into_iter()
                .collect::<Vec<_>>(),
        );
        self.page("projects.html", "projects/", &ctx, "the project list")
    }

    /// Slip of each milestone in days (late to the right, early to the left).
    pub(super) fn milestone_chart(&self, p: usize) -> Option<ChartView> {
        let project = &self.site.projects[p];
        let rows: Vec<charts::BarRow> = project
            .data
            .milestones
            .iter()
            .zip(&self.figures.projects[p].milestones)
            .filter_map(|(m, f)| {
                f.slip.map(|s| charts::BarRow {
                    label: m.name.clone(),
                    values: vec![Some(s as f64)],
                })
            })
            .collect();
        if rows.is_empty() {
            return None;
        }
        let late = rows
            .iter()
            .filter(|r| r.values[0].is_some_and(|v| v > 0.0))
            .count();
        let worst = rows.iter().filter_map(|r| r.values[0]).fold(0.0, f64::max);
        let summary = fill(
            self.t.get("chart_milestones_summary"),
            &[
                ("late", late.to_string()),
                ("total", rows.len().to_string()),
                ("worst", format!("{worst:.0}")),
            ],
        );
        let series = [(self.t.get("slip_days"), charts::AMBER, true)];
        charts::horizontal_bars(
            &format!("milestones-{}", project.id),
            self.t.get("chart_milestones"),
            summary,
            &series,
            &rows,
            &charts::BarFormat {
                axis: &|v| format!("{v:.0}"),
                value: &|v| format!("{v:.0}"),
                na: self.t.get("na"),
            },
        )
    }

    pub(super) fn s_curve(&self, p: usize) -> Option<ChartView> {
        let project = &self.site.projects[p];
        let f = &self.figures.projects[p];
        let m = &f.metrics;
        let summary = fill(
            self.t.get("chart_scurve_summary"),
            &[
                ("date", self.site.as_of.to_string()),
                ("pv", self.money_cents(m.ev.pv)),
                ("ev", self.money_cents(m.ev.ev)),
                ("ac", self.money_cents(m.ev.ac)),
                ("cpi", self.cpi(m.ev.cpi)),
                ("spi", self.spi(m.ev.spi)),
            ],
        );
        let labels = charts::SCurveLabels {
            title: self.t.get("chart_scurve"),
            pv: self.t.get("evm_pv"),
            ev: self.t.get("evm_ev"),
            ac: self.t.get("evm_ac"),
            as_of: self.t.get("as_of"),
            date: self.t.get("date"),
            summary,
        };
        let mark =
            m.es.es_date
                .zip(m.ev.ev)
                .map(|(date, ev)| charts::EarnedScheduleMark {
                    date,
                    ev,
                    label: "ES",
                });
        charts::s_curve(
            &project.id,
            f.ev_series.as_ref()?,
            self.site.as_of,
            &labels,
            mark.as_ref(),
            &compact,
            &|v| self.money_format().cents(v),
        )
    }

    /// The milestone trend chart: each milestone's forecast as reported in each status.
    pub(super) fn mta_chart(&self, p: usize) -> Option<ChartView> {
        let project = &self.site.projects[p];
        let f = &self.figures.projects[p];
        let series: Vec<charts::MtaSeries> = project
            .data
            .milestones
            .iter()
            .zip(&f.mta)
            .zip(&f.milestones)
            .filter(|((_, points), _)| !points.is_empty())
            .map(|((m, points), mf)| charts::MtaSeries {
                name: m.name.clone(),
                points: points.clone(),
                actual: mf.actual,
            })
            .collect();
        if series.is_empty() {
            return None;
        }
        let labels = charts::MtaLabels {
            title: self.t.get("chart_mta"),
            report_date: self.t.get("chart_mta_report_date"),
            forecast_date: self.t.get("chart_mta_forecast_date"),
            diagonal: self.t.get("chart_mta_diagonal"),
            actual: self.t.get("actual"),
            summary: fill(
                self.t.get("chart_mta_summary"),
                &[("count", series.len().to_string())],
            ),
        };
        charts::mta(&project.id, &series, &labels)
    }

    /// One chart per benefit measured at least once by D: measured against target.
    pub(super) fn benefit_charts(&self, p: usize) -> Vec<ChartView> {
        let project = &self.site.projects[p];
        let f = &self.figures.projects[p];
        project
            .data
            .benefits
            .iter()
            .zip(&f.benefits)
            .enumerate()
            .filter(|(_, (_, bf))| !bf.series.is_empty())
            .filter_map(|(i, (b, bf))| {
                let unit = b.unit.clone().unwrap_or_default();
                let series = charts::BenefitSeries {
                    name: b.name.clone(),
                    unit: unit.clone(),
                    target: b.target.as_ref().map(|t| **t),
                    measured: bf.series.clone(),
                };
                let title = format!("{}: {}", self.t.get("benefit"), b.name);
                let labels = charts::BenefitLabels {
                    title: &title,
                    date: self.t.get("date"),
                    measured: self.t.get("measured"),
                    target: self.t.get("target"),
                    summary: fill(
                        self.t.get("chart_benefit_summary"),
                        &[
                            ("name", b.name.clone()),
                            (
                                "measured",
                                bf.measured.map_or_else(
                                    || self.na(),
                                    |v| super::format::measure(v, &unit),
                                ),
                            ),
                            (
                                "target",
                                b.target.as_ref().map_or_else(
                                    || self.na(),
                                    |v| super::format::measure(**v, &unit),
                                ),
                            ),
                        ],
                    ),
                };
                charts::benefit_chart(&project.id, i, &series, &labels, &|v| {
                    super::format::measure(v, "")
                })
            })
            .collect()
    }

    /// The RAID and change registers of project `p` as of D, and its baseline history.
    fn registers(&self, p: usize) -> Vec<Table> {
        let project = &self.site.projects[p];
        let f = &self.figures.projects[p];
        let d = &project.data;
        let t = |k: &str| self.t.get(k).to_string();
        let na = self.na();
        let date = |x: Option<Date>| x.map_or_else(String::new, |x| x.to_string());
        let person = |o: &Option<serde_saphyr::Spanned<String>>| {
            o.as_ref()
                .map_or_else(String::new, |o| self.person_name(&o.value))
        };
        let headers = |keys: &[&str]| keys.iter().map(|k| t(k)).collect::<Vec<_>>();
        let project_link = |i: usize| {
            let q = &self.site.projects[i];
            Cell::link(q.data.name.clone(), url::project(&q.id))
        };
        let mut out = Vec::new();
        if f.baseline_history.len() > 1 || d.baseline.list {
            out.push(Table {
                id: "baseline-history".into(),
                caption: t("baseline_history"),
                headers: headers(&[
                    "from",
                    "baseline_start",
                    "baseline_finish",
                    "evm_bac",
                    "reason",
                ]),
                rows: f
                    .baseline_history
                    .iter()
                    .map(|&i| {
                        let b = d.baseline.entries[i].get();
                        Row {
                            cells: vec![
                                Cell::text(date(b.date)).class("date"),
                                Cell::text(b.start.to_string()).class("date"),
                                Cell::text(b.finish.to_string()).class("date"),
                                Cell::text(self.money_cents(Some(*b.budget))).class("num"),
                                Cell::text(b.reason.clone().unwrap_or_default()),
                            ],
                            class: None,
                        }
                    })
                    .collect(),
                empty: t("none_recorded"),
            });
        }
        let decisions: Vec<Row> = d
            .decisions
            .iter()
            .zip(&f.decisions)
            .filter(|(_, x)| x.exists)
            .map(|(x, xf)| Row {
                cells: vec![
                    Cell::text(x.id.to_string()),
                    Cell::text(x.title.clone()),
                    Cell::text(person(&x.owner)),
                    Cell::text(date(x.needed_by.map(|n| *n))).class("date"),
                    Cell::text(t(&format!("decision_{}", xf.status.as_str()))),
                    Cell::text(if xf.overdue {
                        t("overdue")
                    } else {
                        String::new()
                    }),
                    Cell::text(
                        x.outcome
                            .as_deref()
                            .filter(|_| xf.status != crate::model::DecisionStatus::Proposed)
                            .map(str::to_string)
                            .unwrap_or_default(),
                    ),
                ],
                class: xf.overdue.then(|| "bad".to_string()),
            })
            .collect();
        if !d.decisions.is_empty() {
            out.push(Table {
                id: "decisions".into(),
                caption: t("decisions"),
                headers: headers(&["id", "title", "owner", "needed_by", "status", "", "outcome"]),
                rows: decisions,
                empty: t("none_recorded"),
            });
        }
        if !d.assumptions.is_empty() {
            out.push(Table {
                id: "assumptions".into(),
                caption: t("assumptions"),
                headers: headers(&["id", "title", "owner", "status"]),
                rows: d
                    .assumptions
                    .iter()
                    .map(|x| Row {
                        cells: vec![
                            Cell::text(x.id.to_string()),
                            Cell::text(x.title.clone()),
                            Cell::text(person(&x.owner)),
                            Cell::text(t(&format!("assumption_{}", x.status.as_str()))),
                        ],
                        class: (x.status == crate::model::AssumptionStatus::Invalid)
                            .then(|| "bad".to_string()),
                    })
                    .collect(),
                empty: t("none_recorded"),
            });
        }
        let flag = |df: &crate::metrics::figures::DependencyFigures| {
            if df.delivered.is_some() {
                t("dependency_delivered")
            } else if df.late {
                t("dependency_late")
            } else if df.at_risk {
                t("dependency_at_risk")
            } else {
                t("dependency_on_track")
            }
        };
        // One row per dependency: this project's needs, then what others need from it.
        let dep_row = |direction: &str,
                       other: Cell,
                       x: &crate::model::Dependency,
                       df: &crate::metrics::figures::DependencyFigures| Row {
            cells: vec![
                Cell::text(t(direction)),
                other,
                Cell::text(
                    x.milestone
                        .as_ref()
                        .map_or_else(String::new, |m| m.value.clone()),
                ),
                Cell::text(x.needed_by.to_string()).class("date"),
                Cell::text(df.expected.map_or_else(|| na.clone(), |e| e.to_string())).class("date"),
                Cell::text(flag(df)),
            ],
            class: (df.at_risk || df.late).then(|| "bad".to_string()),
        };
        let mut deps: Vec<Row> = d
            .dependencies
            .iter()
            .zip(&f.dependencies)
            .map(|(x, df)| {
                let other = df
                    .provider
                    .map_or_else(|| Cell::text(x.project.value.clone()), project_link);
                dep_row("dependency_needs", other, x, df)
            })
            .collect();
        for &(ci, k) in &f.dependents {
            let x = &self.site.projects[ci].data.dependencies[k];
            let df = &self.figures.projects[ci].dependencies[k];
            deps.push(dep_row("dependency_provides", project_link(ci), x, df));
        }
        if !deps.is_empty() {
            out.push(Table {
                id: "dependencies".into(),
                caption: t("dependencies"),
                headers: headers(&[
                    "direction",
                    "project",
                    "milestone",
                    "needed_by",
                    "expected",
                    "status",
                ]),
                rows: deps,
                empty: t("none_recorded"),
            });
        }
        let changes: Vec<Row> = d
            .changes
            .iter()
            .zip(&f.changes)
            .filter(|(_, xf)| xf.exists)
            .map(|(x, xf)| Row {
                cells: vec![
                    Cell::text(x.id.to_string()),
                    Cell::text(x.title.clone()),
                    Cell::text(date(x.raised)).class("date"),
                    Cell::text(t(&format!("change_{}", xf.status.as_str()))),
                    Cell::text(if xf.status == crate::model::ChangeStatus::Proposed {
                        String::new()
                    } else {
                        date(x.decided)
                    })
                    .class("date"),
                    Cell::text(
                        x.cost_impact
                            .as_ref()
                            .map_or_else(String::new, |c| self.money_format().delta(**c)),
                    )
                    .class("num"),
                    Cell::text(
                        x.schedule_impact_days
                            .as_ref()
                            .map_or_else(String::new, |v| format!("{:+}", **v)),
                    )
                    .class("num"),
                ],
                class: None,
            })
            .collect();
        if !d.changes.is_empty() {
            out.push(Table {
                id: "changes".into(),
                caption: t("change_requests"),
                headers: headers(&[
                    "id",
                    "title",
                    "raised",
                    "status",
                    "decided",
                    "cost_impact",
                    "schedule_impact_days",
                ]),
                rows: changes,
                empty: t("none_recorded"),
            });
        }
        out
    }

    /// Open risks of the projects at `indices` as of D, by score (highest first).
    pub(super) fn risk_table(
        &self,
        id: &str,
        caption: String,
        indices: &[usize],
        limit: Option<usize>,
    ) -> Table {
        self.risk_table_from(id, caption, indices, limit, 0)
    }

    /// [`Self::risk_table`] of the open risks scored `min_score` or more.
    pub(super) fn risk_table_from(
        &self,
        id: &str,
        caption: String,
        indices: &[usize],
        limit: Option<usize>,
        min_score: u32,
    ) -> Table {
        let t = |k: &str| self.t.get(k).to_string();
        let mut risks: Vec<(u32, &Project, &crate::model::Risk, &RiskFigures)> = indices
            .iter()
            .flat_map(|&i| {
                let p = &self.site.projects[i];
                p.data
                    .risks
                    .iter()
                    .zip(&self.figures.projects[i].risks)
                    .filter(|(_, f)| f.open && f.score >= min_score)
                    .map(move |(r, f)| (f.score, p, r, f))
            })
            .collect();
        risks.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then_with(|| a.1.id.cmp(&b.1.id))
                .then_with(|| a.2.id.cmp(&b.2.id))
        });
        if let Some(n) = limit {
            risks.truncate(n);
        }
        Table {
            id: id.into(),
            caption,
            headers: [
                "project", "id", "risk", "score", "zone", "owner", "response", "review",
            ]
            .iter()
            .map(|k| t(k))
            .collect(),
            rows: risks
                .into_iter()
                .map(|(score, p, r, f)| Row {
                    cells: vec![
                        Cell::link(p.data.name.clone(), Self::project_url(&p.id)),
                        Cell::text(r.id.to_string()),
                        Cell::text(r.title.clone()),
                        Cell::text(score.to_string())
                            .class("num")
                            .sort(format!("{score:02}")),
                        self.zone_cell(f.zone),
                        self.person_cell(r.owner.as_ref().map(|o| o.value.as_str())),
                        Cell::text(
                            r.response.map_or_else(
                                || t("na"),
                                |x| t(&format!("response_{}", x.as_str())),
                            ),
                        ),
                        Cell::text(r.review.map(|x| x.to_string()).unwrap_or_default())
                            .class(if f.review_overdue { "bad" } else { "" }),
                    ],
                    class: None,
                })
                .collect(),
            empty: t("no_open_risks"),
        }
    }

    pub(super) fn zone_cell(&self, zone: RiskZone) -> Cell {
        Cell::text(self.t.get(&format!("zone_{}", zone.as_str())))
            .class(format!("zone zone-{}", zone.as_str()))
            .sort((zone as u8).to_string())
    }

    fn evm_table(&self, m: &ProjectMetrics) -> Table {
        /// A TCPI above this is not a plan but a warning.
        const TCPI_UNREALISTIC: f64 = 1.10;
        let t = |k: &str| self.t.get(k).to_string();
        let na = self.na();
        let ev = &m.ev;
        let pct = |v: Option<f64>| v.map_or_else(|| na.clone(), |x| format!("{x:.2}%"));
        let row = |key: &str, value: String| Row {
            cells: vec![
                Cell::text(t(&format!("evm_{key}"))),
                Cell::text(value).class("num"),
                Cell::text(t(&format!("evm_{key}_help"))),
            ],
            class: None,
        };
        let rows = vec![
            row("bac", self.money_cents(ev.bac)),
            row("planned_percent", pct(ev.planned_percent)),
            row("pv", self.money_cents(ev.pv)),
            row("percent_complete", pct(ev.percent_complete)),
            row("ev", self.money_cents(ev.ev)),
            row("ac", self.money_cents(ev.ac)),
            row("cv", self.money_cents(ev.cv)),
            row("sv", self.money_cents(ev.sv)),
            row("cpi", self.cpi(ev.cpi)),
            row("spi", self.spi(ev.spi)),
            row("eac", self.money_cents(ev.eac)),
            row("etc", self.money_cents(ev.etc)),
            row("vac", self.money_cents(ev.vac)),
            row(
                "tcpi",
                match ev.tcpi {
                    _ if ev.budget_spent => t("evm_tcpi_spent"),
                    // Above 1.10 no real project recovers that efficiency
                    // (the usual rule of thumb): say so beside the number.
                    Some(v) if v > TCPI_UNREALISTIC => {
                        format!("{} — {}", ratio(Some(v), &na), t("evm_tcpi_unrealistic"))
                    }
                    v => ratio(v, &na),
                },
            ),
            row("tcpi_eac", ratio(ev.tcpi_eac, &na)),
            row("eac_cpi", self.money_cents(ev.eac_cpi)),
            row("eac_budget_rate", self.money_cents(ev.eac_budget_rate)),
            row("eac_composite", self.money_cents(ev.eac_composite)),
            row("overrun_percent", pct(ev.overrun_percent)),
            row(
                "forecast_finish",
                m.schedule
                    .forecast_finish
                    .map_or_else(|| na.clone(), |d| d.to_string()),
            ),
            row(
                "slip_days",
                m.schedule
                    .slip_days
                    .map_or_else(|| na.clone(), |d| d.to_string()),
            ),
            row("slip_percent", pct(m.schedule.slip_percent)),
        ];
        Table {
            id: "evm".into(),
            caption: format!("{} ({} {})", t("earned_value"), t("as_of"), self.site.as_of),
            headers: vec![t("measure"), t("value"), t("meaning")],
            rows,
            empty: String::new(),
        }
    }

    /// The earned-schedule table: ES, AT, SV(t), SPI(t) and the finish they forecast.
    fn es_table(&self, m: &ProjectMetrics) -> Table {
        let t = |k: &str| self.t.get(k).to_string();
        let na = self.na();
        let es = &m.es;
        let row = |key: &str, value: String| Row {
            cells: vec![
                Cell::text(t(&format!("evm_{key}"))),
                Cell::text(value).class("num"),
                Cell::text(t(&format!("evm_{key}_help"))),
            ],
            class: None,
        };
        let date = |d: Option<Date>| d.map_or_else(|| na.clone(), |d| d.to_string());
        let days = |d: Option<i64>| d.map_or_else(|| na.clone(), |d| d.to_string());
        Table {
            id: "es".into(),
            caption: format!(
                "{} ({} {})",
                t("earned_schedule"),
                t("as_of"),
                self.site.as_of
            ),
            headers: vec![t("measure"), t("value"), t("meaning")],
            rows: vec![
                row("es_date", date(es.es_date)),
                row("es_days", days(es.es_days)),
                row("at_days", days(es.at_days)),
                row("sv_t_days", days(es.sv_t_days)),
                row("spi_t", self.spi(es.spi_t)),
                row("finish_by_es", date(es.finish_by_es)),
            ],
            empty: String::new(),
        }
    }

    pub(super) fn render_project(&self, p: usize) -> Result<(String, String), Diagnostic> {
        let project = &self.site.projects[p];
        let f = &self.figures.projects[p];
        let m = &f.metrics;
        let d = &project.data;
        let path = url::project_dir(&project.id);
        let t = |k: &str| self.t.get(k).to_string();
        let na = self.na();
        let date = |d: Option<Date>| d.map_or_else(String::new, |d| d.to_string());

        let mut facts = Vec::new();
        let mut fact = |label: &str, value: String, url: Option<String>| {
            facts.push(Fact {
                label: t(label),
                value,
                url,
                class: None,
            });
        };
        if let Some(prog) = &d.programme {
            fact(
                "programme",
                self.programme_name(&prog.value),
                Some(url::programme(&prog.value)),
            );
        }
        let person_url = |id: &str| self.site.person(id).map(|_| url::person(id));
        if let Some(x) = &d.manager {
            fact("manager", self.person_name(&x.value), person_url(&x.value));
        }
        if let Some(x) = &d.sponsor {
            fact("sponsor", self.person_name(&x.value), person_url(&x.value));
        }
        if let Some(x) = d.methodology {
            fact(
                "methodology",
                t(&format!("methodology_{}", x.as_str())),
                None,
            );
        }
        fact("phase", t(&format!("phase_{}", d.phase.as_str())), None);
        if let Some(pr) = d.priority {
            fact("priority", pr.to_string(), None);
        }
        if let Some(v) = d.value_score {
            fact("value_score", v.to_string(), None);
        }
        if let (Some(start), Some(finish)) = (m.schedule.baseline_start, m.schedule.baseline_finish)
        {
            fact("baseline_start", start.to_string(), None);
            fact("baseline_finish", finish.to_string(), None);
        }

        let mut tables = vec![self.evm_table(m)];
        if m.ev.bac.is_some() {
            tables.push(self.es_table(m));
        }
        tables.push(Table {
            id: "milestones".into(),
            caption: t("milestones"),
            headers: [
                "milestone",
                "baseline",
                "forecast",
                "actual",
                "slip_days",
                "status",
            ]
            .iter()
            .map(|k| t(k))
            .collect(),
            rows: d
                .milestones
                .iter()
                .zip(&f.milestones)
                .map(|(ms, mf)| {
                    let (actual, slip) = (mf.actual, mf.slip);
                    let (status, class) = match mf.state {
                        MilestoneState::Hit => ("milestone_hit", ""),
                        MilestoneState::Missed => ("milestone_overdue", "bad"),
                        MilestoneState::Planned => ("milestone_planned", ""),
                    };
                    Row {
                        cells: vec![
                            Cell::text(ms.name.clone()),
                            Cell::text(date(ms.baseline)),
                            Cell::text(date(ms.forecast)),
                            Cell::text(date(actual)),
                            match slip {
                                Some(s) => Cell::text(s.to_string())
                                    .class(if s > 0 { "num bad" } else { "num" })
                                    .sort(format!("{:010}", s + 100_000)),
                                None => Cell::text(na.clone()).class("num"),
                            },
                            Cell::text(t(status)).class(class),
                        ],
                        class: None,
                    }
                })
                .collect(),
            empty: t("none_recorded"),
        });
        let mut risks: Vec<_> = d
            .risks
            .iter()
            .zip(&f.risks)
            .filter(|(_, rf)| rf.exists)
            .collect();
        risks.sort_by_key(|(r, rf)| (std::cmp::Reverse(rf.score), r.id.clone()));
        tables.push(Table {
            id: "risks".into(),
            caption: t("risk_register"),
            headers: [
                "id",
                "risk",
                "probability",
                "impact",
                "score",
                "zone",
                "owner",
                "response",
                "review",
                "status",
            ]
            .iter()
            .map(|k| t(k))
            .collect(),
            rows: risks
                .iter()
                .map(|&(r, rf)| {
                    let (score, open) = (rf.score, rf.open);
                    Row {
                        cells: vec![
                            Cell::text(r.id.to_string()),
                            Cell::text(r.title.clone()),
                            Cell::text(r.probability.to_string()).class("num"),
                            Cell::text(r.impact.to_string()).class("num"),
                            Cell::text(score.to_string())
                                .class("num")
                                .sort(format!("{score:02}")),
                            self.zone_cell(rf.zone),
                            self.person_cell(r.owner.as_ref().map(|o| o.value.as_str())),
                            Cell::text(r.response.map_or_else(
                                || na.clone(),
                                |x| t(&format!("response_{}", x.as_str())),
                            )),
                            Cell::text(date(r.review)).class(if rf.review_overdue {
                                "bad"
                            } else {
                                ""
                            }),
                            Cell::text(t(if open { "risk_open" } else { "risk_closed" })),
                        ],
                        class: (!open).then(|| "closed".to_string()),
                    }
                })
                .collect(),
            empty: t("none_recorded"),
        });
        tables.push(Table {
            id: "issues".into(),
            caption: t("issues"),
            headers: [
                "id", "issue", "severity", "owner", "opened", "due", "closed",
            ]
            .iter()
            .map(|k| t(k))
            .collect(),
            rows: d
                .issues
                .iter()
                .zip(&f.issues)
                .filter(|(_, f)| f.exists)
                .map(|(i, f)| {
                    let (closed, overdue) = (f.closed, f.overdue);
                    let mut due = Cell::text(date(i.due));
                    if overdue {
                        due =
                            Cell::text(format!("{} ({})", date(i.due), t("overdue"))).class("bad");
                    }
                    Row {
                        cells: vec![
                            Cell::text(i.id.to_string()),
                            Cell::text(i.title.clone()),
                            Cell::text(t(&format!("severity_{}", i.severity.as_str())))
                                .sort((i.severity as u8).to_string()),
                            self.person_cell(i.owner.as_ref().map(|o| o.value.as_str())),
                            Cell::text(date(i.opened)),
                            due,
                            Cell::text(date(closed)),
                        ],
                        class: closed.map(|_| "closed".to_string()),
                    }
                })
                .collect(),
            empty: t("none_recorded"),
        });
        tables.push(Table {
            id: "team".into(),
            caption: t("team"),
            headers: ["person", "role", "from", "to", "allocation"]
                .iter()
                .map(|k| t(k))
                .collect(),
            rows: d
                .allocations
                .iter()
                .map(|a| Row {
                    cells: vec![
                        self.person_cell(Some(&a.person.value)),
                        Cell::text(a.role.clone().unwrap_or_default()),
                        Cell::text(a.from.to_string()),
                        Cell::text(a.to.to_string()),
                        Cell::text(percent(*a.percent)).class("num"),
                    ],
                    class: None,
                })
                .collect(),
            empty: t("none_recorded"),
        });
        if !d.benefits.is_empty() {
            tables.push(Table {
                id: "benefits".into(),
                caption: t("benefits"),
                headers: ["benefit", "target", "measured", "measured_on", "attainment"]
                    .iter()
                    .map(|k| t(k))
                    .collect(),
                rows: d
                    .benefits
                    .iter()
                    .zip(&f.benefits)
                    .map(|(b, bf)| {
                        let unit = b.unit.as_deref().unwrap_or("");
                        let value = |v: Option<f64>| {
                            v.map_or_else(|| na.clone(), |v| super::format::measure(v, unit))
                        };
                        Row {
                            cells: vec![
                                Cell::text(b.name.clone()),
                                Cell::text(value(b.target.as_ref().map(|t| **t))).class("num"),
                                Cell::text(value(bf.measured)).class("num"),
                                Cell::text(date(bf.measured_on)).class("date"),
                                Cell::text(
                                    bf.attainment
                                        .map_or_else(|| na.clone(), super::format::percent),
                                )
                                .class("num"),
                            ],
                            class: None,
                        }
                    })
                    .collect(),
                empty: String::new(),
            });
        }

        tables.extend(self.registers(p));
        tables.extend(self.project_findings(p));
        let history: Vec<StatusView> = f
            .history
            .iter()
            .map(|&i| self.status_view(project, &d.status[i]))
            .collect();
        let related = self
            .backlinks
            .get(&project.id)
            .map(|v| v.iter().map(|&i| self.item(i)).collect())
            .unwrap_or_default();
        let view = ProjectView {
            id: project.id.clone(),
            name: d.name.clone(),
            url: Self::project_url(&project.id),
            summary: d
                .summary
                .as_deref()
                .map(|s| self.inline_markdown(s, &project.file, &path)),
            facts,
            tags: self.tag_links(&d.tags),
            reported: f
                .latest_status
                .map(|i| self.status_view(project, &d.status[i])),
            health: HealthView {
                reported: self.badge(m.reported),
                schedule: self.badge(m.health.schedule),
                cost: self.badge(m.health.cost),
                overall: self.badge(m.health.overall),
                disagrees: m.disagrees,
            },
            recovery_plan: d
                .recovery_plan
                .as_deref()
                .map(|s| self.inline_markdown(s, &project.file, &path)),
            charts: self
                .s_curve(p)
                .into_iter()
                .chain(self.milestone_chart(p))
                .chain(self.mta_chart(p))
                .chain(self.benefit_charts(p))
                .collect(),
            tables,
            history,
            related,
        };
        let mut ctx = self.context(&path);
        ctx.insert("project", &view);
        ctx.insert(
            "breadcrumbs",
            &self.crumbs(&[("nav_projects", url::PROJECTS)]),
        );
        self.page("project.html", &path, &ctx, &project.file)
    }
}
