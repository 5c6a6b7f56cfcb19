//! The data-quality views of the governance findings (`Figures::findings`):
//! the `/quality/` page for the PMO analyst (counts, the findings by project
//! and by rule, each linking to its project) and the open findings on each
//! project page. Both exist only in builds at the default audience and
//! above; below it the findings are not published at all.

use crate::error::{Diagnostic, Severity};
use crate::model::Site;
use crate::url;

use super::Renderer;
use super::tasks::JobResult;
use super::views::{Cell, Row, Table};

/// Whether a build of `site` publishes findings: its audience is the
/// default audience or above.
pub(super) fn publishes_findings(site: &Site) -> bool {
    let c = &site.config;
    let rank = |a: &str| c.audience_rank(a).unwrap_or(0);
    rank(&site.audience) >= rank(c.default_audience())
}

impl Renderer<'_> {
    /// Whether this build publishes findings: its audience is the default
    /// audience or above.
    pub(super) fn publishes_findings(&self) -> bool {
        publishes_findings(self.site)
    }

    /// `/quality/`.
    pub(super) fn render_quality(&self) -> JobResult {
        let t = |k: &str| self.t.get(k).to_string();
        let findings = &self.figures.findings;
        let mut by_project: Vec<&Diagnostic> = findings.iter().collect();
        by_project.sort_by(|a, b| {
            (self.project_name(a), &a.file, a.line, a.column).cmp(&(
                self.project_name(b),
                &b.file,
                b.line,
                b.column,
            ))
        });
        let mut by_rule: Vec<&Diagnostic> = findings.iter().collect();
        by_rule.sort_by(|a, b| {
            (a.rule.as_str(), self.project_name(a), a.line).cmp(&(
                b.rule.as_str(),
                self.project_name(b),
                b.line,
            ))
        });
        let count = |s: Severity| findings.iter().filter(|d| d.severity == s).count();
        let kpis: Vec<serde_json::Value> = [
            (Severity::Error, "quality_errors"),
            (Severity::Warning, "quality_warnings"),
            (Severity::Info, "quality_infos"),
        ]
        .into_iter()
        .map(|(s, key)| {
            serde_json::json!({ "value": count(s).to_string(), "label": t(key), "class": null })
        })
        .collect();
        let mut ctx = self.context(url::QUALITY_DIR);
        ctx.insert("title", &t("quality_title"));
        ctx.insert("kpis", &kpis);
        ctx.insert(
            "tables",
            &vec![
                self.findings_rows("by-project", t("quality_by_project"), &by_project, true),
                self.findings_rows("by-rule", t("quality_by_rule"), &by_rule, true),
            ],
        );
        self.page("portfolio.html", url::QUALITY_DIR, &ctx, "the quality page")
    }

    /// The open findings about project `p`, for its page; `None` when the
    /// build does not publish findings.
    pub(super) fn project_findings(&self, p: usize) -> Option<Table> {
        if !self.publishes_findings() {
            return None;
        }
        let id = &self.site.projects.get(p)?.id;
        let rows: Vec<&Diagnostic> = self
            .figures
            .findings
            .iter()
            .filter(|d| d.project.as_deref() == Some(id.as_str()))
            .collect();
        let caption = self.t.get("quality_open_findings").to_string();
        Some(self.findings_rows("findings", caption, &rows, false))
    }

    fn project_name(&self, d: &Diagnostic) -> String {
        d.project
            .as_deref()
            .and_then(|id| self.site.project(id))
            .map(|p| p.data.name.clone())
            .unwrap_or_default()
    }

    fn findings_rows(
        &self,
        id: &str,
        caption: String,
        findings: &[&Diagnostic],
        with_project: bool,
    ) -> Table {
        let t = |k: &str| self.t.get(k).to_string();
        let mut headers = Vec::new();
        if with_project {
            headers.push(t("project"));
        }
        headers.extend(
            [
                "quality_rule",
                "severity",
                "quality_finding",
                "quality_hint",
                "quality_location",
            ]
            .iter()
            .map(|k| t(k)),
        );
        let rows = findings
            .iter()
            .map(|d| {
                let mut cells = Vec::new();
                if with_project {
                    cells.push(
                        match d.project.as_deref().and_then(|i| self.site.project(i)) {
                            Some(p) => Cell::link(p.data.name.clone(), Self::project_url(&p.id)),
                            None => Cell::text(String::new()),
                        },
                    );
                }
                let severity = match d.severity {
                    Severity::Error => "quality_error",
                    Severity::Warning => "quality_warning",
                    Severity::Info => "quality_info",
                };
                let location = match (d.line, d.column) {
                    (0, _) => d.file.clone(),
                    (l, 0) => format!("{}:{l}", d.file),
                    (l, c) => format!("{}:{l}:{c}", d.file),
                };
                cells.extend([
                    Cell::text(d.rule.as_str()),
                    Cell::text(t(severity)).class(format!("severity-{severity}")),
                    Cell::text(d.message.clone()),
                    Cell::text(d.hint.clone().unwrap_or_default()),
                    Cell::text(location),
                ]);
                Row { cells, class: None }
            })
            .collect();
        Table {
            id: id.into(),
            caption,
            headers,
            rows,
            empty: t("quality_none"),
        }
    }
}
