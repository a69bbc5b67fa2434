//! Google Cloud: Cloud Run services (Knative-shaped YAML), Cloud Run jobs, and
//! Knative serving on GKE.

use serde::Serialize;

use super::k8s::{self, map, Container, KeyRef, Map, Meta, Object, Port, Resources, VolumeMount};
use super::yaml::YamlFile;
use super::{gcp_sa, sh, Bundle, Ctx, Target, GCP_PROJECT};
use crate::core::answers::{Compliance, GpuChoice, Ingress};

#[derive(Serialize)]
struct ServiceSpec {
    template: RevisionTemplate,
}

#[derive(Serialize)]
struct RevisionTemplate {
    metadata: Meta,
    spec: RevisionSpec,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RevisionSpec {
    container_concurrency: u32,
    timeout_seconds: u32,
    service_account_name: String,
    containers: Vec<Container>,
    #[serde(skip_serializing_if = "Map::is_empty")]
    node_selector: Map,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    volumes: Vec<k8s::Volume>,
}

#[derive(Serialize)]
struct JobSpec {
    template: ExecutionTemplate,
}

#[derive(Serialize)]
struct ExecutionTemplate {
    metadata: Meta,
    spec: ExecutionSpec,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ExecutionSpec {
    task_count: u32,
    parallelism: u32,
    template: TaskTemplate,
}

#[derive(Serialize)]
struct TaskTemplate {
    spec: TaskSpec,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TaskSpec {
    containers: Vec<Container>,
    max_retries: u32,
    timeout_seconds: u32,
    service_account_name: String,
}

const RUN_YAML_REF: &str = "https://cloud.google.com/run/docs/reference/yaml/v1";

fn cloud_run_gpu(g: GpuChoice) -> Option<&'static str> {
    match g {
        GpuChoice::Any | GpuChoice::NvidiaL4 => Some("nvidia-l4"),
        GpuChoice::NvidiaRtxPro6000 => Some("nvidia-rtx-pro-6000"),
        _ => None,
    }
}

/// The container as Cloud Run (`knative == false`) or Knative serving on GKE runs it.
fn container(c: &Ctx, knative: bool, gpu: bool) -> Container {
    let mut limits = map(&[("cpu", &c.k8s_cpu()), ("memory", &c.k8s_memory())]);
    if gpu {
        limits.insert("nvidia.com/gpu".into(), "1".into());
    }
    // Cloud Run runs gRPC health checks; Knative gets a TCP check for gRPC apps.
    let probe = |startup: bool| {
        let (period, failures) = if startup { (5, 24) } else { (20, 3) };
        c.http().then(|| k8s::probe(c, !knative, period, failures))
    };
    let secret = k8s::secret_name(c);
    let serves =
        c.http() || (c.a.workload == crate::core::answers::WorkloadKind::Worker && !knative);
    Container {
        name: c.name().into(),
        image: c.d.image.clone(),
        image_pull_policy: None,
        ports: if serves {
            vec![Port {
                name: Some(if c.h2c() { "h2c" } else { "http1" }).filter(|_| !knative || c.h2c()),
                container_port: c.d.port,
            }]
        } else {
            vec![]
        },
        env: k8s::env(c, |s| {
            if knative {
                KeyRef {
                    name: secret.clone(),
                    key: s.into(),
                }
            } else {
                KeyRef {
                    name: s.into(),
                    key: "latest".into(),
                }
            }
        }),
        resources: Resources {
            requests: if knative { limits.clone() } else { Map::new() },
            limits,
        },
        security_context: knative.then(|| k8s::hardened(true)),
        startup_probe: if knative { None } else { probe(true) },
        liveness_probe: if c.health().is_some() || (knative && c.http()) {
            probe(false)
        } else {
            None
        },
        readiness_probe: None,
        volume_mounts: if knative {
            vec![VolumeMount {
                name: "tmp",
                mount_path: "/tmp",
            }]
        } else {
            vec![]
        },
    }
}

pub(crate) fn render(c: &Ctx, b: &mut Bundle) {
    match c.target {
        Target::KnativeGke => knative_gke(c, b),
        Target::CloudRunJobs => cloud_run_job(c, b),
        _ if c.job() => cloud_run_job(c, b),
        _ => cloud_run_service(c, b),
    }
    if c.windows() || c.arm() {
        b.skip("os/arch", "Cloud Run and Knative on GKE here run Linux x86_64 images; the files assume linux/amd64.");
    }
}

fn secrets_steps(c: &Ctx, b: &mut Bundle, sa: &str) {
    for s in &c.d.secrets {
        b.step(format!("gcloud secrets create {s} --replication-policy=automatic --project {GCP_PROJECT}  # skip if it exists"));
        b.step(format!("printf %s \"$VALUE\" | gcloud secrets versions add {s} --data-file=- --project {GCP_PROJECT}"));
        b.step(format!(
            "gcloud secrets add-iam-policy-binding {s} --member=serviceAccount:{sa} --role=roles/secretmanager.secretAccessor --project {GCP_PROJECT}"
        ));
    }
}

fn cloud_run_service(c: &Ctx, b: &mut Bundle) {
    let as_of = c.as_of();
    let name = c.name().to_string();
    let region = sh(&c.region);
    let sa = gcp_sa(&name);
    let gpu = if c.a.gpu {
        cloud_run_gpu(c.a.gpu_type)
    } else {
        None
    };
    let internal = c.private() || !c.exposed();
    let mut svc_ann = map(&[(
        "run.googleapis.com/ingress",
        if internal { "internal" } else { "all" },
    )]);
    if c.has(Compliance::ImageSigning) {
        svc_ann.insert(
            "run.googleapis.com/binary-authorization".into(),
            "default".into(),
        );
    }
    // A concurrency cap comes with the size only below 1 vCPU, where Cloud Run also
    // requires request-based billing and the first-generation execution environment.
    let fractional = c.concurrency_cap.is_some();
    let always_on = (gpu.is_some() || !c.http()) && !fractional;
    let environment = if fractional { "gen1" } else { "gen2" };
    // A worker takes no requests, so requests alone would scale it to zero: one instance stays.
    let min = if c.http() { c.min() } else { c.min().max(1) };
    let mut rev_ann = map(&[
        ("autoscaling.knative.dev/minScale", &min.to_string()),
        ("autoscaling.knative.dev/maxScale", &c.max().to_string()),
        ("run.googleapis.com/execution-environment", environment),
        ("run.googleapis.com/startup-cpu-boost", "true"),
        (
            "run.googleapis.com/cpu-throttling",
            if always_on { "false" } else { "true" },
        ),
    ]);
    if c.has(Compliance::Cmek) {
        rev_ann.insert(
            "run.googleapis.com/encryption-key".into(),
            format!(
                "projects/{GCP_PROJECT}/locations/{}/keyRings/REPLACE/cryptoKeys/REPLACE",
                c.region
            ),
        );
    }
    let svc = Object {
        api_version: "serving.knative.dev/v1",
        kind: "Service",
        metadata: Meta {
            name: name.clone(),
            namespace: Some(GCP_PROJECT.into()),
            labels: map(&[("cloud.googleapis.com/location", &c.region)]),
            annotations: svc_ann,
        },
        spec: Some(ServiceSpec {
            template: RevisionTemplate {
                metadata: Meta {
                    annotations: rev_ann,
                    ..Meta::default()
                },
                spec: RevisionSpec {
                    container_concurrency: c.concurrency().min(1000),
                    timeout_seconds: c.request_seconds(),
                    service_account_name: sa.clone(),
                    containers: vec![container(c, false, gpu.is_some())],
                    node_selector: gpu
                        .map(|g| map(&[("run.googleapis.com/accelerator", g)]))
                        .unwrap_or_default(),
                    volumes: vec![],
                },
            },
        }),
    };
    let timeout_note = match c.request_max_text() {
        Some(max) => {
            format!("Longest request in seconds, from your answers (Cloud Run allows up to {max}).")
        }
        None => "Longest request in seconds, from your answers.".to_string(),
    };
    let mut y = YamlFile::new(&format!(
        "Cloud Run service: {name}.\nReference: {RUN_YAML_REF}\nGenerated by Berth, catalog as of {as_of}. Deploy with: gcloud run services replace service.yaml --region {}\n{}",
        c.region,
        c.image_note()
    ));
    y.doc(
        "",
        &svc,
        &[
            ("run.googleapis.com/ingress", if internal { "internal: reachable only from your VPC networks (and Shared VPC), not from the internet." } else { "all: reachable from the internet; who may call it is set by IAM (see the README)." }),
            ("autoscaling.knative.dev/minScale", "Instances kept warm (0 scales to zero when idle)."),
            ("run.googleapis.com/cpu-throttling", if always_on { "CPU stays allocated between requests (instance-based billing): needed for GPUs and background work." } else { "CPU is allocated only while a request is handled (request-based billing)." }),
            ("run.googleapis.com/execution-environment", if fractional { "gen1: below 1 vCPU Cloud Run requires the first-generation environment." } else { "gen2: the second-generation environment (full Linux compatibility)." }),
            ("containerConcurrency", if fractional { "1 request at a time: below 1 vCPU Cloud Run allows no more (see the README)." } else { "Requests one instance takes at once, from your answers." }),
            ("timeoutSeconds", &timeout_note),
            ("serviceAccountName", "Per-service identity; grant it only the roles the app needs."),
            ("secretKeyRef", "Secret Manager secret, latest version, read at instance start."),
            ("limits", "CPU and memory for this platform's size for your answers."),
        ],
    );
    y.trailer("Optional revision annotations (add under spec.template.metadata.annotations):\n  run.googleapis.com/network-interfaces: '[{\"network\":\"default\",\"subnetwork\":\"default\"}]'  # Direct VPC egress\n  run.googleapis.com/vpc-access-egress: private-ranges-only");
    b.file(
        "service.yaml",
        "Cloud Run service (gcloud run services replace).",
        y.finish(),
    );
    b.step(format!(
        "gcloud iam service-accounts create {} --project {GCP_PROJECT}",
        sa.split('@').next().unwrap_or_default()
    ));
    secrets_steps(c, b, &sa);
    b.step(format!(
        "gcloud run services replace service.yaml --region {region} --project {GCP_PROJECT}"
    ));
    if c.exposed() && !c.private() {
        b.step(format!(
            "gcloud run services add-iam-policy-binding {} --region {region} --member=allUsers --role=roles/run.invoker --project {GCP_PROJECT}  # public web: anyone may call it",
            sh(&name)
        ));
    }
    // The same service as one gcloud command, for those who prefer flags.
    let mut cmd = format!(
        "# Or, instead of the replace step: gcloud run deploy {} --image {} --region {region} --project {GCP_PROJECT} --port {} --cpu {} --memory {} --concurrency {} --timeout {} --min-instances {} --max-instances {} --ingress {} --service-account {sa} --execution-environment {environment} --cpu-boost",
        sh(&name),
        sh(&c.d.image),
        c.d.port,
        c.k8s_cpu(),
        c.k8s_memory(),
        c.concurrency().min(1000),
        c.request_seconds(),
        c.min(),
        c.max(),
        if internal { "internal" } else { "all" },
    );
    if always_on {
        cmd.push_str(" --no-cpu-throttling");
    }
    if c.h2c() {
        cmd.push_str(" --use-http2");
    }
    if let Some(g) = gpu {
        cmd.push_str(&format!(" --gpu 1 --gpu-type {g}"));
    }
    if !c.d.env.is_empty() {
        let values: Vec<String> =
            c.d.env
                .iter()
                .map(|e| k8s::literal_env_value(&e.value))
                .collect();
        // gcloud's alternate delimiter must appear in no value, or a value could split
        // into further variables; one is always found, as the values are finite.
        let delim = (0..)
            .map(|n: u32| match n {
                0 => "@@".to_string(),
                1 => "##".to_string(),
                2 => "%%".to_string(),
                3 => "~~".to_string(),
                n => format!("@{n}@"),
            })
            .find(|d| values.iter().all(|v| !v.contains(d.as_str())))
            .unwrap_or_default();
        let pairs: Vec<String> =
            c.d.env
                .iter()
                .zip(&values)
                .map(|(e, v)| format!("{}={v}", e.name))
                .collect();
        cmd.push_str(&format!(
            " --set-env-vars {}",
            sh(&format!("^{delim}^{}", pairs.join(&delim)))
        ));
    }
    if !c.d.secrets.is_empty() {
        let pairs: Vec<String> =
            c.d.secrets
                .iter()
                .map(|s| format!("{s}={s}:latest"))
                .collect();
        cmd.push_str(&format!(" --set-secrets {}", pairs.join(",")));
    }
    cmd.push_str(if c.exposed() && !c.private() {
        " --allow-unauthenticated"
    } else {
        " --no-allow-unauthenticated"
    });
    b.step(cmd);
    if !c.http() {
        b.skip(
            "workload: worker",
            "A Cloud Run service must still listen on its port to pass the startup probe; this one has ingress internal and always-allocated CPU. Cloud Run worker pools suit pull-based workers better; they are not generated here.",
        );
    }
    if c.a.gpu && gpu.is_none() {
        b.skip(
            "gpu_type",
            "Cloud Run offers NVIDIA L4 and RTX PRO 6000 only; pick one of those.",
        );
    }
    if c.private() {
        b.skip(
            "private network egress",
            "Ingress is internal; to reach private resources, add Direct VPC egress (the optional annotations at the end of service.yaml).",
        );
    }
    if c.has(Compliance::Cmek) {
        b.skip("compliance: cmek", "The encryption-key annotation names a placeholder Cloud KMS key; the Cloud Run service agent needs roles/cloudkms.cryptoKeyEncrypterDecrypter on it.");
    }
    b.skip(
        "read-only root file system, non-root user",
        "Cloud Run has no such settings (its file system is in memory and per instance); build the image with a non-root USER.",
    );
}

fn cloud_run_job(c: &Ctx, b: &mut Bundle) {
    let as_of = c.as_of();
    let name = c.name().to_string();
    let region = sh(&c.region);
    let sa = gcp_sa(&name);
    let mut ann = map(&[("run.googleapis.com/execution-environment", "gen2")]);
    if c.has(Compliance::Cmek) {
        ann.insert(
            "run.googleapis.com/encryption-key".into(),
            format!(
                "projects/{GCP_PROJECT}/locations/{}/keyRings/REPLACE/cryptoKeys/REPLACE",
                c.region
            ),
        );
    }
    // checkov reads this file as a Kubernetes Job; these pod settings don't exist on Cloud Run.
    let mut job_ann = map(&[
        ("checkov.io/skip1", "CKV_K8S_29=Cloud Run jobs take no pod or container securityContext"),
        ("checkov.io/skip2", "CKV_K8S_31=Cloud Run sandboxes every instance (gVisor or microVM); there is no seccomp setting"),
        ("checkov.io/skip3", "CKV_K8S_38=Cloud Run mounts no Kubernetes service account token"),
        ("checkov.io/skip4", "CKV_K8S_40=Cloud Run has no runAsUser setting; build the image with a non-root USER"),
    ]);
    if c.has(Compliance::ImageSigning) {
        job_ann.insert(
            "run.googleapis.com/binary-authorization".into(),
            "default".into(),
        );
    }
    let job = Object {
        api_version: "run.googleapis.com/v1",
        kind: "Job",
        metadata: Meta {
            name: name.clone(),
            namespace: Some(GCP_PROJECT.into()),
            labels: map(&[("cloud.googleapis.com/location", &c.region)]),
            annotations: job_ann,
        },
        spec: Some(JobSpec {
            template: ExecutionTemplate {
                metadata: Meta {
                    annotations: ann,
                    ..Meta::default()
                },
                spec: ExecutionSpec {
                    task_count: 1,
                    parallelism: 1,
                    template: TaskTemplate {
                        spec: TaskSpec {
                            containers: vec![container(c, false, false)],
                            max_retries: c.d.retries.into(),
                            timeout_seconds: c.job_seconds(),
                            service_account_name: sa.clone(),
                        },
                    },
                },
            },
        }),
    };
    let mut y = YamlFile::new(&format!(
        "Cloud Run job: {name}.\nReference: {RUN_YAML_REF}\nGenerated by Berth, catalog as of {as_of}. Deploy with: gcloud run jobs replace job.yaml --region {}\n{}",
        c.region,
        c.image_note()
    ));
    y.doc(
        "",
        &job,
        &[
            ("taskCount", "One task per execution; raise it (with parallelism) to split work by CLOUD_RUN_TASK_INDEX."),
            ("maxRetries", "Retries of a failed task (deploy.retries)."),
            ("timeoutSeconds", "Longest a task may run (job_minutes); Cloud Run allows up to 7 days."),
            ("serviceAccountName", "Per-job identity; grant it only the roles the job needs."),
        ],
    );
    b.file(
        "job.yaml",
        "Cloud Run job (gcloud run jobs replace).",
        y.finish(),
    );
    b.step(format!(
        "gcloud iam service-accounts create {} --project {GCP_PROJECT}",
        sa.split('@').next().unwrap_or_default()
    ));
    secrets_steps(c, b, &sa);
    b.step(format!(
        "gcloud run jobs replace job.yaml --region {region} --project {GCP_PROJECT}"
    ));
    b.step(format!(
        "gcloud run jobs execute {} --region {region} --project {GCP_PROJECT} --wait",
        sh(&name)
    ));
    if !c.d.schedule.is_empty() {
        b.step(format!(
            "gcloud run jobs add-iam-policy-binding {} --region {region} --member=serviceAccount:{sa} --role=roles/run.invoker --project {GCP_PROJECT}",
            sh(&name)
        ));
        b.step(format!(
            "gcloud scheduler jobs create http {} --location {region} --schedule {} --time-zone Etc/UTC --uri https://run.googleapis.com/v2/projects/{GCP_PROJECT}/locations/{}/jobs/{name}:run --http-method POST --oauth-service-account-email {sa} --project {GCP_PROJECT}",
            sh(&format!("{name}-schedule")),
            sh(&c.d.schedule),
            c.region
        ));
    }
    if c.a.gpu {
        b.skip("gpu", "The job form here has no GPU; Cloud Run jobs with GPUs are limited to 1 hour per task and need the GPU settings added by hand.");
    }
    if !c.job() {
        b.skip("workload", "A Cloud Run job runs to completion and takes no requests; the port, health path and ingress answers don't apply.");
    }
    if c.a.ingress != Ingress::None && c.job() {
        b.skip("ingress", "Jobs take no inbound traffic.");
    }
    b.skip(
        "read-only root file system, non-root user",
        "Cloud Run has no such settings (its file system is in memory and per instance); build the image with a non-root USER.",
    );
}

fn knative_gke(c: &Ctx, b: &mut Bundle) {
    let as_of = c.as_of();
    let name = c.name().to_string();
    let ns = sh(&name);
    let mut y = YamlFile::new(&format!(
        "Knative serving on GKE: {name}.\nReference: https://knative.dev/docs/serving/reference/serving-api/\nGenerated by Berth, catalog as of {as_of}. Apply with: kubectl apply -f knative.yaml\n{}",
        c.image_note()
    ));
    k8s::base_docs(c, &mut y, false);
    if c.job() {
        k8s::workload_docs(c, &mut y);
        b.skip("workload: job", "Knative serving runs request-driven services; the job is a plain Kubernetes Job/CronJob in the same cluster.");
    } else {
        let mut labels = k8s::labels(c);
        if c.private() || !c.exposed() {
            labels.insert(
                "networking.knative.dev/visibility".into(),
                "cluster-local".into(),
            );
        }
        let min = if c.http() { c.min() } else { c.min().max(1) };
        let rev_ann = map(&[
            ("autoscaling.knative.dev/min-scale", &min.to_string()),
            ("autoscaling.knative.dev/max-scale", &c.max().to_string()),
        ]);
        let mut ann = k8s::check_skips(c);
        ann.retain(|_, v| !v.starts_with("CKV_K8S_8") && !v.starts_with("CKV_K8S_9"));
        let svc = Object {
            api_version: "serving.knative.dev/v1",
            kind: "Service",
            metadata: Meta {
                name: name.clone(),
                namespace: Some(name.clone()),
                labels,
                annotations: ann,
            },
            spec: Some(ServiceSpec {
                template: RevisionTemplate {
                    metadata: Meta {
                        annotations: rev_ann,
                        ..Meta::default()
                    },
                    spec: RevisionSpec {
                        container_concurrency: c.concurrency().min(1000),
                        timeout_seconds: c.request_seconds(),
                        service_account_name: name.clone(),
                        containers: vec![container(c, true, false)],
                        node_selector: Map::new(),
                        volumes: vec![k8s::Volume {
                            name: "tmp",
                            empty_dir: k8s::EmptyDir { size_limit: "1Gi" },
                        }],
                    },
                },
            }),
        };
        y.doc(
            "Knative Service: scales on concurrent requests, to zero when min-scale is 0.",
            &svc,
            &[
                ("networking.knative.dev/visibility", "cluster-local: reachable only inside the cluster (private ingress)."),
                ("containerConcurrency", "Requests one pod takes at once, from your answers."),
                ("securityContext", "Non-root, read-only root file system, no privilege escalation, all capabilities dropped."),
                ("volumes", "Scratch space at /tmp; needs Knative's kubernetes.podspec-emptydir feature (on by default in recent releases)."),
            ],
        );
    }
    b.file(
        "knative.yaml",
        "Namespace, ServiceAccount and the Knative Service (kubectl apply -f).",
        y.finish(),
    );
    if !c.d.secrets.is_empty() {
        b.step(format!("kubectl create namespace {ns}"));
        let from: Vec<String> =
            c.d.secrets.iter().map(|s| format!("--from-literal={s}=\"$(gcloud secrets versions access latest --secret={s} --project {GCP_PROJECT})\"")).collect();
        b.step(format!(
            "kubectl create secret generic {} -n {ns} {}",
            sh(&k8s::secret_name(c)),
            from.join(" ")
        ));
    }
    b.step("kubectl apply -f knative.yaml");
    b.step(format!("kubectl get ksvc {ns} -n {ns}"));
    b.skip(
        "platform status",
        "Knative serving on GKE (formerly Cloud Run for Anthos) now lives under GKE Enterprise and Google offers a migration path to Cloud Run; check support before starting new work on it.",
    );
    if c.a.gpu {
        b.skip(
            "gpu",
            "GPU node pools and tolerations depend on the cluster; add them by hand.",
        );
    }
}
