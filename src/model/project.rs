//! A project as the PMO records it in `data/projects/<id>.yaml` (SPEC 3.3).
//! These types deserialize straight from YAML; references to people and
//! programmes keep their source location so validation can point at them.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use std::collections::BTreeMap;

use super::At;
use super::dates;
use super::versions::{Dated, Versions};

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

/// A baseline version: one mapping, or one of a dated list (re-baselining).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// The day this version applies from (required in a list).
    #[serde(default, deserialize_with = "dates::opt_date")]
    pub date: Option<Date>,
    #[serde(deserialize_with = "dates::date")]
    pub start: Date,
    #[serde(deserialize_with = "dates::at_date")]
    pub finish: At<Date>,
    pub budget: At<f64>,
    /// This version's planned-value curve; without it the project's
    /// `planned` (for a single mapping) or a straight line (for a dated version).
    #[serde(default)]
    pub planned: Vec<PlannedPoint>,
    /// Why it was re-baselined (Markdown).
    #[serde(default)]
    pub reason: Option<String>,
}

impl Dated for Baseline {
    fn date(&self) -> Option<Date> {
        self.date
    }
}

/// A forecast: one mapping, or one of a dated list (each as decided that day).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Forecast {
    /// The day it was made (required in a list).
    #[serde(default, deserialize_with = "dates::opt_date")]
    pub date: Option<Date>,
    #[serde(default, deserialize_with = "dates::opt_date")]
    pub finish: Option<Date>,
    #[serde(default)]
    pub cost: Option<At<f64>>,
}

impl Dated for Forecast {
    fn date(&self) -> Option<Date> {
        self.date
    }
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
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
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
    /// Milestone name → its forecast as reported that day (milestone trend analysis).
    #[serde(default, deserialize_with = "dates::date_map")]
    pub milestones: BTreeMap<String, At<Date>>,
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

/// A measured value of a benefit.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// The day it was measured (required in a list).
    #[serde(default, deserialize_with = "dates::opt_date")]
    pub date: Option<Date>,
    pub value: At<f64>,
}

impl Dated for Measure {
    fn date(&self) -> Option<Date> {
        self.date
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Benefit {
    pub name: String,
    /// The value the benefit should reach, in `unit`.
    #[serde(default)]
    pub target: Option<At<f64>>,
    #[serde(default)]
    pub unit: Option<String>,
    /// One number (today's, undated) or a list of `{ date, value }`.
    #[serde(default, deserialize_with = "measured")]
    pub measured: Versions<Measure>,
    /// Who may see it (default: everyone who sees the project); above the
    /// build audience it is left out of the build.
    #[serde(default)]
    pub audience: Option<Spanned<String>>,
}

/// Where a decision stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DecisionStatus {
    #[default]
    Proposed,
    Decided,
    Withdrawn,
}

impl DecisionStatus {
    /// The YAML value, also the key suffix of its UI string (`decision_proposed`).
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionStatus::Proposed => "proposed",
            DecisionStatus::Decided => "decided",
            DecisionStatus::Withdrawn => "withdrawn",
        }
    }
}

/// A decision the project needs (the D of RAID).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub id: At<String>,
    pub title: String,
    #[serde(default)]
    pub owner: Option<Spanned<String>>,
    #[serde(default, deserialize_with = "dates::opt_date")]
    pub raised: Option<Date>,
    #[serde(default, deserialize_with = "dates::opt_at_date")]
    pub needed_by: Option<At<Date>>,
    #[serde(default)]
    pub status: DecisionStatus,
    /// The day it was decided or withdrawn; before it, it was proposed.
    #[serde(default, deserialize_with = "dates::opt_date")]
    pub decided: Option<Date>,
    /// What was decided (Markdown).
    #[serde(default)]
    pub outcome: Option<String>,
    #[serde(default)]
    pub audience: Option<Spanned<String>>,
}

/// Where an assumption stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AssumptionStatus {
    #[default]
    Open,
    Validated,
    Invalid,
}

impl AssumptionStatus {
    /// The YAML value, also the key suffix of its UI string (`assumption_open`).
    pub fn as_str(self) -> &'static str {
        match self {
            AssumptionStatus::Open => "open",
            AssumptionStatus::Validated => "validated",
            AssumptionStatus::Invalid => "invalid",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Assumption {
    pub id: At<String>,
    pub title: String,
    #[serde(default)]
    pub owner: Option<Spanned<String>>,
    #[serde(default)]
    pub status: AssumptionStatus,
    #[serde(default)]
    pub audience: Option<Spanned<String>>,
}

/// What this project needs from another project: one of its milestones.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Dependency {
    pub project: Spanned<String>,
    #[serde(default)]
    pub milestone: Option<Spanned<String>>,
    #[serde(deserialize_with = "dates::at_date")]
    pub needed_by: At<Date>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub audience: Option<Spanned<String>>,
}

/// Where a change request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeStatus {
    #[default]
    Proposed,
    Approved,
    Rejected,
}

impl ChangeStatus {
    /// The YAML value, also the key suffix of its UI string (`change_approved`).
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeStatus::Proposed => "proposed",
            ChangeStatus::Approved => "approved",
            ChangeStatus::Rejected => "rejected",
        }
    }
}

/// A change request.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub id: At<String>,
    pub title: String,
    #[serde(default, deserialize_with = "dates::opt_date")]
    pub raised: Option<Date>,
    /// The day it was approved or rejected; before it, it was proposed.
    #[serde(default, deserialize_with = "dates::opt_date")]
    pub decided: Option<Date>,
    #[serde(default)]
    pub status: ChangeStatus,
    #[serde(default)]
    pub cost_impact: Option<At<f64>>,
    #[serde(default)]
    pub schedule_impact_days: Option<At<i64>>,
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
    /// One mapping or a list of dated versions.
    #[serde(default)]
    pub baseline: Versions<Baseline>,
    /// One mapping or a list of dated forecasts.
    #[serde(default)]
    pub forecast: Versions<Forecast>,
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
    #[serde(default)]
    pub decisions: Vec<Decision>,
    #[serde(default)]
    pub assumptions: Vec<Assumption>,
    #[serde(default)]
    pub dependencies: Vec<Dependency>,
    #[serde(default)]
    pub changes: Vec<Change>,
}

impl ProjectData {
    /// The baseline version in force at `d`.
    pub fn baseline_at(&self, d: Date) -> Option<&Baseline> {
        self.baseline.at(d)
    }

    /// The forecast in force at `d`.
    pub fn forecast_at(&self, d: Date) -> Option<&Forecast> {
        self.forecast.at(d)
    }

    /// The planned-value points of baseline version `b`: its own, else the
    /// project's `planned` for a single mapping (a dated version without
    /// points is linear).
    pub fn planned_points<'a>(&'a self, b: &'a Baseline) -> &'a [PlannedPoint] {
        if !b.planned.is_empty() || self.baseline.list {
            &b.planned
        } else {
            &self.planned
        }
    }
}

/// `measured:` as one number (undated, in force at every date) or a list of
/// `{ date, value }`.
fn measured<'de, D: serde::Deserializer<'de>>(de: D) -> Result<Versions<Measure>, D::Error> {
    use serde::de::{Error, SeqAccess, Visitor};
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Versions<Measure>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a number, or a list of `{ date, value }`")
        }
        fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
            Ok(Versions::default())
        }
        fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
            Ok(Versions::default())
        }
        fn visit_f64<E: Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Versions {
                entries: vec![At::bare(Measure {
                    date: None,
                    value: At::bare(v),
                })],
                list: false,
            })
        }
        fn visit_i64<E: Error>(self, v: i64) -> Result<Self::Value, E> {
            self.visit_f64(v as f64)
        }
        fn visit_u64<E: Error>(self, v: u64) -> Result<Self::Value, E> {
            self.visit_f64(v as f64)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut entries = Vec::new();
            while let Some(e) = seq.next_element::<At<Measure>>()? {
                entries.push(e);
            }
            Ok(Versions {
                entries,
                list: true,
            })
        }
    }
    de.deserialize_any(V)
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
