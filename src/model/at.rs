//! [`At<T>`]: a value read from a data file together with the line and
//! column where it was written, so validation can point at the value itself.
//! It derefs to the value, and compares and serializes as the value alone,
//! so metrics and templates read it like the plain value.

use std::cmp::Ordering;
use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_saphyr::Spanned;

/// A value and its 1-based source position (0 when it did not come from a file).
#[derive(Debug, Clone, Copy, Default)]
pub struct At<T> {
    value: T,
    pub line: usize,
    pub column: usize,
}

impl<T> At<T> {
    pub const fn new(value: T, line: usize, column: usize) -> Self {
        Self {
            value,
            line,
            column,
        }
    }

    /// A value with no source position (defaults, values made by folio).
    pub const fn bare(value: T) -> Self {
        Self::new(value, 0, 0)
    }

    pub fn get(&self) -> &T {
        &self.value
    }
}

impl<T> Deref for At<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: std::fmt::Display> std::fmt::Display for At<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.value.fmt(f)
    }
}

impl<T: PartialEq> PartialEq for At<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<T: Eq> Eq for At<T> {}

impl<T: PartialOrd> PartialOrd for At<T> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        self.value.partial_cmp(&other.value)
    }
}

impl<T: Ord> Ord for At<T> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.value.cmp(&other.value)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for At<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = Spanned::<T>::deserialize(deserializer)?;
        Ok(Self::new(
            s.value,
            usize::try_from(s.referenced.line()).unwrap_or(0),
            usize::try_from(s.referenced.column()).unwrap_or(0),
        ))
    }
}

impl<T: Serialize> Serialize for At<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Doc {
        #[allow(dead_code)]
        a: u32,
        b: At<f64>,
        list: Vec<Item>,
    }

    #[derive(Deserialize)]
    struct Item {
        x: At<f64>,
    }

    #[test]
    fn records_line_and_column_of_the_value() {
        let doc: Doc =
            serde_saphyr::from_str("a: 1\nb:   2.5\nlist:\n  - { x: 1 }\n  - x: -3\n").unwrap();
        assert_eq!((*doc.b, doc.b.line, doc.b.column), (2.5, 2, 6));
        assert_eq!((doc.list[0].x.line, doc.list[0].x.column), (4, 10));
        assert_eq!((doc.list[1].x.line, doc.list[1].x.column), (5, 8));
    }

    #[test]
    fn compares_by_value_only() {
        assert_eq!(At::new(1, 2, 3), At::new(1, 9, 9));
        assert!(At::new(1, 9, 9) < At::new(2, 1, 1));
    }
}
