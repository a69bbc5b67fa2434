//! Cloud Run services and jobs (and Knative services, which Cloud Run's YAML is).

use serde_json::Value;

use crate::core::answers::{Ingress, WorkloadKind};
use crate::core::deploy_rules::Cloud;

use super::kubernetes::{self, Documents};
use super::node::Node;
use super::provenance::Draft;

/// Whether the document is a Knative/Cloud Run service or a Cloud Run job.
pub fn is_cloud_run(doc: &Value) -> bool {
    let api = doc.get("apiVersion").and_then(Value::as_str).unwrap_or("");
    let kind = doc.get("kind").and_then(Value::as_str).unwrap_or("");
    (api.starts_with("serving.knative.dev/") && kind == "Service")
        || (api.starts_with("run.googleapis.com/") && matches!(kind, "Service" | "Job"))
}

pub fn read(doc: &Value) -> Draft {
    let root = Node::root(doc, "");
    let kind = doc.get("kind").and_then(Value::as_str).unwrap_or("");
    let name = doc
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or("");
    let api = doc.get("apiVersion").and_then(Value::as_str).unwrap_or("");
    let format = match (api.starts_with("serving.knative.dev/"), kind) {
        (_, "Job") => "Cloud Run job",
        (true, _)
            if doc
                .pointer("/metadata/labels/cloud.googleapis.com~1location")
                .is_some() =>
        {
            "Cloud Run service"
        }
        (true, _) => "Knative service",
        _ => "Cloud Run service",
    };
    let mut d = Draft::new(format, name);
    if let Some(l) = root.at(&["metadata", "labels", "cloud.googleapis.com/location"]) {
        d.region(Cloud::Gcp, &l.text().unwrap_or_default(), l.source());
    }
    if kind == "Job" {
        job(&mut d, &root);
    } else {
        service(&mut d, &root);
    }
    d
}

fn service(d: &mut Draft, root: &Node) {
    let Some(template) = root.at(&["spec", "template"]) else {
        d.skip("spec.template is missing: no container to read");
        return;
    };
    if let Some(ingress) = root.at(&["metadata", "annotations", "run.googleapis.com/ingress"]) {
        let i = match ingress.text().as_deref() {
            Some("all") => Some(Ingress::Public),
            Some("internal") | Some("internal-and-cloud-load-balancing") => Some(Ingress::Private),
            _ => None,
        };
        if let Some(i) = i {
            d.ingress = Some((i, ingress.source()));
        }
        if ingress.text().as_deref() == Some("internal-and-cloud-load-balancing") {
            d.skip(format!(
                "{} (read as private; requests through an external Application Load Balancer are not carried: if the internet reaches the service that way, set ingress to public)",
                ingress.source()
            ));
        }
    }
    if let Some(v) = root.at(&["metadata", "labels", "networking.knative.dev/visibility"]) {
        if v.text().as_deref() == Some("cluster-local") {
            d.ingress = Some((Ingress::Private, v.source()));
        }
    }
    if let Some(ann) = template.at(&["metadata", "annotations"]) {
        network_annotations(d, &ann);
        for (key, v) in ann.entries() {
            let n = v.uint().map(|n| n.min(u32::MAX as u64) as u32);
            // Knative spells these both ways (`minScale`, and `min-scale` since 1.x).
            match (key, n) {
                (
                    "autoscaling.knative.dev/minScale" | "autoscaling.knative.dev/min-scale",
                    Some(n),
                ) => d.min_instances = Some((n, v.source())),
                (
                    "autoscaling.knative.dev/maxScale" | "autoscaling.knative.dev/max-scale",
                    Some(n),
                ) => d.max_instances = Some((n, v.source())),
                _ => {}
            }
        }
    }
    let spec = template.get("spec");
    let Some(spec) = spec else {
        d.skip("spec.template.spec is missing: no container to read");
        return;
    };
    if let Some(c) = spec.get("containerConcurrency") {
        if let Some(n) = c.uint().filter(|n| *n > 0) {
            d.concurrency = Some((n.min(u32::MAX as u64) as u32, c.source()));
        }
    }
    if let Some(t) = spec.get("timeoutSeconds") {
        if let Some(n) = t.uint() {
            d.request_seconds = Some((n.clamp(1, u32::MAX as u64) as u32, t.source()));
        }
    }
    kubernetes::pod_spec(d, &spec, &mut Documents::new(&[]));
    // A service with always-allocated CPU, internal ingress, no HTTP probe and at least one
    // instance kept is a worker that pulls its work (the shape Berth writes for one); any
    // other answers HTTP. One that may scale to zero is woken only by requests (Pub/Sub push,
    // an internal load balancer), whatever its CPU does between them, so it serves HTTP.
    let always_on = template
        .at(&[
            "metadata",
            "annotations",
            "run.googleapis.com/cpu-throttling",
        ])
        .filter(|t| t.text().as_deref() == Some("false"));
    let internal = matches!(d.ingress, Some((Ingress::Private, _)));
    let http_path = d.health_path.as_ref().is_some_and(|(p, _)| !p.is_empty());
    d.kind = match always_on {
        Some(cpu)
            if internal && !http_path && d.min_instances.as_ref().is_some_and(|(n, _)| *n > 0) =>
        {
            d.ingress = None;
            d.concurrency = None;
            d.request_seconds = None;
            Some((WorkloadKind::Worker, cpu.source()))
        }
        _ => Some((
            WorkloadKind::HttpService,
            root.get("kind").expect("checked").source(),
        )),
    };
}

/// Lists the revision's or execution's connections to Google Cloud networks and databases,
/// which no answer carries, each with what to set up on the target instead.
fn network_annotations(d: &mut Draft, annotations: &Node) {
    for (key, v) in annotations.entries() {
        let todo = match key {
            "run.googleapis.com/cloudsql-instances" => {
                "the Cloud SQL connection is not carried: on the target, reach the database by its private IP or run the Cloud SQL Auth Proxy beside the app"
            }
            "run.googleapis.com/vpc-access-connector" | "run.googleapis.com/network-interfaces" => {
                "the VPC connection is not carried: give the target a route into the same network"
            }
            "run.googleapis.com/vpc-access-egress" => {
                "not carried: if outbound traffic must leave through your VPC, route it so on the target"
            }
            _ => continue,
        };
        d.skip(format!("{} ({todo})", v.source()));
    }
}

fn job(d: &mut Draft, root: &Node) {
    d.kind = Some((
        WorkloadKind::Job,
        root.get("kind").expect("checked").source(),
    ));
    if let Some(ann) = root.at(&["spec", "template", "metadata", "annotations"]) {
        network_annotations(d, &ann);
    }
    // One run of a job is one task in the answers; several tasks (and how many run at once)
    // are listed.
    let execution = root.at(&["spec", "template", "spec"]);
    let field = |key| execution.as_ref().and_then(|e| e.get(key));
    let tasks = field("taskCount").and_then(|t| t.uint()).unwrap_or(1);
    if let Some(t) = field("taskCount").filter(|_| tasks != 1) {
        d.skip(format!(
            "{} (the answers run one task per execution: on the target, start {tasks} tasks, each reading its index from CLOUD_RUN_TASK_INDEX, by hand)",
            t.source()
        ));
    }
    if let Some(p) = field("parallelism").filter(|p| tasks != 1 || p.uint().unwrap_or(0) > 1) {
        d.skip(format!(
            "{} (not carried with the tasks: set how many run at once on the target by hand)",
            p.source()
        ));
    }
    let Some(task) = root.at(&["spec", "template", "spec", "template", "spec"]) else {
        d.skip("spec.template.spec.template.spec is missing: no container to read");
        return;
    };
    if let Some(r) = task.get("maxRetries") {
        if let Some(n) = r.uint() {
            d.retries = Some((n.min(255) as u8, r.source()));
        }
    }
    if let Some(t) = task.get("timeoutSeconds") {
        if let Some(n) = t.uint() {
            d.job_minutes = Some((n.div_ceil(60).max(1) as u32, t.source()));
        }
    }
    kubernetes::pod_spec(d, &task, &mut Documents::new(&[]));
}
