//! People and programmes: who manages, sponsors and works on projects.

use serde::{Deserialize, Serialize};

use super::At;

fn full_capacity() -> At<f64> {
    At::bare(100.0)
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: At<String>,
    pub name: String,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub team: Option<String>,
    /// Percent of a full-time week this person can work (default 100).
    #[serde(default = "full_capacity")]
    pub capacity: At<f64>,
    #[serde(default)]
    pub email: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    pub id: At<String>,
    pub name: String,
    #[serde(default)]
    pub owner: Option<serde_saphyr::Spanned<String>>,
    #[serde(default)]
    pub goal: Option<String>,
}
