//! Compose Spec files (`docker-compose.yml`, `compose.yaml`): one draft per service.

use serde_json::Value;

use crate::core::answers::{ArchChoice, Ingress, Os, Protocol, SpecialNeed, WorkloadKind};

use super::container::skip_command;
use super::node::Node;
use super::provenance::Draft;
use super::units::{compose_memory_gib, url_path};

pub fn is_compose(doc: &Value) -> bool {
    doc.get("services").is_some_and(Value::is_object)
}

/// Why a value with `${VAR}` or `$VAR` is not taken as written.
const INTERPOLATED: &str = "uses a variable that only your shell resolves: run `docker compose config` and import its output";

/// Whether Compose would substitute a variable in this value (`$$` is a literal `$`).
fn interpolates(value: &str) -> bool {
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' {
            match chars.peek() {
                Some('$') => {
                    chars.next();
                }
                Some(n) if *n == '{' || *n == '_' || n.is_ascii_alphabetic() => return true,
                _ => {}
            }
        }
    }
    false
}

/// The value Compose passes on: `$$` is its escape for a literal `$`.
fn literal(value: &str) -> String {
    value.replace("$$", "$")
}

/// Service keys that only matter on one Docker host; read without comment.
const LOCAL_ONLY: [&str; 11] = [
    "container_name",
    "depends_on",
    "restart",
    "networks",
    "labels",
    "logging",
    "stdin_open",
    "tty",
    "hostname",
    "pull_policy",
    "stop_grace_period",
];

pub fn read(doc: &Value) -> Vec<Draft> {
    let root = Node::root(doc, "");
    let services = root.get("services").expect("checked by is_compose");
    services
        .entries()
        .into_iter()
        .map(|(name, s)| service(name, &s))
        .collect()
}

fn service(name: &str, s: &Node) -> Draft {
    let mut d = Draft::new("Compose file", name);
    for key in s.keys() {
        let known = matches!(
            key,
            "image"
                | "ports"
                | "expose"
                | "environment"
                | "secrets"
                | "deploy"
                | "healthcheck"
                | "platform"
                | "privileged"
                | "network_mode"
                | "volumes"
                | "command"
                | "entrypoint"
                | "env_file"
                | "build"
                | "tmpfs"
                | "read_only"
                | "user"
                | "cap_drop"
                | "cpus"
                | "mem_limit"
                | "mem_reservation"
        ) || LOCAL_ONLY.contains(&key)
            // Extension fields (`x-...`) are for tools, and Compose itself ignores them.
            || key.starts_with("x-");
        if !known {
            d.skip(format!("services.{name}.{key}"));
        }
    }
    if let Some(image) = s.get("image") {
        match image.text() {
            Some(t) if interpolates(&t) => d.skip(format!(
                "{} ({INTERPOLATED}; put the image in the answers)",
                image.source()
            )),
            Some(t) => d.image = Some((literal(&t), image.source())),
            None => {}
        }
    } else if s.get("build").is_some() {
        d.skip(format!(
            "services.{name}.build (push the image to a registry and put its name in the answers)"
        ));
    }
    ports(&mut d, s);
    if let Some(env) = s.get("environment") {
        environment(&mut d, &env);
    }
    if let Some(f) = s.get("env_file") {
        d.skip(format!(
            "{} (its variables are not in the file: add them by name)",
            f.path()
        ));
    }
    if let Some(secrets) = s.get("secrets") {
        for item in secrets.items() {
            let (source, target) = match item.value {
                Value::String(t) => (t.clone(), t.clone()),
                _ => {
                    let source = item
                        .get("source")
                        .and_then(|n| n.text())
                        .unwrap_or_default();
                    let target = item
                        .get("target")
                        .and_then(|n| n.text())
                        .unwrap_or_else(|| source.clone());
                    (source, target)
                }
            };
            if source.is_empty() {
                continue;
            }
            // Compose mounts secrets as files; the targets read them from the environment.
            let env_name: String = target
                .rsplit('/')
                .next()
                .unwrap_or(&target)
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() {
                        c.to_ascii_uppercase()
                    } else {
                        '_'
                    }
                })
                .collect();
            // A relative target is under /run/secrets; an absolute one is the file's path.
            let file = if target.starts_with('/') {
                target.clone()
            } else {
                format!("/run/secrets/{target}")
            };
            d.secret(
                &env_name,
                format!("{env_name}: Compose secret '{source}' (a file at {file})"),
            );
        }
    }
    if let Some(deploy) = s.get("deploy") {
        deploy_section(&mut d, &deploy);
    }
    // The service-level size fields, where `deploy.resources` gives none.
    let vcpu = s
        .get("cpus")
        .filter(|_| d.vcpu.is_none())
        .and_then(|n| n.number().filter(|v| *v > 0.0).map(|v| (v, n.source())));
    let memory = s
        .get("mem_limit")
        .or_else(|| s.get("mem_reservation"))
        .filter(|_| d.memory_gib.is_none())
        .and_then(|n| {
            n.text()
                .and_then(|t| compose_memory_gib(&t))
                .map(|v| (v, n.source()))
        });
    d.size(vcpu, memory);
    if let Some(h) = s.get("healthcheck") {
        healthcheck(&mut d, &h);
    }
    if let Some(p) = s.get("platform") {
        let text = p.text().unwrap_or_default();
        if text.starts_with("windows") {
            d.os = Some((Os::Windows, p.source()));
        }
        if text.ends_with("arm64") || text.contains("arm64") {
            d.arch = Some((ArchChoice::Arm64, p.source()));
        } else if text.ends_with("amd64") {
            d.arch = Some((ArchChoice::X86_64, p.source()));
        }
    }
    if let Some(p) = s.get("privileged") {
        if p.bool() == Some(true) {
            d.special(SpecialNeed::Privileged, p.source());
        }
    }
    if let Some(n) = s.get("network_mode") {
        if n.text().as_deref() == Some("host") {
            d.special(SpecialNeed::HostNetwork, n.source());
        }
    }
    if let Some(v) = s.get("volumes") {
        for item in v.items() {
            d.skip(volume(&item));
        }
    }
    skip_command(&mut d, s, &["command", "entrypoint"]);
    if d.kind.is_none() {
        d.kind = Some(match &d.port {
            Some((_, src)) => (WorkloadKind::HttpService, src.clone()),
            None => (
                WorkloadKind::Worker,
                format!("services.{name}: no ports or expose"),
            ),
        });
    }
    d
}

fn volume(item: &Node) -> String {
    let (source, target) = match item.value {
        Value::String(t) => {
            let mut parts = t.splitn(3, ':');
            let a = parts.next().unwrap_or("").to_string();
            let b = parts.next().unwrap_or("").to_string();
            (a, b)
        }
        _ => (
            item.get("source")
                .and_then(|n| n.text())
                .unwrap_or_default(),
            item.get("target")
                .and_then(|n| n.text())
                .unwrap_or_default(),
        ),
    };
    let kind = if source.starts_with('/') || source.starts_with('.') || source.starts_with('~') {
        "bind mount"
    } else if target.is_empty() {
        "anonymous volume"
    } else {
        "named volume"
    };
    let shown = if target.is_empty() {
        source.clone()
    } else {
        format!("{source} at {target}")
    };
    format!("volume '{shown}' ({kind}; the starter files are stateless: mount a file share or bucket by hand)")
}

/// Whether a port is published on the host's loopback address only (`127.0.0.1:8080:80`):
/// nothing outside the host reaches it.
fn loopback(spec: &str) -> bool {
    spec.starts_with("127.")
        || spec.starts_with("localhost")
        || spec.starts_with("[::1]")
        || spec.starts_with("::1")
}

fn ports(d: &mut Draft, s: &Node) {
    let mut published = false;
    let mut udp_only = true;
    let mut chosen_local = false;
    for p in s.get("ports").map(|p| p.items()).unwrap_or_default() {
        let (target, proto, has_host, local) = match p.value {
            Value::Number(n) => (n.as_u64(), "tcp".to_string(), false, false),
            Value::String(t) => {
                let (spec, proto) = match t.split_once('/') {
                    Some((a, b)) => (a, b.to_string()),
                    None => (t.as_str(), "tcp".to_string()),
                };
                let target = spec.rsplit(':').next().and_then(|x| {
                    // A range (`8000-8010`) takes its first port.
                    x.split('-').next().and_then(|y| y.parse::<u64>().ok())
                });
                let local = loopback(spec);
                (target, proto, spec.contains(':') && !local, local)
            }
            _ => {
                let local = p
                    .get("host_ip")
                    .and_then(|n| n.text())
                    .is_some_and(|ip| loopback(&ip));
                (
                    p.get("target").and_then(|n| n.uint()),
                    p.get("protocol")
                        .and_then(|n| n.text())
                        .unwrap_or_else(|| "tcp".into()),
                    p.get("published").is_some() && !local,
                    local,
                )
            }
        };
        let Some(target) = target.filter(|t| (1..=65535).contains(t)) else {
            d.skip(format!("{} (no container port)", p.source()));
            continue;
        };
        published |= has_host;
        let port = target as u16;
        d.original.ports.push(port);
        // A mapping on the host's loopback address is often a debugger's or an admin
        // port; one that other hosts reach is the service's.
        if d.port.is_none() || (chosen_local && !local) {
            chosen_local = local;
            d.port = Some((port, p.source()));
        }
        if proto == "udp" {
            let list = vec![Protocol::Http1, Protocol::Udp];
            d.protocols = Some((list, p.source()));
        } else {
            udp_only = false;
        }
    }
    if let Some(ports) = s.get("ports") {
        let i = if published {
            Ingress::Public
        } else {
            Ingress::Private
        };
        d.ingress = Some((i, ports.source()));
        if udp_only && d.port.is_some() {
            d.no_http_health(format!("{} (UDP only, so no HTTP path)", ports.source()));
        }
    }
    if d.port.is_none() {
        for e in s.get("expose").map(|p| p.items()).unwrap_or_default() {
            let Some(port) = e.uint().filter(|t| (1..=65535).contains(t)) else {
                continue;
            };
            d.original.ports.push(port as u16);
            if d.port.is_none() {
                d.port = Some((port as u16, e.source()));
                d.ingress = Some((Ingress::Private, e.source()));
            }
        }
    }
}

fn environment(d: &mut Draft, env: &Node) {
    match env.value {
        Value::Array(_) => {
            for item in env.items() {
                let text = item.text().unwrap_or_default();
                match text.split_once('=') {
                    Some((_, v)) if interpolates(v) => {
                        d.skip(format!("{} ({INTERPOLATED})", item.source()))
                    }
                    Some((k, v)) => d.env(k, literal(v), item.source()),
                    None => d.skip(format!(
                        "{} (no value: Compose takes it from the shell; add it with a value)",
                        item.source()
                    )),
                }
            }
        }
        _ => {
            for (k, v) in env.entries() {
                match v.text() {
                    Some(t) if interpolates(&t) => {
                        d.skip(format!("{} ({INTERPOLATED})", v.source()))
                    }
                    Some(t) => d.env(k, literal(&t), v.source()),
                    None => d.skip(format!("{} (not a plain value)", v.path())),
                }
            }
            // A key with no value (`KEY:`) is taken from the shell.
            if let Some(map) = env.value.as_object() {
                for (k, v) in map {
                    if v.is_null() {
                        d.skip(format!(
                            "{}.{k} (no value: Compose takes it from the shell; add it with a value)",
                            env.path()
                        ));
                    }
                }
            }
        }
    }
}

fn deploy_section(d: &mut Draft, deploy: &Node) {
    if let Some(r) = deploy.get("replicas") {
        match r.uint() {
            Some(n) => {
                d.min_instances = Some((n as u32, r.source()));
                d.max_instances = Some((n.max(1) as u32, r.source()));
            }
            None => d.skip(format!("{} (not a number of replicas)", r.source())),
        }
    }
    if let Some(mode) = deploy.get("mode") {
        if mode.text().as_deref() == Some("global") {
            d.special(SpecialNeed::Daemonset, mode.source());
        }
    }
    let res = deploy.get("resources");
    let pick = |key: &str| {
        res.as_ref().and_then(|r| {
            r.at(&["limits", key])
                .or_else(|| r.at(&["reservations", key]))
        })
    };
    let vcpu = pick("cpus").and_then(|n| n.number().filter(|v| *v > 0.0).map(|v| (v, n.source())));
    let memory = pick("memory").and_then(|n| {
        n.text()
            .and_then(|t| compose_memory_gib(&t))
            .map(|v| (v, n.source()))
    });
    // A size that is there but does not read is listed, never dropped.
    for (key, read) in [("cpus", vcpu.is_some()), ("memory", memory.is_some())] {
        if let Some(n) = pick(key).filter(|_| !read) {
            d.skip(format!("{} (not a size Berth can read)", n.source()));
        }
    }
    d.size(vcpu, memory);
    if let Some(devices) = res
        .as_ref()
        .and_then(|r| r.at(&["reservations", "devices"]))
    {
        for dev in devices.items() {
            let gpu = dev
                .get("capabilities")
                .map(|c| c.items().iter().any(|i| i.text().as_deref() == Some("gpu")))
                .unwrap_or(false);
            if gpu {
                let count = dev.get("count").and_then(|c| c.uint()).unwrap_or(1);
                d.gpus(count, dev.source());
            }
        }
    }
    if let Some(policy) = deploy.at(&["restart_policy", "condition"]) {
        if matches!(policy.text().as_deref(), Some("none") | Some("on-failure")) && d.port.is_none()
        {
            d.kind = Some((WorkloadKind::Job, policy.source()));
            if let Some(n) = deploy.at(&["restart_policy", "max_attempts"]) {
                if let Some(v) = n.uint() {
                    d.retries = Some((v.min(255) as u8, n.source()));
                }
            }
        }
    }
}

fn healthcheck(d: &mut Draft, h: &Node) {
    if let Some(off) = h.get("disable").filter(|x| x.bool() == Some(true)) {
        d.original.health = "disabled".into();
        d.no_http_health(format!(
            "{} (no health check, so no HTTP path)",
            off.source()
        ));
        return;
    }
    let Some(test) = h.get("test") else { return };
    let shown = match test.value {
        Value::Array(_) => test
            .items()
            .iter()
            .filter_map(|i| i.text())
            .filter(|w| !w.starts_with("CMD"))
            .collect::<Vec<_>>()
            .join(" "),
        _ => test.text().unwrap_or_default(),
    };
    d.original.health = shown.clone();
    match url_path(&shown) {
        Some(path) => d.http_health(&path, test.source()),
        None if shown == "NONE" => d.no_http_health(format!(
            "{} (no health check, so no HTTP path)",
            test.source()
        )),
        None => d.no_http_health(format!(
            "{} (not an HTTP check, so no HTTP path)",
            test.source()
        )),
    }
}
