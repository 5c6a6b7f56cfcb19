//! Positions in a project file for values the model keeps without a span
//! (dates, optional fields, a key that is missing): the top-level key, the
//! n-th item of a top-level list, and a key inside that item, for both
//! block (`- name: x`) and flow (`- { name: x }`) YAML. Each answer is a
//! 1-based (line, column in characters) of the value (or of the key when
//! it has no value); `None` when the text does not have that shape, and the
//! caller falls back to a coarser position.

/// Where a top-level `key:` is written, at its value.
pub fn key(source: &str, key: &str) -> Option<(usize, usize)> {
    let prefix = format!("{key}:");
    source.lines().enumerate().find_map(|(i, l)| {
        l.starts_with(&prefix)
            .then(|| (i + 1, value_column(l, prefix.chars().count())))
    })
}

/// The line of the `index`-th item (0-based) of the top-level list `list`.
pub fn item(source: &str, list: &str, index: usize) -> Option<usize> {
    let prefix = format!("{list}:");
    let lines: Vec<&str> = source.lines().collect();
    let start = lines.iter().position(|l| l.starts_with(&prefix))?;
    let mut indent: Option<usize> = None;
    let mut n = 0;
    for (i, l) in lines.iter().enumerate().skip(start + 1) {
        let trimmed = l.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let ind = l.len() - trimmed.len();
        if ind == 0 && !trimmed.starts_with('-') {
            return None;
        }
        if trimmed.starts_with("- ") || trimmed == "-" {
            let at = *indent.get_or_insert(ind);
            if ind == at {
                if n == index {
                    return Some(i + 1);
                }
                n += 1;
            }
        }
    }
    None
}

/// The first line of the list item (`- …`) that holds `line` (1-based).
pub fn item_at(source: &str, line: usize) -> usize {
    let lines: Vec<&str> = source.lines().collect();
    (1..=line.min(lines.len()))
        .rev()
        .find(|&l| lines[l - 1].trim_start().starts_with('-'))
        .unwrap_or(line)
}

/// The value of `key` in the list item holding `line`, else the item's start.
pub fn field_near(source: &str, line: usize, key: &str) -> (usize, usize) {
    let start = item_at(source, line);
    field(source, start, key).unwrap_or_else(|| item_start(source, start))
}

/// The value of `key` inside the list item starting at `line` (1-based).
pub fn field(source: &str, line: usize, key: &str) -> Option<(usize, usize)> {
    let lines: Vec<&str> = source.lines().collect();
    let first = lines.get(line.checked_sub(1)?)?;
    let item_indent = first.len() - first.trim_start().len();
    for (i, l) in lines.iter().enumerate().skip(line - 1) {
        let trimmed = l.trim_start();
        let ind = l.len() - trimmed.len();
        if i >= line && !trimmed.is_empty() && ind <= item_indent {
            break;
        }
        if let Some(col) = key_in_line(l, key) {
            return Some((i + 1, col));
        }
    }
    None
}

/// `item` and then `field`, else the item's line, else the list's key.
pub fn item_field(source: &str, list: &str, index: usize, k: &str) -> (usize, usize) {
    match item(source, list, index) {
        Some(line) => field(source, line, k).unwrap_or_else(|| item_start(source, line)),
        None => key(source, list).unwrap_or((0, 0)),
    }
}

/// The position of the first character after `- ` on `line`.
fn item_start(source: &str, line: usize) -> (usize, usize) {
    let text = source.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let dash = text.chars().take_while(|c| *c == ' ').count();
    (line, dash + 3)
}

/// The column of `key:`'s value on `l` when `l` holds that key (at the start
/// of the line, after `- `, or after `{`/`,` in a flow mapping).
fn key_in_line(l: &str, key: &str) -> Option<usize> {
    let pat = format!("{key}:");
    let mut from = 0;
    while let Some(pos) = l[from..].find(&pat) {
        let at = from + pos;
        let before = l[..at].trim_end();
        if before.is_empty()
            || before.ends_with('-')
            || before.ends_with('{')
            || before.ends_with(',')
        {
            let chars_before = l[..at].chars().count();
            return Some(value_column(&l[at..], pat.chars().count()) + chars_before);
        }
        from = at + pat.len();
    }
    None
}

/// 1-based column of the value after a key of `key_len` characters at the
/// start of `l` (the key's own column when no value follows on the line).
fn value_column(l: &str, key_len: usize) -> usize {
    let rest: String = l.chars().skip(key_len).collect();
    let spaces = rest.chars().take_while(|c| *c == ' ').count();
    if rest.trim().is_empty() || rest.trim_start().starts_with('#') {
        1
    } else {
        key_len + spaces + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "name: X\nphase:  closed\nrisks:\n  - { id: R1, review: 2026-01-01 }\n  - id: R2\n    title: T\n    review: 2026-02-01\nissues: []\n";

    #[test]
    fn finds_keys_items_and_fields() {
        assert_eq!(key(SRC, "phase"), Some((2, 9)));
        assert_eq!(key(SRC, "manager"), None);
        assert_eq!(item(SRC, "risks", 0), Some(4));
        assert_eq!(item(SRC, "risks", 1), Some(5));
        assert_eq!(item(SRC, "risks", 2), None);
        assert_eq!(field(SRC, 4, "review"), Some((4, 23)));
        assert_eq!(field(SRC, 5, "review"), Some((7, 13)));
        assert_eq!(field(SRC, 4, "owner"), None);
        assert_eq!(item_field(SRC, "risks", 0, "owner"), (4, 5));
        assert_eq!(item_at(SRC, 6), 5);
        assert_eq!(field_near(SRC, 6, "review"), (7, 13));
    }
}
