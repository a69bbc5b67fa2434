//! The first stage of the evaluation: every check of one platform against the answers.
//!
//! Each check yields a [`Reason`] naming the question, the fact it rests on and that
//! fact's source. Facts are read through [`Fact::resolve`](crate::core::catalog::Fact),
//! so conditional values (restrictions as data) apply everywhere, and every outcome is
//! written by [`record::Checks::record`], which never lets a pass rest on a limit the
//! catalog does not know or a fact it has not confirmed. This stage knows nothing of
//! verdicts or ranking.

mod capabilities;
mod facts;
mod gpu;
mod guidance;
mod limits;
mod platform;
mod record;
mod size;

pub use gpu::gpu_name;
pub(crate) use guidance::tailored;
pub use limits::minutes;

use super::answers::{Answers, ArchChoice, WorkloadKind};
use super::catalog::{Arch, Context, Platform, Workload};
use super::report::{NormalizedSize, Reason};
use record::Checks;

/// What "Not sure" is taken to mean, per numeric question.
pub const ASSUMED_VCPU: f64 = 1.0;
pub const ASSUMED_MEMORY_GIB: f64 = 2.0;
pub const ASSUMED_REQUEST_SECONDS: u32 = 60;
pub const ASSUMED_JOB_MINUTES: u32 = 60;

/// What the checks found for one platform.
pub struct Checked {
    /// In check order; the verdict stage sorts them.
    pub reasons: Vec<Reason>,
    /// The size it runs at; `None` when the request does not fit.
    pub size: Option<NormalizedSize>,
}

/// The context conditions are matched in: at the size a platform runs at (`fitted_vcpu`,
/// as the checks after sizing, ranking and cost read facts), else at the size asked for.
pub fn context(a: &Answers, fitted_vcpu: Option<f64>) -> Context {
    Context {
        os: a.os,
        arch: match a.arch {
            ArchChoice::Either => None,
            ArchChoice::X86_64 => Some(Arch::X86_64),
            ArchChoice::Arm64 => Some(Arch::Arm64),
        },
        gpu: a.gpu,
        workload: match a.workload {
            WorkloadKind::HttpService => Workload::HttpService,
            WorkloadKind::Worker => Workload::Worker,
            WorkloadKind::Job => Workload::Job,
        },
        vcpu: fitted_vcpu.unwrap_or_else(|| size::requested_size(a).vcpu),
    }
}

/// Runs every check of `p` against `a`. `names` turns a platform id into its name.
pub fn run(p: &'static Platform, a: &Answers, names: &dyn Fn(&str) -> &'static str) -> Checked {
    let mut c = Checks {
        reasons: Vec::with_capacity(24),
        ctx: context(a, None),
    };
    platform::cloud(&mut c, p, a);
    platform::lifecycle(&mut c, p, names);
    let kind_ok = platform::workload(&mut c, p, a);
    let gpu = gpu::gpu(&mut c, p, a);
    // Sets the context's vCPU to the fitted size, which later conditions match on.
    let size = size::size(&mut c, p, a, gpu);
    limits::ephemeral(&mut c, p, a);
    if kind_ok {
        limits::request_time(&mut c, p, a);
        limits::job_time(&mut c, p, a);
    }
    platform::os_arch(&mut c, p, a);
    capabilities::protocols(&mut c, p, a);
    capabilities::ingress(&mut c, p, a);
    capabilities::storage(&mut c, p, a);
    limits::scaling(&mut c, p, a);
    capabilities::special(&mut c, p, a);
    capabilities::compliance(&mut c, p, a);
    platform::kubernetes(&mut c, p, a);
    guidance::platform_caveats(&mut c, p, a);
    Checked {
        reasons: c.reasons,
        size,
    }
}
