//! One integration-test binary: builds fixture sites into temp dirs and
//! asserts on the parsed HTML and on the diagnostics of bad input.

mod as_of;
mod audience;
mod authoring;
mod bad_input;
mod content_safety;
mod fuzz;
mod gensite;
mod golden;
mod governance;
mod incremental;
mod incremental_review;
mod output_safety;
mod portfolio;
mod reports;
mod sample_site;
mod search;
mod serve;
mod support;
mod values;
