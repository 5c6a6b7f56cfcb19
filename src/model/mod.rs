//! The pure domain: pages and sections, projects, people, programmes, and
//! the [`Site`] that ties them together after references are resolved.
//! Nothing here touches the filesystem or the clock.

pub mod at;
pub mod dates;
pub mod page;
pub mod people;
pub mod project;
pub mod site;
pub mod validate;
pub mod versions;

pub use at::At;
pub use page::{FrontMatter, Page, slugify};
pub use people::{Person, Programme};
pub use project::*;
pub use site::{Section, Site, StaticFile};
pub use versions::{Dated, Versions};

/// Whether `id` can name a project, person or programme: it becomes a URL
/// folder, so only letters, digits, `-`, `_` and `.` (not leading) are allowed.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('.')
        && !id.contains("..")
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '.')
}
