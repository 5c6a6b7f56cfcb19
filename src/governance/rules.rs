//! The governance rules, one function each (SPEC's `folio check` list; the
//! ids and what they mean are in `docs/rules.md`). Each reads the project
//! data and the figures already computed for D, and records findings
//! through [`Findings::add`] at the position of the value concerned.

use std::collections::BTreeSet;

use crate::error::Rule;
use crate::metrics::figures::{MilestoneState, ProjectFigures};
use crate::metrics::periods::ReportPeriod;
use crate::metrics::{Figures, LoadLevel, RiskZone};
use crate::model::{Phase, Project, Rag};

use super::Findings;
use super::locate;

/// One project, and what a rule needs to know about it.
struct Ctx<'a> {
    p: &'a Project,
    pf: &'a ProjectFigures,
    src: &'a str,
    d: jiff::civil::Date,
}

impl Ctx<'_> {
    /// The project's `name:` (where a missing top-level key is reported).
    fn name_at(&self) -> (usize, usize) {
        locate::key(self.src, "name").unwrap_or((1, 1))
    }

    fn phase_at(&self) -> (usize, usize) {
        locate::key(self.src, "phase").unwrap_or_else(|| self.name_at())
    }

    /// The `key` of the status report in force at D, else `status:`, else `name:`.
    fn status_at(&self, key: &str) -> (usize, usize) {
        match self.pf.latest_status {
            Some(i) => {
                let line = self.p.data.status[i].percent_complete.line;
                locate::field_near(self.src, line, key)
            }
            None => locate::key(self.src, "status").unwrap_or_else(|| self.name_at()),
        }
    }

    fn closed(&self) -> bool {
        self.p.data.phase == Phase::Closed
    }
}

/// Every per-project rule.
pub(super) fn project(f: &mut Findings<'_>, p: &Project, pf: &ProjectFigures, figures: &Figures) {
    let src = f.site.data_sources.get(&p.file).map_or("", String::as_str);
    let c = Ctx {
        p,
        pf,
        src,
        d: figures.as_of,
    };
    people(f, &c);
    baseline_missing(f, &c);
    status_stale(f, &c);
    health(f, &c);
    risks(f, &c);
    issues(f, &c);
    milestones(f, &c);
    closed(f, &c);
    forecast_undated(f, &c);
    dependencies(f, &c);
}

/// `forecast-undated`: a single undated forecast mapping.
fn forecast_undated(f: &mut Findings<'_>, c: &Ctx<'_>) {
    if c.p.data.forecast.is_undated() {
        f.add(
            Rule::ForecastUndated,
            &c.p.file,
            locate::key(c.src, "forecast").unwrap_or_else(|| c.name_at()),
            &c.p.id,
            format!(
                "the forecast of `{}` has no date, so every past report uses it",
                c.p.id
            ),
            "write it as a dated list: `forecast: [ { date: YYYY-MM-DD, finish: …, cost: … } ]`",
        );
    }
}

/// `dependency-late`: on the consumer at its `needed_by`, and on the provider.
fn dependencies(f: &mut Findings<'_>, c: &Ctx<'_>) {
    for (x, df) in c.p.data.dependencies.iter().zip(&c.pf.dependencies) {
        if !(df.at_risk || df.late) {
            continue;
        }
        let what = match &x.milestone {
            Some(m) => format!("`{}` of `{}`", m.value, x.project.value),
            None => format!("project `{}`", x.project.value),
        };
        let expected = df
            .expected
            .map_or_else(|| "n/a".to_string(), |d| d.to_string());
        let state = if df.late { "late" } else { "at risk" };
        f.add(
            Rule::DependencyLate,
            &c.p.file,
            (x.needed_by.line, x.needed_by.column),
            &c.p.id,
            format!(
                "`{}` needs {what} by {}, expected {expected}: {state}",
                c.p.id, *x.needed_by
            ),
            "agree a new date with the providing project and change `needed_by`, or re-plan the work that waits on it",
        );
        if let (Some(pi), Some(mi)) = (df.provider, df.milestone) {
            let provider = &f.site.projects[pi];
            let psrc = f
                .site
                .data_sources
                .get(&provider.file)
                .map_or("", String::as_str);
            let line =
                locate::item(psrc, "milestones", provider.data.milestones[mi].index).unwrap_or(1);
            f.add(
                Rule::DependencyLate,
                &provider.file,
                locate::field_near(psrc, line, "name"),
                &provider.id,
                format!(
                    "`{}` needs milestone `{}` by {}, expected {expected}: {state}",
                    c.p.id, provider.data.milestones[mi].name, *x.needed_by
                ),
                "tell the depending project when it can have it, or bring the milestone forward",
            );
        }
    }
}

/// `manager-missing`, `sponsor-missing`.
fn people(f: &mut Findings<'_>, c: &Ctx<'_>) {
    let d = &c.p.data;
    for (rule, value, key) in [
        (Rule::ManagerMissing, &d.manager, "manager"),
        (Rule::SponsorMissing, &d.sponsor, "sponsor"),
    ] {
        if value.as_ref().is_none_or(|v| v.value.trim().is_empty()) {
            f.add(
                rule,
                &c.p.file,
                c.name_at(),
                &c.p.id,
                format!("project `{}` has no {key}", c.p.id),
                &format!("add `{key}: <person id>` to {}", c.p.file),
            );
        }
    }
}

/// `baseline-missing`: past initiation without a baseline.
fn baseline_missing(f: &mut Findings<'_>, c: &Ctx<'_>) {
    let d = &c.p.data;
    if d.phase != Phase::Initiation && d.baseline_at(c.d).is_none() {
        f.add(
            Rule::BaselineMissing,
            &c.p.file,
            c.phase_at(),
            &c.p.id,
            format!(
                "project `{}` is in {} without a baseline",
                c.p.id,
                d.phase.as_str()
            ),
            "add `baseline: { start: …, finish: …, budget: … }`, or set `phase: initiation`",
        );
    }
}

/// The last reporting period that ends on or before D.
fn last_period(kind: crate::config::Period, d: jiff::civil::Date) -> ReportPeriod {
    let current = ReportPeriod::containing(kind, d);
    if current.end == d {
        return current;
    }
    match current.start.yesterday() {
        Ok(day) => ReportPeriod::containing(kind, day),
        Err(_) => current,
    }
}

/// `status-stale`: a running project with no status dated within the last
/// reporting period that ends on or before D (or later, up to D).
fn status_stale(f: &mut Findings<'_>, c: &Ctx<'_>) {
    if !f.on(Rule::StatusStale) || c.closed() {
        return;
    }
    let data = &c.p.data;
    if data.baseline_at(c.d).is_some_and(|b| b.start > c.d) {
        return;
    }
    let period = last_period(f.site.config.reporting.period, c.d);
    let latest = c.pf.latest_status.map(|i| data.status[i].date);
    if latest.is_some_and(|l| l >= period.start) {
        return;
    }
    let message = match latest {
        Some(l) => format!(
            "the latest status of `{}` is dated {l}, before reporting period {} ({} – {})",
            c.p.id,
            period.id(),
            period.start,
            period.end
        ),
        None => format!(
            "project `{}` has no status report on or before {}",
            c.p.id, c.d
        ),
    };
    f.add(
        Rule::StatusStale,
        &c.p.file,
        c.status_at("date"),
        &c.p.id,
        message,
        &format!(
            "add a `status:` entry dated between {} and {}",
            period.start, c.d
        ),
    );
}

/// `rag-disagrees`, `recovery-plan-missing`.
fn health(f: &mut Findings<'_>, c: &Ctx<'_>) {
    let m = &c.pf.metrics;
    let rag = |r: Option<Rag>| r.map_or("n/a", Rag::as_str);
    if m.disagrees {
        f.add(
            Rule::RagDisagrees,
            &c.p.file,
            c.status_at("rag"),
            &c.p.id,
            format!(
                "`{}` reports {} but its figures compute {}",
                c.p.id,
                rag(m.reported),
                rag(m.health.overall)
            ),
            "correct the data behind the figures, or report the RAG they support and explain it in the summary",
        );
    }
    let red = m.reported == Some(Rag::Red) || m.health.overall == Some(Rag::Red);
    let plan =
        c.p.data
            .recovery_plan
            .as_deref()
            .is_some_and(|s| !s.trim().is_empty());
    if red && !plan && !c.closed() {
        let at = if m.reported == Some(Rag::Red) {
            c.status_at("rag")
        } else {
            c.name_at()
        };
        let how = if m.reported == Some(Rag::Red) {
            "reported"
        } else {
            "computed"
        };
        f.add(
            Rule::RecoveryPlanMissing,
            &c.p.file,
            at,
            &c.p.id,
            format!("`{}` is red ({how}) without a recovery plan", c.p.id),
            "add `recovery_plan:` with the actions, owners and dates that bring it back",
        );
    }
}

/// `risk-owner-missing`, `risk-response-missing`, `risk-review-missing`,
/// `risk-review-overdue`: open risks only.
fn risks(f: &mut Findings<'_>, c: &Ctx<'_>) {
    for (r, rf) in c.p.data.risks.iter().zip(&c.pf.risks) {
        if !rf.open {
            continue;
        }
        let id_at = (r.id.line, r.id.column);
        let name = format!("risk {} of `{}`", *r.id, c.p.id);
        if r.owner.as_ref().is_none_or(|o| o.value.trim().is_empty()) {
            f.add(
                Rule::RiskOwnerMissing,
                &c.p.file,
                id_at,
                &c.p.id,
                format!("{name} has no owner"),
                "add `owner: <person id>` to the risk",
            );
        }
        if r.response.is_none() {
            f.add(
                Rule::RiskResponseMissing,
                &c.p.file,
                id_at,
                &c.p.id,
                format!("{name} has no response"),
                "add `response: avoid | transfer | mitigate | accept` and a `plan:`",
            );
        }
        if rf.zone == RiskZone::High && r.review.is_none_or(|v| v == c.d) {
            f.add(
                Rule::RiskReviewMissing,
                &c.p.file,
                id_at,
                &c.p.id,
                format!(
                    "{name} is high (score {}) with no review planned after {}",
                    rf.score, c.d
                ),
                "add `review: <date>` for its next review",
            );
        }
        if rf.review_overdue {
            let at = locate::field_near(c.src, r.id.line, "review");
            f.add(
                Rule::RiskReviewOverdue,
                &c.p.file,
                at,
                &c.p.id,
                format!(
                    "{name} was due for review on {}",
                    r.review.map(|v| v.to_string()).unwrap_or_default()
                ),
                "review the risk and set the next `review:` date, or close it",
            );
        }
    }
}

/// `issue-overdue`, `issue-owner-missing`: open issues only.
fn issues(f: &mut Findings<'_>, c: &Ctx<'_>) {
    for (is, fig) in c.p.data.issues.iter().zip(&c.pf.issues) {
        if !fig.exists || fig.closed.is_some() {
            continue;
        }
        let name = format!("issue {} of `{}`", *is.id, c.p.id);
        if fig.overdue {
            f.add(
                Rule::IssueOverdue,
                &c.p.file,
                locate::field_near(c.src, is.id.line, "due"),
                &c.p.id,
                format!(
                    "{name} is open past its due date {}",
                    is.due.map(|v| v.to_string()).unwrap_or_default()
                ),
                "resolve it and set `closed:`, or agree a new `due:` date",
            );
        }
        if is.owner.as_ref().is_none_or(|o| o.value.trim().is_empty()) {
            f.add(
                Rule::IssueOwnerMissing,
                &c.p.file,
                (is.id.line, is.id.column),
                &c.p.id,
                format!("{name} has no owner"),
                "add `owner: <person id>` to the issue",
            );
        }
    }
}

/// `milestone-after-finish`, `milestone-missed`.
fn milestones(f: &mut Findings<'_>, c: &Ctx<'_>) {
    let finish = c.pf.metrics.schedule.forecast_finish;
    for (m, mf) in c.p.data.milestones.iter().zip(&c.pf.milestones) {
        if mf.actual.is_some() {
            continue;
        }
        if let (Some(due), Some(finish)) = (mf.due, finish)
            && due > finish
        {
            let key = if m.forecast.is_some() {
                "forecast"
            } else {
                "baseline"
            };
            f.add(
                Rule::MilestoneAfterFinish,
                &c.p.file,
                locate::item_field(c.src, "milestones", m.index, key),
                &c.p.id,
                format!(
                    "milestone \"{}\" of `{}` is due {due}, after the project's forecast finish {finish}",
                    m.name, c.p.id
                ),
                "update the milestone's `forecast` or the project's `forecast.finish`",
            );
        }
        if mf.state == MilestoneState::Missed && !c.closed() {
            f.add(
                Rule::MilestoneMissed,
                &c.p.file,
                locate::item_field(c.src, "milestones", m.index, "baseline"),
                &c.p.id,
                format!(
                    "milestone \"{}\" of `{}` was due {} and has no actual date",
                    m.name,
                    c.p.id,
                    m.baseline.map(|v| v.to_string()).unwrap_or_default()
                ),
                "record `actual:` when it is reached, and its `forecast` until then",
            );
        }
    }
}

/// `closed-without-actuals`, `closed-without-lessons`, `closed-milestones-open`.
fn closed(f: &mut Findings<'_>, c: &Ctx<'_>) {
    if !c.closed() {
        return;
    }
    let d = &c.p.data;
    if !d.actuals.iter().any(|a| a.date <= c.d) {
        f.add(
            Rule::ClosedWithoutActuals,
            &c.p.file,
            c.phase_at(),
            &c.p.id,
            format!("closed project `{}` records no actual cost", c.p.id),
            "add the final cumulative cost under `actuals:`",
        );
    }
    let named = f.site.pages.iter().any(|page| {
        page.top_section() == "lessons"
            && !page.is_index
            && page
                .meta
                .project
                .as_ref()
                .is_some_and(|r| r.value == c.p.id)
    });
    if !named {
        f.add(
            Rule::ClosedWithoutLessons,
            &c.p.file,
            c.phase_at(),
            &c.p.id,
            format!("no lesson names closed project `{}`", c.p.id),
            &format!(
                "write a lesson under content/lessons/ with `project: {}`",
                c.p.id
            ),
        );
    }
    let open: Vec<&crate::model::Milestone> =
        d.milestones.iter().filter(|m| m.actual.is_none()).collect();
    if let Some(first) = open.first().map(|m| m.index) {
        let names: Vec<String> = open.iter().map(|m| format!("\"{}\"", m.name)).collect();
        f.add(
            Rule::ClosedMilestonesOpen,
            &c.p.file,
            locate::item(c.src, "milestones", first)
                .map(|l| (l, 1))
                .unwrap_or_else(|| c.phase_at()),
            &c.p.id,
            format!(
                "closed project `{}` has {} milestone(s) without an actual date: {}",
                c.p.id,
                open.len(),
                names.join(", ")
            ),
            "record each milestone's `actual:` date, or remove the milestones that were dropped",
        );
    }
}

/// `over-allocation`: one finding per person and run of consecutive months
/// above the tolerance, at that person's allocation in the first project
/// loading them in the run.
pub(super) fn over_allocation(f: &mut Findings<'_>, figures: &Figures) {
    if !f.on(Rule::OverAllocation) {
        return;
    }
    for (person, load) in &figures.people {
        let red: Vec<(&String, f64, Vec<&str>)> = load
            .months
            .iter()
            .filter(|(_, m)| m.level == LoadLevel::Red)
            .map(|(k, m)| {
                let ids = m.load.projects.iter().map(|(id, _)| id.as_str()).collect();
                (k, m.load.percent, ids)
            })
            .collect();
        let mut runs: Vec<Vec<&(&String, f64, Vec<&str>)>> = Vec::new();
        for m in &red {
            match runs.last_mut() {
                Some(run) if run.last().is_some_and(|prev| next_month(prev.0) == *m.0) => {
                    run.push(m);
                }
                _ => runs.push(vec![m]),
            }
        }
        for run in runs {
            let (Some(first), Some(last)) = (run.first(), run.last()) else {
                continue;
            };
            let peak = run.iter().map(|m| m.1).fold(0.0, f64::max);
            let projects: BTreeSet<&str> = run.iter().flat_map(|m| m.2.iter().copied()).collect();
            let months = if first.0 == last.0 {
                first.0.clone()
            } else {
                format!("{} – {}", first.0, last.0)
            };
            let Some((file, id, at)) = projects.iter().find_map(|id| {
                let p = f.site.project(id)?;
                let a = p
                    .data
                    .allocations
                    .iter()
                    .find(|a| a.person.value == *person)?;
                Some((
                    p.file.clone(),
                    p.id.clone(),
                    (
                        a.person.referenced.line() as usize,
                        a.person.referenced.column() as usize,
                    ),
                ))
            }) else {
                continue;
            };
            let names: Vec<&str> = projects.into_iter().collect();
            f.add(
                Rule::OverAllocation,
                &file,
                at,
                &id,
                format!(
                    "{person} is loaded up to {peak:.0} % in {months}, above the tolerance of {:.0} %: {}",
                    load.limits.tolerance,
                    names.join(", ")
                ),
                "rebalance the allocations of these projects, or correct the person's capacity",
            );
        }
    }
}

/// The month after `YYYY-MM`.
fn next_month(key: &str) -> String {
    let (y, m) = key.split_once('-').unwrap_or((key, "1"));
    let (y, m): (i32, u32) = (y.parse().unwrap_or(0), m.parse().unwrap_or(1));
    if m >= 12 {
        format!("{:04}-01", y + 1)
    } else {
        format!("{y:04}-{:02}", m + 1)
    }
}
