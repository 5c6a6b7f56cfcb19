//! serde-saphyr errors as folio diagnostics: the library's wording (Rust
//! types, its own options) rewritten in folio's words, locations moved to
//! the diagnostic, and a hint for the common mistakes.

use super::{Diagnostic, Rule, did_you_mean};

/// Turns a serde-saphyr error into a diagnostic. `line_offset` is the number
/// of lines before the YAML in `source` (front matter starts after `---`).
pub fn yaml_diagnostic(
    file: &str,
    source: &str,
    line_offset: usize,
    err: &serde_saphyr::Error,
) -> Diagnostic {
    let plain = err.without_snippet().to_string();
    let raw = strip_location_prefix(plain.lines().next().unwrap_or("invalid YAML"));
    let (line, column) = err
        .location()
        .map(|l| (l.line() as usize, l.column() as usize))
        .unwrap_or((0, 0));
    let line = if line > 0 { line + line_offset } else { 0 };
    let (message, special_hint) = folio_wording(&raw);
    let mut d = Diagnostic::error(Rule::Yaml, file, message.clone()).at(source, line, column);
    d.hint = Some(special_hint.unwrap_or_else(|| hint_for_yaml_message(&message)));
    d
}

/// Rewrites serde-saphyr's library wording (which talks about Rust types and
/// its own `Options`) into folio's words, with a hint where one helps.
fn folio_wording(raw: &str) -> (String, Option<String>) {
    let owned = |s: &str| s.to_string();
    if let Some(rest) = raw.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(", set ").next().unwrap_or(rest).trim();
        return (
            format!("the key `{key}` appears twice in this mapping"),
            Some(
                "each key may appear only once in a mapping; remove or rename the repeated key"
                    .into(),
            ),
        );
    }
    if raw.starts_with("duplicate mapping key") {
        return (
            owned("a key appears twice in this mapping"),
            Some(
                "each key may appear only once in a mapping; remove or rename the repeated key"
                    .into(),
            ),
        );
    }
    if let Some(rest) = raw.strip_prefix("invalid ") {
        let what = match rest {
            "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64" | "usize" => {
                Some("a whole number in range here (scores are 1–5, priorities 0 or more)")
            }
            "floating point" => Some("a number, e.g. 1250000 or 62.5"),
            _ => None,
        };
        if let Some(what) = what {
            return (
                format!("this value is not {what}"),
                Some("write a plain number without units or thousands separators".into()),
            );
        }
    }
    if raw.starts_with("multiple YAML documents") {
        return (
            owned("the file holds more than one YAML document (a second `---` line)"),
            Some("remove the extra `---` line; each data file is one document".into()),
        );
    }
    if raw.starts_with("cannot deserialize null") {
        return (
            owned("this value is empty"),
            Some("write a value after the colon, or remove the key".into()),
        );
    }
    if raw.starts_with("expected string scalar") {
        return (
            owned("expected plain text here, not a list or mapping"),
            Some("quote the text if it contains `[`, `{`, `: ` or ` #`".into()),
        );
    }
    if raw.starts_with("expected mapping start") {
        return (
            owned("expected `key: value` lines here"),
            Some("this part of the file must be a mapping of keys to values, not a list or a single value".into()),
        );
    }
    if raw.starts_with("expected sequence start") {
        return (owned("expected a list here"), None);
    }
    if raw.starts_with("alias references unknown anchor") {
        return (
            owned("`*name` refers to an anchor `&name` that is not defined above"),
            Some("define the anchor before using it, or quote text that starts with `*`".into()),
        );
    }
    if raw.starts_with("failed to parse") && raw.contains("month") {
        return (owned("this date has no such month"), None);
    }
    if raw.starts_with("failed to parse") && raw.contains("day") {
        return (owned("this date has no such day"), None);
    }
    if raw.contains("Options") || raw.contains("from_str") || raw.contains("Option<") {
        return (
            owned("this YAML cannot be read"),
            Some(format!("check the value here; the YAML reader said: {raw}")),
        );
    }
    (raw.to_string(), None)
}

/// Drops the `line N column M: ` prefix and ` at line N, column M` suffix
/// serde-saphyr adds: the diagnostic shows the location itself.
fn strip_location_prefix(msg: &str) -> String {
    let msg = msg.trim();
    let msg = msg.strip_prefix("error: ").unwrap_or(msg);
    let msg = match msg.rfind(" at line ") {
        Some(i) if msg[i..].contains(", column ") => &msg[..i],
        _ => msg,
    };
    if let Some(rest) = msg.strip_prefix("line ")
        && let Some(idx) = rest.find(": ")
        && rest[..idx].contains("column")
    {
        return rest[idx + 2..].to_string();
    }
    msg.to_string()
}

/// A hint for the common YAML mistakes: unknown keys get "did you mean".
fn hint_for_yaml_message(msg: &str) -> String {
    if let Some(rest) = msg.strip_prefix("unknown field `")
        && let Some(end) = rest.find('`')
    {
        let unknown = &rest[..end];
        let expected: Vec<&str> = rest
            .split_once("expected one of ")
            .or_else(|| rest.split_once("expected "))
            .map(|(_, list)| {
                list.split(", ")
                    .map(|s| s.trim_matches(|c| c == '`' || c == ' '))
                    .collect()
            })
            .unwrap_or_default();
        return match did_you_mean(unknown, &expected) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("allowed keys here: {}", expected.join(", ")),
        };
    }
    if msg.starts_with("threshold ") {
        return "thresholds are plain numbers of 0 or more, e.g. `cpi: { amber: 0.95, red: 0.90 }`"
            .into();
    }
    if msg.contains("duplicate") {
        return "each key may appear only once in a mapping; remove or rename the repeated key"
            .into();
    }
    if msg.contains("month") || msg.contains("day") || msg.contains("date") {
        return "dates are written YYYY-MM-DD, e.g. 2026-10-31".into();
    }
    if msg.contains("sequence") {
        return "this value must be a list, e.g. `[a, b]` or one `- item` per line".into();
    }
    "check the indentation and quote values that contain `: ` or start with a special character"
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_field_gets_a_hint() {
        let h = hint_for_yaml_message("unknown field `titel`, expected one of title, date");
        assert_eq!(h, "did you mean `title`?");
    }

    #[test]
    fn strips_saphyr_location_prefix() {
        assert_eq!(
            strip_location_prefix("line 4 column 1: unknown field"),
            "unknown field"
        );
    }

    #[test]
    fn strips_saphyr_location_suffix() {
        assert_eq!(
            strip_location_prefix("invalid u8 at line 2, column 4"),
            "invalid u8"
        );
    }

    fn yaml_message(yaml: &str) -> Diagnostic {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct P {
            name: String,
            n: Option<u8>,
            f: Option<f64>,
            d: Option<jiff::civil::Date>,
        }
        let e = serde_saphyr::from_str::<P>(yaml).unwrap_err();
        yaml_diagnostic("f.yaml", yaml, 0, &e)
    }

    #[test]
    fn library_wording_becomes_folio_wording() {
        for (yaml, expected, at) in [
            (
                "name: a\nname: b\n",
                "the key `name` appears twice in this mapping",
                (2, 1),
            ),
            (
                "name: a\nn: 300\n",
                "this value is not a whole number",
                (2, 4),
            ),
            ("name: a\nf: x\n", "this value is not a number", (2, 4)),
            (
                "name: a\n---\nname: b\n",
                "more than one YAML document",
                (3, 1),
            ),
            ("name: ~\n", "this value is empty", (1, 7)),
            ("name: a\nd: 2026-13-01\n", "no such month", (2, 4)),
        ] {
            let d = yaml_message(yaml);
            assert!(d.message.contains(expected), "{yaml:?}: {}", d.message);
            assert_eq!((d.line, d.column), at, "{yaml:?}");
            for lib in [
                "Options",
                "DuplicateKeyPolicy",
                "from_str",
                " at line ",
                "u8",
            ] {
                assert!(!d.message.contains(lib), "{yaml:?}: {}", d.message);
            }
            assert!(d.hint.is_some());
        }
    }
}
