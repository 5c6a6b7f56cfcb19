//! Splitting a Markdown file into its YAML front matter and body.

use crate::error::Diagnostic;
use crate::error::Rule;

/// The parts of a page file.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// Byte offset of the body in the file text.
    pub body_start: usize,
    /// 1-based line number of the body's first line.
    pub body_line: usize,
}

/// Splits `text` at the `---` fences. The opening fence must be the first line.
pub fn split<'a>(file: &str, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(
            Diagnostic::error(Rule::FrontMatter, file, "the page has no front matter")
                .at(text, 1, 1)
                .with_hint(
                    "start the file with a `---` line, then `title: ...`, then another `---` line",
                ),
        );
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    let mut line_no = 1;
    for line in lines {
        line_no += 1;
        if line.trim_end() == "---" {
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                body_start: offset + line.len(),
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(
        Diagnostic::error(Rule::FrontMatter, file, "the front matter is never closed")
            .at(text, 1, 1)
            .with_hint("add a line containing only `---` after the last front matter key"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_and_body() {
        let t = "---\ntitle: A\n---\nBody\n";
        let s = split("a.md", t).unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(&t[s.body_start..], "Body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn crlf_fences_work() {
        let t = "---\r\ntitle: A\r\n---\r\nBody";
        let s = split("a.md", t).unwrap();
        assert_eq!(&t[s.body_start..], "Body");
    }

    #[test]
    fn unclosed_is_an_error_at_line_one() {
        let e = split("a.md", "---\ntitle: A\nBody\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.contains("never closed"));
    }

    #[test]
    fn missing_front_matter_is_an_error() {
        assert!(split("a.md", "# Hello\n").is_err());
    }
}
