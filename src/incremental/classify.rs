//! What a changed path means for the build: a pure function of the path and,
//! for pages, the old and new text.

/// The kind of a change to one source path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Change {
    /// The body of a page under `content/`; its front matter is unchanged.
    PageBody,
    /// A page's front matter, or a page added or deleted.
    FrontMatter,
    /// A section's `_index.md` (front matter or added/deleted).
    SectionIndex,
    /// A file under `data/projects/`.
    ProjectData,
    /// `data/people.yaml` or `data/people.csv`.
    People,
    /// `data/programmes.yaml`.
    Programmes,
    /// `folio.yaml`.
    Config,
    /// A template (`templates/`, a theme's `templates/`).
    Template,
    /// A UI string file (`i18n/`, a theme's `i18n/`).
    I18n,
    /// A theme asset or a file under `static/`.
    Static,
    /// Anything the build does not read (editor files, the output, other folders).
    Ignored,
}

impl Change {
    /// A stable name, for logs.
    pub fn as_str(self) -> &'static str {
        match self {
            Change::PageBody => "page-body",
            Change::FrontMatter => "front-matter",
            Change::SectionIndex => "section-index",
            Change::ProjectData => "project-data",
            Change::People => "people",
            Change::Programmes => "programmes",
            Change::Config => "config",
            Change::Template => "template",
            Change::I18n => "i18n",
            Change::Static => "static",
            Change::Ignored => "ignored",
        }
    }
}

/// Classifies `rel` (relative to the site root, `/`-separated). `old` and
/// `new` are the file's text before and after (`None`: absent or unknown);
/// with both, a page whose front matter is unchanged is a body change.
pub fn classify(rel: &str, old: Option<&str>, new: Option<&str>) -> Change {
    let _ = (old, new);
    if rel == "folio.yaml" {
        return Change::Config;
    }
    Change::Ignored
}
