//! The facts that can rule a platform out, and how many of them are confirmed.
//!
//! A verdict of "ruled out" (or a pass) rests on these facts, so the share of them that the
//! vendor's own pages confirm is the measure of how far Berth's verdicts can be trusted.
//! The About page and `berth catalog` show it per platform. The set is defined once, here.

use serde::Serialize;

use super::schema::*;
use super::validate::FactSource;

/// A fact and each of its conditions (a condition can rule out as much as the fact).
fn of<'a, T: Clone>(out: &mut Vec<FactSource<'a>>, field: &str, fact: &'a Fact<T>) {
    out.push(FactSource {
        field: field.to_string(),
        source: &fact.source,
        verified: &fact.verified,
        certainty: fact.certainty,
        was_2021: fact.was_2021.as_deref(),
        when: None,
    });
    out.extend(fact.conditions.iter().enumerate().map(|(i, c)| FactSource {
        field: format!("{field}.conditions[{i}]"),
        source: &c.source,
        verified: &c.verified,
        certainty: c.certainty,
        was_2021: None,
        when: Some(&c.when),
    }));
}

/// Every fact of `p` whose value can rule the platform out (or let it pass) for some
/// answers, with their conditions: what it runs, its lifecycle, sizes, OS and architecture, GPUs, time limits,
/// protocols, ingress, restrictions, storage, security features and scale to zero.
///
/// Not in the set: facts that only rank or add caveats (load balancing, autoscaling,
/// instance and concurrency ceilings, billing, managed endpoint), environment-variable rules
/// (they shape manifests), prices and guidance.
/// The structs are destructured without `..`, so a new fact fails to compile here until
/// it is sorted into one group or the other.
pub fn rule_out_facts(p: &Platform) -> Vec<FactSource<'_>> {
    let Platform {
        id: _,
        name: _,
        vendor: _,
        summary: _,
        needs_kubernetes: _,
        kind,
        lifecycle,
        sizing,
        os,
        arch,
        windows_arch,
        gpus,
        max_request_seconds,
        max_job_seconds,
        protocols,
        networking,
        scaling,
        restrictions,
        storage,
        security_features,
        billing: _,
        prices: _,
        integrations: _,
        security: _,
        caveats: _,
        env_vars: _,
    } = p;
    let Protocols {
        http1,
        http2,
        grpc,
        websockets,
        tcp,
        udp,
    } = protocols;
    let Networking {
        public,
        private,
        load_balancing: _,
        managed_endpoint: _,
    } = networking;
    let Scaling {
        scale_to_zero,
        autoscaling: _,
        max_instances: _,
        max_concurrency: _,
    } = scaling;
    let Restrictions {
        privileged,
        daemonsets,
        host_network,
        sidecars,
        init_containers,
    } = restrictions;
    let Storage {
        ephemeral_max_gib,
        shared_files,
        block,
        object_mount,
    } = storage;
    let SecurityFeatures {
        cmek,
        confidential,
        image_signing,
        workload_identity,
    } = security_features;

    let mut out = Vec::new();
    of(&mut out, "kind", kind);
    of(&mut out, "lifecycle", lifecycle);
    of(&mut out, "sizing", sizing);
    of(&mut out, "os", os);
    of(&mut out, "arch", arch);
    if let Some(windows_arch) = windows_arch {
        of(&mut out, "windows_arch", windows_arch);
    }
    of(&mut out, "gpus", gpus);
    of(&mut out, "max_request_seconds", max_request_seconds);
    of(&mut out, "max_job_seconds", max_job_seconds);
    of(&mut out, "protocols.http1", http1);
    of(&mut out, "protocols.http2", http2);
    of(&mut out, "protocols.grpc", grpc);
    of(&mut out, "protocols.websockets", websockets);
    of(&mut out, "protocols.tcp", tcp);
    of(&mut out, "protocols.udp", udp);
    of(&mut out, "networking.public", public);
    of(&mut out, "networking.private", private);
    of(&mut out, "restrictions.privileged", privileged);
    of(&mut out, "restrictions.daemonsets", daemonsets);
    of(&mut out, "restrictions.host_network", host_network);
    of(&mut out, "restrictions.sidecars", sidecars);
    of(&mut out, "restrictions.init_containers", init_containers);
    of(&mut out, "storage.ephemeral_max_gib", ephemeral_max_gib);
    of(&mut out, "storage.shared_files", shared_files);
    of(&mut out, "storage.block", block);
    of(&mut out, "storage.object_mount", object_mount);
    of(&mut out, "security_features.cmek", cmek);
    of(&mut out, "security_features.confidential", confidential);
    of(&mut out, "security_features.image_signing", image_signing);
    of(
        &mut out,
        "security_features.workload_identity",
        workload_identity,
    );
    of(&mut out, "scaling.scale_to_zero", scale_to_zero);
    out
}

/// How many of a set of facts the vendor's own pages confirm.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ConfirmedShare {
    pub confirmed: usize,
    pub total: usize,
}

impl ConfirmedShare {
    /// The share as a whole percentage, rounded down (so 89.9% never shows as 90%).
    pub fn percent(self) -> usize {
        (self.confirmed * 100).checked_div(self.total).unwrap_or(0)
    }
}

impl std::iter::Sum for ConfirmedShare {
    fn sum<I: Iterator<Item = ConfirmedShare>>(shares: I) -> ConfirmedShare {
        shares.fold(ConfirmedShare::default(), |a, b| ConfirmedShare {
            confirmed: a.confirmed + b.confirmed,
            total: a.total + b.total,
        })
    }
}

/// The share of `p`'s [`rule_out_facts`] that are confirmed.
pub fn confirmed_share(p: &Platform) -> ConfirmedShare {
    let facts = rule_out_facts(p);
    ConfirmedShare {
        confirmed: facts.iter().filter(|f| f.certainty.is_confirmed()).count(),
        total: facts.len(),
    }
}

/// The same over every platform of the catalog.
pub fn catalog_confirmed_share(catalog: &Catalog) -> ConfirmedShare {
    catalog.platforms.iter().map(confirmed_share).sum()
}
