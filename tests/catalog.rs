//! The catalog's own guarantees: every fact sourced and dated, ids known, tables well formed.

use berth::core::catalog::prices::PriceSheet;
use berth::core::catalog::{
    catalog, fact_sources, price_sheets, validate, Catalog, Certainty, FallbackOption,
    FunctionsHint, Platform, Sizing, PLATFORM_IDS,
};

fn embedded() -> Catalog {
    catalog().clone()
}

#[test]
fn the_embedded_catalog_is_valid_and_complete() {
    validate(catalog()).unwrap_or_else(|errors| panic!("{}", errors.join("\n")));
    let ids: Vec<&str> = catalog().platforms.iter().map(|p| p.id.as_ref()).collect();
    assert_eq!(ids, PLATFORM_IDS);
}

#[test]
fn a_fact_without_a_source_is_rejected_and_named() {
    let mut c = embedded();
    c.platforms.to_mut()[0].protocols.udp.source = "".into();
    let errors = validate(&c).unwrap_err();
    assert!(
        errors.iter().any(|e| e.contains("fargate-ecs")
            && e.contains("protocols.udp")
            && e.contains("no source")),
        "{errors:?}"
    );
}

#[test]
fn a_fact_without_a_verified_date_is_rejected() {
    let mut c = embedded();
    c.platforms.to_mut()[5].security.to_mut()[0].verified = "last year".into();
    let errors = validate(&c).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.contains("security[0]") && e.contains("verified date")),
        "{errors:?}"
    );
}

#[test]
fn a_source_that_is_not_a_url_is_rejected() {
    let mut c = embedded();
    c.platforms.to_mut()[2].integrations.to_mut()[0].source = "a blog I read".into();
    assert!(validate(&c)
        .unwrap_err()
        .iter()
        .any(|e| e.contains("integrations[0]") && e.contains("a blog I read")));
}

#[test]
fn an_unknown_platform_id_is_rejected() {
    let mut c = embedded();
    c.platforms.to_mut()[0].id = "fargate".into();
    let errors = validate(&c).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.contains("fargate: unknown platform id")),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e.contains("fargate-ecs: missing")),
        "{errors:?}"
    );
}

#[test]
fn a_malformed_size_table_is_rejected() {
    let mut c = embedded();
    let Sizing::Table { rows, .. } = &mut c.platforms.to_mut()[0].sizing.value else {
        panic!("fargate-ecs uses a table")
    };
    rows.to_mut()[1].memory_step_gib = None;
    rows.to_mut().swap(2, 3);
    let errors = validate(&c).unwrap_err();
    assert!(
        errors.iter().any(|e| e.contains("give either memory_gib")),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e.contains("increasing vcpu order")),
        "{errors:?}"
    );
}

#[test]
fn the_data_files_parse_with_unknown_fields_rejected() {
    // build.rs reads the same files with the same types; an unknown key must not slip in.
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/catalog/platforms/cloud-run.toml"
    ))
    .unwrap();
    let with_typo = text.replacen(
        "[protocols.udp]",
        "[protocols.udp]\nsorce = \"https://example.com\"",
        1,
    );
    let parsed: Result<berth::core::catalog::Platform, _> = toml_like(&with_typo);
    assert!(parsed.is_err());
}

/// The test reads TOML through the embedded JSON shape: convert with serde via a minimal route.
fn toml_like(text: &str) -> Result<berth::core::catalog::Platform, String> {
    let value: toml::Value = toml::from_str(text).map_err(|e| e.to_string())?;
    let json = serde_json::to_value(value).map_err(|e| e.to_string())?;
    serde_json::from_value(json).map_err(|e| e.to_string())
}

#[test]
fn uncertain_facts_are_marked_and_counted() {
    let mut total = 0;
    let mut uncertain = 0;
    for p in catalog().platforms.iter() {
        for f in fact_sources(p) {
            total += 1;
            if f.certainty != Certainty::Confirmed {
                uncertain += 1;
            }
        }
    }
    println!("catalog: {total} sourced facts, {uncertain} not fully confirmed");
    assert!(total > 300, "{total}");
    assert!(
        uncertain > 0,
        "the fact sheet's UNVERIFIED rows must be carried as such"
    );
}

/// Cloud Run's data file with `max_request_seconds.value` set to `value` (or removed).
fn with_request_limit(
    value: Option<toml::Value>,
) -> Result<berth::core::catalog::Platform, String> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/catalog/platforms/cloud-run.toml"
    ))
    .unwrap();
    let mut doc: toml::Value = toml::from_str(&text).unwrap();
    let fact = doc["max_request_seconds"].as_table_mut().unwrap();
    match value {
        Some(v) => fact.insert("value".into(), v),
        None => fact.remove("value"),
    };
    let json = serde_json::to_value(doc).map_err(|e| e.to_string())?;
    serde_json::from_value(json).map_err(|e| e.to_string())
}

#[test]
fn a_limit_is_a_number_none_or_unknown_and_must_be_stated() {
    use berth::core::catalog::Limit;
    let read = |v: Option<toml::Value>| with_request_limit(v).map(|p| p.max_request_seconds.value);
    let word = |w: &str| Some(toml::Value::String(w.into()));
    assert_eq!(read(Some(toml::Value::Integer(60))), Ok(Limit::Max(60)));
    assert_eq!(read(word("none")), Ok(Limit::Unlimited));
    assert_eq!(read(word("unknown")), Ok(Limit::Unknown));
    let missing = read(None).unwrap_err();
    assert!(missing.contains("value"), "{missing}");
    let word = read(word("unlimited")).unwrap_err();
    assert!(
        word.contains("\"none\"") && word.contains("\"unknown\""),
        "{word}"
    );
}

#[test]
fn every_limit_fact_states_its_value_in_the_data_files() {
    // `value` is required by the types; this names the five facts the format lists.
    for id in PLATFORM_IDS {
        let path = format!("{}/catalog/platforms/{id}.toml", env!("CARGO_MANIFEST_DIR"));
        let value: toml::Value = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for path in [
            "max_request_seconds",
            "max_job_seconds",
            "storage.ephemeral_max_gib",
            "scaling.max_instances",
            "scaling.max_concurrency",
        ] {
            let fact = path.split('.').fold(&value, |v, key| &v[key]);
            let ok = match fact.get("value") {
                Some(toml::Value::Integer(_) | toml::Value::Float(_)) => true,
                Some(toml::Value::String(s)) => s == "none" || s == "unknown",
                _ => false,
            };
            assert!(
                ok,
                "{id}: {path} must state value = a number, \"none\" or \"unknown\""
            );
        }
    }
}

#[test]
fn a_condition_is_sourced_and_names_when_it_applies() {
    let mut c = embedded();
    let aci = c
        .platforms
        .to_mut()
        .iter_mut()
        .find(|p| p.id == "aci")
        .unwrap();
    let conditions = aci.restrictions.sidecars.conditions.to_mut();
    assert!(
        !conditions.is_empty(),
        "aci: Windows groups run one container"
    );
    conditions[0].source = "".into();
    conditions[0].when = Default::default();
    let errors = validate(&c).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.contains("aci: restrictions.sidecars.conditions[0] has no source")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("restrictions.sidecars.conditions[0] needs a `when`")),
        "{errors:?}"
    );
}

/// A file of `catalog/`, read as the build reads it.
fn data_file<T: serde::de::DeserializeOwned>(path: &str) -> T {
    let path = format!("{}/catalog/{path}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_embedded_catalog_reads_back_as_exactly_what_the_data_files_say() {
    #[derive(serde::Deserialize)]
    struct Meta {
        reviewed: String,
    }
    #[derive(serde::Deserialize)]
    struct Fallbacks {
        functions: FunctionsHint,
        fallbacks: Vec<FallbackOption>,
    }
    let meta: Meta = data_file("catalog.toml");
    let fallbacks: Fallbacks = data_file("fallbacks.toml");
    let platforms: Vec<Platform> = PLATFORM_IDS
        .iter()
        .map(|id| data_file(&format!("platforms/{id}.toml")))
        .collect();
    let from_files = Catalog {
        reviewed: meta.reviewed.into(),
        platforms: platforms.into(),
        fallbacks: fallbacks.fallbacks.into(),
        functions: fallbacks.functions,
    };
    // Field by field first, so a difference names its platform.
    for (embedded, file) in catalog().platforms.iter().zip(from_files.platforms.iter()) {
        assert_eq!(embedded, file, "{}", file.id);
    }
    assert_eq!(*catalog(), from_files);

    let sheets: Vec<PriceSheet> = PLATFORM_IDS
        .iter()
        .map(|id| data_file(&format!("prices/{id}.toml")))
        .collect();
    assert_eq!(price_sheets(), sheets.as_slice());
    // Numbers to the bit, not just equal (PartialEq holds for 0.0 and -0.0).
    for (embedded, file) in price_sheets().iter().zip(&sheets) {
        for (e, f) in embedded.prices.iter().zip(file.prices.iter()) {
            assert_eq!(
                e.usd.to_bits(),
                f.usd.to_bits(),
                "{}/{}",
                file.platform,
                f.id
            );
        }
    }
}
