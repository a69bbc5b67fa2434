//! Migration notes: when the answers came from a file (`Answers::imported`), what changes
//! between what the team runs and the bundle for the target: size, secrets, health check,
//! ports, schedule. They go in the bundle README and on the manifests page.

use super::{aws, azure, k8s, num, Ctx, Target};
use crate::core::answers::Imported;

/// The notes, one Markdown line each; empty when the answers were not imported.
pub(crate) fn notes(c: &Ctx, platform_id: &str) -> Vec<String> {
    let Some(imp) = &c.a.import_story() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let file = if imp.file_name.is_empty() {
        "pasted text".to_string()
    } else {
        format!("`{}`", imp.file_name.replace('`', "'"))
    };
    out.push(format!(
        "From: {} ({file}), workload `{}`, to {}.",
        imp.format,
        imp.workload.replace('`', "'"),
        platform_id
    ));
    size(c, imp, &mut out);
    secrets(c, imp, &mut out);
    health(c, imp, &mut out);
    ports(c, imp, &mut out);
    schedule(c, imp, &mut out);
    for n in &imp.not_understood {
        out.push(format!(
            "Not carried over (Berth did not understand it): {}",
            n.replace('`', "'")
        ));
    }
    out
}

fn size(c: &Ctx, imp: &Imported, out: &mut Vec<String>) {
    let (Some(v), Some(m)) = (imp.original.vcpu, imp.original.memory_gib) else {
        if imp.original.vcpu.is_some() || imp.original.memory_gib.is_some() {
            out.push(format!(
                "Size: your file set only part of the size; the bundle uses {} vCPU, {} GiB.",
                num(c.size.vcpu),
                num(c.size.memory_gib)
            ));
        }
        return;
    };
    let same = (v - c.size.vcpu).abs() < 1e-9 && (m - c.size.memory_gib).abs() < 1e-3;
    if same {
        out.push(format!(
            "Size: {} vCPU, {} GiB, as in your file (an allowed size here).",
            num(v),
            num(round(m))
        ));
    } else {
        out.push(format!(
            "Size: {} vCPU, {} GiB in your file becomes {} vCPU, {} GiB, the nearest size this platform allows.",
            num(round(v)),
            num(round(m)),
            num(c.size.vcpu),
            num(c.size.memory_gib)
        ));
    }
}

fn round(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

fn secrets(c: &Ctx, imp: &Imported, out: &mut Vec<String>) {
    if c.d.secrets.is_empty() {
        return;
    }
    for (name, was) in c.d.secrets.iter().zip(
        imp.original
            .secrets
            .iter()
            .map(Some)
            .chain(std::iter::repeat(None)),
    ) {
        let now = match c.target {
            Target::FargateEcs | Target::EcsExpress | Target::AppRunner | Target::LambdaImage => {
                format!("AWS Secrets Manager secret `{}/{name}`", c.name())
            }
            Target::FargateEks
            | Target::AksVirtualNodes
            | Target::GkeAutopilot
            | Target::KnativeGke => {
                format!(
                    "key `{name}` of the Kubernetes Secret `{}`",
                    k8s::secret_name(c)
                )
            }
            Target::CloudRun | Target::CloudRunJobs => {
                format!("Secret Manager secret `{name}` (version `latest`)")
            }
            Target::Aci | Target::ContainerApps => {
                format!("Key Vault secret `{}`", azure::vault_name(name))
            }
        };
        let was = was
            .map(|w| format!(" (was {})", w.replace('`', "'")))
            .unwrap_or_default();
        out.push(format!(
            "Secret `{name}`{was}: now read from the {now}, into the variable `{name}`; store the value there before deploying."
        ));
    }
}

fn health(c: &Ctx, imp: &Imported, out: &mut Vec<String>) {
    if imp.original.health.is_empty() {
        return;
    }
    let was = imp.original.health.replace('`', "'");
    match c.http_health() {
        Some(path) => out.push(format!(
            "Health check: `{was}` in your file becomes the platform's HTTP probe of `{path}` on port {}.",
            c.d.port
        )),
        // A gRPC service is checked through the gRPC health service, with or without a path.
        None if c.http() && c.grpc() => out.push(format!(
            "Health check: `{was}` in your file becomes a gRPC health check on port {}.",
            c.d.port
        )),
        None => out.push(format!(
            "Health check: `{was}` in your file is not carried: the bundle declares no HTTP probe for this workload."
        )),
    }
}

fn ports(c: &Ctx, imp: &Imported, out: &mut Vec<String>) {
    let mut listed = imp.original.ports.clone();
    listed.dedup();
    if !c.http() || listed.is_empty() {
        if !listed.is_empty() {
            let list: Vec<String> = listed.iter().map(u16::to_string).collect();
            out.push(format!(
                "Ports: your file listed {}; this workload takes no requests, so the bundle exposes none.",
                list.join(", ")
            ));
        }
        return;
    }
    if listed.len() == 1 && listed[0] == c.d.port {
        out.push(format!("Port: {} as in your file.", c.d.port));
    } else {
        let list: Vec<String> = listed.iter().map(u16::to_string).collect();
        out.push(format!(
            "Ports: your file listed {}; the bundle exposes one, {}; reach the others through separate services.",
            list.join(", "),
            c.d.port
        ));
    }
}

fn schedule(c: &Ctx, imp: &Imported, out: &mut Vec<String>) {
    if !c.job() || c.d.schedule.is_empty() {
        return;
    }
    let was = if imp.original.schedule.is_empty() {
        c.d.schedule.clone()
    } else {
        imp.original.schedule.clone()
    };
    let now = match c.target {
        Target::FargateEcs | Target::EcsExpress | Target::AppRunner | Target::LambdaImage => {
            format!(
            "the EventBridge Scheduler expression `{}` (six fields, a year, `?` for one day field)",
            aws::eventbridge_cron(&c.d.schedule)
        )
        }
        Target::CloudRunJobs | Target::CloudRun => format!(
            "a Cloud Scheduler job with `{}` in time zone UTC (see the deploy steps)",
            c.d.schedule
        ),
        Target::FargateEks
        | Target::AksVirtualNodes
        | Target::GkeAutopilot
        | Target::KnativeGke => {
            format!(
                "the CronJob schedule `{}` with timeZone Etc/UTC",
                c.d.schedule
            )
        }
        Target::ContainerApps => format!("the job's cronExpression `{}` (UTC)", c.d.schedule),
        Target::Aci => "nothing: ACI has no scheduler (see Not translated)".to_string(),
    };
    out.push(format!("Schedule: `{was}` in your file becomes {now}."));
}
