//! The search page and the search index input. Documents come only from the
//! `Site` (already filtered by audience, drafts and as-of date), so the index
//! can never hold anything the built audience may not see.

use std::collections::HashSet;

use crate::error::Rule;
use crate::error::{Diagnostic, Diagnostics};
use crate::markdown::{self, LinkContext};
use crate::model::Project;
use crate::output::OutputTree;
use crate::search::{self, SearchDoc, SearchSection};

use super::Renderer;

/// Output folder of the search page and its index files.
pub use crate::url::SEARCH_DIR;
/// Section key of pages outside any section; no folder can be named like this.
const HOME_KEY: &str = "/";

/// What the search index was built from, kept by an incremental build.
pub struct SearchMemo {
    pub docs: Vec<SearchDoc>,
    pub sections: Vec<SearchSection>,
    pub index: search::Index,
    /// Every path the search added to the tree.
    pub paths: Vec<String>,
}

/// Adds `search/index.html` and the index files to `tree`.
/// With `keep`, returns what [`SearchMemo::update`] needs to patch the index.
pub fn add(
    r: &Renderer<'_>,
    tree: &mut OutputTree,
    diags: &mut Diagnostics,
    keep: bool,
) -> Option<SearchMemo> {
    let mut paths = Vec::new();
    let page = crate::url::SEARCH.to_string();
    if tree.contains(&page) {
        diags.push(
            Diagnostic::warning(
                Rule::SearchPage,
                "content/search",
                "a page already uses /search/, so the built-in search page is left out",
            )
            .with_hint("move the content out of content/search/ to get the search page back"),
        );
    } else {
        match r
            .templates
            .render("search.html", &r.context(SEARCH_DIR), "the search page")
        {
            Ok(html) => {
                paths.push(page.clone());
                tree.insert(page, html.into_bytes());
            }
            Err(d) => diags.push(d),
        }
    }
    let (docs, sections) = r.search_docs(tree);
    if !keep {
        for (path, bytes) in search::build(&docs, &sections).files {
            tree.insert(path, bytes);
        }
        return None;
    }
    let (files, index) = search::Index::build(&docs, &sections);
    for (path, bytes) in files.files {
        paths.push(path.clone());
        tree.insert(path, bytes);
    }
    Some(SearchMemo {
        docs,
        sections,
        index,
        paths,
    })
}

impl SearchMemo {
    /// Brings the index up to date: the documents of pages `pages` (indices
    /// into `site.pages`) are made again, and with `portfolio` those of every
    /// project and person. `false` when the index must be built again (the
    /// documents or their sections no longer line up).
    pub fn update(
        &mut self,
        r: &Renderer<'_>,
        tree: &mut OutputTree,
        pages: &[usize],
        portfolio: bool,
    ) -> bool {
        let n_pages = r.site.pages.len();
        let mut changed: Vec<(usize, SearchDoc)> = Vec::new();
        for &i in pages {
            let page = &r.site.pages[i];
            let key = section_key(page);
            let Some(section) = self.sections.iter().position(|s| s.key == key) else {
                return false;
            };
            let Some(slot) = self.docs.get_mut(i) else {
                return false;
            };
            let doc = r.page_doc(i, section);
            if *slot != doc {
                changed.push((i, std::mem::replace(slot, doc)));
            }
        }
        if portfolio {
            let (docs, sections) = r.collect_docs(tree, false);
            if sections != self.sections || n_pages + docs.len() != self.docs.len() {
                return false;
            }
            for (j, doc) in docs.into_iter().enumerate() {
                let i = n_pages + j;
                if self.docs[i] != doc {
                    changed.push((i, std::mem::replace(&mut self.docs[i], doc)));
                }
            }
        }
        if changed.is_empty() {
            return true;
        }
        match self.index.update(&self.docs, &self.sections, &changed) {
            Some(files) => {
                for (path, bytes) in files {
                    tree.insert(path, bytes);
                }
                true
            }
            None => false,
        }
    }
}

/// Pages outside any section (the home page) get a key of their own, since
/// "" means "all sections" in the filter.
fn section_key(page: &crate::model::Page) -> &str {
    match page.top_section() {
        "" => HOME_KEY,
        k => k,
    }
}

/// Collects documents and their sections, in a fixed order.
struct Collector {
    docs: Vec<SearchDoc>,
    sections: Vec<SearchSection>,
}

impl Collector {
    fn section(&mut self, key: &str, label: &str) -> usize {
        if let Some(i) = self.sections.iter().position(|s| s.key == key) {
            return i;
        }
        self.sections.push(SearchSection {
            key: key.to_string(),
            label: label.to_string(),
        });
        self.sections.len() - 1
    }
}

impl Renderer<'_> {
    /// Every page, project and person page of this build as a search document.
    fn search_docs(&self, tree: &OutputTree) -> (Vec<SearchDoc>, Vec<SearchSection>) {
        self.collect_docs(tree, true)
    }

    /// The documents (those of pages only `with_pages`) and the sections of
    /// all of them.
    fn collect_docs(
        &self,
        tree: &OutputTree,
        with_pages: bool,
    ) -> (Vec<SearchDoc>, Vec<SearchSection>) {
        let mut used: HashSet<usize> = HashSet::new();
        let mut c = Collector {
            docs: Vec::new(),
            sections: Vec::new(),
        };
        // Sections in menu order, so the filter buttons read like the menu.
        c.section("projects", self.t.get("nav_projects"));
        for link in &self.nav {
            if let Some(key) = link.url.strip_suffix("/index.html") {
                c.section(&markdown::percent_decode(key), &link.title);
            }
        }
        for (i, page) in self.site.pages.iter().enumerate() {
            let key = section_key(page);
            let label = if key == HOME_KEY {
                self.t.get("home").to_string()
            } else {
                self.site
                    .sections
                    .get(key)
                    .and_then(|s| s.index)
                    .map_or_else(|| key.to_string(), |x| self.site.pages[x].title.clone())
            };
            let section = c.section(key, &label);
            used.insert(section);
            if with_pages {
                c.docs.push(self.page_doc(i, section));
            }
        }
        let section = c.section("projects", self.t.get("nav_projects"));
        for (i, project) in self.site.projects.iter().enumerate() {
            let doc = self.project_doc(i, project, section);
            c.docs.push(doc);
        }
        // Person pages, when the build has them (only people of this build get one).
        let people_key = "people";
        let mut seen = HashSet::new();
        for person in &self.site.people {
            let url = format!("{}index.html", crate::url::person_dir(&person.id));
            if !tree.contains(&url) || !seen.insert(person.id.as_str()) {
                continue;
            }
            let section = c.section(people_key, self.t.get("search_people"));
            c.docs.push(SearchDoc {
                title: person.name.clone(),
                keywords: person.id.to_string(),
                url: crate::url::person(&person.id),
                section,
                kind: self.t.get("person").to_string(),
                headings: Vec::new(),
                tags: person.team.iter().cloned().collect(),
                body: person.role.clone().unwrap_or_default(),
            });
        }
        // Drop sections without documents (a menu entry with no pages).
        used.extend(c.docs.iter().map(|d| d.section));
        let mut remap = vec![0; c.sections.len()];
        let mut sections = Vec::new();
        for (i, s) in c.sections.into_iter().enumerate() {
            if used.contains(&i) {
                remap[i] = sections.len();
                sections.push(s);
            }
        }
        for d in &mut c.docs {
            d.section = remap[d.section];
        }
        (c.docs, sections)
    }

    /// The search document of page `i`, in section `section` of the filter.
    fn page_doc(&self, i: usize, section: usize) -> SearchDoc {
        let page = &self.site.pages[i];
        let body = self.bodies.get(i);
        let m = &page.meta;
        let mut text = String::new();
        for part in [&m.summary, &m.impact, &m.recommendation]
            .into_iter()
            .flatten()
        {
            text.push_str(part);
            text.push('\n');
        }
        text.push_str(body.map_or("", |b| b.text.as_str()));
        let mut tags = m.tags.clone();
        for (key, value) in [
            ("category", &m.category),
            ("phase", &m.phase),
            ("methodology", &m.methodology),
            ("industry", &m.industry),
        ] {
            if let Some(v) = value {
                tags.extend(self.term_and_label(key, v));
            }
        }
        // Only projects this build shows: a hidden project's id must not leak.
        let visible = |p: &&serde_saphyr::Spanned<String>| self.site.project(&p.value).is_some();
        tags.extend(m.project.iter().filter(visible).map(|p| p.value.clone()));
        tags.extend(m.projects.iter().filter(visible).map(|p| p.value.clone()));
        SearchDoc {
            title: page.title.clone(),
            keywords: String::new(),
            url: crate::url::page(&page.path),
            section,
            kind: self.t.get(&self.kind_of(page).string_key()).to_string(),
            headings: body
                .map(|b| b.toc.iter().map(|e| e.title.clone()).collect())
                .unwrap_or_default(),
            tags,
            body: text,
        }
    }

    /// A taxonomy value as written (`vendor`) and, when translated, as shown (`供应商`).
    fn term_and_label(&self, taxonomy: &str, value: &str) -> Vec<String> {
        let key = format!("{taxonomy}_{value}");
        let shown = self.t.get(&key);
        if shown == key || shown == value {
            vec![value.to_string()]
        } else {
            vec![value.to_string(), shown.to_string()]
        }
    }

    fn project_doc(&self, i: usize, project: &Project, section: usize) -> SearchDoc {
        let d = &project.data;
        let f = &self.figures.projects[i];
        let as_of = self.site.as_of;
        let name = |id: &str| {
            self.site
                .person(id)
                .map_or_else(|| id.to_string(), |p| p.name.clone())
        };
        let mut body: Vec<String> = Vec::new();
        if let Some(s) = &d.summary {
            body.push(self.plain_text(s));
        }
        if let Some(s) = project
            .latest_status(as_of)
            .and_then(|s| s.summary.as_ref())
        {
            body.push(self.plain_text(s));
        }
        if let Some(s) = &d.recovery_plan {
            body.push(self.plain_text(s));
        }
        if let Some(p) = &d.programme {
            body.push(
                self.site
                    .programme(&p.value)
                    .map_or_else(|| p.value.clone(), |g| g.name.clone()),
            );
        }
        for id in [&d.manager, &d.sponsor].into_iter().flatten() {
            body.push(name(&id.value));
        }
        for a in &d.allocations {
            body.push(name(&a.person.value));
        }
        body.extend(d.milestones.iter().map(|m| m.name.clone()));
        body.extend(
            d.risks
                .iter()
                .zip(&f.risks)
                .filter(|(_, rf)| rf.exists)
                .map(|(r, _)| format!("{} {}", r.id, r.title)),
        );
        body.extend(
            d.issues
                .iter()
                .zip(&f.issues)
                .filter(|(_, isf)| isf.exists)
                .map(|(i, _)| format!("{} {}", i.id, i.title)),
        );
        body.extend(d.benefits.iter().map(|b| b.name.clone()));
        let mut tags = d.tags.clone();
        tags.extend(self.term_and_label("phase", d.phase.as_str()));
        if let Some(m) = d.methodology {
            tags.extend(self.term_and_label("methodology", m.as_str()));
        }
        SearchDoc {
            title: d.name.clone(),
            keywords: project.id.clone(),
            url: Self::project_url(&project.id),
            section,
            kind: self.t.get("kind_project").to_string(),
            headings: Vec::new(),
            tags,
            body: body.join("\n"),
        }
    }

    /// Markdown from project data as plain text (links resolved, markup gone).
    pub(super) fn plain_text(&self, text: &str) -> String {
        let root = String::new();
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
        markdown::render(text, self.markdown_options(), &ctx).text
    }
}
