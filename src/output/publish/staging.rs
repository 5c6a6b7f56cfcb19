//! Building the new site in the staging folder (unchanged files hard-linked
//! from the previous output) and removing a folder folio owns.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::manifest::{MANIFEST_HEADER, manifest_text};
use super::{MANIFEST, WriteStats};
use crate::error::Error;
use crate::output::{Content, OutputTree};

/// Builds the new site in `staging`, hard-linking files unchanged since `previous`.
pub(super) fn fill(
    tree: &OutputTree,
    previous: &Path,
    staging: &Path,
) -> Result<WriteStats, Error> {
    std::fs::create_dir(staging)
        .map_err(|e| Error::io(format!("creating {}", staging.display()), e))?;
    // Marked first, so a folder left by a kill is recognised as folio's.
    std::fs::write(staging.join(MANIFEST), format!("{MANIFEST_HEADER}\n"))
        .map_err(|e| Error::io(format!("writing {}", staging.display()), e))?;
    let mut dirs: Vec<PathBuf> = tree
        .files
        .keys()
        .filter_map(|p| Path::new(p).parent().map(|d| staging.join(d)))
        .collect();
    dirs.sort();
    dirs.dedup();
    // `create_dir_all` tolerates a sibling creating the same parent at the same time.
    dirs.par_iter().try_for_each(|d| {
        std::fs::create_dir_all(d).map_err(|e| Error::io(format!("creating {}", d.display()), e))
    })?;
    // A first build has nothing to compare with: skip a failing lookup per file.
    let has_previous = previous.is_dir();
    let outcomes: Vec<Result<bool, Error>> = tree
        .files
        .par_iter()
        .map(|(path, content)| {
            let dest = staging.join(path);
            let prev = previous.join(path);
            let bytes = match content {
                Content::Bytes(b) => Cow::Borrowed(&b[..]),
                Content::Copy(from) => Cow::Owned(
                    std::fs::read(from)
                        .map_err(|e| Error::io(format!("reading {}", from.display()), e))?,
                ),
            };
            if has_previous
                && same_content(&prev, &bytes)
                && std::fs::hard_link(&prev, &dest).is_ok()
            {
                return Ok(false);
            }
            std::fs::write(&dest, &bytes)
                .map_err(|e| Error::io(format!("writing {}", dest.display()), e))?;
            Ok(true)
        })
        .collect();
    let mut stats = WriteStats::default();
    for o in outcomes {
        if o? {
            stats.written += 1;
        } else {
            stats.unchanged += 1;
        }
    }
    std::fs::write(staging.join(MANIFEST), manifest_text(tree))
        .map_err(|e| Error::io(format!("writing {}", staging.display()), e))?;
    Ok(stats)
}

/// Removes a folder and everything in it, with the folders of each level
/// removed in parallel: deleting the previous output of a large site one
/// file at a time was a visible share of a rebuild. Links are removed, never
/// followed.
pub(super) fn remove_tree(dir: &Path) -> std::io::Result<()> {
    if !std::fs::symlink_metadata(dir)?.is_dir() {
        return std::fs::remove_file(dir);
    }
    let entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    // The mark goes last, so a folder half-removed by a kill is still known
    // to be folio's on the next run.
    let (mark, rest): (Vec<_>, Vec<_>) =
        entries.into_iter().partition(|e| e.file_name() == MANIFEST);
    rest.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            remove_tree(&entry.path())
        } else {
            std::fs::remove_file(entry.path())
        }
    })?;
    for m in mark {
        std::fs::remove_file(m.path())?;
    }
    std::fs::remove_dir(dir)
}

pub(super) fn same_content(path: &Path, bytes: &[u8]) -> bool {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => {
            std::fs::read(path).is_ok_and(|old| old == bytes)
        }
        _ => false,
    }
}
