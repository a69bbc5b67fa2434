//! Table-driven tests of the evaluation against the embedded catalog: every platform's
//! hard limits and every size-table edge, drawn from the fact sheet.

use berth::core::answers::parse_answers;
use berth::core::evaluate::evaluate;
use berth::core::report::{Outcome, Verdict};

use Verdict::{Caveats, RuledOut};

/// One workload and what one platform must make of it.
struct Case {
    name: &'static str,
    /// Answers JSON, merged over the archetype's preset.
    answers: &'static str,
    platform: &'static str,
    /// The verdict, or `None` for "not ruled out" (eligible or caveats).
    verdict: Option<Verdict>,
    /// The question of the failing (or caveat) reason that must be present.
    because: Option<&'static str>,
    /// The normalized size (vCPU, GiB).
    size: Option<(f64, f64)>,
}

const fn case(
    name: &'static str,
    answers: &'static str,
    platform: &'static str,
    verdict: Option<Verdict>,
    because: Option<&'static str>,
    size: Option<(f64, f64)>,
) -> Case {
    Case {
        name,
        answers,
        platform,
        verdict,
        because,
        size,
    }
}

const NOT_RULED_OUT: Option<Verdict> = None;

const CASES: &[Case] = &[
    // Cloud Run services: CPU, OS, protocols, timeouts, sizes.
    case(
        "cloud run caps vCPU at 8",
        r#"{"vcpu": 16, "memory_gib": 32}"#,
        "cloud-run",
        Some(RuledOut),
        Some("vcpu"),
        None,
    ),
    case(
        "cloud run runs no Windows",
        r#"{"archetype": "windows_app"}"#,
        "cloud-run",
        Some(RuledOut),
        Some("os"),
        None,
    ),
    case(
        "cloud run takes no UDP",
        r#"{"protocols": ["udp"]}"#,
        "cloud-run",
        Some(RuledOut),
        Some("protocols"),
        None,
    ),
    case(
        "cloud run takes no raw TCP",
        r#"{"protocols": ["tcp"]}"#,
        "cloud-run",
        Some(RuledOut),
        Some("protocols"),
        None,
    ),
    case(
        "cloud run times out a 90-minute request",
        r#"{"max_request_seconds": 5400}"#,
        "cloud-run",
        Some(RuledOut),
        Some("max_request_seconds"),
        None,
    ),
    case(
        "cloud run allows a 60-minute request",
        r#"{"max_request_seconds": 3600}"#,
        "cloud-run",
        NOT_RULED_OUT,
        None,
        None,
    ),
    case(
        "cloud run 2 vCPU with 16 GiB moves to 4 vCPU",
        r#"{"vcpu": 2, "memory_gib": 16}"#,
        "cloud-run",
        Some(Caveats),
        Some("vcpu"),
        Some((4.0, 16.0)),
    ),
    case(
        "cloud run 8 vCPU / 32 GiB is the top size",
        r#"{"vcpu": 8, "memory_gib": 32}"#,
        "cloud-run",
        NOT_RULED_OUT,
        None,
        Some((8.0, 32.0)),
    ),
    case(
        "cloud run has no 33 GiB",
        r#"{"vcpu": 8, "memory_gib": 33}"#,
        "cloud-run",
        Some(RuledOut),
        Some("memory_gib"),
        None,
    ),
    case(
        "cloud run 1 vCPU with 6 GiB moves to 2 vCPU",
        r#"{"vcpu": 1, "memory_gib": 6}"#,
        "cloud-run",
        Some(Caveats),
        Some("vcpu"),
        Some((2.0, 6.0)),
    ),
    case(
        "cloud run 3 vCPU rounds to 4",
        r#"{"vcpu": 3, "memory_gib": 4}"#,
        "cloud-run",
        Some(Caveats),
        Some("vcpu"),
        Some((4.0, 4.0)),
    ),
    case(
        "cloud run websockets are bound by the timeout",
        r#"{"protocols": ["http1", "websockets"]}"#,
        "cloud-run",
        Some(Caveats),
        Some("protocols"),
        None,
    ),
    case(
        "cloud run runs no ARM64",
        r#"{"arch": "arm64"}"#,
        "cloud-run",
        Some(RuledOut),
        Some("arch"),
        None,
    ),
    case(
        "cloud run runs no jobs as a service",
        r#"{"archetype": "batch_job"}"#,
        "cloud-run",
        Some(RuledOut),
        Some("workload"),
        None,
    ),
    case(
        "cloud run L4 lifts the size to 4 vCPU / 16 GiB",
        r#"{"gpu": true, "gpu_type": "nvidia_l4", "vcpu": 1, "memory_gib": 2}"#,
        "cloud-run",
        NOT_RULED_OUT,
        None,
        Some((4.0, 16.0)),
    ),
    case(
        "cloud run has no T4",
        r#"{"gpu": true, "gpu_type": "nvidia_t4"}"#,
        "cloud-run",
        Some(RuledOut),
        Some("gpu_type"),
        None,
    ),
    case(
        "cloud run mounts no block volume",
        r#"{"storage": "block"}"#,
        "cloud-run",
        Some(RuledOut),
        Some("storage"),
        None,
    ),
    case(
        "cloud run scales to zero",
        r#"{"scale_to_zero": "required"}"#,
        "cloud-run",
        NOT_RULED_OUT,
        None,
        None,
    ),
    // Cloud Run jobs.
    case(
        "cloud run jobs run no HTTP service",
        r#"{"archetype": "public_web"}"#,
        "cloud-run-jobs",
        Some(RuledOut),
        Some("workload"),
        None,
    ),
    case(
        "cloud run jobs allow 24 hours",
        r#"{"archetype": "batch_job", "job_minutes": 1440}"#,
        "cloud-run-jobs",
        NOT_RULED_OUT,
        None,
        None,
    ),
    case(
        "cloud run jobs stop at 168 hours",
        r#"{"archetype": "batch_job", "job_minutes": 10200}"#,
        "cloud-run-jobs",
        Some(RuledOut),
        Some("job_minutes"),
        None,
    ),
    // Fargate on ECS.
    case(
        "fargate 4 vCPU with 32 GiB moves to 8 vCPU",
        r#"{"vcpu": 4, "memory_gib": 32}"#,
        "fargate-ecs",
        Some(Caveats),
        Some("vcpu"),
        Some((8.0, 32.0)),
    ),
    case(
        "fargate 16 vCPU / 120 GiB is the top size",
        r#"{"vcpu": 16, "memory_gib": 120}"#,
        "fargate-ecs",
        NOT_RULED_OUT,
        None,
        Some((16.0, 120.0)),
    ),
    case(
        "fargate has no 121 GiB",
        r#"{"vcpu": 16, "memory_gib": 121}"#,
        "fargate-ecs",
        Some(RuledOut),
        Some("memory_gib"),
        None,
    ),
    case(
        "fargate has no 32 vCPU",
        r#"{"vcpu": 32, "memory_gib": 64}"#,
        "fargate-ecs",
        Some(RuledOut),
        Some("vcpu"),
        None,
    ),
    case(
        "fargate 8 vCPU with 17 GiB rounds to 20",
        r#"{"vcpu": 8, "memory_gib": 17}"#,
        "fargate-ecs",
        Some(Caveats),
        Some("memory_gib"),
        Some((8.0, 20.0)),
    ),
    case(
        "fargate smallest size",
        r#"{"vcpu": 0.25, "memory_gib": 0.5}"#,
        "fargate-ecs",
        NOT_RULED_OUT,
        None,
        Some((0.25, 0.5)),
    ),
    case(
        "fargate has no GPU",
        r#"{"archetype": "gpu_inference"}"#,
        "fargate-ecs",
        Some(RuledOut),
        Some("gpu"),
        None,
    ),
    case(
        "fargate rejects privileged",
        r#"{"special": ["privileged"]}"#,
        "fargate-ecs",
        Some(RuledOut),
        Some("special"),
        None,
    ),
    case(
        "fargate windows stops at 4 vCPU",
        r#"{"archetype": "windows_app", "vcpu": 8, "memory_gib": 16}"#,
        "fargate-ecs",
        Some(RuledOut),
        Some("vcpu"),
        None,
    ),
    case(
        "fargate windows 0.5 vCPU rounds to 1",
        r#"{"archetype": "windows_app", "vcpu": 0.5, "memory_gib": 2}"#,
        "fargate-ecs",
        Some(Caveats),
        Some("vcpu"),
        Some((1.0, 2.0)),
    ),
    case(
        "fargate windows on ARM64 is refused",
        r#"{"archetype": "windows_app", "arch": "arm64"}"#,
        "fargate-ecs",
        Some(RuledOut),
        Some("arch"),
        None,
    ),
    case(
        "fargate runs ARM64 Linux",
        r#"{"arch": "arm64"}"#,
        "fargate-ecs",
        NOT_RULED_OUT,
        None,
        None,
    ),
    case(
        "fargate carries UDP through an NLB",
        r#"{"protocols": ["udp"]}"#,
        "fargate-ecs",
        NOT_RULED_OUT,
        None,
        None,
    ),
    case(
        "fargate does not scale to zero",
        r#"{"scale_to_zero": "required"}"#,
        "fargate-ecs",
        Some(RuledOut),
        Some("scale_to_zero"),
        None,
    ),
    case(
        "fargate runs long jobs",
        r#"{"archetype": "batch_job", "job_minutes": 600}"#,
        "fargate-ecs",
        NOT_RULED_OUT,
        None,
        None,
    ),
    case(
        "fargate ephemeral storage stops at 200 GiB",
        r#"{"ephemeral_storage_gib": 250}"#,
        "fargate-ecs",
        Some(RuledOut),
        Some("ephemeral_storage_gib"),
        None,
    ),
    // Fargate on EKS.
    case(
        "eks fargate runs no Windows",
        r#"{"archetype": "windows_app"}"#,
        "fargate-eks",
        Some(RuledOut),
        Some("os"),
        None,
    ),
    case(
        "eks fargate runs no ARM64",
        r#"{"arch": "arm64"}"#,
        "fargate-eks",
        Some(RuledOut),
        Some("arch"),
        None,
    ),
    case(
        "eks fargate runs no DaemonSets",
        r#"{"special": ["daemonset"]}"#,
        "fargate-eks",
        Some(RuledOut),
        Some("special"),
        None,
    ),
    case(
        "eks fargate mounts no EBS",
        r#"{"storage": "block"}"#,
        "fargate-eks",
        Some(RuledOut),
        Some("storage"),
        None,
    ),
    // ACI and AKS virtual nodes.
    case(
        "aci runs no ARM64",
        r#"{"arch": "arm64"}"#,
        "aci",
        Some(RuledOut),
        Some("arch"),
        None,
    ),
    case(
        "aci runs Windows",
        r#"{"archetype": "windows_app"}"#,
        "aci",
        NOT_RULED_OUT,
        None,
        None,
    ),
    case(
        "aci 4 vCPU / 16 GiB is the default ceiling",
        r#"{"vcpu": 4, "memory_gib": 16}"#,
        "aci",
        NOT_RULED_OUT,
        None,
        Some((4.0, 16.0)),
    ),
    case(
        "aci 8 vCPU needs the big-containers quota",
        r#"{"vcpu": 8, "memory_gib": 32}"#,
        "aci",
        Some(Caveats),
        Some("vcpu"),
        Some((8.0, 32.0)),
    ),
    case(
        "aci stops below 32 vCPU",
        r#"{"vcpu": 32, "memory_gib": 64}"#,
        "aci",
        Some(RuledOut),
        Some("vcpu"),
        None,
    ),
    case(
        "aci GPUs are retired",
        r#"{"archetype": "gpu_inference", "gpu_type": "any"}"#,
        "aci",
        Some(RuledOut),
        Some("gpu"),
        None,
    ),
    case(
        "aci has private VNet ingress",
        r#"{"archetype": "internal_service"}"#,
        "aci",
        NOT_RULED_OUT,
        None,
        None,
    ),
    case(
        "aci does not scale to zero",
        r#"{"scale_to_zero": "required"}"#,
        "aci",
        Some(RuledOut),
        Some("scale_to_zero"),
        None,
    ),
    case(
        "aks virtual nodes run no ARM64",
        r#"{"arch": "arm64"}"#,
        "aks-virtual-nodes",
        Some(RuledOut),
        Some("arch"),
        None,
    ),
    case(
        "aks virtual nodes run no init containers",
        r#"{"special": ["init_containers"]}"#,
        "aks-virtual-nodes",
        Some(RuledOut),
        Some("special"),
        None,
    ),
    // Container Apps.
    case(
        "container apps 1 vCPU with 3 GiB moves to 1.5 vCPU",
        r#"{"vcpu": 1, "memory_gib": 3, "ephemeral_storage_gib": 4}"#,
        "container-apps",
        Some(Caveats),
        Some("vcpu"),
        Some((1.5, 3.0)),
    ),
    case(
        "container apps 4 vCPU / 8 GiB is the top pair",
        r#"{"vcpu": 4, "memory_gib": 8, "ephemeral_storage_gib": 4}"#,
        "container-apps",
        NOT_RULED_OUT,
        None,
        Some((4.0, 8.0)),
    ),
    case(
        "container apps give a 0.5 vCPU replica less local disk, so it runs larger",
        r#"{"vcpu": 0.5, "memory_gib": 1, "ephemeral_storage_gib": 3}"#,
        "container-apps",
        NOT_RULED_OUT,
        None,
        Some((0.75, 1.5)),
    ),
    case(
        "container apps fit 3 GiB of local disk on a 1 vCPU replica",
        r#"{"vcpu": 1, "memory_gib": 2, "ephemeral_storage_gib": 3}"#,
        "container-apps",
        NOT_RULED_OUT,
        None,
        Some((1.0, 2.0)),
    ),
    case(
        "container apps stop at 8 GiB",
        r#"{"vcpu": 4, "memory_gib": 12}"#,
        "container-apps",
        Some(RuledOut),
        Some("memory_gib"),
        None,
    ),
    case(
        "container apps time out after 240 s",
        r#"{"max_request_seconds": 300}"#,
        "container-apps",
        Some(RuledOut),
        Some("max_request_seconds"),
        None,
    ),
    case(
        "container apps run no Windows",
        r#"{"archetype": "windows_app"}"#,
        "container-apps",
        Some(RuledOut),
        Some("os"),
        None,
    ),
    case(
        "container apps offer T4 GPUs",
        r#"{"gpu": true, "gpu_type": "nvidia_t4", "ephemeral_storage_gib": 4}"#,
        "container-apps",
        NOT_RULED_OUT,
        None,
        None,
    ),
    case(
        "container apps run jobs",
        r#"{"archetype": "batch_job", "ephemeral_storage_gib": 4}"#,
        "container-apps",
        NOT_RULED_OUT,
        None,
        None,
    ),
    // App Runner.
    case(
        "app runner is closed to new customers",
        r#"{"ephemeral_storage_gib": 2}"#,
        "app-runner",
        Some(Caveats),
        None,
        None,
    ),
    case(
        "app runner 1 vCPU with 5 GB moves to 2 vCPU / 6 GB",
        r#"{"vcpu": 1, "memory_gib": 5, "ephemeral_storage_gib": 2}"#,
        "app-runner",
        Some(Caveats),
        Some("vcpu"),
        Some((2.0, 6.0)),
    ),
    case(
        "app runner has 3 GB of local disk",
        r#"{"ephemeral_storage_gib": 10}"#,
        "app-runner",
        Some(RuledOut),
        Some("ephemeral_storage_gib"),
        None,
    ),
    case(
        "app runner times out after 120 s",
        r#"{"max_request_seconds": 130}"#,
        "app-runner",
        Some(RuledOut),
        Some("max_request_seconds"),
        None,
    ),
    case(
        "app runner has no WebSockets",
        r#"{"protocols": ["websockets"]}"#,
        "app-runner",
        Some(RuledOut),
        Some("protocols"),
        None,
    ),
    case(
        "app runner has no gRPC",
        r#"{"protocols": ["grpc"]}"#,
        "app-runner",
        Some(RuledOut),
        Some("protocols"),
        None,
    ),
    // Lambda container images.
    case(
        "lambda stops a job at 15 minutes",
        r#"{"archetype": "batch_job", "job_minutes": 20}"#,
        "lambda-image",
        Some(RuledOut),
        Some("job_minutes"),
        None,
    ),
    case(
        "lambda fits a 14-minute job",
        r#"{"archetype": "batch_job", "job_minutes": 14, "vcpu": 1, "memory_gib": 1}"#,
        "lambda-image",
        NOT_RULED_OUT,
        None,
        None,
    ),
    case(
        "lambda memory stops at 10 GiB",
        r#"{"vcpu": 1, "memory_gib": 12}"#,
        "lambda-image",
        Some(RuledOut),
        Some("memory_gib"),
        None,
    ),
    case(
        "lambda cannot give 6 vCPU",
        r#"{"vcpu": 6, "memory_gib": 4}"#,
        "lambda-image",
        Some(RuledOut),
        Some("vcpu"),
        None,
    ),
    case(
        "lambda sizes 1 vCPU by memory",
        r#"{"vcpu": 1, "memory_gib": 1}"#,
        "lambda-image",
        NOT_RULED_OUT,
        None,
        Some((1.0, 1.728)),
    ),
    case(
        "lambda runs no Windows",
        r#"{"archetype": "windows_app"}"#,
        "lambda-image",
        Some(RuledOut),
        Some("os"),
        None,
    ),
    // ECS Express, Knative on GKE, GKE Autopilot.
    case(
        "ecs express runs no jobs",
        r#"{"archetype": "batch_job"}"#,
        "ecs-express",
        Some(RuledOut),
        Some("workload"),
        None,
    ),
    case(
        "ecs express serves a public web app",
        r#"{}"#,
        "ecs-express",
        NOT_RULED_OUT,
        None,
        None,
    ),
    case(
        "knative on gke is deprecated",
        r#"{"existing_cluster": "gke", "kubernetes": "strong"}"#,
        "knative-gke",
        Some(Caveats),
        None,
        None,
    ),
    case(
        "gke autopilot runs DaemonSets",
        r#"{"special": ["daemonset"], "existing_cluster": "gke"}"#,
        "gke-autopilot",
        NOT_RULED_OUT,
        None,
        None,
    ),
    case(
        "gke autopilot rejects privileged",
        r#"{"special": ["privileged"]}"#,
        "gke-autopilot",
        Some(RuledOut),
        Some("special"),
        None,
    ),
    // Cloud preference.
    case(
        "requiring GCP rules out AWS",
        r#"{"cloud": "gcp", "cloud_mode": "require"}"#,
        "fargate-ecs",
        Some(RuledOut),
        Some("cloud"),
        None,
    ),
    case(
        "preferring GCP keeps AWS",
        r#"{"cloud": "gcp", "cloud_mode": "prefer"}"#,
        "fargate-ecs",
        NOT_RULED_OUT,
        None,
        None,
    ),
];

fn answers(json: &str) -> berth::core::answers::Answers {
    let mut doc: serde_json::Value = serde_json::from_str(json).expect("case JSON parses");
    doc["version"] = 1.into();
    parse_answers(&doc.to_string()).unwrap_or_else(|e| panic!("case answers are valid: {e}"))
}

#[test]
fn every_case_holds() {
    let mut failures = Vec::new();
    for c in CASES {
        let report = evaluate(&answers(c.answers));
        let p = report
            .platform(c.platform)
            .unwrap_or_else(|| panic!("{}: no platform {}", c.name, c.platform));
        let reasons: Vec<String> = p
            .reasons
            .iter()
            .map(|r| format!("{:?} {:?}: {}", r.outcome, r.question, r.text))
            .collect();
        let mut fail = |what: String| {
            failures.push(format!(
                "{} [{}]: {what}\n    {}",
                c.name,
                c.platform,
                reasons.join("\n    ")
            ))
        };
        match c.verdict {
            Some(v) if p.verdict != v => fail(format!("verdict {:?}, expected {v:?}", p.verdict)),
            None if p.verdict == RuledOut => fail("ruled out, expected to fit".into()),
            _ => {}
        }
        if let Some(q) = c.because {
            let wanted = if p.verdict == RuledOut {
                Outcome::Fail
            } else {
                Outcome::Caveat
            };
            if !p
                .reasons
                .iter()
                .any(|r| r.outcome == wanted && r.question == Some(q))
            {
                fail(format!("no {wanted:?} reason for question '{q}'"));
            }
        }
        if let Some((vcpu, memory)) = c.size {
            match &p.size {
                Some(s)
                    if (s.size.vcpu - vcpu).abs() < 1e-6
                        && (s.size.memory_gib - memory).abs() < 1e-3 => {}
                other => fail(format!(
                    "size {:?}, expected {vcpu} vCPU / {memory} GiB",
                    other.as_ref().map(|s| s.size)
                )),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn there_are_at_least_forty_cases_covering_every_platform() {
    assert!(CASES.len() >= 40, "{} cases", CASES.len());
    for id in berth::core::catalog::PLATFORM_IDS {
        assert!(CASES.iter().any(|c| c.platform == id), "no case for {id}");
    }
}

#[test]
fn privileged_rules_out_every_platform_and_names_fallbacks() {
    let report = evaluate(&answers(r#"{"special": ["privileged"]}"#));
    for p in &report.platforms {
        assert_eq!(
            p.verdict, RuledOut,
            "{} should refuse privileged containers",
            p.id
        );
    }
    assert!(report.top_pick.is_none());
    assert!(report.ranking.is_empty());
    let catalog = berth::core::catalog::catalog();
    let names: Vec<&str> = report.nothing_fits.iter().map(|f| f.name).collect();
    let listed: Vec<&str> = catalog.fallbacks.iter().map(|f| f.name.as_ref()).collect();
    assert_eq!(
        names, listed,
        "every fallback of catalog/fallbacks.toml, in order"
    );
}

#[test]
fn requiring_a_cloud_narrows_the_fallbacks() {
    let report = evaluate(&answers(
        r#"{"special": ["privileged"], "cloud": "azure", "cloud_mode": "require"}"#,
    ));
    assert!(!report.nothing_fits.is_empty());
    assert!(report
        .nothing_fits
        .iter()
        .all(|f| f.vendor == berth::core::catalog::Vendor::Azure));
}

#[test]
fn every_archetype_gets_a_top_pick_that_fits() {
    for archetype in berth::core::answers::Archetype::ALL {
        let report = evaluate(&archetype.preset());
        let top = report
            .top_pick
            .unwrap_or_else(|| panic!("{archetype:?}: no top pick"));
        let p = report.platform(top).unwrap();
        assert_ne!(p.verdict, RuledOut, "{archetype:?}");
        assert!(
            !report.top_pick_why.is_empty(),
            "{archetype:?}: the pick explains itself"
        );
        assert_eq!(report.ranking.first(), Some(&top));
    }
}

#[test]
fn short_small_spiky_work_hints_at_functions() {
    let hint = evaluate(&answers(
        r#"{"vcpu": 0.5, "memory_gib": 1, "max_request_seconds": 30, "traffic": "spiky"}"#,
    ));
    assert!(hint.functions_hint.is_some());
    let steady = evaluate(&answers(r#"{"traffic": "steady"}"#));
    assert!(steady.functions_hint.is_none());
    let long = evaluate(&answers(
        r#"{"archetype": "batch_job", "job_minutes": 120}"#,
    ));
    assert!(long.functions_hint.is_none());
}

/// "Short" for the functions hint is the catalog's functions limit, not a number in code.
#[test]
fn the_functions_hint_ends_at_the_catalogs_function_limit() {
    let catalog = berth::core::catalog::catalog();
    let functions = catalog.platform(&catalog.functions.limit_of).unwrap();
    let limit = functions
        .max_request_seconds
        .value
        .max()
        .expect("the functions platform states a request limit");
    let at = |seconds: u32| {
        evaluate(&answers(&format!(
            r#"{{"vcpu": 0.5, "memory_gib": 1, "max_request_seconds": {seconds}, "traffic": "spiky"}}"#
        )))
        .functions_hint
    };
    let hint = at(limit).expect("a request at the limit is short");
    assert!(
        hint.contains(&berth::core::limit_text::duration(limit)),
        "{hint}"
    );
    assert!(at(limit + 1).is_none());
}

#[test]
fn not_sure_answers_are_assumed_and_said() {
    let report = evaluate(&answers(r#"{"archetype": "scratch"}"#));
    let questions: Vec<&str> = report.assumptions.iter().map(|a| a.question).collect();
    assert!(
        questions.contains(&"vcpu") && questions.contains(&"memory_gib"),
        "{questions:?}"
    );
}

#[test]
fn a_preference_ranks_its_cloud_first() {
    for (cloud, vendor) in [("aws", "aws"), ("azure", "azure"), ("gcp", "gcp")] {
        let report = evaluate(&answers(&format!(
            r#"{{"cloud": "{cloud}", "ephemeral_storage_gib": 4}}"#
        )));
        let top = report.platform(report.top_pick.unwrap()).unwrap();
        assert_eq!(
            serde_json::to_value(top.vendor).unwrap(),
            vendor,
            "prefer {cloud}"
        );
    }
}

#[test]
fn security_checklists_follow_the_answers() {
    let plain = evaluate(&answers(r#"{}"#));
    let cmek = evaluate(&answers(r#"{"compliance": ["cmek"]}"#));
    let count = |r: &berth::core::report::Report| -> usize {
        r.platforms.iter().map(|p| p.security_checklist.len()).sum()
    };
    assert!(
        count(&cmek) > count(&plain),
        "asking for CMEK adds checklist items"
    );
    let item = cmek
        .platforms
        .iter()
        .flat_map(|p| &p.security_checklist)
        .find(|i| i.because == Some("you asked for customer-managed keys"))
        .expect("a CMEK item says why it is there");
    assert!(item.source.starts_with("https://"));
}

#[test]
fn changes_since_2021_are_reported() {
    let report = evaluate(&answers(r#"{}"#));
    let fargate = report.platform("fargate-ecs").unwrap();
    let size = fargate
        .changes_since_2021
        .iter()
        .find(|c| c.fact == "Largest size")
        .expect("Fargate size changed");
    assert!(size.was.contains("4 vCPU"));
    assert!(size.now.contains("16 vCPU"), "{}", size.now);
    let cloud_run = report.platform("cloud-run").unwrap();
    assert!(cloud_run
        .changes_since_2021
        .iter()
        .any(|c| c.was.contains("1 vCPU") || c.was.contains("single vCPU")));
    let aci = report.platform("aci").unwrap();
    assert!(
        aci.changes_since_2021.len() >= 2,
        "ACI size and public-IP-only both changed"
    );
}

#[test]
fn evaluation_is_deterministic() {
    for archetype in berth::core::answers::Archetype::ALL {
        let a = archetype.preset();
        assert_eq!(evaluate(&a), evaluate(&a));
    }
}

#[test]
fn a_platform_subset_is_evaluated_and_ranked_alone() {
    use berth::core::evaluate::evaluate_among;
    let azure = ["aci", "aks-virtual-nodes", "container-apps"];
    let report = evaluate_among(&answers(r#"{"ephemeral_storage_gib": 4}"#), &azure);
    let ids: Vec<&str> = report.platforms.iter().map(|p| p.id).collect();
    assert_eq!(ids, azure);
    assert!(report.ranking.iter().all(|id| azure.contains(id)));
    assert_eq!(report.top_pick, Some("container-apps"));
    let none_fit = evaluate_among(&answers(r#"{"archetype": "windows_app"}"#), &["cloud-run"]);
    assert!(none_fit.top_pick.is_none() && !none_fit.nothing_fits.is_empty());
}

/// A caveat that an answer brings on (a GPU, public ingress, a job...) cites that answer,
/// like every other reason an answer causes; only those no answer causes cite none.
#[test]
fn a_caveat_an_answer_brings_on_cites_it() {
    use berth::core::catalog::{catalog, GuidanceTrigger};
    let mut cited = std::collections::BTreeSet::new();
    for archetype in berth::core::answers::Archetype::ALL {
        let report = evaluate(&archetype.preset());
        for p in &report.platforms {
            let platform = catalog().platforms.iter().find(|c| c.id == p.id).unwrap();
            for r in p.reasons.iter().filter(|r| r.citation.fact == "caveats") {
                let caveat = platform
                    .caveats
                    .iter()
                    .find(|g| r.text.starts_with(&*g.title))
                    .unwrap_or_else(|| panic!("{}: no caveat for '{}'", p.id, r.text));
                let by_answer = !caveat.when.is_empty()
                    && caveat.when.iter().all(|t| {
                        !matches!(t, GuidanceTrigger::Secrets | GuidanceTrigger::Kubernetes)
                    });
                assert_eq!(
                    r.question.is_some(),
                    by_answer,
                    "{} ({archetype:?}): '{}' cites {:?}",
                    p.id,
                    r.text,
                    r.question
                );
                if let Some(q) = r.question {
                    cited.insert((p.id, q));
                }
            }
        }
    }
    for expected in [
        ("cloud-run", "gpu"),
        ("aci", "ingress"),
        ("fargate-eks", "workload"),
    ] {
        assert!(cited.contains(&expected), "{expected:?} in {cited:?}");
    }
}

/// One instance is one instance.
#[test]
fn one_instance_is_singular() {
    let report = evaluate(&answers(r#"{"max_instances": 1}"#));
    let texts: Vec<&str> = report
        .platforms
        .iter()
        .flat_map(|p| p.reasons.iter().map(|r| r.text.as_str()))
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("1 instance fits (up to")),
        "{texts:?}"
    );
    assert!(
        !texts.iter().any(|t| t.contains("1 instances")),
        "{texts:?}"
    );
}
