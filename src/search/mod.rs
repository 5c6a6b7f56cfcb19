//! The offline search index: documents in, JavaScript files out. Pure — it
//! knows nothing of pages or projects; `render::search` turns the
//! audience-filtered `Site` into [`SearchDoc`]s and calls [`build`].
//!
//! The output is plain `<script>` files, because `fetch` of JSON is blocked
//! when the site is opened from `file://`:
//! - `search/index.js` sets `window.FOLIO_SEARCH`: format version, shard
//!   count, text-chunk size, section list and the documents table
//!   (`[title, url, section, kind]`, url relative to the site root);
//! - `search/t<k>.js` holds the postings of every token whose first
//!   character's code point is `k` modulo the shard count, as
//!   `{token: [posting, …]}` where a posting is `delta` (the document id
//!   minus the previous one; flags 1) or `-(delta + 1), flags`;
//! - `search/d<k>.js` holds the plain text of documents `k*chunk ..` for
//!   snippets, loaded only for the results on screen.
//!
//! Shard files call `window.FOLIO_SEARCH_LOAD(kind, k, data)`. The flags of
//! a posting are `body tf (0–7) | heading 8 | tags 16 | section 32 | title 64`;
//! `assets/search.js` turns them into a score. Everything is ordered
//! (tokens sorted, documents in order), so the output is byte-for-byte deterministic.

mod live;
pub mod tokenize;

use live::Entry;
pub use live::Index;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;
use serde::Serialize;

use self::tokenize::{Mode, for_each_token};

/// Index format version, checked by `search.js`.
pub const FORMAT: u32 = 1;
/// Aim for token shards of about this many bytes.
const SHARD_TARGET_BYTES: usize = 96 * 1024;
const MAX_SHARDS: usize = 512;
/// Documents per snippet-text file.
pub const TEXT_CHUNK: usize = 20;
/// Characters of body text kept per document for snippets.
const MAX_TEXT_CHARS: usize = 2400;

pub const FLAG_HEADING: u8 = 8;
pub const FLAG_TAGS: u8 = 16;
pub const FLAG_SECTION: u8 = 32;
pub const FLAG_TITLE: u8 = 64;
const MAX_BODY_TF: u8 = 7;

/// One searchable document: a page, a project or a person.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchDoc {
    /// Shown as the result title; searched with the highest weight.
    pub title: String,
    /// Extra text weighted like the title but not shown (a project's id).
    pub keywords: String,
    /// Relative to the site root, percent-encoded.
    pub url: String,
    /// Index into the section list passed to [`build`].
    pub section: usize,
    /// What the document is, in the UI language ("Lesson learned").
    pub kind: String,
    pub headings: Vec<String>,
    pub tags: Vec<String>,
    pub body: String,
}

/// A section for the result filter: key (`lessons`) and label in the UI language.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SearchSection {
    pub key: String,
    pub label: String,
}

/// The generated files (path under the output root → bytes) and a few figures.
#[derive(Debug, Default)]
pub struct SearchFiles {
    pub files: Vec<(String, Vec<u8>)>,
    pub tokens: usize,
    pub postings: usize,
    pub shards: usize,
}

#[derive(Serialize)]
struct Meta<'a> {
    v: u32,
    shards: usize,
    chunk: usize,
    sections: Vec<(&'a str, &'a str)>,
    docs: Vec<(&'a str, &'a str, usize, &'a str)>,
}

/// FNV-1a: tokens are short and not attacker-chosen in a way that matters
/// for a build, so a simple fast hash beats SipHash here.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// Token maps are merged in this many independent buckets, in parallel.
const BUCKETS: usize = 64;

fn bucket_of(token: &str) -> usize {
    let mut h = Fnv::default();
    h.write(token.as_bytes());
    (h.finish() % BUCKETS as u64) as usize
}

/// The distinct tokens of one document and their flags, kept in one text
/// buffer (no allocation per token), ordered by bucket then token, with the
/// offsets where each bucket's run begins.
struct DocTokens {
    buf: String,
    /// (start, end) in `buf`, flags.
    tokens: Vec<(u32, u32, u8)>,
    /// `tokens[starts[k]..starts[k + 1]]` are the tokens of bucket `k`.
    starts: Vec<u32>,
}

impl DocTokens {
    fn text(&self, i: usize) -> &str {
        let (s, e, _) = self.tokens[i];
        &self.buf[s as usize..e as usize]
    }

    fn bucket(&self, k: usize) -> impl Iterator<Item = (&str, u8)> {
        (self.starts[k] as usize..self.starts[k + 1] as usize)
            .map(move |i| (self.text(i), self.tokens[i].2))
    }

    #[cfg(test)]
    fn get(&self, token: &str) -> Option<u8> {
        (0..self.tokens.len())
            .find(|&i| self.text(i) == token)
            .map(|i| self.tokens[i].2)
    }
}

/// Tokenises every field of `doc`: field flags are OR-ed, body occurrences
/// counted up to [`MAX_BODY_TF`].
fn doc_tokens(doc: &SearchDoc, section_label: &str) -> DocTokens {
    let mut buf = String::with_capacity(doc.body.len() + 256);
    // Every occurrence: (start, end, field flag or 0 for the body).
    let mut seen: Vec<(u32, u32, u8)> = Vec::with_capacity(doc.body.len() / 4);
    let mut mark = |text: &str, flag: u8| {
        for_each_token(text, Mode::Index, |t| {
            let start = buf.len() as u32;
            buf.push_str(t);
            seen.push((start, buf.len() as u32, flag));
        });
    };
    mark(&doc.title, FLAG_TITLE);
    mark(&doc.keywords, FLAG_TITLE);
    for h in &doc.headings {
        mark(h, FLAG_HEADING);
    }
    for t in &doc.tags {
        mark(t, FLAG_TAGS);
    }
    mark(section_label, FLAG_SECTION);
    mark(&doc.body, 0);
    let text = |o: &(u32, u32, u8)| &buf[o.0 as usize..o.1 as usize];
    seen.sort_unstable_by(|a, b| text(a).cmp(text(b)));
    // Collapse equal tokens, then order by bucket.
    let mut tokens: Vec<(usize, (u32, u32, u8))> = Vec::new();
    let mut i = 0;
    while i < seen.len() {
        let mut j = i;
        let mut flags = 0u8;
        let mut body = 0u8;
        while j < seen.len() && text(&seen[j]) == text(&seen[i]) {
            match seen[j].2 {
                0 => body = (body + 1).min(MAX_BODY_TF),
                f => flags |= f,
            }
            j += 1;
        }
        tokens.push((
            bucket_of(text(&seen[i])),
            (seen[i].0, seen[i].1, flags | body),
        ));
        i = j;
    }
    tokens.sort_by_key(|t| t.0); // stable: tokens stay sorted within a bucket
    let mut starts = vec![0u32; BUCKETS + 1];
    for (k, _) in &tokens {
        starts[k + 1] += 1;
    }
    for k in 0..BUCKETS {
        starts[k + 1] += starts[k];
    }
    DocTokens {
        buf,
        tokens: tokens.into_iter().map(|t| t.1).collect(),
        starts,
    }
}

/// Documents are tokenised in parallel per batch, bounding memory on large
/// sites, and merged in document order.
const BATCH: usize = 512;

type Postings = Vec<(u32, u8)>;

/// Builds the index files for `docs`.
pub fn build(docs: &[SearchDoc], sections: &[SearchSection]) -> SearchFiles {
    build_inner(docs, sections, false).0
}

/// Builds the index files, and with `keep` the [`Index`] to update them from.
fn build_inner(
    docs: &[SearchDoc],
    sections: &[SearchSection],
    keep: bool,
) -> (SearchFiles, Option<Index>) {
    // Tokens are spread over buckets by hash; each bucket's map is filled
    // in document order by its own task, so postings stay sorted by document.
    let mut buckets: Vec<FastMap<String, Postings>> =
        (0..BUCKETS).map(|_| FastMap::default()).collect();
    for (b, batch) in docs.chunks(BATCH).enumerate() {
        let per_doc: Vec<DocTokens> = batch
            .par_iter()
            .map(|d| doc_tokens(d, sections.get(d.section).map_or("", |s| &s.label)))
            .collect();
        let first = (b * BATCH) as u32;
        buckets.par_iter_mut().enumerate().for_each(|(k, index)| {
            for (j, doc) in per_doc.iter().enumerate() {
                let id = first + j as u32;
                for (token, flags) in doc.bucket(k) {
                    match index.get_mut(token) {
                        Some(list) => list.push((id, flags)),
                        None => {
                            index.insert(token.to_string(), vec![(id, flags)]);
                        }
                    }
                }
            }
        });
    }
    let index = buckets.into_iter().flatten();
    // Sorted by token: the output must not depend on hash order.
    let mut postings: Vec<(String, Postings)> = index.into_iter().collect();
    postings.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));

    // Encode each token's postings once; the sizes decide the shard count.
    let token_count = postings.len();
    let posting_count = postings.iter().map(|(_, l)| l.len()).sum();
    let encoded: Vec<(String, String, Postings)> = postings
        .into_par_iter()
        .map(|(token, list)| {
            let s = encode(&list);
            (token, s, if keep { list } else { Vec::new() })
        })
        .collect();
    let total: usize = encoded.iter().map(|(t, s, _)| entry_size(t, s)).sum();
    let shards = shard_count(total);
    let mut shard_text: Vec<String> = vec![String::new(); shards];
    for (token, list, _) in &encoded {
        push_entry(&mut shard_text[shard_of(token, shards)], token, list);
    }
    let index = keep.then(|| {
        let mut maps: Vec<BTreeMap<String, Entry>> = vec![BTreeMap::new(); shards];
        for (token, encoded, postings) in encoded {
            maps[shard_of(&token, shards)].insert(token, Entry { postings, encoded });
        }
        Index {
            shards: maps,
            total,
        }
    });

    let mut out = SearchFiles {
        tokens: token_count,
        postings: posting_count,
        shards,
        files: Vec::new(),
    };
    out.files.push(meta_file(docs, sections, shards));
    for (k, body) in shard_text.into_iter().enumerate() {
        out.files.push(shard_file(k, body));
    }
    let text_files: Vec<(String, Vec<u8>)> = docs
        .par_chunks(TEXT_CHUNK)
        .enumerate()
        .map(|(k, chunk)| text_file(k, chunk))
        .collect();
    out.files.extend(text_files);
    (out, index)
}

/// The postings of one token, delta-encoded.
fn encode(list: &[(u32, u8)]) -> String {
    let mut s = String::with_capacity(list.len() * 4);
    let mut prev = 0u32;
    for (n, &(doc, flags)) in list.iter().enumerate() {
        if n > 0 {
            s.push(',');
        }
        let delta = doc - prev;
        // Most postings are a single body occurrence: flags 1 go unwritten.
        if flags == 1 {
            let _ = write!(s, "{delta}");
        } else {
            let _ = write!(s, "-{},{flags}", delta + 1);
        }
        prev = doc;
    }
    s
}

/// What one token adds to the index size that decides the shard count.
fn entry_size(token: &str, encoded: &str) -> usize {
    token.len() + encoded.len() + 6
}

fn shard_count(total: usize) -> usize {
    total.div_ceil(SHARD_TARGET_BYTES).clamp(1, MAX_SHARDS)
}

fn push_entry(s: &mut String, token: &str, encoded: &str) {
    s.push(if s.is_empty() { '{' } else { ',' });
    s.push_str(&json(token));
    s.push_str(":[");
    s.push_str(encoded);
    s.push(']');
}

fn meta_file(docs: &[SearchDoc], sections: &[SearchSection], shards: usize) -> (String, Vec<u8>) {
    let meta = Meta {
        v: FORMAT,
        shards,
        chunk: TEXT_CHUNK,
        sections: sections
            .iter()
            .map(|s| (s.key.as_str(), s.label.as_str()))
            .collect(),
        docs: docs
            .iter()
            .map(|d| (d.title.as_str(), d.url.as_str(), d.section, d.kind.as_str()))
            .collect(),
    };
    (
        "search/index.js".into(),
        format!(
            "window.FOLIO_SEARCH={};\n",
            serde_json::to_string(&meta).unwrap_or_default()
        )
        .into_bytes(),
    )
}

fn shard_file(k: usize, body: String) -> (String, Vec<u8>) {
    let body = if body.is_empty() {
        "{}".into()
    } else {
        body + "}"
    };
    (
        format!("search/t{k}.js"),
        format!("window.FOLIO_SEARCH_LOAD(\"t\",{k},{body});\n").into_bytes(),
    )
}

fn text_file(k: usize, chunk: &[SearchDoc]) -> (String, Vec<u8>) {
    let texts: Vec<String> = chunk.iter().map(|d| snippet_text(&d.body)).collect();
    (
        format!("search/d{k}.js"),
        format!(
            "window.FOLIO_SEARCH_LOAD(\"d\",{k},{});\n",
            serde_json::to_string(&texts).unwrap_or_default()
        )
        .into_bytes(),
    )
}

/// The shard of a token: its first character's code point modulo `shards`.
/// A one-character query needs every token starting with that character, so
/// they must all live in one shard.
pub fn shard_of(token: &str, shards: usize) -> usize {
    token.chars().next().map_or(0, |c| c as usize % shards)
}

fn json(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// Whitespace collapsed, cut to [`MAX_TEXT_CHARS`].
fn snippet_text(body: &str) -> String {
    let mut out = String::new();
    for (n, word) in body.split_whitespace().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        out.push_str(word);
        if out.len() > MAX_TEXT_CHARS * 3 {
            break;
        }
    }
    match out.char_indices().nth(MAX_TEXT_CHARS) {
        Some((i, _)) => out[..i].to_string(),
        None => out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, body: &str) -> SearchDoc {
        SearchDoc {
            title: title.into(),
            url: "a/index.html".into(),
            body: body.into(),
            ..SearchDoc::default()
        }
    }

    #[test]
    fn flags_record_fields_and_capped_body_frequency() {
        let mut d = doc("Vendor risk", &"vendor ".repeat(20));
        d.headings = vec!["Exit".into()];
        d.tags = vec!["风险".into()];
        let map = doc_tokens(&d, "Lessons");
        assert_eq!(map.get("vendor"), Some(FLAG_TITLE | 7));
        assert_eq!(map.get("risk"), Some(FLAG_TITLE));
        assert_eq!(map.get("exit"), Some(FLAG_HEADING));
        assert_eq!(map.get("风险"), Some(FLAG_TAGS));
        assert_eq!(map.get("lesson"), Some(FLAG_SECTION));
    }

    #[test]
    fn output_is_deterministic_and_postings_are_delta_encoded() {
        let docs = vec![
            doc("a", "风险 x"),
            doc("b", "y"),
            doc("c", "风险"),
            doc("风险", ""),
        ];
        let sections = vec![SearchSection {
            key: "lessons".into(),
            label: "Lessons".into(),
        }];
        let one = build(&docs, &sections);
        let two = build(&docs, &sections);
        assert_eq!(one.files, two.files);
        assert_eq!(one.shards, 1);
        let shard = String::from_utf8(one.files[1].1.clone()).unwrap();
        assert!(shard.contains("\"风险\":[0,2,-2,64]"), "{shard}");
        assert!(shard.starts_with("window.FOLIO_SEARCH_LOAD(\"t\",0,{"));
        let meta = String::from_utf8(one.files[0].1.clone()).unwrap();
        assert!(meta.starts_with("window.FOLIO_SEARCH={\"v\":1,\"shards\":1,"));
    }

    #[test]
    fn an_updated_index_matches_one_built_from_scratch() {
        let sections = vec![SearchSection {
            key: "lessons".into(),
            label: "Lessons".into(),
        }];
        let mut docs: Vec<SearchDoc> = (0..45)
            .map(|i| {
                doc(
                    &format!("title {i}"),
                    &format!("body {i} 风险 vendor{}", i % 7),
                )
            })
            .collect();
        let (original, mut index) = Index::build(&docs, &sections);
        let mut changed = Vec::new();
        for (i, body) in [
            (3, "new words 供应商"),
            (21, ""),
            (44, "body 44 vendor3 extra"),
        ] {
            changed.push((i, docs[i].clone()));
            docs[i].body = body.into();
        }
        changed.push((7, docs[7].clone()));
        docs[7].title = "renamed".into();
        let files = index
            .update(&docs, &sections, &changed)
            .expect("same shard count");
        let fresh = build(&docs, &sections);
        for (path, bytes) in &files {
            let want = fresh
                .files
                .iter()
                .find(|f| &f.0 == path)
                .expect("a file of the index");
            assert_eq!(&want.1, bytes, "{path}");
        }
        assert!(files.iter().any(|f| f.0 == "search/index.js"));
        assert!(files.iter().any(|f| f.0 == "search/d0.js"));
        assert!(files.iter().any(|f| f.0 == "search/d2.js"));
        // Files not returned are unchanged.
        for (path, bytes) in &fresh.files {
            if !files.iter().any(|f| &f.0 == path) {
                let was = original
                    .files
                    .iter()
                    .find(|f| &f.0 == path)
                    .expect("same files");
                assert_eq!(&was.1, bytes, "{path} changed but was not returned");
            }
        }
    }

    #[test]
    fn tokens_starting_with_one_character_share_a_shard() {
        for n in [1, 7, 64] {
            assert_eq!(shard_of("风险", n), shard_of("风", n));
        }
    }

    #[test]
    fn snippet_text_is_collapsed_and_cut() {
        assert_eq!(snippet_text(" a \n b  c "), "a b c");
        let long = "风".repeat(MAX_TEXT_CHARS * 2);
        assert_eq!(snippet_text(&long).chars().count(), MAX_TEXT_CHARS);
    }
}
