//! Atom feeds of the lessons, the case studies and the reports
//! (`lessons/atom.xml`, `cases/atom.xml`, `reports/atom.xml`), newest first.
//! A feed reader needs absolute URLs, so feeds are written only when the
//! site has a `base_url`; each section's list page links its feed from
//! `<head>`. Dates come from the sources (a page's `updated` or `date`, a
//! report period's last day), never from the clock.

use jiff::civil::Date;
use serde::Serialize;

use crate::error::Diagnostic;
use crate::url;

use super::Renderer;
use super::site_files::xml_escape;
use super::tasks::Dep;

/// The sections that get a feed.
pub const FEED_SECTIONS: &[&str] = &["lessons", "cases", "reports"];

/// Entries a feed holds at most.
const FEED_ENTRIES: usize = 50;

/// A feed as a section's `<head>` links it.
#[derive(Debug, Clone, Serialize)]
pub struct FeedLink {
    /// Relative to the site root.
    pub url: String,
    pub title: String,
}

struct Entry {
    title: String,
    /// Relative to the site root, encoded.
    url: String,
    updated: Date,
    summary: Option<String>,
}

impl Renderer<'_> {
    /// The feed of top-level `section`, when this build writes one.
    pub(super) fn feed_link(&self, section: &str) -> Option<FeedLink> {
        self.site.config.base_url.as_ref()?;
        FEED_SECTIONS.contains(&section).then(|| FeedLink {
            url: url::encode(&feed_path(section)),
            title: self.feed_title(section),
        })
    }

    fn feed_title(&self, section: &str) -> String {
        let name = self
            .site
            .sections
            .get(section)
            .and_then(|s| s.index)
            .map_or_else(
                || match section {
                    "reports" => self.t.get("report_list_title").to_string(),
                    _ => section.to_string(),
                },
                |i| self.site.pages[i].title.clone(),
            );
        format!("{} · {name}", self.site.config.title)
    }

    /// The feeds' tasks' dependencies: the section's pages and their items,
    /// and for reports the periods of the portfolio.
    pub(super) fn feed_deps(section: &str) -> Vec<Dep> {
        let mut deps = vec![Dep::Site, Dep::Tree(section.to_string())];
        if section == "reports" {
            deps.push(Dep::Portfolio);
        }
        deps
    }

    /// The sections that get a feed in this build (none without `base_url`).
    pub(super) fn feed_sections(&self) -> Vec<&'static str> {
        if self.site.config.base_url.is_none() {
            return Vec::new();
        }
        FEED_SECTIONS
            .iter()
            .copied()
            .filter(|s| *s == "reports" || self.site.sections.contains_key(*s))
            .collect()
    }

    /// `<section>/atom.xml`.
    pub(super) fn render_feed(&self, section: &str) -> Result<(String, String), Diagnostic> {
        let base = self.site.config.base_url.clone().unwrap_or_default();
        let mut entries: Vec<Entry> = self
            .site
            .pages
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.is_index && p.top_section() == section)
            .map(|(i, p)| {
                let item = self.item(i);
                Entry {
                    title: p.title.clone(),
                    url: item.url,
                    updated: p.meta.updated.or(p.meta.date).unwrap_or(self.site.as_of),
                    summary: item.summary,
                }
            })
            .collect();
        if section == "reports" {
            for period in &self.figures.periods {
                let p = period.period;
                entries.push(Entry {
                    title: self.report_title(p),
                    url: url::page(&url::report_dir(&p.id())),
                    updated: p.end.min(self.site.as_of),
                    summary: None,
                });
            }
        }
        entries.sort_by(|a, b| {
            b.updated
                .cmp(&a.updated)
                .then_with(|| a.title.cmp(&b.title))
                .then_with(|| a.url.cmp(&b.url))
        });
        entries.truncate(FEED_ENTRIES);
        let abs = |u: &str| xml_escape(&format!("{base}{}", u.trim_end_matches("index.html")));
        let stamp = |d: Date| format!("{d}T00:00:00Z");
        let updated = entries
            .iter()
            .map(|e| e.updated)
            .max()
            .unwrap_or(self.site.as_of);
        let path = feed_path(section);
        let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        xml.push_str(&format!(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
            xml_escape(self.site.config.language.code())
        ));
        xml.push_str(&format!(
            "  <title>{}</title>\n  <id>{}</id>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n  <updated>{}</updated>\n  <author><name>{}</name></author>\n  <generator>folio</generator>\n",
            xml_escape(&self.feed_title(section)),
            abs(&url::encode(&path)),
            abs(&url::encode(&path)),
            abs(&url::section(section)),
            stamp(updated),
            xml_escape(&self.site.config.title),
        ));
        for e in &entries {
            xml.push_str(&format!(
                "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n    <updated>{}</updated>\n",
                xml_escape(&e.title),
                abs(&e.url),
                abs(&e.url),
                stamp(e.updated),
            ));
            if let Some(s) = &e.summary {
                xml.push_str(&format!("    <summary>{}</summary>\n", xml_escape(s)));
            }
            xml.push_str("  </entry>\n");
        }
        xml.push_str("</feed>\n");
        Ok((path, xml))
    }
}

/// The output path of a section's feed.
pub fn feed_path(section: &str) -> String {
    format!("{section}/atom.xml")
}
