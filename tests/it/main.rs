//! One integration-test binary: builds fixture sites into temp dirs and
//! asserts on the parsed HTML and on the diagnostics of bad input.

mod bad_input;
mod fuzz;
mod gensite;
mod portfolio;
mod reports;
mod sample_site;
mod search;
mod support;
mod values;
