//! Property tests: any valid answers evaluate without panic, every ruled-out verdict
//! cites a sourced fact, and normalized sizes are allowed pairs at or above the request
//! that fitting again leaves unchanged.
//!
//! Deterministic: every block runs from a fixed seed, so a commit always gives the same
//! result. `./x fuzz` runs them again with many more cases and a fresh seed, through
//! `BERTH_PROPTEST_CASES` and `BERTH_PROPTEST_SEED` (a failing seed is replayed by
//! setting the same value).

use berth::core::answers::*;
use berth::core::catalog::Sizing;
use berth::core::catalog::{catalog, Os};
use berth::core::evaluate::evaluate;
use berth::core::report::Size;
use berth::core::report::{Outcome, Verdict};
use berth::core::sizing;
use proptest::prelude::*;
use proptest::test_runner::{RngAlgorithm, RngSeed};

/// The fixed seed of `cargo test`; `./x fuzz` replaces it with a fresh one.
const SEED: u64 = 0x00be_47a1_2026_1130;

/// `cases` cases from the fixed seed, or as many as `BERTH_PROPTEST_CASES` asks from
/// the seed in `BERTH_PROPTEST_SEED` (both set by `./x fuzz`).
fn config(cases: u32) -> ProptestConfig {
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    ProptestConfig {
        cases: env("BERTH_PROPTEST_CASES").map_or(cases, |n| n as u32),
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(env("BERTH_PROPTEST_SEED").unwrap_or(SEED)),
        ..ProptestConfig::default()
    }
}

#[path = "common/strategies.rs"]
mod strategies;
use strategies::{pick, subset};

prop_compose! {
    fn any_answers()(
        archetype in pick(&Archetype::ALL),
        workload in pick(&[WorkloadKind::HttpService, WorkloadKind::Worker, WorkloadKind::Job]),
        vcpu in proptest::option::of((50u32..40_000).prop_map(|m| f64::from(m) / 1000.0)),
        memory_gib in proptest::option::of((125u32..300_000).prop_map(|m| f64::from(m) / 1000.0)),
        gpu in any::<bool>(),
        gpu_type in pick(&[GpuChoice::Any, GpuChoice::NvidiaT4, GpuChoice::NvidiaL4, GpuChoice::NvidiaA100, GpuChoice::NvidiaRtxPro6000]),
        ephemeral in proptest::option::of((0u32..400).prop_map(f64::from)),
        request in proptest::option::of(1u32..20000),
        job in proptest::option::of(1u32..20000),
        os in pick(&[Os::Linux, Os::Windows]),
        arch in pick(&[ArchChoice::Either, ArchChoice::X86_64, ArchChoice::Arm64]),
        protocols in subset(&[Protocol::Http1, Protocol::Http2, Protocol::Grpc, Protocol::Websockets, Protocol::Tcp, Protocol::Udp]),
        ingress in pick(&[Ingress::Public, Ingress::Private, Ingress::None]),
        storage in pick(&[PersistentStorage::None, PersistentStorage::SharedFiles, PersistentStorage::Block, PersistentStorage::ObjectMount]),
        scale in pick(&[ScaleToZero::Required, ScaleToZero::Preferred, ScaleToZero::NotNeeded]),
        traffic in pick(&[Traffic::Spiky, Traffic::Steady, Traffic::MostlyIdle, Traffic::NotSure]),
        special in subset(&[SpecialNeed::Privileged, SpecialNeed::HostNetwork, SpecialNeed::Daemonset, SpecialNeed::Sidecars, SpecialNeed::InitContainers]),
        compliance in subset(&[Compliance::PrivateNetwork, Compliance::Cmek, Compliance::Confidential, Compliance::ImageSigning, Compliance::ManagedIdentity]),
        cloud in pick(&[CloudChoice::Any, CloudChoice::Aws, CloudChoice::Azure, CloudChoice::Gcp]),
        cloud_mode in pick(&[CloudMode::Prefer, CloudMode::Require]),
        kubernetes in pick(&[KubernetesSkill::None, KubernetesSkill::Some, KubernetesSkill::Strong]),
        cluster in pick(&[ExistingCluster::None, ExistingCluster::Eks, ExistingCluster::Aks, ExistingCluster::Gke]),
        max_instances in proptest::option::of(1u32..5000),
        concurrency in proptest::option::of(1u32..2000),
    ) -> Answers {
        Answers {
            workload, vcpu, memory_gib, gpu, gpu_type, ephemeral_storage_gib: ephemeral,
            max_request_seconds: request, job_minutes: job, os, arch, protocols, ingress, storage,
            scale_to_zero: scale, traffic, special, compliance, cloud, cloud_mode, kubernetes,
            existing_cluster: cluster, max_instances, concurrency,
            ..archetype.preset()
        }
    }
}

proptest! {
    #![proptest_config(config(400))]

    #[test]
    fn any_valid_answers_evaluate_into_an_explained_report(a in any_answers()) {
        let report = evaluate(&a);
        prop_assert_eq!(report.platforms.len(), catalog().platforms.len());
        for p in &report.platforms {
            if p.verdict == Verdict::RuledOut {
                let fail = p.reasons.iter().find(|r| r.outcome == Outcome::Fail);
                prop_assert!(fail.is_some(), "{} ruled out without a failing reason", p.id);
                let fail = fail.unwrap();
                prop_assert!(fail.citation.source.starts_with("https://"), "{}: {}", p.id, fail.text);
                prop_assert!(!fail.citation.verified.is_empty());
                prop_assert!(p.score.is_none());
                prop_assert!(!report.ranking.contains(&p.id));
            } else {
                prop_assert!(report.ranking.contains(&p.id));
                prop_assert!(p.size.is_some(), "{} fits but has no size", p.id);
            }
            prop_assert_eq!(
                p.verdict == Verdict::Caveats,
                p.reasons.iter().any(|r| r.outcome == Outcome::Caveat) && p.verdict != Verdict::RuledOut
            );
        }
        prop_assert_eq!(report.top_pick.is_none(), report.ranking.is_empty());
        prop_assert_eq!(report.nothing_fits.is_empty(), report.top_pick.is_some());
    }

    #[test]
    fn normalized_sizes_are_allowed_pairs_at_or_above_the_request(a in any_answers()) {
        let report = evaluate(&a);
        for p in &report.platforms {
            let Some(n) = &p.size else { continue };
            let platform = catalog().platform(p.id).unwrap();
            prop_assert!(n.size.vcpu + 1e-9 >= n.requested.vcpu, "{}: {:?} below {:?}", p.id, n.size, n.requested);
            prop_assert!(n.size.memory_gib + 1e-9 >= n.requested.memory_gib, "{}: {:?} below {:?}", p.id, n.size, n.requested);
            prop_assert!(sizing::is_allowed(&platform.sizing.value, a.os, n.size), "{}: {:?} is not an allowed pair", p.id, n.size);
        }
    }

    #[test]
    fn answers_round_trip_through_json(a in any_answers()) {
        let json = serde_json::to_string(&a).unwrap();
        let (back, _) = parse_answers_lenient(&json).unwrap();
        prop_assert_eq!(back, a);
    }
}

prop_compose! {
    fn any_size()(vcpu in 0u32..200_000, memory in 0u32..1_000_000) -> Size {
        Size { vcpu: f64::from(vcpu) / 1000.0, memory_gib: f64::from(memory) / 1000.0 }
    }
}

proptest! {
    #![proptest_config(config(2000))]

    /// Fitting is idempotent on every platform, for both OS: normalizing a fitted size
    /// returns it unchanged (a table's overhead is already inside a fitted size).
    #[test]
    fn size_normalization_is_idempotent(want in any_size(), windows in any::<bool>()) {
        let os = if windows { Os::Windows } else { Os::Linux };
        for p in catalog().platforms.iter() {
            let Ok(first) = sizing::fit(&p.sizing.value, os, want) else { continue };
            let again = sizing::normalize(&p.sizing.value, os, first.size);
            prop_assert!(again.is_ok(), "{}: {:?} fitted, then refused: {:?}", p.id, first.size, again);
            let again = again.unwrap().size;
            prop_assert_eq!(again, first.size, "{}: {:?} fitted, then moved", p.id, first.size);
            let overhead = matches!(p.sizing.value, Sizing::Table { overhead_mib, .. } if overhead_mib > 0);
            if !overhead {
                prop_assert_eq!(sizing::fit(&p.sizing.value, os, first.size).unwrap().size, first.size, "{}", p.id);
            }
        }
    }
}

/// The property above covers every sizing model: the catalog has at least one of each.
#[test]
fn the_catalog_has_every_sizing_model() {
    let has = |f: fn(&Sizing) -> bool| catalog().platforms.iter().any(|p| f(&p.sizing.value));
    // A match with no fall-through arm: a new model fails to compile here until it is listed.
    let model = |s: &Sizing| match s {
        Sizing::Table { .. } => 0,
        Sizing::Range(_) => 1,
        Sizing::MemoryProportional { .. } => 2,
        Sizing::NodeBounded => 3,
    };
    for m in 0..4 {
        assert!(
            catalog()
                .platforms
                .iter()
                .any(|p| model(&p.sizing.value) == m),
            "no platform uses sizing model {m}"
        );
    }
    assert!(has(
        |s| matches!(s, Sizing::Table { overhead_mib, .. } if *overhead_mib > 0)
    ));
}

/// The case the property test once found: the public-web preset with vCPU and memory
/// "Not sure". Lambda reported 1.16 vCPU for 2048 MiB, and fitting 1.16 vCPU again asked
/// for 2053 MiB.
#[test]
fn lambda_size_for_the_public_web_preset_is_an_allowed_pair() {
    let a = Answers {
        vcpu: None,
        memory_gib: None,
        ..Archetype::PublicWeb.preset()
    };
    let report = evaluate(&a);
    let p = catalog().platform("lambda-image").unwrap();
    let n = report
        .platform("lambda-image")
        .unwrap()
        .size
        .as_ref()
        .unwrap();
    assert!(
        sizing::is_allowed(&p.sizing.value, a.os, n.size),
        "{:?}",
        n.size
    );
    let again = sizing::fit(&p.sizing.value, a.os, n.size).unwrap();
    assert_eq!(again.size, n.size);
}

#[test]
fn lambda_cpu_follows_memory() {
    // The proportional model reports the CPU that the chosen memory buys, at or above the request.
    let a = Answers {
        vcpu: Some(2.0),
        memory_gib: Some(1.0),
        os: Os::Linux,
        ..Archetype::PublicWeb.preset()
    };
    let report = evaluate(&a);
    let lambda = report
        .platform("lambda-image")
        .unwrap()
        .size
        .as_ref()
        .unwrap();
    assert!(lambda.size.vcpu >= 2.0 - 1e-9, "{:?}", lambda.size);
}
