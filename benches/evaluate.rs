//! How long evaluating every platform for one answer set takes (budget: 50 µs).
//!
//! Run with `cargo bench --bench evaluate`.

use berth::core::answers::Archetype;
use berth::core::evaluate::evaluate;

fn main() {
    divan::main();
}

#[divan::bench(args = Archetype::ALL)]
fn evaluate_all_platforms(bencher: divan::Bencher, archetype: Archetype) {
    let answers = archetype.preset();
    bencher.bench(|| evaluate(divan::black_box(&answers)));
}
