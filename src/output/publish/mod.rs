//! Putting an [`OutputTree`] on disk without ever destroying what folio
//! does not own.
//!
//! - **Ownership.** Every output folder carries a manifest ([`MANIFEST`])
//!   listing the files folio wrote. An existing folder is replaced only if
//!   it is empty, or carries the manifest and holds nothing else.
//! - **One build at a time.** An exclusive lock on a file beside the output
//!   (`.<name>.folio-lock`) is held from the first look at the old output to
//!   the end of the swap; a second build waits up to [`LOCK_WAIT`].
//! - **A swap no kill can break.** The new site is assembled in
//!   `.<name>.folio-new` (unchanged files hard-linked from the old output)
//!   and exchanged with the old one in a single `renameat2(RENAME_EXCHANGE)`
//!   on Linux. Elsewhere, or on file systems without it, two renames are
//!   used, and the next run repairs what a kill between them left.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::{OutputTree, is_safe_path};
use crate::error::Error;

mod manifest;
mod staging;

use manifest::{check_owned, dispose, is_empty_dir, is_ours};
use staging::{fill, remove_tree};

/// The file in every output folder that says folio wrote it, and what.
pub const MANIFEST: &str = ".folio-manifest";
/// How long a build waits for another build of the same output to finish.
pub const LOCK_WAIT: Duration = Duration::from_secs(120);

/// What a write did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    /// Where the previous output was kept because files folio did not write
    /// appeared in it while the new site was being built.
    pub kept: Option<PathBuf>,
}

/// The paths around one output folder.
struct Places {
    out: PathBuf,
    staging: PathBuf,
    old: PathBuf,
    lock: PathBuf,
}

impl Places {
    fn of(out_dir: &Path) -> Result<Self, Error> {
        let name = out_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| {
                Error::Usage(format!(
                    "{} is not a usable output folder",
                    out_dir.display()
                ))
            })?;
        let parent = match out_dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Ok(Places {
            out: out_dir.to_path_buf(),
            staging: parent.join(format!(".{name}.folio-new")),
            old: parent.join(format!(".{name}.folio-old")),
            lock: parent.join(format!(".{name}.folio-lock")),
        })
    }
}

/// Writes `tree` to `out_dir`. On any error the previous output is untouched.
/// `waiting` is called once if another build holds the output's lock.
pub fn write(tree: &OutputTree, out_dir: &Path, waiting: &dyn Fn()) -> Result<WriteStats, Error> {
    if let Some(bad) = tree.files.keys().find(|p| !is_safe_path(p)) {
        return Err(Error::Usage(format!(
            "refusing to write `{bad}`: it would land outside the output folder"
        )));
    }
    let places = Places::of(out_dir)?;
    if let Some(parent) = places.lock.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| Error::io(format!("creating {}", parent.display()), e))?;
    }
    // The mark is checked before the lock too, so the parent of a folder
    // folio does not own gets no lock file.
    if !places.staging.exists() && !places.old.exists() {
        check_owned(&places.out, false)?;
    }
    let _lock = lock(&places, waiting)?;
    repair(&places)?;
    check_owned(&places.out, true)?;
    let stats = match fill(tree, &places.out, &places.staging) {
        Ok(s) => s,
        Err(e) => {
            let _ = remove_tree(&places.staging);
            return Err(e);
        }
    };
    let stats = WriteStats {
        kept: swap(&places)?,
        ..stats
    };
    Ok(stats)
}

/// Takes the output's lock, waiting a bounded time for another build.
fn lock(places: &Places, waiting: &dyn Fn()) -> Result<File, Error> {
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&places.lock)
        .map_err(|e| Error::io(format!("opening the lock {}", places.lock.display()), e))?;
    let started = Instant::now();
    let mut told = false;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(std::fs::TryLockError::WouldBlock) => {}
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(Error::io(format!("locking {}", places.lock.display()), e));
            }
        }
        if started.elapsed() >= LOCK_WAIT {
            return Err(Error::Usage(format!(
                "another folio build has been writing {} for over {} s; wait for it to finish, or stop it, then build again",
                places.out.display(),
                LOCK_WAIT.as_secs()
            )));
        }
        if !told {
            waiting();
            told = true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Mends what an interrupted earlier run left beside the output: a missing
/// output whose previous version was moved aside is moved back, and
/// half-built or set-aside folders folio made are removed.
fn repair(places: &Places) -> Result<(), Error> {
    if !places.out.exists() && is_ours(&places.old) {
        std::fs::rename(&places.old, &places.out).map_err(|e| {
            Error::io(
                format!(
                    "restoring {} from {}",
                    places.out.display(),
                    places.old.display()
                ),
                e,
            )
        })?;
    }
    for leftover in [&places.staging, &places.old] {
        if std::fs::symlink_metadata(leftover).is_err() {
            continue;
        }
        if !(is_ours(leftover) || is_empty_dir(leftover)) {
            return Err(Error::Usage(format!(
                "{} is in the way and was not made by folio; move it elsewhere, then build again",
                leftover.display()
            )));
        }
        remove_tree(leftover)
            .map_err(|e| Error::io(format!("removing {}", leftover.display()), e))?;
    }
    Ok(())
}

/// Puts the finished `staging` folder in place of the output.
/// Returns where the previous site was kept, if files appeared in it during the build.
fn swap(places: &Places) -> Result<Option<PathBuf>, Error> {
    if std::fs::symlink_metadata(&places.out).is_err() {
        return std::fs::rename(&places.staging, &places.out)
            .map(|()| None)
            .map_err(|e| Error::io(format!("creating {}", places.out.display()), e));
    }
    if exchange(&places.staging, &places.out)? {
        // `staging` now holds the previous site.
        return Ok(dispose(&places.staging, &places.out));
    }
    std::fs::rename(&places.out, &places.old)
        .map_err(|e| Error::io(format!("moving aside {}", places.out.display()), e))?;
    // A kill here leaves no output; the next run's `repair` moves `old` back.
    if let Err(e) = std::fs::rename(&places.staging, &places.out) {
        let _ = std::fs::rename(&places.old, &places.out);
        return Err(Error::io(
            format!("moving the new site into {}", places.out.display()),
            e,
        ));
    }
    Ok(dispose(&places.old, &places.out))
}

/// Atomically exchanges two folders. `Ok(false)` when the platform or file
/// system cannot, so the caller falls back to two renames.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn exchange(a: &Path, b: &Path) -> Result<bool, Error> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP | Errno::PERM) => Ok(false),
        Err(e) => Err(Error::io(
            format!("swapping the new site into {}", b.display()),
            e.into(),
        )),
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn exchange(_a: &Path, _b: &Path) -> Result<bool, Error> {
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put(tree: &OutputTree, out: &Path) -> Result<WriteStats, Error> {
        write(tree, out, &|| {})
    }

    fn tree(files: &[(&str, &str)]) -> OutputTree {
        let mut t = OutputTree::default();
        for (p, b) in files {
            t.insert((*p).into(), b.as_bytes().to_vec());
        }
        t
    }

    #[test]
    fn rewrites_only_changed_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let mut t = tree(&[("a/index.html", "one"), ("b.txt", "two")]);
        assert_eq!(
            put(&t, &out).unwrap(),
            WriteStats {
                written: 2,
                unchanged: 0,
                kept: None
            }
        );
        t.insert("b.txt".into(), b"three".to_vec());
        assert_eq!(
            put(&t, &out).unwrap(),
            WriteStats {
                written: 1,
                unchanged: 1,
                kept: None
            }
        );
        assert_eq!(std::fs::read(out.join("b.txt")).unwrap(), b"three");
        assert!(!dir.path().join(".public.folio-new").exists());
        assert!(!dir.path().join(".public.folio-old").exists());
        let manifest = std::fs::read_to_string(out.join(MANIFEST)).unwrap();
        assert_eq!(manifest, "folio-output 1\na/index.html\nb.txt\n");
    }

    #[test]
    fn stale_files_disappear() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        put(&tree(&[("old.html", "x")]), &out).unwrap();
        put(&tree(&[("new.html", "y")]), &out).unwrap();
        assert!(!out.join("old.html").exists());
        assert!(out.join("new.html").exists());
    }

    #[test]
    fn paths_outside_the_output_are_refused() {
        for bad in ["../x", "a/../../x", "/etc/x", "a//b", "./a", ""] {
            assert!(!is_safe_path(bad), "{bad}");
        }
        assert!(is_safe_path("people/li.wei/index.html"));
        let dir = tempfile::tempdir().unwrap();
        let t = tree(&[("people/../../escaped.html", "x")]);
        assert!(put(&t, &dir.path().join("public")).is_err());
        assert!(!dir.path().join("escaped.html").exists());
    }

    #[test]
    fn a_folder_folio_did_not_make_is_refused_and_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("share");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("budget.xlsx"), "mine").unwrap();
        let err = put(&tree(&[("index.html", "x")]), &out).unwrap_err();
        assert!(
            matches!(&err, Error::Usage(m) if m.contains("folio did not make it")),
            "{err}"
        );
        assert_eq!(std::fs::read(out.join("budget.xlsx")).unwrap(), b"mine");
        assert!(!out.join("index.html").exists());
    }

    #[test]
    fn a_file_added_to_a_folio_output_is_protected() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        put(&tree(&[("index.html", "x")]), &out).unwrap();
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        let err = put(&tree(&[("index.html", "y")]), &out).unwrap_err();
        assert!(
            matches!(&err, Error::Usage(m) if m.contains("notes.txt")),
            "{err}"
        );
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"x");
        assert_eq!(std::fs::read(out.join("notes.txt")).unwrap(), b"mine");
    }

    #[test]
    fn an_empty_folder_is_used() {
        let dir = tempfile::tempdir().unwrap();
        put(&tree(&[("index.html", "x")]), dir.path()).unwrap();
        assert_eq!(std::fs::read(dir.path().join("index.html")).unwrap(), b"x");
    }

    #[test]
    fn a_kill_between_the_two_renames_is_repaired() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        put(&tree(&[("index.html", "old")]), &out).unwrap();
        // What the fallback leaves when killed after moving the old site aside.
        std::fs::rename(&out, dir.path().join(".public.folio-old")).unwrap();
        std::fs::create_dir(dir.path().join(".public.folio-new")).unwrap();
        put(&tree(&[("index.html", "new")]), &out).unwrap();
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"new");
        assert!(!dir.path().join(".public.folio-old").exists());
        assert!(!dir.path().join(".public.folio-new").exists());
    }

    #[test]
    fn a_half_built_staging_folder_is_cleared() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        put(&tree(&[("index.html", "old")]), &out).unwrap();
        let staging = dir.path().join(".public.folio-new");
        std::fs::create_dir(&staging).unwrap();
        std::fs::write(staging.join(MANIFEST), "folio-output 1\n").unwrap();
        std::fs::write(staging.join("half.html"), "x").unwrap();
        put(&tree(&[("index.html", "new")]), &out).unwrap();
        assert!(!staging.exists());
        assert!(!out.join("half.html").exists());
    }

    #[test]
    fn a_foreign_folder_at_the_staging_name_is_not_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let staging = dir.path().join(".public.folio-new");
        std::fs::create_dir(&staging).unwrap();
        std::fs::write(staging.join("mine.txt"), "x").unwrap();
        assert!(put(&tree(&[("index.html", "x")]), &dir.path().join("public")).is_err());
        assert!(staging.join("mine.txt").exists());
    }

    #[test]
    fn a_file_added_during_the_build_is_kept_not_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        put(&tree(&[("index.html", "old")]), &out).unwrap();
        // As if written into the output after the ownership check.
        std::fs::write(out.join("minutes.txt"), "mine").unwrap();
        std::fs::create_dir(out.join("sub")).unwrap();
        std::fs::write(out.join("sub/notes.txt"), "mine too").unwrap();
        let kept = dispose(&out, &out).unwrap();
        assert_eq!(kept, dir.path().join("public.folio-kept-1"));
        assert_eq!(std::fs::read(kept.join("minutes.txt")).unwrap(), b"mine");
        assert_eq!(
            std::fs::read(kept.join("sub/notes.txt")).unwrap(),
            b"mine too"
        );
        // Only what folio wrote was removed.
        assert!(!kept.join("index.html").exists());
        // A clean previous site is deleted.
        put(&tree(&[("index.html", "x")]), &out).unwrap();
        assert_eq!(dispose(&out, &out), None);
        assert!(!out.exists());
    }

    #[test]
    fn a_foreign_folder_with_an_empty_mark_is_not_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let staging = dir.path().join(".public.folio-new");
        std::fs::create_dir(&staging).unwrap();
        std::fs::write(staging.join(MANIFEST), "").unwrap();
        std::fs::write(staging.join("mine.txt"), "x").unwrap();
        assert!(put(&tree(&[("index.html", "x")]), &dir.path().join("public")).is_err());
        assert!(staging.join("mine.txt").exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_in_the_old_output_is_removed_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let keep = dir.path().join("keep");
        std::fs::create_dir(&keep).unwrap();
        std::fs::write(keep.join("precious"), "x").unwrap();
        put(&tree(&[("index.html", "x")]), &out).unwrap();
        std::os::unix::fs::symlink(&keep, out.join("link")).unwrap();
        // The link is not folio's: refused, and the target survives.
        assert!(put(&tree(&[("index.html", "y")]), &out).is_err());
        assert!(keep.join("precious").exists());
        remove_tree(&out).unwrap();
        assert!(keep.join("precious").exists());
    }
}
