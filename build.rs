//! Turns the human-edited catalog (`catalog/*.toml`) into the compact form the app embeds.
//!
//! The data is parsed into the same types the app uses and validated here, so a
//! missing source, a bad date or a malformed size table fails the build, not the user.
//! It is embedded in a compact form (`build/compact.rs`: each string once, the rest a
//! byte stream) that the app reads once on first use (`core::catalog::catalog()`): fewer
//! bytes in the browser build than the same data as Rust `static`s, whose pointers and
//! lengths per fact compress badly, or as JSON, whose derived readers are large.

use std::{env, fs, path::Path};

#[path = "build/compact.rs"]
mod compact;
#[path = "src/core/catalog/embedded.rs"]
mod embedded;
#[path = "src/core/catalog/prices.rs"]
#[allow(dead_code)]
mod prices;
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
    // The release browser build splits the app into modules (`--cfg berth_split`, see
    // src/ui/lazy.rs): the splitter reads the linker's relocations to tell what each module needs.
    if env::var_os("CARGO_CFG_BERTH_SPLIT").is_some()
        && env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32")
    {
        println!("cargo:rustc-link-arg-bin=berth-web=--emit-relocs");
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog");
    println!("cargo:rerun-if-changed={}", root.display());
    println!("cargo:rerun-if-changed=build/compact.rs");
    let meta: CatalogMeta = toml::from_str(&read(&root.join("catalog.toml")))
        .unwrap_or_else(|e| panic!("catalog/catalog.toml: {e}"));
    println!("cargo:rustc-env=BERTH_CATALOG_REVIEWED={}", meta.reviewed);
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
    let sheets = price_sheets(&root);
    embed(&catalog, sheets);
}

/// One price sheet per platform id (`catalog/prices/<id>.toml`), in catalog order:
/// a missing sheet fails the build like a missing platform file.
fn price_sheets(root: &Path) -> Vec<prices::PriceSheet> {
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
    sheets
}

/// Writes the compact form into `OUT_DIR`, after checking that it reads back as exactly
/// the catalog and price sheets above (every number to the bit).
fn embed(catalog: &schema::Catalog, sheets: Vec<prices::PriceSheet>) {
    let (strings, bytes) = compact::encode(|e| {
        e.write(catalog)?;
        e.write(&sheets)
    })
    .unwrap_or_else(|e| panic!("embedding the catalog: {e}"));
    let read_back = embedded::read(String::leak(strings.clone()), &bytes);
    if read_back.catalog != *catalog || read_back.price_sheets != sheets {
        panic!(
            "embedding the catalog: the compact form reads back as different data; \
             src/core/catalog/embedded.rs must read fields in the order schema.rs declares them"
        );
    }
    let out_dir = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).to_path_buf();
    fs::write(out_dir.join("catalog.strings"), strings).expect("write catalog.strings");
    fs::write(out_dir.join("catalog.bin"), bytes).expect("write catalog.bin");
}
