//! Portfolio pages beyond the project list: `/risks/`, `/resources/`,
//! `/people/<id>/`, `/programmes/` and `/programmes/<id>/`, plus the
//! machine-readable exports (`projects/projects.csv`, `projects/index.json`,
//! `resources/load.json`). Everything covers only the visible projects.

use serde_json::{Value, json};

use crate::metrics::{LoadLevel, risk_zone};
use crate::output::OutputTree;
use crate::url;

use super::Renderer;
use super::format::percent;
use super::pages::Job;
use super::views::{Cell, Fact, HeatCell, HeatMap, HeatRow, Row, Table};

impl Renderer<'_> {
    pub(super) fn portfolio_jobs(&self) -> Vec<Job<'_>> {
        let mut jobs: Vec<Job<'_>> = vec![
            Box::new(|| self.render_risks()),
            Box::new(|| self.render_resources()),
            Box::new(|| self.render_programme_list()),
            Box::new(|| self.render_raid()),
        ];
        for i in 0..self.site.people.len() {
            jobs.push(Box::new(move || self.render_person(i)));
        }
        for i in 0..self.site.programmes.len() {
            jobs.push(Box::new(move || self.render_programme(i)));
        }
        jobs
    }

    fn all_projects(&self) -> Vec<usize> {
        (0..self.site.projects.len()).collect()
    }

    /// 5 × 5 heat map of open risks: impact rows (5 at the top), probability columns.
    fn risk_heatmap(&self, indices: &[usize]) -> HeatMap {
        let th = self.site.config.thresholds.risk_score;
        let mut grid = [[0usize; 5]; 5];
        for &i in indices {
            for (r, _) in self.site.projects[i]
                .data
                .risks
                .iter()
                .zip(&self.figures.projects[i].risks)
                .filter(|(_, f)| f.open)
            {
                let (p, im) = (
                    usize::from((*r.probability).clamp(1, 5)) - 1,
                    usize::from((*r.impact).clamp(1, 5)) - 1,
                );
                grid[im][p] += 1;
            }
        }
        let t = |k: &str| self.t.get(k).to_string();
        HeatMap {
            id: "heatmap".into(),
            caption: t("risk_heatmap"),
            corner: format!("{} ↓ / {} →", t("impact"), t("probability_long")),
            columns: (1..=5).map(|p| p.to_string()).collect(),
            rows: (1..=5u32)
                .rev()
                .map(|im| HeatRow {
                    label: im.to_string(),
                    url: None,
                    cells: (1..=5u32)
                        .map(|p| {
                            let n = grid[im as usize - 1][p as usize - 1];
                            let zone = risk_zone(p * im, th);
                            HeatCell {
                                text: if n > 0 { n.to_string() } else { String::new() },
                                class: format!(
                                    "zone-{}{}",
                                    zone.as_str(),
                                    if n > 0 { " filled" } else { "" }
                                ),
                                title: format!(
                                    "{} {p} × {} {im} = {} ({}): {n}",
                                    t("probability_long"),
                                    t("impact"),
                                    p * im,
                                    t(&format!("zone_{}", zone.as_str()))
                                ),
                            }
                        })
                        .collect(),
                })
                .collect(),
            empty: String::new(),
        }
    }

    fn render_risks(&self) -> Result<(String, String), crate::error::Diagnostic> {
        let all = self.all_projects();
        let mut ctx = self.context("risks/");
        ctx.insert("title", self.t.get("nav_risks"));
        ctx.insert("heat", &self.risk_heatmap(&all));
        ctx.insert(
            "links",
            &vec![super::views::Link {
                title: self.t.get("raid_link").to_string(),
                url: url::RAID.into(),
            }],
        );
        ctx.insert(
            "tables",
            &vec![self.risk_table(
                "register",
                self.t.get("portfolio_risk_register").into(),
                &all,
                None,
            )],
        );
        self.page("portfolio.html", "risks/", &ctx, "the risk register")
    }

    fn level_class(level: LoadLevel) -> &'static str {
        match level {
            LoadLevel::Ok => "load-ok",
            LoadLevel::Over => "load-over",
            LoadLevel::Red => "load-red",
        }
    }

    fn load_row(&self, person: &str, months: &[String]) -> HeatRow {
        let loads = self.figures.people.get(person);
        HeatRow {
            label: self.person_name(person),
            url: self.site.person(person).map(|_| url::person(person)),
            cells: months
                .iter()
                .map(|m| {
                    let load = loads.and_then(|l| l.months.get(m));
                    let pct = load.map_or(0.0, |l| l.load.percent);
                    let level = load.map_or(LoadLevel::Ok, |l| l.level);
                    let marker = match level {
                        LoadLevel::Ok => "",
                        LoadLevel::Over => " ▲",
                        LoadLevel::Red => " ■",
                    };
                    HeatCell {
                        text: if pct > 0.0 {
                            format!("{}{marker}", percent(pct.round()))
                        } else {
                            String::new()
                        },
                        class: format!(
                            "{}{}",
                            Self::level_class(level),
                            if pct > 0.0 { " filled" } else { "" }
                        ),
                        title: format!(
                            "{} {m}: {}",
                            self.person_name(person),
                            percent((pct * 10.0).round() / 10.0)
                        ),
                    }
                })
                .collect(),
        }
    }

    fn render_resources(&self) -> Result<(String, String), crate::error::Diagnostic> {
        let t = |k: &str| self.t.get(k).to_string();
        let months = &self.figures.load_months;
        let heat = HeatMap {
            id: "load".into(),
            caption: t("load_by_month"),
            corner: t("person"),
            columns: months.clone(),
            rows: self
                .figures
                .people
                .keys()
                .map(|p| self.load_row(p, months))
                .collect(),
            empty: t("none_recorded"),
        };
        let mut over_rows = Vec::new();
        for (person, person_load) in &self.figures.people {
            for (month, f) in &person_load.months {
                let (load, level) = (&f.load, f.level);
                if level == LoadLevel::Ok {
                    continue;
                }
                let projects = load
                    .projects
                    .iter()
                    .map(|(id, pct)| {
                        let name = self
                            .site
                            .project(id)
                            .map_or_else(|| id.clone(), |p| p.data.name.clone());
                        format!("{name} {}", percent((pct * 10.0).round() / 10.0))
                    })
                    .collect::<Vec<_>>()
                    .join(" + ");
                over_rows.push(Row {
                    cells: vec![
                        self.person_cell(Some(person)),
                        Cell::text(month.clone()),
                        Cell::text(percent((load.percent * 10.0).round() / 10.0))
                            .class(format!("num {}", Self::level_class(level))),
                        Cell::text(percent(person_load.limits.over)).class("num"),
                        Cell::text(t(if level == LoadLevel::Red {
                            "load_red"
                        } else {
                            "load_over"
                        })),
                        Cell::text(projects),
                    ],
                    class: None,
                });
            }
        }
        let over = Table {
            id: "over-allocations".into(),
            caption: t("over_allocations"),
            headers: [
                "person",
                "month",
                "load",
                "limit",
                "level",
                "conflicting_projects",
            ]
            .iter()
            .map(|k| t(k))
            .collect(),
            rows: over_rows,
            empty: t("no_over_allocations"),
        };
        let mut ctx = self.context("resources/");
        ctx.insert("title", &t("nav_resources"));
        ctx.insert("heat", &heat);
        ctx.insert("tables", &vec![over]);
        self.page("portfolio.html", "resources/", &ctx, "the resource page")
    }

    fn render_person(&self, i: usize) -> Result<(String, String), crate::error::Diagnostic> {
        let person = &self.site.people[i];
        let t = |k: &str| self.t.get(k).to_string();
        let path = url::person_dir(&person.id);
        let mut facts = Vec::new();
        for (label, value) in [
            ("role", &person.role),
            ("team", &person.team),
            ("email", &person.email),
        ] {
            if let Some(v) = value {
                facts.push(Fact {
                    label: t(label),
                    value: v.clone(),
                    url: None,
                    class: None,
                });
            }
        }
        facts.push(Fact {
            label: t("capacity"),
            value: percent(*person.capacity),
            url: None,
            class: None,
        });
        let is = |r: &Option<serde_saphyr::Spanned<String>>| {
            r.as_ref().is_some_and(|x| x.value == *person.id)
        };
        let mut rows = Vec::new();
        for (pi, p) in self.site.projects.iter().enumerate() {
            let mut roles = Vec::new();
            if is(&p.data.manager) {
                roles.push(t("manager"));
            }
            if is(&p.data.sponsor) {
                roles.push(t("sponsor"));
            }
            for a in p
                .data
                .allocations
                .iter()
                .filter(|a| a.person.value == *person.id)
            {
                roles.push(format!(
                    "{} {} ({} – {})",
                    a.role.clone().unwrap_or_default(),
                    percent(*a.percent),
                    a.from,
                    a.to
                ));
            }
            if !roles.is_empty() {
                rows.push(Row {
                    cells: vec![
                        Cell::link(p.data.name.clone(), Self::project_url(&p.id)),
                        self.rag_cell(self.figures.metrics(pi).health.overall),
                        Cell::text(roles.join("; ")),
                    ],
                    class: None,
                });
            }
        }
        let projects = Table {
            id: "projects".into(),
            caption: t("projects"),
            headers: vec![t("project"), t("computed_rag"), t("role")],
            rows,
            empty: t("none_recorded"),
        };
        let months = &self.figures.load_months;
        let heat = HeatMap {
            id: "load".into(),
            caption: t("load_by_month"),
            corner: t("person"),
            columns: months.clone(),
            rows: if self.figures.people.contains_key(person.id.as_str()) {
                vec![self.load_row(&person.id, months)]
            } else {
                Vec::new()
            },
            empty: t("none_recorded"),
        };
        let mut ctx = self.context(&path);
        ctx.insert("title", &person.name);
        ctx.insert("facts", &facts);
        ctx.insert("heat", &heat);
        ctx.insert("tables", &vec![projects]);
        ctx.insert(
            "breadcrumbs",
            &self.crumbs(&[("nav_resources", url::RESOURCES)]),
        );
        self.page(
            "portfolio.html",
            &path,
            &ctx,
            &format!("person {}", person.id),
        )
    }

    fn render_programme_list(&self) -> Result<(String, String), crate::error::Diagnostic> {
        let t = |k: &str| self.t.get(k).to_string();
        let rows = self
            .site
            .programmes
            .iter()
            .zip(&self.figures.programmes)
            .map(|(g, group)| {
                let (idx, totals) = (&group.projects, &group.totals);
                Row {
                    cells: vec![
                        Cell::link(g.name.clone(), url::programme(&g.id)),
                        self.person_cell(g.owner.as_ref().map(|o| o.value.as_str())),
                        Cell::text(idx.len().to_string()).class("num"),
                        self.money_cell(Some(totals.bac)),
                        self.money_cell(Some(totals.eac)),
                        self.cpi_cell(totals.cpi),
                        self.spi_cell(totals.spi),
                    ],
                    class: None,
                }
            })
            .collect();
        let table = Table {
            id: "programmes".into(),
            caption: t("programmes"),
            headers: ["programme", "owner", "projects", "bac", "eac", "cpi", "spi"]
                .iter()
                .map(|k| t(k))
                .collect(),
            rows,
            empty: t("none_recorded"),
        };
        let mut ctx = self.context("programmes/");
        ctx.insert("title", &t("programmes"));
        ctx.insert("tables", &vec![table]);
        self.page("portfolio.html", "programmes/", &ctx, "the programme list")
    }

    fn render_programme(&self, i: usize) -> Result<(String, String), crate::error::Diagnostic> {
        let g = &self.site.programmes[i];
        let t = |k: &str| self.t.get(k).to_string();
        let path = url::programme_dir(&g.id);
        let group = &self.figures.programmes[i];
        let idx = &group.projects;
        let mut facts = Vec::new();
        if let Some(o) = &g.owner {
            facts.push(Fact {
                label: t("owner"),
                value: self.person_name(&o.value),
                url: self.site.person(&o.value).map(|_| url::person(&o.value)),
                class: None,
            });
        }
        if let Some(goal) = &g.goal {
            facts.push(Fact {
                label: t("goal"),
                value: goal.clone(),
                url: None,
                class: None,
            });
        }
        let mut ctx = self.context(&path);
        ctx.insert("title", &g.name);
        ctx.insert("facts", &facts);
        ctx.insert("kpis", &self.kpis(group));
        ctx.insert(
            "tables",
            &vec![
                self.project_table("projects", t("projects"), idx),
                self.risk_table("risks", t("top_risks"), idx, Some(10)),
            ],
        );
        ctx.insert(
            "breadcrumbs",
            &self.crumbs(&[("programmes", url::PROGRAMMES)]),
        );
        self.page(
            "portfolio.html",
            &path,
            &ctx,
            &format!("programme {}", g.id),
        )
    }
}

/// A JSON number, or null when undefined.
fn num(v: Option<f64>) -> Value {
    v.and_then(serde_json::Number::from_f64)
        .map_or(Value::Null, Value::Number)
}

/// CSV field for a number: shortest exact representation, empty for n/a.
fn csv_num(v: Option<f64>) -> String {
    v.filter(|x| x.is_finite())
        .map(|x| x.to_string())
        .unwrap_or_default()
}

/// `projects/projects.csv` (UTF-8 with BOM, for Excel), `projects/index.json` and `resources/load.json`.
pub fn add_exports(r: &Renderer<'_>, tree: &mut OutputTree) {
    let site = r.site;
    let mut projects = Vec::new();
    let mut rows = Vec::new();
    let header = [
        "id",
        "name",
        "programme",
        "phase",
        "manager",
        "reported_rag",
        "health_schedule",
        "health_cost",
        "health_overall",
        "percent_complete",
        "bac",
        "pv",
        "ev",
        "ac",
        "cv",
        "sv",
        "cpi",
        "spi",
        "eac",
        "etc",
        "vac",
        "tcpi",
        "eac_cpi",
        "eac_budget_rate",
        "eac_composite",
        "tcpi_eac",
        "spi_t",
        "sv_t_days",
        "finish_by_es",
        "forecast_finish",
        "slip_days",
        "slip_percent",
        "overrun_percent",
    ];
    for (p, f) in site.projects.iter().zip(&r.figures.projects) {
        let m = &f.metrics;
        let e = &m.ev;
        let rag = |x: Option<crate::model::Rag>| {
            x.map_or(Value::Null, |r| Value::String(r.as_str().into()))
        };
        let risks: Vec<Value> = p
            .data
            .risks
            .iter()
            .zip(&f.risks)
            .filter(|(_, rf)| rf.exists)
            .map(|(x, rf)| {
                let status = if rf.open { "open" } else { "closed" };
                json!({"id": x.id, "score": rf.score, "zone": rf.zone.as_str(), "status": status})
            })
            .collect();
        let benefits: Vec<Value> = p
            .data
            .benefits
            .iter()
            .zip(&f.benefits)
            .map(|(b, bf)| {
                json!({
                    "name": b.name, "target": b.target.as_ref().map(|t| **t), "unit": b.unit,
                    "measured": num(bf.measured),
                    "measured_on": bf.measured_on.map(|d| d.to_string()),
                    "attainment": num(bf.attainment),
                })
            })
            .collect();
        let dependencies: Vec<Value> = p
            .data
            .dependencies
            .iter()
            .zip(&f.dependencies)
            .map(|(x, df)| {
                json!({
                    "project": x.project.value,
                    "milestone": x.milestone.as_ref().map(|m| m.value.clone()),
                    "needed_by": x.needed_by.to_string(),
                    "expected": df.expected.map(|d| d.to_string()),
                    "at_risk": df.at_risk, "late": df.late,
                })
            })
            .collect();
        projects.push(json!({
            "id": p.id,
            "name": p.data.name,
            "programme": p.data.programme.as_ref().map(|g| g.value.clone()),
            "phase": p.data.phase.as_str(),
            "bac": num(e.bac), "pv": num(e.pv), "ev": num(e.ev), "ac": num(e.ac),
            "cv": num(e.cv), "sv": num(e.sv), "cpi": num(e.cpi), "spi": num(e.spi),
            "eac": num(e.eac), "etc": num(e.etc), "vac": num(e.vac), "tcpi": num(e.tcpi),
            "percent_complete": num(e.percent_complete),
            "planned_percent": num(e.planned_percent),
            "forecast_finish": m.schedule.forecast_finish.map(|d| d.to_string()),
            "slip_days": m.schedule.slip_days,
            "slip_percent": num(m.schedule.slip_percent),
            "overrun_percent": num(e.overrun_percent),
            "health": {"schedule": rag(m.health.schedule), "cost": rag(m.health.cost), "overall": rag(m.health.overall)},
            "reported_rag": rag(m.reported),
            "risks": risks,
            "eac_forecast": e.eac_forecast,
            "eac_cpi": num(e.eac_cpi),
            "eac_budget_rate": num(e.eac_budget_rate),
            "eac_composite": num(e.eac_composite),
            "tcpi_eac": num(e.tcpi_eac),
            "budget_spent": e.budget_spent,
            "es_date": m.es.es_date.map(|d| d.to_string()),
            "es_days": m.es.es_days,
            "at_days": m.es.at_days,
            "sv_t_days": m.es.sv_t_days,
            "spi_t": num(m.es.spi_t),
            "finish_by_es": m.es.finish_by_es.map(|d| d.to_string()),
            "baseline_finish": m.schedule.baseline_finish.map(|d| d.to_string()),
            "benefits": benefits,
            "dependencies": dependencies,
        }));
        let s =
            |x: Option<crate::model::Rag>| x.map(|r| r.as_str().to_string()).unwrap_or_default();
        let fields = [
            p.id.clone(),
            p.data.name.clone(),
            p.data
                .programme
                .as_ref()
                .map(|g| g.value.clone())
                .unwrap_or_default(),
            p.data.phase.as_str().into(),
            p.data
                .manager
                .as_ref()
                .map(|g| g.value.clone())
                .unwrap_or_default(),
            s(m.reported),
            s(m.health.schedule),
            s(m.health.cost),
            s(m.health.overall),
            csv_num(e.percent_complete),
            csv_num(e.bac),
            csv_num(e.pv),
            csv_num(e.ev),
            csv_num(e.ac),
            csv_num(e.cv),
            csv_num(e.sv),
            csv_num(e.cpi),
            csv_num(e.spi),
            csv_num(e.eac),
            csv_num(e.etc),
            csv_num(e.vac),
            csv_num(e.tcpi),
            csv_num(e.eac_cpi),
            csv_num(e.eac_budget_rate),
            csv_num(e.eac_composite),
            csv_num(e.tcpi_eac),
            csv_num(m.es.spi_t),
            m.es.sv_t_days.map(|d| d.to_string()).unwrap_or_default(),
            m.es.finish_by_es.map(|d| d.to_string()).unwrap_or_default(),
            m.schedule
                .forecast_finish
                .map(|d| d.to_string())
                .unwrap_or_default(),
            m.schedule
                .slip_days
                .map(|d| d.to_string())
                .unwrap_or_default(),
            csv_num(m.schedule.slip_percent),
            csv_num(e.overrun_percent),
        ];
        rows.push(fields);
    }
    let t = &r.figures.portfolio.totals;
    let portfolio = json!({
        "projects": t.projects, "bac": t.bac, "pv": t.pv, "ev": t.ev, "ac": t.ac,
        "ac_baselined": t.ac_baselined, "eac": t.eac, "eac_na": t.eac_na,
        "cpi": num(t.cpi), "spi": num(t.spi),
    });
    let index = json!({"as_of": site.as_of.to_string(), "currency": site.config.currency, "audience": site.audience, "portfolio": portfolio, "projects": projects});
    tree.insert("projects/index.json".into(), pretty(&index));
    match csv_bytes(&header, &rows) {
        Ok(csv) => {
            tree.insert("projects/projects.csv".into(), csv);
        }
        // Writing to memory cannot fail, and every row has the header's length.
        Err(e) => unreachable!("CSV export: {e}"),
    }
    let load: serde_json::Map<String, Value> = r
        .figures
        .people
        .iter()
        .map(|(person, person_load)| {
            (
                person.clone(),
                Value::Object(
                    person_load
                        .months
                        .iter()
                        .map(|(m, l)| (m.clone(), num(Some(l.load.percent))))
                        .collect(),
                ),
            )
        })
        .collect();
    tree.insert("resources/load.json".into(), pretty(&Value::Object(load)));
}

fn pretty(v: &Value) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(v).unwrap_or_default();
    out.push(b'\n');
    out
}

/// The CSV export: UTF-8 with a BOM (so Excel reads it as UTF-8), CRLF
/// line ends, fields quoted only where they hold a comma, quote or line break.
fn csv_bytes<const N: usize>(header: &[&str; N], rows: &[[String; N]]) -> csv::Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(header)?;
    for row in rows {
        w.write_record(row.iter().map(|f| formula_safe(f).into_owned()))?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

/// Neutralises a leading `=`, `+`, `-`, `@` in text so spreadsheets do not
/// run it as a formula; negative numbers stay numbers.
fn formula_safe(f: &str) -> std::borrow::Cow<'_, str> {
    if f.starts_with(['=', '+', '@']) || (f.starts_with('-') && f.parse::<f64>().is_err()) {
        format!("'{f}").into()
    } else {
        f.into()
    }
}

#[cfg(test)]
mod tests {
    use super::csv_bytes;

    /// The one data line of a CSV export with a single column.
    fn csv_field(f: &str) -> String {
        let bytes = csv_bytes(&["h"], &[[f.to_string()]]).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let body = text.strip_prefix("\u{feff}h\r\n").unwrap();
        body.strip_suffix("\r\n").unwrap().to_string()
    }

    #[test]
    fn csv_fields_are_quoted_and_formula_safe() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(csv_field("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_field("-12.5"), "-12.5");
        assert_eq!(csv_field("-x, y"), "\"'-x, y\"");
        assert_eq!(csv_field("王伟"), "王伟");
    }
}
