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
    /// For a conditional value: the answers it applies to.
    pub when: Option<&'a When>,
}

fn of<'a, T: Clone>(field: &str, fact: &'a Fact<T>) -> FactSource<'a> {
    FactSource {
        field: field.to_string(),
        source: &fact.source,
        verified: &fact.verified,
        certainty: fact.certainty,
        was_2021: fact.was_2021.as_deref(),
        when: None,
    }
}

/// A fact and each of its conditions, which are sourced like facts.
fn push<'a, T: Clone>(out: &mut Vec<FactSource<'a>>, field: &str, fact: &'a Fact<T>) {
    out.push(of(field, fact));
    out.extend(fact.conditions.iter().enumerate().map(|(i, c)| FactSource {
        field: format!("{field}.conditions[{i}]"),
        source: &c.source,
        verified: &c.verified,
        certainty: c.certainty,
        was_2021: None,
        when: Some(&c.when),
    }));
}

fn of_guidance<'a>(field: &str, index: usize, item: &'a Guidance) -> FactSource<'a> {
    FactSource {
        field: format!("{field}[{index}] ({})", item.title),
        source: &item.source,
        verified: &item.verified,
        certainty: item.certainty,
        was_2021: None,
        when: None,
    }
}

/// Every sourced item of a platform: facts, integrations and security guidance
/// (prices live in their own sheets, `catalog/prices/`).
pub fn fact_sources(p: &Platform) -> Vec<FactSource<'_>> {
    let mut out = Vec::with_capacity(64);
    push(&mut out, "kind", &p.kind);
    push(&mut out, "lifecycle", &p.lifecycle);
    push(&mut out, "sizing", &p.sizing);
    push(&mut out, "os", &p.os);
    push(&mut out, "arch", &p.arch);
    push(&mut out, "gpus", &p.gpus);
    push(&mut out, "max_request_seconds", &p.max_request_seconds);
    push(&mut out, "max_job_seconds", &p.max_job_seconds);
    push(&mut out, "protocols.http1", &p.protocols.http1);
    push(&mut out, "protocols.http2", &p.protocols.http2);
    push(&mut out, "protocols.grpc", &p.protocols.grpc);
    push(&mut out, "protocols.websockets", &p.protocols.websockets);
    push(&mut out, "protocols.tcp", &p.protocols.tcp);
    push(&mut out, "protocols.udp", &p.protocols.udp);
    push(&mut out, "networking.public", &p.networking.public);
    push(&mut out, "networking.private", &p.networking.private);
    push(
        &mut out,
        "networking.load_balancing",
        &p.networking.load_balancing,
    );
    push(&mut out, "scaling.scale_to_zero", &p.scaling.scale_to_zero);
    push(&mut out, "scaling.autoscaling", &p.scaling.autoscaling);
    push(&mut out, "scaling.max_instances", &p.scaling.max_instances);
    push(
        &mut out,
        "scaling.max_concurrency",
        &p.scaling.max_concurrency,
    );
    push(
        &mut out,
        "restrictions.privileged",
        &p.restrictions.privileged,
    );
    push(
        &mut out,
        "restrictions.daemonsets",
        &p.restrictions.daemonsets,
    );
    push(
        &mut out,
        "restrictions.host_network",
        &p.restrictions.host_network,
    );
    push(&mut out, "restrictions.sidecars", &p.restrictions.sidecars);
    push(
        &mut out,
        "restrictions.init_containers",
        &p.restrictions.init_containers,
    );
    push(
        &mut out,
        "storage.ephemeral_max_gib",
        &p.storage.ephemeral_max_gib,
    );
    push(&mut out, "storage.shared_files", &p.storage.shared_files);
    push(&mut out, "storage.block", &p.storage.block);
    push(&mut out, "storage.object_mount", &p.storage.object_mount);
    push(
        &mut out,
        "security_features.cmek",
        &p.security_features.cmek,
    );
    push(
        &mut out,
        "security_features.confidential",
        &p.security_features.confidential,
    );
    push(
        &mut out,
        "security_features.image_signing",
        &p.security_features.image_signing,
    );
    push(
        &mut out,
        "security_features.workload_identity",
        &p.security_features.workload_identity,
    );
    push(&mut out, "billing", &p.billing);
    if let Some(endpoint) = &p.networking.managed_endpoint {
        push(&mut out, "networking.managed_endpoint", endpoint);
    }
    if let Some(windows_arch) = &p.windows_arch {
        push(&mut out, "windows_arch", windows_arch);
    }
    if let Some(env_vars) = &p.env_vars {
        out.push(of("env_vars", env_vars));
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

/// `catalog/fallbacks.toml`: sourced like facts, one option per vendor (a required cloud
/// must still get one), and the functions hint pointing at a known platform.
fn check_fallbacks(catalog: &Catalog, errors: &mut Vec<String>) {
    let mut sourced = |at: String, source: &str, verified: &str| {
        if !is_source_url(source) {
            errors.push(format!("{at} has no source URL (got '{source}')"));
        }
        if !is_date(verified) {
            errors.push(format!(
                "{at} has no verified date as YYYY-MM-DD (got '{verified}')"
            ));
        }
    };
    for (i, f) in catalog.fallbacks.iter().enumerate() {
        let at = format!("fallbacks[{i}] ({})", f.name);
        sourced(at.clone(), &f.source, &f.verified);
        for (j, price) in f.prices.iter().enumerate() {
            sourced(format!("{at}: prices[{j}]"), &price.source, &price.verified);
        }
    }
    for vendor in [Vendor::Aws, Vendor::Azure, Vendor::Gcp] {
        if !catalog.fallbacks.iter().any(|f| f.vendor == vendor) {
            errors.push(format!("fallbacks: no option for vendor {vendor:?}"));
        }
    }
    if !PLATFORM_IDS.contains(&catalog.functions.limit_of.as_ref()) {
        errors.push(format!(
            "functions.limit_of: '{}' is not a platform id",
            catalog.functions.limit_of
        ));
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
            if let Some(when) = fact.when {
                if when.is_empty() {
                    errors.push(format!(
                        "{id}: {} needs a `when` with at least one of os, arch, gpu, workload, vcpu_below",
                        fact.field
                    ));
                }
                if when.vcpu_below.is_some_and(|v| v.is_nan() || v <= 0.0) {
                    errors.push(format!(
                        "{id}: {}.when.vcpu_below must be a positive number of vCPU",
                        fact.field
                    ));
                }
            }
        }
        check_sizing(id, &p.sizing.value, &mut errors);
        if let Some(rules) = &p.env_vars {
            if rules.value.name_min_len == 0 || rules.value.max_total_bytes == Some(0) {
                errors.push(format!(
                    "{id}: env_vars.name_min_len and env_vars.max_total_bytes must be at least 1"
                ));
            }
        }
        if p.os.value.is_empty() || p.arch.value.is_empty() {
            errors.push(format!("{id}: os and arch must list at least one value"));
        }
    }
    check_fallbacks(catalog, &mut errors);
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
