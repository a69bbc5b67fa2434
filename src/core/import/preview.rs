//! What was read, in words, for the page to show before the answers are applied: each
//! answer the file supplied with the file's words for it, and what was not understood.
//! Made in the worker, so the page carries none of this formatting.

use serde::{Deserialize, Serialize};

use crate::core::answer_text::{describe, title_of};
use crate::core::answers::Answers;
use crate::core::questionnaire::question;

/// The preview of one import.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub format: String,
    pub workload: String,
    pub rows: Vec<PreviewRow>,
    pub not_understood: Vec<String>,
}

/// One answer the file supplied.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewRow {
    /// The question, e.g. `vCPU per instance`.
    pub label: String,
    /// The answer in words, e.g. `2 vCPU`.
    pub value: String,
    /// The file's words, e.g. `services.web.deploy.resources.limits.cpus: '2'`.
    pub source: String,
}

/// The preview of imported answers (empty when they were not imported).
pub fn preview(answers: &Answers) -> ImportPreview {
    let Some(story) = answers.import_story() else {
        return ImportPreview::default();
    };
    ImportPreview {
        rows: story
            .from_file
            .iter()
            .map(|f| PreviewRow {
                label: label(&f.field).to_string(),
                value: shown(answers, &f.field),
                source: f.source.clone(),
            })
            .collect(),
        format: story.format,
        workload: story.workload,
        not_understood: story.not_understood,
    }
}

fn shown(answers: &Answers, field: &str) -> String {
    let d = &answers.deploy;
    match field {
        "deploy.name" => d.name.clone(),
        "deploy.image" => d.image.clone(),
        "deploy.port" => d.port.to_string(),
        "deploy.health_path" => d.health_path.clone(),
        "deploy.schedule" => d.schedule.clone(),
        "deploy.retries" => d.retries.to_string(),
        "deploy.env" => d
            .env
            .iter()
            .map(|e| format!("{}={}", e.name, e.value))
            .collect::<Vec<_>>()
            .join(", "),
        "deploy.secrets" => d.secrets.join(", "),
        id => question(id).map_or_else(String::new, |q| describe(q, answers)),
    }
}

fn label(field: &str) -> &str {
    match field {
        "deploy.name" => "Name",
        "deploy.image" => "Image",
        "deploy.port" => "Port",
        "deploy.health_path" => "Health check path",
        "deploy.schedule" => "Schedule (cron, UTC)",
        "deploy.retries" => "Retries",
        "deploy.env" => "Environment variables",
        "deploy.secrets" => "Secrets (names only)",
        id => title_of(id),
    }
}
