//! Audiences: unknown audience names, the audience a page inherits from the
//! sections above it, and the static files only hidden pages refer to.

use std::collections::{BTreeSet, HashMap};

use serde_saphyr::Spanned;

use super::StaticFile;
use crate::config::Config;
use crate::error::Rule;
use crate::error::{Diagnostic, Diagnostics};
use crate::model::{Page, Person, Programme, Project, ProjectData};

pub(super) fn check_audience(
    diags: &mut Diagnostics,
    config: &Config,
    file: &str,
    source: &str,
    line_offset: usize,
    aud: &Spanned<String>,
) {
    if config.audience_rank(&aud.value).is_none() {
        diags.push(
            Diagnostic::error(
                Rule::UnknownAudience,
                file,
                format!("unknown audience `{}`", aud.value),
            )
            .at(
                source,
                aud.referenced.line() as usize + line_offset,
                aud.referenced.column() as usize,
            )
            .with_hint(format!("folio.yaml lists: {}", config.audiences.join(", "))),
        );
    }
}

/// Gives every page the most confidential audience of itself and the
/// `_index.md` of each folder above it that sets `audience`, so a restricted
/// section or course hides its whole subtree and no page can be less
/// confidential than its parents. An index without `audience` passes nothing
/// down (a `public` page may sit in a section of the default audience). An
/// unknown audience counts as the most confidential (it is an error anyway).
/// A page whose own `audience` is raised this way gets a warning at that
/// value, so the author learns it is not built for the audience written.
pub(super) fn inherit_audiences(pages: &mut [Page], config: &Config) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let rank = |aud: &str| config.audience_rank(aud).unwrap_or(usize::MAX);
    // Section → (rank, audience, the index file that sets it).
    let index_audience: HashMap<String, (usize, String, String)> = pages
        .iter()
        .filter(|p| p.is_index && p.meta.audience.is_some())
        .map(|p| {
            (
                p.section.clone(),
                (rank(&p.audience), p.audience.clone(), p.file.clone()),
            )
        })
        .collect();
    for page in pages.iter_mut() {
        let own = rank(&page.audience);
        let mut best: Option<&(usize, String, String)> = None;
        let mut section = page.section.as_str();
        loop {
            if let Some(parent) = index_audience.get(section)
                && parent.0 > best.map_or(own, |b| b.0)
            {
                best = Some(parent);
            }
            if section.is_empty() {
                break;
            }
            section = section.rsplit_once('/').map_or("", |(p, _)| p);
        }
        let Some((_, audience, from)) = best else {
            continue;
        };
        if let Some(written) = &page.meta.audience
            && own != usize::MAX
        {
            diags.push(
                Diagnostic::warning(
                    Rule::AudienceRaised,
                    &page.file,
                    format!(
                        "`audience: {}` is lower than `{audience}` set by {from}; the page is built for `{audience}`",
                        written.value
                    ),
                )
                .at(
                    &page.source,
                    written.referenced.line() as usize + 1,
                    written.referenced.column() as usize,
                )
                .with_hint(format!(
                    "a page cannot be less confidential than its section: remove `audience` here, or move the page out of {}",
                    from.trim_end_matches("_index.md")
                )),
            );
        }
        page.audience = audience.clone();
    }
    diags
}

/// Drops the static files that only pages above the build audience refer
/// to, as a template download or by a Markdown link or image, so a
/// restricted page's attachments stay out of lower builds. A file referred
/// to by at least one page of a visible audience, or by none, is kept.
pub(super) fn withhold_hidden_statics(
    static_files: Vec<StaticFile>,
    pages: &[Page],
    visible: &dyn Fn(&str) -> bool,
) -> Vec<StaticFile> {
    if pages.iter().all(|p| visible(&p.audience)) {
        return static_files;
    }
    let mut shown: BTreeSet<String> = BTreeSet::new();
    let mut hidden: BTreeSet<String> = BTreeSet::new();
    for page in pages {
        let refs = page
            .meta
            .templates
            .iter()
            .map(|t| {
                t.value
                    .strip_prefix("static/")
                    .unwrap_or(&t.value)
                    .to_string()
            })
            .chain(crate::markdown::static_targets(page.body(), &page.file));
        if visible(&page.audience) {
            shown.extend(refs);
        } else {
            hidden.extend(refs);
        }
    }
    static_files
        .into_iter()
        .filter(|f| shown.contains(&f.rel) || !hidden.contains(&f.rel))
        .collect()
}

/// The `audience` values of a project's risks, issues, milestones, benefits
/// and status entries.
pub(super) fn item_audiences(d: &ProjectData) -> impl Iterator<Item = &Spanned<String>> {
    let risks = d.risks.iter().filter_map(|r| r.audience.as_ref());
    let issues = d.issues.iter().filter_map(|i| i.audience.as_ref());
    let milestones = d.milestones.iter().filter_map(|m| m.audience.as_ref());
    let benefits = d.benefits.iter().filter_map(|b| b.audience.as_ref());
    let status = d.status.iter().filter_map(|s| s.audience.as_ref());
    let decisions = d.decisions.iter().filter_map(|x| x.audience.as_ref());
    let assumptions = d.assumptions.iter().filter_map(|x| x.audience.as_ref());
    let dependencies = d.dependencies.iter().filter_map(|x| x.audience.as_ref());
    let changes = d.changes.iter().filter_map(|x| x.audience.as_ref());
    risks
        .chain(issues)
        .chain(milestones)
        .chain(benefits)
        .chain(status)
        .chain(decisions)
        .chain(assumptions)
        .chain(dependencies)
        .chain(changes)
}

/// Leaves out of a visible project's data every risk, issue, milestone,
/// benefit and status entry above the build audience (an unknown audience
/// counts as above every build), so no figure, chart, table, export or
/// search document can count or show them. Milestones keep their position
/// in the file (`index`) for diagnostics.
pub(super) fn withhold_hidden_items(d: &mut ProjectData, visible: &dyn Fn(&str) -> bool) {
    for (i, m) in d.milestones.iter_mut().enumerate() {
        m.index = i;
    }
    let keep = |a: &Option<Spanned<String>>| a.as_ref().is_none_or(|a| visible(&a.value));
    d.risks.retain(|r| keep(&r.audience));
    d.issues.retain(|i| keep(&i.audience));
    d.milestones.retain(|m| keep(&m.audience));
    d.benefits.retain(|b| keep(&b.audience));
    d.status.retain(|s| keep(&s.audience));
    d.decisions.retain(|x| keep(&x.audience));
    d.assumptions.retain(|x| keep(&x.audience));
    d.dependencies.retain(|x| keep(&x.audience));
    d.changes.retain(|x| keep(&x.audience));
    // A status entry's milestone forecasts name milestones: only visible ones stay.
    let names: Vec<String> = d.milestones.iter().map(|m| m.name.clone()).collect();
    for s in &mut d.status {
        s.milestones.retain(|name, _| names.contains(name));
    }
}

/// The people and programmes something in the build refers to: a visible
/// project's programme, manager, sponsor, risk and issue owners and
/// allocations, and the owners of the programmes kept. Everyone else gets
/// no page, no row and no search document in this build.
pub(super) fn referenced_directory(
    people: Vec<Person>,
    programmes: Vec<Programme>,
    projects: &[Project],
) -> (Vec<Person>, Vec<Programme>) {
    let mut person_ids: BTreeSet<&str> = BTreeSet::new();
    let mut programme_ids: BTreeSet<&str> = BTreeSet::new();
    for p in projects {
        let d = &p.data;
        programme_ids.extend(d.programme.iter().map(|g| g.value.as_str()));
        let refs = [&d.manager, &d.sponsor]
            .into_iter()
            .flatten()
            .chain(d.risks.iter().filter_map(|r| r.owner.as_ref()))
            .chain(d.issues.iter().filter_map(|i| i.owner.as_ref()))
            .chain(d.allocations.iter().map(|a| &a.person))
            .chain(d.decisions.iter().filter_map(|x| x.owner.as_ref()))
            .chain(d.assumptions.iter().filter_map(|x| x.owner.as_ref()));
        person_ids.extend(refs.map(|r| r.value.as_str()));
    }
    let programmes: Vec<Programme> = programmes
        .into_iter()
        .filter(|g| programme_ids.contains(g.id.as_str()))
        .collect();
    let owners: BTreeSet<String> = programmes
        .iter()
        .filter_map(|g| g.owner.as_ref().map(|o| o.value.clone()))
        .collect();
    let people = people
        .into_iter()
        .filter(|p| person_ids.contains(p.id.as_str()) || owners.contains(p.id.as_str()))
        .collect();
    (people, programmes)
}
