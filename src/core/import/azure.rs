//! Azure Container Apps (apps and jobs) and Azure Container Instances (container groups),
//! in the YAML the `az containerapp` and `az container` commands read.

use serde_json::Value;

use crate::core::answers::{Ingress, Os, Protocol, SpecialNeed, WorkloadKind};
use crate::core::deploy_rules::Cloud;

use super::container::{containers, skip_command};
use super::node::Node;
use super::provenance::Draft;
use super::schedule;
use super::units::{memory_gib, url_path};

const ACA_APP: &str = "Microsoft.App/containerApps";
const ACA_JOB: &str = "Microsoft.App/jobs";
const ACI: &str = "Microsoft.ContainerInstance/containerGroups";

fn type_of(doc: &Value) -> &str {
    doc.get("type").and_then(Value::as_str).unwrap_or("")
}

pub fn is_container_apps(doc: &Value) -> bool {
    let t = type_of(doc);
    t.eq_ignore_ascii_case(ACA_APP)
        || t.eq_ignore_ascii_case(ACA_JOB)
        || (t.is_empty() && doc.pointer("/properties/template/containers").is_some())
}

pub fn is_aci(doc: &Value) -> bool {
    let t = type_of(doc);
    t.eq_ignore_ascii_case(ACI) || (t.is_empty() && doc.pointer("/properties/containers").is_some())
}

fn name_of(doc: &Value) -> &str {
    doc.get("name").and_then(Value::as_str).unwrap_or("")
}

/// The containers of an app's template or a group's properties; init containers, which
/// both can list, are noted as a need.
fn containers_and_init<'a>(d: &mut Draft, parent: &Node<'a>) -> Vec<Node<'a>> {
    if let Some(init) = parent.get("initContainers") {
        d.special(SpecialNeed::InitContainers, init.source());
    }
    containers(d, parent, "containers")
}

pub fn container_apps(doc: &Value) -> Draft {
    let root = Node::root(doc, "");
    let job = type_of(doc).eq_ignore_ascii_case(ACA_JOB);
    let format = if job {
        "Azure Container Apps job"
    } else {
        "Azure Container App"
    };
    let mut d = Draft::new(format, name_of(doc));
    if let Some(l) = root.get("location") {
        // Azure takes a region's display name too: `West Europe` is `westeurope`.
        let region = l.text().unwrap_or_default().to_lowercase().replace(' ', "");
        d.region(Cloud::Azure, &region, l.source());
    }
    let config = root.at(&["properties", "configuration"]);
    if job {
        let t = root.get("type").expect("checked");
        d.kind = Some((WorkloadKind::Job, t.source()));
        if let Some(config) = &config {
            if let Some(cron) = config.at(&["scheduleTriggerConfig", "cronExpression"]) {
                schedule::read(&mut d, &cron);
            }
            event_trigger(&mut d, config);
            replica_counts(&mut d, config);
            if let Some(t) = config.get("replicaTimeout") {
                if let Some(n) = t.uint() {
                    d.job_minutes = Some((n.div_ceil(60).max(1) as u32, t.source()));
                }
            }
            if let Some(r) = config.get("replicaRetryLimit") {
                if let Some(n) = r.uint() {
                    d.retries = Some((n.min(255) as u8, r.source()));
                }
            }
        }
    } else if let Some(ingress) = config.as_ref().and_then(|c| c.get("ingress")) {
        if let Some(e) = ingress.get("external") {
            let i = if e.bool() == Some(true) {
                Ingress::Public
            } else {
                Ingress::Private
            };
            d.ingress = Some((i, e.source()));
        }
        if let Some(p) = ingress.get("targetPort") {
            if let Some(port) = p.uint() {
                let port = port.clamp(1, 65535) as u16;
                d.original.ports.push(port);
                d.port = Some((port, p.source()));
            }
        }
        if let Some(t) = ingress.get("transport") {
            match t.text().as_deref() {
                Some("http2") => {
                    d.protocols = Some((vec![Protocol::Http1, Protocol::Http2], t.source()))
                }
                Some("tcp") => d.protocols = Some((vec![Protocol::Tcp], t.source())),
                _ => {}
            }
        }
        d.kind = Some((WorkloadKind::HttpService, ingress.source()));
    } else {
        d.kind = Some((
            WorkloadKind::Worker,
            "properties.configuration.ingress: (none)".into(),
        ));
    }
    let Some(template) = root.at(&["properties", "template"]) else {
        d.skip("properties.template is missing: no container to read");
        return d;
    };
    if let Some(scale) = template.get("scale") {
        if let Some(n) = scale.get("minReplicas") {
            if let Some(v) = n.uint() {
                d.min_instances = Some((v as u32, n.source()));
            }
        }
        if let Some(n) = scale.get("maxReplicas") {
            if let Some(v) = n.uint() {
                d.max_instances = Some((v as u32, n.source()));
            }
        }
        for rule in scale.get("rules").map(|r| r.items()).unwrap_or_default() {
            if let Some(c) = rule.at(&["http", "metadata", "concurrentRequests"]) {
                if let Some(v) = c.uint() {
                    d.concurrency = Some((v as u32, c.source()));
                }
            } else if rule.get("http").is_none() {
                // Scaling on a queue, a TCP connection count or a KEDA scaler has no answer.
                let name = rule.get("name").and_then(|n| n.text()).unwrap_or_default();
                let kinds: Vec<&str> = rule.keys().into_iter().filter(|k| *k != "name").collect();
                d.skip(format!(
                    "{} '{name}' ({} scale rule; not carried over: the answers scale on requests, so set this scaler up on the target by hand)",
                    rule.path(),
                    kinds.join(", ")
                ));
            }
        }
    }
    let containers = containers_and_init(&mut d, &template);
    if let Some(c) = containers.first() {
        if let Some(image) = c.get("image") {
            if let Some(t) = image.text() {
                d.image = Some((t, image.source()));
            }
        }
        let cpu = c
            .at(&["resources", "cpu"])
            .and_then(|n| n.number().map(|v| (v, n.source())));
        let mem = c.at(&["resources", "memory"]).and_then(|n| {
            n.text()
                .and_then(|t| memory_gib(&t, 1.0))
                .map(|v| (v, n.source()))
        });
        d.size(cpu, mem);
        for e in c.get("env").map(|e| e.items()).unwrap_or_default() {
            let Some(name) = e.get("name").and_then(|n| n.text()) else {
                continue;
            };
            if let Some(v) = e.get("value") {
                d.env(&name, v.text().unwrap_or_default(), v.source());
            } else if let Some(r) = e.get("secretRef") {
                d.secret(
                    &name,
                    format!("{name}: secretRef {}", r.text().unwrap_or_default()),
                );
            }
        }
        for p in c.get("probes").map(|p| p.items()).unwrap_or_default() {
            if let Some(path) = p.at(&["httpGet", "path"]) {
                if let Some(t) = path.text() {
                    let kind = p.get("type").and_then(|t| t.text()).unwrap_or_default();
                    d.original.health = format!("{kind} probe: HTTP GET {t}");
                    d.http_health(&t, path.source());
                }
            } else if let Some(tcp) = p.get("tcpSocket") {
                let kind = p.get("type").and_then(|t| t.text()).unwrap_or_default();
                d.original.health = format!("{kind} probe: TCP");
                d.no_http_health(format!(
                    "{} (not an HTTP check, so no HTTP path)",
                    tcp.source()
                ));
            }
        }
        skip_command(&mut d, c, &["command", "args"]);
        if let Some(m) = c.get("volumeMounts") {
            d.skip(format!("{} (volumes are not carried)", m.path()));
        }
    }
    d
}

/// An event-triggered job runs when its scale rules see work; the answers have no event
/// trigger, so the job is read as run on demand and the trigger is listed to set up by hand.
fn event_trigger(d: &mut Draft, config: &Node) {
    let Some(t) = config
        .get("triggerType")
        .filter(|t| t.text().is_some_and(|t| t.eq_ignore_ascii_case("Event")))
    else {
        return;
    };
    d.skip(format!(
        "{} (not carried over: the job runs on demand; start it from your event source by hand)",
        t.source()
    ));
    let rules = config
        .at(&["eventTriggerConfig", "scale", "rules"])
        .map(|r| r.items())
        .unwrap_or_default();
    for rule in rules {
        let name = rule.get("name").and_then(|n| n.text()).unwrap_or_default();
        let kind = rule.get("type").and_then(|n| n.text()).unwrap_or_default();
        d.skip(format!(
            "{} '{name}' ({kind} scale rule; not carried over with the event trigger)",
            rule.path()
        ));
    }
}

/// A job's replicas per execution: the answers run one, so more (`parallelism`, or a
/// `replicaCompletionCount` above one) is listed.
fn replica_counts(d: &mut Draft, config: &Node) {
    for trigger in [
        "manualTriggerConfig",
        "scheduleTriggerConfig",
        "eventTriggerConfig",
    ] {
        for key in ["parallelism", "replicaCompletionCount"] {
            if let Some(n) = config.at(&[trigger, key]).filter(|n| n.uint() != Some(1)) {
                d.skip(format!(
                    "{} (the answers run one replica per execution: set {key} on the target by hand)",
                    n.source()
                ));
            }
        }
    }
}

pub fn aci(doc: &Value) -> Draft {
    let root = Node::root(doc, "");
    let mut d = Draft::new("Azure Container Instances container group", name_of(doc));
    let Some(props) = root.get("properties") else {
        d.skip("properties is missing: no container to read");
        return d;
    };
    if let Some(os) = props.get("osType") {
        let v = if os.text().as_deref() == Some("Windows") {
            Os::Windows
        } else {
            Os::Linux
        };
        d.os = Some((v, os.source()));
    }
    let restart = props.get("restartPolicy");
    let job = restart
        .as_ref()
        .and_then(|r| r.text())
        .is_some_and(|r| r == "Never" || r == "OnFailure");
    if let Some(t) = props.at(&["ipAddress", "type"]) {
        let i = if t.text().as_deref() == Some("Public") {
            Ingress::Public
        } else {
            Ingress::Private
        };
        d.ingress = Some((i, t.source()));
    }
    let containers = containers_and_init(&mut d, &props);
    if let Some(vols) = props.get("volumes") {
        for v in vols.items() {
            let name = v.get("name").and_then(|n| n.text()).unwrap_or_default();
            d.skip(format!("volume '{name}'"));
        }
    }
    if let Some(c) = containers.first().and_then(|c| c.get("properties")) {
        if let Some(image) = c.get("image") {
            if let Some(t) = image.text() {
                d.image = Some((t, image.source()));
            }
        }
        for p in c.get("ports").map(|p| p.items()).unwrap_or_default() {
            if let Some(port) = p.get("port").and_then(|n| n.uint()) {
                let port = port.clamp(1, 65535) as u16;
                d.original.ports.push(port);
                if d.port.is_none() {
                    d.port = Some((port, p.get("port").expect("read").source()));
                }
            }
        }
        let res = c
            .at(&["resources", "limits"])
            .or_else(|| c.at(&["resources", "requests"]));
        if let Some(res) = res {
            let cpu = res
                .get("cpu")
                .and_then(|n| n.number().map(|v| (v, n.source())));
            let mem = res
                .get("memoryInGB")
                .and_then(|n| n.number().map(|v| (v, n.source())));
            d.size(cpu, mem);
            if let Some(g) = res.get("gpu") {
                let count = g.get("count").and_then(|c| c.uint()).unwrap_or(1);
                d.gpus(count, g.source());
            }
        }
        for e in c
            .get("environmentVariables")
            .map(|e| e.items())
            .unwrap_or_default()
        {
            let Some(name) = e.get("name").and_then(|n| n.text()) else {
                continue;
            };
            if let Some(v) = e.get("value") {
                d.env(&name, v.text().unwrap_or_default(), v.source());
            } else if e.get("secureValue").is_some() {
                d.secret(&name, format!("{name}: secureValue"));
            }
        }
        for probe in ["readinessProbe", "livenessProbe"] {
            if let Some(path) = c.at(&[probe, "httpGet", "path"]) {
                if let Some(t) = path.text() {
                    d.original.health = format!("{probe}: HTTP GET {t}");
                    d.http_health(&t, path.source());
                }
            } else if let Some(cmd) = c.at(&[probe, "exec", "command"]) {
                let words: Vec<String> = cmd.items().iter().filter_map(|i| i.text()).collect();
                let shown = words.join(" ");
                d.original.health = shown.clone();
                match url_path(&shown) {
                    Some(path) => d.http_health(&path, cmd.source()),
                    None => d.no_http_health(format!(
                        "{} (not an HTTP check, so no HTTP path)",
                        cmd.source()
                    )),
                }
            }
        }
        skip_command(&mut d, &c, &["command"]);
    }
    d.kind = Some(match (&d.port, job, &restart) {
        (_, true, Some(r)) => (WorkloadKind::Job, r.source()),
        (Some((_, s)), _, _) => (WorkloadKind::HttpService, s.clone()),
        _ => (
            WorkloadKind::Worker,
            "properties.containers: no ports".into(),
        ),
    });
    d
}
