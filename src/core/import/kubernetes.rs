//! Kubernetes: Deployment, StatefulSet, DaemonSet, Job and CronJob, with the Service and
//! HorizontalPodAutoscaler that go with them. The container reader is shared with Cloud
//! Run and Knative, whose services and jobs use the same container shape.

use serde_json::Value;

use crate::core::answers::{
    ArchChoice, GpuChoice, Ingress, Os, PersistentStorage, Protocol, SpecialNeed, WorkloadKind,
};

use super::container::{containers, skip_command, skip_mounts};
use super::node::Node;
use super::provenance::Draft;
use super::schedule;
use super::units::{k8s_cpu, memory_gib, tidy_gib};

/// The workload kinds this reader takes.
pub const WORKLOAD_KINDS: [&str; 5] = ["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"];
/// Kinds that describe nothing the answers hold; read without comment.
pub const QUIET_KINDS: [&str; 6] = [
    "Namespace",
    "ServiceAccount",
    "NetworkPolicy",
    "PodDisruptionBudget",
    "Service",
    "HorizontalPodAutoscaler",
];

pub fn is_kubernetes(doc: &Value) -> bool {
    doc.get("apiVersion").is_some() && doc.get("kind").is_some()
}

fn kind(doc: &Value) -> &str {
    doc.get("kind").and_then(Value::as_str).unwrap_or("")
}

fn name(doc: &Value) -> &str {
    doc.pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or("")
}

/// The file's documents, and those a workload read beside its own (an Ingress routing to
/// its Service, a ConfigMap its variables come from), which are then not listed as unread.
pub struct Documents<'a> {
    all: &'a [Value],
    read: Vec<usize>,
}

impl<'a> Documents<'a> {
    pub fn new(all: &'a [Value]) -> Documents<'a> {
        Documents {
            all,
            read: Vec::new(),
        }
    }

    /// The documents of `kinds`, each with its index and its root node.
    fn of_kind(&self, kinds: &[&str]) -> Vec<(usize, Node<'a>)> {
        self.all
            .iter()
            .enumerate()
            .filter(|(_, doc)| kinds.contains(&kind(doc)))
            .map(|(i, doc)| (i, Node::root(doc, &format!("{} {}", kind(doc), name(doc)))))
            .collect()
    }

    /// The document of `kind` named `wanted`, with its index.
    fn named(&self, kind: &str, wanted: &str) -> Option<(usize, Node<'a>)> {
        self.of_kind(&[kind])
            .into_iter()
            .find(|(_, n)| name(n.value) == wanted)
    }
}

/// Kinds that route outside traffic to a Service.
const ROUTE_KINDS: [&str; 2] = ["Ingress", "HTTPRoute"];

/// One draft per workload document; Services and autoscalers attach to theirs.
pub fn read(docs: &[Value]) -> Vec<Draft> {
    let mut drafts = Vec::new();
    for doc in docs {
        let k = kind(doc);
        if !WORKLOAD_KINDS.contains(&k) {
            continue;
        }
        let prefix = if docs.len() > 1 {
            format!("{k} {}", name(doc))
        } else {
            String::new()
        };
        let root = Node::root(doc, &prefix);
        let mut d = Draft::new(&format!("Kubernetes {k}"), name(doc));
        let mut related = Documents::new(docs);
        workload(&mut d, &root, k, &mut related);
        for (i, other) in docs.iter().enumerate() {
            let k = kind(other);
            let unread = !WORKLOAD_KINDS.contains(&k)
                && !QUIET_KINDS.contains(&k)
                && !k.is_empty()
                && !related.read.contains(&i);
            if unread {
                d.skip(format!(
                    "{k} '{}' (not read; carry it over by hand)",
                    name(other)
                ));
            }
        }
        drafts.push(d);
    }
    drafts
}

fn workload(d: &mut Draft, root: &Node, k: &str, docs: &mut Documents) {
    let kind_node = root.get("kind").expect("kind was checked");
    let pod = match k {
        "CronJob" => root.at(&["spec", "jobTemplate", "spec", "template", "spec"]),
        _ => root.at(&["spec", "template", "spec"]),
    };
    match k {
        "Job" | "CronJob" => {
            d.kind = Some((WorkloadKind::Job, kind_node.source()));
            let job = match k {
                "CronJob" => root.at(&["spec", "jobTemplate", "spec"]),
                _ => root.get("spec"),
            };
            if let Some(job) = job {
                if let Some(n) = job.get("activeDeadlineSeconds") {
                    if let Some(secs) = n.uint() {
                        d.job_minutes = Some((secs.div_ceil(60).max(1) as u32, n.source()));
                    }
                }
                if let Some(n) = job.get("backoffLimit") {
                    if let Some(r) = n.uint() {
                        d.retries = Some((r.min(255) as u8, n.source()));
                    }
                }
            }
            if let Some(s) = root.at(&["spec", "schedule"]) {
                schedule::read(d, &s);
                if let Some(tz) = root.at(&["spec", "timeZone"]).and_then(|t| t.text()) {
                    if !matches!(tz.as_str(), "UTC" | "Etc/UTC") {
                        d.skip(format!(
                            "spec.timeZone: '{tz}' (Berth schedules in UTC; shift the hours)"
                        ));
                    }
                }
            }
        }
        "StatefulSet" => {
            if let Some(t) = root.at(&["spec", "volumeClaimTemplates"]) {
                d.storage = Some((PersistentStorage::Block, t.source()));
            }
        }
        "DaemonSet" => d.special(SpecialNeed::Daemonset, kind_node.source()),
        _ => {}
    }
    if matches!(k, "Deployment" | "StatefulSet") {
        if let Some(r) = root.at(&["spec", "replicas"]) {
            if let Some(n) = r.uint() {
                d.min_instances = Some((n as u32, r.source()));
                d.max_instances = Some((n.max(1) as u32, r.source()));
            }
        }
        hpa(d, name(root.value), k, docs.all);
    }
    if let Some(pod) = pod {
        pod_spec(d, &pod, docs);
    }
    if !matches!(k, "Job" | "CronJob") {
        let service = service(d, root, docs);
        if d.kind.is_none() {
            let http = d.port.is_some() || service;
            d.kind = Some(if http {
                (WorkloadKind::HttpService, "a container port".into())
            } else {
                (WorkloadKind::Worker, "no container port or Service".into())
            });
            if let Some((_, s)) = &d.port {
                d.kind = Some((WorkloadKind::HttpService, s.clone()));
            }
        }
    }
}

fn hpa(d: &mut Draft, target: &str, kind: &str, docs: &[Value]) {
    for doc in docs {
        if self::kind(doc) != "HorizontalPodAutoscaler" {
            continue;
        }
        let root = Node::root(doc, &format!("HorizontalPodAutoscaler {}", name(doc)));
        let Some(spec) = root.get("spec") else {
            continue;
        };
        let aims_here = spec
            .at(&["scaleTargetRef", "name"])
            .and_then(|n| n.text())
            .is_some_and(|n| n == target)
            && spec
                .at(&["scaleTargetRef", "kind"])
                .and_then(|n| n.text())
                .is_none_or(|n| n == kind);
        if !aims_here {
            continue;
        }
        if let Some(n) = spec.get("minReplicas") {
            if let Some(v) = n.uint() {
                d.min_instances = Some((v as u32, n.source()));
            }
        } else {
            d.min_instances = Some((1, format!("{}: (unset, so 1)", spec.path())));
        }
        if let Some(n) = spec.get("maxReplicas") {
            if let Some(v) = n.uint() {
                d.max_instances = Some((v as u32, n.source()));
            }
        }
    }
}

/// Reads the Service that selects this workload's pods: its type says who can reach it,
/// its ports' protocols what they speak. True when there is one.
fn service(d: &mut Draft, root: &Node, docs: &mut Documents) -> bool {
    let labels = root
        .at(&["spec", "template", "metadata", "labels"])
        .map(|l| l.value.clone())
        .unwrap_or(Value::Null);
    let mut found = false;
    for (_, svc) in docs.of_kind(&["Service"]) {
        let Some(selector) = svc.at(&["spec", "selector"]) else {
            continue;
        };
        let matches = selector
            .entries()
            .iter()
            .all(|(k, v)| labels.get(*k) == Some(v.value))
            && !selector.entries().is_empty();
        if !matches {
            continue;
        }
        found = true;
        let ty = svc.at(&["spec", "type"]);
        let ingress = match ty.as_ref().and_then(|t| t.text()).as_deref() {
            Some("LoadBalancer") => {
                let internal = svc
                    .at(&["metadata", "annotations"])
                    .map(|a| {
                        a.entries().iter().any(|(k, v)| {
                            k.contains("internal") && v.text().is_some_and(|t| t != "false")
                        })
                    })
                    .unwrap_or(false);
                if internal {
                    Ingress::Private
                } else {
                    Ingress::Public
                }
            }
            Some("NodePort") => Ingress::Public,
            _ => Ingress::Private,
        };
        let source = ty
            .map(|t| t.source())
            .unwrap_or_else(|| format!("{}.spec.type: (unset, so ClusterIP)", svc.path()));
        d.ingress = Some((ingress, source));
        routes(d, name(svc.value), docs);
        if let Some(ports) = svc.at(&["spec", "ports"]) {
            // The Service's first port is where its traffic goes; `targetPort` defaults
            // to `port`.
            let container = root.at(&["spec", "template", "spec", "containers"]);
            let first = container
                .as_ref()
                .and_then(|c| c.items().into_iter().next());
            let target = ports
                .items()
                .into_iter()
                .next()
                .and_then(|p| p.get("targetPort").or_else(|| p.get("port")));
            if let Some(t) = target {
                if let Some(port) = target_port(&t, first.as_ref()) {
                    d.port = Some((port, t.source()));
                }
            }
            for p in ports.items() {
                let proto = p
                    .get("appProtocol")
                    .and_then(|a| a.text())
                    .unwrap_or_default();
                let pname = p.get("name").and_then(|a| a.text()).unwrap_or_default();
                let extra = protocol_from_name(&format!("{proto} {pname}"));
                if let Some(extra) = extra {
                    add_protocol(d, extra, p.source());
                }
                if p.get("protocol").and_then(|x| x.text()).as_deref() == Some("UDP") {
                    add_protocol(d, Protocol::Udp, p.source());
                }
            }
        }
    }
    found
}

/// Reads each Ingress or HTTPRoute that sends traffic to the Service `service`: one the
/// internet reaches makes the workload's ingress public, whatever the Service's type (a
/// ClusterIP Service is how an Ingress usually reaches pods). Its hosts, paths and TLS
/// have no answer and are listed.
fn routes(d: &mut Draft, service: &str, docs: &mut Documents) {
    for (i, route) in docs.of_kind(&ROUTE_KINDS) {
        let Some(backend) = route_backends(&route)
            .into_iter()
            .find(|b| b.text().as_deref() == Some(service))
        else {
            continue;
        };
        docs.read.push(i);
        let k = kind(route.value);
        // An HTTPRoute is as internal as the Gateways it attaches to: read those in the
        // file, and say so when one is not there.
        let mut internal = internal_load_balancer(&route);
        let mut unseen = Vec::new();
        for gateway in parent_gateways(&route) {
            match docs.named("Gateway", &gateway) {
                Some((g, node)) => {
                    docs.read.push(g);
                    internal |= internal_load_balancer(&node);
                }
                None => unseen.push(gateway),
            }
        }
        if internal {
            if !matches!(d.ingress, Some((Ingress::Public, _))) {
                let why = format!("an internal {k} routes to Service {service}: private");
                d.ingress = Some((Ingress::Private, format!("{} ({why})", backend.source())));
            }
        } else if unseen.is_empty() {
            let why = format!("an {k} routes to Service {service}: public");
            d.ingress = Some((Ingress::Public, format!("{} ({why})", backend.source())));
        } else {
            let why = format!(
                "an {k} routes to Service {service}: public, as Gateway '{}' is not in the file; set ingress to private if it is internal",
                unseen.join("', '")
            );
            d.ingress = Some((Ingress::Public, format!("{} ({why})", backend.source())));
        }
        d.skip(format!(
            "{k} '{}' (read as the ingress; its hosts, paths and TLS are not carried: point your domain at the target and set up its certificate there)",
            name(route.value)
        ));
    }
}

/// The nodes naming the Services an Ingress (`networking.k8s.io/v1`, or the older
/// `serviceName`) or a Gateway API HTTPRoute sends traffic to.
fn route_backends<'a>(route: &Node<'a>) -> Vec<Node<'a>> {
    let mut names = Vec::new();
    let service = |b: Option<Node<'a>>| {
        b.and_then(|b| b.at(&["service", "name"]).or_else(|| b.get("serviceName")))
    };
    names.extend(service(route.at(&["spec", "defaultBackend"])));
    names.extend(service(route.at(&["spec", "backend"])));
    for rule in route
        .at(&["spec", "rules"])
        .map(|r| r.items())
        .unwrap_or_default()
    {
        for path in rule
            .at(&["http", "paths"])
            .map(|p| p.items())
            .unwrap_or_default()
        {
            names.extend(service(path.get("backend")));
        }
        for r in rule
            .get("backendRefs")
            .map(|b| b.items())
            .unwrap_or_default()
        {
            let service = r
                .get("kind")
                .and_then(|k| k.text())
                .is_none_or(|k| k == "Service");
            if let Some(n) = r.get("name").filter(|_| service) {
                names.push(n);
            }
        }
    }
    names
}

/// The names of the Gateways an HTTPRoute attaches to (`spec.parentRefs` of kind Gateway,
/// the default kind).
fn parent_gateways(route: &Node) -> Vec<String> {
    route
        .at(&["spec", "parentRefs"])
        .map(|p| p.items())
        .unwrap_or_default()
        .into_iter()
        .filter(|r| {
            r.get("kind")
                .and_then(|k| k.text())
                .is_none_or(|k| k == "Gateway")
        })
        .filter_map(|r| r.get("name").and_then(|n| n.text()))
        .collect()
}

/// Whether an Ingress or a Gateway asks for an internal load balancer: an internal class
/// (`gce-internal`, `nginx-internal`, GKE's internal Gateway classes such as `gke-l7-rilb`
/// and `gke-l7-cross-regional-internal-managed-mc`), an internal scheme or load-balancer
/// type (`alb.ingress.kubernetes.io/scheme: internal`,
/// `networking.gke.io/load-balancer-type: Internal`), or an annotation for an internal or
/// private address (`appgw.ingress.kubernetes.io/use-private-ip: "true"`), on the object
/// or, for a Gateway, on the load balancer it provisions (`spec.infrastructure`).
fn internal_load_balancer(route: &Node) -> bool {
    let class = route
        .at(&["spec", "ingressClassName"])
        .or_else(|| route.at(&["spec", "gatewayClassName"]))
        .and_then(|c| c.text())
        .unwrap_or_default();
    let annotations = [
        route.at(&["metadata", "annotations"]),
        route.at(&["spec", "infrastructure", "annotations"]),
    ]
    .into_iter()
    .flatten()
    .flat_map(|a| a.entries())
    .collect::<Vec<_>>();
    class.contains("internal")
        || class.contains("rilb")
        || annotations.iter().any(|(key, v)| {
            let value = v.text().unwrap_or_default();
            let names_class = *key == "kubernetes.io/ingress.class"
                || key.ends_with("scheme")
                || key.ends_with("load-balancer-type");
            (names_class && value.to_ascii_lowercase().contains("internal"))
                || ((key.contains("internal") || key.contains("private-ip")) && value != "false")
        })
}

/// The port the readiness probe checks (else the liveness, else the startup probe's), by
/// number or by a container port's name: the port the app answers on, where the first one
/// listed may be for metrics.
fn probe_port<'a>(c: &Node<'a>) -> Option<Node<'a>> {
    ["readinessProbe", "livenessProbe", "startupProbe"]
        .into_iter()
        .find_map(|probe| {
            ["httpGet", "tcpSocket", "grpc"]
                .into_iter()
                .find_map(|check| c.at(&[probe, check, "port"]))
        })
}

/// The container port a Service's `targetPort` (a number, or a container port's name)
/// sends its traffic to.
fn target_port(target: &Node, container: Option<&Node>) -> Option<u16> {
    if let Some(n) = target.uint() {
        return Some(n.clamp(1, 65535) as u16);
    }
    let name = target.text()?;
    container?
        .get("ports")?
        .items()
        .into_iter()
        .find(|p| p.get("name").and_then(|n| n.text()).as_deref() == Some(name.as_str()))?
        .get("containerPort")?
        .uint()
        .map(|n| n.clamp(1, 65535) as u16)
}

fn protocol_from_name(text: &str) -> Option<Protocol> {
    let t = text.to_ascii_lowercase();
    if t.contains("grpc") {
        Some(Protocol::Grpc)
    } else if t.contains("h2c") || t.contains("http2") {
        Some(Protocol::Http2)
    } else if t.contains("ws") && t.contains("websocket") {
        Some(Protocol::Websockets)
    } else {
        None
    }
}

fn add_protocol(d: &mut Draft, p: Protocol, source: String) {
    match &mut d.protocols {
        Some((list, s)) => {
            if !list.contains(&p) {
                list.push(p);
                list.sort();
                s.push_str("; ");
                s.push_str(&source);
            }
        }
        None => {
            let mut list = vec![Protocol::Http1, p];
            list.sort();
            list.dedup();
            d.protocols = Some((list, source));
        }
    }
}

/// The pod: its first container, plus host-level settings.
pub fn pod_spec(d: &mut Draft, pod: &Node, docs: &mut Documents) {
    if let Some(h) = pod.get("hostNetwork") {
        if h.bool() == Some(true) {
            d.special(SpecialNeed::HostNetwork, h.source());
        }
    }
    if let Some(sel) = pod.get("nodeSelector") {
        for (key, v) in sel.entries() {
            node_label(d, key, &v.text().unwrap_or_default(), v.source());
        }
    }
    if let Some(terms) = pod.at(&[
        "affinity",
        "nodeAffinity",
        "requiredDuringSchedulingIgnoredDuringExecution",
        "nodeSelectorTerms",
    ]) {
        for term in terms.items() {
            for expr in term
                .get("matchExpressions")
                .map(|m| m.items())
                .unwrap_or_default()
            {
                let key = expr.get("key").and_then(|k| k.text()).unwrap_or_default();
                let op = expr
                    .get("operator")
                    .and_then(|k| k.text())
                    .unwrap_or_default();
                let values: Vec<String> = expr
                    .get("values")
                    .map(|v| v.items().iter().filter_map(|i| i.text()).collect())
                    .unwrap_or_default();
                if op == "In" && values.len() == 1 {
                    node_label(d, &key, &values[0], expr.source());
                }
            }
        }
    }
    for init in pod
        .get("initContainers")
        .map(|i| i.items())
        .unwrap_or_default()
    {
        // An init container that restarts always is a native sidecar: it runs alongside
        // the app rather than before it.
        match init
            .get("restartPolicy")
            .filter(|r| r.text().as_deref() == Some("Always"))
        {
            Some(always) => d.special(SpecialNeed::Sidecars, always.source()),
            None => d.special(SpecialNeed::InitContainers, init.source()),
        }
    }
    if let Some(volumes) = pod.get("volumes") {
        for v in volumes.items() {
            let vname = v.get("name").and_then(|n| n.text()).unwrap_or_default();
            let kinds: Vec<&str> = v.keys().into_iter().filter(|k| *k != "name").collect();
            match kinds.as_slice() {
                ["emptyDir"] | ["secret"] | ["configMap"] | ["projected"] => {}
                ["persistentVolumeClaim"] => {
                    d.storage = Some((PersistentStorage::Block, v.source()));
                }
                ["nfs"] | ["azureFile"] | ["csi"] => {
                    d.storage = Some((PersistentStorage::SharedFiles, v.source()));
                }
                other => d.skip(format!("volume '{vname}' ({})", other.join(", "))),
            }
        }
    }
    if pod.get("containers").is_none() {
        d.skip("no containers in the pod spec");
        return;
    }
    if let Some(first) = containers(d, pod, "containers").first() {
        container(d, first, docs);
    }
}

const ARCH: &str = "kubernetes.io/arch";
const OS: &str = "kubernetes.io/os";
/// The labels' deprecated names, which older manifests still select on.
const BETA_ARCH: &str = "beta.kubernetes.io/arch";
const BETA_OS: &str = "beta.kubernetes.io/os";
/// The node selectors that choose a GPU model, on Cloud Run and on GKE.
const CLOUD_RUN_ACCELERATOR: &str = "run.googleapis.com/accelerator";
const GKE_ACCELERATOR: &str = "cloud.google.com/gke-accelerator";

/// The GPU choice for an accelerator name Google Cloud selects nodes by (the names
/// Berth's own bundles write).
fn gpu_model(name: &str) -> Option<GpuChoice> {
    match name {
        "nvidia-tesla-t4" => Some(GpuChoice::NvidiaT4),
        "nvidia-l4" => Some(GpuChoice::NvidiaL4),
        "nvidia-tesla-a100" | "nvidia-a100-80gb" => Some(GpuChoice::NvidiaA100),
        "nvidia-rtx-pro-6000" => Some(GpuChoice::NvidiaRtxPro6000),
        _ => None,
    }
}

fn node_label(d: &mut Draft, key: &str, value: &str, source: String) {
    match (key, value) {
        (ARCH | BETA_ARCH, "arm64") => d.arch = Some((ArchChoice::Arm64, source)),
        (ARCH | BETA_ARCH, "amd64") => d.arch = Some((ArchChoice::X86_64, source)),
        (OS | BETA_OS, "windows") => d.os = Some((Os::Windows, source)),
        (OS | BETA_OS, "linux") => d.os = Some((Os::Linux, source)),
        (CLOUD_RUN_ACCELERATOR | GKE_ACCELERATOR, model) => match gpu_model(model) {
            Some(m) => d.gpu_model(m, source),
            None => {
                d.skip(format!(
                    "{source} (Berth has no choice for this GPU model: any GPU is asked for; check the target offers {model})"
                ));
                d.gpus(1, source);
            }
        },
        _ => d.skip(format!("node label {key}={value}")),
    }
}

/// The variables an `envFrom` ConfigMap gives, when the ConfigMap is in the file: each
/// key of its `data` as a variable with its value (binary keys are listed). Otherwise the
/// keys are not known, and the ConfigMap is listed.
fn config_map_keys(d: &mut Draft, config_map: &str, prefix: &str, docs: &mut Documents) {
    let Some((i, m)) = docs.named("ConfigMap", config_map) else {
        d.skip(format!(
            "envFrom ConfigMap '{config_map}' (it is not in the file, so its keys are not known: add each as a variable)"
        ));
        return;
    };
    docs.read.push(i);
    for (key, v) in m.get("data").map(|data| data.entries()).unwrap_or_default() {
        d.env(
            &format!("{prefix}{key}"),
            v.text().unwrap_or_default(),
            v.source(),
        );
    }
    for (key, _) in m
        .get("binaryData")
        .map(|data| data.entries())
        .unwrap_or_default()
    {
        d.skip(format!(
            "envFrom ConfigMap '{config_map}' binaryData key '{key}' (not carried: binary data cannot be a variable)"
        ));
    }
}

/// The secrets an `envFrom` Secret gives, when the Secret is in the file: each key of its
/// `data` or `stringData` as a secret name (never its value). Otherwise the keys are not
/// known, and the Secret is listed.
fn secret_keys(d: &mut Draft, secret: &str, prefix: &str, docs: &Documents) {
    let keys: Vec<String> = docs
        .named("Secret", secret)
        .map(|(_, s)| {
            ["data", "stringData"]
                .into_iter()
                .flat_map(|field| s.get(field).map(|f| f.keys()).unwrap_or_default())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default();
    if keys.is_empty() {
        d.skip(format!(
            "envFrom secret '{secret}' (its keys are not in the file: add each as a secret by name)"
        ));
    }
    for key in keys {
        let name = format!("{prefix}{key}");
        d.secret(
            &name,
            format!("{name}: envFrom secret '{secret}' key '{key}'"),
        );
    }
}

/// Local disk in the whole GiB the answers hold: a size in between (`10G`, `500Mi`) is
/// rounded up, so the app keeps at least the room it had, and the source says so.
fn whole_gib(gib: f64, source: String) -> (f64, String) {
    let whole = tidy_gib(gib).ceil().max(1.0);
    if whole == tidy_gib(gib) {
        (whole, source)
    } else {
        let had = (gib * 100.0).round() / 100.0;
        (
            whole,
            format!("{source} ({had} GiB, rounded up to {whole} GiB)"),
        )
    }
}

/// One Kubernetes-shaped container (also Cloud Run's and Knative's).
pub fn container(d: &mut Draft, c: &Node, docs: &mut Documents) {
    if let Some(image) = c.get("image") {
        if let Some(t) = image.text() {
            d.image = Some((t, image.source()));
        }
    }
    if let Some(ports) = c.get("ports") {
        let udp = |p: &Node| p.get("protocol").and_then(|x| x.text()).as_deref() == Some("UDP");
        let listed: Vec<Node> = ports
            .items()
            .into_iter()
            .filter(|p| p.get("containerPort").is_some())
            .collect();
        if !listed.is_empty() && listed.iter().all(udp) {
            d.no_http_health(format!("{} (UDP only, so no HTTP path)", ports.source()));
        }
        let probed = probe_port(c);
        for p in ports.items() {
            let Some(n) = p.get("containerPort") else {
                continue;
            };
            let Some(port) = n.uint() else { continue };
            let port = port.clamp(1, 65535) as u16;
            d.original.ports.push(port);
            let pname = p.get("name").and_then(|n| n.text());
            match &probed {
                Some(probe)
                    if probe.uint() == Some(u64::from(port))
                        || (probe.value.is_string() && probe.text() == pname) =>
                {
                    d.port = Some((port, format!("{}; {}", n.source(), probe.source())));
                }
                _ if d.port.is_none() => d.port = Some((port, n.source())),
                _ => {}
            }
            if let Some(extra) = protocol_from_name(&pname.unwrap_or_default()) {
                add_protocol(d, extra, p.source());
            }
            if udp(&p) {
                add_protocol(d, Protocol::Udp, p.source());
            }
        }
    }
    if let Some(env) = c.get("env") {
        for e in env.items() {
            let Some(ename) = e.get("name").and_then(|n| n.text()) else {
                continue;
            };
            if let Some(v) = e.get("value") {
                // Kubernetes reads `$$` as one `$` (the escape for `$(NAME)` references).
                let value = v.text().unwrap_or_default().replace("$$", "$");
                d.env(&ename, value, v.source());
            } else if let Some(r) = e.at(&["valueFrom", "secretKeyRef"]) {
                let sname = r.get("name").and_then(|n| n.text()).unwrap_or_default();
                let key = r.get("key").and_then(|n| n.text()).unwrap_or_default();
                d.secret(&ename, format!("{ename}: secretKeyRef {sname}/{key}"));
            } else if let Some(r) = e.at(&["valueFrom", "configMapKeyRef"]) {
                let cname = r.get("name").and_then(|n| n.text()).unwrap_or_default();
                let key = r.get("key").and_then(|n| n.text()).unwrap_or_default();
                match docs
                    .named("ConfigMap", &cname)
                    .and_then(|(_, m)| m.at(&["data", &key]))
                {
                    Some(v) => d.env(&ename, v.text().unwrap_or_default(), v.source()),
                    None => d.skip(format!(
                        "env '{ename}' (from ConfigMap '{cname}' key '{key}', which is not in the file: add its value as a variable)"
                    )),
                }
            } else if e.get("valueFrom").is_some() {
                d.skip(format!("env '{ename}' (valueFrom other than a secret)"));
            } else {
                d.env(&ename, String::new(), e.source());
            }
        }
    }
    if let Some(from) = c.get("envFrom") {
        for f in from.items() {
            let prefix = f.get("prefix").and_then(|p| p.text()).unwrap_or_default();
            if let Some(s) = f.at(&["secretRef", "name"]) {
                let sname = s.text().unwrap_or_default();
                secret_keys(d, &sname, &prefix, docs);
            } else if let Some(m) = f.at(&["configMapRef", "name"]) {
                let cname = m.text().unwrap_or_default();
                config_map_keys(d, &cname, &prefix, docs);
            } else {
                d.skip(format!("{} (envFrom)", f.source()));
            }
        }
    }
    if let Some(res) = c.get("resources") {
        let pick = |key: &str| {
            res.at(&["limits", key])
                .or_else(|| res.at(&["requests", key]))
        };
        let vcpu =
            pick("cpu").and_then(|n| n.text().and_then(|t| k8s_cpu(&t)).map(|v| (v, n.source())));
        let mem = pick("memory").and_then(|n| {
            n.text()
                .and_then(|t| memory_gib(&t, 1.0))
                .map(|v| (v, n.source()))
        });
        // A size that is there but does not read is listed, never dropped.
        for (key, read) in [("cpu", vcpu.is_some()), ("memory", mem.is_some())] {
            if let Some(n) = pick(key).filter(|_| !read) {
                d.skip(format!("{} (not a quantity Berth can read)", n.source()));
            }
        }
        d.size(vcpu, mem);
        if let Some(n) = pick("ephemeral-storage") {
            if let Some(g) = n.text().and_then(|t| memory_gib(&t, 1.0)) {
                d.ephemeral_gib = Some(whole_gib(g, n.source()));
            }
        }
        if let Some(n) = pick("nvidia.com/gpu") {
            d.gpus(n.uint().unwrap_or(0), n.source());
        }
    }
    let probes = ["startupProbe", "readinessProbe", "livenessProbe"];
    let mut not_http = None;
    let mut http_paths = Vec::new();
    for probe in probes.iter().rev() {
        let Some(p) = c.get(probe) else { continue };
        if let Some(path) = p.at(&["httpGet", "path"]) {
            if let Some(t) = path.text() {
                d.original.health = format!("{probe}: HTTP GET {t}");
                d.http_health(&t, path.source());
                http_paths.push((probe, path));
            }
        } else if let Some(g) = p.get("grpc") {
            d.original.health = format!("{probe}: gRPC");
            add_protocol(d, Protocol::Grpc, g.source());
            not_http = Some(g.source());
        } else if let Some(other) = p.get("exec").or_else(|| p.get("tcpSocket")) {
            if d.health_path.is_none() {
                d.original.health = format!("{probe}: {}", p.keys().join(", "));
            }
            not_http = Some(other.source());
        }
    }
    if let Some(source) = not_http {
        d.no_http_health(format!("{source} (not an HTTP check, so no HTTP path)"));
    }
    // The targets check one path: a probe on another (liveness on `/live` beside readiness
    // on `/ready`) is listed, not dropped.
    let kept = d.health_path.as_ref().map(|(p, _)| p.clone());
    for (probe, path) in http_paths {
        let t = path.text().unwrap_or_default();
        let own = match &t[..t.find(['?', '#']).unwrap_or(t.len())] {
            "" => "/",
            own => own,
        };
        if let Some(kept) = kept.as_deref().filter(|k| *k != own) {
            d.skip(format!(
                "{} (the target checks one path, '{kept}': add a {probe} on '{own}' by hand if the app needs it)",
                path.source()
            ));
        }
    }
    if let Some(p) = c.at(&["securityContext", "privileged"]) {
        if p.bool() == Some(true) {
            d.special(SpecialNeed::Privileged, p.source());
        }
    }
    skip_command(d, c, &["command", "args"]);
    skip_mounts(d, c.get("volumeMounts"), "mountPath", "volume mount");
}
