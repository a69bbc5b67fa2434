//! Where imported answers came from: the file, the workload, which answers the file
//! supplied (and the line that said so), what Berth could not map, and the original values
//! the migration notes compare against.
//!
//! Plain data: the readers that fill it (`core::import`) run only in the CLI and the
//! manifests worker; the app only stores and shows it.

use serde::{Deserialize, Serialize};

/// The story of answers read from a file (`berth import`, "Start from a file").
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Imported {
    /// What kind of file it was, e.g. `Compose file`, `Kubernetes Deployment`.
    pub format: String,
    /// The file's name as given, or empty for pasted text.
    pub file_name: String,
    /// The service or workload the answers describe.
    pub workload: String,
    /// Each answer the file supplied, with the line that supplied it.
    pub from_file: Vec<FromFile>,
    /// What the file says that Berth could not map to an answer.
    pub not_understood: Vec<String>,
    /// The source's own values, for the migration notes.
    pub original: Original,
}

/// One answer taken from the file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FromFile {
    /// Question id (answers JSON field), e.g. `vcpu` or `deploy.image`.
    pub field: String,
    /// The file's own words, e.g. `deploy.resources.limits.cpus: '2'`.
    pub source: String,
}

/// Values as the source platform expressed them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Original {
    pub vcpu: Option<f64>,
    pub memory_gib: Option<f64>,
    /// Every container port the file listed.
    pub ports: Vec<u16>,
    /// The health check as written, e.g. `curl -f http://localhost:8080/health`.
    pub health: String,
    /// The schedule as written, e.g. `0 3 * * *`.
    pub schedule: String,
    /// How the file referenced each secret, e.g. `DB_PASSWORD: secretKeyRef db/password`.
    pub secrets: Vec<String>,
}

impl super::Answers {
    /// Where the answers came from, when they were read from a file and the record reads.
    pub fn import_story(&self) -> Option<Imported> {
        serde_json::from_value(self.imported.clone()?).ok()
    }
}

impl Imported {
    /// The file's words for an answer, when the file supplied it.
    pub fn source_of(&self, field: &str) -> Option<&str> {
        self.from_file
            .iter()
            .find(|f| f.field == field)
            .map(|f| f.source.as_str())
    }
}
