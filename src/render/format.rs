//! Display formatting shared by all views: money ([`Money`]), percents,
//! ratios (plain, or read against thresholds), sizes and axis labels.
//! Figures are rounded only here, for display.

use crate::config::{Language, RatioThreshold};
use crate::metrics::below;

/// How money is shown, in one place for every page, chart, table and report.
///
/// - **Whole units** (`EUR 640,000`) for every amount: budgets, roll-ups,
///   report figures, chart values and data tables.
/// - **Cents** (`EUR 1,895,848.10`) only for one project's earned-value
///   figures (its EVM table and S-curve), which are computed to the cent
///   from cent amounts and are read against each other.
/// - **Negatives** carry a leading minus sign U+2212 before the currency:
///   `−EUR 41,272`. A value that rounds to zero has no sign.
/// - **Changes** ([`Money::delta`]) carry `+` or `−`.
/// - **Axis labels** (`640k`, `1.2M`) only on chart axes ([`compact`]).
///
/// Digit grouping goes through [`group`], the per-language hook (both
/// languages group by thousands today).
#[derive(Debug, Clone, Copy)]
pub struct Money<'a> {
    pub currency: &'a str,
    pub language: Language,
}

impl Money<'_> {
    /// Whole units: `EUR 640,000`, `−EUR 41,272`.
    pub fn whole(&self, value: f64) -> String {
        self.amount(value, 0)
    }

    /// To the cent, for a project's EVM figures: `EUR 1,895,848.10`, `−EUR 263,000.00`.
    pub fn cents(&self, value: f64) -> String {
        self.amount(value, 2)
    }

    /// A movement in whole units: `+EUR 1,000`, `−EUR 1,000`, `EUR 0`.
    pub fn delta(&self, value: f64) -> String {
        let text = self.whole(value);
        if value.is_finite() && value.round() > 0.0 {
            format!("+{text}")
        } else {
            text
        }
    }

    fn amount(&self, value: f64, decimals: u32) -> String {
        if !value.is_finite() {
            return "n/a".into();
        }
        let scale = 10u64.pow(decimals);
        let units = (value * scale as f64).round();
        let sign = if units < 0.0 { "\u{2212}" } else { "" };
        let units = units.abs() as u64;
        let whole = group(units / scale, self.language);
        let number = if decimals == 0 {
            whole
        } else {
            format!(
                "{whole}.{:0width$}",
                units % scale,
                width = decimals as usize
            )
        };
        format!("{sign}{} {number}", self.currency)
    }
}

/// Groups digits for `language`: `1234567` → `1,234,567`.
pub fn group(mut n: u64, language: Language) -> String {
    let separator = match language {
        Language::En | Language::ZhCn => ",",
    };
    let mut parts = Vec::new();
    loop {
        if n < 1000 {
            parts.push(n.to_string());
            break;
        }
        parts.push(format!("{:03}", n % 1000));
        n /= 1000;
    }
    parts.reverse();
    parts.join(separator)
}

/// A whole number with thousands separators (`1,200,000`), without a
/// currency: for counts (`cmd/build.rs` prints file counts with it). Money is
/// shown through [`Money`] only.
pub fn money_whole(value: f64) -> String {
    if !value.is_finite() {
        return "n/a".into();
    }
    let v = value.round();
    let sign = if v < 0.0 { "-" } else { "" };
    format!("{sign}{}", group(v.abs() as u64, Language::En))
}

/// A ratio (CPI, SPI) read against its thresholds: two decimals, unless
/// that rounding lands on a threshold the value is not at; then as many
/// more decimals (up to six) as show which side it lies on (`0.896` for
/// 0.8963 against a red threshold of 0.90). `na` when undefined.
pub fn ratio_against(value: Option<f64>, t: RatioThreshold, na: &str) -> String {
    let Some(v) = value.filter(|v| v.is_finite()) else {
        return na.to_string();
    };
    // "At" a threshold is what the health rules count as at it (not below).
    let at = |th: f64| !below(v, th) && !crate::metrics::above(v, th);
    let mut decimals = 2;
    while decimals < 6 {
        let shown = format!("{v:.decimals$}");
        let lands_on = [t.amber, t.red]
            .iter()
            .any(|&th| shown == format!("{th:.decimals$}") && !at(th));
        if !lands_on {
            break;
        }
        decimals += 1;
    }
    format!("{v:.decimals$}")
}

/// Two decimals, or `n/a` when undefined; never `-0.00`.
pub fn ratio(value: Option<f64>, na: &str) -> String {
    match value {
        Some(v) if v.is_finite() => {
            let s = format!("{v:.2}");
            if s == "-0.00" { "0.00".into() } else { s }
        }
        _ => na.to_string(),
    }
}

/// A measured value with its unit: up to two decimals, trailing zeros
/// dropped, a minus sign for negatives; `%` follows the number directly,
/// other units after a space.
pub fn measure(value: f64, unit: &str) -> String {
    let mut s = format!("{value:.2}");
    if s.contains('.') {
        s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    if s == "-0" {
        s = "0".into();
    }
    let s = s.replacen('-', "\u{2212}", 1);
    match unit {
        "" => s,
        "%" => format!("{s}%"),
        u => format!("{s} {u}"),
    }
}

/// A percentage with up to one decimal: `62 %` style without the space.
pub fn percent(value: f64) -> String {
    if (value - value.round()).abs() < 1e-9 {
        format!("{}%", value.round() as i64)
    } else {
        format!("{value:.1}%")
    }
}

/// Human file size: `12.3 KB`.
pub fn file_size(bytes: u64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
    }
}

/// Short axis labels: `1.2M`, `850k`, `75`; for chart axes only, never for a value.
pub fn compact(value: f64) -> String {
    let a = value.abs();
    if a >= 1_000_000.0 {
        format!("{:.1}M", value / 1_000_000.0).replace(".0M", "M")
    } else if a >= 1_000.0 {
        format!("{:.0}k", value / 1_000.0)
    } else {
        format!("{value:.0}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EUR: Money<'static> = Money {
        currency: "EUR",
        language: Language::En,
    };

    #[test]
    fn ratios_never_show_negative_zero_and_measures_keep_their_unit() {
        assert_eq!(ratio(Some(-0.0001), "n/a"), "0.00");
        assert_eq!(ratio(Some(-0.83), "n/a"), "-0.83");
        assert_eq!(measure(-1.5, "%"), "\u{2212}1.5%");
        assert_eq!(measure(3.0, "days"), "3 days");
        assert_eq!(measure(0.126, ""), "0.13");
        assert_eq!(measure(-0.001, "%"), "0%");
    }

    #[test]
    fn money_has_one_style_for_whole_amounts_cents_and_negatives() {
        assert_eq!(EUR.whole(640_000.0), "EUR 640,000");
        assert_eq!(EUR.whole(-41_272.4), "\u{2212}EUR 41,272");
        assert_eq!(EUR.whole(-0.4), "EUR 0", "no sign on a zero");
        assert_eq!(EUR.cents(1_234_567.891), "EUR 1,234,567.89");
        assert_eq!(EUR.cents(-149_200.0), "\u{2212}EUR 149,200.00");
        assert_eq!(EUR.cents(0.0), "EUR 0.00");
        assert_eq!(EUR.delta(1000.0), "+EUR 1,000");
        assert_eq!(EUR.delta(-1000.0), "\u{2212}EUR 1,000");
        assert_eq!(EUR.delta(0.2), "EUR 0");
        assert_eq!(EUR.whole(f64::NAN), "n/a");
        let zh = Money {
            currency: "CNY",
            language: Language::ZhCn,
        };
        assert_eq!(zh.whole(1_200_000.0), "CNY 1,200,000");
    }

    #[test]
    fn a_ratio_rounded_onto_a_threshold_shows_its_side() {
        let t = RatioThreshold {
            amber: 0.95,
            red: 0.90,
        };
        assert_eq!(ratio_against(Some(0.8963), t, "n/a"), "0.896");
        assert_eq!(ratio_against(Some(0.9012), t, "n/a"), "0.901");
        assert_eq!(ratio_against(Some(0.8996), t, "n/a"), "0.8996");
        assert_eq!(ratio_against(Some(0.90), t, "n/a"), "0.90", "exactly at");
        assert_eq!(ratio_against(Some(0.9499), t, "n/a"), "0.9499");
        assert_eq!(ratio_against(Some(0.874), t, "n/a"), "0.87");
        assert_eq!(ratio_against(None, t, "n/a"), "n/a");
    }

    #[test]
    fn ratios_have_two_decimals_or_na() {
        assert_eq!(ratio(Some(0.9512), "n/a"), "0.95");
        assert_eq!(ratio(None, "n/a"), "n/a");
        assert_eq!(ratio(Some(f64::INFINITY), "无"), "无");
    }

    #[test]
    fn compact_axis_labels() {
        assert_eq!(compact(1_200_000.0), "1.2M");
        assert_eq!(compact(2_000_000.0), "2M");
        assert_eq!(compact(850_000.0), "850k");
        assert_eq!(compact(75.0), "75");
    }

    #[test]
    fn sizes_and_percents() {
        assert_eq!(file_size(512), "512 B");
        assert_eq!(file_size(2048), "2.0 KB");
        assert_eq!(percent(62.0), "62%");
        assert_eq!(percent(12.25), "12.2%");
    }
}
