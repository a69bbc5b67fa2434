//! The advisor's pure core: no DOM, no network, no clock. Everything here runs the
//! same natively (CLI, tests, benchmarks) and in the browser.

pub mod answers;
pub mod catalog;
pub mod evaluate;
pub mod questionnaire;
pub mod report;
