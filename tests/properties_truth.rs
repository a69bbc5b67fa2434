//! Property test, with a fixed seed: no platform is `eligible` without a caveat when any
//! check for it rests on a limit the catalog does not know or a fact it has not
//! confirmed, and no such check is a pass.

use berth::core::answers::*;
use berth::core::catalog::{catalog, Context, Limit, Os, Platform, Workload};
use berth::core::evaluate::evaluate;
use berth::core::report::{Outcome, Reason, Verdict};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// The seed; change it only on purpose (a failure must be reproducible).
const SEED: [u8; 32] = *b"berth: unknown is never a pass!!";

#[path = "common/strategies.rs"]
mod strategies;
use strategies::{pick, subset};

prop_compose! {
    /// Answers that exercise every limit and condition: sizes around 1 vCPU, GPUs,
    /// Windows, long jobs, big disks, high concurrency.
    fn limit_answers()(
        archetype in pick(&Archetype::ALL),
        workload in pick(&[WorkloadKind::HttpService, WorkloadKind::Worker, WorkloadKind::Job]),
        vcpu in proptest::option::of((80u32..9_000).prop_map(|m| f64::from(m) / 1000.0)),
        memory_gib in proptest::option::of((256u32..40_000).prop_map(|m| f64::from(m) / 1000.0)),
        gpu in any::<bool>(),
        ephemeral in proptest::option::of((0u32..400).prop_map(f64::from)),
        request in proptest::option::of(1u32..20_000),
        job in proptest::option::of(1u32..50_000),
        os in pick(&[Os::Linux, Os::Windows]),
        arch in pick(&[ArchChoice::Either, ArchChoice::X86_64, ArchChoice::Arm64]),
        protocols in subset(&[Protocol::Http1, Protocol::Http2, Protocol::Grpc, Protocol::Websockets]),
        special in subset(&[SpecialNeed::Sidecars, SpecialNeed::InitContainers]),
        compliance in subset(&[Compliance::PrivateNetwork, Compliance::Cmek, Compliance::ManagedIdentity]),
        max_instances in proptest::option::of(1u32..5000),
        concurrency in proptest::option::of(1u32..2000),
    ) -> Answers {
        Answers {
            workload, vcpu, memory_gib, gpu, gpu_type: GpuChoice::Any,
            ephemeral_storage_gib: ephemeral, max_request_seconds: request, job_minutes: job,
            os, arch, protocols, special, compliance, max_instances, concurrency,
            ..archetype.preset()
        }
    }
}

/// Whether the limit a reason cites is one the catalog does not know, for these answers
/// at the platform's size: read from the catalog, not from the reason.
fn cites_unknown_limit(p: &Platform, r: &Reason, a: &Answers, vcpu: f64) -> bool {
    let ctx = Context {
        os: a.os,
        arch: match a.arch {
            ArchChoice::Either => None,
            ArchChoice::X86_64 => Some(berth::core::catalog::Arch::X86_64),
            ArchChoice::Arm64 => Some(berth::core::catalog::Arch::Arm64),
        },
        gpu: a.gpu,
        workload: match a.workload {
            WorkloadKind::HttpService => Workload::HttpService,
            WorkloadKind::Worker => Workload::Worker,
            WorkloadKind::Job => Workload::Job,
        },
        vcpu,
    };
    match r.citation.fact {
        "max_request_seconds" => p.max_request_seconds.resolve(&ctx).limit() == Limit::Unknown,
        "max_job_seconds" => p.max_job_seconds.resolve(&ctx).limit() == Limit::Unknown,
        "storage.ephemeral_max_gib" => {
            p.storage.ephemeral_max_gib.resolve(&ctx).limit() == Limit::Unknown
        }
        "scaling.max_instances" => p.scaling.max_instances.resolve(&ctx).limit() == Limit::Unknown,
        "scaling.max_concurrency" => {
            p.scaling.max_concurrency.resolve(&ctx).limit() == Limit::Unknown
        }
        _ => false,
    }
}

#[test]
fn nothing_is_eligible_or_passes_on_what_the_catalog_does_not_know() {
    let config = Config {
        cases: 300,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &SEED));
    runner
        .run(&limit_answers(), |a| {
            let report = evaluate(&a);
            for p in &report.platforms {
                let platform = catalog().platform(p.id).unwrap();
                let vcpu = p
                    .size
                    .as_ref()
                    .map_or(a.vcpu.unwrap_or(1.0), |s| s.size.vcpu);
                let mut rests_on_unknown = false;
                for r in &p.reasons {
                    let unknown = cites_unknown_limit(platform, r, &a, vcpu);
                    let unconfirmed = !r.citation.certainty.is_confirmed();
                    if unknown || unconfirmed {
                        prop_assert_ne!(r.outcome, Outcome::Pass, "{}: {}", p.id, &r.text);
                        rests_on_unknown = true;
                    }
                    if unknown {
                        prop_assert!(r.unconfirmed.is_some(), "{}: {}", p.id, &r.text);
                    }
                }
                if rests_on_unknown {
                    prop_assert_ne!(p.verdict, Verdict::Eligible, "{}", p.id);
                }
            }
            Ok(())
        })
        .unwrap();
}
