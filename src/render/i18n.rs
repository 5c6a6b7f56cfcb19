//! UI strings. Translation files are flat YAML maps (`key: text`). The
//! strings of a build are layered, each layer overriding the one before key
//! by key: English, then the site language; within a language the built-in
//! file, the theme's and the site's `i18n/<lang>.yaml`. So an override file
//! holds only the keys it changes, and a missing key never breaks a page.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::Rule;
use crate::error::{Diagnostic, did_you_mean, yaml_diagnostic};
use crate::theme::{Theme, ThemeFile};

/// The UI strings for one language.
#[derive(Debug, Clone, Default, serde::Serialize)]
#[serde(transparent)]
pub struct Strings(BTreeMap<String, String>);

impl Strings {
    /// The strings for `language` and warnings for override keys no built-in
    /// file defines (a typo would otherwise change nothing, silently). A
    /// malformed file is an error at its line.
    pub fn load(theme: &Theme, language: &str) -> Result<(Strings, Vec<Diagnostic>), Diagnostic> {
        let mut langs = vec!["en"];
        if language != "en" {
            langs.push(language);
        }
        let files: Vec<&ThemeFile> = langs
            .iter()
            .filter_map(|lang| theme.i18n.get(*lang))
            .flatten()
            .collect();
        let mut known: BTreeSet<String> = BTreeSet::new();
        for file in theme.i18n.values().flatten().filter(|f| f.builtin) {
            known.extend(parse(file)?.into_keys());
        }
        let known: Vec<&str> = known.iter().map(String::as_str).collect();
        let mut map = BTreeMap::new();
        let mut warnings = Vec::new();
        for file in files {
            let layer = parse(file)?;
            if !file.builtin && !known.is_empty() {
                let text = String::from_utf8_lossy(&file.bytes);
                for key in layer.keys().filter(|k| !known.contains(&k.as_str())) {
                    warnings.push(unknown_key(&file.origin, &text, key, &known));
                }
            }
            map.extend(layer);
        }
        Ok((Strings(map), warnings))
    }

    /// The string for `key`, or the key itself so a gap is visible, not fatal.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.0.get(key).map_or(key, String::as_str)
    }
}

fn parse(file: &ThemeFile) -> Result<BTreeMap<String, String>, Diagnostic> {
    let text = String::from_utf8_lossy(&file.bytes);
    if text.trim().is_empty() {
        return Ok(BTreeMap::new());
    }
    serde_saphyr::from_str(&text).map_err(|e| yaml_diagnostic(&file.origin, &text, 0, &e))
}

fn unknown_key(origin: &str, text: &str, key: &str, known: &[&str]) -> Diagnostic {
    let (line, column) = key_position(text, key);
    Diagnostic::warning(
        Rule::UnknownKey,
        origin,
        format!("unknown UI string `{key}`; it is not used by the built-in theme"),
    )
    .at(text, line, column)
    .with_hint(match did_you_mean(key, known) {
        Some(best) => format!("did you mean `{best}`?"),
        None => "the keys are those of themes/default/i18n/en.yaml".to_string(),
    })
}

/// 1-based line and column of `key:` in a flat YAML map, or (0, 0).
fn key_position(text: &str, key: &str) -> (usize, usize) {
    for (i, line) in text.lines().enumerate() {
        let body = line.trim_start();
        let indent = line.chars().count() - body.chars().count();
        let bare = body.strip_prefix(key);
        let quoted = ['"', '\''].iter().find_map(|q| {
            body.strip_prefix(*q)
                .and_then(|b| b.strip_prefix(key))
                .and_then(|b| b.strip_prefix(*q))
        });
        if bare
            .or(quoted)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
        {
            return (i + 1, indent + 1);
        }
    }
    (0, 0)
}

#[cfg(test)]
mod tests {
    use super::key_position;

    #[test]
    fn finds_keys_bare_and_quoted() {
        let text = "home: Start\nhomepage: x\n  \"nav_projects\" : P\n";
        assert_eq!(key_position(text, "homepage"), (2, 1));
        assert_eq!(key_position(text, "nav_projects"), (3, 3));
        assert_eq!(key_position(text, "missing"), (0, 0));
    }
}
