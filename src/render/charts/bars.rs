//! Bar charts: vertical groups (health counts, lessons by category) and
//! horizontal bands for long labels (budgets per project, milestone slip).

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{ChartView, GREY, font, legend, series_headers, truncate};

/// One labelled group of bars (e.g. "Green": reported 3, computed 2).
pub struct BarGroup {
    pub label: String,
    pub values: Vec<f64>,
    pub color: RGBColor,
}

/// Vertical grouped bars with the value written above each bar; series are
/// told apart by fill (solid, hatched outline) and the legend.
pub fn grouped_bars(
    id: &str,
    title: &str,
    summary: String,
    series: &[&str],
    groups: &[BarGroup],
    fmt: &dyn Fn(f64) -> String,
) -> Option<ChartView> {
    if groups.is_empty() {
        return None;
    }
    let n = series.len().max(1) as f64;
    let ymax = groups
        .iter()
        .flat_map(|g| g.values.iter().copied())
        .fold(1.0, f64::max)
        * 1.2;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (720, 320)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(50)
            .build_cartesian_2d(0f64..groups.len() as f64, 0f64..ymax)
            .ok()?;
        let names: Vec<String> = groups.iter().map(|g| g.label.clone()).collect();
        let x_fmt = |x: &f64| {
            let i = x.floor() as usize;
            if (x - x.floor() - 0.5).abs() < 1e-6 {
                names.get(i).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        };
        let y_fmt = |y: &f64| fmt(*y);
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(groups.len() * 2 + 1)
            .x_label_formatter(&x_fmt)
            .y_label_formatter(&y_fmt)
            .y_labels(5)
            .label_style(font(13))
            .light_line_style(WHITE)
            .draw()
            .ok()?;
        let width = 0.8 / n;
        for (si, name) in series.iter().enumerate() {
            let bars: Vec<(f64, f64, RGBColor, f64)> = groups
                .iter()
                .enumerate()
                .map(|(gi, g)| {
                    (
                        gi as f64 + 0.1 + width * si as f64,
                        g.values.get(si).copied().unwrap_or(0.0),
                        g.color,
                        width,
                    )
                })
                .collect();
            let solid = si == 0;
            chart
                .draw_series(bars.iter().map(|(x, v, c, w)| {
                    let style = if solid {
                        c.filled()
                    } else {
                        c.mix(0.25).filled()
                    };
                    Rectangle::new([(*x, 0.0), (x + w * 0.92, *v)], style)
                }))
                .ok()?
                .label(*name)
                .legend(move |(x, y)| {
                    let c = GREY;
                    Rectangle::new(
                        [(x, y - 5), (x + 14, y + 5)],
                        if solid {
                            c.filled()
                        } else {
                            c.mix(0.25).filled()
                        },
                    )
                });
            // Outline the light bars so they stay visible, and label every bar.
            chart
                .draw_series(bars.iter().filter(|_| !solid).map(|(x, v, c, w)| {
                    Rectangle::new([(*x, 0.0), (x + w * 0.92, *v)], c.stroke_width(2))
                }))
                .ok()?;
            let centred = font(14).pos(Pos::new(HPos::Center, VPos::Bottom));
            chart
                .draw_series(bars.iter().map(|(x, v, _, w)| {
                    Text::new(fmt(*v), (x + w * 0.46, *v + ymax * 0.01), centred.clone())
                }))
                .ok()?;
        }
        if series.len() > 1 {
            legend(&mut chart, SeriesLabelPosition::UpperRight)?;
        }
        root.present().ok()?;
    }
    let headers = series_headers(series.iter().copied());
    let rows = groups
        .iter()
        .map(|g| {
            let mut row = vec![g.label.clone()];
            row.extend(g.values.iter().map(|v| fmt(*v)));
            row
        })
        .collect();
    Some(ChartView::new(svg, id, title, summary, headers, rows))
}

/// One row of a horizontal bar chart: a label and one value per series
/// (`None` draws nothing and shows "n/a" in the table).
pub struct BarRow {
    pub label: String,
    pub values: Vec<Option<f64>>,
}

/// How the values of a bar chart are written.
pub struct BarFormat<'a> {
    /// Labels of the value axis (a short form such as `640k` may do).
    pub axis: &'a dyn Fn(f64) -> String,
    /// The values on the bars and in the data table.
    pub value: &'a dyn Fn(f64) -> String,
    /// An undefined value in the data table.
    pub na: &'a str,
}

/// Horizontal grouped bars, one band per row, for long labels (project
/// names). Each series has its own colour and fill, the legend names them,
/// and every bar carries its value as text.
pub fn horizontal_bars(
    id: &str,
    title: &str,
    summary: String,
    series: &[(&str, RGBColor, bool)],
    rows: &[BarRow],
    format: &BarFormat<'_>,
) -> Option<ChartView> {
    let (axis, fmt, na) = (format.axis, format.value, format.na);
    if rows.is_empty() || series.is_empty() {
        return None;
    }
    let xmax = rows
        .iter()
        .flat_map(|r| r.values.iter().flatten().copied())
        .fold(1.0, f64::max)
        * 1.18;
    // Negative values (a milestone met early) grow to the left of zero.
    let xmin = rows
        .iter()
        .flat_map(|r| r.values.iter().flatten().copied())
        .fold(0.0, f64::min)
        * 1.18;
    if !xmax.is_finite() || xmax > 1e16 || !xmin.is_finite() || xmin < -1e16 {
        return None;
    }
    let n = rows.len() as f64;
    let k = series.len() as f64;
    let height = (70 + rows.len() * (14 * series.len() + 14)).max(180) as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (900, height)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(30)
            .y_label_area_size(230)
            .build_cartesian_2d(xmin..xmax, 0f64..n)
            .ok()?;
        let names: Vec<String> = rows.iter().map(|r| truncate(&r.label, 30)).collect();
        let y_fmt = |y: &f64| {
            let i = n - y.floor() - 1.0;
            if (y - y.floor() - 0.5).abs() < 1e-6 && i >= 0.0 {
                names.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        };
        let x_fmt = |x: &f64| axis(*x);
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(rows.len() * 2 + 1)
            .y_label_formatter(&y_fmt)
            .x_labels(6)
            .x_label_formatter(&x_fmt)
            .label_style(font(12))
            .light_line_style(WHITE)
            .draw()
            .ok()?;
        let band = 0.8 / k;
        for (si, (name, color, solid)) in series.iter().enumerate() {
            let bars: Vec<(f64, f64)> = rows
                .iter()
                .enumerate()
                .filter_map(|(ri, r)| {
                    r.values
                        .get(si)
                        .copied()
                        .flatten()
                        .map(|v| (n - ri as f64 - 0.9 + band * (k - 1.0 - si as f64), v))
                })
                .collect();
            let style = if *solid {
                color.filled()
            } else {
                color.mix(0.25).filled()
            };
            let c = *color;
            let s = *solid;
            chart
                .draw_series(
                    bars.iter()
                        .map(|(y, v)| Rectangle::new([(0.0, *y), (*v, y + band * 0.9)], style)),
                )
                .ok()?
                .label(*name)
                .legend(move |(x, y)| {
                    Rectangle::new(
                        [(x, y - 5), (x + 14, y + 5)],
                        if s { c.filled() } else { c.mix(0.25).filled() },
                    )
                });
            if !solid {
                chart
                    .draw_series(bars.iter().map(|(y, v)| {
                        Rectangle::new([(0.0, *y), (*v, y + band * 0.9)], color.stroke_width(2))
                    }))
                    .ok()?;
            }
            let right = font(11).pos(Pos::new(HPos::Left, VPos::Center));
            let left = font(11).pos(Pos::new(HPos::Right, VPos::Center));
            chart
                .draw_series(bars.iter().map(|(y, v)| {
                    let style = if *v < 0.0 {
                        left.clone()
                    } else {
                        right.clone()
                    };
                    Text::new(format!(" {} ", fmt(*v)), (*v, y + band * 0.45), style)
                }))
                .ok()?;
        }
        legend(&mut chart, SeriesLabelPosition::LowerRight)?;
        root.present().ok()?;
    }
    let headers = series_headers(series.iter().map(|s| s.0));
    let table = rows
        .iter()
        .map(|r| {
            let mut row = vec![r.label.clone()];
            row.extend(
                r.values
                    .iter()
                    .map(|v| v.map_or_else(|| na.to_string(), fmt)),
            );
            row
        })
        .collect();
    Some(ChartView::new(svg, id, title, summary, headers, table))
}
