//! What a changed path means for the build: a pure function of the path and,
//! for pages, the old and new text.

/// The kind of a change to one source path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Change {
    /// The body of a page under `content/`; its front matter is unchanged.
    PageBody,
    /// A page's front matter, or a page added or deleted.
    FrontMatter,
    /// A section's `_index.md` (front matter, or added or deleted).
    SectionIndex,
    /// A file directly under `data/projects/`.
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
    /// A file under `static/`, or a theme's asset.
    Static,
    /// A folder under the sources, added, removed or renamed as a whole
    /// (watchers report `rm -r` and `mv` of a folder by its path alone).
    Folder,
    /// Anything the build does not read: editor files, other folders and
    /// file types, the output.
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
            Change::Folder => "folder",
            Change::Ignored => "ignored",
        }
    }

    /// Whether the change may alter every page, or the set of files the
    /// dependency map follows: then the site is built again, clean.
    pub fn is_global(self) -> bool {
        matches!(
            self,
            Change::Config | Change::Template | Change::I18n | Change::Folder | Change::Static
        )
    }
}

/// Editor temp and swap files, and files hidden by a leading dot: exactly
/// what the build's walk skips, so nothing it reads is ignored here.
pub fn is_editor_file(name: &str) -> bool {
    crate::source::is_ignored(name)
}

/// Classifies `rel` (relative to the site root, `/`-separated). `old` and
/// `new` are the file's text before and after (`None`: absent). A page whose
/// front matter is the same in both is a body change.
pub fn classify(rel: &str, old: Option<&str>, new: Option<&str>) -> Change {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    if rel.is_empty()
        || rel
            .split('/')
            .any(|s| s == ".." || s == "." || is_editor_file(s))
    {
        return Change::Ignored;
    }
    if rel == "folio.yaml" {
        return Change::Config;
    }
    let mut segs = rel.split('/');
    let first = segs.next().unwrap_or("");
    // A theme has the site's layout: themes/<name>/{templates,i18n,assets,…}.
    let (top, rest) = if first == "themes" {
        let _theme = segs.next();
        (segs.next().unwrap_or(""), segs.collect::<Vec<_>>())
    } else {
        (first, segs.collect::<Vec<_>>())
    };
    if rest.is_empty() {
        // A file directly in the root or in a theme's folder.
        return if first == "themes" {
            Change::Static
        } else {
            Change::Ignored
        };
    }
    match top {
        "templates" => Change::Template,
        "i18n" => Change::I18n,
        "content" if first != "themes" && name.ends_with(".md") => {
            let index = name == "_index.md";
            let same_front = match (old, new) {
                (Some(a), Some(b)) => {
                    let before = front_matter(a);
                    before.is_some() && before == front_matter(b)
                }
                _ => false,
            };
            match (same_front, index) {
                (true, _) => Change::PageBody,
                (false, true) => Change::SectionIndex,
                (false, false) => Change::FrontMatter,
            }
        }
        "data" if first != "themes" => match rest.as_slice() {
            // Nested files too: the build reports them (a project file must
            // sit directly in data/projects/).
            ["projects", .., file] if file.ends_with(".yaml") || file.ends_with(".yml") => {
                Change::ProjectData
            }
            ["people.yaml" | "people.csv"] => Change::People,
            ["programmes.yaml"] => Change::Programmes,
            _ => Change::Ignored,
        },
        "static" | "assets" => Change::Static,
        _ => Change::Ignored,
    }
}

/// The front matter of a page's text (between the `---` fences), or `None`.
fn front_matter(text: &str) -> Option<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut at = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some(&rest[..at]);
        }
        at += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "---\ntitle: A\ntags: [x]\n---\nBody one.\n";

    #[test]
    fn page_changes_tell_body_from_front_matter() {
        let body = "---\ntitle: A\ntags: [x]\n---\nBody two.\n";
        let front = "---\ntitle: B\ntags: [x]\n---\nBody one.\n";
        let f = "content/lessons/a.md";
        assert_eq!(classify(f, Some(PAGE), Some(body)), Change::PageBody);
        assert_eq!(classify(f, Some(PAGE), Some(front)), Change::FrontMatter);
        assert_eq!(classify(f, None, Some(PAGE)), Change::FrontMatter);
        assert_eq!(classify(f, Some(PAGE), None), Change::FrontMatter);
        let i = "content/lessons/_index.md";
        assert_eq!(classify(i, Some(PAGE), Some(front)), Change::SectionIndex);
        assert_eq!(classify(i, Some(PAGE), Some(body)), Change::PageBody);
        // A file without front matter: any change may be one to its front matter.
        assert_eq!(classify(f, Some("x"), Some("y")), Change::FrontMatter);
        assert_eq!(
            classify(
                f,
                Some("---\r\ntitle: A\r\n---\r\nx"),
                Some("---\r\ntitle: A\r\n---\r\ny")
            ),
            Change::PageBody
        );
    }

    #[test]
    fn data_and_site_files() {
        assert_eq!(
            classify("data/projects/apollo.yaml", None, None),
            Change::ProjectData
        );
        assert_eq!(
            classify("data/projects/apollo.yml", None, None),
            Change::ProjectData
        );
        assert_eq!(
            classify("data/projects/sub/a.yaml", None, None),
            Change::ProjectData
        );
        assert_eq!(classify("data/people.yaml", None, None), Change::People);
        assert_eq!(classify("data/people.csv", None, None), Change::People);
        assert_eq!(
            classify("data/programmes.yaml", None, None),
            Change::Programmes
        );
        assert_eq!(classify("data/notes.txt", None, None), Change::Ignored);
        assert_eq!(classify("folio.yaml", None, None), Change::Config);
        assert_eq!(
            classify("templates/page.html", None, None),
            Change::Template
        );
        assert_eq!(
            classify("themes/corp/templates/page.html", None, None),
            Change::Template
        );
        assert_eq!(classify("i18n/zh-CN.yaml", None, None), Change::I18n);
        assert_eq!(
            classify("themes/corp/i18n/en.yaml", None, None),
            Change::I18n
        );
        assert_eq!(classify("static/logo.png", None, None), Change::Static);
        assert_eq!(
            classify("themes/corp/assets/folio.css", None, None),
            Change::Static
        );
        assert_eq!(classify("README.md", None, None), Change::Ignored);
        assert_eq!(classify("public/index.html", None, None), Change::Ignored);
    }

    #[test]
    fn editor_files_are_ignored() {
        for f in [
            "content/lessons/.a.md.swp",
            "content/lessons/a.md~",
            "content/lessons/.#a.md",
            "content/lessons/4913",
            "content/lessons/#a.md#",
            "content/.git/x.md",
            "./content/x.md",
            "data/projects/.apollo.yaml.swp",
            "content/../x.md",
        ] {
            assert_eq!(classify(f, None, None), Change::Ignored, "{f}");
        }
        assert!(Change::Config.is_global() && !Change::PageBody.is_global());
        // A name the build reads is not an editor file.
        assert_eq!(
            classify("content/lessons/#42-retro.md", None, None),
            Change::FrontMatter
        );
        // Vim's write probe is an editor file wherever it appears (the walk skips it too).
        assert_eq!(classify("static/4913", None, None), Change::Ignored);
        assert_eq!(classify("static/49130.txt", None, None), Change::Static);
    }
}
