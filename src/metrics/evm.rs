//! Earned value and schedule figures of one project as of D (SPEC 3.4):
//! the baseline and forecast in force at D, planned value, the EVM table,
//! the estimates beside the headline EAC, and slip.

use jiff::civil::Date;
use serde::Serialize;

use crate::model::{Baseline, ProjectData};

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
    /// The headline: the forecast cost in force at D, else BAC / CPI.
    pub eac: Option<f64>,
    /// Whether `eac` is the manager's forecast (not computed).
    pub eac_forecast: bool,
    pub etc: Option<f64>,
    pub vac: Option<f64>,
    /// (BAC − EV) / (BAC − AC); n/a once the budget is spent (BAC − AC ≤ 0).
    pub tcpi: Option<f64>,
    /// (BAC − EV) / (EAC − AC); n/a when EAC − AC ≤ 0.
    pub tcpi_eac: Option<f64>,
    /// BAC / CPI.
    pub eac_cpi: Option<f64>,
    /// AC + (BAC − EV): the rest of the work at the budgeted rate.
    pub eac_budget_rate: Option<f64>,
    /// AC + (BAC − EV) / (CPI × SPI).
    pub eac_composite: Option<f64>,
    /// BAC − AC ≤ 0: there is no budget left to finish on (why `tcpi` is n/a).
    pub budget_spent: bool,
    /// (EAC − BAC) / BAC × 100.
    pub overrun_percent: Option<f64>,
}

/// Calendar days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: Date, b: Date) -> i64 {
    a.until(b).map_or(0, |span| i64::from(span.get_days()))
}

/// `d` plus `days` calendar days (`d` itself when out of range).
pub fn add_days(d: Date, days: i64) -> Date {
    d.checked_add(jiff::Span::new().days(days)).unwrap_or(d)
}

/// The planned-percent curve of one baseline version: its points (or the
/// project's `planned`, see [`ProjectData::planned_points`]) with the
/// implicit (start, 0 %) and (finish, 100 %).
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedCurve {
    pub start: Date,
    pub finish: Date,
    /// Sorted by date (file order kept on one day), from start to finish.
    points: Vec<(Date, f64)>,
}

impl PlannedCurve {
    pub fn of(data: &ProjectData, b: &Baseline) -> PlannedCurve {
        let (start, finish) = (b.start, *b.finish);
        let planned = data.planned_points(b);
        let mut points: Vec<(Date, f64)> = Vec::with_capacity(planned.len() + 2);
        points.push((start, 0.0));
        points.extend(
            planned
                .iter()
                .filter(|p| p.date > start && p.date < finish)
                .map(|p| (p.date, *p.percent)),
        );
        points.push((finish, 100.0));
        // Stable sort keeps the file's order for points on the same day.
        points.sort_by_key(|p| p.0);
        PlannedCurve {
            start,
            finish,
            points,
        }
    }

    /// Planned percent at `d`: linear between the points; 0 before the
    /// start, 100 after the finish.
    pub fn percent(&self, d: Date) -> f64 {
        if d < self.start {
            return 0.0;
        }
        if d > self.finish {
            return 100.0;
        }
        // The last point on or before d, and the first after it.
        let i = self.points.iter().rposition(|p| p.0 <= d).unwrap_or(0);
        let (d0, p0) = self.points[i];
        let Some(&(d1, p1)) = self.points.get(i + 1) else {
            return p0;
        };
        segment(d0, p0, d1, p1, days_between(d0, d))
    }

    /// The first whole day from the start through the finish on which the
    /// planned percent reaches `target` (the finish when it never does).
    pub fn first_reaching(&self, target: f64) -> Date {
        // "Reaches" tolerates the rounding of the divisions behind both sides.
        let reached = |v: f64| v >= target - 1e-9 * target.abs().max(1.0);
        for w in self.points.windows(2) {
            let ((d0, p0), (d1, p1)) = (w[0], w[1]);
            if reached(p0) {
                return d0;
            }
            if !reached(p1) {
                continue;
            }
            let span = days_between(d0, d1);
            // The day the line crosses, then checked with the same formula
            // as `percent` so the two never disagree.
            let mut k = ((target - p0) * span as f64 / (p1 - p0)).ceil() as i64;
            k = k.clamp(0, span);
            while k > 0 && reached(segment(d0, p0, d1, p1, k - 1)) {
                k -= 1;
            }
            while k < span && !reached(segment(d0, p0, d1, p1, k)) {
                k += 1;
            }
            return add_days(d0, k);
        }
        self.finish
    }
}

/// The percent `k` days after `d0` on the line from (d0, p0) to (d1, p1).
fn segment(d0: Date, p0: f64, d1: Date, p1: f64, k: i64) -> f64 {
    let span = days_between(d0, d1);
    if span == 0 {
        return p1;
    }
    p0 + (p1 - p0) * k as f64 / span as f64
}

/// Planned percent at `d` under the baseline in force at `d`.
pub fn planned_percent(data: &ProjectData, d: Date) -> Option<f64> {
    let b = data.baseline_at(d)?;
    Some(PlannedCurve::of(data, b).percent(d))
}

/// Earned value of `data` as of `d`.
pub fn earned_value(data: &ProjectData, d: Date) -> EarnedValue {
    let baseline = data.baseline_at(d);
    let bac = baseline.map(|b| *b.budget);
    let planned_percent = baseline.map(|b| PlannedCurve::of(data, b).percent(d));
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
    let add =
        |a: Option<f64>, b: Option<f64>| a.zip(b).map(|(a, b)| a + b).filter(|v| v.is_finite());
    let positive = |v: Option<f64>| v.filter(|v| *v > 0.0);
    let cv = sub(ev, ac);
    let sv = sub(ev, pv);
    let cpi = ratio(ev, ac);
    let spi = ratio(ev, pv);
    let eac_cpi = ratio(bac, cpi);
    let forecast_cost = data.forecast_at(d).and_then(|f| f.cost).map(|c| *c);
    let eac = forecast_cost.or(eac_cpi);
    let etc = sub(eac, ac);
    let vac = sub(bac, eac);
    let remaining_work = sub(bac, ev);
    let remaining_budget = sub(bac, ac);
    let tcpi = ratio(remaining_work, positive(remaining_budget));
    let tcpi_eac = ratio(remaining_work, positive(sub(eac, ac)));
    let eac_budget_rate = add(ac, remaining_work);
    let cpi_spi = cpi.zip(spi).map(|(c, s)| c * s);
    let eac_composite = add(ac, ratio(remaining_work, cpi_spi));
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
        eac_forecast: forecast_cost.is_some(),
        etc,
        vac,
        tcpi,
        tcpi_eac,
        eac_cpi,
        eac_budget_rate,
        eac_composite,
        budget_spent: remaining_budget.is_some_and(|r| r <= 0.0),
        overrun_percent,
    }
}

/// Finish dates and slip of a project as of D.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Schedule {
    pub baseline_start: Option<Date>,
    pub baseline_finish: Option<Date>,
    /// The forecast finish in force at D, else the baseline finish.
    pub forecast_finish: Option<Date>,
    pub slip_days: Option<i64>,
    /// Slip days as a percent of the baseline duration.
    pub slip_percent: Option<f64>,
}

/// The schedule of `data` as of `d`, from the baseline and forecast in force then.
pub fn schedule(data: &ProjectData, d: Date) -> Schedule {
    let forecast = data.forecast_at(d).and_then(|f| f.finish);
    let Some(b) = data.baseline_at(d) else {
        return Schedule {
            forecast_finish: forecast,
            ..Schedule::default()
        };
    };
    let forecast_finish = forecast.unwrap_or(*b.finish);
    let slip_days = days_between(*b.finish, forecast_finish);
    let duration = days_between(b.start, *b.finish);
    Schedule {
        baseline_start: Some(b.start),
        baseline_finish: Some(*b.finish),
        forecast_finish: Some(forecast_finish),
        slip_days: Some(slip_days),
        slip_percent: ratio(Some(slip_days as f64 * 100.0), Some(duration as f64)),
    }
}

/// A milestone's date as of `d`: its actual if on or before `d`, else the
/// latest forecast reported for it in a status on or before `d`, else its
/// `forecast`, else its baseline.
pub fn milestone_date(data: &ProjectData, m: &crate::model::Milestone, d: Date) -> Option<Date> {
    if let Some(a) = m.actual.filter(|a| *a <= d) {
        return Some(a);
    }
    reported_forecast(data, &m.name, d)
        .or(m.forecast)
        .or(m.baseline)
}

/// The latest forecast of milestone `name` reported in a status on or
/// before `d` (of several statuses on one day, the last in the file).
pub fn reported_forecast(data: &ProjectData, name: &str, d: Date) -> Option<Date> {
    let mut best: Option<(Date, Date)> = None;
    for s in data.status.iter().filter(|s| s.date <= d) {
        if let Some(f) = s.milestones.get(name)
            && best.is_none_or(|(b, _)| s.date >= b)
        {
            best = Some((s.date, **f));
        }
    }
    best.map(|(_, f)| f)
}

/// Milestone slip in days as of `d`: its date as of `d` ([`milestone_date`]) − baseline.
pub fn milestone_slip(data: &ProjectData, m: &crate::model::Milestone, d: Date) -> Option<i64> {
    let baseline = m.baseline?;
    let end = m
        .actual
        .filter(|a| *a <= d)
        .or_else(|| reported_forecast(data, &m.name, d))
        .or(m.forecast)?;
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
        let s = schedule(&p, date("2026-03-01"));
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
        let s = schedule(&p, date("2026-03-01"));
        assert_eq!(s.slip_days, Some(10));
        assert_eq!(s.slip_percent, Some(10.0), "100-day baseline");
        let early = project(
            "name: A\nphase: execution\nbaseline: { start: 2026-01-01, finish: 2026-04-11, budget: 100 }\nforecast: { finish: 2026-04-01 }\n",
        );
        assert_eq!(schedule(&early, date("2026-03-01")).slip_days, Some(-10));
        let none = project(
            "name: A\nphase: execution\nbaseline: { start: 2026-01-01, finish: 2026-04-11, budget: 100 }\n",
        );
        assert_eq!(schedule(&none, date("2026-03-01")).slip_days, Some(0));
    }

    #[test]
    fn milestone_slip_uses_actual_only_once_reached() {
        let m: crate::model::Milestone = serde_saphyr::from_str(
            "{ name: M, baseline: 2026-03-01, forecast: 2026-03-11, actual: 2026-03-15 }",
        )
        .unwrap();
        let data = project("name: A\nphase: execution\n");
        assert_eq!(milestone_slip(&data, &m, date("2026-03-31")), Some(14));
        assert_eq!(milestone_slip(&data, &m, date("2026-03-12")), Some(10));
    }

    /// A project with BAC, PV, EV and AC at D as given (percentages of a
    /// 100-day linear baseline starting 2026-01-01, so PV follows the day).
    fn at(bac: f64, day: i64, percent: f64, ac: f64, forecast: &str) -> (ProjectData, Date) {
        let d = add_days(date("2026-01-01"), day);
        let yaml = format!(
            "name: A\nphase: execution\nbaseline: {{ start: 2026-01-01, finish: 2026-04-11, budget: {bac} }}\n{forecast}status:\n  - {{ date: {d}, rag: green, percent_complete: {percent} }}\nactuals:\n  - {{ date: {d}, cost: {ac} }}\n"
        );
        (project(&yaml), d)
    }

    fn close(a: Option<f64>, b: f64) {
        let a = a.expect("defined");
        assert!((a - b).abs() < 1e-9, "{a} ≠ {b}");
    }

    /// The "Earned Value" lecture deck at wnwk.com/doc/3476926 (Design,
    /// Build, Test): BAC 500, PV 300, EV 200, AC 250 → CV −50, SV −100,
    /// CPI 0.80, SPI 0.67, EAC = BAC / CPI 625, ETC 375, VAC −125.
    #[test]
    fn lecture_deck_worked_example() {
        let (p, d) = at(500.0, 60, 40.0, 250.0, "");
        let ev = earned_value(&p, d);
        close(ev.pv, 300.0);
        close(ev.ev, 200.0);
        close(ev.cv, -50.0);
        close(ev.sv, -100.0);
        close(ev.cpi, 0.8);
        assert_eq!(format!("{:.2}", ev.spi.unwrap()), "0.67");
        close(ev.eac, 625.0);
        close(ev.eac_cpi, 625.0);
        close(ev.etc, 375.0);
        close(ev.vac, -125.0);
        // The estimates beside it, by hand: AC + (BAC − EV) = 550;
        // AC + (BAC − EV) / (CPI × SPI) = 250 + 300 / (0.8 × 2/3) = 812.50.
        close(ev.eac_budget_rate, 550.0);
        close(ev.eac_composite, 812.5);
        close(ev.tcpi, 300.0 / 250.0);
        close(ev.tcpi_eac, 300.0 / 375.0);
        assert!(!ev.budget_spent && !ev.eac_forecast);
    }

    /// marketingskull.com, "Earned Value Analysis (EVA) concepts and
    /// formulas": BAC 3,000, EV 1,560, AC 1,800, EAC 3,529 (from their mean
    /// CPI of 0.85; here the manager's forecast) → ETC 1,729, VAC −529,
    /// TCPI against BAC 1,440 / 1,200 = 1.2, against EAC 1,440 / 1,729 = 0.83.
    #[test]
    fn marketingskull_tcpi_against_bac_and_eac() {
        let (p, d) = at(3000.0, 60, 52.0, 1800.0, "forecast: { cost: 3529 }\n");
        let ev = earned_value(&p, d);
        close(ev.ev, 1560.0);
        close(ev.eac, 3529.0);
        close(ev.etc, 1729.0);
        close(ev.vac, -529.0);
        close(ev.tcpi, 1.2);
        assert_eq!(format!("{:.2}", ev.tcpi_eac.unwrap()), "0.83");
    }

    /// ceboardexamgenerator.com, "Project control and earned value": BAC
    /// 5,000,000, EV 1,500,000, AC 1,800,000 → EAC = BAC / CPI 6,000,000;
    /// and BAC 10,000,000, EV 3,000,000, AC 3,500,000 → TCPI 1.077.
    #[test]
    fn ceboard_eac_and_tcpi() {
        let (p, d) = at(5_000_000.0, 50, 30.0, 1_800_000.0, "");
        let ev = earned_value(&p, d);
        close(ev.eac, 6_000_000.0);
        let (p, d) = at(10_000_000.0, 50, 30.0, 3_500_000.0, "");
        assert_eq!(format!("{:.3}", earned_value(&p, d).tcpi.unwrap()), "1.077");
    }

    /// Over budget: BAC 10,000, EV 5,000, AC 15,000. The textbook
    /// (BAC − EV) / (BAC − AC) is −1: no efficiency finishes on budget, so
    /// folio gives n/a and says in words that the budget is spent.
    #[test]
    fn tcpi_is_na_and_said_in_words_once_the_budget_is_spent() {
        let (p, d) = at(10_000.0, 50, 50.0, 15_000.0, "");
        let ev = earned_value(&p, d);
        assert_eq!(ev.tcpi, None);
        assert!(ev.budget_spent);
        // Against EAC it is still defined: EAC = 10,000 / (1/3) = 30,000.
        close(ev.eac, 30_000.0);
        close(ev.tcpi_eac, 5_000.0 / 15_000.0);
    }

    #[test]
    fn a_forecast_cost_is_the_headline_and_bac_over_cpi_stays_beside_it() {
        let (p, d) = at(
            100_000.0,
            50,
            40.0,
            45_000.0,
            "forecast: { cost: 130000 }\n",
        );
        let ev = earned_value(&p, d);
        close(ev.eac, 130_000.0);
        assert!(ev.eac_forecast);
        close(ev.eac_cpi, 112_500.0);
        close(ev.tcpi_eac, 60_000.0 / 85_000.0);
        close(ev.vac, -30_000.0);
    }

    #[test]
    fn a_finished_project_has_no_negative_zero_tcpi() {
        // 100 % done, 5 % over budget: BAC − EV = 0, BAC − AC < 0.
        let (p, d) = at(1000.0, 100, 100.0, 1050.0, "");
        let ev = earned_value(&p, d);
        assert_eq!(ev.tcpi, None);
        assert_eq!(ev.tcpi_eac, None, "EAC − AC = 0");
    }

    const DATED: &str = "name: A\nphase: execution\n\
        baseline:\n  - { date: 2026-01-01, start: 2026-01-01, finish: 2026-04-11, budget: 1000 }\n  - { date: 2026-03-01, start: 2026-01-01, finish: 2026-05-21, budget: 1400, reason: Scope added }\n\
        forecast:\n  - { date: 2026-02-01, finish: 2026-04-21 }\n  - { date: 2026-03-15, finish: 2026-06-10, cost: 1500 }\n\
        status:\n  - { date: 2026-02-10, rag: amber, percent_complete: 30 }\n";

    #[test]
    fn figures_as_of_d_use_the_forecast_and_baseline_in_force_then() {
        let p = project(DATED);
        // January: first baseline, no forecast yet.
        let s = schedule(&p, date("2026-01-31"));
        assert_eq!(s.forecast_finish, Some(date("2026-04-11")));
        assert_eq!(s.slip_days, Some(0));
        assert_eq!(earned_value(&p, date("2026-01-31")).bac, Some(1000.0));
        // February: the first forecast, 10 days late; EAC computed.
        let s = schedule(&p, date("2026-02-28"));
        assert_eq!(s.slip_days, Some(10));
        let ev = earned_value(&p, date("2026-02-28"));
        assert!(!ev.eac_forecast);
        assert_eq!(ev.ev, Some(300.0));
        // March 1: re-baselined; the February forecast still stands against it.
        let s = schedule(&p, date("2026-03-01"));
        assert_eq!(s.baseline_finish, Some(date("2026-05-21")));
        assert_eq!(s.slip_days, Some(-30));
        assert_eq!(earned_value(&p, date("2026-03-01")).ev, Some(420.0));
        // March 15: the second forecast replaces the first whole.
        let ev = earned_value(&p, date("2026-03-15"));
        assert_eq!(ev.eac, Some(1500.0));
        assert_eq!(schedule(&p, date("2026-03-15")).slip_days, Some(20));
        // Before any version: as if absent.
        assert_eq!(earned_value(&p, date("2025-12-31")).bac, None);
    }

    #[test]
    fn a_dated_baseline_version_without_points_is_linear() {
        let p = project(
            "name: A\nphase: execution\nplanned:\n  - { date: 2026-01-11, percent: 50 }\nbaseline:\n  - { date: 2026-01-01, start: 2026-01-01, finish: 2026-04-11, budget: 100 }\n",
        );
        assert_eq!(planned_percent(&p, date("2026-01-11")), Some(10.0));
        let single = project(
            "name: A\nphase: execution\nplanned:\n  - { date: 2026-01-11, percent: 50 }\nbaseline: { start: 2026-01-01, finish: 2026-04-11, budget: 100 }\n",
        );
        assert_eq!(planned_percent(&single, date("2026-01-11")), Some(50.0));
    }

    #[test]
    fn a_milestone_date_follows_the_latest_reported_forecast() {
        let p = project(
            "name: A\nphase: execution\nmilestones:\n  - { name: Go-live, baseline: 2026-06-30, forecast: 2026-08-31 }\nstatus:\n  - { date: 2026-03-31, rag: green, percent_complete: 10, milestones: { Go-live: 2026-07-15 } }\n  - { date: 2026-05-31, rag: amber, percent_complete: 30, milestones: { Go-live: 2026-08-15 } }\n",
        );
        let m = &p.milestones[0];
        assert_eq!(
            milestone_date(&p, m, date("2026-03-30")),
            Some(date("2026-08-31")),
            "the undated forecast"
        );
        assert_eq!(
            milestone_date(&p, m, date("2026-04-30")),
            Some(date("2026-07-15"))
        );
        assert_eq!(
            milestone_date(&p, m, date("2026-06-30")),
            Some(date("2026-08-15"))
        );
        assert_eq!(milestone_slip(&p, m, date("2026-06-30")), Some(46));
    }

    #[test]
    fn planned_curve_first_reaching_agrees_with_percent() {
        let p = project(
            "name: A\nphase: execution\nbaseline: { start: 2026-01-01, finish: 2026-12-31, budget: 100 }\nplanned:\n  - { date: 2026-02-11, percent: 7 }\n  - { date: 2026-06-30, percent: 43.3 }\n",
        );
        let b = p.baseline_at(date("2026-06-01")).unwrap();
        let c = PlannedCurve::of(&p, b);
        for target in [0.0, 0.1, 6.99, 7.0, 7.01, 20.0, 43.3, 43.31, 99.99, 100.0] {
            let day = c.first_reaching(target);
            assert!(c.percent(day) >= target - 1e-9, "{target}: {day}");
            if day > c.start {
                assert!(
                    c.percent(add_days(day, -1)) < target - 1e-9,
                    "{target}: {day} is not the first"
                );
            }
        }
    }
}
