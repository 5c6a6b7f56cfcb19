//! Risk scores (probability × impact on 1–5 scales) and zones.

use jiff::civil::Date;
use serde::Serialize;

use crate::config::RiskThreshold;
use crate::model::{Risk, RiskStatus};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RiskZone {
    Low,
    Medium,
    High,
}

impl RiskZone {
    pub fn as_str(self) -> &'static str {
        match self {
            RiskZone::Low => "low",
            RiskZone::Medium => "medium",
            RiskZone::High => "high",
        }
    }
}

pub fn risk_score(r: &Risk) -> u32 {
    u32::from(*r.probability) * u32::from(*r.impact)
}

/// Low below `medium`, medium below `high`, high at or above `high`.
pub fn risk_zone(score: u32, t: RiskThreshold) -> RiskZone {
    if score >= t.high {
        RiskZone::High
    } else if score >= t.medium {
        RiskZone::Medium
    } else {
        RiskZone::Low
    }
}

/// Whether a risk exists and is open as of `d`: raised on or before D, and
/// not closed by D (a closed risk without a `closed` date counts as closed).
pub fn risk_is_open(r: &Risk, d: Date) -> bool {
    risk_exists(r, d)
        && match r.status {
            RiskStatus::Open => r.closed.is_none_or(|c| c > d),
            RiskStatus::Closed => r.closed.is_some_and(|c| c > d),
        }
}

/// Whether a risk had been raised by `d` (risks without a `raised` date always count).
pub fn risk_exists(r: &Risk, d: Date) -> bool {
    r.raised.is_none_or(|raised| raised <= d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_follow_the_default_thresholds() {
        let t = RiskThreshold {
            medium: 5,
            high: 15,
        };
        assert_eq!(risk_zone(4, t), RiskZone::Low);
        assert_eq!(risk_zone(5, t), RiskZone::Medium);
        assert_eq!(risk_zone(14, t), RiskZone::Medium);
        assert_eq!(risk_zone(15, t), RiskZone::High);
        assert_eq!(risk_zone(25, t), RiskZone::High);
    }

    #[test]
    fn open_as_of_respects_raised_and_closed_dates() {
        let r: Risk = serde_saphyr::from_str("{ id: R1, title: T, probability: 3, impact: 5, status: closed, raised: 2026-02-01, closed: 2026-05-01 }").unwrap();
        assert_eq!(risk_score(&r), 15);
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert!(!risk_is_open(&r, d("2026-01-31")), "not yet raised");
        assert!(
            risk_is_open(&r, d("2026-04-30")),
            "closed after D counts as open"
        );
        assert!(!risk_is_open(&r, d("2026-05-01")));
    }
}
