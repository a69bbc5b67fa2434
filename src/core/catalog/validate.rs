//! Checks the catalog beyond what its types enforce: every fact sourced and dated,
//! ids known, size tables well formed.
//!
//! Compiled into `build.rs` too, so a bad data file fails the build with the same
//! messages the tests show.

use super::schema::*;

/// The platform ids Berth knows. They are part of the public interface.
pub const PLATFORM_IDS: [&str; 12] = [
    "fargate-ecs",
    "fargate-eks",
    "ecs-express",
    "aci",
    "aks-virtual-nodes",
    "cloud-run",
    "cloud-run-jobs",
    "knative-gke",
    "container-apps",
    "app-runner",
    "lambda-image",
    "gke-autopilot",
];

/// Where one fact of a platform comes from, for listing and checking.
#[derive(Clone, Debug, PartialEq)]
pub struct FactSource<'a> {
    /// Dotted path of the fact in the data file, e.g. `protocols.websockets`.
    pub field: String,
    pub source: &'a str,
    pub verified: &'a str,
    pub certainty: Certainty,
    pub was_2021: Option<&'a str>,
}

fn of<'a, T>(field: &str, fact: &'a Fact<T>) -> FactSource<'a> {
    FactSource {
        field: field.to_string(),
        source: &fact.source,
        verified: &fact.verified,
        certainty: fact.certainty,
        was_2021: fact.was_2021.as_deref(),
    }
}

fn of_guidance<'a>(field: &str, index: usize, item: &'a Guidance) -> FactSource<'a> {
    FactSource {
        field: format!("{field}[{index}] ({})", item.title),
        source: &item.source,
        verified: &item.verified,
        certainty: item.certainty,
        was_2021: None,
    }
}

/// Every sourced item of a platform: facts, integrations and security guidance
/// (prices live in their own sheets, `catalog/prices/`).
pub fn fact_sources(p: &Platform) -> Vec<FactSource<'_>> {
    let mut out = vec![
        of("kind", &p.kind),
        of("lifecycle", &p.lifecycle),
        of("sizing", &p.sizing),
        of("os", &p.os),
        of("arch", &p.arch),
        of("gpus", &p.gpus),
        of("max_request_seconds", &p.max_request_seconds),
        of("max_job_seconds", &p.max_job_seconds),
        of("protocols.http1", &p.protocols.http1),
        of("protocols.http2", &p.protocols.http2),
        of("protocols.grpc", &p.protocols.grpc),
        of("protocols.websockets", &p.protocols.websockets),
        of("protocols.tcp", &p.protocols.tcp),
        of("protocols.udp", &p.protocols.udp),
        of("networking.public", &p.networking.public),
        of("networking.private", &p.networking.private),
        of("networking.load_balancing", &p.networking.load_balancing),
        of("scaling.scale_to_zero", &p.scaling.scale_to_zero),
        of("scaling.autoscaling", &p.scaling.autoscaling),
        of("scaling.max_instances", &p.scaling.max_instances),
        of("scaling.max_concurrency", &p.scaling.max_concurrency),
        of("restrictions.privileged", &p.restrictions.privileged),
        of("restrictions.daemonsets", &p.restrictions.daemonsets),
        of("restrictions.host_network", &p.restrictions.host_network),
        of("restrictions.sidecars", &p.restrictions.sidecars),
        of(
            "restrictions.init_containers",
            &p.restrictions.init_containers,
        ),
        of("storage.ephemeral_max_gib", &p.storage.ephemeral_max_gib),
        of("storage.shared_files", &p.storage.shared_files),
        of("storage.block", &p.storage.block),
        of("storage.object_mount", &p.storage.object_mount),
        of("security_features.cmek", &p.security_features.cmek),
        of(
            "security_features.confidential",
            &p.security_features.confidential,
        ),
        of(
            "security_features.image_signing",
            &p.security_features.image_signing,
        ),
        of(
            "security_features.workload_identity",
            &p.security_features.workload_identity,
        ),
        of("billing", &p.billing),
    ];
    if let Some(endpoint) = &p.networking.managed_endpoint {
        out.push(of("networking.managed_endpoint", endpoint));
    }
    if let Some(windows_arch) = &p.windows_arch {
        out.push(of("windows_arch", windows_arch));
    }
    out.extend(
        p.integrations
            .iter()
            .enumerate()
            .map(|(i, g)| of_guidance("integrations", i, g)),
    );
    out.extend(
        p.security
            .iter()
            .enumerate()
            .map(|(i, g)| of_guidance("security", i, g)),
    );
    out.extend(
        p.caveats
            .iter()
            .enumerate()
            .map(|(i, g)| of_guidance("caveats", i, g)),
    );
    out
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && (1..=12).contains(&s[5..7].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&s[8..10].parse::<u32>().unwrap_or(0))
}

fn is_source_url(s: &str) -> bool {
    s.starts_with("https://") && s.len() > "https://x.y".len() && !s.contains(char::is_whitespace)
}

fn check_rows(id: &str, rows: &[SizeRow], errors: &mut Vec<String>) {
    if rows.is_empty() {
        errors.push(format!("{id}: sizing.rows is empty"));
    }
    let mut last_vcpu = 0.0;
    for (i, row) in rows.iter().enumerate() {
        let at = format!("{id}: sizing.rows[{i}] (vcpu {})", row.vcpu);
        if row.vcpu <= 0.0 {
            errors.push(format!("{at}: vcpu must be positive"));
        }
        if row.vcpu <= last_vcpu && row.os.is_empty() {
            errors.push(format!("{at}: rows must be in increasing vcpu order"));
        }
        last_vcpu = last_vcpu.max(row.vcpu);
        let range = (row.memory_min_gib, row.memory_max_gib, row.memory_step_gib);
        match (row.memory_gib.is_empty(), range) {
            (false, (None, None, None)) => {
                if row.memory_gib.windows(2).any(|w| w[0] >= w[1]) || row.memory_gib[0] <= 0.0 {
                    errors.push(format!("{at}: memory_gib must be positive and increasing"));
                }
            }
            (true, (Some(min), Some(max), Some(step))) => {
                if !(min > 0.0 && max >= min && step > 0.0) {
                    errors.push(format!("{at}: need 0 < memory_min_gib <= memory_max_gib and memory_step_gib > 0"));
                } else {
                    let steps = (max - min) / step;
                    if (steps - steps.round()).abs() > 1e-6 {
                        errors.push(format!("{at}: memory_max_gib is not reachable from memory_min_gib in steps of memory_step_gib"));
                    }
                }
            }
            _ => errors.push(format!(
                "{at}: give either memory_gib = [..] or all of memory_min_gib, memory_max_gib, memory_step_gib"
            )),
        }
    }
}

fn check_sizing(id: &str, sizing: &Sizing, errors: &mut Vec<String>) {
    match sizing {
        Sizing::Table { rows, .. } => check_rows(id, rows, errors),
        Sizing::Range(r) => {
            if !(r.vcpu_min > 0.0 && r.vcpu_max >= r.vcpu_min && r.vcpu_step > 0.0) {
                errors.push(format!(
                    "{id}: sizing range needs 0 < vcpu_min <= vcpu_max and vcpu_step > 0"
                ));
            }
            if !(r.memory_min_gib > 0.0
                && r.memory_max_gib >= r.memory_min_gib
                && r.memory_step_gib > 0.0)
            {
                errors.push(format!(
                    "{id}: sizing range needs 0 < memory_min_gib <= memory_max_gib and memory_step_gib > 0"
                ));
            }
            if let Some(q) = &r.quota {
                if q.vcpu_max < r.vcpu_max || q.memory_max_gib < r.memory_max_gib {
                    errors.push(format!(
                        "{id}: sizing quota tier must be at least the default maximum"
                    ));
                }
            }
        }
        Sizing::MemoryProportional {
            memory_min_mib,
            memory_max_mib,
            memory_step_mib,
            mib_per_vcpu,
        } => {
            if !(*memory_min_mib > 0
                && memory_max_mib >= memory_min_mib
                && *memory_step_mib > 0
                && *mib_per_vcpu > 0)
            {
                errors.push(format!(
                    "{id}: memory_proportional sizing bounds are not well formed"
                ));
            }
        }
        Sizing::NodeBounded => {}
    }
}

/// Every problem in the catalog, each naming the platform and field to fix.
pub fn validate(catalog: &Catalog) -> Result<(), Vec<String>> {
    let mut errors = Vec::new();
    if !is_date(&catalog.reviewed) {
        errors.push(format!(
            "reviewed: '{}' is not a YYYY-MM-DD date",
            catalog.reviewed
        ));
    }
    for p in catalog.platforms.iter() {
        let id: &str = &p.id;
        if !PLATFORM_IDS.contains(&id) {
            errors.push(format!(
                "{id}: unknown platform id (known: {})",
                PLATFORM_IDS.join(", ")
            ));
        }
        if catalog.platforms.iter().filter(|q| q.id == p.id).count() > 1 {
            errors.push(format!("{id}: listed more than once"));
        }
        if p.name.trim().is_empty() || p.summary.trim().is_empty() {
            errors.push(format!("{id}: name and summary must not be empty"));
        }
        if let Some(successor) = &p.lifecycle.value.successor {
            if !PLATFORM_IDS.contains(&successor.as_ref()) {
                errors.push(format!(
                    "{id}: lifecycle.successor '{successor}' is not a platform id"
                ));
            }
        }
        for fact in fact_sources(p) {
            if !is_source_url(fact.source) {
                errors.push(format!(
                    "{id}: {} has no source URL (got '{}')",
                    fact.field, fact.source
                ));
            }
            if !is_date(fact.verified) {
                errors.push(format!(
                    "{id}: {} has no verified date as YYYY-MM-DD (got '{}')",
                    fact.field, fact.verified
                ));
            }
        }
        check_sizing(id, &p.sizing.value, &mut errors);
        if p.os.value.is_empty() || p.arch.value.is_empty() {
            errors.push(format!("{id}: os and arch must list at least one value"));
        }
    }
    for known in PLATFORM_IDS {
        if !catalog.platforms.iter().any(|p| p.id == known) {
            errors.push(format!("{known}: missing from the catalog"));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}
