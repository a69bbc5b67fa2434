//! Truthful verdicts: nothing passes on what the catalog does not know.
//!
//! Each case here was once a silent pass: a limit the catalog had no value for, a
//! restriction that lived only in a note, or a size Cloud Run refuses. Expected values
//! are read from the catalog wherever they are catalog facts.

use berth::core::answers::{parse_answers, Answers, Archetype, ExistingCluster};
use berth::core::catalog::{catalog, Certainty, Context, Limit, Workload};
use berth::core::evaluate::evaluate;
use berth::core::manifests::generate;
use berth::core::report::{Outcome, PlatformReport, Reason, Report, Verdict};

fn answers(json: &str) -> Answers {
    let mut doc: serde_json::Value = serde_json::from_str(json).expect("case JSON parses");
    doc["version"] = 1.into();
    parse_answers(&doc.to_string()).unwrap_or_else(|e| panic!("case answers are valid: {e}"))
}

fn platform<'a>(report: &'a Report, id: &str) -> &'a PlatformReport {
    report
        .platform(id)
        .unwrap_or_else(|| panic!("no platform {id}"))
}

/// The reason a platform gives for one question.
fn reason<'a>(p: &'a PlatformReport, question: &str) -> &'a Reason {
    p.reasons
        .iter()
        .find(|r| r.question == Some(question))
        .unwrap_or_else(|| {
            panic!(
                "{}: no reason for {question}; reasons: {:#?}",
                p.id, p.reasons
            )
        })
}

fn all_text(p: &PlatformReport) -> String {
    p.reasons
        .iter()
        .map(|r| format!("{:?} {:?}: {}", r.outcome, r.question, r.text))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Not a pass, and the verdict is not a clean "eligible".
fn assert_not_a_silent_pass(p: &PlatformReport, question: &str) {
    let r = reason(p, question);
    assert_ne!(r.outcome, Outcome::Pass, "{}: {}", p.id, all_text(p));
    assert_ne!(p.verdict, Verdict::Eligible, "{}: {}", p.id, all_text(p));
    assert!(
        r.citation.source.starts_with("https://"),
        "{}: the caveat carries its link",
        p.id
    );
}

#[test]
fn local_disk_the_catalog_does_not_know_is_not_a_pass() {
    let report = evaluate(&answers(r#"{"ephemeral_storage_gib": 150}"#));
    for id in [
        "container-apps",
        "app-runner",
        "gke-autopilot",
        "knative-gke",
    ] {
        let p = platform(&report, id);
        assert_not_a_silent_pass(p, "ephemeral_storage_gib");
    }
    let container_apps = platform(&report, "container-apps");
    let disk = reason(container_apps, "ephemeral_storage_gib");
    if disk.outcome == Outcome::Caveat {
        assert!(
            disk.text.contains("check") && disk.unconfirmed.is_some(),
            "the caveat says what to check: {}",
            disk.text
        );
    }
    assert_ne!(
        report.top_pick,
        Some("container-apps"),
        "a guess is not the top pick"
    );
}

#[test]
fn every_unknown_limit_is_a_caveat_naming_what_to_check() {
    // Each limit question, asked so that any published value would be checked.
    let cases = [
        (
            r#"{"workload": "http_service", "max_request_seconds": 30}"#,
            "max_request_seconds",
        ),
        (r#"{"workload": "job", "job_minutes": 30}"#, "job_minutes"),
        (r#"{"ephemeral_storage_gib": 5}"#, "ephemeral_storage_gib"),
        (
            r#"{"workload": "http_service", "max_instances": 5}"#,
            "max_instances",
        ),
        (
            r#"{"workload": "http_service", "concurrency": 10}"#,
            "concurrency",
        ),
    ];
    let mut unknown_seen = 0;
    for (json, question) in cases {
        let a = answers(json);
        let report = evaluate(&a);
        for p in report
            .platforms
            .iter()
            .filter(|p| p.verdict != Verdict::RuledOut)
        {
            let Some(r) = p.reasons.iter().find(|r| r.question == Some(question)) else {
                continue;
            };
            let fact = catalog().platform(p.id).unwrap();
            let ctx = Context {
                os: a.os,
                arch: None,
                gpu: a.gpu,
                workload: match a.workload {
                    berth::core::answers::WorkloadKind::HttpService => Workload::HttpService,
                    berth::core::answers::WorkloadKind::Worker => Workload::Worker,
                    berth::core::answers::WorkloadKind::Job => Workload::Job,
                },
                vcpu: p.size.as_ref().map_or(1.0, |s| s.size.vcpu),
            };
            let limit = match question {
                "max_request_seconds" => {
                    fact.max_request_seconds.resolve(&ctx).limit() == Limit::Unknown
                }
                "job_minutes" => fact.max_job_seconds.resolve(&ctx).limit() == Limit::Unknown,
                "ephemeral_storage_gib" => {
                    fact.storage.ephemeral_max_gib.resolve(&ctx).limit() == Limit::Unknown
                }
                "max_instances" => {
                    fact.scaling.max_instances.resolve(&ctx).limit() == Limit::Unknown
                }
                _ => fact.scaling.max_concurrency.resolve(&ctx).limit() == Limit::Unknown,
            };
            if limit {
                unknown_seen += 1;
                assert_eq!(
                    r.outcome,
                    Outcome::Caveat,
                    "{} {question}: {}",
                    p.id,
                    r.text
                );
                assert!(
                    r.text.starts_with("No published") && r.text.contains("check"),
                    "{} {question}: {}",
                    p.id,
                    r.text
                );
                assert!(r.unconfirmed.is_some(), "{} {question}", p.id);
            }
        }
    }
    assert!(
        unknown_seen > 0,
        "the catalog has unknown limits to test against"
    );
}

#[test]
fn a_thirty_day_job_on_container_apps_is_not_a_silent_pass() {
    let report = evaluate(&answers(r#"{"workload": "job", "job_minutes": 43200}"#));
    assert_not_a_silent_pass(platform(&report, "container-apps"), "job_minutes");
}

#[test]
fn an_unknown_instance_ceiling_is_reported_not_skipped() {
    let report = evaluate(&answers(
        r#"{"workload": "http_service", "max_instances": 4000}"#,
    ));
    for p in report
        .platforms
        .iter()
        .filter(|p| p.verdict != Verdict::RuledOut)
    {
        let fact = &catalog().platform(p.id).unwrap().scaling.max_instances;
        if fact.value == Limit::Unknown {
            assert_not_a_silent_pass(p, "max_instances");
        }
    }
}

#[test]
fn aci_windows_runs_a_single_container() {
    let sidecar = evaluate(&answers(
        r#"{"os": "windows", "special": ["sidecars"], "workload": "worker"}"#,
    ));
    let aci = platform(&sidecar, "aci");
    assert_eq!(aci.verdict, Verdict::RuledOut, "{}", all_text(aci));
    let r = reason(aci, "special");
    assert_eq!(r.outcome, Outcome::Fail);
    let condition = &catalog()
        .platform("aci")
        .unwrap()
        .restrictions
        .sidecars
        .conditions[0];
    assert_eq!(r.citation.source, condition.source.as_ref());
    // The same need on Linux is still met.
    let linux = evaluate(&answers(
        r#"{"special": ["sidecars"], "workload": "worker"}"#,
    ));
    assert_ne!(
        reason(platform(&linux, "aci"), "special").outcome,
        Outcome::Fail
    );
    let init = evaluate(&answers(
        r#"{"os": "windows", "special": ["init_containers"], "workload": "worker"}"#,
    ));
    assert_eq!(platform(&init, "aci").verdict, Verdict::RuledOut);
}

#[test]
fn a_gpu_job_longer_than_the_gpu_task_timeout_is_ruled_out_on_cloud_run_jobs() {
    let report = evaluate(&answers(
        r#"{"workload": "job", "job_minutes": 4320, "gpu": true, "gpu_type": "any", "vcpu": 4, "memory_gib": 16}"#,
    ));
    let jobs = platform(&report, "cloud-run-jobs");
    assert_eq!(jobs.verdict, Verdict::RuledOut, "{}", all_text(jobs));
    let r = reason(jobs, "job_minutes");
    assert_eq!(r.outcome, Outcome::Fail);
    let fact = &catalog()
        .platform("cloud-run-jobs")
        .unwrap()
        .max_job_seconds;
    assert_eq!(r.citation.source, fact.conditions[0].source.as_ref());
    // Without a GPU the same run fits the task limit.
    let cpu = evaluate(&answers(r#"{"workload": "job", "job_minutes": 4320}"#));
    assert_ne!(
        reason(platform(&cpu, "cloud-run-jobs"), "job_minutes").outcome,
        Outcome::Fail
    );
}

const HALF_VCPU: &str = r#"{"workload": "http_service", "vcpu": 0.5, "memory_gib": 1, "concurrency": CONCURRENCY,
  "deploy": {"name": "api", "image": "us-docker.pkg.dev/p/r/api@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "port": 8080}}"#;

fn half_vcpu(concurrency: u32) -> Answers {
    answers(&HALF_VCPU.replace("CONCURRENCY", &concurrency.to_string()))
}

fn service_yaml(a: &Answers, p: &PlatformReport) -> (serde_json::Value, String) {
    let size = p.size.as_ref().expect("cloud-run fits");
    let bundle = generate("cloud-run", a, size).expect("manifests");
    let yaml = bundle
        .files
        .iter()
        .find(|f| f.path == "service.yaml")
        .unwrap();
    let readme = bundle.files.iter().find(|f| f.path == "README.md").unwrap();
    (
        serde_saphyr::from_str(&yaml.contents).expect("service.yaml parses"),
        readme.contents.clone(),
    )
}

#[test]
fn cloud_run_below_one_vcpu_with_concurrency_80_moves_to_one_vcpu() {
    let a = half_vcpu(80);
    let report = evaluate(&a);
    let run = platform(&report, "cloud-run");
    let size = run.size.as_ref().expect("fits");
    let condition = &catalog()
        .platform("cloud-run")
        .unwrap()
        .scaling
        .max_concurrency
        .conditions[0];
    let threshold = condition.when.vcpu_below.unwrap();
    assert!(size.size.vcpu >= threshold, "{size:?}");
    assert!(size.adjusted, "{}", size.explanation);
    assert!(
        size.explanation.contains("you answered 80"),
        "says why: {}",
        size.explanation
    );
    assert!(size.concurrency_cap.is_none());
    let (svc, readme) = service_yaml(&a, run);
    let spec = &svc["spec"]["template"]["spec"];
    assert_eq!(spec["containerConcurrency"], 80);
    let ann = &svc["spec"]["template"]["metadata"]["annotations"];
    assert_eq!(ann["run.googleapis.com/execution-environment"], "gen2");
    assert!(readme.contains(&size.explanation), "{readme}");
}

#[test]
fn cloud_run_below_one_vcpu_with_concurrency_1_stays_and_sets_gen1() {
    let a = half_vcpu(1);
    let report = evaluate(&a);
    let run = platform(&report, "cloud-run");
    let size = run.size.as_ref().expect("fits");
    assert_eq!(size.size.vcpu, 0.5, "{}", size.explanation);
    let cap = size.concurrency_cap.as_ref().expect("the cap is exposed");
    assert_eq!(cap.max, 1);
    let (svc, readme) = service_yaml(&a, run);
    let spec = &svc["spec"]["template"]["spec"];
    assert_eq!(spec["containerConcurrency"], 1);
    let ann = &svc["spec"]["template"]["metadata"]["annotations"];
    assert_eq!(ann["run.googleapis.com/execution-environment"], "gen1");
    assert_eq!(ann["run.googleapis.com/cpu-throttling"], "true");
    assert!(readme.contains("Concurrency: 1 request(s)"), "{readme}");
}

#[test]
fn an_unconfirmed_fact_never_yields_a_pass() {
    let mut checked = 0;
    for archetype in Archetype::ALL {
        let report = evaluate(&archetype.preset());
        for p in &report.platforms {
            for r in &p.reasons {
                if r.citation.certainty != Certainty::Confirmed {
                    checked += 1;
                    assert_ne!(r.outcome, Outcome::Pass, "{}: {}", p.id, r.text);
                }
                if r.outcome == Outcome::Caveat && r.citation.certainty != Certainty::Confirmed {
                    assert!(r.unconfirmed.is_some(), "{}: {}", p.id, r.text);
                }
            }
        }
    }
    assert!(
        checked > 0,
        "the catalog has unconfirmed facts to test against"
    );
}

#[test]
fn confirmed_fits_rank_above_fits_that_rest_on_unknowns() {
    for archetype in Archetype::ALL {
        let report = evaluate(&archetype.preset());
        let rests = |id: &str| {
            platform(&report, id)
                .reasons
                .iter()
                .any(Reason::rests_on_unconfirmed)
        };
        let ecosystem = |id: &str| {
            platform(&report, id)
                .score
                .as_ref()
                .unwrap()
                .parts
                .iter()
                .find(|p| p.factor == "ecosystem")
                .unwrap()
                .points
        };
        for pair in report.ranking.windows(2) {
            if ecosystem(pair[0]) == ecosystem(pair[1]) {
                assert!(
                    !rests(pair[0]) || rests(pair[1]),
                    "{archetype:?}: {} (rests on unknowns) ranks above {} (confirmed)",
                    pair[0],
                    pair[1]
                );
            }
        }
        if let Some(top) = report.top_pick {
            let unsure = berth::core::ranking::unconfirmed(platform(&report, top));
            let why = report.top_pick_why.join(" ");
            for what in unsure {
                assert!(
                    why.contains(what),
                    "{archetype:?}: the why names {what}: {why}"
                );
            }
        }
    }
}

/// The score part a platform got for one factor.
fn score_why<'a>(p: &'a PlatformReport, factor: &str) -> &'a str {
    let s = p
        .score
        .as_ref()
        .unwrap_or_else(|| panic!("{} is ruled out", p.id));
    &s.parts
        .iter()
        .find(|x| x.factor == factor)
        .expect("factor")
        .why
}

/// A Cloud Run worker is billed per instance and keeps one (conditions on its billing and
/// scale-to-zero facts): the caveat cites the billing condition, the score and the cost say
/// the same, and Container Apps, which the catalog gives no such condition, gets none.
#[test]
fn a_cloud_run_worker_is_scored_and_priced_as_the_catalog_bills_it() {
    let report = evaluate(&Archetype::EventWorker.preset());
    let run = platform(&report, "cloud-run");
    let billing = run
        .reasons
        .iter()
        .find(|r| r.citation.fact == "billing")
        .expect("a billing caveat");
    assert_eq!(billing.outcome, Outcome::Caveat);
    assert_eq!(billing.question, Some("workload"));
    assert_eq!(
        billing.citation.source,
        "https://cloud.google.com/run/docs/tips/general"
    );
    assert_ne!(
        score_why(run, "cost_model"),
        "per-request billing suits idle gaps"
    );
    assert_ne!(
        score_why(run, "scale_to_zero"),
        "scales to zero when idle, as you want"
    );
    let cost = run.cost.as_ref().unwrap();
    assert!(
        cost.idle.is_some_and(|c| c > 0),
        "one instance bills when idle: {cost:?}"
    );
    let apps = platform(&report, "container-apps");
    assert!(
        apps.reasons.iter().all(|r| r.citation.fact != "billing"),
        "{:#?}",
        apps.reasons
    );
}

/// A Cloud Run service with a GPU must use instance-based billing: it is not scored as
/// per-request billing, which its own caveat and cost contradict.
#[test]
fn a_gpu_service_is_not_scored_as_per_request_billing() {
    let report = evaluate(&Archetype::GpuInference.preset());
    let why = score_why(platform(&report, "cloud-run"), "cost_model");
    assert!(why.starts_with("billed per instance-second"), "{why}");
    assert!(!report
        .top_pick_why
        .iter()
        .any(|w| w.contains("Per-request billing")));
}

/// The score and the estimate agree on idle cost, both ways: no platform is said to bill
/// nothing between runs or when idle while its estimate bills something (or something
/// unknown) with no work, and none is said to keep a fee while its estimate bills nothing.
#[test]
fn the_score_and_the_estimate_agree_on_idle_cost() {
    let free = [
        "nothing runs, or bills, between runs",
        "scales to zero when idle, as you want",
        "billed only for the run",
    ];
    let fee = [
        "a fixed fee bills between runs (the estimate's idle cost)",
        "scales to zero, but a fixed fee remains when idle",
        "billed for the run, plus a fixed monthly fee",
    ];
    let mut seen = (0, 0);
    for (archetype, min) in Archetype::ALL.iter().flat_map(|a| [(a, 0), (a, 2)]) {
        for existing in [
            ExistingCluster::None,
            ExistingCluster::Eks,
            ExistingCluster::Aks,
        ] {
            let mut a = archetype.preset();
            a.scale_to_zero = berth::core::answers::ScaleToZero::Required;
            a.min_instances = min;
            a.existing_cluster = existing;
            let report = evaluate(&a);
            for p in report.platforms.iter().filter(|p| p.score.is_some()) {
                let idle = p.cost.as_ref().and_then(|c| c.idle);
                for factor in ["scale_to_zero", "cost_model"] {
                    let why = score_why(p, factor);
                    let at = format!("{archetype:?} min {min} {existing:?} {}: \"{why}\"", p.id);
                    if free.contains(&why) {
                        assert_eq!(idle, Some(0), "{at} but idle {idle:?}");
                        seen.0 += 1;
                    }
                    if fee.contains(&why) {
                        assert_ne!(idle, Some(0), "{at} but idle $0");
                        seen.1 += 1;
                    }
                }
            }
        }
    }
    assert!(
        seen.0 > 0 && seen.1 > 0,
        "both kinds are exercised: {seen:?}"
    );
}

/// A platform that keeps a pod is not free with no traffic: GKE Autopilot and AKS virtual
/// nodes stop scaling at one pod, so their vCPU line bills it around the clock, or is
/// unknown where the catalog has no rate; never $0.
#[test]
fn a_platform_that_keeps_a_pod_is_not_free_with_no_traffic() {
    let a = answers(r#"{"archetype": "public_web", "requests_per_month": 0}"#);
    let report = evaluate(&a);
    for id in ["gke-autopilot", "aks-virtual-nodes"] {
        let cost = platform(&report, id).cost.as_ref().unwrap();
        let vcpu = cost
            .lines
            .iter()
            .find(|l| l.what == "vCPU")
            .expect("a vCPU line");
        match vcpu.amount {
            Some(amount) => {
                assert!(amount > 0, "{id}: {cost:?}");
                assert_eq!(vcpu.quantity_text(), "730", "{id}: one pod, every hour");
            }
            None => assert_eq!(cost.monthly, None, "{id}: {cost:?}"),
        }
        assert_ne!(cost.monthly, Some(0), "{id}");
    }
}

/// Finished EKS Job pods bill until deleted (a condition on scale to zero for jobs): a job
/// that must not bill between runs gets that caveat there, and none where the catalog says
/// nothing of jobs.
#[test]
fn a_job_that_must_not_bill_between_runs_sees_what_the_catalog_says_of_jobs() {
    let report = evaluate(&answers(
        r#"{"archetype": "batch_job", "scale_to_zero": "required"}"#,
    ));
    let eks = reason(platform(&report, "fargate-eks"), "scale_to_zero");
    assert_eq!(eks.outcome, Outcome::Caveat);
    assert!(eks.text.contains("ttlSecondsAfterFinished"), "{}", eks.text);
    let runs = platform(&report, "cloud-run-jobs");
    assert!(runs
        .reasons
        .iter()
        .all(|r| r.question != Some("scale_to_zero")));
}

/// A need a platform meets only from some size up is met by running larger, not by ruling
/// it out: Cloud Run mounts a shared file system from 1 vCPU, and Container Apps gives a
/// replica above 1 vCPU 8 GiB of local disk.
#[test]
fn a_need_met_only_at_a_larger_size_raises_the_size() {
    let a = answers(
        r#"{"archetype": "public_web", "vcpu": 0.5, "memory_gib": 0.5, "concurrency": 1, "storage": "shared_files"}"#,
    );
    let report = evaluate(&a);
    let run = platform(&report, "cloud-run");
    assert_ne!(run.verdict, Verdict::RuledOut, "{:#?}", run.reasons);
    let size = run.size.as_ref().unwrap();
    assert_eq!(size.size.vcpu, 1.0);
    assert_eq!(
        size.concurrency_cap, None,
        "the cap holds below 1 vCPU only"
    );
    let (service, _) = service_yaml(&a, run);
    let annotations = &service["spec"]["template"]["metadata"]["annotations"];
    assert_eq!(
        annotations["run.googleapis.com/execution-environment"], "gen2",
        "a shared file system needs the second generation"
    );
    assert!(
        size.explanation
            .contains("shared file system needs at least 1 vCPU"),
        "{}",
        size.explanation
    );

    let a = answers(
        r#"{"archetype": "event_worker", "vcpu": 1, "memory_gib": 2, "ephemeral_storage_gib": 5}"#,
    );
    let report = evaluate(&a);
    let apps = platform(&report, "container-apps");
    assert_ne!(apps.verdict, Verdict::RuledOut, "{:#?}", apps.reasons);
    assert!(apps.size.as_ref().unwrap().size.vcpu > 1.0);
    assert_eq!(reason(apps, "ephemeral_storage_gib").outcome, Outcome::Pass);
    // More disk than any size gives still rules it out.
    let a = answers(r#"{"archetype": "event_worker", "ephemeral_storage_gib": 9}"#);
    assert_eq!(
        platform(&evaluate(&a), "container-apps").verdict,
        Verdict::RuledOut
    );
}
