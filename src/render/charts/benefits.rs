//! Benefit tracking: the measured values of one benefit over time against
//! its target, one chart per benefit (benefits rarely share a unit). The
//! measured values are a line with round markers, the target a dashed
//! horizontal line labelled on the chart; the value axis always includes 0,
//! the target and every value, so a negative target (−5 % churn) reads as
//! well as a positive one.

use jiff::civil::Date;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::mta::DateAxis;
use super::{BLUE, ChartView, GREY, INK, font};

/// One benefit: its measured values and target, in one unit.
pub struct BenefitSeries {
    pub name: String,
    /// Appended to values on the axis and in the table ("%", "kEUR"); may be empty.
    pub unit: String,
    pub target: Option<f64>,
    /// (date measured, value), in any order.
    pub measured: Vec<(Date, f64)>,
}

/// Labels of one benefit chart, in the site language.
pub struct BenefitLabels<'a> {
    /// The chart's title, e.g. the benefit's name.
    pub title: &'a str,
    pub date: &'a str,
    pub measured: &'a str,
    pub target: &'a str,
    pub summary: String,
}

/// Values beyond this make plotters' numeric ticks loop (see `evm.rs`).
const LIMIT: f64 = 1e15;

/// The measured values of `benefit` against its target; the id is
/// `benefit-<project_id>-<index>`. `None` when nothing was measured or a
/// value is not a finite number below 10^15 in size.
pub fn benefit_chart(
    project_id: &str,
    index: usize,
    benefit: &BenefitSeries,
    labels: &BenefitLabels<'_>,
    value: &dyn Fn(f64) -> String,
) -> Option<ChartView> {
    let mut measured = benefit.measured.clone();
    measured.sort_by_key(|m| m.0);
    let values = measured.iter().map(|m| m.1).chain(benefit.target);
    if values.clone().any(|v| !v.is_finite() || v.abs() > LIMIT) {
        return None;
    }
    let lo_date = measured.first()?.0;
    let hi_date = measured.last()?.0;
    let (lo, hi) = values.fold((0f64, 0f64), |(a, b), v| (a.min(v), b.max(v)));
    let pad = if hi > lo { (hi - lo) * 0.12 } else { 1.0 };
    let (ylo, yhi) = (if lo < 0.0 { lo - pad } else { 0.0 }, hi + pad);
    let axis = DateAxis::around(lo_date, hi_date, 7);
    let with_unit = |v: f64| {
        let s = value(v);
        if benefit.unit.is_empty() {
            s
        } else {
            format!("{s} {}", benefit.unit)
        }
    };
    let points: Vec<(f64, f64)> = measured.iter().map(|m| (axis.day(m.0), m.1)).collect();

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (720, 320)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let mut chart = ChartBuilder::on(&root)
            .margin(14)
            .margin_right(24)
            .x_label_area_size(34)
            .y_label_area_size(90)
            .build_cartesian_2d(axis.clone(), ylo..yhi)
            .ok()?;
        let x_fmt = |x: &f64| axis.label(*x);
        let y_fmt = |y: &f64| with_unit(*y);
        chart
            .configure_mesh()
            .x_label_formatter(&x_fmt)
            .y_label_formatter(&y_fmt)
            .y_labels(6)
            .label_style(font(12))
            .bold_line_style(GREY.mix(0.2))
            .light_line_style(WHITE)
            .draw()
            .ok()?;
        let (x0, x1) = (axis.lo, axis.hi);
        if ylo < 0.0 {
            chart
                .draw_series(LineSeries::new(vec![(x0, 0.0), (x1, 0.0)], INK.mix(0.6)))
                .ok()?;
        }
        if let Some(t) = benefit.target {
            chart
                .draw_series(DashedLineSeries::new(
                    vec![(x0, t), (x1, t)],
                    9,
                    5,
                    INK.stroke_width(2),
                ))
                .ok()?
                .label(labels.target)
                .legend(|(x, y)| {
                    DashedPathElement::new(vec![(x, y), (x + 20, y)], 6, 3, INK.stroke_width(2))
                });
            // Above the line, unless it runs along the top of the chart.
            let above = t < yhi - (yhi - ylo) * 0.1;
            let v = if above { VPos::Bottom } else { VPos::Top };
            let (px, py) = chart.backend_coord(&(x0, t));
            root.draw(&Text::new(
                format!("{} {}", labels.target, with_unit(t)),
                (px + 6, if above { py - 4 } else { py + 4 }),
                font(12).pos(Pos::new(HPos::Left, v)),
            ))
            .ok()?;
        }
        chart
            .draw_series(LineSeries::new(points.clone(), BLUE.stroke_width(2)))
            .ok()?
            .label(labels.measured)
            .legend(|(x, y)| {
                EmptyElement::at((x, y))
                    + PathElement::new(vec![(0, 0), (20, 0)], BLUE.stroke_width(2))
                    + Circle::new((10, 0), 4, BLUE.filled())
            });
        chart
            .draw_series(points.iter().map(|p| Circle::new(*p, 4, BLUE.filled())))
            .ok()?;
        if let Some(last) = points.last() {
            let (px, py) = chart.backend_coord(last);
            // Above the point, unless the target line runs just above it.
            let crowded = benefit.target.is_some_and(|t| {
                let ty = chart.backend_coord(&(last.0, t)).1;
                (py - 24..=py).contains(&ty)
            });
            let (y, v) = if crowded {
                (py + 8, VPos::Top)
            } else {
                (py - 8, VPos::Bottom)
            };
            root.draw(&Text::new(
                with_unit(last.1),
                (px - 6, y),
                font(12).pos(Pos::new(HPos::Right, v)),
            ))
            .ok()?;
        }
        chart
            .configure_series_labels()
            .position(quiet_corner(&points, benefit.target, (x0, x1), (ylo, yhi)))
            .background_style(WHITE.mix(0.9))
            .border_style(GREY)
            .label_font(font(12))
            .draw()
            .ok()?;
        root.present().ok()?;
    }
    let target = benefit.target.map(with_unit).unwrap_or_default();
    let rows = measured
        .iter()
        .map(|(d, v)| vec![d.to_string(), with_unit(*v), target.clone()])
        .collect();
    Some(ChartView::new(
        svg,
        &format!("benefit-{project_id}-{index}"),
        labels.title,
        labels.summary.clone(),
        vec![
            labels.date.into(),
            labels.measured.into(),
            labels.target.into(),
        ],
        rows,
    ))
}

/// The corner of the plot the legend covers least data in: the one with the
/// fewest measured points, a target line through it counting double.
fn quiet_corner(
    points: &[(f64, f64)],
    target: Option<f64>,
    (x0, x1): (f64, f64),
    (y0, y1): (f64, f64),
) -> SeriesLabelPosition {
    let nx = |x: f64| (x - x0) / (x1 - x0);
    let ny = |y: f64| (y - y0) / (y1 - y0);
    let corners = [
        (SeriesLabelPosition::UpperRight, true, true),
        (SeriesLabelPosition::UpperLeft, false, true),
        (SeriesLabelPosition::LowerRight, true, false),
        (SeriesLabelPosition::LowerLeft, false, false),
    ];
    let in_x = |x: f64, right: bool| if right { nx(x) > 0.65 } else { nx(x) < 0.35 };
    let in_y = |y: f64, upper: bool| if upper { ny(y) > 0.7 } else { ny(y) < 0.3 };
    corners
        .into_iter()
        .min_by_key(|&(_, right, upper)| {
            let hits = points
                .iter()
                .filter(|p| in_x(p.0, right) && in_y(p.1, upper))
                .count();
            hits + target.map_or(0, |t| 2 * usize::from(in_y(t, upper)))
        })
        .map_or(SeriesLabelPosition::UpperRight, |c| c.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn labels(title: &str) -> BenefitLabels<'_> {
        BenefitLabels {
            title,
            date: "Date",
            measured: "Measured",
            target: "Target",
            summary: "Churn is falling.".into(),
        }
    }

    fn churn() -> BenefitSeries {
        BenefitSeries {
            name: "Churn change".into(),
            unit: "%".into(),
            target: Some(-5.0),
            measured: vec![
                (date(2026, 3, 31), -2.5),
                (date(2026, 1, 31), 1.0),
                (date(2026, 2, 28), -1.0),
            ],
        }
    }

    fn fmt(v: f64) -> String {
        format!("{v:.1}")
    }

    /// The numbers written as y-axis tick labels (right-aligned text ending in the unit).
    fn y_ticks(svg: &str, unit: &str) -> Vec<f64> {
        svg.split("<text")
            .filter(|t| t.contains("text-anchor=\"end\""))
            .filter_map(|t| {
                let text = t.split('>').nth(1)?.split('<').next()?.trim();
                text.strip_suffix(&format!(" {unit}"))?.parse().ok()
            })
            .collect()
    }

    /// How plotters' SVG backend writes a text element's content.
    fn text(s: &str) -> String {
        format!(">\n{s}\n</text>")
    }

    #[test]
    fn a_negative_target_and_zero_are_in_range() {
        let c = benefit_chart("p1", 0, &churn(), &labels("Churn"), &fmt).expect("a chart");
        assert_eq!(c.id, "benefit-p1-0");
        assert!(
            c.svg
                .contains("<title id=\"benefit-p1-0-title\">Churn</title>")
        );
        let ticks = y_ticks(&c.svg, "%");
        assert!(ticks.len() >= 3, "{ticks:?}");
        let (min, max) = ticks
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(*v), b.max(*v)));
        assert!(
            min <= -5.0 + 1.0 && max >= 0.0,
            "ticks span target and 0: {ticks:?}"
        );
        assert!(c.svg.contains(&text("Target -5.0 %")), "target labelled");
        assert!(c.svg.contains(&text("-2.5 %")), "last value labelled");
        assert_eq!(c.headers, ["Date", "Measured", "Target"]);
        assert_eq!(
            c.rows,
            vec![
                vec!["2026-01-31", "1.0 %", "-5.0 %"],
                vec!["2026-02-28", "-1.0 %", "-5.0 %"],
                vec!["2026-03-31", "-2.5 %", "-5.0 %"],
            ]
        );
    }

    #[test]
    fn positive_values_start_at_zero() {
        let b = BenefitSeries {
            name: "Savings".into(),
            unit: String::new(),
            target: Some(120.0),
            measured: vec![(date(2026, 1, 1), 80.0), (date(2026, 6, 1), 100.0)],
        };
        let c = benefit_chart("p", 1, &b, &labels("Savings"), &fmt).expect("a chart");
        assert!(c.svg.contains(&text("0.0")), "the axis starts at 0");
        assert!(c.svg.contains(&text("Target 120.0")));
        assert_eq!(c.rows[1], ["2026-06-01", "100.0", "120.0"]);
    }

    #[test]
    fn no_target_no_target_line() {
        let mut b = churn();
        b.target = None;
        let c = benefit_chart("p", 0, &b, &labels("Churn"), &fmt).expect("a chart");
        assert!(!c.svg.contains(">Target"), "no target label or legend");
        assert_eq!(c.rows[0], ["2026-01-31", "1.0 %", ""]);
    }

    #[test]
    fn nothing_measured_or_absurd_values_is_no_chart() {
        let mut b = churn();
        b.measured.clear();
        assert!(benefit_chart("p", 0, &b, &labels("x"), &fmt).is_none());
        for bad in [f64::NAN, f64::INFINITY, 1e300] {
            let mut b = churn();
            b.measured.push((date(2026, 5, 1), bad));
            assert!(
                benefit_chart("p", 0, &b, &labels("x"), &fmt).is_none(),
                "{bad}"
            );
            let mut b = churn();
            b.target = Some(-bad);
            assert!(
                benefit_chart("p", 0, &b, &labels("x"), &fmt).is_none(),
                "{bad}"
            );
        }
    }

    #[test]
    fn one_value_and_absurd_dates_still_draw() {
        let b = BenefitSeries {
            name: "x".into(),
            unit: "h".into(),
            target: None,
            measured: vec![(date(2026, 2, 1), 0.0)],
        };
        let c = benefit_chart("p", 0, &b, &labels("x"), &fmt).expect("a chart");
        assert_eq!(c.rows, vec![vec!["2026-02-01", "0.0 h", ""]]);
        let b = BenefitSeries {
            measured: vec![(Date::MIN, 1.0), (Date::MAX, -1.0), (date(1, 1, 1), 3.0)],
            ..b
        };
        let c = benefit_chart("p", 0, &b, &labels("x"), &fmt).expect("a chart");
        assert_eq!(c.rows.len(), 3);
    }

    #[test]
    fn chinese_labels_are_escaped() {
        let b = BenefitSeries {
            name: "客户流失".into(),
            unit: "个百分点".into(),
            target: Some(-5.0),
            measured: vec![(date(2026, 1, 31), -1.0)],
        };
        let l = BenefitLabels {
            title: "收益 <流失率>",
            date: "日期",
            measured: "实测",
            target: "目标",
            summary: "s".into(),
        };
        let c = benefit_chart("p", 2, &b, &l, &fmt).expect("a chart");
        assert!(
            c.svg
                .contains("<title id=\"benefit-p-2-title\">收益 &lt;流失率&gt;</title>")
        );
        assert!(c.svg.contains(&text("目标 -5.0 个百分点")), "{}", c.svg);
        assert!(c.svg.contains(&text("实测")));
    }
}
