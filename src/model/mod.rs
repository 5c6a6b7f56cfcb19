//! The pure domain: pages and sections, projects, people, programmes, and
//! the [`Site`] that ties them together after references are resolved.
//! Nothing here touches the filesystem or the clock.

pub mod page;
pub mod people;
pub mod project;
pub mod site;
pub mod validate;

pub use page::{FrontMatter, Page, slugify};
pub use people::{Person, Programme};
pub use project::*;
pub use site::{Section, Site, StaticFile};
