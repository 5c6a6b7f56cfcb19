//! Incremental builds: a [`Session`] keeps the state of the last build and,
//! given the paths that changed on disk, brings the output tree up to date.
//! The result is always the tree a clean build of the same files would give
//! (`tests/it/incremental.rs` checks this byte for byte after random edits).

pub mod classify;

use std::path::{Path, PathBuf};

pub use classify::{Change, classify};

use crate::build::{BuildOptions, Compiled, compile};
use crate::error::{Diagnostics, Error};
use crate::output::OutputTree;

/// What one [`Session::update`] did.
#[derive(Debug, Default, Clone)]
pub struct Update {
    /// Each changed path (relative to the site root, `/`-separated) and its kind.
    pub changes: Vec<(String, Change)>,
    /// Outputs rendered again.
    pub rendered: usize,
    /// Output paths whose bytes changed or that are new.
    pub changed: Vec<String>,
    /// Output paths that are gone.
    pub removed: Vec<String>,
    /// True when the whole site was built again (config, templates, strings).
    pub full: bool,
}

/// The state of a site between builds.
pub struct Session {
    opts: BuildOptions,
    compiled: Compiled,
    /// The tree of the last build without errors (what a preview keeps serving).
    good: OutputTree,
}

impl Session {
    /// Builds the site once, clean.
    pub fn start(opts: BuildOptions) -> Result<Session, Error> {
        let compiled = compile(&opts)?;
        let good = if compiled.diagnostics.has_errors() {
            OutputTree::default()
        } else {
            compiled.tree.clone()
        };
        Ok(Session {
            opts,
            compiled,
            good,
        })
    }

    pub fn options(&self) -> &BuildOptions {
        &self.opts
    }

    /// The diagnostics of the last build or update.
    pub fn diagnostics(&self) -> &Diagnostics {
        &self.compiled.diagnostics
    }

    /// The output of the last build or update without errors.
    pub fn tree(&self) -> &OutputTree {
        &self.good
    }

    pub fn compiled(&self) -> &Compiled {
        &self.compiled
    }

    /// Brings the build up to date with `changed` (absolute, or relative to the root).
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<Update, Error> {
        let mut update = Update {
            changes: changed
                .iter()
                .map(|p| {
                    let rel = rel_path(&self.opts.root, p);
                    let change = classify(&rel, None, None);
                    (rel, change)
                })
                .collect(),
            full: true,
            ..Update::default()
        };
        let compiled = compile(&self.opts)?;
        update.rendered = compiled.tree.len();
        if !compiled.diagnostics.has_errors() {
            diff_trees(&self.good, &compiled.tree, &mut update);
            self.good = compiled.tree.clone();
        }
        self.compiled = compiled;
        Ok(update)
    }
}

/// `path` relative to `root` with `/` separators (as is when outside the root).
pub fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn diff_trees(old: &OutputTree, new: &OutputTree, update: &mut Update) {
    for path in new.paths() {
        if old.get(path) != new.get(path) {
            update.changed.push(path.to_string());
        }
    }
    for path in old.paths() {
        if !new.contains(path) {
            update.removed.push(path.to_string());
        }
    }
}
