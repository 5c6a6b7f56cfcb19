//! Pure portfolio calculations (SPEC 3.4): earned value, schedule slip,
//! computed health, risk zones, resource load and roll-ups. Nothing here
//! reads files or the clock: the as-of date D is always a parameter, and
//! data dated after D is ignored. Undefined values are `None` ("n/a"),
//! never NaN or infinity.

pub mod changes;
pub mod es;
pub mod evm;
pub mod figures;
pub mod health;
pub mod load;
pub mod milestone;
pub mod periods;
pub mod portfolio;
pub mod raid;
pub mod risk;
mod rollup;
pub mod scurve;
#[cfg(test)]
mod testing;

pub use es::{EarnedSchedule, earned_schedule};
pub use evm::{EarnedValue, Schedule, earned_value, milestone_slip, schedule};
pub use figures::{Figures, RollUp};
pub use health::{Health, health};
pub use load::{LoadLevel, LoadLimits, MonthLoad, load_by_person, load_level};
pub use portfolio::{ProjectMetrics, Totals, project_metrics, totals};
pub use risk::{RiskZone, risk_is_open, risk_score, risk_zone};

/// `a / b`, or `None` when either is undefined or `b` is zero.
pub fn ratio(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) if b != 0.0 => Some(a / b).filter(|v| v.is_finite()),
        _ => None,
    }
}

/// Floating-point tolerance for threshold comparisons: a value that is
/// mathematically at a threshold must count as at it, even if the division
/// that produced it landed one ulp off.
const EPS: f64 = 1e-9;

/// `value < threshold`, where "exactly at" is not below.
pub fn below(value: f64, threshold: f64) -> bool {
    value < threshold - EPS * threshold.abs().max(1.0)
}

/// `value >= threshold`, where "exactly at" counts.
pub fn at_or_above(value: f64, threshold: f64) -> bool {
    !below(value, threshold)
}

/// `value > threshold`, where "exactly at" is not above.
pub fn above(value: f64, threshold: f64) -> bool {
    value > threshold + EPS * threshold.abs().max(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_is_na_on_zero_or_missing() {
        assert_eq!(ratio(Some(1.0), Some(0.0)), None);
        assert_eq!(ratio(None, Some(2.0)), None);
        assert_eq!(ratio(Some(1.0), Some(4.0)), Some(0.25));
    }

    #[test]
    fn thresholds_compare_exactly_at_the_boundary() {
        assert!(!below(0.95, 0.95));
        assert!(!below(0.95 - 1e-13, 0.95), "one ulp under is still at");
        assert!(below(0.9499, 0.95));
        assert!(at_or_above(10.0, 10.0));
        assert!(!above(100.0, 100.0));
        assert!(above(100.01, 100.0));
    }
}
