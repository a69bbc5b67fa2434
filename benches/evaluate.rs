//! How long evaluating every platform for one answer set takes (budget: 50 µs).
//!
//! Run with `cargo bench --bench evaluate`.

use berth::core::answers::Archetype;
use berth::core::evaluate::evaluate;

fn main() {
    // Parse the embedded catalog once, outside the measurement, as the app does at start.
    let _ = berth::core::catalog::catalog();
    divan::main();
}

#[divan::bench(args = Archetype::ALL)]
fn evaluate_all_platforms(bencher: divan::Bencher, archetype: Archetype) {
    let answers = archetype.preset();
    bencher.bench(|| evaluate(divan::black_box(&answers)));
}

#[divan::bench]
fn parse_embedded_catalog() -> berth::core::catalog::Catalog {
    serde_json::from_str(divan::black_box(berth::core::catalog::CATALOG_JSON)).unwrap()
}
