//! `folio check`: everything `build` validates plus the governance rules,
//! with broken links as errors, all in one pass and nothing written.
//! Human output is grouped by file; `--format json` prints one array of
//! findings (see `docs/rules.md`); `--list` and `--explain ID` document the
//! rules.

use std::fmt::Write as _;

use crate::build::{BuildOptions, compile};
use crate::cli::Format;
use crate::error::{Diagnostic, Diagnostics, Error, Rule, Severity, did_you_mean};
use crate::governance;

pub fn run(options: &BuildOptions, format: Format, strict: bool) -> Result<(), Error> {
    let mut compiled = compile(options)?;
    let rules = &compiled.site.config.rules;
    for d in &mut compiled.diagnostics.0 {
        let set = rules.keys().any(|k| k.as_str() == d.rule.as_str());
        if !set
            && matches!(
                d.rule,
                Rule::BrokenLink | Rule::LinkOutsideSite | Rule::OutputAsInput
            )
        {
            d.severity = Severity::Error;
        }
        if strict && d.severity == Severity::Warning {
            d.severity = Severity::Error;
        }
    }
    let diags = &compiled.diagnostics;
    match format {
        Format::Json => println!("{}", json(diags)),
        Format::Human => {
            eprint!("{}", human(diags));
            eprintln!(
                "checked {} pages and {} projects as of {}: {}",
                compiled.site.pages.len(),
                compiled.site.projects.len(),
                compiled.site.as_of,
                count_line(diags)
            );
        }
    }
    if compiled.diagnostics.has_errors() {
        return Err(Error::Content(compiled.diagnostics));
    }
    Ok(())
}

/// `3 error(s), 5 warning(s), 2 info(s)`.
pub fn count_line(diags: &Diagnostics) -> String {
    format!(
        "{} error(s), {} warning(s), {} info(s)",
        diags.error_count(),
        diags.warning_count(),
        diags.info_count()
    )
}

/// The findings grouped by file (in the diagnostics' order), each file
/// under a heading with its count.
pub fn human(diags: &Diagnostics) -> String {
    let mut out = String::new();
    let mut files: Vec<&str> = Vec::new();
    for d in &diags.0 {
        if !files.contains(&d.file.as_str()) {
            files.push(&d.file);
        }
    }
    for file in files {
        let of_file: Vec<&Diagnostic> = diags.0.iter().filter(|d| d.file == file).collect();
        let _ = writeln!(out, "== {file} ({} finding(s))\n", of_file.len());
        for d in of_file {
            let _ = writeln!(out, "{d}");
        }
    }
    out
}

/// The stable JSON form: an array of objects with exactly the keys rule,
/// severity, file, line, column, message, hint, project (`null` when absent).
pub fn json(diags: &Diagnostics) -> String {
    let rows: Vec<serde_json::Value> = diags
        .0
        .iter()
        .map(|d| {
            let message = match &d.context {
                Some(c) => format!("{} ({c})", d.message),
                None => d.message.clone(),
            };
            serde_json::json!({
                "rule": d.rule.as_str(),
                "severity": d.severity,
                "file": d.file,
                "line": d.line,
                "column": d.column,
                "message": message,
                "hint": d.hint,
                "project": d.project,
            })
        })
        .collect();
    serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into())
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// `folio check --list`: every rule, its default severity and what it checks.
pub fn list() -> String {
    let width = Rule::ALL
        .iter()
        .map(|r| r.as_str().len())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:width$}  {:8} {:4} what it checks",
        "rule", "default", "set"
    );
    for r in Rule::ALL {
        let _ = writeln!(
            out,
            "{:width$}  {:8} {:4} {}",
            r.as_str(),
            severity_name(governance::default_severity(*r)),
            if governance::adjustable(*r) {
                "yes"
            } else {
                "-"
            },
            r.summary()
        );
    }
    let _ = writeln!(
        out,
        "\n`set`: whether `rules:` in folio.yaml can set the rule to error, warning, info or off.\n`folio check --explain ID` says more about a rule."
    );
    out
}

/// `folio check --explain ID`.
pub fn explain(id: &str) -> Result<String, Error> {
    let Some(rule) = Rule::from_id(id) else {
        let ids: Vec<&str> = Rule::ALL.iter().map(|r| r.as_str()).collect();
        let hint = match did_you_mean(id, &ids) {
            Some(s) => format!("; did you mean `{s}`?"),
            None => "; `folio check --list` lists every rule".into(),
        };
        return Err(Error::Usage(format!("unknown rule `{id}`{hint}")));
    };
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}", rule.as_str(), rule.summary());
    let _ = writeln!(
        out,
        "default severity: {}{}",
        severity_name(governance::default_severity(rule)),
        if governance::adjustable(rule) {
            " (rules: in folio.yaml can set error, warning, info or off)"
        } else {
            " (cannot be changed)"
        }
    );
    let text = governance::explain(rule);
    if !text.is_empty() {
        let _ = writeln!(out, "\n{text}");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_listed_and_every_governance_rule_explained() {
        let l = list();
        for r in Rule::ALL {
            assert!(l.contains(r.as_str()), "{r}");
            assert!(!r.summary().is_empty(), "{r}");
            if governance::is_governance(*r) {
                assert!(!governance::explain(*r).is_empty(), "{r}");
            }
        }
        assert!(
            explain("risk-review-overdue")
                .unwrap()
                .contains("default severity: warning")
        );
        let e = explain("risk-review-overdu").unwrap_err().to_string();
        assert!(e.contains("did you mean `risk-review-overdue`"), "{e}");
    }

    #[test]
    fn json_has_the_documented_keys() {
        let mut d = Diagnostic::warning(Rule::IssueOverdue, "data/projects/a.yaml", "late");
        d.project = Some("a".into());
        let v: serde_json::Value = serde_json::from_str(&json(&Diagnostics(vec![d]))).unwrap();
        let keys: Vec<&String> = v[0].as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            [
                "column", "file", "hint", "line", "message", "project", "rule", "severity"
            ]
        );
        assert_eq!(v[0]["project"], "a");
        assert_eq!(v[0]["severity"], "warning");
        assert!(v[0]["hint"].is_null());
    }
}
