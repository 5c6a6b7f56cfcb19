//! Rendering: turns a validated [`Site`] into an in-memory output tree
//! (path → bytes). Markdown and templates render in parallel; the result is
//! ordered by path so the output is deterministic.

pub mod charts;
mod dashboard;
pub mod format;
pub mod i18n;
mod pages;
mod portfolio;
mod projects;
mod reports;
mod search;
mod site_files;
pub mod templates;
pub mod views;

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;
use tera::Context;

use crate::error::{Diagnostic, Diagnostics};
use crate::markdown::{self, LinkContext, MarkdownOptions, Rendered};
use crate::metrics::Figures;
use crate::model::Site;
use crate::output::OutputTree;
use crate::theme::Theme;

use self::i18n::Strings;
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
    pub term_slugs: HashMap<(String, String), String>,
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
    let mut diags = Diagnostics::default();
    let templates = match Templates::compile(theme) {
        Ok(t) => t,
        Err(d) => {
            diags.extend(d);
            return (OutputTree::default(), diags);
        }
    };
    let t = match Strings::load(theme, site.config.language.code()) {
        Ok((t, warnings)) => {
            diags.extend(warnings);
            t
        }
        Err(d) => {
            diags.push(d);
            return (OutputTree::default(), diags);
        }
    };
    let mut renderer = Renderer::new(site, figures, templates, t, all_page_files);
    renderer.site_root = site_root.to_path_buf();
    renderer.bodies = renderer.render_markdown(&mut diags);
    diags.extend(renderer.project_link_diagnostics());
    renderer.items = (0..site.pages.len())
        .into_par_iter()
        .map(|i| ItemValue::new(&renderer.item(i)))
        .collect();

    let mut tree = OutputTree::default();
    for (path, file) in &theme.statics {
        tree.insert(path.clone(), file.bytes.clone());
    }
    let results: Vec<Result<(String, String), Diagnostic>> = renderer.render_all();
    // The pages hold their HTML now; only the plain text is needed from here on (search).
    for body in &mut renderer.bodies {
        body.html = String::new();
    }
    for r in results {
        match r {
            Ok((path, html)) => {
                if tree.insert(path.clone(), html.into_bytes()) {
                    // Content pages render first, so the generated page replaced it.
                    let source = renderer
                        .site
                        .pages
                        .iter()
                        .find(|p| p.url() == path)
                        .map_or_else(|| format!("/{path}"), |p| p.file.clone());
                    diags.push(
                        Diagnostic::warning(
                            "duplicate-output",
                            source,
                            format!("`{path}` is also a page folio generates; the generated page is kept"),
                        )
                        .with_hint("move the page or give it a `slug`: projects/, risks/, resources/, people/, programmes/ and taxonomy folders are generated"),
                    );
                }
            }
            Err(d) => diags.push(d),
        }
    }
    site_files::add(&renderer, &mut tree, &mut diags);
    portfolio::add_exports(&renderer, &mut tree);
    search::add(&renderer, &mut tree, &mut diags);
    (tree, diags)
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
                    url: markdown::encode_path(&format!("{child}/index.html")),
                });
            }
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
            figures,
            term_slugs: HashMap::new(),
        }
        .with_term_slugs()
    }

    fn with_term_slugs(mut self) -> Self {
        let mut terms: Vec<(String, String)> = Vec::new();
        for tax in &self.site.config.taxonomies {
            for page in &self.site.pages {
                terms.extend(
                    self.page_terms(tax, page)
                        .into_iter()
                        .map(|t| (tax.clone(), t.to_string())),
                );
            }
            for p in &self.site.projects {
                terms.extend(
                    pages::project_terms(tax, p)
                        .into_iter()
                        .map(|t| (tax.clone(), t.to_string())),
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

    fn render_markdown(&self, diags: &mut Diagnostics) -> Vec<Rendered> {
        let opts = self.markdown_options();
        let mut bodies: Vec<Rendered> = self
            .site
            .pages
            .par_iter()
            .map(|page| {
                let root = root_prefix(&page.path);
                let ctx = LinkContext {
                    file: &page.file,
                    source: &page.source,
                    first_line: page.body_line,
                    root: &root,
                    pages: &self.page_urls,
                    hidden: &self.hidden,
                    statics: &self.statics,
                };
                markdown::render(page.body(), opts, &ctx)
            })
            .collect();
        for b in &mut bodies {
            diags.extend(std::mem::take(&mut b.diagnostics));
        }
        bodies
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
        ctx.insert("path", &markdown::encode_path(path));
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

    fn render_all(&self) -> Vec<Result<(String, String), Diagnostic>> {
        let mut jobs: Vec<pages::Job<'_>> = Vec::new();
        for i in 0..self.site.pages.len() {
            jobs.push(Box::new(move || self.render_page(i)));
            for n in 2..=self.list_pages(i) {
                jobs.push(Box::new(move || self.render_page_n(i, n)));
            }
        }
        for path in self.site.sections.keys() {
            if self.site.sections[path].index.is_none() {
                jobs.push(Box::new(move || self.render_section_without_index(path)));
            }
        }
        jobs.push(Box::new(|| self.render_project_list()));
        jobs.extend(self.portfolio_jobs());
        for i in 0..self.site.projects.len() {
            jobs.push(Box::new(move || self.render_project(i)));
        }
        for job in self.taxonomy_jobs() {
            jobs.push(job);
        }
        jobs.extend(self.report_jobs());
        jobs.par_iter().map(|job| job()).collect()
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
