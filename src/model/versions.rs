//! Values a project changes over time: a baseline that is re-baselined, a
//! forecast the manager revises. In a project file either one mapping (in
//! force at every date when it has no `date`, from its date on when it has
//! one) or a list of dated versions; as of D the latest version dated on or
//! before D is in force, replacing the previous one whole (SPEC 3.4).

use jiff::civil::Date;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::At;

/// A version that may carry the date it applies from.
pub trait Dated {
    fn date(&self) -> Option<Date>;
}

/// One mapping or a list of dated versions, each with its source position.
#[derive(Debug, Clone, PartialEq)]
pub struct Versions<T> {
    /// In file order.
    pub entries: Vec<At<T>>,
    /// Written as a list (every entry must then carry a date).
    pub list: bool,
}

impl<T> Default for Versions<T> {
    fn default() -> Self {
        Self {
            entries: Vec::new(),
            list: false,
        }
    }
}

impl<T: Dated> Versions<T> {
    /// The version in force at `d`: an undated single mapping at every date,
    /// else the latest dated on or before `d` (of several on one day, the
    /// last in the file); `None` before the first date.
    pub fn at(&self, d: Date) -> Option<&T> {
        let mut best: Option<(Date, &T)> = None;
        for e in &self.entries {
            match e.date() {
                None if !self.list => return Some(e.get()),
                Some(from) if from <= d && best.is_none_or(|(b, _)| from >= b) => {
                    best = Some((from, e.get()));
                }
                _ => {}
            }
        }
        best.map(|(_, v)| v)
    }

    /// Whether anything was written.
    pub fn is_given(&self) -> bool {
        !self.entries.is_empty()
    }

    /// Written as one mapping without a date: today's value, applied to
    /// every past date too (`forecast-undated`).
    pub fn is_undated(&self) -> bool {
        !self.list && self.entries.iter().any(|e| e.date().is_none())
    }

    /// The dated versions in date order (file order on one day).
    pub fn history(&self) -> Vec<&At<T>> {
        let mut v: Vec<&At<T>> = self.entries.iter().collect();
        v.sort_by_key(|e| e.date());
        v
    }

    /// The version in force at every date: the single mapping's value when
    /// undated, else the latest version of all (for figures that do not
    /// depend on a date).
    pub fn latest(&self) -> Option<&T> {
        self.at(Date::MAX)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Versions<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Versions<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a mapping, or a list of mappings each with a `date`")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Versions::default())
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Versions::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let one = T::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Versions {
                    entries: vec![At::bare(one)],
                    list: false,
                })
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(e) = seq.next_element::<At<T>>()? {
                    entries.push(e);
                }
                Ok(Versions {
                    entries,
                    list: true,
                })
            }
        }
        deserializer.deserialize_any(V(std::marker::PhantomData))
    }
}

impl<T: Serialize> Serialize for Versions<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match (self.list, self.entries.first()) {
            (false, Some(one)) => one.serialize(serializer),
            (false, None) => serializer.serialize_none(),
            (true, _) => self.entries.serialize(serializer),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct E {
        #[serde(default, deserialize_with = "crate::model::dates::opt_date")]
        date: Option<Date>,
        v: u32,
    }
    impl Dated for E {
        fn date(&self) -> Option<Date> {
            self.date
        }
    }
    #[derive(Debug, Deserialize)]
    struct Doc {
        #[serde(default)]
        x: Versions<E>,
    }

    fn doc(yaml: &str) -> Versions<E> {
        serde_saphyr::from_str::<Doc>(yaml).unwrap().x
    }

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn an_undated_mapping_applies_at_every_date() {
        let x = doc("x: { v: 1 }\n");
        assert_eq!(x.at(d("1990-01-01")).map(|e| e.v), Some(1));
        assert!(x.is_undated() && !x.list);
        assert!(!serde_saphyr::from_str::<Doc>("{}\n").unwrap().x.is_given());
    }

    #[test]
    fn the_latest_dated_on_or_before_d_is_in_force() {
        let x = doc(
            "x:\n  - { date: 2026-03-31, v: 1 }\n  - { date: 2026-09-30, v: 3 }\n  - { date: 2026-06-30, v: 2 }\n",
        );
        let at = |s: &str| x.at(d(s)).map(|e| e.v);
        assert_eq!(at("2026-03-30"), None, "nothing dated yet: as if absent");
        assert_eq!(at("2026-03-31"), Some(1));
        assert_eq!(at("2026-07-01"), Some(2), "list order does not matter");
        assert_eq!(at("2027-01-01"), Some(3));
        assert_eq!(x.latest().map(|e| e.v), Some(3));
        let h: Vec<u32> = x.history().iter().map(|e| e.v).collect();
        assert_eq!(h, [1, 2, 3]);
        assert!(!x.is_undated());
        // Positions of list entries are kept for diagnostics.
        assert_eq!(x.entries[1].line, 3);
    }

    #[test]
    fn a_dated_single_mapping_applies_from_its_date() {
        let x = doc("x: { date: 2026-05-01, v: 7 }\n");
        assert_eq!(x.at(d("2026-04-30")).map(|e| e.v), None);
        assert_eq!(x.at(d("2026-05-01")).map(|e| e.v), Some(7));
        assert!(!x.is_undated());
    }

    #[test]
    fn of_two_on_one_day_the_last_in_the_file_wins() {
        let x = doc("x:\n  - { date: 2026-05-01, v: 1 }\n  - { date: 2026-05-01, v: 2 }\n");
        assert_eq!(x.at(d("2026-05-02")).map(|e| e.v), Some(2));
    }

    #[test]
    fn a_scalar_is_refused_at_its_position() {
        let e = serde_saphyr::from_str::<Doc>("x: 12\n").unwrap_err();
        assert!(e.to_string().contains("a mapping, or a list"), "{e}");
    }
}
