//! Reading what a team runs today (a Compose file, Kubernetes manifests, an ECS task
//! definition, Cloud Run or Azure YAML) into answers, each answer marked with the file's
//! words for it, and everything Berth could not map listed, never dropped.
//!
//! Only the CLI (`berth import`) and the manifests worker reach this module: it carries
//! the YAML parser, which the app's first visit must not download.

mod azure;
mod cloud_run;
mod compose;
mod container;
mod document;
mod ecs;
mod kubernetes;
mod node;
mod preview;
mod provenance;
mod schedule;
mod units;

pub use document::{MAX_BYTES, MAX_DEPTH};
pub use preview::{preview, ImportPreview, PreviewRow};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::answers::Answers;
use provenance::Draft;

/// The kinds of document Berth reads, for the message about a document it does not.
pub const READABLE: &str = "a Compose file (top-level `services:`); Kubernetes Deployment, StatefulSet, DaemonSet, Job or CronJob (with their Service, HorizontalPodAutoscaler, Ingress or HTTPRoute, and ConfigMaps); an ECS task definition (JSON with `containerDefinitions`) or ECS Express Mode service (`primaryContainer`); a Cloud Run or Knative service, or a Cloud Run job; an Azure Container App or Container Apps job (`type: Microsoft.App/containerApps` or `Microsoft.App/jobs`); an Azure Container Instances container group (`type: Microsoft.ContainerInstance/containerGroups`)";

/// Why a file could not be imported. `line` and `column` (1-based) point at a syntax
/// error; `choices` lists the workloads when the file has several and none was named.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportError {
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<String>,
}

impl ImportError {
    pub(crate) fn plain(message: impl Into<String>) -> ImportError {
        ImportError {
            message: message.into(),
            ..ImportError::default()
        }
    }

    pub(crate) fn at(message: impl Into<String>, line: u64, column: u64) -> ImportError {
        ImportError {
            message: message.into(),
            line: Some(line),
            column: Some(column),
            choices: Vec::new(),
        }
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, "line {line}, column {column}: ")?;
        }
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for ImportError {}

/// What an import gives: the answers (with `imported` set) and every workload the file
/// holds, so a caller can offer the others.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportOutcome {
    pub answers: Answers,
    pub workloads: Vec<String>,
}

/// Reads `text` (named `file_name`, may be empty) into answers for the workload named
/// `service`, or for its only workload.
pub fn import(
    text: &str,
    file_name: &str,
    service: Option<&str>,
) -> Result<ImportOutcome, ImportError> {
    let docs = document::read(text)?;
    let drafts = drafts(&docs)?;
    let workloads: Vec<String> = drafts.iter().map(|d| d.name.clone()).collect();
    let chosen = match service {
        Some(name) => drafts
            .into_iter()
            .find(|d| d.name == name)
            .ok_or_else(|| ImportError {
                message: format!(
                    "the file has no service or workload named '{}' (it has: {})",
                    name.escape_debug(),
                    workloads.join(", ")
                ),
                choices: workloads.clone(),
                ..ImportError::default()
            })?,
        None if drafts.len() == 1 => drafts.into_iter().next().expect("one draft"),
        None => {
            return Err(ImportError {
                message: format!(
                    "the file describes {} workloads ({}): choose one to read",
                    workloads.len(),
                    workloads.join(", ")
                ),
                choices: workloads,
                ..ImportError::default()
            })
        }
    };
    Ok(ImportOutcome {
        answers: chosen.into_answers(file_name),
        workloads,
    })
}

fn drafts(docs: &[Value]) -> Result<Vec<Draft>, ImportError> {
    let first = &docs[0];
    let drafts = if docs.len() == 1 && compose::is_compose(first) {
        compose::read(first)
    } else if docs.len() == 1 && ecs::is_ecs_express(first) {
        vec![ecs::read_express(first)]
    } else if docs.len() == 1 && ecs::is_ecs(first) {
        vec![ecs::read(first)]
    } else if docs.len() == 1 && azure::is_container_apps(first) {
        vec![azure::container_apps(first)]
    } else if docs.len() == 1 && azure::is_aci(first) {
        vec![azure::aci(first)]
    } else if docs.iter().any(cloud_run::is_cloud_run) {
        let others: Vec<String> = docs
            .iter()
            .filter(|d| !cloud_run::is_cloud_run(d))
            .map(describe)
            .filter(|k| {
                !kubernetes::QUIET_KINDS
                    .iter()
                    .any(|q| *k == format!("a {q}"))
            })
            .collect();
        let mut drafts: Vec<Draft> = docs
            .iter()
            .filter(|d| cloud_run::is_cloud_run(d))
            .map(cloud_run::read)
            .collect();
        for d in &mut drafts {
            for o in &others {
                d.skip(format!(
                    "{o} in the same file (not read; carry it over by hand)"
                ));
            }
        }
        drafts
    } else if docs.iter().all(kubernetes::is_kubernetes) {
        kubernetes::read(docs)
    } else {
        Vec::new()
    };
    if drafts.is_empty() && docs.len() == 1 && compose::is_compose(first) {
        return Err(ImportError::plain(
            "this Compose file has no services under `services:`; add the service to move, or import the file that defines it",
        ));
    }
    if drafts.is_empty() && docs.len() > 1 && docs.iter().any(compose::is_compose) {
        return Err(ImportError::plain(
            "this file holds several YAML documents (---), one of them a Compose file; Compose reads one: import that document alone",
        ));
    }
    if drafts.is_empty() {
        let seen: Vec<String> = docs.iter().map(describe).collect();
        return Err(ImportError::plain(format!(
            "Berth does not recognise this file (it found {}). It reads: {READABLE}.",
            seen.join(", ")
        )));
    }
    Ok(drafts)
}

/// A few words on what a document looks like, for the message about one Berth cannot read.
fn describe(doc: &Value) -> String {
    match doc {
        Value::Object(map) => {
            if let Some(kind) = map.get("kind").and_then(Value::as_str) {
                return format!("a {kind}");
            }
            let keys: Vec<&str> = map.keys().take(5).map(String::as_str).collect();
            if keys.is_empty() {
                "an empty mapping".into()
            } else {
                format!("a mapping with keys {}", keys.join(", "))
            }
        }
        Value::Array(_) => "a list".into(),
        _ => "a single value".into(),
    }
}
