//! Starter deploy manifests for the chosen platform.
//!
//! [`generate`] turns the answers and the size the engine picked into a [`Bundle`]:
//! native-format files (ECS task definition JSON, CloudFormation, Kubernetes, Knative,
//! ACI and Container Apps YAML, ARM templates), the CLI steps to deploy them, and a
//! list of what the answers asked for that the files do not carry, with the reason.
//!
//! Every body is a typed struct serialized by serde (`serde_json`, or `serde-saphyr`
//! through the `yaml` module); comments are whole `#` lines around the serialized data.
//! Defaults are secure: non-root, read-only root file system where the platform allows,
//! no privilege escalation, least-privilege roles, logging on, secrets from the
//! platform's secret store.

mod aws;
mod azure;
mod cfn;
mod google;
mod k8s;
mod migration;
mod scanner;
pub mod validate_input;
mod yaml;
pub mod zip;

use serde::Serialize;

use super::answers::{
    AnswerError, Answers, ArchChoice, Compliance, DeployDetails, Ingress, Os, Protocol,
    WorkloadKind,
};
use super::catalog::{catalog, Arch, Context, Fact, Limit, Platform, Resolved, Workload};
use super::limit_text::duration;
use super::report::{NormalizedSize, Size};

/// The request timeout the files use when the answer is "Not sure": five minutes, long
/// enough for ordinary web requests and within every platform's published limit.
const UNANSWERED_REQUEST_SECONDS: u32 = 300;
/// The job run time the files use when the answer is "Not sure".
const UNANSWERED_JOB_MINUTES: u32 = 60;

/// Placeholder account id in AWS ARNs: replace it with yours.
pub(crate) const AWS_ACCOUNT: &str = "123456789012";
/// Placeholder subscription id in Azure resource ids.
pub(crate) const AZURE_SUBSCRIPTION: &str = "00000000-0000-0000-0000-000000000000";
/// Placeholder Google Cloud project id.
pub(crate) const GCP_PROJECT: &str = "PROJECT_ID";

/// One generated file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ManifestFile {
    pub path: String,
    pub media_type: String,
    /// One line on what the file is and how it is used.
    pub about: String,
    pub contents: String,
}

/// Something the answers asked for that the files do not carry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NotTranslated {
    pub item: String,
    pub why: String,
}

/// The starter manifests for one platform.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Bundle {
    pub platform_id: String,
    pub files: Vec<ManifestFile>,
    /// CLI steps to deploy, in order.
    pub steps: Vec<String>,
    pub not_translated: Vec<NotTranslated>,
    /// What changed from the imported source to this target (empty unless the answers came from a file).
    pub migration_notes: Vec<String>,
}

impl Bundle {
    pub(crate) fn file(&mut self, path: &str, about: &str, contents: String) {
        let media_type = match path.rsplit('.').next() {
            Some("json") => "application/json",
            Some("yaml") => "application/yaml",
            Some("bicep") => "text/plain",
            _ => "text/markdown",
        };
        self.files.push(ManifestFile {
            path: path.into(),
            media_type: media_type.into(),
            about: about.into(),
            contents,
        });
    }

    pub(crate) fn step(&mut self, step: impl Into<String>) {
        self.steps.push(step.into());
    }

    pub(crate) fn skip(&mut self, item: &str, why: impl Into<String>) {
        self.not_translated.push(NotTranslated {
            item: item.into(),
            why: why.into(),
        });
    }

    /// The bundle as a store-only ZIP archive, files under a folder named after the platform.
    pub fn to_zip(&self) -> Vec<u8> {
        let paths: Vec<String> = self
            .files
            .iter()
            .map(|f| format!("{}/{}", self.platform_id, f.path))
            .collect();
        let entries: Vec<(&str, &[u8])> = self
            .files
            .iter()
            .zip(&paths)
            .map(|(f, p)| (p.as_str(), f.contents.as_bytes()))
            .collect();
        zip::write(&entries)
    }
}

/// The platform families a bundle can be made for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    FargateEcs,
    FargateEks,
    EcsExpress,
    Aci,
    AksVirtualNodes,
    CloudRun,
    CloudRunJobs,
    KnativeGke,
    ContainerApps,
    AppRunner,
    LambdaImage,
    GkeAutopilot,
}

impl Target {
    pub(crate) fn from_id(id: &str) -> Option<Target> {
        Some(match id {
            "fargate-ecs" => Target::FargateEcs,
            "fargate-eks" => Target::FargateEks,
            "ecs-express" => Target::EcsExpress,
            "aci" => Target::Aci,
            "aks-virtual-nodes" => Target::AksVirtualNodes,
            "cloud-run" => Target::CloudRun,
            "cloud-run-jobs" => Target::CloudRunJobs,
            "knative-gke" => Target::KnativeGke,
            "container-apps" => Target::ContainerApps,
            "app-runner" => Target::AppRunner,
            "lambda-image" => Target::LambdaImage,
            "gke-autopilot" => Target::GkeAutopilot,
            _ => return None,
        })
    }

    pub(crate) fn cloud(self) -> Cloud {
        match self {
            Target::FargateEcs
            | Target::FargateEks
            | Target::EcsExpress
            | Target::AppRunner
            | Target::LambdaImage => Cloud::Aws,
            Target::Aci | Target::AksVirtualNodes | Target::ContainerApps => Cloud::Azure,
            Target::CloudRun | Target::CloudRunJobs | Target::KnativeGke | Target::GkeAutopilot => {
                Cloud::Gcp
            }
        }
    }
}

pub(crate) use crate::core::deploy_rules::Cloud;

/// The size to generate for, as the engine normalized it.
#[derive(Clone, Debug, PartialEq)]
pub struct RunSize {
    pub size: Size,
    /// Requests one instance may take at once at this size, where the platform caps it
    /// (Cloud Run below 1 vCPU); the files set it and what comes with it.
    pub concurrency_cap: Option<u32>,
    /// Why the size differs from the answers, when it does; quoted in the README.
    pub explanation: Option<String>,
}

impl From<Size> for RunSize {
    fn from(size: Size) -> Self {
        RunSize {
            size,
            concurrency_cap: None,
            explanation: None,
        }
    }
}

impl From<&NormalizedSize> for RunSize {
    fn from(n: &NormalizedSize) -> Self {
        RunSize {
            size: n.size,
            concurrency_cap: n.concurrency_cap.as_ref().map(|c| c.max),
            explanation: n.adjusted.then(|| n.explanation.clone()),
        }
    }
}

/// The answers as the renderers need them, with defaults resolved.
pub(crate) struct Ctx<'a> {
    pub a: &'a Answers,
    pub d: &'a DeployDetails,
    pub size: Size,
    /// See [`RunSize::concurrency_cap`].
    pub concurrency_cap: Option<u32>,
    pub target: Target,
    pub region: String,
    /// The platform's catalog entry: every limit and date the files quote comes from it.
    pub platform: &'static Platform,
}

/// A time limit as the files apply it: the value used and what the catalog says.
pub(crate) struct TimeLimit {
    /// What the answers ask for (or the default for "Not sure").
    pub asked: u32,
    pub answered: bool,
    /// What the files use: `asked`, capped at a published maximum.
    pub seconds: u32,
    pub limit: Resolved<'static, Limit<u32>>,
}

impl Ctx<'_> {
    pub(crate) fn name(&self) -> &str {
        &self.d.name
    }
    pub(crate) fn http(&self) -> bool {
        self.a.workload == WorkloadKind::HttpService
    }
    pub(crate) fn job(&self) -> bool {
        self.a.workload == WorkloadKind::Job
    }
    /// An HTTP service that something connects to.
    pub(crate) fn exposed(&self) -> bool {
        self.http() && self.a.ingress != Ingress::None
    }
    /// Reachable only from a private network.
    pub(crate) fn private(&self) -> bool {
        self.a.ingress == Ingress::Private
            || self.a.compliance.contains(&Compliance::PrivateNetwork)
    }
    pub(crate) fn windows(&self) -> bool {
        self.a.os == Os::Windows
    }
    pub(crate) fn arm(&self) -> bool {
        self.a.arch == ArchChoice::Arm64 && !self.windows()
    }
    pub(crate) fn has(&self, c: Compliance) -> bool {
        self.a.compliance.contains(&c)
    }
    pub(crate) fn grpc(&self) -> bool {
        self.a.protocols.contains(&Protocol::Grpc)
    }
    /// HTTP/2 to the container (gRPC or end-to-end h2c).
    pub(crate) fn h2c(&self) -> bool {
        self.grpc() || self.a.protocols.contains(&Protocol::Http2)
    }
    pub(crate) fn min(&self) -> u32 {
        self.a.min_instances
    }
    pub(crate) fn max(&self) -> u32 {
        self.a
            .max_instances
            .unwrap_or(10)
            .max(self.a.min_instances)
            .max(1)
    }
    pub(crate) fn concurrency(&self) -> u32 {
        let wanted = self.a.concurrency.unwrap_or(80).max(1);
        self.concurrency_cap.map_or(wanted, |cap| wanted.min(cap))
    }
    /// The catalog's review date, which the files say they rest on.
    pub(crate) fn as_of(&self) -> &'static str {
        &catalog().reviewed
    }
    /// What the platform's conditional facts are matched against: these answers at this size.
    fn condition_context(&self) -> Context {
        Context {
            os: self.a.os,
            arch: match self.a.arch {
                ArchChoice::Either => None,
                ArchChoice::X86_64 => Some(Arch::X86_64),
                ArchChoice::Arm64 => Some(Arch::Arm64),
            },
            gpu: self.a.gpu,
            workload: match self.a.workload {
                WorkloadKind::HttpService => Workload::HttpService,
                WorkloadKind::Worker => Workload::Worker,
                WorkloadKind::Job => Workload::Job,
            },
            vcpu: self.size.vcpu,
        }
    }
    /// `asked` within the limit `fact` sets for these answers. A published maximum caps it;
    /// with no maximum, or none known, the answer is used as it is (the README says which).
    fn within(&self, asked: u32, answered: bool, fact: &'static Fact<Limit<u32>>) -> TimeLimit {
        let limit = fact.resolve(&self.condition_context());
        let seconds = match *limit.value {
            Limit::Max(max) => asked.min(max),
            Limit::Unlimited | Limit::Unknown => asked,
        };
        TimeLimit {
            asked,
            answered,
            seconds,
            limit,
        }
    }
    /// The longest request the files allow: the answer, within the platform's request limit.
    pub(crate) fn request_limit(&self) -> TimeLimit {
        let asked = self
            .a
            .max_request_seconds
            .unwrap_or(UNANSWERED_REQUEST_SECONDS)
            .max(1);
        let answered = self.a.max_request_seconds.is_some();
        self.within(asked, answered, &self.platform.max_request_seconds)
    }
    pub(crate) fn request_seconds(&self) -> u32 {
        self.request_limit().seconds
    }
    /// The longest a job task may run in the files: the answer, within the platform's limit.
    pub(crate) fn job_limit(&self) -> TimeLimit {
        let asked = self
            .a
            .job_minutes
            .unwrap_or(UNANSWERED_JOB_MINUTES)
            .max(1)
            .saturating_mul(60);
        let answered = self.a.job_minutes.is_some();
        self.within(asked, answered, &self.platform.max_job_seconds)
    }
    pub(crate) fn job_seconds(&self) -> u32 {
        self.job_limit().seconds
    }
    /// Why the files carry no GPU: the catalog's own words on the platform's GPUs.
    pub(crate) fn no_gpu_reason(&self) -> String {
        let gpus = &self.platform.gpus;
        match &gpus.note {
            Some(note) => format!(
                "{} offers no GPU in the catalog: {note}",
                self.platform.name
            ),
            None => format!("{} offers no GPU in the catalog.", self.platform.name),
        }
    }
    /// The platform's published maximum request time, as words, when it has one.
    pub(crate) fn request_max_text(&self) -> Option<String> {
        self.request_limit().limit.value.max().map(duration)
    }
    pub(crate) fn by_digest(&self) -> bool {
        self.d.image.contains("@sha256:")
    }
    pub(crate) fn health(&self) -> Option<&str> {
        Some(self.d.health_path.as_str()).filter(|p| self.http() && !p.is_empty())
    }
    /// The health path as an HTTP GET endpoint (a gRPC service's path is for gRPC checks only).
    pub(crate) fn http_health(&self) -> Option<&str> {
        self.health().filter(|_| !self.grpc())
    }
    /// Memory in MiB.
    pub(crate) fn mib(&self) -> u32 {
        (self.size.memory_gib * 1024.0).round() as u32
    }
    /// Kubernetes CPU quantity: whole cores as `2`, otherwise millicores.
    pub(crate) fn k8s_cpu(&self) -> String {
        let m = (self.size.vcpu * 1000.0).round() as u32;
        if m % 1000 == 0 {
            (m / 1000).to_string()
        } else {
            format!("{m}m")
        }
    }
    /// Kubernetes memory quantity: whole GiB as `4Gi`, otherwise MiB.
    pub(crate) fn k8s_memory(&self) -> String {
        let mib = self.mib();
        if mib % 1024 == 0 {
            format!("{}Gi", mib / 1024)
        } else {
            format!("{mib}Mi")
        }
    }
    /// The comment line about pinning the image.
    pub(crate) fn image_note(&self) -> &'static str {
        if self.by_digest() {
            "The image is pinned by digest: the exact image you tested is the one that runs."
        } else {
            "Pin the image by digest (name@sha256:...) so a re-pushed tag can't change what runs."
        }
    }
}

/// Makes the starter manifests for `platform_id`, sized at `run` (the engine's
/// normalized size for that platform, or a bare [`Size`]; it is used as given).
pub fn generate(
    platform_id: &str,
    answers: &Answers,
    run: impl Into<RunSize>,
) -> Result<Bundle, Vec<AnswerError>> {
    let run: RunSize = run.into();
    let (Some(target), Some(platform)) = (
        Target::from_id(platform_id),
        catalog().platform(platform_id),
    ) else {
        return Err(vec![AnswerError {
            field: "platform".into(),
            message: format!("unknown platform '{}'", platform_id.escape_debug()),
        }]);
    };
    validate_input::check(target, platform_id, answers)?;
    let region = if answers.deploy.region.is_empty() {
        match target.cloud() {
            Cloud::Aws => "us-east-1",
            Cloud::Azure => "eastus",
            Cloud::Gcp => "us-central1",
        }
        .to_string()
    } else {
        answers.deploy.region.clone()
    };
    let ctx = Ctx {
        a: answers,
        d: &answers.deploy,
        size: run.size,
        concurrency_cap: run.concurrency_cap,
        target,
        region,
        platform,
    };
    let mut b = Bundle {
        platform_id: platform_id.into(),
        files: Vec::new(),
        steps: Vec::new(),
        not_translated: Vec::new(),
        migration_notes: Vec::new(),
    };
    common_gaps(&ctx, &mut b);
    match target {
        Target::FargateEcs => aws::fargate_ecs(&ctx, &mut b),
        Target::EcsExpress => aws::ecs_express(&ctx, &mut b),
        Target::LambdaImage => aws::lambda(&ctx, &mut b),
        Target::AppRunner => aws::app_runner(&ctx, &mut b),
        Target::FargateEks | Target::AksVirtualNodes | Target::GkeAutopilot => {
            k8s::render(&ctx, &mut b)
        }
        Target::CloudRun | Target::CloudRunJobs | Target::KnativeGke => {
            google::render(&ctx, &mut b)
        }
        Target::Aci => azure::aci(&ctx, &mut b),
        Target::ContainerApps => azure::container_apps(&ctx, &mut b),
    }
    b.migration_notes = migration::notes(&ctx, platform_id);
    let readme = readme(&ctx, &b, run.explanation.as_deref());
    b.file(
        "README.md",
        "What is in this bundle, how to deploy it, and what it leaves out.",
        readme,
    );
    Ok(b)
}

/// Gaps that no renderer fills, whatever the platform.
fn common_gaps(c: &Ctx, b: &mut Bundle) {
    use super::answers::{PersistentStorage, SpecialNeed};
    if c.a.storage != PersistentStorage::None {
        b.skip(
            "storage",
            "No volume is declared: mount the file share or bucket (EFS, Azure Files, Cloud Storage) following the platform's volume docs; the starter files keep the workload stateless.",
        );
    }
    for need in &c.a.special {
        let (item, why) = match need {
            SpecialNeed::Privileged => ("special: privileged", "Serverless platforms refuse privileged containers; the files run unprivileged."),
            SpecialNeed::HostNetwork => ("special: host_network", "No serverless platform gives a container the host's network; the files use the platform's own networking."),
            SpecialNeed::Daemonset => ("special: daemonset", "A per-node agent has no place on serverless nodes; use the platform's built-in logging and monitoring instead."),
            SpecialNeed::Sidecars => ("special: sidecars", "The answers describe one image; add sidecar containers to the files by hand."),
            SpecialNeed::InitContainers => ("special: init_containers", "The answers describe one image; add init containers to the files by hand where the platform supports them."),
        };
        b.skip(item, why);
    }
    if c.has(Compliance::Confidential) {
        b.skip("compliance: confidential", "Confidential computing needs a platform-specific SKU and attestation policy; it is not set in these files.");
    }
    if c.http()
        && c.a
            .protocols
            .iter()
            .any(|p| matches!(p, Protocol::Udp | Protocol::Tcp))
    {
        b.skip("protocols: tcp/udp", "The files expose one HTTP port; raw TCP/UDP listeners need a network load balancer configured by hand.");
    }
}

fn readme(c: &Ctx, b: &Bundle, size_explanation: Option<&str>) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# Starter manifests: {} on {}\n",
        c.name(),
        b.platform_id
    );
    let _ = writeln!(
        s,
        "Generated by Berth from your answers, using platform facts as of {}. They are a starting point: review them, \
         replace every `REPLACE` placeholder (and the example account `{AWS_ACCOUNT}`, subscription `{AZURE_SUBSCRIPTION}` \
         or project `{GCP_PROJECT}`), and keep them in version control.\n",
        c.as_of()
    );
    let _ = writeln!(
        s,
        "Size: {} vCPU, {} GiB memory (the size this platform accepts for your request).\n",
        num(c.size.vcpu),
        num(c.size.memory_gib)
    );
    if let Some(why) = size_explanation {
        let _ = writeln!(s, "{why}\n");
    }
    if let Some(cap) = c.concurrency_cap {
        let _ = writeln!(
            s,
            "Concurrency: {cap} request(s) at a time per instance. At this size the platform allows no more, and the \
             files set what the same rule requires (on Cloud Run: request-based billing and the first-generation \
             execution environment). Berth kept this size because you answered a concurrency of {cap}; answer more \
             and it moves to the smallest size without the cap.\n"
        );
    }
    if let Some(warning) = lifecycle_warning(c.platform) {
        let _ = writeln!(s, "**{warning}**\n");
    }
    let _ = writeln!(s, "## Files\n");
    for f in &b.files {
        let _ = writeln!(s, "- `{}`: {}", f.path, f.about);
    }
    let _ = writeln!(s, "- `README.md`: this file.\n");
    let _ = writeln!(s, "## Deploy\n");
    // A fence longer than any run of backticks in the steps, so none can end it early.
    let longest = b
        .steps
        .iter()
        .flat_map(|st| st.split(|ch| ch != '`'))
        .map(str::len)
        .max()
        .unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    let _ = writeln!(s, "{fence}sh");
    for (i, step) in b.steps.iter().enumerate() {
        let _ = writeln!(s, "# {}.\n{step}", i + 1);
    }
    let _ = writeln!(s, "{fence}");
    let _ = writeln!(s, "\n## Time limits\n");
    for line in time_limit_lines(c) {
        let _ = writeln!(s, "- {line}");
    }
    let _ = writeln!(s, "\n## Secure defaults\n");
    for line in secure_defaults(c) {
        let _ = writeln!(s, "- {line}");
    }
    let findings = scanner::inherent(c);
    if !findings.is_empty() {
        let _ = writeln!(s, "\n## Security scanner findings\n");
        let _ = writeln!(
            s,
            "A scanner such as checkov reports these for the files: they follow from your answers and the platform. Each says why, and what to do instead:\n"
        );
        for f in findings {
            let _ = writeln!(
                s,
                "- `{}` ({}): {}. Instead, {}.",
                f.id, f.check, f.why, f.instead
            );
        }
    }
    if !b.migration_notes.is_empty() {
        let _ = writeln!(s, "\n## Migration notes\n");
        for line in &b.migration_notes {
            let _ = writeln!(s, "- {line}");
        }
    }
    let _ = writeln!(s, "\n## Not translated\n");
    if b.not_translated.is_empty() {
        let _ = writeln!(s, "Everything you answered is carried by the files.");
    } else {
        let _ = writeln!(s, "| answer | why, and what to do |\n|---|---|");
        for n in &b.not_translated {
            let _ = writeln!(
                s,
                "| {} | {} |",
                n.item.replace('|', "/"),
                n.why.replace('|', "/")
            );
        }
    }
    s
}

/// Why a platform should not take new work, from its catalog lifecycle; `None` when GA.
pub(crate) fn lifecycle_warning(p: &Platform) -> Option<String> {
    let lifecycle = &p.lifecycle.value;
    let what = lifecycle.status.phrase()?;
    let since = lifecycle
        .since
        .as_ref()
        .map(|d| format!(" since {d}"))
        .unwrap_or_default();
    let instead = lifecycle
        .successor
        .as_ref()
        .and_then(|id| catalog().platform(id))
        .map(|s| {
            format!(
                "; the vendor points new work to {} (platform `{}`)",
                s.name, s.id
            )
        })
        .unwrap_or_default();
    Some(format!("{} {what}{since}{instead}.", p.name))
}

/// The run-time limit for these answers: the value the files use wherever they set a
/// timeout, with what the catalog says about the platform's maximum and where it says it.
fn time_limit_lines(c: &Ctx) -> Vec<String> {
    let (what, t) = match c.a.workload {
        WorkloadKind::Job => ("Longest run of a job task", c.job_limit()),
        WorkloadKind::HttpService => ("Longest request", c.request_limit()),
        // A function's timeout bounds every invocation, a worker's too.
        WorkloadKind::Worker if c.target == Target::LambdaImage => {
            ("Longest invocation", c.request_limit())
        }
        WorkloadKind::Worker => {
            return vec!["A worker runs until it is stopped: the files set no time limit.".into()]
        }
    };
    let catalog_says = match *t.limit.value {
        Limit::Max(max) => format!("the platform allows up to {}", duration(max)),
        Limit::Unlimited => "the platform states no maximum".to_string(),
        Limit::Unknown => "the platform publishes no maximum that Berth could find, so check that \
                           it accepts this value before you rely on it"
            .to_string(),
    };
    let from = match (t.answered, t.seconds < t.asked) {
        (_, true) => format!(
            "your answer, {}, capped at the platform's maximum",
            duration(t.asked)
        ),
        (true, false) => "from your answers".to_string(),
        (false, false) => "Berth's default for a \"Not sure\" answer".to_string(),
    };
    let unconfirmed = if t.limit.is_confirmed() {
        ""
    } else {
        ", not yet confirmed on the vendor's own page"
    };
    vec![format!(
        "{what}: {}, {from}; the files use it wherever they set a timeout ({catalog_says}; \
         source: <{}>, checked {}{unconfirmed}).",
        duration(t.seconds),
        t.limit.source,
        t.limit.verified
    )]
}

fn secure_defaults(c: &Ctx) -> Vec<&'static str> {
    let mut v = vec![
        "Per-workload identity with only the permissions the workload needs; no stored cloud keys.",
        "Secrets come from the platform's secret store by name; no secret value appears in these files.",
        "Logs go to the platform's log service.",
    ];
    if !c.windows() {
        v.push("Non-root user, no privilege escalation and all Linux capabilities dropped wherever the platform exposes those settings (see the comments in the files).");
    }
    if c.private() {
        v.push("Private ingress: no public endpoint is created.");
    }
    v.push(c.image_note());
    v
}

/// Quotes a value for a shell command line; values with control characters use
/// bash's `$'...'` form, so a step always stays on one line.
pub(crate) fn sh(value: &str) -> String {
    if !value.is_empty()
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"@%+=:,./_-".contains(&b))
    {
        value.to_string()
    } else if value.chars().any(char::is_control) {
        let mut out = String::from("$'");
        for ch in value.chars() {
            match ch {
                '\\' => out.push_str("\\\\"),
                '\'' => out.push_str("\\'"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                c if c.is_ascii_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
                c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
                c => out.push(c),
            }
        }
        out.push('\'');
        out
    } else {
        format!("'{}'", value.replace('\'', r"'\''"))
    }
}

/// The Google service account for the app: 6 to 30 characters of the name.
pub(crate) fn gcp_sa(name: &str) -> String {
    let mut id: String = name.chars().take(30).collect();
    if id.len() < 6 {
        id.push_str("-app");
    }
    let id = id.trim_end_matches('-');
    format!("{id}@{GCP_PROJECT}.iam.gserviceaccount.com")
}

/// A number without a trailing `.0` (`0.25`, `2`).
pub(crate) fn num(v: f64) -> String {
    let s = format!("{v}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_quoting() {
        assert_eq!(sh("abc-1.2"), "abc-1.2");
        assert_eq!(sh("a b"), "'a b'");
        assert_eq!(sh("it's"), r"'it'\''s'");
        assert_eq!(sh(""), "''");
        assert_eq!(sh("$(x)"), "'$(x)'");
        assert_eq!(sh("a\nb'c\\"), r"$'a\nb\'c\\'");
    }

    /// What bash makes of the quoted value is the value itself.
    #[cfg(unix)]
    #[test]
    fn shell_quoting_round_trips_through_bash() {
        for v in [
            "plain",
            "a b",
            "it's",
            "$(rm -rf /)`x`",
            "a\n---\nkind: Secret",
            "tab\there\\",
            "é ü \u{85}",
        ] {
            let out = std::process::Command::new("bash")
                .arg("-c")
                .arg(format!("printf %s {}", sh(v)))
                .output();
            let Ok(out) = out else { return };
            assert_eq!(String::from_utf8_lossy(&out.stdout), v, "{}", sh(v));
        }
    }

    #[test]
    fn numbers_and_names() {
        assert_eq!(num(2.0), "2");
        assert_eq!(num(0.25), "0.25");
        assert_eq!(gcp_sa("web"), "web-app@PROJECT_ID.iam.gserviceaccount.com");
    }
}
