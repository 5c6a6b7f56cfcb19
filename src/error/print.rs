//! How a [`Diagnostic`] reads on a terminal: severity, rule and message,
//! the `-->` location, the source line with a caret under the column
//! (placed by terminal cells, so CJK text lines up), and the hint.

use std::fmt;

use unicode_width::UnicodeWidthChar;

use super::{Diagnostic, Severity};

impl Diagnostic {
    /// Where the caret under the column goes: the terminal cells of the
    /// snippet before it (CJK takes two, combining marks none); 0 without a
    /// snippet or column.
    pub fn caret_offset(&self) -> usize {
        self.snippet.as_deref().map_or(0, |snippet| {
            snippet
                .chars()
                .take(self.column.saturating_sub(1))
                .map(|c| UnicodeWidthChar::width(c).unwrap_or(1))
                .sum()
        })
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        write!(f, "{label}[{}]: {}", self.rule, self.message)?;
        match &self.context {
            Some(c) => writeln!(f, " ({c})")?,
            None => writeln!(f)?,
        }
        match (self.line, self.column) {
            (0, _) => writeln!(f, "  --> {}", self.file)?,
            (l, 0) => writeln!(f, "  --> {}:{l}", self.file)?,
            (l, c) => writeln!(f, "  --> {}:{l}:{c}", self.file)?,
        }
        if let Some(snippet) = &self.snippet {
            let num = self.line.to_string();
            let pad = " ".repeat(num.len());
            writeln!(f, " {pad} |")?;
            writeln!(f, " {num} | {snippet}")?;
            if self.column > 0 {
                writeln!(f, " {pad} | {}^", " ".repeat(self.caret_offset()))?;
            }
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "  = hint: {hint}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Rule;

    #[test]
    fn renders_snippet_with_caret() {
        let d = Diagnostic::error(Rule::Yaml, "a.yaml", "bad").at("x: 1\nyy: 2\n", 2, 5);
        let s = d.to_string();
        assert!(s.contains("--> a.yaml:2:5"), "{s}");
        assert!(s.contains(" 2 | yy: 2"), "{s}");
        assert!(s.contains("    ^"), "{s}");
    }

    #[test]
    fn caret_counts_wide_characters_as_two_columns() {
        // `名称: ` takes six terminal cells, so the caret under column 5 (`范`) has six spaces before it.
        let d = Diagnostic::error(Rule::Yaml, "a.yaml", "bad").at("名称: 范围x\n", 1, 5);
        let s = d.to_string();
        assert!(s.contains(" 1 | 名称: 范围x"), "{s}");
        let caret = s.lines().find(|l| l.ends_with('^')).unwrap();
        assert_eq!(caret, "   |       ^", "{s}");
    }
}
