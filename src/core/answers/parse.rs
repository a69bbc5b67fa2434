//! Reading answers documents: strictly (answers files, CLI) or leniently (share links,
//! local storage), always naming the field that is wrong.
//!
//! Each field is applied to the defaults one at a time, so an error points at the
//! exact field, and lenient reading keeps every field that is fine.

use serde_json::{Map, Value};

use super::{AnswerError, Answers, FORMAT_VERSION};

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

fn fits(doc: &Value) -> Result<(), String> {
    serde_json::from_value::<Answers>(doc.clone())
        .map(|_| ())
        .map_err(|e| plain(&e.to_string()))
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

/// Applies `input` onto `target` field by field; `path` is the JSON path of `target` in `doc`.
fn apply(
    doc: &mut Value,
    path: &[String],
    input: &Map<String, Value>,
    strict: bool,
    errors: &mut Vec<AnswerError>,
) -> Result<(), AnswerError> {
    for (key, value) in input {
        let mut field_path = path.to_vec();
        field_path.push(key.clone());
        let field = shown(&field_path.join("."));
        let target = path.iter().fold(&mut *doc, |v, k| &mut v[k.as_str()]);
        let Some(current) = target.get(key.as_str()).cloned() else {
            let known: Vec<String> = target
                .as_object()
                .map(|o| o.keys().cloned().collect())
                .unwrap_or_default();
            let e = error(
                &field,
                format!("is not a known field (known: {})", known.join(", ")),
            );
            if strict {
                return Err(e);
            }
            errors.push(e);
            continue;
        };
        if let (Value::Object(_), Value::Object(nested)) = (&current, value) {
            apply(doc, &field_path, nested, strict, errors)?;
            continue;
        }
        let target = path.iter().fold(&mut *doc, |v, k| &mut v[k.as_str()]);
        target[key.as_str()] = value.clone();
        if let Err(message) = fits(doc) {
            let target = path.iter().fold(&mut *doc, |v, k| &mut v[k.as_str()]);
            target[key.as_str()] = current;
            let e = error(&field, message);
            if strict {
                return Err(e);
            }
            errors.push(e);
        }
    }
    Ok(())
}

fn read(text: &str, strict: bool) -> Result<(Answers, Vec<AnswerError>), AnswerError> {
    let input: Value = serde_json::from_str(text)
        .map_err(|e| error("(document)", format!("is not valid JSON: {e}")))?;
    let Value::Object(input) = input else {
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
            let e = error(
                "version",
                format!("{n} is newer than this Berth understands ({FORMAT_VERSION}); fields it does not know are skipped"),
            );
            if strict {
                return Err(e);
            }
            errors.push(e);
        }
        None => {}
        Some(other) => {
            let e = error("version", format!("must be {FORMAT_VERSION}, got {other}"));
            if strict {
                return Err(e);
            }
            errors.push(e);
        }
    }
    // Start from the archetype's preset so unanswered fields get its defaults.
    let archetype = input
        .get("archetype")
        .and_then(|a| serde_json::from_value::<super::Archetype>(a.clone()).ok())
        .unwrap_or_default();
    let mut doc = serde_json::to_value(archetype.preset()).expect("answers serialize");
    let mut rest = input;
    rest.remove("version");
    // `imported` is absent from presets, so it is read on its own.
    let imported = match rest.remove("imported") {
        None | Some(Value::Null) => None,
        Some(v @ Value::Object(_)) => Some(v),
        Some(_) => {
            let e = error("imported", "must be an object (written by `berth import`)");
            if strict {
                return Err(e);
            }
            errors.push(e);
            None
        }
    };
    apply(&mut doc, &[], &rest, strict, &mut errors)?;
    let mut answers: Answers =
        serde_json::from_value(doc).expect("every applied field was checked");
    answers.imported = imported;
    Ok((answers, errors))
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
