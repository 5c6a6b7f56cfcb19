//! What an incremental build keeps of a render, and the render of the next
//! version of the site from it: only the outputs one of whose [`Dep`]s
//! changed are rendered again, and the search index is patched rather than
//! built again. Anything the memo cannot follow exactly (the set of pages or
//! static files changed, so links may resolve differently; navigation, term
//! slugs or UI strings changed; two outputs share a path) gives
//! [`Outcome::Full`], and the caller renders everything.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rayon::prelude::*;

use crate::error::{Diagnostic, Diagnostics};
use crate::metrics::Figures;
use crate::model::Site;
use crate::output::{Content, OutputTree};

use super::search::SearchMemo;
use super::tasks::{Dep, OutputKey};
use super::views::ItemValue;
use super::{Parts, Renderer, pages};

/// One output of the last render: where it went and what it was made from.
#[derive(Debug, Clone)]
pub struct Record {
    pub path: Option<String>,
    pub deps: Vec<Dep>,
    pub error: Option<Diagnostic>,
}

impl Record {
    pub fn ok(path: String, deps: Vec<Dep>) -> Record {
        Record {
            path: Some(path),
            deps,
            error: None,
        }
    }

    pub fn failed(d: Diagnostic, deps: Vec<Dep>) -> Record {
        Record {
            path: None,
            deps,
            error: Some(d),
        }
    }
}

/// Results of the last render besides the renderer's own parts.
pub struct Cached {
    pub string_warnings: Vec<Diagnostic>,
    /// Each page's Markdown diagnostics, aligned with `site.pages`.
    pub body_diags: Vec<Vec<Diagnostic>>,
    pub project_diags: Vec<Diagnostic>,
    pub outputs: BTreeMap<OutputKey, Record>,
    /// Paths added around the pages (aliases, 404, static files, sitemap, robots).
    pub tail_paths: Vec<String>,
    pub tail_diags: Vec<Diagnostic>,
    pub search_diags: Vec<Diagnostic>,
    pub export_paths: Vec<String>,
    pub search: SearchMemo,
    /// Each dependency → the outputs made from it.
    pub by_dep: HashMap<Dep, Vec<OutputKey>>,
    /// Two outputs had one path: the next build renders everything.
    pub collided: bool,
}

/// A member of a taxonomy term.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Member {
    Page(String),
    Project(String),
}

/// (taxonomy, term slug) → term name and members, in site order.
pub(super) type Terms = BTreeMap<(String, String), (String, Vec<Member>)>;

/// Everything the next render needs from this one.
pub struct Memo {
    parts: Parts,
    cached: Cached,
    terms: Terms,
}

/// What changed in the sources since the memo's render.
#[derive(Debug, Default, Clone)]
pub struct Changes {
    /// Page files whose text changed (all still present: a page added or
    /// removed changes the page set, which is a full render).
    pub pages: HashSet<String>,
    /// Project ids whose data changed, appeared or went away.
    pub projects: BTreeSet<String>,
    /// People or programmes changed.
    pub directory: bool,
}

/// The result of [`Memo::render`].
pub enum Outcome {
    /// The tree is up to date; the memo for the next update and the
    /// diagnostics of the whole site.
    Done {
        memo: Box<Memo>,
        diagnostics: Diagnostics,
        rendered: usize,
    },
    /// The memo cannot follow this change: render everything.
    Full,
}

impl Memo {
    pub(super) fn new(parts: Parts, cached: Cached, terms: Terms) -> Memo {
        Memo {
            parts,
            cached,
            terms,
        }
    }

    /// Renders `new` from the memo of the render of `old`, updating `tree`
    /// (which holds the output of `old`) in place.
    ///
    /// `old: None` says the site kept its shape and only the bodies of
    /// `changes.pages` changed (their front matter is the same): then the
    /// parts derived from the whole site are kept as they are.
    pub fn render(
        self,
        old: Option<&Site>,
        new: &Site,
        figures: &Figures,
        all_page_files: &HashSet<String>,
        changes: &Changes,
        tree: &mut OutputTree,
    ) -> Outcome {
        let Memo {
            parts,
            mut cached,
            terms: old_terms,
        } = self;
        let same_shape = old.is_none();
        let old = old.unwrap_or(new);
        if cached.collided || old.pages.len() != new.pages.len() {
            return Outcome::Full;
        }
        let (mut r, bodies, items, old_links) = if same_shape {
            let mut r = Renderer::from_parts(new, figures, parts);
            let bodies = std::mem::take(&mut r.bodies);
            let items = std::mem::take(&mut r.items);
            let links = backlink_files(new, &r.backlinks);
            (r, bodies, items, links)
        } else {
            let Parts {
                templates,
                t,
                page_urls,
                hidden,
                statics,
                bodies,
                backlinks,
                site_value,
                nav,
                items,
                site_root,
                term_slugs,
                ..
            } = parts;
            let mut r = Renderer::new(new, figures, templates, t, all_page_files);
            r.site_root = site_root;
            if r.page_urls != page_urls
                || r.hidden != hidden
                || r.statics != statics
                || r.nav != nav
                || r.site_value != site_value
                || !same_slugs(&term_slugs, &r.term_slugs)
                || static_sizes(old) != static_sizes(new)
                || new
                    .pages
                    .iter()
                    .zip(&old.pages)
                    .any(|(a, b)| a.file != b.file)
            {
                return Outcome::Full;
            }
            let links = backlink_files(old, &backlinks);
            (r, bodies, items, links)
        };

        // Markdown: again for the changed pages, kept for the others.
        let changed_pages: Vec<usize> = (0..new.pages.len())
            .filter(|&i| changes.pages.contains(&new.pages[i].file))
            .collect();
        let mut bodies = bodies;
        let fresh: Vec<(usize, crate::markdown::Rendered)> = changed_pages
            .par_iter()
            .map(|&i| (i, r.render_body(&new.pages[i])))
            .collect();
        let mut dirty: HashSet<Dep> = HashSet::new();
        for (i, mut body) in fresh {
            let file = &new.pages[i].file;
            cached.body_diags[i] = std::mem::take(&mut body.diagnostics);
            let old_body = &bodies[i];
            if old_body.html != body.html
                || old_body.text != body.text
                || old_body.toc != body.toc
                || old_body.shortcodes != body.shortcodes
            {
                dirty.insert(Dep::Body(file.clone()));
            }
            if old.pages[i].source[..old.pages[i].body_start]
                != new.pages[i].source[..new.pages[i].body_start]
                || old.pages[i].title != new.pages[i].title
            {
                dirty.insert(Dep::Page(file.clone()));
            }
            bodies[i] = body;
        }
        r.bodies = bodies;
        let mut items = items;
        for &i in &changed_pages {
            let item = ItemValue::new(&r.item(i));
            if item.0 != items[i].0 {
                dirty.insert(Dep::Item(new.pages[i].file.clone()));
            }
            items[i] = item;
        }
        r.items = items;

        // Pages whose front matter or list item changed: lists holding them change.
        let touched: HashSet<&str> = dirty
            .iter()
            .filter_map(|d| match d {
                Dep::Page(f) | Dep::Item(f) => Some(f.as_str()),
                _ => None,
            })
            .collect();
        let page_dirty = |i: usize| touched.contains(new.pages[i].file.as_str());
        let mut derived: Vec<Dep> = Vec::new();
        // Sections: their members in order, their children, their items.
        for (path, s) in &new.sections {
            let Some(o) = old.sections.get(path) else {
                return Outcome::Full;
            };
            let same_members = same_shape
                || (s.pages.len() == o.pages.len()
                    && s.pages
                        .iter()
                        .zip(&o.pages)
                        .all(|(&a, &b)| new.pages[a].file == old.pages[b].file));
            if !same_members
                || s.children != o.children
                || s.index.map(|i| &new.pages[i].file) != o.index.map(|i| &old.pages[i].file)
                || s.pages.iter().chain(s.index.iter()).any(|&i| page_dirty(i))
            {
                derived.push(Dep::Section(path.clone()));
            }
        }
        let mut trees: BTreeSet<&str> = BTreeSet::new();
        for (i, page) in new.pages.iter().enumerate() {
            if page_dirty(i) {
                trees.insert(page.top_section());
            }
        }
        derived.extend(trees.into_iter().map(|t| Dep::Tree(t.to_string())));
        // Backlinks: the pages naming each project, and their items.
        let new_links = backlink_files(new, &r.backlinks);
        for id in new_links.keys().chain(old_links.keys()) {
            let a = new_links.get(id);
            if a != old_links.get(id)
                || a.into_iter()
                    .flatten()
                    .any(|f| touched.contains(f.as_str()))
            {
                derived.push(Dep::Backlinks(id.clone()));
            }
        }
        // Projects, people, programmes.
        for id in &changes.projects {
            derived.push(Dep::Project(id.clone()));
            let name = |site: &Site| site.project(id).map(|p| p.data.name.clone());
            if name(old) != name(new) {
                derived.push(Dep::ProjectName(id.clone()));
            }
        }
        if changes.directory {
            derived.push(Dep::Directory);
        }
        if changes.directory || !changes.projects.is_empty() {
            derived.push(Dep::Portfolio);
        }
        // Taxonomy terms: their names, members and the members' items.
        let new_terms = if same_shape {
            None
        } else {
            Some(term_members(&r))
        };
        let terms = new_terms.as_ref().unwrap_or(&old_terms);
        let member_dirty = |m: &Member| match m {
            Member::Page(f) => touched.contains(f.as_str()),
            Member::Project(id) => changes.projects.contains(id),
        };
        let mut term_dirty: Vec<Dep> = Vec::new();
        for (key, (name, members)) in terms {
            match old_terms.get(key) {
                Some((n, m)) if n == name && m == members && !members.iter().any(member_dirty) => {}
                _ => term_dirty.push(Dep::Term(key.0.clone(), key.1.clone())),
            }
        }
        for key in old_terms.keys() {
            if !terms.contains_key(key) {
                term_dirty.push(Dep::Term(key.0.clone(), key.1.clone()));
            }
        }
        for tax in &new.config.taxonomies {
            let list = |t: &Terms| -> Vec<(String, String, usize)> {
                t.iter()
                    .filter(|(k, _)| &k.0 == tax)
                    .map(|(k, (n, m))| (k.1.clone(), n.clone(), m.len()))
                    .collect()
            };
            if list(terms) != list(&old_terms) {
                term_dirty.push(Dep::Taxonomy(tax.clone()));
            }
        }
        drop(touched);
        dirty.extend(derived);
        dirty.extend(term_dirty);

        if !changes.projects.is_empty() || dirty.contains(&Dep::Site) {
            cached.project_diags = r.project_link_diagnostics();
        }

        // The outputs to render again.
        // With the site's shape kept, the set of outputs and what each is made
        // of are too: the outputs to render are found through the reverse map.
        let tasks = if same_shape {
            let mut keys: HashSet<OutputKey> = HashSet::new();
            for d in &dirty {
                if let Some(list) = cached.by_dep.get(d) {
                    keys.extend(list.iter().cloned());
                }
            }
            r.tasks_for(Some(&keys))
        } else {
            r.tasks()
        };
        // A task that is new or reads other things than before changes the
        // map from dependencies to outputs.
        let mut reshaped = false;
        let mut run: Vec<usize> = Vec::new();
        for (n, task) in tasks.iter().enumerate() {
            // A body edit can change what a page's shortcodes read.
            if same_shape
                && cached
                    .outputs
                    .get(&task.key)
                    .is_none_or(|r| r.deps != task.deps)
            {
                reshaped = true;
            }
            let again = same_shape
                || match cached.outputs.get(&task.key) {
                    None => {
                        reshaped = true;
                        true
                    }
                    Some(rec) if rec.deps != task.deps => {
                        reshaped = true;
                        true
                    }
                    Some(_) => task.deps.iter().any(|d| dirty.contains(d)),
                };
            if again {
                run.push(n);
            }
        }
        let results: Vec<(usize, super::tasks::JobResult)> =
            run.par_iter().map(|&n| (n, (tasks[n].job)())).collect();
        let rendered = results.len();
        let mut outputs = std::mem::take(&mut cached.outputs);
        let mut gone: Vec<String> = Vec::new();
        // Outputs no task makes any more.
        let kept = tasks
            .iter()
            .filter(|t| outputs.contains_key(&t.key))
            .count();
        if !same_shape && kept != outputs.len() {
            let keys: HashSet<&OutputKey> = tasks.iter().map(|t| &t.key).collect();
            outputs.retain(|key, rec| {
                let keep = keys.contains(key);
                if !keep && let Some(p) = &rec.path {
                    gone.push(p.clone());
                }
                keep
            });
            reshaped = true;
        }
        let mut written: Vec<(String, String)> = Vec::new();
        let mut moved = false;
        for (n, result) in results {
            let task = &tasks[n];
            let old_path = outputs.get(&task.key).and_then(|r| r.path.clone());
            let record = match result {
                Ok((path, html)) => {
                    written.push((path.clone(), html));
                    Record::ok(path, task.deps.clone())
                }
                Err(d) => Record::failed(d, task.deps.clone()),
            };
            if record.path != old_path {
                moved = true;
                gone.extend(old_path);
            }
            outputs.insert(task.key.clone(), record);
        }
        if reshaped || moved {
            // Two outputs on one path: the order of the clean build decides, so render everything.
            let mut paths = HashSet::new();
            for rec in outputs.values() {
                if let Some(p) = &rec.path
                    && !paths.insert(p.as_str())
                {
                    return Outcome::Full;
                }
            }
            for p in gone {
                if !paths.contains(p.as_str()) {
                    tree.remove(&p);
                }
            }
        }
        let task_errors: Vec<Diagnostic> =
            outputs.values().filter_map(|r| r.error.clone()).collect();
        drop(tasks);
        if reshaped {
            cached.by_dep = reverse_deps(&outputs);
        }
        for (path, html) in written {
            tree.insert(path, html.into_bytes());
        }

        // Around the pages. With the site's shape kept, aliases, 404, static
        // files, sitemap and robots stay as they are; otherwise they are taken
        // out and made again in the clean build's order.
        let portfolio = dirty.contains(&Dep::Portfolio) || !same_shape;
        if !same_shape {
            for p in cached.tail_paths.iter().chain(&cached.export_paths) {
                tree.remove(p);
            }
            let saved: Vec<(String, Content)> = cached
                .search
                .paths
                .iter()
                .filter_map(|p| tree.remove(p).map(|c| (p.clone(), c)))
                .collect();
            let mut tail = Diagnostics::default();
            let before = tree.len();
            cached.tail_paths = super::site_files::add(&r, tree, &mut tail);
            if tree.len() != before + cached.tail_paths.len() {
                return Outcome::Full;
            }
            cached.tail_diags = tail.0;
            cached.export_paths = super::add_exports_tracked(&r, tree);
            for (p, c) in saved {
                tree.insert_content(p, c);
            }
        } else if portfolio {
            for p in &cached.export_paths {
                tree.remove(p);
            }
            cached.export_paths = super::add_exports_tracked(&r, tree);
        }
        // A page's document lists the ids of the visible projects it names.
        let mut search_pages = changed_pages.clone();
        let renamed: HashSet<&str> = dirty
            .iter()
            .filter_map(|d| match d {
                Dep::ProjectName(id) => Some(id.as_str()),
                _ => None,
            })
            .collect();
        if !renamed.is_empty() {
            for (i, page) in new.pages.iter().enumerate() {
                let m = &page.meta;
                if m.project
                    .iter()
                    .chain(&m.projects)
                    .any(|p| renamed.contains(p.value.as_str()))
                {
                    search_pages.push(i);
                }
            }
            search_pages.sort_unstable();
            search_pages.dedup();
        }
        if !cached.search.update(&r, tree, &search_pages, portfolio) {
            for p in &cached.search.paths {
                tree.remove(p);
            }
            let mut d = Diagnostics::default();
            match super::search::add(&r, tree, &mut d, true) {
                Some(search) => cached.search = search,
                None => return Outcome::Full,
            }
            cached.search_diags = d.0;
        }
        cached.outputs = outputs;

        let mut diagnostics = Diagnostics::default();
        diagnostics.extend(cached.string_warnings.iter().cloned());
        for d in &cached.body_diags {
            diagnostics.extend(d.iter().cloned());
        }
        diagnostics.extend(cached.project_diags.iter().cloned());
        diagnostics.extend(task_errors);
        diagnostics.extend(cached.tail_diags.iter().cloned());
        diagnostics.extend(cached.search_diags.iter().cloned());
        let memo = Memo {
            parts: r.into_parts(),
            cached,
            terms: new_terms.unwrap_or(old_terms),
        };
        Outcome::Done {
            memo: Box::new(memo),
            diagnostics,
            rendered,
        }
    }
}

/// Each dependency → the outputs made from it.
pub fn reverse_deps(outputs: &BTreeMap<OutputKey, Record>) -> HashMap<Dep, Vec<OutputKey>> {
    let mut by_dep: HashMap<Dep, Vec<OutputKey>> = HashMap::new();
    for (key, rec) in outputs {
        for d in &rec.deps {
            by_dep.entry(d.clone()).or_default().push(key.clone());
        }
    }
    by_dep
}

/// Whether every term that has a slug in both keeps it (new terms only add slugs).
fn same_slugs(old: &super::pages::TermSlugs, new: &super::pages::TermSlugs) -> bool {
    old.iter().all(|(tax, terms)| {
        let now = new.get(tax);
        terms
            .iter()
            .all(|(k, v)| now.and_then(|m| m.get(k)).is_none_or(|n| n == v))
    })
}

fn static_sizes(site: &Site) -> Vec<(&str, u64)> {
    site.static_files
        .iter()
        .map(|f| (f.rel.as_str(), f.size))
        .collect()
}

fn backlink_files(
    site: &Site,
    links: &BTreeMap<String, Vec<usize>>,
) -> BTreeMap<String, Vec<String>> {
    links
        .iter()
        .map(|(id, list)| {
            (
                id.clone(),
                list.iter().map(|&i| site.pages[i].file.clone()).collect(),
            )
        })
        .collect()
}

/// Every taxonomy term's name and members, as the term pages list them.
pub(super) fn term_members(r: &Renderer<'_>) -> Terms {
    let mut terms: Terms = BTreeMap::new();
    for name in &r.site.config.taxonomies {
        for page in &r.site.pages {
            if page.path.is_empty() {
                continue;
            }
            for term in r.page_terms(name, page) {
                terms
                    .entry((name.clone(), r.term_slug(name, term)))
                    .or_insert_with(|| (term.to_string(), Vec::new()))
                    .1
                    .push(Member::Page(page.file.clone()));
            }
        }
        for project in &r.site.projects {
            for term in pages::project_terms(name, project) {
                terms
                    .entry((name.clone(), r.term_slug(name, term)))
                    .or_insert_with(|| (term.to_string(), Vec::new()))
                    .1
                    .push(Member::Project(project.id.clone()));
            }
        }
    }
    terms
}
