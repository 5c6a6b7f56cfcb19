//! Fixtures shared by the unit tests of `metrics`.

use jiff::civil::Date;

use crate::model::{Project, ProjectData};

/// A project with id `id` from its YAML data, for the default audience.
pub fn project(id: &str, yaml: &str) -> Project {
    let data: ProjectData = serde_saphyr::from_str(yaml).expect("the fixture's YAML parses");
    Project {
        id: id.into(),
        file: String::new(),
        data,
        audience: "internal".into(),
    }
}

pub fn date(s: &str) -> Date {
    s.parse().expect("the fixture's date parses")
}
