//! The answers format: strict reading names the field, lenient reading keeps what is valid.

use berth::core::answers::*;
use berth::core::questionnaire::{applicable, question, AnswerValue, QUESTIONS};

#[test]
fn every_question_id_is_an_answers_field_with_a_readable_value() {
    let a = Archetype::Scratch.preset();
    for q in QUESTIONS {
        assert!(a.get(q.id).is_some(), "question {} has no field", q.id);
    }
}

#[test]
fn set_checks_options_and_bounds_and_leaves_answers_unchanged_on_error() {
    let mut a = Archetype::PublicWeb.preset();
    let before = a.clone();
    let e = a
        .set("memory_gib", AnswerValue::Number(Some(4096.0)))
        .unwrap_err();
    assert_eq!(e.field, "memory_gib");
    assert_eq!(
        e.message,
        "Memory per instance must be between 0.125 and 512 GiB"
    );
    assert_eq!(a, before);
    let e = a.set("os", AnswerValue::Choice("beos".into())).unwrap_err();
    assert!(e.message.contains("linux, windows"), "{e}");
    let e = a
        .set("min_instances", AnswerValue::Number(Some(1.5)))
        .unwrap_err();
    assert!(e.message.contains("whole number"), "{e}");
    assert_eq!(a, before);
    for (id, n) in [
        ("min_instances", 2.0),
        ("max_instances", 50.0),
        ("concurrency", 80.0),
        ("max_request_seconds", 300.0),
        ("job_minutes", 20.0),
    ] {
        a.set(id, AnswerValue::Number(Some(n)))
            .unwrap_or_else(|e| panic!("{id} = {n}: {e}"));
        assert_eq!(a.get(id), Some(AnswerValue::Number(Some(n))), "{id}");
    }
    a.set("vcpu", AnswerValue::Number(Some(2.0))).unwrap();
    assert_eq!(a.vcpu, Some(2.0));
    a.set("memory_gib", AnswerValue::Number(None)).unwrap();
    assert_eq!(a.memory_gib, None, "Not sure is a valid answer");
    a.set("gpu", AnswerValue::Choice("true".into())).unwrap();
    assert!(a.gpu);
    a.set(
        "protocols",
        AnswerValue::Choices(vec!["grpc".into(), "http1".into()]),
    )
    .unwrap();
    assert_eq!(
        a.protocols,
        vec![Protocol::Http1, Protocol::Grpc],
        "kept in option order"
    );
}

#[test]
fn conditions_hide_questions_that_do_not_apply() {
    let mut a = Archetype::PublicWeb.preset();
    let ids = |a: &Answers| applicable(a).map(|q| q.id).collect::<Vec<_>>();
    assert!(!ids(&a).contains(&"gpu_type"));
    assert!(!ids(&a).contains(&"job_minutes"));
    a.gpu = true;
    assert!(ids(&a).contains(&"gpu_type"));
    let job = Archetype::BatchJob.preset();
    assert!(ids(&job).contains(&"job_minutes"));
    assert!(!ids(&job).contains(&"max_request_seconds"));
}

#[test]
fn every_question_has_help_and_choices_have_hints() {
    use berth::core::questionnaire::QuestionKind::*;
    for q in QUESTIONS {
        assert!(q.help.len() > 20, "{} needs help text", q.id);
        if let SingleChoice { options } | MultipleChoice { options } = q.kind {
            assert!(options.iter().all(|o| !o.hint.is_empty()), "{}", q.id);
        }
    }
    assert!(question("vcpu").is_some());
}

#[test]
fn strict_parsing_names_the_field() {
    let e = parse_answers(r#"{"version": 1, "deploy": {"port": "eighty"}}"#).unwrap_err();
    assert_eq!(e.field, "deploy.port");
    let e = parse_answers(r#"{"version": 1, "protocols": ["http1", "quic"]}"#).unwrap_err();
    assert_eq!(e.field, "protocols");
    assert!(e.message.contains("quic"), "{e}");
    let e = parse_answers(r#"{"version": 2}"#).unwrap_err();
    assert_eq!(e.field, "version");
    let e = parse_answers(r#"{"version": 1, "deploy": {"nmae": "x"}}"#).unwrap_err();
    assert_eq!(e.field, "deploy.nmae");
    assert!(e.message.contains("known:"), "{e}");
}

#[test]
fn lenient_parsing_keeps_every_valid_field() {
    let (a, errors) = parse_answers_lenient(
        r#"{"version": 1, "archetype": "batch_job", "vcpu": 3, "memory_gib": "x", "os": "windows", "bogus": 1, "max_instances": 0}"#,
    )
    .unwrap();
    assert_eq!(a.archetype, Archetype::BatchJob);
    assert_eq!(a.vcpu, Some(3.0));
    assert_eq!(a.os, Os::Windows);
    assert_eq!(
        a.memory_gib,
        Archetype::BatchJob.preset().memory_gib,
        "bad field falls back to the preset"
    );
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["bogus", "memory_gib", "max_instances"]);
    assert_eq!(
        a.max_instances,
        Archetype::BatchJob.preset().max_instances,
        "an out-of-range number is reset"
    );
}

#[test]
fn an_outdated_or_future_version_is_reported_not_fatal_when_lenient() {
    let (a, errors) = parse_answers_lenient(r#"{"version": 9, "vcpu": 2}"#).unwrap();
    assert_eq!(a.vcpu, Some(2.0));
    assert_eq!(errors[0].field, "version");
    assert!(parse_answers_lenient("not json").is_err());
}

#[test]
fn the_documented_example_parses() {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/answers-format.md"
    ))
    .unwrap();
    let start = doc
        .find("```json\n")
        .expect("the format doc has a full JSON example")
        + 8;
    let end = start + doc[start..].find("```").unwrap();
    let a = parse_answers(&doc[start..end]).unwrap_or_else(|e| panic!("docs example: {e}"));
    assert_eq!(a.version, FORMAT_VERSION);
    for q in QUESTIONS {
        assert!(
            doc.contains(&format!("`{}`", q.id)),
            "docs/answers-format.md does not document `{}`",
            q.id
        );
    }
}

#[test]
fn an_unknown_blank_key_is_named_visibly() {
    let (_, errors) =
        berth::core::answers::parse_answers_lenient(r#"{"version": 1, " ": 1, "\n": 2}"#).unwrap();
    let mut fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    fields.sort();
    assert_eq!(fields, [r#"" ""#, r#""\n""#]);
}
