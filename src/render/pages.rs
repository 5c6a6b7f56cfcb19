//! Views of Markdown pages: regular pages, section pages, the home page,
//! training courses with their modules, and taxonomy pages.

use std::collections::BTreeMap;

use crate::error::Diagnostic;
use crate::model::{Page, slugify};
use crate::url;

use super::Renderer;
use super::format::file_size;
use super::views::{CourseNav, Download, Fact, Item, ItemValue, Link, PageView};

use super::tasks::Dep;
pub use super::tasks::Job;
use super::taxonomy::lowercase;
pub use super::taxonomy::{TermSlugs, assign_term_slugs, project_terms, taxonomy_path};

impl Renderer<'_> {
    pub(super) fn kind_of(&self, page: &Page) -> PageKind {
        PageKind::of(page)
    }

    /// Page `i` as a list item, converted for templates once per build.
    pub fn item_value(&self, i: usize) -> ItemValue {
        self.items
            .get(i)
            .cloned()
            .unwrap_or_else(|| ItemValue::new(&self.item(i)))
    }

    pub fn item(&self, i: usize) -> Item {
        let page = &self.site.pages[i];
        let kind = self.kind_of(page);
        let summary = page.meta.summary.clone().or_else(|| {
            let text = self.bodies.get(i).map_or("", |b| b.text.trim());
            (!text.is_empty()).then(|| excerpt(text, 180))
        });
        Item {
            title: page.title.clone(),
            url: url::page(&page.path),
            date: page.meta.date.map(|d| d.to_string()),
            summary,
            kind: self.t.get(&kind.string_key()).to_string(),
            badge: page.meta.outcome.as_deref().map(|o| self.outcome_fact(o)),
            tags: self.tag_links(&page.meta.tags),
        }
    }

    fn outcome_fact(&self, outcome: &str) -> Fact {
        Fact {
            label: self.t.get("outcome").to_string(),
            value: self.t.get(&format!("outcome_{outcome}")).to_string(),
            url: None,
            class: Some(format!("outcome-{}", slugify(outcome))),
        }
    }

    pub fn tag_links(&self, tags: &[String]) -> Vec<Link> {
        if !self.site.config.taxonomies.iter().any(|t| t == "tags") {
            return Vec::new();
        }
        tags.iter()
            .map(|t| Link {
                title: t.clone(),
                url: url::term("tags", &self.term_slug("tags", t)),
            })
            .collect()
    }

    /// The URL segment of a taxonomy term; terms that differ only in case
    /// share it, terms whose slugs collide (`C++`, `c`) get `-2`, `-3`.
    pub fn term_slug(&self, taxonomy: &str, term: &str) -> String {
        self.term_slugs
            .get(taxonomy)
            .and_then(|terms| terms.get(lowercase(term).as_ref()))
            .cloned()
            .unwrap_or_else(|| slugify(term))
    }

    fn term_link(&self, taxonomy: &str, value: &str) -> Option<String> {
        self.site
            .config
            .taxonomies
            .iter()
            .any(|t| t == taxonomy)
            .then(|| url::term(taxonomy_path(taxonomy), &self.term_slug(taxonomy, value)))
    }

    fn fact(&self, label: &str, value: impl Into<String>) -> Fact {
        Fact {
            label: self.t.get(label).to_string(),
            value: value.into(),
            url: None,
            class: None,
        }
    }

    fn facts(&self, page: &Page) -> Vec<Fact> {
        let m = &page.meta;
        let mut facts = Vec::new();
        if let Some(p) = &m.project {
            // A project this build may not show is left out, id and all.
            if let Some(proj) = self.site.project(&p.value) {
                facts.push(Fact {
                    url: Some(url::project(&proj.id)),
                    ..self.fact("project", proj.data.name.clone())
                });
            }
        }
        for p in &m.projects {
            if let Some(proj) = self.site.project(&p.value) {
                facts.push(Fact {
                    url: Some(url::project(&proj.id)),
                    ..self.fact("project", proj.data.name.clone())
                });
            }
        }
        for (key, value) in [
            ("phase", &m.phase),
            ("category", &m.category),
            ("methodology", &m.methodology),
            ("industry", &m.industry),
        ] {
            if let Some(v) = value {
                let label_key = format!("{key}_{v}");
                let shown = self.t.get(&label_key);
                let shown = if shown == label_key {
                    v.as_str()
                } else {
                    shown
                };
                facts.push(Fact {
                    url: self.term_link(key, v),
                    ..self.fact(key, shown)
                });
            }
        }
        if let Some(o) = &m.outcome {
            facts.push(self.outcome_fact(o));
        }
        for (key, value) in [
            ("level", &m.level),
            ("duration", &m.duration),
            ("learners", &m.learners),
            ("impact", &m.impact),
            ("recommendation", &m.recommendation),
        ] {
            if let Some(v) = value {
                facts.push(self.fact(key, v.clone()));
            }
        }
        if !m.prerequisites.is_empty() {
            facts.push(self.fact("prerequisites", m.prerequisites.join("; ")));
        }
        facts
    }

    fn breadcrumbs(&self, page: &Page) -> Vec<Link> {
        let mut crumbs = vec![Link {
            title: self.t.get("home").to_string(),
            url: url::HOME.into(),
        }];
        let mut acc = String::new();
        for seg in page.section.split('/').filter(|s| !s.is_empty()) {
            if !acc.is_empty() {
                acc.push('/');
            }
            acc.push_str(seg);
            if page.is_index && acc == page.section {
                break;
            }
            let title = self
                .site
                .sections
                .get(&acc)
                .and_then(|s| s.index)
                .map_or_else(|| seg.to_string(), |i| self.site.pages[i].title.clone());
            crumbs.push(Link {
                title,
                url: url::section(&acc),
            });
        }
        crumbs
    }

    fn course_nav(&self, i: usize) -> Option<CourseNav> {
        let page = &self.site.pages[i];
        if self.kind_of(page) != PageKind::Module {
            return None;
        }
        let section = self.site.sections.get(&page.section)?;
        let position = section.pages.iter().position(|&p| p == i)?;
        let link = |p: usize| Link {
            title: self.site.pages[p].title.clone(),
            url: url::page(&self.site.pages[p].path),
        };
        let total = section.pages.len();
        Some(CourseNav {
            title: section.index.map_or_else(
                || page.section.clone(),
                |c| self.site.pages[c].title.clone(),
            ),
            url: url::section(&page.section),
            position: position + 1,
            total,
            percent: (position + 1) * 100 / total.max(1),
            prev: position.checked_sub(1).map(|p| link(section.pages[p])),
            next: section.pages.get(position + 1).map(|&p| link(p)),
            modules: section.pages.iter().map(|&p| link(p)).collect(),
        })
    }

    fn downloads(&self, page: &Page) -> Vec<Download> {
        page.meta
            .templates
            .iter()
            .filter_map(|t| {
                let rel = t.value.strip_prefix("static/").unwrap_or(&t.value);
                let file = self.site.static_files.iter().find(|f| f.rel == rel)?;
                Some(Download {
                    name: rel.rsplit('/').next().unwrap_or(rel).to_string(),
                    url: url::static_file(rel),
                    size: file_size(file.size),
                })
            })
            .collect()
    }

    fn related(&self, i: usize) -> Vec<ItemValue> {
        let page = &self.site.pages[i];
        let mut out: Vec<usize> = Vec::new();
        let ids = page.meta.project.iter().chain(page.meta.projects.iter());
        for id in ids {
            for &j in self.backlinks.get(&id.value).into_iter().flatten() {
                if j != i && !out.contains(&j) {
                    out.push(j);
                }
            }
        }
        out.sort_unstable();
        out.into_iter().map(|j| self.item_value(j)).collect()
    }

    /// How many list pages the page `i` spans: long sections split into pages of [`PAGE_SIZE`].
    pub(super) fn list_pages(&self, i: usize) -> usize {
        let page = &self.site.pages[i];
        if self.kind_of(page) != PageKind::Section || page.section == "reports" {
            return 1;
        }
        self.site
            .sections
            .get(&page.section)
            .map_or(1, |s| s.pages.len().div_ceil(PAGE_SIZE).max(1))
    }

    /// Page `i`, or for a long section its list page `n` (1-based).
    pub(super) fn render_page_n(&self, i: usize, n: usize) -> Result<(String, String), Diagnostic> {
        let page = &self.site.pages[i];
        let body = &self.bodies[i];
        let kind = self.kind_of(page);
        let section = page
            .is_index
            .then(|| self.site.sections.get(&page.section))
            .flatten();
        let total = self.list_pages(i);
        let range = if total > 1 {
            (n - 1) * PAGE_SIZE..n * PAGE_SIZE
        } else {
            0..usize::MAX
        };
        let first = n == 1;
        let view = PageView {
            title: page.title.clone(),
            url: url::page(&page.path),
            kind: kind.as_str().to_string(),
            date: page.meta.date.map(|d| d.to_string()),
            updated: page.meta.updated.map(|d| d.to_string()),
            summary: page.meta.summary.clone(),
            content: if first {
                self.expand_shortcodes(
                    body,
                    &super::shortcodes::Place {
                        file: &page.file,
                        source: &page.source,
                        path: &url::pager_dir(&page.path, 1),
                    },
                )?
            } else {
                String::new()
            },
            toc: if first { body.toc.clone() } else { Vec::new() },
            tags: self.tag_links(&page.meta.tags),
            facts: self.facts(page),
            downloads: self.downloads(page),
            breadcrumbs: self.breadcrumbs(page),
            course: self.course_nav(i),
            items: section
                .map(|s| {
                    let end = range.end.min(s.pages.len());
                    s.pages[range.start.min(end)..end]
                        .iter()
                        .map(|&p| self.item_value(p))
                        .collect()
                })
                .unwrap_or_default(),
            children: section
                .filter(|_| first)
                .map(|s| self.child_items(&s.children))
                .unwrap_or_default(),
            related: self.related(i),
        };
        let template = kind.template();
        let path = url::pager_dir(&page.path, n);
        let mut ctx = self.context(&path);
        ctx.insert("page", &view);
        if total > 1 {
            let count = section.map_or(0, |s| s.pages.len());
            ctx.insert("pager", &Pager::new(&page.path, n, total, count));
        }
        if kind == PageKind::Home {
            self.insert_home(&mut ctx);
        }
        if first && page.is_index && page.section == "lessons" {
            ctx.insert(
                "charts",
                &self.lessons_by_category().into_iter().collect::<Vec<_>>(),
            );
        }
        if page.is_index && page.section == "reports" {
            return self.render_reports_index(ctx, &page.file);
        }
        self.page(template, &path, &ctx, &page.file)
    }

    /// What list page `n` of page `i` is made from (everything `render_page_n` reads).
    pub(super) fn page_deps(&self, i: usize, n: usize) -> Vec<Dep> {
        let page = &self.site.pages[i];
        let mut deps = vec![Dep::Site, Dep::Page(page.file.clone())];
        if n == 1 {
            deps.push(Dep::Body(page.file.clone()));
            if let Some(body) = self.bodies.get(i) {
                deps.extend(Self::shortcode_deps(body));
            }
        }
        // Breadcrumbs show the titles of the sections above.
        let mut acc = String::new();
        for seg in page.section.split('/').filter(|s| !s.is_empty()) {
            if !acc.is_empty() {
                acc.push('/');
            }
            acc.push_str(seg);
            if let Some(ix) = self.site.sections.get(&acc).and_then(|s| s.index) {
                deps.push(Dep::Page(self.site.pages[ix].file.clone()));
            }
        }
        if page.is_index || self.kind_of(page) == PageKind::Module {
            deps.push(Dep::Section(page.section.clone()));
        }
        if page.is_index
            && let Some(s) = self.site.sections.get(&page.section)
        {
            deps.extend(s.children.iter().map(|c| Dep::Section(c.clone())));
        }
        for id in page.meta.project.iter().chain(&page.meta.projects) {
            deps.push(Dep::ProjectName(id.value.clone()));
            deps.push(Dep::Backlinks(id.value.clone()));
        }
        if page.is_index {
            deps.extend(special_section_deps(&page.section));
        }
        deps
    }

    /// What the list page of a folder without `_index.md` is made from.
    pub(super) fn section_deps(&self, path: &str) -> Vec<Dep> {
        let mut deps = vec![Dep::Site, Dep::Section(path.to_string())];
        if let Some(s) = self.site.sections.get(path) {
            deps.extend(s.children.iter().map(|c| Dep::Section(c.clone())));
        }
        deps.extend(special_section_deps(path));
        deps
    }

    fn child_items(&self, children: &[String]) -> Vec<ItemValue> {
        children
            .iter()
            .map(|c| {
                let s = &self.site.sections[c];
                match s.index {
                    Some(i) => self.item_value(i),
                    None => ItemValue::new(&Item {
                        title: c.rsplit('/').next().unwrap_or(c).to_string(),
                        url: url::section(c),
                        date: None,
                        summary: None,
                        kind: self.t.get("kind_section").to_string(),
                        badge: None,
                        tags: Vec::new(),
                    }),
                }
            })
            .collect()
    }

    /// Lessons per category, positive and negative side by side.
    fn lessons_by_category(&self) -> Option<super::charts::ChartView> {
        let mut counts: BTreeMap<String, [f64; 2]> = BTreeMap::new();
        let mut total = 0;
        for p in self
            .site
            .pages
            .iter()
            .filter(|p| !p.is_index && p.top_section() == "lessons")
        {
            total += 1;
            let category = p
                .meta
                .category
                .clone()
                .unwrap_or_else(|| self.t.get("na").to_string());
            let slot = usize::from(p.meta.outcome.as_deref() == Some("negative"));
            counts.entry(category).or_default()[slot] += 1.0;
        }
        let mut groups: Vec<(String, [f64; 2])> = counts.into_iter().collect();
        groups.sort_by(|a, b| {
            (b.1[0] + b.1[1])
                .total_cmp(&(a.1[0] + a.1[1]))
                .then_with(|| a.0.cmp(&b.0))
        });
        let top = groups.first().map(|g| (g.0.clone(), g.1[0] + g.1[1]))?;
        let label = |c: &str| {
            let key = format!("category_{c}");
            let shown = self.t.get(&key);
            if shown == key {
                c.to_string()
            } else {
                shown.to_string()
            }
        };
        let bars: Vec<super::charts::BarGroup> = groups
            .iter()
            .map(|(c, v)| super::charts::BarGroup {
                label: label(c),
                values: v.to_vec(),
                color: super::charts::BLUE,
            })
            .collect();
        let summary = super::charts::fill(
            self.t.get("chart_lessons_summary"),
            &[
                ("total", total.to_string()),
                ("categories", groups.len().to_string()),
                ("top", label(&top.0)),
                ("n", format!("{}", top.1)),
            ],
        );
        let series = [
            self.t.get("outcome_positive"),
            self.t.get("outcome_negative"),
        ];
        super::charts::grouped_bars(
            "lessons-by-category",
            self.t.get("chart_lessons"),
            summary,
            &series,
            &bars,
            &|v| format!("{v:.0}"),
        )
    }

    /// A section folder without `_index.md` still gets a list page.
    pub(super) fn render_section_without_index(
        &self,
        path: &str,
    ) -> Result<(String, String), Diagnostic> {
        let s = &self.site.sections[path];
        let title = if path.is_empty() {
            self.site.config.title.clone()
        } else {
            path.rsplit('/').next().unwrap_or(path).to_string()
        };
        let dir = if path.is_empty() {
            String::new()
        } else {
            format!("{path}/")
        };
        let view = PageView {
            items: s.pages.iter().map(|&p| self.item_value(p)).collect(),
            children: self.child_items(&s.children),
            ..PageView::generated(
                title,
                url::page(&dir),
                if path.is_empty() {
                    PageKind::Home
                } else {
                    PageKind::Section
                }
                .as_str(),
                self.crumbs(&[]),
            )
        };
        let mut ctx = self.context(&dir);
        ctx.insert("page", &view);
        if path == "reports" {
            return self.render_reports_index(ctx, "section reports");
        }
        if path.is_empty() {
            self.insert_home(&mut ctx);
            return self.page("index.html", "", &ctx, "the home page");
        }
        self.page("section.html", &dir, &ctx, &format!("section {path}"))
    }
}

/// The home page carries the dashboard and the recent lessons, the lessons
/// list a chart of every lesson, the reports list the portfolio's periods.
fn special_section_deps(section: &str) -> Vec<Dep> {
    match section {
        "" => vec![Dep::Portfolio, Dep::Tree("lessons".into())],
        "lessons" => vec![Dep::Tree("lessons".into())],
        "reports" => vec![Dep::Portfolio],
        _ => Vec::new(),
    }
}

/// What a Markdown page is, from where it sits in `content/`. Its stable
/// string form names the template data (`page.kind`) and the UI string
/// `kind_<name>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Home,
    Section,
    Course,
    Lesson,
    Case,
    Module,
    Methodology,
    Report,
    Page,
}

impl PageKind {
    pub fn of(page: &Page) -> PageKind {
        let depth = page.section.matches('/').count() + usize::from(!page.section.is_empty());
        match (page.top_section(), page.is_index, depth) {
            (_, true, 0) => PageKind::Home,
            ("training", true, 2) => PageKind::Course,
            (_, true, _) => PageKind::Section,
            ("lessons", false, _) => PageKind::Lesson,
            ("cases", false, _) => PageKind::Case,
            ("training", false, 2) => PageKind::Module,
            ("methodology", false, _) => PageKind::Methodology,
            ("reports", false, _) => PageKind::Report,
            _ => PageKind::Page,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PageKind::Home => "home",
            PageKind::Section => "section",
            PageKind::Course => "course",
            PageKind::Lesson => "lesson",
            PageKind::Case => "case",
            PageKind::Module => "module",
            PageKind::Methodology => "methodology",
            PageKind::Report => "report",
            PageKind::Page => "page",
        }
    }

    /// The UI string naming the kind (`Lesson learned`).
    pub fn string_key(self) -> String {
        format!("kind_{}", self.as_str())
    }

    /// The template a page of this kind renders with.
    pub fn template(self) -> &'static str {
        match self {
            PageKind::Home => "index.html",
            PageKind::Section | PageKind::Course => "section.html",
            _ => "page.html",
        }
    }
}

/// Items per list page (taxonomy terms, sections); longer lists continue on `page/2/`, ….
pub const PAGE_SIZE: usize = 100;

/// Position in a paginated list; `prev`/`next` are URLs relative to the site root.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Pager {
    pub current: usize,
    pub total: usize,
    pub count: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    /// Page `current` of `total` of the list whose first page is in folder `dir`.
    pub(super) fn new(dir: &str, current: usize, total: usize, count: usize) -> Pager {
        let url = |n: usize| url::pager(dir, n);
        Pager {
            current,
            total,
            count,
            prev: (current > 1).then(|| url(current - 1)),
            next: (current < total).then(|| url(current + 1)),
        }
    }
}

/// The first `max` characters of `text`, cut at a word boundary when possible.
pub fn excerpt(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => cut[..i].to_string(),
        _ => cut,
    };
    format!("{cut}…")
}
