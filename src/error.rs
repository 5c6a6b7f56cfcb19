//! Diagnostics: every problem found in a site is a [`Diagnostic`] that names
//! the file, line and column, carries the offending source line and a hint,
//! and is rendered for humans (or JSON) at the binary edge.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;
use unicode_width::UnicodeWidthChar;

/// How bad a diagnostic is. Errors fail the build; warnings do not (unless `--strict`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One problem in one place of the site's sources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable rule id (`yaml`, `unknown-person`, `broken-link`, ...).
    pub rule: &'static str,
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based character column; 0 when unknown.
    pub column: usize,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Where the problem showed (`while rendering content/a.md`); not part of
    /// the cause, so one template typo met by many pages is one message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    /// The source line the problem is on, when known.
    #[serde(skip)]
    pub snippet: Option<String>,
}

impl Diagnostic {
    pub fn error(rule: &'static str, file: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            rule,
            file: file.into(),
            line: 0,
            column: 0,
            message: message.into(),
            hint: None,
            context: None,
            snippet: None,
        }
    }

    pub fn warning(
        rule: &'static str,
        file: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(rule, file, message)
        }
    }

    /// Sets line and column, and takes the snippet from `source` (the whole file).
    #[must_use]
    pub fn at(mut self, source: &str, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        if line > 0 {
            self.snippet = source.lines().nth(line - 1).map(str::to_owned);
        }
        self
    }

    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}[{}]: {}", self.rule, self.message)?;
        match &self.context {
            Some(c) => writeln!(f, " ({c})")?,
            None => writeln!(f)?,
        }
        match (self.line, self.column) {
            (0, _) => writeln!(f, "  --> {}", self.file)?,
            (l, 0) => writeln!(f, "  --> {}:{l}", self.file)?,
            (l, c) => writeln!(f, "  --> {}:{l}:{c}", self.file)?,
        }
        if let Some(snippet) = &self.snippet {
            let num = self.line.to_string();
            let pad = " ".repeat(num.len());
            writeln!(f, " {pad} |")?;
            writeln!(f, " {num} | {snippet}")?;
            if self.column > 0 {
                // Terminal cells, not chars: CJK takes two, combining marks none.
                let offset: usize = snippet
                    .chars()
                    .take(self.column - 1)
                    .map(|c| UnicodeWidthChar::width(c).unwrap_or(1))
                    .sum();
                writeln!(f, " {pad} | {}^", " ".repeat(offset))?;
            }
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// What makes two diagnostics one cause: severity, rule, message and hint.
type Cause = (Severity, &'static str, String, Option<String>);

/// The diagnostics of one run, in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.0.len() - self.error_count()
    }

    /// Sorts by file, line, column so output does not depend on thread
    /// scheduling, and reports one cause once: diagnostics with the same
    /// severity, rule, message and hint (one template typo seen by every
    /// page) are kept at their first place, with the number of places.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.file, a.line, a.column, &a.message, &a.context)
                .cmp(&(&b.file, b.line, b.column, &b.message, &b.context))
        });
        self.0.dedup();
        // Cause → (index in `kept`, number of places).
        let mut first: HashMap<Cause, (usize, usize)> = HashMap::new();
        let mut kept: Vec<Diagnostic> = Vec::with_capacity(self.0.len());
        for d in std::mem::take(&mut self.0) {
            let key = (d.severity, d.rule, d.message.clone(), d.hint.clone());
            match first.get_mut(&key) {
                Some((_, n)) => *n += 1,
                None => {
                    first.insert(key, (kept.len(), 1));
                    kept.push(d);
                }
            }
        }
        for (i, n) in first.into_values() {
            if n > 1 {
                kept[i].message = format!("{} (in {n} places)", kept[i].message);
            }
        }
        self.0 = kept;
    }
}

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The site's content is wrong; exit code 1.
    #[error("{} error(s) in the site", .0.error_count())]
    Content(Diagnostics),
    /// Bad usage or a broken environment (unreadable output dir, ...); exit code 2.
    #[error("{0}")]
    Usage(String),
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }

    /// Process exit code per SPEC 2.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Content(_) => 1,
            Error::Usage(_) | Error::Io { .. } => 2,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Path of `path` relative to `root`, with `/` separators, for messages.
pub fn display_path(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    rel.to_string_lossy().replace('\\', "/")
}

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
    let mut d = Diagnostic::error("yaml", file, message.clone()).at(source, line, column);
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

/// The closest candidate by edit distance, if it is close enough to be a typo.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::levenshtein(word, c), *c))
        .filter(|(d, c)| *d <= (c.chars().count().max(word.chars().count()) / 3).max(2))
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_keys_only() {
        assert_eq!(
            did_you_mean("manger", &["manager", "sponsor"]),
            Some("manager")
        );
        assert_eq!(did_you_mean("colour", &["manager", "sponsor"]), None);
    }

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

    #[test]
    fn one_cause_is_reported_once_with_its_count() {
        let same = |file: &str, line| {
            Diagnostic::error("template", file, "unknown variable `titel`")
                .with_hint("did you mean `title`?")
                .at("", line, 1)
        };
        let mut ds = Diagnostics(vec![
            same("b.md", 3),
            Diagnostic::error("yaml", "a.yaml", "other"),
            same("a.md", 9),
            same("a.md", 2),
        ]);
        ds.sort();
        assert_eq!(ds.0.len(), 2, "{:?}", ds.0);
        let t = ds.0.iter().find(|d| d.rule == "template").unwrap();
        assert_eq!((t.file.as_str(), t.line), ("a.md", 2));
        assert_eq!(t.message, "unknown variable `titel` (in 3 places)");
    }

    #[test]
    fn the_context_is_not_part_of_the_cause() {
        let at = |page: &str| {
            let mut d = Diagnostic::error(
                "template",
                "templates/page.html",
                "Field `titel` is not defined",
            )
            .with_hint("check the template");
            d.context = Some(format!("while rendering {page}"));
            d
        };
        let mut ds = Diagnostics(vec![at("content/b.md"), at("content/a.md")]);
        ds.sort();
        assert_eq!(ds.0.len(), 1);
        let s = ds.0[0].to_string();
        assert!(s.starts_with("error[template]: Field `titel` is not defined (in 2 places) (while rendering content/"), "{s}");
    }

    #[test]
    fn renders_snippet_with_caret() {
        let d = Diagnostic::error("yaml", "a.yaml", "bad").at("x: 1\nyy: 2\n", 2, 5);
        let s = d.to_string();
        assert!(s.contains("--> a.yaml:2:5"), "{s}");
        assert!(s.contains(" 2 | yy: 2"), "{s}");
        assert!(s.contains("    ^"), "{s}");
    }

    #[test]
    fn caret_counts_wide_characters_as_two_columns() {
        // `名称: ` takes six terminal cells, so the caret under column 5 (`范`) has six spaces before it.
        let d = Diagnostic::error("yaml", "a.yaml", "bad").at("名称: 范围x\n", 1, 5);
        let s = d.to_string();
        assert!(s.contains(" 1 | 名称: 范围x"), "{s}");
        let caret = s.lines().find(|l| l.ends_with('^')).unwrap();
        assert_eq!(caret, "   |       ^", "{s}");
    }

    #[test]
    fn edit_distance_is_by_character() {
        assert_eq!(
            did_you_mean("负责任", &["负责人", "sponsor"]),
            Some("负责人")
        );
    }
}
