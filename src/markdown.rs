//! Markdown → HTML with pulldown-cmark: heading anchors that keep CJK
//! characters, a table of contents, relative `.md` links rewritten to page
//! URLs (broken ones reported with file:line; a link to a page left out of
//! the build becomes `#` so its path is not published), and plain text for search.
//!
//! With `markdown.raw_html: false` the output is safe to show from untrusted
//! authors: raw HTML is escaped, heading attributes lose event handlers
//! (`on*`) and `style`, and `javascript:`, `vbscript:` and `data:` URLs of
//! links and images become `#` ([`is_unsafe_url`]), except `data:image/` in
//! images. With `raw_html: true` authors are trusted and nothing is changed.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::error::Diagnostic;
use crate::url;

/// An entry of a page's table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// The result of rendering one Markdown document.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// Text without markup, for search and summaries.
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// Where a document lives and how to resolve its links.
pub struct LinkContext<'a> {
    /// Site-relative source file, e.g. `content/lessons/a.md`; links resolve from its folder.
    pub file: &'a str,
    /// The whole source file (for snippets) and the line the Markdown starts at.
    pub source: &'a str,
    pub first_line: usize,
    /// Prefix from the page being rendered to the site root (`../../`).
    pub root: &'a str,
    /// Source file → output URL relative to the root, for every page in the build.
    pub pages: &'a HashMap<String, String>,
    /// Source files that exist but are not in this build (drafts, other audiences).
    pub hidden: &'a HashSet<String>,
    /// Files under `static/`, by path relative to `static/`.
    pub statics: &'a HashSet<String>,
}

#[derive(Debug, Clone, Copy)]
pub struct MarkdownOptions {
    pub raw_html: bool,
    pub smart_punctuation: bool,
}

/// Renders `markdown`, resolving links through `ctx`.
pub fn render(markdown: &str, opts: MarkdownOptions, ctx: &LinkContext<'_>) -> Rendered {
    let mut options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    if opts.smart_punctuation {
        options |= Options::ENABLE_SMART_PUNCTUATION;
    }
    // Sized from the source so neither output string is copied as it grows.
    let mut out = Rendered {
        html: String::with_capacity(markdown.len() + markdown.len() / 2),
        text: String::with_capacity(markdown.len()),
        ..Rendered::default()
    };
    let mut events: Vec<Event<'_>> = Vec::with_capacity(markdown.len() / 16);
    let mut used_ids: HashMap<String, usize> = HashMap::new();
    let mut heading: Option<(usize, String)> = None; // index of Start event, text so far

    let safe = !opts.raw_html;
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        let event = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = resolve(
                    dest_url,
                    link_type,
                    ctx,
                    markdown,
                    range.start,
                    &mut out.diagnostics,
                );
                Event::Start(Tag::Link {
                    dest_url: if safe { neutralise(dest, false) } else { dest },
                    link_type,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = resolve(
                    dest_url,
                    link_type,
                    ctx,
                    markdown,
                    range.start,
                    &mut out.diagnostics,
                );
                Event::Start(Tag::Image {
                    dest_url: if safe { neutralise(dest, true) } else { dest },
                    link_type,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                mut attrs,
            }) => {
                if safe {
                    attrs.retain(|(name, _)| is_safe_heading_attribute(name));
                }
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                })
            }
            Event::Html(h) | Event::InlineHtml(h) if safe => Event::Text(h),
            other => other,
        };
        match &event {
            Event::Start(Tag::Heading { .. }) => heading = Some((events.len(), String::new())),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = heading.as_mut() {
                    text.push_str(t);
                }
                out.text.push_str(t);
            }
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                out.text.push(' ');
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((start, text)) = heading.take() {
                    out.text.push(' ');
                    if let Event::Start(Tag::Heading { id, .. }) = &mut events[start] {
                        let base = id.as_deref().map_or_else(|| anchor(&text), str::to_string);
                        let unique = unique_id(&mut used_ids, base);
                        *id = Some(CowStr::from(unique.clone()));
                        if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
                            out.toc.push(TocEntry {
                                level: *level as u8,
                                id: unique,
                                title: text.trim().to_string(),
                            });
                        }
                    }
                }
            }
            _ => {}
        }
        events.push(event);
    }
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    // Bodies live until the whole site is rendered: give back the slack.
    out.html.shrink_to_fit();
    out.text.shrink_to_fit();
    out
}

/// A heading attribute (`{key=value}`) that cannot run script or restyle the
/// page: anything but event handlers (`on…`) and `style`. `id` and classes
/// are separate fields and always kept.
fn is_safe_heading_attribute(name: &str) -> bool {
    let name = name.trim().to_ascii_lowercase();
    !(name.starts_with("on") || name == "style")
}

/// `dest`, or `#` when it is a script or data URL ([`is_unsafe_url`]).
fn neutralise(dest: CowStr<'_>, image: bool) -> CowStr<'_> {
    if is_unsafe_url(&dest, image) {
        CowStr::Borrowed("#")
    } else {
        dest
    }
}

/// True for a URL a browser would run as script or load as inline data:
/// the schemes `javascript:`, `vbscript:` and `data:` (except `data:image/`
/// when `image`), matched as browsers parse them: case-insensitively, after
/// leading spaces and control characters, with tabs and newlines anywhere
/// removed, and with HTML character references (`&#106;`, `&colon;`) decoded.
pub fn is_unsafe_url(url: &str, image: bool) -> bool {
    let cleaned: String = decode_char_refs(url)
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let Some((scheme, rest)) = cleaned.split_once(':') else {
        return false;
    };
    match scheme.to_ascii_lowercase().as_str() {
        "javascript" | "vbscript" => true,
        "data" => {
            let media = rest.trim_start().get(..6).map(str::to_ascii_lowercase);
            !(image && media.as_deref() == Some("image/"))
        }
        _ => false,
    }
}

/// Decodes numeric (`&#106;`, `&#x6A;`) and the few named character
/// references that can hide a scheme (`&colon;`, `&Tab;`, `&NewLine;`).
/// Repeats until stable so `&amp;#106;` cannot smuggle one through either.
fn decode_char_refs(s: &str) -> String {
    let mut current = s.to_string();
    for _ in 0..4 {
        let next = decode_once(&current);
        if next == current {
            break;
        }
        current = next;
    }
    current
}

/// One pass of [`decode_char_refs`]; the `;` is optional, as in browsers' legacy parsing.
fn decode_once(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let (decoded, used) = if let Some(num) = after.strip_prefix('#') {
            let (digits, radix, prefix) = match num.strip_prefix(['x', 'X']) {
                Some(h) => (h, 16, 2),
                None => (num, 10, 1),
            };
            let len = digits
                .find(|c: char| !c.is_digit(radix))
                .unwrap_or(digits.len());
            let c = u32::from_str_radix(&digits[..len.min(8)], radix)
                .ok()
                .and_then(char::from_u32);
            (c, prefix + len)
        } else {
            let len = after
                .find(|c: char| !c.is_ascii_alphabetic())
                .unwrap_or(after.len());
            let c = match after[..len].to_ascii_lowercase().as_str() {
                "colon" => Some(':'),
                "tab" => Some('\t'),
                "newline" => Some('\n'),
                "amp" => Some('&'),
                _ => None,
            };
            (c, len)
        };
        match decoded {
            Some(c) => {
                out.push(c);
                let tail = &after[used..];
                rest = tail.strip_prefix(';').unwrap_or(tail);
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

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

/// An anchor id from heading text: letters and digits of any script kept, spaces → `-`.
pub fn anchor(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() {
        "section".into()
    } else {
        out
    }
}

fn unique_id(used: &mut HashMap<String, usize>, base: String) -> String {
    let n = used.entry(base.clone()).or_insert(0);
    *n += 1;
    if *n == 1 {
        base
    } else {
        format!("{base}-{}", *n - 1)
    }
}

/// The rewritten destination, or the original one with a broken-link warning.
/// A link to a page that exists but is not in this build becomes `#`: the
/// written path may name a restricted page or folder, which must not reach
/// the output (the warning still names it, on the terminal only).
fn resolve<'a>(
    dest: CowStr<'a>,
    link_type: LinkType,
    ctx: &LinkContext<'_>,
    markdown: &str,
    offset: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> CowStr<'a> {
    rewrite_link(&dest, link_type, ctx).unwrap_or_else(|broken| {
        let hidden = broken.hidden;
        diagnostics.push(broken_link(ctx, markdown, offset, &dest, broken.why));
        if hidden { CowStr::Borrowed("#") } else { dest }
    })
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
    Diagnostic::warning("broken-link", ctx.file, format!("broken link `{dest}`: {why}"))
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

    fn ctx<'a>(pages: &'a HashMap<String, String>, empty: &'a HashSet<String>) -> LinkContext<'a> {
        LinkContext {
            file: "content/lessons/a.md",
            source: "---\ntitle: A\n---\n",
            first_line: 4,
            root: "../../",
            pages,
            hidden: empty,
            statics: empty,
        }
    }

    const OPTS: MarkdownOptions = MarkdownOptions {
        raw_html: true,
        smart_punctuation: false,
    };

    #[test]
    fn anchors_keep_cjk() {
        assert_eq!(anchor("风险应对 Strategy!"), "风险应对-strategy");
        assert_eq!(anchor("What happened?"), "what-happened");
    }

    #[test]
    fn headings_get_unique_ids_and_toc() {
        let pages = HashMap::new();
        let e = HashSet::new();
        let r = render(
            "## Why\n\ntext\n\n## Why\n\n### 原因 {#cause}\n",
            OPTS,
            &ctx(&pages, &e),
        );
        assert!(r.html.contains(r#"<h2 id="why">"#), "{}", r.html);
        assert!(r.html.contains(r#"<h2 id="why-1">"#), "{}", r.html);
        assert!(r.html.contains(r#"<h3 id="cause">"#), "{}", r.html);
        assert_eq!(r.toc.len(), 3);
        assert_eq!(r.toc[2].title, "原因");
    }

    #[test]
    fn md_links_are_rewritten_and_broken_ones_reported() {
        let mut pages = HashMap::new();
        pages.insert(
            "content/cases/crm.md".to_string(),
            "cases/crm/index.html".to_string(),
        );
        let e = HashSet::new();
        let md = "See [crm](../cases/crm.md#timeline).\n\nAnd [gone](missing.md).\n";
        let r = render(md, OPTS, &ctx(&pages, &e));
        assert!(
            r.html
                .contains(r#"href="../../cases/crm/index.html#timeline""#),
            "{}",
            r.html
        );
        assert_eq!(r.diagnostics.len(), 1);
        assert_eq!(r.diagnostics[0].line, 6);
        assert_eq!(r.diagnostics[0].column, 5);
    }

    #[test]
    fn folder_extensionless_and_absolute_links_resolve() {
        let mut pages = HashMap::new();
        pages.insert(
            "content/cases/_index.md".to_string(),
            "cases/index.html".to_string(),
        );
        pages.insert(
            "content/cases/crm.md".to_string(),
            "cases/crm/index.html".to_string(),
        );
        let e = HashSet::new();
        let md = "[a](../cases/) [b](../cases/crm) [c](/cases/crm.md) [d](/tags/x/) [e](pic.png)\n";
        let r = render(md, OPTS, &ctx(&pages, &e));
        for href in [
            "../../cases/index.html",
            "../../cases/crm/index.html",
            "../../tags/x/index.html",
        ] {
            assert!(
                r.html.contains(&format!("href=\"{href}\"")),
                "{href} in {}",
                r.html
            );
        }
        assert_eq!(r.diagnostics.len(), 1, "pic.png is not copied anywhere");
    }

    #[test]
    fn raw_html_can_be_escaped() {
        let pages = HashMap::new();
        let e = HashSet::new();
        let opts = MarkdownOptions {
            raw_html: false,
            smart_punctuation: false,
        };
        let r = render("<script>alert(1)</script>\n", opts, &ctx(&pages, &e));
        assert!(!r.html.contains("<script>"), "{}", r.html);
    }

    const SAFE: MarkdownOptions = MarkdownOptions {
        raw_html: false,
        smart_punctuation: false,
    };

    #[test]
    fn script_urls_are_unsafe_however_written() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "  \u{1}\u{1f}javascript:alert(1)",
            "java\tscr\nipt:alert(1)",
            "java\rscript:alert(1)",
            "vbscript:msgbox(1)",
            "&#106;avascript:alert(1)",
            "&#x6A;avascript&colon;alert(1)",
            "&#106&#97&#118&#97script:alert(1)",
            "javascript&#58;alert(1)",
            "java&Tab;script:alert(1)",
            "&amp;#106;avascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "DATA:text/html;base64,PHNjcmlwdD4=",
        ] {
            assert!(is_unsafe_url(url, false), "link {url:?}");
            assert!(is_unsafe_url(url, true), "image {url:?}");
        }
    }

    #[test]
    fn ordinary_urls_and_image_data_are_safe() {
        for url in [
            "https://example.com/a?b=javascript:x",
            "../cases/crm/index.html",
            "#timeline",
            "mailto:pmo@example.com",
            "java script:alert(1)",
            "/javascript/notes.html",
            "",
            "&",
            "&#;",
            "&#xZZ;",
        ] {
            assert!(!is_unsafe_url(url, false), "{url:?}");
        }
        assert!(!is_unsafe_url("data:image/png;base64,iVBOR", true));
        assert!(!is_unsafe_url(" Data:Image/svg+xml,<svg/>", true));
        assert!(is_unsafe_url("data:image/png;base64,iVBOR", false));
    }

    #[test]
    fn safe_mode_neutralises_links_images_and_heading_handlers() {
        let pages = HashMap::new();
        let e = HashSet::new();
        let md = "## T {#t .big onclick=alert(1) OnMouseOver=x style=color:red data-x=1}\n\n\
                  [a](javascript:alert(1)) [b](<java\tscript:alert(1)>) <javascript:alert(2)>\n\n\
                  [c](&#106;avascript:alert(1)) ![i](javascript:alert(1)) ![d](data:image/png;base64,AA)\n\n\
                  [r][x]\n\n[x]: vbscript:msgbox(1)\n";
        let r = render(md, SAFE, &ctx(&pages, &e));
        let lower = r.html.to_ascii_lowercase();
        for bad in ["onclick", "onmouseover", "style=", "=\"java", "vbscript"] {
            assert!(!lower.contains(bad), "{bad} in {}", r.html);
        }
        assert_eq!(r.html.matches(r##"href="#""##).count(), 5, "{}", r.html);
        assert!(r.html.contains(r#"id="t""#), "{}", r.html);
        assert!(r.html.contains(r#"class="big""#), "{}", r.html);
        assert!(
            r.html.contains(r#"src="data:image/png;base64,AA""#),
            "{}",
            r.html
        );
        // Trusted mode leaves what authors wrote.
        let trusted = render(md, OPTS, &ctx(&pages, &e));
        assert!(trusted.html.contains("onclick"), "{}", trusted.html);
        assert!(trusted.html.contains("javascript:"), "{}", trusted.html);
    }

    #[test]
    fn gfm_extensions_render() {
        let pages = HashMap::new();
        let e = HashSet::new();
        let r = render(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~old~~ [^1]\n\n[^1]: note\n",
            OPTS,
            &ctx(&pages, &e),
        );
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("checkbox"));
        assert!(r.html.contains("<del>"));
        assert!(r.html.contains("footnote"));
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
