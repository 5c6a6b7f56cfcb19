//! The search tokeniser, shared in spirit with the query side in
//! `themes/default/static/assets/search.js`: both must produce the same
//! tokens for the same text, and the integration test `search_js` runs the
//! JavaScript over the strings of [`PARITY_SAMPLES`] to prove it.
//!
//! Rules, in order:
//! 1. Full-width ASCII (`Ａ`, `１`, `－`) becomes ASCII and the ideographic
//!    space a space; everything is lower-cased.
//! 2. Text splits into runs of CJK characters (Han, kana) and runs of other
//!    letters and digits; everything else separates tokens.
//! 3. A letter/digit run is one token (project ids like `crm-rollout` become
//!    `crm` + `rollout`); short English stop words are dropped and plural
//!    endings stripped (`risks` → `risk`, `activities` → `activity`).
//! 4. A CJK run becomes its overlapping bigrams (`风险应对` → `风险`, `险应`,
//!    `应对`); a one-character run is a single token. When indexing, the last
//!    character of a longer run is also emitted, so every character starts
//!    some token and a one-character query can be answered by a prefix lookup.

/// How the text is being tokenised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Document text: also emits the trailing character of each CJK run.
    Index,
    /// A search query: bigrams only (a lone CJK character stays one token).
    Query,
}

/// Longest letter/digit token kept; longer runs are hashes or base64, not words.
pub const MAX_WORD_CHARS: usize = 40;

/// Words too common to help ranking; dropped on both sides.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "in", "is", "it", "of", "on", "or",
    "the", "this", "that", "to", "was", "with",
];

/// Strings the integration test also tokenises with the JavaScript side.
pub const PARITY_SAMPLES: &[&str] = &[
    "Vendor risks: the CRM-rollout slipped 3 weeks (R1, I2).",
    "风险应对策略：规避、转移、减轻、接受",
    "CRM系统上线，SAP ERP 升级；２０２６年Ｑ３完成",
    "Ａｐｏｌｌｏ　ＣＲＭ：经验教训",
    "activities processes boxes classes bus analysis stakeholders's",
    "风",
    "险 风 a",
    "ひらがなカタカナ漢字 mixed",
    "e-invoicing 2026-10-31 v1.2.3 über naïve Café",
    "𠀋𠀌 astral Han",
];

use std::borrow::Cow;

/// Tokens of `text`, in order of appearance (duplicates kept).
pub fn tokenize(text: &str, mode: Mode) -> Vec<String> {
    let mut out = Vec::new();
    for_each_token(text, mode, |t| out.push(t.to_string()));
    out
}

/// Calls `emit` with each token of `text` without allocating one string per
/// token — the index builder runs this over every document of the site.
pub fn for_each_token(text: &str, mode: Mode, mut emit: impl FnMut(&str)) {
    let mut word = String::new();
    let mut cjk: Vec<char> = Vec::new();
    let mut buf = String::new();
    for c in text.chars().map(normalize) {
        if is_cjk(c) {
            flush_word(&mut word, &mut emit);
            cjk.push(c);
        } else if c.is_alphanumeric() {
            flush_cjk(&mut cjk, mode, &mut buf, &mut emit);
            if c.is_ascii() {
                word.push(c.to_ascii_lowercase());
            } else {
                word.extend(c.to_lowercase());
            }
        } else {
            flush_word(&mut word, &mut emit);
            flush_cjk(&mut cjk, mode, &mut buf, &mut emit);
        }
    }
    flush_word(&mut word, &mut emit);
    flush_cjk(&mut cjk, mode, &mut buf, &mut emit);
}

/// Full-width ASCII → ASCII; ideographic space → space.
pub fn normalize(c: char) -> char {
    match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    }
}

/// Han ideographs (all planes) and Japanese kana: scripts written without spaces.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF       // hiragana, katakana
        | 0x3400..=0x4DBF     // extension A
        | 0x4E00..=0x9FFF     // unified ideographs
        | 0xF900..=0xFAFF     // compatibility ideographs
        | 0x20000..=0x3134F   // extensions B–G
    )
}

fn flush_word(word: &mut String, emit: &mut impl FnMut(&str)) {
    if word.is_empty() {
        return;
    }
    if word.chars().count() <= MAX_WORD_CHARS && !STOP_WORDS.contains(&word.as_str()) {
        emit(&stem(word));
    }
    word.clear();
}

fn flush_cjk(run: &mut Vec<char>, mode: Mode, buf: &mut String, emit: &mut impl FnMut(&str)) {
    let mut one = |chars: &[char]| {
        buf.clear();
        buf.extend(chars);
        emit(buf);
    };
    match run.len() {
        0 => return,
        1 => one(&run[..]),
        n => {
            for pair in run.windows(2) {
                one(pair);
            }
            if mode == Mode::Index {
                one(&run[n - 1..]);
            }
        }
    }
    run.clear();
}

/// Strips English plural endings from lower-case ASCII words; others unchanged.
pub fn stem(word: &str) -> Cow<'_, str> {
    if !word.bytes().all(|b| b.is_ascii_lowercase()) || word.len() <= 3 {
        return Cow::Borrowed(word);
    }
    if let Some(base) = word.strip_suffix("ies")
        && base.len() >= 2
    {
        return Cow::Owned(format!("{base}y"));
    }
    for ending in ["sses", "xes", "ches", "shes"] {
        if word.ends_with(ending) {
            return Cow::Borrowed(&word[..word.len() - 2]);
        }
    }
    if word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
    {
        return Cow::Borrowed(&word[..word.len() - 1]);
    }
    Cow::Borrowed(word)
}

#[cfg(test)]
mod tests {
    use super::{Mode, tokenize};

    fn index(text: &str) -> Vec<String> {
        tokenize(text, Mode::Index)
    }
    fn query(text: &str) -> Vec<String> {
        tokenize(text, Mode::Query)
    }

    #[test]
    fn english_words_are_lower_cased_stemmed_and_stop_words_dropped() {
        assert_eq!(
            index("The Vendor Risks of Activities"),
            ["vendor", "risk", "activity"]
        );
        assert_eq!(
            index("processes boxes classes bus analysis"),
            ["process", "box", "class", "bus", "analysis"]
        );
    }

    #[test]
    fn cjk_text_becomes_bigrams_and_a_trailing_character_when_indexing() {
        assert_eq!(query("风险应对"), ["风险", "险应", "应对"]);
        assert_eq!(index("风险应对"), ["风险", "险应", "应对", "对"]);
        assert_eq!(query("风"), ["风"]);
        assert_eq!(index("风"), ["风"]);
    }

    #[test]
    fn mixed_english_and_chinese_split_at_the_script_boundary() {
        assert_eq!(
            query("CRM系统上线 SAP升级"),
            ["crm", "系统", "统上", "上线", "sap", "升级"]
        );
    }

    #[test]
    fn punctuation_separates_cjk_runs() {
        assert_eq!(
            query("规避、转移，减轻。接受！"),
            ["规避", "转移", "减轻", "接受"]
        );
        assert_eq!(query("“风险”"), ["风险"]);
    }

    #[test]
    fn full_width_characters_are_folded_to_ascii() {
        assert_eq!(query("ＣＲＭ　２０２６"), ["crm", "2026"]);
        assert_eq!(query("Ｑ３：风险"), ["q3", "风险"]);
    }

    #[test]
    fn numbers_and_project_ids_are_tokens() {
        assert_eq!(
            query("crm-rollout R1 2026-10-31 1.5"),
            ["crm", "rollout", "r1", "2026", "10", "31", "1", "5"]
        );
    }

    #[test]
    fn non_ascii_letters_are_words_and_astral_han_is_cjk() {
        assert_eq!(query("Café naïve"), ["café", "naïve"]);
        assert_eq!(query("𠀋𠀌"), ["𠀋𠀌"]);
    }

    #[test]
    fn overlong_runs_are_dropped() {
        let junk = "x".repeat(super::MAX_WORD_CHARS + 1);
        assert_eq!(query(&format!("{junk} ok")), ["ok"]);
    }
}
