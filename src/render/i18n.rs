//! UI strings. Translation files are flat YAML maps (`key: text`); the site
//! language's file is laid over English so a missing key never breaks a page.

use std::collections::BTreeMap;

use crate::error::{Diagnostic, yaml_diagnostic};
use crate::theme::Theme;

/// The UI strings for one language.
#[derive(Debug, Clone, Default, serde::Serialize)]
#[serde(transparent)]
pub struct Strings(BTreeMap<String, String>);

impl Strings {
    pub fn load(theme: &Theme, language: &str) -> Result<Strings, Diagnostic> {
        let mut map = BTreeMap::new();
        for lang in ["en", language] {
            let Some(file) = theme.i18n.get(lang) else {
                continue;
            };
            let text = String::from_utf8_lossy(&file.bytes);
            let layer: BTreeMap<String, String> = serde_saphyr::from_str(&text)
                .map_err(|e| yaml_diagnostic(&file.origin, &text, 0, &e))?;
            map.extend(layer);
        }
        Ok(Strings(map))
    }

    /// The string for `key`, or the key itself so a gap is visible, not fatal.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.0.get(key).map_or(key, String::as_str)
    }
}
