//! The `berth` command line: the same core as the browser app, for scripts and CI.

fn main() {
    println!("{}", berth::core::catalog::CATALOG_JSON);
}
