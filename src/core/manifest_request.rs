//! The messages between the app and its manifests worker.
//!
//! The starter-manifest generators are large, and only the manifests view needs them, so
//! they are not in the app's wasm: a second wasm (`src/bin/berth_manifests.rs`) runs them
//! in a Web Worker that the view starts on first use. The two sides exchange JSON text in
//! the shapes below, which both build from this one module, so they cannot drift apart:
//!
//! - page to worker, a [`Request`]:
//!   `{"id": 1, "platform": "cloud-run", "answers": {...}, "size": {"vcpu": 1, "memory_gib": 2}, "zip": false}`
//! - worker to page, a [`Response`], one per request, with the same `id`:
//!   `{"id": 1, "bundle": {...}}`, or `{"id": 1, "errors": [{"field": "deploy.image", "message": "..."}]}`
//!   when the deploy details need fixing, or `{"id": 1, "error": "..."}` when the request
//!   itself was unusable. `id` 0 with an `error` means the worker failed as a whole (its
//!   wasm did not load). A request with `"zip": true` also gets the bundle as a ZIP file,
//!   posted next to the JSON as a transferred `Uint8Array`.
//!
//! - page to worker, an [`ImportRequest`] (read a file the user gave into answers):
//!   `{"id": 2, "import": {"text": "services: ...", "file_name": "compose.yaml", "service": null}}`;
//!   the reply is `{"id": 2, "imported": {"answers": {...}, "workloads": ["web", "worker"], "format": "Compose file",
//!   "workload": "web", "rows": [["Image", "ghcr.io/...", "services.web.image: '...'"]], "not_understood": [...]}}`,
//!   or `{"id": 2, "import_error": "line 3, column 7: invalid YAML: ...", "choices": [...]}`
//!   (`choices` lists the workloads when the file has several and `service` named none).
//!   The file's text goes no further than the worker.
//!
//! The types here are plain data. [`respond`] is the worker's whole job; it is the only
//! function here that reaches the generators, and the app never calls it.

use serde::{Deserialize, Serialize};

use super::answers::Answers;
use super::import;
use super::manifests::{self, Bundle, RunSize};
use super::report::{NormalizedSize, Size};

/// Asks for the starter manifests of one platform.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// Chosen by the page, echoed in the response; never 0.
    pub id: u32,
    /// Catalog id of the platform, e.g. `cloud-run`.
    pub platform: String,
    pub answers: Answers,
    /// The size the engine picked for the platform.
    pub size: RequestSize,
    /// Also return the bundle as a ZIP file.
    #[serde(default)]
    pub zip: bool,
}

/// The answers read from a file, as they travel back to the page. The answers stay
/// answers JSON text here and are read with [`ImportReply::answers`]: the page then reuses
/// the one answers reader it already has, rather than carrying a second copy for this reply.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportReply {
    pub answers: String,
    /// Every service or workload in the file.
    pub workloads: Vec<String>,
    /// What was read, in words, for the page to show before the answers are applied:
    /// the file's kind, the workload, each answer as (question, answer, the file's words),
    /// and what was not understood. Plain text, so the page needs no reader for it.
    pub format: String,
    pub workload: String,
    pub rows: Vec<(String, String, String)>,
    pub not_understood: Vec<String>,
}

impl ImportReply {
    pub fn answers(&self) -> Result<Answers, String> {
        crate::core::answers::read_answers(&self.answers)
            .map_err(|e| format!("unreadable answers from the worker: {e}"))
    }
}

/// Asks the worker to read a file into answers (see [`crate::core::import`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportRequest {
    /// Chosen by the page, echoed in the response; never 0.
    pub id: u32,
    pub import: ImportInput,
}

/// The file to read, and which of its workloads.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportInput {
    pub text: String,
    /// The file's name, shown in the provenance; empty for pasted text.
    #[serde(default)]
    pub file_name: String,
    /// The service or workload to read, when the file has several.
    #[serde(default)]
    pub service: Option<String>,
}

impl ImportRequest {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("an import request serializes")
    }
}

/// The engine's normalized size ([`RunSize`]), as it travels.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestSize {
    pub vcpu: f64,
    pub memory_gib: f64,
    /// See [`RunSize::concurrency_cap`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concurrency_cap: Option<u32>,
    /// See [`RunSize::explanation`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
}

impl From<Size> for RequestSize {
    fn from(s: Size) -> Self {
        RequestSize {
            vcpu: s.vcpu,
            memory_gib: s.memory_gib,
            concurrency_cap: None,
            explanation: None,
        }
    }
}

impl From<&NormalizedSize> for RequestSize {
    fn from(n: &NormalizedSize) -> Self {
        let run = RunSize::from(n);
        RequestSize {
            vcpu: run.size.vcpu,
            memory_gib: run.size.memory_gib,
            concurrency_cap: run.concurrency_cap,
            explanation: run.explanation,
        }
    }
}

impl From<RequestSize> for RunSize {
    fn from(s: RequestSize) -> Self {
        RunSize {
            size: Size {
                vcpu: s.vcpu,
                memory_gib: s.memory_gib,
            },
            concurrency_cap: s.concurrency_cap,
            explanation: s.explanation,
        }
    }
}

impl From<RequestSize> for Size {
    fn from(s: RequestSize) -> Self {
        Size {
            vcpu: s.vcpu,
            memory_gib: s.memory_gib,
        }
    }
}

/// The worker's answer to one [`Request`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Response {
    pub id: u32,
    /// The files, when the answers allow making them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bundle: Option<BundleData>,
    /// What to fix in the answers (mostly the deploy details) before files can be made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// The request could not be handled at all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The answers read from a file (reply to an [`ImportRequest`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported: Option<ImportReply>,
    /// Why the file could not be read (reply to an [`ImportRequest`]), with the line and
    /// column of a syntax error in front.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub import_error: Option<String>,
    /// The workloads to choose from, when the file has several and none was named.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<String>,
}

/// A problem with one answer, naming the field (`deploy.image`, `deploy.env[2]`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// [`Bundle`], as it travels and as the manifests view shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleData {
    pub platform_id: String,
    pub files: Vec<FileData>,
    /// CLI steps to deploy, in order.
    pub steps: Vec<String>,
    pub not_translated: Vec<NotTranslatedData>,
    /// What changed from the imported source (empty unless the answers came from a file).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub migration_notes: Vec<String>,
}

/// One generated file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileData {
    pub path: String,
    pub media_type: String,
    /// One line on what the file is and how it is used.
    pub about: String,
    pub contents: String,
}

/// Something the answers asked for that the files do not carry, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotTranslatedData {
    pub item: String,
    pub why: String,
}

impl From<Bundle> for BundleData {
    fn from(b: Bundle) -> Self {
        BundleData {
            platform_id: b.platform_id,
            files: b
                .files
                .into_iter()
                .map(|f| FileData {
                    path: f.path,
                    media_type: f.media_type,
                    about: f.about,
                    contents: f.contents,
                })
                .collect(),
            steps: b.steps,
            not_translated: b
                .not_translated
                .into_iter()
                .map(|n| NotTranslatedData {
                    item: n.item,
                    why: n.why,
                })
                .collect(),
            migration_notes: b.migration_notes,
        }
    }
}

impl Request {
    pub fn to_json(&self) -> String {
        // Plain data with string keys: serializing cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl Response {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Result<Response, String> {
        serde_json::from_str(text).map_err(|e| format!("unreadable reply from the worker: {e}"))
    }
}

/// The `id` of a request that does not parse as a whole, so its answer still finds it.
fn id_of(text: &str) -> u32 {
    #[derive(Deserialize)]
    struct JustId {
        #[serde(default)]
        id: u32,
    }
    serde_json::from_str::<JustId>(text).map_or(0, |r| r.id)
}

/// Why a request does not parse, naming the field (`answers.deploy.port`, `size`).
fn request_problem(text: &str, whole: &serde_json::Error) -> String {
    use serde_json::Value;
    let Ok(value) = serde_json::from_str::<Value>(text) else {
        return format!("the request is not JSON ({whole})");
    };
    let Value::Object(fields) = value else {
        return "the request must be a JSON object".into();
    };
    let field = |name: &str| fields.get(name).cloned().unwrap_or(Value::Null);
    if let Some(key) = fields
        .keys()
        .find(|k| !["id", "platform", "answers", "size", "zip"].contains(&k.as_str()))
    {
        return format!("`{}` is not a known field", key.escape_debug());
    }
    let checks: [(&str, Result<(), serde_json::Error>); 4] = [
        ("id", serde_json::from_value::<u32>(field("id")).map(|_| ())),
        (
            "platform",
            serde_json::from_value::<String>(field("platform")).map(|_| ()),
        ),
        (
            "size",
            serde_json::from_value::<RequestSize>(field("size")).map(|_| ()),
        ),
        (
            "zip",
            serde_json::from_value::<Option<bool>>(field("zip")).map(|_| ()),
        ),
    ];
    for (name, check) in checks {
        if let Err(e) = check {
            return format!("`{name}`: {e}");
        }
    }
    if let Err(e) = serde_json::from_value::<Answers>(field("answers")) {
        let named = crate::core::answers::parse_answers_lenient(&field("answers").to_string())
            .map_or_else(|e| vec![e], |(_, errors)| errors);
        return match named.into_iter().next() {
            Some(n) => format!("`answers.{}`: {}", n.field, n.message),
            None => format!("`answers`: {e}"),
        };
    }
    format!("`request`: {whole}")
}

/// Why the requested size can't be used for the platform: the page sends the size the
/// engine picked, which is always one the platform allows.
fn size_problem(request: &Request) -> Option<String> {
    let size: Size = request.size.clone().into();
    if !(size.vcpu.is_finite() && size.memory_gib.is_finite())
        || size.vcpu <= 0.0
        || size.memory_gib <= 0.0
    {
        return Some("vCPU and memory must be positive numbers".into());
    }
    let platform = super::catalog::catalog().platform(&request.platform)?;
    (!super::sizing::is_allowed(&platform.sizing.value, request.answers.os, size)).then(|| {
        format!(
            "{} is not a size {} offers; send the size the evaluation picked",
            super::sizing::describe(size),
            platform.name
        )
    })
}

/// Handles one request (JSON text): the response, and the ZIP file when asked for one.
pub fn respond(request: &str) -> (Response, Option<Vec<u8>>) {
    if is_import(request) {
        return (respond_import(request), None);
    }
    let request: Request = match serde_json::from_str(request) {
        Ok(r) => r,
        Err(e) => {
            return (
                Response {
                    id: id_of(request),
                    error: Some(format!("bad request: {}", request_problem(request, &e))),
                    ..Response::default()
                },
                None,
            )
        }
    };
    let id = request.id;
    if let Some(message) = size_problem(&request) {
        let errors = vec![FieldError {
            field: "size".into(),
            message,
        }];
        return (
            Response {
                id,
                errors,
                ..Response::default()
            },
            None,
        );
    }
    match manifests::generate(&request.platform, &request.answers, request.size) {
        Ok(bundle) => {
            let zip = request.zip.then(|| bundle.to_zip());
            let response = Response {
                id,
                bundle: Some(bundle.into()),
                ..Response::default()
            };
            (response, zip)
        }
        Err(errors) => {
            let errors = errors
                .into_iter()
                .map(|e| FieldError {
                    field: e.field,
                    message: e.message,
                })
                .collect();
            (
                Response {
                    id,
                    errors,
                    ..Response::default()
                },
                None,
            )
        }
    }
}

/// Whether the request asks for an import (it has an `import` field).
fn is_import(request: &str) -> bool {
    #[derive(Deserialize)]
    struct Probe {
        #[serde(default)]
        import: Option<serde::de::IgnoredAny>,
    }
    serde_json::from_str::<Probe>(request).is_ok_and(|p| p.import.is_some())
}

fn respond_import(request: &str) -> Response {
    let request: ImportRequest = match serde_json::from_str(request) {
        Ok(r) => r,
        Err(e) => {
            return Response {
                id: id_of(request),
                error: Some(format!("bad request: {e}")),
                ..Response::default()
            }
        }
    };
    let input = &request.import;
    match import::import(&input.text, &input.file_name, input.service.as_deref()) {
        Ok(outcome) => Response {
            id: request.id,
            imported: Some({
                let p = import::preview(&outcome.answers);
                ImportReply {
                    answers: outcome.answers.to_json(),
                    workloads: outcome.workloads,
                    format: p.format,
                    workload: p.workload,
                    rows: p
                        .rows
                        .into_iter()
                        .map(|r| (r.label, r.value, r.source))
                        .collect(),
                    not_understood: p.not_understood,
                }
            }),
            ..Response::default()
        },
        Err(e) => Response {
            id: request.id,
            import_error: Some(e.to_string()),
            choices: e.choices,
            ..Response::default()
        },
    }
}

/// [`respond`] with the response as JSON text: what the worker posts back.
pub fn respond_json(request: &str) -> (String, Option<Vec<u8>>) {
    let (response, zip) = respond(request);
    (response.to_json(), zip)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::{Archetype, EnvVar};

    fn request(platform: &str, answers: Answers, zip: bool) -> Request {
        Request {
            id: 7,
            platform: platform.into(),
            answers,
            size: RequestSize {
                vcpu: 1.0,
                memory_gib: 2.0,
                concurrency_cap: None,
                explanation: None,
            },
            zip,
        }
    }

    #[test]
    fn a_request_round_trips_through_json() {
        for archetype in Archetype::ALL {
            let mut answers = archetype.preset();
            answers.deploy.env.push(EnvVar {
                name: "GREETING".into(),
                value: "h\u{e9}llo \"world\"\n".into(),
            });
            answers.vcpu = Some(0.25);
            let sent = request("cloud-run", answers, archetype == Archetype::BatchJob);
            let text = sent.to_json();
            let read: Request = serde_json::from_str(&text).expect("the request parses");
            assert_eq!(read, sent, "{text}");
        }
    }

    #[test]
    fn the_request_has_the_documented_shape() {
        let text = request("aci", Answers::default(), true).to_json();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["answers", "id", "platform", "size", "zip"]);
        assert_eq!(value["size"]["vcpu"], 1.0);
        assert_eq!(value["size"]["memory_gib"], 2.0);
        assert_eq!(value["zip"], true);
        // `zip` may be left out.
        let without: Request = serde_json::from_str(&text.replace(",\"zip\":true", "")).unwrap();
        assert!(!without.zip);
    }

    #[test]
    fn the_response_carries_the_generated_bundle() {
        let answers = Answers::default();
        let sent = request("cloud-run", answers.clone(), false);
        let (json, zip) = respond_json(&sent.to_json());
        assert!(zip.is_none(), "no ZIP unless asked");
        let response = Response::from_json(&json).expect("the response parses");
        assert_eq!(response.id, 7);
        assert!(response.errors.is_empty() && response.error.is_none());
        let expected = manifests::generate("cloud-run", &answers, sent.size.clone()).unwrap();
        assert_eq!(response.bundle, Some(BundleData::from(expected)));
        // Only the fields that are set travel.
        assert!(!json.contains("\"errors\"") && !json.contains("\"error\""));
        assert_eq!(Response::from_json(&response.to_json()), Ok(response));
    }

    #[test]
    fn a_zip_request_also_gets_the_zip_file() {
        let answers = Answers::default();
        let sent = request("fargate-ecs", answers.clone(), true);
        let (response, zip) = respond(&sent.to_json());
        let zip = zip.expect("a ZIP file");
        let expected = manifests::generate("fargate-ecs", &answers, sent.size.clone()).unwrap();
        assert_eq!(zip, expected.to_zip());
        assert_eq!(&zip[..2], b"PK");
        assert!(response.bundle.is_some());
    }

    #[test]
    fn bad_deploy_details_come_back_as_field_errors() {
        let mut answers = Answers::default();
        answers.deploy.image = "nginx".into();
        let (json, zip) = respond_json(&request("cloud-run", answers, true).to_json());
        assert!(zip.is_none());
        let response = Response::from_json(&json).unwrap();
        assert_eq!(response.id, 7);
        assert!(response.bundle.is_none());
        assert!(response.errors.iter().any(|e| e.field == "deploy.image"));
    }

    #[test]
    fn a_size_the_platform_does_not_offer_names_the_size_field() {
        for (vcpu, memory_gib) in [(1e308, 2.0), (-1.0, 2.0), (1.0, 0.0), (3.0, 0.1)] {
            let mut sent = request("fargate-ecs", Answers::default(), true);
            sent.size = RequestSize {
                vcpu,
                memory_gib,
                concurrency_cap: None,
                explanation: None,
            };
            let (response, zip) = respond(&sent.to_json());
            assert!(
                zip.is_none() && response.bundle.is_none(),
                "{vcpu} {memory_gib}"
            );
            assert_eq!(response.errors[0].field, "size", "{vcpu} {memory_gib}");
        }
    }

    #[test]
    fn a_malformed_request_names_the_field() {
        let mut answers = serde_json::to_value(Answers::default()).unwrap();
        answers["deploy"]["port"] = serde_json::json!("eighty");
        let text = serde_json::json!({
            "id": 3, "platform": "cloud-run", "answers": answers,
            "size": { "vcpu": 1, "memory_gib": 2 }
        });
        let (response, _) = respond(&text.to_string());
        let error = response.error.unwrap();
        assert!(error.contains("`answers.deploy.port`"), "{error}");
        let (response, _) =
            respond(r#"{"id": 3, "platform": "cloud-run", "answers": {}, "size": {"vcpu": "1"}}"#);
        assert!(response.error.unwrap().contains("`size`"));
        let (response, _) = respond(r#"{"id": 3, "extra": 1}"#);
        assert!(response.error.unwrap().contains("`extra`"));
    }

    #[test]
    fn an_unknown_platform_names_the_platform_field() {
        let (response, _) = respond(&request("no-such", Answers::default(), false).to_json());
        assert_eq!(response.errors.len(), 1);
        assert_eq!(response.errors[0].field, "platform");
    }

    #[test]
    fn an_unusable_request_is_answered_with_its_id_and_an_error() {
        let (response, _) = respond(r#"{"id": 12, "platform": 5}"#);
        assert_eq!(response.id, 12);
        assert!(response
            .error
            .as_deref()
            .unwrap()
            .starts_with("bad request"));
        let (response, _) = respond("not json");
        assert_eq!(response.id, 0);
        assert!(response.error.is_some());
    }

    fn import_request(text: &str, service: Option<&str>) -> String {
        ImportRequest {
            id: 9,
            import: ImportInput {
                text: text.into(),
                file_name: "compose.yaml".into(),
                service: service.map(str::to_string),
            },
        }
        .to_json()
    }

    const COMPOSE: &str = "services:\n  web:\n    image: ghcr.io/example/web:1.0\n    ports: [\"8080:8080\"]\n  worker:\n    image: ghcr.io/example/worker:1.0\n";

    #[test]
    fn an_import_request_has_the_documented_shape() {
        let text = import_request("x", None);
        assert_eq!(
            text,
            r#"{"id":9,"import":{"text":"x","file_name":"compose.yaml","service":null}}"#
        );
        let read: ImportRequest = serde_json::from_str(&text).unwrap();
        assert_eq!(read.import.text, "x");
        // `file_name` and `service` may be left out.
        let short: ImportRequest =
            serde_json::from_str(r#"{"id":1,"import":{"text":"y"}}"#).unwrap();
        assert_eq!(short.import.service, None);
    }

    #[test]
    fn an_import_is_answered_with_the_answers_and_the_workloads() {
        let (json, zip) = respond_json(&import_request(COMPOSE, Some("web")));
        assert!(zip.is_none());
        let response = Response::from_json(&json).unwrap();
        assert_eq!(response.id, 9);
        let reply = response.imported.expect("imported answers");
        assert_eq!(reply.workloads, ["web", "worker"]);
        let answers = reply.answers().expect("answers");
        assert_eq!(answers.deploy.image, "ghcr.io/example/web:1.0");
        let imp = answers.import_story().unwrap();
        assert_eq!(reply.workload, "web");
        assert!(reply
            .rows
            .iter()
            .any(|(label, value, source)| label == "Image"
                && value == "ghcr.io/example/web:1.0"
                && source == "services.web.image: 'ghcr.io/example/web:1.0'"));
        assert_eq!(imp.file_name, "compose.yaml");
        assert_eq!(
            imp.source_of("deploy.image"),
            Some("services.web.image: 'ghcr.io/example/web:1.0'")
        );
        assert!(response.bundle.is_none() && response.import_error.is_none());
    }

    #[test]
    fn an_import_that_needs_a_choice_or_fails_says_so() {
        let (response, _) = respond(&import_request(COMPOSE, None));
        let e = response.import_error.expect("a choice is needed");
        assert!(e.contains("choose one"), "{e}");
        assert_eq!(response.choices, ["web", "worker"]);
        assert!(response.imported.is_none());
        let (response, _) = respond(&import_request("services:\n  web: [\n", None));
        let e = response.import_error.expect("a syntax error");
        assert!(e.starts_with("line ") && e.contains(", column "), "{e}");
        let (response, _) = respond(r#"{"id": 4, "import": {"txt": "x"}}"#);
        assert_eq!(response.id, 4);
        assert!(response.error.unwrap().starts_with("bad request"));
    }
}
