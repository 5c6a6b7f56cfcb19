//! Sections: every folder of pages, its index, its pages and child sections
//! in menu order (weight, then newest, then title).

use std::collections::{BTreeMap, HashMap};

use super::Section;
use crate::model::Page;

/// Groups pages into sections; every ancestor folder of a page is a section.
pub(super) fn build_sections(pages: &[Page]) -> BTreeMap<String, Section> {
    let mut sections: BTreeMap<String, Section> = BTreeMap::new();
    sections.insert(String::new(), Section::default());
    for (i, page) in pages.iter().enumerate() {
        let mut path = page.section.clone();
        loop {
            sections.entry(path.clone()).or_insert_with(|| Section {
                path: path.clone(),
                ..Section::default()
            });
            if path.is_empty() {
                break;
            }
            path = path
                .rsplit_once('/')
                .map(|(p, _)| p.to_string())
                .unwrap_or_default();
        }
        let section = sections.get_mut(&page.section).expect("inserted above");
        if page.is_index {
            section.index = Some(i);
        } else {
            section.pages.push(i);
        }
    }
    let order = |i: &usize| {
        let p = &pages[*i];
        (
            p.meta.weight.unwrap_or(i64::MAX),
            std::cmp::Reverse(p.meta.date),
            p.title.clone(),
        )
    };
    for s in sections.values_mut() {
        s.pages.sort_by_key(|i| order(i));
    }
    let paths: Vec<String> = sections.keys().cloned().collect();
    for path in paths.iter().filter(|p| !p.is_empty()) {
        let parent = path
            .rsplit_once('/')
            .map(|(p, _)| p.to_string())
            .unwrap_or_default();
        if let Some(s) = sections.get_mut(&parent) {
            s.children.push(path.clone());
        }
    }
    let keys: Vec<(String, (i64, String))> = sections
        .iter()
        .map(|(k, s)| {
            let key = s.index.map_or((i64::MAX, k.clone()), |i| {
                (
                    pages[i].meta.weight.unwrap_or(i64::MAX),
                    pages[i].title.clone(),
                )
            });
            (k.clone(), key)
        })
        .collect();
    let key_of: HashMap<String, (i64, String)> = keys.into_iter().collect();
    for s in sections.values_mut() {
        s.children.sort_by(|a, b| key_of[a].cmp(&key_of[b]));
    }
    sections
}
