//! Ownership: the manifest that marks an output folder as folio's, the
//! checks that refuse a folder folio does not own, and deleting only the
//! files a manifest lists.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::MANIFEST;
use crate::error::Error;
use crate::output::OutputTree;

/// The first line of every manifest.
pub(super) const MANIFEST_HEADER: &str = "folio-output 1";

/// Whether `dir` is a real folder (not a link) carrying folio's manifest,
/// or only the start of one: a kill while the mark was being written leaves
/// it empty or cut short, before anything else is in the folder.
pub(super) fn is_ours(dir: &Path) -> bool {
    if !std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) {
        return false;
    }
    let Ok(mark) = std::fs::read_to_string(dir.join(MANIFEST)) else {
        return false;
    };
    mark.lines().next() == Some(MANIFEST_HEADER)
        || (format!("{MANIFEST_HEADER}\n").starts_with(mark.as_str())
            && std::fs::read_dir(dir).is_ok_and(|entries| entries.count() == 1))
}

pub(super) fn is_empty_dir(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir())
        && std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
}

/// Refuses to replace an existing output folder that folio does not own:
/// one without the manifest, or one holding files the manifest does not list.
/// `every_file`: also look for files the manifest does not list.
pub(super) fn check_owned(out: &Path, every_file: bool) -> Result<(), Error> {
    let Ok(meta) = std::fs::symlink_metadata(out) else {
        return Ok(());
    };
    if !meta.is_dir() {
        return Err(Error::Usage(format!(
            "{} exists and is not a folder; pass --output a folder",
            out.display()
        )));
    }
    if is_empty_dir(out) {
        return Ok(());
    }
    let manifest = std::fs::read_to_string(out.join(MANIFEST)).unwrap_or_default();
    let mut lines = manifest.lines();
    if lines.next() != Some(MANIFEST_HEADER) {
        return Err(Error::Usage(format!(
            "refusing to replace {}: it is not empty and folio did not make it (there is no {MANIFEST} in it); \
             pass --output an empty or new folder, or empty this one yourself",
            out.display()
        )));
    }
    if !every_file {
        return Ok(());
    }
    let mut foreign = foreign_files(out, &manifest);
    if foreign.is_empty() {
        return Ok(());
    }
    foreign.sort();
    let n = foreign.len();
    let shown: Vec<&str> = foreign.iter().take(3).map(String::as_str).collect();
    Err(Error::Usage(format!(
        "refusing to replace {}: it holds {n} file(s) folio did not write ({}{}); move them out of the output folder, or pass --output another folder",
        out.display(),
        shown.join(", "),
        if n > 3 { ", …" } else { "" }
    )))
}

/// Files under `dir` (links included, never followed) that its manifest
/// text does not list.
pub(super) fn foreign_files(dir: &Path, manifest: &str) -> Vec<String> {
    let listed: HashSet<&str> = manifest.lines().skip(1).collect();
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .filter_map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            (rel != MANIFEST && !listed.contains(rel.as_str())).then_some(rel)
        })
        .collect()
}

/// Deletes the previous site once it is out of place: only the files its
/// manifest lists. Anything else (a file put into the output during the
/// build) stays, and the folder is then kept beside the output under a
/// visible name, which is returned.
pub(super) fn dispose(previous: &Path, out: &Path) -> Option<PathBuf> {
    let manifest = std::fs::read_to_string(previous.join(MANIFEST)).unwrap_or_default();
    if manifest.lines().next() == Some(MANIFEST_HEADER) {
        let listed: HashSet<&str> = manifest.lines().skip(1).collect();
        if remove_listed(previous, previous, &listed).unwrap_or(false) {
            let _ = std::fs::remove_file(previous.join(MANIFEST));
            let _ = std::fs::remove_dir(previous);
            return None;
        }
    }
    let name = out.file_name()?.to_string_lossy().into_owned();
    let parent = out.parent()?;
    let kept = (1..1000)
        .map(|n| parent.join(format!("{name}.folio-kept-{n}")))
        .find(|p| std::fs::symlink_metadata(p).is_err())?;
    std::fs::rename(previous, &kept).ok()?;
    Some(kept)
}

/// Removes the files under `dir` that `listed` names (paths relative to
/// `base`), and the folders this empties, in parallel; links are removed,
/// never followed. Returns whether nothing else was there.
pub(super) fn remove_listed(
    base: &Path,
    dir: &Path,
    listed: &HashSet<&str>,
) -> std::io::Result<bool> {
    let entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    let results: Vec<std::io::Result<bool>> = entries
        .par_iter()
        .filter(|e| dir != base || e.file_name() != MANIFEST)
        .map(|entry| {
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                let emptied = remove_listed(base, &path, listed)?;
                if emptied {
                    std::fs::remove_dir(&path)?;
                }
                return Ok(emptied);
            }
            let rel = path
                .strip_prefix(base)
                .map(|r| r.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
            if listed.contains(rel.as_str()) {
                std::fs::remove_file(&path)?;
                Ok(true)
            } else {
                Ok(false)
            }
        })
        .collect();
    let mut all = true;
    for r in results {
        all &= r?;
    }
    Ok(all)
}

pub(super) fn manifest_text(tree: &OutputTree) -> String {
    let mut text = String::from(MANIFEST_HEADER);
    text.push('\n');
    for path in tree.files.keys() {
        text.push_str(path);
        text.push('\n');
    }
    text
}
