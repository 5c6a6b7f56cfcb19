//! Markdown pages and the sections (folders) that hold them.

use jiff::civil::Date;
use serde::Deserialize;
use serde_saphyr::Spanned;

/// Front matter of a page (SPEC 3.2). Section-specific keys are optional
/// everywhere so one type serves all sections; unknown keys are errors.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<Date>,
    pub updated: Option<Date>,
    pub draft: bool,
    pub slug: Option<String>,
    pub weight: Option<i64>,
    pub audience: Option<Spanned<String>>,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    pub category: Option<String>,
    pub aliases: Vec<String>,
    // lessons
    pub project: Option<Spanned<String>>,
    pub phase: Option<String>,
    pub outcome: Option<String>,
    pub impact: Option<String>,
    pub recommendation: Option<String>,
    // cases
    pub projects: Vec<Spanned<String>>,
    pub methodology: Option<String>,
    pub industry: Option<String>,
    // training courses
    pub level: Option<String>,
    pub duration: Option<String>,
    pub learners: Option<String>,
    pub prerequisites: Vec<String>,
    // methodology
    pub templates: Vec<Spanned<String>>,
}

/// One Markdown file under `content/`.
#[derive(Debug, Clone)]
pub struct Page {
    /// Site-relative source path, e.g. `content/lessons/vendor-exit.md`.
    pub file: String,
    /// The whole file, kept for diagnostics.
    pub source: String,
    /// Byte offset of the body in `source` and its 1-based first line.
    pub body_start: usize,
    pub body_line: usize,
    /// Section path without slashes at the ends: `lessons`, `training/pmo`; `` for the root.
    pub section: String,
    /// True for `_index.md`: the page of the section itself.
    pub is_index: bool,
    /// Output directory relative to the site root, ending in `/` (`` for the home page).
    pub path: String,
    pub title: String,
    pub meta: FrontMatter,
    /// The resolved audience name.
    pub audience: String,
}

impl Page {
    pub fn body(&self) -> &str {
        &self.source[self.body_start..]
    }

    /// Page URL relative to the site root, pointing at the file so links work from `file://`.
    pub fn url(&self) -> String {
        format!("{}index.html", self.path)
    }

    /// The top-level section (`training` for `training/pmo`).
    pub fn top_section(&self) -> &str {
        self.section.split('/').next().unwrap_or("")
    }
}

/// Turns a title or file name into a URL segment. Letters and digits of any
/// script are kept (so Chinese names stay readable); everything else becomes `-`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            for l in c.to_lowercase() {
                out.push(l);
            }
            dash = false;
        } else if !dash && !out.is_empty() {
            out.push('-');
            dash = true;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() { "page".into() } else { out }
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn slugs_keep_cjk_and_drop_punctuation() {
        assert_eq!(
            slugify("Vendor Exit: What We Learned!"),
            "vendor-exit-what-we-learned"
        );
        assert_eq!(slugify("供应商风险转移"), "供应商风险转移");
        assert_eq!(slugify("风险应对（规避、转移）"), "风险应对-规避-转移");
        assert_eq!(slugify("--"), "page");
        assert_eq!(slugify("01_roles"), "01_roles");
    }
}
