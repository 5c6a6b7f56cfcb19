//! Shortcodes: `{{ name(arg=value, …) }}` in a page's Markdown, found in the
//! source before pulldown-cmark sees it, so smart punctuation never touches
//! an argument. Each one is replaced by a marker (private-use characters and
//! its number) that passes through Markdown unchanged; the renderer swaps the
//! markers for the shortcode's HTML ([`expand`]) when it renders the page, so
//! the figures shown are those of the build, not of the Markdown.
//!
//! A shortcode starts at `{{` followed by a name and `(`; any other `{{` is
//! text. Inside code spans and code blocks nothing is a shortcode.
//! `{{/* chart(kind="evm") */}}` writes `{{ chart(kind="evm") }}` literally.
//! Values are `"strings"` (or `'strings'`, `\"` escapes a quote), integers,
//! decimals, `true` and `false`.
//!
//! The built-in shortcodes' arguments are checked here ([`BUILTIN`]); ids
//! (projects, programmes) are checked by the renderer, which knows the site.

use std::collections::BTreeMap;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};

use crate::error::{Diagnostic, Rule, did_you_mean};

/// Starts and ends a marker in the Markdown handed to pulldown-cmark.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// An argument value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

impl Value {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(n) => Some(*n),
            _ => None,
        }
    }
}

/// An argument with where its value starts in the page's source file.
#[derive(Debug, Clone, PartialEq)]
pub struct Arg {
    pub value: Value,
    pub line: usize,
    pub column: usize,
}

/// One shortcode call: its name, arguments and where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub name: String,
    pub args: BTreeMap<String, Arg>,
    pub line: usize,
    pub column: usize,
}

impl Call {
    pub fn str(&self, name: &str) -> Option<&str> {
        self.args.get(name).and_then(|a| a.value.as_str())
    }

    /// Where argument `name` is, or the call itself when it has none.
    pub fn at(&self, name: &str) -> (usize, usize) {
        self.args
            .get(name)
            .map_or((self.line, self.column), |a| (a.line, a.column))
    }
}

/// What a marker stands for.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Call(Call),
    /// An escaped shortcode, written as this text.
    Literal(String),
}

/// The kind of value an argument takes.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    Str,
    Int,
    /// One of these strings.
    OneOf(&'static [&'static str]),
}

/// A built-in shortcode: its arguments (name, kind, required).
pub struct Spec {
    pub name: &'static str,
    pub args: &'static [(&'static str, Kind, bool)],
}

/// Chart kinds: of one project (`evm`, `milestones`) or of the portfolio or a programme.
pub const CHART_KINDS: &[&str] = &[
    "evm",
    "milestones",
    "rag",
    "budget",
    "timeline",
    "value-risk",
];
/// Chart kinds drawn for one project.
pub const PROJECT_CHARTS: &[&str] = &["evm", "milestones"];
/// Figures `figure(metric=…)` shows.
pub const METRICS: &[&str] = &[
    "bac",
    "pv",
    "ev",
    "ac",
    "cv",
    "sv",
    "cpi",
    "spi",
    "eac",
    "etc",
    "vac",
    "tcpi",
    "percent_complete",
    "planned_percent",
    "health",
    "reported",
    "forecast_finish",
    "slip_days",
    "open_risk_score",
];
/// Values of `projects(health=…)`.
pub const HEALTH: &[&str] = &["green", "amber", "red", "na"];

/// The shortcodes folio provides.
pub const BUILTIN: &[Spec] = &[
    Spec {
        name: "chart",
        args: &[
            ("kind", Kind::OneOf(CHART_KINDS), true),
            ("project", Kind::Str, false),
            ("programme", Kind::Str, false),
        ],
    },
    Spec {
        name: "kpis",
        args: &[("programme", Kind::Str, false)],
    },
    Spec {
        name: "project_card",
        args: &[("id", Kind::Str, true)],
    },
    Spec {
        name: "risks",
        args: &[
            ("min_score", Kind::Int, false),
            ("project", Kind::Str, false),
            ("programme", Kind::Str, false),
            ("limit", Kind::Int, false),
        ],
    },
    Spec {
        name: "projects",
        args: &[
            ("programme", Kind::Str, false),
            ("health", Kind::OneOf(HEALTH), false),
        ],
    },
    Spec {
        name: "figure",
        args: &[
            ("project", Kind::Str, true),
            ("metric", Kind::OneOf(METRICS), true),
        ],
    },
];

/// Markdown with every shortcode replaced by a marker, what each marker stands for, and problems.
#[derive(Debug, Default)]
pub struct Extracted {
    pub markdown: String,
    pub pieces: Vec<Piece>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Where the Markdown is, for diagnostics.
pub struct Origin<'a> {
    pub file: &'a str,
    /// The whole source file, for snippets.
    pub source: &'a str,
    /// The line of the source file the Markdown starts at.
    pub first_line: usize,
}

/// Finds the shortcodes of `markdown`. `site` lists the names of the site's
/// own shortcodes (templates under `templates/shortcodes/`), which take any arguments.
/// `None` when the Markdown holds no shortcode (the common case costs one search).
pub fn extract(markdown: &str, origin: &Origin<'_>, site: &[String]) -> Option<Extracted> {
    if !markdown.contains("{{") {
        return None;
    }
    let code = code_ranges(markdown);
    let mut out = Extracted {
        markdown: String::with_capacity(markdown.len()),
        ..Extracted::default()
    };
    let mut copied = 0;
    let mut from = 0;
    while let Some(found) = markdown[from..].find("{{") {
        let start = from + found;
        from = start + 2;
        if let Some(r) = code.iter().find(|r| r.contains(&start)) {
            from = from.max(r.end);
            continue;
        }
        let (line, column) = position(markdown, start, origin.first_line);
        let rest = &markdown[start + 2..];
        // The escape: {{/* … */}} is written as {{ … }}.
        if let Some(inner) = rest.strip_prefix("/*") {
            if let Some(end) = inner.find("*/}}") {
                let text = format!("{{{{{}}}}}", &inner[..end]);
                push_marker(&mut out, &markdown[copied..start], Piece::Literal(text));
                copied = start + 2 + 2 + end + 4;
                from = copied;
            }
            continue;
        }
        let mut p = Cursor {
            text: markdown,
            at: start + 2,
            first_line: origin.first_line,
        };
        p.skip_ws();
        let name = p.ident().to_string();
        if name.is_empty() || !p.peek_is('(') {
            continue; // Not a shortcode: `{{` as text.
        }
        match p.call_rest(name, line, column) {
            Ok(call) => {
                if let Some(d) = check(&call, origin, site) {
                    out.diagnostics.push(d);
                }
                push_marker(&mut out, &markdown[copied..start], Piece::Call(call));
                copied = p.at;
                from = copied;
            }
            Err((at, message, hint)) => {
                let (l, c) = position(markdown, at, origin.first_line);
                out.diagnostics
                    .push(diagnostic(origin, l, c, message).with_hint(hint));
            }
        }
    }
    out.markdown.push_str(&markdown[copied..]);
    Some(out)
}

fn push_marker(out: &mut Extracted, before: &str, piece: Piece) {
    out.markdown.push_str(before);
    out.markdown.push(OPEN);
    out.markdown.push_str(&out.pieces.len().to_string());
    out.markdown.push(CLOSE);
    out.pieces.push(piece);
}

fn diagnostic(origin: &Origin<'_>, line: usize, column: usize, message: String) -> Diagnostic {
    Diagnostic::error(Rule::Shortcode, origin.file, message).at(origin.source, line, column)
}

/// The name and arguments of a call checked against the built-in shortcodes and the site's.
fn check(call: &Call, origin: &Origin<'_>, site: &[String]) -> Option<Diagnostic> {
    let err = |(line, column): (usize, usize), message: String, hint: String| {
        Some(diagnostic(origin, line, column, message).with_hint(hint))
    };
    if site.contains(&call.name) {
        return None;
    }
    let Some(spec) = BUILTIN.iter().find(|s| s.name == call.name) else {
        let mut names: Vec<&str> = BUILTIN.iter().map(|s| s.name).collect();
        names.extend(site.iter().map(String::as_str));
        let hint = match did_you_mean(&call.name, &names) {
            Some(n) => format!("did you mean `{n}`?"),
            None => format!(
                "the shortcodes are {}; a site adds its own as templates/shortcodes/<name>.html",
                names.join(", ")
            ),
        };
        return err(
            (call.line, call.column),
            format!("unknown shortcode `{}`", call.name),
            hint,
        );
    };
    let known: Vec<&str> = spec.args.iter().map(|a| a.0).collect();
    for (name, arg) in &call.args {
        let Some((_, kind, _)) = spec.args.iter().find(|a| a.0 == name) else {
            let hint = did_you_mean(name, &known).map_or_else(
                || format!("`{}` takes {}", spec.name, known.join(", ")),
                |n| format!("did you mean `{n}`?"),
            );
            return err(
                (arg.line, arg.column),
                format!("unknown argument `{name}` of `{}`", spec.name),
                hint,
            );
        };
        let wrong = |what: &str| {
            err(
                (arg.line, arg.column),
                format!("`{name}` of `{}` must be {what}", spec.name),
                format!("write {name}={}", example(*kind)),
            )
        };
        match (kind, &arg.value) {
            (Kind::Str, Value::Str(_)) | (Kind::Int, Value::Int(_)) => {}
            (Kind::OneOf(list), Value::Str(s)) => {
                if !list.contains(&s.as_str()) {
                    let hint = did_you_mean(s, list).map_or_else(
                        || format!("one of {}", list.join(", ")),
                        |n| format!("did you mean `{n}`?"),
                    );
                    return err(
                        (arg.line, arg.column),
                        format!("unknown {name} `{s}` of `{}`", spec.name),
                        hint,
                    );
                }
            }
            (Kind::Str | Kind::OneOf(_), _) => return wrong("a quoted string"),
            (Kind::Int, _) => return wrong("a whole number"),
        }
    }
    for (name, _, required) in spec.args {
        if *required && !call.args.contains_key(*name) {
            return err(
                (call.line, call.column),
                format!("`{}` needs `{name}`", spec.name),
                format!("write {}({name}=…)", spec.name),
            );
        }
    }
    None
}

fn example(kind: Kind) -> String {
    match kind {
        Kind::Str => "\"…\"".into(),
        Kind::Int => "15".into(),
        Kind::OneOf(list) => format!("\"{}\"", list.first().copied().unwrap_or("")),
    }
}

/// Byte ranges of code spans and code blocks, where `{{` is text.
fn code_ranges(markdown: &str) -> Vec<Range<usize>> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    Parser::new_ext(markdown, options)
        .into_offset_iter()
        .filter_map(|(e, r)| match e {
            Event::Code(_) | Event::Start(Tag::CodeBlock(_)) => Some(r),
            _ => None,
        })
        .collect()
}

/// Line (in the source file) and 1-based column (in characters) of byte `offset`.
fn position(markdown: &str, offset: usize, first_line: usize) -> (usize, usize) {
    let before = &markdown[..offset.min(markdown.len())];
    let line = first_line + before.matches('\n').count();
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

type ParseError = (usize, String, String);

struct Cursor<'a> {
    text: &'a str,
    at: usize,
    first_line: usize,
}

impl Cursor<'_> {
    fn rest(&self) -> &str {
        &self.text[self.at..]
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start().len();
    }

    fn peek_is(&self, c: char) -> bool {
        self.rest().starts_with(c)
    }

    fn ident(&mut self) -> &str {
        let start = self.at;
        let len = self
            .rest()
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(self.rest().len());
        self.at += len;
        &self.text[start..start + len]
    }

    fn fail<T>(&self, message: &str, hint: &str) -> Result<T, ParseError> {
        Err((self.at, message.to_string(), hint.to_string()))
    }

    /// After the name: `(args) }}`.
    fn call_rest(&mut self, name: String, line: usize, column: usize) -> Result<Call, ParseError> {
        self.at += 1; // (
        let mut args = BTreeMap::new();
        loop {
            self.skip_ws();
            if self.peek_is(')') {
                self.at += 1;
                break;
            }
            let arg_at = self.at;
            let key = self.ident().to_string();
            if key.is_empty() {
                return self.fail(
                    &format!("expected an argument name or `)` in shortcode `{name}`"),
                    "write arguments as name=value, separated by commas",
                );
            }
            self.skip_ws();
            if !self.peek_is('=') {
                return self.fail(
                    &format!("expected `=` after `{key}`"),
                    "write arguments as name=value",
                );
            }
            self.at += 1;
            self.skip_ws();
            let (vl, vc) = position(self.text, self.at, self.first_line);
            let value = self.value()?;
            if args
                .insert(
                    key.clone(),
                    Arg {
                        value,
                        line: vl,
                        column: vc,
                    },
                )
                .is_some()
            {
                self.at = arg_at;
                return self.fail(
                    &format!("`{key}` is given twice"),
                    "give each argument once",
                );
            }
            self.skip_ws();
            if self.peek_is(',') {
                self.at += 1;
            } else if !self.peek_is(')') {
                return self.fail(
                    "expected `,` or `)`",
                    "separate arguments with commas; quote text values",
                );
            }
        }
        self.skip_ws();
        if !self.rest().starts_with("}}") {
            return self.fail(
                &format!("shortcode `{name}` is not closed with `}}}}`"),
                "end it as {{ name(…) }}; to write it literally, use {{/* … */}}",
            );
        }
        self.at += 2;
        Ok(Call {
            name,
            args,
            line,
            column,
        })
    }

    fn value(&mut self) -> Result<Value, ParseError> {
        let rest = self.rest();
        let Some(first) = rest.chars().next() else {
            return self.fail("expected a value", "quote text values: name=\"text\"");
        };
        if first == '"' || first == '\'' {
            let mut s = String::new();
            let mut chars = rest.char_indices().skip(1);
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => match chars.next() {
                        Some((_, e)) => s.push(e),
                        None => break,
                    },
                    '\n' => break,
                    c if c == first => {
                        self.at += i + 1;
                        return Ok(Value::Str(s));
                    }
                    c => s.push(c),
                }
            }
            return self.fail(
                "the quoted value is not closed on its line",
                "close the value with the quote it starts with",
            );
        }
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+' | '_')))
            .unwrap_or(rest.len());
        let word = &rest[..len];
        let value = match word {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => word.parse::<i64>().map(Value::Int).ok().or_else(|| {
                word.parse::<f64>()
                    .ok()
                    .filter(|f| f.is_finite())
                    .map(Value::Float)
            }),
        };
        match value {
            Some(v) => {
                self.at += len;
                Ok(v)
            }
            None => self.fail(
                &format!("`{word}` is not a value"),
                "quote text values: name=\"text\"; numbers and true/false are written bare",
            ),
        }
    }
}

/// Replaces each marker of `html` by what `f` makes of it: a marker alone in
/// a paragraph (`<p>M</p>`, a shortcode on its own line) replaces the paragraph
/// (`block` is true). Markers `f` is not asked about (a number out of range)
/// are dropped.
pub fn expand<E>(
    html: &str,
    count: usize,
    mut f: impl FnMut(usize, bool) -> Result<String, E>,
) -> Result<String, E> {
    let mut out = String::with_capacity(html.len() + count * 256);
    let mut rest = html;
    while let Some(i) = rest.find(OPEN) {
        let after = &rest[i + OPEN.len_utf8()..];
        let Some(j) = after.find(CLOSE) else {
            break;
        };
        let n = after[..j].parse::<usize>().ok().filter(|&n| n < count);
        let tail = &after[j + CLOSE.len_utf8()..];
        let block = rest[..i].ends_with("<p>") && tail.starts_with("</p>");
        let (head, tail) = if block {
            (&rest[..i - 3], &tail[4..])
        } else {
            (&rest[..i], tail)
        };
        out.push_str(head);
        if let Some(n) = n {
            out.push_str(&f(n, block)?);
        }
        rest = tail;
    }
    out.push_str(rest);
    Ok(out)
}

/// `text` without markers (for search text, summaries and headings).
pub fn strip(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut inside = false;
    for c in text.chars() {
        match c {
            OPEN => inside = true,
            CLOSE => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

/// Whether `text` holds a marker.
pub fn has_marker(text: &str) -> bool {
    text.contains(OPEN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin(source: &str) -> Origin<'_> {
        Origin {
            file: "content/a.md",
            source,
            first_line: 1,
        }
    }

    fn run(md: &str) -> Extracted {
        extract(md, &origin(md), &["youtube".to_string()]).unwrap_or_default()
    }

    #[test]
    fn finds_calls_with_their_arguments_and_places() {
        let md = "Intro\n\nCPI is {{ figure(project=\"apollo\", metric='cpi') }} now.\n\n{{ risks(min_score=15) }}\n";
        let e = run(md);
        assert!(e.diagnostics.is_empty(), "{:?}", e.diagnostics);
        assert_eq!(e.pieces.len(), 2);
        let Piece::Call(c) = &e.pieces[0] else {
            panic!("a call");
        };
        assert_eq!(c.name, "figure");
        assert_eq!((c.line, c.column), (3, 8));
        assert_eq!(c.str("project"), Some("apollo"));
        assert_eq!(c.at("metric"), (3, 43));
        let Piece::Call(r) = &e.pieces[1] else {
            panic!("a call");
        };
        assert_eq!(r.args["min_score"].value, Value::Int(15));
        assert!(!e.markdown.contains("{{"), "{}", e.markdown);
        assert_eq!(strip(&e.markdown), "Intro\n\nCPI is  now.\n\n\n");
    }

    #[test]
    fn code_and_plain_braces_stay_text_and_the_escape_writes_one_literally() {
        let md = "`{{ chart(kind=\"evm\") }}`\n\n```\n{{ kpis() }}\n```\n\n{{ not a call }} {{/* kpis(programme=\"cx\") */}}\n";
        let e = run(md);
        assert!(e.diagnostics.is_empty(), "{:?}", e.diagnostics);
        assert_eq!(
            e.pieces,
            vec![Piece::Literal("{{ kpis(programme=\"cx\") }}".into())]
        );
        assert!(e.markdown.contains("`{{ chart(kind=\"evm\") }}`"));
        assert!(e.markdown.contains("{{ kpis() }}\n```"));
        assert!(e.markdown.contains("{{ not a call }}"));
    }

    #[test]
    fn unknown_names_arguments_and_values_are_errors_with_a_suggestion() {
        let cases = [
            ("{{ chrat(kind=\"evm\") }}", 1, 1, "did you mean `chart`?"),
            ("x {{ chart(knd=\"evm\") }}", 1, 16, "did you mean `kind`?"),
            ("{{ chart(kind=\"evn\") }}", 1, 15, "did you mean `evm`?"),
            ("{{ risks(min_score=\"15\") }}", 1, 20, "write min_score=15"),
            (
                "{{ figure(metric=\"cpi\") }}",
                1,
                1,
                "write figure(project=…)",
            ),
            ("{{ youtub(id=\"x\") }}", 1, 1, "did you mean `youtube`?"),
        ];
        for (md, line, column, hint) in cases {
            let e = run(md);
            assert_eq!(e.diagnostics.len(), 1, "{md}: {:?}", e.diagnostics);
            let d = &e.diagnostics[0];
            assert_eq!((d.line, d.column), (line, column), "{md}");
            assert_eq!(d.hint.as_deref(), Some(hint), "{md}");
        }
        // A site shortcode takes any argument.
        assert!(
            run("{{ youtube(id=\"x\", start=10) }}")
                .diagnostics
                .is_empty()
        );
    }

    #[test]
    fn syntax_errors_point_at_the_problem() {
        for (md, column) in [
            ("{{ chart(kind=\"evm) }}", 15),
            ("{{ chart(kind=evm) }}", 15),
            ("{{ chart(kind=\"evm\" project=\"a\") }}", 21),
            ("{{ chart(kind=\"evm\") }", 22),
        ] {
            let e = run(md);
            assert_eq!(e.diagnostics.len(), 1, "{md}");
            assert_eq!(e.diagnostics[0].column, column, "{md}");
            assert!(e.pieces.is_empty(), "{md}");
        }
    }

    #[test]
    fn markers_expand_as_blocks_or_inline() {
        let md = "{{ kpis() }}\n\nCPI {{ figure(project=\"a\", metric=\"cpi\") }}.\n";
        let e = run(md);
        let html = format!(
            "<p>{}</p>\n<p>{}</p>\n",
            e.markdown.lines().next().unwrap_or(""),
            e.markdown.lines().nth(2).unwrap_or("")
        );
        let out: Result<String, ()> = expand(&html, e.pieces.len(), |n, block| {
            Ok(format!("[{n} {block}]"))
        });
        assert_eq!(out, Ok("[0 true]\n<p>CPI [1 false].</p>\n".to_string()));
        assert!(has_marker(&e.markdown));
    }
}
