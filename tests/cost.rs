//! The cost estimate against hand-worked examples, to the cent, and its honesty rules.
//!
//! Each example's arithmetic is written out from the vendor's pricing page (rates as in
//! `catalog/prices/`); lines are rounded half up to the cent and the total is their sum.

use berth::core::answers::{Answers, ArchChoice, Archetype, CostPreference, Os, WorkloadKind};
use berth::core::catalog::{catalog, price_sheet, Certainty, PLATFORM_IDS};
use berth::core::cost::{estimate, Estimate};
use berth::core::evaluate::evaluate;
use berth::core::report::Size;

fn est(id: &str, a: &Answers, vcpu: f64, memory_gib: f64) -> Estimate {
    let p = catalog().platform(id).expect("platform in the catalog");
    let ctx = berth::core::checks::context(a, Some(vcpu));
    estimate(p, a, &ctx, Size { vcpu, memory_gib }).expect("every platform has a price sheet")
}

fn http(requests: u64, ms: u32, concurrency: u32, min_instances: u32) -> Answers {
    let mut a = Archetype::PublicWeb.preset();
    a.requests_per_month = Some(requests);
    a.request_ms = Some(ms);
    a.concurrency = Some(concurrency);
    a.min_instances = min_instances;
    a
}

/// (what, amount in cents) of every line, in order.
fn lines(e: &Estimate) -> Vec<(&'static str, Option<u64>)> {
    e.lines.iter().map(|l| (l.what, l.amount)).collect()
}

// ---------------------------------------------------------------- AWS (us-east-1)

/// aws.amazon.com/lambda/pricing, example 2: 128 MB, 30 M invocations of 200 ms.
/// Compute: 30,000,000 × 0.2 s = 6,000,000 s × 128/1024 GB = 750,000 GB-s;
///          750,000 − 400,000 free = 350,000 GB-s × $0.0000166667 = $5.8333 → $5.83.
/// Requests: 30 M − 1 M free = 29 M × $0.20/M = $5.80.   Total $11.63 (as on the page).
#[test]
fn lambda_vendor_example_two() {
    let e = est("lambda-image", &http(30_000_000, 200, 1, 0), 0.125, 0.125);
    assert_eq!(
        lines(&e),
        [("Memory, active", Some(583)), ("Requests", Some(580))]
    );
    assert_eq!(e.monthly, Some(1163));
    assert_eq!(e.lines[0].quantity_text(), "750,000");
    assert_eq!(e.lines[0].free_text(), "400,000");
}

/// aws.amazon.com/lambda/pricing, example 1: 512 MB, 3 M invocations of 1 s.
/// Compute: 3,000,000 × 1 s × 512/1024 GB = 1,500,000 GB-s − 400,000 free = 1,100,000 GB-s
///          × $0.0000166667 = $18.33337 → $18.33. (The page's example rounds the rate to
///          $0.00001667 and shows $18.34; the rate itself is $0.0000166667.)
/// Requests: 3 M − 1 M free = 2 M × $0.20/M = $0.40.   Total $18.73.
#[test]
fn lambda_vendor_example_one() {
    let e = est("lambda-image", &http(3_000_000, 1000, 1, 0), 0.5, 0.5);
    assert_eq!(
        lines(&e),
        [("Memory, active", Some(1833)), ("Requests", Some(40))]
    );
    assert_eq!(e.monthly, Some(1873));
    // Lambda takes one request per instance, whatever concurrency is asked for.
    let packed = est("lambda-image", &http(3_000_000, 1000, 80, 0), 0.5, 0.5);
    assert_eq!(packed.monthly, Some(1873));
}

/// aws.amazon.com/fargate/pricing, Linux/x86: one task of 1 vCPU and 2 GB all month
/// (Fargate cannot scale to zero) behind an Application Load Balancer.
/// vCPU: 730 h × $0.04048 = $29.5504 → $29.55.  Memory: 730 h × 2 GB = 1,460 GB-h × $0.004445
/// = $6.4897 → $6.49.  ALB: 730 h × $0.0225 = $16.425 → $16.43.   Total $52.47.
#[test]
fn fargate_linux_always_on_task_with_load_balancer() {
    let e = est("fargate-ecs", &http(3_000_000, 200, 80, 0), 1.0, 2.0);
    assert_eq!(
        lines(&e),
        [
            ("vCPU", Some(2955)),
            ("Memory", Some(649)),
            ("Load balancer", Some(1643))
        ]
    );
    assert_eq!(e.monthly, Some(5247));
    assert_eq!(
        e.idle,
        Some(5247),
        "idle costs the same: the task runs anyway"
    );
    assert!(e.bills_idle);
}

/// Raw TCP or UDP cannot go through an Application Load Balancer: such a Fargate service is
/// billed the Network Load Balancer's hour, an HTTP one (gRPC included) the ALB's, whatever
/// else it speaks. Both bases are $0.0225 an hour in us-east-1, so the figure is the same
/// $16.43; the price cited is not.
#[test]
fn fargate_prices_the_load_balancer_the_protocols_need() {
    use berth::core::answers::Protocol::{Grpc, Http1, Tcp, Udp};
    for (protocols, want) in [
        (vec![Http1], "alb-hour"),
        (vec![Http1, Grpc], "alb-hour"),
        (vec![Tcp], "nlb-hour"),
        (vec![Udp], "nlb-hour"),
        (vec![Http1, Tcp], "nlb-hour"),
    ] {
        let mut a = http(3_000_000, 200, 80, 0);
        a.protocols = protocols.clone();
        let e = est("fargate-ecs", &a, 1.0, 2.0);
        let lb: Vec<_> = e
            .lines
            .iter()
            .filter(|l| l.what == "Load balancer")
            .collect();
        assert_eq!(lb.len(), 1, "{protocols:?}: one load balancer line");
        let price = lb[0].price.as_ref().expect("priced");
        assert_eq!(price.id, want, "{protocols:?}");
        assert_eq!(
            lb[0].unit,
            if want == "alb-hour" {
                "ALB-hour"
            } else {
                "NLB-hour"
            }
        );
        assert_eq!(lb[0].amount, Some(1643), "{protocols:?}");
    }
    // A sheet with only an ALB price leaves a TCP service's load balancer unknown.
    let mut a = http(3_000_000, 200, 80, 0);
    a.protocols = vec![Tcp];
    let e = est("ecs-express", &a, 1.0, 2.0);
    let lb = e.lines.iter().find(|l| l.what == "Load balancer");
    assert_eq!(
        lb.map(|l| (l.amount, l.price.is_none())),
        Some((None, true))
    );
    assert_eq!(
        e.monthly, None,
        "an unknown line leaves the total incomplete"
    );
}

/// Fargate Windows/x86: 2 vCPU, 4 GB, one task all month, plus the Windows licence.
/// vCPU: 2 × 730 = 1,460 vCPU-h × $0.09148 = $133.5608 → $133.56.
/// Licence: 1,460 vCPU-h × $0.046 = $67.16.  Memory: 4 × 730 = 2,920 GB-h × $0.01005 = $29.346
/// → $29.35.  ALB: $16.43.   Total $246.50.
#[test]
fn fargate_windows_adds_the_licence_fee() {
    let mut a = Archetype::WindowsApp.preset();
    a.requests_per_month = Some(1_000_000);
    let e = est("fargate-ecs", &a, 2.0, 4.0);
    assert_eq!(
        lines(&e),
        [
            ("vCPU", Some(13356)),
            ("Memory", Some(2935)),
            ("Windows licence", Some(6716)),
            ("Load balancer", Some(1643))
        ]
    );
    assert_eq!(e.monthly, Some(24650));
}

/// Fargate Linux/ARM: 0.5 vCPU, 1 GB, as a worker (no load balancer), one task all month.
/// vCPU: 0.5 × 730 = 365 vCPU-h × $0.03238 = $11.8187 → $11.82.
/// Memory: 730 GB-h × $0.00356 = $2.5988 → $2.60.   Total $14.42.
#[test]
fn fargate_arm_worker_has_no_load_balancer() {
    let mut a = Archetype::EventWorker.preset();
    a.arch = ArchChoice::Arm64;
    let e = est("fargate-ecs", &a, 0.5, 1.0);
    assert_eq!(lines(&e), [("vCPU", Some(1182)), ("Memory", Some(260))]);
    assert_eq!(e.monthly, Some(1442));
}

/// aws.amazon.com/apprunner/pricing: 1 vCPU, 2 GB, one provisioned instance all month,
/// active while handling 3 M requests of 200 ms at concurrency 80.
/// Work: 3,000,000 × 0.2 s = 600,000 s = 166.667 h active (under a month, so no packing);
/// idle: 730 − 166.667 = 563.333 h.
/// Active vCPU: 166.667 h × $0.064 = $10.6667 → $10.67.  Idle vCPU: $0 (memory only).
/// Active memory: 333.333 GB-h × $0.007 = $2.3333 → $2.33.  Idle memory: 1,126.667 GB-h
/// × $0.007 = $7.8867 → $7.89.   Total $20.89.  Idle all month: 1,460 GB-h × $0.007 = $10.22.
#[test]
fn app_runner_bills_provisioned_memory_and_active_time() {
    let e = est("app-runner", &http(3_000_000, 200, 80, 0), 1.0, 2.0);
    assert_eq!(
        lines(&e),
        [
            ("vCPU, active", Some(1067)),
            ("vCPU, idle instances", Some(0)),
            ("Memory, active", Some(233)),
            ("Memory, idle instances", Some(789))
        ]
    );
    assert_eq!(e.monthly, Some(2089));
    assert_eq!(e.idle, Some(1022));
}

/// EKS Fargate: pods at Fargate rates plus the EKS cluster, $0.10 per cluster-hour
/// (aws.amazon.com EKS pricing): 730 h × $0.10 = $73.00. With an existing EKS cluster
/// the fee is already paid and not counted.
#[test]
fn eks_fargate_counts_the_cluster_fee_unless_one_exists() {
    let mut a = Archetype::EventWorker.preset();
    let e = est("fargate-eks", &a, 1.0, 2.0);
    assert!(lines(&e).contains(&("Cluster fee", Some(7300))));
    a.existing_cluster = berth::core::answers::ExistingCluster::Eks;
    let e = est("fargate-eks", &a, 1.0, 2.0);
    assert!(e.lines.iter().all(|l| l.what != "Cluster fee"));
}

// ---------------------------------------------------------------- Azure (eastus)

/// learn.microsoft.com Container Apps billing (free grants) with the Consumption rates:
/// 1 vCPU, 2 GiB, 3 M requests of 200 ms, concurrency 80, scale to zero.
/// Active: 600,000 s.  vCPU: 600,000 − 180,000 free = 420,000 vCPU-s × $0.000024 = $10.08.
/// Memory: 1,200,000 − 360,000 free = 840,000 GiB-s × $0.000003 = $2.52.
/// Requests: 3 M − 2 M free = 1 M × $0.40 = $0.40.   Total $13.00.
#[test]
fn container_apps_scale_to_zero_with_free_grants() {
    let e = est("container-apps", &http(3_000_000, 200, 80, 0), 1.0, 2.0);
    assert_eq!(
        lines(&e),
        [
            ("vCPU, active", Some(1008)),
            ("Memory, active", Some(252)),
            ("Requests", Some(40))
        ]
    );
    assert_eq!(e.monthly, Some(1300));
    assert_eq!(e.idle, Some(0));
    assert_eq!(
        e.certainty,
        Some(Certainty::Unverified),
        "the rates are unverified"
    );
}

/// Container Apps with one minimum replica: 0.5 vCPU, 1 GiB, 10 M requests of 100 ms.
/// Work 1,000,000 s is active; the replica idles the rest: 2,628,000 − 1,000,000 = 1,628,000 s.
/// Active vCPU: 500,000 − 180,000 = 320,000 × $0.000024 = $7.68.
/// Idle vCPU: 0.5 × 1,628,000 = 814,000 × $0.000003 = $2.442 → $2.44.
/// Active memory: 1,000,000 − 360,000 = 640,000 × $0.000003 = $1.92.
/// Idle memory: 1,628,000 × $0.000003 = $4.884 → $4.88.
/// Requests: 10 M − 2 M = 8 M × $0.40 = $3.20.   Total $20.12.
#[test]
fn container_apps_bills_an_idle_minimum_replica_at_the_idle_rate() {
    let e = est("container-apps", &http(10_000_000, 100, 80, 1), 0.5, 1.0);
    assert_eq!(
        lines(&e),
        [
            ("vCPU, active", Some(768)),
            ("vCPU, idle instances", Some(244)),
            ("Memory, active", Some(192)),
            ("Memory, idle instances", Some(488)),
            ("Requests", Some(320))
        ]
    );
    assert_eq!(e.monthly, Some(2012));
}

/// ACI, Linux (third-party rates whose sources conflict, see the sheet): one container group
/// of 1 vCPU and 2 GB all month (ACI does not scale).  vCPU: 730 h × $0.0405 = $29.565
/// → $29.57.  Memory: 1,460 GB-h × $0.00445 = $6.497 → $6.50.   Total $36.07, flagged as
/// resting on conflicting prices.
#[test]
fn aci_linux_bills_the_group_around_the_clock_at_conflicting_rates() {
    let e = est("aci", &http(3_000_000, 200, 80, 0), 1.0, 2.0);
    assert_eq!(lines(&e), [("vCPU", Some(2957)), ("Memory", Some(650))]);
    assert_eq!(e.monthly, Some(3607));
    assert_eq!(e.certainty, Some(Certainty::Conflict));
}

/// ACI, Windows: the Windows software charge is known (1 vCPU × 2,628,000 s × $0.000012
/// = $31.536 → $31.54), the Windows vCPU and memory rates are not: unknown, never $0, and
/// only the known part is added up.
#[test]
fn aci_windows_rates_the_catalog_lacks_are_unknown_not_zero() {
    let mut a = http(3_000_000, 200, 80, 0);
    a.os = Os::Windows;
    let e = est("aci", &a, 1.0, 2.0);
    assert_eq!(
        lines(&e),
        [
            ("vCPU", None),
            ("Memory", None),
            ("Windows licence", Some(3154))
        ]
    );
    assert_eq!(e.monthly, None);
    assert_eq!(e.known, Some(3154));
    assert_eq!(e.certainty, Some(Certainty::ThirdParty));
}

/// AKS virtual nodes: pods at ACI's Linux rates (conflicting sources, see aci.toml) plus
/// the AKS Standard tier's control plane, $0.10 per cluster-hour (learn.microsoft.com
/// EKS-to-AKS cost management; no free allowance). The autoscaler keeps one pod with no
/// work: vCPU 730 h × $0.0405 = $29.57, memory 1,460 GB-h × $0.00445 = $6.50, fee 730 h ×
/// $0.10 = $73.00.   Total $109.07, idle the same; with an existing AKS cluster the fee is
/// already paid and not counted.
#[test]
fn aks_virtual_nodes_bill_the_kept_pod_and_the_standard_tier_fee() {
    let mut a = Archetype::EventWorker.preset();
    let e = est("aks-virtual-nodes", &a, 1.0, 2.0);
    assert_eq!(
        lines(&e),
        [
            ("vCPU", Some(2957)),
            ("Memory", Some(650)),
            ("Cluster fee", Some(7300))
        ]
    );
    assert_eq!(e.monthly, Some(10907));
    assert_eq!(e.idle, Some(10907), "the pod it keeps bills with no work");
    assert_eq!(e.certainty, Some(Certainty::Conflict));
    assert!(e
        .notes
        .iter()
        .any(|n| n.contains("counts one instance around the clock")));
    let fee = &e.lines[2];
    assert_eq!(
        (fee.quantity_text(), fee.free_text()),
        ("730".into(), "0".into())
    );
    assert_eq!(
        fee.price.as_ref().map(|p| p.certainty),
        Some(Certainty::Confirmed)
    );
    a.existing_cluster = berth::core::answers::ExistingCluster::Aks;
    let e = est("aks-virtual-nodes", &a, 1.0, 2.0);
    assert_eq!(lines(&e), [("vCPU", Some(2957)), ("Memory", Some(650))]);
    assert_eq!(e.monthly, Some(3607));
}

// ---------------------------------------------------------------- Google Cloud (us-central1)

/// cloud.google.com/run/pricing, request-based, Tier 1: 1 vCPU, 512 MiB, 10 M requests of
/// 200 ms, one request per instance at a time.
/// Active: 10,000,000 × 0.2 s = 2,000,000 s.
/// vCPU: 2,000,000 − 180,000 free = 1,820,000 vCPU-s × $0.000024 = $43.68.
/// Memory: 0.5 × 2,000,000 = 1,000,000 − 360,000 free = 640,000 GiB-s × $0.0000025 = $1.60.
/// Requests: 10 M − 2 M free = 8 M × $0.40 = $3.20.   Total $48.48.
#[test]
fn cloud_run_request_based() {
    let e = est("cloud-run", &http(10_000_000, 200, 1, 0), 1.0, 0.5);
    assert_eq!(
        lines(&e),
        [
            ("vCPU, active", Some(4368)),
            ("Memory, active", Some(160)),
            ("Requests", Some(320))
        ]
    );
    assert_eq!(e.monthly, Some(4848));
    assert_eq!(e.certainty, Some(Certainty::Confirmed));
}

/// Cloud Run, heavy traffic packs requests: 2 vCPU, 4 GiB, 2,000 M requests of 100 ms,
/// concurrency 50. Work 200,000,000 s is more than a month (2,628,000 s), so instances are
/// packed: 200,000,000 / 50 = 4,000,000 instance-s.
/// vCPU: 8,000,000 − 180,000 = 7,820,000 × $0.000024 = $187.68.
/// Memory: 16,000,000 − 360,000 = 15,640,000 × $0.0000025 = $39.10.
/// Requests: 1,998 M × $0.40 = $799.20.   Total $1,025.98.
/// Between the two regimes one instance is busy around the clock: 500 M requests of 100 ms
/// at concurrency 50 pack into 1,000,000 s, less than the month, so 2,628,000 s are billed:
/// vCPU 5,256,000 − 180,000 = 5,076,000 × $0.000024 = $121.824 → $121.82; memory
/// 10,512,000 − 360,000 = 10,152,000 × $0.0000025 = $25.38; requests 498 M × $0.40 = $199.20.
#[test]
fn cloud_run_packs_requests_under_heavy_traffic() {
    let e = est("cloud-run", &http(2_000_000_000, 100, 50, 0), 2.0, 4.0);
    assert_eq!(
        lines(&e),
        [
            ("vCPU, active", Some(18768)),
            ("Memory, active", Some(3910)),
            ("Requests", Some(79920))
        ]
    );
    assert_eq!(e.monthly, Some(102598));
    let e = est("cloud-run", &http(500_000_000, 100, 50, 0), 2.0, 4.0);
    assert_eq!(
        lines(&e),
        [
            ("vCPU, active", Some(12182)),
            ("Memory, active", Some(2538)),
            ("Requests", Some(19920))
        ]
    );
}

/// Cloud Run bills GPU instances on instance-based billing (the platform's GPU caveat, as the
/// sheet's `gpu_plan`): 4 vCPU, 16 GiB, 3 M requests of 200 ms. Requests rarely overlap, so
/// 600,000 s of instance time: vCPU 2,400,000 vCPU-s × $0.000018 = $43.20, memory 9,600,000
/// GiB-s × $0.000002 = $19.20, no per-request fee ($0.00). No GPU rate is in the catalog,
/// so the total is unknown, $62.40 known; a note says the plan also bills idle time.
#[test]
fn cloud_run_gpu_service_is_priced_on_instance_based_billing() {
    let mut a = http(3_000_000, 200, 80, 0);
    a.gpu = true;
    let e = est("cloud-run", &a, 4.0, 16.0);
    assert_eq!(
        lines(&e),
        [
            ("vCPU", Some(4320)),
            ("Memory", Some(1920)),
            ("Requests", Some(0)),
            ("GPU", None)
        ]
    );
    let ids: Vec<_> = e
        .lines
        .iter()
        .map(|l| l.price.as_ref().map(|p| p.id))
        .collect();
    assert_eq!(
        ids,
        [
            Some("vcpu-instance-based"),
            Some("memory-instance-based"),
            Some("requests-instance-based"),
            None
        ]
    );
    assert_eq!((e.monthly, e.known), (None, Some(6240)));
    assert!(
        e.notes
            .iter()
            .any(|n| n.contains("idle time after requests")),
        "{:?}",
        e.notes
    );
    // Without a GPU the default, request-based prices apply, and no such note.
    a.gpu = false;
    let e = est("cloud-run", &a, 4.0, 16.0);
    assert_eq!(
        e.lines[0].price.as_ref().map(|p| p.id),
        Some("vcpu-request-based")
    );
    assert!(!e
        .notes
        .iter()
        .any(|n| n.contains("idle time after requests")));
}

/// In the report JSON an unknown line has no quantity, unit or unit price: nothing reads
/// as "0 at $0".
#[test]
fn an_unknown_line_serializes_no_quantity_or_price() {
    let mut windows = http(3_000_000, 200, 80, 0);
    windows.os = Os::Windows;
    let e = est("aci", &windows, 1.0, 2.0);
    let json = serde_json::to_value(&e.lines[0]).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "what": "vCPU", "meter": "vcpu", "quantity": null, "free": null, "unit": null,
            "unit_price": null, "amount": null, "price": null
        })
    );
    let e = est("cloud-run", &http(10_000_000, 200, 1, 0), 1.0, 0.5);
    let json = serde_json::to_value(&e.lines[0]).unwrap();
    assert_eq!(json["quantity"], "2,000,000");
    assert_eq!(json["unit_price"], "$0.000024");
    assert_eq!(json["amount"], "$43.68");
}

/// cloud.google.com/run/pricing, jobs (Tier 1): 2 vCPU, 4 GiB, 30 runs of 20 minutes.
/// Task time: 30 × 1,200 s = 36,000 s.  vCPU: 72,000 vCPU-s × $0.000018 = $1.296 → $1.30.
/// Memory: 144,000 GiB-s × $0.000002 = $0.288 → $0.29.   Total $1.59.
#[test]
fn cloud_run_jobs_bill_only_while_running() {
    let e = est("cloud-run-jobs", &Archetype::BatchJob.preset(), 2.0, 4.0);
    assert_eq!(lines(&e), [("vCPU", Some(130)), ("Memory", Some(29))]);
    assert_eq!(e.monthly, Some(159));
    assert!(!e.bills_idle);
}

/// GKE Autopilot, general-purpose Pods (third-party rates, see the sheet): 1 vCPU, 2 GB,
/// one Pod all month (Autopilot scales to zero only with limits, so the estimate keeps one).
/// vCPU: 730 h × $0.0445 = $32.485 → $32.49.  Memory: 2 × 730 = 1,460 GB-h × $0.0049225
/// = $7.18685 → $7.19.  Cluster fee (cloud.google.com/kubernetes-engine/pricing): 730 h ×
/// $0.10, covered by the $74.40 monthly credit (744 h ≥ 730 h) → $0.00.   Total $39.68,
/// of the weakest certainty among its prices.
#[test]
fn gke_autopilot_bills_pod_requests_and_the_credit_covers_the_fee() {
    let e = est("gke-autopilot", &http(3_000_000, 200, 80, 0), 1.0, 2.0);
    assert_eq!(
        lines(&e),
        [
            ("vCPU", Some(3249)),
            ("Memory", Some(719)),
            ("Cluster fee", Some(0))
        ]
    );
    assert_eq!(e.monthly, Some(3968));
    assert_eq!(e.certainty, Some(Certainty::ThirdParty));
    let fee = &e.lines[2];
    assert_eq!(
        (fee.quantity_text(), fee.free_text()),
        ("730".into(), "730".into())
    );
}

// ---------------------------------------------------------------- honesty and ranges

/// Every line of every estimate, for every preset, cites a price with a source and date,
/// or is unknown with no amount; a total exists only when no line is unknown.
#[test]
fn every_line_cites_a_price_or_is_unknown() {
    for archetype in Archetype::ALL {
        let report = evaluate(&archetype.preset());
        for p in &report.platforms {
            let Some(e) = &p.cost else { continue };
            for line in &e.lines {
                match (&line.amount, &line.price) {
                    (Some(_), Some(price)) => {
                        assert!(
                            price.source.starts_with("https://"),
                            "{}: {}",
                            p.id,
                            line.what
                        );
                        assert_eq!(price.verified.len(), 10);
                        assert_eq!(price.platform, p.id);
                        let sheet = price_sheet(p.id).unwrap();
                        assert!(sheet.prices.iter().any(|x| x.id == price.id));
                    }
                    (None, None) => {}
                    other => panic!(
                        "{} {}: amount and price disagree: {other:?}",
                        p.id, line.what
                    ),
                }
            }
            let unknown = e.lines.iter().any(|l| l.amount.is_none());
            assert_eq!(e.monthly.is_none(), unknown, "{archetype:?} {}", p.id);
            if let Some(total) = e.monthly {
                assert_eq!(total, e.lines.iter().filter_map(|l| l.amount).sum::<u64>());
            }
        }
    }
}

/// A platform whose sheet lacks a billed meter never shows $0 for it.
#[test]
fn a_missing_price_is_never_zero() {
    for id in PLATFORM_IDS {
        let sheet = price_sheet(id).unwrap();
        assert_eq!(sheet.platform, id);
    }
    let mut a = Archetype::GpuInference.preset();
    a.requests_per_month = Some(100_000);
    let e = est("cloud-run", &a, 4.0, 16.0);
    let gpu = e
        .lines
        .iter()
        .find(|l| l.what == "GPU")
        .expect("a GPU line");
    assert_eq!(gpu.amount, None, "no GPU price in the catalog: unknown");
    assert_eq!(e.monthly, None);
}

/// "Not sure" gives a range around the expected figure; answered usage gives one figure.
#[test]
fn not_sure_usage_gives_a_range() {
    let e = est("cloud-run", &Archetype::Scratch.preset(), 1.0, 2.0);
    assert!(e.is_range);
    let (low, mid, high) = (e.low.unwrap(), e.monthly.unwrap(), e.high.unwrap());
    assert!(
        low <= mid && mid <= high && low < high,
        "{low} {mid} {high}"
    );
    let e = est("cloud-run", &Archetype::PublicWeb.preset(), 1.0, 2.0);
    assert!(!e.is_range);
    assert_eq!((e.low, e.high), (e.monthly, e.monthly));
}

/// "Cheapest that fits" reorders the ranking by the expected figure, and says so.
#[test]
fn cheapest_that_fits_reorders_and_says_so() {
    let mut a = Archetype::PublicWeb.preset();
    let by_fit = evaluate(&a);
    assert!(!by_fit.cost_basis.ranked_by_cost);
    a.cost_preference = CostPreference::Cheapest;
    let by_cost = evaluate(&a);
    assert!(by_cost.cost_basis.ranked_by_cost);
    // Platforms winding down (App Runner is closed to new customers, Knative on GKE
    // deprecated) come after all the others, whatever they cost.
    let winding_down = |id: &str| {
        use berth::core::catalog::LifecycleStatus::*;
        let status = catalog().platform(id).unwrap().lifecycle.value.status;
        matches!(status, ClosedToNewCustomers | Deprecated | Retired)
    };
    let totals: Vec<(bool, bool, u64)> = by_cost
        .ranking
        .iter()
        .map(|id| {
            let (incomplete, cents) = by_cost
                .platform(id)
                .unwrap()
                .cost
                .as_ref()
                .unwrap()
                .sort_key();
            (winding_down(id), incomplete, cents)
        })
        .collect();
    assert!(totals.windows(2).all(|w| w[0] <= w[1]), "{totals:?}");
    assert!(by_cost.top_pick_why[0].contains("cheapest that fits"));
    assert!(!winding_down(by_cost.top_pick.unwrap()));
    // A cheaper platform that is winding down is named, with its figure: App Runner, closed
    // to new customers, is the cheapest with one warm instance.
    let mut warm = a.clone();
    warm.min_instances = 1;
    let report = evaluate(&warm);
    let app_runner = report
        .platform("app-runner")
        .unwrap()
        .cost
        .as_ref()
        .unwrap();
    let top = report
        .platform(report.top_pick.unwrap())
        .unwrap()
        .cost
        .as_ref()
        .unwrap();
    assert!(app_runner.monthly.unwrap() < top.monthly.unwrap());
    let figure = berth::core::cost::money::usd_cents(app_runner.monthly.unwrap());
    assert!(
        report.top_pick_why[0].contains(&format!("AWS App Runner would cost about {figure}")),
        "{}",
        report.top_pick_why[0]
    );
    let mut same = by_fit.ranking.clone();
    same.sort();
    let mut other = by_cost.ranking.clone();
    other.sort();
    assert_eq!(same, other, "cost reorders, never adds or drops");
}

/// Old answers files (without the usage questions) still read, with the preset's usage.
#[test]
fn old_answers_files_still_read() {
    let a = berth::core::answers::parse_answers(
        r#"{"version": 1, "archetype": "batch_job", "os": "linux"}"#,
    )
    .expect("reads");
    assert_eq!(a.runs_per_month, Some(30));
    assert_eq!(a.workload, WorkloadKind::Job);
    assert_eq!(a.os, Os::Linux);
}

/// The Markdown export carries the estimates, their lines with sources, and the assumptions.
#[test]
fn the_markdown_export_shows_costs_with_sources_and_assumptions() {
    let a = Archetype::PublicWeb.preset();
    let report = evaluate(&a);
    let md = berth::core::report_markdown::render(&a, &report, None, None);
    assert!(md.contains("## What it will cost (estimate)"));
    let cloud_run = report.platform("cloud-run").unwrap().cost.as_ref().unwrap();
    assert!(md.contains(&berth::core::cost::text::figure(cloud_run)));
    assert!(md.contains("[cloud-run/requests](https://cloud.google.com/run/pricing)"));
    assert!(md.contains("Free tiers are applied as if this were the only workload"));
    assert!(
        md.contains("aci/") || md.contains("unknown"),
        "ACI's unknown prices are named"
    );
}

/// cloud.google.com/run/pricing, instance-based (a worker needs CPU outside requests), and
/// one instance kept around the clock (about-instance-autoscaling: a service that uses CPU
/// outside requests keeps min instances 1), though it is busy only 6 hours a day:
/// 1 vCPU, 2 GiB for 730 h = 2,628,000 s. vCPU: 2,628,000 × $0.000018 = $47.304 → $47.30.
/// Memory: 5,256,000 GiB-s × $0.000002 = $10.512 → $10.51 (unverified rate). Total $57.81.
#[test]
fn a_cloud_run_worker_is_priced_instance_based() {
    let e = est("cloud-run", &Archetype::EventWorker.preset(), 1.0, 2.0);
    assert_eq!(lines(&e), [("vCPU", Some(4730)), ("Memory", Some(1051))]);
    assert_eq!(e.monthly, Some(5781));
    assert_eq!(
        e.idle,
        Some(5781),
        "the kept instance bills with no work too"
    );
    assert_eq!(e.certainty, Some(Certainty::Unverified));
}

/// Lambda sizes memory in MiB: 1,769 MiB is 1.7275390625 GiB, which must not be rounded to
/// 1.728 before pricing. aws.amazon.com/lambda/pricing, x86: 10^8 requests × 1 s ×
/// 1.7275390625 GB = 172,753,906.25 GB-s, less the 400,000 GB-s free tier =
/// 172,353,906.25 × $0.0000166667 = $2,872.57 (not $2,873.34 at 1.728 GB).
#[test]
fn lambda_memory_in_mib_is_priced_unrounded() {
    let e = est(
        "lambda-image",
        &http(100_000_000, 1000, 1, 0),
        1.0,
        1769.0 / 1024.0,
    );
    let memory = e
        .lines
        .iter()
        .find(|l| l.meter == berth::core::catalog::prices::Meter::Memory);
    assert_eq!(
        memory.and_then(|l| l.amount),
        Some(287_257),
        "{:?}",
        e.lines
    );
}

/// cloud.google.com/run/pricing: request-based billable time is rounded up to 100 ms, so a
/// 30 ms request bills as 100 ms. 10,000,000 requests at 1 vCPU / 0.5 GiB, one at a time:
/// vCPU 1,000,000 s less 180,000 free = 820,000 × $0.000024 = $19.68; memory 500,000 GiB-s
/// less 360,000 free = 140,000 × $0.0000025 = $0.35; requests 8 million × $0.40 = $3.20.
#[test]
fn cloud_run_rounds_each_request_up_to_100_ms() {
    let e = est("cloud-run", &http(10_000_000, 30, 1, 0), 1.0, 0.5);
    assert_eq!(
        lines(&e),
        [
            ("vCPU, active", Some(1968)),
            ("Memory, active", Some(35)),
            ("Requests", Some(320))
        ]
    );
    assert_eq!(e.lines[0].quantity_text(), "1,000,000");
    // Lambda bills per millisecond: no rounding there.
    let lambda = est("lambda-image", &http(10_000_000, 30, 1, 0), 1.0, 0.5);
    let memory = lambda
        .lines
        .iter()
        .find(|l| l.what.starts_with("Memory"))
        .unwrap();
    assert_eq!(memory.quantity_text(), "150,000");
}
