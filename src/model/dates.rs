//! Dates in data files: parsed as ISO `YYYY-MM-DD` and refused at parse
//! time, at the value's own line and column, when far outside any real
//! portfolio (a typo such as `0206-01-01` would otherwise make folio
//! generate a report page for every month in between).

use jiff::civil::Date;
use serde::{Deserialize, Deserializer};

use super::At;

/// The years folio accepts in data: wide enough for any real portfolio.
pub const YEARS: std::ops::RangeInclusive<i16> = 1900..=2200;

/// Whether `d` lies within [`YEARS`].
pub fn plausible(d: Date) -> bool {
    YEARS.contains(&d.year())
}

fn check<E: serde::de::Error>(d: Date) -> Result<Date, E> {
    if plausible(d) {
        Ok(d)
    } else {
        Err(E::custom(format!(
            "date {d} is outside {}–{}",
            YEARS.start(),
            YEARS.end()
        )))
    }
}

pub fn date<'de, D: Deserializer<'de>>(de: D) -> Result<Date, D::Error> {
    check(Date::deserialize(de)?)
}

pub fn opt_date<'de, D: Deserializer<'de>>(de: D) -> Result<Option<Date>, D::Error> {
    Option::<Date>::deserialize(de)?.map(check).transpose()
}

pub fn at_date<'de, D: Deserializer<'de>>(de: D) -> Result<At<Date>, D::Error> {
    let d = At::<Date>::deserialize(de)?;
    check::<D::Error>(*d)?;
    Ok(d)
}

pub fn opt_at_date<'de, D: Deserializer<'de>>(de: D) -> Result<Option<At<Date>>, D::Error> {
    let d = Option::<At<Date>>::deserialize(de)?;
    if let Some(d) = &d {
        check::<D::Error>(**d)?;
    }
    Ok(d)
}

/// A mapping of names to dates, each checked and with its position.
pub fn date_map<'de, D: Deserializer<'de>>(
    de: D,
) -> Result<std::collections::BTreeMap<String, At<Date>>, D::Error> {
    let m = Option::<std::collections::BTreeMap<String, At<Date>>>::deserialize(de)?;
    let m = m.unwrap_or_default();
    for d in m.values() {
        check::<D::Error>(**d)?;
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Doc {
        #[serde(deserialize_with = "date")]
        a: Date,
        #[serde(default, deserialize_with = "opt_date")]
        b: Option<Date>,
    }

    #[test]
    fn implausible_dates_fail_at_the_value() {
        let e = serde_saphyr::from_str::<Doc>("a: 2026-01-01\nb:  0206-01-01\n").unwrap_err();
        let loc = e.location().unwrap();
        assert_eq!((loc.line(), loc.column()), (2, 5), "{e}");
        assert!(e.to_string().contains("outside 1900–2200"), "{e}");
        assert!(serde_saphyr::from_str::<Doc>("a: 2026-01-01\n").is_ok());
    }
}
