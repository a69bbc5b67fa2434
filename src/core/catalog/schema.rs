//! The shape of the platform catalog: what `catalog/platforms/*.toml` may contain.
//!
//! This file is also compiled into `build.rs` (via `#[path]`), so the data is checked
//! against these exact types before it is embedded. Keep it free of crate imports.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// Text in the catalog: borrowed from the binary when embedded, owned when read from TOML.
pub type Text = Cow<'static, str>;
/// A list in the catalog, likewise.
pub type List<T> = Cow<'static, [T]>;

/// One catalog value together with where it comes from.
///
/// Every limit, capability and price in the catalog is a `Fact`: the engine cites
/// `source` and `verified` in every reason it gives, so a fact without them cannot exist.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact<T: Clone + 'static> {
    pub value: T,
    /// The page the value was read from.
    pub source: Text,
    /// The day the value was last checked against `source` (YYYY-MM-DD).
    pub verified: Text,
    /// The date the source page itself carries, when it shows one.
    #[serde(default)]
    pub doc_date: Option<Text>,
    #[serde(default)]
    pub certainty: Certainty,
    /// Context a reader needs: conditions, exceptions, the other value of a conflict.
    #[serde(default)]
    pub note: Option<Text>,
    /// What the 2021 comparison article claimed instead, where it differs.
    #[serde(default)]
    pub was_2021: Option<Text>,
    /// Values that replace `value` when the answers match; the first match wins.
    #[serde(default = "no_conditions")]
    pub conditions: List<Conditional<T>>,
}

fn no_conditions<T: Clone>() -> List<Conditional<T>> {
    Cow::Borrowed(&[])
}

/// A value that holds only under some answers, sourced like a fact.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conditional<T> {
    pub when: When,
    pub value: T,
    pub source: Text,
    pub verified: Text,
    #[serde(default)]
    pub certainty: Certainty,
    #[serde(default)]
    pub note: Option<Text>,
}

/// The answers a condition applies to: every key given must hold.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct When {
    #[serde(default)]
    pub os: Option<Os>,
    #[serde(default)]
    pub arch: Option<Arch>,
    #[serde(default)]
    pub gpu: Option<bool>,
    #[serde(default)]
    pub workload: Option<Workload>,
    /// Holds when the vCPU per instance is strictly below this.
    #[serde(default)]
    pub vcpu_below: Option<f64>,
}

impl When {
    /// Whether no key is given (such a condition would always match).
    pub fn is_empty(&self) -> bool {
        self.os.is_none()
            && self.arch.is_none()
            && self.gpu.is_none()
            && self.workload.is_none()
            && self.vcpu_below.is_none()
    }
}

/// The workload kinds a condition can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Workload {
    HttpService,
    Worker,
    Job,
}

/// A platform limit: a published maximum, a stated absence of one, or not known.
///
/// In the data files: a number, `"none"` or `"unknown"`. Telling "no limit" (itself a
/// sourced fact) apart from "limit not known" is what keeps the engine from passing
/// on what the catalog does not know.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub enum Limit<T> {
    Max(T),
    /// The vendor states there is no maximum.
    Unlimited,
    /// No published value was found.
    Unknown,
}

impl<T: Copy> Limit<T> {
    /// The published maximum, if there is one.
    pub fn max(&self) -> Option<T> {
        match self {
            Limit::Max(v) => Some(*v),
            Limit::Unlimited | Limit::Unknown => None,
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Limit<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw<T> {
            Max(T),
            Word(String),
        }
        let expected = "expected a number, \"none\" (the vendor states there is no maximum) or \"unknown\" (no published value found)";
        match Raw::<T>::deserialize(deserializer).map_err(|_| serde::de::Error::custom(expected))? {
            Raw::Max(v) => Ok(Limit::Max(v)),
            Raw::Word(w) if w == "none" => Ok(Limit::Unlimited),
            Raw::Word(w) if w == "unknown" => Ok(Limit::Unknown),
            Raw::Word(w) => Err(serde::de::Error::custom(format!("'{w}': {expected}"))),
        }
    }
}

/// How sure the catalog is of a fact. Anything but `Confirmed` is shown as such.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Certainty {
    /// Read on the vendor's own page.
    #[default]
    Confirmed,
    /// Only a third-party page says so.
    ThirdParty,
    /// Two vendor pages disagree; `note` gives the other value.
    Conflict,
    /// Not found in any source read: best known value, to be re-checked.
    Unverified,
}

impl Certainty {
    pub fn is_confirmed(&self) -> bool {
        *self == Certainty::Confirmed
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Vendor {
    Aws,
    Azure,
    Gcp,
}

/// What a platform runs: request-serving services, run-to-completion jobs, or both.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlatformKind {
    /// Long-running services, with or without inbound HTTP (workers too).
    Service,
    /// HTTP services only: every instance must answer requests, so no background workers.
    HttpService,
    Job,
    Both,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LifecycleStatus {
    Ga,
    Preview,
    /// Existing customers keep it; new customers cannot sign up.
    ClosedToNewCustomers,
    /// Still running, but the vendor points users elsewhere.
    Deprecated,
    Retired,
}

impl LifecycleStatus {
    /// Whether new work may start on it: generally available or in preview.
    pub fn takes_new_work(self) -> bool {
        matches!(self, LifecycleStatus::Ga | LifecycleStatus::Preview)
    }

    /// How a sentence says it ("… is closed to new customers"); `None` when GA.
    pub fn phrase(self) -> Option<&'static str> {
        match self {
            LifecycleStatus::Ga => None,
            LifecycleStatus::Preview => Some("is in preview"),
            LifecycleStatus::ClosedToNewCustomers => Some("is closed to new customers"),
            LifecycleStatus::Deprecated => Some("is deprecated"),
            LifecycleStatus::Retired => Some("is retired"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lifecycle {
    pub status: LifecycleStatus,
    /// When the status took effect (YYYY-MM-DD), if known.
    #[serde(default)]
    pub since: Option<Text>,
    /// Where the vendor sends users instead, as a catalog platform id.
    #[serde(default)]
    pub successor: Option<Text>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Os {
    Linux,
    Windows,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Arch {
    X86_64,
    Arm64,
}

/// How well a platform supports a capability.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Support {
    Yes,
    /// Works, with a limit the user must know about (the fact's `note` says which).
    Limited,
    No,
}

/// The CPU/memory sizes a platform accepts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "model", rename_all = "snake_case", deny_unknown_fields)]
pub enum Sizing {
    /// A fixed table of vCPU values, each with its allowed memory (Fargate, Cloud Run, Container Apps, App Runner).
    Table {
        rows: List<SizeRow>,
        /// Memory the platform adds to the request before picking a row (EKS Fargate adds 256 MiB for its agents).
        #[serde(default)]
        overhead_mib: u32,
    },
    /// Any size inside bounds, in steps (ACI, GKE Autopilot). `quota` is a larger tier that needs a request.
    Range(SizeRange),
    /// Memory is chosen and CPU follows from it (Lambda).
    MemoryProportional {
        memory_min_mib: u32,
        memory_max_mib: u32,
        memory_step_mib: u32,
        /// Memory at which the function gets one full vCPU.
        mib_per_vcpu: u32,
    },
    /// Bounded only by the nodes you run (Knative serving on your own GKE cluster).
    NodeBounded,
}

/// One vCPU value and the memory it may be paired with.
/// Give either `memory_gib` (a list) or `memory_min_gib`/`memory_max_gib`/`memory_step_gib`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SizeRow {
    pub vcpu: f64,
    #[serde(default)]
    pub memory_gib: List<f64>,
    #[serde(default)]
    pub memory_min_gib: Option<f64>,
    #[serde(default)]
    pub memory_max_gib: Option<f64>,
    #[serde(default)]
    pub memory_step_gib: Option<f64>,
    /// Operating systems this row is offered for; empty means all the platform runs.
    #[serde(default)]
    pub os: List<Os>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SizeRange {
    pub vcpu_min: f64,
    pub vcpu_max: f64,
    pub vcpu_step: f64,
    pub memory_min_gib: f64,
    pub memory_max_gib: f64,
    pub memory_step_gib: f64,
    /// Memory per vCPU must lie within these bounds, when the platform sets a ratio.
    #[serde(default)]
    pub memory_per_vcpu_min_gib: Option<f64>,
    #[serde(default)]
    pub memory_per_vcpu_max_gib: Option<f64>,
    /// A larger ceiling reachable only through a quota request.
    #[serde(default)]
    pub quota: Option<QuotaTier>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuotaTier {
    pub vcpu_max: f64,
    pub memory_max_gib: f64,
    /// What the user must do to get it, e.g. "request the big-containers quota".
    pub how: Text,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GpuType {
    NvidiaT4,
    NvidiaL4,
    NvidiaA100,
    NvidiaV100,
    #[serde(rename = "nvidia_rtx_pro_6000")]
    NvidiaRtxPro6000,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GpuOffer {
    pub gpu: GpuType,
    pub status: LifecycleStatus,
    /// Smallest instance a GPU may be attached to.
    #[serde(default)]
    pub min_vcpu: Option<f64>,
    #[serde(default)]
    pub min_memory_gib: Option<f64>,
}

/// Request and connection handling for HTTP services, and raw transport.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Protocols {
    pub http1: Fact<Support>,
    /// HTTP/2 end to end, to the container.
    pub http2: Fact<Support>,
    pub grpc: Fact<Support>,
    pub websockets: Fact<Support>,
    /// Raw TCP ingress (not HTTP).
    pub tcp: Fact<Support>,
    pub udp: Fact<Support>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Networking {
    /// Reachable from the internet.
    pub public: Fact<Support>,
    /// Reachable only inside a private network (VPC/VNet).
    pub private: Fact<Support>,
    /// What sits in front: ALB/NLB, managed HTTPS endpoint, Envoy, ...
    pub load_balancing: Fact<Text>,
    /// Whether the platform hands out an HTTPS endpoint without you building a load balancer.
    #[serde(default)]
    pub managed_endpoint: Option<Fact<Support>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scaling {
    pub scale_to_zero: Fact<Support>,
    /// Automatic scaling on load (requests, CPU, queue length).
    pub autoscaling: Fact<Support>,
    /// Highest instance count.
    pub max_instances: Fact<Limit<u32>>,
    /// Highest concurrent requests one instance may be sent.
    pub max_concurrency: Fact<Limit<u32>>,
}

/// Kubernetes-style privileges that serverless platforms usually refuse.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Restrictions {
    pub privileged: Fact<Support>,
    pub daemonsets: Fact<Support>,
    pub host_network: Fact<Support>,
    pub sidecars: Fact<Support>,
    pub init_containers: Fact<Support>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Storage {
    /// Largest writable local disk per instance, GiB.
    pub ephemeral_max_gib: Fact<Limit<f64>>,
    /// Shared network file systems (EFS, Azure Files, NFS).
    pub shared_files: Fact<Support>,
    /// A block volume attached to one instance (EBS, persistent disk).
    pub block: Fact<Support>,
    /// Object storage mounted as files (Cloud Storage FUSE).
    pub object_mount: Fact<Support>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecurityFeatures {
    /// Customer-managed encryption keys.
    pub cmek: Fact<Support>,
    /// Hardware-backed confidential containers.
    pub confidential: Fact<Support>,
    /// Only signed or attested images may run (Binary Authorization, CCE policy, ...).
    pub image_signing: Fact<Support>,
    /// A per-workload cloud identity without stored keys.
    pub workload_identity: Fact<Support>,
}

/// A piece of guidance (integration, security) with its source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guidance {
    pub title: Text,
    pub detail: Text,
    pub source: Text,
    pub verified: Text,
    #[serde(default)]
    pub certainty: Certainty,
    /// When this item applies. Empty means always.
    #[serde(default)]
    pub when: List<GuidanceTrigger>,
    /// Whether the 2021 article already recommended it.
    #[serde(default)]
    pub since_2021: bool,
}

/// An answer that makes a guidance item relevant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GuidanceTrigger {
    PublicIngress,
    PrivateIngress,
    Secrets,
    PrivateNetwork,
    Cmek,
    Confidential,
    ImageSigning,
    ManagedIdentity,
    Windows,
    Gpu,
    Job,
    Kubernetes,
}

/// Billing shape, used to judge how well the cost model fits the traffic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(clippy::enum_variant_names)] // "per X" is how vendors name these models.
pub enum BillingModel {
    /// Pay while handling requests; idle costs nothing (or little).
    PerRequest,
    /// Pay per second an instance/task runs, whether busy or not.
    PerInstanceSecond,
    /// Pay per invocation and its duration.
    PerInvocation,
    /// Pay for the CPU/memory requested by running pods, plus a cluster fee.
    PerPodRequest,
    /// Pay for the nodes of a cluster you run.
    PerNode,
}

/// Everything the catalog knows about one platform.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Platform {
    /// Stable id, part of the public interface (answers files, share links, CLI).
    pub id: Text,
    pub name: Text,
    pub vendor: Vendor,
    /// One line saying what it is, for people who have not used it.
    pub summary: Text,
    /// Whether using it means running a Kubernetes cluster yourself.
    pub needs_kubernetes: bool,
    pub kind: Fact<PlatformKind>,
    pub lifecycle: Fact<Lifecycle>,
    pub sizing: Fact<Sizing>,
    pub os: Fact<List<Os>>,
    pub arch: Fact<List<Arch>>,
    /// Architectures allowed for Windows containers, where that is narrower.
    #[serde(default)]
    pub windows_arch: Option<Fact<List<Arch>>>,
    pub gpus: Fact<List<GpuOffer>>,
    /// Longest a single request may take, seconds.
    pub max_request_seconds: Fact<Limit<u32>>,
    /// Longest a job task may run, seconds.
    pub max_job_seconds: Fact<Limit<u32>>,
    pub protocols: Protocols,
    pub networking: Networking,
    pub scaling: Scaling,
    pub restrictions: Restrictions,
    pub storage: Storage,
    pub security_features: SecurityFeatures,
    pub billing: Fact<BillingModel>,
    #[serde(default)]
    pub integrations: List<Guidance>,
    #[serde(default)]
    pub security: List<Guidance>,
    /// Things every adopter must plan for (e.g. Lambda's runtime interface); each becomes a caveat.
    #[serde(default)]
    pub caveats: List<Guidance>,
    /// What the platform's API accepts as environment variables, where it is stricter
    /// than a POSIX name; absent when the catalog knows no such rule.
    #[serde(default)]
    pub env_vars: Option<Fact<EnvVarRules>>,
}

/// A platform's rules for environment variables, applied to the deploy details before
/// any file is made.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnvVarRules {
    /// Fewest characters a name may have.
    pub name_min_len: u32,
    /// Whether a name must begin with a letter (a leading `_` is refused).
    pub name_starts_with_letter: bool,
    /// Most bytes all names and values may take together.
    #[serde(default)]
    pub max_total_bytes: Option<u32>,
}

/// An option outside serverless containers, named when every platform is ruled out
/// (`catalog/fallbacks.toml`).
/// A fee of an option outside the catalog's platforms (a fallback's cluster fee), sourced
/// like a fact. The platforms' own prices live in `catalog/prices/` (see `prices.rs`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fee {
    /// What is billed, e.g. "cluster-hour".
    pub unit: Text,
    pub usd: f64,
    /// Region and variant the fee applies to.
    pub applies_to: Text,
    pub source: Text,
    pub verified: Text,
    #[serde(default)]
    pub certainty: Certainty,
    #[serde(default)]
    pub note: Option<Text>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FallbackOption {
    pub name: Text,
    pub vendor: Vendor,
    /// What it runs that the serverless platforms refuse.
    pub why: Text,
    /// What choosing it costs the user in work and billing; fees go in `prices`.
    pub cost_to_you: Text,
    /// The page that backs `why` and `cost_to_you`.
    pub source: Text,
    pub verified: Text,
    #[serde(default)]
    pub certainty: Certainty,
    #[serde(default)]
    pub prices: List<Fee>,
}

/// What the serverless-functions hint measures a workload against.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FunctionsHint {
    /// The platform whose `max_request_seconds` is the functions' time limit (Lambda's).
    pub limit_of: Text,
}

/// The whole catalog as embedded in the build.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// The day the catalog as a whole was last reviewed (YYYY-MM-DD).
    pub reviewed: Text,
    pub platforms: List<Platform>,
    /// Non-serverless options for when nothing fits.
    pub fallbacks: List<FallbackOption>,
    pub functions: FunctionsHint,
}
