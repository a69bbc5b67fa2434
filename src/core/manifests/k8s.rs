//! Kubernetes objects, and the bundles for Fargate on EKS, AKS virtual nodes and GKE
//! Autopilot. The container and pod types are shared with the Knative renderers.

use std::collections::BTreeMap;

use serde::Serialize;

use super::yaml::YamlFile;
use super::{gcp_sa, sh, Bundle, Ctx, Target, AWS_ACCOUNT, GCP_PROJECT};
use crate::core::answers::{ArchChoice, GpuChoice};

pub(crate) type Map = BTreeMap<String, String>;

pub(crate) fn map(pairs: &[(&str, &str)]) -> Map {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[derive(Serialize, Default)]
pub(crate) struct Meta {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub labels: Map,
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub annotations: Map,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Object<S> {
    pub api_version: &'static str,
    pub kind: &'static str,
    pub metadata: Meta,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spec: Option<S>,
}

#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Container {
    pub name: String,
    pub image: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_pull_policy: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<Port>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub env: Vec<Env>,
    pub resources: Resources,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security_context: Option<SecurityContext>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub startup_probe: Option<Probe>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub liveness_probe: Option<Probe>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub readiness_probe: Option<Probe>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub volume_mounts: Vec<VolumeMount>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Port {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<&'static str>,
    pub container_port: u16,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Env {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_from: Option<ValueFrom>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ValueFrom {
    pub secret_key_ref: KeyRef,
}

#[derive(Serialize)]
pub(crate) struct KeyRef {
    pub name: String,
    pub key: String,
}

#[derive(Serialize, Default)]
pub(crate) struct Resources {
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub requests: Map,
    pub limits: Map,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SecurityContext {
    pub allow_privilege_escalation: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub privileged: Option<bool>,
    pub read_only_root_filesystem: bool,
    pub run_as_non_root: bool,
    pub run_as_user: u32,
    pub run_as_group: u32,
    pub capabilities: Drop,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seccomp_profile: Option<Seccomp>,
}

#[derive(Serialize)]
pub(crate) struct Drop {
    pub drop: [&'static str; 1],
}

#[derive(Serialize)]
pub(crate) struct Seccomp {
    #[serde(rename = "type")]
    pub kind: &'static str,
}

#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Probe {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_get: Option<HttpGet>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tcp_socket: Option<TcpSocket>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grpc: Option<TcpSocket>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period_seconds: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure_threshold: Option<u32>,
}

#[derive(Serialize)]
pub(crate) struct HttpGet {
    pub path: String,
    pub port: u16,
}

#[derive(Serialize)]
pub(crate) struct TcpSocket {
    pub port: u16,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct VolumeMount {
    pub name: &'static str,
    pub mount_path: &'static str,
}

#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PodSpec {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_account_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub automount_service_account_token: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restart_policy: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security_context: Option<PodSecurity>,
    pub containers: Vec<Container>,
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub node_selector: Map,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tolerations: Vec<Toleration>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub volumes: Vec<Volume>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PodSecurity {
    pub run_as_non_root: bool,
    pub run_as_user: u32,
    pub run_as_group: u32,
    pub fs_group: u32,
    pub seccomp_profile: Seccomp,
}

#[derive(Serialize)]
pub(crate) struct Toleration {
    pub key: &'static str,
    pub operator: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effect: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Volume {
    pub name: &'static str,
    pub empty_dir: EmptyDir,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EmptyDir {
    pub size_limit: &'static str,
}

#[derive(Serialize)]
pub(crate) struct Template {
    pub metadata: Meta,
    pub spec: PodSpec,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Selector {
    match_labels: Map,
}

#[derive(Serialize)]
struct DeploymentSpec {
    selector: Selector,
    template: Template,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ServiceSpec {
    #[serde(rename = "type")]
    kind: &'static str,
    selector: Map,
    ports: Vec<ServicePort>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ServicePort {
    name: &'static str,
    port: u16,
    target_port: u16,
    protocol: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    app_protocol: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct IngressSpec {
    ingress_class_name: &'static str,
    rules: Vec<IngressRule>,
}

#[derive(Serialize)]
struct IngressRule {
    http: IngressHttp,
}

#[derive(Serialize)]
struct IngressHttp {
    paths: Vec<IngressPath>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct IngressPath {
    path: &'static str,
    path_type: &'static str,
    backend: Backend,
}

#[derive(Serialize)]
struct Backend {
    service: BackendService,
}

#[derive(Serialize)]
struct BackendService {
    name: String,
    port: PortNumber,
}

#[derive(Serialize)]
struct PortNumber {
    number: u16,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct HpaSpec {
    scale_target_ref: TargetRef,
    min_replicas: u32,
    max_replicas: u32,
    metrics: Vec<Metric>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TargetRef {
    api_version: &'static str,
    kind: &'static str,
    name: String,
}

#[derive(Serialize)]
struct Metric {
    #[serde(rename = "type")]
    kind: &'static str,
    resource: MetricResource,
}

#[derive(Serialize)]
struct MetricResource {
    name: &'static str,
    target: MetricTarget,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MetricTarget {
    #[serde(rename = "type")]
    kind: &'static str,
    average_utilization: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct JobSpec {
    backoff_limit: u32,
    active_deadline_seconds: u32,
    ttl_seconds_after_finished: u32,
    template: Template,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CronJobSpec {
    schedule: String,
    time_zone: &'static str,
    concurrency_policy: &'static str,
    successful_jobs_history_limit: u32,
    failed_jobs_history_limit: u32,
    job_template: JobTemplate,
}

#[derive(Serialize)]
struct JobTemplate {
    spec: JobSpec,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NetworkPolicySpec {
    pod_selector: Selector,
    policy_types: [&'static str; 1],
    ingress: Vec<NetworkPolicyRule>,
}

#[derive(Serialize)]
struct NetworkPolicyRule {
    ports: Vec<NetworkPolicyPort>,
}

#[derive(Serialize)]
struct NetworkPolicyPort {
    port: u16,
    protocol: &'static str,
}

#[derive(Serialize)]
struct ConfigMap {
    #[serde(rename = "apiVersion")]
    api_version: &'static str,
    kind: &'static str,
    metadata: Meta,
    data: Map,
}

pub(crate) fn labels(c: &Ctx) -> Map {
    map(&[("app.kubernetes.io/name", c.name())])
}

/// Name of the Kubernetes Secret holding this app's secrets.
pub(crate) fn secret_name(c: &Ctx) -> String {
    format!("{}-secrets", c.name())
}

/// An env value kept literal: Kubernetes, Knative and Cloud Run expand `$(NAME)` in env
/// values, and read `$$` as one `$`, so every `$` is doubled.
pub(crate) fn literal_env_value(value: &str) -> String {
    value.replace('$', "$$")
}

pub(crate) fn env(c: &Ctx, secret_ref: impl Fn(&str) -> KeyRef) -> Vec<Env> {
    let mut v: Vec<Env> =
        c.d.env
            .iter()
            .map(|e| Env {
                name: e.name.clone(),
                value: Some(literal_env_value(&e.value)),
                value_from: None,
            })
            .collect();
    v.extend(c.d.secrets.iter().map(|s| Env {
        name: s.clone(),
        value: None,
        value_from: Some(ValueFrom {
            secret_key_ref: secret_ref(s),
        }),
    }));
    v
}

/// Container security settings; Knative refuses the `privileged` field, so it is left out there.
pub(crate) fn hardened(knative: bool) -> SecurityContext {
    SecurityContext {
        allow_privilege_escalation: false,
        privileged: (!knative).then_some(false),
        read_only_root_filesystem: true,
        run_as_non_root: true,
        run_as_user: 10001,
        run_as_group: 10001,
        capabilities: Drop { drop: ["ALL"] },
        seccomp_profile: Some(Seccomp {
            kind: "RuntimeDefault",
        }),
    }
}

/// A probe on the app's port: the gRPC health service for gRPC apps (`grpc`), otherwise
/// HTTP GET on the health path, or a TCP connect when there is none.
pub(crate) fn probe(c: &Ctx, grpc: bool, period: u32, failures: u32) -> Probe {
    let grpc = grpc && c.grpc();
    let http = c.http_health().filter(|_| !grpc);
    Probe {
        http_get: http.map(|p| HttpGet {
            path: p.into(),
            port: c.d.port,
        }),
        tcp_socket: (http.is_none() && !grpc).then_some(TcpSocket { port: c.d.port }),
        grpc: grpc.then_some(TcpSocket { port: c.d.port }),
        period_seconds: Some(period),
        failure_threshold: Some(failures),
    }
}

/// Liveness and readiness probes for an HTTP or gRPC service.
pub(crate) fn probes(c: &Ctx) -> (Option<Probe>, Option<Probe>) {
    if !c.http() {
        return (None, None);
    }
    (Some(probe(c, true, 20, 3)), Some(probe(c, true, 10, 3)))
}

/// The app container as plain Kubernetes runs it.
pub(crate) fn container(c: &Ctx, gpu: bool) -> Container {
    let mut res = map(&[("cpu", &c.k8s_cpu()), ("memory", &c.k8s_memory())]);
    if let Some(g) =
        c.a.ephemeral_storage_gib
            .filter(|_| c.target == Target::GkeAutopilot)
    {
        res.insert("ephemeral-storage".into(), format!("{}Gi", g.ceil() as u32));
    }
    if gpu {
        res.insert("nvidia.com/gpu".into(), "1".into());
    }
    let (liveness, readiness) = probes(c);
    let secret = secret_name(c);
    Container {
        name: c.name().into(),
        image: c.d.image.clone(),
        image_pull_policy: Some("Always"),
        ports: if c.http() {
            vec![Port {
                name: Some(if c.h2c() { "h2c" } else { "http" }),
                container_port: c.d.port,
            }]
        } else {
            vec![]
        },
        env: env(c, |s| KeyRef {
            name: secret.clone(),
            key: s.into(),
        }),
        resources: Resources {
            requests: res.clone(),
            limits: res,
        },
        security_context: Some(hardened(false)),
        startup_probe: None,
        liveness_probe: liveness,
        readiness_probe: readiness,
        volume_mounts: vec![VolumeMount {
            name: "tmp",
            mount_path: "/tmp",
        }],
    }
}

pub(crate) fn pod_spec(c: &Ctx, restart: Option<&'static str>) -> PodSpec {
    let gpu = c.a.gpu && c.target == Target::GkeAutopilot;
    let mut node_selector = Map::new();
    let mut tolerations = vec![];
    match c.target {
        Target::AksVirtualNodes => {
            node_selector = map(&[
                ("kubernetes.io/role", "agent"),
                ("kubernetes.io/os", "linux"),
                ("type", "virtual-kubelet"),
            ]);
            tolerations = vec![
                Toleration {
                    key: "virtual-kubelet.io/provider",
                    operator: "Exists",
                    effect: None,
                },
                Toleration {
                    key: "azure.com/aci",
                    operator: "Exists",
                    effect: Some("NoSchedule"),
                },
            ];
        }
        Target::GkeAutopilot => {
            if gpu {
                node_selector.insert(
                    "cloud.google.com/gke-accelerator".into(),
                    gke_accelerator(c.a.gpu_type).into(),
                );
            }
            if c.a.arch == ArchChoice::Arm64 {
                node_selector.insert("kubernetes.io/arch".into(), "arm64".into());
            }
        }
        _ => {}
    }
    PodSpec {
        service_account_name: Some(c.name().into()),
        automount_service_account_token: Some(false),
        restart_policy: restart,
        security_context: Some(PodSecurity {
            run_as_non_root: true,
            run_as_user: 10001,
            run_as_group: 10001,
            fs_group: 10001,
            seccomp_profile: Seccomp {
                kind: "RuntimeDefault",
            },
        }),
        containers: vec![container(c, gpu)],
        node_selector,
        tolerations,
        volumes: vec![Volume {
            name: "tmp",
            empty_dir: EmptyDir { size_limit: "1Gi" },
        }],
    }
}

fn gke_accelerator(g: GpuChoice) -> &'static str {
    match g {
        GpuChoice::NvidiaT4 => "nvidia-tesla-t4",
        GpuChoice::NvidiaA100 => "nvidia-tesla-a100",
        GpuChoice::NvidiaRtxPro6000 => "nvidia-rtx-pro-6000",
        GpuChoice::Any | GpuChoice::NvidiaL4 => "nvidia-l4",
    }
}

/// checkov suppressions that apply to every workload object, each with its reason.
pub(crate) fn check_skips(c: &Ctx) -> Map {
    let mut skips = vec![(
        "CKV_K8S_35",
        "secrets are passed as environment variables named in the answers; mount the Secret as files if the app can read them",
    )];
    if !c.by_digest() {
        skips.push((
            "CKV_K8S_43",
            "the answers give a version tag; pin the image by digest before production",
        ));
    }
    match c.target {
        Target::FargateEks => skips.push(("CKV2_K8S_6", "network policies are not enforced for Fargate pods; the pod's security group limits traffic")),
        Target::AksVirtualNodes => skips.push(("CKV2_K8S_6", "network policies are not enforced for pods on virtual nodes (ACI); the subnet's network security group limits traffic")),
        _ => {}
    }
    if !c.http() {
        skips.push(("CKV_K8S_8", "a worker or job serves no endpoint to probe"));
        skips.push(("CKV_K8S_9", "a worker or job serves no endpoint to probe"));
    }
    skips
        .iter()
        .enumerate()
        .map(|(i, (id, why))| (format!("checkov.io/skip{}", i + 1), format!("{id}={why}")))
        .collect()
}

fn meta(c: &Ctx, name: &str, annotations: Map) -> Meta {
    Meta {
        name: name.into(),
        namespace: Some(c.name().into()),
        labels: labels(c),
        annotations,
    }
}

const NOTES: &[(&str, &str)] = &[
    (
        "resources",
        "Requests equal limits: the size this platform runs at for your answers.",
    ),
    (
        "securityContext",
        "The whole pod runs as a non-root user with the runtime's default seccomp profile.",
    ),
    (
        "containers>securityContext",
        "Read-only root file system, no privilege escalation, all capabilities dropped.",
    ),
    (
        "automountServiceAccountToken",
        "The app does not call the Kubernetes API, so no API token is mounted.",
    ),
    (
        "volumes",
        "Writable scratch space at /tmp, since the root file system is read-only.",
    ),
];

fn doc_title(c: &Ctx) -> &'static str {
    match c.target {
        Target::FargateEks => "Amazon EKS on AWS Fargate",
        Target::AksVirtualNodes => "AKS virtual nodes (Azure Container Instances)",
        _ => "GKE Autopilot",
    }
}

/// How long a finished Job's pod is kept for its logs before Kubernetes deletes it (on
/// EKS Fargate a finished pod keeps billing until deleted). Berth's choice: one hour.
const FINISHED_JOB_TTL_SECONDS: u32 = 3600;

/// Adds the workload objects (Deployment + HPA, or Job/CronJob) to a file.
pub(crate) fn workload_docs(c: &Ctx, y: &mut YamlFile) {
    let name = c.name().to_string();
    let sel = labels(c);
    if c.job() {
        let job = JobSpec {
            backoff_limit: c.d.retries.into(),
            active_deadline_seconds: c.job_seconds(),
            ttl_seconds_after_finished: FINISHED_JOB_TTL_SECONDS,
            template: Template {
                metadata: Meta {
                    labels: sel.clone(),
                    ..Meta::default()
                },
                spec: pod_spec(c, Some("Never")),
            },
        };
        let job_notes: Vec<(&str, &str)> = NOTES
            .iter()
            .copied()
            .chain([
                ("image", c.image_note()),
                ("backoffLimit", "Retries of a failed run (deploy.retries)."),
                ("activeDeadlineSeconds", "Longest a run may take (job_minutes)."),
                ("ttlSecondsAfterFinished", "Finished pods are deleted after an hour, so they stop holding (and billing) resources."),
            ])
            .collect();
        if c.d.schedule.is_empty() {
            y.doc(
                "Job: runs once each time you apply it (delete it first to run it again).",
                &Object {
                    api_version: "batch/v1",
                    kind: "Job",
                    metadata: meta(c, &name, check_skips(c)),
                    spec: Some(job),
                },
                &job_notes,
            );
        } else {
            y.doc(
                &format!("CronJob: runs on '{}' (UTC).", c.d.schedule),
                &Object {
                    api_version: "batch/v1",
                    kind: "CronJob",
                    metadata: meta(c, &name, check_skips(c)),
                    spec: Some(CronJobSpec {
                        schedule: c.d.schedule.clone(),
                        time_zone: "Etc/UTC",
                        concurrency_policy: "Forbid",
                        successful_jobs_history_limit: 3,
                        failed_jobs_history_limit: 3,
                        job_template: JobTemplate { spec: job },
                    }),
                },
                &job_notes,
            );
        }
        return;
    }
    y.doc(
        "Deployment: no replicas field, because the HorizontalPodAutoscaler below owns the count.",
        &Object {
            api_version: "apps/v1",
            kind: "Deployment",
            metadata: meta(c, &name, check_skips(c)),
            spec: Some(DeploymentSpec {
                selector: Selector {
                    match_labels: sel.clone(),
                },
                template: Template {
                    metadata: Meta {
                        labels: sel.clone(),
                        ..Meta::default()
                    },
                    spec: pod_spec(c, None),
                },
            }),
        },
        &NOTES
            .iter()
            .copied()
            .chain([("image", c.image_note())])
            .collect::<Vec<_>>(),
    );
    y.doc(
        "HorizontalPodAutoscaler: keeps average CPU near 70% between your min and max instances.",
        &Object {
            api_version: "autoscaling/v2",
            kind: "HorizontalPodAutoscaler",
            metadata: meta(c, &name, Map::new()),
            spec: Some(HpaSpec {
                scale_target_ref: TargetRef {
                    api_version: "apps/v1",
                    kind: "Deployment",
                    name: name.clone(),
                },
                min_replicas: c.min().max(1),
                max_replicas: c.max(),
                metrics: vec![Metric {
                    kind: "Resource",
                    resource: MetricResource {
                        name: "cpu",
                        target: MetricTarget {
                            kind: "Utilization",
                            average_utilization: 70,
                        },
                    },
                }],
            }),
        },
        &[],
    );
}

/// The Namespace and the ServiceAccount. `restricted` turns on the Pod Security
/// "restricted" level for the namespace.
pub(crate) fn base_docs(c: &Ctx, y: &mut YamlFile, restricted: bool) {
    let name = c.name().to_string();
    let mut ns_labels = labels(c);
    if restricted {
        ns_labels.insert(
            "pod-security.kubernetes.io/enforce".into(),
            "restricted".into(),
        );
    }
    y.doc(
        if restricted {
            "Namespace for the app; Pod Security 'restricted' rejects pods that drop the secure defaults."
        } else {
            "Namespace for the app."
        },
        &Object::<()> {
            api_version: "v1",
            kind: "Namespace",
            metadata: Meta { name: name.clone(), labels: ns_labels, ..Meta::default() },
            spec: None,
        },
        &[],
    );
    let sa_annotations = match c.target {
        Target::FargateEks => map(&[(
            "eks.amazonaws.com/role-arn",
            &format!("arn:aws:iam::{AWS_ACCOUNT}:role/{name}-irsa"),
        )]),
        Target::GkeAutopilot | Target::KnativeGke => {
            map(&[("iam.gke.io/gcp-service-account", &gcp_sa(&name))])
        }
        _ => Map::new(),
    };
    let sa_intro = match c.target {
        Target::FargateEks => "ServiceAccount: IAM roles for service accounts (IRSA) gives the pods the role below; Fargate has no instance metadata.",
        Target::GkeAutopilot | Target::KnativeGke => "ServiceAccount: Workload Identity maps it to a Google service account.",
        _ => "ServiceAccount: the app's own identity in the cluster.",
    };
    y.doc(
        sa_intro,
        &Object::<()> {
            api_version: "v1",
            kind: "ServiceAccount",
            metadata: meta(c, &name, sa_annotations),
            spec: None,
        },
        &[],
    );
}

pub(crate) fn render(c: &Ctx, b: &mut Bundle) {
    let as_of = c.as_of();
    let name = c.name().to_string();
    let ns = sh(&name);
    let region = sh(&c.region);
    let mut y = YamlFile::new(&format!(
        "Kubernetes manifests: {name} on {}.\nReference: https://kubernetes.io/docs/reference/kubernetes-api/\nGenerated by Berth, catalog as of {as_of}. Apply with: kubectl apply -f kubernetes.yaml",
        doc_title(c)
    ));
    base_docs(c, &mut y, true);
    workload_docs(c, &mut y);
    if c.target == Target::GkeAutopilot {
        y.doc(
            if c.exposed() {
                "NetworkPolicy: only the app port accepts connections (enforced by GKE Dataplane V2)."
            } else {
                "NetworkPolicy: no inbound connections at all (enforced by GKE Dataplane V2)."
            },
            &Object {
                api_version: "networking.k8s.io/v1",
                kind: "NetworkPolicy",
                metadata: meta(c, &name, Map::new()),
                spec: Some(NetworkPolicySpec {
                    pod_selector: Selector { match_labels: labels(c) },
                    policy_types: ["Ingress"],
                    ingress: if c.exposed() {
                        vec![NetworkPolicyRule { ports: vec![NetworkPolicyPort { port: c.d.port, protocol: "TCP" }] }]
                    } else {
                        vec![]
                    },
                }),
            },
            &[],
        );
    }
    if c.exposed() {
        let mut svc_ann = Map::new();
        let kind = match c.target {
            Target::FargateEks => "ClusterIP",
            _ => "LoadBalancer",
        };
        if c.private() {
            match c.target {
                Target::AksVirtualNodes => {
                    svc_ann.insert(
                        "service.beta.kubernetes.io/azure-load-balancer-internal".into(),
                        "true".into(),
                    );
                }
                Target::GkeAutopilot => {
                    svc_ann.insert(
                        "networking.gke.io/load-balancer-type".into(),
                        "Internal".into(),
                    );
                }
                _ => {}
            }
        }
        let port = if kind == "LoadBalancer" {
            if c.grpc() || c.h2c() {
                443
            } else {
                80
            }
        } else {
            c.d.port
        };
        y.doc(
            match kind {
                "ClusterIP" => "Service: the Ingress below sends traffic straight to pod IPs.",
                _ if c.private() => {
                    "Service: an internal load balancer, reachable only from your network."
                }
                _ => "Service: a public load balancer.",
            },
            &Object {
                api_version: "v1",
                kind: "Service",
                metadata: meta(c, &name, svc_ann),
                spec: Some(ServiceSpec {
                    kind,
                    selector: labels(c),
                    ports: vec![ServicePort {
                        name: if c.h2c() { "h2c" } else { "http" },
                        port,
                        target_port: c.d.port,
                        protocol: "TCP",
                        app_protocol: c.h2c().then_some("kubernetes.io/h2c"),
                    }],
                }),
            },
            &[],
        );
        if c.target == Target::FargateEks {
            let mut ann = map(&[
                (
                    "alb.ingress.kubernetes.io/scheme",
                    if c.private() {
                        "internal"
                    } else {
                        "internet-facing"
                    },
                ),
                ("alb.ingress.kubernetes.io/target-type", "ip"),
                (
                    "alb.ingress.kubernetes.io/listen-ports",
                    r#"[{"HTTPS":443}]"#,
                ),
                (
                    "alb.ingress.kubernetes.io/certificate-arn",
                    &format!("arn:aws:acm:{}:{AWS_ACCOUNT}:certificate/REPLACE", c.region),
                ),
                (
                    "alb.ingress.kubernetes.io/ssl-policy",
                    "ELBSecurityPolicy-TLS13-1-2-2021-06",
                ),
            ]);
            if let Some(p) = c.health() {
                ann.insert(
                    "alb.ingress.kubernetes.io/healthcheck-path".into(),
                    p.into(),
                );
            }
            if c.grpc() {
                ann.insert(
                    "alb.ingress.kubernetes.io/backend-protocol-version".into(),
                    "GRPC".into(),
                );
                ann.insert("alb.ingress.kubernetes.io/success-codes".into(), "0".into());
            } else if c.h2c() {
                ann.insert(
                    "alb.ingress.kubernetes.io/backend-protocol-version".into(),
                    "HTTP2".into(),
                );
            }
            y.doc(
                "Ingress for the AWS Load Balancer Controller: an Application Load Balancer with IP targets (required on Fargate), HTTPS only.",
                &Object {
                    api_version: "networking.k8s.io/v1",
                    kind: "Ingress",
                    metadata: meta(c, &name, ann),
                    spec: Some(IngressSpec {
                        ingress_class_name: "alb",
                        rules: vec![IngressRule {
                            http: IngressHttp {
                                paths: vec![IngressPath {
                                    path: "/",
                                    path_type: "Prefix",
                                    backend: Backend { service: BackendService { name: name.clone(), port: PortNumber { number: c.d.port } } },
                                }],
                            },
                        }],
                    }),
                },
                &[("alb.ingress.kubernetes.io/certificate-arn", "Replace with your ACM certificate for the host name.")],
            );
        }
    }
    if c.target == Target::FargateEks {
        y.doc(
            "Fargate logging: Fluent Bit built into Fargate ships container logs to CloudWatch Logs (no DaemonSet needed).",
            &Object::<()> {
                api_version: "v1",
                kind: "Namespace",
                metadata: Meta { name: "aws-observability".into(), labels: map(&[("aws-observability", "enabled")]), ..Meta::default() },
                spec: None,
            },
            &[],
        );
        y.doc(
            "",
            &ConfigMap {
                api_version: "v1",
                kind: "ConfigMap",
                metadata: Meta { name: "aws-logging".into(), namespace: Some("aws-observability".into()), ..Meta::default() },
                data: map(&[(
                    "output.conf",
                    &format!(
                        "[OUTPUT]\n    Name cloudwatch_logs\n    Match *\n    region {}\n    log_group_name /eks/{name}\n    log_stream_prefix fargate-\n    auto_create_group true\n    log_retention_days 365\n",
                        c.region
                    ),
                )]),
            },
            &[],
        );
    }
    if c.target == Target::FargateEks {
        b.file("cluster.yaml", "eksctl cluster with a Fargate profile for the app's namespace (eksctl create cluster -f).", eksctl(c));
        b.step("eksctl create cluster -f cluster.yaml");
        b.step(format!(
            "aws iam attach-role-policy --role-name REPLACE-fargate-pod-execution-role --policy-arn arn:aws:iam::{AWS_ACCOUNT}:policy/REPLACE-fargate-logging  # logs:CreateLogStream, logs:PutLogEvents, logs:CreateLogGroup, logs:PutRetentionPolicy on /eks/{name}"
        ));
        if c.exposed() {
            b.step("helm repo add eks https://aws.github.io/eks-charts");
            b.step(format!(
                "helm install aws-load-balancer-controller eks/aws-load-balancer-controller -n kube-system --set clusterName={ns} --set serviceAccount.create=false --set serviceAccount.name=aws-load-balancer-controller --set region={region} --set vpcId=vpc-REPLACE"
            ));
        }
    }
    b.file(
        "kubernetes.yaml",
        "Kubernetes objects for the app (kubectl apply -f).",
        y.finish(),
    );
    if !c.d.secrets.is_empty() {
        b.step(format!("kubectl create namespace {ns}"));
        let from: Vec<String> = c
            .d
            .secrets
            .iter()
            .map(|s| {
                let fetch = match c.target.cloud() {
                    super::Cloud::Aws => format!("aws secretsmanager get-secret-value --secret-id {name}/{s} --query SecretString --output text --region {}", c.region),
                    super::Cloud::Azure => format!("az keyvault secret show --vault-name REPLACE-vault --name {} --query value -o tsv", s.replace('_', "-").to_lowercase()),
                    super::Cloud::Gcp => format!("gcloud secrets versions access latest --secret={s}"),
                };
                format!("--from-literal={s}=\"$({fetch})\"")
            })
            .collect();
        b.step(format!(
            "kubectl create secret generic {} -n {ns} {}",
            sh(&secret_name(c)),
            from.join(" ")
        ));
    }
    if c.target == Target::GkeAutopilot {
        b.step(format!("gcloud container clusters create-auto {ns}-cluster --region {region} --project {GCP_PROJECT}"));
        let sa = gcp_sa(&name);
        b.step(format!(
            "gcloud iam service-accounts create {} --project {GCP_PROJECT}",
            sa.split('@').next().unwrap_or_default()
        ));
        b.step(format!(
            "gcloud iam service-accounts add-iam-policy-binding {sa} --role roles/iam.workloadIdentityUser --member \"serviceAccount:{GCP_PROJECT}.svc.id.goog[{name}/{name}]\""
        ));
    }
    if c.target == Target::AksVirtualNodes {
        b.step("az aks enable-addons --addons virtual-node --resource-group REPLACE-resource-group --name REPLACE-cluster --subnet-name REPLACE-virtual-node-subnet");
    }
    b.step("kubectl apply -f kubernetes.yaml");
    gaps(c, b);
}

fn gaps(c: &Ctx, b: &mut Bundle) {
    match c.target {
        Target::FargateEks => {
            if c.a.gpu {
                b.skip(
                    "gpu",
                    "EKS on Fargate has no GPUs; use EKS Auto Mode or managed node groups.",
                );
            }
            if c.a.arch == ArchChoice::Arm64 || c.windows() {
                b.skip("os/arch", "EKS on Fargate runs Linux x86_64 pods only.");
            }
            b.skip(
                "size overhead",
                "Fargate adds 256 MB for the kubelet and rounds up to the next size it sells; check the CapacityProvisioned annotation on a running pod for the billed size.",
            );
            if c.a.min_instances == 0 {
                b.skip("min_instances: 0", "The HorizontalPodAutoscaler keeps at least one pod; Kubernetes does not scale to zero on requests without an add-on such as KEDA.");
            }
        }
        Target::AksVirtualNodes => {
            if c.a.gpu {
                b.skip("gpu", c.no_gpu_reason());
            }
            if c.windows() || c.a.arch == ArchChoice::Arm64 {
                b.skip("os/arch", "Virtual nodes run Linux x86_64 pods only.");
            }
            b.skip(
                "workload identity",
                "Virtual nodes don't support managed identity on the node; give the app credentials through a Kubernetes Secret or move it to a regular node pool.",
            );
            b.skip(
                "securityContext",
                "Not confirmed which pod securityContext fields ACI honours on virtual nodes; the files set them, verify on a test deployment.",
            );
            if c.a.min_instances == 0 {
                b.skip(
                    "min_instances: 0",
                    "The HorizontalPodAutoscaler keeps at least one pod.",
                );
            }
        }
        _ => {
            if c.windows() {
                b.skip("os: windows", "GKE Autopilot runs Linux nodes only.");
            }
            if c.exposed() && c.h2c() {
                b.skip("protocols: http2/grpc", "The Service is a layer-4 load balancer that passes HTTP/2 through; for an HTTPS load balancer in front, add a Gateway or Ingress with a BackendConfig.");
            }
            if c.a.min_instances == 0 {
                b.skip("min_instances: 0", "The HorizontalPodAutoscaler keeps at least one pod; Autopilot bills only the pods that run.");
            }
        }
    }
}

fn short(s: &str, max: usize) -> &str {
    &s[..s.len().min(max)]
}

fn eksctl(c: &Ctx) -> String {
    let as_of = c.as_of();
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct ClusterConfig {
        api_version: &'static str,
        kind: &'static str,
        metadata: ClusterMeta,
        iam: Iam,
        fargate_profiles: Vec<FargateProfile>,
        cloud_watch: CloudWatch,
    }
    #[derive(Serialize)]
    struct ClusterMeta {
        name: String,
        region: String,
        version: &'static str,
        tags: Map,
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Iam {
        with_oidc: bool,
        service_accounts: Vec<IamServiceAccount>,
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct IamServiceAccount {
        metadata: Meta,
        #[serde(skip_serializing_if = "Option::is_none")]
        role_name: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        role_only: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        attach_policy: Option<serde_json::Value>,
        #[serde(skip_serializing_if = "Option::is_none")]
        well_known_policies: Option<WellKnown>,
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct WellKnown {
        aws_load_balancer_controller: bool,
    }
    #[derive(Serialize)]
    struct FargateProfile {
        name: String,
        selectors: Vec<FargateSelector>,
    }
    #[derive(Serialize)]
    struct FargateSelector {
        namespace: String,
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct CloudWatch {
        cluster_logging: ClusterLogging,
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct ClusterLogging {
        enable_types: [&'static str; 3],
        log_retention_in_days: u32,
    }
    let name = c.name().to_string();
    let mut sas = vec![IamServiceAccount {
        metadata: Meta {
            name: name.clone(),
            namespace: Some(name.clone()),
            ..Meta::default()
        },
        role_name: Some(format!("{}-irsa", short(&name, 59))),
        role_only: Some(true),
        attach_policy: Some(serde_json::json!({
            "Version": "2012-10-17",
            "Statement": [{
                "Effect": "Allow",
                "Action": ["secretsmanager:GetSecretValue"],
                "Resource": format!("arn:aws:secretsmanager:{}:{AWS_ACCOUNT}:secret:{name}/*", c.region)
            }]
        })),
        well_known_policies: None,
    }];
    if c.exposed() {
        sas.push(IamServiceAccount {
            metadata: Meta {
                name: "aws-load-balancer-controller".into(),
                namespace: Some("kube-system".into()),
                ..Meta::default()
            },
            role_name: None,
            role_only: None,
            attach_policy: None,
            well_known_policies: Some(WellKnown {
                aws_load_balancer_controller: true,
            }),
        });
    }
    let cfg = ClusterConfig {
        api_version: "eksctl.io/v1alpha5",
        kind: "ClusterConfig",
        metadata: ClusterMeta {
            name: name.clone(),
            region: c.region.clone(),
            version: "1.33",
            tags: map(&[("app", &name)]),
        },
        iam: Iam {
            with_oidc: true,
            service_accounts: sas,
        },
        fargate_profiles: vec![
            FargateProfile {
                name: "system".into(),
                selectors: vec![FargateSelector {
                    namespace: "kube-system".into(),
                }],
            },
            FargateProfile {
                name: short(&name, 63).into(),
                selectors: vec![FargateSelector {
                    namespace: name.clone(),
                }],
            },
        ],
        cloud_watch: CloudWatch {
            cluster_logging: ClusterLogging {
                enable_types: ["api", "audit", "authenticator"],
                log_retention_in_days: 365,
            },
        },
    };
    let mut y = YamlFile::new(&format!(
        "eksctl cluster config: an EKS cluster whose pods in namespace '{name}' and kube-system run on AWS Fargate.\nReference: https://eksctl.io/usage/schema/ and https://eksctl.io/usage/fargate/\nGenerated by Berth, catalog as of {as_of}. Create with: eksctl create cluster -f cluster.yaml"
    ));
    y.doc(
        "",
        &cfg,
        &[
            ("withOIDC", "Enables IAM roles for service accounts (IRSA)."),
            ("roleOnly", "eksctl creates the IAM role; the ServiceAccount in kubernetes.yaml carries its ARN."),
            ("attachPolicy", "Least privilege: this app's own secrets only. Add what your code calls."),
            ("fargateProfiles", "Pods in these namespaces run on Fargate; kube-system hosts CoreDNS."),
            ("clusterLogging", "Control-plane audit and API logs to CloudWatch Logs."),
        ],
    );
    y.trailer("Optional: put the cluster in an existing VPC (private subnets for Fargate):\nvpc:\n  id: vpc-REPLACE\n  subnets:\n    private:\n      a: { id: subnet-REPLACE-a }\n      b: { id: subnet-REPLACE-b }");
    y.finish()
}
