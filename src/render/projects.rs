//! Views of project data: the project list, one page per project, and the
//! project figures on the home page.

use crate::error::Diagnostic;
use crate::markdown::encode_path;
use crate::model::{Project, Rag};

use super::Renderer;
use super::format::{money_whole, percent};
use super::pages::excerpt;
use super::views::{Cell, Fact, Item, Link, ProjectView, Row, StatusView, Table};

impl Renderer<'_> {
    fn person_name(&self, id: &str) -> String {
        self.site
            .person(id)
            .map_or_else(|| id.to_string(), |p| p.name.clone())
    }

    fn rag_label(&self, rag: Rag) -> String {
        self.t.get(&format!("rag_{}", rag.as_str())).to_string()
    }

    fn money(&self, v: f64) -> String {
        format!("{} {}", self.site.config.currency, money_whole(v))
    }

    pub fn project_url(id: &str) -> String {
        encode_path(&format!("projects/{id}/index.html"))
    }

    pub(super) fn project_item(&self, p: usize) -> Item {
        let project = &self.site.projects[p];
        let status = project.latest_status(self.site.as_of);
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
        let path = format!("projects/{}/", project.id);
        StatusView {
            date: s.date.to_string(),
            rag: s.rag.as_str().to_string(),
            rag_label: self.rag_label(s.rag),
            percent_complete: percent(s.percent_complete),
            summary: s
                .summary
                .as_deref()
                .map(|t| self.inline_markdown(t, &project.file, &path)),
        }
    }

    /// The portfolio table shared by the project list and the home page.
    fn project_table(&self) -> Table {
        let t = |k: &str| self.t.get(k).to_string();
        let rows = self
            .site
            .projects
            .iter()
            .map(|p| {
                let d = &p.data;
                let status = p.latest_status(self.site.as_of);
                let programme = d.programme.as_ref().map(|r| {
                    self.site
                        .programme(&r.value)
                        .map_or_else(|| r.value.clone(), |g| g.name.clone())
                });
                let rag = status.map(|s| s.rag);
                Row {
                    cells: vec![
                        Cell::link(d.name.clone(), Self::project_url(&p.id)),
                        Cell::text(programme.unwrap_or_default()),
                        Cell::text(
                            d.manager
                                .as_ref()
                                .map(|m| self.person_name(&m.value))
                                .unwrap_or_default(),
                        ),
                        Cell::text(
                            d.methodology
                                .map(|m| t(&format!("methodology_{}", m.as_str())))
                                .unwrap_or_default(),
                        ),
                        Cell::text(t(&format!("phase_{}", d.phase.as_str())))
                            .sort(format!("{}", d.phase as u8)),
                        match rag {
                            Some(r) => Cell::text(self.rag_label(r))
                                .class(format!("rag rag-{}", r.as_str()))
                                .sort(format!("{}", r as u8)),
                            None => Cell::text(t("na")).sort("9"),
                        },
                        match status {
                            Some(s) => Cell::text(percent(s.percent_complete))
                                .sort(format!("{:08.2}", s.percent_complete))
                                .class("num"),
                            None => Cell::text(t("na")).sort("-1").class("num"),
                        },
                        match &d.baseline {
                            Some(b) => Cell::text(self.money(b.budget))
                                .sort(format!("{:020.2}", b.budget))
                                .class("num"),
                            None => Cell::text(t("na")).sort("-1").class("num"),
                        },
                        Cell::text(
                            d.baseline
                                .as_ref()
                                .map(|b| b.finish.to_string())
                                .unwrap_or_default(),
                        ),
                    ],
                    class: None,
                }
            })
            .collect();
        Table {
            id: "projects".into(),
            caption: t("portfolio"),
            headers: [
                "project",
                "programme",
                "manager",
                "methodology",
                "phase",
                "reported_rag",
                "percent_complete",
                "budget",
                "baseline_finish",
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
        ctx.insert("table", &self.project_table());
        self.page("projects.html", "projects/", &ctx, "the project list")
    }

    pub(super) fn insert_home(&self, ctx: &mut tera::Context) {
        let mut counts = [0usize; 4];
        for p in &self.site.projects {
            match p.latest_status(self.site.as_of).map(|s| s.rag) {
                Some(Rag::Green) => counts[0] += 1,
                Some(Rag::Amber) => counts[1] += 1,
                Some(Rag::Red) => counts[2] += 1,
                None => counts[3] += 1,
            }
        }
        let budget: f64 = self
            .site
            .projects
            .iter()
            .filter_map(|p| p.data.baseline.as_ref())
            .map(|b| b.budget)
            .sum();
        let kpis = vec![
            Fact {
                label: self.t.get("projects").into(),
                value: self.site.projects.len().to_string(),
                url: Some("projects/index.html".into()),
                class: None,
            },
            Fact {
                label: self.rag_label(Rag::Green),
                value: counts[0].to_string(),
                url: None,
                class: Some("rag-green".into()),
            },
            Fact {
                label: self.rag_label(Rag::Amber),
                value: counts[1].to_string(),
                url: None,
                class: Some("rag-amber".into()),
            },
            Fact {
                label: self.rag_label(Rag::Red),
                value: counts[2].to_string(),
                url: None,
                class: Some("rag-red".into()),
            },
            Fact {
                label: self.t.get("total_budget").into(),
                value: self.money(budget),
                url: None,
                class: None,
            },
        ];
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
        ctx.insert("kpis", &kpis);
        ctx.insert("table", &self.project_table());
        ctx.insert("recent_lessons", &recent);
    }

    pub(super) fn render_project(&self, p: usize) -> Result<(String, String), Diagnostic> {
        let project = &self.site.projects[p];
        let d = &project.data;
        let path = format!("projects/{}/", project.id);
        let t = |k: &str| self.t.get(k).to_string();
        let na = t("na");
        let date = |d: Option<jiff::civil::Date>| d.map_or_else(String::new, |d| d.to_string());
        let person_cell = |id: Option<&str>| match id {
            Some(id) => Cell::text(self.person_name(id)),
            None => Cell::text(t("unassigned")).class("missing"),
        };

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
            let name = self
                .site
                .programme(&prog.value)
                .map_or_else(|| prog.value.clone(), |g| g.name.clone());
            fact("programme", name, None);
        }
        if let Some(m) = &d.manager {
            fact("manager", self.person_name(&m.value), None);
        }
        if let Some(s) = &d.sponsor {
            fact("sponsor", self.person_name(&s.value), None);
        }
        if let Some(m) = d.methodology {
            fact(
                "methodology",
                t(&format!("methodology_{}", m.as_str())),
                None,
            );
        }
        fact("phase", t(&format!("phase_{}", d.phase.as_str())), None);
        if let Some(pr) = d.priority {
            fact("priority", pr.to_string(), None);
        }
        if let Some(b) = &d.baseline {
            fact("baseline_start", b.start.to_string(), None);
            fact("baseline_finish", b.finish.to_string(), None);
            fact("budget", self.money(b.budget), None);
        }
        if let Some(f) = &d.forecast {
            if let Some(finish) = f.finish {
                fact("forecast_finish", finish.to_string(), None);
            }
            if let Some(cost) = f.cost {
                fact("forecast_cost", self.money(cost), None);
            }
        }

        let mut tables = Vec::new();
        tables.push(Table {
            id: "milestones".into(),
            caption: t("milestones"),
            headers: ["milestone", "baseline", "forecast", "actual"]
                .iter()
                .map(|k| t(k))
                .collect(),
            rows: d
                .milestones
                .iter()
                .map(|m| Row {
                    cells: vec![
                        Cell::text(m.name.clone()),
                        Cell::text(date(m.baseline)),
                        Cell::text(date(m.forecast)),
                        Cell::text(date(m.actual.filter(|a| *a <= self.site.as_of))),
                    ],
                    class: None,
                })
                .collect(),
            empty: t("none_recorded"),
        });
        let mut risks: Vec<_> = d
            .risks
            .iter()
            .filter(|r| r.raised.is_none_or(|r| r <= self.site.as_of))
            .collect();
        risks.sort_by_key(|r| {
            (
                std::cmp::Reverse(u32::from(r.probability) * u32::from(r.impact)),
                r.id.clone(),
            )
        });
        tables.push(Table {
            id: "risks".into(),
            caption: t("risks"),
            headers: [
                "id",
                "risk",
                "probability",
                "impact",
                "score",
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
                .map(|r| {
                    let score = u32::from(r.probability) * u32::from(r.impact);
                    Row {
                        cells: vec![
                            Cell::text(r.id.clone()),
                            Cell::text(r.title.clone()),
                            Cell::text(r.probability.to_string()).class("num"),
                            Cell::text(r.impact.to_string()).class("num"),
                            Cell::text(score.to_string())
                                .class("num")
                                .sort(format!("{score:02}")),
                            person_cell(r.owner.as_ref().map(|o| o.value.as_str())),
                            Cell::text(
                                r.response
                                    .map(|x| {
                                        t(&format!("response_{}", format!("{x:?}").to_lowercase()))
                                    })
                                    .unwrap_or_else(|| na.clone()),
                            ),
                            Cell::text(date(r.review)),
                            Cell::text(t(&format!(
                                "risk_{}",
                                format!("{:?}", r.status).to_lowercase()
                            ))),
                        ],
                        class: None,
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
                .filter(|i| i.opened.is_none_or(|o| o <= self.site.as_of))
                .map(|i| Row {
                    cells: vec![
                        Cell::text(i.id.clone()),
                        Cell::text(i.title.clone()),
                        Cell::text(t(&format!(
                            "severity_{}",
                            format!("{:?}", i.severity).to_lowercase()
                        ))),
                        person_cell(i.owner.as_ref().map(|o| o.value.as_str())),
                        Cell::text(date(i.opened)),
                        Cell::text(date(i.due)),
                        Cell::text(date(i.closed.filter(|c| *c <= self.site.as_of))),
                    ],
                    class: None,
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
                        person_cell(Some(&a.person.value)),
                        Cell::text(a.role.clone().unwrap_or_default()),
                        Cell::text(a.from.to_string()),
                        Cell::text(a.to.to_string()),
                        Cell::text(percent(a.percent)).class("num"),
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
                headers: ["benefit", "target", "measured"]
                    .iter()
                    .map(|k| t(k))
                    .collect(),
                rows: d
                    .benefits
                    .iter()
                    .map(|b| Row {
                        cells: vec![
                            Cell::text(b.name.clone()),
                            Cell::text(b.target.clone().unwrap_or_default()),
                            Cell::text(b.measured.clone().unwrap_or_else(|| na.clone())),
                        ],
                        class: None,
                    })
                    .collect(),
                empty: String::new(),
            });
        }

        let mut history: Vec<StatusView> = d
            .status
            .iter()
            .filter(|s| s.date <= self.site.as_of)
            .map(|s| self.status_view(project, s))
            .collect();
        history.sort_by(|a, b| b.date.cmp(&a.date));
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
            reported: project
                .latest_status(self.site.as_of)
                .map(|s| self.status_view(project, s)),
            recovery_plan: d
                .recovery_plan
                .as_deref()
                .map(|s| self.inline_markdown(s, &project.file, &path)),
            tables,
            history,
            related,
        };
        let mut ctx = self.context(&path);
        ctx.insert("project", &view);
        ctx.insert(
            "breadcrumbs",
            &vec![
                Link {
                    title: t("home"),
                    url: "index.html".into(),
                },
                Link {
                    title: t("nav_projects"),
                    url: "projects/index.html".into(),
                },
            ],
        );
        self.page("project.html", &path, &ctx, &project.file)
    }
}
