//! Earned value and schedule figures of one project as of D.

use jiff::civil::Date;
use serde::Serialize;

use crate::model::ProjectData;

use super::ratio;

/// The earned-value figures of a project as of D. `None` is n/a.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct EarnedValue {
    pub bac: Option<f64>,
    /// Planned percent complete at D (0–100).
    pub planned_percent: Option<f64>,
    /// Reported percent complete of the latest status on or before D.
    pub percent_complete: Option<f64>,
    pub pv: Option<f64>,
    pub ev: Option<f64>,
    pub ac: Option<f64>,
    pub cv: Option<f64>,
    pub sv: Option<f64>,
    pub cpi: Option<f64>,
    pub spi: Option<f64>,
    pub eac: Option<f64>,
    pub etc: Option<f64>,
    pub vac: Option<f64>,
    pub tcpi: Option<f64>,
    /// (EAC − BAC) / BAC × 100.
    pub overrun_percent: Option<f64>,
}

/// Calendar days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: Date, b: Date) -> i64 {
    a.until(b).map_or(0, |span| i64::from(span.get_days()))
}

/// Planned percent at `d`: linear interpolation over the `planned` points plus
/// the implicit (start, 0 %) and (finish, 100 %); 0 before the start, 100 after the finish.
pub fn planned_percent(data: &ProjectData, d: Date) -> Option<f64> {
    let b = data.baseline.as_ref()?;
    if d < b.start {
        return Some(0.0);
    }
    let finish = *b.finish;
    if d > finish {
        return Some(100.0);
    }
    let mut points: Vec<(Date, f64)> = Vec::with_capacity(data.planned.len() + 2);
    points.push((b.start, 0.0));
    points.extend(
        data.planned
            .iter()
            .filter(|p| p.date > b.start && p.date < finish)
            .map(|p| (p.date, *p.percent)),
    );
    points.push((finish, 100.0));
    // Stable sort keeps the file's order for points on the same day.
    points.sort_by_key(|p| p.0);
    // The last point on or before d, and the first after it.
    let i = points.iter().rposition(|p| p.0 <= d).unwrap_or(0);
    let (d0, p0) = points[i];
    let Some(&(d1, p1)) = points.get(i + 1) else {
        return Some(p0);
    };
    let span = days_between(d0, d1);
    if span == 0 {
        return Some(p1);
    }
    Some(p0 + (p1 - p0) * days_between(d0, d) as f64 / span as f64)
}

/// Earned value of `data` as of `d`.
pub fn earned_value(data: &ProjectData, d: Date) -> EarnedValue {
    let bac = data.baseline.as_ref().map(|b| *b.budget);
    let planned_percent = planned_percent(data, d);
    let pv = bac.zip(planned_percent).map(|(bac, p)| bac * p / 100.0);
    let status = data
        .status
        .iter()
        .filter(|s| s.date <= d)
        .max_by_key(|s| s.date);
    let percent_complete = status.map(|s| *s.percent_complete);
    let ev = bac.map(|bac| bac * percent_complete.unwrap_or(0.0) / 100.0);
    let ac = Some(
        data.actuals
            .iter()
            .filter(|a| a.date <= d)
            .max_by_key(|a| a.date)
            .map_or(0.0, |a| *a.cost),
    );
    let sub =
        |a: Option<f64>, b: Option<f64>| a.zip(b).map(|(a, b)| a - b).filter(|v| v.is_finite());
    let cv = sub(ev, ac);
    let sv = sub(ev, pv);
    let cpi = ratio(ev, ac);
    let spi = ratio(ev, pv);
    let eac = match data.forecast.as_ref().and_then(|f| f.cost) {
        Some(cost) => Some(*cost),
        None => ratio(bac, cpi),
    };
    let etc = sub(eac, ac);
    let vac = sub(bac, eac);
    let tcpi = ratio(sub(bac, ev), sub(bac, ac));
    // Multiply before dividing: one rounding, so exact boundaries stay exact.
    let overrun_percent = ratio(sub(eac, bac).map(|v| v * 100.0), bac);
    EarnedValue {
        bac,
        planned_percent,
        percent_complete,
        pv,
        ev,
        ac,
        cv,
        sv,
        cpi,
        spi,
        eac,
        etc,
        vac,
        tcpi,
        overrun_percent,
    }
}

/// Finish dates and slip of a project.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Schedule {
    pub baseline_finish: Option<Date>,
    /// `forecast.finish`, else the baseline finish.
    pub forecast_finish: Option<Date>,
    pub slip_days: Option<i64>,
    /// Slip days as a percent of the baseline duration.
    pub slip_percent: Option<f64>,
}

pub fn schedule(data: &ProjectData) -> Schedule {
    let Some(b) = data.baseline.as_ref() else {
        return Schedule {
            forecast_finish: data.forecast.as_ref().and_then(|f| f.finish),
            ..Schedule::default()
        };
    };
    let forecast_finish = data
        .forecast
        .as_ref()
        .and_then(|f| f.finish)
        .unwrap_or(*b.finish);
    let slip_days = days_between(*b.finish, forecast_finish);
    let duration = days_between(b.start, *b.finish);
    Schedule {
        baseline_finish: Some(*b.finish),
        forecast_finish: Some(forecast_finish),
        slip_days: Some(slip_days),
        slip_percent: ratio(Some(slip_days as f64 * 100.0), Some(duration as f64)),
    }
}

/// Milestone slip in days as of `d`: (actual if reached by D, else forecast) − baseline.
pub fn milestone_slip(m: &crate::model::Milestone, d: Date) -> Option<i64> {
    let baseline = m.baseline?;
    let end = m.actual.filter(|a| *a <= d).or(m.forecast)?;
    Some(days_between(baseline, end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ProjectData;

    fn project(yaml: &str) -> ProjectData {
        serde_saphyr::from_str(yaml).unwrap()
    }

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    const APOLLO: &str = "name: A\nphase: execution\nbaseline: { start: 2026-01-01, finish: 2026-11-28, budget: 1000000 }\n\
        status:\n  - { date: 2026-03-31, rag: green, percent_complete: 20 }\n  - { date: 2026-06-30, rag: amber, percent_complete: 40 }\n  - { date: 2026-07-31, rag: red, percent_complete: 99 }\n\
        actuals:\n  - { date: 2026-03-31, cost: 250000 }\n  - { date: 2026-06-30, cost: 500000 }\n";

    #[test]
    fn worked_example_mid_project() {
        // 2026-01-01 → 2026-11-28 is 331 days; 2026-06-30 is day 180.
        let ev = earned_value(&project(APOLLO), date("2026-06-30"));
        let planned = 180.0 / 331.0 * 100.0;
        assert!((ev.planned_percent.unwrap() - planned).abs() < 1e-9);
        assert!((ev.pv.unwrap() - 1_000_000.0 * planned / 100.0).abs() < 1e-6);
        assert_eq!(ev.ev, Some(400_000.0));
        assert_eq!(ev.ac, Some(500_000.0));
        assert_eq!(ev.cv, Some(-100_000.0));
        assert_eq!(ev.cpi, Some(0.8));
        assert_eq!(ev.eac, Some(1_250_000.0));
        assert_eq!(ev.etc, Some(750_000.0));
        assert_eq!(ev.vac, Some(-250_000.0));
        assert_eq!(ev.tcpi, Some(600_000.0 / 500_000.0));
        assert_eq!(ev.overrun_percent, Some(25.0));
        let spi = 400_000.0 / (1_000_000.0 * planned / 100.0);
        assert!((ev.spi.unwrap() - spi).abs() < 1e-12);
    }

    #[test]
    fn status_and_actuals_after_d_are_ignored() {
        let ev = earned_value(&project(APOLLO), date("2026-07-30"));
        assert_eq!(
            ev.percent_complete,
            Some(40.0),
            "the 2026-07-31 status is after D"
        );
        let ev = earned_value(&project(APOLLO), date("2026-05-01"));
        assert_eq!(ev.ac, Some(250_000.0));
        assert_eq!(ev.ev, Some(200_000.0));
    }

    #[test]
    fn before_start_pv_is_zero_so_spi_is_na() {
        let ev = earned_value(&project(APOLLO), date("2025-12-01"));
        assert_eq!(ev.pv, Some(0.0));
        assert_eq!(ev.ev, Some(0.0));
        assert_eq!(ev.ac, Some(0.0));
        assert_eq!(ev.spi, None);
        assert_eq!(ev.cpi, None, "zero AC");
        assert_eq!(ev.eac, None, "BAC / n/a");
        assert_eq!(ev.etc, None);
        assert_eq!(ev.tcpi, Some(1.0));
    }

    #[test]
    fn after_finish_planned_is_100() {
        let ev = earned_value(&project(APOLLO), date("2027-01-01"));
        assert_eq!(ev.planned_percent, Some(100.0));
        assert_eq!(ev.pv, Some(1_000_000.0));
    }

    #[test]
    fn planned_curve_is_interpolated_between_points() {
        let p = project(
            "name: A\nphase: execution\nbaseline: { start: 2026-01-01, finish: 2026-12-31, budget: 100 }\nplanned:\n  - { date: 2026-01-11, percent: 10 }\n  - { date: 2026-01-21, percent: 50 }\n",
        );
        assert_eq!(planned_percent(&p, date("2026-01-06")), Some(5.0));
        assert_eq!(planned_percent(&p, date("2026-01-11")), Some(10.0));
        assert_eq!(planned_percent(&p, date("2026-01-16")), Some(30.0));
        // From (01-21, 50) to (12-31, 100): 344 days.
        let v = planned_percent(&p, date("2026-02-21")).unwrap();
        assert!((v - (50.0 + 50.0 * 31.0 / 344.0)).abs() < 1e-9);
    }

    #[test]
    fn forecast_cost_overrides_eac_and_zero_ac_gives_na_cpi() {
        let p = project(
            "name: A\nphase: execution\nbaseline: { start: 2026-01-01, finish: 2026-12-31, budget: 1000 }\nforecast: { cost: 1200 }\nstatus:\n  - { date: 2026-02-01, rag: green, percent_complete: 10 }\n",
        );
        let ev = earned_value(&p, date("2026-03-01"));
        assert_eq!(ev.ac, Some(0.0));
        assert_eq!(ev.cpi, None);
        assert_eq!(ev.eac, Some(1200.0));
        assert_eq!(ev.etc, Some(1200.0));
        assert_eq!(ev.vac, Some(-200.0));
        assert_eq!(ev.overrun_percent, Some(20.0));
    }

    #[test]
    fn no_baseline_makes_bac_based_figures_na() {
        let p =
            project("name: A\nphase: initiation\nactuals:\n  - { date: 2026-02-01, cost: 50 }\n");
        let ev = earned_value(&p, date("2026-03-01"));
        assert_eq!(
            (ev.bac, ev.pv, ev.ev, ev.cv, ev.cpi, ev.eac, ev.tcpi),
            (None, None, None, None, None, None, None)
        );
        assert_eq!(ev.ac, Some(50.0));
        let s = schedule(&p);
        assert_eq!((s.slip_days, s.slip_percent), (None, None));
    }

    #[test]
    fn tcpi_is_na_when_budget_is_spent() {
        let p = project(
            "name: A\nphase: execution\nbaseline: { start: 2026-01-01, finish: 2026-12-31, budget: 100 }\nactuals:\n  - { date: 2026-02-01, cost: 100 }\nstatus:\n  - { date: 2026-02-01, rag: red, percent_complete: 50 }\n",
        );
        assert_eq!(earned_value(&p, date("2026-03-01")).tcpi, None);
    }

    #[test]
    fn slip_in_calendar_days_and_percent_of_duration() {
        let p = project(
            "name: A\nphase: execution\nbaseline: { start: 2026-01-01, finish: 2026-04-11, budget: 100 }\nforecast: { finish: 2026-04-21 }\n",
        );
        let s = schedule(&p);
        assert_eq!(s.slip_days, Some(10));
        assert_eq!(s.slip_percent, Some(10.0), "100-day baseline");
        let early = project(
            "name: A\nphase: execution\nbaseline: { start: 2026-01-01, finish: 2026-04-11, budget: 100 }\nforecast: { finish: 2026-04-01 }\n",
        );
        assert_eq!(schedule(&early).slip_days, Some(-10));
        let none = project(
            "name: A\nphase: execution\nbaseline: { start: 2026-01-01, finish: 2026-04-11, budget: 100 }\n",
        );
        assert_eq!(schedule(&none).slip_days, Some(0));
    }

    #[test]
    fn milestone_slip_uses_actual_only_once_reached() {
        let m: crate::model::Milestone = serde_saphyr::from_str(
            "{ name: M, baseline: 2026-03-01, forecast: 2026-03-11, actual: 2026-03-15 }",
        )
        .unwrap();
        assert_eq!(milestone_slip(&m, date("2026-03-31")), Some(14));
        assert_eq!(milestone_slip(&m, date("2026-03-12")), Some(10));
    }
}
