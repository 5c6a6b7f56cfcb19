//! What an open page is told after a build: the messages of the live-reload
//! socket, and the rule that decides, per page, between a reload, a new
//! stylesheet and nothing.

use serde::Serialize;

use crate::error::Diagnostic;

/// The client script, served at [`SCRIPT_PATH`].
pub const SCRIPT: &str = include_str!("live.js");
/// Where the client script and the socket live: a prefix no site path can
/// take (`_` and `folio` are not where folio writes anything).
pub const SCRIPT_PATH: &str = "/__folio/live.js";
pub const SOCKET_PATH: &str = "/__folio/live";

/// What one page does about a set of changed output paths.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Reload,
    /// Only stylesheets changed: swap these (`/`-rooted URL paths).
    Css(Vec<String>),
    Nothing,
}

/// The action for the page at output path `page` (`lessons/a/index.html`,
/// or the path that was not found) after the outputs `changed` (new,
/// changed or removed) were published. A page whose own file did not change
/// is not reloaded; scripts and images may be used by any page, so a change
/// to one reloads every page; the search index (`search/`, loaded by the
/// search page alone), feeds and other pages' HTML do not concern it.
pub fn action_for<'a>(page: &str, changed: impl IntoIterator<Item = &'a str>) -> Action {
    let mut css = Vec::new();
    for path in changed {
        if path == page {
            return Action::Reload;
        }
        if path.starts_with("search/") {
            if page.starts_with("search/") {
                return Action::Reload;
            }
            continue;
        }
        match extension(path) {
            "css" => css.push(format!("/{path}")),
            "html" | "htm" | "json" | "xml" | "txt" | "csv" | "md" | "folio-manifest" => {}
            _ => return Action::Reload,
        }
    }
    if css.is_empty() {
        Action::Nothing
    } else {
        css.sort();
        Action::Css(css)
    }
}

fn extension(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map_or("", |(_, e)| e)
}

/// A message to one page, as JSON text.
pub fn message(action: &Action) -> Option<String> {
    match action {
        Action::Reload => Some(r#"{"type":"reload"}"#.to_string()),
        Action::Css(paths) => {
            Some(serde_json::json!({ "type": "css", "paths": paths }).to_string())
        }
        Action::Nothing => None,
    }
}

pub const CLEAR: &str = r#"{"type":"clear"}"#;

/// One problem as the overlay shows it.
#[derive(Debug, Serialize)]
struct Shown<'a> {
    severity: &'static str,
    rule: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<&'a str>,
    /// Terminal cells before the column (CJK takes two), for the caret:
    /// the terminal's own placement (`Diagnostic::caret_offset`).
    caret: usize,
}

/// At most this many problems in the overlay; the terminal has them all.
const SHOWN: usize = 20;

/// The overlay message for the errors of a failed build (`errors` holds
/// only error-severity diagnostics; the first [`SHOWN`] are sent).
pub fn error_message(errors: &[&Diagnostic]) -> String {
    let shown: Vec<Shown> = errors
        .iter()
        .take(SHOWN)
        .map(|d| Shown {
            severity: "error",
            rule: d.rule.as_str(),
            file: &d.file,
            line: d.line,
            column: d.column,
            message: &d.message,
            hint: d.hint.as_deref(),
            snippet: d.snippet.as_deref(),
            caret: d.caret_offset(),
        })
        .collect();
    serde_json::json!({ "type": "error", "count": errors.len(), "errors": shown }).to_string()
}

/// The overlay message for a problem that is not about one file (the site
/// folder became unreadable, say).
pub fn failure_message(text: &str) -> String {
    serde_json::json!({
        "type": "error",
        "count": 1,
        "errors": [{ "severity": "error", "rule": "io", "file": "", "line": 0,
                     "column": 0, "message": text, "caret": 0 }],
    })
    .to_string()
}

/// `html` with the client script before its last `</body>` (or at the end).
/// `build` names the server instance and generation the page was served
/// from, so a page that loaded just before a build learns of it on connect.
pub fn inject(html: &[u8], build: &str) -> Vec<u8> {
    let tag = format!(r#"<script src="{SCRIPT_PATH}" data-build="{build}"></script>"#);
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Rule;

    #[test]
    fn only_the_page_that_changed_reloads() {
        let changed = [
            "lessons/a/index.html",
            "lessons/index.html",
            "search-index.json",
        ];
        assert_eq!(action_for("lessons/a/index.html", changed), Action::Reload);
        assert_eq!(action_for("lessons/index.html", changed), Action::Reload);
        assert_eq!(action_for("cases/b/index.html", changed), Action::Nothing);
        assert_eq!(action_for("index.html", []), Action::Nothing);
    }

    #[test]
    fn the_search_index_concerns_the_search_page_alone() {
        let changed = ["search/d0.js", "search/t0.js"];
        assert_eq!(action_for("lessons/a/index.html", changed), Action::Nothing);
        assert_eq!(action_for("search/index.html", changed), Action::Reload);
    }

    #[test]
    fn a_stylesheet_alone_is_swapped() {
        assert_eq!(
            action_for("index.html", ["assets/folio.css"]),
            Action::Css(vec!["/assets/folio.css".into()])
        );
        // ... unless the page itself changed too.
        assert_eq!(
            action_for("index.html", ["assets/folio.css", "index.html"]),
            Action::Reload
        );
    }

    #[test]
    fn scripts_and_images_reload_every_page() {
        assert_eq!(
            action_for("index.html", ["assets/search.js"]),
            Action::Reload
        );
        assert_eq!(action_for("index.html", ["img/logo.png"]), Action::Reload);
    }

    #[test]
    fn a_removed_page_reloads_into_its_404() {
        assert_eq!(
            action_for("old/index.html", ["old/index.html"]),
            Action::Reload
        );
    }

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let html = b"<html><body><p>x</p></body></html>";
        let out = String::from_utf8(inject(html, "7.3")).unwrap();
        assert_eq!(
            out,
            r#"<html><body><p>x</p><script src="/__folio/live.js" data-build="7.3"></script></body></html>"#
        );
        let bare = String::from_utf8(inject(b"<p>x</p>", "1.0")).unwrap();
        assert!(bare.starts_with("<p>x</p><script "), "{bare}");
    }

    #[test]
    fn the_overlay_carries_location_snippet_and_a_wide_caret() {
        let mut d = Diagnostic::error(Rule::Yaml, "data/projects/a.yaml", "bad value");
        d.line = 3;
        d.column = 4;
        d.snippet = Some("预算: x".into());
        d.hint = Some("write a number".into());
        let msg: serde_json::Value = serde_json::from_str(&error_message(&[&d])).unwrap();
        assert_eq!(msg["type"], "error");
        let e = &msg["errors"][0];
        assert_eq!(e["file"], "data/projects/a.yaml");
        assert_eq!(e["line"], 3);
        assert_eq!(e["column"], 4);
        assert_eq!(e["snippet"], "预算: x");
        assert_eq!(e["hint"], "write a number");
        assert_eq!(e["rule"], "yaml");
        // 预 and 算 are two cells each, then ':'.
        assert_eq!(e["caret"], 5);
    }
}
