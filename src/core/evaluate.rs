//! The evaluation: answers in, an explained report out. Deterministic and pure.

use super::answers::Answers;
use super::report::Report;

/// Evaluates every platform in the catalog against the answers.
pub fn evaluate(answers: &Answers) -> Report {
    let catalog = super::catalog::catalog();
    let _ = answers;
    Report {
        catalog_reviewed: catalog.reviewed.clone(),
        platforms: Vec::new(),
        ranking: Vec::new(),
        top_pick: None,
        top_pick_why: Vec::new(),
        nothing_fits: Vec::new(),
        functions_hint: None,
        assumptions: Vec::new(),
    }
}
