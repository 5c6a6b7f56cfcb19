//! `/raid/`: the registers beside the numbers across the portfolio, as of
//! D — decisions still to be made, dependencies not yet delivered, and every
//! benefit against its target. Figures come from `Figures::projects`.

use crate::model::DecisionStatus;
use crate::url;

use super::Renderer;
use super::format::{measure, percent};
use super::views::{Cell, Row, Table};

impl Renderer<'_> {
    fn raid_decisions(&self) -> Table {
        let mut open: Vec<(usize, usize)> = Vec::new();
        for (i, f) in self.figures.projects.iter().enumerate() {
            for (k, x) in f.decisions.iter().enumerate() {
                if x.exists && x.status == DecisionStatus::Proposed {
                    open.push((i, k));
                }
            }
        }
        // By the date needed (undated last), then in project order.
        open.sort_by_key(|&(i, k)| {
            let n = self.site.projects[i].data.decisions[k].needed_by.as_ref();
            (n.is_none(), n.map(|n| **n), i, k)
        });
        let rows = open
            .into_iter()
            .map(|(i, k)| {
                let x = &self.site.projects[i].data.decisions[k];
                let f = &self.figures.projects[i].decisions[k];
                Row {
                    cells: vec![
                        self.project_cell(i),
                        Cell::text(x.id.to_string()),
                        Cell::text(x.title.clone()),
                        self.person_cell(x.owner.as_ref().map(|o| o.value.as_str())),
                        self.date_cell(x.needed_by.as_ref().map(|n| **n)),
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
        self.table(
            "decisions",
            "raid_decisions",
            &[
                "project",
                "id",
                "decision",
                "owner",
                "needed_by",
                "overdue_flag",
            ],
            rows,
            "raid_no_decisions",
        )
    }

    fn raid_dependencies(&self) -> Table {
        let mut rows = Vec::new();
        for (i, f) in self.figures.projects.iter().enumerate() {
            for (k, dep) in f.dependencies.iter().enumerate() {
                if dep.delivered.is_some() {
                    continue;
                }
                let x = &self.site.projects[i].data.dependencies[k];
                let [provider, milestone] = self.dependency_cells(i, k, dep);
                rows.push(Row {
                    cells: vec![
                        self.project_cell(i),
                        provider,
                        milestone,
                        self.date_cell(Some(*x.needed_by)),
                        self.date_cell(dep.expected),
                        self.dependency_flag(dep),
                    ],
                    class: None,
                });
            }
        }
        self.table(
            "dependencies",
            "raid_dependencies",
            &[
                "dependency_consumer",
                "dependency_provider",
                "milestone",
                "needed_by",
                "expected",
                "dependency_state",
            ],
            rows,
            "raid_no_dependencies",
        )
    }

    fn raid_benefits(&self) -> Table {
        let na = self.t.get("na");
        let mut rows = Vec::new();
        for (i, f) in self.figures.projects.iter().enumerate() {
            for (b, bf) in self.site.projects[i].data.benefits.iter().zip(&f.benefits) {
                let unit = b.unit.as_deref().unwrap_or("");
                let num = |v: Option<f64>| match v {
                    Some(v) => Cell::text(measure(v, unit))
                        .class("num")
                        .sort(format!("{v:+021.4}")),
                    None => Cell::text(na).class("num"),
                };
                rows.push(Row {
                    cells: vec![
                        self.project_cell(i),
                        Cell::text(b.name.clone()),
                        num(b.target.as_ref().map(|t| **t)),
                        num(bf.measured),
                        self.date_cell(bf.measured_on),
                        match bf.attainment {
                            Some(a) => Cell::text(percent(a.round()))
                                .class("num")
                                .sort(format!("{a:+021.4}")),
                            None => Cell::text(na).class("num"),
                        },
                    ],
                    class: None,
                });
            }
        }
        self.table(
            "benefits",
            "raid_benefits",
            &[
                "project",
                "benefit",
                "target",
                "measured",
                "measured_on",
                "attainment",
            ],
            rows,
            "raid_no_benefits",
        )
    }

    pub(super) fn render_raid(&self) -> Result<(String, String), crate::error::Diagnostic> {
        let mut ctx = self.context(url::RAID_DIR);
        ctx.insert("title", self.t.get("raid_title"));
        ctx.insert(
            "tables",
            &vec![
                self.raid_decisions(),
                self.raid_dependencies(),
                self.raid_benefits(),
            ],
        );
        self.page("portfolio.html", url::RAID_DIR, &ctx, "the RAID page")
    }
}
