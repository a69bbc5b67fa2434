//! A job's schedule as a file writes it: five cron fields, or one of cron's macros
//! (`@daily`), which the answers hold as the five fields they stand for.

use crate::core::deploy_rules::cron_error;

use super::node::Node;
use super::provenance::Draft;

/// The five cron fields a macro stands for, as cron and Kubernetes define them.
fn expand_macro(text: &str) -> Option<&'static str> {
    Some(match text.to_ascii_lowercase().as_str() {
        "@yearly" | "@annually" => "0 0 1 1 *",
        "@monthly" => "0 0 1 * *",
        "@weekly" => "0 0 * * 0",
        "@daily" | "@midnight" => "0 0 * * *",
        "@hourly" => "0 * * * *",
        _ => return None,
    })
}

/// Reads the schedule at `node` into the draft. One the platforms cannot take is listed,
/// never copied: the job then has no schedule and runs when started.
pub fn read(d: &mut Draft, node: &Node) {
    let Some(text) = node.text() else { return };
    d.original.schedule = text.clone();
    let trimmed = text.trim();
    let (cron, source) = match expand_macro(trimmed) {
        Some(cron) => (cron.to_string(), format!("{} (= '{cron}')", node.source())),
        None => (trimmed.to_string(), node.source()),
    };
    match cron_error(&cron) {
        None => d.schedule = Some((cron, source)),
        Some(why) => d.skip(format!(
            "{} ({why}; the job runs only when started until you set deploy.schedule)",
            node.source()
        )),
    }
}
