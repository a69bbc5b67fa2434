//! Importing what a team runs today: realistic files of each format read into the expected
//! answers with provenance; Berth's own bundles read back into the answers they carry (a
//! property test with a fixed seed); bad input refused with a clear message.

use std::path::PathBuf;

use berth::core::answers::*;
use berth::core::catalog::PLATFORM_IDS;
use berth::core::evaluate::evaluate;
use berth::core::import::{import, ImportOutcome, MAX_BYTES};
use berth::core::manifests::generate;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/import")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read(name: &str, service: Option<&str>) -> ImportOutcome {
    import(&fixture(name), name, service).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn imported(a: &Answers) -> Imported {
    a.import_story()
        .expect("imported answers carry their provenance")
}

fn env(a: &Answers) -> Vec<(&str, &str)> {
    a.deploy
        .env
        .iter()
        .map(|e| (e.name.as_str(), e.value.as_str()))
        .collect()
}

#[test]
fn compose_web_and_worker() {
    let err = import(&fixture("compose-web-worker.yaml"), "compose.yaml", None).unwrap_err();
    assert_eq!(err.choices, ["redis", "web", "worker"], "{err}");
    assert!(err.message.contains("choose one"), "{err}");

    let out = read("compose-web-worker.yaml", Some("web"));
    assert_eq!(out.workloads, ["redis", "web", "worker"]);
    let a = &out.answers;
    assert_eq!(a.workload, WorkloadKind::HttpService);
    assert_eq!((a.vcpu, a.memory_gib), (Some(2.0), Some(4.0)));
    assert_eq!(a.arch, ArchChoice::Arm64);
    assert_eq!(a.ingress, Ingress::Public);
    assert_eq!((a.min_instances, a.max_instances), (2, Some(2)));
    assert_eq!(a.deploy.name, "web");
    assert_eq!(a.deploy.image, "ghcr.io/example/shop-web:3.2.0");
    assert_eq!(a.deploy.port, 8080);
    assert_eq!(a.deploy.health_path, "/health");
    assert_eq!(
        env(a),
        [
            ("FEATURE_CHECKOUT_V2", "true"),
            ("LOG_LEVEL", "info"),
            ("WORKERS", "4")
        ]
    );
    assert_eq!(a.deploy.secrets, ["DB_PASSWORD", "STRIPE_KEY"]);
    let imp = imported(a);
    assert_eq!(imp.format, "Compose file");
    assert_eq!(imp.workload, "web");
    assert_eq!(
        imp.source_of("vcpu"),
        Some("services.web.deploy.resources.limits.cpus: '2'")
    );
    assert_eq!(
        imp.source_of("memory_gib"),
        Some("services.web.deploy.resources.limits.memory: '4G'")
    );
    assert!(
        imp.not_understood
            .iter()
            .any(|n| n.contains("./uploads") && n.contains("bind mount")),
        "{:?}",
        imp.not_understood
    );
    assert_eq!(imp.original.health, "curl -f http://localhost:8080/health");
    // What the file does not say stays at the preset.
    assert_eq!(a.traffic, Archetype::PublicWeb.preset().traffic);
    assert_eq!(imp.source_of("traffic"), None);

    let w = read("compose-web-worker.yaml", Some("worker")).answers;
    assert_eq!(w.workload, WorkloadKind::Worker);
    assert_eq!(w.archetype, Archetype::EventWorker);
    assert_eq!((w.vcpu, w.memory_gib), (Some(0.5), Some(0.5)));
    assert_eq!(
        env(&w),
        [("QUEUE", "mail"), ("REDIS_URL", "redis://redis:6379/0")]
    );
    assert_eq!(w.deploy.secrets, ["DB_PASSWORD"]);
    assert!(w.deploy.health_path.is_empty());
    assert!(imported(&w)
        .not_understood
        .iter()
        .any(|n| n.contains("services.worker.command")));
}

#[test]
fn kubernetes_deployment_with_service_and_hpa() {
    let a = read("k8s-deployment-hpa.yaml", None).answers;
    assert_eq!(a.workload, WorkloadKind::HttpService);
    assert_eq!((a.vcpu, a.memory_gib), (Some(0.5), Some(1.0)));
    assert_eq!(a.arch, ArchChoice::X86_64);
    assert_eq!(a.ingress, Ingress::Private, "a ClusterIP Service");
    assert_eq!(
        (a.min_instances, a.max_instances),
        (2, Some(12)),
        "the HPA wins over replicas"
    );
    assert_eq!(a.deploy.port, 3000);
    assert_eq!(a.deploy.health_path, "/ready");
    assert_eq!(env(&a), [("NODE_ENV", "production")]);
    assert_eq!(a.deploy.secrets, ["DATABASE_PASSWORD"]);
    assert!(a.deploy.image.contains("@sha256:"));
    let imp = imported(&a);
    assert_eq!(imp.format, "Kubernetes Deployment");
    assert_eq!(
        imp.source_of("vcpu"),
        Some(
            "Deployment catalog-api.spec.template.spec.containers[0].resources.limits.cpu: '500m'"
        )
    );
    assert_eq!(
        imp.source_of("max_instances"),
        Some("HorizontalPodAutoscaler catalog-api.spec.maxReplicas: 12")
    );
    assert!(imp
        .not_understood
        .iter()
        .any(|n| n.contains("ConfigMap 'catalog-settings'")));
    assert_eq!(
        imp.original.secrets,
        ["DATABASE_PASSWORD: secretKeyRef catalog-db/password"]
    );
}

#[test]
fn ecs_task_definition_with_secrets() {
    let a = read("ecs-task-definition.json", None).answers;
    assert_eq!(a.workload, WorkloadKind::HttpService);
    assert_eq!((a.vcpu, a.memory_gib), (Some(0.5), Some(1.0)));
    assert_eq!(a.arch, ArchChoice::Arm64);
    assert_eq!(a.deploy.name, "billing");
    assert_eq!(a.deploy.port, 9000);
    assert_eq!(a.deploy.health_path, "/status");
    assert_eq!(env(&a), [("CURRENCY", "EUR"), ("RETRY_LIMIT", "5")]);
    assert_eq!(a.deploy.secrets, ["DB_PASSWORD", "PSP_TOKEN"]);
    let imp = imported(&a);
    assert_eq!(imp.source_of("vcpu"), Some("cpu: '512'"));
    assert!(imp.original.secrets[1].contains("arn:aws:ssm:"));
}

#[test]
fn cloud_run_service_with_concurrency_and_min_instances() {
    let a = read("cloud-run-service.yaml", None).answers;
    assert_eq!(a.workload, WorkloadKind::HttpService);
    assert_eq!((a.vcpu, a.memory_gib), (Some(2.0), Some(2.0)));
    assert_eq!((a.min_instances, a.max_instances), (1, Some(30)));
    assert_eq!(a.scale_to_zero, ScaleToZero::NotNeeded);
    assert_eq!(a.concurrency, Some(40));
    assert_eq!(a.max_request_seconds, Some(120));
    assert_eq!(a.ingress, Ingress::Public);
    assert_eq!(a.deploy.health_path, "/started");
    assert_eq!(a.deploy.secrets, ["API_KEY"]);
    let imp = imported(&a);
    assert_eq!(imp.format, "Cloud Run service");
    assert_eq!(
        imp.source_of("concurrency"),
        Some("spec.template.spec.containerConcurrency: 40")
    );
}

#[test]
fn kubernetes_cronjob() {
    let a = read("k8s-cronjob.yaml", None).answers;
    assert_eq!(a.workload, WorkloadKind::Job);
    assert_eq!(a.archetype, Archetype::BatchJob);
    assert_eq!(a.deploy.schedule, "30 2 * * 1-5");
    assert_eq!(a.job_minutes, Some(90));
    assert_eq!(a.deploy.retries, 4);
    assert_eq!((a.vcpu, a.memory_gib), (Some(1.0), Some(3.0)));
    assert_eq!(a.deploy.secrets, ["SMTP_PASSWORD"]);
    assert_eq!(
        imported(&a).source_of("deploy.schedule"),
        Some("spec.schedule: '30 2 * * 1-5'")
    );
}

#[test]
fn azure_container_app_and_container_group() {
    let a = read("container-app.yaml", None).answers;
    assert_eq!((a.vcpu, a.memory_gib), (Some(0.75), Some(1.5)));
    assert_eq!(a.ingress, Ingress::Private);
    assert_eq!(a.protocols, [Protocol::Http1, Protocol::Http2]);
    assert_eq!((a.min_instances, a.max_instances), (1, Some(8)));
    assert_eq!(a.concurrency, Some(50));
    assert_eq!(a.deploy.port, 5000);
    assert_eq!(a.deploy.health_path, "/healthz/ready");
    assert_eq!(a.deploy.secrets, ["QUEUE_CONNECTION"]);

    let g = read("aci-container-group.yaml", None).answers;
    assert_eq!((g.vcpu, g.memory_gib), (Some(1.5), Some(3.0)));
    assert_eq!(g.os, Os::Linux);
    assert_eq!(g.ingress, Ingress::Public);
    assert_eq!(g.deploy.port, 8000);
    assert_eq!(g.deploy.health_path, "/alive");
    assert_eq!(env(&g), [("RENDER_THREADS", "2")]);
    assert_eq!(
        g.deploy.secrets,
        ["SIGNING_KEY"],
        "a secure value is a secret, by name only"
    );
    let json = serde_json::to_string(&g).unwrap();
    assert!(
        !json.contains("do-not-commit"),
        "secret values never enter the answers"
    );
}

#[test]
fn imported_answers_evaluate_and_read_back_as_answers_files() {
    for (name, service) in [
        ("compose-web-worker.yaml", Some("web")),
        ("k8s-deployment-hpa.yaml", None),
        ("ecs-task-definition.json", None),
        ("cloud-run-service.yaml", None),
        ("k8s-cronjob.yaml", None),
        ("container-app.yaml", None),
        ("aci-container-group.yaml", None),
    ] {
        let a = read(name, service).answers;
        assert!(a.check().is_empty(), "{name}: {:?}", a.check());
        let json = serde_json::to_string_pretty(&a).unwrap();
        let back = parse_answers(&json).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(back, a, "{name}");
        assert!(evaluate(&a).top_pick.is_some(), "{name}: something fits");
    }
}

#[test]
fn migration_notes_go_in_the_bundle_and_its_readme() {
    let a = read("compose-web-worker.yaml", Some("web")).answers;
    let report = evaluate(&a);
    let ecs = report.platform("fargate-ecs").unwrap();
    let size = ecs.size.as_ref().expect("Fargate fits").size;
    let b = generate("fargate-ecs", &a, size).unwrap();
    let notes = b.migration_notes.join("\n");
    assert!(
        notes.contains(
            "From: Compose file (`compose-web-worker.yaml`), workload `web`, to fargate-ecs."
        ),
        "{notes}"
    );
    assert!(
        notes.contains("Secret `DB_PASSWORD` (was DB_PASSWORD: Compose secret 'db_password'")
            && notes.contains("AWS Secrets Manager secret `web/DB_PASSWORD`"),
        "{notes}"
    );
    assert!(
        notes.contains("`curl -f http://localhost:8080/health`")
            && notes.contains("`/health` on port 8080"),
        "{notes}"
    );
    assert!(notes.contains("Size: 2 vCPU, 4 GiB"), "{notes}");
    assert!(
        notes.contains("./uploads"),
        "not-understood items are listed: {notes}"
    );
    let readme = &b
        .files
        .iter()
        .find(|f| f.path == "README.md")
        .unwrap()
        .contents;
    assert!(readme.contains("## Migration notes"), "{readme}");
    for line in &b.migration_notes {
        assert!(readme.contains(line.as_str()), "{line}");
    }
    // Answers typed in by hand get no migration notes.
    let mut typed = a.clone();
    typed.imported = None;
    let b = generate("fargate-ecs", &typed, size).unwrap();
    assert!(b.migration_notes.is_empty());
    let readme = &b
        .files
        .iter()
        .find(|f| f.path == "README.md")
        .unwrap()
        .contents;
    assert!(!readme.contains("Migration notes"));

    // A job's schedule syntax changes on AWS; on Cloud Run jobs its secret moves to Secret Manager.
    let job = read("k8s-cronjob.yaml", None).answers;
    let report = evaluate(&job);
    let ecs = report.platform("fargate-ecs").unwrap();
    let b = generate("fargate-ecs", &job, ecs.size.as_ref().unwrap().size).unwrap();
    let notes = b.migration_notes.join("\n");
    assert!(
        notes.contains("Schedule: `30 2 * * 1-5` in your file becomes the EventBridge Scheduler expression `cron(30 2 ? * MON-FRI *)`"),
        "{notes}"
    );
    assert!(
        notes.contains("AWS Secrets Manager secret `invoice-run/SMTP_PASSWORD`"),
        "{notes}"
    );
    let jobs = report.platform("cloud-run-jobs").unwrap();
    let b = generate("cloud-run-jobs", &job, jobs.size.as_ref().unwrap().size).unwrap();
    let notes = b.migration_notes.join("\n");
    assert!(
        notes.contains("Secret Manager secret `SMTP_PASSWORD`"),
        "{notes}"
    );
    assert!(
        notes.contains("Cloud Scheduler job with `30 2 * * 1-5`"),
        "{notes}"
    );
}

#[test]
fn share_links_leave_the_import_story_out() {
    let a = read("ecs-task-definition.json", None).answers;
    let code = berth::core::share_link::encode(&a);
    let decoded = berth::core::share_link::decode(&code).unwrap();
    assert!(decoded.answers.imported.is_none());
    let mut plain = a.clone();
    plain.imported = None;
    assert_eq!(decoded.answers, plain);
}

// ---------------------------------------------------------------------------
// Bad input

#[test]
fn a_yaml_syntax_error_names_its_line_and_column() {
    let text = "services:\n  web:\n    image: nginx\n    ports: [80\n";
    let e = import(text, "compose.yaml", None).unwrap_err();
    assert!(e.message.starts_with("invalid YAML"), "{e}");
    assert!(e.line.is_some() && e.column.is_some(), "{e:?}");
    assert!(e.line.unwrap() >= 4, "{e:?}");
    assert!(e.to_string().starts_with("line "), "{e}");
}

#[test]
fn a_json_syntax_error_names_its_line_and_column() {
    let text = "{\n  \"family\": \"x\",\n  \"containerDefinitions\": [\n    { \"name\": \"x\" \"image\": \"y\" }\n  ]\n}";
    let e = import(text, "task.json", None).unwrap_err();
    assert!(e.message.starts_with("invalid JSON"), "{e}");
    assert_eq!(e.line, Some(4), "{e:?}");
    assert_eq!(e.column, Some(19), "{e:?}");
}

#[test]
fn an_unrecognised_document_names_the_kinds_berth_reads() {
    let e = import(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n",
        "",
        None,
    )
    .unwrap_err();
    assert!(e.message.contains("does not recognise"), "{e}");
    assert!(e.message.contains("a ConfigMap"), "{e}");
    for kind in [
        "Compose",
        "Deployment",
        "CronJob",
        "ECS task definition",
        "Cloud Run",
        "Container Apps",
        "Container Instances",
    ] {
        assert!(e.message.contains(kind), "{kind}: {e}");
    }
    let e = import("just: text\n", "", None).unwrap_err();
    assert!(e.message.contains("a mapping with keys just"), "{e}");
}

#[test]
fn files_over_one_megabyte_are_refused() {
    let mut text = String::from("services:\n  web:\n    image: nginx\n");
    while text.len() <= MAX_BYTES {
        text.push_str("# padding padding padding padding padding padding padding\n");
    }
    let e = import(&text, "", None).unwrap_err();
    assert!(e.message.contains("up to 1048576 bytes (1 MB)"), "{e}");
}

#[test]
fn deep_nesting_is_refused() {
    let yaml = format!("{}1{}", "[".repeat(200), "]".repeat(200));
    let e = import(&yaml, "", None).unwrap_err();
    assert!(
        e.message.contains("too complex") || e.message.contains("deeper"),
        "{e}"
    );
    let json = format!("{}1{}", "[".repeat(200), "]".repeat(200));
    let e = import(&json, "", None).unwrap_err();
    assert!(e.message.contains("deeper than"), "{e}");
    let mut block = String::from("services:\n");
    for i in 0..100 {
        block.push_str(&"  ".repeat(i + 1));
        block.push_str(&format!("k{i}:\n"));
    }
    let e = import(&block, "", None).unwrap_err();
    assert!(
        e.message.contains("too complex") || e.message.contains("deeper"),
        "{e}"
    );
}

#[test]
fn alias_bombs_are_refused() {
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
    let mut prev = "a";
    for n in names {
        bomb.push_str(&format!(
            "{n}: &{n} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
        ));
        prev = n;
    }
    bomb.push_str("services:\n  web:\n    image: *i\n");
    let e = import(&bomb, "", None).unwrap_err();
    assert!(e.message.contains("too complex"), "{e}");
}

#[test]
fn an_unknown_service_name_lists_the_ones_there_are() {
    let e = import(&fixture("compose-web-worker.yaml"), "", Some("api")).unwrap_err();
    assert!(
        e.message.contains("no service or workload named 'api'"),
        "{e}"
    );
    assert_eq!(e.choices, ["redis", "web", "worker"]);
}

// ---------------------------------------------------------------------------
// Round trip: Berth's own bundles read back into the answers they carry.

/// The file of a platform's bundle that Berth reads back, and what that file carries.
struct Readable {
    path: &'static str,
    secrets: bool,
    schedule: bool,
    bounds: bool,
}

fn readable(platform: &str, a: &Answers) -> Option<Readable> {
    let job = a.workload == WorkloadKind::Job;
    let r = |path, secrets, schedule, bounds| {
        Some(Readable {
            path,
            secrets,
            schedule,
            bounds,
        })
    };
    match platform {
        "fargate-ecs" => r("task-definition.json", true, false, false),
        "ecs-express" => r("express-service.json", true, false, true),
        "fargate-eks" | "aks-virtual-nodes" | "gke-autopilot" => {
            r("kubernetes.yaml", true, true, !job)
        }
        "cloud-run" => r("service.yaml", true, false, true),
        "cloud-run-jobs" => r("job.yaml", true, false, false),
        "knative-gke" => r("knative.yaml", true, false, true),
        "aci" => r("container-group.yaml", false, false, false),
        "container-apps" if job => r("containerapp-job.yaml", true, true, false),
        "container-apps" => r("containerapp.yaml", true, false, true),
        // Lambda functions and App Runner services are CloudFormation; not read yet.
        "lambda-image" | "app-runner" => None,
        other => panic!("say here which file of {other}'s bundle Berth reads back"),
    }
}

fn env_name() -> impl Strategy<Value = String> {
    "[A-Z][A-Z0-9_]{0,8}"
}

prop_compose! {
    fn bundle_answers()(
        archetype in prop::sample::select(vec![Archetype::PublicWeb, Archetype::InternalService, Archetype::EventWorker, Archetype::BatchJob, Archetype::Scratch]),
        vcpu in prop::sample::select(vec![0.25, 0.5, 1.0, 2.0, 4.0]),
        memory in prop::sample::select(vec![0.5, 1.0, 2.0, 3.0, 4.0, 8.0]),
        image in "(ghcr\\.io|registry\\.example\\.com)/[a-z]{2,8}/[a-z]{2,8}:[0-9]\\.[0-9]{1,2}",
        port in 1024u16..9999,
        health in "/[a-z]{1,10}",
        env in prop::collection::btree_map(env_name(), "[ -~]{0,24}", 0..4),
        // Ending in a letter: Azure refuses a secret name that ends in '_'.
        secrets in prop::collection::btree_set(env_name().prop_map(|n| format!("S_{n}X")), 0..3),
        schedule in prop::sample::select(vec!["", "0 3 * * *", "*/15 * * * *", "30 2 * * 1-5", "0 0 1 * *"]),
        min in 0u32..3,
        extra in 1u32..20,
        arch in prop::sample::select(vec![ArchChoice::Either, ArchChoice::X86_64, ArchChoice::Arm64]),
    ) -> Answers {
        let mut a = archetype.preset();
        a.vcpu = Some(vcpu);
        a.memory_gib = Some(memory);
        a.arch = arch;
        a.min_instances = min;
        a.max_instances = Some(min + extra);
        a.deploy.image = image;
        a.deploy.port = port;
        if a.workload == WorkloadKind::HttpService {
            a.deploy.health_path = health;
        }
        a.deploy.env = env.into_iter().map(|(name, value)| EnvVar { name, value }).collect();
        a.deploy.secrets = secrets.into_iter().collect();
        if a.workload == WorkloadKind::Job {
            a.deploy.schedule = schedule.to_string();
        }
        a
    }
}

/// Reads every readable bundle of `a` back and compares what each carries.
fn round_trip(
    a: &Answers,
    read_per_platform: &mut std::collections::BTreeMap<&'static str, u32>,
) -> Result<(), TestCaseError> {
    let report = evaluate(a);
    for id in PLATFORM_IDS {
        let Some(result) = report.platform(id) else {
            continue;
        };
        let Some(size) = &result.size else { continue };
        let Some(r) = readable(id, a) else { continue };
        // One set of answers names one region; another cloud's platforms refuse it.
        let bundle = match generate(id, a, size.size) {
            Err(e) if e.iter().all(|e| e.field == "deploy.region") => {
                let mut other_cloud = a.clone();
                other_cloud.deploy.region.clear();
                generate(id, &other_cloud, size.size)
            }
            result => result,
        }
        .map_err(|e| TestCaseError::fail(format!("{id}: {e:?}")))?;
        let file = bundle
            .files
            .iter()
            .find(|f| f.path == r.path)
            .ok_or_else(|| TestCaseError::fail(format!("{id}: no {}", r.path)))?;
        let back = import(&file.contents, r.path, Some(&a.deploy.name))
            .map_err(|e| TestCaseError::fail(format!("{id} {}: {e}\n{}", r.path, file.contents)))?
            .answers;
        *read_per_platform.entry(id).or_default() += 1;
        let at = format!("{id} ({})", r.path);
        // An ECS task definition does not say whether it runs as a service or a job, and a
        // Knative service with a port is request-driven whatever runs in it.
        let kind_unsaid = (id == "fargate-ecs" && a.workload == WorkloadKind::Job)
            || (id == "knative-gke" && a.workload == WorkloadKind::Worker);
        if !kind_unsaid {
            prop_assert_eq!(back.workload, a.workload, "{}", at);
        }
        prop_assert_eq!(back.vcpu, Some(size.size.vcpu), "{}", at);
        prop_assert!(
            (back.memory_gib.unwrap() - size.size.memory_gib).abs() < 1e-3,
            "{}: {:?} vs {:?}",
            at,
            back.memory_gib,
            size.size
        );
        prop_assert_eq!(&back.deploy.image, &a.deploy.image, "{}", at);
        prop_assert_eq!(&back.deploy.name, &a.deploy.name, "{}", at);
        if a.workload == WorkloadKind::HttpService {
            prop_assert_eq!(back.deploy.port, a.deploy.port, "{}", at);
            // A gRPC service's path is for gRPC checks, and ECS on Windows has no
            // container health check (see the bundle's notes): neither carries the path.
            let grpc = a.protocols.contains(&Protocol::Grpc);
            let windows_ecs = id == "fargate-ecs" && a.os == Os::Windows;
            if !grpc && !windows_ecs && !a.deploy.health_path.is_empty() {
                prop_assert_eq!(&back.deploy.health_path, &a.deploy.health_path, "{}", at);
            }
        }
        let mut want_env: Vec<(String, String)> = a
            .deploy
            .env
            .iter()
            .map(|e| (e.name.clone(), e.value.clone()))
            .collect();
        let mut got_env: Vec<(String, String)> = back
            .deploy
            .env
            .iter()
            .map(|e| (e.name.clone(), e.value.clone()))
            .collect();
        want_env.sort();
        got_env.sort();
        prop_assert_eq!(got_env, want_env, "{}", at);
        if r.secrets {
            let mut got = back.deploy.secrets.clone();
            got.sort();
            prop_assert_eq!(got, a.deploy.secrets.clone(), "{}", at);
        }
        if r.schedule {
            prop_assert_eq!(&back.deploy.schedule, &a.deploy.schedule, "{}", at);
        }
        if r.bounds {
            let floor = match id {
                // Kubernetes autoscalers and Express Mode keep at least one task.
                "fargate-eks" | "aks-virtual-nodes" | "gke-autopilot" | "ecs-express" => 1,
                // A worker with no request-driven scaler is kept running.
                "knative-gke" | "container-apps" | "cloud-run"
                    if a.workload == WorkloadKind::Worker =>
                {
                    1
                }
                _ => 0,
            };
            prop_assert_eq!(back.min_instances, a.min_instances.max(floor), "{}", at);
            prop_assert_eq!(back.max_instances, a.max_instances, "{}", at);
        }
        let imp = back.import_story().expect("provenance");
        prop_assert!(imp.source_of("deploy.image").is_some(), "{}", at);
    }
    Ok(())
}

#[test]
fn berths_own_bundles_read_back_into_the_answers_they_carry() {
    let config = Config {
        cases: 64,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]));
    let mut read = std::collections::BTreeMap::new();
    let cell = std::cell::RefCell::new(&mut read);
    runner
        .run(&bundle_answers(), |a| {
            round_trip(&a, &mut cell.borrow_mut())
        })
        .unwrap();
    // Every readable platform was read back many times.
    for id in PLATFORM_IDS {
        if matches!(id, "lambda-image" | "app-runner") {
            continue;
        }
        assert!(
            read.get(id).copied().unwrap_or(0) >= 5,
            "{id} read back only {:?} times",
            read.get(id)
        );
    }
}

#[test]
fn the_example_workloads_read_back_too() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/workloads");
    let mut read = std::collections::BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let a = parse_answers(&std::fs::read_to_string(&path).unwrap()).unwrap();
        round_trip(&a, &mut read).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    assert!(read.len() >= 8, "{read:?}");
}

// ---------------------------------------------------------------------------
// Robustness: any document built from the keys the readers look at is read or refused
// with a message, never a panic.

fn any_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    const KEYS: &[&str] = &[
        "services",
        "image",
        "ports",
        "deploy",
        "resources",
        "limits",
        "cpus",
        "memory",
        "apiVersion",
        "kind",
        "metadata",
        "name",
        "spec",
        "template",
        "containers",
        "env",
        "valueFrom",
        "secretKeyRef",
        "containerDefinitions",
        "cpu",
        "portMappings",
        "secrets",
        "type",
        "properties",
        "configuration",
        "ingress",
        "scale",
        "healthcheck",
        "test",
        "schedule",
        "jobTemplate",
        "selector",
        "labels",
        "replicas",
        "containerPort",
        "primaryContainer",
        "environment",
        "probes",
        "httpGet",
        "path",
        "annotations",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        prop::sample::select(vec![
            "Deployment",
            "CronJob",
            "Service",
            "apps/v1",
            "serving.knative.dev/v1",
            "Microsoft.App/containerApps",
            "Microsoft.ContainerInstance/containerGroups",
            "500m",
            "2Gi",
            "80:8080/udp",
            "http://x/h",
            "",
            "é"
        ])
        .prop_map(Value::from),
        "[ -~]{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(6, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(KEYS.to_vec()).prop_map(str::to_string),
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

#[test]
fn no_document_makes_a_reader_panic() {
    let config = Config {
        cases: 2000,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[11; 32]));
    runner
        .run(&(any_value(), any::<bool>()), |(doc, as_yaml)| {
            let text = if as_yaml {
                serde_saphyr::to_string(&doc).unwrap()
            } else {
                serde_json::to_string(&doc).unwrap()
            };
            match import(&text, "", None) {
                Ok(out) => prop_assert!(out.answers.imported.is_some()),
                Err(e) => prop_assert!(!e.message.is_empty()),
            }
            Ok(())
        })
        .unwrap();
}

/// A value the file gives that Berth cannot take keeps the starting point's value and is
/// listed as not understood, naming the file's value and the allowed range, so what import
/// returns always evaluates.
#[test]
fn a_value_out_of_range_keeps_the_preset_and_says_so() {
    let compose = "services:\n  web:\n    image: ghcr.io/acme/web:1.0\n    ports: [\"8080:80\"]\n    deploy:\n      resources:\n        limits:\n          memory: 2048\n          cpus: \"0.5\"\n";
    let a = import(compose, "docker-compose.yml", None).unwrap().answers;
    let preset = Archetype::PublicWeb.preset();
    assert_eq!((a.vcpu, a.memory_gib), (Some(0.5), preset.memory_gib));
    let imp = imported(&a);
    assert_eq!(imp.source_of("memory_gib"), None);
    assert!(
        imp.not_understood.iter().any(|n| n.starts_with(
            "memory_gib: services.web.deploy.resources.limits.memory: 2048, but Memory per instance must be between"
        )),
        "{:?}",
        imp.not_understood
    );
    assert!(a.check().is_empty(), "{:?}", a.check());

    let k8s = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  template:\n    spec:\n      containers:\n      - name: api\n        image: ghcr.io/acme/api:1.0\n        resources:\n          requests: {cpu: \"1e3\", memory: \"1e9\"}\n";
    let a = import(k8s, "deploy.yaml", None).unwrap().answers;
    assert_eq!(
        a.vcpu,
        Archetype::PublicWeb.preset().vcpu,
        "1,000 vCPU is out of range"
    );
    assert_eq!(a.memory_gib, Some(0.931640625), "1e9 bytes, in whole MiB");
    assert!(a.check().is_empty());
}

/// ECS takes `1 vCPU` and `2 GB` (which it registers as 2,048 MiB) as well as CPU units and MiB.
#[test]
fn ecs_sizes_written_with_units() {
    let td = r#"{"family": "api", "cpu": "1 vCPU", "memory": "2 GB", "containerDefinitions": [{"name": "api", "image": "ghcr.io/acme/api:1.0", "essential": true, "portMappings": [{"containerPort": 8080}]}]}"#;
    let a = import(td, "task-definition.json", None).unwrap().answers;
    assert_eq!((a.vcpu, a.memory_gib), (Some(1.0), Some(2.0)));
}

/// Compose's service-level `cpus` and `mem_limit` are sizes; `x-` extension keys are for
/// tools and read without comment; a value with a variable is not taken as written.
#[test]
fn compose_service_sizes_extensions_and_variables() {
    let compose = "services:\n  web:\n    image: ${IMAGE:-ghcr.io/acme/web:1.0}\n    cpus: 1.5\n    mem_limit: 1g\n    x-team: payments\n    ports: [\"8080:80\"]\n    environment:\n      MODE: prod\n      HOME_DIR: ${HOME}\n      PRICE: \"$$5\"\n";
    let a = import(compose, "compose.yaml", None).unwrap().answers;
    assert_eq!((a.vcpu, a.memory_gib), (Some(1.5), Some(1.0)));
    assert_eq!(
        env(&a),
        [("MODE", "prod"), ("PRICE", "$5")],
        "$$ is Compose's literal $"
    );
    assert_eq!(a.deploy.image, Archetype::PublicWeb.preset().deploy.image);
    let imp = imported(&a);
    let notes = imp.not_understood.join("\n");
    assert!(
        !notes.contains("x-team") && !notes.contains(".cpus") && !notes.contains("mem_limit"),
        "{notes}"
    );
    assert!(
        notes.contains("image: '${IMAGE:-ghcr.io/acme/web:1.0}' (uses a variable"),
        "{notes}"
    );
    assert!(
        notes.contains("HOME_DIR") && notes.contains("docker compose config"),
        "{notes}"
    );
}

/// An ECS port mapping's `protocol: udp` and `appProtocol: grpc` / `http2` are protocols the
/// recommendation needs; they were dropped.
#[test]
fn ecs_port_protocols_are_read() {
    let td = r#"{"family": "api", "cpu": "512", "memory": "1024", "containerDefinitions": [{"name": "api", "image": "ghcr.io/acme/api:1.0", "essential": true, "portMappings": [{"containerPort": 8080, "appProtocol": "grpc"}, {"containerPort": 5353, "protocol": "udp"}]}]}"#;
    let a = import(td, "task-definition.json", None).unwrap().answers;
    assert_eq!(
        a.protocols,
        [Protocol::Http1, Protocol::Grpc, Protocol::Udp]
    );
    let imp = imported(&a);
    assert!(imp
        .source_of("protocols")
        .is_some_and(|s| s.contains("appProtocol") && s.contains("udp")));
    // HTTP/2, in any case, once however many mappings say it.
    let td = td
        .replace(r#""appProtocol": "grpc""#, r#""appProtocol": "HTTP2""#)
        .replace(r#""protocol": "udp""#, r#""appProtocol": "http2""#);
    let a = import(&td, "task-definition.json", None).unwrap().answers;
    assert_eq!(a.protocols, [Protocol::Http1, Protocol::Http2]);
}

/// A port published on the host's loopback address only is not public ingress; a YAML key
/// given twice is named in the message, without the reader's option names.
#[test]
fn loopback_ports_are_private_and_duplicate_keys_are_named() {
    let compose =
        "services:\n  web:\n    image: ghcr.io/acme/web:1.0\n    ports: [\"127.0.0.1:8080:80\"]\n";
    let a = import(compose, "compose.yaml", None).unwrap().answers;
    assert_eq!((a.deploy.port, a.ingress), (80, Ingress::Private));
    let long = "services:\n  web:\n    image: ghcr.io/acme/web:1.0\n    ports:\n      - {target: 80, published: 8080, host_ip: 127.0.0.1}\n";
    assert_eq!(
        import(long, "compose.yaml", None).unwrap().answers.ingress,
        Ingress::Private
    );
    let public = "services:\n  web:\n    image: ghcr.io/acme/web:1.0\n    ports: [\"8080:80\"]\n";
    assert_eq!(
        import(public, "compose.yaml", None)
            .unwrap()
            .answers
            .ingress,
        Ingress::Public
    );

    let twice = "services:\n  web:\n    image: a/b:1\n    image: a/c:1\n";
    let e = import(twice, "compose.yaml", None).unwrap_err();
    assert!(
        e.to_string()
            .contains("the key 'image' appears twice in one mapping; keep one"),
        "{e}"
    );
    assert!(!e.to_string().contains("Options"), "{e}");
}

/// A size or replica count that is there but does not read is listed as not understood,
/// never dropped without a word.
#[test]
fn unreadable_sizes_are_listed() {
    let compose = "services:\n  web:\n    image: ghcr.io/acme/web:1.0\n    deploy:\n      replicas: -3\n      resources:\n        limits:\n          cpus: \"abc\"\n          memory: lots\n";
    let a = import(compose, "compose.yaml", None).unwrap().answers;
    let notes = imported(&a).not_understood.join("\n");
    for field in [
        "deploy.replicas: -3",
        "limits.cpus: 'abc'",
        "limits.memory: 'lots'",
    ] {
        assert!(notes.contains(field), "{field} in {notes}");
    }
    let k8s = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  template:\n    spec:\n      containers:\n      - name: api\n        image: ghcr.io/acme/api:1.0\n        resources:\n          limits: {cpu: \"-1\", memory: \"plenty\"}\n";
    let a = import(k8s, "deploy.yaml", None).unwrap().answers;
    let notes = imported(&a).not_understood.join("\n");
    assert!(notes.contains("not a quantity Berth can read"), "{notes}");
    assert_eq!(notes.matches("not a quantity").count(), 2, "{notes}");
}

/// A Compose file with no services, or inside a multi-document file, says so.
#[test]
fn empty_or_multi_document_compose_files_say_what_is_wrong() {
    let e = import("version: \"3\"\nservices: {}\n", "compose.yaml", None).unwrap_err();
    assert!(
        e.to_string().contains("has no services under `services:`"),
        "{e}"
    );
    let e = import(
        "services:\n  web:\n    image: a/b:1\n---\nservices:\n  api:\n    image: a/c:1\n",
        "compose.yaml",
        None,
    )
    .unwrap_err();
    assert!(e.to_string().contains("several YAML documents"), "{e}");
}

/// A minimum from the file above the starting point's maximum raises the maximum, so the
/// answers stay valid and no note says the file gave a maximum it did not.
#[test]
fn a_minimum_above_the_presets_maximum_raises_it() {
    let run = "apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: api}\nspec:\n  template:\n    metadata:\n      annotations:\n        autoscaling.knative.dev/minScale: '20'\n    spec:\n      containers:\n      - image: us-docker.pkg.dev/p/r/api:1.0\n";
    let a = import(run, "service.yaml", None).unwrap().answers;
    assert_eq!((a.min_instances, a.max_instances), (20, Some(20)));
    assert!(a.check().is_empty(), "{:?}", a.check());
    let imp = imported(&a);
    assert!(
        imp.not_understood
            .iter()
            .all(|n| !n.contains("max_instances")),
        "{:?}",
        imp.not_understood
    );
    assert!(imp
        .source_of("max_instances")
        .is_some_and(|s| s.contains("rises to the minimum")));
}

/// A job whose file gives no schedule runs when started: it gets no schedule (the batch
/// preset's nightly one would run it where it never ran) and no note that the file gave one.
#[test]
fn a_job_without_a_schedule_runs_on_demand() {
    let files = [
        ("job.yaml", "apiVersion: batch/v1\nkind: Job\nmetadata: {name: migrate}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: migrate, image: ghcr.io/acme/api:2.0.0}]\n"),
        ("compose.yaml", "services:\n  backup:\n    image: ghcr.io/acme/backup:1.0\n    deploy:\n      restart_policy: {condition: on-failure}\n"),
        ("aci.yaml", "name: batch\ntype: Microsoft.ContainerInstance/containerGroups\nproperties:\n  restartPolicy: OnFailure\n  containers: [{name: b, properties: {image: acme.azurecr.io/b:1}}]\n"),
        ("aci.yaml", "name: batch\ntype: Microsoft.ContainerInstance/containerGroups\nproperties:\n  restartPolicy: Never\n  containers: [{name: b, properties: {image: acme.azurecr.io/b:1}}]\n"),
        ("containerapp-job.yaml", "name: manual-job\ntype: Microsoft.App/jobs\nproperties:\n  configuration: {triggerType: Manual, replicaTimeout: 600}\n  template:\n    containers: [{name: p, image: acme.azurecr.io/p:1}]\n"),
        ("job.yaml", "apiVersion: run.googleapis.com/v1\nkind: Job\nmetadata: {name: etl}\nspec:\n  template:\n    spec:\n      template:\n        spec:\n          containers: [{image: us-docker.pkg.dev/acme/etl/etl:7}]\n"),
    ];
    for (name, text) in files {
        let a = import(text, name, None).unwrap().answers;
        assert_eq!(a.workload, WorkloadKind::Job, "{text}");
        assert_eq!(a.deploy.schedule, "", "{text}");
        assert_eq!(imported(&a).source_of("deploy.schedule"), None, "{text}");
    }
}

/// A Container Apps job started by events runs on demand in the answers, and its trigger
/// and scale rules are listed to set up by hand.
#[test]
fn an_event_triggered_container_apps_job_lists_its_trigger() {
    let job = "name: queue-proc\ntype: Microsoft.App/jobs\nproperties:\n  configuration:\n    triggerType: Event\n    eventTriggerConfig:\n      scale:\n        rules:\n        - {name: queue, type: azure-servicebus, metadata: {queueName: orders}}\n  template:\n    containers: [{name: proc, image: acme.azurecr.io/proc:1}]\n";
    let a = import(job, "containerapp-job.yaml", None).unwrap().answers;
    assert_eq!(
        (a.workload, a.deploy.schedule.as_str()),
        (WorkloadKind::Job, "")
    );
    let notes = imported(&a).not_understood.join("\n");
    assert!(
        notes.contains("triggerType: 'Event' (not carried over"),
        "{notes}"
    );
    assert!(
        notes.contains("rules[0] 'queue' (azure-servicebus scale rule"),
        "{notes}"
    );
}

/// Cron's macros become the five fields they stand for; a schedule the platforms cannot
/// take is listed, never copied.
#[test]
fn cron_macros_are_translated_and_unreadable_schedules_listed() {
    let cronjob = |schedule: &str| {
        format!("apiVersion: batch/v1\nkind: CronJob\nmetadata: {{name: report}}\nspec:\n  schedule: \"{schedule}\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers: [{{name: r, image: ghcr.io/acme/report:1.0}}]\n")
    };
    for (written, cron) in [
        ("@yearly", "0 0 1 1 *"),
        ("@annually", "0 0 1 1 *"),
        ("@monthly", "0 0 1 * *"),
        ("@weekly", "0 0 * * 0"),
        ("@daily", "0 0 * * *"),
        ("@midnight", "0 0 * * *"),
        ("@hourly", "0 * * * *"),
    ] {
        let a = import(&cronjob(written), "cronjob.yaml", None)
            .unwrap()
            .answers;
        assert_eq!(a.deploy.schedule, cron, "{written}");
        let imp = imported(&a);
        assert_eq!(
            imp.source_of("deploy.schedule"),
            Some(format!("spec.schedule: '{written}' (= '{cron}')").as_str())
        );
        assert_eq!(imp.original.schedule, written);
    }
    let a = import(&cronjob("@every 5m"), "cronjob.yaml", None)
        .unwrap()
        .answers;
    assert_eq!(a.deploy.schedule, "");
    let notes = imported(&a).not_understood.join("\n");
    assert!(
        notes.contains("spec.schedule: '@every 5m' (") && notes.contains("deploy.schedule"),
        "{notes}"
    );
}

/// The bundle `manifests` writes for `a` on `platform`, which must pass its checks.
fn bundle(platform: &str, a: &Answers) -> berth::core::manifests::Bundle {
    let report = evaluate(a);
    let size = report
        .platform(platform)
        .and_then(|r| r.size.as_ref())
        .unwrap_or_else(|| panic!("{platform} has no size for these answers"))
        .size;
    generate(platform, a, size).unwrap_or_else(|e| panic!("{platform}: {e:?}"))
}

/// A health check URL with a query keeps the URL's path, which the platforms take; the
/// query is listed as not carried.
#[test]
fn a_health_check_query_is_left_out_of_the_path() {
    let compose = "services:\n  web:\n    image: ghcr.io/acme/web:1.0\n    ports: [\"8080:80\"]\n    healthcheck:\n      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost/health?full=1\"]\n";
    let k8s = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  template:\n    spec:\n      containers:\n      - name: api\n        image: ghcr.io/acme/api:1.0\n        ports: [{containerPort: 8080}]\n        readinessProbe:\n          httpGet: {path: \"/ready?probe=k8s\", port: 8080}\n";
    for (text, path, query) in [
        (compose, "/health", "'?full=1' is not carried"),
        (k8s, "/ready", "'?probe=k8s' is not carried"),
    ] {
        let a = import(text, "file.yaml", None).unwrap().answers;
        assert_eq!(a.deploy.health_path, path);
        let notes = imported(&a).not_understood.join("\n");
        assert!(notes.contains(query), "{notes}");
        bundle("gke-autopilot", &a);
    }
}

/// A health check that is no HTTP GET (a command, a TCP or gRPC probe, one disabled, only
/// UDP ports) gives no HTTP path, where the starting point's `/healthz` was kept before, and
/// the migration notes no longer say it becomes an HTTP probe.
#[test]
fn a_health_check_that_is_not_http_gives_no_path() {
    let probe = |probe: &str| {
        format!("apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: api}}\nspec:\n  template:\n    spec:\n      containers:\n      - name: api\n        image: ghcr.io/acme/api:1.0\n        ports: [{{containerPort: 8080}}]\n        livenessProbe:\n          {probe}\n")
    };
    let compose = |port: &str, healthcheck: &str| {
        format!("services:\n  web:\n    image: ghcr.io/acme/web:1.0\n    ports: [\"{port}\"]\n    healthcheck: {healthcheck}\n")
    };
    let files = [
        probe("exec: {command: [cat, /tmp/healthy]}"),
        probe("tcpSocket: {port: 8080}"),
        probe("grpc: {port: 8080}"),
        compose("8080:80", "{disable: true}"),
        compose("8080:80", "{test: [\"NONE\"]}"),
        compose("5432:5432", "{test: [\"CMD-SHELL\", \"pg_isready\"]}"),
        compose("5353:53/udp", "{}"),
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: dns}\nspec:\n  template:\n    spec:\n      containers:\n      - name: dns\n        image: ghcr.io/acme/dns:1.0\n        ports: [{containerPort: 53, protocol: UDP}]\n".to_string(),
    ];
    for text in &files {
        let a = import(text, "file.yaml", None).unwrap().answers;
        assert_eq!(a.deploy.health_path, "", "{text}");
        let imp = imported(&a);
        assert!(
            imp.source_of("deploy.health_path")
                .is_some_and(|s| s.contains("so no HTTP path")),
            "{text}: {:?}",
            imp.from_file
        );
    }
    let a = import(&files[0], "file.yaml", None).unwrap().answers;
    let readme = bundle("gke-autopilot", &a)
        .files
        .into_iter()
        .find(|f| f.path == "README.md")
        .unwrap()
        .contents;
    assert!(!readme.contains("HTTP probe of"), "{readme}");
    assert!(
        readme.contains("livenessProbe: exec` in your file is not carried"),
        "{readme}"
    );
    // An HTTP probe elsewhere in the file still gives its path.
    let both = probe("exec: {command: [cat, /tmp/healthy]}\n        readinessProbe:\n          httpGet: {path: /ready, port: 8080}");
    let a = import(&both, "file.yaml", None).unwrap().answers;
    assert_eq!(a.deploy.health_path, "/ready");
}

/// The port a workload serves on is the one its Service sends traffic to (by number or by
/// a container port's name), else the one its readiness probe checks, not the first one
/// listed (often metrics); in Compose, a mapping other hosts reach rather than a debug port
/// published on loopback only.
#[test]
fn the_port_is_the_one_traffic_and_probes_use() {
    let deployment = |probe: &str| {
        format!("apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: web}}\nspec:\n  template:\n    metadata: {{labels: {{app: web}}}}\n    spec:\n      containers:\n      - name: web\n        image: ghcr.io/acme/web:1.0\n        ports:\n        - {{name: metrics, containerPort: 9090}}\n        - {{name: http, containerPort: 8080}}\n{probe}")
    };
    let service = |target: &str| {
        format!("---\napiVersion: v1\nkind: Service\nmetadata: {{name: web}}\nspec:\n  selector: {{app: web}}\n  ports:\n  - {{port: 80, {target}}}\n")
    };
    let cases = [
        (
            deployment("") + &service("targetPort: http"),
            "targetPort: 'http'",
        ),
        (
            deployment("") + &service("targetPort: 8080"),
            "targetPort: 8080",
        ),
        (
            deployment("        readinessProbe:\n          httpGet: {path: /ready, port: http}\n"),
            "readinessProbe.httpGet.port: 'http'",
        ),
        (
            deployment("        livenessProbe:\n          tcpSocket: {port: 8080}\n"),
            "livenessProbe.tcpSocket.port: 8080",
        ),
    ];
    for (text, said) in cases {
        let a = import(&text, "web.yaml", Some("web")).unwrap().answers;
        assert_eq!(a.deploy.port, 8080, "{text}");
        let source = imported(&a).source_of("deploy.port").unwrap().to_string();
        assert!(source.contains(said), "{source}");
    }
    let a = import(&deployment(""), "web.yaml", None).unwrap().answers;
    assert_eq!(
        a.deploy.port, 9090,
        "with nothing else to go by, the first port"
    );

    let compose = "services:\n  web:\n    image: ghcr.io/acme/web:1.0\n    ports: [\"127.0.0.1:9229:9229\", \"8080:80\"]\n";
    let a = import(compose, "compose.yaml", None).unwrap().answers;
    assert_eq!((a.deploy.port, a.ingress), (80, Ingress::Public));
    let long = "services:\n  web:\n    image: ghcr.io/acme/web:1.0\n    ports:\n      - {target: 9229, published: 9229, host_ip: 127.0.0.1}\n      - {target: 80, published: 8080}\n";
    let a = import(long, "compose.yaml", None).unwrap().answers;
    assert_eq!(a.deploy.port, 80);
}

/// A Cloud Run service with a port takes requests, even with CPU always allocated and
/// ingress from inside the VPC only: an HTTP service with private ingress, not a worker.
#[test]
fn a_cloud_run_service_with_a_port_serves_http() {
    let run = |ingress: &str| {
        format!("apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: checkout\n  labels: {{cloud.googleapis.com/location: europe-west4}}\n  annotations: {{{ingress}}}\nspec:\n  template:\n    metadata:\n      annotations:\n        run.googleapis.com/cpu-throttling: 'false'\n    spec:\n      containers:\n      - image: europe-west4-docker.pkg.dev/acme/apps/checkout:1.0\n        ports: [{{containerPort: 8080}}]\n")
    };
    for (ingress, want) in [
        ("run.googleapis.com/ingress: internal", Ingress::Private),
        (
            "run.googleapis.com/ingress: internal-and-cloud-load-balancing",
            Ingress::Private,
        ),
        ("run.googleapis.com/ingress: all", Ingress::Public),
        ("", Ingress::Public),
    ] {
        let a = import(&run(ingress), "service.yaml", None).unwrap().answers;
        assert_eq!(
            (a.workload, a.ingress, a.deploy.port),
            (WorkloadKind::HttpService, want, 8080),
            "{ingress}"
        );
    }
}

/// The answers hold one GPU per instance: a file asking for more is read as needing a GPU,
/// and the count is listed rather than silently read as one.
#[test]
fn a_gpu_count_above_one_is_listed() {
    let k8s = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: llm}\nspec:\n  template:\n    spec:\n      containers:\n      - name: llm\n        image: ghcr.io/acme/llm:1.0\n        ports: [{containerPort: 8080}]\n        resources:\n          limits: {nvidia.com/gpu: 4}\n";
    let ecs = r#"{"family": "llm", "cpu": "4096", "memory": "16384", "containerDefinitions": [{"name": "llm", "image": "ghcr.io/acme/llm:1.0", "essential": true, "portMappings": [{"containerPort": 8080}], "resourceRequirements": [{"type": "GPU", "value": "2"}]}]}"#;
    let compose = "services:\n  llm:\n    image: ghcr.io/acme/llm:1.0\n    ports: [\"8080:8080\"]\n    deploy:\n      resources:\n        reservations:\n          devices:\n          - {driver: nvidia, count: 2, capabilities: [gpu]}\n";
    for (text, count) in [(k8s, "4 GPUs"), (ecs, "2 GPUs"), (compose, "2 GPUs")] {
        let a = import(text, "file", None).unwrap().answers;
        assert!(a.gpu, "{text}");
        let notes = imported(&a).not_understood.join("\n");
        assert!(
            notes.contains(&format!(
                "(the answers hold one GPU per instance: ask the target for {count} by hand)"
            )),
            "{notes}"
        );
    }
    let one = k8s.replace("nvidia.com/gpu: 4", "nvidia.com/gpu: 1");
    let a = import(&one, "file", None).unwrap().answers;
    assert!(a.gpu);
    assert!(!imported(&a).not_understood.join("\n").contains("GPU"));
}

/// Node selectors on the labels' deprecated `beta.kubernetes.io/` names choose the OS
/// and architecture as the current names do.
#[test]
fn deprecated_node_labels_choose_os_and_arch() {
    let k8s = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app}\nspec:\n  template:\n    spec:\n      nodeSelector: {beta.kubernetes.io/os: windows, beta.kubernetes.io/arch: amd64}\n      containers:\n      - {name: app, image: ghcr.io/acme/app:1.0, ports: [{containerPort: 80}]}\n";
    let a = import(k8s, "deploy.yaml", None).unwrap().answers;
    assert_eq!((a.os, a.arch), (Os::Windows, ArchChoice::X86_64));
    assert!(!imported(&a)
        .not_understood
        .join("\n")
        .contains("node label"));
}

/// An init container that restarts always is a native sidecar, running beside the app;
/// one that runs to completion first is an init container.
#[test]
fn native_sidecars_are_sidecars_not_init_containers() {
    let pod = |init: &str| {
        format!("apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: app}}\nspec:\n  template:\n    spec:\n      initContainers:\n{init}      containers:\n      - {{name: app, image: ghcr.io/acme/app:1.0, ports: [{{containerPort: 80}}]}}\n")
    };
    let sidecar = "      - {name: proxy, image: ghcr.io/acme/proxy:1.0, restartPolicy: Always}\n";
    let init = "      - {name: migrate, image: ghcr.io/acme/migrate:1.0}\n";
    let a = import(&pod(sidecar), "deploy.yaml", None).unwrap().answers;
    assert_eq!(a.special, [SpecialNeed::Sidecars]);
    let a = import(&pod(init), "deploy.yaml", None).unwrap().answers;
    assert_eq!(a.special, [SpecialNeed::InitContainers]);
    let mut both = vec![SpecialNeed::Sidecars, SpecialNeed::InitContainers];
    both.sort();
    let a = import(&pod(&[init, sidecar].concat()), "deploy.yaml", None)
        .unwrap()
        .answers;
    assert_eq!(a.special, both);
}

/// Local disk between whole GiB (`10G`, `500Mi`) is rounded up to the whole GiB the answers
/// hold, and the source says so, where the starting point's was kept before.
#[test]
fn ephemeral_storage_rounds_up_to_whole_gib() {
    let k8s = |disk: &str| {
        format!("apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: app}}\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: ghcr.io/acme/app:1.0\n        resources:\n          limits: {{ephemeral-storage: {disk}}}\n")
    };
    for (disk, gib, said) in [
        ("10G", 10.0, Some("(9.31 GiB, rounded up to 10 GiB)")),
        ("500Mi", 1.0, Some("(0.49 GiB, rounded up to 1 GiB)")),
        ("4Gi", 4.0, None),
    ] {
        let a = import(&k8s(disk), "deploy.yaml", None).unwrap().answers;
        assert_eq!(a.ephemeral_storage_gib, Some(gib), "{disk}");
        let imp = imported(&a);
        let source = imp.source_of("ephemeral_storage_gib").unwrap();
        assert_eq!(source.contains("rounded up"), said.is_some(), "{source}");
        if let Some(said) = said {
            assert!(source.ends_with(said), "{source}");
        }
        assert!(
            !imp.not_understood.join("\n").contains("ephemeral"),
            "{disk}"
        );
    }
}

/// An HTTPRoute is as internal as its Gateway: one in the file is read (and not listed as
/// unread); one that is not leaves the ingress public and says what to check.
#[test]
fn an_httproute_reads_its_gateway() {
    let app = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  template:\n    metadata: {labels: {app: api}}\n    spec:\n      containers:\n      - {name: api, image: ghcr.io/acme/api:1.0, ports: [{containerPort: 8080}]}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: api-svc}\nspec:\n  selector: {app: api}\n  ports: [{port: 80, targetPort: 8080}]\n---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: web}\nspec:\n  parentRefs: [{name: gw}]\n  rules:\n  - backendRefs: [{name: api-svc, port: 80}]\n";
    let gateway = |spec: &str| {
        format!("{app}---\napiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {{name: gw}}\nspec:\n{spec}  listeners: [{{name: http, protocol: HTTP, port: 80}}]\n")
    };
    for (file, want, says) in [
        (gateway("  gatewayClassName: gke-l7-rilb\n"), Ingress::Private, "an internal HTTPRoute routes to Service api-svc"),
        (gateway("  gatewayClassName: gke-l7-cross-regional-internal-managed-mc\n"), Ingress::Private, "an internal HTTPRoute"),
        (
            gateway("  gatewayClassName: amazon-alb\n  infrastructure:\n    annotations: {service.beta.kubernetes.io/aws-load-balancer-scheme: internal}\n"),
            Ingress::Private,
            "an internal HTTPRoute",
        ),
        (
            gateway("  gatewayClassName: istio\n  infrastructure:\n    annotations: {networking.gke.io/load-balancer-type: Internal}\n"),
            Ingress::Private,
            "an internal HTTPRoute",
        ),
        (gateway("  gatewayClassName: gke-l7-global-external-managed\n"), Ingress::Public, "an HTTPRoute routes to Service api-svc: public)"),
        (
            app.to_string(),
            Ingress::Public,
            "public, as Gateway 'gw' is not in the file; set ingress to private if it is internal",
        ),
    ] {
        let a = import(&file, "app.yaml", None).unwrap().answers;
        assert_eq!(a.ingress, want, "{file}");
        let imp = imported(&a);
        let source = imp.source_of("ingress").unwrap();
        assert!(source.contains(says), "{source}");
        let notes = imp.not_understood.join("\n");
        assert!(!notes.contains("Gateway gw"), "the Gateway is read, not listed: {notes}");
    }
}

/// An Ingress or a Gateway API HTTPRoute sending traffic to the workload's ClusterIP
/// Service makes its ingress public, and says so; one marked internal keeps it private.
/// The route's hosts and TLS are listed, and the route is no longer listed as unread.
#[test]
fn an_ingress_to_the_service_means_public_ingress() {
    let app = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  template:\n    metadata: {labels: {app: api}}\n    spec:\n      containers:\n      - {name: api, image: ghcr.io/acme/api:1.0, ports: [{containerPort: 8080}]}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: api-svc}\nspec:\n  selector: {app: api}\n  ports: [{port: 80, targetPort: 8080}]\n---\n";
    let ingress = |extra: &str, backend: &str| {
        format!("{app}apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n{extra}spec:\n  tls: [{{hosts: [api.example.com], secretName: api-tls}}]\n  rules:\n  - host: api.example.com\n    http:\n      paths:\n      - {{path: /, pathType: Prefix, backend: {{service: {{name: {backend}, port: {{number: 80}}}}}}}}\n")
    };
    let route = format!("{app}apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {{name: web}}\nspec:\n  parentRefs: [{{name: public-gw}}]\n  rules:\n  - backendRefs: [{{name: api-svc, port: 80}}]\n");
    let internal_class = "  annotations: {kubernetes.io/ingress.class: gce-internal}\n";
    let internal_scheme = "  annotations: {alb.ingress.kubernetes.io/scheme: internal}\n";
    for (file, want, kind) in [
        (ingress("", "api-svc"), Ingress::Public, "Ingress"),
        (route, Ingress::Public, "HTTPRoute"),
        (
            ingress(internal_class, "api-svc"),
            Ingress::Private,
            "Ingress",
        ),
        (
            ingress(internal_scheme, "api-svc"),
            Ingress::Private,
            "Ingress",
        ),
    ] {
        let a = import(&file, "app.yaml", None).unwrap().answers;
        assert_eq!(a.ingress, want, "{file}");
        let imp = imported(&a);
        let source = imp.source_of("ingress").unwrap();
        assert!(
            source.contains(&format!("{kind} routes to Service api-svc")),
            "{source}"
        );
        let notes = imp.not_understood.join("\n");
        assert!(
            notes.contains("its hosts, paths and TLS are not carried"),
            "{notes}"
        );
        assert!(!notes.contains("not read"), "{notes}");
    }
    // An Ingress to some other Service leaves the ClusterIP Service private, and is listed.
    let a = import(&ingress("", "other"), "app.yaml", None)
        .unwrap()
        .answers;
    assert_eq!(a.ingress, Ingress::Private);
    assert!(imported(&a)
        .not_understood
        .contains(&"Ingress 'web' (not read; carry it over by hand)".to_string()));
}

/// A Cloud Run service's location becomes the region, and what it connects to (Cloud SQL,
/// a VPC connector and its egress, an external load balancer in front) is listed with
/// what to set up on the target, where it was dropped before.
#[test]
fn cloud_run_location_and_connections_are_read_or_listed() {
    let a = import(&cloud_run_service_with_connections(), "service.yaml", None)
        .unwrap()
        .answers;
    assert_eq!(a.deploy.region, "europe-west4");
    let imp = imported(&a);
    assert_eq!(
        imp.source_of("deploy.region").unwrap(),
        "metadata.labels.cloud.googleapis.com/location: 'europe-west4'"
    );
    let notes = imp.not_understood.join("\n");
    for said in [
        "run.googleapis.com/ingress: 'internal-and-cloud-load-balancing' (read as private; requests through an external Application Load Balancer are not carried",
        "run.googleapis.com/cloudsql-instances: 'acme:europe-west4:orders-db' (the Cloud SQL connection is not carried",
        "run.googleapis.com/vpc-access-connector: 'projects/acme/locations/europe-west4/connectors/main' (the VPC connection is not carried",
        "run.googleapis.com/vpc-access-egress: 'all-traffic' (not carried",
    ] {
        assert!(notes.contains(said), "{said}\n{notes}");
    }
    // A location that is no Google Cloud region is listed, not written where manifests
    // would refuse it.
    let odd = cloud_run_service_with_connections().replace("europe-west4}", "Europe West}");
    let a = import(&odd, "service.yaml", None).unwrap().answers;
    assert_eq!(a.deploy.region, "");
    assert!(imported(&a).not_understood.iter().any(|n| n.starts_with(
        "metadata.labels.cloud.googleapis.com/location: 'Europe West' (not a region id Berth can use"
    )));
}

fn cloud_run_service_with_connections() -> String {
    "apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: checkout\n  labels: {cloud.googleapis.com/location: europe-west4}\n  annotations: {run.googleapis.com/ingress: internal-and-cloud-load-balancing}\nspec:\n  template:\n    metadata:\n      annotations:\n        run.googleapis.com/vpc-access-connector: projects/acme/locations/europe-west4/connectors/main\n        run.googleapis.com/vpc-access-egress: all-traffic\n        run.googleapis.com/cloudsql-instances: acme:europe-west4:orders-db\n    spec:\n      containers:\n      - image: europe-west4-docker.pkg.dev/acme/apps/checkout:1.0\n        ports: [{containerPort: 8080}]\n".into()
}

/// The accelerator a Cloud Run service or a GKE pod selects means a GPU of that model, so
/// Berth's own GPU bundles read back with their GPU type; a model Berth has no choice for
/// asks for any GPU and is listed.
#[test]
fn accelerator_selectors_give_the_gpu_model() {
    for (platform, gpu_type, file) in [
        ("cloud-run", GpuChoice::NvidiaL4, "service.yaml"),
        ("gke-autopilot", GpuChoice::NvidiaT4, "kubernetes.yaml"),
    ] {
        let mut a = Archetype::GpuInference.preset();
        a.gpu_type = gpu_type;
        let bundle = bundle(platform, &a);
        let text = &bundle
            .files
            .iter()
            .find(|f| f.path == file)
            .unwrap()
            .contents;
        let back = import(text, file, Some(&a.deploy.name)).unwrap().answers;
        assert!(back.gpu, "{platform}");
        assert_eq!(back.gpu_type, gpu_type, "{platform}");
        let source = imported(&back).source_of("gpu").unwrap().to_string();
        assert!(source.contains("accelerator"), "{source}");
    }
    let gke = |model: &str| {
        format!("apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: llm}}\nspec:\n  template:\n    spec:\n      nodeSelector: {{cloud.google.com/gke-accelerator: {model}}}\n      containers:\n      - {{name: llm, image: ghcr.io/acme/llm:1.0, resources: {{limits: {{nvidia.com/gpu: 1}}}}}}\n")
    };
    let a = import(&gke("nvidia-h100-80gb"), "deploy.yaml", None)
        .unwrap()
        .answers;
    assert!(a.gpu);
    assert_eq!(a.gpu_type, GpuChoice::Any);
    let notes = imported(&a).not_understood.join("\n");
    assert!(
        notes.contains("(Berth has no choice for this GPU model: any GPU is asked for; check the target offers nvidia-h100-80gb)"),
        "{notes}"
    );
    assert!(!notes.contains("node label"), "{notes}");
}

/// A Container App's location becomes the region (its display name too); scale rules
/// other than HTTP, and a job's replicas per execution, are listed where they were dropped.
#[test]
fn container_apps_location_scalers_and_replica_counts() {
    let app = "type: Microsoft.App/containerApps\nname: orders\nlocation: West Europe\nproperties:\n  configuration:\n    ingress: {external: true, targetPort: 8080}\n  template:\n    containers:\n    - {name: orders, image: ghcr.io/acme/orders:1.0}\n    scale:\n      minReplicas: 1\n      maxReplicas: 10\n      rules:\n      - {name: http-rule, http: {metadata: {concurrentRequests: '50'}}}\n      - {name: queue-rule, azureQueue: {queueName: orders, queueLength: 20}}\n      - {name: kafka, custom: {type: kafka, metadata: {topic: orders}}}\n";
    let a = import(app, "app.yaml", None).unwrap().answers;
    assert_eq!(a.deploy.region, "westeurope");
    assert_eq!(a.concurrency, Some(50));
    let notes = imported(&a).not_understood.join("\n");
    for said in [
        "properties.template.scale.rules[1] 'queue-rule' (azureQueue scale rule; not carried over",
        "properties.template.scale.rules[2] 'kafka' (custom scale rule; not carried over",
    ] {
        assert!(notes.contains(said), "{said}\n{notes}");
    }
    assert!(!notes.contains("http-rule"), "{notes}");

    let job = |counts: &str| {
        format!("type: Microsoft.App/jobs\nname: etl\nlocation: northeurope\nproperties:\n  configuration:\n    triggerType: Schedule\n    scheduleTriggerConfig: {{cronExpression: '0 2 * * *', {counts}}}\n  template:\n    containers:\n    - {{name: etl, image: ghcr.io/acme/etl:1.0}}\n")
    };
    let a = import(
        &job("parallelism: 3, replicaCompletionCount: 5"),
        "job.yaml",
        None,
    )
    .unwrap()
    .answers;
    assert_eq!(a.deploy.region, "northeurope");
    let notes = imported(&a).not_understood.join("\n");
    for said in [
        "properties.configuration.scheduleTriggerConfig.parallelism: 3 (the answers run one replica per execution",
        "properties.configuration.scheduleTriggerConfig.replicaCompletionCount: 5 (the answers run one replica per execution",
    ] {
        assert!(notes.contains(said), "{said}\n{notes}");
    }
    // One replica, as Berth's own jobs run, is what the answers hold: nothing to list.
    let a = import(
        &job("parallelism: 1, replicaCompletionCount: 1"),
        "job.yaml",
        None,
    )
    .unwrap()
    .answers;
    assert!(imported(&a).not_understood.is_empty());
}

/// A Cloud Run job's tasks per execution, and how many run at once, are listed where they
/// were dropped; one task, as Berth's own jobs run, is not.
#[test]
fn cloud_run_job_task_counts_are_listed() {
    let job = |counts: &str| {
        format!("apiVersion: run.googleapis.com/v1\nkind: Job\nmetadata: {{name: etl}}\nspec:\n  template:\n    spec:\n      {counts}\n      template:\n        spec:\n          containers:\n          - image: us-docker.pkg.dev/acme/etl/etl:7\n")
    };
    let a = import(
        &job("parallelism: 5\n      taskCount: 20"),
        "job.yaml",
        None,
    )
    .unwrap()
    .answers;
    let notes = imported(&a).not_understood.join("\n");
    for said in [
        "spec.template.spec.taskCount: 20 (the answers run one task per execution: on the target, start 20 tasks",
        "spec.template.spec.parallelism: 5 (not carried with the tasks",
    ] {
        assert!(notes.contains(said), "{said}\n{notes}");
    }
    let a = import(&job("parallelism: 1\n      taskCount: 1"), "job.yaml", None)
        .unwrap()
        .answers;
    assert!(imported(&a).not_understood.is_empty());
}

/// The targets check one health path: a liveness probe on another path than the
/// readiness probe's is listed, where it was dropped.
#[test]
fn a_liveness_probe_on_another_path_is_listed() {
    let k8s = |live: &str| {
        format!("apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: api}}\nspec:\n  template:\n    spec:\n      containers:\n      - name: api\n        image: ghcr.io/acme/api:1.0\n        ports: [{{containerPort: 8080}}]\n        readinessProbe: {{httpGet: {{path: /ready, port: 8080}}}}\n        livenessProbe: {{httpGet: {{path: {live}, port: 8080}}}}\n")
    };
    let a = import(&k8s("/live"), "deploy.yaml", None).unwrap().answers;
    assert_eq!(a.deploy.health_path, "/ready");
    assert!(imported(&a).not_understood.contains(&"spec.template.spec.containers[0].livenessProbe.httpGet.path: '/live' (the target checks one path, '/ready': add a livenessProbe on '/live' by hand if the app needs it)".to_string()));
    let a = import(&k8s("/ready"), "deploy.yaml", None).unwrap().answers;
    assert!(imported(&a).not_understood.is_empty());
}

/// An ECS container sized only by its soft limit, `memoryReservation`, gets that memory
/// rather than the starting point's.
#[test]
fn ecs_memory_reservation_is_the_memory_when_nothing_else_gives_one() {
    let ecs = r#"{"family": "api", "containerDefinitions": [{"name": "api", "image": "ghcr.io/acme/api:1.0", "essential": true, "cpu": 512, "memoryReservation": 1536}]}"#;
    let a = import(ecs, "task-definition.json", None).unwrap().answers;
    assert_eq!(a.memory_gib, Some(1.5));
    assert_eq!(
        imported(&a).source_of("memory_gib").unwrap(),
        "containerDefinitions[0].memoryReservation: 1536"
    );
    let hard = ecs.replace(r#""cpu": 512"#, r#""cpu": 512, "memory": 2048"#);
    let a = import(&hard, "task-definition.json", None).unwrap().answers;
    assert_eq!(a.memory_gib, Some(2.0));
}

/// A Compose secret with an absolute target is a file at that path, not under
/// /run/secrets.
#[test]
fn a_compose_secret_with_an_absolute_target_keeps_its_path() {
    let compose = "services:\n  web:\n    image: nginx:1.27\n    ports: ['443:443']\n    secrets:\n    - {source: tls_key, target: /etc/nginx/certs/server.key}\n    - db_password\nsecrets:\n  tls_key: {file: ./server.key}\n  db_password: {file: ./db.txt}\n";
    let a = import(compose, "compose.yaml", None).unwrap().answers;
    assert_eq!(a.deploy.secrets, ["SERVER_KEY", "DB_PASSWORD"]);
    assert_eq!(
        imported(&a).original.secrets,
        [
            "SERVER_KEY: Compose secret 'tls_key' (a file at /etc/nginx/certs/server.key)",
            "DB_PASSWORD: Compose secret 'db_password' (a file at /run/secrets/db_password)",
        ]
    );
}

/// A ConfigMap in the same file gives its keys as variables, through `envFrom` (with its
/// prefix) and `configMapKeyRef`, and is no longer listed as unread; one that is not in
/// the file is listed, saying so. A Secret in the file gives its keys as secret names.
#[test]
fn a_config_map_in_the_file_gives_its_variables() {
    let k8s = |config_map: &str| {
        format!("{config_map}apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: api}}\nspec:\n  template:\n    spec:\n      containers:\n      - name: api\n        image: ghcr.io/acme/api:1.0\n        env:\n        - {{name: MODE, value: production}}\n        - {{name: LEVEL, valueFrom: {{configMapKeyRef: {{name: api-config, key: LOG_LEVEL}}}}}}\n        envFrom:\n        - configMapRef: {{name: api-config}}\n        - {{prefix: APP_, configMapRef: {{name: api-config}}}}\n        - secretRef: {{name: api-secrets}}\n")
    };
    let with = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: api-config}\ndata: {LOG_LEVEL: info, MODE: debug}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: api-secrets}\nstringData: {DB_PASSWORD: hunter2}\n---\n";
    let a = import(&k8s(with), "app.yaml", None).unwrap().answers;
    assert_eq!(
        env(&a),
        [
            ("MODE", "production"),
            ("LEVEL", "info"),
            ("LOG_LEVEL", "info"),
            ("APP_LOG_LEVEL", "info"),
            ("APP_MODE", "debug"),
        ]
    );
    assert_eq!(a.deploy.secrets, ["DB_PASSWORD"]);
    assert!(!serde_json::to_string(&a).unwrap().contains("hunter2"));
    let notes = imported(&a).not_understood;
    assert!(!notes.iter().any(|n| n.contains("ConfigMap")), "{notes:?}");

    let a = import(&k8s(""), "deploy.yaml", None).unwrap().answers;
    let notes = imported(&a).not_understood.join("\n");
    for said in [
        "envFrom ConfigMap 'api-config' (it is not in the file, so its keys are not known: add each as a variable)",
        "env 'LEVEL' (from ConfigMap 'api-config' key 'LOG_LEVEL', which is not in the file: add its value as a variable)",
        "envFrom secret 'api-secrets' (its keys are not in the file: add each as a secret by name)",
    ] {
        assert!(notes.contains(said), "{said}\n{notes}");
    }
}
