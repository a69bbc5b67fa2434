//! The catalog's own guarantees: every fact sourced and dated, ids known, tables well formed.

use berth::core::catalog::{
    catalog, fact_sources, validate, Catalog, Certainty, Sizing, PLATFORM_IDS,
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
