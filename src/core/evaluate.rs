//! The evaluation: answers in, an explained report out. Deterministic and pure.
//!
//! Each platform is checked answer by answer. Every check yields a [`Reason`] that
//! names the question, the fact it rests on and that fact's source, so the verdict
//! (the worst outcome) explains itself, and the comparison table is the same data.

use super::answers::*;
use super::catalog::{
    catalog, BillingModel, Fact, GuidanceTrigger, LifecycleStatus, Platform, PlatformKind, Sizing,
    Support, Text, Vendor,
};
use super::cost;
use super::questionnaire::fmt_number;
use super::ranking;
use super::report::*;
use super::report_view::vendor_label;
use super::sizing;

/// What "Not sure" is taken to mean, per numeric question.
pub const ASSUMED_VCPU: f64 = 1.0;
pub const ASSUMED_MEMORY_GIB: f64 = 2.0;
pub const ASSUMED_REQUEST_SECONDS: u32 = 60;
pub const ASSUMED_JOB_MINUTES: u32 = 60;

/// Collects the reasons for one platform.
struct Checks {
    reasons: Vec<Reason>,
}

impl Checks {
    fn add<T>(
        &mut self,
        outcome: Outcome,
        question: Option<&'static str>,
        fact_name: &'static str,
        fact: &'static Fact<T>,
        text: String,
    ) {
        self.reasons.push(Reason {
            outcome,
            question,
            text,
            citation: cite(fact_name, fact),
        });
    }

    /// A capability the user needs: `Yes` passes, `Limited` is a caveat, `No` rules out.
    fn need(
        &mut self,
        question: &'static str,
        what: &str,
        fact_name: &'static str,
        fact: &'static Fact<Support>,
    ) {
        let note = paren(&fact.note);
        let (outcome, text) = match fact.value {
            Support::Yes => (Outcome::Pass, format!("{what}: supported{note}.")),
            Support::Limited => (
                Outcome::Caveat,
                format!("{what}: supported with limits{note}."),
            ),
            Support::No => (Outcome::Fail, format!("{what}: not supported{note}.")),
        };
        self.add(outcome, Some(question), fact_name, fact, text);
    }
}

/// A fact's note as a parenthetical, without doubled punctuation.
fn paren(note: &Option<Text>) -> String {
    note.as_deref()
        .map(|n| format!(" ({})", n.trim_end_matches('.')))
        .unwrap_or_default()
}

fn cite<T>(fact_name: &'static str, fact: &'static Fact<T>) -> Citation {
    Citation {
        fact: fact_name,
        source: &fact.source,
        verified: &fact.verified,
        certainty: fact.certainty,
    }
}

fn requested_size(a: &Answers) -> Size {
    Size {
        vcpu: a.vcpu.unwrap_or(ASSUMED_VCPU),
        memory_gib: a.memory_gib.unwrap_or(ASSUMED_MEMORY_GIB),
    }
}

fn cloud_vendor(c: CloudChoice) -> Option<Vendor> {
    match c {
        CloudChoice::Any => None,
        CloudChoice::Aws => Some(Vendor::Aws),
        CloudChoice::Azure => Some(Vendor::Azure),
        CloudChoice::Gcp => Some(Vendor::Gcp),
    }
}

fn check_cloud(c: &mut Checks, p: &'static Platform, a: &Answers) {
    let Some(wanted) = cloud_vendor(a.cloud) else {
        return;
    };
    let (outcome, text) = match (p.vendor == wanted, a.cloud_mode) {
        (true, _) => (
            Outcome::Pass,
            format!("Runs on {}, the cloud you chose.", vendor_label(wanted)),
        ),
        (false, CloudMode::Require) => (
            Outcome::Fail,
            format!(
                "Runs on {}; you require {}.",
                vendor_label(p.vendor),
                vendor_label(wanted)
            ),
        ),
        (false, CloudMode::Prefer) => (
            Outcome::Pass,
            format!(
                "Runs on {}; you prefer {}, so it ranks lower.",
                vendor_label(p.vendor),
                vendor_label(wanted)
            ),
        ),
    };
    c.add(outcome, Some("cloud"), "vendor", &p.lifecycle, text);
}

fn check_lifecycle(
    c: &mut Checks,
    p: &'static Platform,
    catalog_names: &dyn Fn(&str) -> &'static str,
) {
    let life = &p.lifecycle.value;
    let since = life
        .since
        .as_deref()
        .map(|s| format!(" since {s}"))
        .unwrap_or_default();
    let instead = life
        .successor
        .as_deref()
        .map(|s| format!("; the vendor points to {}", catalog_names(s)))
        .unwrap_or_default();
    let (outcome, text) = match life.status {
        LifecycleStatus::Ga => (Outcome::Pass, format!("Generally available{since}.")),
        LifecycleStatus::Preview => (
            Outcome::Caveat,
            format!("In preview{since}: no SLA and it may change{instead}."),
        ),
        LifecycleStatus::ClosedToNewCustomers => (
            Outcome::Caveat,
            format!("Closed to new customers{since}: only existing accounts can use it{instead}."),
        ),
        LifecycleStatus::Deprecated => (
            Outcome::Caveat,
            format!("Deprecated{since}: still runs, but new work should go elsewhere{instead}."),
        ),
        LifecycleStatus::Retired => (Outcome::Fail, format!("Retired{since}{instead}.")),
    };
    c.add(outcome, None, "lifecycle", &p.lifecycle, text);
}

fn kind_supports(kind: PlatformKind, w: WorkloadKind) -> bool {
    matches!(
        (kind, w),
        (PlatformKind::Both, _)
            | (
                PlatformKind::Service,
                WorkloadKind::HttpService | WorkloadKind::Worker
            )
            | (PlatformKind::HttpService, WorkloadKind::HttpService)
            | (PlatformKind::Job, WorkloadKind::Job)
    )
}

fn check_workload(c: &mut Checks, p: &'static Platform, a: &Answers) -> bool {
    let supported = kind_supports(p.kind.value, a.workload);
    let what = match a.workload {
        WorkloadKind::HttpService => "an HTTP service",
        WorkloadKind::Worker => "a background worker",
        WorkloadKind::Job => "a run-to-completion job",
    };
    let runs = match p.kind.value {
        PlatformKind::Service => "services only",
        PlatformKind::HttpService => "HTTP services only",
        PlatformKind::Job => "jobs only",
        PlatformKind::Both => "services and jobs",
    };
    if !supported {
        c.add(
            Outcome::Fail,
            Some("workload"),
            "kind",
            &p.kind,
            format!("You are deploying {what}; this platform runs {runs}."),
        );
        return false;
    }
    let worker_on_request_billing =
        a.workload == WorkloadKind::Worker && p.billing.value == BillingModel::PerRequest;
    if worker_on_request_billing {
        c.add(
            Outcome::Caveat,
            Some("workload"),
            "billing",
            &p.billing,
            "A worker with no inbound requests needs CPU outside requests: use instance-based billing (always-allocated CPU) and keep at least one instance.".into(),
        );
    } else {
        c.add(
            Outcome::Pass,
            Some("workload"),
            "kind",
            &p.kind,
            format!("Runs {what} (it runs {runs})."),
        );
    }
    true
}

fn check_gpu(
    c: &mut Checks,
    p: &'static Platform,
    a: &Answers,
) -> Option<&'static super::catalog::GpuOffer> {
    if !a.gpu {
        return None;
    }
    let usable = |o: &&super::catalog::GpuOffer| {
        o.status != LifecycleStatus::Retired && a.gpu_type.accepts(o.gpu)
    };
    let offer = p
        .gpus
        .value
        .iter()
        .find(|o| usable(o) && o.status == LifecycleStatus::Ga)
        .or_else(|| p.gpus.value.iter().find(usable));
    let note = paren(&p.gpus.note);
    match offer {
        None if p
            .gpus
            .value
            .iter()
            .all(|o| o.status == LifecycleStatus::Retired) =>
        {
            c.add(
                Outcome::Fail,
                Some("gpu"),
                "gpus",
                &p.gpus,
                format!("You need a GPU; this platform offers none{note}."),
            );
        }
        None => c.add(
            Outcome::Fail,
            Some("gpu_type"),
            "gpus",
            &p.gpus,
            format!(
                "You need {}; this platform offers {}.",
                gpu_name_choice(a.gpu_type),
                gpu_list(p)
            ),
        ),
        Some(o) if o.status != LifecycleStatus::Ga => c.add(
            Outcome::Caveat,
            Some("gpu_type"),
            "gpus",
            &p.gpus,
            format!(
                "{} is offered in {}: expect limited regions and no SLA{note}.",
                gpu_name(o.gpu),
                status_word(o.status)
            ),
        ),
        Some(o) => c.add(
            Outcome::Pass,
            Some("gpu_type"),
            "gpus",
            &p.gpus,
            format!("{} is available.", gpu_name(o.gpu)),
        ),
    }
    offer
}

fn status_word(s: LifecycleStatus) -> &'static str {
    match s {
        LifecycleStatus::Ga => "general availability",
        LifecycleStatus::Preview => "preview",
        LifecycleStatus::ClosedToNewCustomers => "a closed offering",
        LifecycleStatus::Deprecated => "a deprecated offering",
        LifecycleStatus::Retired => "a retired offering",
    }
}

pub fn gpu_name(g: GpuType) -> &'static str {
    match g {
        GpuType::NvidiaT4 => "NVIDIA T4",
        GpuType::NvidiaL4 => "NVIDIA L4",
        GpuType::NvidiaA100 => "NVIDIA A100",
        GpuType::NvidiaV100 => "NVIDIA V100",
        GpuType::NvidiaRtxPro6000 => "NVIDIA RTX PRO 6000",
    }
}

fn gpu_name_choice(g: GpuChoice) -> &'static str {
    match g {
        GpuChoice::Any => "a GPU",
        GpuChoice::NvidiaT4 => "an NVIDIA T4",
        GpuChoice::NvidiaL4 => "an NVIDIA L4",
        GpuChoice::NvidiaA100 => "an NVIDIA A100",
        GpuChoice::NvidiaRtxPro6000 => "an NVIDIA RTX PRO 6000",
    }
}

fn gpu_list(p: &Platform) -> String {
    let names: Vec<&str> = p
        .gpus
        .value
        .iter()
        .filter(|o| o.status != LifecycleStatus::Retired)
        .map(|o| gpu_name(o.gpu))
        .collect();
    if names.is_empty() {
        "no GPUs".into()
    } else {
        names.join(", ")
    }
}

fn check_size(
    c: &mut Checks,
    p: &'static Platform,
    a: &Answers,
    gpu: Option<&super::catalog::GpuOffer>,
) -> Option<NormalizedSize> {
    let requested = requested_size(a);
    let mut want = requested;
    let mut raised_for_gpu = None;
    if let Some(o) = gpu {
        let min = Size {
            vcpu: o.min_vcpu.unwrap_or(0.0),
            memory_gib: o.min_memory_gib.unwrap_or(0.0),
        };
        if min.vcpu > want.vcpu || min.memory_gib > want.memory_gib {
            want = Size {
                vcpu: want.vcpu.max(min.vcpu),
                memory_gib: want.memory_gib.max(min.memory_gib),
            };
            raised_for_gpu = Some(format!(
                "{} needs at least {}",
                gpu_name(o.gpu),
                sizing::describe(min)
            ));
        }
    }
    match sizing::fit(&p.sizing.value, a.os, want) {
        Err(miss) => {
            c.add(
                Outcome::Fail,
                Some(miss.question),
                "sizing",
                &p.sizing,
                format!("Too large: {}.", miss.text),
            );
            None
        }
        Ok(fit) => {
            let size = fit.size;
            let cpu_adjusted = (size.vcpu - requested.vcpu).abs() > 1e-6;
            let memory_adjusted = (size.memory_gib - requested.memory_gib).abs() > 1e-6;
            let mut why = Vec::new();
            if let Some(r) = &raised_for_gpu {
                why.push(r.clone());
            }
            if let Some(d) = &fit.detail {
                why.push(d.clone());
            }
            if matches!(p.sizing.value, Sizing::Table { .. }) && (cpu_adjusted || memory_adjusted) {
                why.push("it offers fixed CPU/memory pairs and this is the smallest at or above your request".into());
            }
            let adjusted = cpu_adjusted || memory_adjusted;
            let explanation = if adjusted {
                format!(
                    "Runs at {} instead of the {} you asked: {}.",
                    sizing::describe(size),
                    sizing::describe(requested),
                    if why.is_empty() {
                        "the platform rounds up to its size steps".to_string()
                    } else {
                        why.join("; ")
                    }
                )
            } else {
                format!("Runs at exactly the {} you asked.", sizing::describe(size))
            };
            let cpu_text = if cpu_adjusted {
                format!(
                    "{} vCPU asked; runs at {} vCPU.",
                    fmt_number(requested.vcpu),
                    fmt_number(size.vcpu)
                )
            } else {
                format!("{} vCPU fits.", fmt_number(size.vcpu))
            };
            let memory_text = if memory_adjusted {
                format!(
                    "{} GiB asked; runs at {} GiB.",
                    fmt_number(requested.memory_gib),
                    fmt_number(size.memory_gib)
                )
            } else {
                format!("{} GiB fits.", fmt_number(size.memory_gib))
            };
            let outcome_of = |adjusted: bool| {
                if adjusted {
                    Outcome::Caveat
                } else {
                    Outcome::Pass
                }
            };
            c.add(
                outcome_of(cpu_adjusted),
                Some("vcpu"),
                "sizing",
                &p.sizing,
                cpu_text,
            );
            c.add(
                outcome_of(memory_adjusted),
                Some("memory_gib"),
                "sizing",
                &p.sizing,
                memory_text,
            );
            if let Some(how) = &fit.needs_quota {
                c.add(
                    Outcome::Caveat,
                    Some("vcpu"),
                    "sizing",
                    &p.sizing,
                    format!("Needs a quota request: {how}."),
                );
            }
            Some(NormalizedSize {
                requested,
                size,
                adjusted,
                explanation,
            })
        }
    }
}

fn check_ephemeral(c: &mut Checks, p: &'static Platform, a: &Answers) {
    let Some(asked) = a.ephemeral_storage_gib else {
        return;
    };
    let fact = &p.storage.ephemeral_max_gib;
    let note = paren(&fact.note);
    match fact.value {
        Some(max) if asked > max + 1e-9 => c.add(
            Outcome::Fail,
            Some("ephemeral_storage_gib"),
            "storage.ephemeral_max_gib",
            fact,
            format!(
                "{} GiB of local disk asked; the most is {} GiB{note}.",
                fmt_number(asked),
                fmt_number(max)
            ),
        ),
        Some(max) => c.add(
            Outcome::Pass,
            Some("ephemeral_storage_gib"),
            "storage.ephemeral_max_gib",
            fact,
            format!(
                "{} GiB of local disk fits (up to {} GiB){note}.",
                fmt_number(asked),
                fmt_number(max)
            ),
        ),
        None => c.add(
            Outcome::Pass,
            Some("ephemeral_storage_gib"),
            "storage.ephemeral_max_gib",
            fact,
            format!("No separate local-disk limit{note}."),
        ),
    }
}

fn minutes(seconds: u32) -> String {
    if seconds % 3600 == 0 {
        format!("{} h", seconds / 3600)
    } else if seconds % 60 == 0 {
        format!("{} min", seconds / 60)
    } else {
        format!("{seconds} s")
    }
}

fn check_request_time(c: &mut Checks, p: &'static Platform, a: &Answers) {
    if a.workload != WorkloadKind::HttpService {
        return;
    }
    let asked = a.max_request_seconds.unwrap_or(ASSUMED_REQUEST_SECONDS);
    let fact = &p.max_request_seconds;
    match fact.value {
        Some(limit) if asked > limit => c.add(
            Outcome::Fail,
            Some("max_request_seconds"),
            "max_request_seconds",
            fact,
            format!(
                "Requests of up to {} asked; requests time out after {}.",
                minutes(asked),
                minutes(limit)
            ),
        ),
        Some(limit) => c.add(
            Outcome::Pass,
            Some("max_request_seconds"),
            "max_request_seconds",
            fact,
            format!(
                "Requests of up to {} fit within the {} timeout.",
                minutes(asked),
                minutes(limit)
            ),
        ),
        None => c.add(
            Outcome::Pass,
            Some("max_request_seconds"),
            "max_request_seconds",
            fact,
            "No platform request timeout.".into(),
        ),
    }
}

fn check_job_time(c: &mut Checks, p: &'static Platform, a: &Answers) {
    if a.workload != WorkloadKind::Job {
        return;
    }
    let asked = a
        .job_minutes
        .unwrap_or(ASSUMED_JOB_MINUTES)
        .saturating_mul(60);
    let fact = &p.max_job_seconds;
    let note = paren(&fact.note);
    match fact.value {
        Some(limit) if asked > limit => c.add(
            Outcome::Fail,
            Some("job_minutes"),
            "max_job_seconds",
            fact,
            format!(
                "Runs of up to {} asked; a task may run at most {}.",
                minutes(asked),
                minutes(limit)
            ),
        ),
        Some(limit) => c.add(
            Outcome::Pass,
            Some("job_minutes"),
            "max_job_seconds",
            fact,
            format!(
                "Runs of up to {} fit within the {} limit.",
                minutes(asked),
                minutes(limit)
            ),
        ),
        None => c.add(
            Outcome::Pass,
            Some("job_minutes"),
            "max_job_seconds",
            fact,
            format!("No run-time limit{note}."),
        ),
    }
}

fn check_platform_os_arch(c: &mut Checks, p: &'static Platform, a: &Answers) {
    let os_name = match a.os {
        Os::Linux => "Linux",
        Os::Windows => "Windows",
    };
    if p.os.value.contains(&a.os) {
        c.add(
            Outcome::Pass,
            Some("os"),
            "os",
            &p.os,
            format!("Runs {os_name} containers."),
        );
    } else {
        c.add(
            Outcome::Fail,
            Some("os"),
            "os",
            &p.os,
            format!("Does not run {os_name} containers."),
        );
    }
    let wanted = match a.arch {
        ArchChoice::Either => return,
        ArchChoice::X86_64 => Arch::X86_64,
        ArchChoice::Arm64 => Arch::Arm64,
    };
    let arch_fact = match (&p.windows_arch, a.os) {
        (Some(w), Os::Windows) => w,
        _ => &p.arch,
    };
    let name = match wanted {
        Arch::X86_64 => "x86-64",
        Arch::Arm64 => "ARM64",
    };
    if arch_fact.value.contains(&wanted) {
        c.add(
            Outcome::Pass,
            Some("arch"),
            "arch",
            arch_fact,
            format!("Runs {name} images."),
        );
    } else {
        c.add(
            Outcome::Fail,
            Some("arch"),
            "arch",
            arch_fact,
            format!("Does not run {name} images."),
        );
    }
}

fn check_protocols(c: &mut Checks, p: &'static Platform, a: &Answers) {
    if a.workload == WorkloadKind::Job {
        return;
    }
    let pr = &p.protocols;
    for protocol in &a.protocols {
        let (name, fact_name, fact) = match protocol {
            Protocol::Http1 => ("HTTP/1.1", "protocols.http1", &pr.http1),
            Protocol::Http2 => ("HTTP/2 end to end", "protocols.http2", &pr.http2),
            Protocol::Grpc => ("gRPC", "protocols.grpc", &pr.grpc),
            Protocol::Websockets => ("WebSockets", "protocols.websockets", &pr.websockets),
            Protocol::Tcp => ("Raw TCP", "protocols.tcp", &pr.tcp),
            Protocol::Udp => ("UDP", "protocols.udp", &pr.udp),
        };
        c.need("protocols", name, fact_name, fact);
        if *protocol == Protocol::Websockets && fact.value == Support::Yes {
            if let Some(limit) = p.max_request_seconds.value {
                c.add(
                    Outcome::Caveat,
                    Some("protocols"),
                    "max_request_seconds",
                    &p.max_request_seconds,
                    format!("Each WebSocket connection counts as one request and is closed after {}: clients must reconnect.", minutes(limit)),
                );
            }
        }
    }
}

fn check_ingress(c: &mut Checks, p: &'static Platform, a: &Answers) {
    match a.ingress {
        Ingress::Public => c.need(
            "ingress",
            "Public endpoint",
            "networking.public",
            &p.networking.public,
        ),
        Ingress::Private => c.need(
            "ingress",
            "Private-network-only endpoint",
            "networking.private",
            &p.networking.private,
        ),
        Ingress::None => {}
    }
}

fn check_storage(c: &mut Checks, p: &'static Platform, a: &Answers) {
    let s = &p.storage;
    match a.storage {
        PersistentStorage::None => {}
        PersistentStorage::SharedFiles => c.need(
            "storage",
            "Shared file system",
            "storage.shared_files",
            &s.shared_files,
        ),
        PersistentStorage::Block => c.need("storage", "Block volume", "storage.block", &s.block),
        PersistentStorage::ObjectMount => c.need(
            "storage",
            "Object storage mounted as files",
            "storage.object_mount",
            &s.object_mount,
        ),
    }
}

fn check_scaling(c: &mut Checks, p: &'static Platform, a: &Answers) {
    let sc = &p.scaling;
    if a.workload != WorkloadKind::Job && a.scale_to_zero == ScaleToZero::Required {
        c.need(
            "scale_to_zero",
            "Scale to zero",
            "scaling.scale_to_zero",
            &sc.scale_to_zero,
        );
    }
    if let (Some(asked), Some(max)) = (a.max_instances, sc.max_instances.value) {
        if asked > max {
            let note = paren(&sc.max_instances.note);
            c.add(
                Outcome::Caveat,
                Some("max_instances"),
                "scaling.max_instances",
                &sc.max_instances,
                format!("{asked} instances asked; one service scales to {max}{note}."),
            );
        }
    }
    if a.workload == WorkloadKind::HttpService {
        if let (Some(asked), Some(max)) = (a.concurrency, sc.max_concurrency.value) {
            if asked > max {
                c.add(
                    Outcome::Caveat,
                    Some("concurrency"),
                    "scaling.max_concurrency",
                    &sc.max_concurrency,
                    format!("{asked} concurrent requests per instance asked; an instance takes at most {max}, so load spreads over more instances."),
                );
            }
        }
    }
}

fn check_special(c: &mut Checks, p: &'static Platform, a: &Answers) {
    let r = &p.restrictions;
    for need in &a.special {
        match need {
            SpecialNeed::Privileged => c.need(
                "special",
                "Privileged containers",
                "restrictions.privileged",
                &r.privileged,
            ),
            SpecialNeed::HostNetwork => c.need(
                "special",
                "Host networking / host ports",
                "restrictions.host_network",
                &r.host_network,
            ),
            SpecialNeed::Daemonset => c.need(
                "special",
                "DaemonSets",
                "restrictions.daemonsets",
                &r.daemonsets,
            ),
            SpecialNeed::Sidecars => c.need(
                "special",
                "Sidecar containers",
                "restrictions.sidecars",
                &r.sidecars,
            ),
            SpecialNeed::InitContainers => c.need(
                "special",
                "Init containers",
                "restrictions.init_containers",
                &r.init_containers,
            ),
        }
    }
}

fn check_compliance(c: &mut Checks, p: &'static Platform, a: &Answers) {
    let s = &p.security_features;
    for need in &a.compliance {
        match need {
            Compliance::PrivateNetwork => c.need(
                "compliance",
                "Private networking",
                "networking.private",
                &p.networking.private,
            ),
            Compliance::Cmek => c.need(
                "compliance",
                "Customer-managed encryption keys",
                "security_features.cmek",
                &s.cmek,
            ),
            Compliance::Confidential => c.need(
                "compliance",
                "Confidential computing",
                "security_features.confidential",
                &s.confidential,
            ),
            Compliance::ImageSigning => c.need(
                "compliance",
                "Signed-image enforcement",
                "security_features.image_signing",
                &s.image_signing,
            ),
            Compliance::ManagedIdentity => c.need(
                "compliance",
                "Workload identity",
                "security_features.workload_identity",
                &s.workload_identity,
            ),
        }
    }
}

/// The cluster a Kubernetes-based platform extends, by vendor.
pub fn cluster_for(vendor: Vendor) -> ExistingCluster {
    match vendor {
        Vendor::Aws => ExistingCluster::Eks,
        Vendor::Azure => ExistingCluster::Aks,
        Vendor::Gcp => ExistingCluster::Gke,
    }
}

fn check_kubernetes(c: &mut Checks, p: &'static Platform, a: &Answers) {
    if !p.needs_kubernetes {
        return;
    }
    if a.existing_cluster == cluster_for(p.vendor) {
        c.add(
            Outcome::Pass,
            Some("existing_cluster"),
            "kind",
            &p.kind,
            "Extends the Kubernetes cluster you already run.".into(),
        );
    } else {
        c.add(
            Outcome::Caveat,
            Some("existing_cluster"),
            "kind",
            &p.kind,
            "Needs a Kubernetes cluster: you create and operate it (upgrades, add-ons, access) before deploying.".into(),
        );
    }
}

fn trigger_holds(t: GuidanceTrigger, p: &Platform, a: &Answers) -> Option<&'static str> {
    let has = |c: Compliance| a.compliance.contains(&c);
    let holds = match t {
        GuidanceTrigger::PublicIngress => a.ingress == Ingress::Public,
        GuidanceTrigger::PrivateIngress => a.ingress == Ingress::Private,
        GuidanceTrigger::Secrets => true,
        GuidanceTrigger::PrivateNetwork => {
            has(Compliance::PrivateNetwork) || a.ingress == Ingress::Private
        }
        GuidanceTrigger::Cmek => has(Compliance::Cmek),
        GuidanceTrigger::Confidential => has(Compliance::Confidential),
        GuidanceTrigger::ImageSigning => has(Compliance::ImageSigning),
        GuidanceTrigger::ManagedIdentity => has(Compliance::ManagedIdentity),
        GuidanceTrigger::Windows => a.os == Os::Windows,
        GuidanceTrigger::Gpu => a.gpu,
        GuidanceTrigger::Job => a.workload == WorkloadKind::Job,
        GuidanceTrigger::Kubernetes => p.needs_kubernetes,
    };
    holds.then_some(match t {
        GuidanceTrigger::PublicIngress => "it is reachable from the internet",
        GuidanceTrigger::PrivateIngress => "it is reached only from your private network",
        GuidanceTrigger::Secrets => "every service handles credentials",
        GuidanceTrigger::PrivateNetwork => "you asked for private networking",
        GuidanceTrigger::Cmek => "you asked for customer-managed keys",
        GuidanceTrigger::Confidential => "you asked for confidential computing",
        GuidanceTrigger::ImageSigning => "you asked that only signed images run",
        GuidanceTrigger::ManagedIdentity => "you asked for workload identity",
        GuidanceTrigger::Windows => "it runs Windows containers",
        GuidanceTrigger::Gpu => "it uses a GPU",
        GuidanceTrigger::Job => "it is a job",
        GuidanceTrigger::Kubernetes => "it runs on Kubernetes",
    })
}

fn tailored(
    items: &'static [super::catalog::Guidance],
    p: &Platform,
    a: &Answers,
) -> Vec<GuidanceItem> {
    items
        .iter()
        .filter_map(|g| {
            let because = applies(g, p, a)?;
            Some(GuidanceItem {
                title: &g.title,
                detail: &g.detail,
                source: &g.source,
                verified: &g.verified,
                certainty: g.certainty,
                because,
                since_2021: g.since_2021,
            })
        })
        .collect()
}

/// Facts that differ from the 2021 article, per platform in catalog order; computed once.
fn changes_since_2021(index: usize) -> &'static [Change] {
    static CHANGES: std::sync::OnceLock<Vec<Vec<Change>>> = std::sync::OnceLock::new();
    &CHANGES.get_or_init(|| catalog().platforms.iter().map(changes_of).collect())[index]
}

fn changes_of(p: &'static Platform) -> Vec<Change> {
    super::catalog::fact_sources(p)
        .into_iter()
        .filter_map(|f| {
            let was = f.was_2021?;
            let now = now_text(p, &f.field);
            Some(Change {
                fact: field_label(&f.field),
                was,
                now,
                source: f.source,
                verified: f.verified,
            })
        })
        .collect()
}

fn field_label(field: &str) -> &'static str {
    match field {
        "sizing" => "Largest size",
        "protocols.tcp" | "protocols.udp" | "networking.load_balancing" => "Load balancers",
        "networking.public" | "networking.private" => "Networking",
        "protocols.http2" | "protocols.http1" => "HTTP",
        "lifecycle" => "Status",
        "os" | "arch" => "Operating systems and CPUs",
        _ => "Capability",
    }
}

fn now_text(p: &Platform, field: &str) -> String {
    let max_size = match &p.sizing.value {
        Sizing::Table { rows, .. } => rows.iter().last().map(|r| Size {
            vcpu: r.vcpu,
            memory_gib: r
                .memory_gib
                .last()
                .copied()
                .or(r.memory_max_gib)
                .unwrap_or(0.0),
        }),
        Sizing::Range(r) => Some(match &r.quota {
            Some(q) => Size {
                vcpu: q.vcpu_max,
                memory_gib: q.memory_max_gib,
            },
            None => Size {
                vcpu: r.vcpu_max,
                memory_gib: r.memory_max_gib,
            },
        }),
        Sizing::MemoryProportional {
            memory_max_mib,
            mib_per_vcpu,
            ..
        } => Some(Size {
            vcpu: (*memory_max_mib as f64 / *mib_per_vcpu as f64 * 100.0).floor() / 100.0,
            memory_gib: *memory_max_mib as f64 / 1024.0,
        }),
        Sizing::NodeBounded => None,
    };
    let note_of = |f: &str| -> Option<String> {
        let s: Option<&Option<Text>> = match f {
            "networking.load_balancing" => Some(&p.networking.load_balancing.note),
            "networking.public" => Some(&p.networking.public.note),
            "networking.private" => Some(&p.networking.private.note),
            "protocols.tcp" => Some(&p.protocols.tcp.note),
            "protocols.udp" => Some(&p.protocols.udp.note),
            "protocols.http1" => Some(&p.protocols.http1.note),
            "protocols.http2" => Some(&p.protocols.http2.note),
            "os" => Some(&p.os.note),
            "arch" => Some(&p.arch.note),
            "lifecycle" => Some(&p.lifecycle.note),
            _ => None,
        };
        s.and_then(|n| n.as_deref().map(str::to_string))
    };
    match field {
        "sizing" => match max_size {
            Some(s) => format!("Up to {} per instance", sizing::describe(s)),
            None => "Bounded by your nodes".into(),
        },
        "networking.load_balancing" => p.networking.load_balancing.value.to_string(),
        other => note_of(other).unwrap_or_else(|| "Changed; see the source".into()),
    }
}

fn check_platform_caveats(c: &mut Checks, p: &'static Platform, a: &Answers) {
    for (g, because) in p
        .caveats
        .iter()
        .filter_map(|g| applies(g, p, a).map(|b| (g, b)))
    {
        let _ = because;
        c.reasons.push(Reason {
            outcome: Outcome::Caveat,
            question: None,
            text: format!("{}: {}", g.title, g.detail),
            citation: Citation {
                fact: "caveats",
                source: &g.source,
                verified: &g.verified,
                certainty: g.certainty,
            },
        });
    }
}

/// Whether a guidance item applies to these answers: `Some(None)` when it always does,
/// `Some(Some(why))` when an answer triggers it, `None` when it does not apply.
fn applies(
    g: &super::catalog::Guidance,
    p: &Platform,
    a: &Answers,
) -> Option<Option<&'static str>> {
    if g.when.is_empty() {
        Some(None)
    } else {
        g.when
            .iter()
            .find_map(|t| trigger_holds(*t, p, a))
            .map(Some)
    }
}

/// Evaluates one platform.
fn evaluate_platform(
    index: usize,
    p: &'static Platform,
    a: &Answers,
    names: &dyn Fn(&str) -> &'static str,
) -> PlatformReport {
    let mut c = Checks {
        reasons: Vec::with_capacity(24),
    };
    check_cloud(&mut c, p, a);
    check_lifecycle(&mut c, p, names);
    let kind_ok = check_workload(&mut c, p, a);
    let gpu = check_gpu(&mut c, p, a);
    let size = check_size(&mut c, p, a, gpu);
    check_ephemeral(&mut c, p, a);
    if kind_ok {
        check_request_time(&mut c, p, a);
        check_job_time(&mut c, p, a);
    }
    check_platform_os_arch(&mut c, p, a);
    check_protocols(&mut c, p, a);
    check_ingress(&mut c, p, a);
    check_storage(&mut c, p, a);
    check_scaling(&mut c, p, a);
    check_special(&mut c, p, a);
    check_compliance(&mut c, p, a);
    check_kubernetes(&mut c, p, a);
    check_platform_caveats(&mut c, p, a);

    // Worst first; stable, so checks keep their questionnaire order within an outcome.
    c.reasons.sort_by_key(|r| std::cmp::Reverse(r.outcome));
    let verdict = match c.reasons.first().map(|r| r.outcome) {
        Some(Outcome::Fail) => Verdict::RuledOut,
        Some(Outcome::Caveat) => Verdict::Caveats,
        _ => Verdict::Eligible,
    };
    let score = (verdict != Verdict::RuledOut).then(|| ranking::score(p, a, &c.reasons));
    let cost = match (&size, verdict) {
        (_, Verdict::RuledOut) | (None, _) => None,
        (Some(s), _) => cost::estimate(p, a, s.size),
    };
    PlatformReport {
        id: &p.id,
        name: &p.name,
        vendor: p.vendor,
        verdict,
        reasons: c.reasons,
        size: if verdict == Verdict::RuledOut {
            None
        } else {
            size
        },
        score,
        integration: tailored(&p.integrations, p, a),
        security_checklist: tailored(&p.security, p, a),
        changes_since_2021: changes_since_2021(index),
        cost,
    }
}

fn assumptions(a: &Answers) -> Vec<Assumption> {
    let mut out = Vec::new();
    if a.vcpu.is_none() {
        out.push(Assumption {
            question: "vcpu",
            assumed: format!("{} vCPU", fmt_number(ASSUMED_VCPU)),
        });
    }
    if a.memory_gib.is_none() {
        out.push(Assumption {
            question: "memory_gib",
            assumed: format!("{} GiB", fmt_number(ASSUMED_MEMORY_GIB)),
        });
    }
    if a.workload == WorkloadKind::HttpService && a.max_request_seconds.is_none() {
        out.push(Assumption {
            question: "max_request_seconds",
            assumed: format!(
                "requests finish within {}",
                minutes(ASSUMED_REQUEST_SECONDS)
            ),
        });
    }
    if a.workload == WorkloadKind::Job && a.job_minutes.is_none() {
        out.push(Assumption {
            question: "job_minutes",
            assumed: format!(
                "a run finishes within {}",
                minutes(ASSUMED_JOB_MINUTES * 60)
            ),
        });
    }
    if a.ephemeral_storage_gib.is_none() {
        out.push(Assumption {
            question: "ephemeral_storage_gib",
            assumed: "the platform's default local disk is enough".into(),
        });
    }
    out
}

/// Evaluates every platform in the catalog against the answers.
pub fn evaluate(a: &Answers) -> Report {
    evaluate_among(a, &[])
}

/// Evaluates only the platforms whose ids are in `only` (all of them when it is empty):
/// what an embedded advisor limited to, say, Azure's platforms shows and ranks.
pub fn evaluate_among(a: &Answers, only: &[&str]) -> Report {
    let catalog = catalog();
    let names = |id: &str| -> &'static str {
        catalog
            .platform(id)
            .map_or("another platform", |p| p.name.as_ref())
    };
    let platforms: Vec<PlatformReport> = catalog
        .platforms
        .iter()
        .enumerate()
        .filter(|(_, p)| only.is_empty() || only.contains(&p.id.as_ref()))
        .map(|(i, p)| evaluate_platform(i, p, a, &names))
        .collect();
    let mut ranking = ranking::rank(&platforms);
    let best_fit = ranking.first().copied();
    let mut cost_basis = cost::basis(a);
    cost_basis.ranked_by_cost = cost::rank_by_cost(a, &platforms, &mut ranking);
    let top_pick = ranking.first().copied();
    let mut top_pick_why = top_pick
        .map(|id| ranking::why_top(&platforms, &ranking, id))
        .unwrap_or_default();
    if cost_basis.ranked_by_cost {
        top_pick_why.insert(0, cost::preference::why(&platforms, best_fit, top_pick));
    }
    let nothing_fits = if top_pick.is_none() {
        ranking::fallbacks(a)
    } else {
        Vec::new()
    };
    Report {
        catalog_reviewed: &catalog.reviewed,
        platforms,
        ranking,
        top_pick,
        top_pick_why,
        nothing_fits,
        functions_hint: ranking::functions_hint(a),
        assumptions: assumptions(a),
        cost_basis,
    }
}
