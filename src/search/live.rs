//! The index kept between builds: every token's postings by shard, so a
//! change to a few documents rewrites only the shards and text chunks they
//! touch instead of building the index again.

use std::collections::{BTreeMap, BTreeSet};

use super::{
    DocTokens, Postings, SearchDoc, SearchFiles, SearchSection, TEXT_CHUNK, build_inner,
    doc_tokens, encode, entry_size, meta_file, push_entry, shard_count, shard_file, shard_of,
    text_file,
};

/// One token's postings and their encoding.
#[derive(Debug, Clone)]
pub(super) struct Entry {
    pub(super) postings: Postings,
    pub(super) encoded: String,
}

/// The index kept between builds, to update when a few documents change
/// rather than build again: every token's postings, by shard.
#[derive(Debug)]
pub struct Index {
    pub(super) shards: Vec<BTreeMap<String, Entry>>,
    pub(super) total: usize,
}

impl Index {
    /// Builds the files of `docs` and the index to update them from.
    pub fn build(docs: &[SearchDoc], sections: &[SearchSection]) -> (SearchFiles, Index) {
        let (files, index) = build_inner(docs, sections, true);
        let index = index.unwrap_or(Index {
            shards: vec![BTreeMap::new()],
            total: 0,
        });
        (files, index)
    }

    /// The files that change when the documents at the positions in
    /// `changed` went from the given old versions to those now in `docs`
    /// (same number of documents, same sections). `None` when the shard
    /// count would change: then build again.
    pub fn update(
        &mut self,
        docs: &[SearchDoc],
        sections: &[SearchSection],
        changed: &[(usize, SearchDoc)],
    ) -> Option<Vec<(String, Vec<u8>)>> {
        let label = |d: &SearchDoc| sections.get(d.section).map_or("", |s| s.label.as_str());
        let mut dirty_shards = BTreeSet::new();
        let mut dirty_texts = BTreeSet::new();
        let mut meta = false;
        let mut total = self.total;
        let n = self.shards.len();
        let mut edits: Vec<(String, u32, Option<u8>)> = Vec::new();
        for (i, old) in changed {
            let Some(new) = docs.get(*i) else { continue };
            meta |= (&old.title, &old.url, old.section, &old.kind)
                != (&new.title, &new.url, new.section, &new.kind);
            if old.body != new.body {
                dirty_texts.insert(i / TEXT_CHUNK);
            }
            let before = token_flags(&doc_tokens(old, label(old)));
            let after = token_flags(&doc_tokens(new, label(new)));
            for (token, flags) in &before {
                if after.get(token) != Some(flags) {
                    edits.push((token.clone(), *i as u32, after.get(token).copied()));
                }
            }
            for (token, flags) in after {
                if !before.contains_key(&token) {
                    edits.push((token, *i as u32, Some(flags)));
                }
            }
        }
        for (token, doc, flags) in edits {
            let k = shard_of(&token, n);
            dirty_shards.insert(k);
            let map = &mut self.shards[k];
            let entry = map.entry(token.clone()).or_insert_with(|| Entry {
                postings: Vec::new(),
                encoded: String::new(),
            });
            total -= if entry.postings.is_empty() {
                0
            } else {
                entry_size(&token, &entry.encoded)
            };
            match (entry.postings.binary_search_by_key(&doc, |p| p.0), flags) {
                (Ok(at), Some(f)) => entry.postings[at].1 = f,
                (Ok(at), None) => {
                    entry.postings.remove(at);
                }
                (Err(at), Some(f)) => entry.postings.insert(at, (doc, f)),
                (Err(_), None) => {}
            }
            if entry.postings.is_empty() {
                map.remove(&token);
            } else {
                entry.encoded = encode(&entry.postings);
                total += entry_size(&token, &entry.encoded);
            }
        }
        self.total = total;
        if shard_count(total) != n {
            return None;
        }
        let mut files = Vec::new();
        if meta {
            files.push(meta_file(docs, sections, n));
        }
        for k in dirty_shards {
            let mut body = String::new();
            for (token, e) in &self.shards[k] {
                push_entry(&mut body, token, &e.encoded);
            }
            files.push(shard_file(k, body));
        }
        for k in dirty_texts {
            let end = ((k + 1) * TEXT_CHUNK).min(docs.len());
            files.push(text_file(k, &docs[k * TEXT_CHUNK..end]));
        }
        Some(files)
    }
}

/// A document's tokens and their flags.
fn token_flags(tokens: &DocTokens) -> BTreeMap<String, u8> {
    (0..tokens.tokens.len())
        .map(|i| (tokens.text(i).to_string(), tokens.tokens[i].2))
        .collect()
}
