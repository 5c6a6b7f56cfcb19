//! Code blocks highlighted at build time: syntect's grammars (the Sublime
//! Text set it ships: about 75 languages, YAML, SQL, Rust, Python, Java, C#,
//! JavaScript, shell, …) parse a fenced block whose info string names a
//! language, and each token becomes a `<span>` with CSS classes from its
//! scope (`hl-keyword`, `hl-string`, `hl-comment`, …), so the theme's light,
//! dark and print styles colour it and no JavaScript runs. A language
//! syntect does not know, or a block without one, stays a plain
//! `<pre><code>`.

use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// The grammars, loaded once per process and only when a page has a block to highlight.
fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// The class prefix of every token class.
const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// `code` highlighted as `lang` (a name or file extension: `rust`, `yaml`,
/// `py`), as a whole `<pre>` block; `None` when the language is unknown.
pub fn highlight(code: &str, lang: &str) -> Option<String> {
    let lang = lang.trim();
    if lang.is_empty() || lang.len() > 40 {
        return None;
    }
    let set = syntaxes();
    let syntax = set.find_syntax_by_token(lang)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, STYLE);
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    let body = generator.finalize();
    let class = escape_attr(lang);
    Some(format!(
        "<pre class=\"highlight\" data-lang=\"{class}\"><code class=\"language-{class}\">{body}</code></pre>\n"
    ))
}

fn escape_attr(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '+' | '#' | '.'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::highlight;

    #[test]
    fn known_languages_get_token_classes_and_text_stays_escaped() {
        let html = highlight("fn main() { let s = \"<b>\"; } // done\n", "rust").unwrap();
        assert!(
            html.starts_with("<pre class=\"highlight\" data-lang=\"rust\">"),
            "{html}"
        );
        assert!(
            html.contains("hl-keyword") || html.contains("hl-storage"),
            "{html}"
        );
        assert!(html.contains("hl-string"), "{html}");
        assert!(html.contains("hl-comment"), "{html}");
        assert!(html.contains("&lt;b&gt;"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        let yaml = highlight("name: Apollo\nbudget: 1200000\n", "yaml").unwrap();
        assert!(
            yaml.contains("hl-entity") || yaml.contains("hl-string"),
            "{yaml}"
        );
    }

    #[test]
    fn unknown_languages_are_left_alone() {
        assert_eq!(highlight("x", "no-such-language"), None);
        assert_eq!(highlight("x", ""), None);
        assert_eq!(
            highlight("x", "\"><script>").map(|h| h.contains("<script>")),
            None
        );
    }
}
