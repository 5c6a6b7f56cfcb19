//! [`Site`]: everything read from disk, filtered to what this build may
//! show, with references between pages, projects and people checked.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use jiff::civil::Date;
use serde_saphyr::Spanned;

use crate::config::Config;
use crate::error::Rule;
use crate::error::{Diagnostic, Diagnostics, did_you_mean};

use super::{Page, Person, Programme, Project};

mod audience;
mod sections;

use audience::{
    check_audience, inherit_audiences, item_audiences, referenced_directory, withhold_hidden_items,
    withhold_hidden_statics,
};
use sections::build_sections;

/// A file under `static/`, copied to the output as is.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Path under `static/`, with `/` separators (the output path too).
    pub rel: String,
    pub size: u64,
}

/// A folder of `content/`.
#[derive(Debug, Clone, Default)]
pub struct Section {
    /// `lessons`, `training/pmo`; `` for the root.
    pub path: String,
    /// Index into `Site::pages` of its `_index.md`, if any.
    pub index: Option<usize>,
    /// Regular pages, in display order (weight, then newest date, then title).
    pub pages: Vec<usize>,
    /// Child section paths, in display order.
    pub children: Vec<String>,
}

/// The assembled, validated site for one build.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    pub as_of: Date,
    /// The audience this build is for.
    pub audience: String,
    pub pages: Vec<Page>,
    pub sections: BTreeMap<String, Section>,
    /// Projects visible to the audience, sorted by id.
    pub projects: Vec<Project>,
    /// Ids of the projects read but above the build's audience: a shortcode
    /// naming one shows nothing rather than failing as an unknown id.
    pub withheld_projects: BTreeSet<String>,
    pub people: Vec<Person>,
    pub programmes: Vec<Programme>,
    pub static_files: Vec<StaticFile>,
    /// Source text of each data file by site-relative path, for diagnostics found later.
    pub data_sources: HashMap<String, String>,
    /// Person and programme id → index, for lookups from every table cell.
    person_index: HashMap<String, usize>,
    programme_index: HashMap<String, usize>,
}

/// What was read from disk, before filtering and validation.
#[derive(Debug, Clone, Default)]
pub struct SiteParts {
    pub pages: Vec<Page>,
    pub projects: Vec<Project>,
    /// Source text of each data file by site-relative path, for snippets.
    pub data_sources: HashMap<String, String>,
    pub people: Vec<Person>,
    pub people_file: String,
    pub programmes: Vec<Programme>,
    pub programmes_file: String,
    pub static_files: Vec<StaticFile>,
    /// The people or programmes file failed to parse: skip checks of references
    /// to them, which would only repeat that one error many times.
    pub people_unreadable: bool,
    pub programmes_unreadable: bool,
    /// Ids (file stems) of project files that failed to parse or clash:
    /// references to them are not reported again as unknown projects.
    pub unreadable_projects: BTreeSet<String>,
}

/// Options that decide what a build includes.
#[derive(Debug, Clone)]
pub struct Selection {
    pub as_of: Date,
    pub audience: String,
    pub drafts: bool,
}

impl Site {
    /// Filters `parts` to the selection and checks every reference.
    /// Returns the site even when there are errors, so all of them get reported.
    pub fn assemble(config: Config, parts: SiteParts, sel: &Selection) -> (Site, Diagnostics) {
        let mut diags = Diagnostics::default();
        let SiteParts {
            pages,
            projects,
            data_sources,
            people,
            people_file,
            programmes,
            programmes_file,
            static_files,
            people_unreadable,
            programmes_unreadable,
            unreadable_projects,
        } = parts;
        let src = |file: &str| data_sources.get(file).map_or("", String::as_str);
        let build_rank = config.audience_rank(&sel.audience).unwrap_or(0);

        for (what, file, ids) in [
            (
                "person",
                &people_file,
                people.iter().map(|p| &p.id).collect::<Vec<_>>(),
            ),
            (
                "programme",
                &programmes_file,
                programmes.iter().map(|p| &p.id).collect(),
            ),
        ] {
            // Id → the line it was first seen on.
            let mut seen: HashMap<&str, usize> = HashMap::new();
            for at in ids {
                let id = at.as_str();
                let first = match seen.entry(id) {
                    std::collections::hash_map::Entry::Occupied(e) => Some(*e.get()),
                    std::collections::hash_map::Entry::Vacant(e) => {
                        e.insert(at.line);
                        None
                    }
                };
                if !super::is_valid_id(id) {
                    diags.push(
                        Diagnostic::error(Rule::InvalidId, file.as_str(), format!("{what} id `{id}` cannot be used in a URL"))
                            .at(src(file), at.line, at.column)
                            .with_hint("ids are letters, digits, `-`, `_` and `.`, e.g. li.wei or customer-experience"),
                    );
                }
                if let Some(first) = first {
                    diags.push(
                        Diagnostic::error(
                            Rule::DuplicateId,
                            file.as_str(),
                            format!(
                                "{what} id `{id}` appears more than once (first on line {first})"
                            ),
                        )
                        .at(src(file), at.line, at.column)
                        .with_hint(format!("give every {what} its own id")),
                    );
                }
            }
        }
        let person_ids: BTreeSet<&str> = people.iter().map(|p| p.id.as_str()).collect();
        let person_list: Vec<&str> = person_ids.into_iter().collect();
        let programme_ids: Vec<&str> = programmes.iter().map(|p| p.id.as_str()).collect();
        let all_project_ids: Vec<&str> = projects.iter().map(|p| p.id.as_str()).collect();

        let check_ref = |diags: &mut Diagnostics,
                         file: &str,
                         source: &str,
                         line_offset: usize,
                         what: &str,
                         r: &Spanned<String>,
                         known: &[&str]| {
            let unreadable = match what {
                "person" => people_unreadable,
                "programme" => programmes_unreadable,
                "project" => unreadable_projects.contains(&r.value),
                _ => false,
            };
            if !unreadable && !known.contains(&r.value.as_str()) {
                let line = r.referenced.line() as usize;
                let mut d = Diagnostic::error(
                    match what {
                        "project" => Rule::UnknownProject,
                        "programme" => Rule::UnknownProgramme,
                        _ => Rule::UnknownPerson,
                    },
                    file,
                    format!("unknown {what} id `{}`", r.value),
                )
                .at(source, line + line_offset, r.referenced.column() as usize);
                d.hint = Some(match did_you_mean(&r.value, known) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("{what} ids are defined in {}", ref_home(what)),
                });
                diags.push(d);
            }
        };

        for prog in &programmes {
            if let Some(owner) = &prog.owner {
                check_ref(
                    &mut diags,
                    &programmes_file,
                    src(&programmes_file),
                    0,
                    "person",
                    owner,
                    &person_list,
                );
            }
        }

        for p in &projects {
            let s = src(&p.file);
            let d = &p.data;
            for r in [&d.manager, &d.sponsor].into_iter().flatten() {
                check_ref(&mut diags, &p.file, s, 0, "person", r, &person_list);
            }
            if let Some(prog) = &d.programme {
                check_ref(&mut diags, &p.file, s, 0, "programme", prog, &programme_ids);
            }
            for r in d.risks.iter().filter_map(|r| r.owner.as_ref()) {
                check_ref(&mut diags, &p.file, s, 0, "person", r, &person_list);
            }
            for r in d.issues.iter().filter_map(|i| i.owner.as_ref()) {
                check_ref(&mut diags, &p.file, s, 0, "person", r, &person_list);
            }
            for a in &d.allocations {
                check_ref(&mut diags, &p.file, s, 0, "person", &a.person, &person_list);
            }
            let owners = d.decisions.iter().filter_map(|x| x.owner.as_ref());
            for r in owners.chain(d.assumptions.iter().filter_map(|x| x.owner.as_ref())) {
                check_ref(&mut diags, &p.file, s, 0, "person", r, &person_list);
            }
            for x in &d.dependencies {
                check_ref(
                    &mut diags,
                    &p.file,
                    s,
                    0,
                    "project",
                    &x.project,
                    &all_project_ids,
                );
                let provider = projects.iter().find(|q| q.id == x.project.value);
                if let (Some(q), Some(m)) = (provider, &x.milestone) {
                    let names: Vec<&str> =
                        q.data.milestones.iter().map(|m| m.name.as_str()).collect();
                    if !names.contains(&m.value.as_str()) {
                        let mut diag = Diagnostic::error(
                            Rule::UnknownMilestone,
                            &p.file,
                            format!("project `{}` has no milestone `{}`", q.id, m.value),
                        )
                        .at(
                            s,
                            m.referenced.line() as usize,
                            m.referenced.column() as usize,
                        );
                        diag.hint = Some(match did_you_mean(&m.value, &names) {
                            Some(n) => format!("did you mean `{n}`?"),
                            None => {
                                format!("the milestones of `{}` are listed in {}", q.id, q.file)
                            }
                        });
                        diags.push(diag);
                    }
                }
            }
            if let Some(aud) = &d.audience {
                check_audience(&mut diags, &config, &p.file, s, 0, aud);
            }
            for aud in item_audiences(d) {
                check_audience(&mut diags, &config, &p.file, s, 0, aud);
            }
            diags.extend(super::validate::project(p, s));
        }

        let static_set: BTreeSet<&str> = static_files.iter().map(|f| f.rel.as_str()).collect();
        let mut seen_paths: HashMap<&str, &str> = HashMap::new();
        for page in &pages {
            let fm_offset = 1; // the opening `---` line
            let m = &page.meta;
            if let Some(r) = &m.project {
                check_ref(
                    &mut diags,
                    &page.file,
                    &page.source,
                    fm_offset,
                    "project",
                    r,
                    &all_project_ids,
                );
            }
            for r in &m.projects {
                check_ref(
                    &mut diags,
                    &page.file,
                    &page.source,
                    fm_offset,
                    "project",
                    r,
                    &all_project_ids,
                );
            }
            if let Some(aud) = &m.audience {
                check_audience(
                    &mut diags,
                    &config,
                    &page.file,
                    &page.source,
                    fm_offset,
                    aud,
                );
            }
            for t in &m.templates {
                let rel = t.value.strip_prefix("static/").unwrap_or(&t.value);
                if !static_set.contains(rel) {
                    diags.push(
                        Diagnostic::error(
                            Rule::MissingTemplateDownload,
                            &page.file,
                            format!("template download `{}` does not exist", t.value),
                        )
                        .at(
                            &page.source,
                            t.referenced.line() as usize + fm_offset,
                            t.referenced.column() as usize,
                        )
                        .with_hint(
                            "put the file under static/ and write its path as static/<path>",
                        ),
                    );
                }
            }
            if let Some(other) = seen_paths.insert(&page.path, &page.file) {
                diags.push(
                    Diagnostic::error(
                        Rule::DuplicatePageUrl,
                        &page.file,
                        format!("page URL `/{}` is also produced by {other}", page.path),
                    )
                    .with_hint("give one of the pages a different `slug`"),
                );
            }
        }

        let visible = |aud: &str| config.audience_rank(aud).unwrap_or(usize::MAX) <= build_rank;
        let mut pages = pages;
        diags.extend(inherit_audiences(&mut pages, &config));
        let static_files = withhold_hidden_statics(static_files, &pages, &visible);
        let mut pages: Vec<Page> = pages
            .into_iter()
            .filter(|p| (sel.drafts || !p.meta.draft) && visible(&p.audience))
            .collect();
        pages.sort_by(|a, b| a.file.cmp(&b.file));
        let (projects, withheld): (Vec<Project>, Vec<Project>) =
            projects.into_iter().partition(|p| visible(&p.audience));
        let withheld_projects = withheld.into_iter().map(|p| p.id).collect();
        let mut projects = projects;
        projects.sort_by(|a, b| a.id.cmp(&b.id));
        for p in &mut projects {
            withhold_hidden_items(&mut p.data, &visible);
        }
        withhold_hidden_dependencies(&mut projects);
        let (people, programmes) = referenced_directory(people, programmes, &projects);
        let sections = build_sections(&pages);

        let person_index = people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.to_string(), i))
            .rev()
            .collect();
        let programme_index = programmes
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.to_string(), i))
            .rev()
            .collect();
        let site = Site {
            data_sources,
            person_index,
            programme_index,
            config,
            as_of: sel.as_of,
            audience: sel.audience.clone(),
            pages,
            sections,
            projects,
            withheld_projects,
            people,
            programmes,
            static_files,
        };
        (site, diags)
    }

    pub fn project(&self, id: &str) -> Option<&Project> {
        self.projects
            .binary_search_by(|p| p.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.projects[i])
    }

    pub fn person(&self, id: &str) -> Option<&Person> {
        self.person_index.get(id).map(|&i| &self.people[i])
    }

    pub fn programme(&self, id: &str) -> Option<&Programme> {
        self.programme_index.get(id).map(|&i| &self.programmes[i])
    }
}

/// Drops every dependency on a project or milestone not in this build, so
/// no name above the audience reaches a page through the project that
/// depends on it.
fn withhold_hidden_dependencies(projects: &mut [Project]) {
    let shown: BTreeMap<String, Vec<String>> = projects
        .iter()
        .map(|p| {
            let names = p.data.milestones.iter().map(|m| m.name.clone()).collect();
            (p.id.clone(), names)
        })
        .collect();
    for p in projects.iter_mut() {
        p.data.dependencies.retain(|x| {
            shown.get(&x.project.value).is_some_and(|names| {
                x.milestone
                    .as_ref()
                    .is_none_or(|m| names.contains(&m.value))
            })
        });
    }
}

fn ref_home(what: &str) -> &'static str {
    match what {
        "project" => "data/projects/<id>.yaml (the file name is the id)",
        "programme" => "data/programmes.yaml",
        _ => "data/people.yaml or data/people.csv",
    }
}
