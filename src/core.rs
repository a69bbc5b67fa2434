//! The advisor's pure core: no DOM, no network, no clock. Everything here runs the
//! same natively (CLI, tests, benchmarks) and in the browser.

pub mod answer_text;
pub mod answers;
pub mod catalog;
pub mod changes;
pub mod checks;
pub mod cost;
pub mod decimal;
pub mod deploy_rules;
pub mod deploy_text;
pub mod evaluate;
pub mod import;
pub mod limit_text;
pub mod manifest_request;
pub mod manifests;
pub mod plural;
pub mod question_facts;
pub mod questionnaire;
pub mod ranking;
pub mod report;
pub mod report_markdown;
pub mod report_view;
pub mod share_link;
pub mod sizing;
pub mod verdict;
