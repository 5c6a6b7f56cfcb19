//! Diagnostics: every problem found in a site is a [`Diagnostic`] that names
//! the file, line and column, carries the offending source line and a hint,
//! and is rendered for humans (or JSON) at the binary edge.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

mod print;
mod rule;
mod yaml;

pub use rule::Rule;

pub use yaml::yaml_diagnostic;

/// How bad a diagnostic is. Errors fail the build; warnings do not (unless
/// `--strict`); infos never do (governance rules set to `info`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// One problem in one place of the site's sources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// What kind of problem; its stable id (`yaml`, `broken-link`, ...) is `rule.as_str()`.
    pub rule: Rule,
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
    /// The project a governance finding is about, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
}

impl Diagnostic {
    pub fn error(rule: Rule, file: impl Into<String>, message: impl Into<String>) -> Self {
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
            project: None,
        }
    }

    pub fn warning(rule: Rule, file: impl Into<String>, message: impl Into<String>) -> Self {
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

/// What makes two diagnostics one cause: severity, rule, message and hint.
type Cause = (Severity, Rule, String, Option<String>);

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
        self.count(Severity::Warning)
    }

    pub fn info_count(&self) -> usize {
        self.count(Severity::Info)
    }

    fn count(&self, severity: Severity) -> usize {
        self.0.iter().filter(|d| d.severity == severity).count()
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
    fn one_cause_is_reported_once_with_its_count() {
        let same = |file: &str, line| {
            Diagnostic::error(Rule::Template, file, "unknown variable `titel`")
                .with_hint("did you mean `title`?")
                .at("", line, 1)
        };
        let mut ds = Diagnostics(vec![
            same("b.md", 3),
            Diagnostic::error(Rule::Yaml, "a.yaml", "other"),
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
                Rule::Template,
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
    fn edit_distance_is_by_character() {
        assert_eq!(
            did_you_mean("负责任", &["负责人", "sponsor"]),
            Some("负责人")
        );
    }
}
