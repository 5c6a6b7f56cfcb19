//! All filesystem input: walks `content/`, `data/` and `static/`, reads and
//! parses every file (in parallel), and returns [`SiteParts`] plus the
//! diagnostics of every file that could not be read.

pub mod data;
pub mod frontmatter;
pub mod limits;
mod text;
mod walk;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::{CONFIG_FILE, Config};
use crate::error::Rule;
use crate::error::{Diagnostic, Diagnostics, Error, display_path, yaml_diagnostic};
use crate::model::site::SiteParts;
use text::{read_bytes, read_text, utf8};
use walk::{escaping_links, link_warning, readable_source};
pub use walk::{is_ignored, walk, walk_checked};

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
                Rule::ProjectFileNested,
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
                Rule::DuplicateProjectFile,
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
                Rule::DuplicatePeopleFile,
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
            Diagnostic::error(Rule::MissingTitle, &file, "the page has no `title`")
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
