//! Roll-ups of a set of projects (the portfolio, or one programme): the
//! projects it covers and their [`Totals`].

use super::figures::ProjectFigures;
use super::{Totals, totals};

/// A set of projects and their sums.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RollUp {
    /// Indices into `site.projects`, in site order.
    pub projects: Vec<usize>,
    pub totals: Totals,
}

impl RollUp {
    /// The roll-up of the projects at `indices` (into `figures`).
    pub fn of(indices: Vec<usize>, figures: &[ProjectFigures]) -> RollUp {
        let totals = totals(indices.iter().map(|&i| &figures[i].metrics));
        RollUp {
            projects: indices,
            totals,
        }
    }
}
