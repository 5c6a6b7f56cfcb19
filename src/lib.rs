// The project export is one `serde_json::json!` object of every figure.
#![recursion_limit = "256"]
//! folio compiles a PMO's project data (YAML/CSV) and Markdown knowledge into
//! a static, searchable site. The pipeline runs one way:
//!
//! 1. [`source`] reads `folio.yaml`, `content/`, `data/` and `static/`;
//! 2. [`model`] assembles and validates the [`model::Site`] for one audience and as-of date;
//! 3. [`metrics`] computes every figure once ([`metrics::Figures`]);
//! 4. [`markdown`] and [`render`] turn them into an in-memory [`output::OutputTree`];
//! 5. [`output`] writes the tree atomically, rewriting only changed files.
//!
//! [`build::compile`] runs steps 1–4 and is shared by every command;
//! [`incremental::Session`] keeps their state and redoes only what a change
//! to the sources affects.

pub mod build;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod error;
pub mod governance;
pub mod incremental;
pub mod markdown;
pub mod metrics;
pub mod model;
pub mod output;
pub mod render;
pub mod search;
pub mod serve;
pub mod source;
pub mod theme;
pub mod url;
