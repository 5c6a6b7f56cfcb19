//! Files around the pages: site static files, alias redirects, `404.html`,
//! `sitemap.xml` and `robots.txt`.

use std::collections::HashMap;

use jiff::civil::Date;

use crate::error::Rule;
use crate::error::{Diagnostic, Diagnostics};
use crate::output::OutputTree;
use crate::url;

use super::Renderer;

/// Adds the files around the pages to `tree`; returns the paths it added.
pub fn add(r: &Renderer<'_>, tree: &mut OutputTree, diags: &mut Diagnostics) -> Vec<String> {
    let site = r.site;
    let mut added = Vec::new();
    // Aliases: a redirect page at each old URL.
    for page in &site.pages {
        for alias in &page.meta.aliases {
            let Some((path, out)) = alias_paths(alias) else {
                diags.push(
                    Diagnostic::error(
                        Rule::Alias,
                        &page.file,
                        format!("alias `{alias}` is not a usable path"),
                    )
                    .with_hint("write aliases as site paths like /old-lessons/vendor-exit/ or /old/page.html"),
                );
                continue;
            };
            if tree.contains(&out) {
                diags.push(Diagnostic::error(
                    Rule::Alias,
                    &page.file,
                    format!("alias `{alias}` collides with an existing page"),
                ));
                continue;
            }
            let mut ctx = r.context(&path);
            ctx.insert(
                "target",
                &format!("{}{}", super::root_prefix(&path), url::page(&page.path)),
            );
            ctx.insert("title", &page.title);
            match r.templates.render("alias.html", &ctx, &page.file) {
                Ok(html) => {
                    added.push(out.clone());
                    tree.insert(out, html.into_bytes());
                }
                Err(d) => diags.push(d),
            }
        }
    }
    match r.templates.render("404.html", &r.context(""), "404.html") {
        Ok(html) => {
            added.push("404.html".into());
            tree.insert("404.html".into(), html.into_bytes());
        }
        Err(d) => diags.push(d),
    }
    // Site static files, unless a generated page already has that path.
    let static_root = site_static_root(r);
    for f in &site.static_files {
        if tree.contains(&f.rel) && f.rel.ends_with(".html") {
            diags.push(Diagnostic::warning(
                Rule::StaticCollision,
                format!("static/{}", f.rel),
                "a generated page has the same path; the static file is not copied",
            ));
            continue;
        }
        added.push(f.rel.clone());
        tree.insert_copy(f.rel.clone(), static_root.join(&f.rel));
    }
    // Only with base_url: a sitemap's <loc> must be absolute.
    if let Some(base) = &site.config.base_url {
        for (path, xml) in sitemap_files(base, &sitemap_entries(r, tree), SITEMAP_LIMIT) {
            tree.insert(path.clone(), xml.into_bytes());
            added.push(path);
        }
    }
    let mut robots = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = &site.config.base_url {
        robots.push_str(&format!("Sitemap: {base}sitemap.xml\n"));
    }
    tree.insert("robots.txt".into(), robots.into_bytes());
    added.push("robots.txt".to_string());
    added
}

fn site_static_root(r: &Renderer<'_>) -> std::path::PathBuf {
    r.site_root.join("static")
}

/// URLs a sitemap file holds at most (the sitemaps.org limit).
const SITEMAP_LIMIT: usize = 50_000;

/// Every page of the tree (not alias redirects) with its date of last
/// change when the sources tell it: a page's `updated` or `date`, a
/// project's latest status, a period report's last day.
fn sitemap_entries(r: &Renderer<'_>, tree: &OutputTree) -> Vec<(String, Option<Date>)> {
    let alias_dirs: std::collections::HashSet<String> = r
        .site
        .pages
        .iter()
        .flat_map(|p| {
            p.meta
                .aliases
                .iter()
                .filter_map(|a| alias_paths(a).map(|(_, file)| file))
        })
        .collect();
    let mut dates: HashMap<String, Date> = HashMap::new();
    for p in &r.site.pages {
        if let Some(d) = p.meta.updated.or(p.meta.date) {
            dates.insert(p.url(), d);
        }
    }
    for (i, p) in r.site.projects.iter().enumerate() {
        if let Some(s) = r.figures.projects[i].latest_status {
            dates.insert(
                format!("{}index.html", url::project_dir(&p.id)),
                p.data.status[s].date,
            );
        }
    }
    for period in &r.figures.periods {
        let p = &period.period;
        dates.insert(
            format!("{}index.html", url::report_dir(&p.id())),
            p.end.min(r.site.as_of),
        );
    }
    tree.paths()
        .filter(|p| p.ends_with("index.html") && !alias_dirs.contains(*p))
        .map(|p| (p.to_string(), dates.get(p).copied()))
        .collect()
}

/// `sitemap.xml` (a sitemap, or past `limit` URLs an index of
/// `sitemap-1.xml`, `sitemap-2.xml`, …), every `<loc>` absolute under `base`.
fn sitemap_files(
    base: &str,
    entries: &[(String, Option<Date>)],
    limit: usize,
) -> Vec<(String, String)> {
    const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    const NS: &str = "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"";
    let base = xml_escape(base);
    let urlset = |chunk: &[(String, Option<Date>)]| {
        let mut out = format!("{HEAD}<urlset {NS}>\n");
        for (path, date) in chunk {
            let pretty = path.trim_end_matches("index.html");
            out.push_str(&format!(
                "  <url><loc>{base}{}</loc>",
                xml_escape(&url::encode(pretty))
            ));
            if let Some(d) = date {
                out.push_str(&format!("<lastmod>{d}</lastmod>"));
            }
            out.push_str("</url>\n");
        }
        out.push_str("</urlset>\n");
        out
    };
    if entries.len() <= limit {
        return vec![("sitemap.xml".into(), urlset(entries))];
    }
    let mut files = Vec::new();
    let mut index = format!("{HEAD}<sitemapindex {NS}>\n");
    for (n, chunk) in entries.chunks(limit.max(1)).enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        index.push_str(&format!("  <sitemap><loc>{base}{name}</loc>"));
        if let Some(d) = chunk.iter().filter_map(|e| e.1).max() {
            index.push_str(&format!("<lastmod>{d}</lastmod>"));
        }
        index.push_str("</sitemap>\n");
        files.push((name, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, ("sitemap.xml".into(), index));
    files
}

/// The folder and file of an alias redirect: `/old/x/` → (`old/x/`, `old/x/index.html`),
/// `/old/x.html` → (`old/`, `old/x.html`). `None` for paths that cannot be a file.
fn alias_paths(alias: &str) -> Option<(String, String)> {
    let segs: Vec<&str> = alias.split('/').filter(|s| !s.is_empty()).collect();
    let bad = |s: &&str| *s == "." || *s == ".." || s.contains(['?', '#', '\\', '%']);
    if segs.is_empty() || segs.iter().any(bad) {
        return None;
    }
    let last = segs[segs.len() - 1];
    if last.ends_with(".html") || last.ends_with(".htm") {
        let dir = segs[..segs.len() - 1].join("/");
        let dir = if dir.is_empty() {
            dir
        } else {
            format!("{dir}/")
        };
        return Some((dir.clone(), format!("{dir}{last}")));
    }
    let dir = format!("{}/", segs.join("/"));
    Some((dir.clone(), format!("{dir}index.html")))
}

pub fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::{alias_paths, sitemap_files};

    #[test]
    fn sitemaps_are_absolute_dated_and_split_past_the_limit() {
        let d = |s: &str| Some(s.parse().unwrap());
        let entries = vec![
            ("index.html".to_string(), None),
            ("lessons/a/index.html".to_string(), d("2026-10-01")),
            ("projects/项目/index.html".to_string(), d("2026-09-30")),
        ];
        let one = sitemap_files("https://x.example/pmo/", &entries, 3);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].0, "sitemap.xml");
        assert!(
            one[0]
                .1
                .contains("<url><loc>https://x.example/pmo/</loc></url>")
        );
        assert!(
            one[0].1.contains(
                "<loc>https://x.example/pmo/lessons/a/</loc><lastmod>2026-10-01</lastmod>"
            )
        );
        assert!(
            one[0].1.contains("projects/%E9%A1%B9%E7%9B%AE/"),
            "{}",
            one[0].1
        );
        let split = sitemap_files("https://x.example/", &entries, 2);
        let names: Vec<&str> = split.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(names, ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"]);
        assert!(split[0].1.contains("<sitemapindex"));
        assert!(split[0].1.contains(
            "<sitemap><loc>https://x.example/sitemap-1.xml</loc><lastmod>2026-10-01</lastmod></sitemap>"
        ));
        assert_eq!(split[1].1.matches("<url>").count(), 2);
        assert_eq!(split[2].1.matches("<url>").count(), 1);
    }

    #[test]
    fn aliases_are_normalised() {
        assert_eq!(
            alias_paths("/old//deep/"),
            Some(("old/deep/".into(), "old/deep/index.html".into()))
        );
        assert_eq!(
            alias_paths("/old.html"),
            Some((String::new(), "old.html".into()))
        );
        assert_eq!(
            alias_paths("a/b/c.htm"),
            Some(("a/b/".into(), "a/b/c.htm".into()))
        );
        for bad in ["/", "/../x/", "/x?y/", "/a/./b"] {
            assert_eq!(alias_paths(bad), None, "{bad}");
        }
    }
}
