//! Where imported answers came from: the file, the workload, which answers the file
//! supplied (and the line that said so), what Berth could not map, and the original values
//! the migration notes compare against.
//!
//! Plain data: the readers that fill it (`core::import`) run only in the CLI and the
//! manifests worker; the app only stores and shows it.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

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

/// An [`Imported`] record as JSON text. The app only stores and forwards it (saved
/// answers, the manifests worker), so its first download carries neither a reader of the
/// record nor a JSON tree to hold it in:
/// [`Answers::import_story`](super::Answers::import_story) reads it where it is shown.
///
/// The text is canonical (keys sorted, no spaces), however it was written or read, so two
/// records are equal exactly when their texts are.
#[derive(Clone, Debug, Serialize)]
#[serde(transparent)]
pub struct ImportedJson(Box<RawValue>);

impl ImportedJson {
    /// A record, or any JSON value for one (the object an answers document gives as
    /// `imported`).
    pub fn of(value: &impl Serialize) -> Self {
        // Through a `Value`, whose objects keep their keys sorted: the canonical text.
        let value = serde_json::to_value(value).expect("JSON values serialize");
        ImportedJson(serde_json::value::to_raw_value(&value).expect("JSON values serialize"))
    }

    /// The JSON text.
    pub fn text(&self) -> &str {
        self.0.get()
    }
}

impl<'de> Deserialize<'de> for ImportedJson {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde_json::Value::deserialize(deserializer).map(|value| Self::of(&value))
    }
}

impl PartialEq for ImportedJson {
    fn eq(&self, other: &Self) -> bool {
        self.text() == other.text()
    }
}

impl super::Answers {
    /// Where the answers came from, when they were read from a file and the record reads.
    pub fn import_story(&self) -> Option<Imported> {
        serde_json::from_str(self.imported.as_ref()?.text()).ok()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_kept_in_one_text_however_it_was_written() {
        let story = Imported {
            format: "Compose file".into(),
            workload: "web".into(),
            ..Imported::default()
        };
        let written = ImportedJson::of(&story);
        let spaced: ImportedJson = serde_json::from_str(
            r#"{ "workload": "web", "format": "Compose file", "file_name": "",
                 "from_file": [], "not_understood": [], "original": {
                 "vcpu": null, "memory_gib": null, "ports": [], "health": "",
                 "schedule": "", "secrets": [] } }"#,
        )
        .expect("a record");
        assert_eq!(written, spaced);
        assert_eq!(written.text(), spaced.text());
        assert!(
            written
                .text()
                .starts_with(r#"{"file_name":"","format":"Compose file","from_file":[],"#),
            "keys sorted, no spaces: {}",
            written.text()
        );
        let other = ImportedJson::of(&Imported {
            workload: "worker".into(),
            ..story
        });
        assert_ne!(written, other);
    }
}
