//! Earned schedule (SPEC 3.4): the time at which the plan expected the value
//! earned so far. Unlike SPI, which drifts back to 1.00 at the end of every
//! late project (EV and PV both reach BAC), SPI(t) keeps saying how late it is.

use jiff::civil::Date;
use serde::Serialize;

use crate::model::ProjectData;

use super::evm::{PlannedCurve, add_days, days_between};
use super::ratio;

/// Earned-schedule figures as of D; `None` is n/a.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct EarnedSchedule {
    /// The first day on which the plan reaches EV (the finish when EV ≥ BAC).
    pub es_date: Option<Date>,
    /// `es_date` − baseline start.
    pub es_days: Option<i64>,
    /// Actual time: D − baseline start, or, once a status reports 100 %,
    /// that status's date − baseline start.
    pub at_days: Option<i64>,
    /// `es_days` − AT; n/a before the start.
    pub sv_t_days: Option<i64>,
    /// `es_days` / AT; n/a when AT ≤ 0.
    pub spi_t: Option<f64>,
    /// Baseline start + duration / SPI(t), rounded half up to the day.
    pub finish_by_es: Option<Date>,
}

/// The earned schedule of `data` as of `d`, against the baseline in force at `d`.
pub fn earned_schedule(data: &ProjectData, d: Date) -> EarnedSchedule {
    let Some(b) = data.baseline_at(d) else {
        return EarnedSchedule::default();
    };
    let statuses: Vec<_> = {
        let mut v: Vec<_> = data.status.iter().filter(|s| s.date <= d).collect();
        // Stable: of several on one day the last in the file is in force.
        v.sort_by_key(|s| s.date);
        v
    };
    let percent = statuses.last().map_or(0.0, |s| *s.percent_complete);
    let curve = PlannedCurve::of(data, b);
    let es_date = if percent >= 100.0 {
        curve.finish
    } else {
        curve.first_reaching(percent)
    };
    let es_days = days_between(b.start, es_date);
    // Complete: the clock stops at the first report of 100 % in the run of
    // 100 % reports that ends with the one in force.
    let done = if percent >= 100.0 {
        statuses
            .iter()
            .rev()
            .take_while(|s| *s.percent_complete >= 100.0)
            .last()
            .map(|s| s.date)
    } else {
        None
    };
    let at_days = days_between(b.start, done.unwrap_or(d));
    let started = at_days >= 0;
    let spi_t = if at_days > 0 {
        ratio(Some(es_days as f64), Some(at_days as f64))
    } else {
        None
    };
    let duration = days_between(b.start, *b.finish);
    // duration / (es / at), as duration × at / es: one rounding.
    let finish_by_es = spi_t.filter(|s| *s > 0.0).and_then(|_| {
        let days = (duration as f64 * at_days as f64 / es_days as f64 + 0.5).floor();
        (days.is_finite() && days.abs() < 1e6).then(|| add_days(b.start, days as i64))
    });
    EarnedSchedule {
        es_date: Some(es_date),
        es_days: Some(es_days),
        at_days: Some(at_days),
        sv_t_days: started.then_some(es_days - at_days),
        spi_t,
        finish_by_es,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::testing::date;

    fn data(yaml: &str) -> ProjectData {
        serde_saphyr::from_str(yaml).unwrap()
    }

    /// 100 days, 2026-01-01 → 2026-04-11, linear: 1 % a day.
    const LINEAR: &str = "name: A\nphase: execution\nbaseline: { start: 2026-01-01, finish: 2026-04-11, budget: 1000 }\n";

    #[test]
    fn a_late_project_earns_less_time_than_it_spent() {
        // Day 50 (2026-02-20), 40 % done: the plan reached 40 % on day 40.
        let p = data(&format!(
            "{LINEAR}status:\n  - {{ date: 2026-02-20, rag: amber, percent_complete: 40 }}\n"
        ));
        let es = earned_schedule(&p, date("2026-02-20"));
        assert_eq!(es.es_date, Some(date("2026-02-10")));
        assert_eq!(es.es_days, Some(40));
        assert_eq!(es.at_days, Some(50));
        assert_eq!(es.sv_t_days, Some(-10));
        assert_eq!(es.spi_t, Some(0.8));
        // 100 / 0.8 = 125 days after the start.
        assert_eq!(es.finish_by_es, Some(date("2026-05-06")));
    }

    #[test]
    fn es_date_is_the_first_whole_day_the_plan_reaches_ev() {
        // 40.5 % is reached on day 41 (41 %), not day 40 (40 %).
        let p = data(&format!(
            "{LINEAR}status:\n  - {{ date: 2026-02-20, rag: amber, percent_complete: 40.5 }}\n"
        ));
        assert_eq!(earned_schedule(&p, date("2026-02-20")).es_days, Some(41));
    }

    #[test]
    fn spi_t_keeps_saying_late_after_the_planned_finish_where_spi_says_on_time() {
        // Finished on 2026-05-02, three weeks after the planned finish.
        let p = data(&format!(
            "{LINEAR}status:\n  - {{ date: 2026-04-11, rag: amber, percent_complete: 90 }}\n  - {{ date: 2026-05-02, rag: green, percent_complete: 100 }}\n"
        ));
        let d = date("2026-06-30");
        let ev = crate::metrics::earned_value(&p, d);
        assert_eq!(ev.spi, Some(1.0), "SPI drifts back to 1.00");
        let es = earned_schedule(&p, d);
        assert_eq!(es.es_days, Some(100));
        assert_eq!(es.at_days, Some(121), "the clock stops at the 100 % report");
        assert_eq!(es.sv_t_days, Some(-21));
        assert!((es.spi_t.unwrap() - 100.0 / 121.0).abs() < 1e-12);
        assert_eq!(
            es.finish_by_es,
            Some(date("2026-05-02")),
            "the actual finish"
        );
    }

    #[test]
    fn before_the_start_time_figures_are_na() {
        let p = data(LINEAR);
        let es = earned_schedule(&p, date("2025-12-01"));
        assert_eq!(es.es_days, Some(0));
        assert_eq!(
            (es.sv_t_days, es.spi_t, es.finish_by_es),
            (None, None, None)
        );
        let on_start = earned_schedule(&p, date("2026-01-01"));
        assert_eq!(on_start.sv_t_days, Some(0));
        assert_eq!(on_start.spi_t, None, "AT = 0");
    }

    #[test]
    fn nothing_earned_gives_zero_spi_t_and_no_finish() {
        let p = data(LINEAR);
        let es = earned_schedule(&p, date("2026-01-21"));
        assert_eq!(es.es_days, Some(0));
        assert_eq!(es.spi_t, Some(0.0));
        assert_eq!(es.finish_by_es, None, "spi_t = 0");
    }

    #[test]
    fn es_follows_a_planned_curve() {
        // 10 % by day 10, 50 % by day 20, then to 100 % on 2026-12-31.
        let p = data(
            "name: A\nphase: execution\nbaseline: { start: 2026-01-01, finish: 2026-12-31, budget: 100 }\nplanned:\n  - { date: 2026-01-11, percent: 10 }\n  - { date: 2026-01-21, percent: 50 }\nstatus:\n  - { date: 2026-03-01, rag: green, percent_complete: 30 }\n",
        );
        let es = earned_schedule(&p, date("2026-03-01"));
        // 30 % lies halfway between day 10 and day 20.
        assert_eq!(es.es_date, Some(date("2026-01-16")));
    }

    #[test]
    fn no_baseline_no_earned_schedule() {
        let p = data("name: A\nphase: initiation\n");
        assert_eq!(
            earned_schedule(&p, date("2026-03-01")),
            EarnedSchedule::default()
        );
    }
}
