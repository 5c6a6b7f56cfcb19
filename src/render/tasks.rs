//! The outputs a build renders, each with a stable key and what it is made
//! from. A clean build runs every task; an incremental build runs only the
//! tasks one of whose [`Dep`]s changed (`render::memo`).

use crate::error::Diagnostic;

/// A rendered output: its path and HTML, or why it could not be rendered.
pub type JobResult = Result<(String, String), Diagnostic>;

/// One output page to render, run in parallel with the others.
pub type Job<'r> = Box<dyn Fn() -> JobResult + Sync + 'r>;

/// What kind of page an output is, with what identifies it among its kind.
/// Stable across builds of one site, so a rebuild can match old outputs to new.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OutputKey {
    /// List page `n` (1-based; 1 for any page that is not a long list) of a Markdown page.
    Page { file: String, n: usize },
    /// The list page of a content folder that has no `_index.md`.
    Section(String),
    /// `/projects/`.
    ProjectList,
    /// `/risks/`, `/resources/`, the programme list, people and programme pages, by position.
    Portfolio(usize),
    /// `/projects/<id>/`.
    Project(String),
    /// `/<taxonomy>/`.
    Taxonomy(String),
    /// List page `n` of one taxonomy term: taxonomy, term slug, page.
    Term(String, String, usize),
    /// The generated report list and each period's report, by position.
    Report(usize),
    /// The Atom feed of a top-level section.
    Feed(String),
    /// `/quality/`: the governance findings.
    Quality,
}

impl OutputKey {
    /// A stable name of the kind of output, for logs.
    pub fn kind(&self) -> &'static str {
        match self {
            OutputKey::Page { .. } => "page",
            OutputKey::Section(_) => "section",
            OutputKey::ProjectList => "project-list",
            OutputKey::Portfolio(_) => "portfolio",
            OutputKey::Project(_) => "project",
            OutputKey::Taxonomy(_) => "taxonomy",
            OutputKey::Term(..) => "term",
            OutputKey::Report(_) => "report",
            OutputKey::Feed(_) => "feed",
            OutputKey::Quality => "quality",
        }
    }
}

/// Something an output is made from. Source files are named by their
/// site-relative path; derived data by what it is derived for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dep {
    /// What every page shows: configuration, templates, UI strings, the
    /// navigation, the set of pages and static files (links), term slugs.
    Site,
    /// A page's front matter, title and path.
    Page(String),
    /// A page's rendered Markdown.
    Body(String),
    /// A page as it appears in lists.
    Item(String),
    /// A content folder: its pages in order, its children, and their items.
    Section(String),
    /// Every page of a top-level section (the home page's recent lessons,
    /// the lessons chart).
    Tree(String),
    /// The term list of a taxonomy (names, slugs, counts).
    Taxonomy(String),
    /// One taxonomy term's pages and projects, and their items.
    Term(String, String),
    /// The pages that name a project, and their items.
    Backlinks(String),
    /// One project's data file.
    Project(String),
    /// Whether a project is in the build, and its name (what a page naming it shows).
    ProjectName(String),
    /// People and programmes.
    Directory,
    /// Any project, person or programme: the portfolio roll-ups.
    Portfolio,
}

/// An output to render: its key, what it depends on, and the work.
pub struct Task<'r> {
    pub key: OutputKey,
    pub deps: Vec<Dep>,
    pub job: Job<'r>,
}

impl<'r> Task<'r> {
    pub fn new(key: OutputKey, deps: Vec<Dep>, job: Job<'r>) -> Task<'r> {
        Task { key, deps, job }
    }
}
