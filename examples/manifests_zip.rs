//! Writes one platform's starter manifests as the ZIP the app offers for download,
//! at the size the engine picks (the same path as `berth manifests`).
//!
//! Usage: cargo run --example manifests_zip -- ANSWERS.json --platform ID --out BUNDLE.zip

use std::process::ExitCode;

use berth::core::{answers, evaluate, manifests};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
    };
    let (Some(path), Some(platform), Some(out)) =
        (args.first(), value("--platform"), value("--out"))
    else {
        eprintln!("usage: manifests_zip ANSWERS.json --platform ID --out BUNDLE.zip");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
    };
    let answers = match answers::parse_answers(&text) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
    };
    let report = evaluate::evaluate(&answers);
    let Some(size) = report.platform(platform).and_then(|p| p.size.as_ref()) else {
        eprintln!("{platform}: ruled out or unknown for these answers");
        return ExitCode::from(2);
    };
    match manifests::generate(platform, &answers, size) {
        Ok(bundle) => match std::fs::write(out, bundle.to_zip()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{out}: {e}");
                ExitCode::FAILURE
            }
        },
        Err(errors) => {
            for e in errors {
                eprintln!("{e}");
            }
            ExitCode::from(2)
        }
    }
}
