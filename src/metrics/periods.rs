//! Reporting periods (`reporting.period`: month or quarter): which period a
//! date falls in, its first and last day, its id (`2026-10`, `2026-q4`), and
//! the run of periods a site reports on — from the one holding the earliest
//! status report up to the one holding the as-of date D.

use jiff::civil::Date;

use crate::config::Period;
use crate::model::Project;

/// One calendar month or quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportPeriod {
    pub start: Date,
    pub end: Date,
    pub kind: Period,
}

impl ReportPeriod {
    /// The period of `kind` that contains `d`.
    pub fn containing(kind: Period, d: Date) -> ReportPeriod {
        let first_month = match kind {
            Period::Month => d.month(),
            Period::Quarter => (d.month() - 1) / 3 * 3 + 1,
        };
        let months_back = d.month() - first_month;
        let start = d.first_of_month();
        let start =
            (0..months_back).fold(start, |s, _| s.yesterday().map_or(s, Date::first_of_month));
        let months_ahead = match kind {
            Period::Month => 0,
            Period::Quarter => 2,
        };
        let end = (0..months_ahead).fold(start.last_of_month(), |e, _| {
            e.tomorrow().map_or(e, Date::last_of_month)
        });
        ReportPeriod { start, end, kind }
    }

    /// The period after this one; `None` past the end of the calendar.
    pub fn next(self) -> Option<ReportPeriod> {
        let day = self.end.tomorrow().ok()?;
        Some(ReportPeriod::containing(self.kind, day))
    }

    /// Month 1–12 or quarter 1–4 within the year.
    pub fn number(self) -> i8 {
        match self.kind {
            Period::Month => self.start.month(),
            Period::Quarter => (self.start.month() - 1) / 3 + 1,
        }
    }

    pub fn year(self) -> i16 {
        self.start.year()
    }

    /// The URL segment: `2026-10` for a month, `2026-q4` for a quarter.
    pub fn id(self) -> String {
        match self.kind {
            Period::Month => format!("{:04}-{:02}", self.year(), self.number()),
            Period::Quarter => format!("{:04}-q{}", self.year(), self.number()),
        }
    }

    /// The date the period is computed as of: its last day, or D while it is still running.
    pub fn as_of(self, d: Date) -> Date {
        self.end.min(d)
    }
}

/// Every period of `kind` from the one holding the earliest status report
/// dated on or before `as_of` through the one holding `as_of`, oldest first.
/// Empty when no project has reported a status by then.
pub fn report_periods(projects: &[Project], kind: Period, as_of: Date) -> Vec<ReportPeriod> {
    let first = projects
        .iter()
        .flat_map(|p| p.data.status.iter().map(|s| s.date))
        .filter(|d| *d <= as_of)
        .min();
    let Some(first) = first else {
        return Vec::new();
    };
    let last = ReportPeriod::containing(kind, as_of);
    let mut out = vec![ReportPeriod::containing(kind, first)];
    while let Some(&p) = out.last() {
        if p.start >= last.start {
            break;
        }
        match p.next() {
            Some(n) => out.push(n),
            None => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn months_have_their_calendar_bounds_and_ids() {
        let p = ReportPeriod::containing(Period::Month, date("2026-02-14"));
        assert_eq!((p.start, p.end), (date("2026-02-01"), date("2026-02-28")));
        assert_eq!(p.id(), "2026-02");
        assert_eq!(p.next().unwrap().id(), "2026-03");
        let dec = ReportPeriod::containing(Period::Month, date("2025-12-31"));
        assert_eq!(dec.next().unwrap().id(), "2026-01");
    }

    #[test]
    fn quarters_span_three_months() {
        let q = ReportPeriod::containing(Period::Quarter, date("2026-11-05"));
        assert_eq!((q.start, q.end), (date("2026-10-01"), date("2026-12-31")));
        assert_eq!(q.id(), "2026-q4");
        assert_eq!(q.number(), 4);
        let q1 = ReportPeriod::containing(Period::Quarter, date("2026-03-31"));
        assert_eq!((q1.start, q1.end), (date("2026-01-01"), date("2026-03-31")));
        assert_eq!(q.next().unwrap().id(), "2027-q1");
    }

    #[test]
    fn a_running_period_is_computed_as_of_d() {
        let p = ReportPeriod::containing(Period::Month, date("2026-10-15"));
        assert_eq!(p.as_of(date("2026-10-15")), date("2026-10-15"));
        assert_eq!(p.as_of(date("2027-01-01")), date("2026-10-31"));
    }

    #[test]
    fn the_last_day_of_the_calendar_has_no_next_period() {
        let p = ReportPeriod::containing(Period::Month, date("9999-12-31"));
        assert_eq!(p.next(), None);
    }
}
