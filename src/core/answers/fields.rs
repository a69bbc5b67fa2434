//! Answers field by field, by the name the answers JSON gives each field.
//!
//! Readers that must name the one field that is wrong (lenient parsing, share links) read
//! and write a single field's JSON text with its own type, instead of round-tripping the
//! whole answers through `serde_json::Value`. (The questionnaire sets and reads answers
//! without JSON: see `by_question`.)

use std::collections::BTreeMap;
use std::fmt;

use serde::de::value::StrDeserializer;
use serde::de::{DeserializeOwned, Error as _, Visitor};
use serde_json::value::RawValue;
use serde_json::Error;

use super::{Answers, DeployDetails};

/// Reads a value of type `T` from its JSON text.
fn read<T: DeserializeOwned>(json: &str) -> Result<T, Error> {
    serde_json::from_str(json)
}

/// Reads an option (a unit enum) as reading a `Value` does: from a string, or from an
/// object of exactly one key (the last value of a repeated key) whose value is `null`.
/// The name is matched with serde's own string reader, so each option type costs only its
/// name table: the rest is shared by every option type ([`option_name`], [`unit_value`]).
pub(crate) fn one_of<T: DeserializeOwned>(json: &str) -> Result<T, Error> {
    let (name, value) = option_name(json)?;
    let option = T::deserialize(StrDeserializer::<Error>::new(&name))?;
    unit_value(value)?;
    Ok(option)
}

/// An option's name, and its value when it is written as a one-key object.
fn option_name(json: &str) -> Result<(String, Option<&RawValue>), Error> {
    match json.as_bytes().first() {
        Some(b'"') => Ok((read::<String>(json)?, None)),
        Some(b'{') => {
            let fields: BTreeMap<String, &RawValue> = serde_json::from_str(json)?;
            let mut fields = fields.into_iter();
            let (Some((name, value)), None) = (fields.next(), fields.next()) else {
                return Err(Error::custom(
                    "invalid value: map, expected map with a single key",
                ));
            };
            Ok((name, Some(value)))
        }
        _ => Err(Error::custom(format_args!(
            "invalid type: {}, expected string or map",
            describe(json)?
        ))),
    }
}

/// Checks that an option written as a one-key object has `null` as its value.
fn unit_value(value: Option<&RawValue>) -> Result<(), Error> {
    match value {
        Some(value) if value.get() != "null" => Err(Error::custom(format_args!(
            "invalid type: {}, expected unit",
            describe(value.get())?
        ))),
        _ => Ok(()),
    }
}

/// Reads a list of options: each item as [`one_of`] reads it, the first error winning.
fn list_of<T: DeserializeOwned>(json: &str) -> Result<Vec<T>, Error> {
    let items = items(json)?;
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        out.push(one_of(item.get())?);
    }
    Ok(out)
}

/// The items of a JSON list, each as its own text: shared by every list of options.
fn items(json: &str) -> Result<Vec<&RawValue>, Error> {
    if !json.starts_with('[') {
        return Err(Error::custom(format_args!(
            "invalid type: {}, expected a sequence",
            describe(json)?
        )));
    }
    serde_json::from_str(json)
}

/// A JSON value named as serde names an unexpected one (`string "x"`, `integer `1``).
fn describe(json: &str) -> Result<String, Error> {
    Ok(match json.as_bytes().first() {
        Some(b'"') => format!("string {:?}", read::<String>(json)?),
        Some(b'[') => "sequence".to_string(),
        Some(b'{') => "map".to_string(),
        Some(b'n') => "null".to_string(),
        _ => serde::Deserializer::deserialize_any(
            &mut serde_json::Deserializer::from_str(json),
            Scalar,
        )?,
    })
}

/// A JSON scalar described as serde_json describes an unexpected one.
struct Scalar;

impl Visitor<'_> for Scalar {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a scalar")
    }
    fn visit_bool<E>(self, v: bool) -> Result<String, E> {
        Ok(format!("boolean `{v}`"))
    }
    fn visit_u64<E>(self, v: u64) -> Result<String, E> {
        Ok(format!("integer `{v}`"))
    }
    fn visit_i64<E>(self, v: i64) -> Result<String, E> {
        Ok(format!("integer `{v}`"))
    }
    fn visit_f64<E>(self, v: f64) -> Result<String, E> {
        Ok(format!(
            "floating point `{}`",
            zmij::Buffer::new().format(v)
        ))
    }
}

/// Declares the fields of a struct by JSON name, in sorted order (as messages list them).
macro_rules! by_name {
    ($ty:ident, $names:ident: $($field:ident $read:ident),* $(,)?) => {
        impl $ty {
            /// The JSON field names, sorted.
            pub const $names: &'static [&'static str] = &[$(stringify!($field)),*];

            /// Sets field `name` from its JSON text; the field is unchanged on error.
            /// `None` when there is no such field.
            pub fn set_json(&mut self, name: &str, json: &str) -> Option<Result<(), Error>> {
                match name {
                    $(stringify!($field) => Some($read(json).map(|v| self.$field = v)),)*
                    _ => None,
                }
            }

            /// Field `name` as the answers JSON writes it; `None` when there is no such field.
            pub fn field_json(&self, name: &str) -> Option<String> {
                match name {
                    $(stringify!($field) => serde_json::to_string(&self.$field).ok(),)*
                    _ => None,
                }
            }
        }
    };
}

// Every field but `imported`, which is read and written as a whole (see `parse`), with
// its reader: `one_of` for an option, `list_of` for a list of options.
by_name!(Answers, FIELDS:
    arch one_of, archetype one_of, busy_hours_per_day read, cloud one_of, cloud_mode one_of,
    compliance list_of, concurrency read, cost_preference one_of, deploy read,
    ephemeral_storage_gib read, existing_cluster one_of, gpu read, gpu_type one_of,
    ingress one_of, job_minutes read, kubernetes one_of, max_instances read,
    max_request_seconds read, memory_gib read, min_instances read, minutes_per_run read,
    os one_of, protocols list_of, request_ms read, requests_per_month read,
    runs_per_month read, scale_to_zero one_of, special list_of, storage one_of,
    traffic one_of, vcpu read, version read, workload one_of,
);

by_name!(DeployDetails, FIELDS:
    env read, health_path read, image read, name read, port read, region read, retries read,
    schedule read, secrets secret_names,
);

/// Reads secret names, any `=value` cut off: a secret's value never survives into saved or
/// shared answers (see `answers::names_only`).
fn secret_names(json: &str) -> Result<Vec<String>, Error> {
    Ok(super::names_only(read(json)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::Archetype;

    /// The names are exactly the serialized fields, sorted: a field added to the struct
    /// and not here fails.
    #[test]
    fn names_are_the_serialized_fields_sorted() {
        fn keys(object: &serde_json::Value) -> Vec<&str> {
            let object = object.as_object().expect("object");
            object.keys().map(String::as_str).collect()
        }
        let answers = Archetype::BatchJob.preset();
        let json = serde_json::to_value(&answers).expect("serializes");
        assert_eq!(Answers::FIELDS, keys(&json).as_slice());
        assert_eq!(DeployDetails::FIELDS, keys(&json["deploy"]).as_slice());
    }

    #[test]
    fn every_field_round_trips_through_its_json() {
        for archetype in Archetype::ALL {
            let from = archetype.preset();
            let mut to = Archetype::Scratch.preset();
            let json = serde_json::to_value(&from).expect("serializes");
            for name in Answers::FIELDS {
                let text = from.field_json(name).expect("known");
                let read: serde_json::Value = serde_json::from_str(&text).expect("JSON");
                assert_eq!(read, json[*name], "{name}");
                to.set_json(name, &text).expect("known").expect("reads");
            }
            assert_eq!(to, from);
            for name in DeployDetails::FIELDS {
                let text = from.deploy.field_json(name).expect("known");
                assert_eq!(text, json["deploy"][*name].to_string(), "deploy.{name}");
            }
        }
        let mut answers = Answers::default();
        assert!(answers.set_json("imported", "{}").is_none());
        assert!(answers.field_json("nope").is_none());
        let before = answers.clone();
        assert!(answers.set_json("vcpu", "\"two\"").expect("known").is_err());
        assert_eq!(answers, before, "unchanged on error");
    }
}
