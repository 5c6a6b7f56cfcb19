//! `folio check`: everything `build` validates, with broken links as errors,
//! and nothing written. `--format json` prints the diagnostics for machines.

use crate::build::{BuildOptions, compile};
use crate::cli::Format;
use crate::error::{Error, Rule, Severity};

pub fn run(options: &BuildOptions, format: Format) -> Result<(), Error> {
    let mut compiled = compile(options)?;
    for d in &mut compiled.diagnostics.0 {
        if matches!(
            d.rule,
            Rule::BrokenLink | Rule::LinkOutsideSite | Rule::OutputAsInput
        ) {
            d.severity = Severity::Error;
        }
    }
    match format {
        Format::Json => {
            let json = serde_json::json!({
                "as_of": compiled.site.as_of.to_string(),
                "errors": compiled.diagnostics.error_count(),
                "warnings": compiled.diagnostics.warning_count(),
                "diagnostics": compiled.diagnostics.0,
            });
            println!(
                "{}",
                serde_json::to_string_pretty(&json).unwrap_or_default()
            );
        }
        Format::Human => {
            super::print_diagnostics(&compiled.diagnostics, false);
            eprintln!(
                "checked {} pages and {} projects: {} error(s), {} warning(s)",
                compiled.site.pages.len(),
                compiled.site.projects.len(),
                compiled.diagnostics.error_count(),
                compiled.diagnostics.warning_count()
            );
        }
    }
    if compiled.diagnostics.has_errors() {
        return Err(Error::Content(compiled.diagnostics));
    }
    Ok(())
}
