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

use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};
use serde::Serialize;

use crate::error::Diagnostic;

mod highlight;
mod links;
mod safety;
pub mod shortcode;

use links::resolve;
pub use links::{is_external, normalize, percent_decode, static_targets};
pub use safety::is_unsafe_url;
use safety::{is_safe_heading_attribute, neutralise};

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
    /// What each shortcode marker in `html` stands for (the renderer expands them).
    pub shortcodes: Vec<shortcode::Piece>,
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
    /// The site's own shortcodes (templates under `templates/shortcodes/`).
    pub shortcodes: &'a [String],
    /// Titles of the alerts `> [!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]`, `[!CAUTION]`.
    pub alert_titles: [&'a str; 5],
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
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM;
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

    let origin = shortcode::Origin {
        file: ctx.file,
        source: ctx.source,
        first_line: ctx.first_line,
    };
    let extracted = shortcode::extract(markdown, &origin, ctx.shortcodes);
    let markdown = match extracted {
        Some(e) => {
            out.shortcodes = e.pieces;
            out.diagnostics = e.diagnostics;
            std::borrow::Cow::Owned(e.markdown)
        }
        None => std::borrow::Cow::Borrowed(markdown),
    };
    let markdown: &str = &markdown;

    let safe = !opts.raw_html;
    // Inside a link to a page not in this build: its text is written alone.
    let mut unlinked = false;
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        let event = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let Some(dest) = resolve(
                    dest_url,
                    link_type,
                    ctx,
                    markdown,
                    range.start,
                    &mut out.diagnostics,
                ) else {
                    unlinked = true;
                    continue;
                };
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
                )
                .unwrap_or(CowStr::Borrowed("#"));
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
            Event::End(TagEnd::Link) if unlinked => {
                unlinked = false;
                continue;
            }
            Event::Html(h) | Event::InlineHtml(h) if safe => Event::Text(h),
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                events.push(Event::Start(Tag::BlockQuote(Some(kind))));
                let title = ctx.alert_titles[alert_index(kind)];
                Event::Html(CowStr::from(format!(
                    "<p class=\"alert-title\">{}</p>\n",
                    escape_text(title)
                )))
            }
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
                        let base = id
                            .as_deref()
                            .map_or_else(|| anchor(&shortcode::strip(&text)), str::to_string);
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
    pulldown_cmark::html::push_html(&mut out.html, highlight_code(events).into_iter());
    if !out.shortcodes.is_empty() {
        out.text = shortcode::strip(&out.text);
        for entry in &mut out.toc {
            entry.title = shortcode::strip(&entry.title).trim().to_string();
        }
    }
    // Bodies live until the whole site is rendered: give back the slack.
    out.html.shrink_to_fit();
    out.text.shrink_to_fit();
    out
}

/// Fenced code blocks that name a language syntect knows become one
/// highlighted HTML event each; the others are left as they are.
fn highlight_code(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    if !events
        .iter()
        .any(|e| matches!(e, Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_)))))
    {
        return events;
    }
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut block: Option<(usize, String, String)> = None; // start in `out`, language, code
    for event in events {
        match (&mut block, &event) {
            (None, Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))) => {
                let lang = info.split([' ', ',', '{']).next().unwrap_or("").to_string();
                if !lang.is_empty() {
                    block = Some((out.len(), lang, String::new()));
                }
            }
            (Some((_, _, code)), Event::Text(t)) => code.push_str(t),
            (Some(_), Event::End(TagEnd::CodeBlock)) => {
                if let Some((start, lang, code)) = block.take()
                    && let Some(html) = highlight::highlight(&code, &lang)
                {
                    out.truncate(start);
                    out.push(Event::Html(CowStr::from(html)));
                    continue;
                }
            }
            _ => {}
        }
        out.push(event);
    }
    out
}

/// The place of an alert kind in [`LinkContext::alert_titles`].
fn alert_index(kind: BlockQuoteKind) -> usize {
    match kind {
        BlockQuoteKind::Note => 0,
        BlockQuoteKind::Tip => 1,
        BlockQuoteKind::Important => 2,
        BlockQuoteKind::Warning => 3,
        BlockQuoteKind::Caution => 4,
    }
}

fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx<'a>(pages: &'a HashMap<String, String>, empty: &'a HashSet<String>) -> LinkContext<'a> {
        LinkContext {
            file: "content/lessons/a.md",
            source: "---\ntitle: A\n---\n",
            first_line: 4,
            root: "../../",
            pages,
            hidden: empty,
            statics: empty,
            shortcodes: &[],
            alert_titles: ["Note", "Tip", "Important", "Warning", "Caution"],
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
}
