//! One module per subcommand. Each takes resolved options, does its work
//! through the library, prints to the terminal and returns an exit code.

pub mod build;
pub mod check;
pub mod init;
pub mod new;

use jiff::civil::Date;

use crate::error::{Diagnostics, Error};

/// Parses a `--as-of` value.
pub fn parse_date(flag: &str, value: Option<&str>) -> Result<Option<Date>, Error> {
    value
        .map(|v| {
            v.parse::<Date>()
                .map_err(|e| Error::Usage(format!("{flag} `{v}` is not a date (YYYY-MM-DD): {e}")))
        })
        .transpose()
}

/// Today in the local time zone; the only place folio reads the clock.
pub fn today() -> Date {
    jiff::ZonedDateTime::now().date()
}

/// Prints diagnostics to stderr, warnings only unless `quiet`.
pub fn print_diagnostics(diags: &Diagnostics, quiet: bool) {
    for d in &diags.0 {
        if quiet && !d.is_error() {
            continue;
        }
        eprintln!("{d}");
    }
}
