//! The platform's own caveats and the guidance lists (integration, security checklist),
//! each kept only when the answers make it relevant.

use super::facts;
use super::record::{sentence, Checks};
use crate::core::answers::*;
use crate::core::catalog::{Guidance, GuidanceTrigger, Platform, Resolved};
use crate::core::report::{GuidanceItem, Outcome};

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

/// The question whose answer makes a trigger hold, for the verdict to cite: `None` when
/// no answer does (every service handles credentials; a platform that is Kubernetes).
fn trigger_question(t: GuidanceTrigger, a: &Answers) -> Option<&'static str> {
    match t {
        GuidanceTrigger::PublicIngress | GuidanceTrigger::PrivateIngress => Some("ingress"),
        GuidanceTrigger::PrivateNetwork if !a.compliance.contains(&Compliance::PrivateNetwork) => {
            Some("ingress")
        }
        GuidanceTrigger::PrivateNetwork
        | GuidanceTrigger::Cmek
        | GuidanceTrigger::Confidential
        | GuidanceTrigger::ImageSigning
        | GuidanceTrigger::ManagedIdentity => Some("compliance"),
        GuidanceTrigger::Windows => Some("os"),
        GuidanceTrigger::Gpu => Some("gpu"),
        GuidanceTrigger::Job => Some("workload"),
        GuidanceTrigger::Secrets | GuidanceTrigger::Kubernetes => None,
    }
}

/// Whether a guidance item applies to these answers: `Some(None)` when it always does,
/// `Some(Some(why))` when an answer triggers it, `None` when it does not apply.
fn applies(g: &Guidance, p: &Platform, a: &Answers) -> Option<Option<&'static str>> {
    if g.when.is_empty() {
        Some(None)
    } else {
        g.when
            .iter()
            .find_map(|t| trigger_holds(*t, p, a))
            .map(Some)
    }
}

/// The items of a guidance list that apply, each saying why it is on the list.
pub(crate) fn tailored(items: &'static [Guidance], p: &Platform, a: &Answers) -> Vec<GuidanceItem> {
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

/// Things every adopter of the platform must plan for, as caveats.
pub(crate) fn platform_caveats(c: &mut Checks, p: &'static Platform, a: &Answers) {
    for g in p.caveats.iter().filter(|g| applies(g, p, a).is_some()) {
        // The first trigger that holds because of an answer (one that holds for every
        // service, such as credentials, cites none).
        let question = g
            .when
            .iter()
            .filter(|t| trigger_holds(**t, p, a).is_some())
            .find_map(|t| trigger_question(*t, a));
        let r = Resolved {
            value: &(),
            source: &g.source,
            verified: &g.verified,
            certainty: g.certainty,
            note: None,
            condition: None,
        };
        c.record(
            Outcome::Caveat,
            question,
            facts::CAVEATS,
            &r,
            // Two sentences: a detail may itself hold a colon, and starts with a capital.
            sentence!("{}. {}", g.title.trim_end_matches('.'), g.detail),
        );
    }
}
