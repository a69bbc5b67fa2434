//! What the user told us about the workload: the questionnaire's answers.
//!
//! This is the versioned JSON format of `docs/answers-format.md`, used by answers
//! files, local storage and share links. Field names are the question ids.
//! `null` in a numeric answer means "Not sure": the engine then assumes a default
//! and says so in the report.

use serde::{Deserialize, Serialize};

pub use super::catalog::{Arch, GpuType, Os};

/// The answers format this build writes; older versions are upgraded on read.
pub const FORMAT_VERSION: u32 = 1;

/// The first question: a starting point that pre-fills sensible answers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Archetype {
    #[default]
    PublicWeb,
    InternalService,
    EventWorker,
    BatchJob,
    GpuInference,
    WindowsApp,
    Scratch,
}

/// How the workload is driven.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkloadKind {
    /// Answers HTTP requests (web site, API).
    #[default]
    HttpService,
    /// Runs continuously and pulls work (queue consumer, stream processor); no inbound requests.
    Worker,
    /// Runs to completion, on a schedule or on demand.
    Job,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArchChoice {
    /// Either works (multi-arch image, or not sure).
    #[default]
    Either,
    X86_64,
    Arm64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GpuChoice {
    /// Any GPU the platform offers.
    #[default]
    Any,
    NvidiaT4,
    NvidiaL4,
    NvidiaA100,
    #[serde(rename = "nvidia_rtx_pro_6000")]
    NvidiaRtxPro6000,
}

impl GpuChoice {
    /// Whether a platform's GPU satisfies this choice.
    pub fn accepts(self, gpu: GpuType) -> bool {
        match self {
            GpuChoice::Any => true,
            GpuChoice::NvidiaT4 => gpu == GpuType::NvidiaT4,
            GpuChoice::NvidiaL4 => gpu == GpuType::NvidiaL4,
            GpuChoice::NvidiaA100 => gpu == GpuType::NvidiaA100,
            GpuChoice::NvidiaRtxPro6000 => gpu == GpuType::NvidiaRtxPro6000,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Protocol {
    Http1,
    /// HTTP/2 end to end, to the container (h2c).
    Http2,
    Grpc,
    Websockets,
    /// Raw TCP, not HTTP.
    Tcp,
    Udp,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ingress {
    /// Reachable from the internet.
    #[default]
    Public,
    /// Reachable only from inside your private network.
    Private,
    /// Nothing connects to it.
    None,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersistentStorage {
    /// Stateless: anything that must survive goes to a database or object store over the network.
    #[default]
    None,
    /// A shared network file system (NFS/SMB: EFS, Azure Files, Filestore).
    SharedFiles,
    /// A block volume attached to one instance.
    Block,
    /// Object storage mounted as files.
    ObjectMount,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScaleToZero {
    /// Must cost nothing when idle.
    Required,
    /// Nice to have.
    #[default]
    Preferred,
    /// It runs all the time anyway.
    NotNeeded,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Traffic {
    /// Bursts with idle gaps.
    Spiky,
    /// Busy most of the day.
    Steady,
    /// Rarely used.
    MostlyIdle,
    #[default]
    NotSure,
}

/// Whether the estimated monthly cost may reorder the ranking.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CostPreference {
    /// Rank by fit; costs are shown but do not reorder.
    #[default]
    BestFit,
    /// Among the platforms that fit, the cheapest estimate first.
    Cheapest,
}

/// Host-level or cluster-level needs that serverless platforms usually refuse.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpecialNeed {
    Privileged,
    HostNetwork,
    Daemonset,
    Sidecars,
    InitContainers,
}

/// Security and compliance requirements.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Compliance {
    /// No public endpoint and traffic stays in a private network.
    PrivateNetwork,
    /// Customer-managed encryption keys.
    Cmek,
    /// Hardware-backed confidential computing.
    Confidential,
    /// Only signed images may run.
    ImageSigning,
    /// Per-workload identity, no stored cloud keys.
    ManagedIdentity,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CloudChoice {
    #[default]
    Any,
    Aws,
    Azure,
    Gcp,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CloudMode {
    /// Rank this cloud higher, but show the others.
    #[default]
    Prefer,
    /// Rule out every other cloud.
    Require,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KubernetesSkill {
    #[default]
    None,
    Some,
    Strong,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExistingCluster {
    #[default]
    None,
    Eks,
    Aks,
    Gke,
}

impl ExistingCluster {
    /// The cluster a Kubernetes-based platform of `vendor` extends.
    pub fn of(vendor: super::catalog::Vendor) -> ExistingCluster {
        use super::catalog::Vendor;
        match vendor {
            Vendor::Aws => ExistingCluster::Eks,
            Vendor::Azure => ExistingCluster::Aks,
            Vendor::Gcp => ExistingCluster::Gke,
        }
    }
}

/// One environment variable, passed to the container as is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnvVar {
    pub name: String,
    pub value: String,
}

/// What the starter manifests need beyond the platform choice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DeployDetails {
    /// Service or job name; each platform's naming rule is checked when manifests are made.
    pub name: String,
    /// Image reference, ideally pinned by digest.
    pub image: String,
    /// Port the container listens on (HTTP services).
    pub port: u16,
    /// Path the platform probes for health (HTTP services).
    pub health_path: String,
    pub env: Vec<EnvVar>,
    /// Names of secrets to inject; values never enter Berth.
    #[serde(deserialize_with = "secret_names")]
    pub secrets: Vec<String>,
    /// Cron schedule for jobs (UTC), empty for on-demand.
    pub schedule: String,
    /// Retries of a failed job task.
    pub retries: u8,
    /// Cloud region to deploy to.
    pub region: String,
}

/// Reads secret names. A `NAME=value` line that older builds kept (or a hand-written file
/// carries) keeps its name only: a secret's value is never stored, shared or shown again.
fn secret_names<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(names_only(Deserialize::deserialize(d)?))
}

/// Secret names with any `=value` cut off (both readers of the answers use it).
pub(crate) fn names_only(names: Vec<String>) -> Vec<String> {
    names
        .into_iter()
        .map(|n| match n.split_once('=') {
            Some((name, _)) => name.trim().to_string(),
            None => n,
        })
        .collect()
}

impl Default for DeployDetails {
    fn default() -> Self {
        DeployDetails {
            name: "my-service".into(),
            image: "registry.example.com/my-service:1.0.0".into(),
            port: 8080,
            health_path: "/healthz".into(),
            env: Vec::new(),
            secrets: Vec::new(),
            schedule: String::new(),
            retries: 3,
            region: String::new(),
        }
    }
}

/// All answers. Numeric answers set to `None` mean "Not sure".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Answers {
    pub version: u32,
    pub archetype: Archetype,
    pub workload: WorkloadKind,
    /// vCPU per instance.
    pub vcpu: Option<f64>,
    /// Memory per instance, GiB.
    pub memory_gib: Option<f64>,
    pub gpu: bool,
    /// Asked only when `gpu` is true.
    pub gpu_type: GpuChoice,
    /// Writable local disk per instance, GiB.
    pub ephemeral_storage_gib: Option<f64>,
    /// Longest single request or connection, seconds (HTTP services).
    pub max_request_seconds: Option<u32>,
    /// Longest run of one job task, minutes (jobs).
    pub job_minutes: Option<u32>,
    pub os: Os,
    pub arch: ArchChoice,
    pub protocols: Vec<Protocol>,
    pub ingress: Ingress,
    pub storage: PersistentStorage,
    pub scale_to_zero: ScaleToZero,
    pub min_instances: u32,
    pub max_instances: Option<u32>,
    /// Concurrent requests one instance can take.
    pub concurrency: Option<u32>,
    pub traffic: Traffic,
    pub special: Vec<SpecialNeed>,
    pub compliance: Vec<Compliance>,
    pub cloud: CloudChoice,
    pub cloud_mode: CloudMode,
    pub kubernetes: KubernetesSkill,
    pub existing_cluster: ExistingCluster,
    /// HTTP requests a month (HTTP services), for the cost estimate.
    pub requests_per_month: Option<u64>,
    /// Average time to handle one request, milliseconds (HTTP services).
    pub request_ms: Option<u32>,
    /// Hours a day a worker is busy (workers).
    pub busy_hours_per_day: Option<f64>,
    /// Runs a month (jobs).
    pub runs_per_month: Option<u32>,
    /// Average minutes one run takes (jobs).
    pub minutes_per_run: Option<u32>,
    pub cost_preference: CostPreference,
    pub deploy: DeployDetails,
    /// Set when the answers were read from a file: an [`Imported`] as JSON (read it with
    /// [`Answers::import_story`]). Not in share links (see `share_link`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported: Option<ImportedJson>,
}

impl Default for Answers {
    fn default() -> Self {
        Archetype::PublicWeb.preset()
    }
}

impl Answers {
    /// The answers document, compact: what the app keeps between visits, read back by
    /// [`parse_answers_lenient`].
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("answers serialize")
    }
}

impl Archetype {
    pub const ALL: [Archetype; 7] = [
        Archetype::PublicWeb,
        Archetype::InternalService,
        Archetype::EventWorker,
        Archetype::BatchJob,
        Archetype::GpuInference,
        Archetype::WindowsApp,
        Archetype::Scratch,
    ];

    /// The answers this archetype starts from. Every later question can still change them.
    pub fn preset(self) -> Answers {
        let mut a = Answers {
            version: FORMAT_VERSION,
            archetype: self,
            workload: WorkloadKind::HttpService,
            vcpu: Some(1.0),
            memory_gib: Some(2.0),
            gpu: false,
            gpu_type: GpuChoice::Any,
            // Scratch space a typical web service or worker writes (temp files, caches).
            ephemeral_storage_gib: Some(2.0),
            max_request_seconds: Some(60),
            job_minutes: None,
            os: Os::Linux,
            arch: ArchChoice::Either,
            protocols: vec![Protocol::Http1],
            ingress: Ingress::Public,
            storage: PersistentStorage::None,
            scale_to_zero: ScaleToZero::Preferred,
            min_instances: 0,
            max_instances: Some(10),
            concurrency: Some(80),
            traffic: Traffic::Spiky,
            special: Vec::new(),
            compliance: Vec::new(),
            cloud: CloudChoice::Any,
            cloud_mode: CloudMode::Prefer,
            kubernetes: KubernetesSkill::None,
            existing_cluster: ExistingCluster::None,
            requests_per_month: Some(3_000_000),
            request_ms: Some(200),
            busy_hours_per_day: None,
            runs_per_month: None,
            minutes_per_run: None,
            cost_preference: CostPreference::BestFit,
            deploy: DeployDetails::default(),
            imported: None,
        };
        match self {
            Archetype::PublicWeb => {}
            Archetype::InternalService => {
                a.ingress = Ingress::Private;
                a.compliance = vec![Compliance::PrivateNetwork, Compliance::ManagedIdentity];
                a.traffic = Traffic::Steady;
                a.scale_to_zero = ScaleToZero::NotNeeded;
                a.min_instances = 1;
                a.protocols = vec![Protocol::Http1, Protocol::Grpc];
                a.requests_per_month = Some(10_000_000);
                a.request_ms = Some(100);
                a.deploy.name = "internal-api".into();
            }
            Archetype::EventWorker => {
                a.workload = WorkloadKind::Worker;
                a.ingress = Ingress::None;
                a.protocols = Vec::new();
                a.max_request_seconds = None;
                a.concurrency = None;
                a.traffic = Traffic::Spiky;
                a.requests_per_month = None;
                a.request_ms = None;
                a.busy_hours_per_day = Some(6.0);
                a.deploy.name = "queue-worker".into();
                a.deploy.health_path = String::new();
            }
            Archetype::BatchJob => {
                a.workload = WorkloadKind::Job;
                a.ingress = Ingress::None;
                a.protocols = Vec::new();
                a.vcpu = Some(2.0);
                a.memory_gib = Some(4.0);
                // A batch run stages its input and output files on local disk.
                a.ephemeral_storage_gib = Some(10.0);
                a.max_request_seconds = None;
                a.job_minutes = Some(30);
                a.concurrency = None;
                a.max_instances = None;
                a.traffic = Traffic::MostlyIdle;
                a.scale_to_zero = ScaleToZero::Required;
                a.requests_per_month = None;
                a.request_ms = None;
                a.runs_per_month = Some(30);
                a.minutes_per_run = Some(20);
                a.deploy.name = "nightly-batch".into();
                a.deploy.schedule = "0 3 * * *".into();
                a.deploy.health_path = String::new();
            }
            Archetype::GpuInference => {
                a.gpu = true;
                a.gpu_type = GpuChoice::NvidiaL4;
                a.vcpu = Some(4.0);
                a.memory_gib = Some(16.0);
                a.ephemeral_storage_gib = Some(20.0);
                a.max_request_seconds = Some(300);
                a.concurrency = Some(4);
                a.arch = ArchChoice::X86_64;
                a.requests_per_month = Some(500_000);
                a.request_ms = Some(1_500);
                a.deploy.name = "inference".into();
            }
            Archetype::WindowsApp => {
                a.os = Os::Windows;
                a.arch = ArchChoice::X86_64;
                a.vcpu = Some(2.0);
                a.memory_gib = Some(4.0);
                a.ephemeral_storage_gib = Some(20.0);
                a.scale_to_zero = ScaleToZero::NotNeeded;
                a.traffic = Traffic::Steady;
                a.min_instances = 1;
                a.requests_per_month = Some(1_000_000);
                a.request_ms = Some(300);
                a.deploy.name = "legacy-app".into();
                a.deploy.port = 80;
            }
            Archetype::Scratch => {
                a.vcpu = None;
                a.memory_gib = None;
                a.ephemeral_storage_gib = None;
                a.max_request_seconds = None;
                a.concurrency = None;
                a.traffic = Traffic::NotSure;
                a.requests_per_month = None;
                a.request_ms = None;
            }
        }
        a
    }
}

/// A problem with an answers document, naming the field to fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerError {
    /// Question id (JSON field), e.g. `memory_gib` or `deploy.port`.
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for AnswerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for AnswerError {}

mod by_question;
mod fields;
mod imported;
mod parse;
pub use by_question::named;
pub use imported::{FromFile, Imported, ImportedJson, Original};
pub use parse::{parse_answers, parse_answers_lenient, read_answers};
