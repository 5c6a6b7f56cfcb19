//! `data/`: projects, people and programmes, from YAML (or CSV for people).
//! CSV is UTF-8 with or without BOM, or the encoding `folio.yaml` names for
//! it under `encodings:`, or else the legacy encoding chardetng detects (GBK
//! as Chinese offices export it, windows-1252 from Western spreadsheets).
//! Bytes that do not decode are an error at their line, never mojibake.

use encoding_rs::Encoding;
use serde::de::DeserializeOwned;

use crate::error::Rule;
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
            Rule::ProjectId,
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

/// How to decode a CSV file.
#[derive(Debug, Clone, Copy, Default)]
pub struct CsvEncoding {
    /// The encoding `folio.yaml` names for the file, if any.
    pub configured: Option<&'static Encoding>,
    /// The site's language code top-level domain (`cn` for zh-CN), a hint for detection.
    pub tld: Option<&'static str>,
}

/// Decodes CSV bytes: the configured encoding; else UTF-8 (BOM stripped);
/// else the encoding chardetng guesses. Undecodable bytes are an error.
pub fn decode_csv(file: &str, bytes: &[u8], how: CsvEncoding) -> Result<String, Diagnostic> {
    let utf8 = bytes.strip_prefix(b"\xEF\xBB\xBF");
    let encoding = match (how.configured, utf8) {
        (Some(e), _) => e,
        // A UTF-8 BOM says UTF-8 whatever else was guessed.
        (None, Some(_)) => encoding_rs::UTF_8,
        (None, None) if std::str::from_utf8(bytes).is_ok() => encoding_rs::UTF_8,
        (None, None) => {
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            detector.guess(how.tld.map(str::as_bytes), chardetng::Utf8Detection::Deny)
        }
    };
    let body = match utf8 {
        Some(rest) if encoding == encoding_rs::UTF_8 => rest,
        _ => bytes,
    };
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(
        decoder
            .max_utf8_buffer_length_without_replacement(body.len())
            .unwrap_or(body.len()),
    );
    let (result, read) = decoder.decode_to_string_without_replacement(body, &mut text, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(text),
        encoding_rs::DecoderResult::Malformed(bad, after) => {
            let offset = read.saturating_sub(usize::from(bad) + usize::from(after))
                + (bytes.len() - body.len());
            let line = bytes[..offset].iter().filter(|b| **b == b'\n').count() + 1;
            let mut d = Diagnostic::error(
                Rule::Encoding,
                file,
                format!(
                    "the bytes at byte offset {offset} (line {line}) are not valid {}; the file would be garbled",
                    encoding.name()
                ),
            )
            .with_hint(format!(
                "save the file as UTF-8, or name its encoding in folio.yaml: `encodings: {{ {file}: windows-1252 }}`"
            ));
            d.line = line;
            Err(d)
        }
        // The buffer was sized for the worst case; report rather than panic if not.
        encoding_rs::DecoderResult::OutputFull => {
            Err(
                Diagnostic::error(Rule::Encoding, file, "the file could not be decoded")
                    .with_hint("save the file as UTF-8"),
            )
        }
    }
}

/// Parses `people.csv` with header `id,name,role,team,capacity,email`;
/// returns the people and the decoded text (for later diagnostics).
pub fn parse_people_csv(
    file: &str,
    bytes: &[u8],
    how: CsvEncoding,
) -> Result<(Vec<Person>, String), Diagnostic> {
    let text = decode_csv(file, bytes, how)?;
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| Diagnostic::error(Rule::Csv, file, e.to_string()).at(&text, 1, 1))?
        .clone();
    const KNOWN: &[&str] = &["id", "name", "role", "team", "capacity", "email"];
    for (i, h) in headers.iter().enumerate() {
        if !KNOWN.contains(&h) {
            let mut d = Diagnostic::error(Rule::Csv, file, format!("unknown column `{h}`")).at(
                &text,
                1,
                i + 1,
            );
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
            Diagnostic::error(Rule::Csv, file, e.to_string()).at(&text, line, 1)
        })?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        // The record's first line, found from its byte offset: looking it up
        // by line number would rescan the file for every person.
        let row = record
            .position()
            .and_then(|p| text.get(usize::try_from(p.byte()).ok()?..))
            .and_then(|rest| rest.lines().next())
            .unwrap_or("");
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
                let column = csv_column(row, i);
                let mut d = Diagnostic::error(
                    Rule::TextTooLong,
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
        let column_of = |name: &str| {
            headers
                .iter()
                .position(|h| h == name)
                .map_or(1, |i| csv_column(row, i))
        };
        let Some(id) = get("id") else {
            return Err(Diagnostic::error(Rule::Csv, file, "a person has no id").at(&text, line, 1));
        };
        let capacity = match get("capacity") {
            None => At::bare(100.0),
            Some(c) => {
                let column = column_of("capacity");
                let value = c.trim_end_matches('%').parse::<f64>().map_err(|_| {
                    Diagnostic::error(Rule::Csv, file, format!("capacity `{c}` is not a number"))
                        .at(&text, line, column)
                        .with_hint("write capacity as a percent number, e.g. 100 or 50")
                })?;
                At::new(value, line, column)
            }
        };
        people.push(Person {
            name: get("name").unwrap_or_else(|| id.clone()),
            id: At::new(id, line, column_of("id")),
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

/// Reads and parses one project file (`data/projects/<id>.yaml`), returning
/// the project and the file's text. Public so an incremental build can
/// re-read a single file.
pub fn read_project(
    root: &std::path::Path,
    path: &std::path::Path,
    default_audience: &str,
) -> Result<(Project, String), Diagnostic> {
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let file = crate::error::display_path(root, path);
    let text = super::read_text(root, path)?;
    let project = parse_project(&id, &file, &text, default_audience)?;
    Ok((project, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_csv_is_decoded() {
        let (bytes, _, _) = encoding_rs::GBK.encode("id,name\nzhang.wei,张伟\n");
        let people = parse_people_csv("p.csv", &bytes, CsvEncoding::default())
            .unwrap()
            .0;
        assert_eq!(people[0].name, "张伟");
        assert_eq!(*people[0].capacity, 100.0);
    }

    fn csv(bytes: &[u8], configured: Option<&'static Encoding>) -> Result<String, Diagnostic> {
        decode_csv(
            "p.csv",
            bytes,
            CsvEncoding {
                configured,
                tld: None,
            },
        )
    }

    #[test]
    fn latin1_is_detected_not_garbled_as_gbk() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252
            .encode("id,name,team\nm.garcia,María García,Dirección Económica\nj.muller,Jürgen Müller,Außendienst\n");
        let text = csv(&bytes, None).unwrap();
        assert!(
            text.contains("María García") && text.contains("Jürgen Müller"),
            "{text}"
        );
    }

    #[test]
    fn the_zh_cn_example_is_still_read_as_gbk() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/zh-cn/data/people.csv"
        ))
        .unwrap();
        let how = CsvEncoding {
            configured: None,
            tld: Some("cn"),
        };
        let text = decode_csv("p.csv", &bytes, how).unwrap();
        assert!(text.contains("张伟"), "{text}");
    }

    #[test]
    fn a_configured_encoding_wins_and_bad_bytes_are_located() {
        let bytes = b"id,name\na,A\nb,\x81\n";
        let e = csv(b"id,name\na,A\nb,\xff\xff\n", Some(encoding_rs::SHIFT_JIS)).unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        assert!(e.message.contains("byte offset 14"), "{}", e.message);
        assert!(csv(bytes, Some(encoding_rs::WINDOWS_1252)).is_ok());
        let e = csv(b"id,name\na,\xef\xbb\n", Some(encoding_rs::UTF_8)).unwrap_err();
        assert_eq!(e.line, 2);
    }

    #[test]
    fn bom_is_stripped() {
        let people = parse_people_csv(
            "p.csv",
            "\u{feff}id,name,capacity\na,A,50\n".as_bytes(),
            CsvEncoding::default(),
        )
        .unwrap()
        .0;
        assert_eq!(people[0].id.as_str(), "a");
        assert_eq!(*people[0].capacity, 50.0);
    }

    #[test]
    fn bad_capacity_names_the_line() {
        let e = parse_people_csv(
            "p.csv",
            b"id,name,capacity\na,A,50\nb,B,lots\n",
            CsvEncoding::default(),
        )
        .unwrap_err();
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
