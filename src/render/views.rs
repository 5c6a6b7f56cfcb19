//! View structs: the small, template-facing shapes built for each kind of
//! page. Templates never see the domain model directly. Every `url` is
//! relative to the site root and already percent-encoded; templates prefix
//! it with `root` (the way back from the current page to the root).

use serde::Serialize;

use crate::markdown::TocEntry;

#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: Option<String>,
    pub lang: &'static str,
    pub base_url: Option<String>,
    pub as_of: String,
    pub currency: String,
    pub audience: String,
    pub nav: Vec<Link>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// A labelled value shown in a page's fact box; `url` makes it a link.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    pub label: String,
    pub value: String,
    pub url: Option<String>,
    /// A CSS modifier such as `rag-red` or `outcome-negative`.
    pub class: Option<String>,
}

/// A page as it appears in a list.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub title: String,
    pub url: String,
    pub date: Option<String>,
    pub summary: Option<String>,
    pub kind: String,
    pub badge: Option<Fact>,
    pub tags: Vec<Link>,
}

/// An [`Item`] converted to a template value once per build. Lists of pages
/// (sections, taxonomy terms, related pages) share these instead of building
/// and serialising the same item again for every list it appears in: a
/// `tera::Value` is reference-counted, so putting one in a context is cheap.
#[derive(Debug, Clone)]
pub struct ItemValue(pub tera::Value);

impl ItemValue {
    pub fn new(item: &Item) -> ItemValue {
        ItemValue(tera::Value::from_serializable(item))
    }
}

impl Serialize for ItemValue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Into a tera context this is a reference-count increment, not a copy.
        self.0.serialize(serializer)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Download {
    pub name: String,
    pub url: String,
    pub size: String,
}

/// Position of a training module in its course.
#[derive(Debug, Clone, Serialize)]
pub struct CourseNav {
    pub title: String,
    pub url: String,
    pub position: usize,
    pub total: usize,
    pub percent: usize,
    pub prev: Option<Link>,
    pub next: Option<Link>,
    pub modules: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    pub title: String,
    pub url: String,
    /// What the page is: `lesson`, `case`, `module`, `methodology`, `page`, `section`, `home`.
    pub kind: String,
    pub date: Option<String>,
    pub updated: Option<String>,
    pub summary: Option<String>,
    pub content: String,
    pub toc: Vec<TocEntry>,
    pub tags: Vec<Link>,
    pub facts: Vec<Fact>,
    pub downloads: Vec<Download>,
    pub breadcrumbs: Vec<Link>,
    pub course: Option<CourseNav>,
    /// For section pages: their pages and child sections.
    pub items: Vec<ItemValue>,
    pub children: Vec<ItemValue>,
    /// Related pages (backlinks): lessons and cases about the same project.
    pub related: Vec<ItemValue>,
}

impl PageView {
    /// A page folio generates itself (no Markdown behind it): a title, a
    /// URL, a kind and breadcrumbs, and nothing else yet.
    pub fn generated(title: String, url: String, kind: &str, breadcrumbs: Vec<Link>) -> PageView {
        PageView {
            title,
            url,
            kind: kind.into(),
            date: None,
            updated: None,
            summary: None,
            content: String::new(),
            toc: Vec::new(),
            tags: Vec::new(),
            facts: Vec::new(),
            downloads: Vec::new(),
            breadcrumbs,
            course: None,
            items: Vec::new(),
            children: Vec::new(),
            related: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TermView {
    pub name: String,
    pub url: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct TaxonomyView {
    pub name: String,
    pub title: String,
    pub url: String,
    pub terms: Vec<TermView>,
}

/// A row of a table of simple cells; `class` lets templates colour it.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub class: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub text: String,
    pub url: Option<String>,
    pub class: Option<String>,
    /// Sort key for the table script (numbers and ISO dates sort correctly).
    pub sort: Option<String>,
    /// Rendered Markdown (a recovery plan) shown instead of `text`: only
    /// ever set from `Renderer::inline_markdown`, like the project page's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
}

/// A table with a caption and headers, rendered by the shared table include.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub id: String,
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    /// Message shown instead of an empty table.
    pub empty: String,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            url: None,
            class: None,
            sort: None,
            html: None,
        }
    }
    /// A cell of rendered Markdown; `text` (its plain form) is the sort key.
    pub fn markdown(html: String, text: impl Into<String>) -> Cell {
        Cell {
            html: Some(html),
            ..Cell::text(text)
        }
    }
    pub fn link(text: impl Into<String>, url: String) -> Cell {
        Cell {
            url: Some(url),
            ..Cell::text(text)
        }
    }
    #[must_use]
    pub fn class(mut self, class: impl Into<String>) -> Cell {
        self.class = Some(class.into());
        self
    }
    #[must_use]
    pub fn sort(mut self, key: impl Into<String>) -> Cell {
        self.sort = Some(key.into());
        self
    }
}

/// A project page.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectView {
    pub id: String,
    pub name: String,
    pub url: String,
    pub summary: Option<String>,
    pub facts: Vec<Fact>,
    pub tags: Vec<Link>,
    pub reported: Option<StatusView>,
    pub health: HealthView,
    pub recovery_plan: Option<String>,
    pub charts: Vec<super::charts::ChartView>,
    /// Sections of tabular data in display order (baseline, milestones, risks, ...).
    pub tables: Vec<Table>,
    pub history: Vec<StatusView>,
    pub related: Vec<Item>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    pub date: String,
    pub rag: String,
    pub rag_label: String,
    pub percent_complete: String,
    pub summary: Option<String>,
}

/// A RAG value for display: `rag` is the CSS modifier, `label` the translated word.
#[derive(Debug, Clone, Serialize)]
pub struct Badge {
    pub rag: String,
    pub label: String,
}

/// Reported beside computed health, with the disagreement flag.
#[derive(Debug, Clone, Serialize)]
pub struct HealthView {
    pub reported: Option<Badge>,
    pub schedule: Option<Badge>,
    pub cost: Option<Badge>,
    pub overall: Option<Badge>,
    pub disagrees: bool,
}

/// A grid of counts or percents (risk heat map, resource load), rendered by
/// `partials/heatmap.html`: a real table with row and column headers.
#[derive(Debug, Clone, Serialize)]
pub struct HeatMap {
    pub id: String,
    pub caption: String,
    /// Header of the row-label column, then the column labels.
    pub corner: String,
    pub columns: Vec<String>,
    pub rows: Vec<HeatRow>,
    pub empty: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct HeatRow {
    pub label: String,
    pub url: Option<String>,
    pub cells: Vec<HeatCell>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HeatCell {
    pub text: String,
    /// CSS modifier: `zone-high`, `load-over`, ...
    pub class: String,
    /// Full description for screen readers and tooltips.
    pub title: String,
}
