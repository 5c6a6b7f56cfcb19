//! Walking the site's folders: hidden and editor temp files skipped, and
//! every link resolved so one that leads outside the site root is skipped
//! with everything under it and reported (`link-outside-site`).

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::config::Config;
use crate::error::Rule;
use crate::error::{Diagnostic, display_path};

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
pub(super) fn stays_inside(real_root: &Path, path: &Path) -> bool {
    path.canonicalize().is_ok_and(|p| p.starts_with(real_root))
}

/// Whether the single source file at `path` exists and may be read: it is
/// not reached through a link leading outside the site.
pub(super) fn readable_source(root: &Path, path: &Path) -> bool {
    path.exists() && root.canonicalize().is_ok_and(|r| stays_inside(&r, path))
}

/// A warning for each link in the site that leads outside it: in the theme
/// and override folders, and at the fixed data file names. (Links met while
/// reading content, projects and static files are reported by that walk.)
pub(super) fn escaping_links(root: &Path, config: &Config) -> Vec<PathBuf> {
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

pub(super) fn link_warning(root: &Path, link: &Path) -> Diagnostic {
    if link.join(crate::output::MANIFEST).is_file() {
        return Diagnostic::warning(
            Rule::OutputAsInput,
            display_path(root, link),
            "this folder is a folio output; folio does not read its own output back as input",
        )
        .with_hint("remove the folder or the link from the site's sources");
    }
    let target = std::fs::read_link(link)
        .map(|t| t.display().to_string())
        .unwrap_or_else(|_| "a place".into());
    Diagnostic::warning(
        Rule::LinkOutsideSite,
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
        // Vim creates and deletes `4913` to test that it may write the folder.
        || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_temp_files_are_ignored() {
        for n in [".x.md.swp", "x.md~", "#x.md#", ".hidden"] {
            assert!(is_ignored(n), "{n}");
        }
        assert!(!is_ignored("x.md"));
    }
}
