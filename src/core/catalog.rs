//! The embedded platform catalog: sourced facts about every platform Berth compares.
//!
//! The data lives in `catalog/*.toml`; `build.rs` checks it against [`schema`] and
//! [`validate`] and embeds it in a compact form ([`embedded`]) read once on first use:
//! fewer bytes in the browser build than Rust `static`s (whose pointers and lengths per
//! fact compress badly), and reading it takes well under a millisecond.

pub mod embedded;
pub mod prices;
pub mod resolve;
pub mod rule_out;
pub mod schema;
pub mod validate;

use std::sync::OnceLock;

pub use resolve::{Context, Resolved};
pub use rule_out::{catalog_confirmed_share, confirmed_share, rule_out_facts, ConfirmedShare};
pub use schema::*;
pub use validate::{fact_sources, validate, FactSource, PLATFORM_IDS};

/// The catalog and price sheets as `build.rs` embedded them from `catalog/`, read on
/// first use.
fn embedded() -> &'static embedded::Embedded {
    static EMBEDDED: OnceLock<embedded::Embedded> = OnceLock::new();
    EMBEDDED.get_or_init(|| {
        embedded::read(
            include_str!(concat!(env!("OUT_DIR"), "/catalog.strings")),
            include_bytes!(concat!(env!("OUT_DIR"), "/catalog.bin")),
        )
    })
}

/// The date the catalog was last reviewed (`catalog/catalog.toml`), known without reading
/// the catalog: the app's footer shows it before the catalog is needed.
pub const REVIEWED: &str = env!("BERTH_CATALOG_REVIEWED");

/// The embedded catalog.
pub fn catalog() -> &'static Catalog {
    &embedded().catalog
}

/// The price sheets, one per platform in catalog order.
pub fn price_sheets() -> &'static [prices::PriceSheet] {
    &embedded().price_sheets
}

/// The price sheet of a platform.
pub fn price_sheet(platform_id: &str) -> Option<&'static prices::PriceSheet> {
    price_sheets().iter().find(|s| s.platform == platform_id)
}

impl Catalog {
    pub fn platform(&self, id: &str) -> Option<&Platform> {
        self.platforms.iter().find(|p| p.id == id)
    }
}
