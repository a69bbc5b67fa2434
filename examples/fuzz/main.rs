//! The deep run of `./x fuzz`: every input boundary of the core, fed generated and
//! damaged input from one seed, counting panics instead of stopping at the first.
//!
//! Boundaries:
//! - `answers`: answers documents (random answers, wrong values, unknown keys, damaged
//!   JSON text) through the lenient parser, the evaluation, the manifest generator of
//!   every platform not ruled out, and the ZIP writer.
//! - `links`: share codes of random answers, damaged or made up, through the decoder.
//! - `requests`: the manifests worker's JSON requests, random and malformed.
//! - `hostile`: deploy details made mostly of hostile text, through every eligible
//!   generator; accepted output must parse (JSON, YAML) into as many documents as the
//!   same answers with plain text give.
//!
//! Every refusal must name its field. A run is replayed exactly with the same `--seed`
//! (cases do not depend on the number of threads).
//!
//! Usage: cargo run --profile fuzz --example fuzz -- [--seed N] [--answers N]
//!        [--links N] [--requests N] [--hostile N] [--jobs N]

mod gen;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use berth::core::answers::{parse_answers_lenient, AnswerError, Answers};
use berth::core::catalog::catalog;
use berth::core::evaluate::evaluate;
use berth::core::manifest_request::respond;
use berth::core::manifests::{self, Bundle};
use berth::core::report::Size;
use berth::core::share_link;
use gen::Rng;
use serde_json::{json, Value};

/// What one boundary saw; every field is a count.
#[derive(Default)]
struct Counts {
    cases: AtomicU64,
    panics: AtomicU64,
    /// Refusals (errors) whose field is empty.
    unnamed: AtomicU64,
    /// Problems with accepted output (unparsable files, documents added).
    broken: AtomicU64,
    accepted: AtomicU64,
    refused: AtomicU64,
    field_errors: AtomicU64,
    evaluations: AtomicU64,
    bundles: AtomicU64,
    bundles_refused: AtomicU64,
    zips: AtomicU64,
    zip_bytes: AtomicU64,
}

fn add(c: &AtomicU64, n: u64) {
    c.fetch_add(n, Ordering::Relaxed);
}

fn get(c: &AtomicU64) -> u64 {
    c.load(Ordering::Relaxed)
}

/// The first few problems, printed at the end with the case that caused them.
static PROBLEMS: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn problem(counter: &AtomicU64, text: String) {
    add(counter, 1);
    if let Ok(mut p) = PROBLEMS.lock() {
        if p.len() < 20 {
            let mut text = text;
            if text.len() > 400 {
                let cut = (0..=400)
                    .rev()
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap_or(0);
                text.truncate(cut);
                text.push_str(" ...");
            }
            p.push(text);
        }
    }
}

/// Checks that each refusal names its field.
fn named(c: &Counts, errors: &[AnswerError], case: &str) {
    add(&c.field_errors, errors.len() as u64);
    for e in errors {
        if e.field.trim().is_empty() || e.message.trim().is_empty() {
            problem(
                &c.unnamed,
                format!("{case}: refusal without a field: {e:?}"),
            );
        }
    }
}

/// The seed of case `index` of boundary `which`: independent of threads and order.
fn case_seed(seed: u64, which: u64, index: u64) -> u64 {
    let mut r = Rng::new(
        seed ^ which.wrapping_mul(0xa076_1d64_78bd_642f)
            ^ index.wrapping_mul(0xe703_7ed1_a0b4_28db),
    );
    r.next()
}

fn generate_all(c: &Counts, a: &Answers, zip: bool, case: &str) -> Vec<(String, Size, Bundle)> {
    let report = evaluate(a);
    add(&c.evaluations, 1);
    let mut out = Vec::new();
    for p in &report.platforms {
        let Some(n) = &p.size else { continue };
        match manifests::generate(p.id, a, n.size) {
            Ok(bundle) => {
                add(&c.bundles, 1);
                if zip {
                    let bytes = bundle.to_zip();
                    add(&c.zips, 1);
                    add(&c.zip_bytes, bytes.len() as u64);
                }
                out.push((p.id.to_string(), n.size, bundle));
            }
            Err(errors) => {
                add(&c.bundles_refused, 1);
                named(c, &errors, &format!("{case} {}", p.id));
            }
        }
    }
    out
}

fn answers_case(c: &Counts, rng: &mut Rng, case: &str) {
    let doc = gen::answers(rng, 3, 4);
    let mut text = doc.to_string();
    if rng.chance(10) {
        text = gen::damage(rng, &text);
    }
    match parse_answers_lenient(&text) {
        Err(e) => {
            add(&c.refused, 1);
            named(c, &[e], case);
        }
        Ok((a, errors)) => {
            add(&c.accepted, 1);
            named(c, &errors, case);
            generate_all(c, &a, true, case);
        }
    }
}

fn links_case(c: &Counts, rng: &mut Rng, case: &str) {
    let code = match rng.below(3) {
        0 => {
            let doc = gen::answers(rng, 0, 10);
            let a = parse_answers_lenient(&doc.to_string())
                .map(|(a, _)| a)
                .unwrap_or_default();
            gen::damage(rng, &share_link::encode(&a))
        }
        1 => {
            let doc = gen::answers(rng, 10, 30);
            let payload = share_link::base64url_encode(doc.to_string().as_bytes());
            format!("{}.{payload}", rng.below(3))
        }
        _ => {
            let doc = gen::answers(rng, 0, 10);
            let a = parse_answers_lenient(&doc.to_string())
                .map(|(a, _)| a)
                .unwrap_or_default();
            let code = share_link::encode(&a);
            // A valid code must read back to the same answers.
            match share_link::decode(&code) {
                Ok(d) if d.answers == a => {}
                // Codes longer than links can carry are refused, with the reason.
                Err(e) if e.field == "(link)" && e.message.contains("too long") => {}
                other => problem(&c.broken, format!("{case}: {code} read back as {other:?}")),
            }
            code
        }
    };
    match share_link::decode(&code) {
        Ok(d) => {
            add(&c.accepted, 1);
            named(c, &d.dropped, case);
        }
        Err(e) => {
            add(&c.refused, 1);
            named(c, &[e], case);
        }
    }
}

fn size_value(rng: &mut Rng) -> Value {
    match rng.below(8) {
        0 => json!(-1.0),
        1 => json!(0),
        2 => json!(1e300),
        3 => json!("2"),
        4 => json!(null),
        _ => json!(f64::from(rng.below(64_000) as u32) / 1000.0),
    }
}

fn requests_case(c: &Counts, rng: &mut Rng, case: &str) {
    let ids: Vec<&str> = catalog().platforms.iter().map(|p| &*p.id).collect();
    let platform = if rng.chance(90) {
        json!(rng.pick(&ids))
    } else {
        json!(gen::hostile(rng))
    };
    let junk = if rng.chance(60) { 0 } else { 3 };
    let answers = gen::answers(rng, junk, 5);
    // Mostly the size the engine picked for a platform it did not rule out, as the page sends.
    let mut size = json!({ "vcpu": size_value(rng), "memory_gib": size_value(rng) });
    let mut platform = platform;
    if rng.chance(70) {
        if let Ok((a, _)) = parse_answers_lenient(&answers.to_string()) {
            let report = evaluate(&a);
            let fits: Vec<_> = report
                .platforms
                .iter()
                .filter(|p| p.size.is_some())
                .collect();
            if !fits.is_empty() {
                let p = rng.pick(&fits);
                let n = p.size.as_ref().map(|n| n.size).unwrap_or(Size {
                    vcpu: 1.0,
                    memory_gib: 2.0,
                });
                platform = json!(p.id);
                size = json!({ "vcpu": n.vcpu, "memory_gib": n.memory_gib });
            }
        }
    }
    let mut req = json!({
        "id": rng.below(5) as u64 * 1_000_000_000,
        "platform": platform,
        "answers": answers,
        "size": size,
        "zip": rng.chance(50),
    });
    if rng.chance(10) {
        if let Some(o) = req.as_object_mut() {
            let key = rng
                .pick(&["id", "platform", "answers", "size", "zip"])
                .to_string();
            match rng.below(3) {
                0 => {
                    o.remove(&key);
                }
                1 => {
                    o.insert(key, json!(gen::hostile(rng)));
                }
                _ => {
                    o.insert(gen::hostile(rng), json!(1));
                }
            }
        }
    }
    let mut text = req.to_string();
    if rng.chance(10) {
        text = gen::damage(rng, &text);
    }
    let (response, zip) = respond(&text);
    if let Some(e) = &response.error {
        add(&c.refused, 1);
        if !e.contains('`') && !e.contains("JSON") {
            problem(
                &c.unnamed,
                format!("{case}: request error names no field: {e}"),
            );
        }
    } else if !response.errors.is_empty() {
        add(&c.refused, 1);
        let errors: Vec<AnswerError> = response
            .errors
            .iter()
            .map(|e| AnswerError {
                field: e.field.clone(),
                message: e.message.clone(),
            })
            .collect();
        named(c, &errors, case);
    } else if response.bundle.is_some() {
        add(&c.accepted, 1);
        add(&c.bundles, 1);
        if let Some(z) = zip {
            add(&c.zips, 1);
            add(&c.zip_bytes, z.len() as u64);
        }
    } else {
        problem(&c.broken, format!("{case}: empty response to {text}"));
    }
}

/// Counts the documents in each generated file, failing files that do not parse.
fn documents(b: &Bundle) -> Result<Vec<(String, usize)>, String> {
    b.files
        .iter()
        .map(|f| {
            let n = if f.path.ends_with(".json") {
                serde_json::from_str::<Value>(&f.contents)
                    .map(|_| 1)
                    .map_err(|e| format!("{}: {e}", f.path))?
            } else if f.path.ends_with(".yaml") {
                serde_saphyr::from_multiple::<Value>(&f.contents)
                    .map(|d| d.len())
                    .map_err(|e| format!("{}: {e}", f.path))?
            } else {
                0
            };
            Ok((f.path.clone(), n))
        })
        .collect()
}

fn hostile_case(c: &Counts, rng: &mut Rng, case: &str) {
    // Hostile text in every free-text field now and then, and in most env values.
    let mut doc = gen::answers(rng, 0, 0);
    doc["deploy"] = gen::deploy(rng, 8);
    let Ok((a, errors)) = parse_answers_lenient(&doc.to_string()) else {
        problem(&c.broken, format!("{case}: a JSON object was refused"));
        return;
    };
    add(&c.accepted, 1);
    named(c, &errors, case);
    for (id, size, bundle) in generate_all(c, &a, false, case) {
        // The same answers with plain values: the hostile ones may add no document.
        let mut plain = a.clone();
        for (i, e) in plain.deploy.env.iter_mut().enumerate() {
            e.value = format!("v{i}");
        }
        let want = manifests::generate(&id, &plain, size)
            .map_err(|e| format!("{e:?}"))
            .and_then(|b| documents(&b));
        match (documents(&bundle), want) {
            (Ok(got), Ok(want)) if got == want => {}
            (got, want) => problem(
                &c.broken,
                format!("{case} {id}: documents {got:?}, with plain values {want:?}"),
            ),
        }
    }
}

type CaseFn = fn(&Counts, &mut Rng, &str);

struct Boundary {
    name: &'static str,
    run: CaseFn,
    cases: u64,
    counts: Counts,
}

fn arg(args: &[String], flag: &str) -> Option<u64> {
    args.iter()
        .position(|a| a == flag)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
}

fn fresh_seed() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    h.finish()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let seed = arg(&args, "--seed").unwrap_or_else(fresh_seed);
    let jobs = arg(&args, "--jobs").unwrap_or(2).max(1);
    let mut boundaries = [
        Boundary {
            name: "answers",
            run: answers_case,
            cases: arg(&args, "--answers").unwrap_or(1_000_000),
            counts: Counts::default(),
        },
        Boundary {
            name: "links",
            run: links_case,
            cases: arg(&args, "--links").unwrap_or(200_000),
            counts: Counts::default(),
        },
        Boundary {
            name: "requests",
            run: requests_case,
            cases: arg(&args, "--requests").unwrap_or(200_000),
            counts: Counts::default(),
        },
        Boundary {
            name: "hostile",
            run: hostile_case,
            cases: arg(&args, "--hostile").unwrap_or(50_000),
            counts: Counts::default(),
        },
    ];
    println!("fuzz: seed {seed}, {jobs} threads (replay with: ./x fuzz --seed {seed})");
    // Panics are counted; print only the first few.
    let printed = AtomicU64::new(0);
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if printed.fetch_add(1, Ordering::Relaxed) < 5 {
            default_hook(info);
        }
    }));
    let started = Instant::now();
    for (which, b) in boundaries.iter_mut().enumerate() {
        let t0 = Instant::now();
        let next = AtomicU64::new(0);
        std::thread::scope(|s| {
            for _ in 0..jobs {
                s.spawn(|| loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= b.cases {
                        break;
                    }
                    let case_seed = case_seed(seed, which as u64, i);
                    let case = format!("{} case {i} (seed {seed})", b.name);
                    let result = catch_unwind(AssertUnwindSafe(|| {
                        (b.run)(&b.counts, &mut Rng::new(case_seed), &case)
                    }));
                    add(&b.counts.cases, 1);
                    if result.is_err() {
                        problem(&b.counts.panics, format!("{case}: panicked"));
                    }
                    // A line per 100,000 cases, so a long run shows where it is.
                    if (i + 1) % 100_000 == 0 {
                        println!(
                            "  {} {} cases so far in {:.0}s, {} panics",
                            b.name,
                            i + 1,
                            t0.elapsed().as_secs_f64(),
                            get(&b.counts.panics)
                        );
                    }
                });
            }
        });
        let c = &b.counts;
        println!(
            "{:<9} {:>9} cases in {:>6.1}s: {} accepted, {} refused, {} field errors (all named: {}), {} evaluations, {} bundles, {} bundles refused, {} ZIPs ({} MB), {} broken outputs, {} panics",
            b.name,
            get(&c.cases),
            t0.elapsed().as_secs_f64(),
            get(&c.accepted),
            get(&c.refused),
            get(&c.field_errors),
            if get(&c.unnamed) == 0 { "yes".to_string() } else { format!("no, {} unnamed", get(&c.unnamed)) },
            get(&c.evaluations),
            get(&c.bundles),
            get(&c.bundles_refused),
            get(&c.zips),
            get(&c.zip_bytes) / 1_000_000,
            get(&c.broken),
            get(&c.panics),
        );
    }
    if let Ok(p) = PROBLEMS.lock() {
        for line in p.iter() {
            println!("  problem: {line}");
        }
    }
    let total =
        |f: fn(&Counts) -> &AtomicU64| boundaries.iter().map(|b| get(f(&b.counts))).sum::<u64>();
    let (cases, panics, unnamed, broken) = (
        total(|c| &c.cases),
        total(|c| &c.panics),
        total(|c| &c.unnamed),
        total(|c| &c.broken),
    );
    println!(
        "fuzz: {cases} cases, {} bundles, {} ZIPs in {:.0}s; {panics} panics, {unnamed} refusals without a field, {broken} broken outputs (seed {seed})",
        total(|c| &c.bundles),
        total(|c| &c.zips),
        started.elapsed().as_secs_f64()
    );
    if panics + unnamed + broken == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
