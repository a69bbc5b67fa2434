//! Amazon ECS task definitions (JSON), as registered or as `describe-task-definition`
//! prints them (`{"taskDefinition": {...}}`).

use serde_json::Value;

use crate::core::answers::{ArchChoice, Os, Protocol, SpecialNeed, WorkloadKind};

use super::container::{containers, skip_command, skip_mounts};
use super::node::Node;
use super::provenance::Draft;
use super::units::{ecs_cpu, ecs_memory_gib, url_path};

/// An ECS Express Mode service (`create-express-gateway-service` input).
pub fn is_ecs_express(doc: &Value) -> bool {
    doc.get("primaryContainer").is_some_and(Value::is_object)
}

pub fn is_ecs(doc: &Value) -> bool {
    doc.get("containerDefinitions").is_some()
        || doc
            .pointer("/taskDefinition/containerDefinitions")
            .is_some()
}

/// One draft per task definition (ECS has one workload per file).
pub fn read(doc: &Value) -> Draft {
    let (doc, prefix) = match doc.get("taskDefinition") {
        Some(inner) => (inner, "taskDefinition"),
        None => (doc, ""),
    };
    let root = Node::root(doc, prefix);
    let family = doc.get("family").and_then(Value::as_str).unwrap_or("");
    let mut d = Draft::new("ECS task definition", family);
    let defs = containers(&mut d, &root, "containerDefinitions");
    // The main container: the first essential one.
    let main = defs
        .iter()
        .find(|c| c.get("essential").and_then(|e| e.bool()) != Some(false))
        .or(defs.first());
    if d.name.is_empty() {
        if let Some(n) = main.and_then(|c| c.get("name")).and_then(|n| n.text()) {
            d.name = n;
        }
    }
    // Task-level size wins; a container's own size is the fallback.
    let cpu = root
        .get("cpu")
        .or_else(|| main.and_then(|c| c.get("cpu")))
        .and_then(|n| n.text().and_then(|t| ecs_cpu(&t)).map(|v| (v, n.source())));
    // A container's soft limit (`memoryReservation`) is the memory it is sized for when
    // nothing sets a hard one.
    let memory = root
        .get("memory")
        .or_else(|| main.and_then(|c| c.get("memory")))
        .or_else(|| main.and_then(|c| c.get("memoryReservation")))
        .and_then(|n| {
            n.text()
                .and_then(|t| ecs_memory_gib(&t))
                .map(|v| (v, n.source()))
        });
    d.size(cpu, memory);
    if let Some(p) = root.at(&["runtimePlatform", "cpuArchitecture"]) {
        match p.text().as_deref() {
            Some("ARM64") => d.arch = Some((ArchChoice::Arm64, p.source())),
            Some("X86_64") => d.arch = Some((ArchChoice::X86_64, p.source())),
            _ => d.skip(p.source()),
        }
    }
    if let Some(p) = root.at(&["runtimePlatform", "operatingSystemFamily"]) {
        let os = if p.text().unwrap_or_default().starts_with("WINDOWS") {
            Os::Windows
        } else {
            Os::Linux
        };
        d.os = Some((os, p.source()));
    }
    if let Some(n) = root.at(&["ephemeralStorage", "sizeInGiB"]) {
        if let Some(v) = n.number() {
            d.ephemeral_gib = Some((v, n.source()));
        }
    }
    if let Some(n) = root.get("networkMode") {
        if n.text().as_deref() == Some("host") {
            d.special(SpecialNeed::HostNetwork, n.source());
        }
    }
    if let Some(v) = root.get("volumes") {
        for vol in v.items() {
            let name = vol.get("name").and_then(|n| n.text()).unwrap_or_default();
            let kinds: Vec<&str> = vol.keys().into_iter().filter(|k| *k != "name").collect();
            if !kinds.is_empty() {
                d.skip(format!("volume '{name}' ({})", kinds.join(", ")));
            }
        }
    }
    let Some(c) = main else {
        d.skip("containerDefinitions is empty: no container to read");
        return d;
    };
    container(&mut d, c);
    d
}

fn container(d: &mut Draft, c: &Node) {
    if let Some(image) = c.get("image") {
        if let Some(t) = image.text() {
            d.image = Some((t, image.source()));
        }
    }
    if let Some(ports) = c.get("portMappings") {
        // HTTP/1.1 unless a mapping says UDP (`protocol`) or HTTP/2 or gRPC (`appProtocol`).
        let mut protocols = vec![Protocol::Http1];
        let mut said = Vec::new();
        for p in ports.items() {
            let Some(port) = p.get("containerPort").and_then(|n| n.uint()) else {
                continue;
            };
            let port = port.clamp(1, 65535) as u16;
            d.original.ports.push(port);
            if d.port.is_none() {
                d.port = Some((port, p.get("containerPort").expect("read").source()));
            }
            let named = [
                ("protocol", "udp", Protocol::Udp),
                ("appProtocol", "http2", Protocol::Http2),
                ("appProtocol", "grpc", Protocol::Grpc),
            ];
            for (key, value, protocol) in named {
                if let Some(n) = p
                    .get(key)
                    .filter(|n| n.text().is_some_and(|t| t.eq_ignore_ascii_case(value)))
                {
                    if !protocols.contains(&protocol) {
                        protocols.push(protocol);
                        said.push(n.source());
                    }
                }
            }
        }
        if !said.is_empty() {
            d.protocols = Some((protocols, said.join("; ")));
        }
        let udp = |p: &Node| {
            p.get("protocol")
                .and_then(|n| n.text())
                .is_some_and(|t| t.eq_ignore_ascii_case("udp"))
        };
        if d.port.is_some() && ports.items().iter().all(udp) {
            d.no_http_health(format!("{} (UDP only, so no HTTP path)", ports.source()));
        }
    }
    d.kind = Some(match &d.port {
        Some((_, s)) => (WorkloadKind::HttpService, s.clone()),
        None => (
            WorkloadKind::Worker,
            format!("{}: no portMappings", c.path()),
        ),
    });
    if let Some(env) = c.get("environment") {
        for e in env.items() {
            if let (Some(name), Some(v)) = (e.get("name").and_then(|n| n.text()), e.get("value")) {
                d.env(&name, v.text().unwrap_or_default(), v.source());
            }
        }
    }
    if let Some(files) = c.get("environmentFiles") {
        d.skip(format!(
            "{} (its variables are not in the file: add them by name)",
            files.path()
        ));
    }
    if let Some(secrets) = c.get("secrets") {
        for s in secrets.items() {
            let name = s.get("name").and_then(|n| n.text()).unwrap_or_default();
            let from = s
                .get("valueFrom")
                .and_then(|n| n.text())
                .unwrap_or_default();
            if !name.is_empty() {
                d.secret(&name, format!("{name}: valueFrom {from}"));
            }
        }
    }
    if let Some(h) = c.at(&["healthCheck", "command"]) {
        let command: Vec<String> = h.items().iter().filter_map(|i| i.text()).collect();
        let shown = command
            .iter()
            .skip_while(|w| w.starts_with("CMD"))
            .cloned()
            .collect::<Vec<_>>()
            .join(" ");
        d.original.health = shown.clone();
        match url_path(&shown) {
            Some(path) => d.http_health(&path, h.source()),
            None => d.no_http_health(format!(
                "{} (not an HTTP check, so no HTTP path)",
                h.source()
            )),
        }
    }
    if let Some(p) = c.get("privileged") {
        if p.bool() == Some(true) {
            d.special(SpecialNeed::Privileged, p.source());
        }
    }
    if let Some(r) = c.get("resourceRequirements") {
        for item in r.items() {
            if item.get("type").and_then(|t| t.text()).as_deref() == Some("GPU") {
                let count = item.get("value").and_then(|v| v.uint()).unwrap_or(1);
                d.gpus(count, item.source());
            }
        }
    }
    skip_command(d, c, &["command", "entryPoint"]);
    skip_mounts(d, c.get("mountPoints"), "containerPath", "mount point");
}

/// An ECS Express Mode service: one container, its size, port, health path and scaling.
pub fn read_express(doc: &Value) -> Draft {
    let root = Node::root(doc, "");
    let name = doc.get("serviceName").and_then(Value::as_str).unwrap_or("");
    let mut d = Draft::new("ECS Express Mode service", name);
    let cpu = root
        .get("cpu")
        .and_then(|n| n.text().and_then(|t| ecs_cpu(&t)).map(|v| (v, n.source())));
    let memory = root.get("memory").and_then(|n| {
        n.text()
            .and_then(|t| ecs_memory_gib(&t))
            .map(|v| (v, n.source()))
    });
    d.size(cpu, memory);
    if let Some(p) = root.get("cpuArchitecture") {
        match p.text().as_deref() {
            Some("ARM64") => d.arch = Some((ArchChoice::Arm64, p.source())),
            Some("X86_64") => d.arch = Some((ArchChoice::X86_64, p.source())),
            _ => d.skip(p.source()),
        }
    }
    if let Some(scale) = root.get("scalingTarget") {
        if let Some(n) = scale.get("minTaskCount") {
            if let Some(v) = n.uint() {
                d.min_instances = Some((v as u32, n.source()));
            }
        }
        if let Some(n) = scale.get("maxTaskCount") {
            if let Some(v) = n.uint() {
                d.max_instances = Some((v as u32, n.source()));
            }
        }
    }
    if let Some(c) = root.get("primaryContainer") {
        if let Some(p) = c.get("containerPort") {
            if let Some(port) = p.uint() {
                let port = port.clamp(1, 65535) as u16;
                d.original.ports.push(port);
                d.port = Some((port, p.source()));
            }
        }
        container(&mut d, &c);
    }
    if let Some(h) = root.get("healthCheckPath") {
        if let Some(t) = h.text() {
            d.original.health = format!("healthCheckPath {t}");
            d.http_health(&t, h.source());
        }
    }
    // Express Mode services always answer HTTP behind their own load balancer.
    d.kind = Some((WorkloadKind::HttpService, "ECS Express Mode service".into()));
    d
}
