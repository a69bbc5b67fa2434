//! Size normalization: the CPU/memory pair the platform runs for the request, raised
//! for a GPU's minimum or for a rule that only holds at small sizes, and explained.

use super::facts;
use super::gpu::gpu_name;
use super::record::{lowercase_first, sentence, Checks};
use super::ASSUMED_MEMORY_GIB;
use super::ASSUMED_VCPU;
use crate::core::answers::*;
use crate::core::catalog::{Context, GpuOffer, Limit, Platform, Sizing, Support};
use crate::core::plural::Count;
use crate::core::questionnaire::Number;
use crate::core::report::{ConcurrencyCap, NormalizedSize, Outcome, Size};
use crate::core::sizing::{self, SizeText};

pub(crate) fn requested_size(a: &Answers) -> Size {
    Size {
        vcpu: a.vcpu.unwrap_or(ASSUMED_VCPU),
        memory_gib: a.memory_gib.unwrap_or(ASSUMED_MEMORY_GIB),
    }
}

/// A concurrency cap that a condition sets at the fitted size, and what to do about it.
enum SmallSizeRule {
    /// No condition caps concurrency here, or the workload stays within the cap.
    None,
    /// The workload takes one request at a time: keep the size, set the cap.
    Keep(ConcurrencyCap),
    /// The workload may take more than the cap: run at `vcpu`, where the condition ends.
    Raise {
        vcpu: f64,
        cap: u32,
        why: &'static str,
    },
}

/// Whether a conditional concurrency cap applies at `vcpu`, and what it asks of the size.
fn small_size_rule(p: &'static Platform, a: &Answers, ctx: &Context, vcpu: f64) -> SmallSizeRule {
    if a.workload == WorkloadKind::Job {
        return SmallSizeRule::None;
    }
    let at = Context { vcpu, ..*ctx };
    let r = p.scaling.max_concurrency.resolve(&at);
    let (Some(when), Limit::Max(cap)) = (r.condition, *r.value) else {
        return SmallSizeRule::None;
    };
    let why = r
        .note
        .unwrap_or("the platform caps concurrency at this size");
    // "Not sure" is not "one at a time": only an answer at or under the cap keeps the size.
    let within = a.workload == WorkloadKind::HttpService && a.concurrency.is_some_and(|n| n <= cap);
    match (within, when.vcpu_below) {
        (true, _) => SmallSizeRule::Keep(ConcurrencyCap {
            max: cap,
            why,
            source: r.source,
        }),
        (false, Some(below)) => SmallSizeRule::Raise {
            vcpu: below,
            cap,
            why,
        },
        // A cap tied to something the size cannot change: the scaling check reports it.
        (false, None) => SmallSizeRule::None,
    }
}

/// The smallest vCPU at which a condition tied to size stops standing in the way, when one
/// does at `vcpu`: a shared file system Cloud Run offers only from some size up, or more
/// local disk than Container Apps gives a small replica. Running larger is then the answer, not
/// ruling the platform out. Returns that vCPU and why.
fn size_bound_need(
    p: &'static Platform,
    a: &Answers,
    ctx: &Context,
    vcpu: f64,
) -> Option<(f64, String)> {
    let at = |vcpu: f64| Context { vcpu, ..*ctx };
    let mut floor: Option<(f64, String)> = None;
    let mut raise = |to: f64, why: String| {
        if floor.as_ref().is_none_or(|(v, _)| to > *v) {
            floor = Some((to, why));
        }
    };
    if a.storage == PersistentStorage::SharedFiles {
        let fact = &p.storage.shared_files;
        let r = fact.resolve(&at(vcpu));
        if let (Support::No, Some(below)) = (r.value, r.condition.and_then(|w| w.vcpu_below)) {
            if *fact.resolve(&at(below)).value != Support::No {
                let note = r.note.unwrap_or("the platform ties it to size");
                raise(
                    below,
                    format!(
                        "a shared file system needs at least {} vCPU here ({})",
                        Number(below),
                        note.trim_end_matches('.')
                    ),
                );
            }
        }
    }
    if let Some(asked) = a.ephemeral_storage_gib {
        let fact = &p.storage.ephemeral_max_gib;
        let mut v = vcpu;
        // Walk up the size steps the conditions name until the disk fits, or none is left.
        while let Some(below) = fact.resolve(&at(v)).condition.and_then(|w| w.vcpu_below) {
            let fits = |r: Limit<f64>| r.max().is_none_or(|max| asked <= max + 1e-9);
            if fits(*fact.resolve(&at(v)).value) {
                break;
            }
            v = below;
            if fits(*fact.resolve(&at(v)).value) {
                raise(
                    v,
                    format!(
                        "{} GiB of local disk needs a larger instance here",
                        Number(asked)
                    ),
                );
                break;
            }
        }
    }
    floor
}

pub(crate) fn size(
    c: &mut Checks,
    p: &'static Platform,
    a: &Answers,
    gpu: Option<&GpuOffer>,
) -> Option<NormalizedSize> {
    let requested = requested_size(a);
    let mut want = requested;
    let mut why = Vec::new();
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
            why.push(format!(
                "{} needs at least {}",
                gpu_name(o.gpu),
                SizeText(min)
            ));
        }
    }
    let sizing_fact = c.read(&p.sizing);
    let mut fitted = sizing::fit(sizing_fact.value, a.os, want);
    let mut concurrency_cap = None;
    if let Ok(fit) = &fitted {
        match small_size_rule(p, a, &c.ctx, fit.size.vcpu) {
            SmallSizeRule::None => {}
            SmallSizeRule::Keep(cap) => concurrency_cap = Some(cap),
            SmallSizeRule::Raise {
                vcpu,
                cap,
                why: rule,
            } => {
                want.vcpu = want.vcpu.max(vcpu);
                fitted = sizing::fit(sizing_fact.value, a.os, want);
                let takes = format!(
                    "under {} vCPU an instance takes at most {} at a time",
                    Number(vcpu),
                    Count(u64::from(cap), "request", "requests")
                );
                let rule = lowercase_first(rule.trim_end_matches('.'));
                why.push(match (a.workload, a.concurrency) {
                    (WorkloadKind::HttpService, Some(n)) => format!(
                        "{takes} and you answered {n} ({rule}); answer {cap} to keep the smaller size"
                    ),
                    (WorkloadKind::HttpService, None) => format!(
                        "{takes} and you did not say yours takes {cap} ({rule}); answer {cap} to keep the smaller size"
                    ),
                    (WorkloadKind::Worker | WorkloadKind::Job, _) => {
                        format!("{takes}, which does not suit a worker ({rule})")
                    }
                });
            }
        }
    }
    if let Ok(fit) = &fitted {
        if let Some((vcpu, because)) = size_bound_need(p, a, &c.ctx, fit.size.vcpu) {
            let larger = Size {
                vcpu: want.vcpu.max(vcpu),
                ..want
            };
            let raised = sizing::fit(sizing_fact.value, a.os, larger);
            // Only when the platform offers such a size; else the check itself rules it out.
            if let Ok(larger_fit) = &raised {
                // A concurrency cap kept for the smaller size may not hold at this one.
                if let Some(kept) = &concurrency_cap {
                    concurrency_cap = match small_size_rule(p, a, &c.ctx, larger_fit.size.vcpu) {
                        SmallSizeRule::Keep(cap) if cap.max == kept.max => Some(cap),
                        _ => None,
                    };
                }
                fitted = raised;
                why.push(because);
            }
        }
    }
    let fit = match fitted {
        Err(miss) => {
            c.record(
                Outcome::Fail,
                Some(miss.question),
                facts::SIZING,
                &sizing_fact,
                sentence!("Too large: {}.", miss.text),
            );
            return None;
        }
        Ok(fit) => fit,
    };
    c.ctx.vcpu = fit.size.vcpu;
    let size = fit.size;
    let cpu_adjusted = (size.vcpu - requested.vcpu).abs() > 1e-6;
    let memory_adjusted = (size.memory_gib - requested.memory_gib).abs() > 1e-6;
    if let Some(d) = fit.detail {
        why.push(d);
    }
    if matches!(sizing_fact.value, Sizing::Table { .. }) && (cpu_adjusted || memory_adjusted) {
        why.push(
            "it offers fixed CPU/memory pairs and this is the smallest at or above your request"
                .into(),
        );
    }
    let adjusted = cpu_adjusted || memory_adjusted;
    let explanation = if adjusted {
        let because: std::borrow::Cow<str> = match why.as_slice() {
            [] => "the platform rounds up to its size steps".into(),
            [one] => one.as_str().into(),
            many => many.join("; ").into(),
        };
        sentence!(
            "Runs at {} instead of the {} you asked: {because}.",
            SizeText(size),
            SizeText(requested),
        )
    } else {
        sentence!("Runs at exactly the {} you asked.", SizeText(size))
    };
    let cpu_text = if cpu_adjusted {
        sentence!(
            "{} vCPU asked; runs at {} vCPU.",
            Number(requested.vcpu),
            Number(size.vcpu)
        )
    } else {
        sentence!("{} vCPU fits.", Number(size.vcpu))
    };
    let memory_text = if memory_adjusted {
        sentence!(
            "{} GiB asked; runs at {} GiB.",
            Number(requested.memory_gib),
            Number(size.memory_gib)
        )
    } else {
        sentence!("{} GiB fits.", Number(size.memory_gib))
    };
    if matches!(sizing_fact.value, Sizing::NodeBounded) {
        // The limit is the user's own nodes, which the catalog cannot know: never a pass.
        for (question, asked) in [
            ("vcpu", sentence!("{} vCPU", Number(size.vcpu))),
            ("memory_gib", sentence!("{} GiB", Number(size.memory_gib))),
        ] {
            c.unknown(
                Some(question),
                facts::SIZING,
                &sizing_fact,
                sentence!("{asked} is bounded only by your cluster's nodes, which Berth does not know; check that a node's machine type has room for it."),
            );
        }
    } else {
        let outcome_of = |adjusted: bool| {
            if adjusted {
                Outcome::Caveat
            } else {
                Outcome::Pass
            }
        };
        c.record(
            outcome_of(cpu_adjusted),
            Some("vcpu"),
            facts::SIZING,
            &sizing_fact,
            cpu_text,
        );
        c.record(
            outcome_of(memory_adjusted),
            Some("memory_gib"),
            facts::SIZING,
            &sizing_fact,
            memory_text,
        );
    }
    if let Some(how) = &fit.needs_quota {
        c.record(
            Outcome::Caveat,
            Some("vcpu"),
            facts::SIZING,
            &sizing_fact,
            sentence!("Needs a quota request: {how}."),
        );
    }
    if let Some(cap) = &concurrency_cap {
        let r = c.read(&p.scaling.max_concurrency);
        c.record(
            Outcome::Caveat,
            Some("concurrency"),
            facts::MAX_CONCURRENCY,
            &r,
            sentence!(
                "At {} an instance takes at most {} at a time: {}",
                SizeText(size),
                Count(u64::from(cap.max), "request", "requests"),
                cap.why
            ),
        );
    }
    Some(NormalizedSize {
        requested,
        size,
        adjusted,
        explanation,
        concurrency_cap,
    })
}
