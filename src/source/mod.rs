//! All filesystem input: walks `content/`, `data/` and `static/`, reads and
//! parses every file (in parallel), and returns [`SiteParts`] plus the
//! diagnostics of every file that could not be read.

pub mod data;
pub mod frontmatter;
pub mod limits;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::{CONFIG_FILE, Config};
use crate::error::{Diagnostic, Diagnostics, Error, display_path, yaml_diagnostic};
use crate::model::site::SiteParts;
use crate::model::{FrontMatter, Page, StaticFile, slugify, validate};

/// Files larger than this are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads `folio.yaml`. A missing file is a usage error (wrong `--root`).
pub fn read_config(root: &Path) -> Result<Config, Error> {
    let path = root.join(CONFIG_FILE);
    let bytes = std::fs::read(&path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::Usage(format!(
                "no {CONFIG_FILE} in {}; run `folio init` to create a site or pass --root",
                root.display()
            ))
        } else {
            Error::io(format!("reading {}", path.display()), e)
        }
    })?;
    let text = utf8(CONFIG_FILE, bytes).map_err(|d| Error::Content(Diagnostics(vec![d])))?;
    Config::parse(&text).map_err(|d| Error::Content(Diagnostics(d)))
}

/// Reads every source file of the site under `root`.
pub fn read_site(root: &Path, config: &Config) -> (SiteParts, Diagnostics) {
    let mut diags = Diagnostics::default();
    let mut parts = SiteParts::default();
    let default_audience = config.default_audience();

    let mut escaped = escaping_links(root, config);
    let (content_files, links) = walk_checked(root, &root.join("content"), |p| {
        p.extension().is_some_and(|e| e == "md")
    });
    escaped.extend(links);
    let pages: Vec<Result<Page, Diagnostic>> = content_files
        .par_iter()
        .map(|path| read_page(root, path, default_audience))
        .collect();
    for p in pages {
        match p {
            Ok(page) => parts.pages.push(page),
            Err(d) => diags.push(d),
        }
    }

    let (project_files, links) = walk_checked(root, &root.join("data/projects"), |p| {
        p.extension().is_some_and(|e| e == "yaml" || e == "yml")
    });
    escaped.extend(links);
    let projects_dir = root.join("data/projects");
    let (project_files, nested): (Vec<PathBuf>, Vec<PathBuf>) = project_files
        .into_iter()
        .partition(|p| p.parent() == Some(projects_dir.as_path()));
    for p in nested {
        diags.push(
            Diagnostic::error(
                "duplicate-id",
                display_path(root, &p),
                "project files must sit directly in data/projects/ (the file name is the id)",
            )
            .with_hint("move the file up into data/projects/; sub-folders would allow two projects with one id"),
        );
    }
    let project_files = without_clashing_ids(root, project_files, &mut parts, &mut diags);
    let projects: Vec<_> = project_files
        .par_iter()
        .map(|path| {
            let id = project_id(path);
            let file = display_path(root, path);
            let parsed = read_text(root, path).and_then(|text| {
                let project = data::parse_project(&id, &file, &text, default_audience)?;
                Ok((project, text))
            });
            parsed.map_err(|d| (id, d))
        })
        .collect::<Vec<Result<_, (String, Diagnostic)>>>();
    for p in projects {
        match p {
            Ok((project, text)) => {
                parts.data_sources.insert(project.file.clone(), text);
                parts.projects.push(project);
            }
            Err((id, d)) => {
                parts.unreadable_projects.insert(id);
                diags.push(d);
            }
        }
    }

    read_people(root, config, &mut parts, &mut diags);

    let programmes = root.join("data/programmes.yaml");
    if readable_source(root, &programmes) {
        parts.programmes_file = display_path(root, &programmes);
        match read_text(root, &programmes).and_then(|t| {
            let list = data::parse_programmes(&parts.programmes_file, &t)?;
            Ok((list, t))
        }) {
            Ok((list, text)) => {
                parts.programmes = list;
                parts
                    .data_sources
                    .insert(parts.programmes_file.clone(), text);
            }
            Err(d) => {
                parts.programmes_unreadable = true;
                diags.push(d);
            }
        }
    }

    let static_root = root.join("static");
    let (static_files, links) = walk_checked(root, &static_root, |_| true);
    escaped.extend(links);
    escaped.sort();
    escaped.dedup();
    for link in &escaped {
        diags.push(link_warning(root, link));
    }
    for path in static_files {
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        parts.static_files.push(StaticFile {
            rel: display_path(&static_root, &path),
            size,
        });
    }
    (parts, diags)
}

/// A project's id: its file stem (`apollo` for `apollo.yaml` or `apollo.yml`).
fn project_id(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Drops project files whose id another file also has (`apollo.yaml` beside
/// `apollo.yml`): one error names all of them, and none is read, so no total
/// counts a project twice. `files` is sorted, so clashing files are adjacent.
fn without_clashing_ids(
    root: &Path,
    files: Vec<PathBuf>,
    parts: &mut SiteParts,
    diags: &mut Diagnostics,
) -> Vec<PathBuf> {
    let mut by_id: std::collections::BTreeMap<String, Vec<PathBuf>> = Default::default();
    for f in files {
        by_id.entry(project_id(&f)).or_default().push(f);
    }
    let mut keep = Vec::new();
    for (id, mut group) in by_id {
        if group.len() == 1 {
            keep.append(&mut group);
            continue;
        }
        let names: Vec<String> = group.iter().map(|p| display_path(root, p)).collect();
        diags.push(
            Diagnostic::error(
                "duplicate-project-file",
                &names[0],
                format!(
                    "project id `{id}` is defined by {} files: {}",
                    names.len(),
                    names.join(" and ")
                ),
            )
            .with_hint(
                "the file name is the project id; keep one file (.yaml or .yml) per project",
            ),
        );
        parts.unreadable_projects.insert(id);
    }
    keep.sort();
    keep
}

fn read_people(root: &Path, config: &Config, parts: &mut SiteParts, diags: &mut Diagnostics) {
    let yaml = root.join("data/people.yaml");
    let csv = root.join("data/people.csv");
    let (yaml_ok, csv_ok) = (readable_source(root, &yaml), readable_source(root, &csv));
    if yaml_ok && csv_ok {
        diags.push(
            Diagnostic::error(
                "duplicate-id",
                display_path(root, &csv),
                "both people.yaml and people.csv exist",
            )
            .with_hint("keep one list of people; folio reads only one"),
        );
    }
    if yaml_ok {
        parts.people_file = display_path(root, &yaml);
        match read_text(root, &yaml).and_then(|t| {
            let list = data::parse_people_yaml(&parts.people_file, &t)?;
            Ok((list, t))
        }) {
            Ok((list, text)) => {
                diags.extend(validate::people(&list, &parts.people_file, &text));
                parts.people = list;
                parts.data_sources.insert(parts.people_file.clone(), text);
            }
            Err(d) => {
                parts.people_unreadable = true;
                diags.push(d);
            }
        }
    } else if csv_ok {
        parts.people_file = display_path(root, &csv);
        let how = data::CsvEncoding {
            configured: config.encoding_of(&parts.people_file),
            tld: (config.language == crate::config::Language::ZhCn).then_some("cn"),
        };
        match read_bytes(root, &csv)
            .and_then(|b| data::parse_people_csv(&parts.people_file, &b, how))
        {
            Ok((list, text)) => {
                diags.extend(validate::people(&list, &parts.people_file, &text));
                parts.people = list;
                parts.data_sources.insert(parts.people_file.clone(), text);
            }
            Err(d) => {
                parts.people_unreadable = true;
                diags.push(d);
            }
        }
    }
}

/// Reads and parses one page. Public so `serve` can re-read a single file.
pub fn read_page(root: &Path, path: &Path, default_audience: &str) -> Result<Page, Diagnostic> {
    let file = display_path(root, path);
    let source = read_text(root, path)?;
    let split = frontmatter::split(&file, &source)?;
    let meta: FrontMatter = if split.yaml.trim().is_empty() {
        FrontMatter::default()
    } else {
        limits::text_limits(&file, &source, 1, split.yaml)?;
        serde_saphyr::from_str(split.yaml).map_err(|e| yaml_diagnostic(&file, &source, 1, &e))?
    };
    let Some(title) = meta.title.clone().filter(|t| !t.trim().is_empty()) else {
        return Err(
            Diagnostic::error("missing-title", &file, "the page has no `title`")
                .at(&source, 2, 1)
                .with_hint("add `title: ...` to the front matter"),
        );
    };
    let rel = display_path(&root.join("content"), path);
    let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel.as_str()));
    let stem = name.strip_suffix(".md").unwrap_or(name);
    let section = dir
        .split('/')
        .filter(|s| !s.is_empty())
        .map(slugify)
        .collect::<Vec<_>>()
        .join("/");
    let is_index = stem == "_index";
    let path_out = if is_index {
        if section.is_empty() {
            String::new()
        } else {
            format!("{section}/")
        }
    } else {
        let slug = meta.slug.as_deref().map_or_else(|| slugify(stem), slugify);
        if section.is_empty() {
            format!("{slug}/")
        } else {
            format!("{section}/{slug}/")
        }
    };
    let audience = meta
        .audience
        .as_ref()
        .map_or_else(|| default_audience.to_string(), |a| a.value.clone());
    Ok(Page {
        file,
        body_start: split.body_start,
        body_line: split.body_line,
        section,
        is_index,
        path: path_out,
        title,
        meta,
        audience,
        source,
    })
}

fn read_bytes(root: &Path, path: &Path) -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read as _;
    let file = display_path(root, path);
    let cannot = |e: std::io::Error| Diagnostic::error("io", &file, format!("cannot read: {e}"));
    // One open and one fstat per file: thousands of pages make a second
    // lookup by path (metadata, then read) a visible cost.
    let mut handle = std::fs::File::open(path).map_err(cannot)?;
    let meta = handle.metadata().map_err(cannot)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            "file-too-large",
            &file,
            format!(
                "file is {} MiB; folio reads files up to {} MiB",
                meta.len() >> 20,
                MAX_FILE_BYTES >> 20
            ),
        )
        .with_hint("split the file, or move large downloads to static/"));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    handle.read_to_end(&mut bytes).map_err(cannot)?;
    Ok(bytes)
}

fn read_text(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    let bytes = read_bytes(root, path)?;
    utf8(&display_path(root, path), bytes)
}

/// Checks UTF-8 and strips a BOM; invalid bytes are reported at their line.
fn utf8(file: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..3);
            }
            Ok(s)
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = bytes[..valid].iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = bytes[..valid]
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&bytes[line_start..valid])
                .chars()
                .count()
                + 1;
            let mut d = Diagnostic::error("encoding", file, "the file is not valid UTF-8");
            d.line = line;
            d.column = column;
            Err(d.with_hint(
                "save the file as UTF-8 (in most editors: File › Save with Encoding › UTF-8)",
            ))
        }
    }
}

/// Files under `dir` matching `keep`, skipping hidden files, editor temp
/// files and anything reached through a link that leaves `root`; sorted.
pub fn walk(root: &Path, dir: &Path, keep: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
    walk_checked(root, dir, keep).0
}

/// [`walk`], also returning what it skipped, with everything under it: links
/// that resolve outside `root`, and folio output folders.
pub fn walk_checked(
    root: &Path,
    dir: &Path,
    keep: impl Fn(&Path) -> bool,
) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let mut escaped = Vec::new();
    let mut outputs = Vec::new();
    if !dir.is_dir() {
        return (Vec::new(), escaped);
    }
    let Ok(real_root) = root.canonicalize() else {
        return (Vec::new(), escaped);
    };
    if !stays_inside(&real_root, dir) {
        escaped.push(dir.to_path_buf());
        return (Vec::new(), escaped);
    }
    let mut files: Vec<PathBuf> = WalkDir::new(dir)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| {
            if e.depth() > 0 && is_ignored(e.file_name().to_string_lossy().as_ref()) {
                return false;
            }
            if e.path_is_symlink() && !stays_inside(&real_root, e.path()) {
                escaped.push(e.path().to_path_buf());
                return false;
            }
            // A folio output (reached through a link, or copied in) is
            // never read back as input.
            if e.file_type().is_dir() && e.path().join(crate::output::MANIFEST).is_file() {
                outputs.push(e.path().to_path_buf());
                return false;
            }
            true
        })
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && keep(e.path()))
        .map(walkdir::DirEntry::into_path)
        .collect();
    files.sort();
    escaped.extend(outputs);
    escaped.sort();
    (files, escaped)
}

/// Whether `path`, with every link resolved, is inside `real_root` (itself
/// canonical). A dangling link resolves nowhere and is not inside.
fn stays_inside(real_root: &Path, path: &Path) -> bool {
    path.canonicalize().is_ok_and(|p| p.starts_with(real_root))
}

/// Whether the single source file at `path` exists and may be read: it is
/// not reached through a link leading outside the site.
fn readable_source(root: &Path, path: &Path) -> bool {
    path.exists() && root.canonicalize().is_ok_and(|r| stays_inside(&r, path))
}

/// A warning for each link in the site that leads outside it: in the theme
/// and override folders, and at the fixed data file names. (Links met while
/// reading content, projects and static files are reported by that walk.)
fn escaping_links(root: &Path, config: &Config) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for dir in [
        root.join("themes").join(&config.theme),
        root.join("templates"),
        root.join("i18n"),
    ] {
        found.extend(walk_checked(root, &dir, |_| false).1);
    }
    for file in [
        "data/people.yaml",
        "data/people.csv",
        "data/programmes.yaml",
    ] {
        let path = root.join(file);
        if path.exists() && !readable_source(root, &path) {
            found.push(path);
        }
    }
    found
}

fn link_warning(root: &Path, link: &Path) -> Diagnostic {
    if link.join(crate::output::MANIFEST).is_file() {
        return Diagnostic::warning(
            "output-as-input",
            display_path(root, link),
            "this folder is a folio output; folio does not read its own output back as input",
        )
        .with_hint("remove the folder or the link from the site's sources");
    }
    let target = std::fs::read_link(link)
        .map(|t| t.display().to_string())
        .unwrap_or_else(|_| "a place".into());
    Diagnostic::warning(
        "link-outside-site",
        display_path(root, link),
        format!(
            "this link points to {target}, outside the site; folio does not read or publish it"
        ),
    )
    .with_hint("copy the files into the site folder, or make the link point inside it")
}

/// Hidden files and the temp files editors leave behind while saving.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || (name.starts_with('#') && name.ends_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let d = utf8("a.md", b"ok\nab\xff\n".to_vec()).unwrap_err();
        assert_eq!((d.line, d.column), (2, 3));
    }

    #[test]
    fn editor_temp_files_are_ignored() {
        for n in [".x.md.swp", "x.md~", "#x.md#", ".hidden"] {
            assert!(is_ignored(n), "{n}");
        }
        assert!(!is_ignored("x.md"));
    }
}
