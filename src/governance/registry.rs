//! What folio knows about each [`Rule`]: its default severity, whether
//! `rules:` in `folio.yaml` may change it, and the explanation `folio check
//! --explain ID` prints. The one-line summary is the rule's doc comment
//! ([`Rule::summary`]).

use std::collections::BTreeMap;

use crate::config::RuleSeverity;
use crate::error::{Diagnostic, Rule, Severity, did_you_mean};
use crate::model::At;

/// The severity a rule has when `rules:` does not set one.
pub fn default_severity(rule: Rule) -> Severity {
    use Rule::*;
    match rule {
        AudienceRaised | BrokenLink | DuplicateOutput | LinkOutsideSite | OutputAsInput
        | ReportCollision | SearchPage | StaticCollision | UnknownKey => Severity::Warning,
        ManagerMissing | SponsorMissing | BaselineMissing | StatusStale | RagDisagrees
        | RecoveryPlanMissing | RiskOwnerMissing | RiskResponseMissing | RiskReviewMissing
        | RiskReviewOverdue | IssueOverdue | MilestoneAfterFinish | OverAllocation
        | ClosedWithoutActuals | ClosedMilestonesOpen | DependencyLate => Severity::Warning,
        IssueOwnerMissing | MilestoneMissed | ClosedWithoutLessons | ForecastUndated => {
            Severity::Info
        }
        _ => Severity::Error,
    }
}

/// Whether `rules:` may change the rule's severity. The rules that mean
/// folio cannot read or place the input (YAML, encodings, templates, values
/// out of range, audiences, …) cannot be changed: a build past them would
/// be wrong, not merely incomplete.
pub fn adjustable(rule: Rule) -> bool {
    use Rule::*;
    matches!(
        rule,
        AudienceRaised
            | BrokenLink
            | DuplicateId
            | DuplicateOutput
            | LinkOutsideSite
            | MissingTemplateDownload
            | ReportCollision
            | SearchPage
            | StaticCollision
            | UnknownKey
            | UnknownPerson
            | UnknownProgramme
            | UnknownProject
            | UnknownMilestone
    ) || is_governance(rule)
}

/// The rules checked on the assembled site and its figures (`governance::run`).
pub fn is_governance(rule: Rule) -> bool {
    use Rule::*;
    matches!(
        rule,
        ManagerMissing
            | SponsorMissing
            | BaselineMissing
            | StatusStale
            | RagDisagrees
            | RecoveryPlanMissing
            | RiskOwnerMissing
            | RiskResponseMissing
            | RiskReviewMissing
            | RiskReviewOverdue
            | IssueOverdue
            | IssueOwnerMissing
            | MilestoneAfterFinish
            | MilestoneMissed
            | OverAllocation
            | ClosedWithoutActuals
            | ClosedWithoutLessons
            | ClosedMilestonesOpen
            | ForecastUndated
            | DependencyLate
    )
}

/// Why the rule matters and how to fix what it finds.
pub fn explain(rule: Rule) -> &'static str {
    use Rule::*;
    match rule {
        ManagerMissing => {
            "Every project needs one accountable project manager: status reports, risks and escalations go to them. Add `manager: <person id>` to the project file."
        }
        SponsorMissing => {
            "A project without a sponsor has nobody to take decisions above the project manager's tolerance or to own the business case. Add `sponsor: <person id>`."
        }
        BaselineMissing => {
            "Past initiation a project must have an approved baseline (start, finish, budget); without it folio cannot compute PV, EV, CPI, SPI or the computed health, and the project is left out of the portfolio ratios. Add `baseline: { start, finish, budget }`, or set `phase: initiation` if it is not approved yet."
        }
        StatusStale => {
            "The PMO publishes monthly (or quarterly, `reporting.period`): a project whose latest status is older than the last complete reporting period shows an out-of-date RAG and percent complete on every page. Add a `status:` entry dated within that period. Projects not started by D and closed projects are not checked."
        }
        RagDisagrees => {
            "The project manager reports one RAG and the figures (CPI, SPI, slip, overrun against the thresholds) compute another. Either the report is optimistic or the data (actuals, percent complete, forecast) is out of date. Correct the data, or explain the difference in the status summary and report the RAG the figures support."
        }
        RecoveryPlanMissing => {
            "A red project, reported or computed, must say how it gets back on track: actions, owner and dates. Add `recovery_plan:` to the project file."
        }
        RiskOwnerMissing => {
            "A risk nobody owns is a risk nobody manages. Give each open risk an `owner` (a person id)."
        }
        RiskResponseMissing => {
            "An open risk needs a chosen response (avoid, transfer, mitigate, accept) so the register shows what is being done about it. Add `response:` (and a `plan:`)."
        }
        RiskReviewMissing => {
            "A high risk (score at or above `thresholds.risk_score.high`) must have its next review planned. Add `review: <date after D>` to the risk."
        }
        RiskReviewOverdue => {
            "The risk's review date has passed while it is still open: its score and plan may be out of date. Review it, then move `review:` to the next review date, or close the risk (`status: closed`, `closed: <date>`)."
        }
        IssueOverdue => {
            "An open issue is past its due date. Resolve it and set `closed:`, or agree a new `due:` date."
        }
        IssueOwnerMissing => {
            "An open issue without an owner is not being worked on. Add `owner: <person id>`."
        }
        MilestoneAfterFinish => {
            "A milestone forecast after the project's forecast finish means one of the two dates is wrong: the plan cannot finish before its own milestones. Update the milestone's `forecast` or the project's `forecast.finish`."
        }
        MilestoneMissed => {
            "The milestone's baseline date has passed without an actual date. Record `actual:` when it is reached; the milestone counts as missed on the project page and in the reports until then."
        }
        OverAllocation => {
            "Someone is loaded above `thresholds.allocation_percent.tolerance` (scaled by their capacity) in these months, across the projects named: the plans of those projects cannot all hold. Rebalance the `allocations:` of the projects, or raise the person's capacity if it is wrong."
        }
        ClosedWithoutActuals => {
            "A closed project must record what it cost: without actuals its CPI and cost variance are n/a and the portfolio totals undercount. Add the final cumulative cost under `actuals:`."
        }
        ClosedWithoutLessons => {
            "The PMO collects lessons from every closed project. Write a page in content/lessons/ with `project: <id>` (the `folio new lesson` command starts one)."
        }
        ClosedMilestonesOpen => {
            "A closed project with milestones that have no actual date leaves them open (or missed) forever. Record each milestone's `actual:` date, or remove the milestones that were dropped."
        }
        ForecastUndated => {
            "A `forecast:` written as one mapping without a date is today's forecast, and folio must apply it to every past date too: the report of a month before the forecast was made already shows it. Write the forecast as a dated list, adding an entry each time it changes: `forecast: [ { date: 2026-03-31, finish: … }, { date: 2026-09-30, finish: …, cost: … } ]`."
        }
        DependencyLate => {
            "This project needs a milestone of another project by `needed_by`, and as of D that milestone is not delivered and either forecast after that date (at risk) or the date has passed (late). Agree a new date with the providing project and change `needed_by`, re-plan the work that waits on it, or record the milestone's `actual:` if it was delivered. The finding appears on both projects."
        }
        UnknownMilestone => {
            "A dependency names a milestone the providing project does not list, so folio cannot tell when it will be delivered. Use the milestone's exact `name:` from that project's file."
        }
        UnknownRule => {
            "`rules:` in folio.yaml sets the severity of rules by id; an id folio does not know is a typo that would silently change nothing. Use an id from `folio check --list`."
        }
        BrokenLink => {
            "A Markdown link to a page, section or static file that is not in the site is a dead end for readers. Fix the path (relative to the page, ending in .md), or remove the link. A link to a page that exists but is not in this build's audience is written as plain text and not reported."
        }
        UnknownPerson => {
            "A person id in project or programme data that data/people.* does not define: pages cannot show who it is, and loads cannot be checked against capacity. Fix the id, or add the person."
        }
        UnknownProject => {
            "A page names a project id that has no data/projects/<id>.yaml. Fix the id (the file name is the id)."
        }
        UnknownProgramme => {
            "A project names a programme that data/programmes.yaml does not define. Fix the id, or add the programme."
        }
        DuplicateId => {
            "Two people, programmes, risks or issues share one id, so references to it are ambiguous. Give each its own id."
        }
        MissingTemplateDownload => {
            "A methodology page lists a template download that is not under static/. Put the file there and write its path as static/<path>."
        }
        _ => "",
    }
}

/// The severity `rule` has in this build: the `rules:` override, else the
/// default; `None` when the rule is `off`.
pub fn severity(rules: &BTreeMap<At<String>, RuleSeverity>, rule: Rule) -> Option<Severity> {
    let set = rules
        .iter()
        .find(|(id, _)| id.as_str() == rule.as_str())
        .map(|(_, s)| *s);
    match set {
        _ if !adjustable(rule) => Some(default_severity(rule)),
        None => Some(default_severity(rule)),
        Some(RuleSeverity::Error) => Some(Severity::Error),
        Some(RuleSeverity::Warning) => Some(Severity::Warning),
        Some(RuleSeverity::Info) => Some(Severity::Info),
        Some(RuleSeverity::Off) => None,
    }
}

/// Applies `rules:` to diagnostics made at their default severity: changes
/// the severity of adjustable rules, drops the ones set to `off`.
pub fn apply_overrides(rules: &BTreeMap<At<String>, RuleSeverity>, diags: &mut Vec<Diagnostic>) {
    if rules.is_empty() {
        return;
    }
    diags.retain_mut(|d| {
        if !adjustable(d.rule) {
            return true;
        }
        match severity(rules, d.rule) {
            Some(s) => {
                d.severity = s;
                true
            }
            None => false,
        }
    });
}

/// Checks the ids of `rules:`; `source` is folio.yaml's text.
pub fn check_overrides(
    rules: &BTreeMap<At<String>, RuleSeverity>,
    source: &str,
) -> Vec<Diagnostic> {
    let ids: Vec<&str> = Rule::ALL.iter().map(|r| r.as_str()).collect();
    let mut out = Vec::new();
    for id in rules.keys() {
        let file = crate::config::CONFIG_FILE;
        match Rule::from_id(id) {
            Some(rule) if adjustable(rule) => {}
            Some(rule) => out.push(
                Diagnostic::error(
                    Rule::UnknownRule,
                    file,
                    format!("the severity of `{rule}` cannot be changed"),
                )
                .at(source, id.line, id.column)
                .with_hint(format!(
                    "`{rule}` means folio cannot read the input; `folio check --list` shows which rules `rules:` can set"
                )),
            ),
            None => {
                let hint = match did_you_mean(id, &ids) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "`folio check --list` lists every rule id".to_string(),
                };
                out.push(
                    Diagnostic::error(Rule::UnknownRule, file, format!("unknown rule `{}`", **id))
                        .at(source, id.line, id.column)
                        .with_hint(hint),
                );
            }
        }
    }
    out
}
