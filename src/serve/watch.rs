//! Which file-system events reach the build: a pure filter over the
//! watcher's debounced events, and the folders the preview watches.

use std::path::{Path, PathBuf};

use notify::EventKind;
use notify::event::ModifyKind;

use crate::incremental::{classify, rel_path};

/// The folders under the site root that the build reads. Each is watched
/// recursively (when it exists; one created later is watched from then on);
/// the root itself only for its direct entries (`folio.yaml`, these
/// folders), so the output folder and anything else in the root is never
/// watched.
pub const SOURCE_DIRS: [&str; 6] = ["content", "data", "static", "themes", "templates", "i18n"];

/// The paths of one event that may matter to the build. Access events
/// (opening, reading, closing a file) and metadata changes (`touch`,
/// `chmod`) change no byte the build reads and trigger nothing; editor
/// temp and swap files and paths outside the sources are dropped.
pub fn relevant_paths(root: &Path, kind: &EventKind, paths: &[PathBuf]) -> Vec<PathBuf> {
    match kind {
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_)) => return Vec::new(),
        _ => {}
    }
    paths
        .iter()
        .filter(|p| is_source(&rel_path(root, p)))
        .cloned()
        .collect()
}

/// Whether a root-relative path is one the build reads, or a source folder
/// itself (a folder added, removed or renamed as a whole).
pub fn is_source(rel: &str) -> bool {
    if rel == "folio.yaml" {
        return true;
    }
    let first = rel.split('/').next().unwrap_or("");
    if !SOURCE_DIRS.contains(&first) {
        return false;
    }
    // Editor files anywhere in the path; classify decides the rest.
    !rel.split('/').any(classify::is_editor_file)
}

#[cfg(test)]
mod tests {
    use notify::event::{AccessKind, AccessMode, CreateKind, DataChange, MetadataKind, RenameMode};

    use super::*;

    fn paths(kind: EventKind, names: &[&str]) -> Vec<String> {
        let root = Path::new("/site");
        let abs: Vec<PathBuf> = names.iter().map(|n| root.join(n)).collect();
        relevant_paths(root, &kind, &abs)
            .iter()
            .map(|p| rel_path(root, p))
            .collect()
    }

    const WRITE: EventKind = EventKind::Modify(ModifyKind::Data(DataChange::Content));

    #[test]
    fn sources_pass() {
        assert_eq!(paths(WRITE, &["content/a.md"]), ["content/a.md"]);
        assert_eq!(paths(WRITE, &["folio.yaml"]), ["folio.yaml"]);
        assert_eq!(
            paths(WRITE, &["data/projects/x.yaml"]),
            ["data/projects/x.yaml"]
        );
        assert_eq!(
            paths(WRITE, &["themes/t/templates/base.html"]),
            ["themes/t/templates/base.html"]
        );
        assert_eq!(
            paths(EventKind::Create(CreateKind::Folder), &["content/new"]),
            ["content/new"]
        );
    }

    #[test]
    fn access_and_metadata_trigger_nothing() {
        let close = EventKind::Access(AccessKind::Close(AccessMode::Write));
        assert!(paths(close, &["content/a.md"]).is_empty());
        let open = EventKind::Access(AccessKind::Open(AccessMode::Read));
        assert!(paths(open, &["content/a.md"]).is_empty());
        let touch = EventKind::Modify(ModifyKind::Metadata(MetadataKind::WriteTime));
        assert!(paths(touch, &["content/a.md"]).is_empty());
    }

    #[test]
    fn editor_files_and_other_folders_are_dropped() {
        for name in [
            "content/.a.md.swp",
            "content/a.md~",
            "content/.#a.md",
            "content/4913",
            "content/#a.md#",
            "content/.git/index",
            "public/index.html",
            "target/debug/folio",
            "notes.txt",
            "README.md",
        ] {
            assert!(paths(WRITE, &[name]).is_empty(), "{name}");
        }
    }

    #[test]
    fn a_rename_keeps_both_sides_that_matter() {
        let rename = EventKind::Modify(ModifyKind::Name(RenameMode::Both));
        assert_eq!(
            paths(rename, &["content/a.md", "content/b.md"]),
            ["content/a.md", "content/b.md"]
        );
        // Vim's save: write a swap file, rename it over the page.
        assert_eq!(
            paths(rename, &["content/.a.md.swp", "content/a.md"]),
            ["content/a.md"]
        );
    }
}
