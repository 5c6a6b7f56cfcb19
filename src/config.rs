//! `folio.yaml` → [`Config`]: typed, validated, with defaults applied.
//! Unknown keys are errors with a "did you mean" hint (through serde-saphyr).

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::error::Rule;
use crate::error::{Diagnostic, yaml_diagnostic};
use crate::model::At;

pub const CONFIG_FILE: &str = "folio.yaml";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
pub enum Language {
    #[default]
    #[serde(rename = "en")]
    En,
    #[serde(rename = "zh-CN")]
    ZhCn,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::ZhCn => "zh-CN",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    #[default]
    Month,
    Quarter,
}

#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct Reporting {
    pub period: Period,
}

/// A threshold: a finite number, not negative (`.nan` would make every
/// comparison false and print `NaN%`). Refused at the value while parsing.
fn threshold<'de, D: serde::Deserializer<'de>>(de: D) -> Result<f64, D::Error> {
    let v = f64::deserialize(de)?;
    if v.is_finite() && v >= 0.0 {
        Ok(v)
    } else {
        Err(serde::de::Error::custom(format!(
            "threshold {v} is not a usable number; thresholds are finite and not negative"
        )))
    }
}

/// A lower-is-worse ratio rule (CPI, SPI): below `amber` is amber, below `red` is red.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RatioThreshold {
    #[serde(deserialize_with = "threshold")]
    pub amber: f64,
    #[serde(deserialize_with = "threshold")]
    pub red: f64,
}

/// A higher-is-worse percentage rule: at or above `amber` is amber, at or above `red` is red.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PercentThreshold {
    #[serde(deserialize_with = "threshold")]
    pub amber: f64,
    #[serde(deserialize_with = "threshold")]
    pub red: f64,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RiskThreshold {
    pub medium: u32,
    pub high: u32,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AllocationThreshold {
    #[serde(deserialize_with = "threshold")]
    pub over: f64,
    #[serde(deserialize_with = "threshold")]
    pub tolerance: f64,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Thresholds {
    pub cpi: RatioThreshold,
    pub spi: RatioThreshold,
    pub slip_percent: PercentThreshold,
    pub cost_overrun_percent: PercentThreshold,
    pub risk_score: RiskThreshold,
    pub allocation_percent: AllocationThreshold,
    /// Which SPI the schedule health reads: SPI(t) from earned schedule
    /// (`time`, the default) or EV / PV (`cost`).
    pub spi_basis: SpiBasis,
}

/// The SPI the `spi` thresholds apply to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpiBasis {
    /// SPI(t) = ES / AT.
    #[default]
    Time,
    /// SPI = EV / PV.
    Cost,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            cpi: RatioThreshold {
                amber: 0.95,
                red: 0.90,
            },
            spi: RatioThreshold {
                amber: 0.95,
                red: 0.90,
            },
            slip_percent: PercentThreshold {
                amber: 10.0,
                red: 20.0,
            },
            cost_overrun_percent: PercentThreshold {
                amber: 10.0,
                red: 20.0,
            },
            risk_score: RiskThreshold {
                medium: 5,
                high: 15,
            },
            allocation_percent: AllocationThreshold {
                over: 100.0,
                tolerance: 110.0,
            },
            spi_basis: SpiBasis::Time,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownOptions {
    pub raw_html: bool,
    pub smart_punctuation: bool,
}

impl Default for MarkdownOptions {
    fn default() -> Self {
        Self {
            raw_html: true,
            smart_punctuation: true,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleSeverity {
    Error,
    Warning,
    Info,
    Off,
}

/// The site configuration as written in `folio.yaml`, defaults applied.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub title: String,
    pub description: Option<String>,
    pub author: Option<String>,
    pub base_url: Option<String>,
    pub language: Language,
    pub theme: String,
    pub as_of: Option<Date>,
    pub currency: String,
    pub audiences: Vec<String>,
    pub default_audience: Option<String>,
    pub reporting: Reporting,
    pub thresholds: Thresholds,
    pub taxonomies: Vec<String>,
    /// Severity overrides by rule id (`recovery-plan-missing: error`); each
    /// id is checked against the rules folio has (`unknown-rule`).
    pub rules: BTreeMap<At<String>, RuleSeverity>,
    pub markdown: MarkdownOptions,
    /// Character encoding of CSV files by site-relative path, e.g.
    /// `encodings: { data/people.csv: windows-1252 }`. Files not listed are
    /// read as UTF-8, or detected when they are not valid UTF-8.
    pub encodings: BTreeMap<At<String>, At<String>>,
}

/// The CSV files folio reads, for which `encodings` may name an encoding.
pub const CSV_FILES: &[&str] = &["data/people.csv"];

impl Default for Config {
    fn default() -> Self {
        Self {
            title: "folio".into(),
            description: None,
            author: None,
            base_url: None,
            language: Language::En,
            theme: "default".into(),
            as_of: None,
            currency: "EUR".into(),
            audiences: vec!["public".into(), "internal".into(), "restricted".into()],
            default_audience: None,
            reporting: Reporting::default(),
            thresholds: Thresholds::default(),
            taxonomies: vec![
                "tags".into(),
                "category".into(),
                "phase".into(),
                "methodology".into(),
            ],
            rules: BTreeMap::new(),
            markdown: MarkdownOptions::default(),
            encodings: BTreeMap::new(),
        }
    }
}

/// Taxonomies folio knows how to collect from pages and projects.
pub const KNOWN_TAXONOMIES: &[&str] = &["tags", "category", "phase", "methodology", "industry"];

impl Config {
    /// Parses and validates `folio.yaml`; `source` is the file's text.
    pub fn parse(source: &str) -> Result<Config, Vec<Diagnostic>> {
        let mut config: Config = if source.trim().is_empty() {
            Config::default()
        } else {
            serde_saphyr::from_str(source)
                .map_err(|e| vec![yaml_diagnostic(CONFIG_FILE, source, 0, &e)])?
        };
        let mut problems = Vec::new();
        let line_of = |key: &str| {
            source
                .lines()
                .position(|l| l.starts_with(&format!("{key}:")))
                .map_or(0, |i| i + 1)
        };
        if config.audiences.is_empty() {
            problems.push(
                Diagnostic::error(
                    Rule::Config,
                    CONFIG_FILE,
                    "`audiences` must list at least one audience",
                )
                .at(source, line_of("audiences"), 1),
            );
        }
        if let Some(default) = &config.default_audience
            && !config.audiences.contains(default)
        {
            problems.push(
                Diagnostic::error(
                    Rule::Config,
                    CONFIG_FILE,
                    format!("default_audience `{default}` is not one of `audiences`"),
                )
                .at(source, line_of("default_audience"), 1)
                .with_hint(format!("use one of: {}", config.audiences.join(", "))),
            );
        }
        for tax in &config.taxonomies {
            if !KNOWN_TAXONOMIES.contains(&tax.as_str()) {
                let mut d = Diagnostic::error(
                    Rule::Config,
                    CONFIG_FILE,
                    format!("unknown taxonomy `{tax}`"),
                )
                .at(source, line_of("taxonomies"), 1);
                d.hint = Some(match crate::error::did_you_mean(tax, KNOWN_TAXONOMIES) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("folio collects: {}", KNOWN_TAXONOMIES.join(", ")),
                });
                problems.push(d);
            }
        }
        for (file, label) in &config.encodings {
            if !CSV_FILES.contains(&file.as_str()) {
                problems.push(
                    Diagnostic::error(
                        Rule::Config,
                        CONFIG_FILE,
                        format!(
                            "`encodings` names `{}`, which is not a CSV file folio reads",
                            **file
                        ),
                    )
                    .at(source, file.line, file.column)
                    .with_hint(format!("encodings apply to: {}", CSV_FILES.join(", "))),
                );
            }
            if encoding_rs::Encoding::for_label(label.as_bytes()).is_none() {
                problems.push(
                    Diagnostic::error(
                        Rule::Config,
                        CONFIG_FILE,
                        format!("unknown encoding `{}`", **label),
                    )
                    .at(source, label.line, label.column)
                    .with_hint("use a WHATWG encoding label such as utf-8, windows-1252, iso-8859-1, gbk, gb18030, big5, shift_jis"),
                );
            }
        }
        problems.extend(crate::governance::check_overrides(&config.rules, source));
        if let Some(url) = &config.base_url
            && !url.ends_with('/')
        {
            config.base_url = Some(format!("{url}/"));
        }
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    /// The encoding configured for the CSV file `file` (site-relative), if any.
    pub fn encoding_of(&self, file: &str) -> Option<&'static encoding_rs::Encoding> {
        self.encodings
            .iter()
            .find(|(f, _)| f.as_str() == file)
            .and_then(|(_, label)| encoding_rs::Encoding::for_label(label.as_bytes()))
    }

    /// The audience pages and projects get when they do not say.
    pub fn default_audience(&self) -> &str {
        self.default_audience
            .as_deref()
            .or_else(|| self.audiences.first().map(String::as_str))
            .unwrap_or("public")
    }

    /// The severity `rules:` sets for `rule`, if it sets one.
    pub fn rule_override(&self, rule: Rule) -> Option<RuleSeverity> {
        self.rules
            .iter()
            .find(|(id, _)| id.as_str() == rule.as_str())
            .map(|(_, s)| *s)
    }

    /// Rank of an audience in the configured order (0 = least confidential).
    pub fn audience_rank(&self, name: &str) -> Option<usize> {
        self.audiences.iter().position(|a| a == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_finite_thresholds_are_refused_at_their_value() {
        for v in [".nan", ".inf", "-1"] {
            let src = format!("title: X\nthresholds:\n  cpi: {{ amber: 0.9, red: {v} }}\n");
            let d = Config::parse(&src).unwrap_err();
            assert_eq!((d[0].line, d[0].column), (3, 27), "{v}: {d:?}");
            assert!(d[0].message.contains("threshold"), "{}", d[0].message);
        }
    }

    #[test]
    fn unknown_encoding_labels_are_refused_at_their_value() {
        let d = Config::parse("title: X\nencodings:\n  data/people.csv: klingon\n").unwrap_err();
        assert_eq!((d[0].line, d[0].column), (3, 20), "{d:?}");
        assert!(Config::parse("encodings: { data/people.csv: latin1 }\n").is_ok());
    }

    #[test]
    fn defaults_apply() {
        let c = Config::parse("title: X\n").unwrap();
        assert_eq!(c.thresholds.cpi.amber, 0.95);
        assert_eq!(c.default_audience(), "public");
        assert!(c.markdown.raw_html);
    }

    #[test]
    fn unknown_key_is_an_error_with_hint() {
        let errs = Config::parse("title: X\ncurrencey: EUR\n").unwrap_err();
        assert_eq!(errs[0].line, 2);
        assert_eq!(errs[0].hint.as_deref(), Some("did you mean `currency`?"));
    }

    #[test]
    fn nested_unknown_key_is_an_error() {
        let errs = Config::parse("thresholds:\n  cpi: { amber: 1, redd: 2 }\n").unwrap_err();
        assert_eq!(errs[0].line, 2);
    }

    #[test]
    fn default_audience_must_be_listed() {
        let errs = Config::parse("audiences: [a, b]\ndefault_audience: c\n").unwrap_err();
        assert_eq!(errs[0].line, 2);
    }
}
