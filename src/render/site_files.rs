//! Files around the pages: site static files, alias redirects, `404.html`,
//! `sitemap.xml` and `robots.txt`.

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
    let sitemap = sitemap(r, tree);
    tree.insert("sitemap.xml".into(), sitemap.into_bytes());
    let mut robots = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = &site.config.base_url {
        robots.push_str(&format!("Sitemap: {base}sitemap.xml\n"));
    }
    tree.insert("robots.txt".into(), robots.into_bytes());
    added.extend(["sitemap.xml".to_string(), "robots.txt".to_string()]);
    added
}

fn site_static_root(r: &Renderer<'_>) -> std::path::PathBuf {
    r.site_root.join("static")
}

fn sitemap(r: &Renderer<'_>, tree: &OutputTree) -> String {
    let base = r.site.config.base_url.clone().unwrap_or_else(|| "/".into());
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
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in tree.paths() {
        if !path.ends_with("index.html") || alias_dirs.contains(path) {
            continue;
        }
        let pretty = path.trim_end_matches("index.html");
        out.push_str(&format!(
            "  <url><loc>{}{}</loc></url>\n",
            xml_escape(&base),
            xml_escape(&url::encode(pretty))
        ));
    }
    out.push_str("</urlset>\n");
    out
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
    use super::alias_paths;

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
