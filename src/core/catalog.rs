//! The embedded platform catalog: sourced facts about every platform Berth compares.
//!
//! The data lives in `catalog/*.toml`; `build.rs` checks it against [`schema`] and
//! [`validate`] and embeds it as a `static`, so nothing is parsed at run time.

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

/// The embedded catalog.
pub fn catalog() -> &'static Catalog {
    &CATALOG
}

impl Catalog {
    pub fn platform(&self, id: &str) -> Option<&Platform> {
        self.platforms.iter().find(|p| p.id == id)
    }
}
