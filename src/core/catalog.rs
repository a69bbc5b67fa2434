//! The embedded platform catalog: sourced facts about every platform Berth compares.
//!
//! The data lives in `catalog/*.toml`; `build.rs` checks it against [`schema`] and
//! [`validate`] and embeds it as a `static`, so nothing is parsed at run time.

pub mod prices;
pub mod resolve;
pub mod rule_out;
pub mod schema;
pub mod validate;

use std::borrow::Cow;

pub use resolve::{Context, Resolved};
pub use rule_out::{catalog_confirmed_share, confirmed_share, rule_out_facts, ConfirmedShare};
pub use schema::*;
pub use validate::{fact_sources, validate, FactSource, PLATFORM_IDS};

/// The catalog, embedded by `build.rs` from `catalog/` as Rust data.
pub static CATALOG: Catalog = include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

/// The price sheets, one per platform in catalog order, embedded by `build.rs` from
/// `catalog/prices/` as Rust data.
pub static PRICE_SHEETS: List<prices::PriceSheet> = {
    use prices::*;
    include!(concat!(env!("OUT_DIR"), "/prices.rs"))
};

/// The price sheet of a platform.
pub fn price_sheet(platform_id: &str) -> Option<&'static prices::PriceSheet> {
    PRICE_SHEETS.iter().find(|s| s.platform == platform_id)
}

/// The embedded catalog.
pub fn catalog() -> &'static Catalog {
    &CATALOG
}

impl Catalog {
    pub fn platform(&self, id: &str) -> Option<&Platform> {
        self.platforms.iter().find(|p| p.id == id)
    }
}
