//! Milestone trend analysis (MTA): for each milestone, the forecast date as
//! each report gave it (y) against the report date (x), both axes over the
//! same dates. A line that stays level is a milestone on track, one that
//! rises is slipping; the grey diagonal y = x is "today", so a line that
//! reaches it is a milestone done. Each milestone has its own colour, marker
//! shape and dash, and is labelled at its last point.
//!
//! Also home of [`DateAxis`], the date axis with ticks on the first of a
//! month that the benefits chart shares.

use std::collections::BTreeMap;
use std::ops::Range;

use jiff::civil::Date;
use plotters::coord::ranged1d::{KeyPointHint, NoDefaultFormatting, Ranged, ValueFormatter};
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::metrics::evm::days_between;

use super::{ChartView, GREY, INK, font, truncate};

/// One milestone of the MTA chart.
pub struct MtaSeries {
    pub name: String,
    /// (report date, forecast date given in that report), in any order.
    pub points: Vec<(Date, Date)>,
    /// The date the milestone was reached, if it was.
    pub actual: Option<Date>,
}

/// Labels of the MTA chart, in the site language.
pub struct MtaLabels<'a> {
    pub title: &'a str,
    /// The x axis and the first column of the table.
    pub report_date: &'a str,
    /// The y axis.
    pub forecast_date: &'a str,
    /// Legend of the diagonal (e.g. "reached").
    pub diagonal: &'a str,
    /// Legend of the filled markers and the table's last row.
    pub actual: &'a str,
    pub summary: String,
}

/// Okabe–Ito colours (yellow left out: too pale on white) and two darks.
const PALETTE: [RGBColor; 8] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(230, 159, 0),
    RGBColor(86, 180, 233),
    RGBColor(40, 44, 52),
    RGBColor(140, 81, 10),
];

/// Dash and gap lengths in pixels; `None` is a solid line.
const DASHES: [Option<(u32, u32)>; 8] = [
    None,
    Some((12, 5)),
    Some((4, 4)),
    Some((18, 4)),
    Some((2, 3)),
    Some((8, 3)),
    Some((24, 8)),
    Some((6, 8)),
];

/// The colour, marker shape and dash of the `i`-th milestone: eight of
/// each; past eight the shapes and dashes shift against the colours, so
/// the first 64 milestones all differ.
fn look(i: usize) -> (RGBColor, usize, Option<(u32, u32)>) {
    let round = i / PALETTE.len();
    (
        PALETTE[i % PALETTE.len()],
        (i + round) % 8,
        DASHES[(i + 2 * round) % DASHES.len()],
    )
}

/// Milestone trend analysis of one project (`project_id` makes the chart id
/// `mta-<project_id>`); `None` when no milestone has a reported forecast.
pub fn mta(project_id: &str, series: &[MtaSeries], labels: &MtaLabels<'_>) -> Option<ChartView> {
    let shown: Vec<&MtaSeries> = series
        .iter()
        .filter(|s| !s.points.is_empty() || s.actual.is_some())
        .collect();
    if shown.iter().all(|s| s.points.is_empty()) {
        return None;
    }
    let all = shown
        .iter()
        .flat_map(|s| s.points.iter().flat_map(|p| [p.0, p.1]).chain(s.actual));
    let lo = all.clone().min()?;
    let hi = all.max()?;
    let axis = DateAxis::around(lo, hi, 8);
    let day = |d: Date| axis.day(d);

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (760, 560)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let mut chart = ChartBuilder::on(&root)
            .margin(14)
            .margin_right(150)
            .x_label_area_size(48)
            .y_label_area_size(78)
            .build_cartesian_2d(axis.clone(), axis.clone())
            .ok()?;
        let fmt = |v: &f64| axis.label(*v);
        chart
            .configure_mesh()
            .x_label_formatter(&fmt)
            .y_label_formatter(&fmt)
            .label_style(font(12))
            .bold_line_style(GREY.mix(0.2))
            .x_desc(labels.report_date)
            .y_desc(labels.forecast_date)
            .axis_desc_style(font(13))
            .draw()
            .ok()?;
        let (a, b) = (axis.lo, axis.hi);
        chart
            .draw_series(DashedLineSeries::new(
                vec![(a, a), (b, b)],
                7,
                5,
                GREY.stroke_width(2),
            ))
            .ok()?
            .label(labels.diagonal)
            .legend(|(x, y)| {
                DashedPathElement::new(vec![(x, y), (x + 20, y)], 5, 3, GREY.stroke_width(2))
            });
        let mut ends = Vec::new();
        // Markers go on last, over the names' light backing: data first.
        let mut markers = Vec::new();
        for (i, s) in shown.iter().enumerate() {
            let (color, shape, dash) = look(i);
            let mut points: Vec<(f64, f64)> =
                s.points.iter().map(|p| (day(p.0), day(p.1))).collect();
            points.sort_by(|p, q| p.0.total_cmp(&q.0));
            let style = color.stroke_width(2);
            match dash {
                None => chart.draw_series(LineSeries::new(points.clone(), style)),
                Some((dash, gap)) => {
                    chart.draw_series(DashedLineSeries::new(points.clone(), dash, gap, style))
                }
            }
            .ok()?;
            for p in &points {
                let at = chart.backend_coord(p);
                markers.push((at, shape, 4, WHITE.filled(), color.stroke_width(2)));
            }
            let mut end = points.last().map(|p| chart.backend_coord(p));
            if let Some(d) = s.actual {
                let at = chart.backend_coord(&(day(d), day(d)));
                markers.push((at, shape, 6, color.filled(), INK.stroke_width(1)));
                // The name goes beside whichever is further right, so the
                // filled marker never sits on it.
                if end.is_none_or(|e| e.0 < at.0 + 3) {
                    end = Some((at.0 + 3, at.1));
                }
            }
            if let Some(at) = end {
                ends.push((at, truncate(&s.name, 22)));
            }
        }
        if shown.iter().any(|s| s.actual.is_some()) {
            // The legend's own entry for "actual": an empty series.
            chart
                .draw_series(std::iter::empty::<Circle<(f64, f64), i32>>())
                .ok()?
                .label(labels.actual)
                .legend(|(x, y)| Circle::new((x + 10, y), 5, INK.filled()));
        }
        end_labels(&root, &mut ends)?;
        for (at, shape, r, fill, stroke) in markers {
            marker(&root, at, shape, r, fill, stroke)?;
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .background_style(WHITE.mix(0.9))
            .border_style(GREY)
            .label_font(font(12))
            .draw()
            .ok()?;
        root.present().ok()?;
    }
    let (headers, rows) = table(&shown, labels);
    Some(ChartView::new(
        svg,
        &format!("mta-{project_id}"),
        labels.title,
        labels.summary.clone(),
        headers,
        rows,
    ))
}

/// One row per report date, one column per milestone (blank when that report
/// gave no forecast for it), and a last row of actual dates if any.
fn table(shown: &[&MtaSeries], labels: &MtaLabels<'_>) -> (Vec<String>, Vec<Vec<String>>) {
    let mut by_date: BTreeMap<Date, Vec<String>> = BTreeMap::new();
    for (i, s) in shown.iter().enumerate() {
        for (report, forecast) in &s.points {
            let row = by_date
                .entry(*report)
                .or_insert_with(|| vec![String::new(); shown.len()]);
            row[i] = forecast.to_string();
        }
    }
    let mut rows: Vec<Vec<String>> = by_date
        .into_iter()
        .map(|(d, cells)| std::iter::once(d.to_string()).chain(cells).collect())
        .collect();
    if shown.iter().any(|s| s.actual.is_some()) {
        rows.push(
            std::iter::once(labels.actual.to_string())
                .chain(
                    shown
                        .iter()
                        .map(|s| s.actual.map(|d| d.to_string()).unwrap_or_default()),
                )
                .collect(),
        );
    }
    let headers = std::iter::once(labels.report_date.to_string())
        .chain(shown.iter().map(|s| s.name.clone()))
        .collect();
    (headers, rows)
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

/// The `i`-th marker shape (circle, triangle, square, diamond, inverted
/// triangle, plus, star, pentagon) of radius about `r` at pixel `at`.
fn marker(
    root: &Area<'_>,
    at: (i32, i32),
    i: usize,
    r: i32,
    fill: ShapeStyle,
    stroke: ShapeStyle,
) -> Option<()> {
    if i.is_multiple_of(8) {
        root.draw(&Circle::new(at, r, fill)).ok()?;
        return root.draw(&Circle::new(at, r, stroke)).ok();
    }
    let outline: Vec<(i32, i32)> = shape(i, r)
        .into_iter()
        .map(|(x, y)| (at.0 + x, at.1 + y))
        .collect();
    root.draw(&Polygon::new(outline.clone(), fill)).ok()?;
    let mut closed = outline;
    if let Some(&first) = closed.first() {
        closed.push(first);
    }
    root.draw(&PathElement::new(closed, stroke)).ok()
}

fn shape(i: usize, r: i32) -> Vec<(i32, i32)> {
    let rf = f64::from(r);
    let around = |n: usize, radius: &dyn Fn(usize) -> f64, turn: f64| -> Vec<(i32, i32)> {
        (0..n)
            .map(|k| {
                let a = turn + std::f64::consts::TAU * k as f64 / n as f64;
                let q = radius(k);
                ((q * a.sin()).round() as i32, (-q * a.cos()).round() as i32)
            })
            .collect()
    };
    let (w, t) = (r + 1, (r + 1) / 2);
    match i % 8 {
        0 => around(16, &|_| rf, 0.0),
        1 => around(3, &|_| rf + 2.0, 0.0),
        2 => vec![(-r, -r), (r, -r), (r, r), (-r, r)],
        3 => vec![(0, -w - 1), (w + 1, 0), (0, w + 1), (-w - 1, 0)],
        4 => around(3, &|_| rf + 2.0, std::f64::consts::PI),
        5 => vec![
            (-t, -w),
            (t, -w),
            (t, -t),
            (w, -t),
            (w, t),
            (t, t),
            (t, w),
            (-t, w),
            (-t, t),
            (-w, t),
            (-w, -t),
            (-t, -t),
        ],
        6 => around(10, &|k| if k % 2 == 0 { rf + 2.5 } else { rf * 0.5 }, 0.0),
        _ => around(5, &|_| rf + 1.0, 0.0),
    }
}

/// Writes each milestone's name right of its last point, pushed down past
/// any name it would overlap (about the same height, overlapping widths),
/// with a thin leader when a name had to move.
fn end_labels(root: &Area<'_>, ends: &mut [((i32, i32), String)]) -> Option<()> {
    const GAP: i32 = 15;
    // Wide (CJK) characters take about twice the room of Latin ones.
    let width = |s: &str| -> i32 {
        s.chars()
            .map(|c| match unicode_width::UnicodeWidthChar::width(c) {
                Some(2) => 11,
                _ => 6,
            })
            .sum()
    };
    ends.sort_by_key(|e| e.0.1);
    // (x from, x to, y) of the names placed so far, kept sorted by y.
    let mut placed: Vec<(i32, i32, i32)> = Vec::with_capacity(ends.len());
    let mut ys = Vec::with_capacity(ends.len());
    for ((x, y0), name) in ends.iter() {
        let (from, to) = (x + 10, x + 10 + width(name));
        let mut y = *y0;
        // In order of y, and y only grows: one pass clears every overlap.
        for p in &placed {
            if from < p.1 && p.0 < to && y < p.2 + GAP && p.2 - GAP < y {
                y = p.2 + GAP;
            }
        }
        let at = placed.partition_point(|p| p.2 <= y);
        placed.insert(at, (from, to, y));
        ys.push(y);
    }
    // If names ran off the bottom, shift them all up together.
    let (_, height) = root.dim_in_pixel();
    let bottom = i32::try_from(height).unwrap_or(i32::MAX) - 56;
    if let Some(over) = ys.iter().max().map(|y| y - bottom).filter(|o| *o > 0) {
        for y in &mut ys {
            *y -= over;
        }
    }
    let style = font(12).pos(Pos::new(HPos::Left, VPos::Center));
    for (((x, y0), name), y) in ends.iter().zip(ys) {
        let x = x + 10;
        if (y - y0).abs() > 3 {
            root.draw(&PathElement::new(
                vec![(x - 6, *y0), (x - 1, y)],
                GREY.stroke_width(1),
            ))
            .ok()?;
        }
        // A light backing keeps the name legible where lines cross it.
        root.draw(&Rectangle::new(
            [(x, y - 7), (x + 2 + width(name), y + 7)],
            WHITE.mix(0.75).filled(),
        ))
        .ok()?;
        root.draw(&Text::new(name.clone(), (x + 1, y), style.clone()))
            .ok()?;
    }
    Some(())
}

/// A date axis for plotters: values are days after `origin` as `f64` (as in
/// every other chart), ticks fall on the first of a month, every 1, 2, 3, 6
/// months or whole years so that at most the asked-for number fit, and read
/// `YYYY-MM` (or `YYYY` when they are whole years apart).
#[derive(Clone)]
pub(super) struct DateAxis {
    origin: Date,
    pub(super) lo: f64,
    pub(super) hi: f64,
    ticks: Vec<f64>,
    yearly: bool,
}

impl DateAxis {
    /// An axis from a little before `lo` to a little after `hi` (at least
    /// 40 days in all, so one date still has a tick); any dates jiff can
    /// hold are fine, the padding stops at its limits.
    pub(super) fn around(lo: Date, hi: Date, max_ticks: i64) -> DateAxis {
        let span = days_between(lo, hi).max(0) as f64;
        let pad = (span * 0.04).max(20.0) as i64;
        let shift = |d: Date, days: i64| {
            jiff::Span::new()
                .try_days(days)
                .ok()
                .and_then(|s| d.checked_add(s).ok())
        };
        let origin = shift(lo, -pad).unwrap_or(Date::MIN);
        let end = shift(hi, pad).unwrap_or(Date::MAX);
        let hi = days_between(origin, end).max(1) as f64;
        let (ticks, yearly) = month_ticks(origin, end, max_ticks.max(1));
        DateAxis {
            ticks: ticks
                .into_iter()
                .map(|d| days_between(origin, d) as f64)
                .collect(),
            origin,
            lo: 0.0,
            hi,
            yearly,
        }
    }

    pub(super) fn day(&self, d: Date) -> f64 {
        days_between(self.origin, d) as f64
    }

    pub(super) fn date(&self, v: f64) -> Option<Date> {
        let span = jiff::Span::new().try_days(v.round() as i64).ok()?;
        self.origin.checked_add(span).ok()
    }

    pub(super) fn label(&self, v: f64) -> String {
        match self.date(v) {
            Some(d) if self.yearly => format!("{:04}", d.year()),
            Some(d) => format!("{:04}-{:02}", d.year(), d.month()),
            None => String::new(),
        }
    }
}

/// Month starts in `from..=to`, `max` at most, on a round step.
fn month_ticks(from: Date, to: Date, max: i64) -> (Vec<Date>, bool) {
    let index = |d: Date| i64::from(d.year()) * 12 + i64::from(d.month()) - 1;
    let first = index(from) + i64::from(from.day() != 1);
    let last = index(to);
    let count = (last - first).max(0);
    let step = [1, 2, 3, 6]
        .into_iter()
        .chain([1, 2, 5].into_iter().flat_map(|m| {
            [12, 120, 1200, 12_000, 120_000]
                .into_iter()
                .map(move |y| y * m)
        }))
        .filter(|s| count / s < max)
        .min()
        .unwrap_or(1_200_000);
    let start = first + (step - first.rem_euclid(step)) % step;
    let ticks = (0..max)
        .map(|k| start + k * step)
        .take_while(|m| *m <= last)
        .filter_map(|m| {
            let year = i16::try_from(m.div_euclid(12)).ok()?;
            let month = i8::try_from(m.rem_euclid(12) + 1).ok()?;
            Date::new(year, month, 1).ok()
        })
        .collect();
    (ticks, step >= 12)
}

impl Ranged for DateAxis {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, v: &f64, limit: (i32, i32)) -> i32 {
        let t = (v - self.lo) / (self.hi - self.lo);
        let px = f64::from(limit.0) + t * f64::from(limit.1 - limit.0);
        // `as` saturates, and maps NaN to 0: never a panic.
        px.round() as i32
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        // Grid lines and labels only on the month ticks; no light lines.
        if hint.weight().allow_light_points() {
            return Vec::new();
        }
        self.ticks
            .iter()
            .copied()
            .take(hint.max_num_points())
            .collect()
    }

    fn range(&self) -> Range<f64> {
        self.lo..self.hi
    }
}

impl ValueFormatter<f64> for DateAxis {
    fn format(value: &f64) -> String {
        format!("{value}")
    }

    fn format_ext(&self, value: &f64) -> String {
        self.label(*value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn labels() -> MtaLabels<'static> {
        MtaLabels {
            title: "Milestone trend",
            report_date: "Report date",
            forecast_date: "Forecast date",
            diagonal: "Reached",
            actual: "Actual",
            summary: "Three milestones.".into(),
        }
    }

    fn three() -> Vec<MtaSeries> {
        vec![
            MtaSeries {
                name: "Design".into(),
                points: vec![
                    (date(2026, 1, 31), date(2026, 4, 1)),
                    (date(2026, 2, 28), date(2026, 4, 15)),
                    (date(2026, 3, 31), date(2026, 4, 10)),
                ],
                actual: Some(date(2026, 4, 10)),
            },
            MtaSeries {
                name: "Build".into(),
                // Out of order on purpose, and no forecast in February.
                points: vec![
                    (date(2026, 3, 31), date(2026, 8, 1)),
                    (date(2026, 1, 31), date(2026, 7, 1)),
                ],
                actual: None,
            },
            MtaSeries {
                name: "Go-live".into(),
                points: vec![
                    (date(2026, 1, 31), date(2026, 9, 1)),
                    (date(2026, 2, 28), date(2026, 9, 1)),
                    (date(2026, 3, 31), date(2026, 10, 1)),
                ],
                actual: None,
            },
        ]
    }

    /// Elements stroked in this colour (plotters writes `stroke="#RRGGBB"`).
    fn strokes(svg: &str, c: RGBColor) -> usize {
        let needle = format!("stroke=\"#{:02X}{:02X}{:02X}\"", c.0, c.1, c.2);
        svg.matches(&needle).count()
    }

    /// How plotters' SVG backend writes a text element's content.
    fn text(s: &str) -> String {
        format!(">\n{s}\n</text>")
    }

    #[test]
    fn three_milestones_draw_lines_diagonal_and_a_table_with_blanks() {
        let c = mta("p1", &three(), &labels()).expect("a chart");
        assert_eq!(c.id, "mta-p1");
        assert!(
            c.svg
                .contains("<title id=\"mta-p1-title\">Milestone trend</title>")
        );
        // Solid first line: one polyline; the dashed ones: several dashes each.
        assert_eq!(
            strokes(&c.svg, PALETTE[0]),
            1 + 3,
            "a solid line and 3 round markers (the actual's outline is ink)"
        );
        assert!(strokes(&c.svg, PALETTE[1]) > 2);
        assert!(strokes(&c.svg, PALETTE[2]) > 2);
        assert_eq!(strokes(&c.svg, PALETTE[3]), 0, "only three milestones");
        assert!(strokes(&c.svg, GREY) > 5, "the dashed diagonal");
        for name in ["Design", "Build", "Go-live", "Reached", "Actual"] {
            assert!(c.svg.contains(&text(name)), "{name} labelled");
        }
        // Mid-January to late October: every other month, on both axes.
        for tick in ["2026-03", "2026-05", "2026-07", "2026-09"] {
            assert_eq!(c.svg.matches(&text(tick)).count(), 2, "{tick}: {}", c.svg);
        }
        assert!(!c.svg.contains(&text("2026-02")), "no tick between");
        assert_eq!(c.headers, ["Report date", "Design", "Build", "Go-live"]);
        assert_eq!(
            c.rows,
            vec![
                vec!["2026-01-31", "2026-04-01", "2026-07-01", "2026-09-01"],
                vec!["2026-02-28", "2026-04-15", "", "2026-09-01"],
                vec!["2026-03-31", "2026-04-10", "2026-08-01", "2026-10-01"],
                vec!["Actual", "2026-04-10", "", ""],
            ]
        );
    }

    #[test]
    fn a_single_point_still_draws() {
        let s = vec![MtaSeries {
            name: "Only".into(),
            points: vec![(date(2026, 3, 15), date(2026, 3, 15))],
            actual: None,
        }];
        let c = mta("x", &s, &labels()).expect("a chart");
        assert!(c.svg.contains(&text("Only")));
        assert!(c.svg.contains("2026-03") || c.svg.contains("2026-04"));
        assert_eq!(c.rows, vec![vec!["2026-03-15", "2026-03-15"]]);
        assert!(
            !c.svg.contains(&text("Actual")),
            "no actual, no legend entry"
        );
    }

    #[test]
    fn no_points_is_no_chart() {
        assert!(mta("x", &[], &labels()).is_none());
        let only_actual = vec![MtaSeries {
            name: "Done".into(),
            points: vec![],
            actual: Some(date(2026, 1, 1)),
        }];
        assert!(mta("x", &only_actual, &labels()).is_none());
    }

    #[test]
    fn absurd_dates_neither_hang_nor_panic() {
        let s = vec![
            MtaSeries {
                name: "Early".into(),
                points: vec![(date(1, 1, 1), date(9999, 12, 31))],
                actual: Some(Date::MIN),
            },
            MtaSeries {
                name: "Late".into(),
                points: vec![(Date::MAX, Date::MIN), (Date::MIN, Date::MAX)],
                actual: Some(Date::MAX),
            },
        ];
        let c = mta("x", &s, &labels()).expect("a chart");
        assert!(c.svg.contains(&text("Late")));
        assert_eq!(c.rows.len(), 4);
    }

    #[test]
    fn every_milestone_looks_different() {
        let looks: Vec<_> = (0..64).map(look).collect();
        for (i, a) in looks.iter().enumerate() {
            for (j, b) in looks.iter().enumerate().skip(i + 1) {
                assert!(a != b, "milestones {i} and {j} look alike");
                if j < 8 {
                    assert!(a.0 != b.0 && a.1 != b.1 && a.2 != b.2, "{i}, {j}");
                }
            }
        }
    }

    #[test]
    fn many_milestones_cycle_styles_and_labels_do_not_overlap() {
        let s: Vec<MtaSeries> = (0..11)
            .map(|i| MtaSeries {
                name: format!("M{i}"),
                points: vec![
                    (date(2026, 1, 1), date(2026, 6, 1)),
                    (date(2026, 2, 1), date(2026, 6, 1)),
                ],
                actual: None,
            })
            .collect();
        let c = mta("x", &s, &labels()).expect("a chart");
        assert_eq!(c.headers.len(), 12);
        // All eleven end on one point: their labels are stacked 15 px apart.
        let mut ys: Vec<i32> = (0..11)
            .filter_map(|i| {
                let at = c.svg.find(&text(&format!("M{i}")))?;
                let tag = &c.svg[c.svg[..at].rfind("<text")?..at];
                let y = tag.split("y=\"").nth(1)?.split('"').next()?;
                y.parse().ok()
            })
            .collect();
        assert_eq!(ys.len(), 11);
        ys.sort_unstable();
        assert!(ys.windows(2).all(|w| w[1] - w[0] >= 15), "{ys:?}");
    }

    #[test]
    fn chinese_labels_are_escaped_in_the_svg() {
        let s = vec![MtaSeries {
            name: "上线 <里程碑>".into(),
            points: vec![(date(2026, 1, 31), date(2026, 5, 1))],
            actual: None,
        }];
        let l = MtaLabels {
            title: "里程碑趋势",
            report_date: "报告日期",
            forecast_date: "预测日期",
            diagonal: "已达成",
            actual: "实际",
            summary: "一个里程碑。".into(),
        };
        let c = mta("x", &s, &l).expect("a chart");
        assert!(c.svg.contains("上线 &lt;里程碑&gt;"), "{}", c.svg);
        assert!(c.svg.contains("报告日期") && c.svg.contains("已达成"));
        assert!(
            c.svg
                .contains("<title id=\"mta-x-title\">里程碑趋势</title>")
        );
    }

    #[test]
    fn ticks_are_month_starts_on_round_steps() {
        let (t, yearly) = month_ticks(date(2026, 1, 15), date(2026, 7, 2), 8);
        assert_eq!(
            t,
            [2, 3, 4, 5, 6, 7].map(|m| date(2026, m, 1)).to_vec(),
            "monthly"
        );
        assert!(!yearly);
        let (t, _) = month_ticks(date(2026, 1, 1), date(2028, 1, 1), 8);
        assert_eq!(t.first(), Some(&date(2026, 1, 1)));
        assert_eq!(t.get(1), Some(&date(2026, 7, 1)), "half-yearly: {t:?}");
        let (t, _) = month_ticks(date(2026, 1, 1), date(2027, 6, 1), 8);
        assert_eq!(t.get(1), Some(&date(2026, 4, 1)), "quarterly: {t:?}");
        let (t, yearly) = month_ticks(Date::MIN, Date::MAX, 8);
        assert!(yearly && !t.is_empty() && t.len() <= 8, "{t:?}");
    }
}
