//! Incremental builds: a [`Session`] keeps the state of the last build and,
//! given the paths that changed on disk, brings the output tree up to date,
//! re-reading only the changed files, recomputing only what depends on them
//! and re-rendering only the outputs whose inputs changed
//! (`render::memo`). The result is always the tree a clean build of the
//! same files gives; `tests/it/incremental.rs` checks this byte for byte
//! after random sequences of edits.
//!
//! The dependency map is our own rather than `salsa`'s: folio's graph is
//! shallow (file → page or project → derived lists and figures → outputs)
//! with a dozen kinds of derived data, and an explicit map with early
//! cut-off (a re-rendered body or list item that comes out the same stops
//! there) fits it without threading a query database through the model.

pub mod classify;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use classify::{Change, classify};

use crate::build::{self, BuildOptions};
use crate::config::Config;
use crate::error::{Diagnostic, Diagnostics, Error};
use crate::metrics::Figures;
use crate::model::Site;
use crate::model::site::{Selection, SiteParts};
use crate::output::OutputTree;
use crate::render::memo::{Changes, Memo, Outcome};
use crate::theme::Theme;

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
    /// True when every output was rendered again: config, templates or
    /// strings changed, or a change the dependency map does not follow
    /// (pages or static files added or removed).
    pub full: bool,
    pub elapsed: Duration,
}

/// Everything kept of the last build.
struct State {
    config: Config,
    theme: Theme,
    selection: Selection,
    parts: SiteParts,
    /// Diagnostics of reading, by file (a re-read file replaces its own).
    read_diags: BTreeMap<String, Vec<Diagnostic>>,
    model_diags: Vec<Diagnostic>,
    render_diags: Vec<Diagnostic>,
    all_page_files: HashSet<String>,
    site: Site,
    /// Every figure of `site` (computed again whenever the site is assembled
    /// again; kept when only page bodies changed).
    figures: Figures,
    memo: Option<Memo>,
    /// Outputs rendered by the last step.
    rendered: usize,
}

/// The state of a site between builds.
pub struct Session {
    opts: BuildOptions,
    state: Option<State>,
    diagnostics: Diagnostics,
    /// The tree of the last build without errors (what a preview keeps
    /// serving); the memo, when there is one, is the render of this tree.
    good: OutputTree,
}

/// How an update reached its tree.
enum Applied {
    /// The tree was brought up to date in place.
    InPlace,
    /// Everything was rendered again, into this tree.
    Full(OutputTree),
}

impl Session {
    /// Builds the site once, clean. Content errors are in
    /// [`Session::diagnostics`]; only usage and environment problems are `Err`.
    pub fn start(opts: BuildOptions) -> Result<Session, Error> {
        let mut session = Session {
            opts,
            state: None,
            diagnostics: Diagnostics::default(),
            good: OutputTree::default(),
        };
        if let Some(tree) = session.rebuild()? {
            session.good = tree;
        }
        Ok(session)
    }

    pub fn options(&self) -> &BuildOptions {
        &self.opts
    }

    /// The diagnostics of the last build or update: those of the whole site.
    pub fn diagnostics(&self) -> &Diagnostics {
        &self.diagnostics
    }

    /// The output of the last build or update without errors.
    pub fn tree(&self) -> &OutputTree {
        &self.good
    }

    /// The site of the last build or update, if its configuration could be read.
    pub fn site(&self) -> Option<&Site> {
        self.state.as_ref().map(|s| &s.site)
    }

    /// A clean build that keeps its state; the tree it rendered.
    fn rebuild(&mut self) -> Result<Option<OutputTree>, Error> {
        // Whatever fails below, nothing of the old state is built on again.
        self.state = None;
        let build::Prepared {
            config,
            selection,
            theme,
            config_failed: _,
            mut diagnostics,
        } = build::prepare(&self.opts)?;
        let Some(theme) = theme else {
            // folio.yaml or the theme is broken: there is nothing to build on.
            diagnostics.sort();
            self.state = None;
            self.diagnostics = diagnostics;
            return Ok(None);
        };
        let (parts, read) = crate::source::read_site(&self.opts.root, &config);
        let mut read_diags: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
        for d in diagnostics.0.into_iter().chain(read.0) {
            read_diags.entry(d.file.clone()).or_default().push(d);
        }
        let mut state = State {
            all_page_files: parts.pages.iter().map(|p| p.file.clone()).collect(),
            config,
            theme,
            selection,
            parts,
            read_diags,
            model_diags: Vec::new(),
            render_diags: Vec::new(),
            site: empty_site(),
            figures: Figures::default(),
            memo: None,
            rendered: 0,
        };
        state.site = assemble(&mut state);
        state.figures = Figures::compute(&state.site);
        let tree = render_all(&self.opts.root, &mut state);
        self.diagnostics = state.diagnostics();
        self.state = Some(state);
        Ok(Some(tree))
    }

    /// Brings the build up to date with `changed` (absolute, or relative to
    /// the root; deleted files included).
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<Update, Error> {
        let started = Instant::now();
        let root = self.opts.root.clone();
        let mut rels: Vec<String> = changed.iter().map(|p| rel_path(&root, p)).collect();
        rels.sort();
        rels.dedup();
        let mut update = Update::default();
        for rel in &rels {
            let path = root.join(rel);
            let new = std::fs::read_to_string(&path).ok();
            let old = self.state.as_ref().and_then(|s| old_text(s, rel));
            let mut change = classify(rel, old, new.as_deref());
            if change == Change::Ignored && is_source_folder(&root, rel) {
                change = Change::Folder;
            }
            update.changes.push((rel.clone(), change));
        }
        let kinds: Vec<Change> = update.changes.iter().map(|c| c.1).collect();
        if kinds.iter().all(|k| *k == Change::Ignored) {
            update.elapsed = started.elapsed();
            return Ok(update);
        }
        let global = kinds.iter().any(|k| k.is_global());
        self.good.start_journal();
        let applied = match self.state.as_mut() {
            Some(state) if !global => {
                let applied = apply(&root, state, &update.changes, &mut self.good);
                update.rendered = state.rendered;
                self.diagnostics = state.diagnostics();
                applied
            }
            _ => match self.rebuild() {
                Ok(tree) => {
                    update.rendered = self.state.as_ref().map_or(0, |s| s.rendered);
                    Applied::Full(tree.unwrap_or_default())
                }
                Err(e) => {
                    let _ = self.good.finish_journal();
                    return Err(e);
                }
            },
        };
        let journal = self.good.finish_journal();
        let failed = self.diagnostics.has_errors();
        match applied {
            Applied::InPlace if failed => {
                // Keep serving the last good site; the memo followed the
                // broken version, so the next update renders everything.
                self.good.undo(journal);
                if let Some(state) = &mut self.state {
                    state.memo = None;
                }
            }
            Applied::InPlace => {
                for (path, old) in journal {
                    if self.good.contains(&path) {
                        update.changed.push(path);
                    } else if old.is_some() {
                        update.removed.push(path);
                    }
                }
            }
            Applied::Full(_) if failed => {
                // The memo may have started on the tree before it gave up.
                self.good.undo(journal);
                if let Some(state) = &mut self.state {
                    state.memo = None;
                }
            }
            Applied::Full(tree) => {
                self.good.undo(journal);
                update.full = true;
                diff_trees(&self.good, &tree, &mut update);
                self.good = tree;
            }
        }
        if failed {
            update.rendered = 0;
        }
        update.elapsed = started.elapsed();
        Ok(update)
    }
}

impl State {
    fn diagnostics(&self) -> Diagnostics {
        let mut all = Diagnostics::default();
        for list in self.read_diags.values() {
            all.extend(list.iter().cloned());
        }
        all.extend(self.model_diags.iter().cloned());
        all.extend(self.figures.findings.iter().cloned());
        all.extend(self.render_diags.iter().cloned());
        crate::governance::apply_overrides(&self.config.rules, &mut all.0);
        all.sort();
        all
    }
}

/// The text the last build read for `rel`, if it read that file as a page or data.
fn old_text<'s>(state: &'s State, rel: &str) -> Option<&'s str> {
    if let Some(p) = state.parts.pages.iter().find(|p| p.file == rel) {
        return Some(&p.source);
    }
    state.parts.data_sources.get(rel).map(String::as_str)
}

fn empty_site() -> Site {
    let sel = Selection {
        as_of: jiff::civil::date(2000, 1, 1),
        audience: String::new(),
        drafts: false,
    };
    Site::assemble(Config::default(), SiteParts::default(), &sel).0
}

/// The site for the parts as read (they are kept for the next update).
fn assemble(state: &mut State) -> Site {
    let (site, diags) = Site::assemble(state.config.clone(), state.parts.clone(), &state.selection);
    state.model_diags = diags.0;
    site
}

/// Renders every output of the state's site into a new tree.
fn render_all(root: &Path, state: &mut State) -> OutputTree {
    state.memo = None;
    state.render_diags.clear();
    state.rendered = 0;
    let read_errors = state.read_diags.values().flatten().any(|d| d.is_error());
    if read_errors {
        // As in a clean build, nothing is rendered when reading failed (the
        // model's errors do not stop rendering, so links are checked too).
        return OutputTree::default();
    }
    let (tree, diags, memo) = crate::render::render_site_memo(
        &state.site,
        &state.figures,
        &state.theme,
        root,
        &state.all_page_files,
    );
    state.rendered = tree.len();
    state.render_diags = diags.0;
    state.memo = memo;
    tree
}

/// Applies `changes` to the state and to `tree`, the output of the state's
/// last render.
fn apply(
    root: &Path,
    state: &mut State,
    changes: &[(String, Change)],
    tree: &mut OutputTree,
) -> Applied {
    let default_audience = state.config.default_audience().to_string();
    let mut reread = false;
    let mut delta = Changes::default();
    let mut bodies_only = true;
    // A change the single-file reads do not cover reads everything again
    // (and is compared with what was read before), so none is read twice.
    let needs_all = |(rel, change): &(String, Change)| {
        let path = root.join(rel);
        match change {
            Change::Ignored => false,
            Change::PageBody | Change::FrontMatter | Change::SectionIndex => {
                !path.is_file() || !state.parts.pages.iter().any(|p| &p.file == rel)
            }
            Change::ProjectData => {
                !path.is_file() || !state.parts.projects.iter().any(|p| &p.file == rel)
            }
            _ => true,
        }
    };
    let reread_all = changes.iter().any(needs_all);
    for (rel, change) in changes.iter().filter(|_| !reread_all) {
        let path = root.join(rel);
        match change {
            Change::Ignored => {}
            Change::PageBody | Change::FrontMatter | Change::SectionIndex => {
                bodies_only &= *change == Change::PageBody;
                let at = state.parts.pages.iter().position(|p| &p.file == rel);
                match (at, path.is_file()) {
                    (Some(i), true) => {
                        state.read_diags.remove(rel);
                        match crate::source::read_page(root, &path, &default_audience) {
                            Ok(page) => {
                                state.parts.pages[i] = page;
                                delta.pages.insert(rel.clone());
                            }
                            // The page drops out, as in a clean build.
                            Err(d) => {
                                state.read_diags.insert(rel.clone(), vec![d]);
                                state.parts.pages.remove(i);
                                bodies_only = false;
                            }
                        }
                    }
                    // Added or deleted: the order of pages comes from the walk.
                    _ => reread = true,
                }
            }
            Change::ProjectData => {
                bodies_only = false;
                let at = state.parts.projects.iter().position(|p| &p.file == rel);
                let id = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                match (at, path.is_file()) {
                    (Some(i), true) => {
                        state.read_diags.remove(rel);
                        match crate::source::data::read_project(root, &path, &default_audience) {
                            Ok((project, text)) => {
                                state.parts.projects[i] = project;
                                state.parts.data_sources.insert(rel.clone(), text);
                            }
                            Err(d) => {
                                state.read_diags.insert(rel.clone(), vec![d]);
                                state.parts.projects.remove(i);
                                state.parts.data_sources.remove(rel);
                                state.parts.unreadable_projects.insert(id.clone());
                            }
                        }
                        delta.projects.insert(id);
                    }
                    _ => reread = true,
                }
            }
            _ => {
                bodies_only = false;
                reread = true;
            }
        }
    }
    if reread || reread_all {
        let (parts, read) = crate::source::read_site(root, &state.config);
        delta = compare_parts(&state.parts, &parts);
        state.read_diags.clear();
        for d in read.0 {
            state.read_diags.entry(d.file.clone()).or_default().push(d);
        }
        state.all_page_files = parts.pages.iter().map(|p| p.file.clone()).collect();
        state.parts = parts;
        bodies_only = false;
    }
    let read_errors = state.read_diags.values().flatten().any(|d| d.is_error());
    let Some(memo) = state.memo.take().filter(|_| !read_errors) else {
        state.site = assemble(state);
        state.figures = Figures::compute(&state.site);
        return Applied::Full(render_all(root, state));
    };
    let outcome = if bodies_only {
        // Front matter unchanged: the site keeps its shape; only bodies change.
        for page in &mut state.site.pages {
            if delta.pages.contains(&page.file)
                && let Some(new) = state.parts.pages.iter().find(|p| p.file == page.file)
            {
                page.source.clone_from(&new.source);
                page.body_start = new.body_start;
                page.body_line = new.body_line;
            }
        }
        // Figures come from project data, people and programmes only.
        memo.render(
            None,
            &state.site,
            &state.figures,
            &state.all_page_files,
            &delta,
            tree,
        )
    } else {
        let site = assemble(state);
        let figures = Figures::compute(&site);
        if state.model_diags.iter().any(|d| d.is_error()) {
            state.site = site;
            state.figures = figures;
            return Applied::Full(render_all(root, state));
        }
        let outcome = memo.render(
            Some(&state.site),
            &site,
            &figures,
            &state.all_page_files,
            &delta,
            tree,
        );
        state.site = site;
        state.figures = figures;
        outcome
    };
    match outcome {
        Outcome::Done {
            memo,
            diagnostics,
            rendered,
        } => {
            state.memo = Some(*memo);
            state.render_diags = diagnostics.0;
            state.rendered = rendered;
            Applied::InPlace
        }
        Outcome::Full => Applied::Full(render_all(root, state)),
    }
}

/// What differs between two reads of the site.
fn compare_parts(old: &SiteParts, new: &SiteParts) -> Changes {
    let mut delta = Changes::default();
    let old_pages: BTreeMap<&str, &str> = old
        .pages
        .iter()
        .map(|p| (p.file.as_str(), p.source.as_str()))
        .collect();
    for p in &new.pages {
        if old_pages.get(p.file.as_str()) != Some(&p.source.as_str()) {
            delta.pages.insert(p.file.clone());
        }
    }
    let projects = |parts: &SiteParts| -> BTreeMap<String, String> {
        parts
            .projects
            .iter()
            .map(|p| (p.id.clone(), format!("{p:?}")))
            .collect()
    };
    let (a, b) = (projects(old), projects(new));
    for id in a.keys().chain(b.keys()) {
        if a.get(id) != b.get(id) {
            delta.projects.insert(id.clone());
        }
    }
    delta.directory = format!("{:?}{:?}", old.people, old.programmes)
        != format!("{:?}{:?}", new.people, new.programmes);
    delta
}

/// `path` relative to `root` with `/` separators: `./` dropped, and an
/// absolute path spelled another way than the root (through a link) tried
/// again with both resolved. As is when outside the root.
pub fn rel_path(root: &Path, path: &Path) -> String {
    let joined = |rel: &Path| {
        rel.components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    };
    if path.is_relative() {
        return joined(path);
    }
    if let Ok(rel) = path.strip_prefix(root) {
        return joined(rel);
    }
    // A deleted file cannot be resolved itself: resolve its nearest existing parent.
    let (Ok(real_root), Some(real)) = (root.canonicalize(), resolve_existing(path)) else {
        return joined(path);
    };
    match real.strip_prefix(&real_root) {
        Ok(rel) => joined(rel),
        Err(_) => joined(path),
    }
}

/// `path` with its longest existing prefix resolved (links, `..`).
fn resolve_existing(path: &Path) -> Option<PathBuf> {
    let mut tail = Vec::new();
    let mut at = path;
    loop {
        if let Ok(real) = at.canonicalize() {
            return Some(tail.iter().rev().fold(real, |p: PathBuf, c| p.join(c)));
        }
        tail.push(at.file_name()?.to_owned());
        at = at.parent()?;
    }
}

/// Whether `rel` is, or was, a folder of the site's sources (a path with no
/// extension counts when it is gone: only folders are reported that way).
fn is_source_folder(root: &Path, rel: &str) -> bool {
    let first = rel.split('/').next().unwrap_or("");
    let sources = ["content", "data", "static", "themes", "templates", "i18n"];
    if !sources.contains(&first) || rel.split('/').any(classify::is_editor_file) {
        return false;
    }
    let path = root.join(rel);
    path.is_dir() || (!path.exists() && path.extension().is_none())
}

fn diff_trees(old: &OutputTree, new: &OutputTree, update: &mut Update) {
    for path in new.paths() {
        let same = match (old.content(path), new.content(path)) {
            (Some(a), Some(b)) => a.same(b),
            _ => false,
        };
        if !same {
            update.changed.push(path.to_string());
        }
    }
    for path in old.paths() {
        if !new.contains(path) {
            update.removed.push(path.to_string());
        }
    }
}
