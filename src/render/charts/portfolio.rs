//! Portfolio-wide charts: health trend over periods, strategic value
//! against open risk, and the timeline (Gantt) of every project.

use jiff::civil::Date;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::metrics::evm::days_between;
use crate::model::Rag;

use super::{ChartView, GREY, INK, diamond, font, legend, rag_color, series_headers, truncate};

/// Counts over time, one line per series; each series has its own colour,
/// dash and marker shape, and the legend names them.
pub fn trend(
    id: &str,
    title: &str,
    summary: String,
    labels: &[String],
    series: &[(&str, RGBColor, Vec<f64>)],
) -> Option<ChartView> {
    if labels.is_empty() || series.is_empty() {
        return None;
    }
    let n = labels.len();
    let ymax = series
        .iter()
        .flat_map(|s| s.2.iter().copied())
        .fold(1.0, f64::max)
        * 1.2;
    if !ymax.is_finite() {
        return None;
    }
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (760, 320)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let mut chart = ChartBuilder::on(&root)
            .margin(14)
            .x_label_area_size(34)
            .y_label_area_size(40)
            .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0f64..ymax)
            .ok()?;
        let step = n.div_ceil(8).max(1);
        let x_fmt = |x: &f64| {
            let i = x.round();
            if (x - i).abs() < 1e-6 && i >= 0.0 && (i as usize).is_multiple_of(step) {
                labels.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        };
        let y_fmt = |y: &f64| format!("{y:.0}");
        chart
            .configure_mesh()
            .x_labels(n.min(60))
            .x_label_formatter(&x_fmt)
            .y_label_formatter(&y_fmt)
            .y_labels(6)
            .label_style(font(12))
            .light_line_style(WHITE)
            .draw()
            .ok()?;
        for (si, (name, color, values)) in series.iter().enumerate() {
            let points: Vec<(f64, f64)> = values
                .iter()
                .enumerate()
                .map(|(i, v)| (i as f64, *v))
                .collect();
            let c = *color;
            let style = c.stroke_width(2);
            let line = chart
                .draw_series(DashedLineSeries::new(
                    points.clone(),
                    10 - 3 * si as u32,
                    2 + 2 * si as u32,
                    style,
                ))
                .ok()?;
            line.label(*name).legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 20, y)], c.stroke_width(2))
            });
            match si % 3 {
                0 => chart
                    .draw_series(points.iter().map(|p| Circle::new(*p, 4, c.filled())))
                    .ok()?,
                1 => chart
                    .draw_series(
                        points
                            .iter()
                            .map(|p| TriangleMarker::new(*p, 5, c.filled())),
                    )
                    .ok()?,
                _ => chart
                    .draw_series(points.iter().map(|p| {
                        Rectangle::new(
                            [
                                (p.0 - 0.12, p.1 - ymax * 0.012),
                                (p.0 + 0.12, p.1 + ymax * 0.012),
                            ],
                            c.filled(),
                        )
                    }))
                    .ok()?,
            };
        }
        legend(&mut chart, SeriesLabelPosition::UpperLeft)?;
        root.present().ok()?;
    }
    let headers = series_headers(series.iter().map(|s| s.0));
    let rows = labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut row = vec![l.clone()];
            row.extend(
                series
                    .iter()
                    .map(|s| format!("{:.0}", s.2.get(i).copied().unwrap_or(0.0))),
            );
            row
        })
        .collect();
    Some(ChartView::new(svg, id, title, summary, headers, rows))
}

/// One project of the value-versus-risk chart.
pub struct Bubble {
    pub label: String,
    /// Strategic value 1–5.
    pub value: f64,
    /// Sum of the scores of its open risks.
    pub risk: f64,
    /// Budget, which sets the bubble's area.
    pub size: f64,
    pub rag: Option<Rag>,
    pub rag_label: String,
}

/// Strategic value (x) against open risk (y), bubble area by budget, colour
/// and a text label for computed health; every bubble is labelled by name.
pub fn value_risk(
    id: &str,
    title: &str,
    summary: String,
    headers: Vec<String>,
    bubbles: &[Bubble],
    money: &dyn Fn(f64) -> String,
) -> Option<ChartView> {
    if bubbles.is_empty() {
        return None;
    }
    let ymax = bubbles.iter().map(|b| b.risk).fold(10.0, f64::max) * 1.15;
    let smax = bubbles.iter().map(|b| b.size).fold(1.0, f64::max);
    if !ymax.is_finite() || !smax.is_finite() {
        return None;
    }
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (760, 440)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let mut chart = ChartBuilder::on(&root)
            .margin(14)
            .x_label_area_size(36)
            .y_label_area_size(48)
            .build_cartesian_2d(0.5f64..5.5, 0f64..ymax)
            .ok()?;
        let x_fmt = |x: &f64| {
            if (x - x.round()).abs() < 1e-6 {
                format!("{}", x.round())
            } else {
                String::new()
            }
        };
        let y_fmt = |y: &f64| format!("{y:.0}");
        chart
            .configure_mesh()
            .x_labels(11)
            .x_label_formatter(&x_fmt)
            .y_label_formatter(&y_fmt)
            .y_labels(6)
            .label_style(font(12))
            .light_line_style(WHITE)
            .x_desc(headers.get(1).cloned().unwrap_or_default())
            .y_desc(headers.get(2).cloned().unwrap_or_default())
            .axis_desc_style(font(13))
            .draw()
            .ok()?;
        for b in bubbles {
            let r = (6.0 + 28.0 * (b.size / smax).sqrt()).round() as i32;
            let c = rag_color(b.rag);
            chart
                .draw_series(std::iter::once(Circle::new(
                    (b.value, b.risk),
                    r,
                    c.mix(0.45).filled(),
                )))
                .ok()?;
            chart
                .draw_series(std::iter::once(Circle::new(
                    (b.value, b.risk),
                    r,
                    c.stroke_width(2),
                )))
                .ok()?;
            let style = font(11).pos(Pos::new(HPos::Center, VPos::Center));
            chart
                .draw_series(std::iter::once(Text::new(
                    truncate(&b.label, 22),
                    (b.value, b.risk),
                    style,
                )))
                .ok()?;
        }
        root.present().ok()?;
    }
    let rows = bubbles
        .iter()
        .map(|b| {
            vec![
                b.label.clone(),
                format!("{}", b.value),
                format!("{}", b.risk),
                money(b.size),
                b.rag_label.clone(),
            ]
        })
        .collect();
    Some(ChartView::new(svg, id, title, summary, headers, rows))
}

/// One project bar of the portfolio timeline.
pub struct TimelineRow {
    pub label: String,
    pub baseline: (Date, Date),
    pub forecast: (Date, Date),
    pub rag: Option<Rag>,
    pub rag_label: String,
    pub milestones: Vec<Date>,
}

pub struct TimelineLabels<'a> {
    pub title: &'a str,
    pub baseline: &'a str,
    pub forecast: &'a str,
    pub project: &'a str,
    pub health: &'a str,
    pub summary: String,
}

/// Gantt chart: a thin grey baseline bar under a forecast bar coloured by
/// computed health (and labelled with it), milestones as diamonds, D as a line.
pub fn timeline(
    rows: &[TimelineRow],
    as_of: Date,
    labels: &TimelineLabels<'_>,
) -> Option<ChartView> {
    let start = rows.iter().map(|r| r.baseline.0.min(r.forecast.0)).min()?;
    let end = rows
        .iter()
        .map(|r| r.baseline.1.max(r.forecast.1))
        .max()?
        .max(as_of);
    let day = |d: Date| days_between(start, d) as f64;
    let xmax = day(end).max(1.0) * 1.02;
    let n = rows.len() as f64;
    let height = (60 + rows.len() * 34).max(160) as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (900, height)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(30)
            .y_label_area_size(230)
            .build_cartesian_2d(0f64..xmax, 0f64..n)
            .ok()?;
        let names: Vec<String> = rows.iter().map(|r| r.label.clone()).collect();
        let y_fmt = |y: &f64| {
            let i = n - y.floor() - 1.0;
            if (y - y.floor() - 0.5).abs() < 1e-6 && i >= 0.0 {
                names
                    .get(i as usize)
                    .map(|s| truncate(s, 30))
                    .unwrap_or_default()
            } else {
                String::new()
            }
        };
        let x_fmt = |x: &f64| {
            start
                .checked_add(jiff::Span::new().days(x.round() as i64))
                .map(|d| d.to_string()[..7].to_string())
                .unwrap_or_default()
        };
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(rows.len() * 2 + 1)
            .y_label_formatter(&y_fmt)
            .x_labels(8)
            .x_label_formatter(&x_fmt)
            .label_style(font(12))
            .light_line_style(WHITE)
            .draw()
            .ok()?;
        for (i, r) in rows.iter().enumerate() {
            let y = n - i as f64 - 1.0;
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(day(r.baseline.0), y + 0.12), (day(r.baseline.1), y + 0.3)],
                    GREY.mix(0.5).filled(),
                )))
                .ok()?;
            let c = rag_color(r.rag);
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(day(r.forecast.0), y + 0.38), (day(r.forecast.1), y + 0.82)],
                    c.filled(),
                )))
                .ok()?;
            chart
                .draw_series(std::iter::once(Text::new(
                    r.rag_label.clone(),
                    (day(r.forecast.1) + xmax * 0.005, y + 0.75),
                    font(11),
                )))
                .ok()?;
            chart
                .draw_series(r.milestones.iter().map(|m| {
                    Polygon::new(diamond(day(*m), y + 0.6, xmax / 150.0, 0.2), INK.filled())
                }))
                .ok()?;
        }
        let d = day(as_of);
        chart
            .draw_series(DashedLineSeries::new(
                vec![(d, 0.0), (d, n)],
                4,
                4,
                INK.stroke_width(1),
            ))
            .ok()?;
        root.present().ok()?;
    }
    let table_rows = rows
        .iter()
        .map(|r| {
            vec![
                r.label.clone(),
                format!("{} – {}", r.baseline.0, r.baseline.1),
                format!("{} – {}", r.forecast.0, r.forecast.1),
                r.rag_label.clone(),
            ]
        })
        .collect();
    Some(ChartView::new(
        svg,
        "timeline",
        labels.title,
        labels.summary.clone(),
        vec![
            labels.project.into(),
            labels.baseline.into(),
            labels.forecast.into(),
            labels.health.into(),
        ],
        table_rows,
    ))
}
