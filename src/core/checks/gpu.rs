//! The GPU check: is the GPU the workload needs offered, and in what state.

use super::facts;
use super::record::{sentence, Checks, Paren};
use crate::core::answers::*;
use crate::core::catalog::{GpuOffer, LifecycleStatus, Platform};
use crate::core::report::Outcome;

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

fn gpu_list(offers: &[GpuOffer]) -> String {
    let names: Vec<&str> = offers
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

/// The GPU offer the workload would use, if it needs one and the platform has it.
pub(crate) fn gpu(c: &mut Checks, p: &'static Platform, a: &Answers) -> Option<&'static GpuOffer> {
    if !a.gpu {
        return None;
    }
    let r = c.read(&p.gpus);
    let offers: &'static [GpuOffer] = r.value;
    let usable = |o: &&GpuOffer| o.status != LifecycleStatus::Retired && a.gpu_type.accepts(o.gpu);
    let offer = offers
        .iter()
        .find(|o| usable(o) && o.status == LifecycleStatus::Ga)
        .or_else(|| offers.iter().find(usable));
    let note = Paren(r.note);
    match offer {
        None if offers.iter().all(|o| o.status == LifecycleStatus::Retired) => c.record(
            Outcome::Fail,
            Some("gpu"),
            facts::GPUS,
            &r,
            sentence!("You need a GPU; this platform offers none{note}."),
        ),
        None => c.record(
            Outcome::Fail,
            Some("gpu_type"),
            facts::GPUS,
            &r,
            sentence!(
                "You need {}; this platform offers {}.",
                gpu_name_choice(a.gpu_type),
                gpu_list(offers)
            ),
        ),
        Some(o) if o.status != LifecycleStatus::Ga => c.record(
            Outcome::Caveat,
            Some("gpu_type"),
            facts::GPUS,
            &r,
            sentence!(
                "{} is offered in {}: expect limited regions and no SLA{note}.",
                gpu_name(o.gpu),
                status_word(o.status)
            ),
        ),
        Some(o) => c.record(
            Outcome::Pass,
            Some("gpu_type"),
            facts::GPUS,
            &r,
            sentence!("{} is available.", gpu_name(o.gpu)),
        ),
    }
    offer
}
