//! Checks on the platform as a whole: its cloud, availability, the workloads it runs,
//! the operating systems and CPUs it takes, and whether it needs a Kubernetes cluster.

use super::facts;
use super::record::{lowercase_first, sentence, Checks};
use crate::core::answers::*;
use crate::core::catalog::{LifecycleStatus, Platform, PlatformKind, Resolved};
use crate::core::report::Outcome;

fn cloud_vendor(c: CloudChoice) -> Option<crate::core::catalog::Vendor> {
    use crate::core::catalog::Vendor;
    match c {
        CloudChoice::Any => None,
        CloudChoice::Aws => Some(Vendor::Aws),
        CloudChoice::Azure => Some(Vendor::Azure),
        CloudChoice::Gcp => Some(Vendor::Gcp),
    }
}

pub(crate) fn cloud(c: &mut Checks, p: &'static Platform, a: &Answers) {
    let Some(wanted) = cloud_vendor(a.cloud) else {
        return;
    };
    let (outcome, text) = match (p.vendor == wanted, a.cloud_mode) {
        (true, _) => (
            Outcome::Pass,
            sentence!("Runs on {}, the cloud you chose.", wanted.label()),
        ),
        (false, CloudMode::Require) => (
            Outcome::Fail,
            sentence!(
                "Runs on {}; you require {}.",
                p.vendor.label(),
                wanted.label()
            ),
        ),
        (false, CloudMode::Prefer) => (
            Outcome::Pass,
            sentence!(
                "Runs on {}; you prefer {}, so it ranks lower.",
                p.vendor.label(),
                wanted.label()
            ),
        ),
    };
    // Who runs a platform is part of its identity, not a fact that could be unverified;
    // the platform's own status page is the citation.
    let r = Resolved {
        certainty: crate::core::catalog::Certainty::Confirmed,
        note: None,
        ..c.read(&p.lifecycle)
    };
    c.record(outcome, Some("cloud"), facts::VENDOR, &r, text);
}

/// Its lead-in and words when there are words, nothing otherwise; written in place.
struct Clause<'a>(&'static str, Option<&'a str>);

impl std::fmt::Display for Clause<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.1 {
            Some(words) => {
                f.write_str(self.0)?;
                f.write_str(words)
            }
            None => Ok(()),
        }
    }
}

pub(crate) fn lifecycle(
    c: &mut Checks,
    p: &'static Platform,
    catalog_names: &dyn Fn(&str) -> &'static str,
) {
    let r = c.read(&p.lifecycle);
    let life = r.value;
    let since = Clause(" since ", life.since.as_deref());
    let instead = Clause(
        "; the vendor points to ",
        life.successor.as_deref().map(catalog_names),
    );
    let (outcome, text) = match life.status {
        LifecycleStatus::Ga => (Outcome::Pass, sentence!("Generally available{since}.")),
        LifecycleStatus::Preview => (
            Outcome::Caveat,
            sentence!("In preview{since}: no SLA and it may change{instead}."),
        ),
        LifecycleStatus::ClosedToNewCustomers => (
            Outcome::Caveat,
            sentence!(
                "Closed to new customers{since}: only existing accounts can use it{instead}."
            ),
        ),
        LifecycleStatus::Deprecated => (
            Outcome::Caveat,
            sentence!("Deprecated{since}: still runs, but new work should go elsewhere{instead}."),
        ),
        LifecycleStatus::Retired => (Outcome::Fail, sentence!("Retired{since}{instead}.")),
    };
    c.record(outcome, None, facts::LIFECYCLE, &r, text);
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

/// Whether the platform runs this kind of workload at all; later checks only apply if so.
pub(crate) fn workload(c: &mut Checks, p: &'static Platform, a: &Answers) -> bool {
    let kind = c.read(&p.kind);
    let supported = kind_supports(*kind.value, a.workload);
    let what = match a.workload {
        WorkloadKind::HttpService => "an HTTP service",
        WorkloadKind::Worker => "a background worker",
        WorkloadKind::Job => "a run-to-completion job",
    };
    let runs = match kind.value {
        PlatformKind::Service => "long-running services, not run-to-completion jobs",
        PlatformKind::HttpService => "HTTP services only",
        PlatformKind::Job => "jobs only",
        PlatformKind::Both => "services and jobs",
    };
    if !supported {
        c.record(
            Outcome::Fail,
            Some("workload"),
            facts::KIND,
            &kind,
            sentence!("You are deploying {what}; this platform runs {runs}."),
        );
        return false;
    }
    c.record(
        Outcome::Pass,
        Some("workload"),
        facts::KIND,
        &kind,
        sentence!("Runs {what} (it runs {runs})."),
    );
    // A workload the platform bills another way (a Cloud Run worker needs instance-based
    // billing) is a caveat that cites the condition saying so. (A GPU's billing condition
    // has a caveat of its own among the platform's caveats.)
    let billing = c.read(&p.billing);
    if billing.workload_condition().is_some() {
        let how = billing.note.unwrap_or("see the billing page linked");
        c.record(
            Outcome::Caveat,
            Some("workload"),
            facts::BILLING,
            &billing,
            sentence!("Billed differently for {what}: {}", lowercase_first(how)),
        );
    }
    true
}

pub(crate) fn os_arch(c: &mut Checks, p: &'static Platform, a: &Answers) {
    let os_name = match a.os {
        Os::Linux => "Linux",
        Os::Windows => "Windows",
    };
    let os = c.read(&p.os);
    if os.value.contains(&a.os) {
        c.record(
            Outcome::Pass,
            Some("os"),
            facts::OS,
            &os,
            sentence!("Runs {os_name} containers."),
        );
    } else {
        c.record(
            Outcome::Fail,
            Some("os"),
            facts::OS,
            &os,
            sentence!("Does not run {os_name} containers."),
        );
    }
    let wanted = match a.arch {
        ArchChoice::Either => return,
        ArchChoice::X86_64 => Arch::X86_64,
        ArchChoice::Arm64 => Arch::Arm64,
    };
    // Windows images may have architectures of their own: then that fact is the one cited.
    let (arch, fact, images) = match (&p.windows_arch, a.os) {
        (Some(w), Os::Windows) => (c.read(w), facts::WINDOWS_ARCH, "Windows images"),
        _ => (c.read(&p.arch), facts::ARCH, "images"),
    };
    let name = match wanted {
        Arch::X86_64 => "x86-64",
        Arch::Arm64 => "ARM64",
    };
    let (outcome, text) = if arch.value.contains(&wanted) {
        (Outcome::Pass, sentence!("Runs {name} {images}."))
    } else {
        (Outcome::Fail, sentence!("Does not run {name} {images}."))
    };
    c.record(outcome, Some("arch"), fact, &arch, text);
}

pub(crate) fn kubernetes(c: &mut Checks, p: &'static Platform, a: &Answers) {
    if !p.needs_kubernetes {
        return;
    }
    let kind = c.read(&p.kind);
    if a.existing_cluster == ExistingCluster::of(p.vendor) {
        c.record(
            Outcome::Pass,
            Some("existing_cluster"),
            facts::KIND,
            &kind,
            "Extends the Kubernetes cluster you already run.".into(),
        );
    } else {
        c.record(
            Outcome::Caveat,
            Some("existing_cluster"),
            facts::KIND,
            &kind,
            "Needs a Kubernetes cluster, which you create before deploying and then look after (access, add-ons, upgrade policy).".into(),
        );
    }
}
