//! Size limits on one text value, checked while YAML is parsed so a runaway
//! value (a 50 MB project name pasted by accident) is refused at its own
//! line and column in well under a second, instead of being copied into
//! every page that shows it. The whole-file limit is [`super::MAX_FILE_BYTES`].
//!
//! - Names, titles, ids and other one-line values: [`MAX_SHORT_BYTES`] (64 KiB).
//! - Markdown-bearing fields ([`LONG_FIELDS`]): [`MAX_LONG_BYTES`] (1 MiB).

use std::fmt;

use crate::error::Rule;
use crate::error::{Diagnostic, yaml_diagnostic};

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// The most bytes one name, title, id or other short text value may have.
pub const MAX_SHORT_BYTES: usize = 64 * 1024;

/// The most bytes one Markdown-bearing value (see [`LONG_FIELDS`]) may have.
pub const MAX_LONG_BYTES: usize = 1024 * 1024;

/// Keys whose values are Markdown text and may be long.
pub const LONG_FIELDS: &[&str] = &[
    "summary",
    "plan",
    "recovery_plan",
    "goal",
    "impact",
    "recommendation",
    "outcome",
    "note",
    "reason",
];

/// Walks any YAML document and fails at the first text value above its limit.
/// Succeeds (and builds nothing) for everything else; the typed parse follows.
pub fn check<'de, D: Deserializer<'de>>(de: D) -> Result<(), D::Error> {
    Probe {
        limit: MAX_SHORT_BYTES,
    }
    .deserialize(de)
}

/// A node of the document and the limit for the text values under it.
#[derive(Clone, Copy)]
struct Probe {
    limit: usize,
}

impl<'de> DeserializeSeed<'de> for Probe {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        de.deserialize_any(self)
    }
}

fn too_long<E: de::Error>(len: usize, limit: usize) -> E {
    let (what, kib) = if limit >= MAX_LONG_BYTES {
        ("a Markdown text field", limit / 1024)
    } else {
        ("a name, title, id or other short text", limit / 1024)
    };
    E::custom(format!(
        "this text is {} KiB; {what} {TOO_LONG} {kib} KiB",
        len.div_ceil(1024)
    ))
}

impl<'de> Visitor<'de> for Probe {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        if v.len() > self.limit {
            return Err(too_long(v.len(), self.limit));
        }
        Ok(())
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<(), E> {
        if v.len() > self.limit {
            return Err(too_long(v.len(), self.limit));
        }
        Ok(())
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
        Ok(())
    }
    fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_some<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        self.deserialize(de)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        self.deserialize(de)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key_seed(Key)? {
            let limit = match key {
                Some(k) if LONG_FIELDS.contains(&k.as_str()) => MAX_LONG_BYTES,
                _ => MAX_SHORT_BYTES,
            };
            map.next_value_seed(Probe { limit })?;
        }
        Ok(())
    }
}

/// A mapping key: its text when it is a short string, checked like a value.
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Option<String>;
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Option<String>, D::Error> {
        de.deserialize_any(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Option<String>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a mapping key")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<String>, E> {
        Probe {
            limit: MAX_SHORT_BYTES,
        }
        .visit_str::<E>(v)?;
        Ok(Some(v.to_string()))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Option<String>, E> {
        Ok(None)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Option<String>, E> {
        Ok(None)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Option<String>, E> {
        Ok(None)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Option<String>, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<String>, E> {
        Ok(None)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Option<String>, A::Error> {
        Probe {
            limit: MAX_SHORT_BYTES,
        }
        .visit_seq(seq)?;
        Ok(None)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<String>, A::Error> {
        Probe {
            limit: MAX_SHORT_BYTES,
        }
        .visit_map(map)?;
        Ok(None)
    }
}

/// Words of the too-long message, to tell it from syntax errors (which the typed parse reports).
const TOO_LONG: &str = "may have at most";

/// Checks the text values of `yaml` (a data file, or front matter starting
/// `line_offset` lines into `source`): the first one above its limit is an
/// error at its line and column. Other problems are left to the typed parse.
pub fn text_limits(
    file: &str,
    source: &str,
    line_offset: usize,
    yaml: &str,
) -> Result<(), Diagnostic> {
    // No value decodes to more than 3/2 of the text it is written in (the
    // escape `\L` is two characters and three bytes), so a document that
    // short cannot hold a value above the limit: nearly every front matter
    // and data file skips the second parse.
    if yaml.len().saturating_mul(3) / 2 <= MAX_SHORT_BYTES {
        return Ok(());
    }
    match check_yaml(yaml) {
        Err(e) if e.to_string().contains(TOO_LONG) => {
            let mut d = yaml_diagnostic(file, source, line_offset, &e);
            d.rule = Rule::TextTooLong;
            d.snippet = d.snippet.map(|s| shorten(&s));
            Err(d.with_hint(
                "shorten the value; long text belongs in a Markdown field such as `summary` or in a page under content/",
            ))
        }
        _ => Ok(()),
    }
}

/// The first 120 characters of a line, so a runaway value is not printed whole.
fn shorten(line: &str) -> String {
    match line.char_indices().nth(120) {
        Some((i, _)) => format!("{}…", &line[..i]),
        None => line.to_string(),
    }
}

/// Runs [`check`] over a YAML text (non-finite numbers are left to the typed parse).
pub fn check_yaml(text: &str) -> Result<(), serde_saphyr::Error> {
    let mut options = serde_saphyr::Options::default();
    options.non_finite_float_policy = serde_saphyr::NonFiniteFloatPolicy::PassThrough;
    serde_saphyr::from_str_with_options::<Checked>(text, options).map(|_| ())
}

/// Deserializes nothing but runs [`check`]; lets serde-saphyr drive it.
#[derive(Debug)]
struct Checked;

impl<'de> Deserialize<'de> for Checked {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        check(de).map(|()| Checked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(yaml: &str) -> Result<(), serde_saphyr::Error> {
        check_yaml(yaml)
    }

    #[test]
    fn ordinary_documents_pass() {
        let r = run("name: X\nn: 1\nf: .nan\nb: true\nlist: [a, {b: ~}]\n");
        assert!(r.is_ok(), "{r:?}");
        assert!(run("- { id: a, capacity: 50 }\n").is_ok());
    }

    #[test]
    fn a_long_name_fails_at_its_value_and_a_long_summary_is_allowed() {
        let big = "x".repeat(MAX_SHORT_BYTES + 1);
        let e = run(&format!("phase: a\nname: {big}\n")).unwrap_err();
        let loc = e.location().unwrap();
        assert_eq!((loc.line(), loc.column()), (2, 7), "{e}");
        assert!(e.to_string().contains("at most 64 KiB"), "{e}");
        assert!(run(&format!("summary: {big}\n")).is_ok());
        let huge = "y".repeat(MAX_LONG_BYTES + 1);
        assert!(run(&format!("summary: {huge}\n")).is_err());
    }

    #[test]
    fn the_short_document_shortcut_cannot_hide_a_long_value() {
        // 44,000 characters of `\L` escapes decode to 66,000 bytes: above the limit.
        let escapes = "\\L".repeat(22_000);
        let doc = format!("name: \"{escapes}\"\n");
        assert!(doc.len() < MAX_SHORT_BYTES);
        let d = text_limits("x.yaml", &doc, 0, &doc).unwrap_err();
        assert_eq!(d.rule, "text-too-long");
        assert!(text_limits("x.yaml", "name: short\n", 0, "name: short\n").is_ok());
    }
}
