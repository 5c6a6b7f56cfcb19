//! Charts drawn at build time with plotters' SVG backend and inlined in the
//! page, so they show without JavaScript. Every chart comes with a title, a
//! one-sentence summary and its data as a table; series differ by dash,
//! marker or label as well as colour, for colour-blind readers. Text is left
//! to the browser's fonts, so Chinese labels render wherever the page does.

mod bars;
mod benefits;
mod evm;
mod mta;
mod portfolio;

use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use serde::Serialize;

use crate::model::Rag;

pub use bars::{BarFormat, BarGroup, BarRow, grouped_bars, horizontal_bars};
pub use benefits::{BenefitLabels, BenefitSeries, benefit_chart};
pub use evm::{EarnedScheduleMark, SCurveLabels, s_curve};
pub use mta::{MtaLabels, MtaSeries, mta};
pub use portfolio::{Bubble, TimelineLabels, TimelineRow, timeline, trend, value_risk};

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

impl ChartView {
    /// A finished chart: the SVG made accessible under `title`, with its data table.
    fn new(
        svg: String,
        id: &str,
        title: &str,
        summary: String,
        headers: Vec<String>,
        rows: Vec<Vec<String>>,
    ) -> ChartView {
        ChartView {
            svg: accessible(svg, id, title),
            id: id.into(),
            title: title.into(),
            summary,
            headers,
            rows,
        }
    }
}

/// Data-table headers of a chart with one column per series: a blank
/// corner, then the series names.
fn series_headers<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    std::iter::once(String::new())
        .chain(names.into_iter().map(str::to_string))
        .collect()
}

pub const GREEN: RGBColor = RGBColor(30, 123, 52);
pub const AMBER: RGBColor = RGBColor(196, 130, 0);
pub const RED: RGBColor = RGBColor(179, 38, 30);
pub const GREY: RGBColor = RGBColor(120, 126, 140);
pub const BLUE: RGBColor = RGBColor(31, 95, 191);
pub const INK: RGBColor = RGBColor(40, 44, 52);

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
