//! The questionnaire: stable question ids, their types, options, help and conditions.
//!
//! Question ids are the field names of [`Answers`]; the UI renders these definitions
//! generically and reads and writes answers through [`Answers::get`] and [`Answers::set`],
//! so adding a question never means adding UI logic.

use serde::Serialize;

use super::answers::{AnswerError, Answers, WorkloadKind};
pub use super::question_facts::{catalog_line, catalog_line_of, CatalogLine};

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
    Usage,
    Security,
    Cloud,
}

impl Section {
    pub const ALL: [Section; 12] = [
        Section::Archetype,
        Section::Workload,
        Section::Resources,
        Section::RunTime,
        Section::Platform,
        Section::Protocols,
        Section::Networking,
        Section::Storage,
        Section::Scaling,
        Section::Usage,
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
            Section::Usage => "Usage and cost",
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
    /// Only for background workers.
    Worker,
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
            Condition::Worker => a.workload == WorkloadKind::Worker,
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
    /// The catalog facts quoted under the help (see [`catalog_line`]).
    #[serde(skip)]
    pub catalog_line: CatalogLine,
}

const YES_NO: &[Choice] = &[
    choice("false", "No", "Every platform offers CPU-only instances."),
    choice("true", "Yes", "Rules out platforms without GPUs."),
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
        catalog_line: CatalogLine::None,
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
        catalog_line: CatalogLine::None,
    },
    Question {
        id: "vcpu",
        section: Section::Resources,
        title: "vCPU per instance",
        help: "Platforms cap vCPU per instance. Berth rounds up to the nearest size each platform allows.",
        kind: QuestionKind::Size(NumberSpec { unit: "vCPU", min: 0.05, max: 192.0, step: 0.25, not_sure: true }),
        condition: Condition::Always,
        catalog_line: CatalogLine::VcpuMax,
    },
    Question {
        id: "memory_gib",
        section: Section::Resources,
        title: "Memory per instance",
        help: "Platforms cap memory and tie it to vCPU.",
        kind: QuestionKind::Size(NumberSpec { unit: "GiB", min: 0.125, max: 512.0, step: 0.5, not_sure: true }),
        condition: Condition::Always,
        catalog_line: CatalogLine::MemoryMax,
    },
    Question {
        id: "gpu",
        section: Section::Resources,
        title: "Does it need a GPU?",
        help: "Only some platforms offer GPUs.",
        kind: QuestionKind::SingleChoice { options: YES_NO },
        condition: Condition::Always,
        catalog_line: CatalogLine::Gpus,
    },
    Question {
        id: "gpu_type",
        section: Section::Resources,
        title: "Which GPU?",
        help: "Each platform offers specific GPUs; picking one rules out platforms without it.",
        kind: QuestionKind::SingleChoice {
            options: &[
                choice("any", "Any / not sure", "Any GPU a platform offers."),
                choice("nvidia_l4", "NVIDIA L4", "Rules out platforms without it; some need a larger instance."),
                choice("nvidia_t4", "NVIDIA T4", "Rules out platforms without it."),
                choice("nvidia_a100", "NVIDIA A100", "Rules out platforms without it."),
                choice("nvidia_rtx_pro_6000", "NVIDIA RTX PRO 6000", "Rules out platforms without it; some need a larger instance."),
            ],
        },
        condition: Condition::GpuNeeded,
        catalog_line: CatalogLine::GpuTypes,
    },
    Question {
        id: "ephemeral_storage_gib",
        section: Section::Resources,
        title: "Local disk per instance",
        help: "Scratch space that may be lost on restart. Some platforms keep such files in memory.",
        kind: QuestionKind::Size(NumberSpec { unit: "GiB", min: 0.0, max: 2048.0, step: 1.0, not_sure: true }),
        condition: Condition::Always,
        catalog_line: CatalogLine::EphemeralMax,
    },
    Question {
        id: "max_request_seconds",
        section: Section::RunTime,
        title: "Longest request or connection",
        help: "Request timeouts rule platforms out. WebSockets count as one long request.",
        kind: QuestionKind::Duration(NumberSpec { unit: "seconds", min: 1.0, max: 86400.0, step: 1.0, not_sure: true }),
        condition: Condition::HttpService,
        catalog_line: CatalogLine::RequestMax,
    },
    Question {
        id: "job_minutes",
        section: Section::RunTime,
        title: "Longest run of one job",
        help: "Platforms stop a job task at their run-time limit.",
        kind: QuestionKind::Duration(NumberSpec { unit: "minutes", min: 1.0, max: 43200.0, step: 1.0, not_sure: true }),
        condition: Condition::Job,
        catalog_line: CatalogLine::JobMax,
    },
    Question {
        id: "os",
        section: Section::Platform,
        title: "Container operating system",
        help: "Few platforms run Windows containers.",
        kind: QuestionKind::SingleChoice {
            options: &[
                choice("linux", "Linux", "Every platform runs Linux containers."),
                choice("windows", "Windows", "Rules out platforms without Windows containers."),
            ],
        },
        condition: Condition::Always,
        catalog_line: CatalogLine::Windows,
    },
    Question {
        id: "arch",
        section: Section::Platform,
        title: "CPU architecture of the image",
        help: "ARM64-only images rule out the platforms that run x86-64 only.",
        kind: QuestionKind::SingleChoice {
            options: &[
                choice("either", "Either / multi-arch / not sure", "No platform is ruled out."),
                choice("x86_64", "x86-64 only", "Every platform runs x86-64."),
                choice("arm64", "ARM64 only", "Rules out the platforms that run x86-64 only."),
            ],
        },
        condition: Condition::Always,
        catalog_line: CatalogLine::Arm64,
    },
    Question {
        id: "protocols",
        section: Section::Protocols,
        title: "Which protocols must reach the container?",
        help: "Raw TCP and UDP rule out request-based platforms.",
        kind: QuestionKind::MultipleChoice {
            options: &[
                choice("http1", "HTTP/1.1", "Supported everywhere that takes requests."),
                choice("http2", "HTTP/2 end to end", "Some platforms downgrade it to HTTP/1.1."),
                choice("grpc", "gRPC", "Needs HTTP/2 to the container."),
                choice("websockets", "WebSockets", "Some platforms count each connection against the request timeout."),
                choice("tcp", "Raw TCP", "Rules out request-based platforms."),
                choice("udp", "UDP", "Few platforms take UDP."),
            ],
        },
        condition: Condition::LongRunning,
        catalog_line: CatalogLine::None,
    },
    Question {
        id: "ingress",
        section: Section::Networking,
        title: "Who connects to it?",
        help: "Private ingress needs VNet/VPC integration.",
        kind: QuestionKind::SingleChoice {
            options: &[
                choice("public", "The internet", "A public endpoint with TLS."),
                choice("private", "Only my private network", "Needs VPC/VNet integration."),
                choice("none", "Nothing connects in", "Workers and jobs."),
            ],
        },
        condition: Condition::Always,
        catalog_line: CatalogLine::None,
    },
    Question {
        id: "storage",
        section: Section::Storage,
        title: "Persistent storage",
        help: "Block volumes rule out most serverless platforms; shared file systems work on some.",
        kind: QuestionKind::SingleChoice {
            options: &[
                choice("none", "None: stateless", "Every platform fits."),
                choice("shared_files", "Shared file system (NFS/SMB)", "EFS, Azure Files, Filestore."),
                choice("block", "Block volume", "Few serverless platforms attach one."),
                choice("object_mount", "Object storage mounted as files", "A bucket mounted as a file system."),
            ],
        },
        condition: Condition::Always,
        catalog_line: CatalogLine::None,
    },
    Question {
        id: "scale_to_zero",
        section: Section::Scaling,
        title: "Scale to zero when idle?",
        help: "Some platforms always keep an instance billed; others cost nothing when idle.",
        kind: QuestionKind::SingleChoice {
            options: &[
                choice("required", "Required", "Rules out platforms that always bill an instance."),
                choice("preferred", "Nice to have", "Ranks scale-to-zero platforms higher."),
                choice("not_needed", "Not needed", "It is busy all the time."),
            ],
        },
        condition: Condition::LongRunning,
        catalog_line: CatalogLine::None,
    },
    Question {
        id: "min_instances",
        section: Section::Scaling,
        title: "Minimum instances kept warm",
        help: "Above zero avoids cold starts but bills while idle.",
        kind: QuestionKind::Number(NumberSpec { unit: "instances", min: 0.0, max: 1000.0, step: 1.0, not_sure: false }),
        condition: Condition::LongRunning,
        catalog_line: CatalogLine::None,
    },
    Question {
        id: "max_instances",
        section: Section::Scaling,
        title: "Maximum instances",
        help: "Platforms cap instances; above a cap, you need a quota request or several deployments.",
        kind: QuestionKind::Number(NumberSpec { unit: "instances", min: 1.0, max: 100000.0, step: 1.0, not_sure: true }),
        condition: Condition::Always,
        catalog_line: CatalogLine::MaxInstances,
    },
    Question {
        id: "concurrency",
        section: Section::Scaling,
        title: "Concurrent requests per instance",
        help: "How many requests one instance handles at once; platforms cap it.",
        kind: QuestionKind::Number(NumberSpec { unit: "requests", min: 1.0, max: 10000.0, step: 1.0, not_sure: true }),
        condition: Condition::HttpService,
        catalog_line: CatalogLine::MaxConcurrency,
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
        catalog_line: CatalogLine::None,
    },
    Question {
        id: "requests_per_month",
        section: Section::Usage,
        title: "Requests a month",
        help: "For the cost estimate only. Per-request platforms bill each request and the time spent on it; per-instance platforms bill running instances whatever the traffic. Not sure gives a low-high range.",
        kind: QuestionKind::Number(NumberSpec { unit: "requests", min: 0.0, max: 100_000_000_000.0, step: 1.0, not_sure: true }),
        condition: Condition::HttpService,
        catalog_line: CatalogLine::None,
    },
    Question {
        id: "request_ms",
        section: Section::Usage,
        title: "Average time per request",
        help: "How long one request keeps an instance busy, on average. Per-request platforms bill this time.",
        kind: QuestionKind::Duration(NumberSpec { unit: "milliseconds", min: 1.0, max: 3_600_000.0, step: 1.0, not_sure: true }),
        condition: Condition::HttpService,
        catalog_line: CatalogLine::None,
    },
    Question {
        id: "busy_hours_per_day",
        section: Section::Usage,
        title: "Hours a day the worker is busy",
        help: "Platforms that scale a worker to zero bill only these hours; the others bill every hour an instance runs.",
        kind: QuestionKind::Number(NumberSpec { unit: "hours", min: 0.0, max: 24.0, step: 0.5, not_sure: true }),
        condition: Condition::Worker,
        catalog_line: CatalogLine::None,
    },
    Question {
        id: "runs_per_month",
        section: Section::Usage,
        title: "Runs a month",
        help: "How often the job runs (30 for a daily job). Jobs are billed only while they run.",
        kind: QuestionKind::Number(NumberSpec { unit: "runs", min: 0.0, max: 1_000_000.0, step: 1.0, not_sure: true }),
        condition: Condition::Job,
        catalog_line: CatalogLine::None,
    },
    Question {
        id: "minutes_per_run",
        section: Section::Usage,
        title: "Average minutes per run",
        help: "The typical run, not the longest. Not sure takes the longest run as the typical one.",
        kind: QuestionKind::Duration(NumberSpec { unit: "minutes", min: 1.0, max: 43200.0, step: 1.0, not_sure: true }),
        condition: Condition::Job,
        catalog_line: CatalogLine::None,
    },
    Question {
        id: "cost_preference",
        section: Section::Usage,
        title: "How should cost weigh in the ranking?",
        help: "Every platform that fits shows a monthly estimate either way; cheapest first reorders the ranking by it.",
        kind: QuestionKind::SingleChoice {
            options: &[
                choice("best_fit", "Best fit", "Rank by fit; costs are shown alongside."),
                choice("cheapest", "Cheapest that fits", "Rank the platforms that fit by their estimated monthly cost."),
            ],
        },
        condition: Condition::Always,
        catalog_line: CatalogLine::None,
    },
    Question {
        id: "special",
        section: Section::Security,
        title: "Host-level needs",
        help: "Privileged containers, host networking and DaemonSets rule out most serverless platforms.",
        kind: QuestionKind::MultipleChoice {
            options: &[
                choice("privileged", "Privileged containers", "Rules out the platforms that refuse it."),
                choice("host_network", "Host networking / host ports", "Rules out the platforms that refuse it."),
                choice("daemonset", "A DaemonSet (one pod per node)", "Rules out platforms without per-node agents."),
                choice("sidecars", "Sidecar containers", "Rules out platforms that run one container per instance."),
                choice("init_containers", "Init containers", "Rules out platforms without init containers."),
            ],
        },
        condition: Condition::Always,
        catalog_line: CatalogLine::None,
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
                choice("confidential", "Confidential computing", "Hardware-isolated memory."),
                choice("image_signing", "Only signed images may run", "Only attested images start."),
                choice("managed_identity", "Workload identity, no stored keys", "Task roles, managed identities, service accounts."),
            ],
        },
        condition: Condition::Always,
        catalog_line: CatalogLine::None,
    },
    Question {
        id: "cloud",
        section: Section::Cloud,
        title: "Cloud preference",
        help: "Prefer ranks a cloud higher; require rules the others out.",
        kind: QuestionKind::SingleChoice {
            options: &[
                choice("any", "No preference", "All clouds are compared."),
                choice("aws", "AWS", "AWS platforms."),
                choice("azure", "Azure", "Azure platforms."),
                choice("gcp", "Google Cloud", "Google Cloud platforms."),
            ],
        },
        condition: Condition::Always,
        catalog_line: CatalogLine::Clouds,
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
        catalog_line: CatalogLine::None,
    },
    Question {
        id: "kubernetes",
        section: Section::Cloud,
        title: "Your team's Kubernetes skills",
        help: "Options that run on a Kubernetes cluster you operate rank lower without them.",
        kind: QuestionKind::SingleChoice {
            options: &[
                choice("none", "None", "Kubernetes options rank lower."),
                choice("some", "Some", "Kubernetes options are fine."),
                choice("strong", "Strong", "Kubernetes options rank higher."),
            ],
        },
        condition: Condition::Always,
        catalog_line: CatalogLine::Kubernetes,
    },
    Question {
        id: "existing_cluster",
        section: Section::Cloud,
        title: "Do you already run a Kubernetes cluster?",
        help: "An existing cluster makes its serverless extension cheap to adopt.",
        kind: QuestionKind::SingleChoice {
            options: &[
                choice("none", "No", "Cluster-based options need a cluster first."),
                choice("eks", "Amazon EKS", "Fargate profiles extend it."),
                choice("aks", "Azure AKS", "Virtual nodes extend it."),
                choice("gke", "Google GKE", "Knative serving or Autopilot."),
            ],
        },
        condition: Condition::Always,
        catalog_line: CatalogLine::Kubernetes,
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
        let ids = |options: &'static [Choice]| options.iter().map(|o| o.id);
        Some(match question(id)?.kind {
            QuestionKind::SingleChoice { options } => {
                AnswerValue::Choice(self.chosen(id, ids(options))?.to_string())
            }
            QuestionKind::MultipleChoice { options } => AnswerValue::Choices(
                self.chosen_all(id, ids(options))?
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
            ),
            QuestionKind::Number(_) | QuestionKind::Duration(_) | QuestionKind::Size(_) => {
                AnswerValue::Number(self.number(id)?)
            }
        })
    }

    /// The numeric answer `id`, exactly as stored; `None` when `id` is not a numeric field.
    fn number(&self, id: &str) -> Option<Option<f64>> {
        let whole = |n: Option<u32>| n.map(f64::from);
        Some(match id {
            "vcpu" => self.vcpu,
            "memory_gib" => self.memory_gib,
            "ephemeral_storage_gib" => self.ephemeral_storage_gib,
            "busy_hours_per_day" => self.busy_hours_per_day,
            "max_request_seconds" => whole(self.max_request_seconds),
            "job_minutes" => whole(self.job_minutes),
            "min_instances" => whole(Some(self.min_instances)),
            "max_instances" => whole(self.max_instances),
            "concurrency" => whole(self.concurrency),
            "requests_per_month" => self.requests_per_month.map(|n| n as f64),
            "request_ms" => whole(self.request_ms),
            "runs_per_month" => whole(self.runs_per_month),
            "minutes_per_run" => whole(self.minutes_per_run),
            _ => return None,
        })
    }

    /// The fractional numeric answer `id`, which takes any number as is.
    fn fraction_mut(&mut self, id: &str) -> Option<&mut Option<f64>> {
        match id {
            "vcpu" => Some(&mut self.vcpu),
            "memory_gib" => Some(&mut self.memory_gib),
            "ephemeral_storage_gib" => Some(&mut self.ephemeral_storage_gib),
            "busy_hours_per_day" => Some(&mut self.busy_hours_per_day),
            _ => None,
        }
    }

    /// Sets the answer to question `id`, checking it against the question's options and bounds.
    /// On error the answers are unchanged and the message says what to change.
    pub fn set(&mut self, id: &str, value: AnswerValue) -> Result<(), AnswerError> {
        let q = question(id).ok_or_else(|| field_error(id, "is not a question Berth asks"))?;
        let set = match (&q.kind, value) {
            (QuestionKind::SingleChoice { options }, AnswerValue::Choice(c)) => {
                let option = options.iter().find(|o| o.id == c).ok_or_else(|| {
                    let ids: Vec<_> = options.iter().map(|o| o.id).collect();
                    field_error(id, format!("'{c}' is not one of: {}", ids.join(", ")))
                })?;
                self.choose(id, option.id)
            }
            (QuestionKind::MultipleChoice { options }, AnswerValue::Choices(cs)) => {
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
                // In the question's order, each once.
                let chosen: Vec<_> = options
                    .iter()
                    .map(|o| o.id)
                    .filter(|o| cs.iter().any(|c| c == o))
                    .collect();
                self.choose_all(id, &chosen)
            }
            (
                QuestionKind::Number(spec)
                | QuestionKind::Duration(spec)
                | QuestionKind::Size(spec),
                AnswerValue::Number(n),
            ) => {
                match n {
                    None if !spec.not_sure => {
                        return Err(field_error(id, format!("{} needs a number", q.title)))
                    }
                    Some(n) => check_number(id, q.title, spec, n)?,
                    None => {}
                }
                if let Some(slot) = self.fraction_mut(id) {
                    *slot = n;
                    return Ok(());
                }
                self.set_whole(id, n)
            }
            _ => {
                return Err(field_error(
                    id,
                    "has the wrong kind of answer for this question",
                ))
            }
        };
        match set {
            Some(result) => result.map_err(|message| field_error(id, message)),
            None => Err(field_error(id, "is not a question Berth asks")),
        }
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
    Number(n).to_string()
}

/// A number as [`fmt_number`] writes it, for use inside `format!` and friends: writing it
/// in place saves the evaluation an allocation per number.
#[derive(Clone, Copy, Debug)]
pub struct Number(pub f64);

impl std::fmt::Display for Number {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.0;
        // Numbers shown are nearly always whole or have a few decimals: format those from
        // integers, since `{:.3}` takes the slow exact path and the evaluation calls this
        // hundreds of times.
        let thousandths = (n * 1000.0).round();
        if thousandths.abs() < 1e15 && (thousandths / 1000.0 - n).abs() < 1e-9 && thousandths != 0.0
        {
            let t = thousandths as i64;
            let (mut whole, mut frac) = (t.unsigned_abs() / 1000, t.unsigned_abs() % 1000);
            // Written right to left into a buffer: "-", up to 15 digits, ".", 3 digits.
            let mut buf = [0u8; 20];
            let mut at = buf.len();
            let mut put = |b: u8| {
                at -= 1;
                buf[at] = b;
            };
            if frac != 0 {
                let mut digits = 3;
                while frac % 10 == 0 {
                    frac /= 10;
                    digits -= 1;
                }
                for _ in 0..digits {
                    put(b'0' + (frac % 10) as u8);
                    frac /= 10;
                }
                put(b'.');
            }
            loop {
                put(b'0' + (whole % 10) as u8);
                whole /= 10;
                if whole == 0 {
                    break;
                }
            }
            if t < 0 {
                put(b'-');
            }
            return f.pad(std::str::from_utf8(&buf[at..]).map_err(|_| std::fmt::Error)?);
        }
        crate::core::decimal::write_thousandths(f, n)
    }
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
        values.extend((0..2_000).map(|i| f64::from(i) / -1000.0));
        values.extend([0.0005, -0.0005, 999_999_999_999.999, 1e15, -1e15, 1e20]);
        for n in values {
            assert_eq!(fmt_number(n), slow(n), "{n}");
        }
    }
}
