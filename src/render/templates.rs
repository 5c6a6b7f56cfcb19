//! Tera setup: every template of the theme compiled once, and template
//! errors turned into diagnostics that name the template file and line.

use std::collections::HashMap;
use std::error::Error as _;
use std::io::Write;

use tera::{Context, Tera};

use crate::error::Diagnostic;
use crate::error::Rule;
use crate::theme::Theme;

/// Compiled templates plus the origin and text of each, for error messages.
pub struct Templates {
    tera: Tera,
    files: HashMap<String, (String, String)>,
    /// Names of the site's own shortcodes (`shortcodes/<name>.html` that is not a built-in one), sorted.
    shortcodes: Vec<String>,
}

impl Templates {
    pub fn compile(theme: &Theme) -> Result<Templates, Vec<Diagnostic>> {
        let mut files = HashMap::new();
        let mut problems = Vec::new();
        for (name, file) in &theme.templates {
            match String::from_utf8(file.bytes.clone()) {
                Ok(s) => {
                    files.insert(name.clone(), (file.origin.clone(), s));
                }
                Err(_) => problems.push(
                    Diagnostic::error(
                        Rule::Template,
                        &file.origin,
                        "the template is not valid UTF-8",
                    )
                    .with_hint("save the template as UTF-8"),
                ),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut shortcodes: Vec<String> = files
            .keys()
            .filter_map(|n| n.strip_prefix("shortcodes/")?.strip_suffix(".html"))
            .filter(|n| {
                !crate::markdown::shortcode::BUILTIN
                    .iter()
                    .any(|s| s.name == *n)
            })
            .map(str::to_string)
            .collect();
        shortcodes.sort();
        let mut templates = Templates {
            tera: Tera::default(),
            files,
            shortcodes,
        };
        templates.tera.autoescape_on([".html", ".xml"]);
        templates.tera.set_escape_fn(escape_html);
        let sources: Vec<(String, String)> = templates
            .files
            .iter()
            .map(|(n, (_, s))| (n.clone(), s.clone()))
            .collect();
        if let Err(e) = templates
            .tera
            .add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str())))
        {
            return Err(vec![templates.diagnostic(&e, None)]);
        }
        Ok(templates)
    }

    /// The site's own shortcodes: templates `shortcodes/<name>.html` that are not built in.
    pub fn shortcodes(&self) -> &[String] {
        &self.shortcodes
    }

    pub fn has(&self, name: &str) -> bool {
        self.files.contains_key(name)
    }

    /// Renders `name`; `for_file` names what is being rendered, for the message.
    pub fn render(&self, name: &str, ctx: &Context, for_file: &str) -> Result<String, Diagnostic> {
        self.tera.render(name, ctx).map_err(|e| {
            let mut d = self.diagnostic(&e, Some(name));
            d.context = Some(format!("while rendering {for_file}"));
            d
        })
    }

    fn diagnostic(&self, e: &tera::Error, name: Option<&str>) -> Diagnostic {
        let report = match e.kind() {
            tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => Some(r),
            _ => None,
        };
        let mut message = report.map_or_else(|| e.to_string(), |r| r.message().to_string());
        let mut source = e.source();
        while let Some(s) = source {
            message.push_str(": ");
            message.push_str(&s.to_string());
            source = s.source();
        }
        let template = report
            .map(|r| r.filename().to_string())
            .filter(|f| !f.is_empty())
            .or(name.map(str::to_string))
            .unwrap_or_default();
        let (origin, text) = self
            .files
            .get(&template)
            .cloned()
            .unwrap_or_else(|| (template.clone(), String::new()));
        let mut d = Diagnostic::error(Rule::Template, origin, message)
            .with_hint("check the template syntax and variable names; ARCHITECTURE.md lists what each template receives");
        if let Some(r) = report {
            let span = r.span();
            d = d.at(&text, span.start_line, span.start_col + 1);
        }
        d
    }
}

/// Escapes text for HTML exactly as Tera's default does (`&`, `<`, `>`, `"`
/// and `'`), but writes each run of plain text with one call instead of one
/// call per byte: escaping is a large share of rendering list pages.
fn escape_html(input: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let bytes = input.as_bytes();
    let mut plain = 0;
    for (i, b) in bytes.iter().enumerate() {
        let entity: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&bytes[plain..i])?;
        out.write_all(entity)?;
        plain = i + 1;
    }
    out.write_all(&bytes[plain..])
}

#[cfg(test)]
mod tests {
    #[test]
    fn escaping_matches_tera() {
        for text in [
            "",
            "plain text",
            "<a href=\"x\">O'Brien & co</a>",
            "&&<<>>\"\"''",
            "风险 <b>高</b> & 'quoted'",
            "ends with &",
        ] {
            let (mut ours, mut tera) = (Vec::new(), Vec::new());
            super::escape_html(text, &mut ours).unwrap();
            tera::escape_html(text, &mut tera).unwrap();
            assert_eq!(ours, tera, "{text}");
        }
    }
}
