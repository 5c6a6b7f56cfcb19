//! A project as the PMO records it in `data/projects/<id>.yaml` (SPEC 3.3).
//! These types deserialize straight from YAML; references to people and
//! programmes keep their source location so validation can point at them.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use super::At;
use super::dates;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Rag {
    Green,
    Amber,
    Red,
}

impl Rag {
    pub fn as_str(self) -> &'static str {
        match self {
            Rag::Green => "green",
            Rag::Amber => "amber",
            Rag::Red => "red",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Methodology {
    Waterfall,
    Agile,
    Hybrid,
}

impl Methodology {
    pub fn as_str(self) -> &'static str {
        match self {
            Methodology::Waterfall => "waterfall",
            Methodology::Agile => "agile",
            Methodology::Hybrid => "hybrid",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    Initiation,
    Planning,
    Execution,
    Closing,
    Closed,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Initiation => "initiation",
            Phase::Planning => "planning",
            Phase::Execution => "execution",
            Phase::Closing => "closing",
            Phase::Closed => "closed",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    #[serde(deserialize_with = "dates::date")]
    pub start: Date,
    #[serde(deserialize_with = "dates::at_date")]
    pub finish: At<Date>,
    pub budget: At<f64>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Forecast {
    #[serde(default, deserialize_with = "dates::opt_date")]
    pub finish: Option<Date>,
    #[serde(default)]
    pub cost: Option<At<f64>>,
}

/// Cumulative actual cost at a date.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ActualCost {
    #[serde(deserialize_with = "dates::date")]
    pub date: Date,
    pub cost: At<f64>,
}

/// A point of the planned-value curve.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PlannedPoint {
    #[serde(deserialize_with = "dates::date")]
    pub date: Date,
    pub percent: At<f64>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub name: String,
    #[serde(default, deserialize_with = "dates::opt_date")]
    pub baseline: Option<Date>,
    #[serde(default, deserialize_with = "dates::opt_date")]
    pub forecast: Option<Date>,
    #[serde(default, deserialize_with = "dates::opt_date")]
    pub actual: Option<Date>,
    /// Who may see it (default: everyone who sees the project); above the
    /// build audience it is left out of the build.
    #[serde(default)]
    pub audience: Option<Spanned<String>>,
    /// Its position in the file's `milestones:` list (set when the site is
    /// assembled, before items above the audience are left out).
    #[serde(skip)]
    pub index: usize,
}

/// One entry of the reported status history.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StatusReport {
    #[serde(deserialize_with = "dates::date")]
    pub date: Date,
    pub rag: Rag,
    pub percent_complete: At<f64>,
    #[serde(default)]
    pub summary: Option<String>,
    /// Who may see it (default: everyone who sees the project); above the
    /// build audience it is left out of the build.
    #[serde(default)]
    pub audience: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RiskResponse {
    Avoid,
    Transfer,
    Mitigate,
    Accept,
}

impl RiskResponse {
    /// The YAML value, also the key suffix of its UI string (`response_avoid`).
    pub fn as_str(self) -> &'static str {
        match self {
            RiskResponse::Avoid => "avoid",
            RiskResponse::Transfer => "transfer",
            RiskResponse::Mitigate => "mitigate",
            RiskResponse::Accept => "accept",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RiskStatus {
    #[default]
    Open,
    Closed,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    pub id: At<String>,
    pub title: String,
    pub probability: At<u8>,
    pub impact: At<u8>,
    #[serde(default)]
    pub owner: Option<Spanned<String>>,
    #[serde(default)]
    pub response: Option<RiskResponse>,
    #[serde(default)]
    pub plan: Option<String>,
    #[serde(default, deserialize_with = "dates::opt_date")]
    pub review: Option<Date>,
    #[serde(default)]
    pub status: RiskStatus,
    #[serde(default, deserialize_with = "dates::opt_date")]
    pub raised: Option<Date>,
    #[serde(default, deserialize_with = "dates::opt_date")]
    pub closed: Option<Date>,
    /// Who may see it (default: everyone who sees the project); above the
    /// build audience it is left out of the build.
    #[serde(default)]
    pub audience: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    /// The YAML value, also the key suffix of its UI string (`severity_high`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Issue {
    pub id: At<String>,
    pub title: String,
    pub severity: Severity,
    #[serde(default)]
    pub owner: Option<Spanned<String>>,
    #[serde(default, deserialize_with = "dates::opt_date")]
    pub opened: Option<Date>,
    #[serde(default, deserialize_with = "dates::opt_date")]
    pub due: Option<Date>,
    #[serde(default, deserialize_with = "dates::opt_date")]
    pub closed: Option<Date>,
    /// Who may see it (default: everyone who sees the project); above the
    /// build audience it is left out of the build.
    #[serde(default)]
    pub audience: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Allocation {
    pub person: Spanned<String>,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(deserialize_with = "dates::date")]
    pub from: Date,
    #[serde(deserialize_with = "dates::at_date")]
    pub to: At<Date>,
    pub percent: At<f64>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Benefit {
    pub name: String,
    #[serde(default)]
    pub target: Option<String>,
    #[serde(default)]
    pub measured: Option<String>,
    /// Who may see it (default: everyone who sees the project); above the
    /// build audience it is left out of the build.
    #[serde(default)]
    pub audience: Option<Spanned<String>>,
}

/// The fields of a project file, as written.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectData {
    pub name: String,
    #[serde(default)]
    pub programme: Option<Spanned<String>>,
    #[serde(default)]
    pub manager: Option<Spanned<String>>,
    #[serde(default)]
    pub sponsor: Option<Spanned<String>>,
    #[serde(default)]
    pub methodology: Option<Methodology>,
    pub phase: Phase,
    #[serde(default)]
    pub audience: Option<Spanned<String>>,
    #[serde(default)]
    pub priority: Option<u32>,
    #[serde(default)]
    pub value_score: Option<u32>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub baseline: Option<Baseline>,
    #[serde(default)]
    pub forecast: Option<Forecast>,
    #[serde(default)]
    pub actuals: Vec<ActualCost>,
    #[serde(default)]
    pub planned: Vec<PlannedPoint>,
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    #[serde(default)]
    pub status: Vec<StatusReport>,
    #[serde(default)]
    pub risks: Vec<Risk>,
    #[serde(default)]
    pub issues: Vec<Issue>,
    #[serde(default)]
    pub allocations: Vec<Allocation>,
    #[serde(default)]
    pub recovery_plan: Option<String>,
    #[serde(default)]
    pub benefits: Vec<Benefit>,
}

/// A project: its id (the file stem), where it came from, and its data.
#[derive(Debug, Clone)]
pub struct Project {
    pub id: String,
    /// Site-relative source path, for diagnostics.
    pub file: String,
    pub data: ProjectData,
    /// The resolved audience name.
    pub audience: String,
}

impl Project {
    /// The latest status report dated on or before `as_of`.
    pub fn latest_status(&self, as_of: Date) -> Option<&StatusReport> {
        self.data
            .status
            .iter()
            .filter(|s| s.date <= as_of)
            .max_by_key(|s| s.date)
    }
}

#[cfg(test)]
mod tests {
    use super::{RiskResponse, Severity};

    /// `as_str` builds UI-string keys; it must be the value written in YAML.
    #[test]
    fn as_str_is_the_serialised_value() {
        let json = |v: String| v.trim_matches('"').to_string();
        for r in [
            RiskResponse::Avoid,
            RiskResponse::Transfer,
            RiskResponse::Mitigate,
            RiskResponse::Accept,
        ] {
            assert_eq!(json(serde_json::to_string(&r).unwrap()), r.as_str());
        }
        for s in [
            Severity::Low,
            Severity::Medium,
            Severity::High,
            Severity::Critical,
        ] {
            assert_eq!(json(serde_json::to_string(&s).unwrap()), s.as_str());
        }
    }
}
