//! `folio build`: compile the site and write it atomically to the output folder.

use std::path::PathBuf;
use std::time::Instant;

use crate::build::{BuildOptions, compile};
use crate::error::{Error, Severity};
use crate::output;

pub struct BuildCommand {
    pub options: BuildOptions,
    pub output: PathBuf,
    pub strict: bool,
    pub quiet: bool,
}

/// Runs a build; returns the number of HTML pages written.
pub fn run(cmd: &BuildCommand) -> Result<usize, Error> {
    let started = Instant::now();
    // Before anything is read: an output overlapping the sources is refused.
    let out = output::location::check(&cmd.options.root, &cmd.output)?;
    let mut compiled = compile(&cmd.options)?;
    if cmd.strict {
        for d in &mut compiled.diagnostics.0 {
            if d.severity == Severity::Warning {
                d.severity = Severity::Error;
            }
        }
    }
    super::print_diagnostics(&compiled.diagnostics, cmd.quiet);
    if compiled.diagnostics.has_errors() {
        let n = compiled.diagnostics.error_count();
        eprintln!(
            "build failed: {n} error(s); the previous output in {} is untouched",
            cmd.output.display()
        );
        return Err(Error::Content(compiled.diagnostics));
    }
    let quiet = cmd.quiet;
    let waiting = || {
        if !quiet {
            eprintln!(
                "waiting for another folio build of {} to finish…",
                out.display()
            );
        }
    };
    let stats = output::write(&compiled.tree, &out, &waiting)?;
    if let Some(kept) = &stats.kept {
        eprintln!(
            "warning: files folio did not write appeared in {} during the build; the previous output, with them, is kept in {}",
            out.display(),
            kept.display()
        );
    }
    let pages = compiled.tree.html_pages();
    if !cmd.quiet {
        let warnings = compiled.diagnostics.warning_count();
        let warn = if warnings > 0 {
            format!(", {warnings} warning(s)")
        } else {
            String::new()
        };
        eprintln!(
            "built {} pages ({} files, {} unchanged) as of {} in {:.2} s{warn} → {}",
            group(pages),
            group(compiled.tree.len()),
            group(stats.unchanged),
            compiled.site.as_of,
            started.elapsed().as_secs_f64(),
            cmd.output.display()
        );
    }
    if !cmd.quiet && compiled.site.config.base_url.is_none() {
        eprintln!(
            "note: no sitemap.xml or Atom feeds: they need absolute URLs; set base_url in folio.yaml or pass --base-url"
        );
    }
    // Freeing a large site's pages and output tree takes tens of milliseconds
    // that nobody needs to wait for: the command is done.
    std::thread::spawn(move || drop(compiled));
    Ok(pages)
}

fn group(n: usize) -> String {
    crate::render::format::money_whole(n as f64)
}
