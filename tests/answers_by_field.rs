//! Answers read and written field by field give exactly what the whole-document
//! `serde_json::Value` round trip gave: the same answers, the same errors in the same
//! order with the same words, the same share-link payloads, and old links still open.
//!
//! `reference` is that round trip, kept here as the definition of the behaviour.

use berth::core::answers::*;
use berth::core::questionnaire::{question, AnswerValue, QuestionKind, QUESTIONS};
use berth::core::share_link;
use serde_json::{Map, Value};

mod reference {
    use super::*;
    use berth::core::questionnaire::{fmt_number, NumberSpec};

    fn error(field: &str, message: impl Into<String>) -> AnswerError {
        AnswerError {
            field: field.to_string(),
            message: message.into(),
        }
    }

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

    fn shown(field: &str) -> String {
        if field.trim().is_empty() || field.chars().any(char::is_control) {
            serde_json::to_string(field).unwrap_or_else(|_| "(unnamed field)".into())
        } else {
            field.to_string()
        }
    }

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

    pub fn read(text: &str, strict: bool) -> Result<(Answers, Vec<AnswerError>), AnswerError> {
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
                let e = error("version", format!("must be {FORMAT_VERSION}, got {other}"));
                if strict {
                    return Err(e);
                }
                errors.push(e);
            }
        }
        let archetype = input
            .get("archetype")
            .and_then(|a| serde_json::from_value::<Archetype>(a.clone()).ok())
            .unwrap_or_default();
        let mut doc = serde_json::to_value(archetype.preset()).expect("answers serialize");
        let mut rest = input;
        rest.remove("version");
        let imported = match rest.remove("imported") {
            None | Some(Value::Null) => None,
            Some(v @ Value::Object(_)) => Some(berth::core::answers::ImportedJson::of(&v)),
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

    pub fn parse_answers(text: &str) -> Result<Answers, AnswerError> {
        let (answers, _) = read(text, true)?;
        match answers.check().into_iter().next() {
            Some(e) => Err(e),
            None => Ok(answers),
        }
    }

    pub fn parse_answers_lenient(text: &str) -> Result<(Answers, Vec<AnswerError>), AnswerError> {
        let (mut answers, mut errors) = read(text, false)?;
        let defaults = answers.archetype.preset();
        for e in answers.check() {
            if e.field == "version" {
                continue;
            }
            if let (Some(default), true) = (get(&defaults, &e.field), question(&e.field).is_some())
            {
                let _ = set(&mut answers, &e.field, default);
            }
            errors.push(e);
        }
        answers.version = FORMAT_VERSION;
        Ok((answers, errors))
    }

    pub fn get(a: &Answers, id: &str) -> Option<AnswerValue> {
        let json = serde_json::to_value(a).ok()?;
        let value = json.get(id)?;
        Some(match question(id)?.kind {
            QuestionKind::SingleChoice { .. } => AnswerValue::Choice(match value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            }),
            QuestionKind::MultipleChoice { .. } => AnswerValue::Choices(
                value
                    .as_array()?
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect(),
            ),
            QuestionKind::Number(_) | QuestionKind::Duration(_) | QuestionKind::Size(_) => {
                AnswerValue::Number(value.as_f64())
            }
        })
    }

    fn check_number(id: &str, title: &str, spec: &NumberSpec, n: f64) -> Result<(), AnswerError> {
        if !n.is_finite() || n < spec.min || n > spec.max {
            return Err(error(
                id,
                format!(
                    "{title} must be between {} and {} {}",
                    fmt_number(spec.min),
                    fmt_number(spec.max),
                    spec.unit
                ),
            ));
        }
        if spec.step >= 1.0 && n.fract() != 0.0 {
            return Err(error(
                id,
                format!("{title} must be a whole number of {}", spec.unit),
            ));
        }
        Ok(())
    }

    pub fn set(a: &mut Answers, id: &str, value: AnswerValue) -> Result<(), AnswerError> {
        let q = question(id).ok_or_else(|| error(id, "is not a question Berth asks"))?;
        let json_value = match (&q.kind, value) {
            (QuestionKind::SingleChoice { options }, AnswerValue::Choice(c)) => {
                let option = options.iter().find(|o| o.id == c).ok_or_else(|| {
                    let ids: Vec<_> = options.iter().map(|o| o.id).collect();
                    error(id, format!("'{c}' is not one of: {}", ids.join(", ")))
                })?;
                match option.id {
                    "true" => Value::Bool(true),
                    "false" => Value::Bool(false),
                    other => Value::String(other.to_string()),
                }
            }
            (QuestionKind::MultipleChoice { options }, AnswerValue::Choices(cs)) => {
                let mut ordered = Vec::new();
                for option in options.iter() {
                    if cs.iter().any(|c| c == option.id) {
                        ordered.push(Value::String(option.id.to_string()));
                    }
                }
                if let Some(bad) = cs
                    .iter()
                    .find(|c| !options.iter().any(|o| o.id == c.as_str()))
                {
                    let ids: Vec<_> = options.iter().map(|o| o.id).collect();
                    return Err(error(
                        id,
                        format!("'{bad}' is not one of: {}", ids.join(", ")),
                    ));
                }
                Value::Array(ordered)
            }
            (
                QuestionKind::Number(spec)
                | QuestionKind::Duration(spec)
                | QuestionKind::Size(spec),
                AnswerValue::Number(n),
            ) => match n {
                None if spec.not_sure => Value::Null,
                None => return Err(error(id, format!("{} needs a number", q.title))),
                Some(n) => {
                    check_number(id, q.title, spec, n)?;
                    if n.fract() == 0.0 && n.abs() < 9.0e15 {
                        Value::from(n as i64)
                    } else {
                        serde_json::json!(n)
                    }
                }
            },
            _ => return Err(error(id, "has the wrong kind of answer for this question")),
        };
        let mut json = serde_json::to_value(&*a).map_err(|e| error(id, e.to_string()))?;
        json[id] = json_value;
        *a = serde_json::from_value(json).map_err(|e| error(id, e.to_string()))?;
        Ok(())
    }

    pub fn diff_json(answers: &Answers) -> String {
        let to_map = |a: &Answers| match serde_json::to_value(a) {
            Ok(Value::Object(map)) => map,
            _ => Map::new(),
        };
        let now = to_map(answers);
        let preset = to_map(&answers.archetype.preset());
        let mut out = Map::new();
        for (key, value) in now {
            if key == "version" || key == "imported" {
                continue;
            }
            let base = preset.get(&key);
            if key == "archetype" {
                out.insert(key, value);
            } else if let (Value::Object(fields), Some(Value::Object(base))) = (&value, base) {
                let changed: Map<String, Value> = fields
                    .iter()
                    .filter(|(k, v)| base.get(*k) != Some(*v))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                if !changed.is_empty() {
                    out.insert(key, Value::Object(changed));
                }
            } else if base != Some(&value) {
                out.insert(key, value);
            }
        }
        Value::Object(out).to_string()
    }
}

/// A fixed-seed xorshift: the same corpus on every run.
struct Seq(u64);

impl Seq {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() % items.len()]
    }
}

const VALUES: &[&str] = &[
    "null",
    "true",
    "false",
    "0",
    "1",
    "2",
    "3",
    "2.5",
    "-3",
    "0.25",
    "1e3",
    "1.0",
    "70000",
    "4294967296",
    "18446744073709551616",
    "0.30000000000000004",
    "123456.789012345678",
    "\"x\"",
    "\"\"",
    "\"linux\"",
    "\"windows\"",
    "\"batch_job\"",
    "\"gpu_inference\"",
    "\"nvidia_l4\"",
    "\"arm64\"",
    "\"private\"",
    "\"\\u0041\"",
    "[]",
    "[\"http1\",\"grpc\"]",
    "[\"udp\",\"http1\",\"udp\"]",
    "[\"bogus\"]",
    "[\"cmek\",\"private_network\"]",
    "[\"sidecars\"]",
    "[\"a\",\"b\"]",
    "[1,2]",
    "{}",
    "{\"name\":\"orders\"}",
    "{\"port\":\"x\",\"bogus\":1,\"image\":\"r/i:1\"}",
    "{\"port\":70000,\"retries\":300}",
    "{\"env\":[{\"name\":\"A\",\"value\":\"b\"}],\"secrets\":[\"s\"]}",
    "{\"env\":[{\"name\":\"A\"}]}",
    "{\"schedule\":\"0 3 * * *\",\"region\":\"eu-west-1\",\"name\":\"n\",\"name\":\"m\"}",
    "{\"format\":\"Compose file\",\"workload\":\"web\"}",
    "{\"a\":{\"b\":[1,{\"c\":null}]}}",
    "{\"linux\":null}",
    "{\"linux\":1}",
    "{\"batch_job\":null,\"batch_job\":null}",
    "{\"x\":1,\"y\":2}",
    "[1,\"http1\"]",
    "[\"grpc\",{\"udp\":null}]",
    "[ \"http1\" ,\n \"tcp\" ]",
    "{\"linux\":\"x\"}",
    "{\"linux\":[1]}",
    "{\"tcp\":{}}",
    "[{\"grpc\":2.5}]",
    "\"tab\\there \\u00e9\\\"\"",
    "-0.0",
    "{ \"port\" : 9000 ,\n \"name\" : \"a b\" }",
];

fn keys() -> Vec<&'static str> {
    let mut keys: Vec<&str> = Answers::FIELDS.to_vec();
    keys.extend([
        "imported",
        "retired_question",
        "",
        " \n",
        "deploy",
        "version",
        "Vcpu",
    ]);
    keys
}

/// Objects of up to eight fields, each any of the values (repeats included).
fn documents() -> Vec<String> {
    let keys = keys();
    let mut seq = Seq(0x9e37_79b9_7f4a_7c15);
    let mut docs = vec![
        "{}".to_string(),
        "[]".to_string(),
        "1".to_string(),
        "{".to_string(),
        "{\"vcpu\":1e400}".to_string(),
        "{\"version\":1}".to_string(),
        "{\"version\":2,\"vcpu\":2}".to_string(),
        "{\"version\":\"1\"}".to_string(),
        "{\"version\":1.0}".to_string(),
        "{\"version\":-0}".to_string(),
        "{\"version\":0}".to_string(),
        "{\"version\":[1, 2]}".to_string(),
        "{\"version\":{\"a\" : 1}}".to_string(),
    ];
    for _ in 0..4_000 {
        let n = seq.next() % 9;
        let fields: Vec<String> = (0..n)
            .map(|_| {
                let key = seq.pick(&keys);
                let value = seq.pick(VALUES);
                format!("{}: {value}", serde_json::to_string(key).expect("key"))
            })
            .collect();
        docs.push(format!("{{{}}}", fields.join(", ")));
    }
    docs
}

#[test]
fn lenient_reading_matches_the_whole_document_round_trip() {
    for doc in documents() {
        assert_eq!(
            parse_answers_lenient(&doc),
            reference::parse_answers_lenient(&doc),
            "{doc}"
        );
    }
}

#[test]
fn strict_reading_matches_the_whole_document_round_trip() {
    for doc in documents() {
        let versioned = doc.replacen('{', "{\"version\": 1, ", 1);
        for text in [&doc, &versioned] {
            assert_eq!(
                parse_answers(text),
                reference::parse_answers(text),
                "{text}"
            );
        }
    }
}

/// Answers that read leniently from the corpus: every archetype and many changed fields.
fn answer_sets() -> Vec<Answers> {
    let mut sets: Vec<Answers> = Archetype::ALL.iter().map(|a| a.preset()).collect();
    for doc in documents() {
        if let Ok((answers, _)) = parse_answers_lenient(&doc) {
            sets.push(answers);
        }
    }
    let mut odd = Archetype::BatchJob.preset();
    odd.vcpu = Some(0.1 + 0.2);
    odd.memory_gib = Some(1.0 / 3.0);
    odd.busy_hours_per_day = Some(23.999_999_999_999_996);
    odd.deploy.env = vec![EnvVar {
        name: "QUOTE\"D".into(),
        value: "line\nbreak \u{1F600}".into(),
    }];
    sets.push(odd);
    sets
}

#[test]
fn get_and_set_match_the_whole_document_round_trip() {
    let mut seq = Seq(0x2545_f491_4f6c_dd1d);
    let numbers = [
        None,
        Some(0.0),
        Some(0.25),
        Some(1.0),
        Some(2.5),
        Some(3.0),
        Some(64.0),
        Some(1e6),
        Some(0.1 + 0.2),
        Some(-1.0),
        Some(f64::NAN),
        Some(1e20),
    ];
    for answers in answer_sets() {
        for q in QUESTIONS {
            let got = answers.get(q.id);
            let expected = reference::get(&answers, q.id);
            match (&got, &expected) {
                (Some(AnswerValue::Number(Some(a))), Some(AnswerValue::Number(Some(b)))) => {
                    assert_eq!(a.to_bits(), b.to_bits(), "{}", q.id)
                }
                _ => assert_eq!(got, expected, "{}", q.id),
            }
            let values: Vec<AnswerValue> = match q.kind {
                QuestionKind::SingleChoice { options } => options
                    .iter()
                    .map(|o| AnswerValue::Choice(o.id.into()))
                    .chain([
                        AnswerValue::Choice("bogus".into()),
                        AnswerValue::Number(None),
                    ])
                    .collect(),
                QuestionKind::MultipleChoice { options } => (0..6)
                    .map(|_| {
                        let n = seq.next() % (options.len() + 1);
                        AnswerValue::Choices(
                            (0..n)
                                .map(|_| options[seq.next() % options.len()].id.to_string())
                                .collect(),
                        )
                    })
                    .chain([AnswerValue::Choices(vec!["bogus".into()])])
                    .collect(),
                _ => numbers
                    .iter()
                    .map(|n| AnswerValue::Number(*n))
                    .chain([AnswerValue::Choice("1".into())])
                    .collect(),
            };
            for value in values {
                let (mut ours, mut theirs) = (answers.clone(), answers.clone());
                let r = ours.set(q.id, value.clone());
                let e = reference::set(&mut theirs, q.id, value.clone());
                assert_eq!(r, e, "{} = {value:?}", q.id);
                assert_eq!(ours, theirs, "{} = {value:?}", q.id);
            }
        }
    }
    let mut a = Answers::default();
    assert_eq!(
        a.set("nope", AnswerValue::Number(None)),
        reference::set(&mut Answers::default(), "nope", AnswerValue::Number(None))
    );
}

#[test]
fn share_links_match_the_whole_document_round_trip_and_old_links_open() {
    for answers in answer_sets() {
        let code = share_link::encode(&answers);
        let payload = share_link::base64url_decode(&code[2..]).expect("base64");
        let json = String::from_utf8(payload).expect("text");
        assert_eq!(json, reference::diff_json(&answers));
        let decoded = share_link::decode(&code).expect("decodes");
        let mut expected = answers.clone();
        expected.imported = None;
        let (reread, _) = reference::parse_answers_lenient(
            &reference::diff_json(&answers).replacen('{', "{\"version\":1,", 1),
        )
        .expect("reads");
        assert_eq!(decoded.answers, reread);
    }
    // A link written before answers were read field by field.
    let old = "1.eyJhcmNoZXR5cGUiOiJiYXRjaF9qb2IiLCJkZXBsb3kiOnsiZW52IjpbeyJuYW1lIjoiQSIsInZhbHVlIjoiYiJ9XSwibmFtZSI6Im9yZGVycyJ9LCJwcm90b2NvbHMiOlsiaHR0cDEiLCJncnBjIl0sInZjcHUiOjIuNX0";
    let decoded = share_link::decode(old).expect("an old link opens");
    let mut expected = Archetype::BatchJob.preset();
    expected.vcpu = Some(2.5);
    expected.protocols = vec![Protocol::Http1, Protocol::Grpc];
    expected.deploy.name = "orders".into();
    expected.deploy.env = vec![EnvVar {
        name: "A".into(),
        value: "b".into(),
    }];
    assert_eq!(decoded.answers, expected);
    assert!(decoded.dropped.is_empty(), "{:?}", decoded.dropped);
    assert_eq!(decoded.kept, ["archetype", "deploy", "protocols", "vcpu"]);
    assert_eq!(
        share_link::encode(&expected),
        old,
        "the same answers, the same link"
    );
}

#[test]
fn stored_answers_with_an_import_story_read_and_write_unchanged() {
    let stored = r#"{"version":1,"archetype":"public_web","workload":"http_service","vcpu":2.0,"memory_gib":4.0,"gpu":false,"gpu_type":"any","ephemeral_storage_gib":2.0,"max_request_seconds":60,"job_minutes":null,"os":"linux","arch":"either","protocols":["http1"],"ingress":"public","storage":"none","scale_to_zero":"preferred","min_instances":0,"max_instances":10,"concurrency":80,"traffic":"spiky","special":[],"compliance":[],"cloud":"any","cloud_mode":"prefer","kubernetes":"none","existing_cluster":"none","requests_per_month":3000000,"request_ms":200,"busy_hours_per_day":null,"runs_per_month":null,"minutes_per_run":null,"cost_preference":"best_fit","deploy":{"name":"web","image":"nginx:1.27","port":8080,"health_path":"/healthz","env":[],"secrets":[],"schedule":"","retries":3,"region":""},"imported":{"file_name":"compose.yaml","format":"Compose file","from_file":[{"field":"vcpu","source":"cpus: '2'"}],"not_understood":[],"original":{"health":"","memory_gib":4.0,"ports":[8080],"schedule":"","secrets":[],"vcpu":2.0},"workload":"web"}}"#;
    let (answers, errors) = parse_answers_lenient(stored).expect("reads");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(serde_json::to_string(&answers).expect("writes"), stored);
    assert_eq!(
        Ok((answers, errors)),
        reference::parse_answers_lenient(stored)
    );
}
