//! Where an output folder may be. An output that is the site root, one of
//! its parents, or lies inside a source folder would have folio delete the
//! site it is building, or read its own output back as input on the next
//! build; such outputs are refused before anything is read or written.

use std::path::{Component, Path, PathBuf};

use crate::error::Error;

/// The folders of a site that folio reads; the output may not be in one.
pub const SOURCE_DIRS: &[&str] = &["content", "data", "static", "themes", "templates", "i18n"];

/// Resolves `out` to an absolute path with every existing part's symlinks
/// resolved, so that `public -> /srv/www` is judged (and written) as
/// `/srv/www`, and `a/../b` cannot hide an overlap.
pub fn resolve(out: &Path) -> Result<PathBuf, Error> {
    let absolute = if out.is_absolute() {
        out.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| Error::io("reading the current folder", e))?
            .join(out)
    };
    // Walk the path a component at a time, resolving each prefix that
    // exists (so `..` after a link goes where the file system goes); a part
    // that does not exist yet holds no links and is taken as written.
    let mut resolved = PathBuf::new();
    for c in absolute.components() {
        match c {
            Component::ParentDir => {
                resolved.pop();
            }
            Component::CurDir => {}
            other => {
                resolved.push(other);
                if let Ok(real) = resolved.canonicalize() {
                    resolved = real;
                }
            }
        }
    }
    Ok(resolved)
}

/// Refuses an output folder that overlaps the sources of the site at `root`.
/// Returns the resolved output path to write to.
pub fn check(root: &Path, out: &Path) -> Result<PathBuf, Error> {
    let resolved = resolve(out)?;
    let root = resolve(root)?;
    let refuse = |why: String| {
        Err(Error::Usage(format!(
            "refusing to use {} as the output folder: {why}; pass --output a folder of its own, for example {}",
            out.display(),
            root.join("public").display()
        )))
    };
    if resolved == root {
        return refuse("it is the site's own folder".into());
    }
    if root.starts_with(&resolved) {
        return refuse(format!(
            "it contains the site {} (replacing it would delete the site)",
            root.display()
        ));
    }
    for dir in SOURCE_DIRS {
        let source = root.join(dir);
        // A source folder may itself be a link; judge both spellings.
        let real = source.canonicalize().unwrap_or_else(|_| source.clone());
        for s in [&source, &real] {
            if resolved.starts_with(s) {
                return refuse(format!(
                    "it is inside the site's `{dir}/` folder, which folio reads"
                ));
            }
            if s.starts_with(&resolved) {
                return refuse(format!("it contains the site's `{dir}/` folder"));
            }
        }
    }
    if resolved.file_name().is_none() {
        return refuse("it is the root of the file system".into());
    }
    Ok(resolved)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for d in ["content", "data/projects", "static", "themes"] {
            std::fs::create_dir_all(dir.path().join(d)).unwrap();
        }
        dir
    }

    #[test]
    fn sources_and_parents_are_refused() {
        let s = site();
        let root = s.path();
        for bad in [
            root.to_path_buf(),
            root.join("content"),
            root.join("data"),
            root.join("data/projects"),
            root.join("static/public"),
            root.join("themes"),
            root.join("templates"),
            root.join("i18n/x"),
            root.parent().unwrap().to_path_buf(),
            root.join("public/../content"),
        ] {
            assert!(
                matches!(check(root, &bad), Err(Error::Usage(_))),
                "{}",
                bad.display()
            );
        }
    }

    #[test]
    fn a_folder_of_its_own_is_accepted() {
        let s = site();
        let root = s.path();
        let got = check(root, &root.join("public")).unwrap();
        assert_eq!(got, root.canonicalize().unwrap().join("public"));
        let elsewhere = tempfile::tempdir().unwrap();
        assert!(check(root, &elsewhere.path().join("site")).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_into_the_sources_is_refused() {
        let s = site();
        let root = s.path();
        std::os::unix::fs::symlink(root.join("content"), root.join("out")).unwrap();
        assert!(check(root, &root.join("out")).is_err());
    }
}
