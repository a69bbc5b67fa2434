//! The shape of a price sheet, `catalog/prices/<platform-id>.toml`: what one platform
//! charges in its reference region, each price a sourced fact.
//!
//! Compiled into `build.rs` too (via `#[path]`), so a sheet is checked before it is
//! embedded. Keep it free of crate imports beyond `schema`.

use serde::{Deserialize, Serialize};

use super::schema::{Arch, Certainty, GpuType, List, Os, Text};

/// What a platform bills for one deployment of the workload.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Meter {
    /// vCPU allocated to a running instance, per unit of time.
    Vcpu,
    /// Memory allocated to a running instance (GB or GiB as the vendor names it).
    Memory,
    /// Requests handled.
    Requests,
    /// One GPU attached to a running instance.
    Gpu,
    /// An operating-system licence fee per vCPU (Windows on Fargate).
    WindowsLicense,
    /// A load balancer the deployment needs, per hour it exists.
    LoadBalancer,
    /// A Kubernetes cluster (control plane) fee, per hour it exists.
    Cluster,
    /// Cluster nodes you choose and pay for yourself.
    Node,
}

/// The quantity a price is per.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Per {
    Second,
    Hour,
    /// One million requests.
    Million,
}

/// Which instance time a time-based price applies to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstanceState {
    /// All the time an instance runs.
    #[default]
    Any,
    /// While it handles requests or work.
    Active,
    /// While it is kept running with nothing to do (minimum instances).
    Idle,
}

/// The traffic a load balancer carries: an Application Load Balancer routes HTTP, raw TCP
/// or UDP needs a Network Load Balancer. Always a service's: nothing else has one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Traffic {
    /// HTTP only (HTTP/1.1, HTTP/2, gRPC, WebSockets).
    Http,
    /// Raw TCP or UDP among the service's protocols.
    TcpUdp,
}

/// One price, with where it comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Price {
    /// Unique within the sheet; estimate lines cite `<platform>/<id>`.
    pub id: Text,
    pub meter: Meter,
    /// The unit as the vendor names it, e.g. "vCPU-hour", "GiB-second", "million requests".
    pub unit: Text,
    pub per: Per,
    pub usd: f64,
    #[serde(default)]
    pub state: InstanceState,
    /// Only for this OS; absent means any.
    #[serde(default)]
    pub os: Option<Os>,
    /// Only for this architecture; absent means any.
    #[serde(default)]
    pub arch: Option<Arch>,
    /// Only for this GPU (meter `gpu`).
    #[serde(default)]
    pub gpu: Option<GpuType>,
    /// Only for an HTTP service carrying this traffic (meter `load_balancer`): the
    /// load balancer that kind of traffic needs in front of it.
    #[serde(default)]
    pub traffic: Option<Traffic>,
    /// Units free each month per account, before this price applies.
    #[serde(default)]
    pub free_per_month: Option<f64>,
    /// A billing plan other than the default one (e.g. Cloud Run's `instance_based`):
    /// used only where the sheet's `worker_plan` or `gpu_plan` names it.
    #[serde(default)]
    pub plan: Option<Text>,
    /// Billable time is rounded up to this many milliseconds (Cloud Run's request-based
    /// billing: 100 ms), so a request shorter than it is billed as this long.
    #[serde(default)]
    pub round_up_ms: Option<u32>,
    pub source: Text,
    pub verified: Text,
    #[serde(default)]
    pub certainty: Certainty,
    #[serde(default)]
    pub note: Option<Text>,
}

/// Every price of one platform in its reference region.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceSheet {
    /// The catalog platform id; also the file name.
    pub platform: Text,
    /// The one region the prices are for, e.g. "us-east-1", "eastus", "us-central1".
    pub region: Text,
    /// What the platform bills for; a billed meter without a matching price is unknown.
    pub bills: List<Meter>,
    /// The billing plan a background worker must use, when not the default one (Cloud
    /// Run: `instance_based`, CPU always allocated); its prices carry this `plan`.
    #[serde(default)]
    pub worker_plan: Option<Text>,
    /// The billing plan a workload with a GPU must use, when not the default one (Cloud
    /// Run: `instance_based`); its prices carry this `plan`.
    #[serde(default)]
    pub gpu_plan: Option<Text>,
    pub prices: List<Price>,
}

/// Checks one sheet: ids unique, prices non-negative, dates and sources well formed.
pub fn check_sheet(sheet: &PriceSheet, file_id: &str, errors: &mut Vec<String>) {
    let at = format!("catalog/prices/{file_id}.toml");
    for (field, plan) in [
        ("worker_plan", &sheet.worker_plan),
        ("gpu_plan", &sheet.gpu_plan),
    ] {
        if let Some(plan) = plan {
            if !sheet.prices.iter().any(|p| p.plan.as_ref() == Some(plan)) {
                errors.push(format!("{at}: {field} '{plan}' has no prices"));
            }
        }
    }
    if sheet.platform != file_id {
        errors.push(format!(
            "{at}: platform is '{}', expected '{file_id}'",
            sheet.platform
        ));
    }
    for (i, p) in sheet.prices.iter().enumerate() {
        if sheet.prices[..i].iter().any(|q| q.id == p.id) {
            errors.push(format!("{at}: price id '{}' is used twice", p.id));
        }
        if !(p.usd.is_finite() && p.usd >= 0.0) {
            errors.push(format!(
                "{at}: price '{}' must be a non-negative number",
                p.id
            ));
        }
        if !p.free_per_month.is_none_or(|f| f.is_finite() && f >= 0.0) {
            errors.push(format!(
                "{at}: price '{}' free_per_month must be >= 0",
                p.id
            ));
        }
        if !sheet.bills.contains(&p.meter) && p.meter != Meter::Gpu {
            errors.push(format!(
                "{at}: price '{}' has meter {:?}, which `bills` does not list",
                p.id, p.meter
            ));
        }
        let date_ok = p.verified.len() == 10
            && p.verified.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        if !date_ok {
            errors.push(format!(
                "{at}: price '{}' verified must be YYYY-MM-DD",
                p.id
            ));
        }
        if !p.source.starts_with("https://") || p.source.contains(char::is_whitespace) {
            errors.push(format!(
                "{at}: price '{}' source must be an https:// URL",
                p.id
            ));
        }
        // The estimate reads the rounding from the vCPU price of the plan (it applies to the
        // instance's billable time, so to every time price alike): anywhere else it would
        // silently do nothing.
        if p.round_up_ms == Some(0) || (p.round_up_ms.is_some() && p.meter != Meter::Vcpu) {
            errors.push(format!(
                "{at}: price '{}': round_up_ms is a positive number of milliseconds, on the vcpu price only",
                p.id
            ));
        }
        if p.traffic.is_some() && p.meter != Meter::LoadBalancer {
            errors.push(format!(
                "{at}: price '{}': traffic is for load_balancer prices only",
                p.id
            ));
        }
        if matches!(p.meter, Meter::Requests) != matches!(p.per, Per::Million) {
            errors.push(format!(
                "{at}: price '{}': requests are priced per million, time per second or hour",
                p.id
            ));
        }
    }
}
