//! The theme: the default one is embedded in the binary; a site overrides
//! any single template, static file or translation by placing a file with the
//! same path under `themes/<name>/` (templates also under `templates/`).
//! Translation files are the exception: they are layered, not replaced, so
//! an override file only needs the keys it changes.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::Rule;
use crate::error::{Diagnostic, display_path};
use crate::source::walk;

macro_rules! embed {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/", $path)))),*]
    };
}

/// Every file of the default theme, by path under `themes/default/`.
const DEFAULT_THEME: &[(&str, &[u8])] = embed![
    "templates/base.html",
    "templates/index.html",
    "templates/section.html",
    "templates/page.html",
    "templates/projects.html",
    "templates/project.html",
    "templates/taxonomy.html",
    "templates/term.html",
    "templates/404.html",
    "templates/alias.html",
    "templates/reports.html",
    "templates/report.html",
    "templates/search.html",
    "templates/partials/breadcrumbs.html",
    "templates/partials/facts.html",
    "templates/partials/items.html",
    "templates/partials/table.html",
    "templates/partials/toc.html",
    "templates/partials/heatmap.html",
    "templates/partials/chart.html",
    "templates/partials/pager.html",
    "templates/portfolio.html",
    "templates/shortcodes/chart.html",
    "templates/shortcodes/kpis.html",
    "templates/shortcodes/project_card.html",
    "templates/shortcodes/risks.html",
    "templates/shortcodes/projects.html",
    "templates/shortcodes/figure.html",
    "static/assets/folio.css",
    "static/assets/folio.js",
    "static/assets/search.js",
    "i18n/en.yaml",
    "i18n/zh-CN.yaml",
];

/// A file of the theme and where it came from (for error messages).
#[derive(Debug, Clone)]
pub struct ThemeFile {
    pub bytes: Vec<u8>,
    /// `(built-in)/templates/page.html` or the site-relative override path.
    pub origin: String,
    /// Embedded in the binary rather than read from the site.
    pub builtin: bool,
}

/// The resolved theme: templates, static files and translation files.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub templates: BTreeMap<String, ThemeFile>,
    pub statics: BTreeMap<String, ThemeFile>,
    /// Language → its translation files, lowest first: the built-in one, the
    /// theme's `i18n/`, then the site's `i18n/`. Later files override key by key.
    pub i18n: BTreeMap<String, Vec<ThemeFile>>,
}

impl Theme {
    /// The default theme with the site's overrides from `root` applied.
    pub fn load(root: &Path, name: &str) -> Result<Theme, Diagnostic> {
        let mut theme = Theme::default();
        for (path, bytes) in DEFAULT_THEME {
            theme.insert(
                path,
                bytes.to_vec(),
                format!("(built-in theme)/{path}"),
                true,
            );
        }
        let theme_dir = root.join("themes").join(name);
        if name != "default" && !theme_dir.is_dir() {
            return Err(Diagnostic::error(
                Rule::Config,
                "folio.yaml",
                format!("theme `{name}` not found"),
            )
            .with_hint(format!(
                "create {} or set `theme: default`",
                display_path(root, &theme_dir)
            )));
        }
        let overrides = [
            (theme_dir.clone(), ""),
            (root.join("templates"), "templates/"),
            (root.join("i18n"), "i18n/"),
        ];
        for (dir, prefix) in overrides {
            for file in walk(root, &dir, |_| true) {
                let rel = format!("{prefix}{}", display_path(&dir, &file));
                let bytes = std::fs::read(&file).map_err(|e| {
                    Diagnostic::error(
                        Rule::Io,
                        display_path(root, &file),
                        format!("cannot read: {e}"),
                    )
                })?;
                theme.insert(&rel, bytes, display_path(root, &file), false);
            }
        }
        Ok(theme)
    }

    fn insert(&mut self, rel: &str, bytes: Vec<u8>, origin: String, builtin: bool) {
        let file = ThemeFile {
            bytes,
            origin,
            builtin,
        };
        if let Some(t) = rel.strip_prefix("templates/") {
            self.templates.insert(t.to_string(), file);
        } else if let Some(s) = rel.strip_prefix("static/") {
            self.statics.insert(s.to_string(), file);
        } else if let Some(l) = rel.strip_prefix("i18n/") {
            self.i18n
                .entry(l.trim_end_matches(".yaml").to_string())
                .or_default()
                .push(file);
        }
    }
}
