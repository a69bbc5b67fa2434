//! What it will cost: a sourced monthly estimate for every platform that fits.
//!
//! Usage answers ([`usage`]) and the platform's price sheet (`catalog/prices/`) go in;
//! an [`Estimate`] comes out, every line quantity × unit price = amount citing the price
//! it used. Money is integer arithmetic ([`money`]), so hand-worked examples match to the
//! cent on every target. A price the catalog lacks is unknown, never zero.

pub mod estimate;
pub mod markdown;
pub mod money;
pub mod preference;
pub mod text;
pub mod usage;

pub use estimate::{estimate, CostLine, Estimate, PriceRef};
pub use preference::rank_by_cost;
pub use usage::{basis, CostBasis, Usage};
