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
        charts::s_curve(
            &project.id,
            f.ev_series.as_ref()?,
            self.site.as_of,
            &labels,
            None,
            &compact,
            &|v| self.money_format().cents(v),
        )
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
            row("tcpi", ratio(ev.tcpi, &na)),
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
