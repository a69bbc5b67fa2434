//! The evaluation: answers in, an explained report out. Deterministic and pure.
//!
//! It runs the stages in order and assembles the [`Report`]: [`checks`] (every answer
//! against every fact, as reasons), [`verdict`] (the worst outcome), [`ranking`] (scores,
//! order, the top pick and why). No stage imports a later one.

use super::answers::*;
use super::catalog::{catalog, Platform};
use super::changes::changes_since_2021;
use super::checks::{self, tailored};
use super::cost;
use super::questionnaire::fmt_number;
use super::ranking;
use super::report::*;
use super::verdict;

pub use super::checks::{
    gpu_name, ASSUMED_JOB_MINUTES, ASSUMED_MEMORY_GIB, ASSUMED_REQUEST_SECONDS, ASSUMED_VCPU,
};

/// Evaluates one platform.
fn evaluate_platform(
    index: usize,
    p: &'static Platform,
    a: &Answers,
    names: &dyn Fn(&str) -> &'static str,
) -> PlatformReport {
    let checks::Checked { mut reasons, size } = checks::run(p, a, names);
    let verdict = verdict::decide(&mut reasons);
    let ruled_out = verdict == Verdict::RuledOut;
    let ctx = checks::context(a, size.as_ref().map(|s| s.size.vcpu));
    let cost = match &size {
        Some(s) if !ruled_out => cost::estimate(p, a, &ctx, s.size),
        _ => None,
    };
    let score = (!ruled_out).then(|| ranking::score(p, a, &ctx, &reasons, cost.as_ref()));
    PlatformReport {
        id: &p.id,
        name: &p.name,
        vendor: p.vendor,
        verdict,
        reasons,
        size: if ruled_out { None } else { size },
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
                checks::minutes(ASSUMED_REQUEST_SECONDS)
            ),
        });
    }
    if a.workload == WorkloadKind::Job && a.job_minutes.is_none() {
        out.push(Assumption {
            question: "job_minutes",
            assumed: format!(
                "a run finishes within {}",
                checks::minutes(ASSUMED_JOB_MINUTES * 60)
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
