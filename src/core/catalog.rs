//! The embedded platform catalog: sourced facts about every platform Berth compares.
//!
//! The data lives in `catalog/*.toml`; `build.rs` checks it against [`schema`] and
//! [`validate`] and embeds it as JSON, parsed once on first use.

pub mod schema;
pub mod validate;

pub use schema::*;
pub use validate::{fact_sources, validate, FactSource, PLATFORM_IDS};

/// The catalog JSON produced by `build.rs` from `catalog/`.
pub const CATALOG_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/catalog.json"));

static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();

/// The embedded catalog. Parsed on first call (about 0.2 ms); the build already validated it.
pub fn catalog() -> &'static Catalog {
    CATALOG.get_or_init(parse_embedded)
}

fn parse_embedded() -> Catalog {
    serde_json::from_str(CATALOG_JSON).expect("build.rs embeds a catalog that parses")
}

impl Catalog {
    pub fn platform(&self, id: &str) -> Option<&Platform> {
        self.platforms.iter().find(|p| p.id == id)
    }
}
