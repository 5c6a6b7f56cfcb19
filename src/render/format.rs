//! Display formatting shared by all views: money, percents, ratios, dates.
//! Money is rounded to the cent only here, for display.

/// `1234567.891` → `1,234,567.89`.
pub fn money(value: f64) -> String {
    if !value.is_finite() {
        return "n/a".into();
    }
    let cents = (value * 100.0).round() as i64;
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    format!("{sign}{}.{:02}", group(cents / 100), cents % 100)
}

/// Whole units with separators, for large budget figures: `1,200,000`.
pub fn money_whole(value: f64) -> String {
    if !value.is_finite() {
        return "n/a".into();
    }
    let v = value.round() as i64;
    let sign = if v < 0 { "-" } else { "" };
    format!("{sign}{}", group(v.unsigned_abs()))
}

fn group(mut n: u64) -> String {
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
    parts.join(",")
}

/// Two decimals, or `n/a` when undefined.
pub fn ratio(value: Option<f64>, na: &str) -> String {
    match value {
        Some(v) if v.is_finite() => format!("{v:.2}"),
        _ => na.to_string(),
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

/// Short axis labels: `1.2M`, `850k`, `75`.
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

    #[test]
    fn money_groups_and_rounds_to_the_cent() {
        assert_eq!(money(1_234_567.891), "1,234,567.89");
        assert_eq!(money(-1000.005), "-1,000.01");
        assert_eq!(money(0.0), "0.00");
        assert_eq!(money_whole(1_200_000.0), "1,200,000");
        assert_eq!(money(f64::NAN), "n/a");
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
