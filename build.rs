//! Turns the human-edited catalog (`catalog/*.toml`) into a Rust `static` the app embeds.
//!
//! The data is parsed into the same types the app uses and validated here, so a
//! missing source, a bad date or a malformed size table fails the build, not the user.
//! Embedding it as Rust data (not JSON) keeps a parser out of the browser build.

use std::{env, fs, path::Path};

#[path = "src/core/catalog/prices.rs"]
#[allow(dead_code)]
mod prices;
#[path = "build/rust_literal.rs"]
mod rust_literal;
#[path = "src/core/catalog/schema.rs"]
#[allow(dead_code)]
mod schema;
#[path = "src/core/catalog/validate.rs"]
#[allow(dead_code)]
mod validate;

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogMeta {
    reviewed: String,
}

/// `catalog/fallbacks.toml`: what Berth names when nothing fits.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FallbacksFile {
    functions: schema::FunctionsHint,
    fallbacks: Vec<schema::FallbackOption>,
}

fn read(path: &Path) -> String {
    println!("cargo:rerun-if-changed={}", path.display());
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog");
    println!("cargo:rerun-if-changed={}", root.display());
    println!("cargo:rerun-if-changed=build/rust_literal.rs");
    let meta: CatalogMeta = toml::from_str(&read(&root.join("catalog.toml")))
        .unwrap_or_else(|e| panic!("catalog/catalog.toml: {e}"));
    let fallbacks: FallbacksFile = toml::from_str(&read(&root.join("fallbacks.toml")))
        .unwrap_or_else(|e| panic!("catalog/fallbacks.toml: {e}"));
    let mut platforms = Vec::new();
    for id in validate::PLATFORM_IDS {
        let path = root.join("platforms").join(format!("{id}.toml"));
        let platform: schema::Platform = toml::from_str(&read(&path))
            .unwrap_or_else(|e| panic!("catalog/platforms/{id}.toml: {e}"));
        platforms.push(platform);
    }
    let catalog = schema::Catalog {
        reviewed: meta.reviewed.into(),
        platforms: platforms.into(),
        fallbacks: fallbacks.fallbacks.into(),
        functions: fallbacks.functions,
    };
    if let Err(errors) = validate::validate(&catalog) {
        panic!(
            "the catalog has {} problem(s):\n  {}",
            errors.len(),
            errors.join("\n  ")
        );
    }
    let code =
        rust_literal::to_rust(&catalog).unwrap_or_else(|e| panic!("embedding the catalog: {e}"));
    let out_dir = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).to_path_buf();
    fs::write(out_dir.join("catalog.rs"), code).expect("write catalog.rs");
    embed_price_sheets(&root, &out_dir);
}

/// One price sheet per platform id (`catalog/prices/<id>.toml`), in catalog order:
/// a missing sheet fails the build like a missing platform file.
fn embed_price_sheets(root: &Path, out_dir: &Path) {
    let mut sheets = Vec::new();
    let mut errors = Vec::new();
    for id in validate::PLATFORM_IDS {
        let path = root.join("prices").join(format!("{id}.toml"));
        let sheet: prices::PriceSheet = toml::from_str(&read(&path))
            .unwrap_or_else(|e| panic!("catalog/prices/{id}.toml: {e}"));
        prices::check_sheet(&sheet, id, &mut errors);
        sheets.push(sheet);
    }
    if !errors.is_empty() {
        panic!(
            "the price sheets have {} problem(s):\n  {}",
            errors.len(),
            errors.join("\n  ")
        );
    }
    let sheets: schema::List<prices::PriceSheet> = sheets.into();
    let code = rust_literal::to_rust(&sheets)
        .unwrap_or_else(|e| panic!("embedding the price sheets: {e}"));
    fs::write(out_dir.join("prices.rs"), code).expect("write prices.rs");
}
