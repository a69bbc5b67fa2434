//! What the catalog says about a question, as a line shown under its help: each
//! platform's limit or offer for that answer, read from the catalog when asked.
//!
//! Help texts say what a question means; they never quote a platform's limits. Those live
//! only in the catalog, and this line quotes them, so a change to a TOML file changes the
//! questionnaire too.

use serde::Serialize;

use super::catalog::{
    catalog, Arch, Fact, GpuType, LifecycleStatus, Limit, Os, Platform, PlatformKind, Sizing,
    Vendor,
};
use super::limit_text::duration;
use super::questionnaire::{fmt_number, question, QuestionKind};

/// Which catalog facts a question's line quotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CatalogLine {
    None,
    /// Largest vCPU per instance.
    VcpuMax,
    /// Largest memory per instance.
    MemoryMax,
    /// Which platforms offer GPUs at all.
    Gpus,
    /// Which platform offers which GPU, and its smallest instance.
    GpuTypes,
    EphemeralMax,
    RequestMax,
    JobMax,
    /// Platforms that run Windows containers.
    Windows,
    /// Platforms that run ARM64 images.
    Arm64,
    MaxInstances,
    MaxConcurrency,
    /// The platforms of each cloud.
    Clouds,
    /// The platforms that run on a Kubernetes cluster you operate.
    Kubernetes,
}

/// The line for `line`, from the catalog as embedded; `None` for [`CatalogLine::None`].
pub fn catalog_line(line: CatalogLine) -> Option<String> {
    let platforms: Vec<&Platform> = catalog()
        .platforms
        .iter()
        .filter(|p| p.lifecycle.value.status != LifecycleStatus::Retired)
        .collect();
    let each = |label: &str, value: &dyn Fn(&Platform) -> Option<String>| {
        let parts: Vec<String> = platforms
            .iter()
            .filter_map(|p| value(p).map(|v| format!("{} {v}", p.name)))
            .collect();
        format!("{label}: {}.", parts.join("; "))
    };
    let names = |keep: &dyn Fn(&Platform) -> bool| -> String {
        let kept: Vec<&str> = platforms
            .iter()
            .filter(|p| keep(p))
            .map(|p| p.name.as_ref())
            .collect();
        if kept.is_empty() {
            "none".to_string()
        } else {
            kept.join(", ")
        }
    };
    Some(match line {
        CatalogLine::None => return None,
        CatalogLine::VcpuMax => each("Largest vCPU per instance in the catalog", &|p| {
            Some(vcpu_max(&p.sizing.value))
        }),
        CatalogLine::MemoryMax => each("Largest memory per instance in the catalog", &|p| {
            Some(memory_max(&p.sizing.value))
        }),
        CatalogLine::Gpus => format!(
            "GPUs in the catalog: {}. None: {}.",
            names(&|p| has_gpus(p)),
            names(&|p| !has_gpus(p))
        ),
        CatalogLine::GpuTypes => gpu_types(&platforms),
        CatalogLine::EphemeralMax => each("Largest local disk in the catalog", &|p| {
            Some(limit(&p.storage.ephemeral_max_gib, |gib| {
                format!("{} GiB", fmt_number(gib))
            }))
        }),
        CatalogLine::RequestMax => each("Longest request in the catalog", &|p| {
            serves_requests(p).then(|| limit(&p.max_request_seconds, duration))
        }),
        CatalogLine::JobMax => each("Longest job task in the catalog", &|p| {
            runs_jobs(p).then(|| limit(&p.max_job_seconds, duration))
        }),
        CatalogLine::Windows => format!(
            "Windows containers in the catalog: {}.",
            names(&|p| p.os.value.contains(&Os::Windows))
        ),
        CatalogLine::Arm64 => format!(
            "ARM64 images in the catalog: {}. x86-64 only: {}.",
            names(&|p| p.arch.value.contains(&Arch::Arm64)),
            names(&|p| !p.arch.value.contains(&Arch::Arm64))
        ),
        CatalogLine::MaxInstances => each("Most instances in the catalog", &|p| {
            Some(limit(&p.scaling.max_instances, |n| n.to_string()))
        }),
        CatalogLine::MaxConcurrency => each("Most requests per instance in the catalog", &|p| {
            serves_requests(p).then(|| limit(&p.scaling.max_concurrency, |n| n.to_string()))
        }),
        CatalogLine::Clouds => [Vendor::Aws, Vendor::Azure, Vendor::Gcp]
            .iter()
            .map(|v| format!("{}: {}.", v.label(), names(&|p| p.vendor == *v)))
            .collect::<Vec<_>>()
            .join(" "),
        CatalogLine::Kubernetes => format!(
            "Options that run on a Kubernetes cluster you operate: {}.",
            names(&|p| p.needs_kubernetes)
        ),
    })
}

/// The line of the question with this id, if it quotes the catalog.
pub fn catalog_line_of(question_id: &str) -> Option<String> {
    question(question_id).and_then(|q| catalog_line(q.catalog_line))
}

/// A limit fact as words; a fact with conditions says that some answers change it.
fn limit<T: Copy>(fact: &Fact<Limit<T>>, show: impl Fn(T) -> String) -> String {
    let base = match fact.value {
        Limit::Max(v) => show(v),
        Limit::Unlimited => "no limit".to_string(),
        Limit::Unknown => "not published".to_string(),
    };
    let conditional = if fact.conditions.is_empty() {
        ""
    } else {
        " (other for some answers)"
    };
    let unconfirmed = if fact.certainty.is_confirmed() {
        ""
    } else {
        " (unconfirmed)"
    };
    format!("{base}{conditional}{unconfirmed}")
}

fn serves_requests(p: &Platform) -> bool {
    match p.kind.value {
        PlatformKind::Service | PlatformKind::HttpService | PlatformKind::Both => true,
        PlatformKind::Job => false,
    }
}

fn runs_jobs(p: &Platform) -> bool {
    match p.kind.value {
        PlatformKind::Job | PlatformKind::Both => true,
        PlatformKind::Service | PlatformKind::HttpService => false,
    }
}

fn has_gpus(p: &Platform) -> bool {
    p.gpus.value.iter().any(|g| g.status.takes_new_work())
}

fn vcpu_max(s: &Sizing) -> String {
    match s {
        Sizing::Table { rows, .. } => fmt_number(rows.iter().map(|r| r.vcpu).fold(0.0, f64::max)),
        Sizing::Range(r) => match &r.quota {
            Some(q) => format!(
                "{} ({} with a quota request)",
                fmt_number(r.vcpu_max),
                fmt_number(q.vcpu_max)
            ),
            None => fmt_number(r.vcpu_max),
        },
        Sizing::MemoryProportional {
            memory_max_mib,
            mib_per_vcpu,
            ..
        } => format!(
            "about {}",
            fmt_one(f64::from(*memory_max_mib) / f64::from(*mib_per_vcpu))
        ),
        Sizing::NodeBounded => "as your nodes".to_string(),
    }
}

fn memory_max(s: &Sizing) -> String {
    match s {
        Sizing::Table { rows, .. } => {
            let max = rows
                .iter()
                .map(|r| {
                    r.memory_max_gib
                        .unwrap_or_else(|| r.memory_gib.iter().copied().fold(0.0, f64::max))
                })
                .fold(0.0, f64::max);
            format!("{} GiB", fmt_number(max))
        }
        Sizing::Range(r) => match &r.quota {
            Some(q) => format!(
                "{} GiB ({} GiB with a quota request)",
                fmt_number(r.memory_max_gib),
                fmt_number(q.memory_max_gib)
            ),
            None => format!("{} GiB", fmt_number(r.memory_max_gib)),
        },
        Sizing::MemoryProportional { memory_max_mib, .. } => {
            format!("{} GiB", fmt_one(f64::from(*memory_max_mib) / 1024.0))
        }
        Sizing::NodeBounded => "as your nodes".to_string(),
    }
}

/// One decimal, without a trailing `.0`.
fn fmt_one(v: f64) -> String {
    fmt_number((v * 10.0).round() / 10.0)
}

/// "NVIDIA L4: Google Cloud Run (services) (from 4 vCPU, 16 GiB), ...; NVIDIA T4: ..."
fn gpu_types(platforms: &[&Platform]) -> String {
    let Some(QuestionKind::SingleChoice { options }) = question("gpu_type").map(|q| q.kind) else {
        return String::new();
    };
    let mut parts = Vec::new();
    for option in options.iter() {
        let offers: Vec<String> = platforms
            .iter()
            .flat_map(|p| p.gpus.value.iter().map(move |g| (p, g)))
            .filter(|(_, g)| g.status.takes_new_work() && gpu_id(g.gpu) == option.id)
            .map(|(p, g)| {
                let mut s = p.name.to_string();
                let mut min = Vec::new();
                if let Some(v) = g.min_vcpu {
                    min.push(format!("{} vCPU", fmt_number(v)));
                }
                if let Some(m) = g.min_memory_gib {
                    min.push(format!("{} GiB", fmt_number(m)));
                }
                if !min.is_empty() {
                    s += &format!(" (from {})", min.join(", "));
                }
                if g.status == LifecycleStatus::Preview {
                    s += " (preview)";
                }
                s
            })
            .collect();
        if !offers.is_empty() {
            parts.push(format!("{}: {}", option.label, offers.join(", ")));
        }
    }
    format!("GPUs in the catalog: {}.", parts.join("; "))
}

/// The answers' id of a GPU type (its catalog name, e.g. `nvidia_l4`).
fn gpu_id(gpu: GpuType) -> String {
    let json = serde_json::to_string(&gpu).unwrap_or_default();
    json.trim_matches('"').to_string()
}
