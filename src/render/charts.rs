//! Charts drawn at build time with plotters' SVG backend and inlined in the
//! page, so they show without JavaScript. Every chart comes with a title, a
//! one-sentence summary and its data as a table; series differ by dash,
//! marker or label as well as colour, for colour-blind readers. Text is left
//! to the browser's fonts, so Chinese labels render wherever the page does.

use jiff::civil::Date;
use plotters::coord::types::RangedCoordf64;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::Serialize;

use crate::metrics::evm::{days_between, planned_percent};
use crate::model::{Project, Rag};

/// A rendered chart with its accessible companions.
#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// Inline `<svg>` markup; all text in it is escaped by the backend.
    pub svg: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

const GREEN: RGBColor = RGBColor(30, 123, 52);
pub const AMBER: RGBColor = RGBColor(196, 130, 0);
const RED: RGBColor = RGBColor(179, 38, 30);
pub const GREY: RGBColor = RGBColor(120, 126, 140);
pub const BLUE: RGBColor = RGBColor(31, 95, 191);
const INK: RGBColor = RGBColor(40, 44, 52);

pub fn rag_color(r: Option<Rag>) -> RGBColor {
    match r {
        Some(Rag::Green) => GREEN,
        Some(Rag::Amber) => AMBER,
        Some(Rag::Red) => RED,
        None => GREY,
    }
}

fn font(size: u32) -> TextStyle<'static> {
    ("sans-serif", size).into_font().color(&INK)
}

type Chart2d<'a, 'b> =
    ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The series legend, boxed, in the same style on every chart.
fn legend<'a, 'b: 'a>(chart: &mut Chart2d<'a, 'b>, position: SeriesLabelPosition) -> Option<()> {
    chart
        .configure_series_labels()
        .position(position)
        .background_style(WHITE.mix(0.9))
        .border_style(GREY)
        .label_font(font(12))
        .draw()
        .ok()
}

/// Adds `role="img"`, an id'd `<title>` and `aria-labelledby` to plotters' SVG.
fn accessible(svg: String, id: &str, title: &str) -> String {
    let Some(end) = svg.find('>') else { return svg };
    let (head, rest) = svg.split_at(end);
    let title = crate::render::site_files::xml_escape(title);
    format!(
        r#"{head} role="img" aria-labelledby="{id}-title" class="chart-svg"><title id="{id}-title">{title}</title>{}"#,
        &rest[1..]
    )
}

fn draw_err<E: std::fmt::Debug>(e: E) -> String {
    format!("{e:?}")
}

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

/// PV / EV / AC over time for one project, up to `as_of`; `None` without a baseline.
pub fn s_curve(
    project: &Project,
    as_of: Date,
    labels: &SCurveLabels<'_>,
    money: &dyn Fn(f64) -> String,
) -> Option<ChartView> {
    let b = project.data.baseline.as_ref()?;
    let bac = b.budget;
    let mut dates: Vec<Date> = vec![b.start, b.finish];
    dates.extend(project.data.planned.iter().map(|p| p.date));
    dates.extend(
        project
            .data
            .status
            .iter()
            .filter(|s| s.date <= as_of)
            .map(|s| s.date),
    );
    dates.extend(
        project
            .data
            .actuals
            .iter()
            .filter(|a| a.date <= as_of)
            .map(|a| a.date),
    );
    if as_of >= b.start && as_of <= b.finish {
        dates.push(as_of);
    }
    dates.sort();
    dates.dedup();
    let x0 = *dates.first()?;
    let x1 = *dates.last()?;
    let day = |d: Date| days_between(x0, d) as f64;
    let pv: Vec<(f64, f64)> = dates
        .iter()
        .filter(|d| **d >= b.start && **d <= b.finish)
        .map(|d| {
            (
                day(*d),
                bac * planned_percent(&project.data, *d).unwrap_or(0.0) / 100.0,
            )
        })
        .collect();
    let mut status: Vec<_> = project
        .data
        .status
        .iter()
        .filter(|s| s.date <= as_of)
        .collect();
    status.sort_by_key(|s| s.date);
    let ev: Vec<(f64, f64)> = status
        .iter()
        .map(|s| (day(s.date), bac * s.percent_complete / 100.0))
        .collect();
    let mut actuals: Vec<_> = project
        .data
        .actuals
        .iter()
        .filter(|a| a.date <= as_of)
        .collect();
    actuals.sort_by_key(|a| a.date);
    let ac: Vec<(f64, f64)> = actuals.iter().map(|a| (day(a.date), a.cost)).collect();
    let ymax = pv
        .iter()
        .chain(&ev)
        .chain(&ac)
        .map(|p| p.1)
        .fold(bac, f64::max)
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
        let y_fmt = |y: &f64| money(*y);
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
        legend(&mut chart, SeriesLabelPosition::UpperLeft)?;
        root.present().ok()?;
    }
    let rows = dates
        .iter()
        .filter(|d| **d <= as_of)
        .map(|d| {
            let find = |v: &[(f64, f64)]| {
                v.iter()
                    .find(|p| p.0 == day(*d))
                    .map(|p| money(p.1))
                    .unwrap_or_default()
            };
            let pvv = if *d >= b.start {
                money(bac * planned_percent(&project.data, *d).unwrap_or(0.0) / 100.0)
            } else {
                String::new()
            };
            vec![d.to_string(), pvv, find(&ev), find(&ac)]
        })
        .collect();
    let id = format!("scurve-{}", project.id);
    Some(ChartView {
        svg: accessible(svg, &id, labels.title),
        id,
        title: labels.title.to_string(),
        summary: labels.summary.clone(),
        headers: vec![
            labels.date.into(),
            labels.pv.into(),
            labels.ev.into(),
            labels.ac.into(),
        ],
        rows,
    })
}

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
    let mut headers = vec![String::new()];
    headers.extend(series.iter().map(|s| s.to_string()));
    let rows = groups
        .iter()
        .map(|g| {
            let mut row = vec![g.label.clone()];
            row.extend(g.values.iter().map(|v| fmt(*v)));
            row
        })
        .collect();
    Some(ChartView {
        svg: accessible(svg, id, title),
        id: id.into(),
        title: title.into(),
        summary,
        headers,
        rows,
    })
}

/// One row of a horizontal bar chart: a label and one value per series
/// (`None` draws nothing and shows "n/a" in the table).
pub struct BarRow {
    pub label: String,
    pub values: Vec<Option<f64>>,
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
    fmt: &dyn Fn(f64) -> String,
    na: &str,
) -> Option<ChartView> {
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
        let x_fmt = |x: &f64| fmt(*x);
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
    let mut headers = vec![String::new()];
    headers.extend(series.iter().map(|s| s.0.to_string()));
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
    Some(ChartView {
        svg: accessible(svg, id, title),
        id: id.into(),
        title: title.into(),
        summary,
        headers,
        rows: table,
    })
}

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
            if (x - i).abs() < 1e-6 && i >= 0.0 && (i as usize) % step == 0 {
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
    let mut headers = vec![String::new()];
    headers.extend(series.iter().map(|s| s.0.to_string()));
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
    Some(ChartView {
        svg: accessible(svg, id, title),
        id: id.into(),
        title: title.into(),
        summary,
        headers,
        rows,
    })
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
    Some(ChartView {
        svg: accessible(svg, id, title),
        id: id.into(),
        title: title.into(),
        summary,
        headers,
        rows,
    })
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
    pub milestone: &'a str,
    pub as_of: &'a str,
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
    let _ = labels.milestone;
    Some(ChartView {
        svg: accessible(svg, "timeline", labels.title),
        id: "timeline".into(),
        title: labels.title.into(),
        summary: labels.summary.clone(),
        headers: vec![
            labels.project.into(),
            labels.baseline.into(),
            labels.forecast.into(),
            labels.health.into(),
        ],
        rows: table_rows,
    })
}

fn diamond(x: f64, y: f64, dx: f64, dy: f64) -> Vec<(f64, f64)> {
    vec![(x - dx, y), (x, y + dy), (x + dx, y), (x, y - dy)]
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max - 1).collect::<String>())
    }
}

/// Replaces `{name}` placeholders in a translated sentence.
pub fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = template.to_string();
    for (k, v) in values {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_gets_a_title_and_role() {
        let s = accessible("<svg width=\"1\"><rect/></svg>".into(), "c", "A & B");
        assert!(
            s.starts_with("<svg width=\"1\" role=\"img\" aria-labelledby=\"c-title\""),
            "{s}"
        );
        assert!(
            s.contains("<title id=\"c-title\">A &amp; B</title><rect/>"),
            "{s}"
        );
    }

    #[test]
    fn placeholders_fill() {
        assert_eq!(
            fill(
                "CPI {cpi}, SPI {spi}",
                &[("cpi", "0.9".into()), ("spi", "1.0".into())]
            ),
            "CPI 0.9, SPI 1.0"
        );
    }

    #[test]
    fn chinese_labels_survive_escaped() {
        let groups = vec![BarGroup {
            label: "绿 <b>".into(),
            values: vec![2.0],
            color: GREEN,
        }];
        let c = grouped_bars(
            "rag",
            "健康度分布",
            "s".into(),
            &["报告"],
            &groups,
            &|v| format!("{v}"),
        )
        .unwrap();
        assert!(c.svg.contains("健康度分布"));
        assert!(
            c.svg.contains("绿 &lt;b&gt;"),
            "labels are escaped by the SVG backend"
        );
    }
}
