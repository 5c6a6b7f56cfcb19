//! Rendering: turns a validated [`Site`] into an in-memory output tree
//! (path → bytes). Markdown and templates render in parallel; the result is
//! ordered by path so the output is deterministic.

pub mod charts;
mod dashboard;
mod feeds;
pub mod format;
pub mod i18n;
pub mod memo;
mod pages;
mod portfolio;
mod projects;
mod quality;
mod raid;
mod reports;
mod search;
mod shortcodes;
mod site_files;
pub mod tasks;
mod taxonomy;
pub mod templates;
pub mod views;

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;
use tera::Context;

use crate::error::Rule;
use crate::error::{Diagnostic, Diagnostics};
use crate::markdown::{self, LinkContext, MarkdownOptions, Rendered};
use crate::metrics::Figures;
use crate::model::Site;
use crate::output::OutputTree;
use crate::theme::Theme;

use self::i18n::Strings;
use self::tasks::{Dep, OutputKey, Task};
use self::templates::Templates;
use self::views::{ItemValue, Link, SiteView};

/// Shared, read-only state for rendering one site.
pub struct Renderer<'a> {
    pub site: &'a Site,
    pub templates: Templates,
    pub t: Strings,
    /// Source file → URL (relative to root) of every page in the build.
    pub page_urls: HashMap<String, String>,
    pub hidden: HashSet<String>,
    pub statics: HashSet<String>,
    /// Rendered Markdown of each page, by index in `site.pages`.
    pub bodies: Vec<Rendered>,
    /// Project id → indices of pages (lessons, cases) that refer to it.
    pub backlinks: BTreeMap<String, Vec<usize>>,
    /// `site` and `t` as template values, converted once and shared by every page.
    site_value: tera::Value,
    t_value: tera::Value,
    /// The main navigation, in menu order.
    pub nav: Vec<Link>,
    /// Each page as it appears in lists, by index in `site.pages` (after `bodies`).
    items: Vec<ItemValue>,
    /// The site's root folder, for files copied from `static/`.
    pub site_root: std::path::PathBuf,
    /// Every figure shown, computed once per build before rendering.
    pub figures: &'a Figures,
    /// (taxonomy, lower-cased term) → unique URL slug.
    pub term_slugs: pages::TermSlugs,
}

/// Renders every output file of `site`. `all_page_files` lists every page
/// source, including drafts and pages of other audiences, so a link to one is
/// reported as "not in this build" rather than "missing".
pub fn render_site(
    site: &Site,
    figures: &Figures,
    theme: &Theme,
    site_root: &std::path::Path,
    all_page_files: &HashSet<String>,
) -> (OutputTree, Diagnostics) {
    let (tree, diags, _) = render(site, figures, theme, site_root, all_page_files, false);
    (tree, diags)
}

/// [`render_site`], also returning what an incremental build needs to
/// render the next version of the site ([`memo::Memo`]); `None` when
/// templates or strings failed.
pub fn render_site_memo(
    site: &Site,
    figures: &Figures,
    theme: &Theme,
    site_root: &std::path::Path,
    all_page_files: &HashSet<String>,
) -> (OutputTree, Diagnostics, Option<memo::Memo>) {
    render(site, figures, theme, site_root, all_page_files, true)
}

/// Renders the site; with `keep`, also what the next incremental render needs.
fn render(
    site: &Site,
    figures: &Figures,
    theme: &Theme,
    site_root: &std::path::Path,
    all_page_files: &HashSet<String>,
    keep: bool,
) -> (OutputTree, Diagnostics, Option<memo::Memo>) {
    let mut diags = Diagnostics::default();
    let templates = match Templates::compile(theme) {
        Ok(t) => t,
        Err(d) => {
            diags.extend(d);
            return (OutputTree::default(), diags, None);
        }
    };
    let t = match Strings::load(theme, site.config.language.code()) {
        Ok((t, warnings)) => {
            diags.extend(warnings);
            t
        }
        Err(d) => {
            diags.push(d);
            return (OutputTree::default(), diags, None);
        }
    };
    let string_warnings = diags.0.clone();
    let mut renderer = Renderer::new(site, figures, templates, t, all_page_files);
    renderer.site_root = site_root.to_path_buf();
    let (bodies, body_diags) = renderer.render_markdown();
    renderer.bodies = bodies;
    for d in &body_diags {
        diags.extend(d.iter().cloned());
    }
    let project_diags = renderer.project_link_diagnostics();
    diags.extend(project_diags.iter().cloned());
    renderer.items = (0..site.pages.len())
        .into_par_iter()
        .map(|i| ItemValue::new(&renderer.item(i)))
        .collect();

    let mut tree = OutputTree::default();
    for (path, file) in &theme.statics {
        tree.insert(path.clone(), file.bytes.clone());
    }
    let tasks = renderer.tasks();
    let results: Vec<Result<(String, String), Diagnostic>> =
        tasks.par_iter().map(|task| (task.job)()).collect();
    let mut outputs = BTreeMap::new();
    let mut collided = false;
    for (task, r) in tasks.iter().zip(results) {
        let record = match r {
            Ok((path, html)) => {
                if tree.insert(path.clone(), html.into_bytes()) {
                    collided = true;
                    diags.push(duplicate_output(&renderer, &path));
                }
                keep.then(|| memo::Record::ok(path, task.deps.clone()))
            }
            Err(d) => {
                diags.push(d.clone());
                keep.then(|| memo::Record::failed(d, task.deps.clone()))
            }
        };
        if let Some(record) = record {
            outputs.insert(task.key.clone(), record);
        }
    }
    drop(tasks);
    if !keep {
        // The pages hold their HTML now; only the plain text is needed from here on (search).
        for body in &mut renderer.bodies {
            body.html = String::new();
        }
    }
    let before_tail = tree.len();
    let mut tail = Diagnostics::default();
    let tail_paths = site_files::add(&renderer, &mut tree, &mut tail);
    // A static file that replaced a rendered output ties the two together:
    // the incremental build does not try to keep that straight.
    collided |= tree.len() != before_tail + tail_paths.len();
    let export_paths = add_exports_tracked(&renderer, &mut tree);
    let mut search_diags = Diagnostics::default();
    let search = search::add(&renderer, &mut tree, &mut search_diags, keep);
    diags.extend(tail.0.iter().cloned());
    diags.extend(search_diags.0.iter().cloned());
    let Some(search) = search else {
        return (tree, diags, None);
    };
    let by_dep = memo::reverse_deps(&outputs);
    let terms = memo::term_members(&renderer);
    let memo = memo::Memo::new(
        renderer.into_parts(),
        memo::Cached {
            string_warnings,
            body_diags,
            project_diags,
            outputs,
            tail_paths,
            tail_diags: tail.0,
            search_diags: search_diags.0,
            export_paths,
            search,
            by_dep,
            collided,
        },
        terms,
    );
    (tree, diags, Some(memo))
}

/// Adds the machine-readable exports to `tree`; returns their paths.
fn add_exports_tracked(renderer: &Renderer<'_>, tree: &mut OutputTree) -> Vec<String> {
    let mut exports = OutputTree::default();
    portfolio::add_exports(renderer, &mut exports);
    let paths: Vec<String> = exports.paths().map(str::to_string).collect();
    for (path, content) in exports.files {
        tree.insert_content(path, content);
    }
    paths
}

/// A content page whose URL is also a generated page's: the generated one is kept.
fn duplicate_output(renderer: &Renderer<'_>, path: &str) -> Diagnostic {
    // Content pages render first, so the generated page replaced it.
    let source = renderer
        .site
        .pages
        .iter()
        .find(|p| p.url() == path)
        .map_or_else(|| format!("/{path}"), |p| p.file.clone());
    Diagnostic::warning(
        Rule::DuplicateOutput,
        source,
        format!("`{path}` is also a page folio generates; the generated page is kept"),
    )
    .with_hint("move the page or give it a `slug`: projects/, risks/, resources/, people/, programmes/ and taxonomy folders are generated")
}

/// What a [`Renderer`] owns: everything derived from the site once per
/// build, kept by an incremental build between versions of the site.
pub struct Parts {
    templates: Templates,
    t: Strings,
    page_urls: HashMap<String, String>,
    hidden: HashSet<String>,
    statics: HashSet<String>,
    bodies: Vec<Rendered>,
    backlinks: BTreeMap<String, Vec<usize>>,
    site_value: tera::Value,
    t_value: tera::Value,
    nav: Vec<Link>,
    items: Vec<ItemValue>,
    site_root: std::path::PathBuf,
    term_slugs: pages::TermSlugs,
}

impl<'a> Renderer<'a> {
    /// Gives up the site borrow, keeping everything derived from it.
    pub fn into_parts(self) -> Parts {
        let Renderer {
            site: _,
            figures: _,
            templates,
            t,
            page_urls,
            hidden,
            statics,
            bodies,
            backlinks,
            site_value,
            t_value,
            nav,
            items,
            site_root,
            term_slugs,
        } = self;
        Parts {
            templates,
            t,
            page_urls,
            hidden,
            statics,
            bodies,
            backlinks,
            site_value,
            t_value,
            nav,
            items,
            site_root,
            term_slugs,
        }
    }

    /// A renderer of `site` over parts derived from it (or, on the way to an
    /// update, from its previous version).
    pub fn from_parts(site: &'a Site, figures: &'a Figures, parts: Parts) -> Renderer<'a> {
        let Parts {
            templates,
            t,
            page_urls,
            hidden,
            statics,
            bodies,
            backlinks,
            site_value,
            t_value,
            nav,
            items,
            site_root,
            term_slugs,
        } = parts;
        Renderer {
            site,
            figures,
            templates,
            t,
            page_urls,
            hidden,
            statics,
            bodies,
            backlinks,
            site_value,
            t_value,
            nav,
            items,
            site_root,
            term_slugs,
        }
    }
}

impl<'a> Renderer<'a> {
    fn new(
        site: &'a Site,
        figures: &'a Figures,
        templates: Templates,
        t: Strings,
        all_page_files: &HashSet<String>,
    ) -> Self {
        let page_urls: HashMap<String, String> = site
            .pages
            .iter()
            .map(|p| (p.file.clone(), p.url()))
            .collect();
        let hidden = all_page_files
            .iter()
            .filter(|f| !page_urls.contains_key(*f))
            .cloned()
            .collect();
        let statics = site.static_files.iter().map(|f| f.rel.clone()).collect();
        let mut backlinks: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, page) in site.pages.iter().enumerate() {
            let ids = page.meta.project.iter().chain(page.meta.projects.iter());
            for id in ids {
                let list = backlinks.entry(id.value.clone()).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
        let mut nav = vec![
            Link {
                title: t.get("nav_projects").to_string(),
                url: "projects/index.html".into(),
            },
            Link {
                title: t.get("nav_risks").to_string(),
                url: "risks/index.html".into(),
            },
            Link {
                title: t.get("nav_resources").to_string(),
                url: "resources/index.html".into(),
            },
        ];
        if let Some(root) = site.sections.get("") {
            for child in &root.children {
                let title = site.sections[child]
                    .index
                    .map_or_else(|| child.clone(), |i| site.pages[i].title.clone());
                nav.push(Link {
                    title,
                    url: crate::url::section(child),
                });
            }
        }
        if quality::publishes_findings(site) {
            nav.push(Link {
                title: t.get("nav_quality").to_string(),
                url: crate::url::QUALITY.into(),
            });
        }
        // Periodic reports are generated even when content/ has no reports section.
        if !site.sections.contains_key("reports") {
            nav.push(Link {
                title: t.get("report_list_title").to_string(),
                url: "reports/index.html".into(),
            });
        }
        let c = &site.config;
        let site_view = SiteView {
            title: c.title.clone(),
            description: c.description.clone(),
            lang: c.language.code(),
            base_url: c.base_url.clone(),
            as_of: site.as_of.to_string(),
            currency: c.currency.clone(),
            audience: site.audience.clone(),
            nav,
        };
        let site_value = tera::Value::from_serializable(&site_view);
        let nav = site_view.nav;
        let t_value = tera::Value::from_serializable(&t);
        Renderer {
            site,
            figures,
            templates,
            t,
            page_urls,
            hidden,
            statics,
            bodies: Vec::new(),
            backlinks,
            site_value,
            t_value,
            nav,
            items: Vec::new(),
            site_root: std::path::PathBuf::new(),
            term_slugs: pages::TermSlugs::new(),
        }
        .with_term_slugs()
    }

    fn with_term_slugs(mut self) -> Self {
        let mut terms: Vec<(&str, &str)> = Vec::new();
        for tax in &self.site.config.taxonomies {
            for page in &self.site.pages {
                terms.extend(
                    self.page_terms(tax, page)
                        .into_iter()
                        .map(|t| (tax.as_str(), t)),
                );
            }
            for p in &self.site.projects {
                terms.extend(
                    pages::project_terms(tax, p)
                        .into_iter()
                        .map(|t| (tax.as_str(), t)),
                );
            }
        }
        self.term_slugs = pages::assign_term_slugs(terms);
        self
    }

    fn markdown_options(&self) -> MarkdownOptions {
        MarkdownOptions {
            raw_html: self.site.config.markdown.raw_html,
            smart_punctuation: self.site.config.markdown.smart_punctuation,
        }
    }

    /// Every page's Markdown, and each page's diagnostics (broken links).
    fn render_markdown(&self) -> (Vec<Rendered>, Vec<Vec<Diagnostic>>) {
        self.site
            .pages
            .par_iter()
            .map(|page| {
                let mut body = self.render_body(page);
                let diags = std::mem::take(&mut body.diagnostics);
                (body, diags)
            })
            .unzip()
    }

    /// One page's Markdown, with the links it holds resolved.
    fn render_body(&self, page: &crate::model::Page) -> Rendered {
        let root = root_prefix(&page.path);
        let ctx = LinkContext {
            file: &page.file,
            source: &page.source,
            first_line: page.body_line,
            root: &root,
            pages: &self.page_urls,
            hidden: &self.hidden,
            statics: &self.statics,
            shortcodes: self.templates.shortcodes(),
            alert_titles: self.alert_titles(),
        };
        markdown::render(page.body(), self.markdown_options(), &ctx)
    }

    pub(super) fn alert_titles(&self) -> [&str; 5] {
        [
            "alert_note",
            "alert_tip",
            "alert_important",
            "alert_warning",
            "alert_caution",
        ]
        .map(|k| self.t.get(k))
    }

    /// Renders a short Markdown text from project data (summaries, plans) for a page at `path`.
    pub fn inline_markdown(&self, text: &str, file: &str, path: &str) -> String {
        self.inline_rendered(text, file, path).html
    }

    /// Renders Markdown from a data file; links resolve from `content/`.
    fn inline_rendered(&self, text: &str, file: &str, path: &str) -> Rendered {
        let root = root_prefix(path);
        let ctx = LinkContext {
            file: "content/_data.md",
            source: text,
            first_line: 1,
            root: &root,
            pages: &self.page_urls,
            hidden: &self.hidden,
            statics: &self.statics,
            shortcodes: self.templates.shortcodes(),
            alert_titles: self.alert_titles(),
        };
        let mut r = markdown::render(text, self.markdown_options(), &ctx);
        for d in &mut r.diagnostics {
            d.file = file.to_string();
        }
        r
    }

    /// Broken links in the Markdown of project files (summaries, status
    /// summaries, risk plans, recovery plans), reported against the project file.
    fn project_link_diagnostics(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for p in &self.site.projects {
            let d = &p.data;
            let texts = d
                .summary
                .iter()
                .chain(d.recovery_plan.iter())
                .chain(d.status.iter().filter_map(|s| s.summary.as_ref()))
                .chain(d.risks.iter().filter_map(|r| r.plan.as_ref()));
            for text in texts {
                if !text.contains("](") {
                    continue;
                }
                for mut diag in self
                    .inline_rendered(text, &p.file, "projects/x/")
                    .diagnostics
                {
                    // Point at the line of the project file that holds the link text.
                    let needle = diag.snippet.clone().unwrap_or_default();
                    let source = self
                        .site
                        .data_sources
                        .get(&p.file)
                        .map_or("", String::as_str);
                    let line = source
                        .lines()
                        .position(|l| !needle.is_empty() && l.contains(needle.trim()))
                        .map_or(0, |i| i + 1);
                    diag = diag.at(source, line, 0);
                    out.push(diag);
                }
            }
        }
        out
    }

    /// A template context for a page at output directory `path`.
    pub fn context(&self, path: &str) -> Context {
        let mut ctx = Context::new();
        ctx.insert_value("site", self.site_value.clone());
        ctx.insert_value("t", self.t_value.clone());
        ctx.insert("root", &root_prefix(path));
        ctx.insert("path", &crate::url::encode(path));
        if let Some(section) = path.strip_suffix('/')
            && let Some(feed) = self.feed_link(section)
        {
            ctx.insert("feed", &feed);
        }
        ctx
    }

    /// Breadcrumbs from the home page through `(title key, url)` pairs.
    pub fn crumbs(&self, trail: &[(&str, &str)]) -> Vec<Link> {
        std::iter::once(("home", "index.html"))
            .chain(trail.iter().copied())
            .map(|(key, url)| Link {
                title: self.t.get(key).to_string(),
                url: url.to_string(),
            })
            .collect()
    }

    /// Renders `template` for output directory `path` (`lessons/a/`) into `index.html`.
    pub fn page(
        &self,
        template: &str,
        path: &str,
        ctx: &Context,
        for_file: &str,
    ) -> Result<(String, String), Diagnostic> {
        let html = self.templates.render(template, ctx, for_file)?;
        Ok((format!("{path}index.html"), html))
    }

    /// Every output page of the site, in the order their results are put
    /// in the tree (content pages first, so a generated page wins a clash).
    fn tasks(&self) -> Vec<Task<'_>> {
        self.tasks_for(None)
    }

    /// The tasks whose keys are in `only` (every task with `None`). Building
    /// a task costs little, except taxonomy terms, which gather their pages:
    /// only the taxonomies `only` names are gathered.
    fn tasks_for(&self, only: Option<&HashSet<OutputKey>>) -> Vec<Task<'_>> {
        let want = |key: &OutputKey| only.is_none_or(|keys| keys.contains(key));
        let wants = |kind: fn(&OutputKey) -> bool| only.is_none_or(|keys| keys.iter().any(kind));
        let mut tasks: Vec<Task<'_>> = Vec::new();
        let page_indices: Vec<usize> = match only {
            None => (0..self.site.pages.len()).collect(),
            Some(keys) => {
                let files: HashSet<&str> = keys
                    .iter()
                    .filter_map(|k| match k {
                        OutputKey::Page { file, .. } => Some(file.as_str()),
                        _ => None,
                    })
                    .collect();
                (0..self.site.pages.len())
                    .filter(|&i| files.contains(self.site.pages[i].file.as_str()))
                    .collect()
            }
        };
        for i in page_indices {
            let page = &self.site.pages[i];
            for n in 1..=self.list_pages(i) {
                let key = OutputKey::Page {
                    file: page.file.clone(),
                    n,
                };
                if want(&key) {
                    let job: pages::Job<'_> = Box::new(move || self.render_page_n(i, n));
                    tasks.push(Task::new(key, self.page_deps(i, n), job));
                }
            }
        }
        for path in self.site.sections.keys() {
            let key = OutputKey::Section(path.clone());
            if self.site.sections[path].index.is_none() && want(&key) {
                tasks.push(Task::new(
                    key,
                    self.section_deps(path),
                    Box::new(move || self.render_section_without_index(path)),
                ));
            }
        }
        let portfolio = || vec![Dep::Site, Dep::Portfolio];
        if want(&OutputKey::ProjectList) {
            tasks.push(Task::new(
                OutputKey::ProjectList,
                portfolio(),
                Box::new(|| self.render_project_list()),
            ));
        }
        if wants(|k| matches!(k, OutputKey::Portfolio(_))) {
            for (n, job) in self.portfolio_jobs().into_iter().enumerate() {
                if want(&OutputKey::Portfolio(n)) {
                    tasks.push(Task::new(OutputKey::Portfolio(n), portfolio(), job));
                }
            }
        }
        for (i, p) in self.site.projects.iter().enumerate() {
            let key = OutputKey::Project(p.id.clone());
            if !want(&key) {
                continue;
            }
            let deps = vec![
                Dep::Site,
                Dep::Project(p.id.clone()),
                Dep::Directory,
                Dep::Backlinks(p.id.clone()),
                // Its findings: over-allocation depends on other projects.
                Dep::Portfolio,
            ];
            tasks.push(Task::new(
                key,
                deps,
                Box::new(move || self.render_project(i)),
            ));
        }
        if wants(|k| matches!(k, OutputKey::Taxonomy(_) | OutputKey::Term(..))) {
            let taxonomies: Option<HashSet<&str>> = only.map(|keys| {
                keys.iter()
                    .filter_map(|k| match k {
                        OutputKey::Taxonomy(t) | OutputKey::Term(t, ..) => Some(t.as_str()),
                        _ => None,
                    })
                    .collect()
            });
            tasks.extend(
                self.taxonomy_tasks(taxonomies.as_ref())
                    .into_iter()
                    .filter(|t| want(&t.key)),
            );
        }
        if self.publishes_findings() && want(&OutputKey::Quality) {
            // Findings read project data, people and the lessons naming projects.
            let mut deps = portfolio();
            deps.push(Dep::Tree("lessons".into()));
            tasks.push(Task::new(
                OutputKey::Quality,
                deps,
                Box::new(|| self.render_quality()),
            ));
        }
        if wants(|k| matches!(k, OutputKey::Report(_))) {
            for (n, job) in self.report_jobs().into_iter().enumerate() {
                if want(&OutputKey::Report(n)) {
                    let mut deps = portfolio();
                    deps.push(Dep::Section("reports".into()));
                    tasks.push(Task::new(OutputKey::Report(n), deps, job));
                }
            }
        }
        for section in self.feed_sections() {
            let key = OutputKey::Feed(section.to_string());
            if want(&key) {
                tasks.push(Task::new(
                    key,
                    Self::feed_deps(section),
                    Box::new(move || self.render_feed(section)),
                ));
            }
        }
        tasks
    }
}

/// The way back from output directory `path` to the site root: `lessons/a/` → `../../`.
pub fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

#[cfg(test)]
mod tests {
    #[test]
    fn root_prefix_counts_directories() {
        assert_eq!(super::root_prefix(""), "");
        assert_eq!(super::root_prefix("lessons/a/"), "../../");
    }
}
