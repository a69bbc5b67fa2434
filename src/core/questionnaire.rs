//! The questionnaire: stable question ids, their types, options, help and conditions.
//!
//! Question ids are the field names of [`Answers`]; the UI renders these definitions
//! generically and reads and writes answers through [`Answers::get`] and [`Answers::set`],
//! so adding a question never means adding UI logic.

use serde::Serialize;

use super::answers::{AnswerError, Answers, WorkloadKind};

/// The sections the questionnaire walks through, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Archetype,
    Workload,
    Resources,
    RunTime,
    Platform,
    Protocols,
    Networking,
    Storage,
    Scaling,
    Security,
    Cloud,
}

impl Section {
    pub const ALL: [Section; 11] = [
        Section::Archetype,
        Section::Workload,
        Section::Resources,
        Section::RunTime,
        Section::Platform,
        Section::Protocols,
        Section::Networking,
        Section::Storage,
        Section::Scaling,
        Section::Security,
        Section::Cloud,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Section::Archetype => "Starting point",
            Section::Workload => "Workload",
            Section::Resources => "Resources",
            Section::RunTime => "Run time",
            Section::Platform => "OS and CPU architecture",
            Section::Protocols => "Protocols",
            Section::Networking => "Networking",
            Section::Storage => "Storage",
            Section::Scaling => "Scaling",
            Section::Security => "Security and compliance",
            Section::Cloud => "Cloud and team",
        }
    }
}

/// One selectable answer.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Choice {
    /// The value written into the answers JSON.
    pub id: &'static str,
    pub label: &'static str,
    /// One line on what choosing it means or rules out.
    pub hint: &'static str,
}

const fn choice(id: &'static str, label: &'static str, hint: &'static str) -> Choice {
    Choice { id, label, hint }
}

/// A number entry. `None` in the answers means "Not sure" when `not_sure` is set.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct NumberSpec {
    pub unit: &'static str,
    pub min: f64,
    pub max: f64,
    pub step: f64,
    /// Whether "Not sure" is offered.
    pub not_sure: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum QuestionKind {
    SingleChoice {
        options: &'static [Choice],
    },
    MultipleChoice {
        options: &'static [Choice],
    },
    /// A plain count or rate (instances, requests).
    Number(NumberSpec),
    /// A length of time; `unit` is `seconds` or `minutes`.
    Duration(NumberSpec),
    /// A quantity of CPU, memory or disk.
    Size(NumberSpec),
}

/// When a question is asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    Always,
    /// Only when a GPU is needed.
    GpuNeeded,
    /// Only for HTTP services.
    HttpService,
    /// Only for jobs.
    Job,
    /// For services and workers (things that keep running).
    LongRunning,
    /// Only when a cloud is chosen.
    CloudChosen,
}

impl Condition {
    pub fn holds(self, a: &Answers) -> bool {
        match self {
            Condition::Always => true,
            Condition::GpuNeeded => a.gpu,
            Condition::HttpService => a.workload == WorkloadKind::HttpService,
            Condition::Job => a.workload == WorkloadKind::Job,
            Condition::LongRunning => a.workload != WorkloadKind::Job,
            Condition::CloudChosen => a.cloud != super::answers::CloudChoice::Any,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Question {
    /// Stable id: the field of the answers JSON.
    pub id: &'static str,
    pub section: Section,
    pub title: &'static str,
    /// What the question means and what an answer rules out.
    pub help: &'static str,
    #[serde(flatten)]
    pub kind: QuestionKind,
    pub condition: Condition,
}

const YES_NO: &[Choice] = &[
    choice("false", "No", "Every platform offers CPU-only instances."),
    choice(
        "true",
        "Yes",
        "Rules out platforms without GPUs: Fargate, ACI (GPU retired 2025), App Runner, Lambda.",
    ),
];

/// Every question, in the order asked.
pub const QUESTIONS: &[Question] = &[
    Question {
        id: "archetype",
        section: Section::Archetype,
        title: "What are you deploying?",
        help: "Pick the closest starting point; it pre-fills the answers below, and you can change any of them.",
        kind: QuestionKind::SingleChoice {
            options: &[
                choice("public_web", "Public web service or API", "HTTP from the internet, scales with traffic."),
                choice("internal_service", "Internal service", "Reached only from your private network."),
                choice("event_worker", "Event or queue worker", "Pulls work from a queue or stream; no inbound requests."),
                choice("batch_job", "Scheduled or batch job", "Runs to completion on a schedule or on demand."),
                choice("gpu_inference", "GPU inference", "Serves a model on a GPU."),
                choice("windows_app", "Windows / .NET Framework app", "Needs Windows containers."),
                choice("scratch", "Start from scratch", "No assumptions; answer every question yourself."),
            ],
        },
        condition: Condition::Always,
    },
    Question {
        id: "workload",
        section: Section::Workload,
        title: "How is it driven?",
        help: "Services answer requests; workers keep running and pull work; jobs run to completion. Jobs rule out service-only platforms and vice versa.",
        kind: QuestionKind::SingleChoice {
            options: &[
                choice("http_service", "HTTP service", "Answers requests; rules out job-only platforms."),
                choice("worker", "Background worker", "Always on, no inbound traffic; request-driven platforms may throttle it."),
                choice("job", "Run-to-completion job", "Rules out platforms that only run services."),
            ],
        },
        condition: Condition::Always,
    },
    Question {
        id: "vcpu",
        section: Section::Resources,
        title: "vCPU per instance",
        help: "Platforms cap vCPU per instance (Cloud Run 8, Fargate 16, ACI 4 without a quota request). Berth rounds up to the nearest size each platform allows.",
        kind: QuestionKind::Size(NumberSpec { unit: "vCPU", min: 0.05, max: 192.0, step: 0.25, not_sure: true }),
        condition: Condition::Always,
    },
    Question {
        id: "memory_gib",
        section: Section::Resources,
        title: "Memory per instance",
        help: "Platforms cap memory and tie it to vCPU (Fargate 120 GiB at 16 vCPU, Cloud Run 32 GiB at 8 vCPU, Lambda 10 GiB).",
        kind: QuestionKind::Size(NumberSpec { unit: "GiB", min: 0.125, max: 512.0, step: 0.5, not_sure: true }),
        condition: Condition::Always,
    },
    Question {
        id: "gpu",
        section: Section::Resources,
        title: "Does it need a GPU?",
        help: "GPUs are offered by Cloud Run, Container Apps and GKE Autopilot; Fargate, ACI, App Runner and Lambda have none.",
        kind: QuestionKind::SingleChoice { options: YES_NO },
        condition: Condition::Always,
    },
    Question {
        id: "gpu_type",
        section: Section::Resources,
        title: "Which GPU?",
        help: "Each platform offers specific GPUs; picking one rules out platforms without it.",
        kind: QuestionKind::SingleChoice {
            options: &[
                choice("any", "Any / not sure", "Any GPU a platform offers."),
                choice("nvidia_l4", "NVIDIA L4", "Cloud Run (min 4 vCPU, 16 GiB), GKE Autopilot."),
                choice("nvidia_t4", "NVIDIA T4", "Container Apps serverless GPU, GKE Autopilot."),
                choice("nvidia_a100", "NVIDIA A100", "Container Apps, GKE Autopilot."),
                choice("nvidia_rtx_pro_6000", "NVIDIA RTX PRO 6000", "Cloud Run preview (min 20 vCPU, 80 GiB)."),
            ],
        },
        condition: Condition::GpuNeeded,
    },
    Question {
        id: "ephemeral_storage_gib",
        section: Section::Resources,
        title: "Local disk per instance",
        help: "Scratch space that may be lost on restart. Cloud Run keeps files in memory; Fargate allows up to 200 GiB.",
        kind: QuestionKind::Size(NumberSpec { unit: "GiB", min: 0.0, max: 2048.0, step: 1.0, not_sure: true }),
        condition: Condition::Always,
    },
    Question {
        id: "max_request_seconds",
        section: Section::RunTime,
        title: "Longest request or connection",
        help: "Request timeouts rule platforms out: App Runner 120 s, Container Apps 240 s, Lambda 15 min, Cloud Run 60 min. WebSockets count as one long request.",
        kind: QuestionKind::Duration(NumberSpec { unit: "seconds", min: 1.0, max: 86400.0, step: 1.0, not_sure: true }),
        condition: Condition::HttpService,
    },
    Question {
        id: "job_minutes",
        section: Section::RunTime,
        title: "Longest run of one job",
        help: "Lambda stops at 15 minutes; Cloud Run jobs allow 168 hours per task; Fargate has no limit.",
        kind: QuestionKind::Duration(NumberSpec { unit: "minutes", min: 1.0, max: 43200.0, step: 1.0, not_sure: true }),
        condition: Condition::Job,
    },
    Question {
        id: "os",
        section: Section::Platform,
        title: "Container operating system",
        help: "Windows containers run only on Fargate (ECS) and ACI.",
        kind: QuestionKind::SingleChoice {
            options: &[
                choice("linux", "Linux", "Every platform runs Linux containers."),
                choice("windows", "Windows", "Rules out everything but Fargate on ECS and ACI."),
            ],
        },
        condition: Condition::Always,
    },
    Question {
        id: "arch",
        section: Section::Platform,
        title: "CPU architecture of the image",
        help: "ARM64-only images rule out ACI, Cloud Run and Container Apps, which run x86-64 only.",
        kind: QuestionKind::SingleChoice {
            options: &[
                choice("either", "Either / multi-arch / not sure", "No platform is ruled out."),
                choice("x86_64", "x86-64 only", "Every platform runs x86-64."),
                choice("arm64", "ARM64 only", "Rules out ACI, Cloud Run, Container Apps and EKS Fargate."),
            ],
        },
        condition: Condition::Always,
    },
    Question {
        id: "protocols",
        section: Section::Protocols,
        title: "Which protocols must reach the container?",
        help: "Raw TCP and UDP rule out request-based platforms such as Cloud Run and App Runner.",
        kind: QuestionKind::MultipleChoice {
            options: &[
                choice("http1", "HTTP/1.1", "Supported everywhere that takes requests."),
                choice("http2", "HTTP/2 end to end", "App Runner downgrades to HTTP/1.1."),
                choice("grpc", "gRPC", "Needs HTTP/2 to the container; not App Runner."),
                choice("websockets", "WebSockets", "Cloud Run counts each connection against the request timeout."),
                choice("tcp", "Raw TCP", "Not Cloud Run, App Runner or Lambda."),
                choice("udp", "UDP", "Only Fargate with an NLB, ACI and Kubernetes-based options."),
            ],
        },
        condition: Condition::LongRunning,
    },
    Question {
        id: "ingress",
        section: Section::Networking,
        title: "Who connects to it?",
        help: "Private ingress needs VNet/VPC integration; ACI in a VNet cannot also have a public IP.",
        kind: QuestionKind::SingleChoice {
            options: &[
                choice("public", "The internet", "A public endpoint with TLS."),
                choice("private", "Only my private network", "Needs VPC/VNet integration."),
                choice("none", "Nothing connects in", "Workers and jobs."),
            ],
        },
        condition: Condition::Always,
    },
    Question {
        id: "storage",
        section: Section::Storage,
        title: "Persistent storage",
        help: "Block volumes rule out most serverless platforms; shared files work on Fargate (EFS), ACI and Container Apps (Azure Files).",
        kind: QuestionKind::SingleChoice {
            options: &[
                choice("none", "None: stateless", "Every platform fits."),
                choice("shared_files", "Shared file system (NFS/SMB)", "EFS, Azure Files, Filestore."),
                choice("block", "Block volume", "Only Fargate on ECS (one EBS volume per task) and Kubernetes options."),
                choice("object_mount", "Object storage mounted as files", "Cloud Run's Cloud Storage volumes."),
            ],
        },
        condition: Condition::Always,
    },
    Question {
        id: "scale_to_zero",
        section: Section::Scaling,
        title: "Scale to zero when idle?",
        help: "Fargate, ACI and App Runner keep at least one instance billed; Cloud Run, Container Apps and Lambda can cost nothing when idle.",
        kind: QuestionKind::SingleChoice {
            options: &[
                choice("required", "Required", "Rules out platforms that always bill an instance."),
                choice("preferred", "Nice to have", "Ranks scale-to-zero platforms higher."),
                choice("not_needed", "Not needed", "It is busy all the time."),
            ],
        },
        condition: Condition::LongRunning,
    },
    Question {
        id: "min_instances",
        section: Section::Scaling,
        title: "Minimum instances kept warm",
        help: "Above zero avoids cold starts but bills while idle.",
        kind: QuestionKind::Number(NumberSpec { unit: "instances", min: 0.0, max: 1000.0, step: 1.0, not_sure: false }),
        condition: Condition::LongRunning,
    },
    Question {
        id: "max_instances",
        section: Section::Scaling,
        title: "Maximum instances",
        help: "Container Apps allows up to 1,000 replicas; Cloud Run defaults to 100 (raise by quota).",
        kind: QuestionKind::Number(NumberSpec { unit: "instances", min: 1.0, max: 100000.0, step: 1.0, not_sure: true }),
        condition: Condition::Always,
    },
    Question {
        id: "concurrency",
        section: Section::Scaling,
        title: "Concurrent requests per instance",
        help: "Cloud Run allows up to 1,000; Lambda handles one request per instance.",
        kind: QuestionKind::Number(NumberSpec { unit: "requests", min: 1.0, max: 10000.0, step: 1.0, not_sure: true }),
        condition: Condition::HttpService,
    },
    Question {
        id: "traffic",
        section: Section::Scaling,
        title: "Traffic pattern",
        help: "Spiky or mostly idle traffic favours per-request billing; steady traffic favours per-instance billing.",
        kind: QuestionKind::SingleChoice {
            options: &[
                choice("spiky", "Spiky", "Bursts with idle gaps."),
                choice("steady", "Steady", "Busy most of the day."),
                choice("mostly_idle", "Mostly idle", "Used rarely."),
                choice("not_sure", "Not sure", "Cost fit is left out of the ranking."),
            ],
        },
        condition: Condition::Always,
    },
    Question {
        id: "special",
        section: Section::Security,
        title: "Host-level needs",
        help: "Privileged containers, host networking and DaemonSets rule out every serverless platform here.",
        kind: QuestionKind::MultipleChoice {
            options: &[
                choice("privileged", "Privileged containers", "Rules out every serverless platform."),
                choice("host_network", "Host networking / host ports", "Rules out every serverless platform."),
                choice("daemonset", "A DaemonSet (one pod per node)", "Only GKE Autopilot among these."),
                choice("sidecars", "Sidecar containers", "Not App Runner or Lambda."),
                choice("init_containers", "Init containers", "Not App Runner, Lambda or AKS virtual nodes."),
            ],
        },
        condition: Condition::Always,
    },
    Question {
        id: "compliance",
        section: Section::Security,
        title: "Security and compliance requirements",
        help: "Each requirement rules out platforms that cannot meet it and adds items to the security checklist.",
        kind: QuestionKind::MultipleChoice {
            options: &[
                choice("private_network", "Private networking only", "Traffic stays inside your VPC/VNet."),
                choice("cmek", "Customer-managed encryption keys", "Keys you control in KMS / Key Vault / Cloud KMS."),
                choice("confidential", "Confidential computing", "Hardware-isolated memory: ACI confidential containers."),
                choice("image_signing", "Only signed images may run", "Binary Authorization, ACI CCE policy."),
                choice("managed_identity", "Workload identity, no stored keys", "Task roles, managed identities, service accounts."),
            ],
        },
        condition: Condition::Always,
    },
    Question {
        id: "cloud",
        section: Section::Cloud,
        title: "Cloud preference",
        help: "Prefer ranks a cloud higher; require rules the others out.",
        kind: QuestionKind::SingleChoice {
            options: &[
                choice("any", "No preference", "All clouds are compared."),
                choice("aws", "AWS", "Fargate, ECS Express Mode, App Runner, Lambda."),
                choice("azure", "Azure", "ACI, AKS virtual nodes, Container Apps."),
                choice("gcp", "Google Cloud", "Cloud Run, Knative on GKE, GKE Autopilot."),
            ],
        },
        condition: Condition::Always,
    },
    Question {
        id: "cloud_mode",
        section: Section::Cloud,
        title: "How strong is that preference?",
        help: "Require rules out every platform on other clouds.",
        kind: QuestionKind::SingleChoice {
            options: &[
                choice("prefer", "Prefer", "Other clouds stay in the comparison."),
                choice("require", "Require", "Other clouds are ruled out."),
            ],
        },
        condition: Condition::CloudChosen,
    },
    Question {
        id: "kubernetes",
        section: Section::Cloud,
        title: "Your team's Kubernetes skills",
        help: "Kubernetes-based options (EKS Fargate, AKS virtual nodes, GKE Autopilot, Knative) rank lower without them.",
        kind: QuestionKind::SingleChoice {
            options: &[
                choice("none", "None", "Kubernetes options rank lower."),
                choice("some", "Some", "Kubernetes options are fine."),
                choice("strong", "Strong", "Kubernetes options rank higher."),
            ],
        },
        condition: Condition::Always,
    },
    Question {
        id: "existing_cluster",
        section: Section::Cloud,
        title: "Do you already run a Kubernetes cluster?",
        help: "An existing cluster makes its serverless extension (EKS Fargate, AKS virtual nodes, Knative on GKE) cheap to adopt.",
        kind: QuestionKind::SingleChoice {
            options: &[
                choice("none", "No", "Cluster-based options need a cluster first."),
                choice("eks", "Amazon EKS", "Fargate profiles extend it."),
                choice("aks", "Azure AKS", "Virtual nodes extend it."),
                choice("gke", "Google GKE", "Knative serving or Autopilot."),
            ],
        },
        condition: Condition::Always,
    },
];

/// The question with this id.
pub fn question(id: &str) -> Option<&'static Question> {
    QUESTIONS.iter().find(|q| q.id == id)
}

/// The questions that apply to these answers, in order.
pub fn applicable(answers: &Answers) -> impl Iterator<Item = &'static Question> + '_ {
    QUESTIONS.iter().filter(move |q| q.condition.holds(answers))
}

/// An answer to one question, in the form the UI edits.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum AnswerValue {
    /// The chosen option id.
    Choice(String),
    /// The chosen option ids.
    Choices(Vec<String>),
    /// A number; `None` is "Not sure".
    Number(Option<f64>),
}

fn field_error(field: &str, message: impl Into<String>) -> AnswerError {
    AnswerError {
        field: field.to_string(),
        message: message.into(),
    }
}

impl Answers {
    /// The current answer to question `id`.
    pub fn get(&self, id: &str) -> Option<AnswerValue> {
        let json = serde_json::to_value(self).ok()?;
        let value = json.get(id)?;
        Some(match question(id)?.kind {
            QuestionKind::SingleChoice { .. } => AnswerValue::Choice(match value {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            }),
            QuestionKind::MultipleChoice { .. } => AnswerValue::Choices(
                value
                    .as_array()?
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect(),
            ),
            QuestionKind::Number(_) | QuestionKind::Duration(_) | QuestionKind::Size(_) => {
                AnswerValue::Number(value.as_f64())
            }
        })
    }

    /// Sets the answer to question `id`, checking it against the question's options and bounds.
    /// On error the answers are unchanged and the message says what to change.
    pub fn set(&mut self, id: &str, value: AnswerValue) -> Result<(), AnswerError> {
        let q = question(id).ok_or_else(|| field_error(id, "is not a question Berth asks"))?;
        let json_value = match (&q.kind, value) {
            (QuestionKind::SingleChoice { options }, AnswerValue::Choice(c)) => {
                let option = options.iter().find(|o| o.id == c).ok_or_else(|| {
                    let ids: Vec<_> = options.iter().map(|o| o.id).collect();
                    field_error(id, format!("'{c}' is not one of: {}", ids.join(", ")))
                })?;
                match option.id {
                    "true" => serde_json::Value::Bool(true),
                    "false" => serde_json::Value::Bool(false),
                    other => serde_json::Value::String(other.to_string()),
                }
            }
            (QuestionKind::MultipleChoice { options }, AnswerValue::Choices(cs)) => {
                let mut ordered = Vec::new();
                for option in options.iter() {
                    if cs.iter().any(|c| c == option.id) {
                        ordered.push(serde_json::Value::String(option.id.to_string()));
                    }
                }
                if let Some(bad) = cs
                    .iter()
                    .find(|c| !options.iter().any(|o| o.id == c.as_str()))
                {
                    let ids: Vec<_> = options.iter().map(|o| o.id).collect();
                    return Err(field_error(
                        id,
                        format!("'{bad}' is not one of: {}", ids.join(", ")),
                    ));
                }
                serde_json::Value::Array(ordered)
            }
            (
                QuestionKind::Number(spec)
                | QuestionKind::Duration(spec)
                | QuestionKind::Size(spec),
                AnswerValue::Number(n),
            ) => match n {
                None if spec.not_sure => serde_json::Value::Null,
                None => return Err(field_error(id, format!("{} needs a number", q.title))),
                Some(n) => {
                    check_number(id, q.title, spec, n)?;
                    // Whole numbers as JSON integers, so integer fields (instances, seconds) accept them.
                    if n.fract() == 0.0 && n.abs() < 9.0e15 {
                        serde_json::Value::from(n as i64)
                    } else {
                        serde_json::json!(n)
                    }
                }
            },
            _ => {
                return Err(field_error(
                    id,
                    "has the wrong kind of answer for this question",
                ))
            }
        };
        let mut json = serde_json::to_value(&*self).map_err(|e| field_error(id, e.to_string()))?;
        json[id] = json_value;
        *self = serde_json::from_value(json).map_err(|e| field_error(id, e.to_string()))?;
        Ok(())
    }

    /// Every answer outside its question's bounds, each naming the field and the allowed range.
    pub fn check(&self) -> Vec<AnswerError> {
        let mut errors = Vec::new();
        if self.version != super::answers::FORMAT_VERSION {
            errors.push(field_error(
                "version",
                format!(
                    "must be {} (this build reads answers format {})",
                    super::answers::FORMAT_VERSION,
                    super::answers::FORMAT_VERSION
                ),
            ));
        }
        for q in QUESTIONS {
            if let (
                QuestionKind::Number(spec)
                | QuestionKind::Duration(spec)
                | QuestionKind::Size(spec),
                Some(AnswerValue::Number(value)),
            ) = (&q.kind, self.get(q.id))
            {
                match value {
                    Some(n) => {
                        if let Err(e) = check_number(q.id, q.title, spec, n) {
                            errors.push(e);
                        }
                    }
                    None if !spec.not_sure => {
                        errors.push(field_error(q.id, format!("{} needs a number", q.title)))
                    }
                    None => {}
                }
            }
        }
        if let Some(max) = self.max_instances {
            if self.min_instances > max {
                errors.push(field_error(
                    "max_instances",
                    format!(
                        "must be at least the minimum instances ({})",
                        self.min_instances
                    ),
                ));
            }
        }
        errors
    }
}

/// Formats a number without trailing zeros (2 → "2", 0.25 → "0.25").
pub fn fmt_number(n: f64) -> String {
    // Numbers shown are nearly always whole or have a few decimals: format those from
    // integers, since `{:.3}` takes the slow exact path and the evaluation calls this
    // hundreds of times.
    let thousandths = (n * 1000.0).round();
    if thousandths.abs() < 1e15 && (thousandths / 1000.0 - n).abs() < 1e-9 && thousandths != 0.0 {
        let t = thousandths as i64;
        let sign = if t < 0 { "-" } else { "" };
        let (whole, frac) = (t.unsigned_abs() / 1000, t.unsigned_abs() % 1000);
        return if frac == 0 {
            format!("{sign}{whole}")
        } else {
            let digits = format!("{frac:03}");
            format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
        };
    }
    let s = format!("{:.3}", n);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn check_number(id: &str, title: &str, spec: &NumberSpec, n: f64) -> Result<(), AnswerError> {
    if !n.is_finite() || n < spec.min || n > spec.max {
        return Err(field_error(
            id,
            format!(
                "{title} must be between {} and {} {}",
                fmt_number(spec.min),
                fmt_number(spec.max),
                spec.unit
            ),
        ));
    }
    if spec.step >= 1.0 && n.fract() != 0.0 {
        return Err(field_error(
            id,
            format!("{title} must be a whole number of {}", spec.unit),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod fmt_number_tests {
    use super::fmt_number;

    /// The fast path prints exactly what `{:.3}` with trailing zeros trimmed prints.
    #[test]
    fn matches_three_decimals_trimmed() {
        let slow = |n: f64| {
            let s = format!("{:.3}", n);
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        };
        let mut values = vec![
            0.0,
            -0.0,
            0.08,
            0.25,
            0.5,
            1.769,
            2.0,
            1e9,
            -3.5,
            0.0004,
            1.0 / 3.0,
        ];
        values.extend((0..20_000).map(|i| f64::from(i) / 1000.0));
        values.extend((0..2_000).map(|i| f64::from(i) * 0.1));
        for n in values {
            assert_eq!(fmt_number(n), slow(n), "{n}");
        }
    }
}
