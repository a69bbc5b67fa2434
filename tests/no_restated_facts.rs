//! The catalog is the only home of platform facts: the manifests, the questionnaire and
//! the fallbacks read them from it. These tests fail when a value is restated in code:
//! the generated time limits must equal the catalog's for every platform, the question
//! texts must name no platform, and no catalog date or known restated limit may appear
//! in the sources.

use std::path::{Path, PathBuf};

use berth::core::answers::{Answers, Archetype, WorkloadKind};
use berth::core::catalog::{catalog, Context, Limit, Platform, PlatformKind, Workload};
use berth::core::limit_text::duration;
use berth::core::manifests::generate;
use berth::core::questionnaire::{catalog_line, QuestionKind, QUESTIONS};
use berth::core::report::Size;

/// Longer than any platform's request limit and within the question's bounds.
const LONG_REQUEST_SECONDS: u32 = 86_400;
/// Thirty days, longer than any platform's job limit and within the question's bounds.
const LONG_JOB_MINUTES: u32 = 43_200;

fn answers_for(workload: WorkloadKind) -> Answers {
    let mut a = match workload {
        WorkloadKind::Job => Archetype::BatchJob.preset(),
        WorkloadKind::HttpService | WorkloadKind::Worker => Archetype::PublicWeb.preset(),
    };
    a.workload = workload;
    a.max_request_seconds = Some(LONG_REQUEST_SECONDS);
    a.job_minutes = Some(LONG_JOB_MINUTES);
    a.deploy.image = "registry.example.com/app@sha256:0000000000000000000000000000000000000000000000000000000000000000".into();
    a
}

fn runs(p: &Platform, workload: WorkloadKind) -> bool {
    matches!(
        (p.kind.value, workload),
        (PlatformKind::Both, _)
            | (PlatformKind::Job, WorkloadKind::Job)
            | (PlatformKind::HttpService, WorkloadKind::HttpService)
            | (
                PlatformKind::Service,
                WorkloadKind::HttpService | WorkloadKind::Worker
            )
    )
}

/// What the files must use: the asked value, capped at the limit that applies to these answers.
fn expected(p: &Platform, a: &Answers, size: Size) -> u32 {
    let (asked, fact) = match a.workload {
        WorkloadKind::Job => (a.job_minutes.unwrap() * 60, &p.max_job_seconds),
        WorkloadKind::HttpService | WorkloadKind::Worker => {
            (a.max_request_seconds.unwrap(), &p.max_request_seconds)
        }
    };
    let ctx = Context {
        os: a.os,
        arch: None,
        gpu: a.gpu,
        workload: match a.workload {
            WorkloadKind::HttpService => Workload::HttpService,
            WorkloadKind::Worker => Workload::Worker,
            WorkloadKind::Job => Workload::Job,
        },
        vcpu: size.vcpu,
    };
    match *fact.resolve(&ctx).value {
        Limit::Max(max) => asked.min(max),
        Limit::Unlimited | Limit::Unknown => asked,
    }
}

#[test]
fn manifest_time_limits_are_the_catalogs_for_every_platform() {
    let size = Size {
        vcpu: 1.0,
        memory_gib: 2.0,
    };
    let mut checked = 0;
    for p in catalog().platforms.iter() {
        for workload in [WorkloadKind::HttpService, WorkloadKind::Job] {
            if !runs(p, workload) {
                continue;
            }
            let a = answers_for(workload);
            let bundle = generate(&p.id, &a, size)
                .unwrap_or_else(|e| panic!("{} {workload:?}: {e:?}", p.id));
            let want = expected(p, &a, size);
            let readme = &bundle
                .files
                .iter()
                .find(|f| f.path == "README.md")
                .expect("a README")
                .contents;
            assert!(
                readme.contains(&format!(": {}, ", duration(want))),
                "{} {workload:?}: the README should state {} ({want} s):\n{readme}",
                p.id,
                duration(want)
            );
            let asked = match workload {
                WorkloadKind::Job => LONG_JOB_MINUTES * 60,
                WorkloadKind::HttpService | WorkloadKind::Worker => LONG_REQUEST_SECONDS,
            };
            for f in bundle.files.iter().filter(|f| f.path != "README.md") {
                // Every time limit the files set is the catalog's (capped) value; the answer
                // itself appears only when no published maximum caps it.
                for n in numbers_in(&f.contents) {
                    if is_timeout_like(n) || n == asked {
                        assert_eq!(
                            n, want,
                            "{} {workload:?} {}: a time limit of {n} s, the catalog gives {want} s",
                            p.id, f.path
                        );
                    }
                }
            }
            checked += 1;
        }
    }
    assert!(
        checked >= catalog().platforms.len(),
        "{checked} bundles checked"
    );
}

/// Seconds values the old code hard-coded as caps.
fn is_timeout_like(n: u32) -> bool {
    [900, 3_600, 86_400, 604_800].contains(&n)
}

/// The numbers in `text`, leaving out lines that set how long finished jobs are kept
/// (`ttlSecondsAfterFinished`, Berth's own choice, not a platform limit).
fn numbers_in(text: &str) -> Vec<u32> {
    text.lines()
        .filter(|line| !line.contains("ttlSecondsAfterFinished"))
        .flat_map(|line| line.split(|c: char| !c.is_ascii_digit()))
        .filter(|t| !t.is_empty() && t.len() < 10)
        .filter_map(|t| t.parse().ok())
        .collect()
}

/// Words that name a platform (a question may say what an answer rules out, never which
/// platform it rules out: that is the catalog's to say, and the catalog line says it).
const PLATFORM_WORDS: &[&str] = &[
    "Fargate",
    "ECS",
    "EKS",
    "ACI",
    "AKS",
    "Container Apps",
    "Container Instances",
    "Cloud Run",
    "Knative",
    "Lambda",
    "App Runner",
    "Autopilot",
    "GKE",
];

#[test]
fn question_texts_name_no_platform_and_quote_no_limit() {
    let mut found = Vec::new();
    for q in QUESTIONS {
        let mut texts = vec![("help", q.help)];
        if let QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options } =
            q.kind
        {
            // The existing cluster's options are the clusters themselves, by name.
            if q.id != "existing_cluster" {
                texts.extend(options.iter().map(|o| ("hint", o.hint)));
            }
        }
        for (what, text) in texts {
            for word in PLATFORM_WORDS {
                if text.contains(word) {
                    found.push(format!("{}: {what} names {word}: {text}", q.id));
                }
            }
            for p in catalog().platforms.iter() {
                for limit in [&p.max_request_seconds, &p.max_job_seconds] {
                    if let Limit::Max(max) = limit.value {
                        if text.contains(&duration(max)) {
                            found.push(format!(
                                "{}: {what} quotes {}: {text}",
                                q.id,
                                duration(max)
                            ));
                        }
                    }
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_catalog_line_quotes_every_platforms_request_limit() {
    let q = berth::core::questionnaire::question("max_request_seconds").unwrap();
    let line = catalog_line(q.catalog_line).expect("the request question quotes the catalog");
    for p in catalog().platforms.iter() {
        let PlatformKind::Job = p.kind.value else {
            let shown = match p.max_request_seconds.value {
                Limit::Max(max) => duration(max),
                Limit::Unlimited => "no limit".into(),
                Limit::Unknown => "not published".into(),
            };
            assert!(
                line.contains(&format!("{} {shown}", p.name)),
                "{}: {shown} missing from: {line}",
                p.id
            );
            continue;
        };
    }
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Dates the catalog holds as facts: its review date, lifecycle dates and the dates its
/// notes give (retirements, closures).
fn catalog_dates() -> Vec<String> {
    let c = catalog();
    let mut dates = vec![c.reviewed.to_string()];
    for p in c.platforms.iter() {
        dates.extend(p.lifecycle.value.since.iter().map(|d| d.to_string()));
        let notes = [&p.gpus.note, &p.lifecycle.note, &p.kind.note];
        for note in notes.into_iter().flatten() {
            dates.extend(
                note.split(|ch: char| !(ch.is_ascii_digit() || ch == '-'))
                    .filter(|t| t.len() == 10 && t.as_bytes()[4] == b'-' && t.as_bytes()[7] == b'-')
                    .map(str::to_string),
            );
        }
    }
    dates.sort();
    dates.dedup();
    dates
}

/// Expressions the code used to restate catalog limits and prices with.
const RESTATED: &[&str] = &[
    "7 * 24 * 3600",
    "24 * 3600",
    "604800",
    "604_800",
    "request_seconds(9",
    "request_seconds(3",
    "job_seconds(9",
    "job_seconds(7",
    "job_seconds(2",
    "$0.10",
    "per cluster-hour",
    "under 15 minutes",
    "GPU retired",
];

#[test]
fn no_catalog_date_or_known_limit_is_written_in_the_sources() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    let dates = catalog_dates();
    assert!(dates.len() > 1, "the catalog's dates: {dates:?}");
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            for needle in dates
                .iter()
                .map(String::as_str)
                .chain(RESTATED.iter().copied())
            {
                if line.contains(needle) {
                    found.push(format!(
                        "{}:{}: {needle}: {}",
                        file.display(),
                        n + 1,
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "restated catalog values:\n{}",
        found.join("\n")
    );
}
