//! [`Rule`]: the stable id of every kind of problem folio reports. The
//! string form (`duplicate-id`, `broken-link`, …) is what users see in
//! `error[…]`, in `check --format json` and in `docs/rules.md`; it must not
//! change once released.

use std::fmt;

macro_rules! rules {
    ($($(#[doc = $doc:literal])* $variant:ident = $id:literal,)*) => {
        /// What kind of problem a [`Diagnostic`](super::Diagnostic) is.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Rule {
            /// Every rule, in the order of `docs/rules.md`.
            pub const ALL: &[Rule] = &[$(Rule::$variant),*];

            /// The stable id.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Rule::$variant => $id,)*
                }
            }

            /// What the rule checks, in one line (its doc comment).
            pub fn summary(self) -> &'static str {
                match self {
                    $(Rule::$variant => concat!($($doc),*).trim_ascii_start(),)*
                }
            }

            /// The rule with stable id `id`.
            pub fn from_id(id: &str) -> Option<Rule> {
                match id {
                    $($id => Some(Rule::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

rules! {
    /// An `aliases` entry that is not a usable path or collides with a page.
    Alias = "alias",
    /// A page's own `audience` is lower than its section's; it is raised.
    AudienceRaised = "audience-raised",
    /// A Markdown link to a page, section or static file that is not there.
    BrokenLink = "broken-link",
    /// `folio.yaml` (or the theme it names) is wrong.
    Config = "config",
    /// `people.csv` cannot be read as CSV or has an unknown column.
    Csv = "csv",
    /// Two people or two programmes with one id.
    DuplicateId = "duplicate-id",
    /// A page at the path of a page folio generates (`projects/`, `risks/`, …); the generated one is kept.
    DuplicateOutput = "duplicate-output",
    /// Two pages with one URL (same folder and slug).
    DuplicatePageUrl = "duplicate-page-url",
    /// Both `data/people.yaml` and `data/people.csv` exist.
    DuplicatePeopleFile = "duplicate-people-file",
    /// Two project files with one id (`apollo.yaml` and `apollo.yml`).
    DuplicateProjectFile = "duplicate-project-file",
    /// A file is not valid UTF-8 (or not in the configured CSV encoding).
    Encoding = "encoding",
    /// A file is larger than folio reads.
    FileTooLarge = "file-too-large",
    /// A page's front matter is missing or not closed.
    FrontMatter = "front-matter",
    /// A person or programme id that cannot be used in a URL.
    InvalidId = "invalid-id",
    /// A value out of range: scores, percentages, money, capacity, date order.
    InvalidValue = "invalid-value",
    /// A file that exists cannot be read.
    Io = "io",
    /// A link under the site that leads outside the site root.
    LinkOutsideSite = "link-outside-site",
    /// A `templates:` download that is not under `static/`.
    MissingTemplateDownload = "template-download-missing",
    /// A page without `title`.
    MissingTitle = "missing-title",
    /// A folder that is a folio output, found where sources are read.
    OutputAsInput = "output-as-input",
    /// A project file name that cannot be used as a project id.
    ProjectId = "project-id",
    /// A project file in a sub-folder of `data/projects/`.
    ProjectFileNested = "project-file-nested",
    /// A page in `content/reports/` at the path of a generated report.
    ReportCollision = "report-collision",
    /// A page at `search/`, where the generated search page goes.
    SearchPage = "search-page",
    /// A shortcode `{{ name(…) }}` that is unknown, has an unknown or wrong argument, or names an unknown id.
    Shortcode = "shortcode",
    /// A file under `static/` at the path of a generated page.
    StaticCollision = "static-collision",
    /// A template that does not parse or fails to render.
    Template = "template",
    /// A text value longer than folio accepts.
    TextTooLong = "text-too-long",
    /// An `audience` not listed in `folio.yaml`.
    UnknownAudience = "unknown-audience",
    /// A UI-string key in `i18n/` that the theme does not use.
    UnknownKey = "unknown-key",
    /// A person id that `data/people.*` does not define.
    UnknownPerson = "unknown-person",
    /// A programme id that `data/programmes.yaml` does not define.
    UnknownProgramme = "unknown-programme",
    /// A project id with no `data/projects/<id>.yaml`.
    UnknownProject = "unknown-project",
    /// A dependency on a milestone the providing project does not have.
    UnknownMilestone = "unknown-milestone",
    /// YAML that does not parse or does not fit the expected shape.
    Yaml = "yaml",
    // Governance rules (`src/governance/`): the PMO's rules on the data,
    // checked on the assembled site and its figures as of D.
    /// A project without a `manager`.
    ManagerMissing = "manager-missing",
    /// A project without a `sponsor`.
    SponsorMissing = "sponsor-missing",
    /// A project past initiation without a `baseline`.
    BaselineMissing = "baseline-missing",
    /// A running project with no status dated within the last reporting period that ends at or before D.
    StatusStale = "status-stale",
    /// The reported RAG in force differs from the computed overall health.
    RagDisagrees = "rag-disagrees",
    /// A project red (reported or computed) without a `recovery_plan`.
    RecoveryPlanMissing = "recovery-plan-missing",
    /// An open risk without an `owner`.
    RiskOwnerMissing = "risk-owner-missing",
    /// An open risk without a `response`.
    RiskResponseMissing = "risk-response-missing",
    /// A high open risk without a `review` date after D.
    RiskReviewMissing = "risk-review-missing",
    /// An open risk whose `review` date is before D.
    RiskReviewOverdue = "risk-review-overdue",
    /// An open issue past its `due` date.
    IssueOverdue = "issue-overdue",
    /// An open issue without an `owner`.
    IssueOwnerMissing = "issue-owner-missing",
    /// A milestone forecast after the project's forecast finish.
    MilestoneAfterFinish = "milestone-after-finish",
    /// A milestone whose baseline date has passed without an actual date.
    MilestoneMissed = "milestone-missed",
    /// A person loaded above `allocation_percent.tolerance` in a run of months.
    OverAllocation = "over-allocation",
    /// A closed project with no actual cost recorded.
    ClosedWithoutActuals = "closed-without-actuals",
    /// A closed project that no lesson names.
    ClosedWithoutLessons = "closed-without-lessons",
    /// A closed project with milestones that have no actual date.
    ClosedMilestonesOpen = "closed-milestones-open",
    /// A `forecast` written as one undated mapping: past reports use today's forecast.
    ForecastUndated = "forecast-undated",
    /// A dependency not delivered by its `needed_by` date, or forecast after it.
    DependencyLate = "dependency-late",
    /// A `rules:` entry in `folio.yaml` that names no rule or cannot be changed.
    UnknownRule = "unknown-rule",
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl PartialEq<&str> for Rule {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::Rule;

    #[test]
    fn ids_are_unique_kebab_case_and_documented() {
        let docs = include_str!("../../docs/rules.md");
        let mut seen = std::collections::HashSet::new();
        for rule in Rule::ALL {
            let id = rule.as_str();
            assert!(seen.insert(id), "{id} twice");
            assert!(
                id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{id}"
            );
            assert!(
                docs.contains(&format!("| `{id}` |")),
                "{id} not in docs/rules.md"
            );
        }
        assert_eq!(Rule::DuplicateId.to_string(), "duplicate-id");
        assert_eq!(
            serde_json::to_string(&Rule::BrokenLink).unwrap(),
            "\"broken-link\""
        );
    }
}
