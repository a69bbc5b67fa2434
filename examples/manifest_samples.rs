//! Writes a seeded random sample of accepted bundles for the vendor validators: random
//! answers with hostile deploy details, kept only where the generator accepts them, until
//! every platform has `--per-platform` bundles. Laid out as tests/validators/run.sh
//! lays out the test workloads: `OUT/sample-N/PLATFORM/FILES`, the ZIP download at
//! `OUT/_zip/sample-N/PLATFORM.zip` and the answers at `OUT/_answers/sample-N.json`.
//!
//! Usage: cargo run --example manifest_samples -- OUT [--seed N] [--per-platform N]

// Shared with the fuzz run, which also uses its text damaging.
#[allow(dead_code)]
#[path = "fuzz/gen.rs"]
mod gen;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use berth::core::answers::parse_answers;
use berth::core::catalog::catalog;
use berth::core::evaluate::evaluate;
use berth::core::manifests;
use gen::Rng;

/// Cases tried before giving up on covering every platform.
const MAX_CASES: u64 = 200_000;

fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, bytes)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |flag: &str, default: u64| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let Some(out) = args.first().filter(|a| !a.starts_with("--")) else {
        eprintln!("usage: manifest_samples OUT [--seed N] [--per-platform N]");
        return ExitCode::from(2);
    };
    let (seed, per_platform) = (number("--seed", 2026), number("--per-platform", 2));
    let out = Path::new(out);
    let mut written: BTreeMap<&str, u64> =
        catalog().platforms.iter().map(|p| (&*p.id, 0)).collect();
    let mut rng = Rng::new(seed);
    let mut samples = 0;
    for case in 0..MAX_CASES {
        if written.values().all(|&n| n >= per_platform) {
            break;
        }
        let mut doc = gen::answers(&mut rng, 0, 0);
        doc["deploy"] = gen::deploy(&mut rng, 10);
        // Strictly valid answers only: the sample is of input the app accepts.
        let Ok(answers) = parse_answers(&doc.to_string()) else {
            continue;
        };
        let report = evaluate(&answers);
        let name = format!("sample-{case}");
        let mut kept = false;
        for p in &report.platforms {
            let Some(n) = &p.size else { continue };
            let Some(count) = written.get_mut(p.id) else {
                continue;
            };
            if *count >= per_platform {
                continue;
            }
            let Ok(bundle) = manifests::generate(p.id, &answers, n.size) else {
                continue;
            };
            for f in &bundle.files {
                let path = out.join(&name).join(p.id).join(&f.path);
                if let Err(e) = write(&path, f.contents.as_bytes()) {
                    eprintln!("{}: {e}", path.display());
                    return ExitCode::FAILURE;
                }
            }
            let zip = out.join("_zip").join(&name).join(format!("{}.zip", p.id));
            if let Err(e) = write(&zip, &bundle.to_zip()) {
                eprintln!("{}: {e}", zip.display());
                return ExitCode::FAILURE;
            }
            *count += 1;
            kept = true;
        }
        if kept {
            samples += 1;
            let path = out.join("_answers").join(format!("{name}.json"));
            let text = serde_json::to_string_pretty(&answers).unwrap_or_default();
            if let Err(e) = write(&path, text.as_bytes()) {
                eprintln!("{}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        }
    }
    let missing: Vec<&str> = written
        .iter()
        .filter(|(_, &n)| n < per_platform)
        .map(|(id, _)| *id)
        .collect();
    let total: u64 = written.values().sum();
    println!(
        "manifest_samples: {total} bundles from {samples} random answer sets (seed {seed}), {per_platform} per platform"
    );
    if missing.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "manifest_samples: no accepted sample for {} within {MAX_CASES} cases",
            missing.join(", ")
        );
        ExitCode::FAILURE
    }
}
