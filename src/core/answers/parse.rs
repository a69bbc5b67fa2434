//! Reading answers documents: strictly (answers files, CLI) or leniently (share links,
//! local storage), always naming the field that is wrong.
//!
//! Each field is read from its own text onto the defaults, one at a time, so an error
//! points at the exact field, and lenient reading keeps every field that is fine.

use std::collections::BTreeMap;

use serde_json::value::RawValue;
use serde_json::Value;

use super::{AnswerError, Answers, DeployDetails, FORMAT_VERSION};

fn error(field: &str, message: impl Into<String>) -> AnswerError {
    AnswerError {
        field: field.to_string(),
        message: message.into(),
    }
}

/// Tidies serde's wording ("invalid type: string \"x\", expected u32") for people.
fn plain(message: &str) -> String {
    let message = message.split(" at line ").next().unwrap_or(message);
    message
        .replace("invalid type: ", "got ")
        .replace("invalid value: ", "got ")
        .replace("unknown variant", "unknown value")
        .replace("expected u32", "expected a whole number")
        .replace("expected u16", "expected a whole number from 1 to 65535")
        .replace("expected u8", "expected a whole number from 0 to 255")
        .replace("expected f64", "expected a number")
        .replace("expected a boolean", "expected true or false")
}

/// A field name as a message shows it: quoted with escapes when it is blank or holds
/// control characters, so a refusal always names something a person can see.
fn shown(field: &str) -> String {
    if field.trim().is_empty() || field.chars().any(char::is_control) {
        serde_json::to_string(field).unwrap_or_else(|_| "(unnamed field)".into())
    } else {
        field.to_string()
    }
}

/// The fields of a JSON object's text, each as its own text, sorted by name as a
/// `Value` object sorts them (a repeated name keeps its last value, as there).
fn fields_of(json: &str) -> BTreeMap<String, &RawValue> {
    serde_json::from_str(json).unwrap_or_default()
}

/// What setting one field came to: nothing when it was read, else the error naming it.
fn outcome(
    field: &str,
    result: Option<Result<(), serde_json::Error>>,
    known: &[&str],
) -> Option<AnswerError> {
    match result {
        Some(Ok(())) => None,
        Some(Err(e)) => Some(error(field, plain(&e.to_string()))),
        None => Some(error(
            field,
            format!("is not a known field (known: {})", known.join(", ")),
        )),
    }
}

/// Applies `fields` (of an answers object) onto `answers` one by one, keeping the value
/// of each field that does not read. `version` and `imported` are read on their own.
fn apply(
    answers: &mut Answers,
    fields: BTreeMap<String, &RawValue>,
    strict: bool,
    errors: &mut Vec<AnswerError>,
) -> Result<(), AnswerError> {
    let mut keep = |e: Option<AnswerError>| match e {
        Some(e) if strict => Err(e),
        Some(e) => {
            errors.push(e);
            Ok(())
        }
        None => Ok(()),
    };
    for (key, value) in fields {
        if key == "version" || key == "imported" {
            continue;
        }
        let value = value.get();
        // The deploy details are an object of their own: applied field by field too.
        if key == "deploy" && value.starts_with('{') {
            for (name, value) in fields_of(value) {
                let field = shown(&format!("deploy.{name}"));
                let result = answers.deploy.set_json(&name, value.get());
                keep(outcome(&field, result, DeployDetails::FIELDS))?;
            }
            continue;
        }
        let result = answers.set_json(&key, value);
        keep(outcome(&shown(&key), result, Answers::FIELDS))?;
    }
    Ok(())
}

fn read(text: &str, strict: bool) -> Result<(Answers, Vec<AnswerError>), AnswerError> {
    let input: Value = serde_json::from_str(text)
        .map_err(|e| error("(document)", format!("is not valid JSON: {e}")))?;
    let Value::Object(mut input) = input else {
        return Err(error("(document)", "must be a JSON object of answers"));
    };
    let mut errors = Vec::new();
    match input.get("version") {
        None if strict => {
            return Err(error(
                "version",
                format!("is missing; add \"version\": {FORMAT_VERSION}"),
            ))
        }
        Some(Value::Number(n)) if n.as_u64() == Some(FORMAT_VERSION as u64) => {}
        Some(Value::Number(n)) if n.as_u64().is_some_and(|v| v > FORMAT_VERSION as u64) => {
            if strict {
                return Err(error(
                    "version",
                    format!("{n} is newer than this Berth understands ({FORMAT_VERSION}): use a Berth as new as the file, or set \"version\": {FORMAT_VERSION} and keep only the fields this version knows"),
                ));
            }
            errors.push(error(
                "version",
                format!("{n} is newer than this Berth understands ({FORMAT_VERSION}); fields it does not know are skipped"),
            ));
        }
        None => {}
        Some(other) => {
            let other = serde_json::to_string(other).unwrap_or_default();
            let e = error("version", format!("must be {FORMAT_VERSION}, got {other}"));
            if strict {
                return Err(e);
            }
            errors.push(e);
        }
    }
    // Start from the archetype's preset so unanswered fields get its defaults.
    let fields = fields_of(text);
    let archetype = fields
        .get("archetype")
        .and_then(|a| super::fields::one_of::<super::Archetype>(a.get()).ok())
        .unwrap_or_default();
    let mut answers = archetype.preset();
    // `imported` is absent from presets, so it is read on its own. Taken in place, not
    // removed: the app's wasm then carries no code to remove from a JSON object.
    let imported = match input.get_mut("imported").map(Value::take) {
        None | Some(Value::Null) => None,
        Some(v @ Value::Object(_)) => Some(super::ImportedJson::of(&v)),
        Some(_) => {
            let e = error("imported", "must be an object (written by `berth import`)");
            if strict {
                return Err(e);
            }
            errors.push(e);
            None
        }
    };
    apply(&mut answers, fields, strict, &mut errors)?;
    answers.imported = imported;
    Ok((answers, errors))
}

/// Reads an answers document strictly, as written by Berth itself: the first problem is
/// returned, naming its field; ranges are not checked.
pub fn read_answers(text: &str) -> Result<Answers, AnswerError> {
    read(text, true).map(|(answers, _)| answers)
}

/// Reads an answers document strictly: the first problem is returned, naming its field.
/// Range checks follow in [`Answers::check`].
pub fn parse_answers(text: &str) -> Result<Answers, AnswerError> {
    let (answers, _) = read(text, true)?;
    match answers.check().into_iter().next() {
        Some(e) => Err(e),
        None => Ok(answers),
    }
}

/// Reads what it can: fields that are wrong are left at their defaults and reported.
/// Only a document that is not a JSON object at all is an error.
pub fn parse_answers_lenient(text: &str) -> Result<(Answers, Vec<AnswerError>), AnswerError> {
    let (mut answers, mut errors) = read(text, false)?;
    let defaults = answers.archetype.preset();
    for e in answers.check() {
        if e.field == "version" {
            continue;
        }
        // Reset an out-of-range answer to the archetype's default, keeping the rest.
        if let (Some(default), true) = (
            defaults.get(&e.field),
            crate::core::questionnaire::question(&e.field).is_some(),
        ) {
            let _ = answers.set(&e.field, default);
        }
        errors.push(e);
    }
    answers.version = FORMAT_VERSION;
    Ok((answers, errors))
}
