//! Link rewriting: a relative `.md` link, a section folder, a site-absolute
//! output path or a file under `static/` becomes a percent-encoded URL
//! relative to the page; anything else local is a broken link, and a page
//! left out of the build is written as `#`.

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag};

use super::LinkContext;
use crate::error::Diagnostic;
use crate::error::Rule;
use crate::url;

/// The files under `static/` (paths relative to it) that the links and
/// images of `markdown`, written in source file `file`, point at: relative
/// paths into `static/` and site-absolute output paths (`/templates/x.csv`).
/// Used to decide which static files a build may copy; whether they exist
/// is checked when the page renders.
pub fn static_targets(markdown: &str, file: &str) -> Vec<String> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let dir = file.rsplit_once('/').map_or("", |(d, _)| d);
    let mut out = Vec::new();
    for event in Parser::new_ext(markdown, options) {
        let (Event::Start(Tag::Link {
            link_type,
            dest_url,
            ..
        })
        | Event::Start(Tag::Image {
            link_type,
            dest_url,
            ..
        })) = event
        else {
            continue;
        };
        if matches!(link_type, LinkType::Email | LinkType::Autolink) || is_external(&dest_url) {
            continue;
        }
        let path = dest_url.split(['#', '?']).next().unwrap_or("");
        if path.is_empty() {
            continue;
        }
        let path = percent_decode(path);
        match path.strip_prefix('/') {
            Some(abs) => {
                let abs = normalize(abs);
                out.push(abs.strip_prefix("static/").unwrap_or(&abs).to_string());
            }
            None => {
                if let Some(rel) = normalize(&format!("{dir}/{path}")).strip_prefix("static/") {
                    out.push(rel.to_string());
                }
            }
        }
    }
    out
}

/// The rewritten destination, or the original one with a broken-link warning.
/// `None` for a link to a page that exists but is not in this build: the
/// written path may name a restricted page or folder, which must not reach
/// the output, so the caller writes the link's text alone (a link) or `#`
/// (an image); it is not a broken link.
pub(super) fn resolve<'a>(
    dest: CowStr<'a>,
    link_type: LinkType,
    ctx: &LinkContext<'_>,
    markdown: &str,
    offset: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<CowStr<'a>> {
    match rewrite_link(&dest, link_type, ctx) {
        Ok(d) => Some(d),
        Err(broken) if broken.hidden => None,
        Err(broken) => {
            diagnostics.push(broken_link(ctx, markdown, offset, &dest, broken.why));
            Some(dest)
        }
    }
}

/// Why a local link is broken, and whether its target is a page left out of
/// this build (so the written destination must not be published).
struct Broken {
    why: String,
    hidden: bool,
}

impl Broken {
    fn missing(why: String) -> Self {
        Broken { why, hidden: false }
    }
}

/// True if `resolved` (a site-relative path such as `content/vault/a`) is a
/// page, or a folder holding only pages, that exist but are not in this build.
fn names_hidden(resolved: &str, ctx: &LinkContext<'_>) -> bool {
    let folder = format!("{resolved}/");
    ctx.hidden.contains(resolved)
        || ctx.hidden.contains(&format!("{resolved}.md"))
        || (ctx.hidden.iter().any(|f| f.starts_with(&folder))
            && !ctx.pages.keys().any(|k| k.starts_with(&folder)))
}

/// Rewrites one link destination. `Err` carries why a local link is broken.
fn rewrite_link<'a>(
    dest: &CowStr<'a>,
    link_type: LinkType,
    ctx: &LinkContext<'_>,
) -> Result<CowStr<'a>, Broken> {
    if matches!(link_type, LinkType::Email | LinkType::Autolink)
        || is_external(dest)
        || dest.starts_with('#')
        || dest.is_empty()
    {
        return Ok(dest.clone());
    }
    let (path, fragment) = match dest.find('#') {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (dest.as_ref(), ""),
    };
    let path = percent_decode(path);
    let link = |encoded: String| Ok(CowStr::from(format!("{}{encoded}{fragment}", ctx.root)));
    // A site-absolute link names a source file from the content root
    // (`/cases/b.md`) or an output path (`/cases/b/`); a relative one is
    // relative to the source file's folder.
    let (resolved, absolute) = match path.strip_prefix('/') {
        Some(abs) => (normalize(&format!("content/{abs}")), Some(abs)),
        None => {
            let dir = ctx.file.rsplit_once('/').map_or("", |(d, _)| d);
            (normalize(&format!("{dir}/{path}")), None)
        }
    };
    // The page itself, a section folder (its `_index.md`), or a page named without `.md`.
    for candidate in [
        resolved.clone(),
        format!("{resolved}/_index.md"),
        format!("{resolved}.md"),
    ] {
        if let Some(page) = ctx.pages.get(&candidate) {
            return link(url::encode(page));
        }
    }
    if names_hidden(&resolved, ctx) {
        return Err(Broken {
            why: format!(
                "links to `{resolved}`, which is not part of this build (draft or restricted audience); the link is written as `#`"
            ),
            hidden: true,
        });
    }
    if path.ends_with(".md") {
        return Err(Broken::missing(format!(
            "links to `{resolved}`, which does not exist"
        )));
    }
    if let Some(abs) = absolute {
        // An output path: keep it, but relative, so the site works under any sub-path or file://.
        let mut target = abs.to_string();
        if target.is_empty() || target.ends_with('/') {
            target.push_str("index.html");
        }
        return link(url::encode(&target));
    }
    if let Some(rel) = resolved.strip_prefix("static/") {
        if ctx.statics.contains(rel) {
            return link(url::static_file(rel));
        }
        return Err(Broken::missing(format!(
            "links to `{resolved}`, which does not exist"
        )));
    }
    // A section folder without `_index.md` still has a page.
    if let Some(section) = resolved.strip_prefix("content/") {
        let prefix = format!("{resolved}/");
        if ctx.pages.keys().any(|k| k.starts_with(&prefix)) {
            let dir: Vec<String> = section.split('/').map(crate::model::slugify).collect();
            return link(url::section(&dir.join("/")));
        }
    }
    // Pages are written one folder deeper than their source, so any other
    // relative link would silently point somewhere else: report it.
    Err(Broken::missing(format!(
        "links to `{resolved}`, which is neither a page, a section nor a file under static/"
    )))
}

fn broken_link(
    ctx: &LinkContext<'_>,
    markdown: &str,
    offset: usize,
    dest: &str,
    why: String,
) -> Diagnostic {
    let before = &markdown[..offset.min(markdown.len())];
    let line = ctx.first_line + before.matches('\n').count();
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    Diagnostic::warning(Rule::BrokenLink, ctx.file, format!("broken link `{dest}`: {why}"))
        .at(ctx.source, line, column)
        .with_hint("write links to other pages as relative paths to their .md file, e.g. ../cases/crm-rollout.md")
}

pub fn is_external(dest: &str) -> bool {
    dest.starts_with("//")
        || dest.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-' || c == '.')
        })
}

/// Resolves `.` and `..` segments of a `/`-separated path.
pub fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_targets_finds_relative_and_absolute_static_links() {
        let md = "[a](../../static/t/x%20y.csv#top) ![b](/img/c.png) [c](/static/d.pdf) \
[page](other.md) [web](https://e.com/static/z) [e](mailto:a@b.c) [f](#here)";
        assert_eq!(
            static_targets(md, "content/methodology/m.md"),
            ["t/x y.csv", "img/c.png", "d.pdf"].map(String::from)
        );
    }

    #[test]
    fn paths_normalize_and_encode() {
        assert_eq!(
            normalize("content/lessons/../cases/./x.md"),
            "content/cases/x.md"
        );
        assert_eq!(percent_decode("%E9%A3%8E"), "风");
        assert_eq!(percent_decode(&url::encode("a b%#?风")), "a b%#?风");
    }
}
