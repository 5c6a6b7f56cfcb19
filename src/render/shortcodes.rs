//! Shortcodes in rendered Markdown: each marker left by
//! [`crate::markdown::shortcode`] becomes the HTML of its shortcode, made
//! from the build's [`crate::metrics::Figures`] through the template
//! `shortcodes/<name>.html` (built in for folio's own, the site's under
//! `templates/shortcodes/`). A project above the build's audience shows
//! nothing; an id no data file defines is an error at the call.
//!
//! What a shortcode shows is a dependency of the page ([`Renderer::shortcode_deps`]):
//! a project's figures (`Dep::Project`), people and programme names
//! (`Dep::Directory`) or the portfolio (`Dep::Portfolio`), so a data edit
//! renders the page again.

use tera::Context;

use crate::error::{Diagnostic, Rule, did_you_mean};
use crate::markdown::Rendered;
use crate::markdown::shortcode::{self, Call, PROJECT_CHARTS, Piece};
use crate::metrics::RollUp;
use crate::model::Rag;

use super::Renderer;
use super::site_files::xml_escape;
use super::tasks::Dep;
use super::views::Fact;

/// Where the Markdown holding the shortcodes comes from, for errors.
pub struct Place<'a> {
    pub file: &'a str,
    pub source: &'a str,
    /// The output folder of the page (`reports/october/`).
    pub path: &'a str,
}

/// What one call resolves its projects to.
enum Scope<'g> {
    /// The whole portfolio, or one programme.
    Group(&'g RollUp),
    /// One project, by index into `site.projects`.
    Project(usize),
    /// A project this build does not show: nothing is written.
    Withheld,
}

impl Renderer<'_> {
    /// The HTML of `body` with its shortcodes expanded.
    pub(super) fn expand_shortcodes(
        &self,
        body: &Rendered,
        place: &Place<'_>,
    ) -> Result<String, Diagnostic> {
        if body.shortcodes.is_empty() {
            return Ok(body.html.clone());
        }
        shortcode::expand(&body.html, body.shortcodes.len(), |n, _block| {
            match &body.shortcodes[n] {
                Piece::Literal(text) => Ok(xml_escape(text)),
                Piece::Call(call) => self.shortcode(call, place),
            }
        })
    }

    /// What the shortcodes of `body` show, as dependencies of the page.
    pub(super) fn shortcode_deps(body: &Rendered) -> Vec<Dep> {
        let mut deps = Vec::new();
        for piece in &body.shortcodes {
            let Piece::Call(call) = piece else { continue };
            let project = call.str("project").or_else(|| {
                (call.name == "project_card")
                    .then(|| call.str("id"))
                    .flatten()
            });
            match project {
                Some(id) => {
                    deps.push(Dep::Project(id.to_string()));
                    deps.push(Dep::ProjectName(id.to_string()));
                    deps.push(Dep::Directory);
                }
                // A site shortcode may show anything; the built-in ones without a
                // project show the portfolio or a programme.
                None => deps.push(Dep::Portfolio),
            }
        }
        deps.sort();
        deps.dedup();
        deps
    }

    fn shortcode(&self, call: &Call, place: &Place<'_>) -> Result<String, Diagnostic> {
        let mut ctx = self.context(place.path);
        let template = format!("shortcodes/{}.html", call.name);
        let builtin = shortcode::BUILTIN.iter().any(|s| s.name == call.name);
        if !builtin || !self.fill_builtin(call, place, &mut ctx)? {
            if !builtin {
                for (name, arg) in &call.args {
                    match &arg.value {
                        shortcode::Value::Str(s) => ctx.insert(name.clone(), s),
                        shortcode::Value::Int(n) => ctx.insert(name.clone(), n),
                        shortcode::Value::Float(f) => ctx.insert(name.clone(), f),
                        shortcode::Value::Bool(b) => ctx.insert(name.clone(), b),
                    }
                }
            } else {
                return Ok(String::new());
            }
        }
        let html = self.templates.render(&template, &ctx, place.file)?;
        Ok(html.trim_end().to_string())
    }

    /// Puts what built-in shortcode `call` shows into `ctx`; false when it shows nothing.
    fn fill_builtin(
        &self,
        call: &Call,
        place: &Place<'_>,
        ctx: &mut Context,
    ) -> Result<bool, Diagnostic> {
        let t = |k: &str| self.t.get(k).to_string();
        match call.name.as_str() {
            "chart" => {
                let kind = call.str("kind").unwrap_or("");
                let chart = if PROJECT_CHARTS.contains(&kind) {
                    if call.str("project").is_none() {
                        return Err(self.call_error(
                            call,
                            place,
                            "kind",
                            format!("chart kind `{kind}` is drawn for one project"),
                            format!("write chart(kind=\"{kind}\", project=\"<id>\")"),
                        ));
                    }
                    match self.scope(call, place)? {
                        Scope::Project(p) if kind == "evm" => self.s_curve(p),
                        Scope::Project(p) => self.milestone_chart(p),
                        _ => None,
                    }
                } else {
                    match self.scope(call, place)? {
                        Scope::Group(g) => self.group_chart(kind, g),
                        _ => {
                            return Err(self.call_error(
                                call,
                                place,
                                "project",
                                format!("chart kind `{kind}` is drawn for the portfolio or a programme"),
                                format!("write chart(kind=\"{kind}\") or chart(kind=\"{kind}\", programme=\"<id>\")"),
                            ));
                        }
                    }
                };
                self.fill_chart(ctx, chart)
            }
            "kpis" => match self.scope(call, place)? {
                Scope::Group(g) => {
                    ctx.insert("kpis", &self.kpis(g));
                    Ok(true)
                }
                _ => Ok(false),
            },
            "project_card" => {
                let Scope::Project(p) = self.project_scope(call, place, "id")? else {
                    return Ok(false);
                };
                let m = self.figures.metrics(p);
                let item = self.project_item(p);
                let facts = vec![
                    self.health_fact(m.health.overall),
                    fact(t("cpi"), self.cpi(m.ev.cpi)),
                    fact(t("spi"), self.spi(m.ev.spi)),
                    fact(t("eac"), self.money_cents(m.ev.eac)),
                    fact(
                        t("forecast_finish"),
                        m.schedule
                            .forecast_finish
                            .map_or_else(|| self.na(), |d| d.to_string()),
                    ),
                ];
                ctx.insert("project", &item);
                ctx.insert("facts", &facts);
                Ok(true)
            }
            "risks" => {
                let indices = match self.scope(call, place)? {
                    Scope::Group(g) => g.projects.clone(),
                    Scope::Project(p) => vec![p],
                    Scope::Withheld => return Ok(false),
                };
                let min = self.whole_arg(call, place, "min_score")?.unwrap_or(0);
                let limit = self.whole_arg(call, place, "limit")?;
                let table = self.risk_table_from(
                    &format!("risks-{}-{}", call.line, call.column),
                    t("open_risks"),
                    &indices,
                    limit.map(|n| n as usize),
                    min,
                );
                ctx.insert("table", &table);
                Ok(true)
            }
            "projects" => {
                let Scope::Group(g) = self.scope(call, place)? else {
                    return Ok(false);
                };
                let wanted = call.str("health").map(|h| match h {
                    "green" => Some(Rag::Green),
                    "amber" => Some(Rag::Amber),
                    "red" => Some(Rag::Red),
                    _ => None,
                });
                let indices: Vec<usize> = g
                    .projects
                    .iter()
                    .copied()
                    .filter(|&i| wanted.is_none_or(|w| self.figures.metrics(i).health.overall == w))
                    .collect();
                let table = self.project_table(
                    &format!("projects-{}-{}", call.line, call.column),
                    t("projects"),
                    &indices,
                );
                ctx.insert("table", &table);
                Ok(true)
            }
            "figure" => {
                let metric = call.str("metric").unwrap_or("");
                let value = match self.project_scope(call, place, "project")? {
                    Scope::Project(p) => self.metric(p, metric),
                    _ => Fact {
                        label: String::new(),
                        value: self.na(),
                        url: None,
                        class: None,
                    },
                };
                ctx.insert(
                    "figure",
                    &serde_json::json!({
                        "metric": metric,
                        "label": value.label,
                        "value": value.value,
                        "class": value.class,
                    }),
                );
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    fn fill_chart(
        &self,
        ctx: &mut Context,
        chart: Option<super::charts::ChartView>,
    ) -> Result<bool, Diagnostic> {
        match chart {
            Some(c) => {
                ctx.insert("chart", &c);
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// `project=`, `programme=`, or the portfolio.
    fn scope(&self, call: &Call, place: &Place<'_>) -> Result<Scope<'_>, Diagnostic> {
        if call.args.contains_key("project") {
            return self.project_scope(call, place, "project");
        }
        let Some(id) = call.str("programme") else {
            return Ok(Scope::Group(&self.figures.portfolio));
        };
        match self
            .site
            .programmes
            .iter()
            .position(|g| g.id.as_str() == id)
        {
            Some(i) => Ok(Scope::Group(&self.figures.programmes[i])),
            None => {
                let ids: Vec<&str> = self.site.programmes.iter().map(|g| g.id.as_str()).collect();
                Err(self.unknown(call, place, "programme", id, &ids, Rule::Shortcode))
            }
        }
    }

    fn project_scope(
        &self,
        call: &Call,
        place: &Place<'_>,
        arg: &str,
    ) -> Result<Scope<'_>, Diagnostic> {
        let id = call.str(arg).unwrap_or("");
        if let Ok(p) = self
            .site
            .projects
            .binary_search_by(|p| p.id.as_str().cmp(id))
        {
            return Ok(Scope::Project(p));
        }
        if self.site.withheld_projects.contains(id) {
            return Ok(Scope::Withheld);
        }
        // Only ids this build may show are suggested.
        let ids: Vec<&str> = self.site.projects.iter().map(|p| p.id.as_str()).collect();
        Err(self.unknown(call, place, arg, id, &ids, Rule::Shortcode))
    }

    fn unknown(
        &self,
        call: &Call,
        place: &Place<'_>,
        arg: &str,
        id: &str,
        known: &[&str],
        rule: Rule,
    ) -> Diagnostic {
        let what = if arg == "id" { "project" } else { arg };
        let hint = did_you_mean(id, known).map_or_else(
            || format!("no {what} has the id `{id}`"),
            |n| format!("did you mean `{n}`?"),
        );
        let (line, column) = call.at(arg);
        Diagnostic::error(
            rule,
            place.file,
            format!("`{}` names unknown {what} `{id}`", call.name),
        )
        .at(place.source, line, column)
        .with_hint(hint)
    }

    fn call_error(
        &self,
        call: &Call,
        place: &Place<'_>,
        arg: &str,
        message: String,
        hint: String,
    ) -> Diagnostic {
        let (line, column) = call.at(arg);
        Diagnostic::error(Rule::Shortcode, place.file, message)
            .at(place.source, line, column)
            .with_hint(hint)
    }

    fn whole_arg(
        &self,
        call: &Call,
        place: &Place<'_>,
        arg: &str,
    ) -> Result<Option<u32>, Diagnostic> {
        let Some(a) = call.args.get(arg) else {
            return Ok(None);
        };
        match a.value.as_int().and_then(|n| u32::try_from(n).ok()) {
            Some(n) => Ok(Some(n)),
            None => Err(self.call_error(
                call,
                place,
                arg,
                format!("`{arg}` must be a whole number of 0 or more"),
                format!("write {arg}=15"),
            )),
        }
    }

    fn health_fact(&self, rag: Option<Rag>) -> Fact {
        Fact {
            label: self.t.get("computed_rag").to_string(),
            value: rag.map_or_else(|| self.na(), |r| self.rag_label(r)),
            url: None,
            class: rag.map(|r| format!("rag-{}", r.as_str())),
        }
    }

    /// One figure of project `p`, formatted as its page shows it.
    fn metric(&self, p: usize, metric: &str) -> Fact {
        let m = self.figures.metrics(p);
        let ev = &m.ev;
        let na = self.na();
        let pct = |v: Option<f64>| v.map_or_else(|| na.clone(), |x| format!("{x:.2}%"));
        let label = |key: &str| self.t.get(&format!("evm_{key}")).to_string();
        let value = match metric {
            "health" => return self.health_fact(m.health.overall),
            "reported" => {
                return Fact {
                    label: self.t.get("reported_rag").to_string(),
                    ..self.health_fact(m.reported)
                };
            }
            "open_risk_score" => {
                return fact(
                    self.t.get("open_risk_score").to_string(),
                    self.figures.projects[p].open_risk_score.to_string(),
                );
            }
            "bac" => self.money_cents(ev.bac),
            "pv" => self.money_cents(ev.pv),
            "ev" => self.money_cents(ev.ev),
            "ac" => self.money_cents(ev.ac),
            "cv" => self.money_cents(ev.cv),
            "sv" => self.money_cents(ev.sv),
            "eac" => self.money_cents(ev.eac),
            "etc" => self.money_cents(ev.etc),
            "vac" => self.money_cents(ev.vac),
            "cpi" => self.cpi(ev.cpi),
            "spi" => self.spi(ev.spi),
            "tcpi" => super::format::ratio(ev.tcpi, &na),
            "percent_complete" => pct(ev.percent_complete),
            "planned_percent" => pct(ev.planned_percent),
            "forecast_finish" => m
                .schedule
                .forecast_finish
                .map_or_else(|| na.clone(), |d| d.to_string()),
            "slip_days" => m
                .schedule
                .slip_days
                .map_or_else(|| na.clone(), |d| d.to_string()),
            _ => na.clone(),
        };
        fact(label(metric), value)
    }
}

fn fact(label: String, value: String) -> Fact {
    Fact {
        label,
        value,
        url: None,
        class: None,
    }
}
