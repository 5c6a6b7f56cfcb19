//! The board's sections of a report: what it must act on first (exceptions,
//! decisions due, dependencies at risk), and after the period's changes the
//! look-ahead and every project's status. Everything comes from the
//! [`PeriodFigures`] computed at the period's date, never from the figures
//! as of D.

use jiff::civil::Date;

use super::*;
use crate::config::SpiBasis;
use crate::metrics::ProjectMetrics;
use crate::metrics::figures::PeriodFigures;
use crate::metrics::health;
use crate::model::Rag;
use crate::render::Renderer;
use crate::render::format::percent;
use crate::render::views::{Cell, Row};

/// The first sentence of plain text, on one line: up to the first `.`, `!`
/// or `?` followed by a space (or the end), or the first `。！？`.
pub(super) fn first_sentence(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = match c {
            '。' | '！' | '？' => true,
            '.' | '!' | '?' => chars.peek().is_none_or(|(_, n)| *n == ' '),
            _ => false,
        };
        if end {
            return text[..i + c.len_utf8()].to_string();
        }
    }
    text
}

fn bad(r: Option<Rag>) -> bool {
    matches!(r, Some(Rag::Amber | Rag::Red))
}

impl Renderer<'_> {
    /// A date, or "n/a".
    pub(in crate::render) fn date_cell(&self, d: Option<Date>) -> Cell {
        match d {
            Some(d) => Cell::text(d.to_string()).class("date"),
            None => Cell::text(self.t.get("na")).class("date"),
        }
    }

    /// The worst health rule `m` fails, in words ("CPI 0.87 below 0.90");
    /// `None` when it fails none.
    fn computed_reason(&self, m: &ProjectMetrics) -> Option<String> {
        let th = &self.site.config.thresholds;
        let na = self.t.get("na");
        let mut found: Vec<(Rag, String)> = Vec::new();
        let spi = health::schedule_spi(&m.ev, &m.es, th.spi_basis);
        let spi_name = match th.spi_basis {
            SpiBasis::Time => "SPI(t)",
            SpiBasis::Cost => "SPI",
        };
        for (value, name, t) in [(m.ev.cpi, "CPI", th.cpi), (spi, spi_name, th.spi)] {
            let Some(v) = value.filter(|v| v.is_finite()) else {
                continue;
            };
            let (rag, limit) = match health::ratio_rule(Some(v), t) {
                Some(Rag::Red) => (Rag::Red, t.red),
                Some(Rag::Amber) => (Rag::Amber, t.amber),
                _ => continue,
            };
            found.push((
                rag,
                fill(
                    self.t.get("report_reason_ratio"),
                    &[
                        ("measure", name.to_string()),
                        ("value", ratio_against(Some(v), t, na)),
                        ("limit", format!("{limit:.2}")),
                    ],
                ),
            ));
        }
        for (value, key, t) in [
            (
                m.schedule.slip_percent,
                "report_reason_slip",
                th.slip_percent,
            ),
            (
                m.ev.overrun_percent,
                "report_reason_overrun",
                th.cost_overrun_percent,
            ),
        ] {
            let Some(v) = value.filter(|v| v.is_finite()) else {
                continue;
            };
            let (rag, limit) = match health::percent_rule(Some(v), t) {
                Some(Rag::Red) => (Rag::Red, t.red),
                Some(Rag::Amber) => (Rag::Amber, t.amber),
                _ => continue,
            };
            found.push((
                rag,
                fill(
                    self.t.get(key),
                    &[
                        ("value", percent((v * 10.0).round() / 10.0)),
                        ("limit", percent(limit)),
                    ],
                ),
            ));
        }
        // The first of the worst: red before amber, in rule order.
        let worst = found.iter().map(|f| f.0).max()?;
        found.into_iter().find(|f| f.0 == worst).map(|f| f.1)
    }

    /// Why project `pi` is an exception at `through`: the first sentence of
    /// the status in force when it reports amber or red, else the computed
    /// reason.
    fn exception_reason(&self, pi: usize, m: &ProjectMetrics, through: Date) -> String {
        let summary = self.site.projects[pi]
            .latest_status(through)
            .and_then(|s| s.summary.as_deref())
            .map(|s| first_sentence(&self.plain_text(s)))
            .filter(|s| !s.is_empty());
        let computed = self.computed_reason(m);
        let reason = if bad(m.reported) {
            summary.or(computed)
        } else {
            computed.or(summary)
        };
        reason.unwrap_or_else(|| {
            self.t
                .get(if m.disagrees {
                    "report_reason_disagree"
                } else {
                    "report_reason_none"
                })
                .to_string()
        })
    }

    fn exceptions_table(&self, pf: &PeriodFigures, path: &str) -> Table {
        let c = &pf.changes;
        let through = c.window.through;
        let rows = pf
            .exceptions
            .iter()
            .map(|&k| {
                let d = &c.projects[k];
                let m = &d.after;
                let p = &self.site.projects[d.project];
                let red = m.reported == Some(Rag::Red) || m.health.overall == Some(Rag::Red);
                let plan = match p.data.recovery_plan.as_deref() {
                    Some(plan) => Cell::markdown(
                        self.inline_markdown(plan, &p.file, path),
                        self.plain_text(plan),
                    ),
                    None if red => {
                        Cell::text(self.t.get("report_no_recovery_plan")).class("missing")
                    }
                    None => Cell::text(""),
                };
                Row {
                    cells: vec![
                        self.project_cell(d.project),
                        self.rag_cell(m.reported),
                        self.rag_cell(m.health.overall),
                        Cell::text(self.exception_reason(d.project, m, through)),
                        plan,
                    ],
                    class: m.disagrees.then(|| "disagree".to_string()),
                }
            })
            .collect();
        self.table(
            "exceptions",
            "report_exceptions",
            &[
                "project",
                "reported_rag",
                "report_computed_health",
                "report_reason",
                "recovery_plan",
            ],
            rows,
            "report_no_exceptions",
        )
    }

    fn decisions_due_table(&self, pf: &PeriodFigures) -> Table {
        let rows = pf
            .decisions_due
            .iter()
            .map(|&(pi, k, f)| {
                let x = &self.site.projects[pi].data.decisions[k];
                let needed = x.needed_by.as_ref().map(|n| **n);
                Row {
                    cells: vec![
                        self.project_cell(pi),
                        Cell::text(x.id.to_string()),
                        Cell::text(x.title.clone()),
                        self.person_cell(x.owner.as_ref().map(|o| o.value.as_str())),
                        self.date_cell(needed),
                        if f.overdue {
                            Cell::text(self.t.get("overdue")).class("late")
                        } else {
                            Cell::text("")
                        },
                    ],
                    class: None,
                }
            })
            .collect();
        let mut table = self.table(
            "decisions-due",
            "report_decisions_due",
            &[
                "project",
                "id",
                "decision",
                "owner",
                "needed_by",
                "overdue_flag",
            ],
            rows,
            "report_no_decisions_due",
        );
        table.empty = fill(&table.empty, &[("date", pf.next_end.to_string())]);
        table
    }

    /// The provider and milestone cells of dependency `k` of project `pi`.
    pub(in crate::render) fn dependency_cells(
        &self,
        pi: usize,
        k: usize,
        f: &crate::metrics::figures::DependencyFigures,
    ) -> [Cell; 2] {
        let x = &self.site.projects[pi].data.dependencies[k];
        let provider = match f.provider {
            Some(p) => self.project_cell(p),
            None => Cell::text(x.project.value.clone()),
        };
        let milestone = match (f.provider, f.milestone, &x.milestone) {
            (Some(p), Some(mi), _) => {
                Cell::text(self.site.projects[p].data.milestones[mi].name.clone())
            }
            (_, _, Some(name)) => Cell::text(name.value.clone()),
            (_, _, None) => Cell::text(self.t.get("dependency_whole_project")),
        };
        [provider, milestone]
    }

    /// "Late", "At risk" or "On track" for a dependency not yet delivered.
    pub(in crate::render) fn dependency_flag(
        &self,
        f: &crate::metrics::figures::DependencyFigures,
    ) -> Cell {
        if f.late {
            Cell::text(self.t.get("dependency_late")).class("late")
        } else if f.at_risk {
            Cell::text(self.t.get("dependency_at_risk")).class("at-risk")
        } else {
            Cell::text(self.t.get("dependency_on_track"))
        }
    }

    fn dependencies_table(&self, pf: &PeriodFigures) -> Table {
        let rows = pf
            .dependencies_at_risk
            .iter()
            .map(|(pi, k, f)| {
                let x = &self.site.projects[*pi].data.dependencies[*k];
                let [provider, milestone] = self.dependency_cells(*pi, *k, f);
                Row {
                    cells: vec![
                        self.project_cell(*pi),
                        provider,
                        milestone,
                        self.date_cell(Some(*x.needed_by)),
                        self.date_cell(f.expected),
                        self.dependency_flag(f),
                    ],
                    class: None,
                }
            })
            .collect();
        let mut table = self.table(
            "dependencies-at-risk",
            "report_dependencies_at_risk",
            &[
                "dependency_consumer",
                "dependency_provider",
                "milestone",
                "needed_by",
                "expected",
                "dependency_state",
            ],
            rows,
            "report_no_dependencies_at_risk",
        );
        table.empty = fill(
            &table.empty,
            &[("date", pf.changes.window.through.to_string())],
        );
        table
    }

    /// What the board must act on, first in the report.
    pub(super) fn action_group(&self, pf: &PeriodFigures, path: &str) -> ReportGroup {
        ReportGroup {
            id: "actions".into(),
            tables: vec![
                self.exceptions_table(pf, path),
                self.decisions_due_table(pf),
                self.dependencies_table(pf),
            ],
        }
    }

    fn look_ahead_table(&self, pf: &PeriodFigures) -> Table {
        let rows = pf
            .look_ahead
            .iter()
            .map(|&(pi, mi, due)| {
                let m = &self.site.projects[pi].data.milestones[mi];
                Row {
                    cells: vec![
                        self.project_cell(pi),
                        Cell::text(m.name.clone()),
                        self.date_cell(m.baseline),
                        self.date_cell(Some(due)),
                    ],
                    class: None,
                }
            })
            .collect();
        let mut table = self.table(
            "look-ahead",
            "report_look_ahead",
            &["project", "milestone", "baseline", "expected"],
            rows,
            "report_no_look_ahead",
        );
        table.empty = fill(
            &table.empty,
            &[
                ("from", pf.changes.window.through.to_string()),
                ("to", pf.next_end.to_string()),
            ],
        );
        table
    }

    fn all_projects_table(&self, pf: &PeriodFigures) -> Table {
        let rows = pf
            .changes
            .projects
            .iter()
            .map(|d| {
                let m = &d.after;
                Row {
                    cells: vec![
                        self.project_cell(d.project),
                        self.rag_cell(m.reported),
                        self.rag_cell(m.health.overall),
                        if m.disagrees {
                            Cell::text(self.t.get("report_disagrees")).class("disagree")
                        } else {
                            Cell::text("")
                        },
                    ],
                    class: None,
                }
            })
            .collect();
        self.table(
            "all-projects",
            "report_all_projects",
            &[
                "project",
                "reported_rag",
                "report_computed_health",
                "report_disagreement",
            ],
            rows,
            "no_projects",
        )
    }

    /// After the period's changes: the next period's milestones and every project.
    pub(super) fn outlook_group(&self, pf: &PeriodFigures) -> ReportGroup {
        ReportGroup {
            id: "outlook".into(),
            tables: vec![self.look_ahead_table(pf), self.all_projects_table(pf)],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::first_sentence;

    #[test]
    fn first_sentence_stops_at_the_first_full_stop() {
        assert_eq!(
            first_sentence("Vendor late.  Test moved 2.5 weeks."),
            "Vendor late."
        );
        assert_eq!(first_sentence("CPI 0.87 is low"), "CPI 0.87 is low");
        assert_eq!(first_sentence("供应商延期。测试推迟。"), "供应商延期。");
        assert_eq!(first_sentence("Line one\nline two"), "Line one line two");
    }
}
