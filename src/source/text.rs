//! Reading one file: the size limit, one open and one fstat per file, UTF-8
//! checked (invalid bytes reported at their line and column) and a BOM dropped.

use std::path::Path;

use super::MAX_FILE_BYTES;
use crate::error::Rule;
use crate::error::{Diagnostic, display_path};

pub(super) fn read_bytes(root: &Path, path: &Path) -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read as _;
    let file = display_path(root, path);
    let cannot =
        |e: std::io::Error| Diagnostic::error(Rule::Io, &file, format!("cannot read: {e}"));
    // One open and one fstat per file: thousands of pages make a second
    // lookup by path (metadata, then read) a visible cost.
    let mut handle = std::fs::File::open(path).map_err(cannot)?;
    let meta = handle.metadata().map_err(cannot)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            Rule::FileTooLarge,
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

pub(super) fn read_text(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    let bytes = read_bytes(root, path)?;
    utf8(&display_path(root, path), bytes)
}

/// Checks UTF-8 and strips a BOM; invalid bytes are reported at their line.
pub(super) fn utf8(file: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
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
            let mut d = Diagnostic::error(Rule::Encoding, file, "the file is not valid UTF-8");
            d.line = line;
            d.column = column;
            Err(d.with_hint(
                "save the file as UTF-8 (in most editors: File › Save with Encoding › UTF-8)",
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let d = utf8("a.md", b"ok\nab\xff\n".to_vec()).unwrap_err();
        assert_eq!((d.line, d.column), (2, 3));
    }
}
