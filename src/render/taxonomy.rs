//! Taxonomies: the slug of every term, the terms of a page or project, and
//! the list and term pages.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::model::{Page, slugify};
use crate::url;

use super::Renderer;
use super::pages::{PAGE_SIZE, Pager};
use super::tasks::{Dep, OutputKey, Task};
use super::views::{ItemValue, TaxonomyView, TermView};

/// A taxonomy term while its pages are gathered: display name and items,
/// each with its title to sort by; keyed by the term's slug.
type Term<'a> = (String, Vec<(&'a str, ItemValue)>);

/// URL folder of each taxonomy; plural so they never collide with a content section.
pub fn taxonomy_path(name: &str) -> &str {
    match name {
        "tags" => "tags",
        "category" => "categories",
        "phase" => "phases",
        "methodology" => "methodologies",
        "industry" => "industries",
        other => other,
    }
}

impl Renderer<'_> {
    /// Values of taxonomy `name` on a page.
    pub(super) fn page_terms<'p>(&self, name: &str, page: &'p Page) -> Vec<&'p str> {
        let m = &page.meta;
        match name {
            "tags" => m.tags.iter().map(String::as_str).collect(),
            "category" => m.category.as_deref().into_iter().collect(),
            "phase" => m.phase.as_deref().into_iter().collect(),
            "methodology" => m.methodology.as_deref().into_iter().collect(),
            "industry" => m.industry.as_deref().into_iter().collect(),
            _ => Vec::new(),
        }
    }

    /// The list and term pages of every taxonomy (of those in `only`).
    pub(super) fn taxonomy_tasks(
        &self,
        only: Option<&std::collections::HashSet<&str>>,
    ) -> Vec<Task<'_>> {
        let mut jobs: Vec<Task<'_>> = Vec::new();
        let project_items: Vec<ItemValue> = if self.site.config.taxonomies.is_empty() {
            Vec::new()
        } else {
            (0..self.site.projects.len())
                .into_par_iter()
                .map(|p| ItemValue::new(&self.project_item(p)))
                .collect()
        };
        for name in &self.site.config.taxonomies {
            if only.is_some_and(|o| !o.contains(name.as_str())) {
                continue;
            }
            let mut terms: BTreeMap<String, Term<'_>> = BTreeMap::new();
            for (i, page) in self.site.pages.iter().enumerate() {
                if page.path.is_empty() {
                    continue;
                }
                for term in self.page_terms(name, page) {
                    terms
                        .entry(self.term_slug(name, term))
                        .or_insert_with(|| (term.to_string(), Vec::new()))
                        .1
                        .push((&page.title, self.item_value(i)));
                }
            }
            for (p, project) in self.site.projects.iter().enumerate() {
                for term in project_terms(name, project) {
                    terms
                        .entry(self.term_slug(name, term))
                        .or_insert_with(|| (term.to_string(), Vec::new()))
                        .1
                        .push((&project.data.name, project_items[p].clone()));
                }
            }
            let base = taxonomy_path(name).to_string();
            let title = self.t.get(&format!("taxonomy_{name}")).to_string();
            let list = TaxonomyView {
                name: name.clone(),
                title: title.clone(),
                url: url::taxonomy(&base),
                terms: terms
                    .iter()
                    .map(|(slug, (term, items))| TermView {
                        name: term.clone(),
                        url: url::term(&base, slug),
                        count: items.len(),
                    })
                    .collect(),
            };
            let list_path = format!("{base}/");
            let key = OutputKey::Taxonomy(name.clone());
            let deps = vec![Dep::Site, Dep::Taxonomy(name.clone())];
            jobs.push(Task::new(
                key,
                deps,
                Box::new(move || {
                    let mut ctx = self.context(&list_path);
                    ctx.insert("taxonomy", &list);
                    self.page(
                        "taxonomy.html",
                        &list_path,
                        &ctx,
                        &format!("taxonomy {}", list.name),
                    )
                }),
            ));
            for (slug, (term, mut items)) in terms {
                items.sort_by(|a, b| a.0.cmp(b.0));
                let items: Vec<ItemValue> = items.into_iter().map(|(_, v)| v).collect();
                // Long terms are split into pages of PAGE_SIZE items.
                let pages: Vec<Vec<ItemValue>> =
                    items.chunks(PAGE_SIZE).map(<[ItemValue]>::to_vec).collect();
                let total = pages.len();
                let dir = format!("{base}/{slug}/");
                for (n, page_items) in pages.into_iter().enumerate() {
                    let path = url::pager_dir(&dir, n + 1);
                    let pager = Pager::new(&dir, n + 1, total, items.len());
                    let title = title.clone();
                    let base = base.clone();
                    let term = term.clone();
                    let key = OutputKey::Term(name.clone(), slug.clone(), n + 1);
                    let deps = vec![Dep::Site, Dep::Term(name.clone(), slug.clone())];
                    jobs.push(Task::new(
                        key,
                        deps,
                        Box::new(move || {
                            let mut ctx = self.context(&path);
                            ctx.insert("term", &term);
                            ctx.insert("taxonomy_title", &title);
                            ctx.insert("taxonomy_url", &url::taxonomy(&base));
                            ctx.insert("items", &page_items);
                            ctx.insert("pager", &pager);
                            self.page("term.html", &path, &ctx, &format!("term {term}"))
                        }),
                    ));
                }
            }
        }
        jobs
    }
}

/// Values of taxonomy `name` on a project.
pub fn project_terms<'p>(name: &str, project: &'p crate::model::Project) -> Vec<&'p str> {
    let d = &project.data;
    match name {
        "tags" => d.tags.iter().map(String::as_str).collect(),
        "phase" => vec![d.phase.as_str()],
        "methodology" => d.methodology.map(|m| m.as_str()).into_iter().collect(),
        _ => Vec::new(),
    }
}

/// Assigns every term of every taxonomy a unique slug, in sorted order so
/// the result does not depend on which page comes first.
pub fn assign_term_slugs<'t>(terms: impl IntoIterator<Item = (&'t str, &'t str)>) -> TermSlugs {
    let keys: std::collections::BTreeSet<(&str, std::borrow::Cow<'_, str>)> = terms
        .into_iter()
        .map(|(tax, term)| (tax, lowercase(term)))
        .collect();
    let mut taken: std::collections::HashSet<(&str, String)> = std::collections::HashSet::new();
    let mut out = TermSlugs::new();
    for (tax, term) in keys {
        let base = slugify(&term);
        let mut slug = base.clone();
        let mut n = 1;
        while !taken.insert((tax, slug.clone())) {
            n += 1;
            slug = format!("{base}-{n}");
        }
        out.entry(tax.to_string())
            .or_default()
            .insert(term.into_owned(), slug);
    }
    out
}

/// Taxonomy → lower-cased term → its unique URL slug.
pub type TermSlugs = std::collections::HashMap<String, std::collections::HashMap<String, String>>;

/// `term` lower-cased, without a copy when it has no capitals.
pub(super) fn lowercase(term: &str) -> std::borrow::Cow<'_, str> {
    if term
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        std::borrow::Cow::Borrowed(term)
    } else {
        std::borrow::Cow::Owned(term.to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::assign_term_slugs;

    #[test]
    fn colliding_terms_get_distinct_slugs_and_case_variants_share_one() {
        let map = assign_term_slugs([
            ("tags", "C++"),
            ("tags", "c"),
            ("tags", "Vendor"),
            ("tags", "vendor"),
            ("category", "c"),
            ("tags", "风险"),
        ]);
        let get = |t: &str, k: &str| map[t][k].clone();
        assert_eq!(get("tags", "风险"), "风险");
        assert_eq!(get("tags", "c"), "c");
        assert_eq!(get("tags", "c++"), "c-2");
        assert_eq!(get("tags", "vendor"), "vendor");
        assert_eq!(get("category", "c"), "c");
    }
}
