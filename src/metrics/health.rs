//! Computed health (SPEC 3.4): schedule from SPI and slip %, cost from CPI
//! and overrun %, overall the worse of the two. Rules with an n/a input are
//! skipped; a dimension with every rule skipped is n/a.

use serde::Serialize;

use crate::config::{PercentThreshold, RatioThreshold, SpiBasis, Thresholds};
use crate::model::Rag;

use super::{EarnedSchedule, EarnedValue, Schedule, at_or_above, below};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Health {
    pub schedule: Option<Rag>,
    pub cost: Option<Rag>,
    pub overall: Option<Rag>,
}

/// Lower is worse: below `amber` is amber, below `red` is red.
pub fn ratio_rule(value: Option<f64>, t: RatioThreshold) -> Option<Rag> {
    let v = value?;
    Some(if below(v, t.red) {
        Rag::Red
    } else if below(v, t.amber) {
        Rag::Amber
    } else {
        Rag::Green
    })
}

/// Higher is worse: at or above `amber` is amber, at or above `red` is red.
pub fn percent_rule(value: Option<f64>, t: PercentThreshold) -> Option<Rag> {
    let v = value?;
    Some(if at_or_above(v, t.red) {
        Rag::Red
    } else if at_or_above(v, t.amber) {
        Rag::Amber
    } else {
        Rag::Green
    })
}

/// The worse of the defined values (Rag orders Green < Amber < Red).
fn worst(a: Option<Rag>, b: Option<Rag>) -> Option<Rag> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// The SPI the schedule health reads: SPI(t) or EV / PV (`thresholds.spi_basis`).
pub fn schedule_spi(ev: &EarnedValue, es: &EarnedSchedule, basis: SpiBasis) -> Option<f64> {
    match basis {
        SpiBasis::Time => es.spi_t,
        SpiBasis::Cost => ev.spi,
    }
}

/// Computed health; every value is n/a when the project has no baseline.
pub fn health(
    ev: &EarnedValue,
    es: &EarnedSchedule,
    sched: &Schedule,
    has_baseline: bool,
    t: &Thresholds,
) -> Health {
    if !has_baseline {
        return Health::default();
    }
    let spi = schedule_spi(ev, es, t.spi_basis);
    let schedule = worst(
        ratio_rule(spi, t.spi),
        percent_rule(sched.slip_percent, t.slip_percent),
    );
    let cost = worst(
        ratio_rule(ev.cpi, t.cpi),
        percent_rule(ev.overrun_percent, t.cost_overrun_percent),
    );
    Health {
        schedule,
        cost,
        overall: worst(schedule, cost),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(spi: Option<f64>, cpi: Option<f64>, overrun: Option<f64>) -> EarnedValue {
        EarnedValue {
            spi,
            cpi,
            overrun_percent: overrun,
            ..EarnedValue::default()
        }
    }

    /// Health with SPI(t) equal to SPI, so the tests hold on either basis.
    fn check(ev: &EarnedValue, s: &Schedule, has_baseline: bool, t: &Thresholds) -> Health {
        let es = EarnedSchedule {
            spi_t: ev.spi,
            ..EarnedSchedule::default()
        };
        health(ev, &es, s, has_baseline, t)
    }

    #[test]
    fn spi_basis_chooses_which_spi_the_schedule_reads() {
        // A project that finished late: SPI back at 1.00, SPI(t) 0.83.
        let ev = ev(Some(1.0), None, None);
        let es = EarnedSchedule {
            spi_t: Some(0.83),
            ..EarnedSchedule::default()
        };
        let time = Thresholds::default();
        assert_eq!(
            health(&ev, &es, &slip(None), true, &time).schedule,
            Some(Rag::Red)
        );
        let cost = Thresholds {
            spi_basis: SpiBasis::Cost,
            ..Thresholds::default()
        };
        assert_eq!(
            health(&ev, &es, &slip(None), true, &cost).schedule,
            Some(Rag::Green)
        );
    }

    fn slip(p: Option<f64>) -> Schedule {
        Schedule {
            slip_percent: p,
            ..Schedule::default()
        }
    }

    #[test]
    fn exactly_at_threshold_is_not_below_it() {
        let t = Thresholds::default();
        let h = check(
            &ev(Some(0.95), Some(0.90), Some(0.0)),
            &slip(Some(0.0)),
            true,
            &t,
        );
        assert_eq!(h.schedule, Some(Rag::Green), "SPI 0.95 is not below 0.95");
        assert_eq!(
            h.cost,
            Some(Rag::Amber),
            "CPI 0.90 is below 0.95 but not below 0.90"
        );
        assert_eq!(h.overall, Some(Rag::Amber));
    }

    #[test]
    fn percent_rules_trigger_at_the_threshold() {
        let t = Thresholds::default();
        let h = check(
            &ev(Some(1.0), Some(1.0), Some(20.0)),
            &slip(Some(10.0)),
            true,
            &t,
        );
        assert_eq!(h.schedule, Some(Rag::Amber));
        assert_eq!(h.cost, Some(Rag::Red));
        assert_eq!(h.overall, Some(Rag::Red));
        let h = check(
            &ev(Some(1.0), Some(1.0), Some(9.99)),
            &slip(Some(-5.0)),
            true,
            &t,
        );
        assert_eq!(h.overall, Some(Rag::Green));
    }

    #[test]
    fn worst_rule_wins_within_a_dimension() {
        let t = Thresholds::default();
        let h = check(
            &ev(Some(0.89), Some(1.2), Some(-10.0)),
            &slip(Some(0.0)),
            true,
            &t,
        );
        assert_eq!(h.schedule, Some(Rag::Red));
        assert_eq!(h.cost, Some(Rag::Green));
    }

    #[test]
    fn na_inputs_skip_rules_and_dimensions() {
        let t = Thresholds::default();
        // SPI n/a (PV zero) but slip known: schedule from slip alone.
        let h = check(&ev(None, None, None), &slip(Some(25.0)), true, &t);
        assert_eq!(h.schedule, Some(Rag::Red));
        assert_eq!(h.cost, None);
        assert_eq!(h.overall, Some(Rag::Red));
        let h = check(&ev(None, None, None), &slip(None), true, &t);
        assert_eq!(h, Health::default());
    }

    #[test]
    fn no_baseline_is_all_na() {
        let t = Thresholds::default();
        let h = check(
            &ev(Some(0.5), Some(0.5), Some(50.0)),
            &slip(Some(50.0)),
            false,
            &t,
        );
        assert_eq!(h, Health::default());
    }

    #[test]
    fn custom_thresholds_apply() {
        let t = Thresholds {
            cpi: RatioThreshold {
                amber: 1.0,
                red: 0.8,
            },
            ..Thresholds::default()
        };
        let h = check(&ev(None, Some(0.99), None), &slip(None), true, &t);
        assert_eq!(h.cost, Some(Rag::Amber));
    }
}
