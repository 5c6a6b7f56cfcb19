//! The earned-value S-curve of one project: PV, EV and AC over time.

use jiff::civil::Date;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::metrics::evm::days_between;
use crate::metrics::figures::EvSeries;

use super::{BLUE, ChartView, GREY, INK, RED, draw_err, font, legend};

/// Labels for the S-curve chart, in the site language.
pub struct SCurveLabels<'a> {
    pub title: &'a str,
    pub pv: &'a str,
    pub ev: &'a str,
    pub ac: &'a str,
    pub as_of: &'a str,
    pub date: &'a str,
    pub summary: String,
}

/// The earned schedule to mark on the S-curve: the date at which the
/// planned value equals the EV earned by `as_of`.
pub struct EarnedScheduleMark<'a> {
    pub date: Date,
    /// The EV at `as_of` (the PV at `date`).
    pub ev: f64,
    /// Written beside the mark, e.g. "ES".
    pub label: &'a str,
}

/// PV / EV / AC over time for one project, up to `as_of`, from the series
/// (`axis` labels the money axis, `money` the data table)
/// computed in [`crate::metrics::figures::ev_series`]; `es`, when given, is
/// drawn the textbook way: a dotted line from the EV at `as_of` back to the
/// PV curve at the ES date, and one from there down to the date axis.
pub fn s_curve(
    project_id: &str,
    series: &EvSeries,
    as_of: Date,
    labels: &SCurveLabels<'_>,
    es: Option<&EarnedScheduleMark<'_>>,
    axis: &dyn Fn(f64) -> String,
    money: &dyn Fn(f64) -> String,
) -> Option<ChartView> {
    let x0 = *series.dates.first()?;
    let x1 = *series.dates.last()?;
    let day = |d: Date| days_between(x0, d) as f64;
    let points =
        |v: &[(Date, f64)]| -> Vec<(f64, f64)> { v.iter().map(|p| (day(p.0), p.1)).collect() };
    let (pv, ev, ac) = (points(&series.pv), points(&series.ev), points(&series.ac));
    let ymax = pv
        .iter()
        .chain(&ev)
        .chain(&ac)
        .map(|p| p.1)
        .fold(series.bac, f64::max)
        * 1.08;
    let xmax = day(x1).max(1.0);
    // plotters loops forever computing axis ticks for absurd ranges; validation
    // keeps money below 10^15, and this keeps the chart code safe on its own.
    if !ymax.is_finite() || ymax > 1e16 {
        return None;
    }

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (720, 360)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(90)
            .build_cartesian_2d(0f64..xmax, 0f64..ymax)
            .map_err(draw_err)
            .ok()?;
        let x_fmt = |x: &f64| {
            x0.checked_add(jiff::Span::new().days(x.round() as i64))
                .map(|d| d.to_string())
                .unwrap_or_default()
        };
        let y_fmt = |y: &f64| axis(*y);
        chart
            .configure_mesh()
            .x_labels(6)
            .y_labels(6)
            .x_label_formatter(&x_fmt)
            .y_label_formatter(&y_fmt)
            .label_style(font(12))
            .light_line_style(WHITE)
            .draw()
            .ok()?;
        chart
            .draw_series(DashedLineSeries::new(
                pv.clone(),
                8,
                5,
                GREY.stroke_width(2),
            ))
            .ok()?
            .label(labels.pv)
            .legend(|(x, y)| {
                DashedPathElement::new(vec![(x, y), (x + 20, y)], 5, 3, GREY.stroke_width(2))
            });
        chart
            .draw_series(LineSeries::new(ev.clone(), BLUE.stroke_width(2)).point_size(3))
            .ok()?
            .label(labels.ev)
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], BLUE.stroke_width(2)));
        chart
            .draw_series(ev.iter().map(|p| Circle::new(*p, 3, BLUE.filled())))
            .ok()?;
        chart
            .draw_series(LineSeries::new(ac.clone(), RED.stroke_width(2)))
            .ok()?
            .label(labels.ac)
            .legend(|(x, y)| TriangleMarker::new((x + 10, y), 5, RED.filled()));
        chart
            .draw_series(ac.iter().map(|p| TriangleMarker::new(*p, 5, RED.filled())))
            .ok()?;
        let d = day(as_of).clamp(0.0, xmax);
        chart
            .draw_series(DashedLineSeries::new(
                vec![(d, 0.0), (d, ymax)],
                4,
                4,
                INK.stroke_width(1),
            ))
            .ok()?;
        let anchor = if d > xmax * 0.6 {
            HPos::Right
        } else {
            HPos::Left
        };
        let style = font(12).pos(Pos::new(anchor, VPos::Top));
        chart
            .draw_series(std::iter::once(Text::new(
                format!(" {} {as_of} ", labels.as_of),
                (d, ymax * 0.99),
                style,
            )))
            .ok()?;
        if let Some(es) = es.filter(|es| es.ev.is_finite()) {
            // Clamped into the chart: an ES before the first or after the
            // last date is drawn at the edge, never outside it.
            let x = day(es.date).clamp(0.0, xmax);
            let y = es.ev.clamp(0.0, ymax);
            chart
                .draw_series(DashedLineSeries::new(
                    vec![(d, y), (x, y)],
                    2,
                    3,
                    INK.stroke_width(1),
                ))
                .ok()?;
            chart
                .draw_series(DashedLineSeries::new(
                    vec![(x, y), (x, 0.0)],
                    2,
                    3,
                    INK.stroke_width(1),
                ))
                .ok()?;
            chart
                .draw_series(std::iter::once(Circle::new((x, y), 3, INK.filled())))
                .ok()?;
            let (px, py) = chart.backend_coord(&(x, 0.0));
            root.draw(&Text::new(
                format!("{} {}", es.label, es.date),
                (px - 4, py - 4),
                font(12).pos(Pos::new(HPos::Right, VPos::Bottom)),
            ))
            .ok()?;
        }
        legend(&mut chart, SeriesLabelPosition::UpperLeft)?;
        root.present().ok()?;
    }
    let cell = |v: Option<f64>| v.map(money).unwrap_or_default();
    let rows = series
        .rows(as_of)
        .into_iter()
        .map(|r| vec![r.date.to_string(), cell(r.pv), cell(r.ev), cell(r.ac)])
        .collect();
    let id = format!("scurve-{project_id}");
    Some(ChartView::new(
        svg,
        &id,
        labels.title,
        labels.summary.clone(),
        vec![
            labels.date.into(),
            labels.pv.into(),
            labels.ev.into(),
            labels.ac.into(),
        ],
        rows,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn series() -> EvSeries {
        let dates = vec![date(2026, 1, 1), date(2026, 3, 1), date(2026, 5, 1)];
        EvSeries {
            start: dates[0],
            finish: dates[2],
            bac: 100.0,
            pv: vec![(dates[0], 0.0), (dates[1], 50.0), (dates[2], 100.0)],
            ev: vec![(dates[0], 0.0), (dates[1], 30.0)],
            ac: vec![(dates[0], 0.0), (dates[1], 40.0)],
            dates,
        }
    }

    fn chart(es: Option<&EarnedScheduleMark<'_>>) -> Option<ChartView> {
        let labels = SCurveLabels {
            title: "S-curve",
            pv: "PV",
            ev: "EV",
            ac: "AC",
            as_of: "as of",
            date: "Date",
            summary: "s".into(),
        };
        let f = |v: f64| format!("{v:.0}");
        s_curve("p", &series(), date(2026, 3, 1), &labels, es, &f, &f)
    }

    /// How plotters' SVG backend writes a text element's content.
    fn text(s: &str) -> String {
        format!(">\n{s}\n</text>")
    }

    #[test]
    fn the_earned_schedule_is_marked_only_when_given() {
        let plain = chart(None).expect("a chart");
        assert!(!plain.svg.contains("ES "), "no mark without ES");
        let es = EarnedScheduleMark {
            date: date(2026, 2, 6),
            ev: 30.0,
            label: "ES",
        };
        let marked = chart(Some(&es)).expect("a chart");
        assert!(
            marked.svg.contains(&text("ES 2026-02-06")),
            "{}",
            marked.svg
        );
        assert!(
            marked.svg.matches("<polyline").count() > plain.svg.matches("<polyline").count() + 4,
            "two dotted lines"
        );
        assert_eq!(marked.rows, plain.rows, "the table is unchanged");
    }

    #[test]
    fn an_earned_schedule_outside_the_chart_is_clamped() {
        for d in [jiff::civil::Date::MIN, jiff::civil::Date::MAX] {
            for ev in [-1e300, 1e300, f64::NAN] {
                let es = EarnedScheduleMark {
                    date: d,
                    ev,
                    label: "挣值进度 <ES>",
                };
                let c = chart(Some(&es)).expect("a chart");
                assert_eq!(
                    c.svg.contains("挣值进度 &lt;ES&gt;"),
                    !ev.is_nan(),
                    "{d} {ev}"
                );
            }
        }
    }
}
