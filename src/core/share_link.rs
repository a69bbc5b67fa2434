//! Share links: answers packed into a URL fragment, e.g. `#/results?a=1.eyJ...`.
//!
//! The code is `<format>.<base64url of JSON>`, where the JSON holds only the answers
//! that differ from the chosen archetype's preset (plus the archetype itself), so a
//! typical link stays short. Reading goes through [`parse_answers_lenient`], so a
//! damaged or outdated link keeps every answer it can still read and names the rest.

use serde_json::Value;

use super::answers::{parse_answers_lenient, AnswerError, Answers, DeployDetails, FORMAT_VERSION};

/// The link format this build writes. Bump it when the payload changes shape.
pub const LINK_VERSION: u32 = 1;

/// The query parameter carrying the code in a hash route.
pub const PARAM: &str = "a";

/// Longest code accepted; a real link is a few hundred characters.
const MAX_CODE_LEN: usize = 16_384;

/// What a share link held.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    pub answers: Answers,
    /// Answers read from the link, by question id (`deploy` for the deploy details).
    pub kept: Vec<String>,
    /// Answers the link held that could not be used, each with why; they keep the preset's value.
    pub dropped: Vec<AnswerError>,
}

/// Encodes the answers as a share code (`1.<payload>`).
pub fn encode(answers: &Answers) -> String {
    let mut code = LINK_VERSION.to_string();
    code.push('.');
    code.push_str(&base64url_encode(diff_json(answers).as_bytes()));
    code
}

/// The route fragment that opens `page` (e.g. `results`) with these answers.
pub fn fragment(page: &str, answers: &Answers) -> String {
    let mut out = String::from("#/");
    out.push_str(page);
    out.push('?');
    out.push_str(PARAM);
    out.push('=');
    out.push_str(&encode(answers));
    out
}

/// The JSON object of the answers that differ from their archetype's preset, written
/// as a `Value` object writes it: fields sorted by name, compact.
fn diff_json(answers: &Answers) -> String {
    let preset = answers.archetype.preset();
    let mut out = String::from("{");
    let put = |out: &mut String, key: &str, json: &str| {
        if out.len() > 1 {
            out.push(',');
        }
        out.push('"');
        out.push_str(key);
        out.push_str("\":");
        out.push_str(json);
    };
    for &key in Answers::FIELDS {
        // The import story stays on this device: links are short, and the file's contents
        // are not the recipient's business. `imported` is not among the fields.
        if key == "version" {
            continue;
        }
        let json = |a: &Answers| a.field_json(key).unwrap_or_default();
        if key == "deploy" {
            let mut changed = String::from("{");
            for &name in DeployDetails::FIELDS {
                let now = answers.deploy.field_json(name).unwrap_or_default();
                if preset.deploy.field_json(name).as_deref() != Some(now.as_str()) {
                    put(&mut changed, name, &now);
                }
            }
            if changed.len() > 1 {
                changed.push('}');
                put(&mut out, key, &changed);
            }
        } else if key == "archetype" || json(answers) != json(&preset) {
            put(&mut out, key, &json(answers));
        }
    }
    out.push('}');
    out
}

fn link_error(message: impl Into<String>) -> AnswerError {
    AnswerError {
        field: "(link)".into(),
        message: message.into(),
    }
}

/// Reads a share code. Fields that are wrong or unknown are dropped and reported; only a
/// code with no readable answers at all is an error, and then nothing should change.
pub fn decode(code: &str) -> Result<Decoded, AnswerError> {
    let code = code.trim();
    if code.is_empty() {
        return Err(link_error("is empty: it holds no answers"));
    }
    if code.len() > MAX_CODE_LEN {
        return Err(link_error("is too long to be a Berth link"));
    }
    let Some((version, payload)) = code.split_once('.') else {
        return Err(link_error(
            "is damaged: its format marker is missing (it should start with \"1.\")",
        ));
    };
    let Ok(version) = version.parse::<u32>() else {
        return Err(link_error("is damaged: its format marker is not a number"));
    };
    let mut dropped = Vec::new();
    if version == 0 {
        return Err(link_error(
            "uses a format this version of Berth cannot read",
        ));
    }
    if version > LINK_VERSION {
        dropped.push(link_error(format!(
            "was made by a newer Berth (link format {version}); only the answers this version understands were read"
        )));
    }
    let bytes = base64url_decode(payload)
        .ok_or_else(|| link_error("is damaged: it was cut off or changed after it was copied"))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| link_error("is damaged: its contents are not text"))?;
    let mut fields = match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(fields)) => fields,
        // Base64 cut at any point still decodes, to JSON that ends early.
        Err(e) if e.is_eof() => {
            return Err(link_error(
                "is damaged: it was cut off, so part of it is missing",
            ))
        }
        _ => {
            return Err(link_error(
                "is damaged: its contents are not a set of answers",
            ))
        }
    };
    fields
        .entry("version")
        .or_insert(Value::from(FORMAT_VERSION));
    let text = serde_json::to_string(&Value::Object(fields.clone())).unwrap_or_default();
    let (answers, errors) = parse_answers_lenient(&text).map_err(|e| link_error(e.message))?;
    let kept = fields
        .keys()
        .filter(|k| *k != "version" && !errors.iter().any(|e| &e.field == *k))
        .cloned()
        .collect();
    dropped.extend(errors);
    Ok(Decoded {
        answers,
        kept,
        dropped,
    })
}

/// The share code in a hash route such as `#/results?a=1.xyz`, if there is one.
pub fn code_in(fragment: &str) -> Option<&str> {
    let (_, query) = fragment.split_once('?')?;
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix(PARAM)?.strip_prefix('='))
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (RFC 4648 §5): safe in a URL fragment as is.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// Reads base64url, also accepting padding and the standard `+` and `/` that some chat
/// tools substitute. `None` when the text cannot be base64.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::{Archetype, Protocol};

    #[test]
    fn base64url_round_trips_every_length() {
        for len in 0..40 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            let text = base64url_encode(&bytes);
            assert!(!text.contains(['+', '/', '=']), "{text}");
            assert_eq!(base64url_decode(&text), Some(bytes));
        }
        assert_eq!(base64url_encode(b"hello?"), "aGVsbG8_");
        assert_eq!(base64url_decode("aGVsbG8/"), Some(b"hello?".to_vec()));
        assert_eq!(base64url_decode("aGVsbA=="), Some(b"hell".to_vec()));
        assert_eq!(base64url_decode("a"), None);
        assert_eq!(base64url_decode("ab$d"), None);
    }

    #[test]
    fn every_archetype_preset_round_trips_in_a_short_link() {
        for archetype in Archetype::ALL {
            let answers = archetype.preset();
            let code = encode(&answers);
            assert!(code.starts_with("1."), "{code}");
            assert!(code.len() < 60, "a preset is just its archetype: {code}");
            let decoded = decode(&code).expect("decodes");
            assert_eq!(decoded.answers, answers);
            assert_eq!(decoded.kept, vec!["archetype".to_string()]);
            assert!(decoded.dropped.is_empty(), "{:?}", decoded.dropped);
        }
    }

    #[test]
    fn changed_answers_round_trip_including_not_sure_and_deploy_details() {
        let mut answers = Archetype::InternalService.preset();
        answers.vcpu = Some(2.5);
        answers.memory_gib = None;
        answers.protocols = vec![Protocol::Websockets, Protocol::Udp];
        answers.deploy.port = 9000;
        answers.deploy.name = "orders".into();
        let decoded = decode(&encode(&answers)).expect("decodes");
        assert_eq!(decoded.answers, answers);
        assert!(decoded.dropped.is_empty());
        for field in ["archetype", "vcpu", "memory_gib", "protocols", "deploy"] {
            assert!(
                decoded.kept.iter().any(|k| k == field),
                "{field} in {:?}",
                decoded.kept
            );
        }
    }

    #[test]
    fn fragment_carries_the_code_and_code_in_finds_it() {
        let answers = Archetype::BatchJob.preset();
        let fragment = fragment("results", &answers);
        assert!(fragment.starts_with("#/results?a=1."), "{fragment}");
        assert_eq!(code_in(&fragment), Some(encode(&answers).as_str()));
        assert_eq!(code_in("#/results?x=1&a=1.abc"), Some("1.abc"));
        assert_eq!(code_in("#/results"), None);
        assert_eq!(code_in("#/results?ab=1"), None);
    }

    fn code_of(json: &str) -> String {
        format!("1.{}", base64url_encode(json.as_bytes()))
    }

    #[test]
    fn an_outdated_link_keeps_what_it_can_and_names_what_it_dropped() {
        let code = code_of(
            r#"{"archetype":"batch_job","vcpu":4,"memory_gib":9999,"retired_question":true}"#,
        );
        let decoded = decode(&code).expect("partly readable");
        assert_eq!(decoded.answers.archetype, Archetype::BatchJob);
        assert_eq!(decoded.answers.vcpu, Some(4.0));
        assert_eq!(
            decoded.answers.memory_gib,
            Archetype::BatchJob.preset().memory_gib,
            "falls back to the preset"
        );
        let mut fields: Vec<&str> = decoded.dropped.iter().map(|e| e.field.as_str()).collect();
        fields.sort_unstable();
        assert_eq!(fields, ["memory_gib", "retired_question"]);
        let memory = decoded
            .dropped
            .iter()
            .find(|e| e.field == "memory_gib")
            .expect("memory dropped");
        assert!(memory.message.contains("between"), "{}", memory.message);
        assert_eq!(decoded.kept, ["archetype", "vcpu"]);
    }

    #[test]
    fn a_wrongly_typed_field_is_dropped_alone() {
        let decoded = decode(&code_of(
            r#"{"archetype":"public_web","os":"beos","gpu":true}"#,
        ))
        .expect("readable");
        assert!(decoded.answers.gpu);
        assert_eq!(decoded.dropped.len(), 1);
        assert_eq!(decoded.dropped[0].field, "os");
    }

    #[test]
    fn a_link_from_a_newer_berth_is_read_with_a_warning() {
        let code = format!("7.{}", base64url_encode(br#"{"archetype":"event_worker"}"#));
        let decoded = decode(&code).expect("readable");
        assert_eq!(decoded.answers.archetype, Archetype::EventWorker);
        assert_eq!(decoded.dropped[0].field, "(link)");
        assert!(decoded.dropped[0].message.contains("newer"));
    }

    #[test]
    fn damaged_links_are_errors_that_say_why() {
        let good = encode(&Archetype::GpuInference.preset());
        let cases = [
            ("", "empty"),
            ("eyJhIjoxfQ", "format marker is missing"),
            ("x.eyJhIjoxfQ", "not a number"),
            ("0.eyJhIjoxfQ", "cannot read"),
            ("1.%%%", "cut off"),
            (&good[..good.len() - 3], "damaged"),
            (&good[..good.len() - 5], "cut off, so part of it is missing"),
            ("1.WzEsMl0", "not a set of answers"),
            ("1.__8", "not text"),
        ];
        for (code, expected) in cases {
            let err = decode(code).expect_err(code);
            assert_eq!(err.field, "(link)");
            assert!(err.message.contains(expected), "{code}: {}", err.message);
        }
        assert!(decode(&"1.".repeat(10_000)).is_err());
    }
}
