//! Governance: the PMO's rules on the data (`manager-missing`,
//! `risk-review-overdue`, `over-allocation`, …), checked on the assembled
//! [`Site`] and its [`Figures`] as of D. Each rule is one function in
//! `rules.rs`; what folio knows about every rule id (default severity,
//! whether `rules:` may change it, the `--explain` text) is in
//! `registry.rs`. Findings are [`Diagnostic`]s at the file, line and column
//! of the value they are about, with a hint and the project they concern.
//!
//! The rules run inside the compute step (`Figures::compute` fills
//! `Figures::findings`), so `check`, `build`, the `/quality/` page and an
//! incremental session all see the same findings, and only about what the
//! build's audience may see.

mod locate;
mod registry;
mod rules;

pub use registry::{
    adjustable, apply_overrides, check_overrides, default_severity, explain, is_governance,
    severity,
};

use crate::error::{Diagnostic, Diagnostics, Rule};
use crate::metrics::Figures;
use crate::model::Site;

/// Every governance finding of `site` as of D, `rules:` applied (rules set
/// to `off` are not run), sorted by file, line and column.
pub fn run(site: &Site, figures: &Figures) -> Vec<Diagnostic> {
    let mut out = Findings {
        site,
        out: Vec::new(),
    };
    for (i, p) in site.projects.iter().enumerate() {
        let Some(pf) = figures.projects.get(i) else {
            continue;
        };
        rules::project(&mut out, p, pf, figures);
    }
    rules::over_allocation(&mut out, figures);
    let mut diags = Diagnostics(out.out);
    diags.sort();
    diags.0
}

/// The findings of one run, and what a finding needs to be placed.
pub(crate) struct Findings<'a> {
    site: &'a Site,
    out: Vec<Diagnostic>,
}

impl Findings<'_> {
    /// Records a finding of `rule` in `file` at (line, column), unless the
    /// rule is `off`.
    fn add(
        &mut self,
        rule: Rule,
        file: &str,
        at: (usize, usize),
        project: &str,
        message: String,
        hint: &str,
    ) {
        let Some(sev) = severity(&self.site.config.rules, rule) else {
            return;
        };
        let source = self.site.data_sources.get(file).map_or("", String::as_str);
        let mut d = Diagnostic::error(rule, file, message)
            .at(source, at.0, at.1)
            .with_hint(hint);
        d.severity = sev;
        d.project = Some(project.to_string());
        self.out.push(d);
    }

    fn on(&self, rule: Rule) -> bool {
        severity(&self.site.config.rules, rule).is_some()
    }
}
