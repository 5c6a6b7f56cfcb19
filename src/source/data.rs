//! `data/`: projects, people and programmes, from YAML (or CSV for people).
//! CSV may be UTF-8 with or without BOM, or GBK as Chinese offices export it.

use serde::de::DeserializeOwned;

use crate::error::{Diagnostic, yaml_diagnostic};
use crate::model::{At, Person, Programme, Project, ProjectData};

/// Parses one project file; `id` is the file stem.
pub fn parse_project(
    id: &str,
    file: &str,
    text: &str,
    default_audience: &str,
) -> Result<Project, Diagnostic> {
    if !crate::model::is_valid_id(id) {
        return Err(Diagnostic::error(
            "project-id",
            file,
            format!("project id `{id}` has characters that cannot go in a URL"),
        )
        .with_hint("rename the file using letters, digits, `-` and `_`"));
    }
    let data: ProjectData = parse_yaml(file, text)?;
    let audience = data
        .audience
        .as_ref()
        .map_or_else(|| default_audience.to_string(), |a| a.value.clone());
    Ok(Project {
        id: id.to_string(),
        file: file.to_string(),
        data,
        audience,
    })
}

pub fn parse_yaml<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, Diagnostic> {
    super::limits::text_limits(file, text, 0, text)?;
    serde_saphyr::from_str(text).map_err(|e| yaml_diagnostic(file, text, 0, &e))
}

pub fn parse_people_yaml(file: &str, text: &str) -> Result<Vec<Person>, Diagnostic> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    parse_yaml(file, text)
}

pub fn parse_programmes(file: &str, text: &str) -> Result<Vec<Programme>, Diagnostic> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    parse_yaml(file, text)
}

/// Decodes CSV bytes: UTF-8 (BOM stripped) or, failing that, GBK.
pub fn decode_csv(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GBK
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// Parses `people.csv` with header `id,name,role,team,capacity,email`;
/// returns the people and the decoded text (for later diagnostics).
pub fn parse_people_csv(file: &str, bytes: &[u8]) -> Result<(Vec<Person>, String), Diagnostic> {
    let text = decode_csv(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| Diagnostic::error("csv", file, e.to_string()).at(&text, 1, 1))?
        .clone();
    const KNOWN: &[&str] = &["id", "name", "role", "team", "capacity", "email"];
    for (i, h) in headers.iter().enumerate() {
        if !KNOWN.contains(&h) {
            let mut d =
                Diagnostic::error("csv", file, format!("unknown column `{h}`")).at(&text, 1, i + 1);
            d.hint = Some(match crate::error::did_you_mean(h, KNOWN) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("people.csv columns: {}", KNOWN.join(", ")),
            });
            return Err(d);
        }
    }
    let mut people = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            Diagnostic::error("csv", file, e.to_string()).at(&text, line, 1)
        })?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let get = |name: &str| {
            headers
                .iter()
                .position(|h| h == name)
                .and_then(|i| record.get(i))
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        for (i, field) in record.iter().enumerate() {
            if field.len() > super::limits::MAX_SHORT_BYTES {
                let column = csv_column(text.lines().nth(line.saturating_sub(1)).unwrap_or(""), i);
                let mut d = Diagnostic::error(
                    "text-too-long",
                    file,
                    format!(
                        "this field is {} KiB; a people.csv field may have at most {} KiB",
                        field.len().div_ceil(1024),
                        super::limits::MAX_SHORT_BYTES / 1024
                    ),
                )
                .at(&text, line, column)
                .with_hint("shorten the value; check for a missing closing quote");
                d.snippet = None;
                return Err(d);
            }
        }
        let Some(id) = get("id") else {
            return Err(Diagnostic::error("csv", file, "a person has no id").at(&text, line, 1));
        };
        let capacity = match get("capacity") {
            None => At::bare(100.0),
            Some(c) => {
                let column = headers.iter().position(|h| h == "capacity").map_or(1, |i| {
                    csv_column(text.lines().nth(line.saturating_sub(1)).unwrap_or(""), i)
                });
                let value = c.trim_end_matches('%').parse::<f64>().map_err(|_| {
                    Diagnostic::error("csv", file, format!("capacity `{c}` is not a number"))
                        .at(&text, line, column)
                        .with_hint("write capacity as a percent number, e.g. 100 or 50")
                })?;
                At::new(value, line, column)
            }
        };
        people.push(Person {
            name: get("name").unwrap_or_else(|| id.clone()),
            id,
            role: get("role"),
            team: get("team"),
            capacity,
            email: get("email"),
        });
    }
    Ok((people, text))
}

/// The 1-based character column where field `index` of the CSV line `line`
/// starts (after any leading blanks, which the reader trims).
fn csv_column(line: &str, index: usize) -> usize {
    let mut field = 0;
    let mut quoted = false;
    let mut start = 0;
    for (i, c) in line.chars().enumerate() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                if field == index {
                    break;
                }
                field += 1;
                start = i + 1;
                continue;
            }
            _ => {}
        }
        if field == index && i == start && c.is_whitespace() {
            start += 1;
        }
    }
    start + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_csv_is_decoded() {
        let (bytes, _, _) = encoding_rs::GBK.encode("id,name\nzhang.wei,张伟\n");
        let people = parse_people_csv("p.csv", &bytes).unwrap().0;
        assert_eq!(people[0].name, "张伟");
        assert_eq!(*people[0].capacity, 100.0);
    }

    #[test]
    fn bom_is_stripped() {
        let people = parse_people_csv("p.csv", "\u{feff}id,name,capacity\na,A,50\n".as_bytes())
            .unwrap()
            .0;
        assert_eq!(people[0].id, "a");
        assert_eq!(*people[0].capacity, 50.0);
    }

    #[test]
    fn bad_capacity_names_the_line() {
        let e = parse_people_csv("p.csv", b"id,name,capacity\na,A,50\nb,B,lots\n").unwrap_err();
        assert_eq!((e.line, e.column), (3, 5));
    }

    #[test]
    fn csv_columns_count_characters_and_skip_quoted_commas() {
        assert_eq!(csv_column("a,\"B, b\",  50", 2), 12);
        assert_eq!(csv_column("ä,B,50", 2), 5);
        assert_eq!(csv_column("a,B,50", 0), 1);
    }

    #[test]
    fn unknown_project_key_names_the_line() {
        let e = parse_project(
            "x",
            "x.yaml",
            "name: X\nphase: execution\nmanger: a\n",
            "internal",
        )
        .unwrap_err();
        assert_eq!(e.line, 3);
        assert_eq!(e.hint.as_deref(), Some("did you mean `manager`?"));
    }
}
