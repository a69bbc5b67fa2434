//! What a reader found for one workload, each value with the file's words for it, and how
//! that becomes answers: the file's values over the archetype's preset, the rest untouched.

use crate::core::answers::{
    Answers, ArchChoice, Archetype, EnvVar, FromFile, GpuChoice, Imported, ImportedJson, Ingress,
    Original, Os, PersistentStorage, Protocol, ScaleToZero, SpecialNeed, WorkloadKind,
};

use crate::core::deploy_rules::region_shape;
use crate::core::deploy_rules::Cloud;

use super::units::tidy_gib;

/// A value and the file's words for it.
pub type Sourced<T> = Option<(T, String)>;

/// One workload as a reader found it.
#[derive(Clone, Debug, Default)]
pub struct Draft {
    pub format: String,
    pub name: String,
    pub kind: Sourced<WorkloadKind>,
    pub vcpu: Sourced<f64>,
    pub memory_gib: Sourced<f64>,
    pub ephemeral_gib: Sourced<f64>,
    pub gpu: Sourced<GpuChoice>,
    pub os: Sourced<Os>,
    pub arch: Sourced<ArchChoice>,
    pub image: Sourced<String>,
    pub port: Sourced<u16>,
    pub protocols: Sourced<Vec<Protocol>>,
    pub ingress: Sourced<Ingress>,
    pub health_path: Sourced<String>,
    pub env: Vec<(EnvVar, String)>,
    /// Secret names (as environment variables), each with how the file referenced it.
    pub secrets: Vec<(String, String)>,
    pub schedule: Sourced<String>,
    pub region: Sourced<String>,
    pub retries: Sourced<u8>,
    pub min_instances: Sourced<u32>,
    pub max_instances: Sourced<u32>,
    pub concurrency: Sourced<u32>,
    pub request_seconds: Sourced<u32>,
    pub job_minutes: Sourced<u32>,
    pub storage: Sourced<PersistentStorage>,
    pub special: Vec<(SpecialNeed, String)>,
    pub not_understood: Vec<String>,
    pub original: Original,
}

impl Draft {
    pub fn new(format: &str, name: &str) -> Draft {
        Draft {
            format: format.into(),
            name: name.into(),
            ..Draft::default()
        }
    }

    pub fn skip(&mut self, what: impl Into<String>) {
        let what = what.into();
        if !self.not_understood.contains(&what) {
            self.not_understood.push(what);
        }
    }

    pub fn special(&mut self, need: SpecialNeed, source: String) {
        if !self.special.iter().any(|(n, _)| *n == need) {
            self.special.push((need, source));
        }
    }

    pub fn env(&mut self, name: &str, value: String, source: String) {
        if !self.env.iter().any(|(e, _)| e.name == name) {
            self.env.push((
                EnvVar {
                    name: name.into(),
                    value,
                },
                source,
            ));
        }
    }

    pub fn secret(&mut self, name: &str, source: String) {
        if !self.secrets.iter().any(|(s, _)| s == name) {
            self.original.secrets.push(source.clone());
            self.secrets.push((name.into(), source));
        }
    }

    /// A GPU request. The answers hold one GPU per instance, so a larger count is listed
    /// rather than silently read as one.
    pub fn gpus(&mut self, count: u64, source: String) {
        if count == 0 {
            return;
        }
        if count > 1 {
            self.skip(format!(
                "{source} (the answers hold one GPU per instance: ask the target for {count} GPUs by hand)"
            ));
        }
        match &mut self.gpu {
            // A node selector already named the model: keep it, and say where the count is.
            Some((_, said)) => *said = format!("{said}; {source}"),
            None => self.gpu = Some((GpuChoice::Any, source)),
        }
    }

    /// The region the file deploys to, when it is a region id of `cloud`, the one cloud
    /// the file's platform runs on; anything else is listed rather than given to manifests,
    /// which would refuse it.
    pub fn region(&mut self, cloud: Cloud, region: &str, source: String) {
        if region.len() <= 40 && region_shape(cloud, region) {
            self.region = Some((region.into(), source));
        } else {
            self.skip(format!(
                "{source} (not a region id Berth can use: set deploy.region to the region to deploy to)"
            ));
        }
    }

    /// A GPU model the file selects nodes or an accelerator by; the count, if any, still
    /// comes from the resource limits.
    pub fn gpu_model(&mut self, model: GpuChoice, source: String) {
        self.gpu = Some(match self.gpu.take() {
            Some((_, said)) => (model, format!("{source}; {said}")),
            None => (model, source),
        });
    }

    /// The health check's HTTP path: the URL's path only, since the platforms probe a
    /// path; a query (`?full=1`) is listed as not carried.
    pub fn http_health(&mut self, path: &str, source: String) {
        let (kept, dropped) = path.split_at(path.find(['?', '#']).unwrap_or(path.len()));
        let kept = if kept.is_empty() { "/" } else { kept };
        if !dropped.is_empty() {
            self.skip(format!(
                "{source} ('{dropped}' is not carried: the platforms probe the path '{kept}' only)"
            ));
        }
        self.health_path = Some((kept.into(), source));
    }

    /// A health check that is no HTTP GET (a command, a TCP or gRPC check, one disabled):
    /// no HTTP path, rather than the starting point's, unless the file gives one elsewhere.
    pub fn no_http_health(&mut self, source: String) {
        if self.health_path.is_none() {
            self.health_path = Some((String::new(), source));
        }
    }

    pub fn size(&mut self, vcpu: Sourced<f64>, memory: Sourced<f64>) {
        if let Some((v, _)) = &vcpu {
            self.original.vcpu = Some(*v);
        }
        if let Some((m, _)) = &memory {
            self.original.memory_gib = Some(tidy_gib(*m));
        }
        if vcpu.is_some() {
            self.vcpu = vcpu;
        }
        if memory.is_some() {
            self.memory_gib = memory.map(|(m, s)| (tidy_gib(m), s));
        }
    }

    /// The archetype this workload starts from, before the file's values go over it.
    fn archetype(&self) -> Archetype {
        if self.gpu.is_some() {
            return Archetype::GpuInference;
        }
        if matches!(self.os, Some((Os::Windows, _))) {
            return Archetype::WindowsApp;
        }
        match self.kind.as_ref().map(|(k, _)| *k) {
            Some(WorkloadKind::Job) => Archetype::BatchJob,
            Some(WorkloadKind::Worker) => Archetype::EventWorker,
            // Private ingress comes from the file; the internal-service preset would
            // add protocols and compliance the file never mentioned.
            Some(WorkloadKind::HttpService) | None => Archetype::PublicWeb,
        }
    }

    /// The answers: the archetype's preset with every value the file gave.
    pub fn into_answers(self, file_name: &str) -> Answers {
        let mut a = self.archetype().preset();
        let preset = a.clone();
        let mut from = Vec::new();
        let mut note = |field: &str, source: &str| {
            from.push(FromFile {
                field: field.into(),
                source: source.into(),
            })
        };
        if let Some((k, s)) = &self.kind {
            a.workload = *k;
            note("workload", s);
        }
        if a.workload != WorkloadKind::HttpService {
            a.deploy.health_path.clear();
            a.max_request_seconds = None;
            a.concurrency = None;
            if self.ingress.is_none() {
                a.ingress = Ingress::None;
            }
            a.protocols.clear();
        }
        if let Some((v, s)) = self.vcpu {
            a.vcpu = Some(v);
            note("vcpu", &s);
        }
        if let Some((v, s)) = self.memory_gib {
            a.memory_gib = Some(v);
            note("memory_gib", &s);
        }
        if let Some((v, s)) = self.ephemeral_gib {
            a.ephemeral_storage_gib = Some(v);
            note("ephemeral_storage_gib", &s);
        }
        if let Some((g, s)) = self.gpu {
            a.gpu = true;
            a.gpu_type = g;
            note("gpu", &s);
        }
        if let Some((os, s)) = self.os {
            a.os = os;
            note("os", &s);
        }
        if let Some((arch, s)) = self.arch {
            a.arch = arch;
            note("arch", &s);
        }
        if let Some((p, s)) = self.protocols {
            a.protocols = p;
            note("protocols", &s);
        }
        if let Some((i, s)) = self.ingress {
            a.ingress = i;
            note("ingress", &s);
        }
        if let Some((st, s)) = self.storage {
            a.storage = st;
            note("storage", &s);
        }
        if let Some((n, s)) = self.min_instances {
            a.min_instances = n;
            if n > 0 {
                a.scale_to_zero = ScaleToZero::NotNeeded;
            }
            note("min_instances", &s);
        }
        if let Some((n, s)) = self.max_instances {
            a.max_instances = Some(n.max(a.min_instances).max(1));
            note("max_instances", &s);
        }
        if let Some((n, s)) = self.concurrency {
            a.concurrency = Some(n.max(1));
            note("concurrency", &s);
        }
        if let Some((n, s)) = self.request_seconds {
            a.max_request_seconds = Some(n.max(1));
            note("max_request_seconds", &s);
        }
        if let Some((n, s)) = self.job_minutes {
            a.job_minutes = Some(n.max(1));
            note("job_minutes", &s);
        }
        if !self.special.is_empty() {
            let sources: Vec<&str> = self.special.iter().map(|(_, s)| s.as_str()).collect();
            a.special = self.special.iter().map(|(n, _)| *n).collect();
            a.special.sort();
            note("special", &sources.join("; "));
        }
        a.deploy.name = self.name.clone();
        note("deploy.name", &format!("workload name '{}'", self.name));
        if let Some((v, s)) = self.image {
            a.deploy.image = v;
            note("deploy.image", &s);
        }
        if let Some((v, s)) = self.port {
            a.deploy.port = v;
            note("deploy.port", &s);
        }
        if let Some((v, s)) = self.health_path {
            a.deploy.health_path = v;
            note("deploy.health_path", &s);
        }
        if !self.env.is_empty() {
            let sources: Vec<&str> = self.env.iter().map(|(_, s)| s.as_str()).collect();
            note("deploy.env", &sources.join("; "));
            a.deploy.env = self.env.into_iter().map(|(e, _)| e).collect();
        }
        if !self.secrets.is_empty() {
            let sources: Vec<&str> = self.secrets.iter().map(|(_, s)| s.as_str()).collect();
            note("deploy.secrets", &sources.join("; "));
            a.deploy.secrets = self.secrets.into_iter().map(|(n, _)| n).collect();
        }
        if let Some((v, s)) = self.schedule {
            a.deploy.schedule = v;
            note("deploy.schedule", &s);
        } else if a.workload == WorkloadKind::Job {
            // A job whose file gives no schedule runs when started; the batch preset's
            // nightly schedule would run it where it never ran before.
            a.deploy.schedule.clear();
        }
        if let Some((v, s)) = self.region {
            a.deploy.region = v;
            note("deploy.region", &s);
        }
        if let Some((v, s)) = self.retries {
            a.deploy.retries = v;
            note("deploy.retries", &s);
        }
        // A value Berth cannot take (a memory limit in bytes read as 0 GiB, 1,000 vCPU) keeps
        // the starting point's value and is listed as not understood, so what import
        // prints always evaluates.
        let mut not_understood = self.not_understood;
        for e in a.check() {
            let (Some(given), Some(kept)) = (a.field_json(&e.field), preset.field_json(&e.field))
            else {
                continue;
            };
            // In the file's own words when it gave the value (a Compose memory of 2048 is
            // bytes, not the 0 GiB it becomes).
            let said = from.iter().find(|f| f.field == e.field).map_or_else(
                || ["the file gives ", &given].concat(),
                |f| f.source.clone(),
            );
            if given != kept && a.set_json(&e.field, &kept).is_some_and(|r| r.is_ok()) {
                from.retain(|f| f.field != e.field);
                not_understood.push(format!(
                    "{}: {said}, but {}; the starting point's {kept} is kept",
                    e.field,
                    e.message.trim_end_matches('.')
                ));
            }
        }
        // A maximum from the starting point (or kept from it above) may sit below the file's
        // minimum (a Cloud Run minScale of 20, no maxScale): it rises to that minimum.
        if a.max_instances.is_some_and(|max| max < a.min_instances) {
            a.max_instances = Some(a.min_instances);
            if let Some(min) = from.iter().find(|f| f.field == "min_instances") {
                let source = [&min.source, " (the maximum rises to the minimum)"].concat();
                from.retain(|f| f.field != "max_instances");
                from.push(FromFile {
                    field: "max_instances".into(),
                    source,
                });
            }
        }
        let story = Imported {
            format: self.format,
            file_name: file_name.into(),
            workload: self.name,
            from_file: from,
            not_understood,
            original: self.original,
        };
        a.imported = Some(ImportedJson::of(&story));
        a
    }
}
